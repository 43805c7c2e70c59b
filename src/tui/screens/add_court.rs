//! Adding a court that is not in the shipped list (DESIGN.md §2, "Courts"), opened from the
//! court choice list (Ctrl-N, or Enter when nothing matches what was typed): its name in the
//! interface language (what was typed in the list to start with) and, when known, in the
//! other two, its level, and its region — or "another country" and the country's name. Ctrl-S (or Enter on the last row) adds it;
//! the hearing's court is then set to it.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Cmd, Ctx};
use crate::spec::{Lang, Spec, Text};
use crate::store::NewCourt;
use crate::tui::effect::Effect;
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;
use crate::tui::widgets::text::Editor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Next,
    Prev,
    Less,
    More,
    Enter,
    Save,
    Back,
}

const KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::ctrl('s')], Action::Save, "key-add-court-save"),
    Binding::help_only(
        &[Key::plain(KeyCode::Left)],
        Action::Less,
        "key-previous-value",
    ),
    Binding::new(
        &[Key::plain(KeyCode::Right)],
        Action::More,
        "key-next-value",
    ),
    Binding::help_only(
        &[Key::plain(KeyCode::Enter)],
        Action::Enter,
        "key-next-field",
    ),
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Back, "key-cancel"),
];

/// A key's action: the shared field moves first, then the table's own keys.
fn action(table: &[Binding<Action>], key: &KeyEvent) -> Option<Action> {
    match keys::lookup(keys::FIELD_NAV, key) {
        Some(keys::Field::Next) => Some(Action::Next),
        Some(keys::Field::Prev) => Some(Action::Prev),
        None => keys::lookup(table, key),
    }
}

/// The rows of the dialog, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    /// The name in this language.
    Name(Lang),
    Level,
    Region,
    Country,
}

#[derive(Debug)]
pub struct AddCourt {
    /// The names, in [`Lang::ALL`] order.
    names: [Editor; 3],
    /// An index into the `court_level` list.
    level: usize,
    /// An index into the `region` list; the one past its end is "another country".
    region: usize,
    country: Editor,
    focus: Row,
    /// Whether the hearing's court is set to it once added (opened from its choice list).
    for_hearing: bool,
}

fn codes<'s>(spec: &'s Spec, list: &str) -> Vec<&'s str> {
    spec.list(list)
        .map(|l| l.active().map(|c| c.code.as_str()).collect())
        .unwrap_or_default()
}

