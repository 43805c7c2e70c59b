//! Every style of the interface, in one place.

use ratatui::style::{Color, Modifier, Style};

pub fn title() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

pub fn tab() -> Style {
    Style::new().fg(Color::Gray)
}

pub(crate) fn tab_active() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::White)
        .add_modifier(Modifier::BOLD)
}

pub fn section() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn label() -> Style {
    Style::new()
}

pub fn focused() -> Style {
    Style::new()
        .bg(Color::DarkGray)
        .add_modifier(Modifier::BOLD)
}

pub fn value() -> Style {
    Style::new().fg(Color::White)
}

pub(crate) fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn error() -> Style {
    Style::new().fg(Color::LightRed)
}

pub fn ok() -> Style {
    Style::new().fg(Color::LightGreen)
}

pub fn key() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn footer() -> Style {
    Style::new().fg(Color::Gray)
}

pub fn popup() -> Style {
    Style::new().fg(Color::White).bg(Color::Black)
}

pub(crate) fn selected() -> Style {
    Style::new().fg(Color::Black).bg(Color::LightCyan)
}
