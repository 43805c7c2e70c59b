//! The filter panel of the hearing list: the filters of `courtwatch list` (dates, court,
//! region, judge, monitor, case tag, article, status) in a popup. Text rows are typed into;
//! coded rows open the searchable picker.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::form::{choices, truncate};
use super::picker::{Choice, Picker, PickerEvent, centered};
use super::text::Editor;
use crate::domain::Status;
use crate::spec::{COURT_LIST, Lang, Spec};
use crate::store::Filter;
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Next,
    Prev,
    /// A coded row opens its choice list; a text row applies the filter.
    Enter,
    Clear,
    Apply,
    ClearAll,
    Cancel,
}

/// The panel's keys: they drive its dispatch, the footer, help and the hint under its rows.
const KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::plain(KeyCode::Enter)], Action::Enter, "key-choose"),
    Binding::new(&[Key::ctrl('a')], Action::Apply, "key-apply-filter"),
    Binding::new(
        &[Key::plain(KeyCode::Delete)],
        Action::Clear,
        "key-clear-choice",
    ),
    Binding::new(&[Key::ctrl('x')], Action::ClearAll, "key-clear-filter"),
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Cancel, "key-close"),
];

/// A key's action: the shared field moves first, then the table's own keys.
fn action(table: &[Binding<Action>], key: &KeyEvent) -> Option<Action> {
    match keys::lookup(keys::FIELD_NAV, key) {
        Some(keys::Field::Next) => Some(Action::Next),
        Some(keys::Field::Prev) => Some(Action::Prev),
        None => keys::lookup(table, key),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    From,
    To,
    Court,
    Region,
    Judge,
    Monitor,
    Tag,
    Article,
    Status,
}

const ROWS: [Row; 9] = [
    Row::From,
    Row::To,
    Row::Court,
    Row::Region,
    Row::Judge,
    Row::Monitor,
    Row::Tag,
    Row::Article,
    Row::Status,
];

impl Row {
    fn label(self) -> &'static str {
        match self {
            Row::From => "filter-from",
            Row::To => "filter-to",
            Row::Court => "filter-court",
            Row::Region => "filter-region",
            Row::Judge => "filter-judge",
            Row::Monitor => "filter-monitor",
            Row::Tag => "filter-tag",
            Row::Article => "filter-article",
            Row::Status => "filter-status",
        }
    }

    /// The code list of a coded row.
    fn list(self) -> Option<&'static str> {
        match self {
            Row::Court => Some(COURT_LIST),
            Row::Region => Some("region"),
            Row::Tag => Some("case_tag"),
            Row::Status => Some("status"),
            _ => None,
        }
    }
}

/// What a key did to the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FilterKey {
    Open,
    Apply(Box<Filter>),
    Cancel,
}

#[derive(Debug)]
pub(crate) struct FilterPanel {
    filter: Filter,
    focus: usize,
    editor: Option<Editor>,
    picker: Option<Picker>,
}

fn get(f: &Filter, row: Row) -> Option<String> {
    match row {
        Row::From => f.from.clone(),
        Row::To => f.to.clone(),
        Row::Court => f.court.clone(),
        Row::Region => f.region.clone(),
        Row::Judge => f.judge.clone(),
        Row::Monitor => f.monitor.clone(),
        Row::Tag => f.tag.clone(),
        Row::Article => f.article.clone(),
        Row::Status => f.status.map(|s| s.code().to_owned()),
    }
}

fn set(f: &mut Filter, row: Row, value: String) {
    let v = Some(value.trim().to_owned()).filter(|v| !v.is_empty());
    match row {
        Row::From => f.from = v,
        Row::To => f.to = v,
        Row::Court => f.court = v,
        Row::Region => f.region = v,
        Row::Judge => f.judge = v,
        Row::Monitor => f.monitor = v,
        Row::Tag => f.tag = v,
        Row::Article => f.article = v,
        Row::Status => f.status = v.and_then(|s| Status::parse(&s)),
    }
}

impl FilterPanel {
    pub fn new(filter: &Filter) -> FilterPanel {
        let mut p = FilterPanel {
            filter: filter.clone(),
            focus: 0,
            editor: None,
            picker: None,
        };
        p.open_editor();
        p
    }

    fn row(&self) -> Row {
        ROWS[self.focus]
    }

    fn open_editor(&mut self) {
        self.editor = match self.row().list() {
            None => Some(Editor::line(
                &get(&self.filter, self.row()).unwrap_or_default(),
            )),
            Some(_) => None,
        };
    }

    fn commit(&mut self) {
        if let Some(e) = &self.editor {
            set(&mut self.filter, ROWS[self.focus], e.value());
        }
    }

    fn choices(spec: &Spec, row: Row, lang: Lang, texts: &crate::i18n::Texts) -> Vec<Choice> {
        match row.list() {
            Some("status") => ["draft", "final", "reviewed"]
                .iter()
                .map(|c| {
                    let key = format!("status-{c}");
                    let all: Vec<String> = Lang::ALL.iter().map(|l| texts.t(*l, &key)).collect();
                    let all: Vec<&str> = all.iter().map(String::as_str).collect();
                    Choice::new(c, &texts.t(lang, &key), &all, false)
                })
                .collect(),
            Some(list) => choices(spec, list, lang),
            None => Vec::new(),
        }
    }

