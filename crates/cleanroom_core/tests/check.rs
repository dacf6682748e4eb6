//! `check_paths` across files and the `cleanroom-check` binary's output and exit status.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use cleanroom_core::procedure::{WorldIds, check_paths, check_paths_in_world};

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
    assert!(text.contains("nope.level.ron: error[L003]: cannot read file"), "{text}");
    assert!(text.contains("warning[L004]: no `*.level.ron` files in this folder"), "{text}");
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
    assert!(stdout.contains("mini.level.ron:23:23: error[L103]: unknown zone `rooom`"), "{stdout}");
    assert!(stdout.contains("   = help: did you mean `room`?"), "{stdout}");
    assert!(stdout.contains("mini.level.ron: FAILED (1 error, 0 warnings)"), "{stdout}");
    let _ = fs::remove_dir_all(&dir);
}

/// A level may name only the controls and observation keys its station's model declares: the
/// world would never offer the control, the runner never hear of the key.
#[test]
fn a_station_control_or_key_the_model_does_not_declare_is_an_error_with_its_place() {
    let dir = scratch("station");
    let shipped = fs::read_to_string(levels_dir().join("bioreactor_load_prime.level.ron")).expect("shipped level");
    let edited = shipped
        .replacen(
            r#"Control(id: "bioreactor_screen_load_set", kind: Button),"#,
            r#"Control(id: "bioreactor_screen_load_set", kind: Button),
                    Control(id: "bioreactor_screen_sterilise", kind: Button),"#,
            1,
        )
        .replacen(
            r#""set_loaded": Flag(false),"#,
            r#""set_loaded": Flag(false),
                    "incubator_temperature": Number(37.0),"#,
            1,
        );
    assert_ne!(edited, shipped, "the edits apply");
    let file = dir.join("bioreactor_load_prime.level.ron");
    fs::write(&file, &edited).expect("write");
    let report = check_paths(std::slice::from_ref(&file));
    let diagnostics = &report.files[0].diagnostics;
    let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 2, "{report}");

    let control = errors.iter().find(|d| d.message.contains("bioreactor_screen_sterilise")).expect("the control");
    assert_eq!(control.message, "the bioreactor station has no control `bioreactor_screen_sterilise`");
    let line = edited.lines().position(|l| l.contains("bioreactor_screen_sterilise")).expect("line") + 1;
    let column = edited.lines().nth(line - 1).and_then(|l| l.find("\"bioreactor_screen_sterilise\"")).expect("col") + 1;
    assert_eq!((control.line, control.column), (line, column), "{report}");
    let help = control.help.as_deref().expect("help");
    assert!(help.contains("the station's controls are: bioreactor_screen_load_set, bioreactor_screen_prime"), "{help}");
    assert!(help.ends_with("and 2 more"), "a long list is clipped: {help}");

    let key = errors.iter().find(|d| d.message.contains("incubator_temperature")).expect("the key");
    assert!(key.message.starts_with("the bioreactor station reports no `incubator_temperature`"), "{}", key.message);
    let line = edited.lines().position(|l| l.contains("incubator_temperature")).expect("line") + 1;
    assert_eq!(key.line, line, "{report}");
    assert!(key.help.as_deref().is_some_and(|h| h.contains("observation keys are: phase, elapsed_h")), "{report}");

    // The same through the program an instructor runs.
    let binary = env!("CARGO_BIN_EXE_cleanroom-check");
    let output = Command::new(binary).arg(&file).output().expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "bioreactor_load_prime.level.ron:{}:{}: error[L106]: the bioreactor station has no control `bioreactor_screen_sterilise`",
            control.line, control.column
        )),
        "{stdout}"
    );
    let _ = fs::remove_dir_all(&dir);
}

/// Given the cleanroom's ids (the file the game writes), the checker reports an id the world
/// cannot play, at its place, with the ids it does have; without the file it cannot know.
#[test]
fn an_id_the_cleanroom_does_not_have_is_an_error_given_the_world_file() {
    let world_file = levels_dir().join("../docs/world-ids.txt");
    let world = WorldIds::parse(&fs::read_to_string(&world_file).expect("docs/world-ids.txt"));
    let shipped = check_paths_in_world(&[levels_dir()], Some(&world));
    assert!(!shipped.has_errors(), "{shipped}");

    let dir = scratch("world");
    let file = dir.join("mini.level.ron");
    fs::write(&file, MINI).expect("write");
    let report = check_paths_in_world(std::slice::from_ref(&file), Some(&world));
    let missing: Vec<_> = report.files[0].diagnostics.iter().filter(|d| d.code == "L700").collect();
    // The fixture's objects are not the cleanroom's: every one of them (but the record entry,
    // which the record terminal always has) and every control.
    assert_eq!(missing.len(), 10, "{report}");
    let bag = missing.iter().find(|d| d.message.starts_with("`bag_a`")).expect("bag_a");
    assert_eq!(bag.message, "`bag_a` is not in the 3D cleanroom: the level checks, but cannot be played");
    assert_eq!((bag.line, bag.column), (10, 32));
    assert!(check_paths(std::slice::from_ref(&file)).files[0].diagnostics.iter().all(|d| d.code != "L700"));

    let binary = env!("CARGO_BIN_EXE_cleanroom-check");
    let output = Command::new(binary).arg("--world").arg(&world_file).arg(&file).output().expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("mini.level.ron:10:32: error[L700]: `bag_a` is not in the 3D cleanroom"), "{stdout}");
    let unreadable = Command::new(binary).arg("--world").arg(dir.join("nope.txt")).output().expect("runs");
    assert_eq!(unreadable.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unreadable.stderr).contains("cannot read"), "a clear error");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_curriculum_that_does_not_fit_the_levels_beside_it_is_an_error_naming_the_lesson() {
    let dir = scratch("curriculum");
    fs::write(dir.join("mini.level.ron"), MINI).expect("write");
    fs::write(
        dir.join("curriculum.ron"),
        r#"Curriculum(lessons: [
            Lesson(level: "mini", teaches: (en: "The basics.", ko: "기초.")),
            Lesson(level: "missing_level", teaches: (en: "More.", ko: "더.")),
            Lesson(level: "mini", teaches: (en: "Again.", ko: ""), after: ["later"]),
        ])"#,
    )
    .expect("write");
    let report = check_paths(std::slice::from_ref(&dir));
    let text = report.to_string();
    assert_eq!(report.error_count(), 4, "{text}");
    assert!(text.contains("error[L005]: lesson 2 (missing_level): there is no level with this id"), "{text}");
    assert!(text.contains("lesson 3 (mini): the level is on the path twice"), "{text}");
    assert!(text.contains("lesson 3 (mini): its prerequisite 'later' is not an earlier lesson"), "{text}");
    assert!(text.contains("lesson 3 (mini): 'teaches' needs an English and a Korean text"), "{text}");

    fs::write(dir.join("curriculum.ron"), "Curriculum(lessons: [Lesson(level: \"mini\")])").expect("write");
    let text = check_paths(std::slice::from_ref(&dir)).to_string();
    assert!(text.contains("curriculum.ron: error[L005]: line 1"), "{text}");

    // The shipped curriculum fits the shipped levels.
    assert_eq!(check_paths(&[levels_dir()]).error_count(), 0);
    let _ = fs::remove_dir_all(&dir);
}
