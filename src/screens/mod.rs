//! The screens: loading, main menu, the session (with its pause overlay) and the debrief.

use bevy::prelude::*;

use crate::LaunchOptions;
use crate::cleanroom::WorldBuild;
use crate::cleanroom::layout;
use crate::player::Player;

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.add_sub_state::<Pause>();
    app.init_resource::<SessionSettings>();
    app.add_systems(Update, finish_loading.run_if(in_state(Screen::Loading)));
    app.add_systems(OnEnter(Screen::MainMenu), show_menu_view);
    app.add_systems(OnEnter(Screen::Session), start_session);
    app.add_systems(Update, toggle_pause.run_if(in_state(Screen::Session)));
    app.add_systems(OnEnter(Pause::Paused), |mut time: ResMut<Time<Virtual>>| time.pause());
    app.add_systems(OnExit(Pause::Paused), |mut time: ResMut<Time<Virtual>>| time.unpause());
}

/// Which screen is showing.
#[derive(States, Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Screen {
    #[default]
    Loading,
    MainMenu,
    Session,
    Debrief,
}

/// Whether the session is paused (exists only during a session).
#[derive(SubStates, Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[source(Screen = Screen::Session)]
pub enum Pause {
    #[default]
    Running,
    Paused,
}

/// What the trainee chose in the menu for this session.
#[derive(Resource, Debug, Clone, Default)]
pub struct SessionSettings {
    /// The level to play; None explores the cleanroom freely.
    pub level: Option<String>,
    pub assessment: bool,
    /// The controls card is shown at the start of the first session until the trainee moves.
    pub controls_seen: bool,
}

fn finish_loading(
    build: Res<WorldBuild>,
    catalog: Res<crate::procedure::LevelCatalog>,
    options: Res<LaunchOptions>,
    mut next: ResMut<NextState<Screen>>,
) {
    if build.is_done() && catalog.ready {
        next.set(if options.starts_in_session() { Screen::Session } else { Screen::MainMenu });
    }
}

/// Behind the menu, the camera looks into the processing room.
fn show_menu_view(mut player: Query<(&mut Transform, &mut Player)>) {
    if let Some(view) = layout::viewpoint("processing_room") {
        put_camera_at(view, &mut player);
    }
}

/// Moves the trainee so that the camera sees `view`.
pub fn put_camera_at(view: &layout::Viewpoint, player: &mut Query<(&mut Transform, &mut Player)>) {
    let Ok((mut body, mut state)) = player.single_mut() else {
        return;
    };
    let direction = view.target - view.eye;
    crate::player::place(&mut body, &mut state, view.eye.with_y(0.0), direction);
    state.pitch = direction.y.atan2(Vec2::new(direction.x, direction.z).length());
    state.eye_height = view.eye.y;
}

fn start_session(options: Res<LaunchOptions>, mut player: Query<(&mut Transform, &mut Player)>) {
    let view = options.capture.as_ref().and_then(|capture| capture.view.as_deref()).and_then(layout::viewpoint);
    if let Some(view) = view {
        put_camera_at(view, &mut player);
        return;
    }
    if let Ok((mut body, mut state)) = player.single_mut() {
        crate::player::place(&mut body, &mut state, layout::START, Vec3::new(1.0, 0.0, -0.4));
    }
}

fn toggle_pause(
    locomotion: Res<crate::input::Locomotion>,
    keys: Option<Res<ButtonInput<KeyCode>>>,
    pause: Res<State<Pause>>,
    mut next: ResMut<NextState<Pause>>,
) {
    let escape = keys.is_some_and(|keys| keys.just_pressed(KeyCode::Escape));
    match pause.get() {
        Pause::Running if locomotion.pause => next.set(Pause::Paused),
        Pause::Paused if escape => next.set(Pause::Running),
        _ => {}
    }
}
