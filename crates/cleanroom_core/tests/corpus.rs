//! The corpus of broken and misleading levels in `tests/corpus/`: each file says at its top
//! what the checker must report and where, and the checker must say exactly that: every
//! mistake found, one message for each, located, with a code, in an instructor's words.
//!
//! A file's expectations are comment lines before the level:
//!
//! ```text
//! // expect: L011 @ hand: "left" => unknown field `hand` in `Wear`
//! // expect warning: L301 @ 47:25 => rule `touched_bench` can never apply
//! ```
//!
//! `@` is followed by the text the caret must be under (its first place in the level below the
//! comments) or a `line:column`, and `=>` by the start of the message.

use std::fs;
use std::path::PathBuf;

use cleanroom_core::procedure::{Diagnostic, DiagnosticSeverity, FileReport, check_bytes, codes, load_level_bytes};
use unicode_width::UnicodeWidthChar;

/// Words of the parser, not of an instructor: no message may use them.
const JARGON: &[&str] = &[
    "serde",
    "raw identifier",
    "recursion",
    "stacker",
    "unexpected",
    "deserializ",
    "struct",
    "variant",
    "enum ",
    "ron::",
    "expected_",
    "Option<",
    "Vec<",
    "f64",
    "u32",
];

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

#[derive(Debug)]
struct Expected {
    severity: DiagnosticSeverity,
    code: String,
    at: (usize, usize),
    message: String,
}

/// The expectations written at the top of `src`, with their places resolved.
fn expectations(src: &str, file: &str) -> Vec<Expected> {
    let header_lines = src.lines().take_while(|line| line.starts_with("//")).count();
    let header_len: usize = src.lines().take(header_lines).map(|line| line.len() + 1).sum();
    let body = &src[header_len..];
    src.lines()
        .take(header_lines)
        .filter_map(|line| {
            let (severity, rest) = if let Some(rest) = line.strip_prefix("// expect warning: ") {
                (DiagnosticSeverity::Warning, rest)
            } else {
                (DiagnosticSeverity::Error, line.strip_prefix("// expect: ")?)
            };
            let (code, rest) = rest.split_once(" @ ").unwrap_or_else(|| panic!("{file}: `CODE @ place => message`"));
            let (place, message) = rest.split_once(" => ").unwrap_or_else(|| panic!("{file}: `=> message`"));
            let at = match place.split_once(':').map(|(l, c)| (l.parse::<usize>(), c.parse::<usize>())) {
                Some((Ok(line), Ok(column))) => (line, column),
                _ => {
                    let offset = body.find(place).unwrap_or_else(|| panic!("{file}: `{place}` is not in the level"));
                    let before = &src[..header_len + offset];
                    let line = before.matches('\n').count() + 1;
                    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    (line, column)
                }
            };
            Some(Expected { severity, code: code.to_owned(), at, message: message.to_owned() })
        })
        .collect()
}

/// What every diagnostic must be, whatever the mistake: located, coded, in plain words, with
/// its caret under the place even after Hangul.
fn assert_well_formed(diagnostic: &Diagnostic) {
    assert!(diagnostic.line > 0 && diagnostic.column > 0, "unlocated: {diagnostic}");
    assert!(codes::find(diagnostic.code).is_some(), "unknown code: {diagnostic}");
    // What is quoted is the author's own text (`instruction-text`), not the checker's words.
    let said = format!("{} {}", diagnostic.message, diagnostic.help.as_deref().unwrap_or_default());
    let words: String = said.split('`').step_by(2).collect::<Vec<_>>().join(" ").to_lowercase();
    for jargon in JARGON {
        assert!(!words.contains(&jargon.to_lowercase()), "`{jargon}` in: {diagnostic}");
    }
    let rendered = diagnostic.to_string();
    let lines: Vec<&str> = rendered.lines().collect();
    let (shown, caret) = (lines[2], lines[3]);
    let gutter = shown.find(" | ").expect("a gutter") + 3;
    let caret_at = caret.find('^').expect("a caret");
    let caret_columns: usize = caret[gutter..caret_at].chars().map(|c| c.width().unwrap_or(0)).sum();
    let mut columns = 0;
    let above = shown[gutter..].chars().find(|c| {
        let here = columns;
        columns += c.width().unwrap_or(0);
        here >= caret_columns
    });
    let pointed = diagnostic.source_line.chars().nth(diagnostic.column - 1);
    if let (Some(above), Some(pointed)) = (above, pointed) {
        assert_eq!(above, pointed, "the caret is not under column {}:\n{rendered}", diagnostic.column);
    }
}

fn check_file(path: &std::path::Path) -> (String, FileReport, Vec<Expected>) {
    let name = path.file_name().and_then(|n| n.to_str()).expect("a name").to_owned();
    let bytes = fs::read(path).expect("readable");
    let src = String::from_utf8(bytes.clone()).expect("the corpus is UTF-8");
    (name.clone(), check_bytes(&bytes, &name), expectations(&src, &name))
}

