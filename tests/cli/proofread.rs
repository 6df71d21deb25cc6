//! The proofreader, through the binary: one fixture per finding
//! (tests/fixtures/proofread/letters), each the job seeker's edit of a
//! draft; the bad letter gets its one note, the good one none. Then the
//! report's marker, `explain` on a draft, `words.txt`, a missing
//! dictionary and `--strict`.

use std::fs;
use std::path::Path;

use super::{fixtures, nudge_in, output};

/// The day the fixtures' thank-yous (interview on November 18) and
/// follow-ups (decision by November 1) are due.
const DAY: &str = "2026-11-19";

/// Each case and the message its bad letter gets.
const CASES: [(&str, &str); 21] = [
    (
        "name-near-miss",
        "“Klein” looks like a misspelling of “Kleiner”",
    ),
    (
        "name-capitals",
        "“Mcdonald” is written “McDonald” in the application",
    ),
    (
        "company-legal-ending",
        "“Black Mesa Inc” is not how the application names the company",
    ),
    (
        "company-misspelt",
        "“Black Messa” is not a name in the application: did you mean “Black Mesa”?",
    ),
    (
        "position-misspelt",
        "“Head Research” is not a name in the application: did you mean “Head Researcher”?",
    ),
    (
        "names-crossed",
        "“Isaac Vance” is not a name in the application: did you mean “Isaac Kleiner”?",
    ),
    (
        "greeting-wrong-person",
        "this letter is for Eli Vance, but the greeting names Isaac Kleiner",
    ),
    (
        "greeting-stranger",
        "this letter is for Eli Vance, but the greeting names “Jane”",
    ),
    (
        "greeting-misspelt",
        "“Ely” looks like a misspelling of “Eli”",
    ),
    (
        "title",
        "“Head of Engineering” is not Isaac Kleiner's title",
    ),
    (
        "placeholder-brackets",
        "a placeholder is left in: [one thing you discussed]",
    ),
    ("placeholder-angle", "a placeholder is left in: <topic>"),
    ("placeholder-todo", "a placeholder is left in: TODO"),
    (
        "placeholder-braces",
        "template braces are left in the letter",
    ),
    ("empty", "the letter is empty"),
    (
        "long-thank-you",
        "this thank-you is 234 words long; keep it under 200",
    ),
    (
        "follow-up-long",
        "this follow-up has 4 paragraphs; keep it to 3",
    ),
    ("doubled-word", "“the” is written twice"),
    (
        "lower-case-sentence",
        "this sentence starts with a lower-case letter",
    ),
    (
        "two-spaces",
        "two spaces after this sentence, where the rest of the letter uses one",
    ),
    ("spelling", "“conversaton” is not in the en_US dictionary"),
];

/// A journal with one application per case and, beside it, the case's
/// letter (`bad` or `good`) as an edited draft to Eli Vance.
fn journal(dir: &Path, which: &str) {
    let root = fixtures().join("proofread");
    fs::write(dir.join("nudge.yaml"), "me: {name: Gordon Freeman}\n").unwrap();
    for (case, _) in CASES {
        let application = if case.starts_with("follow-up") {
            "follow-up-application.md"
        } else {
            "application.md"
        };
        fs::copy(root.join(application), dir.join(format!("{case}.md"))).unwrap();
        let letter = fs::read_to_string(root.join(format!("letters/{case}.{which}.md"))).unwrap();
        let kind = if case.starts_with("follow-up") {
            "follow-up"
        } else {
            "thank-you"
        };
        fs::write(
            dir.join(format!("{case}.{kind}.vance.draft.md")),
            draft(case, kind, &letter),
        )
        .unwrap();
    }
}

/// An edited draft: nudge's front-matter, a checksum that no longer
/// matches, the job seeker's letter.
fn draft(case: &str, kind: &str, letter: &str) -> String {
    format!(
        "---\ngenerated_by: nudge\napplication: \"{case}.md\"\naction: {kind}\nto: \"Eli Vance <vance@blackmesa.example>\"\nsubject: \"Thank you — Head Researcher interview\"\ndue: 2026-11-18\ndeadline: 2026-11-19\nchecksum: \"0000000000000000\"\n---\n\n{letter}"
    )
}

