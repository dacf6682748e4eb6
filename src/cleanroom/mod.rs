//! The cleanroom itself: built once, in steps, while the loading screen shows progress. The
//! rooms' steps come first, then each station's (the stations add them), then the lighting.

use std::sync::Arc;

use bevy::light::{GlobalAmbientLight, PointLightShadowMap};
use bevy::prelude::*;

pub mod doors;
pub mod equipment;
pub mod kit;
pub mod rooms;
pub mod signs;

use kit::{Kit, Palette};

/// The loading screen's name for the world build (a translation key).
const LOADING_PART: &str = "loading-world";

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<WorldBuild>();
    // The loading screen waits for the build from the start.
    app.init_resource::<crate::screens::Loading>();
    app.world_mut().resource_mut::<crate::screens::Loading>().report(LOADING_PART, 0.0, None, false);
    app.insert_resource(GlobalAmbientLight { color: Color::srgb(0.95, 0.97, 1.0), brightness: 220.0, ..default() });
    app.add_systems(Startup, create_palette);
    app.add_systems(Update, build_next_step.run_if(|build: Res<WorldBuild>| !build.is_done()));
    app.add_plugins(doors::plugin);
}

/// One step of the build, named for the log.
#[derive(Clone)]
pub struct BuildStep {
    pub name: &'static str,
    build: Arc<dyn Fn(&mut Kit) + Send + Sync>,
}

impl BuildStep {
    pub fn new(name: &'static str, build: impl Fn(&mut Kit) + Send + Sync + 'static) -> Self {
        Self { name, build: Arc::new(build) }
    }
}

impl std::fmt::Debug for BuildStep {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("BuildStep").field("name", &self.name).finish_non_exhaustive()
    }
}

/// The rooms and their furniture, built first.
fn room_steps() -> Vec<BuildStep> {
    vec![
        BuildStep::new("floors and ceilings", rooms::floors_and_ceilings),
        BuildStep::new("walls", rooms::walls),
        BuildStep::new("HEPA diffusers and lights", rooms::ceiling_fixtures),
        BuildStep::new("floor markings", rooms::floor_markings),
        BuildStep::new("signs", rooms::signage),
        BuildStep::new("airlock", rooms::airlock_furniture),
        BuildStep::new("rejected garments bin", equipment::rejected_garments_bin),
        BuildStep::new("pass-through hatch", rooms::pass_through),
        BuildStep::new("doors", doors::spawn_doors),
        BuildStep::new("biosafety cabinet", equipment::biosafety_cabinet),
    ]
}

/// The build's steps and how far it has got.
#[derive(Resource, Debug, Clone)]
pub struct WorldBuild {
    steps: Vec<BuildStep>,
    pub steps_done: usize,
}

impl Default for WorldBuild {
    fn default() -> Self {
        // The last step: lights, once everything they light stands.
        let lighting = BuildStep::new("lighting", lighting);
        Self { steps: room_steps().into_iter().chain([lighting]).collect(), steps_done: 0 }
    }
}

impl WorldBuild {
    /// Adds a step before the lighting (a station adds the building of its equipment).
    pub fn add_step(&mut self, step: BuildStep) {
        let lighting = self.steps.len() - 1;
        self.steps.insert(lighting, step);
    }

    /// Every step, in the order they run.
    pub fn steps(&self) -> &[BuildStep] {
        &self.steps
    }

    pub fn is_done(&self) -> bool {
        self.steps_done >= self.steps.len()
    }

    /// Fraction done, 0 to 1.
    pub fn progress(&self) -> f32 {
        self.steps_done as f32 / self.steps.len() as f32
    }
}

fn create_palette(
    mut commands: Commands,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut images: ResMut<Assets<Image>>,
) {
    let palette = Palette::new(&mut materials, &mut images);
    commands.insert_resource(crate::interaction::items::FitMaterials {
        fits: palette.socket_fits.clone(),
        does_not_fit: palette.socket_rejects.clone(),
        idle: palette.socket_idle.clone(),
    });
    commands.insert_resource(crate::interaction::items::TubingMaterial(palette.tubing.clone()));
    commands.insert_resource(crate::interaction::items::ClampMaterials {
        open: palette.marking_green.clone(),
        closed: palette.marking_red.clone(),
    });
    commands.insert_resource(palette);
}

/// One build step a frame, so the loading screen can show real progress.
fn build_next_step(world: &mut World) {
    if !world.contains_resource::<Palette>() {
        return;
    }
    let build = world.resource::<WorldBuild>();
    let Some(step) = build.steps.get(build.steps_done).cloned() else {
        return;
    };
    (step.build)(&mut Kit::new(world));
    let mut build = world.resource_mut::<WorldBuild>();
    build.steps_done += 1;
    let (progress, done) = (build.progress(), build.is_done());
    world.resource_mut::<crate::screens::Loading>().report(LOADING_PART, progress, None, done);
}

/// Builds the whole cleanroom at once (for tests and tools that need no loading screen).
pub fn build_all(world: &mut World) {
    if !world.contains_resource::<Palette>() {
        let palette = world.resource_scope(|world, mut materials: Mut<Assets<StandardMaterial>>| {
            let mut images = world.resource_mut::<Assets<Image>>();
            Palette::new(&mut materials, &mut images)
        });
        world.insert_resource(palette);
    }
    while !world.resource::<WorldBuild>().is_done() {
        build_next_step(world);
    }
}

/// Even, bright, slightly cool light, as under a cleanroom's ceiling panels.
fn lighting(kit: &mut Kit) {
    // Shadows from diffuse ceiling panels are soft: 512-texel cube faces draw them as well as
    // Bevy's default 1024 (screenshots compared) for a quarter of the shadow passes' pixels.
    kit.world.insert_resource(PointLightShadowMap { size: 512 });
    let lamps = [
        Vec3::new(-5.0, 2.8, -5.0),
        Vec3::new(0.0, 2.8, -5.0),
        Vec3::new(5.0, 2.8, -5.0),
        Vec3::new(-5.0, 2.8, 0.5),
        Vec3::new(2.0, 2.8, 0.5),
        Vec3::new(4.5, 2.8, 6.0),
        Vec3::new(-1.0, 2.8, 6.0),
        Vec3::new(-4.5, 2.7, 9.5),
        Vec3::new(3.0, 2.7, 9.5),
    ];
    for (index, position) in lamps.into_iter().enumerate() {
        kit.world.spawn((
            Name::new(format!("Ceiling light {index}")),
            PointLight {
                intensity: 120_000.0,
                range: 9.0,
                color: Color::srgb(1.0, 0.98, 0.95),
                shadow_maps_enabled: index < 3,
                ..default()
            },
            Transform::from_translation(position),
        ));
    }
}
