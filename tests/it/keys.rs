//! The laptop at the court door (DESIGN.md §6): files the owner's, core dumps off, a file
//! that is not a database left alone, failures that end with a sentence.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

use super::support::{Env, PASS};

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
    let env = Env::with_demo(5, 1);
    let out = env.dir.path().join("out");
    let batch = env.ok(&["export", "--out", out.to_str().expect("path"), "--all"]);
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
    let env = Env::new();
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
    let env = Env::new();
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
    let env = Env::new();
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
