//! The XLSX report: a first sheet with the filter, the scope, the notes on honest numbers and a
//! chart of hearings per month; then one sheet per section. A section's sheet lists its
//! figures first (numbers as numbers, shares and interval bounds as percentages), with a
//! native bar chart of the shares beside them, then every breakdown row. Hidden cells are
//! left empty with the reason in the flag column.

use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet, XlsxError};

use super::{Cell, Item, Report};

/// Column order of a section sheet.
const FIGURE: u16 = 0;
const BREAKDOWN: u16 = 1;
const ROW: u16 = 2;
const NUM: u16 = 3;
const DEN: u16 = 4;
const SHARE: u16 = 5;
const LOW: u16 = 6;
const HIGH: u16 = 7;
const VALUE: u16 = 8;
const UNIT: u16 = 9;
const NOTE: u16 = 10;
const FLAG: u16 = 11;

/// A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters, unique in the workbook.
fn sheet_name(title: &str, taken: &mut Vec<String>) -> String {
    let clean: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    let clean = clean.trim_matches('\'').to_owned();
    let base: String = clean.chars().take(28).collect();
    let base = if base.trim().is_empty() {
        "Sheet".to_owned()
    } else {
        base.trim().to_owned()
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        name = format!("{base} {n}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

struct Formats {
    bold: Format,
    percent: Format,
    wrap: Format,
    head: Format,
}

fn numbers(
    ws: &mut Worksheet,
    row: u32,
    num: u64,
    den: Option<u64>,
    share: Option<f64>,
    ci: Option<(f64, f64)>,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_number(row, NUM, num as f64)?;
    if let Some(d) = den {
        ws.write_number(row, DEN, d as f64)?;
    }
    if let Some(s) = share {
        ws.write_number_with_format(row, SHARE, s, &f.percent)?;
    }
    if let Some((lo, hi)) = ci {
        ws.write_number_with_format(row, LOW, lo, &f.percent)?;
        ws.write_number_with_format(row, HIGH, hi, &f.percent)?;
    }
    Ok(())
}

fn figure(
    ws: &mut Worksheet,
    row: u32,
    r: &Report,
    it: &Item,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, FIGURE, &it.label, &f.wrap)?;
    if it.is_share {
        numbers(
            ws,
            row,
            it.numerator,
            it.denominator,
            it.share,
            it.interval,
            f,
        )?;
    } else {
        ws.write_number(row, NUM, it.numerator as f64)?;
        if let Some(d) = it.denominator {
            ws.write_number(row, DEN, d as f64)?;
        }
        if let Some(v) = it.value {
            ws.write_number(row, VALUE, v)?;
        }
    }
    if let Some(u) = &it.unit {
        ws.write_string(row, UNIT, u)?;
    }
    let mut note = it.note.clone();
    if !it.excluded.is_empty() {
        note = format!("{note} {}: {}.", r.words.excluded, it.excluded);
    }
    ws.write_string_with_format(row, NOTE, note.trim(), &f.wrap)?;
    if it.small {
        ws.write_string(row, FLAG, &r.words.small)?;
    }
    Ok(())
}

fn cell(ws: &mut Worksheet, row: u32, r: &Report, c: &Cell, f: &Formats) -> Result<(), XlsxError> {
    ws.write_string(row, ROW, &c.label)?;
    if c.suppressed {
        ws.write_string(row, FLAG, &r.words.suppressed)?;
        return Ok(());
    }
    numbers(ws, row, c.numerator, c.denominator, c.share, c.interval, f)
}

fn headings(ws: &mut Worksheet, r: &Report, f: &Formats) -> Result<(), XlsxError> {
    let w = &r.words;
    let heads = [
        (FIGURE, &w.figure),
        (BREAKDOWN, &w.row),
        (ROW, &w.row),
        (NUM, &w.numerator),
        (DEN, &w.denominator),
        (SHARE, &w.share),
        (LOW, &w.interval),
        (HIGH, &w.interval),
        (VALUE, &w.value),
        (UNIT, &w.value),
        (NOTE, &w.note),
        (FLAG, &w.note),
    ];
    for (col, text) in heads {
        ws.write_string_with_format(0, col, text, &f.head)?;
    }
    ws.write_string_with_format(0, LOW, format!("{} ↓", w.interval), &f.head)?;
    ws.write_string_with_format(0, HIGH, format!("{} ↑", w.interval), &f.head)?;
    for (col, width) in [
        (FIGURE, 48.0),
        (BREAKDOWN, 16.0),
        (ROW, 28.0),
        (NOTE, 60.0),
        (FLAG, 24.0),
    ] {
        ws.set_column_width(col, width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn build(r: &Report) -> Result<Workbook, XlsxError> {
    let f = Formats {
        bold: Format::new().set_bold(),
        percent: Format::new().set_num_format("0.0%"),
        wrap: Format::new().set_text_wrap(),
        head: Format::new().set_bold().set_text_wrap(),
    };
    let w = &r.words;
    let mut book = Workbook::new();
    let mut taken = Vec::new();

    // The filter and the scope.
    let scope_name = sheet_name(&w.scope, &mut taken);
    let ws = book.add_worksheet();
    ws.set_name(&scope_name)?;
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 70)?;
    ws.write_string_with_format(0, 0, &w.title, &f.bold)?;
    let mut row = 2;
    let pair = |ws: &mut Worksheet, k: &str, v: &str, row: &mut u32| -> Result<(), XlsxError> {
        ws.write_string_with_format(*row, 0, k, &f.bold)?;
        ws.write_string_with_format(*row, 1, v, &f.wrap)?;
        *row += 1;
        Ok(())
    };
    pair(ws, &w.generated, &r.date, &mut row)?;
    pair(ws, &w.filter, &r.filter_line, &mut row)?;
    ws.write_string_with_format(row, 0, &w.hearings, &f.bold)?;
    ws.write_number(row, 1, r.scope.hearings as f64)?;
    row += 1;
    pair(ws, &w.monitors, &r.scope.monitors.join(", "), &mut row)?;
    let period = match (&r.scope.first_month, &r.scope.last_month) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "–".to_owned(),
    };
    pair(ws, &w.period, &period, &mut row)?;
    row += 1;
    for h in w.honesty.iter().chain(std::iter::once(&w.arrangement)) {
        ws.write_string_with_format(row, 1, h, &f.wrap)?;
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(row, 0, &w.timeline, &f.bold)?;
    row += 1;
    let first = row;
    for (month, n) in &r.scope.months {
        ws.write_string(row, 0, month)?;
        ws.write_number(row, 1, *n as f64)?;
        row += 1;
    }
    if row > first {
        let mut chart = Chart::new(ChartType::Column);
        chart
            .add_series()
            .set_categories((scope_name.as_str(), first, 0, row - 1, 0))
            .set_values((scope_name.as_str(), first, 1, row - 1, 1))
            .set_name(w.timeline.as_str());
        chart.title().set_name(w.timeline.as_str());
        chart.legend().set_hidden();
        ws.insert_chart(first, 3, &chart)?;
    }

    for sec in &r.sections {
        let name = sheet_name(&sec.title, &mut taken);
        let ws = book.add_worksheet();
        ws.set_name(&name)?;
        headings(ws, r, &f)?;
        let mut row = 1;
        for it in &sec.items {
            figure(ws, row, r, it, &f)?;
            row += 1;
        }
        let last_figure = row - 1;
        if sec.items.iter().any(|i| i.is_share) && last_figure >= 1 {
            let mut chart = Chart::new(ChartType::Bar);
            chart
                .add_series()
                .set_categories((name.as_str(), 1, FIGURE, last_figure, FIGURE))
                .set_values((name.as_str(), 1, SHARE, last_figure, SHARE))
                .set_name(w.share.as_str());
            chart.title().set_name(sec.title.as_str());
            chart.legend().set_hidden();
            chart.x_axis().set_max(1.0).set_num_format("0%");
            ws.insert_chart(1, FLAG + 1, &chart)?;
        }
        row += 1;
        for it in &sec.items {
            for t in &it.tables {
                for c in &t.cells {
                    ws.write_string(row, FIGURE, &it.label)?;
                    ws.write_string(row, BREAKDOWN, &t.title)?;
                    cell(ws, row, r, c, &f)?;
                    row += 1;
                }
            }
        }
    }
    Ok(book)
}

/// The workbook's bytes.
pub fn render(r: &Report) -> Result<Vec<u8>, XlsxError> {
    build(r)?.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_legal_and_unique() {
        let mut taken = Vec::new();
        assert_eq!(
            sheet_name("Fair-trial checklist: non-compliance per item", &mut taken),
            "Fair-trial checklist non-com"
        );
        assert_eq!(sheet_name("ICCPR 14(1)", &mut taken), "ICCPR 14(1)");
        assert_eq!(sheet_name("ICCPR 14(1)", &mut taken), "ICCPR 14(1) 2");
        assert_eq!(sheet_name("[]", &mut taken), "Sheet");
        assert!(sheet_name(&"я".repeat(40), &mut taken).chars().count() <= 31);
    }
}
