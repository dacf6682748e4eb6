//! Items, sockets, tube ends, clamps and batch-record entries: the pieces a station's work is
//! made of, and the semantic actions they produce (Inspect, Place, Connect, Open/CloseClamp,
//! Sign). Clicking an item inspects it; holding the grab carries it; letting it go over a
//! socket that accepts it places it there.

use bevy::prelude::*;
use bevy_rapier3d::prelude::*;
use cleanroom_core::procedure::{Action, ConnectMethod};

use super::{Focus, Grabbed, Held, Notice, Released, Used};
use crate::input::HandState;
use crate::procedure::TraineeAction;
use crate::screens::Screen;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<WeldSelection>();
    // Once, on the frame the cleanroom's last build step is done.
    app.add_systems(
        Update,
        remember_initial_places
            .run_if(|build: Res<crate::cleanroom::WorldBuild>| build.is_done() && build.is_changed()),
    );
    app.add_systems(OnEnter(Screen::Session), reset_world.before(crate::procedure::ProcedureSystems::Start));
    app.add_systems(OnEnter(Screen::Session), |mut selection: ResMut<WeldSelection>| *selection = default());
    app.add_systems(
        Update,
        (
            inspect_items,
            place_in_sockets,
            weld_and_inspect_tubes,
            toggle_clamps,
            show_socket_fit,
            take_samples,
            report_floor_drops,
            commit_dials,
            replay_in_world,
            refill_after_analysis,
        )
            .in_set(crate::AppSystems::React)
            .before(crate::procedure::ProcedureSystems::Run)
            .before(crate::stations::StationSystems::Operate),
    );
}

/// A loose item a level refers to by id (a bag, a single-use set, a record).
#[derive(Component, Debug, Clone)]
pub struct Item {
    pub id: String,
}

/// A place that takes certain items: a hook on a bag hanger, the bioreactor's set mount.
#[derive(Component, Debug, Clone)]
pub struct Socket {
    pub id: String,
    /// Item ids it takes; an item id prefix ending in `*` takes a family (`*_bag`).
    pub accepts: Vec<String>,
    /// Where a placed item sits, relative to the socket.
    pub seat: Transform,
    /// The item in it, if any.
    pub holding: Option<Entity>,
}

impl Socket {
    pub fn takes(&self, item: &str) -> bool {
        self.holding.is_none()
            && self.accepts.iter().any(|pattern| match pattern.strip_prefix('*') {
                Some(suffix) => item.ends_with(suffix),
                None => pattern == item,
            })
    }
}

/// The free end of one of a set's lines, to be joined to a bag by sterile welding.
#[derive(Component, Debug, Clone)]
pub struct TubeEnd {
    pub line: String,
    /// The bag it was welded to.
    pub welded_to: Option<String>,
    /// Heat-sealed since the weld: the bag can be separated safely.
    pub sealed: bool,
    /// The tubing drawn to the welded bag.
    pub tubing: Option<Entity>,
}

impl TubeEnd {
    /// A free line end, ready to be welded.
    pub fn new(line: &str) -> Self {
        Self { line: line.into(), welded_to: None, sealed: false, tubing: None }
    }
}

/// A socket that throws away what is put in it (a waste bin): the item is discarded.
#[derive(Component, Debug, Clone, Copy)]
pub struct Discards;

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

