//! Reading a batch and checking everything merge relies on, before anything is written: the
//! manifest parses and its format version is known; `SHA256SUMS` and the manifest agree with
//! every file's size, row count and SHA-256; every row parses (right columns, UTF-8, valid
//! codes, dates, UUIDs); no UUID appears twice; every parent exists. The result is a [`Batch`]
//! (the manifest and the version chain of every hearing), or every problem found, each naming
//! the file, line and column.
//!
//! Memory stays flat whatever the batch's size: the files are read in one forward pass, all at
//! once, hearing by hearing ([`Records`]). This relies on the order export writes: hearings by
//! UUID, every other row grouped with its hearing in that order (the rows of a case — the
//! case, its parties, their charges and consents — with the first of its hearings). A row out
//! of that order is reported like any other problem. Merge reads the hearings again the same
//! way to write them.
//!
//! Both profiles are read: a leading BOM is skipped, the delimiter is detected from the header
//! (which holds only known column names), and the excel profile's formula guard is undone.

pub(crate) mod cells;
mod claims;
mod files;

pub(crate) use claims::{read_manifest, read_manifest_at};
pub use files::{Opened, Place, Refused, csv_files, open_path, plain_name};

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use uuid::Uuid;

use self::cells::{Reader, decode, newlines, open_csv};
use super::manifest::Manifest;
use super::rows::{Header, Layout, Row, Table, layout, match_header, read_row};
use super::{CODEBOOK, MANIFEST, Msg, MsgArg, Problem, Problems, SUMS, codebook};
use crate::domain::Status;
use crate::domain::{Case, Charge, Consent, HearingRecord, Party, content_hash};
use crate::msg;
use crate::spec::Spec;

/// A batch that passed every check.
#[derive(Debug, Clone)]
pub struct Batch {
    /// The folder or sealed file, as given.
    pub dir: PathBuf,
    /// Where its files are read from.
    pub place: Place,
    pub manifest: Manifest,
    /// The public key (minisign, `RW…`) whose signature of the manifest holds, if signed.
    pub signer: Option<String>,
    /// Every hearing's place in its version chain, in `hearings.csv` order.
    pub hearings: Vec<HearingHead>,
    /// Things worth knowing that do not stop a merge.
    pub warnings: Problems,
    /// The courts monitors added that the batch brings (`courts.csv`); its hearings may name
    /// them.
    pub courts: Vec<crate::spec::Court>,
    /// The joins of case records it brings (`case_joins.csv`).
    pub joins: Vec<crate::store::CaseJoin>,
    /// The exporting database's output log (`outputs.csv`).
    pub outputs: Vec<crate::store::OutputEntry>,
}

/// A hearing of a batch as a merge plan needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HearingHead {
    pub uuid: Uuid,
    pub case_uuid: Uuid,
    pub monitor_uuid: Uuid,
    pub status: Status,
    pub content_hash: String,
    pub ancestors: Vec<String>,
    /// Its line in `hearings.csv`.
    pub line: u64,
}

impl Batch {
    /// The batch's hearing records, read from the files one at a time, in `hearings.csv`
    /// order. Problems met on the way (the files changed since they were verified) are in
    /// [`Records::problems`] once the iteration ends.
    pub fn records<'s>(&self, spec: &'s Spec) -> Records<'s> {
        Records::open(spec, &self.place, &self.manifest, &self.hearings, false)
    }
}

/// One table file being read forward, one row ahead.
struct Cursor<'s> {
    file: String,
    layout: Layout<'s>,
    header: Header,
    rdr: Reader,
    rec: csv::ByteRecord,
    next_line: u64,
    last_line: u64,
    data_rows: u64,
    guard: bool,
    peeked: Option<(u64, Row)>,
    /// Whether the peeked row had a bad cell (it is read, its bad cells left empty).
    peeked_damaged: bool,
    /// Whether a damaged row was taken since [`Cursor::untaint`].
    tainted: bool,
    /// Whether a row was lost: its ids could not be read, so rows under it find no parent.
    lost: bool,
    /// Cells of the current row already reported, by position.
    bad: Vec<usize>,
    eof: bool,
    /// Problems of single rows are not reported again (an earlier pass did).
    quiet: bool,
}

impl<'s> Cursor<'s> {
    fn open(
        spec: &'s Spec,
        dir: &Place,
        table: Table,
        manifest: &Manifest,
        quiet: bool,
        problems: &mut Problems,
    ) -> Option<Cursor<'s>> {
        let file = table.file();
        let omitted: BTreeSet<String> = manifest
            .redaction
            .as_ref()
            .map(|r| r.omitted.iter().cloned().collect())
            .unwrap_or_default();
        let layout = layout(spec, table, &omitted);
        let mut sink = Problems::new();
        let p = if quiet { &mut sink } else { problems };
        let mut rdr = open_csv(dir, &file, manifest, p)?;
        let mut rec = csv::ByteRecord::new();
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => {
                p.push(Problem::at(&file, 1, None, msg!("batch-empty-file")));
                return None;
            }
            Err(e) => {
                p.push(Problem::at(
                    &file,
                    1,
                    None,
                    msg!("batch-cannot-read", error = e.to_string()),
                ));
                return None;
            }
        }
        rdr.get_mut().start_row();
        let next_line = 2 + newlines(&rec);
        let mut bad = Vec::new();
        let cells = decode(&rec, &file, 1, manifest.formula_guard, p, &mut bad);
        if !bad.is_empty() {
            return None;
        }
        let header = match match_header(&layout, &cells, &file) {
            Ok(h) => h,
            Err(e) => {
                p.extend(e);
                return None;
            }
        };
        Some(Cursor {
            file,
            layout,
            header,
            rdr,
            rec,
            next_line,
            last_line: 1,
            data_rows: 0,
            guard: manifest.formula_guard,
            peeked: None,
            peeked_damaged: false,
            tainted: false,
            lost: false,
            bad,
            eof: false,
            quiet,
        })
    }

    /// Reads ahead to the next row whose ids can be read; its other problems are reported
    /// (and the row marked damaged), rows without ids are reported and skipped.
    fn fill(&mut self, spec: &Spec, problems: &mut Problems) {
        let mut sink = Problems::new();
        let p = if self.quiet { &mut sink } else { problems };
        let mut found = Vec::new();
        while self.peeked.is_none() && !self.eof {
            match self.rdr.read_byte_record(&mut self.rec) {
                Ok(true) => {}
                Ok(false) => {
                    self.eof = true;
                    break;
                }
                Err(e) => {
                    p.push(Problem::at(
                        &self.file,
                        self.next_line,
                        None,
                        msg!("batch-cannot-read", error = e.to_string()),
                    ));
                    self.eof = true;
                    self.lost = true;
                    break;
                }
            }
            self.rdr.get_mut().start_row();
            let line = self.next_line;
            self.next_line += 1 + newlines(&self.rec);
            self.last_line = line;
            self.data_rows += 1;
            let before = p.total();
            let cells = decode(&self.rec, &self.file, line, self.guard, p, &mut self.bad);
            let want = self.layout.columns.len();
            if cells.len() != want {
                p.push(Problem::at(
                    &self.file,
                    line,
                    Some(cells.len().min(want) as u64 + 1),
                    msg!(
                        "batch-cell-count",
                        cells = cells.len().to_string(),
                        want = want.to_string()
                    ),
                ));
                self.lost = true;
                continue;
            }
            let row = read_row(
                spec,
                &self.layout,
                &self.header,
                &cells,
                &self.bad,
                &self.file,
                line,
                &mut found,
            );
            p.extend(found.drain(..));
            match row {
                Some(row) => {
                    self.peeked = Some((line, row));
                    self.peeked_damaged = p.total() > before;
                }
                None => self.lost = true,
            }
        }
    }

    fn peek(&mut self, spec: &Spec, problems: &mut Problems) -> Option<&(u64, Row)> {
        self.fill(spec, problems);
        self.peeked.as_ref()
    }

    fn take(&mut self) -> Option<(u64, Row)> {
        if self.peeked.is_some() && self.peeked_damaged {
            self.tainted = true;
        }
        self.peeked.take()
    }

    /// The 1-based column of a key column, for messages.
    fn column(&self, name: &str) -> Option<u64> {
        self.header.column(&self.layout, name)
    }

    /// Compares the rows read with the manifest (once the file was read to its end).
    fn check_count(&self, manifest: &Manifest, problems: &mut Problems) {
        if self.quiet {
            return;
        }
        if let Some(entry) = manifest.file(&self.file)
            && entry.rows != self.data_rows
        {
            problems.push(Problem::at(
                &self.file,
                self.last_line + 1,
                None,
                msg!(
                    "batch-row-count",
                    rows = self.data_rows.to_string(),
                    expected = entry.rows.to_string()
                ),
            ));
        }
    }
}

