//! Which stored milestones the rule in force reads at a month, and a roadmap rebuilt from
//! only those: a scoreboard reads two milestones per target instead of twelve.

use crate::domain::roadmap::Roadmap;
use shared::Grain;

/// Periods of `grain` ended by `month` (months above 12 count as 12).
fn periods_ended(grain: Grain, month: u32) -> u32 {
    month.min(12) / grain.months()
}

/// The 1-based milestone indexes that `milestone_in_force` reads at `month` for a complete
/// roadmap of `grain`: the first, and the last period ended by `month` when one has ended.
pub fn indexes_read(grain: Grain, month: u32) -> Vec<i32> {
    match periods_ended(grain, month) {
        0 | 1 => vec![1],
        ended => vec![1, ended as i32],
    }
}

/// A roadmap of `grain` holding only the milestones `indexes_read(grain, month)` names,
/// given as `(index, value)`, shaped so that `milestone_in_force` at `month` gives what it
/// gives on the whole roadmap. Stored roadmaps are complete (a split writes one milestone
/// per period); without the first milestone there is no roadmap.
pub fn partial_roadmap(grain: Grain, month: u32, read: &[(i32, f64)]) -> Option<Roadmap> {
    let at = |idx: i32| read.iter().find(|(i, _)| *i == idx).map(|(_, v)| *v);
    let first = at(1)?;
    let ended = periods_ended(grain, month).max(1) as usize;
    let mut values = vec![first; ended];
    if let (Some(last), Some(v)) = (values.last_mut(), at(ended as i32)) {
        *last = v;
    }
    Some(Roadmap { grain, values })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::roadmap::milestone_in_force;
    use proptest::prelude::*;
    use shared::IndicatorKind;

    #[test]
    fn a_monthly_roadmap_is_read_at_its_first_and_last_ended_month() {
        assert_eq!(indexes_read(Grain::Month, 1), [1]);
        assert_eq!(indexes_read(Grain::Month, 7), [1, 7]);
        assert_eq!(indexes_read(Grain::Month, 14), [1, 12]);
        assert_eq!(indexes_read(Grain::Quarter, 2), [1]);
        assert_eq!(indexes_read(Grain::Quarter, 8), [1, 2]);
        assert_eq!(indexes_read(Grain::Quarter, 12), [1, 4]);
    }

    #[test]
    fn no_first_milestone_means_no_roadmap() {
        assert_eq!(partial_roadmap(Grain::Month, 5, &[(5, 40.0)]), None);
    }

    fn grain() -> impl Strategy<Value = Grain> {
        prop_oneof![Just(Grain::Month), Just(Grain::Quarter)]
    }

    proptest! {
        #[test]
        fn the_partial_roadmap_gives_the_milestone_in_force_of_the_whole_one(
            grain in grain(),
            month in 1u32..=14,
            rate in any::<bool>(),
            values in proptest::collection::vec(0.0f64..1e6, 12),
            annual in 0.0f64..1e6,
        ) {
            let kind = if rate { IndicatorKind::Rate } else { IndicatorKind::Count };
            let whole = Roadmap {
                grain,
                values: values[..grain.periods() as usize].to_vec(),
            };
            let read: Vec<(i32, f64)> = indexes_read(grain, month)
                .into_iter()
                .map(|i| (i, whole.values[i as usize - 1]))
                .collect();
            let partial = partial_roadmap(grain, month, &read);
            prop_assert_eq!(
                milestone_in_force(kind, annual, partial.as_ref(), month),
                milestone_in_force(kind, annual, Some(&whole), month)
            );
        }
    }
}
