//! Batches in the store: the exports this database wrote (with their per-monitor sequence
//! numbers), the versions that left in them, the batches merged in (one history row each), and
//! the conflicts merge kept for a lead to resolve. The batch files themselves are
//! `exchange`'s business; this is only their bookkeeping.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;
use uuid::Uuid;

use super::records::{Author, load};
use super::{Filter, Store, parse_uuid};
use crate::domain::{HearingRecord, Status, Take, content_hash};
use crate::error::{Error, Result};

/// A hearing an export may take: its id and the version it is at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportCandidate {
    pub uuid: Uuid,
    pub content_hash: String,
    pub status: Status,
}

/// One batch this database wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchOut {
    pub batch_id: Uuid,
    pub monitor_uuid: Uuid,
    pub seq: u32,
    pub created_at: String,
    pub name: String,
    pub scope: String,
    pub profile: String,
    pub redacted: bool,
    pub hearings: u64,
}

/// What merging one batch did, hearing by hearing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MergeCounts {
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// The local version is newer: kept.
    pub kept_local: u64,
    pub conflicts: u64,
}

/// One batch merged into this database (a history row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchIn {
    pub batch_id: Uuid,
    pub monitor_uuid: Uuid,
    pub monitor_code: String,
    pub seq: u32,
    pub name: String,
    pub created_at: String,
    pub merged_at: String,
    pub hearings: u64,
    pub counts: MergeCounts,
}

/// The local version of a hearing, as merge compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalVersion {
    pub content_hash: String,
    pub ancestors: Vec<String>,
    pub status: Status,
}

/// A conflict: a hearing whose incoming version is kept beside the local one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictRow {
    pub uuid: Uuid,
    pub hearing_uuid: Uuid,
    pub batch_id: Uuid,
    pub local_hash: String,
    pub incoming_hash: String,
    pub created_at: String,
    pub resolved_at: Option<String>,
    /// The code of the monitor (lead) who resolved it.
    pub resolved_by: Option<String>,
    /// `local` or `incoming` (one side kept whole), or `fields` (a new version: the local one
    /// with some values from the incoming one, audited).
    pub resolution: Option<String>,
}

/// What resolving a conflict field by field came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldsResolved {
    /// The values taken changed nothing: the local version is kept (resolution `local`).
    KeptLocal,
    /// The values taken made the incoming version: it is kept (resolution `incoming`).
    KeptIncoming,
    /// A new version with `changed` values from the incoming one (resolution `fields`).
    NewVersion { changed: usize },
}

/// The batches received from one monitor, and the sequence numbers missing among them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Received {
    pub monitor_uuid: Uuid,
    pub code: String,
    pub name: String,
    pub seqs: Vec<u32>,
    pub missing: Vec<Gap>,
}

/// A run of sequence numbers not received, `from` to `to` (both included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub from: u32,
    pub to: u32,
}

impl std::fmt::Display for Gap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}–{}", self.from, self.to)
        }
    }
}

/// The numbers from 1 to the highest of `seqs` that are not in it, as runs: as many as there
/// are gaps, whatever their length (a `seq` of 100,000,000 is one run, not a list).
pub fn missing_seqs(seqs: &[u32]) -> Vec<Gap> {
    let mut seqs = seqs.to_vec();
    seqs.sort_unstable();
    seqs.dedup();
    let mut out = Vec::new();
    let mut next = 1u32;
    for s in seqs.into_iter().filter(|&s| s > 0) {
        if s > next {
            out.push(Gap {
                from: next,
                to: s - 1,
            });
        }
        next = s.saturating_add(1);
    }
    out
}

