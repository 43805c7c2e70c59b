//! The searchable choice list: type to filter by label in the interface language (or by
//! code), ↑/↓ to move, Enter to pick; for multi-choice fields Space toggles and Enter confirms.

use std::collections::BTreeSet;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph};

use super::text::Editor;
use crate::tui::theme;

/// One choice: its code and what the user reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub code: String,
    pub label: String,
    /// Indented under its parent in two-level lists.
    pub child: bool,
}

#[derive(Debug)]
pub struct Picker {
    pub title: String,
    choices: Vec<Choice>,
    pub multi: bool,
    selected: BTreeSet<String>,
    query: Editor,
    cursor: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerEvent {
    None,
    /// The new value: one code, or codes joined by `|` in list order.
    Picked(String),
    Cancelled,
}

impl Picker {
    /// A picker over `choices`, with `current` (a value as stored) preselected.
    pub fn new(title: String, choices: Vec<Choice>, multi: bool, current: &str) -> Picker {
        let selected: BTreeSet<String> = crate::spec::split_multi(current)
            .map(str::to_owned)
            .collect();
        let cursor = choices
            .iter()
            .position(|c| selected.contains(&c.code))
            .unwrap_or(0);
        Picker {
            title,
            choices,
            multi,
            selected,
            query: Editor::line(""),
            cursor,
        }
    }

    pub fn query(&self) -> String {
        self.query.value()
    }

    /// The choices matching what was typed.
    pub fn visible(&self) -> Vec<&Choice> {
        let q = self.query.value().to_lowercase();
        self.choices
            .iter()
            .filter(|c| q.is_empty() || c.label.to_lowercase().contains(&q) || c.code.contains(&q))
            .collect()
    }

    fn value(&self) -> String {
        self.choices
            .iter()
            .filter(|c| self.selected.contains(&c.code))
            .map(|c| c.code.as_str())
            .collect::<Vec<_>>()
            .join("|")
    }

    pub fn handle(&mut self, key: KeyEvent) -> PickerEvent {
        let n = self.visible().len();
        match key.code {
            KeyCode::Esc => return PickerEvent::Cancelled,
            KeyCode::Up => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Down => self.cursor = (self.cursor + 1).min(n.saturating_sub(1)),
            KeyCode::PageUp => self.cursor = self.cursor.saturating_sub(10),
            KeyCode::PageDown => self.cursor = (self.cursor + 10).min(n.saturating_sub(1)),
            KeyCode::Char(' ') if self.multi => {
                if let Some(code) = self.visible().get(self.cursor).map(|c| c.code.clone())
                    && !self.selected.remove(&code)
                {
                    self.selected.insert(code);
                }
            }
            KeyCode::Enter => {
                if self.multi {
                    return PickerEvent::Picked(self.value());
                }
                return match self.visible().get(self.cursor) {
                    Some(c) => PickerEvent::Picked(c.code.clone()),
                    None => PickerEvent::None,
                };
            }
            _ => {
                if self.query.handle(key) == Some(true) {
                    self.cursor = 0;
                }
            }
        }
        PickerEvent::None
    }

    /// Draws the picker as a popup over `area`.
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, hint: &str) {
        let popup = centered(area, 70, 80);
        frame.render_widget(Clear, popup);
        let block = Block::bordered()
            .title(self.title.as_str())
            .style(theme::popup());
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let [query_area, list_area, hint_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        let items: Vec<ListItem<'_>> = self
            .visible()
            .into_iter()
            .map(|c| {
                let mark = if self.multi {
                    if self.selected.contains(&c.code) {
                        "[x] "
                    } else {
                        "[ ] "
                    }
                } else {
                    ""
                };
                let indent = if c.child { "    " } else { "" };
                ListItem::new(Line::from(vec![
                    Span::raw(indent),
                    Span::raw(mark),
                    Span::raw(c.label.clone()),
                ]))
            })
            .collect();
        let mut state = ListState::default().with_selected(Some(self.cursor));
        frame.render_stateful_widget(
            List::new(items).highlight_style(theme::selected()),
            list_area,
            &mut state,
        );
        frame.render_widget(Paragraph::new(hint).style(theme::dim()), hint_area);
        let prompt = "› ";
        frame.render_widget(Paragraph::new(prompt), query_area);
        let q = Rect {
            x: query_area.x + 2,
            width: query_area.width.saturating_sub(2),
            ..query_area
        };
        self.query.render(frame, q, theme::value());
    }
}

/// A rectangle of `pw`% × `ph`% of `area`, centred, at least 20×5 when there is room.
pub fn centered(area: Rect, pw: u16, ph: u16) -> Rect {
    let w = (area.width * pw / 100).max(20.min(area.width));
    let h = (area.height * ph / 100).max(5.min(area.height));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keys::parse;

    fn picker(multi: bool) -> Picker {
        let c = |code: &str, label: &str| Choice {
            code: code.into(),
            label: label.into(),
            child: false,
        };
        Picker::new(
            "t".into(),
            vec![
                c("metal_cage", "Металлическая клетка"),
                c("glass_box", "Стеклянный бокс"),
                c("open_dock_bench", "Скамья"),
            ],
            multi,
            "",
        )
    }

    #[test]
    fn typing_filters_by_label_in_any_case() {
        let mut p = picker(false);
        for k in parse("СТЕКЛ") {
            p.handle(k);
        }
        assert_eq!(p.visible().len(), 1);
        assert_eq!(
            p.handle(parse("<Enter>")[0]),
            PickerEvent::Picked("glass_box".into())
        );
    }

    #[test]
    fn multi_choice_toggles_with_space_and_keeps_list_order() {
        let mut p = picker(true);
        for k in parse("<Down><Space><Up><Space>") {
            p.handle(k);
        }
        assert_eq!(
            p.handle(parse("<Enter>")[0]),
            PickerEvent::Picked("metal_cage|glass_box".into())
        );
    }
}
