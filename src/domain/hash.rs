//! The content hash of a hearing: SHA-256 over a canonical JSON form of the hearing with
//! everything under it, leaving out bookkeeping (status, version, timestamps, audit).

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{
    Allegation, Answer, Case, Charge, Consent, Event, Fields, Followup, HearingParty,
    HearingRecord, Party,
};

#[derive(Serialize)]
struct Canonical<'a> {
    case: &'a Case,
    hearing: CanonicalHearing<'a>,
    parties: Vec<&'a Party>,
    hearing_parties: Vec<&'a HearingParty>,
    charges: Vec<&'a Charge>,
    answers: Vec<&'a Answer>,
    allegations: Vec<&'a Allegation>,
    followups: Vec<&'a Followup>,
    timeline: Vec<&'a Event>,
    consents: Vec<&'a Consent>,
}

#[derive(Serialize)]
struct CanonicalHearing<'a> {
    uuid: &'a uuid::Uuid,
    case_uuid: &'a uuid::Uuid,
    monitor_uuid: &'a uuid::Uuid,
    fields: &'a Fields,
}

/// The rows in key order; the key borrows from the row (a key that owned a copy of a
/// checklist item code made two of them per comparison).
fn sorted<'a, T, K: Ord + 'a>(items: &'a [T], key: impl Fn(&'a T) -> K) -> Vec<&'a T> {
    let mut v: Vec<&T> = items.iter().collect();
    v.sort_by_key(|t| key(t));
    v
}

/// Lower-case hex SHA-256 of the hearing's canonical content. Equal content gives an equal hash
/// whatever order the rows were loaded in.
pub fn content_hash(r: &HearingRecord) -> String {
    let canonical = Canonical {
        case: &r.case,
        hearing: CanonicalHearing {
            uuid: &r.hearing.uuid,
            case_uuid: &r.hearing.case_uuid,
            monitor_uuid: &r.hearing.monitor_uuid,
            fields: &r.hearing.fields,
        },
        parties: sorted(&r.parties, |p| p.uuid),
        hearing_parties: sorted(&r.hearing_parties, |p| p.uuid),
        charges: sorted(&r.charges, |p| p.uuid),
        answers: sorted(&r.answers, |a| (a.item_code.as_str(), a.party_uuid)),
        allegations: sorted(&r.allegations, |p| p.uuid),
        followups: sorted(&r.followups, |p| p.uuid),
        timeline: sorted(&r.timeline, |e| e.uuid),
        consents: sorted(&r.consents, |p| p.uuid),
    };
    // Serialising plain structs, maps with string keys and strings cannot fail.
    let json = serde_json::to_vec(&canonical).unwrap_or_default();
    hex(&Sha256::digest(&json))
}

/// Lower-case hex SHA-256 of what every hearing of a case shares: the case, its people,
/// charges and consents. Two hearings of one case with different case hashes disagree about
/// the trial.
pub fn case_hash(r: &HearingRecord) -> String {
    #[derive(Serialize)]
    struct Shared<'a> {
        case: &'a Case,
        parties: Vec<&'a Party>,
        charges: Vec<&'a Charge>,
        consents: Vec<&'a Consent>,
    }
    let shared = Shared {
        case: &r.case,
        parties: sorted(&r.parties, |p| p.uuid),
        charges: sorted(&r.charges, |p| p.uuid),
        consents: sorted(&r.consents, |p| p.uuid),
    };
    // As in content_hash: plain structs and string maps serialise.
    let json = serde_json::to_vec(&shared).unwrap_or_default();
    hex(&Sha256::digest(&json))
}

/// Lower-case hex of a byte string.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Lower-case hex SHA-256 of any bytes (file checksums, migration fingerprints).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}
