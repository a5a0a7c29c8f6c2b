//! Results as series: the periods a range of months gives at a grain (each month, each
//! quarter overlapping it, or the year-to-date of each month), and the longest range asked
//! at once.

use super::InputError;
use super::tree::{MonthIndex, month_index, year_month};
use shared::{Period, PeriodKind};

/// The longest range of months of one series.
pub const MAX_SERIES_MONTHS: i32 = 36;

/// How a range of months is cut into periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesGrain {
    /// Each month of the range.
    Month,
    /// Each quarter that overlaps the range (a partial quarter at either end counts whole).
    Quarter,
    /// The year-to-date through each month of the range.
    Ytd,
}

/// The months `from..=to` as month indexes, refused on `to` when `to` comes before `from`
/// or the range is longer than [`MAX_SERIES_MONTHS`].
pub fn month_range(from: Period, to: Period) -> Result<(MonthIndex, MonthIndex), InputError> {
    let first = month_index(from.year(), from.first_month());
    let last = month_index(to.year(), to.last_month());
    if last < first {
        return Err(InputError::new(
            "to",
            "Tháng cuối (`to`) không được trước tháng đầu (`from`).",
        ));
    }
    let months = last - first + 1;
    if months > MAX_SERIES_MONTHS {
        return Err(InputError::new(
            "to",
            format!(
                "Một chuỗi kết quả dài tối đa {MAX_SERIES_MONTHS} tháng (đã yêu cầu {months} \
                 tháng); hãy chia thành nhiều lần gọi."
            ),
        ));
    }
    Ok((first, last))
}

/// The periods of the months `first..=last` at `grain`, in time order.
pub fn periods(first: MonthIndex, last: MonthIndex, grain: SeriesGrain) -> Vec<Period> {
    let mut out = Vec::new();
    for index in first..=last {
        let (year, month) = year_month(index);
        let period = match grain {
            SeriesGrain::Month => Period::new(year, PeriodKind::Month, Some(i64::from(month))),
            SeriesGrain::Ytd => Period::new(year, PeriodKind::Ytd, Some(i64::from(month))),
            SeriesGrain::Quarter => {
                // A quarter once, at its first month in the range.
                if index != first && (month - 1) % 3 != 0 {
                    continue;
                }
                let quarter = (month - 1) / 3 + 1;
                Period::new(year, PeriodKind::Quarter, Some(i64::from(quarter)))
            }
        };
        // The months come from two valid periods: every one of them is valid.
        if let Ok(p) = period {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn month(year: i32, month: u32) -> Period {
        Period::month(year, month).unwrap_or_else(|e| panic!("{e}"))
    }

    fn labels(periods: &[Period]) -> Vec<(i32, PeriodKind, Option<u32>)> {
        periods
            .iter()
            .map(|p| (p.year(), p.kind(), p.index()))
            .collect()
    }

    #[test]
    fn a_range_gives_one_period_per_month_quarter_or_year_to_date() {
        let (first, last) = month_range(month(2024, 11), month(2025, 2)).unwrap();
        use PeriodKind::*;
        assert_eq!(
            labels(&periods(first, last, SeriesGrain::Month)),
            vec![
                (2024, Month, Some(11)),
                (2024, Month, Some(12)),
                (2025, Month, Some(1)),
                (2025, Month, Some(2)),
            ]
        );
        assert_eq!(
            labels(&periods(first, last, SeriesGrain::Quarter)),
            vec![(2024, Quarter, Some(4)), (2025, Quarter, Some(1))]
        );
        assert_eq!(
            labels(&periods(first, last, SeriesGrain::Ytd)),
            vec![
                (2024, Ytd, Some(11)),
                (2024, Ytd, Some(12)),
                (2025, Ytd, Some(1)),
                (2025, Ytd, Some(2)),
            ]
        );
        let (first, last) = month_range(month(2023, 2), month(2023, 2)).unwrap();
        assert_eq!(
            labels(&periods(first, last, SeriesGrain::Quarter)),
            vec![(2023, Quarter, Some(1))]
        );
    }

    #[test]
    fn a_range_backwards_or_longer_than_three_years_is_refused_on_to() {
        let backwards = month_range(month(2024, 3), month(2024, 2)).unwrap_err();
        assert_eq!(backwards.field, "to");
        assert!(month_range(month(2022, 1), month(2024, 12)).is_ok());
        let long = month_range(month(2022, 1), month(2025, 1)).unwrap_err();
        assert_eq!(long.field, "to");
        assert!(long.message.contains("37"), "{}", long.message);
    }

    proptest! {
        #[test]
        fn every_month_of_the_range_lies_in_exactly_one_period_of_a_partition(
            from in 0i32..120, len in 1i32..=MAX_SERIES_MONTHS,
        ) {
            let first = month_index(2020, 1) + from;
            let last = first + len - 1;
            for grain in [SeriesGrain::Month, SeriesGrain::Quarter] {
                let ps = periods(first, last, grain);
                for index in first..=last {
                    let (y, m) = year_month(index);
                    let holding = ps
                        .iter()
                        .filter(|p| p.year() == y && (p.first_month()..=p.last_month()).contains(&m))
                        .count();
                    prop_assert_eq!(holding, 1);
                }
            }
            let ytd = periods(first, last, SeriesGrain::Ytd);
            prop_assert_eq!(ytd.len() as i32, len);
        }
    }
}
