//! Batches: what one export writes and what merge reads (DESIGN.md §4).
//!
//! A batch is a folder of normalised CSV files (one per entity, rows keyed by UUIDs and parent
//! UUIDs), a `codebook.csv`, a Frictionless `datapackage.json`, a `manifest.json` signed with
//! minisign (`manifest.json.minisig`) and `SHA256SUMS`; sealed, the same folder as a ustar
//! archive in an age stream. The pieces:
//!
//! - [`rows`]: the column layout of every file and the conversion of records to and from cells;
//! - [`manifest`]: the manifest's fields;
//! - [`courts`] (`courts.csv`, the courts monitors added) and [`joins`] (`case_joins.csv`, every
//!   join of case records, in force or split), both read by [`side`], the one reader of small
//!   side tables (header in any order, row cap, manifest row count);
//! - [`export`]: streams each table from the store while a second thread formats, hashes and
//!   writes, under a hidden `.partial` name; the batch is recorded in a transaction that commits
//!   only after the folder has its final name, so an export cut off anywhere leaves no batch
//!   recorded and the next one takes the same number;
//! - [`verify`]: reads a batch (a folder or a sealed file, through `verify::Place`) and checks
//!   everything, giving a typed [`verify::Batch`] or every problem with its file, line and
//!   column; the signature is checked there (`check_signature`);
//! - [`merge`]: decides per hearing what to do ([`merge::plan`], pure), judges the signer
//!   against the roster (`judge_signer`) and applies the plan in one `store::Bulk` transaction;
//! - [`sealed`]: the age container, read in place through age's seekable stream, so nothing
//!   decrypted is written to disk;
//! - [`redact`] (keyed pseudonyms), [`codebook`] and [`datapackage`]: the descriptions that
//!   travel with the data.
//!
//! A problem's message is an `i18n::Msg` (a key of `assets/i18n/*.ftl` and its arguments), kept
//! in English for JSON and said in the user's language where it is shown. Nothing here prints
//! or draws: the command line and the terminal UI report what these functions return.

pub mod codebook;
pub mod courts;
pub mod datapackage;
pub mod export;
pub mod joins;
pub mod manifest;
pub mod merge;
pub mod outlog;
pub mod redact;
pub mod rows;
pub mod sealed;
pub mod side;
pub mod verify;

use std::fmt;

use serde::{Deserialize, Serialize};

/// The `format` of every manifest.
pub(crate) const FORMAT: &str = "courtwatch-batch";
/// The batch format this program writes and reads.
pub(crate) const FORMAT_VERSION: u32 = 1;

pub(crate) const MANIFEST: &str = "manifest.json";
pub(crate) const SUMS: &str = "SHA256SUMS";
pub(crate) const DATAPACKAGE: &str = "datapackage.json";
pub const CODEBOOK: &str = "codebook.csv";

/// How the CSV files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// UTF-8 without BOM, comma, CRLF, raw values: for R, Python and merge.
    #[default]
    Analysis,
    /// UTF-8 with BOM, semicolon (Russian-locale Excel), and the formula guard.
    Excel,
}

impl Profile {
    pub fn code(self) -> &'static str {
        match self {
            Profile::Analysis => "analysis",
            Profile::Excel => "excel",
        }
    }

    pub fn parse(s: &str) -> Option<Profile> {
        match s {
            "analysis" => Some(Profile::Analysis),
            "excel" => Some(Profile::Excel),
            _ => None,
        }
    }

    pub fn delimiter(self) -> u8 {
        match self {
            Profile::Analysis => b',',
            Profile::Excel => b';',
        }
    }

    pub fn bom(self) -> bool {
        self == Profile::Excel
    }

    /// Whether cells that a spreadsheet would run as formulas are prefixed with `'`.
    pub fn formula_guard(self) -> bool {
        self == Profile::Excel
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The UTF-8 byte order mark the excel profile starts every CSV file with.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether a spreadsheet would treat a cell starting like this as a formula. A leading `'` is
/// guarded too, so that reading can always remove exactly one guard character.
fn needs_guard(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\''])
}

/// The excel profile's formula guard: `=1+1` is written as `'=1+1`.
pub fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    if needs_guard(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Undoes [`guard`] when reading an excel-profile file.
pub(crate) fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

pub use crate::i18n::{Msg, MsgArg};

/// What a [`Problem`] says: in English, and, when it came from `assets/i18n`, the message to
/// say it in another language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    english: String,
    msg: Option<Msg>,
}

impl From<String> for Said {
    fn from(english: String) -> Self {
        Said { english, msg: None }
    }
}

impl From<&str> for Said {
    fn from(english: &str) -> Self {
        Said {
            english: english.to_owned(),
            msg: None,
        }
    }
}

impl From<Msg> for Said {
    fn from(msg: Msg) -> Self {
        let english = crate::i18n::Texts::with_shared(|t| msg.render(t, crate::spec::Lang::En));
        Said {
            english,
            msg: Some(msg),
        }
    }
}

/// One thing wrong with a batch, pointing at where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// A file of the batch (`hearings.csv`, `manifest.json`, …), or the folder itself.
    pub file: String,
    /// 1-based line, where one applies.
    pub line: Option<u64>,
    /// 1-based column (CSV field or JSON character), where one applies.
    pub column: Option<u64>,
    /// What is wrong, in English.
    pub message: String,
    /// The same in any language ([`Problem::render`]).
    #[serde(skip)]
    pub msg: Option<Msg>,
}

impl Problem {
    pub fn file(file: &str, message: impl Into<Said>) -> Problem {
        let said = message.into();
        Problem {
            file: file.to_owned(),
            line: None,
            column: None,
            message: said.english,
            msg: said.msg,
        }
    }

