//! `nudge [DIR]` and `nudge status [--json]`.

use serde_json::Value;

use super::{TODAY, fixtures, nudge_in, output, run};

#[test]
fn journey_status_text() {
    let r = run(&["--today", TODAY, "status", "journey"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    insta::assert_snapshot!("journey_status", r.stdout);
}

#[test]
fn no_command_means_status() {
    let a = run(&["--today", TODAY, "journey"]);
    let b = run(&["status", "journey", "--today", TODAY]);
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.code, b.code);
}

#[test]
fn the_journal_defaults_to_the_current_folder() {
    let r = output(nudge_in(&fixtures().join("journey")).args(["--today", TODAY]));
    assert_eq!(r.stdout, run(&["--today", TODAY, "journey"]).stdout);
}

#[test]
fn today_comes_from_the_environment_too() {
    let flag = run(&["--today", "2026-12-06", "journey"]);
    let env = output(
        nudge_in(&fixtures())
            .env("NUDGE_TODAY", "2026-12-06")
            .arg("journey"),
    );
    assert_eq!(flag.stdout, env.stdout);
    // And it matters: a fortnight later the plan differs.
    assert_ne!(flag.stdout, run(&["--today", TODAY, "journey"]).stdout);
}

#[test]
fn bad_today_is_a_usage_error() {
    let r = run(&["--today", "2026-02-30", "journey"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("not a date written YYYY-MM-DD"),
        "{}",
        r.stderr
    );
}

#[test]
fn missing_journal_is_exit_2() {
    let r = run(&["--today", TODAY, "no-such-folder"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "nudge: error: journal folder no-such-folder does not exist\n"
    );
    let r = run(&["--today", TODAY, "journey/README.md"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "nudge: error: journey/README.md is not a folder\n"
    );
}

#[test]
fn journey_json_is_the_spec_format() {
    let r = run(&["--today", TODAY, "status", "--json", "journey"]);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!("journey_json", r.stdout);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["today"], TODAY);
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let app = &doc["applications"][0];
    let mut expected = vec![
        "company",
        "decision_by",
        "file",
        "last_entry",
        "position",
        "state",
    ];
    expected.sort();
    assert_eq!(keys(app), expected);
    let action = &doc["actions"][0];
    let mut expected = vec![
        "action", "company", "contact", "deadline", "draft", "due", "email", "file", "n",
        "problem", "status",
    ];
    expected.sort();
    assert_eq!(keys(action), expected);
}

/// Null sorts before any string (SPEC A).
fn sort_key(v: &Value) -> String {
    v.as_str().map_or(String::new(), |s| format!("~{s}"))
}

#[test]
fn json_arrays_are_sorted() {
    for journal in ["journey", "bad", "worked-example"] {
        let r = run(&["--today", TODAY, "status", "--json", journal]);
        let doc: Value = serde_json::from_str(&r.stdout).unwrap();
        let files: Vec<String> = doc["applications"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["file"].as_str().unwrap().to_owned())
            .collect();
        let mut sorted = files.clone();
        sorted.sort();
        assert_eq!(files, sorted, "{journal}");
        let actions: Vec<(String, String, String, String)> = doc["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["due"].as_str().unwrap().to_owned(),
                    sort_key(&a["file"]),
                    a["action"].as_str().unwrap().to_owned(),
                    sort_key(&a["contact"]),
                )
            })
            .collect();
        let mut sorted = actions.clone();
        sorted.sort();
        assert_eq!(actions, sorted, "{journal}");
        let diags: Vec<(String, u64, u64)> = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["file"].as_str().unwrap().to_owned(),
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                )
            })
            .collect();
        let mut sorted = diags.clone();
        sorted.sort();
        assert_eq!(diags, sorted, "{journal}");
    }
}

