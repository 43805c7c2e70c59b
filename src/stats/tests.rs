//! Statistics on small databases whose every figure is worked out by hand.

use std::sync::Arc;

use uuid::Uuid;

use super::*;
use crate::clock::Sources;
use crate::domain::{
    Allegation, Answer, Case, Charge, Entity, Fields, Followup, Hearing, HearingParty,
    HearingRecord, Monitor, Party, Status,
};
use crate::spec::{Lang, Spec};
use crate::store::{Filter, OpenMode};

/// A raw SQLCipher key (`x'…'`): taken as the key itself, without the passphrase derivation
/// these tests do not test.
const PASS: &str = "x'5A3C0F17E2B94D6A8C1E7F0B2D4A6C8E9F1B3D5A7C9E0F2A4B6C8D0E1F3A5B7C'";
const SINO: &str = "dushanbe_sino";
const KHUJAND: &str = "sughd_khujand_city";

fn spec() -> Arc<Spec> {
    Arc::new(Spec::builtin().unwrap_or_else(|p| panic!("built-in spec: {p:?}")))
}

fn fields(kv: &[(&str, &str)]) -> Fields {
    kv.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// A database in a temporary directory, and ids for the records written to it.
struct Db {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    store: Store,
    next: u128,
    me: Monitor,
}

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("stats.db");
        let mut store = Store::open(&path, PASS, OpenMode::Create, spec(), Sources::fixed())
            .expect("create database");
        let me = store
            .create_profile("M07", "Test Monitor", "Org")
            .expect("profile");
        Db {
            _dir: dir,
            path,
            store,
            next: 0x1000,
            me,
        }
    }

    fn id(&mut self) -> Uuid {
        self.next += 1;
        Uuid::from_u128(self.next)
    }

    fn monitor(&mut self, code: &str) -> Monitor {
        let m = Monitor {
            uuid: self.id(),
            code: code.into(),
            name: format!("Monitor {code}"),
            org: "Org".into(),
        };
        self.store.upsert_monitor(&m).expect("monitor");
        m
    }

    /// A hearing of a new case.
    fn case(&mut self, case: &[(&str, &str)], hearing: &[(&str, &str)]) -> Rec {
        let case = Case {
            uuid: self.id(),
            fields: fields(case),
        };
        self.hearing_of(&case, &[], hearing)
    }

    /// Another hearing of the case of `earlier`, with the same parties.
    fn next_hearing(&mut self, earlier: &Rec, hearing: &[(&str, &str)]) -> Rec {
        self.hearing_of(&earlier.0.case, &earlier.0.parties, hearing)
    }

    fn hearing_of(&mut self, case: &Case, parties: &[Party], hearing: &[(&str, &str)]) -> Rec {
        let uuid = self.id();
        Rec(HearingRecord {
            parties: parties.to_vec(),
            ..HearingRecord::new(
                case.clone(),
                Hearing {
                    uuid,
                    case_uuid: case.uuid,
                    monitor_uuid: self.me.uuid,
                    status: Status::Final,
                    version: 1,
                    content_hash: String::new(),
                    parent_hash: String::new(),
                    ancestors: Vec::new(),
                    sealed: true,
                    form_versions: String::new(),
                    created_at: "2025-01-01T10:00:00+05:00".into(),
                    updated_at: "2025-01-01T10:00:00+05:00".into(),
                    fields: fields(hearing),
                },
            )
        })
    }

    fn write(&self, records: &[&Rec]) {
        let tx = self.store.begin().expect("transaction");
        for r in records {
            self.store.write_record(&tx, &r.0).expect("write record");
        }
        tx.commit().expect("commit");
    }

    fn stats(&self, filter: &Filter) -> Stats {
        compute(&self.store, filter, Settings::default()).expect("statistics")
    }
}

/// A hearing record being put together.
struct Rec(HearingRecord);

impl Rec {
    /// A new person of the case, with their situation at this hearing.
    fn person(&mut self, db: &mut Db, party: &[(&str, &str)], here: &[(&str, &str)]) -> Uuid {
        let uuid = db.id();
        self.0.parties.push(Party {
            uuid,
            case_uuid: self.0.case.uuid,
            fields: fields(party),
        });
        self.appear(db, uuid, here);
        uuid
    }

    /// An existing person of the case at this hearing.
    fn appear(&mut self, db: &mut Db, party: Uuid, here: &[(&str, &str)]) {
        self.0.hearing_parties.push(HearingParty {
            uuid: db.id(),
            hearing_uuid: self.0.hearing.uuid,
            party_uuid: party,
            fields: fields(here),
        });
    }

    fn answer(&mut self, db: &mut Db, item: &str, party: Option<Uuid>, answer: &str) {
        let comment = if matches!(answer, "no" | "partly") {
            "why"
        } else {
            ""
        };
        self.0.answers.push(Answer {
            uuid: db.id(),
            hearing_uuid: self.0.hearing.uuid,
            item_code: item.into(),
            party_uuid: party,
            answer: answer.into(),
            comment: comment.into(),
        });
    }

    fn allegation(&mut self, db: &mut Db, party: Uuid, f: &[(&str, &str)]) -> Uuid {
        let uuid = db.id();
        self.0.allegations.push(Allegation {
            uuid,
            hearing_uuid: self.0.hearing.uuid,
            party_uuid: Some(party),
            fields: fields(f),
        });
        uuid
    }

    fn followup(&mut self, db: &mut Db, allegation: Uuid, action: &str) {
        self.0.followups.push(Followup {
            uuid: db.id(),
            allegation_uuid: allegation,
            fields: fields(&[("followup_date", "2025-06-01"), ("followup_action", action)]),
        });
    }

    fn charge(&mut self, db: &mut Db, party: Uuid, article: &str) {
        self.0.charges.push(Charge {
            uuid: db.id(),
            party_uuid: party,
            fields: fields(&[("legal_code", "criminal_code"), ("article", article)]),
        });
    }

    fn status(mut self, s: Status) -> Rec {
        self.0.hearing.status = s;
        self
    }

    fn by(mut self, m: &Monitor) -> Rec {
        self.0.hearing.monitor_uuid = m.uuid;
        self
    }
}

