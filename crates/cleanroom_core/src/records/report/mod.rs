//! Instructor reports: every attempt in one or more records stores, per trainee and per cohort
//! (attempts, pass rate, score over attempts, time per step, deviations by severity and by
//! level), as a self-contained HTML page with charts and as CSV tables. The stores are only
//! read (a game may be recording into one at the same time), and each is verified first, so the
//! report says whether the trail it was made from is intact.

pub mod charts;
pub mod html;
pub mod tables;
mod words;

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{Connection, OpenFlags, params_from_iter};

pub use words::{Language, Words};

use super::attempt::{AbandonedBecause, AttemptAbandoned, AttemptEnded, AttemptStarted, Trainee, kind};
use super::store::{RecordsError, StorePaths, Verification, verify_store};
use crate::level::Severity;
use crate::procedure::{Deviation, FailReason, Outcome, RunnerEvent};

/// A store to read: this machine's, or a copy brought from another headset or desktop.
#[derive(Debug, Clone)]
pub struct Source {
    /// How the report names it (its folder).
    pub label: String,
    pub paths: StorePaths,
}

/// How an attempt ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Finish {
    Passed,
    Failed(Vec<FailReason>),
    /// An assessment that would have passed, but the instructor stepped in (so many times):
    /// not a clean pass, counted with the failures.
    Assisted {
        interventions: usize,
    },
    /// Ended without a result: left, closed, restarted after an edit, or interrupted.
    Abandoned(AbandonedBecause),
    /// Still being played (or its game is recording it now).
    InProgress,
}

/// One step of an attempt, from when it became current to when it was done.
#[derive(Debug, Clone, PartialEq)]
pub struct StepTime {
    pub step: String,
    pub started_s: f64,
    pub completed_s: f64,
    /// Completed by an instructor's skip.
    pub skipped: bool,
}

impl StepTime {
    pub fn seconds(&self) -> f64 {
        (self.completed_s - self.started_s).max(0.0)
    }
}

/// One attempt at a level, as its records tell it.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    pub id: String,
    /// Which of the report's sources it was read from.
    pub source: usize,
    /// When it started and ended (RFC 3339, UTC).
    pub started_at: String,
    pub ended_at: Option<String>,
    pub started: AttemptStarted,
    pub finish: Finish,
    /// The score out of 100, for an attempt that ended with a result.
    pub score: Option<f64>,
    pub pass_score: Option<f64>,
    /// Level time used, in seconds, for an attempt that ended with a result.
    pub elapsed_s: Option<f64>,
    /// The steps it completed, in the order they were completed.
    pub steps: Vec<StepTime>,
    pub deviations: Vec<Deviation>,
}

impl Attempt {
    pub fn trainee(&self) -> &Trainee {
        &self.started.trainee
    }

    pub fn level(&self) -> &str {
        &self.started.level
    }

    /// The deviations of each severity: minor, major, critical.
    pub fn by_severity(&self) -> [usize; 3] {
        let mut counts = [0; 3];
        for deviation in &self.deviations {
            counts[severity_index(deviation.severity)] += 1;
        }
        counts
    }

    /// The day it started (YYYY-MM-DD) and the time (HH:MM), in UTC, as the report shows them.
    pub fn started_on(&self) -> (&str, &str) {
        let day = self.started_at.get(..10).unwrap_or(&self.started_at);
        let time = self.started_at.get(11..16).unwrap_or("");
        (day, time)
    }
}

/// Minor, major and critical as 0, 1 and 2.
pub fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Minor => 0,
        Severity::Major => 1,
        Severity::Critical => 2,
    }
}

/// A source as read: what verifying it found, and how many attempts it held.
#[derive(Debug, Clone)]
pub struct SourceRead {
    pub source: Source,
    /// The verification, or why the store could not be verified.
    pub verification: Result<Verification, String>,
    pub attempts: usize,
}

