//! Rules that the monthly-report form and the server share: values are non-negative and a
//! part never exceeds its whole. The rules are the catalogue's data (the default catalogue's
//! are [`crate::measures::CONSISTENCY_RULES`]).

use serde::{Deserialize, Serialize};

/// A broken consistency rule: `part` > `whole` in one unit and month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsistencyViolation {
    /// The measure that is too large, e.g. `FULL_ONLINE`.
    pub part: String,
    /// The measure it belongs to, e.g. `RECEIVED`.
    pub whole: String,
    /// The value of `part`.
    pub part_value: i64,
    /// The value of `whole`.
    pub whole_value: i64,
}

impl std::fmt::Display for ConsistencyViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}) must not exceed {} ({})",
            self.part, self.part_value, self.whole, self.whole_value
        )
    }
}

/// Checks every `(part, whole)` rule of `rules` whose two measures both have a value.
/// `value_of` returns the month's value of a measure code, `None` when not reported.
pub fn check_consistency<S: AsRef<str>>(
    rules: &[(S, S)],
    value_of: impl Fn(&str) -> Option<i64>,
) -> Vec<ConsistencyViolation> {
    rules
        .iter()
        .filter_map(|(part, whole)| {
            let (part, whole) = (part.as_ref(), whole.as_ref());
            match (value_of(part), value_of(whole)) {
                (Some(p), Some(w)) if p > w => Some(ConsistencyViolation {
                    part: part.to_owned(),
                    whole: whole.to_owned(),
                    part_value: p,
                    whole_value: w,
                }),
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    fn month(pairs: &[(&str, i64)]) -> HashMap<String, i64> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
    }

    #[test]
    fn full_online_above_received_online_is_named_with_both_measures() {
        let m = month(&[(RECEIVED, 100), (RECEIVED_ONLINE, 40), (FULL_ONLINE, 50)]);
        let v = check_consistency(&CONSISTENCY_RULES, |c| m.get(c).copied());
        assert_eq!(v.len(), 1);
        assert_eq!(
            (v[0].part.as_str(), v[0].whole.as_str()),
            (FULL_ONLINE, RECEIVED_ONLINE)
        );
        assert_eq!((v[0].part_value, v[0].whole_value), (50, 40));
    }

    #[test]
    fn a_rule_with_an_unreported_measure_is_not_checked() {
        let m = month(&[(PAID_ONLINE, 10)]);
        assert!(check_consistency(&CONSISTENCY_RULES, |c| m.get(c).copied()).is_empty());
    }

    #[test]
    fn equal_part_and_whole_are_consistent() {
        let m = month(&[(DUE, 7), (ON_TIME, 7)]);
        assert!(check_consistency(&CONSISTENCY_RULES, |c| m.get(c).copied()).is_empty());
    }

    proptest! {
        #[test]
        fn every_reported_violation_really_breaks_its_rule(values in proptest::collection::vec(0i64..1000, 13)) {
            let m: HashMap<String, i64> = DEFAULT_MEASURES.iter().map(|c| (*c).to_owned()).zip(values).collect();
            let found = check_consistency(&CONSISTENCY_RULES, |c| m.get(c).copied());
            for (part, whole) in CONSISTENCY_RULES {
                let broken = m[part] > m[whole];
                prop_assert_eq!(broken, found.iter().any(|v| v.part == part && v.whole == whole));
            }
        }
    }
}
