//! Injected sources of time and ids (ARCHITECTURE.md invariant 7).
//!
//! Production code uses [`SystemClock`] and [`RandomIds`]; tests and golden files use
//! [`FixedClock`] and [`SequentialIds`] so their output is byte-for-byte stable.

use std::cell::Cell;

use chrono::{DateTime, Duration, FixedOffset, Local};
use uuid::Uuid;

/// Where the current time comes from.
pub trait Clock {
    fn now(&self) -> DateTime<FixedOffset>;
}

/// Where new record ids come from.
pub trait IdSource {
    fn new_id(&self) -> Uuid;
}

/// The wall clock, in the laptop's local offset.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        Local::now().fixed_offset()
    }
}

/// A clock that starts at a fixed instant and advances one second per reading.
#[derive(Debug)]
pub struct FixedClock(Cell<DateTime<FixedOffset>>);

impl FixedClock {
    pub fn new(start: DateTime<FixedOffset>) -> Self {
        FixedClock(Cell::new(start))
    }

    /// 2026-11-23 10:15:00 in Dushanbe (UTC+05:00): the clock of the golden files.
    pub fn dushanbe() -> Self {
        let start = DateTime::parse_from_rfc3339("2026-11-23T10:15:00+05:00")
            .expect("a valid constant timestamp");
        FixedClock::new(start)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<FixedOffset> {
        let t = self.0.get();
        self.0.set(t + Duration::seconds(1));
        t
    }
}

/// UUIDv7 ids: unique across laptops and sortable by creation time.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct RandomIds;

impl IdSource for RandomIds {
    fn new_id(&self) -> Uuid {
        Uuid::now_v7()
    }
}

/// Ids 00000000-0000-4000-8000-000000000001, …002, … for deterministic tests.
#[derive(Debug, Default)]
pub struct SequentialIds(Cell<u64>);

impl SequentialIds {
    pub fn starting_at(n: u64) -> Self {
        SequentialIds(Cell::new(n))
    }
}

impl IdSource for SequentialIds {
    fn new_id(&self) -> Uuid {
        let n = self.0.get() + 1;
        self.0.set(n);
        Uuid::from_u128(0x0000_0000_0000_4000_8000_0000_0000_0000 | u128::from(n))
    }
}

/// A clock and an id source travelling together, as every writer needs both.
pub struct Sources {
    pub clock: Box<dyn Clock>,
    pub ids: Box<dyn IdSource>,
}

impl Sources {
    pub fn system() -> Self {
        Sources {
            clock: Box::new(SystemClock),
            ids: Box::new(RandomIds),
        }
    }

    pub fn fixed() -> Self {
        Sources {
            clock: Box::new(FixedClock::dushanbe()),
            ids: Box::new(SequentialIds::default()),
        }
    }
}

impl std::fmt::Debug for Sources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sources")
    }
}
