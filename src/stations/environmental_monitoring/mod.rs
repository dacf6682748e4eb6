//! The environmental monitoring trolley: against the processing room's west wall beside the
//! Grade A biosafety cabinet, with the particle counter's terminal, the plates, their label
//! printer, the incubator's pass box, fresh gloves and sanitiser; the places the plates sample
//! in the cabinet and in the room (model in `cleanroom_core::stations::environmental_monitoring`).

use bevy::prelude::*;

use crate::layout::Viewpoint;
use crate::stations::station::StationDef;

mod build;

/// The trolley as the game knows it: north of the cabinet, facing east into the room.
pub static STATION: StationDef = StationDef {
    id: cleanroom_core::stations::environmental_monitoring::ids::STATION_ID,
    position: Vec3::new(-7.45, 0.0, 1.5),
    build: build::build,
    viewpoints: &[
        // The counter's terminal, as the trainee standing at the trolley reads it.
        Viewpoint { name: "particle_counter", eye: Vec3::new(-6.9, 1.5, 1.5), target: Vec3::new(-7.66, 1.42, 1.5) },
        // The plates on the trolley top, the glove-print plates among them.
        Viewpoint { name: "em_plates", eye: Vec3::new(-7.0, 1.22, 1.52), target: Vec3::new(-7.29, 0.9, 1.52) },
        // Inside the cabinet: the settle plate's place, the work zone and the contact spot.
        Viewpoint { name: "em_cabinet", eye: Vec3::new(-6.5, 1.8, -0.6), target: Vec3::new(-7.3, 0.96, -0.7) },
    ],
    model: Some(&cleanroom_core::stations::environmental_monitoring::SPEC),
    idle_screen: ("screen-em", "screen-em-detail"),
    set_up_by: None,
};
