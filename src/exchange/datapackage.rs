//! `datapackage.json`: a Frictionless Data (v1) tabular data package describing every CSV file
//! of the batch — its dialect, column types and constraints, primary key and foreign keys — so
//! analysts can check a batch with off-the-shelf validators (`frictionless validate`).

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::courts::COURTS;
use super::joins::JOINS;
use super::manifest::FileEntry;
use super::outlog::OUTPUTS;
use super::rows::{ColumnKind, Key, Table, layout};
use super::{CODEBOOK, Profile, codebook};
use crate::spec::{COURT_LIST, FieldKind, Spec};

/// Every code a column may hold (retired ones included), for an `enum` constraint.
fn list_codes(spec: &Spec, list: &str) -> Vec<String> {
    if list == COURT_LIST {
        return spec.courts.iter().map(|c| c.code.clone()).collect();
    }
    spec.list(list)
        .map(|l| l.codes.iter().map(|c| c.code.clone()).collect())
        .unwrap_or_default()
}

/// A regular expression for codes of `list` joined by `|`.
fn multi_pattern(codes: &[String]) -> String {
    let one = format!("({})", codes.join("|"));
    format!("{one}(\\|{one})*")
}

const HASH: &str = "[0-9a-f]{64}";

fn key_field(spec: &Spec, name: &str, key: Key) -> Value {
    match key {
        Key::Uuid => json!({"name": name, "type": "string", "format": "uuid",
                            "constraints": {"required": true}}),
        Key::OptUuid => json!({"name": name, "type": "string", "format": "uuid"}),
        Key::Status => json!({"name": name, "type": "string",
                              "constraints": {"required": true, "enum": ["final", "reviewed"]}}),
        Key::Count => json!({"name": name, "type": "integer",
                             "constraints": {"required": true, "minimum": 0}}),
        Key::Hash => json!({"name": name, "type": "string",
                            "constraints": {"required": true, "pattern": HASH}}),
        Key::OptHash => json!({"name": name, "type": "string", "constraints": {"pattern": HASH}}),
        Key::Hashes => json!({"name": name, "type": "string",
                              "constraints": {"pattern": format!("{HASH}(\\|{HASH})*")}}),
        Key::Text => json!({"name": name, "type": "string"}),
        Key::Timestamp => json!({"name": name, "type": "datetime",
                                 "constraints": {"required": true}}),
        Key::ItemCode => {
            let codes: Vec<&str> = spec
                .checklist
                .groups
                .iter()
                .flat_map(|g| g.items.iter().map(|i| i.code.as_str()))
                .collect();
            json!({"name": name, "type": "string",
                   "constraints": {"required": true, "enum": codes}})
        }
        Key::Answer => json!({"name": name, "type": "string",
                              "constraints": {"enum": list_codes(spec, "answer")}}),
        Key::Event => json!({"name": name, "type": "string",
                             "constraints": {"required": true,
                                             "enum": list_codes(spec, "timeline_event")}}),
    }
}

fn form_field(spec: &Spec, f: &crate::spec::Field) -> Value {
    let title = f.label.en.as_str();
    let list = f.list.as_deref().unwrap_or("");
    match f.kind() {
        FieldKind::Text | FieldKind::LongText => {
            json!({"name": f.id, "title": title, "type": "string"})
        }
        FieldKind::Date => json!({"name": f.id, "title": title, "type": "date"}),
        FieldKind::Time => {
            json!({"name": f.id, "title": title, "type": "time", "format": "%H:%M"})
        }
        FieldKind::Number => json!({"name": f.id, "title": title, "type": "number"}),
        FieldKind::Choice => json!({"name": f.id, "title": title, "type": "string",
                                    "constraints": {"enum": list_codes(spec, list)}}),
        FieldKind::MultiChoice => json!({"name": f.id, "title": title, "type": "string",
            "constraints": {"pattern": multi_pattern(&list_codes(spec, list))}}),
    }
}

fn resource(name: &str, entry: Option<&FileEntry>, profile: Profile, schema: Value) -> Value {
    let mut r = json!({
        "name": name,
        "path": format!("{name}.csv"),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": if profile.bom() { "utf-8-sig" } else { "utf-8" },
        "dialect": {
            "delimiter": (profile.delimiter() as char).to_string(),
            "lineTerminator": "\r\n",
            "quoteChar": "\"",
            "doubleQuote": true,
            "header": true
        },
        "schema": schema,
    });
    if let (Some(e), Some(obj)) = (entry, r.as_object_mut()) {
        obj.insert("bytes".into(), json!(e.bytes));
        obj.insert("hash".into(), json!(format!("sha256:{}", e.sha256)));
    }
    r
}

