//! The conflicts screen (`c` from the hearing list or the merge result): the hearings whose
//! incoming version neither descends from nor precedes the local one. Enter opens one with
//! both versions side by side, field by field (label, this database, incoming), differing
//! rows marked; `l` or `i` keeps one side after a confirmation, and the store records who
//! chose and when. Or field by field: `→` marks a differing field to take from the incoming
//! version (`←` keeps the local one again), and `s` saves, after a confirmation, a new
//! version that is the local one with the marked fields taken. Read-only databases and
//! resolved conflicts only show.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use super::merge::batch_ref;
use super::{Cmd, Ctx};
use crate::domain::{Entity, Fields, HearingRecord, Take};
use crate::i18n::Arg;
use crate::spec::COURT_LIST;
use crate::store::FieldsResolved;
use crate::tui::effect::{ConflictItem, ConflictPair, Effect, Outcome};
use crate::tui::keys::{self, Binding, Key, Nav};
use crate::tui::theme;
use crate::tui::widgets::chrome;
use crate::tui::widgets::text::wrap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Page,
    Open,
    All,
    OnlyDiff,
    KeepLocal,
    KeepIncoming,
    TakeField,
    KeepField,
    SaveFields,
    Yes,
    No,
    Back,
}

const LIST_KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::plain(KeyCode::Enter)], Action::Open, "key-open"),
    Binding::new(&[Key::ch('a')], Action::All, "key-show-resolved"),
    Binding::new(
        &[Key::plain(KeyCode::Esc), Key::ch('q')],
        Action::Back,
        "key-back",
    ),
];

/// A table of a conflict's views: its own bindings, then Space to page down and back, which
/// every view has (the rows move with the shared navigation tables).
macro_rules! pair_view_keys {
    ($($binding:expr),* $(,)?) => {
        &[
            $($binding,)*
            Binding::help_only(&[Key::ch(' ')], Action::Page, "key-page-down"),
            Binding::new(&[Key::plain(KeyCode::Esc), Key::ch('q')], Action::Back, "key-back"),
        ]
    };
}

const PAIR_KEYS: &[Binding<Action>] = pair_view_keys![
    Binding::new(&[Key::ch('l')], Action::KeepLocal, "key-keep-local"),
    Binding::new(&[Key::ch('i')], Action::KeepIncoming, "key-keep-incoming"),
    Binding::new(&[Key::ch('d')], Action::OnlyDiff, "key-only-differences"),
    Binding::help_only(
        &[Key::plain(KeyCode::Right)],
        Action::TakeField,
        "key-take-field",
    ),
];

/// Fields marked to take from the incoming version: marking goes on, `s` saves the choice.
const FIELDS_KEYS: &[Binding<Action>] = pair_view_keys![
    Binding::new(
        &[Key::plain(KeyCode::Right)],
        Action::TakeField,
        "key-take-field",
    ),
    Binding::new(
        &[Key::plain(KeyCode::Left)],
        Action::KeepField,
        "key-keep-field",
    ),
    Binding::new(&[Key::ch('s')], Action::SaveFields, "key-save-fields"),
    Binding::help_only(&[Key::ch('d')], Action::OnlyDiff, "key-only-differences"),
    Binding::help_only(&[Key::ch('l')], Action::KeepLocal, "key-keep-local"),
    Binding::help_only(&[Key::ch('i')], Action::KeepIncoming, "key-keep-incoming"),
];

/// Both versions shown, without a key that resolves (read-only, or resolved already).
const VIEW_KEYS: &[Binding<Action>] = pair_view_keys![Binding::new(
    &[Key::ch('d')],
    Action::OnlyDiff,
    "key-only-differences"
)];

const CONFIRM_KEYS: &[Binding<Action>] = &[
    Binding::new(
        &[Key::ch('y'), Key::plain(KeyCode::Enter)],
        Action::Yes,
        "key-yes",
    ),
    Binding::new(
        &[Key::ch('n'), Key::plain(KeyCode::Esc)],
        Action::No,
        "key-no",
    ),
];

/// Rows a page key moves.
const PAGE: usize = 10;
/// Lines a value shows at most; a longer one ends with `…`.
const MAX_LINES: usize = 6;

/// One line of the side-by-side view.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DiffRow {
    /// A heading (section or record) spans the row; a field has two values.
    heading: bool,
    label: String,
    local: String,
    incoming: String,
    /// How the value is taken from the incoming version on its own, when both versions
    /// address it the same way.
    take: Option<Take>,
    /// Marked to take the incoming value (saved with `s`).
    taken: bool,
}

