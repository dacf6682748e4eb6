//! Small types shared by the procedure engine and the station models.

use serde::{Deserialize, Serialize};

/// A value a station reports or a trainee sets: a number (with the unit given by the control),
/// a choice by id, or an on/off flag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Number(f64),
    Choice(String),
    Flag(bool),
    /// Free text entered by the trainee (a reason, a donor id).
    Text(String),
}

/// Text shown to a trainee, in both first-class languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    #[serde(default)]
    pub ko: String,
}

impl Text {
    /// A text in English and Korean.
    pub fn new(en: impl Into<String>, ko: impl Into<String>) -> Self {
        Self { en: en.into(), ko: ko.into() }
    }

    /// The text in `lang` ("en" or "ko"), falling back to English where Korean is missing.
    pub fn get(&self, lang: &str) -> &str {
        if lang == "ko" && !self.ko.is_empty() { &self.ko } else { &self.en }
    }
}

/// Writes `bytes` to `path` through a new file beside it, flushed to disk, renamed over `path`,
/// and the folder flushed: a reader or a crash sees the old file or the new one, never half of
/// one, and a failure leaves the old one. `private` makes the file readable by this account
/// only (a key, a checkpoint).
pub fn write_atomically(path: &std::path::Path, bytes: &[u8], private: bool) -> std::io::Result<()> {
    use std::io::Write;
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".new");
    let temporary = std::path::PathBuf::from(temporary);
    let write = || -> std::io::Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        if private {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        let mut file = options.open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        #[cfg(unix)]
        if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
            std::fs::File::open(folder)?.sync_all()?;
        }
        Ok(())
    };
    write().inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// Whether `id` is snake_case: lower-case letters, digits and underscores, starting with a
/// letter (the ids levels and the 3D world share, and the names of parameters).
/// `words` with the first letter in capitals.
pub fn capitalised(words: &str) -> String {
    let mut chars = words.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

pub fn is_snake_case(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// RON options for the instructors' files (levels, the curriculum): `Some(...)` may be left out
/// around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}
