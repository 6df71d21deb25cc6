//! `nudge explain FILE`: how nudge reads one application, entry by entry,
//! then its state and pending actions with the rule behind each, so a job
//! seeker can see a wrong guess and correct it with a tag.

use std::fmt::Write as _;

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

use super::terminal::action_label;
use crate::infer::Summary;
use crate::model::{Action, Application, LogEntry};

/// One row of the entries table.
struct Row {
    line: String,
    date: String,
    kind: String,
    why: String,
    mentions: String,
    dates: String,
}

fn row(e: &LogEntry, today: NaiveDate) -> Row {
    let mut kind = e.kind.as_str().to_owned();
    if e.skip {
        kind.push_str(" (skip)");
    }
    if e.date > today {
        kind.push_str(" (scheduled)");
    }
    let dates = match (e.decision_date(), e.offer_deadline()) {
        (Some(d), _) => format!("decision by {d}"),
        (_, Some(d)) => format!("offer deadline {d}"),
        _ => String::new(),
    };
    Row {
        line: e.line.to_string(),
        date: match e.time {
            Some(t) => format!("{} {}", e.date, t.format("%H:%M")),
            None => e.date.to_string(),
        },
        kind,
        why: e.reason.to_string(),
        mentions: e
            .mentions
            .iter()
            .map(|h| format!("@{h}"))
            .collect::<Vec<_>>()
            .join(" "),
        dates,
    }
}

fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}

/// The explanation of one valid application; `shown` is its path as the
/// user gave it.
pub fn explain(
    shown: &str,
    app: &Application,
    summary: &Summary,
    actions: &[&Action],
    today: NaiveDate,
    horizon_days: u32,
) -> String {
    let mut out = String::new();
    let _ = write!(out, "{shown}: {}", app.company);
    if let Some(p) = &app.position {
        let _ = write!(out, " — {p}");
    }
    out.push_str("\n\n");

    let mut entries: Vec<&LogEntry> = app.entries.iter().collect();
    entries.sort_by_key(|e| e.order_key());
    if entries.is_empty() {
        out.push_str("No log entries: add dated list items, e.g. `- 2026-11-01 Applied`.\n");
    } else {
        let header = Row {
            line: "line".into(),
            date: "date".into(),
            kind: "kind".into(),
            why: "why".into(),
            mentions: "mentions".into(),
            dates: "dates".into(),
        };
        let rows: Vec<Row> = entries.iter().map(|e| row(e, today)).collect();
        let w = |f: fn(&Row) -> &str| {
            rows.iter()
                .chain([&header])
                .map(|r| f(r).width())
                .max()
                .unwrap_or(0)
        };
        let widths = [
            w(|r| &r.line),
            w(|r| &r.date),
            w(|r| &r.kind),
            w(|r| &r.why),
            w(|r| &r.mentions),
        ];
        for r in std::iter::once(&header).chain(&rows) {
            let line = format!(
                "{}{}  {}  {}  {}  {}  {}",
                " ".repeat(widths[0] - r.line.width()),
                r.line,
                pad(&r.date, widths[1]),
                pad(&r.kind, widths[2]),
                pad(&r.why, widths[3]),
                pad(&r.mentions, widths[4]),
                r.dates
            );
            let _ = writeln!(out, "  {}", line.trim_end());
        }
    }

    let _ = writeln!(out, "\nstate: {} — {}", summary.state, summary.state_why);
    match (&summary.decision_by, &summary.decision_source) {
        (Some(d), Some(source)) => {
            let _ = writeln!(out, "decision date: {d} ({source})");
        }
        _ => {
            let _ = writeln!(out, "decision date: none recorded");
        }
    }
    if let Some(last) = summary.last_entry {
        let _ = writeln!(out, "last entry: {last}");
    }

    if actions.is_empty() {
        out.push_str("\nNo pending actions.\n");
    } else {
        out.push_str("\npending actions:\n");
        for a in actions {
            let to = match &a.recipient {
                Some(c) => format!(" to @{}", c.handle),
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "  {}{to}: due {}, deadline {} ({})",
                action_label(a),
                a.due,
                a.deadline,
                a.status(today, horizon_days).as_str()
            );
            let _ = writeln!(out, "      why: {}", a.why);
            if let Some(p) = &a.problem {
                let _ = writeln!(out, "      problem: {p}");
            }
            if a.hand_written {
                let _ = writeln!(out, "      a dream job: send a hand-written card too");
            }
        }
    }
    out
}
