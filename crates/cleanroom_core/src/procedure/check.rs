//! Loading level files: RON syntax errors, semantic checks and the golden-path replay, for
//! the `cleanroom-check` binary, `cleanroom check` and the game's level loader.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::fs;
use std::path::{Path as FsPath, PathBuf};

use super::codes;
use super::diagnostic::{Diagnostic, DiagnosticSeverity, clipped_list};
use super::ron_errors::{RESAVE, explain};
use super::spans::Path;
use super::validate::{Finding, LEVEL_EXTENSION, did_you_mean, resolve, suggestion, validate};
use crate::level::{Level, ObjectKind};

/// The folder checked when no path is given.
pub const DEFAULT_LEVELS_DIR: &str = "levels";

pub use crate::common::ron_options;

/// Parses level RON; a syntax or shape error becomes one located diagnostic, in words an
/// instructor can act on.
pub fn parse_level(src: &str, file: &str) -> Result<Level, Box<Diagnostic>> {
    ron_options().from_str::<Level>(src).map_err(|error| {
        let start = error.span.start;
        let end = error.span.end;
        let width = if start.line == end.line { end.col.saturating_sub(start.col) } else { 1 };
        let (code, message, help) = explain(&error.code);
        let mut diagnostic =
            Diagnostic::new(DiagnosticSeverity::Error, code, file, src, (start.line, start.col), width, message);
        diagnostic.help = help;
        Box::new(diagnostic)
    })
}

/// The text of a level file, or why it is not UTF-8 text (with the byte where it goes wrong
/// and what the file seems to be).
pub fn decode(bytes: &[u8], file: &str) -> Result<String, Box<Diagnostic>> {
    // Each problem points at its place in the file as far as it can be read.
    let problem = |code, (line, column): (usize, usize), message: String| {
        let shown = String::from_utf8_lossy(bytes).replace('\u{FFFD}', "?").replace('\u{FEFF}', "");
        Box::new(
            Diagnostic::new(DiagnosticSeverity::Error, code, file, &shown, (line, column), 1, message)
                .with_help(RESAVE),
        )
    };
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err(problem(
            codes::BYTE_ORDER_MARK,
            (1, 1),
            "the file starts with a byte-order mark (bytes 1 to 3: it was saved as \"UTF-8 with BOM\")".to_owned(),
        ));
    }
    // UTF-16 starts with its own mark, or (without one) has a zero byte in every other place.
    let zeros = bytes.iter().take(256).filter(|b| **b == 0).count();
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || zeros * 4 > bytes.len().min(256) {
        return Err(problem(
            codes::NOT_UTF8,
            (1, 1),
            "the file is UTF-16 text (\"Unicode\" in some editors), not UTF-8: byte 1 onwards".to_owned(),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(error) => {
            let at = error.valid_up_to();
            let valid = &bytes[..at];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
            let column = std::str::from_utf8(&valid[line_start..]).map_or(1, |text| text.chars().count() + 1);
            let what = if looks_like_euc_kr(&bytes[at..]) {
                "it looks like Korean saved as EUC-KR (CP949, \"Korean (Windows)\")"
            } else {
                "it was saved in another encoding"
            };
            Err(problem(
                codes::NOT_UTF8,
                (line, column),
                format!("the file is not UTF-8 text: byte {} (line {line}) is not UTF-8; {what}", at + 1),
            ))
        }
    }
}

/// Whether `bytes` start like EUC-KR Hangul: pairs of bytes from 0xA1 to 0xFE.
fn looks_like_euc_kr(bytes: &[u8]) -> bool {
    let pairs =
        bytes.chunks(2).take(8).filter(|pair| pair.len() == 2 && pair.iter().all(|b| (0xA1..=0xFE).contains(b)));
    pairs.count() >= 1 && bytes.first().is_some_and(|b| (0xA1..=0xFE).contains(b))
}

/// The result of checking one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file as given (or found in a folder).
    pub file: String,
    /// The level, when it parsed (even if it has semantic errors).
    pub level: Option<Level>,
    /// Every problem, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    source: String,
}

