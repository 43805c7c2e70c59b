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
use crate::store::{OpenMode, Passphrase, Store};

/// After how many days of drafts without a backup the hearing list reminds of one.
fn remind_days(store: &Store) -> u64 {
    store
        .setting(crate::tui::screens::settings::REMIND_SETTING)
        .ok()
        .flatten()
        .and_then(|v| v.parse().ok())
        .unwrap_or(crate::tui::screens::settings::REMIND_DEFAULT)
}

/// Where the session's database is and how to open it.
pub struct Config {
    pub db: PathBuf,
    pub spec: Arc<Spec>,
    pub lang: Lang,
    pub read_only: bool,
    /// The passphrase from the environment (scripts and tests): the unlock screen is skipped.
    pub env_passphrase: Option<Passphrase>,
    /// Clock and ids for the store; tests pass fixed ones.
    pub sources: fn() -> Sources,
}

pub struct Session {
    pub app: App,
    store: Option<Store>,
    config: Config,
    /// The clock the interface reads "now" from (Ctrl-N in date fields).
    clock: Box<dyn Clock>,
    /// The folder batches were last looked for in, typed on the merge screen: the next
    /// merge of this session starts there.
    merge_folder: Option<String>,
}

impl Session {
    pub fn new(config: Config, texts: Rc<Texts>, lang_fixed: bool) -> Session {
        let exists = crate::store::database_exists(&config.db);
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
            merge_folder: None,
        };
        session.run(start);
        session
    }

    pub fn is_running(&self) -> bool {
        self.app.is_running()
    }

    /// Handles one key press: the app updates, then its effects are performed.
    pub fn press(&mut self, key: KeyEvent) {
        self.press_drawing(key, &mut |_| {});
    }

    /// [`Session::press`], drawing the interface with `redraw` while a long effect (export,
    /// merge) runs, so its progress shows: the terminal loop draws the terminal; tests may
    /// collect the frames.
    pub fn press_drawing(&mut self, key: KeyEvent, redraw: &mut dyn FnMut(&App)) {
        let effects = self.app.handle_key(key);
        self.run_drawing(effects, redraw);
    }

    /// Reads the clock for the next key (the interface itself never reads it).
    pub fn set_now(&mut self) {
        self.app.set_now(self.clock.now());
    }

    /// Pasted text arrives as the keys that would type it.
    pub fn paste(&mut self, text: &str) {
        for c in text.chars().filter(|c| *c != '\r') {
            self.press(super::keys::typed(c));
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

    fn run(&mut self, effects: Vec<Effect>) {
        self.run_drawing(effects, &mut |_| {});
    }

    fn run_drawing(&mut self, mut effects: Vec<Effect>, redraw: &mut dyn FnMut(&App)) {
        while !effects.is_empty() {
            let mut next = Vec::new();
            for effect in effects {
                let outcome = if effect.is_long() {
                    self.perform_long(effect, redraw)
                } else {
                    self.perform(effect)
                };
                self.share_courts();
                next.extend(self.app.on_outcome(outcome));
            }
            effects = next;
        }
    }

    /// Gives the interface the store's courts (shipped, and added here or by a merge) once
    /// an effect changed them or opened the database: forms, filters and views read them
    /// from the app's spec.
    fn share_courts(&mut self) {
        if let Some(store) = &self.store
            && !Arc::ptr_eq(&store.spec_arc(), self.app.spec())
        {
            self.app.set_spec(store.spec_arc());
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
        let lead_key = store.recipients().is_ok_and(|r| !r.is_empty());
        let outcome = match store.profile() {
            Some(p) => Outcome::Opened {
                profile: p.clone(),
                lock_minutes,
                lead_key,
            },
            None => Outcome::Failed(Error::NoProfile.to_string()),
        };
        // The right passphrase: the guard's count of wrong ones starts again. (A guard that
        // cannot be written does not keep the monitor out of their records.)
        let _ = store.sync_guard();
        self.store = Some(store);
        outcome
    }

    /// A wrong passphrase at start-up or on the lock screen: counted by the guard when erasing
    /// after too many is on, which erases the database at the limit (no connection may have it
    /// open then: the session's own is closed first).
    fn wrong_unlock(&mut self, error: Error) -> Outcome {
        if crate::store::guard::read(&self.config.db).is_none() {
            return Outcome::WrongPassphrase(error.to_string());
        }
        if let Some(store) = self.store.take() {
            store.close();
        }
        match crate::store::guard::wrong_passphrase(&self.config.db) {
            Ok(None) => Outcome::WrongPassphrase(error.to_string()),
            Ok(Some((limit, erased))) => Outcome::Erased(format!(
                "Erased {} after {limit} wrong passphrases in a row: its key was destroyed in {} ms, then its content; {} other file(s) and folder(s) removed.",
                self.config.db.display(),
                erased.key_destroyed.as_millis(),
                erased.removed.len()
            )),
            Err(e) => Outcome::Failed(e.to_string()),
        }
    }

    /// Checks a passphrase typed in a dialog by opening the database with it a second time,
    /// read-only; a wrong one counts as a failed unlock.
    fn check_passphrase(&mut self, passphrase: &Passphrase) -> Result<(), Outcome> {
        match self.open(passphrase, OpenMode::ReadOnly) {
            Ok(check) => {
                drop(check);
                Ok(())
            }
            Err(e @ Error::WrongPassphrase(_)) => Err(Outcome::WrongPassphrase(e.to_string())),
            Err(e) => Err(Outcome::Failed(e.to_string())),
        }
    }

    /// After a change that gave the store up failed: opens the database again with the
    /// passphrase that opens it, and says what failed; if even that fails, the screen locks.
    fn reopen_after(&mut self, passphrase: &Passphrase, error: Error) -> Outcome {
        let mode = if self.config.read_only {
            OpenMode::ReadOnly
        } else {
            OpenMode::Existing
        };
        match self.open(passphrase, mode) {
            Ok(store) => {
                self.store = Some(store);
                Outcome::Failed(error.to_string())
            }
            Err(_) => Outcome::StoreLost(error.to_string()),
        }
    }

    /// Changes the passphrase (settings): the current one is checked first, then the change
    /// runs as `courtwatch passphrase` does, and the database stays open under the new one.
    fn change_passphrase(&mut self, current: &Passphrase, new: &Passphrase) -> Outcome {
        if let Err(outcome) = self.check_passphrase(current) {
            return outcome;
        }
        let Some(store) = self.store.take() else {
            return Outcome::Failed("the database is not open".into());
        };
        match store.change_passphrase(new) {
            Ok(store) => {
                self.store = Some(store);
                Outcome::PassphraseChanged
            }
            // The file opens with exactly one of the two (the change is crash-safe): with the
            // current one unless it failed after its rename.
            Err(e) => {
                for p in [current, new] {
                    if let Ok(store) = self.open(p, OpenMode::Existing) {
                        self.store = Some(store);
                        return Outcome::Failed(e.to_string());
                    }
                }
                Outcome::StoreLost(e.to_string())
            }
        }
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
                    Err(e @ Error::WrongPassphrase(_)) => self.wrong_unlock(e),
                    Err(e) => Outcome::Failed(e.to_string()),
                }
            }
            Effect::VerifyPassphrase { passphrase } => {
                if self.store.is_some() {
                    // Opened meanwhile: the passphrase is still checked by opening.
                    return match self.open(&passphrase, OpenMode::ReadOnly) {
                        Ok(_) => {
                            if let Some(store) = &self.store {
                                let _ = store.sync_guard();
                            }
                            Outcome::Unlocked
                        }
                        Err(e @ Error::WrongPassphrase(_)) => self.wrong_unlock(e),
                        Err(e) => Outcome::Failed(e.to_string()),
                    };
                }
                let mode = if self.config.read_only {
                    OpenMode::ReadOnly
                } else {
                    OpenMode::Existing
                };
                match self.open(&passphrase, mode) {
                    Ok(store) => {
                        let _ = store.sync_guard();
                        self.store = Some(store);
                        Outcome::Unlocked
                    }
                    Err(e @ Error::WrongPassphrase(_)) => self.wrong_unlock(e),
                    Err(e) => Outcome::Failed(e.to_string()),
                }
            }
            Effect::Backup => {
                let Some(store) = self.store.as_ref() else {
                    return Outcome::Failed("the database is not open".into());
                };
                let dir = self
                    .config
                    .db
                    .parent()
                    .map_or_else(|| PathBuf::from("backups"), |d| d.join("backups"));
                match store.backup(&dir) {
                    Ok(path) => Outcome::BackedUp {
                        path: path.display().to_string(),
                        at: store.last_backup().ok().flatten().unwrap_or_default(),
                    },
                    Err(e) => Outcome::Failed(e.to_string()),
                }
            }
            Effect::ChangePassphrase { current, new } => self.change_passphrase(&current, &new),
            Effect::Erase { passphrase } => {
                if let Err(outcome) = self.check_passphrase(&passphrase) {
                    return outcome;
                }
                let Some(store) = self.store.take() else {
                    return Outcome::Failed("the database is not open".into());
                };
                let path = self.config.db.clone();
                match store.erase() {
                    Ok(erased) => Outcome::Erased(format!(
                        "Erased {}: its key was destroyed in {} ms, then its content; {} other file(s) and folder(s) removed.",
                        path.display(),
                        erased.key_destroyed.as_millis(),
                        erased.removed.len()
                    )),
                    // Refused before anything was touched (another program has it open):
                    // open it again.
                    Err(e) => self.reopen_after(&passphrase, e),
                }
            }
            Effect::CloseStore => {
                if let Some(store) = self.store.take() {
                    store.close();
                }
                Outcome::Closed
            }
            Effect::PrintHearing { hearing, choice } => {
                use crate::printout::{PrintForm, Restricted};
                use crate::tui::effect::PrintChoice;
                let lang = self.app.lang();
                let Some(store) = self.store.as_ref() else {
                    return Outcome::Failed("the database is not open".into());
                };
                if store.is_read_only() {
                    return Outcome::Failed(self.app.texts().t(lang, "print-read-only"));
                }
                let form = match choice {
                    PrintChoice::Plain => PrintForm::Plain(Restricted::LeftOut),
                    PrintChoice::PlainAll => PrintForm::Plain(Restricted::Shown),
                    PrintChoice::Sealed => match batch_seal(store) {
                        Ok(Some(seal)) => PrintForm::Sealed(seal),
                        Ok(None) => {
                            return Outcome::Failed(self.app.texts().t(lang, "print-no-lead"));
                        }
                        Err(e) => return Outcome::Failed(self.say(&e)),
                    },
                };
                let dir = self
                    .config
                    .db
                    .parent()
                    .map(|d| d.join("printouts"))
                    .unwrap_or_else(|| "printouts".into());
                let printed = store
                    .load_hearing(hearing)
                    .and_then(|r| crate::printout::print_hearing(store, &r, lang, &dir, &form));
                match printed {
                    Ok(path) => Outcome::Printed(path.display().to_string()),
                    Err(e) => Outcome::Failed(self.say(&e)),
                }
            }
            Effect::AddCourt { court, for_hearing } => {
                let lang = self.app.lang();
                let Some(store) = self.store.as_mut() else {
                    return Outcome::Failed("the database is not open".into());
                };
                match store.add_court(&court) {
                    // `share_courts` hands the new list to the app before the outcome.
                    Ok(c) => Outcome::CourtAdded {
                        name: c.name.get(lang).to_owned(),
                        code: c.code,
                        for_hearing,
                    },
                    Err(e) => Outcome::Failed(self.say(&e)),
                }
            }
            Effect::ExportInfo | Effect::FindBatches { .. } => {
                let effect = match effect {
                    Effect::FindBatches { folder: Some(f) } => {
                        self.merge_folder = Some(f.clone());
                        Effect::FindBatches { folder: Some(f) }
                    }
                    Effect::FindBatches { folder: None } => Effect::FindBatches {
                        folder: self.merge_folder.clone(),
                    },
                    other => other,
                };
                let Some(store) = self.store.as_ref() else {
                    return Outcome::Failed("the database is not open".into());
                };
                batches_effect(store, self.batches_dir(), effect, self.app.lang())
                    .unwrap_or_else(|e| Outcome::Failed(e.to_string()))
            }
            other => {
                let Some(store) = self.store.as_ref() else {
                    return Outcome::Failed("the database is not open".into());
                };
                // The list sorted by court follows the names it shows.
                store.name_courts_in(self.app.lang());
                perform_with(store, other).unwrap_or_else(|e| Outcome::Failed(self.say(&e)))
            }
        }
    }

    /// An error as the status line says it: in the interface's language where it has words
    /// of its own there.
    fn say(&self, e: &Error) -> String {
        match e {
            Error::ReadOnly => self.app.t("error-read-only"),
            e => e.render(self.app.lang()),
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
            total,
        } => {
            let (rows, total) = match total {
                None => {
                    let (rows, total) = store.list_and_count(&filter, sort, limit, offset)?;
                    (rows, Some(total))
                }
                Some(known) => (
                    store.list_hearings_of(&filter, sort, limit, offset, known)?,
                    None,
                ),
            };
            Outcome::ListLoaded {
                rows,
                total,
                offset,
            }
        }
        Effect::NewHearing => Outcome::HearingCreated(store.new_hearing()?),
        Effect::NextHearing(case) => Outcome::HearingCreated(store.next_hearing(case)?),
        Effect::FindCases(query) => Outcome::CasesFound {
            found: store.find_cases(&query)?,
            query,
        },
        Effect::LoadTrial(id) => {
            // A case record's id, or one of its hearings'.
            let case = match store.case_summary(id) {
                Ok(_) => id,
                Err(crate::error::Error::NoSuchRecord(_)) => store.load_hearing(id)?.case.uuid,
                Err(e) => return Err(e),
            };
            Outcome::TrialLoaded(Box::new(store.load_trial(case)?))
        }
        Effect::LoadAgenda => {
            let today = store.today();
            let to = crate::domain::trial::until(&today, crate::tui::screens::agenda::DAYS);
            Outcome::AgendaLoaded {
                items: store.agenda(&today, to.as_deref())?,
                today,
            }
        }
        Effect::LoadSameTrials { case, open } => Outcome::SameTrials {
            pairs: same_trials(store, case)?,
            case,
            open,
            joined: false,
        },
        Effect::JoinCases { a, b, case } => {
            store.join_cases(a, b)?;
            Outcome::SameTrials {
                pairs: same_trials(store, case)?,
                case,
                open: true,
                joined: true,
            }
        }
        Effect::LoadStats(filter) => {
            let settings = crate::stats::Settings::load(store)?;
            let stats = crate::stats::compute(store, &filter, settings)?;
            Outcome::StatsLoaded {
                stats: Box::new(stats),
                filter,
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
            let now = store.set_field(hearing, entity, record, &field, &value)?;
            after_edit(store, hearing, now)?
        }
        Effect::SetAnswer {
            hearing,
            item,
            party,
            answer,
            comment,
        } => {
            let now = store.set_answer(hearing, &item, party, &answer, &comment)?;
            after_edit(store, hearing, now)?
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
            // Named by the monitor afterwards; until then it says it is not named.
            let id = store.add_event(hearing, super::screens::timeline::UNNAMED, "")?;
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
        Effect::KeySettings => Outcome::KeySettings {
            last_backup: store.last_backup()?,
            remind_days: remind_days(store),
            erase_after: store.erase_after()?,
        },
        Effect::SetEraseAfter(limit) => {
            store.set_erase_after(limit)?;
            Outcome::Saved
        }
        Effect::BackupDue => Outcome::BackupDue {
            since: store.unbacked_since()?,
            days: remind_days(store),
        },
        Effect::KeysInfo => {
            use crate::keys::{KeyKind, fingerprint};
            let roster = store.roster()?;
            let count = |k: KeyKind| roster.iter().filter(|e| e.key.kind == k).count();
            let mut outputs = store.outputs()?;
            let outputs_total = outputs.len();
            outputs.truncate(super::effect::OUTPUTS_SHOWN);
            Outcome::KeysInfo(Box::new(super::effect::KeysInfo {
                outputs,
                outputs_total,
                signing: store.signing_key()?.map(|k| fingerprint(&k.public_text())),
                recipient: store.age_identity()?.map(|a| {
                    let r = a.recipient();
                    let f = fingerprint(&r);
                    (r, f)
                }),
                recipients: count(KeyKind::Recipient),
                signers: count(KeyKind::Signer),
            }))
        }
        Effect::LoadConflicts { .. }
        | Effect::OpenConflict(_)
        | Effect::ResolveConflict { .. }
        | Effect::ResolveConflictFields { .. } => {
            // No batch is read here, so no problem of one is said.
            batches_effect(store, PathBuf::new(), effect, crate::spec::Lang::En)?
        }
        // These need the session (the database's folder, progress): `Session::perform`.
        Effect::ExportInfo
        | Effect::FindBatches { .. }
        | Effect::Export(_)
        | Effect::Merge { .. }
        | Effect::CreateDatabase { .. }
        | Effect::Unlock { .. }
        | Effect::VerifyPassphrase { .. }
        | Effect::CloseStore
        | Effect::WriteReport { .. }
        | Effect::Backup
        | Effect::ChangePassphrase { .. }
        | Effect::Erase { .. }
        | Effect::PrintHearing { .. }
        | Effect::AddCourt { .. } => Outcome::Failed("already open".into()),
    })
}

