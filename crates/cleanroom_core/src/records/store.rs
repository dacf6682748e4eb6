//! The records store: an embedded SQLite database (no server to install) holding the audit
//! trail as an append-only, hash-chained table. Every write is its own transaction in WAL mode
//! with full synchronisation, so a record that `append` returned survives a crash or a
//! `kill -9`; the database itself refuses to update or delete a record. After each write the
//! chain's head is checkpointed, signed with a key kept outside the database (in the
//! configuration folder), so that rewriting the database with correct hashes is still found.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use super::attempt::{NewRecord, SignedIn, Trainee, kind};
use super::chain::{self, ChainedRecord, Checkpoint, Finding, GENESIS, Hash};
pub use super::outbox::{OutboxEntry, RegistrationResults, now};

/// The database's file name in the records folder.
pub const DATABASE_FILE: &str = "records.sqlite";
/// The checkpoint key's file name in the key folder.
pub const KEY_FILE: &str = "records.key";
/// The signed chain head's file name in the key folder.
pub const CHECKPOINT_FILE: &str = "records.checkpoint";
/// The file a writer holds locked in the records folder: one writer at a time, since each
/// chains its records to the head it read.
pub const LOCK_FILE: &str = "records.lock";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS record (
    seq      INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL,
    attempt  TEXT,
    body     TEXT NOT NULL,
    previous BLOB NOT NULL,
    hash     BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS record_attempt ON record (attempt);
CREATE TRIGGER IF NOT EXISTS record_is_never_updated BEFORE UPDATE ON record
BEGIN SELECT RAISE(ABORT, 'records are append-only: a correction is a new record with its reason'); END;
CREATE TRIGGER IF NOT EXISTS record_is_never_deleted BEFORE DELETE ON record
BEGIN SELECT RAISE(ABORT, 'records are append-only: they are never deleted'); END;
CREATE TABLE IF NOT EXISTS outbox (
    position     INTEGER PRIMARY KEY,
    statement_id TEXT NOT NULL UNIQUE,
    endpoint     TEXT NOT NULL,
    statement    TEXT NOT NULL,
    record       INTEGER NOT NULL,
    queued_at    TEXT NOT NULL,
    delivered_at TEXT,
    -- Why the LRS did not store it, when it refused it (NULL: stored).
    refused      TEXT,
    -- Which runs may send it: NULL for any run pointed at the endpoint; a cmi5 launch's
    -- statements only with that launch's auth token (named by its hash).
    scope        TEXT
);
CREATE INDEX IF NOT EXISTS outbox_waiting ON outbox (endpoint, delivered_at);
";

/// What went wrong with the store, said so that the person reading it knows what to do.
#[derive(Debug)]
pub enum RecordsError {
    /// The database could not be opened, read or written.
    Database { path: PathBuf, error: rusqlite::Error },
    /// A file beside it (the key, the checkpoint) could not be read or written.
    File { path: PathBuf, error: std::io::Error },
    /// The checkpoint file is there but cannot be read as one.
    BadCheckpointFile { path: PathBuf },
    /// The trail does not verify: nothing more is written to it, so that the next record's
    /// checkpoint does not seal what was done to it.
    Untrusted { database: PathBuf, findings: Vec<Finding> },
    /// Another program (a second cleanroom on this machine) is writing to the store.
    InUse { database: PathBuf },
}

impl std::fmt::Display for RecordsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordsError::Database { path, error } => write!(f, "the records database {}: {error}", path.display()),
            RecordsError::File { path, error } => write!(f, "{}: {error}", path.display()),
            RecordsError::BadCheckpointFile { path } => {
                write!(f, "{} is not a records checkpoint (it was edited or damaged)", path.display())
            }
            RecordsError::InUse { database } => write!(
                f,
                "the records in {} are being written by another cleanroom running on this machine; close it, then \
                 start this one again (two writers would break the audit trail's chain)",
                database.display()
            ),
            RecordsError::Untrusted { database, findings } => {
                let first = findings.first().map_or_else(String::new, |finding| format!(": {finding}"));
                write!(
                    f,
                    "the records in {} do not verify ({} problems{first}); nothing more is recorded there until \
                     someone responsible looks at them with `cleanroom records verify`",
                    database.display(),
                    findings.len()
                )
            }
        }
    }
}

