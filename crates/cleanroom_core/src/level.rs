//! The level file format: the data an instructor writes in `levels/<id>.level.ron`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::common::{Text, Value};

/// One training level: metadata, the room as it starts, the steps, the rules, the injected
/// events, how it is scored and the path an expert takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Snake-case id; the file is `levels/<id>.level.ron`.
    pub id: String,
    /// Revision of this level, raised whenever its content changes.
    #[serde(default = "default_version")]
    pub version: u32,
    pub title: Text,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub estimated_minutes: u32,
    /// What the trainee should be able to do afterwards.
    #[serde(default)]
    pub objectives: Vec<Text>,
    /// Ids of levels to complete first.
    #[serde(default)]
    pub prerequisites: Vec<String>,
    #[serde(default)]
    pub setup: Setup,
    pub steps: Vec<Step>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub events: Vec<InjectedEvent>,
    #[serde(default)]
    pub scoring: Scoring,
    /// What an expert does, with timestamps; the checker replays it in both modes.
    #[serde(default)]
    pub golden_path: Vec<GoldenEntry>,
    /// Named values that conditions, rules and texts refer to (a glove-print limit of 5 CFU),
    /// so the number is written once and the checker knows what it means.
    #[serde(default)]
    pub parameters: BTreeMap<String, Parameter>,
    /// Properties drawn at random when the level starts (where a planted item lies), the
    /// same for the same seed.
    #[serde(default)]
    pub random: Vec<RandomValue>,
    /// The seed for `random`; without one, the game draws a seed per attempt (and records it).
    #[serde(default)]
    pub seed: Option<u64>,
    /// Paths that must go wrong in a known way; the checker replays each in both modes.
    #[serde(default)]
    pub wrong_paths: Vec<WrongPath>,
}

impl Level {
    /// A step's instruction in `language` (as the debrief, the instructor and the review show a
    /// step), or its id when the level has no such step.
    pub fn instruction_of(&self, step: &str, language: &str) -> String {
        self.steps
            .iter()
            .find(|candidate| candidate.id == step)
            .map_or_else(|| step.to_owned(), |found| found.instruction.get(language).to_owned())
    }
}

/// A named value of a level: its number, its unit and what it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    pub value: f64,
    #[serde(default)]
    pub unit: String,
    /// What the value is, for the instructor reading the file and the debrief.
    #[serde(default)]
    pub about: Option<Text>,
}

/// A number written in a level: a literal, or the name of one of the level's parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Quantity {
    Number(f64),
    Parameter(String),
}

impl Quantity {
    /// The number, once parameters are resolved (None for a parameter still named).
    pub fn number(&self) -> Option<f64> {
        match self {
            Quantity::Number(n) => Some(*n),
            Quantity::Parameter(_) => None,
        }
    }
}

impl From<f64> for Quantity {
    fn from(number: f64) -> Self {
        Quantity::Number(number)
    }
}

/// A property drawn at random when the level starts; written `Random(...)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Random")]
pub struct RandomValue {
    /// The zone, station or object, and the property of its `state` that is drawn.
    pub of: String,
    pub key: String,
    pub pick: Pick,
}

/// How a random value is drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Pick {
    /// One of these values, each as likely.
    OneOf(Vec<Value>),
    /// A number from `min` to `max`, in steps of `step` (0: any number).
    Between {
        min: f64,
        max: f64,
        #[serde(default)]
        step: f64,
    },
}

/// A path that must go wrong: the golden path with some entries taken out and others put
/// in (or a whole path of its own), and what it must cause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrongPath {
    pub id: String,
    /// What goes wrong, in a sentence.
    #[serde(default)]
    pub description: Option<Text>,
    /// Golden-path actions matching these are left out.
    #[serde(default)]
    pub remove: Vec<ActionPattern>,
    /// Entries put in, in time order with the rest.
    #[serde(default)]
    pub add: Vec<GoldenEntry>,
    /// A whole path instead of the golden path changed (then `remove` and `add` stay empty).
    #[serde(default)]
    pub path: Option<Vec<GoldenEntry>>,
    /// The seed to replay it with, for a level with random values.
    #[serde(default)]
    pub seed: Option<u64>,
    pub expect: WrongPathExpect,
}

