//! From applications and today to states and actions: pure functions of
//! data, one rule per function (SPEC §3, §4). The journal-wide rules (an
//! offer elsewhere, an acceptance, keep-applying) are decided here.

pub mod actions;
pub mod history;
pub mod lints;
pub mod state;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::model::{Action, ActionKind, Application, EventKind, State};
use actions::{Acceptance, Ctx, LETTER_WINDOW_DAYS, OfferElsewhere};
use history::{History, add_days};
use state::state_of;

/// One application as the report and JSON list it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub file: String,
    pub company: String,
    pub position: Option<String>,
    pub state: State,
    /// Why the application is in this state, for `explain`.
    pub state_why: String,
    /// The effective decision date (after the latest happened interview).
    pub decision_by: Option<NaiveDate>,
    /// Where the decision date comes from, for `explain`.
    pub decision_source: Option<String>,
    /// The date of the latest happened entry of any kind.
    pub last_entry: Option<NaiveDate>,
}

/// Everything nudge works out about a journal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// One per valid application, by file.
    pub applications: Vec<Summary>,
    /// Every pending action, sorted by due, file, action, contact.
    pub actions: Vec<Action>,
    /// Lint warnings.
    pub lints: Vec<Diagnostic>,
}

/// Works out every application's state and every pending action.
/// `applications` are the valid ones (files with errors are left out).
pub fn infer(applications: &[Application], config: &Config, today: NaiveDate) -> Outcome {
    let rules = &config.rules;
    let histories: Vec<History<'_>> = applications
        .par_iter()
        .map(|a| History::new(a, today))
        .collect();
    let states: Vec<_> = histories
        .par_iter()
        .map(|h| state_of(h, rules, today))
        .collect();

    // Journal-wide facts; archived files count for nothing.
    let live = || {
        histories
            .iter()
            .zip(&states)
            .filter(|(h, _)| !h.app.archived)
    };
    let acceptance = live()
        .filter(|(_, s)| s.state == State::Accepted)
        .filter_map(|(h, s)| {
            s.stage.map(|e| Acceptance {
                file: h.app.file.clone(),
                company: h.app.company.clone(),
                date: e.date,
            })
        })
        .min_by(|a, b| (a.date, &a.file).cmp(&(b.date, &b.file)));
    let offers = latest_offers(live().map(|(h, _)| h));

    // Each application is worked out on its own, on every core; the results
    // are gathered in the applications' order.
    let per_application: Vec<(Summary, Vec<Diagnostic>, Vec<Action>)> = histories
        .par_iter()
        .zip(&states)
        .map(|(history, state)| {
            let app = history.app;
            let latest_interview = history.latest_of(EventKind::Interview);
            let decision = history.decision(latest_interview);
            let summary = Summary {
                file: app.file.clone(),
                company: app.company.clone(),
                position: app.position.clone(),
                state: state.state,
                state_why: state.why.clone(),
                decision_by: decision.map(|d| d.date),
                decision_source: decision.map(|d| d.source()),
                last_entry: history.last_entry(),
            };
            if app.archived {
                return (summary, Vec::new(), Vec::new());
            }
            let lints = lints::lints(history, rules);
            let ctx = Ctx {
                history,
                state,
                rules,
                today,
            };
            let mut actions = Vec::new();
            match &acceptance {
                // Hired: only the withdraw notes are left.
                Some(acc) => actions.extend(ctx.withdraw(acc)),
                None => {
                    actions.extend(ctx.thank_you());
                    actions.extend(ctx.prepare());
                    actions.extend(ctx.check_in());
                    actions.extend(ctx.follow_up());
                    actions.extend(ctx.update(&offers));
                    actions.extend(ctx.feedback());
                    actions.extend(ctx.keep_in_touch());
                }
            }
            (summary, lints, actions)
        })
        .collect();
    let mut outcome = Outcome {
        applications: Vec::with_capacity(per_application.len()),
        actions: Vec::with_capacity(per_application.iter().map(|p| p.2.len()).sum::<usize>() + 1),
        lints: Vec::with_capacity(per_application.iter().map(|p| p.1.len()).sum()),
    };
    for (summary, lints, actions) in per_application {
        outcome.applications.push(summary);
        outcome.lints.extend(lints);
        outcome.actions.extend(actions);
    }
    if acceptance.is_none() {
        outcome.actions.extend(keep_applying(&histories, rules));
    }
    outcome.applications.sort_by(|a, b| a.file.cmp(&b.file));
    sort_actions(&mut outcome.actions);
    outcome
}

