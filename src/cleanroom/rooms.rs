//! The architecture: floors, walls, ceilings with HEPA diffusers and light panels, floor
//! markings, grade signs, the airlock furniture and the pass-through hatch.

use bevy::prelude::*;

use bevy_rapier3d::prelude::{Collider, Sensor};

use super::kit::{Kit, SignText};
use crate::actions::LevelId;
use crate::interaction::items::Item;
use crate::interaction::semantic::{Garment, GarmentBin, Inspectable, Sanitiser, Surface};
use crate::interaction::{Grabbable, Home, Shape, Usable};
use crate::layout::{self, CEILING_HEIGHT, WALL_THICKNESS, WALLS, Zone};

pub const WHITE: [u8; 4] = [248, 249, 250, 255];
pub const INK: [u8; 4] = [24, 32, 48, 255];

/// The shape of a sterile garment pack, for what takes any pack.
pub const GARMENT_PACK: &str = "garment pack";
/// Grade colours used on the signs (a common cleanroom convention, not a standard).
pub const GRADE_A_RED: [u8; 4] = [200, 40, 40, 255];
pub const GRADE_B_BLUE: [u8; 4] = [30, 90, 170, 255];
pub const GRADE_C_GREEN: [u8; 4] = [40, 140, 80, 255];

pub fn floors_and_ceilings(kit: &mut Kit) {
    let palette = kit.palette.clone();
    for zone in Zone::ALL {
        let material = match zone {
            Zone::Corridor => &palette.floor_c,
            Zone::Airlock => &palette.floor_c,
            Zone::ProcessingRoom => &palette.floor_b,
        };
        for (index, (min, max)) in zone.floor().iter().enumerate() {
            let size = *max - *min;
            let centre = (*min + *max) / 2.0;
            let floor = kit.block(
                &format!("Floor: {} {index}", zone.id()),
                Vec3::new(size.x, 0.2, size.y),
                Vec3::new(centre.x, -0.1, centre.y),
                material,
            );
            // What falls on it is reported as placed on the `floor`, which levels may name.
            kit.world.entity_mut(floor).insert((crate::interaction::items::Floor, LevelId::new("floor")));
            kit.block(
                &format!("Ceiling: {} {index}", zone.id()),
                Vec3::new(size.x, 0.1, size.y),
                Vec3::new(centre.x, CEILING_HEIGHT + 0.05, centre.y),
                &palette.ceiling,
            );
        }
    }
    // The clean side of the airlock, past the step-over bench, has its own floor colour.
    kit.floor_marking(
        "Airlock clean-side floor",
        Vec2::new(-3.0, 4.0),
        Vec2::new(1.0, layout::BENCH_Z),
        &palette.floor_clean_side,
    );
}

pub fn walls(kit: &mut Kit) {
    let palette = kit.palette.clone();
    for (index, wall) in WALLS.iter().enumerate() {
        let along = wall.to - wall.from;
        let length = along.length() + WALL_THICKNESS;
        let centre = (wall.from + wall.to) / 2.0;
        let size = if along.x.abs() > along.y.abs() {
            Vec3::new(length, wall.height, WALL_THICKNESS)
        } else {
            Vec3::new(WALL_THICKNESS, wall.height, length)
        };
        let entity =
            kit.block(&format!("Wall {index}"), size, Vec3::new(centre.x, wall.height / 2.0, centre.y), &palette.wall);
        // The airlock's side walls are non-sterile surfaces a gowning trainee must not touch.
        if wall.from.x == wall.to.x && (wall.from.x == -3.0 || wall.from.x == 1.0) {
            kit.world.entity_mut(entity).insert((
                Surface,
                LevelId::new("airlock_wall"),
                Usable { label_key: "item-wall" },
            ));
        }
        // Coved skirting, as cleanroom floors curve up into the walls to be cleanable.
        kit.trim(
            &format!("Skirting {index}"),
            Vec3::new(size.x + 0.02, 0.1, size.z + 0.02),
            Vec3::new(centre.x, 0.05, centre.y),
            &palette.plastic_grey,
        );
    }
    // Lintels over the two doorways and the wall around the hatch.
    let lintel_height = CEILING_HEIGHT - layout::DOOR_HEIGHT;
    for (name, z) in [("Lintel: corridor door", 8.0), ("Lintel: processing door", 4.0)] {
        kit.block(
            name,
            Vec3::new(1.1, lintel_height, WALL_THICKNESS),
            Vec3::new(-1.0, layout::DOOR_HEIGHT + lintel_height / 2.0, z),
            &palette.wall,
        );
    }
    let hatch_bottom = layout::HATCH.y - layout::HATCH_SIZE.y / 2.0;
    let hatch_top = layout::HATCH.y + layout::HATCH_SIZE.y / 2.0;
    kit.block(
        "Wall below hatch",
        Vec3::new(0.8, hatch_bottom, WALL_THICKNESS),
        Vec3::new(5.0, hatch_bottom / 2.0, 8.0),
        &palette.wall,
    );
    kit.block(
        "Wall above hatch",
        Vec3::new(0.8, CEILING_HEIGHT - hatch_top, WALL_THICKNESS),
        Vec3::new(5.0, (CEILING_HEIGHT + hatch_top) / 2.0, 8.0),
        &palette.wall,
    );
    let (min, max) = layout::PLANT_BLOCK;
    let size = max - min;
    let centre = (min + max) / 2.0;
    kit.block(
        "Plant block",
        Vec3::new(size.x, CEILING_HEIGHT, size.y),
        Vec3::new(centre.x, CEILING_HEIGHT / 2.0, centre.y),
        &palette.wall,
    );
}

