//! The operator's procedure: each of the trainee's actions at the apheresis machine, carried out
//! or refused with its reason, and the events a level injects.

use super::ids::*;
use super::*;
use crate::level::{Action, ConnectMethod};

/// A donor's citrate tolerance during an injected citrate reaction (for `REACTION_MIN`),
/// mg/kg/h. Assumption: a donor who, for a while, metabolises citrate more slowly than [S31]'s
/// symptom-free 65 mg/kg/h, so that the default AC rate brings tingling and a metallic taste.
pub const REACTION_TOLERANCE_MG_KG_H: f64 = 30.0;

/// Bounds of what the donor page accepts. Assumption: plausible adult and child values.
const HEIGHT_RANGE_CM: (f64, f64) = (100.0, 230.0);
const WEIGHT_RANGE_KG: (f64, f64) = (20.0, 250.0);
const HCT_RANGE_PERCENT: (f64, f64) = (15.0, 65.0);
const CD3_RANGE_PER_UL: (f64, f64) = (0.0, 10_000.0);

/// Events a level may inject into the station.
pub const EVENTS: [&str; 5] =
    ["low_inlet_pressure", "high_return_pressure", "air_detected", "citrate_reaction", "ac_line_unseated"];

fn refusal(code: &str, en: impl Into<String>, ko: impl Into<String>) -> Refusal {
    Refusal { code: code.to_owned(), reason: Text::new(en, ko) }
}

type Done = Result<(), Refusal>;

impl Apheresis {
    /// Applies one of the trainee's actions. Actions about other things come back unhandled.
    pub fn act(&mut self, action: &Action) -> Outcome {
        let before = self.record.len();
        let result = match action {
            Action::Set { control, value } => self.set(control, value),
            Action::Press { control } => self.press(control),
            Action::Place { item, target } => self.place(item, target),
            Action::Connect { a, b, method } => self.connect(a, b, *method),
            Action::OpenClamp { clamp } => self.clamp(clamp, true),
            Action::CloseClamp { clamp } => self.clamp(clamp, false),
            Action::Seal { tube } => self.seal(tube),
            Action::Discard { item } if Bag::from_id(item).is_some() => {
                self.unhang(item);
                Some(Ok(()))
            }
            Action::Inspect { object } => self.inspect(object),
            _ => None,
        };
        let Some(result) = result else {
            return Outcome::default();
        };
        self.outcome_since(before, result.err().into_iter().collect())
    }

    /// Makes happen what a level injects; events it does not know come back unhandled.
    pub fn inject(&mut self, event: &str) -> Outcome {
        let before = self.record.len();
        match event {
            "low_inlet_pressure" => {
                // The vein gives less than the pump asks.
                let inlet = self.flows.inlet_ml_min.max(self.inlet_set_ml_min.min(self.ac_cap_ml_min()));
                self.access_capacity_ml_min = (inlet * COLLAPSED_ACCESS_SHARE).max(1.0);
                self.raise(AlarmKind::LowInletPressure);
            }
            "high_return_pressure" => {
                self.return_site_blocked = true;
                self.raise(AlarmKind::HighReturnPressure);
            }
            "air_detected" => {
                self.air_in_return = true;
                self.raise(AlarmKind::AirDetected);
            }
            "citrate_reaction" => {
                if self.reaction_until_min.is_none() {
                    self.tolerance_before_reaction = self.settings.donor.citrate_tolerance_mg_kg_h;
                }
                self.settings.donor.citrate_tolerance_mg_kg_h = REACTION_TOLERANCE_MG_KG_H;
                self.reaction_until_min = Some(self.clock_min + REACTION_MIN);
            }
            // The AC line slips out of its pump: citrate free-flows and no alarm sounds [S19].
            "ac_line_unseated" => self.seated[pump_index(AC_PUMP)] = false,
            _ => return Outcome::default(),
        }
        self.outcome_since(before, Vec::new())
    }

    fn set(&mut self, control: &str, value: &Value) -> Option<Done> {
        let number = match value {
            Value::Number(n) if n.is_finite() => Some(*n),
            _ => None,
        };
        let choice = match value {
            Value::Choice(c) => Some(c.as_str()),
            _ => None,
        };
        Some(match control {
            PROCEDURE => self.choose_protocol(choice),
            DONOR_SEX => self.enter_donor(control, value),
            DONOR_HEIGHT | DONOR_WEIGHT | DONOR_HCT | DONOR_CD3 => self.enter_donor(control, value),
            TARGET_WB | TARGET_TIME | TARGET_TBV => self.set_target(control, number),
            INLET_FLOW => self.set_inlet(number),
            AC_RATIO => self.set_ratio(number),
            _ => return None,
        })
    }

    fn press(&mut self, control: &str) -> Option<Done> {
        Some(match control {
            LOAD_SET => self.load_set(),
            PRIME => self.prime(),
            CONFIRM_DONOR => self.confirm_donor(),
            START => self.start_run(),
            PAUSE => self.during_run("pause").map(|()| {
                self.paused = true;
                self.note(EntryKind::Equipment, Value::Flag(true), Text::new("Pumps paused.", "펌프 일시 정지."));
            }),
            RESUME => self.during_run("resume").map(|()| {
                self.paused = false;
                self.note(EntryKind::Equipment, Value::Flag(false), Text::new("Pumps resumed.", "펌프 재개."));
            }),
            ALARM_ACK => self.acknowledge(),
            CLEAR_AIR => self.clear_air(),
            STOP_AC => self.during_run("stop_ac").map(|()| self.stop_anticoagulant()),
            RESTART_AC => self.during_run("restart_ac").map(|()| {
                self.ac_stopped = false;
                self.note(EntryKind::Setting, Value::Flag(true), Text::new("AC pump restarted.", "항응고제 펌프 재시작."));
            }),
            END_RUN => self.during_run("end_run").map(|()| {
                self.ended_at_target = false;
                self.end_run();
                if !self.target_reached() {
                    self.deviate(
                        DeviationKind::EndedEarly,
                        Text::new(
                            "The run was ended before its target: less blood was processed than planned, and fewer cells collected.",
                            "목표 전에 채집을 종료했습니다. 계획보다 적은 혈액을 처리하여 세포도 적게 채집되었습니다.",
                        ),
                    );
                }
            }),
            RINSEBACK => self.rinseback(),
            SKIP_RINSEBACK => self.in_phase(Phase::Ended, "skip_rinseback").map(|()| {
                self.note(EntryKind::Equipment, Value::Flag(false), Text::new("Ended without rinseback.", "혈액 반환 없이 종료."));
                self.enter(Phase::RunComplete);
            }),
            CENTRIFUGE_DOOR => self.toggle_door(),
            pump if PUMPS.contains(&pump) => self.seat_line(pump),
            _ => return None,
        })
    }

