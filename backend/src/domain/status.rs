//! Tracking status (year-to-date actual against the milestone in force) and the year-end
//! projection.

use shared::{Direction, IndicatorKind, TrackStatus};

/// How far below its milestone a rate may be and still be `AT_RISK`, in percentage points.
pub const RATE_AT_RISK_POINTS: f64 = 5.0;
/// How far below its milestone a count may be and still be `AT_RISK`, as a share of it.
pub const COUNT_AT_RISK_SHARE: f64 = 0.10;
/// Slack for floating-point noise in comparisons (rates come from integer sums, so a true
/// tie may differ by a few ulps).
const SLACK: f64 = 1e-9;

/// `ON_TRACK` when the year-to-date actual reaches the milestone; `AT_RISK` when it misses
/// by at most 5 percentage points (rates) or 10 % of the milestone (counts), both bounds
/// included; `OFF_TRACK` otherwise; `NO_DATA` when the actual is `None`. For
/// lower-is-better indicators "reaching" means being at or below the milestone.
pub fn track_status(
    kind: IndicatorKind,
    direction: Direction,
    ytd_actual: Option<f64>,
    milestone: f64,
) -> TrackStatus {
    let Some(actual) = ytd_actual else {
        return TrackStatus::NoData;
    };
    let shortfall = match direction {
        Direction::HigherIsBetter => milestone - actual,
        Direction::LowerIsBetter => actual - milestone,
    };
    let tolerance = match kind {
        IndicatorKind::Rate => RATE_AT_RISK_POINTS,
        IndicatorKind::Count => COUNT_AT_RISK_SHARE * milestone.abs(),
    };
    if shortfall <= SLACK {
        TrackStatus::OnTrack
    } else if shortfall <= tolerance + SLACK {
        TrackStatus::AtRisk
    } else {
        TrackStatus::OffTrack
    }
}

/// The year-end projection at evaluation month `month`: a rate keeps its year-to-date value
/// (rates do not accumulate); a count extrapolates `ytd × 12 / month`. `None` when the
/// actual is `None` or `month` is 0.
pub fn projection(kind: IndicatorKind, ytd_actual: Option<f64>, month: u32) -> Option<f64> {
    let actual = ytd_actual?;
    match kind {
        IndicatorKind::Rate => Some(actual),
        IndicatorKind::Count if month == 0 => None,
        IndicatorKind::Count => Some(actual * 12.0 / f64::from(month.min(12))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::{HigherIsBetter as Higher, LowerIsBetter as Lower};
    use IndicatorKind::{Count, Rate};
    use TrackStatus::*;

    #[test]
    fn worked_example_is_on_track_at_month_3() {
        assert_eq!(track_status(Rate, Higher, Some(50.0), 37.5), OnTrack);
    }

    #[test]
    fn reaching_the_milestone_exactly_is_on_track() {
        assert_eq!(track_status(Rate, Higher, Some(45.0), 45.0), OnTrack);
        assert_eq!(track_status(Count, Higher, Some(30.0), 30.0), OnTrack);
        // 1/3 of 300 dossiers in percent, compared with 33.33.
        assert_eq!(
            track_status(Rate, Higher, Some(100.0 / 3.0), 33.33),
            OnTrack
        );
    }

    #[test]
    fn a_rate_exactly_5_points_below_is_at_risk_and_just_beyond_is_off_track() {
        assert_eq!(track_status(Rate, Higher, Some(32.5), 37.5), AtRisk);
        assert_eq!(track_status(Rate, Higher, Some(47.45 - 5.0), 47.45), AtRisk);
        assert_eq!(track_status(Rate, Higher, Some(32.49), 37.5), OffTrack);
        assert_eq!(track_status(Rate, Higher, Some(37.49), 37.5), AtRisk);
    }

    #[test]
    fn a_count_exactly_10_percent_below_is_at_risk_and_just_beyond_is_off_track() {
        assert_eq!(track_status(Count, Higher, Some(90.0), 100.0), AtRisk);
        assert_eq!(track_status(Count, Higher, Some(89.0), 100.0), OffTrack);
        assert_eq!(track_status(Count, Higher, Some(27.0), 30.0), AtRisk);
        assert_eq!(track_status(Count, Higher, Some(26.0), 30.0), OffTrack);
    }

    #[test]
    fn lower_is_better_is_mirrored() {
        assert_eq!(track_status(Rate, Lower, Some(10.0), 12.0), OnTrack);
        assert_eq!(track_status(Rate, Lower, Some(17.0), 12.0), AtRisk);
        assert_eq!(track_status(Rate, Lower, Some(17.01), 12.0), OffTrack);
        assert_eq!(track_status(Count, Lower, Some(110.0), 100.0), AtRisk);
        assert_eq!(track_status(Count, Lower, Some(111.0), 100.0), OffTrack);
    }

    #[test]
    fn no_actual_is_no_data() {
        assert_eq!(track_status(Rate, Higher, None, 37.5), NoData);
        assert_eq!(track_status(Count, Lower, None, 0.0), NoData);
    }

    #[test]
    fn a_zero_count_milestone_is_met_by_any_count() {
        assert_eq!(track_status(Count, Higher, Some(0.0), 0.0), OnTrack);
        assert_eq!(track_status(Count, Lower, Some(1.0), 0.0), OffTrack);
    }

    #[test]
    fn a_rate_projects_itself_and_a_count_extrapolates() {
        assert_eq!(projection(Rate, Some(50.0), 3), Some(50.0));
        assert_eq!(projection(Count, Some(30.0), 3), Some(120.0));
        assert_eq!(projection(Count, Some(30.0), 12), Some(30.0));
        assert_eq!(projection(Count, None, 3), None);
        assert_eq!(projection(Rate, None, 3), None);
        assert_eq!(projection(Count, Some(30.0), 0), None);
    }
}
