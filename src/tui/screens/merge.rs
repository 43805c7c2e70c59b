//! The merge screen (`m` from the hearing list): the batch folders found in a folder (the
//! `batches` folder next to the database, or one the user types), marked with Space; Enter
//! verifies them and shows the plan per batch — new, updated, reviewed, unchanged, kept local,
//! conflicts, or rejected with the first problems (file:line:column) — and the batches still
//! missing per monitor, without writing anything. A second Enter merges; the result leads to
//! the conflicts screen.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{Cmd, Ctx, Screen};
use crate::i18n::Arg;
use crate::tui::effect::{BatchResult, Effect, FoundBatch, MergeReport, Outcome};
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;
use crate::tui::widgets::chrome;
use crate::tui::widgets::text::{Editor, wrap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Switch,
    Mark,
    MarkAll,
    Look,
    Check,
    Apply,
    Conflicts,
    SameTrials,
    Back,
}

/// Batches (or lines of the report) a page key moves.
const PAGE: usize = 10;

/// Choosing in the list of batch folders.
const LIST_KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::ch(' ')], Action::Mark, "key-mark"),
    Binding::help_only(&[Key::ch('a')], Action::MarkAll, "key-mark-all"),
    Binding::new(&[Key::plain(KeyCode::Enter)], Action::Check, "key-check"),
    Binding::new(
        &[Key::plain(KeyCode::Tab), Key::plain(KeyCode::BackTab)],
        Action::Switch,
        "key-folder",
    ),
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Back, "key-back"),
];

/// Typing the folder to look in.
const FOLDER_KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::plain(KeyCode::Enter)], Action::Look, "key-look"),
    Binding::new(
        &[
            Key::plain(KeyCode::Tab),
            Key::plain(KeyCode::BackTab),
            Key::plain(KeyCode::Down),
        ],
        Action::Switch,
        "key-batch-list",
    ),
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Back, "key-back"),
];

/// The plan, before anything is written.
const PREVIEW_KEYS: &[Binding<Action>] = &[
    Binding::new(
        &[Key::plain(KeyCode::Enter)],
        Action::Apply,
        "key-merge-apply",
    ),
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Back, "key-back"),
];

/// The result.
const DONE_KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::ch('c')], Action::Conflicts, "key-conflicts"),
    Binding::new(&[Key::ch('s')], Action::SameTrials, "key-same-trial"),
    Binding::new(
        &[Key::plain(KeyCode::Esc), Key::plain(KeyCode::Enter)],
        Action::Back,
        "key-back",
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Focus {
    Folder,
    #[default]
    List,
}

#[derive(Debug, Default)]
enum Stage {
    #[default]
    Choose,
    /// Checked, nothing written: the paths checked and what merging them would do.
    Preview(Vec<String>, Box<MergeReport>),
    Done(Box<MergeReport>),
}

#[derive(Debug)]
pub struct MergeScreen {
    folder: Editor,
    found: Vec<FoundBatch>,
    marked: Vec<bool>,
    cursor: usize,
    focus: Focus,
    stage: Stage,
    scroll: u16,
    /// Lines of the report as last drawn, where scrolling stops.
    report_lines: std::cell::Cell<usize>,
}

impl Default for MergeScreen {
    fn default() -> Self {
        MergeScreen {
            folder: Editor::line(""),
            found: Vec::new(),
            marked: Vec::new(),
            cursor: 0,
            focus: Focus::List,
            stage: Stage::Choose,
            scroll: 0,
            report_lines: std::cell::Cell::new(0),
        }
    }
}

/// A batch as people name it: its monitor and sequence number (`M01 no. 3`).
pub(crate) fn batch_ref(ctx: &Ctx<'_>, monitor: &str, seq: u32) -> String {
    ctx.texts.t_args(
        ctx.lang,
        "batch-ref",
        &[
            ("monitor", Arg::Str(monitor)),
            ("seq", Arg::Num(i64::from(seq))),
        ],
    )
}

fn num(n: u64) -> Arg<'static> {
    Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
}