    fn place(&mut self, item: &str, target: &str) -> Option<Done> {
        Some(match (item, target) {
            (SET, STATION_ID) => self.mount_cassette(),
            (SET, _) if self.cassette_on => {
                if self.phase >= Phase::SetLoaded {
                    Err(refusal(
                        "set_in_use",
                        "The set is loaded: it stays on the machine.",
                        "세트가 장착되어 있습니다. 세트는 장비에 그대로 둡니다.",
                    ))
                } else {
                    self.cassette_on = false;
                    self.filler_in = false;
                    self.seated = [false; PUMPS.len()];
                    Ok(())
                }
            }
            (FILLER, CENTRIFUGE) => self.place_filler(),
            (ACD_A_BAG | ACD_A_BAG_NEXT | SALINE_BAG, ACD_A_HOOK | SALINE_HOOK) => self.hang(item, target),
            (ACD_A_BAG | ACD_A_BAG_NEXT | SALINE_BAG, _) => {
                self.unhang(item);
                Ok(())
            }
            (SQUEEZE_BALL, DONOR) => self.connected("squeeze_ball").map(|()| {
                self.access_capacity_ml_min = self.settings.donor.access_max_ml_min;
                self.note(
                    EntryKind::Equipment,
                    Value::Flag(true),
                    Text::new(
                        "Donor squeezing the ball: access flow restored.",
                        "공여자가 악력 공을 쥠: 채혈 유량 회복.",
                    ),
                );
            }),
            (CALCIUM, DONOR) => self.give_calcium(),
            (PRODUCT_LABEL, PRODUCT_BAG) => self.label(),
            (SAMPLE_COUNTS, PRODUCT_SAMPLE_SITE) => self.sample(ProductSample::Counts),
            (SAMPLE_STERILITY, PRODUCT_SAMPLE_SITE) => self.sample(ProductSample::Sterility),
            (PRODUCT_BAG, REFRIGERATOR) => self.store(Destination::Refrigerator),
            (PRODUCT_BAG, FILL_FINISH) => self.store(Destination::FillFinish),
            (PRODUCT_BAG, _) => Ok(()),
            _ => return None,
        })
    }

    fn connect(&mut self, a: &str, b: &str, method: ConnectMethod) -> Option<Done> {
        let (line, other) = if [ACCESS_LINE, RETURN_LINE].contains(&a) { (a, b) } else { (b, a) };
        if ![ACCESS_LINE, RETURN_LINE].contains(&line) {
            return None;
        }
        if method != ConnectMethod::Luer {
            return Some(Err(refusal(
                "wrong_method",
                "The donor lines are joined to the donor's needles by their Luer locks.",
                "공여자 라인은 루어 잠금으로 공여자의 바늘에 연결합니다.",
            )));
        }
        Some(self.connect_line(line, other))
    }

    fn clamp(&mut self, clamp: &str, open: bool) -> Option<Done> {
        Some(match clamp {
            INLET_SALINE_CLAMP => {
                self.saline_clamp_open = open;
                if !open && self.saline_prompted() {
                    self.notice = None;
                    self.note(
                        EntryKind::Connection,
                        Value::Flag(false),
                        Text::new("Inlet saline line closed.", "유입 생리식염수 라인 잠금."),
                    );
                }
                Ok(())
            }
            ACCESS_CLAMP | RETURN_CLAMP => {
                if !open && self.phase == Phase::Collecting {
                    Err(refusal(
                        "clamp_during_run",
                        "The run is going: end the run before clamping the donor lines.",
                        "채집 중입니다. 공여자 라인을 클램프로 잠그기 전에 채집을 종료하십시오.",
                    ))
                } else {
                    if clamp == ACCESS_CLAMP {
                        self.access_clamp_open = open;
                    } else {
                        self.return_clamp_open = open;
                    }
                    Ok(())
                }
            }
            _ => return None,
        })
    }

    fn seal(&mut self, tube: &str) -> Option<Done> {
        Some(match tube {
            ACCESS_LINE | RETURN_LINE => self.seal_donor_line(tube),
            COLLECT_LINE => self.seal_collect_line(),
            _ => return None,
        })
    }

    fn inspect(&mut self, object: &str) -> Option<Done> {
        Some(match object {
            RETURN_SITE => {
                if self.return_site_blocked {
                    self.return_site_blocked = false;
                    self.note(
                        EntryKind::Equipment,
                        Value::Flag(true),
                        Text::new(
                            "Return site checked: no swelling; the needle lay against the vein wall and was repositioned.",
                            "반환 부위 확인: 부종 없음. 바늘이 혈관벽에 닿아 있어 위치를 조정함.",
                        ),
                    );
                }
                Ok(())
            }
            ACCESS_LINE | RETURN_LINE | DONOR | AC_PUMP | SET => Ok(()),
            pump if PUMPS.contains(&pump) => Ok(()),
            _ => return None,
        })
    }

