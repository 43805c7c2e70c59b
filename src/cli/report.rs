//! `courtwatch report`: every figure of `stats` for the hearings matching the filters, as a
//! self-contained HTML page or an XLSX workbook to hand over (`crate::publish`). Prints the
//! path written. An aggregate report is a plain file; one that names people
//! (`--name-judges`) is sealed like a batch (`FILE.age`, to the roster's leads or the batch
//! passphrase), or plain only with `--plaintext`, after a warning naming what it holds.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::export::batch_passphrase;
use super::stats::Dimension;
use super::{Context, FilterArgs, Out};
use crate::error::{Error, Result};
use crate::exchange::export::Seal;
use crate::i18n::Texts;
use crate::publish::{self, Arrangement, Options};
use crate::stats::By;
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
    /// their categories. Judges are numbered, unless --name-judges
    #[arg(long = "breakdown", value_enum, value_name = "DIMENSION")]
    pub breakdowns: Vec<Dimension>,
    /// Break figures down by judge with the judges' names as recorded (for the legal aid
    /// group, not for publication): the report is sealed like a batch, as FILE.age
    #[arg(long, conflicts_with = "public")]
    pub name_judges: bool,
    /// Write a report that names people as a plain file anyone holding it reads
    #[arg(long)]
    pub plaintext: bool,
}

/// What a plain report that names people holds, said before it is written.
pub const PLAINTEXT_WARNING: &str = "warning: --plaintext writes the report as a plain file: anyone who holds the disk or the stick reads the judges' names with their figures (without --name-judges, judges are numbered and the report stays a plain file).";

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
    let mut options = Options {
        lang: ctx.lang,
        arrangement: match a.by {
            ReportBy::Group => Arrangement::Group,
            ReportBy::Right => Arrangement::Right,
        },
        public: a.public,
        suppress_below: publish::suppress_below(&store)?,
        breakdowns: a.breakdowns.iter().map(|d| d.by()).collect(),
        name_judges: a.name_judges,
        plaintext: a.plaintext,
    };
    if options.name_judges && !options.breakdowns.contains(&By::Judge) {
        options.breakdowns.push(By::Judge);
    }
    // Aggregate figures travel plain; names are sealed unless plain text was asked for.
    let seal = if !options.named() {
        Seal::Plaintext
    } else if a.plaintext {
        eprintln!("{PLAINTEXT_WARNING}");
        Seal::Plaintext
    } else if store.is_read_only() {
        // Refused below, before any passphrase is asked.
        Seal::Plaintext
    } else {
        let recipients = store.recipients()?;
        if recipients.is_empty() {
            Seal::Passphrase(batch_passphrase(true)?)
        } else {
            Seal::Recipients(recipients)
        }
    };
    let path = publish::write(
        &store,
        &texts,
        &Filter::from(a.filter),
        &options,
        format,
        &a.out,
        &seal,
    )?;
    out.line(&path.display().to_string())
}
