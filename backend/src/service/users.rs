//! Login accounts: the caller's own account, lookups, creating accounts (ADMIN in its
//! subtree; ADMIN accounts only by the ADMIN of the province root) and deactivating them.

use super::access::{self, OrNotFound};
use super::{audit, staff};
use crate::auth::{Actor, password};
use crate::db::ConnectionTrait;
use crate::db::users::NewAccount;
use crate::db::{self, Db};
use crate::domain::input;
use crate::domain::model::User;
use crate::domain::scope::{Placement, Reach, may_create_account, may_manage_accounts};
use crate::error::{ServiceError, ServiceResult};
use shared::ids::{StaffId, UnitId, UserId};
use shared::{MailKind, Role};
use std::collections::HashMap;

/// The caller's own account.
pub async fn me(actor: &Actor, db: &impl ConnectionTrait) -> ServiceResult<User> {
    let id = actor.require_user("have an account")?;
    db::users::find(db, id).await?.or_not_found("user")
}

/// Who is calling, as `viewer` tells it: a user or an API token, its role (a user's) and
/// the unit whose subtree it reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Viewer {
    /// `USER` or `API_TOKEN`.
    pub kind: &'static str,
    /// The user's role; `None` for a token.
    pub role: Option<Role>,
    /// The unit whose subtree the caller reads.
    pub scope: UnitId,
    /// The username or the token's name.
    pub name: String,
}

/// The caller, for users and API tokens alike.
pub async fn viewer(actor: &Actor, db: &impl ConnectionTrait) -> ServiceResult<Viewer> {
    let (kind, name) = match actor.principal {
        crate::auth::Principal::User { id, .. } => (
            "USER",
            db::users::find(db, id)
                .await?
                .or_not_found("user")?
                .username,
        ),
        crate::auth::Principal::ApiToken { id } => (
            "API_TOKEN",
            db::tokens::find(db, id)
                .await?
                .or_not_found("API token")?
                .name,
        ),
    };
    Ok(Viewer {
        kind,
        role: actor.role(),
        scope: actor.scope,
        name,
    })
}

