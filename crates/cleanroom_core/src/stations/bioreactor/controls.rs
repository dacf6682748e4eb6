//! The bioreactor as the trainee operates it: level-format actions (`procedure::Action`) on the
//! bioreactor's touchscreen controls, set lines, bags and sample port, turned into station
//! operations (`Operation`) on the `Bioreactor` model.
//!
//! The touchscreen holds settings (coating reagent, cell count, distribution, IC inlet rate)
//! between the moment the trainee enters them and the button that uses them; the desk also
//! remembers which bag object is joined to which line, so that taking that object off the
//! station separates its line, and whether the enzyme bag is on the reagent line at harvest.
//! Nothing here panics on a trainee's action: whatever cannot be carried out comes back as a
//! `Refusal` with its reason in English and Korean.

use std::collections::BTreeMap;

use super::alarms::AlarmKind;
use super::events::{LineState, Phase, Refusal, RefusalKind, StationEvent};
use super::operation::{Bag, CoatingReagent, ConnectionMethod, Distribution, Operation, QcTest};
use super::pages::{Page, PageChoice};
use super::touchscreen::{
    ADVANCE_TIME, ALARM_ACK, CELL_COUNT, CELL_DISTRIBUTION, COAT, COATING_REAGENT, CONDITION_MEDIUM, HARVEST,
    IC_INLET_RATE, LOAD_CELLS, LOAD_SET, PAGE, PRIME, SCREEN_CONTROLS, START_FEEDING, ScreenSetting, ScreenSettings,
    WASH_OUT,
};
use super::{Bioreactor, MAX_IC_INLET_ML_MIN, MAX_LOADED_CELLS};
use crate::common::Value;
use crate::level::{Action, ConnectMethod};

/// The port samples are drawn from.
pub const SAMPLE_PORT: &str = "bioreactor_sample_port";

/// The bag object whose presence on the reagent line at harvest means an enzymatic release.
pub const ENZYME_BAG: &str = "enzyme_bag";

/// The single-use set as an object: inspecting it looks over every line.
pub const SET: &str = "bioreactor_set";

/// The daily sample's tube, its label and the analyser it goes into.
pub const SAMPLE_TUBE: &str = "sample_tube";
pub const SAMPLE_LABEL: &str = "sample_label";
pub const ANALYSER: &str = "metabolite_analyser";

/// The harvest bag, and its product label.
pub const HARVEST_BAG: &str = "harvest_bag";
pub const HARVEST_BAG_LABEL: &str = "harvest_bag_label";

/// The harvest bag's sampling site, where the product sample containers are filled.
pub const HARVEST_SAMPLE_SITE: &str = "harvest_bag_sample_site";

/// The product sample containers, one per QC test; each is filled at the sampling site.
pub const QC_SAMPLES: [(&str, QcTest); 4] = [
    ("qc_sample_count", QcTest::CountAndViability),
    ("qc_sample_sterility", QcTest::Sterility),
    ("qc_sample_mycoplasma", QcTest::Mycoplasma),
    ("qc_sample_endotoxin", QcTest::Endotoxin),
];

/// Most simulated time one press of "advance time" lets pass, hours. A game choice: one day,
/// so the trainee never sleeps through a daily sample.
pub const ADVANCE_MAX_H: f64 = 24.0;

/// Places a bag may be put without being taken off the set.
const ON_STATION: [&str; 2] = ["bioreactor", "bioreactor_bag_hanger"];

/// One line of the single-use set: the id of its free end, its clamp, and the bag it takes
/// (none for the IC inlet line, which runs inside the incubator and is only inspected).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineSpec {
    pub id: &'static str,
    pub clamp: &'static str,
    pub bag: Option<Bag>,
}

/// The set's lines, in the order they hang from the incubator.
pub const LINES: [LineSpec; 6] = [
    LineSpec { id: "set_media_line", clamp: "media_line_clamp", bag: Some(Bag::Media) },
    LineSpec { id: "set_reagent_line", clamp: "reagent_line_clamp", bag: Some(Bag::Reagent) },
    LineSpec { id: "set_waste_line", clamp: "waste_line_clamp", bag: Some(Bag::Waste) },
    LineSpec { id: "set_cell_line", clamp: "cell_line_clamp", bag: Some(Bag::Cell) },
    LineSpec { id: "set_harvest_line", clamp: "harvest_line_clamp", bag: Some(Bag::Harvest) },
    LineSpec { id: "set_ic_inlet_line", clamp: "ic_inlet_line_clamp", bag: None },
];

