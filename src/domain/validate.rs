//! What finalising requires, and which fields and checklist items apply to a record.

use serde::Serialize;
use uuid::Uuid;

use super::{Change, Entity, Fields, HearingRecord};
use crate::spec::{ChecklistGroup, ChecklistItem, FieldKind, Spec};

/// One reason a hearing cannot be finalised yet, pointing at the field to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub entity: Entity,
    /// The record holding the field (for checklist answers: the hearing).
    pub record: Uuid,
    /// A field id, or a checklist item code.
    pub field: String,
    /// For per-defendant checklist items: the defendant.
    pub party: Option<Uuid>,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// A required field is empty.
    Required,
    /// A `no` or `partly` answer has no comment.
    CommentRequired,
    /// The value does not fit the field (bad date, time, number or code).
    Invalid,
    /// A field holds a value although its condition does not hold (a closure ground on a
    /// public hearing): the value answers a question the record does not ask.
    NotApplicable,
}

/// Looks a field up in the record's own fields, then in the records above it.
fn lookup<'a>(layers: &'a [&'a Fields]) -> impl Fn(&str) -> Option<&'a str> {
    move |id| layers.iter().find_map(|f| f.get(id)).map(String::as_str)
}

/// Everything that stops `r` from being finalised; empty when it can be.
pub fn finalise_problems(spec: &Spec, r: &HearingRecord) -> Vec<Problem> {
    problems(spec, r, true)
}

/// [`finalise_problems`] for a record whose every value was checked against its field as it
/// was read (the batch reader keeps only values that fit, and reports the others at their
/// cells): values are not checked again, so no [`ProblemKind::Invalid`] is reported. Checking
/// every code again cost the batch reader a twentieth of its time.
pub fn finalise_problems_of_checked(spec: &Spec, r: &HearingRecord) -> Vec<Problem> {
    problems(spec, r, false)
}

fn problems(spec: &Spec, r: &HearingRecord, check_values: bool) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut check = |entity: Entity, uuid: Uuid, layers: &[&Fields]| {
        let Some(form) = spec.form(entity.name()) else {
            return;
        };
        let value_of = lookup(layers);
        for field in form.fields() {
            let value = layers[0]
                .get(&field.id)
                .map(|s| s.trim())
                .filter(|s| !s.is_empty());
            let applies = spec.relevant(field.when.as_ref(), &value_of);
            let kind = match (applies, value) {
                (false, Some(_)) => Some(ProblemKind::NotApplicable),
                (true, None) if field.required => Some(ProblemKind::Required),
                (true, Some(v))
                    if check_values
                        && !value_fits(spec, field.kind(), field.list.as_deref(), v) =>
                {
                    Some(ProblemKind::Invalid)
                }
                _ => None,
            };
            if let Some(kind) = kind {
                out.push(Problem {
                    entity,
                    record: uuid,
                    field: field.id.clone(),
                    party: None,
                    kind,
                });
            }
        }
    };
    check(Entity::Case, r.case.uuid, &[&r.case.fields]);
    check(
        Entity::Hearing,
        r.hearing.uuid,
        &[&r.hearing.fields, &r.case.fields],
    );
    for p in &r.parties {
        check(Entity::Party, p.uuid, &[&p.fields, &r.case.fields]);
    }
    for hp in &r.hearing_parties {
        let party = r.party(hp.party_uuid).map(|p| &p.fields);
        let empty = Fields::new();
        check(
            Entity::HearingParty,
            hp.uuid,
            &[&hp.fields, party.unwrap_or(&empty), &r.hearing.fields],
        );
    }
    for c in &r.charges {
        check(Entity::Charge, c.uuid, &[&c.fields]);
    }
    for a in &r.allegations {
        check(
            Entity::Allegation,
            a.uuid,
            &[&a.fields, &r.hearing.fields, &r.case.fields],
        );
    }
    for f in &r.followups {
        check(Entity::Followup, f.uuid, &[&f.fields]);
    }
    for c in &r.consents {
        check(Entity::Consent, c.uuid, &[&c.fields]);
    }
    for a in &r.answers {
        if matches!(a.answer.as_str(), "no" | "partly") && a.comment.trim().is_empty() {
            out.push(Problem {
                entity: Entity::Hearing,
                record: r.hearing.uuid,
                field: a.item_code.clone(),
                party: a.party_uuid,
                kind: ProblemKind::CommentRequired,
            });
        }
    }
    out
}

/// Removes every value `r` holds in a field whose condition does not hold (a closure ground
/// on a public hearing), and those that stop applying in turn; returns each removal as a
/// change from the old value to nothing, for the audit trail.
pub fn clear_not_applicable(spec: &Spec, r: &mut HearingRecord) -> Vec<Change> {
    let mut changes = Vec::new();
    loop {
        let stale: Vec<Problem> = finalise_problems(spec, r)
            .into_iter()
            .filter(|p| p.kind == ProblemKind::NotApplicable)
            .collect();
        if stale.is_empty() {
            return changes;
        }
        for p in stale {
            let Some(old) = r
                .fields_of_mut(p.entity, p.record)
                .and_then(|f| f.remove(&p.field))
            else {
                // Not a field this record holds: nothing to remove, and asking again would
                // not end.
                return changes;
            };
            changes.push(Change {
                entity: p.entity.name(),
                record: p.record,
                field: p.field,
                old,
                new: String::new(),
            });
        }
    }
}

/// Whether a non-empty value is valid for a field of this kind.
pub fn value_fits(spec: &Spec, kind: FieldKind, list: Option<&str>, v: &str) -> bool {
    match kind {
        FieldKind::Text | FieldKind::LongText => true,
        FieldKind::Date => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok(),
        FieldKind::Time => chrono::NaiveTime::parse_from_str(v, "%H:%M").is_ok(),
        FieldKind::Number => v.parse::<f64>().is_ok_and(f64::is_finite),
        FieldKind::Choice => list.is_some_and(|l| spec.code_exists(l, v)),
        FieldKind::MultiChoice => {
            list.is_some_and(|l| crate::spec::split_multi(v).all(|c| spec.code_exists(l, c)))
        }
    }
}

/// The checklist items that apply to this hearing (groups and items whose `when` holds against
/// the case and hearing), in checklist order.
pub fn relevant_items<'s>(
    spec: &'s Spec,
    r: &HearingRecord,
) -> Vec<(&'s ChecklistGroup, &'s ChecklistItem)> {
    let layers = [&r.hearing.fields, &r.case.fields];
    let value_of = lookup(&layers);
    spec.checklist
        .items()
        .filter(|(g, i)| {
            spec.relevant(g.when.as_ref(), &value_of) && spec.relevant(i.when.as_ref(), &value_of)
        })
        .collect()
}
