//! Pressing a carried plate onto a surface: a contact plate held over a sampling spot and the
//! use held down sits flat on the spot for as long as the use is held; letting go reports a
//! `Contact` with the seconds it was held and whether it slid (the pointer moved across the
//! surface, or off it, while pressing). Whether the sample stands is the station model's to say.

use bevy::prelude::*;
use cleanroom_core::procedure::Action;
use cleanroom_core::stations::environmental_monitoring::plates::CONTACT_SLIDE_M;

use super::pointing::{Focus, Held};
use crate::actions::{LevelId, TraineeActed, TraineeNotified};
use crate::input::HandState;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, press_plates.in_set(crate::AppSystems::Translate));
}

/// A surface a plate can be pressed onto to sample it (the marked spot on the cabinet's work
/// surface).
#[derive(Component, Debug, Clone, Copy)]
pub struct SampleSurface;

/// An item that samples by being pressed flat onto a surface (a contact plate).
#[derive(Component, Debug, Clone, Copy)]
pub struct PressedOnSurfaces;

/// A hand pressing its plate onto a surface now.
#[derive(Component, Debug, Clone, Copy)]
pub struct Pressing {
    item: Entity,
    surface: Entity,
    since_s: f64,
    at: Vec3,
    slid: bool,
}

#[allow(clippy::type_complexity)]
fn press_plates(
    mut commands: Commands,
    time: Res<Time>,
    mut hands: Query<(Entity, &HandState, &Focus, Option<&mut Pressing>)>,
    held: Query<(Entity, &Held), With<PressedOnSurfaces>>,
    surfaces: Query<(), With<SampleSurface>>,
    ids: Query<&LevelId>,
    mut transforms: Query<&mut Transform, With<PressedOnSurfaces>>,
    mut acted: MessageWriter<TraineeActed>,
    mut notices: MessageWriter<TraineeNotified>,
) {
    let now = time.elapsed_secs_f64();
    for (hand, state, focus, pressing) in &mut hands {
        let carried = held.iter().find(|(_, held)| held.hand == hand).map(|(item, _)| item);
        match pressing {
            Some(mut pressing) => {
                let still_pressing = state.use_.held && carried == Some(pressing.item);
                if still_pressing {
                    if focus.target != Some(pressing.surface)
                        || f64::from(focus.point.distance(pressing.at)) > CONTACT_SLIDE_M
                    {
                        pressing.slid = true;
                    }
                    // Flat on the surface where it was put, until it is lifted.
                    if let Ok(mut transform) = transforms.get_mut(pressing.item) {
                        *transform = Transform::from_translation(pressing.at + Vec3::Y * 0.008);
                    }
                    continue;
                }
                let (Ok(item), Ok(surface)) = (ids.get(pressing.item), ids.get(pressing.surface)) else {
                    commands.entity(hand).remove::<Pressing>();
                    continue;
                };
                acted.write(TraineeActed(Action::Contact {
                    item: item.0.clone(),
                    surface: surface.0.clone(),
                    seconds: now - pressing.since_s,
                    slid: pressing.slid,
                }));
                notices.write(TraineeNotified { key: "hud-plate-lifted" });
                commands.entity(hand).remove::<Pressing>();
            }
            None => {
                let Some(item) = carried else {
                    continue;
                };
                if state.use_.pressed
                    && let Some(surface) = focus.target.filter(|target| surfaces.contains(*target))
                {
                    commands.entity(hand).insert(Pressing {
                        item,
                        surface,
                        since_s: now,
                        at: focus.point,
                        slid: false,
                    });
                    notices.write(TraineeNotified { key: "hud-plate-pressing" });
                }
            }
        }
    }
}
