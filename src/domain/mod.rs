//! Records and the rules of their life: draft and final, what finalising requires, the version
//! chain. Plain Rust: no I/O, no clock, no database.

mod fold;
mod hash;
mod take;
pub mod trial;
mod validate;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub(crate) use fold::fold;
pub use hash::{case_hash, content_hash, hex, sha256_hex};
pub use take::{Change, Take, differing};
pub use validate::{
    Problem, ProblemKind, clear_not_applicable, finalise_problems, finalise_problems_of_checked,
    relevant_items, value_fits,
};

/// The field values of one record: field id → canonical text (codes, ISO dates, `a|b` for
/// multi-choice). A missing key means "not answered".
pub type Fields = BTreeMap<String, String>;

/// The kinds of record whose fields come from a form file in `assets/forms/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Case,
    Hearing,
    Party,
    HearingParty,
    Charge,
    Allegation,
    Followup,
    Consent,
}

impl Entity {
    pub const ALL: [Entity; 8] = [
        Entity::Case,
        Entity::Hearing,
        Entity::Party,
        Entity::HearingParty,
        Entity::Charge,
        Entity::Allegation,
        Entity::Followup,
        Entity::Consent,
    ];

    /// The form file (and code) naming this entity.
    pub fn name(self) -> &'static str {
        match self {
            Entity::Case => "case",
            Entity::Hearing => "hearing",
            Entity::Party => "party",
            Entity::HearingParty => "hearing_party",
            Entity::Charge => "charge",
            Entity::Allegation => "allegation",
            Entity::Followup => "followup",
            Entity::Consent => "consent",
        }
    }

    /// The table holding it (also the stem of its batch file).
    pub fn table(self) -> &'static str {
        match self {
            Entity::Case => "cases",
            Entity::Hearing => "hearings",
            Entity::Party => "parties",
            Entity::HearingParty => "hearing_parties",
            Entity::Charge => "charges",
            Entity::Allegation => "allegations",
            Entity::Followup => "followups",
            Entity::Consent => "consents",
        }
    }

    pub fn parse(s: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.name() == s)
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a hearing record is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Final,
    Reviewed,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Final => "final",
            Status::Reviewed => "reviewed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "draft" => Some(Status::Draft),
            "final" => Some(Status::Final),
            "reviewed" => Some(Status::Reviewed),
            _ => None,
        }
    }

    /// Final and reviewed records are edited through the version chain and audited.
    pub(crate) fn is_final(self) -> bool {
        !matches!(self, Status::Draft)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A monitor: the person who records hearings on one laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Monitor {
    pub uuid: Uuid,
    pub code: String,
    pub name: String,
    pub org: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub uuid: Uuid,
    pub fields: Fields,
}

/// The hearing row: its place in the version chain and its own fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hearing {
    pub uuid: Uuid,
    pub case_uuid: Uuid,
    pub monitor_uuid: Uuid,
    pub status: Status,
    /// 1 for the first final version; each edit of a sealed final version adds one.
    pub version: u32,
    /// The hash of the content (see [`content_hash`]); empty while a draft was never finalised.
    pub content_hash: String,
    /// The hash of the previous version, empty for the first.
    pub parent_hash: String,
    /// Hashes of every earlier version, oldest first: the chain merge compares.
    pub ancestors: Vec<String>,
    /// Whether the current version has left this version (finalised or exported); the next edit
    /// of a sealed final version starts a new version.
    pub sealed: bool,
    /// `form=version` pairs of the forms this record was filled with, joined by `|`.
    pub form_versions: String,
    pub created_at: String,
    pub updated_at: String,
    pub fields: Fields,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub uuid: Uuid,
    pub case_uuid: Uuid,
    pub fields: Fields,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingParty {
    pub uuid: Uuid,
    pub hearing_uuid: Uuid,
    pub party_uuid: Uuid,
    pub fields: Fields,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charge {
    pub uuid: Uuid,
    pub party_uuid: Uuid,
    pub fields: Fields,
}

/// One checklist answer: hearing × item (× defendant for per-defendant items).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub uuid: Uuid,
    pub hearing_uuid: Uuid,
    pub item_code: String,
    pub party_uuid: Option<Uuid>,
    pub answer: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allegation {
    pub uuid: Uuid,
    pub hearing_uuid: Uuid,
    pub party_uuid: Option<Uuid>,
    pub fields: Fields,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Followup {
    pub uuid: Uuid,
    pub allegation_uuid: Uuid,
    pub fields: Fields,
}

/// A timestamped courtroom event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub uuid: Uuid,
    pub hearing_uuid: Uuid,
    /// RFC 3339 with the laptop's offset.
    pub at: String,
    pub code: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub uuid: Uuid,
    pub party_uuid: Uuid,
    pub fields: Fields,
}

/// One audited change of a final record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub uuid: Uuid,
    pub hearing_uuid: Uuid,
    pub version: u32,
    pub entity: String,
    pub record_uuid: Uuid,
    pub field: String,
    pub old_value: String,
    pub new_value: String,
    pub reason: String,
    pub monitor_uuid: Uuid,
    pub at: String,
}

/// A hearing with everything under it (and the case and parties it names): the unit that is
/// shown, finalised, hashed, exported and merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingRecord {
    pub case: Case,
    pub hearing: Hearing,
    pub parties: Vec<Party>,
    pub hearing_parties: Vec<HearingParty>,
    pub charges: Vec<Charge>,
    pub answers: Vec<Answer>,
    pub allegations: Vec<Allegation>,
    pub followups: Vec<Followup>,
    pub timeline: Vec<Event>,
    pub consents: Vec<Consent>,
    pub audit: Vec<AuditRow>,
}

