//! The ids the apheresis station shares with levels and the 3D world: its touchscreen's
//! controls, the parts of the machine and the set, the bags, the donor and the product.

/// The station's id.
pub const STATION_ID: &str = "apheresis";

/// Touchscreen: which page shows (a choice of `Page` ids).
pub const PAGE: &str = "apheresis_screen_page";
/// Touchscreen: the protocol (a choice: `mnc` or `cmnc`).
pub const PROCEDURE: &str = "apheresis_screen_procedure";
/// Touchscreen: confirm the set is loaded (cassette, filler, lines in their pumps, door shut).
pub const LOAD_SET: &str = "apheresis_screen_load_set";
/// Touchscreen: prime the set (automated).
pub const PRIME: &str = "apheresis_screen_prime";
/// Touchscreen: the donor's sex (a choice: `male` or `female`).
pub const DONOR_SEX: &str = "apheresis_screen_donor_sex";
/// Touchscreen: the donor's height, cm (a number, typed on the keypad).
pub const DONOR_HEIGHT: &str = "apheresis_screen_donor_height_cm";
/// Touchscreen: the donor's weight, kg.
pub const DONOR_WEIGHT: &str = "apheresis_screen_donor_weight_kg";
/// Touchscreen: the donor's haematocrit, %.
pub const DONOR_HCT: &str = "apheresis_screen_donor_hct";
/// Touchscreen: the donor's CD3+ pre-count, cells/µL (for the yield estimate).
pub const DONOR_CD3: &str = "apheresis_screen_donor_cd3";
/// Touchscreen: confirm the donor data (the system derives the total blood volume).
pub const CONFIRM_DONOR: &str = "apheresis_screen_confirm_donor";
/// Touchscreen: which field the keypad types into (a choice of field ids).
pub const FIELD: &str = "apheresis_screen_field";
/// Touchscreen: a keypad key (a choice: `0`–`9`, `.`, `delete`, `enter`).
pub const KEY: &str = "apheresis_screen_key";
/// Touchscreen: run target, whole blood processed, mL.
pub const TARGET_WB: &str = "apheresis_screen_target_wb_ml";
/// Touchscreen: run target, run time, min.
pub const TARGET_TIME: &str = "apheresis_screen_target_run_time_min";
/// Touchscreen: run target, total blood volumes processed.
pub const TARGET_TBV: &str = "apheresis_screen_target_tbv";
/// Touchscreen: start the run once the donor is connected.
pub const START: &str = "apheresis_screen_start_run";
/// Touchscreen: the inlet flow, mL/min.
pub const INLET_FLOW: &str = "apheresis_screen_inlet_flow";
/// Touchscreen: the inlet:AC ratio (n:1).
pub const AC_RATIO: &str = "apheresis_screen_ac_ratio";
/// Touchscreen: pause the pumps, and resume them.
pub const PAUSE: &str = "apheresis_screen_pause";
pub const RESUME: &str = "apheresis_screen_resume";
/// Touchscreen: acknowledge the active alarms and continue.
pub const ALARM_ACK: &str = "apheresis_screen_alarm_ack";
/// Touchscreen: clear air from the return line as the screen instructs.
pub const CLEAR_AIR: &str = "apheresis_screen_clear_air";
/// Touchscreen: stop the anticoagulant pump (a wrong answer to citrate symptoms), and restart it.
pub const STOP_AC: &str = "apheresis_screen_stop_ac";
pub const RESTART_AC: &str = "apheresis_screen_restart_ac";
/// Touchscreen: end the collection now.
pub const END_RUN: &str = "apheresis_screen_end_run";
/// Touchscreen: return the blood in the set to the donor, or end without it.
pub const RINSEBACK: &str = "apheresis_screen_rinseback";
pub const SKIP_RINSEBACK: &str = "apheresis_screen_skip_rinseback";

