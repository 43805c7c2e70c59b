//! The case view: a trial across its hearings, read-only — the hearings in order, each
//! defendant's situation hearing by hearing, the allegations, the standards not met and at
//! which hearings, the next date (`trial_text`). Tab chooses a hearing, Enter reads it, and
//! `n` starts the trial's next hearing and `s` lists case records that may be the same trial. Lines are not wrapped (a long trial's grid is wider
//! than the terminal): ←/→ scroll sideways.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use uuid::Uuid;

use super::{Cmd, Ctx};
use crate::store::Trial;
use crate::tui::effect::Effect;
use crate::tui::keys::{self, Binding, Key, Nav};

/// Lines a page key scrolls.
const PAGE: usize = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Page,
    Left,
    Right,
    NextRow,
    PrevRow,
    View,
    NextHearing,
    SameTrial,
    Back,
}

const KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::ch('n')], Action::NextHearing, "key-start-next"),
    Binding::new(
        &[Key::plain(KeyCode::Tab)],
        Action::NextRow,
        "key-next-hearing-row",
    ),
    Binding::help_only(
        &[Key::plain(KeyCode::BackTab)],
        Action::PrevRow,
        "key-prev-hearing-row",
    ),
    Binding::new(
        &[Key::plain(KeyCode::Enter), Key::ch('v')],
        Action::View,
        "key-view",
    ),
    Binding::help_only(&[Key::ch(' ')], Action::Page, "key-page-down"),
    Binding::help_only(
        &[Key::plain(KeyCode::Left), Key::ch('h')],
        Action::Left,
        "key-left",
    ),
    Binding::help_only(
        &[Key::plain(KeyCode::Right), Key::ch('l')],
        Action::Right,
        "key-right",
    ),
    Binding::new(&[Key::ch('s')], Action::SameTrial, "key-same-trial"),
    Binding::new(
        &[Key::plain(KeyCode::Esc), Key::ch('q')],
        Action::Back,
        "key-back",
    ),
];

#[derive(Debug)]
pub struct CaseScreen {
    trial: Trial,
    /// The chosen hearing (index into the trial's records).
    row: usize,
    scroll: u16,
    /// Columns scrolled sideways: the grid of a long trial is wider than the terminal.
    across: u16,
}

impl CaseScreen {
    pub fn new(trial: Trial) -> CaseScreen {
        let row = trial.records.len().saturating_sub(1);
        CaseScreen {
            trial,
            row,
            scroll: 0,
            across: 0,
        }
    }

    /// The case record this view was opened for.
    pub fn case(&self) -> Uuid {
        self.trial.summary.uuid
    }

    /// Shows the trial again (after a hearing of it was edited), keeping the place.
    pub fn replace(&mut self, trial: Trial) {
        self.row = self.row.min(trial.records.len().saturating_sub(1));
        self.trial = trial;
    }

    pub fn title(&self, ctx: &Ctx<'_>) -> String {
        let s = &self.trial.summary;
        let number = if s.case_number.is_empty() {
            ctx.t("case-no-number")
        } else {
            s.case_number.clone()
        };
        format!("{} {number}", ctx.t("case-title"))
    }

    fn table(ctx: &Ctx<'_>) -> &'static [Binding<Action>] {
        if ctx.read_only { &KEYS[1..] } else { KEYS }
    }

    pub fn keys(&self, ctx: &Ctx<'_>) -> Vec<(String, &'static str, bool)> {
        let mut k = keys::describe(Self::table(ctx));
        k.extend(keys::describe_nav(false));
        k
    }

    fn text(&self, ctx: &Ctx<'_>) -> String {
        crate::trial_text::text_marked(ctx.spec, ctx.texts, &self.trial, ctx.lang, Some(self.row))
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        let action = keys::lookup(Self::table(ctx), &key);
        // Scrolling: the shared navigation tables, and Space pages down.
        let nav = keys::nav(&key).or((action == Some(Action::Page)).then_some(Nav::PageDown));
        if let Some(nav) = nav {
            let lines = self.text(ctx).lines().count();
            let at = nav.apply(usize::from(self.scroll), lines, PAGE);
            self.scroll = u16::try_from(at).unwrap_or(u16::MAX);
            return Vec::new();
        }
        let n = self.trial.records.len();
        match action {
            Some(Action::Left) => self.across = self.across.saturating_sub(8),
            Some(Action::Right) => self.across = self.across.saturating_add(8).min(400),
            Some(Action::NextRow) if n > 0 => self.row = (self.row + 1) % n,
            Some(Action::PrevRow) if n > 0 => self.row = (self.row + n - 1) % n,
            Some(Action::View) => {
                if let Some(r) = self.trial.records.get(self.row) {
                    return vec![Cmd::Run(Effect::ViewHearing(r.hearing.uuid))];
                }
            }
            Some(Action::NextHearing) => {
                return vec![Cmd::Run(Effect::NextHearing(self.trial.summary.uuid))];
            }
            Some(Action::SameTrial) => {
                return vec![Cmd::Run(Effect::LoadSameTrials {
                    case: Some(self.trial.summary.uuid),
                    open: true,
                })];
            }
            Some(Action::Back) => return vec![Cmd::Pop],
            _ => {}
        }
        Vec::new()
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let p = Paragraph::new(self.text(ctx)).scroll((self.scroll, self.across));
        frame.render_widget(p, area);
        frame.set_cursor_position((area.x, area.y));
    }
}
