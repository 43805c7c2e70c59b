//! The batch screens of the terminal UI (issue 4): export, merge and conflicts, on the real
//! session (`super::tui::Harness`). Snapshots pin each screen; behaviour tests check what
//! reached the files and the databases. Temporary paths are masked in snapshots.

use std::path::{Path, PathBuf};

use courtwatch::clock::{FixedClock, SequentialIds, Sources};
use courtwatch::demo::Generator;
use courtwatch::exchange::Profile;
use courtwatch::exchange::export::{ExportOptions, export};
use courtwatch::exchange::manifest::ScopeKind;
use courtwatch::exchange::merge::{Outcome, merge};
use courtwatch::spec::Lang;
use courtwatch::store::{Filter, OpenMode, Store};

use super::support::{PASS, edit, lone_hearing};
use super::tui::{Harness, assert_drawn, spec, title};

/// The screen with the temporary folder replaced by a placeholder of the same width.
fn masked(h: &mut Harness) -> String {
    let tmp = h.dir.path().display().to_string();
    let n = tmp.chars().count();
    let placeholder = format!("/TMP{}", "_".repeat(n.saturating_sub(4)));
    h.screen().replace(&tmp, &placeholder)
}

macro_rules! snap {
    ($name:expr, $h:expr) => {
        insta::assert_snapshot!($name, masked(&mut $h));
    };
}

/// Deterministic sources whose ids start at `base`, so databases made side by side never share
/// an id.
fn sources(base: u64) -> Sources {
    Sources {
        clock: Box::new(FixedClock::dushanbe()),
        ids: Box::new(SequentialIds::starting_at(base)),
    }
}

/// A database at `path` owned by monitor `code`, with `n` demo hearings.
fn monitor_store(path: &Path, code: &str, base: u64, seed: u64, n: u64) -> Store {
    let mut s = Store::open(path, PASS, OpenMode::Create, spec(), sources(base)).expect("create");
    let me = s
        .create_profile(code, &format!("Monitor {code}"), "Test")
        .expect("profile");
    let tx = s.begin().expect("tx");
    for r in Generator::new(&spec(), seed, n, vec![me]) {
        s.write_record(&tx, &r).expect("write");
    }
    tx.commit().expect("commit");
    s
}

