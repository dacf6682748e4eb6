//! The instructor at the desk, in the headless game: each intervention changes the session as
//! it says and is on the record; an assessment with one is not a clean pass; a restart is a
//! fresh attempt; a level can forbid the helping ones; a recorded attempt replays from the
//! records store to the same report; and the after-action review reads it back with the
//! trainee's path, the timeline and a scrubber.

use std::time::Duration;

use bevy::prelude::*;
use cleanroom::procedure::{ActiveProcedure, InstructorDesk, InstructorIntervened, LevelAsset, LevelCatalog};
use cleanroom::records::{Records, RecordsConfig, SignedInTrainee};
use cleanroom::screens::{Pause, Screen};
use cleanroom_core::procedure::Intervention;
use cleanroom_core::records::attempt::{AbandonedBecause, AttemptAbandoned, SignedInBy, Trainee, kind};
use cleanroom_core::records::replay::{TrailRecord, replay};
use cleanroom_core::records::{RecordStore, StorePaths};

const GOWNING: &str = "gowning_grade_b";

/// A headless game that records into a fresh store, with a trainee signed in.
fn recorded_app(name: &str) -> (App, StorePaths) {
    let folder = std::env::temp_dir().join(format!("cleanroom-instructor-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let store = StorePaths { records: folder.join("data"), keys: folder.join("keys") };
    let mut app = cleanroom::headless::app_with_levels(&cleanroom::procedure::levels_dir());
    app.insert_resource(RecordsConfig { store: store.clone(), lrs: None });
    let trainee = Trainee::new("T-3001", "Choi Yuna").unwrap();
    app.insert_resource(SignedInTrainee { trainee: Some(trainee), by: Some(SignedInBy::Menu) });
    (app, store)
}

/// Enters a session of the gowning level, in guided mode.
fn start_gowning(app: &mut App) {
    app.world_mut().resource_mut::<cleanroom::screens::SessionSettings>().level = Some(GOWNING.into());
    cleanroom::headless::enter_session(app);
}

/// The instructor asks, and the game takes it (a pause holds the session from the next frame).
fn intervene(app: &mut App, intervention: Intervention) {
    app.world_mut().write_message(InstructorIntervened(intervention));
    app.update();
    app.update();
}

fn procedure(app: &App) -> &ActiveProcedure {
    app.world().resource::<ActiveProcedure>()
}

fn pause_state(app: &App) -> Pause {
    *app.world().resource::<State<Pause>>().get()
}

/// Every record of the store, once the game has written them all and let the store go.
fn stored(app: &mut App, store: &StorePaths) -> Vec<cleanroom_core::records::chain::ChainedRecord> {
    assert!(app.world().resource::<Records>().flush(Duration::from_secs(30)), "the records reached the disk");
    app.world_mut().remove_resource::<Records>();
    RecordStore::open(store.clone()).expect("the store opens").records().expect("its records")
}

/// The records of one attempt, as the replay reads them.
fn trail_of<'a>(records: &'a [cleanroom_core::records::chain::ChainedRecord], attempt: &str) -> Vec<TrailRecord<'a>> {
    records
        .iter()
        .filter(|record| record.attempt.as_deref() == Some(attempt))
        .map(|record| TrailRecord { kind: &record.kind, body: &record.body })
        .collect()
}

fn level(app: &App, id: &str) -> cleanroom_core::level::Level {
    let handle = app.world().resource::<LevelCatalog>().find(id).and_then(|entry| entry.handle.clone()).unwrap();
    app.world().resource::<Assets<LevelAsset>>().get(&handle).unwrap().level.clone()
}