impl HearingRecord {
    /// A hearing of a case with nothing under it yet.
    pub fn new(case: Case, hearing: Hearing) -> HearingRecord {
        HearingRecord {
            case,
            hearing,
            parties: Vec::new(),
            hearing_parties: Vec::new(),
            charges: Vec::new(),
            answers: Vec::new(),
            allegations: Vec::new(),
            followups: Vec::new(),
            timeline: Vec::new(),
            consents: Vec::new(),
            audit: Vec::new(),
        }
    }

    /// The fields of the party a hearing party refers to.
    pub fn party(&self, uuid: Uuid) -> Option<&Party> {
        self.parties.iter().find(|p| p.uuid == uuid)
    }

    /// Parties whose role is defendant, in display-code order.
    pub fn defendants(&self) -> impl Iterator<Item = &Party> {
        self.parties
            .iter()
            .filter(|p| p.fields.get("role").is_some_and(|r| r == "defendant"))
    }

    /// The fields of one record of this hearing.
    pub fn fields_of(&self, entity: Entity, uuid: Uuid) -> Option<&Fields> {
        match entity {
            Entity::Case => (self.case.uuid == uuid).then_some(&self.case.fields),
            Entity::Hearing => (self.hearing.uuid == uuid).then_some(&self.hearing.fields),
            Entity::Party => self
                .parties
                .iter()
                .find(|r| r.uuid == uuid)
                .map(|r| &r.fields),
            Entity::HearingParty => self
                .hearing_parties
                .iter()
                .find(|r| r.uuid == uuid)
                .map(|r| &r.fields),
            Entity::Charge => self
                .charges
                .iter()
                .find(|r| r.uuid == uuid)
                .map(|r| &r.fields),
            Entity::Allegation => self
                .allegations
                .iter()
                .find(|r| r.uuid == uuid)
                .map(|r| &r.fields),
            Entity::Followup => self
                .followups
                .iter()
                .find(|r| r.uuid == uuid)
                .map(|r| &r.fields),
            Entity::Consent => self
                .consents
                .iter()
                .find(|r| r.uuid == uuid)
                .map(|r| &r.fields),
        }
    }

    pub(crate) fn fields_of_mut(&mut self, entity: Entity, uuid: Uuid) -> Option<&mut Fields> {
        match entity {
            Entity::Case => (self.case.uuid == uuid).then_some(&mut self.case.fields),
            Entity::Hearing => (self.hearing.uuid == uuid).then_some(&mut self.hearing.fields),
            Entity::Party => self
                .parties
                .iter_mut()
                .find(|r| r.uuid == uuid)
                .map(|r| &mut r.fields),
            Entity::HearingParty => self
                .hearing_parties
                .iter_mut()
                .find(|r| r.uuid == uuid)
                .map(|r| &mut r.fields),
            Entity::Charge => self
                .charges
                .iter_mut()
                .find(|r| r.uuid == uuid)
                .map(|r| &mut r.fields),
            Entity::Allegation => self
                .allegations
                .iter_mut()
                .find(|r| r.uuid == uuid)
                .map(|r| &mut r.fields),
            Entity::Followup => self
                .followups
                .iter_mut()
                .find(|r| r.uuid == uuid)
                .map(|r| &mut r.fields),
            Entity::Consent => self
                .consents
                .iter_mut()
                .find(|r| r.uuid == uuid)
                .map(|r| &mut r.fields),
        }
    }

