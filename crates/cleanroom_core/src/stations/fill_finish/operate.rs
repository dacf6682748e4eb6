//! The operator's procedure at the fill-and-finish unit: each of the trainee's actions carried
//! out or refused with its reason, the events a level injects, and a product handed on.

use super::ids::*;
use super::*;
use crate::level::{Action, ConnectMethod};

/// Events a level may inject into the station.
pub const EVENTS: [&str; 2] = ["seal_failed", "plate_warming"];

/// Bounds of what the recipe fields accept. Assumption: the unit's entry limits, wide enough
/// for §6.2's figures (1–10×10⁶ typical, up to 2×10⁸ for apheresis material [S6]).
const CELLS_RANGE_E6: (f64, f64) = (0.1, 200.0);
const DMSO_RANGE: (f64, f64) = (1.0, 15.0);
const FILL_RANGE_ML: (f64, f64) = (5.0, 150.0);
const SAMPLE_RANGE_ML: (f64, f64) = (0.5, 20.0);
const ADDITION_RANGE_MIN: (f64, f64) = (0.5, 60.0);

fn refusal(code: &str, en: impl Into<String>, ko: impl Into<String>) -> Refusal {
    Refusal { code: code.to_owned(), reason: Text::new(en, ko) }
}

type Done = Result<(), Refusal>;

/// Where a recipe field keeps its value in the entry.
type Slot = fn(&mut RecipeEntry) -> &mut Option<f64>;

impl FillFinish {
    /// Applies one of the trainee's actions. Actions about other things come back unhandled.
    pub fn act(&mut self, action: &Action) -> Outcome {
        let before = self.record.len();
        let result = match action {
            Action::Set { control, value } => self.set(control, value),
            Action::Press { control } => self.press(control),
            Action::Place { item, target } => self.place(item, target),
            Action::Connect { a, b, method } => self.weld(a, b, *method),
            Action::OpenClamp { clamp } if clamp == CRYO_CLAMP => Some(self.clamp(true)),
            Action::CloseClamp { clamp } if clamp == CRYO_CLAMP => Some(self.clamp(false)),
            Action::Seal { tube } => BAG_TUBES.iter().position(|t| t == tube).map(|index| self.seal(index)),
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
            // The next seal the operator makes does not hold; only inspecting it shows it.
            "seal_failed" => self.next_seal_fails = true,
            // The plate's chiller stops: the plate warms until the cooling is restored.
            "plate_warming" => self.chiller_fault = true,
            _ => return Outcome::default(),
        }
        self.outcome_since(before, Vec::new())
    }

    /// Another station's product is offered: placed here next, the batch is made from it.
    pub fn receive(&mut self, product: &Product) {
        self.offered = Some(product.clone());
    }

    fn set(&mut self, control: &str, value: &Value) -> Option<Done> {
        let number = match value {
            Value::Number(n) if n.is_finite() => Some(*n),
            _ => None,
        };
        let (range, slot): ((f64, f64), Slot) = match control {
            RECIPE_CELLS => (CELLS_RANGE_E6, |e| &mut e.cells_e6_per_ml),
            RECIPE_DMSO => (DMSO_RANGE, |e| &mut e.dmso_percent),
            RECIPE_FILL => (FILL_RANGE_ML, |e| &mut e.fill_ml),
            RECIPE_BAGS => ((1.0, MAX_BAGS as f64), |e| &mut e.bags),
            RECIPE_QC => (SAMPLE_RANGE_ML, |e| &mut e.qc_ml),
            RECIPE_RETENTION => (SAMPLE_RANGE_ML, |e| &mut e.retention_ml),
            ADDITION_TIME => (ADDITION_RANGE_MIN, |e| &mut e.addition_min),
            _ => return None,
        };
        Some(self.enter_field(control, number, range, slot))
    }

    fn enter_field(&mut self, control: &str, number: Option<f64>, range: (f64, f64), slot: Slot) -> Done {
        self.not_on_hold()?;
        if self.phase < Phase::LoadSet {
            return Err(refusal(
                "out_of_order:recipe",
                "Clear the line and check the batch record before entering the recipe.",
                "레시피를 입력하기 전에 라인 클리어런스와 제조기록서 확인을 하십시오.",
            ));
        }
        if self.recipe.is_some() {
            return Err(refusal(
                "recipe_confirmed",
                "The recipe is confirmed: it cannot change once formulation has begun.",
                "레시피가 확정되었습니다. 조제가 시작되면 바꿀 수 없습니다.",
            ));
        }
        let Some(value) = number else {
            return Err(refusal("invalid:value", "Enter a number.", "숫자를 입력하십시오."));
        };
        let whole = control != RECIPE_BAGS || value.fract() == 0.0;
        if !(range.0..=range.1).contains(&value) || !whole {
            return Err(refusal(
                "out_of_range",
                format!("Enter a value from {} to {}{}.", range.0, range.1, if whole { "" } else { ", in whole bags" }),
                format!(
                    "{}에서 {} 사이의 값을 입력하십시오{}.",
                    range.0,
                    range.1,
                    if whole { "" } else { " (백은 정수)" }
                ),
            ));
        }
        *slot(&mut self.entry) = Some(value);
        Ok(())
    }

