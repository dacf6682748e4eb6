//! Checks and captures the program can run by itself: a screenshot of a named viewpoint, the
//! XR smoke test (frames submitted while the OpenXR session runs) and a start-up check.

use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};

use crate::LaunchOptions;
use crate::input::{Hand, HandState};
use crate::player::{Player, PlayerCamera, look_from};
use crate::screens::Screen;
use crate::third_party::openxr::{XrFramesSubmitted, XrStatus};

/// How long the XR smoke test waits for its frames before it fails. Under software rendering
/// on a loaded 2-core machine a frame has been seen to take two seconds; the limit is far
/// above what the few frames the test asks for need there.
const XR_SMOKE_TIMEOUT: Duration = Duration::from_secs(300);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Session), look_from_the_capture_view.in_set(crate::SessionSystems::Start));
    app.add_systems(Update, capture_when_ready);
    app.add_systems(Update, (xr_smoke, quit_after).run_if(in_state(Screen::Session)));
}

/// A capture of a named place starts the session looking from there.
fn look_from_the_capture_view(options: Res<LaunchOptions>, mut player: Query<(&mut Transform, &mut Player)>) {
    let view = options.view().and_then(crate::stations::viewpoint);
    if let (Some(view), Ok((mut body, mut state))) = (view, player.single_mut()) {
        look_from(view, &mut body, &mut state);
    }
}

/// Takes the screenshot once the session has rendered the asked number of frames, checks the
/// stations that must be in view, then exits (after the file is written).
#[allow(clippy::too_many_arguments)]
fn capture_when_ready(
    mut commands: Commands,
    options: Res<LaunchOptions>,
    mut frames: Local<u32>,
    mut taken: Local<bool>,
    camera: Query<(&Camera, &GlobalTransform), With<PlayerCamera>>,
    xr_frames: Res<XrFramesSubmitted>,
    screen: Res<State<Screen>>,
    demo: Option<Res<crate::demo::Demo>>,
    instructor_window: Query<Entity, With<crate::ui::instructor_window::InstructorWindow>>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(capture) = options.capture.as_ref() else {
        return;
    };
    // The picture is of the menu, of a review, of the debrief after a demonstration, or of the
    // cleanroom.
    let wanted = if capture.view.as_deref() == Some(crate::MENU_VIEW) {
        Screen::MainMenu
    } else if options.review.is_some() {
        Screen::Review
    } else if options.autoplay.is_some() {
        Screen::Debrief
    } else {
        Screen::Session
    };
    if *screen.get() != wanted {
        return;
    }
    // A demonstration plays to its end before the picture is taken.
    if demo.is_some_and(|demo| !demo.finished()) {
        return;
    }
    // With the XR smoke test, the shot waits for the headset to be running.
    if options.xr_smoke_frames.is_some_and(|needed| xr_frames.count() < needed) {
        return;
    }
    *frames += 1;
    if *taken || *frames < capture.frames {
        return;
    }
    *taken = true;
    if let Ok((camera, transform)) = camera.single() {
        for id in &capture.expect_in_view {
            let Some(station) = crate::stations::find(id) else {
                error!("capture: unknown station {id}");
                exit.write(AppExit::from_code(3));
                return;
            };
            // About where its screen and controls are: what a trainee looks at.
            let point = station.position + Vec3::Y * 1.4;
            let visible = camera.world_to_viewport(transform, point).is_ok_and(|pixel| {
                camera
                    .logical_viewport_size()
                    .is_some_and(|size| pixel.cmpge(Vec2::ZERO).all() && pixel.cmple(size).all())
            });
            if !visible {
                error!("capture: station {id} is not in view");
                exit.write(AppExit::from_code(3));
                return;
            }
            info!("capture: station {id} is in view");
        }
    }
    // The game's window, and the instructor's beside it when it is open (`NAME_instructor.png`).
    let mut shots = vec![(Screenshot::primary_window(), capture.path.clone())];
    if let Ok(window) = instructor_window.single() {
        let stem = capture.path.file_stem().map_or_else(String::new, |stem| stem.to_string_lossy().into_owned());
        shots.push((Screenshot::window(window), capture.path.with_file_name(format!("{stem}_instructor.png"))));
    }
    let needed = shots.len();
    let saved = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for (shot, path) in shots {
        let mut save = save_to_disk(path.clone());
        let saved = std::sync::Arc::clone(&saved);
        commands.spawn(shot).observe(move |event: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
            save(event);
            info!("capture: wrote {}", path.display());
            if saved.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1 == needed {
                exit.write(AppExit::Success);
            }
        });
    }
}

/// Exits 0 once enough XR frames were submitted while running (and logs the controllers'
/// tracked poses as the hands see them); fails without XR or on timeout.
fn xr_smoke(
    options: Res<LaunchOptions>,
    frames: Res<XrFramesSubmitted>,
    status: Res<XrStatus>,
    hands: Query<(&Hand, &HandState)>,
    mut started: Local<Option<Instant>>,
    mut reported: Local<bool>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(needed) = options.xr_smoke_frames.filter(|_| !*reported) else {
        return;
    };
    let started = *started.get_or_insert_with(Instant::now);
    if !status.available {
        error!("xr-smoke: no OpenXR session is available");
        exit.write(AppExit::from_code(2));
        return;
    }
    let submitted = frames.count();
    if submitted >= needed {
        *reported = true;
        for (hand, state) in &hands {
            if *hand != Hand::Desktop {
                info!("xr-smoke: {hand:?} hand tracked={} grip={:?}", state.tracked, state.grip.translation);
            }
        }
        info!("xr-smoke: {submitted} frames submitted while the session was running");
        // A capture, if asked for, decides when to exit.
        if options.capture.is_none() {
            exit.write(AppExit::Success);
        }
    } else if started.elapsed() > XR_SMOKE_TIMEOUT {
        error!("xr-smoke: timed out with {submitted}/{needed} frames (session running: {})", status.running);
        exit.write(AppExit::from_code(1));
    }
}

fn quit_after(options: Res<LaunchOptions>, mut frames: Local<u32>, mut exit: MessageWriter<AppExit>) {
    let Some(limit) = options.quit_after_frames else {
        return;
    };
    *frames += 1;
    if *frames >= limit {
        info!("quit-after: {limit} frames rendered in the session");
        exit.write(AppExit::Success);
    }
}
