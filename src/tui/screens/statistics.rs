//! The statistics screen: every figure of the reviewers' statistics for the list's current
//! filter, which it names at the top, each with its numerator and denominator, its 95 %
//! interval and a bar, grouped as reports print them; `b` breaks every figure down by its
//! codes, court, region, judge, month or monitor in turn; `r` and `x` write a public report
//! of the same filter (HTML, XLSX) next to the database.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Cmd, Ctx};
use crate::stats::{By, Kind, Labels, Stats};
use crate::store::Filter;
use crate::tui::effect::Effect;
use crate::tui::keys::{self, Binding, Key, Nav};
use crate::tui::theme;
use crate::tui::widgets::chrome;
use crate::tui::widgets::form::truncate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Page,
    Breakdown,
    Report,
    Workbook,
    Back,
}

const KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::ch(' ')], Action::Page, "key-page-down"),
    Binding::new(&[Key::ch('b')], Action::Breakdown, "key-stats-breakdown"),
    Binding::new(&[Key::ch('r')], Action::Report, "key-report"),
    Binding::new(&[Key::ch('x')], Action::Workbook, "key-report-xlsx"),
    Binding::new(
        &[Key::plain(KeyCode::Esc), Key::ch('q')],
        Action::Back,
        "key-back",
    ),
];

/// Lines a page key scrolls.
const PAGE: usize = 15;

/// What `b` steps through: no breakdown, then each kind in turn.
const BREAKDOWNS: [Option<By>; 7] = [
    None,
    Some(By::Code),
    Some(By::Court),
    Some(By::Region),
    Some(By::Judge),
    Some(By::Month),
    Some(By::Monitor),
];

/// One line of the screen.
#[derive(Debug, Clone)]
enum Item {
    Group(String),
    /// The heading of a figure's breakdown (`by court`).
    Sub(String),
    /// A figure, or (indented) one row of its breakdown.
    Figure {
        label: String,
        value: String,
        /// The 95 % interval of a share, or empty.
        interval: String,
        share: Option<f64>,
    },
}

#[derive(Debug)]
pub struct Statistics {
    stats: Stats,
    by: Option<By>,
    items: Vec<Item>,
    scroll: usize,
    /// The filter the figures are for.
    filter: Filter,
}

impl Statistics {
    pub fn new(stats: Stats, filter: Filter, ctx: &Ctx<'_>) -> Statistics {
        let mut screen = Statistics {
            stats,
            by: None,
            items: Vec::new(),
            scroll: 0,
            filter,
        };
        screen.items = screen.lines(ctx);
        screen
    }

    fn lines(&self, ctx: &Ctx<'_>) -> Vec<Item> {
        let names = Labels {
            spec: ctx.spec,
            texts: ctx.texts,
            lang: ctx.lang,
        };
        let stats = &self.stats;
        let mut items = Vec::new();
        for g in &stats.groups {
            items.push(Item::Group(names.group(g.id)));
            for f in &g.figures {
                let share = if f.kind == Kind::Share { f.share } else { None };
                items.push(Item::Figure {
                    label: names.figure(f, stats.settings),
                    value: names.value(f),
                    interval: names.interval(f),
                    share,
                });
                let Some(b) = self.by.and_then(|by| f.breakdown(by)) else {
                    continue;
                };
                if b.by != By::Code {
                    items.push(Item::Sub(format!("  {}", names.by(b.by))));
                }
                for r in &b.rows {
                    items.push(Item::Figure {
                        label: format!("    {}", names.key(b, &r.key)),
                        value: names.row_value(r),
                        interval: names.row_interval(r),
                        share: r.share,
                    });
                }
            }
        }
        items
    }

    fn report(&self, xlsx: bool) -> Vec<Cmd> {
        vec![Cmd::Run(Effect::WriteReport {
            filter: Box::new(self.filter.clone()),
            xlsx,
        })]
    }

    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        // The figures are taller than the terminal: the page keys are in the footer.
        let mut k = keys::describe_nav(true);
        k.extend(keys::describe(KEYS));
        k
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        let action = keys::lookup(KEYS, &key);
        let nav = keys::nav(&key).or((action == Some(Action::Page)).then_some(Nav::PageDown));
        if let Some(nav) = nav {
            self.scroll = nav.apply(self.scroll, self.items.len(), PAGE);
            return Vec::new();
        }
        match action {
            Some(Action::Page) | None => {}
            Some(Action::Breakdown) => {
                let at = BREAKDOWNS.iter().position(|b| *b == self.by).unwrap_or(0);
                self.by = BREAKDOWNS[(at + 1) % BREAKDOWNS.len()];
                self.items = self.lines(ctx);
                self.scroll = 0;
            }
            Some(Action::Report) => return self.report(false),
            Some(Action::Workbook) => return self.report(true),
            Some(Action::Back) => return vec![Cmd::Pop],
        }
        Vec::new()
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        if area.height < 2 {
            return;
        }
        let names = Labels {
            spec: ctx.spec,
            texts: ctx.texts,
            lang: ctx.lang,
        };
        // The filter by name, then what the shares leave out.
        let by = self
            .by
            .map_or_else(String::new, |by| format!(" — {}", names.by(by)));
        let note = format!(
            "{}: {}{by}. {}",
            ctx.t("stats-filter"),
            names.filter_line(&self.filter, false),
            ctx.t("stats-note")
        );
        // The note says what the shares leave out of their denominators: wrapped, not cut,
        // on a narrow terminal (up to a third of the screen).
        let note = Paragraph::new(note)
            .style(theme::dim())
            .wrap(Wrap { trim: true });
        let note_h = chrome::rows(&note, area.width).clamp(1, (area.height / 3).max(1));
        frame.render_widget(
            note,
            Rect {
                height: note_h,
                ..area
            },
        );
        let body = Rect {
            y: area.y + note_h,
            height: area.height - note_h,
            ..area
        };
        let bar_w = if body.width >= 100 { 24 } else { 12 };
        let value_w = 22usize;
        // The interval when there is room for it beside a usable name.
        let interval_w = if body.width >= 70 { 12usize } else { 0 };
        let label_w = (body.width as usize)
            .saturating_sub(bar_w + value_w + interval_w + 3 + interval_w.min(1));
        for (i, item) in self
            .items
            .iter()
            .skip(self.scroll)
            .take(body.height as usize)
            .enumerate()
        {
            let r = Rect {
                y: body.y + i as u16,
                height: 1,
                ..body
            };
            let line = match item {
                Item::Group(g) => Line::styled(format!("── {g}"), theme::section()),
                Item::Sub(heading) => Line::styled(heading.clone(), theme::dim()),
                Item::Figure {
                    label,
                    value,
                    interval,
                    share,
                } => {
                    let bar = share.map_or_else(String::new, |s| {
                        let filled = ((s.clamp(0.0, 1.0) * bar_w as f64).round()) as usize;
                        format!("{}{}", "█".repeat(filled), "░".repeat(bar_w - filled))
                    });
                    let mut spans = vec![
                        Span::raw(format!("{:<label_w$} ", truncate(label, label_w))),
                        Span::styled(format!("{value:>value_w$} "), theme::value()),
                    ];
                    if interval_w > 0 {
                        spans.push(Span::styled(
                            format!("{interval:>interval_w$} "),
                            theme::dim(),
                        ));
                    }
                    spans.push(Span::styled(bar, theme::key()));
                    Line::from(spans)
                }
            };
            frame.render_widget(Paragraph::new(line), r);
        }
        frame.set_cursor_position((body.x, body.y));
    }
}
