//! What `update` will write: the report, a draft for every letter that is
//! overdue or due, and the removal of nudge's own untouched drafts that
//! are no longer needed (SPEC §6). Planning is pure: it compares what
//! should exist with what the scan found, and lists the changes, so that
//! `--check` can report them and `update` can carry them out.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diag::{Diagnostic, LineIndex, Severity, Sink};
use crate::draft::{self, Draft};
use crate::journal::REPORT_MARKER;
use crate::journal::scan::Existing;
use crate::model::{Action, ActionKind, Application, Status};
use crate::proofread::{self, Facts, Speller, TrustedWords};
use crate::render::letters::{self, Letters};
use crate::render::report::{self, ReportInput};
use crate::{Analysis, FileKind};

/// A change to one file of the journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A new file (a draft, or the report the first time).
    Create(String),
    /// New text for a file nudge wrote and nobody edited.
    Update(String),
    /// An untouched draft that is no longer needed.
    Remove,
    /// A temporary file an interrupted run left behind.
    RemoveLeftover,
}

impl Change {
    /// The new text of a created or updated file.
    pub fn text(&self) -> Option<&str> {
        match self {
            Change::Create(text) | Change::Update(text) => Some(text),
            Change::Remove | Change::RemoveLeftover => None,
        }
    }

    /// What the change does to its file, as a verb: "create", "update" or
    /// "remove" (add "d" for what it did).
    pub fn verb(&self) -> &'static str {
        match self {
            Change::Create(_) => "create",
            Change::Update(_) => "update",
            Change::Remove | Change::RemoveLeftover => "remove",
        }
    }
}

/// One planned change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileOp {
    /// Path relative to the journal, with `/`.
    pub path: String,
    pub change: Change,
}

/// Everything `update` would do.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// The changes, sorted by path; empty when all is up to date.
    pub ops: Vec<FileOp>,
    /// Problems found while planning (templates, files in the way, edited
    /// drafts no longer needed).
    pub diagnostics: Vec<Diagnostic>,
    /// For each action (in `outcome.actions` order), its draft file when
    /// one exists after the update.
    pub drafts: Vec<Option<String>>,
    /// How many letters have a draft after the update.
    pub letters_now: usize,
    /// What the proofreader noticed in the drafts as the update leaves
    /// them (warnings, sorted; not part of the report's problems).
    pub proofread: Vec<Diagnostic>,
    /// For each action, how many notes the proofreader has on its draft.
    pub notes: Vec<usize>,
    /// Why spelling was not checked, when a dictionary was wanted and
    /// could not be had.
    pub spelling_not_checked: Option<String>,
}

/// Whether to look for corrections of misspelt words: slow, so only for
/// the commands that show them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suggest {
    Yes,
    No,
}

/// Whether a file is nudge's report.
pub fn is_report(text: &str) -> bool {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .lines()
        .next()
        .is_some_and(|l| l.trim_end() == REPORT_MARKER)
}

/// The draft of an action's letter.
fn draft_of(action: &Action, app: &Application, letter: letters::Letter) -> Draft {
    let mut hints: Vec<String> = action
        .interview
        .and_then(|i| app.entries.iter().find(|e| e.index == i))
        .map(|e| {
            e.notes
                .iter()
                .map(|n| letters::strip_marker(n).to_owned())
                .collect()
        })
        .unwrap_or_default();
    // Notes about the recipient first: they make the letter personal.
    if let Some(c) = &action.recipient {
        let words = [
            format!("@{}", c.handle),
            c.first_name().to_lowercase(),
            c.last_name().to_lowercase(),
        ];
        hints.sort_by_key(|h| {
            let lower = h.to_lowercase();
            !words.iter().any(|w| lower.contains(w.as_str()))
        });
    }
    if action.hand_written {
        hints.push("a dream job: send a hand-written card too".to_owned());
    }
    let to = match &action.recipient {
        Some(c) => match &c.email {
            Some(email) => format!("{} <{email}>", c.name),
            None => c.name.clone(),
        },
        None => String::new(),
    };
    Draft {
        application: app.file.clone(),
        action: action.kind.as_str().to_owned(),
        n: action.kind.is_numbered().then_some(action.n),
        to,
        subject: letter.subject,
        due: action.due.to_string(),
        deadline: action.deadline.to_string(),
        problem: action.problem.clone(),
        hints,
        body: letter.body,
    }
}

