//! The demo's calendar, computed from the day it is seeded: figures for the last two full
//! years and this year up to last month, months approved up to two months ago, last month
//! partly submitted, late, rejected or in draft, this year's decision, and where the 2025
//! reorganisation falls. Pure and deterministic for a given day.

use crate::clock::start_of_vietnam_day;
use crate::domain::cycle::{DEFAULT_DUE_DAY, YearMonth};
use crate::domain::tree::{MonthIndex, month_index, month_of, year_month};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use shared::ReportStatus;

/// The day the two-level local government took effect (districts abolished, communes merged).
pub fn reorganisation_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()
}

/// Where the 2025 reorganisation falls in the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    /// Today is before it: the province still has its districts.
    Before,
    /// The calendar starts before it and today is on or after it: the old tree, the
    /// reorganisation, then the new tree.
    Across,
    /// The calendar starts after it: only the new tree.
    After,
}

/// The state of a unit's monthly report: status, version, the approver's comment.
pub type ReportState = (ReportStatus, i32, Option<&'static str>);

/// What a month sent back says.
pub const REJECTION: &str =
    "Số liệu hồ sơ đúng hạn chưa khớp với Cổng Dịch vụ công, đề nghị rà soát lại";

/// The demo's months, from the day it is seeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoCalendar {
    today: NaiveDate,
    /// January of the year before last.
    first: MonthIndex,
    /// The last closed month: the month before today's.
    last: MonthIndex,
}

impl DemoCalendar {
    /// The calendar of `today` (Vietnam's date).
    pub fn new(today: NaiveDate) -> Self {
        DemoCalendar {
            today,
            first: month_index(today.year() - 2, 1),
            last: month_of(today) - 1,
        }
    }

    /// The day it was computed for.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The first month with figures (January of the year before last).
    pub fn first_month(&self) -> (i32, u32) {
        year_month(self.first)
    }

    /// The last closed month, the last with figures: the month before today's.
    pub fn last_month(&self) -> (i32, u32) {
        year_month(self.last)
    }

    /// Every month with figures, oldest first.
    pub fn months(&self) -> impl Iterator<Item = (i32, u32)> + use<> {
        (self.first..=self.last).map(year_month)
    }

    /// Whether (`year`, `month`) is one of the last `n` months with figures.
    pub fn among_last_months(&self, year: i32, month: u32, n: i32) -> bool {
        let (ly, lm) = self.last_month();
        let last = month_index(ly, lm);
        let m = month_index(year, month);
        m <= last && m > last - n
    }

    /// The months with figures that fall in `[from, to]` (month indexes).
    pub fn months_within(&self, from: MonthIndex, to: MonthIndex) -> Vec<(i32, u32)> {
        (self.first.max(from)..=self.last.min(to))
            .map(year_month)
            .collect()
    }

    /// The year of this year's decision: the last closed month's.
    pub fn decision_year(&self) -> i32 {
        self.last_month().0
    }

    /// Where the 2025 reorganisation falls.
    pub fn era(&self) -> Era {
        let day = reorganisation_day();
        if self.today < day {
            Era::Before
        } else if month_of(day) > self.first {
            Era::Across
        } else {
            Era::After
        }
    }

    /// How far `year`/`month` is through the calendar, from 0 (the first month) to 1 (the
    /// last): quality improves along it.
    pub fn progress(&self, year: i32, month: u32) -> f64 {
        let span = (self.last - self.first).max(1);
        let at = (month_index(year, month) - self.first).clamp(0, span);
        f64::from(at) / f64::from(span)
    }

    /// The volume of `year` relative to the last closed month's year: about 8 % growth a year.
    pub fn growth(&self, year: i32) -> f64 {
        1.08f64.powi(year - self.decision_year())
    }

    /// The report of the `i`-th unit for `year`/`month`: approved up to two months ago; last
    /// month submitted for most, late (no report) for some, sent back with a comment for
    /// some, in draft for others. `late` forces last month to be missing (the demo officer's
    /// commune, whose month waits to be entered).
    pub fn report_state(&self, i: usize, year: i32, month: u32, late: bool) -> Option<ReportState> {
        let m = month_index(year, month);
        if m < self.first || m > self.last {
            return None;
        }
        // While last month's deadline is ahead, the late commune also owes the month
        // before, so that it always has an overdue month.
        if late && m == self.last - 1 && self.today.day() <= DEFAULT_DUE_DAY {
            return None;
        }
        if m < self.last {
            return Some((ReportStatus::Approved, 3, None));
        }
        if late {
            return None;
        }
        match i % 20 {
            0 | 1 => None,
            2 | 3 => Some((ReportStatus::Rejected, 3, Some(REJECTION))),
            4..=6 => Some((ReportStatus::Draft, 1, None)),
            _ => Some((ReportStatus::Submitted, 2, None)),
        }
    }
}

impl DemoCalendar {
    /// When the `i`-th unit first submitted `year`/`month` (09:00 in Vietnam): most a few
    /// days before the deadline, some one to eight days after it; never after today;
    /// `None` for a month never submitted (a draft).
    pub fn submitted_at(
        &self,
        i: usize,
        year: i32,
        month: u32,
        status: ReportStatus,
    ) -> Option<DateTime<Utc>> {
        if status == ReportStatus::Draft {
            return None;
        }
        let due = YearMonth::new(year, month)?.next().day(DEFAULT_DUE_DAY)?;
        let h = (i as i64 * 31 + i64::from(month) * 13 + i64::from(year) * 7).rem_euclid(20);
        let offset = match h {
            0 => 3,
            1 => 1,
            2 => 8,
            _ => -(h % 5),
        };
        let day = (due + chrono::Duration::days(offset)).min(self.today);
        Some(start_of_vietnam_day(day) + chrono::Duration::hours(9))
    }
}

