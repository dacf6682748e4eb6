//! The deterministic runner: feeds timestamped trainee actions and station observations
//! through a level and emits what happened.
//!
//! Times given to the runner are the caller's clock in seconds (any origin, never going
//! backwards; an earlier time is treated as the latest one seen). Times in events and in the
//! report are *level time*: seconds since [`Runner::start`], paused time excluded.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::common::{Text, Value};

use super::intervention::{Intervened, Intervention, MESSAGE_MAX_CHARS, Refused};
use super::random::Draw;
use super::registry::Registry;
use super::report::{
    Deduction, Deviation, DeviationSource, EventRecord, FailReason, Mode, Outcome, Report, ScoreBreakdown, StepRecord,
    StepScore, StepStatus,
};
use crate::level::{
    Action, Condition, EventTrigger, Feedback, GoldenEntry, InjectedEvent, Level, Moment, RuleTrigger, Severity, Step,
    Verification,
};

/// The score every level is out of.
pub const MAX_SCORE: f64 = 100.0;

/// Something the world tells the runner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Input {
    /// The trainee did something.
    Action(Action),
    /// A station (or zone, or object) reports a property's current value.
    Observe { of: String, key: String, value: Value },
}

/// What the runner tells the game. Times are level time in seconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RunnerEvent {
    StepStarted {
        step: String,
        time_s: f64,
    },
    StepCompleted {
        step: String,
        time_s: f64,
        /// Points earned (0 for optional or skipped steps).
        points: f64,
        skipped: bool,
    },
    /// Guided mode only: help to show, and ids to highlight.
    Hint {
        step: Option<String>,
        text: Text,
        highlight: Vec<String>,
    },
    /// Emitted when recorded if feedback is live, otherwise just before the level ends.
    DeviationRecorded(Deviation),
    /// A second person checked a signed entry: `verified`, or not, with what they said.
    EntryVerified {
        entry: String,
        verified: bool,
        by: Text,
        message: Text,
        time_s: f64,
    },
    EventInjected {
        event: String,
        message: Text,
        time_s: f64,
        /// Level time by which the response must be done.
        deadline_s: f64,
    },
    EventResolved {
        event: String,
        time_s: f64,
    },
    LevelPassed {
        score: ScoreBreakdown,
    },
    LevelFailed {
        score: ScoreBreakdown,
        reasons: Vec<FailReason>,
    },
    /// The instructor stepped in (reported before what the intervention caused).
    Intervened(Intervened),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EventStatus {
    NotYet,
    Active,
    Resolved,
    Missed,
}

/// What never changes during a run: the level compiled for fast lookups.
#[derive(Debug, Clone)]
struct Plan {
    registry: Registry,
    prerequisites: Vec<Vec<usize>>,
    step_leaves: Vec<usize>,
    event_leaves: Vec<usize>,
    /// Object id -> steps whose completion names it.
    step_owners: HashMap<String, Vec<usize>>,
    /// Object id -> events whose response names it.
    event_owners: HashMap<String, Vec<usize>>,
    step_index: HashMap<String, usize>,
    required_weight: f64,
    /// Entry id -> the second person's verification it asks for once signed.
    verifications: HashMap<String, Verification>,
}

#[derive(Debug, Clone)]
struct StepProgress {
    status: StepStatus,
    started_s: Option<f64>,
    completed_s: Option<f64>,
    latches: Vec<bool>,
    overtime_recorded: bool,
    skipped: bool,
}

#[derive(Debug, Clone, Default)]
struct RuleProgress {
    armed: bool,
    fired: bool,
    state_matching: bool,
    /// `Never`: the action has been seen.
    seen: bool,
    /// `TimeBetween`: when the latest `from` happened (level time), while waiting for `to`.
    since_s: Option<f64>,
    /// `TimeBetween`: the `at_most` limit already ran out for this `from`.
    overdue: bool,
}

