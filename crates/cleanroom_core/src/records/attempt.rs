//! What the trail records of a training session: who signed in, each attempt at a level (who,
//! which level and version, the mode, the machine, the time), everything that happened in it
//! with its level time, how it ended, and the stations' batch-record entries. Each is one
//! record of the audit trail; its body is JSON, so an auditor can read it with any tool.

use serde::{Deserialize, Serialize};

use crate::common::Value;
use crate::level::Action;
use crate::procedure::{Mode, Report, RunnerEvent};
use crate::stations::batch_record::RecordEntry;

/// The kinds of record (the trail's `kind` column).
pub mod kind {
    pub const SIGNED_IN: &str = "signed-in";
    pub const ATTEMPT_STARTED: &str = "attempt-started";
    pub const ACTION: &str = "action";
    pub const OBSERVATION: &str = "observation";
    pub const POSITION: &str = "position";
    pub const STEP_STARTED: &str = "step-started";
    pub const STEP_COMPLETED: &str = "step-completed";
    pub const HINT: &str = "hint";
    pub const DEVIATION: &str = "deviation";
    pub const ENTRY_VERIFIED: &str = "entry-verified";
    pub const EVENT_INJECTED: &str = "event-injected";
    pub const EVENT_RESOLVED: &str = "event-resolved";
    pub const LEVEL_PASSED: &str = "level-passed";
    pub const LEVEL_FAILED: &str = "level-failed";
    pub const INTERVENTION: &str = "intervention";
    pub const BATCH_RECORD_ENTRY: &str = "batch-record-entry";
    pub const BATCH_RECORD_CORRECTION: &str = "batch-record-correction";
    pub const ATTEMPT_ENDED: &str = "attempt-ended";
    pub const ATTEMPT_ABANDONED: &str = "attempt-abandoned";
    pub const CHECKPOINT_RECOVERED: &str = "checkpoint-recovered";
}

/// A trainee, as the training centre knows them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Trainee {
    /// The centre's id for the trainee (an employee or student number); what makes records
    /// attributable.
    pub id: String,
    pub name: String,
}

impl Trainee {
    /// A trainee from what was typed: both trimmed; None when either is empty.
    pub fn new(id: &str, name: &str) -> Option<Self> {
        let (id, name) = (id.trim(), name.trim());
        (!id.is_empty() && !name.is_empty()).then(|| Self { id: id.to_owned(), name: name.to_owned() })
    }
}

/// Who named the trainee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignedInBy {
    /// The trainee, at the menu.
    Menu,
    /// The command line (a script or a kiosk launcher).
    CommandLine,
    /// The learning system that launched the game (cmi5's actor).
    LearningSystem,
}

/// `signed-in`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignedIn {
    pub trainee: Trainee,
    pub by: SignedInBy,
    pub machine: String,
}

/// `attempt-started`: everything that makes the attempt's records attributable and the attempt
/// reproducible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptStarted {
    pub trainee: Trainee,
    pub level: String,
    pub level_version: u32,
    /// The level's title in English, for reports that outlive the level file.
    pub level_title: String,
    pub mode: Mode,
    /// The seed the level's random values are drawn with.
    pub seed: u64,
    pub machine: String,
    pub game_version: String,
    /// Played in a headset, or on the desktop.
    pub headset: bool,
    /// The learning system's registration, when it launched the game (cmi5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<String>,
}

/// `action` and `observation`: what the runner was given, with the level time. The runner is
/// deterministic, so these with the seed replay the attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Acted {
    pub time_s: f64,
    pub action: Action,
}

/// `observation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observed {
    pub time_s: f64,
    pub of: String,
    pub key: String,
    pub value: Value,
}

/// `position`: where the trainee's eyes were (on the floor plan, with the height and the way
/// they faced), sampled while they move, for the after-action review's path through the room.
/// The runner never reads it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Positioned {
    pub time_s: f64,
    /// Metres, in the cleanroom's frame (x east, z south, y up).
    pub x: f32,
    pub y: f32,
    pub z: f32,
    /// The way the trainee faced, in degrees about the vertical (0: towards −z, north).
    pub heading_deg: f32,
}

impl Positioned {
    /// Where eyes at `position` looking along `forward` (x, z on the floor plan) are at `time_s`.
    pub fn at(time_s: f64, position: [f32; 3], forward: [f32; 2]) -> Self {
        // 0° faces north (−z), 90° east (+x).
        let heading_deg = forward[0].atan2(-forward[1]).to_degrees().rem_euclid(360.0);
        Self { time_s, x: position[0], y: position[1], z: position[2], heading_deg }
    }

    /// The shorter turn from this heading to `other`'s, in degrees (−180 to 180).
    pub fn turn_to(&self, other: &Positioned) -> f32 {
        (other.heading_deg - self.heading_deg + 540.0).rem_euclid(360.0) - 180.0
    }
}

/// `batch-record-entry` and `batch-record-correction`: a station's entry, as the station made
/// it (a correction names the entry it corrects and why).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchRecorded {
    pub station: String,
    pub entry: RecordEntry,
}

/// `attempt-ended`: the debrief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptEnded {
    pub report: Report,
}

/// Why an attempt ended without a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AbandonedBecause {
    /// The trainee went back to the menu.
    LeftToMenu,
    /// The game was closed.
    GameClosed,
    /// The level's file was edited while it was played: the attempt starts over.
    LevelEdited,
    /// The instructor restarted the level: a fresh attempt follows.
    RestartedByInstructor,
    /// The game stopped without saying so (a crash, a `kill -9`, power lost): found at the
    /// next start.
    Interrupted,
}

/// `attempt-abandoned`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptAbandoned {
    pub because: AbandonedBecause,
}

