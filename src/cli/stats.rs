//! `courtwatch stats`: the reviewers' figures for the hearings matching the filters, as a
//! table, CSV or JSON. Every share is printed with its numerator and denominator.

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::list::short;
use super::{Context, FilterArgs, Format, Out};
use crate::error::Result;
use crate::spec::{Lang, Spec};
use crate::stats::{self, Breakdown, By, Figure, Kind, Settings, Stats, Unit};
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
    fn by(self) -> By {
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
    let labels = Labels {
        spec: store.spec(),
        lang: ctx.lang,
    };
    match a.format {
        Format::Json => out.json(&labels.view(&result)),
        Format::Csv => {
            let rows = labels.csv_rows(&result);
            out.csv(CSV_HEADERS, &rows)
        }
        Format::Table => {
            let by: Vec<By> = a.by.iter().map(|d| d.by()).collect();
            labels.table(&result, &by, out)
        }
    }
}

/// Names of figures and breakdown keys in the user's language.
struct Labels<'a> {
    spec: &'a Spec,
    lang: Lang,
}

impl Labels<'_> {
    /// The name of a figure: its English label, or a checklist item's code and question.
    fn figure(&self, f: &Figure, settings: Settings) -> String {
        if let Some(code) = f.id.strip_prefix("checklist.") {
            let question = self
                .spec
                .checklist
                .item(code)
                .map_or("", |(_, i)| i.question.get(self.lang));
            return format!("{code} {question}");
        }
        let label = stats::label(&f.id).unwrap_or(&f.id).to_owned();
        if f.id == "timeliness.started_late" {
            return format!("{label} (> {} min)", settings.late_after_minutes);
        }
        label
    }

    fn key(&self, b: &Breakdown, key: &str) -> String {
        match &b.list {
            Some(list) => self.spec.code_label(list, key, self.lang).to_owned(),
            None => key.to_owned(),
        }
    }

    fn excluded(&self, f: &Figure) -> String {
        f.excluded
            .iter()
            .map(|e| {
                let label = if self.spec.code_exists("answer", &e.code) {
                    self.spec.code_label("answer", &e.code, self.lang)
                } else {
                    &e.code
                };
                format!("{label} {}", e.count)
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn table(&self, s: &Stats, by: &[By], out: &mut Out) -> Result<()> {
        for g in &s.groups {
            let mut rows: Vec<Vec<String>> = Vec::new();
            for f in &g.figures {
                rows.push(vec![
                    format!("  {}", short(&self.figure(f, s.settings), 72)),
                    value(f),
                    self.excluded(f),
                ]);
                for b in &f.breakdowns {
                    let shown = match b.by {
                        By::Code => g.id != "quality" || f.id == "quality.reviewed",
                        other => by.contains(&other),
                    };
                    if !shown {
                        continue;
                    }
                    if b.by != By::Code {
                        rows.push(vec![
                            format!("    by {}", b.by.code()),
                            String::new(),
                            String::new(),
                        ]);
                    }
                    for r in &b.rows {
                        rows.push(vec![
                            format!("      {}", short(&self.key(b, &r.key), 66)),
                            match r.denominator {
                                Some(d) => percent(r.numerator, d, r.share),
                                None => r.numerator.to_string(),
                            },
                            String::new(),
                        ]);
                    }
                }
            }
            out.table(&[stats::group_label(g.id), "", ""], &rows)?;
            if g.id == "checklist" {
                out.line(
                    "  Shares are «no» + «partly» of the answers yes, no and partly; «not observed» and\n  «not applicable» are left out of the denominator and counted on the right.",
                )?;
            }
            out.line("")?;
        }
        out.line(
            "Each denominator is explained in the `note` of `--format csv` or `--format json`, and in the README.",
        )
    }

    fn view<'s>(&'s self, s: &'s Stats) -> StatsView<'s> {
        StatsView {
            settings: s.settings,
            groups: s
                .groups
                .iter()
                .map(|g| GroupView {
                    id: g.id,
                    label: stats::group_label(g.id),
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
                                        .map(|r| RowView {
                                            key: &r.key,
                                            label: self.key(b, &r.key),
                                            numerator: r.numerator,
                                            denominator: r.denominator,
                                            share: r.share,
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
                for b in &f.breakdowns {
                    for r in &b.rows {
                        rows.push(vec![
                            g.id.to_owned(),
                            f.id.clone(),
                            label.clone(),
                            kind(f.kind).to_owned(),
                            b.by.code().to_owned(),
                            r.key.clone(),
                            self.key(b, &r.key),
                            r.numerator.to_string(),
                            opt(r.denominator),
                            share(r.share),
                            String::new(),
                            String::new(),
                            String::new(),
                            String::new(),
                        ]);
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
];

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
        Unit::Minutes => "min",
        Unit::Days => "days",
        Unit::Years => "years",
    }
}

/// `15.4% (2/13)`; `– (0/0)` when nothing was counted.
pub fn percent(num: u64, den: u64, share: Option<f64>) -> String {
    match share {
        Some(s) => format!("{:.1}% ({num}/{den})", s * 100.0),
        None => format!("– ({num}/{den})"),
    }
}

/// A figure's value as the table (and the statistics screen) shows it.
pub fn value(f: &Figure) -> String {
    let measured = |v: Option<f64>| match (v, f.unit) {
        (Some(v), Some(u)) => format!("{} {}", trim(v), unit(u)),
        (Some(v), None) => trim(v),
        (None, _) => "–".to_owned(),
    };
    match f.kind {
        Kind::Count => f.numerator.to_string(),
        Kind::Share => percent(f.numerator, f.denominator.unwrap_or(0), f.share),
        Kind::Mean => format!(
            "{} ({}/{})",
            f.value
                .map_or_else(|| "–".to_owned(), |v| format!("{v:.2}")),
            f.numerator,
            f.denominator.unwrap_or(0)
        ),
        Kind::Median | Kind::Max => format!("{} (n={})", measured(f.value), f.numerator),
    }
}

/// A number with at most one decimal, without a trailing `.0`.
fn trim(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
}

#[derive(Serialize)]
struct StatsView<'a> {
    settings: Settings,
    groups: Vec<GroupView<'a>>,
}

#[derive(Serialize)]
struct GroupView<'a> {
    id: &'a str,
    label: &'a str,
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
    rows: Vec<RowView<'a>>,
}

#[derive(Serialize)]
struct RowView<'a> {
    key: &'a str,
    label: String,
    numerator: u64,
    denominator: Option<u64>,
    share: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_carry_their_denominators() {
        assert_eq!(percent(2, 13, Some(2.0 / 13.0)), "15.4% (2/13)");
        assert_eq!(percent(0, 0, None), "– (0/0)");
        assert_eq!(trim(35.0), "35");
        assert_eq!(trim(3.5), "3.5");
    }
}