/// Something that happened, as a rule's `Moment` may name it.
#[derive(Debug, Clone, Copy)]
enum Occurrence<'a> {
    Start,
    End,
    Step(&'a str),
    Event(&'a str),
    Action(&'a Action),
}

#[derive(Debug, Clone)]
struct EventProgress {
    status: EventStatus,
    due_s: Option<f64>,
    injected_s: Option<f64>,
    resolved_s: Option<f64>,
    latches: Vec<bool>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Clock {
    origin: f64,
    latest: f64,
    paused_since: Option<f64>,
    paused_total: f64,
}

impl Clock {
    /// Level time for caller time `time_s`, frozen while paused.
    fn level_time(&mut self, time_s: f64) -> f64 {
        self.latest = self.latest.max(time_s);
        let now = self.paused_since.unwrap_or(self.latest);
        (now - self.origin - self.paused_total).max(0.0)
    }
}

#[derive(Debug, Clone)]
struct Progress {
    started: bool,
    clock: Clock,
    now: f64,
    steps: Vec<StepProgress>,
    rules: Vec<RuleProgress>,
    events: Vec<EventProgress>,
    states: HashMap<String, HashMap<String, Value>>,
    deviations: Vec<Deviation>,
    wrong_objects: HashSet<String>,
    withheld: Vec<RunnerEvent>,
    /// Signed entries waiting for their verifier: (entry, level time the check is due).
    verifications: Vec<(String, f64)>,
    /// Entries to be verified whose signature a step counted.
    counted_signatures: HashSet<String>,
    outcome: Outcome,
    finished_s: Option<f64>,
    /// What the instructor did, in order (kept through a restart).
    interventions: Vec<Intervened>,
}

/// Runs one level in one mode. Build it with [`Runner::new`], call [`Runner::start`], then
/// feed it [`Runner::apply`] for every action or observation and [`Runner::tick`] every
/// frame (for time limits, deadlines and injected events). Each call returns the events it
/// caused, in order; the same inputs always give the same events.
///
/// - A step is current once its prerequisites are done; actions count for a step only while
///   it is current, and `State` parts are judged on the latest reported value.
/// - Rules see each action before the steps do, so `until_step` still applies to the
///   action that completes that step.
/// - The level ends (`LevelPassed`/`LevelFailed`) when every required step is done and no
///   event waits for a response; an `AfterStep` event already scheduled keeps it open, an
///   `At` event still in the future is dropped.
/// - The runner expects a level that passed validation: references to unknown ids are
///   ignored rather than reported.
#[derive(Debug, Clone)]
pub struct Runner {
    level: Level,
    mode: Mode,
    plan: Plan,
    progress: Progress,
    /// The seed the level's random values were drawn with.
    seed: u64,
    /// The values drawn for the level's `random` properties: (of, key, value).
    drawn: Vec<(String, String, Value)>,
}

impl Runner {
    /// A runner for `level` in `mode`, not yet started, with the level's own seed (0 if it
    /// has none) for its random values.
    pub fn new(level: &Level, mode: Mode) -> Self {
        Self::with_seed(level, mode, level.seed.unwrap_or(0))
    }

    /// A runner whose random values are drawn with `seed`: the same seed gives the same
    /// values, so a run can be reproduced from its record.
    pub fn with_seed(level: &Level, mode: Mode, seed: u64) -> Self {
        let level = super::parameters::resolve(level);
        let plan = Plan::new(&level);
        let drawn = Draw::new(seed).values(&level.random);
        let mut progress = Progress::new(&level, &plan);
        apply_drawn(&mut progress, &drawn);
        Runner { level, mode, plan, progress, seed, drawn }
    }

    /// The seed the random values were drawn with.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The values drawn for the level's random properties: (of, key, value), in the order
    /// the level lists them.
    pub fn drawn(&self) -> &[(String, String, Value)] {
        &self.drawn
    }

    /// The level being run.
    pub fn level(&self) -> &Level {
        &self.level
    }

    /// The mode it runs in.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Whether deviations are shown as they happen (always in guided mode).
    pub fn feedback_live(&self) -> bool {
        self.mode == Mode::Guided || self.level.scoring.feedback == Feedback::Live
    }

    /// Starts the level at caller time `time_s`: the first steps start. Calling it again
    /// does nothing; `apply` and `tick` start the level themselves if needed.
    pub fn start(&mut self, time_s: f64) -> Vec<RunnerEvent> {
        let mut out = Vec::new();
        self.ensure_started(time_s, &mut out);
        out
    }

    /// Throws away all progress and starts again at caller time `time_s` (the instructor's
    /// interventions are kept).
    pub fn restart(&mut self, time_s: f64) -> Vec<RunnerEvent> {
        let interventions = std::mem::take(&mut self.progress.interventions);
        self.progress = Progress::new(&self.level, &self.plan);
        self.progress.interventions = interventions;
        apply_drawn(&mut self.progress, &self.drawn);
        self.start(time_s)
    }

    /// Pauses the level clock; inputs and ticks are ignored until [`Runner::resume`].
    pub fn pause(&mut self, time_s: f64) {
        let clock = &mut self.progress.clock;
        clock.latest = clock.latest.max(time_s);
        if clock.paused_since.is_none() {
            clock.paused_since = Some(clock.latest);
        }
    }

    /// Resumes the level clock; the paused time does not count.
    pub fn resume(&mut self, time_s: f64) {
        let clock = &mut self.progress.clock;
        clock.latest = clock.latest.max(time_s);
        if let Some(since) = clock.paused_since.take() {
            clock.paused_total += clock.latest - since;
        }
    }

    /// Whether the clock is paused.
    pub fn is_paused(&self) -> bool {
        self.progress.clock.paused_since.is_some()
    }

    /// Whether the level has ended (passed or failed).
    pub fn is_finished(&self) -> bool {
        self.progress.outcome != Outcome::InProgress
    }

    /// How the level ended so far.
    pub fn outcome(&self) -> &Outcome {
        &self.progress.outcome
    }

    /// Level time of the latest input or tick, in seconds.
    pub fn level_time(&self) -> f64 {
        self.progress.now
    }

    /// Feeds one input at caller time `time_s`.
    pub fn apply(&mut self, time_s: f64, input: Input) -> Vec<RunnerEvent> {
        let mut out = Vec::new();
        let Some(now) = self.advance(time_s, &mut out) else {
            return out;
        };
        match input {
            Input::Action(action) => {
                self.handle_action(now, &action, &mut out);
                // An item whose `location` the level tracks is where it was last put; a garment
                // put on is `worn`.
                let moved = match &action {
                    Action::Place { item, target } => Some((item, target.as_str())),
                    Action::Wear { garment } => Some((garment, WORN)),
                    _ => None,
                };
                if let Some((item, place)) = moved
                    && self.progress.states.get(item).is_some_and(|state| state.contains_key(LOCATION))
                {
                    self.handle_observation(
                        now,
                        item.clone(),
                        LOCATION.to_owned(),
                        Value::Choice(place.to_owned()),
                        &mut out,
                    );
                }
            }
            Input::Observe { of, key, value } => self.handle_observation(now, of, key, value, &mut out),
        }
        self.settle(now, &mut out);
        out
    }

    /// Shorthand for `apply(time_s, Input::Action(action))`.
    pub fn act(&mut self, time_s: f64, action: Action) -> Vec<RunnerEvent> {
        self.apply(time_s, Input::Action(action))
    }

    /// Shorthand for `apply(time_s, Input::Observe { .. })`.
    pub fn observe(&mut self, time_s: f64, of: &str, key: &str, value: Value) -> Vec<RunnerEvent> {
        self.apply(time_s, Input::Observe { of: of.to_owned(), key: key.to_owned(), value })
    }

    /// Several properties reported at one moment (a station's whole state after an action):
    /// judged together, as one observation each, with time advanced and the level settled
    /// once.
    pub fn observe_all(
        &mut self,
        time_s: f64,
        readings: impl IntoIterator<Item = (String, String, Value)>,
    ) -> Vec<RunnerEvent> {
        let mut out = Vec::new();
        let Some(now) = self.advance(time_s, &mut out) else {
            return out;
        };
        for (of, key, value) in readings {
            self.handle_observation(now, of, key, value, &mut out);
        }
        self.settle(now, &mut out);
        out
    }

    /// Lets time pass: injects due events, records missed deadlines and step time limits,
    /// and fails the level when its time limit runs out.
    pub fn tick(&mut self, time_s: f64) -> Vec<RunnerEvent> {
        let mut out = Vec::new();
        if let Some(now) = self.advance(time_s, &mut out) {
            self.settle(now, &mut out);
        }
        out
    }

    /// Instructor action: completes `step` now, for no points. Unknown or done steps are
    /// ignored.
    pub fn skip_step(&mut self, time_s: f64, step: &str) -> Vec<RunnerEvent> {
        let mut out = Vec::new();
        let Some(now) = self.advance(time_s, &mut out) else {
            return out;
        };
        if let Some(&index) = self.plan.step_index.get(step)
            && self.progress.steps[index].status != StepStatus::Done
        {
            self.skip_at(index, now, &mut out);
        }
        self.settle(now, &mut out);
        out
    }

    /// Completes step `index` at `now` as skipped, for no points.
    fn skip_at(&mut self, index: usize, now: f64, out: &mut Vec<RunnerEvent>) {
        let progress = &mut self.progress.steps[index];
        progress.started_s.get_or_insert(now);
        progress.skipped = true;
        self.complete_step(index, now, out);
    }

    /// The instructor steps in at caller time `time_s`. A taken intervention is reported first
    /// (`RunnerEvent::Intervened`), then what it caused; one that cannot be taken changes
    /// nothing and says why. Skipping a step, firing an event and sending a message work while
    /// paused too, at the paused moment.
    pub fn intervene(&mut self, time_s: f64, intervention: Intervention) -> Result<Vec<RunnerEvent>, Refused> {
        if self.is_finished() {
            return Err(Refused::Finished);
        }
        if self.mode == Mode::Assessment
            && !self.level.scoring.interventions_in_assessment
            && !intervention.always_allowed()
        {
            return Err(Refused::Forbidden);
        }
        match &intervention {
            Intervention::Pause if self.is_paused() => return Err(Refused::AlreadyPaused),
            Intervention::Resume if !self.is_paused() => return Err(Refused::NotPaused),
            Intervention::SkipStep { step } => match self.plan.step_index.get(step) {
                None => return Err(Refused::UnknownStep(step.clone())),
                Some(&index) if self.progress.steps[index].status == StepStatus::Done => {
                    return Err(Refused::StepDone(step.clone()));
                }
                Some(_) => {}
            },
            Intervention::FireEvent { event } => match self.level.events.iter().position(|e| e.id == *event) {
                None => return Err(Refused::UnknownEvent(event.clone())),
                Some(index) if self.progress.events[index].status != EventStatus::NotYet => {
                    return Err(Refused::EventAlreadyFired(event.clone()));
                }
                Some(_) => {}
            },
            Intervention::Message { text } => {
                let chars = text.trim().chars().count();
                if chars == 0 {
                    return Err(Refused::EmptyMessage);
                }
                if chars > MESSAGE_MAX_CHARS {
                    return Err(Refused::MessageTooLong { chars });
                }
            }
            _ => {}
        }
        let mut out = Vec::new();
        // The moment it happens: the paused moment while paused, else now with what time
        // alone caused first (an event due, a deadline passed).
        let now = if self.is_paused() {
            self.progress.clock.level_time(time_s)
        } else {
            match self.advance(time_s, &mut out) {
                Some(now) => now,
                // Time alone ended the level (its time limit).
                None => return if self.is_finished() { Ok(out) } else { Err(Refused::AlreadyPaused) },
            }
        };
        let intervention = match intervention {
            Intervention::Message { text } => Intervention::Message { text: text.trim().to_owned() },
            other => other,
        };
        let record = Intervened { intervention: intervention.clone(), time_s: now };
        self.progress.interventions.push(record.clone());
        out.push(RunnerEvent::Intervened(record));
        match intervention {
            Intervention::Pause => self.pause(time_s),
            Intervention::Resume => self.resume(time_s),
            Intervention::SkipStep { step } => {
                self.skip_at(self.plan.step_index[&step], now, &mut out);
                self.settle(now, &mut out);
            }
            Intervention::Restart => out.extend(self.restart(time_s)),
            Intervention::FireEvent { event } => {
                if let Some(index) = self.level.events.iter().position(|e| e.id == event) {
                    self.progress.events[index].due_s = Some(now);
                }
                self.inject_due_events(now, &mut out);
                self.settle(now, &mut out);
            }
            Intervention::Message { .. } => {}
        }
        Ok(out)
    }

    /// What the instructor did so far.
    pub fn interventions(&self) -> &[Intervened] {
        &self.progress.interventions
    }

    /// Ends the level now (the trainee or instructor stops): it passes only if it would
    /// have passed with what was done.
    /// Works while paused too (the paused time does not count).
    pub fn finish(&mut self, time_s: f64) -> Vec<RunnerEvent> {
        let mut out = Vec::new();
        let now = match self.advance(time_s, &mut out) {
            Some(now) => now,
            None if self.is_finished() => return out,
            None => self.progress.clock.level_time(time_s),
        };
        self.progress.now = now;
        self.end(now, Vec::new(), &mut out);
        out
    }

    /// Whether every step whose completion names `id` (an entry to sign, an item to place) is
    /// done; true when no step names it.
    pub fn steps_naming_done(&self, id: &str) -> bool {
        self.plan
            .step_owners
            .get(id)
            .is_none_or(|owners| owners.iter().all(|&index| self.progress.steps[index].status == StepStatus::Done))
    }

    /// The steps the trainee can do now.
    pub fn current_steps(&self) -> Vec<&Step> {
        self.level
            .steps
            .iter()
            .zip(&self.progress.steps)
            .filter(|(_, p)| p.status == StepStatus::Current)
            .map(|(step, _)| step)
            .collect()
    }

    /// Injected events waiting for a response.
    pub fn active_events(&self) -> Vec<&InjectedEvent> {
        self.level
            .events
            .iter()
            .zip(&self.progress.events)
            .filter(|(_, p)| p.status == EventStatus::Active)
            .map(|(event, _)| event)
            .collect()
    }

    /// Ids the world should highlight now: those of the current steps and active events in
    /// guided mode, none in assessment mode.
    pub fn current_highlights(&self) -> Vec<&str> {
        if self.mode == Mode::Assessment {
            return Vec::new();
        }
        let mut ids: Vec<&str> = Vec::new();
        let steps = self.current_steps().into_iter().map(|s| &s.highlight);
        let events = self.active_events().into_iter().map(|e| &e.highlight);
        for id in steps.chain(events).flatten() {
            if !ids.contains(&id.as_str()) {
                ids.push(id);
            }
        }
        ids
    }

    /// Every deviation recorded so far (also those withheld until the end).
    pub fn deviations(&self) -> &[Deviation] {
        &self.progress.deviations
    }

    /// Every value known for `of` (a station, say): (key, value), sorted by key.
    pub fn states_of(&self, of: &str) -> Vec<(&str, &Value)> {
        let mut values: Vec<(&str, &Value)> = self
            .progress
            .states
            .get(of)
            .map(|values| values.iter().map(|(key, value)| (key.as_str(), value)).collect())
            .unwrap_or_default();
        values.sort_by(|a, b| a.0.cmp(b.0));
        values
    }

    /// Where each step stands now, in the level's order.
    pub fn step_statuses(&self) -> Vec<(&Step, StepStatus)> {
        self.level.steps.iter().zip(&self.progress.steps).map(|(step, p)| (step, p.status)).collect()
    }

    /// The level's injected events not yet happened (the instructor may fire one now).
    pub fn events_to_come(&self) -> Vec<&InjectedEvent> {
        self.level
            .events
            .iter()
            .zip(&self.progress.events)
            .filter(|(_, p)| p.status == EventStatus::NotYet)
            .map(|(event, _)| event)
            .collect()
    }

    /// The latest value known for `of`/`key`: the setup value or the last observation.
    pub fn state(&self, of: &str, key: &str) -> Option<&Value> {
        self.progress.states.get(of)?.get(key)
    }

    /// The score as it stands.
    pub fn score(&self) -> ScoreBreakdown {
        let elapsed_s = self.progress.finished_s.unwrap_or(self.progress.now);
        let mut steps = Vec::new();
        let mut earned = 0.0;
        for (step, progress) in self.level.steps.iter().zip(&self.progress.steps) {
            if !step.required {
                continue;
            }
            let max = self.step_max_points(step);
            let got = if progress.status == StepStatus::Done && !progress.skipped { max } else { 0.0 };
            earned += got;
            steps.push(StepScore { step: step.id.clone(), earned: got, max });
        }
        let deductions: Vec<Deduction> = self
            .progress
            .deviations
            .iter()
            .map(|d| Deduction { source: d.source.clone(), severity: d.severity, points: d.points })
            .collect();
        let deducted: f64 = deductions.iter().map(|d| d.points).sum();
        ScoreBreakdown {
            steps,
            deductions,
            earned,
            deducted,
            total: (earned - deducted).clamp(0.0, MAX_SCORE),
            pass_score: self.level.scoring.pass_score,
            elapsed_s,
        }
    }

    /// The debrief as it stands: outcome, score, step timeline, deviations and events.
    pub fn report(&self) -> Report {
        let steps = self
            .level
            .steps
            .iter()
            .zip(&self.progress.steps)
            .map(|(step, p)| StepRecord {
                step: step.id.clone(),
                required: step.required,
                status: p.status,
                started_s: p.started_s,
                completed_s: p.completed_s,
                skipped: p.skipped,
            })
            .collect();
        let events = self
            .level
            .events
            .iter()
            .zip(&self.progress.events)
            .map(|(event, p)| EventRecord {
                event: event.id.clone(),
                injected_s: p.injected_s,
                resolved_s: p.resolved_s,
                missed: p.status == EventStatus::Missed,
            })
            .collect();
        Report {
            level_id: self.level.id.clone(),
            level_version: self.level.version,
            mode: self.mode,
            outcome: self.progress.outcome.clone(),
            score: self.score(),
            steps,
            deviations: self.progress.deviations.clone(),
            events,
            seed: self.seed,
            interventions: self.progress.interventions.clone(),
        }
    }

    fn step_max_points(&self, step: &Step) -> f64 {
        if step.required && self.plan.required_weight > 0.0 {
            MAX_SCORE * step.points / self.plan.required_weight
        } else {
            0.0
        }
    }

    fn ensure_started(&mut self, time_s: f64, out: &mut Vec<RunnerEvent>) {
        if self.progress.started {
            return;
        }
        self.progress.started = true;
        self.progress.clock = Clock { origin: time_s, latest: time_s, ..Clock::default() };
        self.progress.now = 0.0;
        for (event, progress) in self.level.events.iter().zip(&mut self.progress.events) {
            if let EventTrigger::At { seconds } = event.trigger {
                progress.due_s = Some(seconds);
            }
        }
        self.moment(0.0, Occurrence::Start, out);
        self.settle(0.0, out);
    }

    /// Moves the clock to `time_s` and handles what time alone causes. Returns the level
    /// time, or `None` when inputs are to be ignored (paused or finished).
    fn advance(&mut self, time_s: f64, out: &mut Vec<RunnerEvent>) -> Option<f64> {
        self.ensure_started(time_s, out);
        if self.is_paused() || self.is_finished() {
            return None;
        }
        let now = self.progress.clock.level_time(time_s);
        self.progress.now = now;
        self.inject_due_events(now, out);
        // A verification changes what the trainee may do next: it settles before any action
        // that comes with this moment is judged.
        if self.verify_due_entries(now, out) {
            self.settle(now, out);
            if self.is_finished() {
                return None;
            }
        }
        for index in 0..self.level.events.len() {
            let progress = &self.progress.events[index];
            let event = &self.level.events[index];
            if progress.status != EventStatus::Active {
                continue;
            }
            let deadline = progress.injected_s.unwrap_or(now) + event.deadline_s;
            if now > deadline {
                self.progress.events[index].status = EventStatus::Missed;
                let event = &self.level.events[index];
                let deviation = self.deviation(
                    DeviationSource::EventMissed(event.id.clone()),
                    event.severity,
                    event.points,
                    event.explanation.clone(),
                    deadline,
                );
                self.record(deviation, out);
            }
        }
        for index in 0..self.level.steps.len() {
            let progress = &self.progress.steps[index];
            let step = &self.level.steps[index];
            let (Some(limit), Some(started)) = (&step.time_limit, progress.started_s) else {
                continue;
            };
            if progress.status != StepStatus::Current || progress.overtime_recorded || now <= started + limit.seconds {
                continue;
            }
            self.progress.steps[index].overtime_recorded = true;
            let explanation = limit.explanation.clone().unwrap_or_else(|| Text {
                en: format!("Step `{}` took longer than its time limit of {} s.", step.id, limit.seconds),
                ko: format!("`{}` 단계가 제한 시간 {}초를 넘겼습니다.", step.id, limit.seconds),
            });
            let deviation = self.deviation(
                DeviationSource::StepTimeLimit(step.id.clone()),
                limit.severity,
                limit.points,
                explanation,
                started + limit.seconds,
            );
            self.record(deviation, out);
        }
        self.check_overdue(now, out);
        if let Some(limit) = self.level.scoring.time_limit_s
            && now > limit
        {
            self.end(limit, vec![FailReason::TimeLimitExceeded { limit_s: limit }], out);
            return None;
        }
        Some(now)
    }

    fn handle_action(&mut self, now: f64, action: &Action, out: &mut Vec<RunnerEvent>) {
        let rule_hit = self.apply_action_rules(now, action, out) | self.moment(now, Occurrence::Action(action), out);
        if !rule_hit {
            self.check_wrong_object(now, action, out);
        }
        let registry = &self.plan.registry;
        let mut counted = false;
        for (step, progress) in self.level.steps.iter().zip(&mut self.progress.steps) {
            if progress.status == StepStatus::Current {
                counted |= latch(registry, &step.done_when, action, &mut progress.latches, &mut 0);
            }
        }
        for (event, progress) in self.level.events.iter().zip(&mut self.progress.events) {
            if progress.status == EventStatus::Active {
                latch(registry, &event.respond, action, &mut progress.latches, &mut 0);
            }
        }
        // A signature a current step counts goes to its verifier, and so does signing again
        // an entry already counted (after a refusal); one made before its step, which counts
        // for nothing, is not verified either.
        if let Action::Sign { entry } = action
            && (counted || self.progress.counted_signatures.contains(entry))
            && let Some(after_s) = self.plan.verifications.get(entry).map(|verification| verification.after_s)
        {
            self.progress.counted_signatures.insert(entry.clone());
            let due = now + after_s;
            self.progress.verifications.retain(|(pending, _)| pending != entry);
            self.progress.verifications.push((entry.clone(), due));
        }
    }

    /// The verifier checks each entry whose time has come, on the states as they are now.
    fn verify_due_entries(&mut self, now: f64, out: &mut Vec<RunnerEvent>) -> bool {
        if !self.progress.verifications.iter().any(|(_, at)| *at <= now) {
            return false;
        }
        let (due, waiting): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.progress.verifications).into_iter().partition(|(_, at)| *at <= now);
        self.progress.verifications = waiting;
        for (entry, at) in due {
            let Some(verification) = self.plan.verifications.get(&entry).cloned() else { continue };
            let verified = holds(&verification.checks, &[], &mut 0, &self.progress.states);
            let message = if verified { verification.verified.clone() } else { verification.refused.clone() };
            self.handle_observation(at, entry.clone(), VERIFIED.to_owned(), Value::Flag(verified), out);
            out.push(RunnerEvent::EntryVerified { entry, verified, by: verification.by.clone(), message, time_s: at });
        }
        true
    }

    /// Fires each rule of `broke` in turn; returns whether any fired.
    fn fire_all(&mut self, broke: Vec<usize>, now: f64, out: &mut Vec<RunnerEvent>) -> bool {
        let mut hit = false;
        for index in broke {
            hit |= self.fire(index, now, out);
        }
        hit
    }

    /// Checks the action against every rule in scope; returns whether any fired.
    fn apply_action_rules(&mut self, now: f64, action: &Action, out: &mut Vec<RunnerEvent>) -> bool {
        let mut broke = Vec::new();
        for index in 0..self.level.rules.len() {
            if !self.rule_in_scope(index) {
                continue;
            }
            let rule = &self.level.rules[index];
            let registry = &self.plan.registry;
            let progress = &mut self.progress.rules[index];
            let broken = match &rule.when {
                RuleTrigger::Action(pattern) => registry.matches(pattern, action),
                RuleTrigger::Sequence { first, then, unless } => {
                    let broken = progress.armed && registry.matches(then, action);
                    if unless.iter().any(|p| registry.matches(p, action)) {
                        progress.armed = false;
                    }
                    if registry.matches(first, action) {
                        progress.armed = true;
                    }
                    broken
                }
                RuleTrigger::While { action: pattern, of, key, is } => {
                    registry.matches(pattern, action)
                        && self
                            .progress
                            .states
                            .get(of)
                            .and_then(|values| values.get(key))
                            .is_some_and(|v| is.accepts(v))
                }
                RuleTrigger::Never { action: pattern, .. } => {
                    if registry.matches(pattern, action) {
                        progress.seen = true;
                    }
                    false
                }
                RuleTrigger::State { .. } | RuleTrigger::StateAt { .. } | RuleTrigger::TimeBetween { .. } => false,
            };
            if broken {
                broke.push(index);
            }
        }
        self.fire_all(broke, now, out)
    }

    /// Rules that a moment concerns: a `StateAt` checks its state, a `Never` whether its
    /// action was seen, a `TimeBetween` starts or stops its clock. Returns whether any broke.
    fn moment(&mut self, now: f64, occurred: Occurrence, out: &mut Vec<RunnerEvent>) -> bool {
        let mut broke = Vec::new();
        for index in 0..self.level.rules.len() {
            if !self.rule_in_scope(index) {
                continue;
            }
            let registry = &self.plan.registry;
            let is = |moment: &Moment| moment_is(registry, moment, occurred);
            let rule = &self.level.rules[index];
            let progress = &mut self.progress.rules[index];
            let broken = match &rule.when {
                RuleTrigger::StateAt { at, of, key, is: expect } if is(at) => {
                    self.progress.states.get(of).and_then(|values| values.get(key)).is_some_and(|v| expect.accepts(v))
                }
                RuleTrigger::Never { by, .. } if is(by) => !progress.seen,
                RuleTrigger::TimeBetween { from, to, at_most, at_least } => {
                    let mut broken = false;
                    if is(to)
                        && let Some(since) = progress.since_s
                    {
                        let elapsed = now - since;
                        let too_long = at_most.as_ref().and_then(|q| q.number()).is_some_and(|limit| elapsed > limit);
                        let too_short = at_least.as_ref().and_then(|q| q.number()).is_some_and(|limit| elapsed < limit);
                        broken = (too_long && !progress.overdue) || too_short;
                        progress.since_s = None;
                        progress.overdue = false;
                    }
                    if is(from) {
                        progress.since_s = Some(now);
                        progress.overdue = false;
                    }
                    broken
                }
                _ => false,
            };
            if broken {
                broke.push(index);
            }
        }
        self.fire_all(broke, now, out)
    }

    /// A `TimeBetween` rule whose `at_most` runs out before its `to` breaks when it runs out.
    fn check_overdue(&mut self, now: f64, out: &mut Vec<RunnerEvent>) {
        let mut broke = Vec::new();
        for index in 0..self.level.rules.len() {
            let RuleTrigger::TimeBetween { at_most: Some(limit), .. } = &self.level.rules[index].when else {
                continue;
            };
            let (Some(limit), Some(since)) = (limit.number(), self.progress.rules[index].since_s) else {
                continue;
            };
            if now > since + limit && !self.progress.rules[index].overdue && self.rule_in_scope(index) {
                self.progress.rules[index].overdue = true;
                broke.push((index, since + limit));
            }
        }
        for (index, at) in broke {
            self.fire(index, at, out);
        }
    }

    /// Rule `index` is broken at `at`: its deviation is recorded, unless it was already and
    /// the rule does not repeat. Returns whether it was recorded.
    fn fire(&mut self, index: usize, at: f64, out: &mut Vec<RunnerEvent>) -> bool {
        let rule = &self.level.rules[index];
        let progress = &mut self.progress.rules[index];
        if progress.fired && !rule.repeat {
            return false;
        }
        progress.fired = true;
        let deviation = self.deviation(
            DeviationSource::Rule(rule.id.clone()),
            rule.severity,
            rule.points,
            rule.explanation.clone(),
            at,
        );
        self.record(deviation, out);
        true
    }

    fn rule_in_scope(&self, index: usize) -> bool {
        let rule = &self.level.rules[index];
        let done = |id: &Option<String>| {
            id.as_ref()
                .and_then(|id| self.plan.step_index.get(id))
                .map(|&i| self.progress.steps[i].status == StepStatus::Done)
        };
        done(&rule.from_step).unwrap_or(true) && !done(&rule.until_step).unwrap_or(false)
    }

    /// An object is used out of turn when it belongs to a step still waiting and to no
    /// current step or active event. Objects of completed steps are free to reuse, and a
    /// remedy that a rule names in `unless` (sanitising, say) is never out of turn.
    fn check_wrong_object(&mut self, now: f64, action: &Action, out: &mut Vec<RunnerEvent>) {
        // Picking a thing up (to move it aside) or walking over a floor mark uses nothing.
        if matches!(action, Action::Grab { .. } | Action::Reach { .. }) {
            return;
        }
        let registry = &self.plan.registry;
        let is_remedy = self.level.rules.iter().any(|rule| match &rule.when {
            RuleTrigger::Sequence { unless, .. } => unless.iter().any(|p| registry.matches(p, action)),
            _ => false,
        });
        if is_remedy {
            return;
        }
        for id in action.ids() {
            let Some(owners) = self.plan.step_owners.get(id) else {
                continue;
            };
            let status = |s: &usize| self.progress.steps[*s].status;
            let current = owners.iter().any(|s| status(s) == StepStatus::Current);
            let waiting = owners.iter().any(|s| status(s) == StepStatus::Waiting);
            let in_event =
                self.plan.event_owners.get(id).is_some_and(|events| {
                    events.iter().any(|&e| self.progress.events[e].status == EventStatus::Active)
                });
            if current || !waiting || in_event {
                continue;
            }
            match self.mode {
                Mode::Guided => out.push(RunnerEvent::Hint {
                    step: None,
                    text: Text {
                        en: format!("Not yet: `{id}` is for a later step."),
                        ko: format!("아직 아닙니다. `{id}`은(는) 이후 단계에서 사용합니다."),
                    },
                    highlight: self.current_highlights().iter().map(|s| s.to_string()).collect(),
                }),
                Mode::Assessment => {
                    if !self.progress.wrong_objects.insert(id.to_owned()) {
                        continue;
                    }
                    let penalty = &self.level.scoring.wrong_object;
                    let explanation = Text {
                        en: format!(
                            "`{id}` belongs to a later step. In an assessment, using an object \
                             out of turn is an error: finish the current step first."
                        ),
                        ko: format!(
                            "`{id}`은(는) 이후 단계에서 사용하는 대상입니다. 평가에서는 순서에 \
                             맞지 않는 대상을 사용하면 오류입니다. 먼저 현재 단계를 마치십시오."
                        ),
                    };
                    let deviation = self.deviation(
                        DeviationSource::WrongObject(id.to_owned()),
                        penalty.severity,
                        penalty.points,
                        explanation,
                        now,
                    );
                    self.record(deviation, out);
                }
            }
        }
    }

    fn handle_observation(&mut self, now: f64, of: String, key: String, value: Value, out: &mut Vec<RunnerEvent>) {
        let mut broke = Vec::new();
        for index in 0..self.level.rules.len() {
            let rule = &self.level.rules[index];
            let RuleTrigger::State { of: rule_of, key: rule_key, is } = &rule.when else {
                continue;
            };
            if *rule_of != of || *rule_key != key {
                continue;
            }
            let matching = is.accepts(&value);
            let in_scope = self.rule_in_scope(index);
            let progress = &mut self.progress.rules[index];
            let newly = matching && !progress.state_matching;
            progress.state_matching = matching;
            if newly && in_scope {
                broke.push(index);
            }
        }
        self.fire_all(broke, now, out);
        self.progress.states.entry(of).or_default().insert(key, value);
    }

    /// Completes, starts, resolves and injects until nothing changes, then ends the level
    /// when every required step is done and no event waits for a response.
    fn settle(&mut self, now: f64, out: &mut Vec<RunnerEvent>) {
        if self.is_finished() {
            return;
        }
        loop {
            let mut changed = false;
            for index in 0..self.level.steps.len() {
                let progress = &self.progress.steps[index];
                if progress.status == StepStatus::Current
                    && holds(&self.level.steps[index].done_when, &progress.latches, &mut 0, &self.progress.states)
                {
                    self.complete_step(index, now, out);
                    changed = true;
                }
            }
            for index in 0..self.level.steps.len() {
                let ready =
                    self.plan.prerequisites[index].iter().all(|&p| self.progress.steps[p].status == StepStatus::Done);
                if self.progress.steps[index].status == StepStatus::Waiting && ready {
                    self.start_step(index, now, out);
                    changed = true;
                }
            }
            for index in 0..self.level.events.len() {
                let progress = &self.progress.events[index];
                if progress.status == EventStatus::Active
                    && holds(&self.level.events[index].respond, &progress.latches, &mut 0, &self.progress.states)
                {
                    let progress = &mut self.progress.events[index];
                    progress.status = EventStatus::Resolved;
                    progress.resolved_s = Some(now);
                    out.push(RunnerEvent::EventResolved { event: self.level.events[index].id.clone(), time_s: now });
                    changed = true;
                }
            }
            changed |= self.inject_due_events(now, out);
            if !changed {
                break;
            }
        }
        let steps_done = self
            .level
            .steps
            .iter()
            .zip(&self.progress.steps)
            .all(|(step, p)| !step.required || p.status == StepStatus::Done);
        // An event scheduled after a step keeps the level open until it has been answered;
        // an `At` event still in the future is dropped when the steps are done.
        let events_quiet = self.level.events.iter().zip(&self.progress.events).all(|(event, p)| match p.status {
            EventStatus::Active => false,
            EventStatus::NotYet => p.due_s.is_none() || matches!(event.trigger, EventTrigger::At { .. }),
            EventStatus::Resolved | EventStatus::Missed => true,
        });
        if steps_done && events_quiet {
            self.end(now, Vec::new(), out);
        }
    }

    fn start_step(&mut self, index: usize, now: f64, out: &mut Vec<RunnerEvent>) {
        let step = &self.level.steps[index];
        let progress = &mut self.progress.steps[index];
        progress.status = StepStatus::Current;
        progress.started_s = Some(now);
        out.push(RunnerEvent::StepStarted { step: step.id.clone(), time_s: now });
        if self.mode == Mode::Guided
            && let Some(hint) = &step.hint
        {
            out.push(RunnerEvent::Hint {
                step: Some(step.id.clone()),
                text: hint.clone(),
                highlight: step.highlight.clone(),
            });
        }
    }

    fn complete_step(&mut self, index: usize, now: f64, out: &mut Vec<RunnerEvent>) {
        let step = &self.level.steps[index];
        let points = if self.progress.steps[index].skipped { 0.0 } else { self.step_max_points(step) };
        let progress = &mut self.progress.steps[index];
        progress.status = StepStatus::Done;
        progress.completed_s = Some(now);
        out.push(RunnerEvent::StepCompleted { step: step.id.clone(), time_s: now, points, skipped: progress.skipped });
        for (event, progress) in self.level.events.iter().zip(&mut self.progress.events) {
            if let EventTrigger::AfterStep { step: after, delay_s } = &event.trigger
                && *after == step.id
                && progress.due_s.is_none()
            {
                progress.due_s = Some(now + delay_s);
            }
        }
        let id = self.level.steps[index].id.clone();
        self.moment(now, Occurrence::Step(&id), out);
    }

    /// Injects every event due by `now`, timed at its due moment. Returns whether any was.
    fn inject_due_events(&mut self, now: f64, out: &mut Vec<RunnerEvent>) -> bool {
        let mut injected = Vec::new();
        for (event, progress) in self.level.events.iter().zip(&mut self.progress.events) {
            let Some(due) = progress.due_s else { continue };
            if progress.status != EventStatus::NotYet || due > now {
                continue;
            }
            injected.push((event.id.clone(), due));
            progress.status = EventStatus::Active;
            progress.injected_s = Some(due);
            out.push(RunnerEvent::EventInjected {
                event: event.id.clone(),
                message: event.message.clone(),
                time_s: due,
                deadline_s: due + event.deadline_s,
            });
            if self.mode == Mode::Guided
                && let Some(hint) = &event.hint
            {
                out.push(RunnerEvent::Hint { step: None, text: hint.clone(), highlight: event.highlight.clone() });
            }
        }
        for (id, due) in &injected {
            self.moment(*due, Occurrence::Event(id), out);
        }
        !injected.is_empty()
    }

    fn deviation(
        &self,
        source: DeviationSource,
        severity: Severity,
        points: f64,
        explanation: Text,
        time_s: f64,
    ) -> Deviation {
        let step = self
            .level
            .steps
            .iter()
            .zip(&self.progress.steps)
            .find(|(_, p)| p.status == StepStatus::Current)
            .map(|(step, _)| step.id.clone());
        Deviation { source, severity, points, explanation, time_s, step }
    }

    fn record(&mut self, deviation: Deviation, out: &mut Vec<RunnerEvent>) {
        let event = RunnerEvent::DeviationRecorded(deviation.clone());
        if self.feedback_live() {
            out.push(event);
        } else {
            self.progress.withheld.push(event);
        }
        self.progress.deviations.push(deviation);
    }

    fn end(&mut self, now: f64, mut reasons: Vec<FailReason>, out: &mut Vec<RunnerEvent>) {
        if self.is_finished() {
            return;
        }
        self.moment(now, Occurrence::End, out);
        self.progress.finished_s = Some(now);
        out.append(&mut self.progress.withheld);
        let incomplete: Vec<String> = self
            .level
            .steps
            .iter()
            .zip(&self.progress.steps)
            .filter(|(step, p)| step.required && p.status != StepStatus::Done)
            .map(|(step, _)| step.id.clone())
            .collect();
        if !incomplete.is_empty() {
            reasons.push(FailReason::StepsIncomplete(incomplete));
        }
        if self.level.scoring.fail_on_critical {
            reasons.extend(
                self.progress
                    .deviations
                    .iter()
                    .filter(|d| d.severity == Severity::Critical)
                    .map(|d| FailReason::CriticalDeviation(d.source.clone())),
            );
        }
        let score = self.score();
        if score.total < score.pass_score {
            reasons.push(FailReason::ScoreBelowPass { score: score.total, pass_score: score.pass_score });
        }
        if reasons.is_empty() {
            self.progress.outcome = Outcome::Passed;
            out.push(RunnerEvent::LevelPassed { score });
        } else {
            self.progress.outcome = Outcome::Failed(reasons.clone());
            out.push(RunnerEvent::LevelFailed { score, reasons });
        }
    }
}

/// The state key that says where an item lies (a place's id): the runner follows it through
/// `Place` actions, and the world puts the item there when the level starts.
pub const LOCATION: &str = "location";

/// The `location` of a garment once it is worn.
pub const WORN: &str = "worn";

pub use crate::level::VERIFIED;

/// Puts the drawn values into the starting states.
fn apply_drawn(progress: &mut Progress, drawn: &[(String, String, Value)]) {
    for (of, key, value) in drawn {
        progress.states.entry(of.clone()).or_default().insert(key.clone(), value.clone());
    }
}

/// Whether `moment` names what `occurred`.
fn moment_is(registry: &Registry, moment: &Moment, occurred: Occurrence) -> bool {
    match (moment, occurred) {
        (Moment::Start, Occurrence::Start) | (Moment::End, Occurrence::End) => true,
        (Moment::Step(id), Occurrence::Step(step)) => id == step,
        (Moment::Event(id), Occurrence::Event(event)) => id == event,
        (Moment::Action(pattern), Occurrence::Action(action)) => registry.matches(pattern, action),
        _ => false,
    }
}

impl Plan {
    fn new(level: &Level) -> Self {
        let registry = Registry::new(&level.setup);
        let step_index: HashMap<String, usize> = level
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .rev() // the first of duplicate ids wins
            .collect();
        let prerequisites = prerequisites(level, &step_index);
        let mut step_owners: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, step) in level.steps.iter().enumerate() {
            for_each_pattern(&step.done_when, &mut |pattern| {
                for id in pattern.concrete_ids() {
                    let owners = step_owners.entry(id.to_owned()).or_default();
                    if !owners.contains(&index) {
                        owners.push(index);
                    }
                }
            });
        }
        let mut event_owners: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, event) in level.events.iter().enumerate() {
            for_each_pattern(&event.respond, &mut |pattern| {
                for id in pattern.concrete_ids() {
                    event_owners.entry(id.to_owned()).or_default().push(index);
                }
            });
        }
        Plan {
            registry,
            prerequisites,
            step_leaves: level.steps.iter().map(|s| leaf_count(&s.done_when)).collect(),
            event_leaves: level.events.iter().map(|e| leaf_count(&e.respond)).collect(),
            step_owners,
            event_owners,
            step_index,
            required_weight: level.steps.iter().filter(|s| s.required).map(|s| s.points.max(0.0)).sum(),
            verifications: level
                .setup
                .zones
                .iter()
                .flat_map(|zone| &zone.objects)
                .chain(level.setup.stations.iter().flat_map(|station| &station.objects))
                .filter_map(|object| Some((object.id.clone(), object.verify.clone()?)))
                .rev() // the first of duplicate ids wins
                .collect(),
        }
    }
}

