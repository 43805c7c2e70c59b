//! Reading the database for the figures: each table once, through the narrow indexes and the
//! checklist tally of migration 0003, never whole records.
//!
//! The selected hearings come from the same `WHERE` clause as `list` ([`Store::filter_sql`]).
//! Parties, hearing parties, allegations, follow-ups and checklist tallies are scanned whole:
//! on an encrypted file, sequential scans of small indexes cost far less than a random lookup
//! per row. This thread steps the queries and copies their rows in batches to a worker that
//! folds them into the accumulators (`fold`), so that decrypting pages and counting run on
//! two cores at once.

use std::sync::mpsc;

use rusqlite::types::{Value, ValueRef};

use super::Settings;
use super::codes::VERDICT_PRONOUNCED;
use super::fold::{Acc, Fold};
use super::tally::FastMap;
use crate::error::{Error, Result};
use crate::store::{Filter, Store};

/// The hearing fields the figures read, in the order of the `hearings_stats` index; `Hf` names
/// their positions.
pub(super) const HEARING_FIELDS: [&str; 18] = [
    "hearing_held",
    "scheduled_start_time",
    "actual_start_time",
    "postponement_reason",
    "location",
    "public_access",
    "closure_ground",
    "closure_decision_reasoned",
    "relatives_denied",
    "monitor_access",
    "session_outcome",
    "preventive_measure_decision",
    "verdict",
    "sentence_type",
    "sentence_years",
    "sentence_months",
    "verdict_pronounced_publicly",
    "entered_after_hearing",
];

#[derive(Debug, Clone, Copy)]
pub(super) enum Hf {
    Held,
    Scheduled,
    Actual,
    Reasons,
    Location,
    Access,
    Ground,
    Reasoned,
    RelativesDenied,
    MonitorAccess,
    Outcome,
    Decision,
    Verdict,
    SentenceType,
    Years,
    Months,
    VerdictPublic,
    EnteredAfter,
}

/// The party fields, in the order of the `parties_stats` index.
pub(super) const PARTY_FIELDS: [&str; 5] =
    ["role", "sex", "age", "is_minor", "victim_representation"];

/// The hearing-party fields, in the order of the `hearing_parties_stats` index; `Pf` names
/// their positions.
pub(super) const HEARING_PARTY_FIELDS: [&str; 9] = [
    "attendance",
    "courtroom_position",
    "restraints",
    "prison_clothing",
    "counsel_type",
    "counsel_present",
    "mandatory_defence",
    "interpretation_needed",
    "protective_measures",
];

#[derive(Debug, Clone, Copy)]
pub(super) enum Pf {
    Attendance,
    Position,
    Restraints,
    PrisonClothing,
    CounselType,
    CounselPresent,
    Mandatory,
    Interpretation,
    Measures,
}

pub(super) const ALLEGATION_FIELDS: [&str; 6] = [
    "perpetrator_agency",
    "methods",
    "purposes",
    "judge_reaction",
    "exam_ordered",
    "evidence_decision",
];

/// `ifnull(json_extract(alias.data, '$.f1'), '') || char(31) || …`: the values of several
/// fields in one text, as the indexes of migration 0003 hold them (with `data` unqualified
/// when `alias` is empty). Reading one packed value instead of a column per field halves the
/// work per row.
pub(super) fn packed(alias: &str, fields: &[&str]) -> String {
    let data = if alias.is_empty() {
        "data".to_owned()
    } else {
        format!("{alias}.data")
    };
    fields
        .iter()
        .map(|f| format!("ifnull(json_extract({data}, '$.{f}'), '')"))
        .collect::<Vec<_>>()
        .join(" || char(31) || ")
}

/// Which query a row comes from; the worker folds them in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pass {
    /// Cases with tags: uuid, tags.
    Tags,
    /// Selected hearings: uuid, case, monitor, status, court, date, judge, HEARING_FIELDS
    /// packed, and for verdicts the date of the case's first hearing.
    Hearings,
    /// Parties: uuid, case, PARTY_FIELDS packed.
    Parties,
    /// Hearing parties: hearing, party, HEARING_PARTY_FIELDS packed.
    HearingParties,
    /// Allegations: uuid, hearing, party, ALLEGATION_FIELDS packed.
    Allegations,
    /// Follow-ups: allegation, action.
    Followups,
    /// Checklist tallies: hearing, tokens.
    Tally,
}

/// Rows of one query copied out of SQLite: cell `i` ends at `ends[i]` in `text`, cells row by
/// row. NULL and non-text values the queries do not produce are empty cells.
pub(super) struct Batch {
    pub pass: Pass,
    cols: usize,
    text: String,
    ends: Vec<u32>,
}

/// Rows per batch: big enough to make the hand-over cheap, small enough to keep memory flat.
const BATCH_ROWS: usize = 2048;

impl Batch {
    fn new(pass: Pass, cols: usize) -> Batch {
        Batch {
            pass,
            cols,
            text: String::new(),
            ends: Vec::with_capacity(BATCH_ROWS * cols),
        }
    }

