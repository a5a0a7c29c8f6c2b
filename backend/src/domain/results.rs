//! The result of one indicator for one unit and period (value, milestone, status,
//! projection, points, why it is out of the score, what it still needs) and a unit's score
//! totals over its results, with a subtotal per group.

use crate::domain::roadmap::{Roadmap, milestone_in_force};
use crate::domain::rollup::Sums;
use crate::domain::scoring::{ScoreInput, indicator_points, score};
use crate::domain::shortfall::{Shortfall, shortfall};
use crate::domain::status::{projection, track_status};
use shared::{
    Direction, IndicatorKind, NoDataRule, Period, ScoreExclusion, ScoringRule, TrackStatus,
};

/// What the engine needs to know about an indicator.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IndicatorSpec {
    /// Rate or count.
    pub kind: IndicatorKind,
    /// Whether higher or lower is better.
    pub direction: Direction,
    /// How the indicator scores.
    pub rule: ScoringRule,
    /// The level of a THRESHOLD rule.
    pub threshold: Option<f64>,
    /// The indicator's maximum points.
    pub points: f64,
    /// What it gives when the period's summed denominator is 0.
    pub no_data: NoDataRule,
}

/// What the unit brings to an evaluation beyond its sums.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UnitFacts {
    /// The indicator scores units of the unit's kind.
    pub applies: bool,
    /// The unit reported at least one figure in the period.
    pub reported: bool,
}

/// The unit's target for the indicator and year.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetSpec {
    /// The annual target.
    pub value: f64,
    /// Its milestones, if it has been split.
    pub roadmap: Option<Roadmap>,
}

/// One indicator's result for one unit and period. Values are unrounded; display rounds.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Evaluation {
    /// The numerator measure summed over the period and subtree.
    pub numerator: Option<i64>,
    /// The denominator measure summed over the period and subtree.
    pub denominator: Option<i64>,
    /// The period's value: a rate in percent or the period's count.
    pub value: Option<f64>,
    /// The annual target, if any.
    pub target: Option<f64>,
    /// The milestone in force at the period's last month, when there is a target.
    pub milestone: Option<f64>,
    /// Year-to-date actual against the milestone.
    pub status: TrackStatus,
    /// The year-to-date actual through the period's last month: what `status` compares with
    /// the milestone and what `projection` extends to year end.
    #[serde(default)]
    pub ytd_value: Option<f64>,
    /// Year-end projection from the year-to-date actual.
    pub projection: Option<f64>,
    /// Points earned; `None` when left out of the score.
    pub points: Option<f64>,
    /// The indicator's maximum points.
    pub max_points: f64,
    /// Whether the indicator scores the unit's kind; when not, `points` is `None`.
    #[serde(default = "yes")]
    pub applies: bool,
    /// Why `points` is `None`.
    #[serde(default)]
    pub excluded: Option<ScoreExclusion>,
    /// What it still needs to reach its threshold or milestone.
    #[serde(default)]
    pub shortfall: Option<Shortfall>,
}

fn yes() -> bool {
    true
}

