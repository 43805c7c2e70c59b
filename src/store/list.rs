//! Finding hearings: the filters shared by `list`, `stats` and the reviewer screens, turned
//! into one indexed query, and one page of summaries at a time.
//!
//! # What the hearing list reads
//!
//! A page of the list is chosen on indexes alone (ids first, then 60 rows are read), and the
//! match count is taken only when the filter changes. Migration 0005 gives every sortable column
//! an index in exactly the list's order (the column, then hearing date, creation time, rowid), so
//! no sort runs: `hearings_browse` (date, and every column the filters test, for filters no other
//! index serves), `hearings_court` (sorting by court walks the courts in the order of the names
//! the list shows, in the interface's language — `temp.court_rank`, filled from the courts the
//! hearings name when the list is loaded anew — then each one's hearings), `hearings_judge`, `hearings_status_sort`, `hearings_monitor`
//! (sorting by monitor walks the monitors by code, then each one's hearings) and
//! `hearings_case_number` on a copy of the case number that triggers keep on `hearings`. The tag
//! filter reads `case_tags` (one row per case and tag, kept by triggers), the article filter
//! `charged_cases` (one row per article and charged party, with the party's case; kept by
//! triggers on `charges`, migration 0007), both as uncorrelated subqueries; a page tests these
//! sets, and search's FTS5 rowids, while scanning the index in the list's order. A set of at
//! most 200 members (`list::Few`, found by reading it up to that bound, 0.02 ms) is the other
//! way round: the page starts from its hearings and sorts them, since testing a sparse set on
//! the index reads all of the index to find a page (5,200 pages for a case number's 47
//! hearings).
//! A search's words are prefixes, but FTS5 answers a prefix by merging the lists of every word
//! under it into a new one first (slower than reading a word's list by eight times, even when
//! one word is under it), so `Store::search_query` replaces each prefix by the words it starts,
//! read from `temp.hearing_search_words` (an `fts5vocab` table made by `Store::open`, outside
//! the file's schema), unless it starts more than 16 words; a word of one or two characters
//! is matched whole (as a prefix it starts thousands).
//! When the list recounts, `Store::list_and_count` reads the tag and article sets once for the
//! page and the count (materialised common table expressions in one statement), and a search's
//! set only while it holds a prefix: SQLite copies a shared set whole before each part builds
//! its own lookup table from it, which costs more than reading the words' lists again. A search
//! alone is counted in the full-text index; with other filters (outside that shared statement),
//! its rowids and theirs are read and intersected in Rust (`count_searched`), twice as fast as
//! SQL probing one set with the other. When scrolling, the count is known, so a page in the
//! second half is read from the end in the reverse order (`Store::list_hearings_of`; every
//! order ends in the rowid, so that is exactly the list backwards): `End` costs what `Home`
//! does instead of walking every match. Counting every hearing reads the narrowest index,
//! `hearings_status` (status). Check a new query with `EXPLAIN QUERY PLAN`:
//! `src/store/tests.rs` asserts that the list's pages and counts never read a hearing's row and
//! that sorting by a column runs no sort.

use rusqlite::types::Value;
use serde::Serialize;
use uuid::Uuid;

use super::search::SearchQuery;
use super::{Store, parse_uuid};
use crate::domain::Status;
use crate::error::{Error, Result};
use crate::spec::{COURT_LIST, Lang};

/// Which hearings to show. Every set field narrows the result.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// First hearing date included (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Last hearing date included.
    pub to: Option<String>,
    /// A court code.
    pub court: Option<String>,
    /// A region code; matches every court of the region.
    pub region: Option<String>,
    /// Part of the judge's name, any case.
    pub judge: Option<String>,
    /// A monitor code.
    pub monitor: Option<String>,
    /// A case tag code.
    pub tag: Option<String>,
    /// A charge article, e.g. `143-1`.
    pub article: Option<String>,
    pub status: Option<Status>,
    /// Words to find in narratives, notes and visible names.
    pub search: Option<String>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SortColumn {
    #[default]
    Date,
    Court,
    Judge,
    CaseNumber,
    Monitor,
    Status,
}

