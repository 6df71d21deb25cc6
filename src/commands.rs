//! One function per command: read the journal, analyse it, print. Exit
//! codes are decided here: 0 fine, 1 the journal has errors, 2 (as a
//! [`Failure`]) bad usage or a file system failure.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::cli::{CheckArgs, Cli, ColorWhen, Command, ExplainArgs, StatusArgs};
use crate::diag::{self, Diagnostic, Severity, Styles};
use crate::journal::scan::{self, CONFIG_FILE, ScanError};
use crate::render;
use crate::{Analysis, FileKind, analyse};

/// Why nudge could not do its job at all (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Scan(#[from] ScanError),
    #[error("cannot write the output: {0}")]
    Output(io::Error),
    #[error("{0} does not exist")]
    NoSuchFile(PathBuf),
    #[error("{file} is not inside the journal folder {journal}")]
    OutsideJournal { file: PathBuf, journal: PathBuf },
    #[error(
        "{0} is not part of the journal: nudge skips hidden files, the templates/ folder, symlinks and files not ending in .md"
    )]
    NotInJournal(PathBuf),
    #[error("cannot find the current folder: {0}")]
    CurrentDir(io::Error),
}

const SUCCESS: u8 = 0;
const PROBLEMS: u8 = 1;

/// Runs the command line.
pub fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let choice = match cli.global.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
    let today = cli
        .global
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let quiet = cli.global.quiet;
    let code = match cli.command {
        None => status(&cli.status, today, quiet),
        Some(Command::Status(args)) => status(&args, today, quiet),
        Some(Command::Check(args)) => check(&args, today, quiet),
        Some(Command::Explain(args)) => explain(&args, today),
    }?;
    Ok(ExitCode::from(code))
}

/// Writes to standard output; a closed pipe (`nudge | head`) is not an error.
fn print_out(text: &str) -> Result<(), Failure> {
    write_to(&mut anstream::stdout().lock(), text)
}

fn print_err(text: &str) -> Result<(), Failure> {
    write_to(&mut anstream::stderr().lock(), text)
}

fn write_to(w: &mut impl io::Write, text: &str) -> Result<(), Failure> {
    match w.write_all(text.as_bytes()).and_then(|()| w.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::Output(e)),
        _ => Ok(()),
    }
}

/// Reads and analyses the journal at `dir`.
fn load(dir: &Path, today: NaiveDate) -> Result<Analysis, Failure> {
    Ok(analyse(scan::scan(dir)?, today))
}

/// A journal file's path as the user should see it: relative to where
/// they ran nudge.
fn shown_path(dir: &Path, rel: &str) -> String {
    if dir == Path::new(".") || dir.as_os_str().is_empty() {
        rel.to_owned()
    } else {
        let d = dir.display().to_string();
        format!("{}/{rel}", d.trim_end_matches('/'))
    }
}

/// Renders diagnostics, each with the path as the user sees it.
fn render_diagnostics<'a>(
    dir: &Path,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
) -> String {
    let styles = Styles::coloured();
    let mut out = String::new();
    for d in diagnostics {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&diag::render(d, &shown_path(dir, &d.file), &styles));
    }
    out
}

/// "2 errors and 1 warning".
fn count_line(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let part = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, w) => part(w, "warning"),
        (e, 0) => part(e, "error"),
        (e, w) => format!("{} and {}", part(e, "error"), part(w, "warning")),
    }
}

/// `nudge [DIR]` / `nudge status [DIR] [--json]`.
fn status(args: &StatusArgs, today: NaiveDate, quiet: bool) -> Result<u8, Failure> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let analysis = load(&dir, today)?;
    let horizon = analysis.config.horizon_days;
    if args.json {
        print_out(&render::json::render(
            &analysis.outcome,
            &analysis.diagnostics,
            today,
            horizon,
        ))?;
    } else {
        let errors: Vec<&Diagnostic> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        if !errors.is_empty() {
            // One line per error: `nudge check` shows them in full.
            let styles = Styles::coloured();
            let mut text = String::new();
            for d in &errors {
                let full = diag::render(d, &shown_path(&dir, &d.file), &styles);
                text.push_str(full.lines().next().unwrap_or(""));
                text.push('\n');
            }
            let mut files: Vec<&str> = errors.iter().map(|d| d.file.as_str()).collect();
            files.dedup();
            text.push_str(&format!(
                "nudge: {} left out until fixed — run `nudge check` for details\n\n",
                match files.len() {
                    1 => "1 file with errors is".to_owned(),
                    n => format!("{n} files with errors are"),
                }
            ));
            print_err(&text)?;
        }
        print_out(&render::terminal::status(
            &analysis.outcome,
            today,
            horizon,
            quiet,
        ))?;
        let warnings = analysis.diagnostics.len() - errors.len();
        if warnings > 0 && !quiet {
            print_err(&format!(
                "nudge: {} — run `nudge check` to see {}\n",
                if warnings == 1 {
                    "1 warning".to_owned()
                } else {
                    format!("{warnings} warnings")
                },
                if warnings == 1 { "it" } else { "them" }
            ))?;
        }
    }
    Ok(if analysis.has_errors() {
        PROBLEMS
    } else {
        SUCCESS
    })
}