/// The pairs of case records that may be one trial recorded twice: all of them, or those
/// touching the trial of `case`.
fn same_trials(
    store: &Store,
    case: Option<uuid::Uuid>,
) -> Result<Vec<(crate::store::CaseSummary, crate::store::CaseSummary)>, Error> {
    let pairs = store.join_suggestions()?;
    let Some(case) = case else {
        return Ok(pairs);
    };
    let members = store.trial_members(case)?;
    Ok(pairs
        .into_iter()
        .filter(|(a, b)| {
            members
                .iter()
                .any(|m| a.members.contains(m) || b.members.contains(m))
        })
        .collect())
}

/// What a screen needs after a field or answer was saved: a final hearing as it now is (its
/// new version and hash), from the store's own reading when the edit made one; a draft
/// needs nothing.
fn after_edit(
    store: &Store,
    hearing: uuid::Uuid,
    now: Option<crate::domain::HearingRecord>,
) -> Result<Outcome, Error> {
    if let Some(record) = now {
        return Ok(Outcome::HearingLoaded(Box::new(record)));
    }
    let status = store.load_hearing_status(hearing)?;
    if status == Status::Draft {
        Ok(Outcome::Saved)
    } else {
        loaded(store, hearing)
    }
}

// ---- batches: export, merge, conflicts (issue 4) ---------------------------------------------

