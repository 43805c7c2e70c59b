//! Honest numbers: the uncertainty of a share (the Wilson score interval) and the small cells a
//! published breakdown hides. Pure functions over numerators and denominators.

use super::Row;

/// The normal quantile of a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// Shares over fewer observations than this are flagged as resting on few observations.
pub const SMALL_DENOMINATOR: u64 = 30;

/// The settings key of the smallest breakdown cell a public report prints.
pub const SUPPRESS_SETTING: &str = "report.suppress_below";

/// Cells below this count are suppressed in public reports unless the setting says otherwise.
pub const DEFAULT_SUPPRESS_BELOW: u64 = 5;

/// The Wilson score 95 % interval of `num` of `den`, as `(low, high)` shares in 0..=1; `None`
/// when the denominator is 0. Unlike `share ± 1.96·se` it stays inside 0..1 and does not
/// collapse to a point at 0/n or n/n, which matters for the small samples monitoring gives.
pub fn wilson(num: u64, den: u64) -> Option<(f64, f64)> {
    if den == 0 {
        return None;
    }
    let n = den as f64;
    let p = num.min(den) as f64 / n;
    let z2 = Z95 * Z95;
    let d = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / d;
    let half = Z95 / d * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    // At 0/n and n/n one bound is exactly 0 or 1; rounding must not move it.
    let low = if num == 0 {
        0.0
    } else {
        (centre - half).max(0.0)
    };
    let high = if num >= den {
        1.0
    } else {
        (centre + half).min(1.0)
    };
    Some((low, high))
}

/// `4.3–42.2%`: an interval as the table, the screen and the reports print it.
pub fn interval_text(num: u64, den: u64) -> Option<String> {
    wilson(num, den).map(|(lo, hi)| format!("{:.1}–{:.1}%", lo * 100.0, hi * 100.0))
}

/// Whether a share rests on so few observations that readers should be warned.
pub fn small(den: u64) -> bool {
    den > 0 && den < SMALL_DENOMINATOR
}

/// Whether one breakdown cell is too small to publish: a count of people or hearings from 1
/// to `below - 1`, or a share whose denominator is that small. Zero cells identify no one.
fn too_small(r: &Row, below: u64) -> bool {
    let tiny = |n: u64| n > 0 && n < below;
    tiny(r.numerator) || r.denominator.is_some_and(tiny)
}

/// Which rows of a breakdown a public report hides, by index: every row too small to publish
/// (see `too_small`), and when that is a single row, also the smallest other non-zero row,
/// so the hidden one cannot be worked out by subtracting the others from the figure's total.
pub fn suppressed(rows: &[Row], below: u64) -> Vec<bool> {
    let mut hide: Vec<bool> = rows.iter().map(|r| too_small(r, below)).collect();
    if hide.iter().filter(|h| **h).count() == 1 {
        let size = |r: &Row| r.denominator.unwrap_or(r.numerator);
        let next = rows
            .iter()
            .enumerate()
            .filter(|(i, r)| !hide[*i] && r.numerator > 0)
            .min_by_key(|(_, r)| (size(r), r.numerator));
        if let Some((i, _)) = next {
            hide[i] = true;
        }
    }
    hide
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(num: u64, den: Option<u64>) -> Row {
        Row {
            key: String::new(),
            numerator: num,
            denominator: den,
            share: None,
        }
    }

    #[test]
    fn wilson_intervals_match_hand_computed_values() {
        // 2 of 13: p = 0.1538, z² = 3.8415, centre = (0.1538 + 0.1478) / 1.2955 = 0.2328,
        // half = 1.96 / 1.2955 · √(0.01001 + 0.00568) = 0.1895: 0.0433 to 0.4223.
        let (lo, hi) = wilson(2, 13).expect("interval");
        assert!((lo - 0.043_258).abs() < 1e-6, "{lo}");
        assert!((hi - 0.422_346).abs() < 1e-6, "{hi}");
        // 13 of 70: 0.1119 to 0.2923.
        let (lo, hi) = wilson(13, 70).expect("interval");
        assert!((lo - 0.111_873).abs() < 1e-6, "{lo}");
        assert!((hi - 0.292_256).abs() < 1e-6, "{hi}");
        assert_eq!(interval_text(2, 13).as_deref(), Some("4.3–42.2%"));
        assert_eq!(interval_text(13, 70).as_deref(), Some("11.2–29.2%"));
    }

    #[test]
    fn wilson_stays_inside_zero_and_one_and_needs_a_denominator() {
        assert_eq!(wilson(0, 0), None);
        let (lo, hi) = wilson(0, 10).expect("interval");
        assert_eq!(lo, 0.0);
        assert!((hi - 0.277_533).abs() < 1e-6, "{hi}");
        let (lo, hi) = wilson(10, 10).expect("interval");
        assert!((lo - 0.722_467).abs() < 1e-6, "{lo}");
        assert_eq!(hi, 1.0);
        // A large sample narrows the same share.
        let (lo, hi) = wilson(2000, 3000).expect("interval");
        assert!(hi - lo < 0.04, "{lo}..{hi}");
        let (lo, hi) = wilson(2, 3).expect("interval");
        assert!(hi - lo > 0.6, "{lo}..{hi}");
    }

    #[test]
    fn small_denominators_are_flagged() {
        assert!(small(13));
        assert!(!small(70));
        assert!(!small(0));
    }

    #[test]
    fn small_cells_are_hidden_with_a_second_one_when_a_single_cell_could_be_worked_out() {
        // Counts: 2 is hidden, and the smallest other (7) with it, so 2 = total − others fails.
        let rows = [row(20, None), row(2, None), row(7, None), row(0, None)];
        assert_eq!(suppressed(&rows, 5), [false, true, true, false]);
        // Two small cells already hide each other.
        let rows = [row(20, None), row(2, None), row(3, None), row(9, None)];
        assert_eq!(suppressed(&rows, 5), [false, true, true, false]);
        // Shares: a small denominator hides the row even when its numerator is 0.
        let rows = [row(0, Some(3)), row(10, Some(40)), row(12, Some(50))];
        assert_eq!(suppressed(&rows, 5), [true, true, false]);
        // Nothing small, nothing hidden; the threshold is a setting.
        let rows = [row(5, Some(9)), row(6, Some(6))];
        assert_eq!(suppressed(&rows, 5), [false, false]);
        assert_eq!(suppressed(&rows, 10), [true, true]);
    }
}
