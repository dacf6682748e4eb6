//! Level files in the game: the shipped levels and the instructors' own folder as two asset
//! sources, each file loaded with the checker's own parser and checks (reloaded when edited,
//! picked up when added, dropped when removed), and the catalogue the menu lists.

use std::path::{Path, PathBuf};
use std::time::Duration;

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
    app.add_systems(Update, (rescan_level_folders, catalogue_levels).chain());
}

/// The asset source that reads the shipped level folder.
pub const LEVEL_SOURCE: &str = "levels";

/// The asset source that reads the instructors' own level folder.
pub const USER_LEVEL_SOURCE: &str = "user-levels";

/// How often the level folders are looked at for files added or removed (edits to a loaded
/// file are seen at once by the asset server's watcher).
const RESCAN_EVERY: Duration = Duration::from_secs(2);

/// Where a level comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum LevelOrigin {
    /// Installed with the game.
    #[default]
    Shipped,
    /// The instructors' own folder (`crate::paths::user_levels`).
    Instructor,
}

impl LevelOrigin {
    /// The asset source that reads this origin's folder.
    pub fn source(self) -> &'static str {
        match self {
            LevelOrigin::Shipped => LEVEL_SOURCE,
            LevelOrigin::Instructor => USER_LEVEL_SOURCE,
        }
    }

    fn of(path: &bevy::asset::AssetPath) -> Self {
        match path.source() {
            bevy::asset::io::AssetSourceId::Name(name) if name.as_ref() == USER_LEVEL_SOURCE => LevelOrigin::Instructor,
            _ => LevelOrigin::Shipped,
        }
    }
}

/// The loading screen's name for the level folder (a translation key).
const LOADING_PART: &str = "loading-levels";

/// Where the shipped level files are (see `crate::paths`).
pub fn levels_dir() -> PathBuf {
    crate::paths::levels().path
}

/// Registers the `levels://` asset source for the shipped levels and the `user-levels://` one
/// for the instructors' folder (made, with a note on what goes in it, if it is not there yet).
/// Call before `AssetPlugin` is added.
pub fn register_level_source(app: &mut App) {
    register_level_source_at(app, &levels_dir());
    match crate::paths::user_levels() {
        Some(folder) => match prepare_user_folder(&folder) {
            Ok(()) => register_user_level_source_at(app, &folder),
            Err(error) => error!("cannot make the instructors' level folder {}: {error}", folder.display()),
        },
        None => warn!("no home folder: instructors' own levels cannot be read"),
    }
}

/// Registers the `levels://` asset source for a given folder, watched for edits.
pub fn register_level_source_at(app: &mut App, directory: &Path) {
    app.world_mut().get_resource_or_init::<LevelDirectories>().shipped = directory.to_path_buf();
    register_source(app, LEVEL_SOURCE, directory);
}

/// Registers the `user-levels://` asset source for a given instructors' folder, watched for edits.
pub fn register_user_level_source_at(app: &mut App, directory: &Path) {
    app.world_mut().get_resource_or_init::<LevelDirectories>().user = Some(directory.to_path_buf());
    register_source(app, USER_LEVEL_SOURCE, directory);
}

fn register_source(app: &mut App, name: &'static str, directory: &Path) {
    let path = directory.to_string_lossy().into_owned();
    app.register_asset_source(
        name,
        AssetSourceBuilder::platform_default(&path, None)
            .with_watch_warning("level hot reload needs the file_watcher feature"),
    );
}

/// What an instructor finds in a new level folder.
const USER_FOLDER_NOTE: &str = "\
Your own cleanroom levels go in this folder: one `<id>.level.ron` file each.

The game lists them in its menu beside the shipped levels, and picks up a file added, edited or
removed while it runs. `cleanroom check` checks them with the shipped levels; a level whose id
is already a shipped level's is reported and not played: give it an id of its own.
`docs/levels.md` (in the source, or the README installed with the game) describes the format.
";