/// The IC inlet line, which takes no bag.
const IC_INLET_LINE: &str = "set_ic_inlet_line";

/// The bag whose line a set tube id names (`set_media_line` and so on).
pub fn line_bag(tube: &str) -> Option<Bag> {
    LINES.iter().find(|line| line.id == tube).and_then(|line| line.bag)
}

/// The alarm the station raises when a level injects `event` (none for events the model does
/// not know, which the level handles on its own).
pub fn injected_alarm(event: &str) -> Option<AlarmKind> {
    match event {
        "ic_inlet_pressure_alarm" => Some(AlarmKind::IcInletPressureHigh),
        "prime_alarm" => Some(AlarmKind::SetPressureHigh),
        _ => None,
    }
}

/// The daily sample tube in the trainee's hands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tube {
    /// No sample in it yet; it may already carry its label.
    Empty { labelled: bool },
    /// A sample drawn, not yet in the analyser.
    Filled,
}

/// What one trainee action did at the bioreactor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeskOutcome {
    /// What the station reported, in order (including what happened while time passed).
    pub events: Vec<StationEvent>,
    /// What the station or the touchscreen refused, with the reason for the trainee.
    pub refusals: Vec<Refusal>,
    /// Whether the action concerned the bioreactor at all: a touchscreen control, a set line,
    /// the sample port, or a bag object joined to the set.
    pub handled: bool,
}

impl DeskOutcome {
    fn unhandled() -> Self {
        Self::default()
    }

    fn handled() -> Self {
        Self { handled: true, ..Self::default() }
    }

    fn refused(refusal: Refusal) -> Self {
        Self { refusals: vec![refusal], ..Self::handled() }
    }
}

/// The bioreactor as the trainee operates it: its touchscreen settings, what is hung and
/// welded where, and the station model.
#[derive(Debug, Clone, PartialEq)]
pub struct BioreactorDesk {
    pub station: Bioreactor,
    pub screen: ScreenSettings,
    /// Which bag object was last joined to each line.
    on_line: BTreeMap<Bag, String>,
    /// Whether the IC inlet line's clamp is open (the bag lines' clamps are the station's).
    ic_inlet_clamp_open: bool,
    /// The daily sample tube in the trainee's hands.
    tube: Tube,
    /// The touchscreen page the trainee chose.
    pub page: PageChoice,
}

impl BioreactorDesk {
    /// A desk with a fresh station run by `operator` and an empty touchscreen.
    pub fn new(operator: &str) -> Self {
        Self::with_station(Bioreactor::new(operator))
    }

    /// A desk around an existing station (e.g. one with instructor-set alarm limits).
    pub fn with_station(station: Bioreactor) -> Self {
        Self {
            station,
            screen: ScreenSettings::default(),
            on_line: BTreeMap::new(),
            ic_inlet_clamp_open: false,
            tube: Tube::Empty { labelled: false },
            page: PageChoice::default(),
        }
    }

    /// Whether the clamp `clamp` (an id of `LINES`) is open; None for a clamp not on the set.
    pub fn clamp_open(&self, clamp: &str) -> Option<bool> {
        let line = LINES.iter().find(|line| line.clamp == clamp)?;
        Some(line.bag.map_or(self.ic_inlet_clamp_open, |bag| self.station.clamp_open(bag)))
    }

    /// The object a line is joined to now: welded, connected or sealed, not yet separated.
    pub fn joined_to(&self, line: &LineSpec) -> Option<&str> {
        let bag = line.bag?;
        let joined = !matches!(self.station.line(bag), LineState::Absent | LineState::Separated);
        joined.then(|| self.bag_on_line(bag)).flatten()
    }

    /// The bag object last joined to `bag`'s line, if any.
    pub fn bag_on_line(&self, bag: Bag) -> Option<&str> {
        self.on_line.get(&bag).map(String::as_str)
    }