/// What a wrong path must cause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrongPathExpect {
    /// Deviations it must record, by rule, step (time limit) or event (missed) id.
    #[serde(default)]
    pub deviations: Vec<String>,
    /// Whether the level still passes (a minor slip); by default it must fail.
    #[serde(default)]
    pub passes: bool,
}

fn default_version() -> u32 {
    1
}

/// The zones and stations present when the level starts, and everything in them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setup {
    #[serde(default)]
    pub zones: Vec<Zone>,
    #[serde(default)]
    pub stations: Vec<Station>,
}

/// A room or area of the facility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    pub id: String,
    /// Cleanroom grade (EU GMP Annex 1), where the zone has one.
    #[serde(default)]
    pub grade: Option<Grade>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Named properties the world reports for this zone, with their starting values.
    #[serde(default)]
    pub state: BTreeMap<String, Value>,
    #[serde(default)]
    pub objects: Vec<Object>,
    #[serde(default)]
    pub controls: Vec<Control>,
}

/// EU GMP Annex 1 cleanroom grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
    Unclassified,
}

/// A piece of equipment (bioreactor, apheresis, fill-and-finish, tube welder...) in a zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Station {
    pub id: String,
    /// The zone the station stands in.
    pub zone: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Named properties the station model reports, with their starting values.
    #[serde(default)]
    pub state: BTreeMap<String, Value>,
    /// Values the station's model starts with, set by the instructor (the apheresis donor's
    /// figures, a run's defaults); only the keys the model takes (`cleanroom check` lists them).
    #[serde(default)]
    pub settings: BTreeMap<String, Value>,
    #[serde(default)]
    pub objects: Vec<Object>,
    #[serde(default)]
    pub controls: Vec<Control>,
}

/// Something the trainee can see or handle: a bag, a garment, a tube, a surface, a record entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Object {
    pub id: String,
    pub kind: ObjectKind,
    /// Free labels that rules can match with `"#tag"` (e.g. `non_sterile`).
    #[serde(default)]
    pub tags: Vec<String>,
    /// Named properties and their starting values (e.g. `"packaging": Choice("intact")`).
    /// `"location": Choice("work_bench")` says where an item lies: the runner follows it
    /// through `Place` actions and the world puts the item there when the level starts.
    #[serde(default)]
    pub state: BTreeMap<String, Value>,
    /// What the trainee reads for it: an entry's title on the batch record terminal.
    #[serde(default)]
    pub title: Option<Text>,
    /// For an entry that records a value (`Record`): what it takes (a number in a range,
    /// one of some options, a switch, free text).
    #[serde(default)]
    pub records: Option<ControlKind>,
    /// For an entry a second person verifies once it is signed (QA, a second operator).
    #[serde(default)]
    pub verify: Option<Verification>,
}

/// The state key of an entry a second person verifies: whether they have.
pub const VERIFIED: &str = "verified";

/// A second person's verification of a signed entry. A while after the signature the verifier
/// checks the area and the record (`checks`, state conditions only): the entry's `verified`
/// state becomes true, or it stays false and the verifier says why; signing again after
/// putting things right asks for a new verification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    /// Who verifies, as the trainee reads it ("QA", "a second operator").
    pub by: Text,
    /// Seconds after the signature that the verifier checks.
    #[serde(default = "default_verify_after_s")]
    pub after_s: f64,
    /// What the verifier checks: `State` conditions, combined with `AllOf` and `AnyOf`.
    pub checks: Condition,
    /// What the verifier says when everything checks.
    pub verified: Text,
    /// What the verifier says when a check fails.
    pub refused: Text,
}

fn default_verify_after_s() -> f64 {
    20.0
}

/// What sort of object it is; decides which actions may name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ObjectKind {
    /// A movable thing: bag, single-use set, plate, document, wipe.
    Item,
    /// Something worn: gloves, hood, coverall.
    Garment,
    /// A length of tubing that can be welded or sealed.
    Tube,
    /// A clamp on a tube.
    Clamp,
    /// A surface that can be touched or sanitised: bench, wall, door handle.
    Surface,
    /// A line of the batch record or a checklist that is signed.
    Entry,
    /// A sampling port.
    Port,
    /// A sanitiser or wipe dispenser.
    Dispenser,
    /// A hand-wash sink.
    Sink,
}

