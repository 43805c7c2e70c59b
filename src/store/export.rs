//! What an export reads, in one transaction from its first query to the record of the batch:
//! the selected hearings as temporary tables the row queries join with, each table's rows in
//! batch order as plain records ([`ExportRow`]), the monitors the selection names, and the
//! record of the batch and its output-log entry, committed only once the caller has put the
//! batch in its final place.

use rusqlite::Transaction;
use uuid::Uuid;

use super::records::{HEARING_COLUMNS, hearing_from_row, parse_fields};
use super::{BatchOut, ExportCandidate, OutputEntry, Store, parse_uuid};
use crate::domain::{
    Allegation, Answer, AuditRow, Case, Charge, Consent, Event, Followup, Hearing, HearingParty,
    Monitor, Party,
};
use crate::error::{Error, Result};

/// One row of an exported table, as the database holds it.
#[derive(Debug)]
pub(crate) enum ExportRow {
    Hearing(Hearing),
    Case(Case),
    Party(Party),
    HearingParty(HearingParty),
    Charge(Charge),
    Answer(Answer),
    Allegation(Allegation),
    Followup(Followup),
    Event(Event),
    Consent(Consent),
    Audit(AuditRow),
}

/// An export's transaction. Dropped without [`Exporting::commit`], nothing is recorded.
pub(crate) struct Exporting<'s> {
    store: &'s Store,
    tx: Transaction<'s>,
}

impl Store {
    /// Starts an export: what it reads from here on is one snapshot of the database.
    pub(crate) fn exporting(&self) -> Result<Exporting<'_>> {
        Ok(Exporting {
            store: self,
            tx: self.begin()?,
        })
    }
}

impl Exporting<'_> {
    /// Makes `hearings` the selection the row queries read. A case is placed by the first of
    /// its hearings (`first`), which is where its rows are written.
    pub(crate) fn select(&self, hearings: &[ExportCandidate]) -> Result<()> {
        self.unselect();
        let conn = &self.tx;
        conn.execute_batch(
            "CREATE TEMP TABLE export_hearings (uuid TEXT PRIMARY KEY) WITHOUT ROWID;
             CREATE TEMP TABLE export_cases (first TEXT NOT NULL, uuid TEXT NOT NULL,
                                             PRIMARY KEY (first, uuid)) WITHOUT ROWID;",
        )?;
        {
            let mut stmt = conn.prepare("INSERT INTO temp.export_hearings (uuid) VALUES (?1)")?;
            for h in hearings {
                stmt.execute([h.uuid.to_string()])?;
            }
        }
        conn.execute_batch(
            "INSERT INTO temp.export_cases (first, uuid)
               SELECT min(s.uuid), h.case_uuid FROM temp.export_hearings s JOIN hearings h ON h.uuid = s.uuid
               GROUP BY h.case_uuid;",
        )?;
        Ok(())
    }

    /// Drops the selection's temporary tables.
    pub(crate) fn unselect(&self) {
        let _ = self.tx.execute_batch(
            "DROP TABLE IF EXISTS temp.export_hearings; DROP TABLE IF EXISTS temp.export_cases;",
        );
    }

    /// The monitors whose hearings are selected, by code (`org` is not read).
    pub(crate) fn monitors(&self) -> Result<Vec<Monitor>> {
        let mut stmt = self.tx.prepare(
            "SELECT uuid, code, name FROM monitors
             WHERE uuid IN (SELECT h.monitor_uuid FROM temp.export_hearings s JOIN hearings h ON h.uuid = s.uuid)
             ORDER BY code",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(Monitor {
                uuid: parse_uuid(&r.get::<_, String>(0)?)?,
                code: r.get(1)?,
                name: r.get(2)?,
                org: String::new(),
            });
        }
        Ok(out)
    }

    /// The selected rows of the table `table` (a batch's resource name: `hearings`, `cases`,
    /// …, `audit`) in batch order, each handed to `each` as it is read.
    pub(crate) fn rows(
        &self,
        table: &str,
        each: &mut dyn FnMut(ExportRow) -> Result<()>,
    ) -> Result<()> {
        let sql = table_sql(table)
            .ok_or_else(|| Error::Invalid(format!("no table {table} is exported")))?;
        let mut stmt = self.tx.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            each(to_row(table, r)?)?;
        }
        Ok(())
    }

    /// Records the batch and its output-log entry, then runs `finish` (which puts the batch
    /// in its final place), then commits; nothing is recorded when any of them fails.
    pub(crate) fn commit(
        self,
        batch: &BatchOut,
        hearings: &[ExportCandidate],
        entry: &OutputEntry,
        finish: impl FnOnce() -> Result<()>,
    ) -> Result<()> {
        self.store.record_export(&self.tx, batch, hearings)?;
        self.store.record_output_in(&self.tx, entry)?;
        finish()?;
        self.tx.commit().map_err(|e| self.store.explain(e))
    }
}

