//! Shared helpers: the real binary in a temporary data directory.

use std::path::PathBuf;
use std::process::{Command, Output};

/// The key of the tests' databases: a raw SQLCipher key (`x'…'`, 32 bytes in hex), which
/// SQLCipher takes as the key itself. A passphrase is stretched into the key by 256,000 rounds
/// of PBKDF2 at every open, which most tests do not test and would pay many times over; the
/// tests of passphrases and keys use [`PASSPHRASE`] and [`Env::derived`].
pub const PASS: &str = "x'2DD29CA851E7B56E4697B0E1F08507293D761A05CE4D1B628663F411A8086D99'";

/// A passphrase as a monitor types it, stretched into the key as a monitor's is.
pub const PASSPHRASE: &str = "test passphrase for courtwatch";

/// A temporary directory with a database path in it, and the key it is opened with.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub pass: &'static str,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temporary directory"),
            pass: PASS,
        }
    }

    /// An environment whose database is keyed by [`PASSPHRASE`] through the real derivation.
    pub fn derived() -> Env {
        Env {
            pass: PASSPHRASE,
            ..Env::new()
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("courtwatch.db")
    }

    /// `courtwatch --db DB ARGS…` with the passphrase in the environment.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_courtwatch"));
        c.arg("--db").arg(self.db()).args(args);
        c.env("COURTWATCH_PASSPHRASE", self.pass)
            .env_remove("COURTWATCH_DB")
            .env("LANG", "C");
        c
    }

    /// Runs and requires success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().expect("run courtwatch");
        assert!(
            out.status.success(),
            "courtwatch {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("run courtwatch")
    }

    /// A database with a profile and `n` demo hearings.
    pub fn with_demo(n: u64, seed: u64) -> Env {
        Env::new().demo(n, seed)
    }

    /// Makes the profile and `n` demo hearings in this environment's database.
    pub fn demo(self, n: u64, seed: u64) -> Env {
        let env = self;
        env.ok(&["init", "--code", "M07", "--name", "Test Monitor"]);
        env.ok(&[
            "demo",
            "--hearings",
            &n.to_string(),
            "--seed",
            &seed.to_string(),
        ]);
        env
    }
}

/// A new version of a hearing, as an edit of a final record makes: new content, a version
/// whose parent is the old one. A change to the case (its fields, people, charges or
/// consents) is a change of every other hearing of the case too, versioned the same way, as
/// `Store` does, so that every hearing's content hash stays true.
pub fn edit(
    store: &courtwatch::store::Store,
    hearing: uuid::Uuid,
    change: impl FnOnce(&mut courtwatch::domain::HearingRecord),
) {
    let mut r = store.load_hearing(hearing).expect("load");
    change(&mut r);
    let case = r.case.uuid;
    new_version(store, r);
    let others: Vec<String> = store
        .conn()
        .prepare("SELECT uuid FROM hearings WHERE case_uuid = ?1 AND uuid <> ?2 ORDER BY uuid")
        .and_then(|mut s| {
            s.query_map([case.to_string(), hearing.to_string()], |r| r.get(0))?
                .collect()
        })
        .expect("the case's other hearings");
    for other in others {
        let id = uuid::Uuid::parse_str(&other).expect("uuid");
        new_version(store, store.load_hearing(id).expect("load"));
    }
}

/// Writes `r` as the next version of its hearing when its content changed.
fn new_version(store: &courtwatch::store::Store, mut r: courtwatch::domain::HearingRecord) {
    r.normalise();
    let old = r.hearing.content_hash.clone();
    let new = courtwatch::domain::content_hash(&r);
    if new == old {
        return;
    }
    r.hearing.version += 1;
    r.hearing.parent_hash = old.clone();
    r.hearing.ancestors.push(old);
    r.hearing.content_hash = new;
    let tx = store.begin().expect("transaction");
    store.write_record(&tx, &r).expect("write");
    tx.commit().expect("commit");
}

/// A hearing that is its case's only one (the first by id), for tests of one hearing's
/// version chain that edit its case.
pub fn lone_hearing(store: &courtwatch::store::Store) -> uuid::Uuid {
    let id: String = store
        .conn()
        .query_row(
            "SELECT uuid FROM hearings h
             WHERE NOT EXISTS (SELECT 1 FROM hearings o WHERE o.case_uuid = h.case_uuid AND o.uuid <> h.uuid)
             ORDER BY uuid LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a case with one hearing");
    uuid::Uuid::parse_str(&id).expect("uuid")
}
