use uuid::Uuid;

use super::*;
use crate::spec::Spec;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn hearing(status: Status, sealed: bool) -> Hearing {
    Hearing {
        uuid: id(1),
        case_uuid: id(2),
        monitor_uuid: id(3),
        status,
        version: 1,
        content_hash: "h1".into(),
        parent_hash: String::new(),
        ancestors: Vec::new(),
        sealed,
        form_versions: String::new(),
        created_at: String::new(),
        updated_at: String::new(),
        fields: Fields::new(),
    }
}

fn record() -> HearingRecord {
    HearingRecord::new(
        Case {
            uuid: id(2),
            fields: Fields::new(),
        },
        hearing(Status::Draft, false),
    )
}

#[test]
fn editing_a_draft_is_not_versioned_or_audited() {
    let step = version_after_edit(&hearing(Status::Draft, false));
    assert_eq!((step.version, step.audited), (1, false));
    assert!(step.ancestors.is_empty());
}

#[test]
fn editing_a_sealed_final_version_starts_a_new_version() {
    let step = version_after_edit(&hearing(Status::Final, true));
    assert_eq!(step.version, 2);
    assert_eq!(step.parent_hash, "h1");
    assert_eq!(step.ancestors, vec!["h1".to_string()]);
    assert!(step.audited);
}

#[test]
fn further_edits_before_the_next_seal_stay_in_the_version() {
    let mut h = hearing(Status::Final, false);
    h.version = 2;
    h.parent_hash = "h1".into();
    h.ancestors = vec!["h1".into()];
    let step = version_after_edit(&h);
    assert_eq!(
        (step.version, step.parent_hash.as_str(), step.audited),
        (2, "h1", true)
    );
}

#[test]
fn lineage_follows_the_ancestor_chains() {
    let chain = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(lineage("a", &[], "a", &[]), Lineage::Identical);
    assert_eq!(
        lineage("a", &[], "b", &chain(&["a"])),
        Lineage::IncomingNewer
    );
    assert_eq!(
        lineage("c", &chain(&["a", "b"]), "b", &chain(&["a"])),
        Lineage::LocalNewer
    );
    assert_eq!(
        lineage("b", &chain(&["a"]), "c", &chain(&["a"])),
        Lineage::Diverged
    );
}

#[test]
fn the_content_hash_ignores_row_order_and_bookkeeping_but_not_content() {
    let mut a = record();
    for n in 0..3 {
        a.timeline.push(Event {
            uuid: id(10 + n),
            hearing_uuid: id(1),
            at: format!("t{n}"),
            code: "note".into(),
            note: String::new(),
        });
    }
    let mut b = a.clone();
    b.timeline.reverse();
    b.hearing.status = Status::Final;
    b.hearing.version = 7;
    b.hearing.updated_at = "later".into();
    assert_eq!(content_hash(&a), content_hash(&b));
    b.timeline[0].note = "changed".into();
    assert_ne!(content_hash(&a), content_hash(&b));
    assert_eq!(content_hash(&a).len(), 64);
}

fn spec() -> Spec {
    Spec::builtin().unwrap_or_else(|p| panic!("built-in spec: {p:?}"))
}

#[test]
fn finalising_requires_the_required_fields() {
    let spec = spec();
    let problems = finalise_problems(&spec, &record());
    let fields: Vec<&str> = problems
        .iter()
        .filter(|p| p.kind == ProblemKind::Required)
        .map(|p| p.field.as_str())
        .collect();
    for f in [
        "court",
        "hearing_date",
        "judge_name",
        "narrative",
        "case_type",
    ] {
        assert!(
            fields.contains(&f),
            "{f} not reported as required: {fields:?}"
        );
    }
}

#[test]
fn fields_that_do_not_apply_are_not_required() {
    let spec = spec();
    let mut r = record();
    r.hearing
        .fields
        .insert("hearing_held".into(), "held".into());
    r.hearing
        .fields
        .insert("public_access".into(), "open".into());
    let required = |r: &HearingRecord| {
        finalise_problems(&spec, r)
            .into_iter()
            .map(|p| p.field)
            .collect::<Vec<_>>()
    };
    assert!(!required(&r).contains(&"closure_ground".to_string()));
    r.hearing
        .fields
        .insert("public_access".into(), "closed_entire".into());
    assert!(required(&r).contains(&"closure_ground".to_string()));
}

