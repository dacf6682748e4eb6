//! The one input abstraction: hands (a pose, an aiming ray and intents) and locomotion.
//! The desktop and XR backends fill these; the rest of the game reads only these; tests fill
//! them directly.

use bevy::prelude::*;

pub mod desktop;
pub mod xr;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Locomotion>();
    app.add_systems(PreUpdate, clear_intents.in_set(InputSystems::Clear));
    app.configure_sets(PreUpdate, (InputSystems::Clear, InputSystems::Fill).chain());
    app.add_plugins((desktop::plugin, xr::plugin));
}

/// Where in PreUpdate the backends write intents: after the previous frame's are cleared.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputSystems {
    Clear,
    Fill,
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

/// How the trainee wants to move this frame.
#[derive(Resource, Debug, Clone, Default)]
pub struct Locomotion {
    /// Walk direction relative to the view: x to the right, y forward; length at most 1.
    pub walk: Vec2,
    /// Look change this frame in radians: x yaw (right positive), y pitch (up positive).
    pub look: Vec2,
    /// A snap turn asked for this frame, radians (left positive).
    pub snap_turn: f32,
    /// A teleport target on the floor, asked for this frame.
    pub teleport: Option<Vec3>,
    /// The pause menu was asked for this frame.
    pub pause: bool,
}

fn clear_intents(mut locomotion: ResMut<Locomotion>, mut hands: Query<&mut HandState>) {
    let pause = false;
    *locomotion = Locomotion { pause, ..default() };
    for mut hand in &mut hands {
        hand.turn = 0.0;
    }
}

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
