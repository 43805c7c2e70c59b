//! The encrypted SQLite store: opening (key, pragmas, migrations) and queries named by use case.
//!
//! Every connection is keyed with the passphrase through SQLCipher 4's standard key
//! derivation, so independent SQLCipher 4 tools can open the file with the same passphrase.
//!
//! The pieces:
//!
//! - `Store::open` here: the key, the cipher checks, pragmas, migrations (`migrate.rs`,
//!   `migrations/*.sql`, appended, never edited).
//! - `records.rs`: every write of a hearing goes through `Store::edit`, which applies
//!   versioning, audit and search reindexing.
//! - `list.rs`: filters → one indexed query, a page of summaries at a time (its module doc says
//!   which index serves what).
//! - `search.rs`: one FTS5 row per hearing; a search's prefixes become the indexed words they
//!   start, read from the index's vocabulary.
//! - `bulk.rs`: whole-record writes for `demo` and `merge` in one transaction. The thread that
//!   makes or reads the records also encodes them (`records::Encoded`: each row's JSON and the
//!   search text) and hands them over 16 at a time (`handover`), so the writer thread only
//!   writes; checklist answers go 16 rows per statement; `Store::loading` uses a rollback
//!   journal instead of WAL when no other connection has the database open, and half the page
//!   cache.
//! - `batches.rs`: exports with their per-monitor `seq` (redacted ones in their own series,
//!   migration 0011), versions sent, merge history, conflicts and their resolution (one side
//!   kept, or field by field a new version descending from both, audited as edits are).
//! - `cases.rs`: trials (the next hearing of a case, joins and splits, the case picker, the
//!   agenda, suggestions of records that may be one trial, the joins a batch brings).
//! - `courts.rs`: courts a monitor adds (`user_courts`, migration 0010), joined to the shipped
//!   ones in the store's `Spec`, so `Spec::courts` is the one list every form, filter, statistic
//!   and batch reads; codes never change meaning.
//! - `stale.rs`: values old final records hold in fields whose condition does not hold, cleared
//!   once after migration 0012, each removal audited, versioned and hashed as an edit is.
//! - `keys.rs` (passphrase change by copy and rename), `erase.rs` (crypto-erase), `guard.rs`
//!   (wrong-unlock counter outside the database), `roster.rs` (own keys and the roster of
//!   others' keys, migration 0009), `outputs.rs` (the output log, migration 0013).

mod batches;
mod bulk;
mod cases;
mod courts;
mod erase;
mod export;
pub mod guard;
mod keys;
mod list;
mod migrate;
mod outputs;
mod records;
mod reports;
mod roster;
mod search;
mod stale;
mod stats;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use uuid::Uuid;

use crate::clock::Sources;
use crate::domain::Monitor;
use crate::error::{Error, Result};
use crate::spec::{Lang, Spec};

pub use batches::{
    BatchIn, BatchOut, ConflictRow, ExportCandidate, FieldsResolved, Gap, LocalVersion,
    MergeCounts, Received, missing_seqs,
};
pub use bulk::{Bulk, Feed, Loading, Spent, handover};
pub(crate) use cases::{AgendaItem, CaseJoin, CaseSummary, JoinsReceived, LocalCase, Trial};
pub use courts::{NewCourt, clash as court_clash};
pub use erase::{Erased, MADE_FOLDERS};
pub(crate) use export::{ExportRow, Exporting};
pub use keys::{LAST_BACKUP, Passphrase, overdue, rekey_file};
pub use list::{Filter, HearingSummary, Sort, SortColumn};
pub use migrate::{MIGRATIONS, SCHEMA_VERSION};
pub use outputs::{OutputEntry, OutputKind, sha256_file};
pub use records::Encoded;
use records::parse_fields;
pub use roster::RosterEntry;
#[cfg(test)]
use search::fts_query;
pub use stale::{CLEAR_NOT_APPLICABLE, UPGRADE_REASON};
#[cfg(test)]
pub(crate) use stats::packed;
pub(crate) use stats::{
    ALLEGATION_FIELDS, HEARING_FIELDS, HEARING_PARTY_FIELDS, PARTY_FIELDS, Pass, StatsBatch,
    StatsRow,
};

/// How to open a database file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create a new file; fail if one exists.
    Create,
    /// Open an existing file for reading and writing.
    Existing,
    /// Open an existing file without write access.
    ReadOnly,
}

