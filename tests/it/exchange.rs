//! Batches (DESIGN.md §4): golden files of a fixed database, round-trip and merge properties,
//! every bad input of the issue, and independent readers (Python's csv module, `sha256sum -c`,
//! the `frictionless` validator).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use courtwatch::clock::{FixedClock, SequentialIds, Sources};
use courtwatch::demo::Generator;
use courtwatch::domain::{Entity, Take, content_hash, differing};
use courtwatch::exchange::courts::COURTS;
use courtwatch::exchange::export::{ExportOptions, export};
use courtwatch::exchange::joins::JOINS;
use courtwatch::exchange::manifest::{Manifest, ScopeKind};
use courtwatch::exchange::merge::{Action, Outcome, merge};
use courtwatch::exchange::rows::Table;
use courtwatch::exchange::verify::verify;
use courtwatch::exchange::{CODEBOOK, Profile};
use courtwatch::spec::Spec;
use courtwatch::store::{FieldsResolved, Filter, OpenMode, Store};
use proptest::prelude::*;

use super::support::{Env, PASS, edit, lone_hearing};

fn spec() -> Arc<Spec> {
    Arc::new(Spec::builtin().expect("built-in spec"))
}

/// Deterministic sources whose ids start at `base`, so databases made side by side never share
/// an id.
fn sources(base: u64) -> Sources {
    Sources {
        clock: Box::new(FixedClock::dushanbe()),
        ids: Box::new(SequentialIds::starting_at(base)),
    }
}

/// A new database at `dir/name.db` owned by monitor `code`.
fn new_store(dir: &Path, name: &str, code: &str, id_base: u64) -> Store {
    let path = dir.join(format!("{name}.db"));
    let mut s = Store::open(&path, PASS, OpenMode::Create, spec(), sources(id_base))
        .expect("create database");
    s.create_profile(code, &format!("Monitor {code}"), "Test")
        .expect("profile");
    s
}

/// Writes `n` demo hearings of this database's monitor.
fn fill(store: &Store, seed: u64, n: u64) {
    let me = store.profile().expect("profile").clone();
    let spec = store.spec_arc();
    let tx = store.begin().expect("transaction");
    for r in Generator::new(&spec, seed, n, vec![me]) {
        store.write_record(&tx, &r).expect("write");
    }
    tx.commit().expect("commit");
}

/// The case records of a database's exported (final) hearings: a join travels to a lead
/// with them, while one naming a record the lead has not received waits there.
fn case_records(store: &Store) -> Vec<uuid::Uuid> {
    let mut cases = Vec::new();
    let candidates = store
        .export_candidates(&Filter::default(), false)
        .expect("candidates");
    for c in candidates {
        let case = store.load_hearing(c.uuid).expect("load").hearing.case_uuid;
        if !cases.contains(&case) {
            cases.push(case);
        }
    }
    cases
}

/// Joins the first two case records as one trial, splits them and joins them again, when
/// there are two: the batch then carries `case_joins.csv` with a split join and one in force.
fn join_some(store: &Store) {
    if let [a, b, ..] = case_records(store)[..] {
        let first = store.join_cases(a, b).expect("join");
        store.split_cases(first).expect("split");
        store.join_cases(a, b).expect("join again");
    }
}

fn opts(out: &Path, scope: ScopeKind, profile: Profile, redact: bool) -> ExportOptions {
    ExportOptions {
        out: out.to_owned(),
        scope,
        filter: Filter::default(),
        profile,
        redact,
        seal: courtwatch::exchange::export::Seal::Plaintext,
    }
}

fn export_to(store: &Store, out: &Path, scope: ScopeKind, profile: Profile) -> PathBuf {
    export(store, &opts(out, scope, profile, false), &mut |_, _| {})
        .expect("export")
        .expect("something to export")
        .path
}

fn merged(store: &Store, dir: &Path) -> courtwatch::exchange::merge::MergePlan {
    match merge(store, dir, false, &mut |_, _| {}).expect("merge runs") {
        Outcome::Merged { plan, warnings } => {
            assert!(warnings.is_empty(), "{warnings:?}");
            *plan
        }
        Outcome::Rejected { problems } => panic!("rejected: {problems:?}"),
    }
}

fn manifest(dir: &Path) -> Manifest {
    serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).expect("manifest"))
        .expect("manifest parses")
}

/// The data files of a batch, by name: every table, then the side files it carries.
fn data_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let tables = Table::ALL.iter().map(|t| t.file());
    let side = [COURTS, JOINS]
        .into_iter()
        .filter(|name| dir.join(name).exists())
        .map(str::to_owned);
    tables
        .chain(side)
        .map(|name| {
            let bytes = std::fs::read(dir.join(&name)).expect("data file");
            (name, bytes)
        })
        .collect()
}

/// Every row of the record tables (and conflicts), ordered by key, for comparing databases.
fn dump(store: &Store) -> String {
    let queries = [
        "SELECT uuid, data FROM cases ORDER BY uuid",
        "SELECT uuid, case_uuid, monitor_uuid, status, version, content_hash, parent_hash, ancestors, form_versions,
                created_at, updated_at, data FROM hearings ORDER BY uuid",
        "SELECT uuid, case_uuid, data FROM parties ORDER BY uuid",
        "SELECT uuid, hearing_uuid, party_uuid, data FROM hearing_parties ORDER BY uuid",
        "SELECT uuid, party_uuid, data FROM charges ORDER BY uuid",
        "SELECT uuid, hearing_uuid, item_code, ifnull(party_uuid, ''), answer, comment FROM checklist_answers ORDER BY uuid",
        "SELECT uuid, hearing_uuid, ifnull(party_uuid, ''), data FROM allegations ORDER BY uuid",
        "SELECT uuid, allegation_uuid, data FROM followups ORDER BY uuid",
        "SELECT uuid, hearing_uuid, at, code, note FROM timeline ORDER BY uuid",
        "SELECT uuid, party_uuid, data FROM consents ORDER BY uuid",
        "SELECT uuid, hearing_uuid, version, entity, record_uuid, field, old_value, new_value, reason, monitor_uuid, at
         FROM audit ORDER BY uuid",
        "SELECT hearing_uuid, local_hash, incoming_hash, incoming FROM conflicts ORDER BY hearing_uuid, incoming_hash",
        "SELECT uuid, code, name FROM monitors ORDER BY uuid",
        "SELECT uuid, case_uuid, other_uuid, joined_by, joined_at, split_by, split_at
         FROM case_joins ORDER BY uuid",
    ];
    let conn = store.conn();
    let mut out = String::new();
    for q in queries {
        let mut stmt = conn.prepare(q).expect("prepare");
        let n = stmt.column_count();
        let mut rows = stmt.query([]).expect("query");
        while let Some(r) = rows.next().expect("row") {
            let cells: Vec<String> = (0..n)
                .map(|i| {
                    r.get::<_, rusqlite::types::Value>(i)
                        .map(|v| format!("{v:?}"))
                        .expect("cell")
                })
                .collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        out.push_str("--\n");
    }
    out
}

fn count(store: &Store, sql: &str) -> i64 {
    store
        .conn()
        .query_row(sql, [], |r| r.get(0))
        .expect("count")
}

// ---------------------------------------------------------------------------------------------
// Golden files

/// The golden files' signing key (minisign, unencrypted): not a secret, only fixed so that
/// the manifest names the same key each time.
pub const GOLDEN_SIGNING_KEY: &str = "untrusted comment: golden files' key, not secret
RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAyBSUhBilYcJ7Caa2YN6rtchMqfY3PlbnnTZMIpjfSp94A4XFHpbiwtCFEQ1Ku9BtB5JwFzlCMQz8EMre5QSGAhHAPqNoWyQFK9Ud1c764WHphxXklAxPseNSsQ5DWXq7V84a0NnKcY=
";

/// The fixed database of the golden files: monitor M07, four demo hearings of seed 11, one
/// narrative with text a spreadsheet would run as a formula.
fn golden_store(dir: &Path) -> Store {
    let store = new_store(dir, "golden", "M07", 0);
    fill(&store, 11, 4);
    store
        .set_setting("redaction_key", "golden-file-key-not-secret-000000000000")
        .expect("key");
    store
        .adopt_signing_key(
            &courtwatch::keys::SigningKey::from_secret_text(GOLDEN_SIGNING_KEY).expect("key"),
        )
        .expect("signing key");
    let first = store
        .export_candidates(&Filter::default(), false)
        .expect("candidates")[0]
        .uuid;
    // A real, audited edit of a final record: a new version and an audit row.
    store
        .set_edit_reason(first, "typo in the narrative")
        .expect("reason");
    store
        .set_field(
            first,
            courtwatch::domain::Entity::Hearing,
            first,
            "narrative",
            "=HYPERLINK(\"http://x\";\"click\") -5 days; @ruling",
        )
        .expect("edit");
    join_some(&store);
    assert!(
        case_records(&store).len() >= 2,
        "a join in force and a split one"
    );
    store
}

/// A golden file: an insta snapshot kept in `tests/fixtures/golden/`.
macro_rules! golden {
    ($name:expr, $text:expr $(,)?) => {
        insta::with_settings!({
            snapshot_path => "../fixtures/golden",
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_snapshot!($name, $text);
        })
    };
}

fn snapshot_text(bytes: &[u8]) -> String {
    // Line ends are checked separately; the BOM is shown, not hidden.
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    text.replace("\r\n", "\n").replace('\u{feff}', "<BOM>")
}

#[test]
fn golden_files_pin_the_analysis_batch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = golden_store(dir.path());
    let batch = export_to(&store, dir.path(), ScopeKind::All, Profile::Analysis);
    assert_eq!(
        batch.file_name().and_then(|n| n.to_str()),
        Some("courtwatch-M07-000001-20261123T101506")
    );
    assert!(batch.join(JOINS).exists(), "the golden batch carries joins");
    for (name, bytes) in data_files(&batch) {
        assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "{name}: no BOM");
        let text = std::str::from_utf8(&bytes).expect("UTF-8");
        assert!(
            text.split_inclusive('\n').all(|l| l.ends_with("\r\n")),
            "{name}: every line ends with CRLF"
        );
        golden!(format!("analysis_{name}"), snapshot_text(&bytes));
    }
    for name in ["manifest.json", "SHA256SUMS"] {
        let bytes = std::fs::read(batch.join(name)).expect("file");
        golden!(format!("analysis_{name}"), snapshot_text(&bytes));
    }
    // The signature: its comments pinned (its two signatures differ each time, as minisign
    // signs with a random nonce), and it checks with the fixed key over the manifest.
    let sig = std::fs::read_to_string(batch.join("manifest.json.minisig")).expect("signature");
    let lines: Vec<&str> = sig.lines().collect();
    assert_eq!(lines.len(), 4, "{sig}");
    golden!(
        "analysis_manifest.json.minisig",
        format!(
            "{}\n<signature of manifest.json: {} base64 characters>\n{}\n<signature of that and the trusted comment: {} base64 characters>\n",
            lines[0],
            lines[1].len(),
            lines[2],
            lines[3].len()
        )
    );
    let key = courtwatch::keys::SigningKey::from_secret_text(GOLDEN_SIGNING_KEY).expect("key");
    let manifest = std::fs::read(batch.join("manifest.json")).expect("manifest");
    assert_eq!(
        courtwatch::keys::verify_signature(&key.public_text(), &sig, &manifest),
        Ok("courtwatch batch 00000000-0000-4000-8000-000000000005 monitor M07 seq 1".to_owned())
    );
    let narrative_cell = std::fs::read_to_string(batch.join("hearings.csv")).expect("hearings");
    assert!(
        narrative_cell.contains("\"=HYPERLINK("),
        "the analysis profile leaves formula text raw"
    );
}

