//! Erasing the database (DESIGN.md §6): crypto-erase. On an SSD, overwriting a file does not
//! reliably reach the flash cells that held it, but the file cannot be decrypted without its
//! key material: SQLCipher derives the key from the passphrase and the random salt in the
//! file's first 16 bytes, and checks it against the first page. Those are overwritten and
//! synced first; then the rest of the file and its side files, then everything is removed.

use std::fs::{File, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::keys::{rekey_file, sync_parent};
use super::{SIDE_FILES, Store, side_file};
use crate::error::{Error, Result};

/// The start of the database overwritten before anything else: the salt (16 bytes), the first
/// page that checks the key, and the pages after it.
const KEY_BYTES: u64 = 1 << 20;

/// Bytes overwritten at a time.
const CHUNK: usize = 1 << 20;

/// The folders courtwatch makes next to the database (the terminal UI's default places for
/// batches and printouts, and for backups), with the names of the entries it writes in them.
pub const MADE_FOLDERS: [(&str, &[&str]); 3] = [
    ("batches", &["courtwatch-", ".courtwatch-"]),
    ("printouts", &["hearing-", "report-", "courtwatch-"]),
    ("backups", &["courtwatch-", ".courtwatch-"]),
];

/// What an erase did.
#[derive(Debug, Clone)]
pub struct Erased {
    /// From the start until the key material was overwritten and on the disk.
    pub key_destroyed: Duration,
    /// Files and folders removed besides the database.
    pub removed: Vec<PathBuf>,
}

impl Store {
    /// Destroys the database: its key material first, then its content, its side files and
    /// what courtwatch wrote in the folders next to it ([`MADE_FOLDERS`]). Refused (nothing
    /// touched) when another program has the database open, since its connection could write
    /// the first page back.
    pub fn erase(self) -> Result<Erased> {
        let started = Instant::now();
        if self.read_only {
            return Err(Error::ReadOnly);
        }
        // Out of the log (checkpointed into the file, whose key is then destroyed) and locked
        // to this connection, which is then closed before the file is overwritten.
        self.take_for_rewrite()?;
        let path = self.path.clone();
        drop(self);
        erase_file(&path, started)
    }
}

/// Destroys the database at `path` as [`Store::erase`] does, without opening it: after too
/// many wrong passphrases (`store::guard`), when no connection has it open. `started` is when
/// the erase began, for [`Erased::key_destroyed`].
pub(crate) fn erase_file(path: &Path, started: Instant) -> Result<Erased> {
    let path = path.to_owned();
    let copy = rekey_file(&path);
    let mut files = vec![path.clone()];
    files.extend(SIDE_FILES.iter().map(|s| side_file(&path, s)));
    files.extend([
        super::guard::guard_file(&path),
        side_file(&copy, "-journal"),
        copy,
    ]);
    let files: Vec<PathBuf> = files.into_iter().filter(|f| f.is_file()).collect();
    // Every file's first part, synced: after this nothing can be decrypted.
    let mut opened = Vec::new();
    for f in &files {
        let mut file = OpenOptions::new()
            .write(true)
            .open(f)
            .map_err(|e| Error::io(f, e))?;
        let len = file.metadata().map_err(|e| Error::io(f, e))?.len();
        overwrite(&mut file, f, 0, len.min(KEY_BYTES))?;
        file.sync_all().map_err(|e| Error::io(f, e))?;
        opened.push((file, len));
    }
    let key_destroyed = started.elapsed();
    // Then the rest, for disks that do overwrite in place.
    for ((mut file, len), f) in opened.into_iter().zip(&files) {
        if len > KEY_BYTES {
            overwrite(&mut file, f, KEY_BYTES, len)?;
            file.sync_all().map_err(|e| Error::io(f, e))?;
        }
    }
    for f in &files {
        std::fs::remove_file(f).map_err(|e| Error::io(f, e))?;
    }
    sync_parent(&path)?;
    let mut removed: Vec<PathBuf> = files.into_iter().skip(1).collect();
    removed.extend(remove_made_folders(&path)?);
    Ok(Erased {
        key_destroyed,
        removed,
    })
}

/// Overwrites `from..to` of a file with random bytes.
fn overwrite(file: &mut File, path: &Path, from: u64, to: u64) -> Result<()> {
    file.seek(SeekFrom::Start(from))
        .map_err(|e| Error::io(path, e))?;
    let mut buf = vec![0u8; CHUNK];
    let mut at = from;
    while at < to {
        let n = usize::try_from(to - at).map_or(CHUNK, |left| left.min(CHUNK));
        fastrand::fill(&mut buf[..n]);
        file.write_all(&buf[..n]).map_err(|e| Error::io(path, e))?;
        at += n as u64;
    }
    Ok(())
}

/// Removes what courtwatch wrote in the folders next to the database, and each folder once
/// empty; batches and printouts are plain text, so their files are overwritten first.
fn remove_made_folders(db: &Path) -> Result<Vec<PathBuf>> {
    let dir = db
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut removed = Vec::new();
    for (name, prefixes) in MADE_FOLDERS {
        let folder = dir.join(name);
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&folder, e))?;
            let file_name = entry.file_name();
            if !prefixes
                .iter()
                .any(|p| file_name.to_string_lossy().starts_with(p))
            {
                continue;
            }
            let path = entry.path();
            remove_tree(&path)?;
            removed.push(path);
        }
        if std::fs::remove_dir(&folder).is_ok() {
            removed.push(folder);
        }
    }
    Ok(removed)
}

/// Overwrites every file under `path` and removes it all (symbolic links are removed, never
/// followed).
fn remove_tree(path: &Path) -> Result<()> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
            remove_tree(&entry.map_err(|e| Error::io(path, e))?.path())?;
        }
        std::fs::remove_dir(path).map_err(|e| Error::io(path, e))
    } else {
        if meta.is_file() {
            let mut file = OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Error::io(path, e))?;
            overwrite(&mut file, path, 0, meta.len())?;
            file.sync_all().map_err(|e| Error::io(path, e))?;
        }
        std::fs::remove_file(path).map_err(|e| Error::io(path, e))
    }
}