#[test]
fn a_no_or_partly_answer_needs_a_comment() {
    let spec = spec();
    let mut r = record();
    let answer = |code: &str, a: &str, c: &str| Answer {
        uuid: Uuid::new_v4(),
        hearing_uuid: id(1),
        item_code: code.into(),
        party_uuid: None,
        answer: a.into(),
        comment: c.into(),
    };
    r.answers = vec![
        answer("PUB-01", "no", ""),
        answer("PUB-02", "partly", "only after questioning"),
        answer("PUB-03", "yes", ""),
    ];
    let missing: Vec<_> = finalise_problems(&spec, &r)
        .into_iter()
        .filter(|p| p.kind == ProblemKind::CommentRequired)
        .collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].field, "PUB-01");
}

#[test]
fn invalid_values_are_reported() {
    let spec = spec();
    let mut r = record();
    r.hearing
        .fields
        .insert("hearing_date".into(), "23.11.2026".into());
    r.hearing
        .fields
        .insert("court".into(), "no_such_court".into());
    let invalid: Vec<String> = finalise_problems(&spec, &r)
        .into_iter()
        .filter(|p| p.kind == ProblemKind::Invalid)
        .map(|p| p.field)
        .collect();
    let mut invalid = invalid;
    invalid.sort();
    assert_eq!(
        invalid,
        vec!["court".to_string(), "hearing_date".to_string()]
    );
}

