//! `manifest.json`, checked like a row: every field present and of its type (said in plain
//! words, not in the JSON library's), no field this courtwatch does not know, and every value
//! sensible — `seq` from 1, `created_at` with its offset, a known schema and known form
//! versions, identifiers that are not empty or nil, and no control characters anywhere.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;
use uuid::Uuid;

use super::super::manifest::Manifest;
use super::super::{
    FORMAT, FORMAT_VERSION, MANIFEST, Msg, Problem, Problems, allowed_char, printable,
};
use super::files::{MANIFEST_MAX, Place, Refused, read_small};
use crate::msg;
use crate::spec::Spec;

/// A field of an object of the manifest: its name, whether it may be `null`, and what it
/// holds, in words (the key of a `batch-holds-…` message).
type FieldSpec = (&'static str, bool, &'static str);

const TOP: &[FieldSpec] = &[
    ("format", false, "batch-holds-format"),
    ("format_version", false, "batch-holds-whole-number"),
    ("batch_id", false, "batch-holds-uuid"),
    ("app_version", false, "batch-holds-text"),
    ("schema_version", false, "batch-holds-whole-number"),
    ("form_versions", false, "batch-holds-form-versions"),
    ("monitor", false, "batch-holds-monitor"),
    ("monitors", false, "batch-holds-monitors"),
    ("device_id", false, "batch-holds-uuid"),
    ("seq", false, "batch-holds-seq"),
    ("created_at", false, "batch-holds-created-at"),
    ("scope", false, "batch-holds-scope"),
    ("profile", false, "batch-holds-profile"),
    ("delimiter", false, "batch-holds-delimiter"),
    ("bom", false, "batch-holds-bool"),
    ("formula_guard", false, "batch-holds-bool"),
    ("redacted", false, "batch-holds-bool"),
    ("redaction", true, "batch-holds-redaction"),
    ("hearings", false, "batch-holds-whole-number"),
    ("signing_key", true, "batch-holds-signing-key"),
    ("files", false, "batch-holds-files"),
];

/// Fields a manifest may leave out.
const OPTIONAL: &[&str] = &["signing_key"];

const MONITOR: &[FieldSpec] = &[
    ("uuid", false, "batch-holds-uuid"),
    ("code", false, "batch-holds-text"),
    ("name", false, "batch-holds-text"),
];

const SCOPE: &[FieldSpec] = &[
    ("kind", false, "batch-holds-scope-kind"),
    ("from", true, "batch-holds-date-or-null"),
    ("to", true, "batch-holds-date-or-null"),
    ("filters", false, "batch-holds-texts"),
];

const REDACTION: &[FieldSpec] = &[
    ("omitted", false, "batch-holds-field-ids"),
    ("pseudonymised", false, "batch-holds-field-ids"),
];

const FILE: &[FieldSpec] = &[
    ("name", false, "batch-holds-file-name"),
    ("rows", false, "batch-holds-whole-number"),
    ("bytes", false, "batch-holds-whole-number"),
    ("sha256", false, "batch-holds-hex"),
];

/// The serde error's own words without its position (the problem gives the position).
fn plain(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}

/// The 1-based line of the first `"key":` in the manifest's text, for messages.
fn line_of(text: &str, key: &str) -> Option<u64> {
    let needle = format!("\"{key}\"");
    let at = text.find(&needle)?;
    Some(text[..at].bytes().filter(|&b| b == b'\n').count() as u64 + 1)
}

/// A value as the message quotes it: short, and printable.
fn quote(v: &Value) -> String {
    let mut s = v.to_string();
    if s.chars().count() > 60 {
        s = s.chars().take(57).collect::<String>() + "…";
    }
    printable(&s).into_owned()
}

