//! The fill-and-finish unit behind the station interface: what it declares to level authors
//! (controls, observations, events, settings), what it reports, and how it is drawn.

use std::collections::BTreeMap;

use super::ids::*;
use super::operate::EVENTS;
use super::pages::FillFinishDesk;
use super::*;
use crate::level::Action;
use crate::stations::screen::ScreenView;
use crate::stations::{Line, SettingKind, SettingSpec, StationModel, StationSpec};

/// What the fill-and-finish station declares to level authors.
pub const SPEC: StationSpec = StationSpec {
    id: STATION_ID,
    controls: &CONTROLS,
    observation_keys: OBSERVATION_KEYS,
    events: &EVENTS,
    settings: SETTINGS,
    new: |operator| Box::new(FillFinishDesk::new(operator)),
};

/// The settings a level gives the unit: the incoming cells and their DIN, the batch record
/// (its DIN and recipe) and the instructor-set limits.
pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec {
        key: "incoming",
        kind: SettingKind::Choice(&["cell_bag", "handed_on"]),
        about: "where the cells come from: the bench's cell bag, or another station's product handed on",
    },
    SettingSpec::number("incoming_cells_e9", 0.001, 100.0, "cells in the incoming bag, ×10⁹"),
    SettingSpec::number("incoming_viability_percent", 10.0, 100.0, "their viability, %"),
    SettingSpec::number("incoming_volume_ml", 1.0, 1000.0, "the incoming bag's volume, mL"),
    SettingSpec { key: "incoming_din", kind: SettingKind::Din, about: "the DIN on the incoming bag" },
    SettingSpec {
        key: "batch_record_din",
        kind: SettingKind::Din,
        about: "the DIN the batch record and the printed labels carry (the bag's unless a mismatch is planted)",
    },
    SettingSpec::number("recipe_cells_e6_per_ml", 0.1, 200.0, "the batch record's cell concentration, ×10⁶/mL"),
    SettingSpec::number("recipe_dmso_percent", 1.0, 15.0, "the batch record's final DMSO, %"),
    SettingSpec::number("recipe_fill_ml", 5.0, 150.0, "the batch record's fill per bag, mL"),
    SettingSpec::number("recipe_bags", 1.0, MAX_BAGS as f64, "the batch record's number of bags"),
    SettingSpec::number("recipe_qc_ml", 0.0, 20.0, "the batch record's QC sample, mL"),
    SettingSpec::number("recipe_retention_ml", 0.0, 20.0, "the batch record's retention sample, mL"),
    SettingSpec::number("addition_min", 0.5, 60.0, "the batch record's time to add the cryoprotectant over, min"),
    SettingSpec::number("cryoprotectant_dmso_percent", 5.0, 100.0, "DMSO in the cryoprotectant bag, %"),
    SettingSpec::number("hold_min", 5.0, 240.0, "minutes allowed from the first DMSO contact to the freezer"),
    SettingSpec::number("viability_spec_percent", 10.0, 100.0, "the release specification for viability, %"),
    SettingSpec::number("cooling_rate_c_min", -10.0, -0.1, "the controlled-rate profile, °C/min"),
    SettingSpec {
        key: "date",
        kind: SettingKind::Date,
        about: "the date of manufacture (the labels' expiry counts from it)",
    },
    SettingSpec::number("shelf_life_months", 1.0, 120.0, "months from manufacture to the expiry on the labels"),
];

/// Every key the station reports, for level validation.
pub const OBSERVATION_KEYS: &[&str] = &[
    "phase",
    "line_clearance_done",
    "batch_record_checked",
    "identity_mismatch",
    "mismatch_reported",
    "false_identity_query",
    "on_hold",
    "product_received",
    "incoming_din",
    "set_loaded",
    "cell_line_welded",
    "cryo_line_welded",
    "bags_line_welded",
    "welds_inspected",
    "recipe_confirmed",
    "recipe_bags",
    "recipe_fill_ml",
    "plate_c",
    "plate_in_band",
    "cooling",
    "chiller_fault",
    "lid_open",
    "mixing",
    "cryo_clamp_open",
    "addition_started",
    "addition_paused",
    "addition_done",
    "dmso_percent",
    "exposure_min",
    "bags_filled",
    "air_removed",
    "bags_sealed",
    "seals_inspected",
    "failed_seal_found",
    "qc_sample",
    "retention_sample",
    "labels_printed",
    "labels_din",
    "bags_labelled",
    "overwrapped",
    "handed_off",
    "times_recorded",
    "frozen",
    "stored",
    "viability_percent",
    "viability_in_spec",
    "alarm_plate_warm",
    "alarm_hold_time_exceeded",
    "alarms_active",
    "deviation_identity_mismatch",
    "deviation_recipe_mismatch",
    "deviation_warm_addition",
    "deviation_bolus_addition",
    "deviation_hold_time_exceeded",
    "deviation_wrong_bag_count",
    "deviation_wrong_fill_volume",
    "deviation_failed_seal",
    "deviation_no_retention_sample",
    "deviation_no_qc_sample",
];

