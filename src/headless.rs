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

/// Plays a level's expert path as a trainee would, through the game's own systems: each
/// action at its time reaches the stations and the runner as the trainee's, each observation as
/// a station's report. Half-second frames, so a ten-minute procedure takes a few hundred
/// updates. Returns the debrief, or what went wrong.
/// Updates in a row without the level's clock moving after which an expert path is given up.
const STALLED_UPDATES: u32 = 200;

pub fn play_expert_path(
    app: &mut App,
    level_id: &str,
    assessment: bool,
) -> Result<cleanroom_core::procedure::Report, String> {
    play_expert_path_with(app, level_id, assessment, |_, _| {})
}

/// As `play_expert_path`, calling `between` with the count of the path's entries played so far
/// after each one (a test stops a server there, say).
pub fn play_expert_path_with(
    app: &mut App,
    level_id: &str,
    assessment: bool,
    between: impl FnMut(usize, &mut App),
) -> Result<cleanroom_core::procedure::Report, String> {
    play(app, level_id, assessment, false, between)
}

/// As `play_expert_path`, the trainee walking to each object before acting on it (through the
/// airlock's doorways from one room to the next), so that the attempt's record has a path
/// through the room as a trainee's would.
pub fn play_expert_path_walking(
    app: &mut App,
    level_id: &str,
    assessment: bool,
) -> Result<cleanroom_core::procedure::Report, String> {
    play(app, level_id, assessment, true, |_, _| {})
}

fn play(
    app: &mut App,
    level_id: &str,
    assessment: bool,
    walk: bool,
    mut between: impl FnMut(usize, &mut App),
) -> Result<cleanroom_core::procedure::Report, String> {
    use crate::procedure::{ActiveProcedure, Debrief, LevelAsset, LevelCatalog};
    use cleanroom_core::level::GoldenEntry;

    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(500)));
    app.world_mut().resource_mut::<Time<Virtual>>().set_max_delta(Duration::from_secs(1));
    {
        let mut settings = app.world_mut().resource_mut::<crate::screens::SessionSettings>();
        settings.level = Some(level_id.to_owned());
        settings.assessment = assessment;
    }
    enter_session(app);
    let catalog = app.world().resource::<LevelCatalog>();
    let handle = catalog
        .find(level_id)
        .and_then(|entry| entry.handle.clone())
        .ok_or(format!("level {level_id} is not loaded"))?;
    let golden = app
        .world()
        .resource::<Assets<LevelAsset>>()
        .get(&handle)
        .ok_or(format!("level {level_id} did not load"))?
        .level
        .golden_path
        .clone();
    if !app.world().contains_resource::<ActiveProcedure>() {
        return Err(format!("level {level_id} did not start"));
    }
    for (played, entry) in golden.into_iter().enumerate() {
        // A level ends with its last step; what its path observes after that is not waited for.
        let waiting = |app: &App| {
            app.world()
                .get_resource::<ActiveProcedure>()
                .is_some_and(|p| !p.runner.is_finished() && p.runner.level_time() < entry.at())
        };
        let (mut last, mut still) = (f64::NAN, 0u32);
        while waiting(app) {
            app.update();
            let now = app.world().get_resource::<ActiveProcedure>().map_or(f64::NAN, |p| p.runner.level_time());
            still = if now == last { still + 1 } else { 0 };
            last = now;
            if still > STALLED_UPDATES {
                return Err(format!(
                    "level {level_id}: its clock stopped at {now} s, before the path's entry at {} s",
                    entry.at()
                ));
            }
        }
        match entry {
            GoldenEntry::Do { action, .. } => {
                if walk {
                    walk_to_what(app, &action);
                }
                app.world_mut().write_message(crate::actions::TraineeActed(action));
            }
            GoldenEntry::Observe { of, key, value, .. } => {
                app.world_mut().write_message(crate::stations::StationReported { station: of, key, value });
            }
        }
        app.update();
        between(played + 1, app);
    }
    for _ in 0..4 {
        app.update();
    }
    if *app.world().resource::<State<Screen>>().get() != Screen::Debrief {
        return Err(format!("level {level_id} did not reach its debrief"));
    }
    Ok(app.world().resource::<Debrief>().0.clone())
}

/// The doorways a walk between two zones passes, in order (each a point either side of it).
fn doorways(from: crate::layout::Zone, to: crate::layout::Zone) -> Vec<Vec3> {
    use crate::layout::{CORRIDOR_DOOR, PROCESSING_DOOR, Zone};
    let through = |door: Vec3, north_first: bool| {
        let (north, south) = (door.with_y(0.0) - Vec3::Z * 0.6, door.with_y(0.0) + Vec3::Z * 0.6);
        if north_first { [north, south] } else { [south, north] }
    };
    let index = |zone: Zone| Zone::ALL.iter().position(|candidate| *candidate == zone).unwrap_or(0);
    // Corridor (south), airlock, processing room (north), one doorway between each.
    let doors = [CORRIDOR_DOOR, PROCESSING_DOOR];
    let (a, b) = (index(from), index(to));
    let mut points = Vec::new();
    if a < b {
        for door in &doors[a..b] {
            points.extend(through(*door, false));
        }
    } else {
        for door in doors[b..a].iter().rev() {
            points.extend(through(*door, true));
        }
    }
    points
}

/// Walks the trainee to stand before the first object the action names that the world has
/// (nowhere, if it names none): through the doorways on the way, a frame at each.
fn walk_to_what(app: &mut App, action: &cleanroom_core::level::Action) {
    use crate::layout::Zone;
    use crate::player::{Player, place};
    let ids = action.ids();
    let world = app.world_mut();
    let target = world
        .query::<(&crate::actions::LevelId, &GlobalTransform)>()
        .iter(world)
        .find(|(id, _)| ids.contains(&id.0.as_str()))
        .map(|(_, at)| at.translation().with_y(0.0));
    let Some(target) = target else { return };
    let Some(here) =
        world.query_filtered::<&Transform, With<Player>>().iter(world).next().map(|body| body.translation.with_y(0.0))
    else {
        return;
    };
    // A step short of the object, on the side the trainee comes from, in a room.
    let towards = (target - here).normalize_or(Vec3::NEG_Z);
    let stand = [0.8, 0.5, 0.0]
        .into_iter()
        .map(|back| target - towards * back)
        .find(|point| Zone::at(*point).is_some())
        .unwrap_or(target);
    if stand.distance(here) < 0.3 {
        return;
    }
    let mut points = match (Zone::at(here), Zone::at(stand)) {
        (Some(from), Some(to)) if from != to => doorways(from, to),
        _ => Vec::new(),
    };
    points.push(stand);
    for (index, point) in points.iter().enumerate() {
        let facing = points.get(index + 1).map_or(target - *point, |next| *next - *point);
        let world = app.world_mut();
        if let Some((mut body, mut player)) = world.query::<(&mut Transform, &mut Player)>().iter_mut(world).next() {
            place(&mut body, &mut player, *point, facing.with_y(0.0).normalize_or(Vec3::NEG_Z));
        }
        app.update();
    }
}
