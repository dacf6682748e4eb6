//! The monitoring trolley in the world: its frame and terminal, the five plates on its top (each
//! with its label and, for settle plates, a lid the model lifts off; the glove-print plates
//! with a mark for each finger), the label printer, the incubator's pass box, fresh gloves and
//! sanitiser; the plate places in the cabinet (beside the work zone, the work zone itself and
//! the contact spot), the settle-plate stand in the room, and the intercom on the wall.

use bevy::prelude::*;
use bevy_rapier3d::prelude::{Collider, RigidBody, Sensor};
use cleanroom_core::stations::environmental_monitoring::ids::*;

use crate::actions::LevelId;
use crate::cleanroom::equipment::{Receptacle, item, receptacle, socket, touchscreen_facing};
use crate::cleanroom::kit::Kit;
use crate::cleanroom::rooms::dispenser;
use crate::interaction::contact::{PressedOnSurfaces, SampleSurface};
use crate::interaction::items::HandsBack;
use crate::interaction::semantic::{Control, Garment, Inspectable, Surface};
use crate::interaction::{Accepts, Usable};
use crate::layout;
use crate::stations::station::{ModelPart, StationDef, StationScreen};

/// The trolley's top, above the floor, and its size (across the room along x, along the wall
/// along z).
const TOP: f32 = 0.9;
const DEPTH: f32 = 0.6;
const LENGTH: f32 = 1.3;
/// The way the trolley faces: east, into the room.
const OUTWARD: Vec3 = Vec3::X;
/// Plate sizes: 90 mm settle and glove-print plates, 55 mm contact plates (domain.md §2.2).
const LARGE_PLATE_RADIUS: f32 = 0.045;
const CONTACT_PLATE_RADIUS: f32 = 0.0275;
const PLATE_HEIGHT: f32 = 0.015;
/// The work surface of the cabinet, and its front edge.
const CABINET_SURFACE_Y: f32 = 0.96;

pub fn build(kit: &mut Kit, station: &'static StationDef) {
    let origin = station.position;
    trolley(kit, station, origin);
    let top = origin + Vec3::Y * TOP;
    // The plates in a row along the trolley's front edge, in the terminal's order.
    let row = |i: usize| top + Vec3::new(0.16, 0.0, -0.42 + 0.13 * i as f32);
    settle_plate(kit, SETTLE_CABINET, "SETTLE A", "낙하균 A", row(0));
    settle_plate(kit, SETTLE_ROOM, "SETTLE B", "낙하균 B", row(1));
    contact_plate(kit, row(2));
    glove_plate(kit, GLOVE_LEFT, "GLOVE L", "장갑 왼손", &LEFT_FINGERS, row(3));
    glove_plate(kit, GLOVE_RIGHT, "GLOVE R", "장갑 오른손", &RIGHT_FINGERS, row(4));
    label_printer(kit, top + Vec3::new(-0.1, 0.0, -0.5));
    incubator(kit, origin + Vec3::new(0.0, 0.0, 1.0));
    fresh_gloves(kit, top + Vec3::new(-0.12, 0.0, 0.5));
    cabinet_places(kit);
    room_stand(kit, Vec3::new(-5.2, 0.0, -4.2));
    intercom(kit, Vec3::new(-7.89, 1.45, 3.1));
}

fn trolley(kit: &mut Kit, station: &'static StationDef, origin: Vec3) {
    let palette = kit.palette.clone();
    let top =
        kit.block("EM trolley top", Vec3::new(DEPTH, 0.04, LENGTH), origin + Vec3::Y * (TOP - 0.02), &palette.steel);
    kit.world.entity_mut(top).insert((Inspectable, LevelId::new(station.id), Usable { label_key: "item-em-trolley" }));
    kit.block("EM trolley shelf", Vec3::new(DEPTH, 0.03, LENGTH), origin + Vec3::Y * 0.25, &palette.steel);
    for (i, (dx, dz)) in [(-1.0f32, -1.0f32), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)].into_iter().enumerate() {
        kit.block(
            &format!("EM trolley leg {i}"),
            Vec3::new(0.03, TOP - 0.04, 0.03),
            origin + Vec3::new(dx * (DEPTH / 2.0 - 0.03), (TOP - 0.04) / 2.0, dz * (LENGTH / 2.0 - 0.03)),
            &palette.steel,
        );
    }
    // A mast at the back carries the terminal at a standing trainee's eye height.
    let back = origin.x - DEPTH / 2.0 + 0.04;
    kit.block("EM trolley mast", Vec3::new(0.04, 0.55, 0.06), Vec3::new(back, TOP + 0.275, origin.z), &palette.steel);
    let facing = (OUTWARD + Vec3::Y * 0.2).normalize();
    let screen = touchscreen_facing(
        kit,
        station.id,
        Vec3::new(back + 0.05, 1.42, origin.z),
        Vec2::new(0.6, 0.45),
        facing,
        station.idle_screen,
    );
    kit.world.entity_mut(screen).insert(StationScreen { station });
    kit.label(
        "Label: EM trolley",
        "ENVIRONMENTAL MONITORING",
        "환경 모니터링",
        0.5,
        0.06,
        Vec3::new(origin.x + DEPTH / 2.0 + 0.001, TOP - 0.08, origin.z),
        OUTWARD,
    );
    // The counter's sample tube runs from the trolley into the cabinet, its probe beside the
    // work zone.
    let probe = Vec3::new(layout::BIOSAFETY_CABINET.x + 0.05, 1.15, layout::BIOSAFETY_CABINET.z + 0.78);
    kit.trim("Particle counter probe", Vec3::new(0.04, 0.12, 0.04), probe, &palette.plastic_dark);
    crate::cleanroom::equipment::tube(
        kit,
        "Particle counter sample tube",
        probe + Vec3::Y * 0.06,
        Vec3::new(back, TOP + 0.4, origin.z - 0.2),
    );
    dispenser(kit, "EM trolley glove sanitiser", Vec3::new(back + 0.06, TOP + 0.2, origin.z + 0.42), OUTWARD);
}

