//! The complete example in docs/levels.md is a valid level whose golden path is perfect.

use std::fs;
use std::path::PathBuf;

use cleanroom_core::procedure::{Mode, Outcome, check_source, replay_golden};

const MARKER: &str = "<!-- complete-example: ";

#[test]
fn the_documented_example_checks_clean() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/levels.md");
    let doc = fs::read_to_string(&path).expect("docs/levels.md is readable");
    let start = doc.find(MARKER).expect("the example marker");
    let rest = &doc[start + MARKER.len()..];
    let (file, rest) = rest.split_once(" -->").expect("the marker's file name");
    let body = rest.split_once("```ron\n").expect("a ron block").1;
    let src = body.split_once("\n```").expect("the block's end").0;
    let report = check_source(src, file);
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    let level = report.level.expect("parses");
    for mode in [Mode::Guided, Mode::Assessment] {
        assert_eq!(replay_golden(&level, mode).report.outcome, Outcome::Passed);
    }
}
