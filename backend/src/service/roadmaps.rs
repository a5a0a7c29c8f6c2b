//! Roadmaps and personal targets: splitting a target into milestones (LINEAR, SEASONAL,
//! MANUAL; monthly or quarterly) and assigning personal shares to staff. ADMIN, or a
//! MANAGER for targets of units in its scope.

use super::{access, audit, catalogue, targets};
use crate::auth::Actor;
use crate::db::entities::{milestone, staff, staff_target, target};
use crate::db::{Db, rollups};
use crate::domain::input;
use crate::domain::model::Target;
use crate::domain::roadmap::{SplitRequest, split};
use crate::domain::rollup::rate;
use crate::domain::scope::may_manage_in_scope;
use crate::error::{ServiceError, ServiceResult};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use shared::ids::{StaffId, TargetId};
use shared::{Grain, IndicatorKind, Role, SplitMethod};

async fn authorize(actor: &Actor, db: &Db, id: TargetId, action: &str) -> ServiceResult<Target> {
    let role = actor.require_role(&[Role::Admin, Role::Manager], action)?;
    let t = targets::get(actor, db.conn(), id).await?;
    if !may_manage_in_scope(role, access::placement(db.conn(), actor, t.unit_id).await?) {
        return Err(ServiceError::forbidden(format!(
            "you may not {action} for this unit"
        )));
    }
    Ok(t)
}

/// Last year's monthly totals of `measure` over the unit's subtree (None without data).
async fn last_year_monthly(
    db: &impl ConnectionTrait,
    unit: i32,
    measure: i32,
    year: i32,
) -> ServiceResult<Option<[i64; 12]>> {
    let months: Vec<i32> = (1..=12).collect();
    let rows = rollups::ytd_rows(db, &[unit], &[measure], year - 1, &months, false).await?;
    if rows.iter().all(|r| r.count == 0) {
        return Ok(None);
    }
    let mut cum = [0i64; 12];
    for r in rows {
        if (1..=12).contains(&r.month) {
            cum[(r.month - 1) as usize] = r.total;
        }
    }
    // Missing rows mean no change since the previous month.
    for m in 1..12 {
        if cum[m] == 0 {
            cum[m] = cum[m - 1];
        }
    }
    let mut monthly = [0i64; 12];
    for m in 0..12 {
        monthly[m] = cum[m] - if m == 0 { 0 } else { cum[m - 1] };
    }
    Ok(Some(monthly))
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
    save_split(actor, db, &t, method, grain, milestones).await
}

/// The milestones of a split of `t`, from its baseline or last year's figures.
async fn compute_split(
    db: &Db,
    t: &Target,
    method: SplitMethod,
    grain: Grain,
    values: Option<Vec<f64>>,
) -> ServiceResult<Vec<f64>> {
    let indicator = catalogue::indicators_by_ids(db.conn(), &[t.indicator_id])
        .await?
        .remove(&t.indicator_id)
        .ok_or_else(|| ServiceError::not_found("indicator"))?;
    let profile_measure = match indicator.kind {
        IndicatorKind::Rate => indicator.denominator_id.unwrap_or(indicator.numerator_id),
        IndicatorKind::Count => indicator.numerator_id,
    };
    let last_year_rate = match indicator.denominator_id {
        Some(d) => {
            let rows = rollups::ytd_rows(
                db.conn(),
                &[t.unit_id.0],
                &[indicator.numerator_id.0, d.0],
                t.year - 1,
                &[12],
                false,
            )
            .await?;
            let get = |m: i32| {
                rows.iter()
                    .find(|r| r.measure_id == m && r.count > 0)
                    .map(|r| r.total)
            };
            match (get(indicator.numerator_id.0), get(d.0)) {
                (Some(n), Some(dd)) => rate(n, dd),
                _ => None,
            }
        }
        None => None,
    };
    let req = SplitRequest {
        kind: indicator.kind,
        target: t.value,
        baseline: t.baseline,
        last_year_rate,
        last_year_monthly: if method == SplitMethod::Seasonal {
            last_year_monthly(db.conn(), t.unit_id.0, profile_measure.0, t.year).await?
        } else {
            None
        },
        method,
        grain,
        manual: values,
    };
    split(&req).map_err(|e| ServiceError::validation(e.field, e.message))
}