/// Every control a level may declare: the touchscreen's, in the order the screen shows them,
/// then the centrifuge door and the pump heads.
pub const CONTROLS: [&str; 33] = [
    PAGE,
    PROCEDURE,
    LOAD_SET,
    PRIME,
    DONOR_SEX,
    DONOR_HEIGHT,
    DONOR_WEIGHT,
    DONOR_HCT,
    DONOR_CD3,
    CONFIRM_DONOR,
    FIELD,
    KEY,
    TARGET_WB,
    TARGET_TIME,
    TARGET_TBV,
    START,
    INLET_FLOW,
    AC_RATIO,
    PAUSE,
    RESUME,
    ALARM_ACK,
    CLEAR_AIR,
    STOP_AC,
    RESTART_AC,
    END_RUN,
    RINSEBACK,
    SKIP_RINSEBACK,
    CENTRIFUGE_DOOR,
    PUMPS[0],
    PUMPS[1],
    PUMPS[2],
    PUMPS[3],
    PUMPS[4],
];

/// The single-use set's cassette, which mounts on the machine (placed on `STATION_ID`).
pub const SET: &str = "apheresis_set";
/// The set's filler (channel), which goes into the centrifuge.
pub const FILLER: &str = "apheresis_filler";
/// The centrifuge, where the filler is placed.
pub const CENTRIFUGE: &str = "apheresis_centrifuge";
/// The centrifuge door: pressing it opens or closes it.
pub const CENTRIFUGE_DOOR: &str = "apheresis_centrifuge_door";

/// The pumps whose heads take a line of the set: pressing a head seats its line (and checks it).
pub const PUMPS: [&str; 5] = ["inlet_pump", "ac_pump", "return_pump", "plasma_pump", "collect_pump"];
/// The anticoagulant pump.
pub const AC_PUMP: &str = "ac_pump";

/// The bags and the hooks they hang from.
pub const ACD_A_BAG: &str = "acd_a_bag";
/// The next ACD-A bag, hung when the first runs out (a collection uses more than one).
pub const ACD_A_BAG_NEXT: &str = "acd_a_bag_next";
pub const SALINE_BAG: &str = "saline_bag";
pub const ACD_A_HOOK: &str = "acd_a_hook";
pub const SALINE_HOOK: &str = "saline_hook";

/// The inlet saline line's clamp (closed when the screen says).
pub const INLET_SALINE_CLAMP: &str = "inlet_saline_clamp";

/// The set's access (inlet) and return lines, their clamps, and the donor's venous access
/// they connect to.
pub const ACCESS_LINE: &str = "access_line";
pub const RETURN_LINE: &str = "return_line";
pub const ACCESS_CLAMP: &str = "access_line_clamp";
pub const RETURN_CLAMP: &str = "return_line_clamp";
pub const ACCESS_NEEDLE: &str = "donor_access_needle";
pub const RETURN_NEEDLE: &str = "donor_return_needle";
/// The donor's return arm, looked at for a haematoma.
pub const RETURN_SITE: &str = "donor_return_site";

/// The donor in the chair (items given to the donor are placed on them).
pub const DONOR: &str = "donor";
/// Oral calcium, given to the donor.
pub const CALCIUM: &str = "oral_calcium";
/// A squeeze ball, handed to the donor for a low inlet pressure.
pub const SQUEEZE_BALL: &str = "squeeze_ball";

/// The collect line and the product bag it fills; the product label; the sampling site.
pub const COLLECT_LINE: &str = "collect_line";
pub const PRODUCT_BAG: &str = "mnc_product_bag";
pub const PRODUCT_LABEL: &str = "mnc_product_label";
pub const PRODUCT_SAMPLE_SITE: &str = "mnc_product_sample_site";
/// The product sample containers: cell counts (WBC, Hct, CD3+, viable CD45+) and sterility [S6].
pub const SAMPLE_COUNTS: &str = "mnc_sample_counts";
pub const SAMPLE_STERILITY: &str = "mnc_sample_sterility";
/// Where the product goes: the 2–8 °C product refrigerator, or on to fill-and-finish.
pub const REFRIGERATOR: &str = "product_refrigerator";
pub const FILL_FINISH: &str = "fill_finish";
