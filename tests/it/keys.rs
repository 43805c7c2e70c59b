//! The laptop at the court door (DESIGN.md §6): files the owner's, core dumps off, a file
//! that is not a database left alone, failures that end with a sentence.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

use super::support::{Env, PASSPHRASE as PASS};

/// The permission bits of a file or folder.
fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// Waits for a child with a deadline (a hang fails the test instead of stalling the suite).
fn finish(mut child: Child, what: &str) -> Output {
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not end");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A keyed connection of the test's own, as another program would hold one.
fn other_connection(db: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.pragma_update(None, "key", PASS).expect("key");
    conn
}

#[test]
fn the_database_its_log_and_batches_are_the_owners_only() {
    let env = Env::derived().demo(5, 1);
    let out = env.dir.path().join("out");
    let batch = env.ok(&[
        "export",
        "--plaintext",
        "--out",
        out.to_str().expect("path"),
        "--all",
    ]);
    let batch = Path::new(batch.trim());
    assert_eq!(mode(&env.db()), 0o600, "the database");
    // The log exists while a connection has the database open.
    let conn = other_connection(&env.db());
    conn.query_row("SELECT count(*) FROM hearings", [], |r| r.get::<_, i64>(0))
        .expect("read");
    let wal = Path::new(&format!("{}-wal", env.db().display())).to_owned();
    assert!(wal.exists(), "the write-ahead log is there while open");
    assert_eq!(mode(&wal), 0o600, "the write-ahead log");
    drop(conn);
    assert_eq!(mode(&out), 0o700, "the folder export made");
    assert_eq!(mode(batch), 0o700, "the batch folder");
    for entry in std::fs::read_dir(batch).expect("batch") {
        let path = entry.expect("entry").path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
}

#[test]
fn core_dumps_are_off_and_files_private_from_the_start() {
    if std::process::Command::new("strace")
        .arg("-V")
        .output()
        .is_err()
    {
        assert!(
            std::env::var("CI").is_err(),
            "strace must be installed in CI (.ci/run)"
        );
        eprintln!("skipped: strace is not installed");
        return;
    }
    let env = Env::derived();
    let out = std::process::Command::new("strace")
        .args(["-f", "-e", "trace=prlimit64,setrlimit,umask,prctl"])
        .arg(env!("CARGO_BIN_EXE_courtwatch"))
        .arg("--db")
        .arg(env.db())
        .arg("list")
        .env("COURTWATCH_PASSPHRASE", PASS)
        .output()
        .expect("strace");
    let trace = String::from_utf8_lossy(&out.stderr);
    assert!(
        trace.contains("RLIMIT_CORE, {rlim_cur=0, rlim_max=0}"),
        "{trace}"
    );
    assert!(trace.contains("umask(077)"), "{trace}");
    assert!(
        trace.contains("PR_SET_DUMPABLE, SUID_DUMP_DISABLE"),
        "{trace}"
    );
}

#[test]
fn an_empty_file_or_other_file_at_db_is_refused_and_left_alone() {
    let env = Env::derived();
    std::fs::write(env.db(), b"").expect("empty file");
    let out = env.run(&["list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is empty or is not a courtwatch database"),
        "{err}"
    );
    assert_eq!(std::fs::metadata(env.db()).expect("file").len(), 0);
    let out = env.run(&["demo", "--hearings", "2"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::metadata(env.db()).expect("file").len(),
        0,
        "not filled"
    );

    let text = b"shopping list: bread, tea\n".repeat(3);
    std::fs::write(env.db(), &text).expect("text file");
    let out = env.run(&["demo", "--hearings", "2"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a courtwatch database"), "{err}");
    assert_eq!(
        std::fs::read(env.db()).expect("file"),
        text,
        "left as it was"
    );
}

/// The write lock held by another program: `demo` reports it and ends (it used to wait for
/// ever on its own second thread).
#[test]
fn demo_ends_with_a_sentence_when_another_program_holds_the_write_lock() {
    let env = Env::derived();
    env.ok(&["init", "--code", "M07", "--name", "Test Monitor"]);
    let conn = other_connection(&env.db());
    conn.execute_batch("BEGIN IMMEDIATE").expect("write lock");
    let child = env
        .cmd(&["demo", "--hearings", "3000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start demo");
    let out = finish(child, "demo with the database locked");
    drop(conn);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("close it and try again"), "{err}");
}

/// A small file system of its own, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// `None` where this user may not mount (then the test is skipped outside CI).
    fn new(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().expect("mount point");
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Tmpfs { dir })
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.dir.path())
            .status();
    }
}

#[test]
fn a_full_disk_is_called_full() {
    let Some(fs) = Tmpfs::new("3m") else {
        eprintln!("skipped: cannot mount a small file system here (needs root)");
        return;
    };
    let db = fs.dir.path().join("courtwatch.db");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_courtwatch"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("COURTWATCH_PASSPHRASE", PASS)
            .env("LANG", "C")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start")
    };
    let out = finish(run(&["init", "--code", "M07", "--name", "T"]), "init");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = finish(run(&["demo", "--hearings", "3000"]), "demo on a full disk");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the disk is full"), "{err}");
}

#[test]
fn an_io_error_for_want_of_space_says_the_disk_is_full() {
    let e = courtwatch::error::Error::io("batch", std::io::Error::from_raw_os_error(28));
    assert!(e.to_string().contains("the disk is full"), "{e}");
}

fn has_strace() -> bool {
    let ok = std::process::Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("CI").is_err(),
            "strace must be installed in CI (.ci/run)"
        );
        eprintln!("skipped: strace is not installed");
    }
    ok
}

