//! The recorder: the records store on a thread of its own, so that writing to disk never holds
//! up a frame. The game hands it records as they happen; it writes whatever has arrived in one
//! transaction (the statements they give to the outbox with them) and checkpoints once, so a
//! burst of actions costs one synchronous write, not one each. At start it marks the attempts
//! an earlier run left open as abandoned.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use super::attempt::{AbandonedBecause, NewRecord, SignedIn, Trainee, kind};
use super::store::{OutboxEntry, RecordStore, StorePaths};
use super::xapi::Translator;

/// The most records written in one transaction.
const BATCH: usize = 512;
/// How long a failed write waits before it is tried again (the records wait in memory).
const RETRY: Duration = Duration::from_secs(2);

/// Where the store stands, for the menu and the log.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum StoreState {
    /// Opening and verifying the trail.
    #[default]
    Opening,
    /// Recording.
    Ready,
    /// The store cannot be written (what was said); records wait in memory and are tried again.
    Failing(String),
    /// The store was refused (it does not verify, or cannot be opened): nothing is recorded.
    Refused(String),
}

/// What the recorder has done, shared with the game.
#[derive(Debug, Clone, Default)]
pub struct RecorderStatus {
    pub state: StoreState,
    /// The trainees who signed in on this machine, the most recent first.
    pub trainees: Vec<Trainee>,
    /// Records written since the start.
    pub written: u64,
    /// Records handed over but not yet on disk.
    pub waiting: usize,
    /// Attempts an earlier run left open, marked abandoned at this start.
    pub abandoned_at_start: Vec<String>,
    /// The levels each trainee (by id) has passed on this machine: their progress on the
    /// curriculum.
    pub passed: BTreeMap<String, BTreeSet<String>>,
}

enum Command {
    Record(NewRecord),
    Flush(mpsc::Sender<()>),
}

/// The recorder's handle. Dropping it writes what is waiting and stops the thread.
pub struct Recorder {
    sender: Option<mpsc::Sender<Command>>,
    thread: Option<JoinHandle<()>>,
    status: Arc<Mutex<RecorderStatus>>,
    /// Told each time statements reach the outbox (the delivery wakes up).
    queued: Option<mpsc::Sender<()>>,
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder").field("status", &self.status()).finish_non_exhaustive()
    }
}

impl Recorder {
    /// Starts the recorder on the store at `paths`; with a translator, each record's xAPI
    /// statements go to the outbox with it, and `queued` hears of them.
    pub fn start(paths: StorePaths, translator: Option<Translator>, queued: Option<mpsc::Sender<()>>) -> Self {
        let (sender, commands) = mpsc::channel();
        let status = Arc::new(Mutex::new(RecorderStatus::default()));
        let shared = Arc::clone(&status);
        let notify = queued.clone();
        let thread = std::thread::Builder::new()
            .name("records".into())
            .spawn(move || run(paths, translator, commands, &shared, notify))
            .ok();
        if thread.is_none() {
            set(&status, |status| status.state = StoreState::Refused("no thread for the records".into()));
        }
        Self { sender: Some(sender), thread, status, queued }
    }

    /// Hands a record over; it is on disk soon after (see `flush`). Never blocks.
    pub fn record(&self, record: NewRecord) {
        if let Some(sender) = &self.sender {
            set(&self.status, |status| status.waiting += 1);
            // The thread only ends when the handle is dropped.
            let _ = sender.send(Command::Record(record));
        }
    }

    /// Waits until every record handed over so far is on disk (or `timeout` passes); true if
    /// they are (never for a store that was refused: its records were dropped).
    pub fn flush(&self, timeout: Duration) -> bool {
        let Some(sender) = &self.sender else { return false };
        let (done, wait) = mpsc::channel();
        if sender.send(Command::Flush(done)).is_err() {
            return false;
        }
        let answered = wait.recv_timeout(timeout).is_ok();
        let status = self.status();
        answered && status.waiting == 0 && !matches!(status.state, StoreState::Refused(_))
    }

    pub fn status(&self) -> RecorderStatus {
        self.status.lock().map(|status| status.clone()).unwrap_or_default()
    }

