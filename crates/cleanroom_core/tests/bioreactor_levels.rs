//! The bioreactor levels are faithful to the bioreactor station model.
//!
//! The golden paths are played through `BioreactorDesk`, which turns level actions into
//! `Bioreactor::apply` operations (and an injected event into `Bioreactor::inject_alarm`) the
//! way the game world does at run time. For `bioreactor_coat_load_attach` and
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
//!   coating, early feeding, circulate-only loading, under-feeding, a late sample);
//! - the desk's touchscreen enables a button exactly when a press would be accepted, all
//!   through the three bioreactor levels.

use std::collections::HashMap;
mod common;

use common::load;

use cleanroom_core::common::Value;
use cleanroom_core::level::{Condition, ControlKind, Expect, GoldenEntry, RuleTrigger};
use cleanroom_core::procedure::{
    Action, DeviationSource, Level, Mode, Outcome, Runner, RunnerEvent, wrong_path_entries,
};
use cleanroom_core::stations::bioreactor::display::OBSERVATION_KEYS;
use cleanroom_core::stations::bioreactor::{
    Bag, BioreactorDesk, CoatingReagent, Distribution, MAX_IC_INLET_ML_MIN, MAX_LOADED_CELLS, STATION_ID, ScreenSetting,
};

const LOAD_PRIME: &str = "bioreactor_load_prime";
const COAT_LOAD_ATTACH: &str = "bioreactor_coat_load_attach";
const FEED_HARVEST: &str = "bioreactor_feed_harvest";

/// A golden-path number may differ from the model's by this much (levels write rounded
/// values): absolute, or relative to the model's value, whichever is larger.
const ROUNDING_ABS: f64 = 0.01;
const ROUNDING_REL: f64 = 0.005;

/// Published bone-marrow P1 harvest, 131±84×10⁶ cells (domain.md §4.8).
const P1_HARVEST_RANGE: (f64, f64) = (47.0e6, 215.0e6);

// ---------------------------------------------------------------------------------------------
// Playing a golden path through the desk and the runner.
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
    desk: BioreactorDesk,
    runner: Runner,
    /// Golden-path observations that disagree with the model.
    mismatches: Vec<String>,
    /// What the desk refused: `(golden-path time, action, reason)`.
    refusals: Vec<String>,
}

/// The station state keys `level` declares for the bioreactor.
fn declared_keys(level: &Level) -> Vec<String> {
    station_state(level).keys().cloned().collect()
}

fn station_state(level: &Level) -> std::collections::BTreeMap<String, Value> {
    level.setup.stations.iter().find(|s| s.id == STATION_ID).expect("the level has the bioreactor").state.clone()
}

/// The desk's current value of `key`, which the model must report.
fn observe(desk: &BioreactorDesk, key: &str) -> Value {
    desk.observations()
        .into_iter()
        .find_map(|(k, value)| (k == key).then_some(value))
        .unwrap_or_else(|| panic!("the model has no observation `{key}`"))
}

fn report_every_key(desk: &BioreactorDesk, runner: &mut Runner, keys: &[String], at: f64) {
    for key in keys {
        runner.observe(at, STATION_ID, key, observe(desk, key));
    }
}

fn inject_events(desk: &mut BioreactorDesk, events: &[RunnerEvent]) {
    for event in events {
        if let RunnerEvent::EventInjected { event, .. } = event {
            desk.inject_event(event);
        }
    }
}

