//! A trial read across its hearings: each defendant's situation hearing by hearing, the
//! allegations raised, and at which hearings each checklist standard was not met. Plain
//! functions of the hearing records (oldest first), shared by the case view and
//! `courtwatch cases show`.

use uuid::Uuid;

use super::HearingRecord;
use crate::spec::Spec;

/// What the grid shows of a defendant at each hearing: fields of `hearing_party`.
pub const SITUATION_FIELDS: [&str; 6] = [
    "custody_status",
    "courtroom_position",
    "restraints",
    "counsel_present",
    "interpretation_needed",
    "visible_injuries",
];

/// One defendant across the trial's hearings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefendantRow {
    pub party: Uuid,
    pub code: String,
    /// Per hearing (in the records' order): the values of [`SITUATION_FIELDS`] (empty when
    /// not recorded), or `None` when the defendant has no row at that hearing.
    pub cells: Vec<Option<[String; 6]>>,
}

/// Checklist answers that did not meet the standard (`no` or `partly`) across the trial.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotMet {
    /// An item code, or a group id for a group's line.
    pub code: String,
    /// Indexes (into the records) of the hearings where it was not met.
    pub hearings: Vec<usize>,
    /// Hearings where it was answered at all.
    pub answered: usize,
}

/// The defendants of a trial (display code order), with their situation at each hearing.
pub fn defendants(records: &[HearingRecord]) -> Vec<DefendantRow> {
    let mut rows: Vec<DefendantRow> = Vec::new();
    for r in records {
        for p in &r.parties {
            if p.fields.get("role").map(String::as_str) != Some("defendant")
                || rows.iter().any(|row| row.party == p.uuid)
            {
                continue;
            }
            rows.push(DefendantRow {
                party: p.uuid,
                code: p.fields.get("display_code").cloned().unwrap_or_default(),
                cells: Vec::new(),
            });
        }
    }
    rows.sort_by_key(|r| (r.code.len(), r.code.clone(), r.party));
    for row in &mut rows {
        row.cells = records
            .iter()
            .map(|r| {
                r.hearing_parties
                    .iter()
                    .find(|hp| hp.party_uuid == row.party)
                    .map(|hp| {
                        SITUATION_FIELDS.map(|f| hp.fields.get(f).cloned().unwrap_or_default())
                    })
            })
            .collect();
    }
    rows
}

fn not_met(answer: &str) -> bool {
    matches!(answer, "no" | "partly")
}

/// For each checklist item answered at some hearing of the trial, and for each group (first,
/// in checklist order), the hearings where it was not met. Items and groups never answered
/// are left out.
pub fn checklist(spec: &Spec, records: &[HearingRecord]) -> Vec<NotMet> {
    let mut out = Vec::new();
    for group in &spec.checklist.groups {
        let mut group_line = NotMet {
            code: group.id.clone(),
            hearings: Vec::new(),
            answered: 0,
        };
        let mut items = Vec::new();
        for item in group.items.iter().filter(|i| !i.retired) {
            let mut line = NotMet {
                code: item.code.clone(),
                hearings: Vec::new(),
                answered: 0,
            };
            for (i, r) in records.iter().enumerate() {
                let answers: Vec<&str> = r
                    .answers
                    .iter()
                    .filter(|a| a.item_code == item.code && !a.answer.is_empty())
                    .map(|a| a.answer.as_str())
                    .collect();
                if answers.is_empty() {
                    continue;
                }
                line.answered += 1;
                if answers.iter().any(|a| not_met(a)) {
                    line.hearings.push(i);
                    if !group_line.hearings.contains(&i) {
                        group_line.hearings.push(i);
                    }
                }
            }
            if line.answered > 0 {
                items.push(line);
            }
        }
        if items.is_empty() {
            continue;
        }
        group_line.hearings.sort_unstable();
        group_line.answered = records
            .iter()
            .filter(|r| {
                r.answers.iter().any(|a| {
                    !a.answer.is_empty() && group.items.iter().any(|i| i.code == a.item_code)
                })
            })
            .count();
        out.push(group_line);
        out.extend(items);
    }
    out
}

/// Which heading of the agenda a date falls under, from `today` (both `YYYY-MM-DD`): the
/// message key (`assets/i18n`) of today, tomorrow, this week (the next seven days) or later.
pub fn day_group(today: &str, date: &str) -> &'static str {
    let parse = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    match (parse(today), parse(date)) {
        (Some(t), Some(d)) => match (d - t).num_days() {
            ..=0 => "agenda-today",
            1 => "agenda-tomorrow",
            2..=7 => "agenda-week",
            _ => "agenda-later",
        },
        _ => "agenda-later",
    }
}

/// The last date `days` days ahead of `today` takes in (today counts as the first).
pub fn until(today: &str, days: u32) -> Option<String> {
    let t = chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d").ok()?;
    let end = t + chrono::Days::new(u64::from(days.max(1) - 1));
    Some(end.format("%Y-%m-%d").to_string())
}
