//! `docs/levels.md` is what an instructor learns the format from: its complete examples are
//! valid levels whose golden paths are perfect and whose wrong paths go wrong as written, every
//! snippet quoted from them is really in them, and its table explains every message code.

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use cleanroom_core::procedure::{Mode, Outcome, check_source, codes, replay_golden};

const EXAMPLE: &str = "<!-- complete-example: ";
const QUOTE: &str = "<!-- from: ";

fn doc() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/levels.md");
    fs::read_to_string(&path).expect("docs/levels.md is readable")
}

/// The ```ron block after `marker` … ` -->`: the marker's argument and the block.
fn blocks<'a>(doc: &'a str, marker: &str) -> Vec<(&'a str, &'a str)> {
    doc.match_indices(marker)
        .map(|(at, _)| {
            let rest = &doc[at + marker.len()..];
            let (name, rest) = rest.split_once(" -->").expect("the marker's argument");
            let body = rest.split_once("```ron\n").expect("a ron block").1;
            let block = body.split_once("```").expect("the block's end").0;
            (name, block.trim_end())
        })
        .collect()
}

/// The lines of `text` without their indentation (a snippet is quoted at its own depth).
fn lines(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).filter(|line| !line.is_empty()).collect()
}

#[test]
fn the_documented_examples_check_clean_and_pass_with_full_marks() {
    let doc = doc();
    let examples = blocks(&doc, EXAMPLE);
    assert_eq!(examples.len(), 2, "two complete examples");
    for (file, src) in examples {
        let report = check_source(src, file);
        assert!(report.diagnostics.is_empty(), "{file}: {:#?}", report.diagnostics);
        let level = report.level.expect("parses");
        for mode in [Mode::Guided, Mode::Assessment] {
            let replay = replay_golden(&level, mode);
            assert_eq!(replay.report.outcome, Outcome::Passed, "{file} {mode:?}");
            assert!((replay.report.score.total - 100.0).abs() < 1e-9, "{file} {mode:?}");
        }
        // Their wrong paths were replayed by the check above; each example shows some.
        assert!(!level.wrong_paths.is_empty(), "{file} shows a wrong path");
    }
}

#[test]
fn every_quoted_snippet_is_in_its_example() {
    let doc = doc();
    let examples: Vec<(String, &str)> = blocks(&doc, EXAMPLE)
        .into_iter()
        .map(|(file, src)| (file.trim_end_matches(".level.ron").to_owned(), src))
        .collect();
    let quotes = blocks(&doc, QUOTE);
    assert!(quotes.len() >= 12, "the sections quote the example: {}", quotes.len());
    for (name, snippet) in quotes {
        let (_, example) = examples.iter().find(|(id, _)| id == name).unwrap_or_else(|| panic!("no example `{name}`"));
        let example = lines(example);
        let snippet = lines(snippet);
        let found = example.windows(snippet.len()).any(|window| window == snippet.as_slice());
        assert!(found, "this snippet is not in `{name}`:\n{}", snippet.join("\n"));
    }
}

#[test]
fn the_table_of_codes_explains_every_code_the_checker_gives() {
    let doc = doc();
    let table = doc.split_once("## Message codes").expect("a table of codes").1;
    let documented: BTreeSet<&str> =
        table.lines().filter_map(|line| line.strip_prefix("| L")).map(|rest| &rest[..3]).collect();
    let documented: BTreeSet<String> = documented.into_iter().map(|digits| format!("L{digits}")).collect();
    let given: BTreeSet<String> = codes::ALL.iter().map(|code| code.id.to_owned()).collect();
    assert_eq!(
        documented.difference(&given).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "codes in the table the checker never gives"
    );
    assert_eq!(
        given.difference(&documented).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "codes the table does not explain"
    );
}
