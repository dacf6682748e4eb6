//! External plugins, one file each, with their setup and the workarounds they need.

use bevy::prelude::*;

pub mod rapier;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins(rapier::plugin);
}
