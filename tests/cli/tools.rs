//! How nudge fits the tools around it: git hooks, calendars, mail
//! programs, shells and `man`, and `nudge init`.

use std::fs;
use std::path::Path;
use std::process::Command;

use icalendar::{Calendar, Component};

use super::{TODAY, changed, copy_of, nudge_in, output, tree, update};

/// Every command of nudge.
const COMMANDS: [&str; 10] = [
    "status",
    "check",
    "update",
    "explain",
    "new",
    "log",
    "calendar",
    "init",
    "completions",
    "man",
];

/// `git` in `dir`, with an identity and no user or system configuration,
/// so the test does not depend on the machine's.
fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Job Seeker")
        .env("GIT_AUTHOR_EMAIL", "seeker@example.org")
        .env("GIT_COMMITTER_NAME", "Job Seeker")
        .env("GIT_COMMITTER_EMAIL", "seeker@example.org")
        .env("NUDGE_TODAY", TODAY)
        .args(args)
        .output()
        .expect("git runs")
}

#[test]
fn a_plain_git_hook_stops_bad_commits_and_lets_good_ones_through() {
    let dir = copy_of("journey");
    let root = dir.path();
    assert!(git(root, &["init", "-q"]).status.success());
    // The hook of the README, calling the binary under test.
    let nudge = env!("CARGO_BIN_EXE_nudge");
    let hook = root.join(".git/hooks/pre-commit");
    fs::write(
        &hook,
        format!("#!/bin/sh\nset -e\n'{nudge}' check\n'{nudge}' update --fail-on-change\n"),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    }
    // A broken application: the commit is refused.
    let bad = root.join("applications/broken.md");
    fs::write(
        &bad,
        "---\ncompany: Broken Co\npriority: urgent\n---\n## Log\n",
    )
    .unwrap();
    git(root, &["add", "-A"]);
    let commit = git(root, &["commit", "-q", "-m", "Add applications"]);
    let said = String::from_utf8_lossy(&commit.stderr);
    assert!(!commit.status.success(), "a broken journal was committed");
    assert!(
        said.contains("applications/broken.md:3:11: error: unknown priority 'urgent'"),
        "{said}"
    );
    // Fixed: now the report and drafts are written, and the commit stops
    // once more so that they can be reviewed and added.
    fs::write(
        &bad,
        "---\ncompany: Broken Co\npriority: high\n---\n## Log\n",
    )
    .unwrap();
    git(root, &["add", "-A"]);
    let commit = git(root, &["commit", "-q", "-m", "Add applications"]);
    let said = String::from_utf8_lossy(&commit.stderr);
    assert!(!commit.status.success(), "new drafts went uncommitted");
    assert!(said.contains("created FOLLOW-UPS.md"), "{said}");
    assert!(
        said.contains("created applications/black-mesa.thank-you.vance.draft.md"),
        "{said}"
    );
    // Added: the commit goes through, and leaves nothing behind.
    git(root, &["add", "-A"]);
    let commit = git(root, &["commit", "-q", "-m", "Add applications"]);
    assert!(
        commit.status.success(),
        "{}",
        String::from_utf8_lossy(&commit.stderr)
    );
    let status = git(root, &["status", "--porcelain"]);
    assert_eq!(String::from_utf8_lossy(&status.stdout), "");
}

#[test]
fn fail_on_change_writes_and_fails_only_when_something_changed() {
    let dir = copy_of("journey");
    let first = update(dir.path(), &["--fail-on-change"]);
    assert_eq!(first.code, 1, "{}", first.stderr);
    assert!(
        first.stderr.contains("  created FOLLOW-UPS.md\n"),
        "{}",
        first.stderr
    );
    let written = tree(dir.path());
    assert!(written.contains_key("FOLLOW-UPS.md"));
    let second = update(dir.path(), &["--fail-on-change"]);
    assert_eq!((second.code, second.stderr.as_str()), (0, ""));
    assert!(changed(&written, &tree(dir.path())).is_empty());
    let both = update(dir.path(), &["--fail-on-change", "--check"]);
    assert_eq!(both.code, 2, "the two options contradict each other");
}

