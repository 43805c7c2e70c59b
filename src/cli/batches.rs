//! `courtwatch batches`: the batches received, per monitor, with the sequence numbers still
//! missing, and the batches this database wrote.

use clap::Args;
use serde::Serialize;

use super::{Context, Format, Out};
use crate::error::Result;
use crate::store::{BatchIn, BatchOut, Gap, Received};

#[derive(Debug, Args)]
pub struct BatchesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Serialize)]
struct All {
    monitors: Vec<Received>,
    received: Vec<BatchIn>,
    sent: Vec<BatchOut>,
}

fn seq_list(gaps: &[Gap]) -> String {
    gaps.iter()
        .map(Gap::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn run(ctx: &Context, a: BatchesArgs, out: &mut Out) -> Result<()> {
    let store = ctx.open()?;
    let all = All {
        monitors: store.received()?,
        received: store.batches_in()?,
        sent: store.batches_out()?,
    };
    match a.format {
        Format::Json => out.json(&all),
        Format::Csv => {
            let rows: Vec<Vec<String>> = all
                .monitors
                .iter()
                .map(|r| {
                    vec![
                        r.code.clone(),
                        r.seqs.len().to_string(),
                        r.seqs.last().map(u32::to_string).unwrap_or_default(),
                        seq_list(&r.missing),
                    ]
                })
                .collect();
            out.csv(&["monitor", "received", "last", "missing"], &rows)
        }
        Format::Table => {
            out.line("Received, per monitor:")?;
            let rows: Vec<Vec<String>> = all
                .monitors
                .iter()
                .map(|r| {
                    vec![
                        r.code.clone(),
                        r.name.clone(),
                        r.seqs.len().to_string(),
                        r.seqs.last().map(u32::to_string).unwrap_or_default(),
                        if r.missing.is_empty() {
                            "none".into()
                        } else {
                            seq_list(&r.missing)
                        },
                    ]
                })
                .collect();
            out.table(&["monitor", "name", "received", "last", "missing"], &rows)?;
            out.line("")?;
            out.line("Merged batches:")?;
            let rows: Vec<Vec<String>> = all
                .received
                .iter()
                .map(|b| {
                    let c = &b.counts;
                    vec![
                        b.monitor_code.clone(),
                        b.seq.to_string(),
                        b.merged_at.clone(),
                        b.hearings.to_string(),
                        format!(
                            "{} new, {} updated, {} unchanged, {} kept local, {} conflicts",
                            c.new, c.updated, c.unchanged, c.kept_local, c.conflicts
                        ),
                    ]
                })
                .collect();
            out.table(
                &["monitor", "seq", "merged_at", "hearings", "result"],
                &rows,
            )?;
            out.line("")?;
            out.line("Written by this database:")?;
            let rows: Vec<Vec<String>> = all
                .sent
                .iter()
                .map(|b| {
                    vec![
                        b.seq.to_string(),
                        b.created_at.clone(),
                        b.hearings.to_string(),
                        b.scope.clone(),
                        format!(
                            "{}{}",
                            b.profile,
                            if b.redacted { ", redacted" } else { "" }
                        ),
                        b.name.clone(),
                    ]
                })
                .collect();
            out.table(
                &["seq", "created_at", "hearings", "scope", "profile", "name"],
                &rows,
            )
        }
    }
}