/// The applications of an analysis by file, for the letters' contexts.
struct Applications<'a> {
    apps: BTreeMap<&'a str, &'a Application>,
    decisions: BTreeMap<&'a str, Option<NaiveDate>>,
}

impl<'a> Applications<'a> {
    fn new(analysis: &'a Analysis) -> Self {
        Applications {
            apps: analysis
                .applications
                .iter()
                .map(|a| (a.file.as_str(), a))
                .collect(),
            decisions: analysis
                .outcome
                .applications
                .iter()
                .map(|s| (s.file.as_str(), s.decision_by))
                .collect(),
        }
    }

    /// An action's application and its letter's template context; `None`
    /// for journal-wide actions.
    fn letter_context(
        &self,
        action: &Action,
        me: &BTreeMap<String, serde_json::Value>,
    ) -> Option<(&'a Application, serde_json::Value)> {
        let app = *self.apps.get(action.file.as_deref()?)?;
        let decision = self.decisions.get(app.file.as_str()).copied().flatten();
        Some((app, letters::context(action, app, decision, me)))
    }
}

/// A letter drafted for an action, beside what is on disk at its path.
struct Drafted {
    /// The draft's text as nudge writes it.
    text: String,
    /// The letter in it, for the mail link.
    letter: draft::MailLetter,
    /// Whether the draft on disk is the job seeker's edit (so it stays).
    edited: bool,
    /// The proofreader's notes on the draft as the update leaves it (the
    /// first hundred, and one that counts the rest), and how many it has.
    notes: (Vec<Diagnostic>, usize),
}

/// Where the text of a draft is kept while the report is written.
#[derive(Clone, Copy, Debug)]
enum Kept {
    /// In the change at this index of the plan's changes.
    Op(usize),
    /// On disk, unchanged: in the analysis's generated files.
    OnDisk,
}

/// A letter of nudge's own that will not be in any kept text, with its
/// text taken out of `text`, the draft it was rendered with.
fn own_letter(letter: draft::MailLetter, text: &str) -> draft::MailLetter {
    let l = letter.in_draft(text);
    draft::MailLetter::Own(draft::Sendable {
        to: l.to.to_owned(),
        subject: l.subject.to_owned(),
        body: l.body.to_owned(),
    })
}

/// A drafted letter, or why it could not be written.
type Rendered = Result<Drafted, Box<Diagnostic>>;

/// Plans `update`: the report and drafts that should exist, against the
/// files the scan found.
pub fn plan(analysis: &Analysis, today: NaiveDate) -> Plan {
    plan_with(analysis, today, Suggest::No)
}

