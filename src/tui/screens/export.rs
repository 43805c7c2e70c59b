//! The export screen (`e` from the hearing list): which hearings (changed since the last batch,
//! all, or between two dates), the profile, redaction and the folder the batch is written in.
//! Enter writes the batch — the status line follows it file by file — and the screen then
//! shows the batch's folder and every file with its rows. Nothing to export is said plainly.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{Cmd, Ctx};
use crate::exchange::Profile;
use crate::exchange::manifest::ScopeKind;
use crate::i18n::Arg;
use crate::store::BatchOut;
use crate::tui::effect::{Effect, ExportDone, ExportRequest, Outcome};
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;
use crate::tui::widgets::form::truncate;
use crate::tui::widgets::text::Editor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Next,
    Prev,
    Less,
    More,
    Export,
    Back,
}

const KEYS: &[Binding<Action>] = &[
    Binding::new(
        &[Key::plain(KeyCode::Right), Key::ch(' ')],
        Action::More,
        "key-change",
    ),
    Binding::help_only(
        &[Key::plain(KeyCode::Left)],
        Action::Less,
        "key-previous-value",
    ),
    Binding::new(
        &[Key::plain(KeyCode::Enter)],
        Action::Export,
        "key-export-run",
    ),
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Back, "key-back"),
];

/// Once the batch is written.
const DONE_KEYS: &[Binding<Action>] = &[Binding::new(
    &[Key::plain(KeyCode::Esc), Key::plain(KeyCode::Enter)],
    Action::Back,
    "key-back",
)];

/// A key's action: the shared field moves first, then the table's own keys.
fn action(table: &[Binding<Action>], key: &KeyEvent) -> Option<Action> {
    match keys::lookup(keys::FIELD_NAV, key) {
        Some(keys::Field::Next) => Some(Action::Next),
        Some(keys::Field::Prev) => Some(Action::Prev),
        None => keys::lookup(table, key),
    }
}

/// Which hearings the batch takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Scope {
    #[default]
    SinceLast,
    All,
    Dates,
}

const SCOPES: [Scope; 3] = [Scope::SinceLast, Scope::All, Scope::Dates];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Scope,
    From,
    To,
    Profile,
    Redact,
    Folder,
    Form,
}

impl Row {
    fn label(self) -> &'static str {
        match self {
            Row::Scope => "export-scope",
            Row::From => "filter-from",
            Row::To => "filter-to",
            Row::Profile => "export-profile",
            Row::Redact => "export-redact",
            Row::Folder => "export-folder",
            Row::Form => "export-form",
        }
    }
}

#[derive(Debug)]
pub struct ExportScreen {
    focus: Row,
    scope: Scope,
    from: Editor,
    to: Editor,
    profile: Profile,
    redact: bool,
    folder: Editor,
    /// A folder of plain files instead of one sealed file.
    plaintext: bool,
    /// How many leads' recipients the roster holds.
    recipients: usize,
    /// The last batch this database wrote.
    last: Option<Box<BatchOut>>,
    /// The batch written.
    done: Option<Box<ExportDone>>,
}

impl Default for ExportScreen {
    fn default() -> Self {
        ExportScreen {
            focus: Row::Scope,
            scope: Scope::SinceLast,
            from: Editor::line(""),
            to: Editor::line(""),
            profile: Profile::Analysis,
            redact: false,
            folder: Editor::line(""),
            plaintext: false,
            recipients: 0,
            last: None,
            done: None,
        }
    }
}

/// `Some(error key)` when a date is typed but is not a date.
fn date(text: &str) -> Result<Option<NaiveDate>, &'static str> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| "export-bad-date")
}

impl ExportScreen {
    fn rows(&self) -> Vec<Row> {
        let mut rows = vec![Row::Scope];
        if self.scope == Scope::Dates {
            rows.extend([Row::From, Row::To]);
        }
        rows.extend([Row::Profile, Row::Redact, Row::Folder, Row::Form]);
        rows
    }

