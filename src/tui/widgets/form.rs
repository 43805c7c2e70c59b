//! The generic form: one widget, driven by the form definitions in `assets/`, that renders,
//! edits and validates any record (hearing, case, party, allegation, …). Relevance applies
//! live: a field whose `when` stops holding disappears, and one that starts holding appears.
//!
//! The form edits the screen's copy of the record and reports each finished change as an
//! [`Edit`]; the screen turns edits into save effects (autosave on field exit, on choice and
//! on the periodic flush).

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;
use uuid::Uuid;

use super::picker::{Choice, Picker, PickerEvent};
use super::text::Editor;
use crate::domain::{Entity, HearingRecord, Problem, ProblemKind, value_fits};
use crate::i18n::Texts;
use crate::spec::{Field, FieldKind, Lang, Spec};
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Next,
    Prev,
    /// Enter: open the choice list of a coded field, or go to the next field.
    Enter,
    /// Space on a coded field opens its choice list (in a text field it is text).
    Open,
    Clear,
    Now,
}

/// The form's keys; a text field's editor sees a key before this table.
const KEYS: &[Binding<Action>] = &[
    Binding::new(
        &[Key::plain(KeyCode::Enter)],
        Action::Enter,
        "key-choose-next",
    ),
    Binding::help_only(&[Key::ch(' ')], Action::Open, "key-open-choices"),
    Binding::help_only(
        &[Key::plain(KeyCode::Delete), Key::plain(KeyCode::Backspace)],
        Action::Clear,
        "key-clear-choice",
    ),
    Binding::help_only(&[Key::ctrl('n')], Action::Now, "key-now"),
];

/// A key's action: the shared field moves first, then the table's own keys.
fn action(key: &KeyEvent) -> Option<Action> {
    match keys::lookup(keys::FIELD_NAV, key) {
        Some(keys::Field::Next) => Some(Action::Next),
        Some(keys::Field::Prev) => Some(Action::Prev),
        None => keys::lookup(KEYS, key),
    }
}

/// What the form needs to know besides its own state.
pub struct FormCtx<'a> {
    pub spec: &'a Spec,
    pub texts: &'a Texts,
    pub lang: Lang,
    pub now: DateTime<FixedOffset>,
}

/// One record shown in the form, with an optional heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub entity: Entity,
    pub record: Uuid,
    pub heading: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Row {
    Heading(String),
    Section {
        form: String,
        section: String,
    },
    Field {
        entity: Entity,
        record: Uuid,
        field: String,
    },
}

/// A finished change to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub entity: Entity,
    pub record: Uuid,
    pub field: String,
    pub value: String,
}

/// What a key did to the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKey {
    /// The form used the key; these edits are finished and should be saved.
    Used(Vec<Edit>),
    /// Not the form's key: the screen may use it.
    NotMine,
}

#[derive(Debug, Default, Clone)]
pub struct FormState {
    groups: Vec<Group>,
    rows: Vec<Row>,
    focus: usize,
    editor: Option<Editor>,
    picker: Option<Picker>,
    /// The open editor holds text not yet saved.
    dirty: bool,
    /// The court choice list asked to add a court (what had been typed), for the screen.
    add_court: Option<String>,
}

