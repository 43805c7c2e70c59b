//! `courtwatch review HEARING…`: a lead marks final hearings reviewed.

use clap::Args;
use uuid::Uuid;

use super::{Context, Out};
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Ids of final hearings (as `list` prints them)
    #[arg(required = true)]
    pub hearings: Vec<String>,
}

pub fn run(ctx: &Context, a: ReviewArgs, out: &mut Out) -> Result<()> {
    let ids = a
        .hearings
        .iter()
        .map(|s| {
            Uuid::parse_str(s.trim())
                .map_err(|_| Error::Invalid(format!("{s:?} is not a hearing id (a UUID)")))
        })
        .collect::<Result<Vec<_>>>()?;
    let store = ctx.open()?;
    for id in &ids {
        store.mark_reviewed(*id)?;
    }
    out.line(&format!("Marked {} hearing(s) reviewed.", ids.len()))
}
