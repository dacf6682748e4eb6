//! Sliding doors and hatch doors, with the interlock that keeps one side of an airlock shut
//! while the other is open.

use bevy::prelude::*;
use bevy_rapier3d::prelude::*;

use super::kit::Kit;
use cleanroom_core::procedure::Action;

use crate::actions::{ActionReplayed, LevelId, TraineeActed, TraineeNotified};
use crate::interaction::semantic::{Control, Surface};
use crate::interaction::{Usable, Used};
use crate::layout;
use crate::screens::Screen;

/// How fast a door slides, in fractions of its travel per second.
const DOOR_SPEED: f32 = 1.4;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Session), shut_every_door.in_set(crate::SessionSystems::Reset));
    app.add_systems(Update, (operate_doors, replay_doors).in_set(crate::AppSystems::Translate));
    app.add_systems(Update, slide_doors.in_set(crate::AppSystems::Present));
}

/// Every session starts with the doors shut.
fn shut_every_door(mut doors: Query<&mut Door>) {
    for mut door in &mut doors {
        door.open = false;
        door.progress = 0.0;
    }
}

/// Door groups in which only one door may be open at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interlock {
    GowningAirlock,
    PassThrough,
}

/// A sliding door leaf. `travel` is where the leaf goes when fully open, relative to `closed`.
#[derive(Component, Debug, Clone)]
pub struct Door {
    pub closed: Vec3,
    pub travel: Vec3,
    pub open: bool,
    /// 0 = shut, 1 = fully open.
    pub progress: f32,
    pub interlock: Option<Interlock>,
}

impl Door {
    /// Not fully shut: an interlock treats a door that is still moving as open.
    pub fn is_ajar(&self) -> bool {
        self.open || self.progress > 0.0
    }
}

/// Whether `door` may open now, given every door. Doors of the same interlock group block it
/// while any of them is ajar.
pub fn may_open<'a>(door: &Door, entity: Entity, doors: impl IntoIterator<Item = (Entity, &'a Door)>) -> bool {
    let Some(group) = door.interlock else {
        return true;
    };
    doors
        .into_iter()
        .all(|(other_entity, other)| other_entity == entity || other.interlock != Some(group) || !other.is_ajar())
}

