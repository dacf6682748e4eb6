//! The equipment kit: what stations are built from (a cart, bags, tubing, sockets, a
//! touchscreen, a station's floor area and sign) and the Grade A biosafety cabinet. Shapes are
//! generic; nothing here reproduces a vendor's design. The stations themselves are built in
//! their own folders under `stations/`.

use bevy::prelude::*;
use bevy_rapier3d::prelude::{Collider, RigidBody, Sensor};

use super::kit::{Kit, SignText};
use super::rooms::{GARMENT_PACK, GRADE_B_BLUE, GRADE_C_GREEN, INK, WHITE, outline};
use super::signs::{SignLine, SignSpec};
use crate::actions::LevelId;
use crate::i18n::{Language, Translations};
use crate::interaction::items::{Discards, Item, SocketMarker, TakesAway};
use crate::interaction::semantic::Inspectable;
use crate::interaction::touchscreen::ScreenButtons;
use crate::interaction::{Accepts, Dial, DialMotion, Grabbable, Shape, Socket, Usable};
use crate::layout;

/// The shape of every bag: what bag hooks and waste bins take.
pub const BAG: &str = "bag";

/// Marks an electronic batch record terminal, whose buttons sign the level's entries made in
/// its zone: the processing room's on the wall by the bioreactor, the corridor's at the
/// practice bench.
#[derive(Component, Debug, Clone, Copy)]
pub struct RecordTerminal {
    pub zone: layout::Zone,
}

impl RecordTerminal {
    /// The id of the terminal's screen, beside the stations' (which go by station id).
    pub fn screen(self) -> &'static str {
        match self.zone {
            layout::Zone::ProcessingRoom => "batch_record_terminal",
            layout::Zone::Corridor => "batch_record_terminal_corridor",
            layout::Zone::Airlock => "batch_record_terminal_airlock",
        }
    }
}

/// The Grade A biosafety cabinet against the west wall.
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
    // North of the tube rack, a place where the previous batch's things may be left.
    leftover_place(
        kit,
        "Cabinet work surface place",
        "biosafety_cabinet_surface",
        Vec3::new(x + 0.05, 1.1, base.z - 0.65),
        Vec3::new(0.35, 0.3, 0.1),
        Vec3::Z * 0.12,
        4,
    );
    // Items on the work surface: a rack of tubes and a wipe box.
    kit.trim("Tube rack", Vec3::new(0.12, 0.06, 0.25), Vec3::new(x, 0.99, base.z - 0.3), &palette.accent_blue);
    kit.trim("Wipes", Vec3::new(0.15, 0.08, 0.2), Vec3::new(x, 1.0, base.z + 0.35), &palette.plastic_white);
}

/// The entity with this name, if the kit has spawned it.
pub fn find_named(kit: &mut Kit, name: &str) -> Option<Entity> {
    let mut query = kit.world.query::<(Entity, &Name)>();
    query.iter(kit.world).find(|(_, candidate)| candidate.as_str() == name).map(|(entity, _)| entity)
}

/// The components of a loose item: inspect by using it, carry by grabbing it.
pub fn item(id: &str, label_key: &'static str) -> impl Bundle {
    (Item, LevelId::new(id), Grabbable, Usable { label_key })
}

/// A bag lying on a bench, ready to be hung: an item a hand can carry to a hook.
pub fn loose_bag(
    kit: &mut Kit,
    id: &str,
    english: &str,
    korean: &str,
    centre: Vec3,
    size: Vec2,
    material: &Handle<StandardMaterial>,
) -> Entity {
    let entity =
        kit.block(&format!("Bag: {id}"), Vec3::new(size.x, size.y, 0.035), centre + Vec3::Y * (size.y / 2.0), material);
    kit.world.entity_mut(entity).insert((Shape(BAG), item(id, "item-bag")));
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
    entity
}

/// A socket: an invisible-until-needed volume that takes certain items, with a faint marker
/// that turns green or red while a carried item is pointed at it. `id` is the level id of the
/// place it stands for (several hooks of one hanger share it).
pub fn socket(
    kit: &mut Kit,
    name: &str,
    id: &str,
    accepts: Vec<Accepts>,
    centre: Vec3,
    size: Vec3,
    seat: Transform,
) -> Entity {
    let palette = kit.palette.clone();
    let entity = kit.part(name, Cuboid::from_size(size), Transform::from_translation(centre), &palette.socket_idle);
    kit.world.entity_mut(entity).insert((
        LevelId::new(id),
        Socket::new(accepts, seat),
        Collider::cuboid(size.x / 2.0, size.y / 2.0, size.z / 2.0),
        Sensor,
    ));
    kit.world.entity_mut(entity).insert(SocketMarker { socket: entity });
    entity
}

