//! The electronic batch record terminal: one row per entry the level declares, titled as the
//! level titles it, so the trainee signs each entry, or enters its value, at the time of the
//! action (ALCOA+: contemporaneous, attributable). An entry that takes a value opens the keys
//! it needs on the same screen: digits for a number, its options for a choice, yes and no for
//! a switch, a keyboard for free text. The keys are buttons like any other, so the hand, the
//! mouse and a controller's ray type the same way.

use std::collections::BTreeSet;

use bevy::prelude::*;
use cleanroom_core::common::{Text, Value};
use cleanroom_core::level::{ControlKind, Object, ObjectKind};
use cleanroom_core::procedure::{Action, RunnerEvent};

use super::session::{ActiveProcedure, ProcedureReported, ProcedureStarted};
use crate::actions::TraineeActed;
use crate::cleanroom::equipment::RecordTerminal;
use crate::interaction::touchscreen::{ButtonPressed, Caption, ScreenButton, ScreenButtons};
use crate::layout::Zone;

/// How many entries the terminal lists at once, and while keys are open.
const VISIBLE_ROWS: usize = 7;
const ROWS_WITH_KEYS: usize = 2;
/// Rows on the terminal, in texture coordinates.
const FIRST_ROW: f32 = 0.16;
const ROW_HEIGHT: f32 = 0.1;
const ROW_GAP: f32 = 0.015;
const LEFT: f32 = 0.04;
const RIGHT: f32 = 0.96;
/// The keys, below the open entry.
const KEYS_TOP: f32 = 0.40;
const KEY_HEIGHT: f32 = 0.095;
const KEY_GAP: f32 = 0.012;
/// The longest value the terminal takes (a reason, a donor id).
const MAX_TYPED: usize = 40;

/// The keyboard for free text: digits, letters and the marks a reason or an id needs.
const TEXT_KEYS: [&str; 4] = ["1234567890", "QWERTYUIOP", "ASDFGHJKL-", "ZXCVBNM ./"];
const NUMBER_KEYS: &str = "1234567890.";

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SignedEntries>();
    app.init_resource::<Draft>();
    app.add_systems(Update, (start_over, type_keys, record_entries).chain().in_set(crate::AppSystems::Judge));
    app.add_systems(Update, reopen_refused_entries.in_set(crate::AppSystems::Present));
    // The rows change only when an entry is done, a key is pressed or a level starts.
    let changed = resource_changed::<Draft>
        .or_eager(resource_changed::<SignedEntries>)
        .or_eager(any_match_filter::<Added<RecordTerminal>>);
    app.add_systems(Update, lay_out_terminal.run_if(changed).in_set(crate::AppSystems::Present));
}

/// Entries signed, or whose value was entered, in this session.
#[derive(Resource, Debug, Default)]
pub struct SignedEntries(pub BTreeSet<String>);

/// The entry being filled in on the terminal and what has been typed into it.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct Draft {
    pub entry: Option<String>,
    pub typed: String,
}

/// What a button of the terminal does besides (or instead of) a semantic action.
#[derive(Component, Debug, Default, Clone, PartialEq)]
pub struct TerminalKeys(pub Vec<Key>);

#[derive(Debug, Clone, PartialEq)]
pub enum Key {
    /// A button whose action says it all (sign, enter the value).
    Action,
    /// Opens this entry's keys.
    Open(String),
    /// Types a character.
    Char(char),
    Delete,
    Cancel,
}

/// A level that starts (or starts again from its edited file) has nothing signed yet.
fn start_over(
    mut started: MessageReader<ProcedureStarted>,
    mut signed: ResMut<SignedEntries>,
    mut draft: ResMut<Draft>,
) {
    if started.read().count() > 0 {
        signed.0.clear();
        *draft = Draft::default();
    }
}

fn record_entries(
    mut actions: MessageReader<TraineeActed>,
    mut signed: ResMut<SignedEntries>,
    mut draft: ResMut<Draft>,
) {
    for TraineeActed(action) in actions.read() {
        if let Action::Sign { entry } | Action::Record { entry, .. } = action {
            signed.0.insert(entry.clone());
            if draft.entry.as_ref() == Some(entry) {
                *draft = Draft::default();
            }
        }
    }
}

/// An entry the second person would not verify is open again, to be signed once things are
/// put right.
fn reopen_refused_entries(mut reported: MessageReader<ProcedureReported>, mut signed: ResMut<SignedEntries>) {
    for ProcedureReported(event) in reported.read() {
        if let RunnerEvent::EntryVerified { entry, verified: false, .. } = event {
            signed.0.remove(entry);
        }
    }
}

