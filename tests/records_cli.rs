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