/// Evaluates one indicator for one unit and period. `period_sums` cover the period's months,
/// `ytd_sums` months `1..=period.last_month()`.
///
/// Status and projection use the year-to-date actual at the period's last month. Status is
/// `NO_DATA` when the actual is `None` and also when there is no target (there is nothing to
/// track against). Points follow [`indicator_points`] with, for a rate, the period's value
/// against the annual target and, for a count, the year-to-date count against the milestone
/// in force. Without a value in the period (QD766.md): an indicator that does not apply,
/// or a unit that reported nothing, scores nothing; a rate whose summed denominator is 0
/// gives what its `no_data` rule says (left out, full points, or 0 of its points); a count
/// without a figure is left out.
pub fn evaluate(
    ind: &IndicatorSpec,
    period: &Period,
    period_sums: Sums,
    ytd_sums: Sums,
    target: Option<&TargetSpec>,
    unit: UnitFacts,
) -> Evaluation {
    let month = period.last_month();
    let value = period_sums.value(ind.kind);
    let ytd_actual = ytd_sums.value(ind.kind);
    let milestone =
        target.map(|t| milestone_in_force(ind.kind, t.value, t.roadmap.as_ref(), month));
    let status = match milestone {
        Some(m) => track_status(ind.kind, ind.direction, ytd_actual, m),
        None => TrackStatus::NoData,
    };
    let (actual, scoring_target) = match ind.kind {
        IndicatorKind::Rate => (value, target.map(|t| t.value)),
        IndicatorKind::Count => (ytd_actual, milestone),
    };
    let scored = value.and_then(|_| {
        indicator_points(&ScoreInput {
            kind: ind.kind,
            direction: ind.direction,
            rule: ind.rule,
            threshold: ind.threshold,
            points: ind.points,
            actual,
            target: scoring_target,
        })
    });
    let max = if ind.points.is_finite() {
        ind.points.max(0.0)
    } else {
        0.0
    };
    let (points, excluded) = if !unit.applies {
        (None, Some(ScoreExclusion::NotApplicable))
    } else if !unit.reported {
        (None, Some(ScoreExclusion::NothingReported))
    } else if value.is_some() {
        (scored, scored.is_none().then_some(ScoreExclusion::NoTarget))
    } else {
        match (ind.kind, ind.no_data) {
            (IndicatorKind::Rate, NoDataRule::Full) => (Some(max), None),
            (IndicatorKind::Rate, NoDataRule::Zero) => (Some(0.0), None),
            _ => (None, Some(ScoreExclusion::NoData)),
        }
    };
    Evaluation {
        numerator: period_sums.numerator,
        denominator: period_sums.denominator,
        value,
        target: target.map(|t| t.value),
        milestone,
        status,
        ytd_value: ytd_actual,
        projection: projection(ind.kind, ytd_actual, month),
        points,
        max_points: ind.points,
        applies: unit.applies,
        excluded,
        shortfall: unit
            .applies
            .then(|| {
                shortfall(
                    ind.kind,
                    ind.direction,
                    ind.rule,
                    ind.threshold,
                    period_sums,
                    ytd_sums,
                    milestone,
                )
            })
            .flatten(),
    }
}

/// A unit's score over its evaluations.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScoreTotals {
    /// Sum of the points earned.
    pub earned: f64,
    /// Sum of the maximum points of the indicators that scored.
    pub available: f64,
    /// `100 × earned / available` rounded to 2 decimals; `None` when nothing is available.
    pub score: Option<f64>,
}

/// Adds up the evaluations that scored (`points` is `Some`); the others are left out of both
/// earned and available points.
pub fn totals(evals: &[Evaluation]) -> ScoreTotals {
    let (earned, available) = evals
        .iter()
        .filter_map(|e| e.points.map(|p| (p, e.max_points)))
        .fold((0.0, 0.0), |(earned, available), (p, max)| {
            (earned + p, available + max)
        });
    ScoreTotals {
        earned,
        available,
        score: score(earned, available),
    }
}