    /// Applies one trainee action; actions about other things return handled = false.
    pub fn act(&mut self, action: &Action) -> DeskOutcome {
        match action {
            Action::Press { control } => self.press(control),
            Action::Set { control, value } => self.set(control, value),
            Action::Connect { a, b, method } => self.connect(a, b, *method),
            Action::Inspect { object } => match line_bag(object) {
                Some(bag) => self.apply(vec![Operation::InspectLine { bag }]),
                None if object == SET => self.apply(vec![Operation::InspectSet]),
                None if object == IC_INLET_LINE => self.apply(vec![Operation::InspectIcInlet]),
                None => DeskOutcome::unhandled(),
            },
            Action::Seal { tube } => match line_bag(tube) {
                Some(bag) => self.apply(vec![Operation::SealLine { bag }]),
                None => DeskOutcome::unhandled(),
            },
            Action::Place { item, target } if item == SAMPLE_LABEL && target == SAMPLE_TUBE => match self.tube {
                Tube::Empty { .. } => {
                    self.tube = Tube::Empty { labelled: true };
                    DeskOutcome::handled()
                }
                Tube::Filled => {
                    let label = format!("D{:02}", self.station.samples().len());
                    self.apply(vec![Operation::LabelSample { label }])
                }
            },
            Action::Place { item, target } if item == SAMPLE_TUBE && target == ANALYSER => {
                let outcome = self.apply(vec![Operation::AnalyseSample]);
                // A fresh tube comes from the rack.
                self.tube = Tube::Empty { labelled: false };
                outcome
            }
            Action::Place { item, target } if item == HARVEST_BAG_LABEL && target == HARVEST_BAG => {
                self.apply(vec![Operation::LabelHarvestBag])
            }
            Action::Place { item, target } if target == HARVEST_SAMPLE_SITE => {
                match QC_SAMPLES.iter().find(|(container, _)| container == item) {
                    Some((_, test)) => self.apply(vec![Operation::QcSample { test: *test }]),
                    None => DeskOutcome::unhandled(),
                }
            }
            // Taking a joined bag off the station separates it from the set.
            Action::Discard { item } => self.take_off(item),
            Action::Place { item, target } if !ON_STATION.contains(&target.as_str()) => self.take_off(item),
            Action::Place { item, .. } if self.joined_line(item).is_some() => DeskOutcome::handled(),
            Action::OpenClamp { clamp } | Action::CloseClamp { clamp } => {
                let open = matches!(action, Action::OpenClamp { .. });
                match LINES.iter().find(|line| line.clamp == clamp).map(|line| line.bag) {
                    Some(Some(bag)) => self.apply(vec![Operation::SetClamp { bag, open }]),
                    Some(None) => {
                        self.ic_inlet_clamp_open = open;
                        DeskOutcome::handled()
                    }
                    None => DeskOutcome::unhandled(),
                }
            }
            // The tube carries a label only if the trainee put one on it.
            Action::TakeSample { port } if port == SAMPLE_PORT => {
                let labelled = self.tube == Tube::Empty { labelled: true };
                let label = if labelled { format!("D{:02}", self.station.samples().len() + 1) } else { String::new() };
                let outcome = self.apply(vec![Operation::Sample { label }]);
                if outcome.refusals.is_empty() {
                    self.tube = Tube::Filled;
                }
                outcome
            }
            _ => DeskOutcome::unhandled(),
        }
    }

    /// Raises in the station what a level injects as `event` (an IC inlet pressure alarm);
    /// events the model does not know return handled = false.
    pub fn inject_event(&mut self, event: &str) -> DeskOutcome {
        match injected_alarm(event) {
            Some(kind) => DeskOutcome { events: self.station.inject_alarm(kind), ..DeskOutcome::handled() },
            None => DeskOutcome::unhandled(),
        }
    }

    /// Every observation key and value, for the procedure runner (station id "bioreactor").
    pub fn observations(&self) -> Vec<(&'static str, Value)> {
        self.station.observations()
    }

