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

pub mod apheresis;
pub mod batch_record;
pub mod batch_review;
pub mod bioreactor;
pub mod desk;
pub mod environmental_monitoring;
pub mod fill_finish;
pub mod keypad;
pub mod material_transfer;
pub mod pace;
pub mod practice_bench;
pub mod qc_release;
pub mod screen;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::common::{Text, Value};
use crate::level::Action;
use batch_record::{BatchRecord, RecordEntry};
use screen::ScreenView;

/// Every station that has a model, in the order the game lists them.
pub const STATIONS: &[StationSpec] = &[
    bioreactor::SPEC,
    apheresis::SPEC,
    fill_finish::SPEC,
    batch_review::SPEC,
    qc_release::SPEC,
    practice_bench::SPEC,
    environmental_monitoring::SPEC,
    material_transfer::SPEC,
];

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
    /// Events a level may inject into it (its alarms and incidents).
    pub events: &'static [&'static str],
    /// Settings a level gives its model (`settings` of a `Station`): instructor-set values such
    /// as the donor's figures.
    pub settings: &'static [SettingSpec],
    /// A fresh station whose batch-record entries name `operator`.
    pub new: fn(operator: &str) -> Box<dyn StationModel>,
}

/// A setting a level may give a station's model, and the values it takes.
#[derive(Debug, Clone, Copy)]
pub struct SettingSpec {
    pub key: &'static str,
    pub kind: SettingKind,
    /// What it is, with its unit, for the checker's help.
    pub about: &'static str,
}

/// The values a setting takes.
#[derive(Debug, Clone, Copy)]
pub enum SettingKind {
    /// A number within a range (inclusive).
    Number { min: f64, max: f64 },
    /// One of these choices.
    Choice(&'static [&'static str]),
    /// An ISBT 128 Donation Identification Number, as printed (`Choice("G123 498 654 321")`),
    /// with or without its check character.
    Din,
    /// A date, `Choice("2026-12-01")`.
    Date,
}

impl SettingSpec {
    /// A number setting from `min` to `max`.
    pub const fn number(key: &'static str, min: f64, max: f64, about: &'static str) -> Self {
        SettingSpec { key, kind: SettingKind::Number { min, max }, about }
    }

    /// Whether `value` is one this setting takes.
    pub fn accepts(&self, value: &Value) -> bool {
        match (self.kind, value) {
            (SettingKind::Number { min, max }, Value::Number(n)) => n.is_finite() && *n >= min && *n <= max,
            (SettingKind::Choice(choices), Value::Choice(c)) => choices.contains(&c.as_str()),
            (SettingKind::Din, Value::Choice(c)) => crate::isbt128::Din::parse(c).is_ok(),
            (SettingKind::Date, Value::Choice(c)) => crate::isbt128::Date::parse(c).is_some(),
            _ => false,
        }
    }

    /// The values it takes, in words.
    pub fn range(&self) -> String {
        match self.kind {
            SettingKind::Number { min, max } => format!("a Number from {min} to {max}"),
            SettingKind::Choice(choices) => {
                let choices: Vec<String> = choices.iter().map(|c| format!("Choice(\"{c}\")")).collect();
                format!("one of {}", choices.join(", "))
            }
            SettingKind::Din => "a DIN as printed, such as Choice(\"G123 498 654 321\")".into(),
            SettingKind::Date => "a date, such as Choice(\"2026-12-01\")".into(),
        }
    }
}

/// One station's model as the game and the checker see it.
pub trait StationModel: std::fmt::Debug + Send + Sync {
    /// Applies one of the trainee's semantic actions. Actions about other things come back
    /// with `handled` false and change nothing.
    fn act(&mut self, action: &Action) -> Outcome;

    /// Makes happen what a level injects as `event` (an alarm); events the station does not
    /// know come back with `handled` false. Stations with no events know none.
    fn inject(&mut self, _event: &str) -> Outcome {
        Outcome::default()
    }