impl DiffRow {
    fn differs(&self) -> bool {
        !self.heading && self.local != self.incoming
    }

    /// Whether the lead may mark this row to take the incoming value.
    fn takeable(&self) -> bool {
        self.differs() && self.take.is_some()
    }
}

/// What a confirmation asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Local,
    Incoming,
    /// The local version with the marked fields taken from the incoming one.
    Fields,
}

#[derive(Debug)]
struct Pair {
    item: ConflictItem,
    rows: Vec<DiffRow>,
    local_version: String,
    incoming_version: String,
    selected: usize,
    only_diff: bool,
    /// Asking to confirm a choice.
    confirm: Option<Choice>,
}

impl Pair {
    fn visible(&self) -> Vec<&DiffRow> {
        self.rows
            .iter()
            .filter(|r| !self.only_diff || r.differs())
            .collect()
    }

    /// The selected row, to mark.
    fn selected_row(&mut self) -> Option<&mut DiffRow> {
        let only_diff = self.only_diff;
        self.rows
            .iter_mut()
            .filter(|r| !only_diff || r.differs())
            .nth(self.selected)
    }

    /// The values marked to take from the incoming version.
    fn taken(&self) -> Vec<Take> {
        self.rows
            .iter()
            .filter(|r| r.taken)
            .filter_map(|r| r.take.clone())
            .collect()
    }
}

#[derive(Debug, Default)]
pub struct ConflictsScreen {
    items: Vec<ConflictItem>,
    selected: usize,
    /// Resolved conflicts listed too.
    all: bool,
    loaded: bool,
    pair: Option<Box<Pair>>,
}

