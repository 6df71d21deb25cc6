//! `nudge init [DIR]`: a new journal, ready to fill in — `nudge.yaml` with
//! every setting at its default and a word on each, an example
//! application, the default letters in `templates/` to edit, and a
//! pre-commit configuration. Like `mdbook init`, it creates only what is
//! missing and never overwrites a file.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};

use crate::cli::InitArgs;
use crate::commands::Failure;
use crate::config::{Config, Rules};
use crate::journal::scan::{CONFIG_FILE, TEMPLATES_DIR};
use crate::render::letters::DEFAULTS;

/// The example application's file name.
pub const EXAMPLE_FILE: &str = "example-corp.md";

/// The pre-commit configuration's file name.
pub const PRE_COMMIT_FILE: &str = ".pre-commit-config.yaml";

/// What each setting means, in the order `nudge.yaml` lists them.
const RULE_NOTES: [(&str, &str); 17] = [
    (
        "thank_you_deadline_days",
        "a thank-you is due on the interview day, to send within this many days",
    ),
    (
        "thank_you_expires_days",
        "after this many days a thank-you is no longer suggested",
    ),
    (
        "prepare_days",
        "a reminder to prepare, this many days before an interview",
    ),
    (
        "check_in_after_days",
        "no reply this many days after applying: check in",
    ),
    ("max_check_ins", "at most this many check-ins"),
    (
        "follow_up_after_decision_days",
        "follow up this many days after the date they said they would decide",
    ),
    (
        "follow_up_without_date_days",
        "... or this many days after the interview, when they gave no date",
    ),
    (
        "follow_up_spacing_days",
        "days between one follow-up and the next",
    ),
    ("max_follow_ups", "at most this many follow-ups"),
    (
        "move_on_after_days",
        "after the last follow-up, silence for this many days means no response",
    ),
    (
        "update_deadline_days",
        "tell the others about an offer or news within this many days",
    ),
    (
        "feedback_deadline_days",
        "ask for feedback within this many days of a rejection",
    ),
    (
        "feedback_expires_days",
        "after this many days feedback is no longer suggested",
    ),
    (
        "keep_in_touch_after_days",
        "keep in touch (keep_in_touch: true) every this many days ...",
    ),
    (
        "keep_in_touch_deadline_days",
        "... and at the latest after this many",
    ),
    (
        "withdraw_deadline_days",
        "after accepting an offer, withdraw the others within this many days",
    ),
    (
        "apply_gap_days",
        "no new application for this many days: a reminder to keep applying",
    ),
];

/// `nudge.yaml` with every key at its default, each with a comment.
pub fn config_text() -> String {
    let defaults = Config::default();
    let mut text = String::from(
        "# The settings of this journal. Every key is optional: the values below\n\
         # are nudge's defaults, so delete what you do not change.\n\
         \n\
         # You, for the letters: templates see each key as {{me.<key>}}.\n\
         me:\n\
         \x20 # name: Your Name\n\
         \x20 # email: you@example.org\n\
         \x20 # phone: \"+1 555 0100\"\n\
         \n\
         # The report `nudge update` writes, relative to this folder.\n",
    );
    text.push_str(&format!("report: {}\n\n", defaults.report));
    text.push_str("# How many days ahead \"Coming up\" looks.\n");
    text.push_str(&format!("horizon_days: {}\n\n", defaults.horizon_days));
    text.push_str(
        "# true: `nudge update` also writes the calendar FOLLOW-UPS.ics beside the\n\
         # report (or run `nudge calendar`).\n",
    );
    text.push_str(&format!("calendar: {}\n\n", defaults.calendar));
    text.push_str("# When each note is due, in days, and how many to send.\nrules:\n");
    let mut rules = Rules::default();
    for ((key, value), (noted, note)) in rules.fields().into_iter().zip(RULE_NOTES) {
        debug_assert_eq!(key, noted);
        text.push_str(&format!("  # {note}\n  {key}: {value}\n"));
    }
    let proofread = defaults.proofread;
    text.push_str(&format!(
        "\n# How `nudge check` proofreads the drafts. A personal word list goes in\n\
         # words.txt beside this file, one word per line.\n\
         proofread:\n\
         \x20 # The Hunspell dictionary for spelling: en_US is built in; another name\n\
         \x20 # (en_GB, de_DE, ...) is looked for on this computer; false skips spelling.\n\
         \x20 dictionary: {}\n\
         \x20 # The longest thank-you, in words.\n\
         \x20 thank_you_max_words: {}\n\
         \x20 # The longest follow-up, in paragraphs.\n\
         \x20 follow_up_max_paragraphs: {}\n",
        proofread.dictionary.as_deref().unwrap_or("false"),
        proofread.thank_you_max_words,
        proofread.follow_up_max_paragraphs,
    ));
    text
}

