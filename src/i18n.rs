//! English and Korean text from the Fluent files in `assets/i18n/`.

use bevy::prelude::*;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::{LanguageIdentifier, langid};

/// Fluent sources, compiled in so a missing file can never leave the interface without text.
const ENGLISH_SOURCE: &str = include_str!("../assets/i18n/en.ftl");
const KOREAN_SOURCE: &str = include_str!("../assets/i18n/ko.ftl");

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Language>();
    app.insert_resource(Translations::load());
}

/// The language the trainee chose; both are first-class.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    English,
    Korean,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::English, Language::Korean];

    /// The code the core crate's bilingual texts use.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Korean => "ko",
        }
    }

    /// The language's own name, shown in the language picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Korean => "한국어",
        }
    }
}

/// Both translation bundles.
#[derive(Resource)]
pub struct Translations {
    english: FluentBundle<FluentResource>,
    korean: FluentBundle<FluentResource>,
}

impl Translations {
    /// Parses both bundled Fluent files. They are part of the program, so a syntax error in them
    /// is a bug caught by the tests, not something a user can cause.
    pub fn load() -> Self {
        Self { english: bundle(langid!("en-GB"), ENGLISH_SOURCE), korean: bundle(langid!("ko-KR"), KOREAN_SOURCE) }
    }

    /// The message `key` in `language`; a missing key shows itself as `key` so it is noticed.
    pub fn get(&self, language: Language, key: &str) -> String {
        self.format(language, key, None)
    }

    /// The message `key` with named arguments (`{ $name }` in the Fluent file).
    pub fn get_with(&self, language: Language, key: &str, args: &[(&str, &str)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(*value));
        }
        self.format(language, key, Some(&fluent_args))
    }

    fn format(&self, language: Language, key: &str, args: Option<&FluentArgs>) -> String {
        let bundle = match language {
            Language::English => &self.english,
            Language::Korean => &self.korean,
        };
        let Some(pattern) = bundle.get_message(key).and_then(|message| message.value()) else {
            warn!("missing translation {key} for {}", language.code());
            return key.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            warn!("translation {key} ({}): {errors:?}", language.code());
        }
        text.into_owned()
    }

    /// Every message id in the English file, for the completeness test.
    pub fn english_keys() -> Vec<String> {
        message_ids(ENGLISH_SOURCE)
    }

    /// Every message id in the Korean file.
    pub fn korean_keys() -> Vec<String> {
        message_ids(KOREAN_SOURCE)
    }
}

fn bundle(language: LanguageIdentifier, source: &str) -> FluentBundle<FluentResource> {
    let resource = match FluentResource::try_new(source.to_owned()) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            error!("translation file for {language} has errors: {errors:?}");
            resource
        }
    };
    let mut bundle = FluentBundle::new_concurrent(vec![language]);
    // Isolation marks render as boxes in fonts without them and are not needed for en/ko.
    bundle.set_use_isolating(false);
    if let Err(errors) = bundle.add_resource(resource) {
        error!("duplicate translation ids: {errors:?}");
    }
    bundle
}

fn message_ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|line| !line.starts_with('#') && !line.starts_with(' '))
        .filter_map(|line| line.split_once(" = ").map(|(id, _)| id.trim().to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_has_every_english_message_and_no_extra() {
        let mut english = Translations::english_keys();
        let mut korean = Translations::korean_keys();
        english.sort();
        korean.sort();
        assert!(english.len() > 50, "too few messages parsed: {}", english.len());
        assert_eq!(english, korean);
    }

    #[test]
    fn messages_format_with_arguments_in_both_languages() {
        let translations = Translations::load();
        let english = translations.get_with(Language::English, "debrief-score", &[("score", "85"), ("max", "100")]);
        let korean = translations.get_with(Language::Korean, "debrief-score", &[("score", "85"), ("max", "100")]);
        assert_eq!(english, "Score: 85 / 100");
        assert_eq!(korean, "점수: 85 / 100");
    }

    #[test]
    fn a_missing_message_shows_its_id() {
        let translations = Translations::load();
        assert_eq!(translations.get(Language::Korean, "no-such-message"), "no-such-message");
    }
}
