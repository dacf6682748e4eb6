//! What every station in the game shares: its definition (where it stands, how it is built, its
//! model in the core), the live model of this session, and the bridge between them and the
//! world. Actions reach the models; the models' answers reach the trainee and the procedure;
//! lines, clamps, knobs and screens are drawn from the models. Nothing here names a station.

use std::collections::BTreeMap;

use bevy::prelude::*;
use cleanroom_core::common::{Text, Value};
use cleanroom_core::procedure::Action;
use cleanroom_core::stations::batch_record::EntryKind;
use cleanroom_core::stations::screen::{ScreenControl, ScreenView};
use cleanroom_core::stations::{Outcome, Product, StationModel, StationSpec};

use crate::actions::{ActionReplayed, LevelId, SignedInTrainee, TraineeActed, TraineeNotified};
use crate::cleanroom::kit::Kit;
use crate::interaction::Dial;
use crate::interaction::items::{Clamp, TubeEnd};
use crate::interaction::touchscreen::{Caption, ScreenButton, ScreenButtons};
use crate::layout::Viewpoint;
use crate::screens::Screen;

/// Who the batch records attribute the trainee's entries to when nobody is signed in (a
/// capture, a demonstration, a test): otherwise they name the signed-in trainee by their id.
pub const TRAINEE_OPERATOR: &str = "trainee";

/// Button rows on a station's screen, in texture coordinates: the right half, under the title
/// (and under the page tabs, on a screen with pages).
const COLUMN_LEFT: f32 = 0.5;
const COLUMN_RIGHT: f32 = 0.985;
const FIRST_ROW: f32 = 0.11;
const ROW_HEIGHT: f32 = 0.07;
const ROW_GAP: f32 = 0.012;
const BUTTON_GAP: f32 = 0.01;
/// The page tabs: one row across the screen under the title.
const TABS_TOP: f32 = 0.105;
const TABS_HEIGHT: f32 = 0.065;
const TABS_LEFT: f32 = 0.015;
/// Where the content and the buttons start on a screen with tabs.
pub const BELOW_TABS: f32 = 0.19;

/// Real seconds a prerequisite's replayed actions are given to settle: long enough for an
/// automated process the expert started (a prime) to finish, as it had when that level ended.
const REPLAY_SETTLE_SECONDS: f64 = 600.0;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<StationReported>();
    app.add_message::<StationRecorded>();
    app.add_message::<EventInjected>();
    app.add_message::<StationsConfigured>();
    app.init_resource::<Stations>();
    app.init_resource::<super::room::RoomNow>();
    app.init_resource::<super::room::LastPositions>();
    app.add_systems(Update, super::room::watch_room.in_set(crate::AppSystems::Translate));
    app.add_systems(OnEnter(Screen::Session), start_models.in_set(crate::SessionSystems::Reset));
    app.add_systems(Update, operate.in_set(crate::AppSystems::Operate));
    app.add_systems(Update, draw_from_models.in_set(crate::AppSystems::Present));
}

/// One station: what the game needs to build it, place it and run it.
#[derive(Debug)]
pub struct StationDef {
    /// The id levels and the world name it by.
    pub id: &'static str,
    /// Where it stands: its footprint's centre on the floor.
    pub position: Vec3,
    /// Builds it in the world (one step of the world build).
    pub build: fn(&mut Kit, &'static StationDef),
    /// Its named viewpoints, for captures.
    pub viewpoints: &'static [Viewpoint],
    /// Its model in the core, once it has one.
    pub model: Option<&'static StationSpec>,
    /// What its screen says while it has no model (translation keys).
    pub idle_screen: (&'static str, &'static str),
    /// A level whose expert path sets this station up, shown when exploring freely.
    pub set_up_by: Option<&'static str>,
}

/// Every station of the game, in the order they stand (set by the station list).
#[derive(Resource, Debug, Clone, Copy)]
pub struct StationList(pub &'static [&'static StationDef]);

