//! The flat row layout of every batch file, and the conversion of records to and from cells.
//!
//! Each file starts with fixed key columns (the row's UUID, its parents' UUIDs and, for
//! hearings, the version chain), then — for records whose fields come from a form — one column
//! per field of the form, in form order, named by the field id. Retired fields keep their
//! column, so old values are never dropped. This module is the one place that knows the layout:
//! export writes through [`write_cells`], verify reads through [`read_row`], and the
//! datapackage and codebook describe [`layout`].

use std::borrow::Cow;
use std::collections::BTreeSet;

use uuid::Uuid;

use super::{Msg, Problem};
use crate::domain::{
    Allegation, Answer, AuditRow, Case, Charge, Consent, Entity, Event, Fields, Followup, Hearing,
    HearingParty, Party, Status, value_fits,
};
use crate::msg;
use crate::spec::{Field, FieldKind, Spec, split_multi};

/// The data files of a batch, in manifest order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    Hearings,
    Cases,
    Parties,
    HearingParties,
    Charges,
    ChecklistAnswers,
    Allegations,
    Followups,
    Timeline,
    Consents,
    Audit,
}

/// What a fixed (non-form) column holds, which decides how it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A UUID, required.
    Uuid,
    /// A UUID or empty.
    OptUuid,
    /// `final` or `reviewed` (code list `record_status`); drafts never leave a laptop.
    Status,
    /// A whole number ≥ 0.
    Count,
    /// 64 lower-case hex digits.
    Hash,
    /// A hash or empty.
    OptHash,
    /// Hashes joined by `|`, oldest first; may be empty.
    Hashes,
    /// Any text.
    Text,
    /// RFC 3339 date and time with offset.
    Timestamp,
    /// A checklist item code.
    ItemCode,
    /// A code of the `answer` list, or empty.
    Answer,
    /// A code of the `timeline_event` list.
    Event,
}

impl Key {
    /// The code list whose labels the codebook gives for this column.
    pub fn list(self) -> Option<&'static str> {
        match self {
            Key::Status => Some(STATUS_LIST),
            Key::Answer => Some("answer"),
            Key::Event => Some("timeline_event"),
            _ => None,
        }
    }
}

/// The code list naming record statuses (labels for the codebook).
pub const STATUS_LIST: &str = "record_status";

use Key as K;

const HEARING_KEYS: &[(&str, Key)] = &[
    ("uuid", K::Uuid),
    ("case_uuid", K::Uuid),
    ("monitor_uuid", K::Uuid),
    ("status", K::Status),
    ("version", K::Count),
    ("content_hash", K::Hash),
    ("parent_hash", K::OptHash),
    ("ancestors", K::Hashes),
    ("form_versions", K::Text),
    ("created_at", K::Timestamp),
    ("updated_at", K::Timestamp),
];
const CASE_KEYS: &[(&str, Key)] = &[("uuid", K::Uuid)];
const PARTY_KEYS: &[(&str, Key)] = &[("uuid", K::Uuid), ("case_uuid", K::Uuid)];
const HEARING_PARTY_KEYS: &[(&str, Key)] = &[
    ("uuid", K::Uuid),
    ("hearing_uuid", K::Uuid),
    ("party_uuid", K::Uuid),
];
const CHARGE_KEYS: &[(&str, Key)] = &[("uuid", K::Uuid), ("party_uuid", K::Uuid)];
const ANSWER_KEYS: &[(&str, Key)] = &[
    ("uuid", K::Uuid),
    ("hearing_uuid", K::Uuid),
    ("item_code", K::ItemCode),
    ("party_uuid", K::OptUuid),
    ("answer", K::Answer),
    ("comment", K::Text),
];
const ALLEGATION_KEYS: &[(&str, Key)] = &[
    ("uuid", K::Uuid),
    ("hearing_uuid", K::Uuid),
    ("party_uuid", K::OptUuid),
];
const FOLLOWUP_KEYS: &[(&str, Key)] = &[("uuid", K::Uuid), ("allegation_uuid", K::Uuid)];
const EVENT_KEYS: &[(&str, Key)] = &[
    ("uuid", K::Uuid),
    ("hearing_uuid", K::Uuid),
    ("at", K::Timestamp),
    ("code", K::Event),
    ("note", K::Text),
];
const CONSENT_KEYS: &[(&str, Key)] = &[("uuid", K::Uuid), ("party_uuid", K::Uuid)];
const AUDIT_KEYS: &[(&str, Key)] = &[
    ("uuid", K::Uuid),
    ("hearing_uuid", K::Uuid),
    ("version", K::Count),
    ("entity", K::Text),
    ("record_uuid", K::Uuid),
    ("field", K::Text),
    ("old_value", K::Text),
    ("new_value", K::Text),
    ("reason", K::Text),
    ("monitor_uuid", K::Uuid),
    ("at", K::Timestamp),
];

