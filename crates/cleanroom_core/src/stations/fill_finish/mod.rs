//! The fill-and-finish station (Finia-like, domain.md §6): the operator's procedure from line
//! clearance to the controlled-rate freezer as a state machine, the product it makes (volumes,
//! DMSO, viability, the bags), the cooling plate, the labels and the chain of identity.
//!
//! Finia's own figures were not found (§6): the recipe, bag count, hold time and shelf life are
//! the level's (the instructor's); rates and temperatures of the unit are this model's
//! assumptions, each named where it is defined.

pub mod formulation;
pub mod ids;
mod operate;
pub mod pages;
pub mod scenario;
pub mod station;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::common::{Text, Value};
use crate::isbt128::{Date, Din, product_code_for_dmso};
use crate::stations::batch_record::{BatchRecord, EntryKind};
use crate::stations::{Outcome, Product, Refusal};
use formulation::{Handling, Incoming, Plan, Recipe};

pub use station::SPEC;

/// Who the unit's own entries are attributed to.
const SYSTEM_OPERATOR: &str = "system";

/// Room temperature the plate drifts to, °C. Assumption: a controlled room of 18–24 °C.
pub const AMBIENT_C: f64 = 21.0;
/// The cooling plate's set point, °C. Assumption: the middle of the 2–8 °C band of its label.
pub const PLATE_SETPOINT_C: f64 = 4.0;
/// How fast the plate cools to its set point, and warms without cooling, °C/min. Assumptions.
pub const PLATE_COOLING_C_MIN: f64 = 2.0;
pub const PLATE_WARMING_C_MIN: f64 = 1.0;
/// How fast the plate warms with its lid open while cooling, °C/min. Assumption.
pub const LID_OPEN_WARMING_C_MIN: f64 = 0.4;
/// How fast the unit fills a bag, mL/min. Assumption (game pacing, not a vendor figure).
pub const FILL_RATE_ML_MIN: f64 = 30.0;
/// The plate's warning: it sounds this far below the 8 °C limit, so that the operator can
/// pause the addition before the cells take DMSO warm, °C. Assumption.
pub const PLATE_ALARM_C: f64 = 7.0;
/// Share of the cryoprotectant that may go in without mixing before it counts as a bolus
/// (a local high concentration). Assumption.
pub const UNMIXED_SHARE_LIMIT: f64 = 0.2;
/// Where the freezer's profile ends before the bags go to LN₂ vapour, °C. Assumption: a common
/// program end point; the program itself is **typical** (§6.2).
pub const FREEZER_END_C: f64 = -90.0;
/// The product in LN₂ vapour storage, °C. Assumption: vapour phase below −150 °C [S64][S65].
pub const VAPOUR_STORAGE_C: f64 = -170.0;
/// How fast the product cools on to the vapour's temperature once moved there, °C/min.
/// Assumption.
pub const LN2_TRANSFER_C_MIN: f64 = 5.0;
/// The storage limit of the cryopreserved HPC product codes, °C ("≤ −120C", [S60]).
pub const PRODUCT_STORAGE_LIMIT_C: f64 = -120.0;

/// Simulated minutes per real second while the unit works by itself (cooling down, adding,
/// filling, a fault warming the plate before its alarm), while the operator works by hand
/// (three times life, so that the hold time is felt), and while the freezer runs its profile.
/// Game pacing.
pub const AUTOMATED_MINUTES_PER_SECOND: f64 = 1.0;
pub const MANUAL_MINUTES_PER_SECOND: f64 = 0.05;
pub const FREEZER_MINUTES_PER_SECOND: f64 = 4.0;
/// The model's time step, minutes.
pub const STEP_MIN: f64 = 0.05;
/// How often the chart takes a point, minutes.
const HISTORY_EVERY_MIN: f64 = 0.5;

/// Where the procedure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Phase {
    /// Waiting for line clearance of the bench.
    LineClearance,
    /// Waiting for the batch record, its recipe and the incoming bag to be checked.
    BatchRecord,
    /// Waiting for the single-use set.
    LoadSet,
    /// The set is on: weld the bags and inspect the welds.
    Welding,
    /// Welds made and inspected: enter and confirm the recipe.
    Recipe,
    /// Recipe confirmed: cool, mix and add the cryoprotectant.
    Formulating,
    /// The cryoprotectant is in.
    Formulated,
    Filling,
    /// The bags are full: air, seals, samples, labels, overwrap.
    Filled,
    /// In the controlled-rate freezer.
    Freezing,
    /// The profile has reached its end.
    Frozen,
    /// In LN₂ vapour storage.
    Stored,
    /// An identity query with QA: nothing goes on until it is resolved.
    OnHold,
}

