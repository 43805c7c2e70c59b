//! Writing a batch: choose the hearings, stream every table to its CSV file (memory stays flat
//! whatever the database size), describe the files (codebook, datapackage, manifest,
//! SHA256SUMS), record the batch and seal what left, then rename the folder into place.
//!
//! Atomicity: everything is written under `.<name>.partial`; the batch is recorded in a
//! transaction that commits only once the folder has been renamed to `<name>` (and the rename
//! synced): a batch counts as written when its folder has its final name. Killed or failing
//! before that, an export leaves the database as it was, so the next one sends the same
//! hearings under the same number (no gap for the lead to wait for), and it removes the hidden
//! `.partial` folders left (they may hold unredacted data). Should the process die in the
//! instant between the rename and the commit, the folder is whole and the next export takes
//! the number after it (`next_free_seq`), so no number is used twice.
//! Rows are ordered by their parent's UUID and then their own key, which gives the same bytes
//! for the same data in any database.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::courts::{self, COURTS};
use super::joins::{self, JOINS};
use super::manifest::{FileEntry, Manifest, MonitorRef, Scope, ScopeKind};
use super::outlog::{self, OUTPUTS};
use super::redact::Redactor;
use super::rows::{Layout, Row, Table, layout, write_cells};
use super::sealed;
use super::{
    BOM, CODEBOOK, DATAPACKAGE, FORMAT, FORMAT_VERSION, MANIFEST, Profile, SUMS, codebook,
    datapackage, guard,
};
use crate::error::{Error, Result};
use crate::store::{
    BatchOut, ExportRow, Exporting, Filter, OutputEntry, OutputKind, SCHEMA_VERSION, Store,
};

/// What to export and how.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The folder the batch folder is created in.
    pub out: PathBuf,
    pub scope: ScopeKind,
    /// Which hearings (dates, court, monitor, …); drafts are never exported.
    pub filter: Filter,
    pub profile: Profile,
    pub redact: bool,
    /// How the batch leaves: sealed in one file, or (only when asked) as a plain folder.
    pub seal: Seal,
}

/// How a batch is written (DESIGN.md §4 "Sealed batches").
#[derive(Debug, Clone)]
pub enum Seal {
    /// One file, encrypted with age to these recipients (`age1…`, the roster's leads).
    Recipients(Vec<String>),
    /// One file, encrypted with age to a passphrase (when no recipient is set up).
    Passphrase(crate::store::Passphrase),
    /// A folder of plain files: only with `--plaintext`, after a warning.
    Plaintext,
}

/// A batch written.
#[derive(Debug, Clone)]
pub struct Exported {
    pub path: PathBuf,
    pub manifest: Manifest,
}

/// A file being written, hashed and counted on the way.
struct Hashing<W: Write> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A file of the batch being written: plain, or (for a sealed batch) encrypted to a key that
/// lives only in this process's memory until the pieces are sealed into one file, so that no
/// plaintext touches the disk.
enum FileOut {
    Plain(BufWriter<File>),
    Scratch(age::stream::StreamWriter<BufWriter<File>>),
}

impl FileOut {
    fn create(path: &Path, scratch: Option<&age::x25519::Recipient>) -> Result<FileOut> {
        let file = File::create(path).map_err(|e| Error::io(path, e))?;
        let w = BufWriter::with_capacity(1 << 16, file);
        match scratch {
            None => Ok(FileOut::Plain(w)),
            Some(r) => age::Encryptor::with_recipients(std::iter::once(r as &dyn age::Recipient))
                .map_err(|e| Error::Invalid(format!("cannot encrypt {}: {e}", path.display())))?
                .wrap_output(w)
                .map(FileOut::Scratch)
                .map_err(|e| Error::io(path, e)),
        }
    }

