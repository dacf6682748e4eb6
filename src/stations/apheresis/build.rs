//! The apheresis machine in the world: cabinet with pump front, centrifuge compartment under a
//! lid, a screen on a mast and an IV pole with the anticoagulant, saline and collection bags.

use bevy::prelude::*;

use crate::actions::LevelId;
use crate::cleanroom::equipment::{cart, hanging_bag, station_area, touchscreen, tube};
use crate::cleanroom::kit::Kit;
use crate::stations::station::{StationDef, StationScreen};

/// An apheresis machine: cabinet with pump front, centrifuge compartment under a lid, a screen
/// on a mast and an IV pole with the anticoagulant, saline and collection bags.
pub fn build(kit: &mut Kit, station: &'static StationDef) {
    let palette = kit.palette.clone();
    let origin = station.position;
    station_area(kit, "Apheresis", "sign-apheresis", origin);
    cart(kit, "Apheresis", origin, Vec2::new(0.7, 0.7));
    let body = origin + Vec3::Y * 0.6;
    let root = kit.block("Apheresis cabinet", Vec3::new(0.6, 0.75, 0.62), body, &palette.plastic_white);
    kit.world.entity_mut(root).insert(LevelId::new(station.id));
    // Pump and valve front panel, sloped.
    let panel = origin + Vec3::new(0.0, 1.05, 0.22);
    kit.part(
        "Apheresis pump panel",
        Cuboid::new(0.58, 0.28, 0.22),
        Transform::from_translation(panel).with_rotation(Quat::from_rotation_x(-0.5)),
        &palette.plastic_grey,
    );
    for (i, x) in [-0.2f32, -0.1, 0.0, 0.1, 0.2].into_iter().enumerate() {
        kit.part(
            &format!("Apheresis pump {i}"),
            Cylinder::new(0.04, 0.03),
            Transform::from_translation(panel + Vec3::new(x, 0.06, 0.11))
                .with_rotation(Quat::from_rotation_x(std::f32::consts::FRAC_PI_2 - 0.5)),
            &palette.plastic_dark,
        );
    }
    // Centrifuge compartment under a hinged lid on the top.
    let centrifuge = origin + Vec3::new(0.0, 1.1, -0.12);
    kit.block("Apheresis centrifuge housing", Vec3::new(0.58, 0.2, 0.36), centrifuge, &palette.plastic_white);
    kit.trim("Apheresis centrifuge door", Vec3::new(0.5, 0.03, 0.3), centrifuge + Vec3::Y * 0.11, &palette.accent_blue);
    kit.trim(
        "Centrifuge door handle",
        Vec3::new(0.2, 0.03, 0.03),
        centrifuge + Vec3::new(0.0, 0.13, 0.14),
        &palette.dark_steel,
    );
    kit.label(
        "Label: centrifuge",
        "CENTRIFUGE",
        "원심분리기",
        0.22,
        0.07,
        centrifuge + Vec3::new(0.0, 0.0, 0.181),
        Vec3::Z,
    );
    // Screen on a mast.
    kit.cylinder(
        "Apheresis screen mast",
        0.02,
        0.45,
        Transform::from_translation(origin + Vec3::new(-0.2, 1.4, -0.2)),
        &palette.steel,
    );
    let (title, detail) = station.idle_screen;
    let screen =
        touchscreen(kit, station.id, origin + Vec3::new(-0.2, 1.7, -0.14), Vec2::new(0.38, 0.28), title, detail);
    kit.world.entity_mut(screen).insert(StationScreen { station });
    // IV pole with bags.
    let pole = origin + Vec3::new(0.55, 0.0, -0.1);
    kit.cylinder("Apheresis IV pole", 0.015, 2.0, Transform::from_translation(pole + Vec3::Y * 1.0), &palette.steel);
    for (i, angle) in (0..4).map(|quarter| quarter as f32 * std::f32::consts::FRAC_PI_2).enumerate() {
        kit.trim(
            &format!("IV pole foot {i}"),
            Vec3::new(0.3, 0.03, 0.04),
            pole + Vec3::new(angle.cos() * 0.15, 0.03, angle.sin() * 0.15),
            &palette.dark_steel,
        );
    }
    kit.trim("IV pole hooks", Vec3::new(0.35, 0.015, 0.015), pole + Vec3::Y * 1.95, &palette.steel);
    hanging_bag(
        kit,
        "acd_a_bag",
        "ACD-A",
        "ACD-A 항응고제",
        pole + Vec3::new(-0.12, 1.93, 0.0),
        Vec2::new(0.13, 0.22),
        &palette.saline,
    );
    hanging_bag(
        kit,
        "saline_bag",
        "SALINE 0.9%",
        "생리식염수",
        pole + Vec3::new(0.12, 1.93, 0.0),
        Vec2::new(0.15, 0.25),
        &palette.saline,
    );
    hanging_bag(
        kit,
        "collection_bag",
        "MNC PRODUCT",
        "단핵세포 산물",
        origin + Vec3::new(-0.38, 1.25, 0.1),
        Vec2::new(0.12, 0.16),
        &palette.cells,
    );
    tube(kit, "Tubing: ACD-A", pole + Vec3::new(-0.12, 1.66, 0.0), panel + Vec3::new(0.2, 0.08, 0.1));
    tube(kit, "Tubing: saline", pole + Vec3::new(0.12, 1.63, 0.0), panel + Vec3::new(0.1, 0.08, 0.1));
}
