//! `courtwatch passphrase`: change the database's passphrase (DESIGN.md §6). The new one is
//! asked twice, with the strength hint of the first run; scripts give it in
//! `COURTWATCH_NEW_PASSPHRASE`.

use std::io::IsTerminal;

use clap::Args;

use super::{Context, Out};
use crate::error::{Error, Result};
use crate::i18n::Texts;
use crate::store::Passphrase;
use crate::tui::screens::first_run::strength;

/// The environment variable scripts and tests use to give the new passphrase.
pub(crate) const NEW_PASSPHRASE_VAR: &str = "COURTWATCH_NEW_PASSPHRASE";

#[derive(Debug, Args)]
pub struct PassphraseArgs {}

pub fn run(ctx: &Context, _a: PassphraseArgs, out: &mut Out) -> Result<()> {
    let store = ctx.open()?;
    let texts = Texts::builtin().map_err(Error::Spec)?;
    let new = new_passphrase(&format!("New passphrase for {}: ", ctx.db.display()))?;
    let hint = format!(
        "{} {}",
        texts.t(ctx.lang, "first-run-strength"),
        texts.t(ctx.lang, strength(&new))
    );
    let store = store.change_passphrase(&new)?;
    out.line(&hint)?;
    out.line(&format!(
        "The passphrase of {} is changed; the old one no longer opens it.",
        store.path().display()
    ))
}

/// The new passphrase from `COURTWATCH_NEW_PASSPHRASE`, else asked twice on the terminal.
fn new_passphrase(prompt: &str) -> Result<Passphrase> {
    if let Ok(p) = std::env::var(NEW_PASSPHRASE_VAR) {
        let p = Passphrase::new(p);
        if p.is_empty() {
            return Err(Error::Invalid(format!(
                "{NEW_PASSPHRASE_VAR} is set but empty"
            )));
        }
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Invalid(format!(
            "no terminal to ask the new passphrase on; set {NEW_PASSPHRASE_VAR}"
        )));
    }
    let read = |p: &str| {
        rpassword::prompt_password(p)
            .map(Passphrase::new)
            .map_err(|e| Error::io("terminal", e))
    };
    let first = read(prompt)?;
    if first.is_empty() {
        return Err(Error::Invalid("the passphrase is empty".into()));
    }
    if read("Repeat the new passphrase: ")? != first {
        return Err(Error::Invalid(
            "the two passphrases differ; the passphrase was not changed".into(),
        ));
    }
    Ok(first)
}
