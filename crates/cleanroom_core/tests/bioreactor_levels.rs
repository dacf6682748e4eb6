//! The bioreactor levels are faithful to the bioreactor station model.
//!
//! A small *world bridge* turns the level actions of the golden paths into
//! `Bioreactor::apply` operations (and an injected event into `Bioreactor::inject_alarm`), the
//! way the game world is meant to. For `bioreactor_coat_load_attach` and
//! `bioreactor_feed_harvest` the tests then check that:
//!
//! - every station state a level declares is a real observation key, and its starting value
//!   is what the model reports once the prerequisite levels' golden paths have been played;
//! - the screen controls offer what the model accepts (its reagent and distribution ids, its
//!   rate and cell-count bounds);
//! - the model accepts every operation of the golden path and records no deviation;
//! - each golden-path observation agrees with the model at that point: within rounding, and
//!   judged the same by every condition of the level that looks at that key (so it is the
//!   level's tolerance, not the written number, that decides);
//! - the runner passes the level with full marks when fed the model's own values, both in
//!   place of the written observations and as a world that reports every declared key after
//!   every action;
//! - the level's rules catch what the model does when the trainee goes wrong (low-yield
//!   coating, early feeding, circulate-only loading, under-feeding, a late sample).

use std::collections::HashMap;
use std::path::PathBuf;

use cleanroom_core::common::Value;
use cleanroom_core::procedure::model::{Condition, ControlKind, Expect, GoldenEntry, RuleTrigger};
use cleanroom_core::procedure::{
    Action, ConnectMethod, DeviationSource, Level, Mode, Outcome, Runner, RunnerEvent, check_paths,
};
use cleanroom_core::stations::bioreactor::display::OBSERVATION_KEYS;
use cleanroom_core::stations::bioreactor::{
    AlarmKind, Bag, Bioreactor, CoatingReagent, ConnectionMethod, Distribution, LineState, MAX_IC_INLET_ML_MIN,
    MAX_LOADED_CELLS, Operation, Phase, STATION_ID,
};

const COAT_LOAD_ATTACH: &str = "bioreactor_coat_load_attach";
const FEED_HARVEST: &str = "bioreactor_feed_harvest";

/// Most simulated time one press of the screen's "advance time" button lets pass, hours.
/// A game choice: one day, so the trainee never sleeps through a daily sample.
const ADVANCE_MAX_H: f64 = 24.0;

/// A golden-path number may differ from the model's by this much (levels write rounded
/// values): absolute, or relative to the model's value, whichever is larger.
const ROUNDING_ABS: f64 = 0.01;
const ROUNDING_REL: f64 = 0.005;

/// Published bone-marrow P1 harvest, 131±84×10⁶ cells (domain.md §4.8).
const P1_HARVEST_RANGE: (f64, f64) = (47.0e6, 215.0e6);

fn levels_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../levels")
}

fn load(id: &str) -> Level {
    let report = check_paths(&[levels_dir().join(format!("{id}.level.ron"))]);
    assert!(!report.has_errors(), "{report}");
    assert_eq!(report.warning_count(), 0, "{report}");
    report.files[0].level.clone().expect("the level parses")
}

// ---------------------------------------------------------------------------------------------
// The world bridge: level actions to station operations.
// ---------------------------------------------------------------------------------------------

/// The bag line a set tube id names.
fn line_bag(id: &str) -> Option<Bag> {
    match id {
        "set_media_line" => Some(Bag::Media),
        "set_reagent_line" => Some(Bag::Reagent),
        "set_cell_line" => Some(Bag::Cell),
        "set_waste_line" => Some(Bag::Waste),
        "set_harvest_line" => Some(Bag::Harvest),
        _ => None,
    }
}

/// Where a bag may be put without being taken off the set.
fn on_station(target: &str) -> bool {
    matches!(target, "bioreactor" | "bioreactor_bag_hanger")
}

/// The alarm the world raises in the model when a level injects this event.
fn injected_alarm(event: &str) -> Option<AlarmKind> {
    match event {
        "ic_inlet_pressure_alarm" => Some(AlarmKind::IcInletPressureHigh),
        _ => None,
    }
}

