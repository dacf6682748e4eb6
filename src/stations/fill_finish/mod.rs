//! The fill-and-finish station: a unit that formulates, fills and seals the product for
//! cryopreservation. It has no model yet, so its screen shows the unit idle.

use bevy::prelude::*;

use crate::layout::{STATION_ROW_Z, Viewpoint};
use crate::stations::station::StationDef;

mod build;

/// The fill-and-finish unit as the game knows it.
pub static STATION: StationDef = StationDef {
    id: "fill_finish",
    position: Vec3::new(5.0, 0.0, STATION_ROW_Z),
    build: build::build,
    viewpoints: &[Viewpoint {
        name: "fill_finish",
        eye: Vec3::new(6.0, 1.7, -4.9),
        target: Vec3::new(4.9, 0.95, -7.4),
    }],
    model: None,
    idle_screen: ("screen-fill-finish", "screen-fill-finish-detail"),
    set_up_by: None,
};
