//! Violations by staff (delay, harassment, extra documents, …): listed within scope,
//! recorded by ADMIN or a MANAGER in scope.

use super::{access, audit};
use crate::auth::Actor;
use crate::db::entities::{staff, unit, violation};
use crate::db::{Db, convert};
use crate::domain::input;
use crate::domain::model::Violation;
use crate::domain::scope::may_manage_in_scope;
use crate::error::{ServiceError, ServiceResult};
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use shared::ids::{StaffId, UnitId};
use shared::{Handling, Role, ViolationKind};

/// Violations in scope (of one unit's subtree if given), newest first.
pub async fn list(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit_id: Option<UnitId>,
    year: Option<i32>,
) -> ServiceResult<Vec<Violation>> {
    let mut q = access::in_scope(actor, violation::Entity::find(), violation::Column::UnitId);
    if let Some(u) = unit_id {
        access::ensure_visible(db, actor, u, "unit").await?;
        q = q.filter(
            sea_orm::sea_query::Expr::col(violation::Column::UnitId)
                .in_subquery(crate::db::closure::subtree_query(u)),
        );
    }
    if let Some(y) = year {
        let first = NaiveDate::from_ymd_opt(y, 1, 1)
            .ok_or_else(|| ServiceError::validation("year", "invalid year"))?;
        let last = NaiveDate::from_ymd_opt(y, 12, 31)
            .ok_or_else(|| ServiceError::validation("year", "invalid year"))?;
        q = q.filter(violation::Column::OccurredOn.between(first, last));
    }
    let rows = q
        .order_by_desc(violation::Column::OccurredOn)
        .order_by_desc(violation::Column::Id)
        .all(db)
        .await?;
    Ok(convert::all(rows)?)
}

/// A violation to record.
#[derive(Debug, Clone)]
pub struct NewViolation {
    pub unit_id: UnitId,
    pub staff_id: Option<StaffId>,
    pub occurred_on: NaiveDate,
    pub kind: ViolationKind,
    pub description: String,
    pub dossier_ref: Option<String>,
    pub handling: Handling,
}

/// Records a violation (ADMIN, MANAGER in scope).
pub async fn record(actor: &Actor, db: &Db, cmd: NewViolation) -> ServiceResult<Violation> {
    let role = actor.require_role(&[Role::Admin, Role::Manager], "record violations")?;
    let user = actor.require_user("record violations")?;
    let description = input::text("description", &cmd.description, 4000)?;
    let dossier_ref = input::optional_text("dossierRef", cmd.dossier_ref.as_deref(), 128)?;
    if cmd.occurred_on > chrono::Utc::now().date_naive() {
        return Err(ServiceError::validation(
            "occurredOn",
            "must not be in the future",
        ));
    }
    input::year("occurredOn", i64::from(cmd.occurred_on.year()))?;
    if !may_manage_in_scope(
        role,
        access::placement(db.conn(), actor, cmd.unit_id).await?,
    ) {
        return Err(ServiceError::forbidden(
            "violations can only be recorded for units in your scope",
        ));
    }
    let txn = db.write().await?;
    unit::Entity::find_by_id(cmd.unit_id.0)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("unit {}", cmd.unit_id)))?;
    if let Some(s) = cmd.staff_id {
        let st = staff::Entity::find_by_id(s.0)
            .one(&*txn)
            .await?
            .ok_or_else(|| ServiceError::not_found(format!("staff {s}")))?;
        if st.unit_id != cmd.unit_id.0 {
            return Err(ServiceError::validation(
                "staffId",
                "the staff member does not belong to this unit",
            ));
        }
    }
    let row = violation::ActiveModel {
        unit_id: Set(cmd.unit_id.0),
        staff_id: Set(cmd.staff_id.map(|s| s.0)),
        occurred_on: Set(cmd.occurred_on),
        kind: Set(cmd.kind.as_str().to_owned()),
        description: Set(description),
        dossier_ref: Set(dossier_ref),
        handling: Set(cmd.handling.as_str().to_owned()),
        recorded_by: Set(user.0),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    let created = Violation::try_from(row)?;
    audit::record(
        &*txn,
        Some(actor),
        "recordViolation",
        "violation",
        created.id,
        None,
        serde_json::to_value(&created).ok(),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}