/// A sealed batch of the golden database (issue 17): the container's listing (names, order,
/// sizes, modes, times), its manifest and SHA256SUMS, and its signature's comments are
/// pinned; the age encryption around them differs each time, as age uses a fresh file key.
#[test]
fn golden_files_pin_the_sealed_batch() {
    use courtwatch::keys::{AgeIdentity, KeyKind, PublicKey};
    use std::io::Read;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = golden_store(dir.path());
    let lead = AgeIdentity::generate();
    store
        .roster_add(
            &PublicKey {
                kind: KeyKind::Recipient,
                text: lead.recipient(),
            },
            "Lead",
            "keys_add",
        )
        .expect("roster");
    let sealed = export_sealed(&store, dir.path()).expect("sealed batch");
    assert_eq!(
        sealed.file_name().and_then(|n| n.to_str()),
        Some("courtwatch-M07-000001-20261123T101507.age")
    );
    let bytes = std::fs::read(&sealed).expect("sealed");
    let mut tar = Vec::new();
    age::Decryptor::new(&bytes[..])
        .expect("age header")
        .decrypt(std::iter::once(lead.identity() as &dyn age::Identity))
        .expect("the lead's key opens it")
        .read_to_end(&mut tar)
        .expect("decrypt");
    // The ustar listing, as `tar -tv` would give it, and each member's bytes.
    let octal = |b: &[u8]| -> u64 {
        let t = std::str::from_utf8(b)
            .expect("octal")
            .trim_matches(['\0', ' ']);
        u64::from_str_radix(t, 8).expect("octal number")
    };
    let mut listing = String::new();
    let mut members = std::collections::BTreeMap::new();
    let mut at = 0;
    while at + 512 <= tar.len() && tar[at..at + 512].iter().any(|&b| b != 0) {
        let h = &tar[at..at + 512];
        let end = h[..100].iter().position(|&b| b == 0).unwrap_or(100);
        let name = std::str::from_utf8(&h[..end]).expect("name").to_owned();
        let size = octal(&h[124..136]);
        listing.push_str(&format!(
            "{} {:o} {} {} {name}\n",
            h[156] as char,
            octal(&h[100..108]),
            octal(&h[136..148]),
            size
        ));
        let start = at + 512;
        let len = usize::try_from(size).expect("size");
        members.insert(name, tar[start..start + len].to_vec());
        at = start + len.div_ceil(512) * 512;
    }
    golden!("sealed_container_listing", listing);
    let folder = "courtwatch-M07-000001-20261123T101507";
    let member = |name: &str| {
        members
            .get(&format!("{folder}/{name}"))
            .unwrap_or_else(|| panic!("{name} in the container"))
            .clone()
    };
    for name in ["manifest.json", "SHA256SUMS"] {
        golden!(format!("sealed_{name}"), snapshot_text(&member(name)));
    }
    let sig = String::from_utf8(member("manifest.json.minisig")).expect("signature");
    let lines: Vec<&str> = sig.lines().collect();
    assert_eq!(lines.len(), 4, "{sig}");
    golden!(
        "sealed_manifest.json.minisig",
        format!(
            "{}\n<signature of manifest.json: {} base64 characters>\n{}\n<signature of that and the trusted comment: {} base64 characters>\n",
            lines[0],
            lines[1].len(),
            lines[2],
            lines[3].len()
        )
    );
    let key = courtwatch::keys::SigningKey::from_secret_text(GOLDEN_SIGNING_KEY).expect("key");
    assert!(
        courtwatch::keys::verify_signature(&key.public_text(), &sig, &member("manifest.json"))
            .is_ok(),
        "the signature checks over the sealed manifest"
    );
}

/// The output log a batch carries (`outputs.csv`): the golden database's first batch, as its
/// second batch reports it (the folder it was written to shown as `<out>`).
#[test]
fn golden_files_pin_the_output_log_of_a_batch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = golden_store(dir.path());
    let first = export_to(&store, dir.path(), ScopeKind::All, Profile::Analysis);
    assert!(
        !first.join("outputs.csv").exists(),
        "nothing logged before it"
    );
    let second = export_to(&store, dir.path(), ScopeKind::All, Profile::Analysis);
    let bytes = std::fs::read(second.join("outputs.csv")).expect("outputs.csv");
    let text = snapshot_text(&bytes).replace(&dir.path().display().to_string(), "<out>");
    golden!("analysis_outputs.csv", text);
    assert!(
        manifest(&second)
            .files
            .iter()
            .any(|f| f.name == "outputs.csv" && f.rows == 1),
        "listed in the manifest with its row"
    );
}

#[test]
fn golden_files_pin_the_excel_and_redacted_batches() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = golden_store(dir.path());
    let batch = export(
        &store,
        &opts(dir.path(), ScopeKind::All, Profile::Excel, true),
        &mut |_, _| {},
    )
    .expect("export")
    .expect("batch")
    .path;
    let m = manifest(&batch);
    assert!(m.redacted && m.bom && m.formula_guard && m.delimiter == ";");
    let redaction = m.redaction.clone().expect("redaction described");
    assert!(redaction.pseudonymised.contains(&"full_name".to_owned()));
    assert!(redaction.omitted.contains(&"exam_result".to_owned()));
    for name in ["hearings.csv", "parties.csv", "hearing_parties.csv"] {
        let bytes = std::fs::read(batch.join(name)).expect("file");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{name}: BOM");
        assert!(
            !bytes.starts_with(b"\xEF\xBB\xBFsep="),
            "{name}: never a sep= line"
        );
        golden!(format!("excel_redacted_{name}"), snapshot_text(&bytes));
    }
    let hearings = std::fs::read_to_string(batch.join("hearings.csv")).expect("hearings");
    assert!(
        hearings.contains("'=HYPERLINK("),
        "the excel profile guards formulas"
    );
    let parties = std::fs::read_to_string(batch.join("parties.csv")).expect("parties");
    assert!(
        !parties.contains("Алиев") && !parties.contains("Ҷӯраев"),
        "no real names"
    );
    golden!(
        "excel_redacted_manifest.json",
        snapshot_text(&std::fs::read(batch.join("manifest.json")).expect("manifest"))
    );
    // A redacted batch verifies but is not merged: pseudonyms must never replace records.
    let lead = new_store(dir.path(), "lead", "L01", 1_000_000);
    assert!(verify(lead.spec(), &batch).is_ok());
    match merge(&lead, &batch, false, &mut |_, _| {}).expect("merge runs") {
        Outcome::Rejected { problems } => {
            assert!(problems[0].message.contains("redacted"), "{problems:?}")
        }
        Outcome::Merged { .. } => panic!("a redacted batch must not be merged"),
    }
    assert_eq!(count(&lead, "SELECT count(*) FROM hearings"), 0);
}

#[test]
fn pseudonyms_are_stable_across_batches_of_one_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = golden_store(dir.path());
    let names = |p: &Path| std::fs::read_to_string(p.join("parties.csv")).expect("parties");
    let a = export(
        &store,
        &opts(
            &dir.path().join("a"),
            ScopeKind::All,
            Profile::Analysis,
            true,
        ),
        &mut |_, _| {},
    )
    .expect("export")
    .expect("batch")
    .path;
    let b = export(
        &store,
        &opts(
            &dir.path().join("b"),
            ScopeKind::All,
            Profile::Analysis,
            true,
        ),
        &mut |_, _| {},
    )
    .expect("export")
    .expect("batch")
    .path;
    assert_eq!(names(&a), names(&b));
    assert!(names(&a).contains("anon-"));
}

// ---------------------------------------------------------------------------------------------
// Round trips and merge properties

#[test]
fn excel_batches_merge_back_to_the_same_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = golden_store(dir.path());
    let excel = export_to(
        &store,
        &dir.path().join("x"),
        ScopeKind::All,
        Profile::Excel,
    );
    let lead = new_store(dir.path(), "lead", "L01", 1_000_000);
    let plan = merged(&lead, &excel);
    assert_eq!(plan.counts.new, manifest(&excel).hearings);
    let again = export_to(
        &lead,
        &dir.path().join("y"),
        ScopeKind::All,
        Profile::Analysis,
    );
    let original = export_to(
        &store,
        &dir.path().join("z"),
        ScopeKind::All,
        Profile::Analysis,
    );
    assert_eq!(data_files(&again), data_files(&original));
}

#[test]
fn since_last_takes_only_changed_hearings_and_seq_has_no_gaps() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = new_store(dir.path(), "m", "M07", 0);
    fill(&store, 3, 6);
    let out = dir.path().join("out");
    let first = export_to(&store, &out, ScopeKind::SinceLast, Profile::Analysis);
    let total = manifest(&first).hearings;
    assert!(total > 0);
    assert!(
        export(
            &store,
            &opts(&out, ScopeKind::SinceLast, Profile::Analysis, false),
            &mut |_, _| {}
        )
        .expect("export")
        .is_none(),
        "nothing changed: nothing to export"
    );
    let ids = store
        .export_candidates(&Filter::default(), false)
        .expect("ids");
    edit(&store, ids[0].uuid, |r| {
        r.hearing.fields.insert("courtroom".into(), "12".into());
    });
    let second = export_to(&store, &out, ScopeKind::SinceLast, Profile::Analysis);
    let m = manifest(&second);
    assert_eq!((m.seq, m.hearings), (2, 1));
    let third = export_to(&store, &out, ScopeKind::All, Profile::Excel);
    assert_eq!(
        (manifest(&third).seq, manifest(&third).hearings),
        (3, total)
    );
    // Exported versions are sealed: the next edit starts a new version.
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM hearings WHERE status <> 'draft' AND sealed = 0"
        ),
        0
    );
    // Nothing unfinished is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .expect("out")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_redacted_export_takes_no_number_the_lead_waits_for() {
    let dir = tempfile::tempdir().expect("tempdir");
    let monitor = new_store(dir.path(), "m", "M07", 0);
    fill(&monitor, 5, 3);
    let out = dir.path().join("out");
    let b1 = export_to(&monitor, &out, ScopeKind::All, Profile::Analysis);
    let redacted = |store: &Store| {
        export(
            store,
            &opts(&out, ScopeKind::All, Profile::Analysis, true),
            &mut |_, _| {},
        )
        .expect("export")
        .expect("batch")
    };
    let r1 = redacted(&monitor);
    assert_eq!(r1.manifest.seq, 1, "redacted batches have their own series");
    let name = r1.path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    assert!(
        name.starts_with("courtwatch-M07-redacted-000001-"),
        "{name}"
    );
    assert_eq!(redacted(&monitor).manifest.seq, 2);
    // A redacted folder of the old naming (before the series were apart) in the same place:
    // its number is not taken either.
    let old = out.join("courtwatch-M07-000002-20261101T090000");
    std::fs::create_dir(&old).expect("old folder");
    std::fs::write(old.join("manifest.json"), r#"{"redacted": true}"#).expect("old manifest");

    let a = monitor
        .export_candidates(&Filter::default(), false)
        .expect("ids")[0]
        .uuid;
    edit(&monitor, a, |r| {
        r.hearing.fields.insert("courtroom".into(), "7".into());
    });
    let b2 = export_to(&monitor, &out, ScopeKind::SinceLast, Profile::Analysis);
    assert_eq!(
        manifest(&b2).seq,
        2,
        "the lead's series goes on without a gap"
    );

    let lead = new_store(dir.path(), "lead", "L01", 1_000_000);
    assert!(merged(&lead, &b1).missing.is_empty());
    let p2 = merged(&lead, &b2);
    assert!(p2.missing.is_empty(), "{:?}", p2.missing);
}

