//! The report's figures as CSV tables for a spreadsheet or a learning system's import: one row
//! per attempt, per step done and per deviation. UTF-8 with a byte-order mark, so a spreadsheet
//! reads Korean names and texts correctly; a text cell that a spreadsheet would run as a
//! formula (a name typed as `=…`) is written with a leading apostrophe.

use std::path::{Path, PathBuf};

use super::html::finish;
use super::{Finish, Language, Records};
use crate::procedure::Mode;

/// The files `write_all` writes into its folder.
pub const ATTEMPTS_FILE: &str = "attempts.csv";
pub const STEPS_FILE: &str = "steps.csv";
pub const DEVIATIONS_FILE: &str = "deviations.csv";

/// One table: the CSV bytes of the records.
type Table = fn(&Records) -> Result<Vec<u8>, csv::Error>;

/// Writes the three tables into `folder` (made if missing); the paths written.
pub fn write_all(records: &Records, folder: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(folder).map_err(|error| format!("cannot make {}: {error}", folder.display()))?;
    let tables: [(&str, Table); 3] = [(ATTEMPTS_FILE, attempts), (STEPS_FILE, steps), (DEVIATIONS_FILE, deviations)];
    let mut written = Vec::new();
    for (name, table) in tables {
        let path = folder.join(name);
        let bytes = table(records).map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        write_whole(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes `bytes` to `path` whole: a reader never sees half of it, and a failure leaves what
/// was there before.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), String> {
    crate::common::write_atomically(path, bytes, false)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// One row per attempt.
pub fn attempts(records: &Records) -> Result<Vec<u8>, csv::Error> {
    let mut out = writer();
    out.write_record([
        "attempt_id",
        "trainee_id",
        "trainee_name",
        "level",
        "level_version",
        "level_title",
        "mode",
        "started_at",
        "ended_at",
        "result",
        "result_detail",
        "score",
        "pass_score",
        "duration_s",
        "deviations_minor",
        "deviations_major",
        "deviations_critical",
        "machine",
        "headset",
        "seed",
        "game_version",
        "registration",
    ])?;
    for attempt in &records.attempts {
        let started = &attempt.started;
        let [minor, major, critical] = attempt.by_severity();
        out.write_record([
            cell(&attempt.id),
            cell(&started.trainee.id),
            cell(&started.trainee.name),
            cell(&started.level),
            started.level_version.to_string(),
            cell(&started.level_title),
            mode(started.mode).to_owned(),
            attempt.started_at.clone(),
            attempt.ended_at.clone().unwrap_or_default(),
            result(&attempt.finish).to_owned(),
            cell(&finish(&attempt.finish, Language::English, Language::English.words())),
            number(attempt.score),
            number(attempt.pass_score),
            number(attempt.elapsed_s),
            minor.to_string(),
            major.to_string(),
            critical.to_string(),
            cell(&started.machine),
            started.headset.to_string(),
            started.seed.to_string(),
            cell(&started.game_version),
            cell(started.registration.as_deref().unwrap_or("")),
        ])?;
    }
    finish_writer(out)
}

/// One row per step an attempt completed.
pub fn steps(records: &Records) -> Result<Vec<u8>, csv::Error> {
    let mut out = writer();
    out.write_record([
        "attempt_id",
        "trainee_id",
        "level",
        "step",
        "started_s",
        "completed_s",
        "duration_s",
        "skipped",
    ])?;
    for attempt in &records.attempts {
        for step in &attempt.steps {
            out.write_record([
                cell(&attempt.id),
                cell(&attempt.trainee().id),
                cell(attempt.level()),
                cell(&step.step),
                number(Some(step.started_s)),
                number(Some(step.completed_s)),
                number(Some(step.seconds())),
                step.skipped.to_string(),
            ])?;
        }
    }
    finish_writer(out)
}

/// One row per deviation.
pub fn deviations(records: &Records) -> Result<Vec<u8>, csv::Error> {
    let mut out = writer();
    out.write_record([
        "attempt_id",
        "trainee_id",
        "level",
        "time_s",
        "step",
        "severity",
        "source",
        "points",
        "explanation_en",
        "explanation_ko",
    ])?;
    for attempt in &records.attempts {
        for deviation in &attempt.deviations {
            out.write_record([
                cell(&attempt.id),
                cell(&attempt.trainee().id),
                cell(attempt.level()),
                number(Some(deviation.time_s)),
                cell(deviation.step.as_deref().unwrap_or("")),
                format!("{:?}", deviation.severity).to_lowercase(),
                cell(deviation.source.id()),
                number(Some(deviation.points)),
                cell(&deviation.explanation.en),
                cell(&deviation.explanation.ko),
            ])?;
        }
    }
    finish_writer(out)
}

fn writer() -> csv::Writer<Vec<u8>> {
    // The byte-order mark: spreadsheets then read the file as UTF-8.
    csv::Writer::from_writer("\u{feff}".as_bytes().to_vec())
}

fn finish_writer(out: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, csv::Error> {
    out.into_inner().map_err(|error| error.into_error().into())
}

/// A text cell, defused: a spreadsheet runs a cell starting with = + - @ (or a tab or carriage
/// return) as a formula.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() }
}

fn number(value: Option<f64>) -> String {
    value.filter(|v| v.is_finite()).map_or_else(String::new, |v| {
        let rounded = (v * 1000.0).round() / 1000.0;
        rounded.to_string()
    })
}

fn mode(mode: Mode) -> &'static str {
    match mode {
        Mode::Guided => "guided",
        Mode::Assessment => "assessment",
    }
}

fn result(finish: &Finish) -> &'static str {
    match finish {
        Finish::Passed => "passed",
        Finish::Failed(_) => "failed",
        Finish::Assisted { .. } => "assisted",
        Finish::Abandoned(_) => "abandoned",
        Finish::InProgress => "in-progress",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_a_spreadsheet_would_run_is_defused() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-1+1"), "'-1+1");
        assert_eq!(cell("Kim Mina"), "Kim Mina");
        assert_eq!(number(Some(12.34567)), "12.346");
        assert_eq!(number(Some(f64::NAN)), "");
    }
}
