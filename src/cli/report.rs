//! `courtwatch report`: every figure of `stats` for the hearings matching the filters, as a
//! self-contained HTML page or an XLSX workbook to hand over (`crate::publish`). Prints the
//! path written.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::stats::Dimension;
use super::{Context, FilterArgs, Out};
use crate::error::{Error, Result};
use crate::i18n::Texts;
use crate::publish::{self, Arrangement, Options};
use crate::store::Filter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ReportBy {
    /// One section per group of figures, as `stats` prints them
    #[default]
    Group,
    /// One section per right and treaty article the checklist cites
    Right,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// The file to write
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// html or xlsx [default: from the file's extension, else html]
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Mark for publication: breakdown cells below the setting `report.suppress_below`
    /// (default 5) are hidden
    #[arg(long)]
    pub public: bool,
    /// Arrange the sections by group of figures or by right and treaty article
    #[arg(long, value_enum, default_value_t)]
    pub by: ReportBy,
    /// Also break every figure down by this (repeatable); figures are always broken down by
    /// their categories. Judges are numbered, never named
    #[arg(long = "breakdown", value_enum, value_name = "DIMENSION")]
    pub breakdowns: Vec<Dimension>,
}

pub fn run(ctx: &Context, a: ReportArgs, out: &mut Out) -> Result<()> {
    let format = match a.format {
        Some(ReportFormat::Html) => publish::Format::Html,
        Some(ReportFormat::Xlsx) => publish::Format::Xlsx,
        None => match a.out.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("xlsx") => publish::Format::Xlsx,
            _ => publish::Format::Html,
        },
    };
    let store = ctx.open()?;
    let texts = Texts::builtin().map_err(Error::Spec)?;
    let options = Options {
        lang: ctx.lang,
        arrangement: match a.by {
            ReportBy::Group => Arrangement::Group,
            ReportBy::Right => Arrangement::Right,
        },
        public: a.public,
        suppress_below: publish::suppress_below(&store)?,
        breakdowns: a.breakdowns.iter().map(|d| d.by()).collect(),
    };
    publish::write(
        &store,
        &texts,
        &Filter::from(a.filter),
        &options,
        format,
        &a.out,
    )?;
    out.line(&a.out.display().to_string())
}