impl SortColumn {
    /// Every column, in the order the list's `o` steps through them.
    pub const ALL: [SortColumn; 6] = [
        SortColumn::Date,
        SortColumn::Court,
        SortColumn::Judge,
        SortColumn::CaseNumber,
        SortColumn::Monitor,
        SortColumn::Status,
    ];

    fn sql(self) -> &'static str {
        match self {
            SortColumn::Date => "h.hearing_date",
            SortColumn::Court => "c.rank",
            SortColumn::Judge => "h.judge",
            SortColumn::CaseNumber => "h.case_number",
            SortColumn::Monitor => "m.code",
            SortColumn::Status => "h.status",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sort {
    pub column: SortColumn,
    pub descending: bool,
}

impl Default for Sort {
    /// Newest first.
    fn default() -> Self {
        Sort {
            column: SortColumn::Date,
            descending: true,
        }
    }
}

/// One row of a hearing list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HearingSummary {
    pub uuid: Uuid,
    pub hearing_date: String,
    pub court: String,
    pub judge: String,
    pub case_number: String,
    pub stages: String,
    pub monitor: String,
    pub status: Status,
    pub version: u32,
    pub allegation: bool,
    pub closed: bool,
    pub no_counsel: bool,
    pub follow_up: bool,
    pub held: String,
}

/// A filter with its search as a full-text query, made once per list or count (it reads the
/// index's vocabulary, [`Store::search_query`]).
pub(super) struct Query<'f> {
    f: &'f Filter,
    search: Option<SearchQuery>,
    pub(super) few: Few,
}

/// The most members (a tag's cases, an article's charged parties, a search's hearings) a set
/// may have to count as [`Few`].
const FEW: i64 = 200;

/// Which of a filter's sets have at most [`FEW`] members. A page is then found from the set
/// (its hearings looked up and sorted: a few hundred rows at most) instead of by walking the
/// list's index and testing each entry, which reads the whole index when the set is sparse:
/// 5,200 pages for a case number found in 47 of 100,000 hearings, the same for an article
/// that nobody is charged under.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Few {
    pub tag: bool,
    pub article: bool,
    pub search: bool,
}

impl Query<'_> {
    /// The full-text query, when the filter is that and nothing else.
    fn search_alone(&self) -> Option<&str> {
        let only_search = Filter {
            search: self.f.search.clone(),
            ..Filter::default()
        };
        (*self.f == only_search)
            .then_some(self.search.as_ref())
            .flatten()
            .map(|q| q.fts.as_str())
    }
}