impl Progress {
    fn new(level: &Level, plan: &Plan) -> Self {
        let mut states: HashMap<String, HashMap<String, Value>> = HashMap::new();
        for id in plan.registry.ids() {
            if let Some(entity) = plan.registry.get(id)
                && !entity.state.is_empty()
            {
                states.insert(id.to_owned(), entity.state.iter().map(|(k, v)| (k.clone(), v.clone())).collect());
            }
        }
        Progress {
            started: false,
            clock: Clock::default(),
            now: 0.0,
            steps: plan
                .step_leaves
                .iter()
                .map(|&leaves| StepProgress {
                    status: StepStatus::Waiting,
                    started_s: None,
                    completed_s: None,
                    latches: vec![false; leaves],
                    overtime_recorded: false,
                    skipped: false,
                })
                .collect(),
            rules: vec![RuleProgress::default(); level.rules.len()],
            events: plan
                .event_leaves
                .iter()
                .map(|&leaves| EventProgress {
                    status: EventStatus::NotYet,
                    due_s: None,
                    injected_s: None,
                    resolved_s: None,
                    latches: vec![false; leaves],
                })
                .collect(),
            states,
            deviations: Vec::new(),
            wrong_objects: HashSet::new(),
            withheld: Vec::new(),
            verifications: Vec::new(),
            counted_signatures: HashSet::new(),
            outcome: Outcome::InProgress,
            finished_s: None,
            interventions: Vec::new(),
        }
    }
}

