//! The biggest rank drops since the previous period, for a leader's home: units whose rank
//! fell the most places, worst first.

/// A unit's rank now and in the previous period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankMove {
    pub unit_id: String,
    pub unit_name: String,
    pub rank: Option<i64>,
    pub previous_rank: Option<i64>,
}

impl RankMove {
    /// Places lost since the previous period (none when either rank is missing or the unit
    /// did not drop).
    pub fn drop(&self) -> Option<i64> {
        let places = self.rank? - self.previous_rank?;
        (places > 0).then_some(places)
    }
}

/// The `n` biggest drops, most places first, then the worse rank first, then by name.
pub fn biggest_drops(moves: impl IntoIterator<Item = RankMove>, n: usize) -> Vec<RankMove> {
    let mut dropped: Vec<RankMove> = moves.into_iter().filter(|m| m.drop().is_some()).collect();
    dropped.sort_by(|a, b| {
        b.drop()
            .cmp(&a.drop())
            .then_with(|| b.rank.cmp(&a.rank))
            .then_with(|| crate::names::compare(&a.unit_name, &b.unit_name))
    });
    dropped.truncate(n);
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mv(name: &str, rank: Option<i64>, previous: Option<i64>) -> RankMove {
        RankMove {
            unit_id: name.to_lowercase(),
            unit_name: name.to_owned(),
            rank,
            previous_rank: previous,
        }
    }

    #[test]
    fn the_units_that_fell_most_come_first_and_risers_are_left_out() {
        let moves = vec![
            mv("A", Some(5), Some(4)),
            mv("B", Some(10), Some(2)),
            mv("C", Some(1), Some(3)),
            mv("D", Some(7), None),
            mv("E", Some(12), Some(4)),
            mv("F", None, Some(1)),
        ];
        let names: Vec<String> = biggest_drops(moves, 2)
            .into_iter()
            .map(|m| m.unit_name)
            .collect();
        assert_eq!(names, ["E", "B"]);
    }

    #[test]
    fn nobody_dropped_gives_an_empty_list() {
        assert!(biggest_drops(vec![mv("A", Some(1), Some(1))], 5).is_empty());
    }
}
