//! Reading and writing hearings and everything under them.
//!
//! Every edit goes through [`Store::edit`], which applies the version chain and audit rules of
//! `domain` to final records and keeps the search index in step.

use rusqlite::{OptionalExtension, Transaction, params};
use uuid::Uuid;

use super::search::{SearchRow, search_body};
use super::{Store, parse_uuid};
use crate::domain::{
    Allegation, Answer, AuditRow, Case, Change, Charge, Consent, Entity, Event, Fields, Followup,
    Hearing, HearingParty, HearingRecord, Party, Problem, Status, content_hash, finalise_problems,
    version_after_edit,
};
use crate::error::{Error, Result};
use crate::spec::Spec;

/// The entities every hearing of a case shares (`Change::entity`).
pub(super) const CASE_LEVEL: [&str; 4] = ["case", "party", "charge", "consent"];

/// Who made one version's audited changes of a final hearing, when and why.
pub(super) struct Author<'a> {
    pub monitor: Uuid,
    pub at: &'a str,
    pub reason: &'a str,
}

fn fields_json(fields: &Fields) -> String {
    serde_json::to_string(fields).unwrap_or_else(|_| "{}".into())
}

/// What the store writes for a hearing record beyond its own values, made before the write:
/// each row's fields as JSON (in the order of the record's lists) and the folded search text.
/// Bulk writers make it on the thread that makes or reads the records (see [`Encoded`]), so
/// the writing thread only writes.
pub(super) struct Encoding {
    case: String,
    hearing: String,
    parties: Vec<String>,
    hearing_parties: Vec<String>,
    charges: Vec<String>,
    allegations: Vec<String>,
    followups: Vec<String>,
    consents: Vec<String>,
    search: String,
    /// The hearing's `checklist_tally` row (see [`tally`]).
    tally: String,
}

impl Encoding {
    pub(super) fn of(spec: &Spec, r: &HearingRecord) -> Self {
        fn each<T>(rows: &[T], fields: impl Fn(&T) -> &Fields) -> Vec<String> {
            rows.iter().map(|row| fields_json(fields(row))).collect()
        }
        Encoding {
            case: fields_json(&r.case.fields),
            hearing: fields_json(&r.hearing.fields),
            parties: each(&r.parties, |p| &p.fields),
            hearing_parties: each(&r.hearing_parties, |p| &p.fields),
            charges: each(&r.charges, |c| &c.fields),
            allegations: each(&r.allegations, |a| &a.fields),
            followups: each(&r.followups, |f| &f.fields),
            consents: each(&r.consents, |c| &c.fields),
            search: search_body(spec, r),
            tally: tally(
                r.answers
                    .iter()
                    .map(|a| (a.item_code.as_str(), a.party_uuid, a.answer.as_str())),
            ),
        }
    }
}

/// A hearing record with its [`Encoding`], ready for [`super::Bulk::write`]. The record is
/// read-only here, so the encoding cannot fall behind it.
pub struct Encoded {
    record: HearingRecord,
    pub(super) encoding: Encoding,
}

impl Encoded {
    pub fn new(spec: &Spec, record: HearingRecord) -> Self {
        let encoding = Encoding::of(spec, &record);
        Encoded { record, encoding }
    }

    pub fn record(&self) -> &HearingRecord {
        &self.record
    }
}

pub(crate) fn parse_fields(json: &str) -> Result<Fields> {
    // Values are text; numbers or other JSON types written by hand are read as their text.
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json)
        .map_err(|e| Error::Invalid(format!("stored fields are not valid JSON: {e}")))?;
    Ok(map
        .into_iter()
        .map(|(k, v)| {
            let s = match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            (k, s)
        })
        .collect())
}

/// Whether a field id is safe to use in a JSON path (`$.<id>`): snake_case only.
pub(super) fn safe_field_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

