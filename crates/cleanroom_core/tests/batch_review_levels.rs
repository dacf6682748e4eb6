//! The inspection-readiness level is faithful to the QA review desk's model: its golden path,
//! played through `BatchReviewDesk` as the game plays it, is taken without a refusal, every
//! observation the path writes is what the desk reports at that moment, and the runner passes
//! it when fed the desk's own values; each wrong path, played the same way, records the
//! deviations it names and its observations are the desk's too.

mod common;

use common::load;

use cleanroom_core::common::Value;
use cleanroom_core::level::GoldenEntry;
use cleanroom_core::procedure::{Level, Mode, Outcome, Runner, wrong_path_entries};
use cleanroom_core::stations::StationModel;
use cleanroom_core::stations::batch_review::BatchReviewDesk;
use cleanroom_core::stations::batch_review::ids::STATION_ID;

const LEVEL: &str = "inspection_readiness";

struct Played {
    runner: Runner,
    mismatches: Vec<String>,
    refusals: Vec<String>,
}

fn observed(desk: &BatchReviewDesk, key: &str) -> Option<Value> {
    desk.observations().into_iter().find_map(|(k, value)| (k == key).then_some(value))
}

fn play(level: &Level, entries: &[GoldenEntry], mode: Mode) -> Played {
    let mut desk = BatchReviewDesk::new("trainee");
    let mut runner = Runner::new(level, mode);
    runner.start(0.0);
    let (mut mismatches, mut refusals) = (Vec::new(), Vec::new());
    let mut last_at = 0.0;
    for entry in entries {
        let at = entry.at();
        StationModel::tick(&mut desk, at - last_at);
        last_at = at;
        runner.tick(at);
        match entry {
            GoldenEntry::Do { action, .. } => {
                for refusal in StationModel::act(&mut desk, action).refusals {
                    refusals.push(format!("{at} s: {action:?}: {}", refusal.code));
                }
                runner.act(at, action.clone());
            }
            GoldenEntry::Observe { of, key, value, .. } => {
                assert_eq!(of, STATION_ID, "only the review desk reports in this level");
                let Some(model) = observed(&desk, key) else {
                    mismatches.push(format!("{at} s `{key}` is not a key the desk reports"));
                    continue;
                };
                if model != *value {
                    mismatches.push(format!("{at} s `{key}`: level {value:?}, desk {model:?}"));
                }
                runner.observe(at, of, key, model);
            }
        }
    }
    runner.tick(last_at);
    Played { runner, mismatches, refusals }
}

#[test]
fn the_inspection_level_is_what_the_review_desk_does() {
    let level = load(LEVEL);
    for mode in [Mode::Guided, Mode::Assessment] {
        let played = play(&level, &level.golden_path, mode);
        assert!(played.refusals.is_empty(), "{mode:?}: the desk refused {:#?}", played.refusals);
        assert!(played.mismatches.is_empty(), "{mode:?}: {:#?}", played.mismatches);
        let report = played.runner.report();
        assert_eq!(report.outcome, Outcome::Passed, "{mode:?}: {:#?}", report.deviations);
        assert!(report.deviations.is_empty(), "{mode:?}: {:#?}", report.deviations);
    }
    for (index, wrong) in level.wrong_paths.iter().enumerate() {
        let entries = wrong_path_entries(&level, index).expect("the wrong path applies");
        let played = play(&level, &entries, Mode::Guided);
        assert!(played.mismatches.is_empty(), "`{}`: {:#?}", wrong.id, played.mismatches);
        // The QA lead hands the review back: the one refusal is the submission.
        let handed_back: Vec<&String> = played.refusals.iter().filter(|r| r.ends_with("review:returned")).collect();
        assert_eq!(handed_back.len(), 1, "`{}`: {:#?}", wrong.id, played.refusals);
        let ids: Vec<String> = played.runner.report().deviations.iter().map(|d| d.source.id().to_owned()).collect();
        for expected in &wrong.expect.deviations {
            assert!(ids.contains(expected), "`{}`: {expected} not in {ids:?}", wrong.id);
        }
    }
}
