//! The ids the QA review desk shares with levels and the 3D world: its terminal's controls and
//! the loose note on the desk.

/// The station's id.
pub const STATION_ID: &str = "batch_review";

/// Terminal: which page shows (a choice of `Page` ids).
pub const PAGE: &str = "batch_review_screen_page";
/// Terminal: the desk's keypad is not used; the ids keep the shared desk's shape.
pub const FIELD: &str = "batch_review_screen_field";
pub const KEY: &str = "batch_review_screen_key";
/// Terminal: choose an entry of the record to flag, by its number.
pub const ENTRY_BUTTONS: [&str; 12] = [
    "batch_review_screen_entry_1",
    "batch_review_screen_entry_2",
    "batch_review_screen_entry_3",
    "batch_review_screen_entry_4",
    "batch_review_screen_entry_5",
    "batch_review_screen_entry_6",
    "batch_review_screen_entry_7",
    "batch_review_screen_entry_8",
    "batch_review_screen_entry_9",
    "batch_review_screen_entry_10",
    "batch_review_screen_entry_11",
    "batch_review_screen_entry_12",
];
/// Terminal: flag the chosen entry with a fault (pressed again, the flag is withdrawn).
pub const FLAG_LATE: &str = "batch_review_screen_flag_late_entry";
pub const FLAG_UNSIGNED: &str = "batch_review_screen_flag_missing_signature";
pub const FLAG_CHANGED: &str = "batch_review_screen_flag_unexplained_change";
pub const FLAG_EXCURSION: &str = "batch_review_screen_flag_excursion";
/// Terminal: report the loose note found on the desk (once it has been read).
pub const FLAG_NOTE: &str = "batch_review_screen_flag_loose_note";
/// Terminal: submit the review to the QA lead.
pub const SUBMIT: &str = "batch_review_screen_submit";

/// The note on a scrap of paper lying on the desk (inspected to read it).
pub const LOOSE_NOTE: &str = "batch_review_loose_note";

/// Every control a level may declare, in the order the terminal shows them.
pub const CONTROLS: [&str; 19] = [
    PAGE,
    ENTRY_BUTTONS[0],
    ENTRY_BUTTONS[1],
    ENTRY_BUTTONS[2],
    ENTRY_BUTTONS[3],
    ENTRY_BUTTONS[4],
    ENTRY_BUTTONS[5],
    ENTRY_BUTTONS[6],
    ENTRY_BUTTONS[7],
    ENTRY_BUTTONS[8],
    ENTRY_BUTTONS[9],
    ENTRY_BUTTONS[10],
    ENTRY_BUTTONS[11],
    FLAG_LATE,
    FLAG_UNSIGNED,
    FLAG_CHANGED,
    FLAG_EXCURSION,
    FLAG_NOTE,
    SUBMIT,
];
