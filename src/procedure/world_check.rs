//! Whether the 3D cleanroom can play a level: every object and control its setup names must be
//! something in the world answers to, or the menu would offer a level the trainee could not
//! finish.

use std::collections::BTreeSet;

use bevy::prelude::*;
use cleanroom_core::procedure::WorldIds;

use super::levels::{LevelAsset, LevelCatalog, LevelOrigin};
use crate::actions::LevelId;
use crate::cleanroom::WorldBuild;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, mark_levels_the_world_cannot_play);
}

/// Every id the world answers to: its objects' level ids, the stations, and the controls of
/// each station's touchscreen. `cleanroom world-ids` writes the same list to a file the
/// checker reads.
pub fn world_ids(objects: impl IntoIterator<Item = String>) -> WorldIds {
    let mut ids: BTreeSet<String> = objects.into_iter().collect();
    for station in crate::stations::STATIONS {
        ids.insert(station.id.to_owned());
        if let Some(spec) = station.model {
            ids.extend(spec.controls.iter().map(|control| (*control).to_owned()));
        }
    }
    WorldIds { ids }
}

/// Checks every loaded level against what the cleanroom actually contains, once it is built and
/// again whenever a level file is edited.
fn mark_levels_the_world_cannot_play(
    build: Res<WorldBuild>,
    mut catalog: ResMut<LevelCatalog>,
    levels: Res<Assets<LevelAsset>>,
    mut edits: MessageReader<AssetEvent<LevelAsset>>,
    objects: Query<&LevelId>,
    mut checked: Local<Vec<(LevelOrigin, String)>>,
) {
    // An edited level is checked again.
    for event in edits.read() {
        if let AssetEvent::Modified { id } = event
            && let Some(entry) = catalog.entry_of(*id)
        {
            let key = (entry.origin, entry.file.clone());
            checked.retain(|seen| *seen != key);
        }
    }
    let key = |entry: &super::levels::LevelEntry| (entry.origin, entry.file.clone());
    if !build.is_done() || catalog.entries.iter().all(|entry| entry.handle.is_none() || checked.contains(&key(entry))) {
        return;
    }
    let present = world_ids(objects.iter().map(|id| id.0.clone()));
    for entry in &mut catalog.entries {
        if checked.contains(&key(entry)) {
            continue;
        }
        let Some(asset) = entry.handle.as_ref().and_then(|handle| levels.get(handle)) else {
            continue;
        };
        let mut missing: Vec<String> = present.missing(&asset.level).into_iter().map(|(_, id)| id).collect();
        missing.sort();
        missing.dedup();
        entry.missing_in_world = missing;
        if !entry.missing_in_world.is_empty() {
            warn!(
                "level {} is not playable in the cleanroom yet: it needs {}",
                entry.id,
                entry.missing_in_world.join(", ")
            );
        }
        checked.push(key(entry));
    }
}