    /// Flushes, finishes the encryption and syncs to disk.
    fn finish(self, path: &Path) -> Result<()> {
        let w = match self {
            FileOut::Plain(w) => w,
            FileOut::Scratch(s) => s.finish().map_err(|e| Error::io(path, e))?,
        };
        let file = w
            .into_inner()
            .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
        file.sync_all().map_err(|e| Error::io(path, e))
    }
}

impl Write for FileOut {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            FileOut::Plain(w) => w.write(buf),
            FileOut::Scratch(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            FileOut::Plain(w) => w.flush(),
            FileOut::Scratch(w) => w.flush(),
        }
    }
}

/// One CSV file of the batch.
struct CsvOut {
    name: String,
    path: PathBuf,
    w: csv::Writer<Hashing<FileOut>>,
    guard: bool,
    rows: u64,
}

impl CsvOut {
    fn create(
        dir: &Path,
        name: &str,
        profile: Profile,
        scratch: Option<&age::x25519::Recipient>,
    ) -> Result<CsvOut> {
        let path = dir.join(name);
        let mut inner = Hashing {
            inner: FileOut::create(&path, scratch)?,
            hasher: Sha256::new(),
            bytes: 0,
        };
        if profile.bom() {
            inner.write_all(BOM).map_err(|e| Error::io(&path, e))?;
        }
        let w = csv::WriterBuilder::new()
            .delimiter(profile.delimiter())
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(inner);
        Ok(CsvOut {
            name: name.to_owned(),
            path,
            w,
            guard: profile.formula_guard(),
            rows: 0,
        })
    }

    fn err(&self, e: csv::Error) -> Error {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::io(&self.path, io),
            other => Error::Invalid(format!("{}: {other:?}", self.path.display())),
        }
    }

    fn header(&mut self, cells: &[&str]) -> Result<()> {
        self.w.write_record(cells).map_err(|e| self.err(e))
    }

    /// Writes one data row from its cells.
    fn row<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) -> Result<()> {
        let mut result = Ok(());
        for c in cells {
            let c = if self.guard {
                guard(c)
            } else {
                std::borrow::Cow::Borrowed(c)
            };
            if let Err(e) = self.w.write_field(c.as_bytes()) {
                result = Err(e);
                break;
            }
        }
        result
            .and_then(|()| self.w.write_record(None::<&[u8]>))
            .map_err(|e| self.err(e))?;
        self.rows += 1;
        Ok(())
    }

    fn record(&mut self, layout: &Layout<'_>, row: &Row) -> Result<()> {
        let guarded = self.guard;
        let w = &mut self.w;
        let mut result = Ok(());
        write_cells(layout, row, |c| {
            if result.is_ok() {
                let c = if guarded {
                    guard(c)
                } else {
                    std::borrow::Cow::Borrowed(c)
                };
                result = w.write_field(c.as_bytes());
            }
        });
        result
            .and_then(|()| w.write_record(None::<&[u8]>))
            .map_err(|e| self.err(e))?;
        self.rows += 1;
        Ok(())
    }

    /// Flushes, syncs to disk and returns the manifest entry.
    fn finish(self) -> Result<FileEntry> {
        let path = self.path.clone();
        let hashing = self
            .w
            .into_inner()
            .map_err(|e| Error::io(&path, std::io::Error::other(e.to_string())))?;
        let Hashing {
            inner,
            hasher,
            bytes,
        } = hashing;
        inner.finish(&path)?;
        Ok(FileEntry {
            name: self.name,
            rows: self.rows,
            bytes,
            sha256: crate::domain::hex(&hasher.finalize()),
        })
    }
}

/// Writes a small file whole and returns its SHA-256.
fn write_small(
    dir: &Path,
    name: &str,
    bytes: &[u8],
    scratch: Option<&age::x25519::Recipient>,
) -> Result<String> {
    let path = dir.join(name);
    let mut f = FileOut::create(&path, scratch)?;
    f.write_all(bytes).map_err(|e| Error::io(&path, e))?;
    f.finish(&path)?;
    Ok(crate::domain::sha256_hex(bytes))
}

