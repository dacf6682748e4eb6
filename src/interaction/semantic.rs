//! Turns what the trainee did with the world into the semantic actions of the level format:
//! the only place that knows which object means what to a procedure.

use std::collections::BTreeSet;

use bevy::prelude::*;
use cleanroom_core::procedure::{Action, SanitiseTarget};

use super::{Grabbed, Held, Used};
use crate::input::HandState;
use crate::procedure::TraineeAction;
use crate::screens::Screen;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Worn>();
    app.add_systems(OnEnter(Screen::Session), |mut worn: ResMut<Worn>| worn.0.clear());
    app.add_systems(
        Update,
        (report_uses, report_grabs, wear_held_garments)
            .in_set(crate::AppSystems::React)
            .before(crate::procedure::ProcedureSystems::Run)
            .before(crate::stations::StationSystems::Operate),
    );
}

/// A packed garment: using it puts it on, picking it up inspects it.
#[derive(Component, Debug, Clone)]
pub struct Garment {
    pub id: String,
}

/// A hand-wash sink or a sanitiser dispenser, by level id.
#[derive(Component, Debug, Clone)]
pub struct Sanitiser {
    pub id: String,
    /// A sink washes bare hands; a dispenser sanitises whatever is on the hands.
    pub sink: bool,
}

/// Something to look at closely (a mirror, a poster): using it inspects it.
#[derive(Component, Debug, Clone)]
pub struct Inspectable {
    pub id: String,
}

/// A surface a hand can touch; levels make non-sterile touches matter.
#[derive(Component, Debug, Clone)]
pub struct Surface {
    pub id: String,
}

/// A button or switch, by level control id.
#[derive(Component, Debug, Clone)]
pub struct Control {
    pub id: String,
}

/// A bin for used garments: using it takes off the outermost gloves.
#[derive(Component, Debug, Clone, Copy)]
pub struct GarmentBin;

/// The garments the trainee has on, in the order put on.
#[derive(Resource, Debug, Default)]
pub struct Worn(pub BTreeSet<String>);

impl Worn {
    /// Whether any gloves are on: then sanitising treats the gloves, not bare hands.
    pub fn gloved(&self) -> bool {
        self.0.iter().any(|garment| garment.contains("gloves"))
    }
}

fn report_uses(
    mut commands: Commands,
    mut used: MessageReader<Used>,
    garments: Query<&Garment>,
    sanitisers: Query<&Sanitiser>,
    inspectables: Query<&Inspectable>,
    surfaces: Query<&Surface>,
    controls: Query<&Control>,
    bins: Query<(), With<GarmentBin>>,
    mut worn: ResMut<Worn>,
    mut actions: MessageWriter<TraineeAction>,
) {
    for event in used.read() {
        let target = event.target;
        if let Ok(surface) = surfaces.get(target) {
            actions.write(TraineeAction(Action::Touch { surface: surface.id.clone() }));
        }
        if let Ok(control) = controls.get(target) {
            actions.write(TraineeAction(Action::Press { control: control.id.clone() }));
        }
        if let Ok(garment) = garments.get(target) {
            actions.write(TraineeAction(Action::Wear { garment: garment.id.clone() }));
            worn.0.insert(garment.id.clone());
            // On the trainee now, no longer on the shelf.
            commands.entity(target).insert(super::items::PutAway);
        }
        if let Ok(sanitiser) = sanitisers.get(target) {
            let target = if !sanitiser.sink && worn.gloved() { SanitiseTarget::Gloves } else { SanitiseTarget::Hands };
            actions.write(TraineeAction(Action::Sanitise { target, with: Some(sanitiser.id.clone()) }));
        }
        if let Ok(inspectable) = inspectables.get(target) {
            actions.write(TraineeAction(Action::Inspect { object: inspectable.id.clone() }));
        }
        if bins.contains(target) {
            let outermost = worn
                .0
                .iter()
                .filter(|garment| garment.contains("gloves"))
                .max_by_key(|garment| glove_layer(garment))
                .cloned();
            if let Some(gloves) = outermost {
                worn.0.remove(&gloves);
                actions.write(TraineeAction(Action::TakeOff { garment: gloves }));
            }
        }
    }
}

/// Outer gloves go over the first sterile pair.
fn glove_layer(garment: &str) -> u8 {
    if garment.starts_with("outer") { 1 } else { 0 }
}

fn report_grabs(
    mut grabbed: MessageReader<Grabbed>,
    garments: Query<&Garment>,
    mut actions: MessageWriter<TraineeAction>,
) {
    for event in grabbed.read() {
        if let Ok(garment) = garments.get(event.item) {
            // Picking a pack up is how its packaging and hold time are checked.
            actions.write(TraineeAction(Action::Inspect { object: garment.id.clone() }));
        }
    }
}

/// Using a garment pack while holding it (after checking it) opens it and puts it on.
fn wear_held_garments(
    mut commands: Commands,
    hands: Query<&HandState>,
    held: Query<(Entity, &Held, &Garment)>,
    mut worn: ResMut<Worn>,
    mut actions: MessageWriter<TraineeAction>,
) {
    for (item, held, garment) in &held {
        if hands.get(held.hand).is_ok_and(|hand| hand.use_.pressed) {
            actions.write(TraineeAction(Action::Wear { garment: garment.id.clone() }));
            worn.0.insert(garment.id.clone());
            commands.entity(item).remove::<super::Held>().insert(super::items::PutAway);
        }
    }
}
