//! The courtroom timeline: events stamped with Ctrl-T (the time is taken at the key press and
//! saved at once), then named by typing to filter the event list, with an optional note.
//! Events can be corrected later: time, event and note.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Cell, Clear, List, ListItem, ListState, Paragraph, Row, Table, TableState,
};
use uuid::Uuid;

use super::Ctx;
use crate::domain::HearingRecord;
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;
use crate::tui::widgets::form::choices;
use crate::tui::widgets::picker::{Choice, centered};
use crate::tui::widgets::text::Editor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Up,
    Down,
    Edit,
    Delete,
}

const KEYS: &[Binding<Action>] = &[
    Binding::help_only(&[Key::plain(KeyCode::Up)], Action::Up, "key-up"),
    Binding::help_only(&[Key::plain(KeyCode::Down)], Action::Down, "key-down"),
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineKey {
    Edit(Uuid),
    Delete(Uuid),
}

#[derive(Debug, Default)]
pub struct Timeline {
    selected: usize,
}

impl Timeline {
    pub fn refresh(&mut self, record: &HearingRecord) {
        self.selected = self.selected.min(record.timeline.len().saturating_sub(1));
    }

    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        keys::describe(KEYS)
    }

    pub fn handle_key(&mut self, key: KeyEvent, record: &HearingRecord) -> Option<TimelineKey> {
        let id = record.timeline.get(self.selected).map(|e| e.uuid);
        match keys::lookup(KEYS, &key)? {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => {
                self.selected = (self.selected + 1).min(record.timeline.len().saturating_sub(1))
            }
            Action::Edit => return id.map(TimelineKey::Edit),
            Action::Delete => return id.map(TimelineKey::Delete),
        }
        None
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
                Row::new([
                    Cell::from(time),
                    Cell::from(label),
                    Cell::from(e.note.clone()),
                ])
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

/// Naming (or correcting) one event: type to find the event, Tab to the note and the time,
/// Enter to save, Esc to leave it as it is.
#[derive(Debug)]
pub struct EventDialog {
    id: Uuid,
    at: String,
    code: String,
    query: Editor,
    cursor: usize,
    note: Editor,
    time: Editor,
    part: Part,
    choices: Vec<Choice>,
}

const DIALOG_KEYS: &[(&str, &str)] = &[
    ("Tab", "key-next-field"),
    ("Enter", "key-save"),
    ("Esc", "key-close"),
];

impl EventDialog {
    pub fn new(id: Uuid, at: &str, code: &str, note: &str, ctx: &Ctx<'_>) -> EventDialog {
        let choices = choices(ctx.spec, "timeline_event", ctx.lang);
        let cursor = choices.iter().position(|c| c.code == code).unwrap_or(0);
        EventDialog {
            id,
            at: at.to_owned(),
            code: code.to_owned(),
            query: Editor::line(""),
            cursor,
            note: Editor::line(note),
            time: Editor::line(at.get(11..16).unwrap_or("")),
            part: Part::Event,
            choices,
        }
    }

    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        DIALOG_KEYS
            .iter()
            .map(|(k, l)| ((*k).to_owned(), *l, true))
            .collect()
    }

    fn visible(&self) -> Vec<&Choice> {
        let q = self.query.value().to_lowercase();
        self.choices
            .iter()
            .filter(|c| q.is_empty() || c.label.to_lowercase().contains(&q) || c.code.contains(&q))
            .collect()
    }

    /// `None` while open; `Some(None)` closed without saving; `Some(Some(..))` save
    /// `(id, at, code, note)`.
    #[allow(clippy::type_complexity)]
    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        _ctx: &Ctx<'_>,
    ) -> Option<Option<(Uuid, String, String, String)>> {
        match key.code {
            KeyCode::Esc => return Some(None),
            KeyCode::Tab => {
                self.part = match self.part {
                    Part::Event => Part::Note,
                    Part::Note => Part::Time,
                    Part::Time => Part::Event,
                };
                return None;
            }
            KeyCode::BackTab => {
                self.part = match self.part {
                    Part::Event => Part::Time,
                    Part::Note => Part::Event,
                    Part::Time => Part::Note,
                };
                return None;
            }
            KeyCode::Enter => {
                let code = self
                    .visible()
                    .get(self.cursor)
                    .map_or(self.code.clone(), |c| c.code.clone());
                return Some(Some((
                    self.id,
                    self.new_at(),
                    code,
                    self.note.value().trim().to_owned(),
                )));
            }
            KeyCode::Up if self.part == Part::Event => {
                self.cursor = self.cursor.saturating_sub(1);
                return None;
            }
            KeyCode::Down if self.part == Part::Event => {
                self.cursor = (self.cursor + 1).min(self.visible().len().saturating_sub(1));
                return None;
            }
            _ => {}
        }
        let editor = match self.part {
            Part::Event => &mut self.query,
            Part::Note => &mut self.note,
            Part::Time => &mut self.time,
        };
        if editor.handle(key) == Some(true) && self.part == Part::Event {
            self.cursor = 0;
        }
        None
    }

    /// The stamped instant with the corrected time of day, when the correction is a valid
    /// `HH:MM`; the seconds and offset of the stamp are kept.
    fn new_at(&self) -> String {
        let t = self.time.value();
        match (
            chrono::NaiveTime::parse_from_str(t.trim(), "%H:%M"),
            self.at.get(..11),
            self.at.get(16..),
        ) {
            (Ok(_), Some(date), Some(rest)) if self.at.get(11..16) != Some(t.trim()) => {
                format!("{date}{}{rest}", t.trim())
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
        let items: Vec<ListItem<'_>> = self
            .visible()
            .iter()
            .map(|c| ListItem::new(c.label.clone()))
            .collect();
        let mut state = ListState::default().with_selected(Some(self.cursor));
        frame.render_stateful_widget(
            List::new(items).highlight_style(theme::selected()),
            list,
            &mut state,
        );
        self.query.render_if(frame, qa, self.part == Part::Event);
        self.note.render_if(frame, na, self.part == Part::Note);
        self.time.render_if(frame, ta, self.part == Part::Time);
    }
}
