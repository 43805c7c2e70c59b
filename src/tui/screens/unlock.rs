//! The passphrase screen: at start-up it opens the database; as the lock screen (Ctrl-L or
//! idle time) it hides everything until the passphrase is given again.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{Cmd, Ctx};
use crate::tui::effect::Effect;
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;
use crate::tui::widgets::text::Secret;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Unlock,
    Quit,
}

const KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::plain(KeyCode::Enter)], Action::Unlock, "key-unlock"),
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Quit, "key-quit"),
];

const LOCK_KEYS: &[Binding<Action>] = &[Binding::new(
    &[Key::plain(KeyCode::Enter)],
    Action::Unlock,
    "key-unlock",
)];

#[derive(Debug)]
pub struct Unlock {
    pass: Secret,
    /// The lock screen over an open database, not the start-up screen.
    lock: bool,
    error: Option<String>,
}

impl Unlock {
    pub(crate) fn at_start() -> Unlock {
        Unlock {
            pass: Secret::default(),
            lock: false,
            error: None,
        }
    }

    pub fn locked() -> Unlock {
        Unlock {
            pass: Secret::default(),
            lock: true,
            error: None,
        }
    }

    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        keys::describe(if self.lock { LOCK_KEYS } else { KEYS })
    }

    pub fn failed(&mut self, message: String) {
        self.error = Some(message);
        self.pass.clear();
    }

    pub fn handle_key(&mut self, key: KeyEvent, _ctx: &Ctx<'_>) -> Vec<Cmd> {
        if self.pass.handle(key) {
            self.error = None;
            return Vec::new();
        }
        let table = if self.lock { LOCK_KEYS } else { KEYS };
        match keys::lookup(table, &key) {
            Some(Action::Unlock) if !self.pass.value().is_empty() => {
                let passphrase = self.pass.passphrase();
                self.pass.clear();
                let effect = if self.lock {
                    Effect::VerifyPassphrase { passphrase }
                } else {
                    Effect::Unlock { passphrase }
                };
                vec![Cmd::Run(effect)]
            }
            Some(Action::Quit) => vec![Cmd::Quit],
            _ => Vec::new(),
        }
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        frame.render_widget(Clear, area);
        let w = area.width.min(60);
        let x = area.x + (area.width - w) / 2;
        let y = area.y + area.height / 3;
        let title = if self.lock {
            ctx.t("lock-title")
        } else {
            ctx.t("unlock-title")
        };
        let block = Block::bordered().title(title);
        let boxed = Rect {
            x,
            y,
            width: w,
            height: 6.min(area.height.saturating_sub(y - area.y)),
        };
        let inner = block.inner(boxed);
        frame.render_widget(block, boxed);
        if inner.height == 0 {
            return;
        }
        frame.render_widget(
            Paragraph::new(ctx.t("unlock-prompt")),
            Rect { height: 1, ..inner },
        );
        if inner.height > 1 {
            self.pass.render(
                frame,
                Rect {
                    y: inner.y + 1,
                    height: 1,
                    ..inner
                },
                true,
            );
        }
        if let (Some(e), true) = (&self.error, inner.height > 3) {
            frame.render_widget(
                Paragraph::new(e.as_str())
                    .style(theme::error())
                    .wrap(Wrap { trim: true }),
                Rect {
                    y: inner.y + 2,
                    height: 2,
                    ..inner
                },
            );
        }
        if self.lock {
            let hint = Rect {
                x,
                y: boxed.bottom().min(area.bottom().saturating_sub(1)),
                width: w,
                height: 1,
            };
            frame.render_widget(Paragraph::new(ctx.t("lock-hint")).style(theme::dim()), hint);
        }
    }
}