/// HEPA terminal filters and light panels in a regular grid, as in a suspended cleanroom ceiling.
pub fn ceiling_fixtures(kit: &mut Kit) {
    let palette = kit.palette.clone();
    let y = CEILING_HEIGHT - 0.005;
    // Grade B room: a dense grid of HEPA diffusers for its high air-change rate.
    for (i, x) in [-5.5f32, -1.5, 2.5, 6.0].into_iter().enumerate() {
        for (j, z) in [-5.5f32, -1.5, 2.0].into_iter().enumerate() {
            hepa(kit, &format!("HEPA diffuser B{i}{j}"), Vec3::new(x, y, z));
            kit.trim(
                &format!("Light panel B{i}{j}"),
                Vec3::new(1.2, 0.02, 0.3),
                Vec3::new(x, y, z + 1.2),
                &palette.light_panel,
            );
        }
    }
    hepa(kit, "HEPA diffuser B extension", Vec3::new(4.5, y, 6.0));
    kit.trim("Light panel B extension", Vec3::new(1.2, 0.02, 0.3), Vec3::new(4.5, y, 7.0), &palette.light_panel);
    hepa(kit, "HEPA diffuser airlock", Vec3::new(-1.0, y, 5.0));
    kit.trim("Light panel airlock", Vec3::new(1.2, 0.02, 0.3), Vec3::new(-1.0, y, 7.0), &palette.light_panel);
    for (i, x) in [-6.0f32, -2.0, 2.0, 6.0].into_iter().enumerate() {
        kit.trim(
            &format!("Light panel corridor {i}"),
            Vec3::new(1.2, 0.02, 0.3),
            Vec3::new(x, y, 9.5),
            &palette.light_panel,
        );
        if i % 2 == 1 {
            hepa(kit, &format!("HEPA diffuser corridor {i}"), Vec3::new(x, y, 9.5));
        }
    }
    // Low-level return-air grilles: air leaves near the floor, so the flow is top to bottom.
    for (i, z) in [-6.0f32, -2.0, 2.0].into_iter().enumerate() {
        kit.trim(&format!("Return-air grille {i}"), Vec3::new(0.02, 0.3, 0.8), Vec3::new(7.89, 0.35, z), &palette.hepa);
    }
}

fn hepa(kit: &mut Kit, name: &str, centre: Vec3) {
    let palette = kit.palette.clone();
    kit.part(
        name,
        Plane3d::new(Vec3::NEG_Y, Vec2::splat(0.3)).mesh().size(0.6, 0.6),
        Transform::from_translation(centre - Vec3::Y * 0.004),
        &palette.hepa,
    );
    kit.trim(&format!("{name} frame"), Vec3::new(0.66, 0.006, 0.66), centre, &palette.steel);
}