/// Problems of a rejected batch shown on the merge screen; the rest are counted.
const SHOWN_PROBLEMS: usize = 5;

impl Session {
    /// The default folder of batches: `batches` next to the database.
    fn batches_dir(&self) -> PathBuf {
        self.config
            .db
            .parent()
            .map_or_else(|| PathBuf::from("batches"), |d| d.join("batches"))
    }

    /// Export and merge, with progress drawn as they go; statistics, which take up to a
    /// second over 100,000 hearings (more when the file is not in the OS cache), say that
    /// they are being computed.
    fn perform_long(&mut self, effect: Effect, redraw: &mut dyn FnMut(&App)) -> Outcome {
        let Some(store) = self.store.as_mut() else {
            return Outcome::Failed("the database is not open".into());
        };
        let app = &mut self.app;
        if let Effect::Merge { paths, apply } = effect {
            // The courts the batches brought join the store's list (then the app's).
            let merged = merge_batches(store, app, paths, apply, redraw)
                .and_then(|o| store.reload_courts().map(|()| o));
            return merged.unwrap_or_else(|e| Outcome::Failed(e.to_string()));
        }
        let store = &*store;
        let result = match effect {
            Effect::Export(req) => export_batch(store, app, req, redraw),
            stats @ Effect::LoadStats(_) => {
                app.progress("stats-working", &[]);
                redraw(app);
                perform_with(store, stats)
            }
            Effect::WriteReport {
                filter,
                xlsx,
                choice,
            } => {
                app.progress("report-working", &[]);
                redraw(app);
                let dir = self
                    .config
                    .db
                    .parent()
                    .map_or_else(|| PathBuf::from("printouts"), |d| d.join("printouts"));
                write_report(store, app, &filter, xlsx, choice, &dir)
            }
            other => perform_with(store, other),
        };
        result.unwrap_or_else(|e| Outcome::Failed(e.to_string()))
    }
}

