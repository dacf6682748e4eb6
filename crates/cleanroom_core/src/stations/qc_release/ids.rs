//! The ids the QC review terminal shares with levels and the 3D world: its controls.

/// The station's id.
pub const STATION_ID: &str = "qc_release";

/// Terminal: which page shows (a choice of `Page` ids).
pub const PAGE: &str = "qc_release_screen_page";
/// Terminal: the desk's keypad is not used; the ids keep the shared desk's shape.
pub const FIELD: &str = "qc_release_screen_field";
pub const KEY: &str = "qc_release_screen_key";
/// Terminal: the decision on the batch.
pub const RELEASE: &str = "qc_release_screen_release";
pub const DECLARE_OOS: &str = "qc_release_screen_declare_oos";
/// Terminal: the OOS investigation's two phases, and a retest of the endotoxin sample.
pub const PHASE_ONE: &str = "qc_release_screen_phase_one";
pub const PHASE_TWO: &str = "qc_release_screen_phase_two";
pub const RETEST: &str = "qc_release_screen_retest";

/// The laboratory bench: where the product's samples arrive, the instruments each is placed
/// on, the incubator's button that reads the culture bottles, and the instruments' displays.
pub const RECEIPT: &str = "qc_lab_receipt";
pub const CELL_COUNTER: &str = "qc_cell_counter";
pub const CULTURE_BOTTLES: &str = "qc_culture_bottles";
pub const PCR_CYCLER: &str = "qc_pcr_cycler";
pub const LAL_READER: &str = "qc_lal_reader";
pub const INCUBATOR_READ: &str = "qc_incubator_read";
pub const CELL_COUNTER_DISPLAY: &str = "qc_cell_counter_display";
pub const INCUBATOR_DISPLAY: &str = "qc_incubator_display";
pub const PCR_DISPLAY: &str = "qc_pcr_display";
pub const LAL_DISPLAY: &str = "qc_lal_display";

/// Every control a level may declare: the terminal's, in the order it shows them, and the
/// incubator's button on the bench.
pub const CONTROLS: [&str; 7] = [PAGE, RELEASE, DECLARE_OOS, PHASE_ONE, PHASE_TWO, RETEST, INCUBATOR_READ];