/// [`plan`], with corrections for misspelt words when asked.
pub fn plan_with(analysis: &Analysis, today: NaiveDate, suggest: Suggest) -> Plan {
    let config = &analysis.config;
    let horizon = config.horizon_days;
    // The templates and the words the speller trusts are made side by
    // side: neither needs the other.
    let ((letters, mut diagnostics), trusted) = rayon::join(
        || letters_for(analysis),
        || {
            TrustedWords::new(
                &analysis.applications,
                &config.me,
                analysis.words.as_deref(),
            )
        },
    );
    let apps = Applications::new(analysis);
    let speller = Speller::new(&analysis.dictionary, trusted, suggest == Suggest::Yes);
    let mut ops = Vec::new();
    let mut drafts = vec![None; analysis.outcome.actions.len()];
    // For each action, its mail link's letter and where the draft's text
    // is kept (`None` for a letter with a text of its own).
    let mut mail: Vec<Option<(draft::MailLetter, Option<Kept>)>> =
        vec![None; analysis.outcome.actions.len()];
    let mut notes = vec![0; analysis.outcome.actions.len()];
    let mut proofread = Vec::new();
    // Paths of letters that should have a draft but get none this time (a
    // template error, a file in the way): what is there stays.
    let mut unwritten = Vec::new();

    // Letters are rendered on every core; what becomes of each is decided
    // below, in the actions' order.
    let rendered: Vec<Option<(String, Option<Rendered>)>> = analysis
        .outcome
        .actions
        .par_iter()
        .map(|action| {
            let path = draft_path(action, today, horizon)?;
            let (app, context) = apps.letter_context(action, &config.me)?;
            if !letters.can_write(action.kind) {
                // Its template did not compile: reported once by `Letters::new`.
                return Some((path, None));
            }
            let text = letters.render(action.kind, context).map(|letter| {
                let draft = draft_of(action, app, letter);
                let (text, letter) = draft.render_with_letter();
                // The draft as the update leaves it: the job seeker's edit,
                // or nudge's text.
                let edited = analysis
                    .generated
                    .get(&path)
                    .filter(|existing| !draft::is_untouched(existing));
                let facts = Facts {
                    app,
                    recipient: action.recipient.as_ref(),
                    kind: action.kind,
                };
                let notes = proofread_draft(
                    &path,
                    edited.map_or(&text, |e| e),
                    &facts,
                    &config.proofread,
                    &speller,
                );
                Drafted {
                    edited: edited.is_some(),
                    letter,
                    text,
                    notes,
                }
            });
            Some((path, Some(text)))
        })
        .collect();
    for (i, (path, text)) in rendered
        .into_iter()
        .enumerate()
        .filter_map(|(i, r)| r.map(|r| (i, r)))
    {
        let drafted = match text {
            None => {
                unwritten.push(path);
                continue;
            }
            Some(Ok(drafted)) => drafted,
            Some(Err(d)) => {
                if !diagnostics.contains(&d) {
                    diagnostics.push(*d);
                }
                unwritten.push(path);
                continue;
            }
        };
        // The mail link carries the letter as it will be on disk: nudge's
        // text, or the job seeker's edit of it.
        let Drafted {
            text,
            letter,
            edited,
            notes: (found, count),
        } = drafted;
        mail[i] = match (analysis.kind_of(&path), analysis.generated.get(&path)) {
            (None, _) => {
                let at = Kept::Op(ops.len());
                ops.push(FileOp {
                    path: path.clone(),
                    change: Change::Create(text),
                });
                Some((letter, Some(at)))
            }
            (Some(FileKind::Generated), Some(existing)) => {
                // An edited draft is the user's now: kept as it is, and
                // its mail link carries their text. (A draft whose
                // front-matter they broke keeps nudge's link, and nudge's
                // text for it is kept apart.)
                if edited {
                    Some(match draft::sendable(existing) {
                        Some(theirs) => (draft::MailLetter::Own(theirs), None),
                        None => (own_letter(letter, &text), None),
                    })
                } else if *existing != text {
                    let at = Kept::Op(ops.len());
                    ops.push(FileOp {
                        path: path.clone(),
                        change: Change::Update(text),
                    });
                    Some((letter, Some(at)))
                } else {
                    Some((letter, Some(Kept::OnDisk)))
                }
            }
            _ => {
                diagnostics.push(in_the_way(&path, "draft"));
                unwritten.push(path);
                continue;
            }
        };
        notes[i] = count;
        proofread.extend(found);
        drafts[i] = Some(path);
    }

    // Every path a letter wants, borrowed rather than copied.
    let wanted: BTreeSet<&str> = drafts
        .iter()
        .flatten()
        .chain(&unwritten)
        .map(String::as_str)
        .collect();
    for (path, text) in &analysis.generated {
        if wanted.contains(path.as_str()) || is_report(text) {
            continue;
        }
        // The drafts of an application with errors stay until it is fixed.
        let owner_invalid = draft::application_of(text)
            .is_some_and(|a| analysis.kind_of(&a) == Some(FileKind::Invalid));
        if owner_invalid {
            continue;
        }
        if draft::is_untouched(text) {
            ops.push(FileOp {
                path: path.clone(),
                change: Change::Remove,
            });
        } else {
            diagnostics.push(
                Diagnostic::whole_file(
                    path,
                    Severity::Warning,
                    "this draft is no longer needed, but you edited it, so nudge leaves it",
                )
                .with_help("delete it once you have sent or dropped the letter"),
            );
        }
    }

    // Each mail link's letter, its text borrowed from the draft's.
    let mail: Vec<Option<draft::Letter<'_>>> = mail
        .iter()
        .zip(&drafts)
        .map(|(mail, path)| {
            let (letter, kept) = mail.as_ref()?;
            let text = match kept {
                Some(Kept::Op(k)) => ops.get(*k).and_then(|op| op.change.text()),
                Some(Kept::OnDisk) => path
                    .as_ref()
                    .and_then(|p| analysis.generated.get(p))
                    .map(String::as_str),
                None => None,
            };
            Some(letter.in_draft(text.unwrap_or_default()))
        })
        .collect();
    let report_path = config.report.as_str();
    let existing_report = match analysis.kind_of(report_path) {
        None => None,
        Some(FileKind::Generated) => analysis.generated.get(report_path).filter(|t| is_report(t)),
        Some(_) => {
            diagnostics.push(in_the_way(report_path, "report"));
            None
        }
    };
    let report_blocked = analysis.kind_of(report_path).is_some() && existing_report.is_none();
    // Every diagnostic, sorted, without copies of them.
    let mut all: Vec<&Diagnostic> = analysis.diagnostics.iter().chain(&diagnostics).collect();
    all.sort_by(|a, b| Diagnostic::order(a, b));
    let first_entries: BTreeMap<&str, NaiveDate> = analysis
        .applications
        .iter()
        .filter_map(|a| Some((a.file.as_str(), a.entries.iter().map(|e| e.date).min()?)))
        .collect();
    let text = report::render(&ReportInput {
        outcome: &analysis.outcome,
        diagnostics: &all,
        drafts: &drafts,
        notes: &notes,
        mail: &mail,
        first_entries: &first_entries,
        today,
        horizon_days: horizon,
        report_path,
    });
    if !report_blocked {
        match existing_report {
            None => ops.push(FileOp {
                path: report_path.to_owned(),
                change: Change::Create(text),
            }),
            Some(old) if *old != text => ops.push(FileOp {
                path: report_path.to_owned(),
                change: Change::Update(text),
            }),
            Some(_) => {}
        }
    }
    if config.calendar {
        let path = config.calendar_path();
        let text = calendar(analysis, &letters);
        match &analysis.calendar_file {
            Existing::Absent => ops.push(FileOp {
                path,
                change: Change::Create(text),
            }),
            Existing::Ours(old) if *old != text => ops.push(FileOp {
                path,
                change: Change::Update(text),
            }),
            Existing::Ours(_) => {}
            Existing::NotOurs => {
                let mut d = in_the_way(&path, "calendar");
                d.help = Some(
                    "rename or move the file, or set `calendar: false` in nudge.yaml".to_owned(),
                );
                diagnostics.push(d);
            }
        }
    }
    ops.extend(analysis.leftovers.iter().map(|path| FileOp {
        path: path.clone(),
        change: Change::RemoveLeftover,
    }));
    ops.sort_by(|a, b| a.path.cmp(&b.path));
    Diagnostic::sort(&mut diagnostics);
    Diagnostic::sort(&mut proofread);
    let letters_now = drafts.iter().flatten().count();
    let spelling_not_checked = (letters_now > 0).then(|| speller.not_checked()).flatten();
    Plan {
        ops,
        diagnostics,
        drafts,
        letters_now,
        proofread,
        notes,
        spelling_not_checked,
    }
}