/// An open, keyed and migrated database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The shipped spec with the courts added to this database (`courts.rs`).
    spec: Arc<Spec>,
    /// The shipped spec alone.
    shipped: Arc<Spec>,
    sources: Sources,
    read_only: bool,
    monitor: Option<Monitor>,
    /// Why final records are being edited, per hearing, for the audit rows.
    edit_reasons: RefCell<HashMap<Uuid, String>>,
    /// The language whose court names order the hearing list sorted by court (`list.rs`).
    court_names: Cell<Lang>,
    /// The language `temp.court_rank` was last filled for.
    court_ranked: Cell<Option<Lang>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .finish()
    }
}

impl Store {
    /// Opens (or creates) the database at `path` with `passphrase`.
    ///
    /// A wrong passphrase, a plain (unencrypted) SQLite file and a file that is not a database
    /// all give [`Error::WrongPassphrase`]; nothing is written in that case.
    pub fn open(
        path: &Path,
        passphrase: &str,
        mode: OpenMode,
        spec: Arc<Spec>,
        sources: Sources,
    ) -> Result<Store> {
        if passphrase.is_empty() {
            return Err(Error::Invalid("the passphrase is empty".into()));
        }
        match mode {
            OpenMode::Create => {
                if path.exists() {
                    return Err(Error::AlreadyExists(path.to_owned()));
                }
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
                }
                create_private(path)?;
                let opened = Store::open_file(path, passphrase, mode, spec, sources);
                if opened.is_err() {
                    remove_database_files(path);
                }
                return opened;
            }
            OpenMode::Existing | OpenMode::ReadOnly => {
                let meta = std::fs::metadata(path)
                    .ok()
                    .filter(std::fs::Metadata::is_file)
                    .ok_or_else(|| Error::NoDatabase(path.to_owned()))?;
                // SQLite takes an empty file for a new database and would key it and write a
                // schema into it; courtwatch never made it, so it is not touched.
                if meta.len() == 0 {
                    return Err(Error::NotADatabase(path.to_owned()));
                }
            }
        }
        Store::open_file(path, passphrase, mode, spec, sources)
    }

    /// Opens the file once [`Store::open`] has checked what is there.
    fn open_file(
        path: &Path,
        passphrase: &str,
        mode: OpenMode,
        spec: Arc<Spec>,
        sources: Sources,
    ) -> Result<Store> {
        let flags = match mode {
            OpenMode::ReadOnly => {
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
            }
            OpenMode::Existing => {
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
            }
            OpenMode::Create => {
                OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_CREATE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
            }
        };
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
        let read_only = mode == OpenMode::ReadOnly;
        key(&conn, path, passphrase)?;
        configure(&conn, read_only).map_err(|e| open_error(path, e))?;
        if read_only {
            migrate::check_current(&conn).map_err(|e| e.at_path(path))?;
        } else {
            migrate::migrate(&conn).map_err(|e| e.at_path(path))?;
        }
        let with_courts =
            courts::spec_with_courts(&conn, &spec).map_err(|e| open_error(path, e))?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
            spec: with_courts,
            shipped: spec,
            sources,
            read_only,
            monitor: None,
            edit_reasons: RefCell::new(HashMap::new()),
            court_names: Cell::new(Lang::En),
            court_ranked: Cell::new(None),
        };
        store.monitor = store.load_profile()?;
        store.clear_not_applicable_once()?;
        Ok(store)
    }

    /// Creates a new database with its monitor profile; on any failure nothing is left behind.
    pub fn create(
        path: &Path,
        passphrase: &str,
        spec: Arc<Spec>,
        sources: Sources,
        code: &str,
        name: &str,
        org: &str,
    ) -> Result<Store> {
        let mut store = Store::open(path, passphrase, OpenMode::Create, spec, sources)?;
        if let Err(e) = store.create_profile(code, name, org) {
            drop(store);
            remove_database_files(path);
            return Err(e);
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn spec(&self) -> &Spec {
        &self.spec
    }

    pub fn spec_arc(&self) -> Arc<Spec> {
        Arc::clone(&self.spec)
    }

    pub(crate) fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The monitor who owns this database, once `init` has run.
    pub fn profile(&self) -> Option<&Monitor> {
        self.monitor.as_ref()
    }

    pub fn now(&self) -> chrono::DateTime<chrono::FixedOffset> {
        self.sources.clock.now()
    }

    /// `now` as RFC 3339 text, the form every timestamp is stored in.
    pub(crate) fn now_text(&self) -> String {
        self.now()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    }

    pub(crate) fn new_id(&self) -> Uuid {
        self.sources.ids.new_id()
    }

    /// The raw connection, for tests that read the database as another program would; the
    /// rest of the crate goes through the store's own functions (tidy-tested).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Maps a SQLite error met after opening to the sentence a monitor should read.
    pub(crate) fn explain(&self, e: rusqlite::Error) -> Error {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Locked {
                path: self.path.clone(),
            },
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => Error::Corrupt {
                path: self.path.clone(),
                detail: e.to_string(),
            },
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            Some(ErrorCode::SystemIoFailure) if disk_is_full(&self.path) => Error::DiskFull,
            Some(ErrorCode::ReadOnly) => Error::ReadOnly,
            _ => Error::Sql(e.to_string()),
        }
    }

    /// Creates the monitor profile of this database.
    pub fn create_profile(&mut self, code: &str, name: &str, org: &str) -> Result<Monitor> {
        let code = code.trim();
        if code.is_empty() || name.trim().is_empty() {
            return Err(Error::Invalid(
                "the monitor code and name must not be empty".into(),
            ));
        }
        if let Some(m) = &self.monitor {
            return Err(Error::Invalid(format!(
                "this database already belongs to monitor {}",
                m.code
            )));
        }
        let m = Monitor {
            uuid: self.new_id(),
            code: code.into(),
            name: name.trim().into(),
            org: org.trim().into(),
        };
        self.conn
            .execute(
                "INSERT INTO monitors (uuid, code, name, org, is_self, created_at) VALUES (?1, ?2, ?3, ?4, 1, ?5)
                 ON CONFLICT(code) DO UPDATE SET is_self = 1, name = excluded.name, org = excluded.org",
                (m.uuid.to_string(), &m.code, &m.name, &m.org, self.now_text()),
            )
            .map_err(|e| self.explain(e))?;
        self.monitor = self.load_profile()?;
        self.monitor.clone().ok_or(Error::NoProfile)
    }

    fn load_profile(&self) -> Result<Option<Monitor>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT uuid, code, name, org FROM monitors WHERE is_self = 1")
            .map_err(|e| self.explain(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.explain(e))?;
        match rows.next().map_err(|e| self.explain(e))? {
            Some(row) => Ok(Some(monitor_from_row(row)?)),
            None => Ok(None),
        }
    }

    /// Records another monitor (from a merged batch or the demo), keeping the existing row when
    /// the uuid is known.
    pub fn upsert_monitor(&self, m: &Monitor) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO monitors (uuid, code, name, org, is_self, created_at) VALUES (?1, ?2, ?3, ?4, 0, ?5)
                 ON CONFLICT DO NOTHING",
                (m.uuid.to_string(), &m.code, &m.name, &m.org, self.now_text()),
            )
            .map_err(|e| self.explain(e))?;
        Ok(())
    }

    /// Every monitor known to this database, by code.
    pub fn monitors(&self) -> Result<Vec<Monitor>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT uuid, code, name, org FROM monitors ORDER BY code")
            .map_err(|e| self.explain(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.explain(e))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(|e| self.explain(e))? {
            out.push(monitor_from_row(row)?);
        }
        Ok(out)
    }

    /// A setting, or `None` when never set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.explain(e))
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
            .map_err(|e| self.explain(e))?;
        Ok(())
    }
}

