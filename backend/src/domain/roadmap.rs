//! Roadmaps (lộ trình): splitting an annual target into monthly or quarterly year-to-date
//! milestones, and finding the milestone in force at a month.

use crate::domain::model::Indicator;
use crate::domain::rollup::{range_from_cumulative, round2};
use shared::ids::MeasureId;
use shared::{Grain, IndicatorKind, SplitMethod};

/// Everything needed to split one target.
#[derive(Clone, Debug, PartialEq)]
pub struct SplitRequest {
    /// Rate or count.
    pub kind: IndicatorKind,
    /// The annual target `t` (a rate in percent, or an integer count).
    pub target: f64,
    /// The target's own baseline, preferred for a rate's LINEAR / SEASONAL split.
    pub baseline: Option<f64>,
    /// The unit's actual rate over the previous year, the baseline when none is set.
    pub last_year_rate: Option<f64>,
    /// Last year's monthly totals used by SEASONAL: the numerator measure for a count, the
    /// denominator measure for a rate.
    pub last_year_monthly: Option<[i64; 12]>,
    /// How to split.
    pub method: SplitMethod,
    /// Monthly (12) or quarterly (4) milestones.
    pub grain: Grain,
    /// The user's values, only for MANUAL. An empty list counts as no values.
    pub manual: Option<Vec<f64>>,
}

/// Why a split was rejected; `field` names the input at fault (`values`, `value`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct SplitError {
    /// The input field at fault: `values` (the manual milestones) or `value` (the target).
    pub field: &'static str,
    /// What was wrong, for a person.
    pub message: String,
}

impl SplitError {
    fn new(field: &'static str, message: String) -> Self {
        SplitError { field, message }
    }
}

/// The milestones of a target: `values[k-1]` is the year-to-date level to reach by the end
/// of period `k` of `grain`.
#[derive(Clone, Debug, PartialEq)]
pub struct Roadmap {
    /// Monthly or quarterly.
    pub grain: Grain,
    /// One value per period, in order.
    pub values: Vec<f64>,
}

/// Splits an annual target into `grain.periods()` milestones (12 or 4), in period order.
///
/// Rates are rounded to 2 decimals, counts up to an integer; a LINEAR or SEASONAL split ends
/// exactly at the target. A baseline outside 0–100 is clamped into it; negative monthly
/// figures of last year count as 0.
pub fn split(req: &SplitRequest) -> Result<Vec<f64>, SplitError> {
    check_target(req.kind, req.target)?;
    let n = req.grain.periods();
    let given = req.manual.as_deref().filter(|v| !v.is_empty());
    match (req.method, given) {
        (SplitMethod::Manual, Some(values)) => manual(req, values),
        (SplitMethod::Manual, None) => Err(SplitError::new(
            "values",
            format!(
                "a MANUAL split needs {n} values, one per {}",
                period_name(req.grain)
            ),
        )),
        (SplitMethod::Linear | SplitMethod::Seasonal, Some(_)) => Err(SplitError::new(
            "values",
            format!(
                "values are given only for a MANUAL split, not for {}",
                req.method.as_str()
            ),
        )),
        (SplitMethod::Linear, None) => Ok(proportional(req, &linear_shares(n))),
        (SplitMethod::Seasonal, None) => {
            let shares = req
                .last_year_monthly
                .and_then(|monthly| seasonal_shares(&monthly, req.grain))
                .unwrap_or_else(|| linear_shares(n));
            Ok(proportional(req, &shares))
        }
    }
}

/// The measure whose last-year months shape a SEASONAL split: the numerator of a count, the
/// denominator of a rate (its numerator when it has none).
pub fn seasonal_measure(indicator: &Indicator) -> MeasureId {
    match indicator.kind {
        IndicatorKind::Rate => indicator.denominator_id.unwrap_or(indicator.numerator_id),
        IndicatorKind::Count => indicator.numerator_id,
    }
}

