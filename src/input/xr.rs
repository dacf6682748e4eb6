//! XR backend: OpenXR controllers fill the left and right hands (grip pose, aim ray, grip to
//! grab, trigger to use, wrist twist to turn dials) and locomotion (thumbstick teleport and
//! snap turn), with haptic pulses on request. Everything here runs only while an OpenXR session
//! runs; on the desktop none of it is scheduled.

use bevy::prelude::*;
use bevy::transform::TransformSystems;
use bevy_mod_openxr::action_binding::{OxrSendActionBindings, OxrSuggestActionBinding};
use bevy_mod_openxr::action_set_attaching::OxrAttachActionSet;
use bevy_mod_openxr::action_set_syncing::{OxrActionSetSyncSet, OxrSyncActionSet};
use bevy_mod_openxr::openxr_session_running;
use bevy_mod_openxr::resources::OxrInstance;
use bevy_mod_openxr::session::OxrSession;
use bevy_mod_xr::camera::XrCamera;
use bevy_mod_xr::session::{XrPreDestroySession, XrSessionCreated, XrTrackingRoot, session_available};
use bevy_mod_xr::spaces::XrSpaceLocationFlags;

use super::intents::{Hand, HandState, HeadPose, InputSystems, Locomotion, PlaySpace};

/// The controllers we bind, each with the paths of its inputs (None: the profile lacks it).
struct Profile {
    path: &'static str,
    trigger: &'static str,
    squeeze: Option<&'static str>,
    stick: Option<&'static str>,
}

const PROFILES: [Profile; 4] = [
    Profile {
        path: "/interaction_profiles/khr/simple_controller",
        trigger: "input/select/click",
        squeeze: None,
        stick: None,
    },
    Profile {
        path: "/interaction_profiles/oculus/touch_controller",
        trigger: "input/trigger/value",
        squeeze: Some("input/squeeze/value"),
        stick: Some("input/thumbstick"),
    },
    Profile {
        path: "/interaction_profiles/valve/index_controller",
        trigger: "input/trigger/value",
        squeeze: Some("input/squeeze/value"),
        stick: Some("input/thumbstick"),
    },
    Profile {
        path: "/interaction_profiles/htc/vive_controller",
        trigger: "input/trigger/value",
        squeeze: Some("input/squeeze/click"),
        stick: Some("input/trackpad"),
    },
];

/// Analogue values above this count as pressed.
const PRESS_THRESHOLD: f32 = 0.6;
/// Thumbstick deflection that starts a snap turn or a teleport aim, and the one that re-arms it.
const STICK_ENGAGE: f32 = 0.7;
const STICK_RELEASE: f32 = 0.3;
/// One snap turn: 30°, a common comfortable default.
const SNAP_ANGLE: f32 = std::f32::consts::PI / 6.0;
/// The furthest a teleport may reach along the floor.
const TELEPORT_RANGE: f32 = 6.0;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<HapticRequested>();
    app.add_systems(Startup, create_actions.run_if(session_available));
    app.add_systems(OxrSendActionBindings, suggest_bindings.run_if(resource_exists::<ControllerActions>));
    app.add_systems(
        XrSessionCreated,
        (attach_actions, spawn_controller_spaces)
            .run_if(resource_exists::<OxrSession>)
            .run_if(resource_exists::<ControllerActions>),
    );
    app.add_systems(XrPreDestroySession, despawn_controller_spaces);
    app.add_systems(
        PreUpdate,
        sync_actions
            .before(OxrActionSetSyncSet)
            .run_if(openxr_session_running)
            .run_if(resource_exists::<ControllerActions>),
    );
    app.add_systems(
        PreUpdate,
        (fill_hands, fill_xr_locomotion)
            .in_set(InputSystems::Fill)
            .after(bevy_mod_xr::spaces::XrSpaceSyncSet)
            .run_if(openxr_session_running)
            .run_if(resource_exists::<ControllerActions>),
    );
    app.add_systems(Update, pulse_haptics.run_if(openxr_session_running).run_if(resource_exists::<ControllerActions>));
    // The play space goes where the trainee stands before the runtime places the eyes in it;
    // the headset's pose is known once it has.
    app.add_systems(
        PostUpdate,
        (
            move_play_space.before(bevy_mod_openxr::render::update_views),
            locate_head.after(bevy_mod_openxr::render::update_views).in_set(InputSystems::Head),
        )
            .before(TransformSystems::Propagate),
    );
}

