//! Roadmaps and personal targets: splitting a target into milestones (LINEAR, SEASONAL,
//! MANUAL; monthly or quarterly) and assigning personal shares to staff. ADMIN, or a
//! MANAGER for targets of units in its scope.

use super::targets::{changed_in_between, ensure_staff_of};
use super::{access, audit, targets};
use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::{Db, catalogue, milestones, roadmaps as last_year, targets as store};
use crate::domain::input;
use crate::domain::model::{Indicator, Target};
use crate::domain::roadmap::{SplitRequest, monthly_from_year_to_date, seasonal_measure, split};
use crate::domain::rollup::indicator_value;
use crate::domain::scope::{Placement, may_manage_in_scope};
use crate::error::{ServiceError, ServiceResult};
use shared::ids::{StaffId, TargetId};
use shared::{Grain, IndicatorKind, SplitMethod};

/// The target, when the caller may manage its unit (ADMIN or MANAGER in scope).
async fn authorize(actor: &Actor, db: &Db, id: TargetId, action: &str) -> ServiceResult<Target> {
    let role = access::role_for(actor, action, |r| {
        may_manage_in_scope(r, Placement::AtScope)
    })?;
    let t = targets::get(actor, db.conn(), id).await?;
    let at = access::placement(db.conn(), actor, t.unit_id).await?;
    access::allow(
        may_manage_in_scope(role, at),
        format!("you may not {action} for this unit"),
    )?;
    Ok(t)
}

/// The indicator of a target.
async fn indicator_of(db: &impl ConnectionTrait, t: &Target) -> ServiceResult<Indicator> {
    catalogue::indicator(db, t.indicator_id)
        .await?
        .ok_or_else(|| ServiceError::not_found("indicator"))
}

/// The milestones a split would give, without saving them (the split dialog's preview).
pub async fn preview_split(
    actor: &Actor,
    db: &Db,
    id: TargetId,
    method: SplitMethod,
    grain: Grain,
    values: Option<Vec<f64>>,
) -> ServiceResult<Vec<f64>> {
    let t = authorize(actor, db, id, "split targets").await?;
    compute_split(db, &t, method, grain, values).await
}

/// Replaces a target's milestones with a new split.
pub async fn split_target(
    actor: &Actor,
    db: &Db,
    id: TargetId,
    method: SplitMethod,
    grain: Grain,
    values: Option<Vec<f64>>,
) -> ServiceResult<Target> {
    let t = authorize(actor, db, id, "split targets").await?;
    let milestones = compute_split(db, &t, method, grain, values).await?;
    save_split(actor, db, &t, (method, grain), milestones).await
}

/// The milestones of a split of `t`, from its baseline or last year's figures.
async fn compute_split(
    db: &Db,
    t: &Target,
    method: SplitMethod,
    grain: Grain,
    values: Option<Vec<f64>>,
) -> ServiceResult<Vec<f64>> {
    let indicator = indicator_of(db.conn(), t).await?;
    let last_year_monthly = match method {
        SplitMethod::Seasonal => {
            let measure = seasonal_measure(&indicator);
            let ytd = last_year::year_to_date_by_month(db.conn(), t.unit_id, measure, t.year - 1);
            ytd.await?.map(|ytd| monthly_from_year_to_date(&ytd))
        }
        _ => None,
    };
    let req = SplitRequest {
        kind: indicator.kind,
        target: t.value,
        baseline: t.baseline,
        last_year_rate: last_year_rate(db.conn(), t, &indicator).await?,
        last_year_monthly,
        method,
        grain,
        manual: values,
    };
    split(&req).map_err(|e| ServiceError::validation(e.field, e.message))
}

/// The unit's rate of the indicator over the year before the target's (`None` for a count,
/// or without figures).
async fn last_year_rate(
    db: &impl ConnectionTrait,
    t: &Target,
    indicator: &Indicator,
) -> ServiceResult<Option<f64>> {
    let Some(d) = indicator.denominator_id else {
        return Ok(None);
    };
    let n = indicator.numerator_id;
    let totals = last_year::december_totals(db, t.unit_id, &[n, d], t.year - 1).await?;
    let (num, den) = (totals.get(&n).copied(), totals.get(&d).copied());
    Ok(indicator_value(IndicatorKind::Rate, num, den))
}

/// Stores the milestones of a split, bumps the target's version and audits it.
async fn save_split(
    actor: &Actor,
    db: &Db,
    t: &Target,
    (method, grain): (SplitMethod, Grain),
    values: Vec<f64>,
) -> ServiceResult<Target> {
    let txn = db.write().await?;
    let before = milestones::values_of(&*txn, t.id).await?;
    milestones::replace(&*txn, t.id, grain, &values).await?;
    bump_version(&*txn, t).await?;
    let before = Some(serde_json::json!({"milestones": before}));
    let after = serde_json::json!({"method": method, "grain": grain, "milestones": values});
    audit::record(
        &*txn,
        Some(actor),
        "splitTarget",
        "target",
        t.id,
        before,
        Some(after),
    )
    .await?;
    let after = targets::get(actor, &*txn, t.id).await?;
    txn.commit().await?;
    Ok(after)
}

async fn bump_version(db: &impl ConnectionTrait, t: &Target) -> ServiceResult<()> {
    if store::bump_version(db, t.id, t.version).await? {
        Ok(())
    } else {
        Err(changed_in_between())
    }
}

/// Sets a staff member's personal share of a target (staff of the target's unit).
pub async fn assign_staff_target(
    actor: &Actor,
    db: &Db,
    id: TargetId,
    staff_id: StaffId,
    value: f64,
) -> ServiceResult<Target> {
    let t = authorize(actor, db, id, "assign personal targets").await?;
    let indicator = indicator_of(db.conn(), &t).await?;
    let value = input::target_value("value", indicator.kind, value)?;
    let txn = db.write().await?;
    let rule = "personal targets go to staff of the target's unit";
    ensure_staff_of(&*txn, staff_id, t.unit_id, ("staffId", rule)).await?;
    let before = store::share(&*txn, id, staff_id).await?;
    store::put_share(&*txn, id, staff_id, value).await?;
    bump_version(&*txn, &t).await?;
    let before = Some(serde_json::json!({"staffId": staff_id, "value": before}));
    let after = Some(serde_json::json!({"staffId": staff_id, "value": value}));
    let action = "assignStaffTarget";
    audit::record(&*txn, Some(actor), action, "target", id, before, after).await?;
    let after = targets::get(actor, &*txn, id).await?;
    txn.commit().await?;
    Ok(after)
}

/// The shortfall of the personal shares against the target: counts sum, rates a plain
/// average; `None` when nobody has a share.
pub async fn staff_gap(db: &impl ConnectionTrait, t: &Target) -> ServiceResult<Option<f64>> {
    let shares = store::shares_of(db, &[t.id]).await?.remove(&t.id);
    let values: Vec<f64> = shares.unwrap_or_default().iter().map(|s| s.value).collect();
    let indicator = indicator_of(db, t).await?;
    Ok(crate::domain::cascade::staff_gap(
        indicator.kind,
        t.value,
        &values,
    ))
}
