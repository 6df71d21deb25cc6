//! `status --json`: the machine format of SPEC §5.1, sorted and stable.

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::{Serialize, Serializer};

use crate::diag::Diagnostic;
use crate::infer::Outcome;
use crate::plan::draft_path;

/// The format's version; bumped on any incompatible change.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    today: Day,
    applications: Vec<Application<'a>>,
    actions: Vec<Action<'a>>,
    diagnostics: Vec<Diag<'a>>,
}

#[derive(Serialize)]
struct Application<'a> {
    file: &'a str,
    company: &'a str,
    position: Option<&'a str>,
    state: &'static str,
    decision_by: Option<Day>,
    last_entry: Option<Day>,
}

#[derive(Serialize)]
struct Action<'a> {
    file: Option<&'a str>,
    company: Option<&'a str>,
    action: &'static str,
    n: u32,
    contact: Option<&'a str>,
    email: Option<&'a str>,
    due: Day,
    deadline: Day,
    status: &'static str,
    problem: Option<&'a str>,
    draft: Option<String>,
}

#[derive(Serialize)]
struct Diag<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    severity: &'static str,
    message: &'a str,
}

/// A date as `YYYY-MM-DD`, written without an allocation: a large
/// journal's document holds tens of thousands of them.
struct Day(NaiveDate);

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut text = [0u8; 10];
        // Dates outside years 0–9999 never come from a journal (the log's
        // dates have four digits); chrono writes them.
        let year = match u32::try_from(self.0.year()) {
            Ok(year) if year <= 9999 => year,
            _ => return serializer.serialize_str(&self.0.format("%Y-%m-%d").to_string()),
        };
        let digits = |out: &mut [u8], mut n: u32| {
            for b in out.iter_mut().rev() {
                *b = b'0' + (n % 10) as u8;
                n /= 10;
            }
        };
        digits(&mut text[0..4], year);
        text[4] = b'-';
        digits(&mut text[5..7], self.0.month());
        text[7] = b'-';
        digits(&mut text[8..10], self.0.day());
        // Only ASCII digits and dashes were written.
        serializer.serialize_str(std::str::from_utf8(&text).unwrap_or_default())
    }
}

/// The JSON document, pretty-printed, ending with a newline.
/// `diagnostics` must already be sorted.
pub fn render(
    outcome: &Outcome,
    diagnostics: &[Diagnostic],
    today: NaiveDate,
    horizon_days: u32,
) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail; the text is JSON, hence UTF-8.
    let _ = write(&mut out, outcome, diagnostics, today, horizon_days);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the document of [`render`] to `out` as it is serialised, so a
/// large journal's JSON is never held in memory whole.
pub fn write(
    out: &mut impl std::io::Write,
    outcome: &Outcome,
    diagnostics: &[Diagnostic],
    today: NaiveDate,
    horizon_days: u32,
) -> std::io::Result<()> {
    let doc = Document {
        version: VERSION,
        today: Day(today),
        applications: outcome
            .applications
            .iter()
            .map(|a| Application {
                file: &a.file,
                company: &a.company,
                position: a.position.as_deref(),
                state: a.state.as_str(),
                decision_by: a.decision_by.map(Day),
                last_entry: a.last_entry.map(Day),
            })
            .collect(),
        // The actions' draft paths are worked out on every core.
        actions: outcome
            .actions
            .par_iter()
            .map(|a| Action {
                file: a.file.as_deref(),
                company: a.company.as_deref(),
                action: a.kind.as_str(),
                n: a.n,
                contact: a.contact_handle().map(|h| h.as_str()),
                email: a.recipient.as_ref().and_then(|c| c.email.as_deref()),
                due: Day(a.due),
                deadline: Day(a.deadline),
                status: a.status(today, horizon_days).as_str(),
                problem: a.problem.as_deref(),
                draft: draft_path(a, today, horizon_days),
            })
            .collect(),
        diagnostics: diagnostics
            .iter()
            .map(|d| Diag {
                file: &d.file,
                line: d.line,
                column: d.column,
                severity: d.severity.as_str(),
                message: &d.message,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_written_as_chrono_writes_them() {
        let days = [
            (0, 1, 1),
            (9, 3, 4),
            (999, 12, 31),
            (2026, 2, 28),
            (2026, 11, 22),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 15),
        ];
        for (y, m, d) in days {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let written = serde_json::to_string(&Day(date)).unwrap();
            assert_eq!(written, format!("\"{}\"", date.format("%Y-%m-%d")));
        }
    }
}
