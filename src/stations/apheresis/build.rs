//! The apheresis machine in the world, with what its procedure handles: the cabinet with its
//! pump heads (each takes a line of the set) and cassette mount, the centrifuge under a door
//! that opens for the filler, the touchscreen, the IV pole with the ACD-A and saline hooks and
//! the inlet saline clamp, the access, return and collect lines, the collect bag, the donor in
//! the chair with the needles and the return site, the supply trolley, the heat sealer and the
//! product refrigerator.

use bevy::prelude::*;
use bevy_rapier3d::prelude::{Collider, RigidBody};
use cleanroom_core::stations::apheresis::ids::*;
use cleanroom_core::stations::apheresis::station::{DONOR_SPEECH, DONOR_UNWELL, WORKUP_SHEET};

use crate::actions::LevelId;
use crate::cleanroom::equipment::{
    BAG, Receptacle, cart, item, leftover_place, loose_bag, receptacle, sample_rack, socket, station_area, takes_item,
    touchscreen_facing, tube, waste_bin,
};
use crate::cleanroom::kit::Kit;
use crate::interaction::items::{Clamp, HeatSealer, Item, TakesAway, TubeEnd, VenousAccess};
use crate::interaction::semantic::{Control, Inspectable};
use crate::interaction::{Accepts, Socket, Usable};
use crate::stations::station::{ModelPart, StationDef, StationScreen, model_text};

/// Where the donor's chair stands, from the machine's centre: to its east, facing the room.
const CHAIR: Vec3 = Vec3::new(1.55, 0.0, 0.5);
/// Where the supply trolley stands, from the machine's centre: to its west.
const TROLLEY: Vec3 = Vec3::new(-1.3, 0.0, 0.2);
/// The trolley's top, above the floor.
const TROLLEY_TOP: f32 = 0.9;

/// Builds the apheresis station at `station.position`.
pub fn build(kit: &mut Kit, station: &'static StationDef) {
    let origin = station.position;
    station_area(kit, "Apheresis", "sign-apheresis", origin);
    cart(kit, "Apheresis", origin, Vec2::new(0.7, 0.7));
    machine(kit, origin);
    let panel = origin + Vec3::new(0.0, 1.05, 0.22);
    pumps(kit, panel);
    centrifuge(kit, origin);
    let (title, detail) = station.idle_screen;
    let screen = touchscreen_facing(
        kit,
        station.id,
        origin + Vec3::new(-0.05, 1.8, 0.04),
        Vec2::new(0.56, 0.42),
        // Above the operator's eyes: tilted down towards them.
        Vec3::new(0.0, -0.15, 1.0),
        (title, detail),
    );
    kit.world.entity_mut(screen).insert(StationScreen { station });
    iv_pole(kit, origin, panel);
    lines(kit, origin);
    donor(kit, origin + CHAIR);
    trolley(kit, origin + TROLLEY);
    refrigerator(kit, origin + Vec3::new(-2.05, 0.0, -0.25));
    // A bin for the spent ACD-A bag, by the trolley.
    waste_bin(kit, "Apheresis waste bin", origin + TROLLEY + Vec3::new(0.75, 0.3, 0.05));
}

fn machine(kit: &mut Kit, origin: Vec3) {
    let palette = kit.palette.clone();
    let body = origin + Vec3::Y * 0.6;
    let root = kit.block("Apheresis cabinet", Vec3::new(0.6, 0.75, 0.62), body, &palette.plastic_white);
    kit.world.entity_mut(root).insert(LevelId::new(STATION_ID));
    kit.trim("Apheresis base stripe", Vec3::new(0.61, 0.05, 0.63), body - Vec3::Y * 0.3, &palette.accent_blue);
    // The screen's mast.
    kit.cylinder(
        "Apheresis screen mast",
        0.02,
        0.6,
        Transform::from_translation(origin + Vec3::new(-0.05, 1.3, -0.1)),
        &palette.steel,
    );
}

