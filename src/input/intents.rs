//! The intents the backends fill and the rest of the game reads: hands (a pose, an aiming ray
//! and what the trainee means to do with them), locomotion, and where the pointer and the
//! headset stand. No game module is imported here.

use bevy::prelude::*;

/// When the backends write: intents in PreUpdate, after the previous frame's are cleared; the
/// headset's pose in PostUpdate, once the runtime has placed the eyes.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputSystems {
    Clear,
    Fill,
    Head,
}

/// Which hand or pointer this is.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hand {
    /// The desktop crosshair: the camera's centre ray, carrying items in front of the camera.
    Desktop,
    Left,
    Right,
}

/// A hand's pose in the world and what the trainee intends with it this frame.
#[derive(Component, Debug, Clone, Default)]
pub struct HandState {
    /// Where the hand holds things (a controller's grip; in front of the camera on the desktop).
    pub grip: Transform,
    /// The pointing ray (a controller's aim; the camera's centre on the desktop).
    pub ray: Option<Ray3d>,
    /// Whether the pose is being tracked now (a controller can lose tracking).
    pub tracked: bool,
    pub grab: Press,
    pub use_: Press,
    /// Dial rotation asked for this frame, in radians (scroll wheel or wrist twist).
    pub turn: f32,
}

/// A button-like intent with its edges.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Press {
    pub pressed: bool,
    pub held: bool,
    pub released: bool,
}

impl Press {
    /// Updates edges from whether the control is down this frame.
    pub fn set(&mut self, down: bool) {
        self.pressed = down && !self.held;
        self.released = !down && self.held;
        self.held = down;
    }
}

/// What the person at the keyboard asks of the screen this frame, beside play.
#[derive(Resource, Debug, Clone, Default)]
pub struct ScreenIntents {
    /// Show or hide the frame-time overlay (F3 on the desktop).
    pub toggle_frame_times: bool,
    /// Show or hide the instructor's panel (F2 on the desktop).
    pub toggle_instructor: bool,
}

/// How the trainee wants to move this frame.
#[derive(Resource, Debug, Clone, Default)]
pub struct Locomotion {
    /// Walk direction relative to the view: x to the right, y forward; length at most 1.
    pub walk: Vec2,
    /// Hurry while walking (Shift): faster, and a hurrying person sheds more particles.
    pub hurry: bool,
    /// Look change this frame in radians: x yaw (right positive), y pitch (up positive).
    pub look: Vec2,
    /// A snap turn asked for this frame, radians (left positive).
    pub snap_turn: f32,
    /// A teleport target on the floor, asked for this frame.
    pub teleport: Option<Vec3>,
    /// The menu key (Esc) was pressed this frame: pause while playing, resume while paused.
    pub menu: bool,
}

/// The camera whose centre ray is the desktop pointer (the trainee's eyes).
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct PointerCamera;

/// Whether the game wants the mouse now (playing, with no menu or full-screen panel open): the
/// desktop backend then captures it for looking and pointing, and releases it otherwise.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PointerWanted(pub bool);

/// Where the headset's tracking origin should stand in the world (the trainee's feet, facing,
/// lifted for seated play); the XR backend moves the play space there.
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct PlaySpace(pub Transform);

/// Where the headset is in the world now, while a headset runs.
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct HeadPose(pub Option<Transform>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_press_reports_its_edges_once() {
        let mut press = Press::default();
        press.set(true);
        assert_eq!(press, Press { pressed: true, held: true, released: false });
        press.set(true);
        assert_eq!(press, Press { pressed: false, held: true, released: false });
        press.set(false);
        assert_eq!(press, Press { pressed: false, held: false, released: true });
        press.set(false);
        assert_eq!(press, Press::default());
    }
}
