//! Delivery of the outbox to the learning record store, on a thread of its own: statements go
//! in the order they were queued, in batches, exactly as they were stored (same id, same
//! bytes), so a statement sent twice (the LRS stored it, the answer was lost) is recognised by
//! the LRS as the same one. While the LRS cannot be reached they wait in the outbox, across
//! restarts of the game; when it answers again they are sent, each once.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, params};

use super::xapi::LrsConfig;

/// Statements sent in one request.
const BATCH: usize = 50;
/// The wait after a failed attempt, doubling up to `MAX_BACKOFF`.
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(15);
/// How often the outbox is looked at with nothing said (statements another run left).
const IDLE_POLL: Duration = Duration::from_secs(5);
/// How long one request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// How delivery stands, for the menu.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum DeliveryState {
    /// Nothing sent yet this run.
    #[default]
    Starting,
    /// The LRS took everything queued so far.
    UpToDate,
    /// Sending.
    Sending,
    /// The LRS cannot be reached (the error); statements wait and are tried again.
    Unreachable(String),
    /// The LRS refuses the game's credentials (its answer); statements wait.
    NotAuthorised(String),
}

/// What delivery has done, shared with the game.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliveryStatus {
    pub endpoint: String,
    pub state: DeliveryState,
    /// Statements in the outbox not yet delivered.
    pub waiting: u64,
    /// Statements for this LRS that an earlier cmi5 launch queued and could not deliver before
    /// it closed: only that launch's token could send them, so they stay in the outbox, unsent
    /// (the learning system has closed that session).
    pub stranded: u64,
    /// Statements delivered this run.
    pub delivered: u64,
    /// Statements the LRS refused as invalid this run (they stay in the outbox, marked).
    pub refused: u64,
    /// When the LRS last took statements (RFC 3339).
    pub last_delivered_at: Option<String>,
    /// How many times the outbox has been looked at (so a waiter knows the counts are fresh).
    pub looked: u64,
}

/// The delivery thread's handle; dropping it stops the thread (what is not delivered waits in
/// the outbox for the next run).
pub struct Delivery {
    status: Arc<Mutex<DeliveryStatus>>,
    stop: Arc<AtomicBool>,
    wake: mpsc::Sender<()>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delivery").field("status", &self.status()).finish_non_exhaustive()
    }
}

impl Delivery {
    /// Starts delivering the outbox of the database at `database` to `lrs`. Returns the handle
    /// and the sender that wakes delivery when statements are queued.
    pub fn start(database: PathBuf, lrs: LrsConfig) -> (Self, mpsc::Sender<()>) {
        let (wake, woken) = mpsc::channel();
        let status = Arc::new(Mutex::new(DeliveryStatus { endpoint: lrs.endpoint.clone(), ..Default::default() }));
        let stop = Arc::new(AtomicBool::new(false));
        let (shared, stopping) = (Arc::clone(&status), Arc::clone(&stop));
        let thread = std::thread::Builder::new()
            .name("xapi-delivery".into())
            .spawn(move || run(&database, &lrs, &woken, &shared, &stopping))
            .ok();
        (Self { status, stop, wake: wake.clone(), thread }, wake)
    }

    pub fn status(&self) -> DeliveryStatus {
        self.status.lock().map(|status| status.clone()).unwrap_or_default()
    }

