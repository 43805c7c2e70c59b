//! The HTML report: one file, no scripts and nothing fetched, readable in any browser and
//! printable to PDF. Charts are inline SVG: a bar with its 95 % interval beside every share
//! and every breakdown row, and a column chart of hearings per month. The print stylesheet
//! starts each section on a new page, repeats table headings and never splits a row.

use std::fmt::Write;

use super::{Cell, Item, Report, Section, Table, interval, pct};

const STYLE: &str = r#"
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; margin: 2em auto; max-width: 60em; padding: 0 1em; line-height: 1.35; }
h1 { font-size: 1.7em; margin-bottom: .2em; }
h2 { font-size: 1.35em; border-bottom: 2px solid #2b5d8a; padding-bottom: .15em; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin: 1.1em 0 .3em; }
.sub { color: #555; margin-top: -.4em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 .8em; }
th, td { border-bottom: 1px solid #ddd; padding: .25em .4em; text-align: left; vertical-align: top; }
th { background: #eef3f8; font-weight: 600; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.note { color: #555; font-size: .9em; }
tr.fig td { border-top: 1px solid #bbb; }
.flag { color: #9a5b00; font-size: .85em; white-space: nowrap; }
.hidden { color: #777; font-style: italic; }
ul.honesty { color: #333; font-size: .92em; padding-left: 1.2em; }
table.scope th { width: 14em; background: none; }
svg { display: block; }
svg .bar { fill: #2b5d8a; }
svg .track { fill: #e6e9ee; }
svg .ci { stroke: #c0392b; stroke-width: 1.6; }
svg text { font-family: inherit; font-size: 9px; fill: #333; }
nav ol { columns: 2; font-size: .92em; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 9.5pt; }
  section.group { break-before: page; }
  nav { break-after: avoid; }
  thead { display: table-header-group; }
  tr, .figure h3, svg { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// `<`, `>`, `&` and quotes escaped for text and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const BAR_W: f64 = 150.0;

/// A share as a bar on its track, with the interval as a whisker.
fn bar(share: Option<f64>, ci: Option<(f64, f64)>, title: &str) -> String {
    let Some(s) = share else {
        return String::new();
    };
    let w = (s.clamp(0.0, 1.0) * BAR_W).round();
    let mut svg = format!(
        r#"<svg width="{BAR_W}" height="14" viewBox="0 0 {BAR_W} 14" role="img" aria-label="{}"><rect class="track" x="0" y="3" width="{BAR_W}" height="8"/><rect class="bar" x="0" y="3" width="{w}" height="8"/>"#,
        esc(title)
    );
    if let Some((lo, hi)) = ci {
        let (x1, x2) = ((lo * BAR_W).round(), (hi * BAR_W).round());
        let _ = write!(
            svg,
            r#"<line class="ci" x1="{x1}" y1="7" x2="{x2}" y2="7"/><line class="ci" x1="{x1}" y1="2" x2="{x1}" y2="12"/><line class="ci" x1="{x2}" y1="2" x2="{x2}" y2="12"/>"#
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Hearings per month as columns, every month labelled when there is room, else every
/// few months.
fn timeline(months: &[(String, u64)], title: &str) -> String {
    if months.is_empty() {
        return String::new();
    }
    let max = months.iter().map(|m| m.1).max().unwrap_or(1).max(1) as f64;
    let (w, h, left, right, bottom) = (660.0_f64, 170.0_f64, 36.0_f64, 40.0_f64, 30.0_f64);
    let step = (w - left - right) / months.len() as f64;
    let every = (months.len() as f64 / 12.0).ceil().max(1.0) as usize;
    let mut svg = format!(
        r#"<svg width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{}">"#,
        esc(title)
    );
    let _ = write!(
        svg,
        r#"<text x="0" y="10">{}</text><text x="0" y="{}">0</text>"#,
        max as u64,
        h - bottom
    );
    for (i, (month, n)) in months.iter().enumerate() {
        let bh = (*n as f64 / max * (h - bottom - 16.0)).max(if *n > 0 { 1.0 } else { 0.0 });
        let x = left + i as f64 * step;
        let _ = write!(
            svg,
            r#"<rect class="bar" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"><title>{} {}</title></rect>"#,
            x + step * 0.1,
            h - bottom - bh,
            step * 0.8,
            bh,
            esc(month),
            n
        );
        if i % every == 0 {
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{:.1}">{}</text>"#,
                x,
                h - bottom + 12.0,
                esc(month)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

fn cell_row(r: &Report, c: &Cell, s: &mut String) {
    let _ = write!(s, "<tr><td>{}</td>", esc(&c.label));
    if c.suppressed {
        let _ = write!(
            s,
            r#"<td class="n hidden" colspan="4">{}</td><td></td></tr>"#,
            esc(&r.words.suppressed)
        );
        return;
    }
    let den = c.denominator.map_or_else(String::new, |d| d.to_string());
    let _ = write!(
        s,
        r#"<td class="n">{}</td><td class="n">{den}</td><td class="n">{}</td><td class="n">{}</td><td>{}</td></tr>"#,
        c.numerator,
        if c.denominator.is_some() {
            pct(c.share)
        } else {
            String::new()
        },
        interval(c.interval),
        bar(c.share, c.interval, &c.label)
    );
}

fn head(r: &Report, first: &str) -> String {
    let w = &r.words;
    format!(
        "<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th></th></tr></thead>",
        esc(first),
        esc(&w.numerator),
        esc(&w.denominator),
        esc(&w.share),
        esc(&w.interval)
    )
}

fn breakdown(r: &Report, t: &Table, s: &mut String) {
    if t.cells.is_empty() {
        return;
    }
    let _ = write!(s, "<table class=\"breakdown\">{}<tbody>", head(r, &t.title));
    for c in &t.cells {
        cell_row(r, c, s);
    }
    s.push_str("</tbody></table>");
}

fn figure_row(r: &Report, f: &Item, s: &mut String) {
    let w = &r.words;
    let flag = if f.small {
        format!(r#" <span class="flag">⚠ {}</span>"#, esc(&w.small))
    } else {
        String::new()
    };
    let _ = write!(s, "<tr class=\"fig\"><td>{}{flag}</td>", esc(&f.label));
    if f.is_share {
        let _ = write!(
            s,
            r#"<td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td>{}</td></tr>"#,
            f.numerator,
            f.denominator.unwrap_or(0),
            pct(f.share),
            interval(f.interval),
            bar(f.share, f.interval, &f.label)
        );
    } else {
        let _ = write!(
            s,
            r#"<td class="n">{}</td><td colspan="4"></td></tr>"#,
            esc(&f.text)
        );
    }
    let mut note = f.note.clone();
    if !f.excluded.is_empty() {
        let _ = write!(note, " {}: {}.", w.excluded, f.excluded);
    }
    if !note.trim().is_empty() {
        let _ = write!(
            s,
            r#"<tr><td class="note" colspan="6">{}</td></tr>"#,
            esc(note.trim())
        );
    }
}

fn section(r: &Report, sec: &Section, s: &mut String) {
    let _ = write!(
        s,
        r#"<section class="group" id="{}"><h2>{}</h2>"#,
        esc(&sec.id),
        esc(&sec.title)
    );
    if let Some(sub) = &sec.subtitle {
        let _ = write!(s, r#"<p class="sub">{}</p>"#, esc(sub));
    }
    let _ = write!(
        s,
        "<table class=\"figures\">{}<tbody>",
        head(r, &r.words.figure)
    );
    for f in &sec.items {
        figure_row(r, f, s);
    }
    s.push_str("</tbody></table>");
    for f in sec
        .items
        .iter()
        .filter(|f| f.tables.iter().any(|t| !t.cells.is_empty()))
    {
        let _ = write!(s, r#"<div class="figure"><h3>{}</h3>"#, esc(&f.label));
        for t in &f.tables {
            breakdown(r, t, s);
        }
        s.push_str("</div>");
    }
    s.push_str("</section>\n");
}

/// The whole page.
pub fn render(r: &Report) -> String {
    let w = &r.words;
    let mut s = String::with_capacity(1 << 20);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{} — {}</title><style>{STYLE}</style></head><body><header><h1>{}</h1>",
        r.lang,
        esc(&w.title),
        esc(&r.date),
        esc(&w.title)
    );
    let _ = write!(
        s,
        r#"<table class="scope"><tbody><tr><th>{}</th><td>{}</td></tr><tr><th>{}</th><td>{}</td></tr>"#,
        esc(&w.generated),
        esc(&r.date),
        esc(&w.filter),
        esc(&r.filter_line)
    );
    let period = match (&r.scope.first_month, &r.scope.last_month) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "–".to_owned(),
    };
    let _ = write!(
        s,
        r#"<tr><th>{}</th><td>{}</td></tr><tr><th>{}</th><td>{} ({})</td></tr><tr><th>{}</th><td>{}</td></tr></tbody></table>"#,
        esc(&w.hearings),
        r.scope.hearings,
        esc(&w.monitors),
        r.scope.monitors.len(),
        esc(&r.scope.monitors.join(", ")),
        esc(&w.period),
        esc(&period)
    );
    s.push_str("<ul class=\"honesty\">");
    for h in &w.honesty {
        let _ = write!(s, "<li>{}</li>", esc(h));
    }
    let _ = write!(s, "<li>{}</li></ul>", esc(&w.arrangement));
    let _ = write!(
        s,
        "<h2>{}</h2>{}",
        esc(&w.timeline),
        timeline(&r.scope.months, &w.timeline)
    );
    let _ = write!(s, "<nav><h2>{}</h2><ol>", esc(&w.contents));
    for sec in &r.sections {
        let _ = write!(
            s,
            r##"<li><a href="#{}">{}</a></li>"##,
            esc(&sec.id),
            esc(&sec.title)
        );
    }
    s.push_str("</ol></nav></header>\n");
    for sec in &r.sections {
        section(r, sec, &mut s);
    }
    s.push_str("</body></html>\n");
    s
}
