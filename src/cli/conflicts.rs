//! `courtwatch conflicts`: hearings whose incoming version neither descends from nor precedes
//! the local one; `conflicts resolve ID --keep local|incoming` keeps one side and records who
//! chose and when; `conflicts resolve ID --take FIELD,...` makes a new version, the local one
//! with the listed values taken from the incoming one.

use clap::{Args, Subcommand, ValueEnum};
use uuid::Uuid;

use super::{Context, Format, Out};
use crate::domain::{Take, differing};
use crate::error::{Error, Result};
use crate::store::{ConflictRow, FieldsResolved, Store};

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
    /// Keep one version of a conflicting hearing, or take chosen values from the incoming one
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
    /// Which version to keep whole
    #[arg(
        long,
        value_enum,
        required_unless_present = "take",
        conflicts_with = "take"
    )]
    pub keep: Option<Side>,
    /// Keep the local version but take these values from the incoming one: `case.FIELD`,
    /// `hearing.FIELD`, `ENTITY:ID.FIELD` (a row both versions have) or `answer:ITEM[:PARTY]`,
    /// comma-separated. An unknown one is refused with the list of values that differ.
    #[arg(long, value_delimiter = ',', value_name = "FIELD,...")]
    pub take: Vec<String>,
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
        if r.keep.is_none() {
            return resolve_fields(&store, conflict, &r.take, out);
        }
        let keep_incoming = r.keep == Some(Side::Incoming);
        store.resolve_open_conflict(conflict.uuid, keep_incoming)?;
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
                            (Some(how), by, Some(at)) => {
                                let how = match how.as_str() {
                                    "fields" => "fields chosen".to_owned(),
                                    side => format!("kept {side}"),
                                };
                                format!("{how} ({} {at})", by.as_deref().unwrap_or("?"))
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
                "{} conflict(s){}. Resolve one with `courtwatch conflicts resolve ID --keep local|incoming` \
                 or `--take FIELD,...`.",
                rows.len(),
                if a.all { "" } else { " open" }
            ))
        }
    }
}

/// `conflicts resolve ID --take ...`: the local version with the listed incoming values.
fn resolve_fields(
    store: &Store,
    conflict: &ConflictRow,
    take: &[String],
    out: &mut Out,
) -> Result<()> {
    let local = store.load_hearing(conflict.hearing_uuid)?;
    let incoming = store.conflict_incoming(conflict.uuid)?;
    let differ = differing(&local, &incoming);
    let mut chosen = Vec::new();
    for text in take.iter().filter(|t| !t.trim().is_empty()) {
        match Take::parse(text, &local) {
            Some(t) if differ.contains(&t) => chosen.push(t),
            _ => {
                let names: Vec<String> = differ.iter().map(Take::to_string).collect();
                return Err(Error::Invalid(format!(
                    "{text:?} is not a value that differs between the two versions of hearing {}; \
                     these do: {}",
                    conflict.hearing_uuid,
                    if names.is_empty() {
                        "none".to_owned()
                    } else {
                        names.join(", ")
                    }
                )));
            }
        }
    }
    if chosen.is_empty() {
        return Err(Error::Invalid(
            "--take needs at least one value; or keep one side with --keep local|incoming".into(),
        ));
    }
    let how = store.resolve_open_conflict_fields(conflict.uuid, &chosen)?;
    let hearing = conflict.hearing_uuid;
    out.line(&match how {
        FieldsResolved::KeptLocal => {
            format!("Resolved: hearing {hearing} keeps the local version (nothing to take).")
        }
        FieldsResolved::KeptIncoming => format!(
            "Resolved: hearing {hearing} keeps the incoming version (every difference was taken)."
        ),
        FieldsResolved::NewVersion { changed } => format!(
            "Resolved: hearing {hearing} has a new version, the local one with {changed} value(s) \
             from the incoming version."
        ),
    })
}