/// Six hearings of three cases in two courts, worked through by hand in the comments of
/// `every_figure_of_a_hand_counted_database`.
fn sample() -> Db {
    let mut db = Db::new();
    let other = db.monitor("M90");

    // Case K1, Sino district court (Dushanbe), judge A.
    let k1 = [
        ("case_type", "criminal"),
        ("case_tags", "torture_or_ill_treatment_alleged"),
    ];
    let mut h1 = db.case(
        &k1,
        &[
            ("court", SINO),
            ("judge_name", "Judge A"),
            ("hearing_date", "2025-03-10"),
            ("hearing_held", "held"),
            ("scheduled_start_time", "09:00"),
            ("actual_start_time", "09:45"),
            ("location", "courtroom"),
            ("public_access", "open"),
            ("monitor_access", "no_issue"),
            ("relatives_denied", "no"),
            ("session_outcome", "evidence_examined"),
            ("entered_after_hearing", "no"),
            ("narrative", "Подсудимый заявил о пытках."),
        ],
    );
    let d1 = h1.person(
        &mut db,
        &[
            ("role", "defendant"),
            ("display_code", "D1"),
            ("sex", "m"),
            ("age", "30"),
        ],
        &[
            ("attendance", "present_in_person"),
            ("courtroom_position", "metal_cage"),
            ("restraints", "handcuffed"),
            ("prison_clothing", "no"),
            ("counsel_type", "state_appointed"),
            ("counsel_present", "yes"),
            ("mandatory_defence", "yes"),
            ("interpretation_needed", "needed_not_provided"),
        ],
    );
    let d2 = h1.person(
        &mut db,
        &[
            ("role", "defendant"),
            ("display_code", "D2"),
            ("sex", "f"),
            ("age", "16"),
            ("is_minor", "yes"),
        ],
        &[
            ("attendance", "present_in_person"),
            ("courtroom_position", "open_dock_bench"),
            ("restraints", "none"),
            ("counsel_type", "none"),
            ("counsel_present", "no"),
            ("mandatory_defence", "yes"),
            ("interpretation_needed", "not_needed"),
        ],
    );
    h1.charge(&mut db, d1, "186");
    let a1 = h1.allegation(
        &mut db,
        d1,
        &[
            ("perpetrator_agency", "scns"),
            ("methods", "beating_punches_kicks|electric_shock"),
            ("purposes", "confession"),
            ("judge_reaction", "ignored"),
            ("exam_ordered", "refused"),
            ("evidence_decision", "admitted_without_examination"),
        ],
    );
    h1.followup(&mut db, a1, "complaint_filed_prosecutor");
    h1.followup(&mut db, a1, "preliminary_check_opened");
    h1.allegation(
        &mut db,
        d2,
        &[
            ("perpetrator_agency", "mia_police"),
            ("methods", "threats_family"),
            ("purposes", "confession|intimidation"),
            (
                "judge_reaction",
                "noted_in_record_only|ordered_medical_exam",
            ),
            ("exam_ordered", "yes"),
            ("evidence_decision", "excluded"),
        ],
    );
    h1.answer(&mut db, "PUB-01", None, "yes");
    h1.answer(&mut db, "PUB-02", None, "no");
    h1.answer(&mut db, "PUB-03", None, "not_applicable");
    h1.answer(&mut db, "INN-01", Some(d1), "no");
    h1.answer(&mut db, "INN-01", Some(d2), "yes");
    h1.answer(&mut db, "DEL-01", None, "not_observed");

    let mut h2 = db
        .next_hearing(
            &h1,
            &[
                ("court", SINO),
                ("judge_name", "Judge A"),
                ("hearing_date", "2025-04-15"),
                ("hearing_held", "held"),
                ("scheduled_start_time", "10:00"),
                ("actual_start_time", "10:10"),
                ("location", "judges_office"),
                ("public_access", "closed_partly"),
                ("closure_decision_reasoned", "no"),
                ("closure_ground", "no_ground_given"),
                ("monitor_access", "pass_or_letter_required|id_recorded"),
                ("session_outcome", "verdict_pronounced"),
                ("verdict", "conviction"),
                ("sentence_type", "imprisonment"),
                ("sentence_years", "7"),
                ("sentence_months", "6"),
                ("verdict_pronounced_publicly", "yes"),
            ],
        )
        .status(Status::Reviewed);
    h2.appear(
        &mut db,
        d1,
        &[
            ("attendance", "present_in_person"),
            ("courtroom_position", "metal_cage"),
            ("restraints", "unknown"),
            ("counsel_type", "retained_private"),
            ("counsel_present", "yes"),
            ("mandatory_defence", "no"),
            ("interpretation_needed", "needed_provided_partial_summary"),
        ],
    );
    // Absent: not a defendant appearance, whatever else is recorded.
    h2.appear(
        &mut db,
        d2,
        &[
            ("attendance", "absent_not_delivered"),
            ("courtroom_position", "metal_cage"),
            ("counsel_present", "no"),
        ],
    );
    h2.allegation(
        &mut db,
        d1,
        &[
            ("perpetrator_agency", "scns"),
            ("methods", "unspecified_beaten_or_pressured"),
            ("purposes", "confession"),
            ("judge_reaction", "not_observed"),
            ("evidence_decision", "unknown"),
        ],
    );
    h2.answer(&mut db, "PUB-01", None, "partly");
    h2.answer(&mut db, "PUB-02", None, "yes");
    h2.answer(&mut db, "INN-01", Some(d1), "no");
    h2.answer(&mut db, "DEL-01", None, "no");

    // Case K2 (domestic violence), Khujand city court, judge B.
    let k2 = [
        ("case_type", "criminal"),
        ("case_tags", "gbv_domestic_violence"),
    ];
    let mut h3 = db
        .case(
            &k2,
            &[
                ("court", KHUJAND),
                ("judge_name", "Judge B"),
                ("hearing_date", "2025-04-20"),
                ("hearing_held", "held"),
                ("scheduled_start_time", "14:00"),
                ("actual_start_time", "13:50"),
                ("location", "courtroom"),
                ("public_access", "closed_entire"),
                ("closure_decision_reasoned", "yes"),
                ("closure_ground", "privacy_intimate_life"),
                ("monitor_access", "no_issue"),
                ("relatives_denied", "yes"),
                ("session_outcome", "preventive_measure_decided"),
                ("preventive_measure_decision", "detention_ordered"),
                ("entered_after_hearing", "yes"),
            ],
        )
        .status(Status::Draft);
    let d3 = h3.person(
        &mut db,
        &[
            ("role", "defendant"),
            ("display_code", "D1"),
            ("sex", "m"),
            ("age", "40"),
        ],
        &[
            ("attendance", "video_link"),
            ("courtroom_position", "not_visible"),
            ("restraints", "none"),
            ("prison_clothing", "yes"),
            ("counsel_type", "ngo_lag_lawyer"),
            ("counsel_present", "yes"),
        ],
    );
    let v1 = h3.person(
        &mut db,
        &[
            ("role", "victim"),
            ("display_code", "V1"),
            ("sex", "f"),
            ("victim_representation", "ngo_lawyer"),
        ],
        &[
            ("attendance", "present_in_person"),
            ("protective_measures", "closed_hearing|screen"),
            ("interpretation_needed", "needed_provided_full"),
        ],
    );
    h3.answer(&mut db, "GBV-05", None, "no");
    h3.answer(&mut db, "GBV-04", None, "partly");

    let mut h4 = db.next_hearing(
        &h3,
        &[
            ("court", KHUJAND),
            ("judge_name", "Judge B"),
            ("hearing_date", "2025-05-05"),
            ("hearing_held", "postponed_before_start"),
            (
                "postponement_reason",
                "defendant_not_delivered|no_reason_announced",
            ),
            ("scheduled_start_time", "09:00"),
            ("monitor_access", "no_issue"),
        ],
    );
    h4.appear(&mut db, d3, &[("attendance", "absent_not_delivered")]);
    // Not counted: the hearing did not take place.
    h4.appear(
        &mut db,
        v1,
        &[
            ("attendance", "present_in_person"),
            ("protective_measures", "none"),
        ],
    );

    // Case K3, Khujand city court, judge B, recorded by the other monitor.
    let mut h5 = db
        .case(
            &[("case_type", "criminal")],
            &[
                ("court", KHUJAND),
                ("judge_name", "Judge B"),
                ("hearing_date", "2025-05-20"),
                ("hearing_held", "adjourned_after_start"),
                ("postponement_reason", "illness_of_participant"),
                ("scheduled_start_time", "11:00"),
                ("actual_start_time", "12:00"),
                ("location", "sizo_premises"),
                ("public_access", "open_but_restricted"),
                ("monitor_access", "no_issue"),
                ("session_outcome", "procedural_only"),
            ],
        )
        .by(&other);
    let d5 = h5.person(
        &mut db,
        &[
            ("role", "defendant"),
            ("display_code", "D1"),
            ("sex", "m"),
            ("is_minor", "no"),
        ],
        &[
            ("attendance", "present_in_person"),
            ("courtroom_position", "beside_counsel"),
            ("restraints", "shackled"),
            ("counsel_type", "state_legal_aid_center"),
            ("counsel_present", "yes"),
        ],
    );
    h5.charge(&mut db, d5, "143-1");
    h5.answer(&mut db, "PUB-01", None, "not_observed");
    h5.answer(&mut db, "PUB-02", None, "not_applicable");
    let h6 = db
        .next_hearing(
            &h5,
            &[
                ("court", KHUJAND),
                ("judge_name", "Judge B"),
                ("hearing_date", "2025-06-02"),
                ("hearing_held", "cancelled"),
            ],
        )
        .by(&other);

    db.write(&[&h1, &h2, &h3, &h4, &h5, &h6]);
    db
}