/// Marks a station's touchscreen.
#[derive(Component, Debug, Clone, Copy)]
pub struct StationScreen {
    pub station: &'static StationDef,
}

/// What a station's screen shows now, drawn from its model.
#[derive(Component, Debug, Clone, Default)]
pub struct ScreenContent {
    pub view: ScreenView,
    /// The station's latest message to the trainee (a refusal, a deviation).
    pub message: Option<Text>,
}

/// The stations' live models in this session.
#[derive(Resource, Debug, Default)]
pub struct Stations {
    pub units: Vec<StationUnit>,
}

impl Stations {
    /// The unit of the station with this id.
    pub fn unit(&self, id: &str) -> Option<&StationUnit> {
        self.units.iter().find(|unit| unit.id == id)
    }

    pub fn unit_mut(&mut self, id: &str) -> Option<&mut StationUnit> {
        self.units.iter_mut().find(|unit| unit.id == id)
    }
}

/// One station's model and what the world must still draw of it.
#[derive(Debug)]
pub struct StationUnit {
    pub id: &'static str,
    pub model: Box<dyn StationModel>,
    /// The latest refusal or deviation, for the screen's message line.
    pub message: Option<Text>,
    /// The model changed since the world last drew it.
    dirty: bool,
    /// What the procedure last heard of each observation: only changes are reported.
    reported: BTreeMap<&'static str, Value>,
}

impl StationUnit {
    fn new(id: &'static str, spec: &StationSpec, operator: &str) -> Self {
        Self { id, model: (spec.new)(operator), message: None, dirty: true, reported: BTreeMap::new() }
    }

    /// Takes what one action or event did: the trainee hears of refusals, the screen shows the
    /// latest refusal or deviation.
    fn take(&mut self, outcome: Outcome, out: &mut Told) {
        if !outcome.handled {
            return;
        }
        let Told { notices, recorded } = out;
        self.dirty = true;
        for refusal in outcome.refusals {
            info!("station {}: refused ({}): {}", self.id, refusal.code, refusal.reason.en);
            notices.write(TraineeNotified { key: "station-refused" });
            self.message = Some(refusal.reason);
        }
        for note in outcome.notes {
            if matches!(note.kind, EntryKind::Deviation | EntryKind::Contamination) {
                self.message = Some(note.text.clone());
            }
            recorded.write(StationRecorded { station: self.id, entry: note });
        }
    }
}

/// A station reported a value to the procedure (the bioreactor's phase, a flow rate).
#[derive(Message, Debug, Clone)]
pub struct StationReported {
    pub station: String,
    pub key: String,
    pub value: Value,
}

/// A station made an entry in its batch record (a correction among them), for the records.
#[derive(Message, Debug, Clone)]
pub struct StationRecorded {
    pub station: &'static str,
    pub entry: cleanroom_core::stations::batch_record::RecordEntry,
}

/// Where a station's answers go: the trainee's notices and the records.
#[derive(bevy::ecs::system::SystemParam)]
struct Told<'w> {
    notices: MessageWriter<'w, TraineeNotified>,
    recorded: MessageWriter<'w, StationRecorded>,
}

/// A level started: each station named here starts its model afresh with the level's settings
/// for it (by station id); the others keep theirs.
#[derive(Message, Debug, Clone, Default)]
pub struct StationsConfigured(pub Vec<(String, BTreeMap<String, Value>)>);

/// A level's injected event happened (a pressure alarm); the stations that know it react.
#[derive(Message, Debug, Clone)]
pub struct EventInjected {
    pub event: String,
}

/// Every session starts with fresh models of the stations. A demonstration plays a level's
/// expert path, observations included: no live models then, or their fresh state would
/// contradict the path.
fn start_models(
    mut stations: ResMut<Stations>,
    list: Res<StationList>,
    options: Res<crate::LaunchOptions>,
    signed_in: Option<Res<SignedInTrainee>>,
) {
    let operator = signed_in
        .as_ref()
        .and_then(|signed_in| signed_in.trainee.as_ref())
        .map_or(TRAINEE_OPERATOR, |trainee| trainee.id.as_str());
    stations.units = if options.autoplay.is_some() {
        Vec::new()
    } else {
        list.0
            .iter()
            .filter_map(|station| station.model.map(|spec| StationUnit::new(station.id, spec, operator)))
            .collect()
    };
}

