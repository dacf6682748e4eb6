//! Runner behaviour: ordering, groups, prerequisites, tolerances, rules, events, modes,
//! scoring, pause, restart.

use cleanroom_core::common::Value;
use cleanroom_core::level::Feedback;
use cleanroom_core::procedure::report::StepStatus;
use cleanroom_core::procedure::{
    Action, ConnectMethod, DeviationSource, FailReason, Level, Mode, Outcome, Runner, RunnerEvent, SanitiseTarget,
    Severity, parse_level, replay_golden,
};

const MINI: &str = include_str!("fixtures/mini.level.ron");

fn mini() -> Level {
    parse_level(MINI, "mini.level.ron").expect("the fixture parses")
}

fn wear(garment: &str) -> Action {
    Action::Wear { garment: garment.into() }
}

fn grab(item: &str) -> Action {
    Action::Grab { item: item.into() }
}

fn touch(surface: &str) -> Action {
    Action::Touch { surface: surface.into() }
}

fn press(control: &str) -> Action {
    Action::Press { control: control.into() }
}

fn weld(a: &str, b: &str) -> Action {
    Action::Connect { a: a.into(), b: b.into(), method: ConnectMethod::SterileWeld }
}

fn set_rate(value: f64) -> Action {
    Action::Set { control: "pump_rate".into(), value: Value::Number(value) }
}

fn sign() -> Action {
    Action::Sign { entry: "record".into() }
}

fn current(runner: &Runner) -> Vec<&str> {
    runner.current_steps().iter().map(|s| s.id.as_str()).collect()
}

fn started(events: &[RunnerEvent]) -> Vec<&str> {
    events
        .iter()
        .filter_map(|e| match e {
            RunnerEvent::StepStarted { step, .. } => Some(step.as_str()),
            _ => None,
        })
        .collect()
}

fn completed(events: &[RunnerEvent]) -> Vec<&str> {
    events
        .iter()
        .filter_map(|e| match e {
            RunnerEvent::StepCompleted { step, .. } => Some(step.as_str()),
            _ => None,
        })
        .collect()
}

fn deviation_ids(runner: &Runner) -> Vec<String> {
    runner.deviations().iter().map(|d| d.source.id().to_owned()).collect()
}

/// Plays the mini level up to (and including) `set_rate` being done.
fn play_all_steps(runner: &mut Runner, from: f64) {
    runner.act(from + 1.0, wear("gloves"));
    runner.act(from + 2.0, weld("line", "bag_a"));
    runner.act(from + 3.0, grab("bag_a"));
    runner.act(from + 4.0, set_rate(0.15));
    runner.observe(from + 5.0, "pump", "rate", Value::Number(0.15));
    runner.act(from + 6.0, sign());
}

#[test]
fn steps_run_in_sequence_by_default() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    let events = runner.start(0.0);
    assert_eq!(started(&events), ["wear", "optional_look"]);
    // Grabbing the bag before the gloves does not complete a later step.
    let events = runner.act(1.0, grab("bag_a"));
    assert!(completed(&events).is_empty());
    let events = runner.act(2.0, wear("gloves"));
    assert_eq!(completed(&events), ["wear"]);
    assert_eq!(started(&events), ["grab_a", "connect", "sign"]);
}

#[test]
fn an_unordered_group_takes_any_order_and_gates_the_next_step() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.act(1.0, wear("gloves"));
    assert_eq!(current(&runner), ["grab_a", "connect", "sign", "optional_look"]);
    let events = runner.act(2.0, weld("bag_a", "line"));
    assert_eq!(completed(&events), ["connect"]);
    assert!(started(&events).is_empty(), "set_rate waits for the whole group");
    let events = runner.act(3.0, grab("bag_a"));
    assert_eq!(completed(&events), ["grab_a"]);
    assert_eq!(started(&events), ["set_rate"]);
}

