//! What the process sets for itself before it reads a passphrase or a record (DESIGN.md §6):
//! no core dumps (a core from an aborted run would hold the passphrase and names in clear),
//! and every file and folder it creates readable by its owner only.

/// Disables core dumps, makes the process undumpable (which also keeps other programs of the
/// same user from reading its memory through `ptrace`), and sets the file-creation mask to
/// `077`, so the database, its journal and write-ahead log, batches, backups and their
/// folders are the owner's from the moment they are created. Each step is best effort: a
/// system that refuses one still runs courtwatch.
pub fn harden() {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, setrlimit, umask};
        let _ = setrlimit(
            Resource::Core,
            Rlimit {
                current: Some(0),
                maximum: Some(0),
            },
        );
        umask(rustix::fs::Mode::from_raw_mode(0o077));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{DumpableBehavior, set_dumpable_behavior};
        let _ = set_dumpable_behavior(DumpableBehavior::NotDumpable);
    }
}
