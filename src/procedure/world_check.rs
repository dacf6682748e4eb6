//! Whether the 3D cleanroom can play a level: every object and control its setup names must be
//! something in the world answers to, or the menu would offer a level the trainee could not
//! finish.

use std::collections::BTreeSet;

use bevy::prelude::*;
use cleanroom_core::level::ObjectKind;
use cleanroom_core::procedure::Level;

use super::levels::{LevelAsset, LevelCatalog};
use crate::actions::LevelId;
use crate::cleanroom::WorldBuild;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, mark_levels_the_world_cannot_play);
}

/// Every object and control id a level's setup names that the world must provide (batch
/// record entries are always available on the record terminal).
pub fn world_ids_needed(level: &Level) -> Vec<String> {
    let zones = level.setup.zones.iter().map(|zone| (&zone.objects, &zone.controls));
    let stations = level.setup.stations.iter().map(|station| (&station.objects, &station.controls));
    let mut ids: Vec<String> = zones
        .chain(stations)
        .flat_map(|(objects, controls)| {
            let objects = objects.iter().filter(|object| object.kind != ObjectKind::Entry).map(|object| &object.id);
            objects.chain(controls.iter().map(|control| &control.id)).cloned()
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Every id the world answers to: its objects' level ids, the stations, and the controls of
/// each station's touchscreen.
pub fn world_ids(objects: impl IntoIterator<Item = String>) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = objects.into_iter().collect();
    for station in crate::stations::STATIONS {
        ids.insert(station.id.to_owned());
        if let Some(spec) = station.model {
            ids.extend(spec.controls.iter().map(|control| (*control).to_owned()));
        }
    }
    ids
}

/// Checks every loaded level against what the cleanroom actually contains, once it is built and
/// again whenever a level file is edited.
fn mark_levels_the_world_cannot_play(
    build: Res<WorldBuild>,
    mut catalog: ResMut<LevelCatalog>,
    levels: Res<Assets<LevelAsset>>,
    mut edits: MessageReader<AssetEvent<LevelAsset>>,
    objects: Query<&LevelId>,
    mut checked: Local<Vec<String>>,
) {
    // An edited level is checked again.
    for event in edits.read() {
        if let AssetEvent::Modified { id } = event {
            let file = catalog.entries.iter().find(|entry| entry.handle.as_ref().is_some_and(|h| h.id() == *id));
            if let Some(entry) = file {
                let file = entry.file.clone();
                checked.retain(|seen| *seen != file);
            }
        }
    }
    if !build.is_done() || catalog.entries.iter().all(|entry| entry.handle.is_none() || checked.contains(&entry.file)) {
        return;
    }
    let present = world_ids(objects.iter().map(|id| id.0.clone()));
    for entry in &mut catalog.entries {
        if checked.contains(&entry.file) {
            continue;
        }
        let Some(asset) = entry.handle.as_ref().and_then(|handle| levels.get(handle)) else {
            continue;
        };
        entry.missing_in_world =
            world_ids_needed(&asset.level).into_iter().filter(|id| !present.contains(id)).collect();
        if !entry.missing_in_world.is_empty() {
            warn!(
                "level {} is not playable in the cleanroom yet: it needs {}",
                entry.id,
                entry.missing_in_world.join(", ")
            );
        }
        checked.push(entry.file.clone());
    }
}