impl Store {
    pub(super) fn tx(&self) -> Result<Transaction<'_>> {
        if self.read_only {
            return Err(Error::ReadOnly);
        }
        self.conn
            .unchecked_transaction()
            .map_err(|e| self.explain(e))
    }

    pub(super) fn me(&self) -> Result<Uuid> {
        self.monitor
            .as_ref()
            .map(|m| m.uuid)
            .ok_or(Error::NoProfile)
    }

    /// Records why a final hearing is being edited: on the audit rows of its current version
    /// that have no reason yet (edits are saved as they are typed, before the monitor is
    /// asked), and on every later edit.
    pub fn set_edit_reason(&self, hearing: Uuid, reason: &str) -> Result<()> {
        self.edit_reasons
            .borrow_mut()
            .insert(hearing, reason.to_owned());
        if self.read_only {
            return Ok(());
        }
        self.conn
            .prepare_cached(
                "UPDATE audit SET reason = ?2
                 WHERE hearing_uuid = ?1 AND reason = ''
                   AND version = (SELECT version FROM hearings WHERE uuid = ?1)",
            )?
            .execute(params![hearing.to_string(), reason])
            .map_err(|e| self.explain(e))?;
        Ok(())
    }

    /// Starts a new hearing of a new case, owned by this database's monitor and dated today;
    /// returns its id. The next hearing of a case already here is [`Store::next_hearing`].
    pub fn new_hearing(&self) -> Result<Uuid> {
        self.insert_hearing(None, Fields::new())
    }

    pub(super) fn form_versions(&self) -> String {
        self.spec
            .versions()
            .iter()
            .map(|(f, v)| format!("{f}={v}"))
            .collect::<Vec<_>>()
            .join("|")
    }

    /// The cheap autosave path: sets one field of one record (an empty value clears it),
    /// without reading a draft back. A final hearing is read once, to hash its new version,
    /// and returned.
    pub fn set_field(
        &self,
        hearing: Uuid,
        entity: Entity,
        record: Uuid,
        field: &str,
        value: &str,
    ) -> Result<Option<HearingRecord>> {
        let searchable = match self.spec.form(entity.name()).and_then(|f| f.field(field)) {
            Some(f) if safe_field_id(field) => f.searchable && !f.restricted,
            _ => return Err(Error::Invalid(format!("{entity} has no field {field}"))),
        };
        let table = entity.table();
        self.edit(hearing, searchable, |tx, now| {
            let old: Option<String> = tx
                .prepare_cached(&format!("SELECT json_extract(data, '$.' || ?1) FROM {table} WHERE uuid = ?2"))?
                .query_row(params![field, record.to_string()], |r| r.get::<_, Option<String>>(0))
                .optional()?
                .ok_or_else(|| Error::NoSuchRecord(record.to_string()))?;
            let old = old.unwrap_or_default();
            if old == value {
                return Ok(None);
            }
            if value.is_empty() {
                tx.prepare_cached(&format!(
                    "UPDATE {table} SET data = json_remove(data, '$.' || ?1), updated_at = ?2 WHERE uuid = ?3"
                ))?
                .execute(params![field, now, record.to_string()])?;
            } else {
                tx.prepare_cached(&format!(
                    "UPDATE {table} SET data = json_set(data, '$.' || ?1, ?2), updated_at = ?3 WHERE uuid = ?4"
                ))?
                .execute(params![field, value, now, record.to_string()])?;
            }
            Ok(Some(vec![Change { entity: entity.name(), record, field: field.to_owned(), old, new: value.to_owned() }]))
        })
    }

    /// Runs one edit of a hearing in a transaction: applies the version chain and audit rules
    /// when the hearing is final, touches `updated_at`, and reindexes search when asked.
    /// `change` returns the audited changes, or `None` when nothing changed.
    ///
    /// Returns the hearing as it now is when it is final (the version rule loads it to hash
    /// it; the screen shows that copy instead of loading it again), else `None`.
    fn edit(
        &self,
        hearing: Uuid,
        reindex: bool,
        change: impl FnOnce(&Transaction<'_>, &str) -> Result<Option<Vec<Change>>>,
    ) -> Result<Option<HearingRecord>> {
        let now = self.now_text();
        let tx = self.tx()?;
        let h = self.hearing_row(&tx, hearing)?;
        let Some(changes) = change(&tx, &now)? else {
            return Ok(None);
        };
        let reason = self
            .edit_reasons
            .borrow()
            .get(&hearing)
            .cloned()
            .unwrap_or_default();
        let me = self.me().unwrap_or(h.monitor_uuid);
        let by = Author {
            monitor: me,
            at: &now,
            reason: &reason,
        };
        let record = self.version_in(&tx, &h, &changes, &by)?;
        if reindex {
            self.reindex(&tx, hearing)?;
        }
        // The case, its people, charges and consents are part of every hearing of the case:
        // a change to them is a change of each other hearing of the trial too, versioned and
        // audited as theirs, so that every final hearing's hash stays true to its content.
        if changes.iter().any(|c| CASE_LEVEL.contains(&c.entity)) {
            for other in self.other_hearings_in(&tx, h.case_uuid, hearing)? {
                let other = self.hearing_row(&tx, other)?;
                self.version_in(&tx, &other, &changes, &by)?;
                if reindex {
                    self.reindex(&tx, other.uuid)?;
                }
            }
        }
        tx.commit().map_err(|e| self.explain(e))?;
        Ok(record)
    }

    /// The hearings of `case` other than `except`.
    fn other_hearings_in(
        &self,
        tx: &Transaction<'_>,
        case: Uuid,
        except: Uuid,
    ) -> Result<Vec<Uuid>> {
        let ids: Vec<String> = tx
            .prepare_cached("SELECT uuid FROM hearings WHERE case_uuid = ?1 AND uuid <> ?2")?
            .query_map(params![case.to_string(), except.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter().map(|id| super::parse_uuid(id)).collect()
    }

    /// After the case's shared rows (the case, its people, charges and consents) were written
    /// with hearing `except` — by a merge or a conflict's resolution, not by an edit — every
    /// other hearing of the case whose content no longer matches its hash gets a new version,
    /// audited with `changes` by this database's monitor and `reason`, as an edit would give
    /// it, so that every final hearing's hash stays true to its content.
    pub(super) fn follow_case_in(
        &self,
        tx: &Transaction<'_>,
        case: Uuid,
        except: Uuid,
        changes: &[Change],
        reason: &str,
    ) -> Result<()> {
        let now = self.now_text();
        let changes: Vec<Change> = changes
            .iter()
            .filter(|c| CASE_LEVEL.contains(&c.entity))
            .cloned()
            .collect();
        for other in self.other_hearings_in(tx, case, except)? {
            let h = self.hearing_row(tx, other)?;
            if content_hash(&load(tx, other)?) == h.content_hash {
                continue;
            }
            let by = Author {
                monitor: self.me().unwrap_or(h.monitor_uuid),
                at: &now,
                reason,
            };
            self.version_in(tx, &h, &changes, &by)?;
            self.reindex(tx, other)?;
        }
        Ok(())
    }

    /// Applies the version chain rule to hearing `h` after `changes` (already written): a
    /// final hearing gets its audit rows, its new version when its current one was sealed, and
    /// its content hash; a draft only its `updated_at`.
    pub(super) fn version_in(
        &self,
        tx: &Transaction<'_>,
        h: &Hearing,
        changes: &[Change],
        by: &Author<'_>,
    ) -> Result<Option<HearingRecord>> {
        let step = version_after_edit(h);
        let id = h.uuid.to_string();
        if step.audited {
            self.audit_in(tx, h.uuid, step.version, changes, by)?;
            tx.prepare_cached(
                "UPDATE hearings SET version = ?1, parent_hash = ?2, ancestors = ?3, sealed = 0, updated_at = ?4
                 WHERE uuid = ?5",
            )?
            .execute(params![step.version, step.parent_hash, step.ancestors.join("|"), by.at, id])?;
            let mut record = load(tx, h.uuid)?;
            let hash = content_hash(&record);
            tx.prepare_cached("UPDATE hearings SET content_hash = ?1 WHERE uuid = ?2")?
                .execute(params![hash, id])?;
            record.hearing.content_hash = hash;
            Ok(Some(record))
        } else {
            tx.prepare_cached("UPDATE hearings SET updated_at = ?1 WHERE uuid = ?2")?
                .execute(params![by.at, id])?;
            Ok(None)
        }
    }

    /// Writes the audit rows of one version's changes of a final hearing, in the caller's
    /// transaction: who, when and why, and each value before and after.
    pub(super) fn audit_in(
        &self,
        tx: &Transaction<'_>,
        hearing: Uuid,
        version: u32,
        changes: &[Change],
        by: &Author<'_>,
    ) -> Result<()> {
        let hid = hearing.to_string();
        for c in changes {
            let row = AuditRow {
                uuid: self.new_id(),
                hearing_uuid: hearing,
                version,
                entity: c.entity.to_owned(),
                record_uuid: c.record,
                field: c.field.clone(),
                old_value: c.old.clone(),
                new_value: c.new.clone(),
                reason: by.reason.to_owned(),
                monitor_uuid: by.monitor,
                at: by.at.to_owned(),
            };
            insert_audit(tx, &hid, &row)?;
        }
        Ok(())
    }

    fn hearing_row(&self, tx: &Transaction<'_>, hearing: Uuid) -> Result<Hearing> {
        tx.prepare_cached(&format!("{HEARING_COLUMNS} WHERE uuid = ?1"))?
            .query_row([hearing.to_string()], hearing_from_row)
            .optional()?
            .ok_or_else(|| Error::NoSuchHearing(hearing.to_string()))?
    }

    /// Adds a person to the hearing's case, with their row for this hearing. The display code
    /// (D1, V1, W1, …) is the next free one for the role.
    pub fn add_party(&self, hearing: Uuid, role: &str) -> Result<(Uuid, Uuid)> {
        if !self.spec.code_exists("party_role", role) {
            return Err(Error::Invalid(format!("unknown party role {role}")));
        }
        let (party, hp) = (self.new_id(), self.new_id());
        let prefix = match role {
            "defendant" => "D",
            "victim" => "V",
            "witness" => "W",
            "civil_party" => "C",
            _ => "P",
        };
        self.edit(hearing, true, |tx, now| {
            let case: String =
                tx.query_row("SELECT case_uuid FROM hearings WHERE uuid = ?1", [hearing.to_string()], |r| r.get(0))?;
            let taken: Vec<String> = tx
                .prepare_cached("SELECT json_extract(data, '$.display_code') FROM parties WHERE case_uuid = ?1")?
                .query_map([&case], |r| r.get::<_, Option<String>>(0))?
                .filter_map(|r| r.ok().flatten())
                .collect();
            let code = (1..).map(|n| format!("{prefix}{n}")).find(|c| !taken.contains(c)).unwrap_or_default();
            let mut fields = Fields::new();
            fields.insert("role".into(), role.into());
            fields.insert("display_code".into(), code.clone());
            tx.execute(
                "INSERT INTO parties (uuid, case_uuid, data, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![party.to_string(), case, fields_json(&fields), now],
            )?;
            tx.execute(
                "INSERT INTO hearing_parties (uuid, hearing_uuid, party_uuid, data, created_at, updated_at)
                 VALUES (?1, ?2, ?3, '{}', ?4, ?4)",
                params![hp.to_string(), hearing.to_string(), party.to_string(), now],
            )?;
            Ok(Some(vec![Change { entity: "party", record: party, field: "display_code".into(), old: String::new(), new: code }]))
        })?;
        Ok((party, hp))
    }

    /// Adds an empty child record (charge, allegation, follow-up, consent) under `parent`.
    pub fn add_record(&self, hearing: Uuid, entity: Entity, parent: Option<Uuid>) -> Result<Uuid> {
        let id = self.new_id();
        let parent_text = parent.map(|p| p.to_string());
        let sql = match entity {
            Entity::Charge => {
                "INSERT INTO charges (uuid, party_uuid, created_at, updated_at) VALUES (?1, ?3, ?4, ?4)"
            }
            Entity::Allegation => {
                "INSERT INTO allegations (uuid, hearing_uuid, party_uuid, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)"
            }
            Entity::Followup => {
                "INSERT INTO followups (uuid, allegation_uuid, created_at, updated_at) VALUES (?1, ?3, ?4, ?4)"
            }
            Entity::Consent => {
                "INSERT INTO consents (uuid, party_uuid, created_at, updated_at) VALUES (?1, ?3, ?4, ?4)"
            }
            _ => return Err(Error::Invalid(format!("a {entity} is not added this way"))),
        };
        if parent.is_none() && entity != Entity::Allegation {
            return Err(Error::Invalid(format!("a {entity} needs a parent record")));
        }
        self.edit(hearing, false, |tx, now| {
            tx.execute(
                sql,
                params![id.to_string(), hearing.to_string(), parent_text, now],
            )?;
            Ok(Some(vec![Change {
                entity: entity.name(),
                record: id,
                field: "".into(),
                old: String::new(),
                new: "added".into(),
            }]))
        })?;
        Ok(id)
    }

    /// Deletes a record and, through the foreign keys, everything under it.
    pub(crate) fn delete_record(&self, hearing: Uuid, entity: Entity, record: Uuid) -> Result<()> {
        if matches!(entity, Entity::Hearing | Entity::Case) {
            return Err(Error::Invalid(
                "use delete_hearing to delete a hearing".into(),
            ));
        }
        let table = entity.table();
        self.edit(hearing, true, |tx, _| {
            let old: Option<String> = tx
                .query_row(
                    &format!("SELECT data FROM {table} WHERE uuid = ?1"),
                    [record.to_string()],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(old) = old else {
                return Err(Error::NoSuchRecord(record.to_string()));
            };
            if entity == Entity::Party {
                // Per-defendant answers name the party without a foreign key (see 0001_init.sql).
                let hearings: Vec<String> = tx
                    .prepare(
                        "SELECT h.uuid FROM hearings h JOIN parties p ON p.case_uuid = h.case_uuid
                         WHERE p.uuid = ?1",
                    )?
                    .query_map([record.to_string()], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for h in &hearings {
                    tx.prepare_cached(
                        "DELETE FROM checklist_answers WHERE party_uuid = ?1 AND hearing_uuid = ?2",
                    )?
                    .execute([record.to_string(), h.clone()])?;
                    retally(tx, h)?;
                }
            }
            tx.execute(
                &format!("DELETE FROM {table} WHERE uuid = ?1"),
                [record.to_string()],
            )?;
            Ok(Some(vec![Change {
                entity: entity.name(),
                record,
                field: "".into(),
                old,
                new: "deleted".into(),
            }]))
        })
        .map(|_| ())
    }

    /// Sets (or, with an empty answer and comment, clears) one checklist answer; returns the
    /// hearing as it now is when it is final (see [`Store::set_field`]).
    pub fn set_answer(
        &self,
        hearing: Uuid,
        item: &str,
        party: Option<Uuid>,
        answer: &str,
        comment: &str,
    ) -> Result<Option<HearingRecord>> {
        if self.spec.checklist.item(item).is_none() {
            return Err(Error::Invalid(format!("unknown checklist item {item}")));
        }
        if !answer.is_empty() && !self.spec.code_exists("answer", answer) {
            return Err(Error::Invalid(format!("unknown answer {answer}")));
        }
        let key = party.map(|p| p.to_string()).unwrap_or_default();
        self.edit(hearing, true, |tx, _| {
            let old: Option<(String, String, String)> = tx
                .prepare_cached(
                    "SELECT uuid, answer, comment FROM checklist_answers
                     WHERE hearing_uuid = ?1 AND item_code = ?2 AND party_uuid = ?3",
                )?
                .query_row(params![hearing.to_string(), item, key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            let (uuid, old_answer, old_comment) = match old {
                Some((u, a, c)) => (parse_uuid(&u)?, a, c),
                None => (self.new_id(), String::new(), String::new()),
            };
            if old_answer == answer && old_comment == comment {
                return Ok(None);
            }
            if answer.is_empty() && comment.is_empty() {
                tx.prepare_cached(
                    "DELETE FROM checklist_answers WHERE hearing_uuid = ?1 AND item_code = ?2 AND party_uuid = ?3",
                )?
                .execute(params![hearing.to_string(), item, key])?;
            } else {
                tx.prepare_cached(
                    "INSERT INTO checklist_answers (hearing_uuid, item_code, party_uuid, uuid, answer, comment)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT DO UPDATE SET answer = excluded.answer, comment = excluded.comment",
                )?
                .execute(params![hearing.to_string(), item, key, uuid.to_string(), answer, comment])?;
            }
            retally(tx, &hearing.to_string())?;
            let mut changes = Vec::new();
            if old_answer != answer {
                changes.push(Change { entity: "checklist_answer", record: uuid, field: "answer".into(), old: old_answer, new: answer.into() });
            }
            if old_comment != comment {
                changes.push(Change { entity: "checklist_answer", record: uuid, field: "comment".into(), old: old_comment, new: comment.into() });
            }
            Ok(Some(changes))
        })
    }

    /// Stamps a timeline event at the current time; returns its id.
    pub(crate) fn add_event(&self, hearing: Uuid, code: &str, note: &str) -> Result<Uuid> {
        let at = self.now_text();
        let id = self.new_id();
        self.put_event(hearing, id, &at, code, note)?;
        Ok(id)
    }

    /// Creates or corrects a timeline event.
    pub(crate) fn put_event(
        &self,
        hearing: Uuid,
        id: Uuid,
        at: &str,
        code: &str,
        note: &str,
    ) -> Result<()> {
        if !self.spec.code_exists("timeline_event", code) {
            return Err(Error::Invalid(format!("unknown timeline event {code}")));
        }
        if chrono::DateTime::parse_from_rfc3339(at).is_err() {
            return Err(Error::Invalid(format!("not a time with offset: {at}")));
        }
        self.edit(hearing, true, |tx, now| {
            let old: Option<(String, String, String)> = tx
                .query_row("SELECT at, code, note FROM timeline WHERE uuid = ?1", [id.to_string()], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            let new = format!("{at} {code} {note}");
            let old = match old {
                Some((a, c, n)) if a == at && c == code && n == note => return Ok(None),
                Some((a, c, n)) => format!("{a} {c} {n}"),
                None => String::new(),
            };
            tx.prepare_cached(
                "INSERT INTO timeline (uuid, hearing_uuid, at, code, note, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
                 ON CONFLICT(uuid) DO UPDATE SET at = excluded.at, code = excluded.code, note = excluded.note,
                                                 updated_at = excluded.updated_at",
            )?
            .execute(params![id.to_string(), hearing.to_string(), at, code, note, now])?;
            Ok(Some(vec![Change { entity: "timeline", record: id, field: "event".into(), old, new }]))
        })
        .map(|_| ())
    }

    pub(crate) fn delete_event(&self, hearing: Uuid, id: Uuid) -> Result<()> {
        self.edit(hearing, true, |tx, _| {
            let old: Option<String> = tx
                .query_row(
                    "SELECT at || ' ' || code || ' ' || note FROM timeline WHERE uuid = ?1",
                    [id.to_string()],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(old) = old else {
                return Err(Error::NoSuchRecord(id.to_string()));
            };
            tx.execute("DELETE FROM timeline WHERE uuid = ?1", [id.to_string()])?;
            Ok(Some(vec![Change {
                entity: "timeline",
                record: id,
                field: "event".into(),
                old,
                new: "deleted".into(),
            }]))
        })
        .map(|_| ())
    }

    /// Finalises a hearing when it passes validation; otherwise returns the problems and
    /// changes nothing. Finalising an already final hearing re-seals its current version.
    pub fn finalise(&self, hearing: Uuid) -> Result<Result<(), Vec<Problem>>> {
        let record = self.load_hearing(hearing)?;
        let problems = finalise_problems(&self.spec, &record);
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        let h = &record.hearing;
        let version = h.version.max(1);
        let status = if h.status == Status::Reviewed {
            Status::Reviewed
        } else {
            Status::Final
        };
        let tx = self.tx()?;
        tx.execute(
            "UPDATE hearings SET status = ?1, version = ?2, content_hash = ?3, sealed = 1, updated_at = ?4 WHERE uuid = ?5",
            params![status.code(), version, content_hash(&record), self.now_text(), hearing.to_string()],
        )?;
        tx.commit().map_err(|e| self.explain(e))?;
        Ok(Ok(()))
    }

    /// Marks the current versions of these hearings as having left this laptop: the next edit
    /// of each starts a new version.
    pub fn seal(&self, hearings: &[Uuid]) -> Result<()> {
        let tx = self.tx()?;
        self.seal_in(&tx, hearings)?;
        tx.commit().map_err(|e| self.explain(e))
    }

    /// [`Store::seal`] inside the caller's transaction (export seals what it wrote in the
    /// transaction that records the batch).
    pub(crate) fn seal_in(&self, tx: &Transaction<'_>, hearings: &[Uuid]) -> Result<()> {
        for h in hearings {
            tx.prepare_cached(
                "UPDATE hearings SET sealed = 1 WHERE uuid = ?1 AND status <> 'draft'",
            )?
            .execute([h.to_string()])?;
        }
        Ok(())
    }

    /// Marks a final hearing reviewed by the given monitor (a group lead).
    pub fn mark_reviewed(&self, hearing: Uuid) -> Result<()> {
        let me = self.me()?;
        let tx = self.tx()?;
        let n = tx.execute(
            "UPDATE hearings SET status = 'reviewed', reviewed_by = ?1, reviewed_at = ?2 WHERE uuid = ?3 AND status <> 'draft'",
            params![me.to_string(), self.now_text(), hearing.to_string()],
        )?;
        if n == 0 {
            return Err(Error::Invalid(format!(
                "hearing {hearing} is a draft or does not exist; only final records can be reviewed"
            )));
        }
        tx.commit().map_err(|e| self.explain(e))
    }

    /// Deletes a hearing with everything under it, and its case when no other hearing uses it
    /// and no join names it.
    #[cfg(test)]
    pub(crate) fn delete_hearing(&self, hearing: Uuid) -> Result<()> {
        let tx = self.tx()?;
        let case: Option<String> = tx
            .query_row(
                "SELECT case_uuid FROM hearings WHERE uuid = ?1",
                [hearing.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        let Some(case) = case else {
            return Err(Error::NoSuchHearing(hearing.to_string()));
        };
        tx.execute(
            "DELETE FROM hearings WHERE uuid = ?1",
            [hearing.to_string()],
        )?;
        // A case record named by a join stays: the join is kept (migration 0015).
        tx.execute(
            "DELETE FROM cases WHERE uuid = ?1
               AND NOT EXISTS (SELECT 1 FROM hearings WHERE case_uuid = ?1)
               AND NOT EXISTS (SELECT 1 FROM case_joins WHERE ?1 IN (case_uuid, other_uuid))",
            [&case],
        )?;
        tx.commit().map_err(|e| self.explain(e))
    }

    /// The whole hearing with everything under it.
    pub fn load_hearing(&self, hearing: Uuid) -> Result<HearingRecord> {
        load(&self.conn, hearing)
    }

    /// The status of a hearing, read without loading it.
    pub(crate) fn load_hearing_status(&self, hearing: Uuid) -> Result<Status> {
        let status: Option<String> = self
            .conn
            .prepare_cached("SELECT status FROM hearings WHERE uuid = ?1")?
            .query_row([hearing.to_string()], |r| r.get(0))
            .optional()?;
        let status = status.ok_or_else(|| Error::NoSuchHearing(hearing.to_string()))?;
        Status::parse(&status).ok_or_else(|| Error::Invalid(format!("unknown status {status}")))
    }

    /// Writes a whole hearing record as given (new rows inserted, existing rows replaced),
    /// inside the caller's transaction, and its search row. Edits by a monitor go through the
    /// audited methods above; bulk writers (`demo`, `merge`) use [`Store::bulk`].
    pub fn write_record(&self, tx: &Transaction<'_>, r: &HearingRecord) -> Result<()> {
        let row = self.write_rows(tx, r, &Encoding::of(&self.spec, r))?;
        self.index_rows(tx, &[row])
    }

    /// Writes the rows of [`Store::write_record`] and returns the search row still to write.
    pub(super) fn write_rows(
        &self,
        tx: &Transaction<'_>,
        r: &HearingRecord,
        e: &Encoding,
    ) -> Result<SearchRow> {
        let h = &r.hearing;
        let hid = h.uuid.to_string();
        let existing: Option<i64> = tx
            .prepare_cached("SELECT rowid FROM hearings WHERE uuid = ?1")?
            .query_row([&hid], |row| row.get(0))
            .optional()?;
        tx.prepare_cached(
            "INSERT INTO cases (uuid, data, created_at, updated_at, case_number) VALUES (?1, ?2, ?3, ?3, ?4)
             ON CONFLICT(uuid) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
             WHERE data IS NOT excluded.data",
        )?
        .execute(params![
            r.case.uuid.to_string(),
            e.case,
            h.updated_at,
            r.case.fields.get("court_case_number")
        ])?;
        let rowid: i64 = tx.prepare_cached(
            "INSERT INTO hearings (uuid, case_uuid, monitor_uuid, status, version, content_hash, parent_hash, ancestors,
                                   sealed, form_versions, data, created_at, updated_at, hearing_date, court, judge,
                                   case_number)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
             ON CONFLICT(uuid) DO UPDATE SET case_uuid = excluded.case_uuid, monitor_uuid = excluded.monitor_uuid,
                status = excluded.status, version = excluded.version, content_hash = excluded.content_hash,
                parent_hash = excluded.parent_hash, ancestors = excluded.ancestors, sealed = excluded.sealed,
                form_versions = excluded.form_versions, data = excluded.data, updated_at = excluded.updated_at
             RETURNING rowid",
        )?
        .query_row(params![
            hid,
            h.case_uuid.to_string(),
            h.monitor_uuid.to_string(),
            h.status.code(),
            h.version,
            h.content_hash,
            h.parent_hash,
            h.ancestors.join("|"),
            h.sealed,
            h.form_versions,
            e.hearing,
            h.created_at,
            h.updated_at,
            h.fields.get("hearing_date"),
            h.fields.get("court"),
            h.fields.get("judge_name"),
            r.case.fields.get("court_case_number")
        ], |row| row.get(0))?;
        // Rows under the hearing that the incoming record no longer has are removed; parties
        // and charges belong to the case and are only added or updated.
        if existing.is_some() {
            for table in [
                "hearing_parties",
                "checklist_answers",
                "allegations",
                "timeline",
            ] {
                tx.prepare_cached(&format!("DELETE FROM {table} WHERE hearing_uuid = ?1"))?
                    .execute([&hid])?;
            }
        }
        let at = &h.updated_at;
        for (p, json) in r.parties.iter().zip(&e.parties) {
            tx.prepare_cached(
                "INSERT INTO parties (uuid, case_uuid, data, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
                 ON CONFLICT(uuid) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
                 WHERE data IS NOT excluded.data",
            )?
            .execute(params![p.uuid.to_string(), p.case_uuid.to_string(), json, at])?;
        }
        for (p, json) in r.hearing_parties.iter().zip(&e.hearing_parties) {
            tx.prepare_cached(
                "INSERT INTO hearing_parties (uuid, hearing_uuid, party_uuid, data, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            )?
            .execute(params![p.uuid.to_string(), hid, p.party_uuid.to_string(), json, at])?;
        }
        for (c, json) in r.charges.iter().zip(&e.charges) {
            tx.prepare_cached(
                "INSERT INTO charges (uuid, party_uuid, data, created_at, updated_at, article) VALUES (?1, ?2, ?3, ?4, ?4, ?5)
                 ON CONFLICT(uuid) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
                 WHERE data IS NOT excluded.data",
            )?
            .execute(params![c.uuid.to_string(), c.party_uuid.to_string(), json, at, c.fields.get("article")])?;
        }
        insert_answers(tx, &hid, &r.answers)?;
        if existing.is_some() || !r.answers.is_empty() {
            write_tally(tx, &hid, &e.tally)?;
        }
        for (a, json) in r.allegations.iter().zip(&e.allegations) {
            tx.prepare_cached(
                "INSERT INTO allegations (uuid, hearing_uuid, party_uuid, data, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            )?
            .execute(params![a.uuid.to_string(), hid, a.party_uuid.map(|p| p.to_string()), json, at])?;
        }
        for (f, json) in r.followups.iter().zip(&e.followups) {
            tx.prepare_cached(
                "INSERT INTO followups (uuid, allegation_uuid, data, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
                 ON CONFLICT(uuid) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
            )?
            .execute(params![f.uuid.to_string(), f.allegation_uuid.to_string(), json, at])?;
        }
        for e in &r.timeline {
            tx.prepare_cached(
                "INSERT INTO timeline (uuid, hearing_uuid, at, code, note, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )?
            .execute(params![e.uuid.to_string(), hid, e.at, e.code, e.note, at])?;
        }
        for (c, json) in r.consents.iter().zip(&e.consents) {
            tx.prepare_cached(
                "INSERT INTO consents (uuid, party_uuid, data, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
                 ON CONFLICT(uuid) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
                 WHERE data IS NOT excluded.data",
            )?
            .execute(params![c.uuid.to_string(), c.party_uuid.to_string(), json, at])?;
        }
        for a in &r.audit {
            insert_audit(tx, &hid, a)?;
        }
        Ok(SearchRow {
            rowid,
            existed: existing.is_some(),
            body: e.search.clone(),
        })
    }

    /// A transaction committed by the caller: the store's own use-case functions, and tests
    /// that write records directly.
    pub fn begin(&self) -> Result<Transaction<'_>> {
        self.tx()
    }
}

pub(crate) const HEARING_COLUMNS: &str =
    "SELECT uuid, case_uuid, monitor_uuid, status, version, content_hash, parent_hash,
    ancestors, sealed, form_versions, created_at, updated_at, data FROM hearings";

pub(crate) fn hearing_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Hearing>> {
    let text = |i: usize| row.get::<_, String>(i);
    let (uuid, case, monitor, status, data) = (text(0)?, text(1)?, text(2)?, text(3)?, text(12)?);
    let ancestors: String = text(7)?;
    Ok((|| {
        Ok(Hearing {
            uuid: parse_uuid(&uuid)?,
            case_uuid: parse_uuid(&case)?,
            monitor_uuid: parse_uuid(&monitor)?,
            status: Status::parse(&status)
                .ok_or_else(|| Error::Invalid(format!("unknown status {status}")))?,
            version: row.get(4)?,
            content_hash: row.get(5)?,
            parent_hash: row.get(6)?,
            ancestors: ancestors
                .split('|')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            sealed: row.get(8)?,
            form_versions: row.get(9)?,
            created_at: row.get(10)?,
            updated_at: row.get(11)?,
            fields: parse_fields(&data)?,
        })
    })())
}

fn opt_uuid(s: Option<String>) -> Result<Option<Uuid>> {
    s.map(|s| parse_uuid(&s)).transpose()
}

/// Loads a hearing with everything under it from any connection or transaction.
pub(crate) fn load(conn: &rusqlite::Connection, hearing: Uuid) -> Result<HearingRecord> {
    let hid = hearing.to_string();
    let h = conn
        .prepare_cached(&format!("{HEARING_COLUMNS} WHERE uuid = ?1"))?
        .query_row([&hid], hearing_from_row)
        .optional()?
        .ok_or_else(|| Error::NoSuchHearing(hid.clone()))??;
    let cid = h.case_uuid.to_string();
    let case_data: String = conn
        .prepare_cached("SELECT data FROM cases WHERE uuid = ?1")?
        .query_row([&cid], |r| r.get(0))?;
    let case = Case {
        uuid: h.case_uuid,
        fields: parse_fields(&case_data)?,
    };

    let rows = |sql: &str, key: &str| -> Result<Vec<Vec<Option<String>>>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let n = stmt.column_count();
        let mut out = Vec::new();
        let mut q = stmt.query([key])?;
        while let Some(row) = q.next()? {
            out.push(
                (0..n)
                    .map(|i| row.get::<_, Option<String>>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()?,
            );
        }
        Ok(out)
    };
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let u = |v: &Option<String>| parse_uuid(v.as_deref().unwrap_or(""));

    let mut r = HearingRecord::new(case, h);
    for row in rows("SELECT uuid, data FROM parties WHERE case_uuid = ?1", &cid)? {
        r.parties.push(Party {
            uuid: u(&row[0])?,
            case_uuid: r.case.uuid,
            fields: parse_fields(&s(&row[1]))?,
        });
    }
    for row in rows(
        "SELECT uuid, party_uuid, data FROM hearing_parties WHERE hearing_uuid = ?1",
        &hid,
    )? {
        r.hearing_parties.push(HearingParty {
            uuid: u(&row[0])?,
            hearing_uuid: hearing,
            party_uuid: u(&row[1])?,
            fields: parse_fields(&s(&row[2]))?,
        });
    }
    for row in rows(
        "SELECT c.uuid, c.party_uuid, c.data FROM charges c JOIN parties p ON p.uuid = c.party_uuid WHERE p.case_uuid = ?1",
        &cid,
    )? {
        r.charges.push(Charge {
            uuid: u(&row[0])?,
            party_uuid: u(&row[1])?,
            fields: parse_fields(&s(&row[2]))?,
        });
    }
    for row in rows(
        "SELECT uuid, item_code, party_uuid, answer, comment FROM checklist_answers WHERE hearing_uuid = ?1",
        &hid,
    )? {
        r.answers.push(Answer {
            uuid: u(&row[0])?,
            hearing_uuid: hearing,
            item_code: s(&row[1]),
            party_uuid: opt_uuid(row[2].clone().filter(|p| !p.is_empty()))?,
            answer: s(&row[3]),
            comment: s(&row[4]),
        });
    }
    for row in rows(
        "SELECT uuid, party_uuid, data FROM allegations WHERE hearing_uuid = ?1",
        &hid,
    )? {
        r.allegations.push(Allegation {
            uuid: u(&row[0])?,
            hearing_uuid: hearing,
            party_uuid: opt_uuid(row[1].clone())?,
            fields: parse_fields(&s(&row[2]))?,
        });
    }
    for row in rows(
        "SELECT f.uuid, f.allegation_uuid, f.data FROM followups f JOIN allegations a ON a.uuid = f.allegation_uuid
         WHERE a.hearing_uuid = ?1",
        &hid,
    )? {
        r.followups.push(Followup { uuid: u(&row[0])?, allegation_uuid: u(&row[1])?, fields: parse_fields(&s(&row[2]))? });
    }
    for row in rows(
        "SELECT uuid, at, code, note FROM timeline WHERE hearing_uuid = ?1",
        &hid,
    )? {
        r.timeline.push(Event {
            uuid: u(&row[0])?,
            hearing_uuid: hearing,
            at: s(&row[1]),
            code: s(&row[2]),
            note: s(&row[3]),
        });
    }
    for row in rows(
        "SELECT c.uuid, c.party_uuid, c.data FROM consents c JOIN parties p ON p.uuid = c.party_uuid WHERE p.case_uuid = ?1",
        &cid,
    )? {
        r.consents.push(Consent {
            uuid: u(&row[0])?,
            party_uuid: u(&row[1])?,
            fields: parse_fields(&s(&row[2]))?,
        });
    }
    for row in rows(
        "SELECT uuid, CAST(version AS TEXT), entity, record_uuid, field, old_value, new_value, reason, monitor_uuid, at
         FROM audit WHERE hearing_uuid = ?1",
        &hid,
    )? {
        r.audit.push(AuditRow {
            uuid: u(&row[0])?,
            hearing_uuid: hearing,
            version: s(&row[1]).parse().unwrap_or(0),
            entity: s(&row[2]),
            record_uuid: u(&row[3])?,
            field: s(&row[4]),
            old_value: s(&row[5]),
            new_value: s(&row[6]),
            reason: s(&row[7]),
            monitor_uuid: u(&row[8])?,
            at: s(&row[9]),
        });
    }
    r.normalise();
    Ok(r)
}

/// Writes one audit row of hearing `hearing`; a row already there (the same id, from an
/// earlier batch) is kept as it is: audit rows are never changed.
fn insert_audit(tx: &Transaction<'_>, hearing: &str, a: &AuditRow) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO audit (uuid, hearing_uuid, version, entity, record_uuid, field, old_value, new_value, reason,
                            monitor_uuid, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT(uuid) DO NOTHING",
    )?
    .execute(params![
        a.uuid.to_string(),
        hearing,
        a.version,
        a.entity,
        a.record_uuid.to_string(),
        a.field,
        a.old_value,
        a.new_value,
        a.reason,
        a.monitor_uuid.to_string(),
        a.at
    ])?;
    Ok(())
}

/// Inserts a hearing's checklist answers (some 45 rows), several rows per statement: one
/// statement per row spent more on running the statement than on the row.
fn insert_answers(tx: &Transaction<'_>, hearing: &str, answers: &[Answer]) -> rusqlite::Result<()> {
    /// Rows per statement: each run of answers is written in statements of these sizes, so
    /// five statements are prepared (and cached) in all.
    const SIZES: [usize; 5] = [16, 8, 4, 2, 1];
    static SQL: std::sync::LazyLock<[String; 5]> = std::sync::LazyLock::new(|| {
        SIZES.map(|n| {
            let rows = vec!["(?, ?, ?, ?, ?, ?)"; n].join(", ");
            format!(
                "INSERT INTO checklist_answers (hearing_uuid, item_code, party_uuid, uuid, answer, comment)
                 VALUES {rows}"
            )
        })
    });
    let ids: Vec<(String, String)> = answers
        .iter()
        .map(|a| {
            let party = a.party_uuid.map(|p| p.to_string()).unwrap_or_default();
            (party, a.uuid.to_string())
        })
        .collect();
    let mut rest = answers.iter().zip(&ids);
    let mut left = answers.len();
    for (size, sql) in SIZES.iter().zip(SQL.iter()) {
        while left >= *size {
            let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(6 * size);
            for (a, (party, uuid)) in rest.by_ref().take(*size) {
                values.extend([
                    &hearing as &dyn rusqlite::ToSql,
                    &a.item_code,
                    party,
                    uuid,
                    &a.answer,
                    &a.comment,
                ]);
            }
            tx.prepare_cached(sql)?
                .execute(rusqlite::params_from_iter(values))?;
            left -= size;
        }
    }
    Ok(())
}

/// A hearing's row of `checklist_tally` (migration 0003): one ` ITEM:a` token per checklist
/// answer, in the answers' key order (item, then party), `a` the letter 0003 describes.
/// Bulk writers make it with the rest of a record's [`Encoding`]; single edits through
/// [`retally`]. (Migration 0004 explains why the store, not triggers, keeps it.)
fn tally<'a>(answers: impl Iterator<Item = (&'a str, Option<Uuid>, &'a str)>) -> String {
    let mut answers: Vec<_> = answers.collect();
    answers.sort_unstable_by_key(|&(item, party, _)| (item, party));
    let mut out = String::with_capacity(answers.len() * 10);
    for (item, _, answer) in answers {
        let letter = match answer {
            "yes" => 'y',
            "no" => 'n',
            "partly" => 'p',
            "not_observed" => 'o',
            "not_applicable" => 'x',
            _ => '-',
        };
        out.push(' ');
        out.push_str(item);
        out.push(':');
        out.push(letter);
    }
    out
}

fn write_tally(tx: &Transaction<'_>, hearing: &str, tally: &str) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO checklist_tally (hearing_uuid, answers) VALUES (?1, ?2)
         ON CONFLICT (hearing_uuid) DO UPDATE SET answers = excluded.answers",
    )?
    .execute([hearing, tally])?;
    Ok(())
}

/// Rewrites a hearing's row of `checklist_tally` from its checklist answers as stored, after
/// a single edit to them.
fn retally(tx: &Transaction<'_>, hearing: &str) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT item_code, party_uuid, answer FROM checklist_answers WHERE hearing_uuid = ?1",
    )?;
    let rows = stmt
        .query_map([hearing], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let answers = rows
        .iter()
        .map(|(item, party, answer)| {
            let party = if party.is_empty() {
                None
            } else {
                Some(parse_uuid(party)?)
            };
            Ok((item.as_str(), party, answer.as_str()))
        })
        .collect::<Result<Vec<_>>>()?;
    write_tally(tx, hearing, &tally(answers.into_iter()))?;
    Ok(())
}