impl Table {
    pub const ALL: [Table; 11] = [
        Table::Hearings,
        Table::Cases,
        Table::Parties,
        Table::HearingParties,
        Table::Charges,
        Table::ChecklistAnswers,
        Table::Allegations,
        Table::Followups,
        Table::Timeline,
        Table::Consents,
        Table::Audit,
    ];

    /// The resource name (the file name without `.csv`).
    pub fn name(self) -> &'static str {
        match self {
            Table::Hearings => "hearings",
            Table::Cases => "cases",
            Table::Parties => "parties",
            Table::HearingParties => "hearing_parties",
            Table::Charges => "charges",
            Table::ChecklistAnswers => "checklist_answers",
            Table::Allegations => "allegations",
            Table::Followups => "followups",
            Table::Timeline => "timeline",
            Table::Consents => "consents",
            Table::Audit => "audit",
        }
    }

    pub fn file(self) -> String {
        format!("{}.csv", self.name())
    }

    /// The form whose fields follow the key columns, if any.
    pub fn entity(self) -> Option<Entity> {
        match self {
            Table::Hearings => Some(Entity::Hearing),
            Table::Cases => Some(Entity::Case),
            Table::Parties => Some(Entity::Party),
            Table::HearingParties => Some(Entity::HearingParty),
            Table::Charges => Some(Entity::Charge),
            Table::Allegations => Some(Entity::Allegation),
            Table::Followups => Some(Entity::Followup),
            Table::Consents => Some(Entity::Consent),
            Table::ChecklistAnswers | Table::Timeline | Table::Audit => None,
        }
    }

    /// The fixed columns, in order.
    pub fn keys(self) -> &'static [(&'static str, Key)] {
        match self {
            Table::Hearings => HEARING_KEYS,
            Table::Cases => CASE_KEYS,
            Table::Parties => PARTY_KEYS,
            Table::HearingParties => HEARING_PARTY_KEYS,
            Table::Charges => CHARGE_KEYS,
            Table::ChecklistAnswers => ANSWER_KEYS,
            Table::Allegations => ALLEGATION_KEYS,
            Table::Followups => FOLLOWUP_KEYS,
            Table::Timeline => EVENT_KEYS,
            Table::Consents => CONSENT_KEYS,
            Table::Audit => AUDIT_KEYS,
        }
    }

    /// Columns that refer to another file's `uuid`: (column, table referred to).
    pub fn foreign_keys(self) -> &'static [(&'static str, Table)] {
        match self {
            Table::Hearings => &[("case_uuid", Table::Cases)],
            Table::Cases => &[],
            Table::Parties => &[("case_uuid", Table::Cases)],
            Table::HearingParties => &[
                ("hearing_uuid", Table::Hearings),
                ("party_uuid", Table::Parties),
            ],
            Table::Charges => &[("party_uuid", Table::Parties)],
            Table::ChecklistAnswers => &[
                ("hearing_uuid", Table::Hearings),
                ("party_uuid", Table::Parties),
            ],
            Table::Allegations => &[
                ("hearing_uuid", Table::Hearings),
                ("party_uuid", Table::Parties),
            ],
            Table::Followups => &[("allegation_uuid", Table::Allegations)],
            Table::Timeline => &[("hearing_uuid", Table::Hearings)],
            Table::Consents => &[("party_uuid", Table::Parties)],
            Table::Audit => &[("hearing_uuid", Table::Hearings)],
        }
    }

    pub fn from_file(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.file() == name)
    }
}

/// One column of a file.
#[derive(Debug, Clone, Copy)]
pub struct Column<'s> {
    pub name: &'s str,
    pub kind: ColumnKind<'s>,
}

#[derive(Debug, Clone, Copy)]
pub enum ColumnKind<'s> {
    Key(Key),
    Field(&'s Field),
}

/// The columns of one file, in order.
#[derive(Debug, Clone)]
pub struct Layout<'s> {
    pub table: Table,
    pub columns: Vec<Column<'s>>,
    /// How many of `columns` are fixed key columns (they come first).
    pub keys: usize,
}

impl Layout<'_> {
    pub fn header(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.name).collect()
    }
}

