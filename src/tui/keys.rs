//! Key bindings: every binding is declared once, in its screen's or widget's table, with the
//! message key of its description; dispatch (`lookup`), the footer and the help overlay all
//! read those tables (ARCHITECTURE.md invariants 6 and 9). `lookup` is also the one place
//! where a Cyrillic letter typed under a Russian or Tajik layout stands for the Latin letter
//! on the same key (`latin`). `parse` turns `"n<Tab><C-s>"` into key events for tests.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

/// One key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub(crate) const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    pub(crate) const fn alt(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::ALT,
        }
    }

    pub const fn f(n: u8) -> Key {
        Key::plain(KeyCode::F(n))
    }

    /// Whether a pressed key is this one. Shift is ignored for characters (it is part of the
    /// character) and for BackTab.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let mut mods = ev.modifiers;
        if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        let code = match ev.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            c => c,
        };
        code == self.code && mods == self.mods
    }

    /// How the key is written in the footer and help: `Ctrl-S`, `F2`, `Enter`, `n`.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_ascii_uppercase().to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Backspace => "Backspace".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else if let KeyCode::Char(c) = self.code
            && c != ' '
        {
            c.to_string()
        } else {
            base
        }
    }
}

/// A binding: keys, the action they trigger, and the message key describing it.
#[derive(Debug, Clone, Copy)]
pub struct Binding<A: Copy> {
    pub keys: &'static [Key],
    pub action: A,
    /// Message key in `assets/i18n/*.ftl`.
    pub label: &'static str,
    /// Shown in the footer (all bindings are shown in help).
    pub footer: bool,
}

impl<A: Copy> Binding<A> {
    pub const fn new(keys: &'static [Key], action: A, label: &'static str) -> Self {
        Binding {
            keys,
            action,
            label,
            footer: true,
        }
    }

    /// A binding listed in help only, to keep the footer short.
    pub const fn help_only(keys: &'static [Key], action: A, label: &'static str) -> Self {
        Binding {
            keys,
            action,
            label,
            footer: false,
        }
    }