/// The query giving the selected rows of a table, in batch order: hearings by UUID, every
/// other row grouped with its hearing in that order, a case's rows with its first hearing
/// (verify and merge read all files in one pass on the strength of this order). `CROSS JOIN`
/// makes the selection the outer loop, so each hearing's rows come from an index in order and
/// at most one hearing's rows are sorted at a time: left to itself SQLite would scan a whole
/// table and sort all of it in memory.
fn table_sql(table: &str) -> Option<String> {
    Some(match table {
        "hearings" => format!(
            "{HEARING_COLUMNS} WHERE uuid IN (SELECT uuid FROM temp.export_hearings) ORDER BY uuid"
        ),
        "cases" => "SELECT c.uuid, c.data FROM temp.export_cases s CROSS JOIN cases c ON c.uuid = s.uuid
                         ORDER BY s.first, s.uuid"
            .into(),
        "parties" => "SELECT p.uuid, p.case_uuid, p.data FROM temp.export_cases s
                           CROSS JOIN parties p ON p.case_uuid = s.uuid ORDER BY s.first, s.uuid, p.uuid"
            .into(),
        "hearing_parties" => "SELECT x.uuid, x.hearing_uuid, x.party_uuid, x.data FROM temp.export_hearings s
                                  CROSS JOIN hearing_parties x ON x.hearing_uuid = s.uuid ORDER BY s.uuid, x.party_uuid"
            .into(),
        "charges" => "SELECT x.uuid, x.party_uuid, x.data FROM temp.export_cases s
                           CROSS JOIN parties p ON p.case_uuid = s.uuid CROSS JOIN charges x ON x.party_uuid = p.uuid
                           ORDER BY s.first, s.uuid, p.uuid, x.uuid"
            .into(),
        "checklist_answers" => "SELECT x.uuid, x.hearing_uuid, x.item_code, x.party_uuid, x.answer, x.comment
                                    FROM temp.export_hearings s CROSS JOIN checklist_answers x ON x.hearing_uuid = s.uuid
                                    ORDER BY s.uuid, x.item_code, x.party_uuid"
            .into(),
        "allegations" => "SELECT x.uuid, x.hearing_uuid, x.party_uuid, x.data FROM temp.export_hearings s
                               CROSS JOIN allegations x ON x.hearing_uuid = s.uuid ORDER BY s.uuid, x.uuid"
            .into(),
        "followups" => "SELECT x.uuid, x.allegation_uuid, x.data FROM temp.export_hearings s
                             CROSS JOIN allegations a ON a.hearing_uuid = s.uuid CROSS JOIN followups x ON x.allegation_uuid = a.uuid
                             ORDER BY s.uuid, a.uuid, x.uuid"
            .into(),
        "timeline" => "SELECT x.uuid, x.hearing_uuid, x.at, x.code, x.note FROM temp.export_hearings s
                            CROSS JOIN timeline x ON x.hearing_uuid = s.uuid ORDER BY s.uuid, x.at, x.uuid"
            .into(),
        "consents" => "SELECT x.uuid, x.party_uuid, x.data FROM temp.export_cases s
                            CROSS JOIN parties p ON p.case_uuid = s.uuid CROSS JOIN consents x ON x.party_uuid = p.uuid
                            ORDER BY s.first, s.uuid, p.uuid, x.uuid"
            .into(),
        "audit" => "SELECT x.uuid, x.hearing_uuid, CAST(x.version AS TEXT), x.entity, x.record_uuid, x.field,
                                x.old_value, x.new_value, x.reason, x.monitor_uuid, x.at
                         FROM temp.export_hearings s CROSS JOIN audit x ON x.hearing_uuid = s.uuid
                         ORDER BY s.uuid, x.at, x.uuid"
            .into(),
        _ => return None,
    })
}

