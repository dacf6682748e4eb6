//! The QA review desk behind the station interface: what it declares to level authors
//! (controls, observations), what it reports, and what the world draws of it (the terminal,
//! the loose note).

use super::ids::*;
use super::*;
use crate::stations::screen::ScreenView;
use crate::stations::{StationModel, StationSpec};

/// What the review desk declares to level authors.
pub const SPEC: StationSpec = StationSpec {
    id: STATION_ID,
    controls: &CONTROLS,
    observation_keys: OBSERVATION_KEYS,
    events: &[],
    settings: &[],
    new: |operator| Box::new(BatchReviewDesk::new(operator)),
};

/// Every key the desk reports, for level validation.
pub const OBSERVATION_KEYS: &[&str] = &[
    "selected_entry",
    "pages_read",
    "note_read",
    "late_entry_flagged",
    "missing_signature_flagged",
    "unexplained_change_flagged",
    "em_excursion_flagged",
    "loose_note_flagged",
    "faults_flagged",
    "faults_unflagged",
    "false_findings",
    "sound_correction_flagged",
    "reviews_returned",
    "review_submitted",
];

impl StationModel for BatchReviewDesk {
    fn act(&mut self, action: &Action) -> Outcome {
        BatchReviewDesk::act(self, action)
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

    fn configure(&mut self, _settings: &std::collections::BTreeMap<String, Value>) {
        let operator = self.review.operator().to_owned();
        *self = BatchReviewDesk::new(&operator);
    }

    fn tick(&mut self, real_seconds: f64) -> Outcome {
        // Only the review's own clock moves: nothing to draw again.
        self.review.pass_real_time(real_seconds);
        Outcome::default()
    }

    fn texts(&self) -> Vec<(&'static str, Text)> {
        vec![(LOOSE_NOTE, loose_note())]
    }
}
