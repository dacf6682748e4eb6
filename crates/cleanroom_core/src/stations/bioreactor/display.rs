//! What the touchscreen draws and the procedure runner observes: status, tasks, history.

use serde::{Deserialize, Serialize};

use super::alarms::Alarm;
use super::events::{Phase, SampleResult, Task};
use super::operation::{Bag, CoatingReagent, QcTest};
use super::{AlarmKind, Bioreactor, STATION_ID};
use crate::common::{Text, Value};
use crate::stations::screen::TaskState;

/// The simulated clock as the touchscreen shows it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Clock {
    /// Hours since the run began.
    pub elapsed_h: f64,
    /// Whole days since the run began.
    pub day: u32,
    /// Hour within that day, 0 to 23.
    pub hour: u32,
    /// Whole days since the cells were loaded (culture day 0 is the loading day).
    pub culture_day: Option<u32>,
}

/// The touchscreen's status panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusSnapshot {
    pub phase: Phase,
    pub phase_name: Text,
    pub clock: Clock,
    /// IC inlet rate set, mL/min.
    pub ic_inlet_ml_min: f64,
    /// Whether the pumps run (not during attachment, nor while a pressure alarm holds them).
    pub pumps_running: bool,
    /// Cells estimated from the lactate generation rate.
    pub cells_estimate: f64,
    pub coating: Option<CoatingReagent>,
    /// Hours left before the coating is done, while coating.
    pub coating_remaining_h: Option<f64>,
    pub last_sample: Option<SampleResult>,
    pub alarms: Vec<Alarm>,
    pub contaminated: bool,
}

/// One line of the task list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskEntry {
    pub task: Task,
    pub title: Text,
    pub state: TaskState,
}

/// One point of the chart series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HistoryPoint {
    pub time_h: f64,
    pub glucose_mmol_l: f64,
    pub lactate_mmol_l: f64,
    pub cells_estimate: f64,
}

/// Every key `Bioreactor::observations` reports, for level validation.
pub const OBSERVATION_KEYS: &[&str] = &[
    "phase",
    "elapsed_h",
    "day",
    "set_loaded",
    "primed",
    "air_detected",
    "air_left_after_priming",
    "coating",
    "coating_complete",
    "washed_out",
    "conditioned",
    "cells_loaded",
    "seeded_cells",
    "distribution",
    "hours_since_loading",
    "feeding",
    "ic_inlet_rate_ml_min",
    "pumps_running",
    "glucose_mmol_l",
    "lactate_mmol_l",
    "peak_lactate_mmol_l",
    "cells",
    "cells_estimate",
    "viability",
    "samples_taken",
    "hours_since_sample",
    "contaminated",
    "deviations",
    "record_entries",
    "bag_media",
    "bag_reagent",
    "bag_cell",
    "bag_waste",
    "bag_harvest",
    "alarm_lactate_high",
    "alarm_glucose_low",
    "alarm_sample_due",
    "alarm_ic_inlet_pressure_high",
    "alarm_set_pressure_high",
    "harvested",
    "harvested_cells",
    "harvest_viability",
    "harvest_labelled",
    "qc_count_and_viability",
    "qc_sterility",
    "qc_mycoplasma",
    "qc_endotoxin",
    "sterility_result",
];

impl Bioreactor {
    /// The clock for the touchscreen.
    pub fn clock(&self) -> Clock {
        let whole_hours = self.clock_h.max(0.0).floor() as u64;
        Clock {
            elapsed_h: self.clock_h,
            day: (whole_hours / 24) as u32,
            hour: (whole_hours % 24) as u32,
            culture_day: self.culture_day(),
        }
    }

    fn culture_day(&self) -> Option<u32> {
        self.cells_loaded_h.map(|loaded| ((self.clock_h - loaded).max(0.0) / 24.0).floor() as u32)
    }

    /// The status panel now.
    pub fn status(&self) -> StatusSnapshot {
        StatusSnapshot {
            phase: self.phase,
            phase_name: self.phase.name(),
            clock: self.clock(),
            ic_inlet_ml_min: self.ic_inlet_ml_min,
            pumps_running: self.effective_inlet_ml_min() > 0.0,
            cells_estimate: self.culture.cells_estimate(),
            coating: self.coating,
            coating_remaining_h: (self.phase == Phase::Coating).then(|| (self.coating_ready_h - self.clock_h).max(0.0)),
            last_sample: self.samples.last().cloned(),
            alarms: self.alarms.clone(),
            contaminated: self.contaminated,
        }
    }

    /// The task list with each task's state.
    pub fn tasks(&self) -> Vec<TaskEntry> {
        let states = TaskState::in_order(Task::ALL.map(|task| self.task_done(task)));
        Task::ALL.into_iter().zip(states).map(|(task, state)| TaskEntry { task, title: task.title(), state }).collect()
    }

    fn task_done(&self, task: Task) -> bool {
        let reached = |phase: Phase| self.phase >= phase;
        match task {
            Task::LoadSet => reached(Phase::SetLoaded),
            Task::ConnectMediaAndWaste => reached(Phase::Primed) || self.media_and_waste_joined(),
            Task::Prime => reached(Phase::Primed),
            Task::Coat => reached(Phase::Coated),
            Task::WashOut => reached(Phase::WashedOut),
            Task::ConditionMedium => reached(Phase::Conditioned),
            Task::LoadCells => reached(Phase::Attachment),
            Task::Attachment => reached(Phase::Feeding),
            Task::Feed | Task::Harvest => reached(Phase::Harvested),
        }
    }

