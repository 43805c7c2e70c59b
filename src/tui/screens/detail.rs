//! The hearing detail view: everything in a hearing as read-only text — case, hearing,
//! people with their charges, checklist with comments, allegations with follow-ups, timeline
//! and audit history — scrolled with the arrow keys and printable to a text file.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};
use uuid::Uuid;

use super::{Cmd, Ctx};
use crate::domain::HearingRecord;
use crate::tui::effect::Effect;
use crate::tui::keys::{self, Binding, Key};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Print,
    Trial,
    Edit,
    Back,
}

const KEYS: &[Binding<Action>] = &[
    Binding::help_only(
        &[Key::plain(KeyCode::Up), Key::ch('k')],
        Action::Up,
        "key-up",
    ),
    Binding::help_only(
        &[Key::plain(KeyCode::Down), Key::ch('j')],
        Action::Down,
        "key-down",
    ),
    Binding::new(
        &[Key::plain(KeyCode::PageUp)],
        Action::PageUp,
        "key-page-up",
    ),
    Binding::new(
        &[Key::plain(KeyCode::PageDown), Key::ch(' ')],
        Action::PageDown,
        "key-page-down",
    ),
    Binding::help_only(&[Key::plain(KeyCode::Home)], Action::Home, "key-first"),
    Binding::help_only(&[Key::plain(KeyCode::End)], Action::End, "key-last"),
    Binding::new(&[Key::ch('p')], Action::Print, "key-print"),
    Binding::help_only(&[Key::ch('t')], Action::Trial, "key-case"),
    Binding::new(&[Key::ch('e')], Action::Edit, "key-edit"),
    Binding::new(
        &[Key::plain(KeyCode::Esc), Key::ch('q')],
        Action::Back,
        "key-back",
    ),
];

/// The same keys without editing, for read-only databases.
const READ_ONLY_KEYS: &[Binding<Action>] = &[
    Binding::help_only(
        &[Key::plain(KeyCode::Up), Key::ch('k')],
        Action::Up,
        "key-up",
    ),
    Binding::help_only(
        &[Key::plain(KeyCode::Down), Key::ch('j')],
        Action::Down,
        "key-down",
    ),
    Binding::new(
        &[Key::plain(KeyCode::PageUp)],
        Action::PageUp,
        "key-page-up",
    ),
    Binding::new(
        &[Key::plain(KeyCode::PageDown), Key::ch(' ')],
        Action::PageDown,
        "key-page-down",
    ),
    Binding::help_only(&[Key::plain(KeyCode::Home)], Action::Home, "key-first"),
    Binding::help_only(&[Key::plain(KeyCode::End)], Action::End, "key-last"),
    Binding::new(&[Key::ch('p')], Action::Print, "key-print"),
    Binding::help_only(&[Key::ch('t')], Action::Trial, "key-case"),
    Binding::new(
        &[Key::plain(KeyCode::Esc), Key::ch('q')],
        Action::Back,
        "key-back",
    ),
];

#[derive(Debug)]
pub struct HearingDetail {
    hearing: Uuid,
    text: String,
    lines: u16,
    scroll: u16,
    title: String,
}

impl HearingDetail {
    pub fn new(record: &HearingRecord, ctx: &Ctx<'_>) -> HearingDetail {
        let text = crate::printout::hearing_text(ctx.spec, record, ctx.lang);
        let lines = u16::try_from(text.lines().count()).unwrap_or(u16::MAX);
        let date = record
            .hearing
            .fields
            .get("hearing_date")
            .cloned()
            .unwrap_or_default();
        HearingDetail {
            hearing: record.hearing.uuid,
            text,
            lines,
            scroll: 0,
            title: date,
        }
    }

    pub fn hearing(&self) -> Uuid {
        self.hearing
    }

    pub fn title(&self, ctx: &Ctx<'_>) -> String {
        format!("{} · {}", ctx.t("detail-title"), self.title)
    }

    fn table(ctx: &Ctx<'_>) -> &'static [Binding<Action>] {
        if ctx.read_only { READ_ONLY_KEYS } else { KEYS }
    }

    pub fn keys(&self, ctx: &Ctx<'_>) -> Vec<(String, &'static str, bool)> {
        keys::describe(Self::table(ctx))
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        let last = self.lines.saturating_sub(1);
        match keys::lookup(Self::table(ctx), &key) {
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::Down) => self.scroll = (self.scroll + 1).min(last),
            Some(Action::PageUp) => self.scroll = self.scroll.saturating_sub(15),
            Some(Action::PageDown) => self.scroll = (self.scroll + 15).min(last),
            Some(Action::Home) => self.scroll = 0,
            Some(Action::End) => self.scroll = last,
            Some(Action::Print) => return vec![Cmd::Run(Effect::PrintHearing(self.hearing))],
            Some(Action::Trial) => return vec![Cmd::Run(Effect::LoadTrial(self.hearing))],
            Some(Action::Edit) => return vec![Cmd::Run(Effect::OpenHearing(self.hearing))],
            Some(Action::Back) => return vec![Cmd::Pop],
            None => {}
        }
        Vec::new()
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, _ctx: &Ctx<'_>) {
        let p = Paragraph::new(self.text.as_str())
            .wrap(Wrap { trim: false })
            .scroll((self.scroll, 0));
        frame.render_widget(p, area);
        frame.set_cursor_position((area.x, area.y));
    }
}
