//! `--trace-interactions`: one log line for every raw interaction, before it becomes a semantic
//! action (used, grabbed, released, dial turned, touchscreen button pressed, and what the
//! trainee was told), with the entity's name and the hand, so a test or an instructor can follow
//! what the hands did.

use bevy::prelude::*;

use super::pointing::{DialTurned, Grabbed, Released, Used};
use super::touchscreen::ButtonPressed;
use crate::actions::TraineeNotified;
use crate::input::Hand;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Last, trace.run_if(|options: Res<crate::LaunchOptions>| options.trace_interactions));
}

#[allow(clippy::too_many_arguments)]
fn trace(
    mut used: MessageReader<Used>,
    mut grabbed: MessageReader<Grabbed>,
    mut released: MessageReader<Released>,
    mut turned: MessageReader<DialTurned>,
    mut pressed: MessageReader<ButtonPressed>,
    mut notified: MessageReader<TraineeNotified>,
    names: Query<&Name>,
    hands: Query<&Hand>,
) {
    let name = |entity: Entity| names.get(entity).map_or_else(|_| format!("{entity}"), |name| name.to_string());
    let hand = |entity: Entity| hands.get(entity).map_or_else(|_| format!("{entity}"), |hand| format!("{hand:?}"));
    for event in used.read() {
        info!("interaction: used {} with the {} hand", name(event.target), hand(event.hand));
    }
    for event in grabbed.read() {
        info!("interaction: grabbed {} with the {} hand", name(event.item), hand(event.hand));
    }
    for event in released.read() {
        info!("interaction: released {} from the {} hand", name(event.item), hand(event.hand));
    }
    for event in turned.read() {
        info!("interaction: turned {} to {:.3}", name(event.dial), event.value);
    }
    for event in pressed.read() {
        info!("interaction: pressed button {} of {}", event.button, name(event.screen));
    }
    for event in notified.read() {
        info!("interaction: told the trainee {}", event.key);
    }
}
