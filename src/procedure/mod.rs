//! The procedure engine in the game: level files load through Bevy's asset system (and reload
//! when edited), the runner judges what the trainee does, and its events reach the HUD and the
//! debrief. The world never decides whether a step is right: it sends `TraineeAction`s and
//! `StationReading`s, and this module hands them to the core runner.

use std::path::PathBuf;

use bevy::asset::io::{AssetSourceBuilder, Reader};
use bevy::asset::{AssetLoader, LoadContext, LoadedFolder};
use bevy::prelude::*;
use cleanroom_core::common::{Text, Value};
use cleanroom_core::procedure::{Action, Level, Mode, Report, Runner, RunnerEvent, load_level};

use crate::interaction::Notice;
use crate::screens::{Screen, SessionSettings};

/// The asset source that reads the instructors' level folder.
pub const LEVEL_SOURCE: &str = "levels";

pub(super) fn plugin(app: &mut App) {
    app.init_asset::<LevelAsset>();
    app.init_asset_loader::<LevelLoader>();
    app.add_message::<TraineeAction>();
    app.add_message::<StationReading>();
    app.add_message::<ProcedureEvent>();
    app.add_message::<ReplayedAction>();
    app.init_resource::<LevelCatalog>();
    app.add_systems(Startup, load_levels);
    app.add_systems(Update, (catalogue_levels, reload_edited_level));
    app.add_systems(OnEnter(Screen::Session), start_procedure.in_set(ProcedureSystems::Start));
    app.add_systems(OnEnter(Screen::MainMenu), |mut commands: Commands| commands.remove_resource::<ActiveProcedure>());
    app.add_systems(
        Update,
        (autoplay_golden_path, run_procedure)
            .chain()
            .in_set(crate::AppSystems::React)
            .in_set(ProcedureSystems::Run)
            .run_if(resource_exists::<ActiveProcedure>),
    );
    app.add_systems(Startup, choose_autoplay_level);
}

/// The procedure judges after the world and the stations have reported this frame's actions;
/// a session's start (and its replay of prerequisites) comes after the world's reset.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProcedureSystems {
    Start,
    Run,
}

/// Where the level files are: `CLEANROOM_LEVELS`, else `levels/` in the source tree.
pub fn levels_dir() -> PathBuf {
    std::env::var_os("CLEANROOM_LEVELS")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("levels"), PathBuf::from)
}

/// Registers the `levels://` asset source. Call before `AssetPlugin` is added.
pub fn register_level_source(app: &mut App) {
    register_level_source_at(app, &levels_dir());
}

/// Registers the `levels://` asset source for a given folder, watched for edits.
pub fn register_level_source_at(app: &mut App, directory: &std::path::Path) {
    let path = directory.to_string_lossy().into_owned();
    app.register_asset_source(
        LEVEL_SOURCE,
        AssetSourceBuilder::platform_default(&path, None)
            .with_watch_warning("level hot reload needs the file_watcher feature"),
    );
}

/// A level file, checked: it loads only when the checker finds no error in it.
#[derive(Asset, TypePath, Debug, Clone)]
pub struct LevelAsset {
    pub level: Level,
    /// The file name, for messages.
    pub file: String,
}

/// Loads `*.level.ron` files with the same parser and checks as `cleanroom check`.
#[derive(Default, TypePath)]
pub struct LevelLoader;

/// Every problem the checker found in a level file, rendered as it prints them.
#[derive(Debug)]
pub struct LevelLoadError {
    pub report: String,
    pub errors: usize,
}

impl std::fmt::Display for LevelLoadError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{} error(s):\n{}", self.errors, self.report)
    }
}

impl std::error::Error for LevelLoadError {}

