//! The review desk in the world: a standing desk with the review terminal, the record's
//! binder, the loose note stuck to the terminal's bezel, and the desk's sign.

use bevy::prelude::*;
use bevy_rapier3d::prelude::Collider;
use cleanroom_core::stations::batch_review::ids::LOOSE_NOTE;

use crate::actions::LevelId;
use crate::cleanroom::equipment::touchscreen_facing;
use crate::cleanroom::kit::{Kit, SignText};
use crate::cleanroom::rooms::{GRADE_C_GREEN, INK, WHITE};
use crate::interaction::Usable;
use crate::interaction::semantic::Inspectable;
use crate::stations::station::{StationDef, StationScreen, model_text};

/// Height of the desk's top: a standing desk, so that the terminal reads at a standing
/// trainee's eye height.
const DESK_TOP: f32 = 1.0;
/// The desk's footprint: depth (x, from the wall) and width (z).
const DESK_SIZE: Vec2 = Vec2::new(0.6, 1.4);
/// The terminal's screen, metres: a 32-inch monitor's area, for a record's page to read.
const SCREEN: Vec2 = Vec2::new(0.72, 0.44);

pub fn build(kit: &mut Kit, station: &'static StationDef) {
    let palette = kit.palette.clone();
    let origin = station.position;
    let top = origin + Vec3::Y * DESK_TOP;
    let desk = kit.block(
        "Review desk top",
        Vec3::new(DESK_SIZE.x, 0.04, DESK_SIZE.y),
        top - Vec3::Y * 0.02,
        &palette.plastic_white,
    );
    kit.world.entity_mut(desk).insert((
        Inspectable,
        LevelId::new(station.id),
        Usable { label_key: "item-review-desk" },
    ));
    for (i, (dx, dz)) in [(-1.0f32, -1.0f32), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)].into_iter().enumerate() {
        let leg = origin + Vec3::new(dx * (DESK_SIZE.x / 2.0 - 0.04), DESK_TOP / 2.0, dz * (DESK_SIZE.y / 2.0 - 0.04));
        kit.block(&format!("Review desk leg {i}"), Vec3::new(0.04, DESK_TOP - 0.04, 0.04), leg, &palette.steel);
    }
    // The terminal on its stand, turned a little up to the reviewer's eyes.
    let facing = Vec3::new(-1.0, 0.2, 0.0).normalize();
    let centre = top + Vec3::new(0.05, 0.36, 0.0);
    kit.block("Review terminal stand", Vec3::new(0.06, 0.14, 0.06), top + Vec3::new(0.12, 0.07, 0.0), &palette.steel);
    let (title, detail) = station.idle_screen;
    let panel = touchscreen_facing(kit, station.id, centre, SCREEN, facing, (title, detail));
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
    let note = model_text(
        kit,
        "Loose note",
        LOOSE_NOTE,
        centre + Vec3::new(-0.02, 0.06, -(SCREEN.x / 2.0 + 0.1)),
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
    kit.sign(
        "Sign: QA review",
        SignText { keys: &["sign-batch-review"], background: WHITE, ink: INK, stripe: Some(GRADE_C_GREEN) },
        1.4,
        0.42,
        Vec3::new(7.89, 2.3, origin.z),
        -Vec3::X,
    );
}