/// Monthly amounts from year-to-date totals at each month end. A month whose total is 0 kept
/// no row of its own: nothing changed since the month before.
pub fn monthly_from_year_to_date(year_to_date: &[i64; 12]) -> [i64; 12] {
    let mut cum = *year_to_date;
    for m in 1..cum.len() {
        if cum[m] == 0 {
            cum[m] = cum[m - 1];
        }
    }
    std::array::from_fn(|m| {
        let month = m as u32 + 1;
        let through = |m: u32| {
            (m as usize)
                .checked_sub(1)
                .and_then(|i| cum.get(i))
                .copied()
        };
        range_from_cumulative(|m| through(m).unwrap_or(0), month, month)
    })
}

/// The milestone in force at `month` (1–12): the latest milestone whose period ends at or
/// before `month`; before the first period ends, the first milestone (a count scaled by
/// `month / months in the first period`); without milestones, the annual target (a count
/// scaled by `month / 12`). Months above 12 count as 12.
pub fn milestone_in_force(
    kind: IndicatorKind,
    annual_target: f64,
    roadmap: Option<&Roadmap>,
    month: u32,
) -> f64 {
    let month = month.min(12);
    let Some((roadmap, first)) = roadmap.and_then(|r| r.values.first().map(|f| (r, *f))) else {
        return scaled(kind, annual_target, month, 12);
    };
    let months_per_period = roadmap.grain.months();
    let completed = (month / months_per_period) as usize;
    match completed.min(roadmap.values.len()).checked_sub(1) {
        Some(last_ended) => roadmap.values.get(last_ended).copied().unwrap_or(first),
        None => scaled(kind, first, month, months_per_period),
    }
}

fn scaled(kind: IndicatorKind, value: f64, month: u32, of_months: u32) -> f64 {
    match kind {
        IndicatorKind::Rate => value,
        IndicatorKind::Count => value * f64::from(month) / f64::from(of_months),
    }
}

fn period_name(grain: Grain) -> &'static str {
    match grain {
        Grain::Month => "month",
        Grain::Quarter => "quarter",
    }
}

fn check_target(kind: IndicatorKind, t: f64) -> Result<(), SplitError> {
    let max = match kind {
        IndicatorKind::Rate => 100.0,
        IndicatorKind::Count => f64::MAX,
    };
    if t.is_finite() && (0.0..=max).contains(&t) {
        Ok(())
    } else {
        let what = match kind {
            IndicatorKind::Rate => "between 0 and 100",
            IndicatorKind::Count => "a non-negative number",
        };
        Err(SplitError::new(
            "value",
            format!("the target must be {what}, got {t}"),
        ))
    }
}

/// The share of the year reached by the end of each period, as `(reached, whole)`.
type Shares = Vec<(i64, i64)>;

fn linear_shares(n: u32) -> Shares {
    (1..=i64::from(n)).map(|k| (k, i64::from(n))).collect()
}

/// Cumulative shares of last year's monthly totals, `None` when last year has no data.
fn seasonal_shares(monthly: &[i64; 12], grain: Grain) -> Option<Shares> {
    let mut cum = [0i64; 12];
    let mut running = 0i64;
    for (slot, v) in cum.iter_mut().zip(monthly) {
        running = running.saturating_add((*v).max(0));
        *slot = running;
    }
    let total = running;
    if total == 0 {
        return None;
    }
    let per = grain.months() as usize;
    Some(
        (1..=grain.periods() as usize)
            .map(|k| (cum.get(k * per - 1).copied().unwrap_or(total), total))
            .collect(),
    )
}

