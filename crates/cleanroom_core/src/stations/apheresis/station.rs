//! The apheresis machine behind the station interface: what it declares to level authors (its
//! controls, observations, events and settings), what it reports, and how it is drawn.

use std::collections::BTreeMap;

use super::ids::*;
use super::operate::EVENTS;
use super::pages::ApheresisDesk;
use super::*;
use crate::level::Action;
use crate::stations::screen::ScreenView;
use crate::stations::{Line, Product, SettingKind, SettingSpec, StationModel, StationSpec};

/// What the apheresis station declares to level authors.
pub const SPEC: StationSpec = StationSpec {
    id: STATION_ID,
    controls: &CONTROLS,
    observation_keys: OBSERVATION_KEYS,
    events: &EVENTS,
    settings: SETTINGS,
    new: |operator| Box::new(ApheresisDesk::new(operator)),
};

/// The settings a level gives the station: the donor, and the run's instructor-set defaults.
pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec { key: "donor_sex", kind: SettingKind::Choice(&["male", "female"]), about: "the donor's sex" },
    SettingSpec::number("donor_height_cm", 100.0, 230.0, "the donor's height, cm"),
    SettingSpec::number("donor_weight_kg", 20.0, 250.0, "the donor's weight, kg"),
    SettingSpec::number("donor_hct_percent", 15.0, 65.0, "the donor's haematocrit today, %"),
    SettingSpec::number("donor_chart_hct_percent", 15.0, 65.0, "the haematocrit on the donor's older work-up sheet, %"),
    SettingSpec::number("donor_wbc_per_ul", 100.0, 100_000.0, "white cells, /µL"),
    SettingSpec::number("donor_lymphocytes_per_ul", 0.0, 50_000.0, "lymphocytes, /µL"),
    SettingSpec::number("donor_cd3_per_ul", 0.0, 10_000.0, "CD3+ cells, /µL"),
    SettingSpec::number("donor_platelets_k_per_ul", 1.0, 1000.0, "platelets, ×10³/µL"),
    SettingSpec::number("donor_access_max_ml_min", 10.0, 150.0, "the inlet flow the venous access gives, mL/min"),
    SettingSpec::number(
        "ac_rate_limit",
        AC_RATE_LIMIT_RANGE.0,
        AC_RATE_LIMIT_RANGE.1,
        "AC infusion rate limit, mL/min/L TBV",
    ),
    SettingSpec::number("ac_ratio", AC_RATIO_RANGE.0, AC_RATIO_RANGE.1, "the starting inlet:AC ratio"),
    SettingSpec::number("planning_ce2", 0.05, 1.0, "the CE2 the screen's estimate assumes (0..1)"),
    SettingSpec::number("room_hold_min", 1.0, 240.0, "minutes the product may stay out of 2–8 °C once sealed off"),
    SettingSpec::number(
        "cd3_target",
        1.0e8,
        1.0e11,
        "the CD3+ cells the collection aims at (shown on the work-up sheet)",
    ),
    SettingSpec { key: "product_din", kind: SettingKind::Din, about: "the DIN printed on the product's label" },
];

/// Mononuclear cells per lymphocyte in the product: lymphocytes and monocytes, taken as a
/// typical differential of one monocyte to 2.5 lymphocytes. Assumption.
const MNC_PER_LYMPHOCYTE: f64 = 1.4;

/// Viable share of the fresh product. Assumption: a fresh apheresis product before any
/// processing.
const FRESH_VIABILITY: f64 = 0.97;

/// Every key the station reports, for level validation.
pub const OBSERVATION_KEYS: &[&str] = &[
    "phase",
    "procedure",
    "cassette_mounted",
    "filler_in_centrifuge",
    "centrifuge_door_open",
    "lines_seated",
    "ac_line_seated",
    "bags_hung",
    "bags_swapped",
    "set_loaded",
    "primed",
    "donor_data_entered",
    "hct_current",
    "tbv_l",
    "run_target",
    "target_wb_ml",
    "target_run_time_min",
    "target_tbv",
    "donor_connected",
    "collecting",
    "paused",
    "run_time_min",
    "processed_ml",
    "tbv_processed",
    "inlet_ml_min",
    "ac_ratio",
    "acd_a_ml_min",
    "acd_a_left_ml",
    "citrate_mg_kg_h",
    "ica_mmol_l",
    "symptom",
    "symptom_level",
    "saline_prompted",
    "saline_closed",
    "ac_stopped",
    "cd3_collected_e9",
    "cd3_estimate_e9",
    "ce2_percent",
    "product_ml",
    "target_reached",
    "run_ended",
    "rinseback_done",
    "disconnected",
    "product_sealed",
    "product_labelled",
    "product_sampled",
    "product_stored",
    "alarm_low_inlet_pressure",
    "alarm_high_return_pressure",
    "alarm_air_detected",
    "alarm_interface_not_detected",
    "alarm_ac_bag_empty",
    "alarms_active",
    // Each deviation the station records, so a level can make it a rule of its own.
    "deviation_bags_swapped",
    "deviation_saline_left_open",
    "deviation_stale_hct",
    "deviation_anticoagulant_stopped",
    "deviation_set_clotted",
    "deviation_return_forced",
    "deviation_severe_citrate_toxicity",
    "deviation_ended_early",
    "deviation_product_unlabelled",
    "deviation_product_unsampled",
    "deviation_product_not_refrigerated",
];

