//! The names accounts are shown by in follow-through ("who asked", "who explained"): the
//! full name of the account's staff member, else its username. Two queries per chunk.

use super::entities::{staff, user};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use shared::ids::UserId;
use std::collections::HashMap;

/// Ids per `IN (…)` list.
const IN_CHUNK: usize = 500;

/// The shown name of each of `ids` that exists.
pub async fn names(
    db: &impl ConnectionTrait,
    ids: &[UserId],
) -> Result<HashMap<UserId, String>, DbErr> {
    let mut accounts = Vec::new();
    for chunk in ids.chunks(IN_CHUNK) {
        accounts.extend(
            user::Entity::find()
                .filter(user::Column::Id.is_in(chunk.iter().map(|u| u.0)))
                .all(db)
                .await?,
        );
    }
    let linked: Vec<i32> = accounts.iter().filter_map(|u| u.staff_id).collect();
    let mut full: HashMap<i32, String> = HashMap::new();
    for chunk in linked.chunks(IN_CHUNK) {
        let rows = staff::Entity::find()
            .filter(staff::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        full.extend(rows.into_iter().map(|s| (s.id, s.full_name)));
    }
    Ok(accounts
        .into_iter()
        .map(|u| {
            let name = u
                .staff_id
                .and_then(|s| full.get(&s).cloned())
                .filter(|n| !n.trim().is_empty())
                .unwrap_or(u.username);
            (UserId(u.id), name)
        })
        .collect())
}