/// What the touchscreen holds between a setting and the button that uses it.
#[derive(Debug, Clone, Default)]
struct Screen {
    coating: Option<CoatingReagent>,
    cell_count: Option<f64>,
    distribution: Option<Distribution>,
    ic_inlet_ml_min: Option<f64>,
}

/// The bioreactor as the game world drives it from level actions.
#[derive(Debug, Clone)]
struct World {
    station: Bioreactor,
    screen: Screen,
    /// Which bag object is joined to each line.
    on_line: HashMap<Bag, String>,
    /// Operations the model refused: `(golden-path time, action, reason)`.
    refusals: Vec<String>,
}

impl World {
    fn new() -> Self {
        World {
            station: Bioreactor::new("trainee"),
            screen: Screen::default(),
            on_line: HashMap::new(),
            refusals: Vec::new(),
        }
    }

    /// The operations a level action stands for (none for actions the station does not see).
    fn operations(&mut self, action: &Action) -> Vec<Operation> {
        let number = |value: &Value| match value {
            Value::Number(n) => Some(*n),
            _ => None,
        };
        let choice = |value: &Value| match value {
            Value::Choice(c) => Some(c.clone()),
            _ => None,
        };
        match action {
            Action::Press { control } => match control.as_str() {
                "bioreactor_screen_load_set" => vec![Operation::LoadSet],
                "bioreactor_screen_prime" => vec![Operation::Prime],
                "bioreactor_screen_coat" => {
                    let reagent = self.screen.coating.expect("a coating reagent is selected before coating");
                    vec![Operation::Coat { reagent }]
                }
                "bioreactor_screen_wash_out" => vec![Operation::WashOut],
                "bioreactor_screen_condition_medium" => vec![Operation::ConditionMedium],
                "bioreactor_screen_load_cells" => vec![Operation::LoadCells {
                    cells: self.screen.cell_count.expect("a cell count is entered before loading"),
                    distribution: self.screen.distribution.expect("a distribution is chosen before loading"),
                }],
                "bioreactor_screen_start_feeding" => vec![Operation::StartFeeding {
                    ic_inlet_ml_min: self.screen.ic_inlet_ml_min.expect("a rate is set before feeding"),
                }],
                "bioreactor_screen_alarm_ack" => self
                    .station
                    .alarms()
                    .iter()
                    .map(|alarm| Operation::AcknowledgeAlarm { alarm: alarm.kind })
                    .collect(),
                "bioreactor_screen_harvest" => {
                    let enzyme_on_line = self.on_line.get(&Bag::Reagent).is_some_and(|bag| bag == "enzyme_bag")
                        && self.station.line(Bag::Reagent).is_connected();
                    vec![Operation::Harvest { enzymatic_release: enzyme_on_line }]
                }
                _ => Vec::new(),
            },
            Action::Set { control, value } => {
                match control.as_str() {
                    "bioreactor_screen_coating_reagent" => {
                        self.screen.coating = choice(value).and_then(|id| CoatingReagent::from_id(&id));
                    }
                    "bioreactor_screen_cell_count" => self.screen.cell_count = number(value),
                    "bioreactor_screen_cell_distribution" => {
                        self.screen.distribution = choice(value).and_then(|id| {
                            [Distribution::SettleAndRotate, Distribution::Circulate].into_iter().find(|d| d.id() == id)
                        });
                    }
                    "bioreactor_screen_ic_inlet_rate" => {
                        let rate = number(value).expect("the rate is a number");
                        if self.station.phase() == Phase::Feeding {
                            return vec![Operation::SetIcInletRate { ml_min: rate }];
                        }
                        self.screen.ic_inlet_ml_min = Some(rate);
                    }
                    _ => {}
                }
                Vec::new()
            }
            Action::Connect { a, b, method } => {
                let (line, bag_object) = match (line_bag(a), line_bag(b)) {
                    (Some(line), None) => (line, b),
                    (None, Some(line)) => (line, a),
                    _ => return Vec::new(),
                };
                self.on_line.insert(line, bag_object.clone());
                let method = match method {
                    ConnectMethod::SterileWeld => ConnectionMethod::SterileWeld,
                    ConnectMethod::Open => ConnectionMethod::Open,
                };
                vec![Operation::ConnectBag { bag: line, method }]
            }
            Action::Inspect { object } => {
                line_bag(object).map(|bag| Operation::InspectLine { bag }).into_iter().collect()
            }
            Action::Seal { tube } => line_bag(tube).map(|bag| Operation::SealLine { bag }).into_iter().collect(),
            // Taking a joined bag off the station separates it from the set.
            Action::Discard { item } => self.separation(item),
            Action::Place { item, target } if !on_station(target) => self.separation(item),
            Action::TakeSample { port } if port == "bioreactor_sample_port" => {
                // The world passes the label the trainee puts on the tube (the golden paths
                // always label it; the level's `unlabelled_sample` rule judges that).
                let label = format!("D{:02}", self.station.samples().len() + 1);
                vec![Operation::Sample { label }]
            }
            _ => Vec::new(),
        }
    }

