//! The fair-trial checklist, grouped by right. Per-defendant items are answered once per
//! defendant. With an item focused, one key answers it: `y` yes, `n` no, `p` partly,
//! `o` not observed, `a` not applicable; `no` and `partly` open the comment they require.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use uuid::Uuid;

use super::Ctx;
use crate::domain::{Answer, HearingRecord, Problem, ProblemKind, relevant_items};
use crate::tui::effect::Effect;
use crate::tui::keys::{self, Binding, Key, Nav};
use crate::tui::theme;
use crate::tui::widgets::chrome;
use crate::tui::widgets::form::truncate;
use crate::tui::widgets::text::Editor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Answer(&'static str),
    Clear,
    Comment,
    Next,
    Prev,
}

const KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::ch('y')], Action::Answer("yes"), "key-answer-yes"),
    Binding::new(&[Key::ch('n')], Action::Answer("no"), "key-answer-no"),
    Binding::new(
        &[Key::ch('p')],
        Action::Answer("partly"),
        "key-answer-partly",
    ),
    Binding::new(
        &[Key::ch('o')],
        Action::Answer("not_observed"),
        "key-answer-not-observed",
    ),
    Binding::new(
        &[Key::ch('a')],
        Action::Answer("not_applicable"),
        "key-answer-not-applicable",
    ),
    Binding::help_only(
        &[Key::plain(KeyCode::Delete)],
        Action::Clear,
        "key-clear-answer",
    ),
    Binding::new(
        &[Key::plain(KeyCode::Enter)],
        Action::Comment,
        "key-comment",
    ),
    Binding::help_only(&[Key::plain(KeyCode::Tab)], Action::Next, "key-next-item"),
    Binding::help_only(
        &[Key::plain(KeyCode::BackTab)],
        Action::Prev,
        "key-prev-item",
    ),
];

/// Items a page key moves.
const PAGE: isize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CommentAction {
    Done,
    DoneNext,
}

/// The keys of the comment being typed (its editor takes every other key as text).
const COMMENT_KEYS: &[Binding<CommentAction>] = &[
    Binding::new(
        &[
            Key::plain(KeyCode::Enter),
            Key::plain(KeyCode::Esc),
            Key::plain(KeyCode::BackTab),
        ],
        CommentAction::Done,
        "key-comment-done",
    ),
    Binding::new(
        &[Key::plain(KeyCode::Tab)],
        CommentAction::DoneNext,
        "key-comment-next",
    ),
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Row {
    Group(String),
    Item { code: String, party: Option<Uuid> },
}

#[derive(Debug, Default, Clone)]
pub struct Checklist {
    rows: Vec<Row>,
    focus: usize,
    comment: Option<Editor>,
    dirty: bool,
}

fn answer_of<'r>(record: &'r HearingRecord, code: &str, party: Option<Uuid>) -> Option<&'r Answer> {
    record
        .answers
        .iter()
        .find(|a| a.item_code == code && a.party_uuid == party)
}

impl Checklist {
    pub fn new(record: &HearingRecord, ctx: &Ctx<'_>) -> Checklist {
        let mut c = Checklist::default();
        c.refresh(record, ctx);
        c.focus = c
            .rows
            .iter()
            .position(|r| matches!(r, Row::Item { .. }))
            .unwrap_or(0);
        c
    }

