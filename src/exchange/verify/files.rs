//! The files of a batch, read as a folder from a stranger deserves: only regular files
//! directly inside it are opened — never through a symbolic link, never a FIFO, a device or a
//! socket (each is refused before any read) — and every read is bounded: a CSV file by the
//! size the manifest gives it, `manifest.json`, `SHA256SUMS` and `datapackage.json` by fixed
//! limits far above what courtwatch writes.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::super::courts::COURTS;
use super::super::joins::JOINS;
use super::super::manifest::Manifest;
use super::super::outlog::OUTPUTS;
use super::super::rows::Table;
use super::super::{CODEBOOK, DATAPACKAGE, MANIFEST, Msg, Problem, Problems, SUMS};
use crate::msg;

/// The most `manifest.json` may hold (courtwatch writes about 3 KB).
pub(crate) const MANIFEST_MAX: u64 = 1 << 20;
/// The most `SHA256SUMS` may hold (15 lines of 80 bytes are written).
pub(crate) const SUMS_MAX: u64 = 64 << 10;
/// The most `manifest.json.minisig` may hold (about 400 bytes are written).
pub(crate) const SIGNATURE_MAX: u64 = 16 << 10;
/// The most `datapackage.json` may hold (about 150 KB are written).
pub(crate) const DATAPACKAGE_MAX: u64 = 16 << 20;

/// Why a file of a batch was not read.
#[derive(Debug)]
pub enum Refused {
    Missing,
    /// Not a regular file: what it is instead (a message key, `batch-what-…`).
    NotRegular(&'static str),
    /// Larger than it may be: its size, and the limit.
    TooLarge(u64, u64),
    Io(std::io::Error),
}

impl Refused {
    /// The message for a problem naming the file.
    pub fn msg(&self) -> Msg {
        match self {
            Refused::Missing => msg!("batch-missing"),
            Refused::NotRegular(what) => msg!("batch-not-plain-file", what = Msg::new(what)),
            Refused::TooLarge(size, max) => msg!(
                "batch-too-large",
                size = size.to_string(),
                max = max.to_string()
            ),
            Refused::Io(e) => msg!("batch-cannot-read", error = e.to_string()),
        }
    }

    /// [`Refused::msg`] in English.
    pub fn message(&self) -> String {
        crate::i18n::Texts::with_shared(|t| self.msg().render(t, crate::spec::Lang::En))
    }
}

/// What a file that is not a regular file is, in words.
fn what_it_is(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "batch-what-fifo";
        }
        if t.is_block_device() || t.is_char_device() {
            return "batch-what-device";
        }
        if t.is_socket() {
            return "batch-what-socket";
        }
    }
    if t.is_symlink() {
        "batch-what-symlink"
    } else if t.is_dir() {
        "batch-what-folder"
    } else {
        "batch-what-other"
    }
}

/// A name a batch may contain: a plain file name, nothing that climbs out of the folder.
pub fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && !name.contains('\0')
        && !name.chars().any(char::is_control)
}

/// Where a batch's files are: a folder, or a sealed file decrypted as it is read (nothing of
/// it is written anywhere).
#[derive(Debug, Clone)]
pub enum Place {
    Folder(PathBuf),
    Sealed(Arc<super::super::sealed::Sealed>),
}

impl Place {
    /// `path` as a batch folder, when it is a folder; a sealed file is opened with its keys
    /// ([`super::super::sealed::Sealed::open`]).
    pub fn folder(path: &Path) -> Option<Place> {
        path.is_dir().then(|| Place::Folder(path.to_owned()))
    }

    /// The folder, or the sealed file, as given.
    pub fn path(&self) -> &Path {
        match self {
            Place::Folder(p) => p,
            Place::Sealed(s) => s.path(),
        }
    }

    /// The size of the file `name` of the batch, if it has one (nothing is read).
    pub fn size(&self, name: &str) -> Option<u64> {
        match self {
            Place::Folder(dir) => std::fs::symlink_metadata(dir.join(name))
                .ok()
                .filter(|m| m.file_type().is_file())
                .map(|m| m.len()),
            Place::Sealed(s) => s.size(name),
        }
    }
}

