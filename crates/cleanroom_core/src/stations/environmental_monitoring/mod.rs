//! Environmental monitoring (domain.md §2): the monitoring trolley in the Grade B room with its
//! particle counter, its plates (settle, contact and glove-print), their labels, incubation and
//! reading, and the excursion workflow of §2.4 on its terminal.
//!
//! The counter counts the air as the world says the trainee moves (`observe_room`); the plates
//! grow what the trainee's conduct put on them: ≥5 µm particles over an open settle plate, a
//! hand held in the first air over it, surfaces and fingers touched with gloves that touched
//! something non-sterile. Incubation is compressed to a press of the terminal. A level may
//! instead give the results of an earlier operation's plates (`given_*` settings), for a review.

mod excursion;
pub mod ids;
pub mod particles;
pub mod plates;
#[cfg(test)]
mod tests;
mod view;

use std::collections::BTreeMap;

use crate::common::{Text, Value};
use crate::level::{Action, SanitiseTarget};
use crate::stations::batch_record::{BatchRecord, EntryKind, RecordEntry};
use crate::stations::desk::{Desk, DeskControls, NoField};
use crate::stations::{Outcome, RoomConditions, SettingSpec, StationModel, StationSpec};
pub use excursion::{Excursion, RootCause, Stage};
use ids::*;
use particles::{Finding, ParticleCounter, Probe};
use plates::{Plate, PlateKind, SPECS, Verdict};
pub use view::Page;

/// What the monitoring trolley declares to level authors.
pub const SPEC: StationSpec = StationSpec {
    id: STATION_ID,
    controls: &CONTROLS,
    observation_keys: OBSERVATION_KEYS,
    events: &[],
    settings: &SETTINGS,
    new: |operator| Box::new(EnvironmentalMonitoring::new(operator)),
};

/// The instructor's settings.
pub const SETTINGS: [SettingSpec; 8] = [
    SettingSpec::number(
        "contact_seconds",
        5.0,
        30.0,
        "how long a contact plate must be pressed, s (typical 10 s, domain.md §2.3)",
    ),
    SettingSpec::number("time_scale", 1.0, 60.0, "minutes of operation that pass in one real minute"),
    SettingSpec::number("operation_h", 0.1, 4.0, "how long the monitored operation lasts, h of operation time"),
    SettingSpec::number(
        "given_settle_plate_cabinet_cfu",
        0.0,
        300.0,
        "the Grade A settle plate of an earlier operation, back from incubation with this many CFU (with any `given_` setting the level starts at the results)",
    ),
    SettingSpec::number("given_settle_plate_room_cfu", 0.0, 300.0, "the Grade B settle plate's CFU, as above"),
    SettingSpec::number("given_contact_plate_cabinet_cfu", 0.0, 300.0, "the contact plate's CFU, as above"),
    SettingSpec::number("given_glove_plate_left_cfu", 0.0, 300.0, "the left glove print's CFU, as above"),
    SettingSpec::number("given_glove_plate_right_cfu", 0.0, 300.0, "the right glove print's CFU, as above"),
];

/// Every key the trolley reports.
pub const OBSERVATION_KEYS: &[&str] = &[
    "counter_running",
    "operation_running",
    "operation_done",
    "room_half_per_m3",
    "room_five_per_m3",
    "cabinet_half_per_m3",
    "cabinet_five_per_m3",
    "particle_action_exceeded",
    "five_micron_run",
    "settle_plate_cabinet_labelled",
    "settle_plate_cabinet_open",
    "settle_plate_cabinet_sampled",
    "settle_plate_cabinet_incubated",
    "settle_plate_cabinet_result",
    "settle_plate_cabinet_cfu",
    "settle_plate_room_labelled",
    "settle_plate_room_open",
    "settle_plate_room_sampled",
    "settle_plate_room_incubated",
    "settle_plate_room_result",
    "settle_plate_room_cfu",
    "contact_plate_cabinet_labelled",
    "contact_plate_cabinet_open",
    "contact_plate_cabinet_sampled",
    "contact_plate_cabinet_incubated",
    "contact_plate_cabinet_result",
    "contact_plate_cabinet_cfu",
    "glove_plate_left_labelled",
    "glove_plate_left_open",
    "glove_plate_left_sampled",
    "glove_plate_left_incubated",
    "glove_plate_left_result",
    "glove_plate_left_cfu",
    "glove_plate_right_labelled",
    "glove_plate_right_open",
    "glove_plate_right_sampled",
    "glove_plate_right_incubated",
    "glove_plate_right_result",
    "glove_plate_right_cfu",
    "plates_labelled",
    "settle_plates_closed",
    "plates_incubated",
    "plates_read",
    "gloves_clean",
    "gloves_changed_after_print",
    "unlabelled_plate_used",
    "plate_in_first_air",
    "first_air_blocked",
    "settle_over_exposed",
    "settle_closed_early",
    "contact_invalid",
    "accepted_over_limit",
    "excursion_stage",
    "excursions_open",
    "excursions_closed",
    "root_cause_unsupported",
    "review_complete",
];

/// How long a hand must stay over an open plate to count as held in its first air, s: longer
/// than lifting a lid or reaching past takes. Assumption.
const HOLD_OVER_S: f64 = 1.0;

/// Where each plate's keys start in `OBSERVATION_KEYS`, and how many each plate has (labelled,
/// open, sampled, incubated, result, CFU); a test holds the list to this shape.
const PLATE_KEYS_FROM: usize = 9;
const PLATE_KEYS_EACH: usize = 6;

/// The batch made during the monitored operation, whose impact an excursion assesses.
pub const BATCH: &str = "24-118";

const CONTROLS_OF_DESK: DeskControls = DeskControls { page: PAGE, field: FIELD, key: KEY };

