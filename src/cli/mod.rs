//! The command line: argument definitions, where the database and passphrase come from, and
//! one module per subcommand. Every subcommand works without a terminal.

mod agenda;
mod backup;
mod batches;
mod cases;
mod conflicts;
mod courts;
mod demo;
mod erase;
mod export;
mod init;
mod keys;
mod list;
mod merge;
mod output;
mod outputs;
mod passphrase;
mod process;
mod report;
mod review;
mod show;
mod stats;
mod verify;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::clock::Sources;
use crate::domain::Status;
use crate::error::{Error, Result};
use crate::spec::{Lang, Spec};
use crate::store::{Filter, OpenMode, Passphrase, Store};

pub(crate) use export::BATCH_PASSPHRASE_VAR;
pub use output::{Out, table};
pub use process::harden;

/// The environment variable scripts and tests use to give the passphrase.
pub(crate) const PASSPHRASE_VAR: &str = "COURTWATCH_PASSPHRASE";

#[derive(Debug, Parser)]
#[command(name = "courtwatch", version, about = "Encrypted, offline trial-monitoring records", long_about = None)]
pub struct Cli {
    /// The database file [default: courtwatch.db in the platform data directory]
    #[arg(long, global = true, env = "COURTWATCH_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Language of labels: en, ru or tg [default: from the system locale]
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Open the database without write access
    #[arg(long, global = true)]
    pub read_only: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database and the monitor profile
    Init(init::InitArgs),
    /// Fill the database with realistic synthetic hearings
    Demo(demo::DemoArgs),
    /// List hearings matching filters
    List(list::ListArgs),
    /// Show one hearing with everything under it
    Show(show::ShowArgs),
    /// Write a batch of final hearings for the legal aid group; prints its path
    Export(export::ExportArgs),
    /// Check a batch without importing it
    Verify(verify::VerifyArgs),
    /// Import batches; prints what changed and which batches are missing
    Merge(merge::MergeArgs),
    /// List merge conflicts, or resolve one
    Conflicts(conflicts::ConflictsArgs),
    /// Mark final hearings reviewed (group leads)
    Review(review::ReviewArgs),
    /// Batches received per monitor (and those missing), and batches written
    Batches(batches::BatchesArgs),
    /// Reviewers' statistics for the hearings matching filters
    Stats(stats::StatsArgs),
    /// Change the passphrase (the new one from COURTWATCH_NEW_PASSPHRASE, or asked twice)
    Passphrase(passphrase::PassphraseArgs),
    /// Destroy the database for good (asks to type the word `erase`)
    Erase(erase::EraseArgs),
    /// Write an encrypted copy of the whole database (drafts included) into a folder
    Backup(backup::BackupArgs),
    /// Bring a backup back into a new database file (--db), never over an existing one
    Restore(backup::RestoreArgs),
    /// Write a report of the statistics to hand over: HTML with charts, or XLSX
    Report(report::ReportArgs),
    /// Trials (a case across its hearings) matching filters; `cases show ID` one whole
    Cases(cases::CasesArgs),
    /// Each open trial's next hearing, by day
    Agenda(agenda::AgendaArgs),
    /// This database's public keys, and the roster of others' (for sealed batches)
    Keys(keys::KeysArgs),
    /// The output log: every batch, printout and report written outside the database
    Outputs(outputs::OutputsArgs),
    /// The courts a hearing may name; `courts add` one that is not shipped
    Courts(courts::CourtsArgs),
}

/// Output formats of `list` and `stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
}

/// The filters shared by `list`, `stats` and the reviewer screens.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// First hearing date (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date)]
    pub from: Option<String>,
    /// Last hearing date (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date)]
    pub to: Option<String>,
    /// Court code (see `assets/courts.toml`)
    #[arg(long)]
    pub court: Option<String>,
    /// Region code: dushanbe, sughd, khatlon, gbao, drs
    #[arg(long)]
    pub region: Option<String>,
    /// Part of the judge's name
    #[arg(long)]
    pub judge: Option<String>,
    /// Monitor code
    #[arg(long)]
    pub monitor: Option<String>,
    /// Case tag code, e.g. gbv_domestic_violence
    #[arg(long)]
    pub tag: Option<String>,
    /// Charge article, e.g. 143-1
    #[arg(long)]
    pub article: Option<String>,
    /// draft, final or reviewed
    #[arg(long, value_parser = parse_status)]
    pub status: Option<Status>,
    /// Words to find in narratives, notes and visible names
    #[arg(long)]
    pub search: Option<String>,
}

impl From<FilterArgs> for Filter {
    fn from(a: FilterArgs) -> Filter {
        Filter {
            from: a.from,
            to: a.to,
            court: a.court,
            region: a.region,
            judge: a.judge,
            monitor: a.monitor,
            tag: a.tag,
            article: a.article,
            status: a.status,
            search: a.search,
        }
    }
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}; use en, ru or tg"))
}

fn parse_date(s: &str) -> Result<String, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| format!("{s:?} is not a date; write it as YYYY-MM-DD"))
}

fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse(s).ok_or_else(|| format!("unknown status {s:?}; use draft, final or reviewed"))
}

/// Where the program finds its database, language and passphrase.
#[derive(Debug, Clone)]
pub struct Context {
    pub db: PathBuf,
    pub lang: Lang,
    pub read_only: bool,
    pub spec: Arc<Spec>,
}