    fn media_and_waste_joined(&self) -> bool {
        self.line(Bag::Media).is_connected() && self.line(Bag::Waste).is_connected()
    }

    /// The state as `(key, value)` pairs for the procedure runner; keys are `OBSERVATION_KEYS`.
    pub fn observations(&self) -> Vec<(&'static str, Value)> {
        let mut out = self.procedure_observations();
        out.extend(self.culture_observations());
        out.extend(self.line_and_alarm_observations());
        out.extend(self.harvest_observations());
        out
    }

    /// The observations with this station's id, as the procedure runner receives them.
    pub fn station_observations(&self) -> Vec<(&'static str, &'static str, Value)> {
        self.observations().into_iter().map(|(key, value)| (STATION_ID, key, value)).collect()
    }

    /// The current value of one observation key.
    pub fn observe(&self, key: &str) -> Option<Value> {
        self.observations().into_iter().find_map(|(k, value)| (k == key).then_some(value))
    }

    fn procedure_observations(&self) -> Vec<(&'static str, Value)> {
        let reached = |phase: Phase| Value::Flag(self.phase >= phase);
        let coating = self.coating.map_or("none", CoatingReagent::id);
        let distribution = self.distribution.map_or("none", |d| d.id());
        vec![
            ("phase", Value::Choice(self.phase.id().into())),
            ("elapsed_h", Value::Number(self.clock_h)),
            ("day", Value::Number(f64::from(self.culture_day().unwrap_or(0)))),
            ("set_loaded", reached(Phase::SetLoaded)),
            ("primed", reached(Phase::Primed)),
            ("air_detected", Value::Flag(self.air_detected())),
            // Air a primed set still holds: a line that was clamped shut while it primed.
            ("air_left_after_priming", Value::Flag(self.phase >= Phase::Primed && self.air_detected())),
            ("coating", Value::Choice(coating.into())),
            ("coating_complete", reached(Phase::Coated)),
            ("washed_out", reached(Phase::WashedOut)),
            ("conditioned", reached(Phase::Conditioned)),
            ("cells_loaded", reached(Phase::Attachment)),
            ("seeded_cells", Value::Number(self.seeded_cells)),
            ("distribution", Value::Choice(distribution.into())),
            ("hours_since_loading", Value::Number(self.hours_since_loading())),
            ("feeding", Value::Flag(self.phase == Phase::Feeding)),
            ("ic_inlet_rate_ml_min", Value::Number(self.ic_inlet_ml_min)),
            ("pumps_running", Value::Flag(self.effective_inlet_ml_min() > 0.0)),
        ]
    }

    fn culture_observations(&self) -> Vec<(&'static str, Value)> {
        let culture = &self.culture;
        let hours_since_sample = if self.phase >= Phase::Attachment { self.hours_since_sample() } else { 0.0 };
        vec![
            ("glucose_mmol_l", Value::Number(culture.glucose_mmol_l)),
            ("lactate_mmol_l", Value::Number(culture.lactate_mmol_l)),
            ("peak_lactate_mmol_l", Value::Number(self.peak_lactate_mmol_l)),
            ("cells", Value::Number(culture.attached + culture.unattached)),
            ("cells_estimate", Value::Number(culture.cells_estimate())),
            ("viability", Value::Number(culture.viability())),
            ("samples_taken", Value::Number(self.samples.len() as f64)),
            ("hours_since_sample", Value::Number(hours_since_sample)),
        ]
    }

    fn line_and_alarm_observations(&self) -> Vec<(&'static str, Value)> {
        let mut out = vec![
            ("contaminated", Value::Flag(self.contaminated)),
            ("deviations", Value::Number(self.deviations.len() as f64)),
            ("record_entries", Value::Number(self.record.len() as f64)),
        ];
        for bag in Bag::ALL {
            let line = self.line(bag).id();
            out.push((bag.observation_key(), Value::Choice(line.into())));
        }
        for kind in AlarmKind::ALL {
            out.push((kind.observation_key(), Value::Flag(self.alarm_active(kind))));
        }
        out
    }

    fn harvest_observations(&self) -> Vec<(&'static str, Value)> {
        let harvest = self.harvest;
        let mut out = vec![
            ("harvested", Value::Flag(harvest.is_some())),
            ("harvested_cells", Value::Number(harvest.map_or(0.0, |h| h.viable_cells))),
            ("harvest_viability", Value::Number(harvest.map_or(0.0, |h| h.viability))),
            ("harvest_labelled", Value::Flag(self.harvest_labelled)),
        ];
        for test in QcTest::ALL {
            out.push((test.observation_key(), Value::Flag(self.qc_samples.contains(&test))));
        }
        out.push(("sterility_result", Value::Choice(self.sterility_result().into())));
        out
    }

    /// What the product's sterility sample will show: nothing until it is taken; growth when
    /// the closed system was broken at any point of the run.
    pub fn sterility_result(&self) -> &'static str {
        if !self.qc_samples.contains(&QcTest::Sterility) {
            "not_sampled"
        } else if self.contaminated {
            "growth"
        } else {
            "no_growth"
        }
    }
}
