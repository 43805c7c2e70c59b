//! `courtwatch outputs`: the output log — every batch, printout and report this database
//! wrote outside itself, newest first.

use clap::Args;

use super::{Context, Format, Out};
use crate::error::Result;

#[derive(Debug, Args)]
pub struct OutputsArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
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