    fn press(&mut self, control: &str) -> Option<Done> {
        Some(match control {
            LINE_CLEARANCE => self.line_clearance(),
            CHECK_BATCH_RECORD => self.check_batch_record(),
            REPORT_MISMATCH => self.report_mismatch(),
            CONFIRM_RECIPE => self.confirm_recipe(),
            COOLING => self.start_cooling(),
            MIXING => self.set_up().map(|()| {
                self.mixing = !self.mixing;
                let (en, ko) = if self.mixing { ("Mixing on.", "혼합 켬.") } else { ("Mixing off.", "혼합 끔.") };
                self.note(EntryKind::Setting, Value::Flag(self.mixing), Text::new(en, ko));
            }),
            LID => self.set_up().map(|()| {
                self.lid_open = !self.lid_open;
            }),
            ADD_CRYOPROTECTANT => self.start_addition(),
            PAUSE_ADDITION | RESUME_ADDITION => self.pause_addition(control == PAUSE_ADDITION),
            FILL => self.fill(),
            REMOVE_AIR => self.remove_air(),
            ALARM_ACK => self.acknowledge(),
            LABEL_PRINTER => self.print_labels(),
            OVERWRAP => self.overwrap(),
            FREEZER => self.hand_off(),
            RECORD_TIMES => self.record_times(),
            TRANSFER_LN2 => self.transfer(),
            label if BAG_LABELS.contains(&label) => {
                let index = BAG_LABELS.iter().position(|l| *l == label).unwrap_or(0);
                self.label_bag(index)
            }
            _ => return None,
        })
    }

    fn place(&mut self, item: &str, target: &str) -> Option<Done> {
        Some(match (item, target) {
            (SET, SET_MOUNT) => self.load_set(),
            (QC_TUBE | RETENTION_TUBE, SAMPLE_PORT) => self.take_sample(item == RETENTION_TUBE),
            (_, STATION_ID) => {
                // A product handed on is placed on the bench's tray: the batch is made from it.
                let product = self.offered.take().filter(|product| product.item == item)?;
                self.take_in(product)
            }
            _ => return None,
        })
    }

    fn take_in(&mut self, product: Product) -> Done {
        if self.phase > Phase::BatchRecord {
            return Err(refusal(
                "batch_started",
                "A batch is already on the unit: finish it before taking in another product.",
                "이미 장비에 배치가 있습니다. 다른 산물을 받기 전에 끝내십시오.",
            ));
        }
        let din = Din::parse(&product.din).map_err(|error| refusal("invalid:din", error.text().en, error.text().ko))?;
        self.incoming = Incoming { cells: product.cells, viability: product.viability, volume_ml: product.volume_ml };
        self.incoming_din = din;
        self.incoming_item = product.item.clone();
        self.note(
            EntryKind::Material,
            Value::Choice(product.din.clone()),
            Text::new(
                format!(
                    "Received {} (DIN {}): {:.2}×10⁹ cells, {:.0} % viable, {:.0} mL.",
                    product.description.en,
                    product.din,
                    product.cells / 1e9,
                    product.viability * 100.0,
                    product.volume_ml
                ),
                format!(
                    "{} 입고 (DIN {}): 세포 {:.2}×10⁹, 생존율 {:.0} %, {:.0} mL.",
                    product.description.ko,
                    product.din,
                    product.cells / 1e9,
                    product.viability * 100.0,
                    product.volume_ml
                ),
            ),
        );
        self.received = Some(product);
        Ok(())
    }

    fn line_clearance(&mut self) -> Done {
        if self.phase != Phase::LineClearance {
            return Err(refusal(
                "done:line_clearance",
                "Line clearance is already confirmed.",
                "라인 클리어런스는 이미 확인되었습니다.",
            ));
        }
        self.phase = Phase::BatchRecord;
        self.note(
            EntryKind::Equipment,
            Value::Flag(true),
            Text::new(
                "Line clearance: bench clear of the previous batch's materials, labels and records.",
                "라인 클리어런스: 작업대에 이전 배치의 자재, 라벨, 기록 없음.",
            ),
        );
        Ok(())
    }

