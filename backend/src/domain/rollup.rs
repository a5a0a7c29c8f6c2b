//! Roll-up arithmetic: rounding for display, rates from summed integers, indicator values,
//! in-memory subtree totals and cumulative monthly sums (the reference for database roll-ups).

use shared::IndicatorKind;
use std::collections::HashMap;

/// Relative nudge applied before rounding so that a value whose exact decimal form ends in
/// 5 (say 1.005, stored as 1.00499999…) rounds away from zero. Rates come from integers and
/// carry at most a few ulps (~1e-16 relative) of error, far below this; two rationals with
/// denominators below 10^8 never fall this close to a rounding boundary without being on it.
const ROUNDING_NUDGE: f64 = 1e-13;

/// Rounds to 2 decimals, half away from zero (`1.005 → 1.01`, `-2.675 → -2.68`).
/// Non-finite values are returned unchanged.
pub fn round2(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let scaled = x * 100.0;
    let nudged = scaled + scaled.signum() * scaled.abs() * ROUNDING_NUDGE;
    nudged.round() / 100.0
}

/// `numerator / denominator` in percent, unrounded; `None` when the denominator is 0
/// ("no dossiers" is neither 0 % nor 100 %).
pub fn rate(numerator: i64, denominator: i64) -> Option<f64> {
    if denominator == 0 {
        return None;
    }
    // One rounding for the product (exact below 2^46) and one for the division.
    Some(numerator as f64 * 100.0 / denominator as f64)
}

/// The value of an indicator from its summed measures: a rate in percent (`None` when either
/// sum is missing or the denominator is 0) or, for a count, the numerator itself.
pub fn indicator_value(
    kind: IndicatorKind,
    numerator: Option<i64>,
    denominator: Option<i64>,
) -> Option<f64> {
    match kind {
        IndicatorKind::Rate => rate(numerator?, denominator?),
        IndicatorKind::Count => numerator.map(|n| n as f64),
    }
}

/// Summed numerator and denominator measures of one indicator over some months and units;
/// `None` means nothing was reported (which is not 0).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Sums {
    /// Sum of the numerator measure, `None` when no value was reported.
    pub numerator: Option<i64>,
    /// Sum of the denominator measure, `None` when no value was reported (or for a count).
    pub denominator: Option<i64>,
}

impl Sums {
    /// Adds two sums; a missing side leaves the other unchanged.
    pub fn plus(self, other: Sums) -> Sums {
        Sums {
            numerator: add_reported(self.numerator, other.numerator),
            denominator: add_reported(self.denominator, other.denominator),
        }
    }

    /// The indicator value of these sums (see [`indicator_value`]).
    pub fn value(self, kind: IndicatorKind) -> Option<f64> {
        indicator_value(kind, self.numerator, self.denominator)
    }
}