impl ConflictsScreen {
    fn table(&self, ctx: &Ctx<'_>) -> &'static [Binding<Action>] {
        match &self.pair {
            None => LIST_KEYS,
            Some(p) if p.confirm.is_some() => CONFIRM_KEYS,
            Some(p) if ctx.read_only || p.item.row.resolved_at.is_some() => VIEW_KEYS,
            Some(p) if p.rows.iter().any(|r| r.taken) => FIELDS_KEYS,
            Some(_) => PAIR_KEYS,
        }
    }

    /// Whether the view moves through rows (not while a choice is being confirmed).
    fn moves(&self) -> bool {
        self.pair.as_ref().is_none_or(|p| p.confirm.is_none())
    }

    pub fn keys(&self, ctx: &Ctx<'_>) -> Vec<(String, &'static str, bool)> {
        let mut k = keys::describe(self.table(ctx));
        if self.moves() {
            k.extend(keys::describe_nav(false));
        }
        k
    }

    pub fn title(&self, ctx: &Ctx<'_>) -> String {
        match &self.pair {
            None => ctx.t("conflicts-title"),
            Some(p) => format!(
                "{} · {} · {}",
                ctx.t("conflict-title"),
                dash(&p.item.date),
                dash(&p.item.case_number)
            ),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        let action = keys::lookup(self.table(ctx), &key);
        let nav = keys::nav(&key)
            .or((action == Some(Action::Page)).then_some(Nav::PageDown))
            .filter(|_| self.moves());
        if let Some(nav) = nav {
            match &mut self.pair {
                Some(pair) => pair.selected = nav.apply(pair.selected, pair.visible().len(), PAGE),
                None => self.selected = nav.apply(self.selected, self.items.len(), PAGE),
            }
            return Vec::new();
        }
        let Some(action) = action else {
            return Vec::new();
        };
        if let Some(pair) = &mut self.pair {
            match action {
                Action::OnlyDiff => {
                    pair.only_diff = !pair.only_diff;
                    pair.selected = 0;
                }
                Action::KeepLocal => pair.confirm = Some(Choice::Local),
                Action::KeepIncoming => pair.confirm = Some(Choice::Incoming),
                Action::TakeField | Action::KeepField => match pair.selected_row() {
                    Some(row) if row.takeable() => row.taken = action == Action::TakeField,
                    _ => return vec![Cmd::Status(ctx.t("conflict-cannot-take"), true)],
                },
                Action::SaveFields => {
                    if !pair.taken().is_empty() {
                        pair.confirm = Some(Choice::Fields);
                    }
                }
                Action::No => pair.confirm = None,
                Action::Yes => {
                    let conflict = pair.item.row.uuid;
                    let effect = match pair.confirm.take() {
                        None => return Vec::new(),
                        Some(Choice::Fields) => Effect::ResolveConflictFields {
                            conflict,
                            take: pair.taken(),
                        },
                        Some(side) => Effect::ResolveConflict {
                            conflict,
                            keep_incoming: side == Choice::Incoming,
                        },
                    };
                    return vec![Cmd::Run(effect)];
                }
                Action::Back => self.pair = None,
                Action::Open | Action::All | Action::Page => {}
            }
            return Vec::new();
        }
        match action {
            Action::Open => {
                if let Some(item) = self.items.get(self.selected) {
                    return vec![Cmd::Run(Effect::OpenConflict(item.row.uuid))];
                }
            }
            Action::All => {
                self.all = !self.all;
                return vec![Cmd::Run(Effect::LoadConflicts { all: self.all })];
            }
            Action::Back => return vec![Cmd::Pop],
            _ => {}
        }
        Vec::new()
    }

    pub fn on_outcome(&mut self, outcome: Outcome, ctx: &Ctx<'_>) -> Vec<Cmd> {
        match outcome {
            Outcome::ConflictsLoaded(items) => {
                self.items = items;
                self.loaded = true;
                self.selected = self.selected.min(self.items.len().saturating_sub(1));
                Vec::new()
            }
            Outcome::ConflictOpened(pair) => {
                let ConflictPair {
                    item,
                    local,
                    incoming,
                } = *pair;
                self.pair = Some(Box::new(Pair {
                    rows: diff(&local, &incoming, ctx),
                    local_version: version(&local, ctx),
                    incoming_version: version(&incoming, ctx),
                    item,
                    selected: 0,
                    only_diff: false,
                    confirm: None,
                }));
                Vec::new()
            }
            Outcome::ConflictResolved { keep_incoming } => {
                self.pair = None;
                let key = if keep_incoming {
                    "conflict-kept-incoming"
                } else {
                    "conflict-kept-local"
                };
                vec![
                    Cmd::Status(ctx.t(key), false),
                    Cmd::Run(Effect::LoadConflicts { all: self.all }),
                ]
            }
            Outcome::ConflictFieldsResolved(how) => {
                self.pair = None;
                let text = match how {
                    FieldsResolved::KeptLocal => ctx.t("conflict-kept-local"),
                    FieldsResolved::KeptIncoming => ctx.t("conflict-kept-incoming"),
                    FieldsResolved::NewVersion { changed } => ctx.texts.t_args(
                        ctx.lang,
                        "conflict-kept-fields",
                        &[("count", count_arg(changed))],
                    ),
                };
                vec![
                    Cmd::Status(text, false),
                    Cmd::Run(Effect::LoadConflicts { all: self.all }),
                ]
            }
            _ => Vec::new(),
        }
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        match &self.pair {
            Some(pair) => render_pair(pair, frame, area, ctx),
            None => self.render_list(frame, area, ctx),
        }
    }

    fn render_list(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        if area.height < 3 {
            return;
        }
        let header = Row::new(vec![
            Cell::from(ctx.t("list-date")),
            Cell::from(ctx.t("list-court")),
            Cell::from(ctx.t("list-case")),
            Cell::from(ctx.t("conflict-from")),
            Cell::from(ctx.t("conflict-state")),
        ])
        .style(theme::section());
        let rows: Vec<Row<'_>> = self
            .items
            .iter()
            .map(|c| {
                let state = resolved(&c.row, ctx).unwrap_or_else(|| ctx.t("conflict-open"));
                let from = match c.seq {
                    Some(s) => batch_ref(ctx, &c.from, s),
                    None => dash(&c.from),
                };
                Row::new(vec![
                    Cell::from(dash(&c.date)),
                    Cell::from(
                        ctx.spec
                            .code_label(COURT_LIST, &c.court, ctx.lang)
                            .to_owned(),
                    ),
                    Cell::from(dash(&c.case_number)),
                    Cell::from(from),
                    Cell::from(state),
                ])
            })
            .collect();
        let table = Table::new(
            rows,
            [
                Constraint::Length(10),
                Constraint::Fill(1),
                Constraint::Length(12),
                Constraint::Length(10),
                Constraint::Length(20),
            ],
        )
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme::selected());
        let table_area = Rect {
            height: area.height - 1,
            ..area
        };
        let mut state =
            TableState::default().with_selected((!self.items.is_empty()).then_some(self.selected));
        frame.render_stateful_widget(table, table_area, &mut state);
        if let Some(i) = state.selected() {
            let y = table_area.y + 1 + (i - state.offset()) as u16;
            if y < table_area.bottom() {
                frame.set_cursor_position((table_area.x, y));
            }
        }
        if self.items.is_empty() && self.loaded {
            let key = if self.all {
                "conflicts-none-ever"
            } else {
                "conflicts-none"
            };
            frame.render_widget(
                Paragraph::new(format!(" {}", ctx.t(key))).style(theme::dim()),
                Rect {
                    y: table_area.y + 2,
                    height: 1,
                    ..table_area
                },
            );
        }
        let open = self
            .items
            .iter()
            .filter(|c| c.row.resolved_at.is_none())
            .count();
        let info = ctx
            .texts
            .t_args(ctx.lang, "conflicts-count", &[("count", count_arg(open))]);
        frame.render_widget(
            Paragraph::new(Span::styled(info, theme::dim())),
            Rect {
                y: area.bottom() - 1,
                height: 1,
                ..area
            },
        );
    }
}

/// How a resolved conflict was resolved and by whom: `incoming kept (M07)`.
fn resolved(row: &crate::store::ConflictRow, ctx: &Ctx<'_>) -> Option<String> {
    let key = match row.resolution.as_deref()? {
        "incoming" => "conflict-resolved-incoming",
        "fields" => "conflict-resolved-fields",
        _ => "conflict-resolved-local",
    };
    let by = row.resolved_by.as_deref().unwrap_or("?");
    Some(ctx.texts.t_args(ctx.lang, key, &[("by", Arg::Str(by))]))
}

fn count_arg(n: usize) -> Arg<'static> {
    Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
}

