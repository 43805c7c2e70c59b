//! `courts.csv`: the courts monitors added (DESIGN.md §2, "Courts"), so that a batch whose
//! hearings name one is understood where it is merged. The file is in a batch when the
//! exporting database has any such court (all of them, whichever hearings were chosen); a
//! batch without it names only shipped courts, as every batch of format 1 before it did.
//!
//! Columns: `code, level, region, country, name_en, name_ru, name_tg, added_by, added_at`;
//! one row per court, by code. A code names one court forever: a batch whose row differs
//! from the court of that code already known (here or shipped) is refused whole.

use std::collections::HashSet;

use uuid::Uuid;

use super::manifest::Manifest;
use super::verify::Place;
use super::verify::cells::{decode, newlines, open_csv};
use super::{Problem, Problems};
use crate::spec::{Added, Court, Spec, Text};

pub const COURTS: &str = "courts.csv";

pub const HEADER: [&str; 9] = [
    "code", "level", "region", "country", "name_en", "name_ru", "name_tg", "added_by", "added_at",
];

/// The most courts a batch may bring (a reader's memory stays bounded).
pub const MAX_COURTS: u64 = 10_000;

/// A court's cells, in [`HEADER`] order.
pub fn cells(c: &Court) -> [&str; 9] {
    let (by, at) = c
        .added
        .as_ref()
        .map_or(("", ""), |a| (a.by.as_str(), a.at.as_str()));
    [
        &c.code, &c.level, &c.region, &c.country, &c.name.en, &c.name.ru, &c.name.tg, by, at,
    ]
}

/// Reads and checks the batch's `courts.csv`, when the manifest lists it: every problem goes
/// to `problems`, and the courts come back only when there is none. `spec` holds the courts
/// known where the batch is read (shipped, and added here).
pub fn read(dir: &Place, manifest: &Manifest, spec: &Spec, problems: &mut Problems) -> Vec<Court> {
    let Some(mut rdr) = open_csv(dir, COURTS, manifest, problems) else {
        return Vec::new();
    };
    let before = problems.total();
    let mut courts = Vec::new();
    let mut seen = HashSet::new();
    let mut rec = csv::ByteRecord::new();
    let mut bad = Vec::new();
    let mut positions: Option<Vec<usize>> = None;
    let mut next_line = 1u64;
    let mut rows = 0u64;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                problems.push(Problem::at(
                    COURTS,
                    next_line,
                    None,
                    format!("cannot be read: {e}"),
                ));
                return Vec::new();
            }
        }
        rdr.get_mut().start_row();
        let line = next_line;
        next_line += 1 + newlines(&rec);
        let cells = decode(
            &rec,
            COURTS,
            line,
            manifest.formula_guard,
            problems,
            &mut bad,
        );
        let Some(pos) = &positions else {
            match header_positions(&cells) {
                Ok(p) => positions = Some(p),
                Err(mut p) => {
                    problems.extend(p.drain(..));
                    return Vec::new();
                }
            }
            continue;
        };
        rows += 1;
        if rows > MAX_COURTS {
            problems.push(Problem::at(
                COURTS,
                line,
                None,
                format!("a batch may bring at most {MAX_COURTS} courts"),
            ));
            return Vec::new();
        }
        if !bad.is_empty() {
            continue;
        }
        if cells.len() != HEADER.len() {
            problems.push(Problem::at(
                COURTS,
                line,
                None,
                format!("has {} cells, the header {}", cells.len(), HEADER.len()),
            ));
            continue;
        }
        let cell = |name: &str| {
            HEADER
                .iter()
                .position(|h| *h == name)
                .and_then(|i| pos.get(i))
                .and_then(|&p| cells.get(p))
                .copied()
                .unwrap_or("")
        };
        let column = |name: &str| {
            HEADER
                .iter()
                .position(|h| *h == name)
                .and_then(|i| pos.get(i))
                .map(|&p| p as u64 + 1)
        };
        let court = Court {
            code: cell("code").to_owned(),
            level: cell("level").to_owned(),
            region: cell("region").to_owned(),
            country: cell("country").to_owned(),
            name: Text {
                en: cell("name_en").to_owned(),
                ru: cell("name_ru").to_owned(),
                tg: cell("name_tg").to_owned(),
            },
            added: Some(Added {
                by: cell("added_by").to_owned(),
                at: cell("added_at").to_owned(),
            }),
        };
        let at = |col: &str, m: String| Problem::at(COURTS, line, column(col), m);
        if !Uuid::parse_str(cell("added_by")).is_ok_and(|u| !u.is_nil()) {
            problems.push(at(
                "added_by",
                format!("added_by: {:?} is not a monitor's UUID", cell("added_by")),
            ));
        }
        if chrono::DateTime::parse_from_rfc3339(cell("added_at")).is_err() {
            problems.push(at(
                "added_at",
                format!(
                    "added_at: {:?} is not a date and time with offset (like 2026-11-23T10:15:00+05:00)",
                    cell("added_at")
                ),
            ));
        }
        if let Some(why) = spec.user_court_problem(&court) {
            problems.push(at("code", why));
            continue;
        }
        if !seen.insert(court.code.clone()) {
            problems.push(at("code", format!("court {} appears twice", court.code)));
            continue;
        }
        match spec.court(&court.code) {
            Some(known) if *known == court => {}
            Some(known) => problems.push(at("code", crate::store::court_clash(known, &court))),
            None => {}
        }
        courts.push(court);
    }
    if positions.is_none() {
        problems.push(Problem::at(
            COURTS,
            1,
            None,
            "is empty: the header row is missing",
        ));
    }
    if let Some(entry) = manifest.file(COURTS)
        && entry.rows != rows
    {
        problems.push(Problem::file(
            COURTS,
            format!(
                "the file has {rows} data rows, the manifest says {}",
                entry.rows
            ),
        ));
    }
    if problems.total() > before {
        return Vec::new();
    }
    courts
}

/// Where each column of [`HEADER`] is in the file's header: every one exactly once, no other.
fn header_positions(header: &[&str]) -> Result<Vec<usize>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut positions = Vec::new();
    for name in HEADER {
        let found: Vec<usize> = header
            .iter()
            .enumerate()
            .filter(|(_, h)| **h == name)
            .map(|(i, _)| i)
            .collect();
        match found.as_slice() {
            [i] => positions.push(*i),
            [] => problems.push(Problem::at(
                COURTS,
                1,
                None,
                format!("column {name} is missing"),
            )),
            [_, second, ..] => problems.push(Problem::at(
                COURTS,
                1,
                Some(*second as u64 + 1),
                format!("column {name} appears twice"),
            )),
        }
    }
    for (i, h) in header.iter().enumerate() {
        if !HEADER.contains(h) {
            problems.push(Problem::at(
                COURTS,
                1,
                Some(i as u64 + 1),
                format!("unknown column {h:?}"),
            ));
        }
    }
    if problems.is_empty() {
        Ok(positions)
    } else {
        Err(problems)
    }
}