impl FormState {
    pub fn new(groups: Vec<Group>, spec: &Spec, record: &HearingRecord) -> FormState {
        let mut f = FormState {
            groups,
            ..FormState::default()
        };
        f.rebuild(spec, record);
        f.focus = f
            .rows
            .iter()
            .position(|r| matches!(r, Row::Field { .. }))
            .unwrap_or(0);
        f.open_editor(spec, record);
        f
    }

    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// Recomputes which fields are shown (relevance), keeping the focus on the same field.
    pub(crate) fn rebuild(&mut self, spec: &Spec, record: &HearingRecord) {
        let focused = self.rows.get(self.focus).cloned();
        let mut rows = Vec::new();
        for g in &self.groups {
            let Some(form) = spec.form(g.entity.name()) else {
                continue;
            };
            if let Some(h) = &g.heading {
                rows.push(Row::Heading(h.clone()));
            }
            let context = record.context_of(g.entity, g.record);
            let value_of = |id: &str| context.iter().find_map(|f| f.get(id)).map(String::as_str);
            for section in &form.sections {
                let fields: Vec<&Field> = section
                    .fields
                    .iter()
                    .filter(|f| !f.retired && spec.relevant(f.when.as_ref(), value_of))
                    .collect();
                if fields.is_empty() {
                    continue;
                }
                rows.push(Row::Section {
                    form: form.form.clone(),
                    section: section.id.clone(),
                });
                for f in fields {
                    rows.push(Row::Field {
                        entity: g.entity,
                        record: g.record,
                        field: f.id.clone(),
                    });
                }
            }
        }
        self.rows = rows;
        self.focus = focused
            .and_then(|r| self.rows.iter().position(|x| *x == r))
            .or_else(|| {
                self.rows
                    .iter()
                    .position(|r| matches!(r, Row::Field { .. }))
            })
            .unwrap_or(0)
            .min(self.rows.len().saturating_sub(1));
    }

