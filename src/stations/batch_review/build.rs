//! The review desk in the world: the shared review desk and terminal, the record's binder, and
//! the loose note stuck to the terminal's bezel.

use bevy::prelude::*;
use bevy_rapier3d::prelude::Collider;
use cleanroom_core::stations::batch_review::ids::LOOSE_NOTE;

use crate::cleanroom::equipment::review_desk;
use crate::cleanroom::kit::Kit;
use crate::interaction::Usable;
use crate::interaction::semantic::Inspectable;
use crate::stations::station::{StationDef, StationScreen, model_text};

/// The way the desk faces: from the corridor's east wall, west into the corridor.
const OUTWARD: Vec3 = Vec3::NEG_X;

pub fn build(kit: &mut Kit, station: &'static StationDef) {
    let palette = kit.palette.clone();
    let (panel, top, screen) =
        review_desk(kit, station.id, station.position, OUTWARD, station.idle_screen, "sign-batch-review");
    kit.world.entity_mut(panel).insert(StationScreen { station });
    // The batch record's printed binder beside the terminal, as it came from the suite.
    kit.block(
        "Batch record binder",
        Vec3::new(0.3, 0.05, 0.24),
        top + Vec3::new(-0.05, 0.025, 0.5),
        &palette.accent_blue,
    );
    kit.label(
        "Label: batch record binder",
        "MSC-2026-014",
        "제조기록서",
        0.24,
        0.12,
        top + Vec3::new(-0.05, 0.051, 0.5),
        Vec3::new(-0.2, 1.0, 0.0).normalize(),
    );
    // The loose note, stuck to the terminal's bezel: a figure kept outside the record.
    let facing = (OUTWARD + Vec3::Y * 0.2).normalize();
    let note = model_text(
        kit,
        "Loose note",
        LOOSE_NOTE,
        screen + Vec3::new(-0.02, 0.06, -0.46),
        Vec2::new(0.13, 0.13),
        facing,
        ([255, 236, 130, 255], [30, 30, 60, 255]),
        34.0,
    );
    kit.world.entity_mut(note).insert((
        Inspectable,
        Collider::cuboid(0.065, 0.065, 0.004),
        Usable { label_key: "item-loose-note" },
    ));
}