/// A short vibration was asked for on a hand (a snap, a press).
#[derive(Message, Debug, Clone, Copy)]
pub struct HapticRequested {
    pub hand: Hand,
    pub amplitude: f32,
    pub seconds: f32,
}

/// The OpenXR action set and its actions.
#[derive(Resource)]
pub struct ControllerActions {
    set: openxr::ActionSet,
    grip_pose: openxr::Action<openxr::Posef>,
    aim_pose: openxr::Action<openxr::Posef>,
    squeeze: openxr::Action<f32>,
    trigger: openxr::Action<f32>,
    stick: openxr::Action<openxr::Vector2f>,
    haptic: openxr::Action<openxr::Haptic>,
    left: openxr::Path,
    right: openxr::Path,
}

/// Marks the tracked spaces of a controller.
#[derive(Component, Debug, Clone, Copy)]
pub struct ControllerSpace {
    pub hand: Hand,
    pub aim: bool,
}

/// Per-hand memory for thumbstick gestures.
#[derive(Default)]
struct StickGesture {
    turn_armed: bool,
    aiming_teleport: bool,
}

fn create_actions(instance: Res<OxrInstance>, mut commands: Commands) {
    match build_actions(&instance) {
        Ok(actions) => commands.insert_resource(actions),
        Err(error) => error!("XR: could not create the controller actions: {error}"),
    }
}

fn build_actions(instance: &OxrInstance) -> openxr::Result<ControllerActions> {
    let left = instance.string_to_path("/user/hand/left")?;
    let right = instance.string_to_path("/user/hand/right")?;
    let set = instance.create_action_set("cleanroom", "Cleanroom", 0)?;
    let hands = [left, right];
    Ok(ControllerActions {
        grip_pose: set.create_action("grip_pose", "Grip pose", &hands)?,
        aim_pose: set.create_action("aim_pose", "Aim pose", &hands)?,
        squeeze: set.create_action("grab", "Grab", &hands)?,
        trigger: set.create_action("use", "Use", &hands)?,
        stick: set.create_action("move", "Teleport and turn", &hands)?,
        haptic: set.create_action("haptic", "Haptic feedback", &hands)?,
        left,
        right,
        set,
    })
}

fn suggest_bindings(actions: Res<ControllerActions>, mut bindings: MessageWriter<OxrSuggestActionBinding>) {
    for profile in &PROFILES {
        let mut bind = |action: openxr::sys::Action, component: &str| {
            bindings.write(OxrSuggestActionBinding {
                action,
                interaction_profile: profile.path.into(),
                bindings: ["left", "right"]
                    .iter()
                    .map(|hand| format!("/user/hand/{hand}/{component}").into())
                    .collect(),
            });
        };
        bind(actions.grip_pose.as_raw(), "input/grip/pose");
        bind(actions.aim_pose.as_raw(), "input/aim/pose");
        bind(actions.haptic.as_raw(), "output/haptic");
        bind(actions.trigger.as_raw(), profile.trigger);
        if let Some(squeeze) = profile.squeeze {
            bind(actions.squeeze.as_raw(), squeeze);
        }
        if let Some(stick) = profile.stick {
            bind(actions.stick.as_raw(), stick);
        }
    }
}

fn attach_actions(actions: Res<ControllerActions>, mut attach: MessageWriter<OxrAttachActionSet>) {
    attach.write(OxrAttachActionSet(actions.set.clone()));
}

fn sync_actions(actions: Res<ControllerActions>, mut sync: MessageWriter<OxrSyncActionSet>) {
    sync.write(OxrSyncActionSet(actions.set.clone()));
}