impl MergeScreen {
    fn table(&self) -> &'static [Binding<Action>] {
        match (&self.stage, self.focus) {
            (Stage::Choose, Focus::List) => LIST_KEYS,
            (Stage::Choose, Focus::Folder) => FOLDER_KEYS,
            (Stage::Preview(..), _) => PREVIEW_KEYS,
            (Stage::Done(_), _) => DONE_KEYS,
        }
    }

    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        let mut k = keys::describe(self.table());
        match (&self.stage, self.focus) {
            // Typing the folder: its letters are text, and there is no list to move in.
            (Stage::Choose, Focus::Folder) => {}
            (Stage::Choose, Focus::List) => k.extend(keys::describe_nav(false)),
            // A report, usually taller than the terminal: its page keys are in the footer.
            _ => k.extend(keys::describe_nav(true)),
        }
        k
    }

    /// The folders to check: the marked ones, or the one under the cursor.
    fn chosen(&self) -> Vec<String> {
        let marked: Vec<String> = self
            .found
            .iter()
            .zip(&self.marked)
            .filter(|(_, m)| **m)
            .map(|(b, _)| b.path.clone())
            .collect();
        if !marked.is_empty() {
            return marked;
        }
        self.found
            .get(self.cursor)
            .map(|b| vec![b.path.clone()])
            .unwrap_or_default()
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        if matches!(self.stage, Stage::Choose)
            && self.focus == Focus::Folder
            && self.folder.handle(key).is_some()
        {
            return Vec::new();
        }
        let typing = matches!(self.stage, Stage::Choose) && self.focus == Focus::Folder;
        if let Some(nav) = keys::nav(&key).filter(|_| !typing) {
            if matches!(self.stage, Stage::Choose) {
                self.cursor = nav.apply(self.cursor, self.found.len(), PAGE);
            } else {
                let at = nav.apply(usize::from(self.scroll), self.report_lines.get(), PAGE);
                self.scroll = u16::try_from(at).unwrap_or(u16::MAX);
            }
            return Vec::new();
        }
        let Some(action) = keys::lookup(self.table(), &key) else {
            return Vec::new();
        };
        let last = self.found.len().saturating_sub(1);
        match action {
            Action::Switch => {
                self.focus = match self.focus {
                    Focus::Folder => Focus::List,
                    Focus::List => Focus::Folder,
                }
            }
            Action::Mark => {
                if let Some(m) = self.marked.get_mut(self.cursor) {
                    *m = !*m;
                }
                self.cursor = (self.cursor + 1).min(last);
            }
            Action::MarkAll => {
                let all = self.marked.iter().all(|m| *m);
                self.marked.iter_mut().for_each(|m| *m = !all);
            }
            Action::Look => {
                let folder = self.folder.value().trim().to_owned();
                return vec![Cmd::Run(Effect::FindBatches {
                    folder: (!folder.is_empty()).then_some(folder),
                })];
            }
            Action::Check => {
                let paths = self.chosen();
                if paths.is_empty() {
                    return vec![Cmd::Status(ctx.t("merge-none-chosen"), true)];
                }
                return vec![Cmd::Run(Effect::Merge {
                    paths,
                    apply: false,
                })];
            }
            Action::Apply => {
                if let Stage::Preview(paths, report) = &self.stage {
                    if report.mergeable() == 0 {
                        return vec![Cmd::Status(ctx.t("merge-nothing-to-apply"), true)];
                    }
                    return vec![Cmd::Run(Effect::Merge {
                        paths: paths.clone(),
                        apply: true,
                    })];
                }
            }
            Action::SameTrials => {
                return vec![Cmd::Run(Effect::LoadSameTrials {
                    case: None,
                    open: true,
                })];
            }
            Action::Conflicts => {
                return vec![
                    Cmd::Push(Box::new(Screen::Conflicts(Box::default()))),
                    Cmd::Run(Effect::LoadConflicts { all: false }),
                ];
            }
            Action::Back => {
                if matches!(self.stage, Stage::Preview(..)) {
                    self.stage = Stage::Choose;
                    self.scroll = 0;
                    return Vec::new();
                }
                return vec![Cmd::Pop];
            }
        }
        Vec::new()
    }

    pub fn on_outcome(&mut self, outcome: Outcome, ctx: &Ctx<'_>) -> Vec<Cmd> {
        match outcome {
            Outcome::BatchesFound { folder, batches } => {
                self.folder = Editor::line(&folder);
                self.marked = vec![false; batches.len()];
                self.focus = if batches.is_empty() {
                    Focus::Folder
                } else {
                    Focus::List
                };
                self.found = batches;
                self.cursor = 0;
                Vec::new()
            }
            Outcome::Merged(report) => {
                self.scroll = 0;
                if report.applied {
                    let merged = report
                        .batches
                        .iter()
                        .filter(|b| matches!(b.result, BatchResult::Planned { .. }))
                        .count();
                    let key = if report.conflicts() > 0 {
                        "merge-done-conflicts"
                    } else {
                        "merge-done-status"
                    };
                    let text = ctx.texts.t_args(
                        ctx.lang,
                        key,
                        &[
                            ("count", num(merged as u64)),
                            ("conflicts", num(report.conflicts())),
                        ],
                    );
                    self.stage = Stage::Done(report);
                    // Then, whether the batches brought a trial recorded twice.
                    vec![
                        Cmd::Status(text, false),
                        Cmd::Run(Effect::LoadSameTrials {
                            case: None,
                            open: false,
                        }),
                    ]
                } else {
                    let paths = report.batches.iter().map(|b| b.path.clone()).collect();
                    self.stage = Stage::Preview(paths, report);
                    vec![Cmd::Status(ctx.t("merge-checked-status"), false)]
                }
            }
            _ => Vec::new(),
        }
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        match &self.stage {
            Stage::Choose => self.render_choose(frame, area, ctx),
            Stage::Preview(_, report) | Stage::Done(report) => {
                let lines = report_lines(report, ctx, area.width as usize);
                let last = u16::try_from(lines.len()).unwrap_or(u16::MAX);
                self.report_lines.set(lines.len());
                frame.render_widget(
                    Paragraph::new(lines).scroll((self.scroll.min(last.saturating_sub(1)), 0)),
                    area,
                );
                frame.set_cursor_position((area.x, area.y));
            }
        }
    }

    fn render_choose(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        if area.height < 4 {
            return;
        }
        let label = format!(" {} ", ctx.t("merge-folder"));
        let w = (label.width() as u16).min(area.width / 2);
        let style = if self.focus == Focus::Folder {
            theme::focused()
        } else {
            theme::label()
        };
        let y = area.y + 1;
        frame.render_widget(
            Paragraph::new(Span::styled(label, style)),
            Rect::new(area.x, y, w, 1),
        );
        let varea = Rect::new(area.x + w + 1, y, area.width.saturating_sub(w + 1), 1);
        if self.focus == Focus::Folder {
            self.folder.render(frame, varea, theme::value());
        } else {
            frame.render_widget(
                Paragraph::new(Span::styled(self.folder.value(), theme::value())),
                varea,
            );
        }
        // The hint says nothing is written yet: wrapped, not cut, on a narrow terminal.
        let hint = Paragraph::new(ctx.t("merge-choose-hint"))
            .style(theme::dim())
            .wrap(Wrap { trim: true });
        let hint_h = chrome::rows(&hint, area.width).clamp(1, area.height - 3);
        let hint_y = area.bottom() - hint_h;
        frame.render_widget(hint, Rect::new(area.x, hint_y, area.width, hint_h));
        let list = Rect {
            y: y + 2,
            height: hint_y.saturating_sub(y + 2),
            ..area
        };
        if self.found.is_empty() {
            frame.render_widget(
                Paragraph::new(format!(" {}", ctx.t("merge-none-found")))
                    .style(theme::dim())
                    .wrap(Wrap { trim: false }),
                list,
            );
            return;
        }
        let rows: Vec<Row<'_>> = self
            .found
            .iter()
            .zip(&self.marked)
            .map(|(b, marked)| {
                let mark = if *marked { "[x]" } else { "[ ]" };
                let state = match (&b.problem, &b.merged_at) {
                    (Some(_), _) => Span::styled(ctx.t("merge-unreadable"), theme::error()),
                    (None, Some(_)) => Span::styled(ctx.t("merge-merged-before"), theme::dim()),
                    (None, None) => Span::raw(ctx.texts.t_args(
                        ctx.lang,
                        "export-hearings",
                        &[("count", num(b.hearings))],
                    )),
                };
                let seq = if b.problem.is_some() {
                    String::new()
                } else {
                    batch_ref(ctx, &b.monitor, b.seq)
                };
                Row::new(vec![
                    Cell::from(mark),
                    Cell::from(b.name.clone()),
                    Cell::from(seq),
                    Cell::from(Line::from(state)),
                ])
            })
            .collect();
        let table = Table::new(
            rows,
            [
                Constraint::Length(3),
                Constraint::Fill(1),
                Constraint::Length(10),
                Constraint::Length(16),
            ],
        )
        .column_spacing(1)
        .row_highlight_style(if self.focus == Focus::List {
            theme::selected()
        } else {
            theme::label()
        });
        let mut state = TableState::default().with_selected(Some(self.cursor));
        let list = Rect {
            x: list.x + 1,
            width: list.width.saturating_sub(1),
            ..list
        };
        frame.render_stateful_widget(table, list, &mut state);
        if self.focus == Focus::List
            && let Some(i) = state.selected()
        {
            let y = list.y + (i - state.offset()) as u16;
            if y < list.bottom() {
                frame.set_cursor_position((list.x + 1, y));
            }
        }
    }
}

