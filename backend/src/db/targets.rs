//! Queries of targets and their personal shares (staff targets): selections inside a
//! [`Scope`], reads by unit and indicator for results, versioned writes and bulk imports.

use super::closure::Scope;
use super::entities::{staff_target, target};
use super::keyset;
use super::milestones::by_target;
use crate::domain::model::{Decision, StaffTarget, Target};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, UpdateMany,
};
use shared::ids::{DecisionId, IndicatorId, StaffId, TargetId, UnitId};
use std::collections::HashMap;

/// Which targets to read; every `None` leaves that column open.
#[derive(Debug, Clone, Copy)]
pub struct TargetSelection {
    /// Only units inside this part of the tree (the caller's scope).
    pub within: Scope,
    /// The year.
    pub year: Option<i32>,
    /// One unit.
    pub unit: Option<UnitId>,
    /// One decision.
    pub decision: Option<DecisionId>,
    /// One indicator.
    pub indicator: Option<IndicatorId>,
}

impl TargetSelection {
    /// The targets of `decision` inside `within`.
    pub fn of_decision(within: Scope, decision: DecisionId) -> TargetSelection {
        TargetSelection {
            within,
            year: None,
            unit: None,
            decision: Some(decision),
            indicator: None,
        }
    }
}

/// The selected targets, by unit, indicator and id.
pub async fn select<C: ConnectionTrait>(db: &C, s: TargetSelection) -> Result<Vec<Target>, DbErr> {
    use target::Column as T;
    let order = selected(s)
        .order_by_asc(T::UnitId)
        .order_by_asc(T::IndicatorId);
    let rows = order.order_by_asc(T::Id).all(db).await?;
    Ok(rows.into_iter().map(Target::from).collect())
}

/// At most `limit` of the selected targets after the id `after`, by id.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    s: TargetSelection,
    after: Option<i32>,
    limit: u64,
) -> Result<Vec<Target>, DbErr> {
    use target::Column as T;
    let rows = selected(s)
        .filter(keyset::after_id(T::Id, after))
        .order_by_asc(T::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Target::from).collect())
}

/// How many targets the selection has.
pub async fn count<C: ConnectionTrait>(db: &C, s: TargetSelection) -> Result<u64, DbErr> {
    selected(s).count(db).await
}

/// The query of the selected targets, unordered.
fn selected(s: TargetSelection) -> sea_orm::Select<target::Entity> {
    use target::Column as T;
    let mut q = s.within.apply(target::Entity::find(), T::UnitId);
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
    q
}

/// One target, when it exists and its unit lies inside `scope`.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: TargetId,
) -> Result<Option<Target>, DbErr> {
    let q = target::Entity::find_by_id(id.0);
    let row = scope.apply(q, target::Column::UnitId).one(db).await?;
    Ok(row.map(Target::from))
}

/// The targets with these ids whose unit lies inside `scope`.
pub async fn by_ids<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    ids: &[TargetId],
) -> Result<Vec<Target>, DbErr> {
    let q = target::Entity::find().filter(target::Column::Id.is_in(ids.iter().map(|i| i.0)));
    let rows = scope.apply(q, target::Column::UnitId).all(db).await?;
    Ok(rows.into_iter().map(Target::from).collect())
}

/// The targets of `units` × `indicators` (in `year` when given), oldest decision first.
pub async fn of_units<C: ConnectionTrait>(
    db: &C,
    units: &[UnitId],
    indicators: &[IndicatorId],
    year: Option<i32>,
) -> Result<Vec<Target>, DbErr> {
    let mut out = Vec::new();
    for chunk in units.chunks(5000) {
        let mut q = target::Entity::find()
            .filter(target::Column::UnitId.is_in(chunk.iter().map(|u| u.0)))
            .filter(target::Column::IndicatorId.is_in(indicators.iter().map(|i| i.0)));
        if let Some(y) = year {
            q = q.filter(target::Column::Year.eq(y));
        }
        let rows = q.order_by_asc(target::Column::DecisionId).all(db).await?;
        out.extend(rows.into_iter().map(Target::from));
    }
    Ok(out)
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

/// A target to store in bulk: its unit, indicator, value and baseline.
#[derive(Debug, Clone, Copy)]
pub struct TargetValue {
    pub unit: UnitId,
    pub indicator: IndicatorId,
    pub value: f64,
    pub baseline: Option<f64>,
}

/// Adds new targets to a decision (version 1, no responsible staff, not split).
pub async fn insert_many<C: ConnectionTrait>(
    db: &C,
    decision: &Decision,
    targets: &[TargetValue],
) -> Result<(), DbErr> {
    let rows: Vec<target::ActiveModel> = targets
        .iter()
        .map(|t| target::ActiveModel {
            decision_id: Set(decision.id.0),
            unit_id: Set(t.unit.0),
            indicator_id: Set(t.indicator.0),
            year: Set(decision.year),
            value: Set(t.value),
            baseline: Set(t.baseline),
            responsible_staff_id: Set(None),
            version: Set(1),
            split_grain: Set(None),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(1000) {
        target::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(())
}

/// Sets a target's value and baseline, bumps its version and drops its roadmap (it was
/// split from the old value and no longer leads to the target).
pub async fn replace<C: ConnectionTrait>(
    db: &C,
    id: TargetId,
    value: f64,
    baseline: Option<f64>,
) -> Result<(), DbErr> {
    target::Entity::update_many()
        .col_expr(target::Column::Value, Expr::value(value))
        .col_expr(target::Column::Baseline, Expr::value(baseline))
        .col_expr(
            target::Column::Version,
            Expr::col(target::Column::Version).add(1),
        )
        .filter(target::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    super::milestones::delete_of(db, id).await
}
