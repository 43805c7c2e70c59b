//! `courtwatch verify BATCH`: check a batch without importing it. Needs no database.

use std::path::PathBuf;

use clap::Args;

use super::{Context, Out};
use crate::error::{Error, Result};
use crate::exchange::verify::verify;
use crate::exchange::{describe_problems, printable};

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The batch folder (courtwatch-CODE-SEQ-TIME)
    pub batch: PathBuf,
}

/// How many problems an error message lists before "… and N more".
pub const SHOWN_PROBLEMS: usize = 50;

/// A path as a message shows it (a folder's name is chosen by whoever made it).
pub fn shown(path: &std::path::Path) -> String {
    printable(&path.display().to_string()).into_owned()
}

/// Warnings go to stderr, as many as problems are shown, then how many more there are.
pub fn warn(warnings: &crate::exchange::Problems, indent: &str) {
    for w in warnings.iter().take(SHOWN_PROBLEMS) {
        eprintln!("{indent}warning: {w}");
    }
    let rest = warnings.total().saturating_sub(SHOWN_PROBLEMS as u64);
    if rest > 0 {
        eprintln!("{indent}… and {rest} more warning(s)");
    }
}

pub fn run(ctx: &Context, a: VerifyArgs, out: &mut Out) -> Result<()> {
    match verify(&ctx.spec, &a.batch) {
        Ok(batch) => {
            let m = &batch.manifest;
            out.line(&format!(
                "{} is a valid batch: monitor {}, batch {}, {} hearing(s), {} profile{}.",
                shown(&a.batch),
                printable(&m.monitor.code),
                m.seq,
                batch.hearings.len(),
                m.profile,
                if m.redacted { ", redacted" } else { "" }
            ))?;
            out.flush()?;
            warn(&batch.warnings, "");
            Ok(())
        }
        Err(problems) => Err(Error::Invalid(format!(
            "{} is not a valid batch ({} problem(s)); nothing was changed:\n{}",
            shown(&a.batch),
            problems.total(),
            describe_problems(&problems, SHOWN_PROBLEMS)
        ))),
    }
}
