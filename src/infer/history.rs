//! An application's log seen from today: what has happened (in order),
//! what is scheduled, and the facts the rules keep asking about (latest
//! stage event, decision date, follow-ups since an anchor).

use chrono::NaiveDate;

use crate::config::Rules;
use crate::model::{ActionKind, Application, EventKind, LogEntry};

/// Adds days to a date, staying on the calendar.
pub fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(chrono::Days::new(days.into()))
        .unwrap_or(NaiveDate::MAX)
}

/// Subtracts days from a date, staying on the calendar.
pub fn sub_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_sub_days(chrono::Days::new(days.into()))
        .unwrap_or(NaiveDate::MIN)
}

/// The decision date in effect after `since`, given the latest entry (by
/// date, then position) that states one: entries are in date order, so if
/// that one is dated before `since`, every statement is.
pub fn decision_in_effect<'a>(
    last_statement: Option<&'a LogEntry>,
    since: Option<&LogEntry>,
    decision_by: Option<NaiveDate>,
) -> Option<Decision<'a>> {
    let on_or_after = |d: NaiveDate| since.is_none_or(|l| d >= l.date);
    last_statement
        .filter(|e| on_or_after(e.date))
        .and_then(|e| {
            e.decision_date().map(|date| Decision {
                date,
                stated_by: Some(e),
            })
        })
        .or_else(|| {
            decision_by
                .filter(|&d| on_or_after(d))
                .map(|date| Decision {
                    date,
                    stated_by: None,
                })
        })
}

/// One application's entries, split at today.
#[derive(Debug)]
pub struct History<'a> {
    pub app: &'a Application,
    /// Entries dated today or earlier, by date then position.
    pub happened: Vec<&'a LogEntry>,
    /// Entries dated after today, by date then position.
    pub scheduled: Vec<&'a LogEntry>,
    /// The latest happened entry that states a decision date (being the
    /// latest by date, it states the latest such date).
    last_statement: Option<&'a LogEntry>,
}

/// A decision date and where it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision<'a> {
    pub date: NaiveDate,
    /// The entry that stated it, or `None` for front-matter `decision_by`.
    pub stated_by: Option<&'a LogEntry>,
}

impl Decision<'_> {
    /// Where the date comes from, for `explain`.
    pub fn source(&self) -> String {
        match self.stated_by {
            Some(e) => format!("stated on line {}", e.line),
            None => "decision_by in the front-matter".to_owned(),
        }
    }
}

/// Follow-ups (or check-ins) sent since an anchor: the progress of one
/// chase for an answer.
#[derive(Clone, Debug)]
pub struct Track<'a> {
    /// `FollowUp` after an interview, `CheckIn` after applying.
    pub kind: ActionKind,
    /// The entry the chase counts from: the interview or application, or
    /// the latest `heard` after it.
    pub anchor: &'a LogEntry,
    /// `followup` entries dated after the anchor, in order.
    pub sent: Vec<&'a LogEntry>,
    /// How many may be sent.
    pub max: u32,
}

impl Track<'_> {
    /// Whether every allowed follow-up has been sent.
    pub fn used_up(&self) -> bool {
        self.sent.len() >= self.max as usize
    }

    /// The date the job seeker moves on once follow-ups are used up: the
    /// last one + `move_on_after_days` (from the anchor when none may be sent).
    pub fn moved_on(&self, rules: &Rules) -> Option<NaiveDate> {
        self.used_up().then(|| {
            let last = self.sent.last().map_or(self.anchor.date, |e| e.date);
            add_days(last, rules.move_on_after_days)
        })
    }
}

impl<'a> History<'a> {
    pub fn new(app: &'a Application, today: NaiveDate) -> Self {
        let mut sorted: Vec<&LogEntry> = app.entries.iter().collect();
        sorted.sort_by_key(|e| e.order_key());
        let split = sorted.partition_point(|e| e.date <= today);
        let scheduled = sorted.split_off(split);
        let last_statement = sorted
            .iter()
            .rev()
            .copied()
            .find(|e| e.decision_date().is_some());
        History {
            app,
            happened: sorted,
            scheduled,
            last_statement,
        }
    }

    /// Happened entries of one kind, in order.
    pub fn happened_of(
        &self,
        kind: EventKind,
    ) -> impl DoubleEndedIterator<Item = &'a LogEntry> + '_ {
        self.happened
            .iter()
            .copied()
            .filter(move |e| e.kind == kind)
    }

    /// The latest happened entry of a kind.
    pub fn latest_of(&self, kind: EventKind) -> Option<&'a LogEntry> {
        self.happened_of(kind).next_back()
    }

    /// The latest happened stage event. A `#skip #withdrawn` dismisses a
    /// withdraw note without closing the application, so it is no stage.
    pub fn latest_stage(&self) -> Option<&'a LogEntry> {
        self.happened
            .iter()
            .rev()
            .copied()
            .find(|e| e.kind.is_stage() && !e.skip)
    }

    /// The date of the latest happened entry of any kind.
    pub fn last_entry(&self) -> Option<NaiveDate> {
        self.happened.last().map(|e| e.date)
    }

    /// Scheduled interviews, in order.
    pub fn scheduled_interviews(&self) -> impl Iterator<Item = &'a LogEntry> + '_ {
        self.scheduled
            .iter()
            .copied()
            .filter(|e| e.kind == EventKind::Interview)
    }

    /// The decision date in effect after `since` (the latest interview):
    /// the one stated by the latest entry dated on or after it; else the
    /// front-matter's `decision_by` when it is on or after it. With no
    /// interview, any statement counts (SPEC §4, A).
    pub fn decision(&self, since: Option<&LogEntry>) -> Option<Decision<'a>> {
        decision_in_effect(self.last_statement, since, self.app.decision_by)
    }

    /// The latest `heard` entry after `base` (by date, then position), or
    /// `base` itself: the anchor follow-ups count from.
    fn anchor_from(&self, base: &'a LogEntry) -> &'a LogEntry {
        self.happened_of(EventKind::Heard)
            .rfind(|h| h.order_key() > base.order_key())
            .unwrap_or(base)
    }

    /// Follow-ups dated strictly after the anchor.
    fn sent_after(&self, anchor: &LogEntry) -> Vec<&'a LogEntry> {
        self.happened_of(EventKind::Followup)
            .filter(|f| f.date > anchor.date)
            .collect()
    }

    /// Check-ins since applying: anchor A = max(latest applied, latest
    /// heard after it).
    pub fn check_in_track(&self, rules: &Rules) -> Option<Track<'a>> {
        let applied = self.latest_of(EventKind::Applied)?;
        let anchor = self.anchor_from(applied);
        Some(Track {
            kind: ActionKind::CheckIn,
            anchor,
            sent: self.sent_after(anchor),
            max: rules.max_check_ins,
        })
    }

    /// Follow-ups since the latest interview L: anchor A = max(L, latest
    /// heard after L).
    pub fn follow_up_track(&self, rules: &Rules) -> Option<Track<'a>> {
        let interview = self.latest_of(EventKind::Interview)?;
        let anchor = self.anchor_from(interview);
        Some(Track {
            kind: ActionKind::FollowUp,
            anchor,
            sent: self.sent_after(anchor),
            max: rules.max_follow_ups,
        })
    }
}
