//! Whole collections played through the station's own actions, for the scenario table, the
//! benchmark and the tests: the published donor run well, and the mistakes that cost yield.

use super::ids::*;
use super::pages::ApheresisDesk;
use super::*;
use crate::level::{Action, ConnectMethod};

/// The donor the scenarios use: a man of 1.75 m and 75 kg (domain.md §5.1.3's worked example,
/// TBV 4.98 L). The counts are typical healthy-adult values, an assumption: §5.1.2 lists the
/// panel, not a donor, and [S21]'s healthy donors are reported as a group.
pub fn published_donor() -> Donor {
    Donor {
        sex: Sex::Male,
        height_m: 1.75,
        weight_kg: 75.0,
        hct_percent: 40.0,
        chart_hct_percent: 44.0,
        wbc_per_ul: 6000.0,
        lymphocytes_per_ul: 1800.0,
        cd3_per_ul: 1200.0,
        platelets_k_per_ul: 250.0,
        citrate_tolerance_mg_kg_h: donor::CITRATE_TOLERATED_MG_KG_H,
        access_max_ml_min: 60.0,
    }
}

/// How a scenario's operator departs from the well-run collection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Choices {
    pub protocol: Protocol,
    /// Close the inlet saline line when told.
    pub close_saline: bool,
    /// Enter the old work-up haematocrit instead of today's.
    pub stale_hct: bool,
    /// TBV processed as the run target.
    pub target_tbv: f64,
    /// Hang ACD-A on the saline hook and saline on the AC hook.
    pub swap_bags: bool,
    /// AC infusion rate limit, mL/min/L TBV.
    pub ac_rate_limit: f64,
    /// Inlet:AC ratio (n:1).
    pub ac_ratio: f64,
}

impl Default for Choices {
    fn default() -> Self {
        Self {
            protocol: Protocol::Cmnc,
            close_saline: true,
            stale_hct: false,
            target_tbv: 2.0,
            swap_bags: false,
            ac_rate_limit: AC_RATE_LIMIT_DEFAULT,
            ac_ratio: AC_RATIO_DEFAULT,
        }
    }
}

/// What a scenario's collection gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Collection {
    pub run_time_min: f64,
    pub processed_ml: f64,
    pub tbv_processed: f64,
    pub product_ml: f64,
    pub cd3_collected: f64,
    pub ce2: f64,
    pub worst_symptom: Symptom,
    /// The lowest ionised calcium the donor reached, mmol/L.
    pub lowest_ica_mmol_l: f64,
    pub deviations: Vec<DeviationKind>,
    pub refusals: Vec<String>,
}

