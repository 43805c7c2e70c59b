//! Reading a batch and checking everything merge relies on, before anything is written: the
//! manifest parses and its format version is known; `SHA256SUMS` and the manifest agree with
//! every file's size, row count and SHA-256; every row parses (right columns, UTF-8, valid
//! codes, dates, UUIDs); no UUID appears twice; every parent exists. The result is a typed,
//! in-memory [`Batch`] of whole hearing records, or every problem found, each naming the file,
//! line and column.
//!
//! Both profiles are read: a leading BOM is skipped, the delimiter is detected from the header
//! (which holds only known column names), and the excel profile's formula guard is undone.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::manifest::Manifest;
use super::rows::{Header, Layout, Row, Table, layout, match_header, read_row};
use super::{
    BOM, CODEBOOK, DATAPACKAGE, FORMAT, FORMAT_VERSION, MANIFEST, Problem, SUMS, codebook, unguard,
};
use crate::domain::{
    Allegation, Answer, AuditRow, Case, Charge, Consent, Event, Followup, Hearing, HearingParty,
    HearingRecord, Party, content_hash,
};
use crate::spec::Spec;

/// A batch that passed every check.
#[derive(Debug, Clone)]
pub struct Batch {
    pub dir: PathBuf,
    pub manifest: Manifest,
    /// One whole record per hearing, in `hearings.csv` order.
    pub records: Vec<HearingRecord>,
    /// Things worth knowing that do not stop a merge.
    pub warnings: Vec<Problem>,
}

/// Reads and checks `manifest.json` only: enough to know a batch's monitor and sequence
/// number before reading the rest.
pub fn read_manifest(dir: &Path) -> Result<Manifest, Vec<Problem>> {
    if !dir.is_dir() {
        return Err(vec![Problem::file(
            &dir.display().to_string(),
            "is not a folder; give the path of a batch folder (courtwatch-…)",
        )]);
    }
    let bytes = std::fs::read(dir.join(MANIFEST)).map_err(|e| {
        vec![Problem::file(
            MANIFEST,
            if e.kind() == std::io::ErrorKind::NotFound {
                "is missing: this folder is not a courtwatch batch".to_owned()
            } else {
                format!("cannot be read: {e}")
            },
        )]
    })?;
    let json_problem = |e: serde_json::Error, what: &str| {
        vec![Problem::at(
            MANIFEST,
            e.line() as u64,
            Some(e.column() as u64),
            format!("{what}: {e}"),
        )]
    };
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| json_problem(e, "is not valid JSON"))?;
    let format = value.get("format").and_then(|v| v.as_str());
    if format != Some(FORMAT) {
        return Err(vec![Problem::file(
            MANIFEST,
            format!("format is {format:?}, not {FORMAT:?}: this is not a courtwatch batch"),
        )]);
    }
    match value.get("format_version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(FORMAT_VERSION) => {}
        Some(v) => {
            return Err(vec![Problem::file(
                MANIFEST,
                format!(
                    "format_version {v} is not known to this courtwatch (it reads version {FORMAT_VERSION}); \
                     update courtwatch to read this batch"
                ),
            )]);
        }
        None => {
            return Err(vec![Problem::file(
                MANIFEST,
                "format_version is missing or not a whole number",
            )]);
        }
    }
    serde_json::from_slice(&bytes).map_err(|e| json_problem(e, "does not fit the format"))
}

/// Size and SHA-256 of a file, read in pieces.
fn hash_file(path: &Path) -> std::io::Result<(u64, String)> {
    let mut f = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut bytes = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        bytes += n as u64;
    }
    Ok((bytes, crate::domain::hex(&hasher.finalize())))
}

/// A name a batch may contain: a plain file name, nothing that climbs out of the folder.
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && name != ".."
        && !name.contains('\0')
}

/// The CSV files a batch has, in manifest order.
fn csv_files() -> Vec<String> {
    Table::ALL
        .iter()
        .map(|t| t.file())
        .chain([CODEBOOK.to_owned()])
        .collect()
}

