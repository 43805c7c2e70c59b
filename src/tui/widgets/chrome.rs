//! The frame around every screen: title bar, tabs, status line, the footer and help overlay
//! generated from key tables, confirmation popups, and the "terminal too small" notice.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use ratatui::crossterm::event::KeyCode;

use super::picker::centered;
use crate::i18n::Texts;
use crate::spec::Lang;
use crate::tui::keys::{Binding, Key};
use crate::tui::theme;

/// An answer to a confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
}

/// The keys of every confirmation popup.
pub(crate) const CONFIRM_KEYS: &[Binding<Answer>] = &[
    Binding::new(
        &[Key::ch('y'), Key::plain(KeyCode::Enter)],
        Answer::Yes,
        "key-yes",
    ),
    Binding::new(
        &[Key::ch('n'), Key::plain(KeyCode::Esc)],
        Answer::No,
        "key-no",
    ),
];

/// The smallest terminal the interface draws in.
pub(crate) const MIN_WIDTH: u16 = 60;
pub(crate) const MIN_HEIGHT: u16 = 16;

pub(crate) fn title_bar(frame: &mut Frame<'_>, area: Rect, left: &str, right: &str) {
    let w = area.width as usize;
    let right_w = unicode_width::UnicodeWidthStr::width(right);
    let left = super::form::truncate(left, w.saturating_sub(right_w + 1));
    let pad = w.saturating_sub(unicode_width::UnicodeWidthStr::width(left.as_str()) + right_w);
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(pad)),
        Span::raw(right.to_owned()),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme::title()), area);
}

/// Descriptions (`key-…`) the footer keeps whatever else it drops for want of room: help,
/// and quitting where quitting is a key.
const KEPT: &[&str] = &["help", "quit"];

fn kept(label: &str) -> bool {
    label
        .strip_prefix("key-")
        .is_some_and(|l| KEPT.contains(&l))
}