impl AssetLoader for LevelLoader {
    type Asset = LevelAsset;
    type Settings = ();
    type Error = LevelLoadError;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        context: &mut LoadContext<'_>,
    ) -> Result<LevelAsset, LevelLoadError> {
        let file = context.path().to_string();
        let mut bytes = Vec::new();
        if let Err(error) = reader.read_to_end(&mut bytes).await {
            return Err(LevelLoadError { report: format!("{file}: cannot read: {error}"), errors: 1 });
        }
        let source = String::from_utf8(bytes)
            .map_err(|_| LevelLoadError { report: format!("{file}: not UTF-8 text"), errors: 1 })?;
        match load_level(&source, &file) {
            Ok((level, warnings)) => {
                for warning in warnings {
                    warn!("{warning}");
                }
                Ok(LevelAsset { level, file })
            }
            Err(diagnostics) => {
                let errors = diagnostics.iter().filter(|diagnostic| diagnostic.is_error()).count().max(1);
                let report = diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
                Err(LevelLoadError { report, errors })
            }
        }
    }

    fn extensions(&self) -> &[&str] {
        &["level.ron"]
    }
}

/// The level folder being loaded.
#[derive(Resource, Debug, Clone)]
pub struct LevelFolder(pub Handle<LoadedFolder>);

/// One level file, as the menu lists it.
#[derive(Debug, Clone)]
pub struct LevelEntry {
    /// Objects and controls the level names that the 3D cleanroom does not have yet: such a
    /// level checks and replays, but cannot be played in the world.
    pub missing_in_world: Vec<String>,
    pub file: String,
    pub id: String,
    pub title: Text,
    pub description: Text,
    pub minutes: u32,
    pub handle: Option<Handle<LevelAsset>>,
    /// Errors that keep the level from being played (the checker gives the details).
    pub errors: usize,
}

/// Every level file found, sorted by file name; filled as the files load.
#[derive(Resource, Debug, Clone, Default)]
pub struct LevelCatalog {
    pub entries: Vec<LevelEntry>,
    /// The folder has been read and every file in it loaded or rejected.
    pub ready: bool,
}

impl LevelCatalog {
    pub fn directory(&self) -> PathBuf {
        levels_dir()
    }

    fn upsert(&mut self, entry: LevelEntry) {
        match self.entries.iter_mut().find(|existing| existing.file == entry.file) {
            Some(existing) => *existing = entry,
            None => {
                self.entries.push(entry);
                self.entries.sort_by(|a, b| a.file.cmp(&b.file));
            }
        }
    }

    /// The loaded (error-free) level with this id.
    pub fn find(&self, id: &str) -> Option<&LevelEntry> {
        self.entries.iter().find(|entry| entry.id == id && entry.errors == 0)
    }
}

fn load_levels(server: Res<AssetServer>, mut commands: Commands) {
    commands.insert_resource(LevelFolder(server.load_folder(format!("{LEVEL_SOURCE}://"))));
}

fn file_name(path: &bevy::asset::AssetPath) -> String {
    path.path().file_name().map_or_else(|| path.to_string(), |name| name.to_string_lossy().into_owned())
}

/// Keeps the catalogue in step with the level assets: loaded, edited or rejected.
fn catalogue_levels(
    server: Res<AssetServer>,
    folder: Option<Res<LevelFolder>>,
    levels: Res<Assets<LevelAsset>>,
    mut loaded: MessageReader<AssetEvent<LevelAsset>>,
    mut failed: MessageReader<bevy::asset::AssetLoadFailedEvent<LevelAsset>>,
    mut catalog: ResMut<LevelCatalog>,
) {
    for event in loaded.read() {
        let (AssetEvent::LoadedWithDependencies { id } | AssetEvent::Modified { id }) = event else {
            continue;
        };
        let (Some(asset), Some(handle)) = (levels.get(*id), server.get_id_handle(*id)) else {
            continue;
        };
        let level = &asset.level;
        catalog.upsert(LevelEntry {
            file: file_name(&bevy::asset::AssetPath::parse(&asset.file)),
            id: level.id.clone(),
            title: level.title.clone(),
            description: level.description.clone(),
            minutes: level.estimated_minutes,
            handle: Some(handle),
            errors: 0,
            missing_in_world: Vec::new(),
        });
    }
    for event in failed.read() {
        let file = file_name(&event.path);
        error!("level {file} cannot be played: {}", event.error);
        let errors = match &event.error {
            bevy::asset::AssetLoadError::AssetLoaderError(error) => {
                error.error().downcast_ref::<LevelLoadError>().map_or(1, |error| error.errors)
            }
            _ => 1,
        };
        catalog.upsert(LevelEntry {
            id: file.clone(),
            file,
            title: Text::default(),
            description: Text::default(),
            minutes: 0,
            handle: None,
            errors,
            missing_in_world: Vec::new(),
        });
    }
    if !catalog.ready
        && let Some(folder) = folder
    {
        catalog.ready = server.is_loaded_with_dependencies(&folder.0) || server.load_state(&folder.0).is_failed();
    }
}