/// The rows of a case, kept while hearings of the case are still to come.
#[derive(Debug, Clone)]
struct CaseRows {
    /// Whether a row of the case had a bad cell.
    damaged: bool,
    case: Case,
    parties: Vec<Party>,
    charges: Vec<Charge>,
    consents: Vec<Consent>,
}

/// A reference to a party that only the end of the pass can judge (another case's party, or
/// none at all).
struct PartyRef {
    file: String,
    line: u64,
    column: Option<u64>,
    party: Uuid,
    case: Uuid,
}

/// The cursors of every table file, read in step.
struct Cursors<'s> {
    hearings: Option<Cursor<'s>>,
    cases: Option<Cursor<'s>>,
    parties: Option<Cursor<'s>>,
    hearing_parties: Option<Cursor<'s>>,
    charges: Option<Cursor<'s>>,
    answers: Option<Cursor<'s>>,
    allegations: Option<Cursor<'s>>,
    followups: Option<Cursor<'s>>,
    timeline: Option<Cursor<'s>>,
    consents: Option<Cursor<'s>>,
    audit: Option<Cursor<'s>>,
}

impl<'s> Cursors<'s> {
    fn all(&mut self) -> [&mut Option<Cursor<'s>>; 11] {
        [
            &mut self.hearings,
            &mut self.cases,
            &mut self.parties,
            &mut self.hearing_parties,
            &mut self.charges,
            &mut self.answers,
            &mut self.allegations,
            &mut self.followups,
            &mut self.timeline,
            &mut self.consents,
            &mut self.audit,
        ]
    }
}

/// Where a row belongs, as a forward pass sees it.
enum RowPlace {
    /// In the group being read now.
    Here,
    /// In a group still to come: leave it.
    Later,
    /// In a group already read: out of order.
    Earlier,
    /// Nowhere: its parent is not in the batch.
    Orphan,
}

/// The message for a row whose parent is not in the batch.
fn orphan(column: &str, parent: Uuid) -> Msg {
    let file = match column {
        "hearing_uuid" => "hearings.csv",
        "case_uuid" => "cases.csv",
        "party_uuid" => "parties.csv",
        "allegation_uuid" => "allegations.csv",
        _ => {
            return msg!(
                "batch-orphan-anywhere",
                column = column,
                parent = parent.to_string()
            );
        }
    };
    msg!(
        "batch-orphan",
        column = column,
        parent = parent.to_string(),
        file = file
    )
}

/// The message for a row that is not where its hearing's rows are.
fn out_of_place(column: &str) -> Msg {
    msg!("batch-out-of-place", column = column)
}

/// The list of folded ids of a table, when ids are being collected.
fn id_sink(ids: &mut Option<Vec<Vec<Fold>>>, table: Table) -> Option<&mut Vec<Fold>> {
    let i = Table::ALL.iter().position(|t| *t == table)?;
    ids.as_mut().and_then(|v| v.get_mut(i))
}

/// Takes the rows of `cursor` that belong to the current group, reporting (and skipping) rows
/// that belong to an earlier group or to no group.
fn take_group<'s, T>(
    cursor: &mut Option<Cursor<'s>>,
    spec: &Spec,
    problems: &mut Problems,
    parent_lost: bool,
    mut ids: Option<&mut Vec<Fold>>,
    place: impl Fn(&Row) -> (RowPlace, &'static str, Uuid),
    mut keep: impl FnMut(u64, Row) -> Option<T>,
) -> Vec<T> {
    let mut out = Vec::new();
    let Some(c) = cursor.as_mut() else {
        return out;
    };
    let mut note = |row: &Row| {
        if let Some(ids) = ids.as_deref_mut() {
            ids.push(fold(row.uuid()));
        }
    };
    while let Some((_, row)) = c.peek(spec, problems) {
        let (where_, column, parent) = place(row);
        match where_ {
            RowPlace::Later => break,
            RowPlace::Here => {
                if let Some((line, row)) = c.take() {
                    note(&row);
                    if let Some(t) = keep(line, row) {
                        out.push(t);
                    }
                }
            }
            RowPlace::Earlier | RowPlace::Orphan => {
                let Some((line, row)) = c.take() else { break };
                note(&row);
                if parent_lost && matches!(where_, RowPlace::Orphan) {
                    // Its parent is likely the row whose ids could not be read: that row's
                    // problem says all there is to say.
                    continue;
                }
                let message = if matches!(where_, RowPlace::Orphan) {
                    orphan(column, parent)
                } else {
                    out_of_place(column)
                };
                problems.push(Problem::at(&c.file, line, c.column(column), message));
            }
        }
    }
    out
}

