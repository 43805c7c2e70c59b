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

/// Folding is shared with the interface's choice lists.
pub(crate) use crate::domain::fold;

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

/// The words of what a user typed, split at anything but letters, digits and `_` (as the
/// tokenizer does), each folded, with whether it is matched as a prefix (so `засед` finds
/// `заседание`): all are but words of one or two characters.
fn words(text: &str) -> Vec<(String, bool)> {
    text.split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            // A word of one or two characters (the `с` or `за` of a phrase, the `1` and `25`
            // of case number `1-599/25`) is matched whole: as a prefix it starts thousands of
            // indexed words, which FTS5 merges into one list first. `за` as a prefix matched
            // 99 % of 100,000 hearings and took 68–78 ms, `с` 45 ms for the count alone, a
            // case number over 50 ms.
            let whole = w.chars().count() <= 2;
            (fold(w), !whole)
        })
        .collect()
}

/// Turns what a user typed into an FTS5 query in which every word must appear, each a prefix
/// but words of one or two characters ([`words`]); quotes and operators are taken literally.
/// `None` when the text has no words. [`Store::search_query`] gives the same matches faster.
#[cfg(test)]
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = words(text)
        .into_iter()
        .map(|(w, prefix)| format!("{}{}", quoted(&w), if prefix { "*" } else { "" }))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// An FTS5 string.
fn quoted(word: &str) -> String {
    format!("\"{}\"", word.replace('"', "\"\""))
}

/// The most indexed words a prefix is replaced by (see [`Store::search_query`]).
const PREFIX_WORDS: usize = 16;

/// A search as an FTS5 query ([`Store::search_query`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SearchQuery {
    pub fts: String,
    /// Whether a word is still matched as a prefix, which FTS5 answers slowly.
    pub prefix: bool,
}

impl Store {
    /// [`fts_query`], with each prefix replaced by the indexed words that start with it
    /// (`"судья"*` becomes `"судья"`, `"суд"*` `("суд" OR "суда" OR … "судья")`): the same
    /// hearings match, faster. FTS5 answers a prefix by first merging the lists of all the
    /// words under it into a new list, which took 25 ms for `судья` in 85 % of 100,000
    /// hearings (the only word under its prefix), against 3 ms for the word. The words are
    /// read from the index's vocabulary, `temp.hearing_search_words` (made by `Store::open`;
    /// 2 ms for that word). A prefix stays one when it starts more than [`PREFIX_WORDS`] words,
    /// as `OR` over many lists costs as much.
    pub(crate) fn search_query(&self, text: &str) -> Result<Option<SearchQuery>> {
        let mut parts = Vec::new();
        let mut prefix = false;
        for (word, is_prefix) in words(text) {
            let as_prefix = format!("{}*", quoted(&word));
            let part = if !is_prefix {
                quoted(&word)
            } else {
                match self.words_under(&word)?.as_slice() {
                    // It matches nothing, and finds that at once.
                    [] => as_prefix,
                    [one] => quoted(one),
                    some if some.len() <= PREFIX_WORDS => {
                        let some: Vec<String> = some.iter().map(|w| quoted(w)).collect();
                        format!("({})", some.join(" OR "))
                    }
                    _ => {
                        prefix = true;
                        as_prefix
                    }
                }
            };
            parts.push(part);
        }
        Ok((!parts.is_empty()).then(|| SearchQuery {
            // FTS5 takes phrases side by side as AND, but not a group beside a phrase.
            fts: parts.join(" AND "),
            prefix,
        }))
    }

    /// The indexed words that start with `prefix`, in order, at most one more than
    /// [`PREFIX_WORDS`]. The vocabulary counts each word's hearings as it steps, so reading
    /// stops at the bound instead of after the first word past the prefix.
    fn words_under(&self, prefix: &str) -> Result<Vec<String>> {
        // Every word that starts with the prefix sorts (as UTF-8 bytes, like the index)
        // before the prefix followed by the last code point, which is no letter or digit and
        // so in no word.
        let bound = format!("{prefix}{}", char::MAX);
        let words = self
            .conn
            .prepare_cached(
                "SELECT term FROM temp.hearing_search_words WHERE term >= ?1 AND term < ?2
                 LIMIT ?3",
            )?
            .query_map(params![prefix, bound, PREFIX_WORDS as i64 + 1], |r| {
                r.get::<_, String>(0)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(words
            .into_iter()
            .filter(|w| w.starts_with(prefix))
            .collect())
    }
}
