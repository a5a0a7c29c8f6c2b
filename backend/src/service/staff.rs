//! Staff members: listing within scope and creating them (ADMIN, MANAGER in scope).

use super::{access, audit};
use crate::auth::Actor;
use crate::db::Db;
use crate::db::closure;
use crate::db::entities::{staff, unit};
use crate::domain::input;
use crate::domain::model::Staff;
use crate::domain::scope::may_manage_in_scope;
use crate::error::{ServiceError, ServiceResult};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use shared::Role;
use shared::ids::{StaffId, UnitId};
use std::collections::HashMap;

/// Staff of a unit (or its whole subtree), heads first.
pub async fn list(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit_id: UnitId,
    include_subtree: bool,
) -> ServiceResult<Vec<Staff>> {
    access::ensure_visible(db, actor, unit_id, "unit").await?;
    let q = if include_subtree {
        staff::Entity::find().filter(
            sea_orm::sea_query::Expr::col(staff::Column::UnitId)
                .in_subquery(closure::subtree_query(unit_id)),
        )
    } else {
        staff::Entity::find().filter(staff::Column::UnitId.eq(unit_id.0))
    };
    let rows = q
        .order_by_desc(staff::Column::IsHead)
        .order_by_asc(staff::Column::FullName)
        .order_by_asc(staff::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Staff::from).collect())
}

/// Staff by id, only those of units in scope.
pub async fn by_ids(
    actor: &Actor,
    db: &impl ConnectionTrait,
    ids: &[StaffId],
) -> ServiceResult<HashMap<StaffId, Staff>> {
    let q = staff::Entity::find().filter(staff::Column::Id.is_in(ids.iter().map(|i| i.0)));
    let rows = access::in_scope(actor, q, staff::Column::UnitId)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (StaffId(r.id), Staff::from(r)))
        .collect())
}

/// Staff of each unit (units are assumed visible: they come from visible parents).
pub async fn of_units(
    actor: &Actor,
    db: &impl ConnectionTrait,
    units: &[UnitId],
) -> ServiceResult<HashMap<UnitId, Vec<Staff>>> {
    let q = staff::Entity::find().filter(staff::Column::UnitId.is_in(units.iter().map(|i| i.0)));
    let rows = access::in_scope(actor, q, staff::Column::UnitId)
        .order_by_desc(staff::Column::IsHead)
        .order_by_asc(staff::Column::FullName)
        .all(db)
        .await?;
    let mut out: HashMap<UnitId, Vec<Staff>> = HashMap::new();
    for r in rows {
        out.entry(UnitId(r.unit_id))
            .or_default()
            .push(Staff::from(r));
    }
    Ok(out)
}

/// A new staff member.
#[derive(Debug, Clone)]
pub struct NewStaff {
    /// Their unit.
    pub unit_id: UnitId,
    /// Full name.
    pub full_name: String,
    /// Position (chức vụ).
    pub position: String,
    /// Head of the unit.
    pub is_head: bool,
    /// E-mail.
    pub email: Option<String>,
}

/// Creates a staff member (ADMIN, MANAGER in scope).
pub async fn create(actor: &Actor, db: &Db, cmd: NewStaff) -> ServiceResult<Staff> {
    let role = actor.require_role(&[Role::Admin, Role::Manager], "create staff")?;
    let full_name = input::name("fullName", &cmd.full_name)?;
    let position = input::text("position", &cmd.position, 255)?;
    let email = input::email("email", cmd.email.as_deref())?;
    let at = access::placement(db.conn(), actor, cmd.unit_id).await?;
    if !may_manage_in_scope(role, at) {
        return Err(ServiceError::forbidden(
            "staff can only be added to units in your scope",
        ));
    }
    let txn = db.write().await?;
    unit::Entity::find_by_id(cmd.unit_id.0)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("unit {}", cmd.unit_id)))?;
    let created = insert(
        &*txn,
        Some(actor),
        cmd.unit_id,
        full_name,
        position,
        cmd.is_head,
        email,
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Inserts a staff member with its audit entry, inside the caller's transaction.
pub async fn insert(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    unit_id: UnitId,
    full_name: String,
    position: String,
    is_head: bool,
    email: Option<String>,
) -> ServiceResult<Staff> {
    let row = staff::ActiveModel {
        unit_id: Set(unit_id.0),
        full_name: Set(full_name),
        position: Set(position),
        is_head: Set(is_head),
        email: Set(email),
        active: Set(true),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let created = Staff::from(row);
    audit::record(
        db,
        actor,
        "createStaff",
        "staff",
        created.id,
        None,
        serde_json::to_value(&created).ok(),
    )
    .await?;
    Ok(created)
}
