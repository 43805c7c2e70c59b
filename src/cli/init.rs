//! `courtwatch init`: create the encrypted database and the monitor profile.

use std::sync::Arc;

use clap::Args;

use super::{Context, Out, passphrase};
use crate::clock::Sources;
use crate::error::Result;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The monitor's code, e.g. M07 (it names the batches)
    #[arg(long)]
    pub code: String,
    /// The monitor's name (kept in this database only)
    #[arg(long)]
    pub name: String,
    /// The monitor's organisation
    #[arg(long, default_value = "")]
    pub org: String,
}

pub fn run(ctx: &Context, a: InitArgs, out: &mut Out) -> Result<()> {
    let pass = passphrase(
        &format!(
            "New passphrase for {} (it cannot be recovered if lost): ",
            ctx.db.display()
        ),
        true,
    )?;
    Store::create(
        &ctx.db,
        &pass,
        Arc::clone(&ctx.spec),
        Sources::system(),
        &a.code,
        &a.name,
        &a.org,
    )?;
    out.line(&format!(
        "Created {} for monitor {}.",
        ctx.db.display(),
        a.code.trim()
    ))?;
    eprintln!("{}", LEAD_KEY_HINT);
    Ok(())
}

/// What a new monitor's database says about the lead's key, so that batches leave sealed.
pub(crate) const LEAD_KEY_HINT: &str = "Keys for sealed batches: ask your legal aid group's lead for the output of `courtwatch keys show --recipient` (a file), compare its fingerprint with the lead aloud, then run `courtwatch keys add FILE`. Give the lead your own signing key from `courtwatch keys show` the same way.";