    /// Waits until the outbox is empty (or `timeout` passes); true if it is.
    pub fn wait_until_delivered(&self, timeout: Duration) -> bool {
        let until = std::time::Instant::now() + timeout;
        // Counts from a look at the outbox made after this call began, not from an idle one
        // before the last statements were queued.
        let _ = self.wake.send(());
        let since = self.status().looked + 1;
        while std::time::Instant::now() < until {
            let status = self.status();
            if status.looked > since && status.state == DeliveryState::UpToDate && status.waiting == 0 {
                return true;
            }
            let _ = self.wake.send(());
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

impl Drop for Delivery {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.wake.send(());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn set(status: &Mutex<DeliveryStatus>, change: impl FnOnce(&mut DeliveryStatus)) {
    if let Ok(mut status) = status.lock() {
        change(&mut status);
    }
}

/// One waiting statement.
struct Waiting {
    position: i64,
    statement_id: String,
    statement: String,
}

/// What the LRS said to one request.
enum Answer {
    /// Stored (or already stored, the same).
    Taken,
    /// The LRS already holds a statement with one of these ids: each must be sent on its own.
    Conflict,
    /// The statements are invalid (the answer); sending them again will not help.
    Invalid(String),
    NotAuthorised(String),
    /// Not reached, or the LRS failed (the error): try again later.
    Failed(String),
}

fn run(
    database: &std::path::Path,
    lrs: &LrsConfig,
    woken: &mpsc::Receiver<()>,
    status: &Mutex<DeliveryStatus>,
    stop: &AtomicBool,
) {
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(REQUEST_TIMEOUT))
        .http_status_as_error(false)
        .build()
        .new_agent();
    let mut backoff = FIRST_BACKOFF;
    let mut connection: Option<Connection> = None;
    while !stop.load(Ordering::Relaxed) {
        // The recorder creates the database; until it has, there is nothing to send.
        if connection.is_none() {
            connection = open(database);
        }
        let Some(db) = &connection else {
            let _ = woken.recv_timeout(FIRST_BACKOFF);
            continue;
        };
        let batch = match waiting(db, &lrs.endpoint, lrs.delivery_scope().as_deref(), status) {
            Ok(batch) => batch,
            Err(error) => {
                set(status, |status| status.state = DeliveryState::Unreachable(format!("the outbox: {error}")));
                let _ = woken.recv_timeout(MAX_BACKOFF);
                continue;
            }
        };
        if batch.is_empty() {
            set(status, |status| status.state = DeliveryState::UpToDate);
            let _ = woken.recv_timeout(IDLE_POLL);
            continue;
        }
        set(status, |status| status.state = DeliveryState::Sending);
        let answer = post(&agent, lrs, &batch);
        let answer = match answer {
            // Some were stored before (a lost answer), or one is invalid (the LRS refuses a batch
            // whole): send each alone, so each is judged on its own.
            Answer::Conflict | Answer::Invalid(_) if batch.len() > 1 => {
                let mut last = Answer::Taken;
                for one in &batch {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    last = post(&agent, lrs, std::slice::from_ref(one));
                    if !settle(db, std::slice::from_ref(one), &last, status) {
                        break;
                    }
                }
                last
            }
            answer => {
                settle(db, &batch, &answer, status);
                answer
            }
        };
        match answer {
            Answer::Taken | Answer::Invalid(_) | Answer::Conflict => backoff = FIRST_BACKOFF,
            Answer::NotAuthorised(_) | Answer::Failed(_) => {
                let _ = woken.recv_timeout(backoff);
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        }
    }
}

fn open(database: &std::path::Path) -> Option<Connection> {
    if !database.exists() {
        return None;
    }
    let connection = Connection::open(database).ok()?;
    connection.busy_timeout(Duration::from_secs(5)).ok()?;
    // The recorder made the outbox; without it there is nothing to deliver yet.
    connection.query_row("SELECT 1 FROM outbox LIMIT 1", [], |_| Ok(())).or_else(ignore_no_rows).ok()?;
    Some(connection)
}

fn ignore_no_rows(error: rusqlite::Error) -> Result<(), rusqlite::Error> {
    match error {
        rusqlite::Error::QueryReturnedNoRows => Ok(()),
        error => Err(error),
    }
}

/// The next statements this run may send to `endpoint` (those of its `scope`), oldest first;
/// counts what waits, and what an earlier cmi5 launch left that no later run can send.
fn waiting(
    db: &Connection,
    endpoint: &str,
    scope: Option<&str>,
    status: &Mutex<DeliveryStatus>,
) -> Result<Vec<Waiting>, rusqlite::Error> {
    let (count, stranded): (i64, i64) = db.query_row(
        "SELECT COUNT(*) FILTER (WHERE scope IS ?2), COUNT(*) FILTER (WHERE scope IS NOT ?2 AND scope IS NOT NULL) \
         FROM outbox WHERE endpoint = ?1 AND delivered_at IS NULL",
        params![endpoint, scope],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    set(status, |status| {
        status.waiting = count.max(0) as u64;
        status.stranded = stranded.max(0) as u64;
        status.looked += 1;
    });
    let mut statement = db.prepare_cached(
        "SELECT position, statement_id, statement FROM outbox WHERE endpoint = ?1 AND scope IS ?2 \
         AND delivered_at IS NULL ORDER BY position LIMIT ?3",
    )?;
    let rows = statement.query_map(params![endpoint, scope, BATCH as i64], |row| {
        Ok(Waiting { position: row.get(0)?, statement_id: row.get(1)?, statement: row.get(2)? })
    })?;
    let mut batch: Vec<Waiting> = Vec::new();
    for row in rows {
        let row = row?;
        // A session's first and last statements go on their own: an LMS judges what follows
        // `initialized` only once that request has succeeded (cmi5 9.3.0.0-4), and nothing may
        // share a request with `terminated`, which ends the session.
        let alone = goes_alone(&row.statement);
        if alone && !batch.is_empty() {
            break;
        }
        batch.push(row);
        if alone {
            break;
        }
    }
    Ok(batch)
}

/// Whether a statement is a session's `initialized` or `terminated`.
fn goes_alone(statement: &str) -> bool {
    let verb = serde_json::from_str::<serde_json::Value>(statement)
        .ok()
        .and_then(|statement| statement["verb"]["id"].as_str().map(str::to_owned))
        .unwrap_or_default();
    verb.ends_with("/verbs/initialized") || verb.ends_with("/verbs/terminated")
}

/// Sends statements: one as itself (PUT with its id, so the LRS stores it under that id), more
/// as an array (POST). The body is the stored bytes.
fn post(agent: &ureq::Agent, lrs: &LrsConfig, batch: &[Waiting]) -> Answer {
    let url = format!("{}statements", lrs.endpoint);
    let body = if let [one] = batch {
        one.statement.clone()
    } else {
        let statements: Vec<&str> = batch.iter().map(|waiting| waiting.statement.as_str()).collect();
        format!("[{}]", statements.join(","))
    };
    let request =
        if let [one] = batch { agent.put(&url).query("statementId", &one.statement_id) } else { agent.post(&url) };
    let response = request
        .header("X-Experience-API-Version", super::xapi::XAPI_VERSION)
        .header("Content-Type", "application/json")
        .header("Authorization", &lrs.authorization)
        .send(body.as_bytes());
    let mut response = match response {
        Ok(response) => response,
        Err(error) => return Answer::Failed(error.to_string()),
    };
    let code = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    let said = || format!("HTTP {code}: {}", text.chars().take(300).collect::<String>());
    match code {
        200..=299 => Answer::Taken,
        409 => Answer::Conflict,
        401 | 403 => Answer::NotAuthorised(said()),
        400 | 413 | 422 => Answer::Invalid(said()),
        _ => Answer::Failed(said()),
    }
}

/// Marks what the answer settled; returns whether delivery may go on with the next one.
fn settle(db: &Connection, batch: &[Waiting], answer: &Answer, status: &Mutex<DeliveryStatus>) -> bool {
    let now = super::outbox::now();
    let mark = |refused: Option<&str>| -> bool {
        let marked = batch.iter().try_for_each(|waiting| {
            db.execute(
                "UPDATE outbox SET delivered_at = ?1, refused = ?2 WHERE position = ?3",
                params![now, refused, waiting.position],
            )
            .map(drop)
        });
        marked.is_ok()
    };
    match answer {
        Answer::Taken => {
            let marked = mark(None);
            set(status, |status| {
                status.delivered += batch.len() as u64;
                status.waiting = status.waiting.saturating_sub(batch.len() as u64);
                status.last_delivered_at = Some(now.clone());
            });
            marked
        }
        // One statement whose id the LRS holds with other content: the LRS keeps its own; it
        // is marked so, and not sent again.
        Answer::Conflict => {
            for waiting in batch {
                eprintln!("records: the LRS already holds a different statement with id {}", waiting.statement_id);
            }
            let marked = mark(Some("conflict: the LRS holds another statement with this id"));
            set(status, |status| status.refused += batch.len() as u64);
            marked
        }
        Answer::Invalid(said) => {
            eprintln!("records: the LRS refused {} statements: {said}", batch.len());
            let marked = mark(Some(said));
            set(status, |status| status.refused += batch.len() as u64);
            marked
        }
        Answer::NotAuthorised(said) => {
            set(status, |status| status.state = DeliveryState::NotAuthorised(said.clone()));
            false
        }
        Answer::Failed(error) => {
            set(status, |status| status.state = DeliveryState::Unreachable(error.clone()));
            false
        }
    }
}