    /// Every observation key with its value now, for the procedure runner.
    fn observations(&self) -> Vec<(&'static str, Value)>;

    /// What the touchscreen shows now.
    fn screen(&self) -> ScreenView;

    /// The station's own batch record.
    fn batch_record(&self) -> &BatchRecord;

    /// The station's lines (tubes of its set) and how each stands, for the world to draw.
    /// Stations without tubing have none.
    fn lines(&self) -> Vec<Line> {
        Vec::new()
    }

    /// The value each numeric setting holds now, by control id (a knob shows it). Stations
    /// without knobs have none.
    fn settings(&self) -> Vec<(&'static str, f64)> {
        Vec::new()
    }

    /// Starts the model afresh with a level's settings (already checked against the spec's
    /// `settings`). Stations without settings ignore them.
    fn configure(&mut self, _settings: &BTreeMap<String, Value>) {}

    /// Lets `real_seconds` of play pass; the station decides how much simulated time that is
    /// (a machine running an automated process may run faster than life). The outcome is
    /// `handled` when the model moved, so that only then is it drawn and reported again.
    fn tick(&mut self, _real_seconds: f64) -> Outcome {
        Outcome::default()
    }

    /// The station's moving parts and whether each is on (a door open, a line seated in its
    /// pump), by the model's id for the part, for the world to draw in one pose or the other.
    fn parts(&self) -> Vec<(&'static str, bool)> {
        Vec::new()
    }

    /// Texts the world shows beside the station, by the id of the object that shows them (a
    /// donor's work-up sheet, what the donor says).
    fn texts(&self) -> Vec<(&'static str, Text)> {
        Vec::new()
    }

    /// Levels between empty (0) and full (1) of the station's vessels (a bag filling), by the
    /// model's id for each, for the world to draw.
    fn levels(&self) -> Vec<(&'static str, f64)> {
        Vec::new()
    }

    /// The products the station has made and can hand on (a sealed, labelled bag), each with
    /// the world item that carries it.
    fn products(&self) -> Vec<Product> {
        Vec::new()
    }

    /// How the room stands now, as the world sees it (the trainee's movement, open doors, hands
    /// in the cabinet), for stations that monitor it. Called every frame before `tick`.
    fn observe_room(&mut self, _room: &RoomConditions) {}

    /// Another station's product is being handed to this one (the next action places its bag
    /// here): the station takes in its identity and contents. Stations that take no products
    /// ignore it.
    fn receive(&mut self, _product: &Product) {}
}

/// What the world tells the stations of the processing room each frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoomConditions {
    /// The trainee stands in the Grade B processing room.
    pub in_processing_room: bool,
    /// How fast the trainee walks, m/s (a teleport is not walking).
    pub walking_speed_m_s: f64,
    /// How fast the fastest hand inside the Grade A cabinet moves, m/s (0 with none inside).
    pub hand_speed_m_s: f64,
    /// Doors of the processing room standing open (the airlock's inner door).
    pub doors_open: u32,
    /// A hand is inside the Grade A cabinet's work opening.
    pub hand_in_cabinet: bool,
    /// The level id of the placed object directly under a hand, if any (an open plate).
    pub hand_over: Option<String>,
}

/// A product one station hands to the next: the bag that carries it, its identity and what it
/// holds. The identity travels with it (the chain of identity, domain.md §6.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Product {
    /// The world item (the bag) that carries it.
    pub item: String,
    /// The Donation Identification Number on its label, as printed with its check character.
    pub din: String,
    /// What it is, for records and screens.
    pub description: Text,
    /// Nucleated cells it holds.
    pub cells: f64,
    /// Viable share of them, 0..1.
    pub viability: f64,
    pub volume_ml: f64,
    /// Microorganisms got in on its way (an open connection): a sterility test grows them.
    #[serde(default)]
    pub contaminated: bool,
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

impl Outcome {
    /// A handled action the station refused, with its reason.
    pub fn refused(code: &str, en: &str, ko: &str) -> Self {
        Outcome {
            handled: true,
            refusals: vec![Refusal { code: code.into(), reason: Text::new(en, ko) }],
            notes: Vec::new(),
        }
    }
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