    fn check_batch_record(&mut self) -> Done {
        self.not_on_hold()?;
        match self.phase {
            Phase::LineClearance => {
                return Err(refusal(
                    "missing_step:line_clearance",
                    "Confirm line clearance first: nothing of the last batch may be on the bench.",
                    "먼저 라인 클리어런스를 확인하십시오. 이전 배치의 어떤 것도 작업대에 있어서는 안 됩니다.",
                ));
            }
            Phase::BatchRecord if self.settings.handed_on && self.received().is_none() => {
                return Err(refusal(
                    "missing_step:product",
                    "This batch is made from the product handed on: place its bag on the incoming tray first.",
                    "이 배치는 인계된 산물로 만듭니다. 먼저 그 백을 입고 트레이에 놓으십시오.",
                ));
            }
            Phase::BatchRecord => {}
            _ => {
                return Err(refusal(
                    "done:batch_record",
                    "The batch record is already checked.",
                    "제조기록서는 이미 확인되었습니다.",
                ));
            }
        }
        self.phase = Phase::LoadSet;
        let din = self.incoming_din.to_string();
        self.note(
            EntryKind::Material,
            Value::Choice(din.clone()),
            Text::new(
                format!("Batch record, recipe and incoming bag checked: DIN {din}."),
                format!("제조기록서, 레시피, 입고 백 확인: DIN {din}."),
            ),
        );
        if self.identity_mismatch() {
            let record = self.batch_record_din().to_string();
            self.deviate(
                DeviationKind::IdentityMismatch,
                Text::new(
                    format!("The incoming bag is DIN {din} but the batch record says {record}: the mismatch was signed as checked."),
                    format!("입고 백은 DIN {din}인데 제조기록서는 {record}입니다. 불일치를 확인된 것으로 서명했습니다."),
                ),
            );
        }
        Ok(())
    }

    fn report_mismatch(&mut self) -> Done {
        self.not_on_hold()?;
        if self.phase == Phase::LineClearance {
            return Err(refusal(
                "missing_step:line_clearance",
                "Confirm line clearance first.",
                "먼저 라인 클리어런스를 확인하십시오.",
            ));
        }
        if self.handed_off() {
            return Err(refusal("handed_off", "The bags are already in the freezer.", "백은 이미 동결기에 있습니다."));
        }
        if !self.identity_mismatch() {
            // QA compares them and closes the query: the batch goes on, the query is recorded.
            self.false_query = true;
            let din = self.incoming_din.to_string();
            self.note(
                EntryKind::Deviation,
                Value::Choice("identity_query_closed".into()),
                Text::new(
                    format!("Identity query raised; QA found bag and batch record agree (DIN {din}). Closed."),
                    format!("식별 확인 요청 제기. QA가 백과 제조기록서가 일치함을 확인함 (DIN {din}). 종결."),
                ),
            );
            return Ok(());
        }
        self.mismatch_reported = true;
        self.phase = Phase::OnHold;
        let (bag, record) = (self.incoming_din.to_string(), self.batch_record_din().to_string());
        self.note(
            EntryKind::Deviation,
            Value::Choice("identity_query".into()),
            Text::new(
                format!("Identity mismatch reported to QA: bag DIN {bag}, batch record DIN {record}. Batch on hold."),
                format!("식별 불일치를 QA에 보고: 백 DIN {bag}, 제조기록서 DIN {record}. 배치 보류."),
            ),
        );
        Ok(())
    }

    fn not_on_hold(&self) -> Done {
        if self.phase == Phase::OnHold {
            return Err(refusal(
                "on_hold",
                "The batch is on hold until QA resolves the identity query.",
                "QA가 식별 확인 요청을 해결할 때까지 배치는 보류입니다.",
            ));
        }
        Ok(())
    }

    fn load_set(&mut self) -> Done {
        self.not_on_hold()?;
        match self.phase {
            Phase::LineClearance | Phase::BatchRecord => Err(refusal(
                "missing_step:batch_record",
                "Check the batch record and the incoming bag before loading the set.",
                "세트를 장착하기 전에 제조기록서와 입고 백을 확인하십시오.",
            )),
            Phase::LoadSet => {
                self.phase = Phase::Welding;
                self.note(
                    EntryKind::Equipment,
                    Value::Flag(true),
                    Text::new("Single-use set loaded.", "일회용 세트 장착."),
                );
                Ok(())
            }
            _ => Err(refusal("done:set", "The set is loaded.", "세트가 장착되어 있습니다.")),
        }
    }

    /// The unit has its set on (so the plate, the mixer and the lid can be worked).
    fn set_up(&self) -> Done {
        self.not_on_hold()?;
        if self.phase < Phase::Welding {
            return Err(refusal("missing_step:set", "Load the set first.", "먼저 세트를 장착하십시오."));
        }
        Ok(())
    }

    fn weld(&mut self, a: &str, b: &str, method: ConnectMethod) -> Option<Done> {
        let line_of = |id: &str| Weld::ALL.into_iter().find(|weld| weld.line() == id);
        let (weld, other) = match (line_of(a), line_of(b)) {
            (Some(weld), _) => (weld, b),
            (None, Some(weld)) => (weld, a),
            (None, None) => return None,
        };
        Some(self.make_weld(weld, other, method))
    }