impl FileReport {
    /// Findings of a check across files, placed in this file's text with the others.
    fn add(&mut self, findings: &[Finding]) {
        if !findings.is_empty() {
            self.diagnostics.extend(resolve(findings, &self.source, &self.file));
            self.diagnostics.sort_by_key(|d| (d.line, d.column));
        }
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    /// Whether the level can be played (parsed, no errors).
    pub fn is_ok(&self) -> bool {
        self.level.is_some() && self.error_count() == 0
    }

    /// One line: `file: ok (0 errors, 1 warning)`.
    pub fn summary(&self) -> String {
        let (errors, warnings) = (self.error_count(), self.warning_count());
        format!(
            "{}: {} ({errors} error{}, {warnings} warning{})",
            self.file,
            if errors == 0 { "ok" } else { "FAILED" },
            plural(errors),
            plural(warnings),
        )
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// Checks the bytes of a level file: its encoding, then as `check_source`.
pub fn check_bytes(bytes: &[u8], file: &str) -> FileReport {
    match decode(bytes, file) {
        Ok(src) => check_source(&src, file),
        Err(diagnostic) => {
            FileReport { file: file.to_owned(), level: None, diagnostics: vec![*diagnostic], source: String::new() }
        }
    }
}

/// Checks level RON text read from `file`: syntax, semantics and the golden path.
pub fn check_source(src: &str, file: &str) -> FileReport {
    let (level, diagnostics) = match parse_level(src, file) {
        Ok(level) => {
            let diagnostics = validate(&level, src, file);
            (Some(level), diagnostics)
        }
        Err(diagnostic) => (None, vec![*diagnostic]),
    };
    FileReport { file: file.to_owned(), level, diagnostics, source: src.to_owned() }
}

/// Loads a level for play from the file's bytes (its encoding checked first): the level and
/// its warnings, or every diagnostic if it has an error.
pub fn load_level_bytes(bytes: &[u8], file: &str) -> Result<(Level, Vec<Diagnostic>), Vec<Diagnostic>> {
    load_report(check_bytes(bytes, file))
}

fn load_report(report: FileReport) -> Result<(Level, Vec<Diagnostic>), Vec<Diagnostic>> {
    match report.level {
        Some(level) if report.diagnostics.iter().all(|d| !d.is_error()) => Ok((level, report.diagnostics)),
        _ => Err(report.diagnostics),
    }
}

/// The result of checking several files.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub files: Vec<FileReport>,
    /// Problems not tied to a level's text (unreadable paths, empty folders).
    pub general: Vec<Diagnostic>,
}

impl CheckReport {
    /// Total errors.
    pub fn error_count(&self) -> usize {
        self.general.iter().filter(|d| d.is_error()).count()
            + self.files.iter().map(FileReport::error_count).sum::<usize>()
    }

    /// Total warnings.
    pub fn warning_count(&self) -> usize {
        self.general.iter().filter(|d| !d.is_error()).count()
            + self.files.iter().map(FileReport::warning_count).sum::<usize>()
    }

    /// Whether anything is an error (the checker then exits non-zero).
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }
}

impl fmt::Display for CheckReport {
    /// Every diagnostic, a blank line after each, then a summary line per file and a total.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let all = self.general.iter().chain(self.files.iter().flat_map(|file| &file.diagnostics));
        for diagnostic in all {
            writeln!(f, "{diagnostic}\n")?;
        }
        for file in &self.files {
            writeln!(f, "{}", file.summary())?;
        }
        let (errors, warnings) = (self.error_count(), self.warning_count());
        write!(
            f,
            "checked {} level file{}: {errors} error{}, {warnings} warning{}",
            self.files.len(),
            plural(self.files.len()),
            plural(errors),
            plural(warnings)
        )
    }
}

/// A problem with a path itself, rendered without a source line.
fn path_problem(severity: DiagnosticSeverity, code: codes::Code, path: &FsPath, message: String) -> Diagnostic {
    Diagnostic::for_file(severity, code, &path.display().to_string(), message)
}

/// The ids the 3D cleanroom answers to, as the game exports them (`cleanroom world-ids`),
/// for checking that a level can be played there, not only checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorldIds {
    pub ids: BTreeSet<String>,
}

impl WorldIds {
    /// One id a line; `#` starts a comment.
    pub fn parse(text: &str) -> Self {
        let ids = text
            .lines()
            .map(|line| line.split('#').next().unwrap_or_default().trim())
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect();
        WorldIds { ids }
    }

    /// The file's text: a header, then one id a line, sorted.
    pub fn to_text(&self) -> String {
        let mut text = String::from(
            "# The ids the 3D cleanroom answers to (objects, controls, stations), one a line.\n\
             # Written by `cleanroom world-ids`; read by `cleanroom-check --world FILE`.\n",
        );
        for id in &self.ids {
            text.push_str(id);
            text.push('\n');
        }
        text
    }

    /// The ids `level`'s setup names that the world does not have (entries are always on
    /// the record terminal).
    pub fn missing(&self, level: &Level) -> Vec<(Path, String)> {
        let mut missing = Vec::new();
        let root = Path::root().field("setup");
        let zones =
            level.setup.zones.iter().enumerate().map(|(i, z)| (root.field("zones").index(i), &z.objects, &z.controls));
        let stations = level
            .setup
            .stations
            .iter()
            .enumerate()
            .map(|(i, s)| (root.field("stations").index(i), &s.objects, &s.controls));
        for (path, objects, controls) in zones.chain(stations) {
            for (o, object) in objects.iter().enumerate() {
                if object.kind != ObjectKind::Entry && !self.ids.contains(&object.id) {
                    missing.push((path.field("objects").index(o).field("id"), object.id.clone()));
                }
            }
            for (c, control) in controls.iter().enumerate() {
                if !self.ids.contains(&control.id) {
                    missing.push((path.field("controls").index(c).field("id"), control.id.clone()));
                }
            }
        }
        missing
    }
}

/// Checks every level file in `paths` (a folder means every `*.level.ron` inside it, sorted;
/// no paths means `levels/`), then checks across files: duplicate level ids and
/// prerequisites that name no known level.
pub fn check_paths(paths: &[PathBuf]) -> CheckReport {
    check_paths_in_world(paths, None)
}

