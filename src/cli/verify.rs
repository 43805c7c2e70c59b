//! `courtwatch verify BATCH`: check a batch without importing it. A folder needs no
//! database; a sealed file is opened with the database's key (or a passphrase) and its signer
//! looked up in the roster.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;

use super::{Context, Out};
use crate::error::{Error, Result};
use crate::exchange::merge::judge_signer;
use crate::exchange::sealed::{Keys, Sealed, needs_passphrase};
use crate::exchange::verify::{Place, verify_at};
use crate::exchange::{Msg, describe_problems, printable};
use crate::msg;

/// `m` in `lang`.
pub fn say(m: &Msg, lang: crate::spec::Lang) -> String {
    crate::i18n::Texts::with_shared(|t| m.render(t, lang))
}
use crate::store::Store;

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The sealed batch (courtwatch-CODE-SEQ-TIME.age) or batch folder
    pub batch: PathBuf,
}

/// Opens the batch at `path`: a folder as it is, a sealed file with this database's age
/// identity or the batch passphrase (`COURTWATCH_BATCH_PASSPHRASE`, else asked). Nothing is
/// written anywhere.
pub(crate) fn open_batch(store: Option<&Store>, path: &Path) -> Result<Place> {
    if let Some(folder) = Place::folder(path) {
        return Ok(folder);
    }
    let refused =
        |why: String| Error::Invalid(format!("{} {why}; nothing was changed", shown(path)));
    let scrypt = needs_passphrase(path).map_err(|u| refused(u.0))?;
    let keys = Keys {
        identity: match store {
            Some(s) => s.age_identity()?.map(|a| a.identity().clone()),
            None => None,
        },
        passphrase: if scrypt {
            Some(
                super::export::batch_passphrase(false)
                    .map_err(|e| refused(format!("was sealed with a passphrase: give it ({e})")))?,
            )
        } else {
            None
        },
    };
    Sealed::open(path, keys)
        .map(|s| Place::Sealed(Arc::new(s)))
        .map_err(|u| refused(u.0))
}

/// How many problems an error message lists before "… and N more".
pub(crate) const SHOWN_PROBLEMS: usize = 50;

/// A path as a message shows it (a folder's name is chosen by whoever made it).
pub fn shown(path: &std::path::Path) -> String {
    printable(&path.display().to_string()).into_owned()
}

/// Warnings go to stderr, as many as problems are shown, then how many more there are.
pub fn warn(warnings: &crate::exchange::Problems, indent: &str, lang: crate::spec::Lang) {
    let warning = say(&Msg::new("merge-warning"), lang);
    for w in warnings.iter().take(SHOWN_PROBLEMS) {
        eprintln!("{indent}{warning} {}", w.render(lang));
    }
    let rest = warnings.total().saturating_sub(SHOWN_PROBLEMS as u64);
    if rest > 0 {
        eprintln!(
            "{indent}{}",
            say(&msg!("batch-more-warnings", count = rest), lang)
        );
    }
}

pub fn run(ctx: &Context, a: VerifyArgs, out: &mut Out) -> Result<()> {
    let store = if a.batch.is_dir() {
        None
    } else {
        Some(ctx.open()?)
    };
    let place = open_batch(store.as_ref(), &a.batch)?;
    let mut checked = verify_at(&ctx.spec, &place);
    if let (Some(store), Ok(batch)) = (&store, &mut checked)
        && let Some(p) = judge_signer(store, batch, true, &[])?
    {
        checked = Err(vec![p].into());
    }
    match checked {
        Ok(batch) => {
            let m = &batch.manifest;
            out.line(&say(
                &msg!(
                    "batch-verify-valid",
                    batch = shown(&a.batch),
                    monitor = printable(&m.monitor.code).into_owned(),
                    seq = m.seq.to_string(),
                    count = batch.hearings.len(),
                    profile = m.profile.code(),
                    redacted = if m.redacted { "yes" } else { "no" }
                ),
                ctx.lang,
            ))?;
            out.line(&say(
                &match &batch.signer {
                    Some(k) => msg!(
                        "batch-verify-signed",
                        fingerprint = crate::keys::fingerprint(k)
                    ),
                    None => msg!("batch-verify-unsigned"),
                },
                ctx.lang,
            ))?;
            out.flush()?;
            warn(&batch.warnings, "", ctx.lang);
            Ok(())
        }
        Err(problems) => Err(Error::Invalid(format!(
            "{}\n{}",
            say(
                &msg!(
                    "batch-verify-invalid",
                    batch = shown(&a.batch),
                    count = problems.total()
                ),
                ctx.lang
            ),
            describe_problems(&problems, SHOWN_PROBLEMS, ctx.lang)
        ))),
    }
}