/// Everything the report is made from.
#[derive(Debug, Clone, Default)]
pub struct Records {
    pub sources: Vec<SourceRead>,
    /// Every attempt, the earliest first.
    pub attempts: Vec<Attempt>,
}

/// The kinds of record a report reads (the actions and observations stay in the store).
const READ_KINDS: [&str; 6] = [
    kind::ATTEMPT_STARTED,
    kind::STEP_STARTED,
    kind::STEP_COMPLETED,
    kind::DEVIATION,
    kind::ATTEMPT_ENDED,
    kind::ATTEMPT_ABANDONED,
];

/// Reads the attempts of every source (each verified first). A store that cannot be opened is
/// an error that names it; an attempt found in two sources (the same copy given twice) is kept
/// once.
pub fn read(sources: Vec<Source>) -> Result<Records, RecordsError> {
    let mut records = Records::default();
    let mut seen = BTreeSet::new();
    for (index, source) in sources.into_iter().enumerate() {
        let verification = verify_store(&source.paths).map_err(|error| error.to_string());
        let attempts = read_attempts(&source.paths, index)?;
        let mut kept = 0;
        for attempt in attempts {
            if seen.insert(attempt.id.clone()) {
                records.attempts.push(attempt);
                kept += 1;
            }
        }
        records.sources.push(SourceRead { source, verification, attempts: kept });
    }
    records.attempts.sort_by(|a, b| a.started_at.cmp(&b.started_at).then_with(|| a.id.cmp(&b.id)));
    Ok(records)
}

/// The attempts of one store, read-only.
fn read_attempts(paths: &StorePaths, source: usize) -> Result<Vec<Attempt>, RecordsError> {
    let database = paths.database();
    if !database.exists() {
        return Ok(Vec::new());
    }
    let failed = |error| RecordsError::Database { path: database.clone(), error };
    let connection = Connection::open_with_flags(&database, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(failed)?;
    let placeholders = vec!["?"; READ_KINDS.len()].join(", ");
    let mut statement = connection
        .prepare(&format!(
            "SELECT at, kind, attempt, body FROM record WHERE attempt IS NOT NULL AND kind IN ({placeholders}) \
             ORDER BY seq"
        ))
        .map_err(failed)?;
    let rows = statement
        .query_map(params_from_iter(READ_KINDS), |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?, row.get::<_, String>(3)?))
        })
        .map_err(failed)?;
    let mut attempts: Vec<Attempt> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for row in rows {
        let (at, kind, attempt_id, body) = row.map_err(failed)?;
        if kind == kind::ATTEMPT_STARTED {
            // A body the report cannot read (a record of a future version) is left out, not
            // guessed at.
            if let Ok(started) = serde_json::from_str::<AttemptStarted>(&body) {
                index.insert(attempt_id.clone(), attempts.len());
                attempts.push(Attempt {
                    id: attempt_id,
                    source,
                    started_at: at,
                    ended_at: None,
                    started,
                    finish: Finish::InProgress,
                    score: None,
                    pass_score: None,
                    elapsed_s: None,
                    steps: Vec::new(),
                    deviations: Vec::new(),
                });
            }
            continue;
        }
        let Some(attempt) = index.get(&attempt_id).map(|&i| &mut attempts[i]) else { continue };
        add_record(attempt, &at, &kind, &body);
    }
    Ok(attempts)
}