impl Phase {
    pub fn id(self) -> &'static str {
        match self {
            Phase::LineClearance => "line_clearance",
            Phase::BatchRecord => "batch_record",
            Phase::LoadSet => "load_set",
            Phase::Welding => "welding",
            Phase::Recipe => "recipe",
            Phase::Formulating => "formulating",
            Phase::Formulated => "formulated",
            Phase::Filling => "filling",
            Phase::Filled => "filled",
            Phase::Freezing => "freezing",
            Phase::Frozen => "frozen",
            Phase::Stored => "stored",
            Phase::OnHold => "on_hold",
        }
    }

    pub fn name(self) -> Text {
        match self {
            Phase::LineClearance => Text::new("Line clearance", "라인 클리어런스"),
            Phase::BatchRecord => Text::new("Check batch record", "제조기록서 확인"),
            Phase::LoadSet => Text::new("Load set", "세트 장착"),
            Phase::Welding => Text::new("Welding", "무균 접합"),
            Phase::Recipe => Text::new("Recipe", "레시피"),
            Phase::Formulating => Text::new("Formulating", "조제 중"),
            Phase::Formulated => Text::new("Formulated", "조제 완료"),
            Phase::Filling => Text::new("Filling", "충전 중"),
            Phase::Filled => Text::new("Filled", "충전 완료"),
            Phase::Freezing => Text::new("Freezing", "동결 중"),
            Phase::Frozen => Text::new("Frozen", "동결 완료"),
            Phase::Stored => Text::new("Stored in LN₂ vapour", "액체질소 기상 보관"),
            Phase::OnHold => Text::new("On hold: identity query", "보류: 식별 확인 요청"),
        }
    }
}

/// The three welds of the set, in the order the screen lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Weld {
    Cells,
    Cryoprotectant,
    FinalBags,
}

impl Weld {
    pub const ALL: [Weld; 3] = [Weld::Cells, Weld::Cryoprotectant, Weld::FinalBags];

    /// The set's line that is welded.
    pub fn line(self) -> &'static str {
        match self {
            Weld::Cells => ids::CELL_LINE,
            Weld::Cryoprotectant => ids::CRYO_LINE,
            Weld::FinalBags => ids::BAGS_LINE,
        }
    }

    pub fn name(self) -> Text {
        match self {
            Weld::Cells => Text::new("Cell bag", "세포 백"),
            Weld::Cryoprotectant => Text::new("Cryoprotectant", "동결보호제"),
            Weld::FinalBags => Text::new("Final bags", "최종 백"),
        }
    }

    /// What the line is welded to, in words.
    pub fn bag(self) -> Text {
        match self {
            Weld::Cells => Text::new("the bag of cells this batch is made from", "이 배치를 만드는 세포 백"),
            Weld::Cryoprotectant => Text::new("the cryoprotectant bag", "동결보호제 백"),
            Weld::FinalBags => Text::new("the final bags' manifold", "최종 백 매니폴드"),
        }
    }
}

/// The unit's alarms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AlarmKind {
    /// The plate is warming towards the top of its 2–8 °C band after it had been cold.
    PlateWarm,
    /// The DMSO exposure has passed the level's hold time.
    HoldTimeExceeded,
}

impl AlarmKind {
    pub const ALL: [AlarmKind; 2] = [AlarmKind::PlateWarm, AlarmKind::HoldTimeExceeded];

    pub fn id(self) -> &'static str {
        match self {
            AlarmKind::PlateWarm => "plate_warm",
            AlarmKind::HoldTimeExceeded => "hold_time_exceeded",
        }
    }

    pub fn observation_key(self) -> &'static str {
        match self {
            AlarmKind::PlateWarm => "alarm_plate_warm",
            AlarmKind::HoldTimeExceeded => "alarm_hold_time_exceeded",
        }
    }

    pub fn message(self) -> Text {
        match self {
            AlarmKind::PlateWarm => Text::new(
                format!(
                    "Cooling plate warming above {PLATE_ALARM_C:.0} °C: pause the addition and restore the cooling."
                ),
                format!(
                    "냉각 플레이트가 {PLATE_ALARM_C:.0} °C 이상으로 올라감: 첨가를 일시 정지하고 냉각을 복구하십시오."
                ),
            ),
            AlarmKind::HoldTimeExceeded => Text::new(
                "DMSO exposure has passed the hold time: get the bags to the freezer.",
                "DMSO 노출 시간이 허용 시간을 넘었습니다. 백을 동결기로 옮기십시오.",
            ),
        }
    }
}

/// A departure from the procedure the unit records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeviationKind {
    /// The incoming bag and the batch record (or the labels) name different donations, and the
    /// batch went on as if they agreed (§6.3, [S61]).
    IdentityMismatch,
    /// The recipe confirmed is not the batch record's (concentration, DMSO, sample volumes or
    /// addition time).
    RecipeMismatch,
    /// Cryoprotectant added with the plate above 8 °C.
    WarmAddition,
    /// Cryoprotectant added too fast or without mixing ("added slowly", [S6]).
    BolusAddition,
    /// DMSO exposure beyond the level's hold time (§6.2).
    HoldTimeExceeded,
    /// More or fewer bags than the batch record.
    WrongBagCount,
    /// A fill volume per bag that is not the batch record's.
    WrongFillVolume,
    /// A bag went to the freezer with a seal that had failed.
    FailedSeal,
    /// No retention sample was taken.
    NoRetentionSample,
    /// No QC sample was taken.
    NoQcSample,
}

