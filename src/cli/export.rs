//! `courtwatch export`: write a batch of final hearings for the legal aid group; prints the
//! batch's path.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{Context, FilterArgs, Out};
use crate::error::Result;
use crate::exchange::Profile;
use crate::exchange::export::{ExportOptions, Seal, export};
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
    /// Write a folder of plain files instead of one sealed file (anyone holding the stick
    /// reads every name, allegation and medical detail in it)
    #[arg(long)]
    pub plaintext: bool,
}

/// The environment variable scripts give a batch's age passphrase in.
pub(crate) const BATCH_PASSPHRASE_VAR: &str = "COURTWATCH_BATCH_PASSPHRASE";

/// The passphrase a batch is sealed with (or opened with): from
/// `COURTWATCH_BATCH_PASSPHRASE`, else asked on the terminal (twice when sealing).
pub(crate) fn batch_passphrase(sealing: bool) -> Result<crate::store::Passphrase> {
    use crate::error::Error;
    if let Ok(p) = std::env::var(BATCH_PASSPHRASE_VAR) {
        if p.is_empty() {
            return Err(Error::Invalid(format!(
                "{BATCH_PASSPHRASE_VAR} is set but empty"
            )));
        }
        return Ok(crate::store::Passphrase::new(p));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Invalid(if sealing {
            format!(
                "no lead's key is in the roster, so the batch would be sealed with a passphrase, and there is no terminal to ask it on: set {BATCH_PASSPHRASE_VAR}, or add the lead's key with `courtwatch keys add FILE`"
            )
        } else {
            format!(
                "the batch is sealed with a passphrase and there is no terminal to ask it on; set {BATCH_PASSPHRASE_VAR}"
            )
        }));
    }
    let read = |prompt: &str| {
        rpassword::prompt_password(prompt)
            .map(crate::store::Passphrase::new)
            .map_err(|e| Error::io("terminal", e))
    };
    let first = read(if sealing {
        "No lead's key is in the roster: a passphrase to seal the batch with (tell it to the lead another way than the stick): "
    } else {
        "The batch's passphrase: "
    })?;
    if first.is_empty() {
        return Err(Error::Invalid("the batch passphrase is empty".into()));
    }
    if sealing && read("Repeat it: ")? != first {
        return Err(Error::Invalid(
            "the two passphrases differ; no batch was written".into(),
        ));
    }
    Ok(first)
}

/// What a plain batch holds, said before it is written.
pub(crate) const PLAINTEXT_WARNING: &str = "warning: --plaintext writes the batch as a folder of plain files: anyone who holds the stick or the disk reads every name, allegation, medical detail and narrative in it (--redact leaves the restricted fields out).";

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
        seal: if a.plaintext {
            eprintln!("{PLAINTEXT_WARNING}");
            Seal::Plaintext
        } else {
            let recipients = store.recipients()?;
            if recipients.is_empty() {
                Seal::Passphrase(batch_passphrase(true)?)
            } else {
                Seal::Recipients(recipients)
            }
        },
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
                "Exported {} hearing(s) as batch {} of monitor {} ({} profile{}), {}.",
                m.hearings,
                m.seq,
                m.monitor.code,
                m.profile,
                if m.redacted { ", redacted" } else { "" },
                match &opts.seal {
                    Seal::Recipients(r) =>
                        format!("sealed to {} lead key(s) of the roster", r.len()),
                    Seal::Passphrase(_) => "sealed with a passphrase".to_owned(),
                    Seal::Plaintext => "IN PLAIN TEXT".to_owned(),
                }
            );
            out.line(&done.path.display().to_string())
        }
    }
}
