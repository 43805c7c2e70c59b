//! Effects: what screens ask for (saving, loading, unlocking), as data. `Session::perform` is
//! the one place that carries them out through `store`; the result comes back as an
//! [`Outcome`].

use chrono::{DateTime, FixedOffset};
use uuid::Uuid;

use crate::domain::{Entity, HearingRecord, Monitor, Problem, Take};
use crate::exchange::Profile;
use crate::exchange::manifest::ScopeKind;
use crate::store::{
    BatchOut, ConflictRow, FieldsResolved, Filter, HearingSummary, Passphrase, Sort,
};

/// How a hearing is printed: sealed like a batch, or plain text without or with its
/// restricted fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintChoice {
    Sealed,
    Plain,
    PlainAll,
}

/// How the statistics screen writes a report: aggregate (judges numbered, a plain file), or,
/// asked when the screen shows judges by name, naming them sealed like a batch or in plain
/// text after the warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportChoice {
    Aggregate,
    NamedSealed,
    NamedPlain,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Create the database and the monitor profile (first run).
    CreateDatabase {
        code: String,
        name: String,
        org: String,
        passphrase: Passphrase,
    },
    /// Open the existing database.
    Unlock {
        passphrase: Passphrase,
    },
    /// Open the database again to leave the lock screen (locking closed it).
    VerifyPassphrase {
        passphrase: Passphrase,
    },
    /// Close the database on locking: SQLCipher forgets the key and wipes what it held.
    CloseStore,
    /// The settings of the key's life: when the last backup was made, how soon the list
    /// reminds of one, after how many wrong passphrases the database is erased.
    KeySettings,
    /// Erase the database after this many wrong passphrases in a row (0: never).
    SetEraseAfter(u32),
    /// This database's public keys and the roster's size (the settings screen).
    KeysInfo,
    /// Write an encrypted backup into `backups` next to the database.
    Backup,
    /// Whether the hearing list should remind of a backup.
    BackupDue,
    /// Change the passphrase (settings), once `current` is checked.
    ChangePassphrase {
        current: Passphrase,
        new: Passphrase,
    },
    /// Erase the database (settings), once `passphrase` is checked; the program then ends.
    Erase {
        passphrase: Passphrase,
    },
    /// One page of the hearing list.
    LoadList {
        filter: Box<Filter>,
        sort: Sort,
        offset: u64,
        limit: u64,
        /// The number of matches when known (scrolling); `None` counts them (the filter
        /// changed).
        total: Option<u64>,
    },
    NewHearing,
    /// Start the next hearing of the trial of this case record.
    NextHearing(Uuid),
    /// The trials the case picker shows for this text.
    FindCases(String),
    /// The trial of a case record, or of a hearing's case, for the case view.
    LoadTrial(Uuid),
    /// The agenda, from today.
    LoadAgenda,
    /// Case records that may be one trial recorded twice (of this trial's records, or all);
    /// `open` shows them on their screen, otherwise only how many there are is said.
    LoadSameTrials {
        case: Option<Uuid>,
        open: bool,
    },
    /// Join two case records as one trial (a lead said yes), then show the pairs left.
    JoinCases {
        a: Uuid,
        b: Uuid,
        case: Option<Uuid>,
    },
    /// Compute the reviewers' statistics for these hearings.
    LoadStats(Box<Filter>),
    /// Write a report of the statistics for these hearings next to the database
    /// (`printouts/report-…`): HTML, or XLSX when `xlsx`; public and aggregate, or naming
    /// judges as `choice` says.
    WriteReport {
        filter: Box<Filter>,
        xlsx: bool,
        choice: ReportChoice,
    },
    OpenHearing(Uuid),
    /// Load a hearing for the read-only detail view.
    ViewHearing(Uuid),
    /// Write a hearing to a file next to the database (`printouts/`), as the monitor chose
    /// after the print question's warning; recorded in the output log.
    PrintHearing {
        hearing: Uuid,
        choice: PrintChoice,
    },
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
    /// Add a court that is not in the shipped list; `for_hearing` when the hearing's court is
    /// to be set to it.
    AddCourt {
        court: Box<crate::store::NewCourt>,
        for_hearing: bool,
    },
    // ---- batches: export, merge, conflicts ----
    /// What the export screen starts from: the default folder and this database's last batch.
    ExportInfo,
    /// Write a batch (shows progress while it runs).
    Export(ExportRequest),
    /// The batch folders in a folder (`None`: the `batches` folder next to the database).
    FindBatches {
        folder: Option<String>,
    },
    /// Verify and plan batch folders, writing nothing; with `apply`, merge them (shows
    /// progress while it runs).
    Merge {
        paths: Vec<String>,
        apply: bool,
    },
    /// The conflicts merge kept: only the open ones unless `all`.
    LoadConflicts {
        all: bool,
    },
    /// Both versions of a conflict, side by side.
    OpenConflict(Uuid),
    /// Keep one side of an open conflict (who and when are recorded).
    ResolveConflict {
        conflict: Uuid,
        keep_incoming: bool,
    },
    /// Resolve an open conflict field by field: a new version, the local one with the
    /// incoming values of `take` (who and when are recorded).
    ResolveConflictFields {
        conflict: Uuid,
        take: Vec<Take>,
    },
}

