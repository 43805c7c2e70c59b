//! The hearing list: newest first, with date, court, case number, status and flags. Only the
//! rows around the selection are loaded, so it stays fast with any number of hearings.

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{Cmd, Ctx, Screen};
use crate::i18n::Arg;
use crate::spec::COURT_LIST;
use crate::store::{Filter, HearingSummary, Sort, SortColumn};
use crate::tui::effect::{Effect, Outcome};
use crate::tui::keys::{self, Binding, Key, Nav};
use crate::tui::theme;
use crate::tui::widgets::filter::{FilterKey, FilterPanel};
use crate::tui::widgets::form::truncate;
use crate::tui::widgets::text::Editor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    New,
    NextHearing,
    Trial,
    Agenda,
    Open,
    View,
    Search,
    Filter,
    Stats,
    SortNext,
    SortReverse,
    Lang,
    Settings,
    Help,
    Quit,
    Export,
    Merge,
    Conflicts,
}

const KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::ch('n')], Action::New, "key-new-hearing"),
    Binding::new(&[Key::plain(KeyCode::Enter)], Action::Open, "key-open"),
    Binding::new(&[Key::ch('v')], Action::View, "key-view"),
    Binding::new(&[Key::ch('/')], Action::Search, "key-search"),
    Binding::new(&[Key::ch('f')], Action::Filter, "key-filter"),
    Binding::new(&[Key::ch('e')], Action::Export, "key-export"),
    Binding::new(&[Key::ch('m')], Action::Merge, "key-merge"),
    Binding::new(&[Key::ch('s')], Action::Stats, "key-statistics"),
    Binding::new(&[Key::ch('h')], Action::NextHearing, "key-next-hearing"),
    Binding::new(&[Key::ch('t')], Action::Trial, "key-case"),
    Binding::new(&[Key::ch('a')], Action::Agenda, "key-agenda"),
    Binding::help_only(&[Key::ch('c')], Action::Conflicts, "key-conflicts"),
    Binding::help_only(&[Key::ch('o')], Action::SortNext, "key-sort"),
    Binding::help_only(&[Key::ch('r')], Action::SortReverse, "key-sort-reverse"),
    Binding::new(&[Key::ch('l')], Action::Lang, "key-language"),
    Binding::new(&[Key::f(9)], Action::Settings, "key-settings"),
    Binding::help_only(&[Key::ch('?')], Action::Help, "key-help"),
    Binding::new(&[Key::ch('q')], Action::Quit, "key-quit"),
];

/// A binding of the list on a read-only database, derived from the list's table: keys that
/// edit are left out, and Enter shows the detail view (as `v` does) instead of the form.
fn read_only(b: &Binding<Action>) -> Option<Binding<Action>> {
    match b.action {
        Action::New | Action::NextHearing | Action::Export | Action::Merge | Action::Settings => {
            None
        }
        Action::Open => Some(Binding {
            action: Action::View,
            label: "key-view",
            ..*b
        }),
        // Enter says it in the footer.
        Action::View => Some(Binding {
            footer: false,
            ..*b
        }),
        _ => Some(*b),
    }
}

const SEARCH_KEYS: &[Binding<Action>] = &[
    Binding::new(
        &[Key::plain(KeyCode::Enter)],
        Action::Search,
        "key-apply-search",
    ),
    Binding::new(
        &[Key::plain(KeyCode::Esc)],
        Action::Quit,
        "key-clear-search",
    ),
];

/// The list's keys: its table, or on a read-only database the table without the keys that
/// edit (derived, never a copy).
fn table(ctx: &Ctx<'_>) -> Vec<Binding<Action>> {
    if ctx.read_only {
        KEYS.iter().filter_map(read_only).collect()
    } else {
        KEYS.to_vec()
    }
}

/// Rows loaded around the selection.
const WINDOW: u64 = 60;
/// Rows a page key moves.
const PAGE: u64 = 15;