/// Where a row of a hearing belongs, given the hearing being read (hearings come in UUID
/// order).
fn hearing_place(hearings: &HashSet<Uuid>, current: Uuid, hearing: Uuid) -> RowPlace {
    if !hearings.contains(&hearing) {
        RowPlace::Orphan
    } else if hearing == current {
        RowPlace::Here
    } else if hearing < current {
        RowPlace::Earlier
    } else {
        RowPlace::Later
    }
}

/// Reads the hearing records of a batch, one at a time, checking as it goes.
pub struct Records<'s> {
    spec: &'s Spec,
    manifest: Manifest,
    cursors: Cursors<'s>,
    /// Every hearing of the batch, and how many of each case's are still to come.
    hearings: HashSet<Uuid>,
    first_of_case: HashMap<Uuid, Uuid>,
    left_of_case: HashMap<Uuid, u32>,
    kept_cases: HashMap<Uuid, CaseRows>,
    /// The current hearing (rows of hearings before it are out of place).
    current: Option<Uuid>,
    /// Every party and allegation read so far: party → case, allegation → hearing.
    parties: HashMap<Uuid, Uuid>,
    allegations: HashMap<Uuid, Uuid>,
    party_refs: Vec<PartyRef>,
    party_refs_more: u64,
    /// Folded ids of every row per file, to find ids used twice (verify only).
    ids: Option<Vec<Vec<Fold>>>,
    pub problems: Problems,
    finished: bool,
}

/// Whether a file lost a row (its ids could not be read).
fn lost(c: &Option<Cursor<'_>>) -> bool {
    c.as_ref().is_some_and(|c| c.lost)
}

/// Whether a damaged row of a file went into the record being read.
fn tainted(c: &Option<Cursor<'_>>) -> bool {
    c.as_ref().is_some_and(|c| c.tainted)
}

/// 48 bits of an id: what is kept of every row's id to find ids used twice, in six bytes a
/// row (4 million rows of a 100,000-hearing batch). Two ids of a file fold alike by chance
/// about once in 40 batches of that size; then that file is read once more for nothing.
type Fold = [u8; 6];

fn fold(id: Uuid) -> Fold {
    let n = id.as_u128();
    let b = ((n >> 64) as u64 ^ n as u64).to_le_bytes();
    [b[0], b[1], b[2], b[3], b[4], b[5]]
}

/// How many rows of `table` to make room for: the manifest's count, as far as the file's
/// size can hold that many rows (a manifest is not trusted with memory). Lists sized so never
/// grow by copying, which at 4 million rows briefly holds them twice.
fn rows_expected(dir: &Place, manifest: &Manifest, table: Table) -> usize {
    // A row holds at least its 36-character id and a line end.
    const LEAST_ROW_BYTES: u64 = 38;
    let file = table.file();
    let rows = manifest.file(&file).map_or(0, |e| e.rows);
    let fits = dir.size(&file).map_or(0, |len| len / LEAST_ROW_BYTES);
    usize::try_from(rows.min(fits)).unwrap_or(0)
}

