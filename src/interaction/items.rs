//! Items, sockets, tube ends, clamps, sampling ports and dials: the pieces a station's work is
//! made of, and the semantic actions they produce (Inspect, Place, Connect, Seal,
//! Open/CloseClamp, TakeSample, Set). Clicking an item inspects it; holding the grab carries it;
//! letting it go over a socket places it there. Whether a weld or a clamp took is the station
//! model's to say: the world reports every attempt and draws what the model holds.

use bevy::prelude::*;
use bevy_rapier3d::prelude::*;
use cleanroom_core::common::Value;
use cleanroom_core::procedure::{Action, ConnectMethod};

use super::pointing::{Dial, DialTurned, Focus, Grabbable, Grabbed, Held, Released, Shape, Socket, Used};
use crate::actions::{ActionReplayed, LevelId, TraineeActed, TraineeNotified};
use crate::input::HandState;
use crate::screens::Screen;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<WeldSelection>();
    // Every movable thing's place as built, recorded the frame after it appears.
    app.add_systems(Update, remember_initial_places);
    app.add_systems(OnEnter(Screen::Session), reset_world.in_set(crate::SessionSystems::Reset));
    app.add_systems(
        Update,
        (
            inspect_items,
            place_in_sockets,
            weld_and_inspect_tubes,
            use_clamps,
            take_samples,
            report_floor_drops,
            commit_dials,
            replay_in_world,
            refill_after_analysis,
        )
            .in_set(crate::AppSystems::Translate),
    );
    app.add_systems(Update, (show_socket_fit, draw_tubing, show_clamps).in_set(crate::AppSystems::Present));
}

/// A loose item a level refers to by id (a bag, a single-use set, a record).
#[derive(Component, Debug, Clone, Copy)]
pub struct Item;

/// The free end of one of a set's lines, to be joined to a bag by sterile welding. Which
/// object it is joined to is the station model's state; the world draws it.
#[derive(Component, Debug, Clone, Default)]
pub struct TubeEnd {
    /// The object (by level id) the line is joined to now, as the station model says.
    pub joined_to: Option<String>,
    /// The tubing drawn to it.
    pub tubing: Option<Entity>,
}

/// A socket that throws away what is put in it (a waste bin): the item is discarded.
#[derive(Component, Debug, Clone, Copy)]
pub struct Discards;

/// A socket that takes what is put in it away (a pass box to the QC laboratory, a bin for
/// garment packs that must not be worn): the placing counts, and the item is gone.
#[derive(Component, Debug, Clone, Copy)]
pub struct TakesAway;

/// A socket that sends what is put in it on to another place (the QC pass box out of the
/// processing room to the QC laboratory's receipt rack): the placing counts, and the item turns
/// up in a free socket of the place named, or leaves the room where none takes it.
#[derive(Component, Debug, Clone, Copy)]
pub struct Delivers(pub &'static str);

/// A socket that works on what is put in it and hands it back where it lay as built (a label
/// printer labels a plate): the placing counts, and the item is back in its place.
#[derive(Component, Debug, Clone, Copy)]
pub struct HandsBack;

/// A socket that analyses what is put in it and hands back fresh ones (a metabolite analyser
/// takes the labelled sample tube; a new tube and label are ready for the next sample).
#[derive(Component, Debug, Clone, Copy)]
pub struct Analyser;

/// Where a consumable (a sample tube, a label) is fetched from afresh.
#[derive(Component, Debug, Clone, Copy)]
pub struct Refill {
    pub home: Transform,
}

/// Worn, discarded or otherwise gone from the room until the next session resets it.
#[derive(Component, Debug, Clone, Copy)]
#[component(on_insert = put_away)]
pub struct PutAway;

fn put_away(mut world: bevy::ecs::world::DeferredWorld, context: bevy::ecs::lifecycle::HookContext) {
    world.commands().entity(context.entity).insert((Visibility::Hidden, ColliderDisabled));
}

/// Where a movable thing was when the cleanroom was built: each session starts from there.
#[derive(Component, Debug, Clone, Copy)]
pub struct Initial(pub Transform);

/// An item stuck onto another (a label on a tube or a bag): hidden in its own right.
#[derive(Component, Debug, Clone, Copy)]
pub struct Applied;

/// A line clamp (roller or slide clamp); whether it is open is the station model's state.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct Clamp {
    pub open: bool,
}

