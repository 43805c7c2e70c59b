//! `codebook.csv`: labels in English, Russian and Tajik for every column of the batch that has
//! a meaning beyond its text.
//!
//! Columns: `variable, code, label_en, label_ru, label_tg`. A row with an empty `code` labels
//! the variable itself (the field's question); the rows after it label each code the variable
//! may hold. Coded columns are every choice and multi-choice field (retired codes included, as
//! old records may hold them), `status` (hearings), `item_code` and `answer` (checklist
//! answers) and `code` (timeline events).

use std::collections::BTreeSet;

use super::rows::{ColumnKind, Key, Table, layout};
use crate::spec::{COURT_LIST, Spec, Text};

pub(crate) const HEADER: [&str; 5] = ["variable", "code", "label_en", "label_ru", "label_tg"];

fn row(variable: &str, code: &str, text: &Text) -> [String; 5] {
    [
        variable.to_owned(),
        code.to_owned(),
        text.en.clone(),
        text.ru.clone(),
        text.tg.clone(),
    ]
}

/// Every code of a list (courts included), retired ones too, with their labels.
fn codes(spec: &Spec, list: &str) -> Vec<(String, Text)> {
    if list == COURT_LIST {
        return spec.choices(COURT_LIST);
    }
    spec.list(list)
        .map(|l| {
            l.codes
                .iter()
                .map(|c| {
                    (
                        c.code.clone(),
                        Text {
                            en: c.en.clone(),
                            ru: c.ru.clone(),
                            tg: c.tg.clone(),
                        },
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The codebook's rows, for the columns of a batch that leaves out `omitted` fields.
pub fn rows(spec: &Spec, omitted: &BTreeSet<String>) -> Vec<[String; 5]> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for table in Table::ALL {
        for column in layout(spec, table, omitted).columns {
            if !seen.insert(column.name) {
                continue;
            }
            match column.kind {
                ColumnKind::Field(f) => {
                    out.push(row(&f.id, "", &f.label));
                    if let Some(list) = f.list.as_deref().filter(|_| f.kind().is_coded()) {
                        for (code, text) in codes(spec, list) {
                            out.push(row(&f.id, &code, &text));
                        }
                    }
                }
                ColumnKind::Key(Key::ItemCode) => {
                    for group in &spec.checklist.groups {
                        for item in &group.items {
                            out.push(row(column.name, &item.code, &item.question));
                        }
                    }
                }
                ColumnKind::Key(key) => {
                    if let Some(list) = key.list() {
                        for (code, text) in codes(spec, list) {
                            out.push(row(column.name, &code, &text));
                        }
                    }
                }
            }
        }
    }
    out
}