impl DeviationKind {
    pub const ALL: [DeviationKind; 10] = [
        DeviationKind::IdentityMismatch,
        DeviationKind::RecipeMismatch,
        DeviationKind::WarmAddition,
        DeviationKind::BolusAddition,
        DeviationKind::HoldTimeExceeded,
        DeviationKind::WrongBagCount,
        DeviationKind::WrongFillVolume,
        DeviationKind::FailedSeal,
        DeviationKind::NoRetentionSample,
        DeviationKind::NoQcSample,
    ];

    pub fn id(self) -> &'static str {
        match self {
            DeviationKind::IdentityMismatch => "identity_mismatch",
            DeviationKind::RecipeMismatch => "recipe_mismatch",
            DeviationKind::WarmAddition => "warm_addition",
            DeviationKind::BolusAddition => "bolus_addition",
            DeviationKind::HoldTimeExceeded => "hold_time_exceeded",
            DeviationKind::WrongBagCount => "wrong_bag_count",
            DeviationKind::WrongFillVolume => "wrong_fill_volume",
            DeviationKind::FailedSeal => "failed_seal",
            DeviationKind::NoRetentionSample => "no_retention_sample",
            DeviationKind::NoQcSample => "no_qc_sample",
        }
    }

    /// The observation that says whether the unit has recorded it.
    pub fn observation_key(self) -> &'static str {
        match self {
            DeviationKind::IdentityMismatch => "deviation_identity_mismatch",
            DeviationKind::RecipeMismatch => "deviation_recipe_mismatch",
            DeviationKind::WarmAddition => "deviation_warm_addition",
            DeviationKind::BolusAddition => "deviation_bolus_addition",
            DeviationKind::HoldTimeExceeded => "deviation_hold_time_exceeded",
            DeviationKind::WrongBagCount => "deviation_wrong_bag_count",
            DeviationKind::WrongFillVolume => "deviation_wrong_fill_volume",
            DeviationKind::FailedSeal => "deviation_failed_seal",
            DeviationKind::NoRetentionSample => "deviation_no_retention_sample",
            DeviationKind::NoQcSample => "deviation_no_qc_sample",
        }
    }
}

/// What the level gives the unit: the incoming cells and their identity, the batch record and
/// the instructor-set limits.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The cells in the incoming bag, unless another station's product is handed on.
    pub incoming: Incoming,
    /// The DIN on the incoming bag.
    pub incoming_din: Din,
    /// The DIN the batch record (and so the printed labels) carries; the incoming bag's unless
    /// the level plants a mismatch.
    pub batch_record_din: Option<Din>,
    /// The batch record's recipe.
    pub recipe: Recipe,
    /// The batch record's addition time, minutes.
    pub addition_min: f64,
    /// DMSO in the cryoprotectant bag, % (v/v).
    pub cryoprotectant_dmso: f64,
    /// Minutes from the first DMSO contact to the freezer (site-validated, §6.2).
    pub hold_min: f64,
    /// The release specification for viability, as a share [S76].
    pub viability_spec: f64,
    /// The controlled-rate profile's cooling rate, °C/min (§6.2's −1 default).
    pub cooling_rate_c_min: f64,
    /// The date of manufacture, and the months to expiry printed on the labels (instructor-set).
    pub date: Date,
    pub shelf_life_months: u32,
    /// The batch's number, as the batch record prints it.
    pub batch: String,
    /// The batch is made from another station's product handed on (not the bench's cell bag).
    pub handed_on: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            incoming: Incoming { cells: 5.0e8, viability: 0.92, volume_ml: 50.0 },
            // The published example DIN [S68].
            incoming_din: Din::parse("G123 498 654 321").unwrap_or_else(|_| unreachable_din()),
            batch_record_din: None,
            recipe: Recipe {
                cells_per_ml: 5.0e6,
                dmso_percent: 10.0,
                fill_ml: 25.0,
                bags: 3,
                qc_ml: 2.0,
                retention_ml: 2.0,
            },
            addition_min: 10.0,
            cryoprotectant_dmso: formulation::CRYOPROTECTANT_DMSO_DEFAULT,
            // Instructor-set; 30–60 min is the commonly quoted practice (§6.2, unverified).
            hold_min: 45.0,
            viability_spec: 0.70,
            cooling_rate_c_min: formulation::COOLING_RATE_C_MIN,
            date: Date { year: 2026, month: 12, day: 1 },
            // Assumption: the shelf life is the product's, set by the instructor.
            shelf_life_months: 12,
            batch: "FF-2026-001".into(),
            handed_on: false,
        }
    }
}

/// The published example parses; this is never reached.
fn unreachable_din() -> Din {
    Din { facility: "G1234".into(), year: "98".into(), sequence: "654321".into() }
}

/// The recipe as typed on the keypad, field by field (cells in 10⁶/mL).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct RecipeEntry {
    pub cells_e6_per_ml: Option<f64>,
    pub dmso_percent: Option<f64>,
    pub fill_ml: Option<f64>,
    pub bags: Option<f64>,
    pub qc_ml: Option<f64>,
    pub retention_ml: Option<f64>,
    pub addition_min: Option<f64>,
}

