//! Values a final record holds in a field whose condition does not hold (a closure ground on
//! a public hearing). Forms before the one that clears them kept such values, only hidden;
//! finalising and the batch reader now refuse them. Migration 0012 asks the store to clear
//! the ones already in a database once, as audited edits, so that every final hearing can
//! still be exported and merged and its hash stays true to its content.
//!
//! A lead's database also holds the incoming versions its open conflicts keep, which an older
//! build stored as they came: the same upgrade clears them as the monitor's own upgrade clears
//! that version (a new version, its audit rows, its hash), and keeping one clears it again
//! first, so a conflict can never write such a value back. A batch an older build wrote with
//! such values is refused by the reader, whose first problem tells the lead that the monitor
//! must upgrade and run `export --all`.

use rusqlite::{OptionalExtension, Transaction, params};
use uuid::Uuid;

use super::Store;
use super::records::{Author, CASE_LEVEL, HEARING_COLUMNS, hearing_from_row, load, safe_field_id};
use crate::domain::{
    AuditRow, Entity, HearingRecord, clear_not_applicable, content_hash, version_after_edit,
};
use crate::error::{Error, Result};

/// The setting migration 0012 writes: while it says `pending`, opening the database clears
/// the values that do not apply ([`Store::clear_not_applicable_once`]).
pub const CLEAR_NOT_APPLICABLE: &str = "clear_not_applicable";

/// The reason the audit trail gives for values cleared on upgrade.
pub const UPGRADE_REASON: &str = "cleared on upgrade: the field's condition does not hold, \
     so its value (kept hidden by an older courtwatch) answered a question the record does not ask";

impl Store {
    /// Once, after migration 0012: clears every value a final or reviewed hearing holds in a
    /// field whose condition does not hold, as audited edits (a new version when the current
    /// one was sealed, its hash recomputed, [`UPGRADE_REASON`] as the reason), and removes the
    /// request, all in one transaction. Returns how many hearings changed.
    pub(super) fn clear_not_applicable_once(&self) -> Result<usize> {
        if self.read_only || self.setting(CLEAR_NOT_APPLICABLE)?.as_deref() != Some("pending") {
            return Ok(0);
        }
        let tx = self.tx()?;
        let hearings: Vec<String> = tx
            .prepare("SELECT uuid FROM hearings WHERE status <> 'draft' ORDER BY rowid")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let hearings: Vec<Uuid> = hearings
            .iter()
            .map(|h| super::parse_uuid(h))
            .collect::<Result<_>>()?;
        let changed = self.clear_not_applicable_in(&tx, &hearings, UPGRADE_REASON)?;
        self.clear_not_applicable_in_conflicts(&tx)?;
        tx.execute(
            "DELETE FROM settings WHERE key = ?1",
            [CLEAR_NOT_APPLICABLE],
        )?;
        tx.commit().map_err(|e| self.explain(e))?;
        Ok(changed)
    }

    /// Clears the values that do not apply in each final or reviewed hearing of `hearings`, in
    /// the caller's transaction, as [`Store::set_field`] would clear them one by one: audited
    /// with `reason` by this database's monitor, versioned, hashed and reindexed; a value the
    /// trial's hearings share gives the case's other hearings new versions too. Drafts are
    /// left to the form, which clears such values when they are finalised. Returns how many
    /// of `hearings` changed.
    pub(crate) fn clear_not_applicable_in(
        &self,
        tx: &Transaction<'_>,
        hearings: &[Uuid],
        reason: &str,
    ) -> Result<usize> {
        // Read when first needed: the clock is read only when something changes.
        let mut now = None;
        let mut changed = 0;
        for &hearing in hearings {
            let Some(h) = self.hearing_row_opt(tx, hearing)? else {
                continue;
            };
            if !h.status.is_final() {
                continue;
            }
            let mut record = load(tx, hearing)?;
            let changes = clear_not_applicable(&self.spec, &mut record);
            if changes.is_empty() {
                continue;
            }
            let now: &str = now.get_or_insert_with(|| self.now_text());
            for c in &changes {
                // Field ids come from the forms, which allow snake_case only.
                let Some(entity) = Entity::parse(c.entity).filter(|_| safe_field_id(&c.field))
                else {
                    continue;
                };
                let table = entity.table();
                tx.prepare_cached(&format!(
                    "UPDATE {table} SET data = json_remove(data, '$.' || ?1), updated_at = ?2 WHERE uuid = ?3"
                ))?
                .execute(params![c.field, now, c.record.to_string()])?;
            }
            let by = Author {
                monitor: self.me().unwrap_or(h.monitor_uuid),
                at: now,
                reason,
            };
            self.version_in(tx, &h, &changes, &by)?;
            self.reindex(tx, hearing)?;
            if changes.iter().any(|c| CASE_LEVEL.contains(&c.entity)) {
                self.follow_case_in(tx, h.case_uuid, hearing, &changes, reason)?;
            }
            changed += 1;
        }
        Ok(changed)
    }