/// Plays `entries` (a golden path, possibly changed) from `desk` in `mode`.
fn play(level: &Level, desk: BioreactorDesk, entries: &[GoldenEntry], mode: Mode, feed: Feed) -> Played {
    let keys = declared_keys(level);
    let expects = expects_by_key(level);
    let mut desk = desk;
    let mut runner = Runner::new(level, mode);
    runner.start(0.0);
    if feed == Feed::EveryKey {
        report_every_key(&desk, &mut runner, &keys, 0.0);
    }
    let mut mismatches = Vec::new();
    let mut refusals = Vec::new();
    for entry in entries {
        let at = entry.at();
        let events = runner.tick(at);
        let injected = events.iter().any(|e| matches!(e, RunnerEvent::EventInjected { .. }));
        inject_events(&mut desk, &events);
        if injected && feed == Feed::EveryKey {
            report_every_key(&desk, &mut runner, &keys, at);
        }
        match entry {
            GoldenEntry::Do { action, .. } => {
                for refusal in desk.act(action).refusals {
                    refusals.push(format!("{at} s: {action:?}: {refusal:?}"));
                }
                let events = runner.act(at, action.clone());
                inject_events(&mut desk, &events);
                if feed == Feed::EveryKey {
                    report_every_key(&desk, &mut runner, &keys, at);
                }
            }
            GoldenEntry::Observe { of, key, value, .. } => {
                assert_eq!(of, STATION_ID, "only the bioreactor reports in these levels");
                // A key the model does not report (an older level's) is passed on as written.
                let Some(model) = desk.station.observe(key) else {
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
    Played { desk, runner, mismatches, refusals }
}

/// The station as it stands when `level` starts: its bioreactor prerequisites played first.
fn desk_at_start(level: &Level) -> BioreactorDesk {
    let mut desk = BioreactorDesk::new("trainee");
    for prerequisite in &level.prerequisites {
        if !prerequisite.starts_with("bioreactor_") {
            continue;
        }
        let before = load(prerequisite);
        let start = desk_at_start(&before);
        // Only the station's state is carried over; an older level's observations are not
        // judged here.
        let played = play(&before, start, &before.golden_path, Mode::Guided, Feed::AsWritten);
        assert!(played.refusals.is_empty(), "{prerequisite}: {:?}", played.refusals);
        desk = played.desk;
    }
    desk
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
    let desk = desk_at_start(&level);
    let expects = expects_by_key(&level);
    let mut problems = Vec::new();
    for (key, value) in station_state(&level) {
        if !OBSERVATION_KEYS.contains(&key.as_str()) {
            problems.push(format!("`{key}` is not a key the station model reports"));
            continue;
        }
        if let Err(why) = agrees(&expects, &key, &value, &observe(&desk, &key)) {
            problems.push(format!("start `{key}`: {why}"));
        }
    }
    assert!(problems.is_empty(), "{id}: {problems:#?}");
}

fn check_golden_path_matches_model(id: &str) {
    let level = load(id);
    let played = play(&level, desk_at_start(&level), &level.golden_path, Mode::Guided, Feed::AsWritten);
    assert!(played.refusals.is_empty(), "{id}: the model refused {:#?}", played.refusals);
    assert!(played.mismatches.is_empty(), "{id}: {:#?}", played.mismatches);
    assert!(played.desk.station.deviations().is_empty(), "{id}: {:?}", played.desk.station.deviations());
    assert!(!played.desk.station.contaminated(), "{id}: the closed system stays closed");
}

fn check_runner_passes_on_model_values(id: &str) {
    let level = load(id);
    for feed in [Feed::ModelValues, Feed::EveryKey] {
        for mode in [Mode::Guided, Mode::Assessment] {
            let played = play(&level, desk_at_start(&level), &level.golden_path, mode, feed);
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
    let distributions = Distribution::ALL.map(|d| d.id().to_owned());
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
        let played = play(&level, desk_at_start(&level), &entries, Mode::Guided, Feed::EveryKey);
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
    let played = play(&level, desk_at_start(&level), &entries, Mode::Guided, Feed::EveryKey);
    assert!(sources(&played.runner).contains(&rule("feeding_before_attachment")), "{:?}", sources(&played.runner));
    let model = played.desk.station.deviations();
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
    let played = play(&level, desk_at_start(&level), &entries, Mode::Guided, Feed::EveryKey);
    assert_eq!(sources(&played.runner), [rule("circulate_only_distribution")]);
    let golden = play(&level, desk_at_start(&level), &level.golden_path, Mode::Guided, Feed::AsWritten);
    let (circulated, settled) = (played.desk.station.culture().attached, golden.desk.station.culture().attached);
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
    let played = play(&level, desk_at_start(&level), &level.golden_path, Mode::Guided, Feed::AsWritten);
    let station = &played.desk.station;
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
    let played = play(&level, desk_at_start(&level), &entries, Mode::Guided, Feed::EveryKey);
    assert!(played.desk.station.peak_lactate_mmol_l() >= 6.0);
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
    let played = play(&level, desk_at_start(&level), &entries, Mode::Guided, Feed::EveryKey);
    assert!(sources(&played.runner).contains(&rule("sample_missed_or_late")), "{:?}", sources(&played.runner));
    let model: Vec<&str> = played.desk.station.deviations().iter().map(|d| d.id()).collect();
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
    let played = play(&level, desk_at_start(&level), &entries, Mode::Guided, Feed::EveryKey);
    assert!(
        sources(&played.runner).contains(&DeviationSource::EventMissed("ic_inlet_pressure_alarm".into())),
        "{:?}",
        sources(&played.runner)
    );
}

// ---------------------------------------------------------------------------------------------
// Wrong paths, with the model's consequences
// ---------------------------------------------------------------------------------------------

/// Longest an injected event waits for its answer in these levels, seconds (a replay runs this
/// long past its last entry, as the checker does).
const LONGEST_DEADLINE_S: f64 = 120.0;

#[test]
fn every_wrong_path_does_what_it_says_when_the_model_reports() {
    for id in [LOAD_PRIME, COAT_LOAD_ATTACH, FEED_HARVEST] {
        let level = load(id);
        assert!(level.events.iter().all(|event| event.deadline_s <= LONGEST_DEADLINE_S), "{id}");
        for (index, wrong) in level.wrong_paths.iter().enumerate() {
            let entries = wrong_path_entries(&level, index).expect("the wrong path exists");
            for mode in [Mode::Guided, Mode::Assessment] {
                let what = format!("{id} `{}` {mode:?}", wrong.id);
                let mut played = play(&level, desk_at_start(&level), &entries, mode, Feed::EveryKey);
                let stop = entries.last().map_or(0.0, GoldenEntry::at) + LONGEST_DEADLINE_S + 1.0;
                played.runner.tick(stop);
                played.runner.finish(stop);
                let recorded: Vec<String> = sources(&played.runner).iter().map(|s| s.id().to_owned()).collect();
                for expected in &wrong.expect.deviations {
                    assert!(recorded.contains(expected), "{what}: no `{expected}` in {recorded:?}");
                }
                let passed = played.runner.report().outcome == Outcome::Passed;
                assert_eq!(passed, wrong.expect.passes, "{what}: {recorded:?}");
            }
        }
    }
}

#[test]
fn load_prime_golden_path_is_what_the_model_reports() {
    check_golden_path_matches_model(LOAD_PRIME);
    check_runner_passes_on_model_values(LOAD_PRIME);
}

#[test]
fn load_prime_clamp_closed_at_priming_leaves_air_the_check_finds() {
    let level = load(LOAD_PRIME);
    let reclose = GoldenEntry::Do { at: 515.0, action: Action::CloseClamp { clamp: "reagent_line_clamp".into() } };
    let mut entries = level.golden_path.clone();
    entries.push(reclose);
    entries.sort_by(|a, b| a.at().total_cmp(&b.at()));
    let played = play(&level, desk_at_start(&level), &entries, Mode::Guided, Feed::EveryKey);
    let station = &played.desk.station;
    assert!(station.air_detected(), "the reagent line keeps its air");
    assert!(!station.clamp_open(Bag::Reagent));
    let priming = station.batch_record().entries().iter().rev().find(|e| e.text.en.starts_with("Set primed"));
    assert!(priming.is_some_and(|e| e.text.en.contains("reagent bag")), "{priming:?}");
    assert!(sources(&played.runner).contains(&rule("air_left_in_a_line")), "{:?}", sources(&played.runner));
    assert!(!played.runner.is_finished(), "the air check cannot be passed with air in a line");
}

#[test]
fn load_prime_alarm_acknowledged_without_inspecting_the_set_holds_the_pumps() {
    let level = load(LOAD_PRIME);
    let inspect_set = Action::Inspect { object: "bioreactor_set".into() };
    // Acknowledged at once, the set left alone until the air check long after the deadline.
    let entries = changed(&level, |entry| {
        if is_do(entry, &inspect_set) && entry.at() < 600.0 && entry.at() > 500.0 {
            Vec::new()
        } else {
            vec![entry.clone()]
        }
    });
    let played = play(&level, desk_at_start(&level), &entries, Mode::Guided, Feed::EveryKey);
    assert!(
        sources(&played.runner).contains(&DeviationSource::EventMissed("prime_alarm".into())),
        "{:?}",
        sources(&played.runner)
    );
    // The check at the end found the kink, and the acknowledged alarm cleared then.
    assert_eq!(played.desk.station.observe("alarm_set_pressure_high"), Some(Value::Flag(false)));
}

#[test]
fn feed_harvest_alarm_acknowledged_with_the_line_still_kinked_keeps_the_pumps_stopped() {
    let level = load(FEED_HARVEST);
    let inspect = Action::Inspect { object: "set_ic_inlet_line".into() };
    let harvest = press("bioreactor_screen_harvest");
    let entries = changed(&level, |entry| if is_do(entry, &inspect) { Vec::new() } else { vec![entry.clone()] });
    let played = play(&level, desk_at_start(&level), &entries, Mode::Guided, Feed::EveryKey);
    let station = &played.desk.station;
    assert_eq!(station.observe("alarm_ic_inlet_pressure_high"), Some(Value::Flag(true)));
    assert_eq!(station.observe("pumps_running"), Some(Value::Flag(false)));
    assert!(station.harvest().is_none(), "the harvest cannot start while the pumps are held");
    assert!(played.refusals.iter().any(|r| r.contains(&format!("{harvest:?}"))), "{:?}", played.refusals);
}

#[test]
fn feed_harvest_golden_path_labels_and_samples_the_product() {
    let level = load(FEED_HARVEST);
    let played = play(&level, desk_at_start(&level), &level.golden_path, Mode::Guided, Feed::AsWritten);
    let station = &played.desk.station;
    assert!(station.harvest_labelled());
    assert_eq!(station.qc_samples().len(), 4);
    assert_eq!(station.observe("sterility_result"), Some(Value::Choice("no_growth".into())));
}

// ---------------------------------------------------------------------------------------------
// The desk's touchscreen
// ---------------------------------------------------------------------------------------------

/// Every button the desk shows enabled is accepted when pressed now, and every one it shows
/// disabled is refused (with a reason in both languages).
fn assert_buttons_agree(desk: &BioreactorDesk, when: &str) {
    for (control, enabled) in desk.screen_controls() {
        if ScreenSetting::from_control(control).is_some() {
            continue;
        }
        let mut probe = desk.clone();
        let outcome = probe.act(&press(control));
        assert!(outcome.handled, "{when}: `{control}` is a bioreactor control");
        assert_eq!(enabled, outcome.refusals.is_empty(), "{when}: `{control}`: {:?}", outcome.refusals);
        assert!(outcome.refusals.iter().all(|r| !r.reason.en.is_empty() && !r.reason.ko.is_empty()));
    }
}

#[test]
fn screen_buttons_are_enabled_exactly_when_a_press_is_accepted() {
    let mut desk = BioreactorDesk::new("trainee");
    for id in [LOAD_PRIME, COAT_LOAD_ATTACH, FEED_HARVEST] {
        let level = load(id);
        let mut runner = Runner::new(&level, Mode::Guided);
        runner.start(0.0);
        for entry in &level.golden_path {
            let at = entry.at();
            inject_events(&mut desk, &runner.tick(at));
            let GoldenEntry::Do { action, .. } = entry else { continue };
            let when = format!("{id} {at} s before {action:?}");
            assert_buttons_agree(&desk, &when);
            if let Action::Set { control, .. } | Action::Press { control } = action {
                let enabled = desk.screen_controls().into_iter().find(|(c, _)| c == control).map(|(_, e)| e);
                assert_eq!(enabled, Some(true), "{when}: the golden path uses only enabled controls");
            }
            let outcome = desk.act(action);
            assert!(outcome.refusals.is_empty(), "{when}: {:?}", outcome.refusals);
            inject_events(&mut desk, &runner.act(at, action.clone()));
        }
        assert_buttons_agree(&desk, &format!("end of {id}"));
    }
}