/// The trolley: counter, plates, gloves, operation and review.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvironmentalMonitoring {
    counter: ParticleCounter,
    plates: Vec<Plate>,
    /// Non-sterile touches since the gloves were last sanitised or changed.
    gloves_touches: u32,
    gloves_changed_after_print: bool,
    /// Colonies the cabinet's work surface holds from placings with contaminated gloves.
    cabinet_surface_cfu: f64,
    /// Operation time, h (batch-record time), and when the monitored operation began.
    time_h: f64,
    operation_from_h: Option<f64>,
    operation_done: bool,
    plates_read: bool,
    given: bool,
    excursions: Vec<Excursion>,
    review_complete: bool,
    // What went wrong, for the level's rules.
    unlabelled_plate_used: bool,
    plate_in_first_air: bool,
    first_air_blocked: bool,
    settle_over_exposed: bool,
    settle_closed_early: bool,
    contact_invalid: bool,
    accepted_over_limit: bool,
    root_cause_unsupported: bool,
    particle_action_exceeded: bool,
    five_micron_run: bool,
    /// The plate a hand is over now, as the world last said, and for how long it has been.
    hand_over: Option<String>,
    hover_s: f64,
    // The instructor's settings.
    contact_seconds: f64,
    time_scale: f64,
    operation_h: f64,
    desk: Desk<Page, NoField>,
    record: BatchRecord,
    operator: String,
}

impl EnvironmentalMonitoring {
    pub fn new(operator: &str) -> Self {
        EnvironmentalMonitoring {
            counter: ParticleCounter::new(),
            plates: SPECS.iter().map(Plate::new).collect(),
            gloves_touches: 0,
            gloves_changed_after_print: false,
            cabinet_surface_cfu: 0.0,
            time_h: 0.0,
            operation_from_h: None,
            operation_done: false,
            plates_read: false,
            given: false,
            excursions: Vec::new(),
            review_complete: false,
            unlabelled_plate_used: false,
            plate_in_first_air: false,
            first_air_blocked: false,
            settle_over_exposed: false,
            settle_closed_early: false,
            contact_invalid: false,
            accepted_over_limit: false,
            root_cause_unsupported: false,
            particle_action_exceeded: false,
            five_micron_run: false,
            hand_over: None,
            hover_s: 0.0,
            contact_seconds: 10.0,
            time_scale: 24.0,
            operation_h: 1.0,
            desk: Desk::new(Page::Counter, CONTROLS_OF_DESK),
            record: BatchRecord::new(),
            operator: operator.to_owned(),
        }
    }

    /// The model with a level's settings.
    pub fn configured(operator: &str, settings: &BTreeMap<String, Value>) -> Self {
        let mut model = Self::new(operator);
        let number = |key: &str| match settings.get(key) {
            Some(Value::Number(n)) => Some(*n),
            _ => None,
        };
        if let Some(seconds) = number("contact_seconds") {
            model.contact_seconds = seconds;
        }
        if let Some(scale) = number("time_scale") {
            model.time_scale = scale;
        }
        if let Some(hours) = number("operation_h") {
            model.operation_h = hours;
        }
        let given: Vec<(usize, u32)> = PLATES
            .iter()
            .enumerate()
            .filter_map(|(i, id)| number(&format!("given_{id}_cfu")).map(|cfu| (i, cfu.round() as u32)))
            .collect();
        if !given.is_empty() {
            // An earlier operation's plates, labelled, sampled and incubated, are read.
            model.given = true;
            model.plates_read = true;
            model.gloves_changed_after_print = true;
            for (i, plate) in model.plates.iter_mut().enumerate() {
                plate.labelled = true;
                plate.exposed = plate.spec.kind == PlateKind::Settle;
                plate.pressed = (plate.spec.kind == PlateKind::Contact).then_some((model.contact_seconds, false));
                plate.fingers = [plate.spec.kind == PlateKind::GlovePrint; 5];
                plate.incubated = true;
                plate.set_result(given.iter().find(|(at, _)| *at == i).map_or(0, |(_, cfu)| *cfu));
            }
            model.desk.turn_to(Page::Results);
        }
        model
    }

    pub fn counter(&self) -> &ParticleCounter {
        &self.counter
    }

    pub fn plates(&self) -> &[Plate] {
        &self.plates
    }

    pub fn plate(&self, id: &str) -> Option<&Plate> {
        self.plates.iter().find(|plate| plate.spec.id == id)
    }

    fn plate_index(id: &str) -> Option<usize> {
        PLATES.iter().position(|plate| *plate == id)
    }

    /// The excursion the terminal works on: the first still open.
    pub fn current_excursion(&self) -> Option<&Excursion> {
        self.open_excursion_index().map(|index| &self.excursions[index])
    }

    pub fn page(&self) -> Page {
        self.desk.page()
    }

    /// Applies one action; actions about other things come back unhandled.
    pub fn act(&mut self, action: &Action) -> Outcome {
        let desk_outcome = self.desk.act(action, |_| Outcome::default());
        if let Some(outcome) = desk_outcome {
            return outcome;
        }
        match action {
            Action::Press { control } => self.press(control),
            Action::Set { control, value: Value::Choice(choice) } if control == EXC_ROOT_CAUSE => {
                match RootCause::from_id(choice) {
                    Some(cause) => self.root_cause(cause),
                    None => Outcome::refused("em:root_cause", "No such root cause.", "그런 근본 원인이 없습니다."),
                }
            }
            Action::Place { item, target } => self.place(item, target),
            Action::Grab { item } => match Self::plate_index(item) {
                Some(i) => {
                    self.plates[i].at = None;
                    Outcome { handled: true, ..Outcome::default() }
                }
                None => Outcome::default(),
            },
            Action::Contact { item, surface, seconds, slid } if item == CONTACT_CABINET => {
                self.contact(surface, *seconds, *slid)
            }
            Action::Touch { .. } => {
                // Any surface a hand touches in the room is non-sterile; the gloves carry it.
                self.gloves_touches += 1;
                Outcome::default()
            }
            Action::Sanitise { target: SanitiseTarget::Gloves | SanitiseTarget::Hands, .. } => {
                self.gloves_touches = 0;
                Outcome::default()
            }
            Action::Wear { garment } if garment.contains("glove") => {
                self.gloves_touches = 0;
                if self.prints_done() && !self.gloves_changed_after_print {
                    self.gloves_changed_after_print = true;
                    return self.note(
                        EntryKind::Material,
                        Value::Flag(true),
                        Text::new("Gloves changed after the glove prints", "장갑 지문 채취 후 장갑 교체"),
                    );
                }
                Outcome::default()
            }
            _ => Outcome::default(),
        }
    }