/// A report of the statistics screen's filter, by group, in the interface language:
/// `dir/report-<date>-<time>.html` (or `.xlsx`). Aggregate and public, a plain file; or
/// broken down by judge with their names, for the legal aid group only: sealed like a batch
/// (`….html.age`), or plain when the user chose it after the warning.
fn write_report(
    store: &Store,
    app: &App,
    filter: &crate::store::Filter,
    xlsx: bool,
    choice: super::effect::ReportChoice,
    dir: &std::path::Path,
) -> Result<Outcome, Error> {
    use super::effect::ReportChoice;
    use crate::exchange::export::Seal;
    let (format, ext) = if xlsx {
        (crate::publish::Format::Xlsx, "xlsx")
    } else {
        (crate::publish::Format::Html, "html")
    };
    let stamp = store.now().format("%Y%m%d-%H%M%S");
    let path = dir.join(format!("report-{stamp}.{ext}"));
    let named = choice != ReportChoice::Aggregate;
    let options = crate::publish::Options {
        lang: app.lang(),
        arrangement: crate::publish::Arrangement::Group,
        public: !named,
        suppress_below: crate::publish::suppress_below(store)?,
        breakdowns: if named {
            vec![crate::stats::By::Judge]
        } else {
            Vec::new()
        },
        name_judges: named,
        plaintext: choice == ReportChoice::NamedPlain,
    };
    let seal = match choice {
        ReportChoice::Aggregate | ReportChoice::NamedPlain => Seal::Plaintext,
        // Checked before the seal is looked for: the refusal says why.
        ReportChoice::NamedSealed if store.is_read_only() => Seal::Plaintext,
        ReportChoice::NamedSealed => match batch_seal(store)? {
            Some(seal) => seal,
            None => return Err(Error::Invalid(app.t("report-no-lead"))),
        },
    };
    let path = crate::publish::write(store, app.texts(), filter, &options, format, &path, &seal)?;
    Ok(Outcome::ReportWritten(path.display().to_string()))
}

