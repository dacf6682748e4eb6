//! The practice bench in the world: the bench with its bag, tray, panel (a push button and a
//! dial), tube and heat sealer; its touchscreen and a batch record terminal on the wall above;
//! the floor mark in front of it and the conduct poster on the wall behind.

use bevy::prelude::*;
use bevy_rapier3d::prelude::Collider;
use cleanroom_core::stations::practice_bench::ids::{BAG, BUTTON, DIAL, DIAL_MAX, DIAL_MIN, LINE, STATION_ID};

use crate::actions::LevelId;
use crate::cleanroom::equipment::{
    BAG as BAG_SHAPE, Knob, Receptacle, RecordTerminal, item, receptacle, rotary_knob, takes_item, touchscreen_facing,
    tube,
};
use crate::cleanroom::kit::{Kit, SignText};
use crate::cleanroom::rooms::{GRADE_C_GREEN, INK, WHITE};
use crate::cleanroom::signs::SignSpec;
use crate::interaction::items::{HeatSealer, TubeEnd};
use crate::interaction::presence::{FloorMark, LookTarget};
use crate::interaction::semantic::{Control, Inspectable};
use crate::interaction::touchscreen::ScreenButtons;
use crate::interaction::{Shape, Usable};
use crate::layout::Zone;
use crate::stations::station::{StationDef, StationScreen};

/// The bench top, above the floor.
const TOP: f32 = 0.9;
/// The bench's length along the wall and its depth.
const LENGTH: f32 = 2.4;
const DEPTH: f32 = 0.6;
/// Where the wall's face is: the corridor's north wall.
const WALL_FACE_Z: f32 = 10.89;
/// The way the bench faces: south, into the corridor.
const OUTWARD: Vec3 = Vec3::NEG_Z;

pub fn build(kit: &mut Kit, station: &'static StationDef) {
    let origin = station.position;
    bench(kit, origin);
    let top = origin + Vec3::Y * TOP;
    // Facing south, the bench's west end (+x) is on the trainee's left.
    practice_bag(kit, top + Vec3::new(0.95, 0.0, -0.1));
    panel(kit, top + Vec3::new(0.3, 0.0, 0.05));
    tube_and_sealer(kit, top + Vec3::new(-0.45, 0.0, 0.0));
    tray(kit, top + Vec3::new(-0.95, 0.0, -0.1));
    screens(kit, station, origin);
    floor_mark(kit, Vec2::new(origin.x, 9.75));
    poster(kit, Vec3::new(origin.x, 1.6, 8.11));
}

fn bench(kit: &mut Kit, origin: Vec3) {
    let palette = kit.palette.clone();
    let top = kit.block(
        "Practice bench top",
        Vec3::new(LENGTH, 0.04, DEPTH),
        origin + Vec3::Y * (TOP - 0.02),
        &palette.steel,
    );
    kit.world.entity_mut(top).insert((
        Inspectable,
        LevelId::new(STATION_ID),
        Usable { label_key: "item-practice-bench" },
    ));
    for (i, (dx, dz)) in [(-1.0f32, -1.0f32), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)].into_iter().enumerate() {
        kit.block(
            &format!("Practice bench leg {i}"),
            Vec3::new(0.04, TOP - 0.04, 0.04),
            origin + Vec3::new(dx * (LENGTH / 2.0 - 0.05), (TOP - 0.04) / 2.0, dz * (DEPTH / 2.0 - 0.05)),
            &palette.steel,
        );
    }
    kit.trim(
        "Practice bench stripe",
        Vec3::new(LENGTH, 0.05, 0.01),
        origin + Vec3::new(0.0, TOP - 0.06, -DEPTH / 2.0),
        &palette.marking_yellow,
    );
    kit.sign(
        "Sign: practice bench",
        SignText { keys: &["sign-practice-bench"], background: WHITE, ink: INK, stripe: Some(GRADE_C_GREEN) },
        1.6,
        0.4,
        Vec3::new(origin.x, 2.45, WALL_FACE_Z),
        OUTWARD,
    );
}