/// Each group's totals, in the order groups first appear: the points its indicators earned
/// out of the points they made available.
pub fn group_totals<'a>(
    evals: impl IntoIterator<Item = (&'a str, &'a Evaluation)>,
) -> Vec<(&'a str, ScoreTotals)> {
    let mut groups: Vec<(&str, Vec<Evaluation>)> = Vec::new();
    for (group, e) in evals {
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, list)) => list.push(*e),
            None => groups.push((group, vec![*e])),
        }
    }
    groups
        .into_iter()
        .map(|(g, list)| (g, totals(&list)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::roadmap::{SplitRequest, split};
    use crate::domain::rollup::round2;
    use shared::{Grain, PeriodKind, SplitMethod};

    const FACTS: UnitFacts = UnitFacts {
        applies: true,
        reported: true,
    };

    const FULL_ONLINE_RATE: IndicatorSpec = IndicatorSpec {
        kind: IndicatorKind::Rate,
        direction: Direction::HigherIsBetter,
        rule: ScoringRule::Target,
        threshold: None,
        points: 15.0,
        no_data: NoDataRule::Exclude,
    };

    const COUNT_TARGET: IndicatorSpec = IndicatorSpec {
        kind: IndicatorKind::Count,
        direction: Direction::HigherIsBetter,
        rule: ScoringRule::Target,
        threshold: None,
        points: 10.0,
        no_data: NoDataRule::Exclude,
    };

    fn sums(numerator: i64, denominator: i64) -> Sums {
        Sums {
            numerator: Some(numerator),
            denominator: Some(denominator),
        }
    }

    fn count(n: i64) -> Sums {
        Sums {
            numerator: Some(n),
            denominator: None,
        }
    }

    fn quarter(q: i64) -> Period {
        Period::new(2023, PeriodKind::Quarter, Some(q)).unwrap()
    }

    fn month(m: u32) -> Period {
        Period::month(2023, m).unwrap()
    }

    fn target(value: f64, roadmap: Option<(Grain, Vec<f64>)>) -> TargetSpec {
        TargetSpec {
            value,
            roadmap: roadmap.map(|(grain, values)| Roadmap { grain, values }),
        }
    }

    fn worked_example_target() -> TargetSpec {
        let req = SplitRequest {
            kind: IndicatorKind::Rate,
            target: 60.0,
            baseline: Some(30.0),
            last_year_rate: None,
            last_year_monthly: None,
            method: SplitMethod::Linear,
            grain: Grain::Quarter,
            manual: None,
        };
        let values = split(&req).unwrap();
        assert_eq!(values, vec![37.5, 45.0, 52.5, 60.0]);
        target(60.0, Some((Grain::Quarter, values)))
    }

    /// The full-online rate evaluated against the worked example's target.
    fn against_worked_example(period: &Period, period_sums: Sums, ytd_sums: Sums) -> Evaluation {
        let t = worked_example_target();
        evaluate(
            &FULL_ONLINE_RATE,
            period,
            period_sums,
            ytd_sums,
            Some(&t),
            FACTS,
        )
    }

    #[test]
    fn worked_example_commune_x_in_q1() {
        // RECEIVED 100, 120, 80; FULL_ONLINE 40, 60, 50.
        let monthly = [(40, 100), (60, 120), (50, 80)];
        let q1 = monthly
            .iter()
            .fold(Sums::default(), |acc, &(n, d)| acc.plus(sums(n, d)));
        let e = against_worked_example(&quarter(1), q1, q1);
        assert_eq!((e.numerator, e.denominator), (Some(150), Some(300)));
        assert_eq!(e.value.map(round2), Some(50.0));
        assert_eq!(e.target, Some(60.0));
        assert_eq!(e.milestone, Some(37.5));
        assert_eq!(e.status, TrackStatus::OnTrack);
        assert_eq!(e.projection, Some(50.0));
        assert_eq!(e.points.map(round2), Some(12.5));
        assert_eq!(e.max_points, 15.0);
    }

    #[test]
    fn worked_example_province_q1_sums_both_communes() {
        let province = sums(150, 300).plus(sums(140, 700));
        let e = evaluate(
            &FULL_ONLINE_RATE,
            &quarter(1),
            province,
            province,
            None,
            FACTS,
        );
        assert_eq!(e.value.map(round2), Some(29.0));
        // Without a target: NO_DATA status, and TARGET falls back to PROPORTIONAL.
        assert_eq!(e.status, TrackStatus::NoData);
        assert_eq!(e.milestone, None);
        assert_eq!(e.points.map(round2), Some(4.35));
    }

    #[test]
    fn status_uses_the_year_to_date_rate_but_points_the_periods_rate() {
        // Q2: 60 % in the quarter, but only 39 % year to date; milestone at month 6 is 45.
        let e = against_worked_example(&quarter(2), sums(60, 100), sums(78, 200));
        assert_eq!(e.milestone, Some(45.0));
        assert_eq!(e.status, TrackStatus::OffTrack);
        assert_eq!(e.points, Some(15.0));
        assert_eq!(e.ytd_value, Some(39.0));
        assert_eq!(e.value, Some(60.0));
        assert_eq!(e.projection, Some(39.0));
    }

    #[test]
    fn a_month_before_the_first_quarter_ends_uses_the_first_milestone() {
        let e = against_worked_example(&month(2), sums(33, 100), sums(33, 100));
        assert_eq!(e.milestone, Some(37.5));
        assert_eq!(e.status, TrackStatus::AtRisk);
    }

    #[test]
    fn a_zero_denominator_is_no_value_no_points_and_no_data() {
        let e = against_worked_example(&quarter(1), sums(0, 0), sums(0, 0));
        assert_eq!(e.value, None);
        assert_eq!(e.points, None);
        assert_eq!(e.status, TrackStatus::NoData);
        assert_eq!(e.projection, None);
    }

    #[test]
    fn missing_months_are_no_data_not_zero() {
        let e = against_worked_example(&month(4), Sums::default(), sums(150, 300));
        assert_eq!(e.value, None);
        assert_eq!(e.points, None);
        // The year-to-date rate still tracks against the milestone in force at April (Q1's).
        assert_eq!(e.status, TrackStatus::OnTrack);
    }

    #[test]
    fn a_count_scores_its_year_to_date_against_the_milestone_in_force() {
        let t = target(120.0, Some((Grain::Quarter, vec![30.0, 60.0, 90.0, 120.0])));
        // Month 5: 10 in May, 45 year to date; milestone in force is Q1's 30.
        let e = evaluate(
            &COUNT_TARGET,
            &month(5),
            count(10),
            count(45),
            Some(&t),
            FACTS,
        );
        assert_eq!(e.value, Some(10.0));
        assert_eq!(e.milestone, Some(30.0));
        assert_eq!(e.status, TrackStatus::OnTrack);
        assert_eq!(e.points, Some(10.0));
        assert_eq!(e.projection, Some(108.0));
        // Month 2: 18 year to date against 30 × 2/3 = 20 → 10 % below, AT_RISK; 9 points.
        let e = evaluate(
            &COUNT_TARGET,
            &month(2),
            count(8),
            count(18),
            Some(&t),
            FACTS,
        );
        assert_eq!(e.milestone, Some(20.0));
        assert_eq!(e.status, TrackStatus::AtRisk);
        assert_eq!(e.points, Some(9.0));
    }

    #[test]
    fn a_count_without_milestones_is_tracked_against_the_scaled_annual_target() {
        let t = target(120.0, None);
        let e = evaluate(
            &COUNT_TARGET,
            &quarter(1),
            count(20),
            count(20),
            Some(&t),
            FACTS,
        );
        assert_eq!(e.milestone, Some(30.0));
        assert_eq!(e.status, TrackStatus::OffTrack);
        assert_eq!(e.points.map(round2), Some(6.67));
    }

    #[test]
    fn a_count_without_a_target_is_left_out_of_the_score() {
        let e = evaluate(
            &COUNT_TARGET,
            &quarter(1),
            count(20),
            count(20),
            None,
            FACTS,
        );
        assert_eq!(e.value, Some(20.0));
        assert_eq!(e.points, None);
        assert_eq!(e.status, TrackStatus::NoData);
        assert_eq!(e.projection, Some(80.0));
    }

    #[test]
    fn lower_is_better_rates_are_tracked_and_scored_the_other_way_round() {
        let spec = IndicatorSpec {
            direction: Direction::LowerIsBetter,
            ..FULL_ONLINE_RATE
        };
        let t = target(10.0, None);
        let e = evaluate(
            &spec,
            &quarter(1),
            sums(20, 100),
            sums(14, 100),
            Some(&t),
            FACTS,
        );
        assert_eq!(e.status, TrackStatus::AtRisk);
        assert_eq!(e.points, Some(7.5));
    }

    #[test]
    fn totals_leave_out_indicators_without_points() {
        let scored = against_worked_example(&quarter(1), sums(150, 300), sums(150, 300));
        let empty = against_worked_example(&quarter(1), sums(0, 0), sums(0, 0));
        let full = evaluate(
            &COUNT_TARGET,
            &quarter(1),
            count(40),
            count(40),
            Some(&target(120.0, None)),
            FACTS,
        );
        let s = totals(&[scored, empty, full]);
        assert!((s.earned - 22.5).abs() < 1e-9);
        assert_eq!(s.available, 25.0);
        assert_eq!(s.score, Some(90.0));
        let none = totals(&[empty]);
        assert_eq!((none.earned, none.available, none.score), (0.0, 0.0, None));
    }
}
