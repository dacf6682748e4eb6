//! Headless app tests: the game's plugins on `MinimalPlugins`, driven through the input
//! abstraction exactly as the desktop and XR backends drive it.

use std::collections::VecDeque;
use std::time::Duration;

use bevy::ecs::system::RunSystemOnce;
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use cleanroom::cleanroom::doors::Door;
use cleanroom::cleanroom::equipment::{Station, Touchscreen};
use cleanroom::cleanroom::layout::{self, Zone};
use cleanroom::cleanroom::{BUILD_STEPS, WorldBuild};
use cleanroom::input::desktop::CursorCaptured;
use cleanroom::input::{Hand, HandState, InputSystems, Locomotion};
use cleanroom::interaction::Notice;
use cleanroom::player::{CurrentZone, Player, PlayerCamera};
use cleanroom::screens::Screen;

/// Simulated frame length: 30 frames per second.
const FRAME: Duration = Duration::from_millis(33);

fn headless_app() -> App {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        StatesPlugin,
        TransformPlugin,
        AssetPlugin::default(),
        bevy::mesh::MeshPlugin,
        bevy::image::ImagePlugin::default(),
    ));
    app.init_asset::<StandardMaterial>();
    app.insert_resource(TimeUpdateStrategy::ManualDuration(FRAME));
    app.add_plugins(cleanroom::AppPlugin);
    app.finish();
    app.cleanup();
    app
}

/// Runs frames until the cleanroom is built, then enters the session.
fn enter_session(app: &mut App) {
    for _ in 0..BUILD_STEPS.len() + 5 {
        app.update();
    }
    assert!(app.world().resource::<WorldBuild>().is_done(), "the cleanroom was not built");
    assert_eq!(*app.world().resource::<State<Screen>>().get(), Screen::MainMenu, "loading did not end in the menu");
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Session);
    app.world_mut().insert_resource(CursorCaptured(true));
    app.update();
    app.update();
}

/// What the simulated trainee does next.
#[derive(Debug, Clone, Copy)]
enum Move {
    /// Walk to a floor position (x, z).
    WalkTo(Vec2),
    /// Look at a point and click it.
    Use(Vec3),
    /// Let some frames pass.
    Wait(u32),
}

#[derive(Resource, Default)]
struct Route {
    moves: VecDeque<Move>,
    frames_on_move: u32,
    visited: Vec<Zone>,
}

/// Plays the route through the input abstraction: walk intents and the desktop hand's click.
fn drive(
    mut route: ResMut<Route>,
    mut locomotion: ResMut<Locomotion>,
    mut player: Query<(&mut Transform, &mut Player)>,
    camera: Query<&GlobalTransform, With<PlayerCamera>>,
    mut hands: Query<(&Hand, &mut HandState)>,
    zone: Res<CurrentZone>,
) {
    if route.visited.last() != Some(&zone.0) {
        route.visited.push(zone.0);
    }
    let Some(next) = route.moves.front().copied() else {
        return;
    };
    let (Ok((mut body, mut state)), Ok(eye)) = (player.single_mut(), camera.single()) else {
        return;
    };
    route.frames_on_move += 1;
    let done = match next {
        Move::WalkTo(target) => {
            let here = Vec2::new(body.translation.x, body.translation.z);
            let to = target - here;
            if to.length() < 0.12 {
                true
            } else {
                body.look_to(Vec3::new(to.x, 0.0, to.y), Vec3::Y);
                state.pitch = 0.0;
                locomotion.walk = Vec2::Y;
                assert!(route.frames_on_move < 900, "stuck walking to {target} from {here}");
                false
            }
        }
        Move::Use(point) => {
            let eye = eye.translation();
            let to = point - eye;
            body.look_to(Vec3::new(to.x, 0.0, to.z), Vec3::Y);
            state.pitch = to.y.atan2(Vec2::new(to.x, to.z).length());
            // Aim for a few frames so the hand's ray follows the view, then click.
            let click = route.frames_on_move == 4;
            for (hand, mut hand_state) in &mut hands {
                if *hand == Hand::Desktop {
                    hand_state.use_.set(click);
                }
            }
            route.frames_on_move >= 5
        }
        Move::Wait(frames) => route.frames_on_move >= frames,
    };
    if done {
        route.moves.pop_front();
        route.frames_on_move = 0;
    }
}

fn with_route(app: &mut App, moves: impl IntoIterator<Item = Move>) {
    app.insert_resource(Route { moves: moves.into_iter().collect(), ..default() });
    app.add_systems(PreUpdate, drive.after(InputSystems::Fill));
}

fn run_route(app: &mut App, max_frames: u32) {
    for _ in 0..max_frames {
        app.update();
        if app.world().resource::<Route>().moves.is_empty() {
            return;
        }
    }
    panic!("route not finished: {:?}", app.world().resource::<Route>().moves.front());
}

fn player_floor_position(app: &mut App) -> Vec2 {
    let transform =
        app.world_mut().query_filtered::<&Transform, With<Player>>().single(app.world()).expect("one player");
    Vec2::new(transform.translation.x, transform.translation.z)
}

fn door(app: &mut App, id: &str) -> Door {
    app.world_mut()
        .query::<&Door>()
        .iter(app.world())
        .find(|door| door.id == id)
        .cloned()
        .unwrap_or_else(|| panic!("no door {id}"))
}