fn export_to(store: &Store, out: &Path, scope: ScopeKind) -> PathBuf {
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

fn hearings(h: &Harness) -> u64 {
    h.store().count_hearings(&Filter::default()).expect("count")
}

fn batch_folders(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("batches folder")
        .map(|e| e.expect("entry").path())
        .collect();
    v.sort();
    v
}

// ---- export ---------------------------------------------------------------------------------

#[test]
fn snapshot_export_screen() {
    let mut h = Harness::with_hearings(80, 24, Lang::En, 30);
    h.keys("e");
    snap!("export_80x24", h);
    h.keys("<Right><Right><Tab>2026-01-01<Tab>2026-06-30");
    snap!("export_dates", h);
    h.keys("<Left><Left><Left>");
    // Plain text, after the warning (no lead's key is in this roster).
    h.keys("<Tab><Tab><Tab><Tab><Right>");
    snap!("export_plain_warning", h);
    h.keys("<Enter>");
    snap!("export_done", h);
    let mut h = Harness::with_hearings(60, 18, Lang::En, 30);
    h.keys("e");
    snap!("export_60x18", h);
    let mut h = Harness::with_hearings(80, 24, Lang::Ru, 30);
    h.keys("e");
    snap!("export_ru", h);
}

#[test]
fn export_from_the_screen_writes_a_batch_with_its_manifest() {
    let mut h = Harness::with_hearings(80, 24, Lang::En, 12);
    // Without a lead's key in the roster, sealing is refused and nothing is written.
    h.keys("e<Enter>");
    assert!(
        h.screen().contains("No lead's key is in the roster"),
        "{}",
        h.screen()
    );
    assert!(!h.dir.path().join("batches").exists(), "nothing written");
    // Plain text (the last row), then progress is drawn while the export runs.
    h.keys("<Up><Right>");
    let frames = h.keys_drawing("<Enter>");
    assert!(
        frames.iter().any(|f| f.contains("Exporting…")),
        "{frames:?}"
    );
    assert!(
        frames
            .iter()
            .any(|f| f.contains("Exporting… hearings.csv:")),
        "per-file progress"
    );
    let batches = batch_folders(&h.dir.path().join("batches"));
    assert_eq!(batches.len(), 1, "{batches:?}");
    let batch = &batches[0];
    let name = batch.file_name().expect("name").to_string_lossy();
    assert!(name.starts_with("courtwatch-M07-000001-"), "{name}");
    assert!(batch.join("manifest.json").is_file());
    let screen = h.screen();
    assert!(screen.contains("Batch written to"), "{screen}");
    assert!(screen.contains("hearings.csv"), "{screen}");
    // The batch verifies, and nothing more is exported since it.
    courtwatch::exchange::verify::verify(&spec(), batch).expect("the batch verifies");
    h.keys("<Esc>e<Up><Right><Enter>");
    assert!(h.screen().contains("Nothing to export"), "{}", h.screen());
    assert_eq!(batch_folders(&h.dir.path().join("batches")).len(), 1);
}

#[test]
fn export_checks_dates_and_the_folder_before_writing() {
    let mut h = Harness::with_hearings(80, 24, Lang::En, 5);
    h.keys("e<Right><Right><Tab>2026-13-01<Enter>");
    assert!(
        h.screen().contains("A date must be written as YYYY-MM-DD"),
        "{}",
        h.screen()
    );
    // Correct the date, then empty the folder field (the last row).
    h.keys("<BS><BS><BS><BS><BS>01-01<Tab><Tab><Tab><Tab>");
    let folder = h.dir.path().join("batches").display().to_string();
    h.keys(&"<BS>".repeat(folder.chars().count()));
    h.keys("<Enter>");
    let screen = h.screen();
    assert!(
        screen.contains("Type the folder to write the batch in"),
        "{screen}"
    );
    assert!(!h.dir.path().join("batches").exists(), "nothing written");
}

// ---- merge ----------------------------------------------------------------------------------

/// A lead's session (empty database, profile M07) and a batch of monitor M01 in the lead's
/// `batches` folder; returns the batch and its hearing count.
pub fn lead_with_a_batch(width: u16, height: u16) -> (Harness, PathBuf, u64) {
    let mut h = Harness::first_run(width, height, Lang::En);
    h.create_profile();
    let other = tempfile::tempdir().expect("tempdir");
    let m = monitor_store(&other.path().join("m.db"), "M01", 1_000_000, 11, 6);
    let batch = export_to(&m, &h.dir.path().join("batches"), ScopeKind::All);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(batch.join("manifest.json")).expect("manifest"))
            .expect("json");
    let n = manifest["hearings"].as_u64().expect("hearings");
    assert!(n > 0);
    (h, batch, n)
}

/// A copy of a batch with one byte of `hearings.csv` changed: the checksum fails.
pub fn damaged_copy(batch: &Path) -> PathBuf {
    let copy = batch.with_file_name(format!(
        "{}-copy",
        batch.file_name().expect("name").to_string_lossy()
    ));
    std::fs::create_dir(&copy).expect("mkdir");
    for e in std::fs::read_dir(batch).expect("read") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, copy.join(p.file_name().expect("name"))).expect("copy");
    }
    let csv = copy.join("hearings.csv");
    let mut bytes = std::fs::read(&csv).expect("read");
    let last = bytes.len() - 3;
    bytes[last] ^= 0x01;
    std::fs::write(&csv, bytes).expect("write");
    copy
}