impl<'s> Records<'s> {
    fn open(
        spec: &'s Spec,
        dir: &Place,
        manifest: &Manifest,
        heads: &[HearingHead],
        verifying: bool,
    ) -> Records<'s> {
        let mut problems = Problems::new();
        let mut open =
            |t: Table, quiet: bool| Cursor::open(spec, dir, t, manifest, quiet, &mut problems);
        // While verifying, hearings.csv was read (and its problems reported) by the first pass.
        let cursors = Cursors {
            hearings: open(Table::Hearings, verifying),
            cases: open(Table::Cases, false),
            parties: open(Table::Parties, false),
            hearing_parties: open(Table::HearingParties, false),
            charges: open(Table::Charges, false),
            answers: open(Table::ChecklistAnswers, false),
            allegations: open(Table::Allegations, false),
            followups: open(Table::Followups, false),
            timeline: open(Table::Timeline, false),
            consents: open(Table::Consents, false),
            audit: open(Table::Audit, false),
        };
        let mut first_of_case = HashMap::new();
        let mut left_of_case: HashMap<Uuid, u32> = HashMap::new();
        for h in heads {
            first_of_case.entry(h.case_uuid).or_insert(h.uuid);
            *left_of_case.entry(h.case_uuid).or_default() += 1;
        }
        Records {
            spec,
            manifest: manifest.clone(),
            cursors,
            hearings: heads.iter().map(|h| h.uuid).collect(),
            first_of_case,
            left_of_case,
            kept_cases: HashMap::new(),
            current: None,
            parties: HashMap::with_capacity(rows_expected(dir, manifest, Table::Parties)),
            allegations: HashMap::new(),
            party_refs: Vec::new(),
            party_refs_more: 0,
            ids: verifying.then(|| {
                Table::ALL
                    .into_iter()
                    .map(|t| Vec::with_capacity(rows_expected(dir, manifest, t)))
                    .collect()
            }),
            problems,
            finished: false,
        }
    }

    /// Whether a file lost a row so far (one whose ids could not be read).
    fn lost_any(&mut self) -> bool {
        self.cursors.all().into_iter().any(|c| lost(c))
    }

    /// Bytes read from the files so far (the CSV parsers' positions), to size hand-overs.
    fn bytes_read(&mut self) -> u64 {
        self.cursors
            .all()
            .into_iter()
            .filter_map(|c| c.as_ref().map(|c| c.rdr.position().byte()))
            .sum()
    }

    /// Reads the rows of case `case`, which come with its first hearing.
    fn read_case(&mut self, case: Uuid, hearing_line: u64) -> CaseRows {
        let spec = self.spec;
        let first = &self.first_of_case;
        let current = self.current;
        let place_of_case = |c: Uuid| match (first.get(&c), current) {
            (None, _) => RowPlace::Orphan,
            (Some(_), _) if c == case => RowPlace::Here,
            (Some(f), Some(cur)) if *f < cur => RowPlace::Earlier,
            _ => RowPlace::Later,
        };
        let hearing_lost = lost(&self.cursors.hearings);
        let mut cases = take_group(
            &mut self.cursors.cases,
            spec,
            &mut self.problems,
            hearing_lost,
            id_sink(&mut self.ids, Table::Cases),
            |r| (place_of_case(r.uuid()), "uuid", r.uuid()),
            |_, r| match r {
                Row::Case(c) => Some(c),
                _ => None,
            },
        );
        let case_row = if cases.is_empty() {
            let col = self
                .cursors
                .hearings
                .as_ref()
                .and_then(|c| c.column("case_uuid"));
            // When a row of cases.csv was lost, that is where the case went.
            if !lost(&self.cursors.cases) {
                self.problems.push(Problem::at(
                    "hearings.csv",
                    hearing_line,
                    col,
                    msg!("batch-case-misplaced", case = case.to_string()),
                ));
            }
            Case {
                uuid: case,
                fields: Default::default(),
            }
        } else {
            // More than one row for the case: ids used twice, reported at the end.
            cases.swap_remove(0)
        };
        let cases_lost = lost(&self.cursors.cases);
        let parties: Vec<Party> = take_group(
            &mut self.cursors.parties,
            spec,
            &mut self.problems,
            cases_lost,
            id_sink(&mut self.ids, Table::Parties),
            |r| match r {
                Row::Party(p) => (place_of_case(p.case_uuid), "case_uuid", p.case_uuid),
                _ => (RowPlace::Later, "", Uuid::nil()),
            },
            |_, r| match r {
                Row::Party(p) => Some(p),
                _ => None,
            },
        );
        for p in &parties {
            self.parties.insert(p.uuid, p.case_uuid);
        }
        let ours: HashSet<Uuid> = parties.iter().map(|p| p.uuid).collect();
        let known = &self.parties;
        let place_of_party = |p: Uuid| {
            if ours.contains(&p) {
                RowPlace::Here
            } else if known.contains_key(&p) {
                RowPlace::Earlier
            } else {
                // A party of a case still to come, or of none: the end of the pass tells.
                RowPlace::Later
            }
        };
        let parties_lost = lost(&self.cursors.parties);
        let charges: Vec<Charge> = take_group(
            &mut self.cursors.charges,
            spec,
            &mut self.problems,
            parties_lost,
            id_sink(&mut self.ids, Table::Charges),
            |r| match r {
                Row::Charge(c) => (place_of_party(c.party_uuid), "party_uuid", c.party_uuid),
                _ => (RowPlace::Later, "", Uuid::nil()),
            },
            |_, r| match r {
                Row::Charge(c) => Some(c),
                _ => None,
            },
        );
        let consents: Vec<Consent> = take_group(
            &mut self.cursors.consents,
            spec,
            &mut self.problems,
            parties_lost,
            id_sink(&mut self.ids, Table::Consents),
            |r| match r {
                Row::Consent(c) => (place_of_party(c.party_uuid), "party_uuid", c.party_uuid),
                _ => (RowPlace::Later, "", Uuid::nil()),
            },
            |_, r| match r {
                Row::Consent(c) => Some(c),
                _ => None,
            },
        );
        let c = &self.cursors;
        CaseRows {
            damaged: tainted(&c.cases)
                || tainted(&c.parties)
                || tainted(&c.charges)
                || tainted(&c.consents),
            case: case_row,
            parties,
            charges,
            consents,
        }
    }

    /// The next hearing record, or `None` at the end (then [`Records::problems`] is complete).
    pub(crate) fn next_record(&mut self) -> Option<(u64, HearingRecord)> {
        self.next_checked().map(|(line, r, _)| (line, r))
    }

    /// The next hearing record, its line in `hearings.csv`, and whether one of its rows had a
    /// bad cell (then what is computed from it, such as its content hash, is not judged).
    pub(crate) fn next_checked(&mut self) -> Option<(u64, HearingRecord, bool)> {
        if self.finished {
            return None;
        }
        for c in self.cursors.all() {
            if let Some(c) = c.as_mut() {
                c.tainted = false;
            }
        }
        let spec = self.spec;
        let hearing = loop {
            let c = self.cursors.hearings.as_mut()?;
            if c.peek(spec, &mut self.problems).is_none() {
                self.finish();
                return None;
            }
            match c.take() {
                Some((line, Row::Hearing(h))) => break (line, h),
                _ => continue,
            }
        };
        let (line, h) = hearing;
        if self.current.is_some_and(|c| h.uuid <= c) {
            // Reported by the first pass; reading on would misplace every row after it.
            self.problems.push(Problem::at(
                "hearings.csv",
                line,
                None,
                msg!("batch-hearings-unordered"),
            ));
        }
        self.current = Some(h.uuid);
        let case = match self.kept_cases.get(&h.case_uuid) {
            Some(rows) => rows.clone(),
            None => self.read_case(h.case_uuid, line),
        };
        let case_damaged = case.damaged;
        if let Some(left) = self.left_of_case.get_mut(&h.case_uuid) {
            *left = left.saturating_sub(1);
            if *left == 0 {
                self.kept_cases.remove(&h.case_uuid);
            } else {
                self.kept_cases.insert(h.case_uuid, case.clone());
            }
        }

        let uuid = h.uuid;
        let hearing_lost = lost(&self.cursors.hearings);
        macro_rules! hearing_rows {
            ($cursor:ident, $variant:ident, $table:expr) => {{
                let rows = take_group(
                    &mut self.cursors.$cursor,
                    spec,
                    &mut self.problems,
                    hearing_lost,
                    id_sink(&mut self.ids, $table),
                    |r| match r {
                        Row::$variant(x) => (
                            hearing_place(&self.hearings, uuid, x.hearing_uuid),
                            "hearing_uuid",
                            x.hearing_uuid,
                        ),
                        _ => (RowPlace::Later, "", Uuid::nil()),
                    },
                    |line, r| match r {
                        Row::$variant(x) => Some((line, x)),
                        _ => None,
                    },
                );
                rows
            }};
        }
        let hearing_parties = hearing_rows!(hearing_parties, HearingParty, Table::HearingParties);
        let answers = hearing_rows!(answers, Answer, Table::ChecklistAnswers);
        let allegations = hearing_rows!(allegations, Allegation, Table::Allegations);
        let timeline = hearing_rows!(timeline, Event, Table::Timeline);
        let audit = hearing_rows!(audit, Audit, Table::Audit);
        for (_, a) in &allegations {
            self.allegations.insert(a.uuid, a.hearing_uuid);
        }
        let ours: HashSet<Uuid> = allegations.iter().map(|(_, a)| a.uuid).collect();
        let known = &self.allegations;
        let allegations_lost = lost(&self.cursors.allegations);
        let followups = take_group(
            &mut self.cursors.followups,
            spec,
            &mut self.problems,
            allegations_lost,
            id_sink(&mut self.ids, Table::Followups),
            |r| match r {
                Row::Followup(f) => (
                    if ours.contains(&f.allegation_uuid) {
                        RowPlace::Here
                    } else if known.contains_key(&f.allegation_uuid) {
                        RowPlace::Earlier
                    } else {
                        RowPlace::Later
                    },
                    "allegation_uuid",
                    f.allegation_uuid,
                ),
                _ => (RowPlace::Later, "", Uuid::nil()),
            },
            |_, r| match r {
                Row::Followup(f) => Some(f),
                _ => None,
            },
        );

        // The people named at this hearing must be people of its case.
        let case_parties: HashSet<Uuid> = case.parties.iter().map(|p| p.uuid).collect();
        let mut refs = Vec::new();
        let mut check_party = |file: &str, line: u64, col: Option<u64>, party: Option<Uuid>| {
            if let Some(p) = party
                && !case_parties.contains(&p)
            {
                refs.push(PartyRef {
                    file: file.to_owned(),
                    line,
                    column: col,
                    party: p,
                    case: case.case.uuid,
                });
            }
        };
        let col = |c: &Option<Cursor<'_>>| c.as_ref().and_then(|c| c.column("party_uuid"));
        let (hp_col, an_col, al_col) = (
            col(&self.cursors.hearing_parties),
            col(&self.cursors.answers),
            col(&self.cursors.allegations),
        );
        let mut pairs = HashSet::new();
        for (line, x) in &hearing_parties {
            check_party("hearing_parties.csv", *line, hp_col, Some(x.party_uuid));
            if !pairs.insert(x.party_uuid) {
                self.problems.push(Problem::at(
                    "hearing_parties.csv",
                    *line,
                    hp_col,
                    msg!(
                        "batch-party-twice",
                        party = x.party_uuid.to_string(),
                        hearing = uuid.to_string()
                    ),
                ));
            }
        }
        let mut answered = HashSet::new();
        for (line, x) in &answers {
            check_party("checklist_answers.csv", *line, an_col, x.party_uuid);
            if !answered.insert((x.item_code.as_str(), x.party_uuid)) {
                let c = self
                    .cursors
                    .answers
                    .as_ref()
                    .and_then(|c| c.column("item_code"));
                self.problems.push(Problem::at(
                    "checklist_answers.csv",
                    *line,
                    c,
                    match x.party_uuid {
                        None => msg!(
                            "batch-item-twice",
                            item = &x.item_code,
                            hearing = uuid.to_string()
                        ),
                        Some(q) => msg!(
                            "batch-item-twice-for-party",
                            item = &x.item_code,
                            hearing = uuid.to_string(),
                            party = q.to_string()
                        ),
                    },
                ));
            }
        }
        for (line, x) in &allegations {
            check_party("allegations.csv", *line, al_col, x.party_uuid);
        }
        // Each is a problem (another case's party, or none): past the number of problems
        // kept they are only counted.
        let room = super::KEPT_PROBLEMS.saturating_sub(self.party_refs.len());
        self.party_refs_more += refs.len().saturating_sub(room) as u64;
        self.party_refs.extend(refs.into_iter().take(room));

        let mut record = HearingRecord {
            case: case.case,
            hearing: h,
            parties: case.parties,
            hearing_parties: hearing_parties.into_iter().map(|x| x.1).collect(),
            charges: case.charges,
            answers: answers.into_iter().map(|x| x.1).collect(),
            allegations: allegations.into_iter().map(|x| x.1).collect(),
            followups,
            timeline: timeline.into_iter().map(|x| x.1).collect(),
            consents: case.consents,
            audit: audit.into_iter().map(|x| x.1).collect(),
        };
        record.normalise();
        let damaged = case_damaged || self.cursors.all().into_iter().any(|c| tainted(c));
        Some((line, record, damaged))
    }

    /// After the last hearing: rows that found no place, party references to other cases,
    /// row counts. Called by the iteration's end; calling it again does nothing.
    pub fn finish(&mut self) {
        if self.finished {
            return;
        }
        self.finished = true;
        let spec = self.spec;
        let manifest = self.manifest.clone();
        let mut problems = std::mem::take(&mut self.problems);
        let mut ids = self.ids.take();
        let c = &self.cursors;
        let lost_parents = [
            lost(&c.hearings),
            lost(&c.cases),
            lost(&c.parties),
            lost(&c.allegations),
        ];
        for (table, cursor) in Table::ALL.into_iter().zip(self.cursors.all()) {
            let Some(c) = cursor.as_mut() else { continue };
            // What is left found no place: the first such row is named, the rest counted.
            let mut first: Option<(u64, Row)> = None;
            let mut second: Option<u64> = None;
            let mut more = 0u64;
            while c.peek(spec, &mut problems).is_some() {
                let Some((line, row)) = c.take() else { break };
                if let Some(sink) = id_sink(&mut ids, table) {
                    sink.push(fold(row.uuid()));
                }
                if first.is_none() {
                    first = Some((line, row));
                } else {
                    second.get_or_insert(line);
                    more += 1;
                }
            }
            if let Some((line, row)) = &first {
                let (column, parent, known) = match row {
                    Row::Case(x) => ("uuid", x.uuid, self.first_of_case.contains_key(&x.uuid)),
                    Row::Party(x) => (
                        "case_uuid",
                        x.case_uuid,
                        self.first_of_case.contains_key(&x.case_uuid),
                    ),
                    Row::Charge(x) => (
                        "party_uuid",
                        x.party_uuid,
                        self.parties.contains_key(&x.party_uuid),
                    ),
                    Row::Consent(x) => (
                        "party_uuid",
                        x.party_uuid,
                        self.parties.contains_key(&x.party_uuid),
                    ),
                    Row::Followup(x) => (
                        "allegation_uuid",
                        x.allegation_uuid,
                        self.allegations.contains_key(&x.allegation_uuid),
                    ),
                    Row::HearingParty(x) => ("hearing_uuid", x.hearing_uuid, true),
                    Row::Answer(x) => ("hearing_uuid", x.hearing_uuid, true),
                    Row::Allegation(x) => ("hearing_uuid", x.hearing_uuid, true),
                    Row::Event(x) => ("hearing_uuid", x.hearing_uuid, true),
                    Row::Audit(x) => ("hearing_uuid", x.hearing_uuid, true),
                    Row::Hearing(x) => ("uuid", x.uuid, true),
                };
                let parent_lost = lost_parents[match row {
                    Row::Party(_) => 1,
                    Row::Charge(_) | Row::Consent(_) => 2,
                    Row::Followup(_) => 3,
                    _ => 0,
                }];
                if !known && parent_lost {
                    // The parent is likely a row whose ids could not be read, and that row's
                    // problem says all there is to say.
                    c.check_count(&manifest, &mut problems);
                    continue;
                }
                let message = match row {
                    Row::Case(x) if !self.first_of_case.contains_key(&x.uuid) => {
                        msg!("batch-case-without-hearing", case = x.uuid.to_string())
                    }
                    _ if known => out_of_place(column),
                    _ => orphan(column, parent),
                };
                problems.push(Problem::at(&c.file, *line, c.column(column), message));
                if let Some(second) = second {
                    problems.push(Problem::at(
                        &c.file,
                        second,
                        None,
                        msg!(
                            "batch-more-without-place",
                            more = more,
                            line = line.to_string()
                        ),
                    ));
                }
            }
            c.check_count(&manifest, &mut problems);
        }
        self.ids = ids;
        problems.more += std::mem::take(&mut self.party_refs_more);
        for r in std::mem::take(&mut self.party_refs) {
            let message = match self.parties.get(&r.party) {
                Some(other) => msg!(
                    "batch-party-other-case",
                    party = r.party.to_string(),
                    other = other.to_string(),
                    case = r.case.to_string()
                ),
                None if lost_parents[2] => continue,
                None => orphan("party_uuid", r.party),
            };
            problems.push(Problem::at(&r.file, r.line, r.column, message));
        }
        self.problems = problems;
    }

    /// Ids used more than once, per file (verify only): the folded ids say which might be,
    /// a second look at those files says where.
    fn duplicates(&mut self, dir: &Place) -> Problems {
        let mut out = Problems::new();
        let Some(ids) = self.ids.take() else {
            return out;
        };
        for (table, mut folded) in Table::ALL.into_iter().zip(ids) {
            folded.sort_unstable();
            // Only as many ids are looked for again as problems are kept; the rest are counted.
            let mut twice: HashSet<Fold> = HashSet::new();
            let mut extra = 0u64;
            for w in folded.windows(2).filter(|w| w[0] == w[1]) {
                extra += 1;
                if twice.len() < super::KEPT_PROBLEMS {
                    twice.insert(w[0]);
                }
            }
            drop(folded);
            if twice.is_empty() {
                continue;
            }
            let mut sink = Problems::new();
            let Some(mut c) = Cursor::open(self.spec, dir, table, &self.manifest, true, &mut sink)
            else {
                continue;
            };
            let mut first: HashMap<Uuid, u64> = HashMap::new();
            let mut named = 0u64;
            while let Some((line, row)) = c.peek(self.spec, &mut sink).cloned() {
                c.take();
                let id = row.uuid();
                if !twice.contains(&fold(id)) {
                    continue;
                }
                match first.get(&id) {
                    Some(f) => {
                        named += 1;
                        out.push(Problem::at(
                            &c.file,
                            line,
                            c.column("uuid"),
                            msg!(
                                "batch-uuid-twice",
                                uuid = id.to_string(),
                                first = f.to_string()
                            ),
                        ));
                    }
                    None => {
                        first.insert(id, line);
                    }
                }
            }
            out.more += extra.saturating_sub(named);
        }
        out
    }
}