async fn save_split(
    actor: &Actor,
    db: &Db,
    t: &Target,
    method: SplitMethod,
    grain: Grain,
    milestones: Vec<f64>,
) -> ServiceResult<Target> {
    let id = t.id;
    let txn = db.write().await?;
    let before: Vec<f64> = milestone::Entity::find()
        .filter(milestone::Column::TargetId.eq(id.0))
        .all(&*txn)
        .await?
        .into_iter()
        .map(|m| m.value)
        .collect();
    milestone::Entity::delete_many()
        .filter(milestone::Column::TargetId.eq(id.0))
        .exec(&*txn)
        .await?;
    let rows: Vec<milestone::ActiveModel> = milestones
        .iter()
        .enumerate()
        .map(|(k, v)| milestone::ActiveModel {
            target_id: Set(id.0),
            grain: Set(grain.as_str().to_owned()),
            idx: Set(k as i32 + 1),
            value: Set(*v),
        })
        .collect();
    milestone::Entity::insert_many(rows).exec(&*txn).await?;
    bump_version(&*txn, t).await?;
    audit::record(
        &*txn,
        Some(actor),
        "splitTarget",
        "target",
        id,
        Some(serde_json::json!({"milestones": before})),
        Some(serde_json::json!({"method": method, "grain": grain, "milestones": milestones})),
    )
    .await?;
    let after = targets::get(actor, &*txn, id).await?;
    txn.commit().await?;
    Ok(after)
}

async fn bump_version(db: &impl ConnectionTrait, t: &Target) -> ServiceResult<()> {
    let res = target::Entity::update_many()
        .col_expr(
            target::Column::Version,
            Expr::col(target::Column::Version).add(1),
        )
        .filter(target::Column::Id.eq(t.id.0))
        .filter(target::Column::Version.eq(t.version))
        .exec(db)
        .await?;
    if res.rows_affected == 1 {
        Ok(())
    } else {
        Err(ServiceError::conflict(
            "the target was changed in between; reload it",
        ))
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
    let indicator = catalogue::indicators_by_ids(db.conn(), &[t.indicator_id])
        .await?
        .remove(&t.indicator_id)
        .ok_or_else(|| ServiceError::not_found("indicator"))?;
    let value = input::target_value("value", indicator.kind, value)?;
    let txn = db.write().await?;
    let st = staff::Entity::find_by_id(staff_id.0)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("staff {staff_id}")))?;
    if st.unit_id != t.unit_id.0 {
        return Err(ServiceError::validation(
            "staffId",
            "personal targets go to staff of the target's unit",
        ));
    }
    let before = staff_target::Entity::find_by_id((id.0, staff_id.0))
        .one(&*txn)
        .await?
        .map(|s| s.value);
    staff_target::Entity::insert(staff_target::ActiveModel {
        target_id: Set(id.0),
        staff_id: Set(staff_id.0),
        value: Set(value),
    })
    .on_conflict(
        OnConflict::columns([
            staff_target::Column::TargetId,
            staff_target::Column::StaffId,
        ])
        .update_column(staff_target::Column::Value)
        .to_owned(),
    )
    .exec(&*txn)
    .await?;
    bump_version(&*txn, &t).await?;
    audit::record(
        &*txn,
        Some(actor),
        "assignStaffTarget",
        "target",
        id,
        Some(serde_json::json!({"staffId": staff_id, "value": before})),
        Some(serde_json::json!({"staffId": staff_id, "value": value})),
    )
    .await?;
    let after = targets::get(actor, &*txn, id).await?;
    txn.commit().await?;
    Ok(after)
}

/// The shortfall of the personal shares against the target: counts sum, rates a plain
/// average; `None` when nobody has a share.
pub async fn staff_gap(db: &impl ConnectionTrait, t: &Target) -> ServiceResult<Option<f64>> {
    let shares: Vec<f64> = staff_target::Entity::find()
        .filter(staff_target::Column::TargetId.eq(t.id.0))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.value)
        .collect();
    let indicator = catalogue::indicators_by_ids(db, &[t.indicator_id])
        .await?
        .remove(&t.indicator_id)
        .ok_or_else(|| ServiceError::not_found("indicator"))?;
    Ok(crate::domain::cascade::staff_gap(
        indicator.kind,
        t.value,
        &shares,
    ))
}