    fn len(&self) -> usize {
        self.ends.len() / self.cols.max(1)
    }

    /// One row's cells.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        (0..self.len()).map(move |r| Row {
            batch: self,
            row: r,
        })
    }
}

/// One row of a [`Batch`].
#[derive(Clone, Copy)]
pub(super) struct Row<'b> {
    batch: &'b Batch,
    row: usize,
}

impl<'b> Row<'b> {
    /// A cell's text, trimmed; `None` when empty.
    pub fn get(&self, col: usize) -> Option<&'b str> {
        let b = self.batch;
        let i = self.row * b.cols + col;
        let end = *b.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { b.ends[i - 1] as usize };
        let s = b.text.get(start..end)?.trim();
        (!s.is_empty()).then_some(s)
    }

    /// The field values of a [`packed`] cell; empty ones are `None`, and all are `None` when
    /// the cell does not have the expected number of parts.
    pub(crate) fn packed<const N: usize>(&self, col: usize) -> [Option<&'b str>; N] {
        let mut out = [None; N];
        let Some(s) = self.get(col) else {
            return out;
        };
        let mut n = 0;
        for part in s.split('\x1f') {
            if n < N {
                let part = part.trim();
                out[n] = (!part.is_empty()).then_some(part);
            }
            n += 1;
        }
        if n != N {
            out = [None; N];
        }
        out
    }
}

/// Page cache (KiB) while collecting: index pages the queries look up (a case's first
/// hearing, the cases a tag filter reads) stay decrypted in memory.
const CACHE_KIB: i64 = 32 * 1024;

pub(super) fn collect(store: &Store, filter: &Filter, settings: Settings) -> Result<Acc> {
    let conn = store.conn();
    let before: i64 = conn
        .query_row("PRAGMA cache_size", [], |r| r.get(0))
        .map_err(|e| store.explain(e))?;
    conn.pragma_update(None, "cache_size", -CACHE_KIB)
        .map_err(|e| store.explain(e))?;
    let result = run(store, filter, settings);
    conn.pragma_update(None, "cache_size", before)
        .map_err(|e| store.explain(e))?;
    result
}

/// The queries, in the order the worker needs their rows.
fn queries(store: &Store, filter: &Filter) -> Result<Vec<(Pass, String, Vec<Value>)>> {
    let (wh, params) = store.filter_sql(filter)?;
    Ok(vec![
        (
            Pass::Tags,
            "SELECT c.uuid, json_extract(c.data, '$.case_tags') FROM cases c INDEXED BY cases_stats
             WHERE json_extract(c.data, '$.case_tags') IS NOT NULL"
                .into(),
            Vec::new(),
        ),
        (
            Pass::Hearings,
            format!(
                "SELECT h.uuid, h.case_uuid, h.monitor_uuid, h.status, h.court, h.hearing_date,
                        h.judge, {fields},
                        CASE WHEN json_extract(h.data, '$.session_outcome') = '{VERDICT_PRONOUNCED}'
                        THEN (SELECT min(f.hearing_date) FROM hearings f INDEXED BY hearings_stats
                              WHERE f.case_uuid = h.case_uuid) END
                 FROM hearings h INDEXED BY hearings_stats {wh}",
                fields = packed("h", &HEARING_FIELDS),
            ),
            params,
        ),
        (
            Pass::Parties,
            format!(
                "SELECT p.uuid, p.case_uuid, {} FROM parties p INDEXED BY parties_stats",
                packed("p", &PARTY_FIELDS)
            ),
            Vec::new(),
        ),
        (
            Pass::HearingParties,
            format!(
                "SELECT hp.hearing_uuid, hp.party_uuid, {}
                 FROM hearing_parties hp INDEXED BY hearing_parties_stats",
                packed("hp", &HEARING_PARTY_FIELDS)
            ),
            Vec::new(),
        ),
        (
            Pass::Allegations,
            format!(
                "SELECT a.uuid, a.hearing_uuid, a.party_uuid, {}
                 FROM allegations a INDEXED BY allegations_stats",
                packed("a", &ALLEGATION_FIELDS)
            ),
            Vec::new(),
        ),
        (
            Pass::Followups,
            "SELECT f.allegation_uuid, json_extract(f.data, '$.followup_action') FROM followups f"
                .into(),
            Vec::new(),
        ),
        (
            Pass::Tally,
            "SELECT hearing_uuid, answers FROM checklist_tally".into(),
            Vec::new(),
        ),
    ])
}

