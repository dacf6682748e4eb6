//! What the stations hear of the processing room each frame (`RoomConditions`): how fast the
//! trainee walks and moves their hands, which of the room's doors stand open, whether a hand is
//! inside the Grade A cabinet and which placed item it is held over. A station that monitors
//! the room (the particle counter) reads it; the others ignore it.

use bevy::prelude::*;
use cleanroom_core::stations::RoomConditions;

use crate::actions::LevelId;
use crate::cleanroom::doors::Door;
use crate::input::HandState;
use crate::interaction::items::Item;
use crate::interaction::pointing::Held;
use crate::layout::{self, Zone};
use crate::player::{CurrentZone, Player};

/// Speeds over this are a placement or a teleport, not walking, m/s.
const FASTEST_WALK_M_S: f32 = 5.0;
/// The cabinet's work opening: from the back wall to the front of the sash, over the work
/// surface up to the sash's lower edge (see `cleanroom::equipment::biosafety_cabinet`).
const CABINET_DEPTH: f32 = 0.8;
const CABINET_WIDTH: f32 = 1.8;
const CABINET_SURFACE_Y: f32 = 0.93;
const CABINET_OPENING_TOP_Y: f32 = 1.6;
/// A hand counts as over a placed item within this distance across and this height above it.
const OVER_ACROSS_M: f32 = 0.12;
const OVER_ABOVE_M: f32 = 0.45;

/// The room's conditions this frame.
#[derive(Resource, Debug, Clone, Default)]
pub struct RoomNow(pub RoomConditions);

/// Where the body and hands were last frame, for their speeds.
#[derive(Resource, Debug, Default)]
pub(super) struct LastPositions {
    body: Option<Vec3>,
    hands: Vec<(Entity, Vec3)>,
}

/// Whether a point is inside the cabinet's work opening.
pub fn in_cabinet(point: Vec3) -> bool {
    let base = layout::BIOSAFETY_CABINET;
    let back = base.x + 0.1 - CABINET_DEPTH / 2.0;
    (back..=back + CABINET_DEPTH).contains(&point.x)
        && (base.z - CABINET_WIDTH / 2.0..=base.z + CABINET_WIDTH / 2.0).contains(&point.z)
        && (CABINET_SURFACE_Y..=CABINET_OPENING_TOP_Y).contains(&point.y)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn watch_room(
    time: Res<Time>,
    zone: Option<Res<CurrentZone>>,
    player: Query<&Transform, With<Player>>,
    hands: Query<(Entity, &HandState)>,
    doors: Query<&Door>,
    items: Query<(&LevelId, &GlobalTransform), (With<Item>, Without<Held>)>,
    mut last: ResMut<LastPositions>,
    mut room: ResMut<RoomNow>,
) {
    let dt = time.delta_secs();
    let speed = |from: Option<Vec3>, to: Vec3| match from {
        Some(from) if dt > 0.0 => {
            let speed = from.distance(to) / dt;
            if speed > FASTEST_WALK_M_S { 0.0 } else { speed }
        }
        _ => 0.0,
    };
    let body = player.single().ok().map(|transform| transform.translation.with_y(0.0));
    let walking = body.map_or(0.0, |body| speed(last.body, body));
    last.body = body;
    let mut hand_speed: f32 = 0.0;
    let mut hand_in_cabinet = false;
    let mut hand_over = None;
    let mut seen = Vec::new();
    for (hand, state) in &hands {
        if !state.tracked {
            continue;
        }
        let grip = state.grip.translation;
        let before = last.hands.iter().find(|(entity, _)| *entity == hand).map(|(_, at)| *at);
        seen.push((hand, grip));
        // Only a hand inside the cabinet disturbs its first air.
        if in_cabinet(grip) {
            hand_in_cabinet = true;
            hand_speed = hand_speed.max(speed(before, grip));
        }
        if hand_over.is_none() {
            hand_over = items.iter().find_map(|(id, at)| {
                let at = at.translation();
                let across = Vec2::new(grip.x - at.x, grip.z - at.z).length();
                let above = grip.y - at.y;
                (across <= OVER_ACROSS_M && (0.02..=OVER_ABOVE_M).contains(&above)).then(|| id.0.clone())
            });
        }
    }
    last.hands = seen;
    let doors_open = doors
        .iter()
        // The processing room's door leaf slides on the airlock side of its wall.
        .filter(|door| (door.closed.z - layout::PROCESSING_DOOR.z).abs() < layout::WALL_THICKNESS && door.is_ajar())
        .count() as u32;
    room.0 = RoomConditions {
        in_processing_room: zone.is_some_and(|zone| zone.0 == Zone::ProcessingRoom),
        walking_speed_m_s: f64::from(walking),
        hand_speed_m_s: f64::from(hand_speed),
        doors_open,
        hand_in_cabinet,
        hand_over,
    };
}
