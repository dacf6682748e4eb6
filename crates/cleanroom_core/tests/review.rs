//! The after-action review of an attempt, read from its records: the path through the room at
//! any moment, the timeline with each deviation where it happened, the steps current at a
//! moment, and whether the record reproduces the attempt.

use cleanroom_core::common::Value;
use cleanroom_core::procedure::{Action, Intervention, Level, Mode, parse_level};
use cleanroom_core::records::RecordStore;
use cleanroom_core::records::review::{Reproduction, Review, What};
use cleanroom_core::records::{attempt_records, latest_ended_attempt};

mod common;
use common::{ATTEMPT, Recorded};

fn mini() -> Level {
    parse_level(include_str!("fixtures/mini.level.ron"), "mini.level.ron").expect("the fixture parses")
}

/// An assessment of the mini level: walking about, a wrong object handled, the pump run too
/// fast for a moment, and a message from the instructor.
fn played() -> Recorded {
    let level = mini();
    let mut played = Recorded::new(&level, Mode::Assessment, 7);
    played.position(0.0, -6.0, 9.5, 350.0);
    played.act(101.0, Action::Wear { garment: "gloves".into() });
    played.position(1.0, -4.0, 9.5, 10.0);
    played.act(102.0, Action::Grab { item: "bag_b".into() });
    played.position(3.0, -4.0, 5.5, 90.0);
    played.act(103.0, Action::Grab { item: "bag_a".into() });
    played.act(
        104.0,
        Action::Connect {
            a: "line".into(),
            b: "bag_a".into(),
            method: cleanroom_core::procedure::ConnectMethod::SterileWeld,
        },
    );
    played.intervene(105.0, Intervention::Message { text: "Mind the rate.".into() });
    played.act(106.0, Action::Set { control: "pump_rate".into(), value: Value::Number(0.95) });
    played.observe(106.5, "pump", "rate", Value::Number(0.95));
    played.act(107.0, Action::Set { control: "pump_rate".into(), value: Value::Number(0.15) });
    played.observe(107.5, "pump", "rate", Value::Number(0.15));
    played.position(8.0, 2.0, 0.0, 180.0);
    played.act(108.0, Action::Sign { entry: "record".into() });
    played.tick(120.0);
    played.act(121.0, Action::Press { control: "pump_alarm_ack".into() });
    played.act(122.0, Action::Inspect { object: "bag_a".into() });
    played.tick(123.0);
    assert!(played.runner.is_finished(), "{:?}", played.runner.report().outcome);
    played
}

#[test]
fn the_path_is_where_the_trainee_was_at_any_moment() {
    let played = played();
    let review = Review::from_records(Some(&mini()), &played.trail()).expect("reviews");
    assert_eq!(review.path.len(), 4);
    let halfway = review.position_at(0.5).expect("sampled");
    assert!((halfway.x - -5.0).abs() < 1e-4 && (halfway.z - 9.5).abs() < 1e-4, "{halfway:?}");
    // From 350° to 10° the trainee turned 20° through north, not 340° the other way.
    assert!(halfway.heading_deg.abs() < 1e-3 || (halfway.heading_deg - 360.0).abs() < 1e-3, "{halfway:?}");
    let before = review.position_at(-1.0).expect("the first sample");
    assert_eq!((before.x, before.z), (-6.0, 9.5));
    let after = review.position_at(1000.0).expect("the last sample");
    assert_eq!((after.x, after.z), (2.0, 0.0));
    assert!((review.distance_m() - (2.0 + 4.0 + (36.0f32 + 30.25).sqrt())).abs() < 1e-3);
}