/// Checks a figure's numerator and denominator.
#[track_caller]
fn check(s: &Stats, id: &str, num: u64, den: Option<u64>) {
    let f = s.figure(id).unwrap_or_else(|| panic!("no figure {id}"));
    assert_eq!(
        (f.numerator, f.denominator),
        (num, den),
        "{id}: numerator and denominator"
    );
    if f.kind == Kind::Share {
        let expected = den.filter(|d| *d > 0).map(|d| num as f64 / d as f64);
        assert_eq!(f.share, expected, "{id}: share");
    }
}

/// Checks one row of a figure's breakdown.
#[track_caller]
fn row(s: &Stats, id: &str, by: By, key: &str, num: u64, den: Option<u64>) {
    let f = s.figure(id).unwrap_or_else(|| panic!("no figure {id}"));
    let b = f
        .breakdown(by)
        .unwrap_or_else(|| panic!("{id} has no breakdown by {by:?}"));
    let r = b
        .row(key)
        .unwrap_or_else(|| panic!("{id} by {by:?} has no row {key}: {:?}", b.rows));
    assert_eq!(
        (r.numerator, r.denominator),
        (num, den),
        "{id} by {by:?}, {key}"
    );
}

/// The codes of a breakdown with a non-zero count, with their counts.
fn nonzero(s: &Stats, id: &str, by: By) -> Vec<(String, u64)> {
    s.figure(id)
        .and_then(|f| f.breakdown(by))
        .map(|b| {
            b.rows
                .iter()
                .filter(|r| r.numerator > 0)
                .map(|r| (r.key.clone(), r.numerator))
                .collect()
        })
        .unwrap_or_default()
}

fn pairs(v: &[(&str, u64)]) -> Vec<(String, u64)> {
    v.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect()
}

#[track_caller]
fn value(s: &Stats, id: &str, n: u64, v: Option<f64>) {
    let f = s.figure(id).unwrap_or_else(|| panic!("no figure {id}"));
    assert_eq!(
        (f.numerator, f.value),
        (n, v),
        "{id}: observations and value"
    );
}