/// `nudge check [DIR] [--strict]`: silent and 0 when all is well.
fn check(args: &CheckArgs, today: NaiveDate, quiet: bool) -> Result<u8, Failure> {
    let analysis = load(&args.dir, today)?;
    let diagnostics = &analysis.diagnostics;
    if !diagnostics.is_empty() {
        print_out(&render_diagnostics(&args.dir, diagnostics))?;
        if !quiet {
            print_err(&format!("\nnudge: {}\n", count_line(diagnostics)))?;
        }
    }
    let failed = analysis.has_errors() || (args.strict && !diagnostics.is_empty());
    Ok(if failed { PROBLEMS } else { SUCCESS })
}

/// The journal folder a file belongs to: `--journal`, else the nearest
/// folder above it with a `nudge.yaml`, else the current folder if the file
/// is inside it, else the file's folder.
fn journal_of(file: &Path, explicit: Option<&Path>) -> Result<(PathBuf, PathBuf), Failure> {
    let file_abs = file
        .canonicalize()
        .map_err(|_| Failure::NoSuchFile(file.to_owned()))?;
    let parent = file_abs.parent().unwrap_or(Path::new("/")).to_owned();
    let root = match explicit {
        Some(dir) => dir
            .canonicalize()
            .map_err(|_| Failure::NoSuchFile(dir.to_owned()))?,
        None => {
            let with_config = parent
                .ancestors()
                .find(|dir| dir.join(CONFIG_FILE).is_file())
                .map(Path::to_owned);
            match with_config {
                Some(dir) => dir,
                None => {
                    let cwd = std::env::current_dir()
                        .and_then(|d| d.canonicalize())
                        .map_err(Failure::CurrentDir)?;
                    if file_abs.starts_with(&cwd) {
                        cwd
                    } else {
                        parent
                    }
                }
            }
        }
    };
    if !file_abs.starts_with(&root) {
        return Err(Failure::OutsideJournal {
            file: file.to_owned(),
            journal: root,
        });
    }
    Ok((root, file_abs))
}

/// `nudge explain FILE`.
fn explain(args: &ExplainArgs, today: NaiveDate) -> Result<u8, Failure> {
    let (root, file_abs) = journal_of(&args.file, args.journal.as_deref())?;
    let rel = scan::relative(&root, &file_abs);
    let analysis = load(&root, today)?;
    let kind = analysis
        .files
        .iter()
        .find(|(f, _)| *f == rel)
        .map(|(_, k)| *k)
        .ok_or_else(|| Failure::NotInJournal(args.file.clone()))?;
    let shown = args.file.display().to_string();
    let own: Vec<&Diagnostic> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.file == rel)
        .collect();
    let render_own = || {
        let styles = Styles::coloured();
        own.iter()
            .map(|d| diag::render(d, &shown, &styles))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut out = String::new();
    match kind {
        FileKind::Application => {
            let (Some(app), Some(summary)) = (
                analysis.applications.iter().find(|a| a.file == rel),
                analysis.outcome.applications.iter().find(|a| a.file == rel),
            ) else {
                return Err(Failure::NotInJournal(args.file.clone()));
            };
            let actions: Vec<_> = analysis
                .outcome
                .actions
                .iter()
                .filter(|a| a.file.as_deref() == Some(rel.as_str()))
                .collect();
            out.push_str(&render::explain::explain(
                &shown,
                app,
                summary,
                &actions,
                today,
                analysis.config.horizon_days,
            ));
            if !own.is_empty() {
                out.push_str("\nproblems:\n");
                out.push_str(&render_own());
            }
        }
        FileKind::Invalid => {
            out.push_str(&format!(
                "{shown} has errors: nudge leaves it out until they are fixed.\n\n"
            ));
            out.push_str(&render_own());
        }
        FileKind::NotApplication => {
            out.push_str(&format!(
                "{shown} is not an application: its front-matter has no `company` key.\n"
            ));
            if !own.is_empty() {
                out.push('\n');
                out.push_str(&render_own());
            }
        }
        FileKind::Generated => {
            out.push_str(&format!(
                "{shown} was written by nudge (a report or a draft); it is not an application.\n"
            ));
        }
    }
    print_out(&out)?;
    let has_error = own.iter().any(|d| d.severity == Severity::Error);
    Ok(if has_error { PROBLEMS } else { SUCCESS })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_paths_are_relative_to_where_nudge_ran() {
        assert_eq!(shown_path(Path::new("."), "a/b.md"), "a/b.md");
        assert_eq!(shown_path(Path::new("jobs/"), "a.md"), "jobs/a.md");
        assert_eq!(shown_path(Path::new("jobs"), "a.md"), "jobs/a.md");
    }

    #[test]
    fn counts_read_well() {
        let d = |s| Diagnostic::whole_file("a.md", s, "x");
        assert_eq!(count_line(&[d(Severity::Error)]), "1 error");
        assert_eq!(
            count_line(&[
                d(Severity::Error),
                d(Severity::Warning),
                d(Severity::Warning)
            ]),
            "1 error and 2 warnings"
        );
    }
}
