//! The searchable choice list: type to filter (labels in every language and codes, Tajik
//! letters folded as full-text search folds them), move with the shared navigation keys,
//! Enter to take the highlighted choice; in lists of several answers Space marks, and Enter
//! takes the marked choices (or the highlighted one when none is marked). Its keys are its
//! own table, which drives dispatch, the footer and help.

use std::collections::BTreeSet;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph};

use super::text::Editor;
use crate::tui::keys::{self, Binding, Key, NAV};
use crate::tui::theme;

/// One choice: its code and what the user reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub code: String,
    pub label: String,
    /// Indented under its parent in two-level lists.
    pub child: bool,
    /// What typing searches: the code and the labels in every language, each folded
    /// (`domain::fold`) and without spaces (the filter takes none), one a line.
    pub search: String,
}

impl Choice {
    /// A choice found by its label, its other labels and its code.
    pub fn new(code: &str, label: &str, others: &[&str], child: bool) -> Choice {
        let mut search = crate::domain::fold(code);
        for l in std::iter::once(&label).chain(others) {
            search.push('\n');
            search.extend(
                crate::domain::fold(l)
                    .chars()
                    .filter(|c| !c.is_whitespace()),
            );
        }
        Choice {
            code: code.to_owned(),
            label: label.to_owned(),
            child,
            search,
        }
    }

    /// A choice whose code is an id nobody types: found by its labels only.
    pub(crate) fn by_label(code: &str, label: &str, others: &[&str]) -> Choice {
        let mut c = Choice::new("", label, others, false);
        c.code = code.to_owned();
        c
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Pick,
    Mark,
    Cancel,
    /// Add a choice that is not in the list (a court a monitor adds).
    Add,
}

/// A list of one answer: Enter takes the highlighted choice. Space is not a command here (nor
/// text: the filter takes no spaces), so it can never change the answer.
const SINGLE_KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::plain(KeyCode::Enter)], Action::Pick, "key-pick"),
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Cancel, "key-cancel"),
];

/// A list of one answer that a choice may be added to (the courts): Ctrl-N adds one, and so
/// does Enter when nothing matches what was typed.
const ADD_KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::plain(KeyCode::Enter)], Action::Pick, "key-pick"),
    Binding::new(&[Key::ctrl('n')], Action::Add, "key-add-court"),
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Cancel, "key-cancel"),
];

/// A list of several answers: Space marks, Enter takes the marked choices, or the highlighted
/// one when none is marked — as in a list of one answer.
const MULTI_KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::ch(' ')], Action::Mark, "key-mark"),
    Binding::new(
        &[Key::plain(KeyCode::Enter)],
        Action::Pick,
        "key-pick-marked",
    ),
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Cancel, "key-cancel"),
];

/// Rows a page key moves.
const PAGE: usize = 10;