/// Each step's prerequisites: its `after` list, or else the required steps of the nearest
/// earlier unit (a step, or a run of consecutive steps sharing a group) that has any.
pub(crate) fn prerequisites(level: &Level, step_index: &HashMap<String, usize>) -> Vec<Vec<usize>> {
    let steps = &level.steps;
    let mut result = vec![Vec::new(); steps.len()];
    let mut previous_required: Vec<usize> = Vec::new();
    let mut start = 0;
    while start < steps.len() {
        let mut end = start + 1;
        if let Some(group) = &steps[start].group {
            while end < steps.len() && steps[end].group.as_ref() == Some(group) {
                end += 1;
            }
        }
        for index in start..end {
            result[index] = match &steps[index].after {
                Some(ids) => ids.iter().filter_map(|id| step_index.get(id).copied()).collect(),
                None => previous_required.clone(),
            };
        }
        let required: Vec<usize> = (start..end).filter(|&i| steps[i].required).collect();
        if !required.is_empty() {
            previous_required = required;
        }
        start = end;
    }
    result
}

/// Calls `f` on every action pattern in `condition`.
pub(crate) fn for_each_pattern<'a>(condition: &'a Condition, f: &mut impl FnMut(&'a crate::level::ActionPattern)) {
    match condition {
        Condition::Do(pattern) => f(pattern),
        Condition::State { .. } => {}
        Condition::AllOf(parts) | Condition::AnyOf(parts) => {
            for part in parts {
                for_each_pattern(part, f);
            }
        }
    }
}

