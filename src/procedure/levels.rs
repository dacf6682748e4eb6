//! Level files in the game: the instructors' folder as an asset source, each file loaded with
//! the checker's own parser and checks (and reloaded when edited), and the catalogue the menu
//! lists.

use std::path::PathBuf;

use bevy::asset::io::{AssetSourceBuilder, Reader};
use bevy::asset::{AssetLoader, LoadContext};
use bevy::prelude::*;
use cleanroom_core::common::Text;
use cleanroom_core::procedure::{Level, level_files_in, load_level_bytes};

use crate::screens::Loading;

pub(super) fn plugin(app: &mut App) {
    app.init_asset::<LevelAsset>();
    app.init_asset_loader::<LevelLoader>();
    app.init_resource::<LevelCatalog>();
    // The loading screen waits for the level folder from the start.
    app.init_resource::<Loading>();
    app.world_mut().resource_mut::<Loading>().report(LOADING_PART, 0.0, None, false);
    app.add_systems(Startup, load_levels);
    app.add_systems(Update, catalogue_levels);
}

/// The asset source that reads the instructors' level folder.
pub const LEVEL_SOURCE: &str = "levels";

/// The loading screen's name for the level folder (a translation key).
const LOADING_PART: &str = "loading-levels";

/// Where the shipped level files are (see `crate::paths`).
pub fn levels_dir() -> PathBuf {
    crate::paths::levels().path
}

/// Registers the `levels://` asset source. Call before `AssetPlugin` is added.
pub fn register_level_source(app: &mut App) {
    register_level_source_at(app, &levels_dir());
}

/// Registers the `levels://` asset source for a given folder, watched for edits.
pub fn register_level_source_at(app: &mut App, directory: &std::path::Path) {
    app.insert_resource(LevelDirectory(directory.to_path_buf()));
    let path = directory.to_string_lossy().into_owned();
    app.register_asset_source(
        LEVEL_SOURCE,
        AssetSourceBuilder::platform_default(&path, None)
            .with_watch_warning("level hot reload needs the file_watcher feature"),
    );
}

/// A level file, checked: it loads only when the checker finds no error in it.
#[derive(Asset, TypePath, Debug, Clone)]
pub struct LevelAsset {
    pub level: Level,
    /// The file name, for messages.
    pub file: String,
}

/// Loads `*.level.ron` files with the same parser and checks as `cleanroom check`.
#[derive(Default, TypePath)]
pub struct LevelLoader;

/// Every problem the checker found in a level file, rendered as it prints them.
#[derive(Debug)]
pub struct LevelLoadError {
    pub report: String,
    pub errors: usize,
}

impl std::fmt::Display for LevelLoadError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{} error(s):\n{}", self.errors, self.report)
    }
}

impl std::error::Error for LevelLoadError {}

impl AssetLoader for LevelLoader {
    type Asset = LevelAsset;
    type Settings = ();
    type Error = LevelLoadError;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        context: &mut LoadContext<'_>,
    ) -> Result<LevelAsset, LevelLoadError> {
        let file = context.path().to_string();
        let mut bytes = Vec::new();
        if let Err(error) = reader.read_to_end(&mut bytes).await {
            return Err(LevelLoadError { report: format!("{file}: cannot read: {error}"), errors: 1 });
        }
        match load_level_bytes(&bytes, &file) {
            Ok((level, warnings)) => {
                for warning in warnings {
                    warn!("{warning}");
                }
                Ok(LevelAsset { level, file })
            }
            Err(diagnostics) => {
                let errors = diagnostics.iter().filter(|diagnostic| diagnostic.is_error()).count().max(1);
                let report = diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
                Err(LevelLoadError { report, errors })
            }
        }
    }

    fn extensions(&self) -> &[&str] {
        &["level.ron"]
    }
}

/// The folder the `levels://` source reads.
#[derive(Resource, Debug, Clone)]
pub struct LevelDirectory(pub PathBuf);

/// The level files being loaded: every `*.level.ron` in the folder (anything else there, a
/// README or a world-ids file, is left alone).
#[derive(Resource, Debug, Clone, Default)]
pub struct LevelFolder(pub Vec<Handle<LevelAsset>>);

/// One level file, as the menu lists it.
#[derive(Debug, Clone)]
pub struct LevelEntry {
    /// Objects and controls the level names that the 3D cleanroom does not have yet: such a
    /// level checks and replays, but cannot be played in the world.
    pub missing_in_world: Vec<String>,
    pub file: String,
    pub id: String,
    pub title: Text,
    pub description: Text,
    pub minutes: u32,
    pub handle: Option<Handle<LevelAsset>>,
    /// Errors that keep the level from being played (the checker gives the details).
    pub errors: usize,
}