    fn make_weld(&mut self, weld: Weld, other: &str, method: ConnectMethod) -> Done {
        self.set_up()?;
        if method != ConnectMethod::SterileWeld {
            return Err(refusal(
                "open_connection",
                "Join the set's lines by sterile weld only: anything else opens the closed system.",
                "세트 라인은 무균 접합으로만 연결하십시오. 다른 방법은 폐쇄계를 엽니다.",
            ));
        }
        let expected = match weld {
            Weld::Cells => self.incoming_item.clone(),
            Weld::Cryoprotectant => CRYO_BAG.to_owned(),
            Weld::FinalBags => FINAL_BAGS.to_owned(),
        };
        if other != expected {
            let (line, bag) = (weld.name(), weld.bag());
            return Err(refusal(
                "wrong_bag",
                format!("That is not the bag for this line: the {} line goes to {}.", line.en.to_lowercase(), bag.en),
                format!("이 라인에 맞는 백이 아닙니다. {} 라인은 {}에 연결합니다.", line.ko, bag.ko),
            ));
        }
        let index = weld as usize;
        if self.welds[index] {
            return Err(refusal("done:weld", "That line is welded already.", "이 라인은 이미 접합되었습니다."));
        }
        self.welds[index] = true;
        let name = weld.name();
        self.note(
            EntryKind::Connection,
            Value::Choice(weld.line().into()),
            Text::new(format!("Sterile weld: {} line.", name.en), format!("무균 접합: {} 라인.", name.ko)),
        );
        Ok(())
    }

    fn inspect(&mut self, object: &str) -> Option<Done> {
        if let Some(weld) = Weld::ALL.into_iter().find(|weld| weld.line() == object) {
            let index = weld as usize;
            if !self.welds[index] {
                return Some(Err(refusal(
                    "missing_step:weld",
                    "That line is not welded yet.",
                    "이 라인은 아직 접합되지 않았습니다.",
                )));
            }
            if !self.welds_inspected[index] {
                self.welds_inspected[index] = true;
                let name = weld.name();
                self.note(
                    EntryKind::Connection,
                    Value::Flag(true),
                    Text::new(
                        format!("Weld inspected, {} line: aligned, no gap or leak.", name.en),
                        format!("{} 라인 접합 검사: 정렬 양호, 틈·누출 없음.", name.ko),
                    ),
                );
                if self.welds_inspected.iter().all(|x| *x) && self.phase == Phase::Welding {
                    self.phase = Phase::Recipe;
                }
            }
            return Some(Ok(()));
        }
        let index = BAG_TUBES.iter().position(|t| *t == object)?;
        Some(self.inspect_seal(index))
    }

    fn confirm_recipe(&mut self) -> Done {
        self.not_on_hold()?;
        if self.phase < Phase::Recipe {
            return Err(refusal(
                "missing_step:welds",
                "Weld the cell, cryoprotectant and final-bag lines and inspect every weld before confirming the recipe.",
                "레시피를 확정하기 전에 세포, 동결보호제, 최종 백 라인을 접합하고 모든 접합부를 검사하십시오.",
            ));
        }
        if self.recipe.is_some() {
            return Err(refusal("done:recipe", "The recipe is confirmed.", "레시피가 확정되었습니다."));
        }
        let Some(recipe) = self.entry.recipe() else {
            return Err(refusal(
                "missing:recipe",
                "Enter every figure of the recipe from the batch record first.",
                "먼저 제조기록서의 레시피 수치를 모두 입력하십시오.",
            ));
        };
        let plan = formulation::plan(&self.incoming, &recipe, self.settings.cryoprotectant_dmso).map_err(|error| {
            let text = error.text();
            refusal("recipe_infeasible", text.en, text.ko)
        })?;
        if let Some(minutes) = self.entry.addition_min {
            self.addition_min = minutes;
        }
        self.recipe = Some(recipe);
        self.plan = Some(plan);
        self.compare_with_batch_record(&recipe);
        self.bags = vec![FinalBag::default(); recipe.bags as usize];
        self.phase = Phase::Formulating;
        self.note(
            EntryKind::Setting,
            Value::Number(recipe.cells_per_ml),
            Text::new(
                format!(
                    "Recipe: {:.1}×10⁶ cells/mL, {:.1} % DMSO, {} × {:.1} mL, QC {:.1} mL, retention {:.1} mL; cryoprotectant {:.1} mL, diluent {:.1} mL, added over {:.0} min.",
                    recipe.cells_per_ml / 1e6,
                    recipe.dmso_percent,
                    recipe.bags,
                    recipe.fill_ml,
                    recipe.qc_ml,
                    recipe.retention_ml,
                    plan.cryoprotectant_ml,
                    plan.diluent_ml,
                    self.addition_min
                ),
                format!(
                    "레시피: {:.1}×10⁶ 세포/mL, DMSO {:.1} %, {} × {:.1} mL, QC {:.1} mL, 보관 {:.1} mL. 동결보호제 {:.1} mL, 희석액 {:.1} mL, {:.0}분간 첨가.",
                    recipe.cells_per_ml / 1e6,
                    recipe.dmso_percent,
                    recipe.bags,
                    recipe.fill_ml,
                    recipe.qc_ml,
                    recipe.retention_ml,
                    plan.cryoprotectant_ml,
                    plan.diluent_ml,
                    self.addition_min
                ),
            ),
        );
        Ok(())
    }

