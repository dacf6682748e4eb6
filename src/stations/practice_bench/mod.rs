//! The practice bench: a bench in the corridor, outside the classified rooms and marked for
//! training only, where the tutorial has a first-time trainee walk, look, carry, press, turn,
//! weld, seal, touch a screen and sign before the first real lesson (model in
//! `cleanroom_core::stations::practice_bench`).

use bevy::prelude::*;

use crate::layout::Viewpoint;
use crate::stations::station::StationDef;

mod build;

/// The practice bench as the game knows it: against the corridor's north wall between the
/// airlock door and the pass-through hatch, facing south into the corridor.
pub static STATION: StationDef = StationDef {
    id: cleanroom_core::stations::practice_bench::ids::STATION_ID,
    position: Vec3::new(2.0, 0.0, 10.6),
    build: build::build,
    viewpoints: &[
        // Where the tutorial starts: the floor mark, the bench and its screens ahead.
        Viewpoint { name: "practice_bench", eye: Vec3::new(2.0, 1.62, 9.3), target: Vec3::new(2.0, 1.2, 10.9) },
        // The poster behind the trainee on the corridor's south wall.
        Viewpoint { name: "practice_poster", eye: Vec3::new(2.0, 1.62, 9.9), target: Vec3::new(2.0, 1.6, 8.1) },
    ],
    model: Some(&cleanroom_core::stations::practice_bench::SPEC),
    idle_screen: ("screen-practice-bench", "screen-practice-bench-detail"),
    set_up_by: None,
};