fn run(store: &Store, filter: &Filter, settings: Settings) -> Result<Acc> {
    let queries = queries(store, filter)?;
    let monitors: FastMap<String, String> = store
        .conn()
        .prepare("SELECT uuid, code FROM monitors")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()
        })
        .map_err(|e| store.explain(e))?;
    let spec = store.spec();
    let trials = store.joined_trials()?;
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Batch>(4);
        let worker = std::thread::Builder::new()
            .name("statistics".into())
            .spawn_scoped(scope, move || -> Result<Acc> {
                let mut fold = Fold::new(spec, settings, monitors, trials);
                for batch in rx {
                    for row in batch.rows() {
                        fold.row(batch.pass, row)?;
                    }
                }
                Ok(fold.finish())
            })
            .map_err(|e| Error::io("a thread for the statistics", e))?;
        let produced = queries
            .iter()
            .try_for_each(|(pass, sql, params)| stream(store, *pass, sql, params, &tx));
        drop(tx);
        // The worker's own error explains a failed hand-over better than the hand-over does.
        let acc = worker
            .join()
            .unwrap_or_else(|_| Err(Error::Invalid("computing the statistics failed".into())))?;
        produced?;
        Ok(acc)
    })
}

/// Runs one query and hands its rows to the worker in batches.
fn stream(
    store: &Store,
    pass: Pass,
    sql: &str,
    params: &[Value],
    tx: &mpsc::SyncSender<Batch>,
) -> Result<()> {
    let sql_err = |e: rusqlite::Error| store.explain(e);
    let stopped = || Error::Invalid("computing the statistics stopped early".into());
    let mut stmt = store.conn().prepare(sql).map_err(sql_err)?;
    let cols = stmt.column_count();
    let mut rows = stmt
        .query(rusqlite::params_from_iter(params))
        .map_err(sql_err)?;
    let mut batch = Batch::new(pass, cols);
    while let Some(r) = rows.next().map_err(sql_err)? {
        for c in 0..cols {
            match r.get_ref(c).map_err(sql_err)? {
                ValueRef::Text(t) => batch.text.push_str(std::str::from_utf8(t).unwrap_or("")),
                ValueRef::Integer(i) => batch.text.push_str(&i.to_string()),
                ValueRef::Real(f) => batch.text.push_str(&f.to_string()),
                ValueRef::Null | ValueRef::Blob(_) => {}
            }
            batch
                .ends
                .push(u32::try_from(batch.text.len()).unwrap_or(u32::MAX));
        }
        if batch.len() == BATCH_ROWS {
            let full = std::mem::replace(&mut batch, Batch::new(pass, cols));
            tx.send(full).map_err(|_| stopped())?;
        }
    }
    if batch.len() > 0 {
        tx.send(batch).map_err(|_| stopped())?;
    }
    Ok(())
}

#[cfg(test)]
pub(super) mod testing {
    //! What the tests check against migration 0003.
    use super::{HEARING_FIELDS, HEARING_PARTY_FIELDS, Hf, Pf};

    /// Whether the `Hf` and `Pf` positions name the fields they are meant to.
    pub(crate) fn positions_agree() -> bool {
        let hearing = [
            (Hf::Held, "hearing_held"),
            (Hf::Scheduled, "scheduled_start_time"),
            (Hf::Actual, "actual_start_time"),
            (Hf::Reasons, "postponement_reason"),
            (Hf::Location, "location"),
            (Hf::Access, "public_access"),
            (Hf::Ground, "closure_ground"),
            (Hf::Reasoned, "closure_decision_reasoned"),
            (Hf::RelativesDenied, "relatives_denied"),
            (Hf::MonitorAccess, "monitor_access"),
            (Hf::Outcome, "session_outcome"),
            (Hf::Decision, "preventive_measure_decision"),
            (Hf::Verdict, "verdict"),
            (Hf::SentenceType, "sentence_type"),
            (Hf::Years, "sentence_years"),
            (Hf::Months, "sentence_months"),
            (Hf::VerdictPublic, "verdict_pronounced_publicly"),
            (Hf::EnteredAfter, "entered_after_hearing"),
        ];
        let party = [
            (Pf::Attendance, "attendance"),
            (Pf::Position, "courtroom_position"),
            (Pf::Restraints, "restraints"),
            (Pf::PrisonClothing, "prison_clothing"),
            (Pf::CounselType, "counsel_type"),
            (Pf::CounselPresent, "counsel_present"),
            (Pf::Mandatory, "mandatory_defence"),
            (Pf::Interpretation, "interpretation_needed"),
            (Pf::Measures, "protective_measures"),
        ];
        hearing.len() == HEARING_FIELDS.len()
            && hearing
                .iter()
                .all(|&(f, name)| HEARING_FIELDS[f as usize] == name)
            && party.len() == HEARING_PARTY_FIELDS.len()
            && party
                .iter()
                .all(|&(f, name)| HEARING_PARTY_FIELDS[f as usize] == name)
    }

    /// The indexes whose packed expression the queries repeat, with its fields.
    pub(crate) const PACKED: &[(&str, &[&str])] = &[
        ("hearings_stats", &super::HEARING_FIELDS),
        ("parties_stats", &super::PARTY_FIELDS),
        ("hearing_parties_stats", &super::HEARING_PARTY_FIELDS),
        ("allegations_stats", &super::ALLEGATION_FIELDS),
    ];
}