    fn choose_protocol(&mut self, choice: Option<&str>) -> Done {
        let Some(protocol) = choice.and_then(Protocol::from_id) else {
            return Err(refusal("invalid:procedure", "Choose MNC or CMNC.", "MNC 또는 CMNC를 선택하십시오."));
        };
        if self.phase > Phase::LoadingSet {
            let name = self.protocol.unwrap_or(protocol).name();
            return Err(refusal(
                "too_late:procedure",
                format!("The set is loaded for {}: the procedure cannot change now.", name.en),
                format!("세트가 {}용으로 장착되었습니다. 이제 절차를 바꿀 수 없습니다.", name.ko),
            ));
        }
        self.protocol = Some(protocol);
        self.enter(Phase::LoadingSet);
        let name = protocol.name();
        self.note(
            EntryKind::Equipment,
            Value::Choice(protocol.id().into()),
            Text::new(format!("Procedure selected: {}.", name.en), format!("절차 선택: {}.", name.ko)),
        );
        Ok(())
    }

    fn needs_protocol(&self) -> Done {
        if self.protocol.is_none() {
            return Err(refusal(
                "missing_step:procedure",
                "Select the procedure (MNC or CMNC) on the screen first: the set is loaded for it.",
                "먼저 화면에서 절차(MNC 또는 CMNC)를 선택하십시오. 세트는 그 절차에 맞게 장착합니다.",
            ));
        }
        Ok(())
    }

    fn mount_cassette(&mut self) -> Done {
        self.needs_protocol()?;
        self.cassette_on = true;
        Ok(())
    }

    fn toggle_door(&mut self) -> Done {
        if self.running() {
            return Err(refusal(
                "door_locked",
                "The centrifuge is running: its door stays locked.",
                "원심분리기가 작동 중입니다. 문은 잠겨 있습니다.",
            ));
        }
        self.door_open = !self.door_open;
        Ok(())
    }

    fn place_filler(&mut self) -> Done {
        if !self.cassette_on {
            return Err(refusal(
                "missing_step:cassette",
                "Mount the set's cassette on the machine first: the filler hangs from it.",
                "먼저 세트의 카세트를 장비에 장착하십시오. 필러는 카세트에 연결되어 있습니다.",
            ));
        }
        if !self.door_open {
            return Err(refusal(
                "door_closed",
                "Open the centrifuge door before putting the filler in.",
                "필러를 넣기 전에 원심분리기 문을 여십시오.",
            ));
        }
        self.filler_in = true;
        Ok(())
    }

    fn seat_line(&mut self, pump: &str) -> Done {
        if !self.cassette_on {
            return Err(refusal(
                "missing_step:cassette",
                "Mount the set's cassette first: its lines go into the pumps.",
                "먼저 세트의 카세트를 장착하십시오. 카세트의 라인을 펌프에 끼웁니다.",
            ));
        }
        let index = pump_index(pump);
        if !self.seated[index] && self.phase >= Phase::Collecting && pump == AC_PUMP {
            self.note(
                EntryKind::Connection,
                Value::Flag(true),
                Text::new(
                    "AC line found out of its pump and reseated: citrate had been free-flowing.",
                    "항응고제 라인이 펌프에서 빠져 있어 다시 끼움. 구연산이 제어 없이 흘러 들어가고 있었음.",
                ),
            );
        }
        self.seated[index] = true;
        Ok(())
    }

    fn unhang(&mut self, item: &str) {
        let bag = Bag::from_id(item);
        if self.ac_hook == bag {
            self.ac_hook = None;
        }
        if self.saline_hook == bag {
            self.saline_hook = None;
        }
    }

    fn hang(&mut self, item: &str, hook: &str) -> Done {
        let Some(bag) = Bag::from_id(item) else {
            return Ok(());
        };
        let taken = if hook == ACD_A_HOOK { self.ac_hook } else { self.saline_hook };
        if taken.is_some_and(|other| other != bag) {
            return Err(refusal(
                "hook_taken",
                "Another bag hangs on that hook: take it down first.",
                "그 걸이에는 다른 백이 걸려 있습니다. 먼저 내리십시오.",
            ));
        }
        self.unhang(item);
        if hook == ACD_A_HOOK {
            self.ac_hook = Some(bag);
        } else {
            self.saline_hook = Some(bag);
        }
        let fluid = bag.fluid();
        let (bag, place) = match (fluid, hook) {
            (Fluid::AcdA, ACD_A_HOOK) => (Text::new("ACD-A", "ACD-A"), Text::new("the AC hook", "항응고제 걸이")),
            (Fluid::AcdA, _) => (Text::new("ACD-A", "ACD-A"), Text::new("the saline hook", "생리식염수 걸이")),
            (Fluid::Saline, ACD_A_HOOK) => {
                (Text::new("Saline", "생리식염수"), Text::new("the AC hook", "항응고제 걸이"))
            }
            (Fluid::Saline, _) => (Text::new("Saline", "생리식염수"), Text::new("the saline hook", "생리식염수 걸이")),
        };
        self.note(
            EntryKind::Material,
            Value::Choice(hook.into()),
            Text::new(format!("{} bag hung on {}.", bag.en, place.en), format!("{} 백을 {}에 걺.", bag.ko, place.ko)),
        );
        Ok(())
    }

