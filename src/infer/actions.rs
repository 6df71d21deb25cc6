//! The rules of SPEC §4 for one application: one function per action kind,
//! each quoting its rule. Journal-wide facts (another application's offer,
//! an acceptance) come in as arguments.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::history::{History, add_days, sub_days};
use super::state::StateOf;
use crate::config::Rules;
use crate::model::{
    Action, ActionKind, Application, Contact, EventKind, Handle, LogEntry, Priority, Role, State,
    Trigger,
};

/// Days between due date and deadline for check-ins, follow-ups and
/// keep-applying (a fixed week in SPEC §4).
pub const LETTER_WINDOW_DAYS: u32 = 7;

/// Local parts of e-mail addresses that reach a shared mailbox, not a person.
pub const GENERIC_MAILBOXES: [&str; 15] = [
    "info",
    "careers",
    "jobs",
    "job",
    "hr",
    "recruiting",
    "recruitment",
    "talent",
    "hello",
    "contact",
    "apply",
    "applications",
    "noreply",
    "no-reply",
    "admin",
];

/// Everything the rules of one application look at.
pub struct Ctx<'h, 'a> {
    pub history: &'h History<'a>,
    pub state: &'h StateOf<'a>,
    pub rules: &'h Rules,
    pub today: NaiveDate,
}

/// An offer logged in an application, as other applications see it.
#[derive(Clone, Debug)]
pub struct OfferElsewhere {
    pub file: String,
    pub company: String,
    pub date: NaiveDate,
    pub deadline: Option<NaiveDate>,
}

/// The acceptance that ends the search.
#[derive(Clone, Debug)]
pub struct Acceptance {
    pub file: String,
    pub company: String,
    pub date: NaiveDate,
}

/// Why a letter may not reach the right person (SPEC §4, contact problems).
pub fn contact_problem(recipient: Option<&Contact>) -> Option<String> {
    let Some(contact) = recipient else {
        return Some(
            "no contact to write to — add one under `contacts:` with their e-mail".to_owned(),
        );
    };
    let Some(email) = &contact.email else {
        return Some(format!(
            "no e-mail for {} — find it or ask HR",
            contact.handle
        ));
    };
    let local = email.split('@').next().unwrap_or("").to_lowercase();
    GENERIC_MAILBOXES.contains(&local.as_str()).then(|| {
        format!(
            "{email} is a generic mailbox — find {}'s own address or ask HR",
            contact.name
        )
    })
}

/// The contacts an interview owes thanks to: those mentioned in it; if
/// none, every interviewer and hiring manager; if none, one thank-you with
/// no recipient.
pub fn interviewers_of<'a>(app: &'a Application, interview: &LogEntry) -> Vec<Option<&'a Contact>> {
    let mentioned: Vec<Option<&Contact>> = interview
        .mentions
        .iter()
        .filter_map(|h| app.contact(h))
        .map(Some)
        .collect();
    if !mentioned.is_empty() {
        return mentioned;
    }
    let by_role: Vec<Option<&Contact>> = app
        .contacts
        .iter()
        .filter(|c| matches!(c.role, Some(Role::Interviewer | Role::HiringManager)))
        .map(Some)
        .collect();
    if by_role.is_empty() {
        vec![None]
    } else {
        by_role
    }
}

impl Ctx<'_, '_> {
    /// A letter to `recipient`, with its contact problem if any.
    fn letter(
        &self,
        kind: ActionKind,
        n: u32,
        recipient: Option<&Contact>,
        due: NaiveDate,
        deadline: NaiveDate,
        why: String,
    ) -> Action {
        let mut action = Action::new(kind, due, deadline, why).for_application(self.history.app);
        action.n = n;
        action.recipient = recipient.cloned();
        action.problem = contact_problem(recipient);
        // The latest interview, for the letter's template and hints; a
        // thank-you names its own.
        action.interview = self
            .history
            .latest_of(EventKind::Interview)
            .map(|i| i.index);
        action
    }

    /// The recipient of every letter but the thank-you: the first hiring
    /// manager; else the first contact mentioned in the latest happened
    /// interview; else the first recruiter; else the first contact.
    pub fn recipient(&self) -> Option<&Contact> {
        let app = self.history.app;
        let by_role = |role: Role| app.contacts.iter().find(|c| c.role == Some(role));
        by_role(Role::HiringManager)
            .or_else(|| {
                self.history
                    .latest_of(EventKind::Interview)
                    .and_then(|i| i.mentions.first())
                    .and_then(|h| app.contact(h))
            })
            .or_else(|| by_role(Role::Recruiter))
            .or_else(|| app.contacts.first())
    }

