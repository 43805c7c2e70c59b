//! Courts a monitor adds (DESIGN.md §2, "Courts"; issue 14, points 5 and 8): they work in
//! filters and travel in batches (`courts.csv`), so a lead's merge accepts a hearing in one;
//! merging is idempotent and all-or-nothing, two monitors' "same" court stays two courts, and
//! a code naming another court is refused.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use courtwatch::clock::{FixedClock, SequentialIds, Sources};
use courtwatch::demo::Generator;
use courtwatch::domain::Entity;
use courtwatch::exchange::courts::COURTS;
use courtwatch::exchange::export::{ExportOptions, Seal, export};
use courtwatch::exchange::manifest::ScopeKind;
use courtwatch::exchange::merge::{MergePlan, Outcome, merge};
use courtwatch::exchange::verify::verify;
use courtwatch::exchange::{Profile, printable};
use courtwatch::spec::{COURT_LIST, Court, Lang, Spec, Text};
use courtwatch::store::{Filter, NewCourt, OpenMode, Store};

use super::support::{Env, PASS};

fn store(dir: &Path, name: &str, code: &str, id_base: u64) -> Store {
    let spec = Arc::new(Spec::builtin().expect("spec"));
    let sources = Sources {
        clock: Box::new(FixedClock::dushanbe()),
        ids: Box::new(SequentialIds::starting_at(id_base)),
    };
    let mut s = Store::open(
        &dir.join(format!("{name}.db")),
        PASS,
        OpenMode::Create,
        spec,
        sources,
    )
    .expect("create");
    s.create_profile(code, &format!("Monitor {code}"), "Test")
        .expect("profile");
    s
}

fn khujand_garrison() -> NewCourt {
    NewCourt {
        name: Text {
            ru: "Военный суд Худжандского гарнизона".into(),
            tg: "Суди ҳарбии гарнизони Хуҷанд".into(),
            ..Text::default()
        },
        level: "military_garrison".into(),
        region: "sughd".into(),
        country: String::new(),
    }
}

/// A monitor's database with `n` final demo hearings, the court `court` added and the first
/// hearing moved to it by an audited edit; its batch.
fn monitor_with_court(dir: &Path, name: &str, code: &str, base: u64) -> (Store, Court, PathBuf) {
    let mut s = store(dir, name, code, base);
    let court = s.add_court(&khujand_garrison()).expect("add court");
    let me = s.profile().expect("profile").clone();
    let spec = s.spec_arc();
    let tx = s.begin().expect("tx");
    for r in Generator::new(&spec, base + 7, 3, vec![me]) {
        s.write_record(&tx, &r).expect("write");
    }
    tx.commit().expect("commit");
    let first = s
        .export_candidates(&Filter::default(), false)
        .expect("candidates")[0]
        .uuid;
    s.set_edit_reason(first, "the court was not in the list")
        .expect("reason");
    s.set_field(first, Entity::Hearing, first, "court", &court.code)
        .expect("a hearing names the added court");
    let batch = export(
        &s,
        &ExportOptions {
            out: dir.join(format!("{name}-out")),
            scope: ScopeKind::All,
            filter: Filter::default(),
            profile: Profile::Analysis,
            redact: false,
            seal: Seal::Plaintext,
        },
        &mut |_, _| {},
    )
    .expect("export")
    .expect("a batch")
    .path;
    (s, court, batch)
}

fn merged(store: &Store, dir: &Path) -> MergePlan {
    match merge(store, dir, false, &mut |_, _| {}).expect("merge runs") {
        Outcome::Merged { plan, .. } => *plan,
        Outcome::Rejected { problems } => panic!("rejected: {problems:?}"),
    }
}

fn in_court(store: &Store, code: &str) -> u64 {
    let f = Filter {
        court: Some(code.into()),
        ..Filter::default()
    };
    store.count_hearings(&f).expect("count")
}

fn user_courts_table(store: &Store) -> String {
    let mut stmt = store
        .conn()
        .prepare("SELECT code, level, region, country, name_en, name_ru, name_tg, added_by, added_at FROM user_courts ORDER BY code")
        .expect("prepare");
    let rows = stmt
        .query_map([], |r| {
            (0..9)
                .map(|i| r.get::<_, String>(i))
                .collect::<Result<Vec<_>, _>>()
        })
        .expect("rows");
    rows.map(|r| r.expect("row").join(",") + "\n").collect()
}

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

