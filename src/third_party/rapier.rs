//! Physics (bevy_rapier3d): collisions for walls, equipment and the trainee's body, and falling
//! items. Runs in PostUpdate, after the game has moved things.

use bevy::prelude::*;
use bevy_rapier3d::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins(RapierPhysicsPlugin::<NoUserData>::default());
}
