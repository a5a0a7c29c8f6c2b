//! Login accounts: the caller's own account, lookups, creating accounts (ADMIN in its
//! subtree; ADMIN accounts only by the ADMIN of the province root) and deactivating them.

use super::{access, audit};
use crate::auth::{Actor, password};
use crate::db::entities::{staff, unit, user};
use crate::db::{Db, convert};
use crate::domain::input;
use crate::domain::model::User;
use crate::domain::scope::may_create_account;
use crate::error::{ServiceError, ServiceResult};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use shared::Role;
use shared::ids::{StaffId, UnitId, UserId};
use std::collections::HashMap;

/// The caller's own account.
pub async fn me(actor: &Actor, db: &impl ConnectionTrait) -> ServiceResult<User> {
    let id = actor.require_user("have an account")?;
    let row = user::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("user"))?;
    Ok(User::try_from(row)?)
}

/// Accounts by id: one's own, and those of units in the caller's scope (others absent).
pub async fn by_ids(
    actor: &Actor,
    db: &impl ConnectionTrait,
    ids: &[UserId],
) -> ServiceResult<HashMap<UserId, User>> {
    if actor.user_id().is_none() {
        return Ok(HashMap::new());
    }
    let q = user::Entity::find().filter(user::Column::Id.is_in(ids.iter().map(|i| i.0)));
    let rows = access::in_scope(actor, q, user::Column::UnitId)
        .all(db)
        .await?;
    let mut users: Vec<User> = convert::all(rows)?;
    if let Some(me) = actor
        .user_id()
        .filter(|me| ids.contains(me) && !users.iter().any(|u| u.id == *me))
    {
        users.extend(convert::all::<_, User>(
            user::Entity::find_by_id(me.0).all(db).await?,
        )?);
    }
    Ok(users.into_iter().map(|u| (u.id, u)).collect())
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Login name.
    pub username: String,
    /// Initial password (≥ 10 characters).
    pub password: String,
    /// Role.
    pub role: Role,
    /// Scope unit.
    pub unit_id: UnitId,
    /// Linked staff member.
    pub staff_id: Option<StaffId>,
}

/// Creates an account (ADMIN, on a unit of its subtree; an ADMIN account only by the ADMIN
/// of the province root).
pub async fn create(actor: &Actor, db: &Db, cmd: NewUser) -> ServiceResult<User> {
    let role = actor.require_role(&[Role::Admin], "create users")?;
    let reach = access::reach(actor);
    let at = access::placement(db.conn(), actor, cmd.unit_id).await?;
    if !may_create_account(role, reach, at, Role::Manager) {
        return Err(ServiceError::forbidden(
            "an admin creates accounts only on units of its own subtree",
        ));
    }
    access::allow(
        may_create_account(role, reach, at, cmd.role),
        "only an ADMIN of the province root may create ADMIN accounts",
    )?;
    create_unchecked(db, Some(actor), cmd).await
}

/// Creates an account without a caller (the CLI and set-up); validates the input.
pub async fn create_unchecked(db: &Db, actor: Option<&Actor>, cmd: NewUser) -> ServiceResult<User> {
    let username = input::username("username", &cmd.username)?;
    let pw = input::new_password("password", &cmd.password)?;
    let hash = tokio::task::spawn_blocking(move || password::hash(&pw))
        .await
        .map_err(|e| ServiceError::Internal(e.into()))??;
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
                "the staff member must belong to the account's unit",
            ));
        }
    }
    if user::Entity::find()
        .filter(user::Column::Username.eq(&username))
        .one(&*txn)
        .await?
        .is_some()
    {
        return Err(ServiceError::conflict(format!(
            "the username {username} is taken"
        )));
    }
    let row = user::ActiveModel {
        username: Set(username),
        password_hash: Set(hash),
        role: Set(cmd.role.as_str().to_owned()),
        unit_id: Set(cmd.unit_id.0),
        staff_id: Set(cmd.staff_id.map(|s| s.0)),
        active: Set(true),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    let created = User::try_from(row)?;
    audit::record(
        &*txn,
        actor,
        "createUser",
        "user",
        created.id,
        None,
        serde_json::to_value(&created).ok(),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Deactivates or reactivates an account (ADMIN, within the caller's subtree). Either way
/// every session issued before ends: a reactivated account logs in again.
pub async fn set_active(actor: &Actor, db: &Db, id: UserId, active: bool) -> ServiceResult<User> {
    actor.require_role(&[Role::Admin], "deactivate accounts")?;
    let txn = db.write().await?;
    let row = user::Entity::find_by_id(id.0)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("user {id}")))?;
    access::ensure_visible(&*txn, actor, UnitId(row.unit_id), "user").await?;
    let before = User::try_from(row.clone())?;
    let mut am: user::ActiveModel = row.into();
    am.active = Set(active);
    let row = am.update(&*txn).await?;
    crate::service::auth::end_sessions(&*txn, id).await?;
    let after = User::try_from(row)?;
    audit::record(
        &*txn,
        Some(actor),
        if active {
            "activateUser"
        } else {
            "deactivateUser"
        },
        "user",
        id,
        serde_json::to_value(&before).ok(),
        serde_json::to_value(&after).ok(),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