    /// The records above a record, nearest first: where `when` conditions look up fields that
    /// the record itself lacks (a hearing party's party, then the hearing and the case).
    pub(crate) fn context_of<'a>(&'a self, entity: Entity, uuid: Uuid) -> Vec<&'a Fields> {
        let mut out: Vec<&'a Fields> = Vec::new();
        let (hearing, case) = (&self.hearing.fields, &self.case.fields);
        let hearing_and_case = |out: &mut Vec<&'a Fields>| {
            out.push(hearing);
            out.push(case);
        };
        if let Some(own) = self.fields_of(entity, uuid) {
            out.push(own);
        }
        match entity {
            Entity::Case => {}
            Entity::Hearing => out.push(&self.case.fields),
            Entity::Party | Entity::Allegation | Entity::Followup => hearing_and_case(&mut out),
            Entity::HearingParty => {
                if let Some(p) = self
                    .hearing_parties
                    .iter()
                    .find(|r| r.uuid == uuid)
                    .and_then(|hp| self.party(hp.party_uuid))
                {
                    out.push(&p.fields);
                }
                hearing_and_case(&mut out);
            }
            Entity::Charge | Entity::Consent => {
                let party = match entity {
                    Entity::Charge => self
                        .charges
                        .iter()
                        .find(|r| r.uuid == uuid)
                        .map(|c| c.party_uuid),
                    _ => self
                        .consents
                        .iter()
                        .find(|r| r.uuid == uuid)
                        .map(|c| c.party_uuid),
                };
                if let Some(p) = party.and_then(|p| self.party(p)) {
                    out.push(&p.fields);
                }
                hearing_and_case(&mut out);
            }
        }
        out
    }

    /// Puts every list into a canonical order, so equal content compares and hashes equal.
    pub fn normalise(&mut self) {
        self.parties.sort_by_key(|p| p.uuid);
        self.hearing_parties.sort_by_key(|p| p.uuid);
        self.charges.sort_by_key(|p| p.uuid);
        self.answers
            .sort_by(|a, b| (&a.item_code, a.party_uuid).cmp(&(&b.item_code, b.party_uuid)));
        self.allegations.sort_by_key(|p| p.uuid);
        self.followups.sort_by_key(|p| p.uuid);
        self.timeline
            .sort_by(|a, b| (&a.at, a.uuid).cmp(&(&b.at, b.uuid)));
        self.consents.sort_by_key(|p| p.uuid);
        self.audit
            .sort_by(|a, b| (&a.at, a.uuid).cmp(&(&b.at, b.uuid)));
    }
}

/// The state of a hearing after an edit, decided by [`version_after_edit`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VersionStep {
    pub version: u32,
    pub parent_hash: String,
    pub ancestors: Vec<String>,
    /// Whether this edit is to be audited (the record is final).
    pub audited: bool,
}

/// The version chain rule: editing a sealed final version starts a new version whose parent is
/// the sealed content; further edits before the next seal stay in that version. Drafts are not
/// versioned.
pub(crate) fn version_after_edit(h: &Hearing) -> VersionStep {
    if !h.status.is_final() {
        return VersionStep {
            version: h.version,
            parent_hash: h.parent_hash.clone(),
            ancestors: h.ancestors.clone(),
            audited: false,
        };
    }
    if h.sealed {
        let mut ancestors = h.ancestors.clone();
        ancestors.push(h.content_hash.clone());
        VersionStep {
            version: h.version + 1,
            parent_hash: h.content_hash.clone(),
            ancestors,
            audited: true,
        }
    } else {
        VersionStep {
            version: h.version,
            parent_hash: h.parent_hash.clone(),
            ancestors: h.ancestors.clone(),
            audited: true,
        }
    }
}

/// How two versions of one hearing relate, which decides what merge does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Lineage {
    Identical,
    /// The incoming version descends from the local one: take it.
    IncomingNewer,
    /// The local version descends from the incoming one: keep local.
    LocalNewer,
    /// Neither descends from the other: keep both for a lead to resolve.
    Diverged,
}

/// Compares two versions by their hashes and ancestor chains.
pub(crate) fn lineage(
    local_hash: &str,
    local_ancestors: &[String],
    incoming_hash: &str,
    incoming_ancestors: &[String],
) -> Lineage {
    if local_hash == incoming_hash {
        Lineage::Identical
    } else if incoming_ancestors.iter().any(|a| a == local_hash) {
        Lineage::IncomingNewer
    } else if local_ancestors.iter().any(|a| a == incoming_hash) {
        Lineage::LocalNewer
    } else {
        Lineage::Diverged
    }
}

#[cfg(test)]
mod tests;