/// What one record of an attempt adds to it.
fn add_record(attempt: &mut Attempt, at: &str, kind: &str, body: &str) {
    match kind {
        kind::STEP_STARTED | kind::STEP_COMPLETED | kind::DEVIATION => {
            let Ok(event) = serde_json::from_str::<RunnerEvent>(body) else { return };
            match event {
                RunnerEvent::StepStarted { step, time_s } => {
                    // A step started again (a restart within the attempt) times from the latest start.
                    attempt.steps.retain(|done| done.step != step || done.completed_s.is_finite());
                    attempt.steps.push(StepTime { step, started_s: time_s, completed_s: f64::NAN, skipped: false });
                }
                RunnerEvent::StepCompleted { step, time_s, skipped, .. } => {
                    match attempt.steps.iter_mut().rev().find(|s| s.step == step && s.completed_s.is_nan()) {
                        Some(started) => {
                            started.completed_s = time_s;
                            started.skipped = skipped;
                        }
                        // Completed the moment it became current (no step-started record).
                        None => attempt.steps.push(StepTime { step, started_s: time_s, completed_s: time_s, skipped }),
                    }
                }
                RunnerEvent::DeviationRecorded(deviation) => attempt.deviations.push(deviation),
                _ => {}
            }
        }
        kind::ATTEMPT_ENDED => {
            let Ok(ended) = serde_json::from_str::<AttemptEnded>(body) else { return };
            let report = ended.report;
            attempt.ended_at = Some(at.to_owned());
            let assisted = report.assisted_assessment();
            attempt.finish = match report.outcome {
                Outcome::Passed if assisted => Finish::Assisted { interventions: report.interventions.len() },
                Outcome::Passed => Finish::Passed,
                Outcome::Failed(reasons) => Finish::Failed(reasons),
                Outcome::InProgress => Finish::InProgress,
            };
            attempt.score = Some(report.score.total);
            attempt.pass_score = Some(report.score.pass_score);
            attempt.elapsed_s = Some(report.score.elapsed_s);
            // The debrief is the attempt's own account: its deviations are all of them (an
            // assessment's are only recorded as it ends).
            attempt.deviations = report.deviations;
        }
        kind::ATTEMPT_ABANDONED => {
            let Ok(abandoned) = serde_json::from_str::<AttemptAbandoned>(body) else { return };
            attempt.ended_at = Some(at.to_owned());
            attempt.finish = Finish::Abandoned(abandoned.because);
        }
        _ => {}
    }
    // Steps still current when the attempt ended were never done: they take no time.
    if attempt.ended_at.is_some() {
        attempt.steps.retain(|step| step.completed_s.is_finite());
    }
}

/// Which attempts a report covers: given trainees (by id) and levels, or all.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub trainees: Vec<String>,
    pub levels: Vec<String>,
}

impl Filter {
    pub fn keeps(&self, attempt: &Attempt) -> bool {
        (self.trainees.is_empty() || self.trainees.iter().any(|id| *id == attempt.trainee().id))
            && (self.levels.is_empty() || self.levels.iter().any(|level| level == attempt.level()))
    }
}

impl Records {
    /// Only the attempts `filter` keeps.
    pub fn filtered(mut self, filter: &Filter) -> Self {
        self.attempts.retain(|attempt| filter.keeps(attempt));
        self
    }
}

/// Counts over a set of attempts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub attempts: usize,
    pub passed: usize,
    pub failed: usize,
    pub abandoned: usize,
    pub in_progress: usize,
    /// Deviations: minor, major, critical.
    pub by_severity: [usize; 3],
}

impl Tally {
    fn add(&mut self, attempt: &Attempt) {
        self.attempts += 1;
        match attempt.finish {
            Finish::Passed => self.passed += 1,
            Finish::Failed(_) | Finish::Assisted { .. } => self.failed += 1,
            Finish::Abandoned(_) => self.abandoned += 1,
            Finish::InProgress => self.in_progress += 1,
        }
        for (total, count) in self.by_severity.iter_mut().zip(attempt.by_severity()) {
            *total += count;
        }
    }

    /// The attempts that ended with a result.
    pub fn completed(&self) -> usize {
        self.passed + self.failed
    }

    /// Passed out of those that ended with a result (abandoned attempts have none), as a
    /// fraction; None when none did.
    pub fn pass_rate(&self) -> Option<f64> {
        (self.completed() > 0).then(|| self.passed as f64 / self.completed() as f64)
    }

    pub fn deviations(&self) -> usize {
        self.by_severity.iter().sum()
    }
}

