//! The session: the application state plus the open store. `press` is the single entry point
//! for keys, shared by the real terminal loop and the test harness; effects are performed
//! here and nowhere else.

use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;

use ratatui::crossterm::event::KeyEvent;

use super::app::App;
use super::effect::{Effect, Outcome};
use crate::clock::{Clock, Sources};
use crate::domain::Status;
use crate::error::Error;
use crate::i18n::Texts;
use crate::spec::{Lang, Spec};
use crate::store::{OpenMode, Store};

/// Where the session's database is and how to open it.
pub struct Config {
    pub db: PathBuf,
    pub spec: Arc<Spec>,
    pub lang: Lang,
    pub read_only: bool,
    /// The passphrase from the environment (scripts and tests): the unlock screen is skipped.
    pub env_passphrase: Option<String>,
    /// Clock and ids for the store; tests pass fixed ones.
    pub sources: fn() -> Sources,
}

pub struct Session {
    pub app: App,
    store: Option<Store>,
    config: Config,
    /// The clock the interface reads "now" from (Ctrl-N in date fields).
    clock: Box<dyn Clock>,
}

impl Session {
    pub fn new(config: Config, texts: Rc<Texts>, lang_fixed: bool) -> Session {
        let exists = config.db.is_file();
        let mut app = App::new(
            Arc::clone(&config.spec),
            texts,
            config.lang,
            exists,
            config.read_only,
        );
        if lang_fixed {
            app.fix_lang();
        }
        app.set_env_passphrase(config.env_passphrase.clone());
        let start = match (&config.env_passphrase, exists) {
            (Some(p), true) => vec![Effect::Unlock {
                passphrase: p.clone(),
            }],
            _ => Vec::new(),
        };
        let clock = (config.sources)().clock;
        let mut session = Session {
            app,
            store: None,
            config,
            clock,
        };
        session.run(start);
        session
    }

    pub fn is_running(&self) -> bool {
        self.app.is_running()
    }

    /// Handles one key press: the app updates, then its effects are performed.
    pub fn press(&mut self, key: KeyEvent) {
        let effects = self.app.handle_key(key);
        self.run(effects);
    }

    /// Reads the clock for the next key (the interface itself never reads it).
    pub fn set_now(&mut self) {
        self.app.set_now(self.clock.now());
    }

    /// Pasted text arrives as the keys that would type it.
    pub fn paste(&mut self, text: &str) {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        for c in text.chars().filter(|c| *c != '\r') {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            self.press(super::keys::press(code, KeyModifiers::NONE));
        }
    }

    /// Called by the loop about every half second: flushes pending edits (autosave) and locks
    /// the screen after the idle time.
    pub fn tick(&mut self, idle_seconds: u64) {
        let effects = self.app.tick(idle_seconds);
        self.run(effects);
    }

    /// Writes every pending edit now (before quitting or locking).
    pub fn flush(&mut self) {
        let effects = self.app.flush();
        self.run(effects);
    }

    fn run(&mut self, mut effects: Vec<Effect>) {
        while !effects.is_empty() {
            let mut next = Vec::new();
            for effect in effects {
                let outcome = self.perform(effect);
                next.extend(self.app.on_outcome(outcome));
            }
            effects = next;
        }
    }

    fn open(&mut self, passphrase: &str, mode: OpenMode) -> Result<Store, Error> {
        Store::open(
            &self.config.db,
            passphrase,
            mode,
            Arc::clone(&self.config.spec),
            (self.config.sources)(),
        )
    }

    fn opened(&mut self, store: Store) -> Outcome {
        let lock_minutes = store
            .setting("lock_minutes")
            .ok()
            .flatten()
            .and_then(|v| v.parse().ok())
            .unwrap_or(5);
        if let Some(lang) = store
            .setting("lang")
            .ok()
            .flatten()
            .and_then(|l| Lang::parse(&l))
        {
            self.app.set_lang_from_setting(lang);
        }
        let outcome = match store.profile() {
            Some(p) => Outcome::Opened {
                profile: p.clone(),
                lock_minutes,
            },
            None => Outcome::Failed(Error::NoProfile.to_string()),
        };
        self.store = Some(store);
        outcome
    }