pub fn floor_markings(kit: &mut Kit) {
    let palette = kit.palette.clone();
    // Corridor: yellow walkway edges.
    // The north edge stops either side of the practice bench, which stands against that wall.
    kit.floor_marking("Corridor marking north", Vec2::new(-7.8, 10.55), Vec2::new(0.7, 10.65), &palette.marking_yellow);
    kit.floor_marking("Corridor marking north", Vec2::new(3.3, 10.55), Vec2::new(7.8, 10.65), &palette.marking_yellow);
    kit.floor_marking("Corridor marking south", Vec2::new(-7.8, 8.35), Vec2::new(7.8, 8.45), &palette.marking_yellow);
    // Red line on the dirty side of the bench: do not cross without following the gowning order.
    kit.floor_marking(
        "Airlock red line",
        Vec2::new(-2.95, layout::BENCH_Z + 0.3),
        Vec2::new(0.95, layout::BENCH_Z + 0.38),
        &palette.marking_red,
    );
    kit.floor_marking(
        "Airlock green line",
        Vec2::new(-2.95, layout::BENCH_Z - 0.38),
        Vec2::new(0.95, layout::BENCH_Z - 0.3),
        &palette.marking_green,
    );
    // Door swing and threshold hatching.
    for (name, z) in [("Threshold corridor door", 8.0), ("Threshold processing door", 4.0)] {
        kit.floor_marking(name, Vec2::new(-1.55, z - 0.5), Vec2::new(-0.45, z - 0.42), &palette.marking_yellow);
        kit.floor_marking(name, Vec2::new(-1.55, z + 0.42), Vec2::new(-0.45, z + 0.5), &palette.marking_yellow);
    }
    // The cabinet's working area (each station marks its own footprint).
    let cabinet = layout::BIOSAFETY_CABINET + Vec3::X * 0.8;
    outline(kit, "Cabinet area", Vec2::new(cabinet.x, cabinet.z), Vec2::new(1.8, 2.4));
}

/// A yellow outline on the floor around a working area.
pub fn outline(kit: &mut Kit, name: &str, centre: Vec2, size: Vec2) {
    let material = kit.palette.marking_yellow.clone();
    let half = size / 2.0;
    let width = 0.06;
    let (min, max) = (centre - half, centre + half);
    kit.floor_marking(name, Vec2::new(min.x, min.y), Vec2::new(max.x, min.y + width), &material);
    kit.floor_marking(name, Vec2::new(min.x, max.y - width), Vec2::new(max.x, max.y), &material);
    kit.floor_marking(name, Vec2::new(min.x, min.y), Vec2::new(min.x + width, max.y), &material);
    kit.floor_marking(name, Vec2::new(max.x - width, min.y), Vec2::new(max.x, max.y), &material);
}

pub fn signage(kit: &mut Kit) {
    // Above the corridor door, seen from the corridor.
    kit.sign(
        "Sign: airlock (corridor side)",
        SignText { keys: &["sign-airlock", "sign-interlock"], background: WHITE, ink: INK, stripe: Some(GRADE_B_BLUE) },
        1.6,
        0.55,
        Vec3::new(-1.0, 2.52, 8.11),
        Vec3::Z,
    );
    kit.sign(
        "Sign: grade C (corridor)",
        SignText { keys: &["sign-grade-c"], background: GRADE_C_GREEN, ink: WHITE, stripe: None },
        0.6,
        0.45,
        Vec3::new(-2.5, 1.75, 8.11),
        Vec3::Z,
    );
    kit.sign(
        "Sign: corridor",
        SignText { keys: &["sign-corridor"], background: WHITE, ink: INK, stripe: Some(GRADE_C_GREEN) },
        1.4,
        0.42,
        // Beside the QC review desk's sign, towards the corridor door.
        Vec3::new(-7.89, 2.2, 8.8),
        Vec3::X,
    );
    kit.sign(
        "Sign: pass-through (corridor side)",
        SignText { keys: &["sign-pass-through"], background: WHITE, ink: INK, stripe: Some(GRADE_C_GREEN) },
        1.1,
        0.36,
        Vec3::new(5.0, 1.95, 8.11),
        Vec3::Z,
    );
    // Inside the airlock.
    let poster = kit.sign(
        "Sign: gowning order",
        SignText {
            keys: &["sign-gown-order", "sign-gown-steps"],
            background: WHITE,
            ink: INK,
            stripe: Some(GRADE_B_BLUE),
        },
        1.3,
        1.2,
        Vec3::new(0.89, 1.55, 7.0),
        Vec3::NEG_X,
    );
    kit.world.entity_mut(poster).insert((
        Collider::cuboid(0.65, 0.6, 0.01),
        Inspectable,
        LevelId::new("gowning_sop_poster"),
        Usable { label_key: "item-poster" },
    ));
    kit.sign(
        "Sign: step over",
        SignText { keys: &["sign-step-over"], background: WHITE, ink: INK, stripe: Some(GRADE_B_BLUE) },
        1.2,
        0.4,
        Vec3::new(-1.0, 2.52, 4.11),
        Vec3::Z,
    );
    kit.sign(
        "Sign: grade B (airlock)",
        SignText { keys: &["sign-grade-b"], background: GRADE_B_BLUE, ink: WHITE, stripe: None },
        0.6,
        0.45,
        Vec3::new(0.2, 1.75, 4.11),
        Vec3::Z,
    );
    kit.sign(
        "Sign: grade C (airlock)",
        SignText { keys: &["sign-grade-c"], background: GRADE_C_GREEN, ink: WHITE, stripe: None },
        0.6,
        0.45,
        Vec3::new(0.2, 1.75, 7.89),
        Vec3::NEG_Z,
    );
    // Processing room.
    kit.sign(
        "Sign: processing room",
        SignText { keys: &["sign-processing"], background: WHITE, ink: INK, stripe: Some(GRADE_B_BLUE) },
        1.6,
        0.45,
        Vec3::new(-1.0, 2.52, 3.89),
        Vec3::NEG_Z,
    );
    kit.sign(
        "Sign: grade B (room)",
        SignText { keys: &["sign-grade-b"], background: GRADE_B_BLUE, ink: WHITE, stripe: None },
        0.8,
        0.6,
        Vec3::new(7.89, 2.2, -3.0),
        Vec3::NEG_X,
    );
    kit.sign(
        "Sign: pass-through (room side)",
        SignText { keys: &["sign-pass-through"], background: WHITE, ink: INK, stripe: Some(GRADE_B_BLUE) },
        1.1,
        0.36,
        Vec3::new(5.0, 1.95, 7.89),
        Vec3::NEG_Z,
    );
}

