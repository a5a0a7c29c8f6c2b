//! API tokens for third-party systems: created with a secret shown once, listed and revoked
//! by an ADMIN whose subtree holds the token's unit.

use super::{access, audit};
use crate::auth::{Actor, api_token};
use crate::db::Db;
use crate::db::entities::{api_token as token_e, unit};
use crate::domain::input;
use crate::domain::model::ApiToken;
use crate::domain::scope::{Placement, may_manage_tokens};
use crate::error::{ServiceError, ServiceResult};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use shared::Role;
use shared::ids::{ApiTokenId, UnitId};

/// Creates a token scoped to `unit_id`; returns the secret (shown once) and the token.
pub async fn create(
    actor: &Actor,
    db: &Db,
    name: &str,
    unit_id: UnitId,
    expires_at: Option<DateTime<Utc>>,
) -> ServiceResult<(String, ApiToken)> {
    let role = actor.require_role(&[Role::Admin], "create API tokens")?;
    let name = input::name("name", name)?;
    if expires_at.is_some_and(|e| e <= Utc::now()) {
        return Err(ServiceError::validation(
            "expiresAt",
            "must be in the future",
        ));
    }
    access::allow(
        may_manage_tokens(role, access::placement(db.conn(), actor, unit_id).await?),
        "an admin creates API tokens only for units of its own subtree",
    )?;
    let secret = api_token::generate();
    let txn = db.write().await?;
    // A caller scoped to the root "sees" every id, existing or not.
    unit::Entity::find_by_id(unit_id.0)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("unit {unit_id}")))?;
    let row = token_e::ActiveModel {
        name: Set(name),
        token_hash: Set(api_token::hash(&secret)),
        unit_id: Set(unit_id.0),
        created_at: Set(Utc::now()),
        expires_at: Set(expires_at),
        revoked: Set(false),
        created_by: Set(actor.user_id().map(|u| u.0)),
        ..Default::default()
    }
    .insert(&*txn)
    .await?;
    let token = ApiToken::from(row);
    audit::record(
        &*txn,
        Some(actor),
        "createApiToken",
        "apiToken",
        token.id,
        None,
        serde_json::to_value(&token).ok(),
    )
    .await?;
    txn.commit().await?;
    Ok((secret, token))
}

/// Revokes a token: it stops working at once.
pub async fn revoke(actor: &Actor, db: &Db, id: ApiTokenId) -> ServiceResult<ApiToken> {
    let role = actor.require_role(&[Role::Admin], "revoke API tokens")?;
    let txn = db.write().await?;
    let row = token_e::Entity::find_by_id(id.0)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("API token {id}")))?;
    access::allow(
        may_manage_tokens(
            role,
            access::placement(&*txn, actor, UnitId(row.unit_id)).await?,
        ),
        "an admin revokes only the API tokens of units in its own subtree",
    )?;
    let before = ApiToken::from(row.clone());
    let mut am: token_e::ActiveModel = row.into();
    am.revoked = Set(true);
    let after = ApiToken::from(am.update(&*txn).await?);
    audit::record(
        &*txn,
        Some(actor),
        "revokeApiToken",
        "apiToken",
        id,
        serde_json::to_value(&before).ok(),
        serde_json::to_value(&after).ok(),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The tokens of the units in the caller's subtree (ADMIN), newest first.
pub async fn list(actor: &Actor, db: &Db) -> ServiceResult<Vec<ApiToken>> {
    let role = actor.require_role(&[Role::Admin], "list API tokens")?;
    access::allow(
        may_manage_tokens(role, Placement::AtScope),
        "only an admin lists API tokens",
    )?;
    use sea_orm::QueryOrder;
    let q = token_e::Entity::find();
    let rows = access::in_scope(actor, q, token_e::Column::UnitId)
        .order_by_desc(token_e::Column::Id)
        .all(db.conn())
        .await?;
    Ok(rows.into_iter().map(ApiToken::from).collect())
}
