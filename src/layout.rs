//! Where the rooms stand, in metres: walls, doors, zones, the row the stations stand on, and
//! the rooms' named viewpoints. Pure data, for every layer.
//!
//! The floor is y = 0 and +y is up. The corridor runs along x at the north (+z) end; the
//! gowning airlock leads south from it into the L-shaped Grade B processing room, whose south
//! wall holds the stations and whose west wall holds the Grade A biosafety cabinet.

use bevy::math::{Vec2, Vec3};

/// Wall thickness; thin enough to look like cleanroom panels.
pub const WALL_THICKNESS: f32 = 0.2;
/// Clear height of the rooms (a typical cleanroom suspended ceiling).
pub const CEILING_HEIGHT: f32 = 3.0;
/// Door leaf size: wide enough for a gowned person with a trolley.
pub const DOOR_WIDTH: f32 = 1.1;
pub const DOOR_HEIGHT: f32 = 2.1;
/// Height of the step-over bench: low enough to swing the legs over.
pub const BENCH_HEIGHT: f32 = 0.45;
/// Eye height of a standing trainee.
pub const EYE_HEIGHT: f32 = 1.62;

/// The areas of the cleanroom, each with its grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Zone {
    Corridor,
    Airlock,
    ProcessingRoom,
}

impl Zone {
    pub const ALL: [Zone; 3] = [Zone::Corridor, Zone::Airlock, Zone::ProcessingRoom];

    /// The level-file id of the zone.
    pub fn id(self) -> &'static str {
        match self {
            Zone::Corridor => "corridor",
            Zone::Airlock => "airlock",
            Zone::ProcessingRoom => "processing_room",
        }
    }

    /// Translation key of the zone's name.
    pub fn name_key(self) -> &'static str {
        match self {
            Zone::Corridor => "zone-corridor",
            Zone::Airlock => "zone-airlock",
            Zone::ProcessingRoom => "zone-processing",
        }
    }

    /// Floor rectangles (min x, min z)–(max x, max z) that make up the zone.
    pub fn floor(self) -> &'static [(Vec2, Vec2)] {
        const CORRIDOR: &[(Vec2, Vec2)] = &[(Vec2::new(-8.0, 8.0), Vec2::new(8.0, 11.0))];
        const AIRLOCK: &[(Vec2, Vec2)] = &[(Vec2::new(-3.0, 4.0), Vec2::new(1.0, 8.0))];
        const PROCESSING_ROOM: &[(Vec2, Vec2)] =
            &[(Vec2::new(-8.0, -8.0), Vec2::new(8.0, 4.0)), (Vec2::new(1.0, 4.0), Vec2::new(8.0, 8.0))];
        match self {
            Zone::Corridor => CORRIDOR,
            Zone::Airlock => AIRLOCK,
            Zone::ProcessingRoom => PROCESSING_ROOM,
        }
    }

    /// The zone that contains a floor position, if any.
    pub fn at(position: Vec3) -> Option<Zone> {
        let point = Vec2::new(position.x, position.z);
        Zone::ALL
            .into_iter()
            .find(|zone| zone.floor().iter().any(|(min, max)| point.cmpge(*min).all() && point.cmple(*max).all()))
    }
}

/// A straight wall between two floor points, with openings cut for doors and hatches.
#[derive(Debug, Clone, Copy)]
pub struct Wall {
    pub from: Vec2,
    pub to: Vec2,
    pub height: f32,
}

/// The walls, listed as runs between openings. The openings are the doorways (x −1.55…−0.45 on
/// z = 8 and z = 4) and the pass-through hatch (x 4.6…5.4 on z = 8, 0.9…1.6 m high).
pub const WALLS: &[Wall] = &[
    // Outer shell.
    wall(-8.0, -8.0, 8.0, -8.0),
    wall(-8.0, -8.0, -8.0, 4.0),
    wall(-8.0, 8.0, -8.0, 11.0),
    wall(8.0, -8.0, 8.0, 11.0),
    wall(-8.0, 11.0, 8.0, 11.0),
    // Corridor's south wall, either side of the corridor door and of the hatch.
    wall(-8.0, 8.0, -1.55, 8.0),
    wall(-0.45, 8.0, 4.6, 8.0),
    wall(5.4, 8.0, 8.0, 8.0),
    // Airlock: west side closed by the plant block, east side shared with the room.
    wall(-3.0, 4.0, -3.0, 8.0),
    wall(1.0, 4.0, 1.0, 8.0),
    // Processing room's north wall, either side of the airlock's inner door.
    wall(-8.0, 4.0, -1.55, 4.0),
    wall(-0.45, 4.0, 1.0, 4.0),
];

