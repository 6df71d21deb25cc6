//! One function per command: read the journal, analyse it, print. Exit
//! codes are decided here: 0 fine, 1 the journal has errors, 2 (as a
//! [`Failure`]) bad usage or a file system failure.

use std::fs;
use std::io;
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::cli::{
    CalendarArgs, CheckArgs, Cli, ColorWhen, Command, CompletionsArgs, ExplainArgs, LogArgs,
    NewArgs, StatusArgs, UpdateArgs,
};
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
    #[error("could not write {done_not} of {total} files; see above")]
    Writes { done_not: usize, total: usize },
    #[error("{0} already exists: nudge new never overwrites a file")]
    Exists(PathBuf),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: crate::write::WriteError,
    },
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("{0} is not an application: its front-matter has no `company` key")]
    NotAnApplication(PathBuf),
    #[error("{0}")]
    Usage(String),
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
        Some(Command::Update(args)) => update(&args, today, quiet),
        Some(Command::New(args)) => new(&args, quiet),
        Some(Command::Log(args)) => log(&args, today, quiet),
        Some(Command::Calendar(args)) => calendar(&args, today),
        Some(Command::Init(args)) => crate::init::run(&args, today, quiet),
        Some(Command::Completions(args)) => completions(&args),
        Some(Command::Man) => man(),
    }?;
    Ok(ExitCode::from(code))
}

/// Writes to standard output; a closed pipe (`nudge | head`) is not an error.
pub(crate) fn print_out(text: &str) -> Result<(), Failure> {
    write_to(&mut anstream::stdout().lock(), text.as_bytes())
}

fn print_err(text: &str) -> Result<(), Failure> {
    write_to(&mut anstream::stderr().lock(), text.as_bytes())
}

/// Writes bytes to standard output as they are (no colour handling).
fn write_bytes(bytes: &[u8]) -> Result<(), Failure> {
    write_to(&mut io::stdout().lock(), bytes)
}

fn write_to(w: &mut impl io::Write, bytes: &[u8]) -> Result<(), Failure> {
    match w.write_all(bytes).and_then(|()| w.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::Output(e)),
        _ => Ok(()),
    }
}

/// Reads and analyses the journal at `dir`.
///
/// The analysis lives until the process exits and is never freed: a large
/// journal is hundreds of thousands of small values, and freeing them one
/// by one costs more (80 ms at 10,000 files) than the system takes to
/// reclaim the whole heap at exit. The same goes for plans.
fn load(dir: &Path, today: NaiveDate) -> Result<ManuallyDrop<Analysis>, Failure> {
    Ok(ManuallyDrop::new(analyse(scan::scan(dir)?, today)))
}

/// A journal file's path as the user should see it: relative to where
/// they ran nudge.
fn shown_path(dir: &Path, rel: &str) -> String {
    let mut shown = shown_prefix(dir);
    shown.push_str(rel);
    shown
}

/// What [`shown_path`] puts before a journal path: the folder as the user
/// named it, with one `/`.
fn shown_prefix(dir: &Path) -> String {
    if dir == Path::new(".") || dir.as_os_str().is_empty() {
        String::new()
    } else {
        let d = dir.display().to_string();
        format!("{}/", d.trim_end_matches('/'))
    }
}