#[test]
fn versions_decide_update_keep_local_and_conflict_and_a_lead_resolves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let monitor = new_store(dir.path(), "m", "M07", 0);
    fill(&monitor, 5, 5);
    let out = dir.path().join("out");
    let b1 = export_to(&monitor, &out, ScopeKind::All, Profile::Analysis);
    let ids: Vec<_> = monitor
        .export_candidates(&Filter::default(), false)
        .expect("ids")
        .into_iter()
        .map(|c| c.uuid)
        .collect();
    let (a, b) = (ids[0], ids[1]);
    edit(&monitor, a, |r| {
        r.hearing.fields.insert("courtroom".into(), "7".into());
    });
    let b2 = export_to(&monitor, &out, ScopeKind::SinceLast, Profile::Analysis);

    let lead = new_store(dir.path(), "lead", "L01", 1_000_000);
    // Newer first, then the older batch: the newer version is kept.
    let p2 = merged(&lead, &b2);
    assert_eq!(p2.counts.new, 1);
    assert_eq!(
        p2.missing,
        vec![courtwatch::store::Gap { from: 1, to: 1 }],
        "batch 1 is missing so far"
    );
    let p1 = merged(&lead, &b1);
    assert_eq!(p1.counts.kept_local, 1);
    assert!(p1.missing.is_empty());
    assert_eq!(
        lead.load_hearing(a)
            .expect("a")
            .hearing
            .fields
            .get("courtroom")
            .map(String::as_str),
        Some("7")
    );

    // The monitor and the lead change hearing b differently: a conflict, both kept.
    edit(&lead, b, |r| {
        r.hearing.fields.insert("courtroom".into(), "lead".into());
    });
    edit(&monitor, b, |r| {
        r.hearing
            .fields
            .insert("courtroom".into(), "monitor".into());
    });
    let b3 = export_to(&monitor, &out, ScopeKind::SinceLast, Profile::Analysis);
    let p3 = merged(&lead, &b3);
    assert_eq!(p3.counts.conflicts, 1);
    assert!(p3.actions.contains(&(b, Action::Conflict)));
    let conflicts = lead.conflicts(false).expect("conflicts");
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        lead.conflict_incoming(conflicts[0].uuid)
            .expect("incoming")
            .hearing
            .fields
            .get("courtroom")
            .map(String::as_str),
        Some("monitor")
    );
    // The monitor's newer edit descends from the incoming version, not from the lead's.
    let tx = lead.begin().expect("tx");
    lead.resolve_conflict(&tx, &conflicts[0], true)
        .expect("resolve");
    tx.commit().expect("commit");
    assert_eq!(
        lead.load_hearing(b)
            .expect("b")
            .hearing
            .fields
            .get("courtroom")
            .map(String::as_str),
        Some("monitor")
    );
    let resolved = lead.conflicts(true).expect("all");
    assert_eq!(resolved[0].resolution.as_deref(), Some("incoming"));
    assert_eq!(resolved[0].resolved_by.as_deref(), Some("L01"));
    assert!(resolved[0].resolved_at.is_some());
    // Merging the same batches again changes nothing.
    let before = dump(&lead);
    for b in [&b1, &b2, &b3] {
        let p = merged(&lead, b);
        assert!(p.already_merged.is_some());
    }
    assert_eq!(dump(&lead), before);

    // A lead's review travels back as a status change of an identical version.
    lead.mark_reviewed(a).expect("review");
    let from_lead = export_to(
        &lead,
        &dir.path().join("lead-out"),
        ScopeKind::All,
        Profile::Analysis,
    );
    let back = merged(&monitor, &from_lead);
    assert!(back.actions.contains(&(a, Action::Review)));
    assert_eq!(
        monitor.load_hearing(a).expect("a").hearing.status,
        courtwatch::domain::Status::Reviewed
    );
}

/// A lead's database `lead_name` in `dir` that merged monitor M07's batch, then both changed
/// one hearing differently (the lead its courtroom and case number, the monitor the same two
/// in two versions) and the lead merged the monitor's change: one open conflict. Returns
/// the monitor, the lead, the hearing and the monitor's batch folder.
fn courtroom_conflict(dir: &Path, lead_name: &str) -> (Store, Store, uuid::Uuid, PathBuf) {
    let monitor = new_store(dir, "m", "M07", 0);
    fill(&monitor, 5, 3);
    let out = dir.join("out");
    let b1 = export_to(&monitor, &out, ScopeKind::All, Profile::Analysis);
    let lead = new_store(dir, lead_name, "L01", 1_000_000);
    merged(&lead, &b1);
    // A hearing whose case has no other: its case's change is its change alone.
    let b = lone_hearing(&monitor);
    edit(&lead, b, |r| {
        r.hearing.fields.insert("courtroom".into(), "lead".into());
        r.case
            .fields
            .insert("court_case_number".into(), "1-1/26 (lead)".into());
    });
    edit(&monitor, b, |r| {
        r.hearing.fields.remove("courtroom");
        r.case
            .fields
            .insert("court_case_number".into(), "1-1/26 (monitor)".into());
    });
    edit(&monitor, b, |r| {
        r.hearing
            .fields
            .insert("courtroom".into(), "monitor".into());
    });
    let b2 = export_to(&monitor, &out, ScopeKind::SinceLast, Profile::Analysis);
    assert_eq!(merged(&lead, &b2).counts.conflicts, 1);
    (monitor, lead, b, out)
}

#[test]
fn a_lead_resolves_a_conflict_field_by_field_into_a_version_descending_from_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (monitor, lead, b, out) = courtroom_conflict(dir.path(), "lead");
    let case = lead.load_hearing(b).expect("b").case.uuid;
    // The lead's own version leaves in a batch before the lead resolves.
    let from_lead = export_to(
        &lead,
        &dir.path().join("lead-out"),
        ScopeKind::All,
        Profile::Analysis,
    );
    let conflict = lead.conflicts(false).expect("open").remove(0);
    let local = lead.load_hearing(b).expect("local");
    let incoming = lead.conflict_incoming(conflict.uuid).expect("incoming");

    // A value the two versions do not both address is refused, and nothing changes.
    let before = dump(&lead);
    let tx = lead.begin().expect("tx");
    let stray = Take::Field {
        entity: Entity::Party,
        record: uuid::Uuid::from_u128(7),
        field: "display_code".into(),
    };
    assert!(
        lead.resolve_conflict_fields(&tx, &conflict, &[stray])
            .is_err()
    );
    drop(tx);
    assert_eq!(dump(&lead), before);

    let tx = lead.begin().expect("tx");
    let take = [Take::Field {
        entity: Entity::Hearing,
        record: b,
        field: "courtroom".into(),
    }];
    let how = lead
        .resolve_conflict_fields(&tx, &conflict, &take)
        .expect("resolve");
    tx.commit().expect("commit");
    assert_eq!(how, FieldsResolved::NewVersion { changed: 1 });

    let r = lead.load_hearing(b).expect("merged");
    let h = &r.hearing;
    assert_eq!(
        h.fields.get("courtroom").map(String::as_str),
        Some("monitor"),
        "the chosen field is the incoming value"
    );
    assert_eq!(
        r.case.fields.get("court_case_number").map(String::as_str),
        Some("1-1/26 (lead)"),
        "the other fields stay local"
    );
    assert_eq!(r.case.uuid, case);
    assert_eq!(
        h.version,
        local.hearing.version.max(incoming.hearing.version) + 1
    );
    assert_eq!(h.parent_hash, local.hearing.content_hash);
    assert_eq!(h.content_hash, content_hash(&r), "a fresh content hash");
    assert_ne!(h.content_hash, local.hearing.content_hash);
    assert_ne!(h.content_hash, incoming.hearing.content_hash);
    assert!(h.sealed, "sealed like a kept version");
    assert_eq!(h.status, local.hearing.status);
    for a in local
        .hearing
        .ancestors
        .iter()
        .chain(&incoming.hearing.ancestors)
        .chain([&local.hearing.content_hash, &incoming.hearing.content_hash])
    {
        assert!(h.ancestors.contains(a), "{a} is an ancestor");
    }
    // Audited as an edit after finalising: by the lead, in the new version, naming the
    // conflict.
    let audited: Vec<_> = r.audit.iter().filter(|a| a.version == h.version).collect();
    assert_eq!(audited.len(), 1, "{audited:?}");
    let a = audited[0];
    assert_eq!(
        (a.entity.as_str(), a.record_uuid, a.field.as_str()),
        ("hearing", b, "courtroom")
    );
    assert_eq!(
        (a.old_value.as_str(), a.new_value.as_str()),
        ("lead", "monitor")
    );
    assert_eq!(Some(a.monitor_uuid), lead.profile().map(|m| m.uuid));
    assert!(
        a.reason.contains(&conflict.uuid.to_string()),
        "{}",
        a.reason
    );
    // Who chose, when, and that it was field by field.
    let row = &lead.conflicts(true).expect("all")[0];
    assert_eq!(row.resolution.as_deref(), Some("fields"));
    assert_eq!(row.resolved_by.as_deref(), Some("L01"));
    assert!(row.resolved_at.is_some());
    assert!(lead.conflicts(false).expect("open").is_empty());

    // Either side's version merged again changes nothing: the new version descends from both.
    let again = export_to(&monitor, &out, ScopeKind::All, Profile::Analysis);
    let before = dump(&lead);
    let p = merged(&lead, &again);
    assert!(
        p.actions.contains(&(b, Action::KeepLocal)),
        "{:?}",
        p.actions
    );
    assert_eq!(p.counts.conflicts, 0);
    let p = merged(&lead, &from_lead);
    assert!(
        p.actions.contains(&(b, Action::KeepLocal)),
        "{:?}",
        p.actions
    );
    assert_eq!(p.counts.conflicts, 0);
    assert_eq!(dump(&lead), before);
}

