//! The crate's error type: each variant is a sentence a monitor can act on.

use std::path::PathBuf;

/// Everything that can go wrong outside the terminal UI.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the passphrase is wrong, or {0} is not a courtwatch database")]
    WrongPassphrase(PathBuf),
    #[error(
        "this build of courtwatch has no encryption (SQLCipher is missing); refusing to open {0}"
    )]
    NoEncryption(PathBuf),
    #[error("the database {path} is locked by another program; close it and try again")]
    Locked { path: PathBuf },
    #[error("the database {path} is damaged: {detail}")]
    Corrupt { path: PathBuf, detail: String },
    #[error("no database at {0}; create one with `courtwatch init --code CODE --name NAME`")]
    NoDatabase(PathBuf),
    #[error("{0} is empty or is not a courtwatch database; it was left as it is")]
    NotADatabase(PathBuf),
    #[error("a database already exists at {0}")]
    AlreadyExists(PathBuf),
    #[error("the database has no monitor profile yet; run `courtwatch init` first")]
    NoProfile,
    #[error("the disk is full; free some space and try again (nothing was lost)")]
    DiskFull,
    #[error("the database is open read-only; this change was not made")]
    ReadOnly,
    #[error("the database is in use by another courtwatch; close it and try again")]
    Busy,
    #[error("the database is damaged ({0}); restore it from a backup or a batch")]
    Damaged(String),
    /// What SQLite said, for the errors no other variant names (`store` maps them).
    #[error("database error: {0}")]
    Sql(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the form definitions are broken:\n  {}", .0.join("\n  "))]
    Spec(Vec<String>),
    #[error("no hearing with id {0}")]
    NoSuchHearing(String),
    #[error("no record with id {0}")]
    NoSuchRecord(String),
    #[error("{0}")]
    Invalid(String),
    /// A message that can be said in the user's language ([`Error::render`]).
    #[error("{0}")]
    Said(crate::i18n::Msg),
    #[error(
        "the database was written by a newer courtwatch (schema {found}, this program knows {known}); update courtwatch"
    )]
    TooNew { found: i64, known: i64 },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The error in `lang`: messages of `assets/i18n` in it, the rest in English.
    pub fn render(&self, lang: crate::spec::Lang) -> String {
        match self {
            Error::Said(m) => crate::i18n::Texts::with_shared(|t| m.render(t, lang)),
            e => e.to_string(),
        }
    }

    /// An I/O error with the path it concerns; a full disk is said as such.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::StorageFull {
            return Error::DiskFull;
        }
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