const NEW: &str = "a new passphrase, after the search";

/// `courtwatch ARGS` on `db` with `pass`, under strace with `strace_args` when given.
fn courtwatch_at(db: &Path, pass: &str, args: &[&str], strace_args: &[&str]) -> Output {
    let mut cmd = if strace_args.is_empty() {
        std::process::Command::new(env!("CARGO_BIN_EXE_courtwatch"))
    } else {
        let mut c = std::process::Command::new("strace");
        c.args(["-f", "-qq", "-o", "/dev/null"])
            .args(strace_args)
            .arg(env!("CARGO_BIN_EXE_courtwatch"));
        c
    };
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env("COURTWATCH_PASSPHRASE", pass)
        .env("COURTWATCH_NEW_PASSPHRASE", NEW)
        .env("LANG", "C")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    finish(cmd.spawn().expect("start"), &format!("courtwatch {args:?}"))
}

/// Which passphrase opens the database, after checking it whole: its integrity, and every
/// hearing still there.
fn opens_with(db: &Path, hearings: usize) -> &'static str {
    let mut opened = Vec::new();
    for pass in [PASS, NEW] {
        let out = courtwatch_at(db, pass, &["list", "--format", "csv"], &[]);
        if out.status.success() {
            assert_eq!(out.stdout.split(|&b| b == b'\n').count() - 1, hearings + 1);
            let conn = rusqlite::Connection::open(db).expect("open");
            conn.pragma_update(None, "key", pass).expect("key");
            let check: String = conn
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .expect("integrity check");
            assert_eq!(check, "ok");
            opened.push(if pass == PASS { "old" } else { "new" });
        } else {
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("passphrase is wrong"), "{err}");
        }
    }
    assert_eq!(
        opened.len(),
        1,
        "exactly one passphrase opens it: {opened:?}"
    );
    opened[0]
}

/// How many times each system call is made by a whole passphrase change (`strace -c`).
fn syscall_counts(db: &Path) -> Vec<(String, u64)> {
    let report = db.with_extension("counts");
    let out = courtwatch_at(
        db,
        PASS,
        &["passphrase"],
        &["-c", "-o", report.to_str().expect("path")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&report).expect("strace -c report");
    text.lines()
        .filter_map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            // % time, seconds, usecs/call, calls, [errors,] syscall
            let calls = cols.get(3)?.parse().ok()?;
            Some(((*cols.last()?).to_owned(), calls))
        })
        .filter(|(name, _)| name != "total")
        .collect()
}

