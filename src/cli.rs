//! The command line: options, commands and their help texts.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Tells you which follow-up note to send, to whom, and by when.
///
/// nudge reads a folder of job applications (one markdown file each, with a
/// dated log) and works out where each stands: thank-you notes owed,
/// follow-ups due, interviews to prepare for.
///
/// Exit codes: 0 all is well; 1 the journal has errors; 2 bad usage or a
/// file system failure.
#[derive(Debug, Parser)]
#[command(
    name = "nudge",
    version,
    override_usage = "nudge [OPTIONS] [DIR]\n       nudge [OPTIONS] <COMMAND>",
    after_help = "Examples:\n  nudge init ~/jobs          start a journal\n  nudge                      what to do, for the journal in this folder\n  nudge ~/jobs --json        the same for ~/jobs, for scripts\n  nudge update               write FOLLOW-UPS.md and the letters' drafts\n  nudge check                validate every file\n  nudge explain acme.md      how nudge reads one application"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// With no command: `status` of this journal.
    #[command(flatten)]
    pub status: StatusArgs,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// The date to plan for, instead of the local date.
    #[arg(long, global = true, env = "NUDGE_TODAY", value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,

    /// When to colour the output (`auto` honours NO_COLOR and terminals).
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Print less: no hints, no summaries, only what was asked for.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// When to use colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// What to do: overdue, due and upcoming actions (the default command).
    ///
    /// Read-only.
    #[command(
        after_help = "Examples:\n  nudge status                 this folder's journal\n  nudge status ~/jobs --json   for scripts (format in the README)\n  nudge --today 2026-12-01     as it will look on that day"
    )]
    Status(StatusArgs),

    /// Validate every file of the journal; silent when all is well.
    ///
    /// Prints each problem as `file:line:col: error: ...` with the line and
    /// a caret, and exits 1 on any error (with --strict, on warnings too).
    #[command(
        after_help = "Examples:\n  nudge check                  validate this folder's journal\n  nudge check --strict ~/jobs  fail on warnings too (for CI)"
    )]
    Check(CheckArgs),

    /// Write the report and a draft of every letter that is due (the main
    /// job).
    ///
    /// Writes FOLLOW-UPS.md and, beside each application, a draft for each
    /// overdue or due letter; removes its own untouched drafts that are no
    /// longer needed. Never touches a file it did not write or that you
    /// edited. With `calendar: true` in nudge.yaml, also FOLLOW-UPS.ics.
    #[command(
        after_help = "Examples:\n  nudge update                     write the report and drafts\n  nudge update --check             say what would change, write nothing\n  nudge update --fail-on-change    write, and exit 1 if anything changed (pre-commit)"
    )]
    Update(UpdateArgs),

    /// Show how nudge reads one application: each entry's kind and why,
    /// mentions and dates, then its state and pending actions.
    #[command(
        after_help = "Examples:\n  nudge explain black-mesa.md\n  nudge explain ~/jobs/2026/acme.md --journal ~/jobs"
    )]
    Explain(ExplainArgs),

    /// Create a new application file, named after the company.
    ///
    /// Never overwrites a file.
    #[command(
        after_help = "Examples:\n  nudge new \"Black Mesa\" --position \"Head Researcher\"\n  nudge new Aperture ~/jobs/2026"
    )]
    New(NewArgs),

    /// Add a dated entry to an application's log, changing nothing else.
    ///
    /// Quote the text, or the shell reads `#tags` as comments.
    #[command(
        after_help = "Examples:\n  nudge log black-mesa.md \"Sent thank-you to @vance #thanks\"\n  nudge log black-mesa.md \"Phone screen with @kleiner\" --date 2026-11-20"
    )]
    Log(LogArgs),

    /// Print every pending action as an iCalendar file, for a calendar app.
    ///
    /// One all-day event per action, from its due date to its deadline,
    /// with the letter's subject and recipient. Each event keeps its UID
    /// from run to run, so importing again updates instead of duplicating.
    #[command(
        after_help = "Examples:\n  nudge calendar > follow-ups.ics    then import it into your calendar\n  (or set `calendar: true` in nudge.yaml: `nudge update` writes FOLLOW-UPS.ics)"
    )]
    Calendar(CalendarArgs),

    /// Start a journal: nudge.yaml, an example application, the letter
    /// templates to edit, and a pre-commit configuration.
    ///
    /// Creates only what is missing; never overwrites a file.
    #[command(
        after_help = "Examples:\n  nudge init                 in this folder\n  nudge init ~/jobs          in ~/jobs (created if needed)"
    )]
    Init(InitArgs),

    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  nudge completions bash > ~/.local/share/bash-completion/completions/nudge\n  nudge completions zsh > ~/.zfunc/_nudge\n  nudge completions fish > ~/.config/fish/completions/nudge.fish\n  nudge completions powershell >> $PROFILE"
    )]
    Completions(CompletionsArgs),

    /// Print the manual page (roff).
    #[command(
        after_help = "Examples:\n  nudge man > ~/.local/share/man/man1/nudge.1 && man nudge\n  nudge man | man -l -"
    )]
    Man,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The journal folder.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder for the journal (created if it does not exist).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_name = "SHELL", value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The journal folder.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    /// Write nothing; exit 1 if anything would change.
    #[arg(long, conflicts_with = "fail_on_change")]
    pub check: bool,

    /// Write, then exit 1 if any file was created, changed or removed (for
    /// pre-commit hooks: new drafts are untracked files, which a hook's own
    /// diff check does not see).
    #[arg(long)]
    pub fail_on_change: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The company's name.
    #[arg(value_name = "COMPANY")]
    pub company: String,

    /// The position applied for.
    #[arg(long, value_name = "POSITION")]
    pub position: Option<String>,

    /// The folder to create the file in.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The application file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// What happened (words are joined by spaces).
    #[arg(value_name = "TEXT", required = true)]
    pub text: Vec<String>,

    /// The entry's date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Default, Args)]
pub struct StatusArgs {
    /// The journal folder [default: .]
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Print the machine-readable JSON instead.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The journal folder.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The application file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The journal folder the file belongs to (default: the nearest folder
    /// above the file with a nudge.yaml, else the current folder if the file
    /// is inside it, else the file's folder).
    #[arg(long, value_name = "DIR")]
    pub journal: Option<PathBuf>,
}

/// Parses `YYYY-MM-DD`.
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|_| s.len() == 10)
        .ok_or_else(|| format!("'{s}' is not a date written YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2026-11-22").is_ok());
        assert!(parse_date("2026-11-2").is_err());
        assert!(parse_date("2026-02-30").is_err());
    }
}
