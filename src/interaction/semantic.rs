//! Turns what the trainee did with the world into the semantic actions of the level format:
//! the only place that knows which object means what to a procedure.

use std::collections::BTreeMap;

use bevy::prelude::*;
use cleanroom_core::procedure::{Action, SanitiseTarget};

use super::items::{Item, PutAway};
use super::pointing::{Focus, Grabbed, Held, Used};
use crate::actions::{LevelId, TraineeActed};
use crate::input::HandState;
use crate::screens::Screen;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Worn>();
    app.add_systems(
        OnEnter(Screen::Session),
        (|mut worn: ResMut<Worn>| worn.0.clear()).in_set(crate::SessionSystems::Reset),
    );
    app.add_systems(
        Update,
        (report_uses, report_grabs, wear_held_garments, wipe_with_held).in_set(crate::AppSystems::Translate),
    );
}

/// A packed garment: using it puts it on, picking it up inspects it.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct Garment {
    /// For gloves, which pair: 0 the first sterile pair, 1 the outer pair over it.
    pub glove_layer: Option<u8>,
}

/// A hand-wash sink or a sanitiser dispenser.
#[derive(Component, Debug, Clone, Copy)]
pub struct Sanitiser {
    /// A sink washes bare hands; a dispenser sanitises whatever is on the hands.
    pub sink: bool,
}

/// Something to look at closely (a mirror, a poster): using it inspects it.
#[derive(Component, Debug, Clone, Copy)]
pub struct Inspectable;

/// A surface a hand can touch; levels make non-sterile touches matter.
#[derive(Component, Debug, Clone, Copy)]
pub struct Surface;

/// A button or switch: using it presses it.
#[derive(Component, Debug, Clone, Copy)]
pub struct Control;

/// A bin for used garments: using it takes off the outermost gloves.
#[derive(Component, Debug, Clone, Copy)]
pub struct GarmentBin;

/// The garments the trainee has on, with each one's glove layer (None for other garments).
#[derive(Resource, Debug, Default)]
pub struct Worn(pub BTreeMap<String, Option<u8>>);

impl Worn {
    /// Whether any gloves are on: then sanitising treats the gloves, not bare hands.
    pub fn gloved(&self) -> bool {
        self.0.values().any(Option::is_some)
    }

    /// The outermost pair of gloves on, if any.
    fn outermost_gloves(&self) -> Option<String> {
        self.0.iter().filter_map(|(id, layer)| layer.map(|layer| (layer, id))).max().map(|(_, id)| id.clone())
    }
}

fn report_uses(
    mut commands: Commands,
    mut used: MessageReader<Used>,
    ids: Query<&LevelId>,
    garments: Query<&Garment>,
    sanitisers: Query<&Sanitiser>,
    inspectables: Query<(), With<Inspectable>>,
    surfaces: Query<(), With<Surface>>,
    controls: Query<(), With<Control>>,
    bins: Query<(), With<GarmentBin>>,
    mut worn: ResMut<Worn>,
    mut actions: MessageWriter<TraineeActed>,
) {
    for event in used.read() {
        let target = event.target;
        if bins.contains(target) {
            if let Some(gloves) = worn.outermost_gloves() {
                worn.0.remove(&gloves);
                actions.write(TraineeActed(Action::TakeOff { garment: gloves }));
            }
            continue;
        }
        let Ok(id) = ids.get(target) else {
            continue;
        };
        let id = id.0.clone();
        if surfaces.contains(target) {
            actions.write(TraineeActed(Action::Touch { surface: id.clone() }));
        }
        if controls.contains(target) {
            actions.write(TraineeActed(Action::Press { control: id.clone() }));
        }
        if let Ok(garment) = garments.get(target) {
            actions.write(TraineeActed(Action::Wear { garment: id.clone() }));
            worn.0.insert(id.clone(), garment.glove_layer);
            // On the trainee now, no longer on the shelf.
            commands.entity(target).insert(PutAway);
        }
        if let Ok(sanitiser) = sanitisers.get(target) {
            let treated = if !sanitiser.sink && worn.gloved() { SanitiseTarget::Gloves } else { SanitiseTarget::Hands };
            actions.write(TraineeActed(Action::Sanitise { target: treated, with: Some(id.clone()) }));
        }
        if inspectables.contains(target) {
            actions.write(TraineeActed(Action::Inspect { object: id }));
        }
    }
}

