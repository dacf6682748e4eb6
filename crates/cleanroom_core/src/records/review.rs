//! The after-action review of one attempt, read from its records: the trainee's path through
//! the room, the timeline of what they did and what the procedure said (steps, deviations,
//! events, the instructor's interventions), and a scrubber's view of both at any moment. The
//! attempt is replayed through the runner as well, so the review says whether the record
//! reproduces the attempt's report.

use serde::Deserialize;

use super::attempt::{Acted, AttemptEnded, AttemptStarted, Positioned, kind};
use super::replay::{TrailRecord, replay};
use crate::level::{Action, Level};
use crate::procedure::{Deviation, Intervened, Intervention, Report, RunnerEvent};

/// What happened at one moment of the attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum What {
    /// The trainee did something the runner heard.
    Acted(Action),
    StepStarted {
        step: String,
    },
    StepCompleted {
        step: String,
        skipped: bool,
    },
    Deviation(Deviation),
    EventInjected {
        event: String,
    },
    EventResolved {
        event: String,
    },
    Intervened(Intervention),
    Passed,
    Failed,
}

/// One entry of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Moment {
    /// Level time, in seconds.
    pub time_s: f64,
    pub what: What,
}

/// Whether the record reproduces the attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Reproduction {
    /// Replayed through the runner, the record reaches the attempt's own report.
    Same,
    /// The replay reaches another report: the record is not the whole attempt.
    Differs,
    /// The attempt has no report to compare with (it was abandoned or is still being played).
    Unfinished,
    /// The attempt cannot be replayed (its level is not here, or is another version).
    NotReplayed(String),
}

/// One attempt, ready to review.
#[derive(Debug, Clone)]
pub struct Review {
    pub started: AttemptStarted,
    /// The report the attempt ended with, if it ended with one.
    pub report: Option<Report>,
    /// Level time from the start to the last moment recorded.
    pub duration_s: f64,
    /// Where the trainee was, in time order.
    pub path: Vec<Positioned>,
    /// What happened, in time order (moments of one time in the order they were recorded).
    pub moments: Vec<Moment>,
    pub reproduction: Reproduction,
}

/// Why an attempt cannot be reviewed.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewError {
    /// The records do not begin with the attempt's start.
    NoStart,
    /// A record could not be read (a record of a newer game).
    Unreadable { kind: String, error: String },
}

impl std::fmt::Display for ReviewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReviewError::NoStart => write!(f, "the records do not begin with the attempt's start"),
            ReviewError::Unreadable { kind, error } => write!(f, "a `{kind}` record cannot be read: {error}"),
        }
    }
}

impl std::error::Error for ReviewError {}

fn read<'a, T: Deserialize<'a>>(record: &TrailRecord<'a>) -> Result<T, ReviewError> {
    serde_json::from_str(record.body)
        .map_err(|error| ReviewError::Unreadable { kind: record.kind.to_owned(), error: error.to_string() })
}

impl Review {
    /// Reads one attempt's records (in the trail's order, its `attempt-started` first) and
    /// replays them through `level` when it is given (it must be the version played).
    pub fn from_records(level: Option<&Level>, records: &[TrailRecord]) -> Result<Review, ReviewError> {
        let Some((first, rest)) = records.split_first().filter(|(first, _)| first.kind == kind::ATTEMPT_STARTED) else {
            return Err(ReviewError::NoStart);
        };
        let started: AttemptStarted = read(first)?;
        let mut path: Vec<Positioned> = Vec::new();
        let mut moments = Vec::new();
        let mut report = None;
        let mut last_s: f64 = 0.0;
        for record in rest {
            let mut at = |time_s: f64, what: What| {
                last_s = last_s.max(time_s);
                moments.push(Moment { time_s, what });
            };
            match record.kind {
                kind::POSITION => {
                    let positioned: Positioned = read(record)?;
                    last_s = last_s.max(positioned.time_s);
                    path.push(positioned);
                }
                kind::ACTION => {
                    let acted: Acted = read(record)?;
                    at(acted.time_s, What::Acted(acted.action));
                }
                kind::STEP_STARTED
                | kind::STEP_COMPLETED
                | kind::DEVIATION
                | kind::EVENT_INJECTED
                | kind::EVENT_RESOLVED
                | kind::INTERVENTION => match read::<RunnerEvent>(record)? {
                    RunnerEvent::StepStarted { step, time_s } => at(time_s, What::StepStarted { step }),
                    RunnerEvent::StepCompleted { step, time_s, skipped, .. } => {
                        at(time_s, What::StepCompleted { step, skipped });
                    }
                    RunnerEvent::DeviationRecorded(deviation) => at(deviation.time_s, What::Deviation(deviation)),
                    RunnerEvent::EventInjected { event, time_s, .. } => at(time_s, What::EventInjected { event }),
                    RunnerEvent::EventResolved { event, time_s } => at(time_s, What::EventResolved { event }),
                    RunnerEvent::Intervened(Intervened { intervention, time_s }) => {
                        at(time_s, What::Intervened(intervention));
                    }
                    _ => {}
                },
                kind::ATTEMPT_ENDED => {
                    let ended: AttemptEnded = read(record)?;
                    let time_s = ended.report.score.elapsed_s;
                    at(time_s, if ended.report.passed() { What::Passed } else { What::Failed });
                    report = Some(ended.report);
                }
                _ => {}
            }
        }
        // Deviations judged at the end of an assessment are reported then, with the time they
        // happened: the timeline puts each where it happened.
        moments.sort_by(|a, b| a.time_s.total_cmp(&b.time_s));
        path.sort_by(|a, b| a.time_s.total_cmp(&b.time_s));
        let reproduction = match (level, &report) {
            (None, _) => Reproduction::NotReplayed(format!("the level {} is not installed here", started.level)),
            (Some(_), None) => Reproduction::Unfinished,
            (Some(level), Some(_)) => match replay(level, records) {
                Ok(replayed) if replayed.reproduces() => Reproduction::Same,
                Ok(_) => Reproduction::Differs,
                Err(error) => Reproduction::NotReplayed(error.to_string()),
            },
        };
        let duration_s = report.as_ref().map_or(last_s, |report| report.score.elapsed_s.max(last_s));
        Ok(Review { started, report, duration_s, path, moments, reproduction })
    }

