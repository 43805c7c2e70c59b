//! courtwatch: encrypted, offline trial-monitoring records.
//!
//! The library holds everything; `main.rs` only parses arguments and dispatches. See
//! `ARCHITECTURE.md` for the map of modules and the invariants they keep.

pub mod cli;
pub mod clock;
pub mod demo;
pub mod domain;
pub mod error;
pub mod exchange;
pub mod i18n;
pub mod keys;
pub mod printout;
pub mod publish;
pub mod spec;
pub mod stats;
pub mod store;
pub mod trial_text;
pub mod tui;

pub use error::{Error, Result};