impl Context {
    /// Resolves the database path and language from the arguments, the environment and the
    /// platform defaults, and loads the form definitions.
    pub fn new(cli: &Cli) -> Result<Context> {
        let spec = Spec::builtin().map_err(Error::Spec)?;
        let db = match &cli.db {
            Some(p) => p.clone(),
            None => default_db_path()?,
        };
        let lang = cli.lang.unwrap_or_else(system_lang);
        Ok(Context {
            db,
            lang,
            read_only: cli.read_only,
            spec: Arc::new(spec),
        })
    }

    /// Opens the existing database, asking for the passphrase when it is not in the
    /// environment.
    pub fn open(&self) -> Result<Store> {
        if !self.db.is_file() {
            return Err(Error::NoDatabase(self.db.clone()));
        }
        let pass = passphrase(&format!("Passphrase for {}: ", self.db.display()), false)?;
        let mode = if self.read_only {
            OpenMode::ReadOnly
        } else {
            OpenMode::Existing
        };
        let opened = Store::open(
            &self.db,
            &pass,
            mode,
            Arc::clone(&self.spec),
            Sources::system(),
        );
        match opened {
            // Counted as the unlock screens count it, when erasing after too many is on.
            Err(wrong @ Error::WrongPassphrase(_)) => {
                match crate::store::guard::wrong_passphrase(&self.db)? {
                    None => Err(wrong),
                    Some((limit, erased)) => Err(Error::Invalid(format!(
                        "{wrong}; that was {limit} wrong passphrases in a row, so {} was erased as its settings asked (its key destroyed in {} ms)",
                        self.db.display(),
                        erased.key_destroyed.as_millis()
                    ))),
                }
            }
            Ok(store) => {
                // The right passphrase: the count of wrong ones starts again.
                let _ = store.sync_guard();
                Ok(store)
            }
            Err(e) => Err(e),
        }
    }
}

/// `courtwatch.db` in the platform data directory.
pub(crate) fn default_db_path() -> Result<PathBuf> {
    directories::ProjectDirs::from("org", "courtwatch", "courtwatch")
        .map(|d| d.data_dir().join("courtwatch.db"))
        .ok_or_else(|| {
            Error::Invalid("cannot find a data directory for this user; pass --db PATH".into())
        })
}

/// The language of the system locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), English by default.
pub(crate) fn system_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .map_or(Lang::En, |v| Lang::from_locale(&v))
}

/// The passphrase from `COURTWATCH_PASSPHRASE`, else asked on the terminal (twice when
/// `confirm`). It is never echoed, logged or stored.
pub fn passphrase(prompt: &str, confirm: bool) -> Result<Passphrase> {
    if let Ok(p) = std::env::var(PASSPHRASE_VAR) {
        let p = Passphrase::new(p);
        if p.is_empty() {
            return Err(Error::Invalid(format!("{PASSPHRASE_VAR} is set but empty")));
        }
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Invalid(format!(
            "no terminal to ask the passphrase on; set {PASSPHRASE_VAR}"
        )));
    }
    let read = |p: &str| {
        rpassword::prompt_password(p)
            .map(Passphrase::new)
            .map_err(|e| Error::io("terminal", e))
    };
    let first = read(prompt)?;
    if first.is_empty() {
        return Err(Error::Invalid("the passphrase is empty".into()));
    }
    if confirm && read("Repeat the passphrase: ")? != first {
        return Err(Error::Invalid(
            "the two passphrases differ; nothing was created".into(),
        ));
    }
    Ok(first)
}

/// Runs a subcommand; `Ok` means exit code 0.
pub fn run(ctx: &Context, command: Command, out: &mut Out) -> Result<()> {
    match command {
        Command::Init(a) => init::run(ctx, a, out),
        Command::Demo(a) => demo::run(ctx, a, out),
        Command::List(a) => list::run(ctx, a, out),
        Command::Show(a) => show::run(ctx, a, out),
        Command::Export(a) => export::run(ctx, a, out),
        Command::Verify(a) => verify::run(ctx, a, out),
        Command::Merge(a) => merge::run(ctx, a, out),
        Command::Conflicts(a) => conflicts::run(ctx, a, out),
        Command::Review(a) => review::run(ctx, a, out),
        Command::Batches(a) => batches::run(ctx, a, out),
        Command::Stats(a) => stats::run(ctx, a, out),
        Command::Passphrase(a) => passphrase::run(ctx, a, out),
        Command::Erase(a) => erase::run(ctx, a, out),
        Command::Backup(a) => backup::backup(ctx, a, out),
        Command::Restore(a) => backup::restore(ctx, a, out),
        Command::Report(a) => report::run(ctx, a, out),
        Command::Cases(a) => cases::run(ctx, a, out),
        Command::Agenda(a) => agenda::run(ctx, a, out),
        Command::Keys(a) => keys::run(ctx, a, out),
        Command::Outputs(a) => outputs::run(ctx, a, out),
        Command::Courts(a) => courts::run(ctx, a, out),
    }
}

pub use output::is_broken_pipe;

/// Starts the terminal UI.
pub fn run_tui(ctx: &Context, lang_fixed: bool) -> Result<()> {
    let texts = crate::i18n::Texts::builtin().map_err(Error::Spec)?;
    let config = crate::tui::Config {
        db: ctx.db.clone(),
        spec: Arc::clone(&ctx.spec),
        lang: ctx.lang,
        read_only: ctx.read_only,
        env_passphrase: std::env::var(PASSPHRASE_VAR)
            .ok()
            .map(Passphrase::new)
            .filter(|p| !p.is_empty()),
        sources: Sources::system,
    };
    let session = crate::tui::Session::new(config, std::rc::Rc::new(texts), lang_fixed);
    crate::tui::run(session)
}
