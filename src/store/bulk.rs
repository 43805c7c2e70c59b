//! Writing many hearing records in one transaction (`demo`, `merge`).

use rusqlite::Transaction;

use super::Store;
use super::records::Encoded;
use super::search::SearchRow;
use crate::error::Result;

/// How many whole records a bulk writer's second thread (making or reading them) may have
/// ready ahead of the writer: enough to keep both busy; each holds tens of KiB.
pub const RECORDS_IN_FLIGHT: usize = 64;

/// Search rows held back before they are written together (bounds memory: a body is a few
/// KiB).
const SEARCH_RUN: usize = 512;

/// While it lives, the connection writes pages straight into the database file, with a
/// rollback journal, instead of through the write-ahead log: a bulk load then writes each page
/// once instead of twice (into the log, then the checkpoint copies it), and in whole aligned
/// pages (a log frame is 24 bytes longer than a page, which makes the kernel zero and copy
/// partial blocks). Together that is a tenth of a 100,000-hearing merge.
///
/// Leaving WAL needs the database to itself: when another connection has it open (a reviewer
/// browsing), the log stays and the writes are only slower. Other programs that open the
/// database meanwhile wait for the load, as they would for any writer without WAL; the journal
/// is as crash-safe as the log (`synchronous = FULL`), and SQLCipher encrypts it too. Dropping
/// the guard turns WAL back on; should that fail, the next [`Store::open`] does.
pub struct Direct<'s> {
    store: &'s Store,
    direct: bool,
}

impl Store {
    /// Starts writing without the write-ahead log if nobody else has the database open (see
    /// [`Direct`]). Call it outside any transaction, before [`Store::bulk`].
    pub fn direct_writes(&self) -> Direct<'_> {
        let direct =
            !self.read_only && journal_mode(&self.conn, "DELETE").is_ok_and(|m| m == "delete");
        Direct {
            store: self,
            direct,
        }
    }
}

impl Direct<'_> {
    /// Whether writes go straight into the file (no other connection had it open).
    pub fn is_direct(&self) -> bool {
        self.direct
    }
}

impl Drop for Direct<'_> {
    fn drop(&mut self) {
        if self.direct {
            // Best effort: the journal is as safe, and every open sets WAL again.
            let _ = journal_mode(&self.store.conn, "WAL");
        }
    }
}

/// Sets the journal mode without waiting for other connections (another one being open is
/// the answer, not a reason to wait); SQLite answers with the mode in force, which stays the
/// old one when it cannot change.
fn journal_mode(conn: &rusqlite::Connection, mode: &str) -> rusqlite::Result<String> {
    conn.busy_timeout(std::time::Duration::ZERO)?;
    let set = conn.query_row(&format!("PRAGMA journal_mode = {mode}"), [], |r| r.get(0));
    conn.busy_timeout(super::BUSY_WAIT)?;
    set
}

/// One transaction of whole-record writes; search rows are written
/// in runs (see [`Store::index_rows`]). Nothing is kept unless [`Bulk::commit`] is called.
pub struct Bulk<'s> {
    store: &'s Store,
    tx: Transaction<'s>,
    search: Vec<SearchRow>,
}

impl Store {
    /// Starts a bulk write.
    pub fn bulk(&self) -> Result<Bulk<'_>> {
        let tx = self.begin()?;
        // Foreign keys are checked once at commit instead of after every statement; then a
        // statement cannot fail half-way on one, and SQLite skips the statement journal it
        // would otherwise keep for each insert. (Reset by SQLite when the transaction ends.)
        tx.pragma_update(None, "defer_foreign_keys", "ON")
            .map_err(|e| self.explain(e))?;
        Ok(Bulk {
            store: self,
            tx,
            search: Vec::with_capacity(SEARCH_RUN),
        })
    }
}

impl<'s> Bulk<'s> {
    /// The transaction, for the writes that are not whole records.
    pub fn tx(&self) -> &Transaction<'s> {
        &self.tx
    }

    /// Writes a whole hearing record as [`Store::write_record`] does.
    pub fn write(&mut self, r: &Encoded) -> Result<()> {
        let row = self.store.write_rows(&self.tx, r.record(), &r.encoding)?;
        self.search.push(row);
        if self.search.len() >= SEARCH_RUN {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes a record that replaces the local version, as [`Store::replace_record`] does.
    pub fn replace(&mut self, r: &Encoded) -> Result<()> {
        self.store.remove_case_rows_not_in(&self.tx, r.record())?;
        self.write(r)
    }

    fn flush(&mut self) -> Result<()> {
        self.store.index_rows(&self.tx, &self.search)?;
        self.search.clear();
        Ok(())
    }

    /// Writes what is held back and commits.
    pub fn commit(mut self) -> Result<()> {
        self.flush()?;
        let store = self.store;
        self.tx.commit().map_err(|e| store.explain(e))
    }
}
