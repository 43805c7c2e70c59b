//! Sealed batches (DESIGN.md §4 "Sealed batches"): the whole batch folder as one tar archive
//! (POSIX ustar), encrypted with age to the roster's recipients or to a passphrase, so file
//! names, counts and contents are hidden. `age -d -i KEY FILE | tar -x` opens one.
//!
//! Writing: [`TarWriter`] puts the folder and its files into an age stream.
//!
//! Reading never writes anything: [`Sealed::open`] decrypts the archive's headers once, to
//! list its members (and refuses anything but the batch's own plain files under one folder),
//! then every file of the batch is read by decrypting just its part of the stream
//! (age's STREAM is seekable), as often as the reader needs it. The file key is unwrapped once
//! and kept in memory, so a passphrase's scrypt runs once per batch.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use age::secrecy::ExposeSecret;
use age_core::format::{FileKey, Stanza};

use super::courts::COURTS;
use super::joins::JOINS;
use super::manifest::Manifest;
use super::outlog::OUTPUTS;
use super::verify::{Opened, Refused, csv_files, open_path, plain_name};
use super::{DATAPACKAGE, MANIFEST, SUMS};

/// The signature of `manifest.json`, in minisign's format.
pub const SIGNATURE: &str = "manifest.json.minisig";
/// How a sealed batch's file name ends.
pub const EXTENSION: &str = "age";

const BLOCK: usize = 512;

/// Every file name a batch may hold.
pub fn batch_files() -> Vec<String> {
    let mut names = csv_files();
    names.extend([
        COURTS.to_owned(),
        JOINS.to_owned(),
        OUTPUTS.to_owned(),
        MANIFEST.to_owned(),
        SUMS.to_owned(),
        DATAPACKAGE.to_owned(),
        SIGNATURE.to_owned(),
    ]);
    names
}

/// The trusted comment of a batch's signature: what the signer vouches for besides the
/// manifest's bytes.
pub fn trusted_comment(m: &Manifest) -> String {
    format!(
        "courtwatch batch {} monitor {} seq {}",
        m.batch_id, m.monitor.code, m.seq
    )
}

/// Whether `path` names a sealed batch (by its name; nothing is read).
pub fn is_sealed_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == EXTENSION)
}

/// Writes a ustar archive of one folder into `w`.
pub struct TarWriter<W: Write> {
    w: W,
    folder: String,
    mtime: u64,
}

fn octal(field: &mut [u8], value: u64) {
    let digits = field.len() - 1;
    let text = format!("{value:0digits$o}");
    field[..digits].copy_from_slice(&text.as_bytes()[text.len() - digits..]);
    field[digits] = 0;
}

fn header(name: &str, size: u64, dir: bool, mtime: u64) -> [u8; BLOCK] {
    let mut h = [0u8; BLOCK];
    h[..name.len()].copy_from_slice(name.as_bytes());
    octal(&mut h[100..108], if dir { 0o700 } else { 0o600 });
    octal(&mut h[108..116], 0);
    octal(&mut h[116..124], 0);
    octal(&mut h[124..136], size);
    octal(&mut h[136..148], mtime);
    h[156] = if dir { b'5' } else { b'0' };
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[148..156].copy_from_slice(b"        ");
    let sum: u64 = h.iter().map(|&b| u64::from(b)).sum();
    let text = format!("{sum:06o}\0 ");
    h[148..156].copy_from_slice(text.as_bytes());
    h
}

impl<W: Write> TarWriter<W> {
    /// Starts the archive with the folder `folder` (a plain name); `mtime` in Unix seconds.
    pub fn new(mut w: W, folder: &str, mtime: u64) -> std::io::Result<TarWriter<W>> {
        if !plain_name(folder) || folder.len() > 60 {
            return Err(std::io::Error::other(format!(
                "{folder:?} cannot name a sealed batch's folder"
            )));
        }
        w.write_all(&header(&format!("{folder}/"), 0, true, mtime))?;
        Ok(TarWriter {
            w,
            folder: folder.to_owned(),
            mtime,
        })
    }

