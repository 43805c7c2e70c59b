//! No plaintext output by default (issue 17, point 4; DESIGN.md §6): a printout is sealed, or
//! plain only after a warning, restricted fields left out unless asked, and never from a
//! read-only database; every file written outside the database is in the output log, which
//! the command line and the settings screen show; those files are their owner's only.

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use courtwatch::clock::Sources;
use courtwatch::keys::{AgeIdentity, KeyKind, PublicKey, fingerprint};
use courtwatch::spec::Lang;
use courtwatch::store::{OpenMode, OutputKind, Store};

use super::support::Env;
use super::tui::Harness;

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777
}

fn printouts(h: &Harness) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(h.dir.path().join("printouts"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// The labels of the restricted fields that hold a value in the hearing printed to `path`
/// (named by the first eight digits of its id), and those of the other fields with values.
fn labels(store: &Store, path: &Path) -> (Vec<String>, Vec<String>) {
    let name = path.file_name().and_then(|n| n.to_str()).expect("name");
    let short = name.split('-').nth(4).expect("id in the name");
    let short = short.split('.').next().expect("id");
    let id = store
        .hearing_ids(&Default::default())
        .expect("ids")
        .into_iter()
        .find(|u| u.to_string().starts_with(short))
        .expect("the printed hearing");
    let r = store.load_hearing(id).expect("hearing");
    let spec = store.spec();
    let (mut restricted, mut open) = (Vec::new(), Vec::new());
    let all = r
        .parties
        .iter()
        .map(|p| &p.fields)
        .chain(r.hearing_parties.iter().map(|p| &p.fields))
        .chain(r.allegations.iter().map(|a| &a.fields))
        .chain(std::iter::once(&r.hearing.fields));
    for fields in all {
        for (id, v) in fields.iter() {
            if v.is_empty() {
                continue;
            }
            if let Some((_, f)) = spec.field(id) {
                let label = format!("{}: ", f.label.get(Lang::En));
                if f.restricted {
                    restricted.push(label);
                } else {
                    open.push(label);
                }
            }
        }
    }
    (restricted, open)
}

#[test]
fn a_printout_asks_first_and_plain_text_leaves_restricted_fields_out_unless_asked() {
    let mut h = Harness::with_hearings(100, 30, Lang::En, 5);
    h.keys("vp");
    let asked = h.screen();
    assert!(asked.contains("Print this hearing"), "{asked}");
    assert!(
        asked.contains("anyone who holds the disk"),
        "the warning says what a plain file gives away:\n{asked}"
    );
    assert!(printouts(&h).is_empty(), "p alone writes nothing");
    h.keys("<Esc>");
    assert!(printouts(&h).is_empty(), "Esc writes nothing");
    assert!(h.screen().contains("== Case =="), "back on the hearing");

    // Plain text, restricted fields left out.
    h.keys("pt");
    let files = printouts(&h);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(h.screen().contains("Printed to"), "{}", h.screen());
    let plain = std::fs::read_to_string(&files[0]).expect("printout");
    let store = h.store();
    let (restricted, open) = labels(&store, &files[0]);
    assert!(
        !restricted.is_empty() && !open.is_empty(),
        "the demo hearing has restricted and open values"
    );
    for l in &restricted {
        assert!(!plain.contains(l.as_str()), "{l} left out:\n{plain}");
    }
    assert!(open.iter().any(|l| plain.contains(l.as_str())), "{plain}");
    assert_eq!(mode(&files[0]), 0o600, "the printout is the owner's only");
    assert_eq!(mode(&h.dir.path().join("printouts")), 0o700);

    // Everything, when asked.
    h.keys("pa");
    let files = printouts(&h);
    assert_eq!(files.len(), 2, "a second file, the first kept: {files:?}");
    let all = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("printout"))
        .find(|t| *t != plain)
        .expect("the full printout");
    assert!(restricted.iter().all(|l| all.contains(l.as_str())), "{all}");

    // Both in the output log, with what they are.
    let log = store.outputs().expect("log");
    assert_eq!(log.len(), 2, "{log:?}");
    for e in &log {
        assert_eq!(e.kind, OutputKind::Printout);
        assert!(!e.sealed);
        assert_eq!(e.who, "M07");
        let bytes = std::fs::read(&e.path).expect("logged path");
        assert_eq!(e.sha256, courtwatch::domain::sha256_hex(&bytes));
    }
    assert!(log[0].at.len() >= 20, "when: {}", log[0].at);
    assert_eq!(
        log.iter().map(|e| e.redacted).collect::<Vec<_>>(),
        [false, true],
        "newest first: everything, then restricted left out"
    );
}

#[test]
fn a_sealed_printout_opens_only_with_the_leads_key_and_needs_one() {
    let mut h = Harness::with_hearings(100, 30, Lang::En, 3);
    // No lead's key and no passphrase: nothing is written, and the screen says why.
    h.keys("vps");
    assert!(printouts(&h).is_empty());
    assert!(h.screen().contains("No lead's key"), "{}", h.screen());

    // The lead's key in the roster (added while the screen is closed, as `keys add` does).
    let lead = AgeIdentity::generate();
    let Harness { dir, session, .. } = h;
    drop(session);
    let rw = Store::open(
        &dir.path().join("c.db"),
        super::support::PASS,
        OpenMode::Existing,
        super::tui::spec(),
        Sources::fixed(),
    )
    .expect("open");
    rw.roster_add(
        &PublicKey {
            kind: KeyKind::Recipient,
            text: lead.recipient(),
        },
        "Lead",
        "keys_add",
    )
    .expect("roster");
    drop(rw);
    let mut h = Harness::start(dir, 100, 30, Lang::En);
    let store = h.store();
    h.keys("vps");
    let files = printouts(&h);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(
        files[0].to_string_lossy().ends_with(".txt.age"),
        "{files:?}"
    );
    let bytes = std::fs::read(&files[0]).expect("sealed");
    assert!(bytes.starts_with(b"age-encryption.org/v1"), "an age file");
    assert!(
        !bytes.windows(10).any(|w| w == b"== Case ==" as &[u8]),
        "no plain text inside"
    );
    let mut text = String::new();
    age::Decryptor::new(&bytes[..])
        .expect("age header")
        .decrypt(std::iter::once(lead.identity() as &dyn age::Identity))
        .expect("the lead's key opens it")
        .read_to_string(&mut text)
        .expect("read");
    let (restricted, _) = labels(&store, &files[0]);
    assert!(text.contains("== Case =="), "{text}");
    assert!(
        restricted.iter().all(|l| text.contains(l.as_str())),
        "sealed: everything"
    );
    let log = store.outputs().expect("log");
    assert_eq!(log.len(), 1);
    assert!(log[0].sealed && !log[0].redacted);
    assert_eq!(log[0].sealed_to, fingerprint(&lead.recipient()));
    assert_eq!(log[0].sha256, courtwatch::domain::sha256_hex(&bytes));

    // The settings screen shows the log.
    h.keys("<Esc><F9>");
    let settings = h.screen();
    assert!(
        settings.contains("Files written outside the database: 1 "),
        "{settings}"
    );
    assert!(settings.contains("printout · sealed"), "{settings}");
}

#[test]
fn a_read_only_database_prints_nothing() {
    let h = Harness::with_hearings(100, 30, Lang::En, 3);
    let mut h = h.reopen_read_only();
    h.keys("<Enter>p");
    assert!(printouts(&h).is_empty());
    assert!(
        h.screen().contains("open read-only"),
        "says why:\n{}",
        h.screen()
    );
    h.keys("t");
    assert!(printouts(&h).is_empty(), "no question was open to answer");
}

#[test]
fn batches_and_reports_are_in_the_output_log_and_the_owners_only() {
    let env = Env::with_demo(6, 3);
    let out = tempfile::tempdir().expect("out");
    let outs = out.path().to_str().expect("path");
    let sealed = env
        .cmd(&["export", "--out", outs, "--all"])
        .env("COURTWATCH_BATCH_PASSPHRASE", "a phrase for the lead")
        .output()
        .expect("export");
    assert!(
        sealed.status.success(),
        "{}",
        String::from_utf8_lossy(&sealed.stderr)
    );
    let sealed = PathBuf::from(String::from_utf8_lossy(&sealed.stdout).trim());
    let plain = PathBuf::from(
        env.ok(&["export", "--out", outs, "--all", "--plaintext", "--redact"])
            .trim(),
    );
    let report = out.path().join("reports").join("figures.html");
    env.ok(&[
        "report",
        "--out",
        report.to_str().expect("path"),
        "--public",
    ]);
    assert_eq!(mode(&sealed), 0o600);
    assert_eq!(mode(&plain), 0o700);
    assert_eq!(mode(&plain.join("hearings.csv")), 0o600);
    assert_eq!(mode(&report), 0o600);
    assert_eq!(mode(&out.path().join("reports")), 0o700);

    let json = env.ok(&["outputs", "--format", "json"]);
    let log: serde_json::Value = serde_json::from_str(&json).expect("json");
    let log = log.as_array().expect("array");
    assert_eq!(log.len(), 3, "{json}");
    let entry = |path: &Path| {
        log.iter()
            .find(|e| e["path"] == path.display().to_string())
            .unwrap_or_else(|| panic!("{} not logged: {json}", path.display()))
    };
    let e = entry(&sealed);
    assert_eq!(e["kind"], "batch");
    assert_eq!(e["sealed"], true);
    assert_eq!(e["sealed_to"], "passphrase");
    assert_eq!(
        e["sha256"],
        courtwatch::domain::sha256_hex(&std::fs::read(&sealed).expect("sealed"))
    );
    let e = entry(&plain);
    assert_eq!(
        (&e["sealed"], &e["redacted"]),
        (&false.into(), &true.into())
    );
    assert_eq!(
        e["sha256"],
        courtwatch::domain::sha256_hex(&std::fs::read(plain.join("SHA256SUMS")).expect("sums")),
        "a folder by its SHA256SUMS"
    );
    let e = entry(&report);
    assert_eq!(e["kind"], "report");
    assert_eq!(e["sealed"], false);
    assert_eq!(
        e["sha256"],
        courtwatch::domain::sha256_hex(&std::fs::read(&report).expect("report"))
    );
    let table = env.ok(&["outputs"]);
    assert!(
        table.contains("batch") && table.contains("report") && table.contains("plain"),
        "{table}"
    );

    // A read-only database writes no report: it could not log it.
    let refused = env.run(&[
        "--read-only",
        "report",
        "--out",
        out.path().join("r2.html").to_str().expect("path"),
    ]);
    assert!(!refused.status.success());
    assert!(!out.path().join("r2.html").exists());
    assert!(!out.path().join("r2.html.part").exists());
}

/// The statistics screen asks before a report that names judges (issue 20, point 7): while
/// it shows judges by name, `r` asks as the print question does; Esc writes nothing; `s`
/// seals the report to the roster's lead (the lead's key alone opens it, judges named), `n`
/// writes a plain public report with judges numbered, `a` a plain one naming them. Each is
/// in the output log, sealed or plain.
#[test]
fn the_statistics_screen_asks_before_a_report_naming_judges() {
    let mut h = Harness::with_hearings(100, 30, Lang::En, 40);
    // No breakdown by judge: an aggregate report at once, plain.
    h.keys("sr");
    assert_eq!(printouts(&h).len(), 1);
    assert!(printouts(&h)[0].to_string_lossy().ends_with(".html"));
    // By judge: the question first; Esc writes nothing.
    h.keys("bbbb");
    assert!(h.screen().contains("— by judge."), "{}", h.screen());
    h.keys("r");
    let asked = h.screen();
    assert!(asked.contains("shows judges by name"), "{asked}");
    assert!(
        asked.contains("reads each judge's name"),
        "the warning:\n{asked}"
    );
    h.keys("<Esc>");
    assert_eq!(printouts(&h).len(), 1);
    // Sealed without a lead's key (and no passphrase): refused, nothing written.
    h.keys("rs");
    assert_eq!(printouts(&h).len(), 1);
    assert!(h.screen().contains("No lead's key"), "{}", h.screen());

    let lead = AgeIdentity::generate();
    let Harness { dir, session, .. } = h;
    drop(session);
    let rw = Store::open(
        &dir.path().join("c.db"),
        super::support::PASS,
        OpenMode::Existing,
        super::tui::spec(),
        Sources::fixed(),
    )
    .expect("open");
    rw.roster_add(
        &PublicKey {
            kind: KeyKind::Recipient,
            text: lead.recipient(),
        },
        "Lead",
        "keys_add",
    )
    .expect("roster");
    drop(rw);
    let mut h = Harness::start(dir, 100, 30, Lang::En);
    let store = h.store();
    let judges: Vec<String> = {
        let conn = store.conn();
        let mut stmt = conn
            .prepare("SELECT DISTINCT judge FROM hearings WHERE coalesce(judge, '') != ''")
            .expect("judges");
        stmt.query_map([], |r| r.get(0))
            .expect("judges")
            .map(|j| j.expect("judge"))
            .collect()
    };
    assert!(!judges.is_empty());
    let before = printouts(&h);
    h.keys("sbbbbrs");
    let new: Vec<PathBuf> = printouts(&h)
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect();
    assert_eq!(new.len(), 1, "{new:?}\n{}", h.screen());
    assert!(new[0].to_string_lossy().ends_with(".html.age"), "{new:?}");
    let bytes = std::fs::read(&new[0]).expect("sealed");
    let mut html = String::new();
    age::Decryptor::new(&bytes[..])
        .expect("age header")
        .decrypt(std::iter::once(lead.identity() as &dyn age::Identity))
        .expect("the lead's key opens it")
        .read_to_string(&mut html)
        .expect("read");
    assert!(
        judges.iter().any(|j| html.contains(j.as_str())),
        "judges named"
    );
    let other = AgeIdentity::generate();
    assert!(
        age::Decryptor::new(&bytes[..])
            .expect("header")
            .decrypt(std::iter::once(other.identity() as &dyn age::Identity))
            .is_err()
    );
    assert!(h.screen().contains("Report written to"), "{}", h.screen());

    // n: plain, judges numbered; a: plain, judges named.
    let before = printouts(&h);
    h.keys("xn");
    let numbered: Vec<PathBuf> = printouts(&h)
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect();
    assert_eq!(numbered.len(), 1);
    assert!(numbered[0].to_string_lossy().ends_with(".xlsx"));
    let before = printouts(&h);
    h.keys("ra");
    let plain: Vec<PathBuf> = printouts(&h)
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect();
    assert_eq!(plain.len(), 1);
    let text = std::fs::read_to_string(&plain[0]).expect("plain");
    assert!(judges.iter().any(|j| text.contains(j.as_str())));

    let log = store.outputs().expect("log");
    let sealed: Vec<bool> = log.iter().map(|e| e.sealed).collect();
    assert_eq!(sealed.iter().filter(|s| **s).count(), 1, "{sealed:?}");
    assert_eq!(log.len(), 4);
}

#[test]
fn a_read_only_statistics_screen_writes_no_report_and_says_why() {
    let h = Harness::with_hearings(100, 30, Lang::En, 10);
    let mut h = h.reopen_read_only();
    h.keys("sr");
    assert!(printouts(&h).is_empty());
    assert!(
        h.screen()
            .contains("could not be recorded in its output log"),
        "{}",
        h.screen()
    );
}

/// The output log travels in batches (issue 17, point 4): a batch carries `outputs.csv`, the
/// exporting database's log before it (listed in the manifest and SHA256SUMS, inside the
/// sealed container too); a lead's merge keeps the rows by monitor, a row brought again is
/// the same row, and the lead's own log stays its own.
#[test]
fn the_output_log_travels_in_batches_and_the_lead_keeps_it_by_monitor() {
    let m = Env::with_demo(6, 3);
    let out = tempfile::tempdir().expect("out");
    let outs = out.path().to_str().expect("path");
    // Nothing logged yet: the first batch has no outputs.csv.
    let b0 = PathBuf::from(
        m.ok(&["export", "--all", "--plaintext", "--out", outs])
            .trim(),
    );
    assert!(!b0.join("outputs.csv").exists());
    m.ok(&[
        "report",
        "--out",
        out.path().join("r.html").to_str().expect("path"),
    ]);
    let b1 = PathBuf::from(
        m.ok(&["export", "--all", "--plaintext", "--out", outs])
            .trim(),
    );
    let log = std::fs::read_to_string(b1.join("outputs.csv")).expect("outputs.csv");
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(
        lines[0], "at,kind,path,sealed,redacted,sha256,sealed_to,who",
        "{log}"
    );
    assert_eq!(lines.len(), 3, "the first batch and the report: {log}");
    assert!(
        lines[1].contains(",batch,") && lines[2].contains(",report,"),
        "{log}"
    );
    let manifest = std::fs::read_to_string(b1.join("manifest.json")).expect("manifest");
    assert!(manifest.contains("\"outputs.csv\""), "{manifest}");
    let sums = std::fs::read_to_string(b1.join("SHA256SUMS")).expect("sums");
    assert!(sums.contains("  outputs.csv"), "{sums}");
    // The next one sealed (with a passphrase): the log is inside the container.
    let sealed = m
        .cmd(&["export", "--all", "--out", outs])
        .env("COURTWATCH_BATCH_PASSPHRASE", "a phrase for the lead")
        .output()
        .expect("export");
    assert!(sealed.status.success(), "{sealed:?}");
    let b2 = PathBuf::from(String::from_utf8_lossy(&sealed.stdout).trim());

    let lead = Env::new();
    lead.ok(&["init", "--code", "L01", "--name", "Lead"]);
    let key = out.path().join("m07.pub");
    std::fs::write(&key, m.ok(&["keys", "show"])).expect("key");
    lead.ok(&["keys", "add", key.to_str().expect("path"), "--yes"]);
    let merge = |batch: &Path| {
        let o = lead
            .cmd(&["merge", batch.to_str().expect("path")])
            .env("COURTWATCH_BATCH_PASSPHRASE", "a phrase for the lead")
            .output()
            .expect("merge");
        assert!(o.status.success(), "{o:?}");
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    assert!(!merge(&b0).contains("output log"));
    let said = merge(&b1);
    assert!(said.contains("output log: 2 new row(s)"), "{said}");
    let said = merge(&b2);
    assert!(
        said.contains("output log: 1 new row(s)"),
        "the report and the first batch again are the same rows; b1 is new: {said}"
    );
    let json = lead.ok(&["outputs", "--received", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&json).expect("json");
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 3, "{json}");
    assert!(
        rows.iter()
            .all(|r| r["monitor"] == "M07" && r["who"] == "M07"),
        "{json}"
    );
    // The monitor's own log, row for row (b2 is logged as it is counted sent: not in it).
    let theirs: serde_json::Value =
        serde_json::from_str(&m.ok(&["outputs", "--format", "json"])).expect("json");
    let theirs = theirs.as_array().expect("array");
    for r in theirs
        .iter()
        .filter(|r| r["path"] != b2.display().to_string())
    {
        assert!(
            rows.iter().any(|x| x["sha256"] == r["sha256"]
                && x["at"] == r["at"]
                && x["kind"] == r["kind"]),
            "{r} not kept at the lead: {json}"
        );
    }
    assert_eq!(
        lead.ok(&["outputs"]).trim(),
        "Nothing was written outside the database.",
        "the lead's own log is its own"
    );
    let table = lead.ok(&["outputs", "--received"]);
    assert!(table.contains("M07") && table.contains("report"), "{table}");
}

/// A batch's output log is checked like its other files: a bad cell refuses the whole batch
/// with its file, line and column, and the lead's database is unchanged.
#[test]
fn a_bad_output_log_row_refuses_the_batch() {
    let monitor = Env::with_demo(6, 2);
    let out = monitor.dir.path().join("out");
    monitor.ok(&[
        "report",
        "--out",
        out.join("r.html").to_str().expect("path"),
    ]);
    let batch = PathBuf::from(
        monitor
            .ok(&[
                "export",
                "--plaintext",
                "--out",
                out.to_str().expect("path"),
                "--all",
            ])
            .trim(),
    );
    let lead = Env::new();
    lead.ok(&["init", "--code", "L01", "--name", "Lead"]);
    let case = super::exchange::Case {
        monitor,
        lead,
        batch,
    };
    let kind = case.column("outputs.csv", "kind");
    let sealed = case.column("outputs.csv", "sealed");
    for (column, value, says) in [
        (
            kind,
            "secret",
            "kind: unknown kind \"secret\"; expected batch, printout or report",
        ),
        (sealed, "yes", "sealed: \"yes\" is not 0 or 1"),
    ] {
        let original = std::fs::read(case.file("outputs.csv")).expect("log");
        case.edit_csv("outputs.csv", |rows| rows[1][column] = value.to_owned());
        case.reseal();
        let before = std::fs::read(case.lead.db()).expect("db");
        let o = case
            .lead
            .run(&["merge", case.batch.to_str().expect("path")]);
        assert!(!o.status.success());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("outputs.csv") && err.contains(says), "{err}");
        assert_eq!(
            std::fs::read(case.lead.db()).expect("db"),
            before,
            "unchanged"
        );
        std::fs::write(case.file("outputs.csv"), original).expect("restore");
    }
}
