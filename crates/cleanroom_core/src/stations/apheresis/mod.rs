//! The apheresis station: mononuclear-cell collection for CAR-T on a Spectra Optia-like system
//! (domain.md §5).
//!
//! The operator's procedure is a state machine (`Apheresis::act`, in `operate`) that refuses
//! operations out of order with a reason. The collection model (`advance`) makes the decisions
//! matter: the processed volume, run time, product volume and CD3+ collected grow from the
//! donor's counts and the collection efficiency, which dilution, a stale haematocrit or clotting
//! lower. Citrate from the anticoagulant lowers the donor's ionised calcium and the donor feels
//! it (`donor`). Time moves in fixed quanta, so the run is the same whatever the step size.

pub mod donor;
pub mod ids;
mod operate;
pub mod pages;
pub mod scenario;
pub mod station;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::common::{Text, Value};
use crate::stations::batch_record::{BatchRecord, EntryKind};
use crate::stations::{Outcome, Refusal};
pub use donor::{Donor, DonorState, Sex, Symptom};
pub use pages::Page;
pub use station::SPEC;

/// Who the batch record names for entries the equipment makes itself.
pub const SYSTEM_OPERATOR: &str = "system";

/// CD3+ collection efficiency (CE2) of a well-run collection, by protocol: 54.7% CMNC, 50.4%
/// MNC in healthy donors at 2.0 TBV [S21].
pub const CE2_CMNC: f64 = 0.547;
pub const CE2_MNC: f64 = 0.504;

/// Product volume collected per minute of run, mL/min. Assumption: calibrated on [S21]
/// (192 mL in 222 min for CMNC, 183 mL in 242 min for MNC); the collect-flow settings of the
/// real system were not found (domain.md §5.2.7).
pub const COLLECT_ML_MIN_CMNC: f64 = 192.0 / 222.0;
pub const COLLECT_ML_MIN_MNC: f64 = 183.0 / 242.0;

/// Share of the run time MNC spends processing blood, against CMNC. Assumption: the chamber's
/// flush cycles, sized so that MNC takes 242 min where CMNC takes 222 min for 2.0 TBV [S21].
pub const MNC_PROCESSING_SHARE: f64 = 222.0 / 242.0;

/// AC infusion rate limit, mL/min per litre of TBV: range and default as published for the
/// WBCD procedure (0.8–1.2, default 0.8) [S20]; for MNC/CMNC instructor-set (a level setting).
pub const AC_RATE_LIMIT_DEFAULT: f64 = 0.8;
pub const AC_RATE_LIMIT_RANGE: (f64, f64) = (0.8, 1.2);

/// Inlet:AC ratio (n:1): range and default as published for WBCD (6–15, default 12) [S20].
pub const AC_RATIO_DEFAULT: f64 = 12.0;
pub const AC_RATIO_RANGE: (f64, f64) = (6.0, 15.0);

/// Run target ranges, as published for WBCD [S20]: whole blood processed, run time, TBV
/// processed (default 2).
pub const TARGET_WB_RANGE_ML: (f64, f64) = (100.0, 50_000.0);
pub const TARGET_TIME_RANGE_MIN: (f64, f64) = (40.0, 480.0);
pub const TARGET_TBV_RANGE: (f64, f64) = (0.5, 5.0);

/// Inlet flow the screen accepts, mL/min. Assumption: a bound of this model.
pub const INLET_RANGE_ML_MIN: (f64, f64) = (10.0, 150.0);

/// Bag volumes: ACD-A 500 mL, saline 1 000 mL [S5].
pub const ACD_A_BAG_ML: f64 = 500.0;
pub const SALINE_BAG_ML: f64 = 1000.0;

/// Rate at which ACD-A runs into the blood through a line that no pump meters (out of its pump,
/// or hung where the saline should be, with its clamp open), mL/min. Assumption: a gravity
/// free-flow, calibrated so the donor's iCa falls to about 0.64 mmol/L as in [S19].
pub const AC_FREE_FLOW_ML_MIN: f64 = 21.0;

/// Rate at which saline runs into the inlet through an open inlet saline line, mL/min.
/// Assumption.
pub const SALINE_FREE_FLOW_ML_MIN: f64 = 4.0;

/// Whole blood processed before the screen tells the operator to close the inlet saline line,
/// mL. Assumption: once the interface is forming.
pub const SALINE_PROMPT_ML: f64 = 300.0;

/// Minutes allowed to close the inlet saline line once told, before the saline dilutes the
/// blood in the channel. Assumption.
pub const SALINE_GRACE_MIN: f64 = 2.0;

/// Collection efficiency kept while saline dilutes the blood, as a share. Assumption: "the
/// procedure may be ineffective" [S3].
pub const DILUTED_EFFICIENCY: f64 = 0.2;

/// Loss of efficiency per unit of relative error in the entered haematocrit: the interface sits
/// where the entered Hct puts it. Assumption.
pub const HCT_ERROR_SENSITIVITY: f64 = 1.5;

/// Relative error in the entered haematocrit beyond which the system loses the interface.
/// Assumption.
pub const HCT_INTERFACE_LOST: f64 = 0.15;

/// Minutes of diluted blood after which the system reports that it cannot find the interface.
/// Assumption.
pub const INTERFACE_LOST_AFTER_MIN: f64 = 4.0;

/// Minutes without anticoagulant in the set before the blood clumps and collection stops
/// working. Assumption.
pub const CLOTTING_AFTER_MIN: f64 = 2.0;

/// Automated priming, minutes. Assumption.
pub const PRIME_MIN: f64 = 6.0;

/// Rinseback, minutes. Assumption.
pub const RINSEBACK_MIN: f64 = 5.0;

/// How far the venous access gives when the inlet pressure falls (vein collapse), as a share of
/// the inlet flow at the time. Assumption.
pub const COLLAPSED_ACCESS_SHARE: f64 = 0.75;

/// Default time a fresh product may stay out of 2–8 °C storage once sealed off, minutes.
/// Assumption: an instructor-set level setting (domain.md §5.2.10 gives no figure).
pub const ROOM_HOLD_DEFAULT_MIN: f64 = 30.0;

/// Default CD3+ target: 2×10⁹, as in the NIH CAR-T trials [S13].
pub const CD3_TARGET_DEFAULT: f64 = 2.0e9;