/// Step-over bench, hand-wash sink, sanitiser dispensers, mirror and gown shelves.
pub fn airlock_furniture(kit: &mut Kit) {
    let palette = kit.palette.clone();
    let bench_z = layout::BENCH_Z;
    // The bench spans the airlock; trainees swing their legs over it, so its collider is a
    // sensor: it does not stop the body, but a hand can touch it (it is not sterile).
    let bench = kit.trim(
        "Step-over bench",
        Vec3::new(3.9, 0.06, 0.4),
        Vec3::new(-1.0, layout::BENCH_HEIGHT - 0.03, bench_z),
        &palette.steel,
    );
    kit.world.entity_mut(bench).insert((
        Collider::cuboid(1.95, 0.03, 0.2),
        Sensor,
        Surface,
        LevelId::new("step_over_bench"),
        Usable { label_key: "item-bench" },
    ));
    kit.trim(
        "Step-over bench base",
        Vec3::new(3.9, layout::BENCH_HEIGHT - 0.06, 0.12),
        Vec3::new(-1.0, (layout::BENCH_HEIGHT - 0.06) / 2.0, bench_z),
        &palette.plastic_white,
    );
    // Hand-wash sink on the dirty side, west wall: elbow-free sensor tap.
    let sink = kit.block("Hand-wash sink", Vec3::new(0.45, 0.22, 0.6), Vec3::new(-2.67, 0.9, 7.3), &palette.steel);
    kit.world.entity_mut(sink).insert((
        Sanitiser { sink: true },
        LevelId::new("hand_wash_sink"),
        Usable { label_key: "item-sink" },
    ));
    kit.block("Sink pedestal", Vec3::new(0.3, 0.8, 0.4), Vec3::new(-2.75, 0.4, 7.3), &palette.plastic_white);
    kit.trim("Sink basin", Vec3::new(0.36, 0.02, 0.48), Vec3::new(-2.64, 1.015, 7.3), &palette.dark_steel);
    kit.cylinder("Sensor tap", 0.02, 0.25, Transform::from_xyz(-2.84, 1.13, 7.3), &palette.steel);
    kit.trim("Tap spout", Vec3::new(0.18, 0.03, 0.03), Vec3::new(-2.76, 1.24, 7.3), &palette.steel);
    kit.label("Label: hand wash", "HAND WASH", "손 씻기", 0.3, 0.12, Vec3::new(-2.89, 1.6, 7.3), Vec3::X);
    dispenser(kit, "Sanitiser dispenser: dirty side", Vec3::new(-2.93, 1.3, 6.75), Vec3::X);
    dispenser(kit, "Sanitiser dispenser: clean side", Vec3::new(0.93, 1.3, 4.6), Vec3::NEG_X);
    // Full-length mirror on the clean side, to check the gown before entering.
    kit.trim("Mirror frame", Vec3::new(0.02, 1.75, 0.7), Vec3::new(0.89, 1.15, 5.3), &palette.steel);
    let mirror = kit.block("Mirror", Vec3::new(0.01, 1.65, 0.6), Vec3::new(0.875, 1.15, 5.3), &palette.mirror);
    kit.world.entity_mut(mirror).insert((
        Inspectable,
        LevelId::new("gowning_mirror"),
        Usable { label_key: "item-mirror" },
    ));
    // Gown shelves on the clean side, west wall, each sterile garment in its own sealed pack.
    let shelf_x = -2.72;
    let frame =
        kit.block("Gown shelf frame", Vec3::new(0.5, 1.9, 0.04), Vec3::new(shelf_x, 0.95, 4.25), &palette.steel);
    // Where the packs lie, as a level names it (`"location": Choice("gown_shelf")`).
    kit.world.entity_mut(frame).insert(LevelId::new("gown_shelf"));
    kit.block("Gown shelf frame 2", Vec3::new(0.5, 1.9, 0.04), Vec3::new(shelf_x, 0.95, 5.65), &palette.steel);
    for (index, height) in [0.15f32, 0.5, 0.85, 1.2, 1.55, 1.9].into_iter().enumerate() {
        kit.block(
            &format!("Gown shelf {index}"),
            Vec3::new(0.5, 0.025, 1.4),
            Vec3::new(shelf_x, height - 0.02, 4.95),
            &palette.steel,
        );
    }
    for pack in GARMENT_PACKS {
        garment_pack(kit, pack, shelf_x);
    }
    // A bin for used garments, by the mirror on the clean side.
    let bin = kit.block("Garment bin", Vec3::new(0.35, 0.6, 0.35), Vec3::new(0.7, 0.3, 4.45), &palette.plastic_grey);
    kit.world.entity_mut(bin).insert((GarmentBin, Usable { label_key: "item-bin" }));
    kit.label("Label: garment bin", "USED GARMENTS", "사용한 복장", 0.3, 0.1, Vec3::new(0.7, 0.45, 4.624), Vec3::Z);
    // Differential-pressure gauges by each door: the airlock cascade C → B.
    for (name, position, facing) in [
        ("Pressure gauge: corridor side", Vec3::new(-2.0, 1.6, 8.11), Vec3::Z),
        ("Pressure gauge: airlock", Vec3::new(-2.2, 1.6, 7.89), Vec3::NEG_Z),
        ("Pressure gauge: processing side", Vec3::new(-2.0, 1.6, 3.89), Vec3::NEG_Z),
    ] {
        gauge(kit, name, position, facing);
    }
}