    fn press(&mut self, control: &str) -> Outcome {
        let lids = [(SETTLE_CABINET_LID, SETTLE_CABINET), (SETTLE_ROOM_LID, SETTLE_ROOM)];
        if let Some(i) = lids.iter().find(|(lid, _)| *lid == control).and_then(|(_, plate)| Self::plate_index(plate)) {
            return self.lid(i);
        }
        for (left, fingers) in [(true, LEFT_FINGERS), (false, RIGHT_FINGERS)] {
            if let Some(finger) = fingers.iter().position(|id| *id == control) {
                return self.print(if left { GLOVE_LEFT } else { GLOVE_RIGHT }, finger);
            }
        }
        if let Some(i) = ACCEPT.iter().position(|id| *id == control) {
            return self.accept(i);
        }
        if let Some(i) = EXCURSION.iter().position(|id| *id == control) {
            return self.open_excursion(i);
        }
        let stage = match control {
            EXC_DEVIATION => Some(Stage::Deviation),
            EXC_NOTIFY_QA => Some(Stage::NotifyQa),
            EXC_IDENTIFY => Some(Stage::Identify),
            EXC_IMPACT => Some(Stage::Impact),
            EXC_CAPA => Some(Stage::Capa),
            EXC_FOLLOW_UP => Some(Stage::FollowUp),
            EXC_CLOSE => Some(Stage::Close),
            _ => None,
        };
        if let Some(stage) = stage {
            return self.stage(stage);
        }
        match control {
            COUNTER_START => {
                if !self.counter.start() {
                    return Outcome::refused(
                        "em:counter_running",
                        "The particle counter is sampling already.",
                        "입자 계수기가 이미 측정 중입니다.",
                    );
                }
                self.note(
                    EntryKind::Equipment,
                    Value::Flag(true),
                    Text::new(
                        "Particle counter started: Grade B room and Grade A cabinet, 28.3 L/min",
                        "입자 계수기 시작: B등급 공정실과 A등급 안전작업대, 28.3 L/min",
                    ),
                )
            }
            OPERATION_START => self.start_operation(),
            READ_PLATES => self.read_plates(),
            REVIEW_DONE => self.finish_review(),
            _ => Outcome::default(),
        }
    }

    fn start_operation(&mut self) -> Outcome {
        if self.operation_from_h.is_some() {
            return Outcome::refused(
                "em:operation_running",
                "The operation has begun already.",
                "작업이 이미 시작되었습니다.",
            );
        }
        if !self.counter.running() {
            return Outcome::refused(
                "em:counter_first",
                "Start the particle counter first: Grade A is monitored for the whole of the critical work, set-up included (Annex 1 clause 9.24).",
                "먼저 입자 계수기를 시작하십시오. A등급은 준비 작업을 포함한 중요 작업 전체 동안 모니터링합니다 (Annex 1 9.24항).",
            );
        }
        self.operation_from_h = Some(self.time_h);
        self.note(
            EntryKind::Equipment,
            Value::Flag(true),
            Text::new(format!("Operation began, batch {BATCH}"), format!("작업 시작, 배치 {BATCH}")),
        )
    }

    fn lid(&mut self, i: usize) -> Outcome {
        let time_h = self.time_h;
        let plate = &mut self.plates[i];
        let name = plate.spec.name();
        if plate.open {
            plate.open = false;
            plate.exposed = true;
            let hours = plate.exposure_h;
            let over = hours > plates::MAX_EXPOSURE_H;
            let early = !self.operation_done;
            let clock = clock(hours);
            let text =
                Text::new(format!("{}: closed, exposed {clock}", name.en), format!("{}: 닫음, 노출 {clock}", name.ko));
            let mut outcome = self.note(EntryKind::Sample, Value::Number(hours), text);
            if early {
                self.settle_closed_early = true;
                outcome.notes.extend(self.deviation(Text::new(
                    format!("{}: closed before the operation ended, leaving the rest of it unmonitored", name.en),
                    format!("{}: 작업이 끝나기 전에 닫아 나머지 작업을 모니터링하지 못함", name.ko),
                )));
            }
            if over {
                self.settle_over_exposed = true;
                outcome.notes.extend(self.deviation(Text::new(
                    format!(
                        "{}: exposed {clock}, over the 4 h a settle plate may be; the agar dries and under-recovers",
                        name.en
                    ),
                    format!("{}: {clock} 노출, 낙하균 배지 허용 4시간 초과. 배지가 말라 회수율이 떨어집니다", name.ko),
                )));
            }
            return outcome;
        }
        if plate.exposed {
            return Outcome::refused(
                "em:exposed",
                "This plate has been exposed and closed: it goes to incubation now.",
                "이 배지는 노출 후 닫았습니다. 이제 배양하러 보냅니다.",
            );
        }
        let own_place = plate.spec.place.unwrap_or_default();
        let at = match plate.at.clone() {
            // Plate A may be opened in the work zone too: it is wrong, and recorded as such.
            Some(at) if at == own_place || (at == WORK_ZONE && plates::in_cabinet(own_place)) => at,
            Some(at) if [SPOT_CABINET, SPOT_ROOM, WORK_ZONE].contains(&at.as_str()) => {
                let own = place_name(own_place);
                return Outcome::refused(
                    "em:wrong_place",
                    &format!("This plate is labelled for {}: put it there before taking the lid off.", own.en),
                    &format!("이 배지의 라벨 위치는 {}입니다. 그곳에 놓은 다음 뚜껑을 여십시오.", own.ko),
                );
            }
            _ => {
                return Outcome::refused(
                    "em:not_placed",
                    "Put the plate down at its place first, then take the lid off.",
                    "먼저 배지를 정해진 위치에 놓은 다음 뚜껑을 여십시오.",
                );
            }
        };
        plate.open = true;
        let place = place_name(&at);
        let text = Text::new(
            format!("{}: opened at {} ({}), start {}", name.en, place.en, grade_at(&at), clock(time_h)),
            format!("{}: {}에서 개봉 ({}), 시작 {}", name.ko, place.ko, grade_at(&at), clock(time_h)),
        );
        self.note(EntryKind::Sample, Value::Flag(true), text)
    }

