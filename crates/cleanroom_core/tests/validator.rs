//! Validator: one test per kind of problem, each asserting the message and where it points.

use cleanroom_core::procedure::{Diagnostic, DiagnosticSeverity, FileReport, check_source};

const MINI: &str = include_str!("fixtures/mini.level.ron");
const FILE: &str = "levels/mini.level.ron";

fn check(src: &str) -> FileReport {
    check_source(src, FILE)
}

/// The fixture with the first `from` replaced by `to`.
fn edit(from: &str, to: &str) -> String {
    assert!(MINI.contains(from), "the fixture contains {from:?}");
    MINI.replacen(from, to, 1)
}

/// 1-based line and column (in characters) of the first `needle` in `src`.
fn pos(src: &str, needle: &str) -> (usize, usize) {
    let at = src.find(needle).unwrap_or_else(|| panic!("{needle:?} in the source"));
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The one diagnostic whose message contains `text`.
fn find<'a>(report: &'a FileReport, text: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.message.contains(text)).collect();
    assert_eq!(found.len(), 1, "one diagnostic containing {text:?} in:\n{:#?}", report.diagnostics);
    found[0]
}

fn assert_at(diagnostic: &Diagnostic, (line, column): (usize, usize)) {
    assert_eq!((diagnostic.line, diagnostic.column), (line, column), "position of {diagnostic}");
}