/// Simulated minutes per real second while the machine runs an automated process (priming,
/// collection, rinseback). A game choice: a 3–4 h collection plays in 3–4 minutes.
pub const RUN_MINUTES_PER_SECOND: f64 = 1.0;

/// Simulated minutes per real second while an alarm sounds or the donor feels the citrate. A
/// game choice: six times life's pace, so the operator has the time to answer that a real
/// donor would give them.
pub const EVENTFUL_MINUTES_PER_SECOND: f64 = 0.1;

/// How long an injected citrate reaction lasts, minutes. Assumption: a transient fall in the
/// donor's citrate clearance.
pub const REACTION_MIN: f64 = 40.0;

/// The model's time step, minutes. Every advance is made of whole steps, so the state after a
/// given time does not depend on how that time was split.
pub const STEP_MIN: f64 = 0.05;

/// Spacing of the chart's points, minutes.
pub const HISTORY_INTERVAL_MIN: f64 = 2.0;

/// The MNC protocol the operator chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Protocol {
    /// Product pooled in a chamber and flushed to the bag in steps.
    Mnc,
    /// Continuous collection.
    Cmnc,
}

impl Protocol {
    pub fn id(self) -> &'static str {
        match self {
            Protocol::Mnc => "mnc",
            Protocol::Cmnc => "cmnc",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        [Protocol::Mnc, Protocol::Cmnc].into_iter().find(|p| p.id() == id)
    }

    pub fn name(self) -> Text {
        match self {
            Protocol::Mnc => Text::new("MNC (chamber)", "MNC (챔버 수집)"),
            Protocol::Cmnc => Text::new("CMNC (continuous)", "CMNC (연속 수집)"),
        }
    }

    /// CD3+ CE2 of a well-run collection [S21].
    pub fn ce2(self) -> f64 {
        match self {
            Protocol::Mnc => CE2_MNC,
            Protocol::Cmnc => CE2_CMNC,
        }
    }

    fn collect_ml_min(self) -> f64 {
        match self {
            Protocol::Mnc => COLLECT_ML_MIN_MNC,
            Protocol::Cmnc => COLLECT_ML_MIN_CMNC,
        }
    }

    fn processing_share(self) -> f64 {
        match self {
            Protocol::Mnc => MNC_PROCESSING_SHARE,
            Protocol::Cmnc => 1.0,
        }
    }
}

/// Where the procedure stands. Phases only move forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Phase {
    /// No protocol chosen.
    SelectProtocol,
    /// Protocol chosen; the set goes on.
    LoadingSet,
    SetLoaded,
    Priming,
    Primed,
    /// Donor data entered and confirmed: the system knows the TBV.
    DonorEntered,
    /// A run target is set; the donor can be connected.
    TargetSet,
    Collecting,
    /// The pumps stopped: the target reached or the run ended by the operator.
    Ended,
    RinsingBack,
    /// Rinseback done or skipped: the donor lines can be clamped and sealed.
    RunComplete,
    /// Both donor lines sealed: the donor is off the machine.
    Disconnected,
    /// The collect line sealed: the product bag is off the set.
    ProductSealed,
}

impl Phase {
    pub fn id(self) -> &'static str {
        match self {
            Phase::SelectProtocol => "select_protocol",
            Phase::LoadingSet => "loading_set",
            Phase::SetLoaded => "set_loaded",
            Phase::Priming => "priming",
            Phase::Primed => "primed",
            Phase::DonorEntered => "donor_entered",
            Phase::TargetSet => "target_set",
            Phase::Collecting => "collecting",
            Phase::Ended => "ended",
            Phase::RinsingBack => "rinsing_back",
            Phase::RunComplete => "run_complete",
            Phase::Disconnected => "disconnected",
            Phase::ProductSealed => "product_sealed",
        }
    }

    pub fn name(self) -> Text {
        match self {
            Phase::SelectProtocol => Text::new("Select procedure", "절차 선택"),
            Phase::LoadingSet => Text::new("Load the set", "세트 장착"),
            Phase::SetLoaded => Text::new("Set loaded", "세트 장착 완료"),
            Phase::Priming => Text::new("Priming", "프라이밍 중"),
            Phase::Primed => Text::new("Primed", "프라이밍 완료"),
            Phase::DonorEntered => Text::new("Donor data entered", "공여자 정보 입력 완료"),
            Phase::TargetSet => Text::new("Ready to connect", "공여자 연결 준비"),
            Phase::Collecting => Text::new("Collecting", "채집 중"),
            Phase::Ended => Text::new("Run ended", "채집 종료"),
            Phase::RinsingBack => Text::new("Rinseback", "혈액 반환 중"),
            Phase::RunComplete => Text::new("Disconnect the donor", "공여자 분리"),
            Phase::Disconnected => Text::new("Donor disconnected", "공여자 분리 완료"),
            Phase::ProductSealed => Text::new("Product sealed off", "산물 밀봉 분리 완료"),
        }
    }
}

/// The single run target: entering one clears the others (§5.2.5).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum RunTarget {
    WholeBloodMl(f64),
    RunTimeMin(f64),
    Tbv(f64),
}

impl RunTarget {
    pub fn kind_id(self) -> &'static str {
        match self {
            RunTarget::WholeBloodMl(_) => "whole_blood",
            RunTarget::RunTimeMin(_) => "run_time",
            RunTarget::Tbv(_) => "tbv",
        }
    }
}

/// An alarm on the touchscreen (§5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AlarmKind {
    LowInletPressure,
    HighReturnPressure,
    AirDetected,
    InterfaceNotDetected,
    /// The ACD-A bag is empty (air at the AC line's sensor); the pumps hold.
    AcBagEmpty,
}

impl AlarmKind {
    pub const ALL: [AlarmKind; 5] = [
        AlarmKind::LowInletPressure,
        AlarmKind::HighReturnPressure,
        AlarmKind::AirDetected,
        AlarmKind::InterfaceNotDetected,
        AlarmKind::AcBagEmpty,
    ];

