//! The procedure engine in the game: level files load through Bevy's asset system (and reload
//! when edited), the runner judges what the trainee does, and its events reach the HUD and the
//! debrief. The world never decides whether a step is right: it sends `TraineeActed` and the
//! stations send `StationReported`, and this module hands them to the core runner.

use bevy::prelude::*;

mod how_to;
mod instructor;
mod levels;
mod session;
pub mod terminal;
pub mod world_check;

pub use how_to::HowTo;
pub use instructor::{InstructorDesk, InstructorIntervened, InstructorSystems};
pub use levels::{
    LEVEL_SOURCE, LevelAsset, LevelCatalog, LevelDirectories, LevelEntry, LevelFolder, LevelLoadError, LevelLoader,
    LevelOrigin, USER_LEVEL_SOURCE, levels_dir, prepare_user_folder, register_level_source, register_level_source_at,
    register_user_level_source_at,
};
pub use session::{ActiveProcedure, Debrief, ProcedureReported, ProcedureStarted};
pub use world_check::world_ids;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        levels::plugin,
        session::plugin,
        instructor::plugin,
        terminal::plugin,
        world_check::plugin,
        how_to::plugin,
    ));
}