/// The messages `check` printed, by file.
fn messages(stdout: &str) -> Vec<(String, String)> {
    stdout
        .lines()
        .filter_map(|line| {
            let (place, message) = line.split_once(": warning: ")?;
            let file = place.split(':').next()?;
            Some((file.to_owned(), message.to_owned()))
        })
        .collect()
}

#[test]
fn each_bad_letter_gets_its_one_note() {
    let dir = tempfile::tempdir().unwrap();
    journal(dir.path(), "bad");
    let r = output(nudge_in(dir.path()).args(["--today", DAY, "check"]));
    assert_eq!(r.code, 0, "warnings only: {}", r.stderr);
    let found = messages(&r.stdout);
    for (case, expected) in CASES {
        let kind = if case.starts_with("follow-up") {
            "follow-up"
        } else {
            "thank-you"
        };
        let file = format!("{case}.{kind}.vance.draft.md");
        let own: Vec<&str> = found
            .iter()
            .filter(|(f, _)| *f == file)
            .map(|(_, m)| m.as_str())
            .collect();
        assert_eq!(own, [expected], "{case}:\n{}", r.stdout);
    }
    // Nothing else: the drafts nudge would write for the other contacts
    // are clean.
    assert_eq!(found.len(), CASES.len(), "{}", r.stdout);
    insta::assert_snapshot!("proofread_bad_letters", r.stdout);
}

#[test]
fn each_good_letter_is_silent() {
    let dir = tempfile::tempdir().unwrap();
    journal(dir.path(), "good");
    let r = output(nudge_in(dir.path()).args(["--today", DAY, "check"]));
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
}

#[test]
fn strict_makes_notes_errors() {
    let dir = tempfile::tempdir().unwrap();
    journal(dir.path(), "bad");
    let r = output(nudge_in(dir.path()).args(["--today", DAY, "check", "--strict"]));
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("spelling.thank-you.vance.draft.md:14:108: error: “conversaton” is not in the en_US dictionary"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains(": warning: "), "{}", r.stdout);
}

