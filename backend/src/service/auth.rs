//! Authentication use cases: who a bearer token belongs to, logging in with the login
//! throttle (5 failures in 15 minutes lock the username for 15 minutes), changing a password.

use crate::auth::jwt::JwtKeys;
use crate::auth::{Actor, Principal, api_token, password};
use crate::db::Db;
use crate::db::entities::{api_token as token_e, login_failure, login_lock, unit, user};
use crate::domain::input;
use crate::domain::model::User;
use crate::error::{ServiceError, ServiceResult};
use crate::service::audit;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use shared::ids::{ApiTokenId, UnitId, UserId};

/// Failures that lock a username.
pub const MAX_FAILURES: u64 = 5;
/// The window in which failures count, and the length of the lock.
pub const LOCK_MINUTES: i64 = 15;

fn unauthenticated(msg: &str) -> ServiceError {
    ServiceError::Unauthenticated(msg.to_owned())
}

/// The caller behind a bearer token (a session JWT or an API token).
pub async fn authenticate(db: &Db, keys: &JwtKeys, bearer: &str) -> ServiceResult<Actor> {
    let conn = db.conn();
    if api_token::is_api_token(bearer) {
        let row = token_e::Entity::find()
            .filter(token_e::Column::TokenHash.eq(api_token::hash(bearer)))
            .one(conn)
            .await?
            .ok_or_else(|| unauthenticated("invalid API token"))?;
        if row.revoked {
            return Err(unauthenticated("this API token has been revoked"));
        }
        if row.expires_at.is_some_and(|e| e <= Utc::now()) {
            return Err(unauthenticated("this API token has expired"));
        }
        let scope_is_root = is_root(conn, UnitId(row.unit_id)).await?;
        return Ok(Actor {
            principal: Principal::ApiToken {
                id: ApiTokenId(row.id),
            },
            scope: UnitId(row.unit_id),
            scope_is_root,
        });
    }
    let user_id = keys
        .verify(bearer)
        .ok_or_else(|| unauthenticated("invalid or expired session; log in again"))?;
    let row = user::Entity::find_by_id(user_id.0)
        .one(conn)
        .await?
        .filter(|u| u.active)
        .ok_or_else(|| unauthenticated("this account no longer exists or is disabled"))?;
    user_actor(conn, row).await
}

async fn is_root(db: &impl ConnectionTrait, unit_id: UnitId) -> ServiceResult<bool> {
    let u = unit::Entity::find_by_id(unit_id.0).one(db).await?;
    Ok(u.is_some_and(|u| u.parent_id.is_none()))
}

/// A session for a user.
#[derive(Debug, Clone)]
pub struct Session {
    /// The JWT.
    pub token: String,
    /// When it expires.
    pub expires_at: DateTime<Utc>,
    /// Who logged in.
    pub user: User,
}

