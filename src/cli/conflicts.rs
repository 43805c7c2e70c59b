//! `courtwatch conflicts`: hearings whose incoming version neither descends from nor precedes
//! the local one; `conflicts resolve ID --keep local|incoming` keeps one side and records who
//! chose and when.

use clap::{Args, Subcommand, ValueEnum};
use uuid::Uuid;

use super::{Context, Format, Out};
use crate::error::{Error, Result};
use crate::store::ConflictRow;

#[derive(Debug, Args)]
pub struct ConflictsArgs {
    #[command(subcommand)]
    pub action: Option<ConflictsAction>,
    /// Also list resolved conflicts
    #[arg(long)]
    pub all: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum ConflictsAction {
    /// Keep one version of a conflicting hearing
    Resolve(ResolveArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Side {
    /// The version in this database
    Local,
    /// The version from the batch
    Incoming,
}

#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// The conflict's id, or the hearing's id when it has one open conflict
    pub id: String,
    /// Which version to keep
    #[arg(long, value_enum)]
    pub keep: Side,
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

pub fn run(ctx: &Context, a: ConflictsArgs, out: &mut Out) -> Result<()> {
    let store = ctx.open()?;
    if let Some(ConflictsAction::Resolve(r)) = a.action {
        let id = Uuid::parse_str(r.id.trim())
            .map_err(|_| Error::Invalid(format!("{:?} is not a conflict or hearing id", r.id)))?;
        let open = store.conflicts(false)?;
        let matching: Vec<&ConflictRow> = open
            .iter()
            .filter(|c| c.uuid == id || c.hearing_uuid == id)
            .collect();
        let conflict = match matching.as_slice() {
            [one] => *one,
            [] => {
                return Err(Error::Invalid(format!(
                    "no open conflict with id {id} (or for hearing {id}); `courtwatch conflicts` lists them"
                )));
            }
            many => {
                let ids: Vec<String> = many.iter().map(|c| c.uuid.to_string()).collect();
                return Err(Error::Invalid(format!(
                    "hearing {id} has {} open conflicts; name one by its id: {}",
                    many.len(),
                    ids.join(", ")
                )));
            }
        };
        let keep_incoming = r.keep == Side::Incoming;
        let tx = store.begin()?;
        store.resolve_conflict(&tx, conflict, keep_incoming)?;
        tx.commit().map_err(|e| store.explain(e))?;
        return out.line(&format!(
            "Resolved: hearing {} keeps the {} version.",
            conflict.hearing_uuid,
            if keep_incoming { "incoming" } else { "local" }
        ));
    }
    let rows = store.conflicts(a.all)?;
    match a.format {
        Format::Json => out.json(&rows),
        Format::Csv | Format::Table => {
            let headers = [
                "conflict", "hearing", "local", "incoming", "found_at", "resolved",
            ];
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|c| {
                    vec![
                        c.uuid.to_string(),
                        c.hearing_uuid.to_string(),
                        short(&c.local_hash).to_owned(),
                        short(&c.incoming_hash).to_owned(),
                        c.created_at.clone(),
                        match (&c.resolution, &c.resolved_by, &c.resolved_at) {
                            (Some(side), by, Some(at)) => {
                                format!("kept {side} ({} {at})", by.as_deref().unwrap_or("?"))
                            }
                            _ => String::new(),
                        },
                    ]
                })
                .collect();
            if a.format == Format::Csv {
                return out.csv(&headers, &table);
            }
            out.table(&headers, &table)?;
            out.line(&format!(
                "{} conflict(s){}. Resolve one with `courtwatch conflicts resolve ID --keep local|incoming`.",
                rows.len(),
                if a.all { "" } else { " open" }
            ))
        }
    }
}
