//! Where the game finds what it reads (assets, shipped levels) and where it would write, found
//! at run time, never from the source path the binary was compiled in: so a binary copied to
//! another PC, or reused by another clone, finds its own data.
//!
//! For assets and levels, in order: the environment override (`CLEANROOM_ASSETS`,
//! `CLEANROOM_LEVELS`); beside the executable (an unpacked release archive); the installed data
//! folder `../share/cleanroom/` beside the executable's folder (the .deb's `/usr/bin` and
//! `/usr/share/cleanroom`); the crate folder `cargo run` and `cargo test` name in
//! `CARGO_MANIFEST_DIR` at run time; and the working folder (the scripts run from the clone).

use std::path::{Path, PathBuf};

/// A folder the game reads, where it was found, and every place that was looked in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The first place that exists, else the first looked in (so the error names it).
    pub path: PathBuf,
    pub exists: bool,
    /// What was looked in, in order, and why each was a candidate.
    pub searched: Vec<(PathBuf, &'static str)>,
}

/// The candidates for a data folder called `name` (`assets`, `levels`), in order.
pub fn candidates(
    name: &str,
    env_override: Option<PathBuf>,
    exe: Option<&Path>,
    manifest: Option<PathBuf>,
    cwd: Option<PathBuf>,
) -> Vec<(PathBuf, &'static str)> {
    let mut out = Vec::new();
    if let Some(path) = env_override {
        out.push((path, "environment override"));
        return out;
    }
    if let Some(dir) = exe.and_then(Path::parent) {
        out.push((dir.join(name), "beside the executable"));
        if let Some(prefix) = dir.parent() {
            out.push((prefix.join("share").join("cleanroom").join(name), "installed data folder"));
        }
    }
    if let Some(manifest) = manifest {
        out.push((manifest.join(name), "the crate cargo runs"));
    }
    if let Some(cwd) = cwd {
        out.push((cwd.join(name), "the working folder"));
    }
    out
}

/// The first of `candidates` that is a folder.
pub fn first_existing(candidates: Vec<(PathBuf, &'static str)>) -> Found {
    let hit = candidates.iter().find(|(path, _)| path.is_dir()).map(|(path, _)| path.clone());
    let fallback = candidates.first().map(|(path, _)| path.clone()).unwrap_or_default();
    Found { exists: hit.is_some(), path: hit.unwrap_or(fallback), searched: candidates }
}

/// Finds the data folder `name`, with `variable` as its environment override.
pub fn find(name: &str, variable: &str) -> Found {
    let exe = std::env::current_exe().ok();
    first_existing(candidates(
        name,
        std::env::var_os(variable).map(PathBuf::from),
        exe.as_deref(),
        std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from),
        std::env::current_dir().ok(),
    ))
}

/// The game's assets (fonts, translations).
pub fn assets() -> Found {
    find("assets", "CLEANROOM_ASSETS")
}

/// The shipped levels.
pub fn levels() -> Found {
    find("levels", "CLEANROOM_LEVELS")
}

/// The folder of the game's own files in the platform's data directory (XDG's
/// `~/.local/share/cleanroom` on Linux), where instructors' levels and records live.
fn data_home() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join("cleanroom"))
}

/// The instructors' own levels: `CLEANROOM_USER_LEVELS`, else `levels/` in the platform's data
/// directory (`~/.local/share/cleanroom/levels`). `None` when the platform names no data
/// directory (no home folder).
pub fn user_levels() -> Option<PathBuf> {
    std::env::var_os("CLEANROOM_USER_LEVELS").map(PathBuf::from).or_else(|| data_home().map(|dir| dir.join("levels")))
}

/// The settings file: `CLEANROOM_SETTINGS`, else `settings.ron` in the platform's config
/// directory (`~/.config/cleanroom/settings.ron`).
pub fn settings_file() -> Option<PathBuf> {
    std::env::var_os("CLEANROOM_SETTINGS")
        .map(PathBuf::from)
        .or_else(|| dirs::config_dir().map(|dir| dir.join("cleanroom").join("settings.ron")))
}

/// Where the records store is: `CLEANROOM_RECORDS`, else `records/` in the platform's data
/// directory (`~/.local/share/cleanroom/records`).
pub fn records_dir() -> Option<PathBuf> {
    std::env::var_os("CLEANROOM_RECORDS").map(PathBuf::from).or_else(|| data_home().map(|dir| dir.join("records")))
}

/// Where the records' checkpoint key and signed head are kept, apart from the records:
/// `CLEANROOM_RECORDS_KEYS`, else the platform's config directory (`~/.config/cleanroom`).
pub fn records_keys_dir() -> Option<PathBuf> {
    std::env::var_os("CLEANROOM_RECORDS_KEYS")
        .map(PathBuf::from)
        .or_else(|| dirs::config_dir().map(|dir| dir.join("cleanroom")))
}