/// A sealed garment pack on the gown shelves: its level id, label, shelf height, place along
/// the shelf, and whether its packaging is damaged (a trap the checks must catch).
struct GarmentPack {
    id: &'static str,
    /// For gloves, which pair: 0 the first sterile pair, 1 an outer pair over it.
    glove_layer: Option<u8>,
    english: &'static str,
    korean: &'static str,
    label_key: &'static str,
    height: f32,
    z: f32,
    damaged: bool,
    /// The use-by date printed on the pack (the end of its hold time).
    use_by: &'static str,
}

/// The use-by date on the packs within their hold time, and on the one past it. Assumption: a
/// plausible hold time for sterilised garments; the expired date lies before any session.
const USE_BY_VALID: &str = "2031-12-31";
const USE_BY_EXPIRED: &str = "2024-05-31";

const GARMENT_PACKS: &[GarmentPack] = &[
    GarmentPack {
        id: "undergarment",
        glove_layer: None,
        english: "UNDERGARMENTS",
        korean: "내의",
        label_key: "item-undergarment",
        height: 1.9,
        z: 4.75,
        damaged: false,
        use_by: USE_BY_VALID,
    },
    GarmentPack {
        id: "hood",
        glove_layer: None,
        english: "STERILE HOOD",
        korean: "멸균 후드",
        label_key: "item-hood",
        height: 1.55,
        z: 4.55,
        damaged: false,
        use_by: USE_BY_VALID,
    },
    GarmentPack {
        id: "coverall",
        glove_layer: None,
        english: "STERILE COVERALL",
        korean: "멸균 커버올",
        label_key: "item-coverall",
        height: 1.55,
        z: 4.95,
        damaged: false,
        use_by: USE_BY_VALID,
    },
    GarmentPack {
        id: "coverall_damaged_pack",
        glove_layer: None,
        english: "STERILE COVERALL",
        korean: "멸균 커버올",
        label_key: "item-coverall",
        height: 1.55,
        z: 5.35,
        damaged: true,
        use_by: USE_BY_VALID,
    },
    GarmentPack {
        id: "mask",
        glove_layer: None,
        english: "STERILE MASK",
        korean: "멸균 마스크",
        label_key: "item-mask",
        height: 1.2,
        z: 4.6,
        damaged: false,
        use_by: USE_BY_VALID,
    },
    GarmentPack {
        id: "goggles",
        glove_layer: None,
        english: "STERILE GOGGLES",
        korean: "멸균 고글",
        label_key: "item-goggles",
        height: 1.2,
        z: 5.1,
        damaged: false,
        use_by: USE_BY_VALID,
    },
    // A mask past its hold time: intact, but it must not be worn.
    GarmentPack {
        id: "mask_expired_pack",
        glove_layer: None,
        english: "STERILE MASK",
        korean: "멸균 마스크",
        label_key: "item-mask",
        height: 1.2,
        z: 5.48,
        damaged: false,
        use_by: USE_BY_EXPIRED,
    },
    GarmentPack {
        id: "sterile_gloves",
        glove_layer: Some(0),
        english: "STERILE GLOVES",
        korean: "멸균 장갑",
        label_key: "item-sterile-gloves",
        height: 0.85,
        z: 4.55,
        damaged: false,
        use_by: USE_BY_VALID,
    },
    GarmentPack {
        id: "outer_gloves",
        glove_layer: Some(1),
        english: "STERILE GLOVES (OUTER)",
        korean: "멸균 겉장갑",
        label_key: "item-outer-gloves",
        height: 0.85,
        z: 4.95,
        damaged: false,
        use_by: USE_BY_VALID,
    },
    GarmentPack {
        id: "outer_gloves_spare",
        glove_layer: Some(1),
        english: "STERILE GLOVES (SPARE)",
        korean: "멸균 여분 장갑",
        label_key: "item-spare-gloves",
        height: 0.85,
        z: 5.35,
        damaged: false,
        use_by: USE_BY_VALID,
    },
    GarmentPack {
        id: "boots",
        glove_layer: None,
        english: "STERILE BOOTS",
        korean: "멸균 부츠",
        label_key: "item-boots",
        height: 0.5,
        z: 4.75,
        damaged: false,
        use_by: USE_BY_VALID,
    },
];