#[derive(Debug, Default)]
pub struct HearingList {
    rows: Vec<HearingSummary>,
    offset: u64,
    total: u64,
    selected: u64,
    filter: Filter,
    sort: Sort,
    search: Option<Editor>,
    panel: Option<Box<FilterPanel>>,
    loading: bool,
    /// Since when drafts have gone without a backup, and after how many days to remind.
    backup_due: Option<(DateTime<FixedOffset>, u64)>,
    /// No lead's key is in the roster: the empty list says how to get one.
    no_lead_key: bool,
}

impl HearingList {
    pub fn new() -> HearingList {
        HearingList::default()
    }

    /// Whether the roster holds a lead's key (as the database said when it opened).
    pub fn set_lead_key(&mut self, present: bool) {
        self.no_lead_key = !present;
    }

    /// The effect that counts the matches and loads the window around the selection.
    pub fn reload(&mut self) -> Effect {
        self.load(None)
    }

    /// Loads the window around the selection; `total` is the number of matches when known.
    fn load(&mut self, total: Option<u64>) -> Effect {
        self.loading = true;
        let offset = self.selected.saturating_sub(WINDOW / 2);
        Effect::LoadList {
            filter: Box::new(self.filter.clone()),
            sort: self.sort,
            offset,
            limit: WINDOW,
            total,
        }
    }

    pub fn keys(&self, ctx: &Ctx<'_>) -> Vec<(String, &'static str, bool)> {
        if let Some(panel) = &self.panel {
            return panel.keys();
        }
        if self.search.is_some() {
            return keys::describe(SEARCH_KEYS);
        }
        let mut k = keys::describe(&table(ctx));
        k.extend(keys::describe(keys::NAV));
        k.extend(keys::describe(keys::LETTER_NAV));
        k
    }

    fn current(&self) -> Option<&HearingSummary> {
        self.selected
            .checked_sub(self.offset)
            .and_then(|i| self.rows.get(i as usize))
    }

