//! The level being played: it starts (after its prerequisites are replayed), the runner
//! judges what the trainee does and what the stations report, its events reach the stations,
//! an edited file restarts it, and the debrief opens when it is over.

use bevy::prelude::*;
use cleanroom_core::common::Text;
use cleanroom_core::procedure::{Level, Mode, Report, Runner, RunnerEvent};

use super::levels::{LevelAsset, LevelCatalog};
use crate::actions::{ActionReplayed, TraineeActed, TraineeNotified};
use crate::interaction::feedback::Highlighted;
use crate::screens::{Screen, SessionSettings};
use crate::stations::{EventInjected, StationReported, StationsConfigured};

pub(super) fn plugin(app: &mut App) {
    app.add_message::<ProcedureReported>();
    app.add_message::<ProcedureStarted>();
    // Before the runner hears this frame's actions, so that no event of the old run is
    // reported as the new one's.
    app.add_systems(Update, reload_edited_level.before(crate::AppSystems::Judge).run_if(in_state(Screen::Session)));
    app.add_systems(OnEnter(Screen::Session), start_procedure.in_set(crate::SessionSystems::Start));
    app.add_systems(OnEnter(Screen::MainMenu), |mut commands: Commands| commands.remove_resource::<ActiveProcedure>());
    app.add_systems(
        Update,
        (autoplay_golden_path, run_procedure)
            .chain()
            .in_set(crate::AppSystems::Judge)
            .run_if(resource_exists::<ActiveProcedure>),
    );
    app.add_systems(Update, show_highlights.in_set(crate::AppSystems::Present));
    app.add_systems(Startup, choose_level_from_the_command_line);
    app.add_systems(OnEnter(Screen::Session), |mut said: ResMut<SaidReady>| said.0 = false);
    app.init_resource::<SaidReady>();
    app.add_systems(Update, say_when_ready.run_if(in_state(Screen::Session)));
}

/// Whether this session has said it is ready to be played.
#[derive(Resource, Debug, Default)]
struct SaidReady(bool);

/// One line when a session can be played: on the desktop once it has started, in a headset once
/// the headset's session runs too (a test or a launcher waits for it).
fn say_when_ready(
    mut said: ResMut<SaidReady>,
    mode: Res<crate::DisplayMode>,
    xr: Res<crate::third_party::openxr::XrStatus>,
    procedure: Option<Res<ActiveProcedure>>,
) {
    let headset = matches!(*mode, crate::DisplayMode::Headset);
    if said.0 || (headset && !xr.running) {
        return;
    }
    said.0 = true;
    let what = procedure.map_or_else(
        || "free exploration".to_owned(),
        |procedure| format!("{} in {:?} mode", procedure.runner.level().id, procedure.mode),
    );
    info!("session ready to play: {what}, {}", if headset { "in the headset" } else { "on the desktop" });
}

/// What the runner said, for the HUD, the stations and the debrief.
#[derive(Message, Debug, Clone)]
pub struct ProcedureReported(pub RunnerEvent);

/// A level's run began (at the session's start, or again because its file was edited):
/// what shows the trainee's progress starts over.
#[derive(Message, Debug, Clone, Copy)]
pub struct ProcedureStarted;

/// How long a done step stays confirmed, in seconds of level time.
const DONE_SHOWN_S: f64 = 4.0;

/// The level being played and its runner.
#[derive(Resource, Debug, Clone)]
pub struct ActiveProcedure {
    pub runner: Runner,
    pub handle: Handle<LevelAsset>,
    pub mode: Mode,
    /// The latest hint (guided mode), while its step is not done: the step's id (none for a
    /// hint about the level) and the text.
    pub hint: Option<(Option<String>, Text)>,
    /// An injected event waiting for the trainee's response, with its deadline (level time).
    pub pending_event: Option<(String, Text, f64)>,
    /// The latest deviation, shown while feedback is live.
    pub last_deviation: Option<cleanroom_core::procedure::Deviation>,
    /// The latest second-person verification: who, what they said, whether it passed, and
    /// when (level time).
    pub last_verification: Option<Verified>,
    /// The step done last and when (level time), so that the trainee sees it confirmed.
    pub last_done: Option<(String, f64)>,
    /// The instructor's latest message and when it was sent (level time).
    pub instructor_message: Option<(String, f64)>,
    /// Game clock (virtual seconds) at which the level started.
    pub started_at: f64,
    /// Runner events produced outside `run_procedure` (a demonstration), to report this frame.
    queued: Vec<RunnerEvent>,
    /// How many entries of the expert path a demonstration has played.
    played: usize,
}