impl ObjectKind {
    /// Lower-case English name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            ObjectKind::Item => "item",
            ObjectKind::Garment => "garment",
            ObjectKind::Tube => "tube",
            ObjectKind::Clamp => "clamp",
            ObjectKind::Surface => "surface",
            ObjectKind::Entry => "entry",
            ObjectKind::Port => "port",
            ObjectKind::Dispenser => "dispenser",
            ObjectKind::Sink => "sink",
        }
    }
}

/// A button, switch or setting on a station's panel or in a zone (a door button).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    pub id: String,
    pub kind: ControlKind,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// How a control is operated and which values it accepts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum ControlKind {
    /// Pressed (`Press`).
    Button,
    /// On/off (`Press` toggles it, `Set` gives a `Flag`).
    Switch,
    /// A number between `min` and `max` (`Set` gives a `Number`).
    Number {
        min: f64,
        max: f64,
        #[serde(default)]
        unit: String,
    },
    /// One of the listed options (`Set` gives a `Choice`).
    Choice(Vec<String>),
    /// Free text (a batch-record entry's reason or donor id, `Record` gives a `Text`).
    Text,
}

/// One thing the trainee must do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    /// What the trainee is told to do.
    pub instruction: Text,
    /// What completes the step.
    pub done_when: Condition,
    /// Optional steps never block the level and earn no points.
    #[serde(default = "default_true")]
    pub required: bool,
    /// Consecutive steps with the same group may be done in any order.
    #[serde(default)]
    pub group: Option<String>,
    /// Explicit prerequisites; replaces "after the step before". `after: []` means from the start.
    #[serde(default)]
    pub after: Option<Vec<String>>,
    /// Weight of the step in the score (the weights are scaled so all required steps make 100).
    #[serde(default = "default_points")]
    pub points: f64,
    #[serde(default)]
    pub time_limit: Option<TimeLimit>,
    /// Extra help shown in guided mode when the step starts.
    #[serde(default)]
    pub hint: Option<Text>,
    /// Ids the world highlights in guided mode while the step is current.
    #[serde(default)]
    pub highlight: Vec<String>,
    /// Why the step matters, for the debrief: what GMP or the equipment asks and what goes wrong
    /// without it.
    #[serde(default)]
    pub why: Option<Text>,
}

fn default_true() -> bool {
    true
}

fn default_points() -> f64 {
    1.0
}

/// A step that stays current longer than `seconds` records a deviation (once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeLimit {
    pub seconds: f64,
    pub points: f64,
    #[serde(default = "default_minor")]
    pub severity: Severity,
    /// Shown in the debrief; a generic sentence when left out.
    #[serde(default)]
    pub explanation: Option<Text>,
}

fn default_minor() -> Severity {
    Severity::Minor
}

/// What must happen, built from actions and station states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Condition {
    /// The trainee does an action matching the pattern (while the step is current).
    Do(ActionPattern),
    /// The latest value reported for `of`/`key` (a station, zone or object property) fits `is`.
    State { of: String, key: String, is: Expect },
    /// Every part, in any order.
    AllOf(Vec<Condition>),
    /// At least one part.
    AnyOf(Vec<Condition>),
}

/// What a value must be: exactly a value, or a number within a tolerance. Numbers may name
/// one of the level's parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Expect {
    /// Any value at all.
    #[default]
    Any,
    /// Exactly this value.
    Is(Value),
    /// A number from `min` to `max`, both included.
    Between { min: Quantity, max: Quantity },
    /// A number within `tolerance` of `target`.
    Near { target: Quantity, tolerance: Quantity },
    /// A number at least this.
    AtLeast(Quantity),
    /// A number at most this.
    AtMost(Quantity),
}

/// Tolerance for comparing numbers that were written in a file or measured by a station.
const NUMBER_EPSILON: f64 = 1e-9;

