//! The transfer trolley, its items and wipes, the reject tray, the hatch's inside and the
//! receipt trolley on the room's side.

use bevy::prelude::*;
use bevy_rapier3d::prelude::{Collider, RigidBody, Sensor};
use cleanroom_core::stations::material_transfer::{HATCH, ITEMS, RECEIPT, REJECT, TEARS, WIPES};

use crate::actions::LevelId;
use crate::cleanroom::equipment::{Receptacle, item, receptacle, socket, touchscreen_facing};
use crate::cleanroom::kit::Kit;
use crate::interaction::items::{Discards, Refill};
use crate::interaction::semantic::Wipe;
use crate::interaction::semantic::{Control, LookedOverWhenPicked};
use crate::interaction::{Accepts, Home, Usable};
use crate::layout;
use crate::stations::station::{ModelPart, StationDef, StationScreen};

/// The bin for spent wipes (not a model object: throwing a wipe away is a discard).
const WIPE_BIN: &str = "transfer_wipe_bin";

/// The trolleys' tops, above the floor, and the corridor trolley's size.
const TOP: f32 = 0.9;
const TROLLEY: Vec2 = Vec2::new(0.8, 0.6);
/// Each item's size, and the wrap's margin round it.
const ITEM_SIZES: [Vec3; 3] = [Vec3::new(0.2, 0.12, 0.16), Vec3::new(0.22, 0.05, 0.18), Vec3::new(0.12, 0.1, 0.1)];
const WRAP_MARGIN: f32 = 0.012;
/// The receipt trolley on the room's side of the hatch.
const RECEIPT_AT: Vec3 = Vec3::new(6.1, 0.0, 7.45);

pub fn build(kit: &mut Kit, station: &'static StationDef) {
    let palette = kit.palette.clone();
    let origin = station.position;
    let top = origin + Vec3::Y * TOP;
    let trolley_top = trolley(kit, "Transfer trolley", origin, TROLLEY);
    kit.world.entity_mut(trolley_top).insert(LevelId::new(station.id));
    // The hatch's status panel on the corridor wall beside it: its doors and each item's place.
    let panel = touchscreen_facing(
        kit,
        station.id,
        Vec3::new(layout::HATCH.x + 0.88, 1.5, 8.12),
        Vec2::new(0.56, 0.42),
        Vec3::Z,
        station.idle_screen,
    );
    kit.world.entity_mut(panel).insert(StationScreen { station });
    // The sign hangs from the trolley's front edge, readable from where the trainee stands.
    kit.block(
        "Transfer trolley sign",
        Vec3::new(0.7, 0.2, 0.01),
        top + Vec3::new(0.0, -0.13, TROLLEY.y / 2.0 + 0.006),
        &palette.plastic_white,
    );
    kit.label(
        "Label: transfer trolley",
        "MATERIAL TO GRADE B",
        "B등급 반입 자재",
        0.66,
        0.16,
        top + Vec3::new(0.0, -0.13, TROLLEY.y / 2.0 + 0.012),
        Vec3::Z,
    );
    let accepts = || ITEMS.iter().map(|(id, _)| Accepts::Item((*id).into())).collect::<Vec<_>>();
    for (index, ((id, wrap), size)) in ITEMS.iter().zip(ITEM_SIZES).enumerate() {
        let at = top + Vec3::new(-0.25 + 0.22 * index as f32, size.y / 2.0, 0.08);
        wrapped_item(kit, id, wrap, TEARS[index], at, size);
    }
    // The wipes: a canister, and a wipe drawn from it to hold while wiping.
    let canister_at = top + Vec3::new(0.28, 0.0, -0.16);
    let canister = kit.cylinder(
        "Sporicidal wipes canister",
        0.05,
        0.16,
        Transform::from_translation(canister_at + Vec3::Y * 0.08),
        &palette.plastic_white,
    );
    kit.world.entity_mut(canister).insert(LevelId::new(WIPES));
    kit.label(
        "Label: sporicidal wipes",
        "SPORICIDAL WIPES",
        "살포자제 와이프",
        0.14,
        0.04,
        canister_at + Vec3::new(0.0, 0.09, 0.052),
        Vec3::Z,
    );
    let wipe = kit.part(
        "Sporicidal wipe",
        Cuboid::new(0.1, 0.01, 0.1),
        Transform::from_translation(canister_at + Vec3::Y * 0.175),
        &palette.gown,
    );
    let wipe_home = Transform::from_translation(canister_at + Vec3::Y * 0.175);
    kit.world.entity_mut(wipe).insert((
        item("sporicidal_wipe", "item-sporicidal-wipe"),
        Wipe { from: WIPES },
        Refill { home: wipe_home },
        RigidBody::Fixed,
        Collider::cuboid(0.05, 0.005, 0.05),
    ));
    // A bin for spent wipes between the hatch and the trolley: a fresh wipe is then ready.
    let bin_at = origin + Vec3::new(-0.62, 0.225, -0.2);
    let bin = receptacle(
        kit,
        Receptacle {
            name: "Used wipes bin",
            id: WIPE_BIN,
            body: (Vec3::new(0.3, 0.45, 0.3), bin_at, palette.plastic_grey.clone()),
            label: ("USED WIPES", "사용한 와이프", Vec2::new(0.28, 0.11), Vec3::new(0.0, 0.1, 0.151), Vec3::Z),
            accepts: vec![Accepts::Item("sporicidal_wipe".into())],
            opening: (Vec3::Y * 0.3, Vec3::new(0.3, 0.2, 0.3)),
        },
    );
    kit.world.entity_mut(bin).insert(Discards);
    // The reject tray for an item that must not go in.
    receptacle(
        kit,
        Receptacle {
            name: "Transfer reject tray",
            id: REJECT,
            body: (Vec3::new(0.3, 0.05, 0.22), top + Vec3::new(-0.2, 0.025, -0.17), palette.marking_red.clone()),
            label: ("DO NOT TRANSFER", "반입 금지", Vec2::new(0.28, 0.05), Vec3::new(0.0, 0.0, -0.112), -Vec3::Z),
            accepts: accepts(),
            opening: (Vec3::Y * 0.07, Vec3::new(0.28, 0.1, 0.2)),
        },
    );
    // The hatch's inside: a place for each item, reached through whichever door is open.
    for index in 0..ITEMS.len() {
        socket(
            kit,
            &format!("Pass-through hatch place {index}"),
            HATCH,
            accepts(),
            Vec3::new(layout::HATCH.x - 0.25 + 0.25 * index as f32, layout::HATCH.y - 0.2, 8.0),
            Vec3::new(0.22, 0.2, 0.4),
            Transform::default(),
        );
    }
    // The receipt trolley on the room's side, where the unwrapped items are put.
    trolley(kit, "Receipt trolley", RECEIPT_AT, Vec2::new(0.6, 0.5));
    kit.label(
        "Label: receipt trolley",
        "RECEIVED INTO GRADE B",
        "B등급 반입 완료",
        0.56,
        0.12,
        RECEIPT_AT + Vec3::new(0.0, TOP - 0.08, -0.252),
        -Vec3::Z,
    );
    for index in 0..ITEMS.len() {
        socket(
            kit,
            &format!("Receipt trolley place {index}"),
            RECEIPT,
            accepts(),
            RECEIPT_AT + Vec3::new(-0.19 + 0.19 * index as f32, TOP + 0.09, 0.0),
            Vec3::new(0.18, 0.16, 0.4),
            Transform::default(),
        );
    }
}