/// The practice bag, lying at the bench's west end with its label to the trainee: picked up,
/// carried to the tray, then the tube is welded to it.
fn practice_bag(kit: &mut Kit, base: Vec3) {
    let palette = kit.palette.clone();
    let size = Vec2::new(0.16, 0.22);
    let bag = kit.block(
        "Bag: practice_bag",
        Vec3::new(size.x, size.y, 0.035),
        base + Vec3::Y * (size.y / 2.0),
        &palette.saline,
    );
    kit.world.entity_mut(bag).insert((Shape(BAG_SHAPE), item(BAG, "item-practice-bag")));
    let label =
        kit.label("Label: practice_bag", "PRACTICE BAG", "연습 백", 0.14, 0.07, Vec3::new(0.0, 0.0, -0.0185), OUTWARD);
    kit.world.entity_mut(label).insert(ChildOf(bag));
}

/// The tray at the bench's east end that takes the practice bag.
fn tray(kit: &mut Kit, base: Vec3) {
    let material = kit.palette.marking_green.clone();
    receptacle(
        kit,
        Receptacle {
            name: "Practice tray",
            id: "practice_tray",
            body: (Vec3::new(0.4, 0.04, 0.3), base + Vec3::Y * 0.02, material),
            label: (
                "PUT THE BAG HERE",
                "백을 여기에 두십시오",
                Vec2::new(0.3, 0.06),
                Vec3::new(0.0, 0.0, -0.152),
                OUTWARD,
            ),
            accepts: takes_item(BAG),
            opening: (Vec3::Y * 0.14, Vec3::new(0.36, 0.22, 0.26)),
        },
    );
}

/// The practice panel: a green push button and a dial from 0 to 10, labelled.
fn panel(kit: &mut Kit, base: Vec3) {
    let palette = kit.palette.clone();
    let body = base + Vec3::Y * 0.12;
    kit.block("Practice panel", Vec3::new(0.5, 0.24, 0.2), body, &palette.plastic_white);
    let front = body.z - 0.1;
    let button = kit.block(
        "Practice button",
        Vec3::new(0.07, 0.07, 0.03),
        Vec3::new(body.x + 0.12, body.y + 0.02, front - 0.015),
        &palette.indicator_green,
    );
    kit.world.entity_mut(button).insert((Control, LevelId::new(BUTTON), Usable { label_key: "item-practice-button" }));
    kit.label(
        "Label: practice button",
        "PRESS",
        "누르기",
        0.1,
        0.035,
        Vec3::new(body.x + 0.12, body.y - 0.07, front - 0.001),
        OUTWARD,
    );
    let dial_pose = Transform::from_translation(Vec3::new(body.x - 0.12, body.y + 0.02, front - 0.015))
        .with_rotation(Quat::from_rotation_x(std::f32::consts::FRAC_PI_2));
    rotary_knob(
        kit,
        Knob {
            name: "Practice dial",
            id: DIAL,
            pose: dial_pose,
            radius: 0.04,
            min: DIAL_MIN as f32,
            max: DIAL_MAX as f32,
            // Half a unit a detent.
            step: 0.5,
            units: "",
            label_key: "item-practice-dial",
        },
    );
    kit.label(
        "Label: practice dial",
        "DIAL 0–10",
        "다이얼 0–10",
        0.12,
        0.035,
        Vec3::new(body.x - 0.12, body.y - 0.07, front - 0.001),
        OUTWARD,
    );
}

