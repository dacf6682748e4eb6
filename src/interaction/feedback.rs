//! What the trainee sees and feels of the interaction: a glow on what the hand points at, the
//! level's highlighted objects in guided mode, and a haptic pulse in the headset when
//! something snaps into place or is pressed.

use std::collections::BTreeSet;

use bevy::prelude::*;

use super::items::{Clamp, Item, TubeEnd};
use super::pointing::{Focus, Grabbed, Used};
use super::semantic::{Control, Garment, Inspectable, Sanitiser, Surface};
use crate::actions::{LevelId, TraineeActed};
use crate::input::xr::HapticRequested;
use crate::input::{Hand, HandState};

/// Glow strength for a pointed-at object, and for a highlighted one at the peak of its pulse.
const HOVER_GLOW: f32 = 0.25;
const HIGHLIGHT_GLOW: f32 = 0.9;
/// Highlight pulse frequency, Hz: slow enough to read as "look here", not as an alarm.
const PULSE_HZ: f32 = 0.8;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Highlighted>();
    app.add_systems(Update, (glow, pulse_on_interaction).in_set(crate::AppSystems::Present));
}

/// The level ids to draw the trainee's eye to now (the guide's highlights in guided mode).
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlighted(pub BTreeSet<String>);

/// An object glowing now, with the material it had before.
#[derive(Component, Debug, Clone)]
pub struct Glowing {
    original: Handle<StandardMaterial>,
    glow: Handle<StandardMaterial>,
}

fn glow(
    mut commands: Commands,
    time: Res<Time<Real>>,
    hands: Query<&Focus>,
    highlighted: Res<Highlighted>,
    mut objects: Query<
        (Entity, Option<&LevelId>, &mut MeshMaterial3d<StandardMaterial>, Option<&Glowing>),
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
    let pulse = 0.5 + 0.5 * (time.elapsed_secs() * PULSE_HZ * std::f32::consts::TAU).sin();
    for (entity, id, mut material, glowing) in &mut objects {
        let strength = if id.is_some_and(|id| highlighted.0.contains(&id.0)) {
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
    mut actions: MessageReader<TraineeActed>,
    mut haptics: MessageWriter<HapticRequested>,
) {
    let placed = actions.read().any(|action| matches!(action.0, cleanroom_core::procedure::Action::Place { .. }));
    let touched: Vec<Entity> =
        used.read().map(|event| event.hand).chain(grabbed.read().map(|event| event.hand)).collect();
    for (entity, hand, state) in &hands {
        if *hand == Hand::Desktop {
            continue;
        }
        if touched.contains(&entity) {
            haptics.write(HapticRequested { hand: *hand, amplitude: 0.5, seconds: 0.03 });
        }
        if placed && state.grab.released {
            haptics.write(HapticRequested { hand: *hand, amplitude: 0.8, seconds: 0.06 });
        }
    }
}