#[test]
fn each_intervention_changes_the_session_is_recorded_and_replays_to_the_same_report() {
    let (mut app, store) = recorded_app("each");
    let mut seen = Vec::new();
    let report = cleanroom::headless::play_expert_path_with(&mut app, GOWNING, false, |played, app| match played {
        2 => {
            intervene(app, Intervention::Message { text: "Take the hood from the top shelf.".into() });
            let message = procedure(app).instructor_message.clone();
            assert_eq!(message.map(|(text, _)| text).as_deref(), Some("Take the hood from the top shelf."));
            seen.push("message");
        }
        4 => {
            intervene(app, Intervention::Pause);
            assert_eq!(pause_state(app), Pause::Held, "the trainee's session is held");
            let held_at = procedure(app).runner.level_time();
            // The trainee cannot resume it, and nothing they do counts while it is held.
            app.world_mut().resource_mut::<cleanroom::input::Locomotion>().menu = true;
            for _ in 0..20 {
                app.update();
            }
            assert_eq!(pause_state(app), Pause::Held);
            assert_eq!(procedure(app).runner.level_time(), held_at, "the level clock stands still");
            intervene(app, Intervention::Resume);
            app.update();
            assert_eq!(pause_state(app), Pause::Running);
            seen.push("pause");
        }
        6 => {
            // The instructor skips a step the trainee has still to do.
            let current = procedure(app).runner.current_steps();
            let step = current.iter().find(|s| s.required).expect("a current required step").id.clone();
            intervene(app, Intervention::SkipStep { step: step.clone() });
            let done = procedure(app).runner.report().steps.into_iter().find(|s| s.step == step).unwrap();
            assert!(done.skipped && done.completed_s.is_some(), "{done:?}");
            seen.push("skip");
        }
        _ => {}
    })
    .expect("the level plays to its debrief");
    assert_eq!(seen, ["message", "pause", "skip"]);
    assert!(report.passed(), "{:?}", report.outcome);
    assert!(report.score.total < 100.0, "a skipped step earns nothing: {}", report.score.total);
    let kinds: Vec<&str> = report.interventions.iter().map(|i| intervention_kind(&i.intervention)).collect();
    assert_eq!(kinds, ["message", "pause", "resume", "skip"]);

    let records = stored(&mut app, &store);
    let attempt = records.iter().find(|r| r.kind == kind::ATTEMPT_STARTED).and_then(|r| r.attempt.clone()).unwrap();
    let in_trail = records.iter().filter(|r| r.kind == kind::INTERVENTION).count();
    assert_eq!(in_trail, 4, "each intervention is in the audit trail");
    let replayed = replay(&level(&app, GOWNING), &trail_of(&records, &attempt)).expect("the attempt replays");
    assert_eq!(replayed.recorded.as_ref(), Some(&report), "the trail ends with the debrief");
    assert_eq!(replayed.runner.report(), report, "the replay reaches the same report");
}

fn intervention_kind(intervention: &Intervention) -> &'static str {
    match intervention {
        Intervention::Pause => "pause",
        Intervention::Resume => "resume",
        Intervention::SkipStep { .. } => "skip",
        Intervention::Restart => "restart",
        Intervention::FireEvent { .. } => "fire",
        Intervention::Message { .. } => "message",
    }
}

#[test]
fn an_assessment_with_an_intervention_is_not_a_clean_pass_nor_progress() {
    let (mut app, _store) = recorded_app("assessment");
    let report = cleanroom::headless::play_expert_path_with(&mut app, GOWNING, true, |played, app| {
        if played == 3 {
            intervene(app, Intervention::Message { text: "Slow down.".into() });
        }
    })
    .expect("the level plays to its debrief");
    assert!(report.passed(), "the score passes: {:?}", report.outcome);
    assert!(!report.clean_pass(), "but the instructor stepped in");
    assert!(report.assisted_assessment());
    let records = app.world().resource::<Records>();
    assert!(records.flush(Duration::from_secs(30)));
    assert!(records.status().passed.is_empty(), "the curriculum does not count it: {:?}", records.status().passed);
}