fn leaf_count(condition: &Condition) -> usize {
    match condition {
        Condition::Do(_) => 1,
        Condition::State { .. } => 0,
        Condition::AllOf(parts) | Condition::AnyOf(parts) => parts.iter().map(leaf_count).sum(),
    }
}

/// Marks every `Do` leaf of `condition` that `action` matches.
/// Latches every `Do` leaf of `condition` that `action` matches; returns whether any did.
fn latch(registry: &Registry, condition: &Condition, action: &Action, latches: &mut [bool], next: &mut usize) -> bool {
    match condition {
        Condition::Do(pattern) => {
            let mut matched = false;
            if registry.matches(pattern, action)
                && let Some(latch) = latches.get_mut(*next)
            {
                *latch = true;
                matched = true;
            }
            *next += 1;
            matched
        }
        Condition::State { .. } => false,
        Condition::AllOf(parts) | Condition::AnyOf(parts) => {
            let mut any = false;
            for part in parts {
                any |= latch(registry, part, action, latches, next);
            }
            any
        }
    }
}

/// Whether `condition` holds given the latched actions and the current states. Visits every
/// leaf so the latch indices stay aligned.
fn holds(
    condition: &Condition,
    latches: &[bool],
    next: &mut usize,
    states: &HashMap<String, HashMap<String, Value>>,
) -> bool {
    match condition {
        Condition::Do(_) => {
            let done = latches.get(*next).copied().unwrap_or(false);
            *next += 1;
            done
        }
        Condition::State { of, key, is } => {
            states.get(of).and_then(|values| values.get(key)).is_some_and(|value| is.accepts(value))
        }
        Condition::AllOf(parts) => {
            let mut all = true;
            for part in parts {
                all &= holds(part, latches, next, states);
            }
            all
        }
        Condition::AnyOf(parts) => {
            let mut any = false;
            for part in parts {
                any |= holds(part, latches, next, states);
            }
            any
        }
    }
}