#[test]
fn the_timeline_puts_each_deviation_where_it_happened_and_keeps_the_instructor() {
    let played = played();
    let review = Review::from_records(Some(&mini()), &played.trail()).expect("reviews");
    let report = review.report.clone().expect("the attempt ended");
    assert!(!report.deviations.is_empty(), "the wrong bag and the overspeed");
    // In assessment the deviations are told at the end, but the timeline has each at its time.
    let deviations: Vec<f64> = review
        .moments
        .iter()
        .filter_map(|moment| matches!(moment.what, What::Deviation(_)).then_some(moment.time_s))
        .collect();
    assert_eq!(deviations, report.deviations.iter().map(|deviation| deviation.time_s).collect::<Vec<_>>());
    assert!(deviations.iter().all(|time| *time < review.duration_s), "{deviations:?}");
    assert!(review.moments.windows(2).all(|pair| pair[0].time_s <= pair[1].time_s), "in time order");
    let message = review.moments.iter().find(|moment| matches!(moment.what, What::Intervened(_))).expect("kept");
    assert!((message.time_s - 5.0).abs() < 1e-9);
    assert!(matches!(review.moments.last().map(|moment| &moment.what), Some(What::Passed | What::Failed)));

    // Up to a moment: what had happened then, and the steps current then.
    let until = review.moments_until(2.5);
    assert!(until.iter().all(|moment| moment.time_s <= 2.5) && !until.is_empty());
    assert!(!review.steps_at(0.0).is_empty(), "steps are current at the start");
    assert!(review.steps_at(0.0).contains(&"wear"));
    assert!(!review.steps_at(2.0).contains(&"wear"), "worn at 1 s");
    let next = review.next_moment(2.0).expect("more happened");
    assert!(next.time_s > 2.0);
    assert!(review.previous_moment(next.time_s).expect("something before").time_s < next.time_s);
}

#[test]
fn the_review_says_whether_the_record_reproduces_the_attempt() {
    let played = played();
    let level = mini();
    let trail = played.trail();
    assert_eq!(Review::from_records(Some(&level), &trail).unwrap().reproduction, Reproduction::Same);

    // A record missing (the pump never seen running too fast) replays to another report.
    let wrong = trail
        .iter()
        .position(|record| record.kind == "observation" && record.body.contains("0.95"))
        .expect("the overspeed");
    let mut missing = trail.clone();
    missing.remove(wrong);
    assert_eq!(Review::from_records(Some(&level), &missing).unwrap().reproduction, Reproduction::Differs);

    // Another version of the level, or no level: not replayed, and said why.
    let mut edited = level.clone();
    edited.version += 1;
    let other = Review::from_records(Some(&edited), &trail).unwrap().reproduction;
    assert!(matches!(&other, Reproduction::NotReplayed(why) if why.contains("version")), "{other:?}");
    assert!(matches!(Review::from_records(None, &trail).unwrap().reproduction, Reproduction::NotReplayed(_)));

    // An attempt without its end has nothing to compare with, but still has its timeline.
    let unfinished: Vec<_> = trail.iter().copied().filter(|record| record.kind != "attempt-ended").collect();
    let review = Review::from_records(Some(&level), &unfinished).unwrap();
    assert_eq!(review.reproduction, Reproduction::Unfinished);
    assert!(review.report.is_none() && !review.moments.is_empty() && review.duration_s > 8.0);
    assert!(Review::from_records(Some(&level), &trail[1..]).is_err(), "no start");
}

#[test]
fn an_attempt_is_read_back_from_the_store_to_review() {
    let played = played();
    let paths = common::fresh_store_paths("review");
    let mut store = RecordStore::open(paths.clone()).expect("opens");
    assert_eq!(latest_ended_attempt(&paths).unwrap(), None);
    store.append_all(&played.records, &[]).expect("written");
    let read = attempt_records(&paths, ATTEMPT).expect("reads").expect("the attempt is there");
    assert_eq!(read.len(), played.records.len());
    assert!(read.iter().zip(&played.records).all(|((kind, body), record)| kind == record.kind && *body == record.body));
    assert_eq!(attempt_records(&paths, "another").unwrap(), None);
    assert_eq!(latest_ended_attempt(&paths).unwrap().as_deref(), Some(ATTEMPT));
}