/// The first half of a two-step tube operation: a line end picked for welding, or the heat
/// sealer picked up to seal the next line end used.
#[derive(Resource, Debug, Default, Clone)]
pub struct WeldSelection {
    pub line: Option<Entity>,
    pub sealer_armed: bool,
}

/// The heat sealer: use it, then a line end, to seal that line (before a bag is separated).
#[derive(Component, Debug, Clone, Copy)]
pub struct HeatSealer;

/// A donor's or patient's venous access (a needle): a line end joined to it is connected by
/// its Luer lock, not welded.
#[derive(Component, Debug, Clone, Copy)]
pub struct VenousAccess;

/// A sampling port: using it draws a sample (the station labels and analyses it).
#[derive(Component, Debug, Clone, Copy)]
pub struct SamplePort;

/// The floor: a sterile item that lands on it is reported (levels may make that a deviation).
#[derive(Component, Debug, Clone, Copy)]
pub struct Floor;

/// How long a dial must rest before its new value counts as set, seconds.
const DIAL_SETTLE_SECONDS: f32 = 0.6;

/// How long the analyser takes over a sample, seconds (a game choice: long enough to see).
const ANALYSIS_SECONDS: f32 = 1.0;

/// Where on a bag its tubing joins it, below its centre, metres.
const BAG_PORT_DROP: f32 = 0.12;

/// Materials that show whether a carried item fits the socket pointed at.
#[derive(Resource, Debug, Clone)]
pub struct FitMaterials {
    pub fits: Handle<StandardMaterial>,
    pub does_not_fit: Handle<StandardMaterial>,
    pub idle: Handle<StandardMaterial>,
}

/// The material of tubing drawn at run time.
#[derive(Resource, Debug, Clone)]
pub struct TubingMaterial(pub Handle<StandardMaterial>);

/// An open clamp shows green, a closed one red.
#[derive(Resource, Debug, Clone)]
pub struct ClampMaterials {
    pub open: Handle<StandardMaterial>,
    pub closed: Handle<StandardMaterial>,
}

/// The visible marker of a socket, coloured while an item is carried near it.
#[derive(Component, Debug, Clone, Copy)]
pub struct SocketMarker {
    pub socket: Entity,
}

fn inspect_items(
    mut used: MessageReader<Used>,
    items: Query<&LevelId, With<Item>>,
    mut actions: MessageWriter<TraineeActed>,
) {
    for event in used.read() {
        if let Ok(id) = items.get(event.target) {
            actions.write(TraineeActed(Action::Inspect { object: id.0.clone() }));
        }
    }
}