impl Expect {
    /// Whether `value` fits. A bound that still names a parameter accepts nothing: the
    /// runner resolves parameters first.
    pub fn accepts(&self, value: &Value) -> bool {
        let number = |q: &Quantity| q.number().unwrap_or(f64::NAN);
        match (self, value) {
            (Expect::Any, _) => true,
            (Expect::Is(Value::Number(a)), Value::Number(b)) => (a - b).abs() <= NUMBER_EPSILON,
            (Expect::Is(expected), actual) => expected == actual,
            (Expect::Between { min, max }, Value::Number(n)) => {
                *n >= number(min) - NUMBER_EPSILON && *n <= number(max) + NUMBER_EPSILON
            }
            (Expect::Near { target, tolerance }, Value::Number(n)) => {
                (n - number(target)).abs() <= number(tolerance) + NUMBER_EPSILON
            }
            (Expect::AtLeast(min), Value::Number(n)) => *n >= number(min) - NUMBER_EPSILON,
            (Expect::AtMost(max), Value::Number(n)) => *n <= number(max) + NUMBER_EPSILON,
            _ => false,
        }
    }

    /// The closed interval of numbers this accepts, if it only accepts numbers and its bounds
    /// are numbers.
    pub fn number_interval(&self) -> Option<(f64, f64)> {
        match self {
            Expect::Is(Value::Number(n)) => Some((*n, *n)),
            Expect::Between { min, max } => Some((min.number()?, max.number()?)),
            Expect::Near { target, tolerance } => {
                let (target, tolerance) = (target.number()?, tolerance.number()?);
                Some((target - tolerance, target + tolerance))
            }
            Expect::AtLeast(min) => Some((min.number()?, f64::INFINITY)),
            Expect::AtMost(max) => Some((f64::NEG_INFINITY, max.number()?)),
            Expect::Any | Expect::Is(_) => None,
        }
    }

    /// Every number it is written with, parameters included.
    pub fn quantities(&self) -> Vec<&Quantity> {
        match self {
            Expect::Between { min, max } => vec![min, max],
            Expect::Near { target, tolerance } => vec![target, tolerance],
            Expect::AtLeast(q) | Expect::AtMost(q) => vec![q],
            Expect::Any | Expect::Is(_) => Vec::new(),
        }
    }

    pub fn quantities_mut(&mut self) -> Vec<&mut Quantity> {
        match self {
            Expect::Between { min, max } => vec![min, max],
            Expect::Near { target, tolerance } => vec![target, tolerance],
            Expect::AtLeast(q) | Expect::AtMost(q) => vec![q],
            Expect::Any | Expect::Is(_) => Vec::new(),
        }
    }
}

/// A semantic action the trainee performs; the world builds these, the runner judges them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Action {
    Grab {
        item: String,
    },
    /// Put `item` on or into `target` (any object, station or zone).
    Place {
        item: String,
        target: String,
    },
    Press {
        control: String,
    },
    Set {
        control: String,
        value: Value,
    },
    /// Join two tubes/bags. `SterileWeld` unless said otherwise.
    Connect {
        a: String,
        b: String,
        #[serde(default)]
        method: ConnectMethod,
    },
    /// Heat-seal a tube.
    Seal {
        tube: String,
    },
    OpenClamp {
        clamp: String,
    },
    CloseClamp {
        clamp: String,
    },
    Wear {
        garment: String,
    },
    TakeOff {
        garment: String,
    },
    Discard {
        item: String,
    },
    /// Wash or sanitise hands, gloves or a surface, `with` a sink, dispenser or wipe.
    Sanitise {
        target: SanitiseTarget,
        #[serde(default)]
        with: Option<String>,
    },
    Touch {
        surface: String,
    },
    /// Press a sampling plate held in the hand flat onto `surface` for `seconds` (a contact
    /// plate); `slid` when it moved sideways while pressed.
    Contact {
        item: String,
        surface: String,
        seconds: f64,
        #[serde(default)]
        slid: bool,
    },
    /// Walk (or, in a headset, teleport) onto a marked place on the floor: a floor mark, the
    /// spot in front of a station.
    Reach {
        place: String,
    },
    Sign {
        entry: String,
    },
    /// Enter a value in a batch-record entry (a count, a temperature, a donor id, a reason).
    Record {
        entry: String,
        value: Value,
    },
    Inspect {
        object: String,
    },
    TakeSample {
        port: String,
    },
    /// The trainee deliberately waits (e.g. for sanitiser to dry).
    Wait {
        seconds: f64,
    },
}