    pub fn id(self) -> &'static str {
        match self {
            AlarmKind::LowInletPressure => "low_inlet_pressure",
            AlarmKind::HighReturnPressure => "high_return_pressure",
            AlarmKind::AirDetected => "air_detected",
            AlarmKind::InterfaceNotDetected => "interface_not_detected",
            AlarmKind::AcBagEmpty => "ac_bag_empty",
        }
    }

    fn observation_key(self) -> &'static str {
        match self {
            AlarmKind::LowInletPressure => "alarm_low_inlet_pressure",
            AlarmKind::HighReturnPressure => "alarm_high_return_pressure",
            AlarmKind::AirDetected => "alarm_air_detected",
            AlarmKind::InterfaceNotDetected => "alarm_interface_not_detected",
            AlarmKind::AcBagEmpty => "alarm_ac_bag_empty",
        }
    }

    /// What the screen says, with the response it asks for.
    pub fn message(self) -> Text {
        match self {
            AlarmKind::LowInletPressure => Text::new(
                "Low inlet pressure: inlet pump paused. Check the access line's clamp and kinks, hand the donor the squeeze ball or lower the inlet flow, then continue.",
                "유입 압력 낮음: 유입 펌프 정지. 채혈 라인의 클램프와 꺾임을 확인하고, 공여자에게 악력 공을 쥐게 하거나 유입 유량을 낮춘 뒤 계속하십시오.",
            ),
            AlarmKind::HighReturnPressure => Text::new(
                "High return pressure: pumps stopped. Check the return site for swelling before you continue; never force the return.",
                "반환 압력 높음: 펌프 정지. 계속하기 전에 반환 부위에 부종이 있는지 확인하십시오. 반환을 억지로 진행하지 마십시오.",
            ),
            AlarmKind::AirDetected => Text::new(
                "Air detected in the return line: return stopped. Check the return line and clear the air, then continue.",
                "반환 라인 공기 감지: 반환 정지. 반환 라인을 확인하고 공기를 제거한 뒤 계속하십시오.",
            ),
            AlarmKind::InterfaceNotDetected => Text::new(
                "Interface not detected: check that the inlet saline line is closed and the haematocrit is today's, then continue.",
                "경계면 감지 안 됨: 유입 생리식염수 라인이 잠겼는지, 헤마토크리트가 오늘 값인지 확인한 뒤 계속하십시오.",
            ),
            AlarmKind::AcBagEmpty => Text::new(
                "Anticoagulant bag empty: pumps paused. Hang the next ACD-A bag on the AC hook, then continue.",
                "항응고제 백이 비었습니다: 펌프 정지. 다음 ACD-A 백을 항응고제 걸이에 건 뒤 계속하십시오.",
            ),
        }
    }
}

/// An active alarm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alarm {
    pub kind: AlarmKind,
    pub since_min: f64,
}

/// A departure from the procedure the station itself records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeviationKind {
    /// ACD-A hung on the saline hook and saline on the AC hook, found at priming [S18].
    BagsSwapped,
    /// The inlet saline line left open after the screen said to close it [S3].
    SalineLeftOpen,
    /// The run started with a haematocrit that is not today's.
    StaleHct,
    /// The anticoagulant stopped during the run (a wrong answer to citrate symptoms).
    AnticoagulantStopped,
    /// The blood clumped in the set for want of anticoagulant.
    SetClotted,
    /// The return continued against a high return pressure, not checked [S28][S29].
    ReturnForced,
    /// The donor's citrate symptoms reached carpopedal spasm.
    SevereCitrateToxicity,
    /// The run ended before its target.
    EndedEarly,
    /// The product left the set without its label, or was stored unlabelled.
    ProductUnlabelled,
    /// The product was stored without its samples.
    ProductUnsampled,
    /// The product stayed out of 2–8 °C beyond the level's hold time [S6].
    ProductNotRefrigerated,
}

impl DeviationKind {
    pub const ALL: [DeviationKind; 11] = [
        DeviationKind::BagsSwapped,
        DeviationKind::SalineLeftOpen,
        DeviationKind::StaleHct,
        DeviationKind::AnticoagulantStopped,
        DeviationKind::SetClotted,
        DeviationKind::ReturnForced,
        DeviationKind::SevereCitrateToxicity,
        DeviationKind::EndedEarly,
        DeviationKind::ProductUnlabelled,
        DeviationKind::ProductUnsampled,
        DeviationKind::ProductNotRefrigerated,
    ];

    /// The observation that says whether the station has recorded it.
    pub fn observation_key(self) -> &'static str {
        match self {
            DeviationKind::BagsSwapped => "deviation_bags_swapped",
            DeviationKind::SalineLeftOpen => "deviation_saline_left_open",
            DeviationKind::StaleHct => "deviation_stale_hct",
            DeviationKind::AnticoagulantStopped => "deviation_anticoagulant_stopped",
            DeviationKind::SetClotted => "deviation_set_clotted",
            DeviationKind::ReturnForced => "deviation_return_forced",
            DeviationKind::SevereCitrateToxicity => "deviation_severe_citrate_toxicity",
            DeviationKind::EndedEarly => "deviation_ended_early",
            DeviationKind::ProductUnlabelled => "deviation_product_unlabelled",
            DeviationKind::ProductUnsampled => "deviation_product_unsampled",
            DeviationKind::ProductNotRefrigerated => "deviation_product_not_refrigerated",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            DeviationKind::BagsSwapped => "bags_swapped",
            DeviationKind::SalineLeftOpen => "saline_left_open",
            DeviationKind::StaleHct => "stale_hct",
            DeviationKind::AnticoagulantStopped => "anticoagulant_stopped",
            DeviationKind::SetClotted => "set_clotted",
            DeviationKind::ReturnForced => "return_forced",
            DeviationKind::SevereCitrateToxicity => "severe_citrate_toxicity",
            DeviationKind::EndedEarly => "ended_early",
            DeviationKind::ProductUnlabelled => "product_unlabelled",
            DeviationKind::ProductUnsampled => "product_unsampled",
            DeviationKind::ProductNotRefrigerated => "product_not_refrigerated",
        }
    }
}

/// What a bag holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Fluid {
    AcdA,
    Saline,
}

/// The bags the operator hangs: the ACD-A bag, the next ACD-A bag for when it runs out, and
/// the saline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Bag {
    AcdA,
    AcdANext,
    Saline,
}

impl Bag {
    pub fn fluid(self) -> Fluid {
        match self {
            Bag::AcdA | Bag::AcdANext => Fluid::AcdA,
            Bag::Saline => Fluid::Saline,
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        match id {
            ids::ACD_A_BAG => Some(Bag::AcdA),
            ids::ACD_A_BAG_NEXT => Some(Bag::AcdANext),
            ids::SALINE_BAG => Some(Bag::Saline),
            _ => None,
        }
    }
}

/// ACD-A left in the bag below which the screen asks for the next bag, mL. Assumption.
pub const ACD_A_LOW_ML: f64 = 40.0;

/// Where the product went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Destination {
    Refrigerator,
    FillFinish,
}