/// Letting go of an item over a socket places it there if the socket takes it; either way the
/// attempt reaches the procedure as a placement, so a level can judge it. Grabbing it back out
/// frees the socket.
fn place_in_sockets(
    mut commands: Commands,
    mut released: MessageReader<Released>,
    mut grabbed: MessageReader<Grabbed>,
    hands: Query<&Focus>,
    items: Query<(&LevelId, Option<&Shape>), With<Item>>,
    discards: Query<(), With<Discards>>,
    takes_away: Query<(), With<TakesAway>>,
    hands_back: Query<(), With<HandsBack>>,
    delivers: Query<&Delivers>,
    initial: Query<&Initial>,
    refills: Query<&Refill>,
    mut sockets: Query<(Entity, &LevelId, &mut Socket, &GlobalTransform)>,
    mut transforms: Query<&mut Transform>,
    mut actions: MessageWriter<TraineeActed>,
    mut notices: MessageWriter<TraineeNotified>,
) {
    for event in grabbed.read() {
        for (_, _, mut socket, _) in &mut sockets {
            if socket.holding == Some(event.item) {
                socket.holding = None;
            }
        }
    }
    for event in released.read() {
        let Ok((item, shape)) = items.get(event.item) else {
            continue;
        };
        let Some(target) = hands.get(event.hand).ok().and_then(|focus| focus.target) else {
            continue;
        };
        let Ok((socket_entity, socket_id, mut socket, socket_transform)) = sockets.get_mut(target) else {
            continue;
        };
        let place = Action::Place { item: item.0.clone(), target: socket_id.0.clone() };
        if !socket.takes(&item.0, shape) {
            notices.write(TraineeNotified { key: "socket-does-not-fit" });
            actions.write(TraineeActed(place));
            continue;
        }
        if discards.contains(socket_entity) {
            actions.write(TraineeActed(Action::Discard { item: item.0.clone() }));
            throw_away(&mut commands, &mut transforms, refills.get(event.item).ok(), event.item);
            continue;
        }
        if takes_away.contains(socket_entity) {
            actions.write(TraineeActed(place));
            commands.entity(event.item).insert(PutAway);
            continue;
        }
        if let Ok(Delivers(to)) = delivers.get(socket_entity) {
            actions.write(TraineeActed(place));
            deliver(&mut commands, &mut sockets, &mut transforms, (event.item, &item.0, shape), to);
            continue;
        }
        if hands_back.contains(socket_entity)
            && let (Ok(home), Ok(mut transform)) = (initial.get(event.item), transforms.get_mut(event.item))
        {
            actions.write(TraineeActed(place));
            *transform = home.0;
            commands.entity(event.item).insert(RigidBody::Fixed);
            continue;
        }
        socket.holding = Some(event.item);
        seat_item(&mut commands, &mut transforms, event.item, socket_transform, socket.seat);
        // A label stuck onto something is part of it now.
        if items.contains(socket_entity) {
            commands.entity(event.item).insert((Applied, Visibility::Hidden, ColliderDisabled));
        }
        actions.write(TraineeActed(place));
    }
}

/// Two-step sterile weld: use a tube end, then the item to join it to (any item: the station
/// decides whether the weld can be made; a venous access is joined by its Luer lock). Using a joined end inspects the weld. With the heat
/// sealer picked up, using a line end seals it.
fn weld_and_inspect_tubes(
    mut used: MessageReader<Used>,
    ends: Query<(&LevelId, &TubeEnd)>,
    items: Query<(&LevelId, Has<VenousAccess>), With<Item>>,
    mut selection: ResMut<WeldSelection>,
    sealers: Query<(), With<HeatSealer>>,
    mut actions: MessageWriter<TraineeActed>,
    mut notices: MessageWriter<TraineeNotified>,
) {
    for event in used.read() {
        if sealers.contains(event.target) {
            selection.sealer_armed = true;
            selection.line = None;
            notices.write(TraineeNotified { key: "seal-pick-line" });
            continue;
        }
        if let Ok((line, end)) = ends.get(event.target) {
            if selection.sealer_armed {
                selection.sealer_armed = false;
                actions.write(TraineeActed(Action::Seal { tube: line.0.clone() }));
                notices.write(TraineeNotified { key: "seal-done" });
            } else if end.joined_to.is_some() {
                actions.write(TraineeActed(Action::Inspect { object: line.0.clone() }));
            } else {
                selection.line = Some(event.target);
                notices.write(TraineeNotified { key: "weld-pick-bag" });
            }
            continue;
        }
        let (Some(line_entity), Ok((item, venous))) = (selection.line, items.get(event.target)) else {
            continue;
        };
        let Ok((line, _)) = ends.get(line_entity) else {
            continue;
        };
        selection.line = None;
        actions.write(TraineeActed(Action::Connect {
            a: line.0.clone(),
            b: item.0.clone(),
            method: if venous { ConnectMethod::Luer } else { ConnectMethod::SterileWeld },
        }));
        notices.write(TraineeNotified { key: if venous { "luer-done" } else { "weld-done" } });
    }
}