/// Today in Vietnam (UTC+7).
pub fn vietnam_today() -> NaiveDate {
    crate::service::units::today()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn at_the_end_of_november_2026_the_figures_run_from_2024_to_october_2026() {
        let c = DemoCalendar::new(day(2026, 11, 30));
        assert_eq!(c.first_month(), (2024, 1));
        assert_eq!(c.last_month(), (2026, 10));
        assert_eq!(c.months().count(), 24 + 10);
        assert_eq!(c.decision_year(), 2026);
        assert_eq!(c.era(), Era::Across);
    }

    #[test]
    fn in_january_the_last_two_years_are_whole_and_nothing_of_this_year() {
        let c = DemoCalendar::new(day(2027, 1, 5));
        assert_eq!(c.first_month(), (2025, 1));
        assert_eq!(c.last_month(), (2026, 12));
        assert_eq!(c.months().count(), 24);
        assert!(c.months().all(|(y, _)| y < 2027));
        assert_eq!(c.decision_year(), 2026);
        assert_eq!(
            c.era(),
            Era::Across,
            "the reorganisation of 07/2025 is inside"
        );
    }

    #[test]
    fn the_reorganisation_falls_before_across_or_after_the_calendar() {
        assert_eq!(DemoCalendar::new(day(2025, 6, 30)).era(), Era::Before);
        assert_eq!(DemoCalendar::new(day(2025, 7, 1)).era(), Era::Across);
        assert_eq!(DemoCalendar::new(day(2027, 12, 31)).era(), Era::Across);
        assert_eq!(DemoCalendar::new(day(2028, 1, 1)).era(), Era::After);
    }

    #[test]
    fn months_are_approved_up_to_two_months_ago_and_last_month_is_mixed() {
        let c = DemoCalendar::new(day(2026, 11, 30));
        for i in 0..40 {
            assert_eq!(
                c.report_state(i, 2026, 9, false).map(|s| s.0),
                Some(ReportStatus::Approved)
            );
            assert_eq!(c.report_state(i, 2026, 11, false), None, "today's month");
            assert_eq!(
                c.report_state(i, 2023, 12, false),
                None,
                "before the calendar"
            );
            assert_eq!(c.report_state(i, 2026, 10, true), None, "forced late");
        }
        let last: Vec<Option<ReportStatus>> = (0..40)
            .map(|i| c.report_state(i, 2026, 10, false).map(|s| s.0))
            .collect();
        for want in [
            None,
            Some(ReportStatus::Rejected),
            Some(ReportStatus::Draft),
            Some(ReportStatus::Submitted),
        ] {
            assert!(last.contains(&want), "{want:?} last month");
        }
        let rejected = c.report_state(2, 2026, 10, false).unwrap();
        assert_eq!(rejected.2, Some(REJECTION), "a rejection says why");
    }

    #[test]
    fn most_months_are_submitted_by_the_deadline_some_late_none_after_today() {
        let c = DemoCalendar::new(day(2026, 11, 30));
        let due = day(2026, 10, 5);
        let days: Vec<NaiveDate> = (0..200)
            .filter_map(|i| c.submitted_at(i, 2026, 9, ReportStatus::Approved))
            .map(crate::clock::vietnam_day)
            .collect();
        let late = days.iter().filter(|d| **d > due).count();
        assert_eq!(days.len(), 200);
        assert!(late > 0 && late < 60, "{late} late of 200");
        assert_eq!(c.submitted_at(0, 2026, 10, ReportStatus::Draft), None);
        let early = DemoCalendar::new(day(2026, 11, 3));
        let last = (0..50).filter_map(|i| early.submitted_at(i, 2026, 10, ReportStatus::Submitted));
        assert!(
            last.map(crate::clock::vietnam_day)
                .all(|d| d <= day(2026, 11, 3))
        );
    }

    #[test]
    fn the_late_commune_always_has_an_overdue_month() {
        let early = DemoCalendar::new(day(2026, 12, 4));
        assert_eq!(early.report_state(0, 2026, 11, true), None);
        assert_eq!(
            early.report_state(0, 2026, 10, true),
            None,
            "October is past due"
        );
        assert!(early.report_state(0, 2026, 10, false).is_some());
        let later = DemoCalendar::new(day(2026, 12, 6));
        assert!(later.report_state(0, 2026, 10, true).is_some());
    }

    #[test]
    fn progress_runs_from_zero_to_one_and_volumes_grow_towards_this_year() {
        let c = DemoCalendar::new(day(2026, 11, 30));
        assert_eq!(c.progress(2024, 1), 0.0);
        assert_eq!(c.progress(2026, 10), 1.0);
        assert!(c.progress(2025, 6) > 0.0 && c.progress(2025, 6) < 1.0);
        assert_eq!(c.growth(2026), 1.0);
        assert!(c.growth(2024) < c.growth(2025));
    }

    #[test]
    fn the_same_day_gives_the_same_calendar() {
        assert_eq!(
            DemoCalendar::new(day(2026, 3, 1)),
            DemoCalendar::new(day(2026, 3, 1))
        );
        assert_eq!(DemoCalendar::new(day(2026, 3, 1)).last_month(), (2026, 2));
    }
}