/// Every level file found, sorted by file name; filled as the files load.
#[derive(Resource, Debug, Clone, Default)]
pub struct LevelCatalog {
    pub entries: Vec<LevelEntry>,
    /// The folder has been read and every file in it loaded or rejected.
    pub ready: bool,
    /// The folder the levels come from.
    pub directory: PathBuf,
}

impl LevelCatalog {
    fn upsert(&mut self, entry: LevelEntry) {
        match self.entries.iter_mut().find(|existing| existing.file == entry.file) {
            Some(existing) => *existing = entry,
            None => {
                self.entries.push(entry);
                self.entries.sort_by(|a, b| a.file.cmp(&b.file));
            }
        }
    }

    /// The loaded (error-free) level with this id.
    pub fn find(&self, id: &str) -> Option<&LevelEntry> {
        self.entries.iter().find(|entry| entry.id == id && entry.errors == 0)
    }
}

/// Loads each level file on its own (Bevy's folder loading gives up on the whole folder at
/// the first file it has no loader for).
fn load_levels(
    server: Res<AssetServer>,
    directory: Option<Res<LevelDirectory>>,
    mut catalog: ResMut<LevelCatalog>,
    mut commands: Commands,
) {
    let Some(directory) = directory else {
        error!("no level folder registered: call register_level_source before AssetPlugin");
        commands.insert_resource(LevelFolder::default());
        return;
    };
    let files = level_files_in(&directory.0).unwrap_or_else(|error| {
        error!("cannot read the level folder {}: {error}", directory.0.display());
        Vec::new()
    });
    let names = files.iter().filter_map(|file| file.file_name()).map(|name| name.to_string_lossy().into_owned());
    let handles = names.map(|name| server.load::<LevelAsset>(format!("{LEVEL_SOURCE}://{name}"))).collect();
    catalog.directory = directory.0.clone();
    commands.insert_resource(LevelFolder(handles));
}

fn file_name(path: &bevy::asset::AssetPath) -> String {
    path.path().file_name().map_or_else(|| path.to_string(), |name| name.to_string_lossy().into_owned())
}

/// Keeps the catalogue in step with the level assets: loaded, edited or rejected.
fn catalogue_levels(
    server: Res<AssetServer>,
    folder: Option<Res<LevelFolder>>,
    levels: Res<Assets<LevelAsset>>,
    mut loaded: MessageReader<AssetEvent<LevelAsset>>,
    mut failed: MessageReader<bevy::asset::AssetLoadFailedEvent<LevelAsset>>,
    mut catalog: ResMut<LevelCatalog>,
    mut loading: ResMut<Loading>,
) {
    for event in loaded.read() {
        let (AssetEvent::LoadedWithDependencies { id } | AssetEvent::Modified { id }) = event else {
            continue;
        };
        let (Some(asset), Some(handle)) = (levels.get(*id), server.get_id_handle(*id)) else {
            continue;
        };
        let level = &asset.level;
        catalog.upsert(LevelEntry {
            file: file_name(&bevy::asset::AssetPath::parse(&asset.file)),
            id: level.id.clone(),
            title: level.title.clone(),
            description: level.description.clone(),
            minutes: level.estimated_minutes,
            handle: Some(handle),
            errors: 0,
            missing_in_world: Vec::new(),
        });
    }
    for event in failed.read() {
        let file = file_name(&event.path);
        error!("level {file} cannot be played: {}", event.error);
        let errors = match &event.error {
            bevy::asset::AssetLoadError::AssetLoaderError(error) => {
                error.error().downcast_ref::<LevelLoadError>().map_or(1, |error| error.errors)
            }
            _ => 1,
        };
        catalog.upsert(LevelEntry {
            id: file.clone(),
            file,
            title: Text::default(),
            description: Text::default(),
            minutes: 0,
            handle: None,
            errors,
            missing_in_world: Vec::new(),
        });
    }
    if !catalog.ready
        && let Some(folder) = folder
    {
        catalog.ready = folder
            .0
            .iter()
            .all(|handle| server.is_loaded_with_dependencies(handle) || server.load_state(handle).is_failed());
    }
    let (progress, count) = (if catalog.ready { 1.0 } else { 0.0 }, catalog.entries.len().to_string());
    loading.report(LOADING_PART, progress, Some(count), catalog.ready);
}