/// A line clamp (roller or slide clamp) that is open or closed.
#[derive(Component, Debug, Clone)]
pub struct Clamp {
    pub id: String,
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

/// A sampling port: using it draws a sample (the station labels and analyses it).
#[derive(Component, Debug, Clone)]
pub struct SamplePort {
    pub id: String,
}

/// The floor: a sterile item that lands on it is reported (levels may make that a deviation).
#[derive(Component, Debug, Clone, Copy)]
pub struct Floor;

/// How long a dial must rest before its new value counts as set, seconds.
const DIAL_SETTLE_SECONDS: f32 = 0.6;

/// Materials that show whether a carried item fits the socket pointed at.
#[derive(Resource, Debug, Clone)]
pub struct FitMaterials {
    pub fits: Handle<StandardMaterial>,
    pub does_not_fit: Handle<StandardMaterial>,
    pub idle: Handle<StandardMaterial>,
}

/// The visible marker of a socket, coloured while an item is carried near it.
#[derive(Component, Debug, Clone, Copy)]
pub struct SocketMarker {
    pub socket: Entity,
}

fn inspect_items(mut used: MessageReader<Used>, items: Query<&Item>, mut actions: MessageWriter<TraineeAction>) {
    for event in used.read() {
        if let Ok(item) = items.get(event.target) {
            actions.write(TraineeAction(Action::Inspect { object: item.id.clone() }));
        }
    }
}

/// Letting go of an item over a socket that takes it places it there; grabbing it back out
/// frees the socket.
fn place_in_sockets(
    mut commands: Commands,
    mut released: MessageReader<Released>,
    mut grabbed: MessageReader<Grabbed>,
    hands: Query<&Focus>,
    items: Query<&Item>,
    discards: Query<(), With<Discards>>,
    mut ends: Query<&mut TubeEnd>,
    mut sockets: Query<(Entity, &mut Socket, &GlobalTransform)>,
    mut transforms: Query<&mut Transform>,
    mut actions: MessageWriter<TraineeAction>,
    mut notices: MessageWriter<Notice>,
) {
    for event in grabbed.read() {
        for (_, mut socket, _) in &mut sockets {
            if socket.holding == Some(event.item) {
                socket.holding = None;
            }
        }
        // Taking a welded bag away separates it from its line (at the seal, if sealed).
        if let Ok(item) = items.get(event.item) {
            separate_from_lines(&mut commands, &mut ends, &item.id);
        }
    }
    for event in released.read() {
        let Ok(item) = items.get(event.item) else {
            continue;
        };
        let Some(target) = hands.get(event.hand).ok().and_then(|focus| focus.target) else {
            continue;
        };
        let Ok((socket_entity, mut socket, socket_transform)) = sockets.get_mut(target) else {
            continue;
        };
        if !socket.takes(&item.id) {
            notices.write(Notice { key: "socket-does-not-fit" });
            continue;
        }
        if discards.contains(socket_entity) {
            actions.write(TraineeAction(Action::Discard { item: item.id.clone() }));
            separate_from_lines(&mut commands, &mut ends, &item.id);
            commands.entity(event.item).insert(PutAway);
            continue;
        }
        socket.holding = Some(event.item);
        seat_item(&mut commands, &mut transforms, event.item, socket_transform, socket.seat);
        // A label stuck onto something is part of it now.
        if items.contains(socket_entity) {
            commands.entity(event.item).insert((Applied, Visibility::Hidden, ColliderDisabled));
        }
        actions.write(TraineeAction(Action::Place { item: item.id.clone(), target: socket.id.clone() }));
    }
}

/// The bag `item` leaves every line welded to it: the line is free to be welded again.
fn separate_from_lines(commands: &mut Commands, ends: &mut Query<&mut TubeEnd>, item: &str) {
    for mut end in ends.iter_mut() {
        if end.welded_to.as_deref() == Some(item) {
            end.welded_to = None;
            end.sealed = false;
            if let Some(tubing) = end.tubing.take() {
                commands.entity(tubing).despawn();
            }
        }
    }
}

/// Two-step sterile weld: use a tube end, then the bag to join it to. Using a welded end
/// inspects the weld.
fn weld_and_inspect_tubes(
    mut commands: Commands,
    mut used: MessageReader<Used>,
    mut ends: Query<(&mut TubeEnd, &GlobalTransform)>,
    items: Query<(&Item, &GlobalTransform)>,
    mut selection: ResMut<WeldSelection>,
    sealers: Query<(), With<HeatSealer>>,
    mut meshes: ResMut<Assets<Mesh>>,
    tubing: Option<Res<TubingMaterial>>,
    mut actions: MessageWriter<TraineeAction>,
    mut notices: MessageWriter<Notice>,
) {
    for event in used.read() {
        if sealers.contains(event.target) {
            selection.sealer_armed = true;
            selection.line = None;
            notices.write(Notice { key: "seal-pick-line" });
            continue;
        }
        if let Ok((end, _)) = ends.get(event.target) {
            if selection.sealer_armed {
                selection.sealer_armed = false;
                if let Ok((mut end, _)) = ends.get_mut(event.target) {
                    end.sealed = true;
                }
                let Ok((end, _)) = ends.get(event.target) else {
                    continue;
                };
                actions.write(TraineeAction(Action::Seal { tube: end.line.clone() }));
                notices.write(Notice { key: "seal-done" });
            } else if end.welded_to.is_some() {
                actions.write(TraineeAction(Action::Inspect { object: end.line.clone() }));
            } else {
                selection.line = Some(event.target);
                notices.write(Notice { key: "weld-pick-bag" });
            }
            continue;
        }
        let (Some(line_entity), Ok((item, item_transform))) = (selection.line, items.get(event.target)) else {
            continue;
        };
        if !item.id.ends_with("_bag") {
            continue;
        }
        let Ok((mut end, end_transform)) = ends.get_mut(line_entity) else {
            continue;
        };
        selection.line = None;
        end.welded_to = Some(item.id.clone());
        end.sealed = false;
        actions.write(TraineeAction(Action::Connect {
            a: end.line.clone(),
            b: item.id.clone(),
            method: ConnectMethod::SterileWeld,
        }));
        notices.write(Notice { key: "weld-done" });
        if let Some(tubing) = tubing.as_deref() {
            let (from, to) = (end_transform.translation(), item_transform.translation());
            end.tubing = draw_tubing(&mut commands, &mut meshes, tubing, &end.line, from, to);
        }
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

/// How long the analyser takes over a sample, seconds (a game choice: long enough to see).
const ANALYSIS_SECONDS: f32 = 1.0;

/// The material of tubing drawn at run time.
#[derive(Resource, Debug, Clone)]
pub struct TubingMaterial(pub Handle<StandardMaterial>);

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

/// Draws the tubing of a weld from a line end to the port at the bottom of its bag.
fn draw_tubing(
    commands: &mut Commands,
    meshes: &mut Assets<Mesh>,
    tubing: &TubingMaterial,
    line: &str,
    from: Vec3,
    bag: Vec3,
) -> Option<Entity> {
    let to = bag - Vec3::Y * 0.12;
    let length = from.distance(to);
    (length > 1e-3).then(|| {
        commands
            .spawn((
                Name::new(format!("Welded tubing: {line}")),
                Mesh3d(meshes.add(Cylinder::new(0.008, length))),
                MeshMaterial3d(tubing.0.clone()),
                Transform::from_translation((from + to) / 2.0)
                    .with_rotation(Quat::from_rotation_arc(Vec3::Y, (to - from) / length)),
            ))
            .id()
    })
}

/// An open clamp swings back from the tube; a closed one sits square on it.
fn clamp_rotation(open: bool) -> Quat {
    if open { Quat::from_rotation_z(0.6) } else { Quat::IDENTITY }
}

/// An open clamp shows green, a closed one red.
fn clamp_material(palette: &crate::cleanroom::kit::Palette, open: bool) -> Handle<StandardMaterial> {
    if open { palette.marking_green.clone() } else { palette.marking_red.clone() }
}

fn toggle_clamps(
    mut used: MessageReader<Used>,
    mut clamps: Query<(&mut Clamp, &mut Transform, &mut MeshMaterial3d<StandardMaterial>)>,
    palette: Option<Res<crate::cleanroom::kit::Palette>>,
    mut actions: MessageWriter<TraineeAction>,
) {
    for event in used.read() {
        let Ok((mut clamp, mut transform, mut material)) = clamps.get_mut(event.target) else {
            continue;
        };
        clamp.open = !clamp.open;
        transform.rotation = clamp_rotation(clamp.open);
        if let Some(palette) = &palette {
            material.0 = clamp_material(palette, clamp.open);
        }
        let id = clamp.id.clone();
        actions.write(TraineeAction(if clamp.open {
            Action::OpenClamp { clamp: id }
        } else {
            Action::CloseClamp { clamp: id }
        }));
    }
}

/// While an item is carried, the socket pointed at shows green if it takes the item, red if not.
fn show_socket_fit(
    hands: Query<(Entity, &HandState, &Focus)>,
    held: Query<(&Held, &Item)>,
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
            let carried = held.iter().find(|(held, _)| held.hand == hand).map(|(_, item)| item);
            if let (Some(item), Some(target)) = (carried, focus.target)
                && target == marker.socket
                && let Ok(socket) = sockets.get(target)
            {
                wanted = if socket.takes(&item.id) { &fit.fits } else { &fit.does_not_fit };
            }
        }
        if material.0 != *wanted {
            material.0 = wanted.clone();
        }
    }
}

fn take_samples(mut used: MessageReader<Used>, ports: Query<&SamplePort>, mut actions: MessageWriter<TraineeAction>) {
    for event in used.read() {
        if let Ok(port) = ports.get(event.target) {
            actions.write(TraineeAction(Action::TakeSample { port: port.id.clone() }));
        }
    }
}

/// An item let fall onto the floor is reported as placed on the floor.
fn report_floor_drops(
    mut collisions: MessageReader<CollisionEvent>,
    floors: Query<(), With<Floor>>,
    items: Query<&Item, Without<Held>>,
    mut actions: MessageWriter<TraineeAction>,
    mut notices: MessageWriter<Notice>,
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
            actions.write(TraineeAction(Action::Place { item: item.id.clone(), target: "floor".into() }));
            notices.write(Notice { key: "dropped-on-floor" });
        }
    }
}

