//! The reporting calendar as callers read and change it: a year's twelve months with their
//! deadlines (moved or default), and moving one month's deadlines (the ADMIN of the province
//! root only; checked, audited).

use crate::auth::Actor;
use crate::db::{self, Db};
use crate::domain::cycle::{Deadline, DeadlineError, YearMonth, check_deadline};
use crate::domain::input;
use crate::error::{ServiceError, ServiceResult};
use crate::service::{access, audit};
use chrono::NaiveDate;
use serde::Serialize;

/// A month's deadlines as shown, with whether an ADMIN moved them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthDeadline {
    pub year: i32,
    pub month: u32,
    pub due_on: NaiveDate,
    pub approve_by: NaiveDate,
    /// Set by an ADMIN (else the defaults).
    pub moved: bool,
}

impl MonthDeadline {
    fn of(d: Deadline, moved: bool) -> MonthDeadline {
        MonthDeadline {
            year: d.month.year,
            month: d.month.month,
            due_on: d.due_on,
            approve_by: d.approve_by,
            moved,
        }
    }
}

/// The twelve months of `year` with their deadlines (any caller, API tokens too).
pub async fn of_year(
    _actor: &Actor,
    db: &impl db::ConnectionTrait,
    year: i64,
) -> ServiceResult<Vec<MonthDeadline>> {
    let year = input::year("year", year)?;
    let moved = db::calendar::moved(db).await?;
    let cal = crate::domain::cycle::Calendar::new(moved.iter().copied());
    Ok((1..=12)
        .filter_map(|m| YearMonth::new(year, m))
        .filter_map(|m| {
            let was_moved = moved.iter().any(|d| d.month == m);
            cal.deadline(m).map(|d| MonthDeadline::of(d, was_moved))
        })
        .collect())
}

/// The ADMIN of the province root moves a month's deadlines (Tết, a holiday).
pub async fn set(
    actor: &Actor,
    db: &Db,
    year: i64,
    month: i64,
    due_on: NaiveDate,
    approve_by: NaiveDate,
) -> ServiceResult<MonthDeadline> {
    access::require_province_admin(actor, "set reporting deadlines")?;
    let by = actor.require_user("set reporting deadlines")?;
    let year = input::year("year", year)?;
    let month = input::month("month", month)?;
    let ym = YearMonth::new(year, month)
        .ok_or_else(|| ServiceError::validation("month", "tháng phải từ 1 đến 12"))?;
    let deadline = check_deadline(ym, due_on, approve_by).map_err(refused)?;
    let txn = db.write().await?;
    let moved = db::calendar::moved(&*txn).await?;
    let before = moved
        .iter()
        .find(|d| d.month == ym)
        .map(|d| MonthDeadline::of(*d, true));
    let before = before.or_else(|| {
        crate::domain::cycle::default_deadline(ym).map(|d| MonthDeadline::of(d, false))
    });
    db::calendar::upsert(&*txn, deadline, by, db.now()).await?;
    let after = MonthDeadline::of(deadline, true);
    let id = format!("{year}-{month:02}");
    audit::record(
        &*txn,
        Some(actor),
        "setReportingDeadline",
        "reportingDeadline",
        id,
        before.and_then(|b| serde_json::to_value(b).ok()),
        serde_json::to_value(after).ok(),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// A refused deadline as a validation error on its field, in Vietnamese.
fn refused(e: DeadlineError) -> ServiceError {
    ServiceError::validation(e.field(), e.message())
}
