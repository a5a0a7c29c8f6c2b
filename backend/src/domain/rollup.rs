//! Roll-up arithmetic: rounding for display, rates from summed integers, indicator values,
//! cumulative monthly sums and the year-to-date changes that the database roll-ups store.

use shared::IndicatorKind;
use std::collections::{BTreeMap, HashMap};

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

/// A change of (or the year-to-date state of) one measure of one unit in one month: the sum
/// of every saved value and of the approved ones, with the number of values behind each sum.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delta {
    /// Sum of every value.
    pub total: i64,
    /// Number of values.
    pub count: i64,
    /// Sum of approved values.
    pub approved_total: i64,
    /// Number of approved values.
    pub approved_count: i64,
}

impl Delta {
    /// Whether nothing changes.
    pub fn is_zero(&self) -> bool {
        *self == Delta::default()
    }

    /// The opposite change.
    pub fn negated(self) -> Delta {
        Delta::default().minus(self)
    }

    /// Saving `new` where `old` was stored (`None`: nothing was).
    pub fn saved(old: Option<i64>, new: i64) -> Delta {
        Delta {
            total: new - old.unwrap_or(0),
            count: i64::from(old.is_none()),
            ..Delta::default()
        }
    }

    /// A stored `value` entering (`sign` 1) or leaving (`sign` −1) the approved sums.
    pub fn approval(value: i64, sign: i64) -> Delta {
        Delta {
            approved_total: sign * value,
            approved_count: sign,
            ..Delta::default()
        }
    }
}

/// A quantity that adds up month by month: a plain sum or a roll-up [`Delta`].
pub trait Running: Copy + Default {
    /// `self + other` (saturating for plain sums).
    fn plus(self, other: Self) -> Self;
    /// `self − other`.
    fn minus(self, other: Self) -> Self;
}

impl Running for i64 {
    fn plus(self, other: i64) -> i64 {
        self.saturating_add(other)
    }
    fn minus(self, other: i64) -> i64 {
        self.saturating_sub(other)
    }
}

impl Running for Delta {
    fn plus(self, o: Delta) -> Delta {
        Delta {
            total: self.total + o.total,
            count: self.count + o.count,
            approved_total: self.approved_total + o.approved_total,
            approved_count: self.approved_count + o.approved_count,
        }
    }
    fn minus(self, o: Delta) -> Delta {
        Delta {
            total: self.total - o.total,
            count: self.count - o.count,
            approved_total: self.approved_total - o.approved_total,
            approved_count: self.approved_count - o.approved_count,
        }
    }
}

/// Running totals of twelve monthly values (`None` counts as 0): `cum[m-1]` is the sum of
/// months `1..=m`.
pub fn cumulative<T: Running>(monthly: &[Option<T>; 12]) -> [T; 12] {
    let mut cum = [T::default(); 12];
    let mut running = T::default();
    for (slot, value) in cum.iter_mut().zip(monthly) {
        running = running.plus(value.unwrap_or_default());
        *slot = running;
    }
    cum
}

/// The sum of months `first..=last` read from running totals, `through(m)` being the sum of
/// months `1..=m`: `through(last) − through(first − 1)` (or `through(last)` when `first` is
/// 1). Months are clamped to 1–12; an empty range gives 0. `through` is asked only for
/// months 1–12.
pub fn range_from_cumulative<T: Running>(through: impl Fn(u32) -> T, first: u32, last: u32) -> T {
    let first = first.max(1);
    let last = last.min(12);
    if first > last {
        return T::default();
    }
    let before = if first == 1 {
        T::default()
    } else {
        through(first - 1)
    };
    through(last).minus(before)
}

/// Key of a year-to-date roll-up row: (unit, measure, year, month), raw ids.
pub type RollupKey = (i32, i32, i32, i32);

