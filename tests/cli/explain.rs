//! `nudge explain FILE`.

use super::{TODAY, fixtures, nudge_in, output, run};

#[test]
fn explains_entries_state_and_actions() {
    let r = run(&[
        "--today",
        TODAY,
        "explain",
        "journey/applications/black-mesa.md",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("explain_black_mesa", r.stdout);
}

#[test]
fn explains_every_application_of_the_journey() {
    // Every file explains without error, and names its state.
    let apps = fixtures().join("journey/applications");
    for entry in std::fs::read_dir(&apps).unwrap() {
        let path = entry.unwrap().path();
        let r = run(&["--today", TODAY, "explain", path.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}: {}", path.display(), r.stderr);
        assert!(r.stdout.contains("\nstate: "), "{}", r.stdout);
    }
}

#[test]
fn the_journal_is_found_from_nudge_yaml() {
    // Run from elsewhere: the journal is the folder with nudge.yaml, so the
    // offer in aperture.md still triggers Black Mesa's update letter.
    let r = output(nudge_in(&fixtures().join("journey/applications")).args([
        "--today",
        TODAY,
        "explain",
        "black-mesa.md",
    ]));
    assert!(
        r.stdout.starts_with("black-mesa.md: Black Mesa"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("update to @kleiner"), "{}", r.stdout);
}

#[test]
fn explains_invalid_and_other_files() {
    let r = run(&[
        "--today",
        TODAY,
        "explain",
        "bad/priority-unknown.md",
        "--journal",
        "bad",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("bad/priority-unknown.md has errors: nudge leaves it out until they are fixed.\n\nbad/priority-unknown.md:3:11: error: unknown priority 'urgent'\n"), "{}", r.stdout);
    let r = run(&["--today", TODAY, "explain", "journey/README.md"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        "journey/README.md is not an application: its front-matter has no `company` key.\n"
    );
    let r = run(&[
        "--today",
        TODAY,
        "explain",
        "bad/company-near-miss.md",
        "--journal",
        "bad",
    ]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("warning: `Compnay` is not `company`"),
        "{}",
        r.stdout
    );
}

#[test]
fn explain_refuses_missing_and_outside_files() {
    let r = run(&["explain", "journey/nope.md"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "nudge: error: journey/nope.md does not exist\n");
    let r = run(&[
        "explain",
        "journey/applications/xen-labs.md",
        "--journal",
        "bad",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("is not inside the journal folder"),
        "{}",
        r.stderr
    );
}

#[test]
fn explains_warnings_of_a_valid_file() {
    let r = run(&[
        "--today",
        TODAY,
        "explain",
        "bad/log-unknown-handle.md",
        "--journal",
        "bad",
    ]);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!("explain_warnings", r.stdout);
}

#[test]
fn explain_refuses_files_nudge_does_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".archive")).unwrap();
    std::fs::write(
        dir.path().join(".archive/old.md"),
        "---\ncompany: Old\n---\n",
    )
    .unwrap();
    let r = output(nudge_in(dir.path()).args(["explain", ".archive/old.md"]));
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "nudge: error: .archive/old.md is not part of the journal: nudge skips hidden files, the templates/ folder, symlinks and files not ending in .md\n"
    );
}
