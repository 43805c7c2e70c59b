//! The terminal user interface: a synchronous loop (draw, read one event, update, perform
//! effects) over the screens in `screens/`. Only this module uses ratatui and crossterm, and
//! it never touches the database or files itself: screens return effects that the session
//! performs through `store`.

pub mod app;
pub mod effect;
pub mod keys;
pub mod screens;
pub mod session;
pub mod theme;
pub mod widgets;

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event};

pub use session::{Config, Session};

use crate::error::{Error, Result};

/// How often pending edits are saved while typing (autosave), at the latest.
const AUTOSAVE: Duration = Duration::from_millis(500);

/// Runs the interface until the user quits; the terminal is restored on every exit, errors
/// and panics included, and the alternate screen is cleared so no record stays in the
/// terminal's scrollback.
/// The terminal's width in columns, when standard output is a terminal that says it.
pub fn terminal_width() -> Option<u16> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    ratatui::crossterm::terminal::size().ok().map(|(w, _)| w)
}

pub fn run(mut session: Session) -> Result<()> {
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, &mut session);
    session.flush();
    let _ = terminal.clear();
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, session: &mut Session) -> Result<()> {
    let io = |e: std::io::Error| Error::io("terminal", e);
    let mut last_key = Instant::now();
    let mut last_tick = Instant::now();
    while session.is_running() {
        session.set_now();
        terminal
            .draw(|frame| session.app.render(frame))
            .map_err(io)?;
        if event::poll(AUTOSAVE).map_err(io)? {
            match event::read().map_err(io)? {
                Event::Key(key) if key.is_press() || key.is_repeat() => {
                    last_key = Instant::now();
                    // Long effects (export, merge, statistics) draw their progress as they go.
                    session.press_drawing(key, &mut |app| {
                        let _ = terminal.draw(|frame| app.render(frame));
                    });
                }
                Event::Paste(text) => {
                    last_key = Instant::now();
                    session.paste(&text);
                }
                _ => {} // a resize redraws on the next turn
            }
        }
        if last_tick.elapsed() >= AUTOSAVE {
            last_tick = Instant::now();
            session.tick(last_key.elapsed().as_secs());
        }
    }
    Ok(())
}
