//! Monthly reports: reading a unit's month, saving figures (replacing the given measures,
//! checking every consistency rule, bumping the version, maintaining the roll-ups), and the
//! workflow DRAFT → SUBMITTED → APPROVED / REJECTED, with reopening.

mod bulk;
pub mod review;
mod save;
mod workflow;

pub use bulk::{Outcome, approve_many};
pub use save::save;
pub use workflow::act;

/// A unit's month, checked.
pub use crate::db::reports::MonthKey;

use super::access::{self, OrNotFound};
use super::audit;
use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::reports::{self as months, Stamp, StoredMonth};
use crate::db::units;
use crate::domain::input;
use crate::domain::model::MonthlyReport;
use crate::error::{ServiceError, ServiceResult};
use shared::ReportStatus;
use shared::ids::UnitId;

/// A unit's month, as given by the caller.
#[derive(Debug, Clone, Copy)]
pub struct MonthRef {
    pub unit_id: UnitId,
    pub year: i64,
    pub month: i64,
}

fn parse_month(r: MonthRef) -> ServiceResult<MonthKey> {
    Ok(MonthKey {
        unit_id: r.unit_id,
        year: input::year("year", r.year)?,
        month: input::month("month", r.month)?,
    })
}

/// A unit's month in scope (an empty DRAFT at version 0 when nothing was saved yet).
pub async fn get(
    actor: &Actor,
    db: &impl ConnectionTrait,
    r: MonthRef,
) -> ServiceResult<MonthlyReport> {
    let key = parse_month(r)?;
    access::ensure_visible(db, actor, key.unit_id, "unit").await?;
    // A caller scoped to the root "sees" every id, existing or not.
    ensure_unit(db, key.unit_id).await?;
    Ok(months::load(db, key).await?)
}

/// The unit's code; NOT_FOUND when there is no such unit.
async fn ensure_unit(db: &impl ConnectionTrait, unit_id: UnitId) -> ServiceResult<String> {
    let unit = units::find(db, unit_id).await?;
    Ok(unit.or_not_found(format!("unit {unit_id}"))?.code)
}

/// The unit's code when it takes figures for the month; NOT_FOUND when there is no such
/// unit, VALIDATION (naming the successor) when it was not in force then: a unit takes
/// figures only while it exists; its earlier months stay open to correction.
async fn unit_taking_figures(db: &impl ConnectionTrait, key: MonthKey) -> ServiceResult<String> {
    let unit = units::find(db, key.unit_id)
        .await?
        .or_not_found(format!("unit {}", key.unit_id))?;
    match crate::service::reorg::why_no_figures(db, &unit, key.year, key.month).await? {
        Some(why) => Err(ServiceError::validation("month", why)),
        None => Ok(unit.code),
    }
}

/// Writes the audit entry of a change to a month.
async fn audit_month(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: &str,
    key: MonthKey,
    before: serde_json::Value,
    after: serde_json::Value,
) -> ServiceResult<()> {
    let id = format!("{}:{}-{:02}", key.unit_id, key.year, key.month);
    audit::record(
        db,
        Some(actor),
        action,
        "monthlyReport",
        id,
        Some(before),
        Some(after),
    )
    .await
}

/// Sets status and comment and bumps the version, failing with CONFLICT when someone else
/// changed the month since it was read.
async fn bump(
    db: &impl ConnectionTrait,
    month: &StoredMonth,
    status: ReportStatus,
    comment: Option<String>,
    by: Stamp,
) -> ServiceResult<()> {
    if months::bump(db, month, status, comment, by).await? {
        Ok(())
    } else {
        Err(ServiceError::conflict(
            "someone changed this month in between; reload it",
        ))
    }
}
