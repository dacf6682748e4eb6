//! What the trainee sees and feels of the interaction: a glow on what the hand points at, the
//! level's highlighted objects in guided mode, and a haptic pulse in the headset when
//! something snaps into place or is pressed.

use std::collections::BTreeSet;

use bevy::prelude::*;

use super::items::{Clamp, Item, Socket, TubeEnd};
use super::semantic::{Control, Garment, Inspectable, Sanitiser, Surface};
use super::{Focus, Grabbed, Used};
use crate::input::xr::Haptic;
use crate::input::{Hand, HandState};
use crate::procedure::{ActiveProcedure, TraineeAction};

/// Glow strength for a pointed-at object, and for a highlighted one at the peak of its pulse.
const HOVER_GLOW: f32 = 0.25;
const HIGHLIGHT_GLOW: f32 = 0.9;
/// Highlight pulse frequency, Hz: slow enough to read as "look here", not as an alarm.
const PULSE_HZ: f32 = 0.8;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, (glow, pulse_on_interaction).after(crate::AppSystems::Interact));
}

/// An object glowing now, with the material it had before.
#[derive(Component, Debug, Clone)]
pub struct Glowing {
    original: Handle<StandardMaterial>,
    glow: Handle<StandardMaterial>,
}

/// The components that carry an object's level id, apart from items and garments.
type IdParts = (
    Option<&'static Sanitiser>,
    Option<&'static Inspectable>,
    Option<&'static Surface>,
    Option<&'static Control>,
    Option<&'static TubeEnd>,
    Option<&'static Clamp>,
    Option<&'static Socket>,
);

/// The level id of an interactive object, whatever kind it is.
fn object_id<'a>(
    entity: Entity,
    items: &'a Query<&Item>,
    garments: &'a Query<&Garment>,
    others: &'a Query<IdParts>,
) -> Option<&'a str> {
    if let Ok(item) = items.get(entity) {
        return Some(&item.id);
    }
    if let Ok(garment) = garments.get(entity) {
        return Some(&garment.id);
    }
    let (sanitiser, inspectable, surface, control, tube, clamp, socket) = others.get(entity).ok()?;
    sanitiser
        .map(|s| s.id.as_str())
        .or(inspectable.map(|i| i.id.as_str()))
        .or(surface.map(|s| s.id.as_str()))
        .or(control.map(|c| c.id.as_str()))
        .or(tube.map(|t| t.line.as_str()))
        .or(clamp.map(|c| c.id.as_str()))
        .or(socket.map(|s| s.id.as_str()))
}

fn glow(
    mut commands: Commands,
    time: Res<Time<Real>>,
    hands: Query<&Focus>,
    procedure: Option<Res<ActiveProcedure>>,
    items: Query<&Item>,
    garments: Query<&Garment>,
    others: Query<IdParts>,
    mut objects: Query<
        (Entity, &mut MeshMaterial3d<StandardMaterial>, Option<&Glowing>),
        Or<(
            With<Item>,
            With<Garment>,
            With<Sanitiser>,
            With<Inspectable>,
            With<Surface>,
            With<Control>,
            With<TubeEnd>,
            With<Clamp>,
        )>,
    >,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let hovered: BTreeSet<Entity> = hands.iter().filter_map(|focus| focus.target).collect();
    let highlighted: BTreeSet<String> = procedure
        .as_deref()
        .map(|procedure| procedure.runner.current_highlights().into_iter().map(str::to_owned).collect())
        .unwrap_or_default();
    let pulse = 0.5 + 0.5 * (time.elapsed_secs() * PULSE_HZ * std::f32::consts::TAU).sin();
    for (entity, mut material, glowing) in &mut objects {
        let id = object_id(entity, &items, &garments, &others);
        let strength = if id.is_some_and(|id| highlighted.contains(id)) {
            HOVER_GLOW.max(HIGHLIGHT_GLOW * pulse)
        } else if hovered.contains(&entity) {
            HOVER_GLOW
        } else {
            0.0
        };
        match (glowing, strength > 0.0) {
            (None, true) => {
                let original = material.0.clone();
                let Some(base) = materials.get(&original).cloned() else {
                    continue;
                };
                let glow = materials.add(StandardMaterial { emissive: glow_colour(strength), ..base });
                material.0 = glow.clone();
                commands.entity(entity).insert(Glowing { original, glow });
            }
            (Some(glowing), true) => {
                if let Some(mut glow) = materials.get_mut(&glowing.glow) {
                    glow.emissive = glow_colour(strength);
                }
            }
            (Some(glowing), false) => {
                material.0 = glowing.original.clone();
                commands.entity(entity).remove::<Glowing>();
            }
            (None, false) => {}
        }
    }
}

/// A warm glow, the colour of the guide's highlights.
fn glow_colour(strength: f32) -> LinearRgba {
    LinearRgba::rgb(1.0 * strength, 0.8 * strength, 0.2 * strength)
}

/// A short pulse in the controller when a hand presses something, picks something up, or
/// something it carried snaps into place.
fn pulse_on_interaction(
    hands: Query<(Entity, &Hand, &HandState)>,
    mut used: MessageReader<Used>,
    mut grabbed: MessageReader<Grabbed>,
    mut actions: MessageReader<TraineeAction>,
    mut haptics: MessageWriter<Haptic>,
) {
    let placed = actions.read().any(|action| matches!(action.0, cleanroom_core::procedure::Action::Place { .. }));
    let touched: Vec<Entity> =
        used.read().map(|event| event.hand).chain(grabbed.read().map(|event| event.hand)).collect();
    for (entity, hand, state) in &hands {
        if *hand == Hand::Desktop {
            continue;
        }
        if touched.contains(&entity) {
            haptics.write(Haptic { hand: *hand, amplitude: 0.5, seconds: 0.03 });
        }
        if placed && state.grab.released {
            haptics.write(Haptic { hand: *hand, amplitude: 0.8, seconds: 0.06 });
        }
    }
}