    fn load_set(&mut self) -> Done {
        self.needs_protocol()?;
        if self.phase >= Phase::SetLoaded {
            return Err(refusal("done:load_set", "The set is already loaded.", "세트가 이미 장착되었습니다."));
        }
        let missing = if !self.cassette_on {
            Some(("cassette", "Mount the cassette on the machine.", "카세트를 장비에 장착하십시오."))
        } else if !self.filler_in {
            Some(("filler", "Put the filler into the centrifuge.", "필러를 원심분리기에 넣으십시오."))
        } else if self.door_open {
            Some(("door", "Close the centrifuge door.", "원심분리기 문을 닫으십시오."))
        } else if let Some(pump) = self.seated.iter().position(|seated| !seated) {
            let name = pump_name(PUMPS[pump]);
            return Err(refusal(
                "missing_step:seat_lines",
                format!("The set is not loaded: seat the line in the {}.", name.en),
                format!("세트가 장착되지 않았습니다. {}에 라인을 끼우십시오.", name.ko),
            ));
        } else {
            None
        };
        if let Some((what, en, ko)) = missing {
            return Err(refusal(
                &format!("missing_step:{what}"),
                format!("The set is not loaded: {en}"),
                format!("세트가 장착되지 않았습니다. {ko}"),
            ));
        }
        self.enter(Phase::SetLoaded);
        self.note(EntryKind::Equipment, Value::Flag(true), Text::new("Single-use set loaded.", "일회용 세트 장착."));
        Ok(())
    }

    fn prime(&mut self) -> Done {
        match self.phase {
            Phase::SelectProtocol | Phase::LoadingSet => {
                return Err(refusal(
                    "missing_step:load_set",
                    "Load the set before priming it.",
                    "프라이밍하기 전에 세트를 장착하십시오.",
                ));
            }
            Phase::SetLoaded => {}
            _ => return Err(refusal("done:prime", "The set is already primed.", "세트가 이미 프라이밍되었습니다.")),
        }
        if self.door_open {
            return Err(door_open_refusal());
        }
        if self.ac_hook.is_none() || self.saline_hook.is_none() {
            return Err(refusal(
                "missing_step:hang_bags",
                "Hang the ACD-A and the saline bags on their hooks before priming.",
                "프라이밍하기 전에 ACD-A 백과 생리식염수 백을 각각의 걸이에 거십시오.",
            ));
        }
        if self.bags_swapped() {
            self.deviate(
                DeviationKind::BagsSwapped,
                Text::new(
                    "The ACD-A and saline bags are swapped: the set primed with anticoagulant in the saline line, which would run into the donor as a rapid citrate infusion.",
                    "ACD-A 백과 생리식염수 백이 바뀌었습니다. 생리식염수 라인에 항응고제가 채워져 공여자에게 구연산이 급속 주입될 수 있습니다.",
                ),
            );
        }
        self.enter(Phase::Priming);
        self.phase_until_min = self.clock_min + PRIME_MIN;
        self.note(EntryKind::Equipment, Value::Flag(true), Text::new("Priming started.", "프라이밍 시작."));
        Ok(())
    }

    fn enter_donor(&mut self, control: &str, value: &Value) -> Done {
        let collecting = self.phase == Phase::Collecting;
        if self.phase < Phase::Primed {
            return Err(refusal(
                "missing_step:prime",
                "Prime the set before entering the donor data.",
                "공여자 정보를 입력하기 전에 세트를 프라이밍하십시오.",
            ));
        }
        if self.phase > Phase::Collecting {
            return Err(refusal("too_late:donor", "The run is over.", "채집이 끝났습니다."));
        }
        if self.phase >= Phase::Collecting && !(collecting && control == DONOR_HCT) {
            return Err(refusal(
                "too_late:donor",
                "The run has started: only the haematocrit can be updated now.",
                "채집이 시작되었습니다. 이제는 헤마토크리트만 갱신할 수 있습니다.",
            ));
        }
        let invalid = |en: &str, ko: &str| refusal("invalid:donor", en, ko);
        let number = |(low, high): (f64, f64)| match value {
            Value::Number(n) if n.is_finite() && *n >= low && *n <= high => Some(*n),
            _ => None,
        };
        match control {
            DONOR_SEX => match value {
                Value::Choice(id) if Sex::from_id(id).is_some() => self.entry.sex = Sex::from_id(id),
                _ => return Err(invalid("Choose male or female.", "남성 또는 여성을 선택하십시오.")),
            },
            DONOR_HEIGHT => {
                self.entry.height_cm = Some(number(HEIGHT_RANGE_CM).ok_or_else(|| {
                    invalid("Enter the height in cm, from 100 to 230.", "키를 100–230 cm 사이로 입력하십시오.")
                })?)
            }
            DONOR_WEIGHT => {
                self.entry.weight_kg = Some(number(WEIGHT_RANGE_KG).ok_or_else(|| {
                    invalid("Enter the weight in kg, from 20 to 250.", "체중을 20–250 kg 사이로 입력하십시오.")
                })?)
            }
            DONOR_HCT => {
                let hct = number(HCT_RANGE_PERCENT).ok_or_else(|| {
                    invalid("Enter the haematocrit in %, from 15 to 65.", "헤마토크리트를 15–65 % 사이로 입력하십시오.")
                })?;
                self.entry.hct_percent = Some(hct);
                if let Some(confirmed) = self.donor_confirmed.as_mut().filter(|_| collecting) {
                    confirmed.hct_percent = Some(hct);
                    self.note(
                        EntryKind::Setting,
                        Value::Number(hct),
                        Text::new(
                            format!("Haematocrit updated to {hct:.1} %."),
                            format!("헤마토크리트를 {hct:.1} %로 갱신."),
                        ),
                    );
                }
            }
            _ => {
                self.entry.cd3_per_ul = Some(number(CD3_RANGE_PER_UL).ok_or_else(|| {
                    invalid("Enter the CD3+ pre-count in cells/µL.", "CD3+ 사전 수치를 세포/µL 단위로 입력하십시오.")
                })?)
            }
        }
        Ok(())
    }