/// Using a clamp asks to open a closed one or close an open one; the station's model decides.
fn use_clamps(
    mut used: MessageReader<Used>,
    clamps: Query<(&LevelId, &Clamp)>,
    mut actions: MessageWriter<TraineeActed>,
) {
    for event in used.read() {
        let Ok((id, clamp)) = clamps.get(event.target) else {
            continue;
        };
        let clamp_id = id.0.clone();
        actions.write(TraineeActed(if clamp.open {
            Action::CloseClamp { clamp: clamp_id }
        } else {
            Action::OpenClamp { clamp: clamp_id }
        }));
    }
}

/// A moment after a sample tube goes into the analyser, the result is in and a fresh tube and
/// label are ready where they are kept.
fn refill_after_analysis(
    time: Res<Time>,
    mut commands: Commands,
    mut analysers: Query<(Entity, &mut Socket), With<Analyser>>,
    mut item_sockets: Query<&mut Socket, Without<Analyser>>,
    mut refills: Query<(Entity, &Refill, &mut Transform)>,
    applied: Query<Entity, With<Applied>>,
    mut since: Local<Vec<(Entity, f32)>>,
) {
    let now = time.elapsed_secs();
    for (analyser, mut socket) in &mut analysers {
        let Some(tube) = socket.holding else {
            since.retain(|(entity, _)| *entity != analyser);
            continue;
        };
        let started = match since.iter().find(|(entity, _)| *entity == analyser) {
            Some((_, started)) => *started,
            None => {
                since.push((analyser, now));
                now
            }
        };
        if now - started < ANALYSIS_SECONDS {
            continue;
        }
        since.retain(|(entity, _)| *entity != analyser);
        socket.holding = None;
        // The tube's label slot is free again, and every used consumable goes back home.
        if let Ok(mut slot) = item_sockets.get_mut(tube) {
            slot.holding = None;
        }
        for (entity, refill, mut transform) in &mut refills {
            if entity == tube || applied.contains(entity) {
                *transform = refill.home;
                commands.entity(entity).remove::<(Applied, ColliderDisabled)>().insert((
                    Visibility::Inherited,
                    RigidBody::Fixed,
                    GlobalTransform::from(refill.home),
                ));
            }
        }
    }
}

/// An item thrown away is gone from the room, unless it is one of many (a wipe from its
/// canister): then the next is ready where they are kept.
fn throw_away(commands: &mut Commands, transforms: &mut Query<&mut Transform>, refill: Option<&Refill>, item: Entity) {
    match (refill, transforms.get_mut(item)) {
        (Some(refill), Ok(mut transform)) => {
            *transform = refill.home;
            commands.entity(item).insert((RigidBody::Fixed, GlobalTransform::from(refill.home)));
        }
        _ => {
            commands.entity(item).insert(PutAway);
        }
    }
}

/// Puts an item into a socket's seat. Physics reads the global pose, so it is set with the
/// move: an item with children would otherwise propagate only after physics had run (and
/// physics would put it back).
fn seat_item(
    commands: &mut Commands,
    transforms: &mut Query<&mut Transform>,
    item: Entity,
    socket: &GlobalTransform,
    seat: Transform,
) {
    let seated = socket.compute_transform().mul_transform(seat);
    if let Ok(mut transform) = transforms.get_mut(item) {
        *transform = seated;
    }
    commands.entity(item).insert((RigidBody::Fixed, GlobalTransform::from(seated)));
}

