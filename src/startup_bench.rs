//! What a start costs (`cleanroom startup-bench`, `cleanroom memory-bench`): the time from the
//! program's start to the interactive main menu, or to the first frames of an empty Bevy window
//! (the baseline, same window size and renderer); and the resident memory once every level is
//! loaded and one has been played to its debrief. Each prints one line and exits, for
//! `scripts/bench.sh`.

use std::time::Instant;

use bevy::prelude::*;

use crate::procedure::LevelCatalog;
use crate::screens::Screen;
use crate::ui::backdrop::MenuBackdrop;

/// Frames drawn after the moment measured, so that what it shows has reached the window
/// (rendering runs a frame behind the game's update).
const FRAMES_SHOWN: u32 = 2;

/// The start-up or memory measurement this run makes.
#[derive(Resource, Debug, Clone)]
pub enum StartupBench {
    /// Time from `started` (the first thing `main` does) to the main menu, shown with the
    /// levels listed and its backdrop drawn (from then on it answers at the menu's frame rate).
    Menu { started: Instant },
    /// The same for an empty Bevy window.
    Baseline { started: Instant },
    /// The resident memory at the debrief of the level played (by its golden path).
    Memory,
}

pub fn plugin(app: &mut App) {
    app.add_systems(Last, measure.run_if(resource_exists::<StartupBench>));
}

/// An empty Bevy window of `size` (Bevy's default plugins and a camera), timed like the game.
pub fn baseline_app(size: UVec2, started: Instant) -> App {
    let mut app = crate::frame_bench::plain_bevy_app("Cleanroom — start-up baseline", size);
    app.insert_resource(StartupBench::Baseline { started });
    app.add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera3d::default());
    });
    plugin(&mut app);
    app
}

fn measure(
    bench: Res<StartupBench>,
    screen: Option<Res<State<Screen>>>,
    catalog: Option<Res<LevelCatalog>>,
    backdrop: Option<Res<MenuBackdrop>>,
    mut shown: Local<u32>,
    mut exit: MessageWriter<AppExit>,
) {
    let on_screen = screen.as_ref().map(|screen| *screen.get());
    let reached = match *bench {
        StartupBench::Menu { .. } => {
            on_screen == Some(Screen::MainMenu)
                && catalog.as_ref().is_some_and(|catalog| catalog.ready)
                && backdrop.as_ref().is_some_and(|backdrop| backdrop.is_done())
        }
        StartupBench::Baseline { .. } => true,
        StartupBench::Memory => on_screen == Some(Screen::Debrief),
    };
    if !reached {
        return;
    }
    *shown += 1;
    if *shown < FRAMES_SHOWN {
        return;
    }
    match *bench {
        StartupBench::Menu { started } => {
            println!("startup: cleanroom main menu after {:.0} ms", started.elapsed().as_secs_f64() * 1000.0);
        }
        StartupBench::Baseline { started } => {
            println!("startup: empty Bevy window after {:.0} ms", started.elapsed().as_secs_f64() * 1000.0);
        }
        StartupBench::Memory => {
            let levels = catalog.as_ref().map_or(0, |catalog| catalog.entries.len());
            match resident_memory() {
                Some((now, peak)) => println!(
                    "memory: {levels} levels loaded, one played to its debrief: resident {:.0} MiB (peak {:.0} MiB)",
                    now as f64 / 1024.0,
                    peak as f64 / 1024.0
                ),
                None => println!("memory: {levels} levels loaded; resident memory unknown (no /proc/self/status)"),
            }
        }
    }
    exit.write(AppExit::Success);
}

/// This process's resident memory now and at its peak, in KiB (Linux's `/proc/self/status`).
fn resident_memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}
