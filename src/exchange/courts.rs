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

use super::Problems;
use super::manifest::Manifest;
use super::rows::in_column;
use super::side;
use super::verify::Place;
use crate::msg;
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
    let mut seen = HashSet::new();
    side::read(
        dir,
        manifest,
        COURTS,
        &HEADER,
        MAX_COURTS,
        problems,
        |row, problems| {
            let cell = |name: &str| row.cell(name).to_owned();
            let court = Court {
                code: cell("code"),
                level: cell("level"),
                region: cell("region"),
                country: cell("country"),
                name: Text {
                    en: cell("name_en"),
                    ru: cell("name_ru"),
                    tg: cell("name_tg"),
                },
                added: Some(Added {
                    by: cell("added_by"),
                    at: cell("added_at"),
                }),
            };
            if !Uuid::parse_str(row.cell("added_by")).is_ok_and(|u| !u.is_nil()) {
                problems.push(row.problem(
                    "added_by",
                    in_column(
                        "added_by",
                        msg!(
                            "batch-not-monitor-uuid",
                            value = format!("{:?}", row.cell("added_by"))
                        ),
                    ),
                ));
            }
            if chrono::DateTime::parse_from_rfc3339(row.cell("added_at")).is_err() {
                problems.push(row.problem(
                    "added_at",
                    in_column(
                        "added_at",
                        msg!(
                            "batch-not-timestamp",
                            value = format!("{:?}", row.cell("added_at"))
                        ),
                    ),
                ));
            }
            if let Some(why) = spec.user_court_problem(&court) {
                problems.push(row.problem("code", why));
                return None;
            }
            if !seen.insert(court.code.clone()) {
                problems.push(row.problem("code", msg!("batch-court-twice", code = &court.code)));
                return None;
            }
            if let Some(known) = spec.court(&court.code)
                && *known != court
            {
                problems.push(row.problem("code", crate::store::court_clash(known, &court)));
            }
            Some(court)
        },
    )
}
