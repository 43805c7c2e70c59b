//! Writing many hearing records in one transaction (`demo`, `merge`).

use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

use rusqlite::Transaction;

use uuid::Uuid;

use super::records::Encoded;
use super::search::SearchRow;
use super::{BatchIn, CaseJoin, JoinsReceived, Store};
use crate::domain::{HearingRecord, Status};
use crate::error::Result;
use crate::spec::{Court, Spec};

/// How many whole records a bulk writer's second thread (making or reading them) may have
/// ready ahead of the writer: enough to keep both busy; each holds tens of KiB.
const RECORDS_IN_FLIGHT: usize = 64;

/// Records handed to the writer at a time: each hand-over may wake a thread, which cost the
/// writer 3 % of a merge when records went one by one.
const RUN: usize = 16;

/// The hand-over between a bulk writer's second thread, which makes or reads the records and
/// encodes them ([`Feed::feed`]), and the writer, which takes them in runs
/// (`receiver.iter().flatten()`) and gives each back when written ([`Spent::done`]), so that
/// the thread that allocated a record also frees it: glibc frees another thread's memory
/// under that thread's arena lock, which both threads then wait on.
pub fn handover() -> (Feed, Receiver<Vec<Encoded>>, Spent) {
    let (to, from) = sync_channel(RECORDS_IN_FLIGHT / RUN);
    let (back, spent) = channel();
    (
        Feed { to, spent },
        from,
        Spent {
            back,
            run: Vec::with_capacity(RUN),
        },
    )
}

/// The second thread's end of a [`handover`].
pub struct Feed {
    to: SyncSender<Vec<Encoded>>,
    spent: Receiver<Vec<Encoded>>,
}

impl Feed {
    /// Encodes `records` on this thread and hands them to the writer in runs, dropping the
    /// runs it gives back; stops early when the writer has stopped (on an error).
    pub(crate) fn feed(self, spec: &Spec, records: impl Iterator<Item = HearingRecord>) {
        let mut run = Vec::with_capacity(RUN);
        for record in records {
            run.push(Encoded::new(spec, record));
            if run.len() == RUN {
                self.spent.try_iter().for_each(drop);
                let full = std::mem::replace(&mut run, Vec::with_capacity(RUN));
                if self.to.send(full).is_err() {
                    return;
                }
            }
        }
        let _ = self.to.send(run);
    }
}

/// The writer's end of a [`handover`] for records it is done with.
pub struct Spent {
    back: Sender<Vec<Encoded>>,
    run: Vec<Encoded>,
}

impl Spent {
    /// Gives a written record back, in runs, to be dropped by the thread that made it (or here,
    /// once that thread has finished).
    pub fn done(&mut self, record: Encoded) {
        self.run.push(record);
        if self.run.len() == RUN {
            let _ = self
                .back
                .send(std::mem::replace(&mut self.run, Vec::with_capacity(RUN)));
        }
    }
}

/// Search rows held back before they are written together (bounds memory: a body is a few
/// KiB).
const SEARCH_RUN: usize = 512;

/// While it lives, the connection is set for a bulk load (`merge`, `demo`):
///
/// - Pages go straight into the database file, with a rollback journal, instead of through
///   the write-ahead log: each page is written once instead of twice (into the log, then the
///   checkpoint copies it), and in whole aligned pages (a log frame is 24 bytes longer than a
///   page, which makes the kernel zero and copy partial blocks). That was a tenth of a
///   100,000-hearing merge. Leaving WAL needs the database to itself: when another connection
///   has it open (a reviewer browsing), the log stays and the load is only slower. Programs
///   that open the database meanwhile wait for the load, as for any writer without WAL; the
///   journal is as crash-safe as the log (`synchronous = FULL`), and SQLCipher encrypts it too.
/// - The page cache is halved to [`super::LOAD_CACHE_KIB`]: a load's writes land all over
///   indexes far larger than either size, so it is as fast, and the memory goes to the
///   records in flight and the batch's own maps (a 100,000-hearing merge peaked at 100 MB
///   with the whole cache, 88 MB with half).
///
/// Dropping the guard restores both; should turning WAL back on fail, the next
/// [`Store::open`] does it.
pub struct Loading<'s> {
    store: &'s Store,
    direct: bool,
}

