//! A list of records with the form of the selected one, shared by the people and the
//! allegations tabs: which record is selected (it stays selected when the list changes, and
//! a record just added is selected), the form rebuilt for it (a record added under it, a
//! charge or a follow-up, gets the cursor), moving to the previous or next record, and the
//! form's finished edits as save effects. The screens keep what differs: what the list
//! holds and shows, the form's groups, and their own keys.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::widgets::{List, ListItem, ListState};
use uuid::Uuid;

use super::form::{Edit, FormCtx, FormKey, FormState, Group};
use crate::domain::{Entity, HearingRecord, Problem};
use crate::spec::Spec;
use crate::tui::effect::Effect;
use crate::tui::theme;

/// The groups of the form of one record of the list (the record, then what hangs under it).
pub(crate) type GroupsOf<'a> = &'a dyn Fn(Uuid) -> Vec<Group>;

#[derive(Debug, Default, Clone)]
pub struct Records {
    order: Vec<Uuid>,
    selected: usize,
    form: FormState,
}

/// Finished edits of a hearing's records as save effects.
pub(crate) fn save_effects(hearing: Uuid, edits: impl IntoIterator<Item = Edit>) -> Vec<Effect> {
    edits
        .into_iter()
        .map(|e| Effect::SetField {
            hearing,
            entity: e.entity,
            record: e.record,
            field: e.field,
            value: e.value,
        })
        .collect()
}

impl Records {
    /// The selected record.
    pub(crate) fn selected(&self) -> Option<Uuid> {
        self.order.get(self.selected).copied()
    }

    /// The records of the list, in order.
    pub(crate) fn order(&self) -> &[Uuid] {
        &self.order
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    pub fn form(&self) -> &FormState {
        &self.form
    }

    /// Follows the record after a change: the list becomes `order`; the same record stays
    /// selected, or the one just added is selected.
    pub(crate) fn refresh(
        &mut self,
        order: Vec<Uuid>,
        spec: &Spec,
        record: &HearingRecord,
        groups: GroupsOf<'_>,
    ) {
        let before = self.selected();
        let old = std::mem::replace(&mut self.order, order);
        let added = self.order.iter().position(|u| !old.contains(u));
        self.selected = match (added, before) {
            (Some(i), _) if !old.is_empty() || self.order.len() == 1 => i,
            (_, Some(b)) => self.order.iter().position(|u| *u == b).unwrap_or(0),
            _ => 0,
        }
        .min(self.order.len().saturating_sub(1));
        self.rebuild(spec, record, groups);
    }

    /// The form of the selected record: the same form with relevance applied again, or a new
    /// one when its groups changed (a record just added under it gets the cursor).
    fn rebuild(&mut self, spec: &Spec, record: &HearingRecord, groups: GroupsOf<'_>) {
        let Some(selected) = self.selected() else {
            self.form = FormState::default();
            return;
        };
        let g = groups(selected);
        if g.as_slice() == self.form.groups() {
            self.form.rebuild(spec, record);
            return;
        }
        let old = self.form.groups();
        let added = g
            .iter()
            .skip(1)
            .find(|x| !old.iter().any(|o| o.record == x.record))
            .filter(|_| !old.is_empty())
            .map(|x| x.record);
        let same = old.first().map(|o| o.record) == g.first().map(|x| x.record);
        self.form = FormState::new(g, spec, record);
        if let Some(uuid) = added.filter(|_| same) {
            self.form.focus_record(spec, record, uuid);
        }
    }

    /// Selects the previous or the next record.
    pub fn step(
        &mut self,
        forward: bool,
        spec: &Spec,
        record: &HearingRecord,
        groups: GroupsOf<'_>,
    ) {
        if self.order.is_empty() {
            return;
        }
        self.selected = if forward {
            (self.selected + 1).min(self.order.len() - 1)
        } else {
            self.selected.saturating_sub(1)
        };
        self.rebuild(spec, record, groups);
    }

    /// Selects the record `owner` and focuses a field of its form (a jump to a problem).
    pub fn focus(
        &mut self,
        owner: Uuid,
        (entity, uuid, field): (Entity, Uuid, &str),
        spec: &Spec,
        record: &HearingRecord,
        groups: GroupsOf<'_>,
    ) {
        if let Some(i) = self.order.iter().position(|u| *u == owner) {
            self.selected = i;
            self.rebuild(spec, record, groups);
            self.form.focus_field(spec, record, entity, uuid, field);
        }
    }

    /// Closes the form's open choice list, choosing nothing.
    pub(crate) fn close_popup(&mut self) {
        self.form.close_popup();
    }

    /// The pending text of the form, as save effects.
    pub fn flush(&mut self, spec: &Spec, hearing: Uuid) -> Vec<Effect> {
        save_effects(hearing, self.form.flush(spec))
    }

    /// Offers a key to the form; `None` when it is not the form's.
    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        ctx: &FormCtx<'_>,
        record: &mut HearingRecord,
    ) -> Option<Vec<Effect>> {
        let hearing = record.hearing.uuid;
        match self.form.handle_key(key, ctx, record) {
            FormKey::Used(edits) => Some(save_effects(hearing, edits)),
            FormKey::NotMine => None,
        }
    }

    /// Draws the list (`items`, one per record, in order) with the selected one highlighted,
    /// and the selected record's form.
    pub fn render(
        &self,
        frame: &mut Frame<'_>,
        (list, form): (Rect, Rect),
        items: Vec<ListItem<'_>>,
        ctx: &FormCtx<'_>,
        record: &HearingRecord,
        problems: &[Problem],
    ) {
        let mut state = ListState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(
            List::new(items).highlight_style(theme::selected()),
            list,
            &mut state,
        );
        self.form.render(frame, form, ctx, record, problems);
    }
}
