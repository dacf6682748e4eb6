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

/// Whether `id` is snake_case: lower-case letters, digits and underscores, starting with a
/// letter (the ids levels and the 3D world share, and the names of parameters).
pub fn is_snake_case(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