/// The year-to-date changes of monthly changes: each `((unit, measure, year), month, delta)`
/// counts for every unit `ancestors(unit, year, month)` gives (the unit itself included: the
/// units counting that month of its figures) in its month and every later month of the
/// year. Rows that do not change are left out; the map is in key order (the order writers
/// lock rows in).
pub fn ytd_changes<I: IntoIterator<Item = i32>>(
    monthly: impl IntoIterator<Item = ((i32, i32, i32), u32, Delta)>,
    ancestors: impl Fn(i32, i32, u32) -> I,
) -> BTreeMap<RollupKey, Delta> {
    let mut per_ancestor: HashMap<(i32, i32, i32), [Option<Delta>; 12]> = HashMap::new();
    for ((unit, measure, year), month, d) in monthly {
        let Some(m) = (month as usize).checked_sub(1).filter(|m| *m < 12) else {
            continue;
        };
        for a in ancestors(unit, year, month) {
            let slot = &mut per_ancestor.entry((a, measure, year)).or_default()[m];
            *slot = Some(slot.unwrap_or_default().plus(d));
        }
    }
    let mut rows = BTreeMap::new();
    for ((a, measure, year), months) in per_ancestor {
        for (i, d) in cumulative(&months).into_iter().enumerate() {
            if !d.is_zero() {
                rows.insert((a, measure, year, i as i32 + 1), d);
            }
        }
    }
    rows
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

    /// Reads running totals stored as an array (`cum[m-1]` = months `1..=m`).
    fn through(cum: &[i64; 12]) -> impl Fn(u32) -> i64 + '_ {
        move |m| cum[m as usize - 1]
    }

    /// Ancestors (the unit itself first) from a parent map.
    fn chain(parent_of: &HashMap<i32, Option<i32>>) -> HashMap<i32, Vec<i32>> {
        parent_of
            .keys()
            .map(|&u| {
                let mut up = vec![u];
                while let Some(Some(p)) = up.last().and_then(|l| parent_of.get(l)) {
                    up.push(*p);
                }
                (u, up)
            })
            .collect()
    }

    /// Each unit's total over months `first..=last` of `own` `(unit, month, value)` reports.
    fn subtree_totals(
        parent_of: &HashMap<i32, Option<i32>>,
        own: &[(i32, u32, i64)],
        first: u32,
        last: u32,
    ) -> HashMap<i32, i64> {
        let up = chain(parent_of);
        let rows = ytd_changes(
            own.iter().map(|&(u, m, v)| {
                let d = Delta {
                    total: v,
                    count: 1,
                    ..Delta::default()
                };
                ((u, 7, 2023), m, d)
            }),
            |u, _, _| up.get(&u).cloned().unwrap_or_default(),
        );
        let rows = &rows;
        let ytd = |u: i32| move |m: u32| rows.get(&(u, 7, 2023, m as i32)).map_or(0, |d| d.total);
        parent_of
            .keys()
            .map(|&u| (u, range_from_cumulative(ytd(u), first, last)))
            .collect()
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
    fn a_change_reaches_every_ancestor_from_its_month_to_december() {
        let rows = ytd_changes(
            [(
                (3, 7, 2023),
                10,
                Delta {
                    total: 5,
                    count: 1,
                    ..Delta::default()
                },
            )],
            |_, _, _| [3, 1],
        );
        assert_eq!(rows.len(), 6);
        assert_eq!(rows[&(1, 7, 2023, 12)].total, 5);
        assert!(!rows.contains_key(&(3, 7, 2023, 9)));
    }

    #[test]
    fn cumulative_treats_missing_months_as_zero() {
        let mut monthly = [None; 12];
        monthly[0] = Some(10);
        monthly[2] = Some(5);
        let cum = cumulative(&monthly);
        assert_eq!(&cum[..4], &[10, 10, 15, 15]);
        assert_eq!(cum[11], 15);
        assert_eq!(range_from_cumulative(through(&cum), 2, 3), 5);
        assert_eq!(range_from_cumulative(through(&cum), 1, 1), 10);
    }

    #[test]
    fn an_empty_or_out_of_range_month_span_is_clamped() {
        let cum = cumulative(&[Some(1); 12]);
        assert_eq!(range_from_cumulative(through(&cum), 5, 4), 0);
        assert_eq!(range_from_cumulative(through(&cum), 0, 13), 12);
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
            prop_assert_eq!(range_from_cumulative(through(&cumulative(&monthly)), first, last), direct);
        }

        #[test]
        fn round2_is_within_half_a_hundredth(x in -1.0e4f64..1.0e4) {
            prop_assert!((round2(x) - x).abs() <= 0.005 + 1e-8);
        }
    }
}