#[test]
fn every_broken_level_is_reported_exactly_as_its_file_says() {
    let mut files: Vec<PathBuf> =
        fs::read_dir(corpus_dir()).expect("tests/corpus").map(|entry| entry.expect("entry").path()).collect();
    files.sort();
    assert!(files.len() >= 35, "the corpus covers every point: {}", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let (name, report, expected) = check_file(path);
        for diagnostic in &report.diagnostics {
            assert_well_formed(diagnostic);
        }
        let mut unmatched: Vec<&Diagnostic> = report.diagnostics.iter().collect();
        for want in &expected {
            let found = unmatched.iter().position(|d| {
                d.severity == want.severity
                    && d.code == want.code
                    && (d.line, d.column) == want.at
                    && d.message.starts_with(&want.message)
            });
            match found {
                Some(index) => {
                    unmatched.remove(index);
                }
                None => failures
                    .push(format!("{name}: no {} {} at {:?}: {}", want.severity, want.code, want.at, want.message)),
            }
        }
        // One mistake, one message: nothing beyond what the file expects.
        for extra in unmatched {
            failures.push(format!("{name}: also said:\n{extra}"));
        }
        // A level with an error never loads for play.
        let loaded = load_level_bytes(&fs::read(path).expect("readable"), &name);
        let has_error = expected.iter().any(|e| e.severity == DiagnosticSeverity::Error);
        assert_eq!(loaded.is_err(), has_error, "{name}: loads only without errors");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The corpus's clean level saved the ways editors save Korean text by mistake.
#[test]
fn files_that_are_not_utf8_are_named_with_where_and_how_to_resave() {
    let clean = fs::read_to_string(corpus_dir().join("a_clean_level.level.ron")).expect("the clean level");
    let title_line = clean.lines().position(|line| line.contains("낙하균 배지")).expect("a Korean title") + 1;
    let utf16 = |big_endian: bool, mark: bool| -> Vec<u8> {
        let units = clean.encode_utf16();
        let bytes = units.flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
        let mark: &[u8] = match (mark, big_endian) {
            (false, _) => &[],
            (true, false) => &[0xFF, 0xFE],
            (true, true) => &[0xFE, 0xFF],
        };
        mark.iter().copied().chain(bytes).collect()
    };
    // "낙하균 배지" in EUC-KR (CP949), as the Korean edition of Windows' Notepad saved it.
    let euc_kr: &[u8] = &[179, 171, 199, 207, 177, 213, 32, 185, 232, 193, 246];
    let euc_kr_file: Vec<u8> = {
        let (before, after) = clean.split_once("낙하균 배지").expect("the title");
        [before.as_bytes(), euc_kr, after.as_bytes()].concat()
    };
    let euc_kr_byte = clean.find("낙하균 배지").expect("the title") + 1;
    // What the file is, its bytes, the encoding the message names, and where it points.
    type Case<'a> = (&'a str, Vec<u8>, &'a str, (usize, usize));
    let cases: Vec<Case> = vec![
        ("with a BOM", [&[0xEF, 0xBB, 0xBF][..], clean.as_bytes()].concat(), "byte-order mark", (1, 1)),
        ("UTF-16 little-endian", utf16(false, true), "UTF-16", (1, 1)),
        ("UTF-16 big-endian", utf16(true, true), "UTF-16", (1, 1)),
        ("UTF-16 without a mark", utf16(false, false), "UTF-16", (1, 1)),
        (
            "EUC-KR",
            euc_kr_file,
            "EUC-KR",
            (title_line, clean.lines().nth(title_line - 1).expect("line").find("낙").expect("낙") + 1),
        ),
    ];
    for (what, bytes, names, at) in cases {
        let report = check_bytes(&bytes, "a_clean_level.level.ron");
        assert!(report.level.is_none(), "{what}");
        assert_eq!(report.diagnostics.len(), 1, "{what}: {:#?}", report.diagnostics);
        let diagnostic = &report.diagnostics[0];
        assert_well_formed(diagnostic);
        assert!(diagnostic.message.contains(names), "{what}: {diagnostic}");
        assert_eq!((diagnostic.line, diagnostic.column), at, "{what}: {diagnostic}");
        assert!(diagnostic.message.contains("byte"), "{what} names the byte: {diagnostic}");
        let help = diagnostic.help.as_deref().unwrap_or_default();
        assert!(help.contains("UTF-8"), "{what}: says how to re-save: {help}");
        if what == "EUC-KR" {
            assert!(diagnostic.message.contains(&format!("byte {euc_kr_byte} ")), "{diagnostic}");
        }
    }
}
