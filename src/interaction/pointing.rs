//! Pointing, using, grabbing, carrying and turning: what a hand points at and the facts it
//! produces (used, grabbed, released, turned), which the rest of the interaction model turns
//! into semantic actions.

use bevy::prelude::*;
use bevy_rapier3d::prelude::*;

use crate::input::{Hand, HandState};

/// How far a hand can reach along its ray: a step and an arm's length.
pub const REACH: f32 = 2.2;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Used>();
    app.add_message::<Grabbed>();
    app.add_message::<Released>();
    app.add_message::<DialTurned>();
    // Every hand, from whichever backend, knows what it points at.
    app.register_required_components::<HandState, Focus>();
    app.add_systems(Startup, spawn_desktop_hand);
    app.add_systems(
        Update,
        (update_focus, use_focused, grab_and_release, carry, turn_dials).chain().in_set(crate::AppSystems::Interact),
    );
    app.add_systems(Update, show_dial_values.in_set(crate::AppSystems::Present));
}

/// A place that takes certain items: a hook on a bag hanger, the bioreactor's set mount.
#[derive(Component, Debug, Clone)]
pub struct Socket {
    /// What it takes.
    pub accepts: Vec<Accepts>,
    /// Where a placed item sits, relative to the socket.
    pub seat: Transform,
    /// The item in it, if any.
    pub holding: Option<Entity>,
}

/// What a socket takes: one item, by its level id, or any item of a shape (any bag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accepts {
    Item(String),
    Shape(&'static str),
}

/// The shape of an item, for the sockets that take any item of it (`"bag"` on a bag hook).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape(pub &'static str);

impl Socket {
    /// An empty socket that takes `accepts`, seating what it takes at `seat`.
    pub fn new(accepts: Vec<Accepts>, seat: Transform) -> Self {
        Self { accepts, seat, holding: None }
    }

    /// Whether it takes the item with this id and shape now (it is empty and the item fits).
    pub fn takes(&self, id: &str, shape: Option<&Shape>) -> bool {
        self.holding.is_none()
            && self.accepts.iter().any(|accepts| match accepts {
                Accepts::Item(wanted) => wanted == id,
                Accepts::Shape(wanted) => shape.is_some_and(|shape| shape.0 == *wanted),
            })
    }
}

/// Something a hand can use: a door, a button, a screen. The label names it in the HUD.
#[derive(Component, Debug, Clone, Copy)]
pub struct Usable {
    pub label_key: &'static str,
}

/// Something a hand can pick up and carry; it falls when let go.
#[derive(Component, Debug, Clone, Copy)]
pub struct Grabbable;

/// Where an item belongs (a garment pack's place on its shelf): let go near it, it goes back.
#[derive(Component, Debug, Clone, Copy)]
pub struct Home {
    pub transform: Transform,
    /// How near the hand must be for the item to be put back rather than dropped.
    pub radius: f32,
}

/// A rotary control with a range, in the control's units.
#[derive(Component, Debug, Clone)]
pub struct Dial {
    pub value: f32,
    pub min: f32,
    pub max: f32,
    /// Units per radian of turn.
    pub rate: f32,
    /// The unit shown beside the value (e.g. "mL/min").
    pub units: &'static str,
    /// The smallest change: a detent of a knob, a notch of a slider.
    pub step: f32,
    /// How the control moves as its value changes.
    pub motion: DialMotion,
    /// The control's pose at its minimum value.
    pub rest: Transform,
}

/// A knob turns about its own axis; a slider's thumb moves along a straight track.
#[derive(Debug, Clone, Copy)]
pub enum DialMotion {
    /// Turns through this many radians from minimum to maximum.
    Rotary { sweep: f32 },
    /// Travels this far (in the parent's space) from minimum to maximum.
    Linear { travel: Vec3 },
}

/// What a hand points at now, and where the ray meets it.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct Focus {
    pub target: Option<Entity>,
    pub point: Vec3,
}

/// An item in a hand.
#[derive(Component, Debug, Clone, Copy)]
pub struct Held {
    pub hand: Entity,
}

/// A hand used something.
#[derive(Message, Debug, Clone, Copy)]
pub struct Used {
    pub target: Entity,
    pub hand: Entity,
}

/// A hand picked an item up.
#[derive(Message, Debug, Clone)]
pub struct Grabbed {
    pub item: Entity,
    pub hand: Entity,
}

/// A hand let an item go.
#[derive(Message, Debug, Clone)]
pub struct Released {
    pub item: Entity,
    pub hand: Entity,
}

/// A dial was turned to a new value.
#[derive(Message, Debug, Clone)]
pub struct DialTurned {
    pub dial: Entity,
    pub value: f32,
}

/// The nearest entity up the hierarchy (itself first) that `matches` holds.
fn find_up<F: bevy::ecs::query::QueryFilter>(
    mut entity: Entity,
    matches: &Query<(), F>,
    parents: &Query<&ChildOf>,
) -> Option<Entity> {
    loop {
        if matches.contains(entity) {
            return Some(entity);
        }
        entity = parents.get(entity).ok()?.parent();
    }
}