/// Checks the password and issues a session, honouring the throttle.
pub async fn login(
    db: &Db,
    keys: &JwtKeys,
    username: &str,
    password_text: &str,
) -> ServiceResult<Session> {
    // A name that no account can have (NUL, 100 KB, …) is a wrong login, answered without
    // a query: PostgreSQL rejects NUL in text, and such names are not worth throttling.
    let Ok(username) = input::username("username", username) else {
        return Err(unauthenticated("wrong username or password"));
    };
    let now = Utc::now();
    let lock = login_lock::Entity::find_by_id(username.clone())
        .one(db.conn())
        .await?;
    if let Some(lock) = lock.filter(|l| l.locked_until > now) {
        let secs = (lock.locked_until - now).num_seconds().max(1) as u64;
        return Err(ServiceError::RateLimited {
            message: format!(
                "too many failed logins; try again in {} minutes",
                secs.div_ceil(60)
            ),
            retry_after_secs: secs,
        });
    }
    let row = user::Entity::find()
        .filter(user::Column::Username.eq(&username))
        .one(db.conn())
        .await?;
    let stored = row
        .as_ref()
        .filter(|u| u.active)
        .map(|u| u.password_hash.clone());
    let candidate = password_text.to_owned();
    let ok = tokio::task::spawn_blocking(move || match stored {
        Some(hash) => password::verify(&candidate, &hash),
        None => {
            let _same_cost_as_a_real_check = password::verify(&candidate, password::decoy_hash());
            false
        }
    })
    .await
    .map_err(|e| ServiceError::Internal(e.into()))?;

    let txn = db.write().await?;
    let Some(row) = row.filter(|_| ok) else {
        login_failure::ActiveModel {
            username: Set(username.clone()),
            at: Set(now),
            ..Default::default()
        }
        .insert(&*txn)
        .await?;
        let recent = login_failure::Entity::find()
            .filter(login_failure::Column::Username.eq(&username))
            .filter(login_failure::Column::At.gt(now - Duration::minutes(LOCK_MINUTES)))
            .count(&*txn)
            .await?;
        if recent >= MAX_FAILURES {
            login_lock::Entity::delete_by_id(username.clone())
                .exec(&*txn)
                .await?;
            login_lock::ActiveModel {
                username: Set(username.clone()),
                locked_until: Set(now + Duration::minutes(LOCK_MINUTES)),
            }
            .insert(&*txn)
            .await?;
            login_failure::Entity::delete_many()
                .filter(login_failure::Column::Username.eq(&username))
                .exec(&*txn)
                .await?;
        }
        txn.commit().await?;
        tracing::info!(target: "security", "failed login");
        metrics::counter!(crate::metrics::LOGIN_FAILURES).increment(1);
        return Err(unauthenticated("wrong username or password"));
    };
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Username.eq(&username))
        .exec(&*txn)
        .await?;
    let user = User::try_from(row)?;
    let (token, expires_at) = keys.issue(user.id, now)?;
    let actor = Actor {
        principal: Principal::User {
            id: user.id,
            role: user.role,
        },
        scope: user.unit_id,
        scope_is_root: false,
    };
    audit::record(&*txn, Some(&actor), "login", "user", user.id, None, None).await?;
    txn.commit().await?;
    Ok(Session {
        token,
        expires_at,
        user,
    })
}

/// Changes the caller's own password after checking the old one.
pub async fn change_password(actor: &Actor, db: &Db, old: &str, new: &str) -> ServiceResult<()> {
    let user_id: UserId = actor.require_user("change a password")?;
    let new = input::new_password("newPassword", new)?;
    if old == new {
        return Err(ServiceError::validation(
            "newPassword",
            "must differ from the old password",
        ));
    }
    let row = user::Entity::find_by_id(user_id.0)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::not_found("user"))?;
    let (old, stored) = (old.to_owned(), row.password_hash.clone());
    let hashed = tokio::task::spawn_blocking(move || {
        if password::verify(&old, &stored) {
            password::hash(&new).map(Some)
        } else {
            Ok(None)
        }
    })
    .await
    .map_err(|e| ServiceError::Internal(e.into()))??;
    let Some(hashed) = hashed else {
        return Err(ServiceError::validation(
            "oldPassword",
            "the old password is wrong",
        ));
    };
    let txn = db.write().await?;
    let mut am: user::ActiveModel = row.into();
    am.password_hash = Set(hashed);
    am.update(&*txn).await?;
    audit::record(
        &*txn,
        Some(actor),
        "changePassword",
        "user",
        user_id,
        None,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The caller for a command run on the server as an existing active account (the CLI's
/// `--user`), with that account's role and scope.
pub async fn actor_for_username(db: &Db, username: &str) -> ServiceResult<Actor> {
    let conn = db.conn();
    let row = user::Entity::find()
        .filter(user::Column::Username.eq(username.trim()))
        .one(conn)
        .await?
        .filter(|u| u.active)
        .ok_or_else(|| ServiceError::not_found(format!("active account {username:?}")))?;
    user_actor(conn, row).await
}

/// The caller an active account's row stands for.
async fn user_actor(db: &impl ConnectionTrait, row: user::Model) -> ServiceResult<Actor> {
    let u = User::try_from(row)?;
    Ok(Actor {
        principal: Principal::User {
            id: u.id,
            role: u.role,
        },
        scope: u.unit_id,
        scope_is_root: is_root(db, u.unit_id).await?,
    })
}
