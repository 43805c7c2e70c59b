//! The reviewers' figures (domain.md §5.5): eleven groups of counts, shares, medians and
//! breakdowns, computed for the hearings a [`Filter`] selects.
//!
//! The result is plain data that a command prints and a screen draws: each [`Figure`] carries
//! its numerator, its denominator, the share, the codes left out of the denominator and how
//! the denominator was chosen, and [`Breakdown`]s by code, court, region, judge, month or
//! monitor. Figure ids (`torture.judicial_reaction`, `checklist.PUB-01`) are stable label keys;
//! [`Labels`] names them in the user's language from `assets/i18n/*.ftl`.
//!
//! How it stays fast: `collect` reads each table once through the narrow indexes and the
//! checklist tally of migration 0003 (never whole records) and hands the rows to a worker
//! thread, where `fold` joins them in memory by id and feeds the accumulators of `tally`;
//! `build` turns those into groups. No printing here, no terminal.
//!
//! # The indexes statistics read
//!
//! Statistics never load records. Migration 0003 adds, per table, an index holding exactly the
//! values the figures need (the fields packed into one `json_extract` expression that SQLite reads
//! from the index without fetching the row) and `checklist_tally`, one row of answer tokens per
//! hearing, which the store rewrites after every change to a hearing's answers (`tally` in
//! `src/store/records.rs`: bulk writers make the row with the rest of a record's encoding, on
//! their second thread; single edits read the answers back through `retally`; migration 0004
//! dropped the per-row triggers that first kept it, as they made bulk writes a fifth slower);
//! `collect` repeats the
//! indexed expressions exactly (a test compares them). A figure that needs another field extends
//! these indexes in a new migration.

mod build;
mod codes;
mod collect;
mod fold;
mod honest;
mod labels;
mod tally;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::{Filter, Store};

pub use honest::{
    DEFAULT_SUPPRESS_BELOW, SMALL_DENOMINATOR, SUPPRESS_SETTING, interval_text, small, suppressed,
    wilson,
};
pub use labels::{Labels, figure_key, group_key, note_key, percent};

/// The settings key of the lateness threshold, in minutes.
pub(crate) const LATE_SETTING: &str = "stats.late_after_minutes";

/// A hearing that starts more than this many minutes after its scheduled time is late, unless
/// the setting says otherwise.
pub(crate) const DEFAULT_LATE_MINUTES: u32 = 30;

/// What the figures depend on besides the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// Minutes after the scheduled start beyond which a hearing counts as started late.
    pub late_after_minutes: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            late_after_minutes: DEFAULT_LATE_MINUTES,
        }
    }
}

impl Settings {
    /// The settings stored in the database, defaults where none are stored.
    pub fn load(store: &Store) -> Result<Settings> {
        let mut s = Settings::default();
        if let Some(v) = store.setting(LATE_SETTING)? {
            s.late_after_minutes = v.trim().parse().map_err(|_| {
                Error::Invalid(format!(
                    "the setting {LATE_SETTING} is {v:?}, not a number of minutes"
                ))
            })?;
        }
        Ok(s)
    }
}

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `numerator` things.
    Count,
    /// `numerator` of `denominator`, and their ratio in `share`.
    Share,
    /// `value` = `numerator` / `denominator` (e.g. hearings per case).
    Mean,
    /// `value` is the median of `numerator` observations, in `unit`.
    Median,
    /// `value` is the largest of `numerator` observations, in `unit`.
    Max,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Hearings,
    Minutes,
    Days,
    Years,
}

/// What the rows of a breakdown are keyed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum By {
    /// The codes of a code list (`Breakdown::list`).
    Code,
    Court,
    Region,
    /// The judge's name as recorded.
    Judge,
    /// `YYYY-MM` of the hearing date.
    Month,
    /// The monitor's code.
    Monitor,
}

impl By {
    pub fn code(self) -> &'static str {
        match self {
            By::Code => "code",
            By::Court => "court",
            By::Region => "region",
            By::Judge => "judge",
            By::Month => "month",
            By::Monitor => "monitor",
        }
    }
}

/// Codes that were answered but left out of a figure's denominator, with how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excluded {
    pub code: String,
    pub count: u64,
}

/// One row of a breakdown: the same measure as its figure, for one key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// A code, court code, region code, judge name, `YYYY-MM` or monitor code; `unknown` when
    /// the record does not say.
    pub key: String,
    pub numerator: u64,
    pub denominator: Option<u64>,
    pub share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    pub by: By,
    /// The code list whose labels name the keys (`court`, `region`, or a list of `assets/`).
    pub list: Option<String>,
    pub rows: Vec<Row>,
}

impl Breakdown {
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// `group.name`; checklist items are `checklist.<ITEM-CODE>`.
    pub id: String,
    pub kind: Kind,
    pub numerator: u64,
    pub denominator: Option<u64>,
    /// `numerator / denominator` for shares; `None` when the denominator is 0.
    pub share: Option<f64>,
    /// The measured value of means, medians and maxima; `None` without observations.
    pub value: Option<f64>,
    pub unit: Option<Unit>,
    /// Answers seen but kept out of the denominator (e.g. `not_observed`).
    pub excluded: Vec<Excluded>,
    /// How the denominator is chosen, in English.
    pub note: Option<&'static str>,
    pub breakdowns: Vec<Breakdown>,
}

impl Figure {
    pub fn breakdown(&self, by: By) -> Option<&Breakdown> {
        self.breakdowns.iter().find(|b| b.by == by)
    }

    /// How many answers of `code` were left out of the denominator.
    pub fn excluded(&self, code: &str) -> u64 {
        self.excluded
            .iter()
            .find(|e| e.code == code)
            .map_or(0, |e| e.count)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// `counts`, `timeliness`, `openness`, `innocence`, `defence`, `language`, `torture`,
    /// `checklist`, `outcomes`, `gbv`, `quality`.
    pub id: &'static str,
    pub figures: Vec<Figure>,
}

/// Every figure for one selection of hearings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub settings: Settings,
    pub groups: Vec<Group>,
}

impl Stats {
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// A figure by its id.
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.groups
            .iter()
            .flat_map(|g| g.figures.iter())
            .find(|f| f.id == id)
    }

    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        self.groups.iter().flat_map(|g| g.figures.iter())
    }
}

/// Computes every figure for the hearings `filter` selects (the same selection as
/// [`Store::list_hearings`]).
pub fn compute(store: &Store, filter: &Filter, settings: Settings) -> Result<Stats> {
    let acc = collect::collect(store, filter, settings)?;
    Ok(build::build(store.spec(), &acc, settings))
}

#[cfg(test)]
mod tests;
