//! Settings: the interface language and the idle time after which the screen locks (both
//! kept in the database, taking effect at once); backups (when the last one was made, how soon
//! the hearing list reminds of one, and `b` to make one now); changing the passphrase; and
//! erasing the database. The passphrase change asks the current passphrase and the new one
//! twice, as `courtwatch passphrase` does; erasing asks the passphrase and the typed word, as
//! `courtwatch erase` does. Erasing after wrong passphrases in a row (off by default) is chosen
//! here, with its warning in sight.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::first_run::strength;
use super::{Cmd, Ctx};
use crate::spec::Lang;
use crate::store::guard;
use crate::tui::effect::{Effect, Outcome};
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;
use crate::tui::widgets::chrome;
use crate::tui::widgets::text::{Editor, Secret};

/// The lock times offered, in minutes.
pub const LOCK_CHOICES: [u64; 7] = [1, 2, 5, 10, 15, 30, 60];

/// After how many days of drafts without a backup the hearing list reminds of one.
pub const REMIND_CHOICES: [u64; 5] = [1, 3, 7, 14, 30];

/// The setting that holds [`REMIND_CHOICES`]' value (days; 7 when not set).
pub const REMIND_SETTING: &str = "backup_remind_days";

/// The reminder's default, in days.
pub const REMIND_DEFAULT: u64 = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Up,
    Down,
    Less,
    More,
    Backup,
    Open,
    Back,
}

const KEYS: &[Binding<Action>] = &[
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
    Binding::new(
        &[Key::plain(KeyCode::Enter)],
        Action::Open,
        "key-settings-open",
    ),
    Binding::new(&[Key::ch('b')], Action::Backup, "key-backup"),
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Back, "key-back"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DialogAction {
    Next,
    Prev,
    Submit,
    Cancel,
}

const DIALOG_KEYS: &[Binding<DialogAction>] = &[
    Binding::new(
        &[Key::plain(KeyCode::Enter)],
        DialogAction::Submit,
        "key-settings-confirm",
    ),
    Binding::new(
        &[Key::plain(KeyCode::Esc)],
        DialogAction::Cancel,
        "key-cancel",
    ),
];

/// The rows of the screen, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Language,
    Lock,
    Remind,
    Backup,
    Passphrase,
    EraseAfter,
    Erase,
}

const ROWS: [Row; 7] = [
    Row::Language,
    Row::Lock,
    Row::Remind,
    Row::Backup,
    Row::Passphrase,
    Row::EraseAfter,
    Row::Erase,
];

/// A dialog over the settings: what it asks for, field by field.
#[derive(Debug)]
enum Dialog {
    /// The current passphrase, the new one and the new one again.
    Passphrase { fields: [Secret; 3] },
    /// The passphrase and the word `erase` in the interface language.
    Erase { pass: Secret, word: Editor },
}

#[derive(Debug)]
struct Open {
    dialog: Dialog,
    focus: usize,
    error: Option<String>,
}

impl Open {
    fn fields(&self) -> usize {
        match self.dialog {
            Dialog::Passphrase { .. } => 3,
            Dialog::Erase { .. } => 2,
        }
    }

    /// Offers a key to the focused field; `true` when it was typing.
    fn type_key(&mut self, key: KeyEvent) -> bool {
        match (&mut self.dialog, self.focus) {
            (Dialog::Passphrase { fields }, i) => fields[i.min(2)].handle(key),
            (Dialog::Erase { pass, .. }, 0) => pass.handle(key),
            (Dialog::Erase { word, .. }, _) => word.handle(key).is_some(),
        }
    }

    fn clear(&mut self) {
        match &mut self.dialog {
            Dialog::Passphrase { fields } => fields.iter_mut().for_each(Secret::clear),
            Dialog::Erase { pass, word } => {
                pass.clear();
                // The word is asked again with the passphrase: each try is a new decision.
                *word = Editor::line("");
            }
        }
    }
}

#[derive(Debug)]
pub struct Settings {
    focus: usize,
    lang: Lang,
    lock_minutes: u64,
    remind_days: u64,
    /// After how many wrong passphrases in a row the database is erased (0: never).
    erase_after: u32,
    /// When the last backup was made (RFC 3339): `Some("")` never, `None` not known yet.
    last_backup: Option<String>,
    open: Option<Open>,
    /// This database's public keys, once read.
    keys: Option<Box<crate::tui::effect::KeysInfo>>,
}

