//! The `settings` table: values by key, read several at once, written with an upsert.

use super::entities::setting::{self, Column as C};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;

/// The stored values of `keys` (those that are set).
pub async fn get(
    db: &impl ConnectionTrait,
    keys: &[&str],
) -> Result<HashMap<String, String>, DbErr> {
    let rows = setting::Entity::find()
        .filter(C::Key.is_in(keys.iter().copied()))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| (r.key, r.value)).collect())
}

/// Sets `key` to `value`.
pub async fn put(db: &impl ConnectionTrait, key: &str, value: &str) -> Result<(), DbErr> {
    let row = setting::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value.to_owned()),
    };
    setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(C::Key)
                .update_column(C::Value)
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
