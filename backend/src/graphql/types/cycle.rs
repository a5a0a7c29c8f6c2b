//! The monthly cycle as the contract shows it: a month's deadlines, an item of a to-do list
//! and a unit's timeliness for a month.

use super::{Indicator, Unit, required_unit};
use crate::domain::cycle::todo::Todo;
use crate::graphql::loaders::loaders;
use crate::graphql::scalars::Date;
use crate::service::cycle::deadlines::MonthDeadline;
use crate::service::cycle::timeliness::UnitMonth;
use async_graphql::{Context, Object, Result};
use chrono::{DateTime, Utc};
use shared::TodoKind;

fn int(v: i64) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// A month's deadlines in the reporting calendar.
pub struct ReportingDeadline(pub MonthDeadline);

#[Object]
impl ReportingDeadline {
    async fn year(&self) -> i32 {
        self.0.year
    }
    async fn month(&self) -> i32 {
        self.0.month as i32
    }
    /// The month's figures must be submitted by this day, inclusive (default: the 5th of
    /// the next month).
    async fn due_on(&self) -> Date {
        Date(self.0.due_on)
    }
    /// And approved by this day, inclusive (default: the 10th of the next month).
    async fn approve_by(&self) -> Date {
        Date(self.0.approve_by)
    }
    /// True when an ADMIN set this month's deadlines; false for the defaults.
    async fn moved(&self) -> bool {
        self.0.moved
    }
}

/// One item of "Việc cần làm".
pub struct TodoItem(pub Todo);

#[Object]
impl TodoItem {
    async fn kind(&self) -> TodoKind {
        self.0.kind
    }
    /// The unit whose month it is (REPORT_*), whose months wait (APPROVAL_*), or that fell
    /// off track (OFF_TRACK).
    async fn unit(&self, ctx: &Context<'_>) -> Result<Unit> {
        required_unit(ctx, self.0.unit).await
    }
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// The month; for APPROVAL_* the oldest month waiting; for OFF_TRACK the latest month
    /// with approved figures.
    async fn month(&self) -> Option<i32> {
        self.0.month.map(|m| m as i32)
    }
    /// OFF_TRACK: the indicator that fell off track (year to date, approved figures).
    async fn indicator(&self, ctx: &Context<'_>) -> Result<Option<Indicator>> {
        match self.0.indicator {
            Some(id) => Ok(loaders(ctx)?.indicators.load_one(id).await?.map(Indicator)),
            None => Ok(None),
        }
    }
    /// REPORT_*: the deadline to submit; APPROVAL_*: the earliest deadline to approve of
    /// the months counted; null for OFF_TRACK.
    async fn due_on(&self) -> Option<Date> {
        self.0.due_on.map(Date)
    }
    /// Days past `dueOn` (for APPROVAL_OVERDUE the most of the months counted); 0 when not
    /// overdue.
    async fn days_overdue(&self) -> i32 {
        int(self.0.days_overdue)
    }
    /// The number of months the item stands for: the months waiting for APPROVAL_*, else 1.
    async fn count(&self) -> i32 {
        int(self.0.count)
    }
    /// REPORT_REJECTED: the comment the month was sent back with; EXPLANATION_* of a
    /// returned explanation: the reviewer's comment; ACTION_OVERDUE: the action.
    async fn comment(&self) -> Option<&str> {
        self.0.comment.as_deref()
    }
    /// EXPLANATION_* and ACTION_OVERDUE: the explanation request the item is about.
    async fn explanation_request_id(&self) -> Option<async_graphql::ID> {
        self.0
            .explanation_request
            .map(crate::graphql::scalars::to_id)
    }
}

/// Whether a unit submitted a month on time.
pub struct Timeliness(pub UnitMonth);

#[Object]
impl Timeliness {
    async fn unit(&self, ctx: &Context<'_>) -> Result<Unit> {
        required_unit(ctx, self.0.unit).await
    }
    async fn year(&self) -> i32 {
        self.0.year
    }
    async fn month(&self) -> i32 {
        self.0.month as i32
    }
    /// The month's deadline to submit.
    async fn due_on(&self) -> Date {
        Date(self.0.due_on)
    }
    /// The first submission (kept through rejections and reopenings); null while never
    /// submitted.
    async fn submitted_at(&self) -> Option<DateTime<Utc>> {
        self.0.submitted_at
    }
    /// Submitted by the deadline (a day in Vietnam); false when submitted later or not
    /// submitted and past it; null while not submitted and not yet due.
    async fn on_time(&self) -> Option<bool> {
        self.0.on_time
    }
    /// Days after the deadline it was submitted (or, not submitted, that have passed); 0
    /// when on time.
    async fn days_late(&self) -> i32 {
        int(self.0.days_late)
    }
}
