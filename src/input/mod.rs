//! The one input abstraction: hands, locomotion and the headset's pose (in `intents`). The
//! desktop and XR backends fill these; the rest of the game reads only these; tests fill them
//! directly. Nothing here imports a game module.

use bevy::prelude::*;

pub mod desktop;
mod intents;
pub mod xr;

pub use intents::*;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Locomotion>();
    app.init_resource::<PointerWanted>();
    app.init_resource::<PlaySpace>();
    app.init_resource::<HeadPose>();
    app.init_resource::<ScreenIntents>();
    app.add_systems(PreUpdate, clear_intents.in_set(InputSystems::Clear));
    app.configure_sets(PreUpdate, (InputSystems::Clear, InputSystems::Fill).chain());
    app.add_plugins((desktop::plugin, xr::plugin));
}

fn clear_intents(
    mut locomotion: ResMut<Locomotion>,
    mut screen: ResMut<ScreenIntents>,
    mut hands: Query<&mut HandState>,
) {
    *locomotion = Locomotion::default();
    *screen = ScreenIntents::default();
    for mut hand in &mut hands {
        hand.turn = 0.0;
    }
}
