//! Lints (SPEC §4): habits that hurt a job search, reported as warnings at
//! the entry's date. They apply to happened, non-skipped entries of valid,
//! non-archived applications. One pass over the log in date order, so the
//! cost stays linear in its length.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::history::{History, add_days, decision_in_effect};
use crate::config::Rules;
use crate::diag::{Diagnostic, Excerpt, Severity, Sink};
use crate::model::{EventKind, Handle, LogEntry};

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
        excerpt: Some(Excerpt::of(&entry.source_line(), entry.column, 10)),
    }
}

/// Who some thank-you notes thanked.
#[derive(Clone, Default)]
struct Thanked {
    /// Any note at all.
    any: bool,
    /// A note that mentioned nobody (and so thanked everyone).
    everyone: bool,
    handles: BTreeSet<Handle>,
}

impl Thanked {
    fn add(&mut self, thanks: &LogEntry) {
        self.any = true;
        self.everyone |= thanks.mentions.is_empty();
        self.handles.extend(thanks.mentions.iter().cloned());
    }

    fn covers(&self, handle: &Handle) -> bool {
        self.everyone || self.handles.contains(handle)
    }

    /// Whether a thank-you thanks someone these notes did not.
    fn new_in(&self, thanks: &LogEntry) -> bool {
        if thanks.mentions.is_empty() {
            !self.any
        } else {
            thanks.mentions.iter().any(|h| !self.covers(h))
        }
    }
}

/// Every lint of one application.
pub fn lints(history: &History<'_>, rules: &Rules) -> Vec<Diagnostic> {
    let file = history.app.file.as_str();
    let happened = &history.happened;
    let mut sink = Sink::default();

    // Whether a stage event happens after each position.
    let mut stage_after = vec![false; happened.len()];
    let mut seen = false;
    for (i, e) in happened.iter().enumerate().rev() {
        stage_after[i] = seen;
        seen |= e.kind.is_stage() && !e.skip;
    }

    // What the entries before the current one have established.
    let mut last_statement: Option<&LogEntry> = None;
    let mut latest_interview: Option<&LogEntry> = None;
    // The anchor follow-ups count from, and how many came after it.
    let mut anchor: Option<NaiveDate> = None;
    let mut follow_ups = 0usize;
    // Thank-you notes since the latest interview, and those of the current
    // day (a note on the interview's day counts even if logged above it).
    let mut since_interview = Thanked::default();
    let mut today_thanks = Thanked::default();
    let mut day: Option<NaiveDate> = None;

    for (pos, entry) in happened.iter().copied().enumerate() {
        if day != Some(entry.date) {
            day = Some(entry.date);
            today_thanks = Thanked::default();
        }
        if !entry.skip {
            match entry.kind {
                EventKind::Followup => {
                    let decision = decision_in_effect(
                        last_statement,
                        latest_interview,
                        history.app.decision_by,
                    );
                    if let Some(d) = decision.filter(|d| entry.date < d.date) {
                        sink.push_with(Severity::Warning, || {
                            warn_at(
                                file,
                                entry,
                                format!("follow-up sent before the decision date {}", d.date),
                                "between the interview and their date, write only about a significant change (another offer, news); follow up a week after their date",
                            )
                        });
                    }
                    let count = follow_ups + usize::from(anchor.is_none_or(|a| entry.date > a));
                    if count > rules.max_follow_ups as usize {
                        sink.push_with(Severity::Warning, || {
                            warn_at(
                                file,
                                entry,
                                format!("follow-up number {count} without an answer"),
                                "one or two follow-ups are enough; if there is still no answer, move on",
                            )
                        });
                    }
                }
                EventKind::Thanks => {
                    if let Some(interview) = latest_interview
                        && entry.date > add_days(interview.date, LATE_THANKS_DAYS)
                        && since_interview.new_in(entry)
                    {
                        let days = (entry.date - interview.date).num_days();
                        sink.push_with(Severity::Warning, || {
                            warn_at(
                                file,
                                entry,
                                format!(
                                    "thank-you sent {days} days after the interview of {}",
                                    interview.date
                                ),
                                "thank every interviewer within a day of the interview",
                            )
                        });
                    }
                }
                EventKind::Interview
                    if !stage_after[pos] && history.decision(Some(entry)).is_none() =>
                {
                    sink.push_with(Severity::Warning, || {
                        warn_at(
                            file,
                            entry,
                            "no decision date recorded after this interview".to_owned(),
                            "ask when they will decide, then log it, e.g. `- 2026-11-20 They will decide by 2026-12-01`",
                        )
                    });
                }
                _ => {}
            }
        }
        // Now this entry is part of what came before.
        if entry.decision_date().is_some() {
            last_statement = Some(entry);
        }
        match entry.kind {
            EventKind::Interview | EventKind::Applied => {
                anchor = Some(entry.date);
                follow_ups = 0;
                if entry.kind == EventKind::Interview {
                    latest_interview = Some(entry);
                    since_interview = today_thanks.clone();
                }
            }
            EventKind::Heard => {
                anchor = Some(entry.date);
                follow_ups = 0;
            }
            EventKind::Followup if anchor.is_none_or(|a| entry.date > a) => follow_ups += 1,
            EventKind::Thanks => {
                since_interview.add(entry);
                today_thanks.add(entry);
            }
            _ => {}
        }
    }
    sink.into_vec(file)
}
