//! Writing command output: to standard output (or a buffer in tests), with plain-text tables
//! that stay aligned with Cyrillic and Tajik text, and CSV and JSON through their crates.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use crate::error::{Error, Result};

/// Where a subcommand writes its result. Progress and warnings go to standard error.
pub struct Out {
    w: Box<dyn Write>,
}

impl Out {
    pub fn stdout() -> Out {
        Out {
            w: Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        }
    }

    pub fn to(w: impl Write + 'static) -> Out {
        Out { w: Box::new(w) }
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        &mut self.w
    }

    pub fn line(&mut self, s: &str) -> Result<()> {
        writeln!(self.w, "{s}").map_err(stdout_error)
    }

    pub fn flush(&mut self) -> Result<()> {
        self.w.flush().map_err(stdout_error)
    }

    /// Pretty JSON of any serialisable value.
    pub fn json(&mut self, v: &impl serde::Serialize) -> Result<()> {
        serde_json::to_writer_pretty(&mut self.w, v).map_err(|e| stdout_error(e.into()))?;
        self.line("")
    }

    /// CSV with a header row.
    pub fn csv(&mut self, headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
        let mut w = csv::Writer::from_writer(&mut self.w);
        let res = (|| {
            w.write_record(headers)?;
            for r in rows {
                w.write_record(r)?;
            }
            w.flush()
        })();
        res.map_err(stdout_error)
    }

    /// An aligned plain-text table.
    pub fn table(&mut self, headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
        let text = table(headers, rows);
        write!(self.w, "{text}").map_err(stdout_error)
    }
}

fn stdout_error(e: std::io::Error) -> Error {
    Error::io("standard output", e)
}

/// Whether an error only says the reader of our output went away (`courtwatch list | head`).
pub fn is_broken_pipe(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Columns padded to their widest cell, measured in terminal columns.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(c.width());
            }
        }
    }
    let mut s = String::new();
    let mut push_row = |cells: &mut dyn Iterator<Item = &str>| {
        let mut line = String::new();
        for (i, c) in cells.enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            line.push_str(c);
            line.extend(std::iter::repeat_n(
                ' ',
                widths
                    .get(i)
                    .copied()
                    .unwrap_or(0)
                    .saturating_sub(c.width()),
            ));
        }
        s.push_str(line.trim_end());
        s.push('\n');
    };
    push_row(&mut headers.iter().copied());
    for r in rows {
        push_row(&mut r.iter().map(String::as_str));
    }
    s
}
