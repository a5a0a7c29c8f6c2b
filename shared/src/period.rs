//! A reporting period of one year: a month, a quarter, year-to-date through a month, or the
//! whole year. Built only through [`Period::new`], so its months are always valid.

use crate::kinds::PeriodKind;
use serde::{Deserialize, Serialize};

/// The first and last year the product accepts.
pub const MIN_YEAR: i32 = 2000;
/// See [`MIN_YEAR`].
pub const MAX_YEAR: i32 = 2100;

/// A valid period: months `first_month()..=last_month()` of `year`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    year: i32,
    kind: PeriodKind,
    index: Option<u32>,
}

/// Why a period was rejected; `field` is the input field at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct PeriodError {
    /// `year` or `index`.
    pub field: &'static str,
    /// What was wrong, for a person.
    pub message: String,
}

impl Period {
    /// Parses a period. `index` is the month (MONTH, YTD) or quarter (QUARTER); it is ignored
    /// for YEAR.
    pub fn new(year: i32, kind: PeriodKind, index: Option<i64>) -> Result<Self, PeriodError> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(PeriodError {
                field: "year",
                message: format!("year must be between {MIN_YEAR} and {MAX_YEAR}, got {year}"),
            });
        }
        let max = match kind {
            PeriodKind::Month | PeriodKind::Ytd => 12,
            PeriodKind::Quarter => 4,
            PeriodKind::Year => {
                return Ok(Period {
                    year,
                    kind,
                    index: None,
                });
            }
        };
        match index {
            Some(i) if (1..=max).contains(&i) => Ok(Period {
                year,
                kind,
                index: Some(i as u32),
            }),
            Some(i) => Err(PeriodError {
                field: "index",
                message: format!(
                    "index of a {} period must be between 1 and {max}, got {i}",
                    kind.as_str()
                ),
            }),
            None => Err(PeriodError {
                field: "index",
                message: format!("a {} period needs an index", kind.as_str()),
            }),
        }
    }

    /// A single month.
    pub fn month(year: i32, month: u32) -> Result<Self, PeriodError> {
        Self::new(year, PeriodKind::Month, Some(i64::from(month)))
    }

    /// Year-to-date through `month`.
    pub fn ytd(year: i32, month: u32) -> Result<Self, PeriodError> {
        Self::new(year, PeriodKind::Ytd, Some(i64::from(month)))
    }

    /// The calendar year.
    pub fn year_of(year: i32) -> Result<Self, PeriodError> {
        Self::new(year, PeriodKind::Year, None)
    }

    /// The year of the period.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The kind of the period.
    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    /// The month, quarter or last YTD month; `None` for a year.
    pub fn index(&self) -> Option<u32> {
        self.index
    }

    /// The first month included (1–12).
    pub fn first_month(&self) -> u32 {
        match (self.kind, self.index) {
            (PeriodKind::Month, Some(m)) => m,
            (PeriodKind::Quarter, Some(q)) => (q - 1) * 3 + 1,
            _ => 1,
        }
    }

    /// The last month included (1–12): the evaluation month of the period.
    pub fn last_month(&self) -> u32 {
        match (self.kind, self.index) {
            (PeriodKind::Month | PeriodKind::Ytd, Some(m)) => m,
            (PeriodKind::Quarter, Some(q)) => q * 3,
            _ => 12,
        }
    }

    /// The previous period of the same kind: the month before (January → December of the
    /// year before), the quarter before (Q1 → Q4 of the year before), year-to-date one
    /// month earlier (none before YTD 1), the year before; `None` before [`MIN_YEAR`].
    pub fn previous(&self) -> Option<Period> {
        let (year, index) = match (self.kind, self.index) {
            (PeriodKind::Month, Some(1)) => (self.year - 1, Some(12)),
            (PeriodKind::Quarter, Some(1)) => (self.year - 1, Some(4)),
            (PeriodKind::Ytd, Some(1)) => return None,
            (PeriodKind::Year, _) => (self.year - 1, None),
            (_, Some(i)) => (self.year, Some(i - 1)),
            (_, None) => return None,
        };
        Period::new(year, self.kind, index.map(i64::from)).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_previous_period_is_of_the_same_kind() {
        let p = |year, kind, index| Period::new(year, kind, index).unwrap();
        use PeriodKind::*;
        assert_eq!(
            p(2026, Month, Some(3)).previous(),
            Some(p(2026, Month, Some(2)))
        );
        assert_eq!(
            p(2026, Month, Some(1)).previous(),
            Some(p(2025, Month, Some(12)))
        );
        assert_eq!(
            p(2026, Quarter, Some(1)).previous(),
            Some(p(2025, Quarter, Some(4)))
        );
        assert_eq!(
            p(2026, Quarter, Some(3)).previous(),
            Some(p(2026, Quarter, Some(2)))
        );
        assert_eq!(
            p(2026, Ytd, Some(5)).previous(),
            Some(p(2026, Ytd, Some(4)))
        );
        assert_eq!(p(2026, Ytd, Some(1)).previous(), None);
        assert_eq!(p(2026, Year, None).previous(), Some(p(2025, Year, None)));
        assert_eq!(p(MIN_YEAR, Month, Some(1)).previous(), None);
    }

    #[test]
    fn quarter_two_is_april_to_june() {
        let p = Period::new(2023, PeriodKind::Quarter, Some(2)).unwrap();
        assert_eq!((p.first_month(), p.last_month()), (4, 6));
    }

    #[test]
    fn ytd_runs_from_january() {
        let p = Period::new(2023, PeriodKind::Ytd, Some(7)).unwrap();
        assert_eq!((p.first_month(), p.last_month()), (1, 7));
    }

    #[test]
    fn year_ignores_its_index() {
        let p = Period::new(2023, PeriodKind::Year, Some(99)).unwrap();
        assert_eq!((p.first_month(), p.last_month(), p.index()), (1, 12, None));
    }

    #[test]
    fn out_of_range_index_and_year_are_rejected_with_their_field() {
        assert_eq!(
            Period::new(2023, PeriodKind::Month, Some(13))
                .unwrap_err()
                .field,
            "index"
        );
        assert_eq!(
            Period::new(2023, PeriodKind::Quarter, Some(0))
                .unwrap_err()
                .field,
            "index"
        );
        assert_eq!(
            Period::new(2023, PeriodKind::Ytd, None).unwrap_err().field,
            "index"
        );
        assert_eq!(
            Period::new(1999, PeriodKind::Year, None).unwrap_err().field,
            "year"
        );
    }
}
