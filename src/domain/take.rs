//! Resolving a conflict field by field: the local version with, for the values a lead chose,
//! the incoming version's value. Only values both versions address the same way can be
//! taken: a field of a record present in both under the same id, or a checklist answer both
//! have for the same item and person.

use std::fmt;

use uuid::Uuid;

use super::{Entity, HearingRecord};

/// One value a lead takes from the incoming version.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Take {
    /// A field of the case, the hearing or a row under them (by the row's id).
    Field {
        entity: Entity,
        record: Uuid,
        field: String,
    },
    /// A checklist answer (its answer and comment), by item and person.
    Answer { item: String, party: Option<Uuid> },
}

impl fmt::Display for Take {
    /// `entity.field` for the case and the hearing, `entity:ID.field` for rows under them,
    /// `answer:ITEM` (`answer:ITEM:PARTY`) for checklist answers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Take::Field {
                entity: e @ (Entity::Case | Entity::Hearing),
                field,
                ..
            } => write!(f, "{e}.{field}"),
            Take::Field {
                entity,
                record,
                field,
            } => write!(f, "{entity}:{record}.{field}"),
            Take::Answer {
                item,
                party: Some(p),
            } => write!(f, "answer:{item}:{p}"),
            Take::Answer { item, party: None } => write!(f, "answer:{item}"),
        }
    }
}

impl Take {
    /// Reads the notation of [`Take`]'s `Display`; `record` gives the ids of the case and the
    /// hearing, which that notation leaves out. `None` when the text is not of that form.
    pub fn parse(text: &str, record: &HearingRecord) -> Option<Take> {
        let text = text.trim();
        if let Some(rest) = text.strip_prefix("answer:") {
            let (item, party) = match rest.split_once(':') {
                Some((item, party)) => (item, Some(Uuid::parse_str(party).ok()?)),
                None => (rest, None),
            };
            return (!item.is_empty()).then(|| Take::Answer {
                item: item.to_owned(),
                party,
            });
        }
        let (head, field) = text.rsplit_once('.')?;
        let (entity, record) = match head.split_once(':') {
            Some((entity, id)) => (Entity::parse(entity)?, Uuid::parse_str(id).ok()?),
            None => match Entity::parse(head)? {
                Entity::Case => (Entity::Case, record.case.uuid),
                Entity::Hearing => (Entity::Hearing, record.hearing.uuid),
                _ => return None,
            },
        };
        (!field.is_empty()).then(|| Take::Field {
            entity,
            record,
            field: field.to_owned(),
        })
    }
}

/// The values that differ between two versions and can be taken on their own, in the order
/// of the records: the case's and the hearing's fields, fields of rows both have under the
/// same id, and answers both have.
pub fn differing(local: &HearingRecord, incoming: &HearingRecord) -> Vec<Take> {
    let mut out = Vec::new();
    let mut fields = |entity: Entity, record: Uuid| {
        let (Some(a), Some(b)) = (
            local.fields_of(entity, record),
            incoming.fields_of(entity, record),
        ) else {
            return;
        };
        let mut ids: Vec<&String> = a.keys().chain(b.keys()).collect();
        ids.sort();
        ids.dedup();
        for id in ids {
            if a.get(id) != b.get(id) {
                out.push(Take::Field {
                    entity,
                    record,
                    field: id.clone(),
                });
            }
        }
    };
    fields(Entity::Case, local.case.uuid);
    fields(Entity::Hearing, local.hearing.uuid);
    let rows = [
        (
            Entity::Party,
            local.parties.iter().map(|r| r.uuid).collect::<Vec<_>>(),
        ),
        (
            Entity::HearingParty,
            local.hearing_parties.iter().map(|r| r.uuid).collect(),
        ),
        (
            Entity::Charge,
            local.charges.iter().map(|r| r.uuid).collect(),
        ),
        (
            Entity::Consent,
            local.consents.iter().map(|r| r.uuid).collect(),
        ),
        (
            Entity::Allegation,
            local.allegations.iter().map(|r| r.uuid).collect(),
        ),
        (
            Entity::Followup,
            local.followups.iter().map(|r| r.uuid).collect(),
        ),
    ];
    for (entity, ids) in rows {
        for id in ids {
            fields(entity, id);
        }
    }
    for a in &local.answers {
        if let Some(b) = incoming
            .answers
            .iter()
            .find(|b| b.item_code == a.item_code && b.party_uuid == a.party_uuid)
            && (a.answer != b.answer || a.comment != b.comment)
        {
            out.push(Take::Answer {
                item: a.item_code.clone(),
                party: a.party_uuid,
            });
        }
    }
    out
}

/// One changed value of a record, as the audit trail records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub entity: &'static str,
    pub record: Uuid,
    pub field: String,
    pub old: String,
    pub new: String,
}

impl HearingRecord {
    /// The values of the case, its people, charges and consents (what every hearing of a
    /// trial shares) that differ in `other`, as changes from this record's value to
    /// `other`'s, for the audit trail of the trial's other hearings.
    pub(crate) fn case_changes(&self, other: &HearingRecord) -> Vec<Change> {
        let mut probe = self.clone();
        differing(self, other)
            .iter()
            .filter(|t| {
                matches!(
                    t,
                    Take::Field {
                        entity: Entity::Case | Entity::Party | Entity::Charge | Entity::Consent,
                        ..
                    }
                )
            })
            .filter_map(|t| probe.take_incoming(other, t))
            .flatten()
            .collect()
    }

    /// Sets one value of this (local) record to the incoming record's value, and returns what
    /// changed (nothing when both are equal). `None` when the two records do not both have
    /// the value's record: such a value cannot be taken on its own.
    pub(crate) fn take_incoming(
        &mut self,
        incoming: &HearingRecord,
        take: &Take,
    ) -> Option<Vec<Change>> {
        match take {
            Take::Field {
                entity,
                record,
                field,
            } => {
                let new = incoming
                    .fields_of(*entity, *record)?
                    .get(field)
                    .cloned()
                    .unwrap_or_default();
                let fields = self.fields_of_mut(*entity, *record)?;
                let old = fields.get(field).cloned().unwrap_or_default();
                if old == new {
                    return Some(Vec::new());
                }
                if new.is_empty() {
                    fields.remove(field);
                } else {
                    fields.insert(field.clone(), new.clone());
                }
                Some(vec![Change {
                    entity: entity.name(),
                    record: *record,
                    field: field.clone(),
                    old,
                    new,
                }])
            }
            Take::Answer { item, party } => {
                let theirs = incoming
                    .answers
                    .iter()
                    .find(|a| a.item_code == *item && a.party_uuid == *party)?;
                let mine = self
                    .answers
                    .iter_mut()
                    .find(|a| a.item_code == *item && a.party_uuid == *party)?;
                let mut changes = Vec::new();
                for (field, old, new) in [
                    ("answer", &mut mine.answer, &theirs.answer),
                    ("comment", &mut mine.comment, &theirs.comment),
                ] {
                    if old != new {
                        changes.push(Change {
                            entity: "checklist_answer",
                            record: mine.uuid,
                            field: field.into(),
                            old: std::mem::replace(old, new.clone()),
                            new: new.clone(),
                        });
                    }
                }
                Some(changes)
            }
        }
    }
}
