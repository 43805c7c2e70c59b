//! Hostile batches: each attack on the reader is refused with a clear message (file, line and
//! column where there is one), without hanging, and the lead's database stays byte for byte
//! as it was. Where memory is the attack, the binary runs under `ulimit -v`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::exchange::Case;
use super::support::{Env, PASS};

/// The address space the memory attacks run in: 400 MiB. Verifying and merging a batch of
/// thousands of hearings fits in half of it; each attack below took gigabytes before.
const CAP_KIB: u64 = 400 * 1024;

/// The lead's database files, as bytes.
fn db_bytes(env: &Env) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let db = env.db();
    ["", "-wal", "-journal"]
        .iter()
        .map(|suffix| {
            let p = PathBuf::from(format!("{}{suffix}", db.display()));
            let bytes = std::fs::read(&p).ok();
            (p, bytes)
        })
        .collect()
}

/// Runs a command to its end, or kills it after `limit` and fails: a hostile batch must not
/// make the reader hang.
fn finish(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start courtwatch");
    let deadline = Instant::now() + limit;
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("courtwatch did not finish within {limit:?}: it hangs on this batch");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `courtwatch --db DB ARGS…` under `ulimit -v` (KiB).
fn capped(env: &Env, kib: u64, args: &[&str]) -> Output {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -v {kib}; exec \"$@\""))
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_courtwatch"))
        .arg("--db")
        .arg(env.db())
        .args(args)
        .env("COURTWATCH_PASSPHRASE", PASS)
        .env_remove("COURTWATCH_DB")
        .env("LANG", "C");
    finish(cmd, Duration::from_secs(300))
}

/// `verify` and `merge` (uncapped, but bounded in time) both refuse the batch naming
/// `needle`; the lead's database is byte for byte what it was. Returns verify's message.
fn refused(c: &Case, needle: &str) -> String {
    let before = db_bytes(&c.lead);
    let batch = c.batch.to_str().expect("path");
    let mut messages = String::new();
    for args in [vec!["verify", batch], vec!["merge", batch]] {
        let out = finish(c.lead.cmd(&args), Duration::from_secs(120));
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{args:?} must fail:\n{err}");
        assert!(
            err.contains(needle),
            "{args:?}: expected {needle:?} in:\n{err}"
        );
        assert!(
            !err.contains('\u{1b}'),
            "no raw escape reaches the terminal"
        );
        if messages.is_empty() {
            messages = err;
        }
    }
    assert_eq!(db_bytes(&c.lead), before, "the database is unchanged");
    messages
}

/// Like [`refused`], both commands under `ulimit -v`.
fn refused_capped(c: &Case, needle: &str) -> String {
    let before = db_bytes(&c.lead);
    let batch = c.batch.to_str().expect("path");
    let mut messages = String::new();
    for args in [["verify", batch], ["merge", batch]] {
        let out = capped(&c.lead, CAP_KIB, &args);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{args:?} must fail:\n{err}");
        assert!(
            err.contains(needle),
            "{args:?}: expected {needle:?} in:\n{err}"
        );
        if messages.is_empty() {
            messages = err;
        }
    }
    assert_eq!(db_bytes(&c.lead), before, "the database is unchanged");
    messages
}

