//! People of the hearing: defendants, victims and witnesses under display codes, each with
//! their facts at this hearing (attendance, custody, cage, restraints, counsel, interpreter,
//! visible injuries), their charges and their consent.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{ListItem, Paragraph, Wrap};
use uuid::Uuid;

use super::Ctx;
use super::hearing::Confirm;
use crate::domain::{Entity, HearingRecord, Problem};
use crate::spec::Spec;
use crate::tui::effect::Effect;
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;
use crate::tui::widgets::form::Group;
use crate::tui::widgets::records::Records;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    AddDefendant,
    AddVictim,
    AddWitness,
    AddCharge,
    AddConsent,
    Remove,
    Prev,
    Next,
}

const KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::ctrl('a')], Action::AddDefendant, "key-add-defendant"),
    Binding::new(&[Key::ctrl('v')], Action::AddVictim, "key-add-victim"),
    Binding::help_only(&[Key::ctrl('w')], Action::AddWitness, "key-add-witness"),
    Binding::new(&[Key::ctrl('g')], Action::AddCharge, "key-add-charge"),
    Binding::help_only(&[Key::ctrl('o')], Action::AddConsent, "key-add-consent"),
    Binding::help_only(&[Key::ctrl('x')], Action::Remove, "key-remove"),
    Binding::new(
        &[Key::plain(KeyCode::PageUp)],
        Action::Prev,
        "key-prev-person",
    ),
    Binding::new(
        &[Key::plain(KeyCode::PageDown)],
        Action::Next,
        "key-next-person",
    ),
];

#[derive(Debug, Default, Clone)]
pub struct People {
    /// The people of the hearing, and the form of the selected one.
    records: Records,
}

/// People in display order: defendants, victims, witnesses, others; then by code.
pub fn ordered(record: &HearingRecord) -> Vec<Uuid> {
    let rank = |role: Option<&String>| match role.map(String::as_str) {
        Some("defendant") => 0,
        Some("victim") => 1,
        Some("witness") => 2,
        _ => 3,
    };
    let mut v: Vec<_> = record.parties.iter().collect();
    v.sort_by_key(|p| {
        (
            rank(p.fields.get("role")),
            p.fields.get("display_code").map(|c| (c.len(), c.clone())),
        )
    });
    v.into_iter().map(|p| p.uuid).collect()
}

fn groups(record: &HearingRecord, party: Uuid, ctx: &Ctx<'_>) -> Vec<Group> {
    let code = record
        .party(party)
        .and_then(|p| p.fields.get("display_code"))
        .cloned()
        .unwrap_or_default();
    let mut g = vec![Group {
        entity: Entity::Party,
        record: party,
        heading: Some(code.clone()),
    }];
    if let Some(hp) = record
        .hearing_parties
        .iter()
        .find(|hp| hp.party_uuid == party)
    {
        g.push(Group {
            entity: Entity::HearingParty,
            record: hp.uuid,
            heading: Some(format!("{code} · {}", ctx.t("people-at-hearing"))),
        });
    }
    for (i, c) in record
        .charges
        .iter()
        .filter(|c| c.party_uuid == party)
        .enumerate()
    {
        g.push(Group {
            entity: Entity::Charge,
            record: c.uuid,
            heading: Some(format!("{code} · {} {}", ctx.t("people-charge"), i + 1)),
        });
    }
    for c in record.consents.iter().filter(|c| c.party_uuid == party) {
        g.push(Group {
            entity: Entity::Consent,
            record: c.uuid,
            heading: Some(format!("{code} · {}", ctx.t("people-consent"))),
        });
    }
    g
}

impl People {
    pub fn new(record: &HearingRecord, ctx: &Ctx<'_>) -> People {
        let mut p = People::default();
        p.refresh(record, ctx);
        p
    }

    fn party(&self) -> Option<Uuid> {
        self.records.selected()
    }

    /// Follows the record after a change: the same person stays selected; a new person is
    /// selected when one was added.
    pub(crate) fn refresh(&mut self, record: &HearingRecord, ctx: &Ctx<'_>) {
        let groups = |p| groups(record, p, ctx);
        self.records
            .refresh(ordered(record), ctx.spec, record, &groups);
    }