/// The age encryptor for `seal`: to its recipients, or to its passphrase. A printout is sealed
/// the same way as a batch.
pub fn encryptor(seal: &Seal) -> Result<age::Encryptor> {
    match seal {
        Seal::Recipients(list) => {
            let mut recipients = Vec::new();
            for r in list {
                recipients.push(r.parse::<age::x25519::Recipient>().map_err(|e| {
                    Error::Invalid(format!("the recipient {r} is not usable: {e}"))
                })?);
            }
            age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|e| Error::Invalid(format!("cannot seal: {e}")))
        }
        Seal::Passphrase(p) => Ok(age::Encryptor::with_user_passphrase(
            age::secrecy::SecretString::from(p.as_str().to_owned()),
        )),
        Seal::Plaintext => Err(Error::Invalid("plain text is not sealed".into())),
    }
}

/// What the output log says a file sealed as `seal` says was sealed to.
pub fn sealed_to(seal: &Seal) -> String {
    match seal {
        Seal::Recipients(list) => Store::sealed_to_recipients(list),
        Seal::Passphrase(_) => "passphrase".into(),
        Seal::Plaintext => String::new(),
    }
}

/// Seals the batch written (encrypted to `scratch`) in `partial` into the one file `sealed`:
/// a tar archive of the folder `name`, encrypted with age as `seal` says. `files` gives each
/// file's name and size, in the archive's order.
fn seal_into(
    partial: &Path,
    scratch: &age::x25519::Identity,
    sealed: &Path,
    name: &str,
    files: &[(String, u64)],
    seal: &Seal,
    mtime: u64,
) -> Result<String> {
    let fail = |e: std::io::Error| Error::io(sealed, e);
    let encryptor = encryptor(seal)?;
    // Hashed as it is written: the output log's SHA-256 without reading the file again.
    let file = Hashing {
        inner: crate::store::create_private(sealed)?,
        hasher: Sha256::new(),
        bytes: 0,
    };
    let w = encryptor
        .wrap_output(BufWriter::with_capacity(1 << 16, file))
        .map_err(fail)?;
    let mut tar = sealed::TarWriter::new(w, name, mtime).map_err(fail)?;
    for (member, size) in files {
        let path = partial.join(member);
        let (piece, _) = super::verify::open_path(&path)
            .map_err(|r| Error::Invalid(format!("{}: {}", path.display(), r.message())))?;
        let mut plain =
            age::Decryptor::new_buffered(std::io::BufReader::with_capacity(1 << 16, piece))
                .and_then(|d| d.decrypt(std::iter::once(scratch as &dyn age::Identity)))
                .map_err(|e| {
                    Error::Invalid(format!("{}: cannot be read back: {e}", path.display()))
                })?;
        tar.file(member, *size, &mut plain).map_err(fail)?;
    }
    let w = tar.finish().map_err(fail)?.finish().map_err(fail)?;
    let file = w
        .into_inner()
        .map_err(|e| fail(std::io::Error::other(e.to_string())))?;
    file.inner.sync_all().map_err(fail)?;
    Ok(crate::domain::hex(&file.hasher.finalize()))
}

fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(dir, e))
}

/// A record read for the batch, as the batch's row.
fn batch_row(r: ExportRow) -> Row {
    match r {
        ExportRow::Hearing(r) => Row::Hearing(r),
        ExportRow::Case(r) => Row::Case(r),
        ExportRow::Party(r) => Row::Party(r),
        ExportRow::HearingParty(r) => Row::HearingParty(r),
        ExportRow::Charge(r) => Row::Charge(r),
        ExportRow::Answer(r) => Row::Answer(r),
        ExportRow::Allegation(r) => Row::Allegation(r),
        ExportRow::Followup(r) => Row::Followup(r),
        ExportRow::Event(r) => Row::Event(r),
        ExportRow::Consent(r) => Row::Consent(r),
        ExportRow::Audit(r) => Row::Audit(r),
    }
}