    fn print(&mut self, id: &str, finger: usize) -> Outcome {
        let Some(i) = Self::plate_index(id) else {
            return Outcome::default();
        };
        if self.plates[i].fingers[finger] {
            return Outcome::refused(
                "em:finger_printed",
                "That finger is printed already: roll each finger once.",
                "그 손가락은 이미 찍었습니다. 손가락마다 한 번씩 굴립니다.",
            );
        }
        let mut outcome = Outcome { handled: true, ..Outcome::default() };
        if !self.plates[i].labelled {
            outcome.notes.extend(self.unlabelled(i));
        }
        let touches = self.gloves_touches;
        let plate = &mut self.plates[i];
        plate.fingers[finger] = true;
        if plate.fingers.iter().all(|f| *f) {
            plate.expected_cfu = plates::CFU_PER_NON_STERILE_TOUCH * f64::from(touches);
            let name = plate.spec.name();
            outcome.notes.extend(
                self.note(
                    EntryKind::Sample,
                    Value::Flag(true),
                    Text::new(format!("{}: five fingers printed", name.en), format!("{}: 다섯 손가락 채취", name.ko)),
                )
                .notes,
            );
        }
        outcome
    }

    fn prints_done(&self) -> bool {
        self.plates.iter().filter(|p| p.spec.kind == PlateKind::GlovePrint).all(|p| p.sampled())
    }

    fn place(&mut self, item: &str, target: &str) -> Outcome {
        if plates::in_cabinet(target) && self.gloves_touches > 0 {
            // Gloves that touched something non-sterile leave it where they put things down.
            self.cabinet_surface_cfu += plates::CONTAMINATED_PLACING_CFU;
        }
        let Some(i) = Self::plate_index(item) else {
            return Outcome::default();
        };
        match target {
            LABEL_PRINTER => {
                let plate = &mut self.plates[i];
                if plate.labelled {
                    return Outcome::refused(
                        "em:labelled",
                        "This plate is labelled already.",
                        "이 배지는 이미 라벨이 있습니다.",
                    );
                }
                plate.labelled = true;
                // The printer hands the plate back to its place on the trolley.
                plate.at = None;
                let name = plate.spec.name();
                let place = plate.spec.place.map_or(Text::new("the operator's gloves", "작업자 장갑"), place_name);
                let (operator, time) = (self.operator.clone(), clock(self.time_h));
                self.note(
                    EntryKind::Sample,
                    Value::Flag(true),
                    Text::new(
                        format!("{}: labelled (location {}, operator {operator}, time {time})", name.en, place.en),
                        format!("{}: 라벨 부착 (위치 {}, 작업자 {operator}, 시각 {time})", name.ko, place.ko),
                    ),
                )
            }
            INCUBATOR => self.incubate(i),
            _ => {
                let mut outcome = Outcome { handled: true, ..Outcome::default() };
                let sampling_place = [SPOT_CABINET, SPOT_ROOM, WORK_ZONE, CONTACT_SPOT].contains(&target);
                if sampling_place && !self.plates[i].labelled {
                    outcome.notes.extend(self.unlabelled(i));
                }
                let plate = &mut self.plates[i];
                plate.at = Some(target.into());
                if target == WORK_ZONE && plate.spec.kind == PlateKind::Settle && !self.plate_in_first_air {
                    self.plate_in_first_air = true;
                    let name = plate.spec.name();
                    outcome.notes.extend(self.deviation(Text::new(
                        format!(
                            "{}: put in the middle of the work zone, in the first air onto the critical surface",
                            name.en
                        ),
                        format!("{}: 작업 구역 한가운데, 중요 표면으로 가는 일차 기류 속에 놓음", name.ko),
                    )));
                }
                outcome
            }
        }
    }

    fn unlabelled(&mut self, i: usize) -> Vec<RecordEntry> {
        self.unlabelled_plate_used = true;
        let name = self.plates[i].spec.name();
        self.deviation(Text::new(
            format!("{}: used without a label (location, date, operator)", name.en),
            format!("{}: 라벨(위치, 날짜, 작업자) 없이 사용", name.ko),
        ))
    }

    fn contact(&mut self, surface: &str, seconds: f64, slid: bool) -> Outcome {
        let Some(i) = Self::plate_index(CONTACT_CABINET) else {
            return Outcome::default();
        };
        if surface != CONTACT_SPOT {
            return Outcome::refused(
                "em:contact_spot",
                "This contact plate samples the marked spot on the cabinet's work surface.",
                "이 표면 접촉 배지는 안전작업대 작업면의 표시된 자리를 채취합니다.",
            );
        }
        if self.plates[i].pressed.is_some() {
            return Outcome::refused(
                "em:contact_done",
                "This plate has touched the surface already: its agar is used.",
                "이 배지는 이미 표면에 닿았습니다. 배지 면이 사용되었습니다.",
            );
        }
        let mut outcome = Outcome { handled: true, ..Outcome::default() };
        if !self.plates[i].labelled {
            outcome.notes.extend(self.unlabelled(i));
        }
        let surface_cfu = self.cabinet_surface_cfu;
        let required = self.contact_seconds;
        let plate = &mut self.plates[i];
        plate.pressed = Some((seconds, slid));
        plate.expected_cfu = surface_cfu;
        let name = plate.spec.name();
        let held = format!("{seconds:.0} s");
        outcome.notes.extend(
            self.note(
                EntryKind::Sample,
                Value::Number(seconds),
                Text::new(
                    format!("{}: pressed {held}{}", name.en, if slid { ", slid" } else { "" }),
                    format!("{}: {held} 누름{}", name.ko, if slid { ", 미끄러짐" } else { "" }),
                ),
            )
            .notes,
        );
        if slid || seconds + 1e-9 < required {
            self.contact_invalid = true;
            let why = if slid {
                Text::new(
                    "it moved sideways while pressed, which smears the agar",
                    "누르는 동안 옆으로 움직여 배지가 번졌습니다",
                )
            } else {
                Text::new(format!("{held} of the {required:.0} s set"), format!("설정 {required:.0}초 중 {held}"))
            };
            outcome.notes.extend(self.deviation(Text::new(
                format!("{}: not a valid sample: {}", name.en, why.en),
                format!("{}: 유효한 샘플이 아님: {}", name.ko, why.ko),
            )));
        }
        outcome
    }