impl Destination {
    pub fn id(self) -> &'static str {
        match self {
            Destination::Refrigerator => "refrigerator",
            Destination::FillFinish => "fill_finish",
        }
    }
}

/// The product's samples [S6].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProductSample {
    /// WBC, Hct, CD3+ and viable CD45+.
    Counts,
    Sterility,
}

/// Settings an instructor gives the station in a level (the donor and the run's defaults).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub donor: Donor,
    /// AC infusion rate limit, mL/min/L TBV.
    pub ac_rate_limit: f64,
    /// The run's starting inlet:AC ratio.
    pub ac_ratio: f64,
    /// The CE2 the screen's yield estimate assumes (0..1); by default the protocol's.
    pub planning_ce2: Option<f64>,
    /// Minutes the product may stay out of 2–8 °C once sealed off.
    pub room_hold_min: f64,
    /// The CD3+ cells the collection aims at, shown on the donor's work-up sheet.
    pub cd3_target: f64,
    /// The DIN printed on the product's label (the chain of identity starts here).
    pub product_din: crate::isbt128::Din,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            donor: scenario::published_donor(),
            ac_rate_limit: AC_RATE_LIMIT_DEFAULT,
            ac_ratio: AC_RATIO_DEFAULT,
            planning_ce2: None,
            room_hold_min: ROOM_HOLD_DEFAULT_MIN,
            cd3_target: CD3_TARGET_DEFAULT,
            // A made-up DIN in the published format [S68] (facility G1234, year 26).
            product_din: crate::isbt128::Din { facility: "G1234".into(), year: "26".into(), sequence: "000123".into() },
        }
    }
}

/// What the operator entered about the donor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct DonorEntry {
    pub sex: Option<Sex>,
    pub height_cm: Option<f64>,
    pub weight_kg: Option<f64>,
    pub hct_percent: Option<f64>,
    pub cd3_per_ul: Option<f64>,
}

impl DonorEntry {
    /// The TBV the system derives from what was entered, litres.
    pub fn tbv_l(&self) -> Option<f64> {
        Some(donor::total_blood_volume_l(self.sex?, self.height_cm? / 100.0, self.weight_kg?))
    }
}

/// One point of the chart.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HistoryPoint {
    pub run_min: f64,
    pub processed_l: f64,
    pub cd3_estimate_e9: f64,
}

/// What the machine's flows are this moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Flows {
    /// Inlet flow, mL/min (blood plus AC).
    pub inlet_ml_min: f64,
    /// Whole blood entering the set, mL/min.
    pub whole_blood_ml_min: f64,
    /// ACD-A entering the blood from every line, mL/min.
    pub acd_a_ml_min: f64,
    /// Citrate reaching the donor, mg/kg/h.
    pub citrate_mg_kg_h: f64,
    /// Whether the AC infusion rate limit held the inlet flow down.
    pub limited_by_ac: bool,
}

/// One apheresis machine, its set, its donor and its batch record.
#[derive(Debug, Clone, PartialEq)]
pub struct Apheresis {
    operator: String,
    settings: Settings,
    phase: Phase,
    protocol: Option<Protocol>,
    clock_min: f64,
    /// Time not yet stepped, minutes (less than one step).
    pending_min: f64,
    /// Real time not yet turned into steps, seconds (less than one step at the pace now).
    pending_real_s: f64,
    phase_until_min: f64,
    // The set and the machine.
    cassette_on: bool,
    filler_in: bool,
    door_open: bool,
    seated: [bool; ids::PUMPS.len()],
    /// Which bag hangs on the AC hook and on the saline hook.
    ac_hook: Option<Bag>,
    saline_hook: Option<Bag>,
    /// ACD-A left in the first and the next bag, mL.
    acd_a_left: [f64; 2],
    saline_ml: f64,
    saline_clamp_open: bool,
    access_connected: bool,
    return_connected: bool,
    access_clamp_open: bool,
    return_clamp_open: bool,
    access_sealed: bool,
    return_sealed: bool,
    // Entries.
    entry: DonorEntry,
    donor_confirmed: Option<DonorEntry>,
    target: Option<RunTarget>,
    inlet_set_ml_min: f64,
    ac_ratio: f64,
    // The run.
    run_start_min: Option<f64>,
    run_end_min: Option<f64>,
    paused: bool,
    ac_stopped: bool,
    no_anticoagulant_min: f64,
    clotted: bool,
    saline_prompt_min: Option<f64>,
    diluted_min: f64,
    processed_ml: f64,
    cd3_cells: f64,
    product_ml: f64,
    flows: Flows,
    // The donor.
    donor: DonorState,
    access_capacity_ml_min: f64,
    return_site_blocked: bool,
    air_in_return: bool,
    alarms: Vec<Alarm>,
    ended_at_target: bool,
    rinseback_done: bool,
    /// While an injected citrate reaction lasts: until when, and the donor's own tolerance.
    reaction_until_min: Option<f64>,
    tolerance_before_reaction: f64,
    // The product.
    labelled: bool,
    samples: Vec<ProductSample>,
    sealed_at_min: Option<f64>,
    stored: Option<Destination>,
    deviations: Vec<DeviationKind>,
    history: Vec<HistoryPoint>,
    next_history_min: f64,
    /// The station's latest message to the trainee (a warning from the machine).
    notice: Option<Text>,
    record: BatchRecord,
}

impl Apheresis {
    /// A machine with no set, run by `operator`, with the default settings (the published donor).
    pub fn new(operator: &str) -> Self {
        Self::with_settings(operator, Settings::default())
    }