/// An item whose wrapping is looked over by picking it up and turning it in the hand (a wrapped
/// item at material transfer): picking it up inspects it, as it does a garment pack.
#[derive(Component, Debug, Clone, Copy)]
pub struct LookedOverWhenPicked;

fn report_grabs(
    mut grabbed: MessageReader<Grabbed>,
    garments: Query<&LevelId, With<Garment>>,
    items: Query<(&LevelId, Has<LookedOverWhenPicked>), (With<Item>, Without<Garment>)>,
    mut actions: MessageWriter<TraineeActed>,
) {
    for event in grabbed.read() {
        if let Ok(garment) = garments.get(event.item) {
            // Picking a pack up is how its packaging and hold time are checked.
            actions.write(TraineeActed(Action::Inspect { object: garment.0.clone() }));
        } else if let Ok((item, looked_over)) = items.get(event.item) {
            if looked_over {
                actions.write(TraineeActed(Action::Inspect { object: item.0.clone() }));
            }
            actions.write(TraineeActed(Action::Grab { item: item.0.clone() }));
        }
    }
}

/// Using a garment pack while holding it (after checking it) opens it and puts it on.
fn wear_held_garments(
    mut commands: Commands,
    hands: Query<&HandState>,
    held: Query<(Entity, &Held, &LevelId, &Garment)>,
    mut worn: ResMut<Worn>,
    mut actions: MessageWriter<TraineeActed>,
) {
    for (item, held, id, garment) in &held {
        if hands.get(held.hand).is_ok_and(|hand| hand.use_.pressed) {
            actions.write(TraineeActed(Action::Wear { garment: id.0.clone() }));
            worn.0.insert(id.0.clone(), garment.glove_layer);
            commands.entity(item).remove::<Held>().insert(PutAway);
        }
    }
}

/// A disinfectant wipe (from a canister of them): held in a hand, using it on an item or a
/// surface wipes that, as `Sanitise { target: Surface(it), with: the canister }`. A spent one
/// thrown away is replaced by a fresh one from the canister (give it a `Refill`).
#[derive(Component, Debug, Clone, Copy)]
pub struct Wipe {
    /// The level id of the canister the wipe comes from.
    pub from: &'static str,
}

/// Using a held wipe on what the hand points at wipes the item or surface it belongs to (the
/// wrap of a wrapped item counts as the item).
fn wipe_with_held(
    hands: Query<(&HandState, &Focus)>,
    wipes: Query<(Entity, &Wipe, &Held)>,
    targets: Query<&LevelId, Or<(With<Item>, With<Surface>)>>,
    parents: Query<&ChildOf>,
    mut actions: MessageWriter<TraineeActed>,
) {
    for (wipe_entity, wipe, held) in &wipes {
        let Ok((state, focus)) = hands.get(held.hand) else {
            continue;
        };
        if !state.use_.pressed {
            continue;
        }
        let target = focus.target.and_then(|target| {
            std::iter::successors(Some(target), |entity| parents.get(*entity).ok().map(ChildOf::parent))
                .find_map(|entity| targets.get(entity).ok().map(|id| (entity, id)))
        });
        if let Some((entity, id)) = target
            && entity != wipe_entity
            && id.as_str() != wipe.from
        {
            actions.write(TraineeActed(Action::Sanitise {
                target: SanitiseTarget::Surface(id.0.clone()),
                with: Some(wipe.from.to_owned()),
            }));
        }
    }
}
