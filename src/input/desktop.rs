//! Desktop backend: keyboard and mouse fill the desktop hand and locomotion. The cursor is
//! captured while playing, so the mouse looks around and the crosshair is the pointer.

use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll, MouseScrollUnit};
use bevy::prelude::*;
use bevy::window::{CursorGrabMode, CursorOptions, PrimaryWindow};

use super::intents::{Hand, HandState, InputSystems, Locomotion, PointerCamera, PointerWanted, ScreenIntents};

/// Radians of view turn per pixel of mouse motion.
const MOUSE_SENSITIVITY: f32 = 0.0022;
/// How fast the arrow keys turn the view, radians per second: a half turn in about 2.5 s, for
/// trainees on a touchpad or without a mouse.
const KEY_LOOK_SPEED: f32 = 1.25;
/// The longest frame the arrow keys turn for in full, s: on a machine that stalls for a moment,
/// a short tap must not swing the view round by what a long frame's time would give. The same
/// cap as the game's own clock (Bevy's virtual time advances at most 0.25 s a frame), so the
/// view turns as the world moves.
const KEY_LOOK_MAX_STEP_S: f32 = 0.25;
/// Dial turn per scroll-wheel notch: 15°, a comfortable detent.
const TURN_PER_NOTCH: f32 = std::f32::consts::PI / 12.0;
/// Pixels of smooth (touchpad) scrolling that count as one notch.
const PIXELS_PER_NOTCH: f32 = 40.0;
/// Where carried items sit relative to the camera: low, right and in front, in view.
const CARRY_OFFSET: Vec3 = Vec3::new(0.18, -0.22, -0.55);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<CursorCaptured>();
    app.add_systems(PreUpdate, (fill_desktop_hand, fill_locomotion).in_set(InputSystems::Fill));
}

/// Whether the game owns the mouse (cursor hidden and locked). Menus release it.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CursorCaptured(pub bool);

/// Captures or releases the primary window's cursor and records it.
pub fn set_cursor_captured(captured: bool, cursor: &mut CursorOptions, state: &mut CursorCaptured) {
    cursor.visible = !captured;
    cursor.grab_mode = if captured { CursorGrabMode::Locked } else { CursorGrabMode::None };
    state.0 = captured;
}

fn fill_desktop_hand(
    captured: Res<CursorCaptured>,
    mouse: Option<Res<ButtonInput<MouseButton>>>,
    scroll: Option<Res<AccumulatedMouseScroll>>,
    camera: Query<&GlobalTransform, With<PointerCamera>>,
    mut hands: Query<(&Hand, &mut HandState)>,
) {
    let Some((_, mut hand)) = hands.iter_mut().find(|(hand, _)| **hand == Hand::Desktop) else {
        return;
    };
    let Ok(camera) = camera.single() else {
        hand.tracked = false;
        return;
    };
    let view = camera.compute_transform();
    hand.tracked = true;
    hand.ray = Some(Ray3d::new(view.translation, view.forward()));
    hand.grip = Transform::from_translation(view.transform_point(CARRY_OFFSET)).with_rotation(view.rotation);
    if !captured.0 {
        hand.use_.set(false);
        hand.grab.set(false);
        return;
    }
    let (use_down, grab_down) =
        mouse.map_or((false, false), |mouse| (mouse.pressed(MouseButton::Left), mouse.pressed(MouseButton::Right)));
    hand.use_.set(use_down);
    hand.grab.set(grab_down);
    if let Some(scroll) = scroll {
        let notches = match scroll.unit {
            MouseScrollUnit::Line => scroll.delta.y,
            MouseScrollUnit::Pixel => scroll.delta.y / PIXELS_PER_NOTCH,
        };
        hand.turn += notches * TURN_PER_NOTCH;
    }
}

fn fill_locomotion(
    mut captured: ResMut<CursorCaptured>,
    wanted: Res<PointerWanted>,
    keys: Option<Res<ButtonInput<KeyCode>>>,
    mouse: Option<Res<ButtonInput<MouseButton>>>,
    motion: Option<Res<AccumulatedMouseMotion>>,
    mut cursor: Query<(&mut CursorOptions, &Window), With<PrimaryWindow>>,
    windows: Query<(), With<Window>>,
    mut locomotion: ResMut<Locomotion>,
    mut screen: ResMut<ScreenIntents>,
    time: Res<Time<Real>>,
) {
    let Some(keys) = keys else {
        return;
    };
    // With the instructor's window open, what is typed there is not the trainee's.
    let elsewhere = windows.iter().count() > 1 && cursor.single().is_ok_and(|(_, window)| !window.focused);
    if elsewhere {
        *locomotion = Locomotion::default();
        *screen = ScreenIntents::default();
        if let Ok((mut cursor, _)) = cursor.single_mut()
            && captured.0
        {
            set_cursor_captured(false, &mut cursor, &mut captured);
        }
        return;
    }
    locomotion.menu = keys.just_pressed(KeyCode::Escape);
    screen.toggle_frame_times = keys.just_pressed(KeyCode::F3);
    screen.toggle_instructor = keys.just_pressed(KeyCode::F2);
    let Ok((mut cursor, _)) = cursor.single_mut() else {
        return;
    };
    // Clicking into the game window takes the mouse; leaving play gives it back.
    if wanted.0 && !captured.0 && mouse.as_ref().is_some_and(|mouse| mouse.just_pressed(MouseButton::Left)) {
        set_cursor_captured(true, &mut cursor, &mut captured);
        return;
    }
    if !wanted.0 && captured.0 {
        set_cursor_captured(false, &mut cursor, &mut captured);
    }
    if !captured.0 {
        return;
    }
    let axis =
        |positive: KeyCode, negative: KeyCode| f32::from(keys.pressed(positive)) - f32::from(keys.pressed(negative));
    let walk = Vec2::new(axis(KeyCode::KeyD, KeyCode::KeyA), axis(KeyCode::KeyW, KeyCode::KeyS));
    locomotion.walk = walk.clamp_length_max(1.0);
    locomotion.hurry = keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
    let mouse = motion.map_or(Vec2::ZERO, |motion| Vec2::new(motion.delta.x, -motion.delta.y) * MOUSE_SENSITIVITY);
    // The arrow keys look round as the mouse does.
    let keys_look =
        Vec2::new(axis(KeyCode::ArrowRight, KeyCode::ArrowLeft), axis(KeyCode::ArrowUp, KeyCode::ArrowDown));
    locomotion.look = mouse + keys_look * KEY_LOOK_SPEED * time.delta_secs().min(KEY_LOOK_MAX_STEP_S);
}