/// `kill -9` at every write, sync, rename, removal and truncation of a passphrase change (at
/// a spread of its page writes): each time the database opens whole with the old passphrase
/// or the new one, never neither; and the change then runs to its end.
#[test]
fn a_passphrase_change_killed_anywhere_leaves_a_database_that_opens() {
    if !has_strace() {
        return;
    }
    let env = Env::derived().demo(120, 5);
    let original = env.dir.path().join("original.db");
    std::fs::copy(env.db(), &original).expect("copy");
    let db = env.db();
    let fresh = || {
        for suffix in ["-wal", "-shm", "-journal", "-rekey", "-rekey-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        std::fs::copy(&original, &db).expect("fresh copy");
    };
    let counts = syscall_counts(&db);
    assert_eq!(opens_with(&db, 120), "new");
    let mut points = Vec::new();
    for (call, n) in &counts {
        match call.as_str() {
            "pwrite64" | "write" => {
                let step = (*n / 6).max(1);
                points.extend((1..=*n).step_by(step as usize).map(|k| (call.clone(), k)));
            }
            "fsync" | "fdatasync" | "rename" | "renameat" | "renameat2" | "unlink" | "unlinkat"
            | "ftruncate" => points.extend((1..=*n).map(|k| (call.clone(), k))),
            _ => {}
        }
    }
    assert!(
        points.iter().any(|(c, _)| c.starts_with("rename")),
        "{counts:?}"
    );
    let mut seen = std::collections::BTreeSet::new();
    for (call, k) in &points {
        fresh();
        let inject = format!("inject={call}:signal=KILL:when={k}");
        let out = courtwatch_at(&db, PASS, &["passphrase"], &["-e", &inject]);
        assert!(!out.status.success(), "killed at {call} #{k}");
        seen.insert(opens_with(&db, 120));
    }
    assert_eq!(seen.len(), 2, "kills before and after the switch: {seen:?}");

    // After a kill half-way, the change runs again to its end.
    fresh();
    let half = counts
        .iter()
        .find(|(c, _)| c == "pwrite64")
        .map_or(1, |(_, n)| n / 2);
    let inject = format!("inject=pwrite64:signal=KILL:when={half}");
    courtwatch_at(&db, PASS, &["passphrase"], &["-e", &inject]);
    assert_eq!(opens_with(&db, 120), "old");
    let out = courtwatch_at(&db, PASS, &["passphrase"], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(opens_with(&db, 120), "new");
    assert!(!Path::new(&format!("{}-rekey", db.display())).exists());
}

#[test]
fn the_passphrase_command_changes_it_and_reports_the_strength() {
    let env = Env::derived().demo(3, 1);
    let out = courtwatch_at(&env.db(), PASS, &["passphrase"], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Strength: strong"), "{text}");
    assert_eq!(opens_with(&env.db(), 3), "new");
    // With no new passphrase given and no terminal, nothing changes.
    let out = env
        .cmd(&["passphrase"])
        .env("COURTWATCH_PASSPHRASE", NEW)
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(opens_with(&env.db(), 3), "new");
}

#[test]
fn a_passphrase_prints_as_redacted() {
    let p = courtwatch::store::Passphrase::from("secret words");
    assert_eq!(format!("{p:?}"), "[redacted]");
    assert_eq!(format!("{:?}", Some(p)), "Some([redacted])");
}

/// Opens `db` with Python's `sqlcipher3` and counts the hearings; `None` when the package is
/// missing (allowed outside CI only).
fn python_count(db: &Path, pass: &str) -> Option<Result<i64, String>> {
    let script = r#"
import sys
try:
    import sqlcipher3
except ImportError:
    sys.exit(77)
con = sqlcipher3.connect(sys.argv[1])
con.execute("PRAGMA key = '" + sys.argv[2].replace("'", "''") + "'")
print(con.execute("SELECT count(*) FROM hearings").fetchone()[0])
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(db)
        .arg(pass)
        .output()
        .expect("python3");
    if out.status.code() == Some(77) {
        assert!(
            std::env::var("CI").is_err(),
            "sqlcipher3 must be installed in CI (.ci/run does it)"
        );
        eprintln!("skipped: the Python package sqlcipher3 is not installed");
        return None;
    }
    Some(if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("a count"))
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    })
}

/// What erase leaves on a disk that keeps old blocks is modelled by a hard link made before:
/// the link keeps the file's blocks after erase removed its name. With the right passphrase,
/// an independent SQLCipher client can no longer open it, and no page is as it was.
#[test]
fn after_erase_the_right_passphrase_opens_nothing() {
    let env = Env::derived().demo(40, 2);
    let dir = env.dir.path();
    let batches = dir.join("batches");
    env.ok(&[
        "export",
        "--plaintext",
        "--out",
        batches.to_str().expect("path"),
        "--all",
    ]);
    std::fs::write(batches.join("my notes.txt"), "not courtwatch's").expect("own file");
    let link = dir.join("kept-by-the-disk");
    std::fs::hard_link(env.db(), &link).expect("hard link");
    let before = std::fs::read(&link).expect("read");
    let Some(count) = python_count(&link, PASS) else {
        return;
    };
    assert_eq!(count, Ok(40), "readable before the erase");

    let out = env.ok(&["erase", "--confirm", "erase"]);
    assert!(out.contains("key was destroyed"), "{out}");
    assert!(!env.db().exists(), "the database is gone");
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(!Path::new(&format!("{}{suffix}", env.db().display())).exists());
    }
    let left: Vec<_> = std::fs::read_dir(&batches)
        .expect("batches")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        left,
        ["my notes.txt"],
        "only courtwatch's batches are removed"
    );

    let after = std::fs::read(&link).expect("read");
    assert_eq!(after.len(), before.len());
    let same_pages = before
        .chunks(4096)
        .zip(after.chunks(4096))
        .filter(|(a, b)| a == b)
        .count();
    assert_eq!(same_pages, 0, "every page is overwritten");
    let count = python_count(&link, PASS).expect("checked above");
    let err = count.expect_err("the right passphrase must no longer open it");
    assert!(err.contains("not a database"), "{err}");
}

