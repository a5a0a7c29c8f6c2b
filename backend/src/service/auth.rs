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
use crate::db::ConnectionTrait;
use crate::db::users::Account;
use crate::db::{self, Db};
use crate::domain::input;
use crate::domain::model::{ApiToken, User};
use crate::domain::scope::{Placement, may_manage_accounts};
use crate::error::{ServiceError, ServiceResult};
use crate::service::access::{self, OrNotFound};
use crate::service::audit;
use chrono::{DateTime, Duration, Utc};
use shared::Role;
use shared::ids::UserId;
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
        let (token, scope_is_root) = db::tokens::find_by_hash(conn, &api_token::hash(bearer))
            .await?
            .ok_or_else(|| unauthenticated("invalid API token"))?;
        return token_actor(token, scope_is_root);
    }
    let claims = keys
        .verify(bearer)
        .ok_or_else(|| unauthenticated("invalid or expired session; log in again"))?;
    let (account, scope_is_root) = db::users::find_session_account(conn, claims.user)
        .await?
        .filter(|(a, _)| a.user.active)
        .ok_or_else(|| unauthenticated("this account no longer exists or is disabled"))?;
    if account.session_epoch != claims.epoch {
        return Err(unauthenticated(
            "this session has ended (logged out, password changed or sessions revoked); log in again",
        ));
    }
    Ok(Actor {
        principal: Principal::User {
            id: account.user.id,
            role: account.user.role,
        },
        scope: account.user.unit_id,
        scope_is_root,
    })
}

/// The caller an API token stands for, unless it is revoked or expired.
fn token_actor(token: ApiToken, scope_is_root: bool) -> ServiceResult<Actor> {
    if token.revoked {
        return Err(unauthenticated("this API token has been revoked"));
    }
    if token.expires_at.is_some_and(|e| e <= Utc::now()) {
        return Err(unauthenticated("this API token has expired"));
    }
    Ok(Actor {
        principal: Principal::ApiToken { id: token.id },
        scope: token.unit_id,
        scope_is_root,
    })
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
    db::users::lock_login_pair(&*txn, username, address).await?;
    if db::users::count_failures(&*txn, username, address, window_start).await? >= MAX_FAILURES {
        let oldest = db::users::oldest_failure(&*txn, username, address, window_start)
            .await?
            .unwrap_or(now);
        tracing::warn!(
            target: "security",
            username = %loggable(username),
            address,
            "login refused: too many failed logins"
        );
        return Err(locked(oldest, now));
    }
    db::users::record_failure(&*txn, username, address, now, window_start).await?;
    txn.commit().await?;
    Ok(())
}

/// RATE_LIMITED until the failure at `oldest` leaves the window.
fn locked(oldest: DateTime<Utc>, now: DateTime<Utc>) -> ServiceError {
    let secs = Ord::max(
        (oldest + Duration::minutes(LOCK_MINUTES) - now).num_seconds(),
        1,
    ) as u64;
    ServiceError::RateLimited {
        message: format!(
            "too many failed logins; try again in {} minutes",
            secs.div_ceil(60)
        ),
        retry_after_secs: secs,
    }
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
    let account = db::users::find_by_username(db.conn(), &username).await?;
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    let ok = password_matches(password_text, stored).await?;
    let Some(account) = account.filter(|_| ok) else {
        tracing::info!(
            target: "security",
            username = %loggable(&username),
            address = %address,
            "failed login"
        );
        metrics::counter!(crate::metrics::LOGIN_FAILURES).increment(1);
        return Err(unauthenticated("wrong username or password"));
    };
    // Said only to whoever knows the password: a wrong one never tells a locked account
    // from any other.
    if !account.user.active {
        tracing::info!(
            target: "security",
            username = %loggable(&username),
            address = %address,
            "login refused: the account is locked"
        );
        return Err(account_locked());
    }
    open_session(db, keys, account, (&username, &address), now).await
}

/// The refusal of a right password on a locked (inactive) account: FORBIDDEN, in Vietnamese.
fn account_locked() -> ServiceError {
    ServiceError::forbidden(
        "Tài khoản này đang bị khóa nên không đăng nhập được. Hãy liên hệ quản trị viên để được mở khóa.",
    )
}

/// Whether `candidate` matches the `stored` hash; without one, a decoy check of the same
/// cost runs so that a missing account takes as long as a wrong password.
async fn password_matches(candidate: &str, stored: Option<String>) -> ServiceResult<bool> {
    let candidate = candidate.to_owned();
    tokio::task::spawn_blocking(move || match stored {
        Some(hash) => password::verify(&candidate, &hash),
        None => {
            let _same_cost_as_a_real_check = password::verify(&candidate, password::decoy_hash());
            false
        }
    })
    .await
    .map_err(|e| ServiceError::Internal(e.into()))
}

