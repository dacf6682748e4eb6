//! The ids the practice bench shares with the tutorial level and the 3D world.

/// The station's id.
pub const STATION_ID: &str = "practice_bench";

/// The green push button on the practice panel.
pub const BUTTON: &str = "practice_button";
/// The rotary dial on the practice panel, 0 to 10.
pub const DIAL: &str = "practice_dial";
/// The practice tube's free end, welded to the practice bag and then heat-sealed.
pub const LINE: &str = "practice_line";
/// The practice bag: carried to the tray, then the tube is welded to it.
pub const BAG: &str = "practice_bag";
/// The touchscreen's buttons: start and stop the practice run.
pub const SCREEN_START: &str = "practice_screen_start";
pub const SCREEN_STOP: &str = "practice_screen_stop";

/// The dial's range.
pub const DIAL_MIN: f64 = 0.0;
pub const DIAL_MAX: f64 = 10.0;

/// Every control a level may declare.
pub const CONTROLS: [&str; 4] = [BUTTON, DIAL, SCREEN_START, SCREEN_STOP];