/// The example application, dated around `today` so that it shows a
/// thank-you due now and a follow-up to come.
pub fn example_text(today: NaiveDate) -> String {
    let ago = |n: u64| today.checked_sub_days(Days::new(n)).unwrap_or(today);
    let ahead = |n: u64| today.checked_add_days(Days::new(n)).unwrap_or(today);
    format!(
        "---\n\
         company: Example Corp\n\
         position: Software Engineer\n\
         link: https://example.com/jobs/123\n\
         priority: normal              # dream | high | normal | low\n\
         contacts:\n\
         \x20 - name: Jordan Lee          # mentioned in the log as @lee\n\
         \x20   title: Engineering Manager\n\
         \x20   role: hiring-manager       # hiring-manager | interviewer | recruiter | hr\n\
         \x20   email: jordan.lee@example.com\n\
         ---\n\
         \n\
         An example of an application file: one per application, with a dated\n\
         log. Delete it once you have your own (`nudge new \"Company\"`).\n\
         \n\
         ## Log\n\
         \n\
         - {applied} Applied through the careers page\n\
         - {interview} Phone interview with @lee; they will decide by {decide}\n\
         \x20 - Jordan asked about the data migration I led\n\
         \x20 - The team of six ships every week\n",
        applied = ago(9),
        interview = ago(1),
        decide = ahead(6),
    )
}

/// The pre-commit configuration: check the journal, and keep the report
/// and drafts up to date, before every commit. `journal` is the journal's
/// folder relative to the repository (`.` when they are the same).
pub fn pre_commit_text(journal: &str) -> String {
    let args = if journal == "." {
        String::new()
    } else {
        format!(
            "        args: [{}]\n",
            serde_json::to_string(journal).unwrap_or_default()
        )
    };
    format!(
        "# pre-commit (https://pre-commit.com) runs nudge before every commit:\n\
         # run `pre-commit install` once in this repository. These hooks call the\n\
         # `nudge` on your PATH (`cargo install` it first).\n\
         repos:\n\
         \x20 - repo: local\n\
         \x20   hooks:\n\
         \x20     - id: nudge-check\n\
         \x20       name: nudge check (no errors in the journal)\n\
         \x20       entry: nudge check\n\
         \x20       language: system\n\
         \x20       pass_filenames: false\n\
         \x20       require_serial: true\n\
         \x20       always_run: true\n\
         {args}\
         \x20     - id: nudge-update\n\
         \x20       name: nudge update (report and drafts up to date)\n\
         \x20       entry: nudge update --fail-on-change\n\
         \x20       language: system\n\
         \x20       pass_filenames: false\n\
         \x20       require_serial: true\n\
         \x20       always_run: true\n\
         {args}"
    )
}

/// The git repository's top folder above `dir`, if `dir` is in one.
fn git_root(dir: &Path) -> Option<PathBuf> {
    let dir = dir.canonicalize().ok()?;
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_owned)
}

/// Every file `init` writes, relative to the journal, with its text.
/// The pre-commit configuration is left out when the journal is a folder
/// inside a larger repository (it belongs at the repository's top, which
/// is not nudge's to write): `init` prints it instead.
fn files(today: NaiveDate, pre_commit_here: bool) -> Vec<(String, String)> {
    let mut files = vec![
        (CONFIG_FILE.to_owned(), config_text()),
        (EXAMPLE_FILE.to_owned(), example_text(today)),
    ];
    for (kind, text) in DEFAULTS {
        files.push((
            format!("{TEMPLATES_DIR}/{}.hbs", kind.as_str()),
            text.to_owned(),
        ));
    }
    if pre_commit_here {
        files.push((PRE_COMMIT_FILE.to_owned(), pre_commit_text(".")));
    }
    files
}