#[test]
fn every_figure_of_a_hand_counted_database() {
    let db = sample();
    let s = db.stats(&Filter::default());
    let mut checked: Vec<&str> = Vec::new();
    let mut c = |id: &'static str| checked.push(id);

    // Counts: H1–H6; H1, H2, H3, H5 took place (H5 was adjourned after it started).
    check(&s, "counts.hearings", 6, None);
    c("counts.hearings");
    assert_eq!(
        nonzero(&s, "counts.hearings", By::Code),
        pairs(&[
            ("held", 3),
            ("postponed_before_start", 1),
            ("adjourned_after_start", 1),
            ("cancelled", 1)
        ])
    );
    row(&s, "counts.hearings", By::Court, SINO, 2, None);
    row(&s, "counts.hearings", By::Court, KHUJAND, 4, None);
    row(&s, "counts.hearings", By::Region, "dushanbe", 2, None);
    row(&s, "counts.hearings", By::Region, "sughd", 4, None);
    row(&s, "counts.hearings", By::Month, "2025-04", 2, None);
    row(&s, "counts.hearings", By::Month, "2025-06", 1, None);
    check(&s, "counts.took_place", 4, Some(6));
    c("counts.took_place");
    check(&s, "counts.did_not_take_place", 2, Some(6));
    c("counts.did_not_take_place");
    check(&s, "counts.cases", 3, None);
    c("counts.cases");
    check(&s, "counts.defendants", 4, None);
    c("counts.defendants");
    check(&s, "counts.courts", 2, None);
    c("counts.courts");
    check(&s, "counts.regions", 2, None);
    c("counts.regions");
    check(&s, "counts.judges", 2, None);
    c("counts.judges");
    check(&s, "counts.monitors", 2, None);
    c("counts.monitors");
    row(&s, "counts.monitors", By::Monitor, "M07", 4, None);
    row(&s, "counts.monitors", By::Monitor, "M90", 2, None);

    // Timeliness: delays H1 45, H2 10, H3 0 (early), H5 60 minutes; late beyond 30.
    check(&s, "timeliness.started_late", 2, Some(4));
    c("timeliness.started_late");
    row(
        &s,
        "timeliness.started_late",
        By::Court,
        KHUJAND,
        1,
        Some(2),
    );
    value(&s, "timeliness.median_delay", 4, Some(27.5));
    c("timeliness.median_delay");
    value(&s, "timeliness.max_delay", 4, Some(60.0));
    c("timeliness.max_delay");
    // H4 postponed, H5 adjourned, H6 cancelled; reasons recorded on H4 and H5.
    check(&s, "timeliness.postponed", 3, Some(6));
    c("timeliness.postponed");
    row(
        &s,
        "timeliness.postponed",
        By::Code,
        "defendant_not_delivered",
        1,
        Some(2),
    );
    row(
        &s,
        "timeliness.postponed",
        By::Code,
        "illness_of_participant",
        1,
        Some(2),
    );
    row(
        &s,
        "timeliness.postponed",
        By::Code,
        "prosecutor_absent",
        0,
        Some(2),
    );
    check(&s, "timeliness.hearings_per_case", 6, Some(3));
    value(&s, "timeliness.hearings_per_case", 6, Some(2.0));
    c("timeliness.hearings_per_case");
    // K1: first hearing 2025-03-10, verdict 2025-04-15.
    value(&s, "timeliness.days_to_verdict", 1, Some(36.0));
    c("timeliness.days_to_verdict");

    // Openness: public access recorded at the four hearings that took place.
    check(&s, "openness.closed", 2, Some(4));
    c("openness.closed");
    row(
        &s,
        "openness.closed",
        By::Code,
        "open_but_restricted",
        1,
        Some(4),
    );
    check(&s, "openness.closed_entire", 1, Some(4));
    c("openness.closed_entire");
    check(&s, "openness.closed_partly", 1, Some(4));
    c("openness.closed_partly");
    check(&s, "openness.closure_reasoned", 1, Some(2));
    c("openness.closure_reasoned");
    assert_eq!(
        nonzero(&s, "openness.closure_reasoned", By::Code),
        pairs(&[("privacy_intimate_life", 1), ("no_ground_given", 1)])
    );
    check(&s, "openness.monitor_access_incidents", 1, Some(5));
    c("openness.monitor_access_incidents");
    assert_eq!(
        nonzero(&s, "openness.monitor_access_incidents", By::Code),
        pairs(&[
            ("no_issue", 4),
            ("pass_or_letter_required", 1),
            ("id_recorded", 1)
        ])
    );
    check(&s, "openness.outside_courtroom", 2, Some(4));
    c("openness.outside_courtroom");
    check(&s, "openness.verdict_public", 1, Some(1));
    c("openness.verdict_public");
    check(&s, "openness.relatives_denied", 1, Some(2));
    c("openness.relatives_denied");

    // Presumption of innocence: appearances H1 D1, H1 D2, H2 D1, H3 D1 (video), H5 D1.
    check(&s, "innocence.caged", 2, Some(4));
    c("innocence.caged");
    assert_eq!(
        s.figure("innocence.caged")
            .map(|f| f.excluded("not_visible")),
        Some(1)
    );
    row(&s, "innocence.caged", By::Code, "metal_cage", 2, Some(5));
    row(&s, "innocence.caged", By::Court, SINO, 2, Some(3));
    row(&s, "innocence.caged", By::Region, "sughd", 0, Some(1));
    check(&s, "innocence.restrained", 2, Some(4));
    c("innocence.restrained");
    assert_eq!(
        s.figure("innocence.restrained")
            .map(|f| f.excluded("unknown")),
        Some(1)
    );
    check(&s, "innocence.prison_clothing", 1, Some(2));
    c("innocence.prison_clothing");

    // Defence.
    check(&s, "defence.counsel_present", 4, Some(5));
    c("defence.counsel_present");
    assert_eq!(
        nonzero(&s, "defence.counsel_present", By::Code),
        pairs(&[
            ("retained_private", 1),
            ("state_appointed", 1),
            ("state_legal_aid_center", 1),
            ("ngo_lag_lawyer", 1),
            ("none", 1)
        ])
    );
    check(&s, "defence.counsel_absent", 1, Some(5));
    c("defence.counsel_absent");
    check(&s, "defence.mandatory_defence_gap", 1, Some(2));
    c("defence.mandatory_defence_gap");

    // Language: H1 D1 none, H1 D2 not needed, H2 D1 partial, H3 V1 full.
    check(&s, "language.interpretation_needed", 3, Some(4));
    c("language.interpretation_needed");
    check(&s, "language.interpretation_inadequate", 2, Some(3));
    c("language.interpretation_inadequate");
    check(&s, "language.interpretation_none", 1, Some(3));
    c("language.interpretation_none");
    check(&s, "language.interpretation_partial", 1, Some(3));
    c("language.interpretation_partial");

    // Torture: A1 (D1 at H1), A2 (D2 at H1), A3 (D1 at H2).
    check(&s, "torture.allegations", 3, None);
    c("torture.allegations");
    row(&s, "torture.allegations", By::Court, SINO, 3, None);
    check(&s, "torture.hearings_with_allegation", 2, Some(4));
    c("torture.hearings_with_allegation");
    check(&s, "torture.defendants_alleging", 2, Some(4));
    c("torture.defendants_alleging");
    check(&s, "torture.alleged_by_sex", 3, None);
    c("torture.alleged_by_sex");
    assert_eq!(
        nonzero(&s, "torture.alleged_by_sex", By::Code),
        pairs(&[("f", 1), ("m", 2)])
    );
    check(&s, "torture.alleged_by_minors", 1, Some(3));
    c("torture.alleged_by_minors");
    check(&s, "torture.agency", 3, None);
    c("torture.agency");
    assert_eq!(
        nonzero(&s, "torture.agency", By::Code),
        pairs(&[("mia_police", 1), ("scns", 2)])
    );
    check(&s, "torture.methods", 3, None);
    c("torture.methods");
    assert_eq!(
        nonzero(&s, "torture.methods", By::Code),
        pairs(&[
            ("beating", 1),
            ("electric_shock", 1),
            ("threats", 1),
            ("unspecified_beaten_or_pressured", 1)
        ])
    );
    check(&s, "torture.purposes", 3, None);
    c("torture.purposes");
    assert_eq!(
        nonzero(&s, "torture.purposes", By::Code),
        pairs(&[("confession", 3), ("intimidation", 1)])
    );
    check(&s, "torture.judicial_reaction", 1, Some(2));
    c("torture.judicial_reaction");
    assert_eq!(
        s.figure("torture.judicial_reaction")
            .map(|f| f.excluded("not_observed")),
        Some(1)
    );
    row(
        &s,
        "torture.judicial_reaction",
        By::Code,
        "ignored",
        1,
        Some(3),
    );
    check(&s, "torture.exam_ordered", 1, Some(2));
    c("torture.exam_ordered");
    check(&s, "torture.evidence_excluded", 1, Some(2));
    c("torture.evidence_excluded");
    assert_eq!(
        s.figure("torture.evidence_excluded")
            .map(|f| f.excluded("unknown")),
        Some(1)
    );
    check(&s, "torture.investigation_opened", 1, Some(3));
    c("torture.investigation_opened");
    check(&s, "torture.outcome_chain", 3, None);
    c("torture.outcome_chain");
    assert_eq!(
        nonzero(&s, "torture.outcome_chain", By::Code),
        pairs(&[
            ("complaint_filed_prosecutor", 1),
            ("preliminary_check_opened", 1)
        ])
    );

    // Checklist: not_observed and not_applicable never in a denominator.
    check(&s, "checklist.PUB-01", 1, Some(2));
    let pub01 = s.figure("checklist.PUB-01").expect("PUB-01");
    assert_eq!(
        (
            pub01.excluded("not_observed"),
            pub01.excluded("not_applicable")
        ),
        (1, 0)
    );
    row(&s, "checklist.PUB-01", By::Judge, "Judge A", 1, Some(2));
    row(&s, "checklist.PUB-01", By::Month, "2025-03", 0, Some(1));
    row(&s, "checklist.PUB-01", By::Month, "2025-04", 1, Some(1));
    check(&s, "checklist.PUB-02", 1, Some(2));
    assert_eq!(
        s.figure("checklist.PUB-02")
            .map(|f| f.excluded("not_applicable")),
        Some(1)
    );
    check(&s, "checklist.PUB-03", 0, Some(0));
    assert_eq!(s.figure("checklist.PUB-03").and_then(|f| f.share), None);
    check(&s, "checklist.INN-01", 2, Some(3));
    row(&s, "checklist.INN-01", By::Court, SINO, 2, Some(3));
    check(&s, "checklist.DEL-01", 1, Some(1));
    check(&s, "checklist.GBV-05", 1, Some(1));
    check(&s, "checklist.PRS-01", 0, Some(0));
    let unanswered = s.group("checklist").map(|g| {
        g.figures
            .iter()
            .filter(|f| f.denominator == Some(0))
            .count()
    });
    let items = crate::spec::Spec::builtin()
        .map(|sp| sp.checklist.items().count())
        .unwrap_or(0);
    // Every item has a figure; all but PUB-01, PUB-02, INN-01, DEL-01, GBV-04, GBV-05 have
    // no answer in the denominator.
    assert_eq!(unanswered, Some(items - 6));

    // Outcomes.
    check(&s, "outcomes.verdicts", 1, None);
    c("outcomes.verdicts");
    row(&s, "outcomes.verdicts", By::Code, "conviction", 1, Some(1));
    check(&s, "outcomes.conviction_rate", 1, Some(1));
    c("outcomes.conviction_rate");
    check(&s, "outcomes.sentence_types", 1, None);
    c("outcomes.sentence_types");
    value(&s, "outcomes.median_prison_term", 1, Some(7.5));
    c("outcomes.median_prison_term");
    check(&s, "outcomes.detention_decisions", 1, None);
    c("outcomes.detention_decisions");
    check(&s, "outcomes.detention_ordered", 1, Some(1));
    c("outcomes.detention_ordered");

    // GBV: only H3 (K2) took place.
    check(&s, "gbv.hearings", 1, None);
    c("gbv.hearings");
    check(&s, "gbv.victim_represented", 1, Some(1));
    c("gbv.victim_represented");
    check(&s, "gbv.protective_measures", 1, Some(1));
    c("gbv.protective_measures");
    assert_eq!(
        nonzero(&s, "gbv.protective_measures", By::Code),
        pairs(&[("closed_hearing", 1), ("screen", 1)])
    );
    check(&s, "gbv.pressure_to_reconcile", 1, Some(1));
    c("gbv.pressure_to_reconcile");
    check(&s, "gbv.stereotyping", 1, Some(1));
    c("gbv.stereotyping");
    check(&s, "gbv.closed_for_victim", 1, Some(1));
    c("gbv.closed_for_victim");

    // Data quality: 14 checklist answers, 2 of them not_observed (H1 DEL-01, H5 PUB-01).
    check(&s, "quality.reviewed", 1, Some(6));
    c("quality.reviewed");
    row(&s, "quality.reviewed", By::Code, "draft", 1, Some(6));
    row(&s, "quality.reviewed", By::Code, "final", 4, Some(6));
    check(&s, "quality.entered_after_hearing", 1, Some(2));
    c("quality.entered_after_hearing");
    check(&s, "quality.not_observed", 2, Some(14));
    c("quality.not_observed");
    row(&s, "quality.not_observed", By::Monitor, "M07", 1, Some(12));
    row(&s, "quality.not_observed", By::Monitor, "M90", 1, Some(2));

    // Every figure outside the checklist was checked above; the trial figures are checked by
    // trial_figures_count_each_trial_once_with_hand_computed_answers.
    let unchecked: Vec<&str> = s
        .figures()
        .map(|f| f.id.as_str())
        .filter(|id| {
            !id.starts_with("checklist.") && !id.starts_with("trials.") && !checked.contains(id)
        })
        .collect();
    assert!(
        unchecked.is_empty(),
        "figures without a check: {unchecked:?}"
    );
}