/// What the previous batch left that line clearance must find and take out of the area: its
/// record, its printed labels and two of its bags. A level may draw where each lies (a
/// `Random` location): on the bioreactor's bench, where they are kept, or one of the places
/// that take them.
pub const PREVIOUS_BATCH_ITEMS: [&str; 4] =
    ["previous_batch_record", "previous_batch_labels", "media_bag_other_batch", "cell_bag_other_batch"];

/// A place in the room where something of the previous batch may have been left (the
/// cabinet's work surface, a trolley's shelf): `count` spots of `size`, one `step` apart about
/// `centre`, each taking one of the previous batch's items and nothing else, so that a level
/// can plant them there.
pub fn leftover_place(kit: &mut Kit, name: &str, id: &str, centre: Vec3, size: Vec3, step: Vec3, count: usize) {
    for index in 0..count {
        let accepts = PREVIOUS_BATCH_ITEMS.iter().map(|item| Accepts::Item((*item).into())).collect();
        let offset = step * (index as f32 - (count as f32 - 1.0) / 2.0);
        socket(kit, &format!("{name} {index}"), id, accepts, centre + offset, size, Transform::default());
    }
}

/// A standing desk with a review terminal, against a wall, where records are read on screen
/// (the QA and QC review desks): `outward` points from the wall into the room, where the
/// reviewer stands. Returns the terminal's panel (for its station to mark), and the centres of
/// the desk's top and of the screen.
pub fn review_desk(
    kit: &mut Kit,
    station: &str,
    origin: Vec3,
    outward: Vec3,
    idle_screen: (&'static str, &'static str),
    sign_key: &'static str,
) -> (Entity, Vec3, Vec3) {
    // A standing desk, so that the terminal reads at a standing trainee's eye height.
    const DESK_TOP: f32 = 1.0;
    const DEPTH: f32 = 0.6;
    const WIDTH: f32 = 1.4;
    // A 32-inch monitor's area, for a record's page to read.
    const SCREEN: Vec2 = Vec2::new(0.72, 0.44);
    let palette = kit.palette.clone();
    let across = Vec3::Y.cross(outward).normalize();
    let size = (outward.abs() * DEPTH + across.abs() * WIDTH).with_y(0.04);
    let top = origin + Vec3::Y * DESK_TOP;
    let desk = kit.block(&format!("Review desk top: {station}"), size, top - Vec3::Y * 0.02, &palette.plastic_white);
    kit.world.entity_mut(desk).insert((Inspectable, LevelId::new(station), Usable { label_key: "item-review-desk" }));
    for (i, (a, b)) in [(-1.0f32, -1.0f32), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)].into_iter().enumerate() {
        let leg =
            origin + outward * a * (DEPTH / 2.0 - 0.04) + across * b * (WIDTH / 2.0 - 0.04) + Vec3::Y * DESK_TOP / 2.0;
        kit.block(
            &format!("Review desk leg {i}: {station}"),
            Vec3::new(0.04, DESK_TOP - 0.04, 0.04),
            leg,
            &palette.steel,
        );
    }
    // The terminal on its stand, turned a little up to the reviewer's eyes.
    let facing = (outward + Vec3::Y * 0.2).normalize();
    let screen = top - outward * 0.05 + Vec3::Y * 0.36;
    kit.block(
        &format!("Review terminal stand: {station}"),
        Vec3::new(0.06, 0.14, 0.06),
        top - outward * 0.12 + Vec3::Y * 0.07,
        &palette.steel,
    );
    let panel = touchscreen_facing(kit, station, screen, SCREEN, facing, idle_screen);
    kit.sign(
        &format!("Sign: {station}"),
        SignText { keys: &[sign_key], background: WHITE, ink: INK, stripe: Some(GRADE_C_GREEN) },
        1.2,
        0.4,
        origin - outward * (DEPTH / 2.0 + 0.14) + Vec3::Y * 2.3,
        outward,
    );
    (panel, top, screen)
}

/// Takes the item with this level id.
pub fn takes_item(id: &str) -> Vec<Accepts> {
    vec![Accepts::Item(id.into())]
}

/// A station's place in the processing room: its footprint outlined on the floor and its
/// name on a sign above it on the wall. `sign_key` names the station in the translations.
pub fn station_area(kit: &mut Kit, name: &str, sign_key: &'static str, centre: Vec3) {
    let area = centre + Vec3::Z * 0.5;
    outline(kit, &format!("{name} area"), Vec2::new(area.x, area.z), Vec2::new(2.4, 2.0));
    kit.sign(
        &format!("Sign: {name}"),
        SignText { keys: &[sign_key], background: WHITE, ink: INK, stripe: Some(GRADE_B_BLUE) },
        1.9,
        0.42,
        Vec3::new(centre.x, 2.45, -7.89),
        Vec3::Z,
    );
}

