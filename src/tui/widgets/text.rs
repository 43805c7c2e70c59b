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
use zeroize::{Zeroize, Zeroizing};

use crate::tui::keys::{self, Binding, Key};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Clear,
    DeleteWord,
}

/// The editing keys a text field adds to typing. Ctrl-W is not one of them: it adds a
/// witness on the people tab, so deleting a word is Alt-Backspace.
const EDIT_KEYS: &[Binding<Action>] = &[
    Binding::help_only(&[Key::ctrl('u')], Action::Clear, "key-clear-text"),
    Binding::help_only(
        &[Key::alt(KeyCode::Backspace)],
        Action::DeleteWord,
        "key-delete-word",
    ),
];

/// The editing keys, for the help of a screen with a text field.
pub(crate) fn edit_keys() -> Vec<(String, &'static str, bool)> {
    keys::describe(EDIT_KEYS)
}

/// An editor for one field's text.
#[derive(Clone)]
pub(crate) enum Editor {
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

    pub(crate) fn is_multiline(&self) -> bool {
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
        // Control characters never enter typed text (a pasted terminal escape, a C1 code):
        // a batch refuses them and a terminal would act on them. A narrative keeps tabs; line
        // breaks come from Enter.
        if let KeyCode::Char(c) = key.code
            && c.is_control()
            && !(c == '\t' && self.is_multiline())
        {
            return Some(false);
        }
        match (keys::lookup(EDIT_KEYS, &key), &mut *self) {
            (Some(Action::Clear), Editor::Line(input)) => {
                let changed = !input.value().is_empty();
                input.reset();
                return Some(changed);
            }
            // In a narrative, Ctrl-U clears the line the cursor is on, not every paragraph.
            (Some(Action::Clear), Editor::Area(ta)) => {
                let head = ta.delete_line_by_head();
                let end = ta.delete_line_by_end();
                return Some(head || end);
            }
            (Some(Action::DeleteWord), Editor::Line(input)) => {
                return Some(
                    input
                        .handle(tui_input::InputRequest::DeletePrevWord)
                        .is_some(),
                );
            }
            (Some(Action::DeleteWord), Editor::Area(ta)) => return Some(ta.delete_word()),
            (None, _) => {}
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
                // `None` when the key is not an editing key; else whether the value changed
                // (a cursor move does not).
                Some(input.handle_event(&Event::Key(key))?.value)
            }
            Editor::Area(ta) => {
                if ctrl || matches!(key.code, KeyCode::PageUp | KeyCode::PageDown) {
                    return None;
                }
                // `input` says whether the text changed (a cursor move does not).
                Some(ta.input(key))
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

/// A masked single-line input for passphrases. What is typed lives in one buffer that is
/// overwritten when it is cleared, when it grows (the old buffer is wiped, not left to the
/// allocator) and when it is dropped; it never prints (`Debug` shows `[redacted]`).
#[derive(Default)]
pub(crate) struct Secret {
    text: Zeroizing<String>,
    /// Where the cursor is, in characters.
    cursor: usize,
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl Secret {
    pub fn value(&self) -> &str {
        &self.text
    }

    /// What was typed, as a passphrase (copied into a buffer of its own that is wiped too).
    pub fn passphrase(&self) -> crate::store::Passphrase {
        crate::store::Passphrase::from(self.value())
    }

    /// Empties the field, overwriting what was typed.
    pub fn clear(&mut self) {
        self.text.zeroize();
        self.cursor = 0;
    }

    /// An empty buffer with room for the text and `extra` bytes. Edits are written into a
    /// new buffer and the old one is wiped as it drops: editing in place would leave removed
    /// bytes past the end, and a `String` that reallocates leaves its old bytes behind.
    fn buffer(&self, extra: usize) -> Zeroizing<String> {
        let need = (self.text.len() + extra).max(32).next_power_of_two();
        Zeroizing::new(String::with_capacity(need))
    }

    fn insert(&mut self, c: char) {
        let mut next = self.buffer(c.len_utf8());
        let mut put = false;
        for (i, old) in self.text.chars().enumerate() {
            if i == self.cursor {
                next.push(c);
                put = true;
            }
            next.push(old);
        }
        if !put {
            next.push(c);
        }
        self.text = next;
        self.cursor += 1;
    }

    /// Removes the character at `cursor`.
    fn remove(&mut self, cursor: usize) {
        let mut next = self.buffer(0);
        for (i, old) in self.text.chars().enumerate() {
            if i != cursor {
                next.push(old);
            }
        }
        self.text = next;
    }

    /// `true` when the key was for the secret (typing, deleting, moving in it).
    pub fn handle(&mut self, key: KeyEvent) -> bool {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let chars = self.text.chars().count();
        match key.code {
            KeyCode::Char('u') if key.modifiers == KeyModifiers::CONTROL => self.clear(),
            KeyCode::Char(c) if plain => self.insert(c),
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.remove(self.cursor);
            }
            KeyCode::Delete if self.cursor < chars => self.remove(self.cursor),
            KeyCode::Backspace | KeyCode::Delete => {}
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(chars),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = chars,
            _ => return false,
        }
        true
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, focused: bool) {
        let dots: String = "•".repeat(
            self.text
                .chars()
                .count()
                .min(area.width.saturating_sub(1) as usize),
        );
        frame.render_widget(Paragraph::new(dots), area);
        if focused {
            let x = (self.cursor as u16).min(area.width.saturating_sub(1));
            frame.set_cursor_position(Position::new(area.x + x, area.y));
        }
    }
}

impl Editor {
    /// Draws the editor; only the focused one takes the terminal cursor.
    pub(crate) fn render_if(&self, frame: &mut Frame<'_>, area: Rect, focused: bool) {
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
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::{Editor, Secret, wrap};
    use crate::tui::keys::{parse, press as key};

    fn press(s: &mut Secret, code: KeyCode) -> bool {
        s.handle(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn a_secret_edits_like_a_field_and_never_prints() {
        let mut s = Secret::default();
        for c in "пароль1".chars() {
            assert!(press(&mut s, KeyCode::Char(c)));
        }
        assert_eq!(s.value(), "пароль1");
        press(&mut s, KeyCode::Home);
        press(&mut s, KeyCode::Right);
        press(&mut s, KeyCode::Char('ӯ'));
        assert_eq!(s.value(), "пӯароль1");
        press(&mut s, KeyCode::Backspace);
        press(&mut s, KeyCode::Delete);
        assert_eq!(s.value(), "проль1");
        press(&mut s, KeyCode::End);
        press(&mut s, KeyCode::Backspace);
        press(&mut s, KeyCode::Char('ö'));
        assert_eq!(s.value(), "прольö");
        // Grown well past its first buffer: still whole.
        for _ in 0..100 {
            press(&mut s, KeyCode::Char('x'));
        }
        assert_eq!(s.value().chars().count(), 106);
        let printed = format!("{s:?} {:?}", s.passphrase());
        assert!(!printed.contains("прол"), "{printed}");
        assert!(printed.contains("[redacted]"), "{printed}");
        // Command keys are not typed into it; Ctrl-U empties it.
        assert!(!s.handle(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL)));
        assert!(!press(&mut s, KeyCode::Enter));
        assert!(s.handle(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
        assert_eq!(s.value(), "");
    }

    /// Ctrl-U clears a field (a narrative's current line); Alt-Backspace deletes the word
    /// before the cursor; Ctrl-W stays a command of the screen (a witness on People).
    #[test]
    fn ctrl_u_clears_and_alt_backspace_deletes_a_word() {
        let alt_bs = key(KeyCode::Backspace, KeyModifiers::ALT);
        let mut e = Editor::line("Саидов Алишер");
        assert_eq!(e.handle(alt_bs), Some(true));
        assert_eq!(e.value(), "Саидов ");
        assert_eq!(e.handle(parse("<C-u>")[0]), Some(true));
        assert_eq!(e.value(), "");
        assert_eq!(
            e.handle(parse("<C-w>")[0]),
            None,
            "Ctrl-W is left to the screen"
        );

        let mut n = Editor::area("first line\nsecond words");
        assert_eq!(n.handle(alt_bs), Some(true));
        assert_eq!(n.value(), "first line\nsecond ");
        assert_eq!(n.handle(parse("<C-u>")[0]), Some(true));
        assert_eq!(
            n.value(),
            "first line\n",
            "only the current line is cleared"
        );
    }

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
