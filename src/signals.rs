//! Ctrl+C, SIGTERM and SIGHUP close the game as its window's close button does: the attempt
//! being played is recorded as ended by the game closing, the records reach the disk, a
//! headset's session is ended with the runtime first, and the exit code is 0. A second signal
//! while closing exits at once (130). Bevy's own Ctrl+C handler is not used: it is not installed
//! when the game is started in the background of a script (SIGINT is then ignored, and it only
//! replaces the default), it does not take SIGTERM, and it exits with 130.

use std::sync::atomic::{AtomicU32, Ordering};

use bevy::prelude::*;

/// Signals received.
static RECEIVED: AtomicU32 = AtomicU32::new(0);

/// Takes the signals over (the game's program calls it once, before the app is built).
pub fn install() {
    let handled = ctrlc::set_handler(|| {
        if RECEIVED.fetch_add(1, Ordering::SeqCst) > 0 {
            std::process::exit(130);
        }
    });
    if let Err(error) = handled {
        eprintln!("signals: Ctrl+C and SIGTERM will not close the game cleanly: {error}");
    }
}

/// The game was asked to close by a signal (since when, for how long the headset may take).
#[derive(Resource, Debug, Clone, Copy)]
pub struct CloseRequested {
    pub since: std::time::Instant,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(First, notice_signals);
}

fn notice_signals(mut commands: Commands, asked: Option<Res<CloseRequested>>) {
    if asked.is_none() && RECEIVED.load(Ordering::SeqCst) > 0 {
        info!("signals: asked to close: ending the session, flushing the records");
        commands.insert_resource(CloseRequested { since: std::time::Instant::now() });
    }
}
