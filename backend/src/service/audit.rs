//! The audit log: every mutation writes who did what to which object, with the object
//! before and after as JSON, in the transaction of the change. Only ADMIN reads it: the
//! ADMIN of the province root every entry, an ADMIN below the root the entries written by the
//! accounts of its subtree (filtered in SQL through the account's unit).

use super::access;
use super::paging::{PageArgs, Paged};
use crate::auth::Actor;
use crate::db;
use crate::db::ConnectionTrait;
use crate::db::audit::{EntryFilter, NewEntry};
use crate::domain::model::AuditEntry;
use crate::domain::paging::KeyPart;
use crate::domain::scope::{AuditView, Reach, audit_view};
use crate::error::{ServiceError, ServiceResult};
use serde::Serialize;

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
    let entry = NewEntry {
        actor_id: actor.and_then(|a| a.user_id()),
        action: action.to_owned(),
        entity: entity.to_owned(),
        entity_id: entity_id.to_string(),
        before: before.map(|v| v.to_string()),
        after: after.map(|v| v.to_string()),
    };
    Ok(db::audit::insert(db, entry).await?)
}

/// Writes the entry of a created object (`after` only).
pub async fn created(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    action: &str,
    entity: &str,
    entity_id: impl ToString,
    after: &impl Serialize,
) -> ServiceResult<()> {
    let after = serde_json::to_value(after).ok();
    record(db, actor, action, entity, entity_id, None, after).await
}

/// Writes the entry of a changed object (`before` and `after`).
pub async fn changed<T: Serialize>(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    action: &str,
    entity: &str,
    entity_id: impl ToString,
    before: &T,
    after: &T,
) -> ServiceResult<()> {
    let (before, after) = (serde_json::to_value(before), serde_json::to_value(after));
    record(
        db,
        actor,
        action,
        entity,
        entity_id,
        before.ok(),
        after.ok(),
    )
    .await
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
    let filter = EntryFilter {
        actors_under: actors_under(actor)?,
        entity,
        entity_id,
    };
    Ok(db::audit::latest(db, filter, limit.clamp(1, 1000) as u64).await?)
}

/// A page of the entries the caller may read (as [`list`]), newest first by id.
pub async fn page(
    actor: &Actor,
    db: &impl ConnectionTrait,
    entity: Option<&str>,
    entity_id: Option<&str>,
    args: &PageArgs,
) -> ServiceResult<Paged<AuditEntry>> {
    let actors_under = actors_under(actor)?;
    let keys = args.check("auditLog", &[true])?;
    let filter = EntryFilter {
        actors_under,
        entity,
        entity_id,
    };
    let rows = db::audit::page(db, filter.clone(), keys.id(), keys.size.probe()).await?;
    let total = db::audit::count(db, filter).await?;
    Ok(keys.page(rows, total, |e| vec![KeyPart::Int(i64::from(e.id.0))]))
}

/// Whose entries the caller reads: everyone's (`None`) or those of the accounts under its
/// scope; FORBIDDEN unless it is an ADMIN (see [`audit_view`]).
fn actors_under(actor: &Actor) -> ServiceResult<Option<shared::ids::UnitId>> {
    let role = access::role_for(actor, "read the audit log", |r| {
        audit_view(r, Reach::Province) != AuditView::Nothing
    })?;
    match audit_view(role, access::reach(actor)) {
        AuditView::Everything => Ok(None),
        AuditView::ActorsInScope => Ok(Some(actor.scope)),
        AuditView::Nothing => Err(ServiceError::forbidden("only an admin reads the audit log")),
    }
}