/// Every field of a form, retired ones included, in form order.
pub fn form_fields(spec: &Spec, entity: Entity) -> impl Iterator<Item = &Field> {
    spec.form(entity.name())
        .into_iter()
        .flat_map(|f| f.sections.iter().flat_map(|s| s.fields.iter()))
}

/// The columns of `table`, leaving out the fields in `omitted` (a redacted batch's).
pub fn layout<'s>(spec: &'s Spec, table: Table, omitted: &BTreeSet<String>) -> Layout<'s> {
    let mut columns: Vec<Column<'s>> = table
        .keys()
        .iter()
        .map(|&(name, key)| Column {
            name,
            kind: ColumnKind::Key(key),
        })
        .collect();
    let keys = columns.len();
    if let Some(entity) = table.entity() {
        columns.extend(
            form_fields(spec, entity)
                .filter(|f| !omitted.contains(&f.id))
                .map(|f| Column {
                    name: f.id.as_str(),
                    kind: ColumnKind::Field(f),
                }),
        );
    }
    Layout {
        table,
        columns,
        keys,
    }
}

/// One row of one file, as a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Hearing(Hearing),
    Case(Case),
    Party(Party),
    HearingParty(HearingParty),
    Charge(Charge),
    Answer(Answer),
    Allegation(Allegation),
    Followup(Followup),
    Event(Event),
    Consent(Consent),
    Audit(AuditRow),
}

impl Row {
    pub fn uuid(&self) -> Uuid {
        match self {
            Row::Hearing(r) => r.uuid,
            Row::Case(r) => r.uuid,
            Row::Party(r) => r.uuid,
            Row::HearingParty(r) => r.uuid,
            Row::Charge(r) => r.uuid,
            Row::Answer(r) => r.uuid,
            Row::Allegation(r) => r.uuid,
            Row::Followup(r) => r.uuid,
            Row::Event(r) => r.uuid,
            Row::Consent(r) => r.uuid,
            Row::Audit(r) => r.uuid,
        }
    }

    pub fn fields(&self) -> Option<&Fields> {
        match self {
            Row::Hearing(r) => Some(&r.fields),
            Row::Case(r) => Some(&r.fields),
            Row::Party(r) => Some(&r.fields),
            Row::HearingParty(r) => Some(&r.fields),
            Row::Charge(r) => Some(&r.fields),
            Row::Allegation(r) => Some(&r.fields),
            Row::Followup(r) => Some(&r.fields),
            Row::Consent(r) => Some(&r.fields),
            Row::Answer(_) | Row::Event(_) | Row::Audit(_) => None,
        }
    }

    /// The text of a fixed column.
    fn key_cell(&self, name: &str) -> Cow<'_, str> {
        fn t(s: &str) -> Cow<'_, str> {
            Cow::Borrowed(s)
        }
        let u = |id: &Uuid| Cow::Owned(id.to_string());
        let ou = |id: &Option<Uuid>| id.map_or(Cow::Borrowed(""), |id| Cow::Owned(id.to_string()));
        match (self, name) {
            (r, "uuid") => u(&r.uuid()),
            (Row::Hearing(h), "case_uuid") => u(&h.case_uuid),
            (Row::Hearing(h), "monitor_uuid") => u(&h.monitor_uuid),
            (Row::Hearing(h), "status") => Cow::Borrowed(h.status.code()),
            (Row::Hearing(h), "version") => Cow::Owned(h.version.to_string()),
            (Row::Hearing(h), "content_hash") => t(&h.content_hash),
            (Row::Hearing(h), "parent_hash") => t(&h.parent_hash),
            (Row::Hearing(h), "ancestors") => Cow::Owned(h.ancestors.join("|")),
            (Row::Hearing(h), "form_versions") => t(&h.form_versions),
            (Row::Hearing(h), "created_at") => t(&h.created_at),
            (Row::Hearing(h), "updated_at") => t(&h.updated_at),
            (Row::Party(p), "case_uuid") => u(&p.case_uuid),
            (Row::HearingParty(p), "hearing_uuid") => u(&p.hearing_uuid),
            (Row::HearingParty(p), "party_uuid") => u(&p.party_uuid),
            (Row::Charge(c), "party_uuid") => u(&c.party_uuid),
            (Row::Answer(a), "hearing_uuid") => u(&a.hearing_uuid),
            (Row::Answer(a), "item_code") => t(&a.item_code),
            (Row::Answer(a), "party_uuid") => ou(&a.party_uuid),
            (Row::Answer(a), "answer") => t(&a.answer),
            (Row::Answer(a), "comment") => t(&a.comment),
            (Row::Allegation(a), "hearing_uuid") => u(&a.hearing_uuid),
            (Row::Allegation(a), "party_uuid") => ou(&a.party_uuid),
            (Row::Followup(f), "allegation_uuid") => u(&f.allegation_uuid),
            (Row::Event(e), "hearing_uuid") => u(&e.hearing_uuid),
            (Row::Event(e), "at") => t(&e.at),
            (Row::Event(e), "code") => t(&e.code),
            (Row::Event(e), "note") => t(&e.note),
            (Row::Consent(c), "party_uuid") => u(&c.party_uuid),
            (Row::Audit(a), "hearing_uuid") => u(&a.hearing_uuid),
            (Row::Audit(a), "version") => Cow::Owned(a.version.to_string()),
            (Row::Audit(a), "entity") => t(&a.entity),
            (Row::Audit(a), "record_uuid") => u(&a.record_uuid),
            (Row::Audit(a), "field") => t(&a.field),
            (Row::Audit(a), "old_value") => t(&a.old_value),
            (Row::Audit(a), "new_value") => t(&a.new_value),
            (Row::Audit(a), "reason") => t(&a.reason),
            (Row::Audit(a), "monitor_uuid") => u(&a.monitor_uuid),
            (Row::Audit(a), "at") => t(&a.at),
            // The layout and this table are kept in step by a unit test.
            _ => Cow::Borrowed(""),
        }
    }
}

