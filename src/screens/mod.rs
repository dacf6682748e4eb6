//! The screens: loading, main menu, the session (with its pause overlay), the debrief and the
//! after-action review.

use bevy::prelude::*;

use crate::LaunchOptions;
use crate::input::{Locomotion, PointerWanted};

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.add_sub_state::<Pause>();
    app.init_resource::<SessionSettings>();
    app.init_resource::<Loading>();
    app.add_systems(Update, finish_loading.run_if(in_state(Screen::Loading)));
    app.add_systems(Update, toggle_pause.run_if(in_state(Screen::Session)));
    for paused in [Pause::Paused, Pause::Held] {
        app.add_systems(OnEnter(paused), |mut time: ResMut<Time<Virtual>>| time.pause());
        app.add_systems(OnExit(paused), |mut time: ResMut<Time<Virtual>>| time.unpause());
    }
}

/// Which screen is showing.
#[derive(States, Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Screen {
    #[default]
    Loading,
    MainMenu,
    Session,
    Debrief,
    /// The after-action review of a recorded attempt.
    Review,
}

/// Whether the session is paused (exists only during a session).
#[derive(SubStates, Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[source(Screen = Screen::Session)]
pub enum Pause {
    #[default]
    Running,
    /// The trainee paused (the menu key): they resume it.
    Paused,
    /// The instructor paused the session: only the instructor resumes it.
    Held,
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

/// What is still loading: each part of the game that loads reports here (its name is a
/// translation key), and the loading screen ends when all are done.
#[derive(Resource, Debug, Clone, Default)]
pub struct Loading {
    pub parts: Vec<LoadingPart>,
}

/// One part of the loading, with how far it has got.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadingPart {
    /// A translation key naming what loads.
    pub name: &'static str,
    /// 0 to 1.
    pub progress: f32,
    /// What to show beside the bar (a count), if anything.
    pub detail: Option<String>,
    pub done: bool,
}

impl Loading {
    /// Reports how far `name` has got (adding it the first time).
    pub fn report(&mut self, name: &'static str, progress: f32, detail: Option<String>, done: bool) {
        let part = LoadingPart { name, progress: progress.clamp(0.0, 1.0), detail, done };
        match self.parts.iter_mut().find(|part| part.name == name) {
            Some(existing) if *existing != part => *existing = part,
            Some(_) => {}
            None => self.parts.push(part),
        }
    }

    /// Every part has reported, and every part is done.
    pub fn is_done(&self) -> bool {
        !self.parts.is_empty() && self.parts.iter().all(|part| part.done)
    }
}

fn finish_loading(loading: Res<Loading>, options: Res<LaunchOptions>, mut next: ResMut<NextState<Screen>>) {
    if loading.is_done() {
        next.set(if options.starts_in_session() { Screen::Session } else { Screen::MainMenu });
    }
}

/// The menu key pauses a session the trainee is playing (not while a panel has the pointer)
/// and resumes a paused one.
fn toggle_pause(
    locomotion: Res<Locomotion>,
    pointer: Res<PointerWanted>,
    pause: Res<State<Pause>>,
    mut next: ResMut<NextState<Pause>>,
) {
    if !locomotion.menu {
        return;
    }
    match pause.get() {
        Pause::Running if pointer.0 => next.set(Pause::Paused),
        Pause::Paused => next.set(Pause::Running),
        Pause::Running | Pause::Held => {}
    }
}
