//! The life of the key (DESIGN.md §6): passphrases held in memory that is wiped when dropped,
//! and changing the passphrase so that a crash at any moment leaves a database that opens with
//! the old passphrase or the new one.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use zeroize::Zeroizing;

use super::{OpenMode, Store, create_private, open_error, side_file};
use crate::error::{Error, Result};

/// A passphrase: its memory is overwritten when it is dropped, and it never prints
/// (`Debug` shows `[redacted]`).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    pub fn new(text: String) -> Passphrase {
        Passphrase(Zeroizing::new(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Passphrase {
    fn from(text: String) -> Passphrase {
        Passphrase::new(text)
    }
}

impl From<&str> for Passphrase {
    fn from(text: &str) -> Passphrase {
        Passphrase::new(text.to_owned())
    }
}

impl std::ops::Deref for Passphrase {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Where the copy under the new passphrase is written before it replaces the database.
pub fn rekey_file(path: &Path) -> PathBuf {
    side_file(path, "-rekey")
}

/// Removes what an interrupted passphrase change left: the copy being written and its journal
/// (encrypted, but not to be left lying about).
fn remove_rekey_leftovers(path: &Path) -> Result<()> {
    let copy = rekey_file(path);
    for file in [side_file(&copy, "-journal"), copy] {
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&file, e)),
        }
    }
    Ok(())
}

impl Store {
    /// Changes the passphrase and gives the database opened with the new one.
    ///
    /// SQLCipher's `rekey` rewrites the pages in place, and a crash during it leaves a journal
    /// that only the old key can roll back. Instead, the whole database is copied into a new
    /// file keyed with the new passphrase (`sqlcipher_export`), the copy is synced, opened and
    /// checked, then renamed over the database: at any moment the file at `path` is one whole
    /// database under one of the two passphrases. The copy is made outside write-ahead logging
    /// with the database locked to this connection, so no other program can write to the old
    /// file meanwhile; should another one have it open, nothing is changed.
    pub(crate) fn change_passphrase(self, new: &Passphrase) -> Result<Store> {
        if self.read_only {
            return Err(Error::ReadOnly);
        }
        if new.is_empty() {
            return Err(Error::Invalid("the new passphrase is empty".into()));
        }
        let path = self.path.clone();
        remove_rekey_leftovers(&path)?;
        self.take_for_rewrite()?;
        let copy = rekey_file(&path);
        let written = (|| -> Result<()> {
            drop(create_private(&copy)?);
            self.conn
                .execute(
                    "ATTACH DATABASE ?1 AS rekeyed KEY ?2",
                    (copy.to_string_lossy(), new.as_str()),
                )
                .map_err(|e| self.explain(e))?;
            // The copy is not trusted before it is whole, synced and checked, so it needs no
            // journal and no syncing of its own on the way: it is written once, straight.
            // `sqlcipher_export` copies the schema and rows but not the schema version.
            let exported = self
                .conn
                .execute_batch(
                    "PRAGMA rekeyed.journal_mode = OFF; PRAGMA rekeyed.synchronous = OFF;",
                )
                .and_then(|()| {
                    self.conn
                        .query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))
                })
                .and_then(|()| {
                    let v: i64 = self
                        .conn
                        .query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
                    self.conn
                        .execute_batch(&format!("PRAGMA rekeyed.user_version = {v}"))
                });
            let detached = self.conn.execute_batch("DETACH DATABASE rekeyed");
            exported.and(detached).map_err(|e| self.explain(e))?;
            check_copy(&copy, new, super::migrate::SCHEMA_VERSION)?;
            sync_file(&copy)?;
            std::fs::rename(&copy, &path).map_err(|e| Error::io(&path, e))?;
            sync_parent(&path)
        })();
        if let Err(e) = written {
            let _ = remove_rekey_leftovers(&path);
            // Back to the log for whoever opens next (every open sets it too).
            let _ = self.conn.execute_batch("PRAGMA locking_mode = NORMAL");
            let _ = super::run_pragma(&self.conn, "PRAGMA journal_mode = WAL");
            return Err(e);
        }
        let Store {
            conn,
            spec,
            sources,
            ..
        } = self;
        // The old connection holds the replaced file's lock until here.
        drop(conn);
        Store::open(&path, new, OpenMode::Existing, spec, sources)
    }

    /// Closes the database so that nothing of it stays in memory (locking): SQLCipher's
    /// memory security is turned on first, so that everything it frees, the page cache and
    /// the key with it, is overwritten. (It stays on for the rest of the process: SQLCipher
    /// cannot turn it off.)
    pub fn close(self) {
        let _ = super::run_pragma(&self.conn, "PRAGMA cipher_memory_security = ON");
        let _ = self.conn.close();
    }

    /// Leaves write-ahead logging and locks the database to this connection until it closes:
    /// refused (nothing changed) when another connection has it open.
    pub(super) fn take_for_rewrite(&self) -> Result<()> {
        let busy = || Error::Locked {
            path: self.path.clone(),
        };
        let mode = super::bulk::journal_mode(&self.conn, "DELETE").map_err(|e| self.explain(e))?;
        if mode != "delete" {
            return Err(busy());
        }
        super::run_pragma(&self.conn, "PRAGMA locking_mode = EXCLUSIVE")
            .and_then(|()| self.conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;"))
            .map_err(|e| self.explain(e))
    }
}