/// One line per planned change: `before`, its verb, `after`, and the path
/// as the user sees it ("would create jobs/a.draft.md").
fn list_changes(dir: &Path, ops: &[crate::plan::FileOp], before: &str, after: &str) -> String {
    let prefix = shown_prefix(dir);
    let mut text = String::with_capacity(ops.len() * (before.len() + prefix.len() + 64));
    for op in ops {
        text.push_str(before);
        text.push_str(op.change.verb());
        text.push_str(after);
        text.push_str(&prefix);
        text.push_str(&op.path);
        text.push('\n');
    }
    text
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

/// Prints errors one line each on standard error (as `status` does).
fn print_errors_briefly<'a>(
    dir: &Path,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
) -> Result<(), Failure> {
    let errors: Vec<&Diagnostic> = diagnostics.into_iter().filter(|d| d.is_error()).collect();
    if errors.is_empty() {
        return Ok(());
    }
    let styles = Styles::coloured();
    let mut text = String::new();
    for d in &errors {
        let full = diag::render(d, &shown_path(dir, &d.file), &styles);
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
    print_err(&text)
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
        let mut out = io::BufWriter::new(io::stdout().lock());
        let written = render::json::write(
            &mut out,
            &analysis.outcome,
            &analysis.diagnostics,
            today,
            horizon,
        )
        .and_then(|()| io::Write::flush(&mut out));
        match written {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(Failure::Output(e)),
            _ => {}
        }
    } else {
        print_errors_briefly(&dir, &analysis.diagnostics)?;
        print_out(&render::terminal::status(
            &analysis.outcome,
            today,
            horizon,
            quiet,
        ))?;
        let warnings = analysis
            .diagnostics
            .iter()
            .filter(|d| !d.is_error())
            .count();
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

/// `nudge check [DIR] [--strict]`: silent and 0 when all is well. Letters
/// are rendered too, so template errors show.
fn check(args: &CheckArgs, today: NaiveDate, quiet: bool) -> Result<u8, Failure> {
    let mut analysis = load(&args.dir, today)?;
    find_dictionary(&mut analysis);
    let mut plan = ManuallyDrop::new(crate::plan::plan_with(
        &analysis,
        today,
        crate::plan::Suggest::Yes,
    ));
    let mut diagnostics = analysis.diagnostics.clone();
    diagnostics.append(&mut plan.diagnostics);
    diagnostics.append(&mut plan.proofread);
    if args.strict {
        for d in &mut diagnostics {
            d.severity = Severity::Error;
        }
    }
    Diagnostic::sort(&mut diagnostics);
    let diagnostics = &diagnostics;
    if !diagnostics.is_empty() {
        print_out(&render_diagnostics(&args.dir, diagnostics))?;
        if !quiet {
            print_err(&format!("\nnudge: {}\n", count_line(diagnostics)))?;
        }
    }
    if let Some(why) = &plan.spelling_not_checked
        && !quiet
    {
        print_err(&format!("nudge: spelling was not checked: {why}\n"))?;
    }
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    Ok(if failed { PROBLEMS } else { SUCCESS })
}

/// Where Hunspell dictionaries are installed: `$DICPATH`, then the usual
/// folders of Linux, macOS and the job seeker's home.
fn dictionary_folders() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::env::var_os("DICPATH")
        .map(|paths| std::env::split_paths(&paths).collect())
        .unwrap_or_default();
    folders.extend(
        [
            "/usr/share/hunspell",
            "/usr/share/myspell",
            "/usr/share/myspell/dicts",
            "/usr/local/share/hunspell",
            "/opt/homebrew/share/hunspell",
            "/Library/Spelling",
        ]
        .map(PathBuf::from),
    );
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        folders.push(home.join(".local/share/hunspell"));
        folders.push(home.join("Library/Spelling"));
    }
    folders
}

/// Reads the dictionary the config names, when it is not the built-in
/// one, from the first folder that has its `.aff` and `.dic`.
fn find_dictionary(analysis: &mut Analysis) {
    let crate::proofread::Dictionary::Missing { name, .. } = &analysis.dictionary else {
        return;
    };
    let name = name.clone();
    let folders = dictionary_folders();
    for folder in &folders {
        let read = |ext: &str| fs::read_to_string(folder.join(format!("{name}.{ext}")));
        if let (Ok(aff), Ok(dic)) = (read("aff"), read("dic")) {
            analysis.dictionary = crate::proofread::Dictionary::Found { name, aff, dic };
            return;
        }
    }
    analysis.dictionary = crate::proofread::Dictionary::Missing {
        name,
        looked_in: folders.iter().map(|f| f.display().to_string()).collect(),
    };
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
    let mut analysis = load(&root, today)?;
    find_dictionary(&mut analysis);
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
        FileKind::Generated if rel == analysis.config.report => {
            out.push_str(&format!(
                "{shown} is nudge's report; `nudge update` writes it.\n"
            ));
        }
        FileKind::Generated => explain_draft(&mut out, &shown, &rel, &analysis, today),
    }
    print_out(&out)?;
    let has_error = own.iter().any(|d| d.severity == Severity::Error);
    Ok(if has_error { PROBLEMS } else { SUCCESS })
}

