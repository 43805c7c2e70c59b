//! `courtwatch keys show | add FILE | list | remove FINGERPRINT`: this database's public keys
//! and the roster of others' (DESIGN.md §4 "Sealed batches").

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Context, Out};
use crate::error::{Error, Result};
use crate::exchange::printable;
use crate::keys::{KeyKind, fingerprint, parse_key_file};

#[derive(Debug, Args)]
pub struct KeysArgs {
    #[command(subcommand)]
    pub command: KeysCommand,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Print this database's public keys (made now if missing), with their fingerprints
    Show {
        /// Also make (if needed) and print an age recipient, for monitors to seal batches to
        /// (a lead's database)
        #[arg(long)]
        recipient: bool,
    },
    /// Put the public keys of FILE in the roster (a lead's age recipient, a monitor's
    /// minisign key), after showing their fingerprints
    Add {
        /// A file of `courtwatch keys show`, an age recipient file, or a minisign .pub file
        file: PathBuf,
        /// A name for the key's owner, shown by `keys list`
        #[arg(long, default_value = "")]
        label: String,
        /// Accept the fingerprints shown without asking (only after comparing them)
        #[arg(long)]
        yes: bool,
    },
    /// The roster: each public key with its kind, fingerprint and label
    List,
    /// Remove a key from the roster, by its fingerprint
    Remove { fingerprint: String },
}

/// The largest key file read (a few lines are expected).
const KEY_FILE_MAX: u64 = 64 << 10;

pub fn run(ctx: &Context, a: KeysArgs, out: &mut Out) -> Result<()> {
    let store = ctx.open()?;
    match a.command {
        KeysCommand::Show { recipient } => {
            let age = if recipient {
                Some(store.age_identity_or_make()?)
            } else {
                store.age_identity()?
            };
            if let Some(age) = age {
                let r = age.recipient();
                out.line(&format!(
                    "# age recipient: monitors seal batches to it; fingerprint {}",
                    fingerprint(&r)
                ))?;
                out.line(&r)?;
            }
            let sk = store.signing_key_or_make()?;
            let p = sk.public_text();
            out.line(&format!(
                "# minisign public key: it signs this database's batches; fingerprint {}",
                fingerprint(&p)
            ))?;
            out.line(&p)
        }
        KeysCommand::Add { file, label, yes } => {
            let text = read_key_file(&file)?;
            let keys = parse_key_file(&text)?;
            for k in &keys {
                eprintln!("{}: {}", k.kind.words(), k.text);
                eprintln!("  fingerprint {}", k.fingerprint());
            }
            if !yes
                && !confirm(
                    "Is this the fingerprint the key's owner reads out from their own screen? [y/N] ",
                )?
            {
                return Err(Error::Invalid(
                    "not added: the fingerprint was not confirmed (compare it with the key's owner, then answer y, or pass --yes)".into(),
                ));
            }
            for k in &keys {
                let added = store.roster_add(k, &label, "keys_add")?;
                out.line(&format!(
                    "{} {} {}",
                    if added {
                        "added"
                    } else {
                        "already in the roster:"
                    },
                    k.kind.code(),
                    k.fingerprint()
                ))?;
            }
            Ok(())
        }
        KeysCommand::List => {
            let rows: Vec<Vec<String>> = store
                .roster()?
                .into_iter()
                .map(|e| {
                    vec![
                        e.fingerprint,
                        e.key.kind.code().to_owned(),
                        printable(&e.label).into_owned(),
                        e.added_at,
                        e.key.text,
                    ]
                })
                .collect();
            if rows.is_empty() {
                eprintln!(
                    "The roster is empty: add a lead's recipient or a monitor's signing key with `courtwatch keys add FILE`."
                );
                return Ok(());
            }
            out.table(&["fingerprint", "kind", "label", "added", "key"], &rows)
        }
        KeysCommand::Remove { fingerprint } => {
            let gone = store.roster_remove(&fingerprint)?;
            if gone.is_empty() {
                return Err(Error::Invalid(format!(
                    "no key in the roster has the fingerprint {}; `courtwatch keys list` shows them",
                    printable(&fingerprint)
                )));
            }
            for e in gone {
                let what = match e.key.kind {
                    KeyKind::Recipient => "batches are no longer sealed to it",
                    KeyKind::Signer => "batches it signs are no longer trusted",
                };
                out.line(&format!(
                    "removed {} {}: {what}",
                    e.key.kind.code(),
                    e.fingerprint
                ))?;
            }
            Ok(())
        }
    }
}

fn read_key_file(path: &std::path::Path) -> Result<String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(KEY_FILE_MAX + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > KEY_FILE_MAX {
        return Err(Error::Invalid(format!(
            "{} is too large to be a key file",
            path.display()
        )));
    }
    String::from_utf8(bytes)
        .map_err(|_| Error::Invalid(format!("{} is not a text file of keys", path.display())))
}

/// Asks a yes/no question on the terminal; without one, the answer is no.
pub fn confirm(question: &str) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Ok(false);
    }
    eprint!("{question}");
    std::io::stderr()
        .flush()
        .map_err(|e| Error::io("terminal", e))?;
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Error::io("terminal", e))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "да" | "ҳа"))
}