    fn confirm_donor(&mut self) -> Done {
        if self.phase < Phase::Primed {
            return Err(refusal(
                "missing_step:prime",
                "Prime the set before entering the donor data.",
                "공여자 정보를 입력하기 전에 세트를 프라이밍하십시오.",
            ));
        }
        if self.phase >= Phase::Collecting {
            return Err(refusal("too_late:donor", "The run has started.", "채집이 시작되었습니다."));
        }
        let entry = self.entry;
        let missing = [
            (entry.sex.is_none(), Text::new("sex", "성별")),
            (entry.height_cm.is_none(), Text::new("height", "키")),
            (entry.weight_kg.is_none(), Text::new("weight", "체중")),
            (entry.hct_percent.is_none(), Text::new("haematocrit", "헤마토크리트")),
            (entry.cd3_per_ul.is_none(), Text::new("CD3+ pre-count", "CD3+ 사전 수치")),
        ];
        if let Some((_, what)) = missing.iter().find(|(gap, _)| *gap) {
            return Err(refusal(
                "missing:donor",
                format!("Enter the donor's {} before confirming.", what.en),
                format!("확인하기 전에 공여자의 {}을(를) 입력하십시오.", what.ko),
            ));
        }
        self.donor_confirmed = Some(entry);
        let tbv = entry.tbv_l().unwrap_or(0.0);
        if self.phase == Phase::Primed {
            self.enter(Phase::DonorEntered);
        }
        self.inlet_set_ml_min = self.ac_cap_ml_min().clamp(INLET_RANGE_ML_MIN.0, INLET_RANGE_ML_MIN.1);
        self.note(
            EntryKind::Measurement,
            Value::Number(tbv),
            Text::new(
                format!("Donor data entered: total blood volume {tbv:.2} L (Nadler)."),
                format!("공여자 정보 입력: 총혈액량 {tbv:.2} L (Nadler)."),
            ),
        );
        Ok(())
    }

    fn set_target(&mut self, control: &str, number: Option<f64>) -> Done {
        if self.phase < Phase::DonorEntered {
            return Err(refusal(
                "missing_step:donor",
                "Enter and confirm the donor data first: the run target depends on the total blood volume.",
                "먼저 공여자 정보를 입력하고 확인하십시오. 목표는 총혈액량에 따라 달라집니다.",
            ));
        }
        if self.phase > Phase::Collecting {
            return Err(refusal("too_late:target", "The run is over.", "채집이 끝났습니다."));
        }
        let (range, make): ((f64, f64), fn(f64) -> RunTarget) = match control {
            TARGET_WB => (TARGET_WB_RANGE_ML, RunTarget::WholeBloodMl),
            TARGET_TIME => (TARGET_TIME_RANGE_MIN, RunTarget::RunTimeMin),
            _ => (TARGET_TBV_RANGE, RunTarget::Tbv),
        };
        let Some(value) = number.filter(|n| *n >= range.0 && *n <= range.1) else {
            return Err(refusal(
                "invalid:target",
                format!("Enter a target from {} to {}.", range.0, range.1),
                format!("{}에서 {} 사이의 목표를 입력하십시오.", range.0, range.1),
            ));
        };
        // Entering one target clears the others (§5.2.5).
        let target = make(value);
        if self.phase == Phase::Collecting {
            let previous = self.target;
            self.target = Some(target);
            let passed = self.target_reached();
            self.target = previous;
            if passed {
                return Err(refusal(
                    "target_passed",
                    "The run has already gone past that target: to stop now, end the run.",
                    "채집이 이미 그 목표를 넘었습니다. 지금 멈추려면 채집을 종료하십시오.",
                ));
            }
        }
        self.target = Some(target);
        if self.phase == Phase::DonorEntered {
            self.enter(Phase::TargetSet);
        }
        let (en, ko) = match target {
            RunTarget::WholeBloodMl(ml) => {
                (format!("{ml:.0} mL whole blood processed"), format!("전혈 {ml:.0} mL 처리"))
            }
            RunTarget::RunTimeMin(min) => (format!("run time {min:.0} min"), format!("채집 시간 {min:.0}분")),
            RunTarget::Tbv(tbv) => (format!("{tbv:.2} TBV processed"), format!("총혈액량 {tbv:.2}배 처리")),
        };
        self.note(
            EntryKind::Setting,
            Value::Number(value),
            Text::new(format!("Run target: {en}."), format!("채집 목표: {ko}.")),
        );
        Ok(())
    }

    fn set_inlet(&mut self, number: Option<f64>) -> Done {
        if self.phase < Phase::DonorEntered || self.phase > Phase::Collecting {
            return Err(refusal(
                "missing_step:donor",
                "The inlet flow is set once the donor data are entered, until the run ends.",
                "유입 유량은 공여자 정보를 입력한 뒤부터 채집이 끝날 때까지 설정합니다.",
            ));
        }
        let Some(flow) = number.filter(|n| *n >= INLET_RANGE_ML_MIN.0 && *n <= INLET_RANGE_ML_MIN.1) else {
            return Err(refusal(
                "invalid:inlet",
                "Enter an inlet flow from 10 to 150 mL/min.",
                "유입 유량을 10–150 mL/min 사이로 입력하십시오.",
            ));
        };
        let cap = self.ac_cap_ml_min();
        let applied = flow.min(cap);
        if flow > cap + 1e-9 {
            // The system lowers the inlet flow itself and warns [S25].
            self.notice = Some(Text::new(
                format!("Inlet flow limited to {cap:.0} mL/min by the AC infusion rate limit."),
                format!("항응고제 주입 속도 제한으로 유입 유량을 {cap:.0} mL/min으로 제한합니다."),
            ));
        }
        self.inlet_set_ml_min = applied;
        self.note(
            EntryKind::Setting,
            Value::Number(applied),
            Text::new(
                format!("Inlet flow set to {applied:.0} mL/min."),
                format!("유입 유량 {applied:.0} mL/min으로 설정."),
            ),
        );
        Ok(())
    }

