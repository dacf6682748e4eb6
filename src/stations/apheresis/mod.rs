//! The apheresis station: an apheresis machine collecting mononuclear cells for CAR-T from a
//! donor in the chair beside it; its model is the core's `stations::apheresis`.

use bevy::prelude::*;

use crate::layout::{STATION_ROW_Z, Viewpoint};
use crate::stations::station::StationDef;

mod build;

/// The apheresis machine as the game knows it.
pub static STATION: StationDef = StationDef {
    id: "apheresis",
    position: Vec3::new(0.5, 0.0, STATION_ROW_Z),
    build: build::build,
    viewpoints: &[
        Viewpoint { name: "apheresis", eye: Vec3::new(1.6, 1.7, -4.6), target: Vec3::new(0.9, 1.0, -7.2) },
        // Where the operator stands at the touchscreen: the run values must read from here.
        Viewpoint { name: "apheresis_screen", eye: Vec3::new(0.45, 1.7, -6.66), target: Vec3::new(0.45, 1.78, -7.3) },
        Viewpoint { name: "apheresis_donor", eye: Vec3::new(1.1, 1.6, -5.7), target: Vec3::new(2.0, 1.0, -6.9) },
        Viewpoint { name: "apheresis_trolley", eye: Vec3::new(-0.5, 1.6, -6.3), target: Vec3::new(-0.8, 0.9, -7.1) },
    ],
    model: Some(&cleanroom_core::stations::apheresis::SPEC),
    idle_screen: ("screen-apheresis", "screen-apheresis-detail"),
    set_up_by: Some("apheresis_set_up_prime"),
};