    /// The focused field: its record and definition.
    pub fn focused<'s>(&self, spec: &'s Spec) -> Option<(Entity, Uuid, &'s Field)> {
        match self.rows.get(self.focus)? {
            Row::Field {
                entity,
                record,
                field,
            } => spec.field(field).map(|(_, f)| (*entity, *record, f)),
            Row::Heading(_) | Row::Section { .. } => None,
        }
    }

    /// Moves the focus to a field (after a validation jump); `false` when it is not shown.
    pub(crate) fn focus_field(
        &mut self,
        spec: &Spec,
        record: &HearingRecord,
        entity: Entity,
        uuid: Uuid,
        field: &str,
    ) -> bool {
        let target = Row::Field {
            entity,
            record: uuid,
            field: field.to_owned(),
        };
        match self.rows.iter().position(|r| *r == target) {
            Some(i) => {
                self.focus = i;
                self.open_editor(spec, record);
                true
            }
            None => false,
        }
    }

    /// Moves the focus to the first field of the record `uuid` (a record just added);
    /// `false` when none of its fields is shown.
    pub(crate) fn focus_record(&mut self, spec: &Spec, record: &HearingRecord, uuid: Uuid) -> bool {
        let Some(i) = self
            .rows
            .iter()
            .position(|r| matches!(r, Row::Field { record, .. } if *record == uuid))
        else {
            return false;
        };
        self.focus = i;
        self.open_editor(spec, record);
        true
    }

    pub(crate) fn has_popup(&self) -> bool {
        self.picker.is_some()
    }

    /// Closes an open choice list, choosing nothing (its tab is left).
    pub(crate) fn close_popup(&mut self) {
        self.picker = None;
    }

    fn open_editor(&mut self, spec: &Spec, record: &HearingRecord) {
        self.editor = None;
        self.dirty = false;
        if let Some((entity, uuid, field)) = self.focused(spec) {
            let value = record
                .fields_of(entity, uuid)
                .and_then(|f| f.get(&field.id))
                .cloned()
                .unwrap_or_default();
            self.editor = match field.kind() {
                FieldKind::LongText => Some(Editor::area(&value)),
                FieldKind::Text | FieldKind::Date | FieldKind::Time | FieldKind::Number => {
                    Some(Editor::line(&value))
                }
                FieldKind::Choice | FieldKind::MultiChoice => None,
            };
        }
    }

    /// The pending text of the open editor as an edit, if it changed since the last save.
    pub fn flush(&mut self, spec: &Spec) -> Option<Edit> {
        if !self.dirty {
            return None;
        }
        self.dirty = false;
        let (entity, record, field) = self.focused(spec)?;
        let value = self.editor.as_ref()?.value();
        Some(Edit {
            entity,
            record,
            field: field.id.clone(),
            value: value.trim_end().to_owned(),
        })
    }

    /// Sets a field, and clears the values that stop applying with it (a closure ground when
    /// the hearing is made public again): they would answer a question the record no longer
    /// asks, and finalising and the batch reader refuse them.
    fn set(
        &mut self,
        spec: &Spec,
        record: &mut HearingRecord,
        entity: Entity,
        uuid: Uuid,
        field: &Field,
        value: String,
    ) -> Vec<Edit> {
        if let Some(fields) = record.fields_of_mut(entity, uuid) {
            if value.is_empty() {
                fields.remove(&field.id);
            } else {
                fields.insert(field.id.clone(), value.clone());
            }
        }
        let mut edits = vec![Edit {
            entity,
            record: uuid,
            field: field.id.clone(),
            value,
        }];
        edits.extend(clear_what_no_longer_applies(spec, record));
        self.rebuild(spec, record);
        edits
    }

    /// What was typed in the court choice list when it asked to add a court, once.
    pub(crate) fn take_add_court(&mut self) -> Option<String> {
        self.add_court.take()
    }

    /// Sets the focused field to `value` (a court just added, for the field whose list asked
    /// for it); the edits to save (none when no field is focused).
    pub(crate) fn set_focused(
        &mut self,
        spec: &Spec,
        record: &mut HearingRecord,
        value: String,
    ) -> Vec<Edit> {
        match self.focused(spec) {
            Some((entity, uuid, field)) => self.set(spec, record, entity, uuid, field, value),
            None => Vec::new(),
        }
    }

    fn step(&mut self, forward: bool) {
        let n = self.rows.len();
        let mut i = self.focus;
        for _ in 0..n {
            i = if forward {
                (i + 1) % n.max(1)
            } else {
                (i + n - 1) % n.max(1)
            };
            if matches!(self.rows[i], Row::Field { .. }) {
                self.focus = i;
                return;
            }
        }
    }

    /// Offers a key to the form.
    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        ctx: &FormCtx<'_>,
        record: &mut HearingRecord,
    ) -> FormKey {
        let spec = ctx.spec;
        if let Some(picker) = &mut self.picker {
            return match picker.handle(key) {
                PickerEvent::None => FormKey::Used(Vec::new()),
                PickerEvent::NotMine => FormKey::NotMine,
                PickerEvent::Cancelled => {
                    self.picker = None;
                    FormKey::Used(Vec::new())
                }
                PickerEvent::Add(typed) => {
                    self.picker = None;
                    self.add_court = Some(typed);
                    FormKey::Used(Vec::new())
                }
                PickerEvent::Picked(value) => {
                    self.picker = None;
                    let Some((entity, uuid, field)) = self.focused(spec) else {
                        return FormKey::Used(Vec::new());
                    };
                    FormKey::Used(self.set(spec, record, entity, uuid, field, value))
                }
            };
        }
        let Some((entity, uuid, field)) = self.focused(spec) else {
            return match action(&key) {
                Some(Action::Next) => {
                    self.step(true);
                    FormKey::Used(Vec::new())
                }
                _ => FormKey::NotMine,
            };
        };
        let action = action(&key);
        // "Now" for dates and times.
        if action == Some(Action::Now) && matches!(field.kind(), FieldKind::Date | FieldKind::Time)
        {
            let value = match field.kind() {
                FieldKind::Date => ctx.now.format("%Y-%m-%d").to_string(),
                _ => ctx.now.format("%H:%M").to_string(),
            };
            self.editor = Some(Editor::line(&value));
            self.dirty = false;
            return FormKey::Used(self.set(spec, record, entity, uuid, field, value));
        }
        if let Some(editor) = &mut self.editor
            && let Some(changed) = editor.handle(key)
        {
            if changed {
                self.dirty = true;
                let value = editor.value();
                if let Some(fields) = record.fields_of_mut(entity, uuid) {
                    if value.is_empty() {
                        fields.remove(&field.id);
                    } else {
                        fields.insert(field.id.clone(), value);
                    }
                }
            }
            return FormKey::Used(Vec::new());
        }
        let coded = field.kind().is_coded();
        match action {
            Some(Action::Next | Action::Prev) => {
                let edits: Vec<Edit> = self.flush(spec).into_iter().collect();
                self.step(action == Some(Action::Next));
                self.open_editor(spec, record);
                FormKey::Used(edits)
            }
            Some(Action::Enter | Action::Open) if coded => {
                let list = field.list.clone().unwrap_or_default();
                let current = record
                    .fields_of(entity, uuid)
                    .and_then(|f| f.get(&field.id))
                    .cloned()
                    .unwrap_or_default();
                let choices = choices(spec, &list, ctx.lang);
                let picker = Picker::new(
                    field.label.get(ctx.lang).to_owned(),
                    choices,
                    field.kind() == FieldKind::MultiChoice,
                    &current,
                );
                // A court that is not in the list is added from its choice list.
                self.picker = Some(if list == crate::spec::COURT_LIST {
                    picker.addable(ctx.texts.t(ctx.lang, "court-add-none"))
                } else {
                    picker
                });
                FormKey::Used(Vec::new())
            }
            Some(Action::Enter) => {
                let edits: Vec<Edit> = self.flush(spec).into_iter().collect();
                self.step(true);
                self.open_editor(spec, record);
                FormKey::Used(edits)
            }
            Some(Action::Clear) if coded => {
                FormKey::Used(self.set(spec, record, entity, uuid, field, String::new()))
            }
            _ => FormKey::NotMine,
        }
    }

    /// The keys the form answers now (its choice list's while one is open), for the footer
    /// and help.
    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        match &self.picker {
            Some(p) => p.keys(),
            None => {
                let mut k = keys::describe(keys::FIELD_NAV);
                k.extend(keys::describe(KEYS));
                if self.editor.is_some() {
                    k.extend(super::text::edit_keys());
                }
                k
            }
        }
    }

    /// Draws the form; the detail line at the bottom shows the focused field's help.
    pub fn render(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        ctx: &FormCtx<'_>,
        record: &HearingRecord,
        problems: &[Problem],
    ) {
        if area.height < 2 {
            return;
        }
        let spec = ctx.spec;
        let help_height = if area.height > 12 { 2 } else { 0 };
        let body = Rect {
            height: area.height - help_height,
            ..area
        };
        // Labels widen with the terminal: two fifths up to 34 columns, a quarter beyond.
        let label_w = (body.width * 2 / 5).clamp(10, 34).max(body.width / 4);
        let value_w = body.width.saturating_sub(label_w + 2);

        // Each row's height: a focused narrative opens into a box.
        let heights: Vec<u16> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| match r {
                Row::Field { .. }
                    if i == self.focus
                        && self.editor.as_ref().is_some_and(Editor::is_multiline) =>
                {
                    (body.height / 3).clamp(3, 8)
                }
                _ => 1,
            })
            .collect();
        let focus_top: u16 = heights.iter().take(self.focus).sum();
        let focus_h = heights.get(self.focus).copied().unwrap_or(1);
        let scroll = (focus_top + focus_h)
            .saturating_sub(body.height)
            .max(focus_top.saturating_sub(body.height / 2));
        let scroll = scroll.min(focus_top);

        let mut y: i32 = -(scroll as i32);
        for (i, row) in self.rows.iter().enumerate() {
            let h = heights[i];
            let top = y;
            y += h as i32;
            if top < 0 || top as u16 >= body.height {
                continue;
            }
            let ry = body.y + top as u16;
            let h = h.min(body.height - top as u16);
            match row {
                Row::Heading(text) => {
                    frame.render_widget(
                        Paragraph::new(Line::styled(format!("━━ {text} "), theme::title())),
                        Rect {
                            y: ry,
                            height: 1,
                            ..body
                        },
                    );
                }
                Row::Section { form, section } => {
                    let text = spec
                        .form(form)
                        .and_then(|f| f.sections.iter().find(|s| s.id == *section))
                        .map_or(section.as_str(), |s| s.label.get(ctx.lang));
                    frame.render_widget(
                        Paragraph::new(Line::styled(format!("── {text} "), theme::section())),
                        Rect {
                            y: ry,
                            height: 1,
                            ..body
                        },
                    );
                }
                Row::Field {
                    entity,
                    record: uuid,
                    field,
                } => {
                    let Some((_, def)) = spec.field(field) else {
                        continue;
                    };
                    let focused = i == self.focus;
                    let value = record
                        .fields_of(*entity, *uuid)
                        .and_then(|f| f.get(field))
                        .map(String::as_str)
                        .unwrap_or("");
                    let problem = problems
                        .iter()
                        .find(|p| p.entity == *entity && p.record == *uuid && p.field == *field);
                    let invalid = !value.is_empty()
                        && !value_fits(spec, def.kind(), def.list.as_deref(), value.trim());
                    let marker = if def.required { "*" } else { " " };
                    let label = truncate(
                        &format!("{marker}{}", def.label.get(ctx.lang)),
                        label_w as usize,
                    );
                    let label_style = if focused {
                        theme::focused()
                    } else {
                        theme::label()
                    };
                    frame.render_widget(
                        Paragraph::new(Line::styled(label, label_style)),
                        Rect {
                            x: body.x,
                            y: ry,
                            width: label_w,
                            height: 1,
                        },
                    );
                    let varea = Rect {
                        x: body.x + label_w + 1,
                        y: ry,
                        width: value_w,
                        height: h,
                    };
                    let message = if invalid {
                        Some(ctx.texts.t(ctx.lang, kind_hint(def.kind())))
                    } else {
                        problem.map(|p| {
                            ctx.texts.t(
                                ctx.lang,
                                match p.kind {
                                    ProblemKind::Required => "form-required",
                                    ProblemKind::CommentRequired => "form-comment-required",
                                    ProblemKind::Invalid => kind_hint(def.kind()),
                                    ProblemKind::NotApplicable => "form-not-applicable",
                                },
                            )
                        })
                    };
                    match (&self.editor, focused) {
                        (Some(editor), true) => {
                            let msg_w = message
                                .as_ref()
                                .map_or(0, |m| m.width() as u16 + 1)
                                .min(value_w / 2);
                            let earea = Rect {
                                width: value_w.saturating_sub(msg_w),
                                ..varea
                            };
                            editor.render(frame, earea, theme::value());
                            if let Some(m) = message {
                                let marea = Rect {
                                    x: earea.x + earea.width,
                                    y: ry,
                                    width: msg_w,
                                    height: 1,
                                };
                                frame.render_widget(
                                    Paragraph::new(Line::styled(format!(" {m}"), theme::error())),
                                    marea,
                                );
                            }
                        }
                        _ => {
                            let shown = if value.is_empty() {
                                Span::styled("·", theme::dim())
                            } else {
                                Span::styled(
                                    spec.display(def, value, ctx.lang).replace('\n', " ⏎ "),
                                    theme::value(),
                                )
                            };
                            let mut spans = vec![shown];
                            if let Some(m) = message {
                                spans.push(Span::styled(format!("  {m}"), theme::error()));
                            }
                            frame.render_widget(
                                Paragraph::new(Line::from(spans)),
                                Rect { height: 1, ..varea },
                            );
                            if focused {
                                frame.set_cursor_position((varea.x, ry));
                            }
                        }
                    }
                }
            }
        }

        if help_height > 0 {
            let harea = Rect {
                y: area.y + area.height - help_height,
                height: help_height,
                ..area
            };
            let text = self
                .focused(spec)
                .map(|(_, _, f)| {
                    let mut t = f
                        .help
                        .as_ref()
                        .map(|h| h.get(ctx.lang).to_owned())
                        .unwrap_or_default();
                    if f.kind().is_coded() {
                        t = format!("{}  {t}", ctx.texts.t(ctx.lang, "form-choice-hint"));
                    } else if matches!(f.kind(), FieldKind::Date | FieldKind::Time) {
                        t = format!("{}  {t}", ctx.texts.t(ctx.lang, kind_hint(f.kind())));
                    }
                    t
                })
                .unwrap_or_default();
            frame.render_widget(
                Paragraph::new(text)
                    .style(theme::dim())
                    .wrap(Wrap { trim: true }),
                harea,
            );
        }

        if let Some(p) = &self.picker {
            p.render(frame, area, &ctx.texts.t(ctx.lang, "picker-hint"));
        }
    }
}

