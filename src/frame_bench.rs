//! Rendering measured (`cleanroom render-bench`): frames of a named viewpoint of the cleanroom
//! timed one by one, or of the baseline, a plain Bevy scene (a floor, a cube, one light) in a
//! window of the same size with the same renderer, so that `scripts/bench.sh` can give the
//! cleanroom's frame time as a ratio to what Bevy itself costs on that machine.
//!
//! After some frames to settle, the wall time between one frame's end and the next is kept for
//! the asked number of frames; then one line is printed, with the median and 99th percentile
//! and what the scene holds (entities, meshes, materials, lights and how many cast shadows),
//! and the program exits.

use std::time::{Duration, Instant};

use bevy::ecs::entity::Entities;
use bevy::prelude::*;
use bevy::window::{PresentMode, WindowResolution};

use crate::screens::Screen;

/// What to time.
#[derive(Resource, Debug, Clone)]
pub struct FrameBench {
    /// What the line names: `cleanroom <view>` or `baseline`.
    pub label: String,
    /// Frames rendered before timing starts (shaders compiled, textures uploaded).
    pub warmup: u32,
    /// Frames timed.
    pub frames: u32,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Timing>();
    app.add_systems(Last, time_frames.run_if(resource_exists::<FrameBench>));
}

#[derive(Resource, Debug, Default)]
struct Timing {
    settled: u32,
    last: Option<Instant>,
    times: Vec<Duration>,
}

fn time_frames(
    bench: Res<FrameBench>,
    mut timing: ResMut<Timing>,
    screen: Option<Res<State<Screen>>>,
    entities: &Entities,
    meshes: Res<Assets<Mesh>>,
    materials: Res<Assets<StandardMaterial>>,
    lights: (Query<&PointLight>, Query<&SpotLight>, Query<&DirectionalLight>),
    windows: Query<&Window>,
    mut exit: MessageWriter<AppExit>,
) {
    // The cleanroom is timed once the trainee stands in it (the baseline has no screens).
    if screen.is_some_and(|screen| *screen.get() != Screen::Session) {
        return;
    }
    if timing.settled < bench.warmup {
        timing.settled += 1;
        return;
    }
    let now = Instant::now();
    if let Some(last) = timing.last.replace(now) {
        timing.times.push(now - last);
    }
    if timing.times.len() < bench.frames as usize {
        return;
    }
    let Some((median, p99)) = crate::ui::frame_times::percentiles(&timing.times) else {
        return;
    };
    let (points, spots, suns) = &lights;
    let shadows = points.iter().filter(|light| light.shadow_maps_enabled).count()
        + spots.iter().filter(|light| light.shadow_maps_enabled).count()
        + suns.iter().filter(|light| light.shadow_maps_enabled).count();
    let size = windows.iter().next().map_or_else(String::new, |window| {
        format!(" {}x{}", window.resolution.physical_width(), window.resolution.physical_height())
    });
    println!(
        "render: {}{size}: {} frames: median {median:.2} ms, 99th percentile {p99:.2} ms; {} entities, {} meshes, {} materials, {} lights ({} point, {} spot, {} directional; {shadows} casting shadows)",
        bench.label,
        timing.times.len(),
        entities.count_spawned(),
        meshes.len(),
        materials.len(),
        points.iter().count() + spots.iter().count() + suns.iter().count(),
        points.iter().count(),
        spots.iter().count(),
        suns.iter().count(),
    );
    exit.write(AppExit::Success);
}

/// The baseline: Bevy's default plugins, a window of `size`, a floor, a cube, one light that
/// casts shadows and a camera, and the same timing.
pub fn baseline_app(size: UVec2, bench: FrameBench) -> App {
    let mut app = plain_bevy_app("Cleanroom — render baseline", size);
    app.insert_resource(bench);
    plugin(&mut app);
    app.add_systems(Startup, plain_scene);
    app
}

/// Bevy's default plugins and nothing else, in a window of `size` presented as the game's is:
/// what the benchmarks' baselines are measured in.
pub fn plain_bevy_app(title: &str, size: UVec2) -> App {
    let mut app = App::new();
    let window = Window {
        title: title.into(),
        resolution: WindowResolution::new(size.x, size.y),
        present_mode: PresentMode::AutoVsync,
        ..default()
    };
    app.add_plugins(DefaultPlugins.set(WindowPlugin { primary_window: Some(window), ..default() }));
    app
}

fn plain_scene(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    commands.spawn((
        Mesh3d(meshes.add(Plane3d::default().mesh().size(8.0, 8.0))),
        MeshMaterial3d(materials.add(Color::srgb(0.75, 0.78, 0.8))),
    ));
    commands.spawn((
        Mesh3d(meshes.add(Cuboid::new(1.0, 1.0, 1.0))),
        MeshMaterial3d(materials.add(Color::srgb(0.3, 0.45, 0.7))),
        Transform::from_xyz(0.0, 0.5, 0.0),
    ));
    commands.spawn((PointLight { shadow_maps_enabled: true, ..default() }, Transform::from_xyz(4.0, 8.0, 4.0)));
    commands.spawn((Camera3d::default(), Transform::from_xyz(-2.5, 4.5, 9.0).looking_at(Vec3::ZERO, Vec3::Y)));
}
