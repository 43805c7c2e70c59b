//! `courtwatch stats`: the reviewers' figures for the hearings matching the filters, as a
//! table, CSV or JSON. Every share is printed with its numerator and denominator.

use clap::{Args, ValueEnum};
use serde::Serialize;

use unicode_width::UnicodeWidthStr;

use super::{Context, FilterArgs, Format, Out};
use crate::error::{Error, Result};
use crate::i18n::Texts;
use crate::stats::{self, By, Figure, Kind, Labels, Settings, Stats, Unit};
use crate::store::Filter;

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Minutes after the scheduled start beyond which a hearing is late [default: the
    /// database's setting `stats.late_after_minutes`, else 30]
    #[arg(long, value_name = "MINUTES")]
    pub late_after: Option<u32>,
    /// Also break the table's figures down by this (repeatable; csv and json always have
    /// every breakdown)
    #[arg(long = "by", value_enum, value_name = "DIMENSION")]
    pub by: Vec<Dimension>,
    /// Hide small breakdown cells as a report marked for publication does: cells of fewer
    /// than the setting `report.suppress_below` (default 5), and the next smallest when only
    /// one is hidden. Hidden cells are empty in CSV (their note says so), null with
    /// `"suppressed": true` in JSON, and say so in the table
    #[arg(long)]
    pub public: bool,
}

/// The breakdowns a table can add besides the codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Dimension {
    Court,
    Region,
    Judge,
    Month,
    Monitor,
}

impl Dimension {
    pub(super) fn by(self) -> By {
        match self {
            Dimension::Court => By::Court,
            Dimension::Region => By::Region,
            Dimension::Judge => By::Judge,
            Dimension::Month => By::Month,
            Dimension::Monitor => By::Monitor,
        }
    }
}

pub fn run(ctx: &Context, a: StatsArgs, out: &mut Out) -> Result<()> {
    let store = ctx.open()?;
    let mut settings = Settings::load(&store)?;
    if let Some(m) = a.late_after {
        settings.late_after_minutes = m;
    }
    let result = stats::compute(&store, &Filter::from(a.filter), settings)?;
    let texts = Texts::builtin().map_err(Error::Spec)?;
    let labels = Printer {
        names: Labels {
            spec: store.spec(),
            texts: &texts,
            lang: ctx.lang,
        },
        hide_below: if a.public {
            Some(crate::publish::suppress_below(&store)?)
        } else {
            None
        },
        judges: a.public.then(|| crate::publish::judge_numbers(&result)),
    };
    match a.format {
        Format::Json => out.json(&labels.view(&result)),
        Format::Csv => {
            let rows = labels.csv_rows(&result);
            out.csv(CSV_HEADERS, &rows)
        }
        Format::Table => {
            let by: Vec<By> = a.by.iter().map(|d| d.by()).collect();
            labels.table(&result, &by, table_width(), out)
        }
    }
}

/// Prints figures with their names, and breakdown keys, in the user's language.
struct Printer<'a> {
    names: Labels<'a>,
    /// With `--public`: judges numbered as a public report numbers them, never named.
    judges: Option<std::collections::BTreeMap<String, usize>>,
    /// With `--public`: breakdown cells below this are hidden.
    hide_below: Option<u64>,
}

