//! `nudge status` for people: what to do, grouped overdue / due / upcoming,
//! with relative times. Styles are ANSI codes; anstream strips them when
//! colour is off.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

use super::{days, relative};
use crate::infer::{Outcome, Summary};
use crate::model::{Action, ActionKind, State, Status, Trigger};

/// Colours of the status output.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub overdue: Style,
    pub due: Style,
    pub upcoming: Style,
    pub problem: Style,
    pub dim: Style,
}

impl Default for Palette {
    fn default() -> Self {
        Palette {
            overdue: Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
            due: Style::new().bold().fg_color(Some(AnsiColor::Yellow.into())),
            upcoming: Style::new().bold().fg_color(Some(AnsiColor::Cyan.into())),
            problem: Style::new().fg_color(Some(AnsiColor::Yellow.into())),
            dim: Style::new().dimmed(),
        }
    }
}

/// How an action is named: "thank-you", "follow-up 2".
pub fn action_label(a: &Action) -> String {
    if a.kind.is_numbered() {
        format!("{} {}", a.kind.as_str(), a.n)
    } else {
        a.kind.as_str().to_owned()
    }
}

/// The application's company, or "your search" for journal-wide actions.
fn company(a: &Action) -> &str {
    a.company.as_deref().unwrap_or("your search")
}

/// Who a letter goes to, or what a reminder is for, as a person reads it.
fn recipient(a: &Action) -> String {
    match (&a.recipient, a.kind) {
        (Some(c), _) => format!("to {}", c.name),
        (None, ActionKind::Prepare) => "for the interview".to_owned(),
        (None, ActionKind::KeepApplying) => "send a new application".to_owned(),
        (None, _) => "to (nobody yet)".to_owned(),
    }
}

/// When, relative to today, for the action's group.
fn when(a: &Action, status: Status, today: NaiveDate) -> String {
    match status {
        Status::Due if a.kind == ActionKind::Prepare => {
            format!(
                "due, interview {} ({})",
                relative(a.deadline, today),
                a.deadline
            )
        }
        Status::Due if a.kind == ActionKind::KeepApplying => {
            format!("due, by {} ({})", a.deadline, relative(a.deadline, today))
        }
        Status::Overdue => format!(
            "overdue by {} (deadline {})",
            days((today - a.deadline).num_days()),
            a.deadline
        ),
        Status::Due if a.deadline == today => "due, send today".to_owned(),
        Status::Due => format!(
            "due, send by {} ({})",
            a.deadline,
            relative(a.deadline, today)
        ),
        Status::Upcoming | Status::Later => format!("{} ({})", relative(a.due, today), a.due),
    }
}

/// Pads to a display width.
fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// The status text: groups of actions, then a one-line summary of states.
pub fn status(outcome: &Outcome, today: NaiveDate, horizon_days: u32, quiet: bool) -> String {
    let palette = Palette::default();
    let mut out = String::new();
    let groups = [
        (Status::Overdue, "Overdue", palette.overdue),
        (Status::Due, "Due", palette.due),
        (Status::Upcoming, "Coming up", palette.upcoming),
    ];
    let shown: Vec<(&Action, Status)> = outcome
        .actions
        .iter()
        .map(|a| (a, a.status(today, horizon_days)))
        .filter(|(_, s)| *s != Status::Later)
        .collect();
    let label_w = shown
        .iter()
        .map(|(a, _)| action_label(a).width())
        .max()
        .unwrap_or(0);
    let company_w = shown
        .iter()
        .map(|(a, _)| company(a).width())
        .max()
        .unwrap_or(0);
    let to_w = shown
        .iter()
        .map(|(a, _)| recipient(a).width())
        .max()
        .unwrap_or(0);
    for (status, title, style) in groups {
        let mut group: Vec<&Action> = shown
            .iter()
            .filter(|(_, s)| *s == status)
            .map(|(a, _)| *a)
            .collect();
        // Most urgent first, as in the report: by the date to act by.
        if status != Status::Upcoming {
            group.sort_by_key(|a| a.deadline);
        }
        if group.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "{style}{title} ({}){style:#}", group.len());
        for a in group {
            let line = format!(
                "  {}  {}  {}  {}",
                pad(&action_label(a), label_w),
                pad(company(a), company_w),
                pad(&recipient(a), to_w),
                when(a, status, today)
            );
            let _ = writeln!(out, "{}", line.trim_end());
            let indent = " ".repeat(label_w + 4);
            if let Some(problem) = &a.problem {
                let p = palette.problem;
                let _ = writeln!(out, "{indent}{p}! {problem}{p:#}");
            }
            if let Some(trigger) = &a.trigger {
                let d = palette.dim;
                let _ = writeln!(out, "{indent}{d}{}{d:#}", trigger_line(trigger));
            }
            if a.hand_written {
                let _ = writeln!(out, "{indent}a dream job: send a hand-written card too");
            }
            if a.kind == ActionKind::FollowUp && a.why.starts_with("no decision date") {
                let d = palette.dim;
                let _ = writeln!(
                    out,
                    "{indent}{d}no decision date recorded — ask when they will decide{d:#}"
                );
            }
        }
    }
    if out.is_empty() {
        out.push_str("Nothing to do now or in the coming days.\n");
    }
    if !quiet {
        let _ = writeln!(out, "\n{}", summary_line(&outcome.applications));
    }
    out
}

/// What an update letter is about.
pub fn trigger_line(trigger: &Trigger) -> String {
    match trigger {
        Trigger::News { text, .. } => format!("tell them: {text}"),
        Trigger::Offer {
            company,
            deadline: Some(deadline),
            ..
        } => format!("tell them about the offer from {company} (answer by {deadline})"),
        Trigger::Offer { company, .. } => format!("tell them about the offer from {company}"),
    }
}

/// "8 applications: 2 applied, 3 waiting, 1 rejected".
pub fn summary_line(applications: &[Summary]) -> String {
    let counts: Vec<String> = State::ALL
        .iter()
        .filter_map(|s| {
            let n = applications.iter().filter(|a| a.state == *s).count();
            (n > 0).then(|| format!("{n} {}", s.as_str()))
        })
        .collect();
    match applications.len() {
        0 => "No applications yet: add a markdown file with `company:` in its front-matter."
            .to_owned(),
        1 => format!("1 application: {}", counts.join(", ")),
        n => format!("{n} applications: {}", counts.join(", ")),
    }
}