/// Hands the level's settings, the trainee's actions, the replayed expert actions, the
/// injected events and the time passing to every station's model, and reports what changed in
/// the models' state to the procedure.
fn operate(
    mut stations: ResMut<Stations>,
    time: Res<Time>,
    mut configured: MessageReader<StationsConfigured>,
    mut acted: MessageReader<TraineeActed>,
    mut replayed: MessageReader<ActionReplayed>,
    mut injected: MessageReader<EventInjected>,
    mut reported: MessageWriter<StationReported>,
    mut told: Told,
    room: Res<super::room::RoomNow>,
) {
    for StationsConfigured(settings) in configured.read() {
        for unit in &mut stations.units {
            let Some((_, values)) = settings.iter().find(|(id, _)| id == unit.id) else {
                continue;
            };
            unit.model.configure(values);
            unit.message = None;
            unit.dirty = true;
            // The procedure starts over too: it hears every value afresh.
            unit.reported.clear();
        }
    }
    let replayed: Vec<&ActionReplayed> = replayed.read().collect();
    let injected: Vec<&str> = injected.read().map(|event| event.event.as_str()).collect();
    let acted: Vec<&Action> = acted.read().map(|TraineeActed(action)| action).collect();
    for action in &acted {
        info!("trainee: {action:?}");
    }
    // Products are asked for only in a frame that places something.
    let placing =
        acted.iter().copied().chain(replayed.iter().map(|r| &r.action)).any(|a| matches!(a, Action::Place { .. }));
    for index in 0..stations.units.len() {
        // What the other stations could hand to this one, as they stand now (a station before
        // it in this frame may just have made it): a product placed here is received.
        let offers: Vec<Product> = if placing {
            stations
                .units
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != index)
                .flat_map(|(_, unit)| unit.model.products())
                .collect()
        } else {
            Vec::new()
        };
        let unit = &mut stations.units[index];
        let offer = |unit: &mut StationUnit, action: &Action| {
            if let Action::Place { item, .. } = action
                && let Some(product) = offers.iter().find(|product| product.item == *item)
            {
                unit.model.receive(product);
            }
        };
        // A prerequisite's expert actions bring the station to where that level left it, with
        // the time the expert took between them.
        let mut settled = false;
        for ActionReplayed { action, after_s } in &replayed {
            if *after_s > 0.0 {
                unit.dirty |= unit.model.tick(*after_s).handled;
            }
            offer(unit, action);
            let outcome = unit.model.act(action);
            unit.dirty |= outcome.handled;
            settled |= outcome.handled;
        }
        if settled {
            unit.model.tick(REPLAY_SETTLE_SECONDS);
        }
        for event in &injected {
            let outcome = unit.model.inject(event);
            unit.take(outcome, &mut told);
        }
        for action in &acted {
            offer(unit, action);
            let outcome = unit.model.act(action);
            unit.take(outcome, &mut told);
        }
        // A model that time moved says so (handled): only then is there anything to report.
        unit.model.observe_room(&room.0);
        let outcome = unit.model.tick(time.delta_secs_f64());
        unit.take(outcome, &mut told);
        if !unit.dirty {
            continue;
        }
        for (key, value) in unit.model.observations() {
            if unit.reported.get(key) != Some(&value) {
                unit.reported.insert(key, value.clone());
                reported.write(StationReported { station: unit.id.into(), key: key.into(), value });
            }
        }
    }
}

/// A part of a station the world draws in one of two poses, as the model says (a door open or
/// shut, a line in its pump or out of it): `part` is the model's id for it.
#[derive(Component, Debug, Clone, Copy)]
pub struct ModelPart {
    pub part: &'static str,
    /// Its pose (local transform) when the model says the part is on (open, seated), and off.
    pub on: Transform,
    pub off: Transform,
}

