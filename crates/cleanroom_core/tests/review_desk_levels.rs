//! The review desks' levels are faithful to their models (the QA review desk's batch record,
//! the QC review terminal's results, the monitoring trolley's plates): each golden path, played through the station's model as
//! the game plays it (configured by the level's settings), is taken without a refusal, every
//! observation the path writes is what the model reports at that moment, and the runner passes
//! it when fed the model's own values; each wrong path, played the same way, records the
//! deviations it names, and its observations are the model's too.

mod common;

use common::load;

use cleanroom_core::common::Value;
use cleanroom_core::level::GoldenEntry;
use cleanroom_core::procedure::{Level, Mode, Outcome, Runner, wrong_path_entries};
use cleanroom_core::stations::{StationModel, spec};

struct Played {
    runner: Runner,
    mismatches: Vec<String>,
    refusals: Vec<String>,
}

fn observed(model: &dyn StationModel, key: &str) -> Option<Value> {
    model.observations().into_iter().find_map(|(k, value)| (k == key).then_some(value))
}

/// The level's one station, configured by the level.
fn model_of(level: &Level) -> (String, Box<dyn StationModel>) {
    let [station] = level.setup.stations.as_slice() else { panic!("{}: one station", level.id) };
    let mut model = (spec(&station.id).expect("a station with a model").new)("trainee");
    model.configure(&station.settings);
    (station.id.clone(), model)
}

/// The bioreactor as it stands when `level` starts: its prerequisites' expert actions played
/// through its model first (theirs before them), with the time between them, as the game
/// replays a level's prerequisites.
fn bioreactor_at_start(level: &Level) -> Box<dyn StationModel> {
    let mut bioreactor = (spec("bioreactor").expect("the bioreactor").new)("trainee");
    for id in &level.prerequisites {
        let before = load(id);
        bioreactor = bioreactor_at_start(&before);
        let mut last_at = 0.0;
        for entry in &before.golden_path {
            if let GoldenEntry::Do { at, action } = entry {
                bioreactor.tick(at - last_at);
                last_at = *at;
                let refusals = bioreactor.act(action).refusals;
                assert!(refusals.is_empty(), "{id} at {at} s: the bioreactor refused {action:?}: {refusals:?}");
            }
        }
    }
    bioreactor
}

fn play(level: &Level, entries: &[GoldenEntry], mode: Mode) -> Played {
    play_with(level, entries, mode, None)
}

/// As `play`, with the station that made the product: whatever of its products an action
/// places is handed to the level's station first, as the world hands it over.
fn play_with(level: &Level, entries: &[GoldenEntry], mode: Mode, maker: Option<&dyn StationModel>) -> Played {
    let (station, mut model) = model_of(level);
    let mut runner = Runner::new(level, mode);
    runner.start(0.0);
    let (mut mismatches, mut refusals) = (Vec::new(), Vec::new());
    let mut last_at = 0.0;
    for entry in entries {
        let at = entry.at();
        model.tick(at - last_at);
        last_at = at;
        runner.tick(at);
        match entry {
            GoldenEntry::Do { action, .. } => {
                if let (Some(maker), cleanroom_core::level::Action::Place { item, .. }) = (maker, action)
                    && let Some(product) = maker.products().into_iter().find(|product| product.item == *item)
                {
                    model.receive(&product);
                }
                for refusal in model.act(action).refusals {
                    refusals.push(format!("{at} s: {action:?}: {}", refusal.code));
                }
                runner.act(at, action.clone());
            }
            GoldenEntry::Observe { of, key, value, .. } => {
                assert_eq!(*of, station, "only {station} reports in {}", level.id);
                let Some(reported) = observed(model.as_ref(), key) else {
                    mismatches.push(format!("{at} s `{key}` is not a key {station} reports"));
                    continue;
                };
                if reported != *value {
                    mismatches.push(format!("{at} s `{key}`: level {value:?}, model {reported:?}"));
                }
                runner.observe(at, of, key, reported);
            }
        }
    }
    runner.tick(last_at);
    Played { runner, mismatches, refusals }
}

/// The golden path passes cleanly in both modes; each wrong path records what it names.
/// `handed_back` is the refusal a wrong path's last submission meets, if the model refuses it.
fn check(id: &str, handed_back: Option<&str>) {
    check_with(id, handed_back, None)
}

fn check_with(id: &str, handed_back: Option<&str>, maker: Option<&dyn StationModel>) {
    let level = load(id);
    for mode in [Mode::Guided, Mode::Assessment] {
        let played = play_with(&level, &level.golden_path, mode, maker);
        assert!(played.refusals.is_empty(), "{id} {mode:?}: the model refused {:#?}", played.refusals);
        assert!(played.mismatches.is_empty(), "{id} {mode:?}: {:#?}", played.mismatches);
        let report = played.runner.report();
        assert_eq!(report.outcome, Outcome::Passed, "{id} {mode:?}: {:#?}", report.deviations);
        assert!(report.deviations.is_empty(), "{id} {mode:?}: {:#?}", report.deviations);
    }
    for (index, wrong) in level.wrong_paths.iter().enumerate() {
        let entries = wrong_path_entries(&level, index).expect("the wrong path applies");
        let played = play_with(&level, &entries, Mode::Guided, maker);
        assert!(played.mismatches.is_empty(), "{id} `{}`: {:#?}", wrong.id, played.mismatches);
        if let Some(code) = handed_back {
            let refused: Vec<&String> = played.refusals.iter().filter(|r| r.ends_with(code)).collect();
            assert_eq!(refused.len(), 1, "{id} `{}`: {:#?}", wrong.id, played.refusals);
        }
        let ids: Vec<String> = played.runner.report().deviations.iter().map(|d| d.source.id().to_owned()).collect();
        for expected in &wrong.expect.deviations {
            assert!(ids.contains(expected), "{id} `{}`: {expected} not in {ids:?}", wrong.id);
        }
    }
}

#[test]
fn the_inspection_level_is_what_the_review_desk_does() {
    // The QA lead hands the review back once in each wrong path.
    check("inspection_readiness", Some("review:returned"));
}

#[test]
fn the_qc_release_levels_are_what_the_qc_terminal_does() {
    check("qc_release_car_t", None);
    check("qc_release_endotoxin", None);
}

#[test]
fn the_qc_testing_level_tests_the_bioreactors_own_harvest() {
    let level = load("qc_testing_msc");
    let bioreactor = bioreactor_at_start(&level);
    let samples = bioreactor.products();
    assert_eq!(samples.len(), 4, "the feeding-and-harvest level draws the four QC samples");
    check_with("qc_testing_msc", None, Some(bioreactor.as_ref()));
    // Without the bioreactor's harvest, the containers hold nothing and the bench refuses them.
    let played = play(&level, &level.golden_path, Mode::Guided);
    assert!(played.refusals.iter().any(|refusal| refusal.ends_with("qc:no_product")), "{:#?}", played.refusals);
}

#[test]
fn the_material_transfer_level_is_what_the_hatch_does() {
    check("material_transfer", None);
}

#[test]
fn the_em_levels_are_what_the_monitoring_trolley_does() {
    // Played without the world, the room is quiet: the counts and the plates are clean conduct's.
    check("em_operation", None);
    check("em_excursion", None);
}
