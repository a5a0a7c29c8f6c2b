//! The monthly cycle: the reporting calendar as it stands (the moved months, the defaults
//! elsewhere) and, on a day, every month that has ended since the calendar started with the
//! units owing it and where each one's report stands. The to-do lists, the timeliness and
//! the notifications are read from here.

pub mod deadlines;
pub mod off_track;
pub mod timeliness;
pub mod todo;

use crate::db::ConnectionTrait;
use crate::db::calendar::{self, OwingUnit};
use crate::domain::cycle::{Calendar, Deadline};
use crate::error::ServiceResult;
use chrono::NaiveDate;

/// The calendar: the moved months and the defaults.
pub async fn calendar(db: &impl ConnectionTrait) -> ServiceResult<Calendar> {
    Ok(Calendar::new(calendar::moved(db).await?))
}

/// A month that has ended, with the units owing it.
#[derive(Debug, Clone)]
pub struct MonthOwed {
    pub deadline: Deadline,
    pub units: Vec<OwingUnit>,
}

/// Every month ended by `today` since the calendar started (at most 24), each with the
/// units owing it: one query per month.
pub async fn months_owed(
    db: &impl ConnectionTrait,
    cal: &Calendar,
    today: NaiveDate,
) -> ServiceResult<Vec<MonthOwed>> {
    let mut out = Vec::new();
    for deadline in cal.months_until(today) {
        let units = calendar::owing(db, deadline.month).await?;
        out.push(MonthOwed { deadline, units });
    }
    Ok(out)
}
