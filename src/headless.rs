//! The game without a window or a renderer, on Bevy's minimal plugins and a fixed frame time:
//! what the headless app tests drive through the input abstraction, and what the frame
//! benchmark (`benches/frame.rs`) times.

use std::path::Path;
use std::time::Duration;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;

use crate::cleanroom::WorldBuild;
use crate::input::desktop::CursorCaptured;
use crate::screens::Screen;

/// The simulated frame: 30 frames per second.
pub const FRAME: Duration = Duration::from_millis(33);

/// A headless game reading its shipped levels from `levels`.
pub fn app_with_levels(levels: &Path) -> App {
    let mut app = App::new();
    crate::procedure::register_level_source_at(&mut app, levels);
    finish(app)
}

/// The headless game, given an app whose level sources are registered.
pub fn finish(mut app: App) -> App {
    app.add_plugins((
        MinimalPlugins,
        StatesPlugin,
        TransformPlugin,
        AssetPlugin { watch_for_changes_override: Some(true), ..default() },
        bevy::mesh::MeshPlugin,
        bevy::image::ImagePlugin::default(),
    ));
    app.init_asset::<StandardMaterial>();
    app.insert_resource(TimeUpdateStrategy::ManualDuration(FRAME));
    app.add_plugins(crate::AppPlugin);
    app.finish();
    app.cleanup();
    app
}

/// Runs frames until the cleanroom is built and the levels are loaded, then enters the session
/// (of the level chosen in `SessionSettings`, if any). Panics if loading does not end in the
/// menu.
pub fn enter_session(app: &mut App) {
    // Level files load on the asset server's threads: give them a moment.
    let steps = app.world().resource::<WorldBuild>().steps().len();
    for _ in 0..steps + 5 {
        app.update();
    }
    for _ in 0..200 {
        if *app.world().resource::<State<Screen>>().get() == Screen::MainMenu {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
        app.update();
    }
    assert!(app.world().resource::<WorldBuild>().is_done(), "the cleanroom was not built");
    assert_eq!(*app.world().resource::<State<Screen>>().get(), Screen::MainMenu, "loading did not end in the menu");
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Session);
    app.world_mut().insert_resource(CursorCaptured(true));
    app.update();
    app.update();
}