impl RecipeEntry {
    /// The recipe, once every field holds a value.
    pub fn recipe(&self) -> Option<Recipe> {
        Some(Recipe {
            cells_per_ml: self.cells_e6_per_ml? * 1e6,
            dmso_percent: self.dmso_percent?,
            fill_ml: self.fill_ml?,
            bags: self.bags? as u32,
            qc_ml: self.qc_ml?,
            retention_ml: self.retention_ml?,
        })
    }
}

/// One final bag.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct FinalBag {
    pub volume_ml: f64,
    pub sealed: bool,
    /// The seal made did not hold (seen only by inspecting it).
    pub seal_failed: bool,
    pub seal_inspected: bool,
    pub labelled: bool,
}

/// The cryoprotectant addition as it goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Addition {
    /// When the first DMSO reached the cells (clock minutes).
    pub started_at: Option<f64>,
    pub paused: bool,
    pub done: bool,
    pub added_ml: f64,
    /// Of it, what went in without mixing.
    pub unmixed_ml: f64,
    /// Minutes it has run (pauses not counted).
    pub running_min: f64,
    /// The warmest the plate was while it ran, °C.
    pub warmest_c: f64,
}

/// One point of the run's chart.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HistoryPoint {
    pub clock_min: f64,
    pub plate_c: f64,
    pub exposure_min: f64,
}

/// The labels printed from the batch record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Labels {
    pub din: String,
    pub product_code: Option<String>,
    pub volume_ml: f64,
    pub dmso_percent: f64,
    pub expiry: String,
    pub batch: String,
}

impl Labels {
    /// The label's text, line by line, as printed on a bag (the overwrap's is the same).
    pub fn text(&self) -> Text {
        let code = self.product_code.clone().unwrap_or_else(|| "—".into());
        let en = format!(
            "DIN\n{}\n{code} HPC, APHERESIS\nCRYOPRESERVED\n{:.0} % DMSO · VOLUME {:.0} mL\nEXP {}\nBATCH {}\nFOR AUTOLOGOUS USE ONLY",
            self.din, self.dmso_percent, self.volume_ml, self.expiry, self.batch
        );
        let ko = format!(
            "DIN\n{}\n{code} HPC, APHERESIS\n동결보존\nDMSO {:.0} % · 용량 {:.0} mL\n유효기한 {}\n배치 {}\n자가 사용 전용",
            self.din, self.dmso_percent, self.volume_ml, self.expiry, self.batch
        );
        Text::new(en, ko)
    }
}

/// The fill-and-finish unit and the batch on it.
#[derive(Debug, Clone, PartialEq)]
pub struct FillFinish {
    pub(crate) operator: String,
    pub(crate) settings: Settings,
    pub(crate) phase: Phase,
    clock_min: f64,
    pending_real_s: f64,
    record: BatchRecord,
    deviations: Vec<DeviationKind>,
    notice: Option<Text>,
    alarms: Vec<AlarmKind>,
    /// Alarms the operator has acknowledged (silenced while the cause lasts).
    acknowledged: Vec<AlarmKind>,
    /// The product handed on from another station, once placed here.
    received: Option<Product>,
    /// A product offered by the next action (see `StationModel::receive`).
    offered: Option<Product>,
    incoming: Incoming,
    incoming_din: Din,
    incoming_item: String,
    mismatch_reported: bool,
    /// An identity query raised where bag and record agreed (QA closed it).
    false_query: bool,
    welds: [bool; 3],
    welds_inspected: [bool; 3],
    pub(crate) entry: RecipeEntry,
    recipe: Option<Recipe>,
    plan: Option<Plan>,
    addition_min: f64,
    plate_c: f64,
    plate_was_cold: bool,
    cooling: bool,
    chiller_fault: bool,
    lid_open: bool,
    mixing: bool,
    cryo_clamp_open: bool,
    addition: Addition,
    bags: Vec<FinalBag>,
    filling_bag: usize,
    air_removed: bool,
    next_seal_fails: bool,
    qc_sample: bool,
    retention_sample: bool,
    labels: Option<Labels>,
    overwrapped: bool,
    handed_off_at: Option<f64>,
    times_recorded: bool,
    product_c: f64,
    viability: Option<f64>,
    history: Vec<HistoryPoint>,
    /// (minutes since hand-off, product °C), for the freezing plot.
    freezing: Vec<(f64, f64)>,
}

impl FillFinish {
    pub fn new(operator: &str) -> Self {
        Self::with_settings(operator, Settings::default())
    }