#[test]
fn not_observed_and_not_applicable_are_left_out_of_denominators() {
    let mut db = Db::new();
    let mut h = db.case(
        &[("case_type", "criminal")],
        &[
            ("court", SINO),
            ("hearing_date", "2025-02-03"),
            ("hearing_held", "held"),
        ],
    );
    for (i, answer) in ["yes", "no", "partly", "not_observed", "not_applicable"]
        .iter()
        .enumerate()
    {
        let d = h.person(
            &mut db,
            &[
                ("role", "defendant"),
                ("display_code", &format!("D{}", i + 1)),
            ],
            &[("attendance", "present_in_person")],
        );
        h.answer(&mut db, "INN-03", Some(d), answer);
    }
    db.write(&[&h]);
    let s = db.stats(&Filter::default());
    let f = s.figure("checklist.INN-03").expect("INN-03");
    assert_eq!((f.numerator, f.denominator), (2, Some(3)));
    assert_eq!(f.excluded("not_observed"), 1);
    assert_eq!(f.excluded("not_applicable"), 1);
    assert!(
        f.note
            .is_some_and(|n| n.contains("«not observed» and «not applicable» are left out")),
        "the figure says what it leaves out: {:?}",
        f.note
    );
    // Not observed is still visible where it matters: as a data-quality rate.
    check(&s, "quality.not_observed", 1, Some(5));
}