fn garment_pack(kit: &mut Kit, pack: &GarmentPack, shelf_x: f32) {
    let palette = kit.palette.clone();
    let centre = Vec3::new(shelf_x + 0.02, pack.height + 0.05, pack.z);
    let entity = kit.block(&format!("Pack: {}", pack.id), Vec3::new(0.3, 0.1, 0.3), centre, &palette.pack);
    kit.world.entity_mut(entity).insert((
        Garment { glove_layer: pack.glove_layer },
        LevelId::new(pack.id),
        Grabbable,
        // An item too, so a pack can be set aside in the rejected garments bin.
        Item,
        Shape(GARMENT_PACK),
        // Within arm's reach of the shelf, letting go puts the pack back on it.
        Home { transform: Transform::from_translation(centre), radius: 1.3 },
        Usable { label_key: pack.label_key },
    ));
    let label = kit.label(
        &format!("Label: {}", pack.id),
        pack.english,
        pack.korean,
        0.26,
        0.055,
        Vec3::new(0.151, 0.018, 0.0),
        Vec3::X,
    );
    kit.world.entity_mut(label).insert(ChildOf(entity));
    let date = kit.label(
        &format!("Use-by date: {}", pack.id),
        &format!("USE BY {}", pack.use_by),
        &format!("사용기한 {}", pack.use_by),
        0.26,
        0.03,
        Vec3::new(0.151, -0.03, 0.0),
        Vec3::X,
    );
    kit.world.entity_mut(date).insert(ChildOf(entity));
    if pack.damaged {
        // A torn corner: visible to whoever checks the pack before opening it.
        let tear =
            kit.trim("Torn packaging", Vec3::new(0.31, 0.04, 0.1), Vec3::new(0.0, 0.035, 0.1), &palette.plastic_dark);
        kit.world
            .entity_mut(tear)
            .insert((ChildOf(entity), Transform::from_xyz(0.0, 0.035, 0.1).with_rotation(Quat::from_rotation_x(0.3))));
    }
}

