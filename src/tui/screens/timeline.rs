//! The courtroom timeline: events stamped with Ctrl-T (the time is taken at the key press and
//! saved at once, as an unnamed stamp), then named by choosing in the event list (the shared
//! picker), with an optional note; Esc leaves the stamp unnamed, and the timeline shows it so.
//! Events can be corrected later: time, event and note.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table, TableState};
use uuid::Uuid;

use super::Ctx;
use crate::domain::HearingRecord;
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;
use crate::tui::widgets::form::choices;
use crate::tui::widgets::picker::{Choice, Picker, centered};
use crate::tui::widgets::text::Editor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Edit,
    Delete,
}

/// The timeline's keys; it moves with the shared navigation table.
const KEYS: &[Binding<Action>] = &[
    Binding::new(
        &[Key::plain(KeyCode::Enter)],
        Action::Edit,
        "key-edit-event",
    ),
    Binding::new(
        &[Key::plain(KeyCode::Delete)],
        Action::Delete,
        "key-delete-event",
    ),
];

/// Events a page key moves.
const PAGE: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimelineKey {
    /// The selection moved (or the key was the timeline's with nothing to do).
    Used,
    Edit(Uuid),
    Delete(Uuid),
}

#[derive(Debug, Default, Clone)]
pub(crate) struct Timeline {
    selected: usize,
}

impl Timeline {
    pub(crate) fn refresh(&mut self, record: &HearingRecord) {
        self.selected = self.selected.min(record.timeline.len().saturating_sub(1));
    }

    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        let mut k = keys::describe(KEYS);
        k.extend(keys::describe(keys::NAV));
        k
    }

    /// What a key does to the timeline; `None` when it is not the timeline's.
    pub fn handle_key(&mut self, key: KeyEvent, record: &HearingRecord) -> Option<TimelineKey> {
        if let Some(nav) = keys::lookup(keys::NAV, &key) {
            self.selected = nav.apply(self.selected, record.timeline.len(), PAGE);
            return Some(TimelineKey::Used);
        }
        let id = record.timeline.get(self.selected).map(|e| e.uuid);
        let found = match keys::lookup(KEYS, &key)? {
            Action::Edit => id.map(TimelineKey::Edit),
            Action::Delete => id.map(TimelineKey::Delete),
        };
        Some(found.unwrap_or(TimelineKey::Used))
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>, record: &HearingRecord) {
        if record.timeline.is_empty() {
            frame.render_widget(
                Paragraph::new(ctx.t("timeline-empty")).style(theme::dim()),
                area,
            );
            return;
        }
        let rows: Vec<Row<'_>> = record
            .timeline
            .iter()
            .map(|e| {
                let time = e.at.get(11..19).unwrap_or(&e.at).to_owned();
                let label = ctx
                    .spec
                    .code_label("timeline_event", &e.code, ctx.lang)
                    .to_owned();
                let label = if e.code == UNNAMED {
                    Cell::from(Span::styled(label, theme::error()))
                } else {
                    Cell::from(label)
                };
                Row::new([Cell::from(time), label, Cell::from(e.note.clone())])
            })
            .collect();
        let header = Row::new([
            ctx.t("timeline-time"),
            ctx.t("timeline-event"),
            ctx.t("timeline-note"),
        ])
        .style(theme::section());
        let table = Table::new(
            rows,
            [
                Constraint::Length(8),
                Constraint::Percentage(40),
                Constraint::Fill(1),
            ],
        )
        .header(header)
        .row_highlight_style(theme::selected());
        let mut state = TableState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(table, area, &mut state);
        let y = area.y + 1 + (self.selected.saturating_sub(state.offset())) as u16;
        if y < area.bottom() {
            frame.set_cursor_position((area.x, y));
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Event,
    Note,
    Time,
}

/// The code of a stamp nobody has named yet: the time is kept, the event is not guessed.
pub(crate) const UNNAMED: &str = "unnamed";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DialogAction {
    Next,
    Prev,
    Save,
    Close,
}

/// The dialog's own keys; the other keys go to the part it is on (the event's choice list,
/// the note, the time).
const DIALOG_KEYS: &[Binding<DialogAction>] = &[
    Binding::new(
        &[Key::plain(KeyCode::Tab)],
        DialogAction::Next,
        "key-next-field",
    ),
    Binding::help_only(
        &[Key::plain(KeyCode::BackTab)],
        DialogAction::Prev,
        "key-prev-field",
    ),
    Binding::new(
        &[Key::plain(KeyCode::Enter)],
        DialogAction::Save,
        "key-save",
    ),
    Binding::new(
        &[Key::plain(KeyCode::Esc)],
        DialogAction::Close,
        "key-close-unchanged",
    ),
];

/// Naming (or correcting) one event: type to find the event in the choice list, Tab to the
/// note and the time, Enter to save, Esc to leave it as it is (a new stamp stays unnamed).
#[derive(Debug, Clone)]
pub(crate) struct EventDialog {
    id: Uuid,
    at: String,
    code: String,
    picker: Picker,
    note: Editor,
    time: Editor,
    part: Part,
}

/// What a key did to the dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DialogKey {
    Open,
    Closed,
    Save {
        id: Uuid,
        at: String,
        code: String,
        note: String,
    },
}

