//! The integration tests: one test binary (one link on a 2-core machine) with a module per
//! area.

mod bench;
mod cli;
mod courts;
mod exchange;
mod hostile;
mod journeys;
mod journeys_input;
mod keys;
mod outputs;
mod report;
mod sealed;
mod stale;
mod stats;
mod support;
mod tidy;
mod trials;
mod tui;
mod tui_courts;
mod tui_exchange;
mod tui_input;
mod tui_keys;