#[test]
fn explicit_prerequisites_replace_the_sequence() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    assert!(!current(&runner).contains(&"sign"));
    runner.act(1.0, wear("gloves"));
    // `sign` is after `wear` only, so it is current alongside the group.
    let events = runner.act(2.0, sign());
    assert_eq!(completed(&events), ["sign"]);
}

#[test]
fn set_values_and_states_must_meet_their_tolerances() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.act(1.0, wear("gloves"));
    runner.act(2.0, weld("line", "bag_a"));
    runner.act(3.0, grab("bag_a"));
    runner.act(4.0, set_rate(0.3));
    runner.observe(5.0, "pump", "rate", Value::Number(0.25));
    assert_eq!(current(&runner)[0], "set_rate", "0.3 is outside 0.15 ± 0.05");
    runner.act(6.0, set_rate(0.199));
    assert_eq!(current(&runner)[0], "set_rate", "the pump still reports 0.25");
    let events = runner.observe(8.0, "pump", "rate", Value::Number(0.2));
    assert_eq!(completed(&events), ["set_rate"]);
    assert_eq!(runner.state("pump", "rate"), Some(&Value::Number(0.2)));
}

#[test]
fn a_sequence_rule_fires_unless_broken_by_the_in_between_action() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.act(1.0, touch("bench"));
    runner.act(2.0, Action::Sanitise { target: SanitiseTarget::Gloves, with: None });
    runner.act(3.0, touch("product"));
    assert!(runner.deviations().is_empty());
    runner.act(4.0, touch("bench"));
    let events = runner.act(5.0, touch("product"));
    assert_eq!(deviation_ids(&runner), ["touch_then_product"]);
    let recorded = events.iter().find_map(|e| match e {
        RunnerEvent::DeviationRecorded(d) => Some(d),
        _ => None,
    });
    let recorded = recorded.expect("live feedback in guided mode");
    assert_eq!(recorded.severity, Severity::Major);
    assert_eq!(recorded.points, 10.0);
    assert_eq!(recorded.explanation.get("ko"), "사이에 소독");
    assert_eq!(recorded.time_s, 5.0);
    assert_eq!(recorded.step.as_deref(), Some("wear"));
}

#[test]
fn a_critical_rule_fails_an_otherwise_perfect_run() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.act(0.5, Action::Connect { a: "line".into(), b: "bag_b".into(), method: ConnectMethod::Open });
    play_all_steps(&mut runner, 0.0);
    runner.act(12.0, Action::Inspect { object: "bag_a".into() });
    let Outcome::Failed(reasons) = runner.outcome() else {
        panic!("expected a failure, got {:?}", runner.outcome());
    };
    assert!(reasons.contains(&FailReason::CriticalDeviation(DeviationSource::Rule("open_connection".into()))));
    assert!((runner.score().total - 70.0).abs() < 1e-9);
}

#[test]
fn state_rules_fire_on_entering_the_forbidden_range_and_rules_respect_scope() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.observe(1.0, "pump", "rate", Value::Number(0.95));
    runner.observe(2.0, "pump", "rate", Value::Number(0.99));
    assert_eq!(deviation_ids(&runner), ["overspeed"], "recorded once");
    runner.act(3.0, press("pump_start"));
    assert_eq!(deviation_ids(&runner), ["overspeed", "start_early"]);

    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    play_all_steps(&mut runner, 0.0);
    runner.act(7.0, press("pump_start"));
    assert!(runner.deviations().is_empty(), "`start_early` ends with set_rate");
}

#[test]
fn an_event_at_a_time_is_injected_resolved_or_missed() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    assert!(runner.tick(99.0).is_empty());
    let events = runner.tick(101.0);
    assert!(events.iter().any(|e| matches!(
        e,
        RunnerEvent::EventInjected { event, time_s, deadline_s, .. }
            if event == "alarm" && *time_s == 100.0 && *deadline_s == 130.0
    )));
    assert!(runner.current_highlights().contains(&"pump_alarm_ack"));
    let events = runner.act(110.0, press("pump_alarm_ack"));
    assert!(events.iter().any(|e| matches!(
        e,
        RunnerEvent::EventResolved { event, time_s } if event == "alarm" && *time_s == 110.0
    )));

    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.tick(101.0);
    let events = runner.tick(131.0);
    let missed = events.iter().find_map(|e| match e {
        RunnerEvent::DeviationRecorded(d) => Some(d),
        _ => None,
    });
    let missed = missed.expect("the deadline passed");
    assert_eq!(missed.source, DeviationSource::EventMissed("alarm".into()));
    assert_eq!(missed.time_s, 130.0);
}