    pub fn with_settings(operator: &str, settings: Settings) -> Self {
        let access = settings.donor.access_max_ml_min;
        let ratio = settings.ac_ratio;
        Self {
            operator: operator.to_owned(),
            settings,
            phase: Phase::SelectProtocol,
            protocol: None,
            clock_min: 0.0,
            pending_min: 0.0,
            pending_real_s: 0.0,
            phase_until_min: 0.0,
            cassette_on: false,
            filler_in: false,
            door_open: false,
            seated: [false; ids::PUMPS.len()],
            ac_hook: None,
            saline_hook: None,
            acd_a_left: [ACD_A_BAG_ML; 2],
            saline_ml: SALINE_BAG_ML,
            saline_clamp_open: true,
            access_connected: false,
            return_connected: false,
            access_clamp_open: true,
            return_clamp_open: true,
            access_sealed: false,
            return_sealed: false,
            entry: DonorEntry::default(),
            donor_confirmed: None,
            target: None,
            inlet_set_ml_min: 0.0,
            ac_ratio: ratio,
            run_start_min: None,
            run_end_min: None,
            paused: false,
            ac_stopped: false,
            no_anticoagulant_min: 0.0,
            clotted: false,
            saline_prompt_min: None,
            diluted_min: 0.0,
            processed_ml: 0.0,
            cd3_cells: 0.0,
            product_ml: 0.0,
            flows: Flows::default(),
            donor: DonorState::default(),
            access_capacity_ml_min: access,
            return_site_blocked: false,
            air_in_return: false,
            alarms: Vec::new(),
            ended_at_target: false,
            rinseback_done: false,
            reaction_until_min: None,
            tolerance_before_reaction: donor::CITRATE_TOLERATED_MG_KG_H,
            labelled: false,
            samples: Vec::new(),
            sealed_at_min: None,
            stored: None,
            deviations: Vec::new(),
            history: Vec::new(),
            next_history_min: 0.0,
            notice: None,
            record: BatchRecord::new(),
        }
    }

