//! What editing a target's value does to its roadmap: keep the milestones (only while they
//! still obey the roadmap rules against the new value), rescale them to the new value, or
//! clear them.
//!
//! Rescaling follows the rules of `INDICATORS.md`: a count's milestones are cumulative
//! amounts from 0, so each is multiplied by `new / old` and rounded up to an integer; a
//! rate's milestones are levels moving from a starting level `a` to the target, so their
//! distance from `a` is stretched: `a + (m − a) × (new − a) / (old − a)`, rounded to 2
//! decimals. `a` is the target's baseline when it lies on the same side of the old and the
//! new value (below both: a rising roadmap; above both: a falling one), else 0. The order
//! of the milestones is kept, none goes below 0 nor beyond the new value (a falling rate's:
//! beyond its baseline), and the last one is the new value: a roadmap leads to its target.
//! An old value of 0 gives no shape to stretch: the new roadmap is then linear (`new × k / n`).

use crate::domain::rollup::round2;
use shared::IndicatorKind;

/// Why the milestones cannot be kept as they are; `field` is always `roadmap`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct KeepError {
    /// The input at fault.
    pub field: &'static str,
    /// What was wrong, in Vietnamese.
    pub message: String,
}

/// Fails unless `milestones` (in period order) may stay as they are under the new annual
/// value `target`: no milestone above it (a rate falling from a higher `baseline`: above
/// that baseline), and for a count the last equal to it (a count's roadmap is cumulative
/// and ends at the target).
pub fn check_keep(
    kind: IndicatorKind,
    target: f64,
    baseline: Option<f64>,
    milestones: &[f64],
) -> Result<(), KeepError> {
    let refuse = |message: String| {
        Err(KeepError {
            field: "roadmap",
            message: format!(
                "{message} — không thể giữ nguyên lộ trình; hãy chọn co giãn theo giá trị mới hoặc xóa lộ trình."
            ),
        })
    };
    let ceiling = match (kind, baseline) {
        (IndicatorKind::Rate, Some(b)) if b > target => b,
        _ => target,
    };
    if let Some((k, m)) = milestones.iter().enumerate().find(|(_, m)| **m > ceiling) {
        return refuse(format!(
            "Mốc {} của lộ trình ({}) cao hơn chỉ tiêu mới ({})",
            k + 1,
            vi_number(*m),
            vi_number(ceiling)
        ));
    }
    match (kind, milestones.last()) {
        (IndicatorKind::Count, Some(&last)) if last != target => refuse(format!(
            "Mốc cuối của lộ trình ({}) phải bằng chỉ tiêu mới ({}) vì chỉ tiêu số lượng được cộng dồn",
            vi_number(last),
            vi_number(target)
        )),
        _ => Ok(()),
    }
}

/// The milestones of a roadmap rescaled from the annual value `old` to `new` (see the
/// module documentation); `baseline` is the target's starting level (rates only).
pub fn rescale(
    kind: IndicatorKind,
    old: f64,
    new: f64,
    baseline: Option<f64>,
    milestones: &[f64],
) -> Vec<f64> {
    let n = milestones.len();
    let Some(last) = n.checked_sub(1) else {
        return Vec::new();
    };
    let new = new.max(0.0);
    let anchor = match kind {
        IndicatorKind::Rate => baseline
            .filter(|b| {
                b.is_finite()
                    && (0.0..=100.0).contains(b)
                    && ((*b < old && *b < new) || (*b > old && *b > new))
            })
            .unwrap_or(0.0),
        IndicatorKind::Count => 0.0,
    };
    let ceiling = new.max(anchor);
    let one = |k: usize, m: f64| -> f64 {
        if k == last {
            return new;
        }
        let v = if old != anchor && old.is_finite() {
            match kind {
                IndicatorKind::Count => scaled_count(m.max(0.0), old, new),
                IndicatorKind::Rate => {
                    round2(anchor + (m - anchor) * (new - anchor) / (old - anchor))
                }
            }
        } else {
            // Nothing to stretch: a linear roadmap of the new value.
            let share = (k + 1) as f64 / n as f64;
            match kind {
                IndicatorKind::Count => scaled_count((k + 1) as f64, n as f64, new),
                IndicatorKind::Rate => round2(new * share),
            }
        };
        if v.is_finite() {
            v.clamp(0.0, ceiling)
        } else {
            0.0
        }
    };
    milestones
        .iter()
        .enumerate()
        .map(|(k, &m)| one(k, m))
        .collect()
}