impl Effect {
    /// Effects that may take long enough to need progress on the screen.
    pub(crate) fn is_long(&self) -> bool {
        matches!(
            self,
            Effect::Export(_)
                | Effect::Merge { .. }
                | Effect::LoadStats(_)
                | Effect::WriteReport { .. }
        )
    }
}

/// What the export screen asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    /// The folder the batch folder is written in.
    pub folder: String,
    pub scope: ScopeKind,
    /// First and last hearing date (`YYYY-MM-DD`), when limited.
    pub from: Option<String>,
    pub to: Option<String>,
    pub profile: Profile,
    pub redact: bool,
    /// A folder of plain files instead of one sealed file (after the screen's warning).
    pub plaintext: bool,
}

/// This database's public keys, as the settings screen shows them (`courtwatch keys show`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeysInfo {
    /// The signing key's fingerprint, once made (at the first export or `keys show`).
    pub signing: Option<String>,
    /// The age recipient and its fingerprint, at a lead's database.
    pub recipient: Option<(String, String)>,
    /// Leads' recipients and monitors' signing keys in the roster.
    pub recipients: usize,
    pub signers: usize,
    /// The output log's newest entries ([`OUTPUTS_SHOWN`]) and how many it holds.
    pub outputs: Vec<crate::store::OutputEntry>,
    pub outputs_total: usize,
}

/// How many entries of the output log the settings screen shows.
pub(crate) const OUTPUTS_SHOWN: usize = 5;

/// A batch written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDone {
    pub path: String,
    pub hearings: u64,
    pub seq: u32,
    pub monitor: String,
    pub profile: Profile,
    pub redacted: bool,
    /// Every CSV file written with its data rows, in the order written.
    pub files: Vec<(String, u64)>,
}

/// A batch folder found, read from its manifest only (nothing verified yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundBatch {
    pub path: String,
    pub name: String,
    pub monitor: String,
    pub seq: u32,
    pub hearings: u64,
    pub created_at: String,
    /// When it was merged here before, if it was.
    pub merged_at: Option<String>,
    /// Why its manifest cannot be read, if it cannot.
    pub problem: Option<String>,
}

/// What checking (or merging) a set of batches found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeReport {
    /// Merged (`true`) or only checked (`false`: nothing was written).
    pub applied: bool,
    /// In the order they were merged: by monitor and sequence number.
    pub batches: Vec<BatchReport>,
    /// Per monitor code, the sequence numbers still missing once these are merged.
    pub missing: Vec<(String, Vec<crate::store::Gap>)>,
}

impl MergeReport {
    /// Batches that verified and have something to merge.
    pub(crate) fn mergeable(&self) -> usize {
        self.batches
            .iter()
            .filter(|b| {
                matches!(
                    b.result,
                    BatchResult::Planned {
                        already_merged: None,
                        ..
                    }
                )
            })
            .count()
    }

    pub fn conflicts(&self) -> u64 {
        self.batches
            .iter()
            .map(|b| match &b.result {
                BatchResult::Planned { counts, .. } => counts.conflicts,
                _ => 0,
            })
            .sum()
    }
}

/// One batch of a merge report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchReport {
    pub path: String,
    pub name: String,
    /// From the manifest, when it could be read.
    pub monitor: Option<String>,
    pub seq: Option<u32>,
    pub result: BatchResult,
}

