//! Same trial? Case records that look like one trial recorded twice (the same court and case
//! number, from two monitors or two batches), for a lead to join — only after saying yes to
//! what both records hold. Opened after a merge and from the case view (then only the pairs
//! of that trial). Joining deletes and changes nothing; `courtwatch cases split` undoes it.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use uuid::Uuid;

use super::{Cmd, Ctx};
use crate::i18n::Arg;
use crate::spec::COURT_LIST;
use crate::store::CaseSummary;
use crate::tui::effect::Effect;
use crate::tui::keys::{self, Binding, Key};
use crate::tui::theme;
use crate::tui::widgets::chrome::{self, Answer};
use crate::tui::widgets::form::truncate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Join,
    Trial,
    Back,
}

/// Pairs a page key moves.
const PAGE: usize = 5;

const KEYS: &[Binding<Action>] = &[
    Binding::new(&[Key::plain(KeyCode::Enter)], Action::Join, "key-join"),
    Binding::new(&[Key::ch('t')], Action::Trial, "key-case"),
    Binding::new(
        &[Key::plain(KeyCode::Esc), Key::ch('q')],
        Action::Back,
        "key-back",
    ),
];

#[derive(Debug)]
pub struct SameTrials {
    /// The trial the screen was opened for (its pairs only), or every pair.
    case: Option<Uuid>,
    pairs: Vec<(CaseSummary, CaseSummary)>,
    selected: usize,
    /// Asking whether to join the selected pair.
    confirm: bool,
}

impl SameTrials {
    pub fn new(case: Option<Uuid>, pairs: Vec<(CaseSummary, CaseSummary)>) -> SameTrials {
        SameTrials {
            case,
            pairs,
            selected: 0,
            confirm: false,
        }
    }

    /// The trial the screen was opened for, if any.
    pub fn case(&self) -> Option<Uuid> {
        self.case
    }

    /// Shows the pairs again (after a join), keeping the place.
    pub fn replace(&mut self, pairs: Vec<(CaseSummary, CaseSummary)>) {
        self.selected = self.selected.min(pairs.len().saturating_sub(1));
        self.pairs = pairs;
        self.confirm = false;
    }

    fn table(ctx: &Ctx<'_>) -> &'static [Binding<Action>] {
        if ctx.read_only { &KEYS[1..] } else { KEYS }
    }

    pub fn keys(&self, ctx: &Ctx<'_>) -> Vec<(String, &'static str, bool)> {
        if self.confirm {
            keys::describe(chrome::CONFIRM_KEYS)
        } else {
            let mut k = keys::describe(Self::table(ctx));
            k.extend(keys::describe_nav(false));
            k
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Vec<Cmd> {
        let pair = self.pairs.get(self.selected);
        if self.confirm {
            match keys::lookup(chrome::CONFIRM_KEYS, &key) {
                Some(Answer::Yes) => {
                    self.confirm = false;
                    if let Some((a, b)) = pair {
                        return vec![Cmd::Run(Effect::JoinCases {
                            a: a.uuid,
                            b: b.uuid,
                            case: self.case,
                        })];
                    }
                }
                Some(Answer::No) => self.confirm = false,
                None => {}
            }
            return Vec::new();
        }
        if let Some(nav) = keys::nav(&key) {
            self.selected = nav.apply(self.selected, self.pairs.len(), PAGE);
            return Vec::new();
        }
        match keys::lookup(Self::table(ctx), &key) {
            Some(Action::Join) => self.confirm = pair.is_some(),
            Some(Action::Trial) => {
                if let Some((a, _)) = pair {
                    return vec![Cmd::Run(Effect::LoadTrial(a.uuid))];
                }
            }
            Some(Action::Back) => return vec![Cmd::Pop],
            None => {}
        }
        Vec::new()
    }

    /// One case record in a line: number, court, hearings with their dates, defendants.
    fn record(ctx: &Ctx<'_>, s: &CaseSummary) -> String {
        let court = ctx.spec.code_label(COURT_LIST, &s.court, ctx.lang);
        let number = if s.case_number.is_empty() {
            ctx.t("case-no-number")
        } else {
            s.case_number.clone()
        };
        let hearings = ctx.texts.t_args(
            ctx.lang,
            "same-trial-hearings",
            &[
                ("count", Arg::Num(i64::from(s.hearings))),
                ("first", Arg::Str(&s.first_date)),
                ("last", Arg::Str(&s.last_date)),
            ],
        );
        let mut text = format!("{number} · {court} · {hearings}");
        if !s.defendants.is_empty() {
            text = format!("{text} · {}", s.defendants.join(" "));
        }
        text
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        if self.pairs.is_empty() {
            frame.render_widget(
                Paragraph::new(ctx.t("same-trial-none")).wrap(Wrap { trim: true }),
                area,
            );
            frame.set_cursor_position((area.x, area.y));
            return;
        }
        let intro = Paragraph::new(ctx.t("same-trial-intro")).wrap(Wrap { trim: true });
        let top = chrome::rows(&intro, area.width)
            .saturating_add(1)
            .min(area.height / 2);
        let [head, body] =
            Layout::vertical([Constraint::Length(top), Constraint::Min(1)]).areas(area);
        frame.render_widget(intro, head);
        let width = usize::from(body.width);
        let mut lines: Vec<Line<'_>> = Vec::new();
        let mut cursor_line = 0;
        for (i, (a, b)) in self.pairs.iter().enumerate() {
            let (mark, style) = if i == self.selected {
                cursor_line = lines.len();
                ("▶ ", theme::selected())
            } else {
                ("  ", Style::default())
            };
            for (lead, s) in [(mark, a), ("  = ", b)] {
                let text = format!("{lead}{}", Self::record(ctx, s));
                lines.push(Line::from(Span::styled(truncate(&text, width), style)));
            }
        }
        let height = usize::from(body.height.max(2));
        let scroll = (cursor_line + 2).saturating_sub(height);
        let y = u16::try_from(cursor_line - scroll).unwrap_or(0);
        frame.render_widget(
            Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(0), 0)),
            body,
        );
        frame.set_cursor_position((body.x, body.y.saturating_add(y)));
        if self.confirm
            && let Some((a, b)) = self.pairs.get(self.selected)
        {
            let (first, second) = (Self::record(ctx, a), Self::record(ctx, b));
            let text = ctx.texts.t_args(
                ctx.lang,
                "same-trial-ask",
                &[("first", Arg::Str(&first)), ("second", Arg::Str(&second))],
            );
            chrome::confirm(frame, area, &ctx.t("confirm-title"), &text);
        }
    }
}
