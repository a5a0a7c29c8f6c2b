//! Queries on the audit log: writing an entry and reading the latest ones.

use super::entities::audit_entry;
use super::keyset;
use crate::domain::model::AuditEntry;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use shared::ids::{UnitId, UserId};

/// An entry to write.
#[derive(Debug, Clone)]
pub struct NewEntry {
    /// The account that acted; `None` for the command line and set-up.
    pub actor_id: Option<UserId>,
    /// What was done (`createUnit`, …).
    pub action: String,
    /// The kind of object.
    pub entity: String,
    /// The object's id.
    pub entity_id: String,
    /// The object before, as JSON.
    pub before: Option<String>,
    /// The object after, as JSON.
    pub after: Option<String>,
}

/// Which entries to read.
#[derive(Debug, Clone, Default)]
pub struct EntryFilter<'a> {
    /// Only entries written by the accounts of this unit's subtree.
    pub actors_under: Option<UnitId>,
    /// Only entries about this kind of object.
    pub entity: Option<&'a str>,
    /// Only entries about the object with this id.
    pub entity_id: Option<&'a str>,
}

/// Writes one entry, stamped now.
pub async fn insert<C: ConnectionTrait>(db: &C, entry: NewEntry) -> Result<(), DbErr> {
    audit_entry::ActiveModel {
        at: Set(chrono::Utc::now()),
        actor_id: Set(entry.actor_id.map(|u| u.0)),
        action: Set(entry.action),
        entity: Set(entry.entity),
        entity_id: Set(entry.entity_id),
        before: Set(entry.before),
        after: Set(entry.after),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The latest `limit` entries matching `filter`, newest first.
pub async fn latest<C: ConnectionTrait>(
    db: &C,
    filter: EntryFilter<'_>,
    limit: u64,
) -> Result<Vec<AuditEntry>, DbErr> {
    page(db, filter, None, limit).await
}

/// At most `limit` entries matching `filter` before the id `before`, newest first by id.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    filter: EntryFilter<'_>,
    before: Option<i32>,
    limit: u64,
) -> Result<Vec<AuditEntry>, DbErr> {
    let rows = matching(&filter)
        .filter(keyset::before_id(audit_entry::Column::Id, before))
        .order_by_desc(audit_entry::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(AuditEntry::from).collect())
}

/// How many entries match `filter`.
pub async fn count<C: ConnectionTrait>(db: &C, filter: EntryFilter<'_>) -> Result<u64, DbErr> {
    matching(&filter).count(db).await
}

fn matching(filter: &EntryFilter<'_>) -> sea_orm::Select<audit_entry::Entity> {
    let mut q = audit_entry::Entity::find();
    if let Some(root) = filter.actors_under {
        let accounts = super::users::ids_under_query(root);
        q = q.filter(Expr::col(audit_entry::Column::ActorId).in_subquery(accounts));
    }
    if let Some(e) = filter.entity {
        q = q.filter(audit_entry::Column::Entity.eq(e));
    }
    if let Some(id) = filter.entity_id {
        q = q.filter(audit_entry::Column::EntityId.eq(id));
    }
    q
}
