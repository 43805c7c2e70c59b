//! The agenda: each open trial's next hearing date (announced at its latest hearing), grouped
//! by day — today, tomorrow, this week, later — with court, courtroom and case number. Enter
//! starts that trial's next hearing; `t` opens the trial.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Cmd, Ctx};
use crate::spec::COURT_LIST;
use crate::store::AgendaItem;
use crate::tui::effect::Effect;
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;

/// How many days ahead the agenda looks.
pub const DAYS: u32 = 30;

/// Hearings a page key moves.
const PAGE: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Start,
    Trial,
    Back,
}

const KEYS: &[Binding<Action>] = &[
    Binding::new(
        &[Key::plain(KeyCode::Enter)],
        Action::Start,
        "key-start-next",
    ),
    Binding::new(&[Key::ch('t')], Action::Trial, "key-case"),
    Binding::new(
        &[Key::plain(KeyCode::Esc), Key::ch('q')],
        Action::Back,
        "key-back",
    ),
];

#[derive(Debug)]
pub struct AgendaScreen {
    today: String,
    items: Vec<AgendaItem>,
    selected: usize,
}

impl AgendaScreen {
    pub fn new(today: String, items: Vec<AgendaItem>) -> AgendaScreen {
        AgendaScreen {
            today,
            items,
            selected: 0,
        }
    }

    /// Shows the agenda again (after a hearing was started from it).
    pub fn replace(&mut self, today: String, items: Vec<AgendaItem>) {
        self.selected = self.selected.min(items.len().saturating_sub(1));
        self.today = today;
        self.items = items;
    }

    fn table(ctx: &Ctx<'_>) -> &'static [Binding<Action>] {
        if ctx.read_only { &KEYS[1..] } else { KEYS }
    }

    pub fn keys(&self, ctx: &Ctx<'_>) -> Vec<(String, &'static str, bool)> {
        let mut k = keys::describe(Self::table(ctx));
        k.extend(keys::describe_nav(false));
        k
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        if let Some(nav) = keys::nav(&key) {
            self.selected = nav.apply(self.selected, self.items.len(), PAGE);
            return Vec::new();
        }
        let item = self.items.get(self.selected);
        match keys::lookup(Self::table(ctx), &key) {
            Some(Action::Start) => {
                if let Some(i) = item {
                    return vec![Cmd::Run(Effect::NextHearing(i.trial.uuid))];
                }
            }
            Some(Action::Trial) => {
                if let Some(i) = item {
                    return vec![Cmd::Run(Effect::LoadTrial(i.trial.uuid))];
                }
            }
            Some(Action::Back) => return vec![Cmd::Pop],
            None => {}
        }
        Vec::new()
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        if self.items.is_empty() {
            frame.render_widget(
                Paragraph::new(ctx.t("agenda-empty")).wrap(ratatui::widgets::Wrap { trim: true }),
                area,
            );
            frame.set_cursor_position((area.x, area.y));
            return;
        }
        let mut lines: Vec<Line<'_>> = Vec::new();
        let mut group = "";
        let mut cursor_line = 0;
        for (i, item) in self.items.iter().enumerate() {
            let g = crate::domain::trial::day_group(&self.today, &item.date);
            if g != group {
                if !group.is_empty() {
                    lines.push(Line::default());
                }
                lines.push(Line::styled(ctx.t(g), theme::section()));
                group = g;
            }
            let t = &item.trial;
            let court = ctx.spec.code_label(COURT_LIST, &t.court, ctx.lang);
            let room = if t.courtroom.is_empty() {
                String::new()
            } else {
                format!(" · {}", t.courtroom)
            };
            let text = format!(
                "{}  {}  {court}{room}  {}",
                item.date,
                if t.case_number.is_empty() {
                    "—"
                } else {
                    &t.case_number
                },
                t.defendants.join(" ")
            );
            if i == self.selected {
                cursor_line = lines.len();
                lines.push(Line::from(Span::styled(
                    format!("▶ {text}"),
                    theme::selected(),
                )));
            } else {
                lines.push(Line::from(format!("  {text}")));
            }
        }
        let height = usize::from(area.height.max(1));
        let scroll = cursor_line.saturating_sub(height.saturating_sub(1));
        let y = u16::try_from(cursor_line - scroll).unwrap_or(0);
        frame.render_widget(
            Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(0), 0)),
            area,
        );
        frame.set_cursor_position((area.x, area.y.saturating_add(y)));
    }
}
