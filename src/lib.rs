//! nudge reads a folder of job applications (one markdown file each) and
//! tells the job seeker which follow-up to send, to whom and by when.
//!
//! The work is a pipeline of stages with the disk at both ends:
//! [`journal::scan`] reads the folder; [`journal::parse`] turns each file
//! into an [`model::Application`]; [`infer`] works out states and actions;
//! [`render`] turns them into text. Only the first stage touches the disk.

pub mod cli;
pub mod config;
pub mod diag;
pub mod draft;
pub mod edit;
pub mod infer;
pub mod init;
pub mod journal;
pub mod model;
pub mod plan;
pub mod proofread;
pub mod render;
pub mod write;

mod commands;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rayon::prelude::*;

pub use commands::{Failure, run};
use config::Config;
use diag::Diagnostic;
use infer::Outcome;
use journal::parse::{Parsed, parse_file};
use journal::scan::{Scan, SourceFile};
use model::Application;

/// What a markdown file of the journal turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Application,
    /// An application with errors, left out until fixed.
    Invalid,
    NotApplication,
    Generated,
}

/// Everything nudge works out about a journal.
#[derive(Debug)]
pub struct Analysis {
    pub config: Config,
    /// Valid applications, by file.
    pub applications: Vec<Application>,
    /// Each markdown file read, by relative path, with what it is.
    pub files: Vec<(String, FileKind)>,
    /// The text of every file nudge generated (report, drafts), by path.
    pub generated: BTreeMap<String, String>,
    /// The journal's own letter templates.
    pub templates: Vec<SourceFile>,
    /// Temporary files left by an interrupted run, for `update` to remove.
    pub leftovers: Vec<String>,
    pub outcome: Outcome,
    /// The calendar file as found on disk (read only when `calendar: true`).
    pub calendar_file: journal::scan::Existing,
    /// The text of `words.txt`: the job seeker's words for the spelling check.
    pub words: Option<String>,
    /// The dictionary drafts are spell-checked with (one not built in is
    /// looked for on disk by the commands that proofread).
    pub dictionary: proofread::Dictionary,
    /// Every diagnostic (scan, config, files, lints), sorted by file, line,
    /// column.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// What the file at a journal path is, if nudge read one there.
    pub fn kind_of(&self, rel: &str) -> Option<FileKind> {
        self.files
            .binary_search_by(|(f, _)| f.as_str().cmp(rel))
            .ok()
            .map(|i| self.files[i].1)
    }
}

/// Parses and infers a scanned journal: pure, no disk.
pub fn analyse(scan: Scan, today: NaiveDate) -> Analysis {
    let mut diagnostics = scan.diagnostics;
    let config = match &scan.config {
        Some(text) => {
            let (config, found) = Config::read(text);
            diagnostics.extend(found);
            config
        }
        None => Config::default(),
    };
    let mut applications = Vec::with_capacity(scan.files.len());
    let mut files = Vec::with_capacity(scan.files.len());
    let mut generated = BTreeMap::new();
    // Files are parsed on every core; the results keep the scan's order, so
    // the output does not depend on how the work was shared.
    let parsed: Vec<_> = scan
        .files
        .into_par_iter()
        .map(|source| {
            let parsed = parse_file(&source.rel, &source.text);
            // Only nudge's own files are needed again, as text; the others
            // are freed as soon as they are parsed.
            let text = matches!(parsed.parsed, Parsed::Generated).then_some(source.text);
            (parsed, source.rel, text)
        })
        .collect();
    for (parsed, rel, text) in parsed {
        diagnostics.extend(parsed.diagnostics);
        let kind = match parsed.parsed {
            Parsed::Application(app) => {
                applications.push(*app);
                FileKind::Application
            }
            Parsed::Invalid => FileKind::Invalid,
            Parsed::NotApplication => FileKind::NotApplication,
            Parsed::Generated => {
                generated.insert(rel.clone(), text.unwrap_or_default());
                FileKind::Generated
            }
        };
        files.push((rel, kind));
    }
    let outcome = infer::infer(&applications, &config, today);
    let dictionary = proofread::Dictionary::wanted(config.proofread.dictionary.as_deref());
    diagnostics.extend(outcome.lints.iter().cloned());
    Diagnostic::sort(&mut diagnostics);
    Analysis {
        config,
        applications,
        files,
        generated,
        templates: scan.templates,
        leftovers: scan.leftovers,
        outcome,
        calendar_file: journal::scan::Existing::Absent,
        words: scan.words,
        dictionary,
        diagnostics,
    }
}