/// The pose of a straight length of tubing from `from` to `to`, as a unit-length cylinder
/// scaled along its axis; None when the ends meet.
fn tubing_pose(from: Vec3, to: Vec3) -> Option<Transform> {
    let length = from.distance(to);
    (length > 1e-3).then(|| {
        Transform::from_translation((from + to) / 2.0)
            .with_rotation(Quat::from_rotation_arc(Vec3::Y, (to - from) / length))
            .with_scale(Vec3::new(1.0, length, 1.0))
    })
}

/// Tubing runs from each joined line end to the port at the bottom of what it is joined to,
/// wherever that is now (a carried bag takes its tubing along); a line joined to nothing, or
/// to something put away, shows none.
fn draw_tubing(
    mut commands: Commands,
    mut ends: Query<(&LevelId, &mut TubeEnd, &GlobalTransform)>,
    objects: Query<(&LevelId, &GlobalTransform, Has<VenousAccess>), (With<Item>, Without<PutAway>, Without<TubeEnd>)>,
    mut tubes: Query<&mut Transform, With<Tubing>>,
    mut meshes: ResMut<Assets<Mesh>>,
    material: Option<Res<TubingMaterial>>,
    mut mesh: Local<Option<Handle<Mesh>>>,
) {
    let Some(material) = material else {
        return;
    };
    for (line, mut end, end_transform) in &mut ends {
        let target = end
            .joined_to
            .as_deref()
            .and_then(|id| objects.iter().find(|(object, ..)| object.as_str() == id))
            // A bag's port is below its centre; a needle takes the line where it is.
            .map(|(_, transform, needle)| transform.translation() - Vec3::Y * if needle { 0.0 } else { BAG_PORT_DROP });
        let pose = target.and_then(|to| tubing_pose(end_transform.translation(), to));
        match (pose, end.tubing) {
            (Some(pose), Some(tubing)) => {
                if let Ok(mut transform) = tubes.get_mut(tubing)
                    && *transform != pose
                {
                    *transform = pose;
                }
            }
            (Some(pose), None) => {
                let mesh = mesh.get_or_insert_with(|| meshes.add(Cylinder::new(0.008, 1.0))).clone();
                let tubing = commands.spawn((
                    Name::new(format!("Welded tubing: {}", line.as_str())),
                    Tubing,
                    Mesh3d(mesh),
                    MeshMaterial3d(material.0.clone()),
                    pose,
                ));
                end.tubing = Some(tubing.id());
            }
            (None, Some(tubing)) => {
                commands.entity(tubing).despawn();
                end.tubing = None;
            }
            (None, None) => {}
        }
    }
}

/// Tubing drawn between a line end and what it is joined to.
#[derive(Component, Debug, Clone, Copy)]
pub struct Tubing;

/// An open clamp swings back from the tube; a closed one sits square on it.
fn clamp_rotation(open: bool) -> Quat {
    if open { Quat::from_rotation_z(0.6) } else { Quat::IDENTITY }
}

/// Clamps show whether they are open: their angle and colour.
fn show_clamps(
    mut clamps: Query<(&Clamp, &mut Transform, &mut MeshMaterial3d<StandardMaterial>), Changed<Clamp>>,
    materials: Option<Res<ClampMaterials>>,
) {
    for (clamp, mut transform, mut material) in &mut clamps {
        transform.rotation = clamp_rotation(clamp.open);
        if let Some(materials) = &materials {
            material.0 = if clamp.open { materials.open.clone() } else { materials.closed.clone() };
        }
    }
}

/// While an item is carried, the socket pointed at shows green if it takes the item, red if not.
fn show_socket_fit(
    hands: Query<(Entity, &HandState, &Focus)>,
    held: Query<(&Held, &LevelId, Option<&Shape>), With<Item>>,
    sockets: Query<&Socket>,
    mut markers: Query<(&SocketMarker, &mut MeshMaterial3d<StandardMaterial>)>,
    fit: Option<Res<FitMaterials>>,
) {
    let Some(fit) = fit else {
        return;
    };
    for (marker, mut material) in &mut markers {
        let mut wanted = &fit.idle;
        for (hand, _, focus) in &hands {
            let carried = held.iter().find(|(held, ..)| held.hand == hand);
            if let (Some((_, id, shape)), Some(target)) = (carried, focus.target)
                && target == marker.socket
                && let Ok(socket) = sockets.get(target)
            {
                wanted = if socket.takes(&id.0, shape) { &fit.fits } else { &fit.does_not_fit };
            }
        }
        if material.0 != *wanted {
            material.0 = wanted.clone();
        }
    }
}