/// As `check_paths`, and, given the 3D cleanroom's ids, every id a level names that the
/// world cannot play.
pub fn check_paths_in_world(paths: &[PathBuf], world: Option<&WorldIds>) -> CheckReport {
    let mut report = CheckReport::default();
    let defaults = [PathBuf::from(DEFAULT_LEVELS_DIR)];
    let paths = if paths.is_empty() { &defaults[..] } else { paths };
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            match level_files_in(path) {
                Ok(found) if found.is_empty() => report.general.push(path_problem(
                    DiagnosticSeverity::Warning,
                    codes::NO_LEVEL_FILES,
                    path,
                    format!("no `*{LEVEL_EXTENSION}` files in this folder"),
                )),
                Ok(found) => files.extend(found),
                Err(error) => report.general.push(path_problem(
                    DiagnosticSeverity::Error,
                    codes::UNREADABLE,
                    path,
                    format!("cannot read folder: {error}"),
                )),
            }
        } else {
            files.push(path.clone());
        }
    }
    for file in &files {
        match fs::read(file) {
            Ok(bytes) => report.files.push(check_bytes(&bytes, &file.display().to_string())),
            Err(error) => report.general.push(path_problem(
                DiagnosticSeverity::Error,
                codes::UNREADABLE,
                file,
                format!("cannot read file: {error}"),
            )),
        }
    }
    check_across_files(&mut report);
    if let Some(world) = world {
        check_in_world(&mut report, world);
    }
    for folder in paths.iter().filter(|path| path.is_dir()) {
        check_curriculum(&mut report, folder);
    }
    report
}

/// The curriculum in `folder`, if it has one, against the levels checked: read, and every
/// lesson a level there (or in another folder checked with it).
fn check_curriculum(report: &mut CheckReport, folder: &FsPath) {
    let path = folder.join(crate::curriculum::CURRICULUM_FILE);
    let Ok(text) = fs::read_to_string(&path) else { return };
    let problems = match crate::curriculum::Curriculum::parse(&text) {
        Ok(curriculum) => {
            let levels: BTreeSet<String> =
                report.files.iter().filter_map(|file| file.level.as_ref()).map(|level| level.id.clone()).collect();
            curriculum.problems(&levels)
        }
        Err(error) => vec![error],
    };
    for problem in problems {
        report.general.push(path_problem(DiagnosticSeverity::Error, codes::CURRICULUM, &path, problem));
    }
}

/// Every id a level names that the 3D cleanroom cannot play, with what it does have.
fn check_in_world(report: &mut CheckReport, world: &WorldIds) {
    let ids: Vec<&str> = world.ids.iter().map(String::as_str).collect();
    for file in &mut report.files {
        let Some(level) = &file.level else { continue };
        let findings: Vec<Finding> = world
            .missing(level)
            .into_iter()
            .map(|(path, id)| {
                let near = suggestion(&id, ids.iter().copied());
                let message = format!("`{id}` is not in the 3D cleanroom: the level checks, but cannot be played");
                Finding::new(DiagnosticSeverity::Error, codes::NOT_IN_WORLD, path, message)
                    .with_help(did_you_mean(near, format!("the cleanroom has: {}", clipped_list(&ids))))
            })
            .collect();
        file.add(&findings);
    }
}

/// The level files (`*.level.ron`) in `dir`, sorted; anything else there is left alone.
pub fn level_files_in(dir: &FsPath) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let is_level = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(LEVEL_EXTENSION));
        if is_level && path.is_file() {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

fn check_across_files(report: &mut CheckReport) {
    let mut first_with_id: HashMap<String, String> = HashMap::new();
    let known: Vec<String> = report.files.iter().filter_map(|f| f.level.as_ref().map(|l| l.id.clone())).collect();
    for file in &mut report.files {
        let Some(level) = &file.level else { continue };
        let mut findings = Vec::new();
        if let Some(first) = first_with_id.get(&level.id) {
            let message = format!("level id `{}` is also used by {first}", level.id);
            findings.push(
                Finding::new(DiagnosticSeverity::Error, codes::LEVEL_ID_TAKEN, Path::root().field("id"), message)
                    .with_help("every level needs its own id: give this one an id no other level has"),
            );
        } else {
            first_with_id.insert(level.id.clone(), file.file.clone());
        }
        let folder = FsPath::new(&file.file).parent();
        for (k, prerequisite) in level.prerequisites.iter().enumerate() {
            let beside = folder.map(|d| d.join(format!("{prerequisite}{LEVEL_EXTENSION}")));
            if !known.contains(prerequisite) && !beside.is_some_and(|p| p.is_file()) {
                let path = Path::root().field("prerequisites").index(k);
                let message = format!("prerequisite `{prerequisite}` is not a level found here");
                findings.push(
                    Finding::new(DiagnosticSeverity::Warning, codes::UNKNOWN_PREREQUISITE, path, message)
                        .with_help(format!("expected `{prerequisite}{LEVEL_EXTENSION}` next to this file")),
                );
            }
        }
        file.add(&findings);
    }
}