/// The files SQLite keeps next to a database: its write-ahead log, the log's index and the
/// rollback journal.
pub(crate) const SIDE_FILES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// The path of a side file of the database at `path` (see [`SIDE_FILES`]).
pub(crate) fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes a database that was being created, with its side files.
fn remove_database_files(path: &Path) {
    let _ = std::fs::remove_file(path);
    for suffix in SIDE_FILES {
        let _ = std::fs::remove_file(side_file(path, suffix));
    }
}

/// Creates an empty file readable and writable by its owner only, failing if one exists.
/// SQLite gives its journal and write-ahead log the database file's permissions, so they are
/// the owner's too.
pub(crate) fn create_private(path: &Path) -> Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::AlreadyExists(path.to_owned())
        } else {
            Error::io(path, e)
        }
    })
}

/// Whether the file system holding `path` has (next to) no room left: SQLite reports some
/// writes that fail for want of space (syncing, the write-ahead log's index) as plain I/O
/// errors.
pub(crate) fn disk_is_full(path: &Path) -> bool {
    #[cfg(unix)]
    {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        rustix::fs::statvfs(dir).is_ok_and(|s| s.f_bavail.saturating_mul(s.f_frsize) < 1024 * 1024)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

fn monitor_from_row(row: &rusqlite::Row<'_>) -> Result<Monitor> {
    Ok(Monitor {
        uuid: parse_uuid(&row.get::<_, String>(0)?)?,
        code: row.get(1)?,
        name: row.get(2)?,
        org: row.get(3)?,
    })
}

/// Whether there is a database file at `path` to unlock (else the first run makes one).
pub fn database_exists(path: &Path) -> bool {
    path.is_file()
}

/// Parses a uuid read from the database; a malformed one means the file was damaged.
pub(crate) fn parse_uuid(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s)
        .map_err(|_| Error::Invalid(format!("a stored id is not a valid UUID: {s:?}")))
}

/// A SQLite error met where the database's path is not at hand.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Busy,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                Error::Damaged(e.to_string())
            }
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            Some(ErrorCode::ReadOnly) => Error::ReadOnly,
            _ => Error::Sql(e.to_string()),
        }
    }
}

