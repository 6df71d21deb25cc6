//! The report, `FOLLOW-UPS.md` (SPEC §6): what to do now, what comes up,
//! every application, every problem. Markdown that reads well on GitHub,
//! with absolute dates only, so a committed report changes only when an
//! action changes group or the journal changes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use rayon::prelude::*;

use super::terminal::{action_label, summary_line, trigger_line};
use crate::diag::Diagnostic;
use crate::infer::{Outcome, Summary};
use crate::journal::REPORT_MARKER;
use crate::model::{Action, ActionKind, State, Status};

/// What the report is made from.
pub struct ReportInput<'a> {
    pub outcome: &'a Outcome,
    /// Every diagnostic, sorted.
    pub diagnostics: &'a [&'a Diagnostic],
    /// For each action (same order as `outcome.actions`), its draft file if
    /// one exists after `update`.
    pub drafts: &'a [Option<String>],
    /// For each action, how many notes the proofreader has on its draft.
    pub notes: &'a [usize],
    /// For each action, its draft's letter, for a `mailto:` link.
    pub mail: &'a [Option<crate::draft::Letter<'a>>],
    /// Each application's earliest log entry, by file (for the chart).
    pub first_entries: &'a BTreeMap<&'a str, NaiveDate>,
    pub today: NaiveDate,
    pub horizon_days: u32,
    /// Where the report goes, relative to the journal.
    pub report_path: &'a str,
}

/// Escapes text for a table cell or a line of markdown.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '|' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A link target from the report's folder to a journal file,
/// percent-encoded where markdown needs it.
pub fn link(from_file: &str, to_file: &str) -> String {
    let mut out = String::with_capacity(to_file.len() + 8);
    write_link(&mut out, from_file, to_file);
    out
}

/// [`link`], written into `out`: the report writes thousands of links, each
/// straight into its cell.
fn write_link(out: &mut String, from_file: &str, to_file: &str) {
    // The folders of the report's path, and the parts of the file's.
    let from_dir = from_file.rsplit_once('/').map(|(dir, _)| dir);
    let dirs = || from_dir.into_iter().flat_map(|dir| dir.split('/'));
    let common = dirs()
        .zip(to_file.split('/'))
        .take_while(|(a, b)| a == b)
        .count();
    let ups = dirs().count() - common;
    for i in 0..ups {
        if i > 0 {
            out.push('/');
        }
        out.push_str("..");
    }
    for (i, part) in to_file.split('/').skip(common).enumerate() {
        if ups > 0 || i > 0 {
            out.push('/');
        }
        out.extend(percent_encoding::utf8_percent_encode(
            part,
            crate::draft::COMPONENT,
        ));
    }
}

