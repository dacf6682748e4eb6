//! What a run produced: deviations, the score breakdown and the debrief report.

use serde::{Deserialize, Serialize};

use crate::common::Text;

use crate::level::Severity;

/// Guided (hints, highlights, live feedback) or assessment (none; wrong objects are errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mode {
    Guided,
    Assessment,
}

/// Where a deviation came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeviationSource {
    /// A level rule, by id.
    Rule(String),
    /// A step stayed current past its time limit.
    StepTimeLimit(String),
    /// An injected event was not answered before its deadline.
    EventMissed(String),
    /// Assessment mode: an object belonging to a later step was used.
    WrongObject(String),
}

impl DeviationSource {
    /// The rule, step, event or object id.
    pub fn id(&self) -> &str {
        match self {
            DeviationSource::Rule(id)
            | DeviationSource::StepTimeLimit(id)
            | DeviationSource::EventMissed(id)
            | DeviationSource::WrongObject(id) => id,
        }
    }
}

/// One recorded deviation, as the debrief shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deviation {
    pub source: DeviationSource,
    pub severity: Severity,
    /// Points taken off the score.
    pub points: f64,
    pub explanation: Text,
    /// Level time, in seconds.
    pub time_s: f64,
    /// The first step current at that moment, if any.
    pub step: Option<String>,
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepStatus {
    /// Its prerequisites are not complete yet.
    Waiting,
    /// The trainee can do it now.
    Current,
    Done,
}

/// Points of one required step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepScore {
    pub step: String,
    pub earned: f64,
    pub max: f64,
}

/// Points taken off for one deviation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deduction {
    pub source: DeviationSource,
    pub severity: Severity,
    pub points: f64,
}

/// The score out of 100: points per required step, minus deductions, clamped to 0..=100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreBreakdown {
    pub steps: Vec<StepScore>,
    pub deductions: Vec<Deduction>,
    pub earned: f64,
    pub deducted: f64,
    pub total: f64,
    pub pass_score: f64,
    /// Level time used, in seconds (paused time excluded).
    pub elapsed_s: f64,
}

/// Why a level was failed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FailReason {
    ScoreBelowPass { score: f64, pass_score: f64 },
    CriticalDeviation(DeviationSource),
    TimeLimitExceeded { limit_s: f64 },
    StepsIncomplete(Vec<String>),
}

/// How the run ended, if it has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Outcome {
    InProgress,
    Passed,
    Failed(Vec<FailReason>),
}

/// The timeline of one step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepRecord {
    pub step: String,
    pub required: bool,
    pub status: StepStatus,
    pub started_s: Option<f64>,
    pub completed_s: Option<f64>,
    /// Completed by an instructor's skip, for no points.
    pub skipped: bool,
}

/// The timeline of one injected event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub event: String,
    pub injected_s: Option<f64>,
    pub resolved_s: Option<f64>,
    pub missed: bool,
}

/// The debrief: everything the game shows after (or during) a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub level_id: String,
    pub level_version: u32,
    pub mode: Mode,
    pub outcome: Outcome,
    pub score: ScoreBreakdown,
    pub steps: Vec<StepRecord>,
    pub deviations: Vec<Deviation>,
    pub events: Vec<EventRecord>,
    /// The seed the level's random values were drawn with: the same seed replays the same
    /// attempt.
    #[serde(default)]
    pub seed: u64,
    /// What the instructor did during the attempt, in order.
    #[serde(default)]
    pub interventions: Vec<super::intervention::Intervened>,
}

impl Report {
    /// Whether the run has ended with a pass.
    pub fn passed(&self) -> bool {
        self.outcome == Outcome::Passed
    }

    /// Whether the pass counts: a pass in guided mode, or a pass in assessment that the
    /// instructor never stepped into. What counts a trainee's progress (the curriculum's locks,
    /// the learning record store's `passed`) asks this, not [`Report::passed`].
    pub fn clean_pass(&self) -> bool {
        self.passed() && (self.mode == Mode::Guided || self.interventions.is_empty())
    }

    /// An assessment the instructor stepped into: whatever its score, not a clean pass.
    pub fn assisted_assessment(&self) -> bool {
        self.mode == Mode::Assessment && !self.interventions.is_empty()
    }
}