/// Checks the fields of one object: missing ones, unknown ones, and each one's type.
fn check_object(
    text: &str,
    path: &str,
    value: &Value,
    fields: &[FieldSpec],
    types: &dyn Fn(&str, &Value) -> Option<String>,
    problems: &mut Problems,
) {
    let Some(obj) = value.as_object() else {
        problems.push(Problem::at(
            MANIFEST,
            line_of(text, path.rsplit(['.', ']']).next().unwrap_or(path)).unwrap_or(1),
            None,
            msg!("batch-not-object", path = path, value = quote(value)),
        ));
        return;
    };
    let name = |f: &str| {
        if path.is_empty() {
            f.to_owned()
        } else {
            format!("{path}.{f}")
        }
    };
    for &(field, nullable, what) in fields {
        match obj.get(field) {
            // Batches written before batches were signed have no signing key.
            None if OPTIONAL.contains(&field) => {}
            None => problems.push(Problem::file(
                MANIFEST,
                msg!(
                    "batch-field-missing",
                    field = name(field),
                    what = Msg::new(what)
                ),
            )),
            Some(Value::Null) if nullable => {}
            Some(v) => {
                if let Some(why) = types(field, v) {
                    problems.push(Problem::at(
                        MANIFEST,
                        line_of(text, field).unwrap_or(1),
                        None,
                        msg!(
                            "batch-field-wrong-type",
                            field = name(field),
                            what = Msg::new(what),
                            value = quote(v),
                            why = why
                        ),
                    ));
                }
            }
        }
    }
    for key in obj.keys() {
        if !fields.iter().any(|f| f.0 == key) {
            problems.push(Problem::at(
                MANIFEST,
                line_of(text, key).unwrap_or(1),
                None,
                msg!(
                    "batch-field-unknown",
                    field = printable(&name(key)).into_owned()
                ),
            ));
        }
    }
}

/// Why `v` is not a `T`, if it is not.
fn type_error<T: DeserializeOwned>(v: &Value) -> Option<String> {
    serde_json::from_value::<T>(v.clone())
        .err()
        .map(|e| plain(&e))
}

/// Every string of the manifest, with where it is, for the control-character check.
fn strings<'v>(path: String, v: &'v Value, out: &mut Vec<(String, &'v str)>) {
    match v {
        Value::String(s) => out.push((path, s)),
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                strings(format!("{path}[{i}]"), x, out);
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                strings(p, x, out);
            }
        }
        _ => {}
    }
}

/// The manifest's structure: every field there and of its type.
fn check_structure(text: &str, value: &Value, problems: &mut Problems) {
    use super::super::manifest::{FileEntry, MonitorRef, Redaction, Scope};
    let top = |field: &str, v: &Value| -> Option<String> {
        match field {
            "format" | "app_version" | "created_at" | "delimiter" => type_error::<String>(v),
            "signing_key" => type_error::<Option<String>>(v),
            "format_version" | "seq" => type_error::<u32>(v),
            "schema_version" => type_error::<i64>(v),
            "hearings" => type_error::<u64>(v),
            "batch_id" | "device_id" => type_error::<Uuid>(v),
            "form_versions" => type_error::<std::collections::BTreeMap<String, u32>>(v),
            "monitor" => type_error::<MonitorRef>(v),
            "monitors" => type_error::<Vec<MonitorRef>>(v),
            "scope" => type_error::<Scope>(v),
            "profile" => type_error::<super::super::Profile>(v),
            "bom" | "formula_guard" | "redacted" => type_error::<bool>(v),
            "redaction" => type_error::<Option<Redaction>>(v),
            "files" => type_error::<Vec<FileEntry>>(v),
            _ => None,
        }
    };
    // Objects inside are looked at field by field first, so their messages name the field.
    let leaf = |field: &str, v: &Value| -> Option<String> {
        match field {
            "uuid" => type_error::<Uuid>(v),
            "rows" | "bytes" => type_error::<u64>(v),
            "from" | "to" => type_error::<Option<String>>(v),
            "kind" => type_error::<super::super::manifest::ScopeKind>(v),
            "filters" | "omitted" | "pseudonymised" => type_error::<Vec<String>>(v),
            _ => type_error::<String>(v),
        }
    };
    let before = problems.total();
    let mut nested = Problems::new();
    if let Some(obj) = value.as_object() {
        let mut one = |path: String, v: &Value, fields: &[FieldSpec]| {
            check_object(text, &path, v, fields, &leaf, &mut nested);
        };
        if let Some(v) = obj.get("monitor") {
            one("monitor".into(), v, MONITOR);
        }
        if let Some(Value::Array(a)) = obj.get("monitors") {
            for (i, v) in a.iter().enumerate() {
                one(format!("monitors[{i}]"), v, MONITOR);
            }
        }
        if let Some(v) = obj.get("scope") {
            one("scope".into(), v, SCOPE);
        }
        if let Some(v) = obj.get("redaction").filter(|v| !v.is_null()) {
            one("redaction".into(), v, REDACTION);
        }
        if let Some(Value::Array(a)) = obj.get("files") {
            for (i, v) in a.iter().enumerate() {
                one(format!("files[{i}]"), v, FILE);
            }
        }
    }
    let nested_found = !nested.is_empty();
    // An object whose fields were found wrong is not said to be wrong again as a whole.
    let top_types = |field: &str, v: &Value| -> Option<String> {
        if nested_found
            && matches!(
                field,
                "monitor" | "monitors" | "scope" | "redaction" | "files"
            )
            && v.is_object() | v.is_array()
        {
            return None;
        }
        top(field, v)
    };
    check_object(text, "", value, TOP, &top_types, problems);
    problems.append(&mut nested);
    if problems.total() > before {
        return;
    }
    let mut all = Vec::new();
    strings(String::new(), value, &mut all);
    for (path, s) in all {
        if let Some(c) = s
            .chars()
            .find(|&c| !allowed_char(c) || c == '\n' || c == '\r')
        {
            problems.push(Problem::at(
                MANIFEST,
                line_of(text, path.rsplit(['.', ']']).next().unwrap_or(&path)).unwrap_or(1),
                None,
                msg!(
                    "batch-manifest-control-character",
                    path = &path,
                    code = format!("U+{:04X}", u32::from(c))
                ),
            ));
        }
    }
}

