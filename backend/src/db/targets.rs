//! Queries of targets and their personal shares (staff targets): selections within a
//! subtree, versioned writes, and the decision, unit and staff facts a target write checks.

use super::closure;
use super::entities::{decision, staff, staff_target, target, unit};
use super::milestones::by_target;
use crate::domain::model::{StaffTarget, Target};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Select, Set, UpdateMany,
};
use shared::ids::{DecisionId, IndicatorId, StaffId, TargetId, UnitId};
use std::collections::HashMap;

/// Which targets to read; every `None` leaves that column open.
#[derive(Debug, Clone, Copy, Default)]
pub struct TargetSelection {
    /// Only units in the subtree of this unit (the caller's scope); `None`: the whole tree.
    pub within: Option<UnitId>,
    /// The year.
    pub year: Option<i32>,
    /// One unit.
    pub unit: Option<UnitId>,
    /// One decision.
    pub decision: Option<DecisionId>,
    /// One indicator.
    pub indicator: Option<IndicatorId>,
}

fn within(q: Select<target::Entity>, root: Option<UnitId>) -> Select<target::Entity> {
    match root {
        Some(r) => {
            q.filter(Expr::col(target::Column::UnitId).in_subquery(closure::subtree_query(r)))
        }
        None => q,
    }
}

/// The selected targets, by unit, indicator and id.
pub async fn select<C: ConnectionTrait>(db: &C, s: TargetSelection) -> Result<Vec<Target>, DbErr> {
    use target::Column as T;
    let mut q = within(target::Entity::find(), s.within);
    if let Some(y) = s.year {
        q = q.filter(T::Year.eq(y));
    }
    if let Some(u) = s.unit {
        q = q.filter(T::UnitId.eq(u.0));
    }
    if let Some(d) = s.decision {
        q = q.filter(T::DecisionId.eq(d.0));
    }
    if let Some(i) = s.indicator {
        q = q.filter(T::IndicatorId.eq(i.0));
    }
    let order = q.order_by_asc(T::UnitId).order_by_asc(T::IndicatorId);
    let rows = order.order_by_asc(T::Id).all(db).await?;
    Ok(rows.into_iter().map(Target::from).collect())
}

/// One target, when it exists and its unit lies in the subtree of `within` (if given).
pub async fn get<C: ConnectionTrait>(
    db: &C,
    within_unit: Option<UnitId>,
    id: TargetId,
) -> Result<Option<Target>, DbErr> {
    let row = within(target::Entity::find_by_id(id.0), within_unit)
        .one(db)
        .await?;
    Ok(row.map(Target::from))
}

/// The target of (decision, unit, indicator).
pub async fn find<C: ConnectionTrait>(
    db: &C,
    decision: DecisionId,
    unit: UnitId,
    indicator: IndicatorId,
) -> Result<Option<Target>, DbErr> {
    let row = target::Entity::find()
        .filter(target::Column::DecisionId.eq(decision.0))
        .filter(target::Column::UnitId.eq(unit.0))
        .filter(target::Column::IndicatorId.eq(indicator.0))
        .one(db)
        .await?;
    Ok(row.map(Target::from))
}

/// What setting a target writes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetValues {
    /// The annual value.
    pub value: f64,
    /// The baseline.
    pub baseline: Option<f64>,
    /// The staff member responsible.
    pub responsible_staff_id: Option<StaffId>,
}

/// Inserts the target of (decision, unit, indicator) for `year`, at version 1.
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    key: (DecisionId, UnitId, IndicatorId),
    year: i32,
    values: TargetValues,
) -> Result<Target, DbErr> {
    let (decision, unit, indicator) = key;
    let row = target::ActiveModel {
        decision_id: Set(decision.0),
        unit_id: Set(unit.0),
        indicator_id: Set(indicator.0),
        year: Set(year),
        value: Set(values.value),
        baseline: Set(values.baseline),
        responsible_staff_id: Set(values.responsible_staff_id.map(|s| s.0)),
        version: Set(1),
        split_grain: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Target::from(row))
}