/// The records store's folders, where the platform has a home folder.
pub fn record_store() -> Option<cleanroom_core::records::StorePaths> {
    Some(cleanroom_core::records::StorePaths { records: records_dir()?, keys: records_keys_dir()? })
}

/// Where a training centre names its learning record store: `CLEANROOM_LRS_CONFIG`, else
/// `lrs.ron` in the configuration folder (`~/.config/cleanroom/lrs.ron`).
pub fn lrs_file() -> Option<PathBuf> {
    std::env::var_os("CLEANROOM_LRS_CONFIG")
        .map(PathBuf::from)
        .or_else(|| dirs::config_dir().map(|dir| dir.join("cleanroom").join("lrs.ron")))
}

/// The log of the latest run: `CLEANROOM_LOG`, else `cleanroom.log` in the platform's state
/// directory (`~/.local/state/cleanroom/cleanroom.log`; the local data directory where the
/// platform has no state directory).
pub fn log_file() -> Option<PathBuf> {
    std::env::var_os("CLEANROOM_LOG").map(PathBuf::from).or_else(|| {
        dirs::state_dir().or_else(dirs::data_local_dir).map(|dir| dir.join("cleanroom").join("cleanroom.log"))
    })
}

/// The version and the commit the game was built from.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("CLEANROOM_COMMIT"), ")");

/// What `cleanroom paths` prints: where the game reads and what it writes.
pub fn report() -> String {
    let mut out = format!("cleanroom {VERSION}\n");
    for (what, found) in [("assets", assets()), ("shipped levels", levels())] {
        let state = if found.exists { "" } else { "  (not found)" };
        out.push_str(&format!("{what}: {}{state}\n", found.path.display()));
        if !found.exists {
            for (path, why) in &found.searched {
                out.push_str(&format!("  looked in {} ({why})\n", path.display()));
            }
        }
    }
    let named =
        |path: Option<PathBuf>| path.map_or_else(|| "none (no home folder)".to_owned(), |p| p.display().to_string());
    out.push_str(&format!("instructors' levels: {}\n", named(user_levels())));
    out.push_str(&format!("settings: {}\n", named(settings_file())));
    out.push_str(&format!(
        "records: {} (its checkpoint key in {}; `cleanroom records verify` checks them)\n",
        named(records_dir()),
        named(records_keys_dir())
    ));
    out.push_str(&format!(
        "logs: standard error, and {} (the run before kept as cleanroom.previous.log; RUST_LOG sets the detail)\n",
        named(log_file())
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cleanroom-paths-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temp folder");
        dir
    }

    #[test]
    fn an_installed_binary_finds_its_data_beside_it_or_in_share_never_in_a_source_tree() {
        let root = temp("installed");
        let bin = root.join("usr/bin");
        std::fs::create_dir_all(&bin).unwrap();
        std::fs::create_dir_all(root.join("usr/share/cleanroom/assets")).unwrap();
        let exe = bin.join("cleanroom");
        let found = first_existing(candidates("assets", None, Some(&exe), None, None));
        assert!(found.exists);
        assert_eq!(found.path, root.join("usr/share/cleanroom/assets"));
        // An archive unpacked anywhere: beside the executable wins.
        std::fs::create_dir_all(bin.join("assets")).unwrap();
        let found = first_existing(candidates("assets", None, Some(&exe), None, None));
        assert_eq!(found.path, bin.join("assets"));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn the_version_names_the_commit_it_was_built_from() {
        assert!(VERSION.starts_with(env!("CARGO_PKG_VERSION")), "{VERSION}");
        let commit = VERSION.split("commit ").nth(1).and_then(|rest| rest.strip_suffix(')')).expect("a commit");
        if Path::new(env!("CARGO_MANIFEST_DIR")).join(".git").exists() {
            assert!(commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit()), "{commit}");
        }
    }

    #[test]
    fn under_cargo_the_assets_and_levels_are_found() {
        for found in [assets(), levels()] {
            assert!(found.exists, "{found:?}");
        }
        assert!(!report().contains("not found"), "{}", report());
    }

    #[test]
    fn the_override_wins_and_a_missing_folder_says_where_it_looked() {
        let root = temp("missing");
        let exe = root.join("bin/cleanroom");
        let found =
            first_existing(candidates("levels", None, Some(&exe), Some(root.join("src")), Some(root.join("cwd"))));
        assert!(!found.exists);
        assert_eq!(found.searched.len(), 4, "{:?}", found.searched);
        let chosen = first_existing(candidates("levels", Some(root.clone()), Some(&exe), None, None));
        assert_eq!((chosen.path, chosen.searched.len()), (root.clone(), 1));
        let _ = std::fs::remove_dir_all(&root);
    }
}