    fn incubate(&mut self, i: usize) -> Outcome {
        // Refused or not, the plate lies in the pass box now.
        self.plates[i].at = Some(INCUBATOR.into());
        let plate = &self.plates[i];
        if plate.open {
            return Outcome::refused(
                "em:open",
                "Put the lid back on first: a plate goes to incubation closed.",
                "먼저 뚜껑을 닫으십시오. 배지는 닫은 채로 배양하러 보냅니다.",
            );
        }
        if !plate.sampled() {
            let (en, ko) = match plate.spec.kind {
                PlateKind::Settle => {
                    ("This settle plate has not been exposed yet.", "이 낙하균 배지는 아직 노출하지 않았습니다.")
                }
                PlateKind::Contact => (
                    "This contact plate has not been pressed on its surface yet.",
                    "이 표면 접촉 배지는 아직 표면에 누르지 않았습니다.",
                ),
                PlateKind::GlovePrint => (
                    "Print all five fingers of the hand on this plate first.",
                    "먼저 이 배지에 손가락 다섯 개를 모두 찍으십시오.",
                ),
            };
            return Outcome::refused("em:not_sampled", en, ko);
        }
        if plate.incubated {
            return Outcome::default();
        }
        self.plates[i].incubated = true;
        self.plates[i].at = Some(INCUBATOR.into());
        let name = self.plates[i].spec.name();
        self.note(
            EntryKind::Sample,
            Value::Flag(true),
            Text::new(
                format!("{}: to incubation (typically 20–25 °C, then 30–35 °C)", name.en),
                format!("{}: 배양 (일반적으로 20–25 °C 후 30–35 °C)", name.ko),
            ),
        )
    }

    fn read_plates(&mut self) -> Outcome {
        if self.plates_read {
            return Outcome::refused("em:read", "The plates have been read.", "배지 판독을 마쳤습니다.");
        }
        if let Some(plate) = self.plates.iter().find(|plate| !plate.incubated) {
            let name = plate.spec.name();
            return Outcome::refused(
                "em:not_incubated",
                &format!("{} is not in incubation yet: every plate of the operation is read together.", name.en),
                &format!("{}이(가) 아직 배양되지 않았습니다. 작업의 모든 배지를 함께 판독합니다.", name.ko),
            );
        }
        self.plates_read = true;
        let mut outcome = Outcome { handled: true, ..Outcome::default() };
        let contact_seconds = self.contact_seconds;
        for i in 0..self.plates.len() {
            let read = self.plates[i].read(contact_seconds);
            let spec = self.plates[i].spec;
            let limit = spec.limit();
            let (value, text) = match read {
                Some(cfu) => (
                    Value::Number(f64::from(cfu)),
                    Text::new(
                        format!("{}: {cfu} CFU (Grade {} limit {limit})", spec.name.0, spec.grade.name()),
                        format!("{}: {cfu} CFU ({}등급 기준 {limit})", spec.name.1, spec.grade.name()),
                    ),
                ),
                None => (
                    Value::Flag(false),
                    Text::new(
                        format!("{}: not a valid sample, no result", spec.name.0),
                        format!("{}: 유효한 샘플이 아니어서 결과 없음", spec.name.1),
                    ),
                ),
            };
            outcome.notes.extend(self.note(EntryKind::Measurement, value, text).notes);
        }
        self.desk.turn_to(Page::Results);
        outcome
    }

    fn accept(&mut self, i: usize) -> Outcome {
        let plate = &self.plates[i];
        match plate.verdict {
            Verdict::Pending => {
                return Outcome::refused(
                    "em:not_read",
                    "The plate has not been read yet.",
                    "배지를 아직 판독하지 않았습니다.",
                );
            }
            Verdict::Accepted | Verdict::Excursion | Verdict::Closed => {
                return Outcome::refused(
                    "em:decided",
                    "This result has been decided already.",
                    "이 결과는 이미 판정했습니다.",
                );
            }
            Verdict::Invalid => {
                return Outcome::refused(
                    "em:invalid",
                    "This plate is not a valid sample: there is no result to accept, and its deviation is on the record.",
                    "이 배지는 유효한 샘플이 아니어서 승인할 결과가 없으며, 일탈이 기록되어 있습니다.",
                );
            }
            Verdict::Within | Verdict::Alert | Verdict::OverLimit => {}
        }
        let over = plate.verdict == Verdict::OverLimit;
        let name = plate.spec.name();
        let cfu = plate.cfu.unwrap_or(0);
        self.plates[i].verdict = Verdict::Accepted;
        let mut outcome = self.note(
            EntryKind::Measurement,
            Value::Flag(true),
            Text::new(format!("{}: {cfu} CFU accepted", name.en), format!("{}: {cfu} CFU 승인", name.ko)),
        );
        if over {
            self.accepted_over_limit = true;
            outcome.notes.extend(self.deviation(Text::new(
                format!("{}: {cfu} CFU over the action limit, accepted without an investigation", name.en),
                format!("{}: 조치 기준을 넘은 {cfu} CFU를 조사 없이 승인", name.ko),
            )));
        }
        outcome
    }