/// Checks `SHA256SUMS` and the manifest's file list against the files.
fn check_files(dir: &Path, manifest: &Manifest, problems: &mut Vec<Problem>) {
    let mut hashes: HashMap<String, Option<(u64, String)>> = HashMap::new();
    let mut hash = |name: &str| -> Option<(u64, String)> {
        hashes
            .entry(name.to_owned())
            .or_insert_with(|| hash_file(&dir.join(name)).ok())
            .clone()
    };
    // SHA256SUMS: `<hex>  <name>` per line, as `sha256sum -c` reads it.
    let mut listed: HashMap<String, String> = HashMap::new();
    match std::fs::read(dir.join(SUMS)) {
        Err(_) => problems.push(Problem::file(SUMS, "is missing")),
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            for (i, line) in text.lines().enumerate() {
                let n = i as u64 + 1;
                if line.trim().is_empty() {
                    continue;
                }
                let parsed = line
                    .split_once("  ")
                    .or_else(|| line.split_once(" *"))
                    .filter(|(h, name)| {
                        h.len() == 64
                            && h.bytes().all(|b| b.is_ascii_hexdigit())
                            && plain_name(name)
                    });
                match parsed {
                    Some((h, name)) => {
                        listed.insert(name.to_owned(), h.to_ascii_lowercase());
                    }
                    None => problems.push(Problem::at(
                        SUMS,
                        n,
                        None,
                        "is not a line `<sha256>  <file name>`",
                    )),
                }
            }
        }
    }
    let mut wanted = csv_files();
    wanted.extend([MANIFEST.to_owned(), DATAPACKAGE.to_owned()]);
    for name in &wanted {
        if !listed.contains_key(name) && dir.join(SUMS).is_file() {
            problems.push(Problem::file(SUMS, format!("does not list {name}")));
        }
    }
    let mut sums_names: Vec<&String> = listed.keys().collect();
    sums_names.sort();
    for name in sums_names {
        let expected = &listed[name];
        match hash(name) {
            None => problems.push(Problem::file(name, "is missing (it is listed in SHA256SUMS)")),
            Some((_, actual)) if actual != *expected => problems.push(Problem::file(
                name,
                format!("SHA-256 is {actual}, SHA256SUMS says {expected}: the file was changed or damaged"),
            )),
            Some(_) => {}
        }
    }
    // The manifest's list.
    for f in &manifest.files {
        if !wanted.contains(&f.name) || !plain_name(&f.name) {
            problems.push(Problem::file(
                MANIFEST,
                format!("lists an unknown file {:?}", f.name),
            ));
        }
    }
    for name in csv_files() {
        let Some(entry) = manifest.file(&name) else {
            problems.push(Problem::file(MANIFEST, format!("does not list {name}")));
            continue;
        };
        match hash(&name) {
            None => problems.push(Problem::file(&name, "is missing")),
            Some((bytes, sha)) => {
                if bytes != entry.bytes {
                    problems.push(Problem::file(
                        &name,
                        format!(
                            "is {bytes} bytes, the manifest says {}: the file is truncated or was changed",
                            entry.bytes
                        ),
                    ));
                } else if sha != entry.sha256 {
                    problems.push(Problem::file(
                        &name,
                        format!(
                            "SHA-256 is {sha}, the manifest says {}: the file was changed or damaged",
                            entry.sha256
                        ),
                    ));
                }
            }
        }
    }
}

/// A CSV file opened for reading: its BOM skipped and its delimiter found.
fn open_csv(
    dir: &Path,
    name: &str,
    manifest: &Manifest,
    problems: &mut Vec<Problem>,
) -> Option<csv::Reader<BufReader<File>>> {
    let file = match File::open(dir.join(name)) {
        Ok(f) => f,
        Err(_) => return None, // reported by check_files
    };
    let mut r = BufReader::with_capacity(1 << 16, file);
    let buf = match r.fill_buf() {
        Ok(b) => b,
        Err(e) => {
            problems.push(Problem::file(name, format!("cannot be read: {e}")));
            return None;
        }
    };
    let bom = buf.starts_with(BOM);
    let start = if bom { BOM.len() } else { 0 };
    let first_line = buf[start..]
        .split(|&b| b == b'\n')
        .next()
        .unwrap_or_default();
    let commas = first_line.iter().filter(|&&b| b == b',').count();
    let semis = first_line.iter().filter(|&&b| b == b';').count();
    let delimiter = if semis > commas { b';' } else { b',' };
    if bom != manifest.bom {
        problems.push(Problem::at(
            name,
            1,
            None,
            if bom {
                "starts with a byte order mark, but the manifest says it has none"
            } else {
                "has no byte order mark, but the manifest says it has one"
            },
        ));
    }
    if manifest.delimiter.as_bytes() != [delimiter] {
        problems.push(Problem::at(
            name,
            1,
            None,
            format!(
                "uses {:?} between columns, but the manifest says {:?}",
                delimiter as char, manifest.delimiter
            ),
        ));
    }
    r.consume(start);
    Some(
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(r),
    )
}