/// Keys pressed on the terminal change the draft.
fn type_keys(
    mut pressed: MessageReader<ButtonPressed>,
    terminals: Query<(&ScreenButtons, &TerminalKeys), With<RecordTerminal>>,
    mut draft: ResMut<Draft>,
) {
    for press in pressed.read() {
        let Ok((buttons, keys)) = terminals.get(press.screen) else {
            continue;
        };
        let enabled = buttons.buttons.get(press.button).is_some_and(|button| button.enabled);
        match keys.0.get(press.button) {
            Some(Key::Open(entry)) if enabled => {
                *draft = Draft { entry: Some(entry.clone()), typed: String::new() };
            }
            Some(Key::Char(c)) if enabled && draft.typed.chars().count() < MAX_TYPED => draft.typed.push(*c),
            Some(Key::Delete) => {
                draft.typed.pop();
            }
            Some(Key::Cancel) => *draft = Draft::default(),
            _ => {}
        }
    }
}

/// The entries of the level being played that are made in `zone` (declared in it, or at a
/// station standing in it), in the order the level declares them.
fn level_entries(procedure: Option<&ActiveProcedure>, zone: Zone) -> Vec<&Object> {
    let Some(level) = procedure.map(|procedure| procedure.runner.level()) else {
        return Vec::new();
    };
    let zones = level.setup.zones.iter().filter(|z| z.id == zone.id()).flat_map(|zone| zone.objects.iter());
    let stations =
        level.setup.stations.iter().filter(|s| s.zone == zone.id()).flat_map(|station| station.objects.iter());
    zones.chain(stations).filter(|object| object.kind == ObjectKind::Entry).collect()
}

/// An entry's title for the terminal: the level's, or its id where the level gives none.
fn entry_title(entry: &Object) -> Text {
    entry.title.clone().unwrap_or_else(|| Text::new(entry.id.clone(), entry.id.clone()))
}

/// The value typed so far for an entry that takes `kind`, if it is one it takes.
fn typed_value(kind: &ControlKind, typed: &str) -> Option<Value> {
    match kind {
        ControlKind::Number { min, max, .. } => {
            let number: f64 = typed.parse().ok()?;
            (number.is_finite() && number >= *min && number <= *max).then_some(Value::Number(number))
        }
        ControlKind::Text => (!typed.trim().is_empty()).then(|| Value::Text(typed.trim().to_owned())),
        _ => None,
    }
}

/// A row of equal buttons across the screen at `top`.
fn key_row(top: f32, keys: Vec<(Caption, Option<Action>, Key, bool)>, out: &mut Vec<(ScreenButton, Key)>) {
    let count = keys.len().max(1) as f32;
    let width = (RIGHT - LEFT - KEY_GAP * (count - 1.0)) / count;
    for (index, (caption, action, key, enabled)) in keys.into_iter().enumerate() {
        let left = LEFT + index as f32 * (width + KEY_GAP);
        let button = ScreenButton {
            action,
            caption,
            min: Vec2::new(left, top),
            max: Vec2::new(left + width, top + KEY_HEIGHT),
            enabled,
            selected: false,
        };
        out.push((button, key));
    }
}

fn text_key(c: char) -> (Caption, Option<Action>, Key, bool) {
    let caption =
        if c == ' ' { Caption::Key("record-space") } else { Caption::Text(Text::new(c.to_string(), c.to_string())) };
    (caption, None, Key::Char(c), true)
}

