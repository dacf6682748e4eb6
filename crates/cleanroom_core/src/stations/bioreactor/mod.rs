//! The bioreactor station: a functionally closed hollow-fibre bioreactor (Quantum Flex-like).
//!
//! The operator's procedure is a state machine (`Bioreactor::apply`) that refuses operations
//! out of order; the culture model (`culture`) makes the decisions matter; `advance` moves
//! simulated time at any step size; every key action goes into the batch record.

pub mod alarms;
pub mod controls;
pub mod culture;
pub mod display;
pub mod events;
mod operate;
pub mod operation;
pub mod pages;
pub mod scenario;
pub mod station;
#[cfg(test)]
mod tests;
pub mod touchscreen;

pub use crate::stations::screen::TaskState;
pub use alarms::{Alarm, AlarmKind};
pub use controls::{BioreactorDesk, DeskOutcome};
pub use culture::Culture;
pub use display::{Clock, HistoryPoint, StatusSnapshot, TaskEntry};
pub use events::{
    DeviationKind, HarvestResult, LineState, Phase, Refusal, RefusalKind, SampleResult, StationEvent, Task,
};
pub use operation::{Bag, CoatingReagent, ConnectionMethod, Distribution, Operation, QcTest};
pub use station::SPEC;
pub use touchscreen::{ScreenSetting, ScreenSettings};

use serde::{Deserialize, Serialize};

use crate::common::{Text, Value};
use crate::stations::batch_record::{BatchRecord, EntryKind};
use culture::{Conditions, MAX_STEP_H};

/// The station id the procedure runner sees with each observation.
pub const STATION_ID: &str = "bioreactor";

/// Who the batch record names for entries the equipment makes itself.
pub const SYSTEM_OPERATOR: &str = "system";

/// The batch this culture is made for, as its batch record, its samples' labels and QC know it.
pub const MSC_BATCH: &str = "MSC-2026-014";

/// Volume the harvested cells are flushed into, mL. Assumption: the order of a hollow-fibre
/// harvest; not a vendor specification.
pub const HARVEST_VOLUME_ML: f64 = 100.0;

/// Volume of each QC sample drawn from the harvest bag, mL. Assumption (typical).
pub const QC_SAMPLE_ML: f64 = 1.0;

/// Highest IC inlet rate the station accepts, mL/min. Assumption: a bound for this model
/// (keeps the fixed internal step accurate); not a pump specification.
pub const MAX_IC_INLET_ML_MIN: f64 = 5.0;

/// Most cells a level may load. Assumption: the model's fibre capacity.
pub const MAX_LOADED_CELLS: f64 = culture::CAPACITY_CELLS;

/// Coating time, hours. Assumption: "typically overnight" (domain.md §4.3) taken as 16 h.
pub const COATING_TIME_H: f64 = 16.0;

/// Attachment period at minimal flow, hours. Source: domain.md §4.6 ("typically about 24 h").
pub const ATTACHMENT_PERIOD_H: f64 = 24.0;

/// How much earlier than `ATTACHMENT_PERIOD_H` feeding may start without a deviation, hours.
/// Assumption.
pub const ATTACHMENT_TOLERANCE_H: f64 = 2.0;

/// Time the automated priming takes, hours. Assumption.
pub const PRIME_DURATION_H: f64 = 0.25;

/// Time the automated wash-out takes, hours. Assumption.
pub const WASH_OUT_DURATION_H: f64 = 0.25;

/// Time the medium is conditioned (gas equilibration), hours. Assumption.
pub const CONDITIONING_DURATION_H: f64 = 1.0;

/// Interval between metabolite samples, hours. Source: domain.md §4.7 ("daily glucose and
/// lactate samples").
pub const SAMPLE_INTERVAL_H: f64 = 24.0;

/// How late a sample may be before it counts as missed, hours. Assumption.
pub const SAMPLE_GRACE_H: f64 = 4.0;

/// Fraction of the cells an enzymatic (trypsin-type) release brings into the harvest bag.
/// Assumption.
pub const ENZYMATIC_RELEASE_FRACTION: f64 = 0.9;

/// Fraction of the cells a flush without enzyme brings out. Assumption: adherent MSC mostly
/// stay on the fibres.
pub const FLUSH_ONLY_RELEASE_FRACTION: f64 = 0.05;

