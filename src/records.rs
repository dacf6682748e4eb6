//! The game's records: who is training (signed in at the menu, named on the command line or by
//! the learning system that launched the game), and every attempt at a level, recorded as it
//! goes through the core's recorder (its own thread: a frame never waits for the disk), with
//! its xAPI statements queued for the learning record store when one is set up.

use bevy::prelude::*;
use cleanroom_core::records::StorePaths;
use cleanroom_core::records::attempt::{
    AbandonedBecause, AttemptStarted, BatchRecorded, NewRecord, Observed, Positioned, SignedIn, Trainee, machine_name,
    new_attempt_id,
};
use cleanroom_core::records::delivery::{Delivery, DeliveryStatus};
use cleanroom_core::records::recorder::{Recorder, RecorderStatus};
use cleanroom_core::records::xapi::{LrsConfig, Translator};

pub use crate::actions::SignedInTrainee;
use crate::actions::TraineeActed;
use crate::procedure::{ActiveProcedure, Debrief, ProcedureReported, ProcedureStarted};
use crate::screens::Screen;
use crate::stations::{StationRecorded, StationReported};

/// The trainee's position is sampled at most this often (level time) for the after-action
/// review's path, and only when it changed by more than the next two (an assumption: enough to
/// draw a walk through the room, a few hundred records in a level).
const POSITION_EVERY_S: f64 = 0.5;
const POSITION_MOVED_M: f32 = 0.15;
const POSITION_TURNED_DEG: f32 = 20.0;

/// How long closing the game waits for the last records to reach the disk.
const CLOSING_FLUSH: std::time::Duration = std::time::Duration::from_secs(10);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SignedInTrainee>();
    app.add_systems(Startup, open_records);
    app.add_systems(Update, record_sign_in);
    app.add_systems(
        Update,
        (start_attempts, record_what_happened)
            .chain()
            .after(crate::AppSystems::Judge)
            .after(crate::procedure::InstructorSystems)
            .run_if(resource_exists::<Records>),
    );
    app.init_resource::<TraineePath>();
    app.add_systems(
        Update,
        follow_trainee
            .after(start_attempts)
            .before(record_what_happened)
            .run_if(resource_exists::<ActiveProcedure>)
            .run_if(in_state(Screen::Session)),
    );
    app.add_systems(OnExit(Screen::Session), abandon_unfinished_attempt.run_if(resource_exists::<Records>));
    app.add_systems(Last, close_records.run_if(resource_exists::<Records>));
}

/// Where the records go, when this run records (the game sets it up from the command line and
/// the platform's folders; a check, a capture or a demonstration records nothing).
#[derive(Resource, Debug, Clone)]
pub struct RecordsConfig {
    pub store: StorePaths,
    /// The learning record store the statements are delivered to, if any.
    pub lrs: Option<LrsConfig>,
}

/// The learning record store as a training centre writes it in `lrs.ron`:
/// `(endpoint: "https://lrs.example.org/xAPI/", key: "…", secret: "…", home_page: "https://example.org",
/// activity_base: "https://example.org/cleanroom/levels/")`.
#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct LrsFile {
    endpoint: String,
    key: String,
    secret: String,
    /// The centre's home page: trainees are accounts there, by their id.
    home_page: String,
    #[serde(default = "default_activity_base")]
    activity_base: String,
}

fn default_activity_base() -> String {
    "urn:cleanroom:level:".to_owned()
}

/// The LRS named in `path`, if the file is there; a file that cannot be read is said in the log
/// (and the statements stay on this machine).
pub fn lrs_from_file(path: Option<&std::path::Path>) -> Option<LrsConfig> {
    let path = path?;
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return None,
        Err(error) => {
            error!("records: cannot read {}: {error}; no statements are sent to an LRS", path.display());
            return None;
        }
    };
    match ron::from_str::<LrsFile>(&text) {
        Ok(file) => {
            Some(LrsConfig::basic(&file.endpoint, &file.key, &file.secret, &file.home_page, &file.activity_base))
        }
        Err(error) => {
            error!("records: {} is not an LRS setting ({error}); no statements are sent to an LRS", path.display());
            None
        }
    }
}

/// The open records: the recorder, the delivery to the LRS, and the attempt being played.
#[derive(Resource, Debug)]
pub struct Records {
    pub recorder: Recorder,
    pub delivery: Option<Delivery>,
    /// The attempt being played, if one is.
    attempt: Option<String>,
    /// The trainee whose sign-in was recorded last.
    recorded_sign_in: Option<Trainee>,
    machine: String,
    /// The attempt that ended last with a debrief (the one its review opens).
    last_ended: Option<String>,
}

