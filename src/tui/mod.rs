//! The terminal user interface: a synchronous loop (draw, read one event, update, perform
//! effects) over the screens in `screens/`. Only this module uses ratatui and crossterm, and
//! it never touches the database or files itself: screens return effects that the session
//! performs through `store`.
//!
//! The pieces:
//!
//! - `session.rs`: the one place effects are performed, through `store` and `exchange`;
//! - `app.rs`: the screen stack, the lock, help, the status line;
//! - `effect.rs`: effects and their outcomes as data;
//! - `keys.rs`: bindings and their descriptions (footer and help come from them), the shared
//!   moving tables `NAV`, `LETTER_NAV` and `FIELD_NAV`, `lookup` (the one place a Cyrillic
//!   letter of a Russian or Tajik layout stands for the Latin command key in the same place),
//!   and the `parse` notation tests use;
//! - `widgets/`: the spec-driven `form`, the searchable `picker` (the court list's can add a
//!   court: `screens/add_court.rs`), `records` (a list of records with the form of the selected
//!   one, shared by the people and allegations tabs), `text` editors, `chrome`;
//! - `screens/`: one file per screen; `theme.rs`.

pub mod app;
pub mod effect;
pub mod keys;
pub mod screens;
pub mod session;
pub mod theme;
pub mod widgets;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

pub use session::{Config, Session};

use crate::error::{Error, Result};

/// How often pending edits are saved while typing (autosave), at the latest: a `kill -9`
/// loses at most what was typed in this time.
const AUTOSAVE: Duration = Duration::from_millis(500);

/// The terminal's width in columns, when standard output is a terminal that says it.
pub(crate) fn terminal_width() -> Option<u16> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    ratatui::crossterm::terminal::size().ok().map(|(w, _)| w)
}

/// How long the loop waits for a key before it looks at the signals again.
const SLICE: Duration = Duration::from_millis(100);

/// How long a signal leaves the program to save and restore the terminal before it ends it.
const WATCHDOG: Duration = Duration::from_secs(5);

/// Runs the interface until the user quits or a signal asks it to stop (SIGTERM, SIGHUP when
/// the terminal is closed, SIGINT): what is being typed is saved first. The terminal is
/// restored on every exit, errors and panics included, and the alternate screen is cleared
/// so no record stays in the terminal's scrollback.
pub fn run(mut session: Session) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
        .map_err(|e| Error::io("signal handler", e))?;
    let flag = Arc::clone(&stop);
    // The loop sees the flag within a tenth of a second, saves and restores the terminal.
    // When the terminal is gone, reading it may never return: the program then ends on its
    // own a few seconds later (the autosave has run by then).
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            flag.store(true, Ordering::SeqCst);
            std::thread::sleep(WATCHDOG);
            std::process::exit(1);
        }
    });
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, &mut session, &stop);
    session.flush();
    let _ = terminal.clear();
    ratatui::restore();
    if let Some(message) = session.app.farewell() {
        println!("{message}");
    }
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    session: &mut Session,
    stop: &AtomicBool,
) -> Result<()> {
    let io = |e: std::io::Error| Error::io("terminal", e);
    let mut last_key = Instant::now();
    let mut last_tick = Instant::now();
    let mut redraw = true;
    while session.is_running() && !stop.load(Ordering::Relaxed) {
        if redraw {
            session.set_now();
            terminal
                .draw(|frame| session.app.render(frame))
                .map_err(io)?;
            redraw = false;
        }
        if event::poll(SLICE).map_err(io)? {
            redraw = true;
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
            redraw = true;
            session.tick(last_key.elapsed().as_secs());
        }
    }
    Ok(())
}
