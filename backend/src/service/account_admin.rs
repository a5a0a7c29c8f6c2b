//! An ADMIN's administration of the accounts of its subtree: the searchable, paged list,
//! locking and unlocking an account ("Khóa tài khoản" / "Mở khóa tài khoản" — not the
//! login throttle's lock, which `auth::unlock_login` lifts: "Mở khóa đăng nhập"), and
//! resetting a password to a temporary one shown once. Every change is audited.

use super::access::{self, OrNotFound};
use super::audit;
use super::paging::{PageArgs, Paged, clamp_i32};
use crate::auth::{Actor, password};
use crate::db::users::AccountFilter;
use crate::db::{self, ConnectionTrait, Db};
use crate::domain::input;
use crate::domain::model::{AccountLock, User};
use crate::domain::paging::KeyPart;
use crate::domain::scope::{Placement, may_administer_account, may_manage_accounts};
use crate::error::{ServiceError, ServiceResult};
use shared::Role;
use shared::ids::UserId;

/// The longest reason for a lock.
pub const MAX_LOCK_REASON_CHARS: usize = 500;

/// What the list of accounts is narrowed to, as asked.
#[derive(Debug, Clone, Default)]
pub struct AccountQuery {
    /// A text the username, e-mail address, staff member's name or unit's name contains.
    pub search: Option<String>,
    /// One role.
    pub role: Option<Role>,
    /// Locked accounts only (`true`) or unlocked ones only (`false`).
    pub locked: Option<bool>,
}

/// A page of the accounts of the caller's subtree (ADMIN), by username.
pub async fn page(
    actor: &Actor,
    db: &impl ConnectionTrait,
    query: AccountQuery,
    args: &PageArgs,
) -> ServiceResult<Paged<User>> {
    access::role_for(actor, "list accounts", |r| {
        may_manage_accounts(r, Placement::AtScope)
    })?;
    let keys = args.check("users", &[false, true])?;
    let filter = AccountFilter {
        search: input::search("search", query.search.as_deref())?,
        role: query.role,
        locked: query.locked,
    };
    let after = keys
        .after
        .as_ref()
        .map(|c| (c.text(0).to_owned(), clamp_i32(c.int(1))));
    let scope = access::scope(actor);
    let rows = db::users::page(db, scope, &filter, after, keys.size.probe()).await?;
    let total = db::users::count(db, scope, &filter).await?;
    Ok(keys.page(rows, total, |u| {
        vec![
            KeyPart::Text(u.username.clone()),
            KeyPart::Int(i64::from(u.id.0)),
        ]
    }))
}

/// The account `id` when the caller may lock it or reset its password; FORBIDDEN outside
/// the caller's subtree and for an ADMIN account unless the caller is the root's ADMIN.
async fn administered(
    actor: &Actor,
    db: &impl ConnectionTrait,
    id: UserId,
    action: &str,
) -> ServiceResult<User> {
    let role = access::role_for(actor, action, |r| may_manage_accounts(r, Placement::Below))?;
    let user = db::users::find(db, id)
        .await?
        .or_not_found(format!("user {id}"))?;
    let at = access::placement(db, actor, user.unit_id).await?;
    access::allow(
        may_administer_account(role, access::reach(actor), at, user.role),
        "Tài khoản này thuộc đơn vị ngoài phạm vi của bạn, hoặc là tài khoản quản trị mà chỉ quản trị viên cấp tỉnh được thay đổi",
    )?;
    Ok(user)
}

/// Locks an account with a reason (ADMIN): it cannot log in, every session of it ends at
/// once. An ADMIN cannot lock its own account.
pub async fn lock(actor: &Actor, db: &Db, id: UserId, reason: &str) -> ServiceResult<User> {
    let me = actor.require_user("lock accounts")?;
    access::role_for(actor, "lock accounts", |r| {
        may_manage_accounts(r, Placement::Below)
    })?;
    let reason = input::text("reason", reason, MAX_LOCK_REASON_CHARS).map_err(|_| {
        ServiceError::validation(
            "reason",
            format!("Cần ghi lý do khóa (1–{MAX_LOCK_REASON_CHARS} ký tự)"),
        )
    })?;
    if me == id {
        return Err(ServiceError::validation(
            "userId",
            "Bạn không thể tự khóa tài khoản của chính mình",
        ));
    }
    let txn = db.write().await?;
    let before = administered(actor, &*txn, id, "lock accounts").await?;
    let lock = AccountLock {
        at: db.now(),
        by: Some(me),
        reason,
    };
    let after = db::users::lock(&*txn, id, &lock).await?;
    super::auth::end_sessions(&*txn, id).await?;
    audit::changed(&*txn, Some(actor), "lockUser", "user", id, &before, &after).await?;
    txn.commit().await?;
    Ok(after)
}

/// Unlocks an account (ADMIN): it logs in again with its password.
pub async fn unlock(actor: &Actor, db: &Db, id: UserId) -> ServiceResult<User> {
    let txn = db.write().await?;
    let before = administered(actor, &*txn, id, "unlock accounts").await?;
    let after = db::users::set_active(&*txn, id, true).await?;
    audit::changed(
        &*txn,
        Some(actor),
        "unlockUser",
        "user",
        id,
        &before,
        &after,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Sets a random temporary password on an account (ADMIN) and returns it: the only time it
/// is shown. The old password stops working, every session ends, and the user is asked to
/// choose a new one. The audit entry never holds the password.
pub async fn reset_password(actor: &Actor, db: &Db, id: UserId) -> ServiceResult<(String, User)> {
    administered(actor, db.conn(), id, "reset passwords").await?;
    let temporary = password::temporary();
    let plain = temporary.clone();
    let hash = tokio::task::spawn_blocking(move || password::hash(&plain))
        .await
        .map_err(|e| ServiceError::Internal(e.into()))??;
    let txn = db.write().await?;
    // Checked again inside the transaction: the account may have moved meanwhile.
    administered(actor, &*txn, id, "reset passwords").await?;
    let after = db::users::reset_password_hash(&*txn, id, hash).await?;
    super::auth::end_sessions(&*txn, id).await?;
    let note = serde_json::json!({ "mustChangePassword": true });
    audit::record(
        &*txn,
        Some(actor),
        "resetPassword",
        "user",
        id,
        None,
        Some(note),
    )
    .await?;
    txn.commit().await?;
    Ok((temporary, after))
}
