//! `manifest.json`: what a batch is, who made it, how its files are written, and the size, row
//! count and SHA-256 of every CSV file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Profile;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`super::FORMAT`].
    pub format: String,
    /// [`super::FORMAT_VERSION`] of the program that wrote it.
    pub format_version: u32,
    pub batch_id: Uuid,
    pub app_version: String,
    /// The database schema version of the program that wrote it.
    pub schema_version: i64,
    /// Form name → version, for every form the batch's columns come from.
    pub form_versions: BTreeMap<String, u32>,
    /// The monitor whose database wrote the batch.
    pub monitor: MonitorRef,
    /// Every monitor whose hearings the batch holds (a lead's export holds many).
    pub monitors: Vec<MonitorRef>,
    /// The database (laptop) that wrote the batch.
    pub device_id: Uuid,
    /// 1, 2, 3, … per monitor, with no gaps.
    pub seq: u32,
    /// RFC 3339 with offset.
    pub created_at: String,
    pub scope: Scope,
    pub profile: Profile,
    pub delimiter: String,
    pub bom: bool,
    /// Whether cells starting with `=`, `+`, `-`, `@`, `'`, tab or CR were prefixed with `'`.
    pub formula_guard: bool,
    pub redacted: bool,
    /// With `redacted`: which restricted fields were left out and which were replaced by
    /// pseudonyms.
    pub redaction: Option<Redaction>,
    /// How many hearings the batch holds.
    pub hearings: u64,
    /// The public key (minisign, `RW…`) whose signature `manifest.json.minisig` is; absent in
    /// batches written before batches were signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_key: Option<String>,
    /// One entry per CSV file, in a fixed order.
    pub files: Vec<FileEntry>,
}

/// A monitor as a batch names them. `name` is empty in redacted batches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonitorRef {
    pub uuid: Uuid,
    pub code: String,
    pub name: String,
}

/// Which hearings the export took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// `all` (every final hearing matching the filter) or `since_last` (those whose current
    /// version was not in an earlier unredacted batch of this database).
    pub kind: ScopeKind,
    /// First and last hearing date included, when limited.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Other filters given, as `name=value`.
    pub filters: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    All,
    SinceLast,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Redaction {
    /// Restricted fields whose columns are not in the batch at all.
    pub omitted: Vec<String>,
    /// Restricted text fields whose values were replaced by stable keyed pseudonyms
    /// (`anon-` + 16 hex digits of an HMAC-SHA-256 under a key kept in the database).
    pub pseudonymised: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    pub name: String,
    /// Data rows, not counting the header.
    pub rows: u64,
    pub bytes: u64,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
}

impl Manifest {
    pub fn file(&self, name: &str) -> Option<&FileEntry> {
        self.files.iter().find(|f| f.name == name)
    }

    /// The batch folder's name: `courtwatch-<CODE>-<seq:06>-<YYYYMMDDTHHMMSS>`.
    pub fn folder_name(&self) -> String {
        let stamp = chrono::DateTime::parse_from_rfc3339(&self.created_at)
            .map(|t| t.format("%Y%m%dT%H%M%S").to_string())
            .unwrap_or_default();
        folder_name(&self.monitor.code, self.seq, self.redacted, &stamp)
    }
}

/// `courtwatch-<CODE>-<seq:06>-<stamp>`, or `courtwatch-<CODE>-redacted-<seq:06>-<stamp>` for a
/// redacted batch (numbered in its own series), with anything but letters, digits, `-` and `_`
/// in the code replaced by `_` so the name is safe on every file system.
pub fn folder_name(code: &str, seq: u32, redacted: bool, stamp: &str) -> String {
    let code: String = code
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let kind = if redacted { "redacted-" } else { "" };
    format!("courtwatch-{code}-{kind}{seq:06}-{stamp}")
}
