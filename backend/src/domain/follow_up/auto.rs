//! What an approved month does to a unit's explanation requests, pure: the indicators that
//! now ask for an explanation and have none followed, and the followed requests (about
//! that month or before) whose indicator is back ON_TRACK, which close.

use super::asks_explanation;
use shared::TrackStatus;
use shared::ids::{ExplanationRequestId, IndicatorId};

/// A request still followed (not CLOSED) of the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Live {
    pub id: ExplanationRequestId,
    pub indicator: IndicatorId,
    /// The month it is about, as `(year, month)`.
    pub month: (i32, u32),
}

/// What the approval of a unit's month does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AutoPlan {
    /// Indicators to ask about, with their status at the month.
    pub ask: Vec<(IndicatorId, TrackStatus)>,
    /// Requests to close: their indicator is ON_TRACK at the month.
    pub close: Vec<ExplanationRequestId>,
}

/// The plan of the approval of `month` (`(year, month)`) given each active indicator's
/// status there and the unit's live requests.
pub fn on_approval(
    month: (i32, u32),
    statuses: &[(IndicatorId, TrackStatus)],
    live: &[Live],
    include_at_risk: bool,
) -> AutoPlan {
    let mut plan = AutoPlan::default();
    for &(indicator, status) in statuses {
        let followed = live.iter().any(|l| l.indicator == indicator);
        if asks_explanation(status, include_at_risk) && !followed {
            plan.ask.push((indicator, status));
        }
        if status == TrackStatus::OnTrack {
            plan.close.extend(
                live.iter()
                    .filter(|l| l.indicator == indicator && l.month <= month)
                    .map(|l| l.id),
            );
        }
    }
    plan.ask.sort_unstable_by_key(|(i, _)| *i);
    plan.ask.dedup_by_key(|(i, _)| *i);
    plan.close.sort_unstable();
    plan.close.dedup();
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const I1: IndicatorId = IndicatorId(1);
    const I2: IndicatorId = IndicatorId(2);

    fn live(id: i32, indicator: IndicatorId, month: u32) -> Live {
        Live {
            id: ExplanationRequestId(id),
            indicator,
            month: (2026, month),
        }
    }

    #[test]
    fn off_track_asks_once_and_back_on_track_closes() {
        let statuses = [(I1, TrackStatus::OffTrack), (I2, TrackStatus::OnTrack)];
        let plan = on_approval((2026, 3), &statuses, &[live(9, I2, 2)], false);
        assert_eq!(plan.ask, vec![(I1, TrackStatus::OffTrack)]);
        assert_eq!(plan.close, vec![ExplanationRequestId(9)]);
        let again = on_approval((2026, 3), &statuses, &[live(10, I1, 3)], false);
        assert!(again.ask.is_empty());
    }

    #[test]
    fn at_risk_asks_only_when_configured_and_a_later_request_stays_open() {
        let statuses = [(I1, TrackStatus::AtRisk), (I2, TrackStatus::OnTrack)];
        assert!(on_approval((2026, 2), &statuses, &[], false).ask.is_empty());
        assert_eq!(on_approval((2026, 2), &statuses, &[], true).ask.len(), 1);
        // A month approved again before the month a request is about leaves it open.
        let plan = on_approval((2026, 2), &statuses, &[live(4, I2, 5)], false);
        assert!(plan.close.is_empty());
    }

    fn status() -> impl Strategy<Value = TrackStatus> {
        prop_oneof![
            Just(TrackStatus::OnTrack),
            Just(TrackStatus::AtRisk),
            Just(TrackStatus::OffTrack),
            Just(TrackStatus::NoData),
        ]
    }

    proptest! {
        #[test]
        fn never_asks_twice_about_an_indicator_and_closes_only_what_is_on_track(
            statuses in proptest::collection::vec((1..6i32, status()), 0..8),
            lives in proptest::collection::vec((1..50i32, 1..6i32, 1..13u32), 0..6),
            month in 1..13u32,
            include in any::<bool>(),
        ) {
            let statuses: Vec<(IndicatorId, TrackStatus)> =
                statuses.into_iter().map(|(i, s)| (IndicatorId(i), s)).collect();
            // Ids are unique, as stored.
            let lives: Vec<Live> = lives
                .into_iter()
                .enumerate()
                .map(|(n, (_, i, m))| live(n as i32 + 1, IndicatorId(i), m))
                .collect();
            let plan = on_approval((2026, month), &statuses, &lives, include);
            for (indicator, s) in &plan.ask {
                prop_assert!(asks_explanation(*s, include));
                prop_assert!(!lives.iter().any(|l| l.indicator == *indicator));
                prop_assert_eq!(plan.ask.iter().filter(|(i, _)| i == indicator).count(), 1);
            }
            for id in &plan.close {
                let l = lives.iter().find(|l| l.id == *id);
                prop_assert!(l.is_some());
                let l = l.copied().unwrap_or_else(|| live(0, I1, 1));
                prop_assert!(l.month <= (2026, month));
                prop_assert!(statuses.contains(&(l.indicator, TrackStatus::OnTrack)));
            }
            for (indicator, s) in &statuses {
                let followed = lives.iter().any(|l| l.indicator == *indicator);
                if asks_explanation(*s, include) && !followed {
                    prop_assert!(plan.ask.iter().any(|(i, _)| i == indicator));
                }
            }
        }
    }
}
