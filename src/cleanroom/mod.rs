//! The cleanroom itself: built once, in steps, while the loading screen shows progress.

use bevy::light::GlobalAmbientLight;
use bevy::prelude::*;

pub mod doors;
pub mod equipment;
pub mod kit;
pub mod layout;
pub mod rooms;
pub mod signs;

use kit::{Kit, Palette};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<WorldBuild>();
    app.insert_resource(GlobalAmbientLight { color: Color::srgb(0.95, 0.97, 1.0), brightness: 220.0, ..default() });
    app.add_systems(Startup, create_palette);
    app.add_systems(Update, build_next_step.run_if(|build: Res<WorldBuild>| !build.is_done()));
    app.add_plugins(doors::plugin);
}

/// The steps that build the cleanroom, in order, each named for the progress display.
pub const BUILD_STEPS: &[(&str, fn(&mut Kit))] = &[
    ("floors and ceilings", rooms::floors_and_ceilings),
    ("walls", rooms::walls),
    ("HEPA diffusers and lights", rooms::ceiling_fixtures),
    ("floor markings", rooms::floor_markings),
    ("signs", rooms::signage),
    ("airlock", rooms::airlock_furniture),
    ("pass-through hatch", rooms::pass_through),
    ("doors", doors::spawn_doors),
    ("biosafety cabinet", equipment::biosafety_cabinet),
    ("bioreactor", equipment::bioreactor),
    ("apheresis machine", equipment::apheresis),
    ("fill-and-finish unit", equipment::fill_finish),
    ("lighting", lighting),
];

/// How far the build has got.
#[derive(Resource, Debug, Default)]
pub struct WorldBuild {
    pub steps_done: usize,
}

impl WorldBuild {
    pub fn is_done(&self) -> bool {
        self.steps_done >= BUILD_STEPS.len()
    }

    /// Fraction done, 0 to 1.
    pub fn progress(&self) -> f32 {
        self.steps_done as f32 / BUILD_STEPS.len() as f32
    }

    /// The name of the step being built now.
    pub fn current_step(&self) -> Option<&'static str> {
        BUILD_STEPS.get(self.steps_done).map(|(name, _)| *name)
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
    commands.insert_resource(palette);
}

/// One build step a frame, so the loading screen can show real progress.
fn build_next_step(world: &mut World) {
    if !world.contains_resource::<Palette>() {
        return;
    }
    let index = world.resource::<WorldBuild>().steps_done;
    let Some((_, step)) = BUILD_STEPS.get(index) else {
        return;
    };
    step(&mut Kit::new(world));
    world.resource_mut::<WorldBuild>().steps_done += 1;
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