    /// Whether statements are being queued for a learning record store.
    pub fn has_outbox(&self) -> bool {
        self.queued.is_some()
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        // Closing the channel ends the thread once it has written what is waiting.
        self.sender.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn set(status: &Mutex<RecorderStatus>, change: impl FnOnce(&mut RecorderStatus)) {
    if let Ok(mut status) = status.lock() {
        change(&mut status);
    }
}

/// The recorder's thread.
fn run(
    paths: StorePaths,
    mut translator: Option<Translator>,
    commands: mpsc::Receiver<Command>,
    status: &Mutex<RecorderStatus>,
    queued: Option<mpsc::Sender<()>>,
) {
    let mut store = match open(paths, status) {
        Ok(store) => store,
        Err(reason) => {
            set(status, |status| status.state = StoreState::Refused(reason));
            // Nothing can be written: flushes are answered, records dropped (the menu says so).
            for command in commands {
                match command {
                    Command::Record(_) => set(status, |status| status.waiting = status.waiting.saturating_sub(1)),
                    Command::Flush(done) => {
                        let _ = done.send(());
                    }
                }
            }
            return;
        }
    };
    if let Some(translator) = &mut translator
        && let Some(registration) = translator.cmi5_registration().map(str::to_owned)
    {
        match store.registration_results(&registration) {
            Ok(results) => translator.set_registration_results(results),
            Err(error) => set(status, |status| status.state = StoreState::Failing(error.to_string())),
        }
    }
    // The attempts being played, for the progress their debriefs make: attempt → (trainee, level).
    let mut playing: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut pending: Vec<NewRecord> = Vec::new();
    let mut statements: Vec<(usize, OutboxEntry)> = Vec::new();
    let mut flushes: Vec<mpsc::Sender<()>> = Vec::new();
    let mut open = true;
    while open || !pending.is_empty() {
        // Wait for something to do (or, with records waiting after a failed write, a while).
        let first = if pending.is_empty() {
            commands.recv().ok()
        } else {
            match commands.recv_timeout(RETRY) {
                Ok(command) => Some(command),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    open = false;
                    None
                }
            }
        };
        if first.is_none() && pending.is_empty() {
            break;
        }
        let mut next = first;
        while let Some(command) = next {
            match command {
                Command::Record(record) => {
                    if let Some(translator) = &mut translator {
                        let index = pending.len();
                        statements.extend(translator.statements(&record).into_iter().map(|entry| (index, entry)));
                    }
                    if record.kind == kind::SIGNED_IN
                        && let Ok(signed_in) = serde_json::from_str::<SignedIn>(&record.body)
                    {
                        set(status, |status| {
                            status.trainees.retain(|trainee| *trainee != signed_in.trainee);
                            status.trainees.insert(0, signed_in.trainee);
                        });
                    }
                    note_progress(&record, &mut playing, status);
                    pending.push(record);
                }
                Command::Flush(done) => flushes.push(done),
            }
            if pending.len() >= BATCH {
                break;
            }
            next = match commands.try_recv() {
                Ok(command) => Some(command),
                Err(mpsc::TryRecvError::Empty) => None,
                Err(mpsc::TryRecvError::Disconnected) => {
                    open = false;
                    None
                }
            };
        }
        if pending.is_empty() {
            flushes.drain(..).for_each(|done| {
                let _ = done.send(());
            });
            continue;
        }
        match store.append_all(&pending, &statements) {
            Ok(_) => {
                let written = pending.len();
                let unsealed = store.checkpoint_problem().map(|problem| format!("not checkpointed: {problem}"));
                set(status, |status| {
                    status.state = unsealed.map_or(StoreState::Ready, StoreState::Failing);
                    status.written += written as u64;
                    status.waiting = status.waiting.saturating_sub(written);
                });
                if !statements.is_empty()
                    && let Some(queued) = &queued
                {
                    let _ = queued.send(());
                }
                pending.clear();
                statements.clear();
                flushes.drain(..).for_each(|done| {
                    let _ = done.send(());
                });
            }
            Err(error) => {
                set(status, |status| status.state = StoreState::Failing(error.to_string()));
                if !open {
                    // The game is closing and the store cannot take them: say so, once.
                    eprintln!("records: {} records could not be written: {error}", pending.len());
                    break;
                }
            }
        }
    }
}

/// Opens the store and marks what an earlier run left open as abandoned.
fn open(paths: StorePaths, status: &Mutex<RecorderStatus>) -> Result<RecordStore, String> {
    let mut store = RecordStore::open(paths).map_err(|error| error.to_string())?;
    let open = store.open_attempts().map_err(|error| error.to_string())?;
    let abandoned: Vec<NewRecord> =
        open.iter().map(|attempt| NewRecord::attempt_abandoned(attempt, AbandonedBecause::Interrupted)).collect();
    store.append_all(&abandoned, &[]).map_err(|error| error.to_string())?;
    let trainees = store.trainees().map_err(|error| error.to_string())?;
    let mut passed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (trainee, level) in store.levels_passed().map_err(|error| error.to_string())? {
        passed.entry(trainee).or_default().insert(level);
    }
    set(status, |status| {
        status.state = StoreState::Ready;
        status.trainees = trainees;
        status.abandoned_at_start = open;
        status.passed = passed;
    });
    Ok(store)
}

/// A debrief that passed cleanly adds its level to the trainee's progress.
fn note_progress(record: &NewRecord, playing: &mut BTreeMap<String, (String, String)>, status: &Mutex<RecorderStatus>) {
    let Some(attempt) = &record.attempt else { return };
    match record.kind {
        kind::ATTEMPT_STARTED => {
            if let Ok(started) = serde_json::from_str::<super::attempt::AttemptStarted>(&record.body) {
                playing.insert(attempt.clone(), (started.trainee.id, started.level));
            }
        }
        kind::ATTEMPT_ENDED => {
            let passed = serde_json::from_str::<super::attempt::AttemptEnded>(&record.body)
                .is_ok_and(|ended| ended.report.clean_pass());
            if let Some((trainee, level)) = playing.remove(attempt)
                && passed
            {
                set(status, |status| {
                    status.passed.entry(trainee).or_default().insert(level);
                });
            }
        }
        kind::ATTEMPT_ABANDONED => {
            playing.remove(attempt);
        }
        _ => {}
    }
}