#[test]
fn an_event_after_a_step_holds_the_level_open_until_answered() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Assessment);
    runner.start(0.0);
    play_all_steps(&mut runner, 0.0);
    assert!(!runner.is_finished(), "`check_bag` is due 5 s after `sign`");
    let events = runner.tick(11.5);
    assert!(events.iter().any(|e| matches!(e, RunnerEvent::EventInjected { event, .. } if event == "check_bag")));
    let events = runner.act(12.0, Action::Inspect { object: "bag_a".into() });
    assert!(matches!(events.last(), Some(RunnerEvent::LevelPassed { .. })));
    assert!(runner.deviations().is_empty(), "event objects are fair game");
}

#[test]
fn guided_mode_gives_hints_and_highlights_assessment_gives_none() {
    let level = mini();
    let mut guided = Runner::new(&level, Mode::Guided);
    let events = guided.start(0.0);
    assert!(events.iter().any(|e| matches!(
        e,
        RunnerEvent::Hint { step: Some(step), highlight, .. } if step == "wear" && highlight == &["gloves"]
    )));
    assert_eq!(guided.current_highlights(), ["gloves"]);
    // Using a later step's object: a hint, not a deviation.
    let events = guided.act(1.0, Action::Inspect { object: "bag_a".into() });
    assert!(events.iter().any(|e| matches!(e, RunnerEvent::Hint { step: None, .. })));
    assert!(guided.deviations().is_empty());

    let mut assessment = Runner::new(&level, Mode::Assessment);
    let events = assessment.start(0.0);
    assert!(!events.iter().any(|e| matches!(e, RunnerEvent::Hint { .. })));
    assert!(assessment.current_highlights().is_empty());
    // Picking a later step's bag up to move it aside uses nothing.
    assessment.act(0.5, grab("bag_a"));
    assert!(assessment.deviations().is_empty(), "a grab is never out of turn");
    assessment.act(1.0, Action::Inspect { object: "bag_a".into() });
    assessment.act(2.0, Action::Inspect { object: "bag_a".into() });
    assert_eq!(deviation_ids(&assessment), ["bag_a"], "recorded once per object");
    assert_eq!(assessment.deviations()[0].source, DeviationSource::WrongObject("bag_a".into()));
    // Objects of no step (the bench) and of current steps are fine.
    assessment.act(3.0, touch("bench"));
    assessment.act(4.0, wear("gloves"));
    assessment.act(5.0, grab("bag_a"));
    assert_eq!(assessment.deviations().len(), 1);
}

#[test]
fn scores_weight_required_steps_and_deduct_deviations() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.act(0.5, press("pump_start"));
    play_all_steps(&mut runner, 0.0);
    runner.act(12.0, Action::Inspect { object: "bag_a".into() });
    let report = runner.report();
    assert!(report.passed());
    let score = &report.score;
    // Weights 1, 1, 1, 2, 1 over required steps: 100/6 per unit.
    let set_rate = score.steps.iter().find(|s| s.step == "set_rate").expect("scored");
    assert!((set_rate.max - 100.0 / 3.0).abs() < 1e-9);
    assert!(score.steps.iter().all(|s| s.step != "optional_look"));
    assert!((score.earned - 100.0).abs() < 1e-9);
    assert_eq!(score.deducted, 3.0);
    assert!((score.total - 97.0).abs() < 1e-9);
    assert_eq!(score.elapsed_s, 12.0);
    assert_eq!(report.steps[0].started_s, Some(0.0));
    assert_eq!(report.steps[0].completed_s, Some(1.0));
    assert_eq!(report.events[1].resolved_s, Some(12.0));
}

