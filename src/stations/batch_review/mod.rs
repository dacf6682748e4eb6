//! The QA review desk: the documentation desk at the corridor's east end, where a completed
//! batch record is reviewed on a terminal as in a mock GMP inspection (model in
//! `cleanroom_core::stations::batch_review`).

use bevy::prelude::*;

use crate::layout::Viewpoint;
use crate::stations::station::StationDef;

mod build;

/// The review desk as the game knows it: against the corridor's east wall, facing west.
pub static STATION: StationDef = StationDef {
    id: cleanroom_core::stations::batch_review::ids::STATION_ID,
    position: Vec3::new(7.45, 0.0, 9.6),
    build: build::build,
    viewpoints: &[
        Viewpoint { name: "batch_review", eye: Vec3::new(5.4, 1.75, 10.4), target: Vec3::new(7.6, 1.1, 9.5) },
        // Where the reviewer stands at the terminal: its pages must read from here.
        Viewpoint { name: "batch_review_screen", eye: Vec3::new(6.85, 1.62, 9.6), target: Vec3::new(7.55, 1.3, 9.6) },
    ],
    model: Some(&cleanroom_core::stations::batch_review::SPEC),
    idle_screen: ("screen-batch-review", "screen-batch-review-detail"),
    set_up_by: None,
};