/// The keys for `entry`, which takes `kind`: below its row, ending with what enters the value.
fn keys_for(entry: &str, kind: &ControlKind, draft: &Draft, out: &mut Vec<(ScreenButton, Key)>) {
    let record = |value: Value| Some(Action::Record { entry: entry.to_owned(), value });
    let mut top = KEYS_TOP;
    let mut next_row = |keys: Vec<(Caption, Option<Action>, Key, bool)>, out: &mut Vec<(ScreenButton, Key)>| {
        key_row(top, keys, out);
        top += KEY_HEIGHT + KEY_GAP;
    };
    let cancel = (Caption::Key("record-cancel"), None, Key::Cancel, true);
    match kind {
        ControlKind::Choice(options) => {
            for chunk in options.chunks(3) {
                let row = chunk
                    .iter()
                    .map(|option| {
                        let caption = Caption::Text(Text::new(option.clone(), option.clone()));
                        (caption, record(Value::Choice(option.clone())), Key::Action, true)
                    })
                    .collect();
                next_row(row, out);
            }
            next_row(vec![cancel], out);
        }
        ControlKind::Switch | ControlKind::Button => {
            let yes = (Caption::Key("record-yes"), record(Value::Flag(true)), Key::Action, true);
            let no = (Caption::Key("record-no"), record(Value::Flag(false)), Key::Action, true);
            next_row(vec![yes, no], out);
            next_row(vec![cancel], out);
        }
        ControlKind::Number { .. } | ControlKind::Text => {
            let rows: Vec<&str> =
                if matches!(kind, ControlKind::Text) { TEXT_KEYS.to_vec() } else { vec![NUMBER_KEYS] };
            for row in rows {
                next_row(row.chars().map(text_key).collect(), out);
            }
            let value = typed_value(kind, &draft.typed);
            let enter = (Caption::Key("record-enter"), value.clone().and_then(record), Key::Action, value.is_some());
            let delete = (Caption::Key("record-delete"), None, Key::Delete, !draft.typed.is_empty());
            next_row(vec![delete, cancel, enter], out);
        }
    }
}

fn lay_out_terminal(
    procedure: Option<Res<ActiveProcedure>>,
    signed: Res<SignedEntries>,
    draft: Res<Draft>,
    mut commands: Commands,
    mut terminals: Query<(Entity, &RecordTerminal, &mut ScreenButtons, Option<&TerminalKeys>)>,
) {
    for (terminal, place, mut screen, current) in &mut terminals {
        let (buttons, keys) = terminal_rows(procedure.as_deref(), place.zone, &signed, &draft);
        if screen.buttons != buttons {
            screen.buttons = buttons;
        }
        if current.is_none_or(|current| current.0 != keys) {
            commands.entity(terminal).insert(TerminalKeys(keys));
        }
    }
}

/// The buttons of the terminal in `zone` and what each does.
fn terminal_rows(
    procedure: Option<&ActiveProcedure>,
    zone: Zone,
    signed: &SignedEntries,
    draft: &Draft,
) -> (Vec<ScreenButton>, Vec<Key>) {
    let entries = level_entries(procedure, zone);
    // The panel has room for a few rows: it lists the entries still to do, in the level's
    // order (done ones leave the list, as a paper record's completed pages are turned). An
    // open entry keeps its row in view, with its keys below.
    // An entry signed before the step that asks for it counted for nothing: it stays, to be
    // signed when its turn comes.
    let done = |entry: &Object| {
        signed.0.contains(&entry.id) && procedure.is_none_or(|p| p.runner.steps_naming_done(&entry.id))
    };
    let pending: Vec<&Object> = entries.iter().copied().filter(|entry| !done(entry)).collect();
    let open = draft.entry.as_ref().and_then(|id| pending.iter().find(|entry| entry.id == *id));
    let open_kind = open.and_then(|entry| entry.records.as_ref());
    let rows = if open_kind.is_some() { ROWS_WITH_KEYS } else { VISIBLE_ROWS };
    let first = open.and_then(|open| pending.iter().position(|entry| entry.id == open.id)).unwrap_or(0);
    let first = first.saturating_sub(rows - 1).min(pending.len().saturating_sub(rows));
    let mut laid: Vec<(ScreenButton, Key)> = Vec::new();
    for (index, entry) in pending.iter().skip(first).take(rows).enumerate() {
        let top = FIRST_ROW + index as f32 * (ROW_HEIGHT + ROW_GAP);
        let is_open = open.is_some_and(|open| open.id == entry.id);
        let (action, caption, key) = match &entry.records {
            None => (Some(Action::Sign { entry: entry.id.clone() }), Caption::Entry(entry_title(entry)), Key::Action),
            Some(kind) => {
                let unit = match kind {
                    ControlKind::Number { unit, .. } if is_open && !draft.typed.is_empty() => format!(" {unit}"),
                    _ => String::new(),
                };
                let shown = if is_open { format!("{}{unit}", draft.typed) } else { String::new() };
                (None, Caption::Field { title: entry_title(entry), shown }, Key::Open(entry.id.clone()))
            }
        };
        let button = ScreenButton {
            action,
            caption,
            min: Vec2::new(LEFT, top),
            max: Vec2::new(RIGHT, top + ROW_HEIGHT),
            enabled: true,
            selected: is_open,
        };
        laid.push((button, key));
    }
    if let (Some(entry), Some(kind)) = (open, open_kind) {
        keys_for(&entry.id, kind, draft, &mut laid);
    }
    laid.into_iter().unzip()
}