/// The quick batch effects: what the export and merge screens start from, and conflicts.
fn batches_effect(
    store: &Store,
    batches_dir: PathBuf,
    effect: Effect,
    lang: crate::spec::Lang,
) -> Result<Outcome, Error> {
    use super::effect::{ConflictPair, FoundBatch};
    Ok(match effect {
        Effect::ExportInfo => Outcome::ExportInfo {
            folder: batches_dir.display().to_string(),
            last: store.batches_out()?.into_iter().next().map(Box::new),
            recipients: store.recipients()?.len(),
        },
        Effect::FindBatches { folder } => {
            let folder = folder.map_or(batches_dir, PathBuf::from);
            let mut batches = Vec::new();
            for path in crate::exchange::batch_folders(&folder)? {
                let name = path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                let manifest = batch_place(store, &path).and_then(|place| {
                    crate::exchange::verify::read_manifest_at(&place).map(|(m, _)| m)
                });
                let found = match manifest {
                    Ok(m) => FoundBatch {
                        path: path.display().to_string(),
                        name,
                        monitor: m.monitor.code.clone(),
                        seq: m.seq,
                        hearings: m.hearings,
                        created_at: m.created_at.clone(),
                        merged_at: store.merged_at(m.batch_id)?,
                        problem: None,
                    },
                    Err(problems) => FoundBatch {
                        path: path.display().to_string(),
                        name,
                        monitor: String::new(),
                        seq: 0,
                        hearings: 0,
                        created_at: String::new(),
                        merged_at: None,
                        problem: Some(
                            problems
                                .first()
                                .map_or_else(|| "unreadable".into(), |p| p.render(lang)),
                        ),
                    },
                };
                batches.push(found);
            }
            Outcome::BatchesFound {
                folder: folder.display().to_string(),
                batches,
            }
        }
        Effect::LoadConflicts { all } => {
            let batches = store.batches_in()?;
            let mut items = Vec::new();
            for row in store.conflicts(all)? {
                items.push(conflict_item(store, &batches, row));
            }
            Outcome::ConflictsLoaded(items)
        }
        Effect::OpenConflict(id) => {
            let row = store
                .conflicts(true)?
                .into_iter()
                .find(|c| c.uuid == id)
                .ok_or_else(|| Error::NoSuchRecord(id.to_string()))?;
            let local = store.load_hearing(row.hearing_uuid)?;
            let incoming = store.conflict_incoming(id)?;
            let item = conflict_item(store, &store.batches_in()?, row);
            Outcome::ConflictOpened(Box::new(ConflictPair {
                item,
                local,
                incoming,
            }))
        }
        Effect::ResolveConflict {
            conflict,
            keep_incoming,
        } => {
            store.resolve_open_conflict(conflict, keep_incoming)?;
            Outcome::ConflictResolved { keep_incoming }
        }
        Effect::ResolveConflictFields { conflict, take } => {
            Outcome::ConflictFieldsResolved(store.resolve_open_conflict_fields(conflict, &take)?)
        }
        _ => Outcome::Failed("not a batch effect".into()),
    })
}