impl Settings {
    pub fn new(lang: Lang, lock_minutes: u64) -> Settings {
        Settings {
            focus: 0,
            lang,
            lock_minutes,
            remind_days: REMIND_DEFAULT,
            erase_after: 0,
            last_backup: None,
            open: None,
            keys: None,
        }
    }

    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        if self.open.is_some() {
            let mut k = keys::describe(keys::FIELD_NAV);
            k.extend(keys::describe(DIALOG_KEYS));
            k
        } else {
            let mut k = keys::describe(keys::FIELD_NAV);
            k.extend(keys::describe(KEYS));
            k
        }
    }

    /// Closes a dialog, wiping what was typed in it (locking).
    pub fn close_dialog(&mut self) {
        if let Some(open) = &mut self.open {
            open.clear();
        }
        self.open = None;
    }

    /// A wrong passphrase (or a wait before the next try) given in a dialog.
    pub fn failed(&mut self, message: String) {
        if let Some(open) = &mut self.open {
            open.error = Some(message);
            open.focus = 0;
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        if self.open.is_some() {
            return self.dialog_key(key, ctx);
        }
        // The rows move as a form's fields do (Tab/↓, Shift-Tab/↑).
        let action = match keys::lookup(keys::FIELD_NAV, &key) {
            Some(keys::Field::Next) => Some(Action::Down),
            Some(keys::Field::Prev) => Some(Action::Up),
            None => keys::lookup(KEYS, &key),
        };
        let Some(action) = action else {
            return Vec::new();
        };
        let step = |forward: bool| -> isize { if forward { 1 } else { -1 } };
        let row = ROWS[self.focus.min(ROWS.len() - 1)];
        match action {
            Action::Up => self.focus = (self.focus + ROWS.len() - 1) % ROWS.len(),
            Action::Down => self.focus = (self.focus + 1) % ROWS.len(),
            Action::Back => return vec![Cmd::Pop],
            Action::Backup => return vec![Cmd::Run(Effect::Backup)],
            Action::Open => match row {
                Row::Backup => return vec![Cmd::Run(Effect::Backup)],
                Row::Passphrase => {
                    self.open = Some(Open {
                        dialog: Dialog::Passphrase {
                            fields: Default::default(),
                        },
                        focus: 0,
                        error: None,
                    });
                }
                Row::Erase => {
                    self.open = Some(Open {
                        dialog: Dialog::Erase {
                            pass: Secret::default(),
                            word: Editor::line(""),
                        },
                        focus: 0,
                        error: None,
                    });
                }
                Row::Language | Row::Lock | Row::Remind | Row::EraseAfter => {
                    return vec![Cmd::Pop];
                }
            },
            Action::Less | Action::More => {
                let d = step(action == Action::More);
                match row {
                    Row::Language => {
                        let i =
                            Lang::ALL.iter().position(|l| *l == self.lang).unwrap_or(0) as isize;
                        self.lang =
                            Lang::ALL[(i + d).rem_euclid(Lang::ALL.len() as isize) as usize];
                        return vec![Cmd::SetLang(self.lang)];
                    }
                    Row::Lock => {
                        self.lock_minutes = next_choice(&LOCK_CHOICES, self.lock_minutes, d);
                        return vec![Cmd::SetLockMinutes(self.lock_minutes)];
                    }
                    Row::Remind => {
                        self.remind_days = next_choice(&REMIND_CHOICES, self.remind_days, d);
                        return vec![Cmd::Run(Effect::SaveSetting {
                            key: REMIND_SETTING.into(),
                            value: self.remind_days.to_string(),
                        })];
                    }
                    Row::EraseAfter => {
                        let at = guard::CHOICES
                            .iter()
                            .position(|n| *n >= self.erase_after)
                            .unwrap_or(0) as isize;
                        self.erase_after = guard::CHOICES
                            [(at + d).clamp(0, guard::CHOICES.len() as isize - 1) as usize];
                        return vec![Cmd::Run(Effect::SetEraseAfter(self.erase_after))];
                    }
                    Row::Backup | Row::Passphrase | Row::Erase => {}
                }
            }
        }
        Vec::new()
    }

    fn dialog_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        let Some(open) = &mut self.open else {
            return Vec::new();
        };
        if open.type_key(key) {
            open.error = None;
            return Vec::new();
        }
        let fields = open.fields();
        let action = match keys::lookup(keys::FIELD_NAV, &key) {
            Some(keys::Field::Next) => Some(DialogAction::Next),
            Some(keys::Field::Prev) => Some(DialogAction::Prev),
            None => keys::lookup(DIALOG_KEYS, &key),
        };
        match action {
            Some(DialogAction::Next) => open.focus = (open.focus + 1) % fields,
            Some(DialogAction::Prev) => open.focus = (open.focus + fields - 1) % fields,
            Some(DialogAction::Cancel) => {
                open.clear();
                self.open = None;
            }
            Some(DialogAction::Submit) if open.focus + 1 < fields => open.focus += 1,
            Some(DialogAction::Submit) => return self.submit(ctx),
            None => {}
        }
        Vec::new()
    }

    /// The dialog's last field was confirmed: checks what was typed, then asks for the change.
    fn submit(&mut self, ctx: &Ctx<'_>) -> Vec<Cmd> {
        let Some(open) = &mut self.open else {
            return Vec::new();
        };
        let (error, focus, effect) = match &mut open.dialog {
            Dialog::Passphrase { fields } => {
                let [current, new, repeat] = fields;
                if current.value().is_empty() {
                    (Some("settings-pass-need-current"), 0, None)
                } else if new.value().chars().count() < 8 {
                    (Some("first-run-too-short"), 1, None)
                } else if new.value() != repeat.value() {
                    repeat.clear();
                    (Some("first-run-mismatch"), 2, None)
                } else {
                    let effect = Effect::ChangePassphrase {
                        current: current.passphrase(),
                        new: new.passphrase(),
                    };
                    (None, 0, Some(effect))
                }
            }
            Dialog::Erase { pass, word } => {
                if pass.value().is_empty() {
                    (Some("settings-pass-need-current"), 0, None)
                } else if !ctx.texts.is_erase_word(ctx.lang, &word.value()) {
                    (Some("erase-not-the-word"), 1, None)
                } else {
                    (
                        None,
                        0,
                        Some(Effect::Erase {
                            passphrase: pass.passphrase(),
                        }),
                    )
                }
            }
        };
        open.error = error.map(|e| ctx.t(e));
        open.focus = focus;
        match effect {
            Some(effect) => {
                // What was typed now lives only in the effect, which is wiped once performed.
                open.clear();
                vec![Cmd::Run(effect)]
            }
            None => Vec::new(),
        }
    }

    /// The outcome of the effects this screen asked for.
    pub fn on_outcome(&mut self, outcome: Outcome, ctx: &Ctx<'_>) -> Vec<Cmd> {
        match outcome {
            Outcome::KeySettings {
                last_backup,
                remind_days,
                erase_after,
            } => {
                self.last_backup = Some(last_backup.unwrap_or_default());
                self.remind_days = remind_days;
                self.erase_after = erase_after;
                Vec::new()
            }
            Outcome::KeysInfo(k) => {
                self.keys = Some(k);
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
            Outcome::PassphraseChanged => {
                self.open = None;
                vec![Cmd::Status(ctx.t("settings-pass-changed"), false)]
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
        for (i, row) in ROWS.iter().enumerate() {
            let (label, value) = match row {
                Row::Language => (
                    ctx.t("settings-language"),
                    ctx.t(&format!("language-{}", self.lang.code())),
                ),
                Row::Lock => (
                    ctx.t("settings-lock"),
                    ctx.texts.t_args(
                        ctx.lang,
                        "settings-minutes",
                        &[("count", crate::i18n::Arg::Num(self.lock_minutes as i64))],
                    ),
                ),
                Row::Remind => (
                    ctx.t("settings-remind"),
                    ctx.texts.t_args(
                        ctx.lang,
                        "settings-remind-days",
                        &[("count", crate::i18n::Arg::Num(self.remind_days as i64))],
                    ),
                ),
                Row::Backup => (ctx.t("settings-backup"), backup.clone()),
                Row::Passphrase => (ctx.t("settings-pass"), ctx.t("settings-pass-value")),
                Row::EraseAfter => (
                    ctx.t("settings-erase-after"),
                    if self.erase_after == 0 {
                        ctx.t("settings-erase-after-never")
                    } else {
                        ctx.texts.t_args(
                            ctx.lang,
                            "settings-erase-after-count",
                            &[("count", crate::i18n::Arg::Num(i64::from(self.erase_after)))],
                        )
                    },
                ),
                Row::Erase => (ctx.t("settings-erase"), ctx.t("settings-erase-value")),
            };
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
            if i == self.focus && self.open.is_none() {
                frame.set_cursor_position((area.x + 30, y));
            }
        }
        // Erasing after wrong passphrases is explained plainly wherever it is in sight.
        let y = area.y + ROWS.len() as u16 + 2;
        if (self.erase_after > 0 || ROWS.get(self.focus) == Some(&Row::EraseAfter))
            && y < area.bottom()
        {
            let count = if self.erase_after > 0 {
                self.erase_after
            } else {
                guard::CHOICES[1]
            };
            let warning = Paragraph::new(ctx.texts.t_args(
                ctx.lang,
                "settings-erase-after-warning",
                &[("count", crate::i18n::Arg::Num(i64::from(count)))],
            ))
            .style(theme::error())
            .wrap(Wrap { trim: true });
            let x = area.x + 1;
            let width = area.width.saturating_sub(2);
            frame.render_widget(
                warning,
                Rect {
                    x,
                    y,
                    width,
                    height: area.bottom() - y,
                },
            );
        }
        // This database's keys below, after the warning when it is shown.
        let warned = self.erase_after > 0 || ROWS.get(self.focus) == Some(&Row::EraseAfter);
        if let Some(k) = &self.keys {
            render_keys(frame, area, k, ctx, y + if warned { 4 } else { 0 });
        }
        if let Some(open) = &self.open {
            render_dialog(frame, area, ctx, open);
        }
    }
}

/// The choice `d` steps from `now` (the nearest choice when `now` is not one of them).
fn next_choice(choices: &[u64], now: u64, d: isize) -> u64 {
    let i = choices
        .iter()
        .position(|m| *m >= now)
        .unwrap_or(choices.len() / 2) as isize;
    choices[(i + d).clamp(0, choices.len() as isize - 1) as usize]
}

fn render_dialog(frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>, open: &Open) {
    let (title, intro, labels): (String, String, Vec<String>) = match &open.dialog {
        Dialog::Passphrase { .. } => (
            ctx.t("settings-pass-title"),
            ctx.t("settings-pass-intro"),
            vec![
                ctx.t("settings-pass-current"),
                ctx.t("settings-pass-new"),
                ctx.t("first-run-repeat"),
            ],
        ),
        Dialog::Erase { .. } => (
            ctx.t("settings-erase"),
            ctx.t("erase-warning"),
            vec![ctx.t("unlock-prompt"), ctx.t("erase-type-word")],
        ),
    };
    let width = area.width.saturating_sub(4).min(76);
    let intro = Paragraph::new(intro).wrap(Wrap { trim: true });
    let intro_rows = chrome::rows(&intro, width.saturating_sub(2));
    let widest = labels
        .iter()
        .map(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) as u16)
        .max()
        .unwrap_or(0);
    // A label too wide to share its row with the field gets a row of its own.
    let stacked = widest > width.saturating_sub(2) / 2;
    let per_field: u16 = if stacked { 2 } else { 1 };
    // Intro, a blank row, the fields, the strength or a blank row, the error (two rows).
    let height = (intro_rows + labels.len() as u16 * per_field + 6).min(area.height);
    let boxed = Rect {
        x: area.x + (area.width.saturating_sub(width)) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width,
        height,
    };
    // The rows the dialog covers are cleared from edge to edge: the settings and the keys and
    // output-log sections below them would otherwise show the first letters of their lines
    // beside the border, as if they were part of it.
    frame.render_widget(
        Clear,
        Rect {
            x: area.x,
            width: area.width,
            ..boxed
        },
    );
    let block = Block::bordered().title(title).style(theme::popup());
    let inner = block.inner(boxed);
    frame.render_widget(block, boxed);
    if inner.height == 0 {
        return;
    }
    let style = match open.dialog {
        Dialog::Erase { .. } => theme::error(),
        Dialog::Passphrase { .. } => theme::dim(),
    };
    frame.render_widget(
        intro.style(style),
        Rect {
            height: intro_rows.min(inner.height),
            ..inner
        },
    );
    let label_w = if stacked { inner.width } else { widest };
    let mut y = inner.y + intro_rows + 1;
    for (i, label) in labels.iter().enumerate() {
        if y + per_field > inner.bottom() {
            return;
        }
        let style = if i == open.focus {
            theme::focused()
        } else {
            theme::label()
        };
        frame.render_widget(
            Paragraph::new(Line::styled(label.clone(), style)),
            Rect {
                y,
                height: 1,
                width: label_w,
                ..inner
            },
        );
        let field = if stacked {
            y += 1;
            Rect {
                x: inner.x + 2,
                y,
                width: inner.width.saturating_sub(2),
                height: 1,
            }
        } else {
            Rect {
                x: inner.x + label_w + 1,
                y,
                width: inner.width.saturating_sub(label_w + 1),
                height: 1,
            }
        };
        let focused = i == open.focus;
        match (&open.dialog, i) {
            (Dialog::Passphrase { fields }, i) => fields[i.min(2)].render(frame, field, focused),
            (Dialog::Erase { pass, .. }, 0) => pass.render(frame, field, focused),
            (Dialog::Erase { word, .. }, _) => word.render_if(frame, field, focused),
        }
        y += 1;
    }
    if let (Dialog::Passphrase { fields }, true) = (&open.dialog, y < inner.bottom()) {
        let hint = format!(
            "{} {}",
            ctx.t("first-run-strength"),
            ctx.t(strength(fields[1].value()))
        );
        frame.render_widget(
            Paragraph::new(hint).style(theme::dim()),
            Rect {
                y,
                height: 1,
                ..inner
            },
        );
    }
    y += 1;
    if let (Some(e), true) = (&open.error, y < inner.bottom()) {
        frame.render_widget(
            Paragraph::new(e.as_str())
                .style(theme::error())
                .wrap(Wrap { trim: true }),
            Rect {
                y,
                height: (inner.bottom() - y).min(2),
                ..inner
            },
        );
    }
}

/// This database's public keys, as `courtwatch keys show` prints them, below the rows.
fn render_keys(
    frame: &mut Frame<'_>,
    area: Rect,
    k: &crate::tui::effect::KeysInfo,
    ctx: &Ctx<'_>,
    top: u16,
) {
    use crate::i18n::Arg;
    let mut lines = vec![Line::styled(
        format!(" {}", ctx.t("settings-keys")),
        theme::section(),
    )];
    lines.push(Line::raw(format!(
        "  {}",
        match &k.signing {
            Some(f) => ctx.texts.t_args(
                ctx.lang,
                "settings-signing-key",
                &[("fingerprint", Arg::Str(f))]
            ),
            None => ctx.t("settings-signing-key-none"),
        }
    )));
    match &k.recipient {
        Some((r, f)) => {
            lines.push(Line::raw(format!(
                "  {}",
                ctx.texts.t_args(
                    ctx.lang,
                    "settings-recipient",
                    &[("fingerprint", Arg::Str(f))]
                )
            )));
            lines.push(Line::styled(format!("    {r}"), theme::value()));
        }
        None => lines.push(Line::raw(format!("  {}", ctx.t("settings-recipient-none")))),
    }
    lines.push(Line::raw(format!(
        "  {}",
        ctx.texts.t_args(
            ctx.lang,
            "settings-roster",
            &[
                (
                    "leads",
                    Arg::Num(i64::try_from(k.recipients).unwrap_or(i64::MAX))
                ),
                (
                    "monitors",
                    Arg::Num(i64::try_from(k.signers).unwrap_or(i64::MAX))
                ),
            ],
        )
    )));
    if k.recipients == 0 {
        lines.push(Line::styled(
            format!("  {}", ctx.t("settings-no-lead")),
            theme::dim(),
        ));
    }
    // The output log: what left the database, newest first.
    lines.push(Line::styled(
        format!(
            " {}",
            ctx.texts.t_args(
                ctx.lang,
                "settings-outputs",
                &[(
                    "count",
                    Arg::Num(i64::try_from(k.outputs_total).unwrap_or(i64::MAX))
                )],
            )
        ),
        theme::section(),
    ));
    for e in &k.outputs {
        use crate::store::OutputKind;
        let kind = ctx.t(match e.kind {
            OutputKind::Batch => "output-batch",
            OutputKind::Printout => "output-printout",
            OutputKind::Report => "output-report",
        });
        let mut form = ctx.t(if e.sealed {
            "output-sealed"
        } else {
            "output-plain"
        });
        if e.redacted {
            form = format!("{form}, {}", ctx.t("output-redacted"));
        }
        let name = std::path::Path::new(&e.path)
            .file_name()
            .map_or_else(|| e.path.clone(), |n| n.to_string_lossy().into_owned());
        let style = if e.sealed {
            theme::value()
        } else {
            theme::error()
        };
        lines.push(Line::styled(
            format!(
                "  {}  {kind} · {form} · {name}",
                e.at.get(..16).unwrap_or(&e.at)
            ),
            style,
        ));
    }
    if top < area.bottom() {
        frame.render_widget(
            Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
            Rect {
                y: top,
                height: area.bottom() - top,
                ..area
            },
        );
    }
}