#[test]
fn conflicts_resolve_take_chooses_values_through_the_binary() {
    let env = Env::new();
    let (_monitor, lead, b, _) = courtroom_conflict(env.dir.path(), "courtwatch");
    assert_eq!(lead.profile().map(|m| m.code.as_str()), Some("L01"));
    drop(lead);
    let hearing = b.to_string();
    // A value that does not differ (or does not exist) is refused with those that do.
    let typo = env.run(&[
        "conflicts",
        "resolve",
        &hearing,
        "--take",
        "hearing.courtrom",
    ]);
    assert_eq!(typo.status.code(), Some(1));
    let err = String::from_utf8_lossy(&typo.stderr);
    assert!(
        err.contains("case.court_case_number") && err.contains("hearing.courtroom"),
        "{err}"
    );
    // One way to resolve at a time.
    let both = env.run(&[
        "conflicts",
        "resolve",
        &hearing,
        "--keep",
        "local",
        "--take",
        "hearing.courtroom",
    ]);
    assert_eq!(both.status.code(), Some(2));
    let done = env.ok(&[
        "conflicts",
        "resolve",
        &hearing,
        "--take",
        "hearing.courtroom",
    ]);
    assert!(
        done.contains("new version") && done.contains("1 value(s)"),
        "{done}"
    );
    assert!(
        env.ok(&["conflicts", "--all"])
            .contains("fields chosen (L01"),
        "the list says how it was resolved"
    );
    let lead = Store::open(
        &env.db(),
        PASS,
        OpenMode::Existing,
        spec(),
        sources(2_000_000),
    )
    .expect("reopen");
    let r = lead.load_hearing(b).expect("merged");
    assert_eq!(
        r.hearing.fields.get("courtroom").map(String::as_str),
        Some("monitor")
    );
    assert_eq!(
        r.case.fields.get("court_case_number").map(String::as_str),
        Some("1-1/26 (lead)")
    );
}

#[test]
fn taking_every_difference_keeps_the_incoming_version_and_taking_none_the_local_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_monitor, lead, b, _) = courtroom_conflict(dir.path(), "lead");
    let conflict = lead.conflicts(false).expect("open").remove(0);
    let local = lead.load_hearing(b).expect("local");
    let incoming = lead.conflict_incoming(conflict.uuid).expect("incoming");
    let every = differing(&local, &incoming);
    assert_eq!(every.len(), 2, "{every:?}");
    let tx = lead.begin().expect("tx");
    assert_eq!(
        lead.resolve_conflict_fields(&tx, &conflict, &every)
            .expect("resolve"),
        FieldsResolved::KeptIncoming
    );
    tx.commit().expect("commit");
    let r = lead.load_hearing(b).expect("b");
    assert_eq!(r.hearing.content_hash, incoming.hearing.content_hash);
    assert_eq!(
        lead.conflicts(true).expect("all")[0].resolution.as_deref(),
        Some("incoming")
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let (_monitor, lead, b, _) = courtroom_conflict(dir.path(), "lead");
    let conflict = lead.conflicts(false).expect("open").remove(0);
    let before = lead.load_hearing(b).expect("local");
    let tx = lead.begin().expect("tx");
    assert_eq!(
        lead.resolve_conflict_fields(&tx, &conflict, &[])
            .expect("resolve"),
        FieldsResolved::KeptLocal
    );
    tx.commit().expect("commit");
    assert_eq!(
        lead.load_hearing(b).expect("b").hearing.content_hash,
        before.hearing.content_hash
    );
    assert_eq!(
        lead.conflicts(true).expect("all")[0].resolution.as_deref(),
        Some("local")
    );
}

/// Builds a monitor database with `n` demo hearings of `seed`, its first case records
/// joined (`join_some`), and exports them all.
fn monitor_batch(dir: &Path, name: &str, code: &str, base: u64, seed: u64, n: u64) -> PathBuf {
    let store = new_store(dir, name, code, base);
    fill(&store, seed, n);
    join_some(&store);
    let out = dir.join(format!("{name}-out"));
    match export(
        &store,
        &opts(&out, ScopeKind::All, Profile::Analysis, false),
        &mut |_, _| {},
    )
    .expect("export")
    {
        Some(e) => e.path,
        None => out, // no final hearing: an empty folder, not merged below
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn export_merge_export_gives_the_same_rows_and_merging_twice_changes_nothing(
        seed in 0u64..10_000, n in 1u64..6,
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let batch = monitor_batch(dir.path(), "m", "M07", 0, seed, n);
        prop_assume!(batch.join("manifest.json").exists());
        let lead = new_store(dir.path(), "lead", "L01", 1_000_000);
        let plan = merged(&lead, &batch);
        prop_assert_eq!(plan.counts.new, manifest(&batch).hearings);
        let once = dump(&lead);
        let again = merged(&lead, &batch);
        prop_assert!(again.already_merged.is_some());
        prop_assert_eq!(dump(&lead), once);
        let back = export_to(&lead, &dir.path().join("again"), ScopeKind::All, Profile::Analysis);
        let (back, batch) = (data_files(&back), data_files(&batch));
        let names = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        prop_assert_eq!(names(&back), names(&batch));
        for ((name, again), (_, first)) in back.iter().zip(&batch) {
            prop_assert_eq!(
                String::from_utf8_lossy(again), String::from_utf8_lossy(first), "{}", name
            );
        }
    }

    #[test]
    fn disjoint_batches_merge_to_the_same_database_in_either_order_and_nothing_is_lost(
        seed_a in 0u64..10_000, seed_b in 0u64..10_000, n in 1u64..5,
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = monitor_batch(dir.path(), "a", "M01", 0, seed_a, n);
        let b = monitor_batch(dir.path(), "b", "M02", 100_000, seed_b, n);
        prop_assume!(a.join("manifest.json").exists() && b.join("manifest.json").exists());
        let ab = new_store(dir.path(), "ab", "L01", 1_000_000);
        let ba = new_store(dir.path(), "ba", "L01", 1_000_000);
        merged(&ab, &a);
        merged(&ab, &b);
        merged(&ba, &b);
        merged(&ba, &a);
        prop_assert_eq!(dump(&ab), dump(&ba));
        let mut wanted = BTreeSet::new();
        for batch in [&a, &b] {
            for h in verify(ab.spec(), batch).expect("valid").hearings {
                wanted.insert((h.uuid, h.content_hash));
            }
        }
        let mut have = BTreeSet::new();
        for id in ab.hearing_ids(&Filter::default()).expect("ids") {
            let h = ab.load_hearing(id).expect("load").hearing;
            have.insert((h.uuid, h.content_hash));
        }
        prop_assert_eq!(have, wanted);
    }
}

// ---------------------------------------------------------------------------------------------
// Sealed batches: the same properties

/// The lead's database, with its age identity made, and the monitor's database with that lead
/// in its roster (recipient) and the lead trusting the monitor's signing key.
fn sealed_pair(dir: &Path, seed: u64, n: u64) -> (Store, Store, courtwatch::keys::AgeIdentity) {
    use courtwatch::keys::{KeyKind, PublicKey};
    let monitor = new_store(dir, "m", "M07", 0);
    fill(&monitor, seed, n);
    let lead = new_store(dir, "lead", "L01", 1_000_000);
    let id = lead.age_identity_or_make().expect("lead identity");
    let recipient = PublicKey {
        kind: KeyKind::Recipient,
        text: id.recipient(),
    };
    monitor
        .roster_add(&recipient, "Lead", "keys_add")
        .expect("roster");
    lead.roster_add(&recipient, "Lead", "keys_add")
        .expect("own key");
    let signer = PublicKey {
        kind: KeyKind::Signer,
        text: monitor
            .signing_key_or_make()
            .expect("signing key")
            .public_text(),
    };
    lead.roster_add(&signer, "M07", "keys_add").expect("trust");
    (monitor, lead, id)
}

/// Exports everything of `store` sealed to the roster's leads: the sealed file, if any hearing
/// is final.
fn export_sealed(store: &Store, out: &Path) -> Option<PathBuf> {
    let mut o = opts(out, ScopeKind::All, Profile::Analysis, false);
    o.seal = courtwatch::exchange::export::Seal::Recipients(store.recipients().expect("roster"));
    export(store, &o, &mut |_, _| {})
        .expect("export")
        .map(|e| e.path)
}

/// A sealed batch opened with the lead's identity, as `verify` and `merge` read it.
fn sealed_place(
    path: &Path,
    id: &courtwatch::keys::AgeIdentity,
) -> courtwatch::exchange::verify::Place {
    use courtwatch::exchange::sealed::{Keys, Sealed};
    let keys = Keys {
        identity: Some(id.identity().clone()),
        passphrase: None,
    };
    let sealed = Sealed::open(path, keys).unwrap_or_else(|u| panic!("cannot open: {u:?}"));
    courtwatch::exchange::verify::Place::Sealed(Arc::new(sealed))
}

/// The data files of a sealed batch, decrypted as they are read.
fn sealed_data_files(place: &courtwatch::exchange::verify::Place) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let courtwatch::exchange::verify::Place::Sealed(s) = place else {
        panic!("not sealed");
    };
    Table::ALL
        .iter()
        .map(|t| {
            let name = t.file();
            let (mut r, _) = s
                .open_file(&name)
                .unwrap_or_else(|_| panic!("{name} in the container"));
            let mut bytes = Vec::new();
            r.read_to_end(&mut bytes).expect("decrypt");
            (name, bytes)
        })
        .collect()
}