/// The practice tube hanging from its stand, its free end to weld to the bag in the tray, and
/// the heat sealer beside it.
fn tube_and_sealer(kit: &mut Kit, base: Vec3) {
    let palette = kit.palette.clone();
    let stand = base + Vec3::new(-0.1, 0.0, 0.15);
    kit.block("Practice tube stand", Vec3::new(0.04, 0.5, 0.04), stand + Vec3::Y * 0.25, &palette.steel);
    kit.trim("Practice tube stand arm", Vec3::new(0.04, 0.03, 0.2), stand + Vec3::new(0.0, 0.49, -0.1), &palette.steel);
    let end = stand + Vec3::new(0.0, 0.3, -0.2);
    tube(kit, "Practice tube", stand + Vec3::new(0.0, 0.48, -0.2), end + Vec3::Y * 0.03);
    let tube_end = kit.block("Tube end: practice_line", Vec3::new(0.025, 0.06, 0.025), end, &palette.tubing);
    kit.world.entity_mut(tube_end).insert((
        TubeEnd::default(),
        LevelId::new(LINE),
        Usable { label_key: "item-practice-line" },
    ));
    let sealer_at = base + Vec3::new(0.22, 0.04, -0.12);
    let sealer = kit.block("Practice heat sealer", Vec3::new(0.12, 0.08, 0.1), sealer_at, &palette.plastic_grey);
    kit.world.entity_mut(sealer).insert((HeatSealer, Usable { label_key: "item-sealer" }));
    kit.label(
        "Label: practice heat sealer",
        "SEALER",
        "열 밀봉기",
        0.1,
        0.03,
        sealer_at + Vec3::new(0.0, 0.01, -0.051),
        OUTWARD,
    );
}

/// The bench's touchscreen and, beside it, the corridor's batch record terminal, on the wall
/// at a standing trainee's eye height.
fn screens(kit: &mut Kit, station: &'static StationDef, origin: Vec3) {
    let palette = kit.palette.clone();
    // Turned up a little to the eyes of a trainee standing at the bench.
    let facing = (OUTWARD + Vec3::Y * 0.1).normalize();
    let screen = touchscreen_facing(
        kit,
        station.id,
        Vec3::new(origin.x + 0.55, 1.55, WALL_FACE_Z - 0.05),
        Vec2::new(0.56, 0.42),
        facing,
        station.idle_screen,
    );
    kit.world.entity_mut(screen).insert(StationScreen { station });
    let centre = Vec3::new(origin.x - 0.55, 1.55, WALL_FACE_Z - 0.05);
    kit.part(
        "Corridor batch record terminal bezel",
        Cuboid::new(0.6, 0.46, 0.03),
        Transform::from_translation(centre - facing * 0.017).looking_to(-facing, Vec3::Y),
        &palette.plastic_dark,
    );
    let spec =
        SignSpec { width_px: 512, height_px: 384, background: [18, 34, 56, 255], stripe: None, lines: Vec::new() };
    let terminal = kit.panel("Corridor batch record terminal", &spec, 0.56, 0.42, centre, facing, true);
    kit.world.entity_mut(terminal).insert((
        RecordTerminal { zone: Zone::Corridor },
        ScreenButtons { size: Vec2::new(0.56, 0.42), buttons: Vec::new() },
        Collider::cuboid(0.28, 0.21, 0.004),
        Usable { label_key: "item-record-terminal" },
    ));
}

/// The yellow square in front of the bench that the tutorial's first step walks to.
fn floor_mark(kit: &mut Kit, centre: Vec2) {
    let palette = kit.palette.clone();
    const HALF: f32 = 0.35;
    /// How far the body's centre may stand beyond the square's edge and still stand on it (about
    /// the body's radius).
    const BODY_ON_MARK: f32 = 0.25;
    let mark = kit.floor_marking(
        "Practice floor mark",
        centre - Vec2::splat(HALF),
        centre + Vec2::splat(HALF),
        &palette.marking_yellow,
    );
    // Standing on it counts once the body is on the square, not only its centre: a first-time
    // player walking over it should not have to find its middle.
    kit.world.entity_mut(mark).insert((LevelId::new("practice_floor_mark"), FloorMark { radius: HALF + BODY_ON_MARK }));
}

/// The conduct poster on the corridor's south wall, behind a trainee at the bench: the
/// tutorial's look-around step finds it.
fn poster(kit: &mut Kit, centre: Vec3) {
    let poster = kit.sign(
        "Sign: cleanroom conduct",
        SignText {
            keys: &["sign-conduct-title", "sign-conduct-rules"],
            background: WHITE,
            ink: INK,
            stripe: Some(GRADE_C_GREEN),
        },
        1.1,
        0.9,
        centre,
        Vec3::Z,
    );
    kit.world.entity_mut(poster).insert((LevelId::new("practice_poster"), LookTarget { radius: 0.5 }));
}
