//! The monthly cycle's rules, pure: each month's deadlines (the 5th and the 10th of the
//! next month unless an ADMIN moved them), the months a unit owes on a day, when a
//! reminder, an overdue notice and an escalation are due, whether a submission was on time,
//! and how long the outbox waits before trying a delivery again.

mod schedule;
pub mod todo;

pub use schedule::{ESCALATION_DAYS_AFTER, Notice, REMINDER_DAYS_BEFORE, notices_due};

use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Day of the next month by which a month's figures are submitted, by default.
pub const DEFAULT_DUE_DAY: u32 = 5;
/// Day of the next month by which they are approved, by default.
pub const DEFAULT_APPROVE_DAY: u32 = 10;

/// A month of a year (1–12), ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    /// `None` unless `month` is 1–12.
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        (1..=12)
            .contains(&month)
            .then_some(YearMonth { year, month })
    }

    /// The month a day falls in.
    pub fn of(day: NaiveDate) -> YearMonth {
        YearMonth {
            year: day.year(),
            month: day.month(),
        }
    }

    /// The month after.
    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            YearMonth {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// Day `day` of this month, clamped to its last day.
    pub fn day(self, day: u32) -> Option<NaiveDate> {
        (1..=day.min(31))
            .rev()
            .find_map(|d| NaiveDate::from_ymd_opt(self.year, self.month, d))
    }

    /// Its first day.
    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
    }
}

/// A month's two deadlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub month: YearMonth,
    /// The month's figures must be submitted by this day (inclusive).
    pub due_on: NaiveDate,
    /// And approved by this day (inclusive).
    pub approve_by: NaiveDate,
}

/// The defaults: the 5th and the 10th of the next month.
pub fn default_deadline(month: YearMonth) -> Option<Deadline> {
    let next = month.next();
    Some(Deadline {
        month,
        due_on: next.day(DEFAULT_DUE_DAY)?,
        approve_by: next.day(DEFAULT_APPROVE_DAY)?,
    })
}

/// Why a moved deadline is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeadlineError {
    /// `dueOn` falls before the month has ended.
    DueBeforeMonthEnds,
    /// `approveBy` falls before `dueOn`.
    ApprovalBeforeDue,
    /// Either falls more than a year after the month.
    TooLate,
}

impl DeadlineError {
    /// The field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            DeadlineError::DueBeforeMonthEnds => "dueOn",
            DeadlineError::ApprovalBeforeDue | DeadlineError::TooLate => "approveBy",
        }
    }

    /// What was wrong, in Vietnamese.
    pub fn message(&self) -> &'static str {
        match self {
            DeadlineError::DueBeforeMonthEnds => {
                "hạn nộp phải sau khi tháng báo cáo kết thúc (từ ngày 1 của tháng sau)"
            }
            DeadlineError::ApprovalBeforeDue => "hạn duyệt không được trước hạn nộp",
            DeadlineError::TooLate => {
                "hạn nộp và hạn duyệt phải trong vòng một năm sau tháng báo cáo"
            }
        }
    }
}

/// A moved deadline, checked: due after the month ends, approval not before due, both
/// within a year.
pub fn check_deadline(
    month: YearMonth,
    due_on: NaiveDate,
    approve_by: NaiveDate,
) -> Result<Deadline, DeadlineError> {
    let after = month.next().first_day().ok_or(DeadlineError::TooLate)?;
    if due_on < after {
        return Err(DeadlineError::DueBeforeMonthEnds);
    }
    if approve_by < due_on {
        return Err(DeadlineError::ApprovalBeforeDue);
    }
    let limit = after + chrono::Duration::days(366);
    if due_on > limit || approve_by > limit {
        return Err(DeadlineError::TooLate);
    }
    Ok(Deadline {
        month,
        due_on,
        approve_by,
    })
}

/// The calendar: the months an ADMIN moved, the defaults elsewhere.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    moved: BTreeMap<YearMonth, Deadline>,
}

impl Calendar {
    /// A calendar with these moved months.
    pub fn new(moved: impl IntoIterator<Item = Deadline>) -> Calendar {
        Calendar {
            moved: moved.into_iter().map(|d| (d.month, d)).collect(),
        }
    }