    fn perform(&mut self, effect: Effect) -> Outcome {
        match effect {
            Effect::CreateDatabase {
                code,
                name,
                org,
                passphrase,
            } => {
                let (spec, sources) = (Arc::clone(&self.config.spec), (self.config.sources)());
                match Store::create(
                    &self.config.db,
                    &passphrase,
                    spec,
                    sources,
                    &code,
                    &name,
                    &org,
                ) {
                    Ok(store) => self.opened(store),
                    Err(e) => Outcome::Failed(e.to_string()),
                }
            }
            Effect::Unlock { passphrase } => {
                let mode = if self.config.read_only {
                    OpenMode::ReadOnly
                } else {
                    OpenMode::Existing
                };
                match self.open(&passphrase, mode) {
                    Ok(store) => self.opened(store),
                    Err(e @ Error::WrongPassphrase(_)) => Outcome::WrongPassphrase(e.to_string()),
                    Err(e) => Outcome::Failed(e.to_string()),
                }
            }
            Effect::VerifyPassphrase { passphrase } => {
                match self.open(&passphrase, OpenMode::ReadOnly) {
                    Ok(_) => Outcome::Unlocked,
                    Err(e @ Error::WrongPassphrase(_)) => Outcome::WrongPassphrase(e.to_string()),
                    Err(e) => Outcome::Failed(e.to_string()),
                }
            }
            Effect::PrintHearing(h) => {
                let Some(store) = self.store.as_ref() else {
                    return Outcome::Failed("the database is not open".into());
                };
                let dir = self
                    .config
                    .db
                    .parent()
                    .map(|d| d.join("printouts"))
                    .unwrap_or_else(|| "printouts".into());
                let printed = store.load_hearing(h).and_then(|r| {
                    crate::report::print_hearing(store.spec(), &r, self.app.lang(), &dir)
                });
                match printed {
                    Ok(path) => Outcome::Printed(path.display().to_string()),
                    Err(e) => Outcome::Failed(e.to_string()),
                }
            }
            other => {
                let Some(store) = self.store.as_ref() else {
                    return Outcome::Failed("the database is not open".into());
                };
                perform_with(store, other).unwrap_or_else(|e| Outcome::Failed(e.to_string()))
            }
        }
    }
}

fn loaded(store: &Store, hearing: uuid::Uuid) -> Result<Outcome, Error> {
    Ok(Outcome::HearingLoaded(Box::new(
        store.load_hearing(hearing)?,
    )))
}

fn perform_with(store: &Store, effect: Effect) -> Result<Outcome, Error> {
    Ok(match effect {
        Effect::LoadList {
            filter,
            sort,
            offset,
            limit,
            count,
        } => {
            let rows = store.list_hearings(&filter, sort, limit, offset)?;
            let total = if count {
                Some(store.count_hearings(&filter)?)
            } else {
                None
            };
            Outcome::ListLoaded {
                rows,
                total,
                offset,
            }
        }
        Effect::NewHearing => Outcome::HearingCreated(store.new_hearing()?),
        Effect::LoadStats(filter) => {
            let settings = crate::stats::Settings::load(store)?;
            let stats = crate::stats::compute(store, &filter, settings)?;
            Outcome::StatsLoaded {
                stats: Box::new(stats),
                filtered: !filter.is_empty(),
            }
        }
        Effect::OpenHearing(h) => loaded(store, h)?,
        Effect::ViewHearing(h) => Outcome::HearingViewed(Box::new(store.load_hearing(h)?)),
        Effect::SetField {
            hearing,
            entity,
            record,
            field,
            value,
        } => {
            store.set_field(hearing, entity, record, &field, &value)?;
            after_edit(store, hearing)?
        }
        Effect::SetAnswer {
            hearing,
            item,
            party,
            answer,
            comment,
        } => {
            store.set_answer(hearing, &item, party, &answer, &comment)?;
            after_edit(store, hearing)?
        }
        Effect::AddParty { hearing, role } => {
            store.add_party(hearing, &role)?;
            loaded(store, hearing)?
        }
        Effect::AddRecord {
            hearing,
            entity,
            parent,
        } => {
            store.add_record(hearing, entity, parent)?;
            loaded(store, hearing)?
        }
        Effect::DeleteRecord {
            hearing,
            entity,
            record,
        } => {
            store.delete_record(hearing, entity, record)?;
            loaded(store, hearing)?
        }
        Effect::StampEvent { hearing } => {
            let id = store.add_event(hearing, "note", "")?;
            Outcome::Stamped {
                record: Box::new(store.load_hearing(hearing)?),
                id,
            }
        }
        Effect::PutEvent {
            hearing,
            id,
            at,
            code,
            note,
        } => {
            store.put_event(hearing, id, &at, &code, &note)?;
            loaded(store, hearing)?
        }
        Effect::DeleteEvent { hearing, id } => {
            store.delete_event(hearing, id)?;
            loaded(store, hearing)?
        }
        Effect::Finalise { hearing } => {
            let problems = store.finalise(hearing)?.err().unwrap_or_default();
            Outcome::Finalised {
                record: Box::new(store.load_hearing(hearing)?),
                problems,
            }
        }
        Effect::SetEditReason { hearing, reason } => {
            store.set_edit_reason(hearing, &reason)?;
            Outcome::Saved
        }
        Effect::SaveSetting { key, value } => {
            store.set_setting(&key, &value)?;
            Outcome::Saved
        }
        Effect::CreateDatabase { .. }
        | Effect::Unlock { .. }
        | Effect::VerifyPassphrase { .. }
        | Effect::PrintHearing(_) => Outcome::Failed("already open".into()),
    })
}

/// After a cheap save: a final record's version and hash changed, so the screen gets the
/// stored record back; a draft needs nothing.
fn after_edit(store: &Store, hearing: uuid::Uuid) -> Result<Outcome, Error> {
    let status = store.load_hearing_status(hearing)?;
    if status == Status::Draft {
        Ok(Outcome::Saved)
    } else {
        loaded(store, hearing)
    }
}
