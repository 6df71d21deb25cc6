//! Lints (SPEC §4): habits that hurt a job search, reported as warnings at
//! the entry's date. They apply to happened, non-skipped entries of valid,
//! non-archived applications.

use super::history::{History, add_days};
use crate::config::Rules;
use crate::diag::{Diagnostic, Excerpt, Severity};
use crate::model::{EventKind, LogEntry};

/// Days after an interview within which a thank-you is still on time.
pub const LATE_THANKS_DAYS: u32 = 2;

/// A warning pointing at an entry's date.
fn warn_at(file: &str, entry: &LogEntry, message: String, help: &str) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        line: entry.line,
        column: entry.column,
        severity: Severity::Warning,
        message,
        help: Some(help.to_owned()),
        excerpt: Some(Excerpt {
            text: entry.source_line.clone(),
            width: 10,
        }),
    }
}

/// Every lint of one application.
pub fn lints(history: &History<'_>, rules: &Rules) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let file = history.app.file.as_str();
    let happened = &history.happened;
    for (pos, entry) in happened.iter().enumerate() {
        if entry.skip {
            continue;
        }
        let before = &happened[..pos];
        match entry.kind {
            EventKind::Followup => {
                if let Some(d) = early_follow_up(history, before, entry) {
                    found.push(warn_at(
                        file,
                        entry,
                        format!("follow-up sent before the decision date {d}"),
                        "between the interview and their date, write only about a significant change (another offer, news); follow up a week after their date",
                    ));
                }
                let count = follow_ups_since_anchor(before, entry);
                if count > rules.max_follow_ups as usize {
                    found.push(warn_at(
                        file,
                        entry,
                        format!("follow-up number {count} without an answer"),
                        "one or two follow-ups are enough; if there is still no answer, move on",
                    ));
                }
            }
            EventKind::Thanks => {
                if let Some(interview) = late_thanks(before, entry) {
                    let days = (entry.date - interview.date).num_days();
                    found.push(warn_at(
                        file,
                        entry,
                        format!(
                            "thank-you sent {days} days after the interview of {}",
                            interview.date
                        ),
                        "thank every interviewer within a day of the interview",
                    ));
                }
            }
            EventKind::Interview
                if no_decision_date_after(history, &happened[pos + 1..], entry) =>
            {
                found.push(warn_at(
                    file,
                    entry,
                    "no decision date recorded after this interview".to_owned(),
                    "ask when they will decide, then log it, e.g. `- 2026-11-20 They will decide by 2026-12-01`",
                ));
            }
            _ => {}
        }
    }
    found
}

/// The decision date a follow-up was sent before, if it was: the date in
/// effect at the time, after the latest interview before it.
fn early_follow_up(
    history: &History<'_>,
    before: &[&LogEntry],
    follow_up: &LogEntry,
) -> Option<chrono::NaiveDate> {
    let interview = before
        .iter()
        .rev()
        .find(|e| e.kind == EventKind::Interview)
        .copied();
    let decision = history.decision_among(before.iter().copied(), interview)?;
    (follow_up.date < decision.date).then_some(decision.date)
}

/// How many follow-ups, this one included, since the anchor it answers to:
/// the latest interview or application before it, or a `heard` after that.
fn follow_ups_since_anchor(before: &[&LogEntry], follow_up: &LogEntry) -> usize {
    let base = before
        .iter()
        .rposition(|e| matches!(e.kind, EventKind::Interview | EventKind::Applied));
    let anchor = before
        .iter()
        .enumerate()
        .rev()
        .find(|(i, e)| e.kind == EventKind::Heard && base.is_none_or(|b| *i > b))
        .map(|(i, _)| i)
        .or(base);
    let anchor_date = anchor.map(|i| before[i].date);
    before
        .iter()
        .filter(|e| e.kind == EventKind::Followup && anchor_date.is_none_or(|d| e.date > d))
        .count()
        + usize::from(anchor_date.is_none_or(|d| follow_up.date > d))
}

/// The interview a thank-you came late for: the latest interview on or
/// before it, when the thank-you is more than two days later and covers
/// someone no earlier thank-you since that interview covered.
fn late_thanks<'a>(before: &[&'a LogEntry], thanks: &LogEntry) -> Option<&'a LogEntry> {
    let interview = before
        .iter()
        .rev()
        .find(|e| e.kind == EventKind::Interview)
        .copied()?;
    if thanks.date <= add_days(interview.date, LATE_THANKS_DAYS) {
        return None;
    }
    let earlier: Vec<&LogEntry> = before
        .iter()
        .filter(|e| e.kind == EventKind::Thanks && e.date >= interview.date)
        .copied()
        .collect();
    let covered_before = |handle| {
        earlier
            .iter()
            .any(|t| t.mentions.is_empty() || t.mentions_contact(handle))
    };
    let new_coverage = if thanks.mentions.is_empty() {
        earlier.is_empty()
    } else {
        thanks.mentions.iter().any(|h| !covered_before(h))
    };
    new_coverage.then_some(interview)
}

/// Whether an interview has no decision date recorded after it, while it
/// still matters: no later stage event, no `by DATE` in an entry dated on
/// or after it, no front-matter `decision_by` on or after it.
fn no_decision_date_after(
    history: &History<'_>,
    after: &[&LogEntry],
    interview: &LogEntry,
) -> bool {
    if after.iter().any(|e| e.kind.is_stage() && !e.skip) {
        return false;
    }
    history.decision(Some(interview)).is_none()
}
