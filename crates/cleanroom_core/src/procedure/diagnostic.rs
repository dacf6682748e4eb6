//! Problems found in a level file, with the file, line and column, rendered like rustc: the
//! line, a caret under the place (lined up after Hangul and other wide characters), a second
//! place where one helps ("first declared here"), and what to do.

use std::fmt;

use unicode_width::UnicodeWidthChar;

use super::codes::Code;

/// Whether a problem stops the level from loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DiagnosticSeverity {
    Warning,
    Error,
}

impl fmt::Display for DiagnosticSeverity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DiagnosticSeverity::Warning => "warning",
            DiagnosticSeverity::Error => "error",
        })
    }
}

/// Widest a shown source line may be, in terminal columns; longer lines are clipped around
/// the caret.
const MAX_SHOWN_WIDTH: usize = 100;
/// How much of a long message's list is shown before "and N more".
pub const MAX_LISTED: usize = 12;

/// One place in the file: its line and column, the text of the line, and how many
/// characters to underline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// 1-based line; 0 for the file as a whole.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Characters to underline from `column` (at least 1).
    pub width: usize,
    /// The text of line `line` (without its line break).
    pub source_line: String,
}

impl Place {
    /// The place at `line`:`column` of `src`, underlining `width` characters (clamped to the
    /// line).
    pub fn new(src: &str, (line, column): (usize, usize), width: usize) -> Self {
        let source_line = src.lines().nth(line.saturating_sub(1)).unwrap_or_default().to_owned();
        let room = source_line.chars().count().saturating_sub(column.saturating_sub(1));
        Place { line, column, width: width.min(room).max(1), source_line }
    }
}

/// One problem in a level file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: DiagnosticSeverity,
    /// Its code (`L101`), which `docs/levels.md` explains.
    pub code: &'static str,
    /// The file as given to the checker.
    pub file: String,
    /// 1-based line; 0 for a problem with the file as a whole.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Characters to underline from `column` (at least 1).
    pub width: usize,
    pub message: String,
    /// What to do about it, when there is something specific to say.
    pub help: Option<String>,
    /// The text of line `line` (without its line break).
    pub source_line: String,
    /// A second place that explains this one, and what it is ("first declared here").
    pub related: Option<(Place, String)>,
}

impl Diagnostic {
    /// A diagnostic at `line`:`column` of `src`, underlining `width` characters (clamped to
    /// the line).
    pub fn new(
        severity: DiagnosticSeverity,
        code: Code,
        file: &str,
        src: &str,
        (line, column): (usize, usize),
        width: usize,
        message: impl Into<String>,
    ) -> Self {
        let place = Place::new(src, (line, column), width);
        Diagnostic {
            severity,
            code: code.id,
            file: file.to_owned(),
            line: place.line,
            column: place.column,
            width: place.width,
            message: message.into(),
            help: None,
            source_line: place.source_line,
            related: None,
        }
    }

    /// A problem with a file or folder as a whole (no line to show).
    pub fn for_file(severity: DiagnosticSeverity, code: Code, file: &str, message: impl Into<String>) -> Self {
        Diagnostic::new(severity, code, file, "", (0, 0), 1, message)
    }

    /// The same diagnostic with a suggestion of what to do.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == DiagnosticSeverity::Error
    }

    fn place(&self) -> Place {
        Place { line: self.line, column: self.column, width: self.width, source_line: self.source_line.clone() }
    }
}

/// Terminal columns a character takes (Hangul takes two, a tab is kept as a tab, another
/// control character is shown as `�`).
fn columns(c: char) -> usize {
    if c.is_control() && c != '\t' { 1 } else { c.width().unwrap_or(0) }
}

/// How a character of the file is shown: a control character (a NUL, a stray carriage
/// return) as `�`, so the line and its caret stay in step.
pub fn shown_char(c: char) -> char {
    if c.is_control() && c != '\t' { '\u{FFFD}' } else { c }
}

