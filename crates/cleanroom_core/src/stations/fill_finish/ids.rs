//! The ids the fill-and-finish station shares with levels and the 3D world: its touchscreen's
//! controls, the parts of the unit and its set, the bags, samples, labels and the freezer.

/// The station's id (also the bench's hand-off tray, where an incoming product is placed).
pub const STATION_ID: &str = "fill_finish";

/// Touchscreen: which page shows (a choice of `Page` ids).
pub const PAGE: &str = "fill_finish_screen_page";
/// Touchscreen: line clearance of the bench confirmed.
pub const LINE_CLEARANCE: &str = "fill_finish_screen_line_clearance";
/// Touchscreen: the batch record, its recipe and the incoming bag's DIN checked and found to agree.
pub const CHECK_BATCH_RECORD: &str = "fill_finish_screen_check_batch_record";
/// Touchscreen: the incoming bag and the batch record disagree: the batch goes on hold.
pub const REPORT_MISMATCH: &str = "fill_finish_screen_report_mismatch";
/// Touchscreen: which field the keypad types into (a choice of field ids).
pub const FIELD: &str = "fill_finish_screen_field";
/// Touchscreen: a keypad key (a choice: `0`–`9`, `.`, `delete`, `enter`).
pub const KEY: &str = "fill_finish_screen_key";
/// Touchscreen: the recipe's figures (numbers, typed on the keypad).
pub const RECIPE_CELLS: &str = "fill_finish_screen_cells_e6_per_ml";
pub const RECIPE_DMSO: &str = "fill_finish_screen_dmso_percent";
pub const RECIPE_FILL: &str = "fill_finish_screen_fill_ml";
pub const RECIPE_BAGS: &str = "fill_finish_screen_bags";
pub const RECIPE_QC: &str = "fill_finish_screen_qc_ml";
pub const RECIPE_RETENTION: &str = "fill_finish_screen_retention_ml";
/// Touchscreen: the minutes the cryoprotectant is added over.
pub const ADDITION_TIME: &str = "fill_finish_screen_addition_min";
/// Touchscreen: confirm the recipe (the unit computes its volumes).
pub const CONFIRM_RECIPE: &str = "fill_finish_screen_confirm_recipe";
/// Touchscreen: start (or restart) the cooling plate.
pub const COOLING: &str = "fill_finish_screen_cooling";
/// Touchscreen: mixing on and off.
pub const MIXING: &str = "fill_finish_screen_mixing";
/// Touchscreen: start adding the cryoprotectant; pause and resume it.
pub const ADD_CRYOPROTECTANT: &str = "fill_finish_screen_add_cryoprotectant";
pub const PAUSE_ADDITION: &str = "fill_finish_screen_pause_addition";
pub const RESUME_ADDITION: &str = "fill_finish_screen_resume_addition";
/// Touchscreen: fill the final bags (automated, one after another).
pub const FILL: &str = "fill_finish_screen_fill";
/// Touchscreen: express the air from the filled bags.
pub const REMOVE_AIR: &str = "fill_finish_screen_remove_air";
/// Touchscreen: acknowledge the active alarm.
pub const ALARM_ACK: &str = "fill_finish_screen_alarm_ack";
/// Touchscreen: record the freezer hand-off times in the batch record.
pub const RECORD_TIMES: &str = "fill_finish_screen_record_times";
/// Touchscreen: move the frozen bags to LN₂ vapour storage.
pub const TRANSFER_LN2: &str = "fill_finish_screen_transfer_ln2";

/// The cooling plate's lid: pressing it opens or closes it.
pub const LID: &str = "fill_finish_lid";
/// The label printer: pressing it prints the bag and overwrap labels from the batch record.
pub const LABEL_PRINTER: &str = "fill_finish_label_printer";
/// Overwrapping the labelled bags (pressed at the overwrap sealer).
pub const OVERWRAP: &str = "fill_finish_overwrap";
/// The controlled-rate freezer's door: pressing it loads the bags and starts the profile.
pub const FREEZER: &str = "controlled_rate_freezer";

/// The single-use set, and the mount on the unit it is placed on.
pub const SET: &str = "fill_finish_set";
pub const SET_MOUNT: &str = "fill_finish_set_mount";
/// The set's lines: to the cell bag, to the cryoprotectant bag and the final-bag manifold.
pub const CELL_LINE: &str = "fill_finish_cell_line";
pub const CRYO_LINE: &str = "fill_finish_cryo_line";
pub const BAGS_LINE: &str = "fill_finish_bags_line";
/// The cryoprotectant line's clamp, opened for the addition.
pub const CRYO_CLAMP: &str = "fill_finish_cryo_clamp";
/// The bags the lines are welded to: the incoming cells (unless a product from another station
/// is handed on), the cryoprotectant and the manifold of final bags.
pub const CELL_BAG: &str = "washed_cell_bag";
pub const CRYO_BAG: &str = "cryoprotectant_bag";
pub const FINAL_BAGS: &str = "final_bags";

/// The most final bags the unit's manifold holds (the world hangs this many). A game limit.
pub const MAX_BAGS: usize = 4;
/// Each final bag's tubing, sealed with the heat sealer and inspected, by bag from 1.
pub const BAG_TUBES: [&str; MAX_BAGS] =
    ["final_bag_1_tube", "final_bag_2_tube", "final_bag_3_tube", "final_bag_4_tube"];
/// Each final bag, pressed to apply its printed label.
pub const BAG_LABELS: [&str; MAX_BAGS] =
    ["final_bag_1_label", "final_bag_2_label", "final_bag_3_label", "final_bag_4_label"];
/// Each final bag as it fills, for the world to draw (a level between empty and full).
pub const BAG_FILLS: [&str; MAX_BAGS] = ["final_bag_1", "final_bag_2", "final_bag_3", "final_bag_4"];

/// The sampling port of the set, and the QC and retention sample tubes placed on it.
pub const SAMPLE_PORT: &str = "fill_finish_sample_port";
pub const QC_TUBE: &str = "fill_finish_qc_tube";
pub const RETENTION_TUBE: &str = "fill_finish_retention_tube";

/// Every control a level may declare: the touchscreen's, in the order the screen shows them,
/// then the unit's own.
pub const CONTROLS: [&str; 32] = [
    PAGE,
    LINE_CLEARANCE,
    CHECK_BATCH_RECORD,
    REPORT_MISMATCH,
    FIELD,
    KEY,
    RECIPE_CELLS,
    RECIPE_DMSO,
    RECIPE_FILL,
    RECIPE_BAGS,
    RECIPE_QC,
    RECIPE_RETENTION,
    ADDITION_TIME,
    CONFIRM_RECIPE,
    COOLING,
    MIXING,
    ADD_CRYOPROTECTANT,
    PAUSE_ADDITION,
    RESUME_ADDITION,
    FILL,
    REMOVE_AIR,
    ALARM_ACK,
    RECORD_TIMES,
    TRANSFER_LN2,
    LID,
    LABEL_PRINTER,
    OVERWRAP,
    FREEZER,
    BAG_LABELS[0],
    BAG_LABELS[1],
    BAG_LABELS[2],
    BAG_LABELS[3],
];