fn take_samples(
    mut used: MessageReader<Used>,
    ports: Query<&LevelId, With<SamplePort>>,
    mut actions: MessageWriter<TraineeActed>,
) {
    for event in used.read() {
        if let Ok(port) = ports.get(event.target) {
            actions.write(TraineeActed(Action::TakeSample { port: port.0.clone() }));
        }
    }
}

/// An item let fall onto the floor is reported as placed on the floor.
fn report_floor_drops(
    mut collisions: MessageReader<CollisionEvent>,
    floors: Query<(), With<Floor>>,
    items: Query<&LevelId, (With<Item>, Without<Held>)>,
    mut actions: MessageWriter<TraineeActed>,
    mut notices: MessageWriter<TraineeNotified>,
) {
    for collision in collisions.read() {
        let CollisionEvent::Started(a, b, _) = collision else {
            continue;
        };
        let item = if floors.contains(*a) {
            items.get(*b)
        } else if floors.contains(*b) {
            items.get(*a)
        } else {
            continue;
        };
        if let Ok(item) = item {
            actions.write(TraineeActed(Action::Place { item: item.0.clone(), target: "floor".into() }));
            notices.write(TraineeNotified { key: "dropped-on-floor" });
        }
    }
}

/// A dial's value counts as set once the hand has stopped turning it.
fn commit_dials(
    time: Res<Time>,
    mut turned: MessageReader<DialTurned>,
    dials: Query<(&LevelId, &Dial)>,
    mut pending: Local<Vec<(Entity, f32)>>,
    mut actions: MessageWriter<TraineeActed>,
) {
    let now = time.elapsed_secs();
    for event in turned.read() {
        pending.retain(|(dial, _)| *dial != event.dial);
        pending.push((event.dial, now));
    }
    pending.retain(|(entity, since)| {
        if now - since < DIAL_SETTLE_SECONDS {
            return true;
        }
        if let Ok((id, dial)) = dials.get(*entity) {
            let value = (f64::from(dial.value) * 100.0).round() / 100.0;
            actions.write(TraineeActed(Action::Set { control: id.0.clone(), value: Value::Number(value) }));
        }
        false
    });
}

