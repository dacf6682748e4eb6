//! The apheresis station: an apheresis machine collecting mononuclear cells for CAR-T. It has
//! no model yet, so its screen shows the machine idle.

use bevy::prelude::*;

use crate::layout::{STATION_ROW_Z, Viewpoint};
use crate::stations::station::StationDef;

mod build;

/// The apheresis machine as the game knows it.
pub static STATION: StationDef = StationDef {
    id: "apheresis",
    position: Vec3::new(0.5, 0.0, STATION_ROW_Z),
    build: build::build,
    viewpoints: &[Viewpoint { name: "apheresis", eye: Vec3::new(1.6, 1.7, -4.6), target: Vec3::new(0.4, 1.0, -7.4) }],
    model: None,
    idle_screen: ("screen-apheresis", "screen-apheresis-detail"),
    set_up_by: None,
};
