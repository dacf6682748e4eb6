//! The bioreactor in the world: incubator with the cartridge, the bag hanger, the set's lines
//! and clamps (the lines the station model declares), the IC inlet knob, the sample port and
//! the touchscreen.

use bevy::prelude::*;
use bevy_rapier3d::prelude::Collider;
use cleanroom_core::stations::bioreactor::controls::{LINES, SAMPLE_PORT};
use cleanroom_core::stations::bioreactor::touchscreen::IC_INLET_RATE;

use crate::actions::LevelId;
use crate::cleanroom::equipment::{BAG, Knob, cart, rotary_knob, socket, station_area, takes_item, touchscreen, tube};
use crate::cleanroom::kit::Kit;
use crate::interaction::items::{Clamp, SamplePort, TubeEnd};
use crate::interaction::semantic::Inspectable;
use crate::interaction::{Accepts, Usable};
use crate::stations::station::{StationDef, StationScreen};

/// A hollow-fibre bioreactor on its cart: incubator with the cartridge, bags on the hanger,
/// tubing into the unit, and its touchscreen.
pub fn build(kit: &mut Kit, station: &'static StationDef) {
    let palette = kit.palette.clone();
    let origin = station.position;
    station_area(kit, "Bioreactor", "sign-bioreactor", origin);
    cart(kit, "Bioreactor", origin, Vec2::new(0.95, 0.7));
    let body = origin + Vec3::Y * 0.62;
    let root = kit.block("Bioreactor cabinet", Vec3::new(0.85, 0.8, 0.62), body, &palette.plastic_white);
    kit.world.entity_mut(root).insert((Inspectable, LevelId::new(station.id), Usable { label_key: "item-bioreactor" }));
    kit.trim("Bioreactor base stripe", Vec3::new(0.86, 0.06, 0.63), body - Vec3::Y * 0.3, &palette.accent_blue);
    // Incubator chamber with a glass door showing the hollow-fibre cartridge and the loop.
    let chamber = origin + Vec3::new(-0.1, 1.2, 0.0);
    kit.block("Bioreactor incubator", Vec3::new(0.62, 0.36, 0.55), chamber, &palette.plastic_grey);
    kit.trim("Bioreactor incubator door", Vec3::new(0.5, 0.28, 0.01), chamber + Vec3::Z * 0.28, &palette.glass);
    kit.cylinder(
        "Hollow-fibre cartridge",
        0.035,
        0.26,
        Transform::from_translation(chamber + Vec3::new(-0.12, 0.0, 0.24)),
        &palette.tubing,
    );
    kit.cylinder(
        "Cartridge fibres",
        0.028,
        0.22,
        Transform::from_translation(chamber + Vec3::new(-0.12, 0.0, 0.24)),
        &palette.cells,
    );
    for (i, x) in [0.02f32, 0.1, 0.18].into_iter().enumerate() {
        kit.part(
            &format!("Bioreactor pump {i}"),
            Cylinder::new(0.035, 0.02),
            Transform::from_translation(chamber + Vec3::new(x, -0.05, 0.285))
                .with_rotation(Quat::from_rotation_x(std::f32::consts::FRAC_PI_2)),
            &palette.plastic_dark,
        );
    }
    // Bag hanger pole with four bags.
    let pole_base = origin + Vec3::new(0.35, 1.0, -0.2);
    kit.cylinder(
        "Bioreactor bag pole",
        0.015,
        1.0,
        Transform::from_translation(pole_base + Vec3::Y * 0.5),
        &palette.steel,
    );
    kit.trim("Bioreactor bag bar", Vec3::new(0.9, 0.02, 0.02), pole_base + Vec3::new(-0.35, 1.0, 0.0), &palette.steel);
    // Four hooks on the bar take the bags the procedure hangs.
    for (index, x) in [-0.7f32, -0.52, -0.34, -0.16, 0.02].into_iter().enumerate() {
        let hook = pole_base + Vec3::new(x, 0.97, 0.0);
        kit.trim(&format!("Bag hook {index}"), Vec3::new(0.02, 0.05, 0.02), hook, &palette.steel);
        socket(
            kit,
            &format!("Bag hook socket {index}"),
            "bioreactor_bag_hanger",
            vec![Accepts::Shape(BAG)],
            hook - Vec3::Y * 0.2,
            Vec3::new(0.18, 0.32, 0.05),
            // A bag hangs upright from the hook, its label to the front.
            Transform::default(),
        );
    }
    // The set mounts on the front of the incubator.
    socket(
        kit,
        "Set mount",
        station.id,
        takes_item("bioreactor_set"),
        chamber + Vec3::new(0.0, 0.0, 0.33),
        Vec3::new(0.34, 0.2, 0.08),
        Transform::default(),
    );
    // The set's lines hang from the left of the incubator, each with its clamp, ready to be
    // welded to their bags: the lines the station model declares.
    for (index, line) in LINES.iter().enumerate() {
        let end = chamber + Vec3::new(-0.42, -0.04 - index as f32 * 0.08, 0.22);
        let entity = kit.block(&format!("Tube end: {}", line.id), Vec3::new(0.03, 0.07, 0.03), end, &palette.tubing);
        kit.world.entity_mut(entity).insert((
            TubeEnd::default(),
            LevelId::new(line.id),
            Usable { label_key: "item-tube-end" },
        ));
        tube(
            kit,
            &format!("Set line: {}", line.id),
            end + Vec3::Y * 0.035,
            chamber + Vec3::new(-0.31, 0.05 - index as f32 * 0.04, 0.18),
        );
        let clamp = kit.block(
            &format!("Clamp: {}", line.clamp),
            Vec3::new(0.05, 0.025, 0.04),
            end + Vec3::new(-0.05, 0.0, 0.0),
            &palette.marking_red,
        );
        kit.world.entity_mut(clamp).insert((
            Clamp::default(),
            LevelId::new(line.clamp),
            Usable { label_key: "item-clamp" },
        ));
    }
    // The set's IC inlet line runs inside the incubator to the pump: checked by looking, never
    // welded, so it is an inspectable length of tubing rather than a free line end.
    let inlet = kit.part(
        "IC inlet line",
        Cylinder::new(0.008, 0.2),
        Transform::from_translation(body + Vec3::new(0.0, 0.33, 0.325))
            .with_rotation(Quat::from_rotation_z(std::f32::consts::FRAC_PI_2)),
        &palette.tubing,
    );
    kit.world.entity_mut(inlet).insert((
        Collider::cylinder(0.1, 0.015),
        Inspectable,
        LevelId::new("set_ic_inlet_line"),
        Usable { label_key: "item-inlet-line" },
    ));
    // Status label on the cabinet: cleaned and released for use.
    let status = kit.label(
        "Bioreactor status label",
        "CLEANED · READY FOR USE",
        "청소 완료 · 사용 가능",
        0.22,
        0.07,
        body + Vec3::new(-0.22, 0.25, 0.311),
        Vec3::Z,
    );
    kit.world.entity_mut(status).insert((
        Collider::cuboid(0.11, 0.035, 0.003),
        Inspectable,
        LevelId::new("bioreactor_status_label"),
        Usable { label_key: "item-status-label" },
    ));
    // The IC inlet rate dial beside the screen (0.1 mL/min per detent), and the sample port.
    let dial_pose = Transform::from_translation(origin + Vec3::new(0.32, 1.22, 0.32))
        .with_rotation(Quat::from_rotation_x(std::f32::consts::FRAC_PI_2));
    rotary_knob(
        kit,
        Knob {
            name: "IC inlet rate dial",
            id: IC_INLET_RATE,
            pose: dial_pose,
            radius: 0.035,
            min: 0.1,
            max: 5.0,
            step: 0.1,
            units: "mL/min",
            label_key: "item-rate-dial",
        },
    );
    kit.label(
        "Label: IC inlet dial",
        "IC INLET mL/min",
        "IC 유입 mL/min",
        0.12,
        0.035,
        origin + Vec3::new(0.32, 1.29, 0.312),
        Vec3::Z,
    );
    let port =
        kit.block("Sample port", Vec3::new(0.04, 0.04, 0.04), body + Vec3::new(0.22, 0.25, 0.32), &palette.accent_blue);
    kit.world.entity_mut(port).insert((
        SamplePort,
        LevelId::new(SAMPLE_PORT),
        Usable { label_key: "item-sample-port" },
    ));
    super::bench::build(kit);
    let (title, detail) = station.idle_screen;
    let panel =
        touchscreen(kit, station.id, origin + Vec3::new(0.32, 1.54, 0.22), Vec2::new(0.48, 0.35), title, detail);
    kit.world.entity_mut(panel).insert(StationScreen { station });
}