/// Clears, in `record`, every value whose field's condition no longer holds (and those that
/// stop holding in turn), returning the edits that save the clearing.
pub(crate) fn clear_what_no_longer_applies(spec: &Spec, record: &mut HearingRecord) -> Vec<Edit> {
    crate::domain::clear_not_applicable(spec, record)
        .into_iter()
        .filter_map(|c| {
            Some(Edit {
                entity: crate::domain::Entity::parse(c.entity)?,
                record: c.record,
                field: c.field,
                value: String::new(),
            })
        })
        .collect()
}

/// The choices of a list in the interface language (courts included), children indented;
/// each is found by typing its label in any language, or its code.
pub(crate) fn choices(spec: &Spec, list: &str, lang: Lang) -> Vec<Choice> {
    if list == crate::spec::COURT_LIST {
        return spec
            .courts
            .iter()
            .map(|c| {
                let others: Vec<&str> = Lang::ALL.iter().map(|l| c.name.get(*l)).collect();
                Choice::new(&c.code, c.name.get(lang), &others, false)
            })
            .collect();
    }
    spec.list(list)
        .map(|l| {
            l.active()
                .map(|c| {
                    let others: Vec<&str> = Lang::ALL.iter().map(|l| c.label(*l)).collect();
                    Choice::new(&c.code, c.label(lang), &others, c.parent.is_some())
                })
                .collect()
        })
        .unwrap_or_default()
}