impl EventDialog {
    /// Correcting an event: its event is highlighted.
    pub fn new(id: Uuid, at: &str, code: &str, note: &str, ctx: &Ctx<'_>) -> EventDialog {
        let picker = Picker::new(ctx.t("timeline-event"), event_choices(ctx), false, code);
        EventDialog::with(id, at, code, note, picker)
    }

    /// Naming a stamp just taken: nothing is highlighted until the monitor moves or types,
    /// so Enter or Esc alone leave it unnamed.
    pub fn stamped(id: Uuid, at: &str, ctx: &Ctx<'_>) -> EventDialog {
        let picker = Picker::unchosen(ctx.t("timeline-event"), event_choices(ctx));
        EventDialog::with(id, at, UNNAMED, "", picker)
    }

    fn with(id: Uuid, at: &str, code: &str, note: &str, picker: Picker) -> EventDialog {
        EventDialog {
            id,
            at: at.to_owned(),
            code: code.to_owned(),
            picker,
            note: Editor::line(note),
            time: Editor::line(at.get(11..16).unwrap_or("")),
            part: Part::Event,
        }
    }

    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        let mut k = keys::describe(DIALOG_KEYS);
        if self.part == Part::Event {
            k.extend(keys::describe(keys::NAV));
        }
        k
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> DialogKey {
        match keys::lookup(DIALOG_KEYS, &key) {
            Some(DialogAction::Close) => return DialogKey::Closed,
            Some(DialogAction::Next) => {
                self.part = match self.part {
                    Part::Event => Part::Note,
                    Part::Note => Part::Time,
                    Part::Time => Part::Event,
                };
                return DialogKey::Open;
            }
            Some(DialogAction::Prev) => {
                self.part = match self.part {
                    Part::Event => Part::Time,
                    Part::Note => Part::Event,
                    Part::Time => Part::Note,
                };
                return DialogKey::Open;
            }
            Some(DialogAction::Save) => {
                let code = self
                    .picker
                    .highlighted()
                    .map_or(self.code.clone(), |c| c.code.clone());
                return DialogKey::Save {
                    id: self.id,
                    at: self.new_at(),
                    code,
                    note: self.note.value().trim().to_owned(),
                };
            }
            None => {}
        }
        match self.part {
            Part::Event => {
                self.picker.handle(key);
            }
            Part::Note => {
                self.note.handle(key);
            }
            Part::Time => {
                self.time.handle(key);
            }
        }
        DialogKey::Open
    }

    /// The stamped instant with the corrected time of day, when the correction is a valid
    /// `HH:MM` (the seconds are then zero: a time typed in minutes has none); the date and
    /// offset of the stamp are kept.
    fn new_at(&self) -> String {
        let t = self.time.value();
        match (
            chrono::NaiveTime::parse_from_str(t.trim(), "%H:%M"),
            self.at.get(..11),
            self.at.get(19..),
        ) {
            (Ok(_), Some(date), Some(offset)) if self.at.get(11..16) != Some(t.trim()) => {
                format!("{date}{}:00{offset}", t.trim())
            }
            _ => self.at.clone(),
        }
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let popup = centered(area, 80, 85);
        frame.render_widget(Clear, popup);
        let title = format!(
            "{} {}",
            ctx.t("timeline-dialog"),
            self.at.get(11..19).unwrap_or("")
        );
        let block = Block::bordered().title(title).style(theme::popup());
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let [q, list, note, time] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(2),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        let label = |frame: &mut Frame<'_>, r: Rect, key: &str, active: bool| -> Rect {
            let text = format!("{}: ", ctx.t(key));
            let w = unicode_width::UnicodeWidthStr::width(text.as_str()) as u16;
            let style = if active {
                theme::focused()
            } else {
                theme::key()
            };
            frame.render_widget(Paragraph::new(Line::from(Span::styled(text, style))), r);
            Rect {
                x: r.x + w,
                width: r.width.saturating_sub(w),
                ..r
            }
        };
        let qa = label(frame, q, "timeline-event", self.part == Part::Event);
        let na = label(frame, note, "timeline-note", self.part == Part::Note);
        let ta = label(frame, time, "timeline-time", self.part == Part::Time);
        if self.part == Part::Event && self.picker.query().is_empty() && self.code == UNNAMED {
            frame.render_widget(
                Paragraph::new(Span::styled(ctx.t("timeline-unnamed-hint"), theme::dim())),
                qa,
            );
        }
        self.picker
            .render_parts(frame, qa, list, self.part == Part::Event);
        self.note.render_if(frame, na, self.part == Part::Note);
        self.time.render_if(frame, ta, self.part == Part::Time);
    }
}

/// The events a stamp can be named as (not "unnamed" itself).
fn event_choices(ctx: &Ctx<'_>) -> Vec<Choice> {
    choices(ctx.spec, "timeline_event", ctx.lang)
        .into_iter()
        .filter(|c| c.code != UNNAMED)
        .collect()
}