/// The door push buttons, beside each doorway on both faces of the wall.
const CORRIDOR_DOOR_HANDLE: Vec3 = Vec3::new(-1.85, 1.2, 8.125);
const PROCESSING_DOOR_FROM_AIRLOCK: Vec3 = Vec3::new(-1.85, 1.2, 4.125);
const CORRIDOR_DOOR_FROM_AIRLOCK: Vec3 = Vec3::new(-1.85, 1.2, 7.875);

fn through_the_airlock() -> Vec<Move> {
    vec![
        Move::WalkTo(Vec2::new(-1.0, 9.3)),
        Move::Use(CORRIDOR_DOOR_HANDLE),
        Move::Wait(30),
        Move::WalkTo(Vec2::new(-1.0, 7.2)),
        Move::Use(CORRIDOR_DOOR_FROM_AIRLOCK),
        Move::Wait(30),
        // Over the step-over bench to the clean side.
        Move::WalkTo(Vec2::new(-1.0, 5.0)),
        Move::Use(PROCESSING_DOOR_FROM_AIRLOCK),
        Move::Wait(30),
        Move::WalkTo(Vec2::new(-1.0, 2.5)),
    ]
}

#[test]
fn a_trainee_walks_from_the_corridor_through_the_airlock_to_every_station() {
    let mut app = headless_app();
    enter_session(&mut app);
    assert_eq!(app.world().resource::<CurrentZone>().0, Zone::Corridor);
    let mut moves = through_the_airlock();
    for station in Station::ALL {
        let front = station.position() + Vec3::Z * 1.3;
        moves.push(Move::WalkTo(Vec2::new(front.x, front.z)));
        moves.push(Move::Wait(2));
    }
    with_route(&mut app, moves);
    run_route(&mut app, 6000);
    let visited = app.world().resource::<Route>().visited.clone();
    assert_eq!(visited, vec![Zone::Corridor, Zone::Airlock, Zone::ProcessingRoom]);
    let last = Station::ALL[2].position() + Vec3::Z * 1.3;
    assert!(player_floor_position(&mut app).distance(Vec2::new(last.x, last.z)) < 0.2);
}

#[test]
fn walls_stop_the_trainee() {
    let mut app = headless_app();
    enter_session(&mut app);
    // Straight at the corridor's north wall, which stands at z = 11.
    with_route(&mut app, [Move::WalkTo(Vec2::new(-6.0, 12.0))]);
    for _ in 0..200 {
        app.update();
    }
    let position = player_floor_position(&mut app);
    assert!(position.y < 11.0 - 0.2, "walked into the wall: {position}");
}

#[test]
fn the_airlock_interlock_keeps_the_inner_door_shut_while_the_outer_is_open() {
    let mut app = headless_app();
    enter_session(&mut app);
    with_route(
        &mut app,
        [
            Move::WalkTo(Vec2::new(-1.0, 9.3)),
            Move::Use(CORRIDOR_DOOR_HANDLE),
            Move::Wait(30),
            Move::WalkTo(Vec2::new(-1.0, 5.0)),
            // The corridor door is still open behind the trainee: the inner door must refuse.
            Move::Use(PROCESSING_DOOR_FROM_AIRLOCK),
            Move::Wait(5),
        ],
    );
    let mut notices = Vec::new();
    for _ in 0..2000 {
        app.update();
        let messages = app.world().resource::<Messages<Notice>>();
        notices.extend(messages.iter_current_update_messages().map(|notice| notice.key));
        if app.world().resource::<Route>().moves.is_empty() {
            break;
        }
    }
    assert!(door(&mut app, "corridor_door").open);
    assert!(!door(&mut app, "processing_door").open);
    assert!(notices.contains(&"hud-interlock"), "no interlock notice among {notices:?}");
}

#[test]
fn the_cleanroom_has_its_stations_screens_doors_and_signs() {
    let mut app = headless_app();
    enter_session(&mut app);
    let world = app.world_mut();
    let stations: Vec<Station> = world.query::<&Station>().iter(world).copied().collect();
    assert_eq!(stations.len(), 3);
    assert_eq!(world.query::<&Touchscreen>().iter(world).count(), 3);
    assert_eq!(world.query::<&Door>().iter(world).count(), 4);
    let names: Vec<String> = world.query::<&Name>().iter(world).map(|name| name.to_string()).collect();
    for expected in [
        "Step-over bench",
        "Hand-wash sink",
        "Mirror",
        "Cabinet sash",
        "Sign: grade A",
        "Sign: grade B (room)",
        "Sign: grade C (corridor)",
        "Hatch floor",
    ] {
        assert!(names.iter().any(|name| name == expected), "missing {expected}");
    }
    let hepa = names.iter().filter(|name| name.starts_with("HEPA diffuser") && !name.ends_with("frame")).count();
    assert!(hepa >= 12, "only {hepa} HEPA diffusers");
    assert!(layout::VIEWPOINTS.len() >= 6);
}

#[test]
fn placing_the_trainee_at_a_viewpoint_keeps_them_there() {
    let mut app = headless_app();
    enter_session(&mut app);
    let view = layout::viewpoint("processing_room").expect("viewpoint");
    app.world_mut()
        .run_system_once(|mut player: Query<(&mut Transform, &mut Player)>| {
            cleanroom::screens::put_camera_at(layout::viewpoint("processing_room").expect("viewpoint"), &mut player);
        })
        .expect("system runs");
    for _ in 0..10 {
        app.update();
    }
    let position = player_floor_position(&mut app);
    assert!(position.distance(Vec2::new(view.eye.x, view.eye.z)) < 0.1, "moved to {position}");
    assert_eq!(app.world().resource::<CurrentZone>().0, Zone::ProcessingRoom);
}
