//! Staff members: listing within scope and creating them (ADMIN, MANAGER in scope), and the
//! check that a staff member belongs to a unit.

use super::access::{self, OrNotFound};
use super::audit;
use super::paging::{PageArgs, Paged, clamp_i32};
use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::{self, Db};
use crate::domain::input;
use crate::domain::model::Staff;
use crate::domain::paging::KeyPart;
use crate::domain::scope::{Placement, may_manage_in_scope};
use crate::error::{ServiceError, ServiceResult};
use shared::ids::{StaffId, UnitId};
use std::collections::HashMap;

pub use crate::db::staff::NewStaff;

/// Staff of a unit (or its whole subtree), heads first.
pub async fn list(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit_id: UnitId,
    include_subtree: bool,
) -> ServiceResult<Vec<Staff>> {
    access::ensure_visible(db, actor, unit_id, "unit").await?;
    Ok(db::staff::of_unit(db, access::scope(actor), unit_id, include_subtree).await?)
}

/// A page of the staff of [`list`], by unit then id.
pub async fn page(
    actor: &Actor,
    db: &impl ConnectionTrait,
    unit_id: UnitId,
    include_subtree: bool,
    args: &PageArgs,
) -> ServiceResult<Paged<Staff>> {
    let keys = args.check("staff", &[true, true])?;
    access::ensure_visible(db, actor, unit_id, "unit").await?;
    let after = keys
        .after
        .as_ref()
        .map(|c| (clamp_i32(c.int(0)), clamp_i32(c.int(1))));
    let probe = keys.size.probe();
    let rows = db::staff::page_of_unit(
        db,
        access::scope(actor),
        unit_id,
        include_subtree,
        after,
        probe,
    )
    .await?;
    let total =
        db::staff::count_of_unit(db, access::scope(actor), unit_id, include_subtree).await?;
    Ok(keys.page(rows, total, |s| {
        vec![
            KeyPart::Int(i64::from(s.unit_id.0)),
            KeyPart::Int(i64::from(s.id.0)),
        ]
    }))
}

/// Staff by id, only those of units in scope.
pub async fn by_ids(
    actor: &Actor,
    db: &impl ConnectionTrait,
    ids: &[StaffId],
) -> ServiceResult<HashMap<StaffId, Staff>> {
    let staff = db::staff::by_ids(db, access::scope(actor), ids).await?;
    Ok(staff.into_iter().map(|s| (s.id, s)).collect())
}

/// Staff of each unit (units are assumed visible: they come from visible parents).
pub async fn of_units(
    actor: &Actor,
    db: &impl ConnectionTrait,
    units: &[UnitId],
) -> ServiceResult<HashMap<UnitId, Vec<Staff>>> {
    let mut out: HashMap<UnitId, Vec<Staff>> = HashMap::new();
    for s in db::staff::of_units(db, access::scope(actor), units).await? {
        out.entry(s.unit_id).or_default().push(s);
    }
    Ok(out)
}

/// Creates a staff member (ADMIN, MANAGER in scope).
pub async fn create(actor: &Actor, db: &Db, cmd: NewStaff) -> ServiceResult<Staff> {
    let role = access::role_for(actor, "create staff", |r| {
        may_manage_in_scope(r, Placement::Below)
    })?;
    let cmd = NewStaff {
        full_name: input::name("fullName", &cmd.full_name)?,
        position: input::text("position", &cmd.position, 255)?,
        email: input::email("email", cmd.email.as_deref())?,
        code: input::optional_text("code", cmd.code.as_deref(), 50)?,
        ..cmd
    };
    let outside = "staff can only be added to units in your scope";
    let rule = |at| may_manage_in_scope(role, at);
    access::allow_at(db.conn(), actor, cmd.unit_id, rule, outside).await?;
    let txn = db.write().await?;
    super::units::require(&*txn, cmd.unit_id).await?;
    if let Some(code) = &cmd.code
        && db::staff::by_code(&*txn, code).await?.is_some()
    {
        return Err(ServiceError::conflict(format!(
            "staff code {code} is already used by another staff member"
        )));
    }
    let created = db::staff::insert(&*txn, cmd).await?;
    audit::created(
        &*txn,
        Some(actor),
        "createStaff",
        "staff",
        created.id,
        &created,
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Fails with NOT_FOUND unless `unit` exists and, when given, so does `member`; with
/// VALIDATION on `staffId` saying `elsewhere` when the member belongs to another unit.
pub async fn ensure_member(
    db: &impl ConnectionTrait,
    unit: UnitId,
    member: Option<StaffId>,
    elsewhere: &str,
) -> ServiceResult<()> {
    super::units::require(db, unit).await?;
    let Some(id) = member else {
        return Ok(());
    };
    let staff = db::staff::find(db, id)
        .await?
        .or_not_found(format!("staff {id}"))?;
    if staff.unit_id != unit {
        return Err(ServiceError::validation("staffId", elsewhere));
    }
    Ok(())
}
