//! The RON reader's errors in an instructor's words: what is wrong at the caret and what to
//! do, never the parser's own vocabulary ("raw identifier", "recursion limit", "serde").

use ron::error::Error;

use super::codes::{self, Code};
use super::validate::{listed, suggestion};

/// What to tell the author about a RON error: its code, the message and what to do.
pub fn explain(error: &Error) -> (Code, String, Option<String>) {
    let syntax = |message: &str, help: &str| (codes::SYNTAX, message.to_owned(), Some(help.to_owned()));
    match error {
        // A text in a language the game does not have.
        Error::NoSuchStructField { found, outer: Some(outer), .. } if outer == "Text" && found.len() <= 3 => (
            codes::UNKNOWN_FIELD,
            format!("`{found}` is not a language of the game: texts are in English (`en`) and Korean (`ko`)"),
            Some(format!("remove `{found}: ...`; if you meant one of the two, write `en` or `ko`")),
        ),
        Error::NoSuchStructField { expected, found, outer } => {
            let near = suggestion(found, expected.iter().copied());
            let place = outer.as_deref().map(thing).unwrap_or_else(|| "here".to_owned());
            (
                codes::UNKNOWN_FIELD,
                format!("unknown field `{found}` {place}"),
                Some(match near {
                    Some(near) => format!("did you mean `{near}`? the fields here are {}", listed(expected)),
                    None => format!("the fields here are {}", listed(expected)),
                }),
            )
        }
        Error::NoSuchEnumVariant { expected, found, outer } => {
            let what = outer.as_deref().map(word_for).unwrap_or("word");
            let near = suggestion(found, expected.iter().copied());
            (
                codes::UNKNOWN_WORD,
                format!("`{found}` is not a {what}"),
                Some(match near {
                    Some(near) => format!("did you mean `{near}`? the {what}s are {}", listed(expected)),
                    None => format!("the {what}s are {}", listed(expected)),
                }),
            )
        }
        Error::MissingStructField { field, outer } => {
            let place = outer.as_deref().map(thing).unwrap_or_else(|| "here".to_owned());
            (
                codes::MISSING_FIELD,
                format!("`{field}` is missing {place}"),
                Some(format!("add `{field}: ...` inside the brackets that end at the caret")),
            )
        }
        Error::DuplicateStructField { field, outer } => {
            let place = outer.as_deref().map(thing).unwrap_or_else(|| "here".to_owned());
            (
                codes::FIELD_TWICE,
                format!("`{field}` is given twice {place}"),
                Some("keep one of them: the reader cannot tell which one you meant".to_owned()),
            )
        }
        Error::ExpectedDifferentStructName { expected, found } => (
            codes::WRONG_GROUP_NAME,
            format!("expected `{expected}(...)` here, not `{found}(...)`"),
            Some(format!("write `{expected}`, or leave the name out and keep only the brackets")),
        ),
        Error::InvalidValueForType { expected, found } => (
            codes::WRONG_VALUE_TYPE,
            format!("expected {}, but found {}", plain(expected), plain(found)),
            Some("check what this field takes in docs/levels.md".to_owned()),
        ),
        Error::ExpectedDifferentLength { expected, found } => (
            codes::WRONG_VALUE_TYPE,
            format!("expected {}, but found {found} value{}", plain(expected), if *found == 1 { "" } else { "s" }),
            None,
        ),
        Error::ExceededRecursionLimit => (
            codes::TOO_DEEP,
            "the file nests brackets too deeply to be a level".to_owned(),
            Some("a bracket is probably never closed above this point".to_owned()),
        ),
        Error::SuggestRawIdentifier(name) | Error::InvalidIdentifier(name) => (
            codes::BAD_NAME,
            format!("`{name}` cannot be used as a name here"),
            Some("names of fields and words are letters, digits and `_` (no `-`, spaces or dots)".to_owned()),
        ),
        Error::ExpectedComma => syntax(
            "a `,` is missing between two values",
            "put a comma after the value before the caret (often at the end of the line above)",
        ),
        Error::ExpectedArrayEnd => {
            syntax("a list is not closed here", "close the list with `]`, or put a `,` between its items")
        }
        Error::ExpectedStructLikeEnd => {
            syntax("a group is not closed here", "close it with `)`, or put a `,` between its fields")
        }
        Error::ExpectedMapEnd => {
            syntax("a map is not closed here", "close it with `}`, or put a `,` between its entries")
        }
        Error::ExpectedMapColon => syntax("a `:` is missing after a map key", "write `\"key\": value`"),
        Error::ExpectedStringEnd => syntax("a text is not closed", "end it with `\"` on the same line"),
        Error::UnclosedBlockComment => syntax("a `/*` comment is never closed", "end it with `*/`"),
        Error::UnclosedLineComment => syntax("the file ends inside a comment", "end the file with a new line"),
        Error::Eof => {
            syntax("the file ends too early", "a `)`, `]` or `}` is missing: count the brackets that open above")
        }
        Error::TrailingCharacters => syntax(
            "there is more after the end of the level",
            "the level ends with its last `)`; remove what follows, or check for an extra `)` above",
        ),
        Error::UnexpectedChar(c) => {
            syntax(&format!("`{c}` is not expected here"), "check the line for a typing mistake")
        }
        Error::ExpectedString | Error::ExpectedByteString => (
            codes::WRONG_VALUE_TYPE,
            "expected a text in quotes here".to_owned(),
            Some("write it as \"...\"".to_owned()),
        ),
        Error::ExpectedFloat | Error::ExpectedInteger | Error::FloatUnderscore | Error::IntegerOutOfBounds => (
            codes::WRONG_VALUE_TYPE,
            "expected a number here".to_owned(),
            Some("write a plain number such as `12` or `0.5`".to_owned()),
        ),
        Error::InvalidIntegerDigit { digit, .. } => (
            codes::WRONG_VALUE_TYPE,
            format!("`{digit}` cannot be part of a number"),
            Some("write a plain number such as `12` or `0.5`".to_owned()),
        ),
        Error::ExpectedBoolean => (codes::WRONG_VALUE_TYPE, "expected `true` or `false` here".to_owned(), None),
        Error::ExpectedArray => (
            codes::WRONG_VALUE_TYPE,
            "expected a list in `[ ]` here".to_owned(),
            Some("write `[a, b]`, or `[]` for none".to_owned()),
        ),
        Error::ExpectedMap => (
            codes::WRONG_VALUE_TYPE,
            "expected a map in `{ }` here".to_owned(),
            Some("write `{\"key\": value}`, or `{}` for none".to_owned()),
        ),
        Error::ExpectedStructLike | Error::ExpectedNamedStructLike(_) => (
            codes::WRONG_VALUE_TYPE,
            "expected a group in `( )` here".to_owned(),
            Some("write its fields in brackets: `(name: value, ...)`".to_owned()),
        ),
        Error::ExpectedUnit | Error::ExpectedOption | Error::ExpectedOptionEnd => {
            (codes::WRONG_VALUE_TYPE, "this value is not the kind this field takes".to_owned(), None)
        }
        Error::ExpectedIdentifier => syntax(
            "expected a name here",
            "write a field name (`id:`) or a word (`Item`); names are letters, digits and `_`",
        ),
        Error::InvalidEscape(_) => syntax(
            "a `\\` in a text starts an escape the reader does not know",
            "write `\\\\` for a backslash, `\\\"` for a quote, `\\n` for a new line",
        ),
        Error::Utf8Error(_) => (codes::NOT_UTF8, "the file is not UTF-8 text".to_owned(), Some(RESAVE.to_owned())),
        Error::Message(message) => explain_message(message),
        other => (codes::SYNTAX, "the file cannot be read as a level here".to_owned(), Some(format!("({other})"))),
    }
}