    /// Appends the file `name` of exactly `size` bytes read from `data`.
    pub fn file(&mut self, name: &str, size: u64, data: &mut dyn Read) -> std::io::Result<()> {
        let full = format!("{}/{name}", self.folder);
        if !plain_name(name) || full.len() >= 100 {
            return Err(std::io::Error::other(format!(
                "{name:?} cannot be a file of a sealed batch"
            )));
        }
        self.w.write_all(&header(&full, size, false, self.mtime))?;
        let copied = std::io::copy(&mut data.take(size), &mut self.w)?;
        if copied != size {
            return Err(std::io::Error::other(format!(
                "{name} changed while it was being sealed ({copied} bytes, not {size})"
            )));
        }
        let pad = (BLOCK - (size % BLOCK as u64) as usize) % BLOCK;
        self.w.write_all(&[0u8; BLOCK][..pad])
    }

    /// Ends the archive (two empty blocks) and gives the writer back.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.w.write_all(&[0u8; 2 * BLOCK])?;
        Ok(self.w)
    }
}

/// An identity that unwraps the file key once and then hands out the key it found, so that a
/// sealed batch read many times costs one scrypt (or X25519) unwrapping.
struct OnceKey {
    identities: Vec<Box<dyn age::Identity + Send + Sync>>,
    key: Mutex<Option<zeroize::Zeroizing<[u8; 16]>>>,
}

impl age::Identity for OnceKey {
    fn unwrap_stanza(&self, stanza: &Stanza) -> Option<Result<FileKey, age::DecryptError>> {
        self.unwrap_stanzas(std::slice::from_ref(stanza))
    }

    fn unwrap_stanzas(&self, stanzas: &[Stanza]) -> Option<Result<FileKey, age::DecryptError>> {
        let mut kept = self.key.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(k) = kept.as_ref() {
            return Some(Ok(FileKey::new(Box::new(**k))));
        }
        for id in &self.identities {
            if let Some(found) = id.unwrap_stanzas(stanzas) {
                if let Ok(k) = &found {
                    *kept = Some(zeroize::Zeroizing::new(*k.expose_secret()));
                }
                return Some(found);
            }
        }
        None
    }
}

/// The keys a sealed batch may be opened with: this database's age identity, and a
/// passphrase (for batches sealed without recipients).
#[derive(Default)]
pub struct Keys {
    pub identity: Option<age::x25519::Identity>,
    pub passphrase: Option<crate::store::Passphrase>,
}

/// Why a sealed batch could not be opened, as the sentence a lead reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unopened(pub String);

/// A sealed batch, opened: its members listed, its file key in memory.
pub struct Sealed {
    path: PathBuf,
    key: OnceKey,
    /// The folder the archive holds.
    folder: String,
    /// Each file: where its bytes start in the archive, and how many there are.
    members: BTreeMap<String, (u64, u64)>,
}

impl std::fmt::Debug for Sealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sealed")
            .field("path", &self.path)
            .field("folder", &self.folder)
            .finish()
    }
}

type Stream = age::stream::StreamReader<BufReader<File>>;

/// Whether the sealed file at `path` was sealed with a passphrase (not to recipients).
pub fn needs_passphrase(path: &Path) -> Result<bool, Unopened> {
    let (file, _) = open_path(path).map_err(|r| Unopened(r.message()))?;
    let d = age::Decryptor::new_buffered(BufReader::new(file)).map_err(|e| describe(&e, false))?;
    Ok(d.is_scrypt())
}

fn describe(e: &age::DecryptError, scrypt: bool) -> Unopened {
    use age::DecryptError as D;
    Unopened(
        match e {
            D::NoMatchingKeys => {
                "cannot be opened here: it was sealed to other keys than this database's (ask the monitor to add this database's recipient from `courtwatch keys show --recipient`, then export again)"
            }
            D::DecryptionFailed | D::KeyDecryptionFailed if scrypt => {
                "cannot be opened: the batch passphrase is wrong"
            }
            D::DecryptionFailed | D::KeyDecryptionFailed => {
                "cannot be opened: this database's key does not open it"
            }
            D::InvalidHeader | D::UnknownFormat => {
                "is not a sealed courtwatch batch (not an age file), or its beginning is damaged"
            }
            D::InvalidMac => "was altered: its header does not match its seal",
            D::ExcessiveWork { .. } => {
                "asks for more passphrase work than this program allows; it was not opened"
            }
            D::Io(_) => "cannot be read: it is damaged or truncated",
            _ => "cannot be opened",
        }
        .to_owned(),
    )
}

