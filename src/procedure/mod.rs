//! The procedure levels as the game sees them: the catalogue shown in the menu.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use cleanroom_core::common::Text;
use cleanroom_core::procedure::load_level;

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(LevelCatalog::scan(&levels_dir()));
}

/// Where the level files are: `CLEANROOM_LEVELS`, else `levels/` in the source tree.
pub fn levels_dir() -> PathBuf {
    std::env::var_os("CLEANROOM_LEVELS")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("levels"), PathBuf::from)
}

/// One level file, as the menu lists it.
#[derive(Debug, Clone)]
pub struct LevelEntry {
    pub file: String,
    pub id: String,
    pub title: Text,
    pub description: Text,
    pub minutes: u32,
    /// Errors that keep the level from being played, if any (the checker gives the details).
    pub errors: usize,
}

/// Every level file found, sorted by file name.
#[derive(Resource, Debug, Clone, Default)]
pub struct LevelCatalog {
    pub directory: PathBuf,
    pub entries: Vec<LevelEntry>,
}

impl LevelCatalog {
    /// Reads and checks every `*.level.ron` file in `directory`.
    pub fn scan(directory: &Path) -> Self {
        let mut files: Vec<PathBuf> = std::fs::read_dir(directory)
            .map(|entries| {
                entries
                    .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                    .filter(|path| path.to_string_lossy().ends_with(".level.ron"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        let entries = files.iter().map(|path| entry(path)).collect();
        Self { directory: directory.to_owned(), entries }
    }
}

fn entry(path: &Path) -> LevelEntry {
    let file = path.file_name().map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    let source = match std::fs::read_to_string(path) {
        Ok(source) => source,
        Err(error) => {
            warn!("cannot read level {}: {error}", path.display());
            return LevelEntry {
                id: file.clone(),
                file,
                title: Text::default(),
                description: Text::default(),
                minutes: 0,
                errors: 1,
            };
        }
    };
    match load_level(&source, &path.to_string_lossy()) {
        Ok((level, _warnings)) => LevelEntry {
            file,
            id: level.id,
            title: level.title,
            description: level.description,
            minutes: level.estimated_minutes,
            errors: 0,
        },
        Err(problems) => {
            for problem in &problems {
                warn!("{problem}");
            }
            let errors = problems.iter().filter(|problem| problem.is_error()).count();
            LevelEntry {
                id: file.clone(),
                file,
                title: Text::default(),
                description: Text::default(),
                minutes: 0,
                errors: errors.max(1),
            }
        }
    }
}