    fn open_excursion(&mut self, i: usize) -> Outcome {
        match self.plates[i].verdict {
            Verdict::Pending => {
                Outcome::refused("em:not_read", "The plate has not been read yet.", "배지를 아직 판독하지 않았습니다.")
            }
            Verdict::Accepted | Verdict::Excursion | Verdict::Closed | Verdict::Invalid => {
                Outcome::refused("em:decided", "This result has been decided already.", "이 결과는 이미 판정했습니다.")
            }
            Verdict::Within | Verdict::Alert => Outcome::refused(
                "em:within",
                "This result is within its action limit: accept it. A result over an alert level is trended, not investigated as an excursion.",
                "이 결과는 조치 기준 이내이므로 승인하십시오. 경고 기준을 넘은 결과는 일탈로 조사하지 않고 경향을 관리합니다.",
            ),
            Verdict::OverLimit => {
                self.plates[i].verdict = Verdict::Excursion;
                self.excursions.push(Excursion::new(i));
                self.desk.turn_to(Page::Excursion);
                Outcome { handled: true, ..Outcome::default() }
            }
        }
    }

    /// The index of the excursion the terminal works on (the first still open).
    fn open_excursion_index(&self) -> Option<usize> {
        self.excursions.iter().position(|excursion| !excursion.closed())
    }

    fn no_excursion() -> Outcome {
        Outcome::refused(
            "em:no_excursion",
            "No excursion is open: open one from a result on the Results page.",
            "열린 일탈이 없습니다. 결과 화면에서 결과를 골라 여십시오.",
        )
    }

    fn stage(&mut self, stage: Stage) -> Outcome {
        let Some(index) = self.open_excursion_index() else {
            return Self::no_excursion();
        };
        if stage == Stage::RootCause {
            return Outcome::refused(
                "em:choose_cause",
                "Choose the root cause from the list.",
                "목록에서 근본 원인을 고르십시오.",
            );
        }
        self.advance(index, stage)
    }

    fn root_cause(&mut self, cause: RootCause) -> Outcome {
        let Some(index) = self.open_excursion_index() else {
            return Self::no_excursion();
        };
        let outcome = self.advance(index, Stage::RootCause);
        if outcome.refusals.is_empty() {
            self.excursions[index].root_cause = Some(cause);
            // Every organism this model grows is skin flora carried by people (their gloves,
            // their movement, their hands in the first air).
            if cause != RootCause::People {
                self.root_cause_unsupported = true;
            }
        }
        outcome
    }

    fn advance(&mut self, index: usize, stage: Stage) -> Outcome {
        if let Err(first) = self.excursions[index].advance(stage) {
            let first = first.name();
            return Outcome::refused(
                "em:stage_order",
                &format!("Not yet: {} comes first (domain.md §2.4).", first.en),
                &format!("아직입니다. 먼저 {} 단계입니다.", first.ko),
            );
        }
        let plate = self.excursions[index].plate;
        let spec = self.plates[plate].spec;
        let cfu = self.plates[plate].cfu.unwrap_or(0);
        let (kind, text) = match stage {
            Stage::Deviation => (
                EntryKind::Deviation,
                Text::new(
                    format!(
                        "EM excursion: {}, {cfu} CFU over the Grade {} action limit of {}",
                        spec.name.0,
                        spec.grade.name(),
                        spec.limit()
                    ),
                    format!(
                        "EM 일탈: {}, {cfu} CFU, {}등급 조치 기준 {} 초과",
                        spec.name.1,
                        spec.grade.name(),
                        spec.limit()
                    ),
                ),
            ),
            Stage::NotifyQa => (EntryKind::Deviation, Text::new("QA notified of the excursion", "일탈을 QA에 통보")),
            Stage::Identify => {
                self.excursions[index].identified = Some(spec.isolate);
                (
                    EntryKind::Measurement,
                    Text::new(
                        format!("Isolate identified to species: {} (skin flora)", spec.isolate),
                        format!("분리균 종 동정: {} (피부 상재균)", spec.isolate),
                    ),
                )
            }
            Stage::Impact => (
                EntryKind::Deviation,
                Text::new(
                    format!("Impact assessed for batch {BATCH}, made in the monitored period"),
                    format!("모니터링 기간에 제조한 배치 {BATCH}의 영향 평가"),
                ),
            ),
            Stage::RootCause => (EntryKind::Deviation, Text::new("Root cause recorded", "근본 원인 기록")),
            Stage::Capa => {
                let cause = self.excursions[index].root_cause.unwrap_or(RootCause::People).name();
                (
                    EntryKind::Deviation,
                    Text::new(
                        format!("CAPA raised against the root cause: {}", cause.en),
                        format!("근본 원인({})에 대한 CAPA 수립", cause.ko),
                    ),
                )
            }
            Stage::FollowUp => (
                EntryKind::Deviation,
                Text::new(
                    "Effectiveness to be checked by follow-up monitoring and trending",
                    "추적 모니터링과 경향 분석으로 효과성 확인 예정",
                ),
            ),
            Stage::Close => {
                self.plates[plate].verdict = Verdict::Closed;
                (EntryKind::Deviation, Text::new("Excursion closed", "일탈 종결"))
            }
        };
        self.note(kind, Value::Choice(format!("{stage:?}")), text)
    }

    fn finish_review(&mut self) -> Outcome {
        if !self.plates_read {
            return Outcome::refused("em:not_read", "Read the plates first.", "먼저 배지를 판독하십시오.");
        }
        if let Some(plate) = self
            .plates
            .iter()
            .find(|plate| !matches!(plate.verdict, Verdict::Accepted | Verdict::Closed | Verdict::Invalid))
        {
            let name = plate.spec.name();
            return Outcome::refused(
                "em:undecided",
                &format!("{}: accept it, or close its excursion, before the review is complete.", name.en),
                &format!("{}: 승인하거나 일탈을 종결해야 검토가 끝납니다.", name.ko),
            );
        }
        if self.review_complete {
            return Outcome::refused("em:reviewed", "The review is complete.", "검토를 마쳤습니다.");
        }
        self.review_complete = true;
        self.note(
            EntryKind::Measurement,
            Value::Flag(true),
            Text::new(format!("EM results reviewed, batch {BATCH}"), format!("EM 결과 검토 완료, 배치 {BATCH}")),
        )
    }