impl Iterator for Records<'_> {
    type Item = HearingRecord;

    fn next(&mut self) -> Option<HearingRecord> {
        self.next_record().map(|(_, r)| r)
    }
}

/// The first pass: `hearings.csv` alone, for every hearing's version chain and the order the
/// rest is read in.
fn read_heads(
    spec: &Spec,
    dir: &Place,
    manifest: &Manifest,
    problems: &mut Problems,
) -> Vec<HearingHead> {
    let mut heads: Vec<HearingHead> =
        Vec::with_capacity(rows_expected(dir, manifest, Table::Hearings));
    let Some(mut c) = Cursor::open(spec, dir, Table::Hearings, manifest, false, problems) else {
        return heads;
    };
    let monitors: HashSet<Uuid> = manifest.monitors.iter().map(|m| m.uuid).collect();
    let uuid_col = c.column("uuid");
    let monitor_col = c.column("monitor_uuid");
    let versions_col = c.column("form_versions");
    // Most batches hold one set of form versions: each different cell is judged once.
    let mut versions_seen: HashSet<String> = HashSet::new();
    while c.peek(spec, problems).is_some() {
        let Some((line, Row::Hearing(h))) = c.take() else {
            continue;
        };
        if let Some(prev) = heads.last()
            && h.uuid <= prev.uuid
        {
            problems.push(Problem::at(
                "hearings.csv",
                line,
                uuid_col,
                if h.uuid == prev.uuid {
                    msg!(
                        "batch-uuid-twice",
                        uuid = h.uuid.to_string(),
                        first = prev.line.to_string()
                    )
                } else {
                    msg!(
                        "batch-hearing-order",
                        uuid = h.uuid.to_string(),
                        previous = prev.uuid.to_string()
                    )
                },
            ));
            continue;
        }
        if !monitors.contains(&h.monitor_uuid) {
            problems.push(Problem::at(
                "hearings.csv",
                line,
                monitor_col,
                msg!(
                    "batch-unknown-monitor",
                    monitor = h.monitor_uuid.to_string()
                ),
            ));
        }
        if !versions_seen.contains(&h.form_versions) {
            if let Some(why) = claims::form_versions_problem(spec, &h.form_versions) {
                problems.push(Problem::at("hearings.csv", line, versions_col, why));
            } else if versions_seen.len() < 64 {
                versions_seen.insert(h.form_versions.clone());
            }
        }
        heads.push(HearingHead {
            uuid: h.uuid,
            case_uuid: h.case_uuid,
            monitor_uuid: h.monitor_uuid,
            status: h.status,
            content_hash: h.content_hash,
            ancestors: h.ancestors,
            line,
        });
    }
    c.check_count(manifest, problems);
    if manifest.hearings != heads.len() as u64 && problems.is_empty() {
        problems.push(Problem::file(
            MANIFEST,
            msg!(
                "batch-hearing-count",
                said = manifest.hearings.to_string(),
                found = heads.len().to_string()
            ),
        ));
    }
    heads
}