#[test]
fn juvenile_and_gbv_groups_apply_only_when_tagged() {
    let spec = spec();
    let mut r = record();
    let groups = |r: &HearingRecord| {
        relevant_items(&spec, r)
            .iter()
            .map(|(g, _)| g.id.clone())
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert!(!groups(&r).contains("juveniles"));
    assert!(!groups(&r).contains("gbv"));
    r.case
        .fields
        .insert("case_tags".into(), "drugs|juvenile_defendant".into());
    assert!(groups(&r).contains("juveniles"));
    assert!(!groups(&r).contains("gbv"));
}

fn answer(item: &str, uuid: u128, answer: &str, comment: &str) -> Answer {
    Answer {
        uuid: id(uuid),
        hearing_uuid: id(1),
        item_code: item.into(),
        party_uuid: None,
        answer: answer.into(),
        comment: comment.into(),
    }
}

#[test]
fn taking_incoming_values_changes_only_the_chosen_ones_and_says_what_changed() {
    let mut local = record();
    local
        .hearing
        .fields
        .insert("courtroom".into(), "lead".into());
    local.hearing.fields.insert("judge_name".into(), "A".into());
    local.answers.push(answer("q1", 10, "yes", ""));
    let mut incoming = record();
    incoming
        .hearing
        .fields
        .insert("judge_name".into(), "B".into());
    // The incoming answer has its own id: answers are matched by item and person.
    incoming.answers.push(answer("q1", 11, "no", "late"));

    let courtroom = Take::Field {
        entity: Entity::Hearing,
        record: id(1),
        field: "courtroom".into(),
    };
    let changes = local
        .take_incoming(&incoming, &courtroom)
        .expect("both have it");
    assert_eq!(changes.len(), 1);
    assert_eq!(
        (changes[0].old.as_str(), changes[0].new.as_str()),
        ("lead", "")
    );
    assert!(!local.hearing.fields.contains_key("courtroom"), "cleared");
    assert_eq!(
        local.hearing.fields.get("judge_name").map(String::as_str),
        Some("A")
    );
    assert_eq!(
        local.take_incoming(&incoming, &courtroom),
        Some(Vec::new()),
        "taking it again changes nothing"
    );

    let q1 = Take::Answer {
        item: "q1".into(),
        party: None,
    };
    let changes = local.take_incoming(&incoming, &q1).expect("both answered");
    let fields: Vec<_> = changes
        .iter()
        .map(|c| (c.entity, c.record, c.field.as_str(), c.new.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("checklist_answer", id(10), "answer", "no"),
            ("checklist_answer", id(10), "comment", "late")
        ]
    );
    assert_eq!(
        local.answers[0].uuid,
        id(10),
        "the local answer keeps its id"
    );

    let missing = Take::Field {
        entity: Entity::Party,
        record: id(99),
        field: "display_code".into(),
    };
    assert_eq!(local.take_incoming(&incoming, &missing), None);
    assert_eq!(
        missing.to_string(),
        format!("party:{}.display_code", id(99))
    );
    assert_eq!(courtroom.to_string(), "hearing.courtroom");
}

#[test]
fn a_take_reads_back_from_its_name_and_differing_lists_what_differs() {
    let mut local = record();
    local.hearing.fields.insert("courtroom".into(), "5".into());
    local.hearing.fields.insert("judge_name".into(), "A".into());
    local.answers.push(answer("q1", 10, "yes", ""));
    local.answers.push(answer("q2", 12, "no", ""));
    let mut incoming = record();
    incoming
        .hearing
        .fields
        .insert("judge_name".into(), "A".into());
    incoming
        .case
        .fields
        .insert("court_case_number".into(), "1".into());
    incoming.answers.push(answer("q1", 11, "yes", "late"));
    incoming.answers.push(answer("q2", 13, "no", ""));
    let d = differing(&local, &incoming);
    let names: Vec<String> = d.iter().map(Take::to_string).collect();
    assert_eq!(
        names,
        ["case.court_case_number", "hearing.courtroom", "answer:q1"]
    );
    for (t, name) in d.iter().zip(&names) {
        assert_eq!(Take::parse(name, &local).as_ref(), Some(t), "{name}");
    }
    let row = format!("charge:{}.article", id(5));
    assert_eq!(
        Take::parse(&row, &local),
        Some(Take::Field {
            entity: Entity::Charge,
            record: id(5),
            field: "article".into()
        })
    );
    for bad in [
        "courtroom",
        "party.display_code",
        "hearing.",
        "answer:",
        "nope.x",
        "answer:q1:x",
    ] {
        assert_eq!(Take::parse(bad, &local), None, "{bad}");
    }
}

#[test]
fn a_value_where_its_field_does_not_apply_is_refused() {
    let spec = spec();
    let mut r = record();
    r.hearing
        .fields
        .insert("hearing_held".into(), "held".into());
    r.hearing
        .fields
        .insert("public_access".into(), "open".into());
    r.hearing
        .fields
        .insert("closure_ground".into(), "state_secret".into());
    let stale: Vec<String> = finalise_problems(&spec, &r)
        .into_iter()
        .filter(|p| p.kind == ProblemKind::NotApplicable)
        .map(|p| p.field)
        .collect();
    assert_eq!(stale, ["closure_ground"]);
    r.hearing
        .fields
        .insert("public_access".into(), "closed_entire".into());
    assert!(
        finalise_problems(&spec, &r)
            .iter()
            .all(|p| p.kind != ProblemKind::NotApplicable),
        "a closed hearing may give its ground"
    );
}

#[test]
fn the_checks_of_finalising_for_checked_values_leave_values_alone_and_nothing_else() {
    let spec = spec();
    let mut r = record();
    r.hearing
        .fields
        .insert("hearing_held".into(), "held".into());
    r.hearing
        .fields
        .insert("public_access".into(), "no_such_code".into());
    r.hearing
        .fields
        .insert("closure_ground".into(), "state_secret".into());
    let all = finalise_problems(&spec, &r);
    assert!(all.iter().any(|p| p.kind == ProblemKind::Invalid));
    let without: Vec<_> = all
        .into_iter()
        .filter(|p| p.kind != ProblemKind::Invalid)
        .collect();
    assert!(!without.is_empty());
    assert_eq!(finalise_problems_of_checked(&spec, &r), without);
}
