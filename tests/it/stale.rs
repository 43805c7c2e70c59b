//! Values that older builds left in fields whose condition does not hold (the form only hid a
//! closure ground when a hearing was set back to public): the upgrade clears them once, as
//! audited edits, so every final hearing exports, verifies and merges, its hash true.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use courtwatch::clock::{FixedClock, SequentialIds, Sources};
use courtwatch::demo::Generator;
use courtwatch::domain::{Entity, content_hash};
use courtwatch::exchange::Profile;
use courtwatch::exchange::export::{ExportOptions, export};
use courtwatch::exchange::manifest::ScopeKind;
use courtwatch::exchange::merge::{Action, Outcome, merge};
use courtwatch::exchange::verify::verify;
use courtwatch::spec::{Lang, Spec};
use courtwatch::store::{Filter, MIGRATIONS, OpenMode, Store, UPGRADE_REASON};
use uuid::Uuid;

use super::support::PASS;

fn spec() -> Arc<Spec> {
    Arc::new(Spec::builtin().expect("built-in spec"))
}

fn sources(base: u64) -> Sources {
    Sources {
        clock: Box::new(FixedClock::dushanbe()),
        ids: Box::new(SequentialIds::starting_at(base)),
    }
}

fn open(path: &Path, base: u64) -> Store {
    Store::open(path, PASS, OpenMode::Existing, spec(), sources(base)).expect("open")
}

fn new_store(path: &Path, code: &str, base: u64) -> Store {
    let mut s = Store::open(path, PASS, OpenMode::Create, spec(), sources(base)).expect("create");
    s.create_profile(code, &format!("Monitor {code}"), "Test")
        .expect("profile");
    s
}

fn export_all(store: &Store, out: &Path, scope: ScopeKind) -> PathBuf {
    let opts = ExportOptions {
        out: out.to_owned(),
        scope,
        filter: Filter::default(),
        profile: Profile::Analysis,
        redact: false,
        seal: courtwatch::exchange::export::Seal::Plaintext,
    };
    export(store, &opts, &mut |_, _| {})
        .expect("export")
        .expect("something to export")
        .path
}

fn merged(store: &Store, dir: &Path) -> Vec<(Uuid, Action)> {
    match merge(store, dir, false, &mut |_, _| {}).expect("merge runs") {
        Outcome::Merged { plan, warnings } => {
            assert!(warnings.is_empty(), "{warnings:?}");
            plan.actions
        }
        Outcome::Rejected { problems } => panic!("rejected: {problems:?}"),
    }
}

fn uuids(store: &Store, sql: &str) -> Vec<Uuid> {
    let ids: Vec<String> = store
        .conn()
        .prepare(sql)
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("query");
    ids.iter()
        .map(|s| Uuid::parse_str(s).expect("uuid"))
        .collect()
}