pub fn spawn_doors(kit: &mut Kit) {
    let palette = kit.palette.clone();
    let leaf = Vec3::new(layout::DOOR_WIDTH - 0.02, layout::DOOR_HEIGHT - 0.02, 0.06);
    for (id, label, centre) in [
        ("corridor_door", "door-corridor", layout::CORRIDOR_DOOR),
        ("processing_door", "door-processing", layout::PROCESSING_DOOR),
    ] {
        // Slides along the airlock side of the wall, towards +x.
        let closed = centre + Vec3::new(0.0, 0.0, if centre.z > 6.0 { -0.14 } else { 0.14 });
        let entity = door_leaf(kit, id, label, closed, leaf, Vec3::X * 1.05, Interlock::GowningAirlock, &palette.door);
        let window = kit.trim(
            &format!("{id} vision panel"),
            Vec3::new(0.4, 0.5, 0.065),
            Vec3::new(0.0, 0.35, 0.0),
            &palette.glass,
        );
        kit.world.entity_mut(window).insert(ChildOf(entity));
        let handle =
            kit.trim(&format!("{id} handle"), Vec3::new(0.03, 0.35, 0.1), Vec3::new(-0.42, 0.0, 0.0), &palette.steel);
        kit.world.entity_mut(handle).insert(ChildOf(entity));
        // Pushing the leaf by hand touches a non-sterile surface.
        kit.world.entity_mut(entity).insert((Surface, LevelId::new("airlock_door_handle")));
        // Push buttons either side of the wall, beside the opening, as cleanroom doors have.
        for side in [-1.0f32, 1.0] {
            let button =
                door_button(kit, id, label, entity, Vec3::new(-1.85, 1.2, centre.z + side * 0.115), Vec3::Z * side);
            // Leaving the airlock for Grade B is a step of the gowning procedure.
            if id == "processing_door" && side > 0.0 {
                kit.world.entity_mut(button).insert((Control, LevelId::new("airlock_inner_door")));
            }
        }
        // Interlock status lamp over the door, on both faces.
        for side in [-1.0f32, 1.0] {
            let lamp = kit.trim(
                &format!("{id} interlock lamp"),
                Vec3::new(0.12, 0.06, 0.03),
                centre + Vec3::new(0.0, 1.12, side * 0.12),
                &palette.indicator_green,
            );
            kit.world.entity_mut(lamp).insert(InterlockLamp { door: entity });
        }
    }
    let hatch_leaf = Vec3::new(layout::HATCH_SIZE.x - 0.04, layout::HATCH_SIZE.y - 0.04, 0.02);
    for (id, z) in [("hatch_corridor_door", 8.0 + 0.31), ("hatch_room_door", 8.0 - 0.31)] {
        let centre = Vec3::new(layout::HATCH.x, layout::HATCH.y, z);
        let entity = door_leaf(
            kit,
            id,
            "door-hatch",
            centre,
            hatch_leaf,
            Vec3::Y * (layout::HATCH_SIZE.y - 0.08),
            Interlock::PassThrough,
            &palette.glass,
        );
        let side = if z > 8.0 { 1.0 } else { -1.0 };
        door_button(
            kit,
            id,
            "door-hatch",
            entity,
            Vec3::new(layout::HATCH.x - 0.62, layout::HATCH.y, 8.0 + side * 0.115),
            Vec3::Z * side,
        );
        // Opening and closing the hatch is part of material transfer: each time the door moves
        // it is reported as a press of it, so the model's doors follow the world's.
        kit.world.entity_mut(entity).insert((ReportsPress, LevelId::new(id)));
    }
}

fn door_leaf(
    kit: &mut Kit,
    id: &'static str,
    label: &'static str,
    closed: Vec3,
    size: Vec3,
    travel: Vec3,
    interlock: Interlock,
    material: &Handle<StandardMaterial>,
) -> Entity {
    let entity =
        kit.part(&format!("Door: {id}"), Cuboid::from_size(size), Transform::from_translation(closed), material);
    kit.world.entity_mut(entity).insert((
        Door { closed, travel, open: false, progress: 0.0, interlock: Some(interlock) },
        Usable { label_key: label },
        RigidBody::KinematicPositionBased,
        Collider::cuboid(size.x / 2.0, size.y / 2.0, size.z / 2.0),
    ));
    entity
}

/// A door whose opening and closing a level follows: each time it moves it is reported as a
/// press of the control its level id names. Only a door that moves is reported, so the world's
/// interlock (which holds a door while the other is still closing) and the model's agree.
#[derive(Component, Debug, Clone, Copy)]
pub struct ReportsPress;

/// A wall push button that opens and closes a door.
#[derive(Component, Debug, Clone, Copy)]
pub struct DoorButton {
    pub door: Entity,
}

fn door_button(kit: &mut Kit, id: &str, label: &'static str, door: Entity, centre: Vec3, facing: Vec3) -> Entity {
    let palette = kit.palette.clone();
    let plate =
        kit.trim(&format!("{id} button plate"), Vec3::new(0.12, 0.16, 0.012), centre - facing * 0.008, &palette.steel);
    let _ = plate;
    let button = kit.block(&format!("{id} button"), Vec3::new(0.07, 0.07, 0.02), centre, &palette.accent_blue);
    kit.world.entity_mut(button).insert((DoorButton { door }, Usable { label_key: label }));
    button
}

/// A lamp that shows green while its door may be opened and red while the interlock holds it.
#[derive(Component, Debug, Clone, Copy)]
pub struct InterlockLamp {
    pub door: Entity,
}

