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
