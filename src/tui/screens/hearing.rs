//! The hearing workspace: one hearing, its sections as tabs (F2 details, F3 people, F4
//! checklist, F5 allegations, F6 timeline), Ctrl-T to stamp a courtroom event from anywhere,
//! Ctrl-S to finalise with every problem listed and a jump to each.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph, Wrap};
use uuid::Uuid;

use super::allegations::Allegations;
use super::checklist::Checklist;
use super::people::People;
use super::timeline::{DialogKey, EventDialog, Timeline, TimelineKey};
use super::{Cmd, Ctx};
use crate::domain::{Entity, HearingRecord, Problem, ProblemKind, Status};
use crate::spec::COURT_LIST;
use crate::tui::effect::{Effect, Outcome};
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;
use crate::tui::widgets::chrome::{self, Answer};
use crate::tui::widgets::form::{FormKey, FormState, Group};
use crate::tui::widgets::picker::centered;
use crate::tui::widgets::records::save_effects;
use crate::tui::widgets::text::Editor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Details,
    People,
    Checklist,
    Allegations,
    Timeline,
}

impl Tab {
    const ALL: [Tab; 5] = [
        Tab::Details,
        Tab::People,
        Tab::Checklist,
        Tab::Allegations,
        Tab::Timeline,
    ];

    fn label(self) -> &'static str {
        match self {
            Tab::Details => "tab-details",
            Tab::People => "tab-people",
            Tab::Checklist => "tab-checklist",
            Tab::Allegations => "tab-allegations",
            Tab::Timeline => "tab-timeline",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Tab(Tab),
    Finalise,
    Stamp,
    Back,
}

const KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::f(2)], Action::Tab(Tab::Details), "key-tab-details"),
    Binding::new(&[Key::f(3)], Action::Tab(Tab::People), "key-tab-people"),
    Binding::new(
        &[Key::f(4)],
        Action::Tab(Tab::Checklist),
        "key-tab-checklist",
    ),
    Binding::new(
        &[Key::f(5)],
        Action::Tab(Tab::Allegations),
        "key-tab-allegations",
    ),
    Binding::new(&[Key::f(6)], Action::Tab(Tab::Timeline), "key-tab-timeline"),
    Binding::new(&[Key::ctrl('t')], Action::Stamp, "key-stamp"),
    Binding::new(&[Key::ctrl('s')], Action::Finalise, "key-finalise"),
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Back, "key-back"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListAction {
    Jump,
    Close,
}

/// Keys besides the navigation table and the tab keys that only move, wherever the focus
/// is (next and previous field, item or part of a dialog).
const MOVES: &[Key] = &[Key::plain(KeyCode::Tab), Key::plain(KeyCode::BackTab)];

/// Rows a page key moves in the problem list.
const PAGE: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReasonAction {
    Save,
    Cancel,
}

/// The edit-reason prompt: it opens before the first change of a final record is applied;
/// Enter gives the reason and applies the change, Esc drops the change.
const REASON_KEYS: &[Binding<ReasonAction>] = &[
    Binding::new(
        &[Key::plain(KeyCode::Enter)],
        ReasonAction::Save,
        "key-reason-save",
    ),
    Binding::new(
        &[Key::plain(KeyCode::Esc)],
        ReasonAction::Cancel,
        "key-reason-cancel",
    ),
];

/// The list of problems found on finalising; it moves with the shared navigation table.
const PROBLEM_KEYS: &[Binding<ListAction>] = &[
    Binding::new(&[Key::plain(KeyCode::Enter)], ListAction::Jump, "key-jump"),
    Binding::new(&[Key::plain(KeyCode::Esc)], ListAction::Close, "key-close"),
];

/// A question that needs an answer before something happens.
#[derive(Debug, Clone)]
pub enum Confirm {
    Delete {
        entity: Entity,
        record: Uuid,
        what: String,
    },
    DeleteEvent {
        id: Uuid,
    },
}