/// The part of `place`'s line to show and the caret line under it, both clipped to
/// `MAX_SHOWN_WIDTH` columns around the caret.
fn shown(place: &Place) -> (String, String) {
    let chars: Vec<char> = place.source_line.chars().collect();
    let caret_start = place.column.saturating_sub(1).min(chars.len());
    let caret_end = (caret_start + place.width).min(chars.len()).max(caret_start + 1);
    let total: usize = chars.iter().map(|c| columns(*c)).sum();
    let (mut from, mut to) = (0, chars.len());
    if total > MAX_SHOWN_WIDTH {
        // Keep a margin before the caret, then as much as fits after it.
        let margin = MAX_SHOWN_WIDTH / 3;
        let mut width = 0;
        from = caret_start;
        while from > 0 && width + columns(chars[from - 1]) <= margin {
            from -= 1;
            width += columns(chars[from]);
        }
        to = from;
        let mut used = 0;
        while to < chars.len() && used + columns(chars[to]) <= MAX_SHOWN_WIDTH {
            used += columns(chars[to]);
            to += 1;
        }
        to = to.max(caret_end.min(chars.len()));
    }
    let mut line: String = chars[from..to].iter().copied().map(shown_char).collect();
    let mut pad: String = chars[from..caret_start.max(from)]
        .iter()
        .map(|c| if *c == '\t' { "\t".to_owned() } else { " ".repeat(columns(*c)) })
        .collect();
    if from > 0 {
        line = format!("…{line}");
        pad = format!(" {pad}");
    }
    if to < chars.len() {
        line.push('…');
    }
    let underline: usize = chars[caret_start..caret_end.min(chars.len())].iter().map(|c| columns(*c).max(1)).sum();
    (line, format!("{pad}{}", "^".repeat(underline.max(1))))
}

impl fmt::Display for Diagnostic {
    /// ```text
    /// levels/x.level.ron:12:19: error[L210]: unknown garment `hod`
    ///    |
    /// 12 |     done_when: Do(Wear(garment: "hod")),
    ///    |                                 ^^^^^
    ///    = help: did you mean `hood`?
    /// ```
    ///
    /// A problem with the file itself (line 0: unreadable, missing) is one line:
    /// `levels/x.level.ron: error[L003]: cannot read file: ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // An id may hold a line break or another control character (`"a\nb"`): each message
        // stays on its line.
        let message = one_line(&self.message);
        let help = self.help.as_deref().map(one_line);
        if self.line == 0 {
            write!(f, "{}: {}[{}]: {}", self.file, self.severity, self.code, message)?;
            if let Some(help) = &help {
                write!(f, "\n  = help: {help}")?;
            }
            return Ok(());
        }
        writeln!(f, "{}:{}:{}: {}[{}]: {}", self.file, self.line, self.column, self.severity, self.code, message)?;
        let widest = self.related.as_ref().map_or(self.line, |(place, _)| place.line.max(self.line));
        let gutter = " ".repeat(widest.to_string().len());
        let number = |line: usize| format!("{line:>width$}", width = gutter.len());
        let (line, caret) = shown(&self.place());
        writeln!(f, "{gutter} |")?;
        writeln!(f, "{} | {line}", number(self.line))?;
        write!(f, "{gutter} | {caret}")?;
        if let Some((place, what)) = &self.related {
            let (line, caret) = shown(place);
            write!(f, "\n{gutter} = note: {what}, line {}:", place.line)?;
            write!(f, "\n{} | {line}\n{gutter} | {caret}", number(place.line))?;
        }
        if let Some(help) = &help {
            write!(f, "\n{gutter} = help: {help}")?;
        }
        Ok(())
    }
}

