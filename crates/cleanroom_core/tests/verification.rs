//! A second person's verification of a signed entry: the verifier checks the area a while
//! after the signature, co-signs or says why not, and a new signature asks again.

use cleanroom_core::common::Value;
use cleanroom_core::procedure::{Action, Mode, Outcome, Runner, RunnerEvent, check_source, parse_level};

/// A level whose one entry QA verifies: the stray bag must be in the tote.
fn level_with(checks: &str) -> String {
    format!(
        r#"Level(
    id: "verify",
    title: (en: "Verify", ko: "확인"),
    setup: (zones: [Zone(id: "room", objects: [
        Object(id: "bench", kind: Surface),
        Object(id: "tote", kind: Surface),
        Object(id: "stray_bag", kind: Item, state: {{"location": Choice("bench")}}),
        Object(id: "clearance", kind: Entry, title: (en: "Line clearance", ko: "라인 클리어런스"), verify: (
            by: (en: "QA", ko: "QA"),
            after_s: 20,
            checks: {checks},
            verified: (en: "QA co-signed.", ko: "QA가 함께 서명했습니다."),
            refused: (en: "QA found the stray bag.", ko: "QA가 남은 백을 찾았습니다."),
        )),
    ])]),
    steps: [
        Step(id: "sign", instruction: (en: "Sign", ko: "서명"), done_when: Do(Sign(entry: "clearance"))),
        Step(
            id: "verified",
            instruction: (en: "Wait for QA", ko: "QA 대기"),
            done_when: State(of: "clearance", key: "verified", is: Is(Flag(true))),
        ),
    ],
    golden_path: [
        Do(at: 5, action: Place(item: "stray_bag", target: "tote")),
        Do(at: 10, action: Sign(entry: "clearance")),
        Do(at: 40, action: Inspect(object: "bench")),
    ],
)"#
    )
}

const BAG_IN_TOTE: &str = r#"State(of: "stray_bag", key: "location", is: Is(Choice("tote")))"#;

fn verifications(events: &[RunnerEvent]) -> Vec<(bool, String)> {
    events
        .iter()
        .filter_map(|event| match event {
            RunnerEvent::EntryVerified { entry, verified, message, .. } if entry == "clearance" => {
                Some((*verified, message.en.clone()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_verifier_refuses_what_is_not_right_and_co_signs_once_it_is() {
    let level = parse_level(&level_with(BAG_IN_TOTE), "verify.level.ron").expect("parses");
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.act(10.0, Action::Sign { entry: "clearance".into() });
    assert!(verifications(&runner.tick(29.0)).is_empty(), "QA comes 20 s after the signature");
    let refused = verifications(&runner.tick(31.0));
    assert_eq!(refused, [(false, "QA found the stray bag.".to_owned())]);
    assert_eq!(runner.state("clearance", "verified"), Some(&Value::Flag(false)));
    assert!(!runner.is_finished(), "the level waits for a verified clearance");

    runner.act(40.0, Action::Place { item: "stray_bag".into(), target: "tote".into() });
    runner.act(45.0, Action::Sign { entry: "clearance".into() });
    let mut events = runner.tick(64.0);
    assert!(verifications(&events).is_empty());
    events = runner.tick(66.0);
    assert_eq!(verifications(&events), [(true, "QA co-signed.".to_owned())]);
    assert!(events.iter().any(|e| matches!(e, RunnerEvent::LevelPassed { .. })), "{events:?}");
    assert_eq!(runner.report().outcome, Outcome::Passed);
}

#[test]
fn a_level_with_a_verification_checks_clean_and_its_golden_path_passes() {
    let report = check_source(&level_with(BAG_IN_TOTE), "verify.level.ron");
    assert!(report.is_ok(), "{}", report.summary());
}

#[test]
fn a_verifier_checks_states_not_actions() {
    let report = check_source(&level_with(r#"Do(Inspect(object: "bench"))"#), "verify.level.ron");
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    assert!(codes.contains(&"L110"), "{}", report.summary());
}

#[test]
fn a_verification_needs_time_to_come() {
    let src = level_with(BAG_IN_TOTE).replace("after_s: 20", "after_s: 0");
    let report = check_source(&src, "verify.level.ron");
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    assert!(codes.contains(&"L111"), "{}", report.summary());
}

#[test]
fn a_signature_made_before_its_step_is_not_verified() {
    let src = level_with(BAG_IN_TOTE).replacen(
        "steps: [",
        r#"steps: [
        Step(id: "look", instruction: (en: "Look", ko: "보기"), done_when: Do(Inspect(object: "bench"))),"#,
        1,
    );
    let level = parse_level(&src, "verify.level.ron").expect("parses");
    let mut runner = Runner::new(&level, Mode::Guided);
    runner.start(0.0);
    runner.act(5.0, Action::Place { item: "stray_bag".into(), target: "tote".into() });
    runner.act(10.0, Action::Sign { entry: "clearance".into() });
    assert!(verifications(&runner.tick(40.0)).is_empty(), "the signature counted for no step");
    runner.act(41.0, Action::Inspect { object: "bench".into() });
    runner.act(42.0, Action::Sign { entry: "clearance".into() });
    assert_eq!(verifications(&runner.tick(63.0)), [(true, "QA co-signed.".to_owned())]);
}