    pub fn with_settings(operator: &str, settings: Settings) -> Self {
        Self {
            operator: operator.to_owned(),
            incoming: settings.incoming,
            incoming_din: settings.incoming_din.clone(),
            incoming_item: ids::CELL_BAG.to_owned(),
            addition_min: settings.addition_min,
            settings,
            phase: Phase::LineClearance,
            clock_min: 0.0,
            pending_real_s: 0.0,
            record: BatchRecord::new(),
            deviations: Vec::new(),
            notice: None,
            alarms: Vec::new(),
            acknowledged: Vec::new(),
            received: None,
            offered: None,
            mismatch_reported: false,
            false_query: false,
            welds: [false; 3],
            welds_inspected: [false; 3],
            entry: RecipeEntry::default(),
            recipe: None,
            plan: None,
            plate_c: AMBIENT_C,
            plate_was_cold: false,
            cooling: false,
            chiller_fault: false,
            lid_open: false,
            mixing: false,
            cryo_clamp_open: false,
            addition: Addition::default(),
            bags: Vec::new(),
            filling_bag: 0,
            air_removed: false,
            next_seal_fails: false,
            qc_sample: false,
            retention_sample: false,
            labels: None,
            overwrapped: false,
            handed_off_at: None,
            times_recorded: false,
            product_c: AMBIENT_C,
            viability: None,
            history: Vec::new(),
            freezing: Vec::new(),
        }
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn batch_record(&self) -> &BatchRecord {
        &self.record
    }

    pub fn deviations(&self) -> &[DeviationKind] {
        &self.deviations
    }

    pub fn alarms(&self) -> &[AlarmKind] {
        &self.alarms
    }

    pub fn notice(&self) -> Option<&Text> {
        self.notice.as_ref()
    }

    pub fn incoming(&self) -> Incoming {
        self.incoming
    }

    /// The DIN on the incoming bag.
    pub fn incoming_din(&self) -> &Din {
        &self.incoming_din
    }

    /// The item the cells came in (the level's cell bag, or another station's product bag).
    pub fn incoming_item(&self) -> &str {
        &self.incoming_item
    }

    /// The product handed on from another station, if the batch is made from one.
    pub fn received(&self) -> Option<&Product> {
        self.received.as_ref()
    }

    /// The DIN the batch record carries (and the labels print): the level's, fixed when the
    /// batch record was opened, whatever bag arrives.
    pub fn batch_record_din(&self) -> &Din {
        self.settings.batch_record_din.as_ref().unwrap_or(&self.settings.incoming_din)
    }

    /// Whether the incoming bag and the batch record name different donations.
    pub fn identity_mismatch(&self) -> bool {
        self.batch_record_din() != &self.incoming_din
    }

    pub fn mismatch_reported(&self) -> bool {
        self.mismatch_reported
    }

    /// Whether an identity query was raised where bag and record agreed.
    pub fn false_query(&self) -> bool {
        self.false_query
    }

    pub fn welds(&self) -> [bool; 3] {
        self.welds
    }

    pub fn welds_inspected(&self) -> [bool; 3] {
        self.welds_inspected
    }

    pub fn recipe(&self) -> Option<Recipe> {
        self.recipe
    }

    pub fn plan(&self) -> Option<Plan> {
        self.plan
    }

    pub fn addition_min(&self) -> f64 {
        self.addition_min
    }

    pub fn plate_c(&self) -> f64 {
        self.plate_c
    }

    pub fn cooling(&self) -> bool {
        self.cooling && !self.chiller_fault
    }

    pub fn chiller_fault(&self) -> bool {
        self.chiller_fault
    }

    pub fn lid_open(&self) -> bool {
        self.lid_open
    }

    pub fn mixing(&self) -> bool {
        self.mixing
    }

    pub fn cryo_clamp_open(&self) -> bool {
        self.cryo_clamp_open
    }

    pub fn addition(&self) -> &Addition {
        &self.addition
    }

    pub fn bags(&self) -> &[FinalBag] {
        &self.bags
    }

    pub fn air_removed(&self) -> bool {
        self.air_removed
    }

    pub fn qc_sample(&self) -> bool {
        self.qc_sample
    }

    pub fn retention_sample(&self) -> bool {
        self.retention_sample
    }

    pub fn labels(&self) -> Option<&Labels> {
        self.labels.as_ref()
    }

    pub fn overwrapped(&self) -> bool {
        self.overwrapped
    }

    pub fn handed_off(&self) -> bool {
        self.handed_off_at.is_some()
    }

    pub fn times_recorded(&self) -> bool {
        self.times_recorded
    }

    pub fn product_c(&self) -> f64 {
        self.product_c
    }

    pub fn history(&self) -> &[HistoryPoint] {
        &self.history
    }

    pub fn freezing(&self) -> &[(f64, f64)] {
        &self.freezing
    }

    /// Simulated minutes since the unit was switched on.
    pub fn clock_min(&self) -> f64 {
        self.clock_min
    }

    /// Minutes since the first DMSO contact (to the hand-off once the bags are in the freezer).
    pub fn exposure_min(&self) -> f64 {
        match self.addition.started_at {
            Some(start) => self.handed_off_at.unwrap_or(self.clock_min) - start,
            None => 0.0,
        }
    }

    /// DMSO in the cells now, % (v/v), from what has been added.
    pub fn dmso_percent_now(&self) -> f64 {
        let Some(plan) = self.plan else {
            return 0.0;
        };
        let share = if plan.cryoprotectant_ml > 0.0 { self.addition.added_ml / plan.cryoprotectant_ml } else { 0.0 };
        let volume = self.incoming.volume_ml + share * (plan.cryoprotectant_ml + plan.diluent_ml);
        if volume > 0.0 { self.addition.added_ml * self.settings.cryoprotectant_dmso / volume } else { 0.0 }
    }

    /// How the cryoprotectant went in and how long the cells have waited, for viability.
    pub fn handling(&self) -> Handling {
        let unmixed = self.plan.is_some_and(|plan| {
            plan.cryoprotectant_ml > 0.0 && self.addition.unmixed_ml / plan.cryoprotectant_ml > UNMIXED_SHARE_LIMIT
        });
        // Until the addition is over it is not yet a bolus: it may still take its full time.
        let addition_min = if unmixed {
            0.0
        } else if self.addition.done {
            self.addition.running_min
        } else {
            self.addition.running_min.max(formulation::GRADUAL_ADDITION_MIN)
        };
        Handling {
            plate_c: self.addition.warmest_c,
            addition_min,
            exposure_min: self.exposure_min(),
            hold_min: self.settings.hold_min,
        }
    }

    /// The viable share of the cells: as they came in until DMSO reaches them, then after the
    /// handling so far (fixed at the hand-off).
    pub fn viability(&self) -> f64 {
        match self.viability {
            Some(viability) => viability,
            None if self.addition.started_at.is_some() => {
                formulation::viability_after(self.incoming.viability, &self.handling())
            }
            None => self.incoming.viability,
        }
    }

    /// The final concentration, cells/mL, once formulated.
    pub fn final_cells_per_ml(&self) -> Option<f64> {
        self.plan.map(|plan| self.incoming.cells / plan.total_ml)
    }

    /// The labels as they will print now, from the batch record and the recipe entered.
    pub fn labels_now(&self) -> Option<Labels> {
        let recipe = self.recipe?;
        let code = product_code_for_dmso(recipe.dmso_percent.round() as u8)
            .filter(|code| (f64::from(code.dmso_percent) - recipe.dmso_percent).abs() < 0.05)
            .map(|code| code.code.to_owned());
        Some(Labels {
            din: self.batch_record_din().to_string(),
            product_code: code,
            volume_ml: recipe.fill_ml,
            dmso_percent: recipe.dmso_percent,
            expiry: self.settings.date.plus_months(self.settings.shelf_life_months).to_string(),
            batch: self.settings.batch.clone(),
        })
    }

    /// Whether the unit works by itself now (time runs compressed then).
    fn automated(&self) -> bool {
        let cooling_down = self.cooling() && !self.lid_open && self.plate_c > PLATE_SETPOINT_C + 0.05;
        let adding = self.addition.started_at.is_some() && !self.addition.done && !self.addition.paused;
        let warned = self.alarms.contains(&AlarmKind::PlateWarm) || self.acknowledged.contains(&AlarmKind::PlateWarm);
        let fault_unnoticed = self.chiller_fault && !warned;
        // An alarm sounding, or silenced while its cause lasts, gives the operator time to
        // answer it.
        let alarm = !self.alarms.is_empty() || !self.acknowledged.is_empty();
        (cooling_down || adding || self.phase == Phase::Filling || fault_unnoticed) && !alarm
    }

    /// Simulated minutes per real second now.
    pub fn minutes_per_second(&self) -> f64 {
        if self.phase == Phase::Freezing {
            FREEZER_MINUTES_PER_SECOND
        } else if self.automated() {
            AUTOMATED_MINUTES_PER_SECOND
        } else {
            MANUAL_MINUTES_PER_SECOND
        }
    }

    /// Lets `seconds` of play pass, step by step at the pace of each moment; `handled` when
    /// the model moved.
    pub fn pass_real_time(&mut self, seconds: f64) -> Outcome {
        let before = self.record.len();
        let stepped = crate::stations::pace::pass_real_time(self, seconds, STEP_MIN);
        Outcome { handled: stepped, ..self.outcome_since(before, Vec::new()) }
    }

    /// Lets `minutes` of simulated time pass, for tests and scenarios.
    pub fn advance(&mut self, minutes: f64) -> Outcome {
        let before = self.record.len();
        let steps = (minutes / STEP_MIN).round().max(0.0) as usize;
        for _ in 0..steps {
            self.step(STEP_MIN);
        }
        self.outcome_since(before, Vec::new())
    }

    /// Lets time pass until the unit stops working by itself (or `max_minutes`).
    pub fn run_until_idle(&mut self, max_minutes: f64) {
        let mut left = max_minutes;
        while left > 0.0 && (self.automated() || self.phase == Phase::Freezing) {
            self.step(STEP_MIN);
            left -= STEP_MIN;
        }
    }

    fn step(&mut self, dt: f64) {
        self.clock_min += dt;
        self.step_plate(dt);
        // On hold, the unit stops what it was doing until QA resolves the query.
        let held = self.phase == Phase::OnHold;
        if self.addition.started_at.is_some() && !self.addition.done && !self.addition.paused && !held {
            self.step_addition(dt);
        }
        if self.phase == Phase::Filling {
            self.step_filling(dt);
        }
        if matches!(self.phase, Phase::Freezing | Phase::Frozen | Phase::Stored) {
            self.step_freezing(dt);
        } else {
            self.product_c =
                if self.bags.is_empty() && self.addition.started_at.is_none() { AMBIENT_C } else { self.plate_c };
        }
        self.check_alarms();
        let last = self.history.last().map_or(f64::NEG_INFINITY, |p| p.clock_min);
        if self.clock_min - last >= HISTORY_EVERY_MIN - 1e-9 && self.phase >= Phase::LoadSet && !self.handed_off() {
            self.history.push(HistoryPoint {
                clock_min: self.clock_min,
                plate_c: self.plate_c,
                exposure_min: self.exposure_min(),
            });
        }
    }

    fn step_plate(&mut self, dt: f64) {
        let (target, rate) = if self.cooling() && !self.lid_open {
            (PLATE_SETPOINT_C, PLATE_COOLING_C_MIN)
        } else if self.cooling() {
            (AMBIENT_C, LID_OPEN_WARMING_C_MIN)
        } else {
            (AMBIENT_C, PLATE_WARMING_C_MIN)
        };
        let change = (target - self.plate_c).clamp(-rate * dt, rate * dt);
        self.plate_c += change;
        // Cold once it has reached its set point: the warning is for a plate that warms again.
        if self.plate_c <= PLATE_SETPOINT_C + 0.5 {
            self.plate_was_cold = true;
        }
    }

    fn step_addition(&mut self, dt: f64) {
        let Some(plan) = self.plan else {
            return;
        };
        let rate = plan.cryoprotectant_ml / self.addition_min.max(STEP_MIN);
        let added = (rate * dt).min(plan.cryoprotectant_ml - self.addition.added_ml);
        self.addition.added_ml += added;
        if !self.mixing {
            self.addition.unmixed_ml += added;
        }
        self.addition.running_min += dt;
        self.addition.warmest_c = self.addition.warmest_c.max(self.plate_c);
        if self.plate_c > formulation::COLD_LIMIT_C && !self.deviations.contains(&DeviationKind::WarmAddition) {
            self.deviate(
                DeviationKind::WarmAddition,
                Text::new(
                    format!(
                        "Cryoprotectant is going in with the plate at {:.1} °C, above {:.0} °C: the cells take DMSO warm.",
                        self.plate_c,
                        formulation::COLD_LIMIT_C
                    ),
                    format!(
                        "플레이트가 {:.1} °C({:.0} °C 초과)인 상태에서 동결보호제가 들어가고 있습니다. 세포가 따뜻한 상태로 DMSO에 노출됩니다.",
                        self.plate_c,
                        formulation::COLD_LIMIT_C
                    ),
                ),
            );
        }
        if self.addition.added_ml + 1e-9 >= plan.cryoprotectant_ml {
            self.addition.done = true;
            if self.phase == Phase::Formulating {
                self.phase = Phase::Formulated;
            }
            let handling = self.handling();
            self.note_as(
                SYSTEM_OPERATOR,
                EntryKind::Material,
                Value::Number(round(plan.cryoprotectant_ml, 1)),
                Text::new(
                    format!(
                        "Cryoprotectant added: {:.1} mL with {:.1} mL diluent over {:.1} min; DMSO {:.1} %.",
                        plan.cryoprotectant_ml,
                        plan.diluent_ml,
                        self.addition.running_min,
                        self.dmso_percent_now()
                    ),
                    format!(
                        "동결보호제 첨가: {:.1} mL, 희석액 {:.1} mL, {:.1}분간. DMSO {:.1} %.",
                        plan.cryoprotectant_ml,
                        plan.diluent_ml,
                        self.addition.running_min,
                        self.dmso_percent_now()
                    ),
                ),
            );
            if handling.addition_min < formulation::GRADUAL_ADDITION_MIN {
                let unmixed =
                    handling.addition_min == 0.0 && self.addition.running_min >= formulation::GRADUAL_ADDITION_MIN;
                let text = if unmixed {
                    Text::new(
                        "More than a fifth of the cryoprotectant went in without mixing: the DMSO reached the cells as a bolus.",
                        "동결보호제의 20 % 넘게 혼합 없이 들어갔습니다. DMSO가 세포에 한꺼번에 닿았습니다.",
                    )
                } else {
                    Text::new(
                        format!(
                            "The cryoprotectant went in over {:.1} min: a bolus, not the gradual addition the batch record asks.",
                            self.addition.running_min
                        ),
                        format!(
                            "동결보호제가 {:.1}분 만에 들어갔습니다. 제조기록서가 요구하는 점진적 첨가가 아닌 일시 주입입니다.",
                            self.addition.running_min
                        ),
                    )
                };
                self.deviate(DeviationKind::BolusAddition, text);
            }
        }
    }

    fn step_filling(&mut self, dt: f64) {
        let Some(recipe) = self.recipe else {
            return;
        };
        let mut left = FILL_RATE_ML_MIN * dt;
        while left > 1e-9 && self.filling_bag < self.bags.len() {
            let bag = &mut self.bags[self.filling_bag];
            let take = left.min(recipe.fill_ml - bag.volume_ml);
            bag.volume_ml += take;
            left -= take;
            if bag.volume_ml + 1e-9 >= recipe.fill_ml {
                bag.volume_ml = recipe.fill_ml;
                self.filling_bag += 1;
            }
        }
        if self.filling_bag >= self.bags.len() {
            self.phase = Phase::Filled;
            self.note_as(
                SYSTEM_OPERATOR,
                EntryKind::Measurement,
                Value::Number(f64::from(recipe.bags)),
                Text::new(
                    format!("{} bags filled, {:.1} mL each.", recipe.bags, recipe.fill_ml),
                    format!("백 {}개 충전, 각 {:.1} mL.", recipe.bags, recipe.fill_ml),
                ),
            );
        }
    }

    fn step_freezing(&mut self, dt: f64) {
        let Some(start) = self.handed_off_at else {
            return;
        };
        let since = self.clock_min - start;
        if self.phase == Phase::Stored {
            self.product_c = (self.product_c - LN2_TRANSFER_C_MIN * dt).max(VAPOUR_STORAGE_C);
        } else {
            let start_c = self.freezing.first().map_or(self.plate_c, |p| p.1);
            self.product_c = formulation::controlled_rate_temperature(
                start_c,
                FREEZER_END_C,
                self.settings.cooling_rate_c_min,
                since,
            );
            if self.phase == Phase::Freezing && self.product_c <= FREEZER_END_C + 1e-9 {
                self.phase = Phase::Frozen;
                self.note_as(
                    SYSTEM_OPERATOR,
                    EntryKind::Equipment,
                    Value::Number(FREEZER_END_C),
                    Text::new(
                        format!("Freezing profile complete at {FREEZER_END_C:.0} °C after {since:.0} min."),
                        format!("동결 프로파일 완료: {since:.0}분 후 {FREEZER_END_C:.0} °C."),
                    ),
                );
            }
        }
        let last = self.freezing.last().map_or(f64::NEG_INFINITY, |p| p.0);
        if since - last >= 2.0 - 1e-9 {
            self.freezing.push((since, self.product_c));
        }
    }

    fn check_alarms(&mut self) {
        let plate_warm = self.plate_was_cold
            && self.plate_c > PLATE_ALARM_C
            && self.phase >= Phase::Formulating
            && self.phase < Phase::Freezing;
        self.set_alarm(AlarmKind::PlateWarm, plate_warm);
        let over =
            self.addition.started_at.is_some() && !self.handed_off() && self.exposure_min() > self.settings.hold_min;
        if over && !self.deviations.contains(&DeviationKind::HoldTimeExceeded) {
            let hold = self.settings.hold_min;
            self.deviate(
                DeviationKind::HoldTimeExceeded,
                Text::new(
                    format!("DMSO exposure has passed the {hold:.0} min hold time before freezing."),
                    format!("동결 전 DMSO 노출이 허용 시간 {hold:.0}분을 넘었습니다."),
                ),
            );
        }
        self.set_alarm(AlarmKind::HoldTimeExceeded, over);
    }

    fn set_alarm(&mut self, kind: AlarmKind, active: bool) {
        let present = self.alarms.contains(&kind);
        if active && !present && !self.acknowledged.contains(&kind) {
            self.alarms.push(kind);
            self.note_as(SYSTEM_OPERATOR, EntryKind::Alarm, Value::Choice(kind.id().into()), kind.message());
        } else if !active {
            self.alarms.retain(|alarm| *alarm != kind);
            self.acknowledged.retain(|alarm| *alarm != kind);
        }
    }

    /// What this batch hands on: the frozen bags, as one product (for records).
    pub fn product(&self) -> Option<Product> {
        let recipe = self.recipe?;
        self.handed_off().then(|| Product {
            item: ids::FINAL_BAGS.into(),
            din: self.batch_record_din().to_string(),
            description: Text::new("Cryopreserved cells in final bags", "최종 백의 동결보존 세포"),
            cells: self.final_cells_per_ml().unwrap_or(0.0) * recipe.fill_ml * f64::from(recipe.bags),
            viability: self.viability(),
            volume_ml: recipe.fill_ml * f64::from(recipe.bags),
            contaminated: self.received().is_some_and(|received| received.contaminated),
        })
    }

    pub(crate) fn deviate(&mut self, kind: DeviationKind, text: Text) {
        if self.deviations.contains(&kind) {
            return;
        }
        self.deviations.push(kind);
        self.notice = Some(text.clone());
        self.note_as(SYSTEM_OPERATOR, EntryKind::Deviation, Value::Choice(kind.id().into()), text);
    }

    pub(crate) fn note(&mut self, kind: EntryKind, value: Value, text: Text) {
        let operator = self.operator.clone();
        self.note_as(&operator, kind, value, text);
    }

    fn note_as(&mut self, operator: &str, kind: EntryKind, value: Value, text: Text) {
        self.record.record(self.clock_min / 60.0, operator, kind, value, text);
    }

    fn outcome_since(&self, before: usize, refusals: Vec<Refusal>) -> Outcome {
        Outcome { handled: true, refusals, notes: self.record.entries().get(before..).unwrap_or_default().to_vec() }
    }
}

/// `value` rounded to `places` decimals.
fn round(value: f64, places: i32) -> f64 {
    let factor = 10f64.powi(places);
    (value * factor).round() / factor
}

impl crate::stations::pace::Paced for FillFinish {
    fn pending_real_s(&mut self) -> &mut f64 {
        &mut self.pending_real_s
    }

    fn minutes_per_second(&self) -> f64 {
        FillFinish::minutes_per_second(self)
    }

    fn step(&mut self, minutes: f64) {
        FillFinish::step(self, minutes);
    }
}