fn update_focus(
    rapier: ReadRapierContext,
    mut hands: Query<(Entity, &HandState, &mut Focus)>,
    interactive: Query<(), Or<(With<Usable>, With<Grabbable>, With<Dial>, With<Socket>)>>,
    // Sockets that are also things to pick up (a tube that takes a label) always catch the ray.
    sockets: Query<(Entity, &Socket), Without<Grabbable>>,
    parents: Query<&ChildOf>,
    players: Query<Entity, With<crate::player::Player>>,
    held: Query<(Entity, &Held)>,
) {
    let Ok(context) = rapier.single() else {
        return;
    };
    for (hand_entity, hand, mut focus) in &mut hands {
        let Some(ray) = hand.ray.filter(|_| hand.tracked) else {
            *focus = Focus::default();
            continue;
        };
        // The trainee's own body and what is carried never block the view (a filter excludes
        // one body only, so a predicate excludes them all).
        // Sockets only matter to a hand that carries something; otherwise they would catch
        // clicks meant for what sits in them.
        let carrying = held.iter().any(|(_, held)| held.hand == hand_entity);
        let excluded: Vec<Entity> = players
            .iter()
            .chain(held.iter().map(|(entity, _)| entity))
            // A full socket is represented by what sits in it.
            .chain(sockets.iter().filter(|(_, socket)| !carrying || socket.holding.is_some()).map(|(entity, _)| entity))
            .collect();
        let not_excluded = |entity: Entity| !excluded.contains(&entity);
        let filter = QueryFilter::default().predicate(&not_excluded);
        *focus = match context.cast_ray(ray.origin, *ray.direction, REACH, true, filter) {
            Some((entity, distance)) => {
                Focus { target: find_up(entity, &interactive, &parents), point: ray.get_point(distance) }
            }
            None => Focus::default(),
        };
    }
}

fn use_focused(
    hands: Query<(Entity, &HandState, &Focus)>,
    usable: Query<(), With<Usable>>,
    held: Query<&Held>,
    mut used: MessageWriter<Used>,
) {
    for (hand, state, focus) in &hands {
        // A hand that carries something uses that, not what lies behind it.
        let carrying = held.iter().any(|held| held.hand == hand);
        if state.use_.pressed
            && !carrying
            && let Some(target) = focus.target.filter(|target| usable.contains(*target))
        {
            used.write(Used { target, hand });
        }
    }
}

fn grab_and_release(
    mut commands: Commands,
    hands: Query<(Entity, &HandState, &Focus)>,
    grabbable: Query<(), With<Grabbable>>,
    parents: Query<&ChildOf>,
    held: Query<(Entity, &Held)>,
    mut homes: Query<(&Home, &mut Transform)>,
    mut grabbed: MessageWriter<Grabbed>,
    mut released: MessageWriter<Released>,
) {
    for (hand, state, focus) in &hands {
        let holding = held.iter().find(|(_, held)| held.hand == hand).map(|(item, _)| item);
        match holding {
            Some(item) if state.grab.released || !state.tracked => {
                let mut entity = commands.entity(item);
                entity.remove::<(Held, Sensor)>();
                match homes.get_mut(item) {
                    // Put back where it belongs, and it stays there.
                    Ok((home, mut transform))
                        if home.transform.translation.distance(state.grip.translation) <= home.radius =>
                    {
                        *transform = home.transform;
                        entity.insert(RigidBody::Fixed);
                    }
                    // Let go anywhere else: a physical body again, it falls unless caught.
                    _ => {
                        entity.insert((RigidBody::Dynamic, ActiveEvents::COLLISION_EVENTS));
                    }
                }
                released.write(Released { item, hand });
            }
            None if state.grab.pressed => {
                // Grabbing a part of an item (a plate's lid, a mark on it) takes the item.
                let item = focus.target.and_then(|target| {
                    std::iter::successors(Some(target), |entity| parents.get(*entity).ok().map(ChildOf::parent))
                        .find(|entity| grabbable.contains(*entity))
                });
                if let Some(item) = item
                    && !held.contains(item)
                {
                    // While carried it passes through things (and its carrier) instead of pushing them.
                    commands.entity(item).insert((Held { hand }, RigidBody::KinematicPositionBased, Sensor));
                    grabbed.write(Grabbed { item, hand });
                }
            }
            _ => {}
        }
    }
}

fn carry(hands: Query<&HandState>, mut items: Query<(&Held, &mut Transform)>) {
    for (held, mut transform) in &mut items {
        if let Ok(hand) = hands.get(held.hand) {
            transform.translation = hand.grip.translation;
            transform.rotation = hand.grip.rotation;
        }
    }
}

fn turn_dials(hands: Query<(&HandState, &Focus)>, mut dials: Query<&mut Dial>, mut turned: MessageWriter<DialTurned>) {
    for (state, focus) in &hands {
        if state.turn == 0.0 {
            continue;
        }
        let Some(entity) = focus.target else {
            continue;
        };
        let Ok(mut dial) = dials.get_mut(entity) else {
            continue;
        };
        // Values move in the control's own steps, as a detented knob or a notched slider does.
        let value = ((dial.value + state.turn * dial.rate) / dial.step).round() * dial.step;
        let value = value.clamp(dial.min, dial.max);
        if value != dial.value {
            dial.value = value;
            turned.write(DialTurned { dial: entity, value });
        }
    }
}

/// A knob shows its value by its angle, a slider by its thumb's place.
fn show_dial_values(mut dials: Query<(&Dial, &mut Transform), Changed<Dial>>) {
    for (dial, mut transform) in &mut dials {
        let fraction = if dial.max > dial.min { (dial.value - dial.min) / (dial.max - dial.min) } else { 0.0 };
        *transform = match dial.motion {
            DialMotion::Rotary { sweep } => {
                dial.rest.with_rotation(dial.rest.rotation * Quat::from_rotation_y(-sweep * fraction))
            }
            DialMotion::Linear { travel } => dial.rest.with_translation(dial.rest.translation + travel * fraction),
        };
    }
}

/// Spawns the hands this machine's backend fills: the desktop pointer always exists (tests and
/// the spectator use it); XR hands are added when a session starts.
pub fn spawn_desktop_hand(mut commands: Commands) {
    commands.spawn((Name::new("Desktop hand"), Hand::Desktop, HandState::default()));
}