/// Spacing of the history series for the chart, hours. A display choice: hourly points draw
/// a smooth curve over 14 days without a heavy series.
pub const HISTORY_INTERVAL_H: f64 = 1.0;

/// Default lactate alarm limit, mmol/L. Assumption: a typical training value; the instructor
/// sets the tolerance (`AlarmLimits`); not a vendor setpoint.
pub const LACTATE_ALARM_MMOL_L: f64 = 6.0;

/// Default glucose alarm limit, mmol/L. Assumption, as `LACTATE_ALARM_MMOL_L`.
pub const GLUCOSE_ALARM_MMOL_L: f64 = 2.0;

/// Time differences smaller than this are treated as equal, hours. Assumption (numerical):
/// far below any time the model distinguishes, far above the rounding of summed steps.
const TIME_EPSILON_H: f64 = 1e-9;

/// Alarm limits checked against each sample; an instructor may change them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AlarmLimits {
    pub lactate_high_mmol_l: f64,
    pub glucose_low_mmol_l: f64,
}

impl Default for AlarmLimits {
    fn default() -> Self {
        Self { lactate_high_mmol_l: LACTATE_ALARM_MMOL_L, glucose_low_mmol_l: GLUCOSE_ALARM_MMOL_L }
    }
}

/// Why `advance_until_decision` stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionPoint {
    CoatingComplete,
    AttachmentPeriodElapsed,
    AlarmRaised(AlarmKind),
    Deviation(DeviationKind),
    /// Nothing needed the operator within the time allowed.
    TimeLimit,
}

/// The result of `advance_until_decision`.
#[derive(Debug, Clone, PartialEq)]
pub struct Advance {
    /// Simulated hours that passed.
    pub hours: f64,
    pub stopped_at: DecisionPoint,
    pub events: Vec<StationEvent>,
}

/// One bioreactor station with its single-use set, culture and batch record.
#[derive(Debug, Clone, PartialEq)]
pub struct Bioreactor {
    operator: String,
    limits: AlarmLimits,
    clock_h: f64,
    phase: Phase,
    lines: [LineState; Bag::ALL.len()],
    /// Whether each bag line's clamp is open (all closed on a new set).
    clamps_open: [bool; Bag::ALL.len()],
    /// Lines that kept their air at priming because their clamp was closed.
    air_in: [bool; Bag::ALL.len()],
    /// The cause of an IC inlet pressure alarm: a kinked IC inlet line.
    ic_inlet_kinked: bool,
    /// The cause of a set pressure alarm: a kinked line somewhere in the set.
    set_kinked: bool,
    weld_use_flagged: [bool; Bag::ALL.len()],
    coating: Option<CoatingReagent>,
    coating_ready_h: f64,
    distribution: Option<Distribution>,
    cells_loaded_h: Option<f64>,
    seeded_cells: f64,
    attachment_elapsed_reported: bool,
    culture: Culture,
    ic_inlet_ml_min: f64,
    contaminated: bool,
    alarms: Vec<Alarm>,
    samples: Vec<SampleResult>,
    sample_overdue_flagged: bool,
    /// Samples up to this index have had their missing label reported.
    unlabelled_flagged: usize,
    deviations: Vec<DeviationKind>,
    history: Vec<HistoryPoint>,
    next_history_h: f64,
    peak_lactate_mmol_l: f64,
    harvest: Option<HarvestResult>,
    harvest_labelled: bool,
    /// The QC tests the product has been sampled for, in order.
    qc_samples: Vec<QcTest>,
    record: BatchRecord,
}

impl Bioreactor {
    /// A station with no set loaded, run by `operator`, with the default alarm limits.
    pub fn new(operator: &str) -> Self {
        Self::with_limits(operator, AlarmLimits::default())
    }

    /// A station with instructor-set alarm limits.
    pub fn with_limits(operator: &str, limits: AlarmLimits) -> Self {
        Self {
            operator: operator.to_owned(),
            limits,
            clock_h: 0.0,
            phase: Phase::AwaitingSet,
            lines: [LineState::Absent; Bag::ALL.len()],
            clamps_open: [false; Bag::ALL.len()],
            air_in: [false; Bag::ALL.len()],
            ic_inlet_kinked: false,
            set_kinked: false,
            weld_use_flagged: [false; Bag::ALL.len()],
            coating: None,
            coating_ready_h: 0.0,
            distribution: None,
            cells_loaded_h: None,
            seeded_cells: 0.0,
            attachment_elapsed_reported: false,
            culture: Culture::default(),
            ic_inlet_ml_min: 0.0,
            contaminated: false,
            alarms: Vec::new(),
            samples: Vec::new(),
            sample_overdue_flagged: false,
            unlabelled_flagged: 0,
            deviations: Vec::new(),
            history: Vec::new(),
            next_history_h: 0.0,
            peak_lactate_mmol_l: 0.0,
            harvest: None,
            harvest_labelled: false,
            qc_samples: Vec::new(),
            record: BatchRecord::new(),
        }
    }

