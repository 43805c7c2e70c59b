//! Torture and ill-treatment allegations raised in court: any number per hearing, each the
//! full record of the allegation form, with its follow-ups.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{ListItem, Paragraph, Wrap};
use uuid::Uuid;

use super::Ctx;
use super::hearing::Confirm;
use super::people::ordered;
use crate::domain::{Entity, HearingRecord, Problem};
use crate::spec::Spec;
use crate::tui::effect::Effect;
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;
use crate::tui::widgets::form::Group;
use crate::tui::widgets::picker::{Choice, Picker, PickerEvent};
use crate::tui::widgets::records::Records;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Add,
    AddFollowup,
    Remove,
    Prev,
    Next,
}

const KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::ctrl('a')], Action::Add, "key-add-allegation"),
    Binding::new(&[Key::ctrl('f')], Action::AddFollowup, "key-add-followup"),
    Binding::help_only(&[Key::ctrl('x')], Action::Remove, "key-remove"),
    Binding::new(
        &[Key::plain(KeyCode::PageUp)],
        Action::Prev,
        "key-prev-allegation",
    ),
    Binding::new(
        &[Key::plain(KeyCode::PageDown)],
        Action::Next,
        "key-next-allegation",
    ),
];

#[derive(Debug, Default, Clone)]
pub struct Allegations {
    /// The allegations of the hearing, and the form of the selected one.
    records: Records,
    /// Choosing who made the allegation, before it is added.
    who: Option<Picker>,
}

fn groups(record: &HearingRecord, allegation: Uuid, ctx: &Ctx<'_>) -> Vec<Group> {
    let mut g = vec![Group {
        entity: Entity::Allegation,
        record: allegation,
        heading: None,
    }];
    for (i, f) in record
        .followups
        .iter()
        .filter(|f| f.allegation_uuid == allegation)
        .enumerate()
    {
        g.push(Group {
            entity: Entity::Followup,
            record: f.uuid,
            heading: Some(format!("{} {}", ctx.t("allegation-followup"), i + 1)),
        });
    }
    g
}

impl Allegations {
    pub fn new(record: &HearingRecord, ctx: &Ctx<'_>) -> Allegations {
        let mut a = Allegations::default();
        a.refresh(record, ctx);
        a
    }

    fn current(&self) -> Option<Uuid> {
        self.records.selected()
    }

    /// Follows the record after a change: the same allegation stays selected; a new one is
    /// selected when one was added.
    pub(crate) fn refresh(&mut self, record: &HearingRecord, ctx: &Ctx<'_>) {
        let order = record.allegations.iter().map(|a| a.uuid).collect();
        let groups = |a| groups(record, a, ctx);
        self.records.refresh(order, ctx.spec, record, &groups);
    }

    /// The "who" list's keys while it is open; else the screen's, then its form's (only the
    /// choice list's while one is open).
    pub fn keys(&self) -> Vec<(String, &'static str, bool)> {
        if let Some(p) = &self.who {
            return p.keys();
        }
        let form = self.records.form();
        if form.has_popup() {
            return form.keys();
        }
        let mut k = keys::describe(KEYS);
        k.extend(form.keys());
        k
    }