#[test]
fn erase_needs_the_word_and_the_database_to_itself() {
    let env = Env::derived().demo(3, 1);
    for args in [
        &["erase"][..],
        &["erase", "--confirm", "yes"],
        &["erase", "--confirm", ""],
    ] {
        let out = env.cmd(args).stdin(Stdio::null()).output().expect("run");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("nothing was erased"), "{err}");
    }
    let out = env.run(&["--lang", "ru", "erase", "--confirm", "удалить"]);
    assert_eq!(out.status.code(), Some(1));
    let conn = other_connection(&env.db());
    conn.query_row("SELECT count(*) FROM hearings", [], |r| r.get::<_, i64>(0))
        .expect("read");
    let out = env.run(&["erase", "--confirm", "erase"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "refused while another has it open"
    );
    drop(conn);
    assert_eq!(env.ok(&["list", "--format", "csv"]).lines().count(), 4);
    let out = env.ok(&["--lang", "ru", "erase", "--confirm", "Стереть"]);
    assert!(out.contains("Erased"), "{out}");
    assert!(!env.db().exists());
}

/// The entries of a folder, by name.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// An export killed at its rename, or whose rename fails, has recorded nothing: the next one
/// sends the same hearings under the same number, and the hidden folder left is removed.
#[test]
fn an_export_cut_off_at_its_rename_leaves_no_gap_and_no_hidden_folder() {
    if !has_strace() {
        return;
    }
    let env = Env::derived().demo(30, 4);
    let out = env.dir.path().join("out");
    let out_arg = out.to_str().expect("path");
    let run = |inject: &str| {
        courtwatch_at(
            &env.db(),
            PASS,
            &["export", "--plaintext", "--out", out_arg],
            &["-e", inject],
        )
    };

    let killed = run("inject=rename,renameat,renameat2:signal=KILL");
    assert!(!killed.status.success());
    let left = names(&out);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with(".courtwatch-M07-000001-") && left[0].ends_with(".partial"));
    let batches = env.ok(&["batches", "--format", "json"]);
    assert!(
        batches.contains("\"sent\": []"),
        "no batch counts as written: {batches}"
    );

    let failed = run("inject=rename,renameat,renameat2:error=EIO");
    assert_eq!(failed.status.code(), Some(1));
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(err.contains("courtwatch-M07-000001-"), "{err}");
    assert_eq!(
        names(&out),
        Vec::<String>::new(),
        "nothing left, hidden or not"
    );

    let path = env.ok(&["export", "--plaintext", "--out", out_arg]);
    let path = path.trim();
    assert!(path.contains("courtwatch-M07-000001-"), "{path}");
    let sent = std::fs::read_to_string(Path::new(path).join("hearings.csv"))
        .expect("hearings.csv")
        .lines()
        .count()
        - 1;
    let finals = env
        .ok(&["list", "--status", "final", "--format", "csv"])
        .lines()
        .count()
        - 1;
    assert!(sent > 0 && sent == finals, "{sent} sent, {finals} final");
    assert_eq!(names(&out).len(), 1);
    let again = env.run(&["export", "--plaintext", "--out", out_arg]);
    assert!(again.status.success());
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(said.contains("Nothing to export"), "{said}");
}

