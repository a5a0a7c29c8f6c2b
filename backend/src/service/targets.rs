//! Targets of decisions: listing within scope, setting them (ADMIN; MANAGER for units
//! strictly below its own) with optimistic versioning, and their milestones and personal
//! shares for the GraphQL loaders.

use super::{access, audit, catalogue};
use crate::auth::Actor;
use crate::db::Db;
use crate::db::entities::{decision, milestone, staff, staff_target, target};
use crate::domain::input;
use crate::domain::model::{Milestone, StaffTarget, Target};
use crate::domain::scope::may_set_target;
use crate::error::{ServiceError, ServiceResult};
use sea_orm::sea_query::Expr;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use shared::Role;
use shared::ids::{DecisionId, StaffId, TargetId, UnitId};
use std::collections::HashMap;

/// Filters of the `targets` query.
#[derive(Debug, Clone, Default)]
pub struct TargetFilter {
    pub year: i32,
    pub unit_id: Option<UnitId>,
    pub indicator_code: Option<String>,
    pub decision_id: Option<DecisionId>,
}

/// Targets in scope matching the filter.
pub async fn list(
    actor: &Actor,
    db: &impl ConnectionTrait,
    f: TargetFilter,
) -> ServiceResult<Vec<Target>> {
    let mut q = access::in_scope(actor, target::Entity::find(), target::Column::UnitId)
        .filter(target::Column::Year.eq(f.year));
    if let Some(u) = f.unit_id {
        q = q.filter(target::Column::UnitId.eq(u.0));
    }
    if let Some(d) = f.decision_id {
        q = q.filter(target::Column::DecisionId.eq(d.0));
    }
    if let Some(code) = f.indicator_code.as_deref() {
        match catalogue::indicator_by_code(db, code).await {
            Ok(i) => q = q.filter(target::Column::IndicatorId.eq(i.id.0)),
            Err(ServiceError::NotFound(_)) => return Ok(Vec::new()),
            Err(e) => return Err(e),
        }
    }
    let rows = q
        .order_by_asc(target::Column::UnitId)
        .order_by_asc(target::Column::IndicatorId)
        .order_by_asc(target::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Target::from).collect())
}

/// Targets of a decision in scope, optionally of one unit.
pub async fn of_decision(
    actor: &Actor,
    db: &impl ConnectionTrait,
    decision: DecisionId,
    unit: Option<UnitId>,
) -> ServiceResult<Vec<Target>> {
    let mut q = access::in_scope(actor, target::Entity::find(), target::Column::UnitId)
        .filter(target::Column::DecisionId.eq(decision.0));
    if let Some(u) = unit {
        q = q.filter(target::Column::UnitId.eq(u.0));
    }
    let rows = q
        .order_by_asc(target::Column::UnitId)
        .order_by_asc(target::Column::IndicatorId)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Target::from).collect())
}

/// One target in scope.
pub async fn get(actor: &Actor, db: &impl ConnectionTrait, id: TargetId) -> ServiceResult<Target> {
    let q = target::Entity::find_by_id(id.0);
    access::in_scope(actor, q, target::Column::UnitId)
        .one(db)
        .await?
        .map(Target::from)
        .ok_or_else(|| ServiceError::not_found(format!("target {id}")))
}

/// Milestones of each target, in order.
pub async fn milestones_of(
    db: &impl ConnectionTrait,
    ids: &[TargetId],
) -> ServiceResult<HashMap<TargetId, Vec<Milestone>>> {
    let rows = milestone::Entity::find()
        .filter(milestone::Column::TargetId.is_in(ids.iter().map(|i| i.0)))
        .order_by_asc(milestone::Column::TargetId)
        .order_by_asc(milestone::Column::Idx)
        .all(db)
        .await?;
    let mut out: HashMap<TargetId, Vec<Milestone>> = HashMap::new();
    for r in rows {
        let t = TargetId(r.target_id);
        out.entry(t).or_default().push(Milestone::try_from(r)?);
    }
    Ok(out)
}

/// Personal shares of each target.
pub async fn staff_targets_of(
    db: &impl ConnectionTrait,
    ids: &[TargetId],
) -> ServiceResult<HashMap<TargetId, Vec<StaffTarget>>> {
    let rows = staff_target::Entity::find()
        .filter(staff_target::Column::TargetId.is_in(ids.iter().map(|i| i.0)))
        .order_by_asc(staff_target::Column::StaffId)
        .all(db)
        .await?;
    let mut out: HashMap<TargetId, Vec<StaffTarget>> = HashMap::new();
    for r in rows {
        out.entry(TargetId(r.target_id))
            .or_default()
            .push(StaffTarget::from(r));
    }
    Ok(out)
}

/// A target to set.
#[derive(Debug, Clone)]
pub struct SetTarget {
    pub decision_id: DecisionId,
    pub unit_id: UnitId,
    pub indicator_code: String,
    pub value: f64,
    pub baseline: Option<f64>,
    pub responsible_staff_id: Option<StaffId>,
    pub expected_version: Option<i32>,
}