fn symlink(target: &Path, link: &Path) {
    let _ = std::fs::remove_file(link);
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

// ---------------------------------------------------------------------------------------------
// Files that are not plain files of the folder

#[test]
fn a_link_to_dev_zero_is_refused_before_it_is_read() {
    let c = Case::new();
    symlink(Path::new("/dev/zero"), &c.file("audit.csv"));
    refused(&c, "audit.csv: is a symbolic link, not a plain file");
}

#[test]
fn a_fifo_is_refused_without_waiting_on_it() {
    let c = Case::new();
    let fifo = c.file("audit.csv");
    std::fs::remove_file(&fifo).expect("remove");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(
        made.is_ok_and(|s| s.success()),
        "mkfifo (coreutils) is needed"
    );
    refused(&c, "audit.csv: is a named pipe (FIFO), not a plain file");
}

#[test]
fn a_sums_entry_naming_a_link_is_not_followed() {
    let c = Case::new();
    symlink(Path::new("/dev/zero"), &c.file("extra.bin"));
    let mut sums = std::fs::read_to_string(c.file("SHA256SUMS")).expect("sums");
    sums.push_str(&format!("{}  extra.bin\n", "0".repeat(64)));
    std::fs::write(c.file("SHA256SUMS"), sums).expect("write");
    refused(&c, "extra.bin: is a symbolic link, not a plain file");
}

#[test]
fn a_link_to_a_file_outside_the_folder_is_refused() {
    let c = Case::new();
    let outside = c
        .batch
        .parent()
        .expect("parent")
        .join("hearings-elsewhere.csv");
    std::fs::rename(c.file("hearings.csv"), &outside).expect("move out");
    symlink(&outside, &c.file("hearings.csv"));
    refused(&c, "hearings.csv: is a symbolic link, not a plain file");
}

// ---------------------------------------------------------------------------------------------
// Memory

/// A manifest `seq` of 100,000,000 is one missing run, not a list of numbers: merge, the
/// history and later merges all work within the cap.
#[test]
fn a_huge_seq_is_one_missing_run_and_nothing_aborts() {
    let c = Case::new();
    c.edit_manifest(|m| m["seq"] = 100_000_000.into());
    c.reseal();
    let batch = c.batch.to_str().expect("path");
    let out = capped(&c.lead, CAP_KIB, &["merge", batch]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("batch(es) 1–99999999 not received yet"),
        "{said}"
    );
    let batches = capped(&c.lead, CAP_KIB, &["batches", "--format", "csv"]);
    assert!(batches.status.success());
    assert!(String::from_utf8_lossy(&batches.stdout).contains("1–99999999"));
    let again = capped(&c.lead, CAP_KIB, &["merge", batch]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("already merged"));
}

/// A 100 MB narrative: refused at the row limit, the file read only that far.
#[test]
fn a_hundred_megabyte_cell_is_refused_within_the_memory_cap() {
    let c = Case::new();
    let col = c.column("hearings.csv", "narrative");
    c.edit_csv("hearings.csv", |rows| rows[2][col] = "ж".repeat(50_000_000));
    c.reseal();
    let err = refused_capped(&c, "hearings.csv:3: cannot be read");
    assert!(err.contains("a row is longer than 8 MiB"), "{err}");
}

/// Every checklist row of a large batch with a trailing comma: every row is a problem; the
/// first are kept and shown, the rest counted, all within the cap.
#[test]
fn a_batch_of_bad_rows_keeps_a_bounded_list_of_problems() {
    let monitor = Env::with_demo(1500, 5);
    let out = monitor.dir.path().join("out");
    let path = monitor.ok(&[
        "export",
        "--plaintext",
        "--out",
        out.to_str().expect("path"),
        "--all",
    ]);
    let lead = Env::new();
    lead.ok(&["init", "--code", "L01", "--name", "Lead"]);
    let c = Case {
        monitor,
        lead,
        batch: PathBuf::from(path.trim()),
    };
    let mut rows = 0;
    c.edit_csv("checklist_answers.csv", |r| {
        for row in r.iter_mut().skip(1) {
            row.push(String::new());
            rows += 1;
        }
    });
    c.reseal();
    assert!(rows > 20_000, "{rows} rows");
    let err = refused_capped(
        &c,
        "checklist_answers.csv:2:7: has 7 cells, the header has 6 columns",
    );
    assert!(
        err.contains(&format!("({rows} problem(s))")),
        "every row is counted: {err}"
    );
    assert!(err.contains(&format!("… and {} more", rows - 50)), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Control characters

#[test]
fn an_escape_sequence_in_a_cell_is_refused_and_never_printed_raw() {
    let c = Case::new();
    let col = c.column("hearings.csv", "judge_name");
    c.edit_csv("hearings.csv", |rows| {
        rows[2][col] = "\u{1b}]0;owned\u{7}\u{1b}[2J".into()
    });
    c.reseal();
    let err = refused(
        &c,
        &format!(
            "hearings.csv:3:{}: holds the control character U+001B",
            col + 1
        ),
    );
    assert!(
        err.contains("(1 problem(s))"),
        "one bad cell, one problem: {err}"
    );
}

#[test]
fn problems_are_said_in_the_users_language() {
    let c = Case::new();
    let col = c.column("hearings.csv", "judge_name");
    c.edit_csv("hearings.csv", |rows| rows[2][col] = "Саидов\u{85}".into());
    c.reseal();
    let batch = c.batch.to_str().expect("path");
    for (lang, said) in [
        ("ru", "содержит управляющий символ U+0085"),
        ("tg", "аломати идоракунии U+0085-ро дорад"),
        ("en", "holds the control character U+0085"),
    ] {
        let out = finish(
            c.lead.cmd(&["--lang", lang, "verify", batch]),
            Duration::from_secs(120),
        );
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains(&format!("hearings.csv:3:{}: {said}", col + 1)),
            "{lang}: {err}"
        );
    }
}

#[test]
fn manifest_and_cell_problems_are_said_in_russian_and_tajik() {
    // A value of the wrong type in the manifest, and an unknown code in a cell: among the
    // problems met most often, each said whole in the language asked for.
    let c = Case::new();
    let col = c.column("hearings.csv", "location");
    c.edit_csv("hearings.csv", |rows| rows[1][col] = "on_the_moon".into());
    c.reseal();
    let cell = c.batch.with_file_name("cell");
    std::fs::rename(&c.batch, &cell).expect("move");
    let cell = cell.to_str().expect("path");
    let c2 = Case::new();
    c2.edit_manifest(|m| m["seq"] = "twelve".into());
    c2.reseal();
    let manifest = c2.batch.to_str().expect("path");
    let text = std::fs::read_to_string(c2.file("manifest.json")).expect("manifest");
    let seq_line = 1 + text
        .lines()
        .position(|l| l.trim_start().starts_with("\"seq\""))
        .expect("seq");
    let run = |args: &[&str]| {
        let out = finish(c.lead.cmd(args), Duration::from_secs(120));
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let at = format!("hearings.csv:2:{}: location: ", col + 1);
    for (lang, code, seq, count, rejected) in [
        (
            "ru",
            "неизвестный код \"on_the_moon\" (список ",
            "поле seq: ожидается целое число от 1, а указано \"twelve\"",
            "не является правильным пакетом (1 ошибка); ничего не изменено:",
            "Отклонён 1 пакет:",
        ),
        (
            "tg",
            "рамзи номаълум \"on_the_moon\" (рӯйхати ",
            "майдони seq: адади бутун аз 1 интизор мешавад, вале \"twelve\" навишта шудааст",
            "бастаи дуруст нест (1 камбудӣ); чизе тағйир наёфт:",
            "1 баста рад шуд:",
        ),
    ] {
        let err = run(&["--lang", lang, "verify", cell]);
        assert!(err.contains(&format!("{at}{code}")), "{lang}: {err}");
        assert!(err.contains(count), "{lang}: {err}");
        let err = run(&["--lang", lang, "verify", manifest]);
        assert!(
            err.contains(&format!("manifest.json:{seq_line}: {seq}")),
            "{lang}: {err}"
        );
        let err = run(&["--lang", lang, "merge", cell]);
        assert!(err.contains(&format!("{at}{code}")), "{lang}: {err}");
        assert!(err.contains(rejected), "{lang}: {err}");
        assert!(!err.contains("problem"), "{lang}: no English left: {err}");
    }
}

#[test]
fn an_escape_sequence_in_the_monitor_code_is_refused() {
    let c = Case::new();
    c.edit_manifest(|m| m["monitor"]["code"] = "M07\u{1b}[2J".into());
    c.reseal();
    refused(&c, "monitor.code holds the control character U+001B");
}

// ---------------------------------------------------------------------------------------------
// The manifest, checked like a row

/// A change made to the manifest.
type Change = dyn Fn(&mut serde_json::Value);

#[test]
fn manifest_values_are_checked_like_cells() {
    let cases: Vec<(Box<Change>, &str)> = vec![
        (
            Box::new(|m| m["seq"] = 0.into()),
            "seq is 0; a monitor's batches are numbered from 1",
        ),
        (
            Box::new(|m| m["created_at"] = "2026-11-23T10:15:00".into()),
            "created_at \"2026-11-23T10:15:00\" is not a date and time with offset",
        ),
        (
            Box::new(|m| m["schema_version"] = 99.into()),
            "schema_version 99 is not known to this courtwatch",
        ),
        (
            Box::new(|m| m["form_versions"]["hearing"] = 7.into()),
            "form_versions: hearing version 7 is not known to this courtwatch",
        ),
        (
            Box::new(|m| m["monitor"]["code"] = "".into()),
            "monitor.code \"\" is not a monitor code",
        ),
        (
            Box::new(|m| m["batch_id"] = "00000000-0000-0000-0000-000000000000".into()),
            "batch_id is the nil UUID",
        ),
        (
            Box::new(|m| {
                m.as_object_mut().expect("object").remove("monitor");
            }),
            "manifest.json: the field monitor is missing; it holds an object with the monitor's uuid, code and name",
        ),
        (
            Box::new(|m| m["seq"] = "twelve".into()),
            "the field seq must be a whole number from 1; it is \"twelve\"",
        ),
        (
            Box::new(|m| m["format"] = "other".into()),
            "format is \"other\", not \"courtwatch-batch\"",
        ),
    ];
    let c = Case::new();
    let original = std::fs::read(c.file("manifest.json")).expect("manifest");
    let sums = std::fs::read(c.file("SHA256SUMS")).expect("sums");
    for (change, needle) in cases {
        c.edit_manifest(change);
        c.reseal();
        let err = refused(&c, needle);
        assert!(!err.contains("Some("), "plain words: {err}");
        std::fs::write(c.file("manifest.json"), &original).expect("restore");
        std::fs::write(c.file("SHA256SUMS"), &sums).expect("restore");
    }
}

// ---------------------------------------------------------------------------------------------
// Trust by content

#[test]
fn a_final_hearing_that_would_not_pass_finalising_is_refused() {
    let c = Case::new();
    let col = c.column("hearings.csv", "narrative");
    let hash_col = c.column("hearings.csv", "content_hash");
    // The record's hash made again, so only the rule speaks.
    c.edit_csv("hearings.csv", |rows| rows[1][col] = String::new());
    rehash(&c, hash_col);
    c.reseal();
    refused(
        &c,
        &format!(
            "hearings.csv:2:{}: hearing {} is final but would not pass finalising: narrative is required but empty",
            col + 1,
            hearing_uuid(&c, 2)
        ),
    );
}

#[test]
fn a_closure_ground_on_a_public_hearing_is_refused() {
    let c = Case::new();
    let access = c.column("hearings.csv", "public_access");
    let ground = c.column("hearings.csv", "closure_ground");
    let hash_col = c.column("hearings.csv", "content_hash");
    let mut line = 0;
    c.edit_csv("hearings.csv", |rows| {
        let (i, row) = rows
            .iter_mut()
            .enumerate()
            .skip(1)
            .find(|(_, r)| r[access] == "open")
            .expect("a public hearing");
        row[ground] = "state_secret".into();
        line = i + 1;
    });
    rehash(&c, hash_col);
    c.reseal();
    let err = refused(
        &c,
        &format!(
            "hearings.csv:{line}:{}: hearing {} is final but would not pass finalising: \
             closure_ground holds a value, but it applies only when public_access is closed_entire or closed_partly",
            ground + 1,
            hearing_uuid(&c, line)
        ),
    );
    // What older builds left: the lead is told, first, what the monitor must do.
    let first = err.lines().nth(1).unwrap_or_default();
    assert!(
        first.starts_with("  manifest.json: was written by courtwatch ")
            && first.contains("run `courtwatch export --all`"),
        "{err}"
    );
}

#[test]
fn a_no_answer_without_its_comment_is_refused() {
    let c = Case::new();
    let answer = c.column("checklist_answers.csv", "answer");
    let comment = c.column("checklist_answers.csv", "comment");
    let hash_col = c.column("hearings.csv", "content_hash");
    c.edit_csv("checklist_answers.csv", |rows| {
        rows[1][answer] = "no".into();
        rows[1][comment] = String::new();
    });
    rehash(&c, hash_col);
    c.reseal();
    refused(&c, "is answered no or partly without the comment it needs");
}

#[test]
fn an_answer_for_someone_the_item_is_not_asked_about_is_refused() {
    let c = Case::new();
    let item = c.column("checklist_answers.csv", "item_code");
    let party = c.column("checklist_answers.csv", "party_uuid");
    let hearing = c.column("checklist_answers.csv", "hearing_uuid");
    let hash_col = c.column("hearings.csv", "content_hash");
    let parties = std::fs::read_to_string(c.file("hearing_parties.csv")).expect("parties");
    // A person at the first answer's hearing, named on an item asked of the hearing as a whole.
    c.edit_csv("checklist_answers.csv", |rows| {
        let at = rows[1][hearing].clone();
        let someone = parties
            .lines()
            .map(|l| l.split(',').map(str::to_owned).collect::<Vec<_>>())
            .find(|cells| cells.get(1) == Some(&at))
            .expect("a person at the hearing")[2]
            .clone();
        let row = rows
            .iter_mut()
            .skip(1)
            .find(|r| r[hearing] == at && r[item].starts_with("PUB-") && r[party].is_empty())
            .expect("a PUB item");
        row[party] = someone;
    });
    rehash(&c, hash_col);
    c.reseal();
    let err = refused(
        &c,
        "is not asked per defendant, but the answer names party_uuid",
    );
    assert!(
        !err.contains("export --all"),
        "not a value older builds left: {err}"
    );
}

#[test]
fn one_bad_cell_gives_one_problem() {
    let c = Case::new();
    let col = c.column("hearings.csv", "location");
    c.edit_csv("hearings.csv", |rows| rows[1][col] = "on_the_moon".into());
    c.reseal();
    let err = refused(
        &c,
        &format!(
            "hearings.csv:2:{}: location: unknown code \"on_the_moon\"",
            col + 1
        ),
    );
    assert!(err.contains("(1 problem(s))"), "{err}");
}

#[test]
fn a_missing_column_gives_one_problem() {
    let c = Case::new();
    let col = c.column("hearings.csv", "judge_name");
    c.edit_csv("hearings.csv", |rows| {
        for r in rows {
            r.remove(col);
        }
    });
    c.reseal();
    let err = refused(&c, "hearings.csv:1: column judge_name is missing");
    assert!(err.contains("(1 problem(s))"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Merging again

#[test]
fn a_second_merge_says_it_changed_nothing() {
    let c = Case::new();
    let batch = c.batch.to_str().expect("path");
    c.lead.ok(&["merge", batch]);
    let before = db_bytes(&c.lead);
    let again = c.lead.ok(&["merge", batch]);
    assert!(again.contains("already merged"), "{again}");
    assert!(
        again.contains("0 batch(es) merged, 1 merged before (nothing changed), 0 rejected."),
        "{again}"
    );
    assert_eq!(db_bytes(&c.lead), before);
}

#[test]
fn two_merges_of_one_batch_started_at_once_both_succeed_and_one_changes_nothing() {
    let c = Case::new();
    let batch = c.batch.to_str().expect("path");
    let spawn = || {
        c.lead
            .cmd(&["merge", batch])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start merge")
    };
    let (a, b) = (spawn(), spawn());
    let outs = [
        a.wait_with_output().expect("a"),
        b.wait_with_output().expect("b"),
    ];
    let said: Vec<String> = outs
        .iter()
        .map(|o| {
            format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            )
        })
        .collect();
    for (o, s) in outs.iter().zip(&said) {
        assert!(o.status.success(), "{s}");
        assert!(!s.contains("UNIQUE"), "{s}");
    }
    assert_eq!(
        said.iter().filter(|s| s.contains("already merged")).count(),
        1,
        "{said:?}"
    );
    assert_eq!(
        c.lead.ok(&["batches", "--format", "csv"]).lines().count(),
        2,
        "one history row"
    );
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// The uuid of the hearing on `line` of hearings.csv.
fn hearing_uuid(c: &Case, line: usize) -> String {
    let text = std::fs::read_to_string(c.file("hearings.csv")).expect("hearings");
    let row: Vec<String> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .nth(line - 2)
        .expect("row")
        .expect("row")
        .iter()
        .map(str::to_owned)
        .collect();
    row[0].clone()
}

/// Writes into hearings.csv the content hash each hearing's content now has (as reading it
/// computes), so that a test can reach the checks after the hash.
fn rehash(c: &Case, hash_col: usize) {
    use courtwatch::exchange::verify::verify;
    let spec = courtwatch::spec::Spec::builtin().expect("spec");
    // Reading with the old hashes names each hearing whose hash no longer fits.
    c.reseal();
    let problems = match verify(&spec, &c.batch) {
        Ok(_) => return,
        Err(p) => p,
    };
    let mut fixes = Vec::new();
    for p in problems.iter() {
        if let Some(rest) = p.message.split("its content hashes to ").nth(1) {
            let hash: String = rest.chars().take(64).collect();
            fixes.push((p.line.expect("line") as usize, hash));
        }
    }
    c.edit_csv("hearings.csv", |rows| {
        for (line, hash) in fixes {
            rows[line - 1][hash_col] = hash;
        }
    });
}