/// How two lines are joined.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConnectMethod {
    /// Sterile tube welding: keeps the system closed.
    #[default]
    SterileWeld,
    /// Spike, Luer or any open connection: opens the system.
    Open,
    /// A Luer-lock connection of a set's line to a donor's or patient's venous access (a
    /// needle or catheter), made aseptically at the point of care. Between bags it would open
    /// the system; a bag station treats it as `Open`.
    Luer,
}

/// What is sanitised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SanitiseTarget {
    Hands,
    Gloves,
    /// A surface or object by id (in a pattern: an id, `"#tag"` or `"*"`).
    Surface(String),
}

/// A description of actions, used by steps, rules and events. Every id field takes an id,
/// `"#tag"` (any object with that tag) or `"*"` (anything); optional fields match anything
/// when left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum ActionPattern {
    Grab {
        item: String,
    },
    Place {
        item: String,
        #[serde(default = "any_id")]
        target: String,
    },
    Press {
        control: String,
    },
    Set {
        control: String,
        #[serde(default)]
        to: Expect,
    },
    /// Matches either way round (`a`/`b` swapped).
    Connect {
        a: String,
        b: String,
        #[serde(default)]
        method: Option<ConnectMethod>,
    },
    Seal {
        tube: String,
    },
    OpenClamp {
        clamp: String,
    },
    CloseClamp {
        clamp: String,
    },
    Wear {
        garment: String,
    },
    TakeOff {
        garment: String,
    },
    Discard {
        item: String,
    },
    Sanitise {
        #[serde(default)]
        target: Option<SanitiseTarget>,
        #[serde(default)]
        with: Option<String>,
    },
    Touch {
        surface: String,
    },
    /// A plate pressed onto a surface (any surface unless named), for as long as it was held.
    Contact {
        item: String,
        #[serde(default = "any_id")]
        surface: String,
    },
    Reach {
        place: String,
    },
    Sign {
        entry: String,
    },
    /// A value entered in an entry, fitting `value`.
    Record {
        entry: String,
        #[serde(default)]
        value: Expect,
    },
    Inspect {
        object: String,
    },
    TakeSample {
        port: String,
    },
    /// A wait of at least `seconds`.
    Wait {
        #[serde(default)]
        seconds: f64,
    },
}

/// The pattern id that matches anything.
pub const ANY_ID: &str = "*";

fn any_id() -> String {
    ANY_ID.to_owned()
}

/// How bad a deviation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    Minor,
    Major,
    /// Fails the level when `scoring.fail_on_critical` is on (the default).
    Critical,
}

/// Something that must not happen, anywhere in the level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub when: RuleTrigger,
    pub severity: Severity,
    /// Points taken off the score.
    pub points: f64,
    /// Why it matters; shown in the debrief.
    pub explanation: Text,
    /// The rule only applies once this step is complete.
    #[serde(default)]
    pub from_step: Option<String>,
    /// The rule stops applying once this step is complete.
    #[serde(default)]
    pub until_step: Option<String>,
    /// Record every occurrence instead of only the first.
    #[serde(default)]
    pub repeat: bool,
}

/// What breaks a rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum RuleTrigger {
    /// Doing this action.
    Action(ActionPattern),
    /// Doing `first`, then later `then`, with none of `unless` in between.
    Sequence {
        first: ActionPattern,
        then: ActionPattern,
        #[serde(default)]
        unless: Vec<ActionPattern>,
    },
    /// A station, zone or object property reported with a value that fits `is`.
    State { of: String, key: String, is: Expect },
    /// Doing this action while a property fits `is` (signing line clearance while another
    /// batch's bag is still on the bench).
    While { action: ActionPattern, of: String, key: String, is: Expect },
    /// At a moment (a step done, the level's end), a property still fits `is` (something
    /// left behind).
    StateAt { at: Moment, of: String, key: String, is: Expect },
    /// An action not done by a moment (an item never labelled before the hand-off).
    Never { action: ActionPattern, by: Moment },
    /// Too long (`at_most`) or too short (`at_least`) from one moment to the next: exposure
    /// over 4 h, contact under 10 s. Time counts from the latest `from`; past `at_most`
    /// without `to`, the rule breaks then.
    TimeBetween {
        from: Moment,
        to: Moment,
        #[serde(default)]
        at_most: Option<Quantity>,
        #[serde(default)]
        at_least: Option<Quantity>,
    },
}