/// Something the trainee did, as a semantic action of the level format.
#[derive(Message, Debug, Clone)]
pub struct TraineeAction(pub Action);

/// A station reported a value (e.g. the bioreactor's inlet rate).
#[derive(Message, Debug, Clone)]
pub struct StationReading {
    pub station: String,
    pub key: String,
    pub value: Value,
}

/// An action from a prerequisite level's expert path, replayed when a level starts so the
/// world and the stations stand where that level left them. The runner does not judge it.
#[derive(Message, Debug, Clone)]
pub struct ReplayedAction(pub Action);

/// What the runner said, for the HUD, the world (highlights) and the debrief.
#[derive(Message, Debug, Clone)]
pub struct ProcedureEvent(pub RunnerEvent);

/// The level being played and its runner.
#[derive(Resource, Debug, Clone)]
pub struct ActiveProcedure {
    pub runner: Runner,
    pub handle: Handle<LevelAsset>,
    pub mode: Mode,
    /// The latest hint (guided mode).
    pub hint: Option<Text>,
    /// An injected event waiting for the trainee's response, with its deadline (level time).
    pub pending_event: Option<(String, Text, f64)>,
    /// The latest deviation, shown while feedback is live.
    pub last_deviation: Option<cleanroom_core::procedure::Deviation>,
    /// Game clock (virtual seconds) at which the level started.
    pub started_at: f64,
    /// Runner events produced outside `run_procedure` (a demonstration), to report this frame.
    queued: Vec<RunnerEvent>,
}

impl ActiveProcedure {
    /// A runner for `level`, started at `now` on the game clock.
    pub fn start(level: &Level, handle: Handle<LevelAsset>, mode: Mode, now: f64) -> Self {
        let mut procedure = Self {
            runner: Runner::new(level, mode),
            handle,
            mode,
            hint: None,
            pending_event: None,
            last_deviation: None,
            started_at: now,
            queued: Vec::new(),
        };
        procedure.queued = procedure.runner.start(now);
        procedure
    }

    /// Applies runner events to what the HUD shows.
    fn note(&mut self, event: &RunnerEvent) {
        match event {
            RunnerEvent::Hint { text, .. } => self.hint = Some(text.clone()),
            RunnerEvent::EventInjected { event, message, deadline_s, .. } => {
                self.pending_event = Some((event.clone(), message.clone(), *deadline_s));
            }
            RunnerEvent::EventResolved { event, .. }
                if self.pending_event.as_ref().is_some_and(|(pending, ..)| pending == event) =>
            {
                self.pending_event = None;
            }
            RunnerEvent::DeviationRecorded(deviation) => self.last_deviation = Some(deviation.clone()),
            _ => {}
        }
    }
}

/// The report of the last run, for the debrief screen.
#[derive(Resource, Debug, Clone)]
pub struct Debrief(pub Report);

fn level_clock(time: &Time<Virtual>) -> f64 {
    time.elapsed_secs_f64()
}