/// Opens a copy with its passphrase and checks it whole before it is trusted.
fn check_copy(copy: &Path, pass: &Passphrase, schema: i64) -> Result<()> {
    let conn = Connection::open(copy).map_err(|e| open_error(copy, e))?;
    super::key(&conn, copy, pass)?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| open_error(copy, e))?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| open_error(copy, e))?;
    if check != "ok" || version != schema {
        return Err(Error::Corrupt {
            path: copy.to_owned(),
            detail: format!("the copy failed its check ({check}, schema {version})"),
        });
    }
    Ok(())
}

/// Flushes a file's content to the disk.
pub(crate) fn sync_file(path: &Path) -> Result<()> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(path, e))
}

/// Flushes the folder holding `path`, so that a rename in it survives a power cut.
pub(crate) fn sync_parent(path: &Path) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    #[cfg(unix)]
    {
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| Error::io(dir, e))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// `courtwatch-<CODE>-backup-<stamp>.db`, with anything but letters, digits, `-` and `_` in
/// the code replaced by `_`.
fn backup_name(code: &str, stamp: &str) -> String {
    let code: String = code
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("courtwatch-{code}-backup-{stamp}.db")
}

/// How many whole days have passed from `since` to `now`, when that is more than `days`.
pub fn overdue(
    since: chrono::DateTime<chrono::FixedOffset>,
    now: chrono::DateTime<chrono::FixedOffset>,
    days: u64,
) -> Option<i64> {
    let waited = now - since;
    let limit = chrono::Duration::days(days.min(36_500) as i64);
    (waited > limit).then(|| waited.num_days())
}

/// The setting that holds when the last backup was made (RFC 3339).
pub const LAST_BACKUP: &str = "last_backup";