    /// Where the trainee was at `time_s` (see `position_on`).
    pub fn position_at(&self, time_s: f64) -> Option<Positioned> {
        position_on(&self.path, time_s)
    }

    /// The moments up to and including `time_s`.
    pub fn moments_until(&self, time_s: f64) -> &[Moment] {
        &self.moments[..self.moments.partition_point(|moment| moment.time_s <= time_s)]
    }

    /// The steps current at `time_s`: started and not yet completed.
    pub fn steps_at(&self, time_s: f64) -> Vec<&str> {
        let mut current: Vec<&str> = Vec::new();
        for moment in self.moments_until(time_s) {
            match &moment.what {
                What::StepStarted { step } if !current.contains(&step.as_str()) => current.push(step),
                What::StepCompleted { step, .. } => current.retain(|current| current != step),
                _ => {}
            }
        }
        current
    }

    /// The moment after `time_s` (to step through the timeline), and the one before.
    pub fn next_moment(&self, time_s: f64) -> Option<&Moment> {
        self.moments.iter().find(|moment| moment.time_s > time_s + 1e-6)
    }

    pub fn previous_moment(&self, time_s: f64) -> Option<&Moment> {
        self.moments.iter().rev().find(|moment| moment.time_s < time_s - 1e-6)
    }

    /// The length of the path walked, in metres (on the floor plan).
    pub fn distance_m(&self) -> f32 {
        self.path
            .windows(2)
            .map(|pair| ((pair[1].x - pair[0].x).powi(2) + (pair[1].z - pair[0].z).powi(2)).sqrt())
            .sum()
    }
}

/// The start of an attempt's records (which level and version it was, to find the level to
/// replay it with), if they begin with one that can be read.
pub fn attempt_started(records: &[TrailRecord]) -> Option<AttemptStarted> {
    records.first().filter(|first| first.kind == kind::ATTEMPT_STARTED).and_then(|first| read(first).ok())
}

/// Where the trainee was at `time_s` on a path in time order: between two samples, part of the
/// way from one to the next (turning the shorter way); before the first or after the last,
/// there. None when nothing was sampled.
pub fn position_on(path: &[Positioned], time_s: f64) -> Option<Positioned> {
    let after = path.partition_point(|sample| sample.time_s <= time_s);
    match (after.checked_sub(1).map(|index| path[index]), path.get(after)) {
        (None, None) => None,
        (Some(before), None) => Some(before),
        (None, Some(next)) => Some(*next),
        (Some(before), Some(next)) => {
            let span = next.time_s - before.time_s;
            let t = if span > 0.0 { ((time_s - before.time_s) / span) as f32 } else { 1.0 };
            let turn = before.turn_to(next);
            Some(Positioned {
                time_s,
                x: before.x + (next.x - before.x) * t,
                y: before.y + (next.y - before.y) * t,
                z: before.z + (next.z - before.z) * t,
                heading_deg: (before.heading_deg + turn * t).rem_euclid(360.0),
            })
        }
    }
}
