//! `courtwatch erase`: destroy the database for good (DESIGN.md §6), after the word `erase` is
//! typed in the interface language (scripts pass `--confirm erase`). Nothing else erases.

use std::io::IsTerminal;

use clap::Args;

use super::{Context, Out};
use crate::error::{Error, Result};
use crate::i18n::Texts;

#[derive(Debug, Args)]
pub struct EraseArgs {
    /// The word `erase` (or its translation in the interface language), for scripts
    #[arg(long, value_name = "WORD")]
    pub confirm: Option<String>,
}

pub fn run(ctx: &Context, a: EraseArgs, out: &mut Out) -> Result<()> {
    let texts = Texts::builtin().map_err(Error::Spec)?;
    let word = texts.t(ctx.lang, "erase-word");
    let refused = || {
        Error::Invalid(format!(
            "nothing was erased: the word typed was not «{word}»"
        ))
    };
    if a.confirm
        .as_ref()
        .is_some_and(|w| !texts.is_erase_word(ctx.lang, w))
    {
        return Err(refused());
    }
    if a.confirm.is_none() && !std::io::stdin().is_terminal() {
        return Err(Error::Invalid(format!(
            "nothing was erased: with no terminal, pass --confirm {word}"
        )));
    }
    // The passphrase first: it proves this is the courtwatch database meant.
    let store = ctx.open()?;
    if a.confirm.is_none() {
        eprintln!("{}", texts.t(ctx.lang, "erase-warning"));
        eprint!("{} ", texts.t(ctx.lang, "erase-type-word"));
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| Error::io("terminal", e))?;
        if !texts.is_erase_word(ctx.lang, &line) {
            return Err(refused());
        }
    }
    let erased = store.erase()?;
    out.line(&format!(
        "Erased {}: its key was destroyed in {} ms, then its content; {} other file(s) and folder(s) removed.",
        ctx.db.display(),
        erased.key_destroyed.as_millis(),
        erased.removed.len()
    ))
}
