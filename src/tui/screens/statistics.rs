//! The statistics screen: every figure of the reviewers' statistics for the list's current
//! filter, which it names at the top, each with its numerator and denominator, its 95 %
//! interval and a bar, grouped as reports print them; `b` breaks every figure down by its
//! codes, court, region, judge, month or monitor in turn; `r` and `x` write a public report
//! of the same filter (HTML, XLSX) next to the database. While the screen shows judges by
//! name, `r` and `x` first ask, as the print question does: a report naming them sealed
//! like a batch, a plain one with judges numbered, or a plain one naming them, under a
//! warning that says what it holds.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Cmd, Ctx};
use crate::stats::{By, Kind, Labels, Stats};
use crate::store::Filter;
use crate::tui::effect::{Effect, ReportChoice};
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

/// The keys of the report question, asked while judges are shown by name.
const REPORT_KEYS: &[Binding<Option<ReportChoice>>] = &[
    Binding::new(
        &[Key::ch('s')],
        Some(ReportChoice::NamedSealed),
        "key-report-sealed",
    ),
    Binding::new(
        &[Key::ch('n')],
        Some(ReportChoice::Aggregate),
        "key-report-numbered",
    ),
    Binding::new(
        &[Key::ch('a')],
        Some(ReportChoice::NamedPlain),
        "key-report-plain-named",
    ),
    Binding::new(&[Key::plain(KeyCode::Esc)], None, "key-cancel"),
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
    /// The report question is open, for an XLSX workbook when `Some(true)`.
    asking: Option<bool>,
}

impl Statistics {
    pub fn new(stats: Stats, filter: Filter, ctx: &Ctx<'_>) -> Statistics {
        let mut screen = Statistics {
            stats,
            by: None,
            items: Vec::new(),
            scroll: 0,
            filter,
            asking: None,
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

    fn report(&self, xlsx: bool, choice: ReportChoice) -> Vec<Cmd> {
        vec![Cmd::Run(Effect::WriteReport {
            filter: Box::new(self.filter.clone()),
            xlsx,
            choice,
        })]
    }

    /// `r` or `x`: an aggregate report at once, or, while judges are shown by name, the
    /// question first. A read-only database writes none (it cannot log it) and says so.
    fn ask_report(&mut self, xlsx: bool, ctx: &Ctx<'_>) -> Vec<Cmd> {
        if ctx.read_only {
            return vec![Cmd::Status(ctx.t("report-read-only"), true)];
        }
        if self.by == Some(By::Judge) {
            self.asking = Some(xlsx);
            return Vec::new();
        }
        self.report(xlsx, ReportChoice::Aggregate)
    }

    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        if self.asking.is_some() {
            return keys::describe(REPORT_KEYS);
        }
        // The figures are taller than the terminal: the page keys are in the footer.
        let mut k = keys::describe_nav(true);
        k.extend(keys::describe(KEYS));
        k
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        if let Some(xlsx) = self.asking {
            return match keys::lookup(REPORT_KEYS, &key) {
                Some(Some(choice)) => {
                    self.asking = None;
                    self.report(xlsx, choice)
                }
                Some(None) => {
                    self.asking = None;
                    Vec::new()
                }
                None => Vec::new(),
            };
        }
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
            Some(Action::Report) => return self.ask_report(false, ctx),
            Some(Action::Workbook) => return self.ask_report(true, ctx),
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
        if self.asking.is_some() {
            render_question(frame, area, ctx);
        }
    }
}

/// The report question over the lower part of the screen: the three ways, and what a plain
/// file naming judges gives away.
fn render_question(frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    let lines = vec![
        Line::styled(ctx.t("report-ask-title"), theme::label()),
        Line::from(format!("s  {}", ctx.t("report-ask-sealed"))),
        Line::from(format!("n  {}", ctx.t("report-ask-numbered"))),
        Line::from(format!("a  {}", ctx.t("report-ask-plain"))),
        Line::styled(ctx.t("report-ask-warning"), theme::error()),
    ];
    chrome::bottom_question(frame, area, lines);
}
