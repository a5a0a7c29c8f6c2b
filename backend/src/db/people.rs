//! The names accounts are shown by in follow-through ("who asked", "who explained", who
//! uploaded, who commented): the full name of the account's staff member, else what the
//! account is (its role) — never its username, which only an ADMIN and its owner see.
//! Two queries per chunk.

use super::entities::{staff, user};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use shared::Role;
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
                .unwrap_or_else(|| role_label(u.role).to_owned());
            (UserId(u.id), name)
        })
        .collect())
}

/// What an account without a staff member is shown as.
fn role_label(role: Role) -> &'static str {
    match role {
        Role::Admin => "Quản trị hệ thống",
        Role::Manager => "Lãnh đạo đơn vị",
        Role::Officer => "Cán bộ đầu mối",
        Role::Viewer => "Lãnh đạo theo dõi",
    }
}