/// The audit rows of `hearing` given the upgrade's reason: (field, old value, new value).
fn cleared(store: &Store, hearing: Uuid) -> Vec<(String, String, String)> {
    store
        .conn()
        .prepare(
            "SELECT field, old_value, new_value FROM audit
             WHERE hearing_uuid = ?1 AND reason = ?2 ORDER BY field",
        )
        .and_then(|mut s| {
            s.query_map([hearing.to_string(), UPGRADE_REASON.to_owned()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect()
        })
        .expect("audit")
}

/// Makes the database look as an older build left it: at the schema before migration 0012,
/// which asks for the values to be cleared.
fn as_before_the_upgrade(store: Store) {
    let before = MIGRATIONS
        .iter()
        .position(|(n, _)| *n == "0012_clear_not_applicable.sql")
        .expect("the migration is listed");
    store
        .conn()
        .pragma_update(None, "user_version", before as i64)
        .expect("version");
    drop(store);
}

#[test]
fn values_an_older_build_left_where_they_do_not_apply_are_cleared_once_as_audited_edits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (m_path, l_path) = (dir.path().join("m07.db"), dir.path().join("lead.db"));
    let monitor = new_store(&m_path, "M07", 0);
    let me = monitor.profile().expect("profile").clone();
    {
        let spec = monitor.spec_arc();
        let tx = monitor.begin().expect("tx");
        for r in Generator::new(&spec, 5, 60, vec![me]) {
            monitor.write_record(&tx, &r).expect("write");
        }
        tx.commit().expect("commit");
    }
    let lead = new_store(&l_path, "L01", 1 << 40);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    merged(&lead, &export_all(&monitor, &out, ScopeKind::All));

    // As older builds' forms did: a held hearing made closed with its ground, then set back
    // to public keeps the ground, only hidden; a consent whose answer became «no» keeps its
    // channel (the consent belongs to the case: every hearing of the trial holds it).
    let consents = uuids(
        &monitor,
        "SELECT c.uuid FROM consents c JOIN parties p ON p.uuid = c.party_uuid
         WHERE (SELECT count(*) FROM hearings h WHERE h.case_uuid = p.case_uuid AND h.status = 'final') > 1
         ORDER BY c.uuid LIMIT 1",
    );
    let consent = *consents.first().expect("a consent in a trial");
    let trial = uuids(
        &monitor,
        &format!(
            "SELECT h.uuid FROM hearings h JOIN parties p ON p.case_uuid = h.case_uuid
             JOIN consents c ON c.party_uuid = p.uuid WHERE c.uuid = '{consent}' ORDER BY h.uuid"
        ),
    );
    let held = uuids(
        &monitor,
        &format!(
            "SELECT uuid FROM hearings WHERE status = 'final'
               AND json_extract(data, '$.hearing_held') = 'held'
               AND case_uuid <> (SELECT case_uuid FROM hearings WHERE uuid = '{}')
             ORDER BY uuid LIMIT 1",
            trial[0]
        ),
    )[0];
    monitor
        .set_edit_reason(held, "access corrected")
        .expect("reason");
    for (field, value) in [
        ("public_access", "closed_entire"),
        ("closure_ground", "state_secret"),
        ("closure_decision_reasoned", "yes"),
        ("public_access", "open"),
    ] {
        monitor
            .set_field(held, Entity::Hearing, held, field, value)
            .expect("set");
    }
    let channel = "defence_lawyer";
    monitor
        .set_edit_reason(trial[0], "answer corrected")
        .expect("reason");
    for (field, value) in [
        ("consent_contact_by_lag", "yes"),
        ("preferred_contact_channel", channel),
        ("consent_contact_by_lag", "no"),
    ] {
        monitor
            .set_field(trial[0], Entity::Consent, consent, field, value)
            .expect("set");
    }
    // The older build exported them (the batch its lead's older build merged as it was),
    // so the versions holding those values are sealed.
    let old_batch = export_all(&monitor, &out, ScopeKind::SinceLast);
    let Err(problems) = verify(monitor.spec(), &old_batch) else {
        panic!("the reader refuses what the older build wrote");
    };
    // And says first what the lead needs: a batch from the upgraded monitor, all of it.
    let first = problems.first().expect("a problem");
    assert_eq!(first.file, "manifest.json");
    assert!(
        first.message.contains(
            "the monitor must upgrade courtwatch, run `courtwatch export --all` and send you that batch"
        ),
        "{first}"
    );
    for (lang, said) in [
        (
            Lang::Ru,
            "монитору нужно обновить courtwatch, выполнить `courtwatch export --all`",
        ),
        (
            Lang::Tg,
            "мушоҳидачӣ бояд courtwatch-ро нав кунад, `courtwatch export --all`-ро иҷро кунад",
        ),
    ] {
        assert!(first.render(lang).contains(said), "{}", first.render(lang));
    }
    assert_eq!(
        problems
            .iter()
            .filter(|p| p.message.contains("export --all"))
            .count(),
        1,
        "said once"
    );
    {
        let tx = lead.begin().expect("tx");
        for h in trial.iter().chain([&held]) {
            lead.write_record(&tx, &monitor.load_hearing(*h).expect("load"))
                .expect("write");
        }
        tx.commit().expect("commit");
    }
    let before: Vec<_> = trial
        .iter()
        .chain([&held])
        .map(|h| monitor.load_hearing(*h).expect("load").hearing)
        .collect();
    as_before_the_upgrade(monitor);
    as_before_the_upgrade(lead);

    let monitor = open(&m_path, 1 << 20);
    let r = monitor.load_hearing(held).expect("load");
    assert_eq!(
        r.hearing.fields.get("public_access").map(String::as_str),
        Some("open")
    );
    assert!(!r.hearing.fields.contains_key("closure_ground"));
    assert!(!r.hearing.fields.contains_key("closure_decision_reasoned"));
    assert_eq!(
        cleared(&monitor, held),
        [
            (
                "closure_decision_reasoned".into(),
                "yes".into(),
                String::new()
            ),
            (
                "closure_ground".into(),
                "state_secret".into(),
                String::new()
            ),
        ]
    );
    for h in &trial {
        let r = monitor.load_hearing(*h).expect("load");
        let c = r
            .consents
            .iter()
            .find(|c| c.uuid == consent)
            .expect("consent");
        assert!(!c.fields.contains_key("preferred_contact_channel"), "{h}");
        assert_eq!(
            cleared(&monitor, *h),
            [(
                "preferred_contact_channel".into(),
                channel.to_owned(),
                String::new()
            )],
            "every hearing of the trial records what was cleared: {h}"
        );
    }
    for old in &before {
        let now = monitor.load_hearing(old.uuid).expect("load");
        assert_eq!(
            now.hearing.content_hash,
            content_hash(&now),
            "the hash is true"
        );
        assert_eq!(
            now.hearing.version,
            old.version + 1,
            "an exported version is never changed in place"
        );
        assert_eq!(now.hearing.parent_hash, old.content_hash);
    }
    // Once only: opening again clears nothing more.
    let audit = |s: &Store| -> i64 {
        s.conn()
            .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
            .expect("count")
    };
    let rows = audit(&monitor);
    drop(monitor);
    let monitor = open(&m_path, 1 << 21);
    assert_eq!(audit(&monitor), rows);

    // The monitor's batch exports, verifies and merges at the lead, whose upgrade cleared
    // the same values in its copies: the same content, so nothing conflicts.
    let lead = open(&l_path, 1 << 41);
    for h in trial.iter().chain([&held]) {
        let r = lead.load_hearing(*h).expect("load");
        assert_eq!(r.hearing.content_hash, content_hash(&r));
        assert!(
            !cleared(&lead, *h).is_empty(),
            "the lead's audit says what was cleared"
        );
    }
    let batch = export_all(&monitor, &out, ScopeKind::SinceLast);
    if let Err(problems) = verify(monitor.spec(), &batch) {
        panic!("{problems:?}");
    }
    let actions = merged(&lead, &batch);
    assert!(
        actions.iter().all(|(_, a)| *a == Action::Unchanged),
        "{actions:?}"
    );
    // A lead that never held the old versions takes the new ones with their audit rows.
    let fresh = new_store(&dir.path().join("fresh.db"), "L02", 1 << 42);
    merged(&fresh, &export_all(&monitor, &out, ScopeKind::All));
    let r = fresh.load_hearing(held).expect("load");
    assert!(!r.hearing.fields.contains_key("closure_ground"));
    assert_eq!(cleared(&fresh, held).len(), 2);
}

#[test]
fn an_incoming_version_a_conflict_holds_is_cleared_too_so_keeping_it_writes_no_stale_value() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (m_path, l_path) = (dir.path().join("m07.db"), dir.path().join("lead.db"));
    let monitor = new_store(&m_path, "M07", 0);
    let me = monitor.profile().expect("profile").clone();
    {
        let spec = monitor.spec_arc();
        let tx = monitor.begin().expect("tx");
        for r in Generator::new(&spec, 5, 20, vec![me]) {
            monitor.write_record(&tx, &r).expect("write");
        }
        tx.commit().expect("commit");
    }
    let lead = new_store(&l_path, "L01", 1 << 40);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    merged(&lead, &export_all(&monitor, &out, ScopeKind::All));
    let held = uuids(
        &monitor,
        "SELECT uuid FROM hearings WHERE status = 'final'
           AND json_extract(data, '$.hearing_held') = 'held' ORDER BY uuid LIMIT 1",
    )[0];
    // The monitor's older form kept the ground of a hearing set back to public; that version
    // was exported (sealed).
    monitor
        .set_edit_reason(held, "access corrected")
        .expect("reason");
    for (field, value) in [
        ("public_access", "closed_entire"),
        ("closure_ground", "state_secret"),
        ("public_access", "open"),
    ] {
        monitor
            .set_field(held, Entity::Hearing, held, field, value)
            .expect("set");
    }
    export_all(&monitor, &out, ScopeKind::SinceLast);
    let stale = monitor.load_hearing(held).expect("load");
    assert!(stale.hearing.fields.contains_key("closure_ground"));
    // The lead changed the hearing meanwhile, and its older build kept the monitor's version
    // as a conflict.
    lead.set_edit_reason(held, "judge's name").expect("reason");
    lead.set_field(held, Entity::Hearing, held, "judge_name", "Другой судья")
        .expect("set");
    let keep_conflict = |lead: &Store| {
        let local = lead.load_hearing(held).expect("load").hearing.content_hash;
        let tx = lead.begin().expect("tx");
        assert!(
            lead.add_conflict(&tx, Uuid::from_u128(7), &local, &stale)
                .expect("conflict")
        );
        tx.commit().expect("commit");
    };
    keep_conflict(&lead);
    as_before_the_upgrade(lead);

    let lead = open(&l_path, 1 << 41);
    let open_conflicts = lead.conflicts(false).expect("conflicts");
    let [c] = open_conflicts.as_slice() else {
        panic!("one conflict: {open_conflicts:?}");
    };
    let incoming = lead.conflict_incoming(c.uuid).expect("incoming");
    assert!(!incoming.hearing.fields.contains_key("closure_ground"));
    assert_eq!(incoming.hearing.content_hash, content_hash(&incoming));
    assert_eq!(c.incoming_hash, incoming.hearing.content_hash);
    assert_eq!(incoming.hearing.version, stale.hearing.version + 1);
    assert_eq!(incoming.hearing.parent_hash, stale.hearing.content_hash);
    let audited: Vec<_> = incoming
        .audit
        .iter()
        .filter(|a| a.reason == UPGRADE_REASON)
        .map(|a| (a.field.as_str(), a.old_value.as_str(), a.new_value.as_str()))
        .collect();
    assert_eq!(audited, [("closure_ground", "state_secret", "")]);
    // The monitor's own upgrade makes the very same version of it.
    as_before_the_upgrade(monitor);
    let monitor = open(&m_path, 1 << 20);
    assert_eq!(
        monitor
            .load_hearing(held)
            .expect("load")
            .hearing
            .content_hash,
        incoming.hearing.content_hash
    );
    // Keeping it writes no stale value back.
    lead.resolve_open_conflict(c.uuid, true).expect("keep");
    let r = lead.load_hearing(held).expect("load");
    assert!(!r.hearing.fields.contains_key("closure_ground"));
    assert_eq!(r.hearing.content_hash, content_hash(&r));

    // A conflict kept after the upgrade ran (by a build that cleared hearings only) is
    // cleared when it is kept.
    keep_conflict(&lead);
    let again = lead
        .conflicts(false)
        .expect("conflicts")
        .first()
        .expect("open")
        .uuid;
    assert!(
        lead.conflict_incoming(again)
            .expect("incoming")
            .hearing
            .fields
            .contains_key("closure_ground"),
        "stored as the older build stored it"
    );
    lead.resolve_open_conflict(again, true).expect("keep");
    let r = lead.load_hearing(held).expect("load");
    assert!(!r.hearing.fields.contains_key("closure_ground"));
    assert_eq!(r.hearing.content_hash, content_hash(&r));
}