/// The result of replaying a level's golden path.
#[derive(Debug, Clone)]
pub struct GoldenReplay {
    pub report: Report,
    /// For each deviation in the report, the index of the golden-path entry that caused it
    /// (`None` when it came from the final tick).
    pub deviation_entries: Vec<Option<usize>>,
}

/// Replays `level.golden_path` in `mode`, starting at time 0, with the level's seed.
pub fn replay_golden(level: &Level, mode: Mode) -> GoldenReplay {
    replay(level, mode, &level.golden_path, level.seed.unwrap_or(0))
}

/// Replays `path` as a whole attempt that stops with it (a wrong path): once its last entry
/// is done, the trainee does nothing more, so time runs on past the deadline of every event
/// still waiting for a response, and then the attempt ends, complete or not.
pub fn replay_attempt(level: &Level, mode: Mode, path: &[GoldenEntry], seed: u64) -> GoldenReplay {
    let (mut runner, mut deviation_entries) = replay_runner(level, mode, path, seed);
    let end = path.last().map_or(0.0, |e| e.at());
    let before = runner.deviations().len();
    let waiting = runner
        .level
        .events
        .iter()
        .zip(&runner.progress.events)
        .filter(|(_, p)| p.status == EventStatus::Active)
        .map(|(event, p)| p.injected_s.unwrap_or(end) + event.deadline_s);
    let last_deadline = waiting.fold(end, f64::max);
    // A signature's verification still to come is judged too.
    let last_deadline = runner.progress.verifications.iter().map(|(_, due)| *due).fold(last_deadline, f64::max);
    // A moment past the deadline (deadlines are inclusive).
    let stop = last_deadline + 1.0;
    runner.tick(stop);
    runner.finish(stop);
    deviation_entries.extend((before..runner.deviations().len()).map(|_| None));
    GoldenReplay { report: runner.report(), deviation_entries }
}