#[test]
fn filters_narrow_the_figures() {
    let db = sample();
    let by = |f: Filter| db.stats(&f);
    let hearings = |s: &Stats| s.figure("counts.hearings").map(|f| f.numerator);

    let sino = by(Filter {
        court: Some(SINO.into()),
        ..Filter::default()
    });
    assert_eq!(hearings(&sino), Some(2));
    check(&sino, "torture.allegations", 3, None);
    check(&sino, "counts.defendants", 2, None);
    check(&sino, "torture.defendants_alleging", 2, Some(2));
    check(&sino, "checklist.PUB-01", 1, Some(2));
    check(&sino, "gbv.hearings", 0, None);

    let sughd = by(Filter {
        region: Some("sughd".into()),
        ..Filter::default()
    });
    assert_eq!(hearings(&sughd), Some(4));
    check(&sughd, "torture.allegations", 0, None);
    check(&sughd, "innocence.caged", 0, Some(1));

    let other = by(Filter {
        monitor: Some("M90".into()),
        ..Filter::default()
    });
    assert_eq!(hearings(&other), Some(2));
    check(&other, "quality.not_observed", 1, Some(2));

    let gbv = by(Filter {
        tag: Some("gbv_domestic_violence".into()),
        ..Filter::default()
    });
    assert_eq!(hearings(&gbv), Some(2));
    check(&gbv, "gbv.hearings", 1, None);

    let april = by(Filter {
        from: Some("2025-04-01".into()),
        to: Some("2025-04-30".into()),
        ..Filter::default()
    });
    assert_eq!(hearings(&april), Some(2));
    // The first hearing of K1 is outside the period but still dates the case.
    value(&april, "timeliness.days_to_verdict", 1, Some(36.0));

    let judge = by(Filter {
        judge: Some("judge b".into()),
        status: Some(Status::Final),
        ..Filter::default()
    });
    assert_eq!(hearings(&judge), Some(3));

    let search = by(Filter {
        search: Some("пытках".into()),
        ..Filter::default()
    });
    assert_eq!(hearings(&search), Some(1));
    check(&search, "torture.allegations", 2, None);

    // K3's defendant is charged under 143-1: both its hearings, one defendant.
    let article = by(Filter {
        article: Some("143-1".into()),
        ..Filter::default()
    });
    assert_eq!(hearings(&article), Some(2));
    check(&article, "counts.defendants", 1, None);
    check(&article, "checklist.PUB-02", 0, Some(0));

    let none = by(Filter {
        court: Some("gbao_khorog_city".into()),
        ..Filter::default()
    });
    assert_eq!(hearings(&none), Some(0));
    assert!(
        none.figures()
            .all(|f| f.kind != Kind::Share || f.share.is_none()),
        "no share without a denominator"
    );
}

#[test]
fn the_late_threshold_comes_from_the_settings() {
    let db = sample();
    assert_eq!(
        Settings::load(&db.store).map(|s| s.late_after_minutes).ok(),
        Some(DEFAULT_LATE_MINUTES)
    );
    db.store.set_setting(LATE_SETTING, "50").expect("setting");
    let settings = Settings::load(&db.store).expect("settings");
    assert_eq!(settings.late_after_minutes, 50);
    let s = compute(&db.store, &Filter::default(), settings).expect("stats");
    check(&s, "timeliness.started_late", 1, Some(4));
    assert_eq!(s.settings.late_after_minutes, 50);

    db.store
        .set_setting(LATE_SETTING, "half an hour")
        .expect("setting");
    let err = Settings::load(&db.store).map(|_| ()).unwrap_err();
    assert!(err.to_string().contains(LATE_SETTING), "{err}");
}

#[test]
fn an_empty_database_has_figures_without_shares() {
    let db = Db::new();
    let s = db.stats(&Filter::default());
    check(&s, "counts.hearings", 0, None);
    check(&s, "torture.judicial_reaction", 0, Some(0));
    value(&s, "timeliness.median_delay", 0, None);
    check(&s, "trials.monitored", 0, None);
    value(&s, "trials.days_to_verdict", 0, None);
    assert_eq!(s.groups.len(), 12);
}

#[test]
fn statistics_work_on_a_read_only_database() {
    let db = sample();
    let path = db.path.clone();
    let before = db.stats(&Filter::default());
    drop(db.store);
    let ro = Store::open(&path, PASS, OpenMode::ReadOnly, spec(), Sources::fixed())
        .expect("read-only open");
    let after = compute(&ro, &Filter::default(), Settings::default()).expect("stats");
    assert_eq!(before, after);
}

/// Hearing id and its sorted checklist tokens.
type Tokens = Vec<(String, String)>;

/// The tally tokens of every hearing, sorted, and the same computed from the answers.
fn tallies(store: &Store) -> (Tokens, Tokens) {
    let read = |sql: &str| -> Tokens {
        let mut stmt = store.conn().prepare(sql).expect("prepare");
        let mut out: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .map(|r| r.expect("row"))
            .collect();
        for (_, tokens) in &mut out {
            let mut t: Vec<&str> = tokens.split(' ').filter(|t| !t.is_empty()).collect();
            t.sort_unstable();
            *tokens = t.join(" ");
        }
        out.retain(|(_, t)| !t.is_empty());
        out.sort();
        out
    };
    (
        read("SELECT hearing_uuid, answers FROM checklist_tally"),
        read(
            "SELECT hearing_uuid, group_concat(item_code || ':' || CASE answer WHEN 'yes' THEN 'y'
                 WHEN 'no' THEN 'n' WHEN 'partly' THEN 'p' WHEN 'not_observed' THEN 'o'
                 WHEN 'not_applicable' THEN 'x' ELSE '-' END, ' ')
             FROM checklist_answers GROUP BY hearing_uuid",
        ),
    )
}

#[test]
fn the_checklist_tally_follows_every_kind_of_edit() {
    let db = sample();
    let s = &db.store;
    let (tally, answers) = tallies(s);
    assert_eq!(tally, answers);
    assert_eq!(tally.len(), 4);

    // Autosaved answers: new, changed, cleared (a comment alone stays as an unanswered row).
    let h = s.new_hearing().expect("hearing");
    s.set_answer(h, "PUB-01", None, "no", "closed door")
        .expect("answer");
    s.set_answer(h, "PUB-02", None, "yes", "").expect("answer");
    s.set_answer(h, "PUB-01", None, "partly", "half open")
        .expect("change");
    s.set_answer(h, "PUB-02", None, "", "").expect("clear");
    s.set_answer(h, "PUB-03", None, "", "a note only")
        .expect("comment");
    let (tally, answers) = tallies(s);
    assert_eq!(tally, answers);
    let mine: Vec<&(String, String)> = tally.iter().filter(|(u, _)| *u == h.to_string()).collect();
    assert_eq!(
        mine.first().map(|(_, t)| t.as_str()),
        Some("PUB-01:p PUB-03:-")
    );

    // A per-defendant answer goes with its defendant.
    let (party, _) = s.add_party(h, "defendant").expect("party");
    s.set_answer(h, "INN-01", Some(party), "no", "cage")
        .expect("answer");
    s.set_answer(h, "INN-01", None, "no", "cage")
        .expect("answer");
    assert_eq!(tallies(s).0, tallies(s).1);
    s.delete_record(h, Entity::Party, party)
        .expect("delete party");
    let (tally, answers) = tallies(s);
    assert_eq!(tally, answers);
    assert!(
        tally
            .iter()
            .any(|(u, t)| *u == h.to_string() && t == "INN-01:n PUB-01:p PUB-03:-")
    );

    // Rewriting a whole record (merge, demo) and deleting a hearing.
    let record = s.load_hearing(h).expect("load");
    let tx = s.begin().expect("tx");
    s.write_record(&tx, &record).expect("rewrite");
    tx.commit().expect("commit");
    assert_eq!(tallies(s).0, tallies(s).1);
    let mut fewer = record.clone();
    fewer.answers.retain(|a| a.item_code != "PUB-03");
    let mut bulk = s.bulk().expect("bulk");
    bulk.replace(&crate::store::Encoded::new(s.spec(), fewer))
        .expect("replace");
    bulk.commit().expect("commit");
    let (tally, answers) = tallies(s);
    assert_eq!(tally, answers);
    assert!(
        tally
            .iter()
            .any(|(u, t)| *u == h.to_string() && t == "INN-01:n PUB-01:p")
    );
    s.delete_hearing(h).expect("delete");
    let (tally, answers) = tallies(s);
    assert_eq!(tally, answers);
    assert!(!tally.iter().any(|(u, _)| *u == h.to_string()));
}

