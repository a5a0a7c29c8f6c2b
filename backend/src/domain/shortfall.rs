//! "Cần thêm N hồ sơ": the smallest whole number of numerator dossiers that lifts an
//! indicator below its goal (the level of a THRESHOLD rule, or the milestone in force) to
//! it, the denominator unchanged.

use crate::domain::rollup::Sums;
use serde::{Deserialize, Serialize};
use shared::{Direction, IndicatorKind, ScoringRule, ShortfallGoal};

/// What an indicator below its goal still needs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shortfall {
    /// Numerator dossiers still needed (≥ 1).
    pub dossiers: i64,
    /// The goal: a rate in percent or a count.
    pub goal: f64,
    /// What the goal is.
    pub against: ShortfallGoal,
}

/// Below a THRESHOLD rule's level, the period's rate is lifted to it; otherwise, below the
/// milestone in force, the year-to-date actual is. `None` when the goal is reached, when
/// there is no goal or no denominator, and for lower-is-better indicators (fewer dossiers,
/// not more, reach them).
pub fn shortfall(
    kind: IndicatorKind,
    direction: Direction,
    rule: ScoringRule,
    threshold: Option<f64>,
    period: Sums,
    to_date: Sums,
    milestone: Option<f64>,
) -> Option<Shortfall> {
    if direction == Direction::LowerIsBetter {
        return None;
    }
    let level = threshold.filter(|x| x.is_finite() && *x > 0.0);
    if let (ScoringRule::Threshold, Some(x)) = (rule, level)
        && let Some(n) = needed(kind, period, x)
    {
        return Some(Shortfall {
            dossiers: n,
            goal: x,
            against: ShortfallGoal::Threshold,
        });
    }
    let m = milestone.filter(|m| m.is_finite())?;
    needed(kind, to_date, m).map(|n| Shortfall {
        dossiers: n,
        goal: m,
        against: ShortfallGoal::Milestone,
    })
}

/// Dossiers to add to the numerator of `sums` for its value to reach `goal`; `None` when it
/// already does or a rate has no denominator.
fn needed(kind: IndicatorKind, sums: Sums, goal: f64) -> Option<i64> {
    let numerator = sums.numerator.unwrap_or(0) as f64;
    let missing = match kind {
        IndicatorKind::Rate => {
            let denominator = sums.denominator.filter(|d| *d > 0)? as f64;
            goal.min(100.0) * denominator / 100.0 - numerator
        }
        IndicatorKind::Count => goal - numerator,
    };
    // A goal met up to the rounding of its product is met.
    let n = (missing - 1e-9).ceil();
    (n >= 1.0).then_some(n.min(i64::MAX as f64) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use IndicatorKind::{Count, Rate};
    use proptest::prelude::*;

    fn sums(n: i64, d: i64) -> Sums {
        Sums {
            numerator: Some(n),
            denominator: Some(d),
        }
    }

    fn rate_below(
        rule: ScoringRule,
        threshold: Option<f64>,
        s: Sums,
        milestone: Option<f64>,
    ) -> Option<Shortfall> {
        shortfall(
            Rate,
            Direction::HigherIsBetter,
            rule,
            threshold,
            s,
            s,
            milestone,
        )
    }

    #[test]
    fn the_worked_examples_reuse_rate_needs_20_more_dossiers_for_its_threshold() {
        // REUSED 60 of 100 against THRESHOLD 80: 80 − 60 = 20.
        let s = rate_below(ScoringRule::Threshold, Some(80.0), sums(60, 100), None).unwrap();
        assert_eq!(
            (s.dossiers, s.goal, s.against),
            (20, 80.0, ShortfallGoal::Threshold)
        );
    }

    #[test]
    fn a_fraction_of_a_dossier_is_a_whole_one() {
        // 37.5 % of 7 = 2.625 → 3 dossiers, 1 more than 2.
        let s = rate_below(ScoringRule::Target, None, sums(2, 7), Some(37.5)).unwrap();
        assert_eq!((s.dossiers, s.against), (1, ShortfallGoal::Milestone));
        // Exactly on the goal needs nothing.
        assert_eq!(
            rate_below(ScoringRule::Target, None, sums(3, 8), Some(37.5)),
            None
        );
    }

    #[test]
    fn no_goal_no_denominator_or_lower_is_better_needs_nothing() {
        assert_eq!(
            rate_below(ScoringRule::Proportional, None, sums(1, 10), None),
            None
        );
        assert_eq!(
            rate_below(ScoringRule::Target, None, sums(0, 0), Some(50.0)),
            None
        );
        let lower = shortfall(
            Rate,
            Direction::LowerIsBetter,
            ScoringRule::Target,
            None,
            sums(9, 10),
            sums(9, 10),
            Some(5.0),
        );
        assert_eq!(lower, None);
    }

    #[test]
    fn a_count_needs_the_difference_to_its_milestone() {
        let c = Sums {
            numerator: Some(18),
            denominator: None,
        };
        let s = shortfall(
            Count,
            Direction::HigherIsBetter,
            ScoringRule::Target,
            None,
            c,
            c,
            Some(20.0),
        );
        assert_eq!(s.map(|s| s.dossiers), Some(2));
    }

    proptest! {
        #[test]
        fn the_shortfall_is_the_smallest_number_that_reaches_the_goal(
            d in 1i64..100_000,
            share in 0.0f64..=1.0,
            goal in 0.5f64..=100.0,
        ) {
            let n = ((d as f64) * share).floor() as i64;
            let reaches = |k: i64| (n + k) as f64 * 100.0 / d as f64 >= goal - 1e-9;
            match rate_below(ScoringRule::Threshold, Some(goal), sums(n, d), None) {
                None => prop_assert!(reaches(0)),
                Some(s) => {
                    prop_assert!(s.dossiers >= 1 && n + s.dossiers <= d);
                    prop_assert!(reaches(s.dossiers));
                    prop_assert!(!reaches(s.dossiers - 1));
                }
            }
        }
    }
}
