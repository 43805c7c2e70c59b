//! `courtwatch backup --out DIR` and `courtwatch --db NEW restore FILE`: an encrypted copy of
//! the whole database, drafts included (drafts never travel in batches), and bringing it back
//! into a new database file.

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use super::{Context, Out, passphrase};
use crate::clock::Sources;
use crate::error::Result;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The folder the backup file is written in (created if missing)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file (`courtwatch-CODE-backup-….db`)
    pub file: PathBuf,
}

pub fn backup(ctx: &Context, a: BackupArgs, out: &mut Out) -> Result<()> {
    let store = ctx.open()?;
    let path = store.backup(&a.out)?;
    out.line(&path.display().to_string())
}

pub fn restore(ctx: &Context, a: RestoreArgs, out: &mut Out) -> Result<()> {
    if ctx.db.exists() {
        return Err(crate::error::Error::AlreadyExists(ctx.db.clone()));
    }
    let pass = passphrase(
        &format!("Passphrase of the backup {}: ", a.file.display()),
        false,
    )?;
    let store = Store::restore(
        &a.file,
        &ctx.db,
        &pass,
        Arc::clone(&ctx.spec),
        Sources::system(),
    )?;
    out.line(&format!(
        "Restored {} into {} (monitor {}).",
        a.file.display(),
        ctx.db.display(),
        store.profile().map_or("?", |m| m.code.as_str())
    ))
}