impl ReportInput<'_> {
    fn link_to(&self, text: &str, file: &str) -> String {
        let mut out = String::with_capacity(text.len() + file.len() + 16);
        out.push('[');
        out.push_str(&md(text));
        out.push_str("](");
        write_link(&mut out, self.report_path, file);
        out.push(')');
        out
    }

    /// The application cell: the company, linked to its file.
    fn application(&self, a: &Action) -> String {
        match (&a.company, &a.file) {
            (Some(company), Some(file)) => self.link_to(company, file),
            _ => "your search".to_owned(),
        }
    }

    /// The action cell, linked to its draft when there is one.
    fn action(&self, index: usize, a: &Action) -> String {
        match self.drafts.get(index).and_then(Option::as_ref) {
            Some(draft) => self.link_to(&action_label(a), draft),
            None => md(&action_label(a)),
        }
    }

    /// The action cell with a link that opens the letter in a mail
    /// program. The link is a reference (`[✉ e-mail][mail-2]`) defined
    /// below the table (see [`ReportInput::mail_links`]), so the table
    /// stays readable as text.
    fn action_with_mail(&self, index: usize, a: &Action, link: Option<usize>) -> String {
        let mut cell = self.action(index, a);
        match self.notes.get(index).copied().unwrap_or(0) {
            0 => {}
            n => {
                let _ = write!(cell, " · proofread: {}", crate::proofread::count(n));
            }
        }
        if let Some(n) = link {
            let _ = write!(cell, " · [✉ e-mail][mail-{n}]");
        }
        cell
    }

    /// The definitions of the mail links of these rows, numbered as
    /// [`ReportInput::action_with_mail`] numbered them.
    fn mail_links(&self, out: &mut String, rows: &[(usize, &Action)]) {
        let letters: Vec<&crate::draft::Letter<'_>> = rows
            .iter()
            .filter_map(|(i, _)| self.mail.get(*i).and_then(Option::as_ref))
            .collect();
        lines_in_batches(out, &letters, |n, letter| {
            let mut line = format!("[mail-{}]: ", n + 1);
            crate::draft::write_mailto(&mut line, letter);
            line.push('\n');
            line
        });
        if !letters.is_empty() {
            out.push('\n');
        }
    }

    fn recipient(a: &Action) -> String {
        match &a.recipient {
            Some(c) => md(&c.name),
            None => "—".to_owned(),
        }
    }

    /// Notes on an action, one per line of the cell.
    fn notes(a: &Action) -> String {
        let mut notes = Vec::new();
        match a.kind {
            ActionKind::Prepare => notes.push(format!("interview on {}", a.deadline)),
            ActionKind::KeepApplying => notes.push("send a new application".to_owned()),
            _ => {}
        }
        if let Some(p) = &a.problem {
            notes.push(format!("⚠ {}", md(p)));
        }
        if let Some(t) = &a.trigger {
            notes.push(md(&trigger_line(t)));
        }
        if a.hand_written {
            notes.push("a dream job: send a hand-written card too".to_owned());
        }
        if a.kind == ActionKind::FollowUp && a.why.starts_with("no decision date") {
            notes.push("no decision date recorded — ask".to_owned());
        }
        notes.join("<br>")
    }
}