/// Where the trainee has been in the level being played (sampled as the records keep it): the
/// instructor's overview draws it.
#[derive(Resource, Debug, Default, Clone)]
pub struct TraineePath {
    pub samples: Vec<Positioned>,
}

impl Records {
    pub fn status(&self) -> RecorderStatus {
        self.recorder.status()
    }

    pub fn delivery_status(&self) -> Option<DeliveryStatus> {
        self.delivery.as_ref().map(Delivery::status)
    }

    /// The attempt being played.
    pub fn attempt(&self) -> Option<&str> {
        self.attempt.as_deref()
    }

    /// The attempt that ended last with a debrief in this run.
    pub fn last_ended(&self) -> Option<&str> {
        self.last_ended.as_deref()
    }

    /// Waits until everything recorded so far is on disk (see `Recorder::flush`).
    pub fn flush(&self, timeout: std::time::Duration) -> bool {
        self.recorder.flush(timeout)
    }
}

fn open_records(mut commands: Commands, config: Option<Res<RecordsConfig>>, options: Res<crate::LaunchOptions>) {
    let Some(config) = config else { return };
    // A demonstration is the expert's path, not a trainee's attempt.
    if options.autoplay.is_some() {
        return;
    }
    let (delivery, queued) = match &config.lrs {
        Some(lrs) => {
            let (delivery, queued) = Delivery::start(config.store.database(), lrs.clone());
            (Some(delivery), Some(queued))
        }
        None => (None, None),
    };
    let translator = config.lrs.as_ref().map(|lrs| Translator::new(lrs.clone()));
    let recorder = Recorder::start(config.store.clone(), translator, queued);
    info!(
        "records: {} (keys in {}){}",
        config.store.database().display(),
        config.store.keys.display(),
        config.lrs.as_ref().map_or_else(String::new, |lrs| format!("; statements to {}", lrs.endpoint))
    );
    commands.insert_resource(Records {
        recorder,
        delivery,
        attempt: None,
        recorded_sign_in: None,
        machine: machine_name(),
        last_ended: None,
    });
}

/// A trainee who signs in is recorded once per sign-in.
fn record_sign_in(signed_in: Res<SignedInTrainee>, records: Option<ResMut<Records>>) {
    let Some(mut records) = records else { return };
    let (Some(trainee), Some(by)) = (&signed_in.trainee, signed_in.by) else {
        // Signed out: the next sign-in, even the same trainee's, is recorded.
        if records.recorded_sign_in.is_some() {
            records.recorded_sign_in = None;
        }
        return;
    };
    if records.recorded_sign_in.as_ref() == Some(trainee) {
        return;
    }
    let record = SignedIn { trainee: trainee.clone(), by, machine: records.machine.clone() };
    records.recorder.record(NewRecord::signed_in(&record));
    records.recorded_sign_in = Some(trainee.clone());
}

/// A level's run that starts (or starts over, its file edited) is a new attempt.
fn start_attempts(
    mut started: MessageReader<ProcedureStarted>,
    mut records: ResMut<Records>,
    procedure: Option<Res<ActiveProcedure>>,
    signed_in: Res<SignedInTrainee>,
    mode: Res<crate::DisplayMode>,
) {
    if started.read().count() == 0 {
        return;
    }
    let Some(procedure) = procedure else { return };
    if let Some(previous) = records.attempt.take() {
        records.recorder.record(NewRecord::attempt_abandoned(&previous, AbandonedBecause::LevelEdited));
    }
    let Some(trainee) = signed_in.trainee.clone() else {
        warn!("records: nobody is signed in, so this attempt is not recorded");
        return;
    };
    let level = procedure.runner.level();
    let attempt = new_attempt_id();
    let body = AttemptStarted {
        trainee,
        level: level.id.clone(),
        level_version: level.version,
        level_title: level.title.en.clone(),
        mode: procedure.mode,
        seed: procedure.runner.seed(),
        machine: records.machine.clone(),
        game_version: crate::paths::VERSION.to_owned(),
        headset: *mode == crate::DisplayMode::Headset,
        registration: None,
    };
    records.recorder.record(NewRecord::attempt_started(&attempt, &body));
    info!("records: attempt {attempt} at {} v{} started", level.id, level.version);
    records.attempt = Some(attempt);
}

/// The trainee's eyes (the camera's transform) as a sample of their path at `time_s`.
pub fn eyes_at(time_s: f64, eyes: &Transform) -> Positioned {
    let forward = eyes.forward();
    Positioned::at(time_s, eyes.translation.to_array(), [forward.x, forward.z])
}

