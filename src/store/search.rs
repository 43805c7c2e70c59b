//! The full-text index: one FTS5 row per hearing (rowid = the hearing's rowid) holding the
//! text a user may search: fields marked `searchable` and not `restricted`, checklist comments
//! and timeline notes. The store rewrites the row whenever that text may have changed.

use rusqlite::{Transaction, params};
use uuid::Uuid;

use super::Store;
use super::records::load;
use crate::domain::{Entity, Fields, HearingRecord};
use crate::error::Result;
use crate::spec::Spec;

/// The search text of one hearing, waiting to be written (see [`Store::index_rows`]).
pub(super) struct SearchRow {
    /// The hearing's rowid, which is the search row's.
    pub rowid: i64,
    /// Whether the hearing was stored before, so an old search row may exist.
    pub existed: bool,
    /// The folded text ([`search_body`]).
    pub body: String,
}

/// Folds text for matching: lower case, `ё` as `е`, and the Tajik letters as the Russian
/// letters monitors type them with on a Russian keyboard (`ҳ` х, `қ` к, `ғ` г, `ҷ` ч, `ӣ` и,
/// `ӯ` у), so a word is found however it was typed.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ё' => 'е',
            'ҳ' => 'х',
            'қ' => 'к',
            'ғ' => 'г',
            'ҷ' => 'ч',
            'ӣ' => 'и',
            'ӯ' => 'у',
            c => c,
        })
        .collect()
}

/// The searchable text of one hearing, folded, each word (as split at white space) once: the
/// index keeps which hearings hold a word and nothing more (`detail = none`), and its tokenizer
/// then reads about a third less text (narratives and comments repeat their words).
pub(crate) fn search_body(spec: &Spec, r: &HearingRecord) -> String {
    let mut body = String::new();
    let mut add = |entity: Entity, fields: &Fields| {
        let Some(form) = spec.form(entity.name()) else {
            return;
        };
        for f in form.fields().filter(|f| f.searchable && !f.restricted) {
            if let Some(v) = fields.get(&f.id) {
                body.push_str(v);
                body.push('\n');
            }
        }
    };
    add(Entity::Case, &r.case.fields);
    add(Entity::Hearing, &r.hearing.fields);
    r.parties.iter().for_each(|p| add(Entity::Party, &p.fields));
    r.hearing_parties
        .iter()
        .for_each(|p| add(Entity::HearingParty, &p.fields));
    r.charges
        .iter()
        .for_each(|p| add(Entity::Charge, &p.fields));
    r.allegations
        .iter()
        .for_each(|p| add(Entity::Allegation, &p.fields));
    r.followups
        .iter()
        .for_each(|p| add(Entity::Followup, &p.fields));
    r.consents
        .iter()
        .for_each(|p| add(Entity::Consent, &p.fields));
    for text in r
        .answers
        .iter()
        .map(|a| &a.comment)
        .chain(r.timeline.iter().map(|e| &e.note))
    {
        if !text.is_empty() {
            body.push_str(text);
            body.push('\n');
        }
    }
    let folded = fold(&body);
    let mut seen = std::collections::HashSet::new();
    let mut words = String::with_capacity(folded.len());
    for word in folded.split_whitespace().filter(|w| seen.insert(*w)) {
        words.push_str(word);
        words.push(' ');
    }
    words
}

impl Store {
    /// Rewrites the search row of a hearing from what is stored now.
    pub(super) fn reindex(&self, tx: &Transaction<'_>, hearing: Uuid) -> Result<()> {
        let record = load(tx, hearing)?;
        self.index_record(tx, &record)
    }

    /// Writes the search row of a hearing already held in memory.
    pub(super) fn index_record(&self, tx: &Transaction<'_>, r: &HearingRecord) -> Result<()> {
        let rowid: i64 = tx
            .prepare_cached("SELECT rowid FROM hearings WHERE uuid = ?1")?
            .query_row([r.hearing.uuid.to_string()], |row| row.get(0))?;
        self.index_rows(
            tx,
            &[SearchRow {
                rowid,
                existed: true,
                body: search_body(&self.spec, r),
            }],
        )
    }

    /// Writes search rows: all removals of old rows first, then all insertions. FTS5 keeps
    /// consecutive insertions in memory and writes them as one segment, so a bulk writer
    /// passes many rows at once instead of one per hearing (any other statement in between
    /// makes FTS5 write what it holds, one small segment per hearing, merged again later).
    pub(super) fn index_rows(&self, tx: &Transaction<'_>, rows: &[SearchRow]) -> Result<()> {
        // A hearing written twice in one run: its old row (if it had one before the first
        // write) is removed once, and only its last text is written.
        let mut last = std::collections::HashMap::with_capacity(rows.len());
        for (i, r) in rows.iter().enumerate() {
            if last.insert(r.rowid, i).is_none() && r.existed {
                tx.prepare_cached("DELETE FROM hearing_search WHERE rowid = ?1")?
                    .execute([r.rowid])?;
            }
        }
        for (i, r) in rows.iter().enumerate() {
            if !r.body.is_empty() && last.get(&r.rowid) == Some(&i) {
                tx.prepare_cached("INSERT INTO hearing_search (rowid, body) VALUES (?1, ?2)")?
                    .execute(params![r.rowid, r.body])?;
            }
        }
        Ok(())
    }
}

/// Turns what a user typed into an FTS5 query: every word (split at anything but letters,
/// digits and `_`, as the tokenizer does) must appear, as a prefix (so
/// `засед` finds `заседание`) unless it is a number of one or two digits; quotes and
/// operators are taken literally. `None` when the text has no words.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            // A number of one or two digits (the `1` and `25` of case number `1-599/25`) is
            // matched whole: as a prefix it would expand to thousands of indexed numbers,
            // which took a search by case number over 50 ms at 100,000 hearings.
            if w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()) {
                format!("\"{w}\"")
            } else {
                format!("\"{}\"*", fold(w))
            }
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}