    /// Closes an open choice list (who made the allegation, or the form's), choosing
    /// nothing (the tab is left).
    pub(crate) fn close_popup(&mut self) {
        self.who = None;
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
        let allegation = match entity {
            Entity::Allegation => Some(uuid),
            _ => record
                .followups
                .iter()
                .find(|f| f.uuid == uuid)
                .map(|f| f.allegation_uuid),
        };
        if let Some(allegation) = allegation {
            let groups = |a| groups(record, a, ctx);
            self.records
                .focus(allegation, (entity, uuid, field), ctx.spec, record, &groups);
        }
    }

    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        ctx: &Ctx<'_>,
        record: &mut HearingRecord,
    ) -> Option<(Vec<Effect>, Option<Confirm>)> {
        let hearing = record.hearing.uuid;
        if let Some(picker) = &mut self.who {
            return match picker.handle(key) {
                PickerEvent::Picked(code) => {
                    self.who = None;
                    let party = Uuid::parse_str(&code).ok();
                    Some((
                        vec![Effect::AddRecord {
                            hearing,
                            entity: Entity::Allegation,
                            parent: party,
                        }],
                        None,
                    ))
                }
                PickerEvent::Cancelled => {
                    self.who = None;
                    Some((Vec::new(), None))
                }
                // Not a list one adds to.
                PickerEvent::None | PickerEvent::Add(_) => Some((Vec::new(), None)),
                PickerEvent::NotMine => None,
            };
        }
        if !self.records.form().has_popup()
            && let Some(action) = keys::lookup(KEYS, &key)
        {
            let effects = self.records.flush(ctx.spec, hearing);
            match action {
                Action::Add => {
                    let mut choices: Vec<Choice> = ordered(record)
                        .into_iter()
                        .filter_map(|u| record.party(u))
                        .map(|p| {
                            let role = p
                                .fields
                                .get("role")
                                .map(|r| ctx.spec.code_label("party_role", r, ctx.lang))
                                .unwrap_or("");
                            let code = p.fields.get("display_code").cloned().unwrap_or_default();
                            let roles: Vec<&str> = crate::spec::Lang::ALL
                                .iter()
                                .filter_map(|l| {
                                    p.fields
                                        .get("role")
                                        .map(|r| ctx.spec.code_label("party_role", r, *l))
                                })
                                .collect();
                            let mut others = roles;
                            others.push(&code);
                            Choice::by_label(
                                &p.uuid.to_string(),
                                &format!("{code} {role}"),
                                &others,
                            )
                        })
                        .collect();
                    let nobody: Vec<String> = crate::spec::Lang::ALL
                        .iter()
                        .map(|l| ctx.texts.t(*l, "allegation-no-person"))
                        .collect();
                    let nobody: Vec<&str> = nobody.iter().map(String::as_str).collect();
                    choices.push(Choice::new(
                        "",
                        &ctx.t("allegation-no-person"),
                        &nobody,
                        false,
                    ));
                    self.who = Some(Picker::new(ctx.t("allegation-who"), choices, false, ""));
                }
                Action::AddFollowup => {
                    if let Some(a) = self.current() {
                        let mut effects = effects;
                        effects.push(Effect::AddRecord {
                            hearing,
                            entity: Entity::Followup,
                            parent: Some(a),
                        });
                        return Some((effects, None));
                    }
                }
                Action::Remove => {
                    let target = self
                        .records
                        .form()
                        .focused(ctx.spec)
                        .filter(|(e, _, _)| *e == Entity::Followup)
                        .map(|(e, u, _)| (e, u))
                        .or_else(|| self.current().map(|a| (Entity::Allegation, a)));
                    if let Some((entity, uuid)) = target {
                        let what = if entity == Entity::Followup {
                            ctx.t("allegation-followup")
                        } else {
                            ctx.t("allegation-one")
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
                    let groups = |a| groups(record, a, ctx);
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
                Paragraph::new(ctx.t("allegations-empty"))
                    .style(theme::dim())
                    .wrap(Wrap { trim: true }),
                area,
            );
        } else {
            let list_h = (self.records.order().len() as u16 + 1)
                .min(area.height / 4)
                .max(2);
            let [list_area, form_area] =
                Layout::vertical([Constraint::Length(list_h), Constraint::Min(3)]).areas(area);
            let items: Vec<ListItem<'_>> = record
                .allegations
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let who = a
                        .party_uuid
                        .and_then(|p| record.party(p))
                        .and_then(|p| p.fields.get("display_code"))
                        .cloned()
                        .unwrap_or_else(|| "—".into());
                    let methods = a
                        .fields
                        .get("methods")
                        .map(|m| {
                            ctx.spec.field("methods").map_or_else(
                                || m.clone(),
                                |(_, f)| ctx.spec.display(f, m, ctx.lang),
                            )
                        })
                        .unwrap_or_default();
                    let mark = if problems.iter().any(|p| p.record == a.uuid) {
                        "!"
                    } else {
                        " "
                    };
                    ListItem::new(format!("{mark}{}. {who}  {methods}", i + 1))
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
        if let Some(p) = &self.who {
            p.render(frame, area, &ctx.t("picker-hint"));
        }
    }
}