/// The sloped pump front: the cassette mount and five pump heads, each labelled. Pressing a
/// head seats the set's line in it (and checks it); the line's loop shows in or out.
fn pumps(kit: &mut Kit, panel: Vec3) {
    let palette = kit.palette.clone();
    let tilt = Quat::from_rotation_x(-0.5);
    kit.part(
        "Apheresis pump panel",
        Cuboid::new(0.58, 0.28, 0.22),
        Transform::from_translation(panel).with_rotation(tilt),
        &palette.plastic_grey,
    );
    let face = |local: Vec3| panel + tilt * (local + Vec3::Z * 0.11);
    let names = [("INLET", "유입"), ("AC", "항응고제"), ("RETURN", "반환"), ("PLASMA", "혈장"), ("COLLECT", "수집")];
    for (index, (pump, (english, korean))) in PUMPS.iter().zip(names).enumerate() {
        let x = -0.22 + 0.11 * index as f32;
        let pose = Transform::from_translation(face(Vec3::new(x, 0.06, 0.015)))
            .with_rotation(tilt * Quat::from_rotation_x(std::f32::consts::FRAC_PI_2));
        let head = kit.part(&format!("Pump head: {pump}"), Cylinder::new(0.04, 0.03), pose, &palette.plastic_dark);
        kit.world.entity_mut(head).insert((
            Control,
            LevelId::new(*pump),
            Collider::cylinder(0.015, 0.04),
            Usable { label_key: "item-pump-head" },
        ));
        // The set's line loop round the head: in the head when seated, hanging out when not.
        let seated = Transform::from_xyz(0.0, 0.018, 0.0);
        let out = Transform::from_xyz(0.0, 0.05, 0.035);
        let loop_part = kit.part(&format!("Pump line loop: {pump}"), Torus::new(0.028, 0.036), out, &palette.tubing);
        kit.world.entity_mut(loop_part).insert((ChildOf(head), ModelPart { part: pump, on: seated, off: out }));
        let label = kit.label(
            &format!("Label: pump {pump}"),
            english,
            korean,
            0.1,
            0.035,
            face(Vec3::new(x, -0.005, 0.003)),
            tilt * Vec3::Z,
        );
        kit.world.entity_mut(label).insert(Name::new(format!("Label: {pump}")));
    }
    // The cassette mounts below the heads.
    socket(
        kit,
        "Cassette mount",
        STATION_ID,
        takes_item(SET),
        face(Vec3::new(0.0, -0.075, 0.03)),
        Vec3::new(0.34, 0.09, 0.06),
        Transform::from_rotation(tilt),
    );
}

/// The centrifuge compartment on top, under a door hinged at the back: it opens for the filler.
fn centrifuge(kit: &mut Kit, origin: Vec3) {
    let palette = kit.palette.clone();
    let centre = origin + Vec3::new(0.0, 1.1, -0.14);
    kit.block("Apheresis centrifuge housing", Vec3::new(0.58, 0.2, 0.34), centre, &palette.plastic_white);
    kit.cylinder(
        "Centrifuge bowl",
        0.13,
        0.02,
        Transform::from_translation(centre + Vec3::Y * 0.1),
        &palette.dark_steel,
    );
    let hinge = centre + Vec3::new(0.0, 0.115, -0.16);
    let closed = Transform::from_translation(hinge + Vec3::Z * 0.15);
    let open_turn = Quat::from_rotation_x(-1.65);
    let open = Transform::from_translation(hinge + open_turn * (Vec3::Z * 0.15)).with_rotation(open_turn);
    let door = kit.part("Centrifuge door", Cuboid::new(0.5, 0.025, 0.3), closed, &palette.accent_blue);
    kit.world.entity_mut(door).insert((
        Control,
        LevelId::new(CENTRIFUGE_DOOR),
        Collider::cuboid(0.25, 0.015, 0.15),
        Usable { label_key: "item-centrifuge-door" },
        ModelPart { part: CENTRIFUGE_DOOR, on: open, off: closed },
    ));
    kit.label(
        "Label: centrifuge",
        "CENTRIFUGE",
        "원심분리기",
        0.22,
        0.07,
        centre + Vec3::new(0.0, 0.0, 0.171),
        Vec3::Z,
    );
    socket(
        kit,
        "Centrifuge filler seat",
        CENTRIFUGE,
        takes_item(FILLER),
        centre + Vec3::Y * 0.14,
        Vec3::new(0.3, 0.1, 0.26),
        Transform::default(),
    );
}

