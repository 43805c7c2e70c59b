//! Courts a monitor adds (DESIGN.md §2, "Courts"; migration 0010): the shipped list of
//! `assets/courts.toml` plus these make [`Spec::courts`], the one list every form, filter,
//! statistic and batch reads. [`Store::open`] joins them; adding one (here or by a merge)
//! joins it at once.
//!
//! A court's code is made once from a new id (`user_` and 12 hex digits), never changed and
//! never reused: two monitors adding "the same" court make two courts, both kept, and a code
//! names the same court in every database a batch takes it to. A batch naming a known code
//! with other content is refused whole (`exchange::courts`); nothing is overwritten.

use std::sync::Arc;

use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use crate::error::{Error, Result};
use crate::spec::{Added, Court, Spec, Text, USER_COURT_PREFIX};

/// What a monitor gives for a new court.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewCourt {
    pub name: Text,
    /// A code of the `court_level` list.
    pub level: String,
    /// A code of the `region` list, or empty with `country`.
    pub region: String,
    /// The country when the court is not in Tajikistan.
    pub country: String,
}

const COLUMNS: &str = "code, level, region, country, name_en, name_ru, name_tg, added_by, added_at";

fn court_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Court> {
    Ok(Court {
        code: r.get(0)?,
        level: r.get(1)?,
        region: r.get(2)?,
        country: r.get(3)?,
        name: Text {
            en: r.get(4)?,
            ru: r.get(5)?,
            tg: r.get(6)?,
        },
        added: Some(Added {
            by: r.get(7)?,
            at: r.get(8)?,
        }),
    })
}

/// Reads the courts added to the database on `conn`, oldest first.
pub(super) fn read_courts(conn: &rusqlite::Connection) -> rusqlite::Result<Vec<Court>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM user_courts ORDER BY added_at, code"
    ))?;
    let rows = stmt.query_map([], court_from_row)?;
    rows.collect()
}

/// The shipped spec with the courts of the database on `conn`.
pub(super) fn spec_with_courts(
    conn: &rusqlite::Connection,
    shipped: &Arc<Spec>,
) -> rusqlite::Result<Arc<Spec>> {
    let courts = read_courts(conn)?;
    Ok(if courts.is_empty() {
        Arc::clone(shipped)
    } else {
        Arc::new(shipped.with_courts(&courts))
    })
}

impl Store {
    /// Adds a court that is not in the shipped list, made by this database's monitor, and
    /// returns it; from now on it is one of [`Spec::courts`].
    pub fn add_court(&mut self, new: &NewCourt) -> Result<Court> {
        let me = self.profile().cloned().ok_or(Error::NoProfile)?;
        if self.is_read_only() {
            return Err(Error::ReadOnly);
        }
        let trim = |s: &str| s.trim().to_owned();
        let id = self.new_id().simple().to_string();
        let court = Court {
            code: format!("{USER_COURT_PREFIX}{}", &id[id.len() - 12..]),
            level: trim(&new.level),
            region: trim(&new.region),
            country: trim(&new.country),
            name: Text {
                en: trim(&new.name.en),
                ru: trim(&new.name.ru),
                tg: trim(&new.name.tg),
            },
            added: Some(Added {
                by: me.uuid.to_string(),
                at: self.now_text(),
            }),
        };
        if let Some(why) = self.spec.user_court_problem(&court) {
            return Err(Error::Invalid(format!("the court was not added: {why}")));
        }
        if self.spec.court(&court.code).is_some() {
            return Err(Error::Invalid(format!(
                "the court was not added: the code {} is taken; try again",
                court.code
            )));
        }
        let tx = self.begin()?;
        insert_court(&tx, &court).map_err(|e| self.explain(e))?;
        tx.commit().map_err(|e| self.explain(e))?;
        self.reload_courts()?;
        Ok(court)
    }

    /// The courts monitors added (here or in merged batches), oldest first.
    pub fn user_courts(&self) -> Result<Vec<Court>> {
        read_courts(&self.conn).map_err(|e| self.explain(e))
    }

    /// Reads the courts added again (after a merge brought some), so that [`Store::spec`]
    /// holds them.
    pub fn reload_courts(&mut self) -> Result<()> {
        let spec = spec_with_courts(&self.conn, &self.shipped).map_err(|e| self.explain(e))?;
        self.spec = spec;
        Ok(())
    }

    /// Writes courts a batch brings inside the merge's transaction: a code not here yet is
    /// added; a code here with the same content changes nothing; a code here with other
    /// content (or a shipped one) is refused, and the caller's transaction rolls back.
    /// Returns how many were new.
    pub fn receive_courts(&self, tx: &Transaction<'_>, courts: &[Court]) -> Result<u64> {
        let mut new = 0;
        for c in courts {
            if let Some(why) = self.shipped.user_court_problem(c) {
                return Err(Error::Invalid(format!("court {}: {why}", c.code)));
            }
            let here = tx
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM user_courts WHERE code = ?1"
                ))
                .and_then(|mut s| s.query_row([&c.code], court_from_row).optional())
                .map_err(|e| self.explain(e))?;
            match here {
                Some(h) if h == *c => {}
                Some(h) => return Err(Error::Invalid(clash(&h, c).to_string())),
                None => {
                    insert_court(tx, c).map_err(|e| self.explain(e))?;
                    new += 1;
                }
            }
        }
        Ok(new)
    }
}

/// Why a court a batch brings cannot be taken: the same code names another court here.
pub fn clash(here: &Court, incoming: &Court) -> crate::i18n::Msg {
    let name = |c: &Court| {
        [&c.name.en, &c.name.ru, &c.name.tg]
            .into_iter()
            .filter(|n| !n.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" / ")
    };
    crate::msg!(
        "batch-court-clash",
        code = &here.code,
        here = format!("{:?}", name(here)),
        level = &here.level,
        region = format!("{:?}", here.region),
        country = format!("{:?}", here.country),
        theirs = format!("{:?}", name(incoming)),
        their_level = &incoming.level,
        their_region = format!("{:?}", incoming.region),
        their_country = format!("{:?}", incoming.country)
    )
}

fn insert_court(tx: &Transaction<'_>, c: &Court) -> rusqlite::Result<()> {
    let (by, at) = c
        .added
        .as_ref()
        .map_or(("", ""), |a| (a.by.as_str(), a.at.as_str()));
    tx.prepare_cached(&format!(
        "INSERT INTO user_courts ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    ))?
    .execute(params![
        c.code, c.level, c.region, c.country, c.name.en, c.name.ru, c.name.tg, by, at
    ])?;
    Ok(())
}