fn open_error(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::WrongPassphrase(path.to_owned()),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Locked {
            path: path.to_owned(),
        },
        Some(ErrorCode::DatabaseCorrupt) => Error::Corrupt {
            path: path.to_owned(),
            detail: e.to_string(),
        },
        Some(ErrorCode::CannotOpen) => Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "cannot open the database file",
            ),
        ),
        Some(ErrorCode::DiskFull) => Error::DiskFull,
        Some(ErrorCode::SystemIoFailure) if disk_is_full(path) => Error::DiskFull,
        _ => Error::Sql(e.to_string()),
    }
}

/// Keys the connection and proves the key is right by reading the schema.
fn key(conn: &Connection, path: &Path, passphrase: &str) -> Result<()> {
    // SQLCipher logs to stderr by default, which would corrupt the terminal UI.
    run_pragma(conn, "PRAGMA cipher_log_level = NONE").map_err(|e| open_error(path, e))?;
    let version: Option<String> = conn
        .prepare("PRAGMA cipher_version")
        .and_then(|mut s| s.query_row([], |r| r.get(0)))
        .ok();
    if version.is_none_or(|v| v.trim().is_empty()) {
        return Err(Error::NoEncryption(path.to_owned()));
    }
    conn.pragma_update(None, "key", passphrase)
        .map_err(|e| open_error(path, e))?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| open_error(path, e))?;
    Ok(())
}

/// Runs a pragma that may or may not return a row.
fn run_pragma(conn: &Connection, sql: &str) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    while rows.next()?.is_some() {}
    Ok(())
}

/// The page cache, in KiB: every page read from disk is decrypted and authenticated, so
/// re-reading is what costs; 32 MiB keeps lists fast within the memory budget (64 MiB made
/// export and the lists no faster).
const CACHE_KIB: i64 = 32 * 1024;

/// The page cache during a bulk load (see [`Loading`]).
const LOAD_CACHE_KIB: i64 = 16 * 1024;

fn cache_size(conn: &Connection, kib: i64) -> rusqlite::Result<()> {
    conn.pragma_update(None, "cache_size", -kib)
}

/// How long a statement waits for another connection's lock before it reports the database
/// locked.
const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

fn configure(conn: &Connection, read_only: bool) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_WAIT)?;
    // Writing a whole hearing record uses about twenty statements; with rusqlite's default
    // cache of 16 they would be prepared again for every record.
    conn.set_prepared_statement_cache_capacity(64);
    run_pragma(conn, "PRAGMA foreign_keys = ON")?;
    run_pragma(conn, "PRAGMA temp_store = MEMORY")?;
    run_pragma(conn, "PRAGMA secure_delete = ON")?;
    cache_size(conn, CACHE_KIB)?;
    // The search index's vocabulary, through which a search replaces a word's prefix by the
    // words it starts (`Store::search_query`). It stores nothing and lives in the connection's
    // temporary schema, so the file's schema is unchanged; it is created before `query_only`,
    // which would refuse it.
    conn.execute_batch(
        "CREATE VIRTUAL TABLE temp.hearing_search_words USING fts5vocab(main, hearing_search, row)",
    )?;
    // The hearing list's courts in the order of their names (`Store::rank_courts`), also in
    // the temporary schema.
    conn.execute_batch("CREATE TEMP TABLE court_rank (rank INTEGER PRIMARY KEY, code TEXT)")?;
    if read_only {
        run_pragma(conn, "PRAGMA query_only = ON")?;
    } else {
        run_pragma(conn, "PRAGMA journal_mode = WAL")?;
        run_pragma(conn, "PRAGMA synchronous = FULL")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
