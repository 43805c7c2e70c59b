//! Reports reviewers publish (DESIGN.md §5, Reports): every figure of `stats` for a filter,
//! as one self-contained HTML file (`html.rs`, charts as inline SVG) or an XLSX workbook
//! (`xlsx.rs`, native charts), in the user's language, arranged by group or by right and
//! treaty article (`rights.rs`).
//!
//! Both formats render the same [`Report`], built here in one place so the rules hold for
//! both: each share carries its Wilson 95 % interval and a flag when its denominator is small;
//! a public report hides small breakdown cells (`stats::suppressed`); and no person is named
//! without consent (`consent.rs`): judges become numbered, the filter's judge and search words
//! are withheld, and a last check refuses to write a report in which any protected name still
//! appears. The report is generic over `stats::Stats`: a group added there appears here.

mod consent;
mod html;
mod rights;
mod xlsx;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::exchange::export::Seal;
use crate::i18n::{Arg, Texts};
use crate::spec::{Lang, Spec};
use crate::stats::{self, By, Figure, Kind, Labels, Stats};
use crate::store::{Filter, Store};

pub use consent::Protected;

/// How the sections of a report follow each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Arrangement {
    /// One section per group of figures, as `stats` prints them.
    #[default]
    Group,
    /// One section per right or treaty article the checklist items cite, then the other
    /// groups under the article they measure.
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Html,
    Xlsx,
}

/// What a report is asked to be.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    pub arrangement: Arrangement,
    /// Marked for publication: small breakdown cells are hidden.
    pub public: bool,
    /// Breakdown cells below this count are hidden in a public report.
    pub suppress_below: u64,
    /// The dimensions (court, region, judge, month, monitor) figures are broken down by,
    /// besides their own categories, which are always given.
    pub breakdowns: Vec<By>,
    /// The by-judge breakdown names the judges as recorded instead of numbering them: a
    /// report for the legal aid group, never for publication, written sealed unless plain
    /// text was asked for after a warning (`named`).
    pub name_judges: bool,
    /// Plain text was asked for after the warning: a report that names people may then be
    /// written as a plain file.
    pub plaintext: bool,
}

impl Options {
    /// Whether the report names people, and so is sealed like a batch by default.
    pub fn named(&self) -> bool {
        self.name_judges
    }
}

/// The smallest breakdown cell a public report prints, from the settings (default 5).
pub fn suppress_below(store: &Store) -> Result<u64> {
    match store.setting(stats::SUPPRESS_SETTING)? {
        None => Ok(stats::DEFAULT_SUPPRESS_BELOW),
        Some(v) => v.trim().parse().map_err(|_| {
            Error::Invalid(format!(
                "the setting {} is {v:?}, not a whole number",
                stats::SUPPRESS_SETTING
            ))
        }),
    }
}

/// The hearings a report covers.
#[derive(Debug, Clone, Serialize)]
pub struct Scope {
    pub hearings: u64,
    /// Monitor codes (never names).
    pub monitors: Vec<String>,
    /// `YYYY-MM` of the first and last hearing with a date.
    pub first_month: Option<String>,
    pub last_month: Option<String>,
    /// Hearings per month, in month order.
    pub months: Vec<(String, u64)>,
}

/// One row of a breakdown as a report prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub label: String,
    pub numerator: u64,
    pub denominator: Option<u64>,
    pub share: Option<f64>,
    pub interval: Option<(f64, f64)>,
    /// Hidden in a public report: only the label is printed.
    pub suppressed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// `by court`, or the figure's own categories.
    pub title: String,
    pub cells: Vec<Cell>,
}

/// A figure as a report prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub id: String,
    pub label: String,
    pub is_share: bool,
    pub numerator: u64,
    pub denominator: Option<u64>,
    pub share: Option<f64>,
    pub interval: Option<(f64, f64)>,
    /// The value of a mean, median or maximum.
    pub value: Option<f64>,
    /// The figure's value as `stats` prints it (`15.4% (2/13)`, `35 min (n=12)`).
    pub text: String,
    pub unit: Option<String>,
    /// How the denominator is chosen, in English.
    pub note: String,
    /// The codes left out of the denominator, with counts.
    pub excluded: String,
    /// A share over fewer than `stats::SMALL_DENOMINATOR` observations.
    pub small: bool,
    pub tables: Vec<Table>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// What the section's figures measure, e.g. the treaty's name.
    pub subtitle: Option<String>,
    pub items: Vec<Item>,
}