    fn moved(&mut self, to: u64) -> Vec<Cmd> {
        self.selected = to.min(self.total.saturating_sub(1));
        let loaded = self.offset..self.offset + self.rows.len() as u64;
        if !loaded.contains(&self.selected) && !self.loading && self.total > 0 {
            return vec![Cmd::Run(self.load(Some(self.total)))];
        }
        Vec::new()
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        if let Some(panel) = &mut self.panel {
            return match panel.handle_key(key, ctx.spec, ctx.lang, ctx.texts) {
                FilterKey::Open => Vec::new(),
                FilterKey::Cancel => {
                    self.panel = None;
                    Vec::new()
                }
                FilterKey::Apply(filter) => {
                    self.panel = None;
                    self.filter = *filter;
                    self.selected = 0;
                    vec![Cmd::Run(self.reload())]
                }
            };
        }
        if let Some(search) = &mut self.search {
            if search.handle(key).is_some() {
                return Vec::new();
            }
            return match keys::lookup(SEARCH_KEYS, &key) {
                Some(Action::Search) => {
                    let text = search.value().trim().to_owned();
                    self.search = None;
                    self.filter.search = (!text.is_empty()).then_some(text);
                    self.selected = 0;
                    vec![Cmd::Run(self.reload())]
                }
                Some(_) => {
                    self.search = None;
                    if self.filter.search.take().is_some() {
                        self.selected = 0;
                        return vec![Cmd::Run(self.reload())];
                    }
                    Vec::new()
                }
                None => Vec::new(),
            };
        }
        if let Some(nav) = keys::lookup(keys::NAV, &key).or(keys::lookup(keys::LETTER_NAV, &key)) {
            let last = self.total.saturating_sub(1);
            return self.moved(match nav {
                Nav::Up => self.selected.saturating_sub(1),
                Nav::Down => self.selected + 1,
                Nav::PageUp => self.selected.saturating_sub(PAGE),
                Nav::PageDown => self.selected + PAGE,
                Nav::Home => 0,
                Nav::End => last,
            });
        }
        match keys::lookup(&table(ctx), &key) {
            Some(Action::New) => vec![Cmd::Run(Effect::NewHearing)],
            Some(Action::NextHearing) => {
                let picker = super::case_picker::CasePicker::new();
                let find = picker.find();
                vec![
                    Cmd::Push(Box::new(super::Screen::CasePicker(picker))),
                    Cmd::Run(find),
                ]
            }
            Some(Action::Trial) => self
                .current()
                .map(|h| vec![Cmd::Run(Effect::LoadTrial(h.uuid))])
                .unwrap_or_default(),
            Some(Action::Agenda) => vec![Cmd::Run(Effect::LoadAgenda)],
            Some(Action::View) => self
                .current()
                .map(|h| vec![Cmd::Run(Effect::ViewHearing(h.uuid))])
                .unwrap_or_default(),
            Some(Action::Open) => self
                .current()
                .map(|h| vec![Cmd::Run(Effect::OpenHearing(h.uuid))])
                .unwrap_or_default(),
            Some(Action::Search) => {
                self.search = Some(Editor::line(self.filter.search.as_deref().unwrap_or("")));
                Vec::new()
            }
            Some(Action::Stats) => vec![Cmd::Run(Effect::LoadStats(Box::new(self.filter.clone())))],
            Some(Action::Filter) => {
                self.panel = Some(Box::new(FilterPanel::new(&self.filter)));
                Vec::new()
            }
            Some(Action::SortNext) => {
                let i = SortColumn::ALL
                    .iter()
                    .position(|c| *c == self.sort.column)
                    .unwrap_or(0);
                self.sort.column = SortColumn::ALL[(i + 1) % SortColumn::ALL.len()];
                self.selected = 0;
                vec![Cmd::Run(self.reload())]
            }
            Some(Action::SortReverse) => {
                self.sort.descending = !self.sort.descending;
                self.selected = 0;
                vec![Cmd::Run(self.reload())]
            }
            Some(Action::Lang) => vec![Cmd::CycleLang],
            Some(Action::Settings) => vec![Cmd::OpenSettings],
            Some(Action::Help) => vec![Cmd::Help],
            Some(Action::Quit) => vec![Cmd::Quit],
            Some(Action::Export) => vec![
                Cmd::Push(Box::new(Screen::Export(Box::default()))),
                Cmd::Run(Effect::ExportInfo),
            ],
            Some(Action::Merge) => vec![
                Cmd::Push(Box::new(Screen::Merge(Box::default()))),
                Cmd::Run(Effect::FindBatches { folder: None }),
            ],
            Some(Action::Conflicts) => vec![
                Cmd::Push(Box::new(Screen::Conflicts(Box::default()))),
                Cmd::Run(Effect::LoadConflicts { all: false }),
            ],
            None => Vec::new(),
        }
    }

