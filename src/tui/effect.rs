//! Effects: what screens ask for (saving, loading, unlocking), as data. `Session::perform` is
//! the one place that carries them out through `store`; the result comes back as an
//! [`Outcome`].

use uuid::Uuid;

use crate::domain::{Entity, HearingRecord, Monitor, Problem};
use crate::store::{Filter, HearingSummary, Sort};

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Create the database and the monitor profile (first run).
    CreateDatabase {
        code: String,
        name: String,
        org: String,
        passphrase: String,
    },
    /// Open the existing database.
    Unlock {
        passphrase: String,
    },
    /// Check the passphrase to leave the lock screen (the database stays open).
    VerifyPassphrase {
        passphrase: String,
    },
    /// One page of the hearing list.
    LoadList {
        filter: Box<Filter>,
        sort: Sort,
        offset: u64,
        limit: u64,
        /// Count the matches too (when the filter changed, not when scrolling).
        count: bool,
    },
    NewHearing,
    /// Compute the reviewers' statistics for these hearings.
    LoadStats(Box<Filter>),
    OpenHearing(Uuid),
    /// Load a hearing for the read-only detail view.
    ViewHearing(Uuid),
    /// Write a hearing as plain text next to the database.
    PrintHearing(Uuid),
    SetField {
        hearing: Uuid,
        entity: Entity,
        record: Uuid,
        field: String,
        value: String,
    },
    SetAnswer {
        hearing: Uuid,
        item: String,
        party: Option<Uuid>,
        answer: String,
        comment: String,
    },
    AddParty {
        hearing: Uuid,
        role: String,
    },
    AddRecord {
        hearing: Uuid,
        entity: Entity,
        parent: Option<Uuid>,
    },
    DeleteRecord {
        hearing: Uuid,
        entity: Entity,
        record: Uuid,
    },
    /// Stamp a timeline event now (the time is taken when the effect runs).
    StampEvent {
        hearing: Uuid,
    },
    PutEvent {
        hearing: Uuid,
        id: Uuid,
        at: String,
        code: String,
        note: String,
    },
    DeleteEvent {
        hearing: Uuid,
        id: Uuid,
    },
    Finalise {
        hearing: Uuid,
    },
    SetEditReason {
        hearing: Uuid,
        reason: String,
    },
    SaveSetting {
        key: String,
        value: String,
    },
}

#[derive(Debug, Clone)]
pub enum Outcome {
    /// The database is open; `profile` is its monitor.
    Opened {
        profile: Monitor,
        lock_minutes: u64,
    },
    Unlocked,
    WrongPassphrase(String),
    ListLoaded {
        rows: Vec<HearingSummary>,
        /// The number of matches, when it was counted.
        total: Option<u64>,
        offset: u64,
    },
    HearingCreated(Uuid),
    /// Statistics computed; `filtered` when the filter selects only some hearings.
    StatsLoaded {
        stats: Box<crate::stats::Stats>,
        filtered: bool,
    },
    /// A hearing for the detail view.
    HearingViewed(Box<HearingRecord>),
    /// A hearing was printed to this file.
    Printed(String),
    /// A hearing as stored now (after opening it or a change to its structure).
    HearingLoaded(Box<HearingRecord>),
    /// A timeline event was stamped at `at`.
    Stamped {
        record: Box<HearingRecord>,
        id: Uuid,
    },
    Finalised {
        record: Box<HearingRecord>,
        problems: Vec<Problem>,
    },
    /// A cheap save went through.
    Saved,
    /// Something failed: a sentence for the status line.
    Failed(String),
}