/// The fixed words of a report in its language.
#[derive(Debug, Clone, Serialize)]
pub struct Words {
    pub title: String,
    pub generated: String,
    pub filter: String,
    pub scope: String,
    pub hearings: String,
    pub monitors: String,
    pub period: String,
    pub arrangement: String,
    pub figure: String,
    pub numerator: String,
    pub denominator: String,
    pub share: String,
    pub interval: String,
    pub value: String,
    pub note: String,
    pub excluded: String,
    pub row: String,
    pub timeline: String,
    pub small: String,
    pub suppressed: String,
    pub honesty: Vec<String>,
    pub contents: String,
}

/// Everything a report prints, in its language, the rules already applied.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub lang: &'static str,
    pub words: Words,
    /// The report date, from the store's clock.
    pub date: String,
    pub filter: Vec<(String, String)>,
    pub filter_line: String,
    pub scope: Scope,
    pub public: bool,
    pub sections: Vec<Section>,
}

/// The file a report asked for at `out` is written to: `out` itself in plain text, `out`
/// with `.age` added when sealed (unless it already ends so).
pub fn written_path(out: &Path, seal: &Seal) -> PathBuf {
    let sealed = !matches!(seal, Seal::Plaintext);
    if !sealed
        || out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("age"))
    {
        return out.to_path_buf();
    }
    let mut p = out.as_os_str().to_owned();
    p.push(".age");
    PathBuf::from(p)
}

/// Computes the figures for `filter` and writes the report to `out`, sealed as `seal` says
/// (encrypted with age like a batch and a printout) or in plain text (`Seal::Plaintext`);
/// returns the path written ([`written_path`]). A report that names people is refused in
/// plain text unless `options.plaintext` says the user asked for it after the warning.
pub fn write(
    store: &Store,
    texts: &Texts,
    filter: &Filter,
    options: &Options,
    format: Format,
    out: &Path,
    seal: &Seal,
) -> Result<PathBuf> {
    // Every file written outside the database goes into its output log, which a read-only
    // database cannot write: nothing is written then.
    if store.is_read_only() {
        return Err(Error::Invalid(texts.t(options.lang, "report-read-only")));
    }
    let sealed = !matches!(seal, Seal::Plaintext);
    if options.named() && !sealed && !options.plaintext {
        return Err(Error::Invalid(texts.t(options.lang, "report-named-plain")));
    }
    if options.named() && options.public {
        return Err(Error::Invalid(texts.t(options.lang, "report-named-public")));
    }
    let settings = stats::Settings::load(store)?;
    let figures = stats::compute(store, filter, settings)?;
    let protected = if options.name_judges {
        Protected::load_parties(store)?
    } else {
        Protected::load(store)?
    };
    let date = store.now().format("%Y-%m-%d").to_string();
    let report = build(
        store.spec(),
        texts,
        &figures,
        filter,
        &protected,
        &date,
        options,
    )?;
    let plain = match format {
        Format::Html => {
            let page = html::render(&report);
            protected.check(&page)?;
            page.into_bytes()
        }
        Format::Xlsx => xlsx::render(&report)
            .map_err(|e| Error::Invalid(format!("the workbook could not be made: {e}")))?,
    };
    let bytes = if sealed {
        seal_bytes(seal, &plain)?
    } else {
        plain
    };
    let path = written_path(out, seal);
    let mut entry = crate::store::OutputEntry::new(
        crate::store::OutputKind::Report,
        &path,
        sealed,
        options.public,
        crate::domain::sha256_hex(&bytes),
    );
    entry.sealed_to = crate::exchange::export::sealed_to(seal);
    write_file(store, &path, &bytes, &entry)?;
    Ok(path)
}

/// `plain` encrypted with age as `seal` says, by the encryptor batches and printouts use.
fn seal_bytes(seal: &Seal, plain: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write;
    let fail = |e: std::io::Error| Error::Invalid(format!("cannot seal the report: {e}"));
    let encryptor = crate::exchange::export::encryptor(seal)?;
    let mut out = Vec::with_capacity(plain.len() + 512);
    let mut w = encryptor.wrap_output(&mut out).map_err(fail)?;
    w.write_all(plain).map_err(fail)?;
    w.finish().map_err(fail)?;
    Ok(out)
}

