//! The trainee's body: walks with the character controller on the desktop, teleports and snap
//! turns in the headset, and carries the camera (the spectator view while the headset runs).

use bevy::camera::Exposure;
use bevy::prelude::*;
use bevy::transform::TransformSystems;
use bevy_rapier3d::prelude::*;

use crate::input::{HeadPose, InputSystems, Locomotion, PlaySpace, PointerCamera};
use crate::layout::{self, EYE_HEIGHT, Viewpoint, Zone};
use crate::screens::Screen;

/// Walking speed: slow, as cleanroom conduct asks (a moving person sheds far more particles).
const WALK_SPEED: f32 = 1.2;
/// Hurrying (Shift held): twice the walking speed, which cleanroom conduct forbids.
const HURRY_SPEED: f32 = 2.4;
/// Gravity for the character controller, m/s².
const GRAVITY: f32 = 9.81;
/// Body capsule: shoulder-width radius, and the cylinder part's half height.
const BODY_RADIUS: f32 = 0.28;
const BODY_HALF_HEIGHT: f32 = 0.55;
/// Pitch limit, just short of straight up or down.
const PITCH_LIMIT: f32 = 1.5;
/// Eye height of a seated trainee; seated play lifts the view by the difference.
const SEATED_EYE_HEIGHT: f32 = 1.2;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<PlayHeight>();
    app.add_systems(Startup, spawn_player);
    app.add_systems(OnEnter(Screen::MainMenu), show_menu_view);
    app.add_systems(OnEnter(Screen::Session), start_at_the_corridor.in_set(crate::SessionSystems::Reset));
    app.add_systems(Update, (look, walk, xr_locomotion, track_zone).chain().in_set(crate::AppSystems::Move));
    // The camera follows the body after physics has moved it (and the headset, once the
    // runtime has placed it), before transforms propagate.
    app.add_systems(
        PostUpdate,
        follow_body.after(PhysicsSet::Writeback).after(InputSystems::Head).before(TransformSystems::Propagate),
    );
}

/// The trainee's body, standing on the floor. It has no children on purpose: physics only sees
/// a moved body whose transform propagates on its own, so the camera is a separate entity that
/// follows it.
#[derive(Component, Debug)]
pub struct Player {
    /// Look pitch in radians (the yaw is the body's rotation).
    pub pitch: f32,
    /// Height of the eyes above the floor.
    pub eye_height: f32,
    /// Vertical speed while falling.
    pub fall_speed: f32,
    /// Placed directly this frame: the character controller must wait a frame, because it
    /// moves from the physics world's position, which learns of the new one only after it runs.
    pub teleported: bool,
}

/// The camera at the trainee's eyes.
#[derive(Component, Debug)]
pub struct PlayerCamera;

/// The zone the trainee stands in now.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurrentZone(pub Zone);

/// Standing or seated play, chosen in the menu; seated lifts the headset view to standing height.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PlayHeight {
    #[default]
    Standing,
    Seated,
}

impl PlayHeight {
    /// How far the tracking origin is raised so the trainee sees from a standing eye height.
    pub fn lift(self) -> f32 {
        match self {
            PlayHeight::Standing => 0.0,
            PlayHeight::Seated => EYE_HEIGHT - SEATED_EYE_HEIGHT,
        }
    }
}

impl Default for Player {
    fn default() -> Self {
        Self { pitch: 0.0, eye_height: EYE_HEIGHT, fall_speed: 0.0, teleported: false }
    }
}

fn spawn_player(mut commands: Commands) {
    commands.spawn((
        Name::new("Player"),
        Player::default(),
        Transform::from_translation(layout::START + body_offset()).looking_to(Vec3::new(1.0, 0.0, -0.4), Vec3::Y),
        Visibility::default(),
        RigidBody::KinematicPositionBased,
        Collider::capsule_y(BODY_HALF_HEIGHT, BODY_RADIUS),
        KinematicCharacterController {
            // The capsule's centre is at the feet position plus its half length.
            custom_shape: None,
            offset: CharacterLength::Absolute(0.02),
            snap_to_ground: Some(CharacterLength::Absolute(0.2)),
            // High enough to swing over the airlock's step-over bench, as trainees must.
            autostep: Some(CharacterAutostep {
                max_height: CharacterLength::Absolute(layout::BENCH_HEIGHT + 0.05),
                min_width: CharacterLength::Absolute(0.15),
                include_dynamic_bodies: false,
            }),
            ..default()
        },
    ));
    commands.spawn((
        Name::new("Player camera"),
        PlayerCamera,
        PointerCamera,
        Camera3d::default(),
        Projection::from(PerspectiveProjection { fov: 72f32.to_radians(), near: 0.05, ..default() }),
        Exposure { ev100: Exposure::EV100_INDOOR + 0.6 },
        Transform::from_translation(layout::START + Vec3::Y * EYE_HEIGHT),
    ));
    commands.insert_resource(CurrentZone(Zone::Corridor));
}

/// The feet position of a body whose capsule centre is at `centre`.
fn body_offset() -> Vec3 {
    Vec3::Y * (BODY_HALF_HEIGHT + BODY_RADIUS)
}