    /// The control ids of the touchscreen, for the game's panel: (control id, enabled now).
    ///
    /// A button is enabled exactly when pressing it now would not be refused. "Advance time" is
    /// never refused, nor is "acknowledge alarm" with no alarm active (a level may raise alarms
    /// the model does not know, so the button stays available).
    /// A setting is enabled while the value can still change the run.
    pub fn screen_controls(&self) -> Vec<(&'static str, bool)> {
        SCREEN_CONTROLS.into_iter().map(|control| (control, self.control_enabled(control))).collect()
    }

    fn control_enabled(&self, control: &str) -> bool {
        let phase = self.station.phase();
        let connected = |bag: Bag| self.station.line(bag).is_connected();
        let screen = &self.screen;
        let pumps_free = self.station.pumps_held().is_none();
        match control {
            LOAD_SET => phase == Phase::AwaitingSet,
            PRIME => {
                pumps_free
                    && ((phase == Phase::SetLoaded && connected(Bag::Media) && connected(Bag::Waste))
                        || (phase == Phase::Primed && self.station.air_detected()))
            }
            COATING_REAGENT => phase <= Phase::Primed,
            COAT => pumps_free && phase == Phase::Primed && connected(Bag::Reagent) && screen.coating.is_some(),
            WASH_OUT => pumps_free && phase == Phase::Coated,
            CONDITION_MEDIUM => pumps_free && phase == Phase::WashedOut,
            CELL_COUNT | CELL_DISTRIBUTION => phase < Phase::Attachment,
            LOAD_CELLS => {
                pumps_free
                    && phase == Phase::Conditioned
                    && connected(Bag::Cell)
                    && screen.cell_count.is_some_and(valid_cell_count)
                    && screen.distribution.is_some()
            }
            IC_INLET_RATE => phase < Phase::Harvested,
            START_FEEDING => pumps_free && phase == Phase::Attachment && screen.ic_inlet_ml_min.is_some_and(valid_rate),
            HARVEST => pumps_free && phase == Phase::Feeding && connected(Bag::Harvest),
            // Acknowledging is refused only for an alarm raised after the harvest.
            ALARM_ACK => phase != Phase::Harvested || self.station.alarms().is_empty(),
            ADVANCE_TIME => true,
            _ => false,
        }
    }

    fn press(&mut self, control: &str) -> DeskOutcome {
        let operation = match control {
            LOAD_SET => Operation::LoadSet,
            PRIME => Operation::Prime,
            COAT => match self.screen.coating {
                Some(reagent) => Operation::Coat { reagent },
                None => return missing(ScreenSetting::CoatingReagent),
            },
            WASH_OUT => Operation::WashOut,
            CONDITION_MEDIUM => Operation::ConditionMedium,
            LOAD_CELLS => match (self.screen.cell_count, self.screen.distribution) {
                (Some(cells), Some(distribution)) => Operation::LoadCells { cells, distribution },
                (None, _) => return missing(ScreenSetting::CellCount),
                (_, None) => return missing(ScreenSetting::Distribution),
            },
            START_FEEDING => match self.screen.ic_inlet_ml_min {
                Some(ic_inlet_ml_min) => Operation::StartFeeding { ic_inlet_ml_min },
                None => return missing(ScreenSetting::IcInletRate),
            },
            ALARM_ACK => {
                let alarms = self.station.alarms().iter();
                return self.apply(alarms.map(|alarm| Operation::AcknowledgeAlarm { alarm: alarm.kind }).collect());
            }
            HARVEST => {
                let enzyme_on_line = self.bag_on_line(Bag::Reagent) == Some(ENZYME_BAG)
                    && self.station.line(Bag::Reagent).is_connected();
                Operation::Harvest { enzymatic_release: enzyme_on_line }
            }
            ADVANCE_TIME => {
                let advance = self.station.advance_until_decision(ADVANCE_MAX_H);
                return DeskOutcome { events: advance.events, ..DeskOutcome::handled() };
            }
            _ => return DeskOutcome::unhandled(),
        };
        self.apply(vec![operation])
    }