/// Replays `path` (a golden path or a wrong path) in `mode` with `seed`, starting at time 0,
/// and lets time run to the last entry.
pub fn replay(level: &Level, mode: Mode, path: &[GoldenEntry], seed: u64) -> GoldenReplay {
    let (runner, deviation_entries) = replay_runner(level, mode, path, seed);
    GoldenReplay { report: runner.report(), deviation_entries }
}

/// Plays `path` to its last entry; the runner, and for each deviation the entry that caused it.
fn replay_runner(level: &Level, mode: Mode, path: &[GoldenEntry], seed: u64) -> (Runner, Vec<Option<usize>>) {
    let mut runner = Runner::with_seed(level, mode, seed);
    runner.start(0.0);
    let mut deviation_entries = Vec::new();
    for (index, entry) in path.iter().enumerate() {
        let before = runner.deviations().len();
        match entry {
            GoldenEntry::Do { at, action } => {
                runner.act(*at, action.clone());
            }
            GoldenEntry::Observe { at, of, key, value } => {
                runner.observe(*at, of, key, value.clone());
            }
        }
        deviation_entries.extend((before..runner.deviations().len()).map(|_| Some(index)));
    }
    let before = runner.deviations().len();
    let end = path.last().map_or(0.0, |e| e.at());
    runner.tick(end);
    deviation_entries.extend((before..runner.deviations().len()).map(|_| None));
    (runner, deviation_entries)
}