/// Makes the instructors' folder if it is missing, with a note saying what it is for.
pub fn prepare_user_folder(folder: &Path) -> std::io::Result<()> {
    if folder.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(folder)?;
    std::fs::write(folder.join("README.txt"), USER_FOLDER_NOTE)
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

/// The folders the level sources read: the shipped levels, and the instructors' own.
#[derive(Resource, Debug, Clone, Default)]
pub struct LevelDirectories {
    pub shipped: PathBuf,
    pub user: Option<PathBuf>,
}

impl LevelDirectories {
    /// Each folder with its origin.
    pub fn each(&self) -> impl Iterator<Item = (LevelOrigin, &Path)> {
        let user = self.user.as_deref().map(|dir| (LevelOrigin::Instructor, dir));
        std::iter::once((LevelOrigin::Shipped, self.shipped.as_path())).chain(user)
    }
}

/// The level files being loaded: every `*.level.ron` in the folders (anything else there, a
/// README or a world-ids file, is left alone).
#[derive(Resource, Debug, Clone, Default)]
pub struct LevelFolder(pub Vec<Handle<LevelAsset>>);

/// One level file, as the menu lists it.
#[derive(Debug, Clone)]
pub struct LevelEntry {
    /// The shipped folder or the instructors' own.
    pub origin: LevelOrigin,
    /// Another level already has this one's id (a shipped level, or an instructor's file listed
    /// before it): this one is listed with the clash and not played. Names that level's origin
    /// and file.
    pub clash: Option<(LevelOrigin, String)>,
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

impl LevelEntry {
    /// Whether the level can be chosen: it loaded without errors and its id is its own.
    pub fn playable(&self) -> bool {
        self.errors == 0 && self.clash.is_none()
    }
}

/// A level file as the instructor knows it, for the log.
fn describe(origin: LevelOrigin, file: &str) -> String {
    match origin {
        LevelOrigin::Shipped => format!("the shipped {file}"),
        LevelOrigin::Instructor => format!("your {file}"),
    }
}

/// Every level file found, the shipped ones first, each group sorted by file name; filled as
/// the files load.
#[derive(Resource, Debug, Clone, Default)]
pub struct LevelCatalog {
    pub entries: Vec<LevelEntry>,
    /// The folders have been read and every file in them loaded or rejected.
    pub ready: bool,
    /// The folders the levels come from.
    pub directories: LevelDirectories,
    /// The path through the shipped levels (`curriculum.ron` in their folder), or why it could
    /// not be read.
    pub curriculum: Option<Result<cleanroom_core::curriculum::Curriculum, String>>,
}

impl LevelCatalog {
    fn upsert(&mut self, entry: LevelEntry) {
        match self.entries.iter_mut().find(|existing| (existing.origin, &existing.file) == (entry.origin, &entry.file))
        {
            Some(existing) => *existing = entry,
            None => {
                self.entries.push(entry);
                self.entries.sort_by(|a, b| (a.origin, &a.file).cmp(&(b.origin, &b.file)));
            }
        }
        self.mark_clashes();
    }

    fn remove(&mut self, origin: LevelOrigin, file: &str) {
        self.entries.retain(|entry| (entry.origin, entry.file.as_str()) != (origin, file));
        self.mark_clashes();
    }

    /// The first loaded level with an id keeps it; any later one (an instructor's file named
    /// like a shipped level, or a second instructor's file with the same id) is marked.
    fn mark_clashes(&mut self) {
        let mut owners: Vec<(String, (LevelOrigin, String))> = Vec::new();
        for entry in &mut self.entries {
            let before = entry.clash.take();
            if entry.errors > 0 {
                continue;
            }
            match owners.iter().find(|(id, _)| *id == entry.id) {
                Some((_, owner)) if before.as_ref() == Some(owner) => entry.clash = before,
                Some((_, owner)) => {
                    warn!(
                        "level {} ({}) is not played: {} has the same id",
                        entry.id,
                        describe(entry.origin, &entry.file),
                        describe(owner.0, &owner.1)
                    );
                    entry.clash = Some(owner.clone());
                }
                None => owners.push((entry.id.clone(), (entry.origin, entry.file.clone()))),
            }
        }
    }

    /// The playable level with this id.
    pub fn find(&self, id: &str) -> Option<&LevelEntry> {
        self.entries.iter().find(|entry| entry.id == id && entry.playable())
    }

    /// One line saying what was loaded from where: `levels: 15 shipped (a, b), 1 yours (c);
    /// 0 rejected`, for the log (and the package test, which reads it).
    pub fn summary(&self) -> String {
        let ids = |origin: LevelOrigin| -> Vec<&str> {
            self.entries.iter().filter(|e| e.origin == origin && e.playable()).map(|e| e.id.as_str()).collect()
        };
        let (shipped, yours) = (ids(LevelOrigin::Shipped), ids(LevelOrigin::Instructor));
        let rejected: Vec<&str> =
            self.entries.iter().filter(|entry| !entry.playable()).map(|entry| entry.file.as_str()).collect();
        format!(
            "levels: {} shipped ({}), {} yours ({}); {} not playable ({})",
            shipped.len(),
            shipped.join(", "),
            yours.len(),
            yours.join(", "),
            rejected.len(),
            rejected.join(", ")
        )
    }

    /// The entry a level asset belongs to.
    pub fn entry_of(&self, id: AssetId<LevelAsset>) -> Option<&LevelEntry> {
        self.entries.iter().find(|entry| entry.handle.as_ref().is_some_and(|handle| handle.id() == id))
    }
}

/// The level files' names in a folder (an unreadable folder is said once and reads as empty).
fn level_file_names(folder: &Path) -> Vec<String> {
    let files = level_files_in(folder).unwrap_or_else(|error| {
        error!("cannot read the level folder {}: {error}", folder.display());
        Vec::new()
    });
    files.iter().filter_map(|file| file.file_name()).map(|name| name.to_string_lossy().into_owned()).collect()
}

/// Loads each level file on its own (Bevy's folder loading gives up on the whole folder at
/// the first file it has no loader for).
fn load_levels(
    server: Res<AssetServer>,
    directories: Option<Res<LevelDirectories>>,
    mut catalog: ResMut<LevelCatalog>,
    mut commands: Commands,
) {
    let Some(directories) = directories else {
        error!("no level folder registered: call register_level_source before AssetPlugin");
        commands.insert_resource(LevelFolder::default());
        return;
    };
    let mut handles = Vec::new();
    for (origin, folder) in directories.each() {
        let names = level_file_names(folder);
        handles.extend(names.iter().map(|name| server.load::<LevelAsset>(format!("{}://{name}", origin.source()))));
    }
    catalog.directories = directories.clone();
    catalog.curriculum = read_curriculum(&directories.shipped);
    commands.insert_resource(LevelFolder(handles));
}

/// The curriculum in the shipped levels' folder, if it has one (a parse error is logged and
/// shown in the menu).
fn read_curriculum(folder: &Path) -> Option<Result<cleanroom_core::curriculum::Curriculum, String>> {
    let path = folder.join(cleanroom_core::curriculum::CURRICULUM_FILE);
    let text = std::fs::read_to_string(&path).ok()?;
    let curriculum = cleanroom_core::curriculum::Curriculum::parse(&text)
        .map_err(|error| format!("{}: {error}", path.display()))
        .inspect_err(|error| error!("curriculum: {error}"));
    Some(curriculum)
}

/// A file added to a level folder is loaded and listed; a file removed is no longer offered; a
/// file that was rejected is tried again once it is saved anew. (Edits to a file that loaded
/// come through the asset server's watcher.)
fn rescan_level_folders(
    time: Res<Time<Real>>,
    mut last: Local<Option<Duration>>,
    mut saved_at: Local<std::collections::HashMap<String, std::time::SystemTime>>,
    server: Res<AssetServer>,
    directories: Option<Res<LevelDirectories>>,
    folder: Option<ResMut<LevelFolder>>,
    mut catalog: ResMut<LevelCatalog>,
) {
    let (Some(directories), Some(mut folder)) = (directories, folder) else {
        return;
    };
    let now = time.elapsed();
    if last.is_some_and(|then| now < then + RESCAN_EVERY) {
        return;
    }
    *last = Some(now);
    for (origin, directory) in directories.each() {
        let names = level_file_names(directory);
        for name in &names {
            let path = format!("{}://{name}", origin.source());
            let modified = std::fs::metadata(directory.join(name)).and_then(|meta| meta.modified()).ok();
            let saved_again = match (modified, saved_at.get(&path)) {
                (Some(now), Some(before)) => now != *before,
                _ => false,
            };
            if let Some(modified) = modified {
                saved_at.insert(path.clone(), modified);
            }
            let known = folder.0.iter().find(|handle| handle.path().is_some_and(|known| known.to_string() == path));
            match known {
                None => {
                    info!("level file {name} added to {}: loading it", directory.display());
                    let handle = server.load::<LevelAsset>(path.clone());
                    // Still loaded from before it was removed (a session holds it): read it again.
                    if server.is_loaded_with_dependencies(&handle) {
                        server.reload(path);
                    }
                    folder.0.push(handle);
                }
                Some(handle) if saved_again && server.load_state(handle).is_failed() => {
                    info!("level file {name} saved again: loading it");
                    server.reload(path);
                }
                Some(_) => {}
            }
        }
        let gone: Vec<String> = catalog
            .entries
            .iter()
            .filter(|entry| entry.origin == origin && !names.contains(&entry.file))
            .map(|entry| entry.file.clone())
            .collect();
        for file in gone {
            info!("level file {file} removed from {}: no longer offered", directory.display());
            catalog.remove(origin, &file);
            let path = format!("{}://{file}", origin.source());
            folder.0.retain(|handle| handle.path().is_none_or(|known| known.to_string() != path));
        }
    }
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
        let path = bevy::asset::AssetPath::parse(&asset.file);
        catalog.upsert(LevelEntry {
            origin: LevelOrigin::of(&path),
            clash: None,
            file: file_name(&path),
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
            origin: LevelOrigin::of(&event.path),
            clash: None,
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
        if catalog.ready {
            info!("{}", catalog.summary());
        }
    }
    let (progress, count) = (if catalog.ready { 1.0 } else { 0.0 }, catalog.entries.len().to_string());
    loading.report(LOADING_PART, progress, Some(count), catalog.ready);
}