/// Milestones for LINEAR and SEASONAL: a count `t × share` rounded up, a rate
/// `b + (t − b) × share` rounded to 2 decimals; the last is `t`.
fn proportional(req: &SplitRequest, shares: &[(i64, i64)]) -> Vec<f64> {
    let t = req.target;
    let last = shares.len().saturating_sub(1);
    let milestone = |(reached, whole): (i64, i64)| match req.kind {
        IndicatorKind::Count => count_share(t, reached, whole),
        IndicatorKind::Rate => {
            let b = req
                .baseline
                .or(req.last_year_rate)
                .unwrap_or(t)
                .clamp(0.0, 100.0);
            let v = round2(b + (t - b) * (reached as f64 / whole as f64));
            // Keeps the milestones monotone when `t` has more than 2 decimals.
            if t >= b { v.min(t) } else { v.max(t) }
        }
    };
    shares
        .iter()
        .enumerate()
        .map(|(i, &share)| if i == last { t } else { milestone(share) })
        .collect()
}

/// `ceil(t × reached / whole)`, exact in integers when `t` is an integer; never above `t`.
fn count_share(t: f64, reached: i64, whole: i64) -> f64 {
    const EXACT: f64 = 9.0e15;
    if t.fract() == 0.0 && t < EXACT && whole > 0 {
        let product = (t as i128) * i128::from(reached);
        let whole = i128::from(whole);
        let ceil = (product + whole - 1).div_euclid(whole);
        ceil as f64
    } else {
        (t * reached as f64 / whole as f64).ceil().min(t)
    }
}

