//! Queries on API tokens: lookups by id and by the hash of the secret, listing, inserting
//! and revoking.

use super::closure::Scope;
use super::entities::api_token;
use crate::domain::model::ApiToken;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Set, Unchanged,
};
use shared::ids::{ApiTokenId, UnitId, UserId};

/// A new token.
#[derive(Debug, Clone)]
pub struct NewToken {
    /// Its name.
    pub name: String,
    /// The hash of its secret.
    pub token_hash: String,
    /// The unit whose subtree it reads.
    pub unit_id: UnitId,
    /// When it stops working, if ever.
    pub expires_at: Option<DateTime<Utc>>,
    /// The account that made it.
    pub created_by: Option<UserId>,
}

/// One token by id.
pub async fn find<C: ConnectionTrait>(db: &C, id: ApiTokenId) -> Result<Option<ApiToken>, DbErr> {
    let row = api_token::Entity::find_by_id(id.0).one(db).await?;
    Ok(row.map(ApiToken::from))
}

/// The token whose secret hashes to `hash`, with whether its unit is a root of the tree:
/// what authenticating it reads, in one statement.
pub async fn find_by_hash<C: ConnectionTrait>(
    db: &C,
    hash: &str,
) -> Result<Option<(ApiToken, bool)>, DbErr> {
    let statement = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(hash))
        .column_as(
            Expr::cust(super::units::SCOPE_IS_ROOT_OF_TOKENS),
            "scope_is_root",
        )
        .build(db.get_database_backend());
    let Some(row) = db.query_one_raw(statement).await? else {
        return Ok(None);
    };
    let root: bool = row.try_get("", "scope_is_root")?;
    let model = <api_token::Model as sea_orm::FromQueryResult>::from_query_result(&row, "")?;
    Ok(Some((ApiToken::from(model), root)))
}

/// The tokens of the units inside `scope`, newest first.
pub async fn list<C: ConnectionTrait>(db: &C, scope: Scope) -> Result<Vec<ApiToken>, DbErr> {
    let rows = scope
        .apply(api_token::Entity::find(), api_token::Column::UnitId)
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(ApiToken::from).collect())
}

/// Inserts a token, created now and not revoked.
pub async fn insert<C: ConnectionTrait>(db: &C, new: NewToken) -> Result<ApiToken, DbErr> {
    let row = api_token::ActiveModel {
        name: Set(new.name),
        token_hash: Set(new.token_hash),
        unit_id: Set(new.unit_id.0),
        created_at: Set(Utc::now()),
        expires_at: Set(new.expires_at),
        revoked: Set(false),
        created_by: Set(new.created_by.map(|u| u.0)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(ApiToken::from(row))
}

/// Marks the token `id` revoked and returns it as stored.
pub async fn revoke<C: ConnectionTrait>(db: &C, id: ApiTokenId) -> Result<ApiToken, DbErr> {
    let am = api_token::ActiveModel {
        id: Unchanged(id.0),
        revoked: Set(true),
        ..Default::default()
    };
    Ok(ApiToken::from(am.update(db).await?))
}
