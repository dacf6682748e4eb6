//! cleanroom: a training game for GMP manufacturing of cell therapies, in a headset or on a
//! desktop. This crate is the 3D game; the procedure engine and station models live in the
//! Bevy-free `cleanroom_core` crate.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::window::{PresentMode, WindowResolution};

pub mod actions;
pub mod capture;
pub mod cleanroom;
pub mod demo;
pub mod frame_bench;
pub mod headless;
pub mod i18n;
pub mod input;
pub mod interaction;
pub mod layout;
pub mod log_file;
pub mod paths;
pub mod player;
pub mod procedure;
pub mod records;
pub mod review;
pub mod screens;
pub mod settings;
pub mod signals;
pub mod startup_bench;
pub mod stations;
pub mod third_party;
pub mod ui;

/// How the program was started (command-line options).
#[derive(Resource, Debug, Clone, Default)]
pub struct LaunchOptions {
    /// Never try a headset.
    pub desktop: bool,
    /// Render a named viewpoint to a PNG and exit.
    pub capture: Option<Capture>,
    /// Exit 0 once this many XR frames were submitted with the session running.
    pub xr_smoke_frames: Option<u64>,
    /// Exit 0 after this many frames of the session (a start-up check).
    pub quit_after_frames: Option<u32>,
    /// The interface language; None: the saved setting (English at first).
    pub language: Option<i18n::Language>,
    /// Play this level's golden path by itself (a demonstration of what an expert does).
    pub autoplay: Option<String>,
    /// Play the level in assessment mode rather than guided.
    pub assessment: bool,
    /// Start this level straight away, skipping the menu.
    pub level: Option<String>,
    /// Play a scripted interaction demonstration (for documentation captures).
    pub demo: Option<String>,
    /// The window's size in pixels; None: the default for the mode.
    pub window_size: Option<UVec2>,
    /// The headset's per-eye render size in pixels, where the runtime allows it; None: the
    /// runtime's recommended size.
    pub xr_eye_size: Option<UVec2>,
    /// Time the rendering of frames from this viewpoint, print the figures and exit
    /// (`cleanroom render-bench`).
    pub render_bench: Option<(String, frame_bench::FrameBench)>,
    /// Measure the start-up time or the resident memory, print it and exit
    /// (`cleanroom startup-bench`, `cleanroom memory-bench`).
    pub startup_bench: Option<startup_bench::StartupBench>,
    /// The trainee named on the command line or by the learning system that launched the game.
    pub trainee: Option<(cleanroom_core::records::attempt::Trainee, cleanroom_core::records::attempt::SignedInBy)>,
    /// The learning record store named on the command line or by a cmi5 launch (else the
    /// `lrs.ron` file, if there is one).
    pub lrs: Option<cleanroom_core::records::xapi::LrsConfig>,
    /// Open the after-action review of this attempt (its id, or `latest`: the newest that ended)
    /// once the game has loaded.
    pub review: Option<String>,
    /// The moment the review opens at, in level time.
    pub review_at: Option<f64>,
    /// Open the instructor's own window beside the trainee's (a trainee at the desktop).
    pub instructor_window: bool,
    /// Start each session standing at this named place instead of the corridor.
    pub start_at: Option<String>,
    /// Log every raw interaction (used, grabbed, released, dial turned, button pressed, told).
    pub trace_interactions: bool,
}

impl LaunchOptions {
    /// A check or a capture: it runs the same way on every machine, so it neither reads nor
    /// writes the trainee's saved settings.
    pub fn is_check(&self) -> bool {
        self.capture.is_some()
            || self.xr_smoke_frames.is_some()
            || self.quit_after_frames.is_some()
            || self.render_bench.is_some()
            || self.startup_bench.is_some()
    }

    /// The viewpoint a capture or a render benchmark looks from, or the session starts at.
    pub fn view(&self) -> Option<&str> {
        let bench = self.render_bench.as_ref().map(|(view, _)| view.as_str());
        self.capture.as_ref().and_then(|capture| capture.view.as_deref()).or(bench).or(self.start_at.as_deref())
    }

    /// Checks, captures and demonstrations skip the menu and go straight into the cleanroom,
    /// except a capture of the menu itself or of a review.
    pub fn starts_in_session(&self) -> bool {
        let menu_capture = self.capture.as_ref().is_some_and(|capture| capture.view.as_deref() == Some(MENU_VIEW));
        // A review opens from the menu.
        !menu_capture
            && self.review.is_none()
            && (self.capture.is_some()
                || self.xr_smoke_frames.is_some()
                || self.quit_after_frames.is_some()
                || self.autoplay.is_some()
                || self.level.is_some()
                || self.render_bench.is_some())
    }
}