/// Turns one result row of [`table_sql`] into a record.
fn to_row(table: &str, r: &rusqlite::Row<'_>) -> Result<ExportRow> {
    use parse_uuid as u;
    let s = |i: usize| -> rusqlite::Result<String> {
        r.get::<_, Option<String>>(i).map(Option::unwrap_or_default)
    };
    let ou = |i: usize| -> Result<Option<Uuid>> {
        r.get::<_, Option<String>>(i)?
            .filter(|v| !v.is_empty())
            .map(|v| u(&v))
            .transpose()
    };
    Ok(match table {
        "hearings" => ExportRow::Hearing(hearing_from_row(r)??),
        "cases" => ExportRow::Case(Case {
            uuid: u(&s(0)?)?,
            fields: parse_fields(&s(1)?)?,
        }),
        "parties" => ExportRow::Party(Party {
            uuid: u(&s(0)?)?,
            case_uuid: u(&s(1)?)?,
            fields: parse_fields(&s(2)?)?,
        }),
        "hearing_parties" => ExportRow::HearingParty(HearingParty {
            uuid: u(&s(0)?)?,
            hearing_uuid: u(&s(1)?)?,
            party_uuid: u(&s(2)?)?,
            fields: parse_fields(&s(3)?)?,
        }),
        "charges" => ExportRow::Charge(Charge {
            uuid: u(&s(0)?)?,
            party_uuid: u(&s(1)?)?,
            fields: parse_fields(&s(2)?)?,
        }),
        "checklist_answers" => ExportRow::Answer(Answer {
            uuid: u(&s(0)?)?,
            hearing_uuid: u(&s(1)?)?,
            item_code: s(2)?,
            party_uuid: ou(3)?,
            answer: s(4)?,
            comment: s(5)?,
        }),
        "allegations" => ExportRow::Allegation(Allegation {
            uuid: u(&s(0)?)?,
            hearing_uuid: u(&s(1)?)?,
            party_uuid: ou(2)?,
            fields: parse_fields(&s(3)?)?,
        }),
        "followups" => ExportRow::Followup(Followup {
            uuid: u(&s(0)?)?,
            allegation_uuid: u(&s(1)?)?,
            fields: parse_fields(&s(2)?)?,
        }),
        "timeline" => ExportRow::Event(Event {
            uuid: u(&s(0)?)?,
            hearing_uuid: u(&s(1)?)?,
            at: s(2)?,
            code: s(3)?,
            note: s(4)?,
        }),
        "consents" => ExportRow::Consent(Consent {
            uuid: u(&s(0)?)?,
            party_uuid: u(&s(1)?)?,
            fields: parse_fields(&s(2)?)?,
        }),
        "audit" => ExportRow::Audit(AuditRow {
            uuid: u(&s(0)?)?,
            hearing_uuid: u(&s(1)?)?,
            version: s(2)?.parse().unwrap_or(0),
            entity: s(3)?,
            record_uuid: u(&s(4)?)?,
            field: s(5)?,
            old_value: s(6)?,
            new_value: s(7)?,
            reason: s(8)?,
            monitor_uuid: u(&s(9)?)?,
            at: s(10)?,
        }),
        other => return Err(Error::Invalid(format!("no table {other} is exported"))),
    })
}
