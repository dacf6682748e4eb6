//! External plugins, one file each, with their setup and the workarounds they need. Nothing
//! here imports a game module.

use bevy::prelude::*;

pub mod openxr;
pub mod rapier;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((rapier::plugin, openxr::plugin));
}