/// Adds `text` as lines of at most `width` columns, the first indented by `indent` spaces
/// and the next two more.
fn push(lines: &mut Vec<Line<'static>>, width: usize, indent: usize, text: &str, style: Style) {
    let room = width.saturating_sub(indent + 2).max(10);
    for (i, l) in wrap(text, room, 40).into_iter().enumerate() {
        let pad = if i == 0 { indent } else { indent + 2 };
        lines.push(Line::styled(format!("{}{l}", " ".repeat(pad)), style));
    }
}

/// Parts joined by ` · `, packed into lines without breaking a part.
fn pack(parts: &[String], width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in parts {
        match out.last_mut() {
            Some(line) if line.width() + 3 + p.width() <= width => {
                line.push_str(" · ");
                line.push_str(p);
            }
            _ => out.push(p.clone()),
        }
    }
    out
}

/// The plan or result of a merge, batch by batch, then the batches missing per monitor.
fn report_lines(report: &MergeReport, ctx: &Ctx<'_>, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let heading = ctx.t(if report.applied {
        "merge-done-heading"
    } else {
        "merge-preview-heading"
    });
    push(&mut lines, width, 1, &heading, theme::section());
    let count = |key: &str, n: u64| ctx.texts.t_args(ctx.lang, key, &[("count", num(n))]);
    for b in &report.batches {
        lines.push(Line::raw(""));
        let who = match (&b.monitor, b.seq) {
            (Some(m), Some(s)) => format!(" · {}", batch_ref(ctx, m, s)),
            _ => String::new(),
        };
        push(
            &mut lines,
            width,
            1,
            &format!("{}{who}", b.name),
            theme::value(),
        );
        match &b.result {
            BatchResult::Planned {
                counts: c,
                already_merged,
                warnings,
                courts,
                joins,
            } => {
                if let Some(at) = already_merged {
                    let text = ctx
                        .texts
                        .t_args(ctx.lang, "merge-already", &[("at", Arg::Str(at))]);
                    push(&mut lines, width, 3, &text, theme::dim());
                } else {
                    let parts = [
                        count("merge-new", c.new),
                        count("merge-updated", c.updated),
                        count("merge-reviewed", c.review),
                        count("merge-unchanged", c.unchanged),
                        count("merge-kept", c.kept_local),
                    ];
                    for l in pack(&parts, width.saturating_sub(4)) {
                        lines.push(Line::raw(format!("   {l}")));
                    }
                    let style = if c.conflicts > 0 {
                        theme::key()
                    } else {
                        theme::label()
                    };
                    push(
                        &mut lines,
                        width,
                        3,
                        &count("merge-conflicts", c.conflicts),
                        style,
                    );
                }
                if !courts.is_empty() {
                    let text = ctx.texts.t_args(
                        ctx.lang,
                        if report.applied {
                            "merge-courts-added"
                        } else {
                            "merge-courts-to-add"
                        },
                        &[("names", Arg::Str(&courts.join(", ")))],
                    );
                    push(&mut lines, width, 3, &text, theme::label());
                }
                if *joins != crate::store::JoinsReceived::default() {
                    let n = |v: u64| Arg::Num(i64::try_from(v).unwrap_or(i64::MAX));
                    let text = ctx.texts.t_args(
                        ctx.lang,
                        "merge-joins",
                        &[
                            ("added", n(joins.added)),
                            ("split", n(joins.split)),
                            ("waiting", n(joins.waiting)),
                        ],
                    );
                    let style = if joins.waiting > 0 {
                        theme::key()
                    } else {
                        theme::label()
                    };
                    push(&mut lines, width, 3, &text, style);
                }
                for w in warnings {
                    let text = format!("{} {w}", ctx.t("merge-warning"));
                    push(&mut lines, width, 3, &text, theme::key());
                }
            }
            BatchResult::Rejected { problems, more } => {
                push(
                    &mut lines,
                    width,
                    3,
                    &ctx.t("merge-rejected"),
                    theme::error(),
                );
                for p in problems {
                    push(&mut lines, width, 5, p, theme::label());
                }
                if *more > 0 {
                    let text = count("merge-more-problems", *more as u64);
                    push(&mut lines, width, 5, &text, theme::dim());
                }
            }
            BatchResult::Failed(e) => {
                let text = format!("{} {e}", ctx.t("merge-failed"));
                push(&mut lines, width, 3, &text, theme::error());
            }
        }
    }
    lines.push(Line::raw(""));
    let gaps: Vec<String> = report
        .missing
        .iter()
        .filter(|(_, seqs)| !seqs.is_empty())
        .map(|(code, seqs)| {
            let list: Vec<String> = seqs.iter().map(ToString::to_string).collect();
            format!("{code}: {}", list.join(", "))
        })
        .collect();
    if gaps.is_empty() {
        push(
            &mut lines,
            width,
            1,
            &ctx.t("merge-none-missing"),
            theme::dim(),
        );
    } else {
        let text = format!("{} {}", ctx.t("merge-missing"), gaps.join("; "));
        push(&mut lines, width, 1, &text, theme::key());
    }
    if !report.applied {
        push(
            &mut lines,
            width,
            1,
            &ctx.t("merge-preview-note"),
            theme::dim(),
        );
    }
    lines
}
