//! `--redact`: restricted fields (names, perpetrators named, contact and medical details) never
//! leave in clear. Restricted free-text fields are replaced by stable keyed pseudonyms, so the
//! same name gives the same pseudonym in every batch of this database and analysts can still
//! link records; restricted fields of other kinds (codes, dates) are left out of the files.

use std::collections::BTreeSet;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::manifest::Redaction;
use crate::domain::{AuditRow, Fields};
use crate::spec::{FieldKind, Spec};

/// How a redacted export changes values.
#[derive(Debug, Clone)]
pub(crate) struct Redactor {
    key: Vec<u8>,
    pub omitted: BTreeSet<String>,
    pub pseudonymised: BTreeSet<String>,
}

impl Redactor {
    /// The redaction of every restricted field of the forms, under `key` (the database's
    /// secret pseudonym key).
    pub fn new(spec: &Spec, key: &[u8]) -> Redactor {
        let mut omitted = BTreeSet::new();
        let mut pseudonymised = BTreeSet::new();
        for field in spec
            .forms
            .iter()
            .flat_map(|f| f.sections.iter().flat_map(|s| s.fields.iter()))
            .filter(|f| f.restricted)
        {
            if matches!(field.kind(), FieldKind::Text | FieldKind::LongText) {
                pseudonymised.insert(field.id.clone());
            } else {
                omitted.insert(field.id.clone());
            }
        }
        Redactor {
            key: key.to_vec(),
            omitted,
            pseudonymised,
        }
    }

    /// What the manifest says about this redaction.
    pub(crate) fn describe(&self) -> Redaction {
        Redaction {
            omitted: self.omitted.iter().cloned().collect(),
            pseudonymised: self.pseudonymised.iter().cloned().collect(),
        }
    }

    /// `anon-` and 16 hex digits of HMAC-SHA-256(key, field ‖ 0 ‖ value): the same value of the
    /// same field always gives the same pseudonym under one key, and without the key a name
    /// cannot be guessed back from it.
    pub(crate) fn pseudonym(&self, field: &str, value: &str) -> String {
        // HMAC accepts keys of any length, so this cannot fail; an empty MAC would only make
        // every pseudonym equal, never leak the value.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.key) else {
            return "anon-".into();
        };
        mac.update(field.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        let digest = mac.finalize().into_bytes();
        let hex = crate::domain::hex(&digest);
        format!("anon-{}", hex.get(..16).unwrap_or(&hex))
    }

    /// Redacts the fields of one record in place.
    pub fn fields(&self, fields: &mut Fields) {
        fields.retain(|k, _| !self.omitted.contains(k));
        for (k, v) in fields.iter_mut() {
            if self.pseudonymised.contains(k) && !v.is_empty() {
                *v = self.pseudonym(k, v);
            }
        }
    }

    /// Redacts an audit row: values of restricted fields are pseudonymised or blanked, and so
    /// are the values of rows that record a whole record being added or deleted (their old
    /// value is the record's data, restricted fields included).
    pub fn audit(&self, row: &mut AuditRow) {
        let field = row.field.as_str();
        if self.pseudonymised.contains(field) {
            for v in [&mut row.old_value, &mut row.new_value] {
                if !v.is_empty() {
                    *v = self.pseudonym(field, v);
                }
            }
        } else if field.is_empty() || self.omitted.contains(field) {
            for v in [&mut row.old_value, &mut row.new_value] {
                if !matches!(v.as_str(), "" | "added" | "deleted") {
                    v.clear();
                }
            }
        }
    }
}
