//! `courtwatch export`: write a batch of final hearings for the legal aid group; prints the
//! batch's path.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{Context, FilterArgs, Out};
use crate::error::Result;
use crate::exchange::Profile;
use crate::exchange::export::{ExportOptions, export};
use crate::exchange::manifest::ScopeKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ProfileArg {
    /// UTF-8 without BOM, comma, raw values (for R, Python and merge)
    #[default]
    Analysis,
    /// UTF-8 with BOM, semicolon, formula guard (for Excel in a Russian or Tajik locale)
    Excel,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The folder to write the batch folder in
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Only hearings changed since this database's previous batch (the default)
    #[arg(long, conflicts_with = "all")]
    pub since_last: bool,
    /// Every final hearing matching the filters
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// How the CSV files are written
    #[arg(long, value_enum, default_value_t)]
    pub profile: ProfileArg,
    /// Leave out restricted fields, or replace names by stable pseudonyms
    #[arg(long)]
    pub redact: bool,
}

pub fn run(ctx: &Context, a: ExportArgs, out: &mut Out) -> Result<()> {
    let store = ctx.open()?;
    let opts = ExportOptions {
        out: a.out,
        scope: if a.all {
            ScopeKind::All
        } else {
            ScopeKind::SinceLast
        },
        filter: a.filter.into(),
        profile: match a.profile {
            ProfileArg::Analysis => Profile::Analysis,
            ProfileArg::Excel => Profile::Excel,
        },
        redact: a.redact,
    };
    let show = std::io::stderr().is_terminal();
    let mut progress = |file: &str, rows: u64| {
        if show {
            eprintln!("export: {file} {rows} rows");
        }
    };
    match export(&store, &opts, &mut progress)? {
        None => {
            eprintln!(
                "Nothing to export: no final hearing {}. No batch was written.",
                if opts.scope == ScopeKind::SinceLast {
                    "changed since the last batch (use --all to export everything)"
                } else {
                    "matches"
                }
            );
            Ok(())
        }
        Some(done) => {
            let m = &done.manifest;
            eprintln!(
                "Exported {} hearing(s) as batch {} of monitor {} ({} profile{}).",
                m.hearings,
                m.seq,
                m.monitor.code,
                m.profile,
                if m.redacted { ", redacted" } else { "" }
            );
            out.line(&done.path.display().to_string())
        }
    }
}
