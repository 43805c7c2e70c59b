//! `courtwatch cases`: trials (a case across its hearings) matching the filters, one trial
//! whole (`cases show`), and joining or splitting two records of one trial.

use clap::{Args, Subcommand};
use serde::Serialize;
use uuid::Uuid;

use super::{Context, FilterArgs, Format, Out};
use crate::domain::trial::{self, SITUATION_FIELDS};
use crate::error::{Error, Result};
use crate::i18n::{Arg, Texts};
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
                super::show::ShowFormat::Text => {
                    out.line(&text(store.spec(), &texts, &trial, ctx.lang))
                }
            }
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

/// A value of a hearing field or list as its label in `lang` (codes joined by `|` each).
fn label(spec: &Spec, list: &str, value: &str, lang: Lang) -> String {
    value
        .split('|')
        .filter(|v| !v.is_empty())
        .map(|v| spec.code_label(list, v, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The list a field's values come from, if it has one.
fn list_of<'a>(spec: &'a Spec, field: &str) -> &'a str {
    spec.field(field)
        .and_then(|(_, f)| f.list.as_deref())
        .unwrap_or("")
}

fn field_label<'a>(spec: &'a Spec, field: &'a str, lang: Lang) -> &'a str {
    spec.field(field).map_or(field, |(_, f)| f.label.get(lang))
}

/// The trial as plain text in `lang`.
pub fn text(spec: &Spec, texts: &Texts, t: &Trial, lang: Lang) -> String {
    use std::fmt::Write;
    let tr = |k: &str| texts.t(lang, k);
    let s = &t.summary;
    let mut o = String::new();
    let number = if s.case_number.is_empty() {
        tr("case-no-number")
    } else {
        s.case_number.clone()
    };
    let _ = writeln!(o, "{} {number}", tr("case-title"));
    let _ = writeln!(
        o,
        "{}: {}",
        field_label(spec, "court", lang),
        spec.code_label(COURT_LIST, &s.court, lang)
    );
    if let Some(r) = t.records.last() {
        let case = &r.case.fields;
        for f in ["case_type", "case_tags", "case_status"] {
            if let Some(v) = case.get(f).filter(|v| !v.is_empty()) {
                let _ = writeln!(
                    o,
                    "{}: {}",
                    field_label(spec, f, lang),
                    label(spec, list_of(spec, f), v, lang)
                );
            }
        }
    }
    let articles = articles(t);
    if !articles.is_empty() {
        let _ = writeln!(o, "{}: {}", tr("case-articles"), articles.join(", "));
    }
    let next = if s.next_date.is_empty() {
        tr("case-no-next")
    } else {
        s.next_date.clone()
    };
    let _ = writeln!(o, "{}: {next}", tr("case-next"));
    if !t.joins.is_empty() {
        let _ = writeln!(
            o,
            "{}",
            texts.t_args(
                lang,
                "case-joined",
                &[("n", Arg::Num(t.summary.members.len() as i64))]
            )
        );
    }

    let _ = writeln!(o, "\n{}", tr("case-hearings"));
    let rows: Vec<Vec<String>> = t
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let f = &r.hearing.fields;
            let get = |k: &str| f.get(k).cloned().unwrap_or_default();
            vec![
                format!("{}", i + 1),
                get("hearing_date"),
                label(spec, "hearing_stage", &get("stages"), lang),
                label(
                    spec,
                    list_of(spec, "session_outcome"),
                    &get("session_outcome"),
                    lang,
                ),
                t.monitors
                    .get(&r.hearing.monitor_uuid)
                    .cloned()
                    .unwrap_or_default(),
                r.hearing.status.to_string(),
            ]
        })
        .collect();
    o.push_str(&super::output::table(
        &[
            "#",
            &tr("case-col-date"),
            &tr("case-col-stage"),
            &tr("case-col-outcome"),
            &tr("case-col-monitor"),
            &tr("case-col-status"),
        ],
        &rows,
    ));

    let defendants = trial::defendants(&t.records);
    if !defendants.is_empty() {
        let _ = writeln!(o, "\n{}", tr("case-defendants"));
        let mut headers = vec![String::new()];
        headers.extend((1..=t.records.len()).map(|i| format!("#{i}")));
        for d in &defendants {
            let mut rows = Vec::new();
            for (k, field) in SITUATION_FIELDS.iter().enumerate() {
                let mut row = vec![field_label(spec, field, lang).to_owned()];
                row.extend(d.cells.iter().map(|c| match c {
                    None => "–".to_owned(),
                    Some(v) if v[k].is_empty() => "·".to_owned(),
                    Some(v) => label(spec, list_of(spec, field), &v[k], lang),
                }));
                rows.push(row);
            }
            let mut h: Vec<&str> = headers.iter().map(String::as_str).collect();
            h[0] = &d.code;
            o.push_str(&super::output::table(&h, &rows));
        }
    }

    let allegations: Vec<(usize, &crate::domain::Allegation)> = t
        .records
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.allegations.iter().map(move |a| (i, a)))
        .collect();
    let _ = writeln!(o, "\n{}", tr("case-allegations"));
    if allegations.is_empty() {
        let _ = writeln!(o, "{}", tr("case-none"));
    }
    for (i, a) in allegations {
        let r = &t.records[i];
        let who = a
            .party_uuid
            .and_then(|p| r.party(p))
            .and_then(|p| p.fields.get("display_code"))
            .cloned()
            .unwrap_or_default();
        let methods = a.fields.get("methods").cloned().unwrap_or_default();
        let followups = r
            .followups
            .iter()
            .filter(|f| f.allegation_uuid == a.uuid)
            .count();
        let _ = writeln!(
            o,
            "#{} {} {who}: {} ({})",
            i + 1,
            r.hearing
                .fields
                .get("hearing_date")
                .map_or("", String::as_str),
            label(spec, list_of(spec, "methods"), &methods, lang),
            texts.t_args(lang, "case-followups", &[("n", Arg::Num(followups as i64))])
        );
    }

    let _ = writeln!(o, "\n{}", tr("case-checklist"));
    let lines = trial::checklist(spec, &t.records);
    let not_met: Vec<_> = lines.iter().filter(|l| !l.hearings.is_empty()).collect();
    if not_met.is_empty() {
        let _ = writeln!(o, "{}", tr("case-none"));
    }
    for l in not_met {
        let name = match spec.checklist.item(&l.code) {
            Some((_, item)) => format!("  {} {}", l.code, item.question.get(lang)),
            None => spec
                .checklist
                .groups
                .iter()
                .find(|g| g.id == l.code)
                .map_or(l.code.clone(), |g| g.label.get(lang).to_owned()),
        };
        let at: Vec<String> = l.hearings.iter().map(|i| format!("#{}", i + 1)).collect();
        let _ = writeln!(
            o,
            "{name}: {}/{} ({})",
            l.hearings.len(),
            l.answered,
            at.join(" ")
        );
    }
    o
}

/// The trial's charge articles, each once, in order.
pub fn articles(t: &Trial) -> Vec<String> {
    let mut v: Vec<String> = t
        .records
        .iter()
        .flat_map(|r| r.charges.iter())
        .filter_map(|c| c.fields.get("article").cloned())
        .filter(|a| !a.is_empty())
        .collect();
    v.sort();
    v.dedup();
    v
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
}

fn json<'a>(spec: &Spec, t: &'a Trial) -> TrialJson<'a> {
    let s = &t.summary;
    TrialJson {
        uuid: s.uuid.to_string(),
        case_records: s.members.iter().map(Uuid::to_string).collect(),
        case_number: &s.case_number,
        court: &s.court,
        articles: articles(t),
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
            })
            .collect(),
    }
}