/// What `explain` says of a draft: whose letter it is, who owns it now,
/// and what the proofreader noticed in it.
fn explain_draft(out: &mut String, shown: &str, rel: &str, analysis: &Analysis, today: NaiveDate) {
    let plan = crate::plan::plan_with(analysis, today, crate::plan::Suggest::Yes);
    let Some(i) = plan.drafts.iter().position(|d| d.as_deref() == Some(rel)) else {
        out.push_str(&format!(
            "{shown} is a draft nudge wrote that is no longer needed: `nudge update` removes \
             it, unless you have edited it.\n"
        ));
        return;
    };
    let action = &analysis.outcome.actions[i];
    let to = action
        .recipient
        .as_ref()
        .map_or_else(String::new, |c| format!(" to {}", c.name));
    out.push_str(&format!(
        "{shown}: the {}{to} for {} ({}), due {}, send by {}.\n",
        render::terminal::action_label(action),
        action.company.as_deref().unwrap_or("your search"),
        action.file.as_deref().unwrap_or(""),
        action.due,
        action.deadline,
    ));
    let edited = analysis
        .generated
        .get(rel)
        .is_some_and(|text| !crate::draft::is_untouched(text));
    out.push_str(if edited {
        "You have edited it, so nudge leaves it as it is.\n"
    } else {
        "nudge wrote it and keeps it up to date until you edit it.\n"
    });
    let notes: Vec<&Diagnostic> = plan.proofread.iter().filter(|d| d.file == rel).collect();
    if notes.is_empty() {
        out.push_str("\nproofread: no notes\n");
    } else {
        // All the notes are counted; the first hundred are shown, and one
        // more says how many are not.
        out.push_str(&format!(
            "\nproofread: {}\n\n",
            crate::proofread::count(plan.notes[i])
        ));
        let styles = Styles::coloured();
        let rendered: Vec<String> = notes
            .iter()
            .map(|d| diag::render(d, shown, &styles))
            .collect();
        out.push_str(&rendered.join("\n"));
    }
    if let Some(why) = &plan.spelling_not_checked {
        out.push_str(&format!("\nspelling was not checked: {why}\n"));
    }
}

/// `nudge update [DIR] [--check]`: the report and the drafts.
fn update(args: &UpdateArgs, today: NaiveDate, quiet: bool) -> Result<u8, Failure> {
    let mut analysis = load(&args.dir, today)?;
    // Only `update` writes the calendar, so only it looks at the file.
    let calendar_path = analysis
        .config
        .calendar
        .then(|| analysis.config.calendar_path());
    if let Some(path) = &calendar_path {
        analysis.calendar_file =
            scan::read_generated(&args.dir, path, crate::render::calendar::is_calendar);
    }
    find_dictionary(&mut analysis);
    let plan = ManuallyDrop::new(crate::plan::plan(&analysis, today));
    // Only errors are shown here: they are sorted as references, not
    // copied with every warning.
    let mut errors: Vec<&Diagnostic> = (analysis.diagnostics.iter())
        .chain(&plan.diagnostics)
        .filter(|d| d.is_error())
        .collect();
    errors.sort_by(|a, b| Diagnostic::order(a, b));
    print_errors_briefly(&args.dir, errors.iter().copied())?;
    let has_errors = !errors.is_empty();
    let mut letters = match plan.letters_now {
        1 => "1 letter to send now".to_owned(),
        n => format!("{n} letters to send now"),
    };
    match plan.notes.iter().sum() {
        0 => {}
        n => letters.push_str(&format!(
            " (proofread: {} — `nudge check` shows {})",
            crate::proofread::count(n),
            if n == 1 { "it" } else { "them" }
        )),
    }
    if args.check {
        let mut text = list_changes(&args.dir, &plan.ops, "would ", " ");
        if plan.ops.is_empty() && !quiet {
            text.push_str(&format!("nudge: up to date — {letters}\n"));
        }
        print_out(&text)?;
        return Ok(if plan.ops.is_empty() && !has_errors {
            SUCCESS
        } else {
            PROBLEMS
        });
    }
    let mut counts = [0usize; 4];
    let mut failed = 0;
    let mut report_written = false;
    let mut calendar_written = false;
    for op in &plan.ops {
        match crate::write::apply(&args.dir, op) {
            Ok(()) => {
                let slot = match op.change {
                    crate::plan::Change::Create(_) => 0,
                    crate::plan::Change::Update(_) => 1,
                    crate::plan::Change::Remove => 2,
                    crate::plan::Change::RemoveLeftover => 3,
                };
                if op.path == analysis.config.report {
                    report_written = true;
                } else if calendar_path.as_ref() == Some(&op.path) {
                    calendar_written = true;
                } else {
                    counts[slot] += 1;
                }
            }
            Err(e) => {
                failed += 1;
                print_err(&format!(
                    "nudge: error: cannot write {}: {e}\n",
                    shown_path(&args.dir, &op.path)
                ))?;
            }
        }
    }
    if !quiet {
        let mut done = Vec::new();
        if report_written {
            done.push(format!(
                "wrote {}",
                shown_path(&args.dir, &analysis.config.report)
            ));
        }
        if let Some(path) = calendar_path.as_ref().filter(|_| calendar_written) {
            done.push(format!("wrote {}", shown_path(&args.dir, path)));
        }
        for (n, what) in counts.iter().zip(["created", "updated", "removed"]) {
            if *n > 0 {
                done.push(format!(
                    "{what} {n} draft{}",
                    if *n == 1 { "" } else { "s" }
                ));
            }
        }
        if counts[3] > 0 {
            done.push(format!(
                "removed {} leftover temporary file{}",
                counts[3],
                if counts[3] == 1 { "" } else { "s" }
            ));
        }
        let done = if done.is_empty() {
            "up to date".to_owned()
        } else {
            done.join(", ")
        };
        print_out(&format!("nudge: {done} — {letters}\n"))?;
    }
    if failed > 0 {
        return Err(Failure::Writes {
            done_not: failed,
            total: plan.ops.len(),
        });
    }
    if args.fail_on_change && !plan.ops.is_empty() {
        let text = format!(
            "nudge: update changed these files; review them, `git add` them, and commit again:\n{}",
            list_changes(&args.dir, &plan.ops, "  ", "d ")
        );
        print_err(&text)?;
        return Ok(PROBLEMS);
    }
    Ok(if has_errors { PROBLEMS } else { SUCCESS })
}