fn operate_doors(
    mut used: MessageReader<Used>,
    buttons: Query<&DoorButton>,
    mut doors: Query<(Entity, &mut Door)>,
    reported: Query<&LevelId, With<ReportsPress>>,
    mut notices: MessageWriter<TraineeNotified>,
    mut actions: MessageWriter<TraineeActed>,
) {
    for event in used.read() {
        let target = buttons.get(event.target).map_or(event.target, |button| button.door);
        let Ok((entity, door)) = doors.get(target) else {
            continue;
        };
        let opening = !door.open;
        if opening && !may_open(door, entity, doors.iter()) {
            notices.write(TraineeNotified { key: "hud-interlock" });
            continue;
        }
        if let Ok((_, mut door)) = doors.get_mut(target) {
            door.open = opening;
            notices.write(TraineeNotified { key: if opening { "hud-door-open" } else { "hud-door-closed" } });
            if let Ok(id) = reported.get(target) {
                actions.write(TraineeActed(Action::Press { control: id.0.clone() }));
            }
        }
    }
}

/// A replayed press of a door a level follows (a prerequisite's or a demonstration's path)
/// moves it as the trainee's press did.
fn replay_doors(
    mut replayed: MessageReader<ActionReplayed>,
    mut doors: Query<(&LevelId, &mut Door), With<ReportsPress>>,
) {
    for event in replayed.read() {
        let Action::Press { control } = &event.action else {
            continue;
        };
        for (id, mut door) in &mut doors {
            if id.as_str() == control {
                door.open = !door.open;
            }
        }
    }
}

fn slide_doors(
    time: Res<Time>,
    mut doors: Query<(Entity, &mut Door, &mut Transform)>,
    mut lamps: Query<(&InterlockLamp, &mut MeshMaterial3d<StandardMaterial>)>,
    palette: Option<Res<super::kit::Palette>>,
) {
    for (_, mut door, mut transform) in &mut doors {
        let target = if door.open { 1.0 } else { 0.0 };
        let step = DOOR_SPEED * time.delta_secs();
        let progress = if door.progress < target {
            (door.progress + step).min(target)
        } else {
            (door.progress - step).max(target)
        };
        if progress != door.progress {
            door.progress = progress;
        }
        transform.translation = door.closed + door.travel * door.progress;
    }
    let Some(palette) = palette else {
        return;
    };
    for (lamp, mut material) in &mut lamps {
        let Ok((entity, door, _)) = doors.get(lamp.door) else {
            continue;
        };
        let free = door.is_ajar() || may_open(door, entity, doors.iter().map(|(e, d, _)| (e, d)));
        let wanted = if free { &palette.indicator_green } else { &palette.indicator_red };
        if material.0 != *wanted {
            material.0 = wanted.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn door(interlock: Option<Interlock>, open: bool) -> Door {
        Door { closed: Vec3::ZERO, travel: Vec3::X, open, progress: if open { 1.0 } else { 0.0 }, interlock }
    }

    #[test]
    fn an_airlock_door_stays_shut_while_the_other_is_open() {
        let (a, b) = (Entity::from_raw_u32(1).expect("valid"), Entity::from_raw_u32(2).expect("valid"));
        let inner = door(Some(Interlock::GowningAirlock), false);
        let outer_open = door(Some(Interlock::GowningAirlock), true);
        assert!(!may_open(&inner, a, [(a, &inner), (b, &outer_open)]));
        let outer_shut = door(Some(Interlock::GowningAirlock), false);
        assert!(may_open(&inner, a, [(a, &inner), (b, &outer_shut)]));
    }

    #[test]
    fn doors_of_other_groups_do_not_interlock() {
        let (a, b) = (Entity::from_raw_u32(1).expect("valid"), Entity::from_raw_u32(2).expect("valid"));
        let airlock = door(Some(Interlock::GowningAirlock), false);
        let hatch_open = door(Some(Interlock::PassThrough), true);
        assert!(may_open(&airlock, a, [(a, &airlock), (b, &hatch_open)]));
    }

    #[test]
    fn a_closing_door_still_counts_as_open() {
        let mut closing = door(Some(Interlock::GowningAirlock), false);
        closing.progress = 0.3;
        assert!(closing.is_ajar());
    }
}