/// A plate's label sticker: off (inside the plate) until the model says it is labelled.
fn label_sticker(kit: &mut Kit, plate: Entity, id: &'static str, radius: f32) {
    let palette = kit.palette.clone();
    // Along the rim nearest the trolley's back, clear of a glove print's finger marks.
    let shown = Transform::from_xyz(0.0, PLATE_HEIGHT / 2.0 + 0.0015, -radius * 0.6);
    let hidden = Transform::from_xyz(0.0, 0.0, 0.0).with_scale(Vec3::splat(0.01));
    let sticker = kit.part(
        &format!("Plate label: {id}"),
        Cuboid::new(radius * 0.9, 0.002, radius * 0.4),
        hidden,
        &palette.plastic_white,
    );
    kit.world.entity_mut(sticker).insert((ChildOf(plate), ModelPart { part: label_part(id), on: shown, off: hidden }));
}

fn label_part(id: &str) -> &'static str {
    match id {
        SETTLE_CABINET => "settle_plate_cabinet_label",
        SETTLE_ROOM => "settle_plate_room_label",
        CONTACT_CABINET => "contact_plate_cabinet_label",
        GLOVE_LEFT => "glove_plate_left_label",
        _ => "glove_plate_right_label",
    }
}

/// A plate as an item on the trolley: the agar in a clear dish, its id printed beside it.
fn plate(
    kit: &mut Kit,
    id: &'static str,
    english: &str,
    korean: &str,
    centre: Vec3,
    radius: f32,
    label_key: &'static str,
) -> Entity {
    let palette = kit.palette.clone();
    let base = centre + Vec3::Y * (PLATE_HEIGHT / 2.0);
    let entity =
        kit.cylinder(&format!("Plate: {id}"), radius, PLATE_HEIGHT, Transform::from_translation(base), &palette.media);
    kit.world.entity_mut(entity).insert((
        item(id, label_key),
        RigidBody::Fixed,
        Collider::cylinder(PLATE_HEIGHT / 2.0, radius),
    ));
    let tag = kit.label(
        &format!("Plate tag: {id}"),
        english,
        korean,
        0.09,
        0.03,
        Vec3::new(radius + 0.02, -PLATE_HEIGHT / 2.0 + 0.008, 0.0),
        Vec3::new(0.4, 1.0, 0.0).normalize(),
    );
    kit.world.entity_mut(tag).insert(ChildOf(entity));
    label_sticker(kit, entity, id, radius);
    entity
}

/// A settle plate: used with the lid on, its lid comes off and lies face down beside it.
fn settle_plate(kit: &mut Kit, id: &'static str, english: &str, korean: &str, centre: Vec3) {
    let entity = plate(kit, id, english, korean, centre, LARGE_PLATE_RADIUS, "item-settle-plate");
    let palette = kit.palette.clone();
    let on = Transform::from_xyz(0.0, PLATE_HEIGHT / 2.0 + 0.003, 0.0);
    let beside = Transform::from_xyz(0.0, -PLATE_HEIGHT / 2.0 + 0.003, -2.3 * LARGE_PLATE_RADIUS);
    let lid =
        kit.part(&format!("Plate lid: {id}"), Cylinder::new(LARGE_PLATE_RADIUS + 0.002, 0.006), on, &palette.glass);
    let part = if id == SETTLE_CABINET { SETTLE_CABINET_LID } else { SETTLE_ROOM_LID };
    // Clicking the lid takes it off or puts it back; grabbing it carries the plate.
    kit.world.entity_mut(lid).insert((
        ChildOf(entity),
        ModelPart { part, on: beside, off: on },
        Control,
        LevelId::new(part),
        // A sensor: the pointer finds it, but carried with the plate it pushes nothing.
        Collider::cylinder(0.003, LARGE_PLATE_RADIUS + 0.002),
        Sensor,
        Usable { label_key: "item-settle-plate-lid" },
    ));
}