/// The time a step takes, over the attempts that did it.
#[derive(Debug, Clone, PartialEq)]
pub struct StepSummary {
    pub step: String,
    /// The median time, in seconds, over the attempts that did the step themselves (a skipped
    /// step is not timed).
    pub median_s: f64,
    pub done: usize,
}

/// The average score of the n-th attempt at a level, over the trainees who made one.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptNumber {
    pub number: usize,
    pub mean_score: f64,
    pub trainees: usize,
}

/// One level over the cohort.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelSummary {
    pub level: String,
    /// The English title the latest attempt recorded.
    pub title: String,
    pub tally: Tally,
    pub trainees: usize,
    pub median_score: Option<f64>,
    pub median_elapsed_s: Option<f64>,
    pub steps: Vec<StepSummary>,
    /// The learning curve: mean score of each trainee's first, second, … attempt with a result.
    pub by_attempt_number: Vec<AttemptNumber>,
}

/// One trainee's attempts at one level.
#[derive(Debug, Clone, PartialEq)]
pub struct TraineeLevel {
    pub level: String,
    pub title: String,
    pub tally: Tally,
    /// The score of each attempt that ended with a result, in order.
    pub scores: Vec<f64>,
    /// Which of those attempts (from 1) first passed.
    pub first_pass: Option<usize>,
    pub best_score: Option<f64>,
    pub steps: Vec<StepSummary>,
}

/// One trainee over every level.
#[derive(Debug, Clone, PartialEq)]
pub struct TraineeSummary {
    pub trainee: Trainee,
    pub tally: Tally,
    /// Their attempts (indices into `Records::attempts`), the earliest first.
    pub attempts: Vec<usize>,
    pub levels: Vec<TraineeLevel>,
    pub last_attempt_at: String,
}

/// The whole report's figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cohort {
    pub tally: Tally,
    pub levels: Vec<LevelSummary>,
    pub trainees: Vec<TraineeSummary>,
}

/// The figures of `records`: per level (in the order levels were first played) and per trainee
/// (by name).
pub fn summarise(records: &Records) -> Cohort {
    let attempts = &records.attempts;
    let mut cohort = Cohort::default();
    let mut level_order: Vec<&str> = Vec::new();
    for attempt in attempts {
        cohort.tally.add(attempt);
        if !level_order.contains(&attempt.level()) {
            level_order.push(attempt.level());
        }
    }
    for level in level_order {
        let at_level: Vec<&Attempt> = attempts.iter().filter(|a| a.level() == level).collect();
        cohort.levels.push(summarise_level(level, &at_level));
    }
    let mut by_trainee: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, attempt) in attempts.iter().enumerate() {
        by_trainee.entry(&attempt.trainee().id).or_default().push(index);
    }
    for indices in by_trainee.into_values() {
        let theirs: Vec<&Attempt> = indices.iter().map(|&i| &attempts[i]).collect();
        let latest = theirs[theirs.len() - 1];
        let mut tally = Tally::default();
        theirs.iter().for_each(|attempt| tally.add(attempt));
        let mut levels = Vec::new();
        for level in &cohort.levels {
            let at_level: Vec<&Attempt> = theirs.iter().copied().filter(|a| a.level() == level.level).collect();
            if !at_level.is_empty() {
                levels.push(trainee_level(&level.level, &at_level));
            }
        }
        cohort.trainees.push(TraineeSummary {
            // The name they last signed in with.
            trainee: latest.trainee().clone(),
            tally,
            attempts: indices,
            levels,
            last_attempt_at: latest.started_at.clone(),
        });
    }
    cohort.trainees.sort_by(|a, b| a.trainee.name.cmp(&b.trainee.name).then_with(|| a.trainee.id.cmp(&b.trainee.id)));
    cohort
}