/// How to re-save a file in the right encoding.
pub const RESAVE: &str =
    "open it in a text editor and save it as \"UTF-8\" (without BOM); Notepad: Save as, Encoding: UTF-8";

/// Messages the data types themselves give (a number that also may be a parameter's name).
fn explain_message(message: &str) -> (Code, String, Option<String>) {
    if message.contains("untagged enum Quantity") {
        return (
            codes::WRONG_VALUE_TYPE,
            "expected a number here, or the name of one of the level's parameters in quotes".to_owned(),
            Some("write `5`, `0.5`, or `\"glove_print_limit_cfu\"` for a parameter".to_owned()),
        );
    }
    (codes::WRONG_VALUE_TYPE, plain(message), None)
}

/// A type name of the level format as an instructor calls it.
fn word_for(type_name: &str) -> &'static str {
    match type_name {
        "Action" | "ActionPattern" => "action",
        "Condition" => "condition",
        "Expect" => "expectation",
        "ObjectKind" => "object kind",
        "ControlKind" => "control kind",
        "Severity" => "severity",
        "RuleTrigger" => "rule trigger",
        "EventTrigger" => "event trigger",
        "Grade" => "grade",
        "Value" => "value",
        "SanitiseTarget" => "sanitising target",
        "GoldenEntry" => "golden-path entry",
        "ConnectMethod" => "connection method",
        "Feedback" => "feedback mode",
        "Moment" => "moment",
        "Pick" => "random pick",
        _ => "word",
    }
}

/// "in `Place`", "in a text", "in a step" ...
fn thing(outer: &str) -> String {
    match outer {
        "Text" => "in a text (its fields are the languages `en` and `ko`)".to_owned(),
        "Level" => "in the level".to_owned(),
        "Setup" => "in `setup`".to_owned(),
        other => format!("in `{other}`"),
    }
}

/// The reader's description of a value, without its own jargon.
fn plain(text: &str) -> String {
    text.replace("a sequence", "a list")
        .replace("sequence", "list")
        .replace("a unit value", "nothing")
        .replace("unit variant", "word")
        .replace("newtype variant", "word with a value")
        .replace("tuple variant", "word with values")
        .replace("struct variant", "word with fields")
        .replace("a borrowed string", "a text")
        .replace("a string", "a text")
        .replace("f64", "number")
        .replace("u32", "whole number")
        .replace("u64", "whole number")
        .replace("a boolean", "`true` or `false`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_nearest_field_and_speaks_no_parser_jargon() {
        let (code, message, help) = explain(&Error::NoSuchStructField {
            expected: &["item", "target"],
            found: "tagets".into(),
            outer: Some("Place".into()),
        });
        assert_eq!(code.id, "L011");
        assert_eq!(message, "unknown field `tagets` in `Place`");
        assert_eq!(help.as_deref(), Some("did you mean `target`? the fields here are `item`, `target`"));
        for error in [Error::ExceededRecursionLimit, Error::SuggestRawIdentifier("done-when".into())] {
            let (_, message, help) = explain(&error);
            let all = format!("{message} {}", help.unwrap_or_default());
            assert!(!all.contains("raw") && !all.contains("recursion") && !all.contains("serde"), "{all}");
        }
    }
}