/// Reads and checks `manifest.json` only: enough to know a batch's monitor and sequence
/// number before reading the rest.
pub fn read_manifest(dir: &Path) -> Result<Manifest, Problems> {
    if !dir.is_dir() {
        return Err(vec![Problem::file(
            &dir.display().to_string(),
            msg!("batch-not-a-folder"),
        )]
        .into());
    }
    read_manifest_at(&Place::Folder(dir.to_owned())).map(|(m, _)| m)
}

/// Reads and checks the `manifest.json` of a batch wherever it is: the manifest, and its
/// bytes as they are (what the signature is checked against).
pub fn read_manifest_at(dir: &Place) -> Result<(Manifest, Vec<u8>), Problems> {
    let one = |p: Problem| -> Problems { vec![p].into() };
    let bytes = read_small(dir, MANIFEST, MANIFEST_MAX).map_err(|r| {
        one(Problem::file(
            MANIFEST,
            match r {
                Refused::Missing => msg!("batch-manifest-missing"),
                r => r.msg(),
            },
        ))
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
        one(Problem::at(
            MANIFEST,
            e.line() as u64,
            Some(e.column() as u64),
            msg!("batch-not-json", error = plain(&e)),
        ))
    })?;
    if !value.is_object() {
        return Err(one(Problem::file(MANIFEST, msg!("batch-not-json-object"))));
    }
    match value.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        None => {
            return Err(one(Problem::file(MANIFEST, msg!("batch-no-format"))));
        }
        Some(other) => {
            return Err(one(Problem::at(
                MANIFEST,
                line_of(&text, "format").unwrap_or(1),
                None,
                msg!("batch-wrong-format", value = quote(other), format = FORMAT),
            )));
        }
    }
    match value.get("format_version").and_then(Value::as_u64) {
        Some(v) if v == u64::from(FORMAT_VERSION) => {}
        Some(v) => {
            return Err(one(Problem::at(
                MANIFEST,
                line_of(&text, "format_version").unwrap_or(1),
                None,
                msg!(
                    "batch-format-version-unknown",
                    version = v.to_string(),
                    known = FORMAT_VERSION.to_string()
                ),
            )));
        }
        None => {
            return Err(one(Problem::file(
                MANIFEST,
                msg!("batch-format-version-missing"),
            )));
        }
    }
    let mut problems = Problems::new();
    check_structure(&text, &value, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let manifest: Manifest = serde_json::from_value(value).map_err(|e| {
        one(Problem::file(
            MANIFEST,
            msg!("batch-does-not-fit", error = plain(&e)),
        ))
    })?;
    check_values(&text, &manifest, &mut problems);
    if problems.is_empty() {
        Ok((manifest, bytes))
    } else {
        Err(problems)
    }
}

/// Whether a code names someone: not empty, no spaces at its ends, at most 32 characters.
fn good_code(code: &str) -> bool {
    !code.trim().is_empty() && code.trim() == code && code.chars().count() <= 32
}