/// The proofreader's notes on a draft, as warnings at their line and
/// column (at most [`crate::diag::MAX_PER_FILE`] of them, and one that
/// counts the rest), and how many notes it has in all.
fn proofread_draft(
    path: &str,
    text: &str,
    facts: &Facts<'_>,
    limits: &crate::config::Proofread,
    speller: &Speller<'_>,
) -> (Vec<Diagnostic>, usize) {
    let letter = crate::journal::front_matter::strip_bom(text);
    let shift = text.len() - letter.len();
    let findings = proofread::proofread(letter, facts, limits, speller);
    let count = findings.len();
    if count == 0 {
        return (Vec::new(), 0);
    }
    let index = LineIndex::new(text);
    // The first hundred, in the order they appear, are shown and the rest
    // counted: a draft with a million findings (a pasted blob of brackets)
    // costs no more than one with a hundred.
    let mut sink = Sink::default();
    for finding in findings {
        sink.push_with(Severity::Warning, || {
            let d = Diagnostic::at_offset(
                path,
                &index,
                finding.range.start + shift,
                finding.range.len(),
                Severity::Warning,
                finding.message,
            );
            match finding.help {
                Some(help) => d.with_help(help),
                None => d,
            }
        });
    }
    (sink.into_vec(path), count)
}