/// A failed read inside the sealed stream, as the sentence a lead reads.
fn checked(_e: std::io::Error) -> std::io::Error {
    std::io::Error::other(
        "the sealed file is damaged, truncated or was altered after it was sealed: its ciphertext does not check",
    )
}

/// A file of a sealed batch being read: a failed read says what it means.
struct Checked<R>(R);

impl<R: Read> Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf).map_err(checked)
    }
}

/// The sentence for a failed read inside the sealed stream: age reports altered or cut-off
/// ciphertext as a read error.
fn damaged(_e: std::io::Error) -> Unopened {
    Unopened(
        "is damaged, truncated or was altered after it was sealed: its ciphertext does not check"
            .to_owned(),
    )
}

fn parse_octal(field: &[u8]) -> Option<u64> {
    let text: &[u8] = field
        .split(|&b| b == 0 || b == b' ')
        .find(|s| !s.is_empty())
        .unwrap_or(&[]);
    if text.is_empty() {
        return Some(0);
    }
    u64::from_str_radix(std::str::from_utf8(text).ok()?, 8).ok()
}

fn text_field(field: &[u8]) -> Option<&str> {
    let end = field.iter().position(|&b| b == 0).unwrap_or(field.len());
    std::str::from_utf8(&field[..end]).ok()
}

/// What a tar type flag is, in words, for the refusal.
fn what_type(flag: u8) -> &'static str {
    match flag {
        b'1' => "a hard link",
        b'2' => "a symbolic link",
        b'3' | b'4' => "a device",
        b'6' => "a named pipe (FIFO)",
        b'x' | b'g' => "extended (pax) headers",
        b'L' | b'K' => "a long-name header",
        _ => "an entry of an unknown kind",
    }
}