fn dash(s: &str) -> String {
    if s.is_empty() {
        "—".into()
    } else {
        s.to_owned()
    }
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() { "—" } else { s }
}

/// `final v3 · 2026-11-23T10:15` for the heading of a side.
fn version(r: &HearingRecord, ctx: &Ctx<'_>) -> String {
    let h = &r.hearing;
    let updated = h.updated_at.get(..16).unwrap_or(&h.updated_at);
    format!(
        "{} v{} · {updated}",
        ctx.t(&format!("status-{}", h.status)),
        h.version
    )
}

fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn render_pair(pair: &Pair, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    if area.height < 4 {
        return;
    }
    // Columns: marker, label, this database, incoming.
    let avail = area.width.saturating_sub(4) as usize;
    let label_w = (avail * 3 / 10).max(8);
    let value_w = avail.saturating_sub(label_w) / 2;
    let incoming_head = match pair.item.seq {
        Some(s) => format!(
            "{} {}",
            ctx.t("conflict-incoming"),
            batch_ref(ctx, &pair.item.from, s)
        ),
        None => ctx.t("conflict-incoming"),
    };
    let head = |label: &str, local: &str, incoming: &str, style| {
        Line::styled(
            format!(
                "  {}{} {}",
                pad(&wrap(label, label_w, 1)[0], label_w),
                pad(&wrap(local, value_w, 1)[0], value_w),
                wrap(incoming, value_w, 1)[0]
            ),
            style,
        )
    };
    let mut lines = vec![
        head(
            &ctx.t("conflict-field"),
            &ctx.t("conflict-local"),
            &incoming_head,
            theme::section(),
        ),
        head(
            "",
            &pair.local_version,
            &pair.incoming_version,
            theme::dim(),
        ),
    ];
    let rows = pair.visible();
    let differing = pair.rows.iter().filter(|r| r.differs()).count();
    let body_h = area.height.saturating_sub(3) as usize;
    // Cells of every row, then the first row shown: the selected one stays in view.
    let cells: Vec<(Vec<String>, Vec<String>, Vec<String>)> = rows
        .iter()
        .map(|r| {
            if r.heading {
                (wrap(&r.label, avail, 1), Vec::new(), Vec::new())
            } else {
                (
                    wrap(&r.label, label_w.saturating_sub(1), MAX_LINES),
                    wrap(or_dash(&r.local), value_w.saturating_sub(1), MAX_LINES),
                    wrap(or_dash(&r.incoming), value_w.saturating_sub(1), MAX_LINES),
                )
            }
        })
        .collect();
    let height =
        |c: &(Vec<String>, Vec<String>, Vec<String>)| c.0.len().max(c.1.len()).max(c.2.len());
    let selected = pair.selected.min(rows.len().saturating_sub(1));
    let mut top = selected;
    let mut used = cells.get(selected).map_or(0, height);
    while top > 0 && used + height(&cells[top - 1]) <= body_h {
        top -= 1;
        used += height(&cells[top]);
    }
    let mut cursor_y = None;
    for (i, (row, c)) in rows.iter().zip(&cells).enumerate().skip(top) {
        if lines.len() - 2 >= body_h {
            break;
        }
        if i == selected {
            cursor_y = Some(area.y + lines.len() as u16);
        }
        let base = if i == selected {
            theme::selected()
        } else if row.heading {
            theme::section()
        } else {
            theme::label()
        };
        if row.heading {
            lines.push(Line::styled(format!("  {}", c.0[0]), base));
            continue;
        }
        let mark = if row.taken {
            "→ "
        } else if row.differs() {
            "≠ "
        } else {
            "  "
        };
        let value_style = if row.differs() && i != selected {
            theme::key()
        } else {
            base
        };
        // The side a marked row will not take is dimmed.
        let (local_style, incoming_style) = if row.taken && i != selected {
            (theme::dim(), value_style)
        } else {
            (value_style, value_style)
        };
        for k in 0..height(c) {
            let get = |v: &Vec<String>| v.get(k).cloned().unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled(if k == 0 { mark } else { "  " }, theme::key()),
                Span::styled(pad(&get(&c.0), label_w), base),
                Span::styled(pad(&get(&c.1), value_w), local_style),
                Span::styled(format!(" {}", get(&c.2)), incoming_style),
            ]));
            if lines.len() - 2 >= body_h {
                break;
            }
        }
    }
    let mut summary = ctx.texts.t_args(
        ctx.lang,
        "conflict-differing",
        &[("count", count_arg(differing))],
    );
    let taken = pair.rows.iter().filter(|r| r.taken).count();
    if taken > 0 {
        summary.push_str(" · ");
        summary.push_str(&ctx.texts.t_args(
            ctx.lang,
            "conflict-taken",
            &[("count", count_arg(taken))],
        ));
    }
    let state = resolved(&pair.item.row, ctx).unwrap_or_default();
    frame.render_widget(Paragraph::new(lines), area);
    frame.render_widget(
        Paragraph::new(Span::styled(format!(" {summary}  {state}"), theme::dim())),
        Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        },
    );
    if let Some(y) = cursor_y {
        frame.set_cursor_position((area.x, y));
    }
    if let Some(choice) = pair.confirm {
        let text = match choice {
            Choice::Incoming => ctx.t("conflict-confirm-incoming"),
            Choice::Local => ctx.t("conflict-confirm-local"),
            Choice::Fields => ctx.texts.t_args(
                ctx.lang,
                "conflict-confirm-fields",
                &[("count", count_arg(taken))],
            ),
        };
        chrome::confirm(frame, area, &ctx.t("confirm-title"), &text);
    }
}