impl Store {
    /// A filter ready to be turned into SQL.
    pub(super) fn query<'f>(&self, f: &'f Filter) -> Result<Query<'f>> {
        let search = match f.search.as_deref() {
            Some(text) => self.search_query(text)?,
            None => None,
        };
        let few = Few {
            tag: self.at_most_few("SELECT 1 FROM case_tags WHERE tag = ?1", f.tag.as_deref())?,
            article: self.at_most_few(
                "SELECT 1 FROM charged_cases WHERE article = ?1",
                f.article.as_deref(),
            )?,
            // FTS5 merges all the words under a prefix before giving the first match, which
            // costs what counting them does; such a prefix matches thousands anyway.
            search: self.at_most_few(
                "SELECT 1 FROM hearing_search WHERE hearing_search MATCH ?1",
                search
                    .as_ref()
                    .filter(|s| !s.prefix)
                    .map(|s| s.fts.as_str()),
            )?,
        };
        Ok(Query { f, search, few })
    }

    /// Whether `members` (a query of one parameter) gives at most [`FEW`] rows for `value`;
    /// false without a value. It stops reading at the bound: 0.02 ms for a word in 85,000
    /// hearings.
    fn at_most_few(&self, members: &str, value: Option<&str>) -> Result<bool> {
        let Some(value) = value else {
            return Ok(false);
        };
        let n: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM ({members} LIMIT {})",
                FEW + 1
            ))?
            .query_row([value], |r| r.get(0))
            .map_err(|e| self.explain(e))?;
        Ok(n <= FEW)
    }

    /// The `WHERE` clause and its parameters for a filter, on `hearings h` alone (case fields
    /// are read by uncorrelated subqueries).
    pub(crate) fn filter_sql(&self, f: &Filter) -> Result<(String, Vec<Value>)> {
        let w = self.where_sql(&self.query(f)?, false, false)?;
        Ok((w.clause, w.params))
    }

    /// [`Store::filter_sql`]; when `ordered` (a page of the list), the tag and article sets
    /// are tested on the index that gives the list's order (`+`), instead of driving the
    /// query through `hearings_case` and sorting what it finds. Search probes its set while
    /// scanning an index: looking up each match by rowid reads the large rows. A set of
    /// [`Few`] members is never probed: the query starts from it. When
    /// `shared`, the sets (tag `tagged`, article `charged`, and search `s` while it holds a
    /// prefix) are common table expressions in [`Where::with`], so that two parts of one
    /// statement find them once.
    fn where_sql(&self, q: &Query<'_>, ordered: bool, shared: bool) -> Result<Where> {
        let f = q.f;
        let by_case = |few: bool| {
            if ordered && !few {
                "+h.case_uuid"
            } else {
                "h.case_uuid"
            }
        };
        let mut w = Where::default();
        let text = |s: &str| Value::Text(s.to_owned());
        if let Some(d) = &f.from {
            w.push("h.hearing_date >= ?", vec![text(d)]);
        }
        if let Some(d) = &f.to {
            w.push("h.hearing_date <= ?", vec![text(d)]);
        }
        if let Some(c) = &f.court {
            w.push("h.court = ?", vec![text(c)]);
        }
        if let Some(r) = &f.region {
            let courts = self.spec.courts_in_region(r);
            if courts.is_empty() && self.spec.list("region").is_none_or(|l| l.get(r).is_none()) {
                return Err(Error::Invalid(format!("unknown region {r}")));
            }
            let marks = vec!["?"; courts.len().max(1)].join(", ");
            let values = if courts.is_empty() {
                vec![Value::Null]
            } else {
                courts.into_iter().map(text).collect()
            };
            // A page walks the list's index and tests the courts on it (a region holds about
            // a fifth of the hearings, so a page is found after a few hundred entries);
            // otherwise the region's courts are ranges of hearings_court, sorted for a page.
            let court = if ordered { "+h.court" } else { "h.court" };
            w.push(&format!("{court} IN ({marks})"), values);
        }
        if let Some(j) = &f.judge {
            w.push(
                "h.judge LIKE ? ESCAPE '\\'",
                vec![text(&format!("%{}%", escape_like(j)))],
            );
        }
        if let Some(m) = &f.monitor {
            // Codes are unique: one monitor, so one range of hearings_monitor, in order.
            w.push(
                "h.monitor_uuid = (SELECT uuid FROM monitors WHERE code = ?)",
                vec![text(m)],
            );
        }
        if let Some(t) = &f.tag {
            // Uncorrelated, so the cases are found once, on case_tags (migration 0005).
            w.set(
                shared,
                by_case(q.few.tag),
                "tagged",
                "SELECT t.case_uuid FROM case_tags t WHERE t.tag = ?",
                text(t),
            );
        }
        if let Some(a) = &f.article {
            // Uncorrelated, so it runs once: as a correlated EXISTS, SQLite scanned every
            // charge under the article for each hearing (minutes at 100,000 hearings). The
            // article's cases are one range of charged_cases (migration 0007).
            w.set(
                shared,
                by_case(q.few.article),
                "charged",
                "SELECT c.case_uuid FROM charged_cases c WHERE c.article = ?",
                text(a),
            );
        }
        if let Some(s) = f.status {
            w.push("h.status = ?", vec![text(s.code())]);
        }
        if let Some(search) = &q.search {
            // Each part of a statement that tests a set builds its own lookup table from it, a
            // shared set being first copied whole: for a search of whole words that copy costs
            // more than reading the words' lists again (3 ms for a word in 85,000 hearings).
            w.set(
                shared && search.prefix,
                if q.few.search { "h.rowid" } else { "+h.rowid" },
                "s",
                "SELECT rowid FROM hearing_search WHERE hearing_search MATCH ?",
                text(&search.fts),
            );
        }
        if !w.clauses.is_empty() {
            w.clause = format!("WHERE {}", w.clauses.join(" AND "));
        }
        Ok(w)
    }

    /// The `FROM` clause that chooses a page: the hearings alone, except that sorting by
    /// monitor walks the monitors in code order (codes are unique) and each one's hearings on
    /// `hearings_monitor`, which is already the list's order.
    /// Sorting by court walks the courts in the order of their names (`temp.court_rank`, see
    /// [`Store::rank_courts`]) and each one's hearings on `hearings_court`, in the same way.
    fn from(sort: Sort) -> &'static str {
        match sort.column {
            SortColumn::Monitor => "monitors m CROSS JOIN hearings h ON h.monitor_uuid = m.uuid",
            SortColumn::Court => {
                "temp.court_rank c CROSS JOIN hearings h INDEXED BY hearings_court ON h.court IS c.code"
            }
            _ => "hearings h",
        }
    }

    /// The query counting the matches, and its parameters.
    pub(super) fn count_sql(&self, q: &Query<'_>) -> Result<(String, Vec<Value>)> {
        // A search alone is counted in the full-text index, which holds one row per hearing
        // (deleted with it): twice as fast as probing the matches while scanning an index.
        if let Some(fts) = q.search_alone() {
            return Ok((
                "SELECT count(*) FROM hearing_search WHERE hearing_search MATCH ?1".into(),
                vec![Value::Text(fts.to_owned())],
            ));
        }
        let w = self.where_sql(q, false, false)?;
        Ok((
            format!("SELECT count(*) FROM hearings h {}", w.clause),
            w.params,
        ))
    }

    /// The query choosing one page of matching hearings (their rowids, in order), and its
    /// parameters.
    pub(super) fn page_sql(
        &self,
        q: &Query<'_>,
        sort: Sort,
        limit: u64,
        offset: u64,
    ) -> Result<(String, Vec<Value>)> {
        if sort.column == SortColumn::Court {
            self.rank_courts(false)?;
        }
        let Where {
            clause: wh, params, ..
        } = self.where_sql(q, true, false)?;
        Ok((
            format!(
                "SELECT h.rowid FROM {from} {wh} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
                from = Self::from(sort),
                order = Self::order(sort),
            ),
            params,
        ))
    }

    /// The list's order: the sorted column, then (within it) newest first, or oldest when
    /// reversed. It is the order of the column's index (migration 0005), so no sort runs.
    fn order(sort: Sort) -> String {
        let dir = if sort.descending { "DESC" } else { "ASC" };
        match sort.column {
            // hearings_browse holds the filtered columns after the date and creation time,
            // so SQLite sorts the rare hearings created at the same moment among themselves
            // (a "temp b-tree for the last term" over a few rows at a time).
            SortColumn::Date => format!("h.hearing_date {dir}, h.created_at {dir}, h.rowid {dir}"),
            col => format!(
                "{col} {dir}, h.hearing_date {dir}, h.created_at {dir}, h.rowid {dir}",
                col = col.sql()
            ),
        }
    }

    /// Sorting the list by court follows the courts' names in `lang`, as the list shows them.
    pub(crate) fn name_courts_in(&self, lang: Lang) {
        self.court_names.set(lang);
    }

    /// Fills `temp.court_rank` with every court the hearings name (and "no court", first),
    /// ranked by the name shown in the current language, then by code. `fresh` fills it again
    /// even when it is filled for this language: the list is loaded anew, and an edit or a
    /// merge may have brought a court no hearing named before.
    fn rank_courts(&self, fresh: bool) -> Result<()> {
        let lang = self.court_names.get();
        if !fresh && self.court_ranked.get() == Some(lang) {
            return Ok(());
        }
        let mut codes: Vec<Option<String>> = self
            .conn
            .prepare_cached("SELECT DISTINCT court FROM hearings")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        codes.sort_by_cached_key(|c| match c.as_deref() {
            None | Some("") => (false, String::new(), String::new()),
            Some(code) => (
                true,
                self.spec.code_label(COURT_LIST, code, lang).to_lowercase(),
                code.to_owned(),
            ),
        });
        // A read-only connection refuses writes even to its temporary schema; this table,
        // which lives only in memory, is the one exception.
        if self.read_only {
            self.conn.pragma_update(None, "query_only", false)?;
        }
        let filled = (|| -> rusqlite::Result<()> {
            self.conn.execute("DELETE FROM temp.court_rank", [])?;
            let mut insert = self
                .conn
                .prepare_cached("INSERT INTO temp.court_rank (code) VALUES (?1)")?;
            for code in &codes {
                insert.execute([code])?;
            }
            Ok(())
        })();
        if self.read_only {
            self.conn.pragma_update(None, "query_only", true)?;
        }
        filled?;
        self.court_ranked.set(Some(lang));
        Ok(())
    }

    /// How many hearings match.
    pub fn count_hearings(&self, f: &Filter) -> Result<u64> {
        self.count(&self.query(f)?)
    }

    fn count(&self, q: &Query<'_>) -> Result<u64> {
        if let Some(search) = q.search.as_ref().filter(|_| q.search_alone().is_none()) {
            return self.count_searched(q, &search.fts);
        }
        let (sql, params) = self.count_sql(q)?;
        let n: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(params), |r| r.get(0))
            .map_err(|e| self.explain(e))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// How many hearings match a search and other filters: the search's rowids, from the
    /// full-text index, and the other filters' rowids, from the hearings' indexes, intersected
    /// here. SQL would build a lookup table of one set to probe with the other, which took
    /// twice as long (17 ms against 9 ms for `конвой` in Sughd, at 100,000 hearings).
    fn count_searched(&self, q: &Query<'_>, fts: &str) -> Result<u64> {
        let rowids = |sql: &str, params: Vec<Value>| -> Result<Vec<i64>> {
            self.conn
                .prepare_cached(sql)?
                .query_map(rusqlite::params_from_iter(params), |r| r.get(0))
                .map_err(|e| self.explain(e))?
                .collect::<rusqlite::Result<Vec<i64>>>()
                .map_err(|e| self.explain(e))
        };
        // In rowid order, which is the full-text index's own.
        let found = rowids(
            "SELECT rowid FROM hearing_search WHERE hearing_search MATCH ?1 ORDER BY rowid",
            vec![Value::Text(fts.to_owned())],
        )?;
        let others = self.where_sql(
            &Query {
                f: q.f,
                search: None,
                few: q.few,
            },
            false,
            false,
        )?;
        let mut kept = rowids(
            &format!("SELECT h.rowid FROM hearings h {}", others.clause),
            others.params,
        )?;
        kept.sort_unstable();
        let mut kept = kept.iter().peekable();
        let mut n = 0;
        for rowid in &found {
            while kept.next_if(|&k| k < rowid).is_some() {}
            n += u64::from(kept.peek() == Some(&rowid));
        }
        Ok(n)
    }

    /// One page of matching hearings, in the given order. The page is chosen on the indexes
    /// first (ids only), then only its rows are read, so a page deep in 100,000 hearings costs
    /// about what the first one does.
    pub(crate) fn list_hearings(
        &self,
        f: &Filter,
        sort: Sort,
        limit: u64,
        offset: u64,
    ) -> Result<Vec<HearingSummary>> {
        self.list(&self.query(f)?, sort, limit, offset)
    }

    /// [`Store::list_hearings`] when the number of matches is known (scrolling): a page in
    /// the second half is read from the end, in the reverse order, so that the last page costs
    /// what the first does. Reaching it forwards walks every match before it, which took the
    /// End key 60–95 ms in a search matching most of 100,000 hearings.
    pub(crate) fn list_hearings_of(
        &self,
        f: &Filter,
        sort: Sort,
        limit: u64,
        offset: u64,
        total: u64,
    ) -> Result<Vec<HearingSummary>> {
        if offset <= total / 2 || offset >= total {
            return self.list_hearings(f, sort, limit, offset);
        }
        // Every order ends in the rowid, so the reverse order is exactly the list backwards.
        let end = offset.saturating_add(limit).min(total);
        let backwards = Sort {
            descending: !sort.descending,
            ..sort
        };
        let mut rows = self.list_hearings(f, backwards, end - offset, total - end)?;
        rows.reverse();
        Ok(rows)
    }

    pub(super) fn list(
        &self,
        q: &Query<'_>,
        sort: Sort,
        limit: u64,
        offset: u64,
    ) -> Result<Vec<HearingSummary>> {
        let (page, params) = self.page_sql(q, sort, limit, offset)?;
        let (rows, _) = self.summaries("", &page, "NULL", sort, params)?;
        Ok(rows)
    }

    /// [`Store::list_hearings`] and [`Store::count_hearings`] at once. With a tag, article or
    /// a search still holding a prefix, both come from one statement that finds those sets
    /// once (a common word matches most hearings, and finding them is most of the work).
    pub fn list_and_count(
        &self,
        f: &Filter,
        sort: Sort,
        limit: u64,
        offset: u64,
    ) -> Result<(Vec<HearingSummary>, u64)> {
        if sort.column == SortColumn::Court {
            self.rank_courts(true)?;
        }
        let q = self.query(f)?;
        let prefix = q.search.as_ref().is_some_and(|s| s.prefix);
        if !prefix && f.tag.is_none() && f.article.is_none() {
            return Ok((self.list(&q, sort, limit, offset)?, self.count(&q)?));
        }
        // The page and the count test the same filters in the same order, so they share the
        // parameters and the sets.
        let page = self.where_sql(&q, true, true)?;
        let count = self.where_sql(&q, false, true)?;
        let count = if q.search_alone().is_some() {
            "(SELECT count(*) FROM s)".to_owned()
        } else {
            format!("(SELECT count(*) FROM hearings h {})", count.clause)
        };
        let chosen = format!(
            "SELECT h.rowid FROM {from} {wh} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
            from = Self::from(sort),
            wh = page.clause,
            order = Self::order(sort),
        );
        let (rows, total) = self.summaries(&page.with, &chosen, &count, sort, page.params)?;
        match total {
            Some(n) => Ok((rows, n)),
            // An empty page (past the end) carries no count.
            None => Ok((rows, self.count(&q)?)),
        }
    }

    /// The summaries of the hearings `page` chooses (a query of their rowids), in order, and
    /// the value of `count` (an uncorrelated expression; `NULL` for none), given once per row.
    fn summaries(
        &self,
        with: &str,
        page: &str,
        count: &str,
        sort: Sort,
        params: Vec<Value>,
    ) -> Result<(Vec<HearingSummary>, Option<u64>)> {
        let sql = format!(
            "WITH {with} page(rid) AS ({page})
             SELECT h.uuid, ifnull(h.hearing_date, ''), ifnull(h.court, ''), ifnull(h.judge, ''),
                    ifnull(h.case_number, ''), ifnull(json_extract(h.data, '$.stages'), ''), ifnull(m.code, ''),
                    h.status, h.version,
                    EXISTS (SELECT 1 FROM allegations a WHERE a.hearing_uuid = h.uuid),
                    ifnull(json_extract(h.data, '$.public_access'), '') IN ('closed_entire', 'closed_partly'),
                    EXISTS (SELECT 1 FROM hearing_parties hp JOIN parties p ON p.uuid = hp.party_uuid
                            WHERE hp.hearing_uuid = h.uuid AND json_extract(p.data, '$.role') = 'defendant'
                              AND (json_extract(hp.data, '$.counsel_present') = 'no'
                                   OR json_extract(hp.data, '$.counsel_type') = 'none')),
                    ifnull(json_extract(h.data, '$.follow_up_needed'), '') = 'yes',
                    ifnull(json_extract(h.data, '$.hearing_held'), ''),
                    {count}
             FROM page JOIN hearings h ON h.rowid = page.rid LEFT JOIN monitors m ON m.uuid = h.monitor_uuid
             {courts}
             ORDER BY {order}",
            courts = if sort.column == SortColumn::Court {
                "LEFT JOIN temp.court_rank c ON c.code IS h.court"
            } else {
                ""
            },
            order = Self::order(sort),
        );
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| self.explain(e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(|e| self.explain(e))?;
        let mut out = Vec::new();
        let mut total = None;
        while let Some(r) = rows.next().map_err(|e| self.explain(e))? {
            let status: String = r.get(7)?;
            out.push(HearingSummary {
                uuid: parse_uuid(&r.get::<_, String>(0)?)?,
                hearing_date: r.get(1)?,
                court: r.get(2)?,
                judge: r.get(3)?,
                case_number: r.get(4)?,
                stages: r.get(5)?,
                monitor: r.get(6)?,
                status: Status::parse(&status).unwrap_or(Status::Draft),
                version: r.get(8)?,
                allegation: r.get(9)?,
                closed: r.get(10)?,
                no_counsel: r.get(11)?,
                follow_up: r.get(12)?,
                held: r.get(13)?,
            });
            total = r
                .get::<_, Option<i64>>(14)?
                .map(|n| u64::try_from(n).unwrap_or(0));
        }
        Ok((out, total))
    }

    /// Ids of all matching hearings, oldest first (for export and statistics).
    pub fn hearing_ids(&self, f: &Filter) -> Result<Vec<Uuid>> {
        let (wh, params) = self.filter_sql(f)?;
        let sql = format!(
            "SELECT h.uuid FROM hearings h {wh} ORDER BY h.hearing_date, h.created_at, h.rowid"
        );
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| self.explain(e))?;
        let ids = stmt
            .query_map(rusqlite::params_from_iter(params), |r| {
                r.get::<_, String>(0)
            })
            .map_err(|e| self.explain(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.explain(e))?;
        ids.iter().map(|s| parse_uuid(s)).collect()
    }
}