/// The report's markdown.
pub fn render(input: &ReportInput<'_>) -> String {
    // Reserved at about its final size (a mail link is at most three times
    // its letter): grown by doubling, the report of a large journal would
    // be in memory twice over while it is copied. Reserved pages that are
    // never written take no memory.
    let letters: usize = input
        .mail
        .iter()
        .flatten()
        .map(|l| 64 + 3 * (l.to.len() + l.subject.len() + l.body.len()))
        .sum();
    let rows = input.outcome.actions.len() + input.outcome.applications.len();
    let mut out =
        String::with_capacity(4096 + letters + 512 * rows + 256 * input.diagnostics.len());
    let _ = writeln!(out, "{REPORT_MARKER}");
    out.push_str("# Follow-ups\n\n");
    // Made of numbers and state names only: nothing to escape.
    let _ = writeln!(out, "{}\n", summary_line(&input.outcome.applications));
    chart(&mut out, input);

    let grouped = |wanted: &[Status]| -> Vec<(usize, &Action)> {
        input
            .outcome
            .actions
            .iter()
            .enumerate()
            .filter(|(_, a)| wanted.contains(&a.status(input.today, input.horizon_days)))
            .collect()
    };

    out.push_str("## Do now\n\n");
    let mut now = grouped(&[Status::Overdue, Status::Due]);
    // Most urgent first: by the date to send by (the sort is stable, so
    // the actions' own order breaks ties).
    now.sort_by_key(|(_, a)| a.deadline);
    if now.is_empty() {
        out.push_str("Nothing to do now.\n\n");
    } else {
        out.push_str("| Send by | Action | Application | To | Notes |\n|---|---|---|---|---|\n");
        // Mail links are numbered in the order of the rows that have one.
        let mut links = 0;
        let rows: Vec<(usize, &Action, Option<usize>)> = now
            .iter()
            .map(|&(i, a)| {
                let link = input.mail.get(i).is_some_and(Option::is_some).then(|| {
                    links += 1;
                    links
                });
                (i, a, link)
            })
            .collect();
        lines_in_batches(&mut out, &rows, |_, &(i, a, link)| {
            format!(
                "| {} | {} | {} | {} | {} |\n",
                a.deadline,
                input.action_with_mail(i, a, link),
                input.application(a),
                ReportInput::recipient(a),
                ReportInput::notes(a)
            )
        });
        out.push('\n');
        input.mail_links(&mut out, &now);
    }

    let _ = writeln!(out, "## Coming up\n");
    let soon = grouped(&[Status::Upcoming]);
    if soon.is_empty() {
        let _ = writeln!(
            out,
            "Nothing else in the next {} days.\n",
            input.horizon_days
        );
    } else {
        out.push_str("| Due | Action | Application | To | Notes |\n|---|---|---|---|---|\n");
        lines_in_batches(&mut out, &soon, |_, &(i, a)| {
            format!(
                "| {} | {} | {} | {} | {} |\n",
                a.due,
                input.action(i, a),
                input.application(a),
                ReportInput::recipient(a),
                ReportInput::notes(a)
            )
        });
        out.push('\n');
    }

    out.push_str("## Applications\n\n");
    // Each application's first action (actions are sorted by due date).
    let mut next_action: BTreeMap<&str, &Action> = BTreeMap::new();
    for a in &input.outcome.actions {
        if let Some(file) = a.file.as_deref() {
            next_action.entry(file).or_insert(a);
        }
    }
    let mut apps: Vec<&Summary> = input.outcome.applications.iter().collect();
    apps.sort_by_key(|s| (s.state == State::Archived, s.file.as_str()));
    if apps.is_empty() {
        out.push_str("None yet.\n\n");
    } else {
        out.push_str("| Application | Position | State | Last entry | Next action |\n|---|---|---|---|---|\n");
        lines_in_batches(&mut out, &apps, |_, s| {
            let next = next_action.get(s.file.as_str()).map_or_else(
                || "—".to_owned(),
                |a| format!("{} on {}", md(&action_label(a)), a.due),
            );
            format!(
                "| {} | {} | {} | {} | {} |\n",
                input.link_to(&s.company, &s.file),
                s.position.as_deref().map_or_else(|| "—".to_owned(), md),
                s.state,
                s.last_entry
                    .map_or_else(|| "—".to_owned(), |d| d.to_string()),
                next
            )
        });
        out.push('\n');
    }

    out.push_str("## Problems\n\n");
    if input.diagnostics.is_empty() {
        out.push_str("None.\n");
    } else {
        for d in input.diagnostics {
            let place = format!("{}:{}:{}", d.file, d.line, d.column);
            let _ = write!(
                out,
                "- **{}** [`{}`]({}): {}",
                d.severity.as_str(),
                place.replace('`', "'"),
                link(input.report_path, &d.file),
                md(&d.message)
            );
            if let Some(help) = &d.help {
                let _ = write!(out, " — {}", md(help));
            }
            out.push('\n');
        }
    }
    out
}

/// How many lines of the report are made side by side before they are
/// added to it: enough to share among the cores, few enough that the lines
/// apart from the report take little memory.
const BATCH: usize = 512;

/// Appends `line(n, item)` for each item in order. The lines of a batch are
/// made on every core, then added in order, so the report is the same
/// whatever the sharing.
fn lines_in_batches<T: Sync>(
    out: &mut String,
    items: &[T],
    line: impl Fn(usize, &T) -> String + Sync,
) {
    for (b, batch) in items.chunks(BATCH).enumerate() {
        let lines: Vec<String> = batch
            .par_iter()
            .enumerate()
            .map(|(k, item)| line(b * BATCH + k, item))
            .collect();
        for l in &lines {
            out.push_str(l);
        }
    }
}

/// How many applications the chart shows at most: beyond that it no
/// longer fits a screen.
const CHART_ROWS: usize = 20;

