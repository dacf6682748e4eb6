//! Touchscreens in the world: buttons laid out on a panel, pressed where the hand's ray meets
//! it (the desktop crosshair or a controller), or clicked on the panel opened full-screen on
//! the desktop. Both end here, in the one place a button press becomes the trainee's action.

use bevy::prelude::*;
use cleanroom_core::common::Text;
use cleanroom_core::procedure::Action;

use super::pointing::Focus;
use crate::actions::TraineeActed;
use crate::input::{Hand, HandState};
use crate::screens::Screen;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<ButtonPressed>();
    app.init_resource::<FullScreenPanel>();
    app.add_systems(OnExit(Screen::Session), |mut panel: ResMut<FullScreenPanel>| panel.0 = None);
    app.add_systems(Update, (press_with_the_ray, report_presses).chain().in_set(crate::AppSystems::Translate));
}

/// A button on a touchscreen, in the panel's texture coordinates (0..1, top left).
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenButton {
    /// What pressing it does, as the trainee's semantic action; `None` for a key the screen
    /// handles itself (a digit typed into a record entry).
    pub action: Option<Action>,
    pub caption: Caption,
    pub min: Vec2,
    pub max: Vec2,
    pub enabled: bool,
    /// Shown as chosen (a selected reagent, the current rate, a signed entry).
    pub selected: bool,
}

/// What a button says.
#[derive(Debug, Clone, PartialEq)]
pub enum Caption {
    /// A key of the translation files.
    Key(&'static str),
    /// Text in both languages (a station's button, a reagent's name).
    Text(Text),
    /// A batch-record entry's title; the screen adds whether it is signed.
    Entry(Text),
    /// A batch-record entry that takes a value, with what has been typed so far (or a prompt).
    Field { title: Text, shown: String },
}

impl ScreenButton {
    /// Whether the texture coordinate `uv` falls on it.
    pub fn contains(&self, uv: Vec2) -> bool {
        uv.cmpge(self.min).all() && uv.cmple(self.max).all()
    }
}

/// The buttons a touchscreen shows now, and the panel's size in metres (for hit testing).
#[derive(Component, Debug, Clone, Default)]
pub struct ScreenButtons {
    pub size: Vec2,
    pub buttons: Vec<ScreenButton>,
}

/// A button of a touchscreen was pressed (by the ray, or clicked on the full-screen panel).
#[derive(Message, Debug, Clone, Copy)]
pub struct ButtonPressed {
    pub screen: Entity,
    pub button: usize,
}

/// The panel opened full-screen on the desktop, if any.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FullScreenPanel(pub Option<Entity>);

/// Where on a panel of `size` (metres, facing its local +z) a world point falls, in texture
/// coordinates.
pub fn panel_uv(panel: &GlobalTransform, size: Vec2, point: Vec3) -> Vec2 {
    let local = panel.affine().inverse().transform_point3(point);
    Vec2::new(local.x / size.x + 0.5, 0.5 - local.y / size.y)
}

/// A hand that uses a touchscreen presses the button under its ray; on the desktop, using the
/// panel anywhere else opens it full-screen.
fn press_with_the_ray(
    hands: Query<(&Hand, &HandState, &Focus)>,
    screens: Query<(&GlobalTransform, &ScreenButtons)>,
    mut full_screen: ResMut<FullScreenPanel>,
    mut pressed: MessageWriter<ButtonPressed>,
) {
    for (kind, hand, focus) in &hands {
        if !hand.use_.pressed {
            continue;
        }
        let Some(target) = focus.target else {
            continue;
        };
        let Ok((panel, buttons)) = screens.get(target) else {
            continue;
        };
        let uv = panel_uv(panel, buttons.size, focus.point);
        match buttons.buttons.iter().position(|button| button.contains(uv)) {
            Some(index) => {
                pressed.write(ButtonPressed { screen: target, button: index });
            }
            None if *kind == Hand::Desktop => full_screen.0 = Some(target),
            None => {}
        }
    }
}

/// An enabled button's press is the trainee's action; a disabled one does nothing.
fn report_presses(
    mut pressed: MessageReader<ButtonPressed>,
    screens: Query<&ScreenButtons>,
    mut actions: MessageWriter<TraineeActed>,
) {
    for press in pressed.read() {
        let Some(button) = screens.get(press.screen).ok().and_then(|screen| screen.buttons.get(press.button)) else {
            continue;
        };
        if button.enabled
            && let Some(action) = &button.action
        {
            actions.write(TraineeActed(action.clone()));
        }
    }
}