#[test]
fn the_fixture_only_warns_that_its_timed_alarm_is_never_replayed() {
    let report = check(MINI);
    assert!(report.is_ok());
    assert_eq!(report.diagnostics.len(), 1, "{:#?}", report.diagnostics);
    let diagnostic = find(&report, "event `alarm` never happens in the golden path");
    assert_eq!(diagnostic.severity, DiagnosticSeverity::Warning);
    assert_at(diagnostic, pos(MINI, r#""alarm""#));
}

#[test]
fn a_syntax_error_points_at_the_line_and_column_with_a_caret() {
    let src = edit(r#"title: (en: "Mini", ko: "미니"),"#, r#"title: (en: "Mini" ko: "미니"),"#);
    let report = check(&src);
    assert!(report.level.is_none());
    let diagnostic = &report.diagnostics[0];
    assert_eq!(report.diagnostics.len(), 1);
    assert!(diagnostic.is_error());
    assert_eq!(diagnostic.line, 4);
    assert!(diagnostic.message.contains("a `,` is missing"), "{diagnostic}");
    assert!(diagnostic.help.as_deref().is_some_and(|h| h.contains("put a comma")), "{diagnostic}");
    let rendered = diagnostic.to_string();
    let mut lines = rendered.lines();
    assert_eq!(
        lines.next(),
        Some(format!("{FILE}:4:{}: error[L010]: {}", diagnostic.column, diagnostic.message).as_str())
    );
    assert_eq!(lines.next(), Some("  |"));
    assert_eq!(lines.next(), Some(r#"4 |     title: (en: "Mini" ko: "미니"),"#));
    let caret = lines.next().expect("a caret line");
    assert_eq!(caret.find('^'), Some(4 + diagnostic.column - 1));
}

#[test]
fn an_unknown_field_is_a_located_syntax_error() {
    let src = edit("instruction: (en: \"Grab bag A\"", "instrution: (en: \"Grab bag A\"");
    let report = check(&src);
    let diagnostic = find(&report, "unknown field `instrution` in `Step`");
    assert_at(diagnostic, pos(&src, "instrution"));
    assert_eq!(diagnostic.width, "instrution".len());
    let help = diagnostic.help.as_deref().expect("a suggestion");
    assert!(help.starts_with("did you mean `instruction`? the fields here are `id`, `instruction`"), "{help}");
}

#[test]
fn an_unknown_zone() {
    let src = edit(r#"zone: "room","#, r#"zone: "rooom","#);
    let report = check(&src);
    let diagnostic = find(&report, "unknown zone `rooom`");
    assert_at(diagnostic, pos(&src, r#""rooom""#));
    assert_eq!(diagnostic.help.as_deref(), Some("did you mean `room`?"));
}

#[test]
fn an_unknown_station_in_a_state_condition() {
    let src = edit(r#"State(of: "pump""#, r#"State(of: "pmp""#);
    let report = check(&src);
    let diagnostic = find(&report, "unknown station, zone or object `pmp`");
    assert_at(diagnostic, pos(&src, r#""pmp""#));
}

#[test]
fn an_unknown_item() {
    let src = edit(r#"Do(Grab(item: "bag_a"))"#, r#"Do(Grab(item: "bag_c"))"#);
    let report = check(&src);
    let diagnostic = find(&report, "unknown item or garment `bag_c`");
    assert_at(diagnostic, pos(&src, r#""bag_c""#));
}

#[test]
fn an_unknown_control() {
    let src = edit(r#"Press(control: "pump_start")"#, r#"Press(control: "pump_stat")"#);
    let report = check(&src);
    let diagnostic = find(&report, "unknown button or switch `pump_stat`");
    assert_at(diagnostic, pos(&src, r#""pump_stat""#));
    assert_eq!(diagnostic.help.as_deref(), Some("did you mean `pump_start`?"));
}

#[test]
fn an_id_of_the_wrong_kind() {
    let src = edit(r#"Do(Wear(garment: "gloves"))"#, r#"Do(Wear(garment: "bag_a"))"#);
    let report = check(&src);
    let diagnostic = find(&report, "`bag_a` is an item, but `Wear` needs a garment");
    assert_at(diagnostic, pos(&src, r#""bag_a"))"#));
}

#[test]
fn an_unknown_state_key() {
    let src = edit(r#"key: "rate", is: Between"#, r#"key: "speed", is: Between"#);
    let report = check(&src);
    let diagnostic = find(&report, "`pump` has no state key `speed`");
    assert_at(diagnostic, pos(&src, r#""speed""#));
}

#[test]
fn a_state_condition_of_the_wrong_type() {
    let src = edit(r#"key: "rate", is: Between"#, r#"key: "running", is: Between"#);
    let report = check(&src);
    let diagnostic = find(&report, "`pump`.`running` holds a flag, but this expects a number");
    assert_at(diagnostic, pos(&src, "Between(min"));
}

#[test]
fn an_unknown_tag() {
    let src = edit(r##"Touch(surface: "#non_sterile")"##, r##"Touch(surface: "#nonsterile")"##);
    let report = check(&src);
    let diagnostic = find(&report, "no object has the tag `nonsterile`");
    assert_at(diagnostic, pos(&src, r##""#nonsterile""##));
}

#[test]
fn an_unknown_highlight() {
    let src = edit(r#"highlight: ["gloves"]"#, r#"highlight: ["glove"]"#);
    let report = check(&src);
    let diagnostic = find(&report, "unknown id `glove` in `highlight`");
    assert_at(diagnostic, pos(&src, r#""glove""#));
}

#[test]
fn a_duplicate_step_id() {
    let src = edit(r#"id: "grab_a","#, r#"id: "wear","#);
    let report = check(&src);
    let diagnostic = find(&report, "duplicate step id `wear`");
    let second = src.match_indices(r#"id: "wear""#).nth(1).expect("two").0;
    let line = src[..second].matches('\n').count() + 1;
    assert_at(diagnostic, (line, 17));
    let (first, what) = diagnostic.related.as_ref().expect("points at the first");
    assert_eq!(first.line, pos(&src, r#"id: "wear""#).0);
    assert_eq!(what, "first used here");
    assert!(diagnostic.to_string().contains(&format!("= note: first used here, line {}:", first.line)), "{diagnostic}");
}

#[test]
fn a_duplicate_setup_id() {
    let src = edit(r#"Object(id: "product", kind: Item)"#, r#"Object(id: "bag_a", kind: Item)"#);
    let report = check(&src);
    let diagnostic = find(&report, "`bag_a` is declared twice");
    let second = src.match_indices(r#"id: "bag_a""#).nth(1).expect("two").0;
    assert_at(diagnostic, (src[..second].matches('\n').count() + 1, 32));
    let (first, _) = diagnostic.related.as_ref().expect("points at the first");
    assert_eq!((first.line, first.column), pos(&src, r#""bag_a""#));
    assert_eq!(diagnostic.help.as_deref(), Some("every id in setup must be unique: rename one of them"));
}

#[test]
fn an_ordering_cycle() {
    let src = edit(
        r#"            done_when: Do(Wear(garment: "gloves")),"#,
        r#"            done_when: Do(Wear(garment: "gloves")),
            after: ["sign"],"#,
    );
    let report = check(&src);
    let diagnostic = find(&report, "ordering cycle: wear → sign → wear");
    assert_at(diagnostic, pos(&src, r#"["sign"]"#));
}

#[test]
fn an_unreachable_step() {
    let src = edit(r#"done_when: Do(Wear(garment: "gloves")),"#, "done_when: AnyOf([]),");
    let report = check(&src);
    let never = find(&report, "`AnyOf([])` can never be met");
    assert_at(never, pos(&src, "AnyOf([])"));
    let diagnostic = find(&report, "step `grab_a` is unreachable: it waits for `wear`, which can never complete");
    assert_at(diagnostic, pos(&src, r#""grab_a""#));
}

#[test]
fn an_unknown_step_in_after() {
    let src = edit(r#"after: ["wear"]"#, r#"after: ["waer"]"#);
    let report = check(&src);
    let diagnostic = find(&report, "unknown step `waer` in `after`");
    assert_at(diagnostic, pos(&src, r#""waer""#));
    assert_eq!(diagnostic.help.as_deref(), Some("did you mean `wear`?"));
}

#[test]
fn a_tolerance_with_min_above_max() {
    let src = edit("Between(min: 0.1, max: 0.2)", "Between(min: 0.3, max: 0.2)");
    let report = check(&src);
    let diagnostic = find(&report, "no value can meet this: min 0.3 is greater than max 0.2");
    assert_at(diagnostic, pos(&src, "Between(min: 0.3"));
    assert_eq!(diagnostic.width, "Between(min: 0.3, max: 0.2)".len());
}

#[test]
fn a_set_target_outside_the_control_range() {
    let src = edit("Near(target: 0.15, tolerance: 0.05)", "Near(target: 5, tolerance: 0.05)");
    let report = check(&src);
    let diagnostic = find(&report, "no value can meet this: `pump_rate` only goes from 0 to 1 mL/min");
    assert_at(diagnostic, pos(&src, "Near(target: 5"));
}

#[test]
fn a_choice_the_control_does_not_offer() {
    let src = edit(
        r#"Action(Press(control: "pump_start"))"#,
        r#"Action(Set(control: "pump_mode", to: Is(Choice("medium"))))"#,
    );
    let report = check(&src);
    let diagnostic = find(&report, "`pump_mode` has no option `medium`");
    assert_at(diagnostic, pos(&src, r#"Is(Choice("medium"))"#));
    assert_eq!(diagnostic.help.as_deref(), Some("its options are: slow, fast"));
}

#[test]
fn a_golden_value_outside_the_control_range() {
    let src = edit("value: Number(0.15)", "value: Number(1.5)");
    let report = check(&src);
    let diagnostic = find(&report, "`pump_rate` only goes from 0 to 1");
    assert_at(diagnostic, pos(&src, "Number(1.5)"));
}

#[test]
fn missing_korean_is_a_warning() {
    let src = edit(r#"title: (en: "Mini", ko: "미니"),"#, r#"title: (en: "Mini"),"#);
    let report = check(&src);
    let diagnostic = find(&report, "missing Korean text (`ko`)");
    assert_eq!(diagnostic.severity, DiagnosticSeverity::Warning);
    assert_at(diagnostic, pos(&src, r#"(en: "Mini")"#));
    assert!(report.is_ok(), "warnings do not stop a level");
    assert!(diagnostic.to_string().starts_with(&format!("{FILE}:4:12: warning[L151]: ")));
}

#[test]
fn a_level_id_that_does_not_match_the_file_name() {
    let report = check_source(MINI, "levels/other.level.ron");
    let diagnostic = find(&report, "level id `mini` does not match the file name `other.level.ron`");
    assert_at(diagnostic, pos(MINI, r#""mini""#));
}

#[test]
fn a_split_group() {
    let src = edit(
        r#"            done_when: Do(Sign(entry: "record")),"#,
        r#"            done_when: Do(Sign(entry: "record")),
            group: "g","#,
    );
    let report = check(&src);
    let diagnostic = find(&report, "group `g` is split");
    let last = src.rfind(r#"group: "g""#).expect("present");
    let line = src[..last].matches('\n').count() + 1;
    assert_at(diagnostic, (line, 20));
}

#[test]
fn a_bad_deadline_and_pass_score() {
    let src = edit("deadline_s: 30,", "deadline_s: 0,").replace("pass_score: 80", "pass_score: 120");
    let report = check(&src);
    let deadline = find(&report, "the deadline must be more than 0 seconds");
    assert_at(deadline, pos(&src, "0,\n            severity: Major"));
    let pass = find(&report, "the pass score must be from 0 to 100, not 120");
    assert_at(pass, pos(&src, "120"));
}

#[test]
fn a_golden_path_that_breaks_a_rule() {
    let src = edit(
        r#"        Do(at: 2, action: Sign(entry: "record")),"#,
        r#"        Do(at: 1.5, action: Touch(surface: "bench")),
        Do(at: 1.6, action: Touch(surface: "product")),
        Do(at: 2, action: Sign(entry: "record")),"#,
    );
    let report = check(&src);
    let diagnostic = find(&report, "the golden path breaks rule `touch_then_product`");
    assert_eq!(
        diagnostic.message,
        "the golden path breaks rule `touch_then_product` at 1.6 s (major, -10 points): \
         Sanitise between (in guided and assessment mode)"
    );
    assert_at(diagnostic, pos(&src, "Do(at: 1.6"));
    // The lost points follow from the broken rule: one mistake, one error.
    assert_eq!(report.error_count(), 1, "{:#?}", report.diagnostics);
}

#[test]
fn a_golden_path_that_never_finishes() {
    let src = edit("        Do(at: 4, action: Grab(item: \"bag_a\")),\n", "");
    let report = check(&src);
    let diagnostic = find(&report, "the golden path never completes step `grab_a`");
    assert_at(diagnostic, pos(&src, r#"Do(Grab(item: "bag_a"))"#));
    let help = diagnostic.help.as_deref().expect("help");
    assert!(help.starts_with("the step waits for `Grab(bag_a)`"), "{help}");
    // What follows from it (the level still in progress at the end) is counted, not repeated.
    assert!(help.contains("1 more problem follows from it"), "{help}");
    assert_eq!(report.error_count(), 1, "{:#?}", report.diagnostics);
}

#[test]
fn a_golden_path_going_back_in_time() {
    let src = edit("Do(at: 8,", "Do(at: 0.5,");
    let report = check(&src);
    let diagnostic = find(&report, "the path goes back in time: 0.5 s comes after 6 s");
    assert_at(diagnostic, pos(&src, "0.5, action"));
}

#[test]
fn a_pattern_in_the_golden_path() {
    let src = edit(r#"Do(at: 1, action: Wear(garment: "gloves"))"#, r#"Do(at: 1, action: Wear(garment: "*"))"#);
    let report = check(&src);
    let diagnostic = find(&report, "the golden path must name a real id, not the pattern `*`");
    assert_at(diagnostic, pos(&src, r#""*"))"#));
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let src = edit(r#"zone: "room","#, r#"zone: "rooom","#)
        .replacen(r#"Do(Grab(item: "bag_a"))"#, r#"Do(Grab(item: "bag_c"))"#, 1)
        .replacen(r#"after: ["wear"]"#, r#"after: ["waer"]"#, 1)
        .replacen(r#"title: (en: "Mini", ko: "미니"),"#, r#"title: (en: "Mini"),"#, 1);
    let report = check(&src);
    assert_eq!(report.error_count(), 3, "{:#?}", report.diagnostics);
    assert_eq!(report.warning_count(), 1);
    let lines: Vec<usize> = report.diagnostics.iter().map(|d| d.line).collect();
    let mut sorted = lines.clone();
    sorted.sort_unstable();
    assert_eq!(lines, sorted, "sorted by position");
    assert_eq!(report.summary(), format!("{FILE}: FAILED (3 errors, 1 warning)"));
}
