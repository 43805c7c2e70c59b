//! The `courtwatch` binary: parse arguments, then hand over to the command line or the
//! terminal UI. Exit codes: 0 success, 1 runtime failure, 2 usage error.

use std::process::ExitCode;

use clap::Parser;
use courtwatch::cli::{self, Cli, Context, Out};

fn main() -> ExitCode {
    // Before anything is read: no core dumps, files the owner's only.
    cli::harden();
    let args = Cli::parse();
    let result = Context::new(&args).and_then(|ctx| match args.command {
        Some(command) => {
            let mut out = Out::stdout();
            cli::run(&ctx, command, &mut out).and_then(|()| out.flush())
        }
        None => cli::run_tui(&ctx, args.lang.is_some()),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("courtwatch: {e}");
            ExitCode::from(1)
        }
    }
}