    fn set_ratio(&mut self, number: Option<f64>) -> Done {
        if self.phase < Phase::DonorEntered || self.phase > Phase::Collecting {
            return Err(refusal(
                "missing_step:donor",
                "The AC ratio is set once the donor data are entered, until the run ends.",
                "항응고제 비율은 공여자 정보를 입력한 뒤부터 채집이 끝날 때까지 설정합니다.",
            ));
        }
        let Some(ratio) = number.filter(|n| *n >= AC_RATIO_RANGE.0 && *n <= AC_RATIO_RANGE.1) else {
            return Err(refusal(
                "invalid:ratio",
                "Enter an inlet:AC ratio from 6 to 15.",
                "유입:항응고제 비율을 6–15 사이로 입력하십시오.",
            ));
        };
        self.ac_ratio = ratio;
        self.inlet_set_ml_min = self.inlet_set_ml_min.min(self.ac_cap_ml_min());
        self.note(
            EntryKind::Setting,
            Value::Number(ratio),
            Text::new(
                format!("Inlet:AC ratio set to {ratio:.0}:1."),
                format!("유입:항응고제 비율 {ratio:.0}:1로 설정."),
            ),
        );
        Ok(())
    }

    fn connect_line(&mut self, line: &str, other: &str) -> Done {
        let expected = if line == ACCESS_LINE { ACCESS_NEEDLE } else { RETURN_NEEDLE };
        if other != expected && [ACCESS_NEEDLE, RETURN_NEEDLE].contains(&other) {
            return Err(refusal(
                "wrong_line",
                "That is the other needle: the access line goes to the arm blood is drawn from, the return line to the return arm.",
                "반대쪽 바늘입니다. 채혈 라인은 채혈하는 팔에, 반환 라인은 반환하는 팔에 연결합니다.",
            ));
        }
        if other != expected {
            return Err(refusal(
                "wrong_line",
                "The donor lines connect only to the donor's needles.",
                "공여자 라인은 공여자의 바늘에만 연결합니다.",
            ));
        }
        if self.phase < Phase::Primed {
            return Err(refusal(
                "missing_step:prime",
                "Prime the set before connecting the donor.",
                "공여자를 연결하기 전에 세트를 프라이밍하십시오.",
            ));
        }
        if self.phase < Phase::TargetSet {
            return Err(refusal(
                "missing_step:target",
                "Enter the donor data and choose the run target before connecting the donor.",
                "공여자를 연결하기 전에 공여자 정보를 입력하고 채집 목표를 정하십시오.",
            ));
        }
        if self.phase > Phase::TargetSet {
            return Err(refusal("too_late:connect", "The run has already started.", "채집이 이미 시작되었습니다."));
        }
        if line == ACCESS_LINE {
            self.access_connected = true;
        } else {
            self.return_connected = true;
        }
        let name = if line == ACCESS_LINE { Text::new("Access", "채혈") } else { Text::new("Return", "반환") };
        self.note(
            EntryKind::Connection,
            Value::Flag(true),
            Text::new(
                format!("{} line connected to the donor.", name.en),
                format!("{} 라인을 공여자에게 연결.", name.ko),
            ),
        );
        Ok(())
    }

    fn start_run(&mut self) -> Done {
        if self.phase < Phase::TargetSet {
            return Err(refusal(
                "missing_step:target",
                "Enter the donor data and choose a run target first.",
                "먼저 공여자 정보를 입력하고 채집 목표를 정하십시오.",
            ));
        }
        if self.phase > Phase::TargetSet {
            return Err(refusal("done:start", "The run has already started.", "채집이 이미 시작되었습니다."));
        }
        if !self.access_connected || !self.return_connected {
            return Err(refusal(
                "missing_step:connect",
                "Connect the access and return lines to the donor before starting.",
                "시작하기 전에 채혈 라인과 반환 라인을 공여자에게 연결하십시오.",
            ));
        }
        if self.door_open {
            return Err(door_open_refusal());
        }
        if !self.access_clamp_open || !self.return_clamp_open {
            return Err(refusal(
                "clamp_closed",
                "Open the access and return line clamps.",
                "채혈 라인과 반환 라인의 클램프를 여십시오.",
            ));
        }
        self.enter(Phase::Collecting);
        self.run_start_min = Some(self.clock_min);
        self.next_history_min = 0.0;
        self.note(EntryKind::Equipment, Value::Flag(true), Text::new("Collection started.", "채집 시작."));
        if !self.hct_current() {
            let truth = self.settings.donor.hct_percent;
            self.deviate(
                DeviationKind::StaleHct,
                Text::new(
                    format!("The run started with a haematocrit that is not today's ({truth:.1} %): the interface sits in the wrong place and fewer cells are collected."),
                    format!("오늘의 헤마토크리트({truth:.1} %)가 아닌 값으로 채집을 시작했습니다. 경계면 위치가 어긋나 세포가 적게 채집됩니다."),
                ),
            );
        }
        Ok(())
    }

    fn during_run(&self, what: &str) -> Done {
        if self.phase != Phase::Collecting {
            return Err(refusal(&format!("not_running:{what}"), "The run is not going.", "채집 중이 아닙니다."));
        }
        Ok(())
    }

    fn in_phase(&self, phase: Phase, what: &str) -> Done {
        if self.phase != phase {
            return Err(refusal(&format!("out_of_order:{what}"), "Not now.", "지금은 할 수 없습니다."));
        }
        Ok(())
    }

    fn connected(&self, what: &str) -> Done {
        if !(self.access_connected && self.phase == Phase::Collecting) {
            return Err(refusal(&format!("not_running:{what}"), "The run is not going.", "채집 중이 아닙니다."));
        }
        Ok(())
    }