#[test]
fn the_calendar_has_one_stable_event_per_pending_action() {
    let dir = copy_of("journey");
    let status = output(nudge_in(dir.path()).args(["--today", TODAY, "status", "--json"]));
    let json: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    let actions = json["actions"].as_array().unwrap();

    let r = output(nudge_in(dir.path()).args(["--today", TODAY, "calendar"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let calendar: Calendar = r.stdout.parse().expect("valid iCalendar");
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(events.len(), actions.len());
    let mut uids: Vec<&str> = events.iter().filter_map(|e| e.get_uid()).collect();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
    // The thank-you to Eli Vance: all day from due to deadline, with the
    // draft's subject and recipient.
    let thanks = events
        .iter()
        .find(|e| e.get_summary() == Some("Thank-you to Eli Vance — Black Mesa"))
        .expect("the thank-you is in the calendar");
    assert_eq!(
        thanks.get_start(),
        Some("2026-11-18".parse::<chrono::NaiveDate>().unwrap().into())
    );
    assert_eq!(
        thanks.get_end(),
        Some("2026-11-20".parse::<chrono::NaiveDate>().unwrap().into())
    );
    let draft = fs::read_to_string(
        dir.path()
            .join("applications/black-mesa.thank-you.vance.draft.md"),
    )
    .unwrap_or_default();
    let description = thanks.get_description().unwrap();
    assert!(
        description.starts_with(
            "To: Eli Vance <vance@blackmesa.example>\nSubject: Thank you — Head Researcher interview\n"
        ),
        "{description}"
    );
    assert!(draft.is_empty(), "calendar writes no file");
    // Another day, same actions: the same UIDs, so a re-import updates.
    let later = output(nudge_in(dir.path()).args(["--today", "2026-11-23", "calendar"]));
    let later: Calendar = later.stdout.parse().unwrap();
    let thanks_later = later
        .events()
        .find(|e| e.get_summary() == Some("Thank-you to Eli Vance — Black Mesa"));
    assert_eq!(
        thanks_later.and_then(|e| e.get_uid()),
        thanks.get_uid(),
        "the same action keeps its UID"
    );
}

#[test]
fn with_calendar_true_update_keeps_the_calendar_file() {
    let dir = copy_of("journey");
    let config = dir.path().join("nudge.yaml");
    let text = fs::read_to_string(&config).unwrap_or_default() + "calendar: true\n";
    fs::write(&config, text).unwrap();
    let r = update(dir.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ics = fs::read_to_string(dir.path().join("FOLLOW-UPS.ics")).unwrap();
    let printed = output(nudge_in(dir.path()).args(["--today", TODAY, "calendar"]));
    assert_eq!(
        ics, printed.stdout,
        "the file is what `nudge calendar` prints"
    );
    assert!(ics.parse::<Calendar>().is_ok());
    // A second run changes nothing.
    let again = update(dir.path(), &[]);
    assert!(
        again.stdout.starts_with("nudge: up to date"),
        "{}",
        again.stdout
    );
    // A file of the user's at that path is never replaced.
    fs::write(dir.path().join("FOLLOW-UPS.ics"), "my own calendar\n").unwrap();
    let r = update(dir.path(), &[]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("FOLLOW-UPS.ics:1:1: error: nudge would write its calendar here"),
        "{}",
        r.stderr
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("FOLLOW-UPS.ics")).unwrap(),
        "my own calendar\n"
    );
}

/// The `mailto:` links of a report, by reference label.
fn mail_links(report: &str) -> Vec<String> {
    report
        .lines()
        .filter_map(|l| l.strip_prefix("[mail-"))
        .filter_map(|l| l.split_once("]: ").map(|(_, url)| url.to_owned()))
        .collect()
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

/// What a mail program makes of a `mailto:` link: address, subject, body.
fn open_mail(url: &str) -> (String, String, String) {
    let rest = url.strip_prefix("mailto:").unwrap();
    let (to, query) = rest.split_once('?').unwrap();
    let mut subject = String::new();
    let mut body = String::new();
    for part in query.split('&') {
        let (key, value) = part.split_once('=').unwrap();
        match key {
            "subject" => subject = decode(value),
            "body" => body = decode(value),
            other => panic!("unexpected field {other}"),
        }
    }
    (decode(to), subject, body)
}

#[test]
fn mail_links_open_the_draft_as_the_job_seeker_left_it() {
    let dir = copy_of("journey");
    update(dir.path(), &[]);
    let draft_path = dir
        .path()
        .join("applications/ravenholm.check-in.grigori.draft.md");
    let report = fs::read_to_string(dir.path().join("FOLLOW-UPS.md")).unwrap();
    let links = mail_links(&report);
    assert_eq!(links.len(), 7, "one per drafted letter");
    let (to, subject, body) = open_mail(&links[2]);
    let draft = fs::read_to_string(&draft_path).unwrap();
    assert_eq!(to, "grigori@ravenholm.example");
    assert!(
        draft.contains(&format!("subject: \"{subject}\"\n")),
        "{subject}"
    );
    let letter = draft.split_once("\n---\n\n").unwrap().1;
    assert_eq!(body, letter.trim().replace('\n', "\r\n"));

    // The job seeker edits the letter: the link follows their text.
    let edited = draft
        .replace("Dear Grigori,", "Hello Grigori & team,")
        .replace("grigori@ravenholm.example", "g.petrov@ravenholm.example");
    fs::write(&draft_path, &edited).unwrap();
    let r = update(dir.path(), &[]);
    assert!(
        r.stdout.starts_with("nudge: wrote FOLLOW-UPS.md —"),
        "{}",
        r.stdout
    );
    let report = fs::read_to_string(dir.path().join("FOLLOW-UPS.md")).unwrap();
    let (to, _, body) = open_mail(&mail_links(&report)[2]);
    assert_eq!(to, "g.petrov@ravenholm.example");
    assert!(body.starts_with("Hello Grigori & team,\r\n\r\n"), "{body}");
    assert_eq!(fs::read_to_string(&draft_path).unwrap(), edited);
}

#[test]
fn the_report_opens_with_a_chart_of_the_open_applications() {
    let dir = copy_of("journey");
    update(dir.path(), &[]);
    let report = fs::read_to_string(dir.path().join("FOLLOW-UPS.md")).unwrap();
    let chart = report
        .split_once("```mermaid\n")
        .and_then(|(_, rest)| rest.split_once("```\n"))
        .map(|(chart, _)| chart)
        .expect("a mermaid block");
    assert!(chart.starts_with("gantt\n    dateFormat YYYY-MM-DD\n"));
    assert!(!chart.contains(TODAY), "no today's date:\n{chart}");
    // Open applications only: Black Mesa is in it, the archived and
    // rejected ones are not.
    assert!(chart.contains("    section Black Mesa\n"));
    assert!(!chart.contains("Nova Prospekt"), "{chart}");
    // Every task line is `name :tag, start, end` with real dates.
    for line in chart.lines().filter(|l| l.contains(" :")) {
        let (_, data) = line.split_once(" :").unwrap();
        let parts: Vec<&str> = data.split(", ").collect();
        assert_eq!(parts.len(), 3, "{line}");
        assert!(matches!(parts[0], "done" | "active"), "{line}");
        let start: chrono::NaiveDate = parts[1].parse().unwrap();
        let end: chrono::NaiveDate = parts[2].parse().unwrap();
        assert!(start < end, "{line}");
    }
}

#[test]
fn init_makes_a_journal_that_works_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("jobs");
    let r = output(nudge_in(dir.path()).args(["--today", TODAY, "init", "jobs"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = tree(&journal);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            ".pre-commit-config.yaml",
            "example-corp.md",
            "nudge.yaml",
            "templates/check-in.hbs",
            "templates/feedback.hbs",
            "templates/follow-up.hbs",
            "templates/keep-in-touch.hbs",
            "templates/thank-you.hbs",
            "templates/update.hbs",
            "templates/withdraw.hbs",
        ]
    );
    // The templates are the built-in letters, ready to edit.
    assert_eq!(
        files["templates/thank-you.hbs"],
        include_bytes!("../../templates/thank-you.hbs")
    );
    let hooks = String::from_utf8(files[".pre-commit-config.yaml"].clone()).unwrap();
    assert!(hooks.contains("entry: nudge update --fail-on-change\n"));
    // The new journal is clean and has work to show.
    let check = output(nudge_in(&journal).args(["--today", TODAY, "check", "--strict"]));
    assert_eq!((check.code, check.stdout.as_str()), (0, ""));
    let status = output(nudge_in(&journal).args(["--today", TODAY, "status"]));
    assert!(status.stdout.contains("thank-you"), "{}", status.stdout);
    // A second init, after the user changed a file: nothing is touched.
    fs::write(journal.join("nudge.yaml"), "me: {name: Gordon Freeman}\n").unwrap();
    let before = tree(&journal);
    let again = output(nudge_in(dir.path()).args(["--today", TODAY, "init", "jobs"]));
    assert_eq!(again.code, 0);
    assert!(again.stdout.contains("nothing changed"), "{}", again.stdout);
    assert!(changed(&before, &tree(&journal)).is_empty());
}

#[test]
fn init_inside_a_larger_repository_prints_the_hooks_for_its_top() {
    let dir = tempfile::tempdir().unwrap();
    assert!(git(dir.path(), &["init", "-q"]).status.success());
    let r = output(nudge_in(dir.path()).args(["--today", TODAY, "init", "life/jobs"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !dir.path()
            .join("life/jobs/.pre-commit-config.yaml")
            .exists()
    );
    assert!(
        r.stdout.contains("        args: [\"life/jobs\"]\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn completions_and_the_manual_cover_every_command() {
    let commands = COMMANDS;
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let r = output(nudge_in(Path::new(".")).args(["completions", shell]));
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        for command in commands {
            assert!(r.stdout.contains(command), "{shell} lacks {command}");
        }
        assert!(r.stdout.contains("fail-on-change"), "{shell}");
    }
    let man = output(nudge_in(Path::new(".")).arg("man"));
    assert_eq!(man.code, 0);
    assert!(man.stdout.contains("\n.TH nudge 1 "), "{}", man.stdout);
    for command in commands {
        assert!(
            man.stdout
                .contains(&format!(".SH \"NUDGE {}\"", command.to_uppercase())),
            "the manual lacks {command}"
        );
    }
    assert!(
        man.stdout.contains("\\fB--fail-on-change\\fR"),
        "{}",
        man.stdout
    );
}

#[test]
fn every_command_has_examples_in_its_help() {
    for command in COMMANDS {
        let r = output(nudge_in(Path::new(".")).args([command, "--help"]));
        assert_eq!(r.code, 0, "{command}");
        assert!(
            r.stdout.contains("Examples:\n  nudge"),
            "{command}:\n{}",
            r.stdout
        );
    }
}

#[derive(serde::Deserialize)]
struct Hook {
    id: String,
    entry: String,
    language: String,
    pass_filenames: bool,
    require_serial: bool,
}

#[test]
fn the_pre_commit_hooks_are_well_formed_and_run_real_commands() {
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"))
            .unwrap();
    let hooks: Vec<Hook> = serde_saphyr::from_str(&text).unwrap();
    let ids: Vec<&str> = hooks.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["nudge-check", "nudge-update"]);
    for hook in &hooks {
        assert_eq!(hook.language, "rust");
        assert!(!hook.pass_filenames && hook.require_serial, "{}", hook.id);
        // The entry is a command line nudge accepts.
        let words: Vec<&str> = hook.entry.split_whitespace().collect();
        assert_eq!(words[0], "nudge");
        let r = output(nudge_in(Path::new(".")).args(&words[1..]).arg("--help"));
        assert_eq!(r.code, 0, "{}: {}", hook.entry, r.stderr);
    }
    assert_eq!(hooks[1].entry, "nudge update --fail-on-change");
}
