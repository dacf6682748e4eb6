//! The `cleanroom` program: plays the game, or checks level files with `cleanroom check`.

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::NextState;
use clap::{Parser, Subcommand};
use cleanroom::{Capture, LaunchOptions, i18n::Language};
use cleanroom_core::records::attempt::{SignedInBy, Trainee};
use cleanroom_core::records::xapi::LrsConfig;

#[derive(Parser, Debug)]
#[command(
    name = "cleanroom",
    version = cleanroom::paths::VERSION,
    about = "GMP cell-therapy manufacturing training, in VR and on a desktop"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Play on the desktop even if a headset is available.
    #[arg(long)]
    desktop: bool,
    /// Interface language (default: the one chosen last time in the menu, else English).
    #[arg(long, global = true, value_parser = ["en", "ko"])]
    language: Option<String>,
    /// Render to this PNG file and exit (capture mode).
    #[arg(long, value_name = "PNG")]
    screenshot: Option<PathBuf>,
    /// Named viewpoint for the capture: corridor, airlock, processing_room, bioreactor,
    /// apheresis, fill_finish, biosafety_cabinet; or menu for the main menu.
    #[arg(long, requires = "screenshot")]
    view: Option<String>,
    /// Frames to render before the capture.
    #[arg(long, default_value_t = 30)]
    frames: u32,
    /// Station ids that must be in the captured picture, comma-separated; the capture fails otherwise.
    #[arg(long, value_delimiter = ',', requires = "screenshot")]
    expect_in_view: Vec<String>,
    /// XR smoke test: exit 0 after this many frames were submitted with the session running.
    #[arg(long, value_name = "FRAMES")]
    xr_smoke: Option<u64>,
    /// Exit 0 after this many frames in the cleanroom (a start-up check).
    #[arg(long, value_name = "FRAMES")]
    quit_after: Option<u32>,
    /// Demonstrate a level: its golden path plays by itself, then the debrief shows.
    #[arg(long, value_name = "LEVEL_ID")]
    autoplay: Option<String>,
    /// Play in assessment mode (no hints) instead of guided.
    #[arg(long)]
    assessment: bool,
    /// Start this level straight away, skipping the menu (e.g. when a learning system launches it).
    #[arg(long, value_name = "LEVEL_ID")]
    level: Option<String>,
    /// Window size in pixels, e.g. 800x450 (default 1440x900; 1600x900 for a capture).
    #[arg(long, value_name = "WIDTHxHEIGHT", value_parser = parse_size)]
    window_size: Option<bevy::math::UVec2>,
    /// Headset render size per eye in pixels, e.g. 640x720, where the runtime allows it
    /// (default: the runtime's recommended size).
    #[arg(long, value_name = "WIDTHxHEIGHT", value_parser = parse_size)]
    xr_eye_size: Option<bevy::math::UVec2>,
    /// Play a scripted interaction before a capture: grab, socket or weld.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(cleanroom::demo::DEMOS.iter().copied()))]
    demo: Option<String>,
    /// Start the session standing at a named place (see --view) instead of the corridor: an
    /// instructor's shortcut to a station, and what the XR tests start from.
    #[arg(long, value_name = "PLACE", conflicts_with = "screenshot")]
    start_at: Option<String>,
    /// Log every raw interaction (used, grabbed, released, dial turned, touchscreen button
    /// pressed, what the trainee was told) with the entity and the hand.
    #[arg(long)]
    trace_interactions: bool,
    /// Open the after-action review of a recorded attempt: its id, or `latest` (the newest that
    /// ended on this machine).
    #[arg(long, value_name = "ATTEMPT|latest")]
    review: Option<String>,
    /// Open the instructor's own window beside the game's, for a trainee who plays on the
    /// desktop: the trainee's view, the room from above with their path, and the instructor's
    /// panel (steps, clock, deviations, stations' values, interventions).
    #[arg(long)]
    instructor_window: bool,
    /// The moment the review opens at, in seconds of level time (with --review).
    #[arg(long, value_name = "SECONDS", requires = "review")]
    review_at: Option<f64>,
    /// Sign this trainee in (their id at the training centre; with --trainee-name).
    #[arg(long, global = true, requires = "trainee_name")]
    trainee_id: Option<String>,
    /// The signed-in trainee's name (with --trainee-id).
    #[arg(long, global = true, requires = "trainee_id")]
    trainee_name: Option<String>,
    /// Send the records' xAPI statements to this LRS (its xAPI endpoint), instead of the one in
    /// lrs.ron; with --lrs-key, --lrs-secret and --lrs-home-page.
    #[arg(long, global = true, value_name = "URL", requires_all = ["lrs_key", "lrs_secret", "lrs_home_page"])]
    lrs_endpoint: Option<String>,
    /// The LRS's basic-auth key.
    #[arg(long, global = true)]
    lrs_key: Option<String>,
    /// The LRS's basic-auth secret.
    #[arg(long, global = true)]
    lrs_secret: Option<String>,
    /// The training centre's home page: trainees are accounts there, by their id.
    #[arg(long, global = true, value_name = "URL")]
    lrs_home_page: Option<String>,
    /// Launched by a learning system: the cmi5 launch URL (or its query string, with endpoint,
    /// fetch, actor, registration and activityId). The LMS names the trainee and receives the
    /// statements; the level is --level or the launch data's `level=` parameter.
    #[arg(long, global = true, value_name = "LAUNCH_URL")]
    cmi5: Option<String>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check level files (a file or a directory of *.level.ron files; default: the shipped
    /// levels and the instructors' own folder together, so a clash of ids between them is
    /// reported), including that the 3D cleanroom has every object and control they name.
    Check { paths: Vec<PathBuf> },
    /// Write the ids the 3D cleanroom answers to (objects, controls, stations), one a line,
    /// for `cleanroom-check --world FILE`.
    WorldIds {
        /// The file to write (default: print them).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Print where the game reads its assets and levels, and what it writes where.
    Paths,
    /// Render frames of a named viewpoint (or of a plain Bevy scene: --baseline), time them,
    /// print the median and 99th percentile with what the scene holds, and exit.
    RenderBench {
        /// The viewpoint (see --view); ignored with --baseline.
        #[arg(long, default_value = "processing_room")]
        view: String,
        /// Render a plain Bevy scene (a floor, a cube, one light) instead of the cleanroom.
        #[arg(long)]
        baseline: bool,
        /// Frames to time.
        #[arg(long, default_value_t = 200)]
        frames: u32,
        /// Frames rendered before timing starts.
        #[arg(long, default_value_t = 30)]
        warmup: u32,
        /// Window size in pixels (default 1600x900).
        #[arg(long, value_name = "WIDTHxHEIGHT", value_parser = parse_size)]
        window_size: Option<bevy::math::UVec2>,
    },
    /// Start, time how long the main menu takes to be shown with the levels listed (or an empty
    /// Bevy window: --baseline), print it and exit.
    StartupBench {
        /// Time an empty Bevy window instead of the game.
        #[arg(long)]
        baseline: bool,
        /// Window size in pixels (default 1440x900, the game's).
        #[arg(long, value_name = "WIDTHxHEIGHT", value_parser = parse_size)]
        window_size: Option<bevy::math::UVec2>,
    },
    /// The records store: `cleanroom records verify` checks the whole audit trail.
    Records {
        #[command(subcommand)]
        command: RecordsCommand,
    },
    /// Write the instructors' report: one self-contained HTML page (the cohort and each trainee:
    /// attempts, pass rate, score over attempts, time per step, deviations by severity and by
    /// level, with charts), and with --csv the same figures as CSV tables. The records are only
    /// read, and verified first; the report says whether they were intact.
    Report {
        /// The HTML file to write.
        #[arg(long, value_name = "HTML", default_value = "cleanroom-report.html")]
        out: PathBuf,
        /// Also write attempts.csv, steps.csv and deviations.csv into this folder.
        #[arg(long, value_name = "FOLDER")]
        csv: Option<PathBuf>,
        /// Only this trainee, by id (repeat for several).
        #[arg(long = "trainee", value_name = "ID")]
        trainees: Vec<String>,
        /// Only this level (repeat for several).
        #[arg(long = "level", value_name = "LEVEL_ID")]
        levels: Vec<String>,
        /// Read this records folder instead of this machine's store: a copy brought from another
        /// machine (its records.sqlite, with records.key and records.checkpoint beside it to
        /// verify it). Repeat to report on several machines together.
        #[arg(long = "records", value_name = "FOLDER")]
        records: Vec<PathBuf>,
    },
    /// Play a level's expert path as the signed-in trainee (--trainee-id, --trainee-name),
    /// without a window, recording it (and sending its statements to the LRS) as a session at
    /// the desktop would; print the outcome and what was recorded and delivered. For load
    /// tests of the records and the LRS.
    PlayHeadless {
        #[arg(long, value_name = "LEVEL_ID")]
        level: String,
        /// Assessment mode instead of guided.
        #[arg(long)]
        assessment: bool,
        /// How long to wait for the LRS to take the statements, in seconds.
        #[arg(long, default_value_t = 120)]
        deliver_within: u64,
        /// Play the level this many times, one attempt after another, saying after each when
        /// its records are on disk.
        #[arg(long, default_value_t = 1)]
        repeat: u32,
        /// Walk to each object before acting on it (through the doorways), so the record has a
        /// path through the room for the after-action review.
        #[arg(long)]
        walk: bool,
    },
    /// Load every level, play one by its golden path to the debrief, print the resident memory
    /// and exit.
    MemoryBench {
        /// The level played.
        #[arg(long, default_value = "bioreactor_feed_harvest")]
        level: String,
    },
}

#[derive(Subcommand, Debug)]
enum RecordsCommand {
    /// Check every record against the hash chain and the signed checkpoint, and name each one
    /// that was edited, deleted, inserted or put out of order (exit 1 if any).
    Verify,
}

fn main() -> ExitCode {
    // What `startup-bench` times from.
    let started = std::time::Instant::now();
    cleanroom::signals::install();
    let mut cli = Cli::parse();
    let (mut trainee, mut lrs) = match who_and_where(&cli) {
        Ok(given) => given,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let mut language_preference = None;
    if let Some(launch) = &cli.cmi5 {
        match cmi5_launch(launch) {
            Ok((launched, level)) => {
                eprintln!(
                    "cmi5: launched for {} ({}); statements to {}",
                    launched.trainee.name, launched.trainee.id, launched.lrs.endpoint
                );
                trainee = Some((launched.trainee, SignedInBy::LearningSystem));
                language_preference = launched.language_preference.first().cloned();
                lrs = Some(launched.lrs);
                if cli.level.is_none() {
                    cli.level = level;
                }
            }
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    match cli.command {
        Some(Command::Check { paths }) => {
            let paths = if paths.is_empty() { default_check_paths() } else { paths };
            let world = cleanroom::world_ids();
            let report = cleanroom_core::procedure::check_paths_in_world(&paths, Some(&world));
            println!("{}", report.to_string().trim_end());
            return if report.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS };
        }
        Some(Command::WorldIds { out }) => {
            let text = cleanroom::world_ids().to_text();
            let Some(out) = out else {
                print!("{text}");
                return ExitCode::SUCCESS;
            };
            return match std::fs::write(&out, text) {
                Ok(()) => {
                    println!("wrote {}", out.display());
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("error: cannot write {}: {error}", out.display());
                    ExitCode::FAILURE
                }
            };
        }
        Some(Command::Paths) => {
            print!("{}", cleanroom::paths::report());
            return ExitCode::SUCCESS;
        }
        Some(Command::RenderBench { view, baseline, frames, warmup, window_size }) => {
            let size = window_size.unwrap_or(bevy::math::UVec2::new(1600, 900));
            let label =
                if baseline { "baseline (a floor, a cube, one light)".to_owned() } else { format!("cleanroom {view}") };
            let bench = cleanroom::frame_bench::FrameBench { label, warmup, frames };
            if baseline {
                return exit_code(cleanroom::frame_bench::baseline_app(size, bench).run());
            }
            if cleanroom::stations::viewpoint(&view).is_none() {
                let names = cleanroom::stations::viewpoint_names();
                eprintln!("error: unknown view '{view}'; the views are: {}", names.join(", "));
                return ExitCode::from(2);
            }
            let options = LaunchOptions {
                desktop: true,
                window_size: Some(size),
                render_bench: Some((view, bench)),
                ..LaunchOptions::default()
            };
            return exit_code(cleanroom::app(options).run());
        }
        Some(Command::Records { command: RecordsCommand::Verify }) => return verify_records(),
        Some(Command::Report { out, csv, trainees, levels, records }) => {
            let language =
                cleanroom_core::records::report::Language::from_code(cli.language.as_deref().unwrap_or("en"));
            return report(
                &out,
                csv.as_deref(),
                cleanroom_core::records::report::Filter { trainees, levels },
                records,
                language,
            );
        }
        Some(Command::StartupBench { baseline, window_size }) => {
            let size = window_size.unwrap_or(cleanroom::WINDOW_SIZE);
            if baseline {
                return exit_code(cleanroom::startup_bench::baseline_app(size, started).run());
            }
            let options = LaunchOptions {
                desktop: true,
                window_size: Some(size),
                startup_bench: Some(cleanroom::startup_bench::StartupBench::Menu { started }),
                ..LaunchOptions::default()
            };
            return exit_code(cleanroom::app(options).run());
        }
        Some(Command::PlayHeadless { level, assessment, deliver_within, repeat, walk }) => {
            let Some((trainee, by)) = trainee else {
                eprintln!("error: play-headless plays as a trainee: give --trainee-id and --trainee-name");
                return ExitCode::from(2);
            };
            return play_headless(&level, assessment, walk, (trainee, by), lrs, deliver_within, repeat);
        }
        Some(Command::MemoryBench { level }) => {
            let options = LaunchOptions {
                desktop: true,
                autoplay: Some(level),
                startup_bench: Some(cleanroom::startup_bench::StartupBench::Memory),
                ..LaunchOptions::default()
            };
            return exit_code(cleanroom::app(options).run());
        }
        None => {}
    }
    if let Some(view) = cli.view.as_ref().or(cli.start_at.as_ref())
        && view != cleanroom::MENU_VIEW
        && cleanroom::stations::viewpoint(view).is_none()
    {
        let names = cleanroom::stations::viewpoint_names();
        eprintln!("error: unknown view '{view}'; the views are: {}, {}", names.join(", "), cleanroom::MENU_VIEW);
        return ExitCode::from(2);
    }
    let options = LaunchOptions {
        desktop: cli.desktop,
        capture: cli.screenshot.map(|path| Capture {
            path,
            view: cli.view,
            frames: cli.frames,
            expect_in_view: cli.expect_in_view,
        }),
        xr_smoke_frames: cli.xr_smoke,
        quit_after_frames: cli.quit_after,
        language: cli
            .language
            .or(language_preference.filter(|code| code.starts_with("ko") || code.starts_with("en")))
            .map(|code| if code.starts_with("ko") { Language::Korean } else { Language::English }),
        autoplay: cli.autoplay,
        assessment: cli.assessment,
        level: cli.level,
        demo: cli.demo,
        window_size: cli.window_size,
        xr_eye_size: cli.xr_eye_size,
        render_bench: None,
        startup_bench: None,
        trainee,
        lrs,
        review: cli.review,
        review_at: cli.review_at,
        instructor_window: cli.instructor_window,
        start_at: cli.start_at,
        trace_interactions: cli.trace_interactions,
    };
    // A level started from the command line is recorded like one started at the menu: under
    // someone's name.
    if options.level.is_some() && options.autoplay.is_none() && !options.is_check() && options.trainee.is_none() {
        eprintln!(
            "error: --level records an attempt: say who is training with --trainee-id and --trainee-name (or launch with --cmi5)"
        );
        return ExitCode::from(2);
    }
    exit_code(cleanroom::app(options).run())
}

/// The trainee and the LRS named on the command line.
fn who_and_where(cli: &Cli) -> Result<(Option<(Trainee, SignedInBy)>, Option<LrsConfig>), String> {
    let trainee = match (&cli.trainee_id, &cli.trainee_name) {
        (Some(id), Some(name)) => Some((
            Trainee::new(id, name).ok_or("--trainee-id and --trainee-name must not be empty")?,
            SignedInBy::CommandLine,
        )),
        _ => None,
    };
    let lrs = match (&cli.lrs_endpoint, &cli.lrs_key, &cli.lrs_secret, &cli.lrs_home_page) {
        (Some(endpoint), Some(key), Some(secret), Some(home_page)) => {
            if !endpoint.starts_with("http://") && !endpoint.starts_with("https://") {
                return Err(format!("--lrs-endpoint {endpoint} is not an http or https address"));
            }
            Some(LrsConfig::basic(endpoint, key, secret, home_page, "urn:cleanroom:level:"))
        }
        _ => None,
    };
    Ok((trainee, lrs))
}

/// A cmi5 launch: the token fetched, the launch data read; the level the launch data names.
fn cmi5_launch(launch: &str) -> Result<(cleanroom_core::records::cmi5::Launched, Option<String>), String> {
    use cleanroom_core::records::cmi5;
    let parameters = cmi5::LaunchParameters::parse(launch).map_err(|error| error.to_string())?;
    eprintln!("cmi5: fetching the auth token and the launch data from {}", parameters.endpoint);
    let launched = cmi5::launch(&parameters).map_err(|error| error.to_string())?;
    // The launch data's parameters name the level: `level=<id>`, or the id alone.
    let level = launched.lrs.cmi5.as_ref().and_then(|cmi5| cmi5.launch_parameters.as_deref()).map(|parameters| {
        let parameters = parameters.trim();
        parameters.split(['&', ';', ' ']).find_map(|pair| pair.strip_prefix("level=")).unwrap_or(parameters).to_owned()
    });
    Ok((launched, level.filter(|level| !level.is_empty())))
}

/// `cleanroom play-headless`.
fn play_headless(
    level: &str,
    assessment: bool,
    walk: bool,
    trainee: (Trainee, SignedInBy),
    lrs: Option<LrsConfig>,
    deliver_within: u64,
    repeat: u32,
) -> ExitCode {
    let Some(store) = cleanroom::paths::record_store() else {
        eprintln!("error: no home folder, so no records store (set CLEANROOM_RECORDS and CLEANROOM_RECORDS_KEYS)");
        return ExitCode::FAILURE;
    };
    let mut app = cleanroom::headless::app_with_levels(&cleanroom::procedure::levels_dir());
    app.insert_resource(cleanroom::records::RecordsConfig { store, lrs });
    app.insert_resource(cleanroom::records::SignedInTrainee { trainee: Some(trainee.0), by: Some(trainee.1) });
    let mut report = None;
    for attempt in 1..=repeat.max(1) {
        if attempt > 1 {
            app.world_mut()
                .resource_mut::<NextState<cleanroom::screens::Screen>>()
                .set(cleanroom::screens::Screen::MainMenu);
            app.update();
        }
        let played = if walk {
            cleanroom::headless::play_expert_path_walking(&mut app, level, assessment)
        } else {
            cleanroom::headless::play_expert_path(&mut app, level, assessment)
        };
        match played {
            Ok(played) => report = Some(played),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
        if let Some(records) = app.world().get_resource::<cleanroom::records::Records>()
            && records.flush(std::time::Duration::from_secs(30))
        {
            println!("attempt {attempt} recorded");
        }
    }
    let Some(report) = report else { return ExitCode::FAILURE };
    let Some(records) = app.world_mut().remove_resource::<cleanroom::records::Records>() else {
        eprintln!("error: the records did not open");
        return ExitCode::FAILURE;
    };
    let written = records.flush(std::time::Duration::from_secs(30));
    let status = records.status();
    if let cleanroom_core::records::recorder::StoreState::Refused(reason) = &status.state {
        eprintln!("error: nothing was recorded: {reason}");
    }
    println!(
        "played {level}: {:?}, score {:.0}; {} records written{}",
        report.outcome,
        report.score.total,
        status.written,
        if written { "" } else { " (NOT ALL ON DISK)" }
    );
    let mut delivered = true;
    if let Some(delivery) = &records.delivery {
        delivered = delivery.wait_until_delivered(std::time::Duration::from_secs(deliver_within));
        let status = delivery.status();
        println!(
            "statements: {} delivered to {}, {} waiting ({:?})",
            status.delivered, status.endpoint, status.waiting, status.state
        );
    }
    if written && delivered { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// `cleanroom report`.
fn report(
    out: &std::path::Path,
    csv: Option<&std::path::Path>,
    filter: cleanroom_core::records::report::Filter,
    folders: Vec<PathBuf>,
    language: cleanroom_core::records::report::Language,
) -> ExitCode {
    use cleanroom_core::records::report;
    let sources = if folders.is_empty() {
        let Some(paths) = cleanroom::paths::record_store() else {
            eprintln!("error: no home folder, so no records store (set CLEANROOM_RECORDS and CLEANROOM_RECORDS_KEYS)");
            return ExitCode::FAILURE;
        };
        vec![report::Source { label: paths.database().display().to_string(), paths }]
    } else {
        let mut sources = Vec::new();
        for folder in folders {
            let paths = cleanroom_core::records::StorePaths { records: folder.clone(), keys: folder };
            if !paths.database().exists() {
                eprintln!(
                    "error: {} is not a records folder: it has no {}",
                    paths.records.display(),
                    paths.database().display()
                );
                return ExitCode::from(2);
            }
            sources.push(report::Source { label: paths.database().display().to_string(), paths });
        }
        sources
    };
    let records = match report::read(sources) {
        Ok(records) => records.filtered(&filter),
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    for source in &records.sources {
        match &source.verification {
            Ok(verification) if verification.is_intact() => {}
            Ok(verification) => eprint!("warning: {}: {verification}", source.source.label),
            Err(why) => eprintln!("warning: {} could not be verified: {why}", source.source.label),
        }
    }
    let cohort = report::summarise(&records);
    let made = report::html::Made {
        at: cleanroom_core::records::store::now(),
        by: cleanroom::paths::VERSION.to_owned(),
        filter,
    };
    let page = match report::html::render(&records, &cohort, language, &made) {
        Ok(page) => page,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = report::tables::write_whole(out, page.as_bytes()) {
        eprintln!("error: {error}");
        return ExitCode::FAILURE;
    }
    println!(
        "report: {} attempts by {} trainees at {} levels, from {} records store{} -> {}",
        records.attempts.len(),
        cohort.trainees.len(),
        cohort.levels.len(),
        records.sources.len(),
        if records.sources.len() == 1 { "" } else { "s" },
        out.display()
    );
    if let Some(folder) = csv {
        match report::tables::write_all(&records, folder) {
            Ok(written) => {
                for path in written {
                    println!("csv: {}", path.display());
                }
            }
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// `cleanroom records verify`.
fn verify_records() -> ExitCode {
    let Some(paths) = cleanroom::paths::record_store() else {
        eprintln!("error: no home folder, so no records store (set CLEANROOM_RECORDS and CLEANROOM_RECORDS_KEYS)");
        return ExitCode::FAILURE;
    };
    if !paths.database().exists() && !paths.checkpoint().exists() {
        println!("records: no store yet at {} (nothing has been recorded on this machine)", paths.database().display());
        return ExitCode::SUCCESS;
    }
    match cleanroom_core::records::store::verify_store(&paths) {
        Ok(verification) => {
            print!("{verification}");
            if verification.is_intact() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn exit_code(exit: bevy::app::AppExit) -> ExitCode {
    match exit {
        bevy::app::AppExit::Success => ExitCode::SUCCESS,
        bevy::app::AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// Reads a size written as WIDTHxHEIGHT, each at least 1 pixel.
fn parse_size(text: &str) -> Result<bevy::math::UVec2, String> {
    let invalid = || format!("'{text}' is not a size: write WIDTHxHEIGHT in pixels, e.g. 800x450");
    let (width, height) = text.split_once(['x', 'X']).ok_or_else(invalid)?;
    let width: u32 = width.trim().parse().map_err(|_| invalid())?;
    let height: u32 = height.trim().parse().map_err(|_| invalid())?;
    if width == 0 || height == 0 {
        return Err(invalid());
    }
    Ok(bevy::math::UVec2::new(width, height))
}

/// What `cleanroom check` checks when named nothing: the shipped levels, and the instructors'
/// folder when it holds any level (an empty or missing one is not worth a warning).
fn default_check_paths() -> Vec<PathBuf> {
    let mut paths = vec![cleanroom::procedure::levels_dir()];
    let user = cleanroom::paths::user_levels()
        .filter(|folder| cleanroom_core::procedure::level_files_in(folder).is_ok_and(|files| !files.is_empty()));
    match user {
        Some(folder) => {
            eprintln!("checking the shipped levels and yours in {}", folder.display());
            paths.push(folder);
        }
        None => eprintln!("checking the shipped levels (no levels of your own found)"),
    }
    paths
}