pub fn dispenser(kit: &mut Kit, name: &str, position: Vec3, facing: Vec3) {
    let palette = kit.palette.clone();
    let size = if facing.x.abs() > 0.5 { Vec3::new(0.1, 0.26, 0.12) } else { Vec3::new(0.12, 0.26, 0.1) };
    let entity = kit.block(name, size, position, &palette.plastic_white);
    kit.world.entity_mut(entity).insert((
        Sanitiser { sink: false },
        LevelId::new("hand_sanitiser"),
        Usable { label_key: "item-sanitiser" },
    ));
    kit.trim(
        &format!("{name} nozzle"),
        Vec3::splat(0.03),
        position + facing * 0.06 - Vec3::Y * 0.14,
        &palette.plastic_dark,
    );
    kit.label(
        &format!("{name} label"),
        "SANITISER 70% IPA",
        "손 소독제",
        0.11,
        0.07,
        position + facing * 0.061 + Vec3::Y * 0.05,
        facing,
    );
}

fn gauge(kit: &mut Kit, name: &str, position: Vec3, facing: Vec3) {
    let palette = kit.palette.clone();
    let rotation = Quat::from_rotation_arc(Vec3::Y, facing);
    kit.part(
        name,
        Cylinder::new(0.07, 0.03),
        Transform::from_translation(position).with_rotation(rotation),
        &palette.steel,
    );
    kit.part(
        &format!("{name} dial"),
        Cylinder::new(0.06, 0.005),
        Transform::from_translation(position + facing * 0.016).with_rotation(rotation),
        &palette.plastic_white,
    );
    kit.trim(
        &format!("{name} needle"),
        Vec3::new(0.008, 0.05, 0.004),
        position + facing * 0.02 + Vec3::new(0.01, 0.01, 0.0) * facing.z.signum(),
        &palette.marking_red,
    );
}

/// The pass-through hatch: a stainless box through the corridor wall with a glass door each side.
pub fn pass_through(kit: &mut Kit) {
    let palette = kit.palette.clone();
    let centre = layout::HATCH;
    let size = layout::HATCH_SIZE;
    let depth = 0.6;
    kit.block("Hatch floor", Vec3::new(size.x, 0.04, depth), centre - Vec3::Y * (size.y / 2.0 - 0.02), &palette.steel);
    kit.block("Hatch top", Vec3::new(size.x, 0.04, depth), centre + Vec3::Y * (size.y / 2.0 - 0.02), &palette.steel);
    kit.block(
        "Hatch side west",
        Vec3::new(0.04, size.y, depth),
        centre - Vec3::X * (size.x / 2.0 - 0.02),
        &palette.steel,
    );
    kit.block(
        "Hatch side east",
        Vec3::new(0.04, size.y, depth),
        centre + Vec3::X * (size.x / 2.0 - 0.02),
        &palette.steel,
    );
    kit.trim(
        "Hatch UV lamp",
        Vec3::new(0.5, 0.02, 0.03),
        centre + Vec3::new(0.0, size.y / 2.0 - 0.05, 0.0),
        &palette.light_panel,
    );
    // A steel frame round each face of the hatch.
    for (side, z) in [("corridor", 8.0 + depth / 2.0), ("room", 8.0 - depth / 2.0)] {
        for (edge, offset, extent) in [
            ("top", Vec3::Y * (size.y / 2.0 + 0.03), Vec3::new(size.x + 0.12, 0.06, 0.02)),
            ("bottom", -Vec3::Y * (size.y / 2.0 + 0.03), Vec3::new(size.x + 0.12, 0.06, 0.02)),
            ("west", -Vec3::X * (size.x / 2.0 + 0.03), Vec3::new(0.06, size.y, 0.02)),
            ("east", Vec3::X * (size.x / 2.0 + 0.03), Vec3::new(0.06, size.y, 0.02)),
        ] {
            kit.trim(
                &format!("Hatch frame {side} {edge}"),
                extent,
                Vec3::new(centre.x, centre.y, z) + offset,
                &palette.steel,
            );
        }
    }
}
