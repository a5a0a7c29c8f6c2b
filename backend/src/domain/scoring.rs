//! Scoring: the points an indicator earns by its rule, and a unit's score out of 100.

use crate::domain::rollup::round2;
use shared::{Direction, IndicatorKind, ScoringRule};

/// One indicator's input to the score of a unit for a period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScoreInput {
    /// Rate or count.
    pub kind: IndicatorKind,
    /// Whether higher or lower is better.
    pub direction: Direction,
    /// TARGET, PROPORTIONAL or THRESHOLD.
    pub rule: ScoringRule,
    /// The level `x` of a THRESHOLD rule.
    pub threshold: Option<f64>,
    /// The indicator's maximum points.
    pub points: f64,
    /// A rate: the period's value; a count: the year-to-date count. `None` when no data.
    pub actual: Option<f64>,
    /// A rate: the annual target; a count: the milestone in force. `None` without a target.
    pub target: Option<f64>,
}

/// The points earned, within `0..=points`; `None` when the indicator is left out of both the
/// earned and the available points (no actual; a COUNT without a target under TARGET; a
/// COUNT under PROPORTIONAL).
///
/// - `TARGET`: `points × min(1, actual / target)`, full points when the target is ≤ 0;
///   lower-is-better `points × min(1, target / actual)`, full points when the actual is ≤ 0.
///   Without a target a rate is scored `PROPORTIONAL`.
/// - `PROPORTIONAL` (rates): `points × actual / 100`; lower-is-better
///   `points × (100 − actual) / 100`.
/// - `THRESHOLD(x)`: `points × min(1, actual / x)`; lower-is-better
///   `points × min(1, x / actual)` (full points at or below `x`). A missing or non-positive
///   `x` is reached by any positive actual (higher-is-better) or only by 0
///   (lower-is-better).
pub fn indicator_points(i: &ScoreInput) -> Option<f64> {
    let actual = i.actual.filter(|a| a.is_finite())?;
    let lower = i.direction == Direction::LowerIsBetter;
    let share = match (i.rule, i.target, i.kind) {
        (ScoringRule::Target, Some(target), _) => {
            if lower {
                against(target, actual)
            } else {
                against(actual, target)
            }
        }
        (ScoringRule::Target | ScoringRule::Proportional, _, IndicatorKind::Count) => return None,
        (ScoringRule::Target | ScoringRule::Proportional, _, IndicatorKind::Rate) => {
            if lower {
                (100.0 - actual) / 100.0
            } else {
                actual / 100.0
            }
        }
        (ScoringRule::Threshold, _, _) => {
            let x = i
                .threshold
                .filter(|x| x.is_finite() && *x > 0.0)
                .unwrap_or(0.0);
            if lower {
                against(x, actual)
            } else if x > 0.0 {
                actual / x
            } else if actual > 0.0 {
                1.0
            } else {
                0.0
            }
        }
    };
    let max = if i.points.is_finite() {
        i.points.max(0.0)
    } else {
        0.0
    };
    let share = if share.is_nan() {
        0.0
    } else {
        share.clamp(0.0, 1.0)
    };
    Some(max * share)
}

/// `achieved / required`, full when nothing is required; used both ways round.
fn against(achieved: f64, required: f64) -> f64 {
    if required <= 0.0 {
        1.0
    } else {
        achieved / required
    }
}

