//! Erasing after too many wrong passphrases in a row (DESIGN.md §6): a setting, off by
//! default. The database cannot be read before the passphrase is right, so the limit and the
//! count of wrong tries are kept next to it in `<db>-guard` (`0600`, two numbers), written
//! whole (a new file renamed over the old one). Whoever deletes that file turns the guard off:
//! it stops someone guessing at the unlock screen, not someone who copies the file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::erase::erase_file;
use super::keys::{sync_file, sync_parent};
use super::{Erased, Store, create_private, side_file};
use crate::error::{Error, Result};

/// The setting: after how many wrong passphrases in a row the database is erased (0: never).
pub(crate) const SETTING: &str = "erase_after_failures";

/// The limits the settings screen offers (0: never).
pub(crate) const CHOICES: [u32; 4] = [0, 5, 10, 20];

/// The limit, and how many wrong passphrases were given in a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guard {
    pub limit: u32,
    pub failed: u32,
}

/// Where the guard of the database at `db` is kept.
pub fn guard_file(db: &Path) -> PathBuf {
    side_file(db, "-guard")
}

/// The guard of the database at `db`, when it is on.
pub fn read(db: &Path) -> Option<Guard> {
    let text = std::fs::read_to_string(guard_file(db)).ok()?;
    let mut numbers = text.split_whitespace().map(|n| n.parse::<u32>().ok());
    let (Some(Some(limit)), Some(Some(failed))) = (numbers.next(), numbers.next()) else {
        return None;
    };
    (limit > 0).then_some(Guard { limit, failed })
}

/// Writes the guard whole: a new file, synced, renamed over the old one.
fn write(db: &Path, guard: Guard) -> Result<()> {
    let file = guard_file(db);
    let next = side_file(db, "-guard.new");
    let _ = std::fs::remove_file(&next);
    let mut out = create_private(&next)?;
    writeln!(out, "{} {}", guard.limit, guard.failed).map_err(|e| Error::io(&next, e))?;
    drop(out);
    sync_file(&next)?;
    std::fs::rename(&next, &file).map_err(|e| Error::io(&file, e))?;
    sync_parent(&file)
}

/// Turns the guard off.
fn remove(db: &Path) -> Result<()> {
    match std::fs::remove_file(guard_file(db)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(guard_file(db), e)),
    }
}

/// Counts one wrong passphrase for the database at `db` (which no connection may have open):
/// when it is the limit-th in a row, the database is erased and the limit given with what the
/// erase did. Nothing happens when the guard is off.
pub(crate) fn wrong_passphrase(db: &Path) -> Result<Option<(u32, Erased)>> {
    let Some(guard) = read(db) else {
        return Ok(None);
    };
    let failed = guard.failed.saturating_add(1);
    if failed >= guard.limit {
        let erased = erase_file(db, Instant::now())?;
        return Ok(Some((guard.limit, erased)));
    }
    write(db, Guard { failed, ..guard })?;
    Ok(None)
}

impl Store {
    /// After how many wrong passphrases in a row the database is erased (0: never).
    pub(crate) fn erase_after(&self) -> Result<u32> {
        Ok(self
            .setting(SETTING)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0))
    }

    /// Sets the limit (0 turns the guard off) and writes the guard file to match.
    pub fn set_erase_after(&self, limit: u32) -> Result<()> {
        self.set_setting(SETTING, &limit.to_string())?;
        self.sync_guard()
    }

    /// A right passphrase was given: the guard file matches the setting again (made again if
    /// it was removed, taken away if the setting is off) and its count starts from zero.
    pub(crate) fn sync_guard(&self) -> Result<()> {
        if self.read_only {
            return Ok(());
        }
        match self.erase_after()? {
            0 => remove(&self.path),
            limit => {
                if read(&self.path) == Some(Guard { limit, failed: 0 }) {
                    return Ok(());
                }
                write(&self.path, Guard { limit, failed: 0 })
            }
        }
    }
}