    pub(crate) fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(Key::label)
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// The action bound to a pressed key in a table. A Cyrillic letter that no binding names
/// stands for the Latin letter on the same key of a Russian (ЙЦУКЕН) or Tajik keyboard, so
/// command keys work without switching layouts. Text fields take their keys before any
/// table is asked, so there the letter stays text.
pub fn lookup<A: Copy>(table: &[Binding<A>], ev: &KeyEvent) -> Option<A> {
    let find = |ev: &KeyEvent| {
        table
            .iter()
            .find(|b| b.keys.iter().any(|k| k.matches(ev)))
            .map(|b| b.action)
    };
    find(ev).or_else(|| latin(ev).and_then(|l| find(&l)))
}

/// The key event with the Latin character on the same physical key, when `ev` carries a
/// letter of the Russian or Tajik layout (capitals give capitals; Ctrl is kept).
pub(crate) fn latin(ev: &KeyEvent) -> Option<KeyEvent> {
    let KeyCode::Char(c) = ev.code else {
        return None;
    };
    let lower = c.to_lowercase().next().unwrap_or(c);
    let l = latin_of(lower)?;
    let l = if lower != c {
        l.to_ascii_uppercase()
    } else {
        l
    };
    Some(KeyEvent {
        code: KeyCode::Char(l),
        ..*ev
    })
}

/// The Latin character on the key that types `c` (lower case) in the Russian ЙЦУКЕН layout,
/// or in the Tajik layout where its letters replace Russian ones.
fn latin_of(c: char) -> Option<char> {
    Some(match c {
        'й' => 'q',
        'ц' | 'қ' => 'w',
        'у' => 'e',
        'к' => 'r',
        'е' => 't',
        'н' => 'y',
        'г' => 'u',
        'ш' => 'i',
        'щ' | 'ҳ' => 'o',
        'з' => 'p',
        'х' => '[',
        'ъ' => ']',
        'ф' => 'a',
        'ы' | 'ҷ' => 's',
        'в' => 'd',
        'а' => 'f',
        'п' => 'g',
        'р' => 'h',
        'о' => 'j',
        'л' => 'k',
        'д' => 'l',
        'ж' => ';',
        'э' => '\'',
        'я' => 'z',
        'ч' => 'x',
        'с' => 'c',
        'м' => 'v',
        'и' => 'b',
        'т' => 'n',
        'ь' | 'ӣ' => 'm',
        'б' => ',',
        'ю' => '.',
        'ё' => '`',
        'ғ' => '-',
        'ӯ' => '=',
        // The key right of `ю`: `.`, and with Shift `,` where a US keyboard has `/` and `?`.
        '.' => '/',
        ',' => '?',
        _ => return None,
    })
}

/// `(keys, description key, in footer)` of a table, for footers and help.
pub(crate) fn describe<A: Copy>(table: &[Binding<A>]) -> Vec<(String, &'static str, bool)> {
    table
        .iter()
        .map(|b| (b.keys_label(), b.label, b.footer))
        .collect()
}

/// Pairs of a footer or help list with the same description, both in the footer or both
/// not, joined into one (`↑/k up`, where a screen's table and a shared one both move up), in
/// the order of the first.
pub fn merge(pairs: &[(String, &'static str, bool)]) -> Vec<(String, &'static str, bool)> {
    let mut out: Vec<(String, &'static str, bool)> = Vec::new();
    for (k, label, footer) in pairs {
        match out.iter_mut().find(|(_, l, f)| l == label && f == footer) {
            Some(seen) => {
                if !seen.0.split('/').any(|x| x == k) {
                    seen.0 = format!("{}/{k}", seen.0);
                }
            }
            None => out.push((k.clone(), label, *footer)),
        }
    }
    out
}

/// Moving in a list: the one table every list, choice list and overlay moves with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
}

pub const NAV: &[Binding<Nav>] = &[
    Binding::help_only(&[Key::plain(KeyCode::Up)], Nav::Up, "key-up"),
    Binding::help_only(&[Key::plain(KeyCode::Down)], Nav::Down, "key-down"),
    Binding::help_only(&[Key::plain(KeyCode::PageUp)], Nav::PageUp, "key-page-up"),
    Binding::help_only(
        &[Key::plain(KeyCode::PageDown)],
        Nav::PageDown,
        "key-page-down",
    ),
    Binding::help_only(&[Key::plain(KeyCode::Home)], Nav::Home, "key-first"),
    Binding::help_only(&[Key::plain(KeyCode::End)], Nav::End, "key-last"),
];

/// Letters that move in lists where letters are not text (the hearing list, read-only
/// views): `k` up, `j` down. Never asked where typing filters or edits.
pub const LETTER_NAV: &[Binding<Nav>] = &[
    Binding::help_only(&[Key::ch('k')], Nav::Up, "key-up"),
    Binding::help_only(&[Key::ch('j')], Nav::Down, "key-down"),
];

/// The move for a key in a list where letters are not text: [`NAV`], then [`LETTER_NAV`].
pub(crate) fn nav(ev: &KeyEvent) -> Option<Nav> {
    lookup(NAV, ev).or_else(|| lookup(LETTER_NAV, ev))
}

/// [`NAV`] and [`LETTER_NAV`] for a footer and help. With `paging`, PgDn is in the footer
/// too (a screen whose text is usually taller than the terminal).
pub(crate) fn describe_nav(paging: bool) -> Vec<(String, &'static str, bool)> {
    let mut k = describe(NAV);
    k.extend(describe(LETTER_NAV));
    if paging {
        for (_, label, footer) in &mut k {
            if *label == "key-page-down" {
                *footer = true;
            }
        }
    }
    k
}

/// Moving between the fields of a form, a dialog or a screen of settings: the one table
/// every one of them moves with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Next,
    Prev,
}

pub const FIELD_NAV: &[Binding<Field>] = &[
    Binding::new(
        &[Key::plain(KeyCode::Tab), Key::plain(KeyCode::Down)],
        Field::Next,
        "key-next-field",
    ),
    Binding::help_only(
        &[Key::plain(KeyCode::BackTab), Key::plain(KeyCode::Up)],
        Field::Prev,
        "key-prev-field",
    ),
];

impl Nav {
    /// Where a selection at `at` of `len` rows goes, `page` rows to a page.
    pub fn apply(self, at: usize, len: usize, page: usize) -> usize {
        let last = len.saturating_sub(1);
        match self {
            Nav::Up => at.saturating_sub(1),
            Nav::Down => (at + 1).min(last),
            Nav::PageUp => at.saturating_sub(page.max(1)),
            Nav::PageDown => (at + page.max(1)).min(last),
            Nav::Home => 0,
            Nav::End => last,
        }
    }
}

/// A key press event.
pub fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent {
        code,
        modifiers: mods,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }
}

/// The key event that types `c` (a line break is Enter), for pasted text.
pub fn typed(c: char) -> KeyEvent {
    match c {
        '\n' => press(KeyCode::Enter, KeyModifiers::NONE),
        c => press(KeyCode::Char(c), KeyModifiers::NONE),
    }
}

/// Key events from a compact notation: plain characters, and `<Tab>`, `<S-Tab>`, `<Enter>`,
/// `<Esc>`, `<Up>`, `<Down>`, `<Left>`, `<Right>`, `<PgUp>`, `<PgDn>`, `<Home>`, `<End>`,
/// `<Del>`, `<BS>`, `<Space>`, `<F1>`…`<F12>`, `<C-x>` (Ctrl-x), `<lt>` (a literal `<`).
pub fn parse(s: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '<' {
            out.push(press(KeyCode::Char(c), KeyModifiers::NONE));
            continue;
        }
        let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
        let ev = match name.as_str() {
            "Tab" => press(KeyCode::Tab, KeyModifiers::NONE),
            "S-Tab" => press(KeyCode::BackTab, KeyModifiers::SHIFT),
            "Enter" => press(KeyCode::Enter, KeyModifiers::NONE),
            "Esc" => press(KeyCode::Esc, KeyModifiers::NONE),
            "Up" => press(KeyCode::Up, KeyModifiers::NONE),
            "Down" => press(KeyCode::Down, KeyModifiers::NONE),
            "Left" => press(KeyCode::Left, KeyModifiers::NONE),
            "Right" => press(KeyCode::Right, KeyModifiers::NONE),
            "PgUp" => press(KeyCode::PageUp, KeyModifiers::NONE),
            "PgDn" => press(KeyCode::PageDown, KeyModifiers::NONE),
            "Home" => press(KeyCode::Home, KeyModifiers::NONE),
            "End" => press(KeyCode::End, KeyModifiers::NONE),
            "Del" => press(KeyCode::Delete, KeyModifiers::NONE),
            "BS" => press(KeyCode::Backspace, KeyModifiers::NONE),
            "Space" => press(KeyCode::Char(' '), KeyModifiers::NONE),
            "lt" => press(KeyCode::Char('<'), KeyModifiers::NONE),
            n if n.starts_with("C-") => press(
                KeyCode::Char(n.chars().nth(2).unwrap_or(' ')),
                KeyModifiers::CONTROL,
            ),
            n if n.starts_with('F') => {
                press(KeyCode::F(n[1..].parse().unwrap_or(1)), KeyModifiers::NONE)
            }
            _ => continue,
        };
        out.push(ev);
    }
    out
}

