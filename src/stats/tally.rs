//! Accumulators that the collection feeds and the build reads: shares with their breakdowns by
//! court, judge, month and monitor; distributions of codes; samples for medians.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast hash for the short keys (ids, codes) of the in-memory joins, eight bytes at a time
/// (the mixing step of rustc's FxHash). The keys come from the user's own database, so
/// resistance to crafted collisions is not needed.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Fast(u64);

impl Fast {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Fast {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.mix(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(w));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.mix(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.mix(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.mix(i as u64);
    }
}

pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fast>>;
pub(super) type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<Fast>>;

/// The hearing dimensions a share is broken down by, as indices into [`Share::by`].
pub(super) const COURT: usize = 0;
pub(super) const JUDGE: usize = 1;
pub(super) const MONTH: usize = 2;
pub(super) const MONITOR: usize = 3;
const DIMS: usize = 4;

/// One hearing's keys in each dimension: dense ids from an [`Interner`] per dimension.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Dims(pub [u32; DIMS]);

/// Gives each distinct key a dense id.
#[derive(Debug, Default)]
pub(super) struct Interner {
    index: FastMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    pub fn id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.index.get(key) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.index.insert(key.to_owned(), id);
        self.names.push(key.to_owned());
        id
    }

    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    /// The keys seen, by id.
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// How many observations had something (`num`) out of how many counted (`den`), overall and
/// per key of each hearing dimension, plus the codes kept out of `den`.
#[derive(Debug, Clone)]
pub(super) struct Share {
    pub num: u64,
    pub den: u64,
    /// Codes seen but left out of the denominator, with counts, in first-seen order.
    pub excluded: Vec<(&'static str, u64)>,
    by: [Vec<[u64; 2]>; DIMS],
    /// How many of the dimensions (in order) are counted.
    dims: usize,
}

impl Default for Share {
    fn default() -> Self {
        Share {
            num: 0,
            den: 0,
            excluded: Vec::new(),
            by: Default::default(),
            dims: DIMS,
        }
    }
}

impl Share {
    /// A share broken down by court, judge and month, not by monitor: checklist items are
    /// counted millions of times.
    pub fn checklist() -> Share {
        Share {
            dims: MONITOR,
            ..Share::default()
        }
    }

    /// Counts one observation of a hearing with keys `d`; `hit` when it has the thing measured.
    pub fn add(&mut self, d: Dims, hit: bool) {
        self.add_n(d, u64::from(hit), 1);
    }

    /// Counts `den` observations of one hearing at once, `num` of them hits.
    pub(crate) fn add_n(&mut self, d: Dims, num: u64, den: u64) {
        self.den += den;
        self.num += num;
        for (dim, &key) in d.0.iter().enumerate().take(self.dims) {
            let v = &mut self.by[dim];
            let k = key as usize;
            if v.len() <= k {
                v.resize(k + 1, [0, 0]);
            }
            v[k][0] += num;
            v[k][1] += den;
        }
    }

    /// Notes an answer kept out of the denominator.
    pub(crate) fn exclude(&mut self, code: &'static str) {
        match self.excluded.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => *n += 1,
            None => self.excluded.push((code, 1)),
        }
    }

    /// `(key id, numerator, denominator)` of one dimension, for keys with observations.
    pub fn by(&self, dim: usize) -> impl Iterator<Item = (u32, u64, u64)> + '_ {
        self.by[dim]
            .iter()
            .enumerate()
            .filter(|(_, c)| c[1] > 0)
            .map(|(k, c)| (u32::try_from(k).unwrap_or(u32::MAX), c[0], c[1]))
    }
}

/// How often each code occurs among `base` observations (a multi-choice observation counts
/// each of its codes once).
#[derive(Debug, Default, Clone)]
pub(super) struct Dist {
    pub base: u64,
    pub counts: FastMap<String, u64>,
}

impl Dist {
    pub fn add<'a>(&mut self, codes: impl IntoIterator<Item = &'a str>) {
        self.base += 1;
        // Multi-choice values hold a few codes; a repeated one counts once.
        let mut seen: [&str; 8] = [""; 8];
        let mut more: Vec<&str> = Vec::new();
        let mut n = 0;
        for c in codes {
            if seen[..n].contains(&c) || more.contains(&c) {
                continue;
            }
            if n < seen.len() {
                seen[n] = c;
                n += 1;
            } else {
                more.push(c);
            }
            match self.counts.get_mut(c) {
                Some(k) => *k += 1,
                None => {
                    self.counts.insert(c.to_owned(), 1);
                }
            }
        }
    }

    pub fn count(&self, code: &str) -> u64 {
        self.counts.get(code).copied().unwrap_or(0)
    }
}

/// The median of the samples (the mean of the middle two for an even count).
pub(super) fn median(samples: &mut [i64]) -> Option<f64> {
    if samples.is_empty() {
        return None;
    }
    samples.sort_unstable();
    let n = samples.len();
    let mid = samples[n / 2] as f64;
    Some(if n % 2 == 1 {
        mid
    } else {
        (samples[n / 2 - 1] as f64 + mid) / 2.0
    })
}