/// Line breaks inside a record's quoted cells: the next record starts that many lines (plus
/// one) later. (The csv crate's own line count is off by one after CRLF line ends.)
fn newlines(rec: &csv::ByteRecord) -> u64 {
    rec.iter()
        .map(|f| f.iter().filter(|&&b| b == b'\n').count() as u64)
        .sum()
}

/// Decodes the fields of a record, reporting invalid UTF-8 by column.
fn decode<'r>(
    rec: &'r csv::ByteRecord,
    file: &str,
    line: u64,
    guard: bool,
    problems: &mut Vec<Problem>,
) -> Option<Vec<&'r str>> {
    let mut out = Vec::with_capacity(rec.len());
    let mut ok = true;
    for (i, field) in rec.iter().enumerate() {
        match std::str::from_utf8(field) {
            Ok(s) => out.push(if guard { unguard(s) } else { s }),
            Err(e) => {
                ok = false;
                problems.push(Problem::at(
                    file,
                    line,
                    Some(i as u64 + 1),
                    format!(
                        "is not valid UTF-8 text (bad byte after {} bytes of the cell); save the file as UTF-8",
                        e.valid_up_to()
                    ),
                ));
            }
        }
    }
    ok.then_some(out)
}

/// One table file as read: its layout and where its columns are.
struct TableRows<'s> {
    layout: Layout<'s>,
    header: Option<Header>,
}

/// Reads one table file into `rows` (typed, with line numbers).
fn read_table<'s>(
    spec: &'s Spec,
    dir: &Path,
    table: Table,
    manifest: &Manifest,
    omitted: &std::collections::BTreeSet<String>,
    rows: &mut Rows,
    problems: &mut Vec<Problem>,
) -> TableRows<'s> {
    let file = table.file();
    let layout = layout(spec, table, omitted);
    let mut out = TableRows {
        layout,
        header: None,
    };
    let Some(mut rdr) = open_csv(dir, &file, manifest, problems) else {
        return out;
    };
    let mut rec = csv::ByteRecord::new();
    let mut data_rows = 0u64;
    let mut last_line = 1u64;
    let mut next_line = 1u64;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(Problem::at(
                    &file,
                    next_line,
                    None,
                    format!("cannot be read: {e}"),
                ));
                break;
            }
        }
        let line = next_line;
        next_line += 1 + newlines(&rec);
        last_line = line;
        let Some(cells) = decode(&rec, &file, line, manifest.formula_guard, problems) else {
            if out.header.is_none() {
                return out;
            }
            data_rows += 1;
            continue;
        };
        let Some(header) = &out.header else {
            match match_header(&out.layout, &cells, &file) {
                Ok(h) => out.header = Some(h),
                Err(p) => {
                    problems.extend(p);
                    return out;
                }
            }
            continue;
        };
        data_rows += 1;
        if cells.len() != out.layout.columns.len() {
            problems.push(Problem::at(
                &file,
                line,
                Some(cells.len().min(out.layout.columns.len()) as u64 + 1),
                format!(
                    "has {} cells, the header has {} columns (is the file cut short, or a cell unquoted?)",
                    cells.len(),
                    out.layout.columns.len()
                ),
            ));
            continue;
        }
        if let Some(row) = read_row(spec, &out.layout, header, &cells, &file, line, problems) {
            rows.push(line, row);
        }
    }
    if out.header.is_none() {
        problems.push(Problem::at(
            &file,
            1,
            None,
            "is empty: the header row is missing",
        ));
    }
    if let Some(entry) = manifest.file(&file)
        && entry.rows != data_rows
    {
        problems.push(Problem::at(
            &file,
            last_line + 1,
            None,
            format!(
                "the file has {data_rows} data rows, the manifest says {}: it is truncated or was changed",
                entry.rows
            ),
        ));
    }
    out
}