    fn set(&mut self, control: &str, value: &Value) -> DeskOutcome {
        if control == PAGE {
            return match value {
                Value::Choice(id) if Page::from_id(id).is_some() => {
                    if let Some(page) = Page::from_id(id) {
                        self.page.choose(page, self.station.phase());
                    }
                    DeskOutcome::handled()
                }
                _ => DeskOutcome::handled(),
            };
        }
        let Some(setting) = ScreenSetting::from_control(control) else {
            return DeskOutcome::unhandled();
        };
        let invalid = || DeskOutcome::refused(refusal(RefusalKind::InvalidSetting(setting)));
        match (setting, value) {
            (ScreenSetting::CoatingReagent, Value::Choice(id)) => match CoatingReagent::from_id(id) {
                Some(reagent) => self.screen.coating = Some(reagent),
                None => return invalid(),
            },
            (ScreenSetting::Distribution, Value::Choice(id)) => match Distribution::from_id(id) {
                Some(distribution) => self.screen.distribution = Some(distribution),
                None => return invalid(),
            },
            (ScreenSetting::CellCount, Value::Number(cells)) => self.screen.cell_count = Some(*cells),
            (ScreenSetting::IcInletRate, Value::Number(ml_min)) => {
                // While feeding, the rate changes the flow at once.
                if self.station.phase() == Phase::Feeding {
                    let outcome = self.apply(vec![Operation::SetIcInletRate { ml_min: *ml_min }]);
                    if outcome.refusals.is_empty() {
                        self.screen.ic_inlet_ml_min = Some(*ml_min);
                    }
                    return outcome;
                }
                self.screen.ic_inlet_ml_min = Some(*ml_min);
            }
            _ => return invalid(),
        }
        DeskOutcome::handled()
    }

    fn connect(&mut self, a: &str, b: &str, method: ConnectMethod) -> DeskOutcome {
        let (bag, object) = match (line_bag(a), line_bag(b)) {
            (Some(line), None) => (line, b),
            (None, Some(line)) => (line, a),
            _ => return DeskOutcome::unhandled(),
        };
        let method = match method {
            ConnectMethod::SterileWeld => ConnectionMethod::SterileWeld,
            ConnectMethod::Open | ConnectMethod::Luer => ConnectionMethod::Open,
        };
        let outcome = self.apply(vec![Operation::ConnectBag { bag, method }]);
        if outcome.refusals.is_empty() {
            self.on_line.insert(bag, object.to_owned());
        }
        outcome
    }

    /// The line `item` is joined to, while it is (not yet separated).
    fn joined_line(&self, item: &str) -> Option<Bag> {
        self.on_line
            .iter()
            .find(|(bag, object)| object.as_str() == item && self.station.line(**bag) != LineState::Separated)
            .map(|(bag, _)| *bag)
    }

    /// `item` leaves the station: if it is joined to a line, that line is separated.
    fn take_off(&mut self, item: &str) -> DeskOutcome {
        match self.joined_line(item) {
            Some(bag) => self.apply(vec![Operation::SeparateBag { bag }]),
            None => DeskOutcome::unhandled(),
        }
    }

    /// Applies `operations` in order, keeping every event and refusal.
    fn apply(&mut self, operations: Vec<Operation>) -> DeskOutcome {
        let mut outcome = DeskOutcome::handled();
        for operation in operations {
            match self.station.apply(operation) {
                Ok(events) => outcome.events.extend(events),
                Err(refusal) => outcome.refusals.push(refusal),
            }
        }
        outcome
    }
}

fn refusal(kind: RefusalKind) -> Refusal {
    Refusal::new(kind)
}

fn missing(setting: ScreenSetting) -> DeskOutcome {
    DeskOutcome::refused(refusal(RefusalKind::SettingMissing(setting)))
}

fn valid_cell_count(cells: f64) -> bool {
    cells.is_finite() && cells > 0.0 && cells <= MAX_LOADED_CELLS
}

