//! The instructor stepping in: each intervention changes the run as it says and is on the
//! report; an assessment with one is not a clean pass; a level can forbid the helping ones in
//! assessment; and an attempt with interventions replays from its records to the same report.

use cleanroom_core::common::Value;
use cleanroom_core::procedure::report::StepStatus;
use cleanroom_core::procedure::{
    Action, Intervened, Intervention, Level, Mode, Refused, Runner, RunnerEvent, parse_level,
};
use cleanroom_core::records::replay::{ReplayError, replay};

mod common;
use common::Recorded;

const MINI: &str = include_str!("fixtures/mini.level.ron");

fn mini() -> Level {
    parse_level(MINI, "mini.level.ron").expect("the fixture parses")
}

fn skip(step: &str) -> Intervention {
    Intervention::SkipStep { step: step.into() }
}

fn fire(event: &str) -> Intervention {
    Intervention::FireEvent { event: event.into() }
}

fn message(text: &str) -> Intervention {
    Intervention::Message { text: text.into() }
}

fn wear() -> Action {
    Action::Wear { garment: "gloves".into() }
}

/// The mini level's steps after `wear`, done by the trainee from `from`.
fn play_rest(runner: &mut Runner, from: f64) -> Vec<RunnerEvent> {
    let mut events = Vec::new();
    events.extend(runner.act(
        from + 1.0,
        Action::Connect {
            a: "line".into(),
            b: "bag_a".into(),
            method: cleanroom_core::procedure::ConnectMethod::SterileWeld,
        },
    ));
    events.extend(runner.act(from + 2.0, Action::Grab { item: "bag_a".into() }));
    events.extend(runner.act(from + 3.0, Action::Set { control: "pump_rate".into(), value: Value::Number(0.15) }));
    events.extend(runner.observe(from + 4.0, "pump", "rate", Value::Number(0.15)));
    events.extend(runner.act(from + 5.0, Action::Sign { entry: "record".into() }));
    events.extend(runner.tick(from + 10.5));
    events.extend(runner.act(from + 11.0, Action::Inspect { object: "bag_a".into() }));
    events
}

#[test]
fn each_intervention_is_reported_first_and_kept_on_the_report() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);

    let events = runner.intervene(2.0, skip("wear")).expect("a current step can be skipped");
    assert_eq!(events[0], RunnerEvent::Intervened(Intervened { intervention: skip("wear"), time_s: 2.0 }));
    assert!(events.iter().any(|e| matches!(
        e,
        RunnerEvent::StepCompleted { step, skipped: true, points, .. } if step == "wear" && *points == 0.0
    )));
    assert_eq!(runner.report().steps[0].status, StepStatus::Done);
    assert!(runner.report().steps[0].skipped);

    let events = runner.intervene(3.0, message("  Check the weld before you go on.  ")).expect("a short line");
    assert_eq!(
        events,
        [RunnerEvent::Intervened(Intervened {
            intervention: message("Check the weld before you go on."),
            time_s: 3.0
        })],
        "a message is sent trimmed, and changes nothing else"
    );

    // The alarm is due at 100 s; the instructor sets it off at 5 s, with its deadline from then.
    let events = runner.intervene(5.0, fire("alarm")).expect("an event not yet happened");
    assert!(events.iter().any(|e| matches!(
        e,
        RunnerEvent::EventInjected { event, time_s, deadline_s, .. }
            if event == "alarm" && *time_s == 5.0 && *deadline_s == 35.0
    )));
    assert_eq!(runner.active_events().len(), 1);
    assert!(runner.tick(101.0).iter().all(|e| !matches!(e, RunnerEvent::EventInjected { .. })), "not twice");

    let kinds: Vec<Intervention> = runner.report().interventions.into_iter().map(|i| i.intervention).collect();
    assert_eq!(kinds, [skip("wear"), message("Check the weld before you go on."), fire("alarm")]);
}

