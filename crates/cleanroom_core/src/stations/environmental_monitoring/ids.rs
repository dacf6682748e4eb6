//! The ids the environmental monitoring trolley shares with levels and the 3D world: its plates,
//! the places they go, the glove-print fingers and the terminal's controls.

/// The station's id.
pub const STATION_ID: &str = "environmental_monitoring";

/// The plates on the trolley, each with its place in the level (domain.md §2.3).
pub const SETTLE_CABINET: &str = "settle_plate_cabinet";
pub const SETTLE_ROOM: &str = "settle_plate_room";
pub const CONTACT_CABINET: &str = "contact_plate_cabinet";
pub const GLOVE_LEFT: &str = "glove_plate_left";
pub const GLOVE_RIGHT: &str = "glove_plate_right";
/// Every plate, in the order the terminal lists them.
pub const PLATES: [&str; 5] = [SETTLE_CABINET, SETTLE_ROOM, CONTACT_CABINET, GLOVE_LEFT, GLOVE_RIGHT];

/// The settle plates' lids: pressing one takes it off (the plate is open) or puts it back.
pub const SETTLE_CABINET_LID: &str = "settle_plate_cabinet_lid";
pub const SETTLE_ROOM_LID: &str = "settle_plate_room_lid";

/// The label printer on the trolley: a plate put on it comes off labelled (location, date,
/// operator).
pub const LABEL_PRINTER: &str = "em_label_printer";
/// Settle-plate places: in the Grade A cabinet beside the work zone, out of the first air onto
/// the critical surface; in the Grade B room by the stations.
pub const SPOT_CABINET: &str = "em_spot_cabinet";
pub const SPOT_ROOM: &str = "em_spot_room";
/// The middle of the cabinet's work surface, where the critical work is done: a plate there
/// stands in the first air onto it.
pub const WORK_ZONE: &str = "biosafety_cabinet_work_zone";
/// The marked spot of the cabinet's work surface a contact plate samples.
pub const CONTACT_SPOT: &str = "em_contact_spot_cabinet";
/// The incubator's pass box on the trolley: plates put in go to incubation.
pub const INCUBATOR: &str = "em_incubator";
/// The intercom on the processing room's wall: a non-sterile surface.
pub const INTERCOM: &str = "processing_room_intercom";
/// The fresh outer gloves on the trolley, for the glove change after the prints.
pub const FRESH_GLOVES: &str = "em_fresh_outer_gloves";

/// The fingers of a hand, as the glove-print plate marks them.
pub const FINGERS: [&str; 5] = ["thumb", "index", "middle", "ring", "little"];
/// The glove-print finger marks: pressing one rolls that finger on the plate.
pub const LEFT_FINGERS: [&str; 5] = [
    "glove_plate_left_thumb",
    "glove_plate_left_index",
    "glove_plate_left_middle",
    "glove_plate_left_ring",
    "glove_plate_left_little",
];
pub const RIGHT_FINGERS: [&str; 5] = [
    "glove_plate_right_thumb",
    "glove_plate_right_index",
    "glove_plate_right_middle",
    "glove_plate_right_ring",
    "glove_plate_right_little",
];

/// Terminal: which page shows (a choice of `Page` ids); the keypad is not used.
pub const PAGE: &str = "em_screen_page";
pub const FIELD: &str = "em_screen_field";
pub const KEY: &str = "em_screen_key";
/// Terminal: start the particle counter sampling.
pub const COUNTER_START: &str = "em_screen_counter_start";
/// Terminal: the operation being monitored begins.
pub const OPERATION_START: &str = "em_screen_operation_start";
/// Terminal: the incubated plates are read (incubation compressed).
pub const READ_PLATES: &str = "em_screen_read_plates";
/// Terminal: a plate's result accepted as within limits, or opened as an excursion.
pub const ACCEPT: [&str; 5] = [
    "em_screen_accept_settle_plate_cabinet",
    "em_screen_accept_settle_plate_room",
    "em_screen_accept_contact_plate_cabinet",
    "em_screen_accept_glove_plate_left",
    "em_screen_accept_glove_plate_right",
];
pub const EXCURSION: [&str; 5] = [
    "em_screen_excursion_settle_plate_cabinet",
    "em_screen_excursion_settle_plate_room",
    "em_screen_excursion_contact_plate_cabinet",
    "em_screen_excursion_glove_plate_left",
    "em_screen_excursion_glove_plate_right",
];
/// Terminal: the excursion workflow of domain.md §2.4, for the excursion on the page.
pub const EXC_DEVIATION: &str = "em_screen_exc_deviation";
pub const EXC_NOTIFY_QA: &str = "em_screen_exc_notify_qa";
pub const EXC_IDENTIFY: &str = "em_screen_exc_identify";
pub const EXC_IMPACT: &str = "em_screen_exc_impact";
/// A choice of `RootCause` ids.
pub const EXC_ROOT_CAUSE: &str = "em_screen_exc_root_cause";
pub const EXC_CAPA: &str = "em_screen_exc_capa";
pub const EXC_FOLLOW_UP: &str = "em_screen_exc_follow_up";
pub const EXC_CLOSE: &str = "em_screen_exc_close";
/// Terminal: the review of the results is complete.
pub const REVIEW_DONE: &str = "em_screen_review_done";

/// Every control a level may declare.
pub const CONTROLS: [&str; 37] = [
    SETTLE_CABINET_LID,
    SETTLE_ROOM_LID,
    LEFT_FINGERS[0],
    LEFT_FINGERS[1],
    LEFT_FINGERS[2],
    LEFT_FINGERS[3],
    LEFT_FINGERS[4],
    RIGHT_FINGERS[0],
    RIGHT_FINGERS[1],
    RIGHT_FINGERS[2],
    RIGHT_FINGERS[3],
    RIGHT_FINGERS[4],
    PAGE,
    COUNTER_START,
    OPERATION_START,
    READ_PLATES,
    ACCEPT[0],
    ACCEPT[1],
    ACCEPT[2],
    ACCEPT[3],
    ACCEPT[4],
    EXCURSION[0],
    EXCURSION[1],
    EXCURSION[2],
    EXCURSION[3],
    EXCURSION[4],
    EXC_DEVIATION,
    EXC_NOTIFY_QA,
    EXC_IDENTIFY,
    EXC_IMPACT,
    EXC_ROOT_CAUSE,
    EXC_CAPA,
    EXC_FOLLOW_UP,
    EXC_CLOSE,
    REVIEW_DONE,
    FIELD,
    KEY,
];
