//! `courtwatch list`: hearings matching the filters, as a table, CSV or JSON.

use clap::Args;
use serde::Serialize;

use super::{Context, FilterArgs, Format, Out};
use crate::error::{Error, Result};
use crate::i18n::{Arg, Texts};
use crate::spec::{COURT_LIST, Spec};
use crate::store::{Filter, HearingSummary, Sort};

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Show at most this many hearings (newest first)
    #[arg(long)]
    pub limit: Option<u64>,
}

/// One listed hearing with its court's name and region resolved.
#[derive(Debug, Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    summary: &'a HearingSummary,
    court_name: &'a str,
    region: &'a str,
}

const HEADERS: &[&str] = &[
    "uuid",
    "hearing_date",
    "court",
    "court_name",
    "region",
    "judge",
    "case_number",
    "stages",
    "monitor",
    "status",
    "version",
    "held",
    "allegation",
    "closed",
    "no_counsel",
    "follow_up",
];

/// Flags as letters for the table: A allegation, C closed, N no counsel, F follow-up.
pub(crate) fn flag_letters(s: &HearingSummary) -> String {
    [
        (s.allegation, 'A'),
        (s.closed, 'C'),
        (s.no_counsel, 'N'),
        (s.follow_up, 'F'),
    ]
    .iter()
    .map(|&(on, c)| if on { c } else { '·' })
    .collect()
}

fn region<'a>(spec: &'a Spec, court: &str) -> &'a str {
    spec.court(court).map_or("", |c| c.region.as_str())
}

pub fn run(ctx: &Context, a: ListArgs, out: &mut Out) -> Result<()> {
    let store = ctx.open()?;
    let filter = Filter::from(a.filter);
    let hearings = store.list_hearings(
        &filter,
        Sort::default(),
        a.limit.unwrap_or(i64::MAX as u64),
        0,
    )?;
    let spec = store.spec();
    let lang = ctx.lang;
    match a.format {
        Format::Json => {
            let rows: Vec<Row<'_>> = hearings
                .iter()
                .map(|s| Row {
                    summary: s,
                    court_name: spec.code_label(COURT_LIST, &s.court, lang),
                    region: region(spec, &s.court),
                })
                .collect();
            out.json(&rows)
        }
        Format::Csv => {
            let b = |v: bool| if v { "1" } else { "0" }.to_string();
            let rows: Vec<Vec<String>> = hearings
                .iter()
                .map(|s| {
                    vec![
                        s.uuid.to_string(),
                        s.hearing_date.clone(),
                        s.court.clone(),
                        spec.code_label(COURT_LIST, &s.court, lang).to_owned(),
                        region(spec, &s.court).to_owned(),
                        s.judge.clone(),
                        s.case_number.clone(),
                        s.stages.clone(),
                        s.monitor.clone(),
                        s.status.to_string(),
                        s.version.to_string(),
                        s.held.clone(),
                        b(s.allegation),
                        b(s.closed),
                        b(s.no_counsel),
                        b(s.follow_up),
                    ]
                })
                .collect();
            out.csv(HEADERS, &rows)
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = hearings
                .iter()
                .map(|s| {
                    vec![
                        s.uuid.to_string(),
                        s.hearing_date.clone(),
                        short(spec.code_label(COURT_LIST, &s.court, lang), 34),
                        s.case_number.clone(),
                        s.monitor.clone(),
                        s.status.to_string(),
                        flag_letters(s),
                    ]
                })
                .collect();
            out.table(
                &["id", "date", "court", "case", "monitor", "status", "flags"],
                &rows,
            )?;
            let total = store.count_hearings(&filter)?;
            // The hearing list's own count and legend, with the language's plural.
            let texts = Texts::builtin().map_err(Error::Spec)?;
            let count = texts.t_args(
                lang,
                "list-count",
                &[("total", Arg::Num(i64::try_from(total).unwrap_or(i64::MAX)))],
            );
            let legend = texts.t(lang, "list-flags-legend");
            out.line(&format!("{} / {count}  ({legend})", rows.len()))
        }
    }
}

/// Cuts text to `n` characters with an ellipsis.
pub(super) fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n - 1).chain(['…']).collect()
    }
}