    /// Rebuilds the rows (groups appear and go with case tags; defendants come and go).
    pub(crate) fn refresh(&mut self, record: &HearingRecord, ctx: &Ctx<'_>) {
        let focused = self.rows.get(self.focus).cloned();
        let mut defendants: Vec<_> = record.defendants().collect();
        defendants.sort_by_key(|p| p.fields.get("display_code").map(|c| (c.len(), c.clone())));
        let mut rows = Vec::new();
        let mut group = String::new();
        for (g, item) in relevant_items(ctx.spec, record) {
            if g.id != group {
                group = g.id.clone();
                rows.push(Row::Group(g.id.clone()));
            }
            if item.per_defendant && !defendants.is_empty() {
                for d in &defendants {
                    rows.push(Row::Item {
                        code: item.code.clone(),
                        party: Some(d.uuid),
                    });
                }
            } else {
                rows.push(Row::Item {
                    code: item.code.clone(),
                    party: None,
                });
            }
        }
        self.rows = rows;
        self.focus = focused
            .and_then(|f| self.rows.iter().position(|r| *r == f))
            .unwrap_or(self.focus)
            .min(self.rows.len().saturating_sub(1));
    }

    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        if self.comment.is_some() {
            let mut k = keys::describe(COMMENT_KEYS);
            k.extend(crate::tui::widgets::text::edit_keys());
            return k;
        }
        let mut k = keys::describe(KEYS);
        k.extend(keys::describe(keys::NAV));
        k
    }

    fn item(&self) -> Option<(&str, Option<Uuid>)> {
        match self.rows.get(self.focus)? {
            Row::Item { code, party } => Some((code.as_str(), *party)),
            Row::Group(_) => None,
        }
    }

    pub(crate) fn focus_item(&mut self, code: &str, party: Option<Uuid>, record: &HearingRecord) {
        if let Some(i) = self.rows.iter().position(|r| {
            *r == Row::Item {
                code: code.to_owned(),
                party,
            }
        }) {
            self.focus = i;
            let comment = answer_of(record, code, party)
                .map(|a| a.comment.clone())
                .unwrap_or_default();
            self.comment = Some(Editor::line(&comment));
        }
    }

    /// Moves the focus `by` items (negative: up), skipping group headings.
    fn step(&mut self, by: isize) {
        let n = self.rows.len() as isize;
        let mut i = self.focus as isize;
        let mut moved = 0;
        while moved < by.abs() {
            i += by.signum();
            if i < 0 || i >= n {
                break;
            }
            if matches!(self.rows[i as usize], Row::Item { .. }) {
                self.focus = i as usize;
                moved += 1;
            }
        }
    }

    fn set(
        &mut self,
        record: &mut HearingRecord,
        answer: &str,
        comment: Option<String>,
    ) -> Vec<Effect> {
        let Some((code, party)) = self.item().map(|(c, p)| (c.to_owned(), p)) else {
            return Vec::new();
        };
        let hearing = record.hearing.uuid;
        let existing = record
            .answers
            .iter_mut()
            .find(|a| a.item_code == code && a.party_uuid == party);
        let comment = comment.unwrap_or_else(|| {
            existing
                .as_ref()
                .map(|a| a.comment.clone())
                .unwrap_or_default()
        });
        match existing {
            Some(a) => {
                a.answer = answer.to_owned();
                a.comment = comment.clone();
            }
            None => record.answers.push(Answer {
                uuid: Uuid::nil(),
                hearing_uuid: hearing,
                item_code: code.clone(),
                party_uuid: party,
                answer: answer.to_owned(),
                comment: comment.clone(),
            }),
        }
        vec![Effect::SetAnswer {
            hearing,
            item: code,
            party,
            answer: answer.to_owned(),
            comment,
        }]
    }

    /// The comment being typed, as a save effect, if it changed.
    pub fn flush(&mut self, record: &HearingRecord) -> Vec<Effect> {
        if !self.dirty {
            return Vec::new();
        }
        self.dirty = false;
        let Some((code, party)) = self.item() else {
            return Vec::new();
        };
        let a = answer_of(record, code, party);
        vec![Effect::SetAnswer {
            hearing: record.hearing.uuid,
            item: code.to_owned(),
            party,
            answer: a.map(|a| a.answer.clone()).unwrap_or_default(),
            comment: a.map(|a| a.comment.clone()).unwrap_or_default(),
        }]
    }

    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        _ctx: &Ctx<'_>,
        record: &mut HearingRecord,
    ) -> Option<Vec<Effect>> {
        if let Some(editor) = &mut self.comment {
            if let Some(changed) = editor.handle(key) {
                if changed {
                    let text = editor.value();
                    self.dirty = true;
                    if let Some((code, party)) = self.item().map(|(c, p)| (c.to_owned(), p)) {
                        let answer = answer_of(record, &code, party)
                            .map(|a| a.answer.clone())
                            .unwrap_or_default();
                        let _ = self.set_local(record, &answer, text);
                    }
                }
                return Some(Vec::new());
            }
            // A key neither the comment nor its table takes (F2, Ctrl-T…) is the hearing's.
            let action = keys::lookup(COMMENT_KEYS, &key)?;
            self.comment = None;
            let effects = self.flush(record);
            if action == CommentAction::DoneNext {
                self.step(1);
            }
            return Some(effects);
        }
        if let Some(nav) = keys::lookup(keys::NAV, &key) {
            let items = self.rows.len() as isize;
            self.step(match nav {
                Nav::Up => -1,
                Nav::Down => 1,
                Nav::PageUp => -PAGE,
                Nav::PageDown => PAGE,
                Nav::Home => -items,
                Nav::End => items,
            });
            return Some(Vec::new());
        }
        Some(match keys::lookup(KEYS, &key)? {
            Action::Answer(a) => {
                let needs_comment = matches!(a, "no" | "partly")
                    && self
                        .item()
                        .and_then(|(c, p)| answer_of(record, c, p))
                        .is_none_or(|x| x.comment.trim().is_empty());
                let effects = self.set(record, a, None);
                if needs_comment {
                    self.comment = Some(Editor::line(""));
                } else {
                    self.step(1);
                }
                effects
            }
            Action::Clear => self.set(record, "", Some(String::new())),
            Action::Comment => {
                if let Some((c, p)) = self.item() {
                    let text = answer_of(record, c, p)
                        .map(|a| a.comment.clone())
                        .unwrap_or_default();
                    self.comment = Some(Editor::line(&text));
                }
                Vec::new()
            }
            Action::Next => {
                self.step(1);
                Vec::new()
            }
            Action::Prev => {
                self.step(-1);
                Vec::new()
            }
        })
    }

    fn set_local(
        &mut self,
        record: &mut HearingRecord,
        answer: &str,
        comment: String,
    ) -> Option<()> {
        let (code, party) = self.item().map(|(c, p)| (c.to_owned(), p))?;
        match record
            .answers
            .iter_mut()
            .find(|a| a.item_code == code && a.party_uuid == party)
        {
            Some(a) => a.comment = comment,
            None => record.answers.push(Answer {
                uuid: Uuid::nil(),
                hearing_uuid: record.hearing.uuid,
                item_code: code,
                party_uuid: party,
                answer: answer.to_owned(),
                comment,
            }),
        }
        Some(())
    }

    /// The focused item's question with its reference, and its help, wrapped.
    fn detail_text(&self, ctx: &Ctx<'_>) -> Option<Paragraph<'static>> {
        let (code, _) = self.item()?;
        let (_, item) = ctx.spec.checklist.item(code)?;
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{code} "), theme::key()),
            Span::raw(item.question.get(ctx.lang).to_owned()),
            Span::styled(format!("  [{}]", item.reference), theme::dim()),
        ])];
        if let Some(h) = &item.help {
            lines.push(Line::styled(h.get(ctx.lang).to_owned(), theme::dim()));
        }
        Some(Paragraph::new(lines).wrap(Wrap { trim: true }))
    }

    pub fn render(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        ctx: &Ctx<'_>,
        record: &HearingRecord,
        problems: &[Problem],
    ) {
        if self.rows.is_empty() {
            frame.render_widget(
                Paragraph::new(ctx.t("checklist-empty")).style(theme::dim()),
                area,
            );
            return;
        }
        // Under the list, the focused item in full: on a narrow terminal the detail grows to
        // show the whole question (up to half the area) rather than cut it.
        let detail_text = self.detail_text(ctx);
        let needed = detail_text
            .as_ref()
            .map_or(1, |p| chrome::rows(p, area.width))
            .saturating_add(1);
        let base = if area.height >= 14 { 5 } else { 2 };
        let detail_h = needed.min(area.height / 2).max(base);
        let list = Rect {
            height: area.height.saturating_sub(detail_h),
            ..area
        };
        let detail = Rect {
            y: list.bottom(),
            height: detail_h.min(area.height),
            ..area
        };
        let answer_w = 16u16;
        let scroll = (self.focus as u16).saturating_sub(list.height / 2);
        for (i, row) in self
            .rows
            .iter()
            .enumerate()
            .skip(scroll as usize)
            .take(list.height as usize)
        {
            let y = list.y + (i as u16 - scroll);
            let r = Rect {
                y,
                height: 1,
                ..list
            };
            match row {
                Row::Group(id) => {
                    let label = ctx
                        .spec
                        .checklist
                        .groups
                        .iter()
                        .find(|g| g.id == *id)
                        .map_or(id.as_str(), |g| g.label.get(ctx.lang));
                    frame.render_widget(
                        Paragraph::new(Line::styled(format!("── {label}"), theme::section())),
                        r,
                    );
                }
                Row::Item { code, party } => {
                    let Some((_, item)) = ctx.spec.checklist.item(code) else {
                        continue;
                    };
                    let who = party
                        .and_then(|p| record.party(p))
                        .and_then(|p| p.fields.get("display_code"))
                        .map_or("  ".to_owned(), |c| format!("{c:<3}"));
                    let a = answer_of(record, code, *party);
                    let answer = a
                        .filter(|a| !a.answer.is_empty())
                        .map_or("·".to_owned(), |a| {
                            ctx.spec
                                .code_label("answer", &a.answer, ctx.lang)
                                .to_owned()
                        });
                    let flagged = problems.iter().any(|p| {
                        p.kind == ProblemKind::CommentRequired
                            && p.field == *code
                            && p.party == *party
                    });
                    let qw = r.width.saturating_sub(answer_w + 12) as usize;
                    let style = if i == self.focus {
                        theme::focused()
                    } else {
                        theme::label()
                    };
                    let answer_style = match a.map(|a| a.answer.as_str()) {
                        Some("no" | "partly") => theme::error(),
                        Some("yes") => theme::ok(),
                        _ => theme::dim(),
                    };
                    let line = Line::from(vec![
                        Span::styled(
                            format!("{}{code:<7}{who} ", if flagged { "!" } else { " " }),
                            style,
                        ),
                        Span::styled(
                            format!("{:<qw$}", truncate(item.question.get(ctx.lang), qw)),
                            style,
                        ),
                        Span::styled(
                            format!(" {}", truncate(&answer, answer_w as usize)),
                            answer_style,
                        ),
                    ]);
                    frame.render_widget(Paragraph::new(line), r);
                    if i == self.focus && self.comment.is_none() {
                        frame.set_cursor_position((r.x, y));
                    }
                }
            }
        }
        // The detail of the focused item: the whole question, its reference and help, and the
        // comment.
        let (Some((code, party)), Some(text)) = (self.item(), detail_text) else {
            return;
        };
        let comment_label = format!("{}: ", ctx.t("checklist-comment"));
        let comment = answer_of(record, code, party)
            .map(|a| a.comment.clone())
            .unwrap_or_default();
        let comment_y = detail.bottom().saturating_sub(1);
        frame.render_widget(
            text,
            Rect {
                height: detail.height.saturating_sub(1),
                ..detail
            },
        );
        let w = unicode_width::UnicodeWidthStr::width(comment_label.as_str()) as u16;
        frame.render_widget(
            Paragraph::new(comment_label).style(theme::key()),
            Rect {
                y: comment_y,
                height: 1,
                ..detail
            },
        );
        let carea = Rect {
            x: detail.x + w,
            y: comment_y,
            width: detail.width.saturating_sub(w),
            height: 1,
        };
        match &self.comment {
            Some(editor) => editor.render(frame, carea, theme::value()),
            None => frame.render_widget(Paragraph::new(comment), carea),
        }
    }
}