/// Writes the report under a temporary name readable by its owner only, records it in the
/// output log, then gives it its name; a report not logged is not left behind.
fn write_file(
    store: &Store,
    path: &Path,
    bytes: &[u8],
    entry: &crate::store::OutputEntry,
) -> Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::printout::private_dir(dir)?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".part");
    let tmp = std::path::PathBuf::from(tmp);
    let _ = std::fs::remove_file(&tmp);
    let written = crate::store::create_private(&tmp).and_then(|mut f| {
        f.write_all(bytes)
            .and_then(|()| f.sync_all())
            .map_err(|e| Error::io(&tmp, e))
    });
    let done = written
        .and_then(|()| store.record_output(entry))
        .and_then(|()| std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e)));
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

fn words(t: &dyn Fn(&str) -> String, ta: &dyn Fn(&str, i64) -> String, o: &Options) -> Words {
    let mut honesty = vec![
        t("report-interval-note"),
        t(if o.name_judges {
            "report-consent-note-named"
        } else {
            "report-consent-note"
        }),
    ];
    honesty.push(if o.public {
        ta("report-public-note", o.suppress_below as i64)
    } else {
        t("report-internal-note")
    });
    honesty.push(ta("report-small-note", stats::SMALL_DENOMINATOR as i64));
    honesty.push(t("report-notes-language"));
    Words {
        title: t("report-title"),
        generated: t("report-generated"),
        filter: t("report-filter"),
        scope: t("report-scope"),
        hearings: t("report-hearings"),
        monitors: t("report-monitors"),
        period: t("report-period"),
        arrangement: t(match o.arrangement {
            Arrangement::Group => "report-by-group",
            Arrangement::Right => "report-by-right",
        }),
        figure: t("report-col-figure"),
        numerator: t("report-col-numerator"),
        denominator: t("report-col-denominator"),
        share: t("report-col-share"),
        interval: t("stats-interval"),
        value: t("report-col-value"),
        note: t("report-col-note"),
        excluded: t("report-col-excluded"),
        row: t("report-col-row"),
        timeline: t("report-timeline"),
        small: ta("report-small", stats::SMALL_DENOMINATOR as i64),
        suppressed: ta("report-suppressed", o.suppress_below as i64),
        honesty,
        contents: t("report-contents"),
    }
}

/// The scope from the figures themselves: the hearings counted, the monitors' codes and the
/// months of `counts.hearings`.
fn scope(s: &Stats) -> Scope {
    let hearings = s.figure("counts.hearings");
    let months: Vec<(String, u64)> = hearings
        .and_then(|f| f.breakdown(By::Month))
        .map(|b| {
            b.rows
                .iter()
                .filter(|r| r.key != "unknown")
                .map(|r| (r.key.clone(), r.numerator))
                .collect()
        })
        .unwrap_or_default();
    let monitors = s
        .figure("counts.monitors")
        .and_then(|f| f.breakdown(By::Monitor))
        .map(|b| b.rows.iter().map(|r| r.key.clone()).collect())
        .unwrap_or_default();
    Scope {
        hearings: hearings.map_or(0, |f| f.numerator),
        monitors,
        first_month: months.first().map(|m| m.0.clone()),
        last_month: months.last().map(|m| m.0.clone()),
        months,
    }
}

/// Numbers for judges, the same judge the same number throughout the report: the judge with
/// the most observations is 1. Names are never printed.
pub(crate) fn judge_numbers(s: &Stats) -> BTreeMap<String, usize> {
    let mut seen: BTreeMap<&str, u64> = BTreeMap::new();
    for f in s.figures() {
        if let Some(b) = f.breakdown(By::Judge) {
            for r in &b.rows {
                *seen.entry(r.key.as_str()).or_default() += r.denominator.unwrap_or(r.numerator);
            }
        }
    }
    let mut order: Vec<(&str, u64)> = seen.into_iter().filter(|(k, _)| *k != "unknown").collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    order
        .into_iter()
        .enumerate()
        .map(|(i, (k, _))| (k.to_owned(), i + 1))
        .collect()
}