/// The journal's letter templates, with the built-in ones compiled only
/// for the kinds of letter its actions call for.
pub fn letters_for(analysis: &Analysis) -> (Letters, Vec<Diagnostic>) {
    let kinds: BTreeSet<ActionKind> = analysis.outcome.actions.iter().map(|a| a.kind).collect();
    Letters::for_kinds(&analysis.templates, |kind| kinds.contains(&kind))
}

/// The calendar of every pending action, with each letter's subject as
/// its template writes it.
pub fn calendar(analysis: &Analysis, letters: &Letters) -> String {
    let apps = Applications::new(analysis);
    let subjects: Vec<Option<String>> = analysis
        .outcome
        .actions
        .par_iter()
        .map(|action| {
            if !action.kind.is_letter() || !letters.can_write(action.kind) {
                return None;
            }
            let (_, context) = apps.letter_context(action, &analysis.config.me)?;
            letters.render(action.kind, context).ok().map(|l| l.subject)
        })
        .collect();
    crate::render::calendar::render(&analysis.outcome, &subjects)
}

/// A file nudge would write is in the way: not nudge's, never overwritten.
fn in_the_way(path: &str, what: &str) -> Diagnostic {
    Diagnostic::whole_file(
        path,
        Severity::Error,
        format!(
            "nudge would write its {what} here, but this file is not nudge's: it is left alone"
        ),
    )
    .with_help("rename or move the file, and run `nudge update` again")
}

