//! Trials: a case followed across its hearings (DESIGN.md §2, "Trials").
//!
//! A trial is a case record with every case record joined to it (`case_joins`, migration
//! 0008): the same trial recorded by two monitors stays two records, and the views and figures
//! read them as one. The next hearing of a trial belongs to the case record it was started
//! from; its parties and charges are the case's own rows, never copies.

use std::collections::{BTreeSet, HashMap, HashSet};

use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use rusqlite::Transaction;

use super::records::load;
use super::{Store, parse_uuid};
use crate::domain::{HearingRecord, Monitor, case_hash, content_hash};
use crate::error::{Error, Result};

/// Hearing fields a next hearing of the same trial starts with: where and before whom the
/// trial is heard. Everything else a monitor observes anew.
pub const CARRIED_FIELDS: [&str; 4] = ["court", "judge_name", "courtroom", "instance"];

/// What this database holds of a case that a batch brings hearings of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalCase {
    /// [`case_hash`] of what its hearings share here.
    pub hash: String,
    /// Its hearings here.
    pub hearings: Vec<Uuid>,
}

/// One trial as a line of a list: the agenda, the case picker and `courtwatch cases`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    /// The case record the trial was chosen by (a next hearing joins this record).
    pub uuid: Uuid,
    /// Every case record of the trial, this one first, then the joined ones by uuid.
    pub members: Vec<Uuid>,
    pub case_number: String,
    /// Court code of the latest hearing.
    pub court: String,
    pub judge: String,
    pub courtroom: String,
    /// Defendants' display codes (D1, D2, …) across the trial's records.
    pub defendants: Vec<String>,
    pub hearings: u32,
    /// Dates (`YYYY-MM-DD`) of the first and latest hearings; empty when none has a date.
    pub first_date: String,
    pub last_date: String,
    /// The next hearing date announced at the latest hearing, if any.
    pub next_date: String,
    /// The latest hearing: the one the next date comes from.
    pub latest: Uuid,
}

/// One hearing date of the agenda: an open trial whose latest hearing announced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    pub date: String,
    pub trial: CaseSummary,
}

/// A trial with every hearing loaded, oldest first (the case view).
#[derive(Debug, Clone)]
pub struct Trial {
    pub summary: CaseSummary,
    pub records: Vec<HearingRecord>,
    /// Monitor codes by uuid, for the hearings' monitors.
    pub monitors: HashMap<Uuid, String>,
    /// Every join touching its records, in force or split, with who made (and split) it and
    /// when: the trial's record of how it came together.
    pub joins: Vec<CaseJoin>,
}

/// Two case records joined as one trial.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseJoin {
    pub uuid: Uuid,
    pub case_uuid: Uuid,
    pub other_uuid: Uuid,
    pub joined_by: Uuid,
    pub joined_at: String,
    /// Who split it and when, once split.
    pub split_by: Option<Uuid>,
    pub split_at: Option<String>,
}

/// The agenda's dates from `?1` to `?2`: those the latest hearing of its case record
/// announced (a later hearing supersedes them), on the partial index of announced dates.
pub(super) const AGENDA_SQL: &str =
    "SELECT h.case_uuid, json_extract(h.data, '$.next_hearing_date'), h.uuid,
            ifnull(h.hearing_date, ''), ifnull(h.court, ''), ifnull(h.judge, ''),
            ifnull(json_extract(h.data, '$.courtroom'), ''),
            (SELECT ifnull(c.case_number, '') FROM cases c WHERE c.uuid = h.case_uuid),
            (SELECT count(*) FROM hearings n WHERE n.case_uuid = h.case_uuid),
            (SELECT ifnull(min(nullif(n.hearing_date, '')), '') FROM hearings n
              WHERE n.case_uuid = h.case_uuid),
            (SELECT json_group_array(ifnull(json_extract(p.data, '$.display_code'), ''))
               FROM parties p WHERE p.case_uuid = h.case_uuid
                AND json_extract(p.data, '$.role') = 'defendant')
     FROM hearings h
     WHERE json_extract(h.data, '$.next_hearing_date') >= ?1
       AND json_extract(h.data, '$.next_hearing_date') <= ?2
       AND NOT EXISTS (
           SELECT 1 FROM hearings l WHERE l.case_uuid = h.case_uuid
              AND (ifnull(l.hearing_date, ''), l.created_at, l.rowid)
                > (ifnull(h.hearing_date, ''), h.created_at, h.rowid))
     ORDER BY json_extract(h.data, '$.next_hearing_date')";

