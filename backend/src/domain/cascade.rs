//! Cascade checks: how far the targets of a unit's direct children (or of its staff) fall
//! short of the unit's own target.

use crate::domain::rollup::round2;
use shared::IndicatorKind;

/// A direct child's target for the same indicator and year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChildTarget {
    /// The child's annual target.
    pub value: f64,
    /// The child's summed denominator measure over the previous year, `None` when it has none.
    pub weight: Option<i64>,
}

/// The shortfall of the children's targets against `parent_target`, rounded to 2 decimals:
/// counts `max(0, t − Σ child)`; rates `max(0, t − Σ(v·w) / Σw)`, every weight being 1 when
/// any child has no weight or the weights do not sum to a positive number (negative weights
/// count as 0). `None` when there are no children.
pub fn cascade_gap(
    kind: IndicatorKind,
    parent_target: f64,
    children: &[ChildTarget],
) -> Option<f64> {
    if children.is_empty() {
        return None;
    }
    let covered = match kind {
        IndicatorKind::Count => children.iter().map(|c| c.value).sum(),
        IndicatorKind::Rate => weighted_mean(children),
    };
    Some(round2((parent_target - covered).max(0.0)))
}

/// The shortfall of personal targets against the unit's target: counts against their sum,
/// rates against their plain average; rounded to 2 decimals, `None` when there are none.
pub fn staff_gap(kind: IndicatorKind, parent_target: f64, values: &[f64]) -> Option<f64> {
    let unweighted: Vec<ChildTarget> = values
        .iter()
        .map(|&value| ChildTarget {
            value,
            weight: None,
        })
        .collect();
    cascade_gap(kind, parent_target, &unweighted)
}

fn weighted_mean(children: &[ChildTarget]) -> f64 {
    let weights: Option<Vec<f64>> = children
        .iter()
        .map(|c| c.weight.map(|w| w.max(0) as f64))
        .collect();
    let weights = match weights {
        Some(w) if w.iter().sum::<f64>() > 0.0 => w,
        _ => vec![1.0; children.len()],
    };
    let total: f64 = weights.iter().sum();
    let weighted: f64 = children
        .iter()
        .zip(&weights)
        .map(|(c, w)| c.value * w)
        .sum();
    weighted / total
}

#[cfg(test)]
mod tests {
    use super::*;
    use IndicatorKind::{Count, Rate};
    use proptest::prelude::*;

    fn child(value: f64, weight: Option<i64>) -> ChildTarget {
        ChildTarget { value, weight }
    }

    #[test]
    fn no_children_is_no_gap() {
        assert_eq!(cascade_gap(Rate, 60.0, &[]), None);
        assert_eq!(staff_gap(Count, 10.0, &[]), None);
    }

    #[test]
    fn counts_compare_with_the_sum_of_the_children() {
        assert_eq!(
            cascade_gap(Count, 100.0, &[child(30.0, None), child(50.0, None)]),
            Some(20.0)
        );
        assert_eq!(
            cascade_gap(Count, 100.0, &[child(60.0, None), child(50.0, None)]),
            Some(0.0)
        );
    }

    #[test]
    fn rates_compare_with_the_mean_weighted_by_last_years_denominator() {
        // (50 × 300 + 70 × 100) / 400 = 55.
        let children = [child(50.0, Some(300)), child(70.0, Some(100))];
        assert_eq!(cascade_gap(Rate, 60.0, &children), Some(5.0));
    }

    #[test]
    fn a_child_without_a_weight_makes_every_weight_one() {
        let children = [child(50.0, Some(300)), child(70.0, None)];
        assert_eq!(cascade_gap(Rate, 65.0, &children), Some(5.0));
        let all_zero = [child(50.0, Some(0)), child(70.0, Some(0))];
        assert_eq!(cascade_gap(Rate, 65.0, &all_zero), Some(5.0));
    }

    #[test]
    fn a_child_with_zero_weight_among_weighted_ones_does_not_count() {
        let children = [child(50.0, Some(0)), child(70.0, Some(100))];
        assert_eq!(cascade_gap(Rate, 65.0, &children), Some(0.0));
    }

    #[test]
    fn the_gap_is_rounded_to_two_decimals() {
        // Mean of 60, 60, 59.99 = 59.9966… → gap 0.0033… → 0.00.
        let children = [child(60.0, None), child(60.0, None), child(59.99, None)];
        assert_eq!(cascade_gap(Rate, 60.0, &children), Some(0.0));
        // Mean of 50, 50, 50.01 = 50.0033… → gap 9.9966… → 10.00.
        let children = [child(50.0, None), child(50.0, None), child(50.01, None)];
        assert_eq!(cascade_gap(Rate, 60.0, &children), Some(10.0));
    }

    #[test]
    fn staff_targets_sum_for_counts_and_average_for_rates() {
        assert_eq!(staff_gap(Count, 10.0, &[3.0, 4.0]), Some(3.0));
        assert_eq!(staff_gap(Rate, 60.0, &[50.0, 60.0]), Some(5.0));
        assert_eq!(staff_gap(Rate, 60.0, &[70.0, 60.0]), Some(0.0));
    }

    proptest! {
        #[test]
        fn the_gap_is_never_negative(
            t in 0.0f64..=100.0,
            children in proptest::collection::vec((0.0f64..=100.0, proptest::option::of(0i64..100_000)), 1..10),
            is_rate in any::<bool>(),
        ) {
            let kind = if is_rate { Rate } else { Count };
            let children: Vec<_> = children.into_iter().map(|(v, w)| child(v, w)).collect();
            let gap = cascade_gap(kind, t, &children).unwrap();
            prop_assert!(gap >= 0.0);
            prop_assert!(gap <= round2(t));
        }

        #[test]
        fn children_at_or_above_a_rate_target_leave_no_gap(
            t in 0.0f64..=100.0,
            children in proptest::collection::vec((0.0f64..=1.0, proptest::option::of(0i64..100_000)), 1..10),
        ) {
            let children: Vec<_> = children.into_iter().map(|(f, w)| child(t + (100.0 - t) * f, w)).collect();
            prop_assert_eq!(cascade_gap(Rate, t, &children), Some(0.0));
        }

        #[test]
        fn children_summing_to_a_count_target_leave_no_gap(
            parts in proptest::collection::vec(0u32..100_000, 1..10),
            spare in 0u32..100,
        ) {
            let sum: u32 = parts.iter().sum();
            let t = f64::from(sum.saturating_sub(spare));
            let children: Vec<_> = parts.iter().map(|&p| child(f64::from(p), None)).collect();
            prop_assert_eq!(cascade_gap(Count, t, &children), Some(0.0));
        }
    }
}
