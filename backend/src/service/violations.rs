//! Violations by staff (delay, harassment, extra documents, …): listed within scope,
//! recorded by ADMIN or a MANAGER in scope.

use super::paging::{PageArgs, Paged};
use super::{access, audit, staff};
use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::{self, Db};
use crate::domain::input;
use crate::domain::model::Violation;
use crate::domain::paging::KeyPart;
use crate::domain::scope::{Placement, may_manage_in_scope};
use crate::error::{ServiceError, ServiceResult};
use chrono::{Datelike, NaiveDate};
use shared::ids::UnitId;

pub use crate::db::violations::NewViolation;

/// Violations in scope (of one unit's subtree if given), newest first.
pub async fn list(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit_id: Option<UnitId>,
    year: Option<i32>,
) -> ServiceResult<Vec<Violation>> {
    let between = checked(actor, db, unit_id, year).await?;
    Ok(db::violations::list(db, access::scope(actor), unit_id, between).await?)
}

/// A page of the violations of [`list`], newest first by id.
pub async fn page(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit_id: Option<UnitId>,
    year: Option<i32>,
    args: &PageArgs,
) -> ServiceResult<Paged<Violation>> {
    let keys = args.check("violations", &[true])?;
    let between = checked(actor, db, unit_id, year).await?;
    let scope = access::scope(actor);
    let probe = keys.size.probe();
    let rows = db::violations::page(db, scope, unit_id, between, keys.id(), probe).await?;
    let total = db::violations::count(db, scope, unit_id, between).await?;
    Ok(keys.page(rows, total, |v| vec![KeyPart::Int(i64::from(v.id.0))]))
}

/// The days of `year`, after checking that `unit_id` is visible (NOT_FOUND otherwise).
async fn checked(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit_id: Option<UnitId>,
    year: Option<i32>,
) -> ServiceResult<Option<(NaiveDate, NaiveDate)>> {
    if let Some(u) = unit_id {
        access::ensure_visible(db, actor, u, "unit").await?;
    }
    year.map(year_range).transpose()
}

/// The first and last day of `year`.
fn year_range(year: i32) -> ServiceResult<(NaiveDate, NaiveDate)> {
    let day = |month, day| {
        NaiveDate::from_ymd_opt(year, month, day)
            .ok_or_else(|| ServiceError::validation("year", "invalid year"))
    };
    Ok((day(1, 1)?, day(12, 31)?))
}

/// Records a violation (ADMIN, MANAGER in scope).
pub async fn record(actor: &Actor, db: &Db, cmd: NewViolation) -> ServiceResult<Violation> {
    let role = access::role_for(actor, "record violations", |r| {
        may_manage_in_scope(r, Placement::Below)
    })?;
    let user = actor.require_user("record violations")?;
    let cmd = check(cmd, db.clock().today())?;
    let outside = "violations can only be recorded for units in your scope";
    let rule = |at| may_manage_in_scope(role, at);
    access::allow_at(db.conn(), actor, cmd.unit_id, rule, outside).await?;
    let txn = db.write().await?;
    let created = record_in(&*txn, actor, cmd, user, db.now()).await?;
    txn.commit().await?;
    Ok(created)
}

/// The violation with its texts checked, on no day after `today`.
pub fn check(cmd: NewViolation, today: NaiveDate) -> ServiceResult<NewViolation> {
    let cmd = NewViolation {
        description: input::text("description", &cmd.description, 4000)?,
        dossier_ref: input::optional_text("dossierRef", cmd.dossier_ref.as_deref(), 128)?,
        ..cmd
    };
    if cmd.occurred_on > today {
        return Err(ServiceError::validation(
            "occurredOn",
            "must not be in the future",
        ));
    }
    input::year("occurredOn", i64::from(cmd.occurred_on.year()))?;
    Ok(cmd)
}

/// Records a checked violation inside the caller's transaction (authorised by the caller):
/// its staff member must belong to its unit; audited as `recordViolation`.
pub async fn record_in(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    cmd: NewViolation,
    user: shared::ids::UserId,
    now: chrono::DateTime<chrono::Utc>,
) -> ServiceResult<Violation> {
    let elsewhere = "the staff member does not belong to this unit";
    staff::ensure_member(txn, cmd.unit_id, cmd.staff_id, elsewhere).await?;
    let created = db::violations::insert(txn, cmd, user, now).await?;
    let action = "recordViolation";
    audit::created(txn, Some(actor), action, "violation", created.id, &created).await?;
    Ok(created)
}