#[test]
fn the_instructor_restarts_the_level_as_a_fresh_attempt() {
    let (mut app, store) = recorded_app("restart");
    start_gowning(&mut app);
    for _ in 0..60 {
        app.update();
    }
    let first = app.world().resource::<Records>().attempt().expect("an attempt").to_owned();
    assert!(procedure(&app).runner.level_time() > 1.0);
    intervene(&mut app, Intervention::Restart);
    app.update();
    app.update();
    assert_eq!(*app.world().resource::<State<Screen>>().get(), Screen::Session);
    assert!(procedure(&app).runner.level_time() < 0.5, "the level starts over");
    assert!(procedure(&app).runner.interventions().is_empty(), "the fresh attempt is clean");
    let second = app.world().resource::<Records>().attempt().expect("a fresh attempt").to_owned();
    assert_ne!(first, second);
    let records = stored(&mut app, &store);
    let of_first: Vec<&str> = records
        .iter()
        .filter(|r| r.attempt.as_deref() == Some(&first))
        .map(|r| r.kind.as_str())
        .filter(|k| [kind::INTERVENTION, kind::ATTEMPT_ABANDONED].contains(k))
        .collect();
    assert_eq!(of_first, [kind::INTERVENTION, kind::ATTEMPT_ABANDONED]);
    let abandoned = records.iter().find(|r| r.kind == kind::ATTEMPT_ABANDONED).unwrap();
    let because: AttemptAbandoned = serde_json::from_str(&abandoned.body).unwrap();
    assert_eq!(because.because, AbandonedBecause::RestartedByInstructor);
    assert!(records.iter().any(|r| r.kind == kind::ATTEMPT_STARTED && r.attempt.as_deref() == Some(&second)));
}