/// An update of target `id` that bumps its version, only while it is still at `version`.
fn at_version(id: TargetId, version: i32) -> UpdateMany<target::Entity> {
    use target::Column as T;
    target::Entity::update_many()
        .col_expr(T::Version, Expr::col(T::Version).add(1))
        .filter(T::Id.eq(id.0))
        .filter(T::Version.eq(version))
}

/// Writes `values` to target `id` and bumps its version, if it is still at `version`;
/// `false` when it was changed in between.
pub async fn update<C: ConnectionTrait>(
    db: &C,
    id: TargetId,
    version: i32,
    values: TargetValues,
) -> Result<bool, DbErr> {
    let staff = values.responsible_staff_id.map(|s| s.0);
    let res = at_version(id, version)
        .col_expr(target::Column::Value, Expr::value(values.value))
        .col_expr(target::Column::Baseline, Expr::value(values.baseline))
        .col_expr(target::Column::ResponsibleStaffId, Expr::value(staff))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Bumps the version of target `id` if it is still at `version`; `false` when it was changed
/// in between.
pub async fn bump_version<C: ConnectionTrait>(
    db: &C,
    id: TargetId,
    version: i32,
) -> Result<bool, DbErr> {
    let res = at_version(id, version).exec(db).await?;
    Ok(res.rows_affected == 1)
}

/// The personal shares of each target, by staff id.
pub async fn shares_of<C: ConnectionTrait>(
    db: &C,
    ids: &[TargetId],
) -> Result<HashMap<TargetId, Vec<StaffTarget>>, DbErr> {
    let rows = staff_target::Entity::find()
        .filter(staff_target::Column::TargetId.is_in(ids.iter().map(|i| i.0)))
        .order_by_asc(staff_target::Column::StaffId)
        .all(db)
        .await?;
    Ok(by_target(
        rows.into_iter()
            .map(|r| (r.target_id, StaffTarget::from(r))),
    ))
}

/// A staff member's personal share of a target.
pub async fn share<C: ConnectionTrait>(
    db: &C,
    id: TargetId,
    staff: StaffId,
) -> Result<Option<f64>, DbErr> {
    let row = staff_target::Entity::find_by_id((id.0, staff.0))
        .one(db)
        .await?;
    Ok(row.map(|s| s.value))
}

/// Sets (inserts or replaces) a staff member's personal share of a target.
pub async fn put_share<C: ConnectionTrait>(
    db: &C,
    id: TargetId,
    staff: StaffId,
    value: f64,
) -> Result<(), DbErr> {
    use staff_target::Column as S;
    let row = staff_target::ActiveModel {
        target_id: Set(id.0),
        staff_id: Set(staff.0),
        value: Set(value),
    };
    let on_conflict = OnConflict::columns([S::TargetId, S::StaffId])
        .update_column(S::Value)
        .to_owned();
    staff_target::Entity::insert(row)
        .on_conflict(on_conflict)
        .exec(db)
        .await?;
    Ok(())
}

/// The year of a decision, when it exists.
/// Unified with db::decisions at merge.
pub async fn decision_year<C: ConnectionTrait>(
    db: &C,
    id: DecisionId,
) -> Result<Option<i32>, DbErr> {
    let row = decision::Entity::find_by_id(id.0).one(db).await?;
    Ok(row.map(|d| d.year))
}

/// Whether a unit exists.
/// Unified with db::units at merge.
pub async fn unit_exists<C: ConnectionTrait>(db: &C, id: UnitId) -> Result<bool, DbErr> {
    Ok(unit::Entity::find_by_id(id.0).one(db).await?.is_some())
}

/// The unit of a staff member, when the staff member exists.
/// Unified with db::units at merge.
pub async fn staff_unit<C: ConnectionTrait>(db: &C, id: StaffId) -> Result<Option<UnitId>, DbErr> {
    let row = staff::Entity::find_by_id(id.0).one(db).await?;
    Ok(row.map(|s| UnitId(s.unit_id)))
}