/// A conflict with what identifies its hearing (from the local version) and its batch.
fn conflict_item(
    store: &Store,
    batches: &[crate::store::BatchIn],
    row: crate::store::ConflictRow,
) -> super::effect::ConflictItem {
    let field = |f: &crate::domain::Fields, id: &str| f.get(id).cloned().unwrap_or_default();
    let (date, court, case_number) = store
        .load_hearing(row.hearing_uuid)
        .map(|r| {
            (
                field(&r.hearing.fields, "hearing_date"),
                field(&r.hearing.fields, "court"),
                field(&r.case.fields, "court_case_number"),
            )
        })
        .unwrap_or_default();
    let batch = batches.iter().find(|b| b.batch_id == row.batch_id);
    super::effect::ConflictItem {
        date,
        court,
        case_number,
        from: batch.map(|b| b.monitor_code.clone()).unwrap_or_default(),
        seq: batch.map(|b| b.seq),
        row,
    }
}

/// How the screens seal a batch or a printout: to the roster's leads, else to the passphrase
/// in `COURTWATCH_BATCH_PASSPHRASE`; `None` when there is neither.
fn batch_seal(store: &Store) -> Result<Option<crate::exchange::export::Seal>, Error> {
    use crate::exchange::export::Seal;
    let recipients = store.recipients()?;
    if !recipients.is_empty() {
        return Ok(Some(Seal::Recipients(recipients)));
    }
    Ok(match std::env::var(crate::cli::BATCH_PASSPHRASE_VAR) {
        Ok(p) if !p.is_empty() => Some(Seal::Passphrase(crate::store::Passphrase::new(p))),
        _ => None,
    })
}

