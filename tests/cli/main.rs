//! Integration tests: run the real `nudge` binary on small fixture
//! journals (tests/fixtures/<case>/) and on journals built in temporary
//! folders, and check what a job seeker sees: output, exit code, files.

mod bad_inputs;
mod check;
mod edit;
mod explain;
mod faults;
mod journal_files;
mod proofread;
mod status;
mod tools;
mod update;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder holding the fixture journals; tests run from it, so paths in
/// the output are short and stable.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// What a run of nudge printed and returned.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// `nudge` with a clean environment (no NO_COLOR, no NUDGE_TODAY from the
/// caller), run from `dir`.
pub fn nudge_in(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nudge"));
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("NUDGE_TODAY")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    cmd
}

/// Runs a prepared command.
pub fn output(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("the nudge binary runs");
    Run {
        code: out
            .status
            .code()
            .expect("nudge exits with a code, not a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs nudge from the fixtures folder with these arguments.
pub fn run(args: &[&str]) -> Run {
    output(nudge_in(&fixtures()).args(args))
}

/// `nudge update` on a journal, for the fixtures' date.
pub fn update(dir: &Path, args: &[&str]) -> Run {
    output(nudge_in(dir).args(["--today", TODAY, "update"]).args(args))
}

/// The date every fixture is written for.
pub const TODAY: &str = "2026-11-22";

/// Copies a fixture journal into a fresh temporary folder.
pub fn copy_of(fixture: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join(fixture), dir.path());
    dir
}

pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under a folder, with its bytes.
pub fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// The names of the files that differ between two trees.
pub fn changed(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
) -> Vec<String> {
    let mut names: Vec<String> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .cloned()
        .collect();
    names.sort();
    names.dedup();
    names
}