#[derive(Debug, Clone)]
pub struct HearingScreen {
    pub(super) record: HearingRecord,
    tab: Tab,
    details: FormState,
    people: People,
    checklist: Checklist,
    allegations: Allegations,
    timeline: Timeline,
    problems: Vec<Problem>,
    problem_list: Option<usize>,
    dialog: Option<EventDialog>,
    confirm: Option<Confirm>,
    /// Asking why a final record is being edited, before the change is applied.
    reason: Option<Editor>,
    /// The key whose change waits for the reason (applied once it is given).
    pending: Option<KeyEvent>,
    reason_given: bool,
}

/// The workspace's keys for a read-only database: moving between tabs and leaving, derived
/// from the table rather than copied.
fn read_only(table: &[Binding<Action>]) -> Vec<Binding<Action>> {
    table
        .iter()
        .filter(|b| matches!(b.action, Action::Tab(_) | Action::Back))
        .copied()
        .collect()
}

/// Whether an effect changes the hearing's record (and so, on a final record, needs a reason).
fn changes_record(effect: &Effect) -> bool {
    matches!(
        effect,
        Effect::SetField { .. }
            | Effect::SetAnswer { .. }
            | Effect::AddParty { .. }
            | Effect::AddRecord { .. }
            | Effect::DeleteRecord { .. }
            | Effect::StampEvent { .. }
            | Effect::PutEvent { .. }
            | Effect::DeleteEvent { .. }
    )
}

fn details_groups(r: &HearingRecord) -> Vec<Group> {
    vec![
        Group {
            entity: Entity::Case,
            record: r.case.uuid,
            heading: None,
        },
        Group {
            entity: Entity::Hearing,
            record: r.hearing.uuid,
            heading: None,
        },
    ]
}

impl HearingScreen {
    pub fn new(record: HearingRecord, ctx: &Ctx<'_>) -> HearingScreen {
        let mut details = FormState::new(details_groups(&record), ctx.spec, &record);
        // A new hearing opens on the court case number.
        if !record.case.fields.contains_key("court_case_number") {
            details.focus_field(
                ctx.spec,
                &record,
                Entity::Case,
                record.case.uuid,
                "court_case_number",
            );
        }
        HearingScreen {
            people: People::new(&record, ctx),
            checklist: Checklist::new(&record, ctx),
            allegations: Allegations::new(&record, ctx),
            timeline: Timeline::default(),
            details,
            record,
            tab: Tab::Details,
            problems: Vec::new(),
            problem_list: None,
            dialog: None,
            confirm: None,
            reason: None,
            pending: None,
            reason_given: false,
        }
    }

    pub fn hearing(&self) -> Uuid {
        self.record.hearing.uuid
    }

    pub fn title(&self, ctx: &Ctx<'_>) -> String {
        let h = &self.record.hearing;
        let mut parts: Vec<String> = Vec::new();
        if let Some(d) = h.fields.get("hearing_date") {
            parts.push(d.clone());
        }
        if let Some(c) = h.fields.get("court") {
            parts.push(ctx.spec.code_label(COURT_LIST, c, ctx.lang).to_owned());
        }
        if parts.is_empty() {
            parts.push(ctx.t("hearing-new"));
        }
        let status = ctx.t(&format!("status-{}", h.status));
        let version = if h.version > 0 {
            format!(" v{}", h.version)
        } else {
            String::new()
        };
        format!("{} · {status}{version}", parts.join(" · "))
    }