/// A station's touchscreen, tilted back a little as an operator looks down at it, showing
/// `title_key` and `detail_key` until the station's live screen replaces them. Returns the
/// panel, which the station marks as its screen.
pub fn touchscreen(
    kit: &mut Kit,
    station: &str,
    centre: Vec3,
    size: Vec2,
    title_key: &'static str,
    detail_key: &'static str,
) -> Entity {
    touchscreen_facing(kit, station, centre, size, Vec3::new(0.0, 0.35, 1.0), (title_key, detail_key))
}

/// A touchscreen turned to face along `facing` (one above eye height tilts down to the
/// operator), showing its idle page until its station draws on it.
pub fn touchscreen_facing(
    kit: &mut Kit,
    station: &str,
    centre: Vec3,
    size: Vec2,
    facing: Vec3,
    (title_key, detail_key): (&'static str, &'static str),
) -> Entity {
    let palette = kit.palette.clone();
    let translations = kit.world.resource::<Translations>();
    let language = *kit.world.resource::<Language>();
    let spec = SignSpec {
        width_px: 512,
        height_px: (512.0 * size.y / size.x) as u32,
        background: [18, 34, 56, 255],
        stripe: Some(([40, 120, 200, 255], 40)),
        lines: vec![
            SignLine { text: translations.get(language, title_key), size_px: 30.0, colour: [235, 245, 255, 255] },
            SignLine { text: translations.get(language, detail_key), size_px: 20.0, colour: [150, 210, 255, 255] },
        ],
    };
    let facing = facing.normalize();
    kit.part(
        &format!("Touchscreen bezel: {station}"),
        Cuboid::new(size.x + 0.04, size.y + 0.04, 0.03),
        Transform::from_translation(centre - facing * 0.017).looking_to(-facing, Vec3::Y),
        &palette.plastic_dark,
    );
    let entity = kit.panel(&format!("Touchscreen: {station}"), &spec, size.x, size.y, centre, facing, true);
    kit.world.entity_mut(entity).insert((
        ScreenButtons { size, buttons: Vec::new() },
        Collider::cuboid(size.x / 2.0, size.y / 2.0, 0.004),
        Usable { label_key: "item-touchscreen" },
    ));
    entity
}

