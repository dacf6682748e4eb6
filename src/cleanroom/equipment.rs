//! The equipment: a Grade A biosafety cabinet and the three stations, modelled on the kinds of
//! machine a cell-therapy facility uses (a hollow-fibre bioreactor, an apheresis machine and a
//! fill-and-finish unit). Shapes are generic; nothing here reproduces a vendor's design.

use bevy::prelude::*;

use super::kit::{Kit, SignText};
use super::layout;
use super::signs::{SignLine, SignSpec};
use crate::i18n::{Language, Translations};
use crate::interaction::items::{
    Analyser, Clamp, Discards, HeatSealer, Item, Refill, SamplePort, Socket, SocketMarker, TubeEnd,
};
use crate::interaction::semantic::Inspectable;
use crate::interaction::{Dial, DialMotion};
use crate::interaction::{Grabbable, Usable};
use crate::stations::ScreenButtons;
use bevy_rapier3d::prelude::Collider;
use bevy_rapier3d::prelude::RigidBody;

/// Every station exposes a touchscreen; the stations module will draw live UI onto it.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Station {
    Bioreactor,
    Apheresis,
    FillFinish,
}

impl Station {
    pub const ALL: [Station; 3] = [Station::Bioreactor, Station::Apheresis, Station::FillFinish];

    /// The level-file id of the station.
    pub fn id(self) -> &'static str {
        match self {
            Station::Bioreactor => "bioreactor",
            Station::Apheresis => "apheresis",
            Station::FillFinish => "fill_finish",
        }
    }

    /// Where the station stands (centre of its footprint on the floor).
    pub fn position(self) -> Vec3 {
        match self {
            Station::Bioreactor => layout::BIOREACTOR,
            Station::Apheresis => layout::APHERESIS,
            Station::FillFinish => layout::FILL_FINISH,
        }
    }
}

/// Marks a station's touchscreen surface.
#[derive(Component, Debug, Clone, Copy)]
pub struct Touchscreen(pub Station);

/// A hanging bag that a level refers to by id.
#[derive(Component, Debug, Clone)]
pub struct Bag {
    pub id: String,
}

pub fn biosafety_cabinet(kit: &mut Kit) {
    let palette = kit.palette.clone();
    let base = layout::BIOSAFETY_CABINET;
    let depth = 0.8;
    let width = 1.8;
    let x = base.x + 0.1;
    kit.block("Cabinet stand", Vec3::new(depth, 0.75, width), Vec3::new(x, 0.375, base.z), &palette.steel);
    kit.block("Cabinet work surface", Vec3::new(depth, 0.06, width), Vec3::new(x, 0.93, base.z), &palette.steel);
    kit.block(
        "Cabinet back",
        Vec3::new(0.05, 1.35, width),
        Vec3::new(x - depth / 2.0 + 0.025, 1.6, base.z),
        &palette.steel,
    );
    for (name, offset) in [("Cabinet side north", -width / 2.0), ("Cabinet side south", width / 2.0)] {
        kit.block(name, Vec3::new(depth, 1.35, 0.06), Vec3::new(x, 1.6, base.z + offset), &palette.plastic_white);
    }
    kit.block(
        "Cabinet blower housing",
        Vec3::new(depth + 0.05, 0.5, width + 0.04),
        Vec3::new(x, 2.5, base.z),
        &palette.plastic_white,
    );
    kit.trim(
        "Cabinet interior light",
        Vec3::new(0.5, 0.02, width - 0.2),
        Vec3::new(x, 2.24, base.z),
        &palette.light_panel,
    );
    // Sloped front sash: glass from the work opening (20 cm high) up to the housing.
    let sash_bottom = 1.18;
    let sash_top = 2.25;
    let sash = kit.part(
        "Cabinet sash",
        Cuboid::new(0.02, sash_top - sash_bottom, width - 0.1),
        Transform::from_xyz(x + depth / 2.0 - 0.05, (sash_top + sash_bottom) / 2.0, base.z)
            .with_rotation(Quat::from_rotation_z(0.12)),
        &palette.glass,
    );
    let _ = sash;
    kit.trim(
        "Cabinet front grille",
        Vec3::new(0.12, 0.02, width - 0.1),
        Vec3::new(x + depth / 2.0 - 0.06, 0.965, base.z),
        &palette.dark_steel,
    );
    kit.sign(
        "Sign: grade A",
        SignText {
            keys: &["sign-grade-a"],
            background: super::rooms::GRADE_A_RED,
            ink: [255, 255, 255, 255],
            stripe: None,
        },
        0.7,
        0.28,
        Vec3::new(x + depth / 2.0 + 0.031, 2.5, base.z),
        Vec3::X,
    );
    // Items on the work surface: a rack of tubes and a wipe box.
    kit.trim("Tube rack", Vec3::new(0.12, 0.06, 0.25), Vec3::new(x, 0.99, base.z - 0.3), &palette.accent_blue);
    kit.trim("Wipes", Vec3::new(0.15, 0.08, 0.2), Vec3::new(x, 1.0, base.z + 0.35), &palette.plastic_white);
}