#[test]
fn a_batch_with_a_court_a_monitor_added_verifies_and_merges_at_a_lead() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_monitor, court, batch) = monitor_with_court(dir.path(), "m", "M07", 0);
    // The batch carries the court, and says so in its manifest, sums and package.
    let manifest = std::fs::read_to_string(batch.join("manifest.json")).expect("manifest");
    assert!(manifest.contains("\"courts.csv\""), "{manifest}");
    let sums = std::fs::read_to_string(batch.join("SHA256SUMS")).expect("sums");
    assert!(sums.contains("  courts.csv\n"), "{sums}");
    let package = std::fs::read_to_string(batch.join("datapackage.json")).expect("package");
    assert!(package.contains("\"path\": \"courts.csv\""));
    let text = std::fs::read_to_string(batch.join(COURTS)).expect("courts.csv");
    golden!("analysis_courts.csv", text.replace("\r\n", "\n"));
    let codebook = std::fs::read_to_string(batch.join("codebook.csv")).expect("codebook");
    assert!(
        codebook.contains(&court.code),
        "the codebook labels the added court"
    );

    // A lead who never heard of the court merges the batch whole.
    let mut lead = store(dir.path(), "lead", "L01", 1_000_000);
    let verified = verify(lead.spec(), &batch).expect("the batch verifies");
    assert_eq!(verified.courts, vec![court.clone()]);
    let plan = merged(&lead, &batch);
    assert_eq!(plan.counts.new, 3);
    assert_eq!(
        plan.new_courts.iter().map(|c| &c.code).collect::<Vec<_>>(),
        [&court.code]
    );
    lead.reload_courts().expect("reload");
    assert_eq!(lead.user_courts().expect("courts"), vec![court.clone()]);
    assert_eq!(
        lead.spec().code_label(COURT_LIST, &court.code, Lang::En),
        "Военный суд Худжандского гарнизона",
        "named in Russian and Tajik only: English readers see the Russian name"
    );
    assert_eq!(in_court(&lead, &court.code), 1);
    let sughd = Filter {
        region: Some("sughd".into()),
        ..Filter::default()
    };
    assert!(lead.count_hearings(&sughd).expect("count") >= 1);

    // Merging again changes nothing; a second batch bringing the court again is fine.
    let before = user_courts_table(&lead);
    let again = merged(&lead, &batch);
    assert!(again.already_merged.is_some() && again.new_courts.is_empty());
    assert_eq!(user_courts_table(&lead), before);

    // The lead's own export carries the court on, byte for byte the same row.
    let back = export(
        &lead,
        &ExportOptions {
            out: dir.path().join("lead-out"),
            scope: ScopeKind::All,
            filter: Filter::default(),
            profile: Profile::Analysis,
            redact: false,
            seal: Seal::Plaintext,
        },
        &mut |_, _| {},
    )
    .expect("export")
    .expect("batch")
    .path;
    assert_eq!(
        std::fs::read(back.join(COURTS)).expect("lead's courts.csv"),
        std::fs::read(batch.join(COURTS)).expect("monitor's courts.csv")
    );
    let third = store(dir.path(), "third", "L02", 2_000_000);
    assert_eq!(merged(&third, &back).counts.new, 3);
    assert_eq!(user_courts_table(&third), before);
}

#[test]
fn two_monitors_adding_the_same_court_make_two_courts_and_a_lead_keeps_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, a, batch_a) = monitor_with_court(dir.path(), "a", "M01", 0);
    let (_, b, batch_b) = monitor_with_court(dir.path(), "b", "M02", 100_000);
    assert_ne!(a.code, b.code);
    assert_eq!(a.name, b.name);
    let mut lead = store(dir.path(), "lead", "L01", 1_000_000);
    merged(&lead, &batch_a);
    merged(&lead, &batch_b);
    lead.reload_courts().expect("reload");
    let mut codes: Vec<String> = lead
        .user_courts()
        .expect("courts")
        .into_iter()
        .map(|c| c.code)
        .collect();
    codes.sort();
    let mut want = vec![a.code.clone(), b.code.clone()];
    want.sort();
    assert_eq!(codes, want);
    assert_eq!(in_court(&lead, &a.code), 1);
    assert_eq!(in_court(&lead, &b.code), 1);
}

