//! The game's log also goes to a file, so a training centre's IT can read what happened on a PC
//! after the game was closed: `cleanroom.log` in the platform's state directory
//! (`~/.local/state/cleanroom/`, see `crate::paths::log_file`), the run before kept beside it as
//! `cleanroom.previous.log`. Standard error still gets the same lines.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use bevy::log::BoxedLayer;
use bevy::log::tracing_subscriber::{self, Layer};
use bevy::prelude::*;

/// Where this run writes its log. Absent (headless tests), only standard error is written.
#[derive(Resource, Debug, Clone)]
pub struct LogFile(pub PathBuf);

/// For `LogPlugin::custom_layer`: a plain-text layer writing to the run's log file, if it has
/// one and the file can be made (if not, standard error says why and the game goes on).
pub fn file_layer(app: &mut App) -> Option<BoxedLayer> {
    let path = app.world().get_resource::<LogFile>()?.0.clone();
    match open(&path) {
        Ok(file) => Some(tracing_subscriber::fmt::layer().with_ansi(false).with_writer(Mutex::new(file)).boxed()),
        Err(error) => {
            eprintln!(
                "cleanroom: cannot write the log file {}: {error}; logging to standard error only",
                path.display()
            );
            None
        }
    }
}

/// Opens a fresh log file, keeping the previous run's beside it.
fn open(path: &Path) -> std::io::Result<File> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    if path.exists() {
        std::fs::rename(path, previous(path))?;
    }
    File::create(path)
}

/// `cleanroom.previous.log` beside `cleanroom.log`.
pub fn previous(path: &Path) -> PathBuf {
    path.with_extension("previous.log")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_run_keeps_the_previous_runs_log() {
        let dir = std::env::temp_dir().join(format!("cleanroom-log-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("state/cleanroom.log");
        drop(open(&path).expect("first run"));
        std::fs::write(&path, "first run\n").unwrap();
        drop(open(&path).expect("second run"));
        assert_eq!(std::fs::read_to_string(previous(&path)).unwrap(), "first run\n");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "", "a fresh file for this run");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