/// A file of a batch opened for reading.
pub type Opened = Box<dyn Read + Send>;

/// Opens the file `name` of the batch at `place`, with its size: a regular file directly
/// inside a folder ([`open_file`]), or a file of a sealed batch, decrypted as it is read.
pub(crate) fn open_regular(place: &Place, name: &str) -> Result<(Opened, u64), Refused> {
    match place {
        Place::Folder(dir) => open_file(dir, name).map(|(f, n)| (Box::new(f) as Opened, n)),
        Place::Sealed(s) => s.open_file(name),
    }
}

/// Opens the regular file `name` directly inside `dir`, with its size. Links are not followed
/// (`O_NOFOLLOW`, after a `symlink_metadata` look), and a FIFO swapped in between the look and
/// the opening does not block it (`O_NONBLOCK`; the opened file is looked at again).
pub(crate) fn open_file(dir: &Path, name: &str) -> Result<(File, u64), Refused> {
    if !plain_name(name) {
        return Err(Refused::NotRegular("batch-what-outside"));
    }
    let path = dir.join(name);
    open_path(&path)
}

/// Opens the regular file at `path` as [`open_file`] does.
pub fn open_path(path: &Path) -> Result<(File, u64), Refused> {
    let path = path.to_owned();
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Refused::Missing),
        Err(e) => return Err(Refused::Io(e)),
    };
    if !meta.file_type().is_file() {
        return Err(Refused::NotRegular(what_it_is(meta.file_type())));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        let flags = (OFlags::NOFOLLOW | OFlags::NONBLOCK).bits();
        options.custom_flags(i32::try_from(flags).unwrap_or(0));
    }
    let file = options.open(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Refused::Missing
        } else {
            // ELOOP: it became a link since it was looked at.
            Refused::Io(e)
        }
    })?;
    let meta = file.metadata().map_err(Refused::Io)?;
    if !meta.file_type().is_file() {
        return Err(Refused::NotRegular(what_it_is(meta.file_type())));
    }
    Ok((file, meta.len()))
}