/// Text for a Mermaid gantt name: no characters its syntax reads
/// (`:` ends a name, `#` and `;` start entities and statements, `%%` a
/// comment).
fn mermaid(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if matches!(c, ':' | '#' | ';' | '%' | '`') || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A Mermaid gantt chart of the open applications (GitHub draws it): for
/// each, its log from the first entry to the latest, and its next action
/// from due date to deadline. Absolute dates only, like the rest.
fn chart(out: &mut String, input: &ReportInput<'_>) {
    let mut next: BTreeMap<&str, &Action> = BTreeMap::new();
    for a in &input.outcome.actions {
        if let Some(file) = a.file.as_deref() {
            next.entry(file).or_insert(a);
        }
    }
    let mut open: Vec<(&Summary, NaiveDate, Option<&Action>)> = input
        .outcome
        .applications
        .iter()
        .filter(|s| s.state.is_open())
        .filter_map(|s| {
            let first = *input.first_entries.get(s.file.as_str())?;
            Some((s, first, next.get(s.file.as_str()).copied()))
        })
        .collect();
    if open.is_empty() {
        return;
    }
    // The most pressing first: by the next action's deadline, then file.
    open.sort_by_key(|(s, _, a)| (a.is_none(), a.map(|a| a.deadline), s.file.as_str()));
    out.push_str("```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    axisFormat %b %-d\n");
    for (s, first, action) in open.iter().take(CHART_ROWS) {
        let name = match mermaid(&s.company) {
            name if name.is_empty() => mermaid(&s.file),
            name => name,
        };
        let _ = writeln!(out, "    section {name}");
        let last = s.last_entry.unwrap_or(*first).max(*first);
        let _ = writeln!(
            out,
            "    {} :done, {first}, {}",
            mermaid(s.state.as_str()),
            last.succ_opt().unwrap_or(last)
        );
        if let Some(a) = action {
            let end = a.deadline.max(a.due);
            let _ = writeln!(
                out,
                "    {} :active, {}, {}",
                mermaid(&action_label(a)),
                a.due,
                end.succ_opt().unwrap_or(end)
            );
        }
    }
    out.push_str("```\n\n");
    if open.len() > CHART_ROWS {
        let _ = writeln!(
            out,
            "The chart shows the {CHART_ROWS} open applications with the nearest deadlines; all {} are listed below.\n",
            open.len()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_report() {
        assert_eq!(link("FOLLOW-UPS.md", "apps/a.md"), "apps/a.md");
        assert_eq!(link("notes/FOLLOW-UPS.md", "apps/a.md"), "../apps/a.md");
        assert_eq!(link("notes/FOLLOW-UPS.md", "notes/a.md"), "a.md");
        assert_eq!(
            link("FOLLOW-UPS.md", "my apps/café.md"),
            "my%20apps/caf%C3%A9.md"
        );
    }

    /// The link spelled out the long way: the parts of both paths, `..`
    /// for each folder of the report's not shared, then the file's parts.
    fn link_slowly(from_file: &str, to_file: &str) -> String {
        let from: Vec<&str> = from_file.split('/').collect();
        let from_dir = &from[..from.len() - 1];
        let to: Vec<&str> = to_file.split('/').collect();
        let common = from_dir.iter().zip(&to).take_while(|(a, b)| a == b).count();
        let mut parts: Vec<String> = vec!["..".to_owned(); from_dir.len() - common];
        parts.extend(to[common..].iter().map(|p| {
            percent_encoding::utf8_percent_encode(p, crate::draft::COMPONENT).to_string()
        }));
        parts.join("/")
    }

    proptest::proptest! {
        #[test]
        fn links_agree_with_the_long_way(
            from in "([ab]{1,2}/){0,3}FOLLOW-UPS\\.md",
            to in "([abé ]{0,2}/){0,3}[ab]{1,2}\\.md",
        ) {
            proptest::prop_assert_eq!(link(&from, &to), link_slowly(&from, &to));
        }
    }

    #[test]
    fn chart_names_cannot_break_the_chart() {
        assert_eq!(mermaid("AT&T: Labs; #1 %% 100%"), "AT&T Labs 1 100");
        assert_eq!(mermaid("a\nb`c"), "a b c");
        assert_eq!(mermaid(":#;"), "");
    }

    #[test]
    fn markdown_is_escaped_in_cells() {
        assert_eq!(md("A|B *C* [D]"), "A\\|B \\*C\\* \\[D\\]");
    }
}
