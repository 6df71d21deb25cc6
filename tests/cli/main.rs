//! Integration tests: run the real `nudge` binary on small fixture
//! journals (tests/fixtures/<case>/) and on journals built in temporary
//! folders, and check what a job seeker sees: output, exit code, files.

mod check;
mod explain;
mod journal_files;
mod status;

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

/// The date every fixture is written for.
pub const TODAY: &str = "2026-11-22";