impl Printer<'_> {
    /// A breakdown row's key and label as printed. With `--public`, a judge is "Judge 3"
    /// (key `judge-3`), the same number for the same judge throughout, as in a public report.
    fn key_label(&self, b: &stats::Breakdown, key: &str) -> (String, String) {
        let (texts, lang) = (self.names.texts, self.names.lang);
        match (&self.judges, b.by) {
            (Some(numbers), By::Judge) => match numbers.get(key) {
                Some(&n) => (
                    format!("judge-{n}"),
                    texts.t_args(
                        lang,
                        "report-judge",
                        &[(
                            "n",
                            crate::i18n::Arg::Num(i64::try_from(n).unwrap_or(i64::MAX)),
                        )],
                    ),
                ),
                None => ("unknown".to_owned(), texts.t(lang, "report-judge-unknown")),
            },
            _ => (key.to_owned(), self.names.key(b, key)),
        }
    }

    /// Which rows of a breakdown are hidden (none unless `--public`).
    fn hidden(&self, rows: &[stats::Row]) -> Vec<bool> {
        match self.hide_below {
            Some(below) => stats::suppressed(rows, below),
            None => vec![false; rows.len()],
        }
    }

    /// What a hidden cell says instead of its figures.
    fn hidden_text(&self) -> String {
        self.names.texts.t_args(
            self.names.lang,
            "report-suppressed",
            &[(
                "n",
                crate::i18n::Arg::Num(self.hide_below.unwrap_or_default() as i64),
            )],
        )
    }

    fn figure(&self, f: &Figure, settings: Settings) -> String {
        self.names.figure(f, settings)
    }

    /// The codes left out of a figure's denominator, each named by the answer list or by one
    /// of the figure's own code lists, with their counts.
    fn excluded(&self, f: &Figure) -> String {
        let spec = self.names.spec;
        f.excluded
            .iter()
            .map(|e| {
                let list = std::iter::once("answer")
                    .chain(f.breakdowns.iter().filter_map(|b| b.list.as_deref()))
                    .find(|l| spec.code_exists(l, &e.code));
                let label = match list {
                    Some(l) => spec.code_label(l, &e.code, self.names.lang),
                    None => &e.code,
                };
                format!("{label} {}", e.count)
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The table: per group, each figure's name (wrapped, never cut, to `width` columns),
    /// value, 95 % interval and the codes left out of its denominator, then its breakdowns.
    fn table(&self, s: &Stats, by: &[By], width: usize, out: &mut Out) -> Result<()> {
        for g in &s.groups {
            // (indent, label, value, interval, excluded)
            let mut rows: Vec<(&str, String, String, String, String)> = Vec::new();
            for f in &g.figures {
                rows.push((
                    "  ",
                    self.figure(f, s.settings),
                    self.names.value(f),
                    self.names.interval(f),
                    self.excluded(f),
                ));
                for b in &f.breakdowns {
                    let shown = match b.by {
                        By::Code => g.id != "quality" || f.id == "quality.reviewed",
                        other => by.contains(&other),
                    };
                    if !shown {
                        continue;
                    }
                    if b.by != By::Code {
                        let heading = self.names.by(b.by);
                        rows.push(("    ", heading, String::new(), String::new(), String::new()));
                    }
                    for (r, hidden) in b.rows.iter().zip(self.hidden(&b.rows)) {
                        let (value, interval) = if hidden {
                            (self.hidden_text(), String::new())
                        } else {
                            (self.names.row_value(r), self.names.row_interval(r))
                        };
                        rows.push((
                            "      ",
                            self.key_label(b, &r.key).1,
                            value,
                            interval,
                            String::new(),
                        ));
                    }
                }
            }
            let interval = self.names.t("stats-interval");
            let widest = |cells: &mut dyn Iterator<Item = &String>, header: &str| {
                cells
                    .map(|c| c.width())
                    .max()
                    .unwrap_or(0)
                    .max(header.width())
            };
            // The value and interval columns keep their width; the name and the codes left
            // out share the rest, the name at least MIN_LABEL_WIDTH, both wrapped.
            let fixed = widest(&mut rows.iter().map(|r| &r.2), "")
                + widest(&mut rows.iter().map(|r| &r.3), &interval)
                + 6;
            let rest = width.saturating_sub(fixed);
            let excluded_w = widest(&mut rows.iter().map(|r| &r.4), "");
            let label_w = rest
                .saturating_sub(excluded_w)
                .max(rest * 3 / 5)
                .max(MIN_LABEL_WIDTH);
            let excluded_w = rest.saturating_sub(label_w).max(MIN_EXCLUDED_WIDTH);
            let mut cells: Vec<Vec<String>> = Vec::new();
            for (indent, label, value, ci, excluded) in rows {
                let lines = wrap_lines(&label, label_w.saturating_sub(indent.len()).max(8));
                let codes = wrap_lines(&excluded, excluded_w);
                for i in 0..lines.len().max(codes.len()) {
                    let (v, c) = if i == 0 {
                        (value.clone(), ci.clone())
                    } else {
                        Default::default()
                    };
                    let pad = if i == 0 {
                        indent
                    } else {
                        &CONTINUATION[..indent.len() + 2]
                    };
                    let line = lines.get(i).map_or(String::new(), |l| format!("{pad}{l}"));
                    cells.push(vec![line, v, c, codes.get(i).cloned().unwrap_or_default()]);
                }
            }
            // The group's name on its own line: a long one must not widen the name column.
            out.line(&self.names.group(g.id))?;
            out.table(&["", "", interval.as_str(), ""], &cells)?;
            if g.id == "checklist" {
                out.line(&wrap(
                    &self.names.t("stats-checklist-footnote"),
                    "  ",
                    width.min(92),
                ))?;
            }
            out.line("")?;
        }
        out.line(&wrap(
            &self.names.t("stats-table-footer"),
            "",
            width.min(96),
        ))
    }

    fn view<'s>(&'s self, s: &'s Stats) -> StatsView<'s> {
        StatsView {
            settings: s.settings,
            groups: s
                .groups
                .iter()
                .map(|g| GroupView {
                    id: g.id,
                    label: self.names.group(g.id),
                    figures: g
                        .figures
                        .iter()
                        .map(|f| FigureView {
                            id: &f.id,
                            label: self.figure(f, s.settings),
                            kind: f.kind,
                            numerator: f.numerator,
                            denominator: f.denominator,
                            share: f.share,
                            ci95: ci(f.numerator, f.denominator.filter(|_| f.kind == Kind::Share)),
                            value: f.value,
                            unit: f.unit,
                            excluded: &f.excluded,
                            note: f.note,
                            breakdowns: f
                                .breakdowns
                                .iter()
                                .map(|b| BreakdownView {
                                    by: b.by,
                                    list: b.list.as_deref(),
                                    rows: b
                                        .rows
                                        .iter()
                                        .zip(self.hidden(&b.rows))
                                        .map(|(r, hidden)| {
                                            let (key, label) = self.key_label(b, &r.key);
                                            RowView {
                                                key,
                                                label,
                                                numerator: (!hidden).then_some(r.numerator),
                                                denominator: r.denominator.filter(|_| !hidden),
                                                share: r.share.filter(|_| !hidden),
                                                ci95: ci(r.numerator, r.denominator)
                                                    .filter(|_| !hidden),
                                                suppressed: hidden,
                                            }
                                        })
                                        .collect(),
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    fn csv_rows(&self, s: &Stats) -> Vec<Vec<String>> {
        let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
        let share = |v: Option<f64>| v.map(|v| format!("{v:.6}")).unwrap_or_default();
        let mut rows = Vec::new();
        for g in &s.groups {
            for f in &g.figures {
                let label = self.figure(f, s.settings);
                rows.push(vec![
                    g.id.to_owned(),
                    f.id.clone(),
                    label.clone(),
                    kind(f.kind).to_owned(),
                    String::new(),
                    String::new(),
                    String::new(),
                    f.numerator.to_string(),
                    opt(f.denominator),
                    share(f.share),
                    f.value.map(|v| format!("{v}")).unwrap_or_default(),
                    f.unit.map(unit).unwrap_or_default().to_owned(),
                    f.excluded
                        .iter()
                        .map(|e| format!("{}={}", e.code, e.count))
                        .collect::<Vec<_>>()
                        .join("|"),
                    f.note.unwrap_or_default().to_owned(),
                ]);
                let last = rows.len() - 1;
                rows[last].extend(ci_cells(ci(
                    f.numerator,
                    f.denominator.filter(|_| f.kind == Kind::Share),
                )));
                for b in &f.breakdowns {
                    for (r, hidden) in b.rows.iter().zip(self.hidden(&b.rows)) {
                        let (key, row_label) = self.key_label(b, &r.key);
                        let mut row = vec![
                            g.id.to_owned(),
                            f.id.clone(),
                            label.clone(),
                            kind(f.kind).to_owned(),
                            b.by.code().to_owned(),
                            key,
                            row_label,
                        ];
                        if hidden {
                            row.extend(vec![String::new(); 6]);
                            row.push(self.hidden_text());
                            row.extend(ci_cells(None));
                        } else {
                            row.extend([
                                r.numerator.to_string(),
                                opt(r.denominator),
                                share(r.share),
                                String::new(),
                                String::new(),
                                String::new(),
                                String::new(),
                            ]);
                            row.extend(ci_cells(ci(r.numerator, r.denominator)));
                        }
                        rows.push(row);
                    }
                }
            }
        }
        rows
    }
}

const CSV_HEADERS: &[&str] = &[
    "group",
    "figure",
    "label",
    "kind",
    "by",
    "key",
    "key_label",
    "numerator",
    "denominator",
    "share",
    "value",
    "unit",
    "excluded",
    "note",
    "ci95_low",
    "ci95_high",
];

fn ci_cells(ci: Option<[f64; 2]>) -> [String; 2] {
    ci.map_or_else(Default::default, |[lo, hi]| {
        [format!("{lo:.6}"), format!("{hi:.6}")]
    })
}

fn kind(k: Kind) -> &'static str {
    match k {
        Kind::Count => "count",
        Kind::Share => "share",
        Kind::Mean => "mean",
        Kind::Median => "median",
        Kind::Max => "max",
    }
}

fn unit(u: Unit) -> &'static str {
    match u {
        Unit::Hearings => "hearings",
        Unit::Minutes => "min",
        Unit::Days => "days",
        Unit::Years => "years",
    }
}

/// The narrowest the name column of the table gets, however wide the other columns are.
const MIN_LABEL_WIDTH: usize = 30;

/// The narrowest the column of codes left out of the denominator gets.
const MIN_EXCLUDED_WIDTH: usize = 16;

/// Spaces that indent the continuation lines of a wrapped name.
const CONTINUATION: &str = "          ";

/// The table's width: the terminal's when standard output is one, else 100 columns.
fn table_width() -> usize {
    crate::tui::terminal_width().map_or(100, |w| usize::from(w).max(40))
}

/// `text` in lines of at most `width` terminal columns, broken between words; a word longer
/// than a line is broken inside (nothing is ever cut off).
fn wrap_lines(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_owned();
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        while line.is_empty() && word.width() > width {
            let mut head = String::new();
            let mut rest = word.chars();
            for c in rest.by_ref() {
                if head.width() + c.to_string().width() > width {
                    lines.push(std::mem::take(&mut head));
                    head.push(c);
                    break;
                }
                head.push(c);
            }
            word = format!("{head}{}", rest.as_str());
            if word.width() <= width {
                break;
            }
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` broken into lines of at most `width` characters, each starting with `indent`.
fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::from(indent);
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > indent.len() && len + 1 + word.chars().count() > width {
            lines.push(std::mem::replace(&mut line, String::from(indent)));
        }
        if line.len() > indent.len() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.join("\n")
}

#[derive(Serialize)]
struct StatsView<'a> {
    settings: Settings,
    groups: Vec<GroupView<'a>>,
}

#[derive(Serialize)]
struct GroupView<'a> {
    id: &'a str,
    label: String,
    figures: Vec<FigureView<'a>>,
}

#[derive(Serialize)]
struct FigureView<'a> {
    id: &'a str,
    label: String,
    kind: Kind,
    numerator: u64,
    denominator: Option<u64>,
    share: Option<f64>,
    /// The Wilson 95 % interval of a share, `[low, high]`.
    ci95: Option<[f64; 2]>,
    value: Option<f64>,
    unit: Option<Unit>,
    excluded: &'a [stats::Excluded],
    note: Option<&'a str>,
    breakdowns: Vec<BreakdownView<'a>>,
}

#[derive(Serialize)]
struct BreakdownView<'a> {
    by: By,
    list: Option<&'a str>,
    rows: Vec<RowView>,
}

#[derive(Serialize)]
struct RowView {
    key: String,
    label: String,
    /// `None` only for a cell hidden by `--public`.
    numerator: Option<u64>,
    denominator: Option<u64>,
    share: Option<f64>,
    ci95: Option<[f64; 2]>,
    /// Set (and only then written) for a cell hidden by `--public`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    suppressed: bool,
}

/// A share's interval for JSON and CSV.
fn ci(num: u64, den: Option<u64>) -> Option<[f64; 2]> {
    den.and_then(|d| stats::wilson(num, d))
        .map(|(lo, hi)| [lo, hi])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_notes_are_wrapped_with_their_indent() {
        assert_eq!(wrap("aa bb cc", "  ", 7), "  aa bb\n  cc");
        assert_eq!(wrap("один два", "", 80), "один два");
    }

    #[test]
    fn names_are_wrapped_whole_never_cut() {
        let q = "Did the judge explain the defendant's procedural rights, including the right to remain silent?";
        let lines = wrap_lines(q, 30);
        assert!(lines.iter().all(|l| l.width() <= 30), "{lines:?}");
        assert_eq!(lines.join(" "), q);
        // A word longer than the line is split, not dropped.
        assert_eq!(wrap_lines("abcdefghij kl", 4), ["abcd", "efgh", "ij", "kl"]);
        assert_eq!(wrap_lines("", 10), [""]);
    }
}