    /// Starts over with the level's settings (a fresh machine and donor).
    pub fn configure(&mut self, settings: Settings) {
        *self = Self::with_settings(&self.operator.clone(), settings);
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    pub fn protocol(&self) -> Option<Protocol> {
        self.protocol
    }

    pub fn clock_min(&self) -> f64 {
        self.clock_min
    }

    /// Minutes since the run started (0 before).
    pub fn run_time_min(&self) -> f64 {
        let end = self.run_end_min.unwrap_or(self.clock_min);
        self.run_start_min.map_or(0.0, |start| end - start)
    }

    pub fn processed_ml(&self) -> f64 {
        self.processed_ml
    }

    /// Total blood volumes processed, against the TBV the system derived from the entry.
    pub fn tbv_processed(&self) -> f64 {
        self.entered_tbv_l().map_or(0.0, |tbv| self.processed_ml / (tbv * 1000.0))
    }

    /// CD3+ cells in the product (what the product's count will find).
    pub fn cd3_collected(&self) -> f64 {
        self.cd3_cells
    }

    /// CD3+ cells the screen estimates from the entered pre-count and the planning CE2.
    pub fn cd3_estimate(&self) -> f64 {
        let cd3 = self.donor_confirmed.and_then(|entry| entry.cd3_per_ul).unwrap_or(0.0);
        self.planning_ce2() * cd3 * 1000.0 * self.processed_ml
    }

    /// CD3+ CE2 achieved so far, against the donor's true pre-count (0..1).
    pub fn ce2(&self) -> f64 {
        let offered = self.settings.donor.cd3_per_ul * 1000.0 * self.processed_ml;
        if offered > 0.0 { self.cd3_cells / offered } else { 0.0 }
    }

    pub fn planning_ce2(&self) -> f64 {
        self.settings.planning_ce2.unwrap_or_else(|| self.protocol.unwrap_or(Protocol::Cmnc).ce2())
    }

    pub fn product_ml(&self) -> f64 {
        self.product_ml
    }

    pub fn flows(&self) -> Flows {
        self.flows
    }

    pub fn donor(&self) -> &DonorState {
        &self.donor
    }

    /// ACD-A left in the bag hung on the AC hook (0 when no ACD-A hangs there), mL.
    pub fn acd_a_left_ml(&self) -> f64 {
        self.bag_left(self.ac_hook)
    }

    /// What is left in a bag, mL (saline or ACD-A).
    fn bag_left(&self, bag: Option<Bag>) -> f64 {
        match bag {
            Some(Bag::AcdA) => self.acd_a_left[0],
            Some(Bag::AcdANext) => self.acd_a_left[1],
            Some(Bag::Saline) => self.saline_ml,
            None => 0.0,
        }
    }

    fn fluid_on(bag: Option<Bag>) -> Option<Fluid> {
        bag.map(Bag::fluid)
    }

    pub fn saline_left_ml(&self) -> f64 {
        self.saline_ml
    }

    pub fn target(&self) -> Option<RunTarget> {
        self.target
    }

    pub fn entry(&self) -> &DonorEntry {
        &self.entry
    }

    pub fn entered_tbv_l(&self) -> Option<f64> {
        self.donor_confirmed.and_then(|entry| entry.tbv_l())
    }

    pub fn inlet_set_ml_min(&self) -> f64 {
        self.inlet_set_ml_min
    }

    pub fn ac_ratio(&self) -> f64 {
        self.ac_ratio
    }

    pub fn alarms(&self) -> &[Alarm] {
        &self.alarms
    }

    pub fn alarm_active(&self, kind: AlarmKind) -> bool {
        self.alarms.iter().any(|alarm| alarm.kind == kind)
    }

    pub fn deviations(&self) -> &[DeviationKind] {
        &self.deviations
    }

    pub fn history(&self) -> &[HistoryPoint] {
        &self.history
    }

    pub fn batch_record(&self) -> &BatchRecord {
        &self.record
    }

    pub fn paused(&self) -> bool {
        self.paused
    }

    pub fn ac_stopped(&self) -> bool {
        self.ac_stopped
    }

    pub fn saline_clamp_open(&self) -> bool {
        self.saline_clamp_open
    }

    /// Whether the screen has told the operator to close the inlet saline line.
    pub fn saline_prompted(&self) -> bool {
        self.saline_prompt_min.is_some()
    }

    pub fn bags_swapped(&self) -> bool {
        Self::fluid_on(self.ac_hook) == Some(Fluid::Saline) || Self::fluid_on(self.saline_hook) == Some(Fluid::AcdA)
    }

    pub fn ac_line_seated(&self) -> bool {
        self.seated[pump_index(ids::AC_PUMP)]
    }

    pub fn labelled(&self) -> bool {
        self.labelled
    }

    pub fn samples(&self) -> &[ProductSample] {
        &self.samples
    }

    pub fn stored(&self) -> Option<Destination> {
        self.stored
    }

    /// The station's latest warning, if any.
    pub fn notice(&self) -> Option<&Text> {
        self.notice.as_ref()
    }

    /// Whether the entered haematocrit is today's.
    pub fn hct_current(&self) -> bool {
        self.donor_confirmed
            .and_then(|entry| entry.hct_percent)
            .is_some_and(|hct| (hct - self.settings.donor.hct_percent).abs() < 0.5)
    }

    /// Whether any alarm holds the pumps.
    pub fn pumps_held(&self) -> bool {
        self.alarms.iter().any(|alarm| {
            matches!(
                alarm.kind,
                AlarmKind::HighReturnPressure
                    | AlarmKind::AirDetected
                    | AlarmKind::LowInletPressure
                    | AlarmKind::AcBagEmpty
            )
        })
    }

    /// Whether the machine runs an automated process now (time runs compressed then).
    pub fn running(&self) -> bool {
        matches!(self.phase, Phase::Priming | Phase::Collecting | Phase::RinsingBack)
    }

    /// Default CD3+ target: 2×10⁹, as in the NIH CAR-T trials [S13].
    pub const CD3_TARGET_DEFAULT: f64 = 2.0e9;

    /// Simulated minutes per real second now: compressed while the machine runs, real time
    /// otherwise (so holding times the trainee controls pass as they do in life).
    pub fn minutes_per_second(&self) -> f64 {
        if !self.running() {
            1.0 / 60.0
        } else if !self.alarms.is_empty() || self.donor.symptom() > Symptom::None {
            EVENTFUL_MINUTES_PER_SECOND
        } else {
            RUN_MINUTES_PER_SECOND
        }
    }

    /// Lets `minutes` of simulated time pass, in whole steps of `STEP_MIN`.
    pub fn advance(&mut self, minutes: f64) -> Outcome {
        let before = self.record.len();
        if minutes.is_finite() && minutes > 0.0 {
            self.pending_min += minutes;
        }
        while self.pending_min + 1e-9 >= STEP_MIN {
            self.pending_min -= STEP_MIN;
            self.step(STEP_MIN);
        }
        self.outcome_since(before, Vec::new())
    }

    /// Lets `seconds` of play pass: each step of `STEP_MIN` takes the real time the pace of
    /// that moment gives it (`minutes_per_second`), so the run is the same however the seconds
    /// are split into frames.
    pub fn pass_real_time(&mut self, seconds: f64) -> Outcome {
        let before = self.record.len();
        let stepped = crate::stations::pace::pass_real_time(self, seconds, STEP_MIN);
        Outcome { handled: stepped, ..self.outcome_since(before, Vec::new()) }
    }

    /// Lets the run go on until the machine stops collecting (target reached, a hold, or
    /// `max_minutes`), for tests, scenarios and benchmarks.
    pub fn run_until_ended(&mut self, max_minutes: f64) {
        let mut left = max_minutes;
        while left > 0.0 && matches!(self.phase, Phase::Collecting | Phase::Priming | Phase::RinsingBack) {
            self.advance(STEP_MIN);
            left -= STEP_MIN;
        }
    }

    fn step(&mut self, dt: f64) {
        self.clock_min += dt;
        if self.reaction_until_min.is_some_and(|until| self.clock_min >= until) {
            self.reaction_until_min = None;
            self.settings.donor.citrate_tolerance_mg_kg_h = self.tolerance_before_reaction;
        }
        match self.phase {
            Phase::Priming if self.clock_min + 1e-9 >= self.phase_until_min => {
                self.enter(Phase::Primed);
                self.note_as(
                    SYSTEM_OPERATOR,
                    EntryKind::Equipment,
                    Value::Flag(true),
                    Text::new("Set primed.", "세트 프라이밍 완료."),
                );
            }
            Phase::Collecting => self.collect(dt),
            Phase::RinsingBack if self.clock_min + 1e-9 >= self.phase_until_min => {
                self.rinseback_done = true;
                self.enter(Phase::RunComplete);
                self.note_as(
                    SYSTEM_OPERATOR,
                    EntryKind::Equipment,
                    Value::Flag(true),
                    Text::new("Rinseback complete.", "혈액 반환 완료."),
                );
            }
            _ => {}
        }
        if self.phase != Phase::Collecting {
            // No citrate reaches the donor once the pumps have stopped: they recover.
            self.donor.step(dt, 0.0, self.settings.donor.citrate_tolerance_mg_kg_h);
        }
        self.check_product_hold();
    }

    /// One step of collection.
    fn collect(&mut self, dt: f64) {
        let flows = self.compute_flows();
        self.flows = flows;
        let tolerance = self.settings.donor.citrate_tolerance_mg_kg_h;
        self.donor.step(dt, flows.citrate_mg_kg_h, tolerance);
        if self.donor.symptom() >= Symptom::Spasm && !self.deviations.contains(&DeviationKind::SevereCitrateToxicity) {
            let words = self.donor.symptom().name();
            self.deviate(
                DeviationKind::SevereCitrateToxicity,
                Text::new(
                    format!("The donor has severe citrate toxicity ({}): the citrate load was not answered.", words.en),
                    format!(
                        "공여자에게 심한 구연산 독성({})이 나타났습니다. 구연산 부하에 대응하지 않았습니다.",
                        words.ko
                    ),
                ),
            );
        }
        // Bags drain.
        let ac_free = !self.ac_line_seated();
        let ac_pumped =
            if self.ac_stopped || ac_free || self.pumps_stopped() { 0.0 } else { flows.inlet_ml_min / self.ac_ratio };
        let from_ac_hook = if ac_free { AC_FREE_FLOW_ML_MIN } else { ac_pumped };
        let from_saline_hook = if self.saline_clamp_open {
            if Self::fluid_on(self.saline_hook) == Some(Fluid::AcdA) {
                AC_FREE_FLOW_ML_MIN
            } else {
                SALINE_FREE_FLOW_ML_MIN
            }
        } else {
            0.0
        };
        self.drain(self.ac_hook, from_ac_hook * dt);
        self.drain(self.saline_hook, from_saline_hook * dt);
        // Anticoagulation of the set.
        let anticoagulated = Self::fluid_on(self.ac_hook) == Some(Fluid::AcdA)
            && self.acd_a_left_ml() > 0.0
            && (ac_pumped > 0.0 || ac_free);
        if Self::fluid_on(self.ac_hook) == Some(Fluid::AcdA) {
            let left = self.acd_a_left_ml();
            if left <= 0.0 {
                self.raise(AlarmKind::AcBagEmpty);
            } else if left < ACD_A_LOW_ML && self.notice.is_none() {
                self.notice = Some(Text::new(
                    "ACD-A bag nearly empty: have the next bag ready.",
                    "ACD-A 백이 거의 비었습니다. 다음 백을 준비하십시오.",
                ));
            }
        }
        if anticoagulated || self.pumps_stopped() {
            self.no_anticoagulant_min = 0.0;
        } else {
            self.no_anticoagulant_min += dt;
            if self.no_anticoagulant_min >= CLOTTING_AFTER_MIN && !self.clotted {
                self.clotted = true;
                self.deviate(
                    DeviationKind::SetClotted,
                    Text::new(
                        "The blood clotted in the set: it ran without anticoagulant. The machine has stopped the collection; do not return the set's blood to the donor.",
                        "항응고제 없이 운전되어 세트 안에서 혈액이 응고되었습니다. 장비가 채집을 멈췄습니다. 세트의 혈액을 공여자에게 반환하지 마십시오.",
                    ),
                );
                self.ended_at_target = false;
                self.end_run();
                return;
            }
        }
        // The saline prompt and dilution.
        if self.saline_prompt_min.is_none() && self.processed_ml >= SALINE_PROMPT_ML {
            self.saline_prompt_min = Some(self.clock_min);
            self.notice = Some(Text::new(
                "Close the inlet saline line completely now.",
                "지금 유입 생리식염수 라인을 완전히 잠그십시오.",
            ));
            self.note_as(
                SYSTEM_OPERATOR,
                EntryKind::Equipment,
                Value::Flag(true),
                Text::new("Prompt: close the inlet saline line.", "안내: 유입 생리식염수 라인을 잠그십시오."),
            );
        }
        let diluting = self.diluting();
        if diluting && flows.whole_blood_ml_min > 0.0 {
            self.diluted_min += dt;
            if self.diluted_min >= INTERFACE_LOST_AFTER_MIN {
                if !self.deviations.contains(&DeviationKind::SalineLeftOpen) {
                    self.deviate(
                        DeviationKind::SalineLeftOpen,
                        Text::new(
                            "The inlet saline line was left open after the screen said to close it: saline diluted the blood in the channel and the collection lost its interface.",
                            "화면 안내 후에도 유입 생리식염수 라인이 열려 있었습니다. 생리식염수가 채널의 혈액을 희석하여 경계면을 잃었습니다.",
                        ),
                    );
                }
                self.raise(AlarmKind::InterfaceNotDetected);
            }
        }
        if self.hct_error() > HCT_INTERFACE_LOST {
            self.raise(AlarmKind::InterfaceNotDetected);
        }
        // Cells and volumes.
        let share = self.protocol.map_or(1.0, Protocol::processing_share);
        let wb = flows.whole_blood_ml_min * share * dt;
        self.processed_ml += wb;
        let efficiency = self.efficiency();
        self.cd3_cells += efficiency * self.settings.donor.cd3_per_ul * 1000.0 * wb;
        if flows.whole_blood_ml_min > 0.0 {
            self.product_ml += self.protocol.map_or(0.0, Protocol::collect_ml_min) * dt;
        }
        self.track_history();
        if self.target_reached() {
            self.ended_at_target = true;
            self.end_run();
        }
    }

    /// The machine's flows this moment.
    fn compute_flows(&mut self) -> Flows {
        if self.pumps_stopped() {
            let acd_a = self.free_flowing_acd_a();
            return Flows { citrate_mg_kg_h: self.citrate_of(acd_a), acd_a_ml_min: acd_a, ..Flows::default() };
        }
        let cap = self.ac_cap_ml_min();
        let mut inlet = self.inlet_set_ml_min;
        let mut limited = false;
        if inlet > cap {
            inlet = cap;
            limited = true;
        }
        if inlet > self.access_capacity_ml_min && !self.alarm_active(AlarmKind::LowInletPressure) {
            self.raise(AlarmKind::LowInletPressure);
            return self.compute_flows();
        }
        let ac_pumped = if self.ac_stopped || !self.ac_line_seated() { 0.0 } else { inlet / self.ac_ratio };
        let acd_a = match Self::fluid_on(self.ac_hook) {
            Some(Fluid::AcdA) if self.acd_a_left_ml() > 0.0 => ac_pumped,
            _ => 0.0,
        } + self.free_flowing_acd_a();
        Flows {
            inlet_ml_min: inlet,
            whole_blood_ml_min: inlet - ac_pumped,
            acd_a_ml_min: acd_a,
            citrate_mg_kg_h: self.citrate_of(acd_a),
            limited_by_ac: limited,
        }
    }

    /// ACD-A running in through lines no pump meters, mL/min.
    fn free_flowing_acd_a(&self) -> f64 {
        let unseated =
            !self.ac_line_seated() && Self::fluid_on(self.ac_hook) == Some(Fluid::AcdA) && self.acd_a_left_ml() > 0.0;
        let via_saline = self.saline_clamp_open
            && Self::fluid_on(self.saline_hook) == Some(Fluid::AcdA)
            && self.bag_left(self.saline_hook) > 0.0;
        (f64::from(u8::from(unseated)) + f64::from(u8::from(via_saline))) * AC_FREE_FLOW_ML_MIN
    }

    fn citrate_of(&self, acd_a_ml_min: f64) -> f64 {
        donor::citrate_load_mg_kg_h(acd_a_ml_min, self.settings.donor.weight_kg)
    }

    /// The highest inlet flow the AC infusion rate limit allows, mL/min: the system derives it
    /// from the TBV entered [S25].
    pub fn ac_cap_ml_min(&self) -> f64 {
        let tbv = self.entered_tbv_l().unwrap_or(0.0);
        self.settings.ac_rate_limit * tbv * self.ac_ratio
    }

    fn pumps_stopped(&self) -> bool {
        self.paused || self.pumps_held() || self.phase != Phase::Collecting
    }

    fn diluting(&self) -> bool {
        self.saline_clamp_open
            && Self::fluid_on(self.saline_hook) == Some(Fluid::Saline)
            && self.saline_ml > 0.0
            && self.saline_prompt_min.is_some_and(|at| self.clock_min - at >= SALINE_GRACE_MIN)
    }

    /// Relative error of the entered haematocrit against today's.
    fn hct_error(&self) -> f64 {
        let truth = self.settings.donor.hct_percent;
        self.donor_confirmed
            .and_then(|entry| entry.hct_percent)
            .map_or(0.0, |entered| ((entered - truth) / truth).abs())
    }

    /// The collection efficiency now (0..1).
    fn efficiency(&self) -> f64 {
        if self.clotted {
            return 0.0;
        }
        let base = self.protocol.map_or(0.0, Protocol::ce2);
        let hct = (1.0 - HCT_ERROR_SENSITIVITY * self.hct_error()).max(0.0);
        let dilution = if self.diluting() { DILUTED_EFFICIENCY } else { 1.0 };
        base * hct * dilution
    }

    fn target_reached(&self) -> bool {
        match self.target {
            Some(RunTarget::WholeBloodMl(ml)) => self.processed_ml + 1e-6 >= ml,
            Some(RunTarget::RunTimeMin(min)) => self.run_time_min() + 1e-9 >= min,
            Some(RunTarget::Tbv(tbv)) => self.tbv_processed() + 1e-9 >= tbv,
            None => false,
        }
    }

    fn drain(&mut self, bag: Option<Bag>, ml: f64) {
        let left = match bag {
            Some(Bag::AcdA) => &mut self.acd_a_left[0],
            Some(Bag::AcdANext) => &mut self.acd_a_left[1],
            Some(Bag::Saline) => &mut self.saline_ml,
            None => return,
        };
        *left = (*left - ml).max(0.0);
    }

    fn track_history(&mut self) {
        let run = self.run_time_min();
        while run + 1e-9 >= self.next_history_min {
            self.history.push(HistoryPoint {
                run_min: run,
                processed_l: self.processed_ml / 1000.0,
                cd3_estimate_e9: self.cd3_estimate() / 1e9,
            });
            self.next_history_min += HISTORY_INTERVAL_MIN;
        }
    }

    fn end_run(&mut self) {
        self.run_end_min = Some(self.clock_min);
        self.flows = Flows::default();
        self.paused = false;
        // The pumps have stopped: only what stands in the way of returning blood stays.
        let (air, blocked) = (self.air_in_return, self.return_site_blocked);
        self.alarms.retain(|alarm| match alarm.kind {
            AlarmKind::AirDetected => air,
            AlarmKind::HighReturnPressure => blocked,
            _ => false,
        });
        let (processed, run) = (self.processed_ml, self.run_time_min());
        let text = if self.ended_at_target {
            Text::new(
                format!("Run target reached: {processed:.0} mL processed in {run:.0} min."),
                format!("목표 도달: {run:.0}분 동안 {processed:.0} mL 처리."),
            )
        } else {
            Text::new(
                format!("Run ended by the operator: {processed:.0} mL processed in {run:.0} min."),
                format!("작업자가 채집 종료: {run:.0}분 동안 {processed:.0} mL 처리."),
            )
        };
        self.note_as(SYSTEM_OPERATOR, EntryKind::Measurement, Value::Number(processed), text);
        self.enter(Phase::Ended);
        if !self.clotted {
            self.notice = Some(Text::new(
                "Collection over: choose rinseback or end without it.",
                "채집 종료: 혈액 반환 여부를 선택하십시오.",
            ));
        }
    }

    fn check_product_hold(&mut self) {
        let Some(sealed) = self.sealed_at_min else {
            return;
        };
        if self.stored.is_none()
            && self.clock_min - sealed > self.settings.room_hold_min
            && !self.deviations.contains(&DeviationKind::ProductNotRefrigerated)
        {
            let limit = self.settings.room_hold_min;
            self.deviate(
                DeviationKind::ProductNotRefrigerated,
                Text::new(
                    format!("The product stayed at room temperature for more than {limit:.0} min: fresh products are kept at 2–8 °C."),
                    format!("산물이 {limit:.0}분 넘게 실온에 있었습니다. 신선 산물은 2–8 °C에 보관합니다."),
                ),
            );
        }
    }

    fn raise(&mut self, kind: AlarmKind) {
        if self.alarm_active(kind) {
            return;
        }
        self.alarms.push(Alarm { kind, since_min: self.clock_min });
        self.note_as(SYSTEM_OPERATOR, EntryKind::Alarm, Value::Choice(kind.id().into()), kind.message());
    }

    /// Whether an alarm's cause is still there.
    fn alarm_cause_present(&self, kind: AlarmKind) -> bool {
        match kind {
            AlarmKind::LowInletPressure => {
                self.inlet_set_ml_min.min(self.ac_cap_ml_min()) > self.access_capacity_ml_min
            }
            AlarmKind::HighReturnPressure => self.return_site_blocked,
            AlarmKind::AirDetected => self.air_in_return,
            AlarmKind::InterfaceNotDetected => self.diluting() || self.hct_error() > HCT_INTERFACE_LOST,
            AlarmKind::AcBagEmpty => Self::fluid_on(self.ac_hook) != Some(Fluid::AcdA) || self.acd_a_left_ml() <= 0.0,
        }
    }

    fn enter(&mut self, phase: Phase) {
        self.phase = phase;
    }

    fn deviate(&mut self, kind: DeviationKind, text: Text) {
        self.deviations.push(kind);
        self.notice = Some(text.clone());
        self.note_as(SYSTEM_OPERATOR, EntryKind::Deviation, Value::Choice(kind.id().into()), text);
    }

    /// A batch-record entry by the operator now.
    fn note(&mut self, kind: EntryKind, value: Value, text: Text) {
        let operator = self.operator.clone();
        self.note_as(&operator, kind, value, text);
    }

    fn note_as(&mut self, operator: &str, kind: EntryKind, value: Value, text: Text) {
        self.record.record(self.clock_min / 60.0, operator, kind, value, text);
    }

    /// The entries made since the record held `before`, with `refusals`.
    fn outcome_since(&self, before: usize, refusals: Vec<Refusal>) -> Outcome {
        Outcome { handled: true, refusals, notes: self.record.entries().get(before..).unwrap_or_default().to_vec() }
    }
}

/// The index of a pump in `ids::PUMPS`.
fn pump_index(pump: &str) -> usize {
    ids::PUMPS.iter().position(|p| *p == pump).unwrap_or(0)
}

impl crate::stations::pace::Paced for Apheresis {
    fn pending_real_s(&mut self) -> &mut f64 {
        &mut self.pending_real_s
    }

    fn minutes_per_second(&self) -> f64 {
        Apheresis::minutes_per_second(self)
    }

    fn step(&mut self, minutes: f64) {
        Apheresis::step(self, minutes);
    }
}
