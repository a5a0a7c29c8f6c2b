//! API tokens for third-party systems: created with a secret shown once, listed and revoked
//! by an ADMIN whose subtree holds the token's unit.

use super::access::{self, OrNotFound};
use super::{audit, units};
use crate::auth::{Actor, api_token};
use crate::db::tokens::NewToken;
use crate::db::{self, Db};
use crate::domain::input;
use crate::domain::model::ApiToken;
use crate::domain::scope::{Placement, may_manage_tokens};
use crate::error::{ServiceError, ServiceResult};
use chrono::{DateTime, Utc};
use shared::Role;
use shared::ids::{ApiTokenId, UnitId};

/// The caller's role when it may manage tokens at all.
fn token_role(actor: &Actor, action: &str) -> ServiceResult<Role> {
    access::role_for(actor, action, |r| may_manage_tokens(r, Placement::Below))
}

/// Creates a token scoped to `unit_id`; returns the secret (shown once) and the token.
pub async fn create(
    actor: &Actor,
    db: &Db,
    name: &str,
    unit_id: UnitId,
    expires_at: Option<DateTime<Utc>>,
) -> ServiceResult<(String, ApiToken)> {
    let role = token_role(actor, "create API tokens")?;
    let name = input::name("name", name)?;
    if expires_at.is_some_and(|e| e <= Utc::now()) {
        return Err(ServiceError::validation(
            "expiresAt",
            "must be in the future",
        ));
    }
    let outside = "an admin creates API tokens only for units of its own subtree";
    let rule = |at| may_manage_tokens(role, at);
    access::allow_at(db.conn(), actor, unit_id, rule, outside).await?;
    let secret = api_token::generate();
    let txn = db.write().await?;
    // A caller scoped to the root "sees" every id, existing or not.
    units::require(&*txn, unit_id).await?;
    let new = NewToken {
        name,
        token_hash: api_token::hash(&secret),
        unit_id,
        expires_at,
        created_by: actor.user_id(),
    };
    let token = db::tokens::insert(&*txn, new).await?;
    let action = "createApiToken";
    audit::created(&*txn, Some(actor), action, "apiToken", token.id, &token).await?;
    txn.commit().await?;
    Ok((secret, token))
}

/// Revokes a token: it stops working at once.
pub async fn revoke(actor: &Actor, db: &Db, id: ApiTokenId) -> ServiceResult<ApiToken> {
    let role = token_role(actor, "revoke API tokens")?;
    let txn = db.write().await?;
    let before = db::tokens::find(&*txn, id)
        .await?
        .or_not_found(format!("API token {id}"))?;
    let outside = "an admin revokes only the API tokens of units in its own subtree";
    let rule = |at| may_manage_tokens(role, at);
    access::allow_at(&*txn, actor, before.unit_id, rule, outside).await?;
    let after = db::tokens::revoke(&*txn, id).await?;
    let action = "revokeApiToken";
    audit::changed(&*txn, Some(actor), action, "apiToken", id, &before, &after).await?;
    txn.commit().await?;
    Ok(after)
}

/// The tokens of the units in the caller's subtree (ADMIN), newest first.
pub async fn list(actor: &Actor, db: &Db) -> ServiceResult<Vec<ApiToken>> {
    token_role(actor, "list API tokens")?;
    Ok(db::tokens::list(db.conn(), access::scope(actor)).await?)
}
