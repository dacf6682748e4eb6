//! The QC review terminal behind the station interface: what it declares to level authors
//! (controls, observations, the results a level sets) and what it reports.

use std::collections::BTreeMap;

use super::ids::*;
use super::*;
use crate::stations::screen::ScreenView;
use crate::stations::{SettingKind, SettingSpec, StationModel, StationSpec};

/// What the QC review terminal declares to level authors.
pub const SPEC: StationSpec = StationSpec {
    id: STATION_ID,
    controls: &CONTROLS,
    observation_keys: OBSERVATION_KEYS,
    events: &[],
    settings: SETTINGS,
    new: |operator| Box::new(QcReleaseDesk::new(operator)),
};

/// The results a level gives the terminal: what the QC laboratory found for the batch.
pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec {
        key: "product",
        kind: SettingKind::Choice(&["msc", "car_t"]),
        about: "the product, and so its release specification: UC-MSC [S73] or CD19 CAR-T [S76]",
    },
    SettingSpec::number("viability_percent", 0.0, 100.0, "viable cells in the final product, %"),
    SettingSpec::number("cd3_percent", 0.0, 100.0, "CD3+ cells, % (CAR-T)"),
    SettingSpec {
        key: "sterility",
        kind: SettingKind::Choice(&["no_growth", "growth"]),
        about: "the sterility test's result",
    },
    SettingSpec {
        key: "mycoplasma",
        kind: SettingKind::Choice(&["negative", "positive"]),
        about: "the mycoplasma test's result",
    },
    SettingSpec::number("endotoxin_eu_ml", 0.0, 100.0, "endotoxin, EU/mL"),
    SettingSpec {
        key: "lab_error",
        kind: SettingKind::Choice(&["none", "calculation", "instrument", "sample_preparation"]),
        about: "what a phase I investigation of an out-of-specification result finds",
    },
    SettingSpec::number("retest_endotoxin_eu_ml", 0.0, 100.0, "endotoxin on a retest, EU/mL"),
    SettingSpec {
        key: "results_from",
        kind: SettingKind::Choice(&["level", "bench"]),
        about: "where the results come from: the level's values, or the laboratory bench's tests of the product's own samples (count and viability from the station that made it; sterility, mycoplasma and endotoxin as the level's values say the tests find them)",
    },
];

/// Every key the terminal reports, for level validation.
pub const OBSERVATION_KEYS: &[&str] = &[
    "product",
    "decision",
    "in_spec",
    "viability_in_spec",
    "cd3_in_spec",
    "sterility_in_spec",
    "mycoplasma_in_spec",
    "endotoxin_in_spec",
    "released",
    "oos_declared",
    "phase_one_done",
    "lab_error_found",
    "phase_two_open",
    "retested",
    "endotoxin_eu_ml",
    "deviation_released_out_of_spec",
    "deviation_retest_without_phase_one",
    "deviation_false_oos",
    "results_complete",
    "viability_percent",
    "count_done",
    "count_tube_mixed",
    "viable_cells_per_ml",
    "sterility_inoculated",
    "sterility_read",
    "mycoplasma_done",
    "endotoxin_done",
    "deviation_counted_unmixed",
];

impl Results {
    /// Results from a level's `settings` (checked against `SETTINGS`); what is not given is a
    /// batch that meets its specification.
    pub fn from_level(values: &BTreeMap<String, Value>) -> Self {
        let mut results = Results::default();
        let number = |key: &str| match values.get(key) {
            Some(Value::Number(n)) => Some(*n),
            _ => None,
        };
        let choice = |key: &str| match values.get(key) {
            Some(Value::Choice(c)) => Some(c.as_str()),
            _ => None,
        };
        if choice("product") == Some("car_t") {
            results.product = Product::CarT;
            results.batch = "CART-2026-007".into();
            results.cd3_percent = 88.0;
        }
        for (key, field) in [
            ("viability_percent", &mut results.viability_percent),
            ("cd3_percent", &mut results.cd3_percent),
            ("endotoxin_eu_ml", &mut results.endotoxin_eu_ml),
            ("retest_endotoxin_eu_ml", &mut results.retest_endotoxin_eu_ml),
        ] {
            if let Some(value) = number(key) {
                *field = value;
            }
        }
        if number("retest_endotoxin_eu_ml").is_none() {
            results.retest_endotoxin_eu_ml = results.endotoxin_eu_ml;
        }
        results.from_bench = choice("results_from") == Some("bench");
        results.sterile = choice("sterility") != Some("growth");
        results.mycoplasma_negative = choice("mycoplasma") != Some("positive");
        results.lab_error = match choice("lab_error") {
            Some("calculation") => Some(LabError::Calculation),
            Some("instrument") => Some(LabError::Instrument),
            Some("sample_preparation") => Some(LabError::SamplePreparation),
            _ => None,
        };
        results
    }
}

impl StationModel for QcReleaseDesk {
    fn act(&mut self, action: &Action) -> Outcome {
        QcReleaseDesk::act(self, action)
    }

    fn observations(&self) -> Vec<(&'static str, Value)> {
        self.review.observations()
    }

    fn screen(&self) -> ScreenView {
        self.view()
    }

    fn batch_record(&self) -> &BatchRecord {
        self.review.batch_record()
    }

    fn configure(&mut self, settings: &BTreeMap<String, Value>) {
        let operator = self.review.operator().to_owned();
        *self = QcReleaseDesk::with_results(&operator, Results::from_level(settings));
    }

    fn tick(&mut self, real_seconds: f64) -> Outcome {
        self.review.pass_real_time(real_seconds);
        Outcome::default()
    }

    fn texts(&self) -> Vec<(&'static str, Text)> {
        self.review.bench().map(Bench::displays).unwrap_or_default()
    }

    fn receive(&mut self, product: &crate::stations::Product) {
        self.review.receive(product);
    }
}