/// Reads and checks the batch folder `dir`. Nothing is written anywhere.
pub fn verify(spec: &Spec, dir: &Path) -> Result<Batch, Problems> {
    read_manifest(dir)?;
    verify_at(spec, &Place::Folder(dir.to_owned()))
}

/// Checks the signature of the manifest (`bytes`): the signer's public key when it holds.
/// A sealed batch must be signed; a folder may be unsigned.
fn check_signature(
    dir: &Place,
    manifest: &Manifest,
    bytes: &[u8],
    problems: &mut Problems,
) -> Option<String> {
    use super::sealed::{SIGNATURE, trusted_comment};
    let signature = match files::read_small(dir, SIGNATURE, files::SIGNATURE_MAX) {
        Ok(b) => Some(b),
        Err(Refused::Missing) => None,
        Err(r) => {
            problems.push(Problem::file(SIGNATURE, r.msg()));
            return None;
        }
    };
    match (signature, &manifest.signing_key) {
        (Some(sig), Some(key)) => {
            match crate::keys::verify_signature(key, &String::from_utf8_lossy(&sig), bytes) {
                Ok(comment) if comment == trusted_comment(manifest) => Some(key.clone()),
                Ok(comment) => {
                    problems.push(Problem::file(
                        SIGNATURE,
                        msg!(
                            "batch-signature-other-batch",
                            comment = format!("{comment:?}"),
                            ours = format!("{:?}", trusted_comment(manifest))
                        ),
                    ));
                    None
                }
                Err(why) => {
                    problems.push(Problem::file(SIGNATURE, why));
                    None
                }
            }
        }
        (Some(_), None) => {
            problems.push(Problem::file(MANIFEST, msg!("batch-signature-without-key")));
            None
        }
        (None, Some(_)) => {
            problems.push(Problem::file(SIGNATURE, msg!("batch-signature-missing")));
            None
        }
        (None, None) if matches!(dir, Place::Sealed(_)) => {
            problems.push(Problem::file(SIGNATURE, msg!("batch-sealed-unsigned")));
            None
        }
        // A plain folder may be unsigned (written by another tool, or before batches were
        // signed): `verify` says so.
        (None, None) => None,
    }
}

