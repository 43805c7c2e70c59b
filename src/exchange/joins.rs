//! `case_joins.csv`: the joins of case records recorded as one trial (DESIGN.md §2,
//! "Trials"), so that a trial joined at one database is one trial where its batches are
//! merged, and a split travels the same way. The file is in a batch when the exporting
//! database has any join (all of them, in force or split, whichever hearings were chosen:
//! a join is made after both records travelled, so it must be able to travel alone).
//!
//! Columns: `uuid, case_uuid, other_uuid, joined_by, joined_at, split_by, split_at`; one
//! row per join. A join id names one pair of case records forever; a split is for good (a
//! new join joins them again).

use std::collections::HashSet;

use uuid::Uuid;

use super::manifest::Manifest;
use super::rows::in_column;
use super::side::{self, Row};
use super::verify::Place;
use super::{Msg, Problems};
use crate::msg;
use crate::store::CaseJoin;

pub const JOINS: &str = "case_joins.csv";

pub const HEADER: [&str; 7] = [
    "uuid",
    "case_uuid",
    "other_uuid",
    "joined_by",
    "joined_at",
    "split_by",
    "split_at",
];

/// The most joins a batch may bring (a reader's memory stays bounded).
pub const MAX_JOINS: u64 = 1_000_000;

/// A join's cells, in [`HEADER`] order.
pub fn cells(j: &CaseJoin) -> [String; 7] {
    [
        j.uuid.to_string(),
        j.case_uuid.to_string(),
        j.other_uuid.to_string(),
        j.joined_by.to_string(),
        j.joined_at.clone(),
        j.split_by.map(|u| u.to_string()).unwrap_or_default(),
        j.split_at.clone().unwrap_or_default(),
    ]
}

/// Reads and checks the batch's `case_joins.csv`, when the manifest lists it: every problem
/// goes to `problems`, and the joins come back only when there is none.
pub fn read(dir: &Place, manifest: &Manifest, problems: &mut Problems) -> Vec<CaseJoin> {
    let mut seen = HashSet::new();
    side::read(
        dir,
        manifest,
        JOINS,
        &HEADER,
        MAX_JOINS,
        problems,
        |row, problems| {
            let before = problems.total();
            let id = |name: &str, problems: &mut Problems| -> Option<Uuid> {
                let u = Uuid::parse_str(row.cell(name)).ok().filter(|u| !u.is_nil());
                if u.is_none() {
                    let what = msg!("batch-not-uuid", value = format!("{:?}", row.cell(name)));
                    problems.push(row.problem(name, in_column(name, what)));
                }
                u
            };
            let (uuid, case, other, by) = (
                id("uuid", problems),
                id("case_uuid", problems),
                id("other_uuid", problems),
                id("joined_by", problems),
            );
            let joined_at = time(row, "joined_at", problems);
            let split = match (row.cell("split_by"), row.cell("split_at")) {
                ("", "") => None,
                _ => Some((id("split_by", problems), time(row, "split_at", problems))),
            };
            if case.is_some() && case == other {
                problems.push(row.problem("other_uuid", msg!("batch-join-self")));
            }
            if let Some(u) = uuid
                && !seen.insert(u)
            {
                problems.push(row.problem("uuid", msg!("batch-join-twice", join = u.to_string())));
            }
            if problems.total() > before {
                return None;
            }
            let (split_by, split_at) = match split {
                Some((by, at)) => (by, at),
                None => (None, None),
            };
            Some(CaseJoin {
                uuid: uuid?,
                case_uuid: case?,
                other_uuid: other?,
                joined_by: by?,
                joined_at: joined_at?,
                split_by,
                split_at,
            })
        },
    )
}

/// The date and time in column `name`, which must have an offset.
fn time(row: &Row<'_>, name: &str, problems: &mut Problems) -> Option<String> {
    let cell = row.cell(name);
    if chrono::DateTime::parse_from_rfc3339(cell).is_ok() {
        Some(cell.to_owned())
    } else {
        let what = msg!("batch-not-timestamp", value = format!("{cell:?}"));
        problems.push(row.problem(name, in_column(name, what)));
        None
    }
}

/// What a merge did with a batch's joins, in a line in `lang`; nothing when it brought none
/// that changed anything or wait.
pub fn received(j: &crate::store::JoinsReceived, lang: crate::spec::Lang) -> Option<String> {
    if *j == crate::store::JoinsReceived::default() {
        return None;
    }
    crate::i18n::Texts::with_shared(|t| {
        let mut parts = Vec::new();
        for (n, key) in [
            (j.added, "batch-joins-new"),
            (j.split, "batch-joins-split"),
            (j.waiting, "batch-joins-waiting"),
        ] {
            if n > 0 {
                parts.push(Msg::new(key).with("count", n).render(t, lang));
            }
        }
        Some(msg!("batch-joins-received", what = parts.join(", ")).render(t, lang))
    })
}
