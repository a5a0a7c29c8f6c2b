//! The portal's official figures over a period and how they compare with ours (QD766.md,
//! "Official figures"): over more than a month the numerators and denominators are summed,
//! the rate is their ratio and the score is the indicator's rule applied to it; a single
//! month keeps the file's own score. A difference over 0.5 percentage points or 0.5 points
//! is flagged.

use crate::domain::results::{Evaluation, IndicatorSpec};
use crate::domain::rollup::{Sums, round2};
use crate::domain::scoring::{ScoreInput, indicator_points};
use serde::{Deserialize, Serialize};
use shared::{IndicatorKind, NoDataRule};

/// The largest difference (percentage points of a rate, or points of a score) that is not
/// flagged.
pub const TOLERANCE: f64 = 0.5;

/// One month of official figures of a unit and indicator, as imported.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OfficialMonth {
    pub numerator: Option<i64>,
    pub denominator: Option<i64>,
    pub score: Option<f64>,
    pub max_score: Option<f64>,
}

/// The official figure of a unit and indicator for a period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OfficialFigure {
    pub numerator: Option<i64>,
    pub denominator: Option<i64>,
    /// The rate in percent (or the count), unrounded.
    pub value: Option<f64>,
    pub score: Option<f64>,
    pub max_score: Option<f64>,
}

/// The official figure over `months` (those of the period that were imported); `spec` scores
/// a period longer than a month. `None` when no month was imported.
pub fn over_period(
    months: &[OfficialMonth],
    single_month: bool,
    spec: &IndicatorSpec,
) -> Option<OfficialFigure> {
    let first = months.first()?;
    let sums = months.iter().fold(Sums::default(), |acc, m| {
        acc.plus(Sums {
            numerator: m.numerator,
            denominator: m.denominator,
        })
    });
    let value = sums.value(spec.kind);
    let (score, max_score) = if single_month && months.len() == 1 {
        (first.score, first.max_score)
    } else {
        (rule_score(spec, value), Some(spec.points))
    };
    Some(OfficialFigure {
        numerator: sums.numerator,
        denominator: sums.denominator,
        value,
        score,
        max_score,
    })
}

/// The indicator's rule applied to an official rate (no target: the national index scores
/// rates by their rule alone); without a rate, what its `no_data` rule gives.
fn rule_score(spec: &IndicatorSpec, value: Option<f64>) -> Option<f64> {
    match value {
        Some(_) => indicator_points(&ScoreInput {
            kind: spec.kind,
            direction: spec.direction,
            rule: spec.rule,
            threshold: spec.threshold,
            points: spec.points,
            actual: value,
            target: None,
        }),
        None => match (spec.kind, spec.no_data) {
            (IndicatorKind::Rate, NoDataRule::Full) => Some(spec.points.max(0.0)),
            (IndicatorKind::Rate, NoDataRule::Zero) => Some(0.0),
            _ => None,
        },
    }
}

/// How ours compares with the official figure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Comparison {
    /// Our rate minus the official one, in percentage points (rounded to 2 decimals).
    pub value_difference: Option<f64>,
    /// Our points minus the official score (rounded to 2 decimals).
    pub score_difference: Option<f64>,
    /// Either difference is over [`TOLERANCE`], or only one side has a value.
    pub differs: bool,
}

/// Compares our value and points with the official figure. One side with a value and the
/// other without is a difference too.
pub fn compare(
    our_value: Option<f64>,
    our_points: Option<f64>,
    official: &OfficialFigure,
) -> Comparison {
    let diff = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (Some(round2(a - b)), round2((a - b).abs()) > TOLERANCE),
        (None, None) => (None, false),
        _ => (None, true),
    };
    let (value_difference, value_differs) = diff(our_value, official.value);
    let (score_difference, score_differs) = diff(our_points, official.score);
    Comparison {
        value_difference,
        score_difference,
        differs: value_differs || score_differs,
    }
}