// ---- the side-by-side rows ---------------------------------------------------------------------

/// Pairs of records matched by a key: those of the local side in order, then the incoming
/// side's others.
fn matched<'a, T, K: PartialEq>(
    local: &'a [T],
    incoming: &'a [T],
    key: impl Fn(&T) -> K,
) -> Vec<(Option<&'a T>, Option<&'a T>)> {
    let mut out: Vec<(Option<&T>, Option<&T>)> = local
        .iter()
        .map(|l| (Some(l), incoming.iter().find(|i| key(i) == key(l))))
        .collect();
    for i in incoming {
        if !local.iter().any(|l| key(l) == key(i)) {
            out.push((None, Some(i)));
        }
    }
    out
}

/// One row per field of `entity`'s form that either side answered. `record` is the id of the
/// record on both sides, when both have it: then each field can be taken on its own.
fn field_rows(
    entity: Entity,
    record: Option<uuid::Uuid>,
    local: Option<&Fields>,
    incoming: Option<&Fields>,
    ctx: &Ctx<'_>,
    rows: &mut Vec<DiffRow>,
) {
    let record = record.filter(|_| local.is_some() && incoming.is_some());
    let Some(form) = ctx.spec.form(entity.name()) else {
        return;
    };
    let show = |f: Option<&Fields>, field: &crate::spec::Field| {
        f.and_then(|f| f.get(&field.id))
            .filter(|v| !v.is_empty())
            .map(|v| ctx.spec.display(field, v, ctx.lang))
            .unwrap_or_default()
    };
    for field in form.fields() {
        let (l, i) = (show(local, field), show(incoming, field));
        if l.is_empty() && i.is_empty() {
            continue;
        }
        rows.push(DiffRow {
            heading: false,
            label: field.label.get(ctx.lang).to_owned(),
            local: l,
            incoming: i,
            take: record.map(|record| Take::Field {
                entity,
                record,
                field: field.id.clone(),
            }),
            taken: false,
        });
    }
}