fn start_procedure(
    mut commands: Commands,
    options: Res<crate::LaunchOptions>,
    mut replayed: MessageWriter<ReplayedAction>,
    settings: Res<SessionSettings>,
    catalog: Res<LevelCatalog>,
    levels: Res<Assets<LevelAsset>>,
    time: Res<Time<Virtual>>,
) {
    commands.remove_resource::<Debrief>();
    let Some(id) = settings.level.as_deref() else {
        commands.remove_resource::<ActiveProcedure>();
        // Exploring freely, the bioreactor is shown set up and running, as a visitor would see it.
        if options.autoplay.is_none()
            && let Some(asset) =
                catalog.find(FREE_ROAM_STATION_LEVEL).and_then(|e| e.handle.as_ref()).and_then(|h| levels.get(h))
        {
            for entry in asset.level.golden_path.clone() {
                if let cleanroom_core::procedure::model::GoldenEntry::Do { action, .. } = entry {
                    replayed.write(ReplayedAction(action));
                }
            }
        }
        return;
    };
    let Some(entry) = catalog.find(id) else {
        error!("level {id} is not loaded; exploring freely instead");
        commands.remove_resource::<ActiveProcedure>();
        return;
    };
    // A demonstration plays the expert path by itself and needs no objects in the world.
    if !entry.missing_in_world.is_empty() && options.autoplay.is_none() {
        error!(
            "level {id} needs {} that the cleanroom does not have yet; exploring freely instead",
            entry.missing_in_world.join(", ")
        );
        commands.remove_resource::<ActiveProcedure>();
        return;
    }
    let Some(handle) = entry.handle.clone() else {
        return;
    };
    let Some(asset) = levels.get(&handle) else {
        return;
    };
    let mode = if settings.assessment { Mode::Assessment } else { Mode::Guided };
    // The station and the world start where the prerequisite levels leave them.
    for prerequisite in prerequisite_chain(&asset.level, &catalog, &levels) {
        for entry in prerequisite.golden_path {
            if let cleanroom_core::procedure::model::GoldenEntry::Do { action, .. } = entry {
                replayed.write(ReplayedAction(action));
            }
        }
    }
    let procedure = ActiveProcedure::start(&asset.level, handle, mode, level_clock(&time));
    info!("procedure {id} started in {mode:?} mode");
    commands.insert_resource(procedure);
}

fn run_procedure(
    mut commands: Commands,
    time: Res<Time<Virtual>>,
    mut procedure: ResMut<ActiveProcedure>,
    mut actions: MessageReader<TraineeAction>,
    mut readings: MessageReader<StationReading>,
    mut events: MessageWriter<ProcedureEvent>,
    mut next: ResMut<NextState<Screen>>,
) {
    let now = level_clock(&time);
    let mut produced = std::mem::take(&mut procedure.queued);
    for TraineeAction(action) in actions.read() {
        produced.extend(procedure.runner.act(now, action.clone()));
    }
    for reading in readings.read() {
        produced.extend(procedure.runner.observe(now, &reading.station, &reading.key, reading.value.clone()));
    }
    produced.extend(procedure.runner.tick(now));
    let mut finished = false;
    for event in produced {
        procedure.note(&event);
        finished |= matches!(event, RunnerEvent::LevelPassed { .. } | RunnerEvent::LevelFailed { .. });
        events.write(ProcedureEvent(event));
    }
    if finished {
        commands.insert_resource(Debrief(procedure.runner.report()));
        next.set(Screen::Debrief);
    }
}

/// Editing the level being played restarts it from the new file, with a notice; a broken edit
/// keeps the running version and says so.
fn reload_edited_level(
    mut loaded: MessageReader<AssetEvent<LevelAsset>>,
    mut failed: MessageReader<bevy::asset::AssetLoadFailedEvent<LevelAsset>>,
    levels: Res<Assets<LevelAsset>>,
    time: Res<Time<Virtual>>,
    procedure: Option<ResMut<ActiveProcedure>>,
    mut notices: MessageWriter<Notice>,
) {
    let Some(mut procedure) = procedure else {
        loaded.clear();
        failed.clear();
        return;
    };
    for event in failed.read() {
        if event.id == procedure.handle.id() {
            notices.write(Notice { key: "procedure-reload-failed" });
        }
    }
    for event in loaded.read() {
        if let AssetEvent::Modified { id } = event
            && *id == procedure.handle.id()
            && let Some(asset) = levels.get(*id)
        {
            let handle = procedure.handle.clone();
            let mode = procedure.mode;
            *procedure = ActiveProcedure::start(&asset.level, handle, mode, level_clock(&time));
            info!("level {} changed on disk: restarted from the new version", asset.file);
            notices.write(Notice { key: "procedure-reloaded" });
        }
    }
}