/// `nudge calendar [DIR]`: the calendar on standard output.
fn calendar(args: &CalendarArgs, today: NaiveDate) -> Result<u8, Failure> {
    let analysis = load(&args.dir, today)?;
    print_errors_briefly(&args.dir, &analysis.diagnostics)?;
    let (letters, _) = crate::plan::letters_for(&analysis);
    print_out(&crate::plan::calendar(&analysis, &letters))?;
    Ok(if analysis.has_errors() {
        PROBLEMS
    } else {
        SUCCESS
    })
}

/// `nudge completions SHELL`.
fn completions(args: &CompletionsArgs) -> Result<u8, Failure> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "nudge", &mut out);
    write_bytes(&out)?;
    Ok(SUCCESS)
}

/// `nudge man`: the manual page nudge(1), with every command and its
/// options.
fn man() -> Result<u8, Failure> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(Failure::Output)?;
    // clap_mangen lists the commands by name; each gets its own section
    // here, with what it does, its arguments and its examples.
    for sub in Cli::command().get_subcommands_mut() {
        out.extend_from_slice(command_section(sub).as_bytes());
    }
    write_bytes(&out)?;
    Ok(SUCCESS)
}

/// Text for roff: backslashes doubled, no line starting with a control
/// character.
fn roff(text: &str) -> String {
    text.replace('\\', "\\e")
        .lines()
        .map(|l| {
            if l.starts_with(['.', '\'']) {
                format!("\\&{l}")
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A manual section for one command.
fn command_section(cmd: &mut clap::Command) -> String {
    let name = cmd.get_name().to_owned();
    let usage = cmd.render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ");
    let mut out = format!(".SH \"NUDGE {}\"\n", name.to_uppercase());
    out.push_str(&format!(
        ".B {}\n",
        roff(&format!("nudge {usage}").replace("nudge nudge", "nudge"))
    ));
    if let Some(about) = cmd.get_long_about().or(cmd.get_about()) {
        out.push_str(&format!(".PP\n{}\n", roff(&about.to_string())));
    }
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let label = match (arg.get_short(), arg.get_long()) {
            (Some(s), Some(l)) => format!("-{s}, --{l}"),
            (None, Some(l)) => format!("--{l}"),
            (Some(s), None) => format!("-{s}"),
            (None, None) => format!(
                "<{}>",
                arg.get_value_names()
                    .and_then(|v| v.first())
                    .map_or_else(|| arg.get_id().to_string(), ToString::to_string)
            ),
        };
        let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", roff(&label), roff(&help)));
    }
    if let Some(after) = cmd.get_after_help() {
        out.push_str(&format!(".PP\n.nf\n{}\n.fi\n", roff(&after.to_string())));
    }
    out
}

/// `nudge new COMPANY [--position P] [DIR]`.
fn new(args: &NewArgs, quiet: bool) -> Result<u8, Failure> {
    let company = args.company.trim();
    if company.is_empty() {
        return Err(Failure::Usage("the company's name is empty".to_owned()));
    }
    if !args.dir.is_dir() {
        return Err(Failure::Scan(ScanError::Missing(args.dir.clone())));
    }
    let name = crate::edit::application_file_name(company);
    let path = args.dir.join(&name);
    let shown = shown_path(&args.dir, &name);
    if fs::symlink_metadata(&path).is_ok() {
        return Err(Failure::Exists(shown.into()));
    }
    let text = crate::edit::new_application(company, args.position.as_deref().map(str::trim));
    crate::write::create_new(&path, text.as_bytes()).map_err(|source| match source {
        crate::write::WriteError::Appeared => Failure::Exists(shown.clone().into()),
        source => Failure::Write {
            path: path.clone(),
            source,
        },
    })?;
    if !quiet {
        print_out(&format!(
            "nudge: created {shown} — add its contacts, then log what happens:\n  nudge log {shown} \"Applied through the careers page\"\n"
        ))?;
    }
    Ok(SUCCESS)
}

/// `nudge log FILE TEXT... [--date D]`: one more entry, nothing else
/// changed, written atomically.
fn log(args: &LogArgs, today: NaiveDate, quiet: bool) -> Result<u8, Failure> {
    let entry = args.text.join(" ");
    let entry = entry.trim();
    if entry.is_empty() || entry.contains(['\n', '\r']) {
        return Err(Failure::Usage(
            "the entry's text must be one non-empty line".to_owned(),
        ));
    }
    let path = &args.file;
    let meta = fs::symlink_metadata(path).map_err(|_| Failure::NoSuchFile(path.clone()))?;
    if meta.file_type().is_symlink() {
        return Err(Failure::Usage(format!(
            "{} is a symlink: nudge log does not write through symlinks",
            path.display()
        )));
    }
    let bytes = fs::read(path).map_err(|source| Failure::Read {
        path: path.clone(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::Usage(format!(
            "{} is not valid UTF-8; run `nudge check`",
            path.display()
        ))
    })?;
    let stripped = crate::journal::front_matter::strip_bom(&text);
    let bom = text.len() - stripped.len();
    let body_offset = match crate::journal::front_matter::split(stripped) {
        crate::journal::front_matter::FrontMatter::Present(split) => split.body_offset + bom,
        _ => return Err(Failure::NotAnApplication(path.clone())),
    };
    let shown = path.display().to_string();
    match crate::journal::parse::parse_file(&shown, &text).parsed {
        crate::journal::parse::Parsed::Application(_) | crate::journal::parse::Parsed::Invalid => {}
        _ => return Err(Failure::NotAnApplication(path.clone())),
    }
    let date = args.date.unwrap_or(today).to_string();
    let (new_text, line) = crate::edit::append_entry(&text, body_offset, &date, entry);
    crate::write::replace_if(path, new_text.as_bytes(), |current| {
        current == text.as_bytes()
    })
    .map_err(|source| Failure::Write {
        path: path.clone(),
        source,
    })?;
    // Say how nudge reads the new entry, and what it thinks of it.
    let parsed = crate::journal::parse::parse_file(&shown, &new_text);
    if !quiet {
        let how = match &parsed.parsed {
            crate::journal::parse::Parsed::Application(app) => app
                .entries
                .iter()
                .find(|e| e.line == line)
                .map(|e| format!(" — read as {} ({})", e.kind.as_str(), e.reason)),
            _ => None,
        }
        .unwrap_or_default();
        print_out(&format!(
            "nudge: logged {shown}:{line}: {date} {entry}{how}\n"
        ))?;
    }
    let about_entry: Vec<&Diagnostic> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.line == line)
        .collect();
    if !about_entry.is_empty() {
        let styles = Styles::coloured();
        let text: Vec<String> = about_entry
            .iter()
            .map(|d| diag::render(d, &shown, &styles))
            .collect();
        print_err(&text.join("\n"))?;
    }
    Ok(if about_entry.iter().any(|d| d.is_error()) {
        PROBLEMS
    } else {
        SUCCESS
    })
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