#[test]
fn end_feedback_withholds_deviations_until_the_level_ends() {
    let mut level = mini();
    level.scoring.feedback = Feedback::End;
    let mut runner = Runner::new(&level, Mode::Assessment);
    runner.start(0.0);
    let mut live = Vec::new();
    live.extend(runner.act(1.0, touch("bench")));
    live.extend(runner.act(2.0, touch("product")));
    live.extend(runner.observe(2.5, "pump", "rate", Value::Number(1.0)));
    live.extend(runner.act(2.6, press("pump_start")));
    assert!(!live.iter().any(|e| matches!(e, RunnerEvent::DeviationRecorded(_))));
    assert_eq!(deviation_ids(&runner), ["touch_then_product", "overspeed", "start_early"]);
    play_all_steps(&mut runner, 70.0);
    runner.tick(82.0);
    let events = runner.act(83.0, Action::Inspect { object: "bag_a".into() });
    let recorded = events.iter().filter(|e| matches!(e, RunnerEvent::DeviationRecorded(_))).count();
    assert_eq!(recorded, 3, "withheld deviations arrive at the end");
    let Some(RunnerEvent::LevelPassed { score }) = events.last() else {
        panic!("expected a pass, got {events:?}");
    };
    assert!((score.total - 85.0).abs() < 1e-9);
}

#[test]
fn the_pass_score_is_the_threshold() {
    let mut level = mini();
    level.scoring.pass_score = 98.0;
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.act(0.5, press("pump_start")); // -3
    play_all_steps(&mut runner, 0.0);
    let events = runner.act(12.0, Action::Inspect { object: "bag_a".into() });
    let Some(RunnerEvent::LevelFailed { reasons, .. }) = events.last() else {
        panic!("expected a failure, got {events:?}");
    };
    assert!(
        matches!(reasons[..], [FailReason::ScoreBelowPass { score, pass_score }] if (score - 97.0).abs() < 1e-9 && pass_score == 98.0)
    );
}

#[test]
fn step_time_limits_record_once_at_the_limit() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.act(1.0, wear("gloves"));
    runner.act(2.0, weld("line", "bag_a"));
    runner.act(3.0, grab("bag_a")); // set_rate starts at 3
    runner.tick(62.0);
    assert!(runner.deviations().is_empty());
    runner.tick(64.0);
    runner.tick(90.0);
    assert_eq!(deviation_ids(&runner), ["set_rate"]);
    assert_eq!(runner.deviations()[0].time_s, 63.0);
    assert_eq!(runner.deviations()[0].points, 5.0);
}

#[test]
fn the_level_time_limit_fails_the_level() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    let events = runner.tick(601.0);
    let Some(RunnerEvent::LevelFailed { reasons, score }) = events.last() else {
        panic!("expected a failure, got {events:?}");
    };
    assert!(reasons.contains(&FailReason::TimeLimitExceeded { limit_s: 600.0 }));
    assert_eq!(score.elapsed_s, 600.0);
    assert!(runner.act(602.0, wear("gloves")).is_empty(), "finished runs ignore input");
}

#[test]
fn paused_time_does_not_count_and_input_is_ignored_while_paused() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(1000.0);
    runner.act(1001.0, wear("gloves"));
    runner.pause(1010.0);
    assert!(runner.is_paused());
    assert!(runner.act(1020.0, sign()).is_empty());
    assert!(runner.tick(1700.0).is_empty(), "the level time limit is frozen too");
    runner.resume(1700.0);
    let events = runner.act(1702.0, sign());
    assert!(matches!(
        &events[0],
        RunnerEvent::StepCompleted { step, time_s, .. } if step == "sign" && (*time_s - 12.0).abs() < 1e-9
    ));
    assert_eq!(runner.level_time(), 12.0);
}