/// The IV pole with the ACD-A and saline hooks, their lines to the pumps and the inlet saline
/// line's clamp.
fn iv_pole(kit: &mut Kit, origin: Vec3, panel: Vec3) {
    let palette = kit.palette.clone();
    let pole = origin + Vec3::new(0.72, 0.0, -0.1);
    kit.cylinder("Apheresis IV pole", 0.015, 2.0, Transform::from_translation(pole + Vec3::Y * 1.0), &palette.steel);
    for (i, angle) in (0..4).map(|quarter| quarter as f32 * std::f32::consts::FRAC_PI_2).enumerate() {
        kit.trim(
            &format!("IV pole foot {i}"),
            Vec3::new(0.3, 0.03, 0.04),
            pole + Vec3::new(angle.cos() * 0.15, 0.03, angle.sin() * 0.15),
            &palette.dark_steel,
        );
    }
    kit.trim("IV pole hooks", Vec3::new(0.4, 0.015, 0.015), pole + Vec3::Y * 1.95, &palette.steel);
    for (hook, x, english, korean) in
        [(ACD_A_HOOK, -0.13, "AC HOOK", "항응고제"), (SALINE_HOOK, 0.13, "SALINE HOOK", "생리식염수")]
    {
        let at = pole + Vec3::new(x, 1.95, 0.0);
        kit.trim(&format!("Hook: {hook}"), Vec3::new(0.015, 0.05, 0.015), at - Vec3::Y * 0.025, &palette.steel);
        kit.label(&format!("Label: {hook}"), english, korean, 0.16, 0.05, at + Vec3::new(0.0, 0.05, 0.01), Vec3::Z);
        socket(
            kit,
            &format!("Hook socket: {hook}"),
            hook,
            vec![Accepts::Shape(BAG)],
            at - Vec3::Y * 0.2,
            Vec3::new(0.2, 0.32, 0.06),
            Transform::default(),
        );
    }
    tube(kit, "Tubing: AC line", pole + Vec3::new(-0.13, 1.6, 0.0), panel + Vec3::new(-0.11, 0.1, 0.12));
    let saline_top = pole + Vec3::new(0.13, 1.6, 0.0);
    let saline_bottom = panel + Vec3::new(-0.22, 0.1, 0.12);
    tube(kit, "Tubing: inlet saline line", saline_top, saline_bottom);
    let clamp_at = saline_top.lerp(saline_bottom, 0.45);
    let clamp = kit.block("Clamp: inlet_saline_clamp", Vec3::new(0.05, 0.03, 0.04), clamp_at, &palette.marking_red);
    kit.world.entity_mut(clamp).insert((
        Clamp { open: true },
        LevelId::new(INLET_SALINE_CLAMP),
        Usable { label_key: "item-saline-clamp" },
    ));
}