fn merged_at(
    store: &Store,
    place: &courtwatch::exchange::verify::Place,
) -> courtwatch::exchange::merge::MergePlan {
    match courtwatch::exchange::merge::merge_at(store, place, false, &[], &mut |_, _| {})
        .expect("merge runs")
    {
        Outcome::Merged { plan, warnings } => {
            assert!(warnings.is_empty(), "{warnings:?}");
            *plan
        }
        Outcome::Rejected { problems } => panic!("rejected: {problems:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    /// The round trip and idempotence of plain batches, for sealed ones: a sealed batch
    /// merges at the lead, merging it again changes nothing, and the lead's sealed export of
    /// what it merged holds the same rows as the monitor's.
    #[test]
    fn a_sealed_batch_round_trips_and_merging_it_twice_changes_nothing(
        seed in 0u64..10_000, n in 1u64..6,
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let (monitor, lead, id) = sealed_pair(dir.path(), seed, n);
        let sealed = export_sealed(&monitor, &dir.path().join("out"));
        prop_assume!(sealed.is_some());
        let sealed = sealed.expect("sealed");
        prop_assert!(sealed.is_file(), "one file, not a folder");
        let place = sealed_place(&sealed, &id);
        let batch = courtwatch::exchange::verify::verify_at(lead.spec(), &place).expect("valid");
        prop_assert!(batch.signer.is_some(), "signed");
        let plan = merged_at(&lead, &place);
        prop_assert_eq!(plan.counts.new, batch.manifest.hearings);
        let once = dump(&lead);
        let again = merged_at(&lead, &sealed_place(&sealed, &id));
        prop_assert!(again.already_merged.is_some());
        prop_assert_eq!(dump(&lead), once);
        let back = export_sealed(&lead, &dir.path().join("again")).expect("the lead's batch");
        prop_assert_eq!(
            sealed_data_files(&sealed_place(&back, &id)),
            sealed_data_files(&place)
        );
        // And the same rows as the plain batch of the same hearings.
        let plain = export_to(&monitor, &dir.path().join("plain"), ScopeKind::All, Profile::Analysis);
        prop_assert_eq!(data_files(&plain), sealed_data_files(&place));
    }
}

#[test]
fn a_batch_changed_between_verify_and_apply_is_not_merged() {
    use courtwatch::exchange::merge::{LocalState, apply, plan};
    let dir = tempfile::tempdir().expect("tempdir");
    let batch = monitor_batch(dir.path(), "m", "M07", 0, 3, 6);
    let lead = new_store(dir.path(), "lead", "L01", 1_000_000);
    let before = dump(&lead);
    let hearings = std::fs::read_to_string(batch.join("hearings.csv")).expect("hearings");
    let answers = std::fs::read_to_string(batch.join("checklist_answers.csv")).expect("answers");
    // The last hearing gone from its file; then a checklist answer row whose hearing is not
    // in the batch.
    let last_gone = {
        let lines: Vec<&str> = hearings.lines().collect();
        lines[..lines.len() - 1].join("\n") + "\n"
    };
    let stray = {
        let mut lines: Vec<String> = answers.lines().map(str::to_owned).collect();
        let row = lines.last().expect("a row").clone();
        let rest = row.splitn(3, ',').nth(2).expect("three columns");
        lines.push(format!(
            "0190f5b8-0000-7000-8000-00000000abcd,0190f5b8-0000-7000-8000-00000000dcba,{rest}"
        ));
        lines.join("\n") + "\n"
    };
    for (file, text) in [
        ("hearings.csv", last_gone),
        ("checklist_answers.csv", stray),
    ] {
        let verified = verify(lead.spec(), &batch).expect("valid before the change");
        let local = LocalState::read(&lead, &verified).expect("local state");
        let planned = plan(&local, &verified).expect("plan");
        let original = std::fs::read(batch.join(file)).expect("original");
        std::fs::write(batch.join(file), text).expect("change");
        let err = apply(&lead, &verified, &planned, &mut |_, _| {})
            .expect_err("a changed batch is not merged");
        assert!(
            err.to_string()
                .contains("changed while it was being merged"),
            "{err}"
        );
        assert_eq!(dump(&lead), before, "{file}: nothing written");
        std::fs::write(batch.join(file), original).expect("restore");
    }
    merged(&lead, &batch);
    assert_ne!(dump(&lead), before);
}

// ---------------------------------------------------------------------------------------------
// Bad input, through the real binary: rejected with file and line, the database unchanged

/// A monitor's batch (6 demo hearings of seed 2) and a lead's empty database.
pub struct Case {
    pub monitor: Env,
    pub lead: Env,
    pub batch: PathBuf,
}

impl Case {
    pub fn new() -> Case {
        let monitor = Env::with_demo(6, 2);
        let out = monitor.dir.path().join("out");
        let path = monitor.ok(&[
            "export",
            "--plaintext",
            "--out",
            out.to_str().expect("path"),
            "--all",
        ]);
        let batch = PathBuf::from(path.trim());
        let lead = Env::new();
        lead.ok(&["init", "--code", "L01", "--name", "Lead"]);
        Case {
            monitor,
            lead,
            batch,
        }
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.batch.join(name)
    }

    /// Rewrites a CSV file of the batch (analysis profile) through the csv crate.
    pub fn edit_csv(&self, name: &str, change: impl FnOnce(&mut Vec<Vec<String>>)) {
        let path = self.file(name);
        let mut rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(&path)
            .expect("open")
            .records()
            .map(|r| r.expect("row").iter().map(str::to_owned).collect())
            .collect();
        change(&mut rows);
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_path(&path)
            .expect("write");
        for r in rows {
            w.write_record(&r).expect("row");
        }
        w.flush().expect("flush");
    }

    /// Changes the manifest (then [`Case::reseal`] makes SHA256SUMS match again).
    pub fn edit_manifest(&self, change: impl FnOnce(&mut serde_json::Value)) {
        let path = self.file("manifest.json");
        let mut m: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).expect("manifest")).expect("json");
        change(&mut m);
        std::fs::write(&path, serde_json::to_vec_pretty(&m).expect("json")).expect("write");
    }

    /// Makes the manifest's sizes, row counts and SHA-256 of every CSV file, and SHA256SUMS,
    /// match the files again: what a writer forging a batch would do.
    pub fn reseal(&self) {
        // A forger cannot sign: the signature goes, and the key the manifest names.
        let _ = std::fs::remove_file(self.file("manifest.json.minisig"));
        self.edit_manifest(|m| {
            if let Some(o) = m.as_object_mut() {
                o.remove("signing_key");
            }
            for f in m["files"].as_array_mut().expect("files") {
                let name = f["name"].as_str().expect("name").to_owned();
                let Ok(bytes) = std::fs::read(self.file(&name)) else {
                    continue;
                };
                let rows = csv::ReaderBuilder::new()
                    .has_headers(true)
                    .flexible(true)
                    .from_reader(bytes.as_slice())
                    .byte_records()
                    .count();
                f["sha256"] = courtwatch::domain::sha256_hex(&bytes).into();
                f["bytes"] = bytes.len().into();
                f["rows"] = rows.into();
            }
        });
        let sums = std::fs::read_to_string(self.file("SHA256SUMS")).expect("sums");
        let sums: String = sums
            .lines()
            .map(|l| match l.split_once("  ") {
                Some((_, name)) => match std::fs::read(self.file(name)) {
                    Ok(bytes) => format!("{}  {name}\n", courtwatch::domain::sha256_hex(&bytes)),
                    Err(_) => format!("{l}\n"),
                },
                None => format!("{l}\n"),
            })
            .collect();
        std::fs::write(self.file("SHA256SUMS"), sums).expect("write sums");
    }

    pub fn column(&self, name: &str, column: &str) -> usize {
        let header = std::fs::read_to_string(self.file(name)).expect("file");
        header
            .lines()
            .next()
            .expect("header")
            .split(',')
            .position(|c| c == column)
            .expect("column")
    }

    /// Runs verify and merge; both must fail naming `needle`; the lead's database stays empty.
    pub fn rejected(&self, needle: &str) -> String {
        let batch = self.batch.to_str().expect("path");
        let v = self.lead.run(&["verify", batch]);
        assert_eq!(v.status.code(), Some(1), "verify must fail");
        let err = String::from_utf8_lossy(&v.stderr).into_owned();
        assert!(
            err.contains(needle),
            "verify: expected {needle:?} in:\n{err}"
        );
        let m = self.lead.run(&["merge", batch]);
        assert_eq!(m.status.code(), Some(1), "merge must fail");
        let merr = String::from_utf8_lossy(&m.stderr);
        assert!(
            merr.contains(needle),
            "merge: expected {needle:?} in:\n{merr}"
        );
        assert_eq!(
            self.lead.ok(&["list", "--format", "csv"]).lines().count(),
            1
        );
        assert!(
            self.lead
                .ok(&["batches", "--format", "csv"])
                .lines()
                .count()
                <= 1
        );
        err
    }
}

#[test]
fn an_intact_batch_verifies_and_merges_through_the_binary() {
    let c = Case::new();
    let batch = c.batch.to_str().expect("path");
    assert!(c.lead.ok(&["verify", batch]).contains("is a valid batch"));
    let dry = c.lead.ok(&["merge", "--dry-run", batch]);
    assert!(dry.contains("dry run"), "{dry}");
    assert_eq!(c.lead.ok(&["list", "--format", "csv"]).lines().count(), 1);
    let out = c.lead.ok(&["merge", batch]);
    assert!(out.contains(" new,") && out.contains("0 rejected"), "{out}");
    let again = c.lead.ok(&["merge", batch]);
    assert!(again.contains("already merged"), "{again}");
    let batches = c.lead.ok(&["batches"]);
    assert!(batches.contains("M07"), "{batches}");
    assert!(c.lead.ok(&["conflicts"]).contains("0 conflict(s)"));
    let _ = &c.monitor;
}

/// A merge writes straight into the database file with a rollback journal (no other
/// connection has it open); killed while it writes, it leaves the database as it was, and the
/// batch then merges whole.
#[test]
fn a_merge_killed_while_writing_leaves_the_database_as_it_was() {
    let monitor = Env::with_demo(300, 3);
    let out = monitor.dir.path().join("out");
    let batch = monitor.ok(&[
        "export",
        "--plaintext",
        "--out",
        out.to_str().expect("path"),
        "--all",
    ]);
    let batch = batch.trim();
    let hearings = std::fs::read_to_string(Path::new(batch).join("hearings.csv"))
        .expect("hearings.csv")
        .lines()
        .count()
        - 1;
    let lead = Env::new();
    lead.ok(&["init", "--code", "L01", "--name", "Lead"]);
    let journal = PathBuf::from(format!("{}-journal", lead.db().display()));
    let mut child = lead
        .cmd(&["merge", batch])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start merge");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !journal.exists() {
        if let Some(status) = child.try_wait().expect("wait") {
            panic!("the merge ended ({status}) before it was seen writing");
        }
        assert!(std::time::Instant::now() < deadline, "no journal appeared");
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    child.kill().expect("kill -9");
    child.wait().expect("reap");

    assert_eq!(lead.ok(&["list", "--format", "csv"]).lines().count(), 1);
    assert!(
        lead.ok(&["batches", "--format", "csv"]).lines().count() <= 1,
        "no batch is recorded as merged"
    );
    let merged = lead.ok(&["merge", batch]);
    assert!(merged.contains(&format!("{hearings} new")), "{merged}");
    assert_eq!(
        lead.ok(&["list", "--format", "csv"]).lines().count(),
        hearings + 1
    );
    assert!(
        !journal.exists(),
        "the journal is gone once a merge completes"
    );
}

/// A hearing whose content was changed after it was hashed, in a batch whose checksums were
/// made again to match and with a new batch id: rejected, naming the line and column — not
/// taken as "unchanged" under its old hash.
#[test]
fn a_record_that_no_longer_matches_its_content_hash_is_rejected() {
    let c = Case::new();
    let col = c.column("hearings.csv", "judge_name");
    let hash_col = c.column("hearings.csv", "content_hash");
    c.edit_csv("hearings.csv", |rows| rows[2][col] = "Иной судья".into());
    c.edit_manifest(|m| m["batch_id"] = "0190f5b8-0000-7000-8000-0000000b0001".into());
    c.reseal();
    let err = c.rejected(&format!(
        "hearings.csv:3:{}: content_hash: hearing",
        hash_col + 1
    ));
    assert!(err.contains("does not match it"), "{err}");
    assert!(err.contains("(1 problem(s))"), "one problem: {err}");
}