/// How many trials the case picker shows.
const PICK_LIMIT: usize = 30;

impl Store {
    /// Starts the next hearing of the trial of case record `case`, owned by this database's
    /// monitor: dated today, with court, judge, courtroom and instance of the trial's latest
    /// hearing, and a row for each person of the case at this hearing, empty (the monitor
    /// observes attendance, custody, counsel … anew). Returns the hearing's id.
    pub fn next_hearing(&self, case: Uuid) -> Result<Uuid> {
        let members = self.trial_members(case)?;
        let latest = self.latest_hearing(&members)?;
        let mut fields = crate::domain::Fields::new();
        if let Some(latest) = latest {
            let data: String = self
                .conn
                .prepare_cached("SELECT data FROM hearings WHERE uuid = ?1")?
                .query_row([latest.to_string()], |r| r.get(0))
                .map_err(|e| self.explain(e))?;
            let old = super::parse_fields(&data)?;
            for f in CARRIED_FIELDS {
                if let Some(v) = old.get(f).filter(|v| !v.is_empty()) {
                    fields.insert(f.to_owned(), v.clone());
                }
            }
        }
        self.insert_hearing(Some(case), fields)
    }

    /// Writes a new draft hearing owned by this database's monitor, with `fields` and today's
    /// date: of a new case record, or of case record `case` (which must exist), with a row at
    /// this hearing for each person of the case.
    pub(super) fn insert_hearing(
        &self,
        case: Option<Uuid>,
        mut fields: crate::domain::Fields,
    ) -> Result<Uuid> {
        let me = self.me()?;
        let clock = self.now();
        let now = clock.to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
        fields.insert(
            "hearing_date".into(),
            clock.date_naive().format("%Y-%m-%d").to_string(),
        );
        let data = serde_json::to_string(&fields).map_err(|e| Error::Invalid(e.to_string()))?;
        let tx = self.tx()?;
        let case = match case {
            Some(case) => {
                let exists = tx
                    .prepare_cached("SELECT 1 FROM cases WHERE uuid = ?1")?
                    .query_row([case.to_string()], |_| Ok(()))
                    .optional()?
                    .is_some();
                if !exists {
                    return Err(Error::NoSuchRecord(case.to_string()));
                }
                case
            }
            None => {
                let case = self.new_id();
                tx.execute(
                    "INSERT INTO cases (uuid, data, created_at, updated_at) VALUES (?1, '{}', ?2, ?2)",
                    params![case.to_string(), now],
                )?;
                case
            }
        };
        let hearing = self.new_id();
        tx.prepare_cached(
            "INSERT INTO hearings (uuid, case_uuid, monitor_uuid, form_versions, data, created_at, updated_at,
                                   hearing_date, court, judge)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            hearing.to_string(),
            case.to_string(),
            me.to_string(),
            self.form_versions(),
            data,
            now,
            fields.get("hearing_date"),
            fields.get("court"),
            fields.get("judge_name"),
        ])?;
        {
            let parties: Vec<String> = tx
                .prepare_cached(
                    "SELECT uuid FROM parties WHERE case_uuid = ?1 ORDER BY created_at, uuid",
                )?
                .query_map([case.to_string()], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for p in parties {
                tx.prepare_cached(
                    "INSERT INTO hearing_parties (uuid, hearing_uuid, party_uuid, data, created_at, updated_at)
                     VALUES (?1, ?2, ?3, '{}', ?4, ?4)",
                )?
                .execute(params![self.new_id().to_string(), hearing.to_string(), p, now])?;
            }
        }
        self.reindex(&tx, hearing)?;
        tx.commit().map_err(|e| self.explain(e))?;
        Ok(hearing)
    }

    /// Today's date on the injected clock, `YYYY-MM-DD`.
    pub fn today(&self) -> String {
        self.now().date_naive().format("%Y-%m-%d").to_string()
    }

    /// The case records of the trial of `case`: itself first, then every record joined to it
    /// (directly or through another join), by uuid.
    pub fn trial_members(&self, case: Uuid) -> Result<Vec<Uuid>> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![case];
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT other_uuid FROM case_joins WHERE case_uuid = ?1 AND split_at IS NULL
                 UNION SELECT case_uuid FROM case_joins WHERE other_uuid = ?1 AND split_at IS NULL",
            )
            .map_err(|e| self.explain(e))?;
        while let Some(c) = todo.pop() {
            if !seen.insert(c) {
                continue;
            }
            let next: Vec<String> = stmt
                .query_map([c.to_string()], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for n in next {
                todo.push(parse_uuid(&n)?);
            }
        }
        seen.remove(&case);
        Ok(std::iter::once(case).chain(seen).collect())
    }

    /// Every join in force, as (case, other) pairs: for statistics, which count a trial once.
    pub fn active_joins(&self) -> Result<Vec<(Uuid, Uuid)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT case_uuid, other_uuid FROM case_joins WHERE split_at IS NULL")
            .map_err(|e| self.explain(e))?;
        let rows: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.iter()
            .map(|(a, b)| Ok((parse_uuid(a)?, parse_uuid(b)?)))
            .collect()
    }

    /// For every case record joined to another: the trial it belongs to (the smallest id of
    /// its trial's records) and the trial's first hearing date over all its records. Records
    /// not joined are their own trials and are left out. Statistics count a trial once.
    pub fn joined_trials(&self) -> Result<HashMap<Uuid, (Uuid, Option<String>)>> {
        let joins = self.active_joins()?;
        let mut out: HashMap<Uuid, (Uuid, Option<String>)> = HashMap::new();
        let mut first = self
            .conn
            .prepare_cached("SELECT min(hearing_date) FROM hearings WHERE case_uuid = ?1")?;
        for (a, _) in &joins {
            if out.contains_key(a) {
                continue;
            }
            let members = self.trial_members(*a)?;
            let root = members.iter().min().copied().unwrap_or(*a);
            let mut date: Option<String> = None;
            for m in &members {
                let d: Option<String> = first.query_row([m.to_string()], |r| r.get(0))?;
                if let Some(d) = d
                    && date.as_ref().is_none_or(|x| d < *x)
                {
                    date = Some(d);
                }
            }
            for m in members {
                out.insert(m, (root, date.clone()));
            }
        }
        Ok(out)
    }

    /// The latest hearing (by date, then creation) of any of these case records.
    fn latest_hearing(&self, members: &[Uuid]) -> Result<Option<Uuid>> {
        let mut best: Option<(String, String, String)> = None;
        let mut stmt = self.conn.prepare_cached(
            "SELECT ifnull(hearing_date, ''), created_at, uuid FROM hearings WHERE case_uuid = ?1
             ORDER BY ifnull(hearing_date, '') DESC, created_at DESC, rowid DESC LIMIT 1",
        )?;
        for m in members {
            let row: Option<(String, String, String)> = stmt
                .query_row([m.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            if let Some(row) = row
                && best
                    .as_ref()
                    .is_none_or(|b| (&row.0, &row.1) > (&b.0, &b.1))
            {
                best = Some(row);
            }
        }
        best.map(|(_, _, id)| parse_uuid(&id)).transpose()
    }

    /// The trial of case record `case` as a list line.
    pub fn case_summary(&self, case: Uuid) -> Result<CaseSummary> {
        let members = self.trial_members(case)?;
        let number: Option<Option<String>> = self
            .conn
            .prepare_cached("SELECT case_number FROM cases WHERE uuid = ?1")?
            .query_row([case.to_string()], |r| r.get(0))
            .optional()?;
        let Some(number) = number else {
            return Err(Error::NoSuchRecord(case.to_string()));
        };
        let mut s = CaseSummary {
            uuid: case,
            members: members.clone(),
            case_number: number.unwrap_or_default(),
            court: String::new(),
            judge: String::new(),
            courtroom: String::new(),
            defendants: Vec::new(),
            hearings: 0,
            first_date: String::new(),
            last_date: String::new(),
            next_date: String::new(),
            latest: Uuid::nil(),
        };
        // Columns only: the latest hearing's own fields are read once it is known (parsing
        // every hearing's JSON was most of the agenda's time).
        let mut hearings = self.conn.prepare_cached(
            "SELECT uuid, ifnull(hearing_date, ''), created_at, rowid, ifnull(court, ''), ifnull(judge, '')
             FROM hearings WHERE case_uuid = ?1",
        )?;
        let mut parties = self.conn.prepare_cached(
            "SELECT ifnull(json_extract(data, '$.display_code'), '') FROM parties
             WHERE case_uuid = ?1 AND json_extract(data, '$.role') = 'defendant'",
        )?;
        // The latest hearing: by date, then creation, then insertion (hearings started within
        // one second).
        let mut latest: Option<(String, String, i64)> = None;
        let mut defendants = BTreeSet::new();
        for m in &members {
            if s.case_number.is_empty() {
                s.case_number = self
                    .conn
                    .prepare_cached("SELECT ifnull(case_number, '') FROM cases WHERE uuid = ?1")?
                    .query_row([m.to_string()], |r| r.get(0))
                    .optional()?
                    .unwrap_or_default();
            }
            let rows = hearings.query_map([m.to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })?;
            for row in rows {
                let (uuid, date, created, rowid, court, judge) = row?;
                s.hearings += 1;
                if !date.is_empty() && (s.first_date.is_empty() || date < s.first_date) {
                    s.first_date = date.clone();
                }
                if latest
                    .as_ref()
                    .is_none_or(|l| (&date, &created, rowid) > (&l.0, &l.1, l.2))
                {
                    latest = Some((date.clone(), created, rowid));
                    s.last_date = date;
                    s.latest = parse_uuid(&uuid)?;
                    s.court = court;
                    s.judge = judge;
                }
            }
            for code in parties.query_map([m.to_string()], |r| r.get::<_, String>(0))? {
                defendants.insert(code?);
            }
        }
        if latest.is_some() {
            (s.courtroom, s.next_date) = self
                .conn
                .prepare_cached(
                    "SELECT ifnull(json_extract(data, '$.courtroom'), ''),
                            ifnull(json_extract(data, '$.next_hearing_date'), '')
                     FROM hearings WHERE uuid = ?1",
                )?
                .query_row([s.latest.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        }
        s.defendants = sorted_codes(defendants);
        Ok(s)
    }

    /// Trials to continue, for the case picker: with an empty query, those with a hearing
    /// announced from today on (soonest first), then the most recently heard; otherwise
    /// those whose case number contains the query, whose court's name does, or whose
    /// hearings' searchable text (narratives, defendants' codes, …) holds its words. Joined
    /// records appear once, as the record found first.
    pub fn find_cases(&self, query: &str) -> Result<Vec<CaseSummary>> {
        let query = query.trim();
        let today = self.today();
        let mut found: Vec<Uuid> = Vec::new();
        let push = |found: &mut Vec<Uuid>, id: &str| -> Result<()> {
            let id = parse_uuid(id)?;
            if !found.contains(&id) {
                found.push(id);
            }
            Ok(())
        };
        if query.is_empty() {
            for item in self.agenda(&today, None)? {
                push(&mut found, &item.trial.uuid.to_string())?;
            }
            let mut stmt = self.conn.prepare_cached(
                "SELECT case_uuid FROM hearings INDEXED BY hearings_browse
                 ORDER BY hearing_date DESC, created_at DESC, rowid DESC LIMIT 200",
            )?;
            for id in stmt.query_map([], |r| r.get::<_, String>(0))? {
                push(&mut found, &id?)?;
            }
        } else {
            let folded = super::search::fold(query);
            let mut stmt = self.conn.prepare_cached(
                "SELECT uuid FROM cases WHERE instr(lower(case_number), lower(?1)) > 0 LIMIT 200",
            )?;
            for id in stmt.query_map([query], |r| r.get::<_, String>(0))? {
                push(&mut found, &id?)?;
            }
            let courts: Vec<String> = self
                .spec
                .courts
                .iter()
                .filter(|c| {
                    c.code == query
                        || crate::spec::Lang::ALL
                            .iter()
                            .any(|l| super::search::fold(c.name.get(*l)).contains(&folded))
                })
                .map(|c| c.code.clone())
                .collect();
            let mut by_court = self.conn.prepare_cached(
                "SELECT case_uuid FROM hearings WHERE court = ?1
                 ORDER BY hearing_date DESC LIMIT 100",
            )?;
            for court in courts {
                for id in by_court.query_map([court], |r| r.get::<_, String>(0))? {
                    push(&mut found, &id?)?;
                }
            }
            let filter = super::Filter {
                search: Some(query.to_owned()),
                ..Default::default()
            };
            let (wh, values) = self.filter_sql(&filter)?;
            let sql = format!("SELECT h.case_uuid FROM hearings h {wh} LIMIT 200");
            let mut stmt = self.conn.prepare(&sql).map_err(|e| self.explain(e))?;
            let ids: Vec<String> = stmt
                .query_map(rusqlite::params_from_iter(values), |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in ids {
                push(&mut found, &id)?;
            }
        }
        let mut out: Vec<CaseSummary> = Vec::new();
        for id in found {
            if out.iter().any(|s| s.members.contains(&id)) {
                continue;
            }
            out.push(self.case_summary(id)?);
            if out.len() >= PICK_LIMIT * 2 {
                break;
            }
        }
        // Upcoming first (soonest first), then by the latest hearing, newest first.
        out.sort_by(|a, b| {
            let up = |s: &CaseSummary| s.next_date >= today;
            up(b)
                .cmp(&up(a))
                .then_with(|| {
                    if up(a) {
                        a.next_date.cmp(&b.next_date)
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .then_with(|| b.last_date.cmp(&a.last_date))
        });
        out.truncate(PICK_LIMIT);
        Ok(out)
    }

    /// Trials with a hearing matching `filter`, the most recently heard first, at most
    /// `limit`; joined records appear once.
    pub fn trials_matching(
        &self,
        filter: &super::Filter,
        limit: usize,
    ) -> Result<Vec<CaseSummary>> {
        let (wh, values) = self.filter_sql(filter)?;
        let sql = format!(
            "SELECT h.case_uuid, max(ifnull(h.hearing_date, '')) AS last FROM hearings h {wh}
             GROUP BY h.case_uuid ORDER BY last DESC, h.case_uuid"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.explain(e))?;
        let ids: Vec<String> = stmt
            .query_map(rusqlite::params_from_iter(values), |r| r.get(0))
            .map_err(|e| self.explain(e))?
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.explain(e))?;
        let mut out: Vec<CaseSummary> = Vec::new();
        for id in ids {
            if out.len() >= limit {
                break;
            }
            let id = parse_uuid(&id)?;
            if out.iter().any(|s| s.members.contains(&id)) {
                continue;
            }
            out.push(self.case_summary(id)?);
        }
        Ok(out)
    }

    /// Each open trial's next hearing from `from` on (to `to` when given, both `YYYY-MM-DD`),
    /// soonest first: the date its latest hearing announced. A trial whose latest hearing
    /// announced no date (a verdict, or nothing yet) is not on it.
    pub fn agenda(&self, from: &str, to: Option<&str>) -> Result<Vec<AgendaItem>> {
        // A case record on the agenda is usually a trial by itself: its row carries the whole
        // summary (one query for the agenda, not a few per trial). A joined record's trial is
        // summarised across its records, and its latest hearing checked there.
        let joined: HashSet<Uuid> = self
            .active_joins()?
            .into_iter()
            .flat_map(|(a, b)| [a, b])
            .collect();
        let mut stmt = self.conn.prepare_cached(AGENDA_SQL)?;
        let rows = stmt.query_map(params![from, to.unwrap_or("9999-12-31")], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                CaseSummary {
                    uuid: Uuid::nil(),
                    members: Vec::new(),
                    case_number: r.get(7)?,
                    court: r.get(4)?,
                    judge: r.get(5)?,
                    courtroom: r.get(6)?,
                    defendants: Vec::new(),
                    hearings: r.get(8)?,
                    first_date: r.get(9)?,
                    last_date: r.get(3)?,
                    next_date: String::new(),
                    latest: Uuid::nil(),
                },
                r.get::<_, String>(10)?,
            ))
        })?;
        let mut out: Vec<AgendaItem> = Vec::new();
        let mut listed: HashSet<Uuid> = HashSet::new();
        for row in rows {
            let (case, date, latest, mut trial, defendants) = row?;
            let case = parse_uuid(&case)?;
            if listed.contains(&case) {
                continue;
            }
            if joined.contains(&case) {
                // Listed once, on the date its latest hearing (of any record) announced.
                let trial = self.case_summary(case)?;
                if trial.next_date == date {
                    listed.extend(trial.members.iter().copied());
                    out.push(AgendaItem { date, trial });
                }
                continue;
            }
            trial.uuid = case;
            trial.members = vec![case];
            trial.latest = parse_uuid(&latest)?;
            trial.next_date = date.clone();
            trial.defendants = sorted_codes(
                serde_json::from_str::<Vec<String>>(&defendants)
                    .map_err(|e| Error::Invalid(format!("defendants of {case}: {e}")))?,
            );
            listed.insert(case);
            out.push(AgendaItem { date, trial });
        }
        Ok(out)
    }

    /// The trial of case record `case` with every hearing loaded, oldest first.
    pub fn load_trial(&self, case: Uuid) -> Result<Trial> {
        let summary = self.case_summary(case)?;
        let mut ids: Vec<(String, String, i64, String)> = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT ifnull(hearing_date, ''), created_at, rowid, uuid FROM hearings WHERE case_uuid = ?1",
        )?;
        for m in &summary.members {
            for row in stmt.query_map([m.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })? {
                ids.push(row?);
            }
        }
        ids.sort();
        let records = ids
            .iter()
            .map(|(_, _, _, id)| load(&self.conn, parse_uuid(id)?))
            .collect::<Result<Vec<_>>>()?;
        let monitors = self
            .monitors()?
            .into_iter()
            .map(|Monitor { uuid, code, .. }| (uuid, code))
            .collect();
        let joins = self.joins_of(&summary.members)?;
        Ok(Trial {
            summary,
            records,
            monitors,
            joins,
        })
    }

    /// Joins two case records as one trial (the same trial recorded twice, or chosen by a
    /// lead), recording who and when; returns the join's id. Nothing is deleted or changed in
    /// either record. Refused when they are one trial already.
    pub fn join_cases(&self, a: Uuid, b: Uuid) -> Result<Uuid> {
        let me = self.me()?;
        for c in [a, b] {
            self.case_summary(c)?;
        }
        if self.trial_members(a)?.contains(&b) {
            return Err(Error::Invalid(format!(
                "case records {a} and {b} are already one trial"
            )));
        }
        let id = self.new_id();
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO case_joins (uuid, case_uuid, other_uuid, joined_by, joined_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id.to_string(),
                a.to_string(),
                b.to_string(),
                me.to_string(),
                self.now_text()
            ],
        )?;
        tx.commit().map_err(|e| self.explain(e))?;
        Ok(id)
    }

    /// Splits a join in force (`id` is the join's id, or a case record's: then every join in
    /// force touching it), recording who and when; the join stays on record. Returns the
    /// joins split.
    pub fn split_cases(&self, id: Uuid) -> Result<Vec<Uuid>> {
        let me = self.me()?;
        let now = self.now_text();
        let tx = self.tx()?;
        let joins: Vec<String> = tx
            .prepare(
                "SELECT uuid FROM case_joins WHERE split_at IS NULL
                   AND (uuid = ?1 OR case_uuid = ?1 OR other_uuid = ?1)",
            )?
            .query_map([id.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if joins.is_empty() {
            return Err(Error::Invalid(format!(
                "{id} is neither a join in force nor a joined case record"
            )));
        }
        for j in &joins {
            tx.execute(
                "UPDATE case_joins SET split_by = ?1, split_at = ?2 WHERE uuid = ?3",
                params![me.to_string(), now, j],
            )?;
        }
        tx.commit().map_err(|e| self.explain(e))?;
        joins.iter().map(|j| parse_uuid(j)).collect()
    }

    /// Case records that look like one trial: the same court and case number, not joined
    /// yet. For a lead to confirm (`join_cases`), never joined by themselves.
    pub fn join_suggestions(&self) -> Result<Vec<(CaseSummary, CaseSummary)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.court, c.case_number, group_concat(DISTINCT c.uuid) FROM cases c
             JOIN hearings h ON h.case_uuid = c.uuid
             WHERE c.case_number IS NOT NULL AND c.case_number <> '' AND h.court IS NOT NULL
             GROUP BY h.court, c.case_number HAVING count(DISTINCT c.uuid) > 1",
        )?;
        let groups: Vec<String> = stmt
            .query_map([], |r| r.get(2))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for g in groups {
            let ids = g.split(',').map(parse_uuid).collect::<Result<Vec<_>>>()?;
            let Some((&first, rest)) = ids.split_first() else {
                continue;
            };
            for &other in rest {
                if !self.trial_members(first)?.contains(&other) {
                    out.push((self.case_summary(first)?, self.case_summary(other)?));
                }
            }
        }
        Ok(out)
    }

    /// Every join (in force or split) touching these case records.
    pub fn joins_of(&self, cases: &[Uuid]) -> Result<Vec<CaseJoin>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT uuid, case_uuid, other_uuid, joined_by, joined_at, split_by, split_at FROM case_joins
             WHERE case_uuid = ?1 OR other_uuid = ?1",
        )?;
        let mut out: Vec<CaseJoin> = Vec::new();
        for c in cases {
            let rows: Vec<[Option<String>; 7]> = stmt
                .query_map([c.to_string()], |r| {
                    Ok([
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ])
                })?
                .collect::<rusqlite::Result<_>>()?;
            for [uuid, case, other, by, at, split_by, split_at] in rows {
                let id = |s: Option<String>| parse_uuid(s.as_deref().unwrap_or(""));
                let j = CaseJoin {
                    uuid: id(uuid)?,
                    case_uuid: id(case)?,
                    other_uuid: id(other)?,
                    joined_by: id(by)?,
                    joined_at: at.unwrap_or_default(),
                    split_by: split_by.map(|s| parse_uuid(&s)).transpose()?,
                    split_at,
                };
                if !out.iter().any(|o| o.uuid == j.uuid) {
                    out.push(j);
                }
            }
        }
        out.sort_by(|a, b| a.joined_at.cmp(&b.joined_at).then(a.uuid.cmp(&b.uuid)));
        Ok(out)
    }
}