/// The world objects whose text the model writes: the donor's work-up sheet and the donor's
/// words at the chair.
pub const WORKUP_SHEET: &str = "donor_workup_sheet";
pub const DONOR_SPEECH: &str = "donor_speech";

/// The donor's look, as a part the world draws: on while citrate symptoms trouble them.
pub const DONOR_UNWELL: &str = "donor_unwell";

impl Settings {
    /// Settings from a level's `settings` map (checked against `SETTINGS`); unknown keys and
    /// values are left at their defaults.
    pub fn from_level(values: &BTreeMap<String, Value>) -> Self {
        let mut settings = Settings::default();
        let number = |key: &str| match values.get(key) {
            Some(Value::Number(n)) => Some(*n),
            _ => None,
        };
        let donor = &mut settings.donor;
        if let Some(Value::Choice(sex)) = values.get("donor_sex")
            && let Some(sex) = Sex::from_id(sex)
        {
            donor.sex = sex;
        }
        let fields: [(&str, &mut f64, f64); 9] = [
            ("donor_height_cm", &mut donor.height_m, 0.01),
            ("donor_weight_kg", &mut donor.weight_kg, 1.0),
            ("donor_hct_percent", &mut donor.hct_percent, 1.0),
            ("donor_chart_hct_percent", &mut donor.chart_hct_percent, 1.0),
            ("donor_wbc_per_ul", &mut donor.wbc_per_ul, 1.0),
            ("donor_lymphocytes_per_ul", &mut donor.lymphocytes_per_ul, 1.0),
            ("donor_cd3_per_ul", &mut donor.cd3_per_ul, 1.0),
            ("donor_platelets_k_per_ul", &mut donor.platelets_k_per_ul, 1.0),
            ("donor_access_max_ml_min", &mut donor.access_max_ml_min, 1.0),
        ];
        for (key, field, scale) in fields {
            if let Some(value) = number(key) {
                *field = value * scale;
            }
        }
        if number("donor_chart_hct_percent").is_none() && number("donor_hct_percent").is_some() {
            donor.chart_hct_percent = donor.hct_percent;
        }
        if let Some(limit) = number("ac_rate_limit") {
            settings.ac_rate_limit = limit;
        }
        if let Some(ratio) = number("ac_ratio") {
            settings.ac_ratio = ratio;
        }
        settings.planning_ce2 = number("planning_ce2");
        if let Some(hold) = number("room_hold_min") {
            settings.room_hold_min = hold;
        }
        if let Some(target) = number("cd3_target") {
            settings.cd3_target = target;
        }
        if let Some(Value::Choice(din)) = values.get("product_din")
            && let Ok(din) = crate::isbt128::Din::parse(din)
        {
            settings.product_din = din;
        }
        settings
    }
}

