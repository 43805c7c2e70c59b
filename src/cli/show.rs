//! `courtwatch show UUID`: one hearing with its case, parties, charges, checklist answers,
//! allegations, timeline and audit history.

use clap::{Args, ValueEnum};
use uuid::Uuid;

use super::{Context, Out};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ShowFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The hearing's id (as `list` prints it)
    pub uuid: String,
    #[arg(long, value_enum, default_value_t)]
    pub format: ShowFormat,
}

pub fn run(ctx: &Context, a: ShowArgs, out: &mut Out) -> Result<()> {
    let id = Uuid::parse_str(a.uuid.trim())
        .map_err(|_| Error::Invalid(format!("{:?} is not a hearing id (a UUID)", a.uuid)))?;
    let store = ctx.open()?;
    let record = store.load_hearing(id)?;
    match a.format {
        ShowFormat::Json => out.json(&record),
        ShowFormat::Text => out.line(&crate::printout::hearing_text(
            store.spec(),
            &record,
            ctx.lang,
        )),
    }
}