/// `100 × earned / available` rounded to 2 decimals and kept within 0–100; `None` when no
/// points are available.
pub fn score(earned: f64, available: f64) -> Option<f64> {
    if available.is_nan() || available <= 0.0 || !earned.is_finite() {
        return None;
    }
    Some(round2((100.0 * earned / available).clamp(0.0, 100.0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::{HigherIsBetter as Higher, LowerIsBetter as Lower};
    use IndicatorKind::{Count, Rate};
    use ScoringRule::{Proportional, Target, Threshold};
    use proptest::prelude::*;

    fn input(
        kind: IndicatorKind,
        rule: ScoringRule,
        actual: Option<f64>,
        target: Option<f64>,
    ) -> ScoreInput {
        ScoreInput {
            kind,
            direction: Higher,
            rule,
            threshold: None,
            points: 15.0,
            actual,
            target,
        }
    }

    fn lower(i: ScoreInput) -> ScoreInput {
        ScoreInput {
            direction: Lower,
            ..i
        }
    }

    fn threshold(x: Option<f64>, actual: f64) -> ScoreInput {
        ScoreInput {
            threshold: x,
            points: 10.0,
            ..input(Rate, Threshold, Some(actual), None)
        }
    }

    #[test]
    fn worked_example_earns_12_50_of_15() {
        let p = indicator_points(&input(Rate, Target, Some(50.0), Some(60.0))).unwrap();
        assert!((p - 12.5).abs() < 1e-9);
    }

    #[test]
    fn target_caps_at_full_points() {
        assert_eq!(
            indicator_points(&input(Rate, Target, Some(70.0), Some(60.0))),
            Some(15.0)
        );
        assert_eq!(
            indicator_points(&input(Count, Target, Some(30.0), Some(20.0))),
            Some(15.0)
        );
        assert_eq!(
            indicator_points(&input(Count, Target, Some(10.0), Some(20.0))),
            Some(7.5)
        );
    }

    #[test]
    fn a_zero_target_gives_full_points() {
        assert_eq!(
            indicator_points(&input(Count, Target, Some(0.0), Some(0.0))),
            Some(15.0)
        );
    }

    #[test]
    fn lower_is_better_target_inverts_the_ratio() {
        let cases = [
            (Rate, 20.0, 10.0, 7.5),
            (Rate, 5.0, 10.0, 15.0),
            (Rate, 0.0, 10.0, 15.0),
            (Rate, 0.0, 0.0, 15.0),
            (Count, 4.0, 0.0, 0.0),
        ];
        for (kind, actual, target, points) in cases {
            assert_eq!(
                indicator_points(&lower(input(kind, Target, Some(actual), Some(target)))),
                Some(points),
                "{kind:?}: {actual} against {target}"
            );
        }
    }

    #[test]
    fn without_a_target_a_rate_is_proportional_and_a_count_is_left_out() {
        assert_eq!(
            indicator_points(&input(Rate, Target, Some(40.0), None)),
            Some(6.0)
        );
        assert_eq!(
            indicator_points(&input(Count, Target, Some(40.0), None)),
            None
        );
    }

    #[test]
    fn proportional_scores_rates_only() {
        assert_eq!(
            indicator_points(&input(Rate, Proportional, Some(80.0), Some(99.0))),
            Some(12.0)
        );
        assert_eq!(
            indicator_points(&lower(input(Rate, Proportional, Some(20.0), None))),
            Some(12.0)
        );
        assert_eq!(
            indicator_points(&input(Count, Proportional, Some(80.0), None)),
            None
        );
    }

    #[test]
    fn threshold_gives_full_points_once_reached() {
        assert_eq!(indicator_points(&threshold(Some(80.0), 90.0)), Some(10.0));
        assert_eq!(indicator_points(&threshold(Some(80.0), 80.0)), Some(10.0));
        assert_eq!(indicator_points(&threshold(Some(80.0), 40.0)), Some(5.0));
        assert_eq!(
            indicator_points(&lower(threshold(Some(10.0), 20.0))),
            Some(5.0)
        );
        assert_eq!(
            indicator_points(&lower(threshold(Some(10.0), 10.0))),
            Some(10.0)
        );
    }

    #[test]
    fn a_missing_or_non_positive_threshold_is_reached_by_any_positive_actual() {
        assert_eq!(indicator_points(&threshold(None, 0.5)), Some(10.0));
        assert_eq!(indicator_points(&threshold(Some(0.0), 0.0)), Some(0.0));
        assert_eq!(indicator_points(&threshold(Some(-5.0), 3.0)), Some(10.0));
        assert_eq!(indicator_points(&lower(threshold(None, 0.0))), Some(10.0));
        assert_eq!(indicator_points(&lower(threshold(None, 1.0))), Some(0.0));
    }

    #[test]
    fn no_actual_is_left_out_whatever_the_rule() {
        for rule in [Target, Proportional, Threshold] {
            assert_eq!(indicator_points(&input(Rate, rule, None, Some(60.0))), None);
        }
    }

    #[test]
    fn score_is_a_rounded_percentage_of_available_points() {
        assert_eq!(score(12.5, 15.0), Some(83.33));
        assert_eq!(score(2.0, 3.0), Some(66.67));
        assert_eq!(score(0.0, 10.0), Some(0.0));
        assert_eq!(score(0.0, 0.0), None);
    }

    fn any_rule() -> impl Strategy<Value = ScoringRule> {
        prop_oneof![Just(Target), Just(Proportional), Just(Threshold)]
    }

    proptest! {
        #[test]
        fn points_stay_within_zero_and_the_maximum(
            rate in any::<bool>(),
            is_lower in any::<bool>(),
            rule in any_rule(),
            threshold in proptest::option::of(-10.0f64..150.0),
            points in 0.0f64..50.0,
            actual in proptest::option::of(0.0f64..1e6),
            target in proptest::option::of(-10.0f64..1e6),
        ) {
            let i = ScoreInput {
                kind: if rate { Rate } else { Count },
                direction: if is_lower { Lower } else { Higher },
                rule, threshold, points, actual, target,
            };
            if let Some(p) = indicator_points(&i) {
                prop_assert!((0.0..=points).contains(&p), "{p} of {points}");
            }
        }

        #[test]
        fn a_score_stays_within_0_and_100(available in 0.001f64..1000.0, share in 0.0f64..=1.0) {
            let s = score(available * share, available).unwrap();
            prop_assert!((0.0..=100.0).contains(&s));
        }
    }
}