/// A moment in a run that rules measure from or check at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Moment {
    /// The level starts.
    Start,
    /// The level ends.
    End,
    /// A step is completed.
    Step(String),
    /// An injected event happens.
    Event(String),
    /// An action matching this is done.
    Action(ActionPattern),
}

/// A disturbance the level injects (an alarm, a torn glove, a failed seal) and the response
/// it expects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InjectedEvent {
    pub id: String,
    pub trigger: EventTrigger,
    /// What the trainee is told or sees.
    pub message: Text,
    /// The expected response, done after the event appears.
    pub respond: Condition,
    /// Seconds allowed for the response.
    pub deadline_s: f64,
    /// Recorded when the deadline passes without the response.
    pub severity: Severity,
    pub points: f64,
    pub explanation: Text,
    #[serde(default)]
    pub hint: Option<Text>,
    #[serde(default)]
    pub highlight: Vec<String>,
}

/// When an event is injected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum EventTrigger {
    /// At this many seconds of level time.
    At { seconds: f64 },
    /// `delay_s` seconds after a step completes.
    AfterStep {
        step: String,
        #[serde(default)]
        delay_s: f64,
    },
}

/// How the level is scored and passed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// Lowest passing score out of 100.
    #[serde(default = "default_pass_score")]
    pub pass_score: f64,
    /// Any critical deviation fails the level.
    #[serde(default = "default_true")]
    pub fail_on_critical: bool,
    /// When an assessment shows deviations; guided mode is always live.
    #[serde(default)]
    pub feedback: Feedback,
    /// The level fails when its time runs past this.
    #[serde(default)]
    pub time_limit_s: Option<f64>,
    /// Deviation for using another step's object in assessment mode.
    #[serde(default)]
    pub wrong_object: WrongObjectPenalty,
    /// Whether an instructor may skip a step, fire an event or send a message while this level
    /// is played in assessment (pausing, resuming and restarting always may). An attempt with
    /// an intervention is never a clean pass in assessment either way.
    #[serde(default = "default_true")]
    pub interventions_in_assessment: bool,
}

fn default_pass_score() -> f64 {
    80.0
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            pass_score: default_pass_score(),
            fail_on_critical: true,
            feedback: Feedback::default(),
            time_limit_s: None,
            wrong_object: WrongObjectPenalty::default(),
            interventions_in_assessment: true,
        }
    }
}

/// When deviations are shown to the trainee.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Feedback {
    /// As they happen.
    #[default]
    Live,
    /// All together when the level ends.
    End,
}

/// Severity and points for using an object that belongs to a later step (assessment mode).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrongObjectPenalty {
    #[serde(default = "default_minor")]
    pub severity: Severity,
    #[serde(default = "default_wrong_object_points")]
    pub points: f64,
}

fn default_wrong_object_points() -> f64 {
    2.0
}

impl Default for WrongObjectPenalty {
    fn default() -> Self {
        WrongObjectPenalty { severity: Severity::Minor, points: default_wrong_object_points() }
    }
}

/// One entry of the expert's path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum GoldenEntry {
    /// The expert does `action` at `at` seconds.
    Do { at: f64, action: Action },
    /// The world reports `of`/`key` = `value` at `at` seconds.
    Observe { at: f64, of: String, key: String, value: Value },
}

impl GoldenEntry {
    /// Seconds of level time at which the entry happens.
    pub fn at(&self) -> f64 {
        match self {
            GoldenEntry::Do { at, .. } | GoldenEntry::Observe { at, .. } => *at,
        }
    }
}
