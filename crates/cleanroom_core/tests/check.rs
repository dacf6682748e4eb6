//! `check_paths` across files and the `cleanroom-check` binary's output and exit status.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use cleanroom_core::procedure::check_paths;

const MINI: &str = include_str!("fixtures/mini.level.ron");

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cleanroom-check-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn levels_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../levels")
}

#[test]
fn a_folder_means_every_level_file_in_it_and_ids_are_checked_across_files() {
    let dir = scratch("across");
    fs::write(dir.join("mini.level.ron"), MINI).expect("write");
    let copy = MINI.replacen(
        r#"title: (en: "Mini", ko: "미니"),"#,
        r#"title: (en: "Mini", ko: "미니"),
    prerequisites: ["missing_level", "mini"],"#,
        1,
    );
    fs::write(dir.join("zz_copy.level.ron"), &copy).expect("write");
    fs::write(dir.join("notes.txt"), "not a level").expect("write");
    let report = check_paths(std::slice::from_ref(&dir));
    assert_eq!(report.files.len(), 2, "{report}");
    let copy_report = &report.files[1];
    let messages: Vec<&str> = copy_report.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(messages.contains(&"level id `mini` does not match the file name `zz_copy.level.ron`"));
    assert!(messages.iter().any(|m| m.starts_with("level id `mini` is also used by")));
    assert!(messages.contains(&"prerequisite `missing_level` is not a level found here"));
    assert!(!messages.iter().any(|m| m.contains("prerequisite `mini`")));
    let prerequisite = copy_report.diagnostics.iter().find(|d| d.message.starts_with("prerequisite")).expect("located");
    assert_eq!((prerequisite.line, prerequisite.column), (5, 21));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn missing_paths_and_empty_folders_are_reported() {
    let dir = scratch("empty");
    let missing = dir.join("nope.level.ron");
    let report = check_paths(&[dir.clone(), missing]);
    assert_eq!(report.error_count(), 1, "{report}");
    assert_eq!(report.warning_count(), 1, "{report}");
    let text = report.to_string();
    assert!(text.contains("nope.level.ron: error: cannot read file"), "{text}");
    assert!(text.contains("warning: no `*.level.ron` files in this folder"), "{text}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn the_binary_exits_zero_on_clean_levels_and_one_on_errors() {
    let binary = env!("CARGO_BIN_EXE_cleanroom-check");
    let ok = Command::new(binary).arg(levels_dir()).output().expect("runs");
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(ok.status.success(), "{stdout}");
    assert!(stdout.contains("gowning_grade_b.level.ron: ok (0 errors, 0 warnings)"), "{stdout}");
    assert!(stdout.contains("bioreactor_load_prime.level.ron: ok (0 errors, 0 warnings)"));

    let dir = scratch("binary");
    let broken = MINI.replacen(r#"zone: "room","#, r#"zone: "rooom","#, 1);
    fs::write(dir.join("mini.level.ron"), broken).expect("write");
    let failed = Command::new(binary).arg(&dir).output().expect("runs");
    let stdout = String::from_utf8_lossy(&failed.stdout);
    assert_eq!(failed.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("mini.level.ron:23:23: error: unknown zone `rooom`"), "{stdout}");
    assert!(stdout.contains("   = help: did you mean `room`?"), "{stdout}");
    assert!(stdout.contains("mini.level.ron: FAILED (1 error, 0 warnings)"), "{stdout}");
    let _ = fs::remove_dir_all(&dir);
}
