//! The stations in the game: their touchscreens (buttons laid out on the panel, pressed by the
//! hand's ray from the desktop crosshair or a controller) and the bridge between the trainee's
//! semantic actions and the station models of the core crate.

use bevy::prelude::*;
use cleanroom_core::common::Value;
use cleanroom_core::procedure::Action;
use cleanroom_core::stations::bioreactor::{BioreactorDesk, StationEvent};

use crate::cleanroom::equipment::Station;
use crate::input::HandState;
use crate::interaction::{Focus, Notice};
use crate::procedure::{StationReading, TraineeAction};
use crate::screens::Screen;

pub mod bioreactor_screen;
pub mod records;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<StationMessage>();
    app.init_resource::<FullScreenPanel>();
    app.add_systems(OnExit(Screen::Session), |mut panel: ResMut<FullScreenPanel>| panel.0 = None);
    app.add_systems(OnEnter(Screen::Session), reset_stations);
    app.add_plugins(records::plugin);
    app.add_systems(Update, mark_levels_the_world_cannot_play);
    app.add_systems(Update, press_screen_buttons.in_set(crate::AppSystems::React).before(StationSystems::Operate));
    app.add_systems(
        Update,
        (operate_bioreactor, bioreactor_screen::lay_out)
            .chain()
            .in_set(crate::AppSystems::React)
            .in_set(StationSystems::Operate)
            .before(crate::procedure::ProcedureSystems::Run),
    );
}

/// Stations apply the trainee's actions after the world has reported them this frame.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StationSystems {
    Operate,
}

/// A button on a station's touchscreen, in the panel's texture coordinates (0..1, top left).
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenButton {
    /// What pressing it does, as the trainee's semantic action.
    pub action: Action,
    pub caption: Caption,
    pub min: Vec2,
    pub max: Vec2,
    pub enabled: bool,
    /// Shown as chosen (a selected reagent, the current rate).
    pub selected: bool,
}

