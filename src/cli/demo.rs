//! `courtwatch demo`: fill the database with realistic synthetic hearings.

use std::io::IsTerminal;
use std::time::Instant;

use clap::Args;

use super::{Context, Out};
use crate::demo::{Generator, demo_monitors};
use crate::error::{Error, Result};
use crate::store::handover;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many hearings to generate
    #[arg(long, default_value_t = 200)]
    pub hearings: u64,
    /// Seed: the same seed gives the same hearings
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// How many monitors the hearings come from (the first is this database's own)
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=50))]
    pub monitors: u64,
}

/// Hearings written per transaction: bounds memory and the write-ahead log.
const CHUNK: u64 = 1000;

pub fn run(ctx: &Context, a: DemoArgs, out: &mut Out) -> Result<()> {
    let store = ctx.open()?;
    let me = store.profile().cloned().ok_or(Error::NoProfile)?;
    let others = demo_monitors(a.seed, usize::try_from(a.monitors - 1).unwrap_or(0));
    for m in &others {
        store.upsert_monitor(m)?;
    }
    let mut monitors = vec![me];
    monitors.extend(others);
    let started = Instant::now();
    let _loading = store.loading();
    let progress = std::io::stderr().is_terminal() || a.hearings >= 10 * CHUNK;
    // Making the records (their content hashes, JSON and search text) takes about a quarter
    // of the time, so a second thread makes them while this one writes.
    let (feed, receive, mut spent) = handover();
    let spec = store.spec();
    let mut written = 0u64;
    std::thread::scope(|scope| -> Result<()> {
        scope.spawn(move || feed.feed(spec, Generator::new(spec, a.seed, a.hearings, monitors)));
        // Owned here, so that a failed write drops it on the way out of the scope: the maker,
        // blocked handing over, then stops instead of waiting for ever.
        let receive = receive;
        let mut records = receive.iter().flatten().peekable();
        while records.peek().is_some() {
            let mut bulk = store.bulk()?;
            for record in records.by_ref().take(CHUNK as usize) {
                bulk.write(&record)?;
                spent.done(record);
                written += 1;
            }
            bulk.commit()?;
            if progress {
                eprint!("\rdemo: {written}/{} hearings", a.hearings);
            }
        }
        Ok(())
    })?;
    if progress {
        eprintln!();
    }
    out.line(&format!(
        "Added {written} demo hearings (seed {}, {} monitor(s)) in {:.1} s.",
        a.seed,
        a.monitors,
        started.elapsed().as_secs_f64()
    ))
}