fn redact_row(redactor: &Redactor, row: &mut Row) {
    match row {
        Row::Hearing(r) => redactor.fields(&mut r.fields),
        Row::Case(r) => redactor.fields(&mut r.fields),
        Row::Party(r) => redactor.fields(&mut r.fields),
        Row::HearingParty(r) => redactor.fields(&mut r.fields),
        Row::Charge(r) => redactor.fields(&mut r.fields),
        Row::Allegation(r) => redactor.fields(&mut r.fields),
        Row::Followup(r) => redactor.fields(&mut r.fields),
        Row::Consent(r) => redactor.fields(&mut r.fields),
        Row::Audit(r) => redactor.audit(r),
        Row::Answer(_) | Row::Event(_) => {}
    }
}

/// Rows handed from the reading thread to the writing one at a time.
const ROWS_PER_HANDOVER: usize = 256;

/// Streams one table into its file: this thread reads the rows (SQLite decrypting pages and
/// the fields parsed), a second one formats, hashes and writes them, which would otherwise
/// take a third of the time.
fn write_table(
    ex: &Exporting<'_>,
    dir: &Path,
    layout: &Layout<'_>,
    profile: Profile,
    redactor: Option<&Redactor>,
    scratch: Option<&age::x25519::Recipient>,
) -> Result<FileEntry> {
    let mut out = CsvOut::create(dir, &layout.table.file(), profile, scratch)?;
    out.header(&layout.header())?;
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Row>>(2);
        let writer = scope.spawn(move || -> Result<CsvOut> {
            for chunk in receive {
                for row in &chunk {
                    out.record(layout, row)?;
                }
            }
            Ok(out)
        });
        let mut chunk = Vec::with_capacity(ROWS_PER_HANDOVER);
        let read = ex.rows(layout.table.name(), &mut |r| {
            let mut row = batch_row(r);
            if let Some(redactor) = redactor {
                redact_row(redactor, &mut row);
            }
            chunk.push(row);
            if chunk.len() == ROWS_PER_HANDOVER {
                let full = std::mem::replace(&mut chunk, Vec::with_capacity(ROWS_PER_HANDOVER));
                // The writer stopped: its error is returned below.
                send.send(full)
                    .map_err(|_| Error::Invalid("writing stopped".into()))?;
            }
            Ok(())
        });
        if read.is_ok() {
            // An error here is the writer's, returned below.
            let _ = send.send(chunk);
        }
        drop(send);
        let out = writer
            .join()
            .map_err(|_| Error::Invalid(format!("writing {} failed", layout.table.file())))??;
        read?;
        out.finish()
    })
}

fn scope_of(opts: &ExportOptions) -> Scope {
    let f = &opts.filter;
    let mut filters = Vec::new();
    let mut add = |name: &str, v: &Option<String>| {
        if let Some(v) = v {
            filters.push(format!("{name}={v}"));
        }
    };
    add("court", &f.court);
    add("region", &f.region);
    add("judge", &f.judge);
    add("monitor", &f.monitor);
    add("tag", &f.tag);
    add("article", &f.article);
    add("status", &f.status.map(|s| s.code().to_owned()));
    add("search", &f.search);
    Scope {
        kind: opts.scope,
        from: f.from.clone(),
        to: f.to.clone(),
        filters,
    }
}

