//! The `nudge` binary: parse the command line, run, map the result to an
//! exit code (0 fine, 1 the journal has errors, 2 usage or I/O failure).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = nudge::cli::Cli::parse();
    match nudge::run(cli) {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("nudge: error: {failure}");
            ExitCode::from(2)
        }
    }
}