/// A steel trolley: a top and a shelf on four legs. Returns the top.
fn trolley(kit: &mut Kit, name: &str, origin: Vec3, size: Vec2) -> Entity {
    let palette = kit.palette.clone();
    let top = kit.block(
        &format!("{name} top"),
        Vec3::new(size.x, 0.03, size.y),
        origin + Vec3::Y * (TOP - 0.015),
        &palette.steel,
    );
    kit.block(&format!("{name} shelf"), Vec3::new(size.x, 0.03, size.y), origin + Vec3::Y * 0.25, &palette.steel);
    for (i, (a, b)) in [(-1.0f32, -1.0f32), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)].into_iter().enumerate() {
        let leg = origin + Vec3::new(a * (size.x / 2.0 - 0.03), TOP / 2.0, b * (size.y / 2.0 - 0.03));
        kit.block(&format!("{name} leg {i}"), Vec3::new(0.03, TOP, 0.03), leg, &palette.steel);
    }
    top
}

/// An item in its outer wrap: the wrap is a part the model takes off (press it at the
/// boundary), with a tear mark the model shows where the level tears it.
fn wrapped_item(kit: &mut Kit, id: &'static str, wrap: &'static str, tear: &'static str, at: Vec3, size: Vec3) {
    let palette = kit.palette.clone();
    let body =
        kit.part(&format!("Item: {id}"), Cuboid::from_size(size), Transform::from_translation(at), &palette.pack);
    kit.world.entity_mut(body).insert((
        item(id, "item-transfer-item"),
        LookedOverWhenPicked,
        // Looked over and let go within reach of the trolley, it goes back on it.
        Home { transform: Transform::from_translation(at), radius: 0.8 },
        RigidBody::Fixed,
        Collider::cuboid(size.x / 2.0, size.y / 2.0, size.z / 2.0),
    ));
    let wrapped = Transform::default();
    let off = Transform::from_scale(Vec3::ZERO);
    let wrap_part = kit.part(
        &format!("Outer wrap: {id}"),
        Cuboid::from_size(size + Vec3::splat(2.0 * WRAP_MARGIN)),
        wrapped,
        &palette.film,
    );
    kit.world.entity_mut(wrap_part).insert((
        ChildOf(body),
        ModelPart { part: wrap, on: wrapped, off },
        Control,
        LevelId::new(wrap),
        // A sensor: the pointer finds it, and carried with the item it pushes nothing.
        Collider::cuboid(size.x / 2.0 + WRAP_MARGIN, size.y / 2.0 + WRAP_MARGIN, size.z / 2.0 + WRAP_MARGIN),
        Sensor,
        Usable { label_key: "item-outer-wrap" },
    ));
    let torn = Transform::from_xyz(size.x * 0.2, size.y / 2.0 + WRAP_MARGIN + 0.001, 0.0);
    let mark = kit.part(
        &format!("Wrap tear: {id}"),
        Cuboid::new(size.x * 0.4, 0.002, 0.012),
        Transform::from_scale(Vec3::ZERO),
        &palette.plastic_dark,
    );
    kit.world.entity_mut(mark).insert((ChildOf(body), ModelPart { part: tear, on: torn, off }));
}