/// A filter as SQL: the `WHERE` clause on `hearings h`, its parameters (numbered `?1`, `?2`, …
/// in order) and, for shared sets, the common table expressions they name.
#[derive(Debug, Default)]
struct Where {
    clause: String,
    params: Vec<Value>,
    /// `name(u) AS MATERIALIZED (…),` for each shared set, to follow `WITH`.
    with: String,
    clauses: Vec<String>,
}

impl Where {
    /// `sql` with each `?` numbered after the parameters already taken.
    fn number(&mut self, sql: &str, values: Vec<Value>) -> String {
        let mut numbered = String::with_capacity(sql.len() + 8);
        let mut values = values.into_iter();
        for c in sql.chars() {
            if c == '?' {
                self.params.push(values.next().unwrap_or(Value::Null));
                numbered.push_str(&format!("?{}", self.params.len()));
            } else {
                numbered.push(c);
            }
        }
        numbered
    }

    fn push(&mut self, clause: &str, values: Vec<Value>) {
        let numbered = self.number(clause, values);
        self.clauses.push(numbered);
    }

    /// `column IN (query)`, or with `shared`, `column IN name` and `name` defined by `query`.
    fn set(&mut self, shared: bool, column: &str, name: &str, query: &str, value: Value) {
        let query = self.number(query, vec![value]);
        if shared {
            self.with
                .push_str(&format!("{name}(u) AS MATERIALIZED ({query}), "));
            self.clauses.push(format!("{column} IN {name}"));
        } else {
            self.clauses.push(format!("{column} IN ({query})"));
        }
    }
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