impl ActiveProcedure {
    /// A runner for `level`, started at `now` on the game clock.
    pub fn start(level: &Level, handle: Handle<LevelAsset>, mode: Mode, now: f64) -> Self {
        // A level without a seed draws its random values afresh each attempt; the report keeps
        // the seed, so the attempt can be replayed.
        let seed = level.seed.unwrap_or_else(fresh_seed);
        let mut procedure = Self {
            runner: Runner::with_seed(level, mode, seed),
            handle,
            mode,
            hint: None,
            pending_event: None,
            last_deviation: None,
            last_verification: None,
            last_done: None,
            instructor_message: None,
            started_at: now,
            queued: Vec::new(),
            played: 0,
        };
        procedure.queued = procedure.runner.start(now);
        procedure
    }

    /// The step done within the last few seconds of level time, for the trainee to see it
    /// confirmed before the next.
    pub fn step_just_done(&self) -> Option<&cleanroom_core::level::Step> {
        let (step, at) = self.last_done.as_ref()?;
        if self.runner.level_time() - at >= DONE_SHOWN_S {
            return None;
        }
        self.runner.level().steps.iter().find(|s| s.id == *step)
    }

    /// Applies runner events to what the HUD shows.
    fn note(&mut self, event: &RunnerEvent) {
        if let RunnerEvent::StepCompleted { step, time_s, skipped: false, .. } = event {
            self.last_done = Some((step.clone(), *time_s));
        }
        match event {
            RunnerEvent::Hint { step, text, .. } => self.hint = Some((step.clone(), text.clone())),
            RunnerEvent::StepCompleted { step, .. }
                if self.hint.as_ref().is_some_and(|(hinted, _)| hinted.as_ref() == Some(step)) =>
            {
                self.hint = None;
            }
            RunnerEvent::EventInjected { event, message, deadline_s, .. } => {
                self.pending_event = Some((event.clone(), message.clone(), *deadline_s));
            }
            RunnerEvent::EventResolved { event, .. }
                if self.pending_event.as_ref().is_some_and(|(pending, ..)| pending == event) =>
            {
                self.pending_event = None;
            }
            RunnerEvent::DeviationRecorded(deviation) => self.last_deviation = Some(deviation.clone()),
            RunnerEvent::Intervened(cleanroom_core::procedure::Intervened {
                intervention: cleanroom_core::procedure::Intervention::Message { text },
                time_s,
            }) => self.instructor_message = Some((text.clone(), *time_s)),
            RunnerEvent::EntryVerified { verified, by, message, time_s, .. } => {
                self.last_verification =
                    Some(Verified { by: by.clone(), message: message.clone(), verified: *verified, time_s: *time_s });
            }
            _ => {}
        }
    }
}

/// What a second person said when they verified a signed entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    pub by: cleanroom_core::common::Text,
    pub message: cleanroom_core::common::Text,
    pub verified: bool,
    pub time_s: f64,
}

/// A seed for one attempt, from the clock (no two attempts a nanosecond apart).
fn fresh_seed() -> u64 {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    // Fold the 128-bit count into 64 bits; the runner's generator mixes it further.
    (nanos as u64) ^ ((nanos >> 64) as u64)
}

/// The report of the last run, for the debrief screen.
#[derive(Resource, Debug, Clone)]
pub struct Debrief(pub Report);

pub(super) fn level_clock(time: &Time<Virtual>) -> f64 {
    time.elapsed_secs_f64()
}

