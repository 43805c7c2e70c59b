//! Side tables: the small CSV files a batch holds beside its hearing tables when the
//! exporting database has something for them (`courts.csv`, `case_joins.csv`). Each is read
//! whole, with a fixed header whose columns may come in any order, a cap on its rows, and
//! the manifest's row count checked; what a row means is up to its module.

use std::collections::HashMap;

use super::manifest::Manifest;
use super::verify::Place;
use super::verify::cells::{decode, newlines, open_csv};
use super::{Problem, Problems, Said};
use crate::msg;

/// One data row of a side table, by column name.
pub struct Row<'r> {
    file: &'static str,
    line: u64,
    cells: HashMap<&'static str, (&'r str, u64)>,
}

impl Row<'_> {
    /// The cell of column `name` ("" for a column the header does not have).
    pub fn cell(&self, name: &str) -> &str {
        self.cells.get(name).map_or("", |(c, _)| c)
    }

    /// A problem with the cell of column `name`.
    pub fn problem(&self, name: &str, message: impl Into<Said>) -> Problem {
        Problem::at(
            self.file,
            self.line,
            self.cells.get(name).map(|(_, col)| *col),
            message,
        )
    }
}

/// Reads side table `file` when the manifest lists it: each data row goes to `row`, which
/// pushes its problems and gives what the row holds. Returns nothing unless no problem was
/// found (the rows' or the file's).
pub fn read<T>(
    dir: &Place,
    manifest: &Manifest,
    file: &'static str,
    header: &[&'static str],
    max_rows: u64,
    problems: &mut Problems,
    mut row: impl FnMut(&Row<'_>, &mut Problems) -> Option<T>,
) -> Vec<T> {
    let Some(mut rdr) = open_csv(dir, file, manifest, problems) else {
        return Vec::new();
    };
    let before = problems.total();
    let mut out = Vec::new();
    let mut rec = csv::ByteRecord::new();
    let mut bad = Vec::new();
    let mut positions: Option<Vec<usize>> = None;
    let mut next_line = 1u64;
    let mut rows = 0u64;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                problems.push(Problem::at(
                    file,
                    next_line,
                    None,
                    msg!("batch-cannot-read", error = e.to_string()),
                ));
                return Vec::new();
            }
        }
        rdr.get_mut().start_row();
        let line = next_line;
        next_line += 1 + newlines(&rec);
        let cells = decode(&rec, file, line, manifest.formula_guard, problems, &mut bad);
        let Some(pos) = &positions else {
            match header_positions(file, header, &cells) {
                Ok(p) => positions = Some(p),
                Err(mut p) => {
                    problems.extend(p.drain(..));
                    return Vec::new();
                }
            }
            continue;
        };
        rows += 1;
        if rows > max_rows {
            problems.push(Problem::at(
                file,
                line,
                None,
                msg!("batch-side-too-many-rows", max = max_rows.to_string()),
            ));
            return Vec::new();
        }
        if !bad.is_empty() {
            continue;
        }
        if cells.len() != header.len() {
            problems.push(Problem::at(
                file,
                line,
                None,
                msg!(
                    "batch-side-cell-count",
                    cells = cells.len().to_string(),
                    want = header.len().to_string()
                ),
            ));
            continue;
        }
        let r = Row {
            file,
            line,
            cells: header
                .iter()
                .zip(pos)
                .filter_map(|(h, &p)| cells.get(p).map(|c| (*h, (*c, p as u64 + 1))))
                .collect(),
        };
        if let Some(t) = row(&r, problems) {
            out.push(t);
        }
    }
    if positions.is_none() {
        problems.push(Problem::at(file, 1, None, msg!("batch-empty-file")));
    }
    if let Some(entry) = manifest.file(file)
        && entry.rows != rows
    {
        problems.push(Problem::file(
            file,
            msg!(
                "batch-codebook-rows",
                rows = rows.to_string(),
                expected = entry.rows.to_string()
            ),
        ));
    }
    if problems.total() > before {
        return Vec::new();
    }
    out
}

/// Where each column of `header` is in the file's header: every one exactly once, no other.
fn header_positions(
    file: &str,
    header: &[&str],
    found_header: &[&str],
) -> Result<Vec<usize>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut positions = Vec::new();
    for name in header {
        let found: Vec<usize> = found_header
            .iter()
            .enumerate()
            .filter(|(_, h)| *h == name)
            .map(|(i, _)| i)
            .collect();
        match found.as_slice() {
            [i] => positions.push(*i),
            [] => problems.push(Problem::at(
                file,
                1,
                None,
                msg!("batch-column-missing", column = *name),
            )),
            [_, second, ..] => problems.push(Problem::at(
                file,
                1,
                Some(*second as u64 + 1),
                msg!("batch-column-twice", column = *name),
            )),
        }
    }
    for (i, h) in found_header.iter().enumerate() {
        if !header.contains(h) {
            problems.push(Problem::at(
                file,
                1,
                Some(i as u64 + 1),
                msg!("batch-column-unknown", column = format!("{h:?}")),
            ));
        }
    }
    if problems.is_empty() {
        Ok(positions)
    } else {
        Err(problems)
    }
}