    /// The keys of what has the focus (a prompt, a dialog, the tab's widget), then the
    /// workspace's.
    pub fn keys(&self, ctx: &Ctx<'_>) -> Vec<(String, &'static str, bool)> {
        if ctx.read_only {
            return keys::describe(&read_only(KEYS));
        }
        if self.reason.is_some() {
            return keys::describe(REASON_KEYS);
        }
        if self.problem_list.is_some() {
            let mut k = keys::describe(PROBLEM_KEYS);
            k.extend(keys::describe(keys::NAV));
            return k;
        }
        if let Some(d) = &self.dialog {
            return d.keys();
        }
        if self.confirm.is_some() {
            return keys::describe(chrome::CONFIRM_KEYS);
        }
        let mut out = match self.tab {
            Tab::Details => self.details.keys(),
            Tab::People => self.people.keys(),
            Tab::Checklist => self.checklist.keys(),
            Tab::Allegations => self.allegations.keys(),
            Tab::Timeline => self.timeline.keys(),
        };
        // A workspace key the widget takes itself (Esc in a choice list) is the widget's.
        let taken: Vec<String> = out
            .iter()
            .flat_map(|(k, _, _)| k.split('/').map(str::to_owned).collect::<Vec<_>>())
            .collect();
        out.extend(
            keys::describe(KEYS)
                .into_iter()
                .filter(|(k, _, _)| !k.split('/').any(|one| taken.iter().any(|t| t == one))),
        );
        out
    }

    /// Pending text edits of every tab, as save effects.
    pub fn flush(&mut self, ctx: &Ctx<'_>) -> Vec<Effect> {
        let hearing = self.hearing();
        let mut effects = save_effects(hearing, self.details.flush(ctx.spec));
        effects.extend(self.people.flush(ctx.spec, hearing));
        effects.extend(self.allegations.flush(ctx.spec, hearing));
        effects.extend(self.checklist.flush(&self.record));
        effects
    }

    fn save(&mut self, effects: Vec<Effect>) -> Vec<Cmd> {
        effects.into_iter().map(Cmd::Run).collect()
    }

    /// A final record whose edit reason has not been given yet: its first change waits for
    /// one.
    fn needs_reason(&self) -> bool {
        self.record.hearing.status.is_final() && !self.reason_given
    }

    pub(crate) fn on_loaded(&mut self, record: HearingRecord, ctx: &Ctx<'_>) {
        self.record = record;
        self.details.rebuild(ctx.spec, &self.record);
        self.people.refresh(&self.record, ctx);
        self.checklist.refresh(&self.record, ctx);
        self.allegations.refresh(&self.record, ctx);
        self.timeline.refresh(&self.record);
        if !self.problems.is_empty() {
            self.problems = crate::domain::finalise_problems(ctx.spec, &self.record);
        }
    }

    /// A court was added from the court choice list: the hearing's court becomes it. A final
    /// record whose edit reason was not given yet is left as it is: the monitor picks the new
    /// court from the list, which asks for the reason as any change does.
    pub(crate) fn court_added(&mut self, code: String, ctx: &Ctx<'_>) -> Vec<Cmd> {
        if self.tab != Tab::Details || self.needs_reason() {
            return Vec::new();
        }
        let edits = self.details.set_focused(ctx.spec, &mut self.record, code);
        if edits.is_empty() {
            return Vec::new();
        }
        let effects = save_effects(self.hearing(), edits);
        self.after_change(ctx);
        self.save(effects)
    }

