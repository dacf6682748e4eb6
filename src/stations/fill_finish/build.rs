//! The fill-and-finish unit in the world: a steel bench with the unit, its cooling plate, the
//! fill-volume slider, bag hangers and its screen.

use bevy::prelude::*;
use bevy_rapier3d::prelude::Collider;

use crate::actions::LevelId;
use crate::cleanroom::equipment::{hanging_bag, socket, station_area, takes_item, touchscreen};
use crate::cleanroom::kit::Kit;
use crate::interaction::{Dial, DialMotion, Usable};
use crate::stations::station::{StationDef, StationScreen};

/// A fill-and-finish unit on a steel bench: cooling plate, bag hangers and screen.
pub fn build(kit: &mut Kit, station: &'static StationDef) {
    let palette = kit.palette.clone();
    let origin = station.position;
    station_area(kit, "Fill-finish", "sign-fill-finish", origin);
    let table_top = 0.9;
    kit.block(
        "Fill-finish bench top",
        Vec3::new(1.4, 0.04, 0.75),
        origin + Vec3::Y * (table_top - 0.02),
        &palette.steel,
    );
    for (i, (dx, dz)) in [(-0.65f32, -0.32f32), (0.65, -0.32), (-0.65, 0.32), (0.65, 0.32)].into_iter().enumerate() {
        kit.block(
            &format!("Fill-finish bench leg {i}"),
            Vec3::new(0.04, table_top - 0.04, 0.04),
            origin + Vec3::new(dx, (table_top - 0.04) / 2.0, dz),
            &palette.steel,
        );
    }
    kit.trim("Fill-finish bench shelf", Vec3::new(1.35, 0.02, 0.7), origin + Vec3::Y * 0.2, &palette.steel);
    let unit = origin + Vec3::new(-0.1, table_top + 0.18, -0.05);
    let root = kit.block("Fill-finish unit", Vec3::new(0.7, 0.36, 0.5), unit, &palette.plastic_white);
    kit.world.entity_mut(root).insert(LevelId::new(station.id));
    kit.trim("Fill-finish unit stripe", Vec3::new(0.71, 0.04, 0.51), unit - Vec3::Y * 0.14, &palette.accent_blue);
    // Cooling plate on the top: chilled addition of cryoprotectant happens on it.
    kit.trim("Cooling plate", Vec3::new(0.4, 0.02, 0.3), unit + Vec3::new(-0.05, 0.19, 0.02), &palette.cooling_plate);
    // The fill-volume slider on the front: 10 to 100 mL per bag, in 1 mL notches (a game
    // range for the trainee to set, not a vendor's).
    let track = unit + Vec3::new(-0.15, 0.06, 0.252);
    kit.trim("Fill volume slider track", Vec3::new(0.3, 0.012, 0.006), track, &palette.plastic_dark);
    let thumb_rest = Transform::from_translation(track + Vec3::new(-0.15, 0.0, 0.008));
    let thumb = kit.part("Fill volume slider", Cuboid::new(0.02, 0.04, 0.015), thumb_rest, &palette.accent_blue);
    kit.world.entity_mut(thumb).insert((
        LevelId::new("fill_finish_fill_volume"),
        Dial {
            value: 10.0,
            min: 10.0,
            max: 100.0,
            rate: 1.0 / (std::f32::consts::PI / 12.0),
            units: "mL",
            step: 1.0,
            motion: DialMotion::Linear { travel: Vec3::X * 0.3 },
            rest: thumb_rest,
        },
        Collider::cuboid(0.02, 0.025, 0.012),
        Usable { label_key: "item-volume-slider" },
    ));
    kit.label(
        "Label: fill volume",
        "FILL VOLUME 10–100 mL",
        "충전량 10–100 mL",
        0.16,
        0.04,
        track + Vec3::new(0.0, 0.045, 0.001),
        Vec3::Z,
    );
    kit.label(
        "Label: cooling plate",
        "COOLING PLATE 2–8 °C",
        "냉각 플레이트 2–8 °C",
        0.2,
        0.05,
        unit + Vec3::new(-0.05, 0.1, 0.251),
        Vec3::Z,
    );
    // Bag hangers behind: cell bag, cryoprotectant and the final product bags.
    let frame = origin + Vec3::new(-0.1, table_top, -0.3);
    for (i, dx) in [-0.35f32, 0.35].into_iter().enumerate() {
        kit.cylinder(
            &format!("Hanger upright {i}"),
            0.012,
            0.8,
            Transform::from_translation(frame + Vec3::new(dx, 0.4 + 0.3, 0.0)),
            &palette.steel,
        );
    }
    kit.trim("Hanger bar", Vec3::new(0.74, 0.02, 0.02), frame + Vec3::Y * 1.1, &palette.steel);
    hanging_bag(
        kit,
        "washed_cell_bag",
        "CELLS",
        "세포",
        frame + Vec3::new(-0.25, 1.08, 0.02),
        Vec2::new(0.12, 0.18),
        &palette.cells,
    );
    hanging_bag(
        kit,
        "cryoprotectant_bag",
        "DMSO",
        "DMSO 동결보호제",
        frame + Vec3::new(-0.08, 1.08, 0.02),
        Vec2::new(0.1, 0.15),
        &palette.saline,
    );
    for (i, dx) in [0.08f32, 0.18, 0.28].into_iter().enumerate() {
        let (english, korean) = ("FINAL", "최종");
        hanging_bag(
            kit,
            &format!("final_bag_{}", i + 1),
            english,
            korean,
            frame + Vec3::new(dx, 1.08, 0.02),
            Vec2::new(0.08, 0.12),
            &palette.tubing,
        );
    }
    // Where a fresh product from the apheresis machine is handed on, on the bench's right.
    let tray = origin + Vec3::new(0.52, table_top + 0.01, 0.22);
    kit.trim("Product hand-off tray", Vec3::new(0.24, 0.02, 0.2), tray, &palette.accent_blue);
    kit.label(
        "Label: product hand-off",
        "INCOMING PRODUCT",
        "입고 산물",
        0.2,
        0.04,
        tray + Vec3::new(0.0, 0.012, 0.101),
        Vec3::Z,
    );
    socket(
        kit,
        "Product hand-off socket",
        station.id,
        takes_item(cleanroom_core::stations::apheresis::ids::PRODUCT_BAG),
        tray + Vec3::Y * 0.1,
        Vec3::new(0.24, 0.18, 0.2),
        Transform::default(),
    );
    let (title, detail) = station.idle_screen;
    let screen_centre = origin + Vec3::new(0.45, table_top + 0.32, 0.05);
    let panel = touchscreen(kit, station.id, screen_centre, Vec2::new(0.3, 0.22), title, detail);
    kit.world.entity_mut(panel).insert(StationScreen { station });
}