/// The world objects whose text the model writes: the batch record on its stand, the incoming
/// bag's tag, and each final bag's label.
pub const BATCH_RECORD_SHEET: &str = "fill_finish_batch_record";
pub const INCOMING_TAG: &str = "washed_cell_bag_tag";
pub const CRYOPROTECTANT_LABEL: &str = "cryoprotectant_bag_label";
pub const BAG_LABEL_TEXTS: [&str; MAX_BAGS] =
    ["final_bag_1_label_text", "final_bag_2_label_text", "final_bag_3_label_text", "final_bag_4_label_text"];

impl Settings {
    /// Settings from a level's `settings` map (checked against `SETTINGS`); unknown keys and
    /// values are left at their defaults.
    pub fn from_level(values: &BTreeMap<String, Value>) -> Self {
        let mut settings = Settings::default();
        let number = |key: &str| match values.get(key) {
            Some(Value::Number(n)) => Some(*n),
            _ => None,
        };
        let din = |key: &str| match values.get(key) {
            Some(Value::Choice(text)) => Din::parse(text).ok(),
            _ => None,
        };
        let fields: [(&str, &mut f64, f64); 12] = [
            ("incoming_cells_e9", &mut settings.incoming.cells, 1e9),
            ("incoming_viability_percent", &mut settings.incoming.viability, 0.01),
            ("incoming_volume_ml", &mut settings.incoming.volume_ml, 1.0),
            ("recipe_cells_e6_per_ml", &mut settings.recipe.cells_per_ml, 1e6),
            ("recipe_dmso_percent", &mut settings.recipe.dmso_percent, 1.0),
            ("recipe_fill_ml", &mut settings.recipe.fill_ml, 1.0),
            ("recipe_qc_ml", &mut settings.recipe.qc_ml, 1.0),
            ("recipe_retention_ml", &mut settings.recipe.retention_ml, 1.0),
            ("addition_min", &mut settings.addition_min, 1.0),
            ("cryoprotectant_dmso_percent", &mut settings.cryoprotectant_dmso, 1.0),
            ("hold_min", &mut settings.hold_min, 1.0),
            ("viability_spec_percent", &mut settings.viability_spec, 0.01),
        ];
        for (key, field, scale) in fields {
            if let Some(value) = number(key) {
                *field = value * scale;
            }
        }
        if let Some(bags) = number("recipe_bags") {
            settings.recipe.bags = bags.round() as u32;
        }
        if let Some(rate) = number("cooling_rate_c_min") {
            settings.cooling_rate_c_min = rate;
        }
        if let Some(months) = number("shelf_life_months") {
            settings.shelf_life_months = months.round() as u32;
        }
        if let Some(Value::Choice(date)) = values.get("date")
            && let Some(date) = Date::parse(date)
        {
            settings.date = date;
        }
        if let Some(din) = din("incoming_din") {
            settings.incoming_din = din;
        }
        settings.batch_record_din = din("batch_record_din");
        settings.handed_on = matches!(values.get("incoming"), Some(Value::Choice(from)) if from == "handed_on");
        settings
    }
}