/// The latest offer of the journal, and the latest from another file: all
/// an application needs to find the latest offer elsewhere, in constant
/// time (ties go to the later file, then the later entry).
fn latest_offers<'h, 'a: 'h>(
    histories: impl Iterator<Item = &'h History<'a>>,
) -> Vec<OfferElsewhere> {
    let mut all: Vec<(
        NaiveDate,
        &str,
        usize,
        &History<'_>,
        &crate::model::LogEntry,
    )> = Vec::new();
    for h in histories {
        if let Some(o) = h.latest_of(EventKind::Offer) {
            all.push((o.date, h.app.file.as_str(), o.index, h, o));
        }
    }
    all.sort_by(|a, b| (b.0, b.1, b.2).cmp(&(a.0, a.1, a.2)));
    let best = all.first();
    let second = best.and_then(|b| all.iter().find(|o| o.1 != b.1));
    best.into_iter()
        .chain(second)
        .map(|(date, file, _, h, o)| OfferElsewhere {
            file: (*file).to_owned(),
            company: h.app.company.clone(),
            date: *date,
            deadline: o.offer_deadline(),
        })
        .collect()
}

/// **keep-applying**: journal-wide, no application accepted, at least one
/// `applied` entry; P = the latest applied date. Due P + `apply_gap_days`,
/// deadline + 7; a newer `applied` entry moves it.
fn keep_applying(histories: &[History<'_>], rules: &crate::config::Rules) -> Option<Action> {
    let (history, latest) = histories
        .iter()
        .filter(|h| !h.app.archived)
        .filter_map(|h| h.latest_of(EventKind::Applied).map(|e| (h, e)))
        .max_by(|(ha, a), (hb, b)| (a.date, &hb.app.file).cmp(&(b.date, &ha.app.file)))?;
    let due = add_days(latest.date, rules.apply_gap_days);
    Some(Action::new(
        ActionKind::KeepApplying,
        due,
        add_days(due, LETTER_WINDOW_DAYS),
        format!(
            "latest application sent on {} ({} line {}) + {} days",
            latest.date, history.app.file, latest.line, rules.apply_gap_days
        ),
    ))
}

/// The order of SPEC §5.1: by due, file, action, contact (nothing before
/// something), then number and deadline for a total order.
pub fn sort_actions(actions: &mut [Action]) {
    fn key(x: &Action) -> (NaiveDate, Option<&str>, &str, Option<&str>, u32, NaiveDate) {
        (
            x.due,
            x.file.as_deref(),
            x.kind.as_str(),
            x.contact_handle().map(|h| h.as_str()),
            x.n,
            x.deadline,
        )
    }
    // The positions are sorted, not the actions: an action is large, and a
    // sort moves each element many times. Then each action is moved once.
    let mut order: Vec<usize> = (0..actions.len()).collect();
    order.sort_by(|&a, &b| key(&actions[a]).cmp(&key(&actions[b])));
    apply_order(actions, order);
}

/// Puts `items[order[0]]` first, `items[order[1]]` second, and so on, by
/// following each cycle of the permutation `order` with swaps.
fn apply_order<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        // `order[at] == at` marks a place that holds its item already.
        while order[at] != start {
            let from = order[at];
            items.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

#[cfg(test)]
mod tests;