    fn separation(&mut self, item: &str) -> Vec<Operation> {
        let line = self.on_line.iter().find(|(_, bag)| bag.as_str() == item).map(|(line, _)| *line);
        match line {
            Some(bag) if self.station.line(bag) != LineState::Separated => {
                vec![Operation::SeparateBag { bag }]
            }
            _ => Vec::new(),
        }
    }

    /// Carries out a level action at golden-path time `at`; refusals are kept.
    fn act(&mut self, at: f64, action: &Action) {
        for operation in self.operations(action) {
            let label = format!("{operation:?}");
            if let Err(refusal) = self.station.apply(operation) {
                self.refusals.push(format!("{at} s: {action:?} -> {label}: {refusal:?}"));
            }
        }
        if matches!(action, Action::Press { control } if control == "bioreactor_screen_advance_time") {
            self.station.advance_until_decision(ADVANCE_MAX_H);
        }
    }

    fn observe(&self, key: &str) -> Value {
        self.station.observe(key).unwrap_or_else(|| panic!("the model has no observation `{key}`"))
    }
}

// ---------------------------------------------------------------------------------------------
// Playing a golden path through the world and the runner.
// ---------------------------------------------------------------------------------------------

/// What the runner is told the station reports.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Feed {
    /// The golden path's observations as written.
    AsWritten,
    /// The golden path's observations, with the model's values instead of the written ones.
    ModelValues,
    /// As `ModelValues`, and every declared station key after every action and event, as a
    /// world that reports continuously.
    EveryKey,
}

struct Played {
    world: World,
    runner: Runner,
    /// Golden-path observations that disagree with the model.
    mismatches: Vec<String>,
}

/// The station state keys `level` declares for the bioreactor.
fn declared_keys(level: &Level) -> Vec<String> {
    station_state(level).keys().cloned().collect()
}

fn station_state(level: &Level) -> std::collections::BTreeMap<String, Value> {
    level.setup.stations.iter().find(|s| s.id == STATION_ID).expect("the level has the bioreactor").state.clone()
}

fn report_every_key(world: &World, runner: &mut Runner, keys: &[String], at: f64) {
    for key in keys {
        runner.observe(at, STATION_ID, key, world.observe(key));
    }
}

fn inject_events(world: &mut World, events: &[RunnerEvent]) {
    for event in events {
        if let RunnerEvent::EventInjected { event, .. } = event
            && let Some(kind) = injected_alarm(event)
        {
            world.station.inject_alarm(kind);
        }
    }
}