#[test]
fn a_truncated_file_is_rejected() {
    let c = Case::new();
    let path = c.file("checklist_answers.csv");
    let bytes = std::fs::read(&path).expect("file");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("truncate");
    let err = c.rejected("checklist_answers.csv");
    assert!(err.contains("truncated"), "{err}");
    assert!(
        err.contains("checklist_answers.csv:"),
        "names a line: {err}"
    );
}

#[test]
fn one_changed_byte_fails_the_checksum() {
    let c = Case::new();
    let path = c.file("hearings.csv");
    let mut bytes = std::fs::read(&path).expect("file");
    let at = bytes.len() - 10;
    bytes[at] = if bytes[at] == b'0' { b'1' } else { b'0' };
    std::fs::write(&path, &bytes).expect("write");
    let err = c.rejected("hearings.csv");
    assert!(err.contains("SHA-256"), "{err}");
}

#[test]
fn an_unknown_format_version_is_rejected() {
    let c = Case::new();
    let path = c.file("manifest.json");
    let text = std::fs::read_to_string(&path).expect("manifest");
    std::fs::write(
        &path,
        text.replace("\"format_version\": 1", "\"format_version\": 99"),
    )
    .expect("write");
    let err = c.rejected("manifest.json");
    assert!(err.contains("format_version 99"), "{err}");
}

#[test]
fn a_missing_column_is_rejected() {
    let c = Case::new();
    let col = c.column("hearings.csv", "judge_name");
    c.edit_csv("hearings.csv", |rows| {
        for r in rows {
            r.remove(col);
        }
    });
    c.rejected("hearings.csv:1: column judge_name is missing");
}

#[test]
fn an_extra_column_is_rejected() {
    let c = Case::new();
    c.edit_csv("parties.csv", |rows| {
        for (i, r) in rows.iter_mut().enumerate() {
            r.push(if i == 0 {
                "nickname".into()
            } else {
                "x".into()
            });
        }
    });
    c.rejected("unknown column \"nickname\"");
}

#[test]
fn invalid_utf8_is_rejected_with_its_line_and_column() {
    let c = Case::new();
    let path = c.file("hearings.csv");
    let text = std::fs::read_to_string(&path).expect("file");
    let cyrillic = |s: &str| s.chars().position(|ch| ('а'..='я').contains(&ch));
    // The first cell of the first data row holding Cyrillic text, and its first such letter.
    let row: Vec<String> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .next()
        .expect("a data row")
        .expect("row")
        .iter()
        .map(str::to_owned)
        .collect();
    let col = row
        .iter()
        .position(|c| cyrillic(c).is_some())
        .expect("Cyrillic cell");
    let line2 = text.find("\r\n").expect("header") + 2;
    let pos = line2
        + text[line2..]
            .char_indices()
            .find(|(_, ch)| ('а'..='я').contains(ch))
            .expect("Cyrillic")
            .0;
    let mut bytes = text.into_bytes();
    bytes[pos] = 0xFF;
    std::fs::write(&path, &bytes).expect("write");
    c.rejected(&format!("hearings.csv:2:{}: is not valid UTF-8", col + 1));
}

#[test]
fn a_bad_date_is_rejected() {
    let c = Case::new();
    let col = c.column("hearings.csv", "hearing_date");
    c.edit_csv("hearings.csv", |rows| rows[3][col] = "2026-13-45".into());
    c.rejected(&format!(
        "hearings.csv:4:{}: hearing_date: \"2026-13-45\" is not a date",
        col + 1
    ));
}

#[test]
fn an_unknown_code_is_rejected() {
    let c = Case::new();
    let col = c.column("hearing_parties.csv", "restraints");
    c.edit_csv("hearing_parties.csv", |rows| {
        rows[2][col] = "chained_to_radiator".into()
    });
    c.rejected(&format!(
        "hearing_parties.csv:3:{}: restraints: unknown code \"chained_to_radiator\"",
        col + 1
    ));
}

#[test]
fn a_duplicate_uuid_is_rejected() {
    let c = Case::new();
    c.edit_csv("timeline.csv", |rows| {
        let again = rows[1].clone();
        rows.push(again);
    });
    c.reseal();
    let err = c.rejected("timeline.csv:");
    assert!(err.contains("appears twice (first on line 2)"), "{err}");
}

#[test]
fn a_row_whose_parent_is_missing_is_rejected() {
    let c = Case::new();
    let col = c.column("timeline.csv", "hearing_uuid");
    c.edit_csv("timeline.csv", |rows| {
        rows[1][col] = "01234567-89ab-4def-8123-456789abcdef".into()
    });
    c.rejected(&format!(
        "timeline.csv:2:{}: hearing_uuid: no row with uuid 01234567-89ab-4def-8123-456789abcdef in hearings.csv",
        col + 1
    ));
}

/// A monitor's database of three demo hearings in `dir`, and the first final one, which has a
/// timeline and checklist answers.
fn one_final_hearing(dir: &Path) -> (Store, uuid::Uuid) {
    let store = new_store(dir, "m", "M07", 0);
    fill(&store, 9, 3);
    let id = store
        .export_candidates(&Filter::default(), false)
        .expect("ids")[0]
        .uuid;
    (store, id)
}

#[test]
fn a_one_megabyte_narrative_and_formula_text_survive_both_profiles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, id) = one_final_hearing(dir.path());
    let sentence =
        "Подсудимый заявил, что его избивали; \"кавычки\", запятые\r\nи переводы строк. ";
    let mut big = String::from("=1+1 ");
    while big.len() < 1_000_000 {
        big.push_str(sentence);
    }
    edit(&store, id, |r| {
        r.hearing.fields.insert("narrative".into(), big.clone());
        r.timeline[0].note = "-5 minutes late; @judge".into();
    });
    for profile in [Profile::Analysis, Profile::Excel] {
        let batch = export_to(
            &store,
            &dir.path().join(profile.code()),
            ScopeKind::All,
            profile,
        );
        let hearings = std::fs::read(batch.join("hearings.csv")).expect("hearings");
        let guarded = hearings
            .windows(6)
            .any(|w| w == b"\"'=1+1" || w == b";'=1+1");
        assert_eq!(
            guarded,
            profile == Profile::Excel,
            "{profile}: formula guard"
        );
        let lead = new_store(dir.path(), &format!("lead-{profile}"), "L01", 1_000_000);
        merged(&lead, &batch);
        let r = lead.load_hearing(id).expect("merged");
        assert_eq!(r.hearing.fields.get("narrative"), Some(&big));
        assert!(
            r.timeline
                .iter()
                .any(|e| e.note == "-5 minutes late; @judge")
        );
    }
}

/// Text as a monitor types or pastes it: Russian and Tajik words (ҳ қ ғ ӯ ӣ ҷ among them), the
/// delimiters of both profiles, quotes, line breaks and tabs, and the signs a spreadsheet
/// takes for a formula (`= + - @`) anywhere, the start included; sometimes thousands of
/// characters long.
fn typed_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[а-яА-ЯёЁ]{1,12}",
        "[ҳқғӯӣҷҲҚҒӮӢҶ]{1,4}",
        "[a-zA-Z0-9]{1,8}",
        prop::sample::select(vec![
            " ", ",", ";", "\"", "'", "\n", "\r\n", "\t", "=", "+", "-", "@", "'=", "\"\"",
        ])
        .prop_map(str::to_owned),
    ];
    (
        prop::collection::vec(piece, 1..24),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(parts, long)| {
            let text = parts.concat();
            if long {
                text.repeat(4_000 / text.len() + 1)
            } else {
                text
            }
        })
}

