//! The 2D interface, drawn with egui: loading, menu, HUD, pause and debrief. Every string comes
//! from the translation files, and the shipped Hangul font makes Korean render everywhere.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiGlobalSettings, EguiPlugin, EguiPrimaryContextPass};

use crate::input::{InputSystems, PointerWanted};
use crate::interaction::touchscreen::FullScreenPanel;
use crate::screens::{Pause, Screen};

pub mod backdrop;
mod common;
pub mod frame_times;
mod hud;
pub mod instructor;
pub mod instructor_window;
mod menu;
mod overlays;
pub mod overview;
pub mod panels;
pub mod review;
mod step_card;

use common::style;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins(EguiPlugin::default());
    // The interface camera hosts the window's UI (see backdrop); station screens have their own
    // contexts.
    app.insert_resource(EguiGlobalSettings { auto_create_primary_context: false, ..default() });
    app.add_plugins((backdrop::plugin, panels::plugin, frame_times::plugin, step_card::plugin, instructor::plugin));
    app.add_plugins((overview::plugin, review::plugin, instructor_window::plugin));
    app.init_resource::<hud::NoticeBoard>();
    app.add_systems(
        Startup,
        |options: Res<crate::LaunchOptions>, mut settings: ResMut<crate::screens::SessionSettings>| {
            settings.controls_seen = options.capture.is_none() && hud::controls_already_seen();
        },
    );
    app.add_systems(
        EguiPrimaryContextPass,
        (
            setup_egui.run_if(run_once),
            backdrop::spectator_backdrop,
            overlays::loading.run_if(in_state(Screen::Loading)),
            (backdrop::menu_backdrop, menu::main_menu).chain().run_if(in_state(Screen::MainMenu)),
            hud::hud.run_if(in_state(Screen::Session)),
            overlays::pause_menu.run_if(in_state(Pause::Paused)),
            overlays::held.run_if(in_state(Pause::Held)),
            overlays::debrief.run_if(in_state(Screen::Debrief)),
            review::screen.run_if(in_state(Screen::Review)),
            instructor::panel,
            frame_times::overlay,
        )
            .chain(),
    );
    app.add_systems(Update, hud::collect_notices);
    app.add_systems(PreUpdate, want_the_pointer_while_playing.before(InputSystems::Fill));
}

/// The game takes the mouse while the trainee plays: in a session, not paused, with no panel
/// open full-screen and the instructor's panel closed.
fn want_the_pointer_while_playing(
    screen: Res<State<Screen>>,
    pause: Option<Res<State<Pause>>>,
    panel: Res<FullScreenPanel>,
    instructor: Res<instructor::InstructorPanel>,
    mut wanted: ResMut<PointerWanted>,
) {
    let playing = *screen.get() == Screen::Session
        && pause.is_none_or(|pause| *pause.get() == Pause::Running)
        && panel.0.is_none()
        && !instructor.shown;
    if wanted.0 != playing {
        wanted.0 = playing;
    }
}

fn setup_egui(mut contexts: EguiContexts) -> Result {
    style(contexts.ctx_mut()?);
    Ok(())
}
