//! Loading level files: RON syntax errors, semantic checks and the golden-path replay, for
//! the `cleanroom-check` binary, `cleanroom check` and the game's level loader.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path as FsPath, PathBuf};

use ron::extensions::Extensions;

use super::diagnostic::{Diagnostic, DiagnosticSeverity};
use super::spans::Path;
use super::validate::{Finding, LEVEL_EXTENSION, resolve, validate};
use crate::level::Level;

/// The folder checked when no path is given.
pub const DEFAULT_LEVELS_DIR: &str = "levels";

/// RON options for level files: `Some(...)` may be left out around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses level RON; a syntax or shape error becomes one located diagnostic.
pub fn parse_level(src: &str, file: &str) -> Result<Level, Box<Diagnostic>> {
    ron_options().from_str::<Level>(src).map_err(|error| {
        let start = error.span.start;
        let end = error.span.end;
        let width = if start.line == end.line { end.col.saturating_sub(start.col) } else { 1 };
        Box::new(Diagnostic::new(
            DiagnosticSeverity::Error,
            file,
            src,
            (start.line, start.col),
            width,
            error.code.to_string(),
        ))
    })
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

/// Loads a level for play: the level and its warnings, or every diagnostic if it has an
/// error.
pub fn load_level(src: &str, file: &str) -> Result<(Level, Vec<Diagnostic>), Vec<Diagnostic>> {
    let report = check_source(src, file);
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
fn path_problem(severity: DiagnosticSeverity, path: &FsPath, message: String) -> Diagnostic {
    Diagnostic::new(severity, &path.display().to_string(), "", (0, 0), 1, message)
}

/// Checks every level file in `paths` (a folder means every `*.level.ron` inside it, sorted;
/// no paths means `levels/`), then checks across files: duplicate level ids and
/// prerequisites that name no known level.
pub fn check_paths(paths: &[PathBuf]) -> CheckReport {
    let mut report = CheckReport::default();
    let defaults = [PathBuf::from(DEFAULT_LEVELS_DIR)];
    let paths = if paths.is_empty() { &defaults[..] } else { paths };
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            match level_files_in(path) {
                Ok(found) if found.is_empty() => report.general.push(path_problem(
                    DiagnosticSeverity::Warning,
                    path,
                    format!("no `*{LEVEL_EXTENSION}` files in this folder"),
                )),
                Ok(found) => files.extend(found),
                Err(error) => report.general.push(path_problem(
                    DiagnosticSeverity::Error,
                    path,
                    format!("cannot read folder: {error}"),
                )),
            }
        } else {
            files.push(path.clone());
        }
    }
    for file in &files {
        match fs::read_to_string(file) {
            Ok(src) => report.files.push(check_source(&src, &file.display().to_string())),
            Err(error) => {
                report.general.push(path_problem(DiagnosticSeverity::Error, file, format!("cannot read file: {error}")))
            }
        }
    }
    check_across_files(&mut report, &files);
    report
}

fn level_files_in(dir: &FsPath) -> std::io::Result<Vec<PathBuf>> {
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

fn check_across_files(report: &mut CheckReport, files: &[PathBuf]) {
    let mut first_with_id: HashMap<String, String> = HashMap::new();
    let known: Vec<String> = report.files.iter().filter_map(|f| f.level.as_ref().map(|l| l.id.clone())).collect();
    for (index, file) in report.files.iter_mut().enumerate() {
        let Some(level) = &file.level else { continue };
        let mut findings = Vec::new();
        if let Some(first) = first_with_id.get(&level.id) {
            findings.push(Finding {
                severity: DiagnosticSeverity::Error,
                path: Path::root().field("id"),
                message: format!("level id `{}` is also used by {first}", level.id),
                help: Some("every level needs its own id".to_owned()),
                related: None,
            });
        } else {
            first_with_id.insert(level.id.clone(), file.file.clone());
        }
        let folder = files.get(index).and_then(|p| p.parent());
        for (k, prerequisite) in level.prerequisites.iter().enumerate() {
            let beside = folder.map(|d| d.join(format!("{prerequisite}{LEVEL_EXTENSION}")));
            if !known.contains(prerequisite) && !beside.is_some_and(|p| p.is_file()) {
                findings.push(Finding {
                    severity: DiagnosticSeverity::Warning,
                    path: Path::root().field("prerequisites").index(k),
                    message: format!("prerequisite `{prerequisite}` is not a level found here"),
                    help: Some(format!("expected `{prerequisite}{LEVEL_EXTENSION}` next to this file")),
                    related: None,
                });
            }
        }
        if !findings.is_empty() {
            file.diagnostics.extend(resolve(&findings, &file.source, &file.file));
            file.diagnostics.sort_by_key(|d| (d.line, d.column));
        }
    }
}