fn summarise_level(level: &str, attempts: &[&Attempt]) -> LevelSummary {
    let mut tally = Tally::default();
    attempts.iter().for_each(|attempt| tally.add(attempt));
    let scored: Vec<&&Attempt> = attempts.iter().filter(|a| has_result(a)).collect();
    let trainees: BTreeSet<&str> = attempts.iter().map(|a| a.trainee().id.as_str()).collect();
    // The n-th attempt with a result of each trainee.
    let mut nth: BTreeMap<usize, Vec<f64>> = BTreeMap::new();
    for trainee in &trainees {
        let scores = scored.iter().filter(|a| a.trainee().id == *trainee).filter_map(|a| a.score);
        for (n, score) in scores.enumerate() {
            nth.entry(n + 1).or_default().push(score);
        }
    }
    LevelSummary {
        level: level.to_owned(),
        title: attempts.last().map_or_else(|| level.to_owned(), |a| a.started.level_title.clone()),
        tally,
        trainees: trainees.len(),
        median_score: median(scored.iter().filter_map(|a| a.score).collect()),
        median_elapsed_s: median(scored.iter().filter_map(|a| a.elapsed_s).collect()),
        steps: step_summaries(attempts),
        by_attempt_number: nth
            .into_iter()
            .map(|(number, scores)| AttemptNumber {
                number,
                mean_score: scores.iter().sum::<f64>() / scores.len() as f64,
                trainees: scores.len(),
            })
            .collect(),
    }
}

fn trainee_level(level: &str, attempts: &[&Attempt]) -> TraineeLevel {
    let mut tally = Tally::default();
    attempts.iter().for_each(|attempt| tally.add(attempt));
    let scored: Vec<&&Attempt> = attempts.iter().filter(|a| has_result(a)).collect();
    let scores: Vec<f64> = scored.iter().filter_map(|a| a.score).collect();
    TraineeLevel {
        level: level.to_owned(),
        title: attempts.last().map_or_else(|| level.to_owned(), |a| a.started.level_title.clone()),
        tally,
        first_pass: scored.iter().position(|a| a.finish == Finish::Passed).map(|i| i + 1),
        best_score: scores.iter().copied().reduce(f64::max),
        scores,
        steps: step_summaries(attempts),
    }
}

fn has_result(attempt: &Attempt) -> bool {
    matches!(attempt.finish, Finish::Passed | Finish::Failed(_) | Finish::Assisted { .. })
}

/// The median time of each step the attempts did themselves, in the order the steps are
/// usually reached.
fn step_summaries(attempts: &[&Attempt]) -> Vec<StepSummary> {
    let mut times: BTreeMap<&str, (Vec<f64>, f64)> = BTreeMap::new();
    for attempt in attempts {
        for step in attempt.steps.iter().filter(|step| !step.skipped) {
            let (seconds, started) = times.entry(&step.step).or_insert((Vec::new(), 0.0));
            seconds.push(step.seconds());
            *started += step.started_s;
        }
    }
    let mut steps: Vec<(f64, StepSummary)> = times
        .into_iter()
        .map(|(step, (seconds, started))| {
            let done = seconds.len();
            let summary = StepSummary { step: step.to_owned(), median_s: median(seconds).unwrap_or(0.0), done };
            (started / done as f64, summary)
        })
        .collect();
    steps.sort_by(|a, b| a.0.total_cmp(&b.0));
    steps.into_iter().map(|(_, summary)| summary).collect()
}

/// The median, None for none.
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    values.retain(|value| value.is_finite());
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    Some(if values.len().is_multiple_of(2) { (values[middle - 1] + values[middle]) / 2.0 } else { values[middle] })
}

/// A step id as a label: `don_mask` → `don mask`.
pub fn step_label(step: &str) -> String {
    step.replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(vec![5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(vec![f64::NAN]), None);
        assert_eq!(median(Vec::new()), None);
    }

    #[test]
    fn the_pass_rate_counts_only_attempts_with_a_result() {
        let tally = Tally { attempts: 5, passed: 1, failed: 3, abandoned: 1, ..Tally::default() };
        assert_eq!(tally.pass_rate(), Some(0.25));
        assert_eq!(Tally { attempts: 1, abandoned: 1, ..Tally::default() }.pass_rate(), None);
    }
}