/// A count as SQLite stores it.
fn sql_int(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A stored count back.
fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn ancestors_text(a: &[String]) -> String {
    a.join("|")
}

fn split_ancestors(s: &str) -> Vec<String> {
    s.split('|')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `kept` followed by the hashes of `other` and `other_hash` that it does not hold yet: the
/// ancestors of a version that descends from both.
fn merged(mut kept: Vec<String>, other: &[String], other_hash: &str) -> Vec<String> {
    for h in other.iter().map(String::as_str).chain([other_hash]) {
        if !kept.iter().any(|k| k == h) {
            kept.push(h.to_owned());
        }
    }
    kept
}

impl Store {
    /// This database's device id, made on first use.
    pub fn device_id(&self) -> Result<Uuid> {
        if let Some(id) = self.setting("device_id")?
            && let Ok(id) = Uuid::parse_str(&id)
        {
            return Ok(id);
        }
        let id = self.new_id();
        self.set_setting("device_id", &id.to_string())?;
        Ok(id)
    }

    /// The secret key of this database's pseudonyms (`export --redact`), made on first use
    /// from the operating system's random numbers. It never leaves the database.
    pub fn redaction_key(&self) -> Result<Vec<u8>> {
        if let Some(key) = self.setting("redaction_key")?
            && key.len() >= 32
        {
            return Ok(key.into_bytes());
        }
        let key = format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple());
        self.set_setting("redaction_key", &key)?;
        Ok(key.into_bytes())
    }

    /// Final and reviewed hearings matching `filter`, by id. With `since_last`, only those
    /// whose current version (content and status) did not leave in an earlier unredacted
    /// batch of this database.
    pub fn export_candidates(
        &self,
        filter: &Filter,
        since_last: bool,
    ) -> Result<Vec<ExportCandidate>> {
        let (wh, params) = self.filter_sql(filter)?;
        let joiner = if wh.is_empty() { "WHERE" } else { "AND" };
        let since = if since_last {
            "AND NOT EXISTS (SELECT 1 FROM exported_versions e WHERE e.hearing_uuid = h.uuid
                             AND e.content_hash = h.content_hash AND e.status = h.status)"
        } else {
            ""
        };
        let sql = format!(
            "SELECT h.uuid, h.content_hash, h.status FROM hearings h JOIN cases c ON c.uuid = h.case_uuid
             {wh} {joiner} h.status <> 'draft' {since} ORDER BY h.uuid"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.explain(e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(|e| self.explain(e))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.explain(e))? {
            let status: String = r.get(2)?;
            out.push(ExportCandidate {
                uuid: parse_uuid(&r.get::<_, String>(0)?)?,
                content_hash: r.get(1)?,
                status: Status::parse(&status).unwrap_or(Status::Final),
            });
        }
        Ok(out)
    }

    /// The sequence number the next batch of `monitor` gets: one more than the last of its
    /// kind. Redacted batches are numbered apart: merge refuses them, so a lead never sees
    /// them, and they must not leave a gap in the series the lead counts.
    pub(crate) fn next_export_seq(&self, monitor: Uuid, redacted: bool) -> Result<u32> {
        let last: Option<u32> = self
            .conn
            .query_row(
                "SELECT max(seq) FROM batches_out WHERE monitor_uuid = ?1 AND redacted = ?2",
                params![monitor.to_string(), redacted],
                |r| r.get(0),
            )
            .map_err(|e| self.explain(e))?;
        Ok(last.unwrap_or(0) + 1)
    }

    /// Records a written batch in the caller's transaction: its history row, the versions that
    /// left (unless redacted: a redacted batch is not for the lead's database), and seals them
    /// so the next edit of each starts a new version.
    pub(crate) fn record_export(
        &self,
        tx: &Transaction<'_>,
        batch: &BatchOut,
        hearings: &[ExportCandidate],
    ) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO batches_out (batch_id, monitor_uuid, seq, created_at, name, scope, profile, redacted, hearings)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            batch.batch_id.to_string(),
            batch.monitor_uuid.to_string(),
            batch.seq,
            batch.created_at,
            batch.name,
            batch.scope,
            batch.profile,
            batch.redacted,
            sql_int(batch.hearings)
        ])?;
        if !batch.redacted {
            for h in hearings {
                tx.prepare_cached(
                    "INSERT INTO exported_versions (hearing_uuid, content_hash, status, batch_id) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(hearing_uuid) DO UPDATE SET content_hash = excluded.content_hash,
                        status = excluded.status, batch_id = excluded.batch_id",
                )?
                .execute(params![
                    h.uuid.to_string(),
                    h.content_hash,
                    h.status.code(),
                    batch.batch_id.to_string()
                ])?;
            }
        }
        let ids: Vec<Uuid> = hearings.iter().map(|h| h.uuid).collect();
        self.seal_in(tx, &ids)
    }

    /// The batches this database wrote, newest first.
    pub(crate) fn batches_out(&self) -> Result<Vec<BatchOut>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT batch_id, monitor_uuid, seq, created_at, name, scope, profile, redacted, hearings
                 FROM batches_out ORDER BY created_at DESC, seq DESC",
            )
            .map_err(|e| self.explain(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.explain(e))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.explain(e))? {
            out.push(BatchOut {
                batch_id: parse_uuid(&r.get::<_, String>(0)?)?,
                monitor_uuid: parse_uuid(&r.get::<_, String>(1)?)?,
                seq: r.get(2)?,
                created_at: r.get(3)?,
                name: r.get(4)?,
                scope: r.get(5)?,
                profile: r.get(6)?,
                redacted: r.get(7)?,
                hearings: count(r.get(8)?),
            });
        }
        Ok(out)
    }

    /// The local version of a hearing, or `None` when this database does not have it.
    pub(crate) fn local_version(&self, hearing: Uuid) -> Result<Option<LocalVersion>> {
        let row: Option<(String, String, String)> = self
            .conn
            .prepare_cached("SELECT content_hash, ancestors, status FROM hearings WHERE uuid = ?1")?
            .query_row([hearing.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()
            .map_err(|e| self.explain(e))?;
        Ok(row.map(|(content_hash, ancestors, status)| LocalVersion {
            content_hash,
            ancestors: split_ancestors(&ancestors),
            status: Status::parse(&status).unwrap_or(Status::Draft),
        }))
    }

    /// When a batch was merged here, if it was.
    pub(crate) fn merged_at(&self, batch_id: Uuid) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT merged_at FROM batches_in WHERE batch_id = ?1",
                [batch_id.to_string()],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.explain(e))
    }

    /// The sequence numbers of the batches received from a monitor.
    pub(crate) fn received_seqs(&self, monitor: Uuid) -> Result<Vec<u32>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq FROM batches_in WHERE monitor_uuid = ?1 ORDER BY seq")
            .map_err(|e| self.explain(e))?;
        let seqs = stmt
            .query_map([monitor.to_string()], |r| r.get(0))
            .map_err(|e| self.explain(e))?
            .collect::<rusqlite::Result<Vec<u32>>>()
            .map_err(|e| self.explain(e))?;
        Ok(seqs)
    }

    /// Writes a merged batch's history row in the caller's transaction.
    pub(crate) fn record_merge(&self, tx: &Transaction<'_>, b: &BatchIn) -> Result<()> {
        let me = self.profile().map(|m| m.uuid.to_string());
        tx.prepare_cached(
            "INSERT INTO batches_in (batch_id, monitor_uuid, monitor_code, seq, name, created_at, merged_at, merged_by,
                                     hearings, new, updated, unchanged, kept_local, conflicts)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?
        .execute(params![
            b.batch_id.to_string(),
            b.monitor_uuid.to_string(),
            b.monitor_code,
            b.seq,
            b.name,
            b.created_at,
            b.merged_at,
            me,
            sql_int(b.hearings),
            sql_int(b.counts.new),
            sql_int(b.counts.updated),
            sql_int(b.counts.unchanged),
            sql_int(b.counts.kept_local),
            sql_int(b.counts.conflicts)
        ])?;
        Ok(())
    }

    /// Every batch merged here, by monitor and sequence number.
    pub fn batches_in(&self) -> Result<Vec<BatchIn>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT batch_id, monitor_uuid, monitor_code, seq, name, created_at, merged_at, hearings,
                        new, updated, unchanged, kept_local, conflicts
                 FROM batches_in ORDER BY monitor_code, seq",
            )
            .map_err(|e| self.explain(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.explain(e))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.explain(e))? {
            out.push(BatchIn {
                batch_id: parse_uuid(&r.get::<_, String>(0)?)?,
                monitor_uuid: parse_uuid(&r.get::<_, String>(1)?)?,
                monitor_code: r.get(2)?,
                seq: r.get(3)?,
                name: r.get(4)?,
                created_at: r.get(5)?,
                merged_at: r.get(6)?,
                hearings: count(r.get(7)?),
                counts: MergeCounts {
                    new: count(r.get(8)?),
                    updated: count(r.get(9)?),
                    unchanged: count(r.get(10)?),
                    kept_local: count(r.get(11)?),
                    conflicts: count(r.get(12)?),
                },
            });
        }
        Ok(out)
    }

    /// Per monitor that batches came from: the sequence numbers received and those missing.
    pub fn received(&self) -> Result<Vec<Received>> {
        let batches = self.batches_in()?;
        let monitors = self.monitors()?;
        let mut out: Vec<Received> = Vec::new();
        for b in batches {
            match out.iter_mut().find(|r| r.monitor_uuid == b.monitor_uuid) {
                Some(r) => r.seqs.push(b.seq),
                None => out.push(Received {
                    monitor_uuid: b.monitor_uuid,
                    code: b.monitor_code.clone(),
                    name: monitors
                        .iter()
                        .find(|m| m.uuid == b.monitor_uuid)
                        .map(|m| m.name.clone())
                        .unwrap_or_default(),
                    seqs: vec![b.seq],
                    missing: Vec::new(),
                }),
            }
        }
        for r in &mut out {
            r.seqs.sort_unstable();
            r.missing = missing_seqs(&r.seqs);
        }
        Ok(out)
    }

    /// Keeps an incoming version beside the local one, in the caller's transaction. The same
    /// incoming version is kept once.
    pub fn add_conflict(
        &self,
        tx: &Transaction<'_>,
        batch_id: Uuid,
        local_hash: &str,
        incoming: &HearingRecord,
    ) -> Result<bool> {
        let json = serde_json::to_string(incoming)
            .map_err(|e| Error::Invalid(format!("cannot store a conflict: {e}")))?;
        let n = tx
            .prepare_cached(
                "INSERT INTO conflicts (uuid, hearing_uuid, batch_id, local_hash, incoming_hash, incoming, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(hearing_uuid, incoming_hash) DO NOTHING",
            )?
            .execute(params![
                self.new_id().to_string(),
                incoming.hearing.uuid.to_string(),
                batch_id.to_string(),
                local_hash,
                incoming.hearing.content_hash,
                json,
                self.now_text()
            ])?;
        Ok(n > 0)
    }

    /// Conflicts, oldest first; only the unresolved ones unless `all`.
    pub fn conflicts(&self, all: bool) -> Result<Vec<ConflictRow>> {
        let sql = format!(
            "SELECT c.uuid, c.hearing_uuid, c.batch_id, c.local_hash, c.incoming_hash, c.created_at, c.resolved_at,
                    m.code, c.resolution
             FROM conflicts c LEFT JOIN monitors m ON m.uuid = c.resolved_by
             {} ORDER BY c.created_at, c.uuid",
            if all { "" } else { "WHERE c.resolved_at IS NULL" }
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.explain(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.explain(e))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.explain(e))? {
            out.push(ConflictRow {
                uuid: parse_uuid(&r.get::<_, String>(0)?)?,
                hearing_uuid: parse_uuid(&r.get::<_, String>(1)?)?,
                batch_id: parse_uuid(&r.get::<_, String>(2)?)?,
                local_hash: r.get(3)?,
                incoming_hash: r.get(4)?,
                created_at: r.get(5)?,
                resolved_at: r.get(6)?,
                resolved_by: r.get(7)?,
                resolution: r.get(8)?,
            });
        }
        Ok(out)
    }

    /// The incoming version kept by a conflict.
    pub fn conflict_incoming(&self, conflict: Uuid) -> Result<HearingRecord> {
        let json: String = self
            .conn
            .query_row(
                "SELECT incoming FROM conflicts WHERE uuid = ?1",
                [conflict.to_string()],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.explain(e))?
            .ok_or_else(|| Error::NoSuchRecord(conflict.to_string()))?;
        serde_json::from_str(&json)
            .map_err(|e| Error::Invalid(format!("the stored conflict {conflict} is damaged: {e}")))
    }

    /// Resolves a conflict in the caller's transaction, recording who chose and when. The
    /// version kept gets the other side's chain in its ancestors, so it counts as newer than
    /// both from now on: the same versions merged again change nothing.
    pub fn resolve_conflict(
        &self,
        tx: &Transaction<'_>,
        conflict: &ConflictRow,
        keep_incoming: bool,
    ) -> Result<()> {
        let me = self.profile().map(|m| m.uuid).ok_or(Error::NoProfile)?;
        let mut incoming = self.conflict_incoming(conflict.uuid)?;
        // Kept by an older build, it may hold values that do not apply: never written back.
        self.clear_incoming(&mut incoming, super::UPGRADE_REASON);
        let local = self
            .local_version(conflict.hearing_uuid)?
            .ok_or_else(|| Error::NoSuchHearing(conflict.hearing_uuid.to_string()))?;
        if keep_incoming {
            let mut record = incoming;
            record.hearing.ancestors = merged(
                record.hearing.ancestors.clone(),
                &local.ancestors,
                &local.content_hash,
            );
            record.hearing.sealed = true;
            let before = load(tx, conflict.hearing_uuid)?;
            self.replace_record(tx, &record)?;
            // The case's shared rows came with it: the trial's other hearings follow.
            self.follow_case_in(
                tx,
                record.case.uuid,
                conflict.hearing_uuid,
                &before.case_changes(&record),
                &format!("conflict {}: the incoming version was kept", conflict.uuid),
            )?;
        } else {
            let ancestors = merged(
                local.ancestors.clone(),
                &incoming.hearing.ancestors,
                &incoming.hearing.content_hash,
            );
            tx.prepare_cached("UPDATE hearings SET ancestors = ?1 WHERE uuid = ?2")?
                .execute(params![
                    ancestors_text(&ancestors),
                    conflict.hearing_uuid.to_string()
                ])?;
        }
        self.record_resolution(
            tx,
            conflict,
            me,
            if keep_incoming { "incoming" } else { "local" },
        )
    }

    /// Who resolved a conflict, when and how (`local`, `incoming` or `fields`).
    fn record_resolution(
        &self,
        tx: &Transaction<'_>,
        conflict: &ConflictRow,
        me: Uuid,
        resolution: &str,
    ) -> Result<()> {
        tx.prepare_cached(
            "UPDATE conflicts SET resolved_at = ?1, resolved_by = ?2, resolution = ?3 WHERE uuid = ?4",
        )?
        .execute(params![
            self.now_text(),
            me.to_string(),
            resolution,
            conflict.uuid.to_string()
        ])?;
        Ok(())
    }

    /// Resolves a conflict field by field in the caller's transaction: the hearing gets a new
    /// version authored by this database's profile, the local version with the incoming
    /// values of `take` (see [`HearingRecord::take_incoming`]). The new version descends from
    /// both (its ancestors hold both chains), gets the next version number after both, a
    /// fresh content hash, and is sealed; every changed value is audited as an edit of a final
    /// record is, with the conflict named as the reason, and the conflict records who chose,
    /// when, and `fields`. When the values taken change nothing, this is keeping the local
    /// version; when they make the incoming version, keeping the incoming one: those are
    /// recorded as such, and the answer says which it was.
    pub fn resolve_conflict_fields(
        &self,
        tx: &Transaction<'_>,
        conflict: &ConflictRow,
        take: &[Take],
    ) -> Result<FieldsResolved> {
        let me = self.profile().map(|m| m.uuid).ok_or(Error::NoProfile)?;
        let mut incoming = self.conflict_incoming(conflict.uuid)?;
        self.clear_incoming(&mut incoming, super::UPGRADE_REASON);
        let mut record = load(tx, conflict.hearing_uuid)?;
        let mut changes = Vec::new();
        for t in take {
            let known = match t {
                Take::Field { entity, field, .. } => self
                    .spec
                    .form(entity.name())
                    .and_then(|f| f.field(field))
                    .is_some(),
                Take::Answer { item, .. } => self.spec.checklist.item(item).is_some(),
            };
            if !known {
                return Err(Error::Invalid(format!(
                    "{t}: the forms have no such field or checklist item"
                )));
            }
            changes.extend(record.take_incoming(&incoming, t).ok_or_else(|| {
                Error::Invalid(format!(
                    "{t} cannot be taken on its own: the two versions do not both have its record"
                ))
            })?);
        }
        if changes.is_empty() {
            self.resolve_conflict(tx, conflict, false)?;
            return Ok(FieldsResolved::KeptLocal);
        }
        if content_hash(&record) == incoming.hearing.content_hash {
            self.resolve_conflict(tx, conflict, true)?;
            return Ok(FieldsResolved::KeptIncoming);
        }
        let now = self.now_text();
        let h = &mut record.hearing;
        let local_hash = std::mem::take(&mut h.content_hash);
        let mut ancestors = merged(std::mem::take(&mut h.ancestors), &[], &local_hash);
        ancestors = merged(
            ancestors,
            &incoming.hearing.ancestors,
            &incoming.hearing.content_hash,
        );
        h.ancestors = ancestors;
        h.parent_hash = local_hash;
        h.version = h.version.max(incoming.hearing.version) + 1;
        h.sealed = true;
        h.updated_at.clone_from(&now);
        let version = h.version;
        // The audit rows already stored stay; this version's are written below.
        record.audit.clear();
        record.hearing.content_hash = content_hash(&record);
        self.write_record(tx, &record)?;
        let reason = format!(
            "conflict {}: values taken from the incoming version",
            conflict.uuid
        );
        let by = Author {
            monitor: me,
            at: &now,
            reason: &reason,
        };
        self.audit_in(tx, conflict.hearing_uuid, version, &changes, &by)?;
        self.follow_case_in(
            tx,
            record.case.uuid,
            conflict.hearing_uuid,
            &changes,
            &reason,
        )?;
        self.record_resolution(tx, conflict, me, "fields")?;
        Ok(FieldsResolved::NewVersion {
            changed: changes.len(),
        })
    }

    /// Resolves an open conflict in its own transaction (the command line and the terminal UI)
    /// and returns it as it was before resolving.
    pub fn resolve_open_conflict(
        &self,
        conflict: Uuid,
        keep_incoming: bool,
    ) -> Result<ConflictRow> {
        let row = self.open_conflict(conflict)?;
        let tx = self.begin()?;
        self.resolve_conflict(&tx, &row, keep_incoming)?;
        tx.commit().map_err(|e| self.explain(e))?;
        Ok(row)
    }

    /// [`Store::resolve_conflict_fields`] on an open conflict in its own transaction (the
    /// command line and the terminal UI).
    pub(crate) fn resolve_open_conflict_fields(
        &self,
        conflict: Uuid,
        take: &[Take],
    ) -> Result<FieldsResolved> {
        let row = self.open_conflict(conflict)?;
        let tx = self.begin()?;
        let n = self.resolve_conflict_fields(&tx, &row, take)?;
        tx.commit().map_err(|e| self.explain(e))?;
        Ok(n)
    }

    /// An open conflict by its id.
    fn open_conflict(&self, conflict: Uuid) -> Result<ConflictRow> {
        self.conflicts(false)?
            .into_iter()
            .find(|c| c.uuid == conflict)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "conflict {conflict} is not open any more (it was resolved, or it does not exist)"
                ))
            })
    }

    /// Writes a whole hearing record that replaces the local version (merge's update): rows
    /// of its case that the incoming record no longer has (parties, charges, consents) are
    /// removed first, then [`Store::write_record`] writes the rest.
    pub(crate) fn replace_record(&self, tx: &Transaction<'_>, r: &HearingRecord) -> Result<()> {
        self.remove_case_rows_not_in(tx, r)?;
        self.write_record(tx, r)
    }

    /// Removes the parties, charges and consents of a record's case that the record no
    /// longer has.
    pub(super) fn remove_case_rows_not_in(
        &self,
        tx: &Transaction<'_>,
        r: &HearingRecord,
    ) -> Result<()> {
        let case = r.case.uuid.to_string();
        let keep = |ids: Vec<String>, wanted: &[Uuid]| -> Vec<String> {
            ids.into_iter()
                .filter(|id| !wanted.iter().any(|w| w.to_string() == *id))
                .collect()
        };
        let ids = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = tx.prepare_cached(sql)?;
            let v = stmt
                .query_map([&case], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(v)
        };
        let parties: Vec<Uuid> = r.parties.iter().map(|p| p.uuid).collect();
        let charges: Vec<Uuid> = r.charges.iter().map(|p| p.uuid).collect();
        let consents: Vec<Uuid> = r.consents.iter().map(|p| p.uuid).collect();
        for id in keep(
            ids(
                "SELECT c.uuid FROM charges c JOIN parties p ON p.uuid = c.party_uuid WHERE p.case_uuid = ?1",
            )?,
            &charges,
        ) {
            tx.execute("DELETE FROM charges WHERE uuid = ?1", [id])?;
        }
        for id in keep(
            ids(
                "SELECT c.uuid FROM consents c JOIN parties p ON p.uuid = c.party_uuid WHERE p.case_uuid = ?1",
            )?,
            &consents,
        ) {
            tx.execute("DELETE FROM consents WHERE uuid = ?1", [id])?;
        }
        for id in keep(
            ids("SELECT uuid FROM parties WHERE case_uuid = ?1")?,
            &parties,
        ) {
            tx.execute("DELETE FROM parties WHERE uuid = ?1", [id])?;
        }
        Ok(())
    }

    /// Sets the status of a hearing whose content is unchanged (merge taking a lead's review
    /// of an identical version).
    pub(crate) fn set_status_in(
        &self,
        tx: &Transaction<'_>,
        hearing: Uuid,
        status: Status,
    ) -> Result<()> {
        tx.prepare_cached("UPDATE hearings SET status = ?1 WHERE uuid = ?2")?
            .execute(params![status.code(), hearing.to_string()])?;
        Ok(())
    }
}