/// The footer: the current screen's keys, as `key description` pairs, in table order; when
/// they do not all fit, the pairs that do not are left out whole, except help and quit,
/// which always stay (at the end).
pub fn footer(
    frame: &mut Frame<'_>,
    area: Rect,
    texts: &Texts,
    lang: Lang,
    keys: &[(String, &'static str, bool)],
) {
    let keys = crate::tui::keys::merge(keys);
    let pairs: Vec<(&str, String, bool)> = keys
        .iter()
        .filter(|(_, _, shown)| *shown)
        .map(|(k, label, _)| (k.as_str(), texts.t(lang, label), kept(label)))
        .collect();
    let width = |k: &str, d: &str| {
        unicode_width::UnicodeWidthStr::width(k) + unicode_width::UnicodeWidthStr::width(d) + 3
    };
    let all: usize = pairs.iter().map(|(k, d, _)| width(k, d)).sum();
    let kept: usize = pairs
        .iter()
        .filter(|p| p.2)
        .map(|(k, d, _)| width(k, d))
        .sum();
    let mut shown: Vec<&(&str, String, bool)> = Vec::new();
    if all <= area.width as usize {
        shown.extend(pairs.iter());
    } else {
        let mut room = (area.width as usize).saturating_sub(kept);
        for p in pairs.iter().filter(|p| !p.2) {
            let w = width(p.0, &p.1);
            if w > room {
                break;
            }
            room -= w;
            shown.push(p);
        }
        shown.extend(pairs.iter().filter(|p| p.2));
    }
    let mut spans = Vec::new();
    for (k, d, _) in shown {
        spans.push(Span::styled((*k).to_owned(), theme::key()));
        spans.push(Span::styled(format!(" {d}  "), theme::footer()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The footer's pairs as one line of text (`Enter choose · Esc close`), for hints inside a
/// popup: generated from the same tables, never written by hand.
pub fn hint(texts: &Texts, lang: Lang, keys: &[(String, &'static str, bool)]) -> String {
    keys.iter()
        .filter(|(_, _, shown)| *shown)
        .map(|(k, label, _)| format!("{k} {}", texts.t(lang, label)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// How many rows a wrapped paragraph takes at `width` columns (ratatui's own count, so it
/// matches what is drawn). Screens size hints, notes and popups with it instead of cutting
/// them at a fixed height.
pub fn rows(paragraph: &Paragraph<'_>, width: u16) -> u16 {
    u16::try_from(paragraph.line_count(width)).unwrap_or(u16::MAX)
}

/// How far the help overlay can scroll, and how many lines a page of it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HelpView {
    pub max: u16,
    pub page: u16,
}

/// The help overlay: every binding of the screen, then the ones that work everywhere,
/// scrolled down `scroll` lines (as far as it goes) when it is taller than the popup, which
/// then says so on its bottom border.
pub fn help(
    frame: &mut Frame<'_>,
    area: Rect,
    (texts, lang): (&Texts, Lang),
    own: &[(String, &'static str, bool)],
    screen: &[(String, &'static str, bool)],
    global: &[(String, &'static str, bool)],
    scroll: u16,
) -> HelpView {
    let popup = centered(area, 80, 90);
    frame.render_widget(Clear, popup);
    let screen = &crate::tui::keys::merge(screen);
    let key_w = screen
        .iter()
        .chain(global)
        .map(|(k, _, _)| unicode_width::UnicodeWidthStr::width(k.as_str()))
        .max()
        .unwrap_or(4)
        + 2;
    let mut lines = Vec::new();
    let section =
        |title: &str, keys: &[(String, &'static str, bool)], lines: &mut Vec<Line<'_>>| {
            lines.push(Line::styled(title.to_owned(), theme::section()));
            for (k, label, _) in keys {
                let pad = key_w.saturating_sub(unicode_width::UnicodeWidthStr::width(k.as_str()));
                lines.push(Line::from(vec![
                    Span::styled(format!("  {k}{}", " ".repeat(pad)), theme::key()),
                    Span::raw(texts.t(lang, label)),
                ]));
            }
            lines.push(Line::raw(""));
        };
    section(&texts.t(lang, "help-this-screen"), screen, &mut lines);
    section(&texts.t(lang, "help-everywhere"), global, &mut lines);
    let close = own.first().map_or(String::new(), |(k, _, _)| k.clone());
    lines.push(Line::styled(
        texts.t_args(
            lang,
            "help-close",
            &[("keys", crate::i18n::Arg::Str(&close))],
        ),
        theme::dim(),
    ));
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let mut block = Block::bordered()
        .title(texts.t(lang, "help-title"))
        .style(theme::popup());
    let inner = block.inner(popup);
    let total = rows(&paragraph, inner.width);
    let view = HelpView {
        max: total.saturating_sub(inner.height),
        page: inner.height.saturating_sub(1).max(1),
    };
    if view.max > 0 {
        let scroll: Vec<String> = crate::tui::keys::describe(crate::tui::keys::NAV)
            .into_iter()
            .take(4)
            .map(|(k, _, _)| k)
            .collect();
        block = block.title_bottom(Line::styled(
            texts.t_args(
                lang,
                "help-scroll",
                &[("keys", crate::i18n::Arg::Str(&scroll.join(" ")))],
            ),
            theme::key(),
        ));
    }
    frame.render_widget(block, popup);
    frame.render_widget(paragraph.scroll((scroll.min(view.max), 0)), inner);
    view
}

/// A one-line status message: errors in red.
pub fn status(frame: &mut Frame<'_>, area: Rect, message: &str, error: bool) {
    let style = if error { theme::error() } else { theme::ok() };
    frame.render_widget(
        Paragraph::new(Line::styled(message.to_owned(), style)),
        area,
    );
}

/// A question with its answer keys, over the screen: as tall as its wrapped text needs
/// (the answer keys come last, so a popup cut short would hide them), up to the whole area.
pub fn confirm(frame: &mut Frame<'_>, area: Rect, title: &str, text: &str) {
    let paragraph = Paragraph::new(text.to_owned()).wrap(Wrap { trim: true });
    let mut popup = centered(area, 60, 30);
    let height = rows(&paragraph, popup.width.saturating_sub(2))
        .saturating_add(2)
        .max(popup.height)
        .min(area.height);
    popup.y = area.y + (area.height - height) / 2;
    popup.height = height;
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(title.to_owned())
        .style(theme::popup());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    frame.render_widget(paragraph, inner);
}

/// A question whose answers are keys (its `lines`: title, one line per answer, a warning),
/// boxed over the bottom of `area`, as tall as its wrapped lines need; the cursor on it.
/// The print-out and report questions.
pub(crate) fn bottom_question(frame: &mut Frame<'_>, area: Rect, lines: Vec<Line<'_>>) {
    let inner_w = area.width.saturating_sub(2).max(1);
    let height: u16 = lines
        .iter()
        .map(|l| u16::try_from(l.width().div_ceil(usize::from(inner_w)).max(1)).unwrap_or(1))
        .sum::<u16>()
        .saturating_add(2)
        .min(area.height);
    let rect = Rect {
        x: area.x,
        y: area.bottom().saturating_sub(height),
        width: area.width,
        height,
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered()),
        rect,
    );
    frame.set_cursor_position((rect.x + 1, rect.y + 1));
}

/// Shown instead of the interface when the terminal is smaller than the minimum.
pub fn too_small(frame: &mut Frame<'_>, area: Rect, texts: &Texts, lang: Lang) {
    let text = texts.t_args(
        lang,
        "too-small",
        &[
            ("width", crate::i18n::Arg::Num(i64::from(MIN_WIDTH))),
            ("height", crate::i18n::Arg::Num(i64::from(MIN_HEIGHT))),
        ],
    );
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
}