/// Writes a batch; `Ok(None)` when no hearing is in scope (nothing is written then, and no
/// sequence number is used). `progress` hears the name and row count of each file written.
pub fn export(
    store: &Store,
    opts: &ExportOptions,
    progress: &mut dyn FnMut(&str, u64),
) -> Result<Option<Exported>> {
    let me = store.profile().cloned().ok_or(Error::NoProfile)?;
    let spec = store.spec();
    let ex = store.exporting()?;
    let hearings = store.export_candidates(&opts.filter, opts.scope == ScopeKind::SinceLast)?;
    // A join made or split since the last batch travels even without a hearing.
    if hearings.is_empty() && (opts.redact || !store.joins_changed_since_last_batch()?) {
        return Ok(None);
    }
    std::fs::create_dir_all(&opts.out).map_err(|e| Error::io(&opts.out, e))?;
    remove_partials(&opts.out)?;
    let seq = next_free_seq(
        &opts.out,
        &me.code,
        opts.redact,
        store.next_export_seq(me.uuid, opts.redact)?,
    );
    let now = store.now();
    let created_at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let batch_id = store.new_id();
    let device_id = store.device_id()?;
    let name = super::manifest::folder_name(
        &me.code,
        seq,
        opts.redact,
        &now.format("%Y%m%dT%H%M%S").to_string(),
    );
    let sealing = !matches!(opts.seal, Seal::Plaintext);
    // What leaves: the folder, or one sealed file named like it.
    let final_path = if sealing {
        opts.out.join(format!("{name}.{}", sealed::EXTENSION))
    } else {
        opts.out.join(&name)
    };
    if final_path.exists() {
        return Err(Error::AlreadyExists(final_path));
    }
    let partial = opts.out.join(format!(".{name}.partial"));
    if partial.exists() {
        std::fs::remove_dir_all(&partial).map_err(|e| Error::io(&partial, e))?;
    }
    std::fs::create_dir(&partial).map_err(|e| Error::io(&partial, e))?;
    let sealed_partial = opts
        .out
        .join(format!(".{name}.{}.partial", sealed::EXTENSION));
    // A sealed batch's pieces are encrypted to a key held only in memory until sealed.
    let scratch = sealing.then(age::x25519::Identity::generate);
    let scratch_to = scratch.as_ref().map(age::x25519::Identity::to_public);
    let scratch_to = scratch_to.as_ref();

    let written = (|| -> Result<(Manifest, String)> {
        let signer = store.signing_key_or_make()?;
        let redactor = if opts.redact {
            Some(Redactor::new(spec, &store.redaction_key()?))
        } else {
            None
        };
        let omitted: BTreeSet<String> = redactor
            .as_ref()
            .map(|r| r.omitted.clone())
            .unwrap_or_default();
        ex.select(&hearings)?;
        let monitors = ex
            .monitors()?
            .into_iter()
            .map(|m| MonitorRef {
                uuid: m.uuid,
                code: m.code,
                name: if opts.redact { String::new() } else { m.name },
            })
            .collect();
        let mut files = Vec::new();
        for table in Table::ALL {
            let l = layout(spec, table, &omitted);
            let entry = write_table(
                &ex,
                &partial,
                &l,
                opts.profile,
                redactor.as_ref(),
                scratch_to,
            )?;
            progress(&entry.name, entry.rows);
            files.push(entry);
        }
        ex.unselect();
        // The courts monitors added travel with every batch once there is one.
        let courts = store.user_courts()?;
        if !courts.is_empty() {
            let mut out = CsvOut::create(&partial, COURTS, opts.profile, scratch_to)?;
            out.header(&courts::HEADER)?;
            for c in &courts {
                out.row(courts::cells(c))?;
            }
            let entry = out.finish()?;
            progress(&entry.name, entry.rows);
            files.push(entry);
        }
        // So do the joins of case records: a join is made after both records travelled.
        let joins = store.all_joins()?;
        if !joins.is_empty() {
            let mut out = CsvOut::create(&partial, JOINS, opts.profile, scratch_to)?;
            out.header(&joins::HEADER)?;
            for j in &joins {
                out.row(joins::cells(j).iter().map(String::as_str))?;
            }
            let entry = out.finish()?;
            progress(&entry.name, entry.rows);
            files.push(entry);
        }
        // And the output log: what left this database before this batch (DESIGN.md §6).
        let log = store.outputs_oldest_first()?;
        if !log.is_empty() {
            let mut out = CsvOut::create(&partial, OUTPUTS, opts.profile, scratch_to)?;
            out.header(&outlog::HEADER)?;
            for e in &log {
                out.row(outlog::cells(e).iter().map(String::as_str))?;
            }
            let entry = out.finish()?;
            progress(&entry.name, entry.rows);
            files.push(entry);
        }
        let mut cb = CsvOut::create(&partial, CODEBOOK, opts.profile, scratch_to)?;
        cb.header(&codebook::HEADER)?;
        for r in codebook::rows(spec, &omitted) {
            cb.row(r.iter().map(String::as_str))?;
        }
        let entry = cb.finish()?;
        progress(&entry.name, entry.rows);
        files.push(entry);

        let manifest = Manifest {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            batch_id,
            app_version: env!("CARGO_PKG_VERSION").into(),
            schema_version: SCHEMA_VERSION,
            form_versions: spec.versions().into_iter().collect(),
            monitor: MonitorRef {
                uuid: me.uuid,
                code: me.code.clone(),
                name: if opts.redact {
                    String::new()
                } else {
                    me.name.clone()
                },
            },
            monitors,
            device_id,
            seq,
            created_at: created_at.clone(),
            scope: scope_of(opts),
            profile: opts.profile,
            delimiter: (opts.profile.delimiter() as char).to_string(),
            bom: opts.profile.bom(),
            formula_guard: opts.profile.formula_guard(),
            redacted: opts.redact,
            redaction: redactor.as_ref().map(Redactor::describe),
            hearings: hearings.len() as u64,
            signing_key: Some(signer.public_text()),
            files,
        };
        let package = datapackage::descriptor(
            spec,
            &name,
            &created_at,
            opts.profile,
            &omitted,
            &manifest.files,
        );
        let mut sums = String::new();
        for f in &manifest.files {
            sums.push_str(&format!("{}  {}\n", f.sha256, f.name));
        }
        let package = pretty(&package)?;
        let sha = write_small(&partial, DATAPACKAGE, &package, scratch_to)?;
        sums.push_str(&format!("{sha}  {DATAPACKAGE}\n"));
        let manifest_bytes = pretty(&manifest)?;
        let sha = write_small(&partial, MANIFEST, &manifest_bytes, scratch_to)?;
        sums.push_str(&format!("{sha}  {MANIFEST}\n"));
        let signature = signer.sign(&manifest_bytes, &sealed::trusted_comment(&manifest))?;
        write_small(
            &partial,
            sealed::SIGNATURE,
            signature.as_bytes(),
            scratch_to,
        )?;
        write_small(&partial, SUMS, sums.as_bytes(), scratch_to)?;
        sync_dir(&partial)?;
        // What the output log records: a plain folder by its SHA256SUMS, which covers the rest.
        let mut sha = crate::domain::sha256_hex(sums.as_bytes());
        if let Some(scratch) = &scratch {
            // The manifest and its signature first, so a reader of the stream knows the
            // batch before its data.
            let mut members = vec![
                (MANIFEST.to_owned(), manifest_bytes.len() as u64),
                (sealed::SIGNATURE.to_owned(), signature.len() as u64),
                (SUMS.to_owned(), sums.len() as u64),
                (DATAPACKAGE.to_owned(), package.len() as u64),
            ];
            members.extend(manifest.files.iter().map(|f| (f.name.clone(), f.bytes)));
            let mtime = u64::try_from(now.timestamp()).unwrap_or(0);
            sha = seal_into(
                &partial,
                scratch,
                &sealed_partial,
                &name,
                &members,
                &opts.seal,
                mtime,
            )?;
            std::fs::remove_dir_all(&partial).map_err(|e| Error::io(&partial, e))?;
        }
        Ok((manifest, sha))
    })();
    let (manifest, sha) = match written {
        Ok(m) => m,
        Err(e) => {
            ex.unselect();
            let _ = std::fs::remove_dir_all(&partial);
            let _ = std::fs::remove_file(&sealed_partial);
            return Err(e);
        }
    };
    let ready = if sealing { &sealed_partial } else { &partial };
    let mut entry = OutputEntry::new(OutputKind::Batch, &final_path, sealing, opts.redact, sha);
    entry.sealed_to = sealed_to(&opts.seal);
    entry.at = created_at.clone();
    let recorded = ex.commit(
        &BatchOut {
            batch_id,
            monitor_uuid: me.uuid,
            seq,
            created_at: created_at.clone(),
            name: name.clone(),
            scope: match opts.scope {
                ScopeKind::All => "all".into(),
                ScopeKind::SinceLast => "since_last".into(),
            },
            profile: opts.profile.code().into(),
            redacted: opts.redact,
            hearings: hearings.len() as u64,
        },
        &hearings,
        &entry,
        || {
            std::fs::rename(ready, &final_path)
                .map_err(|e| Error::io(&final_path, e))
                .and_then(|()| sync_dir(&opts.out))
        },
    );
    if let Err(e) = recorded {
        // Not recorded: no folder or file may look finished.
        let _ = std::fs::rename(&final_path, ready);
        let _ = std::fs::remove_dir_all(&partial);
        let _ = std::fs::remove_file(&sealed_partial);
        if sealing {
            let _ = std::fs::remove_file(&final_path);
        } else {
            let _ = std::fs::remove_dir_all(&final_path);
        }
        return Err(e);
    }
    Ok(Some(Exported {
        path: final_path,
        manifest,
    }))
}