impl Store {
    /// Writes a copy of the whole database — drafts, settings and keys included — into `dir`,
    /// encrypted with the same passphrase, and gives its path. The copy is written under a
    /// hidden name (`VACUUM INTO`), checked by opening it with the same key and running an
    /// integrity check, synced, and only then renamed to its final name, so a crash never
    /// leaves a file that looks finished. It is the owner's only (`0600`).
    pub fn backup(&self, dir: &Path) -> Result<PathBuf> {
        let me = self.profile().ok_or(Error::NoProfile)?;
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let stamp = self.now().format("%Y%m%dT%H%M%S").to_string();
        let name = backup_name(&me.code, &stamp);
        let target = dir.join(&name);
        if target.exists() {
            return Err(Error::AlreadyExists(target));
        }
        // What an interrupted backup left (hidden, never looking finished) goes.
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                let n = entry.file_name().to_string_lossy().into_owned();
                if n.starts_with(".courtwatch-") && n.ends_with(".db.partial") {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        let partial = dir.join(format!(".{name}.partial"));
        let written = (|| -> Result<()> {
            drop(create_private(&partial)?);
            self.conn
                .execute("VACUUM INTO ?1", [partial.to_string_lossy()])
                .map_err(|e| self.explain(e))?;
            // Attached without a key, the copy is opened with this database's passphrase.
            self.conn
                .execute(
                    "ATTACH DATABASE ?1 AS backup_check",
                    [partial.to_string_lossy()],
                )
                .map_err(|e| self.explain(e))?;
            let check = self
                .conn
                .query_row("PRAGMA backup_check.integrity_check", [], |r| {
                    r.get::<_, String>(0)
                });
            let _ = self.conn.execute_batch("DETACH DATABASE backup_check");
            let check = check.map_err(|e| open_error(&partial, e))?;
            if check != "ok" {
                return Err(Error::Corrupt {
                    path: partial.clone(),
                    detail: format!("the backup failed its check ({check})"),
                });
            }
            sync_file(&partial)?;
            std::fs::rename(&partial, &target).map_err(|e| Error::io(&target, e))?;
            sync_parent(&target)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        if !self.read_only {
            self.set_setting(LAST_BACKUP, &self.now_text())?;
        }
        Ok(target)
    }

    /// When the last backup was made, if ever.
    pub(crate) fn last_backup(&self) -> Result<Option<String>> {
        self.setting(LAST_BACKUP)
    }

    /// Since when drafts have gone without a backup: the last backup, if a draft changed
    /// after it, or, with no backup ever, when the oldest draft was begun. `None` when every
    /// draft is in the last backup (or there is none). Reads no clock.
    pub(crate) fn unbacked_since(&self) -> Result<Option<chrono::DateTime<chrono::FixedOffset>>> {
        use rusqlite::OptionalExtension;
        let since: Option<String> = match self.last_backup()? {
            Some(at) => self
                .conn
                .query_row(
                    "SELECT 1 FROM hearings WHERE status = 'draft' AND updated_at > ?1 LIMIT 1",
                    [&at],
                    |_| Ok(()),
                )
                .optional()
                .map_err(|e| self.explain(e))?
                .map(|()| at),
            None => self
                .conn
                .query_row(
                    "SELECT MIN(created_at) FROM hearings WHERE status = 'draft'",
                    [],
                    |r| r.get(0),
                )
                .map_err(|e| self.explain(e))?,
        };
        Ok(since.and_then(|s| chrono::DateTime::parse_from_rfc3339(&s).ok()))
    }

    /// How many days drafts have gone without a backup, when that is more than `days`
    /// ([`Store::unbacked_since`], [`overdue`]).
    pub fn backup_due(&self, days: u64) -> Result<Option<i64>> {
        Ok(self
            .unbacked_since()?
            .and_then(|since| overdue(since, self.now(), days)))
    }

    /// Brings a backup back as the new database `target`, which must not exist (an existing
    /// database is never touched). The backup is opened with `passphrase` and checked first;
    /// the copy is written under a hidden name and put in place only when whole.
    pub fn restore(
        backup: &Path,
        target: &Path,
        passphrase: &str,
        spec: std::sync::Arc<crate::spec::Spec>,
        sources: crate::clock::Sources,
    ) -> Result<Store> {
        if target.exists() {
            return Err(Error::AlreadyExists(target.to_owned()));
        }
        let meta = std::fs::metadata(backup)
            .ok()
            .filter(std::fs::Metadata::is_file)
            .ok_or_else(|| Error::NoDatabase(backup.to_owned()))?;
        if meta.len() == 0 {
            return Err(Error::NotADatabase(backup.to_owned()));
        }
        {
            let conn =
                Connection::open_with_flags(backup, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                    .map_err(|e| open_error(backup, e))?;
            super::key(&conn, backup, passphrase)?;
            let check: String = conn
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .map_err(|e| open_error(backup, e))?;
            if check != "ok" {
                return Err(Error::Corrupt {
                    path: backup.to_owned(),
                    detail: check,
                });
            }
        }
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let partial = side_file(target, ".partial");
        let _ = std::fs::remove_file(&partial);
        let copied = (|| -> Result<()> {
            let mut out = create_private(&partial)?;
            let mut input = std::fs::File::open(backup).map_err(|e| Error::io(backup, e))?;
            std::io::copy(&mut input, &mut out).map_err(|e| Error::io(&partial, e))?;
            out.sync_all().map_err(|e| Error::io(&partial, e))?;
            // A hard link never replaces a file that appeared meanwhile.
            std::fs::hard_link(&partial, target).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Error::AlreadyExists(target.to_owned())
                } else {
                    Error::io(target, e)
                }
            })?;
            sync_parent(target)
        })();
        let _ = std::fs::remove_file(&partial);
        copied?;
        Store::open(target, passphrase, OpenMode::Existing, spec, sources)
            .inspect_err(|_| super::remove_database_files(target))
    }
}
