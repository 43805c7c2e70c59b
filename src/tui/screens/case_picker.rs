//! Choosing the trial whose next hearing starts: type a case number, a court, a defendant's
//! code or a word; upcoming and recent trials come first. Each change of the text asks the
//! store again (`Effect::FindCases`); Enter starts the chosen trial's next hearing.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Cmd, Ctx};
use crate::spec::COURT_LIST;
use crate::store::CaseSummary;
use crate::tui::effect::Effect;
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;
use crate::tui::widgets::text::Editor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Start,
    Back,
}

/// Trials a page key moves.
const PAGE: usize = 10;

const KEYS: &[Binding<Action>] = &[
    Binding::new(
        &[Key::plain(KeyCode::Enter)],
        Action::Start,
        "key-start-next",
    ),
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Back, "key-back"),
];

#[derive(Debug)]
pub struct CasePicker {
    query: Editor,
    found: Vec<CaseSummary>,
    selected: usize,
    /// Whether an answer for the current text has come back.
    answered: bool,
}

impl CasePicker {
    pub fn new() -> CasePicker {
        CasePicker {
            query: Editor::line(""),
            found: Vec::new(),
            selected: 0,
            answered: false,
        }
    }

    /// The effect that finds the trials for the current text.
    pub fn find(&self) -> Effect {
        Effect::FindCases(self.query.value())
    }

    /// The trials found for `query`; answers to an older text are dropped.
    pub fn found(&mut self, query: &str, found: Vec<CaseSummary>) {
        if query != self.query.value() {
            return;
        }
        self.found = found;
        self.selected = 0;
        self.answered = true;
    }

    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        let mut k = keys::describe(KEYS);
        k.extend(keys::describe(keys::NAV));
        k
    }

    pub fn handle_key(&mut self, key: KeyEvent, _ctx: &Ctx<'_>) -> Vec<Cmd> {
        // The list moves with the shared table without letters, as a choice list does: Home
        // and End go to the first and last trial (the help says so), not within the text.
        if let Some(nav) = keys::lookup(keys::NAV, &key) {
            self.selected = nav.apply(self.selected, self.found.len(), PAGE);
            return Vec::new();
        }
        // Then the text field: letters are text here, in any layout.
        if let Some(changed) = self.query.handle(key) {
            if changed {
                self.answered = false;
                return vec![Cmd::Run(self.find())];
            }
            return Vec::new();
        }
        match keys::lookup(KEYS, &key) {
            Some(Action::Start) => {
                if let Some(c) = self.found.get(self.selected) {
                    return vec![Cmd::Pop, Cmd::Run(Effect::NextHearing(c.uuid))];
                }
            }
            Some(Action::Back) => return vec![Cmd::Pop],
            None => {}
        }
        Vec::new()
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let hint = ctx.t("pick-case-hint");
        let hint_rows = u16::try_from(
            crate::tui::widgets::text::wrap(&hint, usize::from(area.width.max(1)), 3).len(),
        )
        .unwrap_or(1);
        let [hint_area, field, list] = Layout::vertical([
            Constraint::Length(hint_rows),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(hint)
                .style(theme::dim())
                .wrap(Wrap { trim: true }),
            hint_area,
        );
        let [prompt, input] =
            Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(field);
        frame.render_widget(Paragraph::new("> "), prompt);
        if self.answered && self.found.is_empty() {
            frame.render_widget(
                Paragraph::new(ctx.t("pick-case-none")).wrap(Wrap { trim: true }),
                list,
            );
        } else {
            let height = usize::from(list.height.max(1));
            let first = self.selected.saturating_sub(height.saturating_sub(1));
            let lines: Vec<Line<'_>> = self
                .found
                .iter()
                .enumerate()
                .skip(first)
                .take(height)
                .map(|(i, c)| {
                    let court = ctx.spec.code_label(COURT_LIST, &c.court, ctx.lang);
                    let next = if c.next_date.is_empty() {
                        String::new()
                    } else {
                        format!(" → {}", c.next_date)
                    };
                    let text = format!(
                        "{}  {}  {court}  {}  ({}){next}",
                        if c.case_number.is_empty() {
                            "—"
                        } else {
                            &c.case_number
                        },
                        c.last_date,
                        c.defendants.join(" "),
                        c.hearings,
                    );
                    if i == self.selected {
                        Line::from(Span::styled(format!("▶ {text}"), theme::selected()))
                    } else {
                        Line::from(format!("  {text}"))
                    }
                })
                .collect();
            frame.render_widget(Paragraph::new(lines), list);
        }
        // Drawn last: the terminal cursor stays in the text field.
        self.query.render(frame, input, theme::value());
    }
}

impl Default for CasePicker {
    fn default() -> Self {
        CasePicker::new()
    }
}