    /// **thank-you**: per happened interview I, per interviewer of I not yet
    /// thanked; only while the state is open and today ≤ date(I) +
    /// `thank_you_expires_days`. Due date(I), deadline + `thank_you_deadline_days`.
    /// Sent when a `thanks` dated ≥ date(I) covers them: one that mentions
    /// contacts covers those, one that mentions nobody covers everyone. A
    /// contact owed thanks for several interviews gets one, for the latest.
    pub fn thank_you(&self) -> Vec<Action> {
        if !self.state.state.is_open() {
            return Vec::new();
        }
        // When each contact was last thanked: by a note naming them, or by
        // one naming nobody (which thanks everyone), or by any note at all.
        let mut last_any: Option<NaiveDate> = None;
        let mut last_everyone: Option<NaiveDate> = None;
        let mut last_for: BTreeMap<&Handle, NaiveDate> = BTreeMap::new();
        for t in self.history.happened_of(EventKind::Thanks) {
            last_any = last_any.max(Some(t.date));
            if t.mentions.is_empty() {
                last_everyone = last_everyone.max(Some(t.date));
            }
            for h in &t.mentions {
                let slot = last_for.entry(h).or_insert(t.date);
                *slot = (*slot).max(t.date);
            }
        }
        let thanked_since = |who: Option<&Contact>, date: NaiveDate| match who {
            None => last_any >= Some(date),
            Some(c) => {
                last_everyone >= Some(date) || last_for.get(&c.handle).is_some_and(|&d| d >= date)
            }
        };
        // The latest interview each interviewer is owed thanks for.
        let mut owed: BTreeMap<Option<&Handle>, (Option<&Contact>, &LogEntry)> = BTreeMap::new();
        for interview in self.history.happened_of(EventKind::Interview) {
            for who in interviewers_of(self.history.app, interview) {
                if !thanked_since(who, interview.date) {
                    owed.insert(who.map(|c| &c.handle), (who, interview));
                }
            }
        }
        owed.into_values()
            .filter(|(_, i)| self.today <= add_days(i.date, self.rules.thank_you_expires_days))
            .map(|(who, i)| {
                let mut action = self.letter(
                    ActionKind::ThankYou,
                    1,
                    who,
                    i.date,
                    add_days(i.date, self.rules.thank_you_deadline_days),
                    format!(
                        "interview on {} (line {}); no thank-you logged since; send within {} day{}",
                        i.date,
                        i.line,
                        self.rules.thank_you_deadline_days,
                        plural(self.rules.thank_you_deadline_days)
                    ),
                );
                action.interview = Some(i.index);
                action.hand_written = self.history.app.priority == Priority::Dream;
                action
            })
            .collect()
    }

    /// **prepare**: per scheduled interview, while the application is open.
    /// Due date(I) − `prepare_days`, deadline date(I).
    pub fn prepare(&self) -> Vec<Action> {
        if !self.state.state.is_open() {
            return Vec::new();
        }
        self.history
            .scheduled_interviews()
            .map(|i| {
                let mut action = Action::new(
                    ActionKind::Prepare,
                    sub_days(i.date, self.rules.prepare_days),
                    i.date,
                    format!("interview scheduled for {} (line {})", i.date, i.line),
                )
                .for_application(self.history.app);
                action.interview = Some(i.index);
                action
            })
            .collect()
    }

    /// **check-in**: state applied, fewer than `max_check_ins` check-ins
    /// after anchor A = max(latest applied, latest heard after it). Check-in
    /// 1 is due A + `check_in_after_days`; n ≥ 2 at max(that, previous +
    /// `follow_up_spacing_days`). Deadline + 7. Sent as a `followup` dated > A.
    pub fn check_in(&self) -> Option<Action> {
        if self.state.state != State::Applied {
            return None;
        }
        let track = self.state.track.as_ref()?;
        let base = add_days(track.anchor.date, self.rules.check_in_after_days);
        let base_why = format!(
            "{} on {} (line {}) + {} days",
            track.anchor.kind.as_str(),
            track.anchor.date,
            track.anchor.line,
            self.rules.check_in_after_days
        );
        self.chase(ActionKind::CheckIn, track, base, base_why)
    }

