//! First run: the monitor's profile and the passphrase, asked twice, with a strength hint and
//! the warning that it cannot be recovered.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::{Cmd, Ctx};
use crate::store::Passphrase;
use crate::tui::effect::Effect;
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;
use crate::tui::widgets::chrome;
use crate::tui::widgets::text::{Editor, Secret};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Next,
    Prev,
    Create,
    Quit,
}

const KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::plain(KeyCode::Tab)], Action::Next, "key-next-field"),
    Binding::help_only(
        &[Key::plain(KeyCode::BackTab)],
        Action::Prev,
        "key-prev-field",
    ),
    Binding::new(&[Key::plain(KeyCode::Enter)], Action::Create, "key-create"),
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Quit, "key-quit"),
];

#[derive(Debug)]
pub struct FirstRun {
    code: Editor,
    name: Editor,
    org: Editor,
    pass: Secret,
    repeat: Secret,
    /// The passphrase given in the environment (scripts, tests): not asked on screen.
    given: Option<Passphrase>,
    ask_passphrase: bool,
    focus: usize,
    error: Option<String>,
}

/// A rough strength hint: `weak`, `fair` or `strong`, as a message key.
pub fn strength(p: &str) -> &'static str {
    let n = p.chars().count();
    let classes = [
        p.chars().any(char::is_lowercase),
        p.chars().any(char::is_uppercase),
        p.chars().any(|c| c.is_ascii_digit()),
        p.chars().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|&&b| b)
    .count();
    let words = p.split_whitespace().count();
    if n >= 16 && (classes >= 2 || words >= 3) || n >= 24 {
        "strength-strong"
    } else if n >= 10 && classes >= 2 {
        "strength-fair"
    } else {
        "strength-weak"
    }
}

impl FirstRun {
    pub fn new(given: Option<Passphrase>) -> FirstRun {
        let ask_passphrase = given.is_none();
        FirstRun {
            code: Editor::line(""),
            name: Editor::line(""),
            org: Editor::line(""),
            pass: Secret::default(),
            repeat: Secret::default(),
            given,
            ask_passphrase,
            focus: 0,
            error: None,
        }
    }

    fn fields(&self) -> usize {
        if self.ask_passphrase { 5 } else { 3 }
    }

    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        keys::describe(KEYS)
    }

    pub fn failed(&mut self, message: String) {
        self.error = Some(message);
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        let used = match self.focus {
            0 => self.code.handle(key).is_some(),
            1 => self.name.handle(key).is_some(),
            2 => self.org.handle(key).is_some(),
            3 => self.pass.handle(key),
            _ => self.repeat.handle(key),
        };
        if used {
            self.error = None;
            return Vec::new();
        }
        match keys::lookup(KEYS, &key) {
            Some(Action::Next) => self.focus = (self.focus + 1) % self.fields(),
            Some(Action::Prev) => self.focus = (self.focus + self.fields() - 1) % self.fields(),
            Some(Action::Quit) => return vec![Cmd::Quit],
            Some(Action::Create) => {
                if self.focus + 1 < self.fields() {
                    self.focus += 1;
                    return Vec::new();
                }
                let (code, name) = (
                    self.code.value().trim().to_owned(),
                    self.name.value().trim().to_owned(),
                );
                if code.is_empty() || name.is_empty() {
                    self.error = Some(ctx.t("first-run-need-profile"));
                    self.focus = if code.is_empty() { 0 } else { 1 };
                } else if self.ask_passphrase && self.pass.value().chars().count() < 8 {
                    self.error = Some(ctx.t("first-run-too-short"));
                    self.focus = 3;
                } else if self.ask_passphrase && self.pass.value() != self.repeat.value() {
                    self.error = Some(ctx.t("first-run-mismatch"));
                    self.repeat.clear();
                    self.focus = 4;
                } else {
                    let passphrase = self.given.clone().unwrap_or_else(|| self.pass.passphrase());
                    return vec![Cmd::Run(Effect::CreateDatabase {
                        code,
                        name,
                        org: self.org.value().trim().to_owned(),
                        passphrase,
                    })];
                }
            }
            None => {}
        }
        Vec::new()
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let x = area.x + 2;
        let w = area.width.saturating_sub(4);
        let label_w = 24.min(w / 2);
        // The intro and the warning take the rows their wrapped text needs. The warning that a
        // lost passphrase loses the records is never cut: on a short terminal the blank rows
        // between the parts go first, then the end of the intro.
        let left = |y: u16| area.bottom().saturating_sub(y);
        let intro = Paragraph::new(ctx.t("first-run-intro")).wrap(Wrap { trim: true });
        let warn = Paragraph::new(ctx.t("first-run-warning"))
            .style(theme::error())
            .wrap(Wrap { trim: true });
        let kept = (self.fields() as u16)
            .saturating_add(if self.ask_passphrase {
                chrome::rows(&warn, w).saturating_add(1)
            } else {
                0
            })
            .saturating_add(if self.error.is_some() { 2 } else { 0 });
        let intro_rows = chrome::rows(&intro, w);
        let gap = u16::from(area.height >= intro_rows.saturating_add(kept).saturating_add(3));
        let mut y = area.y + gap;
        let intro_h = intro_rows
            .min(area.height.saturating_sub(kept))
            .min(left(y));
        frame.render_widget(
            intro,
            Rect {
                x,
                y,
                width: w,
                height: intro_h,
            },
        );
        y += intro_h + gap;
        let labels = [
            "first-run-code",
            "first-run-name",
            "first-run-org",
            "first-run-passphrase",
            "first-run-repeat",
        ];
        for (i, label) in labels.iter().enumerate().take(self.fields()) {
            let style = if i == self.focus {
                theme::focused()
            } else {
                theme::label()
            };
            frame.render_widget(
                Paragraph::new(Line::styled(ctx.t(label), style)),
                Rect {
                    x,
                    y,
                    width: label_w,
                    height: 1,
                },
            );
            let varea = Rect {
                x: x + label_w + 1,
                y,
                width: w.saturating_sub(label_w + 1),
                height: 1,
            };
            let focused = i == self.focus;
            match i {
                0 => self.code.render_if(frame, varea, focused),
                1 => self.name.render_if(frame, varea, focused),
                2 => self.org.render_if(frame, varea, focused),
                3 => self.pass.render(frame, varea, focused),
                _ => self.repeat.render(frame, varea, focused),
            }
            y += 1;
        }
        y += gap;
        if self.ask_passphrase {
            let hint = format!(
                "{} {}",
                ctx.t("first-run-strength"),
                ctx.t(strength(self.pass.value()))
            );
            frame.render_widget(
                Paragraph::new(hint).style(theme::dim()),
                Rect {
                    x,
                    y,
                    width: w,
                    height: 1,
                },
            );
            y += 1;
            let warn_h = chrome::rows(&warn, w).min(left(y));
            frame.render_widget(
                warn,
                Rect {
                    x,
                    y,
                    width: w,
                    height: warn_h,
                },
            );
            y += warn_h;
        }
        if let Some(e) = &self.error {
            frame.render_widget(
                Paragraph::new(e.as_str())
                    .style(theme::error())
                    .wrap(Wrap { trim: true }),
                Rect {
                    x,
                    y: (y + 1).min(area.bottom().saturating_sub(1)),
                    width: w,
                    height: 1,
                },
            );
        }
    }
}