#[test]
fn every_code_the_figures_name_exists_in_its_list() {
    let spec = spec();
    let missing: Vec<String> = super::codes::ALL
        .iter()
        .flat_map(|(list, codes)| codes.iter().map(move |c| (*list, *c)))
        .filter(|(list, code)| !spec.code_exists(list, code))
        .map(|(list, code)| format!("{list}: {code}"))
        .collect();
    assert!(missing.is_empty(), "codes not in assets/lists: {missing:?}");
    for item in [
        super::codes::ITEM_STEREOTYPING,
        super::codes::ITEM_PRESSURE_TO_RECONCILE,
    ] {
        assert!(
            spec.checklist.item(item).is_some(),
            "no checklist item {item}"
        );
    }
    // GBV figures cover the cases for which the checklist shows group N.
    let gbv = spec
        .checklist
        .groups
        .iter()
        .find(|g| g.id == "gbv")
        .and_then(|g| g.when.clone())
        .expect("the gbv group has a condition");
    assert_eq!(gbv.field, "case_tags");
    assert_eq!(gbv.any_of, super::codes::GBV_TAGS);
    // The tally letters are the answer scale.
    let answers: Vec<&str> = ["y", "n", "p", "o", "x"]
        .iter()
        .filter_map(|l| super::codes::answer_of_letter(l))
        .collect();
    let scale: Vec<&str> = spec
        .list("answer")
        .map(|l| l.codes.iter().map(|c| c.code.as_str()).collect())
        .unwrap_or_default();
    assert_eq!(answers, scale);
}

#[test]
fn the_queries_repeat_the_expressions_migration_0003_indexes() {
    let sql = crate::store::MIGRATIONS
        .iter()
        .find(|(name, _)| *name == "0003_stats.sql")
        .map(|(_, sql)| *sql)
        .expect("migration 0003");
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let index = |name: &str| {
        let start = sql
            .find(&format!("CREATE INDEX {name} "))
            .unwrap_or_else(|| panic!("no index {name}"));
        let len = sql[start..].find(");").unwrap_or(0);
        flat(&sql[start..start + len])
    };
    for (name, fields) in super::collect::testing::PACKED {
        let expr = flat(&crate::store::packed("", fields));
        assert!(
            index(name).contains(&expr),
            "{name} does not index the expression the query reads:\n{expr}"
        );
    }
    // The filter's tag clause reads this expression from cases_stats.
    assert!(index("cases_stats").contains("json_extract(data, '$.case_tags')"));
    assert!(super::collect::testing::positions_agree());
}

#[test]
fn every_figure_and_group_has_a_label_in_every_language() {
    let db = sample();
    let s = db.stats(&Filter::default());
    let texts = crate::i18n::Texts::builtin().expect("texts");
    for lang in [Lang::En, Lang::Ru, Lang::Tg] {
        let has = |key: &str| texts.has(lang, key);
        for g in &s.groups {
            assert!(has(&group_key(g.id)), "group {} has no {lang} label", g.id);
            for f in &g.figures {
                // Checklist items and groups are named by the checklist itself.
                let by_checklist = g.id == "checklist"
                    || f.id.starts_with("trials.checklist.")
                    || f.id.starts_with("trials.group.");
                if !by_checklist {
                    assert!(
                        has(&figure_key(&f.id)),
                        "figure {} has no {lang} label",
                        f.id
                    );
                    assert!(f.note.is_some(), "figure {} has no note", f.id);
                }
                assert!(
                    f.id.starts_with(&format!("{}.", g.id)),
                    "{} in group {}",
                    f.id,
                    g.id
                );
                for b in &f.breakdowns {
                    if b.by != By::Code {
                        assert!(
                            has(&format!("stats-by-{}", b.by.code())),
                            "{lang} {:?}",
                            b.by
                        );
                    }
                }
            }
        }
        for key in [
            "stats-unit-hearings",
            "stats-unit-minutes",
            "stats-unit-days",
            "stats-unit-years",
            "stats-trials-group",
        ] {
            assert!(has(key), "{lang} {key}");
        }
    }
    // Every note in every language; the English message is the figure's own note, word for
    // word, so the two never drift apart.
    let spec = Spec::builtin().expect("spec");
    for g in &s.groups {
        for f in &g.figures {
            let key = note_key(&f.id);
            for lang in [Lang::En, Lang::Ru, Lang::Tg] {
                assert!(texts.has(lang, &key), "{} has no {lang} note", f.id);
            }
            let en = Labels {
                spec: &spec,
                texts: &texts,
                lang: Lang::En,
            };
            assert_eq!(Some(en.note(f).as_str()), f.note, "{}", f.id);
            let ru = Labels {
                lang: Lang::Ru,
                ..en
            };
            assert_ne!(Some(ru.note(f).as_str()), f.note, "{} in Russian", f.id);
        }
    }
    // The lateness figure says its threshold, in the user's language.
    let late = s.figure("timeliness.started_late").expect("late");
    let labels = |lang| Labels {
        spec: &spec,
        texts: &texts,
        lang,
    };
    let settings = Settings {
        late_after_minutes: 45,
    };
    assert_eq!(
        labels(Lang::En).figure(late, settings),
        "Started late (> 45 min)"
    );
    assert!(
        labels(Lang::Ru)
            .figure(late, settings)
            .contains("(> 45 мин)")
    );
}

#[test]
fn times_and_months_are_read_strictly() {
    use super::fold::{minutes, month};
    assert_eq!(minutes("09:45"), Some(585));
    assert_eq!(minutes("23:59:30"), Some(1439));
    assert_eq!(minutes("00:00"), Some(0));
    for bad in [
        "24:00", "9:45", "09:60", "09-45", "", "09:45:", "ab:cd", "09:45:99",
    ] {
        assert_eq!(minutes(bad), None, "{bad:?}");
    }
    assert_eq!(month(Some("2025-04-15")), "2025-04");
    for bad in [
        None,
        Some("2025-4-15"),
        Some("15.04.2025"),
        Some("2025-04-1x"),
    ] {
        assert_eq!(month(bad), "unknown", "{bad:?}");
    }
}

