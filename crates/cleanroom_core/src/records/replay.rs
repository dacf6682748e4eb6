//! An attempt replayed from its records: the level it names at the version it names, the seed
//! it was drawn with, and what the runner was given (the trainee's actions, the stations'
//! observations and the instructor's interventions), each at its level time and in its order.
//! The runner is deterministic, so the replay ends with the attempt's own report; the
//! after-action review reads its timeline from the same records.

use serde::Deserialize;

use super::attempt::{Acted, AttemptEnded, AttemptStarted, Observed, kind};
use crate::level::Level;
use crate::procedure::{Intervened, Report, Runner, RunnerEvent};

/// One record of an attempt, as the trail holds it: its kind and its JSON body.
#[derive(Debug, Clone, Copy)]
pub struct TrailRecord<'a> {
    pub kind: &'a str,
    pub body: &'a str,
}

/// Why an attempt cannot be replayed.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplayError {
    /// The records do not begin with the attempt's start.
    NoStart,
    /// The records are of another level, or of another version of it.
    OtherLevel { recorded: String, version: u32, given: String, given_version: u32 },
    /// A record the replay needs could not be read (a record of a newer game).
    Unreadable { kind: String, error: String },
}

impl std::fmt::Display for ReplayError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReplayError::NoStart => write!(f, "the records do not begin with the attempt's start"),
            ReplayError::OtherLevel { recorded, version, given, given_version } => write!(
                f,
                "the attempt was at {recorded} version {version}, not {given} version {given_version}: \
                 it replays only with the level as it was played"
            ),
            ReplayError::Unreadable { kind, error } => write!(f, "a `{kind}` record cannot be read: {error}"),
        }
    }
}

impl std::error::Error for ReplayError {}

/// What a replay gives: the runner at the end of the records, and the report the attempt ended
/// with, if the records hold one.
#[derive(Debug, Clone)]
pub struct Replayed {
    pub runner: Runner,
    pub started: AttemptStarted,
    pub recorded: Option<Report>,
}

impl Replayed {
    /// Whether the replay ends where the attempt did: the same report.
    pub fn reproduces(&self) -> bool {
        self.recorded.as_ref().is_some_and(|recorded| *recorded == self.runner.report())
    }
}

fn read<'a, T: Deserialize<'a>>(record: &TrailRecord<'a>) -> Result<T, ReplayError> {
    serde_json::from_str(record.body)
        .map_err(|error| ReplayError::Unreadable { kind: record.kind.to_owned(), error: error.to_string() })
}

/// Replays one attempt's records (in the trail's order, starting with its `attempt-started`)
/// through a fresh runner for `level`, which must be the level and version it names.
///
/// The game gives the runner, each frame, the frame's actions one by one, then its
/// observations together, then lets time pass; the replay does the same with each run of
/// records of one level time. An intervention is taken where it stands in the trail.
pub fn replay(level: &Level, records: &[TrailRecord]) -> Result<Replayed, ReplayError> {
    let Some((first, rest)) = records.split_first().filter(|(first, _)| first.kind == kind::ATTEMPT_STARTED) else {
        return Err(ReplayError::NoStart);
    };
    let started: AttemptStarted = read(first)?;
    if started.level != level.id || started.level_version != level.version {
        return Err(ReplayError::OtherLevel {
            recorded: started.level.clone(),
            version: started.level_version,
            given: level.id.clone(),
            given_version: level.version,
        });
    }
    let mut runner = Runner::with_seed(level, started.mode, started.seed);
    runner.start(0.0);
    let mut recorded = None;
    let mut observations: Vec<(String, String, crate::common::Value)> = Vec::new();
    let mut observed_at = 0.0;
    // The observations of one frame are judged together, as the game judges them.
    let flush = |runner: &mut Runner, observations: &mut Vec<_>, at: f64| {
        if !observations.is_empty() {
            runner.observe_all(at, std::mem::take(observations));
        }
        runner.tick(at);
    };
    for record in rest {
        match record.kind {
            kind::ACTION => {
                flush(&mut runner, &mut observations, observed_at);
                let acted: Acted = read(record)?;
                runner.act(acted.time_s, acted.action);
            }
            kind::OBSERVATION => {
                let observed: Observed = read(record)?;
                if !observations.is_empty() && observed.time_s != observed_at {
                    flush(&mut runner, &mut observations, observed_at);
                }
                observed_at = observed.time_s;
                observations.push((observed.of, observed.key, observed.value));
            }
            kind::INTERVENTION => {
                flush(&mut runner, &mut observations, observed_at);
                let RunnerEvent::Intervened(Intervened { intervention, time_s }) = read(record)? else {
                    continue;
                };
                // Refused now as it was not then would show in the report's comparison.
                let _ = runner.intervene(time_s, intervention);
            }
            kind::ATTEMPT_ENDED => {
                flush(&mut runner, &mut observations, observed_at);
                let ended: AttemptEnded = read(record)?;
                // Time runs to the attempt's end (a deadline it passed in a frame with no input).
                runner.tick(ended.report.score.elapsed_s);
                recorded = Some(ended.report);
            }
            _ => {}
        }
    }
    flush(&mut runner, &mut observations, observed_at);
    Ok(Replayed { runner, started, recorded })
}