/// Writes a batch, showing each file as it is written.
fn export_batch(
    store: &Store,
    app: &mut App,
    req: super::effect::ExportRequest,
    redraw: &mut dyn FnMut(&App),
) -> Result<Outcome, Error> {
    use crate::exchange::export::{ExportOptions, Seal, export};
    use crate::exchange::manifest::ScopeKind;
    use crate::i18n::Arg;
    let opts = ExportOptions {
        out: PathBuf::from(&req.folder),
        scope: req.scope,
        filter: crate::store::Filter {
            from: req.from.clone(),
            to: req.to.clone(),
            ..Default::default()
        },
        profile: req.profile,
        redact: req.redact,
        seal: if req.plaintext {
            Seal::Plaintext
        } else {
            match batch_seal(store)? {
                Some(seal) => seal,
                None => return Err(Error::Invalid(app.texts().t(app.lang(), "export-no-lead"))),
            }
        },
    };
    app.progress("export-working", &[]);
    redraw(app);
    let mut files = Vec::new();
    let mut progress = |file: &str, rows: u64| {
        files.push((file.to_owned(), rows));
        app.progress(
            "export-progress",
            &[
                ("file", Arg::Str(file)),
                ("rows", Arg::Num(i64::try_from(rows).unwrap_or(i64::MAX))),
            ],
        );
        redraw(app);
    };
    let done = export(store, &opts, &mut progress)?;
    Ok(match done {
        None => Outcome::NothingToExport {
            since_last: req.scope == ScopeKind::SinceLast,
        },
        Some(done) => Outcome::Exported(Box::new(super::effect::ExportDone {
            path: done.path.display().to_string(),
            hearings: done.manifest.hearings,
            seq: done.manifest.seq,
            monitor: done.manifest.monitor.code.clone(),
            profile: done.manifest.profile,
            redacted: done.manifest.redacted,
            files,
        })),
    })
}

/// Where a batch's files are read from: a folder as it is, a sealed file opened with this
/// database's age identity (or the passphrase in `COURTWATCH_BATCH_PASSPHRASE`); why not, as
/// a problem.
fn batch_place(
    store: &Store,
    path: &std::path::Path,
) -> Result<crate::exchange::verify::Place, crate::exchange::Problems> {
    use crate::exchange::sealed::{Keys, Sealed};
    use crate::exchange::verify::Place;
    if let Some(folder) = Place::folder(path) {
        return Ok(folder);
    }
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let problem = |m: String| -> crate::exchange::Problems {
        vec![crate::exchange::Problem::file(&name, m)].into()
    };
    let keys = Keys {
        identity: store
            .age_identity()
            .map_err(|e| problem(e.to_string()))?
            .map(|a| a.identity().clone()),
        passphrase: std::env::var(crate::cli::BATCH_PASSPHRASE_VAR)
            .ok()
            .filter(|p| !p.is_empty())
            .map(crate::store::Passphrase::new),
    };
    Sealed::open(path, keys)
        .map(|s| Place::Sealed(std::sync::Arc::new(s)))
        .map_err(|u| problem(u.0))
}