/// Plays `entries` (a golden path, possibly changed) from `world` in `mode`.
fn play(level: &Level, world: World, entries: &[GoldenEntry], mode: Mode, feed: Feed) -> Played {
    let keys = declared_keys(level);
    let expects = expects_by_key(level);
    let mut world = world;
    let mut runner = Runner::new(level, mode);
    runner.start(0.0);
    if feed == Feed::EveryKey {
        report_every_key(&world, &mut runner, &keys, 0.0);
    }
    let mut mismatches = Vec::new();
    for entry in entries {
        let at = entry.at();
        let events = runner.tick(at);
        let injected = events.iter().any(|e| matches!(e, RunnerEvent::EventInjected { .. }));
        inject_events(&mut world, &events);
        if injected && feed == Feed::EveryKey {
            report_every_key(&world, &mut runner, &keys, at);
        }
        match entry {
            GoldenEntry::Do { action, .. } => {
                world.act(at, action);
                let events = runner.act(at, action.clone());
                inject_events(&mut world, &events);
                if feed == Feed::EveryKey {
                    report_every_key(&world, &mut runner, &keys, at);
                }
            }
            GoldenEntry::Observe { of, key, value, .. } => {
                assert_eq!(of, STATION_ID, "only the bioreactor reports in these levels");
                // A key the model does not report (an older level's) is passed on as written.
                let Some(model) = world.station.observe(key) else {
                    mismatches.push(format!("{at} s `{key}` is not a key the station model reports"));
                    runner.observe(at, of, key, value.clone());
                    continue;
                };
                if let Err(why) = agrees(&expects, key, value, &model) {
                    mismatches.push(format!("{at} s `{key}`: {why}"));
                }
                let reported = if feed == Feed::AsWritten { value.clone() } else { model };
                runner.observe(at, of, key, reported);
            }
        }
    }
    let end = entries.last().map_or(0.0, GoldenEntry::at);
    runner.tick(end);
    Played { world, runner, mismatches }
}

/// The station as it stands when `level` starts: its bioreactor prerequisites played first.
fn world_at_start(level: &Level) -> World {
    let mut world = World::new();
    for prerequisite in &level.prerequisites {
        if !prerequisite.starts_with("bioreactor_") {
            continue;
        }
        let before = load(prerequisite);
        let start = world_at_start(&before);
        // Only the station's state is carried over; an older level's observations are not
        // judged here.
        world = play(&before, start, &before.golden_path, Mode::Guided, Feed::AsWritten).world;
        assert!(world.refusals.is_empty(), "{prerequisite}: {:?}", world.refusals);
    }
    world
}

// ---------------------------------------------------------------------------------------------
// Agreement between a level value and the model's.
// ---------------------------------------------------------------------------------------------

/// Every expectation the level places on each bioreactor key (steps, events and state rules).
fn expects_by_key(level: &Level) -> HashMap<String, Vec<Expect>> {
    fn walk(condition: &Condition, out: &mut HashMap<String, Vec<Expect>>) {
        match condition {
            Condition::State { of, key, is } if of == STATION_ID => {
                out.entry(key.clone()).or_default().push(is.clone())
            }
            Condition::AllOf(parts) | Condition::AnyOf(parts) => parts.iter().for_each(|p| walk(p, out)),
            _ => {}
        }
    }
    let mut out = HashMap::new();
    for step in &level.steps {
        walk(&step.done_when, &mut out);
    }
    for event in &level.events {
        walk(&event.respond, &mut out);
    }
    for rule in &level.rules {
        if let RuleTrigger::State { of, key, is } = &rule.when
            && of == STATION_ID
        {
            out.entry(key.clone()).or_default().push(is.clone());
        }
    }
    out
}