#[test]
fn restart_forgets_everything() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Assessment);
    runner.start(0.0);
    runner.act(1.0, Action::Inspect { object: "bag_a".into() });
    runner.act(2.0, wear("gloves"));
    assert_eq!(runner.deviations().len(), 1);
    let events = runner.restart(50.0);
    assert_eq!(started(&events), ["wear", "optional_look"]);
    assert!(runner.deviations().is_empty());
    assert_eq!(runner.report().steps[0].status, StepStatus::Current);
    let events = runner.act(53.0, wear("gloves"));
    assert!(matches!(&events[0], RunnerEvent::StepCompleted { time_s, .. } if *time_s == 3.0));
}

#[test]
fn an_instructor_skip_completes_a_step_for_no_points() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    let events = runner.skip_step(1.0, "wear");
    assert!(matches!(
        &events[0],
        RunnerEvent::StepCompleted { step, points, skipped: true, .. } if step == "wear" && *points == 0.0
    ));
    assert_eq!(runner.score().steps[0].earned, 0.0);
}

#[test]
fn finishing_early_fails_with_the_missing_steps() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.act(1.0, wear("gloves"));
    let events = runner.finish(2.0);
    let Some(RunnerEvent::LevelFailed { reasons, .. }) = events.last() else {
        panic!("expected a failure, got {events:?}");
    };
    assert!(matches!(&reasons[0], FailReason::StepsIncomplete(steps) if steps.len() == 4));
}

#[test]
fn times_going_backwards_count_as_the_latest_time() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.act(10.0, wear("gloves"));
    let events = runner.act(5.0, sign());
    assert!(matches!(&events[0], RunnerEvent::StepCompleted { time_s, .. } if *time_s == 10.0));
}

#[test]
fn the_golden_path_passes_with_full_marks_in_both_modes() {
    let level = mini();
    for mode in [Mode::Guided, Mode::Assessment] {
        let replay = replay_golden(&level, mode);
        assert_eq!(replay.report.outcome, Outcome::Passed, "{mode:?}");
        assert!((replay.report.score.total - 100.0).abs() < 1e-9);
        assert!(replay.report.deviations.is_empty());
    }
}

#[test]
fn finishing_while_paused_ends_at_the_paused_time() {
    let level = mini();
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.pause(30.0);
    let events = runner.finish(90.0);
    let Some(RunnerEvent::LevelFailed { score, .. }) = events.last() else {
        panic!("expected a failure, got {events:?}");
    };
    assert_eq!(score.elapsed_s, 30.0);
}