/// The contact plate: pressed onto the cabinet's marked spot while the use is held.
fn contact_plate(kit: &mut Kit, centre: Vec3) {
    let entity = plate(kit, CONTACT_CABINET, "CONTACT A", "접촉 A", centre, CONTACT_PLATE_RADIUS, "item-contact-plate");
    kit.world.entity_mut(entity).insert(PressedOnSurfaces);
}

/// A glove-print plate with a mark for each finger; pressing a mark rolls that finger on the
/// agar, and the model marks it printed.
fn glove_plate(
    kit: &mut Kit,
    id: &'static str,
    english: &str,
    korean: &str,
    fingers: &[&'static str; 5],
    centre: Vec3,
) {
    let entity = plate(kit, id, english, korean, centre, LARGE_PLATE_RADIUS, "item-glove-plate");
    let palette = kit.palette.clone();
    for (i, finger) in fingers.iter().enumerate() {
        // The five marks in an arc, thumb first, as a hand lies on the plate.
        let angle = std::f32::consts::PI * (0.15 + 0.175 * i as f32);
        let at = Vec3::new(angle.cos() * 0.028, PLATE_HEIGHT / 2.0 + 0.001, angle.sin() * 0.028 - 0.008);
        let mark = kit.part(
            &format!("Finger mark: {finger}"),
            Cylinder::new(0.008, 0.002),
            Transform::from_translation(at),
            &palette.plastic_grey,
        );
        kit.world.entity_mut(mark).insert((
            ChildOf(entity),
            Control,
            LevelId::new(*finger),
            Collider::cylinder(0.003, 0.009),
            Sensor,
            Usable { label_key: "item-finger-mark" },
        ));
        // The print: shown once the model has the finger printed.
        let printed = Transform::from_translation(at + Vec3::Y * 0.0015);
        let hidden = Transform::from_translation(at).with_scale(Vec3::splat(0.01));
        let print =
            kit.part(&format!("Finger print: {finger}"), Cylinder::new(0.0075, 0.001), hidden, &palette.marking_red);
        kit.world.entity_mut(print).insert((ChildOf(entity), ModelPart { part: finger, on: printed, off: hidden }));
    }
}

fn takes_plates() -> Vec<Accepts> {
    PLATES.iter().map(|plate| Accepts::Item((*plate).into())).collect()
}

/// The label printer: a plate put on it is labelled (location, date, operator) and goes back to
/// its place on the trolley.
fn label_printer(kit: &mut Kit, base: Vec3) {
    let material = kit.palette.plastic_grey.clone();
    let socket = receptacle(
        kit,
        Receptacle {
            name: "EM label printer",
            id: LABEL_PRINTER,
            body: (Vec3::new(0.22, 0.1, 0.2), base + Vec3::Y * 0.05, material),
            label: ("LABEL PRINTER", "라벨 프린터", Vec2::new(0.2, 0.04), Vec3::new(0.111, 0.0, 0.0), OUTWARD),
            accepts: takes_plates(),
            opening: (Vec3::Y * 0.1, Vec3::new(0.2, 0.1, 0.18)),
        },
    );
    kit.world.entity_mut(socket).insert(HandsBack);
}

/// The incubator's pass box at the trolley's south end, open at the top with a slot for each
/// plate: plates put in go to incubation (one the model refuses stays in its slot to be taken
/// out again).
fn incubator(kit: &mut Kit, base: Vec3) {
    let palette = kit.palette.clone();
    kit.block("EM incubator stand", Vec3::new(0.45, 0.7, 0.45), base + Vec3::Y * 0.35, &palette.steel);
    let top = base + Vec3::Y * 0.9;
    kit.block("EM incubator pass box", Vec3::new(0.45, 0.4, 0.5), top, &palette.plastic_white);
    kit.label("Label: em incubator", "INCUBATION", "배양", 0.3, 0.06, top + Vec3::new(0.226, 0.08, 0.0), OUTWARD);
    for slot in 0..PLATES.len() {
        let at = top + Vec3::new(0.0, 0.24, -0.19 + 0.095 * slot as f32);
        socket(
            kit,
            &format!("EM incubator slot {slot}"),
            INCUBATOR,
            takes_plates(),
            at,
            Vec3::new(0.1, 0.08, 0.07),
            Transform::default(),
        );
    }
}

/// A pack of sterile outer gloves, for the change after the glove prints.
fn fresh_gloves(kit: &mut Kit, base: Vec3) {
    let palette = kit.palette.clone();
    let pack =
        kit.block("Pack: em_fresh_outer_gloves", Vec3::new(0.18, 0.05, 0.22), base + Vec3::Y * 0.025, &palette.pack);
    kit.world.entity_mut(pack).insert((
        Garment { glove_layer: Some(1) },
        LevelId::new(FRESH_GLOVES),
        Usable { label_key: "item-fresh-gloves" },
    ));
    kit.label(
        "Label: em_fresh_outer_gloves",
        "STERILE GLOVES",
        "멸균 장갑",
        0.16,
        0.035,
        base + Vec3::new(0.091, 0.025, 0.0),
        OUTWARD,
    );
}

/// The plates' places in the cabinet: beside the work zone (out of the first air onto the
/// critical surface), the work zone itself, and the marked spot a contact plate samples.
fn cabinet_places(kit: &mut Kit) {
    let palette = kit.palette.clone();
    let cabinet = layout::BIOSAFETY_CABINET;
    let x = cabinet.x + 0.15;
    let settle_plates = vec![Accepts::Item(SETTLE_CABINET.into()), Accepts::Item(SETTLE_ROOM.into())];
    for (name, id, z) in
        [("EM cabinet settle place", SPOT_CABINET, cabinet.z + 0.72), ("Cabinet work zone", WORK_ZONE, cabinet.z)]
    {
        let centre = Vec3::new(x, CABINET_SURFACE_Y + 0.04, z);
        socket(kit, name, id, settle_plates.clone(), centre, Vec3::new(0.14, 0.08, 0.14), Transform::default());
    }
    kit.trim(
        "EM cabinet settle place mark",
        Vec3::new(0.12, 0.002, 0.12),
        Vec3::new(x, CABINET_SURFACE_Y + 0.001, cabinet.z + 0.72),
        &palette.marking_yellow,
    );
    let spot = Vec3::new(x + 0.1, CABINET_SURFACE_Y + 0.002, cabinet.z + 0.4);
    let mark = kit.trim("EM contact spot", Vec3::new(0.09, 0.003, 0.09), spot, &palette.marking_green);
    kit.world.entity_mut(mark).insert((
        SampleSurface,
        LevelId::new(CONTACT_SPOT),
        Collider::cuboid(0.045, 0.002, 0.045),
        Usable { label_key: "item-contact-spot" },
    ));
}

/// A stand by the stations that holds the room's settle plate at working height.
fn room_stand(kit: &mut Kit, base: Vec3) {
    let palette = kit.palette.clone();
    kit.block("EM room stand pole", Vec3::new(0.04, 0.95, 0.04), base + Vec3::Y * 0.475, &palette.steel);
    kit.block("EM room stand tray", Vec3::new(0.16, 0.02, 0.16), base + Vec3::Y * 0.96, &palette.steel);
    kit.label(
        "Label: EM room stand",
        "SETTLE PLATE · ROOM",
        "낙하균 · 공정실",
        0.15,
        0.04,
        base + Vec3::new(0.081, 0.9, 0.0),
        OUTWARD,
    );
    socket(
        kit,
        "EM room settle place",
        SPOT_ROOM,
        vec![Accepts::Item(SETTLE_ROOM.into()), Accepts::Item(SETTLE_CABINET.into())],
        base + Vec3::Y * 1.01,
        Vec3::new(0.14, 0.08, 0.14),
        Transform::default(),
    );
}

/// The room's intercom: a non-sterile surface a trainee may touch.
fn intercom(kit: &mut Kit, centre: Vec3) {
    let palette = kit.palette.clone();
    let body = kit.block("Intercom", Vec3::new(0.04, 0.22, 0.14), centre, &palette.plastic_white);
    kit.world.entity_mut(body).insert((Surface, LevelId::new(INTERCOM), Usable { label_key: "item-intercom" }));
    kit.trim(
        "Intercom speaker",
        Vec3::new(0.005, 0.08, 0.1),
        centre + Vec3::new(0.021, 0.04, 0.0),
        &palette.plastic_dark,
    );
    kit.trim(
        "Intercom button",
        Vec3::new(0.01, 0.03, 0.03),
        centre + Vec3::new(0.022, -0.06, 0.0),
        &palette.accent_blue,
    );
    kit.label("Label: intercom", "INTERCOM", "인터폰", 0.12, 0.03, centre + Vec3::new(0.021, 0.14, 0.0), OUTWARD);
}