#[test]
fn a_pause_stops_the_clock_and_the_trainee_until_the_instructor_resumes() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.intervene(10.0, Intervention::Pause).expect("pauses");
    assert!(runner.is_paused());
    assert!(runner.act(20.0, wear()).is_empty(), "the trainee cannot act while paused");
    assert_eq!(runner.intervene(30.0, Intervention::Pause), Err(Refused::AlreadyPaused));
    // A step can be skipped while paused, at the paused moment.
    let events = runner.intervene(40.0, skip("wear")).expect("skipped while paused");
    assert!(
        events
            .iter()
            .any(|e| matches!(e, RunnerEvent::StepCompleted { step, time_s, .. } if step == "wear" && *time_s == 10.0))
    );
    runner.intervene(500.0, Intervention::Resume).expect("resumes");
    assert_eq!(runner.intervene(501.0, Intervention::Resume), Err(Refused::NotPaused));
    runner.tick(505.0);
    assert_eq!(runner.level_time(), 15.0, "the 490 s paused do not count");
    let times: Vec<f64> = runner.report().interventions.iter().map(|i| i.time_s).collect();
    assert_eq!(times, [10.0, 10.0, 10.0]);
}

#[test]
fn a_restart_starts_the_run_over_and_keeps_what_the_instructor_did() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Assessment);
    runner.start(0.0);
    runner.act(1.0, Action::Inspect { object: "bag_a".into() });
    assert_eq!(runner.deviations().len(), 1, "bag_a is for a later step");
    let events = runner.intervene(20.0, Intervention::Restart).expect("restarts");
    assert!(
        matches!(&events[0], RunnerEvent::Intervened(Intervened { intervention: Intervention::Restart, time_s }) if *time_s == 20.0)
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, RunnerEvent::StepStarted { step, time_s } if step == "wear" && *time_s == 0.0))
    );
    assert!(runner.deviations().is_empty());
    assert_eq!(runner.level_time(), 0.0);
    assert_eq!(runner.report().interventions.len(), 1);
}

#[test]
fn an_assessment_the_instructor_stepped_into_is_not_a_clean_pass() {
    let level = mini();
    // Without help: a clean pass.
    let mut runner = Runner::new(&level, Mode::Assessment);
    runner.start(0.0);
    runner.act(1.0, wear());
    play_rest(&mut runner, 1.0);
    let report = runner.report();
    assert!(report.passed() && report.clean_pass(), "{:?}", report.outcome);

    // With one message: the score is the same, but it is not a clean pass.
    let mut runner = Runner::new(&level, Mode::Assessment);
    runner.start(0.0);
    runner.act(1.0, wear());
    runner.intervene(1.5, message("Take your time.")).unwrap();
    play_rest(&mut runner, 1.0);
    let assisted = runner.report();
    assert!(assisted.passed(), "the score still passes");
    assert_eq!(assisted.score.total, report.score.total);
    assert!(!assisted.clean_pass());
    assert!(assisted.assisted_assessment());

    // In guided mode the instructor is there to help: a pass is a pass.
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.act(1.0, wear());
    runner.intervene(1.5, message("Take your time.")).unwrap();
    play_rest(&mut runner, 1.0);
    assert!(runner.report().clean_pass());
}

#[test]
fn a_level_can_forbid_interventions_in_assessment_but_never_a_pause() {
    let text = MINI.replace(
        "scoring: (pass_score: 80, time_limit_s: 600)",
        "scoring: (pass_score: 80, time_limit_s: 600, interventions_in_assessment: false)",
    );
    let level = parse_level(&text, "mini.level.ron").expect("the flag parses");
    assert!(!level.scoring.interventions_in_assessment);
    let mut runner = Runner::new(&level, Mode::Assessment);
    runner.start(0.0);
    for intervention in [skip("wear"), fire("alarm"), message("Hurry up.")] {
        assert_eq!(runner.intervene(1.0, intervention.clone()), Err(Refused::Forbidden), "{intervention:?}");
    }
    assert!(runner.report().interventions.is_empty(), "a refused intervention is not recorded");
    runner.intervene(2.0, Intervention::Pause).expect("a trainee unwell in the headset can always be stopped");
    runner.intervene(3.0, Intervention::Resume).expect("and resumed");
    assert_eq!(runner.report().interventions.len(), 2);
    // Guided mode allows them.
    let mut guided = Runner::new(&level, Mode::Guided);
    guided.start(0.0);
    assert!(guided.intervene(1.0, skip("wear")).is_ok());
}

