//! One Korean vocabulary: no Korean text of the game uses a variant `docs/glossary.md` rules out.
//! The glossary is the only list: these tests read its table, they keep no list of their own.

use std::fs;
use std::path::{Path, PathBuf};

/// The headers of the glossary table's columns these tests read.
const KOREAN_HEADER: &str = "Korean term";
const RULED_OUT_HEADER: &str = "Not to use";

/// One row of the glossary table.
struct Term {
    english: String,
    /// The Korean terms to use (the code spans of the "Korean term" column).
    korean: Vec<String>,
    /// The variants ruled out (the code spans of the "Not to use" column).
    ruled_out: Vec<String>,
}

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn glossary() -> String {
    let path = repository().join("docs/glossary.md");
    fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The cells of a table row `| a | b |`, trimmed.
fn cells(row: &str) -> Vec<&str> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = row.strip_suffix('|').unwrap_or(row);
    row.split('|').map(str::trim).collect()
}

/// The text inside each pair of backticks: `a` and `b` in "`a`, `b` (c)".
fn code_spans(cell: &str) -> Vec<String> {
    cell.split('`').skip(1).step_by(2).filter(|span| !span.is_empty()).map(str::to_owned).collect()
}

/// The rows of every table whose header has the "Korean term" and "Not to use" columns.
fn terms(doc: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    // The columns of the table being read: (Korean term, Not to use).
    let mut columns: Option<(usize, usize)> = None;
    for line in doc.lines() {
        if !line.trim_start().starts_with('|') {
            columns = None;
            continue;
        }
        let row = cells(line);
        let korean = row.iter().position(|cell| *cell == KOREAN_HEADER);
        let ruled_out = row.iter().position(|cell| *cell == RULED_OUT_HEADER);
        if let (Some(korean), Some(ruled_out)) = (korean, ruled_out) {
            columns = Some((korean, ruled_out));
            continue;
        }
        let Some((korean, ruled_out)) = columns else {
            continue;
        };
        let separator = row.iter().all(|cell| cell.chars().all(|c| c == '-' || c == ':' || c == ' '));
        if separator {
            continue;
        }
        terms.push(Term {
            english: row.first().copied().unwrap_or_default().to_owned(),
            korean: row.get(korean).copied().map(code_spans).unwrap_or_default(),
            ruled_out: row.get(ruled_out).copied().map(code_spans).unwrap_or_default(),
        });
    }
    terms
}

/// Every file under `dir` (and its folders) whose name ends with `.{extension}`.
fn files_under(dir: &Path, extension: &str, files: &mut Vec<PathBuf>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
    for entry in entries {
        let path = entry.unwrap_or_else(|error| panic!("{}: {error}", dir.display())).path();
        if path.is_dir() {
            files_under(&path, extension, files);
        } else if path.extension().is_some_and(|found| found == extension) {
            files.push(path);
        }
    }
}

/// Every file that holds Korean text of the game: the levels, the interface translations, the
/// station models and the rest of the core, the game's own labels, and the documentation.
fn korean_texts() -> Vec<PathBuf> {
    let root = repository();
    let mut files = Vec::new();
    files_under(&root.join("levels"), "ron", &mut files);
    files_under(&root.join("assets/i18n"), "ftl", &mut files);
    files_under(&root.join("crates/cleanroom_core/src"), "rs", &mut files);
    files_under(&root.join("src"), "rs", &mut files);
    files_under(&root.join("docs"), "md", &mut files);
    files.retain(|file| !file.ends_with("docs/glossary.md"));
    files.sort();
    files
}

#[test]
fn no_korean_text_uses_a_variant_the_glossary_rules_out() {
    let terms = terms(&glossary());
    let root = repository();
    let files = korean_texts();
    let levels = files.iter().filter(|file| file.to_string_lossy().ends_with(".level.ron")).count();
    assert!(levels >= 4, "the shipped levels were not found ({levels} level files)");
    assert!(files.iter().any(|file| file.ends_with("assets/i18n/ko.ftl")), "the Korean translations were not found");

    let mut problems = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        let name = file.strip_prefix(&root).unwrap_or(file).display().to_string();
        for (index, line) in text.lines().enumerate() {
            let found: Vec<(&Term, &str)> = terms
                .iter()
                .flat_map(|term| term.ruled_out.iter().map(move |variant| (term, variant.as_str())))
                .filter(|(_, variant)| line.contains(*variant))
                .collect();
            for (term, variant) in &found {
                // A variant inside a longer one found on the same line is the same mistake.
                let inside_another =
                    found.iter().any(|(_, other)| other.len() > variant.len() && other.contains(*variant));
                if inside_another {
                    continue;
                }
                problems.push(format!(
                    "{name}:{}: `{variant}` ({}): write {} instead",
                    index + 1,
                    term.english,
                    term.korean.iter().map(|korean| format!("`{korean}`")).collect::<Vec<_>>().join(" / "),
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} Korean texts use a variant docs/glossary.md rules out:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_glossary_rules_out_the_variants_the_issue_names() {
    let terms = terms(&glossary());
    assert!(terms.len() >= 10, "too few glossary rows parsed: {}", terms.len());
    let chosen = |word: &str| terms.iter().any(|term| term.korean.iter().any(|korean| korean == word));
    let ruled_out = |word: &str| terms.iter().any(|term| term.ruled_out.iter().any(|variant| variant == word));

    for (use_this, not_this) in
        [("혼동", "혼입"), ("제조기록서", "배치 기록서"), ("무균 접합", "용접"), ("배지", "배양액")]
    {
        assert!(chosen(use_this), "the glossary should choose `{use_this}`");
        assert!(ruled_out(not_this), "the glossary should rule out `{not_this}`");
    }

    // One word for alarm: whichever is chosen, the other is ruled out.
    let alarm_words = ["경보", "알람"];
    let chosen_alarm: Vec<&str> = alarm_words.iter().copied().filter(|word| chosen(word)).collect();
    assert_eq!(chosen_alarm.len(), 1, "the glossary should choose one word for alarm: {chosen_alarm:?}");
    for word in alarm_words {
        if word != chosen_alarm[0] {
            assert!(ruled_out(word), "the alarm word not chosen, `{word}`, should be ruled out");
        }
    }

    // A ruled-out variant inside a chosen term would make the chosen term fail the scan.
    for term in &terms {
        for variant in &term.ruled_out {
            for other in &terms {
                for korean in &other.korean {
                    assert!(
                        !korean.contains(variant.as_str()),
                        "`{variant}` (ruled out for {}) is part of `{korean}`, the term for {}",
                        term.english,
                        other.english
                    );
                }
            }
        }
    }
}