/// One record as the game hands it to the recorder: its kind, its attempt and its JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRecord {
    /// When it happened (RFC 3339 UTC).
    pub at: String,
    pub kind: &'static str,
    pub attempt: Option<String>,
    pub body: String,
}

impl NewRecord {
    /// A record of `body`, timestamped now.
    pub fn new(kind: &'static str, attempt: Option<&str>, body: &impl Serialize) -> Self {
        Self { at: super::outbox::now(), kind, attempt: attempt.map(str::to_owned), body: to_json(body) }
    }

    pub fn signed_in(signed_in: &SignedIn) -> Self {
        Self::new(kind::SIGNED_IN, None, signed_in)
    }

    pub fn attempt_started(attempt: &str, started: &AttemptStarted) -> Self {
        Self::new(kind::ATTEMPT_STARTED, Some(attempt), started)
    }

    pub fn action(attempt: &str, time_s: f64, action: &Action) -> Self {
        Self::new(kind::ACTION, Some(attempt), &Acted { time_s, action: action.clone() })
    }

    pub fn observation(attempt: &str, observed: &Observed) -> Self {
        Self::new(kind::OBSERVATION, Some(attempt), observed)
    }

    /// What the runner said: each kind of event is its own kind of record, its body the event.
    pub fn runner_event(attempt: &str, event: &RunnerEvent) -> Self {
        Self::new(runner_event_kind(event), Some(attempt), event)
    }

    pub fn position(attempt: &str, positioned: &Positioned) -> Self {
        Self::new(kind::POSITION, Some(attempt), positioned)
    }

    pub fn batch_record(attempt: Option<&str>, recorded: &BatchRecorded) -> Self {
        let kind =
            if recorded.entry.corrects.is_some() { kind::BATCH_RECORD_CORRECTION } else { kind::BATCH_RECORD_ENTRY };
        Self::new(kind, attempt, recorded)
    }

    pub fn attempt_ended(attempt: &str, report: &Report) -> Self {
        Self::new(kind::ATTEMPT_ENDED, Some(attempt), &AttemptEnded { report: report.clone() })
    }

    pub fn attempt_abandoned(attempt: &str, because: AbandonedBecause) -> Self {
        Self::new(kind::ATTEMPT_ABANDONED, Some(attempt), &AttemptAbandoned { because })
    }
}

/// The record kind of a runner event.
pub fn runner_event_kind(event: &RunnerEvent) -> &'static str {
    match event {
        RunnerEvent::StepStarted { .. } => kind::STEP_STARTED,
        RunnerEvent::StepCompleted { .. } => kind::STEP_COMPLETED,
        RunnerEvent::Hint { .. } => kind::HINT,
        RunnerEvent::DeviationRecorded(_) => kind::DEVIATION,
        RunnerEvent::EntryVerified { .. } => kind::ENTRY_VERIFIED,
        RunnerEvent::EventInjected { .. } => kind::EVENT_INJECTED,
        RunnerEvent::EventResolved { .. } => kind::EVENT_RESOLVED,
        RunnerEvent::LevelPassed { .. } => kind::LEVEL_PASSED,
        RunnerEvent::LevelFailed { .. } => kind::LEVEL_FAILED,
        RunnerEvent::Intervened(_) => kind::INTERVENTION,
    }
}

/// A body as JSON. The bodies are the game's own types, which always serialise; a number
/// JSON cannot hold (NaN) is written as null by serde_json's rules.
fn to_json(body: &impl Serialize) -> String {
    serde_json::to_string(body).unwrap_or_else(|error| format!(r#"{{"unserialisable":"{error}"}}"#))
}

/// A new attempt's id: a random UUID (version 4), so that ids from many machines never clash
/// and can name the attempt's xAPI registration-free statements too.
pub fn new_attempt_id() -> String {
    random_uuid()
}

/// A random UUID, version 4, in its lower-case hyphenated form.
pub fn random_uuid() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No system randomness: the clock, hashed, still gives an id unique to this moment.
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        bytes.copy_from_slice(&nanos.to_le_bytes());
    }
    uuid::Builder::from_random_bytes(bytes).into_uuid().hyphenated().to_string()
}

/// The machine's name, for the records (the host name; "unknown" without one).
pub fn machine_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "unknown".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trainee_needs_an_id_and_a_name() {
        assert_eq!(Trainee::new(" 1024 ", " Kim Mina "), Some(Trainee { id: "1024".into(), name: "Kim Mina".into() }));
        assert_eq!(Trainee::new("", "Kim Mina"), None);
        assert_eq!(Trainee::new("1024", "  "), None);
    }

    #[test]
    fn attempt_ids_are_version_4_uuids_and_differ() {
        let (a, b) = (new_attempt_id(), new_attempt_id());
        assert_ne!(a, b);
        let parsed = uuid::Uuid::parse_str(&a).unwrap();
        assert_eq!(parsed.get_version_num(), 4);
        assert_eq!(a, a.to_lowercase());
    }

    #[test]
    fn a_correction_is_its_own_kind_of_record() {
        let entry = RecordEntry {
            id: 3,
            time_h: 1.5,
            operator: "1024".into(),
            kind: crate::stations::batch_record::EntryKind::Correction,
            value: Value::Number(2.0),
            text: crate::common::Text::new("Feed rate", "배지 속도"),
            corrects: Some(1),
            reason: Some("transcription error".into()),
        };
        let record = NewRecord::batch_record(Some("a"), &BatchRecorded { station: "bioreactor".into(), entry });
        assert_eq!(record.kind, kind::BATCH_RECORD_CORRECTION);
        let body: BatchRecorded = serde_json::from_str(&record.body).unwrap();
        assert_eq!(body.entry.reason.as_deref(), Some("transcription error"));
    }
}
