//! The `courtwatch` binary: parse arguments, then hand over to the command line or the
//! terminal UI. Exit codes: 0 success, 1 runtime failure, 2 usage error.

use std::process::ExitCode;

use clap::Parser;
use courtwatch::cli::{self, Cli, Context, Out};

fn main() -> ExitCode {
    // Before anything is read: no core dumps, files the owner's only.
    cli::harden();
    let args = Cli::parse();
    let ctx = Context::new(&args);
    // Errors are said in the language asked for, once it is known.
    let lang = ctx.as_ref().map_or(courtwatch::spec::Lang::En, |c| c.lang);
    let result = ctx.and_then(|ctx| match args.command {
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
            eprintln!("courtwatch: {}", e.render(lang));
            ExitCode::from(1)
        }
    }
}