#[test]
fn an_intervention_that_makes_no_sense_is_refused_with_a_reason() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.act(1.0, wear());
    assert_eq!(runner.intervene(2.0, skip("wear")), Err(Refused::StepDone("wear".into())));
    assert_eq!(runner.intervene(2.0, skip("dance")), Err(Refused::UnknownStep("dance".into())));
    assert_eq!(runner.intervene(2.0, fire("fire_drill")), Err(Refused::UnknownEvent("fire_drill".into())));
    runner.intervene(2.0, fire("alarm")).unwrap();
    assert_eq!(runner.intervene(3.0, fire("alarm")), Err(Refused::EventAlreadyFired("alarm".into())));
    assert_eq!(runner.intervene(3.0, message("   ")), Err(Refused::EmptyMessage));
    let long = "x".repeat(121);
    assert_eq!(runner.intervene(3.0, message(&long)), Err(Refused::MessageTooLong { chars: 121 }));
    assert!(Refused::MessageTooLong { chars: 121 }.text().ko.contains("120"), "said in Korean too");
    runner.finish(4.0);
    assert_eq!(runner.intervene(5.0, Intervention::Pause), Err(Refused::Finished));
    assert_eq!(runner.report().interventions.len(), 1);
}

#[test]
fn an_attempt_with_interventions_replays_from_its_records_to_the_same_report() {
    let level = mini();
    let mut played = Recorded::new(&level, Mode::Assessment, 42);
    played.act(101.0, Action::Inspect { object: "bag_a".into() });
    played.intervene(102.0, Intervention::Pause);
    played.act(150.0, wear());
    played.intervene(160.0, Intervention::Resume);
    played.act(161.0, wear());
    played.intervene(162.0, skip("connect"));
    played.intervene(163.0, message("Set the rate now."));
    played.act(164.0, Action::Grab { item: "bag_a".into() });
    played.act(165.0, Action::Set { control: "pump_rate".into(), value: Value::Number(0.95) });
    played.observe(166.0, "pump", "rate", Value::Number(0.95));
    played.act(167.0, Action::Set { control: "pump_rate".into(), value: Value::Number(0.15) });
    played.observe(168.0, "pump", "rate", Value::Number(0.15));
    played.intervene(169.0, fire("alarm"));
    played.act(170.0, Action::Sign { entry: "record".into() });
    played.tick(190.0);
    played.act(191.0, Action::Press { control: "pump_alarm_ack".into() });
    played.act(192.0, Action::Inspect { object: "bag_a".into() });
    let report = played.runner.report();
    assert!(played.runner.is_finished(), "{:?}", report.outcome);
    assert!(report.deviations.len() >= 2, "the wrong object and the overspeed: {:?}", report.deviations);
    assert_eq!(report.interventions.len(), 5);

    let replayed = replay(&level, &played.trail()).expect("replays");
    assert_eq!(replayed.runner.report(), report);
    assert!(replayed.reproduces());
    assert_eq!(replayed.started.seed, 42);

    // Another version of the level is not the level that was played.
    let mut edited = level.clone();
    edited.version += 1;
    assert!(matches!(replay(&edited, &played.trail()), Err(ReplayError::OtherLevel { .. })));
    assert_eq!(replay(&level, &played.trail()[1..]).unwrap_err(), ReplayError::NoStart);
}