/// Checks `codebook.csv`: the right header and row count (its labels are informative only).
fn check_codebook(dir: &Path, manifest: &Manifest, problems: &mut Vec<Problem>) {
    let Some(mut rdr) = open_csv(dir, CODEBOOK, manifest, problems) else {
        return;
    };
    let mut rec = csv::ByteRecord::new();
    let mut rows = 0u64;
    let mut first = true;
    let mut last_line = 1;
    let mut next_line = 1;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(Problem::file(CODEBOOK, format!("cannot be read: {e}")));
                return;
            }
        }
        last_line = next_line;
        next_line += 1 + newlines(&rec);
        let Some(cells) = decode(&rec, CODEBOOK, last_line, manifest.formula_guard, problems)
        else {
            continue;
        };
        if first {
            first = false;
            if cells != codebook::HEADER {
                problems.push(Problem::at(
                    CODEBOOK,
                    1,
                    None,
                    format!("the header is not {}", codebook::HEADER.join(",")),
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
            format!(
                "the file has {rows} data rows, the manifest says {}",
                entry.rows
            ),
        ));
    }
}

/// Every row of every table, typed, with line numbers.
#[derive(Default)]
struct Rows {
    hearings: Vec<(u64, Hearing)>,
    cases: Vec<(u64, Case)>,
    parties: Vec<(u64, Party)>,
    hearing_parties: Vec<(u64, HearingParty)>,
    charges: Vec<(u64, Charge)>,
    answers: Vec<(u64, Answer)>,
    allegations: Vec<(u64, Allegation)>,
    followups: Vec<(u64, Followup)>,
    timeline: Vec<(u64, Event)>,
    consents: Vec<(u64, Consent)>,
    audit: Vec<(u64, AuditRow)>,
}

impl Rows {
    fn push(&mut self, line: u64, row: Row) {
        match row {
            Row::Hearing(r) => self.hearings.push((line, r)),
            Row::Case(r) => self.cases.push((line, r)),
            Row::Party(r) => self.parties.push((line, r)),
            Row::HearingParty(r) => self.hearing_parties.push((line, r)),
            Row::Charge(r) => self.charges.push((line, r)),
            Row::Answer(r) => self.answers.push((line, r)),
            Row::Allegation(r) => self.allegations.push((line, r)),
            Row::Followup(r) => self.followups.push((line, r)),
            Row::Event(r) => self.timeline.push((line, r)),
            Row::Consent(r) => self.consents.push((line, r)),
            Row::Audit(r) => self.audit.push((line, r)),
        }
    }
}

/// Where a cross-row problem points: the file, and the column of a named key.
struct At<'a> {
    file: String,
    layout: &'a Layout<'a>,
    header: Option<&'a Header>,
}

impl At<'_> {
    fn problem(&self, line: u64, column: &str, message: String) -> Problem {
        let col = self.header.and_then(|h| h.column(self.layout, column));
        Problem::at(&self.file, line, col, message)
    }
}

/// Collects cross-row problems, pointing at the column of the key concerned.
struct Reporter<'a, 'b> {
    at: &'a BTreeMap<Table, At<'b>>,
    problems: &'a mut Vec<Problem>,
}

impl Reporter<'_, '_> {
    fn report(&mut self, table: Table, line: u64, column: &str, message: String) {
        if let Some(a) = self.at.get(&table) {
            self.problems.push(a.problem(line, column, message));
        }
    }

    fn orphan(&mut self, table: Table, line: u64, column: &str, id: &Uuid, target: Table) {
        self.report(
            table,
            line,
            column,
            format!(
                "{column}: no row with uuid {id} in {} (the parent is missing)",
                target.file()
            ),
        );
    }

    /// Records the ids of a file, reporting any that appear twice.
    fn ids<T>(
        &mut self,
        table: Table,
        items: &[(u64, T)],
        id: impl Fn(&T) -> Uuid,
    ) -> HashMap<Uuid, usize> {
        let mut seen: HashMap<Uuid, usize> = HashMap::with_capacity(items.len());
        for (i, (line, item)) in items.iter().enumerate() {
            let uuid = id(item);
            match seen.get(&uuid) {
                Some(&first) => {
                    let first_line = items.get(first).map_or(0, |f| f.0);
                    self.report(
                        table,
                        *line,
                        "uuid",
                        format!("uuid {uuid} appears twice (first on line {first_line})"),
                    );
                }
                None => {
                    seen.insert(uuid, i);
                }
            }
        }
        seen
    }
}

