//! `outputs.csv`: the exporting database's output log (DESIGN.md §6: every file written
//! outside the database is logged, and "the log travels in batches"), so that a lead sees what
//! left each monitor's laptop — batches, printouts, reports; sealed or plain, redacted or not,
//! with their SHA-256 — and where. The file is in a batch when the exporting database's log
//! has any row (all of them, oldest first; the batch's own row is logged as the batch is
//! counted sent, so it travels in the next one). A lead keeps the rows by monitor
//! (`Store::receive_outputs`); a row brought again is the same row.
//!
//! Columns: `at, kind, path, sealed, redacted, sha256, sealed_to, who`; one row per file.

use std::collections::HashSet;

use super::manifest::Manifest;
use super::rows::in_column;
use super::side;
use super::verify::Place;
use super::{Msg, Problems};
use crate::msg;
use crate::store::{OutputEntry, OutputKind};

pub const OUTPUTS: &str = "outputs.csv";

pub const HEADER: [&str; 8] = [
    "at",
    "kind",
    "path",
    "sealed",
    "redacted",
    "sha256",
    "sealed_to",
    "who",
];

/// The most rows a batch's log may bring (a reader's memory stays bounded).
pub const MAX_OUTPUTS: u64 = 1_000_000;

/// A log row's cells, in [`HEADER`] order.
pub fn cells(e: &OutputEntry) -> [String; 8] {
    let flag = |b: bool| if b { "1" } else { "0" }.to_owned();
    [
        e.at.clone(),
        e.kind.code().to_owned(),
        e.path.clone(),
        flag(e.sealed),
        flag(e.redacted),
        e.sha256.clone(),
        e.sealed_to.clone(),
        e.who.clone(),
    ]
}

/// Reads and checks the batch's `outputs.csv`, when the manifest lists it: every problem
/// goes to `problems`, and the rows come back only when there is none.
pub fn read(dir: &Place, manifest: &Manifest, problems: &mut Problems) -> Vec<OutputEntry> {
    let mut seen = HashSet::new();
    side::read(
        dir,
        manifest,
        OUTPUTS,
        &HEADER,
        MAX_OUTPUTS,
        problems,
        |row, problems| {
            let before = problems.total();
            let bad = |name: &str, what: Msg, problems: &mut Problems| {
                problems.push(row.problem(name, in_column(name, what)));
            };
            let quoted = |name: &str| format!("{:?}", row.cell(name));
            let at = row.cell("at");
            if chrono::DateTime::parse_from_rfc3339(at).is_err() {
                bad(
                    "at",
                    msg!("batch-not-timestamp", value = quoted("at")),
                    problems,
                );
            }
            let kind = OutputKind::from_code(row.cell("kind"));
            if kind.is_none() {
                let what = msg!("batch-output-unknown-kind", value = quoted("kind"));
                bad("kind", what, problems);
            }
            let flag = |name: &str, problems: &mut Problems| match row.cell(name) {
                "0" => Some(false),
                "1" => Some(true),
                _ => {
                    bad(name, msg!("batch-not-flag", value = quoted(name)), problems);
                    None
                }
            };
            let sealed = flag("sealed", problems);
            let redacted = flag("redacted", problems);
            let sha = row.cell("sha256");
            if sha.len() != 64 || !sha.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                bad(
                    "sha256",
                    msg!("batch-not-hash", value = quoted("sha256")),
                    problems,
                );
            }
            let sealed_to = row.cell("sealed_to");
            let fingerprints = sealed_to
                .split(',')
                .all(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'));
            match sealed {
                Some(true) if sealed_to != "passphrase" && !fingerprints => {
                    let what = msg!("batch-output-sealed-to-sealed", value = quoted("sealed_to"));
                    bad("sealed_to", what, problems);
                }
                Some(false) if !sealed_to.is_empty() => {
                    let what = msg!("batch-output-sealed-to-plain", value = quoted("sealed_to"));
                    bad("sealed_to", what, problems);
                }
                _ => {}
            }
            for name in ["path", "who"] {
                if row.cell(name).is_empty() {
                    bad(name, msg!("batch-output-empty"), problems);
                }
            }
            if problems.total() > before {
                return None;
            }
            let key = (
                at.to_owned(),
                row.cell("kind").to_owned(),
                row.cell("path").to_owned(),
                sha.to_owned(),
            );
            if !seen.insert(key) {
                let what = msg!("batch-output-twice", path = quoted("path"), at = at);
                bad("path", what, problems);
                return None;
            }
            Some(OutputEntry {
                at: at.to_owned(),
                kind: kind?,
                path: row.cell("path").to_owned(),
                sealed: sealed?,
                redacted: redacted?,
                sha256: sha.to_owned(),
                sealed_to: sealed_to.to_owned(),
                who: row.cell("who").to_owned(),
            })
        },
    )
}

/// What a merge did with a batch's output log, in a line in `lang`; nothing when it brought
/// no new row.
pub fn received(new_rows: u64, lang: crate::spec::Lang) -> Option<String> {
    (new_rows > 0).then(|| {
        crate::i18n::Texts::with_shared(|t| {
            Msg::new("batch-outputs-received")
                .with("count", new_rows)
                .render(t, lang)
        })
    })
}
