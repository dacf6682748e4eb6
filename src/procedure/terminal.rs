//! The electronic batch record terminal: one Sign button per entry the level declares, titled
//! as the level titles it, so the trainee signs each entry at the time of the action (ALCOA+:
//! contemporaneous, attributable).

use std::collections::BTreeSet;

use bevy::prelude::*;
use cleanroom_core::common::Text;
use cleanroom_core::level::{Object, ObjectKind};
use cleanroom_core::procedure::Action;

use super::levels::LevelAsset;
use super::session::ActiveProcedure;
use crate::actions::TraineeActed;
use crate::cleanroom::equipment::RecordTerminal;
use crate::interaction::touchscreen::{Caption, ScreenButton, ScreenButtons};
use crate::screens::Screen;

/// How many entries the terminal lists at once.
const VISIBLE_ROWS: usize = 7;
/// Button rows on the terminal, in texture coordinates.
const FIRST_ROW: f32 = 0.16;
const ROW_HEIGHT: f32 = 0.1;
const ROW_GAP: f32 = 0.015;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SignedEntries>();
    app.add_systems(
        OnEnter(Screen::Session),
        (|mut signed: ResMut<SignedEntries>| signed.0.clear()).in_set(crate::SessionSystems::Reset),
    );
    app.add_systems(Update, record_signatures.in_set(crate::AppSystems::Judge));
    app.add_systems(Update, lay_out_terminal.in_set(crate::AppSystems::Present));
}

/// Entries signed in this session.
#[derive(Resource, Debug, Default)]
pub struct SignedEntries(pub BTreeSet<String>);

fn record_signatures(mut actions: MessageReader<TraineeActed>, mut signed: ResMut<SignedEntries>) {
    for TraineeActed(action) in actions.read() {
        if let Action::Sign { entry } = action {
            signed.0.insert(entry.clone());
        }
    }
}

/// The entries of the level being played, in the order the level declares them.
fn level_entries<'a>(procedure: Option<&ActiveProcedure>, levels: &'a Assets<LevelAsset>) -> Vec<&'a Object> {
    let Some(level) = procedure.and_then(|procedure| levels.get(&procedure.handle)).map(|asset| &asset.level) else {
        return Vec::new();
    };
    let zones = level.setup.zones.iter().flat_map(|zone| zone.objects.iter());
    let stations = level.setup.stations.iter().flat_map(|station| station.objects.iter());
    zones.chain(stations).filter(|object| object.kind == ObjectKind::Entry).collect()
}

/// An entry's title for the terminal: the level's, or its id where the level gives none.
fn entry_title(entry: &Object) -> Text {
    entry.title.clone().unwrap_or_else(|| Text::new(entry.id.clone(), entry.id.clone()))
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
    let pending = entries.iter().filter(|entry| !signed.0.contains(&entry.id)).take(VISIBLE_ROWS);
    for mut screen in &mut terminals {
        let buttons: Vec<ScreenButton> = pending
            .clone()
            .enumerate()
            .map(|(index, entry)| {
                let top = FIRST_ROW + index as f32 * (ROW_HEIGHT + ROW_GAP);
                ScreenButton {
                    action: Action::Sign { entry: entry.id.clone() },
                    caption: Caption::Entry(entry_title(entry)),
                    min: Vec2::new(0.04, top),
                    max: Vec2::new(0.96, top + ROW_HEIGHT),
                    enabled: !signed.0.contains(&entry.id),
                    selected: signed.0.contains(&entry.id),
                }
            })
            .collect();
        if screen.buttons != buttons {
            screen.buttons = buttons;
        }
    }
}