#[derive(Debug, Clone)]
pub(crate) struct Picker {
    pub title: String,
    choices: Vec<Choice>,
    pub multi: bool,
    selected: BTreeSet<String>,
    query: Editor,
    /// The highlighted row of the visible choices; `None` until the user moves or types when
    /// the picker opened with nothing highlighted.
    cursor: Option<usize>,
    /// When a choice may be added: what the list says when nothing matches.
    add: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PickerEvent {
    /// The picker used the key; nothing was chosen yet.
    None,
    /// Not the picker's key (a function key, a Ctrl key it has no use for): its owner may
    /// use it — Ctrl-T still stamps the time while a choice list is open.
    NotMine,
    /// The new value: one code, or codes joined by `|` in list order.
    Picked(String),
    Cancelled,
    /// The user asked to add a choice that is not in the list; what they had typed.
    Add(String),
}

impl Picker {
    /// A picker over `choices`, with `current` (a value as stored) preselected and
    /// highlighted (or the first choice).
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
            selected: if multi { selected } else { BTreeSet::new() },
            query: Editor::line(""),
            cursor: Some(cursor),
            add: None,
        }
    }

    /// This picker, where a choice that is not in the list may be added (Ctrl-N, or Enter
    /// when nothing matches); `none` is what the list says when nothing matches.
    pub(crate) fn addable(mut self, none: String) -> Picker {
        if !self.multi {
            self.add = Some(none);
        }
        self
    }

    /// A list of one answer with nothing highlighted: Enter takes nothing until the user
    /// moves to a choice or types (an unnamed stamp stays unnamed).
    pub(crate) fn unchosen(title: String, choices: Vec<Choice>) -> Picker {
        Picker {
            cursor: None,
            ..Picker::new(title, choices, false, "")
        }
    }

    fn table(&self) -> &'static [Binding<Action>] {
        if self.multi {
            MULTI_KEYS
        } else if self.add.is_some() {
            ADD_KEYS
        } else {
            SINGLE_KEYS
        }
    }

    /// The picker's keys, for the footer and help.
    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        let mut k = keys::describe(self.table());
        k.extend(keys::describe(NAV));
        k
    }

    pub fn query(&self) -> String {
        self.query.value()
    }

    /// The choices matching what was typed: found in a label (in any language, spaces
    /// aside) or the code, folded as full-text search folds.
    pub(crate) fn visible(&self) -> Vec<&Choice> {
        let q: String = crate::domain::fold(&self.query.value())
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        self.choices
            .iter()
            .filter(|c| c.search.contains(&q))
            .collect()
    }

    /// The highlighted choice, if any.
    pub fn highlighted(&self) -> Option<&Choice> {
        self.cursor.and_then(|i| self.visible().get(i).copied())
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
        if let Some(action) = keys::lookup(self.table(), &key) {
            match action {
                Action::Cancel => return PickerEvent::Cancelled,
                Action::Add => return PickerEvent::Add(self.query.value()),
                Action::Mark => {
                    if let Some(code) = self.highlighted().map(|c| c.code.clone())
                        && !self.selected.remove(&code)
                    {
                        self.selected.insert(code);
                    }
                }
                Action::Pick => {
                    if self.multi && !self.selected.is_empty() {
                        return PickerEvent::Picked(self.value());
                    }
                    return match self.highlighted() {
                        Some(c) => PickerEvent::Picked(c.code.clone()),
                        None if n == 0 && self.add.is_some() => {
                            PickerEvent::Add(self.query.value())
                        }
                        None => PickerEvent::None,
                    };
                }
            }
            return PickerEvent::None;
        }
        if let Some(nav) = keys::lookup(NAV, &key) {
            self.cursor = Some(match self.cursor {
                Some(at) => nav.apply(at, n, PAGE),
                None => 0,
            });
            return PickerEvent::None;
        }
        // The filter takes text, but no spaces: words are typed together. Space is the
        // picker's all the same (it does nothing), so it never reaches what is behind.
        if keys::is_space(&key) {
            return PickerEvent::None;
        }
        match self.query.handle(key) {
            Some(true) => {
                self.cursor = (!self.visible().is_empty()).then_some(0);
                PickerEvent::None
            }
            Some(false) => PickerEvent::None,
            None => PickerEvent::NotMine,
        }
    }

    /// Draws the picker as a popup over `area`, with a line of `hint` under the list.
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
        frame.render_widget(Paragraph::new("› "), query_area);
        let q = Rect {
            x: query_area.x + 2,
            width: query_area.width.saturating_sub(2),
            ..query_area
        };
        self.render_parts(frame, q, list_area, true);
        frame.render_widget(Paragraph::new(hint).style(theme::dim()), hint_area);
    }

    /// Draws what was typed into `query` (taking the terminal cursor when `focused`) and the
    /// matching choices into `list`, for dialogs that hold a picker in their own layout.
    pub(crate) fn render_parts(
        &self,
        frame: &mut Frame<'_>,
        query: Rect,
        list: Rect,
        focused: bool,
    ) {
        let width = list.width as usize;
        if let Some(none) = &self.add
            && self.visible().is_empty()
        {
            frame.render_widget(
                Paragraph::new(none.as_str())
                    .style(theme::dim())
                    .wrap(ratatui::widgets::Wrap { trim: true }),
                list,
            );
            self.query.render_if(frame, query, focused);
            return;
        }
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
                let lead = format!("{indent}{mark}");
                let room =
                    width.saturating_sub(unicode_width::UnicodeWidthStr::width(lead.as_str()));
                ListItem::new(Line::from(vec![
                    Span::raw(lead),
                    Span::raw(super::form::truncate(&c.label, room)),
                ]))
            })
            .collect();
        let mut state = ListState::default().with_selected(self.cursor);
        frame.render_stateful_widget(
            List::new(items).highlight_style(theme::selected()),
            list,
            &mut state,
        );
        if focused || !self.query.value().is_empty() {
            self.query.render_if(frame, query, focused);
        }
    }
}

