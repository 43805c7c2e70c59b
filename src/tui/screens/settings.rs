//! Settings: the interface language and the idle time after which the screen locks (both
//! kept in the database, taking effect at once), and backups: when the last one was made, and
//! `b` to make one now.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Cmd, Ctx};
use crate::spec::Lang;
use crate::tui::effect::{Effect, Outcome};
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;

/// The lock times offered, in minutes.
pub const LOCK_CHOICES: [u64; 7] = [1, 2, 5, 10, 15, 30, 60];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Up,
    Down,
    Less,
    More,
    Backup,
    Back,
}

const KEYS: &[Binding<Action>] = &[
    Binding::new(
        &[Key::plain(KeyCode::Up), Key::plain(KeyCode::BackTab)],
        Action::Up,
        "key-up",
    ),
    Binding::new(
        &[Key::plain(KeyCode::Down), Key::plain(KeyCode::Tab)],
        Action::Down,
        "key-down",
    ),
    Binding::new(
        &[Key::plain(KeyCode::Left)],
        Action::Less,
        "key-previous-value",
    ),
    Binding::new(
        &[Key::plain(KeyCode::Right), Key::ch(' ')],
        Action::More,
        "key-next-value",
    ),
    Binding::new(&[Key::ch('b')], Action::Backup, "key-backup"),
    Binding::new(
        &[Key::plain(KeyCode::Esc), Key::plain(KeyCode::Enter)],
        Action::Back,
        "key-back",
    ),
];

#[derive(Debug)]
pub struct Settings {
    focus: usize,
    lang: Lang,
    lock_minutes: u64,
    /// When the last backup was made (RFC 3339): `Some("")` never, `None` not known yet.
    last_backup: Option<String>,
}

/// The rows of the screen: language, lock time, backup.
const ROWS: usize = 3;

impl Settings {
    pub fn new(lang: Lang, lock_minutes: u64) -> Settings {
        Settings {
            focus: 0,
            lang,
            lock_minutes,
            last_backup: None,
        }
    }

    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        keys::describe(KEYS)
    }

    pub fn handle_key(&mut self, key: KeyEvent, _ctx: &Ctx<'_>) -> Vec<Cmd> {
        let Some(action) = keys::lookup(KEYS, &key) else {
            return Vec::new();
        };
        let step = |forward: bool| -> isize { if forward { 1 } else { -1 } };
        match action {
            Action::Up => self.focus = (self.focus + ROWS - 1) % ROWS,
            Action::Down => self.focus = (self.focus + 1) % ROWS,
            Action::Back => return vec![Cmd::Pop],
            Action::Backup => return vec![Cmd::Run(Effect::Backup)],
            Action::Less | Action::More if self.focus == 2 => {}
            Action::Less | Action::More => {
                let d = step(action == Action::More);
                if self.focus == 0 {
                    let i = Lang::ALL.iter().position(|l| *l == self.lang).unwrap_or(0) as isize;
                    self.lang = Lang::ALL[(i + d).rem_euclid(Lang::ALL.len() as isize) as usize];
                    return vec![Cmd::SetLang(self.lang)];
                }
                let i = LOCK_CHOICES
                    .iter()
                    .position(|m| *m >= self.lock_minutes)
                    .unwrap_or(2) as isize;
                self.lock_minutes =
                    LOCK_CHOICES[(i + d).clamp(0, LOCK_CHOICES.len() as isize - 1) as usize];
                return vec![Cmd::SetLockMinutes(self.lock_minutes)];
            }
        }
        Vec::new()
    }

    /// The outcome of the effects this screen asked for.
    pub fn on_outcome(&mut self, outcome: Outcome, ctx: &Ctx<'_>) -> Vec<Cmd> {
        match outcome {
            Outcome::LastBackup(at) => {
                self.last_backup = Some(at.unwrap_or_default());
                Vec::new()
            }
            Outcome::BackedUp { path, at } => {
                self.last_backup = Some(at);
                let text = ctx.texts.t_args(
                    ctx.lang,
                    "settings-backup-written",
                    &[("path", crate::i18n::Arg::Str(&path))],
                );
                vec![Cmd::Status(text, false)]
            }
            _ => Vec::new(),
        }
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let backup = match self.last_backup.as_deref() {
            None => String::new(),
            Some("") => ctx.t("settings-backup-never"),
            // Shown as stored, to the minute: 2026-12-07 17:35.
            Some(at) => at.get(..16).unwrap_or(at).replace('T', " "),
        };
        let rows = [
            (
                ctx.t("settings-language"),
                ctx.t(&format!("language-{}", self.lang.code())),
            ),
            (
                ctx.t("settings-lock"),
                ctx.texts.t_args(
                    ctx.lang,
                    "settings-minutes",
                    &[("count", crate::i18n::Arg::Num(self.lock_minutes as i64))],
                ),
            ),
            (ctx.t("settings-backup"), backup),
        ];
        for (i, (label, value)) in rows.iter().enumerate() {
            let y = area.y + 1 + i as u16;
            if y >= area.bottom() {
                break;
            }
            let style = if i == self.focus {
                theme::focused()
            } else {
                theme::label()
            };
            let line = Line::from(vec![
                Span::styled(format!(" {label:<28}"), style),
                Span::styled(format!(" ‹ {value} ›"), theme::value()),
            ]);
            frame.render_widget(
                Paragraph::new(line),
                Rect {
                    y,
                    height: 1,
                    ..area
                },
            );
            if i == self.focus {
                frame.set_cursor_position((area.x + 30, y));
            }
        }
    }
}