/// The access and return lines (to the donor) and the collect line (to the collect bag), each
/// a line end hanging from the machine, the donor lines with their clamps.
fn lines(kit: &mut Kit, origin: Vec3) {
    let palette = kit.palette.clone();
    for (index, (line, clamp)) in [(ACCESS_LINE, ACCESS_CLAMP), (RETURN_LINE, RETURN_CLAMP)].into_iter().enumerate() {
        let end = origin + Vec3::new(0.34, 0.98 - index as f32 * 0.1, 0.26);
        let entity = kit.block(&format!("Tube end: {line}"), Vec3::new(0.03, 0.07, 0.03), end, &palette.tubing);
        kit.world.entity_mut(entity).insert((
            TubeEnd::default(),
            LevelId::new(line),
            Usable { label_key: "item-donor-line" },
        ));
        tube(kit, &format!("Set line: {line}"), end + Vec3::Y * 0.035, origin + Vec3::new(0.2, 1.05, 0.3));
        let clamp_entity = kit.block(
            &format!("Clamp: {clamp}"),
            Vec3::new(0.05, 0.025, 0.04),
            end + Vec3::new(0.05, 0.0, 0.0),
            &palette.marking_red,
        );
        kit.world.entity_mut(clamp_entity).insert((
            Clamp { open: true },
            LevelId::new(clamp),
            Usable { label_key: "item-clamp" },
        ));
    }
    let end = origin + Vec3::new(-0.34, 0.98, 0.26);
    let entity = kit.block("Tube end: collect_line", Vec3::new(0.03, 0.07, 0.03), end, &palette.tubing);
    kit.world.entity_mut(entity).insert((
        TubeEnd::default(),
        LevelId::new(COLLECT_LINE),
        Usable { label_key: "item-collect-line" },
    ));
    tube(kit, "Set line: collect_line", end + Vec3::Y * 0.035, origin + Vec3::new(-0.2, 1.05, 0.3));
    // The collect bag hangs at the machine's side until it is sealed off.
    let hook = origin + Vec3::new(-0.42, 1.32, 0.12);
    kit.trim("Collect bag hook", Vec3::new(0.02, 0.05, 0.02), hook, &palette.steel);
    let bag = loose_bag(
        kit,
        PRODUCT_BAG,
        "COLLECT BAG",
        "수집 백",
        hook - Vec3::Y * 0.23,
        Vec2::new(0.12, 0.17),
        &palette.cells,
    );
    kit.world.entity_mut(bag).insert(Socket::new(takes_item(PRODUCT_LABEL), Transform::from_xyz(0.0, 0.0, 0.025)));
    let accepts = [SAMPLE_COUNTS, SAMPLE_STERILITY].into_iter().map(|id| Accepts::Item(id.into())).collect();
    let site = socket(
        kit,
        "Collect bag sampling site",
        PRODUCT_SAMPLE_SITE,
        accepts,
        Vec3::ZERO,
        Vec3::new(0.04, 0.04, 0.04),
        Transform::default(),
    );
    kit.world.entity_mut(site).insert((ChildOf(bag), Transform::from_xyz(0.09, -0.05, 0.0)));
}