/// A dial's value counts as set once the hand has stopped turning it.
fn commit_dials(
    time: Res<Time>,
    mut turned: MessageReader<super::DialTurned>,
    dials: Query<&super::Dial>,
    mut pending: Local<Vec<(Entity, f32)>>,
    mut actions: MessageWriter<TraineeAction>,
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
        if let Ok(dial) = dials.get(*entity) {
            let value = (f64::from(dial.value) * 100.0).round() / 100.0;
            actions.write(TraineeAction(Action::Set {
                control: dial.id.clone(),
                value: cleanroom_core::common::Value::Number(value),
            }));
        }
        false
    });
}

/// Puts the world where a prerequisite level left it: items in their places, lines welded
/// (tubing drawn), clamps as set.
fn replay_in_world(
    mut commands: Commands,
    mut replayed: MessageReader<crate::procedure::ReplayedAction>,
    items: Query<(Entity, &Item)>,
    mut sockets: Query<(&mut Socket, &GlobalTransform)>,
    mut transforms: Query<&mut Transform>,
    mut ends: Query<(&mut TubeEnd, &GlobalTransform)>,
    mut clamps: Query<(Entity, &mut Clamp)>,
    globals: Query<&GlobalTransform>,
    mut meshes: ResMut<Assets<Mesh>>,
    tubing: Option<Res<TubingMaterial>>,
    palette: Option<Res<crate::cleanroom::kit::Palette>>,
) {
    for crate::procedure::ReplayedAction(action) in replayed.read() {
        match action {
            Action::Place { item, target } => {
                let Some((entity, _)) = items.iter().find(|(_, candidate)| candidate.id == *item) else {
                    continue;
                };
                let Some((mut socket, at)) =
                    sockets.iter_mut().find(|(socket, _)| socket.id == *target && socket.takes(item))
                else {
                    continue;
                };
                socket.holding = Some(entity);
                seat_item(&mut commands, &mut transforms, entity, at, socket.seat);
            }
            Action::Connect { a, b, .. } => {
                let Some((mut end, from)) = ends.iter_mut().find(|(end, _)| end.line == *a) else {
                    continue;
                };
                end.welded_to = Some(b.clone());
                end.sealed = false;
                // The bag may have just been placed this frame: draw to where it now hangs.
                let bag = items.iter().find(|(_, item)| item.id == *b).map(|(entity, _)| entity);
                let to = bag
                    .and_then(|bag| transforms.get(bag).ok().map(|transform| transform.translation))
                    .or_else(|| bag.and_then(|bag| globals.get(bag).ok()).map(GlobalTransform::translation));
                if let (Some(to), Some(tubing)) = (to, tubing.as_deref()) {
                    end.tubing = draw_tubing(&mut commands, &mut meshes, tubing, a, from.translation(), to);
                }
            }
            Action::OpenClamp { clamp } | Action::CloseClamp { clamp } => {
                let open = matches!(action, Action::OpenClamp { .. });
                if let Some((entity, mut state)) = clamps.iter_mut().find(|(_, state)| state.id == *clamp) {
                    state.open = open;
                    if let Ok(mut transform) = transforms.get_mut(entity) {
                        transform.rotation = clamp_rotation(open);
                    }
                    if let Some(palette) = &palette {
                        commands.entity(entity).insert(MeshMaterial3d(clamp_material(palette, open)));
                    }
                }
            }
            _ => {}
        }
    }
}

