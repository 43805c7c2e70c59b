//! Values a final record holds in a field whose condition does not hold (a closure ground on
//! a public hearing). Forms before the one that clears them kept such values, only hidden;
//! finalising and the batch reader now refuse them. Migration 0012 asks the store to clear
//! the ones already in a database once, as audited edits, so that every final hearing can
//! still be exported and merged and its hash stays true to its content.

use rusqlite::{OptionalExtension, Transaction, params};
use uuid::Uuid;

use super::Store;
use super::records::{Author, CASE_LEVEL, HEARING_COLUMNS, hearing_from_row, load, safe_field_id};
use crate::domain::{Entity, clear_not_applicable};
use crate::error::Result;

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