impl FillFinish {
    /// Every observation key with its value now.
    pub fn observations(&self) -> Vec<(&'static str, Value)> {
        let flag = Value::Flag;
        let num = Value::Number;
        let bags = self.bags();
        let all = |test: fn(&FinalBag) -> bool| flag(!bags.is_empty() && bags.iter().all(test));
        let mut observations = vec![
            ("phase", Value::Choice(self.phase.id().into())),
            ("line_clearance_done", flag(self.phase > Phase::LineClearance)),
            ("batch_record_checked", flag(self.phase >= Phase::LoadSet && self.phase != Phase::OnHold)),
            ("identity_mismatch", flag(self.identity_mismatch())),
            ("mismatch_reported", flag(self.mismatch_reported())),
            ("false_identity_query", flag(self.false_query())),
            ("on_hold", flag(self.phase == Phase::OnHold)),
            ("product_received", flag(self.received().is_some())),
            ("incoming_din", Value::Choice(self.incoming_din().to_string())),
            ("set_loaded", flag(self.phase >= Phase::Welding && self.phase != Phase::OnHold)),
            ("cell_line_welded", flag(self.welds()[0])),
            ("cryo_line_welded", flag(self.welds()[1])),
            ("bags_line_welded", flag(self.welds()[2])),
            ("welds_inspected", flag(self.welds_inspected().iter().all(|x| *x))),
            ("recipe_confirmed", flag(self.recipe().is_some())),
            ("recipe_bags", num(self.recipe().map_or(0.0, |r| f64::from(r.bags)))),
            ("recipe_fill_ml", num(self.recipe().map_or(0.0, |r| r.fill_ml))),
            ("plate_c", num(self.plate_c().round())),
            ("plate_in_band", flag(self.plate_c() <= formulation::COLD_LIMIT_C)),
            ("cooling", flag(self.cooling())),
            ("chiller_fault", flag(self.chiller_fault())),
            ("lid_open", flag(self.lid_open())),
            ("mixing", flag(self.mixing())),
            ("cryo_clamp_open", flag(self.cryo_clamp_open())),
            ("addition_started", flag(self.addition().started_at.is_some())),
            ("addition_paused", flag(self.addition().paused)),
            ("addition_done", flag(self.addition().done)),
            ("dmso_percent", num(round(self.dmso_percent_now(), 1))),
            ("exposure_min", num(self.exposure_min().floor())),
            ("bags_filled", flag(self.phase >= Phase::Filled && self.phase != Phase::OnHold)),
            ("air_removed", flag(self.air_removed())),
            ("bags_sealed", all(|bag| bag.sealed && !bag.seal_failed)),
            ("seals_inspected", all(|bag| bag.seal_inspected)),
            ("failed_seal_found", flag(bags.iter().any(|bag| bag.seal_failed && bag.seal_inspected))),
            ("qc_sample", flag(self.qc_sample())),
            ("retention_sample", flag(self.retention_sample())),
            ("labels_printed", flag(self.labels().is_some())),
            ("labels_din", Value::Choice(self.labels().map_or(String::new(), |l| l.din.clone()))),
            ("bags_labelled", all(|bag| bag.labelled)),
            ("overwrapped", flag(self.overwrapped())),
            ("handed_off", flag(self.handed_off())),
            ("times_recorded", flag(self.times_recorded())),
            ("frozen", flag(matches!(self.phase, Phase::Frozen | Phase::Stored))),
            ("stored", flag(self.phase == Phase::Stored)),
            ("viability_percent", num(round(self.viability() * 100.0, 1))),
            ("viability_in_spec", flag(self.viability() >= self.settings.viability_spec)),
        ];
        for kind in AlarmKind::ALL {
            observations.push((kind.observation_key(), flag(self.alarms().contains(&kind))));
        }
        observations.push(("alarms_active", flag(!self.alarms().is_empty())));
        for kind in DeviationKind::ALL {
            observations.push((kind.observation_key(), flag(self.deviations().contains(&kind))));
        }
        observations
    }

    /// The batch record's page for this step, as it stands on the bench.
    pub fn batch_record_sheet(&self) -> Text {
        let s = &self.settings;
        let r = s.recipe;
        let din = self.batch_record_din().to_string();
        let en = [
            format!("BATCH RECORD {}", s.batch),
            format!("DIN {din}"),
            format!("{:.1}×10⁶ cells/mL · DMSO {:.0} %", r.cells_per_ml / 1e6, r.dmso_percent),
            format!("{} bags × {:.0} mL", r.bags, r.fill_ml),
            format!("QC {:.1} mL · retention {:.1} mL", r.qc_ml, r.retention_ml),
            format!("Add over {:.0} min · hold {:.0} min", s.addition_min, s.hold_min),
        ];
        let ko = [
            format!("제조기록서 {}", s.batch),
            format!("DIN {din}"),
            format!("{:.1}×10⁶ 세포/mL · DMSO {:.0} %", r.cells_per_ml / 1e6, r.dmso_percent),
            format!("백 {}개 × {:.0} mL", r.bags, r.fill_ml),
            format!("QC {:.1} mL · 보관 {:.1} mL", r.qc_ml, r.retention_ml),
            format!("{:.0}분간 첨가 · 허용 {:.0}분", s.addition_min, s.hold_min),
        ];
        Text::new(en.join("\n"), ko.join("\n"))
    }