/// `text` with line breaks and other control characters written as escapes (`\n`).
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' => "\\n".to_owned(),
            '\r' => "\\r".to_owned(),
            '\t' => "\\t".to_owned(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// `items` joined with ", ", clipped after `MAX_LISTED` with "and N more".
pub fn clipped_list<S: AsRef<str>>(items: &[S]) -> String {
    let shown: Vec<&str> = items.iter().take(MAX_LISTED).map(AsRef::as_ref).collect();
    let mut list = shown.join(", ");
    if items.len() > MAX_LISTED {
        list.push_str(&format!(" and {} more", items.len() - MAX_LISTED));
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedure::codes;

    #[test]
    fn renders_like_rustc() {
        let src = "a\n    done_when: Do(Wear(garment: \"hod\")),\n";
        let diagnostic = Diagnostic::new(
            DiagnosticSeverity::Error,
            codes::UNKNOWN_ID,
            "levels/x.level.ron",
            src,
            (2, 33),
            5,
            "unknown garment `hod`",
        )
        .with_help("did you mean `hood`?");
        let expected = "levels/x.level.ron:2:33: error[L210]: unknown garment `hod`\n  |\n2 |     done_when: Do(Wear(garment: \"hod\")),\n  |                                 ^^^^^\n  = help: did you mean `hood`?";
        assert_eq!(diagnostic.to_string(), expected);
    }

    #[test]
    fn carets_line_up_after_wide_characters() {
        let src = "    title: (en: \"Mini\", ko: \"미니\", jp: \"x\"),";
        let column = src.chars().position(|c| c == 'j').expect("jp") + 1;
        let diagnostic =
            Diagnostic::new(DiagnosticSeverity::Error, codes::UNKNOWN_FIELD, "x.level.ron", src, (1, column), 2, "x");
        let text = diagnostic.to_string();
        let lines: Vec<&str> = text.lines().collect();
        let caret = lines[3].find('^').expect("a caret");
        let shown = lines[2];
        // The caret sits under `jp` in terminal columns: the two Hangul syllables are two
        // columns each.
        let before = &shown[..shown.find("jp").expect("jp shown")];
        let width: usize = before.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert_eq!(lines[3][..caret].chars().count(), width, "{text}");
    }

    #[test]
    fn long_lines_are_clipped_around_the_caret() {
        let src = format!("{}target{}", "x".repeat(300), "y".repeat(300));
        let diagnostic =
            Diagnostic::new(DiagnosticSeverity::Error, codes::SYNTAX, "x.level.ron", &src, (1, 301), 6, "here");
        let text = diagnostic.to_string();
        let shown = text.lines().nth(2).expect("the line");
        assert!(shown.chars().count() < MAX_SHOWN_WIDTH + 10, "{shown}");
        assert!(shown.contains("target") && shown.contains('…'), "{shown}");
        let caret_line = text.lines().nth(3).expect("the caret");
        // In terminal columns (the `…` is one column, three bytes).
        let column_of = |line: &str, needle: &str| line[..line.find(needle).expect("present")].chars().count();
        assert_eq!(
            column_of(caret_line, "^") - column_of(caret_line, "|"),
            column_of(shown, "target") - column_of(shown, "|")
        );
    }

    #[test]
    fn a_line_break_in_an_id_stays_on_the_message_line() {
        let src = "    id: \"a\\nb\",";
        let diagnostic = Diagnostic::new(
            DiagnosticSeverity::Warning,
            codes::NOT_SNAKE_CASE,
            "x.level.ron",
            src,
            (1, 9),
            6,
            "id `a\nb`",
        )
        .with_help("rename `a\nb`");
        let text = diagnostic.to_string();
        assert!(text.starts_with("x.level.ron:1:9: warning[L101]: id `a\\nb`\n"), "{text}");
        assert!(text.ends_with("= help: rename `a\\nb`"), "{text}");
        assert_eq!(text.lines().count(), 5, "{text}");
    }

    #[test]
    fn lists_are_clipped() {
        let items: Vec<String> = (0..20).map(|n| n.to_string()).collect();
        assert_eq!(clipped_list(&items), "0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 8 more");
    }
}