/// Verifies and plans each batch (by monitor and sequence number, as a lead would take them)
/// and, with `apply`, merges it in its own transaction; nothing is written without `apply`.
fn merge_batches(
    store: &Store,
    app: &mut App,
    paths: Vec<String>,
    apply: bool,
    redraw: &mut dyn FnMut(&App),
) -> Result<Outcome, Error> {
    use super::effect::{BatchReport, BatchResult, MergeReport, PlanCounts};
    use crate::exchange::merge::{Action, Outcome as Merged, merge, merge_at};
    let lang = app.lang();
    use crate::i18n::Arg;
    let mut batches: Vec<(Option<(String, u32)>, PathBuf)> = paths
        .into_iter()
        .map(|p| {
            let p = PathBuf::from(p);
            let key = batch_place(store, &p)
                .ok()
                .and_then(|place| crate::exchange::verify::read_manifest_at(&place).ok())
                .map(|(m, _)| (m.monitor.code, m.seq));
            (key, p)
        })
        .collect();
    batches.sort_by(|x, y| x.0.cmp(&y.0));
    let total = i64::try_from(batches.len()).unwrap_or(i64::MAX);
    let mut reports = Vec::new();
    // Per monitor: its id, code and the sequence numbers of these batches.
    let mut monitors: Vec<(uuid::Uuid, String, Vec<u32>)> = Vec::new();
    for (i, (key, dir)) in batches.iter().enumerate() {
        let name = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let n = i64::try_from(i + 1).unwrap_or(i64::MAX);
        let step = if apply {
            "merge-merging"
        } else {
            "merge-checking"
        };
        app.progress(
            step,
            &[
                ("name", Arg::Str(&name)),
                ("n", Arg::Num(n)),
                ("total", Arg::Num(total)),
            ],
        );
        redraw(app);
        let mut progress = |done: u64, all: u64| {
            if apply && all > 0 {
                app.progress(
                    "merge-progress",
                    &[
                        ("name", Arg::Str(&name)),
                        ("done", Arg::Num(i64::try_from(done).unwrap_or(i64::MAX))),
                        ("count", Arg::Num(i64::try_from(all).unwrap_or(i64::MAX))),
                    ],
                );
                redraw(app);
            }
        };
        let merged = if crate::exchange::verify::Place::folder(dir).is_some() {
            merge(store, dir, !apply, &mut progress)
        } else {
            match batch_place(store, dir) {
                Ok(place) => merge_at(store, &place, !apply, &[], &mut progress),
                Err(problems) => Ok(Merged::Rejected { problems }),
            }
        };
        let result = match merged {
            Ok(Merged::Merged { plan, warnings }) => {
                let mut counts = PlanCounts::default();
                for (_, action) in &plan.actions {
                    match action {
                        Action::New => counts.new += 1,
                        Action::Update => counts.updated += 1,
                        Action::Review => counts.review += 1,
                        Action::Unchanged => counts.unchanged += 1,
                        Action::KeepLocal => counts.kept_local += 1,
                        Action::Conflict => counts.conflicts += 1,
                    }
                }
                match monitors.iter_mut().find(|m| m.0 == plan.monitor.uuid) {
                    Some(m) => m.2.push(plan.seq),
                    None => monitors.push((
                        plan.monitor.uuid,
                        plan.monitor.code.clone(),
                        vec![plan.seq],
                    )),
                }
                BatchResult::Planned {
                    counts,
                    already_merged: plan.already_merged.clone(),
                    warnings: warnings.iter().map(|p| p.render(lang)).collect(),
                    courts: plan
                        .new_courts
                        .iter()
                        .map(|c| c.name.get(lang).to_owned())
                        .collect(),
                    joins: plan.joins,
                }
            }
            Ok(Merged::Rejected { problems }) => BatchResult::Rejected {
                problems: problems
                    .iter()
                    .take(SHOWN_PROBLEMS)
                    .map(|p| p.render(lang))
                    .collect(),
                more: usize::try_from(problems.total())
                    .unwrap_or(usize::MAX)
                    .saturating_sub(SHOWN_PROBLEMS),
            },
            Err(e) => BatchResult::Failed(e.render(lang)),
        };
        reports.push(BatchReport {
            path: dir.display().to_string(),
            name,
            monitor: key.as_ref().map(|k| k.0.clone()),
            seq: key.as_ref().map(|k| k.1),
            result,
        });
    }
    // Gaps are judged over what is here and every batch of this set together.
    let mut missing = Vec::new();
    for (uuid, code, mut seqs) in monitors {
        seqs.extend(store.received_seqs(uuid)?);
        missing.push((code, crate::store::missing_seqs(&seqs)));
    }
    Ok(Outcome::Merged(Box::new(MergeReport {
        applied: apply,
        batches: reports,
        missing,
    })))
}