    /// The month's deadlines.
    pub fn deadline(&self, month: YearMonth) -> Option<Deadline> {
        self.moved
            .get(&month)
            .copied()
            .or_else(|| default_deadline(month))
    }

    /// The first month the calendar tracks: the earliest month an ADMIN gave a deadline,
    /// else January of `today`'s year.
    pub fn first_tracked(&self, today: NaiveDate) -> YearMonth {
        let january = YearMonth {
            year: today.year(),
            month: 1,
        };
        self.moved.keys().next().copied().unwrap_or(january)
    }

    /// The months owed on `today`: from the first tracked month to the last whose deadline
    /// has passed (at most 24 months back).
    pub fn owed(&self, today: NaiveDate) -> Vec<Deadline> {
        self.months_until(today)
            .into_iter()
            .filter(|d| d.due_on < today)
            .collect()
    }

    /// The months that have ended by `today` with their deadlines, from the first tracked
    /// month (at most 24 months back): owed ones, and those still due.
    pub fn months_until(&self, today: NaiveDate) -> Vec<Deadline> {
        let current = YearMonth::of(today);
        let mut month = self.first_tracked(today);
        let floor = YearMonth {
            year: current.year - 2,
            month: current.month,
        };
        month = month.max(floor);
        let mut out = Vec::new();
        while month < current {
            if let Some(d) = self.deadline(month) {
                out.push(d);
            }
            month = month.next();
        }
        out
    }
}

/// Whether a unit owes a month: active, in force on some day of it (from `valid_from`
/// through `valid_to`), and reporting at all (an OFFICER account or a target that year).
pub fn owes(
    active: bool,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    reports: bool,
    month: YearMonth,
) -> bool {
    let (Some(first), Some(last)) = (month.first_day(), month.day(31)) else {
        return false;
    };
    active
        && reports
        && valid_from.is_none_or(|from| from <= last)
        && valid_to.is_none_or(|to| to >= first)
}

/// Whether and how late a month was submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeliness {
    /// `None` while not submitted and not yet due.
    pub on_time: Option<bool>,
    /// Days after the deadline it was submitted (or, not submitted, that have passed); 0
    /// when on time.
    pub days_late: i64,
}

/// The timeliness of a month due on `due_on`, first submitted on `submitted_on` (a day in
/// Vietnam), read on `today`.
pub fn timeliness(
    due_on: NaiveDate,
    submitted_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Timeliness {
    match submitted_on {
        Some(day) => Timeliness {
            on_time: Some(day <= due_on),
            days_late: (day - due_on).num_days().max(0),
        },
        None if today > due_on => Timeliness {
            on_time: Some(false),
            days_late: (today - due_on).num_days(),
        },
        None => Timeliness {
            on_time: None,
            days_late: 0,
        },
    }
}

/// The share of months submitted on time among those due, in percent; `None` when none
/// was due.
pub fn timeliness_rate(months: &[Timeliness]) -> Option<f64> {
    let due: Vec<bool> = months.iter().filter_map(|t| t.on_time).collect();
    if due.is_empty() {
        return None;
    }
    let on_time = due.iter().filter(|o| **o).count();
    Some(on_time as f64 * 100.0 / due.len() as f64)
}

/// The waits before each retry of a failed delivery, in multiples of the base (5 s by
/// default: 5 s, 30 s, 2 min, 10 min, 1 h).
const RETRY_FACTORS: [u64; 5] = [1, 6, 24, 120, 720];

/// The most delivery attempts: the first and five retries.
pub const MAX_ATTEMPTS: i32 = RETRY_FACTORS.len() as i32 + 1;

/// After `attempts` failed tries, how long to wait before the next one; `None` when the
/// notification has had its last try and is FAILED.
pub fn retry_after(attempts: i32, base_secs: u64) -> Option<std::time::Duration> {
    let index = usize::try_from(attempts.checked_sub(1)?).ok()?;
    RETRY_FACTORS
        .get(index)
        .map(|f| std::time::Duration::from_secs(f.saturating_mul(base_secs.max(1))))
}

#[cfg(test)]
mod tests;
