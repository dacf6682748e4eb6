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

use cleanroom_core::procedure::diagnostic::shown_char;
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
    // Walk the shown line under the padding: a tab above a tab, a space for each column of
    // anything else (two for a Hangul syllable); the character left above the caret is the one
    // it points at.
    let mut pad = caret[gutter..caret_at].chars().peekable();
    let above = shown[gutter..].chars().find(|c| {
        // A combining mark (zero columns) belongs to the character before it.
        if pad.peek().is_none() {
            return *c == '\t' || c.width() != Some(0);
        }
        let columns = if *c == '\t' { 1 } else { c.width().unwrap_or(1) };
        for _ in 0..columns {
            let padded = pad.next();
            assert!(padded == Some(if *c == '\t' { '\t' } else { ' ' }), "padding out of step:\n{rendered}");
        }
        false
    });
    let pointed = diagnostic.source_line.chars().nth(diagnostic.column - 1).map(shown_char);
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

/// A small generator for the fuzzer (xorshift64*): the same seed gives the same cases.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The places in `text` where a character starts (mutations cut only there).
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect()
}

/// One random change of the kind an author makes by mistake (or a file suffers).
fn mutate(dice: &mut Dice, text: &str) -> Vec<u8> {
    let cuts = boundaries(text);
    let at = *dice.pick(&cuts);
    let lines: Vec<&str> = text.split('\n').collect();
    let line = dice.below(lines.len());
    let with_lines = |lines: Vec<&str>| lines.join("\n").into_bytes();
    // Spans of numbers, words and quoted strings.
    let tokens = |pattern: fn(char) -> bool| -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (pattern(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    spans.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        spans
    };
    let replace =
        |(start, end): (usize, usize), with: &str| format!("{}{with}{}", &text[..start], &text[end..]).into_bytes();
    match dice.below(13) {
        0 => {
            let end = cuts.iter().copied().filter(|c| *c >= at).nth(1 + dice.below(20)).unwrap_or(text.len());
            replace((at, end), "")
        }
        1 => {
            let mut lines = lines.clone();
            lines.insert(line, lines[line]);
            with_lines(lines)
        }
        2 => {
            let mut lines = lines.clone();
            lines.remove(line);
            with_lines(lines)
        }
        3 => {
            let numbers = tokens(|c| c.is_ascii_digit() || c == '.');
            let odd = ["NaN", "inf", "-inf", "-1", "0", "1e308", "99999999", "0.0001", "-0", "1e-320", "3.", ".5"];
            match numbers.is_empty() {
                true => text.as_bytes().to_vec(),
                false => replace(*dice.pick(&numbers), dice.pick::<&str>(&odd)),
            }
        }
        4 => {
            // A misspelt word: one letter dropped, doubled or swapped with the next.
            let words = tokens(|c| c.is_ascii_alphabetic() || c == '_');
            let Some(&(start, end)) = (!words.is_empty()).then(|| dice.pick(&words)) else {
                return text.as_bytes().to_vec();
            };
            let mut word: Vec<char> = text[start..end].chars().collect();
            let i = dice.below(word.len());
            match dice.below(3) {
                0 => {
                    word.remove(i);
                }
                1 => word.insert(i, word[i]),
                _ if i + 1 < word.len() => word.swap(i, i + 1),
                _ => word.push('s'),
            }
            replace((start, end), &word.iter().collect::<String>())
        }
        5 => {
            let quoted: Vec<(usize, usize)> = text
                .match_indices('"')
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
                .chunks(2)
                .filter(|pair| pair.len() == 2)
                .map(|pair| (pair[0], pair[1] + 1))
                .collect();
            let others = [
                "\"\"",
                "\"*\"",
                "\"#non_sterile\"",
                "\"장갑\"",
                "\"a b\"",
                "\"{x}\"",
                "\"gloves\"",
                "\"bioreactor\"",
                "\"\\u{0}\"",
            ];
            match quoted.is_empty() {
                true => text.as_bytes().to_vec(),
                false => replace(*dice.pick(&quoted), dice.pick::<&str>(&others)),
            }
        }
        6 => {
            let marks =
                ["(", ")", "[", "]", "{", "}", ",", ":", "\"", "#", "//", "/*", "r#", "'", "\\", "\t", "Some(", "장"];
            replace((at, at), dice.pick::<&str>(&marks))
        }
        7 => {
            let mut lines = lines.clone();
            let other = dice.below(lines.len());
            lines.swap(line, other);
            with_lines(lines)
        }
        8 => text.as_bytes()[..at].to_vec(),
        9 => {
            let fields = [
                "x: 1, ",
                "id: \"again\", ",
                "points: 5, ",
                "at: 3, ",
                "ja: \"x\", ",
                "severity: Major, ",
                "seed: 7, ",
            ];
            let opens: Vec<usize> = text.match_indices('(').map(|(i, _)| i + 1).collect();
            match opens.is_empty() {
                true => text.as_bytes().to_vec(),
                false => {
                    let open = *dice.pick(&opens);
                    replace((open, open), dice.pick::<&str>(&fields))
                }
            }
        }
        10 => {
            // A byte that is not UTF-8, or a Korean syllable in EUC-KR.
            let mut bytes = text.as_bytes().to_vec();
            let odd: &[&[u8]] = &[&[0xFF], &[0xC0, 0x80], &[0xB3, 0xAB], &[0xED, 0xA0, 0x80], &[0]];
            let at = dice.below(bytes.len() + 1);
            bytes.splice(at..at, dice.pick(odd).iter().copied());
            bytes
        }
        11 => {
            let swaps = [
                ("Flag(true)", "Number(1)"),
                ("Flag(false)", "Choice(\"no\")"),
                ("Major", "Critical"),
                ("Do(", "Observe("),
                ("AllOf", "AnyOf"),
                ("Between", "Near"),
                ("required: false", "required: true"),
            ];
            let (from, to) = dice.pick(&swaps);
            let found: Vec<usize> = text.match_indices(from).map(|(i, _)| i).collect();
            match found.is_empty() {
                true => text.as_bytes().to_vec(),
                false => {
                    let i = *dice.pick(&found);
                    replace((i, i + from.len()), to)
                }
            }
        }
        _ => {
            // A block of lines moved elsewhere (a copy-and-paste gone wrong).
            let mut lines = lines.clone();
            let take = (1 + dice.below(8)).min(lines.len() - line);
            let block: Vec<&str> = lines.drain(line..line + take).collect();
            let to = dice.below(lines.len() + 1);
            for (k, moved) in block.into_iter().enumerate() {
                lines.insert(to + k, moved);
            }
            with_lines(lines)
        }
    }
}

/// Mutates the shipped levels, the documented example and the corpus at random and checks
/// each result: the checker never panics, and every problem it reports is located, coded and
/// in plain words. `CLEANROOM_FUZZ_SECONDS` runs it for that long with a fresh seed
/// (`CLEANROOM_FUZZ_SEED` to replay one); by default it runs a fixed number of cases with a
/// fixed seed, so the test suite is the same on every machine.
#[test]
fn mutated_levels_never_crash_the_checker_or_get_an_unlocated_message() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // Each file with its name, so a level's id still matches it.
    let mut seeds: Vec<(String, String)> = Vec::new();
    for dir in [root.join("../../levels"), corpus_dir()] {
        let mut files: Vec<PathBuf> = fs::read_dir(&dir).expect("a folder").map(|e| e.expect("entry").path()).collect();
        files.retain(|p| p.to_string_lossy().ends_with(".level.ron"));
        files.sort();
        for file in files {
            let name = file.file_name().and_then(|n| n.to_str()).expect("a name").to_owned();
            seeds.push((name, fs::read_to_string(&file).expect("readable")));
        }
    }
    let budget = std::env::var("CLEANROOM_FUZZ_SECONDS").ok().and_then(|s| s.parse::<u64>().ok());
    let seed =
        std::env::var("CLEANROOM_FUZZ_SEED").ok().and_then(|s| s.parse::<u64>().ok()).unwrap_or_else(|| match budget {
            Some(_) => {
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
                    | 1
            }
            None => 0x5EED_CAFE,
        });
    let started = std::time::Instant::now();
    let mut dice = Dice(seed);
    let (mut cases, mut parsed, mut clean, mut messages) = (0u64, 0u64, 0u64, 0u64);
    let mut by_code: std::collections::BTreeMap<&'static str, u64> = std::collections::BTreeMap::new();
    loop {
        let done = match budget {
            Some(seconds) => started.elapsed().as_secs() >= seconds,
            None => cases >= 2000,
        };
        if done {
            break;
        }
        let (name, original) = dice.pick(&seeds).clone();
        let mut bytes = original.into_bytes();
        for _ in 0..1 + dice.below(3) {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            bytes = mutate(&mut dice, &text);
        }
        cases += 1;
        let result = std::panic::catch_unwind(|| {
            let report = check_bytes(&bytes, &name);
            for diagnostic in &report.diagnostics {
                assert_well_formed(diagnostic);
            }
            report
        });
        match result {
            Ok(report) => {
                parsed += u64::from(report.level.is_some());
                clean += u64::from(report.error_count() == 0);
                messages += report.diagnostics.len() as u64;
                for diagnostic in &report.diagnostics {
                    *by_code.entry(diagnostic.code).or_default() += 1;
                }
            }
            Err(_) => {
                let kept = std::env::temp_dir().join(format!("cleanroom-fuzz-{seed}-{cases}-{name}"));
                fs::write(&kept, &bytes).expect("keep the case");
                panic!("case {cases} (seed {seed}) broke the checker; the file is kept at {}", kept.display());
            }
        }
    }
    println!(
        "fuzz: seed {seed}, {cases} cases in {:.1} s: {parsed} parsed, {clean} without errors, {messages} messages, \
         every one located; by code: {by_code:?}",
        started.elapsed().as_secs_f64()
    );
}
