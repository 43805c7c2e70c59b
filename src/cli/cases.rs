//! `courtwatch cases`: trials (a case across its hearings) matching the filters, one trial
//! whole (`cases show`), and joining or splitting two records of one trial.

use clap::{Args, Subcommand};
use serde::Serialize;
use uuid::Uuid;

use super::{Context, FilterArgs, Format, Out};
use crate::domain::trial::{self, SITUATION_FIELDS};
use crate::error::{Error, Result};
use crate::i18n::Texts;
use crate::spec::{COURT_LIST, Lang, Spec};
use crate::store::{CaseSummary, Filter, Store, Trial};

#[derive(Debug, Args)]
pub struct CasesArgs {
    #[command(subcommand)]
    pub action: Option<CasesAction>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Show at most this many trials (latest hearing first)
    #[arg(long)]
    pub limit: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum CasesAction {
    /// One trial: its hearings, each defendant's situation across them, allegations and the
    /// checklist standards not met
    Show {
        /// A case id (as `cases` prints it) or the id of one of its hearings
        id: String,
        /// text or json
        #[arg(long, value_enum, default_value_t)]
        format: super::show::ShowFormat,
    },
    /// Join two case records that are the same trial (case or hearing ids); who and when are
    /// recorded, nothing is deleted
    Join { a: String, b: String },
    /// Undo a join: a join's id, or a case record's (every join in force touching it)
    Split { id: String },
    /// Case records that look like one trial (same court and case number), to join
    Suggest,
}

/// One trial as `cases` lists it.
#[derive(Debug, Serialize)]
struct Line<'a> {
    uuid: String,
    members: Vec<String>,
    case_number: &'a str,
    court: &'a str,
    court_name: &'a str,
    judge: &'a str,
    defendants: String,
    hearings: u32,
    first_date: &'a str,
    last_date: &'a str,
    next_date: &'a str,
}

fn line<'a>(spec: &'a Spec, s: &'a CaseSummary, lang: Lang) -> Line<'a> {
    Line {
        uuid: s.uuid.to_string(),
        members: s.members.iter().map(Uuid::to_string).collect(),
        case_number: &s.case_number,
        court: &s.court,
        court_name: spec.code_label(COURT_LIST, &s.court, lang),
        judge: &s.judge,
        defendants: s.defendants.join(" "),
        hearings: s.hearings,
        first_date: &s.first_date,
        last_date: &s.last_date,
        next_date: &s.next_date,
    }
}

pub fn run(ctx: &Context, a: CasesArgs, out: &mut Out) -> Result<()> {
    let texts = Texts::builtin().map_err(Error::Spec)?;
    match a.action {
        None => list(ctx, a.filter.into(), a.format, a.limit, out),
        Some(CasesAction::Show { id, format }) => {
            let store = ctx.open()?;
            let case = case_id(&store, &id)?;
            let trial = store.load_trial(case)?;
            match format {
                super::show::ShowFormat::Json => out.json(&json(store.spec(), &trial)),
                super::show::ShowFormat::Text => out.line(&crate::trial_text::text(
                    store.spec(),
                    &texts,
                    &trial,
                    ctx.lang,
                )),
            }
        }
        Some(CasesAction::Join { a, b }) => {
            let store = ctx.open()?;
            let (a, b) = (case_id(&store, &a)?, case_id(&store, &b)?);
            let join = store.join_cases(a, b)?;
            let trial = store.case_summary(a)?;
            out.line(&format!(
                "Joined {a} and {b} as one trial ({} case records, {} hearings); join {join}. \
                 `courtwatch cases split {join}` undoes it.",
                trial.members.len(),
                trial.hearings
            ))
        }
        Some(CasesAction::Split { id }) => {
            let store = ctx.open()?;
            let id = Uuid::parse_str(id.trim())
                .map_err(|_| Error::Invalid(format!("{id:?} is not a join or case id (a UUID)")))?;
            for j in store.split_cases(id)? {
                out.line(&format!(
                    "Split join {j}; both case records are kept as they were."
                ))?;
            }
            Ok(())
        }
        Some(CasesAction::Suggest) => {
            let store = ctx.open()?;
            let pairs = store.join_suggestions()?;
            if pairs.is_empty() {
                return out.line("No two case records share a court and a case number.");
            }
            for (a, b) in pairs {
                out.line(&format!(
                    "{} {}: {} ({} hearings) and {} ({} hearings): courtwatch cases join {} {}",
                    a.case_number, a.court, a.uuid, a.hearings, b.uuid, b.hearings, a.uuid, b.uuid
                ))?;
            }
            Ok(())
        }
    }
}

/// A case id, or the case of a hearing id.
fn case_id(store: &Store, id: &str) -> Result<Uuid> {
    let id = Uuid::parse_str(id.trim())
        .map_err(|_| Error::Invalid(format!("{id:?} is not a case or hearing id (a UUID)")))?;
    match store.case_summary(id) {
        Ok(_) => Ok(id),
        Err(Error::NoSuchRecord(_)) => Ok(store.load_hearing(id)?.case.uuid),
        Err(e) => Err(e),
    }
}

