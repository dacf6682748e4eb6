//! The stations, one folder each (its 3D build and its definition); what they share is in
//! `station`. Adding a station is adding its folder and one line in `STATIONS`.

use bevy::prelude::*;

pub mod apheresis;
pub mod batch_review;
pub mod bioreactor;
pub mod environmental_monitoring;
pub mod fill_finish;
pub mod material_transfer;
pub mod practice_bench;
pub mod qc_release;
pub mod room;
pub mod station;

pub use station::{
    EventInjected, ModelLevel, ModelPart, ModelText, ScreenContent, StationDef, StationRecorded, StationReported,
    StationScreen, StationUnit, Stations, StationsConfigured, TRAINEE_OPERATOR,
};

/// Every station: those along the processing room's wall in the order they stand, then the
/// QA and QC review desks and the practice bench in the corridor, then the monitoring trolley
/// by the biosafety cabinet.
pub const STATIONS: &[&StationDef] = &[
    &bioreactor::STATION,
    &apheresis::STATION,
    &fill_finish::STATION,
    &batch_review::STATION,
    &qc_release::STATION,
    &practice_bench::STATION,
    &environmental_monitoring::STATION,
    &material_transfer::STATION,
];

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(station::StationList(STATIONS));
    app.add_plugins(station::plugin);
    let mut build = app.world_mut().resource_mut::<crate::cleanroom::WorldBuild>();
    for station in STATIONS {
        build.add_step(crate::cleanroom::BuildStep::new(station.id, |kit| (station.build)(kit, station)));
    }
}

/// The station with this id.
pub fn find(id: &str) -> Option<&'static StationDef> {
    STATIONS.iter().copied().find(|station| station.id == id)
}

/// The viewpoint called `name`: one of the rooms' or one of a station's.
pub fn viewpoint(name: &str) -> Option<&'static crate::layout::Viewpoint> {
    crate::layout::viewpoint(name)
        .or_else(|| STATIONS.iter().flat_map(|station| station.viewpoints).find(|view| view.name == name))
}

/// Every viewpoint's name, rooms first.
pub fn viewpoint_names() -> Vec<&'static str> {
    let rooms = crate::layout::VIEWPOINTS.iter();
    rooms.chain(STATIONS.iter().flat_map(|station| station.viewpoints)).map(|view| view.name).collect()
}
