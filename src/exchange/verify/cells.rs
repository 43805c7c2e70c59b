//! Reading a batch's CSV files: both profiles (a leading BOM skipped, the delimiter found in
//! the header), bounded (no file is read past the size the manifest gives it, no row past
//! [`MAX_ROW`] bytes, no cell kept past [`MAX_CELL`]), and cells decoded as UTF-8 text holding
//! no control characters but line breaks and tabs.

use std::io::{BufRead, BufReader, Read, Take};

use super::super::manifest::Manifest;
use super::super::{BOM, Msg, Problem, Problems, allowed_char, unguard};
use super::files::{Opened, Place, Refused, open_regular};
use crate::msg;

/// The most bytes one cell may hold: 4 MiB (a narrative of 1 MB passes with room to spare).
pub(crate) const MAX_CELL: usize = 4 << 20;
/// The most bytes one row may hold, all its cells together: 8 MiB.
pub(crate) const MAX_ROW: u64 = 8 << 20;
/// Read ahead of a row by the buffers between the file and the CSV parser.
const SLACK: u64 = 1 << 17;

/// The bytes of a file as the CSV parser reads them: at most the manifest's size in all, and
/// at most [`MAX_ROW`] (and the buffers' read-ahead) since the row being read began.
pub(crate) struct Source {
    inner: BufReader<Take<Opened>>,
    since_row: u64,
}

impl Source {
    /// A new row begins: its bytes are counted from here.
    pub(crate) fn start_row(&mut self) {
        self.since_row = 0;
    }
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.since_row > MAX_ROW + SLACK {
            return Err(std::io::Error::other(format!(
                "a row is longer than {} MiB, more than a row of a batch may be",
                MAX_ROW >> 20
            )));
        }
        let n = self.inner.read(buf)?;
        self.since_row += n as u64;
        Ok(n)
    }
}

pub type Reader = csv::Reader<Source>;

/// A CSV file opened for reading: its BOM skipped and its delimiter found. `None` when the
/// file is not there to read (the file checks say why).
pub(crate) fn open_csv(
    dir: &Place,
    name: &str,
    manifest: &Manifest,
    problems: &mut Problems,
) -> Option<Reader> {
    // A file the manifest does not list is not read (the file checks say so).
    let size = manifest.file(name)?.bytes;
    let file = match open_regular(dir, name) {
        Ok((f, _)) => f,
        Err(Refused::Io(e)) => {
            problems.push(Problem::file(
                name,
                msg!("batch-cannot-read", error = e.to_string()),
            ));
            return None;
        }
        Err(_) => return None, // reported by the file checks
    };
    let mut r = BufReader::with_capacity(1 << 16, file.take(size));
    let buf = match r.fill_buf() {
        Ok(b) => b,
        Err(e) => {
            problems.push(Problem::file(
                name,
                msg!("batch-cannot-read", error = e.to_string()),
            ));
            return None;
        }
    };
    let bom = buf.starts_with(BOM);
    let start = if bom { BOM.len() } else { 0 };
    let first_line = buf[start..]
        .split(|&b| b == b'\n')
        .next()
        .unwrap_or_default();
    let commas = first_line.iter().filter(|&&b| b == b',').count();
    let semis = first_line.iter().filter(|&&b| b == b';').count();
    let delimiter = if semis > commas { b';' } else { b',' };
    if bom != manifest.bom {
        problems.push(Problem::at(
            name,
            1,
            None,
            if bom {
                msg!("batch-bom-unexpected")
            } else {
                msg!("batch-bom-missing")
            },
        ));
    }
    if manifest.delimiter.as_bytes() != [delimiter] {
        problems.push(Problem::at(
            name,
            1,
            None,
            msg!(
                "batch-delimiter",
                found = format!("{:?}", delimiter as char),
                said = format!("{:?}", manifest.delimiter)
            ),
        ));
    }
    r.consume(start);
    Some(
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(Source {
                inner: r,
                since_row: 0,
            }),
    )
}

/// Line breaks inside a record's quoted cells: the next record starts that many lines (plus
/// one) later. (The csv crate's own line count is off by one after CRLF line ends.)
pub(crate) fn newlines(rec: &csv::ByteRecord) -> u64 {
    // The cells' bytes, side by side (`memchr` counts them a vector at a time: this ran
    // over every byte of a batch twice, one twentieth of verify).
    memchr::memchr_iter(b'\n', rec.as_slice()).count() as u64
}

/// Whether bytes may hold a control character other than a line break or a tab: a C0 byte,
/// DEL, or a C1 character (U+0080–U+009F is `C2 80`–`C2 9F`). A fast look over a whole
/// row; cells are looked at one by one only when it says yes. C2 alone is not enough to
/// look: «» are `C2 AB` and `C2 BB`, in nearly every Russian or Tajik narrative.
pub(crate) fn may_hold_control(bytes: &[u8]) -> bool {
    // Whole chunks without stopping early, so the compiler compares many bytes at a time.
    let c0_or_del = |chunk: &[u8]| {
        chunk.iter().fold(false, |any, &b| {
            any | ((b < 0x20 && b != b'\n' && b != b'\r' && b != b'\t') | (b == 0x7f))
        })
    };
    bytes.chunks(64).any(c0_or_del)
        || memchr::memchr_iter(0xc2, bytes)
            .any(|i| bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
}

/// The cells of a record, decoded. A cell that is not UTF-8, holds a control character or
/// is longer than [`MAX_CELL`] gives one problem and is handed on empty; its column (0-based)
/// is listed in `bad`, so that nothing else is said about it.
pub(crate) fn decode<'r>(
    rec: &'r csv::ByteRecord,
    file: &str,
    line: u64,
    guard: bool,
    problems: &mut Problems,
    bad: &mut Vec<usize>,
) -> Vec<&'r str> {
    bad.clear();
    let mut out = Vec::with_capacity(rec.len());
    let look = may_hold_control(rec.as_slice());
    for (i, field) in rec.iter().enumerate() {
        let at = |message: Msg| Problem::at(file, line, Some(i as u64 + 1), message);
        if field.len() > MAX_CELL {
            problems.push(at(msg!(
                "batch-cell-too-long",
                bytes = field.len().to_string(),
                max = MAX_CELL.to_string()
            )));
            bad.push(i);
            out.push("");
            continue;
        }
        match std::str::from_utf8(field) {
            Ok(s) => {
                if look && let Some(c) = s.chars().find(|&c| !allowed_char(c)) {
                    problems.push(at(msg!(
                        "batch-control-character",
                        code = format!("U+{:04X}", u32::from(c))
                    )));
                    bad.push(i);
                    out.push("");
                    continue;
                }
                out.push(if guard { unguard(s) } else { s });
            }
            Err(e) => {
                problems.push(at(msg!(
                    "batch-not-utf8",
                    valid = e.valid_up_to().to_string()
                )));
                bad.push(i);
                out.push("");
            }
        }
    }
    out
}