/// The whole of a small file, refused when larger than `max`.
pub(crate) fn read_small(dir: &Place, name: &str, max: u64) -> Result<Vec<u8>, Refused> {
    let (file, len) = open_regular(dir, name)?;
    if len > max {
        return Err(Refused::TooLarge(len, max));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(Refused::Io)?;
    if bytes.len() as u64 > max {
        return Err(Refused::TooLarge(bytes.len() as u64, max));
    }
    Ok(bytes)
}

/// Size and SHA-256 of a file, read in pieces, at most `max` bytes (one more is read to know
/// that it is longer).
fn hash_file(dir: &Place, name: &str, max: u64) -> Result<(u64, String), Refused> {
    let (file, len) = open_regular(dir, name)?;
    if len > max {
        return Ok((len, String::new()));
    }
    let mut f = file.take(max + 1);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut bytes = 0u64;
    loop {
        let n = f.read(&mut buf).map_err(Refused::Io)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        bytes += n as u64;
    }
    Ok((bytes, crate::domain::hex(&hasher.finalize())))
}

/// The CSV files every batch has, in manifest order.
pub fn csv_files() -> Vec<String> {
    Table::ALL
        .iter()
        .map(|t| t.file())
        .chain([CODEBOOK.to_owned()])
        .collect()
}

/// The CSV files of this batch: every batch's, and the side tables the manifest lists.
fn batch_csv_files(manifest: &Manifest) -> Vec<String> {
    let mut files = csv_files();
    for side in [COURTS, JOINS, OUTPUTS] {
        if manifest.file(side).is_some() {
            files.push(side.to_owned());
        }
    }
    files
}

/// The most a file of the batch may hold: a CSV file what the manifest says, the others their
/// fixed limits (a file only `SHA256SUMS` names is held to the datapackage's).
fn limit(manifest: &Manifest, name: &str) -> u64 {
    match name {
        MANIFEST => MANIFEST_MAX,
        SUMS => SUMS_MAX,
        _ => manifest.file(name).map_or(DATAPACKAGE_MAX, |e| e.bytes),
    }
}

/// Checks `SHA256SUMS` and the manifest's file list against the files.
pub(crate) fn check_files(dir: &Place, manifest: &Manifest, problems: &mut Problems) {
    let mut hashes: HashMap<String, Result<(u64, String), Msg>> = HashMap::new();
    let mut hash = |name: &str| -> Result<(u64, String), Msg> {
        hashes
            .entry(name.to_owned())
            .or_insert_with(|| hash_file(dir, name, limit(manifest, name)).map_err(|r| r.msg()))
            .clone()
    };
    // SHA256SUMS: `<hex>  <name>` per line, as `sha256sum -c` reads it.
    let mut listed: HashMap<String, String> = HashMap::new();
    let sums = read_small(dir, SUMS, SUMS_MAX);
    match &sums {
        Err(Refused::Missing) => problems.push(Problem::file(SUMS, msg!("batch-missing"))),
        Err(r) => problems.push(Problem::file(SUMS, r.msg())),
        Ok(bytes) => {
            let text = String::from_utf8_lossy(bytes);
            for (i, line) in text.lines().enumerate() {
                let n = i as u64 + 1;
                if line.trim().is_empty() {
                    continue;
                }
                let parsed = line
                    .split_once("  ")
                    .or_else(|| line.split_once(" *"))
                    .filter(|(h, name)| {
                        h.len() == 64
                            && h.bytes().all(|b| b.is_ascii_hexdigit())
                            && plain_name(name)
                    });
                match parsed {
                    Some((h, name)) => {
                        listed.insert(name.to_owned(), h.to_ascii_lowercase());
                    }
                    None => problems.push(Problem::at(SUMS, n, None, msg!("batch-sums-bad-line"))),
                }
            }
        }
    }
    let mut wanted = batch_csv_files(manifest);
    wanted.extend([MANIFEST.to_owned(), DATAPACKAGE.to_owned()]);
    if sums.is_ok() {
        for name in &wanted {
            if !listed.contains_key(name) {
                problems.push(Problem::file(
                    SUMS,
                    msg!("batch-does-not-list", name = name),
                ));
            }
        }
    }
    let mut sums_names: Vec<&String> = listed.keys().collect();
    sums_names.sort();
    for name in sums_names {
        let expected = &listed[name];
        if manifest.file(name).is_some() {
            // Checked against the manifest below, where its size is known.
            continue;
        }
        match hash(name) {
            Err(m) => problems.push(Problem::file(name, m)),
            Ok((bytes, _)) if bytes > limit(manifest, name) => problems.push(Problem::file(
                name,
                Refused::TooLarge(bytes, limit(manifest, name)).msg(),
            )),
            Ok((_, actual)) if actual != *expected => problems.push(Problem::file(
                name,
                msg!("batch-sha-vs-sums", actual = actual, expected = expected),
            )),
            Ok(_) => {}
        }
    }
    // The manifest's list.
    for f in &manifest.files {
        if !wanted.contains(&f.name) || !plain_name(&f.name) {
            problems.push(Problem::file(
                MANIFEST,
                msg!("batch-unknown-listed-file", name = format!("{:?}", f.name)),
            ));
        }
    }
    for name in batch_csv_files(manifest) {
        let Some(entry) = manifest.file(&name) else {
            problems.push(Problem::file(
                MANIFEST,
                msg!("batch-does-not-list", name = &name),
            ));
            continue;
        };
        match hash(&name) {
            Err(m) => problems.push(Problem::file(&name, m)),
            Ok((bytes, sha)) => {
                if bytes != entry.bytes {
                    problems.push(Problem::file(
                        &name,
                        msg!(
                            "batch-size-vs-manifest",
                            bytes = bytes.to_string(),
                            expected = entry.bytes.to_string()
                        ),
                    ));
                } else if sha != entry.sha256 {
                    problems.push(Problem::file(
                        &name,
                        msg!(
                            "batch-sha-vs-manifest",
                            actual = &sha,
                            expected = &entry.sha256
                        ),
                    ));
                } else if listed.get(&name).is_some_and(|s| *s != sha) {
                    problems.push(Problem::file(
                        &name,
                        msg!(
                            "batch-sha-vs-sums",
                            actual = &sha,
                            expected = &listed[&name]
                        ),
                    ));
                }
            }
        }
    }
}