/// [`typed_text`] with more than white space: what a required field holds once finalised (the
/// batch reader applies the rules of finalising, and white space alone is empty there).
fn filled_text() -> impl Strategy<Value = String> {
    typed_text().prop_filter("a required field holds more than white space", |s| {
        !s.trim().is_empty()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// Whatever text a record holds comes back the same from a lead's database after a batch
    /// in either profile: in a hearing's long and short text fields, a timeline note and a
    /// checklist comment.
    #[test]
    fn any_typed_text_survives_a_batch_in_either_profile(
        narrative in filled_text(), judge in filled_text(), note in typed_text(), comment in typed_text(),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let (store, id) = one_final_hearing(dir.path());
        edit(&store, id, |r| {
            r.hearing.fields.insert("narrative".into(), narrative.clone());
            r.hearing.fields.insert("judge_name".into(), judge.clone());
            r.timeline[0].note = note.clone();
            if let Some(a) = r.answers.first_mut() {
                a.comment = comment.clone();
            }
        });
        let sent = store.load_hearing(id).expect("load");
        for profile in [Profile::Analysis, Profile::Excel] {
            let batch = export_to(&store, &dir.path().join(profile.code()), ScopeKind::All, profile);
            let lead = new_store(dir.path(), &format!("lead-{profile}"), "L01", 1_000_000);
            merged(&lead, &batch);
            let got = lead.load_hearing(id).expect("merged");
            prop_assert_eq!(got.hearing.fields.get("narrative"), Some(&narrative), "{}", profile);
            prop_assert_eq!(got.hearing.fields.get("judge_name"), Some(&judge), "{}", profile);
            prop_assert_eq!(&got.timeline, &sent.timeline, "{}", profile);
            prop_assert_eq!(&got.answers, &sent.answers, "{}", profile);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Independent readers

/// Runs a Python script on a batch; `None` (a skip, allowed only outside CI) when a module it
/// needs is missing (exit code 77).
fn python(script: &str, batch: &Path, needs: &str) -> Option<String> {
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(batch)
        .output()
        .expect("python3");
    if out.status.code() == Some(77) {
        assert!(
            std::env::var("CI").is_err(),
            "{needs} must be installed in CI (.ci/run does it)"
        );
        eprintln!("skipped: {needs} is not installed");
        return None;
    }
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

const PY_CSV: &str = r#"
import csv, json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json"), encoding="utf-8"))
enc = "utf-8-sig" if m["bom"] else "utf-8"
for f in m["files"]:
    with open(os.path.join(d, f["name"]), newline="", encoding=enc) as fh:
        rows = list(csv.reader(fh, delimiter=m["delimiter"]))
    header, data = rows[0], rows[1:]
    assert header[0] in ("uuid", "variable", "code", "at"), (f["name"], header[0])
    assert all(len(r) == len(header) for r in data), f["name"]
    assert len(data) == f["rows"], (f["name"], len(data), f["rows"])
    assert os.path.getsize(os.path.join(d, f["name"])) == f["bytes"], f["name"]
print("ok", len(m["files"]))
"#;

const PY_FRICTIONLESS: &str = r#"
import sys
try:
    import frictionless
except ImportError:
    sys.exit(77)
report = frictionless.validate(sys.argv[1] + "/datapackage.json")
if not report.valid:
    print(report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])[:20])
    sys.exit(1)
print("valid")
"#;

/// The golden database exported in each profile, one after the other: the second batch also
/// carries the output log (`outputs.csv`, the first batch's row).
fn both_profiles(dir: &Path) -> Vec<PathBuf> {
    let store = golden_store(dir);
    [Profile::Analysis, Profile::Excel]
        .into_iter()
        .map(|p| export_to(&store, &dir.join(p.code()), ScopeKind::All, p))
        .collect()
}

#[test]
fn pythons_csv_module_reads_every_file_with_the_manifests_row_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (i, batch) in both_profiles(dir.path()).into_iter().enumerate() {
        let out = python(PY_CSV, &batch, "python3").expect("python3 is always there");
        // Every table and side file, and the codebook; and the output log in the second
        // batch (`data_files` leaves it out: it is the writing database's own).
        assert_eq!(
            out.trim(),
            format!("ok {}", data_files(&batch).len() + 1 + i)
        );
        assert_eq!(manifest(&batch).file("outputs.csv").is_some(), i == 1);
        assert!(manifest(&batch).file(CODEBOOK).is_some());
    }
}

#[test]
fn sha256sum_checks_every_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (i, batch) in both_profiles(dir.path()).into_iter().enumerate() {
        let out = std::process::Command::new("sha256sum")
            .args(["-c", "--strict", "SHA256SUMS"])
            .current_dir(&batch)
            .output()
            .expect("sha256sum");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{text}");
        let names: BTreeSet<String> = std::fs::read_dir(&batch)
            .expect("batch")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            // The signature of the manifest is the one file SHA256SUMS leaves out.
            .filter(|n| n != "SHA256SUMS" && n != "manifest.json.minisig")
            .collect();
        assert!(batch.join("manifest.json.minisig").is_file(), "signed");
        for n in &names {
            assert!(
                text.contains(&format!("{n}: OK")),
                "{n} not checked:\n{text}"
            );
        }
        // Every table and side file, the codebook, the manifest and the package; and the
        // output log in the second batch.
        assert_eq!(names.len(), data_files(&batch).len() + 3 + i);
    }
}

#[test]
fn the_frictionless_validator_reports_the_package_valid() {
    let dir = tempfile::tempdir().expect("tempdir");
    for batch in both_profiles(dir.path()) {
        if let Some(out) = python(
            PY_FRICTIONLESS,
            &batch,
            "frictionless (pip install frictionless==5.18.1)",
        ) {
            assert_eq!(out.trim(), "valid", "{}", batch.display());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Benchmark helper

// ---------------------------------------------------------------------------------------------
// The lead's commands through the binary

#[test]
fn a_lead_merges_two_monitors_reviews_and_exports_everything_in_either_profile() {
    let c = Case::new();
    let other = Env::new();
    other.ok(&["init", "--code", "M08", "--name", "Second Monitor"]);
    other.ok(&["demo", "--hearings", "4", "--seed", "5"]);
    let out = other.dir.path().join("out");
    let second = other.ok(&[
        "export",
        "--plaintext",
        "--out",
        out.to_str().expect("path"),
    ]);
    let lead = &c.lead;
    let merged = lead.ok(&["merge", second.trim(), c.batch.to_str().expect("path")]);
    assert!(
        merged.contains("2 batch(es) merged, 0 rejected"),
        "{merged}"
    );
    let ids: Vec<String> = lead
        .ok(&["list", "--format", "csv"])
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().expect("uuid").to_owned())
        .collect();
    assert!(
        lead.ok(&["review", &ids[0]])
            .contains("Marked 1 hearing(s) reviewed")
    );
    assert_eq!(
        lead.ok(&["list", "--status", "reviewed", "--format", "csv"])
            .lines()
            .count(),
        2
    );
    assert_eq!(lead.run(&["review", "not-an-id"]).status.code(), Some(1));
    // Usage errors exit 2; a conflict that does not exist is a runtime failure.
    assert_eq!(
        lead.run(&["conflicts", "resolve", &ids[0]]).status.code(),
        Some(2)
    );
    let none = lead.run(&["conflicts", "resolve", &ids[0], "--keep", "local"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no open conflict"));
    let batches = lead.ok(&["batches", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&batches).expect("json");
    assert_eq!(v["monitors"].as_array().map(Vec::len), Some(2));
    // The merged database exports whole, in both profiles, and verifies.
    for profile in ["analysis", "excel"] {
        let dir = lead.dir.path().join(profile);
        let path = lead.ok(&[
            "export",
            "--plaintext",
            "--out",
            dir.to_str().expect("path"),
            "--all",
            "--profile",
            profile,
        ]);
        let m = manifest(Path::new(path.trim()));
        assert_eq!(m.monitors.len(), 2, "{profile}");
        assert_eq!(m.monitor.code, "L01");
        assert!(
            lead.ok(&["verify", path.trim()])
                .contains("is a valid batch")
        );
    }
}

#[test]
fn a_database_of_the_first_schema_is_upgraded_and_exports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "key", PASS).expect("key");
        let (_, first) = courtwatch::store::MIGRATIONS[0];
        conn.execute_batch(first).expect("schema 1");
        conn.pragma_update(None, "user_version", 1)
            .expect("version");
    }
    let mut store =
        Store::open(&path, PASS, OpenMode::Existing, spec(), sources(0)).expect("upgrade");
    store.create_profile("M07", "Old", "").expect("profile");
    fill(&store, 4, 3);
    let batch = export_to(&store, dir.path(), ScopeKind::All, Profile::Analysis);
    assert!(verify(store.spec(), &batch).is_ok());
    let v: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(v, courtwatch::store::SCHEMA_VERSION);
}

/// A new final hearing of `of`'s case with id `id`: a copy of `of`'s own rows under new ids,
/// the case's rows shared, as the next hearing of a trial has them.
fn another_hearing_of(store: &Store, of: uuid::Uuid, id: u128) -> uuid::Uuid {
    let mut next = id - 0x1_0000;
    let mut fresh = || {
        next += 1;
        uuid::Uuid::from_u128(next)
    };
    let mut r = store.load_hearing(of).expect("load");
    let new_hearing = uuid::Uuid::from_u128(id);
    r.hearing.uuid = new_hearing;
    for x in &mut r.hearing_parties {
        (x.uuid, x.hearing_uuid) = (fresh(), new_hearing);
    }
    for x in &mut r.answers {
        (x.uuid, x.hearing_uuid) = (fresh(), new_hearing);
    }
    for x in &mut r.timeline {
        (x.uuid, x.hearing_uuid) = (fresh(), new_hearing);
    }
    let mut renamed = std::collections::HashMap::new();
    for x in &mut r.allegations {
        let new = fresh();
        renamed.insert(x.uuid, new);
        (x.uuid, x.hearing_uuid) = (new, new_hearing);
    }
    for x in &mut r.followups {
        (x.uuid, x.allegation_uuid) = (fresh(), renamed[&x.allegation_uuid]);
    }
    r.audit.clear();
    r.hearing.ancestors.clear();
    r.hearing.parent_hash.clear();
    r.hearing.version = 1;
    r.hearing.content_hash = content_hash(&r);
    let tx = store.begin().expect("tx");
    store.write_record(&tx, &r).expect("write");
    tx.commit().expect("commit");
    new_hearing
}

/// The case number of a hearing's case.
fn case_number(store: &Store, hearing: uuid::Uuid) -> String {
    let r = store.load_hearing(hearing).expect("load");
    r.case
        .fields
        .get("court_case_number")
        .cloned()
        .unwrap_or_default()
}

/// Every hearing's stored hash is true to its content: an export of everything verifies.
fn hashes_hold(store: &Store, out: &Path) {
    let batch = export_to(store, out, ScopeKind::All, Profile::Analysis);
    if let Err(problems) = verify(store.spec(), &batch) {
        panic!("{problems:?}");
    }
}

#[test]
fn case_facts_changed_on_two_sides_conflict_instead_of_overwriting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let monitor = new_store(dir.path(), "m", "M07", 0);
    fill(&monitor, 5, 3);
    let out = dir.path().join("out");
    let h1 = monitor
        .export_candidates(&Filter::default(), false)
        .expect("ids")[0]
        .uuid;
    let h2 = another_hearing_of(&monitor, h1, 0xaaaa_0000_0000);
    let case = monitor.load_hearing(h1).expect("h1").case.uuid;
    let lead = new_store(dir.path(), "lead", "L01", 1_000_000);
    merged(
        &lead,
        &export_to(&monitor, &out, ScopeKind::All, Profile::Analysis),
    );
    let original = case_number(&lead, h1);

    // The monitor changes the case number at hearing 1; their other hearing follows, so the
    // batch replaces every hearing of the case here and the change moves with them.
    edit(&monitor, h1, |r| {
        r.case
            .fields
            .insert("court_case_number".into(), "1-7/26 (monitor)".into());
    });
    let p = merged(
        &lead,
        &export_to(&monitor, &out, ScopeKind::SinceLast, Profile::Analysis),
    );
    let trial = lead.local_case(case).expect("case").expect("here").hearings;
    assert!(trial.len() >= 2);
    assert_eq!(
        (p.counts.updated, p.counts.conflicts),
        (trial.len() as u64, 0),
        "{p:?}"
    );
    assert_eq!(case_number(&lead, h2), "1-7/26 (monitor)");

    // Now the lead corrects the case number, and the monitor records hearing 3 of the trial
    // without having seen that: hearing 3 carries the monitor's case number.
    edit(&lead, h1, |r| {
        r.case
            .fields
            .insert("court_case_number".into(), "1-7/26 (lead)".into());
    });
    let h3 = another_hearing_of(&monitor, h1, 0xbbbb_0000_0000);
    let p = merged(
        &lead,
        &export_to(&monitor, &out, ScopeKind::SinceLast, Profile::Analysis),
    );
    assert!(p.actions.contains(&(h3, Action::Conflict)), "{p:?}");
    assert_eq!(p.counts.conflicts, 1);
    // Nothing overwritten: the lead's case number stands at every hearing, hearing 3 is here
    // with it, and the monitor's version of hearing 3 waits whole for the lead.
    for h in [h1, h2, h3] {
        assert_eq!(case_number(&lead, h), "1-7/26 (lead)");
    }
    let conflict = lead.conflicts(false).expect("open").remove(0);
    assert_eq!(conflict.hearing_uuid, h3);
    let incoming = lead.conflict_incoming(conflict.uuid).expect("incoming");
    assert_eq!(
        incoming.case.fields["court_case_number"],
        "1-7/26 (monitor)"
    );
    assert_eq!(
        incoming.hearing.content_hash,
        monitor.load_hearing(h3).expect("h3").hearing.content_hash
    );
    hashes_hold(&lead, &dir.path().join("check1"));

    // The lead takes the monitor's version: the case number moves to the whole trial, each
    // other hearing gets a new version, and every hash still holds.
    let v2 = lead.load_hearing(h2).expect("h2").hearing.version;
    lead.resolve_open_conflict(conflict.uuid, true)
        .expect("resolve");
    for h in [h1, h2, h3] {
        assert_eq!(case_number(&lead, h), "1-7/26 (monitor)");
    }
    assert!(lead.load_hearing(h2).expect("h2").hearing.version > v2);
    hashes_hold(&lead, &dir.path().join("check2"));
    assert_ne!(original, "1-7/26 (lead)");
}

#[test]
fn hearings_sharing_a_case_travel_and_merge_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = new_store(dir.path(), "m", "M07", 0);
    fill(&store, 8, 4);
    let ids = store
        .export_candidates(&Filter::default(), false)
        .expect("ids");
    let before = manifest(&export_to(
        &store,
        &dir.path().join("before"),
        ScopeKind::All,
        Profile::Analysis,
    ));
    // A second hearing of the first hearing's case, with rows of its own.
    another_hearing_of(&store, ids[0].uuid, u128::MAX - 1);

    let batch = export_to(
        &store,
        &dir.path().join("a"),
        ScopeKind::All,
        Profile::Analysis,
    );
    let m = manifest(&batch);
    // One more hearing, and no more case rows: the case travels once.
    assert_eq!(m.hearings, before.hearings + 1);
    assert_eq!(
        m.file("cases.csv").expect("cases").rows,
        before.file("cases.csv").expect("cases").rows
    );
    let lead = new_store(dir.path(), "lead", "L01", 1_000_000);
    assert_eq!(merged(&lead, &batch).counts.new, m.hearings);
    let back = export_to(
        &lead,
        &dir.path().join("b"),
        ScopeKind::All,
        Profile::Analysis,
    );
    assert_eq!(data_files(&back), data_files(&batch));
}

#[test]
fn a_row_out_of_place_is_rejected() {
    let c = Case::new();
    let col = c.column("timeline.csv", "hearing_uuid");
    // Move the first timeline row to the end: its hearing was read long before.
    c.edit_csv("timeline.csv", |rows| {
        let first = rows.remove(1);
        rows.push(first);
    });
    let err = c.rejected("timeline.csv:");
    assert!(
        err.contains(&format!(
            ":{}: hearing_uuid: the row is out of place",
            col + 1
        )),
        "{err}"
    );
}

/// An independent writer: a batch made by Python from the README's description alone (the
/// standard library, and the form files it names for the columns), content hashes included,
/// verifies and merges without a warning.
#[test]
fn a_batch_written_by_python_from_the_readme_merges_without_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let batch = dir.path().join("courtwatch-P01-000001-20261123T101500");
    let out = std::process::Command::new("python3")
        .args(["-c", PY_WRITER])
        .arg(&batch)
        .arg(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let lead = Env::new();
    lead.ok(&["init", "--code", "L01", "--name", "Lead"]);
    let path = batch.to_str().expect("path");
    let v = lead.run(&["verify", path]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&v.stdout),
        String::from_utf8_lossy(&v.stderr)
    );
    assert!(v.status.success(), "{said}");
    assert!(!said.contains("warning"), "{said}");
    let m = lead.run(&["merge", path]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&m.stdout),
        String::from_utf8_lossy(&m.stderr)
    );
    assert!(m.status.success(), "{said}");
    assert!(!said.contains("warning"), "{said}");
    assert!(said.contains("2 new,"), "{said}");
    let shown = lead.ok(&["show", "0190f5b8-0000-7000-8000-000000000102"]);
    assert!(shown.contains("Записано независимо."), "{shown}");
}