/// Hands the cells of `row` to `cell`, in layout order. A field not answered is an empty cell.
pub fn write_cells(layout: &Layout<'_>, row: &Row, mut cell: impl FnMut(&str)) {
    let fields = row.fields();
    for c in &layout.columns {
        match c.kind {
            ColumnKind::Key(_) => cell(&row.key_cell(c.name)),
            ColumnKind::Field(f) => cell(
                fields
                    .and_then(|fs| fs.get(&f.id))
                    .map_or("", String::as_str),
            ),
        }
    }
}

/// Where each layout column sits in a file's header.
#[derive(Debug, Clone)]
pub struct Header {
    positions: Vec<usize>,
}

impl Header {
    /// The 1-based column of a layout column in the file, for messages.
    pub fn column(&self, layout: &Layout<'_>, name: &str) -> Option<u64> {
        layout
            .columns
            .iter()
            .position(|c| c.name == name)
            .and_then(|i| self.positions.get(i))
            .map(|&p| p as u64 + 1)
    }
}

/// Matches a file's header against the layout: every column must be there exactly once and no
/// other column may be. Columns may come in any order.
pub fn match_header(
    layout: &Layout<'_>,
    header: &[&str],
    file: &str,
) -> Result<Header, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut positions = Vec::with_capacity(layout.columns.len());
    for c in &layout.columns {
        let found: Vec<usize> = header
            .iter()
            .enumerate()
            .filter(|(_, h)| **h == c.name)
            .map(|(i, _)| i)
            .collect();
        match found.as_slice() {
            [i] => positions.push(*i),
            [] => problems.push(Problem::at(
                file,
                1,
                None,
                msg!("batch-column-missing", column = c.name),
            )),
            [_, second, ..] => problems.push(Problem::at(
                file,
                1,
                Some(*second as u64 + 1),
                msg!("batch-column-twice", column = c.name),
            )),
        }
    }
    for (i, h) in header.iter().enumerate() {
        if !layout.columns.iter().any(|c| c.name == *h) {
            problems.push(Problem::at(
                file,
                1,
                Some(i as u64 + 1),
                msg!("batch-column-unknown", column = format!("{h:?}")),
            ));
        }
    }
    if problems.is_empty() {
        Ok(Header { positions })
    } else {
        Err(problems)
    }
}

/// A parsed fixed cell.
enum Value {
    Uuid(Uuid),
    OptUuid(Option<Uuid>),
    Text(String),
    Count(u32),
    Status(Status),
    Hashes(Vec<String>),
}

