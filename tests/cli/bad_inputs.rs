//! The bad-input corpus (tests/fixtures/bad/): each case is one file, or a
//! folder whose content goes to the journal root, run in a journal beside
//! one good application. For every case: the exact diagnostics (snapshot),
//! the exit code, the good file still getting its actions, and no byte of
//! what the user wrote changed by `update`.

use std::fs;
use std::path::Path;

use super::{TODAY, copy_tree, fixtures, nudge_in, output, tree};

/// Builds the journal of one case: the good file and the case.
fn journal_for(case: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixtures().join("bad/good.md"), dir.path().join("good.md")).unwrap();
    if case.is_dir() {
        copy_tree(case, dir.path());
    } else {
        fs::copy(case, dir.path().join(case.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn every_bad_input_gets_its_diagnostic_and_spares_the_rest() {
    let mut cases: Vec<_> = fs::read_dir(fixtures().join("bad"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != "good.md")
        .collect();
    cases.sort();
    assert!(cases.len() > 60, "the corpus is all there");
    for case in cases {
        let name = case.file_stem().unwrap().to_string_lossy().into_owned();
        let dir = journal_for(&case);
        let before = tree(dir.path());

        let check = output(nudge_in(dir.path()).args(["--today", TODAY, "check"]));
        let has_error = check.stdout.contains(": error: ");
        assert_eq!(
            check.code,
            i32::from(has_error),
            "{name}: exit code of check"
        );
        insta::assert_snapshot!(
            format!("case_{name}"),
            format!("exit {}\n{}", check.code, check.stdout)
        );

        // The good application still gets its check-in.
        let json = output(nudge_in(dir.path()).args(["--today", TODAY, "--json"]));
        let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        let good_check_in = doc["actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["file"] == "good.md" && a["action"] == "check-in");
        assert!(
            good_check_in,
            "{name}: the good file lost its actions: {}",
            json.stdout
        );

        // update agrees with check, and never changes what the user wrote.
        let update = output(nudge_in(dir.path()).args(["--today", TODAY, "update"]));
        assert_eq!(update.code, check.code, "{name}: {}", update.stderr);
        let after = tree(dir.path());
        for (file, bytes) in &before {
            assert_eq!(
                after.get(file),
                Some(bytes),
                "{name}: {file} was changed or removed"
            );
        }
    }
}