    fn acknowledge(&mut self) -> Done {
        if self.alarms.is_empty() {
            return Err(refusal("no_alarm", "No alarm to acknowledge.", "확인할 경보가 없습니다."));
        }
        let mut left = Vec::new();
        for alarm in std::mem::take(&mut self.alarms) {
            if !self.alarm_cause_present(alarm.kind) {
                self.note(
                    EntryKind::Alarm,
                    Value::Choice(alarm.kind.id().into()),
                    Text::new("Alarm acknowledged.", "경보 확인."),
                );
                continue;
            }
            if alarm.kind == AlarmKind::HighReturnPressure && !self.clotted {
                // Continuing forces the return against the restriction.
                if !self.deviations.contains(&DeviationKind::ReturnForced) {
                    self.deviate(
                        DeviationKind::ReturnForced,
                        Text::new(
                            "Continue was pressed against a high return pressure without checking the return site: forcing the return risks a haematoma and haemolysis.",
                            "반환 부위를 확인하지 않고 높은 반환 압력에서 계속을 눌렀습니다. 반환을 억지로 진행하면 혈종과 용혈 위험이 있습니다.",
                        ),
                    );
                }
            }
            left.push(alarm);
        }
        self.alarms = left;
        if let Some(alarm) = self.alarms.first() {
            let message = alarm.kind.message();
            return Err(refusal(
                &format!("cause_present:{}", alarm.kind.id()),
                format!("The alarm's cause is still there. {}", message.en),
                format!("경보의 원인이 아직 남아 있습니다. {}", message.ko),
            ));
        }
        self.notice = None;
        Ok(())
    }

    fn clear_air(&mut self) -> Done {
        if !self.alarm_active(AlarmKind::AirDetected) {
            return Err(refusal("no_alarm", "No air is detected.", "공기가 감지되지 않았습니다."));
        }
        self.air_in_return = false;
        self.note(
            EntryKind::Equipment,
            Value::Flag(true),
            Text::new("Air cleared from the return line.", "반환 라인의 공기 제거."),
        );
        Ok(())
    }

    fn stop_anticoagulant(&mut self) {
        self.ac_stopped = true;
        self.note(EntryKind::Setting, Value::Flag(false), Text::new("AC pump stopped.", "항응고제 펌프 정지."));
        if !self.deviations.contains(&DeviationKind::AnticoagulantStopped) {
            self.deviate(
                DeviationKind::AnticoagulantStopped,
                Text::new(
                    "The anticoagulant was stopped with blood still flowing: the set clots. Citrate symptoms are answered by slowing the inlet flow or giving calcium.",
                    "혈액이 흐르는 중에 항응고제를 중단했습니다. 세트가 응고됩니다. 구연산 증상에는 유입 유량을 낮추거나 칼슘을 투여하여 대응합니다.",
                ),
            );
        }
    }

    fn give_calcium(&mut self) -> Done {
        if self.phase < Phase::Collecting || self.phase > Phase::RinsingBack {
            return Err(refusal(
                "not_running:calcium",
                "Calcium is given during the collection, when citrate symptoms call for it.",
                "칼슘은 채집 중 구연산 증상이 있을 때 투여합니다.",
            ));
        }
        self.donor.give_calcium();
        self.note(
            EntryKind::Material,
            Value::Flag(true),
            Text::new("Oral calcium given to the donor.", "공여자에게 경구 칼슘 투여."),
        );
        Ok(())
    }

    fn rinseback(&mut self) -> Done {
        self.in_phase(Phase::Ended, "rinseback")?;
        if self.clotted {
            return Err(refusal(
                "clotted:rinseback",
                "The set has clotted: its blood must not go back to the donor. End without rinseback.",
                "세트가 응고되었습니다. 세트의 혈액을 공여자에게 반환하면 안 됩니다. 혈액 반환 없이 종료하십시오.",
            ));
        }
        if let Some(alarm) = self.alarms.first() {
            let message = alarm.kind.message();
            return Err(refusal(
                &format!("cause_present:{}", alarm.kind.id()),
                format!("Answer the alarm before returning blood. {}", message.en),
                format!("혈액을 반환하기 전에 경보에 대응하십시오. {}", message.ko),
            ));
        }
        if !self.return_clamp_open || !self.access_clamp_open {
            return Err(refusal(
                "clamp_closed:rinseback",
                "Rinseback returns blood through the donor lines: open their clamps first.",
                "혈액 반환은 공여자 라인으로 혈액을 돌려줍니다. 먼저 클램프를 여십시오.",
            ));
        }
        self.enter(Phase::RinsingBack);
        self.phase_until_min = self.clock_min + RINSEBACK_MIN;
        self.note(EntryKind::Equipment, Value::Flag(true), Text::new("Rinseback started.", "혈액 반환 시작."));
        Ok(())
    }

    fn seal_donor_line(&mut self, line: &str) -> Done {
        match self.phase {
            Phase::Collecting => {
                return Err(refusal(
                    "not_ended:seal",
                    "The run is going: end it before sealing the donor lines.",
                    "채집 중입니다. 공여자 라인을 밀봉하기 전에 채집을 종료하십시오.",
                ));
            }
            Phase::Ended | Phase::RinsingBack => {
                return Err(refusal(
                    "missing_step:rinseback",
                    "Choose rinseback or end without it, and wait for it to finish, before sealing the lines.",
                    "라인을 밀봉하기 전에 혈액 반환 여부를 선택하고 끝날 때까지 기다리십시오.",
                ));
            }
            phase if phase < Phase::Collecting => {
                return Err(refusal(
                    "not_started:seal",
                    "The run has not taken place yet.",
                    "아직 채집하지 않았습니다.",
                ));
            }
            _ => {}
        }
        let clamp_open = if line == ACCESS_LINE { self.access_clamp_open } else { self.return_clamp_open };
        if clamp_open {
            return Err(refusal(
                "clamp_open:seal",
                "Close the line's clamp before sealing it.",
                "라인을 밀봉하기 전에 클램프를 잠그십시오.",
            ));
        }
        if line == ACCESS_LINE {
            self.access_sealed = true;
        } else {
            self.return_sealed = true;
        }
        let name = if line == ACCESS_LINE { Text::new("Access", "채혈") } else { Text::new("Return", "반환") };
        self.note(
            EntryKind::Connection,
            Value::Flag(true),
            Text::new(
                format!("{} line clamped, sealed and disconnected from the donor.", name.en),
                format!("{} 라인을 잠그고 밀봉하여 공여자에게서 분리.", name.ko),
            ),
        );
        if self.access_sealed && self.return_sealed && self.phase == Phase::RunComplete {
            self.enter(Phase::Disconnected);
        }
        Ok(())
    }