    fn deviation(&mut self, text: Text) -> Vec<RecordEntry> {
        self.note(EntryKind::Deviation, Value::Flag(true), text).notes
    }

    fn note(&mut self, kind: EntryKind, value: Value, text: Text) -> Outcome {
        let id = self.record.record(self.time_h, &self.operator, kind, value, text);
        Outcome { handled: true, refusals: Vec::new(), notes: self.record.entry(id).cloned().into_iter().collect() }
    }

    /// The room as the world sees it now.
    pub fn observe_room(&mut self, room: &RoomConditions) {
        self.counter.observe(room);
        self.hand_over = room.hand_over.clone();
    }

    /// Lets `real_seconds` pass: the counter counts in real time; the operation and the
    /// plates' exposure run in operation time.
    pub fn tick(&mut self, real_seconds: f64) -> Outcome {
        let before = self.counter.seconds_passed();
        let findings = self.counter.pass(real_seconds);
        let mut outcome = Outcome::default();
        for finding in findings {
            outcome.notes.extend(self.finding(finding).notes);
        }
        let operation_h = real_seconds * self.time_scale / 3600.0;
        self.time_h += operation_h;
        let mut moved = outcome.handled;
        if let Some(from) = self.operation_from_h
            && !self.operation_done
            && self.time_h - from >= self.operation_h - 1e-9
        {
            self.operation_done = true;
            outcome.notes.extend(
                self.note(
                    EntryKind::Equipment,
                    Value::Flag(true),
                    Text::new(format!("Operation ended, batch {BATCH}"), format!("작업 종료, 배치 {BATCH}")),
                )
                .notes,
            );
        }
        let hand_over = self.hand_over.clone();
        let over_open_plate = self.plates.iter().any(|p| p.open && hand_over.as_deref() == Some(p.spec.id));
        self.hover_s = if over_open_plate { self.hover_s + real_seconds } else { 0.0 };
        // A hand passing over (lifting the lid) is not a hand held in the first air.
        let held_over = self.hover_s >= HOLD_OVER_S;
        for i in 0..self.plates.len() {
            if !self.plates[i].open {
                continue;
            }
            moved = true;
            let at = self.plates[i].at.clone().unwrap_or_default();
            let probe = if plates::in_cabinet(&at) { Probe::Cabinet } else { Probe::Room };
            let five = self.counter.air(probe)[1];
            let plate = &mut self.plates[i];
            plate.exposure_h += operation_h;
            plate.expected_cfu += plates::SETTLE_CFU_PER_PARTICLE_H * five * operation_h;
            if held_over && hand_over.as_deref() == Some(plate.spec.id) {
                plate.expected_cfu += plates::FIRST_AIR_CFU_PER_S * real_seconds;
                if plate.spec.grade == plates::Grade::A && !self.first_air_blocked {
                    self.first_air_blocked = true;
                    let name = plate.spec.name();
                    outcome.notes.extend(self.deviation(Text::new(
                        format!("{}: a hand held over the open plate, in the first air", name.en),
                        format!("{}: 열린 배지 위 일차 기류 속에 손을 둠", name.ko),
                    )));
                }
            }
        }
        // The screen changes each whole second while the counter counts or the operation runs.
        let ticked = self.counter.seconds_passed() != before;
        moved |= ticked && (self.counter.running() || self.operation_from_h.is_some() && !self.operation_done);
        outcome.handled = moved || !outcome.notes.is_empty();
        outcome
    }

    fn finding(&mut self, finding: Finding) -> Outcome {
        let size_name = |size: usize| if size == 0 { "≥0.5 µm" } else { "≥5 µm" };
        let text = match finding {
            Finding::OverLimit { probe, size, per_m3, limit } => {
                self.particle_action_exceeded = true;
                let name = probe.name();
                Text::new(
                    format!(
                        "Particles over the action limit: {} {} {per_m3:.0}/m³ (limit {limit:.0})",
                        name.en,
                        size_name(size)
                    ),
                    format!("입자 조치 기준 초과: {} {} {per_m3:.0}/m³ (기준 {limit:.0})", name.ko, size_name(size)),
                )
            }
            Finding::OverAlert { probe, size, per_m3, alert } => {
                let name = probe.name();
                Text::new(
                    format!(
                        "Particles over the alert level: {} {} {per_m3:.0}/m³ (alert {alert:.0})",
                        name.en,
                        size_name(size)
                    ),
                    format!("입자 경고 기준 초과: {} {} {per_m3:.0}/m³ (경고 {alert:.0})", name.ko, size_name(size)),
                )
            }
            Finding::FiveMicronCount { per_m3 } => Text::new(
                format!(
                    "Grade A ≥5 µm: {per_m3:.0}/m³ in one sample (limit 29): a single count may be false; consecutive counts are investigated"
                ),
                format!(
                    "A등급 ≥5 µm: 한 번의 측정에서 {per_m3:.0}/m³ (기준 29). 한 번의 계수는 거짓일 수 있으며, 연속 계수는 조사합니다"
                ),
            ),
            Finding::FiveMicronRun => {
                self.five_micron_run = true;
                self.particle_action_exceeded = true;
                Text::new(
                    "Grade A: ≥5 µm counts in three consecutive samples, a possible contamination event to investigate",
                    "A등급: 연속 세 번의 측정에서 ≥5 µm 입자 검출, 조사할 오염 가능성",
                )
            }
        };
        self.note(EntryKind::Alarm, Value::Flag(true), text)
    }

