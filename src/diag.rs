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
    /// The line, without its line ending; a long line is cut to a window
    /// around the column, marked with `…`.
    pub text: String,
    /// How many characters of `text` come before the caret.
    pub caret: usize,
    /// How many characters from the caret on to underline (at least 1).
    pub width: usize,
}

/// Longest line shown whole in an excerpt, in characters.
const EXCERPT_MAX: usize = 160;

impl Excerpt {
    /// The excerpt of a line for a 1-based character column: the whole
    /// line, or a window around the column when the line is long.
    pub fn of(line: &str, column: usize, width: usize) -> Excerpt {
        let width = width.max(1);
        let at = column.saturating_sub(1);
        let length = line.chars().count();
        // The underline stays on the line shown: a value running on over
        // several lines is underlined to the end of its first.
        if length <= EXCERPT_MAX {
            return Excerpt {
                text: line.to_owned(),
                caret: at,
                width: width.min(length.saturating_sub(at)).max(1),
            };
        }
        let start = at.saturating_sub(EXCERPT_MAX / 2).min(length - EXCERPT_MAX);
        let window: String = line.chars().skip(start).take(EXCERPT_MAX).collect();
        let (left, right) = (start > 0, start + EXCERPT_MAX < length);
        Excerpt {
            text: format!(
                "{}{window}{}",
                if left { "…" } else { "" },
                if right { "…" } else { "" }
            ),
            caret: at - start + usize::from(left),
            width: width.min((start + EXCERPT_MAX).saturating_sub(at)).max(1),
        }
    }
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
        let excerpt = source
            .line_text(line)
            .map(|text| Excerpt::of(text, column, width));
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
        diagnostics.sort_by(Diagnostic::order);
    }

    /// [`Diagnostic::sort`]'s order, for two diagnostics.
    pub fn order(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
        (a.file.as_str(), a.line, a.column).cmp(&(b.file.as_str(), b.line, b.column))
    }
}

/// Most diagnostics kept for one file; the rest are counted and summed up
/// in one line, so that a file with a million mistakes costs no more than
/// one with a hundred.
pub const MAX_PER_FILE: usize = 100;

/// Collects the diagnostics of one file, up to [`MAX_PER_FILE`].
#[derive(Debug, Default)]
pub struct Sink {
    items: Vec<Diagnostic>,
    more_errors: usize,
    more_warnings: usize,
}

impl Sink {
    fn full(&self) -> bool {
        self.items.len() >= MAX_PER_FILE
    }

    fn count(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.more_errors += 1,
            Severity::Warning => self.more_warnings += 1,
        }
    }

    /// Keeps a diagnostic (or counts it, past the limit).
    pub fn push(&mut self, d: Diagnostic) {
        if self.full() {
            self.count(d.severity);
        } else {
            self.items.push(d);
        }
    }

    /// Builds and keeps a diagnostic only while under the limit: positions
    /// and excerpts are not computed for diagnostics that are only counted.
    pub fn push_with(&mut self, severity: Severity, build: impl FnOnce() -> Diagnostic) {
        if self.full() {
            self.count(severity);
        } else {
            self.items.push(build());
        }
    }

    /// Whether any error was found, kept or counted.
    pub fn has_errors(&self) -> bool {
        self.more_errors > 0 || self.items.iter().any(Diagnostic::is_error)
    }

    /// The diagnostics, with one more that sums up those not kept.
    pub fn into_vec(self, file: &str) -> Vec<Diagnostic> {
        let mut items = self.items;
        let more = self.more_errors + self.more_warnings;
        if more > 0 {
            let severity = if self.more_errors > 0 {
                Severity::Error
            } else {
                Severity::Warning
            };
            items.push(
                Diagnostic::whole_file(
                    file,
                    severity,
                    format!(
                        "{more} more problems in this file are not shown ({} errors, {} warnings)",
                        self.more_errors, self.more_warnings
                    ),
                )
                .with_help("fix the ones shown and run `nudge check` again"),
            );
        }
        items
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
        // Counted first (a quick pass), so the list is allocated once.
        let mut starts =
            Vec::with_capacity(1 + memchr::memchr_iter(b'\n', text.as_bytes()).count());
        starts.push(0);
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
        // The next line's start is just after this line's `\n`.
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        Some(self.text[start..end].trim_end_matches('\r'))
    }

    pub fn text(&self) -> &'a str {
        self.text
    }
}

/// Offsets just after each `\n`.
fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)
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
            .take(excerpt.caret)
            .collect::<String>()
            .replace('\t', "    ");
        let underlined: String = excerpt
            .text
            .chars()
            .skip(excerpt.caret)
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
    fn underlines_stay_on_the_line_shown() {
        // A value that runs on over the next lines: underlined to the end
        // of its first, whatever the line endings made its length.
        assert_eq!(Excerpt::of("priority: dream", 11, 59).width, 5);
        assert_eq!(Excerpt::of("priority: dream", 11, 3).width, 3);
        assert_eq!(Excerpt::of("priority:", 10, 4).width, 1);
        assert_eq!(Excerpt::of("x", 40, 4).width, 1);
        let long = "a".repeat(300);
        assert_eq!(Excerpt::of(&long, 290, 50).width, 11);
        assert_eq!(Excerpt::of(&long, 100, 50).width, 50);
        assert_eq!(Excerpt::of(&long, 400, 50).width, 1);
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
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}@vanse{}", "a ".repeat(500), " b".repeat(500));
        let e = Excerpt::of(&line, 1001, 6);
        assert_eq!(e.text.chars().count(), EXCERPT_MAX + 2);
        assert!(e.text.starts_with('…') && e.text.ends_with('…'));
        let at: String = e.text.chars().skip(e.caret).take(6).collect();
        assert_eq!(at, "@vanse");
        // A short line is kept whole.
        assert_eq!(Excerpt::of("abc", 2, 1).text, "abc");
    }

    #[test]
    fn a_sink_keeps_the_first_hundred_and_counts_the_rest() {
        let mut sink = Sink::default();
        for i in 0..250 {
            let severity = if i == 200 {
                Severity::Error
            } else {
                Severity::Warning
            };
            sink.push_with(severity, || {
                Diagnostic::whole_file("a.md", severity, format!("w{i}"))
            });
        }
        assert!(sink.has_errors());
        let all = sink.into_vec("a.md");
        assert_eq!(all.len(), MAX_PER_FILE + 1);
        assert_eq!(
            all[MAX_PER_FILE].message,
            "150 more problems in this file are not shown (1 errors, 149 warnings)"
        );
        assert!(all[MAX_PER_FILE].is_error());
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
