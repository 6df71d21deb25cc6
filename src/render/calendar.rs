//! The calendar: every pending action as an all-day iCalendar event
//! (RFC 5545), for `nudge calendar` and, with `calendar: true`, the file
//! `update` writes beside the report.
//!
//! Stable by design, so that importing it again updates events instead of
//! duplicating them, and a committed copy does not churn: each event's UID
//! comes from what the action is (application, kind, number, recipient),
//! and its timestamp from the application's latest entry, never from the
//! clock.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use icalendar::{Calendar, Component, Event, EventLike, Property};
use sha2::{Digest, Sha256};

use super::terminal::trigger_line;
use crate::infer::Outcome;
use crate::model::{Action, ActionKind};

/// The calendar's product identifier, which also marks the file as
/// nudge's: a file at the calendar's path without it is never replaced.
pub const PRODID: &str = "-//nudge//follow-ups//EN";

/// Whether a file's text is a calendar nudge wrote (whatever its line
/// endings became on the way through git).
pub fn is_calendar(text: &str) -> bool {
    let mut lines = text.lines().map(|l| l.trim_end_matches('\r'));
    lines.next() == Some("BEGIN:VCALENDAR")
        && lines
            .take_while(|l| !l.starts_with("BEGIN:"))
            .any(|l| l.strip_prefix("PRODID:") == Some(PRODID))
}

/// The event's UID: the same action gets the same UID on every run.
pub fn uid(a: &Action) -> String {
    let handle = a.contact_handle().map(|h| h.as_str().to_owned());
    let identity = format!(
        "{}\0{}\0{}\0{}",
        a.file.as_deref().unwrap_or(""),
        a.kind.as_str(),
        a.n,
        handle.as_deref().unwrap_or("")
    );
    let digest = Sha256::digest(identity.as_bytes());
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("{hex}@nudge")
}

/// "Thank-you to Eli Vance — Black Mesa".
fn summary(a: &Action) -> String {
    let mut label = a.kind.as_str().to_owned();
    if let Some(first) = label.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    if a.kind.is_numbered() {
        label = format!("{label} {}", a.n);
    }
    match (&a.recipient, a.kind) {
        (Some(c), _) => label = format!("{label} to {}", c.name),
        (None, ActionKind::Prepare) => label.push_str(" for the interview"),
        (None, ActionKind::KeepApplying) => label.push_str(": send a new application"),
        (None, _) => {}
    }
    match &a.company {
        Some(company) => format!("{label} — {company}"),
        None => label,
    }
}

/// The event's description: who, the subject, by when, and any note.
fn description(a: &Action, subject: Option<&str>) -> String {
    let mut lines = Vec::new();
    if let Some(c) = &a.recipient {
        lines.push(match &c.email {
            Some(email) => format!("To: {} <{email}>", c.name),
            None => format!("To: {}", c.name),
        });
    }
    if let Some(subject) = subject.filter(|s| !s.is_empty()) {
        lines.push(format!("Subject: {subject}"));
    }
    if a.kind == ActionKind::Prepare {
        lines.push(format!("Interview on {}", a.deadline));
    } else {
        lines.push(format!("Send by {}", a.deadline));
    }
    if let Some(problem) = &a.problem {
        lines.push(format!("Note: {problem}"));
    }
    if let Some(trigger) = &a.trigger {
        lines.push(format!("Note: {}", trigger_line(trigger)));
    }
    if a.hand_written {
        lines.push("Note: a dream job: send a hand-written card too".to_owned());
    }
    lines.push(format!("Why: {}", a.why));
    if let Some(file) = &a.file {
        lines.push(format!("Application: {file}"));
    }
    lines.join("\n")
}

/// The calendar of every pending action. `subjects` holds, for each action
/// (in `outcome.actions` order), its letter's subject when it has one.
pub fn render(outcome: &Outcome, subjects: &[Option<String>]) -> String {
    let last_entry: BTreeMap<&str, NaiveDate> = outcome
        .applications
        .iter()
        .filter_map(|s| Some((s.file.as_str(), s.last_entry?)))
        .collect();
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODID))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("X-WR-CALNAME", "Follow-ups"));
    for (i, a) in outcome.actions.iter().enumerate() {
        let stamp = a
            .file
            .as_deref()
            .and_then(|f| last_entry.get(f).copied())
            .unwrap_or(a.due)
            .and_time(NaiveTime::MIN)
            .and_utc();
        let subject = subjects.get(i).and_then(Option::as_deref);
        // DTEND of an all-day event is the day after its last day.
        let last = a.deadline.max(a.due);
        let end = last.succ_opt().unwrap_or(last);
        let event = Event::new()
            .uid(&uid(a))
            .timestamp(stamp)
            .summary(&summary(a))
            .description(&description(a, subject))
            .starts(a.due)
            .ends(end)
            .add_property("TRANSP", "TRANSPARENT")
            .done();
        calendar.push(event);
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contact, Handle};

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn thank_you() -> Action {
        let mut a = Action::new(
            ActionKind::ThankYou,
            date("2026-11-18"),
            date("2026-11-19"),
            "interview on 2026-11-18".into(),
        );
        a.file = Some("black-mesa.md".into());
        a.company = Some("Black Mesa".into());
        a.recipient = Some(Contact {
            name: "Eli Vance".into(),
            handle: Handle::new("vance"),
            email: Some("vance@blackmesa.example".into()),
            title: None,
            role: None,
        });
        a
    }

    #[test]
    fn uids_depend_on_the_action_not_its_dates() {
        let a = thank_you();
        let mut later = a.clone();
        later.due = date("2026-12-01");
        assert_eq!(uid(&a), uid(&later));
        let mut other = a.clone();
        other.kind = ActionKind::FollowUp;
        assert_ne!(uid(&a), uid(&other));
        let mut second = other.clone();
        second.n = 2;
        assert_ne!(uid(&other), uid(&second));
    }

    #[test]
    fn events_parse_back_with_their_dates_and_text() {
        let outcome = Outcome {
            actions: vec![thank_you()],
            ..Outcome::default()
        };
        let text = render(&outcome, &[Some("Thank you, Eli; a comma; a \\".into())]);
        assert!(is_calendar(&text));
        assert!(is_calendar(&text.replace("\r\n", "\n")));
        assert!(!is_calendar(
            "BEGIN:VCALENDAR\r\nPRODID:-//someone else//EN\r\n"
        ));
        assert!(!is_calendar("my own calendar\n"));
        let parsed: Calendar = text.parse().unwrap();
        let events: Vec<&Event> = parsed.events().collect();
        assert_eq!(events.len(), 1);
        let e = events[0];
        assert_eq!(e.get_uid(), Some(uid(&thank_you()).as_str()));
        assert_eq!(e.get_summary(), Some("Thank-you to Eli Vance — Black Mesa"));
        assert_eq!(
            e.get_start(),
            Some(date("2026-11-18").into()),
            "all-day from the due date"
        );
        assert_eq!(
            e.get_end(),
            Some(date("2026-11-20").into()),
            "to the deadline, inclusive"
        );
        let description = e.get_description().unwrap();
        assert!(description.starts_with(
            "To: Eli Vance <vance@blackmesa.example>\nSubject: Thank you, Eli; a comma; a \\\nSend by 2026-11-19\n"
        ));
        // No clock in the output: the same input gives the same bytes.
        assert_eq!(
            text,
            render(&outcome, &[Some("Thank you, Eli; a comma; a \\".into())])
        );
    }
}