/// The level whose expert path sets the bioreactor up when exploring without a procedure.
const FREE_ROAM_STATION_LEVEL: &str = "bioreactor_load_prime";

/// How much faster than real time a demonstration runs.
const AUTOPLAY_SPEED: f64 = 20.0;

fn choose_autoplay_level(options: Res<crate::LaunchOptions>, mut settings: ResMut<SessionSettings>) {
    if let Some(level) = options.autoplay.as_ref().or(options.level.as_ref()) {
        settings.level = Some(level.clone());
    } else if options.demo.as_deref().is_some_and(|demo| demo != "culture") {
        // The interaction demonstrations happen at the start of the set-up level, with the set
        // and the bags still on the bench.
        settings.level = Some(FREE_ROAM_STATION_LEVEL.to_owned());
    }
    settings.assessment = options.assessment;
}

/// Demonstration: feeds the level's golden path to the runner at its own times (however
/// coarse the frames), sped up.
fn autoplay_golden_path(
    options: Res<crate::LaunchOptions>,
    mut procedure: ResMut<ActiveProcedure>,
    levels: Res<Assets<LevelAsset>>,
    mut time: ResMut<Time<Virtual>>,
    mut played: Local<usize>,
) {
    if options.autoplay.is_none() {
        return;
    }
    time.set_relative_speed_f64(AUTOPLAY_SPEED);
    time.set_max_delta(std::time::Duration::from_secs(10));
    let Some(asset) = levels.get(&procedure.handle) else {
        return;
    };
    let now = level_clock(&time) - procedure.started_at;
    let start = procedure.started_at;
    while let Some(entry) = asset.level.golden_path.get(*played).filter(|entry| entry.at() <= now) {
        let at = start + entry.at();
        let events = match entry.clone() {
            cleanroom_core::procedure::model::GoldenEntry::Do { action, .. } => procedure.runner.act(at, action),
            cleanroom_core::procedure::model::GoldenEntry::Observe { of, key, value, .. } => {
                procedure.runner.observe(at, &of, &key, value)
            }
        };
        procedure.queued.extend(events);
        *played += 1;
    }
}

/// Every object and control id a level's setup names that the world must provide (batch
/// record entries are always available on the record terminal).
pub fn world_ids_needed(level: &Level) -> Vec<String> {
    use cleanroom_core::procedure::model::ObjectKind;
    let mut ids = Vec::new();
    for zone in &level.setup.zones {
        ids.extend(
            zone.objects.iter().filter(|object| object.kind != ObjectKind::Entry).map(|object| object.id.clone()),
        );
        ids.extend(zone.controls.iter().map(|control| control.id.clone()));
    }
    for station in &level.setup.stations {
        ids.extend(
            station.objects.iter().filter(|object| object.kind != ObjectKind::Entry).map(|object| object.id.clone()),
        );
        ids.extend(station.controls.iter().map(|control| control.id.clone()));
    }
    ids.sort();
    ids.dedup();
    ids
}

/// A level's prerequisites, earliest first (each prerequisite's own prerequisites before it).
fn prerequisite_chain(level: &Level, catalog: &LevelCatalog, levels: &Assets<LevelAsset>) -> Vec<Level> {
    let mut chain: Vec<Level> = Vec::new();
    add_prerequisites(level, catalog, levels, &mut chain);
    chain
}

fn add_prerequisites(level: &Level, catalog: &LevelCatalog, levels: &Assets<LevelAsset>, chain: &mut Vec<Level>) {
    for id in &level.prerequisites {
        let Some(asset) =
            catalog.find(id).and_then(|entry| entry.handle.as_ref()).and_then(|handle| levels.get(handle))
        else {
            continue;
        };
        if chain.iter().any(|seen| seen.id == asset.level.id) {
            continue;
        }
        add_prerequisites(&asset.level, catalog, levels, chain);
        chain.push(asset.level.clone());
    }
}
