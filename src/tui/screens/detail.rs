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
use crate::tui::keys::{self, Binding, Key, Nav};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Page,
    Print,
    Trial,
    Edit,
    Back,
}

/// The view's keys; it scrolls with the shared navigation tables (and Space pages down).
const KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::ch(' ')], Action::Page, "key-page-down"),
    Binding::new(&[Key::ch('p')], Action::Print, "key-print"),
    Binding::help_only(&[Key::ch('t')], Action::Trial, "key-case"),
    Binding::new(&[Key::ch('e')], Action::Edit, "key-edit"),
    Binding::new(
        &[Key::plain(KeyCode::Esc), Key::ch('q')],
        Action::Back,
        "key-back",
    ),
];

/// Lines a page key scrolls.
const PAGE: usize = 15;

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

    /// The view's keys; on a read-only database, the same without the one that edits
    /// (derived, not copied).
    fn table(ctx: &Ctx<'_>) -> Vec<Binding<Action>> {
        KEYS.iter()
            .filter(|b| !(ctx.read_only && b.action == Action::Edit))
            .copied()
            .collect()
    }

    pub fn keys(&self, ctx: &Ctx<'_>) -> Vec<(String, &'static str, bool)> {
        let mut k = keys::describe(&Self::table(ctx));
        k.extend(keys::describe(keys::NAV));
        k.extend(keys::describe(keys::LETTER_NAV));
        k
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        let lines = usize::from(self.lines);
        let nav = keys::lookup(keys::NAV, &key).or(keys::lookup(keys::LETTER_NAV, &key));
        let nav = nav.or((keys::lookup(KEYS, &key) == Some(Action::Page)).then_some(Nav::PageDown));
        if let Some(nav) = nav {
            let at = nav.apply(usize::from(self.scroll), lines, PAGE);
            self.scroll = u16::try_from(at).unwrap_or(u16::MAX);
            return Vec::new();
        }
        match keys::lookup(&Self::table(ctx), &key) {
            Some(Action::Page) => {}
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
