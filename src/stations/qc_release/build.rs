//! The QC review desk in the world: the shared review desk and terminal, and the laboratory's
//! certificate folder beside it.

use bevy::prelude::*;

use crate::cleanroom::equipment::review_desk;
use crate::cleanroom::kit::Kit;
use crate::stations::station::{StationDef, StationScreen};

/// The way the desk faces: from the corridor's west wall, east into the corridor.
const OUTWARD: Vec3 = Vec3::X;

pub fn build(kit: &mut Kit, station: &'static StationDef) {
    let palette = kit.palette.clone();
    let (panel, top, _) =
        review_desk(kit, station.id, station.position, OUTWARD, station.idle_screen, "sign-qc-release");
    kit.world.entity_mut(panel).insert(StationScreen { station });
    kit.block(
        "QC certificates folder",
        Vec3::new(0.24, 0.04, 0.3),
        top + Vec3::new(0.05, 0.02, 0.5),
        &palette.marking_green,
    );
}