    pub fn on_outcome(&mut self, outcome: Outcome, _ctx: &Ctx<'_>) -> Vec<Cmd> {
        match outcome {
            Outcome::ListLoaded {
                rows,
                total,
                offset,
            } => {
                self.loading = false;
                self.rows = rows;
                if let Some(total) = total {
                    self.total = total;
                }
                self.offset = offset;
                self.selected = self.selected.min(self.total.saturating_sub(1));
                Vec::new()
            }
            Outcome::BackupDue { since, days } => {
                self.backup_due = since.map(|s| (s, days));
                Vec::new()
            }
            Outcome::Saved => Vec::new(),
            _ => Vec::new(),
        }
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        if area.height < 3 {
            return;
        }
        // The search prompt, while open, has a line of its own above the count and legend
        // (drawn over them, it left the legend's end after what was typed).
        let prompt_h = u16::from(self.search.is_some());
        let table_area = Rect {
            height: area.height - 1 - prompt_h,
            ..area
        };
        let info_area = Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        };
        let prompt_area = Rect {
            y: info_area.y - prompt_h,
            ..info_area
        };
        // Wider terminals get the reviewer's columns: region, judge, stage and monitor.
        let wide = area.width >= 110;
        let arrow = if self.sort.descending { "▼" } else { "▲" };
        let title = |key: &str, column: Option<SortColumn>| {
            let t = ctx.t(key);
            if column == Some(self.sort.column) {
                Cell::from(format!("{t}{arrow}"))
            } else {
                Cell::from(t)
            }
        };
        let mut head = vec![
            title("list-date", Some(SortColumn::Date)),
            title("list-court", Some(SortColumn::Court)),
        ];
        if wide {
            head.push(title("list-region", None));
            head.push(title("list-judge", Some(SortColumn::Judge)));
        }
        head.push(title("list-case", Some(SortColumn::CaseNumber)));
        if wide {
            head.push(title("list-stage", None));
            head.push(title("list-monitor", Some(SortColumn::Monitor)));
        }
        head.push(title("list-status", Some(SortColumn::Status)));
        head.push(title("list-flags", None));
        let header = Row::new(head).style(theme::section());
        let texts: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|h| {
                let court = ctx.spec.code_label(COURT_LIST, &h.court, ctx.lang);
                let status = ctx.t(&format!("status-{}", h.status));
                let flags: String = [
                    (h.allegation, 'A'),
                    (h.closed, 'C'),
                    (h.no_counsel, 'N'),
                    (h.follow_up, 'F'),
                ]
                .iter()
                .map(|&(on, c)| if on { c } else { '·' })
                .collect();
                let date = if h.hearing_date.is_empty() {
                    "—".to_owned()
                } else {
                    h.hearing_date.clone()
                };
                let mut cells = vec![date, court.to_owned()];
                if wide {
                    let region = ctx
                        .spec
                        .court(&h.court)
                        .map_or("", |c| ctx.spec.code_label("region", &c.region, ctx.lang));
                    cells.push(region.to_owned());
                    cells.push(h.judge.clone());
                }
                cells.push(h.case_number.clone());
                if wide {
                    let stage = crate::spec::split_multi(&h.stages)
                        .next()
                        .map_or("", |c| ctx.spec.code_label("hearing_stage", c, ctx.lang));
                    cells.push(stage.to_owned());
                    cells.push(h.monitor.clone());
                }
                cells.push(status);
                cells.push(flags);
                cells
            })
            .collect();
        // The case number and status columns fit their longest text (a case number is never
        // cut while the court has room); the court, judge and stage share the rest.
        let fit = |column: usize, title: &str, cap: u16| -> u16 {
            let widest = texts
                .iter()
                .filter_map(|r| r.get(column))
                .map(|t| UnicodeWidthStr::width(t.as_str()))
                .chain([UnicodeWidthStr::width(title) + 1])
                .max()
                .unwrap_or(0);
            u16::try_from(widest).unwrap_or(cap).clamp(6, cap)
        };
        let statuses = ["draft", "final", "reviewed"]
            .map(|s| ctx.t(&format!("status-{s}")))
            .into_iter()
            .chain([ctx.t("list-status")])
            .map(|t| UnicodeWidthStr::width(t.as_str()) + 1)
            .max()
            .unwrap_or(10);
        let status_w = u16::try_from(statuses).unwrap_or(10).clamp(6, 16);
        let widths: Vec<Constraint> = if wide {
            vec![
                Constraint::Length(10),
                Constraint::Fill(2),
                Constraint::Length(12),
                Constraint::Fill(1),
                Constraint::Length(fit(4, &ctx.t("list-case"), 24)),
                Constraint::Fill(1),
                Constraint::Length(fit(6, &ctx.t("list-monitor"), 10)),
                Constraint::Length(status_w),
                Constraint::Length(5),
            ]
        } else {
            vec![
                Constraint::Length(10),
                Constraint::Fill(1),
                Constraint::Length(fit(2, &ctx.t("list-case"), 24)),
                Constraint::Length(status_w),
                Constraint::Length(5),
            ]
        };
        // What the table gives each column, to cut a longer text with "…" rather than
        // drop its end silently.
        let columns = Layout::horizontal(widths.clone())
            .spacing(1)
            .split(table_area);
        let rows: Vec<Row<'_>> =
            texts
                .into_iter()
                .map(|cells| {
                    Row::new(cells.into_iter().zip(columns.iter()).map(|(text, column)| {
                        Cell::from(truncate(&text, usize::from(column.width)))
                    }))
                })
                .collect();
        let table = Table::new(rows, widths)
            .header(header)
            .row_highlight_style(theme::selected())
            .column_spacing(1);
        let mut state = TableState::default()
            .with_selected(self.selected.checked_sub(self.offset).map(|i| i as usize));
        frame.render_stateful_widget(table, table_area, &mut state);
        if let Some(i) = state.selected() {
            let y = table_area.y + 1 + (i - state.offset()) as u16;
            if y < table_area.bottom() {
                frame.set_cursor_position((table_area.x, y));
            }
        }
        if self.total == 0 && !self.loading {
            let empty = if !self.filter.is_empty() {
                ctx.t("list-no-match")
            } else if ctx.read_only {
                ctx.t("list-empty-read-only")
            } else {
                ctx.t("list-empty")
            };
            frame.render_widget(
                Paragraph::new(empty).style(theme::dim()),
                Rect {
                    y: table_area.y + 2,
                    height: 1,
                    ..table_area
                },
            );
            // A new database (the first run) without a lead's key: how to get it, so that
            // batches leave sealed to the lead. The command line's `init` says the same.
            if self.no_lead_key && self.filter.is_empty() && !ctx.read_only {
                let hint = Paragraph::new(ctx.t("list-lead-key-hint")).wrap(Wrap { trim: true });
                let y = table_area.y + 4;
                if y < table_area.bottom() {
                    frame.render_widget(
                        hint,
                        Rect {
                            y,
                            height: table_area.bottom() - y,
                            ..table_area
                        },
                    );
                }
            }
        }
        let count = ctx.texts.t_args(
            ctx.lang,
            "list-count",
            &[
                ("count", Arg::Num(self.total.min(i64::MAX as u64) as i64)),
                ("total", Arg::Num(self.total as i64)),
            ],
        );
        let mut spans = vec![Span::styled(count, theme::dim())];
        if let Some(days) = self
            .backup_due
            .and_then(|(since, days)| crate::store::overdue(since, ctx.now, days))
        {
            spans.push(Span::styled(
                format!(
                    "   {}",
                    ctx.texts
                        .t_args(ctx.lang, "list-backup-due", &[("days", Arg::Num(days))])
                ),
                theme::error(),
            ));
        }
        if let Some(s) = &self.filter.search {
            spans.push(Span::styled(
                format!("   {} «{s}»", ctx.t("list-searching")),
                theme::key(),
            ));
        }
        let filtered = Filter {
            search: None,
            ..self.filter.clone()
        };
        if !filtered.is_empty() {
            spans.push(Span::styled(
                format!("   {}", ctx.t("list-filtered")),
                theme::key(),
            ));
        }
        spans.push(Span::styled(
            format!("   {}", ctx.t("list-flags-legend")),
            theme::dim(),
        ));
        frame.render_widget(Paragraph::new(Line::from(spans)), info_area);
        if let Some(search) = &self.search {
            let prompt = format!("{} ", ctx.t("list-search-prompt"));
            let w = unicode_width::UnicodeWidthStr::width(prompt.as_str()) as u16;
            frame.render_widget(Paragraph::new(prompt).style(theme::key()), prompt_area);
            search.render(
                frame,
                Rect {
                    x: prompt_area.x + w,
                    width: prompt_area.width.saturating_sub(w),
                    ..prompt_area
                },
                theme::value(),
            );
        }
        if let Some(panel) = &self.panel {
            panel.render(frame, area, ctx.spec, ctx.lang, ctx.texts);
        }
    }
}
