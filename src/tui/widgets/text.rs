//! Text editing: single-line fields on `tui-input`, multi-line narratives on
//! `ratatui-textarea`. Both report whether the text changed, and where the real terminal cursor
//! belongs (screen readers and magnifiers follow it).

use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::{TextArea, WrapMode};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// An editor for one field's text.
#[derive(Clone)]
pub enum Editor {
    Line(Input),
    Area(Box<TextArea<'static>>),
}

impl std::fmt::Debug for Editor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Editor({:?})", self.value())
    }
}

impl Editor {
    pub fn line(value: &str) -> Editor {
        Editor::Line(Input::new(value.to_owned()))
    }

    pub fn area(value: &str) -> Editor {
        let lines: Vec<String> = if value.is_empty() {
            vec![String::new()]
        } else {
            value.lines().map(str::to_owned).collect()
        };
        let mut ta = TextArea::new(lines);
        ta.set_wrap_mode(WrapMode::WordOrGlyph);
        ta.set_cursor_line_style(Style::default());
        ta.move_cursor(ratatui_textarea::CursorMove::Bottom);
        ta.move_cursor(ratatui_textarea::CursorMove::End);
        Editor::Area(Box::new(ta))
    }

    pub fn value(&self) -> String {
        match self {
            Editor::Line(i) => i.value().to_owned(),
            Editor::Area(t) => t.lines().join("\n"),
        }
    }

    pub fn is_multiline(&self) -> bool {
        matches!(self, Editor::Area(_))
    }

    /// Offers a key to the editor; `Some(changed)` when the editor used it. Tab, Esc and keys
    /// with Ctrl (other than editing ones) are left to the screen. In a multi-line editor Enter
    /// starts a new line and ↑/↓ move between lines.
    pub fn handle(&mut self, key: KeyEvent) -> Option<bool> {
        if matches!(
            key.code,
            KeyCode::Tab | KeyCode::BackTab | KeyCode::Esc | KeyCode::F(_)
        ) {
            return None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Editor::Line(input) => {
                if matches!(
                    key.code,
                    KeyCode::Enter
                        | KeyCode::Up
                        | KeyCode::Down
                        | KeyCode::PageUp
                        | KeyCode::PageDown
                ) {
                    return None;
                }
                // Ctrl-letters belong to the screens; only word moves and word deletion edit.
                if ctrl
                    && !matches!(
                        key.code,
                        KeyCode::Left | KeyCode::Right | KeyCode::Backspace
                    )
                {
                    return None;
                }
                let before = input.value().to_owned();
                input.handle_event(&Event::Key(key))?;
                Some(input.value() != before)
            }
            Editor::Area(ta) => {
                if ctrl || matches!(key.code, KeyCode::PageUp | KeyCode::PageDown) {
                    return None;
                }
                // `input` reports cursor moves as well as edits: compare the text.
                let before = ta.lines().join("\n");
                ta.input(key);
                Some(ta.lines().join("\n") != before)
            }
        }
    }

    /// Draws the editor into `area` and puts the terminal cursor at the insertion point.
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, style: Style) {
        match self {
            Editor::Line(input) => {
                let width = area.width.max(1) as usize;
                let scroll = input.visual_scroll(width.saturating_sub(1));
                let p = Paragraph::new(Line::from(Span::styled(input.value().to_owned(), style)))
                    .scroll((0, scroll as u16));
                frame.render_widget(p, area);
                let x = (input.visual_cursor().saturating_sub(scroll)) as u16;
                frame.set_cursor_position(Position::new(
                    area.x + x.min(area.width.saturating_sub(1)),
                    area.y,
                ));
            }
            Editor::Area(ta) => {
                frame.render_widget(ta.as_ref(), area);
                let cursor = ta.screen_cursor();
                let (top, left) = ta.scroll_offset();
                let y = (cursor.row as u16).saturating_sub(top);
                let x = (cursor.col as u16).saturating_sub(left);
                frame.set_cursor_position(Position::new(
                    area.x + x.min(area.width.saturating_sub(1)),
                    area.y + y.min(area.height.saturating_sub(1)),
                ));
            }
        }
    }
}

/// A masked single-line input for passphrases.
#[derive(Debug, Default)]
pub struct Secret {
    input: Input,
}

impl Secret {
    pub fn value(&self) -> &str {
        self.input.value()
    }

    pub fn clear(&mut self) {
        self.input.reset();
    }

    /// `true` when the key edited the secret.
    pub fn handle(&mut self, key: KeyEvent) -> bool {
        if matches!(
            key.code,
            KeyCode::Tab
                | KeyCode::BackTab
                | KeyCode::Esc
                | KeyCode::Enter
                | KeyCode::Up
                | KeyCode::Down
        ) {
            return false;
        }
        self.input.handle_event(&Event::Key(key)).is_some()
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, focused: bool) {
        let dots: String = "•".repeat(
            self.input
                .value()
                .chars()
                .count()
                .min(area.width.saturating_sub(1) as usize),
        );
        frame.render_widget(Paragraph::new(dots), area);
        if focused {
            let x = (self.input.visual_cursor() as u16).min(area.width.saturating_sub(1));
            frame.set_cursor_position(Position::new(area.x + x, area.y));
        }
    }
}

impl Editor {
    /// Draws the editor; only the focused one takes the terminal cursor.
    pub fn render_if(&self, frame: &mut Frame<'_>, area: Rect, focused: bool) {
        if focused {
            self.render(frame, area, crate::tui::theme::value());
        } else {
            frame.render_widget(Paragraph::new(self.value()), area);
        }
    }
}

/// Lines of at most `width` columns, broken at spaces where one is near, at most `max` of
/// them (the last ends with `…` when the text goes on).
pub fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut w = 0;
    let chars = text
        .chars()
        .map(|c| if matches!(c, '\r' | '\n') { ' ' } else { c });
    for c in chars {
        let cw = UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > width {
            // Break at the last space of the line when it is in its second half.
            let cut = line
                .rfind(' ')
                .filter(|i| UnicodeWidthStr::width(&line[..*i]) > width / 2)
                .map(|i| (line[..i].to_owned(), line[i + 1..].to_owned()));
            match cut {
                Some((head, tail)) => {
                    lines.push(head);
                    w = UnicodeWidthStr::width(tail.as_str());
                    line = tail;
                }
                None => {
                    lines.push(std::mem::take(&mut line));
                    w = 0;
                }
            }
            if lines.len() == max {
                if let Some(last) = lines.last_mut() {
                    let keep: String = last
                        .chars()
                        .scan(0, |acc, ch| {
                            *acc += UnicodeWidthChar::width(ch).unwrap_or(0);
                            (*acc < width).then_some(ch)
                        })
                        .collect();
                    *last = format!("{keep}…");
                }
                return lines;
            }
        }
        line.push(c);
        w += cw;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_at_spaces_and_caps_the_lines() {
        assert_eq!(wrap("", 10, 3), [""]);
        assert_eq!(wrap("short", 10, 3), ["short"]);
        assert_eq!(wrap("one two three four", 10, 3), ["one two", "three four"]);
        let long = "слово ".repeat(40);
        let lines = wrap(&long, 12, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'), "{lines:?}");
        assert!(
            lines
                .iter()
                .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 12)
        );
    }
}