impl std::error::Error for RecordsError {}

/// Where a store keeps its parts.
#[derive(Debug, Clone)]
pub struct StorePaths {
    /// The folder of the database (the user's data folder).
    pub records: PathBuf,
    /// The folder of the checkpoint key and the signed head (the configuration folder, so a
    /// copy of the records alone cannot be rewritten and re-signed).
    pub keys: PathBuf,
}

impl StorePaths {
    pub fn database(&self) -> PathBuf {
        self.records.join(DATABASE_FILE)
    }

    pub fn key(&self) -> PathBuf {
        self.keys.join(KEY_FILE)
    }

    pub fn checkpoint(&self) -> PathBuf {
        self.keys.join(CHECKPOINT_FILE)
    }
}

/// The open store.
pub struct RecordStore {
    paths: StorePaths,
    connection: Connection,
    key: Vec<u8>,
    /// The last record's position and hash.
    head: Option<(i64, Hash)>,
    /// Why the latest records are not checkpointed yet, if they are not.
    unsealed: Option<String>,
    /// Held locked while the store is open for writing.
    _lock: fs::File,
}

impl std::fmt::Debug for RecordStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordStore").field("paths", &self.paths).field("head", &self.head).finish_non_exhaustive()
    }
}

impl RecordStore {
    /// Opens the store, creating its folders, database and key the first time.
    pub fn open(paths: StorePaths) -> Result<Self, RecordsError> {
        for folder in [&paths.records, &paths.keys] {
            fs::create_dir_all(folder).map_err(|error| RecordsError::File { path: folder.clone(), error })?;
        }
        let database = paths.database();
        let lock_path = paths.records.join(LOCK_FILE);
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|error| RecordsError::File { path: lock_path.clone(), error })?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Err(RecordsError::InUse { database }),
            Err(fs::TryLockError::Error(error)) => return Err(RecordsError::File { path: lock_path, error }),
        }
        let failed = |error| RecordsError::Database { path: database.clone(), error };
        let connection = Connection::open(&database).map_err(failed)?;
        connection
            .execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
            .map_err(failed)?;
        connection.execute_batch(SCHEMA).map_err(failed)?;
        // An outbox made before statements had a scope gets the column (its rows: any run).
        let scoped: bool = connection
            .query_row("SELECT EXISTS (SELECT 1 FROM pragma_table_info('outbox') WHERE name = 'scope')", [], |row| {
                row.get(0)
            })
            .map_err(failed)?;
        if !scoped {
            connection.execute_batch("ALTER TABLE outbox ADD COLUMN scope TEXT;").map_err(failed)?;
        }
        let empty: bool =
            connection.query_row("SELECT NOT EXISTS (SELECT 1 FROM record)", [], |row| row.get(0)).map_err(failed)?;
        let checkpoint_path = paths.checkpoint();
        // A key is made for a new trail only: a trail whose key went missing cannot be trusted,
        // and a new key would let the next checkpoint seal it.
        let key = match read_key(&paths.key())? {
            Some(key) => key,
            None if empty && !checkpoint_path.exists() => create_key(&paths.key())?,
            None => {
                return Err(RecordsError::Untrusted { database, findings: vec![Finding::NoKey] });
            }
        };
        let head = connection
            .query_row("SELECT seq, hash FROM record ORDER BY seq DESC LIMIT 1", [], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?))
            })
            .optional()
            .map_err(failed)?
            .map(|(seq, hash)| (seq, to_hash(&hash)));
        let mut store = Self { paths, connection, key, head, unsealed: None, _lock: lock };
        store.check_before_writing()?;
        Ok(store)
    }

    /// Verifies the trail before anything is added to it. Records that chain correctly past the
    /// last checkpoint are what a stop between a write and its checkpoint leaves (a crash, a
    /// `kill -9`): they are checkpointed now, with a record saying so, for the auditor to see.
    /// Anything else refuses the store.
    fn check_before_writing(&mut self) -> Result<(), RecordsError> {
        let verification = self.verify()?;
        match verification.findings.as_slice() {
            [] => Ok(()),
            [Finding::BeyondCheckpoint { from, to }] => {
                let body = format!(r#"{{"unchecked_from":{from},"unchecked_to":{to}}}"#);
                self.append(super::attempt::kind::CHECKPOINT_RECOVERED, None, &body)?;
                Ok(())
            }
            _ => Err(RecordsError::Untrusted { database: self.paths.database(), findings: verification.findings }),
        }
    }

    /// Why the latest records could not be checkpointed, if they could not (the next write tries
    /// again).
    pub fn checkpoint_problem(&self) -> Option<&str> {
        self.unsealed.as_deref()
    }

    pub fn paths(&self) -> &StorePaths {
        &self.paths
    }

    /// Appends a record timestamped now; returns its position once it is on disk and
    /// checkpointed.
    pub fn append(&mut self, kind: &str, attempt: Option<&str>, body: &str) -> Result<i64, RecordsError> {
        self.append_at(&now(), kind, attempt, body)
    }

    /// Appends a record with the time it happened.
    pub fn append_at(&mut self, at: &str, kind: &str, attempt: Option<&str>, body: &str) -> Result<i64, RecordsError> {
        let record =
            NewRecord { at: at.to_owned(), kind: "", attempt: attempt.map(str::to_owned), body: body.to_owned() };
        let seqs = self.append_all_with_kinds(&[(record, kind)], &[])?;
        Ok(seqs[0])
    }

    /// Appends records, and the statements they give to the outbox (each with the index of
    /// its record in `records`), in one transaction: on disk together or not at all. Returns
    /// the records' positions. One checkpoint seals them all.
    pub fn append_all(
        &mut self,
        records: &[NewRecord],
        statements: &[(usize, OutboxEntry)],
    ) -> Result<Vec<i64>, RecordsError> {
        let records: Vec<(NewRecord, &str)> = records.iter().map(|record| (record.clone(), record.kind)).collect();
        self.append_all_with_kinds(&records, statements)
    }

    fn append_all_with_kinds(
        &mut self,
        records: &[(NewRecord, &str)],
        statements: &[(usize, OutboxEntry)],
    ) -> Result<Vec<i64>, RecordsError> {
        if records.is_empty() {
            return Ok(Vec::new());
        }
        let database = self.paths.database();
        let failed = |error| RecordsError::Database { path: database.clone(), error };
        let transaction = self.connection.transaction().map_err(failed)?;
        let mut head = self.head;
        let mut seqs = Vec::with_capacity(records.len());
        {
            let mut insert = transaction
                .prepare_cached(
                    "INSERT INTO record (seq, at, kind, attempt, body, previous, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(failed)?;
            for (record, kind) in records {
                let (seq, previous) = match head {
                    Some((seq, hash)) => (seq + 1, hash),
                    None => (1, GENESIS),
                };
                let attempt = record.attempt.as_deref();
                let hash = chain::record_hash(&previous, seq, &record.at, kind, attempt, &record.body);
                insert
                    .execute(params![seq, record.at, kind, attempt, record.body, previous.as_slice(), hash.as_slice()])
                    .map_err(failed)?;
                head = Some((seq, hash));
                seqs.push(seq);
            }
            let mut queue = transaction
                .prepare_cached(
                    "INSERT OR IGNORE INTO outbox (statement_id, endpoint, scope, statement, record, queued_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(failed)?;
            let queued_at = now();
            for (index, entry) in statements {
                let record = seqs.get(*index).copied().unwrap_or_default();
                queue
                    .execute(params![
                        entry.statement_id,
                        entry.endpoint,
                        entry.scope,
                        entry.statement,
                        record,
                        queued_at
                    ])
                    .map_err(failed)?;
            }
        }
        transaction.commit().map_err(failed)?;
        self.head = head;
        // The records are on disk: a checkpoint that cannot be written now is written with the
        // next one (and said meanwhile), never by writing the records again.
        if let Some((seq, hash)) = head {
            self.unsealed = write_checkpoint(&self.paths.checkpoint(), &Checkpoint::sign(&self.key, seq, hash))
                .err()
                .map(|error| error.to_string());
        }
        Ok(seqs)
    }

    /// The attempts that started and never ended (nor were marked abandoned): what a game that
    /// stopped without saying so leaves.
    pub fn open_attempts(&self) -> Result<Vec<String>, RecordsError> {
        let failed = |error| RecordsError::Database { path: self.paths.database(), error };
        let mut statement = self
            .connection
            .prepare(
                "SELECT attempt FROM record WHERE kind = ?1 AND attempt IS NOT NULL AND attempt NOT IN \
                 (SELECT attempt FROM record WHERE kind IN (?2, ?3) AND attempt IS NOT NULL) ORDER BY seq",
            )
            .map_err(failed)?;
        let rows = statement
            .query_map(params![kind::ATTEMPT_STARTED, kind::ATTEMPT_ENDED, kind::ATTEMPT_ABANDONED], |row| row.get(0))
            .map_err(failed)?;
        rows.collect::<Result<_, _>>().map_err(failed)
    }

    /// The trainees who signed in on this machine, the most recent first, each once.
    pub fn trainees(&self) -> Result<Vec<Trainee>, RecordsError> {
        let failed = |error| RecordsError::Database { path: self.paths.database(), error };
        let mut statement =
            self.connection.prepare("SELECT body FROM record WHERE kind = ?1 ORDER BY seq DESC").map_err(failed)?;
        let bodies = statement.query_map(params![kind::SIGNED_IN], |row| row.get::<_, String>(0)).map_err(failed)?;
        let mut trainees: Vec<Trainee> = Vec::new();
        for body in bodies {
            let body = body.map_err(failed)?;
            if let Ok(signed_in) = serde_json::from_str::<SignedIn>(&body)
                && !trainees.contains(&signed_in.trainee)
            {
                trainees.push(signed_in.trainee);
            }
        }
        Ok(trainees)
    }

    /// Each (trainee id, level) with an attempt that passed cleanly (`Report::clean_pass`), each
    /// once.
    pub fn levels_passed(&self) -> Result<Vec<(String, String)>, RecordsError> {
        let failed = |error| RecordsError::Database { path: self.paths.database(), error };
        let mut statement = self
            .connection
            .prepare(
                "SELECT DISTINCT json_extract(s.body, '$.trainee.id'), json_extract(s.body, '$.level') \
                 FROM record s JOIN record e ON e.attempt = s.attempt AND e.kind = ?2 \
                 WHERE s.kind = ?1 AND json_extract(e.body, '$.report.outcome') = 'Passed' \
                 AND (json_extract(e.body, '$.report.mode') = 'Guided' \
                 OR ifnull(json_array_length(e.body, '$.report.interventions'), 0) = 0)",
            )
            .map_err(failed)?;
        let rows = statement
            .query_map(params![kind::ATTEMPT_STARTED, kind::ATTEMPT_ENDED], |row| {
                Ok((row.get::<_, Option<String>>(0)?, row.get::<_, Option<String>>(1)?))
            })
            .map_err(failed)?;
        let mut passed = Vec::new();
        for row in rows {
            if let (Some(trainee), Some(level)) = row.map_err(failed)? {
                passed.push((trainee, level));
            }
        }
        Ok(passed)
    }

    /// What the outbox says earlier sessions of a cmi5 registration reported: whether a
    /// cmi5-defined `completed` and `passed` were queued for it.
    pub fn registration_results(&self, registration: &str) -> Result<RegistrationResults, RecordsError> {
        let failed = |error| RecordsError::Database { path: self.paths.database(), error };
        let reported = |verb: &str| -> Result<bool, RecordsError> {
            self.connection
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM outbox WHERE json_extract(statement, '$.context.registration') = ?1 \
                     AND refused IS NULL AND json_extract(statement, '$.verb.id') = ?2 AND statement LIKE '%/context/categories/cmi5%')",
                    params![registration, format!("http://adlnet.gov/expapi/verbs/{verb}")],
                    |row| row.get(0),
                )
                .map_err(failed)
        };
        Ok(RegistrationResults { completed: reported("completed")?, passed: reported("passed")? })
    }

    /// The connection, for the outbox's delivery and the reports (reads and the outbox only:
    /// the record table refuses changes by itself).
    pub fn connection(&self) -> &Connection {
        &self.connection
    }

    /// Every record, in the trail's order.
    pub fn records(&self) -> Result<Vec<ChainedRecord>, RecordsError> {
        read_records(&self.connection).map_err(|error| RecordsError::Database { path: self.paths.database(), error })
    }

    /// Checks the whole trail against its chain and checkpoint (as `verify_store` does).
    pub fn verify(&self) -> Result<Verification, RecordsError> {
        verify_store(&self.paths)
    }
}