/// A vessel of a station the world draws between empty and full, as the model says (a bag
/// filling): `vessel` is the model's id for it; its pose goes from `empty` to `full`.
#[derive(Component, Debug, Clone, Copy)]
pub struct ModelLevel {
    pub vessel: &'static str,
    pub empty: Transform,
    pub full: Transform,
}

impl ModelLevel {
    /// The pose at `level` (0 empty, 1 full).
    fn pose(&self, level: f32) -> Transform {
        let level = level.clamp(0.0, 1.0);
        Transform {
            translation: self.empty.translation.lerp(self.full.translation, level),
            rotation: self.empty.rotation.slerp(self.full.rotation, level),
            scale: self.empty.scale.lerp(self.full.scale, level),
        }
    }
}

/// A printed text beside a station whose words the model writes (a donor's work-up sheet,
/// what the donor says): `text` is the model's id for it; drawn in the trainee's language.
#[derive(Component, Debug, Clone)]
pub struct ModelText {
    pub text: &'static str,
    /// The texture's size in pixels, its colours (background, ink) and the text's cap height
    /// in pixels.
    pub pixels: UVec2,
    pub colours: ([u8; 4], [u8; 4]),
    pub line_px: f32,
    /// What it shows now, and in which language.
    pub shown: Option<(Text, crate::i18n::Language)>,
}

/// A panel whose text the station's model writes.
#[allow(clippy::too_many_arguments)]
pub fn model_text(
    kit: &mut Kit,
    name: &str,
    id: &'static str,
    centre: Vec3,
    size: Vec2,
    facing: Vec3,
    colours: ([u8; 4], [u8; 4]),
    line_px: f32,
) -> Entity {
    const PIXELS_PER_METRE: f32 = 2000.0;
    let pixels = UVec2::new((size.x * PIXELS_PER_METRE) as u32, (size.y * PIXELS_PER_METRE) as u32);
    let spec = crate::cleanroom::signs::SignSpec {
        width_px: pixels.x,
        height_px: pixels.y,
        background: colours.0,
        stripe: None,
        lines: vec![crate::cleanroom::signs::SignLine { text: String::new(), size_px: line_px, colour: colours.1 }],
    };
    let entity = kit.panel(name, &spec, size.x, size.y, centre, facing, false);
    kit.world
        .entity_mut(entity)
        .insert((LevelId::new(id), ModelText { text: id, pixels, colours, line_px, shown: None }));
    entity
}

