//! The output log (migration 0013, DESIGN.md §6): every file courtwatch writes outside the
//! database — batches, printouts of a hearing, reports — recorded with what it is, where it
//! went, whether it is sealed and redacted, its SHA-256, for whom it was sealed, who wrote it
//! and when. `courtwatch outputs` and the settings screen show it. The log travels in
//! batches (`outputs.csv`); a lead keeps the rows monitors' batches bring apart, by monitor
//! (migration 0016, `outputs_received`), and `courtwatch outputs --received` lists them.

use std::io::Read;
use std::path::Path;

use rusqlite::{Transaction, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::Store;
use crate::error::{Error, Result};

/// What kind of file left the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputKind {
    Batch,
    Printout,
    Report,
}

impl OutputKind {
    pub fn code(self) -> &'static str {
        match self {
            OutputKind::Batch => "batch",
            OutputKind::Printout => "printout",
            OutputKind::Report => "report",
        }
    }

    fn parse(s: &str) -> OutputKind {
        OutputKind::from_code(s).unwrap_or(OutputKind::Report)
    }

    /// The kind a code names, if any.
    pub(crate) fn from_code(s: &str) -> Option<OutputKind> {
        match s {
            "batch" => Some(OutputKind::Batch),
            "printout" => Some(OutputKind::Printout),
            "report" => Some(OutputKind::Report),
            _ => None,
        }
    }
}

/// One file written outside the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutputEntry {
    /// RFC 3339; when empty, the store's clock as it is recorded.
    pub at: String,
    pub kind: OutputKind,
    pub path: String,
    /// Encrypted with age; otherwise plain text anyone holding it reads.
    pub sealed: bool,
    /// Restricted fields left out or pseudonymised.
    pub redacted: bool,
    /// Of the file; of a plain batch folder, of its `SHA256SUMS` (which covers the rest).
    pub sha256: String,
    /// Fingerprints of the age recipients it was sealed to, or `passphrase`; empty if plain.
    pub sealed_to: String,
    /// The code of this database's monitor profile, who wrote it.
    pub who: String,
}

impl OutputEntry {
    /// An entry for a file at `path`; `at` (unless set) and `who` are filled in when it is
    /// recorded.
    pub fn new(
        kind: OutputKind,
        path: &Path,
        sealed: bool,
        redacted: bool,
        sha256: String,
    ) -> Self {
        OutputEntry {
            at: String::new(),
            kind,
            path: path.display().to_string(),
            sealed,
            redacted,
            sha256,
            sealed_to: String::new(),
            who: String::new(),
        }
    }
}

/// The SHA-256 of the file at `path`, read in pieces.
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(crate::domain::hex(&h.finalize()))
}

impl Store {
    /// Records a file written outside the database in the caller's transaction (an export
    /// records its batch in the transaction that records the batch itself).
    pub(crate) fn record_output_in(&self, tx: &Transaction<'_>, entry: &OutputEntry) -> Result<()> {
        let who = self.profile().map(|m| m.code.clone()).unwrap_or_default();
        tx.prepare_cached(
            "INSERT INTO outputs (at, kind, path, sealed, redacted, sha256, sealed_to, who)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            if entry.at.is_empty() {
                self.now_text()
            } else {
                entry.at.clone()
            },
            entry.kind.code(),
            entry.path,
            entry.sealed,
            entry.redacted,
            entry.sha256,
            entry.sealed_to,
            who
        ])?;
        Ok(())
    }

    /// Records a file written outside the database. A read-only database cannot record it,
    /// so nothing may be written outside it then (callers ask [`Store::is_read_only`] first).
    pub(crate) fn record_output(&self, entry: &OutputEntry) -> Result<()> {
        if self.is_read_only() {
            return Err(Error::ReadOnly);
        }
        let tx = self
            .conn()
            .unchecked_transaction()
            .map_err(|e| self.explain(e))?;
        self.record_output_in(&tx, entry)?;
        tx.commit().map_err(|e| self.explain(e))
    }

    /// The output log, newest first.
    pub fn outputs(&self) -> Result<Vec<OutputEntry>> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT at, kind, path, sealed, redacted, sha256, sealed_to, who
                 FROM outputs ORDER BY id DESC",
            )
            .map_err(|e| self.explain(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(OutputEntry {
                    at: r.get(0)?,
                    kind: OutputKind::parse(&r.get::<_, String>(1)?),
                    path: r.get(2)?,
                    sealed: r.get(3)?,
                    redacted: r.get(4)?,
                    sha256: r.get(5)?,
                    sealed_to: r.get(6)?,
                    who: r.get(7)?,
                })
            })
            .map_err(|e| self.explain(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.explain(e))
    }

    /// This database's own output log, oldest first: what its batches carry (`outputs.csv`).
    pub(crate) fn outputs_oldest_first(&self) -> Result<Vec<OutputEntry>> {
        let mut all = self.outputs()?;
        all.reverse();
        Ok(all)
    }

    /// Keeps the output log rows a monitor's batch brought, marked with the monitor and the
    /// batch, in the merge's transaction; a row already kept (brought by an earlier batch)
    /// stays as it is. Returns how many rows were new.
    pub(crate) fn receive_outputs(
        &self,
        tx: &Transaction<'_>,
        monitor_uuid: &str,
        monitor_code: &str,
        batch_id: &str,
        rows: &[OutputEntry],
    ) -> Result<u64> {
        let mut stmt = tx.prepare_cached(
            "INSERT OR IGNORE INTO outputs_received
                 (monitor_uuid, monitor_code, batch_id, at, kind, path, sealed, redacted,
                  sha256, sealed_to, who)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        let mut added = 0;
        for e in rows {
            added += stmt.execute(params![
                monitor_uuid,
                monitor_code,
                batch_id,
                e.at,
                e.kind.code(),
                e.path,
                e.sealed,
                e.redacted,
                e.sha256,
                e.sealed_to,
                e.who
            ])? as u64;
        }
        Ok(added)
    }

    /// The output log rows monitors' batches brought, by monitor code, then oldest first:
    /// each with the code of the monitor it came from.
    pub(crate) fn outputs_received(&self) -> Result<Vec<(String, OutputEntry)>> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT monitor_code, at, kind, path, sealed, redacted, sha256, sealed_to, who
                 FROM outputs_received ORDER BY monitor_code, at, path",
            )
            .map_err(|e| self.explain(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    OutputEntry {
                        at: r.get(1)?,
                        kind: OutputKind::parse(&r.get::<_, String>(2)?),
                        path: r.get(3)?,
                        sealed: r.get(4)?,
                        redacted: r.get(5)?,
                        sha256: r.get(6)?,
                        sealed_to: r.get(7)?,
                        who: r.get(8)?,
                    },
                ))
            })
            .map_err(|e| self.explain(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.explain(e))
    }

    /// What the log says a file sealed to the roster's recipients was sealed to: their
    /// fingerprints, comma-separated.
    pub(crate) fn sealed_to_recipients(recipients: &[String]) -> String {
        recipients
            .iter()
            .map(|r| crate::keys::fingerprint(r))
            .collect::<Vec<_>>()
            .join(",")
    }
}
