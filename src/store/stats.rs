//! What statistics read: each table once, through the narrow indexes and the checklist tally
//! of migration 0003, never whole records, handed out as plain rows of text ([`StatsBatch`]).
//!
//! The selected hearings come from the same `WHERE` clause as `list` ([`Store::filter_sql`]).
//! Parties, hearing parties, allegations, follow-ups and checklist tallies are scanned whole:
//! on an encrypted file, sequential scans of small indexes cost far less than a random lookup
//! per row. The caller's thread steps the queries and copies their rows in batches, which it
//! hands on (to a worker that folds them), so that decrypting pages and counting run on two
//! cores at once. The field lists are the indexes' own (a test compares them with migration
//! 0003): a figure that needs another field extends these indexes in a new migration.

use rusqlite::types::{Value, ValueRef};

use super::{Filter, Store};
use crate::error::{Error, Result};

/// The hearing fields statistics read, in the order of the `hearings_stats` index.
pub(crate) const HEARING_FIELDS: [&str; 18] = [
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

/// The party fields, in the order of the `parties_stats` index.
pub(crate) const PARTY_FIELDS: [&str; 5] =
    ["role", "sex", "age", "is_minor", "victim_representation"];

/// The hearing-party fields, in the order of the `hearing_parties_stats` index.
pub(crate) const HEARING_PARTY_FIELDS: [&str; 9] = [
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

/// The allegation fields, in the order of the `allegations_stats` index.
pub(crate) const ALLEGATION_FIELDS: [&str; 6] = [
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
pub(crate) fn packed(alias: &str, fields: &[&str]) -> String {
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

/// Which query a row comes from; the rows come in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pass {
    /// Cases with tags: uuid, tags.
    Tags,
    /// Selected hearings: uuid, case, monitor, status, court, date, judge, HEARING_FIELDS
    /// packed, and for a hearing whose session outcome is the code asked for (a verdict
    /// pronounced) the date of the case's first hearing.
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
pub(crate) struct StatsBatch {
    pub pass: Pass,
    cols: usize,
    text: String,
    ends: Vec<u32>,
}

/// Rows per batch: big enough to make the hand-over cheap, small enough to keep memory flat.
const BATCH_ROWS: usize = 2048;

impl StatsBatch {
    fn new(pass: Pass, cols: usize) -> StatsBatch {
        StatsBatch {
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
    pub fn rows(&self) -> impl Iterator<Item = StatsRow<'_>> {
        (0..self.len()).map(move |r| StatsRow {
            batch: self,
            row: r,
        })
    }
}

/// One row of a [`StatsBatch`].
#[derive(Clone, Copy)]
pub(crate) struct StatsRow<'b> {
    batch: &'b StatsBatch,
    row: usize,
}

impl<'b> StatsRow<'b> {
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

impl Store {
    /// Every row statistics read for `filter`, query by query in [`Pass`] order, handed to
    /// `hand` a batch at a time; `hand` says `false` to stop. The hearings' rows carry the
    /// date of the case's first hearing when their session outcome is `verdict_pronounced`.
    /// The page cache is the full [`super::CACHE_KIB`] while they are read (index pages the
    /// queries look up, a case's first hearing and the cases a tag filter reads, stay
    /// decrypted in memory), then what it was.
    pub(crate) fn statistics_rows(
        &self,
        filter: &Filter,
        verdict_pronounced: &str,
        hand: &mut dyn FnMut(StatsBatch) -> bool,
    ) -> Result<()> {
        let conn = &self.conn;
        let before: i64 = conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .map_err(|e| self.explain(e))?;
        super::cache_size(conn, super::CACHE_KIB).map_err(|e| self.explain(e))?;
        let result = self
            .statistics_queries(filter, verdict_pronounced)
            .and_then(|queries| {
                queries
                    .iter()
                    .try_for_each(|(pass, sql, params)| self.stream(*pass, sql, params, hand))
            });
        conn.pragma_update(None, "cache_size", before)
            .map_err(|e| self.explain(e))?;
        result
    }

    /// Every monitor's code by id.
    pub(crate) fn monitor_codes(&self) -> Result<Vec<(String, String)>> {
        self.conn
            .prepare("SELECT uuid, code FROM monitors")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()
            })
            .map_err(|e| self.explain(e))
    }

    /// The queries, in the order the rows are needed.
    fn statistics_queries(
        &self,
        filter: &Filter,
        verdict_pronounced: &str,
    ) -> Result<Vec<(Pass, String, Vec<Value>)>> {
        let (wh, params) = self.filter_sql(filter)?;
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
                        CASE WHEN json_extract(h.data, '$.session_outcome') = '{verdict_pronounced}'
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

    /// Runs one query and hands its rows on in batches.
    fn stream(
        &self,
        pass: Pass,
        sql: &str,
        params: &[Value],
        hand: &mut dyn FnMut(StatsBatch) -> bool,
    ) -> Result<()> {
        let sql_err = |e: rusqlite::Error| self.explain(e);
        let stopped = || Error::Invalid("computing the statistics stopped early".into());
        let mut stmt = self.conn.prepare(sql).map_err(sql_err)?;
        let cols = stmt.column_count();
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(sql_err)?;
        let mut batch = StatsBatch::new(pass, cols);
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
                let full = std::mem::replace(&mut batch, StatsBatch::new(pass, cols));
                if !hand(full) {
                    return Err(stopped());
                }
            }
        }
        if batch.len() > 0 && !hand(batch) {
            return Err(stopped());
        }
        Ok(())
    }
}