/// Reads and checks the batch at `dir` (a folder, or a sealed file being decrypted). Nothing
/// is written anywhere.
pub fn verify_at(spec: &Spec, dir: &Place) -> Result<Batch, Problems> {
    let (manifest, bytes) = read_manifest_at(dir)?;
    let mut problems = Problems::new();
    let mut warnings = Problems::new();
    let signer = check_signature(dir, &manifest, &bytes, &mut problems);
    claims::check_form_versions(spec, &manifest, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    // Courts monitors added come first: the rows may name them.
    let courts = super::courts::read(dir, &manifest, spec, &mut problems);
    if !problems.is_empty() {
        // The rows naming a court it would have brought would only repeat the problem.
        return Err(problems);
    }
    let with_courts;
    let spec = if courts.is_empty() {
        spec
    } else {
        with_courts = spec.with_courts(&courts);
        &with_courts
    };
    if manifest.form_versions != spec.versions().into_iter().collect() {
        warnings.push(Problem::file(MANIFEST, msg!("batch-older-form-versions")));
    }
    // The checksums read every file once more; a second thread does that while this one
    // checks the rows (their problems are listed first, as if found first).
    let (mut files, mut rows, heads) = std::thread::scope(|scope| {
        let files = scope.spawn(|| {
            let mut problems = Problems::new();
            files::check_files(dir, &manifest, &mut problems);
            problems
        });
        let (rows, heads) = check_rows(spec, dir, &manifest);
        let files = files
            .join()
            .unwrap_or_else(|_| vec![Problem::file(SUMS, msg!("batch-internal-sums"))].into());
        (files, rows, heads)
    });
    problems.append(&mut files);
    problems.append(&mut rows);
    check_codebook(dir, &manifest, &mut problems);
    let joins = super::joins::read(dir, &manifest, &mut problems);
    let outputs = super::outlog::read(dir, &manifest, &mut problems);
    if problems.is_empty() {
        Ok(Batch {
            dir: dir.path().to_owned(),
            place: dir.clone(),
            manifest,
            signer,
            hearings: heads,
            warnings,
            courts,
            joins,
            outputs,
        })
    } else {
        Err(problems)
    }
}

/// Checks every row of a batch's files (all of [`verify`] but the checksums and codebook):
/// the problems found, and the hearings' places in their version chains. When a file cannot
/// be read or its header is wrong, its rows are not looked at, nor those of the other files
/// (they would only give problems that follow from it).
fn check_rows(spec: &Spec, dir: &Place, manifest: &Manifest) -> (Problems, Vec<HearingHead>) {
    let mut problems = Problems::new();
    let mut readable = true;
    for t in Table::ALL {
        readable &= Cursor::open(spec, dir, t, manifest, false, &mut problems).is_some();
    }
    if !readable || !problems.is_empty() {
        return (problems, Vec::new());
    }
    let heads = read_heads(spec, dir, manifest, &mut problems);
    let mut records = Records::open(spec, dir, manifest, &heads, true);
    // A redacted batch's hashes are of the full records, which it does not hold, and its
    // restricted fields are left out: neither is judged (it is never merged).
    let judge = !manifest.redacted;
    let ours = spec
        .versions()
        .iter()
        .map(|(f, v)| format!("{f}={v}"))
        .collect::<Vec<_>>()
        .join("|");
    let columns = records
        .cursors
        .hearings
        .as_ref()
        .map(|c| (c.layout.clone(), c.header.clone()));
    // Hashing a record costs a quarter of reading it, so a second thread judges the records
    // (their content hashes, and the rules of finalising) while this one reads.
    let judged = std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<(u64, HearingRecord)>>(4);
        // Judged runs come back to be freed here, where they were made (see
        // `store::handover`: glibc frees another thread's memory under that thread's lock).
        let (back, hashed) = std::sync::mpsc::channel();
        let columns = &columns;
        let ours = &ours;
        let judge_thread = scope.spawn(move || {
            let mut found = Problems::new();
            let mut stale = false;
            for run in receive {
                for (line, r) in &run {
                    stale |= judge_record(spec, *line, r, ours, columns.as_ref(), &mut found);
                }
                let _ = back.send(run);
            }
            (found, stale)
        });
        let mut run = Vec::with_capacity(HASH_RUN);
        let mut run_bytes = 0u64;
        let mut read = records.bytes_read();
        while let Some((line, record, damaged)) = records.next_checked() {
            // A record with a bad cell is judged by that cell's problem alone; once a row was
            // lost (its ids unreadable), the records from there on may lack it: nor are they.
            if judge && !damaged && !records.lost_any() {
                run.push((line, record));
                let now = records.bytes_read();
                run_bytes += now - read;
                read = now;
            } else {
                read = records.bytes_read();
            }
            // Runs are bounded in bytes too, so a batch of long narratives is not held many
            // times over on its way to the other thread.
            if run.len() == HASH_RUN || run_bytes > HASH_RUN_BYTES {
                hashed.try_iter().for_each(drop);
                if send.send(std::mem::take(&mut run)).is_err() {
                    break;
                }
                run_bytes = 0;
            }
        }
        let _ = send.send(run);
        drop(send);
        judge_thread.join().unwrap_or_else(|_| {
            let failed = Problem::file("hearings.csv", msg!("batch-internal-hashes"));
            (vec![failed].into(), false)
        })
    });
    records.finish();
    let (mut judged, stale) = judged;
    // Values in fields that do not apply are what older builds' forms left: what to do about
    // them comes first, where it is seen.
    if stale {
        let mut first = Problems::new();
        first.push(Problem::file(
            MANIFEST,
            msg!("batch-stale-values", app = &manifest.app_version),
        ));
        first.append(&mut problems);
        problems = first;
    }
    problems.append(&mut records.problems);
    problems.append(&mut judged);
    problems.append(&mut records.duplicates(dir));
    (problems, heads)
}

