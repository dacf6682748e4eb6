//! What crosses the game's layers: the id an object answers to in level files, the trainee's
//! semantic actions as the world reports them, expert actions replayed to set a level up, and
//! short notices for the trainee. Every layer may use these; they use no other game module.

use bevy::prelude::*;
use cleanroom_core::procedure::Action;
use cleanroom_core::records::attempt::{SignedInBy, Trainee};

pub(super) fn plugin(app: &mut App) {
    app.add_message::<TraineeActed>();
    app.add_message::<ActionReplayed>();
    app.add_message::<TraineeNotified>();
}

/// The id a level file names this object by (a bag, a garment, a control, a line end).
#[derive(Component, Debug, Clone, PartialEq, Eq, Hash)]
pub struct LevelId(pub String);

impl LevelId {
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Who is training now: whom the records and the stations' batch records name (signed in at
/// the menu, on the command line or by the learning system).
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct SignedInTrainee {
    pub trainee: Option<Trainee>,
    pub by: Option<SignedInBy>,
}

/// The trainee did something, as a semantic action of the level format.
#[derive(Message, Debug, Clone)]
pub struct TraineeActed(pub Action);

/// An action from a prerequisite level's expert path was replayed, so the world and the
/// stations stand where that level left them. The procedure does not judge it.
#[derive(Message, Debug, Clone)]
pub struct ActionReplayed {
    pub action: Action,
    /// Seconds of the expert path between the action before it and this one: the stations let
    /// that much time pass first, so that what the expert waited for (a collection reaching its
    /// target) has happened when the action comes.
    pub after_s: f64,
}

impl ActionReplayed {
    /// An action replayed with no time before it.
    pub fn now(action: Action) -> Self {
        Self { action, after_s: 0.0 }
    }
}

/// Something the trainee should be told briefly (a translation key), which the HUD shows.
#[derive(Message, Debug, Clone, Copy)]
pub struct TraineeNotified {
    pub key: &'static str,
}