#[test]
fn json_drafts_only_for_overdue_and_due_letters() {
    let r = run(&["--today", TODAY, "status", "--json", "journey"]);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    let mut letters_with_drafts = 0;
    for a in doc["actions"].as_array().unwrap() {
        let status = a["status"].as_str().unwrap();
        let letter = !matches!(a["action"].as_str().unwrap(), "prepare" | "keep-applying");
        let now = matches!(status, "overdue" | "due");
        assert_eq!(a["draft"].is_string(), letter && now, "{a}");
        letters_with_drafts += usize::from(letter && now);
    }
    assert!(letters_with_drafts > 3);
}

#[test]
fn worked_example_json() {
    let r = run(&["--today", TODAY, "--json", "worked-example"]);
    insta::assert_snapshot!("worked_example_json", r.stdout);
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let plain = run(&["--today", TODAY, "journey"]);
    assert!(!plain.stdout.contains('\x1b'), "not a terminal: no colour");
    let always = run(&["--today", TODAY, "--color", "always", "journey"]);
    assert!(always.stdout.contains("\x1b["));
    let never = run(&["--today", TODAY, "--color", "never", "journey"]);
    assert!(!never.stdout.contains('\x1b'));
    // NO_COLOR turns `auto` off, even when a terminal is forced.
    let no_color = output(
        nudge_in(&fixtures())
            .env("NO_COLOR", "1")
            .env("CLICOLOR_FORCE", "1")
            .args(["--today", TODAY, "journey"]),
    );
    assert!(!no_color.stdout.contains('\x1b'));
    // JSON is never coloured.
    let json = run(&["--today", TODAY, "--color", "always", "--json", "journey"]);
    assert!(!json.stdout.contains('\x1b'));
}

#[test]
fn quiet_leaves_out_the_summary() {
    let r = run(&["--today", TODAY, "-q", "journey"]);
    assert!(!r.stdout.contains("applications:"));
    assert!(r.stdout.contains("Overdue"));
}

#[test]
fn errors_leave_the_file_out_but_not_the_others() {
    let r = run(&["--today", TODAY, "bad"]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("bad_status_stdout", r.stdout);
    insta::assert_snapshot!("bad_status_stderr", r.stderr);
    let json = run(&["--today", TODAY, "--json", "bad"]);
    assert_eq!(json.code, 1);
    insta::assert_snapshot!("bad_json", json.stdout);
}

#[test]
fn an_empty_journal_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let r = output(nudge_in(dir.path()).args(["--today", TODAY]));
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        "Nothing to do now or in the coming days.\n\nNo applications yet: add a markdown file with `company:` in its front-matter.\n"
    );
}

#[test]
fn hired_leaves_only_withdraw_notes() {
    let r = run(&["--today", TODAY, "--json", "hired"]);
    assert_eq!(r.code, 0);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    let kinds: Vec<&str> = doc["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["withdraw", "withdraw"]);
    insta::assert_snapshot!("hired_status", run(&["--today", TODAY, "hired"]).stdout);
}

#[test]
fn config_changes_the_horizon_and_reports_its_errors() {
    let dir = tempfile::tempdir().unwrap();
    let app = "---\ncompany: Acme\n---\n- 2026-11-01 Applied\n";
    std::fs::write(dir.path().join("acme.md"), app).unwrap();
    // The check-in is due 2026-11-15, 14 days after today: upcoming with
    // the default horizon of 14 days, later with 13.
    let today = ["--today", "2026-11-01"];
    let r = output(nudge_in(dir.path()).args(today));
    assert!(r.stdout.contains("check-in 1"), "{}", r.stdout);
    std::fs::write(dir.path().join("nudge.yaml"), "horizon_days: 13\n").unwrap();
    let r = output(nudge_in(dir.path()).args(today));
    assert!(!r.stdout.contains("check-in"), "{}", r.stdout);
    assert!(r.stdout.contains("keep-applying"), "{}", r.stdout);
    std::fs::write(
        dir.path().join("nudge.yaml"),
        "horizon_days: 13\nrulez: {}\n",
    )
    .unwrap();
    let r = output(nudge_in(dir.path()).args(["--today", "2026-11-01", "check"]));
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "nudge.yaml:2:1: error: unknown key `rulez`\n  |\n2 | rulez: {}\n  | ^^^^^\n  = help: did you mean `rules`?\n"
    );
}