#[test]
fn merge_shows_the_plan_without_writing_then_merges() {
    let (mut h, batch, n) = lead_with_a_batch(80, 24);
    damaged_copy(&batch);
    h.keys("m");
    snap!("merge_choose", h);
    assert_eq!(hearings(&h), 0);
    // Mark both, check: the intact one is planned, the damaged copy rejected.
    h.keys("a<Enter>");
    snap!("merge_preview", h);
    let screen = h.screen();
    assert!(screen.contains(&format!("new {n}")), "{screen}");
    assert!(screen.contains("Rejected"), "{screen}");
    assert!(screen.contains("hearings.csv"), "{screen}");
    assert_eq!(hearings(&h), 0, "checking writes nothing");
    assert!(h.store().batches_in().expect("history").is_empty());
    // Esc goes back to the choice without writing; Enter then merges.
    h.keys("<Esc>");
    assert!(h.screen().contains("[x]"), "{}", h.screen());
    assert_eq!(hearings(&h), 0);
    h.keys("<Enter><Enter>");
    snap!("merge_done", h);
    assert_eq!(hearings(&h), n, "the intact batch is merged");
    assert_eq!(h.store().batches_in().expect("history").len(), 1);
    // Back on the list, the merged hearings show; the batch is now marked as merged before.
    h.keys("<Esc>");
    assert!(
        h.screen().contains(&format!("{n} hearings")),
        "{}",
        h.screen()
    );
    h.keys("m");
    assert!(h.screen().contains("merged before"), "{}", h.screen());
    h.keys("<Enter><Enter>");
    assert_eq!(hearings(&h), n, "the same batch twice changes nothing");
}

#[test]
fn merge_looks_in_a_typed_folder_and_says_when_there_is_nothing() {
    let (mut h, batch, n) = lead_with_a_batch(80, 24);
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let moved = elsewhere.path().join("usb");
    std::fs::rename(batch.parent().expect("parent"), &moved).expect("move");
    h.keys("m");
    assert!(
        h.screen().contains("No batch folder here"),
        "{}",
        h.screen()
    );
    let typed = moved.display().to_string();
    // The folder field has the focus: replace its text with the new folder.
    let old = h.dir.path().join("batches").display().to_string();
    h.keys(&"<BS>".repeat(old.chars().count()));
    h.keys(&typed);
    h.keys("<Enter>");
    assert!(
        h.screen().contains("courtwatch-M01-000001"),
        "{}",
        h.screen()
    );
    h.keys("<Space><Enter><Enter>");
    assert_eq!(hearings(&h), n);
}

#[test]
fn merge_screen_in_a_narrow_terminal() {
    let (mut h, _, _) = lead_with_a_batch(60, 18);
    h.keys("m");
    // The choice's hint wraps: that nothing is written yet is not cut off.
    let choose = h.screen();
    assert!(
        choose.contains("(nothing is written") && choose.contains("yet)"),
        "{choose}"
    );
    h.keys("<Space><Enter>");
    snap!("merge_preview_60x18", h);
}

// ---- conflicts --------------------------------------------------------------------------------

/// A lead's database that merged monitor M01's first batch, then both edited the same hearing
/// differently; M01's second batch (the edit) waits in the lead's `batches` folder.
fn diverged() -> (Harness, uuid::Uuid) {
    let lead_dir = tempfile::tempdir().expect("tempdir");
    let other = tempfile::tempdir().expect("tempdir");
    let mut lead = Store::open(
        &lead_dir.path().join("c.db"),
        PASS,
        OpenMode::Create,
        spec(),
        sources(0),
    )
    .expect("lead");
    lead.create_profile("M07", "Нилуфар С.", "Coalition")
        .expect("profile");
    let m = monitor_store(&other.path().join("m.db"), "M01", 1_000_000, 11, 4);
    let first = export_to(&m, &other.path().join("out"), ScopeKind::All);
    match merge(&lead, &first, false, &mut |_, _| {}).expect("merge") {
        Outcome::Merged { .. } => {}
        Outcome::Rejected { problems } => panic!("{problems:?}"),
    }
    let id = lone_hearing(&lead);
    edit(&lead, id, |r| {
        r.case
            .fields
            .insert("court_case_number".into(), "1-100/26 (lead)".into());
    });
    edit(&m, id, |r| {
        r.case
            .fields
            .insert("court_case_number".into(), "1-100/26 (monitor)".into());
        r.hearing.fields.insert("courtroom".into(), "Hall 3".into());
    });
    export_to(&m, &lead_dir.path().join("batches"), ScopeKind::SinceLast);
    drop((lead, m));
    (Harness::start(lead_dir, 80, 24, Lang::En), id)
}

