//! Where the trainee is and what they look at, as semantic actions: standing on a floor mark
//! reaches it (walked to on the desktop, teleported onto in a headset), and resting the eyes on
//! a thing marked to be looked at inspects it. Both follow the trainee's eyes, which are the
//! headset's while it runs.

use bevy::prelude::*;
use cleanroom_core::procedure::Action;

use crate::actions::{LevelId, TraineeActed};
use crate::input::PointerCamera;
use crate::screens::Screen;

/// How long the eyes must rest on a thing to be looking at it, seconds: a glance that sweeps
/// past does not count.
const LOOK_DWELL_SECONDS: f32 = 0.6;
/// The furthest away a thing can be looked at, metres.
const LOOK_RANGE: f32 = 6.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Session), reset.in_set(crate::SessionSystems::Reset));
    app.add_systems(
        Update,
        (report_reached_marks, report_looks).run_if(in_state(Screen::Session)).in_set(crate::AppSystems::Translate),
    );
}

/// A marked place on the floor (a painted square): the trainee reaches it by standing on it.
#[derive(Component, Debug, Clone, Copy)]
pub struct FloorMark {
    /// Half the mark's width, metres: the eyes above it count as standing on it.
    pub radius: f32,
}

/// Something to look at (a poster): resting the eyes on it inspects it.
#[derive(Component, Debug, Clone, Copy)]
pub struct LookTarget {
    /// How far from its centre the line of sight may pass and still be on it, metres.
    pub radius: f32,
}

/// The floor mark the trainee stands on now, and how long the eyes have rested on what.
#[derive(Resource, Debug, Default)]
struct Presence {
    standing_on: Option<Entity>,
    looking_at: Option<(Entity, f32)>,
    /// Looked at long enough and reported, until the eyes leave it.
    seen: Option<Entity>,
}

fn reset(mut commands: Commands) {
    commands.insert_resource(Presence::default());
}

/// Stepping onto a floor mark reaches it, once each time the trainee steps on.
fn report_reached_marks(
    eyes: Query<&GlobalTransform, With<PointerCamera>>,
    marks: Query<(Entity, &LevelId, &FloorMark, &GlobalTransform)>,
    presence: Option<ResMut<Presence>>,
    mut actions: MessageWriter<TraineeActed>,
) {
    let (Some(mut presence), Ok(eyes)) = (presence, eyes.single()) else {
        return;
    };
    let feet = eyes.translation().xz();
    let on = marks
        .iter()
        .find(|(_, _, mark, at)| (at.translation().xz() - feet).abs().max_element() <= mark.radius)
        .map(|(entity, id, ..)| (entity, id));
    let now = on.map(|(entity, _)| entity);
    if now != presence.standing_on {
        presence.standing_on = now;
        if let Some((_, id)) = on {
            actions.write(TraineeActed(Action::Reach { place: id.0.clone() }));
        }
    }
}

/// Eyes resting on a thing to be looked at, for long enough, inspect it (once until they leave
/// it).
fn report_looks(
    time: Res<Time>,
    eyes: Query<&GlobalTransform, With<PointerCamera>>,
    targets: Query<(Entity, &LevelId, &LookTarget, &GlobalTransform)>,
    presence: Option<ResMut<Presence>>,
    mut actions: MessageWriter<TraineeActed>,
) {
    let (Some(mut presence), Ok(eyes)) = (presence, eyes.single()) else {
        return;
    };
    let ray = Ray3d::new(eyes.translation(), eyes.forward());
    let looked = targets
        .iter()
        .filter_map(|(entity, id, target, at)| {
            let to = at.translation() - ray.origin;
            let along = to.dot(*ray.direction);
            let off = (to - *ray.direction * along).length();
            (along > 0.0 && along <= LOOK_RANGE && off <= target.radius).then_some((entity, id, along))
        })
        .min_by(|a, b| a.2.total_cmp(&b.2));
    let Some((entity, id, _)) = looked else {
        presence.looking_at = None;
        presence.seen = None;
        return;
    };
    if presence.seen == Some(entity) {
        return;
    }
    let since = match presence.looking_at {
        Some((looking, since)) if looking == entity => since,
        _ => {
            let now = time.elapsed_secs();
            presence.looking_at = Some((entity, now));
            now
        }
    };
    if time.elapsed_secs() - since >= LOOK_DWELL_SECONDS {
        presence.seen = Some(entity);
        actions.write(TraineeActed(Action::Inspect { object: id.0.clone() }));
    }
}