/// Accounts by id: one's own, and those of units in the caller's scope (others absent).
pub async fn by_ids(
    actor: &Actor,
    db: &impl ConnectionTrait,
    ids: &[UserId],
) -> ServiceResult<HashMap<UserId, User>> {
    let Some(me) = actor.user_id() else {
        return Ok(HashMap::new());
    };
    let mut users = db::users::by_ids(db, access::scope(actor), ids).await?;
    if ids.contains(&me) && !users.iter().any(|u| u.id == me) {
        users.extend(db::users::find(db, me).await?);
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
/// of the province root), with its own e-mail address when given.
pub async fn create(
    actor: &Actor,
    db: &Db,
    cmd: NewUser,
    email: Option<&str>,
) -> ServiceResult<User> {
    let role = access::role_for(actor, "create users", |r| {
        may_create_account(r, Reach::Province, Placement::Below, Role::Manager)
    })?;
    let reach = access::reach(actor);
    let at = access::placement(db.conn(), actor, cmd.unit_id).await?;
    access::allow(
        may_create_account(role, reach, at, Role::Manager),
        "an admin creates accounts only on units of its own subtree",
    )?;
    access::allow(
        may_create_account(role, reach, at, cmd.role),
        "only an ADMIN of the province root may create ADMIN accounts",
    )?;
    let email = input::email_address("email", email)?;
    insert_account(db, Some(actor), cmd, email).await
}

/// Creates an account without a caller (the CLI and set-up); validates the input.
pub async fn create_unchecked(db: &Db, actor: Option<&Actor>, cmd: NewUser) -> ServiceResult<User> {
    insert_account(db, actor, cmd, None).await
}

/// Validates and stores a new account.
async fn insert_account(
    db: &Db,
    actor: Option<&Actor>,
    cmd: NewUser,
    email: Option<String>,
) -> ServiceResult<User> {
    let username = input::username("username", &cmd.username)?;
    let pw = input::new_password("password", &cmd.password)?;
    let password_hash = tokio::task::spawn_blocking(move || password::hash(&pw))
        .await
        .map_err(|e| ServiceError::Internal(e.into()))??;
    let txn = db.write().await?;
    let elsewhere = "the staff member must belong to the account's unit";
    staff::ensure_member(&*txn, cmd.unit_id, cmd.staff_id, elsewhere).await?;
    if db::users::find_by_username(&*txn, &username)
        .await?
        .is_some()
    {
        return Err(ServiceError::conflict(format!(
            "the username {username} is taken"
        )));
    }
    let new = NewAccount {
        username,
        password_hash,
        role: cmd.role,
        unit_id: cmd.unit_id,
        staff_id: cmd.staff_id,
        email,
        created_at: db.now(),
    };
    let created = db::users::insert(&*txn, new).await?;
    audit::created(&*txn, actor, "createUser", "user", created.id, &created).await?;
    txn.commit().await?;
    Ok(created)
}

/// Deactivates or reactivates an account (ADMIN, within the caller's subtree). Either way
/// every session issued before ends: a reactivated account logs in again.
pub async fn set_active(actor: &Actor, db: &Db, id: UserId, active: bool) -> ServiceResult<User> {
    access::role_for(actor, "deactivate accounts", |r| {
        may_manage_accounts(r, Placement::Below)
    })?;
    let txn = db.write().await?;
    let before = db::users::find(&*txn, id)
        .await?
        .or_not_found(format!("user {id}"))?;
    access::ensure_visible(&*txn, actor, before.unit_id, "user").await?;
    let after = db::users::set_active(&*txn, id, active).await?;
    super::auth::end_sessions(&*txn, id).await?;
    let action = if active {
        "activateUser"
    } else {
        "deactivateUser"
    };
    audit::changed(&*txn, Some(actor), action, "user", id, &before, &after).await?;
    txn.commit().await?;
    Ok(after)
}

/// Sets or clears (`None` or blank) an account's own e-mail address: the user for itself,
/// or an ADMIN for an account of its subtree. Checked, audited.
pub async fn set_email(
    actor: &Actor,
    db: &Db,
    id: UserId,
    email: Option<&str>,
) -> ServiceResult<User> {
    let me = actor.require_user("set an e-mail address")?;
    let role = if me == id {
        None
    } else {
        Some(access::role_for(
            actor,
            "set another account's e-mail address",
            |r| may_manage_accounts(r, Placement::Below),
        )?)
    };
    let email = input::email_address("email", email)?;
    let txn = db.write().await?;
    let before = db::users::find(&*txn, id)
        .await?
        .or_not_found(format!("user {id}"))?;
    if let Some(role) = role {
        let rule = |at| may_manage_accounts(role, at);
        let outside = "this account belongs to a unit outside your scope";
        access::allow_at(&*txn, actor, before.unit_id, rule, outside).await?;
    }
    let after = db::users::set_email(&*txn, id, email).await?;
    audit::changed(
        &*txn,
        Some(actor),
        "setUserEmail",
        "user",
        id,
        &before,
        &after,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Replaces the kinds of e-mail the caller turned off for itself (the digest too; every
/// kind not listed is sent). Audited.
pub async fn set_muted(actor: &Actor, db: &Db, kinds: &[MailKind]) -> ServiceResult<User> {
    let id = actor.require_user("turn e-mails off")?;
    let txn = db.write().await?;
    let before = db::users::find(&*txn, id)
        .await?
        .or_not_found(format!("user {id}"))?;
    let after = db::users::set_muted(&*txn, id, kinds).await?;
    audit::changed(
        &*txn,
        Some(actor),
        "setMutedMails",
        "user",
        id,
        &before,
        &after,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