#[test]
fn a_conflict_from_the_merge_is_resolved_side_by_side_and_recorded() {
    let (mut h, id) = diverged();
    h.keys("m<Space><Enter>");
    assert!(h.screen().contains("conflicts 1"), "{}", h.screen());
    h.keys("<Enter>");
    snap!("merge_done_conflict", h);
    assert_eq!(h.store().conflicts(false).expect("conflicts").len(), 1);
    h.keys("c");
    snap!("conflicts_list", h);
    h.keys("<Enter>");
    snap!("conflict_side_by_side", h);
    let screen = h.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("Court case number"))
        .expect("the case number row");
    assert!(row.starts_with('≠'), "differing rows are marked: {row}");
    assert!(
        row.contains("(lead)") && row.contains("(monitor)"),
        "both values on one row: {row}"
    );
    h.keys("d");
    snap!("conflict_only_differences", h);
    // Keeping the incoming version asks first; n cancels, y resolves.
    h.keys("i");
    snap!("conflict_confirm", h);
    // At the smallest size the interface draws, the question grows to show its answer keys,
    // which come last (a popup of fixed height cut them off there).
    h.resize(60, 16);
    let small = h.screen();
    assert!(small.contains("n: no"), "{small}");
    h.resize(80, 24);
    h.keys("n");
    assert!(h.store().conflicts(false).expect("conflicts").len() == 1);
    h.keys("iy");
    let screen = h.screen();
    assert!(screen.contains("Resolved"), "{screen}");
    assert!(screen.contains("No open conflict"), "{screen}");
    let all = h.store().conflicts(true).expect("conflicts");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].resolution.as_deref(), Some("incoming"));
    assert_eq!(all[0].resolved_by.as_deref(), Some("M07"));
    assert!(all[0].resolved_at.is_some());
    let r = h.store().load_hearing(id).expect("load");
    assert_eq!(
        r.case.fields.get("court_case_number").map(String::as_str),
        Some("1-100/26 (monitor)")
    );
    // `a` lists resolved conflicts too, with who kept which side.
    h.keys("a");
    assert!(h.screen().contains("incoming kept (M07)"), "{}", h.screen());
}

#[test]
fn a_lead_takes_chosen_fields_from_the_incoming_version() {
    let (mut h, id) = diverged();
    h.keys("m<Space><Enter><Enter>c<Enter>");
    let before = h.store().load_hearing(id).expect("local");
    // Only the differences: the case number, then the courtroom, which the lead takes.
    h.keys("d<Down><Right>");
    snap!("conflict_fields_marked", h);
    let screen = h.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("Courtroom"))
        .expect("the courtroom row");
    assert!(row.starts_with('→'), "a marked row says so: {row}");
    let row = screen
        .lines()
        .find(|l| l.contains("Court case number"))
        .expect("the case number row");
    assert!(row.starts_with('≠'), "an unmarked row keeps local: {row}");
    assert!(screen.contains("s save choice"), "{screen}");
    // Saving asks first; n cancels, y saves the new version.
    h.keys("s");
    snap!("conflict_fields_confirm", h);
    h.keys("n");
    assert_eq!(h.store().conflicts(false).expect("open").len(), 1);
    h.keys("sy");
    let screen = h.screen();
    assert!(
        screen.contains("Resolved: a new version with 1 field"),
        "{screen}"
    );
    let r = h.store().load_hearing(id).expect("merged");
    assert_eq!(
        r.hearing.fields.get("courtroom").map(String::as_str),
        Some("Hall 3")
    );
    assert_eq!(
        r.case.fields.get("court_case_number").map(String::as_str),
        Some("1-100/26 (lead)")
    );
    assert!(r.hearing.ancestors.contains(&before.hearing.content_hash));
    let all = h.store().conflicts(true).expect("conflicts");
    assert_eq!(all[0].resolution.as_deref(), Some("fields"));
    assert_eq!(all[0].resolved_by.as_deref(), Some("M07"));
    h.keys("a");
    assert!(h.screen().contains("fields chosen (M07)"), "{}", h.screen());
}