/// Builds the report: labels in `options.lang`, intervals, small-cell suppression when
/// public, judges numbered, and every string checked against the protected names.
pub fn build(
    spec: &Spec,
    texts: &Texts,
    s: &Stats,
    filter: &Filter,
    protected: &Protected,
    date: &str,
    options: &Options,
) -> Result<Report> {
    let lang = options.lang;
    let names = Labels { spec, texts, lang };
    let t = |k: &str| texts.t(lang, k);
    let ta = |k: &str, n: i64| texts.t_args(lang, k, &[("n", Arg::Num(n))]);
    let judges = if options.name_judges {
        BTreeMap::new()
    } else {
        judge_numbers(s)
    };
    let item = |f: &Figure| -> Item {
        let is_share = f.kind == Kind::Share;
        let interval = if is_share {
            f.denominator.and_then(|d| stats::wilson(f.numerator, d))
        } else {
            None
        };
        let tables = f
            .breakdowns
            .iter()
            .filter(|b| b.by == By::Code || options.breakdowns.contains(&b.by))
            .map(|b| {
                let hidden = if options.public {
                    stats::suppressed(&b.rows, options.suppress_below)
                } else {
                    vec![false; b.rows.len()]
                };
                Table {
                    title: if b.by == By::Code {
                        t("report-categories")
                    } else {
                        names.by(b.by)
                    },
                    cells: b
                        .rows
                        .iter()
                        .zip(hidden)
                        .map(|(r, suppressed)| Cell {
                            label: match (b.by, judges.get(&r.key)) {
                                (By::Judge, Some(n)) => ta("report-judge", *n as i64),
                                (By::Judge, None) if options.name_judges && r.key != "unknown" => {
                                    r.key.clone()
                                }
                                (By::Judge, None) => t("report-judge-unknown"),
                                _ => names.key(b, &r.key),
                            },
                            numerator: r.numerator,
                            denominator: r.denominator,
                            share: r.share,
                            interval: r.denominator.and_then(|d| stats::wilson(r.numerator, d)),
                            suppressed,
                        })
                        .collect(),
                }
            })
            .collect();
        Item {
            id: f.id.clone(),
            label: names.figure(f, s.settings),
            is_share,
            numerator: f.numerator,
            denominator: f.denominator,
            share: f.share,
            interval,
            value: f.value,
            text: names.value(f),
            unit: f.unit.map(|u| names.unit(u)),
            note: names.note(f),
            excluded: f
                .excluded
                .iter()
                .map(|e| {
                    let label = std::iter::once("answer")
                        .chain(f.breakdowns.iter().filter_map(|b| b.list.as_deref()))
                        .find(|l| spec.code_exists(l, &e.code))
                        .map_or(e.code.as_str(), |l| spec.code_label(l, &e.code, lang));
                    format!("{label} {}", e.count)
                })
                .collect::<Vec<_>>()
                .join(", "),
            small: is_share && f.denominator.is_some_and(stats::small),
            tables,
        }
    };
    let sections = match options.arrangement {
        Arrangement::Group => s
            .groups
            .iter()
            .map(|g| Section {
                id: g.id.to_owned(),
                title: names.group(g.id),
                subtitle: None,
                items: g.figures.iter().map(&item).collect(),
            })
            .collect(),
        Arrangement::Right => rights::sections(spec, texts, lang, s)
            .into_iter()
            .map(|r| Section {
                id: r.id,
                title: r.title,
                subtitle: r.subtitle,
                items: r.figures.into_iter().map(&item).collect(),
            })
            .collect(),
    };
    let report = Report {
        lang: lang.code(),
        words: words(&t, &ta, options),
        date: date.to_owned(),
        filter: names.filter(filter, true),
        filter_line: names.filter_line(filter, true),
        scope: scope(s),
        public: options.public,
        sections,
    };
    let all = serde_json::to_string(&report)
        .map_err(|e| Error::Invalid(format!("the report could not be checked: {e}")))?;
    protected.check(&all)?;
    Ok(report)
}

/// `18.6%`, or `–` without a share.
pub(crate) fn pct(share: Option<f64>) -> String {
    share.map_or_else(|| "–".to_owned(), |s| format!("{:.1}%", s * 100.0))
}

/// `11.2–29.2%`, or empty.
pub(crate) fn interval(i: Option<(f64, f64)>) -> String {
    i.map_or_else(String::new, |(lo, hi)| {
        format!("{:.1}–{:.1}%", lo * 100.0, hi * 100.0)
    })
}