/// The manifest's values, checked like a row's cells.
fn check_values(text: &str, m: &Manifest, problems: &mut Problems) {
    let at = |key: &str, message: Msg| {
        Problem::at(MANIFEST, line_of(text, key).unwrap_or(1), None, message)
    };
    if m.seq == 0 {
        problems.push(at("seq", msg!("batch-seq-zero")));
    }
    if chrono::DateTime::parse_from_rfc3339(&m.created_at).is_err() {
        problems.push(at(
            "created_at",
            msg!(
                "batch-created-at",
                value = printable(&format!("{:?}", m.created_at)).into_owned()
            ),
        ));
    }
    let schema = crate::store::SCHEMA_VERSION;
    if !(1..=schema).contains(&m.schema_version) {
        problems.push(at(
            "schema_version",
            msg!(
                "batch-schema-unknown",
                version = m.schema_version.to_string(),
                known = schema.to_string()
            ),
        ));
    }
    for (key, id) in [("batch_id", m.batch_id), ("device_id", m.device_id)] {
        if id.is_nil() {
            problems.push(at(key, msg!("batch-nil-id", key = key)));
        }
    }
    for (path, mon) in std::iter::once(("monitor".to_owned(), &m.monitor)).chain(
        m.monitors
            .iter()
            .enumerate()
            .map(|(i, x)| (format!("monitors[{i}]"), x)),
    ) {
        if mon.uuid.is_nil() {
            problems.push(at("uuid", msg!("batch-monitor-nil", path = &path)));
        }
        if !good_code(&mon.code) {
            problems.push(at(
                "code",
                msg!(
                    "batch-monitor-code",
                    path = &path,
                    code = format!("{:?}", mon.code)
                ),
            ));
        }
    }
    let delimiter = char::from(m.profile.delimiter()).to_string();
    if m.delimiter != delimiter {
        problems.push(at(
            "delimiter",
            msg!(
                "batch-delimiter-profile",
                delimiter = format!("{:?}", m.delimiter),
                profile = m.profile.code(),
                expected = format!("{delimiter:?}")
            ),
        ));
    }
    if m.bom != m.profile.bom() || m.formula_guard != m.profile.formula_guard() {
        problems.push(at(
            "bom",
            msg!(
                "batch-bom-profile",
                value = m.profile.bom().to_string(),
                profile = m.profile.code()
            ),
        ));
    }
    if m.redacted != m.redaction.is_some() {
        problems.push(at("redaction", msg!("batch-redaction-redacted")));
    }
    for d in [&m.scope.from, &m.scope.to].into_iter().flatten() {
        if chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err() {
            problems.push(at(
                "scope",
                msg!("batch-scope-date", value = format!("{d:?}")),
            ));
        }
    }
    for f in &m.files {
        let hex = f.sha256.len() == 64
            && f.sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !hex {
            problems.push(at(
                "sha256",
                msg!("batch-sha-not-hex", file = printable(&f.name).into_owned()),
            ));
        }
    }
}

/// The manifest's form versions against this courtwatch's forms: a form it does not know, or
/// a newer version of one, cannot be read. Older versions are read (fields are never
/// removed, only retired).
pub fn check_form_versions(spec: &Spec, m: &Manifest, problems: &mut Problems) {
    let ours: std::collections::BTreeMap<String, u32> = spec.versions().into_iter().collect();
    for (form, v) in &m.form_versions {
        match ours.get(form) {
            None => problems.push(Problem::file(
                MANIFEST,
                msg!("batch-form-unknown", form = printable(form).into_owned()),
            )),
            Some(our) if v > our || *v == 0 => problems.push(Problem::file(
                MANIFEST,
                msg!(
                    "batch-form-version-unknown",
                    form = form,
                    version = v.to_string(),
                    known = our.to_string()
                ),
            )),
            Some(_) => {}
        }
    }
    for form in ours.keys() {
        if !m.form_versions.contains_key(form) {
            problems.push(Problem::file(
                MANIFEST,
                msg!("batch-form-version-not-given", form = form),
            ));
        }
    }
}

/// A hearing's `form_versions` cell (`form=version` pairs joined by `|`): why it is not
/// readable, if it is not.
pub fn form_versions_problem(spec: &Spec, cell: &str) -> Option<Msg> {
    let ours: std::collections::BTreeMap<String, u32> = spec.versions().into_iter().collect();
    if cell.is_empty() {
        return Some(msg!("batch-form-versions-empty"));
    }
    for pair in cell.split('|') {
        let not_a_pair = || msg!("batch-form-versions-pair", pair = format!("{pair:?}"));
        let Some((form, v)) = pair.split_once('=') else {
            return Some(not_a_pair());
        };
        let Ok(v) = v.parse::<u32>() else {
            return Some(not_a_pair());
        };
        match ours.get(form) {
            None => {
                return Some(msg!(
                    "batch-form-versions-unknown-form",
                    form = format!("{form:?}")
                ));
            }
            Some(our) if v > *our || v == 0 => {
                return Some(msg!(
                    "batch-form-versions-too-new",
                    form = form,
                    version = v.to_string(),
                    known = our.to_string()
                ));
            }
            Some(_) => {}
        }
    }
    None
}