#[test]
fn a_read_only_database_shows_conflicts_but_cannot_resolve_them() {
    let (mut h, _) = diverged();
    h.keys("m<Space><Enter><Enter><Esc>");
    let mut h = h.reopen_read_only();
    h.keys("c<Enter>");
    let screen = h.screen();
    assert!(screen.contains("(lead)"), "{screen}");
    assert!(
        !screen.contains("keep incoming"),
        "no resolving key: {screen}"
    );
    h.keys("iy");
    assert_eq!(h.store().conflicts(false).expect("open").len(), 1);
    h.keys("d<Right>sy");
    assert!(!h.screen().contains("→ "), "nothing marked: {}", h.screen());
    assert_eq!(h.store().conflicts(false).expect("open").len(), 1);
}

#[test]
fn keeping_the_local_version_is_recorded() {
    let (mut h, id) = diverged();
    h.keys("m<Space><Enter><Enter>c<Enter>ly");
    let all = h.store().conflicts(true).expect("conflicts");
    assert_eq!(all[0].resolution.as_deref(), Some("local"));
    assert_eq!(all[0].resolved_by.as_deref(), Some("M07"));
    let r = h.store().load_hearing(id).expect("load");
    assert_eq!(
        r.case.fields.get("court_case_number").map(String::as_str),
        Some("1-100/26 (lead)")
    );
}

#[test]
fn the_list_offers_export_merge_and_conflicts_but_not_when_read_only() {
    // At 100 columns the footer has room for them besides quit and help, which it keeps.
    let mut h = Harness::with_hearings(100, 30, Lang::En, 3);
    let footer = h.screen();
    assert!(footer.contains("e export"), "{footer}");
    assert!(footer.contains("m merge"), "{footer}");
    h.keys("c");
    assert!(h.screen().contains("No open conflict"), "{}", h.screen());
    h.keys("<Esc>");
    let mut h = h.reopen_read_only();
    let screen = h.screen();
    assert!(!screen.contains("e export"), "{screen}");
    h.keys("e");
    assert!(!h.screen().contains("Export a batch"), "e does nothing");
    h.keys("m");
    assert!(!h.screen().contains("Merge batches"), "m does nothing");
}

#[test]
fn the_batch_screens_draw_at_any_size_without_panicking() {
    let (mut h, _) = diverged();
    let sizes = [
        (1, 1),
        (20, 5),
        (59, 15),
        (60, 16),
        (61, 17),
        (80, 24),
        (200, 60),
    ];
    let visit = |h: &mut Harness, keys: &str| {
        h.keys(keys);
        let shown = title(&h.screen());
        assert!(!shown.is_empty(), "{}", h.screen());
        for (w, hgt) in sizes {
            h.resize(w, hgt);
            assert_drawn(&h.screen(), (w, hgt), &shown);
        }
        h.resize(80, 24);
    };
    visit(&mut h, "e");
    visit(&mut h, "<Right><Right>");
    visit(&mut h, "<Esc>m");
    visit(&mut h, "<Space><Enter>");
    visit(&mut h, "<Enter>");
    visit(&mut h, "c");
    visit(&mut h, "<Enter>");
    visit(&mut h, "d");
    visit(&mut h, "l");
    visit(&mut h, "y");
    assert_eq!(h.store().conflicts(false).expect("open").len(), 0);
}

// ---- sealed batches ---------------------------------------------------------------------------