    /// The incoming bag's tag.
    fn incoming_tag(&self) -> Text {
        let din = self.settings.incoming_din.to_string();
        let cells = self.settings.incoming;
        Text::new(
            format!("DIN {din}\nWASHED CELLS\n{:.0} mL", cells.volume_ml),
            format!("DIN {din}\n세척 세포\n{:.0} mL", cells.volume_ml),
        )
    }
}

impl StationModel for FillFinishDesk {
    fn act(&mut self, action: &Action) -> Outcome {
        FillFinishDesk::act(self, action)
    }

    fn inject(&mut self, event: &str) -> Outcome {
        FillFinishDesk::inject(self, event)
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
        let welds = s.welds();
        let mut lines = vec![
            Line { id: CELL_LINE.into(), joined_to: welds[0].then(|| s.incoming_item().to_owned()), clamp: None },
            Line {
                id: CRYO_LINE.into(),
                joined_to: welds[1].then(|| CRYO_BAG.to_owned()),
                clamp: Some((CRYO_CLAMP.into(), s.cryo_clamp_open())),
            },
            Line { id: BAGS_LINE.into(), joined_to: welds[2].then(|| FINAL_BAGS.to_owned()), clamp: None },
        ];
        // A sealed bag tube stays on its bag: using it then inspects the seal.
        for (index, tube) in BAG_TUBES.iter().enumerate() {
            let sealed = s.bags().get(index).is_some_and(|bag| bag.sealed);
            lines.push(Line {
                id: (*tube).into(),
                joined_to: sealed.then(|| BAG_FILLS[index].to_owned()),
                clamp: None,
            });
        }
        lines
    }

    fn configure(&mut self, settings: &BTreeMap<String, Value>) {
        let operator = self.station.operator.clone();
        *self = FillFinishDesk::with_station(FillFinish::with_settings(&operator, Settings::from_level(settings)));
    }

    fn tick(&mut self, real_seconds: f64) -> Outcome {
        FillFinishDesk::tick(self, real_seconds)
    }

    fn parts(&self) -> Vec<(&'static str, bool)> {
        let s = &self.station;
        // The bench's cell bag is there only for a batch made from it.
        let mut parts = vec![(LID, s.lid_open()), (CELL_BAG, !s.settings().handed_on)];
        for (index, label) in BAG_LABELS.iter().enumerate() {
            parts.push((*label, s.bags().get(index).is_some_and(|bag| bag.labelled)));
        }
        parts.push((OVERWRAP, s.overwrapped()));
        parts
    }

    fn texts(&self) -> Vec<(&'static str, Text)> {
        let s = &self.station;
        let label = s.labels().map(Labels::text).unwrap_or_default();
        let dmso = s.settings().cryoprotectant_dmso;
        let mut texts = vec![
            (BATCH_RECORD_SHEET, s.batch_record_sheet()),
            (INCOMING_TAG, s.incoming_tag()),
            (
                CRYOPROTECTANT_LABEL,
                Text::new(format!("CRYOPROTECTANT\nDMSO {dmso:.0} %"), format!("동결보호제\nDMSO {dmso:.0} %")),
            ),
        ];
        texts.extend(BAG_LABEL_TEXTS.iter().map(|id| (*id, label.clone())));
        texts
    }

    fn levels(&self) -> Vec<(&'static str, f64)> {
        let s = &self.station;
        let fill = s.recipe().map_or(1.0, |r| r.fill_ml.max(1.0));
        BAG_FILLS
            .iter()
            .enumerate()
            .map(|(index, id)| (*id, s.bags().get(index).map_or(0.0, |bag| (bag.volume_ml / fill).clamp(0.0, 1.0))))
            .collect()
    }

    fn receive(&mut self, product: &Product) {
        self.station.receive(product);
    }
}