/// Where the trainee's eyes are (the headset's, in a headset), sampled while they move: the
/// instructor's overview draws it, and the attempt's record keeps it for the after-action
/// review.
fn follow_trainee(
    mut started: MessageReader<ProcedureStarted>,
    mut path: ResMut<TraineePath>,
    records: Option<Res<Records>>,
    procedure: Res<ActiveProcedure>,
    eyes: Query<&Transform, With<crate::player::PlayerCamera>>,
) {
    if started.read().count() > 0 {
        // The session put the trainee at the start this frame; the eyes follow them there
        // after this, so the first sample is the next frame's.
        path.samples.clear();
        return;
    }
    let Ok(eyes) = eyes.single() else {
        return;
    };
    let time_s = procedure.runner.level_time();
    let now = eyes_at(time_s, eyes);
    if let Some(last) = path.samples.last() {
        let moved = Vec2::new(now.x - last.x, now.z - last.z).length();
        let turned = last.turn_to(&now).abs();
        if time_s - last.time_s < POSITION_EVERY_S || (moved < POSITION_MOVED_M && turned < POSITION_TURNED_DEG) {
            return;
        }
    }
    path.samples.push(now);
    if let Some(records) = records
        && let Some(attempt) = &records.attempt
    {
        records.recorder.record(NewRecord::position(attempt, &now));
    }
}

/// Everything the attempt's runner heard and said, the stations' batch-record entries, and the
/// debrief when it ends.
fn record_what_happened(
    mut records: ResMut<Records>,
    procedure: Option<Res<ActiveProcedure>>,
    debrief: Option<Res<Debrief>>,
    mut acted: MessageReader<TraineeActed>,
    mut observed: MessageReader<StationReported>,
    mut reported: MessageReader<ProcedureReported>,
    mut batch: MessageReader<StationRecorded>,
) {
    let Some(attempt) = records.attempt.clone() else {
        acted.clear();
        observed.clear();
        reported.clear();
        // Entries made outside an attempt (exploring freely) are still the batch record's.
        for StationRecorded { station, entry } in batch.read() {
            let body = BatchRecorded { station: (*station).to_owned(), entry: entry.clone() };
            records.recorder.record(NewRecord::batch_record(None, &body));
        }
        return;
    };
    let time_s = procedure.as_ref().map_or(0.0, |procedure| procedure.runner.level_time());
    let recorder = &records.recorder;
    for TraineeActed(action) in acted.read() {
        recorder.record(NewRecord::action(&attempt, time_s, action));
    }
    for reading in observed.read() {
        let body =
            Observed { time_s, of: reading.station.clone(), key: reading.key.clone(), value: reading.value.clone() };
        recorder.record(NewRecord::observation(&attempt, &body));
    }
    for StationRecorded { station, entry } in batch.read() {
        let body = BatchRecorded { station: (*station).to_owned(), entry: entry.clone() };
        recorder.record(NewRecord::batch_record(Some(&attempt), &body));
    }
    let mut ended = false;
    let mut restarted = false;
    for ProcedureReported(event) in reported.read() {
        recorder.record(NewRecord::runner_event(&attempt, event));
        ended |= matches!(
            event,
            cleanroom_core::procedure::RunnerEvent::LevelPassed { .. }
                | cleanroom_core::procedure::RunnerEvent::LevelFailed { .. }
        );
        restarted |= matches!(
            event,
            cleanroom_core::procedure::RunnerEvent::Intervened(cleanroom_core::procedure::Intervened {
                intervention: cleanroom_core::procedure::Intervention::Restart,
                ..
            })
        );
    }
    // The instructor restarted the level: this attempt ends with the restart on its record, and
    // the session starting again is a fresh attempt.
    if restarted {
        recorder.record(NewRecord::attempt_abandoned(&attempt, AbandonedBecause::RestartedByInstructor));
        records.attempt = None;
        return;
    }
    if ended && let Some(debrief) = debrief {
        recorder.record(NewRecord::attempt_ended(&attempt, &debrief.0));
        records.attempt = None;
        records.last_ended = Some(attempt);
    }
}

/// Leaving a level before it ends (back to the menu) abandons the attempt.
fn abandon_unfinished_attempt(mut records: ResMut<Records>) {
    if let Some(attempt) = records.attempt.take() {
        records.recorder.record(NewRecord::attempt_abandoned(&attempt, AbandonedBecause::LeftToMenu));
    }
}

/// Closing the game abandons the attempt being played and waits for the records to be on disk.
fn close_records(mut exit: MessageReader<AppExit>, mut records: ResMut<Records>) {
    if exit.read().count() == 0 {
        return;
    }
    if let Some(attempt) = records.attempt.take() {
        records.recorder.record(NewRecord::attempt_abandoned(&attempt, AbandonedBecause::GameClosed));
    }
    if !records.recorder.flush(CLOSING_FLUSH) {
        error!("records: the last records could not be written before the game closed");
    }
}