const fn wall(x0: f32, z0: f32, x1: f32, z1: f32) -> Wall {
    Wall { from: Vec2::new(x0, z0), to: Vec2::new(x1, z1), height: CEILING_HEIGHT }
}

/// The solid plant block west of the airlock (ducts and services in a real facility).
pub const PLANT_BLOCK: (Vec2, Vec2) = (Vec2::new(-8.0, 4.0), Vec2::new(-3.0, 8.0));

/// The two airlock doors, centred in their openings; each slides along +x to open.
pub const CORRIDOR_DOOR: Vec3 = Vec3::new(-1.0, DOOR_HEIGHT / 2.0, 8.0);
pub const PROCESSING_DOOR: Vec3 = Vec3::new(-1.0, DOOR_HEIGHT / 2.0, 4.0);
/// Centre of the pass-through hatch in the corridor wall.
pub const HATCH: Vec3 = Vec3::new(5.0, 1.25, 8.0);
/// Hatch opening, width × height.
pub const HATCH_SIZE: Vec2 = Vec2::new(0.8, 0.7);

/// The step-over bench across the airlock: dirty side north, clean side south.
pub const BENCH_Z: f32 = 6.0;

/// Where the stations stand: along the processing room's north wall, each footprint's centre
/// on this line and facing +z (into the room). Each station picks its x.
pub const STATION_ROW_Z: f32 = -7.3;
/// The Grade A biosafety cabinet against the west wall, facing +x.
pub const BIOSAFETY_CABINET: Vec3 = Vec3::new(-7.5, 0.0, -1.0);

/// Where a trainee starts: the corridor's west end, facing the airlock door.
pub const START: Vec3 = Vec3::new(-6.0, 0.0, 9.5);

/// A named camera position for capture mode and documentation.
#[derive(Debug, Clone, Copy)]
pub struct Viewpoint {
    pub name: &'static str,
    pub eye: Vec3,
    pub target: Vec3,
}

/// The named viewpoints of the rooms (each station adds its own); `--view NAME` picks one.
pub const VIEWPOINTS: &[Viewpoint] = &[
    Viewpoint { name: "corridor", eye: Vec3::new(-7.4, 1.7, 10.6), target: Vec3::new(2.0, 1.2, 8.0) },
    Viewpoint { name: "airlock", eye: Vec3::new(-1.0, 1.7, 7.7), target: Vec3::new(-1.2, 0.9, 4.2) },
    Viewpoint { name: "processing_room", eye: Vec3::new(5.8, 2.0, 0.5), target: Vec3::new(-1.0, 0.9, -7.0) },
    Viewpoint { name: "biosafety_cabinet", eye: Vec3::new(-5.0, 1.7, 0.6), target: Vec3::new(-7.4, 1.0, -1.0) },
    // The gown shelf up close, where a trainee reads each pack and its use-by date.
    Viewpoint { name: "gown_shelf", eye: Vec3::new(-1.75, 1.55, 5.0), target: Vec3::new(-2.72, 1.2, 5.0) },
    // The west wall of the processing room by the bench: the room monitoring panel.
    Viewpoint { name: "room_monitoring", eye: Vec3::new(-6.9, 1.65, -6.3), target: Vec3::new(-7.9, 1.55, -6.3) },
    // The clean side of the airlock towards the processing door: the garment and rejected bins.
    Viewpoint { name: "airlock_clean_side", eye: Vec3::new(-2.2, 1.7, 5.6), target: Vec3::new(0.4, 0.6, 4.3) },
];

/// The room viewpoint called `name`.
pub fn viewpoint(name: &str) -> Option<&'static Viewpoint> {
    VIEWPOINTS.iter().find(|viewpoint| viewpoint.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_are_found_from_floor_positions() {
        assert_eq!(Zone::at(START), Some(Zone::Corridor));
        assert_eq!(Zone::at(Vec3::new(-1.0, 0.0, 6.5)), Some(Zone::Airlock));
        assert_eq!(Zone::at(Vec3::new(-4.5, 0.0, STATION_ROW_Z)), Some(Zone::ProcessingRoom));
        assert_eq!(Zone::at(Vec3::new(5.0, 0.0, 6.0)), Some(Zone::ProcessingRoom));
        assert_eq!(Zone::at(Vec3::new(-5.0, 0.0, 6.0)), None, "the plant block is not a zone");
    }

    #[test]
    fn every_viewpoint_stands_inside_a_zone() {
        for viewpoint in VIEWPOINTS {
            assert!(Zone::at(viewpoint.eye).is_some(), "{} is outside the rooms", viewpoint.name);
        }
    }
}