/// A hollow-fibre bioreactor on its cart: incubator with the cartridge, bags on the hanger,
/// tubing into the unit, and its touchscreen.
pub fn bioreactor(kit: &mut Kit) {
    let palette = kit.palette.clone();
    let origin = layout::BIOREACTOR;
    cart(kit, "Bioreactor", origin, Vec2::new(0.95, 0.7));
    let body = origin + Vec3::Y * 0.62;
    let root = kit.block("Bioreactor cabinet", Vec3::new(0.85, 0.8, 0.62), body, &palette.plastic_white);
    kit.world.entity_mut(root).insert((
        Station::Bioreactor,
        Inspectable { id: "bioreactor".into() },
        Usable { label_key: "item-bioreactor" },
    ));
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
            &["*_bag"],
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
        "bioreactor",
        &["bioreactor_set"],
        chamber + Vec3::new(0.0, 0.0, 0.33),
        Vec3::new(0.34, 0.2, 0.08),
        Transform::default(),
    );
    // The set's three lines hang from the left of the incubator, each with its clamp, ready to
    // be welded to their bags.
    for (index, line) in [
        "set_media_line",
        "set_reagent_line",
        "set_waste_line",
        "set_cell_line",
        "set_harvest_line",
        "set_ic_inlet_line",
    ]
    .into_iter()
    .enumerate()
    {
        let end = chamber + Vec3::new(-0.42, -0.04 - index as f32 * 0.08, 0.22);
        let entity = kit.block(&format!("Tube end: {line}"), Vec3::new(0.03, 0.07, 0.03), end, &palette.tubing);
        kit.world.entity_mut(entity).insert((TubeEnd::new(line), Usable { label_key: "item-tube-end" }));
        tube(
            kit,
            &format!("Set line: {line}"),
            end + Vec3::Y * 0.035,
            chamber + Vec3::new(-0.31, 0.05 - index as f32 * 0.04, 0.18),
        );
        let clamp_id = line.replace("set_", "").replace("_line", "_line_clamp");
        let clamp = kit.block(
            &format!("Clamp: {clamp_id}"),
            Vec3::new(0.05, 0.025, 0.04),
            end + Vec3::new(-0.05, 0.0, 0.0),
            &palette.marking_red,
        );
        kit.world.entity_mut(clamp).insert((Clamp { id: clamp_id, open: false }, Usable { label_key: "item-clamp" }));
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
        bevy_rapier3d::prelude::Collider::cylinder(0.1, 0.015),
        Inspectable { id: "set_ic_inlet_line".into() },
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
        bevy_rapier3d::prelude::Collider::cuboid(0.11, 0.035, 0.003),
        Inspectable { id: "bioreactor_status_label".into() },
        Usable { label_key: "item-status-label" },
    ));
    // The IC inlet rate dial beside the screen (0.1 mL/min per detent), and the sample port.
    let dial_pose = Transform::from_translation(origin + Vec3::new(0.32, 1.22, 0.32))
        .with_rotation(Quat::from_rotation_x(std::f32::consts::FRAC_PI_2));
    let dial = kit.part("IC inlet rate dial", Cylinder::new(0.035, 0.03), dial_pose, &palette.plastic_dark);
    let pointer =
        kit.trim("IC inlet rate dial pointer", Vec3::new(0.006, 0.032, 0.03), Vec3::ZERO, &palette.plastic_white);
    kit.world.entity_mut(pointer).insert((ChildOf(dial), Transform::from_xyz(0.0, 0.016, -0.018)));
    kit.world.entity_mut(dial).insert((
        Dial {
            id: "bioreactor_screen_ic_inlet_rate".into(),
            value: 0.1,
            min: 0.1,
            max: 5.0,
            rate: 0.1 / (std::f32::consts::PI / 12.0),
            units: "mL/min",
            step: 0.1,
            // Three quarters of a turn covers the range, as on a typical rate knob.
            motion: DialMotion::Rotary { sweep: 1.5 * std::f32::consts::PI },
            rest: dial_pose,
        },
        bevy_rapier3d::prelude::Collider::cylinder(0.015, 0.035),
        Usable { label_key: "item-rate-dial" },
    ));
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
    kit.world
        .entity_mut(port)
        .insert((SamplePort { id: "bioreactor_sample_port".into() }, Usable { label_key: "item-sample-port" }));
    bioreactor_bench(kit);
    screen(kit, Station::Bioreactor, origin + Vec3::new(0.32, 1.52, 0.22), 0.36, 0.26);
}