    fn table(&self) -> &'static [Binding<Action>] {
        if self.done.is_some() { DONE_KEYS } else { KEYS }
    }

    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        if self.done.is_some() {
            return keys::describe(DONE_KEYS);
        }
        let mut k = keys::describe(keys::FIELD_NAV);
        k.extend(keys::describe(KEYS));
        k
    }

    fn editor(&mut self) -> Option<&mut Editor> {
        match self.focus {
            Row::From => Some(&mut self.from),
            Row::To => Some(&mut self.to),
            Row::Folder => Some(&mut self.folder),
            _ => None,
        }
    }

    fn step(&mut self, forward: bool) {
        let rows = self.rows();
        let i = rows.iter().position(|r| *r == self.focus).unwrap_or(0);
        let n = rows.len();
        self.focus = rows[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    }

    fn change(&mut self, forward: bool) {
        match self.focus {
            Row::Scope => {
                let i = SCOPES.iter().position(|s| *s == self.scope).unwrap_or(0);
                let n = SCOPES.len();
                self.scope = SCOPES[if forward {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                }];
            }
            Row::Profile => {
                self.profile = match self.profile {
                    Profile::Analysis => Profile::Excel,
                    Profile::Excel => Profile::Analysis,
                }
            }
            Row::Redact => self.redact = !self.redact,
            Row::Form => self.plaintext = !self.plaintext,
            Row::From | Row::To | Row::Folder => {}
        }
    }

    /// The request, or the message key of what is wrong with the form.
    fn request(&self) -> Result<ExportRequest, &'static str> {
        let folder = self.folder.value().trim().to_owned();
        if folder.is_empty() {
            return Err("export-need-folder");
        }
        let (scope, from, to) = match self.scope {
            Scope::SinceLast => (ScopeKind::SinceLast, None, None),
            Scope::All => (ScopeKind::All, None, None),
            Scope::Dates => {
                let (from, to) = (date(&self.from.value())?, date(&self.to.value())?);
                if from.is_none() && to.is_none() {
                    return Err("export-need-dates");
                }
                if let (Some(f), Some(t)) = (from, to)
                    && f > t
                {
                    return Err("export-dates-order");
                }
                let text = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
                (ScopeKind::All, text(from), text(to))
            }
        };
        Ok(ExportRequest {
            folder,
            scope,
            from,
            to,
            profile: self.profile,
            redact: self.redact,
            plaintext: self.plaintext,
        })
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        if self.done.is_none()
            && let Some(editor) = self.editor()
            && editor.handle(key).is_some()
        {
            return Vec::new();
        }
        let table = self.table();
        let action = if self.done.is_some() {
            keys::lookup(table, &key)
        } else {
            action(table, &key)
        };
        match action {
            Some(Action::Next) => self.step(true),
            Some(Action::Prev) => self.step(false),
            Some(Action::More) => self.change(true),
            Some(Action::Less) => self.change(false),
            Some(Action::Export) => {
                return match self.request() {
                    Ok(req) => vec![Cmd::Run(Effect::Export(req))],
                    Err(msg) => vec![Cmd::Status(ctx.t(msg), true)],
                };
            }
            Some(Action::Back) => return vec![Cmd::Pop],
            None => {}
        }
        Vec::new()
    }

    pub fn on_outcome(&mut self, outcome: Outcome, ctx: &Ctx<'_>) -> Vec<Cmd> {
        match outcome {
            Outcome::ExportInfo {
                folder,
                last,
                recipients,
            } => {
                if self.folder.value().is_empty() {
                    self.folder = Editor::line(&folder);
                }
                self.last = last;
                self.recipients = recipients;
                Vec::new()
            }
            Outcome::NothingToExport { since_last } => {
                let key = if since_last {
                    "export-nothing-since-last"
                } else {
                    "export-nothing"
                };
                vec![Cmd::Status(ctx.t(key), false)]
            }
            Outcome::Exported(done) => {
                let text = ctx.texts.t_args(
                    ctx.lang,
                    "export-done-status",
                    &[("path", Arg::Str(&done.path))],
                );
                self.done = Some(done);
                vec![Cmd::Status(text, false)]
            }
            _ => Vec::new(),
        }
    }

    fn value(&self, row: Row, ctx: &Ctx<'_>) -> String {
        match row {
            Row::Scope => ctx.t(match self.scope {
                Scope::SinceLast => "export-scope-since-last",
                Scope::All => "export-scope-all",
                Scope::Dates => "export-scope-dates",
            }),
            Row::Profile => ctx.t(match self.profile {
                Profile::Analysis => "export-profile-analysis",
                Profile::Excel => "export-profile-excel",
            }),
            Row::Redact => ctx.t(if self.redact {
                "export-redact-yes"
            } else {
                "export-redact-no"
            }),
            Row::Form => {
                if self.plaintext {
                    ctx.t("export-form-plain")
                } else if self.recipients > 0 {
                    ctx.texts.t_args(
                        ctx.lang,
                        "export-form-sealed",
                        &[(
                            "count",
                            Arg::Num(i64::try_from(self.recipients).unwrap_or(i64::MAX)),
                        )],
                    )
                } else {
                    ctx.t("export-form-sealed-passphrase")
                }
            }
            Row::From => self.from.value(),
            Row::To => self.to.value(),
            Row::Folder => self.folder.value(),
        }
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        if let Some(done) = &self.done {
            self.render_done(frame, area, done, ctx);
            return;
        }
        let rows = self.rows();
        let label_w = rows
            .iter()
            .map(|r| ctx.t(r.label()).width())
            .max()
            .unwrap_or(10)
            .min(area.width as usize / 3) as u16
            + 2;
        let mut y = area.y + 1;
        for row in &rows {
            if y >= area.bottom() {
                return;
            }
            let focused = *row == self.focus;
            let style = if focused {
                theme::focused()
            } else {
                theme::label()
            };
            let label = truncate(&ctx.t(row.label()), label_w as usize - 2);
            frame.render_widget(
                Paragraph::new(Line::styled(format!(" {label}"), style)),
                Rect::new(area.x, y, label_w, 1),
            );
            let varea = Rect::new(
                area.x + label_w + 1,
                y,
                area.width.saturating_sub(label_w + 1),
                1,
            );
            let editor = match row {
                Row::From => Some(&self.from),
                Row::To => Some(&self.to),
                Row::Folder => Some(&self.folder),
                _ => None,
            };
            match editor {
                Some(e) if focused => e.render(frame, varea, theme::value()),
                Some(e) => {
                    let v = e.value();
                    let text = if v.is_empty() {
                        Span::styled("·", theme::dim())
                    } else {
                        Span::styled(truncate(&v, varea.width as usize), theme::value())
                    };
                    frame.render_widget(Paragraph::new(Line::from(text)), varea);
                }
                None => {
                    let v = format!("‹ {} ›", self.value(*row, ctx));
                    frame.render_widget(
                        Paragraph::new(Span::styled(
                            truncate(&v, varea.width as usize),
                            theme::value(),
                        )),
                        varea,
                    );
                    if focused {
                        frame.set_cursor_position((varea.x, y));
                    }
                }
            }
            y += 1;
        }
        let last = match &self.last {
            Some(b) => ctx.texts.t_args(
                ctx.lang,
                "export-last",
                &[
                    ("seq", Arg::Num(i64::from(b.seq))),
                    ("at", Arg::Str(&b.created_at)),
                    (
                        "count",
                        Arg::Num(i64::try_from(b.hearings).unwrap_or(i64::MAX)),
                    ),
                ],
            ),
            None => ctx.t("export-last-none"),
        };
        let mut lines = vec![Line::raw("")];
        if self.plaintext {
            lines.push(Line::styled(ctx.t("export-plain-warning"), theme::error()));
        }
        lines.extend([
            Line::styled(last, theme::dim()),
            Line::styled(ctx.t("export-note"), theme::dim()),
        ]);
        let notes = Rect {
            y: y.min(area.bottom()),
            height: area.bottom().saturating_sub(y),
            ..area
        };
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), notes);
    }

    fn render_done(&self, frame: &mut Frame<'_>, area: Rect, done: &ExportDone, ctx: &Ctx<'_>) {
        let summary = ctx.texts.t_args(
            ctx.lang,
            "export-done",
            &[
                (
                    "count",
                    Arg::Num(i64::try_from(done.hearings).unwrap_or(i64::MAX)),
                ),
                ("seq", Arg::Num(i64::from(done.seq))),
                ("monitor", Arg::Str(&done.monitor)),
                ("profile", Arg::Str(done.profile.code())),
            ],
        );
        let mut lines = vec![
            Line::raw(""),
            Line::styled(format!(" {summary}"), theme::ok()),
        ];
        if done.redacted {
            lines.push(Line::raw(format!(" {}", ctx.t("export-done-redacted"))));
        }
        lines.push(Line::styled(
            format!(" {}", ctx.t("export-folder")),
            theme::section(),
        ));
        lines.push(Line::styled(format!("   {}", done.path), theme::value()));
        lines.push(Line::styled(
            format!(" {}", ctx.t("export-files")),
            theme::section(),
        ));
        let name_w = done
            .files
            .iter()
            .map(|(f, _)| f.width())
            .max()
            .unwrap_or(10)
            + 2;
        for (file, rows) in &done.files {
            let n = ctx.texts.t_args(
                ctx.lang,
                "export-rows",
                &[("count", Arg::Num(i64::try_from(*rows).unwrap_or(i64::MAX)))],
            );
            lines.push(Line::raw(format!("   {file:<name_w$}{n}")));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
        frame.set_cursor_position((area.x, area.y + 1));
    }
}