#[test]
fn an_event_fired_now_reaches_the_trainee_and_a_forbidding_level_refuses_help_in_assessment() {
    let (mut app, _store) = recorded_app("fire");
    start_gowning(&mut app);
    intervene(&mut app, Intervention::FireEvent { event: "outer_glove_tear".into() });
    let pending = procedure(&app).pending_event.clone().expect("the trainee is told");
    assert_eq!(pending.0, "outer_glove_tear");
    assert_eq!(procedure(&app).runner.active_events().len(), 1);
    intervene(&mut app, Intervention::FireEvent { event: "outer_glove_tear".into() });
    let refused = app.world().resource::<InstructorDesk>().refused.clone().expect("a second time is refused");
    assert!(refused.en.contains("already happened"), "{refused:?}");
    assert!(!refused.ko.is_empty());

    // The same level, its author forbidding interventions in assessment.
    let folder = std::env::temp_dir().join(format!("cleanroom-instructor-forbid-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    let source = std::fs::read_to_string(cleanroom::procedure::levels_dir().join("gowning_grade_b.level.ron")).unwrap();
    let forbidding = source.replacen("scoring: (", "scoring: (interventions_in_assessment: false, ", 1);
    assert_ne!(forbidding, source, "the level has a scoring section");
    std::fs::write(folder.join("gowning_grade_b.level.ron"), forbidding).unwrap();
    let mut app = cleanroom::headless::app_with_levels(&folder);
    {
        let mut settings = app.world_mut().resource_mut::<cleanroom::screens::SessionSettings>();
        settings.level = Some(GOWNING.into());
        settings.assessment = true;
    }
    cleanroom::headless::enter_session(&mut app);
    let step = procedure(&app).runner.current_steps()[0].id.clone();
    intervene(&mut app, Intervention::SkipStep { step });
    assert!(app.world().resource::<InstructorDesk>().refused.as_ref().is_some_and(|r| r.en.contains("forbids")));
    assert!(procedure(&app).runner.interventions().is_empty());
    intervene(&mut app, Intervention::Pause);
    assert_eq!(pause_state(&app), Pause::Held, "a pause is always possible");
    assert_eq!(procedure(&app).runner.interventions().len(), 1);
    let _ = std::fs::remove_dir_all(&folder);
}

/// Stands the trainee at a floor point (as walking there would), facing north.
fn stand_at(app: &mut App, x: f32, z: f32) {
    use bevy::ecs::system::RunSystemOnce;
    app.world_mut()
        .run_system_once(move |mut player: Query<(&mut Transform, &mut cleanroom::player::Player)>| {
            let (mut body, mut state) = player.single_mut().expect("the trainee");
            cleanroom::player::place(&mut body, &mut state, Vec3::new(x, 0.0, z), Vec3::NEG_Z);
        })
        .expect("placed");
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

#[test]
fn a_finished_attempt_is_reviewed_from_the_store_with_its_path_timeline_and_scrubber() {
    use cleanroom::review::{OpenReview, ReviewProblem, ReviewSession};
    use cleanroom_core::records::review::{Reproduction, What};

    let (mut app, _store) = recorded_app("review");
    // Where the trainee walks while playing, along the corridor.
    let spots = [(-6.0, 9.5), (-4.0, 9.6), (-2.0, 9.0), (0.0, 9.5), (3.0, 10.0), (6.0, 9.5)];
    let report = cleanroom::headless::play_expert_path_with(&mut app, GOWNING, true, |played, app| {
        if let Some((x, z)) = spots.get(played) {
            stand_at(app, *x, *z);
        }
    })
    .expect("the level plays to its debrief");
    assert_eq!(screen(&app), Screen::Debrief);
    let attempt = app.world().resource::<Records>().last_ended().expect("the attempt ended").to_owned();

    // The debrief's button: the attempt read back from the store.
    app.world_mut().write_message(OpenReview { attempt: Some(attempt.clone()), back_to: Screen::Debrief, at_s: None });
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Review, "{:?}", app.world().resource::<ReviewProblem>());
    let session = app.world().resource::<ReviewSession>();
    let review = &session.review;
    assert_eq!(session.attempt, attempt);
    assert_eq!(review.reproduction, Reproduction::Same, "the record replays to the attempt's report");
    assert_eq!(review.report.as_ref(), Some(&report));
    assert_eq!(review.started.trainee.name, "Choi Yuna");
    // The path passes every place the trainee stood, in order.
    let mut visited = 0;
    for sample in &review.path {
        if let Some((x, z)) = spots.get(visited)
            && (sample.x - x).abs() < 0.3
            && (sample.z - z).abs() < 0.3
        {
            visited += 1;
        }
    }
    assert_eq!(visited, spots.len(), "the path: {:?}", review.path);
    assert!(review.distance_m() > 10.0, "walked {} m", review.distance_m());
    // The timeline has every step of the debrief done, at the debrief's times.
    let done: Vec<(&str, f64)> = review
        .moments
        .iter()
        .filter_map(|moment| match &moment.what {
            What::StepCompleted { step, .. } => Some((step.as_str(), moment.time_s)),
            _ => None,
        })
        .collect();
    let expected: Vec<(&str, f64)> =
        report.steps.iter().filter_map(|step| Some((step.step.as_str(), step.completed_s?))).collect();
    assert_eq!(done, expected);
    assert!(review.moments.iter().filter(|moment| matches!(moment.what, What::Acted(_))).count() >= 10);

    // The scrubber: the next moment, a place on the path, playing moves it on.
    let first = review.moments[0].time_s;
    let duration = review.duration_s;
    let at_end = review.position_at(duration).expect("a position at the end");
    let mut session = app.world_mut().resource_mut::<ReviewSession>();
    session.step(true);
    assert!(session.time_s > first && session.time_s <= duration);
    session.scrub_to(duration + 100.0);
    assert_eq!(session.time_s, duration, "kept within the attempt");
    assert!((at_end.x - 6.0).abs() < 0.3 && (at_end.z - 9.5).abs() < 0.3, "ends where the trainee stood: {at_end:?}");
    session.scrub_to(0.0);
    session.toggle_playing();
    for _ in 0..10 {
        app.update();
    }
    let played = app.world().resource::<ReviewSession>().time_s;
    assert!(played > 0.2, "playing moves the scrubber on: {played}");

    // Back to the debrief, which is still there; a review of an attempt that is not in the
    // store says so and stays where it was asked.
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Debrief);
    app.update();
    assert_eq!(screen(&app), Screen::Debrief);
    assert!(!app.world().contains_resource::<ReviewSession>());
    assert!(app.world().contains_resource::<cleanroom::procedure::Debrief>());
    app.world_mut().write_message(OpenReview {
        attempt: Some("no-such-attempt".into()),
        back_to: Screen::Debrief,
        at_s: None,
    });
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Debrief);
    let problem = app.world().resource::<ReviewProblem>().0.clone().expect("said why");
    assert!(problem.contains("no-such-attempt"), "{problem}");
    // The newest attempt that ended, as `cleanroom --review latest` opens it.
    app.world_mut().write_message(OpenReview { attempt: None, back_to: Screen::MainMenu, at_s: Some(30.0) });
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Review);
    let session = app.world().resource::<ReviewSession>();
    assert_eq!((session.attempt.as_str(), session.time_s), (attempt.as_str(), 30.0));
}