#[test]
fn a_code_that_names_another_court_here_rejects_the_whole_batch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, court, batch_a) = monitor_with_court(dir.path(), "a", "M01", 0);
    let lead = store(dir.path(), "lead", "L01", 1_000_000);
    merged(&lead, &batch_a);
    // Another database holding the same code for another court (by hand: codes are made from
    // new ids, so two databases never make the same one).
    let (other, _, _) = monitor_with_court(dir.path(), "b", "M02", 100_000);
    other
        .conn()
        .execute(
            "INSERT INTO user_courts (code, level, region, country, name_en, added_by, added_at)
             VALUES (?1, 'district_city', 'khatlon', '', 'Bokhtar City Court',
                     '00000000-0000-4000-8000-0000000000bb', '2026-11-23T10:15:00+05:00')",
            [&court.code],
        )
        .expect("insert");
    let batch_b = export(
        &other,
        &ExportOptions {
            out: dir.path().join("b-out-2"),
            scope: ScopeKind::All,
            filter: Filter::default(),
            profile: Profile::Analysis,
            redact: false,
            seal: Seal::Plaintext,
        },
        &mut |_, _| {},
    )
    .expect("export")
    .expect("batch")
    .path;
    let hearings_before = lead.count_hearings(&Filter::default()).expect("count");
    let courts_before = user_courts_table(&lead);
    match merge(&lead, &batch_b, false, &mut |_, _| {}).expect("merge runs") {
        Outcome::Rejected { problems } => {
            let all: String = problems.iter().map(|p| format!("{p}\n")).collect();
            assert!(
                all.contains(&court.code)
                    && all.contains("Bokhtar City Court")
                    && all.contains("nothing was merged"),
                "{all}"
            );
            assert!(
                all.contains("courts.csv:"),
                "the message names the file: {all}"
            );
        }
        Outcome::Merged { .. } => panic!("a clashing court must not be merged"),
    }
    assert_eq!(
        lead.count_hearings(&Filter::default()).expect("count"),
        hearings_before
    );
    assert_eq!(user_courts_table(&lead), courts_before);
}

#[test]
fn a_sealed_batch_carries_the_added_courts_inside_its_container() {
    use courtwatch::exchange::merge::merge_at;
    use courtwatch::exchange::sealed::{Keys, Sealed};
    use courtwatch::exchange::verify::Place;
    let dir = tempfile::tempdir().expect("tempdir");
    let (monitor, court, _) = monitor_with_court(dir.path(), "m", "M07", 0);
    let pass = "words the lead was told";
    let sealed = export(
        &monitor,
        &ExportOptions {
            out: dir.path().join("sealed-out"),
            scope: ScopeKind::All,
            filter: Filter::default(),
            profile: Profile::Analysis,
            redact: false,
            seal: Seal::Passphrase(pass.into()),
        },
        &mut |_, _| {},
    )
    .expect("export")
    .expect("a batch")
    .path;
    assert!(sealed.is_file(), "one sealed file: {}", sealed.display());
    let keys = Keys {
        identity: None,
        passphrase: Some(pass.into()),
    };
    let place = Place::Sealed(Arc::new(
        Sealed::open(&sealed, keys).expect("the container holds only the batch's files"),
    ));
    // courts.csv is inside, covered by the manifest and SHA256SUMS, read through the container.
    assert!(
        place.size(COURTS).is_some(),
        "courts.csv is in the container"
    );
    let lead = store(dir.path(), "lead", "L01", 1_000_000);
    let signer = monitor
        .signing_key()
        .expect("key")
        .expect("a signed batch")
        .public_text();
    let trust = [courtwatch::keys::fingerprint(&signer)];
    match merge_at(&lead, &place, false, &trust, &mut |_, _| {}).expect("merge runs") {
        Outcome::Merged { plan, .. } => {
            assert_eq!(plan.counts.new, 3);
            assert_eq!(
                plan.new_courts.iter().map(|c| &c.code).collect::<Vec<_>>(),
                [&court.code]
            );
        }
        Outcome::Rejected { problems } => panic!("rejected: {problems:?}"),
    }
    assert_eq!(lead.user_courts().expect("courts"), vec![court]);
}

#[test]
fn a_damaged_courts_file_is_refused_with_its_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, _, batch) = monitor_with_court(dir.path(), "m", "M07", 0);
    let lead = store(dir.path(), "lead", "L01", 1_000_000);
    // A bad level, with the manifest's and sums' claims made true again, so only the row is
    // wrong.
    let path = batch.join(COURTS);
    let text = std::fs::read_to_string(&path).expect("read");
    let bad = text.replace(",military_garrison,", ",castle,");
    assert_ne!(bad, text);
    std::fs::write(&path, &bad).expect("write");
    let sha = courtwatch::domain::sha256_hex(bad.as_bytes());
    let manifest_path = batch.join("manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest_path).expect("manifest")).expect("json");
    // A forger cannot sign: the signature goes, and the key the manifest names.
    std::fs::remove_file(batch.join("manifest.json.minisig")).expect("signature");
    if let Some(o) = m.as_object_mut() {
        o.remove("signing_key");
    }
    for f in m["files"].as_array_mut().expect("files") {
        if f["name"] == COURTS {
            f["sha256"] = sha.clone().into();
            f["bytes"] = (bad.len() as u64).into();
        }
    }
    let m = serde_json::to_vec_pretty(&m).expect("json");
    std::fs::write(&manifest_path, &m).expect("manifest");
    let sums: String = std::fs::read_to_string(batch.join("SHA256SUMS"))
        .expect("sums")
        .lines()
        .map(|l| match l.split_once("  ") {
            Some((_, COURTS)) => format!("{sha}  {COURTS}\n"),
            Some((_, "manifest.json")) => {
                format!("{}  manifest.json\n", courtwatch::domain::sha256_hex(&m))
            }
            _ => format!("{l}\n"),
        })
        .collect();
    std::fs::write(batch.join("SHA256SUMS"), sums).expect("sums");
    let problems = verify(lead.spec(), &batch).expect_err("refused");
    let all: Vec<String> = problems
        .iter()
        .map(|p| printable(&p.to_string()).into_owned())
        .collect();
    assert!(
        all.iter()
            .any(|p| p.starts_with("courts.csv:2:") && p.contains("unknown court level \"castle\"")),
        "{all:?}"
    );
    assert_eq!(
        all.len(),
        1,
        "only the court's problem, not its hearing's: {all:?}"
    );
}