fn start_procedure(
    mut commands: Commands,
    options: Res<crate::LaunchOptions>,
    mut replayed: MessageWriter<ActionReplayed>,
    settings: Res<SessionSettings>,
    catalog: Res<LevelCatalog>,
    levels: Res<Assets<LevelAsset>>,
    time: Res<Time<Virtual>>,
    mut started: MessageWriter<ProcedureStarted>,
    mut configured: MessageWriter<StationsConfigured>,
) {
    commands.remove_resource::<Debrief>();
    let Some(id) = settings.level.as_deref() else {
        commands.remove_resource::<ActiveProcedure>();
        // Exploring freely, the stations are shown set up and running, as a visitor would see
        // them: each by the level that sets it up.
        if options.autoplay.is_none() {
            let set_up_by = crate::stations::STATIONS.iter().filter_map(|station| station.set_up_by);
            for level in set_up_by {
                let Some(asset) = catalog.find(level).and_then(|e| e.handle.as_ref()).and_then(|h| levels.get(h))
                else {
                    continue;
                };
                replay_path(&asset.level.golden_path, &mut replayed);
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
    configured.write(station_settings(&asset.level));
    // The station and the world start where the prerequisite levels leave them.
    for prerequisite in prerequisite_chain(&asset.level, &catalog, &levels) {
        replay_path(&prerequisite.golden_path, &mut replayed);
    }
    let procedure = ActiveProcedure::start(&asset.level, handle, mode, level_clock(&time));
    // Items whose place the level draws at random are put there, as a prerequisite's would be.
    for (item, key, value) in procedure.runner.drawn() {
        if let (cleanroom_core::procedure::LOCATION, cleanroom_core::common::Value::Choice(place)) =
            (key.as_str(), value)
        {
            replayed.write(ActionReplayed::now(cleanroom_core::level::Action::Place {
                item: item.clone(),
                target: place.clone(),
            }));
        }
    }
    info!("procedure {id} started in {mode:?} mode (seed {})", procedure.runner.seed());
    commands.insert_resource(procedure);
    started.write(ProcedureStarted);
}

/// Replays an expert path's actions, each after the path's time since the one before.
fn replay_path(path: &[cleanroom_core::level::GoldenEntry], replayed: &mut MessageWriter<ActionReplayed>) {
    let mut last_at = 0.0;
    for entry in path {
        if let cleanroom_core::level::GoldenEntry::Do { at, action } = entry {
            replayed.write(ActionReplayed { action: action.clone(), after_s: (at - last_at).max(0.0) });
            last_at = *at;
        }
    }
}

/// Each station of a level with the settings the level gives its model.
fn station_settings(level: &cleanroom_core::level::Level) -> StationsConfigured {
    StationsConfigured(
        level.setup.stations.iter().map(|station| (station.id.clone(), station.settings.clone())).collect(),
    )
}

fn run_procedure(
    mut commands: Commands,
    time: Res<Time<Virtual>>,
    mut procedure: ResMut<ActiveProcedure>,
    mut actions: MessageReader<TraineeActed>,
    mut readings: MessageReader<StationReported>,
    mut events: MessageWriter<ProcedureReported>,
    mut injected: MessageWriter<EventInjected>,
    mut next: ResMut<NextState<Screen>>,
) {
    let now = level_clock(&time);
    let mut produced = std::mem::take(&mut procedure.queued);
    for TraineeActed(action) in actions.read() {
        produced.extend(procedure.runner.act(now, action.clone()));
    }
    let reported = readings.read().map(|r| (r.station.clone(), r.key.clone(), r.value.clone()));
    produced.extend(procedure.runner.observe_all(now, reported));
    produced.extend(procedure.runner.tick(now));
    deliver(&mut commands, &mut procedure, produced, &mut events, &mut injected, &mut next);
}

/// Hands what the runner said to the HUD, the stations and the records, and opens the debrief
/// when the level has ended.
pub(super) fn deliver(
    commands: &mut Commands,
    procedure: &mut ActiveProcedure,
    produced: Vec<RunnerEvent>,
    events: &mut MessageWriter<ProcedureReported>,
    injected: &mut MessageWriter<EventInjected>,
    next: &mut NextState<Screen>,
) {
    let mut finished = false;
    for event in produced {
        procedure.note(&event);
        finished |= matches!(event, RunnerEvent::LevelPassed { .. } | RunnerEvent::LevelFailed { .. });
        // The stations make happen what the level injects (an alarm).
        if let RunnerEvent::EventInjected { event, .. } = &event {
            injected.write(EventInjected { event: event.clone() });
        }
        // One line per step, so a log (and the XR test) shows how the level went.
        if let RunnerEvent::StepCompleted { step, time_s, skipped, .. } = &event {
            let how = if *skipped { "skipped by the instructor" } else { "done" };
            info!("procedure: step {step} {how} at {time_s:.1} s");
        }
        events.write(ProcedureReported(event));
    }
    if finished {
        let report = procedure.runner.report();
        info!("procedure {} finished: {:?}, score {:.0} / 100", report.level_id, report.outcome, report.score.total);
        commands.insert_resource(Debrief(report));
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
    mut notices: MessageWriter<TraineeNotified>,
    mut started: MessageWriter<ProcedureStarted>,
    mut configured: MessageWriter<StationsConfigured>,
) {
    let Some(mut procedure) = procedure else {
        loaded.clear();
        failed.clear();
        return;
    };
    for event in failed.read() {
        if event.id == procedure.handle.id() {
            notices.write(TraineeNotified { key: "procedure-reload-failed" });
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
            // The stations start over with the edited settings, and report afresh.
            configured.write(station_settings(&asset.level));
            started.write(ProcedureStarted);
            info!("level {} changed on disk: restarted from the new version", asset.file);
            notices.write(TraineeNotified { key: "procedure-reloaded" });
        }
    }
}

/// How much faster than real time a demonstration runs.
const AUTOPLAY_SPEED: f64 = 20.0;

/// A level named on the command line (to play or to demonstrate) is the session's level, in
/// the mode the command line says. Without one the menu's choice stands (it used to be reset
/// to guided here, at the first frame, after a test or a launcher had chosen assessment).
fn choose_level_from_the_command_line(options: Res<crate::LaunchOptions>, mut settings: ResMut<SessionSettings>) {
    if let Some(level) = options.autoplay.as_ref().or(options.level.as_ref()) {
        settings.level = Some(level.clone());
        settings.assessment = options.assessment;
    }
}

/// In guided mode, the objects of the current steps and events glow.
fn show_highlights(procedure: Option<Res<ActiveProcedure>>, mut highlighted: ResMut<Highlighted>) {
    let now: std::collections::BTreeSet<String> = procedure
        .as_deref()
        .map(|procedure| procedure.runner.current_highlights().into_iter().map(str::to_owned).collect())
        .unwrap_or_default();
    if highlighted.0 != now {
        highlighted.0 = now;
    }
}

/// Demonstration: feeds the level's golden path to the runner at its own times (however
/// coarse the frames), sped up.
fn autoplay_golden_path(
    options: Res<crate::LaunchOptions>,
    mut procedure: ResMut<ActiveProcedure>,
    mut time: ResMut<Time<Virtual>>,
) {
    if options.autoplay.is_none() {
        return;
    }
    time.set_relative_speed_f64(AUTOPLAY_SPEED);
    time.set_max_delta(std::time::Duration::from_secs(10));
    let now = level_clock(&time) - procedure.started_at;
    let start = procedure.started_at;
    while let Some(entry) =
        procedure.runner.level().golden_path.get(procedure.played).filter(|e| e.at() <= now).cloned()
    {
        let at = start + entry.at();
        let events = match entry {
            cleanroom_core::level::GoldenEntry::Do { action, .. } => procedure.runner.act(at, action),
            cleanroom_core::level::GoldenEntry::Observe { of, key, value, .. } => {
                procedure.runner.observe(at, &of, &key, value)
            }
        };
        procedure.queued.extend(events);
        procedure.played += 1;
    }
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