fn spawn_controller_spaces(
    actions: Res<ControllerActions>,
    session: Res<OxrSession>,
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut hands: Query<(Entity, &Hand)>,
) {
    let body = meshes.add(Cuboid::new(0.04, 0.04, 0.12));
    let ring = meshes.add(Torus::new(0.03, 0.045));
    let material = materials.add(StandardMaterial {
        base_color: Color::srgb(0.2, 0.22, 0.26),
        perceptual_roughness: 0.5,
        ..default()
    });
    let pointer = meshes.add(Cylinder::new(0.002, 1.0));
    let pointer_material =
        materials.add(StandardMaterial { base_color: Color::srgb(0.3, 0.8, 1.0), unlit: true, ..default() });
    for (hand, path) in [(Hand::Left, actions.left), (Hand::Right, actions.right)] {
        if !hands.iter_mut().any(|(_, existing)| *existing == hand) {
            commands.spawn((Name::new(format!("{hand:?} hand")), hand, HandState::default()));
        }
        for aim in [false, true] {
            let space = if aim {
                session.create_action_space(&actions.aim_pose, path, Isometry3d::IDENTITY)
            } else {
                session.create_action_space(&actions.grip_pose, path, Isometry3d::IDENTITY)
            };
            let space = match space {
                Ok(space) => space,
                Err(error) => {
                    error!("XR: could not create the {hand:?} controller space: {error}");
                    continue;
                }
            };
            let mut entity = commands.spawn((
                Name::new(format!("{hand:?} controller {}", if aim { "aim" } else { "grip" })),
                space,
                ControllerSpace { hand, aim },
            ));
            // The controller is drawn at the grip; a short pointer line shows the aim.
            if aim {
                entity.with_children(|parent| {
                    parent.spawn((
                        Mesh3d(pointer.clone()),
                        MeshMaterial3d(pointer_material.clone()),
                        Transform::from_xyz(0.0, 0.0, -0.5)
                            .with_rotation(Quat::from_rotation_x(std::f32::consts::FRAC_PI_2)),
                    ));
                });
            } else {
                entity.with_children(|parent| {
                    parent.spawn((
                        Mesh3d(body.clone()),
                        MeshMaterial3d(material.clone()),
                        Transform::from_xyz(0.0, 0.0, 0.03),
                    ));
                    parent.spawn((
                        Mesh3d(ring.clone()),
                        MeshMaterial3d(material.clone()),
                        Transform::from_xyz(0.0, 0.03, -0.04).with_rotation(Quat::from_rotation_x(0.6)),
                    ));
                });
            }
        }
    }
}

fn despawn_controller_spaces(spaces: Query<Entity, With<ControllerSpace>>, mut commands: Commands) {
    for entity in &spaces {
        commands.entity(entity).despawn();
    }
}

fn fill_hands(
    actions: Res<ControllerActions>,
    session: Res<OxrSession>,
    spaces: Query<(&ControllerSpace, &GlobalTransform, &XrSpaceLocationFlags)>,
    mut hands: Query<(&Hand, &mut HandState)>,
    mut previous_roll: Local<[Option<f32>; 2]>,
) {
    let session: &openxr::Session<openxr::AnyGraphics> = &session;
    for (hand, mut state) in &mut hands {
        let (path, index) = match hand {
            Hand::Left => (actions.left, 0),
            Hand::Right => (actions.right, 1),
            Hand::Desktop => continue,
        };
        let mut tracked = false;
        for (space, transform, flags) in &spaces {
            if space.hand != *hand {
                continue;
            }
            let pose = transform.compute_transform();
            if space.aim {
                state.ray = Some(Ray3d::new(pose.translation, pose.forward()));
            } else {
                tracked = flags.position_tracked && flags.rotation_tracked;
                state.grip = pose;
            }
        }
        state.tracked = tracked;
        let squeeze = actions.squeeze.state(session, path).map(|s| s.current_state).unwrap_or(0.0);
        let trigger = actions.trigger.state(session, path).map(|s| s.current_state).unwrap_or(0.0);
        state.grab.set(squeeze > PRESS_THRESHOLD);
        state.use_.set(trigger > PRESS_THRESHOLD);
        // Twisting the wrist while holding the trigger turns a dial: the change in roll.
        let roll = state.grip.rotation.to_euler(EulerRot::ZXY).0;
        if state.use_.held {
            if let Some(previous) = previous_roll[index] {
                let mut delta = roll - previous;
                if delta > std::f32::consts::PI {
                    delta -= std::f32::consts::TAU;
                } else if delta < -std::f32::consts::PI {
                    delta += std::f32::consts::TAU;
                }
                state.turn += -delta;
            }
            previous_roll[index] = Some(roll);
        } else {
            previous_roll[index] = None;
        }
    }
}