/// What [`Store::receive_joins`] did with a batch's joins.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JoinsReceived {
    /// Joins new here.
    pub added: u64,
    /// Joins in force here that the batch brings split.
    pub split: u64,
    /// Joins naming a case record not here (yet): not stored; every batch of their
    /// database carries them again.
    pub waiting: u64,
}

impl Store {
    /// Every join (in force or split), oldest first: what a batch carries.
    pub fn all_joins(&self) -> Result<Vec<CaseJoin>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached("SELECT DISTINCT case_uuid FROM case_joins")
            .and_then(|mut s| {
                s.query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()
            })
            .map_err(|e| self.explain(e))?;
        let cases = ids
            .iter()
            .map(|id| parse_uuid(id))
            .collect::<Result<Vec<_>>>()?;
        self.joins_of(&cases)
    }

    /// Whether a join was made or split since this database last wrote a batch (that is not
    /// redacted): then a batch is worth writing even with no hearing in it.
    pub fn joins_changed_since_last_batch(&self) -> Result<bool> {
        self.conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM case_joins j
                   WHERE j.joined_at > ifnull(l.at, '') OR j.split_at > ifnull(l.at, ''))
                 FROM (SELECT max(created_at) AS at FROM batches_out WHERE redacted = 0) l",
            )
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(|e| self.explain(e))
    }

    /// Takes the joins a batch brings, inside the merge's transaction: a new one is stored
    /// when both its case records are here, a split one splits it here too (a split is for
    /// good). A join id that names another pair here fails the merge.
    pub fn receive_joins(&self, tx: &Transaction<'_>, joins: &[CaseJoin]) -> Result<JoinsReceived> {
        let mut got = JoinsReceived::default();
        for j in joins {
            let here: Option<(String, String, Option<String>)> = tx
                .prepare_cached(
                    "SELECT case_uuid, other_uuid, split_at FROM case_joins WHERE uuid = ?1",
                )?
                .query_row([j.uuid.to_string()], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            let pair = [j.case_uuid.to_string(), j.other_uuid.to_string()];
            match here {
                Some((c, o, _)) if !(pair.contains(&c) && pair.contains(&o)) => {
                    return Err(Error::Invalid(format!(
                        "join {} joins case records {c} and {o} here, but {} and {} in the batch; \
                         nothing was merged",
                        j.uuid, pair[0], pair[1]
                    )));
                }
                Some((_, _, None)) if j.split_at.is_some() => {
                    tx.execute(
                        "UPDATE case_joins SET split_by = ?1, split_at = ?2 WHERE uuid = ?3",
                        params![
                            j.split_by.map(|u| u.to_string()),
                            j.split_at,
                            j.uuid.to_string()
                        ],
                    )?;
                    got.split += 1;
                }
                Some(_) => {}
                None => {
                    let present: i64 = tx
                        .prepare_cached("SELECT count(*) FROM cases WHERE uuid IN (?1, ?2)")?
                        .query_row(params![pair[0], pair[1]], |r| r.get(0))?;
                    if present < 2 {
                        got.waiting += 1;
                        continue;
                    }
                    tx.execute(
                        "INSERT INTO case_joins (uuid, case_uuid, other_uuid, joined_by, joined_at,
                                                 split_by, split_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        params![
                            j.uuid.to_string(),
                            pair[0],
                            pair[1],
                            j.joined_by.to_string(),
                            j.joined_at,
                            j.split_by.map(|u| u.to_string()),
                            j.split_at
                        ],
                    )?;
                    got.added += 1;
                }
            }
        }
        Ok(got)
    }
}