/// The work bench beside the bioreactor with what the set-up procedure needs: the single-use
/// set, the media, reagent and waste bags, the previous batch's record (line clearance), the
/// document return tray, a tube welder and the electronic batch record terminal.
fn bioreactor_bench(kit: &mut Kit) {
    let palette = kit.palette.clone();
    let top = 0.9;
    let centre = Vec3::new(-6.55, 0.0, -7.35);
    let bench = kit.block("Work bench", Vec3::new(1.6, 0.04, 0.7), centre + Vec3::Y * (top - 0.02), &palette.steel);
    kit.world
        .entity_mut(bench)
        .insert((Inspectable { id: "work_bench".into() }, Usable { label_key: "item-work-bench" }));
    for (index, (dx, dz)) in [(-0.75f32, -0.3f32), (0.75, -0.3), (-0.75, 0.3), (0.75, 0.3)].into_iter().enumerate() {
        kit.block(
            &format!("Work bench leg {index}"),
            Vec3::new(0.04, top - 0.04, 0.04),
            centre + Vec3::new(dx, (top - 0.04) / 2.0, dz),
            &palette.steel,
        );
    }
    let set = kit.block(
        "Single-use set",
        Vec3::new(0.3, 0.1, 0.22),
        centre + Vec3::new(-0.55, top + 0.05, 0.05),
        &palette.plastic_white,
    );
    kit.world.entity_mut(set).insert(item("bioreactor_set", "item-set"));
    let stripe =
        kit.trim("Single-use set stripe", Vec3::new(0.31, 0.02, 0.23), Vec3::new(0.0, 0.03, 0.0), &palette.accent_blue);
    kit.world.entity_mut(stripe).insert(ChildOf(set));
    // The bags on the bench: front row for set-up, back row for later and the decoys the label
    // checks must catch (another batch's media, another donor's cells). Offsets are from the
    // bench centre along x and z.
    let bags: [(&str, &str, &str, Vec2, Vec2, &Handle<StandardMaterial>); 8] = [
        ("media_bag", "MEDIA", "배지", Vec2::new(-0.2, 0.05), Vec2::new(0.2, 0.3), &palette.media),
        ("reagent_bag", "REAGENT", "시약", Vec2::new(0.05, 0.05), Vec2::new(0.14, 0.2), &palette.reagent),
        ("waste_bag", "WASTE", "폐기", Vec2::new(0.27, 0.05), Vec2::new(0.2, 0.3), &palette.waste),
        (
            "media_bag_other_batch",
            "MEDIA · BATCH 24-117",
            "배지 · 배치 24-117",
            Vec2::new(-0.2, -0.22),
            Vec2::new(0.2, 0.3),
            &palette.media,
        ),
        (
            "cell_bag",
            "CELLS · BATCH 25-031",
            "세포 · 배치 25-031",
            Vec2::new(0.05, -0.22),
            Vec2::new(0.12, 0.16),
            &palette.cells,
        ),
        (
            "cell_bag_other_batch",
            "CELLS · BATCH 24-117",
            "세포 · 배치 24-117",
            Vec2::new(0.22, -0.22),
            Vec2::new(0.12, 0.16),
            &palette.cells,
        ),
        // The enzyme (trypsin-type) bag and the harvest bag, for the end of the run.
        ("enzyme_bag", "ENZYME", "효소", Vec2::new(0.4, -0.22), Vec2::new(0.12, 0.16), &palette.reagent),
        ("harvest_bag", "HARVEST", "수확", Vec2::new(0.58, -0.22), Vec2::new(0.14, 0.2), &palette.tubing),
    ];
    for (id, english, korean, offset, size, material) in bags {
        loose_bag(kit, id, english, korean, centre + Vec3::new(offset.x, top + 0.02, offset.y), size, material);
    }
    let harvest_slot = Vec3::new(0.0, 0.0, 0.03);
    let harvest = find_named(kit, "Bag: harvest_bag");
    if let Some(harvest) = harvest {
        kit.world.entity_mut(harvest).insert((Socket {
            id: "harvest_bag".into(),
            accepts: vec!["harvest_bag_label".into()],
            seat: Transform::from_translation(harvest_slot),
            holding: None,
        },));
    }
    let label = kit.block(
        "Harvest bag label",
        Vec3::new(0.08, 0.005, 0.05),
        centre + Vec3::new(0.72, top + 0.003, 0.25),
        &palette.pack,
    );
    kit.world.entity_mut(label).insert(item("harvest_bag_label", "item-label"));
    // Sampling: a rack with a sample tube, a sheet of labels, and the metabolite analyser.
    let tube_home = Transform::from_translation(centre + Vec3::new(0.35, top + 0.05, 0.22));
    let tube = kit.part("Sample tube", Cylinder::new(0.012, 0.09), tube_home, &palette.tubing);
    kit.world.entity_mut(tube).insert((
        item("sample_tube", "item-sample-tube"),
        Socket {
            id: "sample_tube".into(),
            accepts: vec!["sample_label".into()],
            seat: Transform::default(),
            holding: None,
        },
        Refill { home: tube_home },
        RigidBody::Fixed,
        bevy_rapier3d::prelude::Collider::cylinder(0.045, 0.02),
    ));
    kit.block(
        "Sample tube rack",
        Vec3::new(0.1, 0.02, 0.06),
        centre + Vec3::new(0.35, top + 0.01, 0.22),
        &palette.accent_blue,
    );
    let label_home = Transform::from_translation(centre + Vec3::new(0.2, top + 0.003, 0.25));
    let sample_label = kit.part("Sample label", Cuboid::new(0.05, 0.005, 0.03), label_home, &palette.pack);
    kit.world.entity_mut(sample_label).insert((
        item("sample_label", "item-label"),
        Refill { home: label_home },
        RigidBody::Fixed,
        bevy_rapier3d::prelude::Collider::cuboid(0.025, 0.005, 0.015),
    ));
    let analyser_centre = centre + Vec3::new(0.05, top + 0.08, 0.2);
    kit.block(
        "Metabolite analyser body",
        Vec3::new(0.2, 0.16, 0.16),
        analyser_centre - Vec3::X * 0.05,
        &palette.plastic_grey,
    );
    kit.label(
        "Label: metabolite analyser",
        "GLUCOSE · LACTATE",
        "포도당 · 젖산",
        0.16,
        0.05,
        analyser_centre + Vec3::new(-0.05, 0.03, 0.081),
        Vec3::Z,
    );
    let analyser = socket(
        kit,
        "Metabolite analyser",
        "metabolite_analyser",
        &["sample_tube"],
        analyser_centre + Vec3::new(0.1, 0.0, 0.0),
        Vec3::new(0.06, 0.16, 0.1),
        Transform::default(),
    );
    kit.world.entity_mut(analyser).insert(Analyser);
    // A place on the bench for the harvest bag once it is separated.
    socket(
        kit,
        "Work bench socket",
        "work_bench",
        &["harvest_bag"],
        centre + Vec3::new(-0.3, top + 0.12, 0.25),
        Vec3::new(0.3, 0.22, 0.15),
        Transform::default(),
    );
    let record = kit.block(
        "Previous batch record",
        Vec3::new(0.22, 0.015, 0.3),
        centre + Vec3::new(0.6, top + 0.01, 0.1),
        &palette.pack,
    );
    kit.world.entity_mut(record).insert(item("previous_batch_record", "item-record"));
    let record_label = kit.label(
        "Label: previous batch record",
        "BATCH 24-117",
        "배치 24-117",
        0.18,
        0.08,
        Vec3::new(0.0, 0.009, 0.0),
        Vec3::Y,
    );
    kit.world
        .entity_mut(record_label)
        .insert((ChildOf(record), Transform::from_xyz(0.0, 0.009, 0.0).looking_to(Vec3::NEG_Y, Vec3::NEG_Z)));
    // A wall tray where documents leave the room.
    let tray_centre = Vec3::new(-5.45, 1.15, -7.8);
    kit.block("Document return tray", Vec3::new(0.34, 0.03, 0.2), tray_centre, &palette.steel);
    kit.label(
        "Label: document return tray",
        "DOCUMENT RETURN",
        "문서 반출",
        0.3,
        0.08,
        tray_centre + Vec3::new(0.0, 0.15, -0.09),
        Vec3::Z,
    );
    socket(
        kit,
        "Document return tray socket",
        "document_return_tray",
        &["previous_batch_record"],
        tray_centre + Vec3::Y * 0.08,
        Vec3::new(0.34, 0.14, 0.22),
        Transform::default(),
    );
    // Waste bin for spent bags (separated at a seal).
    let bin_centre = Vec3::new(-5.35, 0.3, -6.9);
    kit.block("Waste bin body", Vec3::new(0.35, 0.6, 0.35), bin_centre, &palette.plastic_grey);
    kit.label(
        "Label: waste bin",
        "BIOHAZARD WASTE",
        "의료 폐기물",
        0.3,
        0.1,
        bin_centre + Vec3::new(0.0, 0.15, 0.176),
        Vec3::Z,
    );
    let bin = socket(
        kit,
        "Waste bin",
        "waste_bin",
        &["*_bag"],
        bin_centre + Vec3::Y * 0.4,
        Vec3::new(0.35, 0.2, 0.35),
        Transform::default(),
    );
    kit.world.entity_mut(bin).insert(Discards);
    // Heat sealer: lines are sealed before a bag is separated.
    let sealer = kit.block(
        "Heat sealer",
        Vec3::new(0.18, 0.1, 0.14),
        centre + Vec3::new(0.72, top + 0.05, -0.12),
        &palette.accent_blue,
    );
    kit.world.entity_mut(sealer).insert((HeatSealer, Usable { label_key: "item-sealer" }));
    // Tube welder: the bags' tubes are joined to the set's lines by sterile welding.
    kit.block(
        "Tube welder",
        Vec3::new(0.22, 0.14, 0.18),
        centre + Vec3::new(-0.65, top + 0.07, -0.22),
        &palette.plastic_grey,
    );
    kit.label(
        "Label: tube welder",
        "STERILE TUBE WELDER",
        "무균 튜브 용접기",
        0.2,
        0.06,
        centre + Vec3::new(-0.65, top + 0.1, -0.129),
        Vec3::Z,
    );
    // Electronic batch record on the wall above the bench.
    let terminal_centre = Vec3::new(-6.55, 1.55, -7.88);
    kit.trim(
        "Batch record terminal bezel",
        Vec3::new(0.56, 0.42, 0.03),
        terminal_centre - Vec3::Z * 0.02,
        &palette.plastic_dark,
    );
    let spec =
        SignSpec { width_px: 512, height_px: 384, background: [18, 34, 56, 255], stripe: None, lines: Vec::new() };
    let terminal = kit.panel("Batch record terminal", &spec, 0.52, 0.38, terminal_centre, Vec3::Z, true);
    kit.world.entity_mut(terminal).insert((
        RecordTerminal,
        ScreenButtons { size: Vec2::new(0.52, 0.38), buttons: Vec::new() },
        bevy_rapier3d::prelude::Collider::cuboid(0.26, 0.19, 0.004),
        Usable { label_key: "item-record-terminal" },
    ));
}