/// Compares one of our results with the official figure; when the indicator does not
/// apply to the unit there is no score of ours, and only the rates are compared.
pub fn compare_result(ours: &Evaluation, official: &OfficialFigure) -> Comparison {
    if ours.applies {
        compare(ours.value, ours.points, official)
    } else {
        let rates_only = OfficialFigure {
            score: None,
            ..*official
        };
        compare(ours.value, None, &rates_only)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::{Direction, ScoringRule};

    const REUSE: IndicatorSpec = IndicatorSpec {
        kind: IndicatorKind::Rate,
        direction: Direction::HigherIsBetter,
        rule: ScoringRule::Threshold,
        threshold: Some(80.0),
        points: 2.0,
        no_data: NoDataRule::Exclude,
    };

    fn month(n: i64, d: i64, score: f64) -> OfficialMonth {
        OfficialMonth {
            numerator: Some(n),
            denominator: Some(d),
            score: Some(score),
            max_score: Some(2.0),
        }
    }

    #[test]
    fn a_single_month_keeps_the_files_score() {
        let f = over_period(&[month(60, 100, 1.4)], true, &REUSE).unwrap();
        assert_eq!(
            (f.value, f.score, f.max_score),
            (Some(60.0), Some(1.4), Some(2.0))
        );
    }

    #[test]
    fn a_quarter_sums_the_months_and_applies_the_rule() {
        let f = over_period(
            &[
                month(60, 100, 1.5),
                month(100, 100, 2.0),
                month(80, 100, 2.0),
            ],
            false,
            &REUSE,
        )
        .unwrap();
        assert_eq!((f.numerator, f.denominator), (Some(240), Some(300)));
        assert_eq!(f.value, Some(80.0));
        assert_eq!(f.score, Some(2.0));
        assert_eq!(over_period(&[], false, &REUSE), None);
    }

    #[test]
    fn a_period_without_a_rate_gives_what_no_data_says() {
        let empty = OfficialMonth {
            numerator: Some(0),
            denominator: Some(0),
            ..OfficialMonth::default()
        };
        let full = IndicatorSpec {
            no_data: NoDataRule::Full,
            ..REUSE
        };
        assert_eq!(
            over_period(&[empty, empty], false, &full).unwrap().score,
            Some(2.0)
        );
        assert_eq!(
            over_period(&[empty, empty], false, &REUSE).unwrap().score,
            None
        );
    }

    #[test]
    fn differences_over_half_a_point_are_flagged() {
        let official = OfficialFigure {
            value: Some(80.0),
            score: Some(1.6),
            ..OfficialFigure::default()
        };
        let close = compare(Some(80.5), Some(1.61), &official);
        assert_eq!((close.value_difference, close.differs), (Some(0.5), false));
        let far = compare(Some(81.0), Some(1.62), &official);
        assert_eq!((far.value_difference, far.differs), (Some(1.0), true));
        let points = compare(Some(80.0), Some(2.2), &official);
        assert!(points.differs);
        assert!(compare(None, None, &official).differs);
    }

    #[test]
    fn an_indicator_that_does_not_apply_compares_rates_only() {
        let official = OfficialFigure {
            value: Some(80.0),
            score: Some(2.0),
            ..OfficialFigure::default()
        };
        let ours = Evaluation {
            numerator: Some(80),
            denominator: Some(100),
            value: Some(80.2),
            target: None,
            milestone: None,
            status: shared::TrackStatus::NoData,
            ytd_value: None,
            projection: None,
            points: None,
            max_points: 2.0,
            applies: false,
            excluded: Some(shared::ScoreExclusion::NotApplicable),
            shortfall: None,
        };
        let c = compare_result(&ours, &official);
        assert_eq!((c.score_difference, c.differs), (None, false));
        let applying = Evaluation {
            applies: true,
            excluded: None,
            ..ours
        };
        assert!(
            compare_result(&applying, &official).differs,
            "no points of ours against 2"
        );
    }
}
