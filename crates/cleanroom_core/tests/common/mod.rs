//! What the core's tests share: where the shipped levels are, loading one through the checker
//! (a shipped level has no errors and no warnings), and a fresh records store's folders.
// Each test crate that includes this uses some of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use cleanroom_core::records::StorePaths;

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

/// A fresh records folder and key folder for one test, named after the test crate.
pub fn fresh_store_paths(crate_name: &str) -> StorePaths {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let root: PathBuf = std::env::temp_dir().join(format!(
        "cleanroom-{crate_name}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&root);
    StorePaths { records: root.join("data"), keys: root.join("config") }
}
