//! `courtwatch outputs`: the output log — every batch, printout and report this database
//! wrote outside itself, newest first; with `--received`, the logs monitors' batches brought
//! to this (lead's) database, by monitor.

use clap::Args;

use super::{Context, Format, Out};
use crate::error::Result;

#[derive(Debug, Args)]
pub struct OutputsArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// The logs monitors' merged batches brought (each row with the monitor it came from)
    #[arg(long)]
    pub received: bool,
}

const HEADER: [&str; 8] = [
    "at",
    "kind",
    "form",
    "redacted",
    "sha256",
    "sealed_to",
    "who",
    "path",
];

pub fn run(ctx: &Context, a: OutputsArgs, out: &mut Out) -> Result<()> {
    let store = ctx.open()?;
    if a.received {
        return received(&store, a.format, out);
    }
    let log = store.outputs()?;
    let rows: Vec<Vec<String>> = log
        .iter()
        .map(|e| {
            vec![
                e.at.clone(),
                e.kind.code().to_owned(),
                if e.sealed { "sealed" } else { "plain" }.to_owned(),
                if e.redacted { "yes" } else { "no" }.to_owned(),
                e.sha256.clone(),
                e.sealed_to.clone(),
                e.who.clone(),
                e.path.clone(),
            ]
        })
        .collect();
    match a.format {
        Format::Json => out.json(&log),
        Format::Csv => out.csv(&HEADER, &rows),
        Format::Table => {
            if rows.is_empty() {
                return out.line("Nothing was written outside the database.");
            }
            out.table(&HEADER, &rows)
        }
    }
}

/// The rows monitors' batches brought: the monitor first, then the row as its log has it.
fn received(store: &crate::store::Store, format: Format, out: &mut Out) -> Result<()> {
    #[derive(serde::Serialize)]
    struct Received<'a> {
        monitor: &'a str,
        #[serde(flatten)]
        entry: &'a crate::store::OutputEntry,
    }
    let log = store.outputs_received()?;
    let rows: Vec<Vec<String>> = log
        .iter()
        .map(|(monitor, e)| {
            vec![
                monitor.clone(),
                e.at.clone(),
                e.kind.code().to_owned(),
                if e.sealed { "sealed" } else { "plain" }.to_owned(),
                if e.redacted { "yes" } else { "no" }.to_owned(),
                e.sha256.clone(),
                e.sealed_to.clone(),
                e.path.clone(),
            ]
        })
        .collect();
    let header = [
        "monitor",
        "at",
        "kind",
        "form",
        "redacted",
        "sha256",
        "sealed_to",
        "path",
    ];
    match format {
        Format::Json => out.json(
            &log.iter()
                .map(|(monitor, entry)| Received { monitor, entry })
                .collect::<Vec<_>>(),
        ),
        Format::Csv => out.csv(&header, &rows),
        Format::Table => {
            if rows.is_empty() {
                return out.line("No monitor's batch has brought an output log yet.");
            }
            out.table(&header, &rows)
        }
    }
}