/// Removes the hidden `.courtwatch-….partial` folders (and sealed files) that interrupted exports left in `out`.
fn remove_partials(out: &Path) -> Result<()> {
    for entry in std::fs::read_dir(out).map_err(|e| Error::io(out, e))? {
        let entry = entry.map_err(|e| Error::io(out, e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".courtwatch-") && name.ends_with(".partial") {
            let path = entry.path();
            let removed = if entry.file_type().is_ok_and(|t| t.is_dir()) {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
            removed.map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}

/// `next`, or the number after the highest one of this monitor's batch folders of the same
/// kind (redacted or not) in `out` when a folder already has it (a batch whose recording was
/// cut off after its rename). A folder whose manifest says it is of the other kind (redacted
/// batches written before they had their own series) does not count.
fn next_free_seq(out: &Path, code: &str, redacted: bool, next: u32) -> u32 {
    let prefix = super::manifest::folder_name(code, 0, redacted, "");
    let prefix = prefix.trim_end_matches("000000-");
    let Ok(entries) = std::fs::read_dir(out) else {
        return next;
    };
    entries
        .filter_map(|e| {
            let e = e.ok()?;
            let name = e.file_name().into_string().ok()?;
            let rest = name.strip_prefix(prefix)?;
            let seq = rest.split('-').next()?.parse::<u32>().ok()?;
            let same_kind = folder_is_redacted(&e.path()).unwrap_or(redacted) == redacted;
            (seq >= next && same_kind).then_some(seq)
        })
        .max()
        .map_or(next, |seq| seq + 1)
}

/// What the manifest of a batch folder says about redaction; `None` when it cannot be read.
fn folder_is_redacted(dir: &Path) -> Option<bool> {
    use std::io::Read;
    let mut text = Vec::new();
    std::fs::File::open(dir.join(MANIFEST))
        .ok()?
        .take(1 << 20)
        .read_to_end(&mut text)
        .ok()?;
    let v: serde_json::Value = serde_json::from_slice(&text).ok()?;
    v.get("redacted")?.as_bool()
}

/// Pretty JSON with a final newline.
fn pretty(v: &impl serde::Serialize) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(v)
        .map_err(|e| Error::Invalid(format!("cannot write JSON: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}
