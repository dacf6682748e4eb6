//! The interaction model: what a hand points at, using things, grabbing and carrying them,
//! turning dials, touchscreens, where the trainee stands and looks, and the semantic actions
//! all of it becomes. Every station and
//! room object is made of these components; no station has its own grab code.

use bevy::prelude::*;

pub mod contact;
pub mod feedback;
pub mod items;
pub mod pointing;
pub mod presence;
pub mod semantic;
pub mod touchscreen;
mod trace;

pub use pointing::{
    Accepts, Dial, DialMotion, DialTurned, Focus, Grabbable, Grabbed, Held, Home, REACH, Released, Shape, Socket,
    Usable, Used,
};

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        pointing::plugin,
        semantic::plugin,
        items::plugin,
        touchscreen::plugin,
        feedback::plugin,
        presence::plugin,
        contact::plugin,
        trace::plugin,
    ));
}