/// Plays a collection from a fresh machine to the product stored, with `choices`.
pub fn run(choices: Choices) -> (ApheresisDesk, Collection) {
    let settings = Settings { ac_rate_limit: choices.ac_rate_limit, ..Settings::default() };
    let mut desk = ApheresisDesk::with_station(Apheresis::with_settings("operator", settings));
    let mut refusals = Vec::new();
    let act = |desk: &mut ApheresisDesk, action: Action, refusals: &mut Vec<String>| {
        for refusal in desk.act(&action).refusals {
            refusals.push(format!("{action:?}: {}", refusal.code));
        }
    };
    let set = |control: &str, value: Value| Action::Set { control: control.into(), value };
    let press = |control: &str| Action::Press { control: control.into() };
    let place = |item: &str, target: &str| Action::Place { item: item.into(), target: target.into() };
    act(&mut desk, set(PROCEDURE, Value::Choice(choices.protocol.id().into())), &mut refusals);
    act(&mut desk, place(SET, STATION_ID), &mut refusals);
    act(&mut desk, press(CENTRIFUGE_DOOR), &mut refusals);
    act(&mut desk, place(FILLER, CENTRIFUGE), &mut refusals);
    act(&mut desk, press(CENTRIFUGE_DOOR), &mut refusals);
    for pump in PUMPS {
        act(&mut desk, press(pump), &mut refusals);
    }
    let (ac_bag, saline_bag) = if choices.swap_bags { (SALINE_BAG, ACD_A_BAG) } else { (ACD_A_BAG, SALINE_BAG) };
    act(&mut desk, place(ac_bag, ACD_A_HOOK), &mut refusals);
    act(&mut desk, place(saline_bag, SALINE_HOOK), &mut refusals);
    act(&mut desk, press(LOAD_SET), &mut refusals);
    act(&mut desk, press(PRIME), &mut refusals);
    desk.run_until_ended(60.0);
    let donor = desk.station.settings().donor.clone();
    let hct = if choices.stale_hct { donor.chart_hct_percent } else { donor.hct_percent };
    act(&mut desk, set(DONOR_SEX, Value::Choice(donor.sex.id().into())), &mut refusals);
    act(&mut desk, set(DONOR_HEIGHT, Value::Number(donor.height_m * 100.0)), &mut refusals);
    act(&mut desk, set(DONOR_WEIGHT, Value::Number(donor.weight_kg)), &mut refusals);
    act(&mut desk, set(DONOR_HCT, Value::Number(hct)), &mut refusals);
    act(&mut desk, set(DONOR_CD3, Value::Number(donor.cd3_per_ul)), &mut refusals);
    act(&mut desk, press(CONFIRM_DONOR), &mut refusals);
    if choices.ac_ratio != AC_RATIO_DEFAULT {
        act(&mut desk, set(AC_RATIO, Value::Number(choices.ac_ratio)), &mut refusals);
    }
    act(&mut desk, set(TARGET_TBV, Value::Number(choices.target_tbv)), &mut refusals);
    for (line, needle) in [(ACCESS_LINE, ACCESS_NEEDLE), (RETURN_LINE, RETURN_NEEDLE)] {
        act(
            &mut desk,
            Action::Connect { a: line.into(), b: needle.into(), method: ConnectMethod::Luer },
            &mut refusals,
        );
    }
    act(&mut desk, press(START), &mut refusals);
    refusals.extend(collect(&mut desk, choices.close_saline, 600.0));
    act(&mut desk, press(SKIP_RINSEBACK), &mut refusals);
    for clamp in [ACCESS_CLAMP, RETURN_CLAMP] {
        act(&mut desk, Action::CloseClamp { clamp: clamp.into() }, &mut refusals);
    }
    for tube in [ACCESS_LINE, RETURN_LINE] {
        act(&mut desk, Action::Seal { tube: tube.into() }, &mut refusals);
    }
    act(&mut desk, place(PRODUCT_LABEL, PRODUCT_BAG), &mut refusals);
    act(&mut desk, Action::Seal { tube: COLLECT_LINE.into() }, &mut refusals);
    act(&mut desk, place(SAMPLE_COUNTS, PRODUCT_SAMPLE_SITE), &mut refusals);
    act(&mut desk, place(SAMPLE_STERILITY, PRODUCT_SAMPLE_SITE), &mut refusals);
    act(&mut desk, place(PRODUCT_BAG, REFRIGERATOR), &mut refusals);
    let s = &desk.station;
    let result = Collection {
        run_time_min: s.run_time_min(),
        processed_ml: s.processed_ml(),
        tbv_processed: s.tbv_processed(),
        product_ml: s.product_ml(),
        cd3_collected: s.cd3_collected(),
        ce2: s.ce2(),
        worst_symptom: s.donor().worst,
        lowest_ica_mmol_l: s.donor().lowest_ica_mmol_l,
        deviations: s.deviations().to_vec(),
        refusals,
    };
    (desk, result)
}

/// Lets the collection run for up to `max_minutes` of run time, as a careful operator would:
/// the saline line closed when the screen says (if `close_saline`), the next ACD-A bag hung
/// when the first runs out. Returns what was refused.
pub fn collect(desk: &mut ApheresisDesk, close_saline: bool, max_minutes: f64) -> Vec<String> {
    let mut refusals = Vec::new();
    let mut act = |desk: &mut ApheresisDesk, action: Action| {
        for refusal in desk.act(&action).refusals {
            refusals.push(format!("{action:?}: {}", refusal.code));
        }
    };
    let end = desk.station.run_time_min() + max_minutes;
    while desk.station.phase() == Phase::Collecting && desk.station.run_time_min() < end {
        desk.tick(1.0);
        if desk.station.alarm_active(AlarmKind::AcBagEmpty) {
            act(desk, Action::Discard { item: ACD_A_BAG.into() });
            act(desk, Action::Place { item: ACD_A_BAG_NEXT.into(), target: ACD_A_HOOK.into() });
            act(desk, Action::Press { control: ALARM_ACK.into() });
        }
        if close_saline && desk.station.saline_prompted() && desk.station.saline_clamp_open() {
            act(desk, Action::CloseClamp { clamp: INLET_SALINE_CLAMP.into() });
        }
    }
    refusals
}