#[test]
fn a_sealed_batch_from_the_export_screen_merges_on_the_leads_screen_once_its_signer_is_trusted() {
    use courtwatch::keys::{KeyKind, PublicKey};
    // The lead's database: a profile and an age identity.
    let lead_dir = tempfile::tempdir().expect("tempdir");
    let mut lead = Store::open(
        &lead_dir.path().join("c.db"),
        PASS,
        OpenMode::Create,
        spec(),
        sources(5_000_000),
    )
    .expect("create");
    lead.create_profile("L01", "Lead", "Coalition")
        .expect("profile");
    let recipient = lead.age_identity_or_make().expect("identity").recipient();
    drop(lead);
    // The monitor's: hearings, and the lead's recipient in the roster.
    let m_dir = tempfile::tempdir().expect("tempdir");
    let m = monitor_store(&m_dir.path().join("c.db"), "M07", 1_000_000, 3, 8);
    let recipient = PublicKey {
        kind: KeyKind::Recipient,
        text: recipient,
    };
    m.roster_add(&recipient, "Lead", "keys_add")
        .expect("roster");
    let signer = m.signing_key_or_make().expect("key").public_text();
    let n = m
        .export_candidates(&Filter::default(), false)
        .expect("candidates")
        .len() as u64;
    assert!(n > 0);
    drop(m);

    let mut h = Harness::start(m_dir, 80, 24, Lang::En);
    h.keys("e");
    assert!(
        h.screen()
            .contains("sealed: one encrypted file, for the lead in the roster"),
        "{}",
        h.screen()
    );
    h.keys("<Enter>");
    assert!(h.screen().contains("Batch written to"), "{}", h.screen());
    let written: Vec<PathBuf> = std::fs::read_dir(h.dir.path().join("batches"))
        .expect("batches")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let sealed = &written[0];
    assert!(sealed.is_file() && sealed.extension().is_some_and(|e| e == "age"));

    // The lead: the monitor's key is not in the roster yet, so the batch is refused.
    let inbox = lead_dir.path().join("batches");
    std::fs::create_dir(&inbox).expect("mkdir");
    std::fs::copy(sealed, inbox.join(sealed.file_name().expect("name"))).expect("copy");
    let mut l = Harness::start(lead_dir, 80, 24, Lang::En);
    l.keys("m");
    assert!(
        l.screen().contains(".age"),
        "the sealed batch is listed: {}",
        l.screen()
    );
    l.keys("a<Enter>");
    let screen = l.screen();
    assert!(screen.contains("Rejected"), "{screen}");
    assert!(
        screen.contains("is by a signing key that is not in this"),
        "{screen}"
    );
    l.keys("<Enter>");
    assert_eq!(hearings(&l), 0, "nothing merged from an unknown signer");
    let Harness { session, dir, .. } = l;
    drop(session);
    let lead = Store::open(
        &dir.path().join("c.db"),
        PASS,
        OpenMode::Existing,
        spec(),
        sources(6_000_000),
    )
    .expect("open");
    lead.roster_add(
        &PublicKey {
            kind: KeyKind::Signer,
            text: signer,
        },
        "M07",
        "keys_add",
    )
    .expect("trust");
    drop(lead);
    // Trusted, it merges.
    let mut l = Harness::start(dir, 80, 24, Lang::En);
    l.keys("m");
    l.keys("a<Enter>");
    assert!(l.screen().contains(&format!("new {n}")), "{}", l.screen());
    l.keys("<Enter>");
    assert_eq!(hearings(&l), n, "{}", l.screen());
}

#[test]
fn the_merge_result_names_the_courts_and_the_joins_a_batch_brings() {
    let mut h = Harness::first_run(100, 30, Lang::En);
    h.create_profile();
    let other = tempfile::tempdir().expect("tempdir");
    let mut m = monitor_store(&other.path().join("m.db"), "M01", 1_000_000, 11, 6);
    m.add_court(&courtwatch::store::NewCourt {
        name: courtwatch::spec::Text {
            en: "Vahdat Garrison Court".into(),
            ..courtwatch::spec::Text::default()
        },
        level: "military_garrison".into(),
        region: "drs".into(),
        country: String::new(),
    })
    .expect("court");
    let cases = m.find_cases("").expect("cases");
    assert!(cases.len() >= 2, "{cases:?}");
    m.join_cases(cases[0].uuid, cases[1].uuid).expect("join");
    export_to(&m, &h.dir.path().join("batches"), ScopeKind::All);
    // Checking says what it would add; merging says what it added.
    h.keys("ma<Enter>");
    let preview = h.screen();
    assert!(
        preview.contains("Courts it adds: Vahdat Garrison Court"),
        "{preview}"
    );
    h.keys("<Enter>");
    let done = h.screen();
    assert!(
        done.contains("Courts added: Vahdat Garrison Court"),
        "{done}"
    );
    assert!(
        done.contains("Joins of case records: 1 new, 0 split, 0 naming"),
        "{done}"
    );
    assert_eq!(
        h.store()
            .trial_members(cases[0].uuid)
            .expect("members")
            .len(),
        2
    );
}
