//! Authentication use cases: who a bearer token belongs to, logging in with the login
//! throttle, changing a password, and ending sessions.
//!
//! The throttle counts failed logins per (username, client address): 5 failures from one
//! address within 15 minutes lock that username for that address until the first of them
//! is 15 minutes old; other addresses can still log in, so nobody locks the real ADMIN out
//! from elsewhere. An attempt is recorded (and the count checked) in one write transaction
//! before the password is hashed, so parallel attempts cannot run more than 5 checks.
//!
//! Sessions end through the account's `session_epoch`: a token carries the epoch it was
//! issued in, and logging out, `revokeSessions`, a password change and a deactivation
//! increment it, which ends every session of that account at once on every instance
//! (authentication reads the user row anyway, so the check costs no query).

use crate::auth::jwt::JwtKeys;
use crate::auth::{Actor, Principal, api_token, password};
use crate::db::Db;
use crate::db::entities::{api_token as token_e, login_failure, unit, user};
use crate::domain::input;
use crate::domain::model::User;
use crate::error::{ServiceError, ServiceResult};
use crate::service::{access, audit};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, Statement,
};
use shared::Role;
use shared::ids::{ApiTokenId, UnitId, UserId};
use std::net::IpAddr;

/// Failures from one address that lock a username for that address.
pub const MAX_FAILURES: u64 = 5;
/// The window in which failures count, and so the length of a lock.
pub const LOCK_MINUTES: i64 = 15;
/// The longest part of a username written to the log.
const LOGGED_USERNAME_CHARS: usize = 64;

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
    let claims = keys
        .verify(bearer)
        .ok_or_else(|| unauthenticated("invalid or expired session; log in again"))?;
    let row = user::Entity::find_by_id(claims.user.0)
        .one(conn)
        .await?
        .filter(|u| u.active)
        .ok_or_else(|| unauthenticated("this account no longer exists or is disabled"))?;
    if row.session_epoch != claims.epoch {
        return Err(unauthenticated(
            "this session has ended (logged out, password changed or sessions revoked); log in again",
        ));
    }
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

/// A username as it may appear in a log line: at most 64 characters, control characters
/// and quotes escaped.
fn loggable(username: &str) -> String {
    let capped: String = username.chars().take(LOGGED_USERNAME_CHARS).collect();
    capped.escape_debug().to_string()
}

/// Serialises the throttle of one (username, address) pair across instances on PostgreSQL
/// (SQLite writes are serialised by [`Db::write`] already).
async fn lock_pair(db: &impl ConnectionTrait, username: &str, address: &str) -> ServiceResult<()> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtext($1))",
            [format!("login\u{1f}{username}\u{1f}{address}").into()],
        ))
        .await?;
    }
    Ok(())
}