fn fill_xr_locomotion(
    actions: Res<ControllerActions>,
    session: Res<OxrSession>,
    hands: Query<(&Hand, &HandState)>,
    mut locomotion: ResMut<Locomotion>,
    mut gestures: Local<[StickGesture; 2]>,
) {
    let session: &openxr::Session<openxr::AnyGraphics> = &session;
    for (hand, state) in &hands {
        let (path, index) = match hand {
            Hand::Left => (actions.left, 0),
            Hand::Right => (actions.right, 1),
            Hand::Desktop => continue,
        };
        let Ok(stick) = actions.stick.state(session, path) else {
            continue;
        };
        let stick = Vec2::new(stick.current_state.x, stick.current_state.y);
        let gesture = &mut gestures[index];
        // Snap turn: one step each time the stick is pushed sideways.
        if stick.x.abs() > STICK_ENGAGE && gesture.turn_armed {
            locomotion.snap_turn = -stick.x.signum() * SNAP_ANGLE;
            gesture.turn_armed = false;
        } else if stick.x.abs() < STICK_RELEASE {
            gesture.turn_armed = true;
        }
        // Teleport: push forward to aim, let go to jump to where the aim ray meets the floor.
        if stick.y > STICK_ENGAGE {
            gesture.aiming_teleport = true;
        } else if gesture.aiming_teleport && stick.length() < STICK_RELEASE {
            gesture.aiming_teleport = false;
            locomotion.teleport = state.ray.and_then(floor_target);
        }
    }
}

/// Puts the tracking origin where the trainee stands.
fn move_play_space(space: Res<PlaySpace>, mut root: Query<&mut Transform, With<XrTrackingRoot>>) {
    if let Ok(mut root) = root.single_mut() {
        *root = space.0;
    }
}

/// The headset's pose in the world: the play space's origin composed with the first eye.
fn locate_head(
    root: Query<&Transform, With<XrTrackingRoot>>,
    eyes: Query<&Transform, (With<XrCamera>, Without<XrTrackingRoot>)>,
    mut head: ResMut<HeadPose>,
) {
    head.0 = match (root.single(), eyes.iter().next()) {
        (Ok(root), Some(eye)) => Some(root.mul_transform(*eye)),
        _ => None,
    };
}

/// Where a ray meets the floor, if it does within teleport range.
pub fn floor_target(ray: Ray3d) -> Option<Vec3> {
    let distance = ray.intersect_plane(Vec3::ZERO, InfinitePlane3d::new(Vec3::Y))?;
    let point = ray.get_point(distance);
    let horizontal = Vec2::new(point.x - ray.origin.x, point.z - ray.origin.z).length();
    (horizontal <= TELEPORT_RANGE).then_some(point)
}

fn pulse_haptics(
    actions: Res<ControllerActions>,
    session: Res<OxrSession>,
    mut requests: MessageReader<HapticRequested>,
) {
    let session: &openxr::Session<openxr::AnyGraphics> = &session;
    for request in requests.read() {
        let path = match request.hand {
            Hand::Left => actions.left,
            Hand::Right => actions.right,
            Hand::Desktop => continue,
        };
        let vibration = openxr::HapticVibration::new()
            .amplitude(request.amplitude.clamp(0.0, 1.0))
            .frequency(openxr::FREQUENCY_UNSPECIFIED)
            .duration(openxr::Duration::from_nanos((request.seconds * 1e9) as i64));
        if let Err(error) = actions.haptic.apply_feedback(session, path, &vibration) {
            warn!("XR: haptic pulse failed: {error}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teleport_lands_where_the_aim_meets_the_floor() {
        let ray = Ray3d::new(Vec3::new(0.0, 1.5, 0.0), Dir3::new(Vec3::new(0.0, -1.0, -1.0)).expect("direction"));
        let target = floor_target(ray).expect("hits the floor");
        assert!((target - Vec3::new(0.0, 0.0, -1.5)).length() < 1e-4);
    }

    #[test]
    fn teleport_refuses_targets_out_of_range_or_above_the_horizon() {
        let far = Ray3d::new(Vec3::new(0.0, 1.5, 0.0), Dir3::new(Vec3::new(0.0, -0.1, -1.0)).expect("direction"));
        assert_eq!(floor_target(far), None);
        let up = Ray3d::new(Vec3::new(0.0, 1.5, 0.0), Dir3::Y);
        assert_eq!(floor_target(up), None);
    }
}