/// Creates or replaces the target of (decision, unit, indicator).
pub async fn set(actor: &Actor, db: &Db, cmd: SetTarget) -> ServiceResult<Target> {
    let role = actor.require_role(&[Role::Admin, Role::Manager], "set targets")?;
    if !may_set_target(
        role,
        access::reach(actor),
        access::placement(db.conn(), actor, cmd.unit_id).await?,
    ) {
        return Err(ServiceError::forbidden(
            "a manager or a scoped admin sets targets only for units below its own",
        ));
    }
    let indicator = catalogue::indicator_by_code(db.conn(), &cmd.indicator_code).await?;
    if !indicator.active {
        return Err(ServiceError::validation(
            "indicatorCode",
            format!("indicator {} is inactive", indicator.code),
        ));
    }
    let value = input::target_value("value", indicator.kind, cmd.value)?;
    let baseline = cmd
        .baseline
        .map(|b| input::target_value("baseline", indicator.kind, b))
        .transpose()?;
    let txn = db.write().await?;
    let decision = decision::Entity::find_by_id(cmd.decision_id.0)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("decision {}", cmd.decision_id)))?;
    crate::db::entities::unit::Entity::find_by_id(cmd.unit_id.0)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("unit {}", cmd.unit_id)))?;
    if let Some(s) = cmd.responsible_staff_id {
        let st = staff::Entity::find_by_id(s.0)
            .one(&*txn)
            .await?
            .ok_or_else(|| ServiceError::not_found(format!("staff {s}")))?;
        if st.unit_id != cmd.unit_id.0 {
            return Err(ServiceError::validation(
                "responsibleStaffId",
                "the responsible staff member must belong to the unit",
            ));
        }
    }
    let existing = target::Entity::find()
        .filter(target::Column::DecisionId.eq(cmd.decision_id.0))
        .filter(target::Column::UnitId.eq(cmd.unit_id.0))
        .filter(target::Column::IndicatorId.eq(indicator.id.0))
        .one(&*txn)
        .await?;
    let saved = match existing {
        Some(row) => {
            if cmd.expected_version.is_some_and(|v| v != row.version) {
                return Err(ServiceError::conflict(format!(
                    "the target was changed in between (version {}, expected {}); reload it",
                    row.version,
                    cmd.expected_version.unwrap_or_default()
                )));
            }
            let before = Target::from(row.clone());
            let updated = target::Entity::update_many()
                .col_expr(target::Column::Value, Expr::value(value))
                .col_expr(target::Column::Baseline, Expr::value(baseline))
                .col_expr(
                    target::Column::ResponsibleStaffId,
                    Expr::value(cmd.responsible_staff_id.map(|s| s.0)),
                )
                .col_expr(
                    target::Column::Version,
                    Expr::col(target::Column::Version).add(1),
                )
                .filter(target::Column::Id.eq(row.id))
                .filter(target::Column::Version.eq(row.version))
                .exec(&*txn)
                .await?;
            if updated.rows_affected != 1 {
                return Err(ServiceError::conflict(
                    "the target was changed in between; reload it",
                ));
            }
            if row.value != value || row.baseline != baseline {
                // The roadmap was split from the old value: it no longer leads to the target.
                milestone::Entity::delete_many()
                    .filter(milestone::Column::TargetId.eq(row.id))
                    .exec(&*txn)
                    .await?;
            }
            let after = target::Entity::find_by_id(row.id)
                .one(&*txn)
                .await?
                .map(Target::from)
                .ok_or_else(|| ServiceError::not_found("target"))?;
            audit::record(
                &*txn,
                Some(actor),
                "setTarget",
                "target",
                after.id,
                serde_json::to_value(&before).ok(),
                serde_json::to_value(&after).ok(),
            )
            .await?;
            after
        }
        None => {
            if cmd.expected_version.is_some_and(|v| v != 0) {
                return Err(ServiceError::conflict(
                    "the target does not exist yet; set it without expectedVersion",
                ));
            }
            let row = target::ActiveModel {
                decision_id: Set(decision.id),
                unit_id: Set(cmd.unit_id.0),
                indicator_id: Set(indicator.id.0),
                year: Set(decision.year),
                value: Set(value),
                baseline: Set(baseline),
                responsible_staff_id: Set(cmd.responsible_staff_id.map(|s| s.0)),
                version: Set(1),
                split_grain: Set(None),
                ..Default::default()
            }
            .insert(&*txn)
            .await?;
            let created = Target::from(row);
            audit::record(
                &*txn,
                Some(actor),
                "setTarget",
                "target",
                created.id,
                None,
                serde_json::to_value(&created).ok(),
            )
            .await?;
            created
        }
    };
    txn.commit().await?;
    Ok(saved)
}
