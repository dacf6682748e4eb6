//! Station models: each station's state machine and process model, free of Bevy, behind one
//! interface (`StationModel`) that the game, the level checker and the tests use alike.
//!
//! A station declares what a level may name of it (`StationSpec`): its controls, the
//! observation keys it reports and the events a level may inject into it. It takes the
//! trainee's semantic actions and answers each with an `Outcome`: whether it concerned the
//! station, what it refused and why (in words the trainee reads), and the batch-record entries
//! it made. It says what its touchscreen shows (`screen::ScreenView`) and how its lines stand,
//! so the world draws the model rather than keeping a copy of its state.
//!
//! Adding a station: a folder under `stations/` with its model implementing `StationModel`,
//! and one line in `STATIONS`.

pub mod batch_record;
pub mod bioreactor;
pub mod screen;

use serde::{Deserialize, Serialize};

use crate::common::{Text, Value};
use crate::level::Action;
use batch_record::{BatchRecord, RecordEntry};
use screen::ScreenView;

/// Every station that has a model, in the order the game lists them.
pub const STATIONS: &[StationSpec] = &[bioreactor::SPEC];

/// The station with a model whose id is `id`.
pub fn spec(id: &str) -> Option<&'static StationSpec> {
    STATIONS.iter().find(|spec| spec.id == id)
}

/// What a station declares to level authors, and how to make one.
#[derive(Debug, Clone, Copy)]
pub struct StationSpec {
    /// The id levels name it by (a `Station` in a level's setup, `of` in a state condition).
    pub id: &'static str,
    /// Controls a level may declare for it: touchscreen buttons and settings, knobs.
    pub controls: &'static [&'static str],
    /// Keys of the values it reports to the procedure runner.
    pub observation_keys: &'static [&'static str],
    /// A fresh station whose batch-record entries name `operator`.
    pub new: fn(operator: &str) -> Box<dyn StationModel>,
}

/// One station's model as the game and the checker see it.
pub trait StationModel: std::fmt::Debug + Send + Sync {
    /// Applies one of the trainee's semantic actions. Actions about other things come back
    /// with `handled` false and change nothing.
    fn act(&mut self, action: &Action) -> Outcome;

    /// Makes happen what a level injects as `event` (an alarm); events the station does not
    /// know come back with `handled` false.
    fn inject(&mut self, event: &str) -> Outcome;

    /// Every observation key with its value now, for the procedure runner.
    fn observations(&self) -> Vec<(&'static str, Value)>;

    /// What the touchscreen shows now.
    fn screen(&self) -> ScreenView;

    /// The station's own batch record.
    fn batch_record(&self) -> &BatchRecord;

    /// The station's lines (tubes of its set) and how each stands, for the world to draw.
    fn lines(&self) -> Vec<Line>;

    /// The value each numeric setting holds now, by control id (a knob shows it).
    fn settings(&self) -> Vec<(&'static str, f64)>;
}

/// What one action or injected event did at a station.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// Whether it concerned this station at all.
    pub handled: bool,
    /// What the station did not carry out, and why.
    pub refusals: Vec<Refusal>,
    /// The batch-record entries it made, in order (alarms, deviations and the like among them).
    pub notes: Vec<RecordEntry>,
}

/// An operation a station did not carry out, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    /// A stable id of the kind of refusal, for tests and records (`missing_step:prime`).
    pub code: String,
    /// The reason, in words the trainee reads.
    pub reason: Text,
}

/// One of a station's lines as the world draws it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// The level id of the line's free end (`set_media_line`).
    pub id: String,
    /// The object the line is joined to now (welded, connected or sealed but not separated).
    pub joined_to: Option<String>,
    /// The line's clamp and whether it is open.
    pub clamp: Option<(String, bool)>,
}