    pub fn at(file: &str, line: u64, column: Option<u64>, message: impl Into<Said>) -> Problem {
        let said = message.into();
        Problem {
            file: file.to_owned(),
            line: Some(line),
            column,
            message: said.english,
            msg: said.msg,
        }
    }

    /// The problem as a message, its place included, to be said inside another one.
    pub fn as_msg(&self) -> Msg {
        let mut place = String::new();
        self.write_place(&mut place);
        let what = match &self.msg {
            Some(m) => MsgArg::Msg(m.clone()),
            None => MsgArg::Text(printable(&self.message).into_owned()),
        };
        crate::msg!("batch-problem-at", place = place, what = what)
    }

    /// The problem as [`fmt::Display`] gives it, in `lang`.
    pub fn render(&self, lang: crate::spec::Lang) -> String {
        match &self.msg {
            Some(m) if lang != crate::spec::Lang::En => {
                let message = crate::i18n::Texts::with_shared(|t| m.render(t, lang));
                let mut s = String::new();
                self.write_place(&mut s);
                s.push_str(": ");
                s.push_str(&printable(&message));
                s
            }
            _ => self.to_string(),
        }
    }

    fn write_place(&self, out: &mut impl fmt::Write) {
        // Writing to a String cannot fail.
        let _ = out.write_str(&printable(&self.file));
        if let Some(line) = self.line {
            let _ = write!(out, ":{line}");
            if let Some(col) = self.column {
                let _ = write!(out, ":{col}");
            }
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A batch chooses what its messages quote: control characters (a terminal's escape
        // sequences among them) are shown escaped, never sent to a terminal as they are.
        let mut place = String::new();
        self.write_place(&mut place);
        write!(f, "{place}: {}", printable(&self.message))
    }
}

/// How many problems (or warnings) of one batch are kept; the rest are only counted, so a
/// batch with millions of bad rows costs no more memory than one with a thousand.
pub(crate) const KEPT_PROBLEMS: usize = 1000;

/// The problems (or warnings) found in a batch: the first [`KEPT_PROBLEMS`] of them, and how
/// many more there were.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Problems {
    kept: Vec<Problem>,
    /// Found after the first [`KEPT_PROBLEMS`]: counted, not kept.
    pub more: u64,
}

impl Problems {
    pub fn new() -> Problems {
        Problems::default()
    }

    pub fn push(&mut self, p: Problem) {
        if self.kept.len() < KEPT_PROBLEMS {
            self.kept.push(p);
        } else {
            self.more += 1;
        }
    }

    pub fn append(&mut self, other: &mut Problems) {
        let other = std::mem::take(other);
        self.more += other.more;
        self.extend(other.kept);
    }

    /// Every problem found, kept or only counted.
    pub fn total(&self) -> u64 {
        self.kept.len() as u64 + self.more
    }

    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }
}

impl std::ops::Deref for Problems {
    type Target = [Problem];

    fn deref(&self) -> &[Problem] {
        &self.kept
    }
}

impl Extend<Problem> for Problems {
    fn extend<I: IntoIterator<Item = Problem>>(&mut self, iter: I) {
        for p in iter {
            self.push(p);
        }
    }
}

impl From<Vec<Problem>> for Problems {
    fn from(v: Vec<Problem>) -> Problems {
        let mut out = Problems::new();
        out.extend(v);
        out
    }
}

impl FromIterator<Problem> for Problems {
    fn from_iter<I: IntoIterator<Item = Problem>>(iter: I) -> Problems {
        let mut out = Problems::new();
        out.extend(iter);
        out
    }
}

impl<'a> IntoIterator for &'a Problems {
    type Item = &'a Problem;
    type IntoIter = std::slice::Iter<'a, Problem>;

    fn into_iter(self) -> Self::IntoIter {
        self.kept.iter()
    }
}

/// The problems that made a batch unusable, for an error message: at most `max` of them, then
/// how many more there are.
pub(crate) fn describe_problems(
    problems: &Problems,
    max: usize,
    lang: crate::spec::Lang,
) -> String {
    let mut s = problems
        .iter()
        .take(max)
        .map(|p| format!("  {}", p.render(lang)))
        .collect::<Vec<_>>()
        .join("\n");
    let rest = problems.total().saturating_sub(max as u64);
    if rest > 0 {
        let more = crate::i18n::Texts::with_shared(|t| {
            crate::msg!("merge-more-problems", count = rest).render(t, lang)
        });
        s.push_str(&format!("\n  {more}"));
    }
    s
}

/// Whether `c` may stand in text a batch carries: no control characters but line breaks and
/// tabs (C0, DEL and C1 are refused: a terminal would act on them).
pub(crate) fn allowed_char(c: char) -> bool {
    !c.is_control() || matches!(c, '\n' | '\r' | '\t')
}

/// Text fit for a terminal: control characters (line breaks and tabs included) are written
/// as escapes, like `\u{1b}`; everything else is left alone.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return s.into();
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// The batches in `folder`, by name: its subfolders holding a `manifest.json` and its sealed
/// batches (`courtwatch-….age` files) — hidden ones, such as an export still being written,
/// are skipped — or `folder` itself when it is a batch. A folder that does not exist holds
/// none. Reads only names; nothing is verified.
pub fn batch_folders(folder: &std::path::Path) -> crate::error::Result<Vec<std::path::PathBuf>> {
    use crate::error::Error;
    if folder.join(MANIFEST).is_file() {
        return Ok(vec![folder.to_owned()]);
    }
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(folder, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(folder, e))?.path();
        let hidden = path
            .file_name()
            .is_none_or(|n| n.to_string_lossy().starts_with('.'));
        let sealed = sealed::is_sealed_name(&path)
            && path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("courtwatch-"))
            && path.is_file();
        if !hidden && (sealed || path.join(MANIFEST).is_file()) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests;
