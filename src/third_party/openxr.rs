//! OpenXR (bevy_mod_openxr): the headset when a runtime and a headset are found, the desktop
//! otherwise; the per-eye size asked of the runtime; and a count of the frames the session has
//! submitted, for the XR smoke test. The rest of the game asks this file, never OpenXR.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use bevy::prelude::*;
use bevy::render::{Render, RenderApp};
use bevy_mod_openxr::init::should_run_frame_loop;
use bevy_mod_openxr::render::end_frame;
use bevy_mod_openxr::resources::{OxrFrameState, OxrSessionConfig};
use bevy_mod_xr::session::{XrRenderSystems, XrState};

/// Adds Bevy's plugins with OpenXR in front of the renderer: a headset if one is found, the
/// desktop window otherwise. `eye_size` asks the runtime for that render size per eye.
pub fn add_plugins(app: &mut App, plugins: impl PluginGroup, eye_size: Option<UVec2>) {
    app.add_plugins(bevy_mod_openxr::add_xr_plugins(plugins));
    app.insert_resource(bevy::winit::WinitSettings::continuous());
    if let Some(eye) = eye_size {
        // The swapchain takes this size when the runtime's maximum allows it.
        app.insert_resource(OxrSessionConfig { resolutions: Some(vec![eye]), ..default() });
    }
}

/// Whether an OpenXR runtime with a headset was found when the plugins were added.
pub fn headset_found(app: &App) -> bool {
    app.world().get_resource::<XrState>().is_some_and(|state| *state != XrState::Unavailable)
}

pub(super) fn plugin(app: &mut App) {
    let frames = XrFramesSubmitted::default();
    app.insert_resource(frames.clone());
    app.init_resource::<XrStatus>();
    app.add_systems(PreUpdate, read_status);
    app.init_resource::<FirstFrame>();
    app.add_systems(Update, note_the_first_frame.run_if(|first: Res<FirstFrame>| first.0.is_none()));
    app.add_systems(Last, report_the_frame_rate);
    app.add_systems(Update, close_when_asked.run_if(resource_exists::<crate::signals::CloseRequested>));
    if let Some(render_app) = app.get_sub_app_mut(RenderApp)
        && render_app.world().contains_resource::<XrState>()
    {
        render_app.insert_resource(frames);
        render_app.add_systems(
            Render,
            count_submitted_frames.in_set(XrRenderSystems::PostRender).after(end_frame).run_if(should_run_frame_loop),
        );
    }
}

/// Where the headset session stands, in the game's terms.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct XrStatus {
    /// A runtime and a headset were found.
    pub available: bool,
    /// The session is running (frames go to the headset).
    pub running: bool,
}

/// XR frames ended (submitted) while the session was running; shared with the render world.
#[derive(Resource, Clone, Default)]
pub struct XrFramesSubmitted(Arc<AtomicU64>);

impl XrFramesSubmitted {
    pub fn count(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

fn read_status(state: Option<Res<XrState>>, mut status: ResMut<XrStatus>) {
    let now = XrStatus {
        available: state.as_deref().is_some_and(|state| *state != XrState::Unavailable),
        running: state.as_deref() == Some(&XrState::Running),
    };
    if *status != now {
        *status = now;
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

/// How long a headset's session may take to end before the game closes anyway.
const SESSION_END_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Asked to close by a signal: a running headset session is asked to end (the runtime takes it
/// through stopping to exiting), and once it has, or there was none, the game exits with 0.
fn close_when_asked(
    asked: Res<crate::signals::CloseRequested>,
    state: Option<Res<XrState>>,
    mut requested: Local<bool>,
    // Absent on the desktop: the headset's plugins are not there.
    request_exit: Option<MessageWriter<bevy_mod_xr::session::XrRequestExitMessage>>,
    mut exit: MessageWriter<AppExit>,
) {
    let session = state
        .as_deref()
        .is_some_and(|state| matches!(state, XrState::Idle | XrState::Ready | XrState::Running | XrState::Stopping));
    if session
        && asked.since.elapsed() < SESSION_END_TIMEOUT
        && let Some(mut request_exit) = request_exit
    {
        if !*requested {
            *requested = true;
            info!("signals: ending the headset session");
            request_exit.write_default();
        }
        return;
    }
    if session {
        warn!("signals: the headset session did not end within {SESSION_END_TIMEOUT:?}; closing anyway");
    } else if *requested {
        info!("signals: the headset session ended");
    }
    exit.write(AppExit::Success);
}

/// When the headset's first frame was submitted, and the count then.
#[derive(Resource, Debug, Default)]
struct FirstFrame(Option<(std::time::Instant, u64)>);

fn note_the_first_frame(frames: Res<XrFramesSubmitted>, mut first: ResMut<FirstFrame>) {
    let count = frames.count();
    if count > 0 {
        first.0 = Some((std::time::Instant::now(), count));
    }
}

/// As the game closes after a headset session, the frames it submitted and their rate.
fn report_the_frame_rate(mut exit: MessageReader<AppExit>, frames: Res<XrFramesSubmitted>, first: Res<FirstFrame>) {
    if exit.read().count() == 0 {
        return;
    }
    if let Some((at, count)) = first.0 {
        let submitted = frames.count().saturating_sub(count);
        let seconds = at.elapsed().as_secs_f64();
        let rate = if seconds > 0.0 { submitted as f64 / seconds } else { 0.0 };
        info!("xr: {submitted} frames submitted in {seconds:.1} s of the headset session ({rate:.1} per second)");
    }
}