/// Records where every movable thing starts, once the cleanroom is built.
fn remember_initial_places(
    mut commands: Commands,
    movable: Query<(Entity, &Transform), (Or<(With<Item>, With<super::semantic::Garment>)>, Without<Initial>)>,
) {
    for (entity, transform) in &movable {
        commands.entity(entity).insert(Initial(*transform));
    }
}

/// Every session starts from the cleanroom as built: items and garments back in their places,
/// lines unwelded, clamps closed, dials at their minimum, doors shut.
fn reset_world(
    mut commands: Commands,
    mut movable: Query<(Entity, &Initial, &mut Transform)>,
    mut sockets: Query<&mut Socket>,
    mut ends: Query<&mut TubeEnd>,
    mut clamps: Query<(Entity, &mut Clamp, &mut Transform), Without<Initial>>,
    mut dials: Query<&mut super::Dial>,
    mut doors: Query<&mut crate::cleanroom::doors::Door>,
    palette: Option<Res<crate::cleanroom::kit::Palette>>,
    mut selection: ResMut<WeldSelection>,
) {
    for (entity, initial, mut transform) in &mut movable {
        *transform = initial.0;
        commands.entity(entity).remove::<(super::Held, PutAway, Applied, ColliderDisabled, Sensor)>().insert((
            Visibility::Inherited,
            RigidBody::Fixed,
            GlobalTransform::from(initial.0),
        ));
    }
    for mut socket in &mut sockets {
        socket.holding = None;
    }
    for mut end in &mut ends {
        if let Some(tubing) = end.tubing.take() {
            commands.entity(tubing).despawn();
        }
        end.welded_to = None;
        end.sealed = false;
    }
    for (entity, mut clamp, mut transform) in &mut clamps {
        clamp.open = false;
        transform.rotation = clamp_rotation(false);
        if let Some(palette) = &palette {
            commands.entity(entity).insert(MeshMaterial3d(clamp_material(palette, false)));
        }
    }
    for mut dial in &mut dials {
        if dial.value != dial.min {
            dial.value = dial.min;
        }
    }
    for mut door in &mut doors {
        door.open = false;
        door.progress = 0.0;
    }
    *selection = WeldSelection::default();
}
