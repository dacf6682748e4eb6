//! Material transfer through the pass-through hatch: the corridor's transfer trolley with the
//! wrapped items, the sporicidal wipes and the reject tray, the hatch's inside, and the receipt
//! trolley on the processing room's side (model in `cleanroom_core::stations::material_transfer`;
//! the hatch's doors and interlock are the rooms').

use bevy::prelude::*;

use crate::layout::Viewpoint;
use crate::stations::station::StationDef;

mod build;

/// The transfer trolley in the corridor, east of the hatch, facing the hatch's corridor side.
pub static STATION: StationDef = StationDef {
    id: cleanroom_core::stations::material_transfer::STATION_ID,
    position: Vec3::new(6.3, 0.0, 8.5),
    build: build::build,
    viewpoints: &[
        Viewpoint { name: "material_transfer", eye: Vec3::new(5.2, 1.62, 9.9), target: Vec3::new(5.8, 1.0, 8.4) },
        Viewpoint { name: "material_transfer_room", eye: Vec3::new(5.2, 1.62, 6.4), target: Vec3::new(5.6, 1.0, 7.8) },
        Viewpoint {
            name: "material_transfer_panel",
            eye: Vec3::new(5.88, 1.45, 8.8),
            target: Vec3::new(5.88, 1.3, 8.12),
        },
    ],
    model: Some(&cleanroom_core::stations::material_transfer::SPEC),
    idle_screen: ("screen-material-transfer", "screen-material-transfer-detail"),
    set_up_by: None,
};