/// Records a login attempt of the pair as a failure (cleared if the password is right),
/// unless the pair is locked; purges failures older than the window.
async fn reserve_attempt(
    db: &Db,
    username: &str,
    address: &str,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let window_start = now - Duration::minutes(LOCK_MINUTES);
    let txn = db.write().await?;
    lock_pair(&*txn, username, address).await?;
    let recent = || {
        login_failure::Entity::find()
            .filter(login_failure::Column::Username.eq(username))
            .filter(login_failure::Column::Address.eq(address))
            .filter(login_failure::Column::At.gt(window_start))
    };
    if recent().count(&*txn).await? >= MAX_FAILURES {
        let oldest = recent()
            .order_by_asc(login_failure::Column::At)
            .limit(1)
            .one(&*txn)
            .await?
            .map_or(now, |f| f.at);
        let secs = Ord::max(
            (oldest + Duration::minutes(LOCK_MINUTES) - now).num_seconds(),
            1,
        ) as u64;
        tracing::warn!(
            target: "security",
            username = %loggable(username),
            address,
            "login refused: too many failed logins"
        );
        return Err(ServiceError::RateLimited {
            message: format!(
                "too many failed logins; try again in {} minutes",
                secs.div_ceil(60)
            ),
            retry_after_secs: secs,
        });
    }
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::At.lte(window_start))
        .exec(&*txn)
        .await?;
    login_failure::ActiveModel {
        username: Set(username.to_owned()),
        address: Set(address.to_owned()),
        at: Set(now),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Checks the password and issues a session, honouring the throttle of the (username,
/// client address) pair.
pub async fn login(
    db: &Db,
    keys: &JwtKeys,
    username: &str,
    password_text: &str,
    client: IpAddr,
) -> ServiceResult<Session> {
    // A name that no account can have (NUL, 100 KB, …) is a wrong login, answered without
    // a query: PostgreSQL rejects NUL in text, and such names are not worth throttling.
    let Ok(username) = input::username("username", username) else {
        return Err(unauthenticated("wrong username or password"));
    };
    let address = client.to_string();
    let now = Utc::now();
    reserve_attempt(db, &username, &address, now).await?;
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
    let Some(row) = row.filter(|_| ok) else {
        tracing::info!(
            target: "security",
            username = %loggable(&username),
            address = %address,
            "failed login"
        );
        metrics::counter!(crate::metrics::LOGIN_FAILURES).increment(1);
        return Err(unauthenticated("wrong username or password"));
    };
    let txn = db.write().await?;
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Username.eq(&username))
        .filter(login_failure::Column::Address.eq(&address))
        .exec(&*txn)
        .await?;
    let epoch = row.session_epoch;
    let user = User::try_from(row)?;
    let (token, expires_at) = keys.issue(user.id, epoch, now)?;
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

/// Ends every session of `user` issued so far (its tokens are refused from now on), within
/// the caller's transaction. Deactivating an account calls this too.
pub async fn end_sessions(db: &impl ConnectionTrait, user: UserId) -> ServiceResult<()> {
    let updated = user::Entity::update_many()
        .col_expr(
            user::Column::SessionEpoch,
            Expr::col(user::Column::SessionEpoch).add(1),
        )
        .filter(user::Column::Id.eq(user.0))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        return Err(ServiceError::not_found(format!("user {user}")));
    }
    Ok(())
}

/// Changes the caller's own password after checking the old one; every session of the
/// account ends, the caller's own included (the client logs in again).
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
    end_sessions(&*txn, user_id).await?;
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

/// Ends the caller's session at once. Sessions are ended per account, so this logs the
/// account out everywhere (every browser and device it is logged in on).
pub async fn logout(actor: &Actor, db: &Db) -> ServiceResult<()> {
    let user_id = actor.require_user("log out")?;
    let txn = db.write().await?;
    end_sessions(&*txn, user_id).await?;
    audit::record(&*txn, Some(actor), "logout", "user", user_id, None, None).await?;
    txn.commit().await?;
    Ok(())
}

/// ADMIN: ends every session of an account in the caller's subtree (a lost laptop).
pub async fn revoke_sessions(actor: &Actor, db: &Db, target: UserId) -> ServiceResult<()> {
    actor.require_role(&[Role::Admin], "revoke sessions")?;
    let txn = db.write().await?;
    let row = user::Entity::find_by_id(target.0)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("user {target}")))?;
    let unit = UnitId(row.unit_id);
    if !actor.scope_is_root && !access::placement(&*txn, actor, unit).await?.in_scope() {
        return Err(ServiceError::forbidden(
            "this account belongs to a unit outside your scope",
        ));
    }
    end_sessions(&*txn, target).await?;
    audit::record(
        &*txn,
        Some(actor),
        "revokeSessions",
        "user",
        target,
        None,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// ADMIN: lifts the login lock of a username, from every address. Returns whether there
/// were failures to forget.
pub async fn unlock_login(actor: &Actor, db: &Db, username: &str) -> ServiceResult<bool> {
    actor.require_role(&[Role::Admin], "unlock logins")?;
    let username = input::username("username", username)?;
    if !actor.scope_is_root {
        // An ADMIN below the province root unlocks only the accounts of its units.
        let account = user::Entity::find()
            .filter(user::Column::Username.eq(&username))
            .one(db.conn())
            .await?;
        let in_scope = match account {
            Some(a) => access::placement(db.conn(), actor, UnitId(a.unit_id))
                .await?
                .in_scope(),
            None => false,
        };
        if !in_scope {
            return Err(ServiceError::forbidden(
                "an ADMIN below the province root unlocks only the accounts of its own units",
            ));
        }
    }
    let txn = db.write().await?;
    let deleted = login_failure::Entity::delete_many()
        .filter(login_failure::Column::Username.eq(&username))
        .exec(&*txn)
        .await?;
    audit::record(
        &*txn,
        Some(actor),
        "unlockLogin",
        "login",
        &username,
        None,
        Some(serde_json::json!({ "forgottenFailures": deleted.rows_affected })),
    )
    .await?;
    txn.commit().await?;
    Ok(deleted.rows_affected > 0)
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
