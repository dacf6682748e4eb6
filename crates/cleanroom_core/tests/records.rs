//! The records store as an auditor meets it: what was written is there after a restart, the
//! database refuses edits and deletions, and a trail changed behind its back (with the triggers
//! dropped, by SQL) is reported with every record concerned named.

mod common;

use cleanroom_core::records::chain::{Checkpoint, GENESIS};
use cleanroom_core::records::store::{CHECKPOINT_FILE, verify_store};
use cleanroom_core::records::{Finding, RecordStore, RecordsError, StorePaths, record_hash};
use rusqlite::{Connection, params};

fn fresh_paths() -> StorePaths {
    common::fresh_store_paths("records")
}

/// A store holding five records of one attempt.
fn store_with_five() -> RecordStore {
    let mut store = RecordStore::open(fresh_paths()).expect("the store opens");
    store.append("attempt-started", Some("a1"), r#"{"level":"gowning_grade_b","trainee":"T-001"}"#).unwrap();
    for step in 1..=3 {
        store.append("step-completed", Some("a1"), &format!(r#"{{"step":{step}}}"#)).unwrap();
    }
    store.append("attempt-ended", Some("a1"), r#"{"outcome":"passed"}"#).unwrap();
    store
}

/// The database opened as someone tampering with it would: the append-only triggers dropped.
fn tamper(store: &RecordStore) -> Connection {
    let connection = Connection::open(store.paths().database()).unwrap();
    connection.execute_batch("DROP TRIGGER record_is_never_updated; DROP TRIGGER record_is_never_deleted;").unwrap();
    connection
}

/// Puts a record of attempt `a1` in at `seq`, chained to `previous` with its hash computed the
/// store's way, as a forger who knows the scheme would; returns its hash.
fn forge(connection: &Connection, seq: i64, previous: &[u8; 32], kind: &str, body: &str) -> [u8; 32] {
    let at = "2026-12-02T10:00:00.000Z";
    let hash = record_hash(previous, seq, at, kind, Some("a1"), body);
    connection
        .execute(
            "INSERT INTO record (seq, at, kind, attempt, body, previous, hash) VALUES (?1, ?2, ?3, 'a1', ?4, ?5, ?6)",
            params![seq, at, kind, body, previous.as_slice(), hash.as_slice()],
        )
        .unwrap();
    hash
}

fn findings(store: &RecordStore) -> Vec<Finding> {
    verify_store(store.paths()).unwrap().findings
}

#[test]
fn records_are_kept_across_restarts_and_verify_intact() {
    let store = store_with_five();
    let paths = store.paths().clone();
    drop(store);
    let mut reopened = RecordStore::open(paths).unwrap();
    assert_eq!(reopened.append("attempt-started", Some("a2"), "{}").unwrap(), 6, "the trail continues where it was");
    let verification = reopened.verify().unwrap();
    assert_eq!(verification.records, 6);
    assert!(verification.is_intact(), "{verification}");
    assert_eq!(verification.to_string(), "records: 6 records, the chain is intact, checkpointed at record 6\n");
}

#[test]
fn the_database_refuses_to_update_or_delete_a_record() {
    let store = store_with_five();
    let connection = Connection::open(store.paths().database()).unwrap();
    let update = connection.execute("UPDATE record SET body = '{}' WHERE seq = 2", []).unwrap_err();
    assert!(update.to_string().contains("append-only"), "{update}");
    let delete = connection.execute("DELETE FROM record WHERE seq = 2", []).unwrap_err();
    assert!(delete.to_string().contains("append-only"), "{delete}");
    assert!(findings(&store).is_empty());
}

#[test]
fn an_edited_record_is_named() {
    let store = store_with_five();
    tamper(&store).execute(r#"UPDATE record SET body = '{"outcome":"failed"}' WHERE seq = 5"#, []).unwrap();
    assert_eq!(findings(&store), vec![Finding::Edited { seq: 5 }]);
}

#[test]
fn a_deleted_record_is_named() {
    let store = store_with_five();
    tamper(&store).execute("DELETE FROM record WHERE seq = 3", []).unwrap();
    assert_eq!(findings(&store), vec![Finding::Deleted { from: 3, to: 3 }]);
}

#[test]
fn records_deleted_from_the_end_are_found_by_the_checkpoint() {
    let store = store_with_five();
    tamper(&store).execute("DELETE FROM record WHERE seq >= 4", []).unwrap();
    assert_eq!(findings(&store), vec![Finding::TruncatedAfter { seq: 3, checkpoint: 5 }]);
}

#[test]
fn an_inserted_record_is_named_even_with_a_correct_hash() {
    let store = store_with_five();
    let connection = tamper(&store);
    // Make room after record 2, then put in a record chained to it with a hash computed the
    // store's way: the record after it is still chained to record 2.
    connection
        .execute_batch("UPDATE record SET seq = -seq WHERE seq >= 3; UPDATE record SET seq = 1 - seq WHERE seq < 0;")
        .unwrap();
    let previous: Vec<u8> =
        connection.query_row("SELECT hash FROM record WHERE seq = 2", [], |row| row.get(0)).unwrap();
    let previous: [u8; 32] = previous.try_into().unwrap();
    forge(&connection, 3, &previous, "step-completed", r#"{"step":9}"#);
    let found = findings(&store);
    assert!(found.contains(&Finding::Inserted { seq: 3 }), "{found:?}");
    // Moving the records after it changed their positions, which their hashes cover.
    for seq in 4..=6 {
        assert!(found.contains(&Finding::Edited { seq }), "{found:?}");
    }
}

#[test]
fn reordered_records_are_named() {
    let store = store_with_five();
    tamper(&store).execute_batch("UPDATE record SET seq = 0 WHERE seq = 2; UPDATE record SET seq = 2 WHERE seq = 3; UPDATE record SET seq = 3 WHERE seq = 0;").unwrap();
    assert_eq!(
        findings(&store),
        vec![Finding::Edited { seq: 2 }, Finding::Reordered { seq: 2 }, Finding::Edited { seq: 3 }]
    );
}

#[test]
fn a_rewritten_trail_is_caught_by_the_signed_checkpoint() {
    // Someone rebuilds the whole trail with correct hashes and a checkpoint of their own.
    let store = store_with_five();
    let connection = tamper(&store);
    connection.execute("DELETE FROM record", []).unwrap();
    let hash = forge(&connection, 1, &GENESIS, "attempt-ended", r#"{"outcome":"passed"}"#);
    let forged = Checkpoint::sign(b"not this machine's key", 1, hash);
    let line = format!(
        "1 {} {}\n",
        hash.iter().map(|byte| format!("{byte:02x}")).collect::<String>(),
        forged.mac.iter().map(|byte| format!("{byte:02x}")).collect::<String>()
    );
    std::fs::write(store.paths().keys.join(CHECKPOINT_FILE), line).unwrap();
    assert_eq!(findings(&store), vec![Finding::BadCheckpoint]);
}

#[test]
fn a_damaged_checkpoint_file_is_an_error_that_names_it() {
    let store = store_with_five();
    let path = store.paths().keys.join(CHECKPOINT_FILE);
    std::fs::write(&path, "not a checkpoint").unwrap();
    let error = verify_store(store.paths()).unwrap_err();
    assert!(error.to_string().contains(&path.display().to_string()), "{error}");
    let paths = store.paths().clone();
    drop(store);
    let refused = RecordStore::open(paths).unwrap_err();
    assert!(matches!(refused, RecordsError::BadCheckpointFile { .. }), "nothing is written to it either: {refused}");
}

#[test]
fn a_record_written_as_the_game_stopped_is_checkpointed_at_the_next_start_with_a_note() {
    // A stop between a record's write and its checkpoint: the record is there, the checkpoint
    // one behind.
    let mut store = store_with_five();
    let checkpoint = store.paths().keys.join(CHECKPOINT_FILE);
    let before = std::fs::read(&checkpoint).unwrap();
    store.append("step-completed", Some("a1"), r#"{"step":4}"#).unwrap();
    std::fs::write(&checkpoint, before).unwrap();
    assert_eq!(findings(&store), vec![Finding::BeyondCheckpoint { from: 6, to: 6 }]);
    // The game stops (its lock goes with it).
    let paths = store.paths().clone();
    drop(store);

    let reopened = RecordStore::open(paths.clone()).expect("a crash does not lock the store");
    let records = reopened.records().unwrap();
    let last = records.last().unwrap();
    assert_eq!((last.seq, last.kind.as_str()), (7, "checkpoint-recovered"));
    assert_eq!(last.body, r#"{"unchecked_from":6,"unchecked_to":6}"#);
    assert_eq!(verify_store(&paths).unwrap().findings, vec![]);
}

#[test]
fn a_tampered_store_is_not_written_to() {
    let store = store_with_five();
    tamper(&store).execute("DELETE FROM record WHERE seq = 5", []).unwrap();
    let paths = store.paths().clone();
    drop(store);
    // Appending would checkpoint the shortened trail and hide the deletion.
    match RecordStore::open(paths.clone()) {
        Err(RecordsError::Untrusted { findings, .. }) => {
            assert_eq!(findings, vec![Finding::TruncatedAfter { seq: 4, checkpoint: 5 }])
        }
        other => panic!("the store opened for writing: {other:?}"),
    }
    let found = verify_store(&paths).unwrap().findings;
    assert_eq!(found, vec![Finding::TruncatedAfter { seq: 4, checkpoint: 5 }], "and stays as found");
}

#[test]
fn a_missing_key_or_database_is_named() {
    let store = store_with_five();
    let paths = store.paths().clone();
    drop(store);
    std::fs::remove_file(paths.key()).unwrap();
    assert_eq!(verify_store(&paths).unwrap().findings, vec![Finding::NoKey]);
    let refused = RecordStore::open(paths.clone()).unwrap_err();
    assert!(
        matches!(&refused, RecordsError::Untrusted { findings, .. } if findings == &[Finding::NoKey]),
        "no new key is made for an old trail: {refused}"
    );
    std::fs::remove_file(paths.database()).unwrap();
    assert_eq!(verify_store(&paths).unwrap().findings, vec![Finding::TruncatedAfter { seq: 0, checkpoint: 5 }]);
}

#[test]
fn a_second_writer_is_refused_while_the_first_has_the_store_open() {
    let paths = fresh_paths();
    let mut first = RecordStore::open(paths.clone()).expect("the store opens");
    first.append("signed-in", None, r#"{"trainee":"T-001"}"#).unwrap();
    // A second cleanroom on the same machine would chain its records to a head the first
    // moves on from: it is refused, and says why.
    let second = RecordStore::open(paths.clone()).unwrap_err();
    assert!(matches!(second, RecordsError::InUse { .. }), "{second}");
    assert!(second.to_string().contains("another cleanroom running on this machine"), "{second}");
    // Reading alongside the writer (verify, reports) is not writing.
    assert!(verify_store(&paths).unwrap().is_intact());
    drop(first);
    let mut again = RecordStore::open(paths.clone()).expect("the store is free once the first closes");
    again.append("signed-in", None, r#"{"trainee":"T-002"}"#).unwrap();
    assert!(verify_store(&paths).unwrap().is_intact());
}