impl Sealed {
    /// Opens the sealed batch at `path` with `keys`: the file key is unwrapped, and the
    /// archive's headers are read to list its files. Refused, with the reason in words, when
    /// no key opens it, when it is damaged or truncated, or when it holds anything but a
    /// batch's own files in one folder.
    pub fn open(path: &Path, keys: Keys) -> Result<Sealed, Unopened> {
        let mut identities: Vec<Box<dyn age::Identity + Send + Sync>> = Vec::new();
        if let Some(id) = keys.identity {
            identities.push(Box::new(id));
        }
        let scrypt = needs_passphrase(path)?;
        if scrypt {
            match keys.passphrase {
                Some(p) => identities.push(Box::new(age::scrypt::Identity::new(
                    age::secrecy::SecretString::from(p.as_str().to_owned()),
                ))),
                None => {
                    return Err(Unopened(
                        "was sealed with a passphrase: give it (set COURTWATCH_BATCH_PASSPHRASE, or type it when asked)".into(),
                    ));
                }
            }
        } else if identities.is_empty() {
            return Err(Unopened(
                "is sealed to a lead's key, and this database has none: it is not a lead's database (make one with `courtwatch keys show --recipient`)".into(),
            ));
        }
        let mut sealed = Sealed {
            path: path.to_owned(),
            key: OnceKey {
                identities,
                key: Mutex::new(None),
            },
            folder: String::new(),
            members: BTreeMap::new(),
        };
        sealed.list()?;
        Ok(sealed)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The name of the folder sealed inside.
    pub fn folder(&self) -> &str {
        &self.folder
    }

    fn stream(&self) -> Result<Stream, Unopened> {
        let (file, _) = open_path(&self.path).map_err(|r| Unopened(r.message()))?;
        let d = age::Decryptor::new_buffered(BufReader::with_capacity(1 << 16, file))
            .map_err(|e| describe(&e, false))?;
        let scrypt = d.is_scrypt();
        d.decrypt(std::iter::once(&self.key as &dyn age::Identity))
            .map_err(|e| describe(&e, scrypt))
    }

    /// Reads the archive's headers, skipping over the files' bytes.
    fn list(&mut self) -> Result<(), Unopened> {
        let mut s = self.stream()?;
        let allowed = batch_files();
        let mut block = [0u8; BLOCK];
        let mut at: u64 = 0;
        let mut first = true;
        let refuse = |m: String| Err(Unopened(m));
        loop {
            s.read_exact(&mut block).map_err(|e| {
                if e.kind() == std::io::ErrorKind::UnexpectedEof {
                    Unopened("is truncated: the archive inside ends before its end mark".into())
                } else {
                    damaged(e)
                }
            })?;
            at += BLOCK as u64;
            if block.iter().all(|&b| b == 0) {
                break;
            }
            let stored = parse_octal(&block[148..156]);
            let mut copy = block;
            copy[148..156].copy_from_slice(b"        ");
            let sum: u64 = copy.iter().map(|&b| u64::from(b)).sum();
            if stored != Some(sum) || &block[257..262] != b"ustar" {
                return refuse("holds no courtwatch batch: its archive is not in the ustar format courtwatch writes".into());
            }
            let (Some(name), Some(prefix)) =
                (text_field(&block[..100]), text_field(&block[345..500]))
            else {
                return refuse("holds a file name that is not UTF-8 text".into());
            };
            let full = if prefix.is_empty() {
                name.to_owned()
            } else {
                format!("{prefix}/{name}")
            };
            let shown = super::printable(&full).into_owned();
            let flag = block[156];
            let Some(size) = parse_octal(&block[124..136]) else {
                return refuse(format!("holds {shown} with an unreadable size"));
            };
            if first {
                first = false;
                let folder = full.strip_suffix('/').unwrap_or(&full);
                if flag != b'5' || !plain_name(folder) || !folder.starts_with("courtwatch-") {
                    return refuse(format!(
                        "does not begin with a batch folder (courtwatch-…) but with {shown}; a sealed batch holds one folder and its files"
                    ));
                }
                self.folder = folder.to_owned();
                continue;
            }
            let inside = full
                .strip_prefix(&self.folder)
                .and_then(|r| r.strip_prefix('/'));
            let Some(file) = inside.filter(|f| plain_name(f)) else {
                return refuse(format!(
                    "holds {shown}, a path outside the batch folder {}; it was not opened",
                    self.folder
                ));
            };
            if flag != b'0' && flag != 0 {
                return refuse(format!(
                    "holds {shown}, which is {}, not a plain file; a sealed batch holds only plain files",
                    what_type(flag)
                ));
            }
            if !allowed.iter().any(|a| a == file) {
                return refuse(format!(
                    "holds {shown}, which is not a file of a batch; a sealed batch holds only the batch's own files"
                ));
            }
            if self.members.insert(file.to_owned(), (at, size)).is_some() {
                return refuse(format!("holds {shown} twice"));
            }
            let padded = size.div_ceil(BLOCK as u64) * BLOCK as u64;
            at += padded;
            s.seek(SeekFrom::Start(at)).map_err(damaged)?;
        }
        // The rest must be the end mark's padding, and the stream must end where its last
        // chunk says (a truncated or extended ciphertext fails here).
        let mut rest = Vec::new();
        s.read_to_end(&mut rest).map_err(damaged)?;
        if rest.iter().any(|&b| b != 0) {
            return refuse("holds data after the end of its archive".into());
        }
        Ok(())
    }

    /// The size of the file `name`, if the archive holds it.
    pub fn size(&self, name: &str) -> Option<u64> {
        self.members.get(name).map(|&(_, n)| n)
    }

    /// The file `name`, decrypted as it is read.
    pub fn open_file(&self, name: &str) -> Result<(Opened, u64), Refused> {
        let Some(&(start, size)) = self.members.get(name) else {
            return Err(Refused::Missing);
        };
        let mut s = self
            .stream()
            .map_err(|u| Refused::Io(std::io::Error::other(u.0)))?;
        s.seek(SeekFrom::Start(start))
            .map_err(|e| Refused::Io(checked(e)))?;
        Ok((Box::new(Checked(s.take(size))), size))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_ustar_with_a_valid_checksum() {
        let h = header(
            "courtwatch-M07-000001-20261207T100000/hearings.csv",
            1234,
            false,
            1,
        );
        assert_eq!(&h[257..263], b"ustar\0");
        assert_eq!(parse_octal(&h[124..136]), Some(1234));
        let mut copy = h;
        copy[148..156].copy_from_slice(b"        ");
        let sum: u64 = copy.iter().map(|&b| u64::from(b)).sum();
        assert_eq!(parse_octal(&h[148..156]), Some(sum));
    }
}
