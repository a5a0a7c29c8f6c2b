//! The audit log: every mutation writes who did what to which object, with the object
//! before and after as JSON, in the transaction of the change. Only ADMIN reads it: the
//! ADMIN of the province root every entry, an ADMIN below the root the entries written by the
//! accounts of its subtree (filtered in SQL through the account's unit).

use super::access;
use crate::auth::Actor;
use crate::db::closure;
use crate::db::entities::{audit_entry, user};
use crate::domain::model::AuditEntry;
use crate::domain::scope::{AuditView, audit_view};
use crate::error::{ServiceError, ServiceResult};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use shared::Role;

/// Writes one entry.
pub async fn record(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    action: &str,
    entity: &str,
    entity_id: impl ToString,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> ServiceResult<()> {
    audit_entry::ActiveModel {
        at: Set(chrono::Utc::now()),
        actor_id: Set(actor.and_then(|a| a.user_id()).map(|u| u.0)),
        action: Set(action.to_owned()),
        entity: Set(entity.to_owned()),
        entity_id: Set(entity_id.to_string()),
        before: Set(before.map(|v| v.to_string())),
        after: Set(after.map(|v| v.to_string())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The latest entries the caller may read, newest first, optionally for one entity (and id).
/// ADMIN only; see [`audit_view`].
pub async fn list(
    actor: &Actor,
    db: &impl ConnectionTrait,
    entity: Option<&str>,
    entity_id: Option<&str>,
    limit: i64,
) -> ServiceResult<Vec<AuditEntry>> {
    let role = actor.require_role(&[Role::Admin], "read the audit log")?;
    let mut q = audit_entry::Entity::find();
    match audit_view(role, access::reach(actor)) {
        AuditView::Everything => {}
        AuditView::ActorsInScope => {
            let accounts = Query::select()
                .column(user::Column::Id)
                .from(user::Entity)
                .and_where(
                    Expr::col(user::Column::UnitId)
                        .in_subquery(closure::subtree_query(actor.scope)),
                )
                .to_owned();
            q = q.filter(Expr::col(audit_entry::Column::ActorId).in_subquery(accounts));
        }
        AuditView::Nothing => {
            return Err(ServiceError::forbidden("only an admin reads the audit log"));
        }
    }
    if let Some(e) = entity {
        q = q.filter(audit_entry::Column::Entity.eq(e));
    }
    if let Some(id) = entity_id {
        q = q.filter(audit_entry::Column::EntityId.eq(id));
    }
    let rows = q
        .order_by_desc(audit_entry::Column::Id)
        .limit(limit.clamp(1, 1000) as u64)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(AuditEntry::from).collect())
}