/// A wheeled base under a station.
pub fn cart(kit: &mut Kit, name: &str, origin: Vec3, footprint: Vec2) {
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
pub fn hanging_bag(
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
    kit.world.entity_mut(entity).insert((LevelId::new(id), Shape(BAG)));
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
pub fn tube(kit: &mut Kit, name: &str, from: Vec3, to: Vec3) {
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

/// A place things are put into (a tray, a tote, a bin): its body, its label in both languages
/// and the socket over its opening.
pub struct Receptacle {
    pub name: &'static str,
    pub id: &'static str,
    /// Size, centre and material.
    pub body: (Vec3, Vec3, Handle<StandardMaterial>),
    /// English, Korean, size, offset from the centre and the way it faces.
    pub label: (&'static str, &'static str, Vec2, Vec3, Vec3),
    pub accepts: Vec<Accepts>,
    /// The socket's offset from the centre and its size.
    pub opening: (Vec3, Vec3),
}

/// Builds `place`; returns its socket.
pub fn receptacle(kit: &mut Kit, place: Receptacle) -> Entity {
    let (size, centre, material) = place.body;
    kit.block(place.name, size, centre, &material);
    let (english, korean, label_size, offset, facing) = place.label;
    kit.label(
        &format!("Label: {}", place.name.to_lowercase()),
        english,
        korean,
        label_size.x,
        label_size.y,
        centre + offset,
        facing,
    );
    let socket_name = format!("{} socket", place.name);
    socket(kit, &socket_name, place.id, place.accepts, centre + place.opening.0, place.opening.1, Transform::default())
}

/// A bin in the airlock for garment packs that must not be worn (torn, past their use-by
/// date): set aside there, where nobody takes them by mistake.
pub fn rejected_garments_bin(kit: &mut Kit) {
    let material = kit.palette.marking_red.clone();
    let bin = receptacle(
        kit,
        Receptacle {
            name: "Rejected garments bin",
            id: "rejected_garment_bin",
            body: (Vec3::new(0.32, 0.5, 0.32), Vec3::new(0.3, 0.25, 4.35), material),
            label: (
                "REJECTED PACKS",
                "부적합 포장",
                Vec2::new(0.5, 0.2),
                // On the wall above it, facing the room.
                Vec3::new(0.0, 0.65, -0.23),
                Vec3::Z,
            ),
            accepts: vec![Accepts::Shape(GARMENT_PACK)],
            opening: (Vec3::Y * 0.33, Vec3::new(0.32, 0.16, 0.32)),
        },
    );
    kit.world.entity_mut(bin).insert(TakesAway);
}

/// A rack of labelled sample containers, one item each, with the rack's sign in front.
pub fn sample_rack(
    kit: &mut Kit,
    name: &str,
    sign: (&str, &str),
    at: Vec3,
    containers: &[(&'static str, &str, &str, &'static str)],
) {
    let palette = kit.palette.clone();
    let length = 0.06 * containers.len() as f32 + 0.02;
    kit.block(name, Vec3::new(length, 0.02, 0.06), at + Vec3::Y * 0.01, &palette.accent_blue);
    kit.label(
        &format!("Label: {name}"),
        sign.0,
        sign.1,
        length - 0.02,
        0.05,
        at + Vec3::new(0.0, 0.012, 0.031),
        Vec3::Z,
    );
    let first = -0.03 * (containers.len() as f32 - 1.0);
    for (index, (id, english, korean, label_key)) in containers.iter().enumerate() {
        let place = at + Vec3::new(first + 0.06 * index as f32, 0.05, 0.0);
        let container = kit.part(
            &format!("Sample container {id}"),
            Cylinder::new(0.014, 0.08),
            Transform::from_translation(place),
            &palette.pack,
        );
        kit.world.entity_mut(container).insert((
            item(id, label_key),
            RigidBody::Fixed,
            Collider::cylinder(0.04, 0.014),
        ));
        let tag = kit.label(
            &format!("Label: {id}"),
            english,
            korean,
            0.05,
            0.02,
            place + Vec3::new(0.0, 0.0, 0.015),
            Vec3::Z,
        );
        kit.world.entity_mut(tag).insert((ChildOf(container), Transform::from_xyz(0.0, 0.0, 0.015)));
    }
}

/// A waste bin for spent bags (`waste_bin`): what goes in is discarded.
pub fn waste_bin(kit: &mut Kit, name: &'static str, centre: Vec3) -> Entity {
    let material = kit.palette.plastic_grey.clone();
    let bin = receptacle(
        kit,
        Receptacle {
            name,
            id: "waste_bin",
            body: (Vec3::new(0.35, 0.6, 0.35), centre, material),
            label: ("BIOHAZARD WASTE", "의료 폐기물", Vec2::new(0.3, 0.1), Vec3::new(0.0, 0.15, 0.176), Vec3::Z),
            accepts: vec![Accepts::Shape(BAG)],
            opening: (Vec3::Y * 0.4, Vec3::new(0.35, 0.2, 0.35)),
        },
    );
    kit.world.entity_mut(bin).insert(Discards);
    bin
}

/// A rotary knob on a panel: which control it is, where it sits (its axis along the panel's
/// normal), its size and range.
pub struct Knob {
    pub name: &'static str,
    pub id: &'static str,
    pub pose: Transform,
    pub radius: f32,
    pub min: f32,
    pub max: f32,
    /// One detent's change (a scroll notch, a twelfth of a wrist turn).
    pub step: f32,
    pub units: &'static str,
    pub label_key: &'static str,
}

/// Builds `knob` with a white pointer showing its value; it starts at its minimum and three
/// quarters of a turn covers its range, as on a typical panel knob. Returns the knob.
pub fn rotary_knob(kit: &mut Kit, knob: Knob) -> Entity {
    let palette = kit.palette.clone();
    let dial = kit.part(knob.name, Cylinder::new(knob.radius, 0.03), knob.pose, &palette.plastic_dark);
    let pointer = kit.trim(
        &format!("{} pointer", knob.name),
        Vec3::new(knob.radius * 0.2, 0.032, knob.radius * 0.86),
        Vec3::ZERO,
        &palette.plastic_white,
    );
    kit.world.entity_mut(pointer).insert((ChildOf(dial), Transform::from_xyz(0.0, 0.016, -knob.radius * 0.5)));
    kit.world.entity_mut(dial).insert((
        LevelId::new(knob.id),
        Dial {
            value: knob.min,
            min: knob.min,
            max: knob.max,
            rate: knob.step / (std::f32::consts::PI / 12.0),
            units: knob.units,
            step: knob.step,
            motion: DialMotion::Rotary { sweep: 1.5 * std::f32::consts::PI },
            rest: knob.pose,
        },
        Collider::cylinder(0.015, knob.radius),
        Usable { label_key: knob.label_key },
    ));
    dial
}
