//! The trainee's choices that outlive a session (language, standing or seated play), kept in
//! the platform's config directory (`crate::paths::settings_file`) as a small RON file.
//!
//! A file that cannot be read is set aside as `settings.ron.unreadable` (so nothing the
//! instructor wrote is lost) and the defaults are used; a write goes to a temporary file first
//! and then replaces the old one, so a crash never leaves half a file.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::Language;
use crate::player::PlayHeight;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, save_changed_settings.run_if(resource_exists::<SettingsFile>));
}

/// Where this run keeps its settings, and what the file holds now. Absent (as in checks,
/// captures and tests), nothing is read or written.
#[derive(Resource, Debug, Clone)]
pub struct SettingsFile {
    pub path: PathBuf,
    pub saved: Settings,
}

/// What is kept between runs.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(default)]
pub struct Settings {
    /// `en` or `ko`.
    pub language: StoredLanguage,
    /// Play seated in the headset (the view is lifted to standing eye height).
    pub seated: bool,
}

/// A language as the file spells it.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StoredLanguage {
    #[default]
    #[serde(rename = "en")]
    English,
    #[serde(rename = "ko")]
    Korean,
}

impl Settings {
    /// The settings as the game has them now.
    pub fn of(language: Language, height: PlayHeight) -> Self {
        let language = match language {
            Language::English => StoredLanguage::English,
            Language::Korean => StoredLanguage::Korean,
        };
        Settings { language, seated: height == PlayHeight::Seated }
    }

    pub fn language(self) -> Language {
        match self.language {
            StoredLanguage::English => Language::English,
            StoredLanguage::Korean => Language::Korean,
        }
    }

    pub fn height(self) -> PlayHeight {
        if self.seated { PlayHeight::Seated } else { PlayHeight::Standing }
    }
}

/// Reads the settings file. A missing file gives the defaults; one that cannot be read or
/// parsed is moved aside (its new name is in the warning) and gives the defaults.
pub fn load(path: &Path) -> Settings {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Settings::default(),
        Err(error) => {
            set_aside(path, &error.to_string());
            return Settings::default();
        }
    };
    match ron::from_str::<Settings>(&text) {
        Ok(settings) => settings,
        Err(error) => {
            set_aside(path, &error.to_string());
            Settings::default()
        }
    }
}

fn set_aside(path: &Path, why: &str) {
    let aside = path.with_extension("ron.unreadable");
    match std::fs::rename(path, &aside) {
        Ok(()) => warn!(
            "settings {} could not be read ({why}); kept as {} and started with the defaults",
            path.display(),
            aside.display()
        ),
        Err(error) => {
            warn!("settings {} could not be read ({why}) nor set aside ({error}); using the defaults", path.display())
        }
    }
}

/// Writes the settings file (and its folder), replacing the old one only once the new one is
/// complete.
pub fn save(path: &Path, settings: Settings) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let text = ron::ser::to_string_pretty(&settings, ron::ser::PrettyConfig::default())
        .map_err(|error| std::io::Error::other(error.to_string()))?;
    let text = format!("// cleanroom's settings; the menu changes them.\n{text}\n");
    cleanroom_core::common::write_atomically(path, text.as_bytes(), false)
}

/// A choice changed in the menu is written at once (and only then: the menu touches these
/// resources every frame).
fn save_changed_settings(mut file: ResMut<SettingsFile>, language: Res<Language>, height: Res<PlayHeight>) {
    let now = Settings::of(*language, *height);
    if now == file.saved {
        return;
    }
    // Said once: a file that cannot be written is not retried every frame.
    file.saved = now;
    match save(&file.path, now) {
        Ok(()) => info!("settings saved to {}", file.path.display()),
        Err(error) => error!("cannot save the settings to {}: {error}", file.path.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cleanroom-settings-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn settings_written_are_read_back_and_a_missing_file_gives_the_defaults() {
        let dir = temp("round-trip");
        let file = dir.join("cleanroom/settings.ron");
        assert_eq!(load(&file), Settings::default());
        let chosen = Settings::of(Language::Korean, PlayHeight::Seated);
        save(&file, chosen).expect("saved");
        assert_eq!(load(&file), chosen);
        assert_eq!((chosen.language(), chosen.height()), (Language::Korean, PlayHeight::Seated));
        assert!(!file.with_extension("ron.new").exists(), "the temporary file is gone");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_unreadable_settings_file_is_kept_aside_not_lost() {
        let dir = temp("broken");
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("settings.ron");
        std::fs::write(&file, "Settings(language: \"fr\", seated: maybe)").unwrap();
        assert_eq!(load(&file), Settings::default());
        let aside = dir.join("settings.ron.unreadable");
        assert_eq!(std::fs::read_to_string(aside).unwrap(), "Settings(language: \"fr\", seated: maybe)");
        assert!(!file.exists());
        // A file from an older version with fewer fields still reads.
        std::fs::write(&file, "(seated: true)").unwrap();
        assert_eq!(load(&file).height(), PlayHeight::Seated);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
