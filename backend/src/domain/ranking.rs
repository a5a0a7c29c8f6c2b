//! Competition ranking of scores: higher rounded score first, ties share a rank (1, 2, 2, 4),
//! each unit ranked among the units of its own kind.

use crate::domain::rollup::round2;
use std::collections::HashMap;
use std::hash::Hash;

/// Ranks scores by their 2-decimal rounding, descending: a rank is 1 + the number of
/// strictly better rounded scores, so equal scores share a rank and the next rank skips.
/// The output is index-aligned with the input; a `None` (or NaN) score gets no rank.
pub fn competition_ranks(scores: &[Option<f64>]) -> Vec<Option<u32>> {
    let rounded: Vec<Option<f64>> = scores
        .iter()
        .map(|s| s.filter(|v| !v.is_nan()).map(round2))
        .collect();
    let mut descending: Vec<f64> = rounded.iter().flatten().copied().collect();
    descending.sort_by(|a, b| b.total_cmp(a));
    rounded
        .iter()
        .map(|s| {
            s.map(|s| {
                let better = descending.partition_point(|&other| other > s);
                u32::try_from(better).unwrap_or(u32::MAX - 1) + 1
            })
        })
        .collect()
}

/// Ranks each entry among the entries of its own group (a unit kind): competition ranks of
/// the scores (see [`competition_ranks`]), index-aligned with the input.
pub fn ranks_within<K: Eq + Hash + Copy>(entries: &[(K, Option<f64>)]) -> Vec<Option<u32>> {
    let mut by_group: HashMap<K, Vec<usize>> = HashMap::new();
    for (i, (group, _)) in entries.iter().enumerate() {
        by_group.entry(*group).or_default().push(i);
    }
    let mut ranks = vec![None; entries.len()];
    for idx in by_group.values() {
        let scores: Vec<Option<f64>> = idx.iter().map(|i| entries[*i].1).collect();
        for (i, rank) in idx.iter().zip(competition_ranks(&scores)) {
            ranks[*i] = rank;
        }
    }
    ranks
}

/// The order of a scoreboard: by group, then ranked entries by rank, then the unranked.
/// Stable: ties and unranked entries keep their input order.
pub fn board_order<K: Ord + Copy>(entries: &[(K, Option<u32>)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|i| {
        let (group, rank) = entries[*i];
        (group, rank.is_none(), rank.unwrap_or(u32::MAX))
    });
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ties_share_a_rank_and_the_next_rank_skips() {
        let ranks = competition_ranks(&[Some(90.0), Some(80.0), Some(80.0), Some(70.0)]);
        assert_eq!(ranks, vec![Some(1), Some(2), Some(2), Some(4)]);
    }

    #[test]
    fn output_follows_the_input_order() {
        let ranks = competition_ranks(&[Some(70.0), None, Some(90.0), Some(80.0)]);
        assert_eq!(ranks, vec![Some(3), None, Some(1), Some(2)]);
    }

    #[test]
    fn scores_equal_after_rounding_tie() {
        let ranks = competition_ranks(&[Some(80.004), Some(79.996), Some(80.006)]);
        assert_eq!(ranks, vec![Some(2), Some(2), Some(1)]);
    }

    #[test]
    fn no_scores_no_ranks() {
        assert_eq!(competition_ranks(&[]), Vec::<Option<u32>>::new());
        assert_eq!(competition_ranks(&[None, Some(f64::NAN)]), vec![None, None]);
    }

    #[test]
    fn each_kind_is_ranked_on_its_own() {
        let entries = [
            ('c', Some(50.0)),
            ('d', Some(90.0)),
            ('c', Some(70.0)),
            ('d', None),
        ];
        assert_eq!(
            ranks_within(&entries),
            vec![Some(2), Some(1), Some(1), None]
        );
    }

    #[test]
    fn a_board_lists_each_kind_ranked_first_then_unranked_in_input_order() {
        let entries = [
            ('d', None),
            ('c', Some(2)),
            ('d', Some(1)),
            ('c', Some(1)),
            ('c', None),
        ];
        assert_eq!(board_order(&entries), vec![3, 1, 4, 2, 0]);
    }

    proptest! {
        #[test]
        fn every_rank_is_one_plus_the_strictly_better_scores(
            scores in proptest::collection::vec(proptest::option::of((0u32..=20).prop_map(|v| f64::from(v) * 5.0)), 0..30),
        ) {
            let ranks = competition_ranks(&scores);
            prop_assert_eq!(ranks.len(), scores.len());
            for (score, rank) in scores.iter().zip(&ranks) {
                match score {
                    None => prop_assert_eq!(*rank, None),
                    Some(s) => {
                        let better = scores.iter().flatten().filter(|o| *o > s).count() as u32;
                        prop_assert_eq!(*rank, Some(better + 1));
                    }
                }
            }
            for (i, a) in scores.iter().enumerate() {
                for (j, b) in scores.iter().enumerate() {
                    if a.is_some() && a == b {
                        prop_assert_eq!(ranks[i], ranks[j]);
                    }
                }
            }
        }
    }
}
