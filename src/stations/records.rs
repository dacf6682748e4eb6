//! The electronic batch record terminal: one Sign button per entry the level declares, so the
//! trainee signs each entry at the time of the action (ALCOA+: contemporaneous, attributable).

use std::collections::BTreeSet;

use bevy::prelude::*;
use cleanroom_core::procedure::Action;
use cleanroom_core::procedure::model::ObjectKind;

use super::{Caption, ScreenButton, ScreenButtons};
use crate::cleanroom::equipment::RecordTerminal;
use crate::procedure::{ActiveProcedure, LevelAsset, TraineeAction};
use crate::screens::Screen;

/// How many entries the terminal lists at once.
const VISIBLE_ROWS: usize = 7;
/// Button rows on the terminal, in texture coordinates.
const FIRST_ROW: f32 = 0.16;
const ROW_HEIGHT: f32 = 0.1;
const ROW_GAP: f32 = 0.015;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SignedEntries>();
    app.add_systems(OnEnter(Screen::Session), |mut signed: ResMut<SignedEntries>| signed.0.clear());
    app.add_systems(Update, (record_signatures, lay_out_terminal).chain().in_set(super::StationSystems::Operate));
}

/// Entries signed in this session.
#[derive(Resource, Debug, Default)]
pub struct SignedEntries(pub BTreeSet<String>);

fn record_signatures(mut actions: MessageReader<TraineeAction>, mut signed: ResMut<SignedEntries>) {
    for TraineeAction(action) in actions.read() {
        if let Action::Sign { entry } = action {
            signed.0.insert(entry.clone());
        }
    }
}

/// The entries of the level being played, in the order the level declares them.
fn level_entries(procedure: Option<&ActiveProcedure>, levels: &Assets<LevelAsset>) -> Vec<String> {
    let Some(level) = procedure.and_then(|procedure| levels.get(&procedure.handle)).map(|asset| &asset.level) else {
        return Vec::new();
    };
    let zones = level.setup.zones.iter().flat_map(|zone| zone.objects.iter());
    let stations = level.setup.stations.iter().flat_map(|station| station.objects.iter());
    zones.chain(stations).filter(|object| object.kind == ObjectKind::Entry).map(|object| object.id.clone()).collect()
}

fn lay_out_terminal(
    procedure: Option<Res<ActiveProcedure>>,
    levels: Res<Assets<LevelAsset>>,
    signed: Res<SignedEntries>,
    mut terminals: Query<&mut ScreenButtons, With<RecordTerminal>>,
) {
    let entries = level_entries(procedure.as_deref(), &levels);
    // The panel has room for a few rows: it lists the entries still to sign, in the level's
    // order (signed ones leave the list, as a paper record's completed pages are turned).
    let pending = entries.iter().filter(|entry| !signed.0.contains(*entry)).take(VISIBLE_ROWS);
    for mut screen in &mut terminals {
        let buttons: Vec<ScreenButton> = pending
            .clone()
            .enumerate()
            .map(|(index, entry)| {
                let top = FIRST_ROW + index as f32 * (ROW_HEIGHT + ROW_GAP);
                ScreenButton {
                    action: Action::Sign { entry: entry.clone() },
                    caption: Caption::Entry(entry.clone()),
                    min: Vec2::new(0.04, top),
                    max: Vec2::new(0.96, top + ROW_HEIGHT),
                    enabled: !signed.0.contains(entry),
                    selected: signed.0.contains(entry),
                }
            })
            .collect();
        if screen.buttons != buttons {
            screen.buttons = buttons;
        }
    }
}