    /// **follow-up** n: state waiting, fewer than `max_follow_ups` follow-ups
    /// after anchor A = max(latest interview L, latest heard ≥ L). base =
    /// decision date + `follow_up_after_decision_days`, or without one A +
    /// `follow_up_without_date_days`. n = 1 is due at base; n ≥ 2 at
    /// max(base, previous + `follow_up_spacing_days`). Deadline + 7.
    pub fn follow_up(&self) -> Option<Action> {
        if self.state.state != State::Waiting {
            return None;
        }
        let track = self.state.track.as_ref()?;
        let latest_interview = self.history.latest_of(EventKind::Interview);
        let (base, base_why) = match self.history.decision(latest_interview) {
            Some(d) => (
                add_days(d.date, self.rules.follow_up_after_decision_days),
                format!(
                    "decision date {} ({}) + {} days",
                    d.date,
                    d.source(),
                    self.rules.follow_up_after_decision_days
                ),
            ),
            None => (
                add_days(track.anchor.date, self.rules.follow_up_without_date_days),
                format!(
                    "no decision date recorded — ask; {} on {} (line {}) + {} days",
                    track.anchor.kind.as_str(),
                    track.anchor.date,
                    track.anchor.line,
                    self.rules.follow_up_without_date_days
                ),
            ),
        };
        self.chase(ActionKind::FollowUp, track, base, base_why)
    }

    /// The next follow-up or check-in of a track, if one is left.
    fn chase(
        &self,
        kind: ActionKind,
        track: &super::history::Track<'_>,
        base: NaiveDate,
        base_why: String,
    ) -> Option<Action> {
        if track.used_up() {
            return None;
        }
        let n = u32::try_from(track.sent.len())
            .unwrap_or(u32::MAX)
            .saturating_add(1);
        let (due, why) = match track.sent.last() {
            None => (base, base_why),
            Some(previous) => {
                let spaced = add_days(previous.date, self.rules.follow_up_spacing_days);
                (
                    base.max(spaced),
                    format!(
                        "the later of {base_why} and {} #{} on {} + {} days",
                        kind.as_str(),
                        n - 1,
                        previous.date,
                        self.rules.follow_up_spacing_days
                    ),
                )
            }
        };
        Some(self.letter(
            kind,
            n,
            self.recipient(),
            due,
            add_days(due, LETTER_WINDOW_DAYS),
            why,
        ))
    }

    /// **update**: state waiting or interviewing, with a happened interview;
    /// trigger = the latest `news` entry of this application or `offer` in
    /// another, dated ≥ the first happened interview. Due date(trigger),
    /// deadline + `update_deadline_days`. Sent as an `update` dated ≥ it.
    pub fn update(&self, offers_elsewhere: &[OfferElsewhere]) -> Option<Action> {
        if !matches!(self.state.state, State::Waiting | State::Interviewing) {
            return None;
        }
        let first = self.history.happened_of(EventKind::Interview).next()?;
        let news = self
            .history
            .happened_of(EventKind::News)
            .rfind(|n| n.date >= first.date);
        // The latest offer from another application: `offers_elsewhere`
        // holds the latest of the journal and the latest from another file.
        let offer = offers_elsewhere
            .iter()
            .find(|o| o.file != self.history.app.file)
            .filter(|o| o.date >= first.date);
        // On the same date, this application's own news wins.
        let (date, trigger, why) = match (news, offer) {
            (Some(n), Some(o)) if o.date > n.date => offer_trigger(o),
            (Some(n), _) => (
                n.date,
                Trigger::News {
                    text: n.text.clone(),
                    line: n.line,
                },
                format!("news on {} (line {})", n.date, n.line),
            ),
            (None, Some(o)) => offer_trigger(o),
            (None, None) => return None,
        };
        let sent = self
            .history
            .happened_of(EventKind::Update)
            .any(|u| u.date >= date);
        if sent {
            return None;
        }
        let mut action = self.letter(
            ActionKind::Update,
            1,
            self.recipient(),
            date,
            add_days(date, self.rules.update_deadline_days),
            why,
        );
        action.trigger = Some(trigger);
        Some(action)
    }