/// A rectangle of `pw`% × `ph`% of `area`, centred, at least 20×5 when there is room.
pub(crate) fn centered(area: Rect, pw: u16, ph: u16) -> Rect {
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
        let c = |code: &str, label: &str, tg: &str| Choice::new(code, label, &[tg], false);
        Picker::new(
            "t".into(),
            vec![
                c("metal_cage", "Металлическая клетка", "Қафаси оҳанин"),
                c("glass_box", "Стеклянный бокс", "Қуттии шишагин"),
                c("open_dock_bench", "Скамья", "Курсӣ"),
            ],
            multi,
            "",
        )
    }

    fn press(p: &mut Picker, keys: &str) -> PickerEvent {
        let mut last = PickerEvent::None;
        for k in parse(keys) {
            last = p.handle(k);
        }
        last
    }

    /// A choice list takes its own keys, text and Space; a function key or a Ctrl key it has
    /// no use for goes back to its owner (the hearing's Ctrl-T stamps from inside it).
    #[test]
    fn keys_the_list_does_not_use_are_left_to_its_owner() {
        let mut p = picker(false);
        for k in ["<F2>", "<C-t>", "<C-s>", "<Tab>"] {
            assert_eq!(press(&mut p, k), PickerEvent::NotMine, "{k}");
        }
        for k in ["<Space>", "<Down>", "с", "<BS>"] {
            assert_eq!(press(&mut p, k), PickerEvent::None, "{k}");
        }
        assert_eq!(press(&mut p, "<Esc>"), PickerEvent::Cancelled);
    }

    #[test]
    fn a_list_one_may_add_to_offers_adding_when_nothing_matches() {
        let mut p = picker(false).addable("none".into());
        // Something matches: Enter picks it, as in any list.
        assert_eq!(
            press(&mut p, "Скам<Enter>"),
            PickerEvent::Picked("open_dock_bench".into())
        );
        let mut p = picker(false).addable("none".into());
        assert_eq!(
            press(&mut p, "Худжанд<Enter>"),
            PickerEvent::Add("Худжанд".into())
        );
        // Ctrl-N adds whatever matches.
        let mut p = picker(false).addable("none".into());
        assert_eq!(press(&mut p, "Ст<C-n>"), PickerEvent::Add("Ст".into()));
        // A list one may not add to does nothing on Enter when nothing matches, and leaves
        // Ctrl-N to what is behind it.
        let mut p = picker(false);
        assert_eq!(press(&mut p, "Худжанд<Enter>"), PickerEvent::None);
        assert_eq!(press(&mut p, "<C-n>"), PickerEvent::NotMine);
    }

    #[test]
    fn typing_filters_by_label_in_any_case() {
        let mut p = picker(false);
        press(&mut p, "СТЕКЛ");
        assert_eq!(p.visible().len(), 1);
        assert_eq!(
            press(&mut p, "<Enter>"),
            PickerEvent::Picked("glass_box".into())
        );
    }

    #[test]
    fn multi_choice_toggles_with_space_and_keeps_list_order() {
        let mut p = picker(true);
        assert_eq!(
            press(&mut p, "<Down><Space><Up><Space><Enter>"),
            PickerEvent::Picked("metal_cage|glass_box".into())
        );
    }

    /// Defect 1 of issue 15: Space went into the hidden filter of a single-choice list, which
    /// dropped the one-word choices and moved the highlight, so Enter saved another answer.
    #[test]
    fn space_in_a_single_choice_list_changes_nothing() {
        let mut p = picker(false);
        assert_eq!(
            press(&mut p, "<Down><Space><Enter>"),
            PickerEvent::Picked("glass_box".into())
        );
        assert!(p.query().is_empty(), "Space is not typed into the filter");
        assert!(!p.keys().iter().any(|(k, _, _)| k == "Space"));
    }

    /// Defect 4 of issue 15: Enter in a multi-choice list with nothing marked saved nothing,
    /// while a single-choice list took the highlighted item. Now both take the highlighted
    /// item when nothing is marked.
    #[test]
    fn enter_takes_the_highlighted_choice_in_both_kinds_of_list() {
        for multi in [false, true] {
            let mut p = picker(multi);
            assert_eq!(
                press(&mut p, "<Down><Enter>"),
                PickerEvent::Picked("glass_box".into()),
                "multi: {multi}"
            );
        }
    }

    #[test]
    fn an_unchosen_picker_takes_nothing_until_the_user_moves() {
        let mut p = Picker::unchosen("t".into(), picker(false).choices);
        assert_eq!(press(&mut p, "<Enter>"), PickerEvent::None);
        assert_eq!(
            press(&mut p, "<Down><Enter>"),
            PickerEvent::Picked("metal_cage".into())
        );
    }

    /// Defect 6 of issue 15: choice lists searched only the interface language's labels.
    #[test]
    fn typing_finds_other_languages_codes_and_folded_tajik_letters() {
        let mut p = picker(false);
        press(&mut p, "кафаси");
        assert_eq!(p.highlighted().map(|c| c.code.as_str()), Some("metal_cage"));
        let mut p = picker(false);
        press(&mut p, "Стеклянный бокс");
        assert_eq!(
            p.highlighted().map(|c| c.code.as_str()),
            Some("glass_box"),
            "a label of several words is found though Space is not typed"
        );
        let mut p = picker(false);
        press(&mut p, "dock");
        assert_eq!(
            p.highlighted().map(|c| c.code.as_str()),
            Some("open_dock_bench")
        );
    }
}