/// Records handed to the judging thread at a time (fewer hand-overs, bounded memory).
const HASH_RUN: usize = 64;
/// And at most this many bytes of them, as read.
const HASH_RUN_BYTES: u64 = 4 << 20;

/// A hearing's status as messages name it.
fn status_msg(status: Status) -> Msg {
    Msg::new(match status {
        Status::Draft => "status-draft",
        Status::Final => "status-final",
        Status::Reviewed => "status-reviewed",
    })
}

/// Judges what a record claims that can be computed: its content hash, and — when it was
/// filled with this courtwatch's form versions — that it passes the checks of finalising
/// (a final or reviewed record must). Returns whether it holds a value in a field that does
/// not apply (what older builds left).
fn judge_record(
    spec: &Spec,
    line: u64,
    record: &HearingRecord,
    ours: &str,
    columns: Option<&(Layout<'_>, Header)>,
    problems: &mut Problems,
) -> bool {
    let mut stale = false;
    let column = |name: &str| columns.and_then(|(l, h)| h.column(l, name));
    let h = &record.hearing;
    let actual = content_hash(record);
    if actual != h.content_hash {
        problems.push(Problem::at(
            "hearings.csv",
            line,
            column("content_hash"),
            msg!(
                "batch-hash-mismatch",
                hearing = h.uuid.to_string(),
                actual = &actual
            ),
        ));
    }
    let current = h.form_versions == ours;
    // Who a checklist answer is for: a per-defendant item names a defendant of the case (or
    // no one, when it was answered before the case had one); any other item names no one.
    for a in &record.answers {
        let Some((_, item)) = spec.checklist.item(&a.item_code) else {
            continue; // a retired item: its old answers stay as they were
        };
        let why = match a.party_uuid {
            Some(_) if !item.per_defendant => {
                Some(msg!("batch-item-not-per-defendant", item = &a.item_code))
            }
            Some(p) if record.defendants().all(|d| d.uuid != p) => Some(msg!(
                "batch-item-party-not-defendant",
                item = &a.item_code,
                party = p.to_string()
            )),
            _ => None,
        };
        if let Some(why) = why {
            problems.push(Problem::file(
                "checklist_answers.csv",
                msg!(
                    "batch-row-of-hearing",
                    row = a.uuid.to_string(),
                    hearing = h.uuid.to_string(),
                    status = status_msg(h.status),
                    why = why
                ),
            ));
        }
    }
    // Every value was checked against its field as its row was read.
    for p in crate::domain::finalise_problems_of_checked(spec, record) {
        use crate::domain::ProblemKind as K;
        // A field required now may not have been under an older form version.
        if p.kind == K::Required && !current {
            continue;
        }
        stale |= p.kind == K::NotApplicable;
        let what = match p.kind {
            K::Required => msg!("batch-field-required", field = &p.field),
            K::Invalid => msg!("batch-field-invalid", field = &p.field),
            K::NotApplicable => match spec.field(&p.field).and_then(|(_, f)| f.when.as_ref()) {
                Some(w) => msg!(
                    "batch-field-not-applicable",
                    field = &p.field,
                    condition = &w.field,
                    values = MsgArg::Or(w.any_of.clone())
                ),
                None => msg!("batch-field-not-applicable-anywhere", field = &p.field),
            },
            K::CommentRequired => match p.party {
                None => msg!("batch-comment-required", item = &p.field),
                Some(q) => msg!(
                    "batch-comment-required-for-party",
                    item = &p.field,
                    party = q.to_string()
                ),
            },
        };
        let (file, col) = match p.entity {
            crate::domain::Entity::Hearing if p.kind != K::CommentRequired => {
                ("hearings.csv".to_owned(), column(&p.field))
            }
            crate::domain::Entity::Hearing => ("hearings.csv".to_owned(), None),
            e => (
                Table::ALL
                    .into_iter()
                    .find(|t| t.entity() == Some(e))
                    .map_or_else(|| "hearings.csv".to_owned(), Table::file),
                None,
            ),
        };
        let message = if file == "hearings.csv" {
            msg!(
                "batch-hearing-would-not-finalise",
                hearing = h.uuid.to_string(),
                status = status_msg(h.status),
                what = what
            )
        } else {
            msg!(
                "batch-row-would-not-finalise",
                row = p.record.to_string(),
                hearing = h.uuid.to_string(),
                status = status_msg(h.status),
                what = what
            )
        };
        if file == "hearings.csv" {
            problems.push(Problem::at(&file, line, col, message));
        } else {
            problems.push(Problem::file(&file, message));
        }
    }
    stale
}

/// Checks `codebook.csv`: the right header and row count (its labels are informative only).
fn check_codebook(dir: &Place, manifest: &Manifest, problems: &mut Problems) {
    let Some(mut rdr) = open_csv(dir, CODEBOOK, manifest, problems) else {
        return;
    };
    let mut rec = csv::ByteRecord::new();
    let mut bad = Vec::new();
    let mut rows = 0u64;
    let mut first = true;
    let mut last_line = 1;
    let mut next_line = 1;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(Problem::file(
                    CODEBOOK,
                    msg!("batch-cannot-read", error = e.to_string()),
                ));
                return;
            }
        }
        rdr.get_mut().start_row();
        last_line = next_line;
        next_line += 1 + newlines(&rec);
        let cells = decode(
            &rec,
            CODEBOOK,
            last_line,
            manifest.formula_guard,
            problems,
            &mut bad,
        );
        if !bad.is_empty() {
            continue;
        }
        if first {
            first = false;
            if cells != codebook::HEADER {
                problems.push(Problem::at(
                    CODEBOOK,
                    1,
                    None,
                    msg!("batch-codebook-header", header = codebook::HEADER.join(",")),
                ));
                return;
            }
        } else {
            rows += 1;
        }
    }
    if let Some(entry) = manifest.file(CODEBOOK)
        && entry.rows != rows
    {
        problems.push(Problem::at(
            CODEBOOK,
            last_line + 1,
            None,
            msg!(
                "batch-codebook-rows",
                rows = rows.to_string(),
                expected = entry.rows.to_string()
            ),
        ));
    }
}
