//! `courtwatch verify BATCH`: check a batch without importing it. Needs no database.

use std::path::PathBuf;

use clap::Args;

use super::{Context, Out};
use crate::error::{Error, Result};
use crate::exchange::describe_problems;
use crate::exchange::verify::verify;

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The batch folder (courtwatch-CODE-SEQ-TIME)
    pub batch: PathBuf,
}

/// How many problems an error message lists before "… and N more".
pub const SHOWN_PROBLEMS: usize = 50;

pub fn run(ctx: &Context, a: VerifyArgs, out: &mut Out) -> Result<()> {
    match verify(&ctx.spec, &a.batch) {
        Ok(batch) => {
            let m = &batch.manifest;
            out.line(&format!(
                "{} is a valid batch: monitor {}, batch {}, {} hearing(s), {} profile{}.",
                a.batch.display(),
                m.monitor.code,
                m.seq,
                batch.hearings.len(),
                m.profile,
                if m.redacted { ", redacted" } else { "" }
            ))?;
            for w in &batch.warnings {
                out.line(&format!("warning: {w}"))?;
            }
            Ok(())
        }
        Err(problems) => Err(Error::Invalid(format!(
            "{} is not a valid batch ({} problem(s)); nothing was changed:\n{}",
            a.batch.display(),
            problems.len(),
            describe_problems(&problems, SHOWN_PROBLEMS)
        ))),
    }
}
