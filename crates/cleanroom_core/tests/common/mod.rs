//! What the tests of the shipped levels share: where the levels are, and loading one through
//! the checker (a shipped level has no errors and no warnings).

use std::path::PathBuf;

use cleanroom_core::procedure::{Level, check_paths};

pub fn levels_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../levels")
}

/// The shipped level `id`, checked.
pub fn load(id: &str) -> Level {
    let report = check_paths(&[levels_dir().join(format!("{id}.level.ron"))]);
    assert!(!report.has_errors(), "{report}");
    assert_eq!(report.warning_count(), 0, "{report}");
    report.files[0].level.clone().expect("the level parses")
}
