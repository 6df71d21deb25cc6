//! `nudge update`: the report and the drafts, written atomically, never
//! over a file nudge does not own, and a no-op the second time.

use std::fs;
use std::path::Path;

use super::{TODAY, changed, copy_of, nudge_in, output, tree};

use super::update;

#[test]
fn the_committed_sample_journal_is_up_to_date() {
    // What the README's command does on a fresh clone: nothing to change,
    // so `git status` stays clean.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let r = output(nudge_in(repo).args(["update", "sample-journal", "--today", TODAY, "--check"]));
    assert_eq!(
        r.stdout, "nudge: up to date — 9 letters to send now\n",
        "{}",
        r.stderr
    );
    assert_eq!(r.code, 0);
    // And the real command, on a copy, changes no byte.
    let copy = tempfile::tempdir().unwrap();
    super::copy_tree(&repo.join("sample-journal"), copy.path());
    let before = tree(copy.path());
    let r = output(nudge_in(copy.path()).args(["update", ".", "--today", TODAY]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(changed(&before, &tree(copy.path())), Vec::<String>::new());
}

#[test]
fn writes_the_report_and_drafts_then_changes_nothing() {
    let dir = copy_of("journey");
    let before = tree(dir.path());
    let r = update(dir.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "nudge: wrote FOLLOW-UPS.md, created 7 drafts — 7 letters to send now\n"
    );
    let after = tree(dir.path());
    insta::assert_snapshot!("journey_new_files", changed(&before, &after).join("\n"));
    insta::assert_snapshot!(
        "journey_report",
        String::from_utf8(after["FOLLOW-UPS.md"].clone()).unwrap()
    );
    insta::assert_snapshot!(
        "journey_thank_you_draft",
        String::from_utf8(after["applications/black-mesa.thank-you.vance.draft.md"].clone())
            .unwrap()
    );
    // The second run changes nothing, byte for byte.
    let r = update(dir.path(), &[]);
    assert_eq!(r.stdout, "nudge: up to date — 7 letters to send now\n");
    assert_eq!(changed(&after, &tree(dir.path())), Vec::<String>::new());
    // And the drafts and report are not read as applications.
    let status = output(nudge_in(dir.path()).args(["--today", TODAY, "--json"]));
    let doc: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(doc["applications"].as_array().unwrap().len(), 12);
    assert_eq!(doc["diagnostics"], serde_json::json!([]));
}

#[test]
fn check_writes_nothing_and_says_what_would_change() {
    let dir = copy_of("journey");
    let before = tree(dir.path());
    let r = update(dir.path(), &["--check"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .starts_with("would create FOLLOW-UPS.md\nwould create applications/"),
        "{}",
        r.stdout
    );
    assert_eq!(r.stdout.lines().count(), 8);
    assert_eq!(changed(&before, &tree(dir.path())), Vec::<String>::new());
    update(dir.path(), &[]);
    let r = update(dir.path(), &["--check"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "nudge: up to date — 7 letters to send now\n")
    );
}

#[test]
fn drafts_no_longer_needed_are_removed_unless_edited() {
    let dir = copy_of("journey");
    update(dir.path(), &[]);
    let thank_you = dir
        .path()
        .join("applications/black-mesa.thank-you.vance.draft.md");
    let feedback = dir
        .path()
        .join("applications/nova-prospekt.feedback.breen.draft.md");
    // The job seeker edits one draft, then sends both letters.
    let edited = fs::read_to_string(&feedback)
        .unwrap()
        .replace("Dear Wallace,", "Dear Mr Breen,");
    fs::write(&feedback, &edited).unwrap();
    let log = |file: &str, text: &str| {
        let r = output(nudge_in(dir.path()).args(["--today", TODAY, "log", file, text]));
        assert_eq!(r.code, 0, "{}", r.stderr);
    };
    log(
        "applications/black-mesa.md",
        "Sent thank-you to @vance #thanks",
    );
    log(
        "applications/nova-prospekt.md",
        "Asked for feedback #feedback",
    );
    let r = update(dir.path(), &[]);
    assert_eq!(
        r.stdout,
        "nudge: wrote FOLLOW-UPS.md, removed 1 draft — 5 letters to send now\n"
    );
    assert!(!thank_you.exists());
    assert_eq!(fs::read_to_string(&feedback).unwrap(), edited);
    let report = fs::read_to_string(dir.path().join("FOLLOW-UPS.md")).unwrap();
    assert!(
        report.contains("- **warning** [`applications/nova-prospekt.feedback.breen.draft.md:1:1`](applications/nova-prospekt.feedback.breen.draft.md): this draft is no longer needed, but you edited it, so nudge leaves it"),
        "{report}"
    );
}

#[test]
fn edited_drafts_are_never_rewritten() {
    let dir = copy_of("journey");
    update(dir.path(), &[]);
    let draft = dir
        .path()
        .join("applications/ravenholm.check-in.grigori.draft.md");
    let edited = fs::read_to_string(&draft).unwrap() + "P.S. I also sent my portfolio.\n";
    fs::write(&draft, &edited).unwrap();
    // Change what nudge would write: a new e-mail for the recipient.
    let app = dir.path().join("applications/ravenholm.md");
    let text = fs::read_to_string(&app)
        .unwrap()
        .replace("grigori@ravenholm.example", "g.petrov@ravenholm.example");
    fs::write(&app, text).unwrap();
    let r = update(dir.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(fs::read_to_string(&draft).unwrap(), edited);
    // The report's mail link carries the job seeker's letter as they left it.
    let report = fs::read_to_string(dir.path().join("FOLLOW-UPS.md")).unwrap();
    assert!(
        report.contains("P.S.%20I%20also%20sent%20my%20portfolio."),
        "{report}"
    );
    // An untouched draft does follow the change.
    let untouched = copy_of("journey");
    update(untouched.path(), &[]);
    let app = untouched.path().join("applications/ravenholm.md");
    let text = fs::read_to_string(&app)
        .unwrap()
        .replace("grigori@ravenholm.example", "g.petrov@ravenholm.example");
    fs::write(&app, text).unwrap();
    let r = update(untouched.path(), &[]);
    // The report follows too: its mail link carries the letter.
    assert_eq!(
        r.stdout,
        "nudge: wrote FOLLOW-UPS.md, updated 1 draft — 7 letters to send now\n"
    );
    let draft = fs::read_to_string(
        untouched
            .path()
            .join("applications/ravenholm.check-in.grigori.draft.md"),
    )
    .unwrap();
    assert!(draft.contains("g.petrov@ravenholm.example"));
    let report = fs::read_to_string(untouched.path().join("FOLLOW-UPS.md")).unwrap();
    assert!(
        report.contains("mailto:g.petrov@ravenholm.example?subject="),
        "{report}"
    );
    // Run again with nothing changed: the drafts on disk are the letters,
    // and the report is as it was.
    let r = update(untouched.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(untouched.path().join("FOLLOW-UPS.md")).unwrap(),
        report
    );
}

#[test]
fn files_in_the_way_are_never_overwritten() {
    let dir = copy_of("journey");
    let mine = "My own notes, not nudge's.\n";
    fs::write(dir.path().join("FOLLOW-UPS.md"), mine).unwrap();
    fs::write(
        dir.path()
            .join("applications/black-mesa.thank-you.vance.draft.md"),
        mine,
    )
    .unwrap();
    let r = update(dir.path(), &[]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("FOLLOW-UPS.md:1:1: error: nudge would write its report here, but this file is not nudge's: it is left alone"), "{}", r.stderr);
    assert!(r.stderr.contains("applications/black-mesa.thank-you.vance.draft.md:1:1: error: nudge would write its draft here"), "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("FOLLOW-UPS.md")).unwrap(),
        mine
    );
    assert_eq!(
        fs::read_to_string(
            dir.path()
                .join("applications/black-mesa.thank-you.vance.draft.md")
        )
        .unwrap(),
        mine
    );
    // The other drafts are written all the same.
    assert!(
        dir.path()
            .join("applications/nova-prospekt.feedback.breen.draft.md")
            .exists()
    );
}

#[test]
fn the_report_goes_where_the_config_says_with_relative_links() {
    let dir = copy_of("journey");
    fs::write(
        dir.path().join("nudge.yaml"),
        "me: {name: Gordon Freeman}\nreport: notes/FOLLOW-UPS.md\n",
    )
    .unwrap();
    let r = update(dir.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = fs::read_to_string(dir.path().join("notes/FOLLOW-UPS.md")).unwrap();
    assert!(
        report.contains("[Black Mesa](../applications/black-mesa.md)"),
        "{report}"
    );
    assert!(!dir.path().join("FOLLOW-UPS.md").exists());
}

#[cfg(unix)]
#[test]
fn never_writes_through_a_symlink() {
    let dir = copy_of("journey");
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("notes")).unwrap();
    fs::write(
        dir.path().join("nudge.yaml"),
        "report: notes/FOLLOW-UPS.md\n",
    )
    .unwrap();
    let r = update(dir.path(), &[]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("cannot write notes/FOLLOW-UPS.md: the path leaves the journal folder or goes through a symlink"), "{}", r.stderr);
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
}

#[test]
fn journal_templates_replace_the_built_in_letters() {
    let dir = copy_of("journey");
    fs::create_dir(dir.path().join("templates")).unwrap();
    fs::write(
        dir.path().join("templates/thank-you.hbs"),
        "Subject: Thanks, {{contact.first_name}}!\n\nHi {{contact.first_name}}, thanks for {{date interview.date \"%A\"}}.\n{{me.name}}\n",
    )
    .unwrap();
    let r = update(dir.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let draft = fs::read_to_string(
        dir.path()
            .join("applications/black-mesa.thank-you.vance.draft.md"),
    )
    .unwrap();
    assert!(draft.contains("subject: \"Thanks, Eli!\"\n"), "{draft}");
    assert!(
        draft.ends_with("---\n\nHi Eli, thanks for Wednesday.\nGordon Freeman\n"),
        "{draft}"
    );
}

#[test]
fn template_errors_name_the_file_line_and_variable() {
    let dir = copy_of("journey");
    fs::create_dir(dir.path().join("templates")).unwrap();
    fs::write(
        dir.path().join("templates/feedback.hbs"),
        "Subject: Feedback\n\nDear {{contact.first_name}},\nAs {{contact.nickname}} said...\n",
    )
    .unwrap();
    let r = output(nudge_in(dir.path()).args(["--today", TODAY, "check"]));
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("template_missing_variable", r.stdout);
    let r = update(dir.path(), &[]);
    assert_eq!(r.code, 1);
    assert!(
        !dir.path()
            .join("applications/nova-prospekt.feedback.breen.draft.md")
            .exists()
    );
    assert!(
        dir.path()
            .join("applications/black-mesa.thank-you.vance.draft.md")
            .exists()
    );
    let report = fs::read_to_string(dir.path().join("FOLLOW-UPS.md")).unwrap();
    assert!(report.contains("templates/feedback.hbs:4:"), "{report}");
}

#[test]
fn drafts_of_an_application_with_errors_stay_until_it_is_fixed() {
    let dir = copy_of("journey");
    update(dir.path(), &[]);
    let app = dir.path().join("applications/black-mesa.md");
    let good = fs::read_to_string(&app).unwrap();
    fs::write(&app, good.replace("priority: dream", "priority: urgent")).unwrap();
    let r = update(dir.path(), &[]);
    assert_eq!(r.code, 1);
    assert!(
        dir.path()
            .join("applications/black-mesa.thank-you.vance.draft.md")
            .exists()
    );
    fs::write(&app, good).unwrap();
    let r = update(dir.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn the_report_of_an_empty_journal() {
    let dir = tempfile::tempdir().unwrap();
    let r = update(dir.path(), &[]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        "nudge: wrote FOLLOW-UPS.md — 0 letters to send now\n"
    );
    insta::assert_snapshot!(
        "empty_report",
        fs::read_to_string(dir.path().join("FOLLOW-UPS.md")).unwrap()
    );
}

#[test]
fn bad_journal_report_lists_its_problems() {
    let dir = copy_of("bad");
    let r = update(dir.path(), &[]);
    assert_eq!(r.code, 1);
    let report = fs::read_to_string(dir.path().join("FOLLOW-UPS.md")).unwrap();
    insta::assert_snapshot!("bad_report", report);
}

#[test]
fn a_report_past_one_mebibyte_is_still_nudges() {
    // On a journal of thousands of applications the report grows large; it
    // must still be recognised and rewritten, not refused as too big.
    let dir = copy_of("journey");
    let big = format!(
        "<!-- generated by nudge: edits will be lost -->\n{}",
        "| row |\n".repeat(200_000)
    );
    fs::write(dir.path().join("FOLLOW-UPS.md"), big).unwrap();
    let r = update(dir.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("nudge: wrote FOLLOW-UPS.md"),
        "{}",
        r.stdout
    );
    assert!(
        fs::metadata(dir.path().join("FOLLOW-UPS.md"))
            .unwrap()
            .len()
            < 100_000
    );
}

#[test]
fn a_draft_whose_yaml_the_user_broke_is_still_nudges() {
    let dir = copy_of("journey");
    update(dir.path(), &[]);
    let draft = dir
        .path()
        .join("applications/ravenholm.check-in.grigori.draft.md");
    let broken = fs::read_to_string(&draft)
        .unwrap()
        .replace("to: \"", "to: [\"");
    fs::write(&draft, &broken).unwrap();
    let r = output(nudge_in(dir.path()).args(["--today", TODAY, "check"]));
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stdout);
    let r = update(dir.path(), &[]);
    assert_eq!(r.stdout, "nudge: up to date — 7 letters to send now\n");
    assert_eq!(fs::read_to_string(&draft).unwrap(), broken);
}