impl Apheresis {
    /// Every observation key with its value now.
    pub fn observations(&self) -> Vec<(&'static str, Value)> {
        let flag = Value::Flag;
        let num = Value::Number;
        let choice = |s: &str| Value::Choice(s.to_owned());
        let target = self.target();
        let target_value = |want: &str| match target {
            Some(RunTarget::WholeBloodMl(v)) if want == "wb" => v,
            Some(RunTarget::RunTimeMin(v)) if want == "time" => v,
            Some(RunTarget::Tbv(v)) if want == "tbv" => v,
            _ => 0.0,
        };
        let rounded = |value: f64, places: i32| {
            let factor = 10f64.powi(places);
            (value * factor).round() / factor
        };
        let mut observations = vec![
            ("phase", choice(self.phase.id())),
            ("procedure", choice(self.protocol.map_or("none", Protocol::id))),
            ("cassette_mounted", flag(self.cassette_on)),
            ("filler_in_centrifuge", flag(self.filler_in)),
            ("centrifuge_door_open", flag(self.door_open)),
            ("lines_seated", flag(self.seated.iter().all(|s| *s))),
            ("ac_line_seated", flag(self.ac_line_seated())),
            ("bags_hung", flag(self.ac_hook.is_some() && self.saline_hook.is_some())),
            ("bags_swapped", flag(self.bags_swapped())),
            ("set_loaded", flag(self.phase >= Phase::SetLoaded)),
            ("primed", flag(self.phase >= Phase::Primed)),
            ("donor_data_entered", flag(self.donor_confirmed.is_some())),
            ("hct_current", flag(self.hct_current())),
            ("tbv_l", num(rounded(self.entered_tbv_l().unwrap_or(0.0), 2))),
            ("run_target", choice(target.map_or("none", RunTarget::kind_id))),
            ("target_wb_ml", num(target_value("wb"))),
            ("target_run_time_min", num(target_value("time"))),
            ("target_tbv", num(target_value("tbv"))),
            ("donor_connected", flag(self.access_connected && self.return_connected && !self.access_sealed)),
            ("collecting", flag(self.phase == Phase::Collecting)),
            ("paused", flag(self.paused)),
            ("run_time_min", num(self.run_time_min().floor())),
            ("processed_ml", num((self.processed_ml / 100.0).floor() * 100.0)),
            ("tbv_processed", num((self.tbv_processed() * 10.0).floor() / 10.0)),
            ("inlet_ml_min", num(rounded(self.flows.inlet_ml_min, 0))),
            ("ac_ratio", num(self.ac_ratio)),
            ("acd_a_ml_min", num(rounded(self.flows.acd_a_ml_min, 1))),
            ("acd_a_left_ml", num((self.acd_a_left_ml() / 10.0).floor() * 10.0)),
            ("citrate_mg_kg_h", num(rounded(self.flows.citrate_mg_kg_h, 0))),
            ("ica_mmol_l", num(rounded(self.donor.ica_mmol_l, 2))),
            ("symptom", choice(self.donor.symptom().id())),
            ("symptom_level", num(f64::from(self.donor.symptom().level()))),
            ("saline_prompted", flag(self.saline_prompted())),
            ("saline_closed", flag(!self.saline_clamp_open)),
            ("ac_stopped", flag(self.ac_stopped)),
            ("cd3_collected_e9", num(rounded(self.cd3_cells / 1e9, 1))),
            ("cd3_estimate_e9", num(rounded(self.cd3_estimate() / 1e9, 1))),
            ("ce2_percent", num(rounded(self.ce2() * 100.0, 0))),
            ("product_ml", num((self.product_ml / 10.0).floor() * 10.0)),
            ("target_reached", flag(self.ended_at_target)),
            ("run_ended", flag(self.phase >= Phase::Ended)),
            ("rinseback_done", flag(self.rinseback_done)),
            ("disconnected", flag(self.phase >= Phase::Disconnected)),
            ("product_sealed", flag(self.phase >= Phase::ProductSealed)),
            ("product_labelled", flag(self.labelled)),
            ("product_sampled", flag(self.samples.len() >= 2)),
            ("product_stored", choice(self.stored.map_or("none", Destination::id))),
        ];
        for kind in AlarmKind::ALL {
            observations.push((kind.observation_key(), flag(self.alarm_active(kind))));
        }
        observations.push(("alarms_active", flag(!self.alarms.is_empty())));
        for kind in DeviationKind::ALL {
            observations.push((kind.observation_key(), flag(self.deviations.contains(&kind))));
        }
        observations
    }

    /// The donor's work-up sheet, as the operator reads it beside the chair: one figure a line.
    pub fn workup_sheet(&self) -> Text {
        let d = &self.settings.donor;
        let sex = d.sex.name();
        let (height, weight) = (d.height_m * 100.0, d.weight_kg);
        let target = self.settings.cd3_target / 1e9;
        let figures = [
            (Text::new("Hct today", "오늘 헤마토크리트"), format!("{:.1} %", d.hct_percent)),
            (Text::new("Hct at work-up", "사전 검사 헤마토크리트"), format!("{:.1} %", d.chart_hct_percent)),
            (Text::new("WBC", "백혈구"), format!("{:.0}/µL", d.wbc_per_ul)),
            (Text::new("Lymphocytes", "림프구"), format!("{:.0}/µL", d.lymphocytes_per_ul)),
            (Text::new("CD3+", "CD3+"), format!("{:.0}/µL", d.cd3_per_ul)),
            (Text::new("Platelets", "혈소판"), format!("{:.0}×10³/µL", d.platelets_k_per_ul)),
            (Text::new("CD3+ target", "CD3+ 목표"), format!("{target:.1}×10⁹")),
        ];
        let sheet = |title: &str, sex: String, label: fn(&Text) -> &str| {
            let mut lines = vec![title.to_owned(), format!("{sex} · {height:.0} cm · {weight:.0} kg")];
            lines.extend(figures.iter().map(|(name, value)| format!("{} {value}", label(name))));
            lines.join("\n")
        };
        let en = sheet("DONOR WORK-UP", crate::common::capitalised(&sex.en), |text| &text.en);
        let ko = sheet("공여자 사전 검사", sex.ko.clone(), |text| &text.ko);
        Text::new(en, ko)
    }
}

