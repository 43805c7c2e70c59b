//! Migrations, applied in order from `PRAGMA user_version` inside one exclusive transaction
//! (cargo's `util/sqlite.rs` pattern).
//!
//! Rules: never edit, remove or reorder an entry once it has shipped; only append. Each entry
//! says why it exists. A test applies them to a fresh database and twice in a row.

use std::path::Path;

use rusqlite::Connection;

use crate::error::Error;

/// The migrations, in order; entry `i` brings the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[(&str, &str)] = &[
    // The first schema: monitors, cases, hearings and everything under them, audit, search.
    ("0001_init.sql", include_str!("migrations/0001_init.sql")),
    // Batches: exports with their per-monitor sequence, merge history, conflicts.
    (
        "0002_batches.sql",
        include_str!("migrations/0002_batches.sql"),
    ),
    // What the reviewers' statistics read: narrow indexes and a per-hearing checklist tally,
    // so that statistics over 100,000 hearings stay under a second (src/stats).
    ("0003_stats.sql", include_str!("migrations/0003_stats.sql")),
    // The checklist tally kept by the store instead of per-row triggers, which made bulk
    // writes a fifth slower.
    (
        "0004_tally_by_store.sql",
        include_str!("migrations/0004_tally_by_store.sql"),
    ),
    // What the hearing list reads: an index per sortable column in the list's order, the
    // case number copied onto hearings, and covering indexes for the filters, so that a
    // filter, search or sort over 100,000 hearings answers in milliseconds (src/store/list.rs).
    (
        "0005_browse.sql",
        include_str!("migrations/0005_browse.sql"),
    ),
    // A conflict resolved field by field: resolution 'fields' (the conflicts table rebuilt,
    // as SQLite cannot change its CHECK in place).
    (
        "0006_conflict_fields.sql",
        include_str!("migrations/0006_conflict_fields.sql"),
    ),
    // The article filter's cases in one narrow range (charged_cases, kept by triggers), so
    // that its first press reads a fifth of the pages it did (src/store/list.rs).
    (
        "0007_charged_cases.sql",
        include_str!("migrations/0007_charged_cases.sql"),
    ),
    // Trials across hearings: the agenda's index of announced next dates, and joins of two
    // case records that are one trial (src/store/cases.rs).
    (
        "0008_trials.sql",
        include_str!("migrations/0008_trials.sql"),
    ),
    // Sealed batches: this database's signing key and age identity, the roster of others'
    // public keys, and the signer of each merged batch (src/store/roster.rs).
    ("0009_keys.sql", include_str!("migrations/0009_keys.sql")),
    // Courts a monitor adds to the shipped list; they travel in batches (src/store/courts.rs).
    (
        "0010_user_courts.sql",
        include_str!("migrations/0010_user_courts.sql"),
    ),
    // Redacted batches numbered apart from the ones a lead merges, so that a redacted export
    // never leaves a number the lead waits for (src/exchange/export.rs).
    (
        "0011_redacted_seq.sql",
        include_str!("migrations/0011_redacted_seq.sql"),
    ),
    // Values final records hold in fields whose condition does not hold, left by forms that
    // only hid them: cleared once by the store as audited edits (src/store/stale.rs).
    (
        "0012_clear_not_applicable.sql",
        include_str!("migrations/0012_clear_not_applicable.sql"),
    ),
    // The output log: every batch, printout and report written outside the database
    // (src/store/outputs.rs).
    (
        "0013_outputs.sql",
        include_str!("migrations/0013_outputs.sql"),
    ),
    // A trial's summary (case view, agenda, case picker) from the index keyed by case.
    (
        "0014_case_index.sql",
        include_str!("migrations/0014_case_index.sql"),
    ),
    // Joins of case records kept as their own audit record: never deleted, split once.
    (
        "0015_joins_kept.sql",
        include_str!("migrations/0015_joins_kept.sql"),
    ),
    // The output logs monitors' batches bring (outputs.csv), kept by monitor at a lead
    // (src/store/outputs.rs, src/exchange/outlog.rs).
    (
        "0016_outputs_received.sql",
        include_str!("migrations/0016_outputs_received.sql"),
    ),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// A migration failure, named by its path once known.
pub(super) enum MigrateError {
    Sql(rusqlite::Error),
    TooNew(i64),
}

impl From<rusqlite::Error> for MigrateError {
    fn from(e: rusqlite::Error) -> Self {
        MigrateError::Sql(e)
    }
}

impl MigrateError {
    pub(super) fn at_path(self, path: &Path) -> Error {
        match self {
            MigrateError::Sql(e) => super::open_error(path, e),
            MigrateError::TooNew(found) => Error::TooNew {
                found,
                known: SCHEMA_VERSION,
            },
        }
    }
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the schema up to [`SCHEMA_VERSION`]; does nothing when it is current.
pub(super) fn migrate(conn: &Connection) -> Result<(), MigrateError> {
    if user_version(conn)? == SCHEMA_VERSION {
        return Ok(());
    }
    conn.execute_batch("BEGIN EXCLUSIVE")?;
    let result = (|| {
        let current = user_version(conn)?;
        if current > SCHEMA_VERSION {
            return Err(MigrateError::TooNew(current));
        }
        for (i, (_, sql)) in MIGRATIONS
            .iter()
            .enumerate()
            .skip(usize::try_from(current).unwrap_or(0))
        {
            conn.execute_batch(sql)?;
            conn.pragma_update(None, "user_version", i as i64 + 1)?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => conn.execute_batch("COMMIT")?,
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(e);
        }
    }
    Ok(())
}

/// For read-only opens: the schema must already be current.
pub(super) fn check_current(conn: &Connection) -> Result<(), MigrateError> {
    let v = user_version(conn)?;
    if v > SCHEMA_VERSION {
        return Err(MigrateError::TooNew(v));
    }
    if v < SCHEMA_VERSION {
        return Err(MigrateError::Sql(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
            Some("the database needs upgrading; open it once without --read-only".into()),
        )));
    }
    Ok(())
}