fn list(
    ctx: &Context,
    filter: Filter,
    format: Format,
    limit: Option<usize>,
    out: &mut Out,
) -> Result<()> {
    let store = ctx.open()?;
    let trials = store.trials_matching(&filter, limit.unwrap_or(usize::MAX))?;
    let spec = store.spec();
    let lines: Vec<Line<'_>> = trials.iter().map(|s| line(spec, s, ctx.lang)).collect();
    match format {
        Format::Json => out.json(&lines),
        Format::Csv => {
            let rows: Vec<Vec<String>> = lines
                .iter()
                .map(|l| {
                    vec![
                        l.uuid.clone(),
                        l.members.join("|"),
                        l.case_number.to_owned(),
                        l.court.to_owned(),
                        l.court_name.to_owned(),
                        l.judge.to_owned(),
                        l.defendants.clone(),
                        l.hearings.to_string(),
                        l.first_date.to_owned(),
                        l.last_date.to_owned(),
                        l.next_date.to_owned(),
                    ]
                })
                .collect();
            out.csv(
                &[
                    "uuid",
                    "case_records",
                    "case_number",
                    "court",
                    "court_name",
                    "judge",
                    "defendants",
                    "hearings",
                    "first_date",
                    "last_date",
                    "next_date",
                ],
                &rows,
            )
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = lines
                .iter()
                .map(|l| {
                    vec![
                        l.uuid.clone(),
                        l.case_number.to_owned(),
                        super::list::short(l.court_name, 30),
                        l.defendants.clone(),
                        l.hearings.to_string(),
                        l.first_date.to_owned(),
                        l.last_date.to_owned(),
                        l.next_date.to_owned(),
                    ]
                })
                .collect();
            out.table(
                &[
                    "id",
                    "case",
                    "court",
                    "defendants",
                    "hearings",
                    "first",
                    "latest",
                    "next",
                ],
                &rows,
            )
        }
    }
}

#[derive(Serialize)]
struct TrialJson<'a> {
    uuid: String,
    case_records: Vec<String>,
    case_number: &'a str,
    court: &'a str,
    articles: Vec<String>,
    next_date: &'a str,
    hearings: Vec<HearingJson<'a>>,
    defendants: Vec<DefendantJson>,
    checklist_not_met: Vec<NotMetJson>,
    joins: Vec<JoinJson>,
}

#[derive(Serialize)]
struct HearingJson<'a> {
    uuid: String,
    case_uuid: String,
    date: &'a str,
    stages: &'a str,
    outcome: &'a str,
    monitor: String,
    status: String,
    allegations: usize,
}

#[derive(Serialize)]
struct DefendantJson {
    party: String,
    code: String,
    /// Per hearing: the situation fields, or null when absent from that hearing.
    hearings: Vec<Option<std::collections::BTreeMap<&'static str, String>>>,
}

#[derive(Serialize)]
struct NotMetJson {
    code: String,
    hearings: Vec<usize>,
    answered: usize,
}

#[derive(Serialize)]
struct JoinJson {
    uuid: String,
    case_uuid: String,
    other_uuid: String,
    joined_by: String,
    joined_at: String,
    split_by: Option<String>,
    split_at: Option<String>,
}

fn json<'a>(spec: &Spec, t: &'a Trial) -> TrialJson<'a> {
    let s = &t.summary;
    TrialJson {
        uuid: s.uuid.to_string(),
        case_records: s.members.iter().map(Uuid::to_string).collect(),
        case_number: &s.case_number,
        court: &s.court,
        articles: crate::trial_text::articles(t),
        next_date: &s.next_date,
        hearings: t
            .records
            .iter()
            .map(|r| {
                let f = &r.hearing.fields;
                let get = |k: &str| f.get(k).map_or("", String::as_str);
                HearingJson {
                    uuid: r.hearing.uuid.to_string(),
                    case_uuid: r.case.uuid.to_string(),
                    date: get("hearing_date"),
                    stages: get("stages"),
                    outcome: get("session_outcome"),
                    monitor: t
                        .monitors
                        .get(&r.hearing.monitor_uuid)
                        .cloned()
                        .unwrap_or_default(),
                    status: r.hearing.status.to_string(),
                    allegations: r.allegations.len(),
                }
            })
            .collect(),
        defendants: trial::defendants(&t.records)
            .into_iter()
            .map(|d| DefendantJson {
                party: d.party.to_string(),
                code: d.code,
                hearings: d
                    .cells
                    .into_iter()
                    .map(|c| c.map(|v| SITUATION_FIELDS.into_iter().zip(v).collect()))
                    .collect(),
            })
            .collect(),
        checklist_not_met: trial::checklist(spec, &t.records)
            .into_iter()
            .filter(|l| !l.hearings.is_empty())
            .map(|l| NotMetJson {
                code: l.code,
                hearings: l.hearings.into_iter().map(|i| i + 1).collect(),
                answered: l.answered,
            })
            .collect(),
        joins: t
            .joins
            .iter()
            .map(|j| JoinJson {
                uuid: j.uuid.to_string(),
                case_uuid: j.case_uuid.to_string(),
                other_uuid: j.other_uuid.to_string(),
                joined_by: j.joined_by.to_string(),
                joined_at: j.joined_at.clone(),
                split_by: j.split_by.map(|u| u.to_string()),
                split_at: j.split_at.clone(),
            })
            .collect(),
    }
}
