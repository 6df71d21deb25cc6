//! `nudge new` and `nudge log`: the only changes nudge makes to the job
//! seeker's own files.

use std::fs;

use super::{TODAY, nudge_in, output, tree};

#[test]
fn new_creates_a_slugged_application_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let r =
        output(nudge_in(dir.path()).args(["new", "Black Mesa", "--position", "Head Researcher"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "nudge: created black-mesa.md — add its contacts, then log what happens:\n  nudge log black-mesa.md \"Applied through the careers page\"\n"
    );
    let text = fs::read_to_string(dir.path().join("black-mesa.md")).unwrap();
    insta::assert_snapshot!("new_application", text);
    // It reads as an application, saved, with no problems.
    let status = output(nudge_in(dir.path()).args(["--today", TODAY, "--json"]));
    let doc: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(doc["applications"][0]["state"], "saved");
    assert_eq!(doc["applications"][0]["position"], "Head Researcher");
    assert_eq!(doc["diagnostics"], serde_json::json!([]));
    // A second time: refused, and the file is unchanged.
    fs::write(dir.path().join("black-mesa.md"), "mine").unwrap();
    let r = output(nudge_in(dir.path()).args(["new", "Black Mesa"]));
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "nudge: error: black-mesa.md already exists: nudge new never overwrites a file\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("black-mesa.md")).unwrap(),
        "mine"
    );
}

#[test]
fn new_names_cannot_leave_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal");
    fs::create_dir(&journal).unwrap();
    let r = output(nudge_in(&journal).args(["new", "../../Evil / Corp"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        tree(dir.path()).keys().collect::<Vec<_>>(),
        vec!["journal/evil-corp.md"]
    );
}

const APP: &str = "---\ncompany: Black Mesa\ncontacts:\n  - name: Eli Vance\n    role: interviewer\n---\n# Black Mesa\n\n## Log\n- 2026-11-01 Applied\n- 2026-11-18 Interview with @vance\n  - asked about the lab\n\n## Salary\nAsk for more.\n";

#[test]
fn log_adds_one_line_and_changes_no_other_byte() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("black-mesa.md");
    fs::write(&file, APP).unwrap();
    let r = output(nudge_in(dir.path()).args([
        "--today",
        TODAY,
        "log",
        "black-mesa.md",
        "Sent",
        "thank-you",
        "to",
        "@vance",
        "#thanks",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "nudge: logged black-mesa.md:13: 2026-11-22 Sent thank-you to @vance #thanks — read as thanks (tag #thanks)\n"
    );
    let expected = APP.replace(
        "  - asked about the lab\n",
        "  - asked about the lab\n- 2026-11-22 Sent thank-you to @vance #thanks\n",
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), expected);
}

#[test]
fn log_keeps_bom_crlf_and_takes_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.md");
    let crlf = format!("\u{feff}{}", APP.replace('\n', "\r\n"));
    fs::write(&file, &crlf).unwrap();
    let r =
        output(nudge_in(dir.path()).args(["log", "a.md", "Heard back", "--date", "2026-11-20"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .ends_with("— read as heard (phrase \"heard back\")\n"),
        "{}",
        r.stdout
    );
    let expected = crlf.replace(
        "  - asked about the lab\r\n",
        "  - asked about the lab\r\n- 2026-11-20 Heard back\r\n",
    );
    assert_eq!(fs::read(&file).unwrap(), expected.as_bytes());
}

#[test]
fn log_warns_about_the_new_entry_and_refuses_what_is_not_an_application() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), APP).unwrap();
    fs::write(dir.path().join("notes.md"), "# Notes\n").unwrap();
    let r =
        output(nudge_in(dir.path()).args(["--today", TODAY, "log", "a.md", "Call with @vanse"]));
    assert_eq!(r.code, 0);
    assert!(
        r.stderr
            .starts_with("a.md:13:24: warning: unknown contact @vanse"),
        "{}",
        r.stderr
    );
    let r = output(nudge_in(dir.path()).args(["log", "notes.md", "x"]));
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "nudge: error: notes.md is not an application: its front-matter has no `company` key\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.md")).unwrap(),
        "# Notes\n"
    );
    let r = output(nudge_in(dir.path()).args(["log", "missing.md", "x"]));
    assert_eq!(r.code, 2);
    let r = output(nudge_in(dir.path()).args(["log", "a.md", "--date", "2026-02-30", "x"]));
    assert_eq!(r.code, 2);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("a.md"), dir.path().join("link.md")).unwrap();
        let before = fs::read(dir.path().join("a.md")).unwrap();
        let r = output(nudge_in(dir.path()).args(["log", "link.md", "x"]));
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("symlink"), "{}", r.stderr);
        assert_eq!(fs::read(dir.path().join("a.md")).unwrap(), before);
    }
}

#[test]
fn log_keeps_the_file_permissions() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        fs::write(&file, APP).unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
        let r = output(nudge_in(dir.path()).args(["log", "a.md", "x"]));
        assert_eq!(r.code, 0);
        let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}

#[test]
fn log_needs_one_line_of_text() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), APP).unwrap();
    for text in ["", "   ", "two\nlines"] {
        let r = output(nudge_in(dir.path()).args(["log", "a.md", text]));
        assert_eq!(r.code, 2, "{text:?}");
        assert_eq!(
            r.stderr,
            "nudge: error: the entry's text must be one non-empty line\n"
        );
    }
    assert_eq!(fs::read_to_string(dir.path().join("a.md")).unwrap(), APP);
}