/// Checks what no single row can show: duplicate ids, missing parents, rows that disagree
/// about which case they belong to.
fn cross_check(
    rows: &Rows,
    at: &BTreeMap<Table, At<'_>>,
    manifest: &Manifest,
    problems: &mut Vec<Problem>,
) {
    let mut r = Reporter { at, problems };
    let hearings = r.ids(Table::Hearings, &rows.hearings, |x| x.uuid);
    let cases = r.ids(Table::Cases, &rows.cases, |x| x.uuid);
    let parties = r.ids(Table::Parties, &rows.parties, |x| x.uuid);
    r.ids(Table::HearingParties, &rows.hearing_parties, |x| x.uuid);
    r.ids(Table::Charges, &rows.charges, |x| x.uuid);
    r.ids(Table::ChecklistAnswers, &rows.answers, |x| x.uuid);
    let allegations = r.ids(Table::Allegations, &rows.allegations, |x| x.uuid);
    r.ids(Table::Followups, &rows.followups, |x| x.uuid);
    r.ids(Table::Timeline, &rows.timeline, |x| x.uuid);
    r.ids(Table::Consents, &rows.consents, |x| x.uuid);
    r.ids(Table::Audit, &rows.audit, |x| x.uuid);

    let case_of_hearing = |h: &Uuid| {
        hearings
            .get(h)
            .and_then(|&i| rows.hearings.get(i))
            .map(|x| x.1.case_uuid)
    };
    let case_of_party = |q: &Uuid| {
        parties
            .get(q)
            .and_then(|&i| rows.parties.get(i))
            .map(|x| x.1.case_uuid)
    };
    // A person named at a hearing must be a person of the hearing's case.
    let same_case =
        |r: &mut Reporter<'_, '_>, table: Table, line: u64, hearing: &Uuid, party: &Uuid| {
            if let (Some(a), Some(b)) = (case_of_hearing(hearing), case_of_party(party))
                && a != b
            {
                r.report(
                table,
                line,
                "party_uuid",
                format!(
                    "party_uuid: party {party} belongs to case {b}, not to the hearing's case {a}"
                ),
            );
            }
        };

    let mut used_cases = HashSet::new();
    let monitors: HashSet<Uuid> = manifest.monitors.iter().map(|m| m.uuid).collect();
    for (line, h) in &rows.hearings {
        used_cases.insert(h.case_uuid);
        if !cases.contains_key(&h.case_uuid) {
            r.orphan(
                Table::Hearings,
                *line,
                "case_uuid",
                &h.case_uuid,
                Table::Cases,
            );
        }
        if !monitors.contains(&h.monitor_uuid) {
            r.report(
                Table::Hearings,
                *line,
                "monitor_uuid",
                format!(
                    "monitor_uuid {} is not among the manifest's monitors",
                    h.monitor_uuid
                ),
            );
        }
    }
    for (line, c) in &rows.cases {
        if !used_cases.contains(&c.uuid) {
            r.report(
                Table::Cases,
                *line,
                "uuid",
                format!("case {} has no hearing in this batch", c.uuid),
            );
        }
    }
    for (line, x) in &rows.parties {
        if !cases.contains_key(&x.case_uuid) {
            r.orphan(
                Table::Parties,
                *line,
                "case_uuid",
                &x.case_uuid,
                Table::Cases,
            );
        }
    }
    let mut pairs = HashSet::new();
    for (line, x) in &rows.hearing_parties {
        if !hearings.contains_key(&x.hearing_uuid) {
            r.orphan(
                Table::HearingParties,
                *line,
                "hearing_uuid",
                &x.hearing_uuid,
                Table::Hearings,
            );
        }
        if !parties.contains_key(&x.party_uuid) {
            r.orphan(
                Table::HearingParties,
                *line,
                "party_uuid",
                &x.party_uuid,
                Table::Parties,
            );
        }
        same_case(
            &mut r,
            Table::HearingParties,
            *line,
            &x.hearing_uuid,
            &x.party_uuid,
        );
        if !pairs.insert((x.hearing_uuid, x.party_uuid)) {
            r.report(
                Table::HearingParties,
                *line,
                "party_uuid",
                format!(
                    "party {} appears twice for hearing {}",
                    x.party_uuid, x.hearing_uuid
                ),
            );
        }
    }
    for (line, x) in &rows.charges {
        if !parties.contains_key(&x.party_uuid) {
            r.orphan(
                Table::Charges,
                *line,
                "party_uuid",
                &x.party_uuid,
                Table::Parties,
            );
        }
    }
    let mut answered = HashSet::new();
    for (line, x) in &rows.answers {
        if !hearings.contains_key(&x.hearing_uuid) {
            r.orphan(
                Table::ChecklistAnswers,
                *line,
                "hearing_uuid",
                &x.hearing_uuid,
                Table::Hearings,
            );
        }
        if let Some(party) = &x.party_uuid {
            if !parties.contains_key(party) {
                r.orphan(
                    Table::ChecklistAnswers,
                    *line,
                    "party_uuid",
                    party,
                    Table::Parties,
                );
            }
            same_case(
                &mut r,
                Table::ChecklistAnswers,
                *line,
                &x.hearing_uuid,
                party,
            );
        }
        if !answered.insert((x.hearing_uuid, x.item_code.as_str(), x.party_uuid)) {
            r.report(
                Table::ChecklistAnswers,
                *line,
                "item_code",
                format!(
                    "item {} is answered twice for hearing {}{}",
                    x.item_code,
                    x.hearing_uuid,
                    x.party_uuid
                        .map(|q| format!(" and party {q}"))
                        .unwrap_or_default()
                ),
            );
        }
    }
    for (line, x) in &rows.allegations {
        if !hearings.contains_key(&x.hearing_uuid) {
            r.orphan(
                Table::Allegations,
                *line,
                "hearing_uuid",
                &x.hearing_uuid,
                Table::Hearings,
            );
        }
        if let Some(party) = &x.party_uuid {
            if !parties.contains_key(party) {
                r.orphan(
                    Table::Allegations,
                    *line,
                    "party_uuid",
                    party,
                    Table::Parties,
                );
            }
            same_case(&mut r, Table::Allegations, *line, &x.hearing_uuid, party);
        }
    }
    for (line, x) in &rows.followups {
        if !allegations.contains_key(&x.allegation_uuid) {
            r.orphan(
                Table::Followups,
                *line,
                "allegation_uuid",
                &x.allegation_uuid,
                Table::Allegations,
            );
        }
    }
    for (line, x) in &rows.timeline {
        if !hearings.contains_key(&x.hearing_uuid) {
            r.orphan(
                Table::Timeline,
                *line,
                "hearing_uuid",
                &x.hearing_uuid,
                Table::Hearings,
            );
        }
    }
    for (line, x) in &rows.consents {
        if !parties.contains_key(&x.party_uuid) {
            r.orphan(
                Table::Consents,
                *line,
                "party_uuid",
                &x.party_uuid,
                Table::Parties,
            );
        }
    }
    for (line, x) in &rows.audit {
        if !hearings.contains_key(&x.hearing_uuid) {
            r.orphan(
                Table::Audit,
                *line,
                "hearing_uuid",
                &x.hearing_uuid,
                Table::Hearings,
            );
        }
    }
    if manifest.hearings != rows.hearings.len() as u64 {
        r.problems.push(Problem::file(
            MANIFEST,
            format!(
                "says the batch holds {} hearings, hearings.csv has {}",
                manifest.hearings,
                rows.hearings.len()
            ),
        ));
    }
}