impl StationModel for ApheresisDesk {
    fn act(&mut self, action: &Action) -> Outcome {
        ApheresisDesk::act(self, action)
    }

    fn inject(&mut self, event: &str) -> Outcome {
        let outcome = self.station.inject(event);
        self.follow();
        outcome
    }

    fn observations(&self) -> Vec<(&'static str, Value)> {
        self.station.observations()
    }

    fn screen(&self) -> ScreenView {
        self.view()
    }

    fn batch_record(&self) -> &BatchRecord {
        self.station.batch_record()
    }

    fn lines(&self) -> Vec<Line> {
        let s = &self.station;
        let donor_line = |id: &str, connected: bool, sealed: bool, clamp: &str, open: bool| Line {
            id: id.into(),
            joined_to: (connected && !sealed)
                .then(|| if id == ACCESS_LINE { ACCESS_NEEDLE } else { RETURN_NEEDLE }.to_owned()),
            clamp: Some((clamp.into(), open)),
        };
        vec![
            donor_line(ACCESS_LINE, s.access_connected, s.access_sealed, ACCESS_CLAMP, s.access_clamp_open),
            donor_line(RETURN_LINE, s.return_connected, s.return_sealed, RETURN_CLAMP, s.return_clamp_open),
            Line {
                id: COLLECT_LINE.into(),
                joined_to: (s.phase < Phase::ProductSealed).then(|| PRODUCT_BAG.to_owned()),
                clamp: None,
            },
            Line {
                id: "inlet_saline_line".into(),
                joined_to: None,
                clamp: Some((INLET_SALINE_CLAMP.into(), s.saline_clamp_open)),
            },
        ]
    }

    fn settings(&self) -> Vec<(&'static str, f64)> {
        vec![(INLET_FLOW, self.station.inlet_set_ml_min()), (AC_RATIO, self.station.ac_ratio())]
    }

    fn configure(&mut self, settings: &BTreeMap<String, Value>) {
        let operator = self.station.operator.clone();
        *self = ApheresisDesk::with_station(Apheresis::with_settings(&operator, Settings::from_level(settings)));
    }

    fn tick(&mut self, real_seconds: f64) -> Outcome {
        ApheresisDesk::tick(self, real_seconds)
    }

    fn parts(&self) -> Vec<(&'static str, bool)> {
        let s = &self.station;
        let mut parts = vec![(CENTRIFUGE_DOOR, s.door_open), (DONOR_UNWELL, s.donor().symptom() > Symptom::None)];
        parts.extend(PUMPS.iter().zip(s.seated).map(|(pump, seated)| (*pump, seated)));
        parts
    }

    fn texts(&self) -> Vec<(&'static str, Text)> {
        let s = &self.station;
        let speech = if s.phase() >= Phase::Collecting && s.phase() < Phase::Disconnected {
            s.donor().symptom().words()
        } else {
            Text::new("Hello. Is everything ready?", "안녕하세요. 준비 다 됐나요?")
        };
        vec![(WORKUP_SHEET, s.workup_sheet()), (DONOR_SPEECH, speech)]
    }

    fn products(&self) -> Vec<Product> {
        let s = &self.station;
        if s.phase() < Phase::ProductSealed || !s.labelled {
            return Vec::new();
        }
        let donor = &s.settings.donor;
        let cells = s.cd3_cells * donor.lymphocytes_per_ul * MNC_PER_LYMPHOCYTE / donor.cd3_per_ul.max(1.0);
        vec![Product {
            item: PRODUCT_BAG.into(),
            din: s.settings.product_din.to_string(),
            description: Text::new("MNC apheresis product", "MNC 성분채집 산물"),
            cells,
            viability: FRESH_VIABILITY,
            volume_ml: s.product_ml(),
            contaminated: false,
        }]
    }
}