/// The donor in a reclining chair, facing the room: the access needle in the arm towards the
/// machine, the return needle and its site in the other, what they say above them, and their
/// work-up sheet on a stand by the screen.
fn donor(kit: &mut Kit, chair: Vec3) {
    let palette = kit.palette.clone();
    kit.block("Donor chair seat", Vec3::new(0.6, 0.14, 0.6), chair + Vec3::Y * 0.5, &palette.plastic_dark);
    kit.part(
        "Donor chair back",
        Cuboid::new(0.6, 0.8, 0.12),
        Transform::from_translation(chair + Vec3::new(0.0, 0.92, -0.32)).with_rotation(Quat::from_rotation_x(-0.35)),
        &palette.plastic_dark,
    );
    kit.part(
        "Donor chair leg rest",
        Cuboid::new(0.55, 0.1, 0.55),
        Transform::from_translation(chair + Vec3::new(0.0, 0.45, 0.55)).with_rotation(Quat::from_rotation_x(0.3)),
        &palette.plastic_dark,
    );
    kit.block("Donor chair base", Vec3::new(0.4, 0.43, 0.4), chair + Vec3::Y * 0.215, &palette.steel);
    for (side, x) in [("right", -0.36f32), ("left", 0.36)] {
        kit.block(
            &format!("Donor chair arm rest {side}"),
            Vec3::new(0.12, 0.06, 0.6),
            chair + Vec3::new(x, 0.68, 0.05),
            &palette.plastic_grey,
        );
    }
    // The donor.
    kit.part(
        "Donor torso",
        Capsule3d::new(0.17, 0.45),
        Transform::from_translation(chair + Vec3::new(0.0, 0.95, -0.18)).with_rotation(Quat::from_rotation_x(-0.35)),
        &palette.gown,
    );
    // The head: upright while the donor is well, sunk forward and to the side while citrate
    // troubles them (the model's `donor_unwell`).
    let upright = Transform::from_translation(chair + Vec3::new(0.0, 1.42, -0.33));
    let unwell = Transform::from_translation(chair + Vec3::new(0.06, 1.36, -0.26));
    let head = kit.part("Donor head", Sphere::new(0.11), upright, &palette.skin);
    kit.world.entity_mut(head).insert(ModelPart { part: DONOR_UNWELL, on: unwell, off: upright });
    for (side, x) in [("right", -0.36f32), ("left", 0.36)] {
        kit.part(
            &format!("Donor arm {side}"),
            Capsule3d::new(0.045, 0.42),
            Transform::from_translation(chair + Vec3::new(x, 0.75, 0.05))
                .with_rotation(Quat::from_rotation_x(std::f32::consts::FRAC_PI_2)),
            &palette.skin,
        );
    }
    for (side, x) in [("right", -0.1f32), ("left", 0.1)] {
        kit.part(
            &format!("Donor leg {side}"),
            Capsule3d::new(0.07, 0.7),
            Transform::from_translation(chair + Vec3::new(x, 0.6, 0.45)).with_rotation(Quat::from_rotation_x(1.25)),
            &palette.gown,
        );
    }
    // The needles: the access in the arm towards the machine, the return in the other.
    for (needle, x, key) in
        [(ACCESS_NEEDLE, -0.36f32, "item-access-needle"), (RETURN_NEEDLE, 0.36, "item-return-needle")]
    {
        let at = chair + Vec3::new(x, 0.81, 0.12);
        let entity = kit.block(&format!("Needle: {needle}"), Vec3::new(0.03, 0.02, 0.05), at, &palette.marking_green);
        kit.world.entity_mut(entity).insert((Item, VenousAccess, LevelId::new(needle), Usable { label_key: key }));
    }
    let site = kit.block(
        "Return site dressing",
        Vec3::new(0.07, 0.01, 0.06),
        chair + Vec3::new(0.36, 0.805, 0.02),
        &palette.pack,
    );
    kit.world.entity_mut(site).insert((
        Inspectable,
        LevelId::new(RETURN_SITE),
        Usable { label_key: "item-return-site" },
    ));
    // What is handed to the donor (a squeeze ball, oral calcium) is taken by them.
    let hands = socket(
        kit,
        "Donor hands",
        DONOR,
        vec![Accepts::Item(SQUEEZE_BALL.into()), Accepts::Item(CALCIUM.into())],
        chair + Vec3::new(0.0, 0.95, 0.05),
        Vec3::new(0.4, 0.35, 0.3),
        Transform::default(),
    );
    kit.world.entity_mut(hands).insert(TakesAway);
    // What the donor says, above the chair, turned towards the machine's operator.
    let facing = Vec3::new(-0.7, 0.0, 1.0).normalize();
    model_text(
        kit,
        "Donor speech",
        DONOR_SPEECH,
        chair + Vec3::new(-0.1, 1.78, -0.2),
        Vec2::new(0.9, 0.2),
        facing,
        ([255, 252, 235, 255], [30, 30, 40, 255]),
        84.0,
    );
}

