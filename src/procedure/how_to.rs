//! How to do the current step with the controls in use: the words of the desktop (mouse and
//! keys) or of the headset (controllers), for the HUD and the headset's step card. Worked out
//! from what the step waits for and what the world has by that id.

use bevy::prelude::*;
use cleanroom_core::procedure::{ActionPattern, Condition};

use super::session::ActiveProcedure;
use crate::DisplayMode;
use crate::actions::LevelId;
use crate::interaction::Dial;
use crate::interaction::presence::LookTarget;
use crate::interaction::semantic::Control;
use crate::screens::Screen;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<HowTo>();
    app.add_systems(Update, find_how_to.run_if(in_state(Screen::Session)).in_set(crate::AppSystems::Present));
}

/// How to do the current step with the controls in use (a translation key): walking, looking,
/// carrying, pressing, turning, welding, sealing, a touchscreen or the record terminal, each in
/// the words of the desktop or of the headset.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct HowTo(pub Option<&'static str>);

/// What the first current step asks the hands to do, as the world would be asked to do it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skill {
    Walk,
    Look,
    Inspect,
    Grab,
    Place,
    Press,
    Touchscreen,
    Dial,
    Weld,
    Seal,
    PressOnto,
    Sign,
}

impl Skill {
    fn key(self, headset: bool) -> &'static str {
        match (self, headset) {
            (Skill::Walk, false) => "how-walk-desktop",
            (Skill::Walk, true) => "how-walk-headset",
            (Skill::Look, false) => "how-look-desktop",
            (Skill::Look, true) => "how-look-headset",
            (Skill::Inspect, false) => "how-inspect-desktop",
            (Skill::Inspect, true) => "how-inspect-headset",
            (Skill::Grab, false) => "how-grab-desktop",
            (Skill::Grab, true) => "how-grab-headset",
            (Skill::Place, false) => "how-place-desktop",
            (Skill::Place, true) => "how-place-headset",
            (Skill::Press, false) => "how-press-desktop",
            (Skill::Press, true) => "how-press-headset",
            (Skill::Touchscreen, false) => "how-touchscreen-desktop",
            (Skill::Touchscreen, true) => "how-touchscreen-headset",
            (Skill::Dial, false) => "how-dial-desktop",
            (Skill::Dial, true) => "how-dial-headset",
            (Skill::Weld, false) => "how-weld-desktop",
            (Skill::Weld, true) => "how-weld-headset",
            (Skill::Seal, false) => "how-seal-desktop",
            (Skill::Seal, true) => "how-seal-headset",
            (Skill::PressOnto, false) => "how-press-onto-desktop",
            (Skill::PressOnto, true) => "how-press-onto-headset",
            (Skill::Sign, false) => "how-sign-desktop",
            (Skill::Sign, true) => "how-sign-headset",
        }
    }
}

/// The first action a condition waits for, depth first.
fn first_pattern(condition: &Condition) -> Option<&ActionPattern> {
    match condition {
        Condition::Do(pattern) => Some(pattern),
        Condition::State { .. } => None,
        Condition::AllOf(parts) | Condition::AnyOf(parts) => parts.iter().find_map(first_pattern),
    }
}

/// Works out `HowTo` for the current step: a press is on a touchscreen unless the world has a
/// button by that id, a setting is on a dial only where the world has one.
fn find_how_to(
    procedure: Option<Res<ActiveProcedure>>,
    mode: Res<DisplayMode>,
    buttons: Query<&LevelId, With<Control>>,
    dials: Query<&LevelId, With<Dial>>,
    looks: Query<&LevelId, With<LookTarget>>,
    mut how: ResMut<HowTo>,
) {
    fn has<'a>(mut ids: impl Iterator<Item = &'a LevelId>, id: &str) -> bool {
        ids.any(|candidate| candidate.as_str() == id)
    }
    let skill = procedure.as_deref().and_then(|procedure| {
        let step = procedure.runner.current_steps().into_iter().next()?;
        Some(match first_pattern(&step.done_when)? {
            ActionPattern::Reach { .. } => Skill::Walk,
            ActionPattern::Inspect { object } if has(looks.iter(), object) => Skill::Look,
            ActionPattern::Inspect { .. } => Skill::Inspect,
            ActionPattern::Grab { .. } => Skill::Grab,
            ActionPattern::Place { .. } => Skill::Place,
            ActionPattern::Press { control } if has(buttons.iter(), control) => Skill::Press,
            ActionPattern::Press { .. } => Skill::Touchscreen,
            ActionPattern::Set { control, .. } if has(dials.iter(), control) => Skill::Dial,
            ActionPattern::Set { .. } => Skill::Touchscreen,
            ActionPattern::Connect { .. } => Skill::Weld,
            ActionPattern::Seal { .. } => Skill::Seal,
            ActionPattern::Contact { .. } => Skill::PressOnto,
            ActionPattern::Sign { .. } | ActionPattern::Record { .. } => Skill::Sign,
            _ => return None,
        })
    });
    let found = HowTo(skill.map(|skill| skill.key(*mode == DisplayMode::Headset)));
    if *how != found {
        *how = found;
    }
}