    /// The keys the panel answers now (its choice list's while one is open).
    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        match &self.picker {
            Some(p) => p.keys(),
            None => {
                let mut k = keys::describe(keys::FIELD_NAV);
                k.extend(keys::describe(KEYS));
                k
            }
        }
    }

    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        spec: &Spec,
        lang: Lang,
        texts: &crate::i18n::Texts,
    ) -> FilterKey {
        if let Some(p) = &mut self.picker {
            match p.handle(key) {
                PickerEvent::Picked(v) => {
                    set(&mut self.filter, ROWS[self.focus], v);
                    self.picker = None;
                }
                PickerEvent::Cancelled => self.picker = None,
                // The panel is modal: a key its choice list leaves does nothing (and it is
                // not a list one adds to).
                PickerEvent::None | PickerEvent::NotMine | PickerEvent::Add(_) => {}
            }
            return FilterKey::Open;
        }
        if let Some(e) = &mut self.editor
            && e.handle(key).is_some()
        {
            return FilterKey::Open;
        }
        match action(KEYS, &key) {
            Some(Action::Cancel) => return FilterKey::Cancel,
            Some(action @ (Action::Next | Action::Prev)) => {
                self.commit();
                let n = ROWS.len();
                self.focus = if action == Action::Next {
                    (self.focus + 1) % n
                } else {
                    (self.focus + n - 1) % n
                };
                self.open_editor();
            }
            Some(Action::Enter) if self.editor.is_none() => {
                let current = get(&self.filter, self.row()).unwrap_or_default();
                let title = texts.t(lang, self.row().label());
                self.picker = Some(Picker::new(
                    title,
                    Self::choices(spec, self.row(), lang, texts),
                    false,
                    &current,
                ));
            }
            Some(Action::Enter | Action::Apply) => {
                self.commit();
                return FilterKey::Apply(Box::new(self.filter.clone()));
            }
            Some(Action::Clear) => {
                set(&mut self.filter, ROWS[self.focus], String::new());
                self.open_editor();
            }
            Some(Action::ClearAll) => {
                let search = self.filter.search.take();
                self.filter = Filter {
                    search,
                    ..Filter::default()
                };
                self.open_editor();
            }
            None => {}
        }
        FilterKey::Open
    }

    pub fn render(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        spec: &Spec,
        lang: Lang,
        texts: &crate::i18n::Texts,
    ) {
        // As tall as its rows and wrapped hint need, up to the whole area; when the rows do
        // not all fit (a small terminal), they scroll with the focus.
        let hint = Paragraph::new(super::chrome::hint(texts, lang, &self.keys()))
            .style(theme::dim())
            .wrap(Wrap { trim: true });
        let mut popup = centered(area, 70, 80);
        let hint_h = super::chrome::rows(&hint, popup.width.saturating_sub(2)).max(1);
        let rows = ROWS.len() as u16;
        popup.height = rows
            .saturating_add(hint_h)
            .saturating_add(2)
            .min(area.height);
        popup.y = area.y + (area.height - popup.height) / 2;
        frame.render_widget(Clear, popup);
        let block = Block::bordered()
            .title(texts.t(lang, "filter-title"))
            .style(theme::popup());
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let hint_h = hint_h.min(inner.height.saturating_sub(1));
        let shown = usize::from(inner.height.saturating_sub(hint_h));
        let first = (self.focus + 1).saturating_sub(shown);
        let label_w = 24u16.min(inner.width / 2);
        for (n, (i, row)) in ROWS.iter().enumerate().skip(first).take(shown).enumerate() {
            let y = inner.y + n as u16;
            let style = if i == self.focus {
                theme::focused()
            } else {
                theme::label()
            };
            frame.render_widget(
                Paragraph::new(Line::styled(texts.t(lang, row.label()), style)),
                Rect {
                    x: inner.x,
                    y,
                    width: label_w,
                    height: 1,
                },
            );
            let varea = Rect {
                x: inner.x + label_w + 1,
                y,
                width: inner.width.saturating_sub(label_w + 1),
                height: 1,
            };
            match (&self.editor, i == self.focus) {
                (Some(e), true) => e.render(frame, varea, theme::value()),
                _ => {
                    let value = get(&self.filter, *row).map(|v| match row.list() {
                        Some("status") => texts.t(lang, &format!("status-{v}")),
                        Some(list) => spec.code_label(list, &v, lang).to_owned(),
                        None => v,
                    });
                    let text = value.map_or(Span::styled("·", theme::dim()), |v| {
                        Span::styled(truncate(&v, varea.width as usize), theme::value())
                    });
                    frame.render_widget(Paragraph::new(Line::from(text)), varea);
                    if i == self.focus {
                        frame.set_cursor_position((varea.x, y));
                    }
                }
            }
        }
        let hint_area = Rect {
            y: inner.bottom().saturating_sub(hint_h),
            height: hint_h,
            ..inner
        };
        frame.render_widget(hint, hint_area);
        if let Some(p) = &self.picker {
            p.render(frame, area, &texts.t(lang, "picker-hint"));
        }
    }
}