fn heading(label: String) -> DiffRow {
    DiffRow {
        heading: true,
        label,
        local: String::new(),
        incoming: String::new(),
        take: None,
        taken: false,
    }
}

fn party_code(r: &HearingRecord, party: Option<uuid::Uuid>) -> String {
    party
        .and_then(|p| r.party(p))
        .and_then(|p| p.fields.get("display_code"))
        .cloned()
        .unwrap_or_default()
}

/// Both versions, section by section and field by field.
fn diff(local: &HearingRecord, incoming: &HearingRecord, ctx: &Ctx<'_>) -> Vec<DiffRow> {
    let mut rows = Vec::new();
    rows.push(heading(ctx.t("conflict-case")));
    field_rows(
        Entity::Case,
        Some(local.case.uuid).filter(|u| *u == incoming.case.uuid),
        Some(&local.case.fields),
        Some(&incoming.case.fields),
        ctx,
        &mut rows,
    );
    rows.push(heading(ctx.t("tab-details")));
    field_rows(
        Entity::Hearing,
        Some(local.hearing.uuid).filter(|u| *u == incoming.hearing.uuid),
        Some(&local.hearing.fields),
        Some(&incoming.hearing.fields),
        ctx,
        &mut rows,
    );

    rows.push(heading(ctx.t("tab-people")));
    for (l, i) in matched(&local.parties, &incoming.parties, |p| p.uuid) {
        let code = l
            .or(i)
            .and_then(|p| p.fields.get("display_code"))
            .cloned()
            .unwrap_or_default();
        rows.push(heading(format!("· {code}")));
        field_rows(
            Entity::Party,
            l.map(|p| p.uuid),
            l.map(|p| &p.fields),
            i.map(|p| &p.fields),
            ctx,
            &mut rows,
        );
        let Some(party) = l.or(i).map(|p| p.uuid) else {
            continue;
        };
        let of = |r: &HearingRecord| -> Vec<crate::domain::HearingParty> {
            r.hearing_parties
                .iter()
                .filter(|hp| hp.party_uuid == party)
                .cloned()
                .collect()
        };
        let (lh, ih) = (of(local), of(incoming));
        for (a, b) in matched(&lh, &ih, |hp| hp.uuid) {
            field_rows(
                Entity::HearingParty,
                a.map(|x| x.uuid),
                a.map(|x| &x.fields),
                b.map(|x| &x.fields),
                ctx,
                &mut rows,
            );
        }
        let charges = |r: &HearingRecord| -> Vec<crate::domain::Charge> {
            r.charges
                .iter()
                .filter(|c| c.party_uuid == party)
                .cloned()
                .collect()
        };
        let (lc, ic) = (charges(local), charges(incoming));
        for (a, b) in matched(&lc, &ic, |c| c.uuid) {
            rows.push(heading(format!("· {code} — {}", ctx.t("people-charge"))));
            field_rows(
                Entity::Charge,
                a.map(|x| x.uuid),
                a.map(|x| &x.fields),
                b.map(|x| &x.fields),
                ctx,
                &mut rows,
            );
        }
        let consents = |r: &HearingRecord| -> Vec<crate::domain::Consent> {
            r.consents
                .iter()
                .filter(|c| c.party_uuid == party)
                .cloned()
                .collect()
        };
        let (lc, ic) = (consents(local), consents(incoming));
        for (a, b) in matched(&lc, &ic, |c| c.uuid) {
            rows.push(heading(format!("· {code} — {}", ctx.t("people-consent"))));
            field_rows(
                Entity::Consent,
                a.map(|x| x.uuid),
                a.map(|x| &x.fields),
                b.map(|x| &x.fields),
                ctx,
                &mut rows,
            );
        }
    }

    rows.push(heading(ctx.t("tab-checklist")));
    let answer = |a: Option<&crate::domain::Answer>| {
        a.map(|a| {
            let label = ctx.spec.code_label("answer", &a.answer, ctx.lang);
            if a.comment.is_empty() {
                label.to_owned()
            } else {
                format!("{label} — {}", a.comment)
            }
        })
        .unwrap_or_default()
    };
    for (l, i) in matched(&local.answers, &incoming.answers, |a| {
        (a.item_code.clone(), a.party_uuid)
    }) {
        let Some(a) = l.or(i) else { continue };
        let question = ctx
            .spec
            .checklist
            .item(&a.item_code)
            .map(|(_, item)| item.question.get(ctx.lang).to_owned())
            .unwrap_or_default();
        let who = party_code(if l.is_some() { local } else { incoming }, a.party_uuid);
        let who = if who.is_empty() {
            String::new()
        } else {
            format!(" [{who}]")
        };
        rows.push(DiffRow {
            heading: false,
            label: format!("{}{who} {question}", a.item_code),
            local: answer(l),
            incoming: answer(i),
            take: (l.is_some() && i.is_some()).then(|| Take::Answer {
                item: a.item_code.clone(),
                party: a.party_uuid,
            }),
            taken: false,
        });
    }

    rows.push(heading(ctx.t("tab-allegations")));
    for (l, i) in matched(&local.allegations, &incoming.allegations, |a| a.uuid) {
        let Some(a) = l.or(i) else { continue };
        let who = party_code(if l.is_some() { local } else { incoming }, a.party_uuid);
        rows.push(heading(format!("· {} {who}", ctx.t("conflict-allegation"))));
        field_rows(
            Entity::Allegation,
            l.map(|x| x.uuid),
            l.map(|x| &x.fields),
            i.map(|x| &x.fields),
            ctx,
            &mut rows,
        );
        let followups = |r: &HearingRecord| -> Vec<crate::domain::Followup> {
            r.followups
                .iter()
                .filter(|f| f.allegation_uuid == a.uuid)
                .cloned()
                .collect()
        };
        let (lf, inf) = (followups(local), followups(incoming));
        for (x, y) in matched(&lf, &inf, |f| f.uuid) {
            rows.push(heading(format!("· {}", ctx.t("allegation-followup"))));
            field_rows(
                Entity::Followup,
                x.map(|f| f.uuid),
                x.map(|f| &f.fields),
                y.map(|f| &f.fields),
                ctx,
                &mut rows,
            );
        }
    }

    rows.push(heading(ctx.t("tab-timeline")));
    let event = |e: Option<&crate::domain::Event>| {
        e.map(|e| {
            let label = ctx.spec.code_label("timeline_event", &e.code, ctx.lang);
            let time = e.at.get(11..16).unwrap_or(&e.at);
            if e.note.is_empty() {
                format!("{time} {label}")
            } else {
                format!("{time} {label} — {}", e.note)
            }
        })
        .unwrap_or_default()
    };
    for (l, i) in matched(&local.timeline, &incoming.timeline, |e| e.uuid) {
        rows.push(DiffRow {
            heading: false,
            label: ctx.t("timeline-event"),
            local: event(l),
            incoming: event(i),
            take: None,
            taken: false,
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::domain::{Case, Hearing, Status};
    use crate::i18n::Texts;
    use crate::spec::{Lang, Spec};
    use crate::store::ConflictRow;
    use crate::tui::keys::parse;

    fn id(n: u128) -> uuid::Uuid {
        uuid::Uuid::from_u128(n)
    }

    /// A final hearing whose case number and courtroom are `case` and `room`.
    fn record(case: &str, room: &str) -> HearingRecord {
        let fields = |pairs: &[(&str, &str)]| -> Fields {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        HearingRecord::new(
            Case {
                uuid: id(2),
                fields: fields(&[("court_case_number", case)]),
            },
            Hearing {
                uuid: id(1),
                case_uuid: id(2),
                monitor_uuid: id(3),
                status: Status::Final,
                version: 2,
                content_hash: String::new(),
                parent_hash: String::new(),
                ancestors: Vec::new(),
                sealed: true,
                form_versions: String::new(),
                created_at: String::new(),
                updated_at: String::new(),
                fields: fields(&[("courtroom", room), ("judge_name", "Саидов А.Н.")]),
            },
        )
    }

    struct Fixture {
        spec: Spec,
        texts: Texts,
        screen: ConflictsScreen,
        read_only: bool,
    }

    impl Fixture {
        fn new() -> Fixture {
            let mut f = Fixture {
                spec: Spec::builtin().expect("spec"),
                texts: Texts::builtin().expect("texts"),
                screen: ConflictsScreen::default(),
                read_only: false,
            };
            let item = ConflictItem {
                row: ConflictRow {
                    uuid: id(9),
                    hearing_uuid: id(1),
                    batch_id: id(8),
                    local_hash: "l".into(),
                    incoming_hash: "i".into(),
                    created_at: String::new(),
                    resolved_at: None,
                    resolved_by: None,
                    resolution: None,
                },
                date: String::new(),
                court: String::new(),
                case_number: String::new(),
                from: "M01".into(),
                seq: Some(2),
            };
            let pair = ConflictPair {
                item,
                local: record("1-1/26 (lead)", "5"),
                incoming: record("1-1/26 (monitor)", "7"),
            };
            let (screen, ctx) = f.parts();
            screen.on_outcome(Outcome::ConflictOpened(Box::new(pair)), &ctx);
            f
        }

        fn parts(&mut self) -> (&mut ConflictsScreen, Ctx<'_>) {
            let ctx = Ctx {
                spec: &self.spec,
                texts: &self.texts,
                lang: Lang::En,
                now: DateTime::parse_from_rfc3339("2026-11-23T10:15:00+05:00").expect("time"),
                read_only: self.read_only,
            };
            (&mut self.screen, ctx)
        }

        /// Presses keys; the commands of the last one.
        fn press(&mut self, keys: &str) -> Vec<Cmd> {
            let (screen, ctx) = self.parts();
            let mut cmds = Vec::new();
            for k in parse(keys) {
                cmds = screen.handle_key(k, &ctx);
            }
            cmds
        }

        fn pair(&self) -> &Pair {
            self.screen.pair.as_deref().expect("a pair is open")
        }

        fn footer(&mut self) -> Vec<&'static str> {
            let (screen, ctx) = self.parts();
            screen
                .keys(&ctx)
                .into_iter()
                .filter(|(_, _, shown)| *shown)
                .map(|(_, label, _)| label)
                .collect()
        }
    }

    fn case_number() -> Take {
        Take::Field {
            entity: Entity::Case,
            record: id(2),
            field: "court_case_number".into(),
        }
    }

    #[test]
    fn right_marks_a_differing_field_left_unmarks_it_and_s_saves_after_a_yes() {
        let mut f = Fixture::new();
        assert!(!f.footer().contains(&"key-save-fields"));
        // Only the differences: the case number, then the courtroom.
        assert!(f.press("d<Right>").is_empty());
        assert_eq!(f.pair().taken(), [case_number()]);
        assert!(f.footer().contains(&"key-save-fields"));
        f.press("<Down><Right>");
        assert_eq!(f.pair().taken().len(), 2);
        f.press("<Left>");
        assert_eq!(f.pair().taken(), [case_number()]);
        // Saving asks first; n keeps the marks and writes nothing.
        assert!(f.press("s").is_empty());
        assert_eq!(f.pair().confirm, Some(Choice::Fields));
        assert!(f.press("n").is_empty());
        assert_eq!(f.pair().confirm, None);
        assert_eq!(f.pair().taken(), [case_number()]);
        let cmds = f.press("sy");
        assert!(
            matches!(
                cmds.as_slice(),
                [Cmd::Run(Effect::ResolveConflictFields { conflict, take })]
                    if *conflict == id(9) && *take == [case_number()]
            ),
            "{cmds:?}"
        );
        // Unmarking the last field goes back to keeping one side whole: `s` does nothing.
        f.press("<Up><Left>");
        assert!(f.pair().taken().is_empty());
        assert!(f.press("s").is_empty());
        assert_eq!(f.pair().confirm, None);
    }

    #[test]
    fn headings_and_equal_fields_cannot_be_marked() {
        let mut f = Fixture::new();
        // Row 0 is the case heading; the judge's name is the same on both sides.
        let cmds = f.press("<Right>");
        assert!(
            matches!(cmds.as_slice(), [Cmd::Status(_, true)]),
            "{cmds:?}"
        );
        let judge = f
            .pair()
            .visible()
            .iter()
            .position(|r| r.label == "Presiding judge")
            .expect("the judge row");
        for _ in 0..judge {
            f.press("<Down>");
        }
        let cmds = f.press("<Right>");
        assert!(
            matches!(cmds.as_slice(), [Cmd::Status(_, true)]),
            "{cmds:?}"
        );
        assert!(f.pair().taken().is_empty());
    }

    #[test]
    fn a_read_only_database_offers_no_marking() {
        let mut f = Fixture::new();
        f.read_only = true;
        assert!(f.press("d<Right>s").is_empty());
        assert!(f.pair().taken().is_empty());
        assert_eq!(f.pair().confirm, None);
        assert!(!f.footer().contains(&"key-take-field"));
    }
}