/// The package descriptor for a batch named `name` whose CSV files are `files`.
pub(crate) fn descriptor(
    spec: &Spec,
    name: &str,
    created_at: &str,
    profile: Profile,
    omitted: &BTreeSet<String>,
    files: &[FileEntry],
) -> Value {
    let entry = |file: &str| files.iter().find(|f| f.name == file);
    let mut resources = Vec::new();
    for table in Table::ALL {
        let l = layout(spec, table, omitted);
        let fields: Vec<Value> = l
            .columns
            .iter()
            .map(|c| match c.kind {
                ColumnKind::Key(key) => key_field(spec, c.name, key),
                ColumnKind::Field(f) => form_field(spec, f),
            })
            .collect();
        let foreign_keys: Vec<Value> = table
            .foreign_keys()
            .iter()
            .map(|(column, target)| {
                json!({"fields": [column], "reference": {"resource": target.name(), "fields": ["uuid"]}})
            })
            .collect();
        let schema = json!({
            "fields": fields,
            "missingValues": [""],
            "primaryKey": ["uuid"],
            "foreignKeys": foreign_keys,
        });
        resources.push(resource(
            table.name(),
            entry(&table.file()),
            profile,
            schema,
        ));
    }
    if let Some(e) = entry(COURTS) {
        let text = |name: &str| json!({"name": name, "type": "string"});
        let schema = json!({
            "fields": [
                {"name": "code", "type": "string", "constraints": {"required": true, "pattern": "user_[0-9a-f]{1,32}"}},
                {"name": "level", "type": "string",
                 "constraints": {"required": true, "enum": list_codes(spec, "court_level")}},
                {"name": "region", "type": "string", "constraints": {"enum": list_codes(spec, "region")}},
                text("country"),
                text("name_en"),
                text("name_ru"),
                text("name_tg"),
                {"name": "added_by", "type": "string", "format": "uuid", "constraints": {"required": true}},
                {"name": "added_at", "type": "datetime", "constraints": {"required": true}},
            ],
            "missingValues": [""],
            "primaryKey": ["code"],
        });
        resources.push(resource(
            COURTS.trim_end_matches(".csv"),
            Some(e),
            profile,
            schema,
        ));
    }
    if let Some(e) = entry(JOINS) {
        let id = |name: &str, required: bool| json!({"name": name, "type": "string", "format": "uuid", "constraints": {"required": required}});
        let time = |name: &str, required: bool| json!({"name": name, "type": "datetime", "constraints": {"required": required}});
        let schema = json!({
            "fields": [
                id("uuid", true),
                id("case_uuid", true),
                id("other_uuid", true),
                id("joined_by", true),
                time("joined_at", true),
                id("split_by", false),
                time("split_at", false),
            ],
            "missingValues": [""],
            "primaryKey": ["uuid"],
        });
        resources.push(resource(
            JOINS.trim_end_matches(".csv"),
            Some(e),
            profile,
            schema,
        ));
    }
    if let Some(e) = entry(OUTPUTS) {
        let text = |name: &str, required: bool| json!({"name": name, "type": "string", "constraints": {"required": required}});
        let flag = |name: &str| json!({"name": name, "type": "integer", "constraints": {"required": true, "enum": [0, 1]}});
        let schema = json!({
            "fields": [
                json!({"name": "at", "type": "datetime", "constraints": {"required": true}}),
                json!({"name": "kind", "type": "string", "constraints": {"required": true, "enum": ["batch", "printout", "report"]}}),
                text("path", true),
                flag("sealed"),
                flag("redacted"),
                json!({"name": "sha256", "type": "string", "constraints": {"required": true, "pattern": "[0-9a-f]{64}"}}),
                text("sealed_to", false),
                text("who", true),
            ],
            "missingValues": [""],
        });
        resources.push(resource(
            OUTPUTS.trim_end_matches(".csv"),
            Some(e),
            profile,
            schema,
        ));
    }
    let codebook_schema = json!({
        "fields": codebook::HEADER.iter().map(|h| json!({"name": h, "type": "string"})).collect::<Vec<_>>(),
        "missingValues": [],
    });
    resources.push(resource(
        CODEBOOK.trim_end_matches(".csv"),
        entry(CODEBOOK),
        profile,
        codebook_schema,
    ));
    json!({
        "profile": "tabular-data-package",
        "name": name.to_ascii_lowercase(),
        "title": format!("courtwatch batch {name}"),
        "created": created_at,
        "resources": resources,
    })
}