/// Runs `nudge init`.
pub fn run(args: &InitArgs, today: NaiveDate, quiet: bool) -> Result<u8, Failure> {
    let dir = &args.dir;
    fs::create_dir_all(dir.join(TEMPLATES_DIR)).map_err(|source| Failure::Write {
        path: dir.join(TEMPLATES_DIR),
        source: source.into(),
    })?;
    // Where the journal sits in its repository, for the hooks' argument.
    let in_repo = git_root(dir).and_then(|root| {
        let here = dir.canonicalize().ok()?;
        let rel = here.strip_prefix(&root).ok()?;
        Some(if rel.as_os_str().is_empty() {
            ".".to_owned()
        } else {
            rel.to_string_lossy().replace('\\', "/")
        })
    });
    let pre_commit_here = in_repo.as_deref().is_none_or(|rel| rel == ".");
    let mut created = Vec::new();
    let mut kept = Vec::new();
    for (rel, text) in files(today, pre_commit_here) {
        let path = dir.join(&rel);
        if fs::symlink_metadata(&path).is_ok() {
            kept.push(rel);
            continue;
        }
        match crate::write::create_new(&path, text.as_bytes()) {
            Ok(()) => created.push(rel),
            Err(crate::write::WriteError::Appeared) => kept.push(rel),
            Err(source) => return Err(Failure::Write { path, source }),
        }
    }
    if !quiet {
        let mut out = String::new();
        let shown = dir.display();
        if created.is_empty() {
            out.push_str(&format!(
                "nudge: {shown} already has every file init writes; nothing changed\n"
            ));
        } else {
            if dir == Path::new(".") {
                out.push_str("nudge: created:\n");
            } else {
                out.push_str(&format!("nudge: created in {shown}:\n"));
            }
            for rel in &created {
                out.push_str(&format!("  {rel}\n"));
            }
        }
        if !kept.is_empty() && !created.is_empty() {
            out.push_str("kept as they were (already there):\n");
            for rel in &kept {
                out.push_str(&format!("  {rel}\n"));
            }
        }
        if let Some(rel) = in_repo.as_deref().filter(|rel| *rel != ".") {
            out.push_str(&format!(
                "\nThe journal is inside a git repository; to check it before every commit,\n\
                 add this to the {PRE_COMMIT_FILE} at the repository's top folder:\n\n{}",
                pre_commit_text(rel)
            ));
        }
        out.push_str(
            "\nNext: put your name under `me:` in nudge.yaml, add an application with\n\
             `nudge new \"Company\"`, then run `nudge` to see what to send.\n",
        );
        crate::commands::print_out(&out)?;
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_init_writes_is_the_default_config() {
        let text = config_text();
        let (config, diagnostics) = Config::read(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(config, Config::default());
        for key in crate::config::KEYS
            .iter()
            .chain(Rules::keys().iter())
            .chain(crate::config::PROOFREAD_KEYS.iter())
        {
            assert!(
                text.lines()
                    .any(|l| l.trim_start().starts_with(&format!("{key}:"))),
                "{key} is missing"
            );
        }
    }

    #[test]
    fn rule_notes_follow_the_rules() {
        let keys: Vec<&str> = RULE_NOTES.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, Rules::keys());
    }

    #[test]
    fn the_example_is_a_valid_application_with_work_to_do() {
        let today: NaiveDate = "2026-11-22".parse().unwrap();
        let parsed = crate::journal::parse::parse_file(EXAMPLE_FILE, &example_text(today));
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let crate::journal::parse::Parsed::Application(app) = parsed.parsed else {
            panic!("not an application");
        };
        let outcome = crate::infer::infer(&[*app], &Config::default(), today);
        assert!(outcome.lints.is_empty(), "{:?}", outcome.lints);
        let kinds: Vec<&str> = outcome.actions.iter().map(|a| a.kind.as_str()).collect();
        assert!(kinds.contains(&"thank-you"), "{kinds:?}");
        assert!(kinds.contains(&"follow-up"), "{kinds:?}");
    }

    #[test]
    fn pre_commit_hooks_point_at_the_journal() {
        assert!(!pre_commit_text(".").contains("args"));
        let nested = pre_commit_text("jobs/2026");
        assert_eq!(nested.matches("        args: [\"jobs/2026\"]\n").count(), 2);
    }
}
