//! The bioreactor station: a hollow-fibre bioreactor for MSC expansion (model in
//! `cleanroom_core::stations::bioreactor`), its work bench and its touchscreen.

use bevy::prelude::*;

use crate::layout::{STATION_ROW_Z, Viewpoint};
use crate::stations::station::StationDef;

mod bench;
mod build;

/// The bioreactor as the game knows it.
pub static STATION: StationDef = StationDef {
    id: cleanroom_core::stations::bioreactor::STATION_ID,
    position: Vec3::new(-4.5, 0.0, STATION_ROW_Z),
    build: build::build,
    viewpoints: &[
        Viewpoint { name: "bioreactor", eye: Vec3::new(-3.3, 1.7, -4.6), target: Vec3::new(-4.6, 1.05, -7.4) },
        Viewpoint {
            name: "bioreactor_screen",
            eye: Vec3::new(-4.05, 1.78, -6.55),
            target: Vec3::new(-4.18, 1.5, -7.08),
        },
        // The work bench: sampling, the harvest bag's label and QC samples, the pass box.
        Viewpoint { name: "bioreactor_bench", eye: Vec3::new(-6.0, 1.75, -5.9), target: Vec3::new(-6.75, 0.95, -7.5) },
    ],
    model: Some(&cleanroom_core::stations::bioreactor::SPEC),
    idle_screen: ("screen-bioreactor", "screen-bioreactor-detail"),
    set_up_by: Some("bioreactor_load_prime"),
};
