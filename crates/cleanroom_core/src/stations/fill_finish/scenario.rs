//! Whole fill-and-finish runs played through the station's own actions, for the scenario
//! table, the benchmark and the tests: the well-run batch, and the mistakes that cost viability
//! or make deviations.

use super::ids::*;
use super::pages::FillFinishDesk;
use super::*;
use crate::level::{Action, ConnectMethod};

/// How a scenario's operator departs from the well-run batch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Choices {
    /// Start the plate's cooling before the addition.
    pub cool: bool,
    /// Minutes to add the cryoprotectant over.
    pub addition_min: f64,
    /// Mix while adding.
    pub mix: bool,
    /// Minutes the operator lets pass before the hand-off, once the bags are filled.
    pub wait_min: f64,
    /// Bags and fill per bag entered (the batch record's when None).
    pub bags: Option<u32>,
    pub fill_ml: Option<f64>,
    /// The first seal fails; and whether the operator, finding it on inspection, re-seals.
    pub seal_fails: bool,
    pub reseal: bool,
    pub retention_sample: bool,
    /// The chiller fails during the addition; and whether the operator answers its alarm
    /// (pause, restore the cooling, resume once the plate is cold).
    pub plate_fault: Option<bool>,
}

impl Default for Choices {
    fn default() -> Self {
        Self {
            cool: true,
            addition_min: Settings::default().addition_min,
            mix: true,
            wait_min: 5.0,
            bags: None,
            fill_ml: None,
            seal_fails: false,
            reseal: true,
            retention_sample: true,
            plate_fault: None,
        }
    }
}

/// What a scenario's batch gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub viability: f64,
    pub exposure_min: f64,
    pub cells_per_ml: f64,
    pub dmso_percent: f64,
    pub bag_volumes: Vec<f64>,
    pub deviations: Vec<DeviationKind>,
    pub refusals: Vec<String>,
}

/// Lets simulated time pass in half minutes until `done` (or `max_minutes`).
fn until(desk: &mut FillFinishDesk, done: impl Fn(&FillFinishDesk) -> bool, max_minutes: f64) {
    let mut waited = 0.0;
    while !done(desk) && waited < max_minutes {
        desk.station.advance(0.5);
        waited += 0.5;
    }
}

/// Plays a batch from line clearance to LN₂ storage on the default settings, with `choices`.
pub fn run(choices: Choices) -> (FillFinishDesk, Batch) {
    let settings = Settings::default();
    let record = settings.recipe;
    let mut desk = FillFinishDesk::with_station(FillFinish::with_settings("operator", settings));
    let mut refusals = Vec::new();
    let mut act = |desk: &mut FillFinishDesk, action: Action| {
        let outcome = desk.act(&action);
        refusals.extend(outcome.refusals.into_iter().map(|r| r.code));
    };
    let press = |control: &str| Action::Press { control: control.into() };
    let set = |control: &str, value: f64| Action::Set { control: control.into(), value: Value::Number(value) };
    act(&mut desk, press(LINE_CLEARANCE));
    act(&mut desk, press(CHECK_BATCH_RECORD));
    act(&mut desk, Action::Place { item: SET.into(), target: SET_MOUNT.into() });
    for (line, bag) in [(CELL_LINE, CELL_BAG), (CRYO_LINE, CRYO_BAG), (BAGS_LINE, FINAL_BAGS)] {
        act(&mut desk, Action::Connect { a: line.into(), b: bag.into(), method: ConnectMethod::SterileWeld });
        act(&mut desk, Action::Inspect { object: line.into() });
    }
    let bags = choices.bags.unwrap_or(record.bags);
    for (control, value) in [
        (RECIPE_CELLS, record.cells_per_ml / 1e6),
        (RECIPE_DMSO, record.dmso_percent),
        (RECIPE_FILL, choices.fill_ml.unwrap_or(record.fill_ml)),
        (RECIPE_BAGS, f64::from(bags)),
        (RECIPE_QC, record.qc_ml),
        (RECIPE_RETENTION, record.retention_ml),
        (ADDITION_TIME, choices.addition_min),
    ] {
        act(&mut desk, set(control, value));
    }
    act(&mut desk, press(CONFIRM_RECIPE));
    if choices.cool {
        act(&mut desk, press(COOLING));
        desk.run_until_idle(60.0);
    }
    if choices.mix {
        act(&mut desk, press(MIXING));
    }
    act(&mut desk, Action::OpenClamp { clamp: CRYO_CLAMP.into() });
    act(&mut desk, press(ADD_CRYOPROTECTANT));
    if let Some(answer) = choices.plate_fault {
        desk.station.advance(2.0);
        desk.inject("plate_warming");
        desk.run_until_idle(30.0);
        if answer {
            act(&mut desk, press(PAUSE_ADDITION));
            act(&mut desk, press(COOLING));
            act(&mut desk, press(ALARM_ACK));
            until(&mut desk, |d| d.station.plate_c() < PLATE_ALARM_C, 30.0);
            act(&mut desk, press(RESUME_ADDITION));
        } else {
            // Unanswered: the alarm silenced, the addition goes on while the plate warms, and
            // the cooling is restored only once the cryoprotectant is in.
            act(&mut desk, press(ALARM_ACK));
            until(&mut desk, |d| d.station.addition().done, 120.0);
            act(&mut desk, press(COOLING));
            until(&mut desk, |d| d.station.plate_c() < PLATE_ALARM_C, 30.0);
        }
    }
    desk.run_until_idle(120.0);
    act(&mut desk, press(FILL));
    desk.run_until_idle(120.0);
    act(&mut desk, press(REMOVE_AIR));
    if choices.seal_fails {
        desk.inject("seal_failed");
    }
    for (index, tube) in BAG_TUBES.iter().enumerate().take(bags as usize) {
        act(&mut desk, Action::Seal { tube: (*tube).into() });
        act(&mut desk, Action::Inspect { object: (*tube).into() });
        if choices.reseal && desk.station.bags()[index].seal_failed {
            act(&mut desk, Action::Seal { tube: (*tube).into() });
            act(&mut desk, Action::Inspect { object: (*tube).into() });
        }
    }
    act(&mut desk, Action::Place { item: QC_TUBE.into(), target: SAMPLE_PORT.into() });
    if choices.retention_sample {
        act(&mut desk, Action::Place { item: RETENTION_TUBE.into(), target: SAMPLE_PORT.into() });
    }
    act(&mut desk, press(LABEL_PRINTER));
    for label in BAG_LABELS.iter().take(bags as usize) {
        act(&mut desk, press(label));
    }
    desk.station.advance(choices.wait_min);
    act(&mut desk, press(OVERWRAP));
    act(&mut desk, press(FREEZER));
    act(&mut desk, press(RECORD_TIMES));
    desk.run_until_idle(300.0);
    act(&mut desk, press(TRANSFER_LN2));
    desk.station.advance(30.0);
    let s = &desk.station;
    let batch = Batch {
        viability: s.viability(),
        exposure_min: s.exposure_min(),
        cells_per_ml: s.final_cells_per_ml().unwrap_or(0.0),
        dmso_percent: s.dmso_percent_now(),
        bag_volumes: s.bags().iter().map(|bag| bag.volume_ml).collect(),
        deviations: s.deviations().to_vec(),
        refusals,
    };
    (desk, batch)
}