/// Verifies the store at `paths` without changing anything there (read-only, no schema, no
/// key made): what `cleanroom records verify` runs, on this machine's store or a copy of it.
/// A database deleted whole is named by its checkpoint.
pub fn verify_store(paths: &StorePaths) -> Result<Verification, RecordsError> {
    let database = paths.database();
    let checkpoint = read_checkpoint(&paths.checkpoint())?;
    let key = read_key(&paths.key())?;
    if !database.exists() {
        let findings = match &checkpoint {
            Some(checkpoint) => vec![Finding::TruncatedAfter { seq: 0, checkpoint: checkpoint.seq }],
            None => Vec::new(),
        };
        return Ok(Verification { records: 0, checkpoint: checkpoint.map(|c| c.seq), findings });
    }
    let failed = |error| RecordsError::Database { path: database.clone(), error };
    let connection =
        Connection::open_with_flags(&database, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(failed)?;
    let records = read_records(&connection).map_err(failed)?;
    let findings = match &key {
        Some(key) => chain::verify(&records, checkpoint.as_ref(), key),
        None if records.is_empty() && checkpoint.is_none() => Vec::new(),
        None => {
            // Without the key the chain can still be checked, the checkpoint not.
            let mut findings = chain::verify(&records, None, &[]);
            findings.retain(|finding| *finding != Finding::NoCheckpoint);
            findings.push(Finding::NoKey);
            findings
        }
    };
    Ok(Verification { records: records.len(), checkpoint: checkpoint.map(|c| c.seq), findings })
}

/// The store opened read-only, with how a failure names it; None when it has no database yet.
#[allow(clippy::type_complexity)]
fn read_only(
    paths: &StorePaths,
) -> Result<Option<(Connection, impl Fn(rusqlite::Error) -> RecordsError)>, RecordsError> {
    let database = paths.database();
    if !database.exists() {
        return Ok(None);
    }
    let failed = move |error| RecordsError::Database { path: database.clone(), error };
    let connection =
        Connection::open_with_flags(paths.database(), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(&failed)?;
    Ok(Some((connection, failed)))
}

/// One attempt's records (kind and body), in the trail's order, read without changing anything
/// (a game may be recording into the store at the same time): what the after-action review
/// and a replay read. None when the store holds no record of the attempt.
pub fn attempt_records(paths: &StorePaths, attempt: &str) -> Result<Option<Vec<(String, String)>>, RecordsError> {
    let Some((connection, failed)) = read_only(paths)? else {
        return Ok(None);
    };
    let mut statement =
        connection.prepare("SELECT kind, body FROM record WHERE attempt = ?1 ORDER BY seq").map_err(&failed)?;
    let rows = statement
        .query_map([attempt], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))
        .map_err(&failed)?;
    let records = rows.collect::<Result<Vec<_>, _>>().map_err(&failed)?;
    Ok((!records.is_empty()).then_some(records))
}

/// The newest attempt in the store that ended with a debrief, if any: its id.
pub fn latest_ended_attempt(paths: &StorePaths) -> Result<Option<String>, RecordsError> {
    let Some((connection, failed)) = read_only(paths)? else {
        return Ok(None);
    };
    let found = connection
        .query_row(
            "SELECT attempt FROM record WHERE kind = ?1 AND attempt IS NOT NULL ORDER BY seq DESC LIMIT 1",
            [kind::ATTEMPT_ENDED],
            |row| row.get::<_, String>(0),
        )
        .optional()
        .map_err(&failed)?;
    Ok(found)
}

/// Every record of the trail, in order.
fn read_records(connection: &Connection) -> Result<Vec<ChainedRecord>, rusqlite::Error> {
    let mut statement =
        connection.prepare("SELECT seq, at, kind, attempt, body, previous, hash FROM record ORDER BY seq")?;
    let rows = statement.query_map([], |row| {
        Ok(ChainedRecord {
            seq: row.get(0)?,
            at: row.get(1)?,
            kind: row.get(2)?,
            attempt: row.get(3)?,
            body: row.get(4)?,
            previous: to_hash(&row.get::<_, Vec<u8>>(5)?),
            hash: to_hash(&row.get::<_, Vec<u8>>(6)?),
        })
    })?;
    rows.collect()
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub records: usize,
    /// The checkpointed position, if there is a checkpoint.
    pub checkpoint: Option<i64>,
    pub findings: Vec<Finding>,
}

impl Verification {
    pub fn is_intact(&self) -> bool {
        self.findings.is_empty()
    }
}

impl std::fmt::Display for Verification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_intact() {
            let at = self.checkpoint.map_or_else(String::new, |seq| format!(", checkpointed at record {seq}"));
            return writeln!(f, "records: {} records, the chain is intact{at}", self.records);
        }
        let problems =
            if self.findings.len() == 1 { "1 problem".to_owned() } else { format!("{} problems", self.findings.len()) };
        writeln!(f, "records: {} records; {problems} found:", self.records)?;
        for finding in &self.findings {
            writeln!(f, "  - {finding}")?;
        }
        Ok(())
    }
}