/// The window's size on the desktop, and the size of a documentation capture.
pub const WINDOW_SIZE: UVec2 = UVec2::new(1440, 900);
const CAPTURE_SIZE: UVec2 = UVec2::new(1600, 900);

/// The capture view name that shows the main menu instead of a place in the cleanroom.
pub const MENU_VIEW: &str = "menu";

/// A screenshot to take.
#[derive(Debug, Clone)]
pub struct Capture {
    pub path: PathBuf,
    /// A viewpoint name (a room's or a station's, see `stations::viewpoint`); None keeps the trainee's view.
    pub view: Option<String>,
    /// Frames to render before the shot (lets lighting and textures settle).
    pub frames: u32,
    /// Station ids that must be in the picture, or the capture fails.
    pub expect_in_view: Vec<String>,
}

/// Whether an OpenXR runtime and headset were found at start-up.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisplayMode {
    Headset,
    Desktop { forced: bool },
}

/// The order of the game's own systems within `Update`: one chain, so no module imports
/// another only to run before or after it.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppSystems {
    /// The trainee moves.
    Move,
    /// Hands point, use, grab, carry and turn.
    Interact,
    /// What the hands did becomes semantic actions (and the world's own mechanics: doors,
    /// sockets).
    Translate,
    /// The stations' models apply the actions and report their state.
    Operate,
    /// The procedure judges the actions and the stations' reports.
    Judge,
    /// The world and the screens show what the models and the procedure now say.
    Present,
}

/// The order of what happens as a session starts: the world and the stations are reset, then
/// the level starts (and replays its prerequisites).
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SessionSystems {
    Reset,
    Start,
}

/// Builds the whole game: window, renderer, XR when available, and every game plugin.
pub fn app(options: LaunchOptions) -> App {
    let mut app = App::new();
    let default_size = if options.capture.is_some() { CAPTURE_SIZE } else { WINDOW_SIZE };
    let size = options.window_size.unwrap_or(default_size);
    let window = Window {
        title: "Cleanroom — GMP cell-therapy training".into(),
        resolution: WindowResolution::new(size.x, size.y),
        // An XR session paces frames itself; the spectator window must not throttle it.
        present_mode: if options.desktop { PresentMode::AutoVsync } else { PresentMode::AutoNoVsync },
        ..default()
    };
    // Every run logs to its file too (tests and scripts point CLEANROOM_LOG elsewhere).
    if let Some(path) = paths::log_file() {
        app.insert_resource(log_file::LogFile(path));
    }
    let log = bevy::log::LogPlugin { custom_layer: log_file::file_layer, ..default() };
    let default_plugins = DefaultPlugins
        .set(log)
        // Closing the instructor's window leaves the game running; closing the game's ends it.
        .set(WindowPlugin {
            primary_window: Some(window),
            exit_condition: bevy::window::ExitCondition::OnPrimaryClosed,
            ..default()
        })
        .set(AssetPlugin {
            file_path: asset_root().to_string_lossy().into_owned(),
            // Editing a level file while it is played reloads it.
            watch_for_changes_override: Some(true),
            ..default()
        });
    procedure::register_level_source(&mut app);
    if options.desktop {
        app.add_plugins(default_plugins);
    } else {
        third_party::openxr::add_plugins(&mut app, default_plugins, options.xr_eye_size);
    }
    let mode = if third_party::openxr::headset_found(&app) {
        info!("cleanroom: starting in XR mode (an OpenXR runtime with a headset was found)");
        DisplayMode::Headset
    } else if options.desktop {
        info!("cleanroom: starting in desktop mode (--desktop)");
        DisplayMode::Desktop { forced: true }
    } else {
        info!("cleanroom: starting in desktop mode (no OpenXR runtime or headset found)");
        DisplayMode::Desktop { forced: false }
    };
    app.insert_resource(mode);
    let settings_file = if options.is_check() { None } else { paths::settings_file() };
    let saved = settings_file.as_deref().map(settings::load).unwrap_or_default();
    let language = options.language.unwrap_or(saved.language());
    app.insert_resource(language);
    app.insert_resource(saved.height());
    if let Some(path) = settings_file {
        // A language named on the command line is this run's, not a new setting.
        app.insert_resource(settings::SettingsFile { path, saved: settings::Settings::of(language, saved.height()) });
    }
    if let Some((_, bench)) = &options.render_bench {
        app.insert_resource(bench.clone());
    }
    if let Some(bench) = &options.startup_bench {
        app.insert_resource(bench.clone());
    }
    // Checks, captures and demonstrations record nothing; a trainee's session records everything.
    if !options.is_check()
        && options.autoplay.is_none()
        && let Some(store) = paths::record_store()
    {
        let lrs = options.lrs.clone().or_else(|| records::lrs_from_file(paths::lrs_file().as_deref()));
        app.insert_resource(records::RecordsConfig { store, lrs });
    } else if options.review.is_some()
        && let Some(store) = paths::record_store()
    {
        // A review only reads the store, so a capture of one reads this machine's records.
        app.insert_resource(review::ReviewStore(store));
    }
    if let Some((trainee, by)) = &options.trainee {
        app.insert_resource(records::SignedInTrainee { trainee: Some(trainee.clone()), by: Some(*by) });
    }
    app.insert_resource(options);
    app.add_plugins((AppPlugin, ui::plugin, capture::plugin, demo::plugin, frame_bench::plugin, startup_bench::plugin));
    app
}