/// The supply trolley: the set and its filler, the ACD-A bags and the saline, the product
/// label, the product's sample containers, oral calcium, a squeeze ball and the heat sealer;
/// the donor's work-up sheet on a stand.
fn trolley(kit: &mut Kit, at: Vec3) {
    let palette = kit.palette.clone();
    let top = at + Vec3::Y * TROLLEY_TOP;
    kit.block("Apheresis trolley top", Vec3::new(1.0, 0.04, 0.55), top - Vec3::Y * 0.02, &palette.steel);
    kit.block("Apheresis trolley shelf", Vec3::new(0.95, 0.02, 0.5), at + Vec3::Y * 0.25, &palette.steel);
    // The lower shelf, where the previous batch's things may have been left.
    leftover_place(
        kit,
        "Apheresis trolley shelf place",
        "apheresis_trolley_shelf",
        at + Vec3::Y * 0.4,
        Vec3::new(0.2, 0.26, 0.4),
        Vec3::X * 0.22,
        4,
    );
    for (i, (dx, dz)) in [(-0.47f32, -0.25f32), (0.47, -0.25), (-0.47, 0.25), (0.47, 0.25)].into_iter().enumerate() {
        kit.block(
            &format!("Apheresis trolley leg {i}"),
            Vec3::new(0.03, TROLLEY_TOP - 0.04, 0.03),
            at + Vec3::new(dx, (TROLLEY_TOP - 0.04) / 2.0, dz),
            &palette.steel,
        );
    }
    let set = kit.block(
        "Apheresis set",
        Vec3::new(0.26, 0.07, 0.18),
        top + Vec3::new(-0.35, 0.035, -0.1),
        &palette.plastic_white,
    );
    kit.world.entity_mut(set).insert(item(SET, "item-apheresis-set"));
    let stripe =
        kit.trim("Apheresis set stripe", Vec3::new(0.27, 0.015, 0.19), Vec3::new(0.0, 0.02, 0.0), &palette.marking_red);
    kit.world.entity_mut(stripe).insert(ChildOf(set));
    let filler = kit.part(
        "Apheresis filler",
        Cylinder::new(0.07, 0.03),
        Transform::from_translation(top + Vec3::new(-0.35, 0.015, 0.13)),
        &palette.tubing,
    );
    kit.world.entity_mut(filler).insert((item(FILLER, "item-filler"), Collider::cylinder(0.015, 0.07)));
    let bags: [(&str, &str, &str, f32, &Handle<StandardMaterial>); 3] = [
        (ACD_A_BAG, "ACD-A 500 mL", "ACD-A 500 mL", -0.1, &palette.acd_a),
        (ACD_A_BAG_NEXT, "ACD-A 500 mL", "ACD-A 500 mL", 0.06, &palette.acd_a),
        (SALINE_BAG, "0.9% SALINE 1000 mL", "생리식염수 1000 mL", 0.25, &palette.saline),
    ];
    for (id, english, korean, x, material) in bags {
        loose_bag(kit, id, english, korean, top + Vec3::new(x, 0.0, -0.12), Vec2::new(0.14, 0.22), material);
    }
    let label =
        kit.block("MNC product label", Vec3::new(0.08, 0.005, 0.05), top + Vec3::new(0.4, 0.003, 0.15), &palette.pack);
    kit.world.entity_mut(label).insert(item(PRODUCT_LABEL, "item-product-label"));
    sample_rack(
        kit,
        "Product sample rack",
        ("PRODUCT SAMPLES", "산물 샘플"),
        top + Vec3::new(0.02, 0.0, 0.16),
        &[
            (SAMPLE_COUNTS, "COUNTS", "계수", "item-mnc-counts"),
            (SAMPLE_STERILITY, "STERILITY", "무균", "item-mnc-sterility"),
        ],
    );
    let calcium = kit.part(
        "Oral calcium",
        Cylinder::new(0.025, 0.05),
        Transform::from_translation(top + Vec3::new(-0.12, 0.025, 0.16)),
        &palette.pack,
    );
    kit.world.entity_mut(calcium).insert((
        item(CALCIUM, "item-calcium"),
        RigidBody::Fixed,
        Collider::cylinder(0.025, 0.025),
    ));
    kit.label("Label: oral calcium", "CALCIUM", "칼슘", 0.07, 0.025, top + Vec3::new(-0.12, 0.03, 0.186), Vec3::Z);
    let ball = kit.part(
        "Squeeze ball",
        Sphere::new(0.035),
        Transform::from_translation(top + Vec3::new(-0.22, 0.035, 0.16)),
        &palette.accent_blue,
    );
    kit.world.entity_mut(ball).insert((
        item(SQUEEZE_BALL, "item-squeeze-ball"),
        RigidBody::Fixed,
        Collider::ball(0.035),
    ));
    // Filled product samples go to the QC laboratory in this box.
    let samples = receptacle(
        kit,
        Receptacle {
            name: "QC sample box",
            id: "qc_sample_box",
            body: (Vec3::new(0.2, 0.12, 0.16), top + Vec3::new(0.25, 0.06, 0.16), palette.accent_blue.clone()),
            label: ("TO QC", "QC로", Vec2::new(0.16, 0.05), Vec3::new(0.0, 0.0, 0.081), Vec3::Z),
            accepts: vec![Accepts::Item(SAMPLE_COUNTS.into()), Accepts::Item(SAMPLE_STERILITY.into())],
            opening: (Vec3::Y * 0.08, Vec3::new(0.2, 0.08, 0.16)),
        },
    );
    kit.world.entity_mut(samples).insert(TakesAway);
    let sealer = kit.block(
        "Apheresis heat sealer",
        Vec3::new(0.12, 0.08, 0.1),
        top + Vec3::new(0.4, 0.04, -0.05),
        &palette.plastic_grey,
    );
    kit.world.entity_mut(sealer).insert((HeatSealer, Usable { label_key: "item-sealer" }));
    // The donor's work-up sheet, on a stand turned to where the operator enters the data.
    let facing = Vec3::new(0.55, 0.45, 1.0).normalize();
    let sheet = model_text(
        kit,
        "Donor work-up sheet",
        WORKUP_SHEET,
        top + Vec3::new(0.38, 0.38, -0.12),
        Vec2::new(0.3, 0.36),
        facing,
        ([252, 252, 250, 255], [20, 20, 30, 255]),
        44.0,
    );
    kit.world.entity_mut(sheet).insert((
        Inspectable,
        Collider::cuboid(0.15, 0.18, 0.004),
        Usable { label_key: "item-workup-sheet" },
    ));
    kit.cylinder(
        "Work-up sheet stand",
        0.01,
        0.26,
        Transform::from_translation(top + Vec3::new(0.38, 0.13, -0.15)),
        &palette.steel,
    );
}

/// The product refrigerator (2–8 °C) against the wall, with a shelf that takes the product bag.
fn refrigerator(kit: &mut Kit, at: Vec3) {
    let palette = kit.palette.clone();
    receptacle(
        kit,
        Receptacle {
            name: "Product refrigerator",
            id: REFRIGERATOR,
            body: (Vec3::new(0.6, 1.3, 0.55), at + Vec3::Y * 0.65, palette.plastic_white.clone()),
            label: (
                "PRODUCT REFRIGERATOR 2–8 °C",
                "산물 냉장고 2–8 °C",
                Vec2::new(0.5, 0.1),
                Vec3::new(0.0, 0.55, 0.28),
                Vec3::Z,
            ),
            accepts: takes_item(PRODUCT_BAG),
            opening: (Vec3::new(0.0, 0.1, 0.33), Vec3::new(0.5, 0.45, 0.12)),
        },
    );
    kit.trim(
        "Product refrigerator door glass",
        Vec3::new(0.5, 0.7, 0.01),
        at + Vec3::new(0.0, 0.7, 0.28),
        &palette.glass,
    );
}
