//! The words the statistics are printed with — group and figure names, units, breakdown
//! headings — in the user's language, from `assets/i18n/*.ftl`. Messages are found by id:
//! group `torture` is `stats-group-torture`, figure `torture.judicial_reaction` is
//! `stats-torture-judicial_reaction` ([`group_key`], [`figure_key`]). Checklist items are named
//! by their code and question in `assets/forms/checklist.toml`. Both the command
//! (`courtwatch stats`) and the statistics screen name figures here, so they agree.

use super::honest::interval_text;
use super::{Breakdown, By, Figure, Kind, Row, Settings, Unit};
use crate::i18n::{Arg, Texts};
use crate::spec::{COURT_LIST, Lang, Spec};
use crate::store::Filter;

/// The message key of a group's heading.
pub fn group_key(id: &str) -> String {
    format!("stats-group-{id}")
}

/// The message key of a figure's name (not used for checklist items).
pub fn figure_key(id: &str) -> String {
    format!("stats-{}", id.replace('.', "-"))
}

/// The message key of a figure's note; checklist items share one, and so do the trials'
/// figures per checklist group and per item.
pub fn note_key(id: &str) -> String {
    if id.starts_with("checklist.") {
        "stats-note-checklist".to_owned()
    } else if id.starts_with("trials.group.") {
        "stats-note-trials-group".to_owned()
    } else if id.starts_with("trials.checklist.") {
        "stats-note-trials-checklist".to_owned()
    } else {
        format!("stats-note-{}", id.replace('.', "-"))
    }
}

/// Names figures, groups and values in one language.
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    pub spec: &'a Spec,
    pub texts: &'a Texts,
    pub lang: Lang,
}

impl Labels<'_> {
    /// A message of the statistics in this language.
    pub fn t(&self, key: &str) -> String {
        self.texts.t(self.lang, key)
    }

    /// The heading of a group.
    pub fn group(&self, id: &str) -> String {
        self.t(&group_key(id))
    }

    /// The name of a figure: a checklist item's code and question, or the figure's message
    /// (the lateness figure says its threshold).
    pub fn figure(&self, f: &Figure, settings: Settings) -> String {
        if let Some(group) = f.id.strip_prefix("trials.group.") {
            let label = self
                .spec
                .checklist
                .groups
                .iter()
                .find(|g| g.id == group)
                .map_or(group, |g| g.label.get(self.lang));
            return self.texts.t_args(
                self.lang,
                "stats-trials-group",
                &[("group", Arg::Str(label))],
            );
        }
        if let Some(code) =
            f.id.strip_prefix("checklist.")
                .or_else(|| f.id.strip_prefix("trials.checklist."))
        {
            let question = self
                .spec
                .checklist
                .item(code)
                .map_or("", |(_, i)| i.question.get(self.lang));
            return format!("{code} {question}");
        }
        self.texts.t_args(
            self.lang,
            &figure_key(&f.id),
            &[("minutes", Arg::Num(i64::from(settings.late_after_minutes)))],
        )
    }

    /// A figure's note (how its denominator is chosen) in this language: the message
    /// `stats-note-<figure id>` (one for every checklist item), else the figure's English note.
    pub fn note(&self, f: &Figure) -> String {
        let key = note_key(&f.id);
        if self.texts.has(self.lang, &key) {
            self.t(&key)
        } else {
            f.note.unwrap_or_default().to_owned()
        }
    }

    /// A unit, as printed after a number.
    pub fn unit(&self, u: Unit) -> String {
        self.t(match u {
            Unit::Hearings => "stats-unit-hearings",
            Unit::Minutes => "stats-unit-minutes",
            Unit::Days => "stats-unit-days",
            Unit::Years => "stats-unit-years",
        })
    }

    /// The name of a breakdown by a dimension (`by court`, `by category`).
    pub fn by(&self, by: By) -> String {
        self.t(&format!("stats-by-{}", by.code()))
    }

    /// A breakdown row's key: a court, region or code by its label, a judge, month or monitor
    /// as recorded.
    pub fn key(&self, b: &Breakdown, key: &str) -> String {
        match &b.list {
            Some(list) => self.spec.code_label(list, key, self.lang).to_owned(),
            None => key.to_owned(),
        }
    }

    /// A breakdown row's value: a share with its numerator and denominator, or a count.
    pub(crate) fn row_value(&self, r: &Row) -> String {
        match r.denominator {
            Some(d) => percent(r.numerator, d, r.share),
            None => r.numerator.to_string(),
        }
    }

    /// A share's Wilson 95 % interval (`4.3–42.2%`); empty for other figures and for shares
    /// with nothing counted.
    pub fn interval(&self, f: &Figure) -> String {
        match (f.kind, f.denominator) {
            (Kind::Share, Some(d)) => interval_text(f.numerator, d).unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// A breakdown row's interval, when the row is a share.
    pub(crate) fn row_interval(&self, r: &Row) -> String {
        r.denominator
            .and_then(|d| interval_text(r.numerator, d))
            .unwrap_or_default()
    }

    /// The filter as `(name, value)` pairs in this language, codes by their labels; empty for
    /// no filter. With `withhold_names`, the judge and search words (which may name a person)
    /// are not printed, only that they were set.
    pub fn filter(&self, f: &Filter, withhold_names: bool) -> Vec<(String, String)> {
        let spec = self.spec;
        let coded = |list: &str, v: &str| spec.code_label(list, v, self.lang).to_owned();
        let named = |v: &str| {
            if withhold_names {
                self.t("filter-withheld")
            } else {
                v.to_owned()
            }
        };
        let rows: [(&str, Option<String>); 10] = [
            ("filter-from", f.from.clone()),
            ("filter-to", f.to.clone()),
            (
                "filter-court",
                f.court.as_deref().map(|v| coded(COURT_LIST, v)),
            ),
            (
                "filter-region",
                f.region.as_deref().map(|v| coded("region", v)),
            ),
            ("filter-judge", f.judge.as_deref().map(named)),
            ("filter-monitor", f.monitor.clone()),
            ("filter-tag", f.tag.as_deref().map(|v| coded("case_tag", v))),
            ("filter-article", f.article.clone()),
            (
                "filter-status",
                f.status.map(|s| coded("record_status", s.code())),
            ),
            ("filter-search", f.search.as_deref().map(named)),
        ];
        rows.into_iter()
            .filter_map(|(k, v)| v.map(|v| (self.t(k), v)))
            .collect()
    }

    /// The filter in one line (`Court: Khujand City Court · From date: 2005-05-01`), or
    /// «all hearings».
    pub(crate) fn filter_line(&self, f: &Filter, withhold_names: bool) -> String {
        let parts = self.filter(f, withhold_names);
        if parts.is_empty() {
            return self.t("filter-none");
        }
        parts
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// A figure's value as the table and the statistics screen show it: a count, a share
    /// with its numerator and denominator, a mean with both, or a median or maximum with its
    /// unit and how many observations it was taken over.
    pub fn value(&self, f: &Figure) -> String {
        let measured = |v: Option<f64>| match (v, f.unit) {
            (Some(v), Some(u)) => format!("{} {}", trim(v), self.unit(u)),
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
}

/// `15.4% (2/13)`; `– (0/0)` when nothing was counted.
pub fn percent(num: u64, den: u64, share: Option<f64>) -> String {
    match share {
        Some(s) => format!("{:.1}% ({num}/{den})", s * 100.0),
        None => format!("– ({num}/{den})"),
    }
}

/// A number with at most one decimal, without a trailing `.0`.
fn trim(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
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