/// Every id the 3D cleanroom answers to, found by building the whole world without a window
/// or a renderer and listing what it contains (`cleanroom world-ids`, `cleanroom check`).
pub fn world_ids() -> cleanroom_core::procedure::WorldIds {
    let mut app = App::new();
    procedure::register_level_source(&mut app);
    app.add_plugins((
        MinimalPlugins,
        bevy::state::app::StatesPlugin,
        TransformPlugin,
        AssetPlugin { file_path: asset_root().to_string_lossy().into_owned(), ..default() },
        bevy::mesh::MeshPlugin,
        bevy::image::ImagePlugin::default(),
    ));
    app.init_asset::<StandardMaterial>();
    app.add_plugins(AppPlugin);
    app.finish();
    app.cleanup();
    // The first frame runs the startup systems (the palette, the stations' build steps).
    app.update();
    cleanroom::build_all(app.world_mut());
    let world = app.world_mut();
    let objects: Vec<String> = world.query::<&actions::LevelId>().iter(world).map(|id| id.0.clone()).collect();
    procedure::world_ids(objects)
}

/// Where the game's assets are (see `paths`); a folder not found is said once, with where it
/// was looked for.
pub fn asset_root() -> PathBuf {
    let found = paths::assets();
    if !found.exists {
        let searched: Vec<String> = found.searched.iter().map(|(path, _)| path.display().to_string()).collect();
        error!("the game's assets were not found; looked in {}", searched.join(", "));
    }
    found.path
}

/// The main world's schedules run their systems one after another on one thread. The game's
/// systems are many and each is small: handing each to a worker thread cost more than the work
/// itself. Measured with `benches/frame.rs` (a level in progress, the hand busy, 686 entities;
/// 2 cores): one frame's update took a median of 2.7 ms and a 99th percentile of 7.3 ms with
/// Bevy's multi-threaded executor, and 0.22 ms and 0.53 ms on one thread. Rendering keeps its
/// own schedules and threads; asset loading keeps its task pools.
fn run_main_schedules_on_one_thread(app: &mut App) {
    fn one_thread(app: &mut App, label: impl bevy::ecs::schedule::ScheduleLabel) {
        app.edit_schedule(label, |schedule| {
            schedule.set_executor(bevy::ecs::schedule::SingleThreadedExecutor::new());
        });
    }
    one_thread(app, First);
    one_thread(app, PreUpdate);
    one_thread(app, StateTransition);
    one_thread(app, RunFixedMainLoop);
    one_thread(app, FixedFirst);
    one_thread(app, FixedPreUpdate);
    one_thread(app, FixedUpdate);
    one_thread(app, FixedPostUpdate);
    one_thread(app, FixedLast);
    one_thread(app, Update);
    one_thread(app, PostUpdate);
    one_thread(app, Last);
}

/// Every game plugin that works without a renderer: world, input, interaction, screens.
/// Headless tests add this to `MinimalPlugins`.
pub struct AppPlugin;

impl Plugin for AppPlugin {
    fn build(&self, app: &mut App) {
        app.configure_sets(
            Update,
            (
                AppSystems::Move,
                AppSystems::Interact,
                AppSystems::Translate,
                AppSystems::Operate,
                AppSystems::Judge,
                AppSystems::Present,
            )
                .chain()
                .run_if(in_state(screens::Pause::Running)),
        );
        app.configure_sets(OnEnter(screens::Screen::Session), (SessionSystems::Reset, SessionSystems::Start).chain());
        run_main_schedules_on_one_thread(app);
        if !app.world().contains_resource::<LaunchOptions>() {
            app.insert_resource(LaunchOptions::default());
        }
        if !app.world().contains_resource::<DisplayMode>() {
            app.insert_resource(DisplayMode::Desktop { forced: true });
        }
        app.add_plugins((
            actions::plugin,
            i18n::plugin,
            third_party::plugin,
            screens::plugin,
            cleanroom::plugin,
            input::plugin,
            interaction::plugin,
            player::plugin,
            procedure::plugin,
            records::plugin,
            review::plugin,
            settings::plugin,
            signals::plugin,
            stations::plugin,
        ));
    }
}
