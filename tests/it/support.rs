//! Shared helpers: the real binary in a temporary data directory.

use std::path::PathBuf;
use std::process::{Command, Output};

pub const PASS: &str = "test passphrase for courtwatch";

/// A temporary directory with a database path in it.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("courtwatch.db")
    }

    /// `courtwatch --db DB ARGS…` with the passphrase in the environment.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_courtwatch"));
        c.arg("--db").arg(self.db()).args(args);
        c.env("COURTWATCH_PASSPHRASE", PASS)
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
        let env = Env::new();
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