    /// The screen's keys, then its form's (only the choice list's while one is open).
    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        let form = self.records.form();
        if form.has_popup() {
            return form.keys();
        }
        let mut k = keys::describe(KEYS);
        k.extend(form.keys());
        k
    }

    /// Closes the form's open choice list, choosing nothing (the tab is left).
    pub(crate) fn close_popup(&mut self) {
        self.records.close_popup();
    }

    /// The pending text of the form, as save effects.
    pub fn flush(&mut self, spec: &Spec, hearing: Uuid) -> Vec<Effect> {
        self.records.flush(spec, hearing)
    }

    pub fn focus(
        &mut self,
        entity: Entity,
        uuid: Uuid,
        field: &str,
        record: &HearingRecord,
        ctx: &Ctx<'_>,
    ) {
        let party = match entity {
            Entity::Party => Some(uuid),
            Entity::HearingParty => record
                .hearing_parties
                .iter()
                .find(|x| x.uuid == uuid)
                .map(|x| x.party_uuid),
            Entity::Charge => record
                .charges
                .iter()
                .find(|x| x.uuid == uuid)
                .map(|x| x.party_uuid),
            Entity::Consent => record
                .consents
                .iter()
                .find(|x| x.uuid == uuid)
                .map(|x| x.party_uuid),
            _ => None,
        };
        if let Some(party) = party {
            let groups = |p| groups(record, p, ctx);
            self.records
                .focus(party, (entity, uuid, field), ctx.spec, record, &groups);
        }
    }

    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        ctx: &Ctx<'_>,
        record: &mut HearingRecord,
    ) -> Option<(Vec<Effect>, Option<Confirm>)> {
        let hearing = record.hearing.uuid;
        if !self.records.form().has_popup()
            && let Some(action) = keys::lookup(KEYS, &key)
        {
            let mut effects: Vec<Effect> = self.records.flush(ctx.spec, hearing);
            let role = |r: &str| Effect::AddParty {
                hearing,
                role: r.into(),
            };
            match action {
                Action::AddDefendant => effects.push(role("defendant")),
                Action::AddVictim => effects.push(role("victim")),
                Action::AddWitness => effects.push(role("witness")),
                Action::AddCharge | Action::AddConsent => {
                    if let Some(p) = self.party() {
                        let entity = if action == Action::AddCharge {
                            Entity::Charge
                        } else {
                            Entity::Consent
                        };
                        effects.push(Effect::AddRecord {
                            hearing,
                            entity,
                            parent: Some(p),
                        });
                    }
                }
                Action::Remove => {
                    let target = self
                        .records
                        .form()
                        .focused(ctx.spec)
                        .filter(|(e, _, _)| matches!(e, Entity::Charge | Entity::Consent))
                        .map(|(e, u, _)| (e, u))
                        .or_else(|| self.party().map(|p| (Entity::Party, p)));
                    if let Some((entity, uuid)) = target {
                        let code = self
                            .party()
                            .and_then(|p| record.party(p))
                            .and_then(|p| p.fields.get("display_code"))
                            .cloned()
                            .unwrap_or_default();
                        let what = match entity {
                            Entity::Charge => format!("{code} · {}", ctx.t("people-charge")),
                            Entity::Consent => format!("{code} · {}", ctx.t("people-consent")),
                            _ => code,
                        };
                        return Some((
                            effects,
                            Some(Confirm::Delete {
                                entity,
                                record: uuid,
                                what,
                            }),
                        ));
                    }
                }
                Action::Prev | Action::Next => {
                    let groups = |p| groups(record, p, ctx);
                    self.records
                        .step(action == Action::Next, ctx.spec, record, &groups);
                }
            }
            return Some((effects, None));
        }
        let effects = self.records.handle_key(key, &ctx.form(), record)?;
        Some((effects, None))
    }

    pub fn render(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        ctx: &Ctx<'_>,
        record: &HearingRecord,
        problems: &[Problem],
    ) {
        if self.records.is_empty() {
            frame.render_widget(
                Paragraph::new(ctx.t("people-empty"))
                    .style(theme::dim())
                    .wrap(Wrap { trim: true }),
                area,
            );
            return;
        }
        let list_w = if area.width >= 100 { 24 } else { 16 };
        let [list_area, form_area] =
            Layout::horizontal([Constraint::Length(list_w), Constraint::Min(10)])
                .spacing(1)
                .areas(area);
        let items: Vec<ListItem<'_>> = self
            .records
            .order()
            .iter()
            .filter_map(|u| record.party(*u))
            .map(|p| {
                let code = p.fields.get("display_code").cloned().unwrap_or_default();
                let role = p
                    .fields
                    .get("role")
                    .map(|r| ctx.spec.code_label("party_role", r, ctx.lang))
                    .unwrap_or("");
                let flagged = problems.iter().any(|x| {
                    x.record == p.uuid
                        || record
                            .hearing_parties
                            .iter()
                            .any(|hp| hp.party_uuid == p.uuid && hp.uuid == x.record)
                });
                let mark = if flagged { "!" } else { " " };
                ListItem::new(Line::from(crate::tui::widgets::form::truncate(
                    &format!("{mark}{code} {role}"),
                    usize::from(list_w),
                )))
            })
            .collect();
        self.records.render(
            frame,
            (list_area, form_area),
            items,
            &ctx.form(),
            record,
            problems,
        );
    }
}