/// Draws what changed in the models: lines joined to what the model says, clamps open or shut
/// as it says, knobs at the value in force, parts in their pose, vessels as full as they are,
/// texts, and each screen's content and buttons.
#[allow(clippy::too_many_arguments)]
fn draw_from_models(
    mut stations: ResMut<Stations>,
    mut ends: Query<(&LevelId, &mut TubeEnd)>,
    mut clamps: Query<(&LevelId, &mut Clamp)>,
    mut dials: Query<(&LevelId, &mut Dial)>,
    mut parts: Query<(&ModelPart, &mut Transform), Without<ModelLevel>>,
    mut vessels: Query<(&ModelLevel, &mut Transform), Without<ModelPart>>,
    mut texts: Query<(&mut ModelText, &MeshMaterial3d<StandardMaterial>)>,
    mut screens: Query<(&StationScreen, &mut ScreenButtons, Option<&mut ScreenContent>, Entity)>,
    language: Res<crate::i18n::Language>,
    mut images: ResMut<Assets<Image>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    mut commands: Commands,
) {
    for unit in &mut stations.units {
        if !unit.dirty && !language.is_changed() {
            continue;
        }
        unit.dirty = false;
        for (id, on) in unit.model.parts() {
            for (part, mut transform) in &mut parts {
                let pose = if on { part.on } else { part.off };
                if part.part == id && *transform != pose {
                    *transform = pose;
                }
            }
        }
        for (id, level) in unit.model.levels() {
            for (vessel, mut transform) in &mut vessels {
                let pose = vessel.pose(level as f32);
                if vessel.vessel == id && *transform != pose {
                    *transform = pose;
                }
            }
        }
        for (id, words) in unit.model.texts() {
            for (mut text, material) in &mut texts {
                let now = Some((words.clone(), *language));
                if text.text != id || text.shown == now {
                    continue;
                }
                let spec = crate::cleanroom::signs::SignSpec {
                    width_px: text.pixels.x,
                    height_px: text.pixels.y,
                    background: text.colours.0,
                    stripe: None,
                    lines: words
                        .get(language.code())
                        .lines()
                        .map(|line| crate::cleanroom::signs::SignLine {
                            text: line.to_owned(),
                            size_px: text.line_px,
                            colour: text.colours.1,
                        })
                        .collect(),
                };
                if let Some(image) = crate::cleanroom::kit::sign_image(id, &spec)
                    && let Some(mut material) = materials.get_mut(&material.0)
                {
                    material.base_color_texture = Some(images.add(image));
                }
                text.shown = now;
            }
        }
        for line in unit.model.lines() {
            for (id, mut end) in &mut ends {
                if id.0 == line.id && end.joined_to != line.joined_to {
                    end.joined_to = line.joined_to.clone();
                }
            }
            if let Some((clamp_id, open)) = &line.clamp {
                for (id, mut clamp) in &mut clamps {
                    if id.0 == *clamp_id && clamp.open != *open {
                        clamp.open = *open;
                    }
                }
            }
        }
        for (control, value) in unit.model.settings() {
            for (id, mut dial) in &mut dials {
                if id.0 == control && dial.value != value as f32 {
                    dial.value = value as f32;
                }
            }
        }
        let view = unit.model.screen();
        for (screen, mut buttons, content, entity) in &mut screens {
            if screen.station.id != unit.id {
                continue;
            }
            let laid_out = lay_out_buttons(&view.tabs, &view.buttons);
            if buttons.buttons != laid_out {
                buttons.buttons = laid_out;
            }
            let content_now = ScreenContent { view: view.clone(), message: unit.message.clone() };
            match content {
                Some(mut content) => *content = content_now,
                None => {
                    commands.entity(entity).insert(content_now);
                }
            }
        }
    }
}

/// Places the page tabs across the top of a screen and the rows of buttons down its right
/// half, the buttons of a row sharing its width.
fn lay_out_buttons(tabs: &[ScreenControl], rows: &[Vec<ScreenControl>]) -> Vec<ScreenButton> {
    let mut buttons = Vec::new();
    lay_out_row(tabs, (TABS_LEFT, 1.0 - TABS_LEFT), (TABS_TOP, TABS_HEIGHT), &mut buttons);
    let mut top = if tabs.is_empty() { FIRST_ROW } else { BELOW_TABS };
    for row in rows {
        lay_out_row(row, (COLUMN_LEFT, COLUMN_RIGHT), (top, ROW_HEIGHT), &mut buttons);
        top += ROW_HEIGHT + ROW_GAP;
    }
    buttons
}

/// One row of buttons sharing the width from `left` to `right`, at `top`, `height` tall.
fn lay_out_row(
    row: &[ScreenControl],
    (left, right): (f32, f32),
    (top, height): (f32, f32),
    buttons: &mut Vec<ScreenButton>,
) {
    let count = row.len().max(1) as f32;
    let width = (right - left - BUTTON_GAP * (count - 1.0)) / count;
    for (index, control) in row.iter().enumerate() {
        let start = left + index as f32 * (width + BUTTON_GAP);
        buttons.push(ScreenButton {
            action: Some(control.action.clone()),
            caption: Caption::Text(control.caption.clone()),
            min: Vec2::new(start, top),
            max: Vec2::new(start + width, top + height),
            enabled: control.enabled,
            selected: control.selected,
        });
    }
}