#[test]
fn courts_are_added_and_listed_through_the_binary() {
    let env = Env::with_demo(2, 5);
    let code = env.ok(&[
        "courts",
        "add",
        "--name-en",
        "Almaty City Court",
        "--level",
        "regional",
        "--country",
        "Kazakhstan",
    ]);
    let code = code.trim();
    assert!(code.starts_with("user_"), "{code}");
    let added = env.ok(&["courts", "list", "--added", "--format", "csv"]);
    assert_eq!(added.lines().count(), 2, "{added}");
    assert!(
        added.contains(code) && added.contains("Almaty City Court") && added.contains("Kazakhstan")
    );
    let all = env.ok(&["courts", "list", "--format", "json"]);
    assert!(all.contains("dushanbe_sino") && all.contains(code));
    // The filter takes the new code; nothing is in that court yet.
    assert_eq!(
        env.ok(&["list", "--court", code, "--format", "csv"])
            .lines()
            .count(),
        1
    );
    let refused = env.run(&[
        "courts",
        "add",
        "--name-en",
        "X",
        "--level",
        "castle",
        "--region",
        "sughd",
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("unknown court level"), "{err}");
}

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    /// Export, merge at a lead, export again: the courts come back byte for byte in either
    /// profile (names a spreadsheet would take for formulas included), and a second merge
    /// changes nothing.
    #[test]
    fn courts_round_trip_through_a_lead_in_either_profile(
        name in "[=+@'A-Za-zА-Яа-яҒғӢӣҚқӮӯҲҳҶҷ ]{1,40}",
        country in proptest::option::of("[A-Za-zА-Яа-я]{1,20}"),
        excel in any::<bool>(),
    ) {
        let name = name.trim().to_owned();
        prop_assume!(!name.is_empty());
        let dir = tempfile::tempdir().expect("tempdir");
        let profile = if excel { Profile::Excel } else { Profile::Analysis };
        let mut m = store(dir.path(), "m", "M07", 0);
        let court = m
            .add_court(&NewCourt {
                name: Text { tg: name.clone(), ..Text::default() },
                level: "regional".into(),
                region: if country.is_some() { String::new() } else { "gbao".into() },
                country: country.clone().unwrap_or_default(),
            })
            .expect("add");
        let me = m.profile().expect("profile").clone();
        let spec = m.spec_arc();
        let tx = m.begin().expect("tx");
        for r in Generator::new(&spec, 3, 2, vec![me]) {
            m.write_record(&tx, &r).expect("write");
        }
        tx.commit().expect("commit");
        let opts = |out: PathBuf| ExportOptions {
            out,
            scope: ScopeKind::All,
            filter: Filter::default(),
            profile,
            redact: false,
            seal: Seal::Plaintext,
        };
        let batch = export(&m, &opts(dir.path().join("out")), &mut |_, _| {})
            .expect("export")
            .expect("batch")
            .path;
        let lead = store(dir.path(), "lead", "L01", 1_000_000);
        let plan = merged(&lead, &batch);
        prop_assert_eq!(plan.new_courts.len(), 1);
        let once = user_courts_table(&lead);
        prop_assert!(merged(&lead, &batch).already_merged.is_some());
        prop_assert_eq!(user_courts_table(&lead), once);
        prop_assert_eq!(lead.user_courts().expect("courts"), vec![court]);
        let back = export(&lead, &opts(dir.path().join("back")), &mut |_, _| {})
            .expect("export")
            .expect("batch")
            .path;
        prop_assert_eq!(
            std::fs::read(back.join(COURTS)).expect("back"),
            std::fs::read(batch.join(COURTS)).expect("sent")
        );
    }
}
