//! The fill-and-finish station: a unit that formulates, fills and seals the product for
//! cryopreservation and hands it to the controlled-rate freezer; its model is the core's
//! `stations::fill_finish`.

use bevy::prelude::*;

use crate::layout::{STATION_ROW_Z, Viewpoint};
use crate::stations::station::StationDef;

mod build;

/// The fill-and-finish unit as the game knows it.
pub static STATION: StationDef = StationDef {
    id: "fill_finish",
    position: Vec3::new(5.0, 0.0, STATION_ROW_Z),
    build: build::build,
    viewpoints: &[
        Viewpoint { name: "fill_finish", eye: Vec3::new(5.9, 1.8, -4.9), target: Vec3::new(5.1, 1.0, -7.4) },
        // Where the operator stands at the touchscreen: its pages must read from here.
        Viewpoint { name: "fill_finish_screen", eye: Vec3::new(5.2, 1.58, -6.6), target: Vec3::new(5.42, 1.52, -7.45) },
        // Close to the final bags, to read a bag's label.
        Viewpoint { name: "fill_finish_bags", eye: Vec3::new(4.9, 1.72, -7.1), target: Vec3::new(4.95, 1.76, -7.6) },
    ],
    model: Some(&cleanroom_core::stations::fill_finish::SPEC),
    idle_screen: ("screen-fill-finish", "screen-fill-finish-detail"),
    set_up_by: None,
};