    /// **feedback**: state rejected after at least one happened interview,
    /// while today ≤ rejection + `feedback_expires_days`. Due the rejection
    /// date, deadline + `feedback_deadline_days`. Sent as a `feedback` dated
    /// ≥ the rejection.
    pub fn feedback(&self) -> Option<Action> {
        if self.state.state != State::Rejected {
            return None;
        }
        let rejection = self.state.stage?;
        let interviewed = self
            .history
            .happened_of(EventKind::Interview)
            .any(|i| i.order_key() < rejection.order_key());
        if !interviewed || self.today > add_days(rejection.date, self.rules.feedback_expires_days) {
            return None;
        }
        let sent = self
            .history
            .happened_of(EventKind::Feedback)
            .any(|f| f.date >= rejection.date);
        if sent {
            return None;
        }
        Some(self.letter(
            ActionKind::Feedback,
            1,
            self.recipient(),
            rejection.date,
            add_days(rejection.date, self.rules.feedback_deadline_days),
            format!(
                "rejected on {} (line {}) after an interview; ask within {} days",
                rejection.date, rejection.line, self.rules.feedback_expires_days
            ),
        ))
    }

    /// **keep-in-touch**: state rejected or no-response, after at least one
    /// happened interview, `keep_in_touch` not false. K = the latest of the
    /// rejection (or moved-on) date and the latest `touch` after it. Due K +
    /// `keep_in_touch_after_days`, deadline K + `keep_in_touch_deadline_days`.
    pub fn keep_in_touch(&self) -> Option<Action> {
        if !self.history.app.keep_in_touch {
            return None;
        }
        let (base, base_why) = match self.state.state {
            State::Rejected => {
                let r = self.state.stage?;
                let interviewed = self
                    .history
                    .happened_of(EventKind::Interview)
                    .any(|i| i.order_key() < r.order_key());
                if !interviewed {
                    return None;
                }
                (r.date, format!("rejected on {} (line {})", r.date, r.line))
            }
            State::NoResponse => {
                self.history.latest_of(EventKind::Interview)?;
                let moved_on = self.state.moved_on?;
                (moved_on, format!("no answer: moved on {moved_on}"))
            }
            _ => return None,
        };
        let last_touch = self
            .history
            .happened_of(EventKind::Touch)
            .rfind(|t| t.date > base);
        let (k, why) = match last_touch {
            Some(t) => (
                t.date,
                format!("last keep-in-touch note on {} (line {})", t.date, t.line),
            ),
            None => (base, base_why),
        };
        Some(self.letter(
            ActionKind::KeepInTouch,
            1,
            self.recipient(),
            add_days(k, self.rules.keep_in_touch_after_days),
            add_days(k, self.rules.keep_in_touch_deadline_days),
            format!(
                "{why}; a friendly note {} to {} days later",
                self.rules.keep_in_touch_after_days, self.rules.keep_in_touch_deadline_days
            ),
        ))
    }

    /// **withdraw**: another application is accepted (on Ac) and this one is
    /// applied, interviewing, waiting or offer. Due Ac, deadline +
    /// `withdraw_deadline_days`. A `withdrawn` entry closes the file; a
    /// `#skip #withdrawn` dated ≥ Ac dismisses the note.
    pub fn withdraw(&self, acceptance: &Acceptance) -> Option<Action> {
        if acceptance.file == self.history.app.file
            || !matches!(
                self.state.state,
                State::Applied | State::Interviewing | State::Waiting | State::Offer
            )
        {
            return None;
        }
        let dismissed = self
            .history
            .happened_of(EventKind::Withdrawn)
            .any(|w| w.skip && w.date >= acceptance.date);
        if dismissed {
            return None;
        }
        Some(self.letter(
            ActionKind::Withdraw,
            1,
            self.recipient(),
            acceptance.date,
            add_days(acceptance.date, self.rules.withdraw_deadline_days),
            format!(
                "you accepted the offer of {} ({}) on {}",
                acceptance.company, acceptance.file, acceptance.date
            ),
        ))
    }
}

/// The trigger of an update letter from an offer elsewhere.
fn offer_trigger(o: &OfferElsewhere) -> (NaiveDate, Trigger, String) {
    (
        o.date,
        Trigger::Offer {
            company: o.company.clone(),
            file: o.file.clone(),
            deadline: o.deadline,
        },
        format!("offer from {} ({}) on {}", o.company, o.file, o.date),
    )
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}