/// A batch folder whose number the database never recorded (the process died between the
/// rename and the commit): the next export takes the number after it, never the same.
#[test]
fn an_export_never_reuses_a_number_a_folder_has() {
    let env = Env::derived().demo(20, 4);
    let out = env.dir.path().join("out");
    std::fs::create_dir_all(out.join("courtwatch-M07-000001-20260101T000000")).expect("dir");
    std::fs::create_dir_all(out.join("courtwatch-M08-000007-20260101T000000")).expect("dir");
    let path = env.ok(&[
        "export",
        "--plaintext",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(path.contains("courtwatch-M07-000002-"), "{path}");
}

/// A backup is the whole database, drafts included, still encrypted, the owner's only, named
/// with the monitor code and time; restored into a new file it lists the same hearings.
#[test]
fn backup_then_restore_gives_the_same_hearings_and_drafts() {
    let env = Env::derived().demo(40, 6);
    let dir = env.dir.path().join("backups");
    let path = env.ok(&["backup", "--out", dir.to_str().expect("path")]);
    let path = Path::new(path.trim());
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with("courtwatch-M07-backup-") && name.ends_with(".db"),
        "{name}"
    );
    assert_eq!(names(&dir), vec![name], "nothing hidden is left");
    assert_eq!(mode(path), 0o600);
    assert_eq!(mode(&dir), 0o700);
    let bytes = std::fs::read(path).expect("backup");
    assert!(!bytes.starts_with(b"SQLite format 3"), "encrypted");
    if let Some(count) = python_count(path, PASS) {
        assert_eq!(
            count,
            Ok(40),
            "any SQLCipher 4 client opens it with the passphrase"
        );
    }

    let restored = env.dir.path().join("restored.db");
    let restore = |db: &Path, pass: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_courtwatch"))
            .arg("--db")
            .arg(db)
            .arg("restore")
            .arg(path)
            .env("COURTWATCH_PASSPHRASE", pass)
            .output()
            .expect("restore")
    };
    let wrong = restore(&restored, "not the passphrase");
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        !restored.exists(),
        "nothing is made with a wrong passphrase"
    );
    let out = restore(&restored, PASS);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&restored), 0o600);
    let list = |db: &Path, status: &str| {
        let out = courtwatch_at(
            db,
            PASS,
            &["list", "--status", status, "--format", "csv"],
            &[],
        );
        assert!(out.status.success());
        String::from_utf8(out.stdout).expect("utf-8")
    };
    for status in ["draft", "final"] {
        let (a, b) = (list(&env.db(), status), list(&restored, status));
        assert!(a.lines().count() > 1, "the demo has {status} hearings");
        assert_eq!(a, b, "{status} hearings");
    }

    // An existing database is never touched.
    let before = std::fs::read(env.db()).expect("db");
    let out = restore(&env.db(), PASS);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read(env.db()).expect("db"), before);
}

/// A backup cut off before its rename leaves only a hidden file, which the next one removes.
#[test]
fn a_backup_cut_off_never_looks_finished() {
    if !has_strace() {
        return;
    }
    let env = Env::derived().demo(10, 6);
    let dir = env.dir.path().join("backups");
    let dir_arg = dir.to_str().expect("path");
    let out = courtwatch_at(
        &env.db(),
        PASS,
        &["backup", "--out", dir_arg],
        &["-e", "inject=rename,renameat,renameat2:signal=KILL"],
    );
    assert!(!out.status.success());
    let left = names(&dir);
    assert!(left.len() == 1 && left[0].starts_with('.'), "{left:?}");
    env.ok(&["backup", "--out", dir_arg]);
    let left = names(&dir);
    assert!(left.len() == 1 && !left[0].starts_with('.'), "{left:?}");
}

/// Erasing after wrong passphrases counts the command line's opens too (it has no pause
/// between tries, so a script could guess there otherwise): a right passphrase starts the
/// count again; the limit-th wrong one in a row erases the database and says so.
#[test]
fn the_command_line_counts_wrong_passphrases_toward_the_erase() {
    let env = Env::derived().demo(3, 2);
    let db = env.db();
    {
        let store = courtwatch::store::Store::open(
            &db,
            PASS,
            courtwatch::store::OpenMode::Existing,
            std::sync::Arc::new(courtwatch::spec::Spec::builtin().expect("spec")),
            courtwatch::clock::Sources::fixed(),
        )
        .expect("open");
        store.set_erase_after(5).expect("setting");
    }
    let guard = std::fs::read_to_string(courtwatch::store::guard::guard_file(&db));
    assert_eq!(guard.expect("guard file"), "5 0\n");
    let wrong = || courtwatch_at(&db, "not it", &["list"], &[]);
    for _ in 0..4 {
        assert_eq!(wrong().status.code(), Some(1));
    }
    assert!(courtwatch_at(&db, PASS, &["list"], &[]).status.success());
    for _ in 0..4 {
        assert_eq!(wrong().status.code(), Some(1));
    }
    assert!(db.exists(), "four in a row: still there");
    let fifth = wrong();
    assert_eq!(fifth.status.code(), Some(1));
    let said = String::from_utf8_lossy(&fifth.stderr);
    assert!(
        said.contains("5 wrong passphrases in a row") && said.contains("erased"),
        "{said}"
    );
    assert!(!db.exists(), "erased");
    assert!(!courtwatch::store::guard::guard_file(&db).exists());
}