/// Whether a key is a plain Space (text in a text field, never a command there).
pub(crate) fn is_space(ev: &KeyEvent) -> bool {
    Key::ch(' ').matches(ev)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_the_notation() {
        let k = parse("n<Tab><C-s>ҷ<F2>");
        assert_eq!(k.len(), 5);
        assert!(Key::ch('n').matches(&k[0]));
        assert!(Key::plain(KeyCode::Tab).matches(&k[1]));
        assert!(Key::ctrl('s').matches(&k[2]));
        assert_eq!(k[3].code, KeyCode::Char('ҷ'));
        assert!(Key::f(2).matches(&k[4]));
    }

    #[test]
    fn cyrillic_letters_stand_for_the_latin_key_in_the_same_place() {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum A {
            Yes,
            No,
            Search,
            Quit,
            Save,
        }
        const T: &[Binding<A>] = &[
            Binding::new(&[Key::ch('y')], A::Yes, "key-answer-yes"),
            Binding::new(&[Key::ch('n')], A::No, "key-answer-no"),
            Binding::new(&[Key::ch('/')], A::Search, "key-search"),
            Binding::new(&[Key::ch('q')], A::Quit, "key-quit"),
            Binding::new(&[Key::ctrl('s')], A::Save, "key-finalise"),
        ];
        let one = |s: &str| lookup(T, &parse(s)[0]);
        assert_eq!(one("н"), Some(A::Yes));
        assert_eq!(one("т"), Some(A::No));
        assert_eq!(one("й"), Some(A::Quit));
        assert_eq!(one("."), Some(A::Search));
        // Tajik letters where they replace Russian ones: ҳ is on the `o` key, ҷ on `s`.
        assert_eq!(
            latin(&parse("ҳ")[0]).map(|e| e.code),
            Some(KeyCode::Char('o'))
        );
        assert_eq!(
            latin(&parse("Ҷ")[0]).map(|e| e.code),
            Some(KeyCode::Char('S'))
        );
        let ctrl_ы = press(KeyCode::Char('ы'), KeyModifiers::CONTROL);
        assert_eq!(lookup(T, &ctrl_ы), Some(A::Save));
        assert_eq!(
            one("ж"),
            None,
            "a letter on a key no binding names does nothing"
        );
    }

    /// Every character a binding may use on a US keyboard (letters, `/`, `?` and the keys
    /// beside the letters) has the character on the same key of the Russian layout that
    /// stands for it, so no command key needs a layout switch. `?` (help on the hearing list)
    /// had none: under a Russian layout Shift on its key types `,`.
    #[test]
    fn every_command_character_has_its_russian_layout_counterpart() {
        let russian = "йцукенгшщзхъфывапролджэячсмитьбюё.,";
        let found: std::collections::BTreeSet<char> = russian
            .chars()
            .filter_map(
                |c| match latin(&press(KeyCode::Char(c), KeyModifiers::NONE)) {
                    Some(KeyEvent {
                        code: KeyCode::Char(l),
                        ..
                    }) => Some(l),
                    _ => None,
                },
            )
            .collect();
        let missing: Vec<char> = ('a'..='z')
            .chain("/?[];',.`".chars())
            .filter(|c| !found.contains(c))
            .collect();
        assert!(missing.is_empty(), "no Russian counterpart: {missing:?}");
    }

    #[test]
    fn ctrl_keys_match_regardless_of_shift_and_case() {
        let shifted = press(
            KeyCode::Char('S'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert!(Key::ctrl('s').matches(&shifted));
        assert!(!Key::ch('s').matches(&shifted));
        assert_eq!(Key::ctrl('s').label(), "Ctrl-S");
    }
}