/// The rows under any of `parties`.
fn of_parties<T: Clone>(parties: &[Party], m: &HashMap<Uuid, Vec<T>>) -> Vec<T> {
    parties
        .iter()
        .flat_map(|p| m.get(&p.uuid).cloned().unwrap_or_default())
        .collect()
}

/// Puts the rows together into one record per hearing (a case's rows go with each of its
/// hearings). Assumes [`cross_check`] found nothing.
fn assemble(rows: Rows) -> Vec<(u64, HearingRecord)> {
    fn group<T: Clone>(items: Vec<(u64, T)>, key: impl Fn(&T) -> Uuid) -> HashMap<Uuid, Vec<T>> {
        let mut m: HashMap<Uuid, Vec<T>> = HashMap::new();
        for (_, item) in items {
            m.entry(key(&item)).or_default().push(item);
        }
        m
    }
    let cases: HashMap<Uuid, Case> = rows.cases.into_iter().map(|(_, c)| (c.uuid, c)).collect();
    let parties = group(rows.parties, |p| p.case_uuid);
    let mut hearing_parties = group(rows.hearing_parties, |p| p.hearing_uuid);
    let charges = group(rows.charges, |c| c.party_uuid);
    let consents = group(rows.consents, |c| c.party_uuid);
    let mut answers = group(rows.answers, |a| a.hearing_uuid);
    let mut allegations = group(rows.allegations, |a| a.hearing_uuid);
    let followups = group(rows.followups, |f| f.allegation_uuid);
    let mut timeline = group(rows.timeline, |e| e.hearing_uuid);
    let mut audit = group(rows.audit, |a| a.hearing_uuid);
    let mut out = Vec::with_capacity(rows.hearings.len());
    for (line, hearing) in rows.hearings {
        let Some(case) = cases.get(&hearing.case_uuid).cloned() else {
            continue;
        };
        let parties: Vec<Party> = parties.get(&case.uuid).cloned().unwrap_or_default();
        let charges: Vec<Charge> = of_parties(&parties, &charges);
        let consents: Vec<Consent> = of_parties(&parties, &consents);
        let allegations = allegations.remove(&hearing.uuid).unwrap_or_default();
        let followups: Vec<Followup> = allegations
            .iter()
            .flat_map(|a| followups.get(&a.uuid).cloned().unwrap_or_default())
            .collect();
        let uuid = hearing.uuid;
        let mut record = HearingRecord {
            case,
            hearing_parties: hearing_parties.remove(&uuid).unwrap_or_default(),
            hearing,
            parties,
            charges,
            answers: answers.remove(&uuid).unwrap_or_default(),
            allegations,
            followups,
            timeline: timeline.remove(&uuid).unwrap_or_default(),
            consents,
            audit: audit.remove(&uuid).unwrap_or_default(),
        };
        record.normalise();
        out.push((line, record));
    }
    out
}