    fn seal_collect_line(&mut self) -> Done {
        if self.phase < Phase::Disconnected {
            return Err(refusal(
                "missing_step:disconnect",
                "Disconnect the donor (clamp and seal the access and return lines) before sealing off the product bag.",
                "산물 백을 밀봉 분리하기 전에 공여자를 분리하십시오(채혈·반환 라인을 잠그고 밀봉).",
            ));
        }
        if self.phase >= Phase::ProductSealed {
            return Err(refusal(
                "done:seal_collect",
                "The product bag is already sealed off.",
                "산물 백이 이미 밀봉 분리되었습니다.",
            ));
        }
        self.enter(Phase::ProductSealed);
        self.sealed_at_min = Some(self.clock_min);
        if !self.labelled {
            self.product_left_unlabelled();
        }
        let volume = self.product_ml;
        self.note(
            EntryKind::Connection,
            Value::Number(volume),
            Text::new(
                format!("Collect line sealed: product bag off the set, {volume:.0} mL."),
                format!("수집 라인 밀봉: 산물 백 분리, {volume:.0} mL."),
            ),
        );
        Ok(())
    }

    fn label(&mut self) -> Done {
        if self.phase < Phase::Ended {
            return Err(refusal(
                "not_ended:label",
                "The product bag is labelled once the collection is over.",
                "산물 백은 채집이 끝난 뒤 라벨을 붙입니다.",
            ));
        }
        self.labelled = true;
        self.note(EntryKind::Material, Value::Flag(true), Text::new("Product labelled.", "산물 라벨 부착."));
        Ok(())
    }

    fn sample(&mut self, sample: ProductSample) -> Done {
        if self.phase < Phase::ProductSealed {
            return Err(refusal(
                "missing_step:seal_collect",
                "Seal the product bag off the set before sampling it.",
                "샘플을 채취하기 전에 산물 백을 세트에서 밀봉 분리하십시오.",
            ));
        }
        if self.samples.contains(&sample) {
            return Ok(());
        }
        self.samples.push(sample);
        match sample {
            ProductSample::Counts => {
                let (cells, volume) = (self.cd3_cells / 1e9, self.product_ml);
                self.note(
                    EntryKind::Sample,
                    Value::Number(self.cd3_cells),
                    Text::new(
                        format!("Product counts sample: {cells:.2}×10⁹ CD3+ cells in {volume:.0} mL."),
                        format!("산물 계수 샘플: {volume:.0} mL 중 CD3+ 세포 {cells:.2}×10⁹개."),
                    ),
                );
            }
            ProductSample::Sterility => self.note(
                EntryKind::Sample,
                Value::Flag(true),
                Text::new("Product sterility sample taken.", "산물 무균 시험 샘플 채취."),
            ),
        }
        Ok(())
    }

    /// The product left the set, or the station, without its label (recorded once).
    fn product_left_unlabelled(&mut self) {
        if !self.deviations.contains(&DeviationKind::ProductUnlabelled) {
            self.deviate(
                DeviationKind::ProductUnlabelled,
                Text::new(
                    "The product left the set without its label: an unlabelled cell product cannot be traced to its donor. Label the bag before it is sealed off.",
                    "라벨 없이 산물이 세트에서 분리되었습니다. 라벨이 없는 세포 산물은 공여자까지 추적할 수 없습니다. 밀봉 분리 전에 백에 라벨을 붙이십시오.",
                ),
            );
        }
    }

    fn store(&mut self, destination: Destination) -> Done {
        if self.phase < Phase::ProductSealed {
            return Err(refusal(
                "missing_step:seal_collect",
                "Seal the collect line first: the bag is still part of the set.",
                "먼저 수집 라인을 밀봉하십시오. 백이 아직 세트에 연결되어 있습니다.",
            ));
        }
        if self.stored.is_some() {
            return Ok(());
        }
        if !self.labelled {
            self.product_left_unlabelled();
        }
        if self.samples.len() < 2 {
            self.deviate(
                DeviationKind::ProductUnsampled,
                Text::new(
                    "The product left without its samples (counts and sterility).",
                    "샘플(계수, 무균) 없이 산물을 보냈습니다.",
                ),
            );
        }
        self.check_product_hold();
        self.stored = Some(destination);
        let (en, ko) = match destination {
            Destination::Refrigerator => ("Product stored at 2–8 °C.", "산물을 2–8 °C에 보관."),
            Destination::FillFinish => ("Product handed on to fill-and-finish.", "산물을 충전·마감 공정으로 인계."),
        };
        self.note(EntryKind::Material, Value::Choice(destination.id().into()), Text::new(en, ko));
        Ok(())
    }
}

fn door_open_refusal() -> Refusal {
    refusal(
        "door_open",
        "Close the centrifuge door: the centrifuge runs only behind it.",
        "원심분리기 문을 닫으십시오. 원심분리기는 문이 닫혀야 작동합니다.",
    )
}

/// A pump's name for the trainee.
pub fn pump_name(pump: &str) -> Text {
    match pump {
        "inlet_pump" => Text::new("inlet pump", "유입 펌프"),
        "ac_pump" => Text::new("AC pump", "항응고제 펌프"),
        "return_pump" => Text::new("return pump", "반환 펌프"),
        "plasma_pump" => Text::new("plasma pump", "혈장 펌프"),
        _ => Text::new("collect pump", "수집 펌프"),
    }
}
