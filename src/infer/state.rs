//! The state of one application (SPEC §3).

use chrono::NaiveDate;

use super::history::{History, Track};
use crate::config::Rules;
use crate::model::{EventKind, LogEntry, State};

/// An application's state, and what it rests on.
#[derive(Clone, Debug)]
pub struct StateOf<'a> {
    pub state: State,
    /// Why, in words, for `explain`.
    pub why: String,
    /// The latest happened stage event, if any.
    pub stage: Option<&'a LogEntry>,
    /// The chase for an answer (check-ins after applying, follow-ups after
    /// an interview), in the states where one runs.
    pub track: Option<Track<'a>>,
    /// When follow-ups are used up: the date the job seeker moves on.
    pub moved_on: Option<NaiveDate>,
}

/// Decides the state, in the order of SPEC §3:
/// 1. `archived: true` → archived;
/// 2. the latest happened stage event (none → saved);
/// 3. applied or waiting → interviewing while an interview is scheduled;
/// 4. applied or waiting → no-response once follow-ups (check-ins) are used
///    up and today is on or after the moved-on date.
pub fn state_of<'a>(history: &History<'a>, rules: &Rules, today: NaiveDate) -> StateOf<'a> {
    let stage = history.latest_stage();
    if history.app.archived {
        return StateOf {
            state: State::Archived,
            why: "archived: true in the front-matter".to_owned(),
            stage,
            track: None,
            moved_on: None,
        };
    }
    let Some(stage_entry) = stage else {
        return StateOf {
            state: State::Saved,
            why: "no application, interview or decision logged yet".to_owned(),
            stage,
            track: None,
            moved_on: None,
        };
    };
    let state = match stage_entry.kind {
        EventKind::Applied => State::Applied,
        EventKind::Interview => State::Waiting,
        EventKind::Offer => State::Offer,
        EventKind::Accepted => State::Accepted,
        EventKind::Declined => State::Declined,
        EventKind::Rejected => State::Rejected,
        // Only stage kinds are returned by latest_stage.
        _ => State::Withdrawn,
    };
    let mut why = format!(
        "latest stage event: {} on {} (line {})",
        stage_entry.kind.as_str(),
        stage_entry.date,
        stage_entry.line
    );
    let mut result = StateOf {
        state,
        why: String::new(),
        stage,
        track: None,
        moved_on: None,
    };
    if matches!(state, State::Applied | State::Waiting) {
        if let Some(next) = history.scheduled_interviews().next() {
            result.state = State::Interviewing;
            why.push_str(&format!(
                "; interview scheduled for {} (line {})",
                next.date, next.line
            ));
        } else {
            let track = if state == State::Applied {
                history.check_in_track(rules)
            } else {
                history.follow_up_track(rules)
            };
            if let Some(track) = track {
                let moved_on = track.moved_on(rules);
                if let Some(date) = moved_on
                    && today >= date
                {
                    result.state = State::NoResponse;
                    why.push_str(&format!(
                        "; no answer after {} {}{}, moved on {date}",
                        track.sent.len(),
                        track.kind.as_str(),
                        if track.sent.len() == 1 { "" } else { "s" },
                    ));
                }
                result.moved_on = moved_on;
                result.track = Some(track);
            }
        }
    }
    result.why = why;
    result
}