    /// Hands the station to another operator; later entries are attributed to them.
    pub fn set_operator(&mut self, operator: &str) {
        operator.clone_into(&mut self.operator);
    }

    /// The operator entries are attributed to.
    pub fn operator(&self) -> &str {
        &self.operator
    }

    /// Simulated hours since the run began.
    pub fn clock_h(&self) -> f64 {
        self.clock_h
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The culture's true state (the trainee sees it only through samples).
    pub fn culture(&self) -> &Culture {
        &self.culture
    }

    /// The state of a bag's line.
    pub fn line(&self, bag: Bag) -> LineState {
        self.lines[bag.index()]
    }

    /// Whether the clamp on a bag's line is open.
    pub fn clamp_open(&self, bag: Bag) -> bool {
        self.clamps_open[bag.index()]
    }

    /// Whether air is left anywhere in the set: all of it before priming, afterwards in any
    /// line whose clamp was closed while it primed.
    pub fn air_detected(&self) -> bool {
        self.phase < Phase::Primed || self.air_in.iter().any(|air| *air)
    }

    /// Whether an alarm holds the pumps (a pressure alarm that has not cleared).
    pub fn pumps_held(&self) -> Option<AlarmKind> {
        [AlarmKind::IcInletPressureHigh, AlarmKind::SetPressureHigh].into_iter().find(|kind| self.alarm_active(*kind))
    }

    /// Whether the harvest bag carries its product label.
    pub fn harvest_labelled(&self) -> bool {
        self.harvest_labelled
    }

    /// The QC tests the product has been sampled for.
    pub fn qc_samples(&self) -> &[QcTest] {
        &self.qc_samples
    }

    pub fn coating(&self) -> Option<CoatingReagent> {
        self.coating
    }

    /// The IC inlet rate set, mL/min (the pumps may be held by an alarm).
    pub fn ic_inlet_ml_min(&self) -> f64 {
        self.ic_inlet_ml_min
    }

    /// Whether the closed system has been broken.
    pub fn contaminated(&self) -> bool {
        self.contaminated
    }

    pub fn alarms(&self) -> &[Alarm] {
        &self.alarms
    }

    /// Every sample taken, in order.
    pub fn samples(&self) -> &[SampleResult] {
        &self.samples
    }

    /// Every deviation so far, in order.
    pub fn deviations(&self) -> &[DeviationKind] {
        &self.deviations
    }

    /// The chart series: one point per `HISTORY_INTERVAL_H` since the cells went in.
    pub fn history(&self) -> &[HistoryPoint] {
        &self.history
    }

    /// Highest lactate the culture has reached, mmol/L.
    pub fn peak_lactate_mmol_l(&self) -> f64 {
        self.peak_lactate_mmol_l
    }

    /// What the harvest bag holds, once harvested.
    pub fn harvest(&self) -> Option<HarvestResult> {
        self.harvest
    }

    pub fn batch_record(&self) -> &BatchRecord {
        &self.record
    }

    /// Corrects batch-record entry `id` as the current operator, keeping the original.
    pub fn correct_record(
        &mut self,
        id: usize,
        value: Value,
        reason: &str,
    ) -> Result<usize, crate::stations::batch_record::RecordError> {
        self.record.correct(id, self.clock_h, &self.operator, value, reason)
    }

    /// Makes happen what a level injects: a pressure alarm comes with its cause (a kinked
    /// line), which stays until the operator finds it; the pumps hold while it is active.
    pub fn inject_alarm(&mut self, kind: AlarmKind) -> Vec<StationEvent> {
        match kind {
            AlarmKind::IcInletPressureHigh => self.ic_inlet_kinked = true,
            AlarmKind::SetPressureHigh => self.set_kinked = true,
            AlarmKind::LactateHigh | AlarmKind::GlucoseLow | AlarmKind::SampleDue => {}
        }
        let mut events = Vec::new();
        self.raise_alarm(kind, &mut events);
        events
    }

    /// Whether the cause of an alarm is still there. The metabolite and sample alarms clear
    /// with the next sample instead.
    fn alarm_cause_present(&self, kind: AlarmKind) -> bool {
        match kind {
            AlarmKind::IcInletPressureHigh => self.ic_inlet_kinked,
            AlarmKind::SetPressureHigh => self.set_kinked,
            AlarmKind::LactateHigh | AlarmKind::GlucoseLow | AlarmKind::SampleDue => true,
        }
    }

    /// Lets `hours` of simulated time pass. The culture integrates in fixed steps of at most
    /// `culture::MAX_STEP_H`, so one long call equals many short ones.
    pub fn advance(&mut self, hours: f64) -> Vec<StationEvent> {
        let mut events = Vec::new();
        let mut remaining = if hours.is_finite() { hours.max(0.0) } else { 0.0 };
        while remaining > TIME_EPSILON_H {
            let dt = remaining.min(MAX_STEP_H);
            self.tick(dt, &mut events);
            remaining -= dt;
        }
        events
    }

    /// Lets time pass until something needs the operator (coating done, attachment period
    /// over, an alarm, a deviation) or `max_hours` have passed.
    pub fn advance_until_decision(&mut self, max_hours: f64) -> Advance {
        let start = self.clock_h;
        let mut events = Vec::new();
        let mut remaining = if max_hours.is_finite() { max_hours.max(0.0) } else { 0.0 };
        while remaining > TIME_EPSILON_H {
            let dt = remaining.min(MAX_STEP_H);
            let first_new = events.len();
            self.tick(dt, &mut events);
            remaining -= dt;
            if let Some(point) = events[first_new..].iter().find_map(decision_point) {
                return Advance { hours: self.clock_h - start, stopped_at: point, events };
            }
        }
        Advance { hours: self.clock_h - start, stopped_at: DecisionPoint::TimeLimit, events }
    }

    fn tick(&mut self, dt: f64, events: &mut Vec<StationEvent>) {
        if self.has_cells() {
            let conditions = Conditions::from_inlet(self.effective_inlet_ml_min());
            self.culture.step(dt, conditions);
        }
        self.clock_h += dt;
        self.check_timers(events);
        self.track_culture();
    }

    fn has_cells(&self) -> bool {
        matches!(self.phase, Phase::Attachment | Phase::Feeding)
    }

    /// The rate the pumps actually run at.
    fn effective_inlet_ml_min(&self) -> f64 {
        let held = self.pumps_held().is_some();
        if self.phase == Phase::Feeding && !held { self.ic_inlet_ml_min } else { 0.0 }
    }

    fn alarm_active(&self, kind: AlarmKind) -> bool {
        self.alarms.iter().any(|alarm| alarm.kind == kind)
    }

    fn check_timers(&mut self, events: &mut Vec<StationEvent>) {
        if self.phase == Phase::Coating && self.clock_h + TIME_EPSILON_H >= self.coating_ready_h {
            events.push(StationEvent::CoatingComplete);
            self.enter(Phase::Coated, events);
        }
        if self.phase == Phase::Attachment
            && !self.attachment_elapsed_reported
            && self.hours_since_loading() + TIME_EPSILON_H >= ATTACHMENT_PERIOD_H
        {
            self.attachment_elapsed_reported = true;
            events.push(StationEvent::AttachmentPeriodElapsed);
        }
        if self.has_cells() {
            self.check_sample_due(events);
        }
    }

    fn check_sample_due(&mut self, events: &mut Vec<StationEvent>) {
        let since = self.hours_since_sample();
        if since + TIME_EPSILON_H >= SAMPLE_INTERVAL_H && !self.alarm_active(AlarmKind::SampleDue) {
            self.raise_alarm(AlarmKind::SampleDue, events);
        }
        if since + TIME_EPSILON_H >= SAMPLE_INTERVAL_H + SAMPLE_GRACE_H && !self.sample_overdue_flagged {
            self.sample_overdue_flagged = true;
            let message = Text::new(
                format!("No metabolite sample for {since:.0} h: the daily sample was missed."),
                format!("{since:.0}시간 동안 대사물 샘플이 없습니다. 일일 샘플을 놓쳤습니다."),
            );
            self.deviate(DeviationKind::SampleOverdue, message, SYSTEM_OPERATOR, events);
        }
    }

    fn track_culture(&mut self) {
        if !self.has_cells() {
            return;
        }
        self.peak_lactate_mmol_l = self.peak_lactate_mmol_l.max(self.culture.lactate_mmol_l);
        while self.clock_h + TIME_EPSILON_H >= self.next_history_h {
            self.push_history();
            self.next_history_h += HISTORY_INTERVAL_H;
        }
    }

    fn push_history(&mut self) {
        self.history.push(HistoryPoint {
            time_h: self.clock_h,
            glucose_mmol_l: self.culture.glucose_mmol_l,
            lactate_mmol_l: self.culture.lactate_mmol_l,
            cells_estimate: self.culture.cells_estimate(),
        });
    }

    /// Hours since the cells were loaded (0 before).
    fn hours_since_loading(&self) -> f64 {
        self.cells_loaded_h.map_or(0.0, |t| self.clock_h - t)
    }

    /// Hours since the last sample, or since loading when none was taken.
    fn hours_since_sample(&self) -> f64 {
        let since = self.samples.last().map(|s| s.time_h).or(self.cells_loaded_h).unwrap_or(self.clock_h);
        self.clock_h - since
    }

    fn enter(&mut self, to: Phase, events: &mut Vec<StationEvent>) {
        let from = self.phase;
        self.phase = to;
        events.push(StationEvent::PhaseChanged { from, to });
        for task in completed_by(to) {
            events.push(StationEvent::TaskCompleted(*task));
        }
    }

    fn raise_alarm(&mut self, kind: AlarmKind, events: &mut Vec<StationEvent>) {
        if self.alarm_active(kind) {
            return;
        }
        self.alarms.push(Alarm { kind, since_h: self.clock_h, acknowledged: false, message: kind.message() });
        events.push(StationEvent::AlarmRaised(kind));
        self.note_as(SYSTEM_OPERATOR, EntryKind::Alarm, Value::Choice(kind.id().into()), kind.message());
    }

    fn clear_alarm(&mut self, kind: AlarmKind, events: &mut Vec<StationEvent>) {
        if self.alarm_active(kind) {
            self.alarms.retain(|alarm| alarm.kind != kind);
            events.push(StationEvent::AlarmCleared(kind));
        }
    }

    fn deviate(&mut self, kind: DeviationKind, message: Text, operator: &str, events: &mut Vec<StationEvent>) {
        self.deviations.push(kind);
        self.note_as(operator, EntryKind::Deviation, Value::Choice(kind.id().into()), message.clone());
        events.push(StationEvent::Deviation { kind, message });
    }

    /// A batch-record entry by the current operator at the current time.
    fn note(&mut self, kind: EntryKind, value: Value, text: Text) -> usize {
        let operator = self.operator.clone();
        self.note_as(&operator, kind, value, text)
    }

    fn note_as(&mut self, operator: &str, kind: EntryKind, value: Value, text: Text) -> usize {
        self.record.record(self.clock_h, operator, kind, value, text)
    }
}

/// The tasks that entering `phase` completes.
fn completed_by(phase: Phase) -> &'static [Task] {
    match phase {
        Phase::AwaitingSet | Phase::Coating => &[],
        Phase::SetLoaded => &[Task::LoadSet],
        Phase::Primed => &[Task::Prime],
        Phase::Coated => &[Task::Coat],
        Phase::WashedOut => &[Task::WashOut],
        Phase::Conditioned => &[Task::ConditionMedium],
        Phase::Attachment => &[Task::LoadCells],
        Phase::Feeding => &[Task::Attachment],
        Phase::Harvested => &[Task::Feed, Task::Harvest],
    }
}

fn decision_point(event: &StationEvent) -> Option<DecisionPoint> {
    match event {
        StationEvent::CoatingComplete => Some(DecisionPoint::CoatingComplete),
        StationEvent::AttachmentPeriodElapsed => Some(DecisionPoint::AttachmentPeriodElapsed),
        StationEvent::AlarmRaised(kind) => Some(DecisionPoint::AlarmRaised(*kind)),
        StationEvent::Deviation { kind, .. } => Some(DecisionPoint::Deviation(*kind)),
        _ => None,
    }
}