    /// A recipe confirmed that is not the batch record's (concentration, DMSO, samples or the
    /// addition time) is a deviation; the bag count and fill are found when the bags fill.
    fn compare_with_batch_record(&mut self, recipe: &Recipe) {
        let record = self.settings.recipe;
        let differs = |a: f64, b: f64| (a - b).abs() > 1e-6 * b.abs().max(1.0);
        let figures = [
            ("cells/mL", "세포/mL", recipe.cells_per_ml / 1e6, record.cells_per_ml / 1e6, "×10⁶"),
            ("DMSO", "DMSO", recipe.dmso_percent, record.dmso_percent, " %"),
            ("QC sample", "QC 샘플", recipe.qc_ml, record.qc_ml, " mL"),
            ("retention sample", "보관 샘플", recipe.retention_ml, record.retention_ml, " mL"),
            ("addition time", "첨가 시간", self.addition_min, self.settings.addition_min, " min"),
        ];
        let wrong: Vec<_> = figures.into_iter().filter(|(_, _, typed, asked, _)| differs(*typed, *asked)).collect();
        if wrong.is_empty() {
            return;
        }
        let list = |korean: bool| {
            wrong
                .iter()
                .map(|(en, ko, typed, asked, unit)| {
                    format!("{} {typed}{unit} ({asked}{unit})", if korean { ko } else { en })
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        self.deviate(
            DeviationKind::RecipeMismatch,
            Text::new(
                format!("The recipe confirmed is not the batch record's: {} (the record's in brackets).", list(false)),
                format!("확정한 레시피가 제조기록서와 다릅니다: {} (괄호 안은 기록서 값).", list(true)),
            ),
        );
    }

    fn start_cooling(&mut self) -> Done {
        self.set_up()?;
        if self.cooling() {
            return Err(refusal("done:cooling", "The plate is cooling.", "플레이트가 냉각 중입니다."));
        }
        let restart = self.chiller_fault;
        self.cooling = true;
        self.chiller_fault = false;
        let text = if restart {
            Text::new("Cooling restored after a chiller fault.", "냉각기 고장 후 냉각 복구.")
        } else {
            Text::new(
                format!("Cooling started, set point {PLATE_SETPOINT_C:.0} °C."),
                format!("냉각 시작, 설정 {PLATE_SETPOINT_C:.0} °C."),
            )
        };
        self.note(EntryKind::Setting, Value::Number(PLATE_SETPOINT_C), text);
        Ok(())
    }

    fn clamp(&mut self, open: bool) -> Done {
        self.set_up()?;
        self.cryo_clamp_open = open;
        Ok(())
    }

    fn start_addition(&mut self) -> Done {
        self.not_on_hold()?;
        if self.phase < Phase::Formulating {
            return Err(refusal(
                "missing_step:recipe",
                "Confirm the recipe first: the unit adds what the recipe computes.",
                "먼저 레시피를 확정하십시오. 장비는 레시피가 계산한 양을 첨가합니다.",
            ));
        }
        if self.addition.started_at.is_some() {
            return Err(refusal(
                "done:addition",
                "The cryoprotectant addition has started.",
                "동결보호제 첨가가 이미 시작되었습니다.",
            ));
        }
        if !self.cryo_clamp_open {
            return Err(refusal(
                "clamp_closed",
                "The cryoprotectant line's clamp is closed: open it first.",
                "동결보호제 라인 클램프가 닫혀 있습니다. 먼저 여십시오.",
            ));
        }
        self.addition.started_at = Some(self.clock_min);
        self.addition.warmest_c = self.plate_c;
        self.note(
            EntryKind::Material,
            Value::Number(round(self.plate_c, 1)),
            Text::new(
                format!("First DMSO contact: cryoprotectant addition started, plate {:.1} °C.", self.plate_c),
                format!("첫 DMSO 접촉: 동결보호제 첨가 시작, 플레이트 {:.1} °C.", self.plate_c),
            ),
        );
        Ok(())
    }

    fn pause_addition(&mut self, pause: bool) -> Done {
        if self.addition.started_at.is_none() || self.addition.done {
            return Err(refusal("not_adding", "No addition is running.", "진행 중인 첨가가 없습니다."));
        }
        self.addition.paused = pause;
        let (en, ko) =
            if pause { ("Addition paused.", "첨가 일시 정지.") } else { ("Addition resumed.", "첨가 재개.") };
        self.note(EntryKind::Equipment, Value::Flag(pause), Text::new(en, ko));
        Ok(())
    }

    fn fill(&mut self) -> Done {
        self.not_on_hold()?;
        if self.phase != Phase::Formulated {
            let (en, ko) = if self.phase < Phase::Formulated {
                ("Add all the cryoprotectant first.", "먼저 동결보호제를 모두 첨가하십시오.")
            } else {
                ("The bags are filled.", "백이 충전되었습니다.")
            };
            return Err(refusal("out_of_order:fill", en, ko));
        }
        self.phase = Phase::Filling;
        self.filling_bag = 0;
        let Some(recipe) = self.recipe else {
            return Ok(());
        };
        let record = self.settings.recipe;
        if recipe.bags != record.bags {
            self.deviate(
                DeviationKind::WrongBagCount,
                Text::new(
                    format!("Filling {} bags; the batch record says {}.", recipe.bags, record.bags),
                    format!("백 {}개를 충전합니다. 제조기록서는 {}개입니다.", recipe.bags, record.bags),
                ),
            );
        }
        if (recipe.fill_ml - record.fill_ml).abs() > 0.05 {
            self.deviate(
                DeviationKind::WrongFillVolume,
                Text::new(
                    format!("Filling {:.1} mL a bag; the batch record says {:.1} mL.", recipe.fill_ml, record.fill_ml),
                    format!(
                        "백마다 {:.1} mL를 충전합니다. 제조기록서는 {:.1} mL입니다.",
                        recipe.fill_ml, record.fill_ml
                    ),
                ),
            );
        }
        Ok(())
    }

    fn filled(&self) -> Done {
        self.not_on_hold()?;
        if self.phase < Phase::Filled {
            return Err(refusal("missing_step:fill", "Fill the bags first.", "먼저 백을 충전하십시오."));
        }
        if self.handed_off() {
            return Err(refusal("handed_off", "The bags are in the freezer.", "백은 동결기에 있습니다."));
        }
        Ok(())
    }

    fn remove_air(&mut self) -> Done {
        self.filled()?;
        if self.air_removed {
            return Err(refusal("done:air", "The air is out of the bags.", "백의 공기가 이미 제거되었습니다."));
        }
        self.air_removed = true;
        self.note(
            EntryKind::Equipment,
            Value::Flag(true),
            Text::new("Air removed from the final bags.", "최종 백의 공기 제거."),
        );
        Ok(())
    }

    fn bag(&self, index: usize) -> Result<FinalBag, Refusal> {
        self.bags.get(index).copied().ok_or_else(|| {
            refusal("unused_bag", "The recipe does not use that bag.", "레시피에서 그 백은 사용하지 않습니다.")
        })
    }

    fn seal(&mut self, index: usize) -> Done {
        self.filled()?;
        let bag = self.bag(index)?;
        if !self.air_removed {
            return Err(refusal(
                "missing_step:air",
                "Remove the air from the bags before sealing them.",
                "밀봉하기 전에 백의 공기를 제거하십시오.",
            ));
        }
        if bag.sealed && !(bag.seal_failed && bag.seal_inspected) {
            return Err(refusal("done:seal", "That bag's tube is sealed.", "그 백의 튜브는 밀봉되었습니다."));
        }
        let fails = std::mem::take(&mut self.next_seal_fails);
        let resealed = bag.sealed;
        self.bags[index] = FinalBag { sealed: true, seal_failed: fails, seal_inspected: false, ..bag };
        let n = index + 1;
        let text = if resealed {
            Text::new(
                format!("Bag {n}: new seal made below the failed one."),
                format!("백 {n}: 불량 밀봉 아래에 새로 밀봉."),
            )
        } else {
            Text::new(format!("Bag {n}: tube heat-sealed."), format!("백 {n}: 튜브 열 밀봉."))
        };
        self.note(EntryKind::Connection, Value::Choice(BAG_TUBES[index].into()), text);
        Ok(())
    }

    fn inspect_seal(&mut self, index: usize) -> Done {
        let bag = self.bag(index)?;
        if !bag.sealed {
            return Err(refusal(
                "missing_step:seal",
                "That bag's tube is not sealed yet.",
                "그 백의 튜브는 아직 밀봉되지 않았습니다.",
            ));
        }
        self.bags[index].seal_inspected = true;
        let n = index + 1;
        if bag.seal_failed {
            let text = Text::new(
                format!("Bag {n}: the seal is incomplete and leaks. Make a new seal below it."),
                format!("백 {n}: 밀봉이 불완전하여 샙니다. 그 아래에 새로 밀봉하십시오."),
            );
            self.notice = Some(text.clone());
            self.note(EntryKind::Connection, Value::Flag(false), text);
        } else {
            self.note(
                EntryKind::Connection,
                Value::Flag(true),
                Text::new(format!("Bag {n}: seal inspected, complete."), format!("백 {n}: 밀봉 검사, 완전함.")),
            );
        }
        Ok(())
    }

    fn take_sample(&mut self, retention: bool) -> Done {
        self.filled()?;
        let (taken, en, ko) = if retention {
            (self.retention_sample, "Retention sample", "보관 샘플")
        } else {
            (self.qc_sample, "QC sample", "QC 샘플")
        };
        if taken {
            return Err(refusal(
                "done:sample",
                format!("The {} is taken.", en.to_lowercase()),
                format!("{ko}은 이미 채취되었습니다."),
            ));
        }
        let volume = self.recipe.map_or(0.0, |r| if retention { r.retention_ml } else { r.qc_ml });
        if retention {
            self.retention_sample = true;
        } else {
            self.qc_sample = true;
        }
        self.note(
            EntryKind::Sample,
            Value::Number(volume),
            Text::new(format!("{en} taken: {volume:.1} mL."), format!("{ko} 채취: {volume:.1} mL.")),
        );
        Ok(())
    }

    fn print_labels(&mut self) -> Done {
        self.not_on_hold()?;
        let Some(labels) = self.labels_now() else {
            return Err(refusal(
                "missing_step:recipe",
                "Confirm the recipe first: the labels print its volume and DMSO.",
                "먼저 레시피를 확정하십시오. 라벨에는 그 용량과 DMSO가 인쇄됩니다.",
            ));
        };
        if self.labels.is_some() {
            return Err(refusal("done:labels", "The labels are printed.", "라벨이 인쇄되었습니다."));
        }
        let count = self.bags.len();
        self.note(
            EntryKind::Material,
            Value::Choice(labels.din.clone()),
            Text::new(
                format!(
                    "{count} bag labels and {count} overwrap labels printed from the batch record: DIN {}.",
                    labels.din
                ),
                format!("제조기록서에서 백 라벨 {count}개와 외포장 라벨 {count}개 인쇄: DIN {}.", labels.din),
            ),
        );
        self.labels = Some(labels);
        Ok(())
    }

    fn label_bag(&mut self, index: usize) -> Done {
        self.filled()?;
        let bag = self.bag(index)?;
        if self.labels.is_none() {
            return Err(refusal("missing_step:labels", "Print the labels first.", "먼저 라벨을 인쇄하십시오."));
        }
        if !bag.sealed {
            return Err(refusal(
                "missing_step:seal",
                "Seal the bag before labelling it.",
                "라벨을 붙이기 전에 백을 밀봉하십시오.",
            ));
        }
        if bag.labelled {
            return Err(refusal("done:label", "That bag is labelled.", "그 백에는 라벨이 붙어 있습니다."));
        }
        self.bags[index].labelled = true;
        let n = index + 1;
        self.note(
            EntryKind::Material,
            Value::Flag(true),
            Text::new(format!("Bag {n} labelled."), format!("백 {n} 라벨 부착.")),
        );
        Ok(())
    }

    fn overwrap(&mut self) -> Done {
        self.filled()?;
        if self.overwrapped {
            return Err(refusal("done:overwrap", "The bags are overwrapped.", "백은 외포장되었습니다."));
        }
        if let Some(n) = self.bags.iter().position(|bag| !bag.seal_inspected) {
            return Err(refusal(
                "missing_step:inspect_seal",
                format!("Inspect every seal first: bag {}'s is not inspected.", n + 1),
                format!("먼저 모든 밀봉을 검사하십시오. 백 {}의 밀봉이 검사되지 않았습니다.", n + 1),
            ));
        }
        if let Some(n) = self.bags.iter().position(|bag| !bag.labelled) {
            return Err(refusal(
                "missing_step:label",
                format!("Label every bag first: bag {} has no label.", n + 1),
                format!("먼저 모든 백에 라벨을 붙이십시오. 백 {}에 라벨이 없습니다.", n + 1),
            ));
        }
        self.overwrapped = true;
        self.note(
            EntryKind::Material,
            Value::Flag(true),
            Text::new("Bags overwrapped and the overwraps labelled.", "백 외포장 및 외포장 라벨 부착."),
        );
        Ok(())
    }

    fn hand_off(&mut self) -> Done {
        self.filled()?;
        if !self.overwrapped {
            return Err(refusal(
                "missing_step:overwrap",
                "Overwrap the labelled bags before they go to the freezer.",
                "동결기로 옮기기 전에 라벨을 붙인 백을 외포장하십시오.",
            ));
        }
        self.handed_off_at = Some(self.clock_min);
        self.phase = Phase::Freezing;
        self.freezing = vec![(0.0, self.plate_c)];
        let exposure = self.exposure_min();
        self.note(
            EntryKind::Equipment,
            Value::Number(round(exposure, 1)),
            Text::new(
                format!("Bags in the controlled-rate freezer; profile {:.1} °C/min started. DMSO exposure {exposure:.0} min.", self.settings.cooling_rate_c_min),
                format!("백을 속도 조절 동결기에 넣음. {:.1} °C/min 프로파일 시작. DMSO 노출 {exposure:.0}분.", self.settings.cooling_rate_c_min),
            ),
        );
        if self.bags.iter().any(|bag| bag.seal_failed) {
            self.deviate(
                DeviationKind::FailedSeal,
                Text::new(
                    "A bag went to the freezer with a failed seal: it is open to contamination and may leak.",
                    "밀봉이 불량한 백이 동결기로 들어갔습니다. 오염에 노출되고 샐 수 있습니다.",
                ),
            );
        }
        if !self.qc_sample {
            self.deviate(
                DeviationKind::NoQcSample,
                Text::new(
                    "The bags were frozen without a QC sample: release testing has nothing to test.",
                    "QC 샘플 없이 동결했습니다. 출하 시험에 쓸 샘플이 없습니다.",
                ),
            );
        }
        if !self.retention_sample {
            self.deviate(
                DeviationKind::NoRetentionSample,
                Text::new("The bags were frozen without a retention sample.", "보관 샘플 없이 동결했습니다."),
            );
        }
        if self.identity_mismatch() {
            let (bag, labels) = (self.incoming_din.to_string(), self.batch_record_din().to_string());
            self.deviate(
                DeviationKind::IdentityMismatch,
                Text::new(
                    format!("The cells came from DIN {bag}, but the bags are labelled {labels}: the chain of identity is broken."),
                    format!("세포는 DIN {bag}에서 왔으나 백 라벨은 {labels}입니다. 식별 연속성이 끊겼습니다."),
                ),
            );
        }
        self.viability = Some(formulation::viability_after(self.incoming.viability, &self.handling()));
        Ok(())
    }

    fn record_times(&mut self) -> Done {
        let Some(handed_off) = self.handed_off_at else {
            return Err(refusal(
                "missing_step:hand_off",
                "Hand the bags to the freezer first.",
                "먼저 백을 동결기로 옮기십시오.",
            ));
        };
        if self.times_recorded {
            return Err(refusal("done:times", "The times are recorded.", "시간이 이미 기록되었습니다."));
        }
        self.times_recorded = true;
        let first = self.addition.started_at.unwrap_or(handed_off);
        let clock = |minutes: f64| format!("{:.0}:{:02.0}", (minutes / 60.0).floor(), (minutes % 60.0).floor());
        let exposure = self.exposure_min();
        self.note(
            EntryKind::Measurement,
            Value::Number(round(exposure, 1)),
            Text::new(
                format!(
                    "Times: first DMSO contact {}, into the freezer {}, exposure {exposure:.0} min (hold {:.0} min).",
                    clock(first),
                    clock(handed_off),
                    self.settings.hold_min
                ),
                format!(
                    "시간: 첫 DMSO 접촉 {}, 동결기 투입 {}, 노출 {exposure:.0}분 (허용 {:.0}분).",
                    clock(first),
                    clock(handed_off),
                    self.settings.hold_min
                ),
            ),
        );
        Ok(())
    }

    fn transfer(&mut self) -> Done {
        if self.phase != Phase::Frozen {
            let (en, ko) = if self.phase == Phase::Stored {
                ("The bags are in LN₂ vapour storage.", "백은 액체질소 기상 보관 중입니다.")
            } else {
                ("Let the freezing profile finish first.", "먼저 동결 프로파일이 끝나게 하십시오.")
            };
            return Err(refusal("out_of_order:transfer", en, ko));
        }
        self.phase = Phase::Stored;
        self.note(
            EntryKind::Equipment,
            Value::Number(VAPOUR_STORAGE_C),
            Text::new(
                format!("Bags moved to LN₂ vapour storage, below {PRODUCT_STORAGE_LIMIT_C:.0} °C."),
                format!("백을 액체질소 기상 보관으로 옮김, {PRODUCT_STORAGE_LIMIT_C:.0} °C 이하."),
            ),
        );
        Ok(())
    }

    fn acknowledge(&mut self) -> Done {
        if self.alarms.is_empty() {
            return Err(refusal("no_alarm", "No alarm to acknowledge.", "확인할 경보가 없습니다."));
        }
        for alarm in std::mem::take(&mut self.alarms) {
            self.acknowledged.push(alarm);
            self.note(
                EntryKind::Alarm,
                Value::Choice(alarm.id().into()),
                Text::new("Alarm acknowledged.", "경보 확인."),
            );
        }
        Ok(())
    }
}