impl Store {
    /// The hearings of `case` here and the hash of what they share; `None` when the case is
    /// not here.
    pub fn local_case(&self, case: Uuid) -> Result<Option<LocalCase>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached("SELECT uuid FROM hearings WHERE case_uuid = ?1 ORDER BY uuid")
            .and_then(|mut s| {
                s.query_map([case.to_string()], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()
            })
            .map_err(|e| self.explain(e))?;
        let hearings = ids
            .iter()
            .map(|id| parse_uuid(id))
            .collect::<Result<Vec<_>>>()?;
        let Some(first) = hearings.first() else {
            return Ok(None);
        };
        let hash = case_hash(&self.load_hearing(*first)?);
        Ok(Some(LocalCase { hash, hearings }))
    }

    /// Keeps an incoming hearing whose case is here with other shared facts (its case, people,
    /// charges or consents were changed here, or by another monitor, and not in the batch),
    /// in the caller's transaction: the hearing is stored with this database's case, people,
    /// charges and consents, plus the people (with their charges and consents) only it has,
    /// and the incoming version is kept whole beside it as a conflict for a lead to resolve.
    /// Nothing of either side is overwritten. The case's other hearings get a new version if
    /// the added people changed them.
    pub fn keep_case_conflict_in(
        &self,
        tx: &Transaction<'_>,
        batch_id: Uuid,
        incoming: &HearingRecord,
    ) -> Result<()> {
        let case = incoming.case.uuid;
        let sibling: Option<String> = tx
            .prepare_cached("SELECT uuid FROM hearings WHERE case_uuid = ?1 ORDER BY uuid LIMIT 1")?
            .query_row([case.to_string()], |r| r.get(0))
            .optional()?;
        let Some(sibling) = sibling else {
            return Err(Error::Invalid(format!(
                "case {case} is not here, so hearing {} cannot conflict with it",
                incoming.hearing.uuid
            )));
        };
        let before = load(tx, parse_uuid(&sibling)?)?;
        let mut kept = incoming.clone();
        kept.case = before.case.clone();
        let (mut parties, mut charges, mut consents) = (
            before.parties.clone(),
            before.charges.clone(),
            before.consents.clone(),
        );
        let added: Vec<Uuid> = incoming
            .parties
            .iter()
            .filter(|p| !parties.iter().any(|l| l.uuid == p.uuid))
            .map(|p| p.uuid)
            .collect();
        parties.extend(
            incoming
                .parties
                .iter()
                .filter(|p| added.contains(&p.uuid))
                .cloned(),
        );
        charges.extend(
            incoming
                .charges
                .iter()
                .filter(|c| added.contains(&c.party_uuid))
                .cloned(),
        );
        consents.extend(
            incoming
                .consents
                .iter()
                .filter(|c| added.contains(&c.party_uuid))
                .cloned(),
        );
        (kept.parties, kept.charges, kept.consents) = (parties, charges, consents);
        let h = &mut kept.hearing;
        // A version of its own: descending from neither side until a lead resolves.
        h.parent_hash.clear();
        h.ancestors.clear();
        h.sealed = true;
        kept.normalise();
        kept.hearing.content_hash = content_hash(&kept);
        self.replace_record(tx, &kept)?;
        self.add_conflict(tx, batch_id, &kept.hearing.content_hash, incoming)?;
        self.follow_case_in(
            tx,
            case,
            kept.hearing.uuid,
            &before.case_changes(&kept),
            &format!(
                "batch {batch_id}: people hearing {} brought to the case",
                incoming.hearing.uuid
            ),
        )
    }
}

/// Defendants' display codes as a trial lists them: once each, none empty, D2 before D10.
fn sorted_codes(codes: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut codes: Vec<String> = codes
        .into_iter()
        .filter(|d| !d.is_empty())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    codes.sort_by_key(|d| (d.len(), d.clone()));
    codes
}
