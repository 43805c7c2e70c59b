//! The hearing detail view: everything in a hearing as read-only text — case, hearing,
//! people with their charges, checklist with comments, allegations with follow-ups, timeline
//! and audit history — scrolled with the arrow keys. `p` asks how to print it to a file:
//! sealed like a batch, or in plain text (restricted fields left out, or everything) under a
//! warning that says what the file holds.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use uuid::Uuid;

use super::{Cmd, Ctx};
use crate::domain::HearingRecord;
use crate::tui::effect::{Effect, PrintChoice};
use crate::tui::keys::{self, Binding, Key, Nav};
use crate::tui::theme;
use crate::tui::widgets::chrome;

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

/// The keys of the print question: how the file is written, or not at all.
const PRINT_KEYS: &[Binding<Option<PrintChoice>>] = &[
    Binding::new(
        &[Key::ch('s')],
        Some(PrintChoice::Sealed),
        "key-print-sealed",
    ),
    Binding::new(&[Key::ch('t')], Some(PrintChoice::Plain), "key-print-plain"),
    Binding::new(
        &[Key::ch('a')],
        Some(PrintChoice::PlainAll),
        "key-print-plain-all",
    ),
    Binding::new(&[Key::plain(KeyCode::Esc)], None, "key-cancel"),
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
    /// The print question is open.
    asking: bool,
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
            asking: false,
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
        if self.asking {
            return keys::describe(PRINT_KEYS);
        }
        let mut k = keys::describe(&Self::table(ctx));
        k.extend(keys::describe(keys::NAV));
        k.extend(keys::describe(keys::LETTER_NAV));
        k
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        if self.asking {
            return match keys::lookup(PRINT_KEYS, &key) {
                Some(Some(choice)) => {
                    self.asking = false;
                    vec![Cmd::Run(Effect::PrintHearing {
                        hearing: self.hearing,
                        choice,
                    })]
                }
                Some(None) => {
                    self.asking = false;
                    Vec::new()
                }
                None => Vec::new(),
            };
        }
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
            // A read-only database cannot record the file in its output log: nothing is
            // written outside it then.
            Some(Action::Print) if ctx.read_only => {
                return vec![Cmd::Status(ctx.t("print-read-only"), true)];
            }
            Some(Action::Print) => self.asking = true,
            Some(Action::Trial) => return vec![Cmd::Run(Effect::LoadTrial(self.hearing))],
            Some(Action::Edit) => return vec![Cmd::Run(Effect::OpenHearing(self.hearing))],
            Some(Action::Back) => return vec![Cmd::Pop],
            None => {}
        }
        Vec::new()
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let p = Paragraph::new(self.text.as_str())
            .wrap(Wrap { trim: false })
            .scroll((self.scroll, 0));
        frame.render_widget(p, area);
        frame.set_cursor_position((area.x, area.y));
        if self.asking {
            self.render_question(frame, area, ctx);
        }
    }

    /// The print question over the lower part of the view: the three ways, and what a plain
    /// file gives away.
    fn render_question(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let lines = vec![
            Line::styled(ctx.t("print-title"), theme::label()),
            Line::from(format!("s  {}", ctx.t("print-sealed"))),
            Line::from(format!("t  {}", ctx.t("print-plain"))),
            Line::from(format!("a  {}", ctx.t("print-plain-all"))),
            Line::styled(ctx.t("print-warning"), theme::error()),
        ];
        chrome::bottom_question(frame, area, lines);
    }
}