/// What a button says.
#[derive(Debug, Clone, PartialEq)]
pub enum Caption {
    /// A key of the translation files.
    Key(&'static str),
    /// Bilingual text from the core crate (e.g. a reagent's name).
    Text(cleanroom_core::common::Text),
    /// The same in every language (a number).
    Literal(String),
    /// A batch-record entry, by level id.
    Entry(String),
}

impl ScreenButton {
    fn contains(&self, uv: Vec2) -> bool {
        uv.cmpge(self.min).all() && uv.cmple(self.max).all()
    }
}

/// The buttons a touchscreen shows now, and the panel's size in metres (for hit testing).
#[derive(Component, Debug, Clone, Default)]
pub struct ScreenButtons {
    pub size: Vec2,
    pub buttons: Vec<ScreenButton>,
}

/// Where on a panel of `size` (metres, facing its local +z) a world point falls, in texture
/// coordinates.
pub fn panel_uv(panel: &GlobalTransform, size: Vec2, point: Vec3) -> Vec2 {
    let local = panel.affine().inverse().transform_point3(point);
    Vec2::new(local.x / size.x + 0.5, 0.5 - local.y / size.y)
}

/// A station's own message for the trainee (why an operation was refused), shown on its
/// screen and as a notice.
#[derive(Message, Debug, Clone)]
pub struct StationMessage {
    pub station: Station,
    pub text: cleanroom_core::common::Text,
}

/// The bioreactor the trainee operates in this session.
#[derive(Resource)]
pub struct BioreactorUnit {
    pub desk: BioreactorDesk,
    /// The latest refusal or alarm, for the screen's message line.
    pub message: Option<cleanroom_core::common::Text>,
}

impl Default for BioreactorUnit {
    fn default() -> Self {
        Self { desk: BioreactorDesk::new(TRAINEE_OPERATOR), message: None }
    }
}

/// Who the batch record attributes entries to.
pub const TRAINEE_OPERATOR: &str = "trainee";

fn reset_stations(mut commands: Commands, options: Res<crate::LaunchOptions>) {
    // A demonstration plays a level's expert path, observations included: no live station
    // model then, or its fresh state would contradict the path.
    if options.autoplay.is_some() {
        commands.remove_resource::<BioreactorUnit>();
    } else {
        commands.insert_resource(BioreactorUnit::default());
    }
}

/// The panel opened full-screen on the desktop, if any.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FullScreenPanel(pub Option<Entity>);

/// A hand that uses a touchscreen presses the button under its ray; on the desktop, using the
/// panel anywhere else opens it full-screen.
fn press_screen_buttons(
    hands: Query<(&crate::input::Hand, &HandState, &Focus)>,
    screens: Query<(&GlobalTransform, &ScreenButtons)>,
    mut full_screen: ResMut<FullScreenPanel>,
    mut actions: MessageWriter<TraineeAction>,
) {
    for (kind, hand, focus) in &hands {
        if !hand.use_.pressed {
            continue;
        }
        let Some(target) = focus.target else {
            continue;
        };
        let Ok((panel, buttons)) = screens.get(target) else {
            continue;
        };
        let uv = panel_uv(panel, buttons.size, focus.point);
        match buttons.buttons.iter().find(|button| button.contains(uv)) {
            Some(button) if button.enabled => {
                actions.write(TraineeAction(button.action.clone()));
            }
            Some(_) => {}
            None if *kind == crate::input::Hand::Desktop => full_screen.0 = Some(target),
            None => {}
        }
    }
}

/// Hands the trainee's actions to the bioreactor model and reports its state to the procedure.
fn operate_bioreactor(
    unit: Option<ResMut<BioreactorUnit>>,
    mut actions: MessageReader<TraineeAction>,
    mut procedure_events: MessageReader<crate::procedure::ProcedureEvent>,
    mut replayed: MessageReader<crate::procedure::ReplayedAction>,
    mut readings: MessageWriter<StationReading>,
    mut messages: MessageWriter<StationMessage>,
    mut notices: MessageWriter<Notice>,
    mut reported_once: Local<bool>,
    mut dials: Query<&mut crate::interaction::Dial>,
) {
    let Some(mut unit) = unit else {
        return;
    };
    let mut changed = !*reported_once || unit.is_added();
    // Events a level injects into the station (a pressure alarm) happen to the model.
    let injected: Vec<String> = procedure_events
        .read()
        .filter_map(|event| match &event.0 {
            cleanroom_core::procedure::RunnerEvent::EventInjected { event, .. } => Some(event.clone()),
            _ => None,
        })
        .collect();
    // A prerequisite's expert actions bring the unit to where that level left it.
    for crate::procedure::ReplayedAction(action) in replayed.read() {
        changed |= unit.desk.act(action).handled;
    }
    let mut outcomes: Vec<_> = injected.iter().map(|event| unit.desk.inject_event(event)).collect();
    outcomes.extend(actions.read().map(|TraineeAction(action)| {
        info!("trainee: {action:?}");
        unit.desk.act(action)
    }));
    for outcome in outcomes {
        if !outcome.handled {
            continue;
        }
        changed = true;
        for refusal in outcome.refusals {
            notices.write(Notice { key: "station-refused" });
            messages.write(StationMessage { station: Station::Bioreactor, text: refusal.reason.clone() });
            unit.message = Some(refusal.reason);
        }
        for event in &outcome.events {
            if let StationEvent::Contamination { reason } | StationEvent::Deviation { message: reason, .. } = event {
                unit.message = Some(reason.clone());
            }
        }
    }
    if changed {
        *reported_once = true;
        // The rate dial shows the rate in force (the screen's buttons may have changed it).
        let rate = unit.desk.screen.ic_inlet_ml_min.unwrap_or(unit.desk.station.ic_inlet_ml_min()).max(0.1);
        for mut dial in &mut dials {
            if dial.id == "bioreactor_screen_ic_inlet_rate" {
                dial.value = rate as f32;
            }
        }
        for (key, value) in unit.desk.observations() {
            readings.write(StationReading { station: Station::Bioreactor.id().into(), key: key.into(), value });
        }
    }
}

/// A number for a `Set` action.
pub fn number(value: f64) -> Value {
    Value::Number(value)
}

/// Checks every loaded level against what the cleanroom actually contains, so the menu never
/// offers a level whose objects the trainee could not find.
fn mark_levels_the_world_cannot_play(
    build: Res<crate::cleanroom::WorldBuild>,
    mut catalog: ResMut<crate::procedure::LevelCatalog>,
    levels: Res<Assets<crate::procedure::LevelAsset>>,
    mut edits: MessageReader<AssetEvent<crate::procedure::LevelAsset>>,
    ids: WorldIds,
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
    let present = ids.collect();
    for entry in &mut catalog.entries {
        if checked.contains(&entry.file) {
            continue;
        }
        let Some(asset) = entry.handle.as_ref().and_then(|handle| levels.get(handle)) else {
            continue;
        };
        entry.missing_in_world =
            crate::procedure::world_ids_needed(&asset.level).into_iter().filter(|id| !present.contains(id)).collect();
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

/// Every level id the world's objects answer to.
#[derive(bevy::ecs::system::SystemParam)]
struct WorldIds<'w, 's> {
    items: Query<'w, 's, &'static crate::interaction::items::Item>,
    garments: Query<'w, 's, &'static crate::interaction::semantic::Garment>,
    sanitisers: Query<'w, 's, &'static crate::interaction::semantic::Sanitiser>,
    inspectables: Query<'w, 's, &'static crate::interaction::semantic::Inspectable>,
    surfaces: Query<'w, 's, &'static crate::interaction::semantic::Surface>,
    controls: Query<'w, 's, &'static crate::interaction::semantic::Control>,
    tubes: Query<'w, 's, &'static crate::interaction::items::TubeEnd>,
    clamps: Query<'w, 's, &'static crate::interaction::items::Clamp>,
    sockets: Query<'w, 's, &'static crate::interaction::items::Socket>,
    ports: Query<'w, 's, &'static crate::interaction::items::SamplePort>,
    dials: Query<'w, 's, &'static crate::interaction::Dial>,
}

impl WorldIds<'_, '_> {
    fn collect(&self) -> std::collections::BTreeSet<String> {
        let mut ids: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
        ids.extend(self.items.iter().map(|x| x.id.clone()));
        ids.extend(self.garments.iter().map(|x| x.id.clone()));
        ids.extend(self.sanitisers.iter().map(|x| x.id.clone()));
        ids.extend(self.inspectables.iter().map(|x| x.id.clone()));
        ids.extend(self.surfaces.iter().map(|x| x.id.clone()));
        ids.extend(self.controls.iter().map(|x| x.id.clone()));
        ids.extend(self.tubes.iter().map(|x| x.line.clone()));
        ids.extend(self.clamps.iter().map(|x| x.id.clone()));
        ids.extend(self.sockets.iter().map(|x| x.id.clone()));
        ids.extend(self.ports.iter().map(|x| x.id.clone()));
        ids.extend(self.dials.iter().map(|x| x.id.clone()));
        // The bioreactor's touchscreen offers every screen control; stations answer by id.
        ids.extend(cleanroom_core::stations::bioreactor::controls::SCREEN_CONTROLS.iter().map(|x| (*x).to_owned()));
        ids.extend(crate::cleanroom::equipment::Station::ALL.iter().map(|station| station.id().to_owned()));
        ids
    }
}