/// The entity with this name, if the kit has spawned it.
fn find_named(kit: &mut Kit, name: &str) -> Option<Entity> {
    let mut query = kit.world.query::<(Entity, &Name)>();
    query.iter(kit.world).find(|(_, candidate)| candidate.as_str() == name).map(|(entity, _)| entity)
}

/// The components of a loose item: inspect by using it, carry by grabbing it.
fn item(id: &str, label_key: &'static str) -> impl Bundle {
    (Item { id: id.into() }, Grabbable { id: id.into() }, Usable { label_key })
}

/// A bag lying on a bench, ready to be hung: an item a hand can carry to a hook.
fn loose_bag(
    kit: &mut Kit,
    id: &str,
    english: &str,
    korean: &str,
    centre: Vec3,
    size: Vec2,
    material: &Handle<StandardMaterial>,
) {
    let entity =
        kit.block(&format!("Bag: {id}"), Vec3::new(size.x, size.y, 0.035), centre + Vec3::Y * (size.y / 2.0), material);
    kit.world.entity_mut(entity).insert((Bag { id: id.to_owned() }, item(id, "item-bag")));
    let label = kit.label(
        &format!("Label: {id}"),
        english,
        korean,
        size.x * 0.85,
        (size.y * 0.35).min(0.08),
        Vec3::new(0.0, 0.0, 0.0185),
        Vec3::Z,
    );
    kit.world.entity_mut(label).insert(ChildOf(entity));
}