/// Puts the world where a prerequisite level left it: items in their places. (Lines and clamps
/// follow from the station models, which hear the same actions.)
fn replay_in_world(
    mut commands: Commands,
    mut replayed: MessageReader<ActionReplayed>,
    items: Query<(Entity, &LevelId, Option<&Shape>), With<Item>>,
    mut sockets: Query<(Entity, &LevelId, &mut Socket, &GlobalTransform)>,
    takes_away: Query<(), With<TakesAway>>,
    hands_back: Query<(), With<HandsBack>>,
    delivers: Query<&Delivers>,
    initial: Query<&Initial>,
    refills: Query<&Refill>,
    mut transforms: Query<&mut Transform>,
) {
    for ActionReplayed { action, .. } in replayed.read() {
        let (item, target) = match action {
            Action::Place { item, target } => (item, Some(target)),
            // Thrown away: gone from the room.
            Action::Discard { item } => (item, None),
            _ => continue,
        };
        let Some((entity, _, shape)) = items.iter().find(|(_, id, _)| id.as_str() == item) else {
            continue;
        };
        let Some(target) = target else {
            throw_away(&mut commands, &mut transforms, refills.get(entity).ok(), entity);
            continue;
        };
        // A free socket of the place first: several things may be put in one place (the hooks of
        // a hanger, a shelf).
        let matching = |id: &LevelId, socket: &Socket| id.as_str() == target && socket.takes(item, shape);
        let free = sockets.iter().any(|(_, id, socket, _)| matching(id, socket) && socket.holding.is_none());
        let Some((socket_entity, _, mut socket, at)) =
            sockets.iter_mut().find(|(_, id, socket, _)| matching(id, socket) && (!free || socket.holding.is_none()))
        else {
            continue;
        };
        // What a tote or a pass box takes is out of the room, as when the trainee put it there.
        if takes_away.contains(socket_entity) {
            commands.entity(entity).insert(PutAway);
            continue;
        }
        if let Ok(Delivers(to)) = delivers.get(socket_entity) {
            deliver(&mut commands, &mut sockets, &mut transforms, (entity, item, shape), to);
            continue;
        }
        // A label printer hands the plate back to its place.
        if hands_back.contains(socket_entity) {
            if let (Ok(home), Ok(mut transform)) = (initial.get(entity), transforms.get_mut(entity)) {
                *transform = home.0;
            }
            continue;
        }
        socket.holding = Some(entity);
        seat_item(&mut commands, &mut transforms, entity, at, socket.seat);
    }
}

/// Sends `item` on to a free socket of the place `to` that takes it, seated there; out of the
/// room where none does.
fn deliver(
    commands: &mut Commands,
    sockets: &mut Query<(Entity, &LevelId, &mut Socket, &GlobalTransform)>,
    transforms: &mut Query<&mut Transform>,
    (entity, id, shape): (Entity, &str, Option<&Shape>),
    to: &str,
) {
    // Out of wherever it was seated (a replayed path seats it on the way).
    for (_, _, mut socket, _) in sockets.iter_mut() {
        if socket.holding == Some(entity) {
            socket.holding = None;
        }
    }
    let free = sockets
        .iter_mut()
        .find(|(_, place, socket, _)| place.as_str() == to && socket.holding.is_none() && socket.takes(id, shape));
    match free {
        Some((_, _, mut socket, at)) => {
            socket.holding = Some(entity);
            let at = *at;
            seat_item(commands, transforms, entity, &at, socket.seat);
        }
        None => {
            commands.entity(entity).insert(PutAway);
        }
    }
}

/// Records where every movable thing starts, once it has been built.
fn remember_initial_places(
    mut commands: Commands,
    movable: Query<(Entity, &Transform), (With<Grabbable>, Without<Initial>)>,
) {
    for (entity, transform) in &movable {
        commands.entity(entity).insert(Initial(*transform));
    }
}

/// Every session starts from the cleanroom as built: items and garments back in their places,
/// lines unjoined, clamps closed, dials at their minimum, nothing picked for a weld.
fn reset_world(
    mut commands: Commands,
    mut movable: Query<(Entity, &Initial, &mut Transform)>,
    mut sockets: Query<&mut Socket>,
    mut ends: Query<&mut TubeEnd>,
    mut clamps: Query<&mut Clamp>,
    mut dials: Query<&mut Dial>,
    mut selection: ResMut<WeldSelection>,
) {
    for (entity, initial, mut transform) in &mut movable {
        *transform = initial.0;
        commands.entity(entity).remove::<(Held, PutAway, Applied, ColliderDisabled, Sensor)>().insert((
            Visibility::Inherited,
            RigidBody::Fixed,
            GlobalTransform::from(initial.0),
        ));
    }
    for mut socket in &mut sockets {
        socket.holding = None;
    }
    for mut end in &mut ends {
        end.joined_to = None;
    }
    for mut clamp in &mut clamps {
        if clamp.open {
            clamp.open = false;
        }
    }
    for mut dial in &mut dials {
        if dial.value != dial.min {
            dial.value = dial.min;
        }
    }
    *selection = WeldSelection::default();
}
