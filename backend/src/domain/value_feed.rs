//! The change feed of raw figures as a caller sees it: which values a query selects, the
//! feed's order and its cursor, and the stamp rule that keeps the order the commit order.
//!
//! Sync contract: every value has `updatedAt`, the instant it was written or its month's
//! status last moved. The feed is ordered by (updatedAt, unit, measure, year, month) and a
//! new write always gets an `updatedAt` later than every one already committed. So a client
//! that pages to the end, keeps the last `updatedAt` it saw and later asks with
//! `updatedSince` set to it gets every value written or changed since, once. Values are
//! never deleted: a correction replaces a value, which then comes again with its new value,
//! status and a later `updatedAt` (the client keeps the last row per unit, measure, year
//! and month); so the feed needs no tombstones.

use super::InputError;
use super::paging::{Cursor, KeyPart};
use chrono::{DateTime, SubsecRound, TimeDelta, Utc};
use shared::ReportStatus;
use shared::ids::{MeasureId, UnitId};

/// The tag of the feed's cursors.
const LIST: &str = "measureValues";
/// The feed's sort key: microseconds, unit, measure, year, month.
const SHAPE: [bool; 5] = [true; 5];

/// Which units a feed query reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitChoice {
    /// Every unit in the caller's scope.
    Scope,
    /// These units only.
    Units(Vec<UnitId>),
    /// These units and everything below them.
    Subtrees(Vec<UnitId>),
}

/// What a feed query selects (always within the caller's scope).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedQuery {
    /// Which units.
    pub units: UnitChoice,
    /// Which measures; `None` for all.
    pub measures: Option<Vec<MeasureId>>,
    /// The first month, `(year, month)`.
    pub from: Option<(i32, i32)>,
    /// The last month, `(year, month)`.
    pub to: Option<(i32, i32)>,
    /// Only values changed strictly after this instant.
    pub updated_since: Option<DateTime<Utc>>,
}

impl FeedQuery {
    /// Refuses a month range that ends before it starts.
    pub fn check_range(&self) -> Result<(), InputError> {
        match (self.from, self.to) {
            (Some(from), Some(to)) if from > to => Err(InputError::new(
                "to",
                format!(
                    "Tháng cuối ({:02}/{}) đứng trước tháng đầu ({:02}/{}).",
                    to.1, to.0, from.1, from.0
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// A value's place in the feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FeedKey {
    pub changed_at: DateTime<Utc>,
    pub unit: UnitId,
    pub measure: MeasureId,
    pub year: i32,
    pub month: i32,
}

impl FeedKey {
    /// The cursor after this value.
    pub fn cursor(&self) -> Cursor {
        Cursor::new(
            LIST,
            vec![
                KeyPart::Int(self.changed_at.timestamp_micros()),
                KeyPart::Int(i64::from(self.unit.0)),
                KeyPart::Int(i64::from(self.measure.0)),
                KeyPart::Int(i64::from(self.year)),
                KeyPart::Int(i64::from(self.month)),
            ],
        )
    }

    /// The key named by a cursor handed out by [`FeedKey::cursor`].
    pub fn from_cursor(field: &str, text: &str) -> Result<Self, InputError> {
        let c = Cursor::decode(field, LIST, &SHAPE, text)?;
        let bad = || {
            InputError::new(
                field,
                "Con trỏ trang không hợp lệ: hãy dùng nguyên giá trị `endCursor` của trang trước.",
            )
        };
        let small = |i: usize| i32::try_from(c.int(i)).map_err(|_| bad());
        Ok(FeedKey {
            changed_at: DateTime::from_timestamp_micros(c.int(0)).ok_or_else(bad)?,
            unit: UnitId(small(1)?),
            measure: MeasureId(small(2)?),
            year: small(3)?,
            month: small(4)?,
        })
    }
}

/// One value of the feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedRow {
    pub key: FeedKey,
    pub value: i64,
    /// The status of the value's month.
    pub status: ReportStatus,
}

/// The stamp of a write at `at`: `at` to the microsecond, unless the latest stamp stored is
/// not earlier, then one microsecond after it (the feed's order stays the commit order even
/// when the clocks of several instances disagree).
pub fn stamp_after(at: DateTime<Utc>, latest: Option<DateTime<Utc>>) -> DateTime<Utc> {
    let at = at.trunc_subsecs(6);
    match latest {
        Some(latest) if latest >= at => latest.trunc_subsecs(6) + TimeDelta::microseconds(1),
        _ => at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn instant(micros: i64) -> DateTime<Utc> {
        DateTime::from_timestamp_micros(micros).unwrap()
    }

    #[test]
    fn a_stamp_is_the_clock_unless_a_later_one_is_stored() {
        let now = instant(1_800_000_000_000_000);
        assert_eq!(stamp_after(now, None), now);
        assert_eq!(stamp_after(now, Some(instant(1))), now);
        assert_eq!(stamp_after(now, Some(now)), instant(1_800_000_000_000_001));
        let ahead = instant(1_900_000_000_000_000);
        assert_eq!(
            stamp_after(now, Some(ahead)),
            instant(1_900_000_000_000_001)
        );
    }

    #[test]
    fn a_range_ending_before_it_starts_is_refused_on_to() {
        let q = FeedQuery {
            units: UnitChoice::Scope,
            measures: None,
            from: Some((2025, 5)),
            to: Some((2025, 4)),
            updated_since: None,
        };
        assert_eq!(q.check_range().unwrap_err().field, "to");
        let ok = FeedQuery {
            to: Some((2025, 5)),
            ..q
        };
        assert!(ok.check_range().is_ok());
    }

    #[test]
    fn a_cursor_of_another_list_is_refused() {
        let other = Cursor::new("units", vec![KeyPart::Int(1); 5]).encode();
        assert!(FeedKey::from_cursor("after", &other).is_err());
        let out_of_range = Cursor::new(LIST, vec![KeyPart::Int(i64::MAX); 5]).encode();
        assert!(FeedKey::from_cursor("after", &out_of_range).is_err());
    }

    proptest! {
        #[test]
        fn stamps_strictly_increase_whatever_the_clock(
            clocks in proptest::collection::vec(0i64..4_000_000_000_000_000, 1..50),
        ) {
            let mut latest = None;
            for c in clocks {
                let next = stamp_after(instant(c).trunc_subsecs(9), latest);
                if let Some(l) = latest {
                    prop_assert!(next > l);
                }
                latest = Some(next);
            }
        }

        #[test]
        fn every_key_survives_its_cursor(
            micros in 0i64..4_000_000_000_000_000,
            unit in 1i32..i32::MAX, measure in 1i32..i32::MAX,
            year in 2000i32..2100, month in 1i32..=12,
        ) {
            let key = FeedKey {
                changed_at: instant(micros),
                unit: UnitId(unit),
                measure: MeasureId(measure),
                year,
                month,
            };
            prop_assert_eq!(FeedKey::from_cursor("after", &key.cursor().encode()), Ok(key));
        }
    }
}