fn valid_rate(ml_min: f64) -> bool {
    ml_min.is_finite() && (0.0..=MAX_IC_INLET_ML_MIN).contains(&ml_min)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stations::bioreactor::DecisionPoint;

    fn press(control: &str) -> Action {
        Action::Press { control: control.into() }
    }

    fn set(control: &str, value: Value) -> Action {
        Action::Set { control: control.into(), value }
    }

    fn weld(tube: &str, bag: &str) -> Action {
        Action::Connect { a: tube.into(), b: bag.into(), method: ConnectMethod::SterileWeld }
    }

    /// Acts and asserts the desk accepted the action.
    fn ok(desk: &mut BioreactorDesk, action: Action) -> Vec<StationEvent> {
        let outcome = desk.act(&action);
        assert!(outcome.handled, "{action:?} is handled");
        assert!(outcome.refusals.is_empty(), "{action:?}: {:?}", outcome.refusals);
        outcome.events
    }

    /// Acts and asserts the desk refused with `kind`, with a reason in both languages.
    fn refused(desk: &mut BioreactorDesk, action: Action, kind: RefusalKind) -> Refusal {
        let outcome = desk.act(&action);
        assert!(outcome.handled, "{action:?} is handled");
        assert_eq!(outcome.refusals.len(), 1, "{action:?}: {:?}", outcome.refusals);
        let refusal = outcome.refusals[0].clone();
        assert_eq!(refusal.kind, kind, "{action:?}");
        assert!(!refusal.reason.en.is_empty() && !refusal.reason.ko.is_empty());
        refusal
    }

    fn primed() -> BioreactorDesk {
        let mut desk = BioreactorDesk::new("op-1");
        ok(&mut desk, press(LOAD_SET));
        for (tube, bag) in [("set_media_line", "media_bag"), ("set_reagent_line", "reagent_bag")] {
            ok(&mut desk, weld(tube, bag));
            ok(&mut desk, Action::Inspect { object: tube.into() });
        }
        ok(&mut desk, weld("set_waste_line", "waste_bag"));
        ok(&mut desk, Action::Inspect { object: "set_waste_line".into() });
        for clamp in ["media_line_clamp", "reagent_line_clamp", "waste_line_clamp"] {
            ok(&mut desk, Action::OpenClamp { clamp: clamp.into() });
        }
        ok(&mut desk, press(PRIME));
        desk
    }

    fn attaching() -> BioreactorDesk {
        let mut desk = primed();
        ok(&mut desk, set(COATING_REAGENT, Value::Choice("fibronectin".into())));
        ok(&mut desk, press(COAT));
        ok(&mut desk, press(ADVANCE_TIME));
        ok(&mut desk, press(WASH_OUT));
        ok(&mut desk, press(CONDITION_MEDIUM));
        ok(&mut desk, weld("set_cell_line", "cell_bag"));
        ok(&mut desk, Action::Inspect { object: "set_cell_line".into() });
        ok(&mut desk, set(CELL_COUNT, Value::Number(1.0e7)));
        ok(&mut desk, set(CELL_DISTRIBUTION, Value::Choice("settle_and_rotate".into())));
        ok(&mut desk, press(LOAD_CELLS));
        desk
    }

    #[test]
    fn buttons_without_their_settings_are_refused_not_panicked_on() {
        let mut desk = primed();
        let refusal = refused(&mut desk, press(COAT), RefusalKind::SettingMissing(ScreenSetting::CoatingReagent));
        assert_eq!(refusal.reason.en, "Choose a coating reagent before coating.");
        assert_eq!(desk.station.phase(), Phase::Primed, "nothing happened");

        let mut desk = attaching();
        let rate = RefusalKind::SettingMissing(ScreenSetting::IcInletRate);
        refused(&mut desk, press(START_FEEDING), rate);

        let mut desk = primed();
        refused(&mut desk, press(LOAD_CELLS), RefusalKind::SettingMissing(ScreenSetting::CellCount));
        ok(&mut desk, set(CELL_COUNT, Value::Number(1.0e7)));
        refused(&mut desk, press(LOAD_CELLS), RefusalKind::SettingMissing(ScreenSetting::Distribution));
    }

    #[test]
    fn invalid_settings_are_refused_and_leave_the_screen_as_it_was() {
        let mut desk = primed();
        ok(&mut desk, set(COATING_REAGENT, Value::Choice("gelatin".into())));
        let before = desk.screen.clone();
        let invalid = |setting| RefusalKind::InvalidSetting(setting);
        refused(&mut desk, set(COATING_REAGENT, Value::Choice("glue".into())), invalid(ScreenSetting::CoatingReagent));
        refused(&mut desk, set(COATING_REAGENT, Value::Number(1.0)), invalid(ScreenSetting::CoatingReagent));
        refused(&mut desk, set(CELL_COUNT, Value::Flag(true)), invalid(ScreenSetting::CellCount));
        refused(&mut desk, set(CELL_DISTRIBUTION, Value::Choice("shake".into())), invalid(ScreenSetting::Distribution));
        refused(&mut desk, set(IC_INLET_RATE, Value::Choice("fast".into())), invalid(ScreenSetting::IcInletRate));
        assert_eq!(desk.screen, before);
    }

    #[test]
    fn actions_about_other_things_are_not_handled() {
        let mut desk = primed();
        let before = desk.clone();
        for action in [
            press("airlock_inner_door"),
            set("incubator_temperature", Value::Number(37.0)),
            Action::Inspect { object: "bioreactor_status_label".into() },
            Action::Seal { tube: "cell_bag_tube".into() },
            Action::Connect { a: "media_bag".into(), b: "transfer_set".into(), method: ConnectMethod::SterileWeld },
            Action::Discard { item: "glove".into() },
            Action::Place { item: "cell_bag".into(), target: "work_bench".into() },
            Action::TakeSample { port: "incubator_port".into() },
            Action::Sign { entry: "batch_record_priming".into() },
        ] {
            let outcome = desk.act(&action);
            assert!(!outcome.handled, "{action:?}");
            assert!(outcome.events.is_empty() && outcome.refusals.is_empty(), "{action:?}");
        }
        assert_eq!(desk, before);
    }

    #[test]
    fn advance_time_stops_at_the_next_decision_or_after_a_day() {
        let mut desk = primed();
        ok(&mut desk, set(COATING_REAGENT, Value::Choice("fibronectin".into())));
        ok(&mut desk, press(COAT));
        let start = desk.station.clock_h();
        let events = ok(&mut desk, press(ADVANCE_TIME));
        assert!(events.contains(&StationEvent::CoatingComplete));
        assert!((desk.station.clock_h() - start - super::super::COATING_TIME_H).abs() < 1e-6);

        let mut idle = BioreactorDesk::new("op-1");
        ok(&mut idle, press(ADVANCE_TIME));
        assert!((idle.station.clock_h() - ADVANCE_MAX_H).abs() < 1e-6);
        let mut reference = Bioreactor::new("op-1");
        assert_eq!(reference.advance_until_decision(ADVANCE_MAX_H).stopped_at, DecisionPoint::TimeLimit);
    }

    #[test]
    fn taking_a_joined_bag_off_separates_its_line_and_refuses_while_in_use() {
        let mut desk = primed();
        assert_eq!(desk.bag_on_line(Bag::Media), Some("media_bag"));
        refused(&mut desk, Action::Discard { item: "media_bag".into() }, RefusalKind::BagInUse(Bag::Media));
        // Putting it back on the hanger is the bioreactor's business but changes nothing.
        assert!(desk.act(&Action::Place { item: "reagent_bag".into(), target: ON_STATION[1].into() }).handled);
        ok(&mut desk, Action::Seal { tube: "set_reagent_line".into() });
        ok(&mut desk, Action::Inspect { object: "set_reagent_line".into() });
        let events = ok(&mut desk, Action::Place { item: "reagent_bag".into(), target: "waste_bin".into() });
        assert!(events.contains(&StationEvent::BagSeparated { bag: Bag::Reagent }));
        assert_eq!(desk.station.line(Bag::Reagent), LineState::Separated);
        // Once off the set, the bag is just an object.
        assert!(!desk.act(&Action::Discard { item: "reagent_bag".into() }).handled);
    }

    #[test]
    fn a_refused_connection_does_not_put_the_bag_on_the_line() {
        let mut desk = primed();
        refused(&mut desk, weld("set_reagent_line", ENZYME_BAG), RefusalKind::BagAlreadyConnected(Bag::Reagent));
        assert_eq!(desk.bag_on_line(Bag::Reagent), Some("reagent_bag"));
    }

    #[test]
    fn feeding_rate_changes_and_harvest_release_follow_the_desk() {
        let mut desk = attaching();
        desk.station.advance(24.0);
        ok(&mut desk, set(IC_INLET_RATE, Value::Number(0.1)));
        ok(&mut desk, press(START_FEEDING));
        let events = ok(&mut desk, set(IC_INLET_RATE, Value::Number(0.2)));
        assert!(events.iter().any(|e| matches!(e, StationEvent::FlowChanged { to_ml_min, .. } if *to_ml_min == 0.2)));
        assert_eq!(desk.screen.ic_inlet_ml_min, Some(0.2));
        let too_fast = RefusalKind::RateOutOfRange { max_ml_min: MAX_IC_INLET_ML_MIN };
        refused(&mut desk, set(IC_INLET_RATE, Value::Number(50.0)), too_fast);
        assert_eq!(desk.screen.ic_inlet_ml_min, Some(0.2));
        assert_eq!(desk.station.ic_inlet_ml_min(), 0.2);

        // The enzyme bag goes on the reagent line in place of the coating bag.
        ok(&mut desk, Action::Seal { tube: "set_reagent_line".into() });
        ok(&mut desk, Action::Inspect { object: "set_reagent_line".into() });
        ok(&mut desk, Action::Discard { item: "reagent_bag".into() });
        ok(&mut desk, weld("set_reagent_line", ENZYME_BAG));
        ok(&mut desk, Action::Inspect { object: "set_reagent_line".into() });
        ok(&mut desk, weld("set_harvest_line", "harvest_bag"));
        ok(&mut desk, Action::Inspect { object: "set_harvest_line".into() });
        let mut flushed = desk.clone();
        ok(&mut desk, press(HARVEST));
        assert!(desk.station.deviations().is_empty(), "{:?}", desk.station.deviations());

        // Without the enzyme bag on the line, the harvest is a flush.
        ok(&mut flushed, Action::Seal { tube: "set_reagent_line".into() });
        ok(&mut flushed, Action::Inspect { object: "set_reagent_line".into() });
        ok(&mut flushed, Action::Discard { item: ENZYME_BAG.into() });
        ok(&mut flushed, press(HARVEST));
        let ids: Vec<&str> = flushed.station.deviations().iter().map(|d| d.id()).collect();
        assert_eq!(ids, ["harvest_without_enzyme"]);
    }

    #[test]
    fn injected_events_raise_the_alarms_the_model_knows() {
        let mut desk = attaching();
        let outcome = desk.inject_event("ic_inlet_pressure_alarm");
        assert!(outcome.handled);
        assert_eq!(outcome.events, [StationEvent::AlarmRaised(AlarmKind::IcInletPressureHigh)]);
        assert!(!desk.inject_event("air_detected").handled);
        // Acknowledged, it stands until the trainee finds the kinked IC inlet line.
        let events = ok(&mut desk, press(ALARM_ACK));
        assert!(!events.contains(&StationEvent::AlarmCleared(AlarmKind::IcInletPressureHigh)));
        let events = ok(&mut desk, Action::Inspect { object: "set_ic_inlet_line".into() });
        assert!(events.contains(&StationEvent::AlarmCleared(AlarmKind::IcInletPressureHigh)));
        // With nothing active, acknowledging is accepted and does nothing.
        assert!(ok(&mut desk, press(ALARM_ACK)).is_empty());
    }

    #[test]
    fn screen_controls_list_every_control_once_with_the_first_steps_enabled() {
        let desk = BioreactorDesk::new("op-1");
        let controls = desk.screen_controls();
        assert_eq!(controls.iter().map(|(c, _)| *c).collect::<Vec<_>>(), SCREEN_CONTROLS);
        let enabled: Vec<&str> = controls.iter().filter(|(_, e)| *e).map(|(c, _)| *c).collect();
        assert_eq!(
            enabled,
            [LOAD_SET, COATING_REAGENT, CELL_COUNT, CELL_DISTRIBUTION, IC_INLET_RATE, ALARM_ACK, ADVANCE_TIME]
        );
    }

    #[test]
    fn observations_are_the_stations() {
        let desk = attaching();
        assert_eq!(desk.observations(), desk.station.observations());
    }
}