/// `ceil(m × new / old)`, exact in integers when all three are integers.
fn scaled_count(m: f64, old: f64, new: f64) -> f64 {
    const EXACT: f64 = 9.0e15;
    let whole = |x: f64| x.fract() == 0.0 && (0.0..EXACT).contains(&x);
    if whole(m) && whole(old) && whole(new) && old > 0.0 {
        let (m, old, new) = (m as i128, old as i128, new as i128);
        ((m * new + old - 1).div_euclid(old)) as f64
    } else {
        // A hair below the product first, so that 50 × 1.2 does not round up to 61.
        let exact = m * new / old;
        (exact - exact.abs() * 1e-12).ceil()
    }
}

/// A number written the Vietnamese way: `1.234,5` (at most 2 decimals).
fn vi_number(v: f64) -> String {
    let v = round2(v);
    let whole = v.trunc().abs() as u64;
    let cents = ((v.abs() - v.trunc().abs()) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 { "-" } else { "" };
    match cents {
        0 => format!("{sign}{grouped}"),
        c if c.is_multiple_of(10) => format!("{sign}{grouped},{}", c / 10),
        c => format!("{sign}{grouped},{c:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use IndicatorKind::{Count, Rate};
    use proptest::prelude::*;

    #[test]
    fn a_rate_roadmap_stretches_its_rise_above_the_baseline() {
        // The worked example's roadmap (baseline 30 %, target 60 %) for a new target of 66 %.
        let m = rescale(Rate, 60.0, 66.0, Some(30.0), &[37.5, 45.0, 52.5, 60.0]);
        assert_eq!(m, vec![39.0, 48.0, 57.0, 66.0]);
    }

    #[test]
    fn a_rate_roadmap_without_a_baseline_scales_in_proportion() {
        let m = rescale(Rate, 55.0, 66.0, None, &[13.75, 27.5, 41.25, 55.0]);
        assert_eq!(m, vec![16.5, 33.0, 49.5, 66.0]);
    }

    #[test]
    fn a_baseline_between_the_old_and_new_values_is_not_the_anchor() {
        let m = rescale(Rate, 60.0, 20.0, Some(30.0), &[30.0, 40.0, 50.0, 60.0]);
        assert_eq!(m, vec![10.0, 13.33, 16.67, 20.0]);
    }

    #[test]
    fn a_falling_rate_roadmap_keeps_falling_from_its_baseline() {
        // LINEAR from 98 % down to 90 %, now to 95 %.
        let m = rescale(Rate, 90.0, 95.0, Some(98.0), &[96.0, 94.0, 92.0, 90.0]);
        assert_eq!(m, vec![97.25, 96.5, 95.75, 95.0]);
        assert!(check_keep(Rate, 95.0, Some(98.0), &m).is_ok());
    }

    #[test]
    fn a_count_roadmap_scales_exactly_and_rounds_up() {
        let m = rescale(Count, 100.0, 120.0, None, &[25.0, 50.0, 75.0, 100.0]);
        assert_eq!(m, vec![30.0, 60.0, 90.0, 120.0]);
        let m = rescale(Count, 12.0, 10.0, None, &[3.0, 6.0, 9.0, 12.0]);
        assert_eq!(m, vec![3.0, 5.0, 8.0, 10.0]);
    }

    #[test]
    fn a_roadmap_of_a_zero_target_becomes_linear() {
        assert_eq!(
            rescale(Count, 0.0, 8.0, None, &[0.0, 0.0, 0.0, 0.0]),
            vec![2.0, 4.0, 6.0, 8.0]
        );
        assert_eq!(
            rescale(Rate, 0.0, 80.0, None, &[0.0, 0.0, 0.0, 0.0]),
            vec![20.0, 40.0, 60.0, 80.0]
        );
    }

    #[test]
    fn no_milestones_rescale_to_none() {
        assert!(rescale(Count, 10.0, 20.0, None, &[]).is_empty());
    }

    #[test]
    fn milestones_are_kept_only_while_they_obey_the_rules() {
        assert!(check_keep(Rate, 66.0, Some(30.0), &[37.5, 45.0, 52.5, 55.0]).is_ok());
        let above = check_keep(Rate, 50.0, Some(30.0), &[37.5, 45.0, 52.5, 55.0]).unwrap_err();
        assert_eq!(above.field, "roadmap");
        assert!(
            above
                .message
                .starts_with("Mốc 3 của lộ trình (52,5) cao hơn chỉ tiêu mới (50)")
        );
        assert!(check_keep(Count, 100.0, None, &[25.0, 50.0, 75.0, 100.0]).is_ok());
        let short = check_keep(Count, 1200.0, None, &[250.0, 500.0, 750.0, 1000.0]).unwrap_err();
        assert!(short.message.contains("Mốc cuối của lộ trình (1.000)"));
        assert!(check_keep(Count, 5.0, None, &[]).is_ok());
    }

    #[test]
    fn numbers_in_messages_are_vietnamese() {
        assert_eq!(vi_number(1234.5), "1.234,5");
        assert_eq!(vi_number(37.25), "37,25");
        assert_eq!(vi_number(1_000_000.0), "1.000.000");
    }

    /// A roadmap as a split leaves it: non-decreasing, the last at the target.
    fn roadmap(kind: IndicatorKind) -> impl Strategy<Value = (f64, Vec<f64>)> {
        let (max, n) = match kind {
            Rate => (10_000u32, 1usize..=12),
            Count => (1_000_000u32, 1usize..=12),
        };
        (1u32..=max, proptest::collection::vec(0u32..=1000, n)).prop_map(move |(t, mut picks)| {
            picks.sort_unstable();
            let t = match kind {
                Rate => f64::from(t) / 100.0,
                Count => f64::from(t),
            };
            let mut values: Vec<f64> = picks
                .iter()
                .map(|p| match kind {
                    Rate => round2(t * f64::from(*p) / 1000.0),
                    Count => (t * f64::from(*p) / 1000.0).ceil(),
                })
                .collect();
            if let Some(last) = values.last_mut() {
                *last = t;
            }
            (t, values)
        })
    }

    fn kind() -> impl Strategy<Value = IndicatorKind> {
        prop_oneof![Just(Rate), Just(Count)]
    }

    fn new_value(kind: IndicatorKind, raw: u32) -> f64 {
        match kind {
            Rate => f64::from(raw % 10_001) / 100.0,
            Count => f64::from(raw),
        }
    }

    proptest! {
        #[test]
        fn the_last_rescaled_milestone_is_the_new_target(
            (k, (t, ms), raw, b) in kind().prop_flat_map(|k| (Just(k), roadmap(k), 0u32..2_000_000, proptest::option::of(0u32..=100)))
        ) {
            let new = new_value(k, raw);
            let out = rescale(k, t, new, b.map(f64::from), &ms);
            prop_assert_eq!(out.len(), ms.len());
            prop_assert_eq!(out.last().copied(), Some(new));
        }

        #[test]
        fn rescaling_keeps_the_order_and_stays_within_the_new_target(
            (k, (t, ms), raw, b) in kind().prop_flat_map(|k| (Just(k), roadmap(k), 0u32..2_000_000, proptest::option::of(0u32..=100)))
        ) {
            let new = new_value(k, raw);
            let out = rescale(k, t, new, b.map(f64::from), &ms);
            for i in 0..ms.len() {
                prop_assert!((0.0..=new).contains(&out[i]), "{} outside 0..={}", out[i], new);
                for j in 0..ms.len() {
                    if ms[i] <= ms[j] {
                        prop_assert!(out[i] <= out[j], "{:?} → {:?}", ms, out);
                    }
                }
            }
        }

        #[test]
        fn rescaled_milestones_are_rounded_like_a_split(
            (k, (t, ms), raw, b) in kind().prop_flat_map(|k| (Just(k), roadmap(k), 0u32..2_000_000, proptest::option::of(0u32..=100)))
        ) {
            let new = new_value(k, raw);
            for v in rescale(k, t, new, b.map(f64::from), &ms) {
                match k {
                    Count => prop_assert_eq!(v.fract(), 0.0),
                    Rate => prop_assert_eq!(round2(v), v),
                }
            }
        }

        #[test]
        fn a_rescaled_roadmap_may_be_kept_under_its_new_target(
            (k, (t, ms), raw, b) in kind().prop_flat_map(|k| (Just(k), roadmap(k), 0u32..2_000_000, proptest::option::of(0u32..=100)))
        ) {
            let new = new_value(k, raw);
            let out = rescale(k, t, new, b.map(f64::from), &ms);
            prop_assert!(check_keep(k, new, b.map(f64::from), &out).is_ok());
        }

        #[test]
        fn rescaling_to_the_same_value_changes_nothing(
            (k, (t, ms), b) in kind().prop_flat_map(|k| (Just(k), roadmap(k), proptest::option::of(0u32..=100)))
        ) {
            prop_assert_eq!(rescale(k, t, t, b.map(f64::from), &ms), ms);
        }
    }
}