    pub fn on_outcome(&mut self, outcome: Outcome, ctx: &Ctx<'_>) -> Vec<Cmd> {
        match outcome {
            Outcome::Stamped { record, id } => {
                let at = record
                    .timeline
                    .iter()
                    .find(|e| e.uuid == id)
                    .map(|e| e.at.clone())
                    .unwrap_or_default();
                self.on_loaded(*record, ctx);
                self.dialog = Some(EventDialog::stamped(id, &at, ctx));
                let time = at.get(11..19).unwrap_or(&at).to_owned();
                vec![Cmd::Status(
                    ctx.texts.t_args(
                        ctx.lang,
                        "timeline-stamped",
                        &[("time", crate::i18n::Arg::Str(&time))],
                    ),
                    false,
                )]
            }
            Outcome::Finalised { record, problems } => {
                self.on_loaded(*record, ctx);
                if problems.is_empty() {
                    self.problems.clear();
                    self.reason_given = false;
                    vec![Cmd::Status(ctx.t("hearing-finalised"), false)]
                } else {
                    let n = problems.len();
                    self.problems = problems;
                    self.problem_list = Some(0);
                    vec![Cmd::Status(
                        ctx.texts.t_args(
                            ctx.lang,
                            "hearing-problems",
                            &[("count", crate::i18n::Arg::Num(n as i64))],
                        ),
                        true,
                    )]
                }
            }
            _ => Vec::new(),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        if ctx.read_only {
            return self.handle_read_only(key, ctx);
        }
        if self.reason.is_some() {
            return self.handle_reason(key, ctx);
        }
        if !self.needs_reason() || self.only_moves(&key) {
            return self.handle_change(key, ctx);
        }
        // A final record: try the key on a copy; a key that would change anything asks for
        // the reason first and waits for it, unapplied.
        let before = self.clone();
        let cmds = self.handle_change(key, ctx);
        let changes = self.record != before.record
            || cmds
                .iter()
                .any(|c| matches!(c, Cmd::Run(e) if changes_record(e)));
        if !changes {
            return cmds;
        }
        *self = before;
        self.reason = Some(Editor::line(""));
        self.pending = Some(key);
        Vec::new()
    }

    /// Whether a key only moves (between tabs, fields, items, records or choices, or the
    /// cursor in a text): such a key changes nothing, so on a final record it is applied
    /// without being tried on a copy of the screen first. (Nothing typed is pending then:
    /// the first change of a final record waits for the reason.)
    fn only_moves(&self, key: &KeyEvent) -> bool {
        keys::lookup(keys::NAV, key).is_some()
            || MOVES.iter().any(|k| k.matches(key))
            || matches!(keys::lookup(KEYS, key), Some(Action::Tab(_)))
    }

    fn handle_reason(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        let Some(editor) = &mut self.reason else {
            return Vec::new();
        };
        match keys::lookup(REASON_KEYS, &key) {
            Some(ReasonAction::Save) => {
                let reason = editor.value().trim().to_owned();
                if reason.is_empty() {
                    return vec![Cmd::Status(ctx.t("reason-empty"), true)];
                }
                self.reason = None;
                self.reason_given = true;
                let mut cmds = vec![Cmd::Run(Effect::SetEditReason {
                    hearing: self.hearing(),
                    reason,
                })];
                if let Some(pending) = self.pending.take() {
                    cmds.extend(self.handle_change(pending, ctx));
                }
                cmds
            }
            Some(ReasonAction::Cancel) => {
                self.reason = None;
                self.pending = None;
                vec![Cmd::Status(ctx.t("reason-cancelled"), false)]
            }
            None => {
                editor.handle(key);
                Vec::new()
            }
        }
    }

    /// A key for the focused part of the workspace.
    fn handle_change(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        if let Some(selected) = self.problem_list {
            return self.handle_problem_list(key, selected, ctx);
        }
        if let Some(dialog) = &mut self.dialog {
            return match dialog.handle_key(key) {
                DialogKey::Save { id, at, code, note } => {
                    self.dialog = None;
                    let effect = Effect::PutEvent {
                        hearing: self.record.hearing.uuid,
                        id,
                        at,
                        code,
                        note,
                    };
                    self.save(vec![effect])
                }
                DialogKey::Closed => {
                    self.dialog = None;
                    Vec::new()
                }
                DialogKey::Open => Vec::new(),
            };
        }
        if let Some(confirm) = &self.confirm {
            return match keys::lookup(chrome::CONFIRM_KEYS, &key) {
                Some(Answer::Yes) => {
                    let hearing = self.hearing();
                    let effect = match confirm {
                        Confirm::Delete { entity, record, .. } => Effect::DeleteRecord {
                            hearing,
                            entity: *entity,
                            record: *record,
                        },
                        Confirm::DeleteEvent { id } => Effect::DeleteEvent { hearing, id: *id },
                    };
                    self.confirm = None;
                    self.save(vec![effect])
                }
                Some(Answer::No) => {
                    self.confirm = None;
                    Vec::new()
                }
                None => Vec::new(),
            };
        }

        // The focused tab's widget sees the key first; the workspace's keys (F2–F6, Ctrl-T,
        // Ctrl-S, Esc) are looked up only when it leaves the key.
        match self.handle_tab(key, ctx) {
            Some(cmds) => cmds,
            None => match keys::lookup(KEYS, &key) {
                Some(action) => self.workspace_action(action, ctx),
                None => Vec::new(),
            },
        }
    }

    /// A key for the focused tab's widget; `None` when the widget does not take it.
    fn handle_tab(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Option<Vec<Cmd>> {
        Some(match self.tab {
            Tab::Details => match self.details.handle_key(key, &ctx.form(), &mut self.record) {
                FormKey::Used(edits) => {
                    // The court choice list asked to add a court that is not in it.
                    if let Some(typed) = self.details.take_add_court() {
                        let screen = super::add_court::AddCourt::new(&typed, true, ctx);
                        return Some(vec![Cmd::Push(Box::new(super::Screen::AddCourt(screen)))]);
                    }
                    // Only a finished change can change what the other tabs show; typing
                    // and moving leave them alone.
                    if !edits.is_empty() {
                        self.after_change(ctx);
                    }
                    let effects = save_effects(self.hearing(), edits);
                    self.save(effects)
                }
                FormKey::NotMine => return None,
            },
            Tab::People => {
                let (effects, confirm) = self.people.handle_key(key, ctx, &mut self.record)?;
                if let Some(c) = confirm {
                    self.confirm = Some(c);
                }
                if !effects.is_empty() {
                    self.after_change(ctx);
                }
                self.save(effects)
            }
            Tab::Checklist => {
                let effects = self.checklist.handle_key(key, ctx, &mut self.record)?;
                self.save(effects)
            }
            Tab::Allegations => {
                let (effects, confirm) = self.allegations.handle_key(key, ctx, &mut self.record)?;
                if let Some(c) = confirm {
                    self.confirm = Some(c);
                }
                // A filled field stops being marked as missing.
                if !effects.is_empty() {
                    self.after_change(ctx);
                }
                self.save(effects)
            }
            Tab::Timeline => match self.timeline.handle_key(key, &self.record)? {
                TimelineKey::Edit(id) => {
                    if let Some(e) = self.record.timeline.iter().find(|e| e.uuid == id) {
                        self.dialog = Some(EventDialog::new(id, &e.at, &e.code, &e.note, ctx));
                    }
                    Vec::new()
                }
                TimelineKey::Delete(id) => {
                    self.confirm = Some(Confirm::DeleteEvent { id });
                    Vec::new()
                }
                TimelineKey::Used => Vec::new(),
            },
        })
    }

    /// A change may make checklist groups appear (a case tag) or fields relevant elsewhere.
    fn after_change(&mut self, ctx: &Ctx<'_>) {
        self.checklist.refresh(&self.record, ctx);
        self.people.refresh(&self.record, ctx);
        self.allegations.refresh(&self.record, ctx);
        if !self.problems.is_empty() {
            self.problems = crate::domain::finalise_problems(ctx.spec, &self.record);
        }
    }

    fn handle_read_only(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        match keys::lookup(&read_only(KEYS), &key) {
            Some(Action::Tab(t)) => self.show(t, ctx),
            Some(Action::Back) => return vec![Cmd::Pop],
            _ => {}
        }
        Vec::new()
    }

    fn workspace_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Vec<Cmd> {
        match action {
            Action::Tab(t) => {
                let effects = self.flush(ctx);
                self.show(t, ctx);
                self.save(effects)
            }
            Action::Back => {
                let pending = self.flush(ctx);
                let mut cmds = self.save(pending);
                cmds.push(Cmd::Pop);
                cmds
            }
            Action::Stamp => {
                let pending = self.flush(ctx);
                let mut cmds = self.save(pending);
                cmds.push(Cmd::Run(Effect::StampEvent {
                    hearing: self.hearing(),
                }));
                cmds
            }
            Action::Finalise => {
                let mut pending = self.flush(ctx);
                // A draft kept from before the form cleared them may still hold values that
                // no longer apply (a closure ground on a public hearing): they go now, so
                // finalising does not point at a field the form does not show.
                if !self.record.hearing.status.is_final() {
                    let stale = crate::tui::widgets::form::clear_what_no_longer_applies(
                        ctx.spec,
                        &mut self.record,
                    );
                    pending.extend(save_effects(self.hearing(), stale));
                }
                let mut cmds = self.save(pending);
                cmds.push(Cmd::Run(Effect::Finalise {
                    hearing: self.hearing(),
                }));
                cmds
            }
        }
    }

    fn handle_problem_list(&mut self, key: KeyEvent, selected: usize, ctx: &Ctx<'_>) -> Vec<Cmd> {
        if let Some(nav) = keys::lookup(keys::NAV, &key) {
            self.problem_list = Some(nav.apply(selected, self.problems.len(), PAGE));
            return Vec::new();
        }
        match keys::lookup(PROBLEM_KEYS, &key) {
            Some(ListAction::Close) => self.problem_list = None,
            Some(ListAction::Jump) => {
                self.problem_list = None;
                if let Some(p) = self.problems.get(selected).cloned() {
                    self.jump(&p, ctx);
                }
            }
            None => {}
        }
        Vec::new()
    }

    /// Shows a tab. A choice list left open on the tab it leaves is closed, choosing nothing,
    /// so coming back shows the form, not a list opened before, and F2–F6 never leave a
    /// list waiting for keys on a tab out of sight.
    fn show(&mut self, tab: Tab, ctx: &Ctx<'_>) {
        if tab != self.tab {
            match self.tab {
                Tab::Details => self.details.close_popup(),
                Tab::People => self.people.close_popup(),
                Tab::Allegations => self.allegations.close_popup(),
                Tab::Checklist | Tab::Timeline => {}
            }
            // What was typed there and saved since (the periodic flush) may change what this
            // tab shows.
            self.after_change(ctx);
        }
        self.tab = tab;
    }

    /// Shows the field a problem names.
    fn jump(&mut self, p: &Problem, ctx: &Ctx<'_>) {
        let spec = ctx.spec;
        match (p.kind, p.entity) {
            (ProblemKind::CommentRequired, _) => {
                self.show(Tab::Checklist, ctx);
                self.checklist.focus_item(&p.field, p.party, &self.record);
            }
            (_, Entity::Case | Entity::Hearing) => {
                self.show(Tab::Details, ctx);
                self.details
                    .focus_field(spec, &self.record, p.entity, p.record, &p.field);
            }
            (_, Entity::Party | Entity::HearingParty | Entity::Charge | Entity::Consent) => {
                self.show(Tab::People, ctx);
                self.people
                    .focus(p.entity, p.record, &p.field, &self.record, ctx);
            }
            (_, Entity::Allegation | Entity::Followup) => {
                self.show(Tab::Allegations, ctx);
                self.allegations
                    .focus(p.entity, p.record, &p.field, &self.record, ctx);
            }
        }
    }

    fn problem_text(&self, p: &Problem, ctx: &Ctx<'_>) -> String {
        let what = match p.kind {
            ProblemKind::Required => ctx.t("form-required"),
            ProblemKind::CommentRequired => ctx.t("form-comment-required"),
            ProblemKind::Invalid => ctx.t("form-invalid"),
            ProblemKind::NotApplicable => ctx.t("form-not-applicable"),
        };
        let label = match p.kind {
            ProblemKind::CommentRequired => {
                let who = p
                    .party
                    .and_then(|u| self.record.party(u))
                    .and_then(|x| x.fields.get("display_code"))
                    .map(|c| format!(" [{c}]"))
                    .unwrap_or_default();
                format!("{}{who}", p.field)
            }
            _ => ctx
                .spec
                .field(&p.field)
                .map_or(p.field.clone(), |(_, f)| f.label.get(ctx.lang).to_owned()),
        };
        let place = match p.entity {
            Entity::Party | Entity::HearingParty | Entity::Charge | Entity::Consent => {
                let code = self.party_code_of(p.entity, p.record).unwrap_or_default();
                format!("{} {code}", ctx.t("tab-people"))
            }
            Entity::Allegation | Entity::Followup => ctx.t("tab-allegations"),
            _ if p.kind == ProblemKind::CommentRequired => ctx.t("tab-checklist"),
            _ => ctx.t("tab-details"),
        };
        format!("{place} › {label}: {what}")
    }

    fn party_code_of(&self, entity: Entity, uuid: Uuid) -> Option<String> {
        let r = &self.record;
        let party = match entity {
            Entity::Party => Some(uuid),
            Entity::HearingParty => r
                .hearing_parties
                .iter()
                .find(|x| x.uuid == uuid)
                .map(|x| x.party_uuid),
            Entity::Charge => r
                .charges
                .iter()
                .find(|x| x.uuid == uuid)
                .map(|x| x.party_uuid),
            Entity::Consent => r
                .consents
                .iter()
                .find(|x| x.uuid == uuid)
                .map(|x| x.party_uuid),
            _ => None,
        }?;
        r.party(party)
            .and_then(|p| p.fields.get("display_code"))
            .cloned()
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let [tabs, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        let mut spans = Vec::new();
        for (i, t) in Tab::ALL.iter().enumerate() {
            let style = if *t == self.tab {
                theme::tab_active()
            } else {
                theme::tab()
            };
            spans.push(Span::styled(
                format!(" F{} {} ", i + 2, ctx.t(t.label())),
                style,
            ));
        }
        if self.record.hearing.status != Status::Draft {
            spans.push(Span::styled(
                format!("  {}", ctx.t("hearing-final-note")),
                theme::dim(),
            ));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
        match self.tab {
            Tab::Details => {
                self.details
                    .render(frame, body, &ctx.form(), &self.record, &self.problems)
            }
            Tab::People => self
                .people
                .render(frame, body, ctx, &self.record, &self.problems),
            Tab::Checklist => self
                .checklist
                .render(frame, body, ctx, &self.record, &self.problems),
            Tab::Allegations => {
                self.allegations
                    .render(frame, body, ctx, &self.record, &self.problems)
            }
            Tab::Timeline => self.timeline.render(frame, body, ctx, &self.record),
        }
        if let Some(d) = &self.dialog {
            d.render(frame, body, ctx);
        }
        if let Some(selected) = self.problem_list {
            let popup = centered(body, 90, 80);
            frame.render_widget(Clear, popup);
            let block = Block::bordered()
                .title(ctx.t("problems-title"))
                .style(theme::popup());
            let inner = block.inner(popup);
            frame.render_widget(block, popup);
            let items: Vec<ListItem<'_>> = self
                .problems
                .iter()
                .map(|p| ListItem::new(self.problem_text(p, ctx)))
                .collect();
            let mut state = ListState::default().with_selected(Some(selected));
            frame.render_stateful_widget(
                List::new(items).highlight_style(theme::selected()),
                inner,
                &mut state,
            );
        }
        if let Some(c) = &self.confirm {
            let text = match c {
                Confirm::Delete { what, .. } => ctx.texts.t_args(
                    ctx.lang,
                    "confirm-delete",
                    &[("what", crate::i18n::Arg::Str(what))],
                ),
                Confirm::DeleteEvent { .. } => ctx.t("confirm-delete-event"),
            };
            chrome::confirm(frame, body, &ctx.t("confirm-title"), &text);
        }
        if let Some(editor) = &self.reason {
            let popup = centered(body, 70, 30);
            frame.render_widget(Clear, popup);
            let block = Block::bordered()
                .title(ctx.t("reason-title"))
                .style(theme::popup());
            let inner = block.inner(popup);
            frame.render_widget(block, popup);
            if inner.height >= 3 {
                frame.render_widget(
                    Paragraph::new(ctx.t("reason-prompt")).wrap(Wrap { trim: true }),
                    Rect {
                        height: inner.height - 1,
                        ..inner
                    },
                );
                editor.render(
                    frame,
                    Rect {
                        y: inner.bottom() - 1,
                        height: 1,
                        ..inner
                    },
                    theme::value(),
                );
            }
        }
    }
}
