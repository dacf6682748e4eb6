//! `cleanroom records verify` as an instructor or an auditor runs it: an untouched store is
//! reported intact (exit 0); a record edited with the sqlite3 command line is named (exit 1).

use std::path::Path;
use std::process::Command;

use cleanroom_core::records::{RecordStore, StorePaths};

fn verify(paths: &StorePaths) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_cleanroom"))
        .args(["records", "verify"])
        .env("CLEANROOM_RECORDS", &paths.records)
        .env("CLEANROOM_RECORDS_KEYS", &paths.keys)
        .output()
        .expect("cleanroom runs");
    (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
}

fn sqlite3(database: &Path, sql: &str) {
    let status = Command::new("sqlite3")
        .arg(database)
        .arg(sql)
        .status()
        .expect("the sqlite3 command line (scripts/setup.sh installs it)");
    assert!(status.success(), "sqlite3 {sql}");
}

#[test]
fn records_verify_names_a_record_edited_with_the_sqlite3_command_line() {
    let root = std::env::temp_dir().join(format!("cleanroom-records-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let paths = StorePaths { records: root.join("records"), keys: root.join("keys") };
    let mut store = RecordStore::open(paths.clone()).expect("a new store");
    store.append("attempt-started", Some("a1"), r#"{"trainee":"T-001","level":"gowning_grade_b"}"#).unwrap();
    store
        .append("deviation", Some("a1"), r#"{"severity":"major","what":"touched the door with a gloved hand"}"#)
        .unwrap();
    store.append("attempt-ended", Some("a1"), r#"{"outcome":"failed"}"#).unwrap();
    drop(store);

    let (code, stdout) = verify(&paths);
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(stdout, "records: 3 records, the chain is intact, checkpointed at record 3\n");

    // The deviation quietly downgraded, as someone covering it up would.
    sqlite3(
        &paths.database(),
        "DROP TRIGGER record_is_never_updated; UPDATE record SET body = replace(body, 'major', 'minor') WHERE seq = 2;",
    );
    let (code, stdout) = verify(&paths);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("record 2 was edited: its content does not give its hash"), "{stdout}");
    let _ = std::fs::remove_dir_all(&root);
}

/// Counts the records of `kind` whose body contains `containing`.
fn count(database: &Path, kind: &str, containing: &str) -> i64 {
    let connection = rusqlite::Connection::open(database).unwrap();
    connection
        .query_row(
            "SELECT COUNT(*) FROM record WHERE kind = ?1 AND instr(body, ?2) > 0",
            rusqlite::params![kind, containing],
            |row| row.get(0),
        )
        .unwrap()
}

#[test]
fn a_game_killed_mid_write_loses_no_completed_attempt_and_its_store_verifies() {
    use std::io::BufRead;

    let root = std::env::temp_dir().join(format!("cleanroom-records-kill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let paths = StorePaths { records: root.join("records"), keys: root.join("keys") };
    let play = |repeat: &str| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cleanroom"));
        command
            .args(["play-headless", "--level", "gowning_grade_b", "--repeat", repeat])
            .args(["--trainee-id", "T-1024", "--trainee-name", "Kim Mina"])
            .env("CLEANROOM_RECORDS", &paths.records)
            .env("CLEANROOM_RECORDS_KEYS", &paths.keys)
            .env("CLEANROOM_LOG", root.join("cleanroom.log"));
        command
    };
    // A game playing attempt after attempt, killed with SIGKILL while it writes: a moment after
    // its third attempt is on disk, varying from run to run, so the kill lands anywhere in the
    // fourth (between records, in a transaction, between a write and its checkpoint).
    let mut child = play("50").stdout(std::process::Stdio::piped()).spawn().unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut recorded = 0;
    while recorded < 3 {
        let line = lines.next().expect("the game stopped before its third attempt").unwrap();
        recorded += i64::from(line.ends_with(" recorded"));
    }
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    std::thread::sleep(std::time::Duration::from_millis(u64::from(nanos % 600)));
    child.kill().unwrap();
    child.wait().unwrap();
    let database = paths.database();
    let ended = count(&database, "attempt-ended", "");
    assert!(ended >= recorded, "{recorded} attempts were said to be on disk, {ended} are");
    // The trail is consistent: intact, or with records written just before the kill that the
    // checkpoint had not yet sealed (the next start seals them, with a record saying so).
    let (code, said) = verify(&paths);
    let beyond_only = said.contains("1 problem found") && said.contains("after the last checkpoint");
    assert!(code == Some(0) || beyond_only, "after the kill: {said}");
    // The next start marks the interrupted attempt abandoned, and records on.
    let status = play("1").status().unwrap();
    assert!(status.success());
    let (code, said) = verify(&paths);
    assert_eq!(code, Some(0), "after the next start: {said}");
    let started = count(&database, "attempt-started", "");
    let ended_after = count(&database, "attempt-ended", "");
    let interrupted = count(&database, "attempt-abandoned", "interrupted");
    assert_eq!(ended_after, ended + 1, "the attempts ended before the kill are all still there");
    assert_eq!(started, ended_after + interrupted, "an attempt is neither ended nor abandoned");
    assert!(interrupted <= 1, "{interrupted} attempts abandoned by one kill");
    println!("killed after {recorded} attempts on disk: {ended} ended, {interrupted} interrupted, {started} started");
}

#[test]
fn the_batch_record_names_the_signed_in_trainee_as_the_operator() {
    let root = std::env::temp_dir().join(format!("cleanroom-records-operator-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let paths = StorePaths { records: root.join("records"), keys: root.join("keys") };
    let output = Command::new(env!("CARGO_BIN_EXE_cleanroom"))
        .args(["play-headless", "--level", "bioreactor_load_prime"])
        .args(["--trainee-id", "T-2048", "--trainee-name", "Lee Junho"])
        .env("CLEANROOM_RECORDS", &paths.records)
        .env("CLEANROOM_RECORDS_KEYS", &paths.keys)
        .env("CLEANROOM_LOG", root.join("cleanroom.log"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let connection = rusqlite::Connection::open(paths.database()).unwrap();
    let operators: Vec<String> = connection
        .prepare("SELECT json_extract(body, '$.entry.operator') FROM record WHERE kind = 'batch-record-entry'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    // The trainee's own entries name them (ALCOA+: attributable); a station's automatic
    // entries name the station.
    assert!(operators.iter().any(|operator| operator == "T-2048"), "{operators:?}");
    assert!(!operators.iter().any(|operator| operator == "trainee"), "{operators:?}");
    let _ = std::fs::remove_dir_all(&root);
}