#[test]
fn the_report_marks_drafts_with_notes_and_explain_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    journal(dir.path(), "bad");
    let r = output(nudge_in(dir.path()).args(["--today", DAY, "update"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("(proofread: 21 notes — `nudge check` shows them)"),
        "{}",
        r.stdout
    );
    let report = fs::read_to_string(dir.path().join("FOLLOW-UPS.md")).unwrap();
    let row = report
        .lines()
        .find(|l| l.contains("(spelling.thank-you.vance.draft.md)"))
        .unwrap();
    assert!(row.contains(" · proofread: 1 note · "), "{row}");
    let clean = report
        .lines()
        .find(|l| l.contains("(spelling.thank-you.kleiner.draft.md)"))
        .unwrap();
    assert!(!clean.contains("proofread"), "{clean}");

    let r = output(nudge_in(dir.path()).args([
        "--today",
        DAY,
        "explain",
        "spelling.thank-you.vance.draft.md",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("proofread_explain_draft", r.stdout);
    let r = output(nudge_in(dir.path()).args([
        "--today",
        DAY,
        "explain",
        "spelling.thank-you.kleiner.draft.md",
    ]));
    assert!(
        r.stdout.ends_with("\nproofread: no notes\n"),
        "{}",
        r.stdout
    );
}

/// A draft pasted full of placeholders: the first hundred notes are
/// shown, one line counts the rest, and every count says how many there
/// are in all. (Before the cap, a line of 800,000 brackets took nudge 48
/// seconds, most of it placing each note on that one line.)
#[test]
fn a_draft_with_more_notes_than_the_cap_shows_a_hundred_and_counts_all() {
    let dir = tempfile::tempdir().unwrap();
    journal(dir.path(), "good");
    let file = "spelling.thank-you.vance.draft.md";
    let blob = "<x> ".repeat(1000);
    let draft = dir.path().join(file);
    let text = fs::read_to_string(&draft)
        .unwrap()
        .replace("as well.", &format!("as well. {blob}"));
    fs::write(&draft, text).unwrap();

    let r = output(nudge_in(dir.path()).args(["--today", DAY, "check"]));
    let found = messages(&r.stdout);
    let own: Vec<&str> = found
        .iter()
        .filter(|(f, _)| f == file)
        .map(|(_, m)| m.as_str())
        .collect();
    assert_eq!(own.len(), 101, "{}", r.stdout);
    let placeholders = own
        .iter()
        .filter(|m| **m == "a placeholder is left in: <x>")
        .count();
    assert_eq!(placeholders, 100, "{}", r.stdout);
    // 1,000 placeholders and the note that the letter is too long (at its
    // end, so counted, not shown): 1,001 in all, 100 of them shown.
    assert!(
        own.contains(&"901 more problems in this file are not shown (0 errors, 901 warnings)"),
        "{}",
        r.stdout
    );

    let r = output(nudge_in(dir.path()).args(["--today", DAY, "explain", file]));
    assert!(
        r.stdout.contains("\nproofread: 1001 notes\n"),
        "{}",
        r.stdout
    );
    let r = output(nudge_in(dir.path()).args(["--today", DAY, "update"]));
    assert!(
        r.stdout
            .contains("(proofread: 1001 notes — `nudge check` shows them)"),
        "{}",
        r.stdout
    );
    let report = fs::read_to_string(dir.path().join("FOLLOW-UPS.md")).unwrap();
    assert!(report.contains(" · proofread: 1001 notes · "), "{report}");
}

#[test]
fn words_txt_is_the_job_seeker_s_dictionary() {
    let dir = tempfile::tempdir().unwrap();
    journal(dir.path(), "good");
    let draft = dir.path().join("spelling.thank-you.vance.draft.md");
    let text = fs::read_to_string(&draft).unwrap().replace(
        "as well.",
        "as well. I will send the Kubernetes notes to eli@example.org.",
    );
    fs::write(&draft, text).unwrap();
    let r = output(nudge_in(dir.path()).args(["--today", DAY, "check"]));
    assert_eq!(
        messages(&r.stdout),
        [(
            "spelling.thank-you.vance.draft.md".to_owned(),
            "“Kubernetes” is not in the en_US dictionary".to_owned()
        )]
    );
    fs::write(dir.path().join("words.txt"), "# tools\nkubernetes\n").unwrap();
    let r = output(nudge_in(dir.path()).args(["--today", DAY, "check"]));
    assert_eq!((r.stdout.as_str(), r.stderr.as_str()), ("", ""));
}

#[test]
fn without_its_dictionary_one_line_says_spelling_was_not_checked() {
    let dir = tempfile::tempdir().unwrap();
    journal(dir.path(), "bad");
    fs::write(
        dir.path().join("nudge.yaml"),
        "me: {name: Gordon Freeman}\nproofread:\n  dictionary: xx_XX\n",
    )
    .unwrap();
    let empty = tempfile::tempdir().unwrap();
    let r = output(
        nudge_in(dir.path())
            .env("DICPATH", empty.path())
            .args(["--today", DAY, "check"]),
    );
    let lines: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.contains("spelling was not checked"))
        .collect();
    assert_eq!(lines.len(), 1, "{}", r.stderr);
    assert!(
        lines[0].starts_with(&format!(
            "nudge: spelling was not checked: no Hunspell dictionary xx_XX was found (looked in {}, /usr/share/hunspell",
            empty.path().display()
        )),
        "{}",
        lines[0]
    );
    assert!(!r.stdout.contains("conversaton"), "{}", r.stdout);
    // The other notes are still there.
    assert!(r.stdout.contains("“the” is written twice"), "{}", r.stdout);

    // A dictionary found in DICPATH is used.
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries/en_US.aff"),
        empty.path().join("xx_XX.aff"),
    )
    .unwrap();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries/en_US.dic"),
        empty.path().join("xx_XX.dic"),
    )
    .unwrap();
    let r = output(
        nudge_in(dir.path())
            .env("DICPATH", empty.path())
            .args(["--today", DAY, "check"]),
    );
    assert!(!r.stderr.contains("not checked"), "{}", r.stderr);
    assert!(
        r.stdout
            .contains("warning: “conversaton” is not in the xx_XX dictionary"),
        "{}",
        r.stdout
    );
}

#[test]
fn the_committed_sample_drafts_have_no_notes() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let r = output(nudge_in(repo).args(["--today", super::TODAY, "check", "sample-journal"]));
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
}