impl Store {
    /// Sets the connection for a bulk load (see [`Loading`]). Call it outside any
    /// transaction, before [`Store::bulk`].
    pub(crate) fn loading(&self) -> Loading<'_> {
        let direct =
            !self.read_only && journal_mode(&self.conn, "DELETE").is_ok_and(|m| m == "delete");
        // Only a smaller cache: failing to set it changes nothing that matters.
        let _ = super::cache_size(&self.conn, super::LOAD_CACHE_KIB);
        Loading {
            store: self,
            direct,
        }
    }
}

impl Loading<'_> {
    /// Whether pages go straight into the file (no other connection had it open).
    #[cfg(test)]
    pub(crate) fn is_direct(&self) -> bool {
        self.direct
    }
}

impl Drop for Loading<'_> {
    fn drop(&mut self) {
        let _ = super::cache_size(&self.store.conn, super::CACHE_KIB);
        if self.direct {
            // Best effort: the journal is as safe, and every open sets WAL again.
            let _ = journal_mode(&self.store.conn, "WAL");
        }
    }
}

/// Sets the journal mode without waiting for other connections (another one being open is
/// the answer, not a reason to wait); SQLite answers with the mode in force, which stays the
/// old one when it cannot change.
pub(super) fn journal_mode(conn: &rusqlite::Connection, mode: &str) -> rusqlite::Result<String> {
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
    /// Takes a batch's courts in this transaction, as [`Store::receive_courts`] does.
    pub(crate) fn receive_courts(&self, courts: &[Court]) -> Result<u64> {
        self.store.receive_courts(&self.tx, courts)
    }

    /// Takes a batch's case joins in this transaction, as [`Store::receive_joins`] does.
    pub(crate) fn receive_joins(&self, joins: &[CaseJoin]) -> Result<JoinsReceived> {
        self.store.receive_joins(&self.tx, joins)
    }

    /// Keeps the output log rows a monitor's batch brought, as
    /// [`Store::receive_outputs`]; how many were new.
    pub(crate) fn receive_outputs(
        &self,
        monitor_uuid: &str,
        monitor_code: &str,
        batch_id: &str,
        rows: &[super::OutputEntry],
    ) -> Result<u64> {
        self.store
            .receive_outputs(&self.tx, monitor_uuid, monitor_code, batch_id, rows)
    }

    /// Sets a hearing's status alone (a lead's review of a hearing that did not change).
    pub(crate) fn set_status(&self, hearing: Uuid, status: Status) -> Result<()> {
        self.store.set_status_in(&self.tx, hearing, status)
    }

    /// Records a conflict between the local version and an incoming one; whether it is new.
    pub(crate) fn add_conflict(
        &self,
        batch_id: Uuid,
        local_hash: &str,
        incoming: &HearingRecord,
    ) -> Result<bool> {
        self.store
            .add_conflict(&self.tx, batch_id, local_hash, incoming)
    }

    /// A new hearing of a case whose shared facts differ here: kept as a conflict, as
    /// [`Store::keep_case_conflict_in`] does.
    pub(crate) fn keep_case_conflict(
        &self,
        batch_id: Uuid,
        incoming: &HearingRecord,
    ) -> Result<()> {
        self.store
            .keep_case_conflict_in(&self.tx, batch_id, incoming)
    }

    /// Records the merge of a batch.
    pub(crate) fn record_merge(&self, batch: &BatchIn) -> Result<()> {
        self.store.record_merge(&self.tx, batch)
    }

    /// Records who signed a merged batch.
    pub(crate) fn record_signer(&self, batch_id: Uuid, signer: Option<&str>) -> Result<()> {
        self.store.record_signer(&self.tx, batch_id, signer)
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
