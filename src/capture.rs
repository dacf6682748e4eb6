//! Checks and captures the program can run by itself: a screenshot of a named viewpoint, the
//! XR smoke test (frames submitted while the OpenXR session runs) and a start-up check.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use bevy::render::{Render, RenderApp};
use bevy_mod_openxr::init::should_run_frame_loop;
use bevy_mod_openxr::render::end_frame;
use bevy_mod_openxr::resources::OxrFrameState;
use bevy_mod_xr::session::{XrRenderSystems, XrState};

use crate::LaunchOptions;
use crate::cleanroom::equipment::Station;
use crate::input::{Hand, HandState};
use crate::player::PlayerCamera;
use crate::screens::Screen;

/// How long the XR smoke test waits for its frames before it fails. Under software rendering
/// on a loaded 2-core machine a frame has been seen to take two seconds; the limit is far
/// above what the few frames the test asks for need there.
const XR_SMOKE_TIMEOUT: Duration = Duration::from_secs(300);

pub(super) fn plugin(app: &mut App) {
    let frames = XrFramesSubmitted::default();
    app.insert_resource(frames.clone());
    if let Some(render_app) = app.get_sub_app_mut(RenderApp)
        && render_app.world().contains_resource::<XrState>()
    {
        render_app.insert_resource(frames);
        render_app.add_systems(
            Render,
            count_submitted_frames.in_set(XrRenderSystems::PostRender).after(end_frame).run_if(should_run_frame_loop),
        );
    }
    app.add_systems(Update, capture_when_ready);
    app.add_systems(Update, (xr_smoke, quit_after).run_if(in_state(Screen::Session)));
}

/// XR frames ended (submitted) while the session was running; shared with the render world.
#[derive(Resource, Clone, Default)]
pub struct XrFramesSubmitted(Arc<AtomicU64>);

impl XrFramesSubmitted {
    pub fn count(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

fn count_submitted_frames(
    frames: Res<XrFramesSubmitted>,
    state: Option<Res<XrState>>,
    frame: Option<Res<OxrFrameState>>,
) {
    if state.as_deref() == Some(&XrState::Running) && frame.is_some_and(|frame| frame.should_render) {
        frames.0.fetch_add(1, Ordering::Relaxed);
    }
}

/// Takes the screenshot once the session has rendered the asked number of frames, checks the
/// stations that must be in view, then exits (after the file is written).
fn capture_when_ready(
    mut commands: Commands,
    options: Res<LaunchOptions>,
    mut frames: Local<u32>,
    mut taken: Local<bool>,
    camera: Query<(&Camera, &GlobalTransform), With<PlayerCamera>>,
    xr_frames: Res<XrFramesSubmitted>,
    screen: Res<State<Screen>>,
    demo: Option<Res<crate::demo::Demo>>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(capture) = options.capture.as_ref() else {
        return;
    };
    // The picture is of the menu, of the debrief after a demonstration, or of the cleanroom.
    let wanted = if capture.view.as_deref() == Some(crate::MENU_VIEW) {
        Screen::MainMenu
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
            let Some(station) = Station::ALL.into_iter().find(|station| station.id() == id) else {
                error!("capture: unknown station {id}");
                exit.write(AppExit::from_code(3));
                return;
            };
            // About where its screen and controls are: what a trainee looks at.
            let point = station.position() + Vec3::Y * 1.4;
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
    let path = capture.path.clone();
    let mut save = save_to_disk(path.clone());
    commands.spawn(Screenshot::primary_window()).observe(
        move |event: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
            save(event);
            info!("capture: wrote {}", path.display());
            exit.write(AppExit::Success);
        },
    );
}

/// Exits 0 once enough XR frames were submitted while running (and logs the controllers'
/// tracked poses as the hands see them); fails without XR or on timeout.
fn xr_smoke(
    options: Res<LaunchOptions>,
    frames: Res<XrFramesSubmitted>,
    state: Option<Res<XrState>>,
    hands: Query<(&Hand, &HandState)>,
    mut started: Local<Option<Instant>>,
    mut reported: Local<bool>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(needed) = options.xr_smoke_frames.filter(|_| !*reported) else {
        return;
    };
    let started = *started.get_or_insert_with(Instant::now);
    if state.as_deref().is_none_or(|state| *state == XrState::Unavailable) {
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
        error!("xr-smoke: timed out with {submitted}/{needed} frames (state {:?})", state.as_deref());
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