/// Puts the trainee at a floor position, facing along `facing`.
pub fn place(transform: &mut Transform, player: &mut Player, feet: Vec3, facing: Vec3) {
    transform.translation = feet + body_offset();
    let flat = Vec3::new(facing.x, 0.0, facing.z);
    if flat.length_squared() > 1e-6 {
        transform.look_to(flat, Vec3::Y);
    }
    player.pitch = 0.0;
    player.eye_height = EYE_HEIGHT;
    player.fall_speed = 0.0;
    player.teleported = true;
}

/// Moves the trainee so that the camera sees `view`.
pub fn look_from(view: &Viewpoint, body: &mut Transform, player: &mut Player) {
    let direction = view.target - view.eye;
    place(body, player, view.eye.with_y(0.0), direction);
    player.pitch = direction.y.atan2(Vec2::new(direction.x, direction.z).length());
    player.eye_height = view.eye.y;
}

/// Behind the menu, the camera looks into the processing room.
fn show_menu_view(mut player: Query<(&mut Transform, &mut Player)>) {
    if let (Some(view), Ok((mut body, mut state))) = (layout::viewpoint("processing_room"), player.single_mut()) {
        look_from(view, &mut body, &mut state);
    }
}

/// Every session starts at the corridor's west end, facing the airlock door.
fn start_at_the_corridor(mut player: Query<(&mut Transform, &mut Player)>) {
    if let Ok((mut body, mut state)) = player.single_mut() {
        place(&mut body, &mut state, layout::START, Vec3::new(1.0, 0.0, -0.4));
    }
}

fn look(locomotion: Res<Locomotion>, mut player: Query<(&mut Transform, &mut Player)>) {
    let Ok((mut body, mut player)) = player.single_mut() else {
        return;
    };
    if locomotion.look != Vec2::ZERO {
        body.rotate_y(-locomotion.look.x);
        player.pitch = (player.pitch + locomotion.look.y).clamp(-PITCH_LIMIT, PITCH_LIMIT);
    }
}

fn walk(
    time: Res<Time>,
    locomotion: Res<Locomotion>,
    mut player: Query<(
        &Transform,
        &mut Player,
        &mut KinematicCharacterController,
        Option<&KinematicCharacterControllerOutput>,
    )>,
) {
    let Ok((transform, mut player, mut controller, output)) = player.single_mut() else {
        return;
    };
    if player.teleported {
        player.teleported = false;
        controller.translation = None;
        return;
    }
    let dt = time.delta_secs();
    let grounded = output.is_some_and(|output| output.grounded);
    player.fall_speed = if grounded { 0.0 } else { player.fall_speed + GRAVITY * dt };
    let forward = transform.forward().with_y(0.0).normalize_or_zero();
    let right = transform.right().with_y(0.0).normalize_or_zero();
    let speed = if locomotion.hurry { HURRY_SPEED } else { WALK_SPEED };
    let horizontal = (right * locomotion.walk.x + forward * locomotion.walk.y) * speed * dt;
    let vertical = Vec3::NEG_Y * (player.fall_speed * dt).max(0.01);
    controller.translation = Some(horizontal + vertical);
}

/// Headset locomotion: teleport onto the floor of a zone, and snap turns about the head.
fn xr_locomotion(
    locomotion: Res<Locomotion>,
    height: Res<PlayHeight>,
    mut play_space: ResMut<PlaySpace>,
    mut player: Query<(&mut Transform, &mut Player)>,
) {
    let Ok((mut body, mut player)) = player.single_mut() else {
        return;
    };
    if let Some(target) = locomotion.teleport
        && Zone::at(target).is_some()
    {
        let facing = *body.forward();
        place(&mut body, &mut player, target, facing);
    }
    if locomotion.snap_turn != 0.0 {
        body.rotate_y(locomotion.snap_turn);
    }
    // The tracking origin sits at the body's feet, lifted for seated play; the head moves freely
    // within it (room-scale), and eye cameras are children of it.
    let origin = Transform::from_translation(body.translation - body_offset() + Vec3::Y * height.lift())
        .with_rotation(body.rotation);
    if play_space.0 != origin {
        play_space.0 = origin;
    }
}

/// Puts the camera at the trainee's eyes; while the headset runs, where the headset is, so the
/// desktop window is a spectator view of what the trainee sees.
fn follow_body(
    player: Query<(&Transform, &Player)>,
    head: Res<HeadPose>,
    mut camera: Query<&mut Transform, (With<PlayerCamera>, Without<Player>)>,
) {
    let Ok(mut camera) = camera.single_mut() else {
        return;
    };
    if let Some(head) = head.0 {
        *camera = head;
        return;
    }
    let Ok((body, player)) = player.single() else {
        return;
    };
    camera.translation = body.translation - body_offset() + Vec3::Y * player.eye_height;
    camera.rotation = body.rotation * Quat::from_rotation_x(player.pitch);
}

fn track_zone(player: Query<&Transform, With<Player>>, mut zone: ResMut<CurrentZone>) {
    let Ok(transform) = player.single() else {
        return;
    };
    if let Some(now) = Zone::at(transform.translation)
        && now != zone.0
    {
        zone.0 = now;
        info!("trainee entered {}", now.id());
    }
}
