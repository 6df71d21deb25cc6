//! Diagnostics about the user's files: where (file:line:col), how bad, what is
//! wrong and how to fix it, rendered the way a compiler would.

use std::fmt::Write as _;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// How serious a diagnostic is. An error drops the file it is about; a
/// warning never does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The word printed before the message, as compilers do.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The source line a diagnostic points into, kept so that the message can be
/// printed with the offending line and a caret without reading the file again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// The whole line, without its line ending.
    pub text: String,
    /// How many characters from the column on to underline (at least 1).
    pub width: usize,
}

/// One finding about one file of the journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path relative to the journal folder, with `/` separators.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    pub excerpt: Option<Excerpt>,
}

impl Diagnostic {
    /// A diagnostic about a whole file (unreadable, too large, ...): line 1,
    /// column 1, no excerpt.
    pub fn whole_file(file: &str, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_owned(),
            line: 1,
            column: 1,
            severity,
            message: message.into(),
            help: None,
            excerpt: None,
        }
    }

    /// A diagnostic at a 1-based line and column of `source`, underlining
    /// `width` characters.
    pub fn at(
        file: &str,
        source: &LineIndex<'_>,
        line: usize,
        column: usize,
        width: usize,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        let excerpt = source.line_text(line).map(|text| Excerpt {
            text: text.to_owned(),
            width: width.max(1),
        });
        Diagnostic {
            file: file.to_owned(),
            line,
            column,
            severity,
            message: message.into(),
            help: None,
            excerpt,
        }
    }

    /// A diagnostic at a byte offset of `source`, underlining the characters
    /// of `len` bytes from there.
    pub fn at_offset(
        file: &str,
        source: &LineIndex<'_>,
        offset: usize,
        len: usize,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = source.line_col(offset);
        let end = (offset + len).min(source.text.len());
        let width = source
            .text
            .get(offset..end)
            .map_or(1, |s| s.lines().next().unwrap_or("").chars().count());
        Self::at(file, source, line, column, width, severity, message)
    }

    /// Adds the "how to fix it" line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The order diagnostics are listed in: by file, line, column.
    pub fn sort(diagnostics: &mut [Diagnostic]) {
        diagnostics.sort_by(|a, b| {
            (a.file.as_str(), a.line, a.column).cmp(&(b.file.as_str(), b.line, b.column))
        });
    }
}

/// Byte offsets of line starts in a text, to turn byte offsets from the
/// markdown and YAML parsers into the line and column a user sees.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text));
        LineIndex { text, starts }
    }

    /// The 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    /// The byte offset where a 1-based line starts, if the text has it.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> Option<&'a str> {
        let start = self.line_start(line)?;
        if start > self.text.len() || (start == self.text.len() && line > 1) {
            return None;
        }
        let rest = &self.text[start..];
        let end = rest.find('\n').unwrap_or(rest.len());
        Some(rest[..end].trim_end_matches('\r'))
    }

    pub fn text(&self) -> &'a str {
        self.text
    }
}

/// Offsets just after each `\n`.
fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

/// Styles for rendering diagnostics; plain when colour is off.
#[derive(Clone, Copy, Debug, Default)]
pub struct Styles {
    pub error: anstyle::Style,
    pub warning: anstyle::Style,
    pub gutter: anstyle::Style,
    pub bold: anstyle::Style,
    pub help: anstyle::Style,
}

impl Styles {
    /// The colours used on a terminal; anstream strips them when colour is off.
    pub fn coloured() -> Self {
        use anstyle::{AnsiColor, Style};
        Styles {
            error: Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
            warning: Style::new().bold().fg_color(Some(AnsiColor::Yellow.into())),
            gutter: Style::new().bold().fg_color(Some(AnsiColor::Blue.into())),
            bold: Style::new().bold(),
            help: Style::new().bold().fg_color(Some(AnsiColor::Cyan.into())),
        }
    }
}

/// Renders a diagnostic like a compiler:
///
/// ```text
/// acme.md:3:11: error: unknown priority 'urgent'
///   |
/// 3 | priority: urgent
///   |           ^^^^^^
///   = help: expected one of: dream, high, normal, low
/// ```
///
/// `shown_path` is the file's path as the user should see it (relative to
/// where they ran nudge).
pub fn render(d: &Diagnostic, shown_path: &str, styles: &Styles) -> String {
    let sev_style = match d.severity {
        Severity::Error => styles.error,
        Severity::Warning => styles.warning,
    };
    let g = styles.gutter;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{bold}{shown_path}:{}:{}:{bold:#} {sev_style}{}{sev_style:#}{bold}: {}{bold:#}",
        d.line,
        d.column,
        d.severity.as_str(),
        d.message,
        bold = styles.bold,
    );
    let number = d.line.to_string();
    let pad = " ".repeat(number.len());
    if let Some(excerpt) = &d.excerpt {
        let shown = excerpt.text.replace('\t', "    ");
        let before: String = excerpt
            .text
            .chars()
            .take(d.column.saturating_sub(1))
            .collect::<String>()
            .replace('\t', "    ");
        let underlined: String = excerpt
            .text
            .chars()
            .skip(d.column.saturating_sub(1))
            .take(excerpt.width)
            .collect::<String>()
            .replace('\t', "    ");
        let carets = underlined.width().max(1);
        let _ = writeln!(out, "{pad} {g}|{g:#}");
        let _ = writeln!(out, "{g}{number} |{g:#} {shown}");
        let _ = writeln!(
            out,
            "{pad} {g}|{g:#} {}{sev_style}{}{sev_style:#}",
            " ".repeat(before.width()),
            "^".repeat(carets)
        );
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "{pad} {g}={g:#} {h}help{h:#}: {help}", h = styles.help);
    }
    out
}

/// The known word closest to `word` within edit distance 2, for "did you
/// mean" suggestions. Compares without regard to case.
pub fn did_you_mean<'k>(word: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let lower = word.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::levenshtein(&lower, &k.to_lowercase()), k))
        .filter(|&(d, _)| d <= 2)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let idx = LineIndex::new("ab\ncé d\n");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (2, 1));
        // 'é' is two bytes: 'd' is at byte 7, character column 4.
        assert_eq!(idx.line_col(7), (2, 4));
        assert_eq!(idx.line_text(2), Some("cé d"));
        assert_eq!(idx.line_text(3), None);
    }

    #[test]
    fn crlf_is_not_part_of_the_line() {
        let idx = LineIndex::new("a\r\nb\r\n");
        assert_eq!(idx.line_text(1), Some("a"));
        assert_eq!(idx.line_col(3), (2, 1));
    }

    #[test]
    fn renders_like_a_compiler() {
        let text = "---\npriority: urgent\n";
        let idx = LineIndex::new(text);
        let d = Diagnostic::at(
            "acme.md",
            &idx,
            2,
            11,
            6,
            Severity::Error,
            "unknown priority 'urgent'",
        )
        .with_help("expected one of: dream, high, normal, low");
        let out = render(&d, "acme.md", &Styles::default());
        assert_eq!(
            out,
            "acme.md:2:11: error: unknown priority 'urgent'\n  |\n2 | priority: urgent\n  |           ^^^^^^\n  = help: expected one of: dream, high, normal, low\n"
        );
    }

    #[test]
    fn suggests_near_misses_only() {
        let known = ["decision_by", "company"];
        assert_eq!(did_you_mean("decison_by", known), Some("decision_by"));
        assert_eq!(did_you_mean("Company", known), Some("company"));
        assert_eq!(did_you_mean("compnay", known), Some("company"));
        assert_eq!(did_you_mean("salary", known), None);
    }
}