/// Hearing counts of a batch's plan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanCounts {
    pub new: u64,
    pub updated: u64,
    /// The same version, reviewed by a lead: the status is taken.
    pub review: u64,
    pub unchanged: u64,
    pub kept_local: u64,
    pub conflicts: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchResult {
    /// Verified and planned (and merged, in an applied report).
    Planned {
        counts: PlanCounts,
        already_merged: Option<String>,
        warnings: Vec<String>,
        /// Names (in the interface language) of the courts monitors added that it brings.
        courts: Vec<String>,
        /// What became of the joins of case records it brings (once merged).
        joins: crate::store::JoinsReceived,
    },
    /// Not merged: the first problems (file:line:column: message) and how many more.
    Rejected { problems: Vec<String>, more: usize },
    /// Merging failed; nothing from this batch was written.
    Failed(String),
}

/// An open (or resolved) conflict, with what identifies its hearing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictItem {
    pub row: ConflictRow,
    pub date: String,
    /// A court code.
    pub court: String,
    pub case_number: String,
    /// The monitor code and sequence number of the batch the incoming version came in.
    pub from: String,
    pub seq: Option<u32>,
}

/// Both versions of a conflicting hearing.
#[derive(Debug, Clone)]
pub struct ConflictPair {
    pub item: ConflictItem,
    pub local: HearingRecord,
    pub incoming: HearingRecord,
}

#[derive(Debug, Clone)]
pub enum Outcome {
    /// The database is open; `profile` is its monitor.
    Opened {
        profile: Monitor,
        lock_minutes: u64,
        /// A lead's key is in the roster: batches and printouts can be sealed to it.
        lead_key: bool,
    },
    Unlocked,
    WrongPassphrase(String),
    /// The database was closed (the screen is locked).
    Closed,
    /// When the last backup was made (RFC 3339), if ever; after how many days of drafts
    /// without one the list reminds of one; after how many wrong passphrases in a row the
    /// database is erased (0: never).
    KeySettings {
        last_backup: Option<String>,
        remind_days: u64,
        erase_after: u32,
    },
    /// Since when drafts have gone without a backup (if they have), and after how many days
    /// the list reminds of one.
    BackupDue {
        since: Option<DateTime<FixedOffset>>,
        days: u64,
    },
    /// The passphrase was changed; the database is open under the new one.
    PassphraseChanged,
    /// The database was erased: the sentence to leave on the terminal, and the program ends.
    Erased(String),
    /// The database could not be opened again after a failed change: the screen locks, and
    /// unlocking opens it again.
    StoreLost(String),
    KeysInfo(Box<KeysInfo>),
    /// A backup was written to `path` at `at`.
    BackedUp {
        path: String,
        at: String,
    },
    ListLoaded {
        rows: Vec<HearingSummary>,
        /// The number of matches, when it was counted.
        total: Option<u64>,
        offset: u64,
    },
    HearingCreated(Uuid),
    /// The trials found for the case picker's text `query`.
    CasesFound {
        query: String,
        found: Vec<crate::store::CaseSummary>,
    },
    TrialLoaded(Box<crate::store::Trial>),
    AgendaLoaded {
        today: String,
        items: Vec<crate::store::AgendaItem>,
    },
    /// Case records that may be one trial recorded twice; `joined` after a join.
    SameTrials {
        case: Option<Uuid>,
        pairs: Vec<(crate::store::CaseSummary, crate::store::CaseSummary)>,
        open: bool,
        joined: bool,
    },
    /// Statistics computed for this filter.
    StatsLoaded {
        stats: Box<crate::stats::Stats>,
        filter: Box<Filter>,
    },
    /// A report was written to this file.
    ReportWritten(String),
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
    /// A court was added (it is in the app's spec now); its code and name.
    CourtAdded {
        code: String,
        name: String,
        for_hearing: bool,
    },
    /// Something failed: a sentence for the status line.
    Failed(String),
    // ---- batches: export, merge, conflicts ----
    ExportInfo {
        /// The default folder: `batches` next to the database.
        folder: String,
        /// The last batch this database wrote.
        last: Option<Box<BatchOut>>,
        /// How many leads' recipients the roster holds (batches are sealed to them).
        recipients: usize,
    },
    Exported(Box<ExportDone>),
    /// No final hearing was in the scope: no batch was written.
    NothingToExport {
        since_last: bool,
    },
    BatchesFound {
        folder: String,
        batches: Vec<FoundBatch>,
    },
    Merged(Box<MergeReport>),
    ConflictsLoaded(Vec<ConflictItem>),
    ConflictOpened(Box<ConflictPair>),
    ConflictResolved {
        keep_incoming: bool,
    },
    /// A conflict resolved field by field.
    ConflictFieldsResolved(FieldsResolved),
}