#[test]
fn actions_read_and_write_as_ron() {
    let options = cleanroom_core::procedure::check::ron_options();
    let action: Action =
        options.from_str(r#"Sanitise(target: Surface("work_bench"), with: "ipa_wipes")"#).expect("parses");
    assert_eq!(
        action,
        Action::Sanitise { target: SanitiseTarget::Surface("work_bench".into()), with: Some("ipa_wipes".into()) }
    );
    let weld: Action = options.from_str(r#"Connect(a: "set_media_line", b: "media_bag")"#).expect("parses");
    assert_eq!(weld, self::weld("set_media_line", "media_bag"));
    let written = ron::to_string(&set_rate(0.15)).expect("serialises");
    assert_eq!(written, r#"Set(control:"pump_rate",value:Number(0.15))"#);
}

/// A level of its own for the rules on time, state at a moment and omissions.
const TIMING: &str = r#"Level(
    id: "timing",
    title: (en: "Timing", ko: "시간"),
    parameters: {"max_open_s": (value: 60, unit: "s")},
    setup: (zones: [Zone(id: "room", objects: [
        Object(id: "plate", kind: Item, state: {"location": Choice("bench")}),
        Object(id: "bench", kind: Surface),
        Object(id: "incubator", kind: Surface),
        Object(id: "label", kind: Item),
    ])]),
    steps: [
        Step(id: "open", instruction: (en: "Open", ko: "열기"), done_when: Do(Inspect(object: "plate"))),
        Step(id: "close", instruction: (en: "Close", ko: "닫기"), done_when: Do(Place(item: "plate", target: "incubator"))),
    ],
    rules: [
        Rule(id: "open_too_long", when: TimeBetween(from: Step("open"), to: Step("close"), at_most: "max_open_s"),
            severity: Major, points: 10, explanation: (en: "Too long", ko: "너무 김")),
        Rule(id: "closed_too_soon", when: TimeBetween(from: Step("open"), to: Step("close"), at_least: 5),
            severity: Minor, points: 5, explanation: (en: "Too soon", ko: "너무 빠름")),
        Rule(id: "left_on_bench", when: StateAt(at: End, of: "plate", key: "location", is: Is(Choice("bench"))),
            severity: Major, points: 10, explanation: (en: "Left", ko: "방치")),
        Rule(id: "never_labelled", when: Never(action: Place(item: "label", target: "plate"), by: Step("close")),
            severity: Major, points: 10, explanation: (en: "Unlabelled", ko: "라벨 없음")),
    ],
    golden_path: [
        Do(at: 1, action: Inspect(object: "plate")),
        Do(at: 10, action: Place(item: "label", target: "plate")),
        Do(at: 20, action: Place(item: "plate", target: "incubator")),
    ],
)"#;

fn timing() -> Level {
    parse_level(TIMING, "timing.level.ron").expect("the timing level parses")
}

fn rules_broken(runner: &Runner) -> Vec<(String, f64)> {
    runner
        .deviations()
        .iter()
        .filter_map(|d| match &d.source {
            DeviationSource::Rule(id) => Some((id.clone(), d.time_s)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_time_limit_between_steps_breaks_when_it_runs_out_not_only_when_the_step_comes() {
    let mut runner = Runner::new(&timing(), Mode::Guided);
    runner.start(0.0);
    runner.act(1.0, Action::Inspect { object: "plate".into() });
    runner.act(10.0, Action::Place { item: "label".into(), target: "plate".into() });
    // The parameter's 60 s pass with the plate still open: broken at 61 s, while waiting.
    runner.tick(70.0);
    assert_eq!(rules_broken(&runner), vec![("open_too_long".to_owned(), 61.0)]);
    runner.act(80.0, Action::Place { item: "plate".into(), target: "incubator".into() });
    assert_eq!(rules_broken(&runner).len(), 1, "recorded once");
    assert!(runner.is_finished());
}

#[test]
fn too_short_an_interval_an_omission_and_something_left_behind_are_each_caught() {
    let mut runner = Runner::new(&timing(), Mode::Guided);
    runner.start(0.0);
    runner.act(1.0, Action::Inspect { object: "plate".into() });
    // Closed 2 s after opening, never labelled.
    runner.act(3.0, Action::Place { item: "plate".into(), target: "incubator".into() });
    let broken = rules_broken(&runner);
    assert!(broken.contains(&("closed_too_soon".to_owned(), 3.0)), "{broken:?}");
    assert!(broken.contains(&("never_labelled".to_owned(), 3.0)), "{broken:?}");
    assert!(!broken.iter().any(|(id, _)| id == "left_on_bench"), "the plate went to the incubator: {broken:?}");

    // Another attempt leaves the plate on the bench and stops: it is still there at the end.
    let mut runner = Runner::new(&timing(), Mode::Guided);
    runner.start(0.0);
    runner.act(1.0, Action::Inspect { object: "plate".into() });
    runner.finish(30.0);
    assert!(rules_broken(&runner).contains(&("left_on_bench".to_owned(), 30.0)), "{:?}", rules_broken(&runner));
}

#[test]
fn the_golden_timing_breaks_nothing() {
    let report = replay_golden(&timing(), Mode::Assessment).report;
    assert_eq!(report.outcome, Outcome::Passed, "{:?}", report.deviations);
    assert!(report.deviations.is_empty());
}