    /// Every observation key with its value now.
    pub fn observations(&self) -> Vec<(&'static str, Value)> {
        let latest = |probe, size: usize| {
            Value::Number(self.counter.latest(probe).map_or(0.0, |sample| sample.per_m3[size].round()))
        };
        let mut values = vec![
            ("counter_running", Value::Flag(self.counter.running())),
            ("operation_running", Value::Flag(self.operation_from_h.is_some() && !self.operation_done)),
            ("operation_done", Value::Flag(self.operation_done)),
            ("room_half_per_m3", latest(Probe::Room, 0)),
            ("room_five_per_m3", latest(Probe::Room, 1)),
            ("cabinet_half_per_m3", latest(Probe::Cabinet, 0)),
            ("cabinet_five_per_m3", latest(Probe::Cabinet, 1)),
            ("particle_action_exceeded", Value::Flag(self.particle_action_exceeded)),
            ("five_micron_run", Value::Flag(self.five_micron_run)),
        ];
        let mut keys = OBSERVATION_KEYS[PLATE_KEYS_FROM..PLATE_KEYS_FROM + PLATES.len() * PLATE_KEYS_EACH].iter();
        for plate in &self.plates {
            let plate_values = [
                Value::Flag(plate.labelled),
                Value::Flag(plate.open),
                Value::Flag(plate.sampled()),
                Value::Flag(plate.incubated),
                Value::Choice(plate.verdict.id().into()),
                Value::Number(f64::from(plate.cfu.unwrap_or(0))),
            ];
            for value in plate_values {
                if let Some(key) = keys.next() {
                    values.push((key, value));
                }
            }
        }
        let settle = self.plates.iter().filter(|p| p.spec.kind == PlateKind::Settle);
        let stage = self.current_excursion().or(self.excursions.last());
        values.extend([
            ("plates_labelled", Value::Flag(self.plates.iter().all(|p| p.labelled))),
            ("settle_plates_closed", Value::Flag(settle.clone().all(|p| p.exposed && !p.open))),
            ("plates_incubated", Value::Flag(self.plates.iter().all(|p| p.incubated))),
            ("plates_read", Value::Flag(self.plates_read)),
            ("gloves_clean", Value::Flag(self.gloves_touches == 0)),
            ("gloves_changed_after_print", Value::Flag(self.gloves_changed_after_print)),
            ("unlabelled_plate_used", Value::Flag(self.unlabelled_plate_used)),
            ("plate_in_first_air", Value::Flag(self.plate_in_first_air)),
            ("first_air_blocked", Value::Flag(self.first_air_blocked)),
            ("settle_over_exposed", Value::Flag(self.settle_over_exposed)),
            ("settle_closed_early", Value::Flag(self.settle_closed_early)),
            ("contact_invalid", Value::Flag(self.contact_invalid)),
            ("accepted_over_limit", Value::Flag(self.accepted_over_limit)),
            ("excursion_stage", Value::Number(stage.map_or(0.0, |e| e.done.len() as f64))),
            ("excursions_open", Value::Number(self.excursions.iter().filter(|e| !e.closed()).count() as f64)),
            ("excursions_closed", Value::Number(self.excursions.iter().filter(|e| e.closed()).count() as f64)),
            ("root_cause_unsupported", Value::Flag(self.root_cause_unsupported)),
            ("review_complete", Value::Flag(self.review_complete)),
        ]);
        values
    }
}

/// Hours as h:mm.
fn clock(hours: f64) -> String {
    let minutes = (hours * 60.0).round() as i64;
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// A place's name, in words.
fn place_name(place: &str) -> Text {
    match place {
        SPOT_CABINET => Text::new("the cabinet, beside the work zone", "안전작업대 작업 구역 옆"),
        WORK_ZONE => Text::new("the middle of the cabinet's work zone", "안전작업대 작업 구역 한가운데"),
        CONTACT_SPOT => Text::new("the cabinet's work surface", "안전작업대 작업면"),
        SPOT_ROOM => Text::new("the stand by the stations", "장비 옆 거치대"),
        INCUBATOR => Text::new("the incubation pass box", "배양 패스 박스"),
        other => Text::new(other, other),
    }
}

/// The grade at a place, in words.
fn grade_at(place: &str) -> &'static str {
    if plates::in_cabinet(place) { "Grade A" } else { "Grade B" }
}

impl StationModel for EnvironmentalMonitoring {
    fn act(&mut self, action: &Action) -> Outcome {
        EnvironmentalMonitoring::act(self, action)
    }

    fn observations(&self) -> Vec<(&'static str, Value)> {
        EnvironmentalMonitoring::observations(self)
    }

    fn screen(&self) -> crate::stations::screen::ScreenView {
        self.view()
    }

    fn batch_record(&self) -> &BatchRecord {
        &self.record
    }

    fn configure(&mut self, settings: &BTreeMap<String, Value>) {
        *self = EnvironmentalMonitoring::configured(&self.operator, settings);
    }

    fn tick(&mut self, real_seconds: f64) -> Outcome {
        EnvironmentalMonitoring::tick(self, real_seconds)
    }

    fn observe_room(&mut self, room: &RoomConditions) {
        EnvironmentalMonitoring::observe_room(self, room)
    }

    /// The plates' labels (on once labelled), the settle plates' lids (off the plate while
    /// open) and each glove-print finger (printed).
    fn parts(&self) -> Vec<(&'static str, bool)> {
        const LABELS: [&str; 5] = [
            "settle_plate_cabinet_label",
            "settle_plate_room_label",
            "contact_plate_cabinet_label",
            "glove_plate_left_label",
            "glove_plate_right_label",
        ];
        let mut parts: Vec<(&'static str, bool)> =
            LABELS.iter().zip(&self.plates).map(|(label, plate)| (*label, plate.labelled)).collect();
        for plate in &self.plates {
            match plate.spec.id {
                SETTLE_CABINET => parts.push((SETTLE_CABINET_LID, plate.open)),
                SETTLE_ROOM => parts.push((SETTLE_ROOM_LID, plate.open)),
                GLOVE_LEFT => parts.extend(LEFT_FINGERS.iter().zip(plate.fingers).map(|(id, on)| (*id, on))),
                GLOVE_RIGHT => parts.extend(RIGHT_FINGERS.iter().zip(plate.fingers).map(|(id, on)| (*id, on))),
                _ => {}
            }
        }
        parts
    }
}
