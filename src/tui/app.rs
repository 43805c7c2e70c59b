//! The application state: the screen stack, the lock, the help overlay and the status line.
//! Keys go to the lock first, then help, then the keys that work everywhere, then the top
//! screen. Nothing here performs I/O: effects are returned to the session.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout};

use super::effect::{Effect, Outcome};
use super::keys::{self, Binding, Key};
use super::screens::agenda::AgendaScreen;
use super::screens::case::CaseScreen;
use super::screens::detail::HearingDetail;
use super::screens::first_run::FirstRun;
use super::screens::hearing::HearingScreen;
use super::screens::hearing_list::HearingList;
use super::screens::same_trials::SameTrials;
use super::screens::settings::Settings;
use super::screens::statistics::Statistics;
use super::screens::unlock::Unlock;
use super::screens::{Cmd, Ctx, Screen};
use super::widgets::chrome::{self, HelpView};
use crate::domain::Monitor;
use crate::i18n::Texts;
use crate::spec::{Lang, Spec};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Global {
    Help,
    Lock,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HelpAction {
    Close,
    Page,
}

/// The help overlay's own keys; the shared navigation tables (with `j`/`k`) scroll it as well.
const HELP_KEYS: &[Binding<HelpAction>] = &[
    Binding::new(
        &[
            Key::plain(KeyCode::Esc),
            Key::f(1),
            Key::ch('?'),
            Key::ch('q'),
        ],
        HelpAction::Close,
        "key-close",
    ),
    Binding::help_only(&[Key::ch(' ')], HelpAction::Page, "key-page-down"),
];

/// Ctrl-C, on every screen: asks before quitting (what was typed is saved either way).
const QUIT: &[Binding<()>] = &[Binding::help_only(&[Key::ctrl('c')], (), "key-quit-ask")];

/// Keys that work on every screen once the database is open.
const GLOBAL: &[Binding<Global>] = &[
    Binding::new(&[Key::f(1)], Global::Help, "key-help"),
    Binding::new(&[Key::ctrl('l')], Global::Lock, "key-lock"),
];

/// The status line: a sentence already in the user's language (screens and outcomes say it
/// through `Texts` when they set it; the line shows it as it is), and whether it is an error.
#[derive(Debug, Clone)]
struct StatusLine {
    text: String,
    error: bool,
}

impl StatusLine {
    fn said(text: String) -> StatusLine {
        StatusLine { text, error: false }
    }

    fn error(text: String) -> StatusLine {
        StatusLine { text, error: true }
    }
}

pub struct App {
    spec: Arc<Spec>,
    texts: Rc<Texts>,
    lang: Lang,
    /// `--lang` was given: it wins over the stored setting.
    lang_fixed: bool,
    read_only: bool,
    running: bool,
    stack: Vec<Screen>,
    /// The help overlay, when open: how far it is scrolled.
    help: Option<u16>,
    /// How far the help can scroll and a page of it, as the last frame drew it (the keys
    /// that scroll it need the height that only drawing knows).
    help_view: Cell<HelpView>,
    lock: Option<Unlock>,
    /// Ctrl-C was pressed: asking whether to quit.
    quitting: bool,
    status: Option<StatusLine>,
    profile: Option<Monitor>,
    lock_minutes: u64,
    now: DateTime<FixedOffset>,
    /// Wrong passphrases given in a row, at start-up or on the lock screen.
    failed_unlocks: u32,
    /// No passphrase is tried before this instant (after a wrong one).
    unlock_after: Option<DateTime<FixedOffset>>,
    /// What to leave on the terminal once the interface has ended (after an erase).
    farewell: Option<String>,
}

/// How long the next try waits after `failed` wrong passphrases in a row: 1 s, 2 s, 4 s …
/// up to a minute.
pub fn unlock_delay(failed: u32) -> i64 {
    if failed == 0 {
        0
    } else {
        (1i64 << (failed - 1).min(6)).min(60)
    }
}

impl App {
    pub fn new(
        spec: Arc<Spec>,
        texts: Rc<Texts>,
        lang: Lang,
        db_exists: bool,
        read_only: bool,
    ) -> App {
        let first = if db_exists {
            Screen::Unlock(Unlock::at_start())
        } else {
            Screen::FirstRun(FirstRun::new(None))
        };
        App {
            spec,
            texts,
            lang,
            lang_fixed: false,
            read_only,
            running: true,
            stack: vec![first],
            help: None,
            help_view: Cell::new(HelpView::default()),
            lock: None,
            quitting: false,
            status: None,
            profile: None,
            lock_minutes: 5,
            now: DateTime::default(),
            failed_unlocks: 0,
            unlock_after: None,
            farewell: None,
        }
    }

    /// What to print once the interface has ended and the terminal is restored.
    pub fn farewell(&self) -> Option<&str> {
        self.farewell.as_deref()
    }

    /// The forms, lists and courts the interface reads.
    pub fn spec(&self) -> &Arc<Spec> {
        &self.spec
    }

    /// Takes the store's spec: the shipped one with the courts added to the database.
    pub(crate) fn set_spec(&mut self, spec: Arc<Spec>) {
        self.spec = spec;
    }

    pub(crate) fn fix_lang(&mut self) {
        self.lang_fixed = true;
    }

    pub(super) fn set_lang_from_setting(&mut self, lang: Lang) {
        if !self.lang_fixed {
            self.lang = lang;
        }
    }

    /// With the passphrase in the environment, first run asks only for the profile.
    pub(super) fn set_env_passphrase(&mut self, passphrase: Option<crate::store::Passphrase>) {
        if let (Some(p), Some(Screen::FirstRun(f))) = (passphrase, self.stack.last_mut()) {
            *f = FirstRun::new(Some(p));
        }
    }

    pub fn is_running(&self) -> bool {
        self.running
    }

    /// The interface strings.
    pub fn texts(&self) -> &Texts {
        &self.texts
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A message of the interface in its language.
    pub fn t(&self, key: &str) -> String {
        self.texts.t(self.lang, key)
    }

    pub fn set_now(&mut self, now: DateTime<FixedOffset>) {
        self.now = now;
    }

    /// A progress sentence on the status line while a long effect (export, merge, statistics)
    /// runs.
    pub fn progress(&mut self, key: &str, args: &[(&str, crate::i18n::Arg<'_>)]) {
        self.status = Some(StatusLine::said(self.texts.t_args(self.lang, key, args)));
    }

    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            spec: &self.spec,
            texts: &self.texts,
            lang: self.lang,
            now: self.now,
            read_only: self.read_only,
        }
    }

    fn is_open(&self) -> bool {
        self.profile.is_some()
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if let Some(lock) = &mut self.lock {
            let ctx = Ctx {
                spec: &self.spec,
                texts: &self.texts,
                lang: self.lang,
                now: self.now,
                read_only: self.read_only,
            };
            let cmds = lock.handle_key(key, &ctx);
            let effects = self.apply(cmds);
            return self.hold_back_unlocks(effects);
        }
        if self.quitting {
            return match keys::lookup(chrome::CONFIRM_KEYS, &key) {
                Some(chrome::Answer::Yes) => self.apply(vec![Cmd::Quit]),
                Some(chrome::Answer::No) => {
                    self.quitting = false;
                    Vec::new()
                }
                None => Vec::new(),
            };
        }
        if keys::lookup(QUIT, &key).is_some() {
            self.quitting = true;
            return Vec::new();
        }
        if let Some(scroll) = self.help {
            let view = self.help_view.get();
            let at = scroll.min(view.max);
            let nav = match keys::lookup(HELP_KEYS, &key) {
                Some(HelpAction::Close) => {
                    self.help = None;
                    return Vec::new();
                }
                Some(HelpAction::Page) => Some(keys::Nav::PageDown),
                None => keys::nav(&key),
            };
            let lines = usize::from(view.max) + 1;
            let page = usize::from(view.page);
            self.help = Some(nav.map_or(at, |n| {
                u16::try_from(n.apply(usize::from(at), lines, page)).unwrap_or(view.max)
            }));
            return Vec::new();
        }
        self.status = None;
        if self.is_open() {
            match keys::lookup(GLOBAL, &key) {
                Some(Global::Help) => {
                    self.help = Some(0);
                    return Vec::new();
                }
                Some(Global::Lock) => return self.lock_now(),
                None => {}
            }
        }
        let ctx = Ctx {
            spec: &self.spec,
            texts: &self.texts,
            lang: self.lang,
            now: self.now,
            read_only: self.read_only,
        };
        let cmds = match self.stack.last_mut() {
            Some(Screen::FirstRun(s)) => s.handle_key(key, &ctx),
            Some(Screen::Unlock(s)) => s.handle_key(key, &ctx),
            Some(Screen::List(s)) => s.handle_key(key, &ctx),
            Some(Screen::Hearing(s)) => s.handle_key(key, &ctx),
            Some(Screen::Settings(s)) => s.handle_key(key, &ctx),
            Some(Screen::Detail(s)) => s.handle_key(key, &ctx),
            Some(Screen::Statistics(s)) => s.handle_key(key, &ctx),
            Some(Screen::Export(s)) => s.handle_key(key, &ctx),
            Some(Screen::Merge(s)) => s.handle_key(key, &ctx),
            Some(Screen::Conflicts(s)) => s.handle_key(key, &ctx),
            Some(Screen::Case(s)) => s.handle_key(key, &ctx),
            Some(Screen::Agenda(s)) => s.handle_key(key, &ctx),
            Some(Screen::CasePicker(s)) => s.handle_key(key, &ctx),
            Some(Screen::AddCourt(s)) => s.handle_key(key, &ctx),
            Some(Screen::SameTrials(s)) => s.handle_key(key, &ctx),
            None => Vec::new(),
        };
        let effects = self.apply(cmds);
        self.hold_back_unlocks(effects)
    }

    /// Drops a try of the passphrase made before the wait after a wrong one is over, and says
    /// how long is left.
    fn hold_back_unlocks(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        let Some(after) = self.unlock_after.filter(|a| *a > self.now) else {
            return effects;
        };
        let (held, effects): (Vec<Effect>, Vec<Effect>) = effects.into_iter().partition(|e| {
            matches!(
                e,
                Effect::Unlock { .. }
                    | Effect::VerifyPassphrase { .. }
                    | Effect::ChangePassphrase { .. }
                    | Effect::Erase { .. }
            )
        });
        if !held.is_empty() {
            let left = (after - self.now).num_seconds().max(1);
            let text = self.texts.t_args(
                self.lang,
                "unlock-wait",
                &[("seconds", crate::i18n::Arg::Num(left))],
            );
            self.unlock_failed(text);
        }
        effects
    }

    /// Shows a failed try on the lock or unlock screen.
    fn unlock_failed(&mut self, text: String) {
        if let Some(lock) = &mut self.lock {
            lock.failed(text);
        } else if let Some(Screen::Unlock(u)) = self.stack.last_mut() {
            u.failed(text);
        } else if let Some(Screen::Settings(s)) = self.stack.last_mut() {
            s.failed(text);
        } else {
            self.status = Some(StatusLine::error(text));
        }
    }

    fn apply(&mut self, cmds: Vec<Cmd>) -> Vec<Effect> {
        let mut effects = Vec::new();
        for cmd in cmds {
            match cmd {
                Cmd::Run(e) => effects.push(e),
                Cmd::Pop => {
                    self.stack.pop();
                    // What the screen below shows may have changed: read it again.
                    match self.stack.last_mut() {
                        Some(Screen::List(list)) => {
                            effects.push(list.reload());
                            effects.push(Effect::BackupDue);
                        }
                        Some(Screen::Case(c)) => effects.push(Effect::LoadTrial(c.case())),
                        Some(Screen::Agenda(_)) => effects.push(Effect::LoadAgenda),
                        Some(Screen::SameTrials(s)) => effects.push(Effect::LoadSameTrials {
                            case: s.case(),
                            open: true,
                        }),
                        _ => {}
                    }
                }
                Cmd::Quit => {
                    effects.extend(self.flush());
                    self.running = false;
                }
                Cmd::Help => self.help = Some(0),
                Cmd::CycleLang => {
                    let i = Lang::ALL.iter().position(|l| *l == self.lang).unwrap_or(0);
                    effects.extend(self.set_lang(Lang::ALL[(i + 1) % Lang::ALL.len()]));
                }
                Cmd::SetLang(lang) => effects.extend(self.set_lang(lang)),
                Cmd::SetLockMinutes(m) => {
                    self.lock_minutes = m;
                    effects.push(Effect::SaveSetting {
                        key: "lock_minutes".into(),
                        value: m.to_string(),
                    });
                }
                Cmd::OpenSettings => {
                    self.stack.push(Screen::Settings(Settings::new(
                        self.lang,
                        self.lock_minutes,
                    )));
                    effects.push(Effect::KeySettings);
                    effects.push(Effect::KeysInfo);
                }
                Cmd::Status(text, error) => self.status = Some(StatusLine { text, error }),
                Cmd::Push(screen) => self.stack.push(*screen),
            }
        }
        effects
    }

    fn set_lang(&mut self, lang: Lang) -> Vec<Effect> {
        self.lang = lang;
        self.lang_fixed = false;
        vec![Effect::SaveSetting {
            key: "lang".into(),
            value: lang.code().into(),
        }]
    }

    /// Saves what is being typed, then closes the database: while locked, the key is not in
    /// memory.
    fn lock_now(&mut self) -> Vec<Effect> {
        let mut effects = self.flush();
        effects.push(Effect::CloseStore);
        self.help = None;
        if let Some(Screen::Settings(s)) = self.stack.last_mut() {
            // A passphrase half typed into a dialog is wiped, not kept behind the lock.
            s.close_dialog();
        }
        self.lock = Some(Unlock::locked());
        effects
    }

    /// Pending edits of the top screen, as save effects.
    pub fn flush(&mut self) -> Vec<Effect> {
        let ctx = Ctx {
            spec: &self.spec,
            texts: &self.texts,
            lang: self.lang,
            now: self.now,
            read_only: self.read_only,
        };
        match self.stack.last_mut() {
            Some(Screen::Hearing(h)) => h.flush(&ctx),
            _ => Vec::new(),
        }
    }

    /// The periodic tick: autosave, and the idle lock.
    pub fn tick(&mut self, idle_seconds: u64) -> Vec<Effect> {
        let mut effects = self.flush();
        if self.is_open()
            && self.lock.is_none()
            && self.lock_minutes > 0
            && idle_seconds >= self.lock_minutes * 60
        {
            effects.extend(self.lock_now());
        }
        effects
    }

    pub fn on_outcome(&mut self, outcome: Outcome) -> Vec<Effect> {
        if matches!(outcome, Outcome::PassphraseChanged) {
            // The right passphrase was given: the count of wrong ones starts again.
            self.failed_unlocks = 0;
            self.unlock_after = None;
        }
        match outcome {
            Outcome::Opened {
                profile,
                lock_minutes,
                lead_key,
            } => {
                self.failed_unlocks = 0;
                self.unlock_after = None;
                self.profile = Some(profile);
                self.lock_minutes = lock_minutes;
                let mut list = HearingList::new();
                list.set_lead_key(lead_key);
                let effect = list.reload();
                self.stack = vec![Screen::List(list)];
                vec![effect, Effect::BackupDue]
            }
            Outcome::Unlocked => {
                self.failed_unlocks = 0;
                self.unlock_after = None;
                self.lock = None;
                Vec::new()
            }
            Outcome::Closed => Vec::new(),
            Outcome::Erased(message) => {
                // Nothing is left to save: the interface ends at once.
                self.farewell = Some(message);
                self.stack.clear();
                self.running = false;
                Vec::new()
            }
            Outcome::StoreLost(message) => {
                let effects = self.lock_now();
                if let Some(lock) = &mut self.lock {
                    lock.failed(message);
                }
                effects
            }
            Outcome::WrongPassphrase(msg) => {
                self.failed_unlocks = self.failed_unlocks.saturating_add(1);
                let wait = unlock_delay(self.failed_unlocks);
                self.unlock_after = Some(self.now + chrono::Duration::seconds(wait));
                let text = format!(
                    "{} {}",
                    self.texts.t(self.lang, "unlock-wrong"),
                    self.texts.t_args(
                        self.lang,
                        "unlock-wait",
                        &[("seconds", crate::i18n::Arg::Num(wait))],
                    )
                );
                if self.lock.is_none()
                    && !matches!(
                        self.stack.last(),
                        Some(Screen::Unlock(_) | Screen::Settings(_))
                    )
                {
                    self.status = Some(StatusLine::error(msg));
                } else {
                    self.unlock_failed(text);
                }
                Vec::new()
            }
            Outcome::Failed(msg) => {
                match self.stack.last_mut() {
                    Some(Screen::FirstRun(f)) => f.failed(msg.clone()),
                    Some(Screen::Unlock(u)) => u.failed(msg.clone()),
                    _ => {}
                }
                self.status = Some(StatusLine::error(msg));
                Vec::new()
            }
            Outcome::HearingCreated(id) => vec![Effect::OpenHearing(id)],
            Outcome::CourtAdded {
                code,
                name,
                for_hearing,
            } => {
                if matches!(self.stack.last(), Some(Screen::AddCourt(_))) {
                    self.stack.pop();
                }
                self.status = Some(StatusLine::said(self.texts.t_args(
                    self.lang,
                    "court-added",
                    &[("name", crate::i18n::Arg::Str(&name))],
                )));
                let ctx = Ctx {
                    spec: &self.spec,
                    texts: &self.texts,
                    lang: self.lang,
                    now: self.now,
                    read_only: self.read_only,
                };
                let cmds = match self.stack.last_mut() {
                    Some(Screen::Hearing(h)) if for_hearing => h.court_added(code, &ctx),
                    _ => Vec::new(),
                };
                self.apply(cmds)
            }
            Outcome::CasesFound { query, found } => {
                if let Some(Screen::CasePicker(p)) = self.stack.last_mut() {
                    p.found(&query, found);
                }
                Vec::new()
            }
            Outcome::TrialLoaded(trial) => {
                match self.stack.last_mut() {
                    Some(Screen::Case(c)) if c.case() == trial.summary.uuid => c.replace(*trial),
                    _ => self
                        .stack
                        .push(Screen::Case(Box::new(CaseScreen::new(*trial)))),
                }
                Vec::new()
            }
            Outcome::AgendaLoaded { today, items } => {
                match self.stack.last_mut() {
                    Some(Screen::Agenda(a)) => a.replace(today, items),
                    _ => self
                        .stack
                        .push(Screen::Agenda(AgendaScreen::new(today, items))),
                }
                Vec::new()
            }
            Outcome::SameTrials {
                case,
                pairs,
                open,
                joined,
            } => {
                if joined {
                    self.status = Some(StatusLine::said(
                        self.texts.t(self.lang, "same-trial-joined"),
                    ));
                }
                if !open {
                    if !pairs.is_empty() {
                        let text = self.texts.t_args(
                            self.lang,
                            "same-trial-after-merge",
                            &[("count", crate::i18n::Arg::Num(pairs.len() as i64))],
                        );
                        self.status = Some(StatusLine::said(text));
                    }
                    return Vec::new();
                }
                match self.stack.last_mut() {
                    Some(Screen::SameTrials(s)) if s.case() == case => s.replace(pairs),
                    _ => self
                        .stack
                        .push(Screen::SameTrials(SameTrials::new(case, pairs))),
                }
                Vec::new()
            }
            Outcome::StatsLoaded { stats, filter } => {
                // The "computing" message is done with.
                self.status = None;
                let ctx = Ctx {
                    spec: &self.spec,
                    texts: &self.texts,
                    lang: self.lang,
                    now: self.now,
                    read_only: self.read_only,
                };
                let screen = Statistics::new(*stats, *filter, &ctx);
                self.stack.push(Screen::Statistics(screen));
                Vec::new()
            }
            Outcome::HearingViewed(record) => {
                let ctx = Ctx {
                    spec: &self.spec,
                    texts: &self.texts,
                    lang: self.lang,
                    now: self.now,
                    read_only: self.read_only,
                };
                let detail = HearingDetail::new(&record, &ctx);
                self.stack.push(Screen::Detail(detail));
                Vec::new()
            }
            Outcome::ReportWritten(path) => {
                let text = self.texts.t_args(
                    self.lang,
                    "report-written",
                    &[("path", crate::i18n::Arg::Str(&path))],
                );
                self.status = Some(StatusLine::said(text));
                Vec::new()
            }
            Outcome::Printed(path) => {
                let text = self.texts.t_args(
                    self.lang,
                    "detail-printed",
                    &[("path", crate::i18n::Arg::Str(&path))],
                );
                self.status = Some(StatusLine::said(text));
                Vec::new()
            }
            Outcome::HearingLoaded(record) => {
                let ctx = Ctx {
                    spec: &self.spec,
                    texts: &self.texts,
                    lang: self.lang,
                    now: self.now,
                    read_only: self.read_only,
                };
                if let Some(Screen::Hearing(h)) = self.stack.last_mut()
                    && h.hearing() == record.hearing.uuid
                {
                    h.on_loaded(*record, &ctx);
                    return Vec::new();
                }
                let read_only = self.read_only;
                let ctx = Ctx {
                    spec: &self.spec,
                    texts: &self.texts,
                    lang: self.lang,
                    now: self.now,
                    read_only,
                };
                let screen = HearingScreen::new(*record, &ctx);
                self.stack.push(Screen::Hearing(Box::new(screen)));
                Vec::new()
            }
            other => {
                let ctx = Ctx {
                    spec: &self.spec,
                    texts: &self.texts,
                    lang: self.lang,
                    now: self.now,
                    read_only: self.read_only,
                };
                let cmds = match self.stack.last_mut() {
                    Some(Screen::List(s)) => s.on_outcome(other, &ctx),
                    Some(Screen::Hearing(s)) => s.on_outcome(other, &ctx),
                    Some(Screen::Export(s)) => s.on_outcome(other, &ctx),
                    Some(Screen::Merge(s)) => s.on_outcome(other, &ctx),
                    Some(Screen::Conflicts(s)) => s.on_outcome(other, &ctx),
                    Some(Screen::Settings(s)) => s.on_outcome(other, &ctx),
                    _ => Vec::new(),
                };
                self.apply(cmds)
            }
        }
    }

    /// Draws the whole interface. A pure function of the state.
    pub fn render(&self, frame: &mut Frame<'_>) {
        let area = frame.area();
        if area.width < chrome::MIN_WIDTH || area.height < chrome::MIN_HEIGHT {
            chrome::too_small(frame, area, &self.texts, self.lang);
            return;
        }
        let ctx = self.ctx();
        if let Some(lock) = &self.lock {
            lock.render(frame, area, &ctx);
            return;
        }
        let [title, body, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let who = self
            .profile
            .as_ref()
            .map(|p| format!("{} · {}", p.code, p.name))
            .unwrap_or_default();
        let (heading, keys) = match self.stack.last() {
            Some(Screen::FirstRun(s)) => (ctx.t("first-run-title"), s.keys()),
            Some(Screen::Unlock(s)) => (ctx.t("unlock-title"), s.keys()),
            Some(Screen::List(s)) => (ctx.t("list-title"), s.keys(&ctx)),
            Some(Screen::Hearing(s)) => (s.title(&ctx), s.keys(&ctx)),
            Some(Screen::Settings(s)) => (ctx.t("settings-title"), s.keys()),
            Some(Screen::Detail(s)) => (s.title(&ctx), s.keys(&ctx)),
            Some(Screen::Statistics(s)) => (ctx.t("stats-title"), s.keys()),
            Some(Screen::Export(s)) => (ctx.t("export-title"), s.keys()),
            Some(Screen::Merge(s)) => (ctx.t("merge-title"), s.keys()),
            Some(Screen::Conflicts(s)) => (s.title(&ctx), s.keys(&ctx)),
            Some(Screen::Case(s)) => (s.title(&ctx), s.keys(&ctx)),
            Some(Screen::Agenda(s)) => (ctx.t("agenda-title"), s.keys(&ctx)),
            Some(Screen::CasePicker(s)) => (ctx.t("pick-case-title"), s.keys()),
            Some(Screen::AddCourt(s)) => (ctx.t("court-add-title"), s.keys()),
            Some(Screen::SameTrials(s)) => (ctx.t("same-trial-title"), s.keys(&ctx)),
            None => (String::new(), Vec::new()),
        };
        let right = if self.read_only {
            format!("{} · {who}", ctx.t("read-only"))
        } else {
            who
        };
        chrome::title_bar(
            frame,
            title,
            &format!(" courtwatch · {heading}"),
            &format!("{right} "),
        );
        match self.stack.last() {
            Some(Screen::FirstRun(s)) => s.render(frame, body, &ctx),
            Some(Screen::Unlock(s)) => s.render(frame, body, &ctx),
            Some(Screen::List(s)) => s.render(frame, body, &ctx),
            Some(Screen::Hearing(s)) => s.render(frame, body, &ctx),
            Some(Screen::Settings(s)) => s.render(frame, body, &ctx),
            Some(Screen::Detail(s)) => s.render(frame, body, &ctx),
            Some(Screen::Statistics(s)) => s.render(frame, body, &ctx),
            Some(Screen::Export(s)) => s.render(frame, body, &ctx),
            Some(Screen::Merge(s)) => s.render(frame, body, &ctx),
            Some(Screen::Conflicts(s)) => s.render(frame, body, &ctx),
            Some(Screen::Case(s)) => s.render(frame, body, &ctx),
            Some(Screen::Agenda(s)) => s.render(frame, body, &ctx),
            Some(Screen::CasePicker(s)) => s.render(frame, body, &ctx),
            Some(Screen::AddCourt(s)) => s.render(frame, body, &ctx),
            Some(Screen::SameTrials(s)) => s.render(frame, body, &ctx),
            None => {}
        }
        if let Some(line) = &self.status {
            chrome::status(frame, status, &line.text, line.error);
        }
        if self.quitting {
            chrome::confirm(frame, body, &ctx.t("confirm-title"), &ctx.t("quit-ask"));
            let answers = keys::describe(chrome::CONFIRM_KEYS);
            chrome::footer(frame, footer, &self.texts, self.lang, &answers);
            return;
        }
        let mut all = keys.clone();
        if self.is_open() {
            all.extend(keys::describe(GLOBAL));
        }
        chrome::footer(frame, footer, &self.texts, self.lang, &all);
        if let Some(scroll) = self.help {
            self.help_view.set(chrome::help(
                frame,
                body,
                (&self.texts, self.lang),
                &keys::describe(HELP_KEYS),
                &keys,
                &[keys::describe(GLOBAL), keys::describe(QUIT)].concat(),
                scroll,
            ));
        }
    }
}
