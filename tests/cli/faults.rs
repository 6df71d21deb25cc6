//! Faults: nudge killed in the middle of writing, and two nudges at once.
//! Whatever happens, every file is the old one or the new one, never half
//! of one, and nothing the user wrote changes.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use super::{TODAY, nudge_in, output, tree};

/// A journal of `n` applications, each owing one follow-up letter today.
fn big_journal(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let folder = dir.path().join(format!("d{}", i % 20));
        fs::create_dir_all(&folder).unwrap();
        fs::write(
            folder.join(format!("company-{i}.md")),
            format!(
                "---\ncompany: Company {i}\ncontacts:\n  - name: Person Number{i}\n    email: p{i}@c{i}.example\n    role: hiring-manager\n---\n## Log\n- 2026-11-01 Applied\n- 2026-11-10 Interview with @number{i}, decide by 2026-11-15\n  - talked about project {i}\n- 2026-11-10 Thanked @number{i}\n"
            ),
        )
        .unwrap();
    }
    dir
}

fn start_update(dir: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_nudge"))
        .current_dir(dir)
        .args(["--today", TODAY, "-q", "update"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Every file is whole: applications as written, drafts with a valid
/// checksum, the report exactly the finished one (or absent). Returns how
/// many drafts exist.
fn assert_whole(
    dir: &Path,
    apps: &std::collections::BTreeMap<String, Vec<u8>>,
    report: &[u8],
) -> usize {
    let mut drafts = 0;
    for (file, bytes) in tree(dir) {
        let name = file.rsplit('/').next().unwrap();
        if name.starts_with(".nudge-") {
            continue; // a temporary file, hidden and never read
        }
        if file.ends_with(".draft.md") {
            let text = String::from_utf8(bytes).unwrap();
            assert!(
                nudge::draft::is_untouched(&text),
                "half-written draft {file}:\n{text}"
            );
            drafts += 1;
        } else if file == "FOLLOW-UPS.md" {
            assert!(bytes == report, "half-written report");
        } else {
            assert_eq!(Some(&bytes), apps.get(&file), "{file} changed");
        }
    }
    drafts
}

#[test]
fn killed_while_writing_leaves_old_or_new_files_never_half() {
    let dir = big_journal(600);
    let apps = tree(dir.path());
    // The finished result, from an undisturbed run on a copy; its length
    // sets when to strike (so the kills land mid-run on any machine).
    let reference = big_journal(600);
    let start = std::time::Instant::now();
    assert_eq!(
        output(nudge_in(reference.path()).args(["--today", TODAY, "update"])).code,
        0
    );
    let whole_run = start.elapsed();
    let report = fs::read(reference.path().join("FOLLOW-UPS.md")).unwrap();
    let mut seen_partial = false;
    for fraction in [0.2, 0.4, 0.55, 0.7, 0.8, 0.9, 0.97] {
        let mut child = start_update(dir.path());
        std::thread::sleep(whole_run.mul_f64(fraction));
        let _ = child.kill(); // SIGKILL on Unix: no chance to clean up
        let _ = child.wait();
        let drafts = assert_whole(dir.path(), &apps, &report);
        seen_partial |= drafts > 0 && drafts < 600;
    }
    // Finish the job: everything is there, and a further run has nothing
    // left to do.
    let r = output(nudge_in(dir.path()).args(["--today", TODAY, "update"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(assert_whole(dir.path(), &apps, &report), 600);
    let r = output(nudge_in(dir.path()).args(["--today", TODAY, "update", "--check"]));
    assert_eq!(r.code, 0, "{}", r.stdout);
    // Not a timing assertion: it only says whether a kill landed mid-run,
    // which is what makes this test meaningful on a fast machine.
    if !seen_partial {
        eprintln!("note: no kill landed in the middle of writing the drafts");
    }
}

#[test]
fn two_updates_at_once_leave_a_consistent_journal() {
    let dir = big_journal(300);
    let apps = tree(dir.path());
    let reference = big_journal(300);
    assert_eq!(
        output(nudge_in(reference.path()).args(["--today", TODAY, "update"])).code,
        0
    );
    let report = fs::read(reference.path().join("FOLLOW-UPS.md")).unwrap();
    let mut a = start_update(dir.path());
    let mut b = start_update(dir.path());
    let (ra, rb) = (a.wait().unwrap(), b.wait().unwrap());
    assert!(ra.success() && rb.success(), "{ra:?} {rb:?}");
    assert_eq!(assert_whole(dir.path(), &apps, &report), 300);
    let r = output(nudge_in(dir.path()).args(["--today", TODAY, "update", "--check"]));
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn leftover_temporary_files_are_cleaned_up_once_old() {
    let dir = big_journal(3);
    let leftover = dir.path().join("d0/.nudge-abc123.tmp");
    fs::write(&leftover, "half a draf").unwrap();
    // A fresh one may be another nudge's work in progress: left alone.
    let r = output(nudge_in(dir.path()).args(["--today", TODAY, "update"]));
    assert_eq!(r.code, 0);
    assert!(leftover.exists());
    // An old one is the leftover of a killed run.
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&leftover)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let r = output(nudge_in(dir.path()).args(["--today", TODAY, "update"]));
    assert_eq!(
        r.stdout,
        "nudge: removed 1 leftover temporary file — 3 letters to send now\n"
    );
    assert!(!leftover.exists());
}