fn add_reported(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.saturating_add(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Each unit's total over months `first_month..=last_month`: its own values plus those of all
/// its descendants. `parent_of` maps every unit to its parent (`None` for a root); `own`
/// lists `(unit, month, value)` reports. Every unit of `parent_of` appears in the result
/// (0 when nothing was reported in its subtree). A cycle in `parent_of` is cut after one turn.
pub fn subtree_totals(
    parent_of: &HashMap<i32, Option<i32>>,
    own: &[(i32, u32, i64)],
    first_month: u32,
    last_month: u32,
) -> HashMap<i32, i64> {
    let mut totals: HashMap<i32, i64> = parent_of.keys().map(|&u| (u, 0)).collect();
    let months = first_month..=last_month;
    for &(unit, _, value) in own.iter().filter(|(_, m, _)| months.contains(m)) {
        let mut current = Some(unit);
        let mut steps = 0;
        while let Some(u) = current {
            *totals.entry(u).or_insert(0) += value;
            steps += 1;
            if steps > parent_of.len() {
                break;
            }
            current = parent_of.get(&u).copied().flatten();
        }
    }
    totals
}

/// Running totals of twelve monthly values (`None` counts as 0): `cum[m-1]` is the sum of
/// months `1..=m`.
pub fn cumulative(monthly: &[Option<i64>; 12]) -> [i64; 12] {
    let mut cum = [0i64; 12];
    let mut running = 0i64;
    for (slot, value) in cum.iter_mut().zip(monthly) {
        running = running.saturating_add(value.unwrap_or(0));
        *slot = running;
    }
    cum
}

/// The sum of months `first..=last` read from running totals:
/// `cum[last-1] − cum[first-2]` (or `cum[last-1]` when `first` is 1). Months are clamped to
/// 1–12; an empty range gives 0.
pub fn range_from_cumulative(cum: &[i64; 12], first: u32, last: u32) -> i64 {
    let first = first.max(1);
    let last = last.min(12);
    if first > last {
        return 0;
    }
    let through = |month: u32| -> i64 {
        match month {
            0 => 0,
            m => cum.get(m as usize - 1).copied().unwrap_or(0),
        }
    };
    through(last) - through(first - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn round2_rounds_half_away_from_zero() {
        assert_eq!(round2(1.005), 1.01);
        assert_eq!(round2(2.675), 2.68);
        assert_eq!(round2(-2.675), -2.68);
        assert_eq!(round2(0.125), 0.13);
        assert_eq!(round2(37.5), 37.5);
        assert_eq!(round2(33.333_333), 33.33);
        assert_eq!(round2(66.666_666), 66.67);
        assert_eq!(round2(0.0), 0.0);
    }

    #[test]
    fn round2_of_an_exact_three_decimal_rate_rounds_up() {
        // 2469 / 20000 = 12.345 % exactly.
        assert_eq!(round2(rate(2469, 20000).unwrap()), 12.35);
    }

    #[test]
    fn rate_uses_summed_integers_not_a_mean_of_months() {
        // Worked example: 150 / 300, not the mean of 40 %, 50 %, 62.5 %.
        assert_eq!(rate(40 + 60 + 50, 100 + 120 + 80), Some(50.0));
        assert_eq!(rate(290, 1000), Some(29.0));
    }

    #[test]
    fn a_zero_denominator_is_no_rate() {
        assert_eq!(rate(0, 0), None);
        assert_eq!(indicator_value(IndicatorKind::Rate, Some(0), Some(0)), None);
    }

    #[test]
    fn a_rate_needs_both_measures_but_a_count_only_its_numerator() {
        assert_eq!(indicator_value(IndicatorKind::Rate, Some(5), None), None);
        assert_eq!(indicator_value(IndicatorKind::Rate, None, Some(5)), None);
        assert_eq!(
            indicator_value(IndicatorKind::Rate, Some(1), Some(4)),
            Some(25.0)
        );
        assert_eq!(
            indicator_value(IndicatorKind::Count, Some(7), None),
            Some(7.0)
        );
        assert_eq!(indicator_value(IndicatorKind::Count, None, Some(7)), None);
        assert_eq!(
            indicator_value(IndicatorKind::Count, Some(0), None),
            Some(0.0)
        );
    }

    #[test]
    fn sums_add_only_what_was_reported() {
        let a = Sums {
            numerator: Some(3),
            denominator: None,
        };
        let b = Sums {
            numerator: Some(4),
            denominator: Some(10),
        };
        assert_eq!(
            a.plus(b),
            Sums {
                numerator: Some(7),
                denominator: Some(10)
            }
        );
        assert_eq!(Sums::default().plus(Sums::default()), Sums::default());
        assert_eq!(a.plus(b).value(IndicatorKind::Rate), Some(70.0));
    }

    #[test]
    fn province_total_includes_both_communes_and_its_own_reports() {
        let parent_of = HashMap::from([(1, None), (2, Some(1)), (3, Some(1))]);
        let own = [
            (2, 1, 100),
            (2, 2, 120),
            (2, 3, 80),
            (3, 2, 700),
            (1, 3, 5),
            (2, 4, 999), // outside Q1
        ];
        let totals = subtree_totals(&parent_of, &own, 1, 3);
        assert_eq!(totals[&1], 1005);
        assert_eq!(totals[&2], 300);
        assert_eq!(totals[&3], 700);
    }

    #[test]
    fn a_unit_without_reports_totals_zero() {
        let parent_of = HashMap::from([(1, None), (2, Some(1))]);
        let totals = subtree_totals(&parent_of, &[], 1, 12);
        assert_eq!(totals[&1], 0);
        assert_eq!(totals[&2], 0);
    }

    #[test]
    fn cumulative_treats_missing_months_as_zero() {
        let mut monthly = [None; 12];
        monthly[0] = Some(10);
        monthly[2] = Some(5);
        let cum = cumulative(&monthly);
        assert_eq!(&cum[..4], &[10, 10, 15, 15]);
        assert_eq!(cum[11], 15);
        assert_eq!(range_from_cumulative(&cum, 2, 3), 5);
        assert_eq!(range_from_cumulative(&cum, 1, 1), 10);
    }

    #[test]
    fn an_empty_or_out_of_range_month_span_is_clamped() {
        let cum = cumulative(&[Some(1); 12]);
        assert_eq!(range_from_cumulative(&cum, 5, 4), 0);
        assert_eq!(range_from_cumulative(&cum, 0, 13), 12);
    }

    /// A forest in which unit `i` (1-based) has a parent among units `1..i` or none.
    fn forest() -> impl Strategy<Value = HashMap<i32, Option<i32>>> {
        proptest::collection::vec(any::<Option<prop::sample::Index>>(), 1..25).prop_map(|picks| {
            picks
                .iter()
                .enumerate()
                .map(|(i, pick)| {
                    let unit = i as i32 + 1;
                    let parent = match pick {
                        Some(ix) if i > 0 => Some(ix.index(i) as i32 + 1),
                        _ => None,
                    };
                    (unit, parent)
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn a_parent_totals_its_own_figures_plus_each_childs_total(
            parent_of in forest(),
            raw in proptest::collection::vec((1i32..25, 1u32..=12, 0i64..10_000), 0..80),
            first in 1u32..=12,
            len in 0u32..12,
        ) {
            let last = (first + len).min(12);
            let own: Vec<_> = raw.into_iter().filter(|(u, _, _)| parent_of.contains_key(u)).collect();
            let totals = subtree_totals(&parent_of, &own, first, last);
            for (&unit, _) in parent_of.iter() {
                let own_sum: i64 = own
                    .iter()
                    .filter(|(u, m, _)| *u == unit && (first..=last).contains(m))
                    .map(|(_, _, v)| v)
                    .sum();
                let children_sum: i64 = parent_of
                    .iter()
                    .filter(|(_, p)| **p == Some(unit))
                    .map(|(c, _)| totals[c])
                    .sum();
                prop_assert_eq!(totals[&unit], own_sum + children_sum);
            }
        }

        #[test]
        fn a_rate_of_a_part_lies_between_0_and_100(den in 1i64..10_000_000, frac in 0.0f64..=1.0) {
            let num = ((den as f64) * frac).floor() as i64;
            let r = rate(num, den).unwrap();
            prop_assert!((0.0..=100.0).contains(&r));
            prop_assert!((0.0..=100.0).contains(&round2(r)));
        }

        #[test]
        fn range_from_cumulative_equals_a_direct_sum(
            monthly in proptest::array::uniform12(proptest::option::of(0i64..1_000_000)),
            first in 1u32..=12,
            len in 0u32..12,
        ) {
            let last = (first + len).min(12);
            let direct: i64 = (first..=last).map(|m| monthly[m as usize - 1].unwrap_or(0)).sum();
            prop_assert_eq!(range_from_cumulative(&cumulative(&monthly), first, last), direct);
        }

        #[test]
        fn round2_is_within_half_a_hundredth(x in -1.0e4f64..1.0e4) {
            prop_assert!((round2(x) - x).abs() <= 0.005 + 1e-8);
        }
    }
}