/// Whether the level's `written` value for `key` agrees with the `model`'s.
fn agrees(expects: &HashMap<String, Vec<Expect>>, key: &str, written: &Value, model: &Value) -> Result<(), String> {
    let close = match (written, model) {
        (Value::Number(w), Value::Number(m)) => (w - m).abs() <= ROUNDING_ABS.max(ROUNDING_REL * m.abs()),
        _ => written == model,
    };
    if !close {
        return Err(format!("level {written:?}, model {model:?}"));
    }
    for expect in expects.get(key).into_iter().flatten() {
        if expect.accepts(written) != expect.accepts(model) {
            return Err(format!("level {written:?} and model {model:?} are judged differently by {expect:?}"));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Checks shared by both levels.
// ---------------------------------------------------------------------------------------------

fn sources(runner: &Runner) -> Vec<DeviationSource> {
    runner.deviations().iter().map(|d| d.source.clone()).collect()
}

fn rule(id: &str) -> DeviationSource {
    DeviationSource::Rule(id.into())
}

fn assert_full_marks(played: &Played, what: &str) {
    let report = played.runner.report();
    assert_eq!(report.outcome, Outcome::Passed, "{what}: {:?}", report.deviations);
    assert!((report.score.total - 100.0).abs() < 1e-9, "{what}: score {}", report.score.total);
    assert!(report.deviations.is_empty(), "{what}: {:?}", report.deviations);
    assert!(report.events.iter().all(|e| e.resolved_s.is_some()), "{what}: every event is answered");
}

fn check_start_state(id: &str) {
    let level = load(id);
    let world = world_at_start(&level);
    let expects = expects_by_key(&level);
    let mut problems = Vec::new();
    for (key, value) in station_state(&level) {
        if !OBSERVATION_KEYS.contains(&key.as_str()) {
            problems.push(format!("`{key}` is not a key the station model reports"));
            continue;
        }
        if let Err(why) = agrees(&expects, &key, &value, &world.observe(&key)) {
            problems.push(format!("start `{key}`: {why}"));
        }
    }
    assert!(problems.is_empty(), "{id}: {problems:#?}");
}

fn check_golden_path_matches_model(id: &str) {
    let level = load(id);
    let played = play(&level, world_at_start(&level), &level.golden_path, Mode::Guided, Feed::AsWritten);
    assert!(played.world.refusals.is_empty(), "{id}: the model refused {:#?}", played.world.refusals);
    assert!(played.mismatches.is_empty(), "{id}: {:#?}", played.mismatches);
    assert!(played.world.station.deviations().is_empty(), "{id}: {:?}", played.world.station.deviations());
    assert!(!played.world.station.contaminated(), "{id}: the closed system stays closed");
}

fn check_runner_passes_on_model_values(id: &str) {
    let level = load(id);
    for feed in [Feed::ModelValues, Feed::EveryKey] {
        for mode in [Mode::Guided, Mode::Assessment] {
            let played = play(&level, world_at_start(&level), &level.golden_path, mode, feed);
            assert_full_marks(&played, &format!("{id} {mode:?} {feed:?}"));
        }
    }
}

/// The golden path with `change` applied to each entry.
fn changed(level: &Level, mut change: impl FnMut(&GoldenEntry) -> Vec<GoldenEntry>) -> Vec<GoldenEntry> {
    level.golden_path.iter().flat_map(&mut change).collect()
}

fn is_do(entry: &GoldenEntry, action: &Action) -> bool {
    matches!(entry, GoldenEntry::Do { action: a, .. } if a == action)
}

fn press(control: &str) -> Action {
    Action::Press { control: control.into() }
}

fn set(control: &str, value: Value) -> Action {
    Action::Set { control: control.into(), value }
}

// ---------------------------------------------------------------------------------------------
// bioreactor_coat_load_attach
// ---------------------------------------------------------------------------------------------

#[test]
fn coat_load_attach_starts_where_load_prime_leaves_the_station() {
    check_start_state(COAT_LOAD_ATTACH);
}

#[test]
fn coat_load_attach_golden_path_is_what_the_model_reports() {
    check_golden_path_matches_model(COAT_LOAD_ATTACH);
}

#[test]
fn coat_load_attach_passes_on_the_models_own_observations() {
    check_runner_passes_on_model_values(COAT_LOAD_ATTACH);
}

#[test]
fn coat_load_attach_controls_offer_what_the_model_accepts() {
    let level = load(COAT_LOAD_ATTACH);
    let station = level.setup.stations.iter().find(|s| s.id == STATION_ID).expect("bioreactor");
    let control = |id: &str| &station.controls.iter().find(|c| c.id == id).expect(id).kind;
    let reagents: Vec<String> = CoatingReagent::ALL.iter().map(|r| r.id().to_owned()).collect();
    assert_eq!(control("bioreactor_screen_coating_reagent"), &ControlKind::Choice(reagents));
    let distributions = [Distribution::SettleAndRotate, Distribution::Circulate].map(|d| d.id().to_owned());
    assert_eq!(control("bioreactor_screen_cell_distribution"), &ControlKind::Choice(distributions.to_vec()));
    assert!(
        matches!(control("bioreactor_screen_cell_count"), ControlKind::Number { min, max, .. } if *min == 0.0 && *max == MAX_LOADED_CELLS)
    );
    assert!(
        matches!(control("bioreactor_screen_ic_inlet_rate"), ControlKind::Number { min, max, .. } if *min == 0.0 && *max == MAX_IC_INLET_ML_MIN)
    );
}

#[test]
fn coat_load_attach_scores_exactly_the_low_yield_coatings() {
    let level = load(COAT_LOAD_ATTACH);
    let chosen = set("bioreactor_screen_coating_reagent", Value::Choice("fibronectin".into()));
    for reagent in CoatingReagent::ALL {
        let entries = changed(&level, |entry| match entry {
            GoldenEntry::Do { at, .. } if is_do(entry, &chosen) => vec![GoldenEntry::Do {
                at: *at,
                action: set("bioreactor_screen_coating_reagent", Value::Choice(reagent.id().into())),
            }],
            GoldenEntry::Observe { at, key, .. } if key == "coating" => vec![GoldenEntry::Observe {
                at: *at,
                of: STATION_ID.into(),
                key: key.clone(),
                value: Value::Choice(reagent.id().into()),
            }],
            _ => vec![entry.clone()],
        });
        let played = play(&level, world_at_start(&level), &entries, Mode::Guided, Feed::EveryKey);
        assert!(played.mismatches.is_empty(), "{}: {:?}", reagent.id(), played.mismatches);
        let found = sources(&played.runner);
        if reagent.supports_expansion() {
            assert_full_marks(&played, reagent.id());
        } else {
            assert_eq!(found, [rule(&format!("coating_{}", reagent.id()))], "{}", reagent.id());
            assert!(!played.runner.report().passed(), "{}: a low-yield coating fails the level", reagent.id());
        }
    }
}

#[test]
fn coat_load_attach_early_feeding_is_caught_by_the_level_and_the_model() {
    let level = load(COAT_LOAD_ATTACH);
    let advance = press("bioreactor_screen_advance_time");
    let mut advances = 0;
    // Start feeding straight after loading instead of after the attachment period.
    let entries = changed(&level, |entry| {
        if is_do(entry, &advance) {
            advances += 1;
            if advances == 2 {
                let at = entry.at();
                return vec![
                    GoldenEntry::Do {
                        at: at - 3.0,
                        action: set("bioreactor_screen_ic_inlet_rate", Value::Number(0.1)),
                    },
                    GoldenEntry::Do { at: at - 2.0, action: press("bioreactor_screen_start_feeding") },
                    entry.clone(),
                ];
            }
        }
        vec![entry.clone()]
    });
    let played = play(&level, world_at_start(&level), &entries, Mode::Guided, Feed::EveryKey);
    assert!(sources(&played.runner).contains(&rule("feeding_before_attachment")), "{:?}", sources(&played.runner));
    let model = played.world.station.deviations();
    assert_eq!(model.len(), 1, "{model:?}");
    assert_eq!(model[0].id(), "feeding_before_attachment");
}

#[test]
fn coat_load_attach_circulate_only_is_caught() {
    let level = load(COAT_LOAD_ATTACH);
    let settle = set("bioreactor_screen_cell_distribution", Value::Choice("settle_and_rotate".into()));
    let entries = changed(&level, |entry| {
        if is_do(entry, &settle) {
            let action = set("bioreactor_screen_cell_distribution", Value::Choice("circulate".into()));
            return vec![GoldenEntry::Do { at: entry.at(), action }];
        }
        vec![entry.clone()]
    });
    let played = play(&level, world_at_start(&level), &entries, Mode::Guided, Feed::EveryKey);
    assert_eq!(sources(&played.runner), [rule("circulate_only_distribution")]);
    let golden = play(&level, world_at_start(&level), &level.golden_path, Mode::Guided, Feed::AsWritten);
    let (circulated, settled) = (played.world.station.culture().attached, golden.world.station.culture().attached);
    assert!(circulated < 0.7 * settled, "fewer cells attach: {circulated:e} against {settled:e}");
}

// ---------------------------------------------------------------------------------------------
// bioreactor_feed_harvest
// ---------------------------------------------------------------------------------------------

#[test]
fn feed_harvest_starts_where_coat_load_attach_leaves_the_station() {
    check_start_state(FEED_HARVEST);
}

#[test]
fn feed_harvest_golden_path_is_what_the_model_reports() {
    check_golden_path_matches_model(FEED_HARVEST);
}

#[test]
fn feed_harvest_passes_on_the_models_own_observations() {
    check_runner_passes_on_model_values(FEED_HARVEST);
}

#[test]
fn feed_harvest_golden_path_feeds_well_and_harvests_in_the_published_range() {
    let level = load(FEED_HARVEST);
    let played = play(&level, world_at_start(&level), &level.golden_path, Mode::Guided, Feed::AsWritten);
    let station = &played.world.station;
    assert_eq!(station.samples().len(), 14, "one sample a day for 14 days");
    assert!(station.samples().iter().all(|s| !s.label.is_empty()));
    assert!(station.peak_lactate_mmol_l() < 6.0, "peak lactate {}", station.peak_lactate_mmol_l());
    let lowest_glucose = station.history().iter().map(|p| p.glucose_mmol_l).fold(f64::INFINITY, f64::min);
    assert!(lowest_glucose > 2.0, "lowest glucose {lowest_glucose}");
    let harvest = station.harvest().expect("harvested");
    let (low, high) = P1_HARVEST_RANGE;
    assert!((low..=high).contains(&harvest.viable_cells), "harvest {:e}", harvest.viable_cells);
    assert_eq!(station.clock().culture_day, Some(14));
    for bag in [Bag::Reagent, Bag::Harvest] {
        assert_eq!(station.line(bag).id(), if bag == Bag::Reagent { "welded" } else { "separated" });
    }
}

#[test]
fn feed_harvest_under_feeding_lets_lactate_build_up() {
    let level = load(FEED_HARVEST);
    // Never raise the feed, and leave the flow-change entries unsigned.
    let entries = changed(&level, |entry| match entry {
        GoldenEntry::Do { action: Action::Set { control, .. }, .. } if control == "bioreactor_screen_ic_inlet_rate" => {
            Vec::new()
        }
        GoldenEntry::Observe { key, .. } if key == "ic_inlet_rate_ml_min" => Vec::new(),
        _ => vec![entry.clone()],
    });
    let played = play(&level, world_at_start(&level), &entries, Mode::Guided, Feed::EveryKey);
    assert!(played.world.station.peak_lactate_mmol_l() >= 6.0);
    assert!(sources(&played.runner).contains(&rule("lactate_accumulated")), "{:?}", sources(&played.runner));
    assert!(!played.runner.is_finished() || !played.runner.report().passed());
}

#[test]
fn feed_harvest_late_sample_is_caught_by_the_level_and_the_model() {
    let level = load(FEED_HARVEST);
    let sample = Action::TakeSample { port: "bioreactor_sample_port".into() };
    let mut samples = 0;
    // On day 5, press "advance time" once more before drawing the sample.
    let entries = changed(&level, |entry| {
        if is_do(entry, &sample) {
            samples += 1;
            if samples == 5 {
                let late = GoldenEntry::Do { at: entry.at() - 1.0, action: press("bioreactor_screen_advance_time") };
                return vec![late, entry.clone()];
            }
        }
        vec![entry.clone()]
    });
    let played = play(&level, world_at_start(&level), &entries, Mode::Guided, Feed::EveryKey);
    assert!(sources(&played.runner).contains(&rule("sample_missed_or_late")), "{:?}", sources(&played.runner));
    let model: Vec<&str> = played.world.station.deviations().iter().map(|d| d.id()).collect();
    assert_eq!(model, ["sample_overdue"]);
}

#[test]
fn feed_harvest_unanswered_pressure_alarm_holds_the_pumps_and_is_missed() {
    let level = load(FEED_HARVEST);
    let ack = press("bioreactor_screen_alarm_ack");
    let entries = changed(&level, |entry| match entry {
        GoldenEntry::Do { .. } if is_do(entry, &ack) => Vec::new(),
        GoldenEntry::Observe { key, .. } if key == "alarm_ic_inlet_pressure_high" || key == "pumps_running" => {
            Vec::new()
        }
        _ => vec![entry.clone()],
    });
    let played = play(&level, world_at_start(&level), &entries, Mode::Guided, Feed::EveryKey);
    assert!(
        sources(&played.runner).contains(&DeviationSource::EventMissed("ic_inlet_pressure_alarm".into())),
        "{:?}",
        sources(&played.runner)
    );
}