fn to_hash(bytes: &[u8]) -> Hash {
    let mut hash = [0; 32];
    let length = bytes.len().min(32);
    hash[..length].copy_from_slice(&bytes[..length]);
    hash
}

fn read_key(path: &Path) -> Result<Option<Vec<u8>>, RecordsError> {
    match fs::read(path) {
        Ok(key) if !key.is_empty() => Ok(Some(key)),
        Ok(_) => Ok(None),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(RecordsError::File { path: path.to_owned(), error }),
    }
}

fn create_key(path: &Path) -> Result<Vec<u8>, RecordsError> {
    let mut key = vec![0; 32];
    getrandom::fill(&mut key).map_err(|error| RecordsError::File {
        path: path.to_owned(),
        error: std::io::Error::other(format!("no random numbers for a new key: {error}")),
    })?;
    write_atomically(path, &key)?;
    Ok(key)
}

fn write_checkpoint(path: &Path, checkpoint: &Checkpoint) -> Result<(), RecordsError> {
    let text = format!("{} {} {}\n", checkpoint.seq, hex(&checkpoint.hash), hex(&checkpoint.mac));
    write_atomically(path, text.as_bytes())
}

fn read_checkpoint(path: &Path) -> Result<Option<Checkpoint>, RecordsError> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(RecordsError::File { path: path.to_owned(), error }),
    };
    let bad = || RecordsError::BadCheckpointFile { path: path.to_owned() };
    let mut fields = text.split_whitespace();
    let seq = fields.next().and_then(|seq| seq.parse().ok()).ok_or_else(bad)?;
    let hash = fields.next().and_then(unhex).ok_or_else(bad)?;
    let mac = fields.next().and_then(unhex).ok_or_else(bad)?;
    Ok(Some(Checkpoint { seq, hash, mac }))
}

/// Writes a key or checkpoint file whole, readable by this account only.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), RecordsError> {
    crate::common::write_atomically(path, bytes, true)
        .map_err(|error| RecordsError::File { path: path.to_owned(), error })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn unhex(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 {
        return None;
    }
    let mut bytes = [0; 32];
    for (index, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(index * 2..index * 2 + 2)?, 16).ok()?;
    }
    Some(bytes)
}