/// Checks and rounds the user's MANUAL milestones.
fn manual(req: &SplitRequest, values: &[f64]) -> Result<Vec<f64>, SplitError> {
    let n = req.grain.periods() as usize;
    let t = req.target;
    if values.len() != n {
        return Err(SplitError::new(
            "values",
            format!(
                "a {} roadmap needs exactly {n} values, one per {}; got {}",
                req.grain.as_str(),
                period_name(req.grain),
                values.len()
            ),
        ));
    }
    let max = match req.kind {
        IndicatorKind::Rate => t.min(100.0),
        IndicatorKind::Count => t,
    };
    for (k, &v) in values.iter().enumerate() {
        if !(v.is_finite() && (0.0..=max).contains(&v)) {
            return Err(SplitError::new(
                "values",
                format!(
                    "milestone {} is {v}: it must be between 0 and the target {t}",
                    k + 1
                ),
            ));
        }
    }
    if req.kind == IndicatorKind::Count {
        if let Some(k) = values.windows(2).position(|w| matches!(w, [a, b] if b < a)) {
            return Err(SplitError::new(
                "values",
                format!(
                    "milestone {} is below milestone {}: counts must not decrease",
                    k + 2,
                    k + 1
                ),
            ));
        }
        if values.last().is_some_and(|&last| last != t) {
            return Err(SplitError::new(
                "values",
                format!("the last milestone must equal the target {t}"),
            ));
        }
    }
    Ok(values
        .iter()
        .map(|&v| match req.kind {
            IndicatorKind::Rate => round2(v).min(t),
            IndicatorKind::Count => v.ceil().min(t),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn request(
        kind: IndicatorKind,
        target: f64,
        method: SplitMethod,
        grain: Grain,
    ) -> SplitRequest {
        SplitRequest {
            kind,
            target,
            baseline: None,
            last_year_rate: None,
            last_year_monthly: None,
            method,
            grain,
            manual: None,
        }
    }

    fn rate_linear(target: f64, baseline: Option<f64>, grain: Grain) -> SplitRequest {
        SplitRequest {
            baseline,
            ..request(IndicatorKind::Rate, target, SplitMethod::Linear, grain)
        }
    }

    fn manual_req(kind: IndicatorKind, target: f64, values: Vec<f64>) -> SplitRequest {
        SplitRequest {
            manual: Some(values),
            ..request(kind, target, SplitMethod::Manual, Grain::Quarter)
        }
    }

    #[test]
    fn worked_example_linear_quarterly_rate_from_baseline_30_to_60() {
        let r = split(&rate_linear(60.0, Some(30.0), Grain::Quarter)).unwrap();
        assert_eq!(r, vec![37.5, 45.0, 52.5, 60.0]);
    }

    #[test]
    fn monthly_linear_rate_is_rounded_to_two_decimals() {
        let r = split(&rate_linear(80.0, Some(70.0), Grain::Month)).unwrap();
        assert_eq!(r.len(), 12);
        assert_eq!(r[0], 70.83); // 70 + 10/12
        assert_eq!(r[1], 71.67);
        assert_eq!(r[11], 80.0);
    }

    #[test]
    fn linear_rate_falls_back_to_last_years_rate_then_to_the_target() {
        let mut req = rate_linear(60.0, None, Grain::Quarter);
        req.last_year_rate = Some(40.0);
        assert_eq!(split(&req).unwrap(), vec![45.0, 50.0, 55.0, 60.0]);
        req.baseline = Some(20.0);
        assert_eq!(split(&req).unwrap(), vec![30.0, 40.0, 50.0, 60.0]);
        req.baseline = None;
        req.last_year_rate = None;
        assert_eq!(split(&req).unwrap(), vec![60.0; 4]);
    }

    #[test]
    fn a_rate_target_below_its_baseline_descends() {
        let r = split(&rate_linear(10.0, Some(30.0), Grain::Quarter)).unwrap();
        assert_eq!(r, vec![25.0, 20.0, 15.0, 10.0]);
    }

    #[test]
    fn linear_count_rounds_up_and_ends_at_the_target() {
        let req = request(
            IndicatorKind::Count,
            100.0,
            SplitMethod::Linear,
            Grain::Month,
        );
        let r = split(&req).unwrap();
        assert_eq!(
            r,
            vec![
                9.0, 17.0, 25.0, 34.0, 42.0, 50.0, 59.0, 67.0, 75.0, 84.0, 92.0, 100.0
            ]
        );
    }

    #[test]
    fn seasonal_count_follows_last_years_shares() {
        let mut req = request(
            IndicatorKind::Count,
            100.0,
            SplitMethod::Seasonal,
            Grain::Quarter,
        );
        req.last_year_monthly = Some([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 90]);
        // Cumulative shares: 30/200, 60/200, 90/200, 200/200.
        assert_eq!(split(&req).unwrap(), vec![15.0, 30.0, 45.0, 100.0]);
        req.last_year_monthly = Some([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
        // 100 × 1/3 = 33.3… rounds up to 34.
        assert_eq!(split(&req).unwrap(), vec![34.0, 34.0, 34.0, 100.0]);
    }

    #[test]
    fn seasonal_without_last_year_data_is_linear() {
        let mut req = request(
            IndicatorKind::Count,
            40.0,
            SplitMethod::Seasonal,
            Grain::Quarter,
        );
        assert_eq!(split(&req).unwrap(), vec![10.0, 20.0, 30.0, 40.0]);
        req.last_year_monthly = Some([0; 12]);
        assert_eq!(split(&req).unwrap(), vec![10.0, 20.0, 30.0, 40.0]);
    }

    #[test]
    fn seasonal_rate_moves_from_baseline_by_last_years_denominator_shares() {
        let mut req = rate_linear(60.0, Some(40.0), Grain::Quarter);
        req.method = SplitMethod::Seasonal;
        req.last_year_monthly = Some([50, 0, 0, 0, 50, 0, 0, 100, 0, 0, 0, 0]);
        // Shares 50/200, 100/200, 200/200, 1.
        assert_eq!(split(&req).unwrap(), vec![45.0, 50.0, 60.0, 60.0]);
    }

    #[test]
    fn manual_values_are_kept_and_rounded() {
        let r = split(&manual_req(
            IndicatorKind::Rate,
            60.0,
            vec![50.0, 33.333, 40.0, 55.0],
        ))
        .unwrap();
        assert_eq!(r, vec![50.0, 33.33, 40.0, 55.0]);
        let r = split(&manual_req(
            IndicatorKind::Count,
            10.0,
            vec![2.5, 5.0, 5.0, 10.0],
        ))
        .unwrap();
        assert_eq!(r, vec![3.0, 5.0, 5.0, 10.0]);
    }

    #[test]
    fn manual_needs_exactly_one_value_per_period() {
        let err = split(&manual_req(IndicatorKind::Rate, 60.0, vec![1.0, 2.0])).unwrap_err();
        assert_eq!(err.field, "values");
        assert!(err.message.contains('4'), "{}", err.message);
        let mut req = manual_req(IndicatorKind::Rate, 60.0, vec![]);
        assert_eq!(split(&req).unwrap_err().field, "values");
        req.manual = None;
        assert_eq!(split(&req).unwrap_err().field, "values");
    }

    #[test]
    fn manual_values_must_lie_between_0_and_the_target() {
        let above = manual_req(IndicatorKind::Rate, 60.0, vec![10.0, 20.0, 61.0, 60.0]);
        assert_eq!(split(&above).unwrap_err().field, "values");
        let negative = manual_req(IndicatorKind::Count, 10.0, vec![-1.0, 2.0, 3.0, 10.0]);
        assert_eq!(split(&negative).unwrap_err().field, "values");
        let nan = manual_req(IndicatorKind::Rate, 60.0, vec![f64::NAN, 20.0, 30.0, 60.0]);
        assert_eq!(split(&nan).unwrap_err().field, "values");
    }

    #[test]
    fn manual_counts_must_not_decrease_and_must_end_at_the_target() {
        let down = manual_req(IndicatorKind::Count, 10.0, vec![5.0, 4.0, 8.0, 10.0]);
        assert_eq!(split(&down).unwrap_err().field, "values");
        let short = manual_req(IndicatorKind::Count, 10.0, vec![1.0, 2.0, 3.0, 9.0]);
        assert_eq!(split(&short).unwrap_err().field, "values");
        // Rates may move either way and need not end at the target.
        let rates = manual_req(IndicatorKind::Rate, 60.0, vec![50.0, 40.0, 45.0, 59.0]);
        assert!(split(&rates).is_ok());
    }

    #[test]
    fn values_for_a_linear_or_seasonal_split_are_rejected() {
        for method in [SplitMethod::Linear, SplitMethod::Seasonal] {
            let mut req = request(IndicatorKind::Count, 10.0, method, Grain::Quarter);
            req.manual = Some(vec![1.0, 2.0, 3.0, 10.0]);
            assert_eq!(split(&req).unwrap_err().field, "values");
        }
    }

    #[test]
    fn a_rate_target_above_100_cannot_be_split() {
        let err = split(&rate_linear(120.0, None, Grain::Quarter)).unwrap_err();
        assert_eq!(err.field, "value");
    }

    #[test]
    fn monthly_amounts_are_the_steps_of_the_year_to_date_totals() {
        let ytd = [10, 25, 25, 40, 0, 0, 70, 70, 90, 100, 0, 130];
        assert_eq!(
            monthly_from_year_to_date(&ytd),
            [10, 15, 0, 15, 0, 0, 30, 0, 20, 10, 0, 30]
        );
    }

    #[test]
    fn months_before_the_first_total_are_empty() {
        let mut ytd = [0; 12];
        ytd[3] = 8;
        let mut expected = [0; 12];
        expected[3] = 8;
        assert_eq!(monthly_from_year_to_date(&ytd), expected);
    }

    fn indicator(kind: IndicatorKind, denominator: Option<i32>) -> Indicator {
        Indicator {
            id: shared::ids::IndicatorId(1),
            code: "I".into(),
            group: "G".into(),
            name: "I".into(),
            name_en: None,
            kind,
            numerator_id: MeasureId(1),
            denominator_id: denominator.map(MeasureId),
            direction: shared::Direction::HigherIsBetter,
            points: 10.0,
            rule: shared::ScoringRule::Target,
            threshold: None,
            active: true,
            no_data: shared::NoDataRule::Exclude,
            applies_to: Vec::new(),
        }
    }

    #[test]
    fn a_rate_follows_its_denominator_and_a_count_its_numerator() {
        let rate = indicator(IndicatorKind::Rate, Some(2));
        assert_eq!(seasonal_measure(&rate), MeasureId(2));
        let bare = indicator(IndicatorKind::Rate, None);
        assert_eq!(seasonal_measure(&bare), MeasureId(1));
        let count = indicator(IndicatorKind::Count, None);
        assert_eq!(seasonal_measure(&count), MeasureId(1));
    }

    fn quarterly(values: [f64; 4]) -> Roadmap {
        Roadmap {
            grain: Grain::Quarter,
            values: values.to_vec(),
        }
    }

    #[test]
    fn the_milestone_in_force_is_the_latest_ended_period() {
        let r = quarterly([37.5, 45.0, 52.5, 60.0]);
        let at = |m| milestone_in_force(IndicatorKind::Rate, 60.0, Some(&r), m);
        assert_eq!(
            [at(3), at(4), at(5), at(6), at(11), at(12)],
            [37.5, 37.5, 37.5, 45.0, 52.5, 60.0]
        );
    }

    #[test]
    fn before_the_first_period_ends_a_rate_uses_the_first_milestone_and_a_count_scales_it() {
        let r = quarterly([30.0, 60.0, 90.0, 120.0]);
        assert_eq!(
            milestone_in_force(IndicatorKind::Rate, 120.0, Some(&r), 1),
            30.0
        );
        assert_eq!(
            milestone_in_force(IndicatorKind::Count, 120.0, Some(&r), 1),
            10.0
        );
        assert_eq!(
            milestone_in_force(IndicatorKind::Count, 120.0, Some(&r), 2),
            20.0
        );
        assert_eq!(
            milestone_in_force(IndicatorKind::Count, 120.0, Some(&r), 3),
            30.0
        );
    }

    #[test]
    fn without_milestones_the_annual_target_is_in_force() {
        let empty = Roadmap {
            grain: Grain::Month,
            values: vec![],
        };
        for roadmap in [None, Some(&empty)] {
            assert_eq!(
                milestone_in_force(IndicatorKind::Rate, 60.0, roadmap, 4),
                60.0
            );
            assert_eq!(
                milestone_in_force(IndicatorKind::Count, 120.0, roadmap, 4),
                40.0
            );
            assert_eq!(
                milestone_in_force(IndicatorKind::Count, 120.0, roadmap, 12),
                120.0
            );
        }
    }

    #[test]
    fn a_monthly_roadmap_is_in_force_from_its_own_month() {
        let req = request(
            IndicatorKind::Count,
            120.0,
            SplitMethod::Linear,
            Grain::Month,
        );
        let r = Roadmap {
            grain: Grain::Month,
            values: split(&req).unwrap(),
        };
        assert_eq!(
            milestone_in_force(IndicatorKind::Count, 120.0, Some(&r), 1),
            10.0
        );
        assert_eq!(
            milestone_in_force(IndicatorKind::Count, 120.0, Some(&r), 7),
            70.0
        );
    }

    fn grain() -> impl Strategy<Value = Grain> {
        prop_oneof![Just(Grain::Month), Just(Grain::Quarter)]
    }

    fn method() -> impl Strategy<Value = SplitMethod> {
        prop_oneof![Just(SplitMethod::Linear), Just(SplitMethod::Seasonal)]
    }

    fn last_year() -> impl Strategy<Value = Option<[i64; 12]>> {
        proptest::option::of(proptest::array::uniform12(0i64..5_000))
    }

    /// A rate in percent, with 2 decimals or arbitrary.
    fn percent() -> impl Strategy<Value = f64> {
        prop_oneof![
            (0u32..=10_000).prop_map(|c| f64::from(c) / 100.0),
            0.0f64..=100.0
        ]
    }

    fn is_monotone(values: &[f64], ascending: bool) -> bool {
        values.windows(2).all(|w| {
            if ascending {
                w[0] <= w[1]
            } else {
                w[0] >= w[1]
            }
        })
    }

    proptest! {
        #[test]
        fn rate_milestones_are_monotone_and_end_at_the_target(
            t in percent(),
            baseline in proptest::option::of(percent()),
            last_year_rate in proptest::option::of(percent()),
            monthly in last_year(),
            method in method(),
            grain in grain(),
        ) {
            let req = SplitRequest {
                baseline,
                last_year_rate,
                last_year_monthly: monthly,
                ..request(IndicatorKind::Rate, t, method, grain)
            };
            let r = split(&req).unwrap();
            let b = baseline.or(last_year_rate).unwrap_or(t);
            prop_assert_eq!(r.len() as u32, grain.periods());
            prop_assert_eq!(r.last().copied(), Some(t));
            prop_assert!(is_monotone(&r, t >= b), "{r:?} from {b} to {t}");
            prop_assert!(r.iter().all(|v| (0.0..=100.0).contains(v)));
        }

        #[test]
        fn count_milestones_are_whole_non_decreasing_and_end_at_the_target(
            t in 0u32..10_000_000,
            monthly in last_year(),
            method in method(),
            grain in grain(),
        ) {
            let t = f64::from(t);
            let req = SplitRequest { last_year_monthly: monthly, ..request(IndicatorKind::Count, t, method, grain) };
            let r = split(&req).unwrap();
            prop_assert_eq!(r.len() as u32, grain.periods());
            prop_assert_eq!(r.last().copied(), Some(t));
            prop_assert!(is_monotone(&r, true), "{r:?}");
            prop_assert!(r.iter().all(|v| v.fract() == 0.0 && (0.0..=t).contains(v)));
        }

        #[test]
        fn a_valid_manual_count_split_round_trips(t in 0u32..100_000, picks in proptest::collection::vec(0.0f64..=1.0, 3)) {
            let t = f64::from(t);
            let mut values: Vec<f64> = picks.iter().map(|p| (p * t).floor()).collect();
            values.sort_by(f64::total_cmp);
            values.push(t);
            let r = split(&manual_req(IndicatorKind::Count, t, values.clone())).unwrap();
            prop_assert_eq!(r, values);
        }

        #[test]
        fn a_valid_manual_rate_split_round_trips(t in 0u32..=10_000, picks in proptest::collection::vec(0u32..=10_000, 12)) {
            let values: Vec<f64> = picks.iter().map(|p| f64::from(p * t / 10_000) / 100.0).collect();
            let t = f64::from(t) / 100.0;
            let req = SplitRequest {
                manual: Some(values.clone()),
                ..request(IndicatorKind::Rate, t, SplitMethod::Manual, Grain::Month)
            };
            prop_assert_eq!(split(&req).unwrap(), values);
        }

        #[test]
        fn the_milestone_in_force_follows_a_monotone_roadmap(
            kind in prop_oneof![Just(IndicatorKind::Rate), Just(IndicatorKind::Count)],
            t in 0u32..=100,
            baseline in proptest::option::of(0u32..=100),
            monthly in last_year(),
            method in method(),
            grain in grain(),
        ) {
            let t = f64::from(t);
            let baseline = baseline.map(f64::from);
            let req = SplitRequest { baseline, last_year_monthly: monthly, ..request(kind, t, method, grain) };
            let roadmap = Roadmap { grain, values: split(&req).unwrap() };
            let in_force: Vec<f64> = (1..=12).map(|m| milestone_in_force(kind, t, Some(&roadmap), m)).collect();
            let ascending = kind == IndicatorKind::Count || t >= baseline.unwrap_or(t);
            prop_assert!(is_monotone(&in_force, ascending), "{in_force:?}");
            prop_assert_eq!(in_force[11], t);
        }
    }
}