/// Turns text from the user into a safe file-name part: lowercase; every
/// character other than a letter, digit, `.`, `_` or `-` becomes `-`; no
/// leading dots (so `..` cannot climb out).
pub fn slug(text: &str) -> String {
    let kept = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-');
    // Most names (handles above all) are already slugs.
    if !text.is_empty()
        && !text.starts_with('.')
        && text.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
    {
        return text.to_owned();
    }
    let s: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if kept(c) { c } else { '-' })
        .collect();
    let trimmed = s.trim_start_matches('.');
    if trimmed.is_empty() {
        "-".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// The draft file of a letter: `<stem>.<action>[-<n>].<handle>.draft.md`
/// beside the application file (relative to the journal, with `/`). Only
/// letters that are overdue or due get one.
pub fn draft_path(action: &Action, today: NaiveDate, horizon_days: u32) -> Option<String> {
    if !action.kind.is_letter()
        || !matches!(
            action.status(today, horizon_days),
            Status::Overdue | Status::Due
        )
    {
        return None;
    }
    let file = action.file.as_deref()?;
    // Built by pushing parts: the JSON of a large journal asks for
    // thousands of these.
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let mut draft = String::with_capacity(stem.len() + 48);
    draft.push_str(stem);
    draft.push('.');
    draft.push_str(action.kind.as_str());
    if action.n >= 2 {
        draft.push('-');
        draft.push_str(&action.n.to_string());
    }
    if let Some(handle) = action.contact_handle() {
        draft.push('.');
        draft.push_str(&slug(handle.as_str()));
    }
    draft.push_str(".draft.md");
    Some(draft)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActionKind, Contact, Handle};

    fn action(kind: ActionKind, n: u32, handle: Option<&str>) -> Action {
        let d = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        let mut a = Action::new(kind, d, d, String::new());
        a.file = Some("apps/black-mesa.md".into());
        a.n = n;
        a.recipient = handle.map(|h| Contact {
            name: "X".into(),
            handle: Handle::new(h),
            email: None,
            title: None,
            role: None,
        });
        a
    }

    #[test]
    fn draft_names_follow_the_spec() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let name = |a: &Action| draft_path(a, today, 14);
        assert_eq!(
            name(&action(ActionKind::ThankYou, 1, Some("vance"))).as_deref(),
            Some("apps/black-mesa.thank-you.vance.draft.md")
        );
        assert_eq!(
            name(&action(ActionKind::FollowUp, 2, Some("kleiner"))).as_deref(),
            Some("apps/black-mesa.follow-up-2.kleiner.draft.md")
        );
        assert_eq!(
            name(&action(ActionKind::Feedback, 1, None)).as_deref(),
            Some("apps/black-mesa.feedback.draft.md")
        );
        assert_eq!(name(&action(ActionKind::Prepare, 1, None)), None);
        let mut later = action(ActionKind::ThankYou, 1, Some("vance"));
        later.due = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        later.deadline = later.due;
        assert_eq!(name(&later), None);
    }

    #[test]
    fn draft_names_from_odd_handles_stay_beside_the_application() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let name = draft_path(&action(ActionKind::ThankYou, 1, Some("..")), today, 14).unwrap();
        assert_eq!(name, "apps/black-mesa.thank-you.-.draft.md");
        let name =
            draft_path(&action(ActionKind::ThankYou, 1, Some(".hidden")), today, 14).unwrap();
        assert_eq!(name, "apps/black-mesa.thank-you.hidden.draft.md");
    }

    /// Every default letter, to every contact of every application of the
    /// sample journal (and to each team), passes the proofreader.
    #[test]
    fn every_default_letter_for_the_sample_journal_is_clean() {
        use crate::model::{EventKind, Trigger};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-journal");
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let analysis = crate::analyse(crate::journal::scan::scan(&root).unwrap(), today);
        let (letters, problems) = Letters::new(&[]);
        assert!(problems.is_empty());
        let config = &analysis.config;
        let speller = Speller::new(
            &analysis.dictionary,
            TrustedWords::new(&analysis.applications, &config.me, None),
            false,
        );
        let mut checked = 0;
        for app in &analysis.applications {
            let interview = app
                .entries
                .iter()
                .rfind(|e| e.kind == EventKind::Interview)
                .map(|e| e.index);
            let recipients = app.contacts.iter().map(Some).chain([None]);
            for recipient in recipients {
                for (kind, _) in letters::DEFAULTS {
                    let d = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
                    let mut a = Action::new(kind, d, d, String::new()).for_application(app);
                    a.recipient = recipient.cloned();
                    a.interview = interview;
                    a.n = 2;
                    a.trigger = Some(Trigger::Offer {
                        company: "Aperture Science".into(),
                        file: "applications/aperture.md".into(),
                        deadline: Some(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
                    });
                    let context = letters::context(&a, app, app.decision_by, &config.me);
                    let letter = letters.render(kind, context).unwrap();
                    let text = draft_of(&a, app, letter).render();
                    let facts = Facts {
                        app,
                        recipient: a.recipient.as_ref(),
                        kind,
                    };
                    let notes = proofread::proofread(&text, &facts, &config.proofread, &speller);
                    assert!(notes.is_empty(), "{}:\n{text}\n{notes:#?}", app.file);
                    checked += 1;
                }
            }
        }
        assert!(checked > 100, "{checked}");
    }

    #[test]
    fn slugs_cannot_escape() {
        assert_eq!(slug("../etc/passwd"), "-etc-passwd");
        assert_eq!(slug("Jean Dupont"), "jean-dupont");
        assert_eq!(slug(".."), "-");
        assert_eq!(slug("o'neil"), "o-neil");
        assert_eq!(slug("kleiner2"), "kleiner2");
        assert_eq!(slug(".kleiner"), "kleiner");
        assert_eq!(slug(""), "-");
    }

    proptest::proptest! {
        /// The shortcut for names that are already slugs gives what the
        /// character-by-character rule gives.
        #[test]
        fn slugs_of_slugs_are_themselves(text in "[a-zA-Z0-9._ /'é-]{0,12}") {
            let long_way: String = text
                .chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c.is_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '-' })
                .collect();
            let long_way = match long_way.trim_start_matches('.') {
                "" => "-".to_owned(),
                rest => rest.to_owned(),
            };
            proptest::prop_assert_eq!(slug(&text), long_way);
        }
    }
}