/// Reads and checks the batch in `dir`. Nothing is written anywhere.
pub fn verify(spec: &Spec, dir: &Path) -> Result<Batch, Vec<Problem>> {
    let manifest = read_manifest(dir)?;
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    check_files(dir, &manifest, &mut problems);
    if manifest.form_versions != spec.versions().into_iter().collect() {
        warnings.push(Problem::file(
            MANIFEST,
            "the batch was written with other form versions than this courtwatch's",
        ));
    }
    let omitted: std::collections::BTreeSet<String> = manifest
        .redaction
        .as_ref()
        .map(|r| r.omitted.iter().cloned().collect())
        .unwrap_or_default();
    let mut rows = Rows::default();
    let tables: Vec<TableRows<'_>> = Table::ALL
        .iter()
        .map(|&t| read_table(spec, dir, t, &manifest, &omitted, &mut rows, &mut problems))
        .collect();
    check_codebook(dir, &manifest, &mut problems);
    let at: BTreeMap<Table, At<'_>> = tables
        .iter()
        .map(|t| {
            (
                t.layout.table,
                At {
                    file: t.layout.table.file(),
                    layout: &t.layout,
                    header: t.header.as_ref(),
                },
            )
        })
        .collect();
    cross_check(&rows, &at, &manifest, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let records = assemble(rows);
    if !manifest.redacted {
        for (line, r) in &records {
            let actual = content_hash(r);
            if actual != r.hearing.content_hash {
                warnings.push(Problem::at(
                    "hearings.csv",
                    *line,
                    None,
                    format!(
                        "hearing {}: its content does not match its content_hash (it hashes to {actual})",
                        r.hearing.uuid
                    ),
                ));
            }
        }
    }
    Ok(Batch {
        dir: dir.to_owned(),
        manifest,
        records: records.into_iter().map(|(_, r)| r).collect(),
        warnings,
    })
}