fn is_hash(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn is_timestamp(s: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(s).is_ok()
}

/// Whether `code` is a checklist item, retired ones included (their old answers stay valid).
pub fn item_exists(spec: &Spec, code: &str) -> bool {
    spec.checklist
        .groups
        .iter()
        .any(|g| g.items.iter().any(|i| i.code == code))
}

/// A cell's value as a message quotes it: in quotes, with escapes.
fn quoted(v: &str) -> String {
    format!("{v:?}")
}

/// The message for a value of list `list` that is not one of its codes.
fn unknown_code(v: &str, list: &str) -> Msg {
    msg!("batch-unknown-code", value = quoted(v), list = list)
}

fn check_key(spec: &Spec, key: Key, v: &str) -> Result<Value, Msg> {
    let code_in = |list: &str| {
        if spec.code_exists(list, v) {
            Ok(Value::Text(v.to_owned()))
        } else {
            Err(unknown_code(v, list))
        }
    };
    let not_uuid = || msg!("batch-not-uuid", value = quoted(v));
    match key {
        Key::Uuid => match Uuid::parse_str(v) {
            Ok(u) if u.is_nil() => Err(msg!("batch-nil-uuid")),
            Ok(u) => Ok(Value::Uuid(u)),
            Err(_) if v.is_empty() => Err(msg!("batch-uuid-empty")),
            Err(_) => Err(not_uuid()),
        },
        Key::OptUuid if v.is_empty() => Ok(Value::OptUuid(None)),
        Key::OptUuid => match Uuid::parse_str(v) {
            Ok(u) if u.is_nil() => Err(msg!("batch-nil-uuid")),
            Ok(u) => Ok(Value::OptUuid(Some(u))),
            Err(_) => Err(not_uuid()),
        },
        Key::Status => match Status::parse(v) {
            Some(Status::Draft) => Err(msg!("batch-draft")),
            Some(s) => Ok(Value::Status(s)),
            None => Err(msg!("batch-unknown-status", value = quoted(v))),
        },
        Key::Count => v
            .parse::<u32>()
            .map(Value::Count)
            .map_err(|_| msg!("batch-not-whole-number", value = quoted(v))),
        Key::Hash if is_hash(v) => Ok(Value::Text(v.to_owned())),
        Key::OptHash if v.is_empty() || is_hash(v) => Ok(Value::Text(v.to_owned())),
        Key::Hash | Key::OptHash => Err(msg!("batch-not-hash", value = quoted(v))),
        Key::Hashes => {
            let hashes: Vec<String> = v
                .split('|')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            match hashes.iter().find(|h| !is_hash(h)) {
                Some(bad) => Err(msg!("batch-not-hash", value = quoted(bad))),
                None => Ok(Value::Hashes(hashes)),
            }
        }
        Key::Text => Ok(Value::Text(v.to_owned())),
        Key::Timestamp if is_timestamp(v) => Ok(Value::Text(v.to_owned())),
        Key::Timestamp => Err(msg!("batch-not-timestamp", value = quoted(v))),
        Key::ItemCode if item_exists(spec, v) => Ok(Value::Text(v.to_owned())),
        Key::ItemCode => Err(msg!("batch-unknown-item", value = quoted(v))),
        Key::Answer if v.is_empty() => Ok(Value::Text(String::new())),
        Key::Answer => code_in("answer"),
        Key::Event => code_in("timeline_event"),
    }
}

/// Why a non-empty value does not fit a field, in words.
fn field_problem(spec: &Spec, f: &Field, v: &str) -> Msg {
    let list = f.list.as_deref().unwrap_or("");
    match f.kind() {
        FieldKind::Date => msg!("batch-not-date", value = quoted(v)),
        FieldKind::Time => msg!("batch-not-time", value = quoted(v)),
        FieldKind::Number => msg!("batch-not-number", value = quoted(v)),
        FieldKind::MultiChoice => {
            let bad = split_multi(v)
                .find(|c| !spec.code_exists(list, c))
                .unwrap_or(v);
            unknown_code(bad, list)
        }
        _ => unknown_code(v, list),
    }
}

/// A problem with the cell of column `column`, as "column: what".
pub fn in_column(column: &str, what: Msg) -> Msg {
    msg!("batch-in-column", column = column, what = what)
}

/// Parses one data row. Every problem found is added to `problems` (with `file`, `line` and
/// the 1-based column), one per bad cell; cells at the (0-based) positions in `bad` were
/// reported already and are not looked at. The row is returned whenever its ids could be
/// read — a bad cell elsewhere is left empty — so that one bad cell gives one problem, not
/// also one for each row under it; the caller knows from `problems` that it is damaged.
#[allow(clippy::too_many_arguments)]
pub fn read_row(
    spec: &Spec,
    layout: &Layout<'_>,
    header: &Header,
    cells: &[&str],
    bad: &[usize],
    file: &str,
    line: u64,
    problems: &mut Vec<Problem>,
) -> Option<Row> {
    let mut values = Vec::with_capacity(layout.keys);
    let mut fields = Fields::new();
    let mut ids_read = true;
    for (c, &pos) in layout.columns.iter().zip(&header.positions) {
        let v = cells.get(pos).copied().unwrap_or("");
        let at = |message: Msg| Problem::at(file, line, Some(pos as u64 + 1), message);
        let reported = bad.contains(&pos);
        match c.kind {
            ColumnKind::Key(key) => match check_key(spec, key, v) {
                Ok(value) if !reported => values.push(value),
                result => {
                    if let Err(m) = result
                        && !reported
                    {
                        problems.push(at(in_column(c.name, m)));
                    }
                    if key == Key::Uuid {
                        ids_read = false;
                    }
                    values.push(Value::Text(String::new()));
                }
            },
            ColumnKind::Field(f) => {
                if v.is_empty() || reported {
                    continue;
                }
                if value_fits(spec, f.kind(), f.list.as_deref(), v) {
                    fields.insert(f.id.clone(), v.to_owned());
                } else {
                    problems.push(at(in_column(c.name, field_problem(spec, f, v))));
                }
            }
        }
    }
    if !ids_read {
        return None;
    }
    let mut it = values.into_iter();
    let mut next = || it.next();
    let uuid = |v: Option<Value>| match v {
        Some(Value::Uuid(u)) => u,
        _ => Uuid::nil(),
    };
    let opt_uuid = |v: Option<Value>| match v {
        Some(Value::OptUuid(u)) => u,
        _ => None,
    };
    let text = |v: Option<Value>| match v {
        Some(Value::Text(s)) => s,
        _ => String::new(),
    };
    let count = |v: Option<Value>| match v {
        Some(Value::Count(n)) => n,
        _ => 0,
    };
    Some(match layout.table {
        Table::Hearings => Row::Hearing(Hearing {
            uuid: uuid(next()),
            case_uuid: uuid(next()),
            monitor_uuid: uuid(next()),
            status: match next() {
                Some(Value::Status(s)) => s,
                _ => Status::Final,
            },
            version: count(next()),
            content_hash: text(next()),
            parent_hash: text(next()),
            ancestors: match next() {
                Some(Value::Hashes(h)) => h,
                _ => Vec::new(),
            },
            // A version that left a laptop is sealed: the next edit starts a new version.
            sealed: true,
            form_versions: text(next()),
            created_at: text(next()),
            updated_at: text(next()),
            fields,
        }),
        Table::Cases => Row::Case(Case {
            uuid: uuid(next()),
            fields,
        }),
        Table::Parties => Row::Party(Party {
            uuid: uuid(next()),
            case_uuid: uuid(next()),
            fields,
        }),
        Table::HearingParties => Row::HearingParty(HearingParty {
            uuid: uuid(next()),
            hearing_uuid: uuid(next()),
            party_uuid: uuid(next()),
            fields,
        }),
        Table::Charges => Row::Charge(Charge {
            uuid: uuid(next()),
            party_uuid: uuid(next()),
            fields,
        }),
        Table::ChecklistAnswers => Row::Answer(Answer {
            uuid: uuid(next()),
            hearing_uuid: uuid(next()),
            item_code: text(next()),
            party_uuid: opt_uuid(next()),
            answer: text(next()),
            comment: text(next()),
        }),
        Table::Allegations => Row::Allegation(Allegation {
            uuid: uuid(next()),
            hearing_uuid: uuid(next()),
            party_uuid: opt_uuid(next()),
            fields,
        }),
        Table::Followups => Row::Followup(Followup {
            uuid: uuid(next()),
            allegation_uuid: uuid(next()),
            fields,
        }),
        Table::Timeline => Row::Event(Event {
            uuid: uuid(next()),
            hearing_uuid: uuid(next()),
            at: text(next()),
            code: text(next()),
            note: text(next()),
        }),
        Table::Consents => Row::Consent(Consent {
            uuid: uuid(next()),
            party_uuid: uuid(next()),
            fields,
        }),
        Table::Audit => Row::Audit(AuditRow {
            uuid: uuid(next()),
            hearing_uuid: uuid(next()),
            version: count(next()),
            entity: text(next()),
            record_uuid: uuid(next()),
            field: text(next()),
            old_value: text(next()),
            new_value: text(next()),
            reason: text(next()),
            monitor_uuid: uuid(next()),
            at: text(next()),
        }),
    })
}
