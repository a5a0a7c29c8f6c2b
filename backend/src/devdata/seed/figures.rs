//! Plausible monthly figures: a seasonal profile (Tết in February, the year-end rush in
//! December), growth from year to year, quality that improves along the calendar, and every
//! part never above its whole (the consistency rules of `shared::validation`).

use rand::Rng;
use rand::rngs::StdRng;
use shared::measures::*;

/// Share of a year's dossiers received in each month (sums to 12).
pub const SEASON: [f64; 12] = [
    0.85, 0.55, 1.0, 1.05, 1.05, 1.0, 0.95, 1.0, 1.05, 1.05, 1.1, 1.35,
];

/// The dossiers expected in `month` of a unit receiving `yearly` a year, scaled by the
/// year's `growth` (1 this year, less before).
pub fn monthly_volume(yearly: f64, growth: f64, month: u32) -> f64 {
    let season = SEASON
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or(1.0);
    yearly / 12.0 * season * growth
}

/// The quality (0–1) of a unit whose level at the end of the calendar is `q`, `progress`
/// (0–1) along it: a fifth lower at its start.
pub fn quality_in(q: f64, progress: f64) -> f64 {
    q * (0.8 + 0.2 * progress.clamp(0.0, 1.0))
}

/// One month of consistent figures for a unit of the given volume and quality (0–1), with
/// the simple seasonal factor of the benchmark data.
pub(crate) fn month_figures(
    rng: &mut StdRng,
    volume: f64,
    quality: f64,
    month: u32,
) -> Vec<(&'static str, i64)> {
    let season = match month {
        1 => 0.8,
        2 => 0.6,
        12 => 1.25,
        _ => 1.0,
    };
    figures(rng, volume * season, quality)
}

/// One month of consistent figures around `volume` dossiers (±15 %).
pub(crate) fn figures(rng: &mut StdRng, volume: f64, quality: f64) -> Vec<(&'static str, i64)> {
    let received = (volume * rng.random_range(0.85..1.15)).round().max(1.0) as i64;
    let frac = |rng: &mut StdRng, base: f64| (base * rng.random_range(0.92..1.05)).clamp(0.0, 1.0);
    let part = |n: i64, f: f64| ((n as f64) * f).round() as i64;
    let online = part(received, frac(rng, quality));
    let full = part(online, frac(rng, quality * 0.75));
    let digitized = part(received, frac(rng, quality * 0.95));
    let reused = part(received, frac(rng, quality * 0.55));
    let fee = part(received, rng.random_range(0.2..0.45));
    let paid = part(fee, frac(rng, quality * 0.8));
    let due = part(received, rng.random_range(0.95..1.1));
    let on_time = part(due, frac(rng, 0.9 + quality * 0.1));
    let settled = part(due, rng.random_range(0.85..0.97));
    let e_result = part(settled, frac(rng, quality));
    let feedback = part(received, rng.random_range(0.0..0.004)) + rng.random_range(0..4);
    let feedback_on_time = part(feedback, frac(rng, 0.7 + quality * 0.3));
    vec![
        (RECEIVED, received),
        (RECEIVED_ONLINE, online),
        (FULL_ONLINE, full),
        (DIGITIZED, digitized),
        (REUSED, reused),
        (FEE_BEARING, fee),
        (PAID_ONLINE, paid),
        (DUE, due),
        (ON_TIME, on_time),
        (SETTLED, settled),
        (E_RESULT, e_result),
        (FEEDBACK, feedback),
        (FEEDBACK_ON_TIME, feedback_on_time),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rand::SeedableRng;
    use std::collections::HashMap;

    proptest! {
        #[test]
        fn demo_figures_always_respect_the_consistency_rules(seed in 0u64..1000, volume in 1.0f64..10_000.0, quality in 0.0f64..1.0, month in 1u32..=12) {
            let mut rng = StdRng::seed_from_u64(seed);
            let figures: HashMap<&str, i64> = month_figures(&mut rng, volume, quality, month).into_iter().collect();
            prop_assert!(shared::validation::check_consistency(&shared::measures::CONSISTENCY_RULES, |c| figures.get(c).copied()).is_empty());
            prop_assert!(figures.values().all(|v| *v >= 0));
        }
    }

    #[test]
    fn the_season_sums_to_a_year() {
        assert!((SEASON.iter().sum::<f64>() - 12.0).abs() < 1e-9);
    }
}