/// After a right password: forgets the pair's failures, issues the token and audits the login.
async fn open_session(
    db: &Db,
    keys: &JwtKeys,
    account: Account,
    (username, address): (&str, &str),
    now: DateTime<Utc>,
) -> ServiceResult<Session> {
    let user = account.user;
    let txn = db.write().await?;
    db::users::forget_failures(&*txn, username, Some(address)).await?;
    db::users::touch_login(&*txn, user.id, now).await?;
    let (token, expires_at) = keys.issue(user.id, account.session_epoch, now)?;
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
    if db::users::bump_session_epoch(db, user).await? {
        Ok(())
    } else {
        Err(ServiceError::not_found(format!("user {user}")))
    }
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
    let account = db::users::find_account(db.conn(), user_id)
        .await?
        .or_not_found("user")?;
    let Some(hashed) = rehash(old, account.password_hash, new).await? else {
        return Err(ServiceError::validation(
            "oldPassword",
            "the old password is wrong",
        ));
    };
    let txn = db.write().await?;
    db::users::set_password_hash(&*txn, user_id, hashed).await?;
    end_sessions(&*txn, user_id).await?;
    let action = "changePassword";
    audit::record(&*txn, Some(actor), action, "user", user_id, None, None).await?;
    txn.commit().await?;
    Ok(())
}

/// The hash of `new` when `old` matches the `stored` hash; `None` when it does not.
async fn rehash(old: &str, stored: String, new: String) -> ServiceResult<Option<String>> {
    let old = old.to_owned();
    let hashed = tokio::task::spawn_blocking(move || {
        if password::verify(&old, &stored) {
            password::hash(&new).map(Some)
        } else {
            Ok(None)
        }
    })
    .await
    .map_err(|e| ServiceError::Internal(e.into()))??;
    Ok(hashed)
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

/// The caller's role when it may manage accounts at all (ADMIN).
fn accounts_role(actor: &Actor, action: &str) -> ServiceResult<Role> {
    access::role_for(actor, action, |r| may_manage_accounts(r, Placement::Below))
}

/// ADMIN: ends every session of an account in the caller's subtree (a lost laptop).
pub async fn revoke_sessions(actor: &Actor, db: &Db, target: UserId) -> ServiceResult<()> {
    let role = accounts_role(actor, "revoke sessions")?;
    let txn = db.write().await?;
    let user = db::users::find(&*txn, target)
        .await?
        .or_not_found(format!("user {target}"))?;
    let rule = |at| may_manage_accounts(role, at);
    let outside = "this account belongs to a unit outside your scope";
    access::allow_at(&*txn, actor, user.unit_id, rule, outside).await?;
    end_sessions(&*txn, target).await?;
    let action = "revokeSessions";
    audit::record(&*txn, Some(actor), action, "user", target, None, None).await?;
    txn.commit().await?;
    Ok(())
}

/// ADMIN: lifts the login lock of a username, from every address. Returns whether there
/// were failures to forget.
pub async fn unlock_login(actor: &Actor, db: &Db, username: &str) -> ServiceResult<bool> {
    let role = accounts_role(actor, "unlock logins")?;
    let username = input::username("username", username)?;
    if !actor.scope_is_root {
        // An ADMIN below the province root unlocks only the accounts of its units.
        let at = match db::users::find_by_username(db.conn(), &username).await? {
            Some(a) => access::placement(db.conn(), actor, a.user.unit_id).await?,
            None => Placement::Outside,
        };
        access::allow(
            may_manage_accounts(role, at),
            "an ADMIN below the province root unlocks only the accounts of its own units",
        )?;
    }
    let txn = db.write().await?;
    let forgotten = db::users::forget_failures(&*txn, &username, None).await?;
    let after = serde_json::json!({ "forgottenFailures": forgotten });
    audit::record(
        &*txn,
        Some(actor),
        "unlockLogin",
        "login",
        &username,
        None,
        Some(after),
    )
    .await?;
    txn.commit().await?;
    Ok(forgotten > 0)
}

/// The caller for a command run on the server as an existing active account (the CLI's
/// `--user`), with that account's role and scope.
pub async fn actor_for_username(db: &Db, username: &str) -> ServiceResult<Actor> {
    let conn = db.conn();
    let account = db::users::find_by_username(conn, username.trim())
        .await?
        .filter(|a| a.user.active)
        .ok_or_else(|| ServiceError::not_found(format!("active account {username:?}")))?;
    user_actor(conn, account.user).await
}

/// The caller an account stands for while it is active (the worker acting for a leader:
/// the digest's notice); `None` for an account deleted or locked.
pub async fn actor_for_user(db: &Db, id: UserId) -> ServiceResult<Option<Actor>> {
    let conn = db.conn();
    match db::users::find(conn, id).await?.filter(|u| u.active) {
        Some(user) => Ok(Some(user_actor(conn, user).await?)),
        None => Ok(None),
    }
}

/// The caller an active account stands for.
async fn user_actor(db: &impl ConnectionTrait, u: User) -> ServiceResult<Actor> {
    Ok(Actor {
        principal: Principal::User {
            id: u.id,
            role: u.role,
        },
        scope: u.unit_id,
        scope_is_root: db::units::is_root(db, u.unit_id).await?,
    })
}