fn kind_hint(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Date => "form-date-hint",
        FieldKind::Time => "form-time-hint",
        FieldKind::Number => "form-number-hint",
        _ => "form-invalid",
    }
}

/// Cuts text to a display width, with an ellipsis.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Case, Fields, Hearing, HearingRecord, Status};
    use crate::tui::keys::parse;

    fn record() -> HearingRecord {
        let id = |n| Uuid::from_u128(n);
        HearingRecord::new(
            Case {
                uuid: id(2),
                fields: Fields::new(),
            },
            Hearing {
                uuid: id(1),
                case_uuid: id(2),
                monitor_uuid: id(3),
                status: Status::Draft,
                version: 0,
                content_hash: String::new(),
                parent_hash: String::new(),
                ancestors: Vec::new(),
                sealed: false,
                form_versions: String::new(),
                created_at: String::new(),
                updated_at: String::new(),
                fields: Fields::new(),
            },
        )
    }

    struct Fixture {
        spec: Spec,
        texts: Texts,
        record: HearingRecord,
        form: FormState,
    }

    impl Fixture {
        fn new() -> Fixture {
            let spec = Spec::builtin().expect("spec");
            let record = record();
            let groups = vec![Group {
                entity: Entity::Hearing,
                record: record.hearing.uuid,
                heading: None,
            }];
            let form = FormState::new(groups, &spec, &record);
            Fixture {
                spec,
                texts: Texts::builtin().expect("texts"),
                record,
                form,
            }
        }

        fn press(&mut self, keys: &str) -> Vec<Edit> {
            let now = DateTime::parse_from_rfc3339("2026-11-23T10:15:00+05:00").expect("time");
            let ctx = FormCtx {
                spec: &self.spec,
                texts: &self.texts,
                lang: Lang::En,
                now,
            };
            let mut edits = Vec::new();
            for k in parse(keys) {
                if let FormKey::Used(e) = self.form.handle_key(k, &ctx, &mut self.record) {
                    edits.extend(e);
                }
            }
            edits
        }

        fn focused(&self) -> String {
            self.form
                .focused(&self.spec)
                .map(|(_, _, f)| f.id.clone())
                .unwrap_or_default()
        }

        fn focus(&mut self, field: &str) {
            let id = self.record.hearing.uuid;
            assert!(
                self.form
                    .focus_field(&self.spec, &self.record, Entity::Hearing, id, field),
                "{field} not shown"
            );
        }

        fn shown(&self, field: &str) -> bool {
            self.form
                .rows
                .iter()
                .any(|r| matches!(r, Row::Field { field: f, .. } if f == field))
        }
    }

    #[test]
    fn the_first_field_is_focused_and_tab_skips_headings_both_ways() {
        let mut f = Fixture::new();
        let first = f.focused();
        assert!(!first.is_empty());
        f.press("<Tab>");
        let second = f.focused();
        assert_ne!(first, second);
        f.press("<S-Tab>");
        assert_eq!(f.focused(), first);
        f.press("<S-Tab>");
        let last = f
            .form
            .rows
            .iter()
            .rev()
            .find_map(|r| match r {
                Row::Field { field, .. } => Some(field.clone()),
                _ => None,
            })
            .expect("a field");
        assert_ne!(last, first);
        assert_eq!(
            f.focused(),
            last,
            "Shift-Tab from the first field wraps to the last"
        );
    }

    #[test]
    fn typed_text_is_saved_once_on_flush() {
        let mut f = Fixture::new();
        f.focus("judge_name");
        assert!(
            f.press("Саидов").is_empty(),
            "typing alone saves nothing yet"
        );
        assert_eq!(
            f.record
                .hearing
                .fields
                .get("judge_name")
                .map(String::as_str),
            Some("Саидов")
        );
        let edit = f.form.flush(&f.spec).expect("a pending edit");
        assert_eq!(
            (edit.field.as_str(), edit.value.as_str()),
            ("judge_name", "Саидов")
        );
        assert!(
            f.form.flush(&f.spec).is_none(),
            "nothing pending after a flush"
        );
        f.press("<BS>");
        let edits = f.press("<Tab>");
        assert_eq!(edits.len(), 1, "leaving a changed field saves it");
        assert_eq!(edits[0].value, "Саидо");
    }

    #[test]
    fn choosing_a_code_applies_relevance_at_once() {
        let mut f = Fixture::new();
        f.focus("hearing_held");
        f.press("<Enter>");
        f.press("Held<Enter>");
        assert!(!f.shown("closure_ground"));
        f.focus("public_access");
        let edits = f.press("<Enter>entire<Enter>");
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].value, "closed_entire");
        assert!(
            f.shown("closure_ground"),
            "a closed hearing asks for the closure ground"
        );
        f.press("<Del>");
        assert!(
            !f.shown("closure_ground"),
            "clearing the access hides it again"
        );
    }

    #[test]
    fn a_hearing_made_public_again_loses_its_closure_ground() {
        let mut f = Fixture::new();
        f.focus("hearing_held");
        f.press("<Enter>Held<Enter>");
        f.focus("public_access");
        f.press("<Enter>entire<Enter>");
        f.focus("closure_ground");
        f.press("<Enter>secret<Enter>");
        assert!(f.record.hearing.fields.contains_key("closure_ground"));
        f.focus("public_access");
        let edits = f.press("<Enter>Open<Enter>");
        let saved: Vec<(&str, &str)> = edits
            .iter()
            .map(|e| (e.field.as_str(), e.value.as_str()))
            .collect();
        assert_eq!(saved[0], ("public_access", "open"));
        assert!(saved.contains(&("closure_ground", "")), "{saved:?}");
        assert!(!f.record.hearing.fields.contains_key("closure_ground"));
        assert!(
            crate::domain::finalise_problems(&f.spec, &f.record)
                .iter()
                .all(|p| p.kind != ProblemKind::NotApplicable)
        );
    }

    #[test]
    fn ctrl_n_fills_today_and_now() {
        let mut f = Fixture::new();
        f.focus("hearing_date");
        let edits = f.press("<C-n>");
        assert_eq!(edits[0].value, "2026-11-23");
        f.focus("scheduled_start_time");
        assert_eq!(f.press("<C-n>")[0].value, "10:15");
    }

    #[test]
    fn keys_the_form_does_not_use_are_left_to_the_screen() {
        let mut f = Fixture::new();
        let now = DateTime::parse_from_rfc3339("2026-11-23T10:15:00+05:00").expect("time");
        let ctx = FormCtx {
            spec: &f.spec,
            texts: &f.texts,
            lang: Lang::En,
            now,
        };
        for k in parse("<F2><C-s><C-t><Esc>") {
            assert_eq!(f.form.handle_key(k, &ctx, &mut f.record), FormKey::NotMine);
        }
    }
}