/// Writes a batch of two hearings of one case (one defendant, a charge, an answer, a timeline
/// event) following the README's Batch format section.
const PY_WRITER: &str = r#"
import csv, hashlib, json, os, sys, tomllib
out, root = sys.argv[1], sys.argv[2]
os.makedirs(out)
FORMS = ["allegation", "case", "charge", "checklist", "consent", "followup", "hearing",
         "hearing_party", "party"]
forms = {f: tomllib.load(open(f"{root}/assets/forms/{f}.toml", "rb")) for f in FORMS}
lists = {}
for name in os.listdir(f"{root}/assets/lists"):
    lists.update(tomllib.load(open(f"{root}/assets/lists/{name}", "rb")).get("lists", {}))
courts = tomllib.load(open(f"{root}/assets/courts.toml", "rb"))["courts"]

def fields_of(form):
    return [f["id"] for s in forms[form]["sections"] for f in s["fields"]]

def value(f):
    kind = f["kind"]
    if kind in ("choice", "multi_choice"):
        if f["list"] == "court":
            return courts[0]["code"]
        return next(iter(lists[f["list"]]))
    return {"date": "2026-11-20", "time": "10:00", "number": "1"}.get(kind, "Записано независимо.")

def holds(when, values):
    given = (values.get(when["field"]) or "").split("|")
    return any(code in given for code in when["any_of"])

def required(form, context={}, **given):
    # Every required field whose condition holds (looking at the record's own values, then
    # the records above it), and nothing where a condition does not hold.
    out = dict(given)
    for _ in range(3):
        for f in (f for s in forms[form]["sections"] for f in s["fields"]):
            if not f.get("required") or f.get("retired") or f["id"] in given:
                continue
            if "when" not in f or holds(f["when"], {**context, **out}):
                out.setdefault(f["id"], value(f))
            else:
                out.pop(f["id"], None)
    return out

U = lambda n: f"0190f5b8-0000-7000-8000-{n:012x}"
MON = U(0xaa)
case = {"uuid": U(1), "fields": required("case")}
party = {"uuid": U(2), "case_uuid": U(1), "fields": required("party", case["fields"], role="defendant")}
charge = {"uuid": U(3), "party_uuid": U(2), "fields": required("charge")}
hearings = []
for i, h in enumerate([U(0x101), U(0x102)]):
    hf = required("hearing", case["fields"], narrative="Записано независимо.\nВторая строка.")
    hearings.append({
        "uuid": h, "case_uuid": U(1), "monitor_uuid": MON,
        "fields": hf,
        "hearing_parties": [{"uuid": U(0x201 + i), "hearing_uuid": h, "party_uuid": U(2),
                             "fields": required("hearing_party",
                                               {**case["fields"], **hf, **party["fields"]})}],
        "answers": [{"uuid": U(0x301 + i), "hearing_uuid": h, "item_code": "PUB-01",
                     "party_uuid": None, "answer": "yes", "comment": ""}],
        "timeline": [{"uuid": U(0x401 + i), "hearing_uuid": h, "at": "2026-11-20T10:05:00+05:00",
                      "code": next(iter(lists["timeline_event"])), "note": ""}],
    })

def canonical(h):
    def row(r, keys):
        d = {k: r[k] for k in keys}
        if "fields" in r:
            d["fields"] = dict(sorted(r["fields"].items()))
        return d
    return {
        "case": row(case, ["uuid"]),
        "hearing": row(h, ["uuid", "case_uuid", "monitor_uuid"]),
        "parties": [row(party, ["uuid", "case_uuid"])],
        "hearing_parties": [row(x, ["uuid", "hearing_uuid", "party_uuid"]) for x in h["hearing_parties"]],
        "charges": [row(charge, ["uuid", "party_uuid"])],
        "answers": [row(x, ["uuid", "hearing_uuid", "item_code", "party_uuid", "answer", "comment"]) for x in h["answers"]],
        "allegations": [], "followups": [],
        "timeline": [row(x, ["uuid", "hearing_uuid", "at", "code", "note"]) for x in h["timeline"]],
        "consents": [],
    }

def content_hash(h):
    text = json.dumps(canonical(h), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()

versions = "|".join(f"{f}={forms[f]['version']}" for f in FORMS)
KEYS = {
    "hearings": (["uuid", "case_uuid", "monitor_uuid", "status", "version", "content_hash",
                  "parent_hash", "ancestors", "form_versions", "created_at", "updated_at"], "hearing"),
    "cases": (["uuid"], "case"),
    "parties": (["uuid", "case_uuid"], "party"),
    "hearing_parties": (["uuid", "hearing_uuid", "party_uuid"], "hearing_party"),
    "charges": (["uuid", "party_uuid"], "charge"),
    "checklist_answers": (["uuid", "hearing_uuid", "item_code", "party_uuid", "answer", "comment"], None),
    "allegations": (["uuid", "hearing_uuid", "party_uuid"], "allegation"),
    "followups": (["uuid", "allegation_uuid"], "followup"),
    "timeline": (["uuid", "hearing_uuid", "at", "code", "note"], None),
    "consents": (["uuid", "party_uuid"], "consent"),
    "audit": (["uuid", "hearing_uuid", "version", "entity", "record_uuid", "field", "old_value",
               "new_value", "reason", "monitor_uuid", "at"], None),
}
rows = {t: [] for t in KEYS}
stamp = "2026-11-23T10:15:00+05:00"
for h in hearings:
    rows["hearings"].append(dict(h, status="final", version="1", content_hash=content_hash(h),
                                 parent_hash="", ancestors="", form_versions=versions,
                                 created_at=stamp, updated_at=stamp))
    rows["hearing_parties"] += h["hearing_parties"]
    rows["checklist_answers"] += h["answers"]
    rows["timeline"] += h["timeline"]
rows["cases"] = [case]
rows["parties"] = [party]
rows["charges"] = [charge]

files = []
def write_csv(name, header, records):
    path = os.path.join(out, name)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        for r in records:
            w.writerow(r)
    data = open(path, "rb").read()
    files.append({"name": name, "rows": len(records), "bytes": len(data),
                  "sha256": hashlib.sha256(data).hexdigest()})

for t, (keys, form) in KEYS.items():
    cols = keys + (fields_of(form) if form else [])
    def cell(r, c):
        v = r.get(c, r.get("fields", {}).get(c, ""))
        return "" if v is None else v
    write_csv(f"{t}.csv", cols, [[cell(r, c) for c in cols] for r in rows[t]])
write_csv("codebook.csv", ["variable", "code", "label_en", "label_ru", "label_tg"], [])
json.dump({"name": "independent"}, open(os.path.join(out, "datapackage.json"), "w"))
manifest = {
    "format": "courtwatch-batch", "format_version": 1,
    "batch_id": "0190f5b8-0000-7000-8000-0000000000bb", "app_version": "python",
    "schema_version": 1,
    "form_versions": {f: forms[f]["version"] for f in FORMS},
    "monitor": {"uuid": MON, "code": "P01", "name": "Python"},
    "monitors": [{"uuid": MON, "code": "P01", "name": "Python"}],
    "device_id": "0190f5b8-0000-7000-8000-0000000000cc", "seq": 1, "created_at": stamp,
    "scope": {"kind": "all", "from": None, "to": None, "filters": []},
    "profile": "analysis", "delimiter": ",", "bom": False, "formula_guard": False,
    "redacted": False, "redaction": None, "hearings": len(hearings), "files": files,
}
json.dump(manifest, open(os.path.join(out, "manifest.json"), "w", encoding="utf-8"),
          ensure_ascii=False, indent=2)
with open(os.path.join(out, "SHA256SUMS"), "w") as f:
    for name in sorted(os.listdir(out)):
        if name != "SHA256SUMS":
            f.write(hashlib.sha256(open(os.path.join(out, name), "rb").read()).hexdigest() + "  " + name + "\n")
print("written")
"#;