    /// Clears, in the incoming version each open conflict holds, the values that do not
    /// apply, in the caller's transaction: the version the monitor's own upgrade makes of it
    /// ([`Store::clear_incoming`]), so that keeping it cannot write a stale value back, and
    /// the monitor's cleared version, when it comes, is the one already held. A conflict whose
    /// cleared version another conflict of that hearing already holds, or whose stored version
    /// does not read, is left as it is (the clearing happens again when it is kept). Returns
    /// how many changed.
    pub(super) fn clear_not_applicable_in_conflicts(&self, tx: &Transaction<'_>) -> Result<usize> {
        let open: Vec<(String, String)> = tx
            .prepare(
                "SELECT uuid, incoming FROM conflicts WHERE resolved_at IS NULL ORDER BY rowid",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut changed = 0;
        for (uuid, json) in open {
            // One that does not read is left as it is: opening the database must not fail on
            // it, and reading it to resolve it says it is damaged.
            let Ok(mut incoming) = serde_json::from_str::<HearingRecord>(&json) else {
                continue;
            };
            if !self.clear_incoming(&mut incoming, UPGRADE_REASON) {
                continue;
            }
            let json = serde_json::to_string(&incoming)
                .map_err(|e| Error::Invalid(format!("cannot store a conflict: {e}")))?;
            changed += tx
                .prepare_cached(
                    "UPDATE OR IGNORE conflicts SET incoming = ?1, incoming_hash = ?2 WHERE uuid = ?3",
                )?
                .execute(params![json, incoming.hearing.content_hash, uuid])?;
        }
        Ok(changed)
    }

    /// Clears the values that do not apply in an incoming version a conflict kept, as the
    /// monitor's upgrade clears them in its own copy: a new version after it (its hash the
    /// parent), the hash recomputed from the content left, and an audit row per value with
    /// `reason`, by this database's monitor. Returns whether anything was cleared.
    pub(crate) fn clear_incoming(&self, r: &mut HearingRecord, reason: &str) -> bool {
        if !r.hearing.status.is_final() {
            return false;
        }
        let changes = clear_not_applicable(&self.spec, r);
        if changes.is_empty() {
            return false;
        }
        // A version that travelled is sealed: clearing makes the next one.
        r.hearing.sealed = true;
        let step = version_after_edit(&r.hearing);
        let now = self.now_text();
        let h = &mut r.hearing;
        h.version = step.version;
        h.parent_hash = step.parent_hash;
        h.ancestors = step.ancestors;
        h.updated_at.clone_from(&now);
        let by = self.me().unwrap_or(h.monitor_uuid);
        let hearing = h.uuid;
        for c in changes {
            r.audit.push(AuditRow {
                uuid: self.new_id(),
                hearing_uuid: hearing,
                version: step.version,
                entity: c.entity.to_owned(),
                record_uuid: c.record,
                field: c.field,
                old_value: c.old,
                new_value: c.new,
                reason: reason.to_owned(),
                monitor_uuid: by,
                at: now.clone(),
            });
        }
        r.hearing.content_hash = content_hash(r);
        true
    }

    fn hearing_row_opt(
        &self,
        tx: &Transaction<'_>,
        hearing: Uuid,
    ) -> Result<Option<crate::domain::Hearing>> {
        tx.prepare_cached(&format!("{HEARING_COLUMNS} WHERE uuid = ?1"))?
            .query_row([hearing.to_string()], hearing_from_row)
            .optional()?
            .transpose()
    }
}
