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
    app.add_systems(OnEnter(Screen::Session), |mut selection: ResMut<WeldSelection>| *selection = default());
    app.add_systems(
        Update,
        (inspect_items, place_in_sockets, weld_and_inspect_tubes, toggle_clamps, show_socket_fit)
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
}

/// A line clamp (roller or slide clamp) that is open or closed.
#[derive(Component, Debug, Clone)]
pub struct Clamp {
    pub id: String,
    pub open: bool,
}

/// The tube end picked for the next weld (the first half of the two-step weld).
#[derive(Resource, Debug, Default, Clone)]
pub struct WeldSelection {
    pub line: Option<Entity>,
}

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
        socket.holding = Some(event.item);
        if let Ok(mut transform) = transforms.get_mut(event.item) {
            *transform = socket_transform.compute_transform().mul_transform(socket.seat);
        }
        commands.entity(event.item).insert(RigidBody::Fixed);
        actions.write(TraineeAction(Action::Place { item: item.id.clone(), target: socket.id.clone() }));
        let _ = socket_entity;
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
    mut meshes: ResMut<Assets<Mesh>>,
    tubing: Option<Res<TubingMaterial>>,
    mut actions: MessageWriter<TraineeAction>,
    mut notices: MessageWriter<Notice>,
) {
    for event in used.read() {
        if let Ok((end, _)) = ends.get(event.target) {
            if end.welded_to.is_some() {
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
        actions.write(TraineeAction(Action::Connect {
            a: end.line.clone(),
            b: item.id.clone(),
            method: ConnectMethod::SterileWeld,
        }));
        notices.write(Notice { key: "weld-done" });
        // Draw the joined tubing from the set's line to the bag's port.
        if let Some(tubing) = tubing.as_deref() {
            let from = end_transform.translation();
            let to = item_transform.translation() - Vec3::Y * 0.12;
            let length = from.distance(to);
            if length > 1e-3 {
                commands.spawn((
                    Name::new(format!("Welded tubing: {}", end.line)),
                    Mesh3d(meshes.add(Cylinder::new(0.005, length))),
                    MeshMaterial3d(tubing.0.clone()),
                    Transform::from_translation((from + to) / 2.0)
                        .with_rotation(Quat::from_rotation_arc(Vec3::Y, (to - from) / length)),
                ));
            }
        }
    }
}

/// The material of tubing drawn at run time.
#[derive(Resource, Debug, Clone)]
pub struct TubingMaterial(pub Handle<StandardMaterial>);

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
        // An open clamp slides back from the tube and shows green; a closed one red.
        transform.rotation = if clamp.open { Quat::from_rotation_z(0.6) } else { Quat::IDENTITY };
        if let Some(palette) = &palette {
            material.0 = if clamp.open { palette.marking_green.clone() } else { palette.marking_red.clone() };
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