impl AddCourt {
    /// Starts with `typed` as the name (what was typed in the choice list).
    pub fn new(typed: &str, for_hearing: bool, ctx: &Ctx<'_>) -> AddCourt {
        let level = codes(ctx.spec, "court_level")
            .iter()
            .position(|c| *c == "district_city")
            .unwrap_or(0);
        let names = Lang::ALL.map(|l| Editor::line(if l == ctx.lang { typed } else { "" }));
        AddCourt {
            names,
            level,
            region: 0,
            country: Editor::line(""),
            focus: Row::Name(ctx.lang),
            for_hearing,
        }
    }

    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        let mut k = keys::describe(keys::FIELD_NAV);
        k.extend(keys::describe(KEYS));
        k
    }

    fn abroad(&self, spec: &Spec) -> bool {
        self.region >= codes(spec, "region").len()
    }

    fn name(&self, lang: Lang) -> &Editor {
        &self.names[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)]
    }

    /// The interface language's name first, then the other two.
    fn rows(&self, spec: &Spec, lang: Lang) -> Vec<Row> {
        let mut rows = vec![Row::Name(lang)];
        rows.extend(Lang::ALL.into_iter().filter(|l| *l != lang).map(Row::Name));
        rows.extend([Row::Level, Row::Region]);
        if self.abroad(spec) {
            rows.push(Row::Country);
        }
        rows
    }

    fn step(&mut self, spec: &Spec, lang: Lang, forward: bool) {
        let rows = self.rows(spec, lang);
        let i = rows.iter().position(|r| *r == self.focus).unwrap_or(0);
        let n = rows.len();
        self.focus = rows[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    }

    /// The court as given, or the message key saying what is missing.
    fn court(&self, ctx: &Ctx<'_>) -> Result<NewCourt, &'static str> {
        let name = |lang: Lang| self.name(lang).value().trim().to_owned();
        let text = Text {
            en: name(Lang::En),
            ru: name(Lang::Ru),
            tg: name(Lang::Tg),
        };
        if [&text.en, &text.ru, &text.tg].iter().all(|n| n.is_empty()) {
            return Err("court-add-no-name");
        }
        let regions = codes(ctx.spec, "region");
        let country = self.country.value().trim().to_owned();
        let (region, country) = match regions.get(self.region) {
            Some(r) => ((*r).to_owned(), String::new()),
            None if country.is_empty() => return Err("court-add-no-country"),
            None => (String::new(), country),
        };
        Ok(NewCourt {
            name: text,
            level: codes(ctx.spec, "court_level")
                .get(self.level)
                .map_or_else(String::new, |c| (*c).to_owned()),
            region,
            country,
        })
    }

    fn save(&self, ctx: &Ctx<'_>) -> Vec<Cmd> {
        match self.court(ctx) {
            Ok(court) => vec![Cmd::Run(Effect::AddCourt {
                court: Box::new(court),
                for_hearing: self.for_hearing,
            })],
            Err(key) => vec![Cmd::Status(ctx.t(key), true)],
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        // A text row sees a key first: letters are text here, in any layout.
        let editor = match self.focus {
            Row::Name(lang) => {
                let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
                Some(&mut self.names[i])
            }
            Row::Country => Some(&mut self.country),
            Row::Level | Row::Region => None,
        };
        if let Some(e) = editor
            && e.handle(key).is_some()
        {
            return Vec::new();
        }
        let Some(action) = action(KEYS, &key) else {
            return Vec::new();
        };
        let spec = ctx.spec;
        match action {
            Action::Back => return vec![Cmd::Pop],
            Action::Save => return self.save(ctx),
            Action::Next => self.step(spec, ctx.lang, true),
            Action::Prev => self.step(spec, ctx.lang, false),
            Action::Enter => {
                if self.rows(spec, ctx.lang).last() == Some(&self.focus) {
                    return self.save(ctx);
                }
                self.step(spec, ctx.lang, true);
            }
            Action::Less | Action::More => {
                let forward = action == Action::More;
                let (value, n) = match self.focus {
                    Row::Level => (&mut self.level, codes(spec, "court_level").len()),
                    // The regions, then "another country".
                    Row::Region => (&mut self.region, codes(spec, "region").len() + 1),
                    Row::Name(_) | Row::Country => return Vec::new(),
                };
                let n = n.max(1);
                *value = if forward {
                    (*value + 1) % n
                } else {
                    (*value + n - 1) % n
                };
            }
        }
        Vec::new()
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let spec = ctx.spec;
        let label_w = (area.width * 2 / 5).clamp(10, 28);
        let value_x = area.x + label_w + 1;
        let value_w = area.width.saturating_sub(label_w + 1);
        let hint = ctx.t("court-add-hint");
        let hint_rows = u16::try_from(
            crate::tui::widgets::text::wrap(&hint, usize::from(area.width.max(1)), 3).len(),
        )
        .unwrap_or(1);
        frame.render_widget(
            Paragraph::new(hint)
                .style(theme::dim())
                .wrap(Wrap { trim: true }),
            Rect {
                height: hint_rows.min(area.height),
                ..area
            },
        );
        let name_label = |lang: Lang| {
            ctx.texts.t_args(
                ctx.lang,
                "court-add-name",
                &[(
                    "language",
                    crate::i18n::Arg::Str(&ctx.t(&format!("language-{}", lang.code()))),
                )],
            )
        };
        let level = codes(spec, "court_level")
            .get(self.level)
            .map_or(String::new(), |c| {
                spec.code_label("court_level", c, ctx.lang).to_owned()
            });
        let region = match codes(spec, "region").get(self.region) {
            Some(r) => spec.code_label("region", r, ctx.lang).to_owned(),
            None => ctx.t("court-add-abroad"),
        };
        let mut cursor = None;
        for (i, row) in self.rows(spec, ctx.lang).into_iter().enumerate() {
            let y = area.y + hint_rows + 1 + i as u16;
            if y >= area.bottom() {
                break;
            }
            let label = match row {
                Row::Name(lang) => name_label(lang),
                Row::Level => ctx.t("court-add-level"),
                Row::Region => ctx.t("court-add-region"),
                Row::Country => ctx.t("court-add-country"),
            };
            let focused = row == self.focus;
            let style = if focused {
                theme::focused()
            } else {
                theme::label()
            };
            let label = crate::tui::widgets::form::truncate(&label, usize::from(label_w));
            frame.render_widget(
                Paragraph::new(Span::styled(label, style)),
                Rect {
                    x: area.x,
                    y,
                    width: label_w,
                    height: 1,
                },
            );
            let value_area = Rect {
                x: value_x,
                y,
                width: value_w,
                height: 1,
            };
            match row {
                Row::Name(_) | Row::Country => {
                    let editor = match row {
                        Row::Name(lang) => self.name(lang),
                        _ => &self.country,
                    };
                    if focused {
                        cursor = Some((editor, value_area));
                    } else {
                        frame.render_widget(
                            Paragraph::new(Span::styled(editor.value(), theme::value())),
                            value_area,
                        );
                    }
                }
                Row::Level | Row::Region => {
                    let value = if row == Row::Level { &level } else { &region };
                    let text = crate::tui::widgets::form::truncate(
                        &format!("‹ {value} ›"),
                        usize::from(value_w),
                    );
                    frame.render_widget(
                        Paragraph::new(Line::from(Span::styled(text, theme::value()))),
                        value_area,
                    );
                    if focused {
                        frame.set_cursor_position((value_x, y));
                    }
                }
            }
        }
        // Drawn last: the terminal cursor stays in the text row.
        if let Some((editor, at)) = cursor {
            editor.render(frame, at, theme::value());
        }
    }
}
