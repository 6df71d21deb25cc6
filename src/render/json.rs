//! `status --json`: the machine format of SPEC §5.1, sorted and stable.

use chrono::NaiveDate;
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::infer::Outcome;
use crate::plan::draft_path;

/// The format's version; bumped on any incompatible change.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    today: String,
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
    decision_by: Option<String>,
    last_entry: Option<String>,
}

#[derive(Serialize)]
struct Action<'a> {
    file: Option<&'a str>,
    company: Option<&'a str>,
    action: &'static str,
    n: u32,
    contact: Option<&'a str>,
    email: Option<&'a str>,
    due: String,
    deadline: String,
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

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
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
        today: date(today),
        applications: outcome
            .applications
            .iter()
            .map(|a| Application {
                file: &a.file,
                company: &a.company,
                position: a.position.as_deref(),
                state: a.state.as_str(),
                decision_by: a.decision_by.map(date),
                last_entry: a.last_entry.map(date),
            })
            .collect(),
        actions: outcome
            .actions
            .iter()
            .map(|a| Action {
                file: a.file.as_deref(),
                company: a.company.as_deref(),
                action: a.kind.as_str(),
                n: a.n,
                contact: a.contact_handle().map(|h| h.as_str()),
                email: a.recipient.as_ref().and_then(|c| c.email.as_deref()),
                due: date(a.due),
                deadline: date(a.deadline),
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