#[test]
fn answers_to_items_this_program_does_not_know_are_still_counted() {
    // A newer checklist (merged from a newer courtwatch) may have items this one lacks.
    let mut db = Db::new();
    let mut h = db.case(
        &[("case_type", "criminal")],
        &[("court", SINO), ("hearing_held", "held")],
    );
    h.answer(&mut db, "ZZZ-99", None, "no");
    h.answer(&mut db, "NEW-ITEM-WITH-A-LONG-CODE", None, "yes");
    h.answer(&mut db, "PUB-01", None, "maybe");
    let mut h2 = db.case(
        &[("case_type", "criminal")],
        &[("court", SINO), ("hearing_held", "held")],
    );
    h2.answer(&mut db, "ZZZ-99", None, "partly");
    h2.answer(&mut db, "NEW-ITEM-WITH-A-LONG-CODE", None, "no");
    db.write(&[&h, &h2]);
    let s = db.stats(&Filter::default());
    check(&s, "checklist.ZZZ-99", 2, Some(2));
    check(&s, "checklist.NEW-ITEM-WITH-A-LONG-CODE", 1, Some(2));
    // An answer outside the scale is no answer.
    check(&s, "checklist.PUB-01", 0, Some(0));
    check(&s, "quality.not_observed", 0, Some(4));
}

#[test]
fn a_trial_recorded_twice_and_joined_counts_once() {
    let mut db = Db::new();
    // Monitor M07 records two hearings of a trial; another monitor records its verdict as a
    // case of their own.
    let held = [("hearing_held", "held"), ("court", SINO)];
    let first = db.case(
        &[("court_case_number", "1-10/26")],
        &[&held[..], &[("hearing_date", "2026-01-10")]].concat(),
    );
    let second = db.next_hearing(
        &first,
        &[&held[..], &[("hearing_date", "2026-02-10")]].concat(),
    );
    let verdict = db.case(
        &[("court_case_number", "1-10/26")],
        &[
            &held[..],
            &[
                ("hearing_date", "2026-03-10"),
                ("session_outcome", "verdict_pronounced"),
                ("verdict", "conviction"),
            ],
        ]
        .concat(),
    );
    db.write(&[&first, &second, &verdict]);
    let all = Filter::default();

    // Two records: 3 hearings / 2 cases, and the verdict 0 days after its record's first.
    let s = db.stats(&all);
    check(&s, "counts.cases", 2, None);
    value(&s, "timeliness.hearings_per_case", 3, Some(1.5));
    value(&s, "timeliness.days_to_verdict", 1, Some(0.0));

    // Joined: one trial of 3 hearings, and the verdict 59 days after 10 January.
    let join = db
        .store
        .join_cases(first.0.case.uuid, verdict.0.case.uuid)
        .expect("join");
    assert_eq!(
        db.store.join_suggestions().expect("suggestions"),
        Vec::new(),
        "joined records are not suggested again"
    );
    let s = db.stats(&all);
    check(&s, "counts.cases", 1, None);
    value(&s, "timeliness.hearings_per_case", 3, Some(3.0));
    value(&s, "timeliness.days_to_verdict", 1, Some(59.0));

    // Split: back to two trials; the join stays on record, with who split it.
    assert_eq!(db.store.split_cases(join).expect("split"), [join]);
    let s = db.stats(&all);
    value(&s, "timeliness.hearings_per_case", 3, Some(1.5));
    let joins = db.store.joins_of(&[first.0.case.uuid]).expect("joins");
    assert_eq!(joins.len(), 1);
    assert_eq!(joins[0].split_by, Some(db.me.uuid));
    assert_eq!(db.store.join_suggestions().expect("suggestions").len(), 1);
}

#[test]
fn trial_figures_count_each_trial_once_with_hand_computed_answers() {
    let mut db = Db::new();
    let held = [("hearing_held", "held"), ("court", SINO)];
    let on = |date: &'static str| [&held[..], &[("hearing_date", date)]].concat();
    let verdict = |date: &'static str, v: &'static str| {
        [
            &held[..],
            &[
                ("hearing_date", date),
                ("session_outcome", "verdict_pronounced"),
                ("verdict", v),
            ],
        ]
        .concat()
    };
    // Trial A: two hearings recorded by one monitor, its verdict by another as a record of
    // its own, joined below. PUB-01 not met at its first hearing, met at its second.
    let mut a1 = db.case(&[("court_case_number", "1-10/26")], &on("2026-01-10"));
    a1.answer(&mut db, "PUB-01", None, "no");
    a1.answer(&mut db, "PUB-02", None, "yes");
    let mut a2 = db.next_hearing(&a1, &on("2026-02-10"));
    a2.answer(&mut db, "PUB-01", None, "yes");
    let mut a3 = db.case(
        &[("court_case_number", "1-10/26")],
        &verdict("2026-03-10", "conviction"),
    );
    let accused = a3.person(&mut db, &[("role", "defendant")], &[]);
    a3.allegation(&mut db, accused, &[]);
    // Trial B: PUB-02 partly met at its first hearing; acquitted 20 days later.
    let mut b1 = db.case(&[("court_case_number", "1-20/26")], &on("2026-01-05"));
    b1.answer(&mut db, "PUB-01", None, "yes");
    b1.answer(&mut db, "PUB-02", None, "partly");
    let b2 = db.next_hearing(&b1, &verdict("2026-01-25", "acquittal"));
    // Trial C: one hearing, its only answer «not observed»; no verdict yet.
    let mut c1 = db.case(&[("court_case_number", "1-30/26")], &on("2026-04-01"));
    c1.answer(&mut db, "PUB-01", None, "not_observed");
    db.write(&[&a1, &a2, &a3, &b1, &b2, &c1]);
    db.store
        .join_cases(a1.0.case.uuid, a3.0.case.uuid)
        .expect("join");
    let s = db.stats(&Filter::default());

    check(&s, "trials.monitored", 3, None);
    // Hearings per trial: A 3, B 2, C 1.
    value(&s, "trials.hearings_per_trial", 3, Some(2.0));
    value(&s, "trials.most_hearings", 3, Some(3.0));
    // A: 10 January to 10 March = 59 days; B: 5 to 25 January = 20 days; C unfinished.
    value(&s, "trials.days_to_verdict", 2, Some(39.5));
    check(&s, "trials.with_allegation", 1, Some(3));
    let outcomes = s.figure("trials.outcomes").expect("outcomes");
    assert_eq!(outcomes.numerator, 2);
    assert_eq!(
        nonzero(&s, "trials.outcomes", By::Code),
        pairs(&[("conviction", 1), ("acquittal", 1)])
    );
    // PUB-01: not met in A (once of two), met in B, only «not observed» in C → 1 of 2.
    check(&s, "trials.checklist.PUB-01", 1, Some(2));
    // PUB-02: met in A, partly in B → 1 of 2.
    check(&s, "trials.checklist.PUB-02", 1, Some(2));
    // The group of both: A and B each had an item not met.
    check(&s, "trials.group.public_hearing", 2, Some(2));
    // The hearing-level figure counts hearings, not trials: 1 of 3 answers of PUB-01.
    check(&s, "checklist.PUB-01", 1, Some(3));
}
