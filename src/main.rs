//! `niemyet`: public websites and QR posters for Đề án 06 task forces.
//!
//! main only parses arguments, runs the command and turns its outcome into an exit status
//! (SPEC §1): 0 success, 1 the content has errors (nothing published), 2 bad usage.

use niemyet::cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match cli::parse(std::env::args_os()) {
        Ok(a) => a,
        Err(cli::ParseError::Shown(text)) => {
            // `--help` and `--version`.
            print!("{text}");
            return ExitCode::SUCCESS;
        }
        Err(cli::ParseError::Usage(msg)) => {
            eprintln!("niemyet: {msg}");
            return ExitCode::from(2);
        }
    };
    match cli::run(args) {
        cli::Outcome::Ok => ExitCode::SUCCESS,
        cli::Outcome::ContentErrors => ExitCode::from(1),
        cli::Outcome::Usage(msg) => {
            eprintln!("niemyet: {msg}");
            ExitCode::from(2)
        }
    }
}
