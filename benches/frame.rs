//! The game's own work per frame, without rendering: the headless game as the app tests build
//! it (the whole cleanroom, every station's model), a level in progress, and the trainee
//! walking round the processing room, the hand pointing, using and grabbing every few frames.
//! One `update()` is one frame. It is measured twice: with nobody signed in (nothing recorded),
//! and with a trainee signed in, so that every action, observation and runner event of the
//! attempt goes to the records store through the recorder's thread, as in a real session.
//!
//! `cargo bench --bench frame` prints, for each, the median and the 99th percentile of 3 000
//! frames timed one by one, then criterion's own estimates. Goal on a 2-core machine (issue 17):
//! median at most 0.5 ms, 99th percentile at most 1 ms.

use std::time::{Duration, Instant};

use bevy::ecs::system::RunSystemOnce;
use bevy::prelude::*;
use cleanroom::input::{Hand, HandState, InputSystems, Locomotion, Press};
use cleanroom::player::{Player, PlayerCamera};
use criterion::{Criterion, criterion_group, criterion_main};

/// The level in progress: a collection in the Grade B room, its model running every frame.
const LEVEL: &str = "apheresis_collect";

/// Frames timed one by one for the percentiles.
const FRAMES: usize = 3_000;

/// The frame count, for the route's rhythm.
#[derive(Resource, Default)]
struct Route {
    frame: u32,
}

/// Walks in a slow circle, looking about; uses what is ahead every 45 frames and grabs for 20
/// frames every 90, as a trainee's hands are always busy.
fn walk_and_interact(
    mut route: ResMut<Route>,
    mut locomotion: ResMut<Locomotion>,
    camera: Query<&GlobalTransform, With<PlayerCamera>>,
    mut hands: Query<(&Hand, &mut HandState)>,
) {
    route.frame += 1;
    let frame = route.frame;
    locomotion.walk = Vec2::new(0.0, 0.6);
    locomotion.look = Vec2::new(0.02, if frame % 120 < 60 { -0.004 } else { 0.004 });
    let Ok(eye) = camera.single() else {
        return;
    };
    let ray = Ray3d::new(eye.translation(), eye.forward());
    for (hand, mut state) in &mut hands {
        if *hand != Hand::Desktop {
            continue;
        }
        let (using, grabbing) = (frame.is_multiple_of(45), frame % 90 < 20);
        let was_grabbing = state.grab.held;
        state.ray = Some(ray);
        state.tracked = true;
        state.grip = Transform::from_translation(eye.translation() + *eye.forward() * 0.5);
        state.use_ = Press { pressed: using, held: using, released: false };
        state.grab = Press { pressed: grabbing && !was_grabbing, held: grabbing, released: !grabbing && was_grabbing };
    }
}

/// The session, recording into a fresh store in `records` when given.
fn session(records: Option<&std::path::Path>) -> App {
    let mut app = cleanroom::headless::app_with_levels(&cleanroom::procedure::levels_dir());
    if let Some(folder) = records {
        let _ = std::fs::remove_dir_all(folder);
        let store = cleanroom_core::records::StorePaths { records: folder.join("data"), keys: folder.join("keys") };
        app.insert_resource(cleanroom::records::RecordsConfig { store, lrs: None });
        let trainee = cleanroom_core::records::attempt::Trainee::new("BENCH-1", "Bench Trainee");
        app.insert_resource(cleanroom::records::SignedInTrainee {
            trainee,
            by: Some(cleanroom_core::records::attempt::SignedInBy::CommandLine),
        });
    }
    app.world_mut().resource_mut::<cleanroom::screens::SessionSettings>().level = Some(LEVEL.to_owned());
    app.init_resource::<Route>();
    app.add_systems(PreUpdate, walk_and_interact.after(InputSystems::Fill));
    cleanroom::headless::enter_session(&mut app);
    assert!(app.world().contains_resource::<cleanroom::procedure::ActiveProcedure>(), "{LEVEL} is not running");
    app.world_mut()
        .run_system_once(|mut player: Query<(&mut Transform, &mut Player)>| {
            let (mut body, mut state) = player.single_mut().expect("the player");
            let view = cleanroom::layout::viewpoint("processing_room").expect("the processing room's viewpoint");
            cleanroom::player::look_from(view, &mut body, &mut state);
        })
        .expect("the player is placed");
    // Let the first frames' work (caches, the first interactions) settle.
    for _ in 0..120 {
        app.update();
    }
    app
}

/// Times `FRAMES` frames one by one and prints their median, 99th percentile and worst.
fn time_frames(app: &mut App, records: &str) {
    let times: Vec<Duration> = (0..FRAMES)
        .map(|_| {
            let start = Instant::now();
            app.update();
            start.elapsed()
        })
        .collect();
    let (median, p99) = cleanroom::ui::frame_times::percentiles(&times).expect("frames were timed");
    let worst = times.iter().max().expect("frames").as_secs_f64() * 1e3;
    let entities = app.world().entities().count_spawned();
    println!(
        "frame: one update() with {LEVEL} in progress, records {records}, {entities} entities, {FRAMES} frames: median {median:.3} ms, 99th percentile {p99:.3} ms, worst {worst:.3} ms"
    );
}

fn frame(c: &mut Criterion) {
    let mut app = session(None);
    time_frames(&mut app, "off");
    c.bench_function("frame/update", |b| b.iter(|| app.update()));
    drop(app);

    let folder = std::env::temp_dir().join(format!("cleanroom-frame-bench-{}", std::process::id()));
    let mut app = session(Some(&folder));
    time_frames(&mut app, "on");
    let records = app.world().resource::<cleanroom::records::Records>();
    assert!(records.flush(Duration::from_secs(30)), "the records reached the disk");
    let written = records.status().written;
    assert!(written > 0, "the attempt was recorded");
    println!("frame: records on: {written} records written during the run");
    c.bench_function("frame/update_recording", |b| b.iter(|| app.update()));
    drop(app);
    let _ = std::fs::remove_dir_all(&folder);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(200).measurement_time(Duration::from_secs(10));
    targets = frame
}
criterion_main!(benches);
