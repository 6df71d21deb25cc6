//! `nudge check`: silent when all is well, compiler-style otherwise.

use super::{TODAY, fixtures, nudge_in, output, run};

#[test]
fn a_clean_journal_is_silent() {
    for journal in ["journey", "worked-example", "hired"] {
        let r = run(&["--today", TODAY, "check", journal]);
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (0, "", ""),
            "{journal}"
        );
    }
}

#[test]
fn the_whole_bad_corpus_at_once() {
    // Every case in one journal: one bad file never stops the others.
    let r = run(&["--today", TODAY, "check", "bad"]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("bad_check", r.stdout);
    insta::assert_snapshot!("bad_check_count", r.stderr);
}

#[test]
fn warnings_fail_only_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "---\ncompany: Acme\n---\n- 2026-11-01 Applied #aplied\n",
    )
    .unwrap();
    let r = output(nudge_in(dir.path()).args(["--today", TODAY, "check"]));
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .starts_with("a.md:4:22: warning: unknown tag #aplied\n"),
        "{}",
        r.stdout
    );
    let r = output(nudge_in(dir.path()).args(["--today", TODAY, "check", "--strict"]));
    assert_eq!(r.code, 1);
    let r = output(nudge_in(dir.path()).args(["--today", TODAY, "-q", "check"]));
    assert_eq!(r.stderr, "", "quiet: no summary");
}

#[test]
fn diagnostics_name_the_file_as_the_user_sees_it() {
    let r = output(nudge_in(&fixtures().join("bad")).args(["--today", TODAY, "check"]));
    assert!(
        r.stdout.starts_with("alias-bomb.md:7:8: error:"),
        "{}",
        r.stdout
    );
    let r = output(nudge_in(&fixtures()).args(["--today", TODAY, "check", "./bad/"]));
    assert!(
        r.stdout.starts_with("./bad/alias-bomb.md:7:8: error:"),
        "{}",
        r.stdout
    );
}
