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

/// The measures of the national index (QĐ 766) beyond the default catalogue's, for a month
/// of `base` figures (from [`figures`]) of a unit of the given quality (0–1): every part
/// within its whole, a commune in scope of itself, few procedures published in a month.
pub(crate) fn national_index_figures(
    rng: &mut StdRng,
    base: &[(&'static str, i64)],
    quality: f64,
    commune: bool,
) -> Vec<(&'static str, i64)> {
    let of = |code: &str| base.iter().find(|(c, _)| *c == code).map_or(0, |(_, v)| *v);
    let (received, full, reused, due, settled, feedback) = (
        of(RECEIVED),
        of(FULL_ONLINE),
        of(REUSED),
        of(DUE),
        of(SETTLED),
        of(FEEDBACK),
    );
    let q = quality.clamp(0.0, 1.0);
    let frac = |rng: &mut StdRng, base: f64| (base * rng.random_range(0.9..1.06)).clamp(0.0, 1.0);
    let part = |n: i64, f: f64| ((n as f64) * f).round() as i64;
    // Of a whole from a share: the whole is never below the part.
    let whole_of = |part: i64, share: f64| {
        if share <= 0.0 {
            part
        } else {
            ((part as f64) / share).round().max(part as f64) as i64
        }
    };
    let publish_due = rng.random_range(0..6);
    let published_on_time = part(publish_due, frac(rng, 0.6 + 0.4 * q));
    let update_due = if rng.random_bool(0.6) {
        0
    } else {
        rng.random_range(1..5)
    };
    let updated_on_time = part(update_due, frac(rng, 0.55 + 0.45 * q));
    let published = rng.random_range(0..10);
    let complete = part(published, frac(rng, 0.7 + 0.3 * q));
    let tracked = due + rng.random_range(0..(due / 20 + 2));
    let synced = part(tracked, frac(rng, 0.8 + 0.2 * q));
    let eligible = whole_of(full, (0.35 + 0.6 * q) * rng.random_range(0.9..1.1));
    let e_certify = i64::from(commune && rng.random_bool(0.3 + 0.7 * q));
    let reuse_eligible = whole_of(reused, (0.45 + 0.5 * q) * rng.random_range(0.85..1.1));
    let store_eligible = part(received, rng.random_range(0.05..0.3));
    let store_synced = part(store_eligible, frac(rng, 0.3 + 0.6 * q));
    let citizen_eligible = part(received, rng.random_range(0.3..0.6));
    let citizen_used = part(citizen_eligible, frac(rng, 0.4 + 0.5 * q));
    let tthc_citizen = rng.random_range(0..4);
    let tthc_connected = part(tthc_citizen, frac(rng, q));
    let handled = part(feedback, rng.random_range(0.8..=1.0));
    let satisfied = part(handled, frac(rng, 0.7 + 0.3 * q));
    let dossiers_satisfied = part(settled, frac(rng, 0.84 + 0.16 * q));
    vec![
        ("TTHC_PUBLISH_DUE", publish_due),
        ("TTHC_PUBLISHED_ON_TIME", published_on_time),
        ("TTHC_UPDATE_DUE", update_due),
        ("TTHC_UPDATED_ON_TIME", updated_on_time),
        ("TTHC_PUBLISHED", published),
        ("TTHC_PUBLISHED_COMPLETE", complete),
        ("DOSSIERS_TRACKED", tracked),
        ("DOSSIERS_SYNCED", synced),
        ("FULL_ONLINE_ELIGIBLE", eligible),
        ("COMMUNES_IN_SCOPE", i64::from(commune)),
        ("COMMUNES_E_CERTIFY", e_certify),
        ("REUSE_ELIGIBLE", reuse_eligible),
        ("STORE_ELIGIBLE", store_eligible),
        ("STORE_SYNCED", store_synced),
        ("CITIZEN_DATA_ELIGIBLE", citizen_eligible),
        ("CITIZEN_DATA_USED", citizen_used),
        ("TTHC_CITIZEN_ELIGIBLE", tthc_citizen),
        ("TTHC_CITIZEN_CONNECTED", tthc_connected),
        ("FEEDBACK_HANDLED", handled),
        ("FEEDBACK_SATISFIED", satisfied),
        ("DOSSIERS_HANDLED", settled),
        ("DOSSIERS_SATISFIED", dossiers_satisfied),
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
        }

        #[test]
        fn national_index_figures_respect_the_presets_rules(seed in 0u64..1000, volume in 1.0f64..10_000.0, quality in 0.0f64..1.0, commune in any::<bool>()) {
            let mut rng = StdRng::seed_from_u64(seed);
            let base = figures(&mut rng, volume, quality);
            let mut all = base.clone();
            all.extend(national_index_figures(&mut rng, &base, quality, commune));
            let figures: HashMap<&str, i64> = all.iter().copied().collect();
            prop_assert_eq!(figures.len(), 35);
            let preset = crate::domain::catalogue::Preset::Qd766.catalogue();
            let rules = crate::domain::catalogue::consistency_rules(
                preset.consistency.iter().copied(),
                preset.indicators.iter().filter_map(|i| Some((i.numerator, i.denominator?))),
            );
            prop_assert!(figures.values().all(|v| *v >= 0));
            let broken = shared::validation::check_consistency(&rules, |c| figures.get(c).copied());
            prop_assert!(broken.is_empty(), "{:?}", broken);
            prop_assert!(figures.values().all(|v| *v >= 0));
        }
    }

    #[test]
    fn the_season_sums_to_a_year() {
        assert!((SEASON.iter().sum::<f64>() - 12.0).abs() < 1e-9);
    }
}
