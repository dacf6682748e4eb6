//! The QC review terminal: a review desk at the corridor's west end, where a batch's QC
//! results are compared with its release specification and it is released or investigated,
//! and the QC laboratory's bench beside it, where the product's samples are tested (model in
//! `cleanroom_core::stations::qc_release`).

use bevy::prelude::*;

use crate::layout::Viewpoint;
use crate::stations::station::StationDef;

mod build;

/// The QC review desk as the game knows it: against the corridor's west wall, facing east.
pub static STATION: StationDef = StationDef {
    id: cleanroom_core::stations::qc_release::ids::STATION_ID,
    position: Vec3::new(-7.45, 0.0, 10.2),
    build: build::build,
    viewpoints: &[
        Viewpoint { name: "qc_release", eye: Vec3::new(-5.2, 1.75, 9.0), target: Vec3::new(-7.6, 1.1, 10.2) },
        // Where the reviewer stands at the terminal: its pages must read from here.
        Viewpoint { name: "qc_release_screen", eye: Vec3::new(-6.85, 1.62, 10.2), target: Vec3::new(-7.55, 1.3, 10.2) },
        // The QC laboratory's bench, as the analyst stands at it.
        Viewpoint { name: "qc_bench", eye: Vec3::new(-4.85, 1.62, 9.45), target: Vec3::new(-4.85, 0.95, 10.6) },
    ],
    model: Some(&cleanroom_core::stations::qc_release::SPEC),
    idle_screen: ("screen-qc-release", "screen-qc-release-detail"),
    set_up_by: None,
};
