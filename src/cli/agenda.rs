//! `courtwatch agenda`: each open trial's next hearing, by day, from today.

use clap::Args;

use super::{Context, Out};
use crate::domain::trial;
use crate::error::{Error, Result};
use crate::i18n::Texts;
use crate::spec::COURT_LIST;
use crate::store::AgendaItem;

#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// Look this many days ahead (today included)
    #[arg(long, default_value_t = 30)]
    pub days: u32,
}

pub fn run(ctx: &Context, a: AgendaArgs, out: &mut Out) -> Result<()> {
    let texts = Texts::builtin().map_err(Error::Spec)?;
    let store = ctx.open()?;
    let today = store.today();
    let items = store.agenda(&today, trial::until(&today, a.days).as_deref())?;
    let lang = ctx.lang;
    if items.is_empty() {
        return out.line(&texts.t(lang, "agenda-empty"));
    }
    let mut group = "";
    let mut rows: Vec<Vec<String>> = Vec::new();
    let flush = |rows: &mut Vec<Vec<String>>, out: &mut Out| -> Result<()> {
        if !rows.is_empty() {
            out.table(
                &["date", "court", "room", "case", "defendants", "hearings"],
                rows,
            )?;
            rows.clear();
        }
        Ok(())
    };
    for AgendaItem { date, trial } in &items {
        let g = trial::day_group(&today, date);
        if g != group {
            flush(&mut rows, out)?;
            if !group.is_empty() {
                out.line("")?;
            }
            out.line(&texts.t(lang, g))?;
            group = g;
        }
        rows.push(vec![
            date.clone(),
            super::list::short(store.spec().code_label(COURT_LIST, &trial.court, lang), 30),
            trial.courtroom.clone(),
            trial.case_number.clone(),
            trial.defendants.join(" "),
            trial.hearings.to_string(),
        ]);
    }
    flush(&mut rows, out)
}
