//! Problems found in a level file, with the file, line and column, rendered like rustc.

use std::fmt;

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

/// One problem in a level file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: DiagnosticSeverity,
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
}

impl Diagnostic {
    /// A diagnostic at `line`:`column` of `src`, underlining `width` characters (clamped to
    /// the line).
    pub fn new(
        severity: DiagnosticSeverity,
        file: &str,
        src: &str,
        (line, column): (usize, usize),
        width: usize,
        message: impl Into<String>,
    ) -> Self {
        let source_line = src.lines().nth(line.saturating_sub(1)).unwrap_or_default().to_owned();
        let room = source_line.chars().count().saturating_sub(column.saturating_sub(1));
        Diagnostic {
            severity,
            file: file.to_owned(),
            line,
            column,
            width: width.min(room).max(1),
            message: message.into(),
            help: None,
            source_line,
        }
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
}

impl fmt::Display for Diagnostic {
    /// ```text
    /// levels/x.level.ron:12:19: error: unknown garment `hod`
    ///    |
    /// 12 |     done_when: Do(Wear(garment: "hod")),
    ///    |                                 ^^^^^
    ///    = help: did you mean `hood`?
    /// ```
    ///
    /// A problem with the file itself (line 0: unreadable, missing) is one line:
    /// `levels/x.level.ron: error: cannot read file: ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            return write!(f, "{}: {}: {}", self.file, self.severity, self.message);
        }
        writeln!(f, "{}:{}:{}: {}: {}", self.file, self.line, self.column, self.severity, self.message)?;
        let gutter = " ".repeat(self.line.to_string().len());
        writeln!(f, "{gutter} |")?;
        writeln!(f, "{} | {}", self.line, self.source_line)?;
        // Keep tabs so the caret lines up under tab-indented text.
        let pad: String = self
            .source_line
            .chars()
            .take(self.column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(f, "{gutter} | {pad}{}", "^".repeat(self.width))?;
        if let Some(help) = &self.help {
            write!(f, "\n{gutter} = help: {help}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc() {
        let src = "a\n    done_when: Do(Wear(garment: \"hod\")),\n";
        let diagnostic =
            Diagnostic::new(DiagnosticSeverity::Error, "levels/x.level.ron", src, (2, 33), 5, "unknown garment `hod`")
                .with_help("did you mean `hood`?");
        let expected = "levels/x.level.ron:2:33: error: unknown garment `hod`\n  |\n2 |     done_when: Do(Wear(garment: \"hod\")),\n  |                                 ^^^^^\n  = help: did you mean `hood`?";
        assert_eq!(diagnostic.to_string(), expected);
    }
}