/// A socket: an invisible-until-needed volume that takes certain items, with a faint marker
/// that turns green or red while a carried item is pointed at it.
fn socket(kit: &mut Kit, name: &str, id: &str, accepts: &[&str], centre: Vec3, size: Vec3, seat: Transform) -> Entity {
    let palette = kit.palette.clone();
    let entity = kit.part(name, Cuboid::from_size(size), Transform::from_translation(centre), &palette.socket_idle);
    kit.world.entity_mut(entity).insert((
        Socket {
            id: id.into(),
            accepts: accepts.iter().map(|pattern| (*pattern).to_owned()).collect(),
            seat,
            holding: None,
        },
        bevy_rapier3d::prelude::Collider::cuboid(size.x / 2.0, size.y / 2.0, size.z / 2.0),
        bevy_rapier3d::prelude::Sensor,
    ));
    kit.world.entity_mut(entity).insert(SocketMarker { socket: entity });
    entity
}

/// Marks the electronic batch record terminal, whose buttons sign the level's entries.
#[derive(Component, Debug, Clone, Copy)]
pub struct RecordTerminal;

/// An apheresis machine: cabinet with pump front, centrifuge compartment under a lid, a screen
/// on a mast and an IV pole with the anticoagulant, saline and collection bags.
pub fn apheresis(kit: &mut Kit) {
    let palette = kit.palette.clone();
    let origin = layout::APHERESIS;
    cart(kit, "Apheresis", origin, Vec2::new(0.7, 0.7));
    let body = origin + Vec3::Y * 0.6;
    let root = kit.block("Apheresis cabinet", Vec3::new(0.6, 0.75, 0.62), body, &palette.plastic_white);
    kit.world.entity_mut(root).insert(Station::Apheresis);
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
    screen(kit, Station::Apheresis, origin + Vec3::new(-0.2, 1.7, -0.14), 0.38, 0.28);
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
    bag(
        kit,
        "acd_a_bag",
        "ACD-A",
        "ACD-A 항응고제",
        pole + Vec3::new(-0.12, 1.93, 0.0),
        Vec2::new(0.13, 0.22),
        &palette.saline,
    );
    bag(
        kit,
        "saline_bag",
        "SALINE 0.9%",
        "생리식염수",
        pole + Vec3::new(0.12, 1.93, 0.0),
        Vec2::new(0.15, 0.25),
        &palette.saline,
    );
    bag(
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

/// A fill-and-finish unit on a steel bench: cooling plate, bag hangers and screen.
pub fn fill_finish(kit: &mut Kit) {
    let palette = kit.palette.clone();
    let origin = layout::FILL_FINISH;
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
    kit.world.entity_mut(root).insert(Station::FillFinish);
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
        Dial {
            id: "fill_finish_fill_volume".into(),
            value: 10.0,
            min: 10.0,
            max: 100.0,
            rate: 1.0 / (std::f32::consts::PI / 12.0),
            units: "mL",
            step: 1.0,
            motion: DialMotion::Linear { travel: Vec3::X * 0.3 },
            rest: thumb_rest,
        },
        bevy_rapier3d::prelude::Collider::cuboid(0.02, 0.025, 0.012),
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
    bag(
        kit,
        "washed_cell_bag",
        "CELLS",
        "세포",
        frame + Vec3::new(-0.25, 1.08, 0.02),
        Vec2::new(0.12, 0.18),
        &palette.cells,
    );
    bag(
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
        bag(
            kit,
            &format!("final_bag_{}", i + 1),
            english,
            korean,
            frame + Vec3::new(dx, 1.08, 0.02),
            Vec2::new(0.08, 0.12),
            &palette.tubing,
        );
    }
    screen(kit, Station::FillFinish, origin + Vec3::new(0.45, table_top + 0.32, 0.05), 0.3, 0.22);
}

/// A wheeled base under a station.
fn cart(kit: &mut Kit, name: &str, origin: Vec3, footprint: Vec2) {
    let palette = kit.palette.clone();
    kit.block(
        &format!("{name} cart"),
        Vec3::new(footprint.x, 0.12, footprint.y),
        origin + Vec3::Y * 0.16,
        &palette.plastic_grey,
    );
    for (i, (sx, sz)) in [(-1.0f32, -1.0f32), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)].into_iter().enumerate() {
        kit.part(
            &format!("{name} wheel {i}"),
            Cylinder::new(0.05, 0.04),
            Transform::from_translation(
                origin + Vec3::new(sx * (footprint.x / 2.0 - 0.08), 0.05, sz * (footprint.y / 2.0 - 0.08)),
            )
            .with_rotation(Quat::from_rotation_z(std::f32::consts::FRAC_PI_2)),
            &palette.rubber,
        );
    }
}

/// A flexible bag hanging from `top`, with its printed label facing +z.
fn bag(
    kit: &mut Kit,
    id: &str,
    english: &str,
    korean: &str,
    top: Vec3,
    size: Vec2,
    material: &Handle<StandardMaterial>,
) {
    let palette = kit.palette.clone();
    let centre = top - Vec3::Y * (size.y / 2.0 + 0.03);
    let entity = kit.part(
        &format!("Bag: {id}"),
        Cuboid::new(size.x, size.y, 0.035),
        Transform::from_translation(centre),
        material,
    );
    kit.world.entity_mut(entity).insert(Bag { id: id.to_owned() });
    kit.trim(&format!("Bag hanger: {id}"), Vec3::new(0.02, 0.04, 0.01), top - Vec3::Y * 0.015, &palette.plastic_white);
    kit.label(
        &format!("Label: {id}"),
        english,
        korean,
        size.x * 0.85,
        (size.y * 0.35).min(0.08),
        centre + Vec3::Z * 0.0185,
        Vec3::Z,
    );
}

/// A straight length of tubing between two points.
fn tube(kit: &mut Kit, name: &str, from: Vec3, to: Vec3) {
    let palette = kit.palette.clone();
    let along = to - from;
    let length = along.length();
    if length < 1e-3 {
        return;
    }
    let rotation = Quat::from_rotation_arc(Vec3::Y, along / length);
    kit.part(
        name,
        Cylinder::new(0.004, length),
        Transform::from_translation((from + to) / 2.0).with_rotation(rotation),
        &palette.tubing,
    );
}

/// A station's touchscreen: its idle page until the station's live UI replaces it.
fn screen(kit: &mut Kit, station: Station, centre: Vec3, width: f32, height: f32) {
    let palette = kit.palette.clone();
    let (title_key, detail_key) = match station {
        Station::Bioreactor => ("screen-bioreactor", "screen-bioreactor-detail"),
        Station::Apheresis => ("screen-apheresis", "screen-apheresis-detail"),
        Station::FillFinish => ("screen-fill-finish", "screen-fill-finish-detail"),
    };
    let translations = kit.world.resource::<Translations>();
    let language = *kit.world.resource::<Language>();
    let spec = SignSpec {
        width_px: 512,
        height_px: (512.0 * height / width) as u32,
        background: [18, 34, 56, 255],
        stripe: Some(([40, 120, 200, 255], 40)),
        lines: vec![
            SignLine { text: translations.get(language, title_key), size_px: 30.0, colour: [235, 245, 255, 255] },
            SignLine { text: translations.get(language, detail_key), size_px: 20.0, colour: [150, 210, 255, 255] },
        ],
    };
    // Tilted back a little, as an operator looks down at it.
    let facing = Vec3::new(0.0, 0.35, 1.0).normalize();
    let bezel = kit.part(
        &format!("Touchscreen bezel: {}", station.id()),
        Cuboid::new(width + 0.04, height + 0.04, 0.03),
        Transform::from_translation(centre - facing * 0.017).looking_to(-facing, Vec3::Y),
        &palette.plastic_dark,
    );
    let _ = bezel;
    let entity = kit.panel(&format!("Touchscreen: {}", station.id()), &spec, width, height, centre, facing, true);
    kit.world.entity_mut(entity).insert((
        Touchscreen(station),
        ScreenButtons { size: Vec2::new(width, height), buttons: Vec::new() },
        Collider::cuboid(width / 2.0, height / 2.0, 0.004),
        Usable { label_key: "item-touchscreen" },
    ));
}
