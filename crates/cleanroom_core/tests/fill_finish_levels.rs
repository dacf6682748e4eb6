//! The fill-and-finish levels are faithful to the fill-and-finish station model.
//!
//! Each level's golden path (and each wrong path) is played through `FillFinishDesk` as the game
//! plays it: the level's settings configure the unit, the time between entries passes at the
//! unit's own pace, the runner's injected events reach the unit, and a product handed on from the
//! apheresis station is offered before its bag is placed. The tests check that the unit accepts
//! every operation of the golden path and records no deviation, that each observation written
//! in a path is what the unit reports at that moment, and that the runner passes the golden path
//! when fed the unit's own values.

mod common;

use common::load;

use cleanroom_core::common::{Text, Value};
use cleanroom_core::level::GoldenEntry;
use cleanroom_core::procedure::{Action, Level, Mode, Outcome, Runner, RunnerEvent, wrong_path_entries};
use cleanroom_core::stations::fill_finish::ids::STATION_ID;
use cleanroom_core::stations::fill_finish::pages::FillFinishDesk;
use cleanroom_core::stations::{Product, StationModel};

/// The apheresis product the set-up level's prerequisite leaves in the refrigerator, as the
/// apheresis station hands it on (its DIN is that level's `product_din`).
fn apheresis_product() -> Product {
    Product {
        item: "mnc_product_bag".into(),
        din: "G123 426 000 123 L".into(),
        description: Text::new("MNC apheresis product", "MNC 성분채집 산물"),
        cells: 6.0e9,
        viability: 0.97,
        volume_ml: 98.0,
        contaminated: false,
    }
}

struct Played {
    desk: FillFinishDesk,
    runner: Runner,
    mismatches: Vec<String>,
    refusals: Vec<String>,
}

fn observed(desk: &FillFinishDesk, key: &str) -> Option<Value> {
    desk.observations().into_iter().find_map(|(k, value)| (k == key).then_some(value))
}

fn inject(desk: &mut FillFinishDesk, events: &[RunnerEvent]) {
    for event in events {
        if let RunnerEvent::EventInjected { event, .. } = event {
            StationModel::inject(desk, event);
        }
    }
}

/// Plays `entries` from `desk`; the runner hears the unit's own values where the path writes an
/// observation.
fn play(level: &Level, mut desk: FillFinishDesk, entries: &[GoldenEntry], mode: Mode) -> Played {
    let mut runner = Runner::new(level, mode);
    runner.start(0.0);
    let (mut mismatches, mut refusals) = (Vec::new(), Vec::new());
    let mut last_at = 0.0;
    for entry in entries {
        let at = entry.at();
        StationModel::tick(&mut desk, at - last_at);
        last_at = at;
        let events = runner.tick(at);
        inject(&mut desk, &events);
        match entry {
            GoldenEntry::Do { action, .. } => {
                if matches!(action, Action::Place { item, .. } if *item == apheresis_product().item) {
                    StationModel::receive(&mut desk, &apheresis_product());
                }
                for refusal in StationModel::act(&mut desk, action).refusals {
                    refusals.push(format!("{at} s: {action:?}: {} ({})", refusal.code, refusal.reason.en));
                }
                let events = runner.act(at, action.clone());
                inject(&mut desk, &events);
            }
            GoldenEntry::Observe { of, key, value, .. } => {
                assert_eq!(of, STATION_ID, "only the fill-and-finish unit reports in these levels");
                let Some(model) = observed(&desk, key) else {
                    mismatches.push(format!("{at} s `{key}` is not a key the unit reports"));
                    continue;
                };
                if model != *value {
                    mismatches.push(format!("{at} s `{key}`: level {value:?}, unit {model:?}"));
                }
                let events = runner.observe(at, of, key, model);
                inject(&mut desk, &events);
            }
        }
    }
    runner.tick(last_at);
    Played { desk, runner, mismatches, refusals }
}

/// The unit configured by `level`, with its fill-and-finish prerequisites played first.
fn desk_at_start(level: &Level) -> FillFinishDesk {
    let settings = level
        .setup
        .stations
        .iter()
        .find(|station| station.id == STATION_ID)
        .map(|station| station.settings.clone())
        .unwrap_or_default();
    let mut desk = FillFinishDesk::new("trainee");
    StationModel::configure(&mut desk, &settings);
    for prerequisite in level.prerequisites.iter().filter(|id| id.starts_with("fill_finish_")) {
        let before = load(prerequisite);
        let played = play(&before, desk, &before.golden_path, Mode::Guided);
        assert!(played.refusals.is_empty(), "{prerequisite}: {:#?}", played.refusals);
        desk = played.desk;
    }
    desk
}

fn check_golden_path(id: &str) {
    let level = load(id);
    for mode in [Mode::Guided, Mode::Assessment] {
        let played = play(&level, desk_at_start(&level), &level.golden_path, mode);
        assert!(played.refusals.is_empty(), "{id}: the unit refused {:#?}", played.refusals);
        assert!(played.mismatches.is_empty(), "{id}: {:#?}", played.mismatches);
        assert!(played.desk.station.deviations().is_empty(), "{id}: {:?}", played.desk.station.deviations());
        let report = played.runner.report();
        assert_eq!(report.outcome, Outcome::Passed, "{id} {mode:?}: {:#?}", report.deviations);
        assert!(report.deviations.is_empty(), "{id} {mode:?}: {:#?}", report.deviations);
    }
}

/// Each wrong path, played through the unit: the deviations it names are the runner's.
fn check_wrong_paths(id: &str) {
    let level = load(id);
    for (index, wrong) in level.wrong_paths.iter().enumerate() {
        let entries = wrong_path_entries(&level, index).expect("the wrong path applies");
        let played = play(&level, desk_at_start(&level), &entries, Mode::Guided);
        let ids: Vec<String> = played.runner.report().deviations.iter().map(|d| d.source.id().to_owned()).collect();
        for expected in &wrong.expect.deviations {
            assert!(ids.contains(expected), "{id} `{}`: {expected} not in {ids:?}; {:#?}", wrong.id, played.mismatches);
        }
    }
}

#[test]
fn the_set_up_level_is_what_the_unit_does() {
    check_golden_path("fill_finish_set_up_recipe");
    check_wrong_paths("fill_finish_set_up_recipe");
}

#[test]
fn the_freezing_level_is_what_the_unit_does() {
    check_golden_path("fill_finish_formulate_freeze");
    check_wrong_paths("fill_finish_formulate_freeze");
}

#[test]
fn the_reconciliation_level_is_what_the_unit_does() {
    check_golden_path("fill_finish_label_reconciliation");
    check_wrong_paths("fill_finish_label_reconciliation");
}
