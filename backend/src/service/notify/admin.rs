//! The ADMIN's side of the outbox: the latest notifications (the root's ADMIN), and the
//! webhooks of the units in its subtree — listed, created with a secret shown once (the
//! URL checked: http or https, not internal unless allowed, never the server itself),
//! deleted; each change audited.

use super::Outbound;
use super::webhook::check_url;
use crate::auth::Actor;
use crate::db::webhooks::NewWebhook;
use crate::db::{self, Db};
use crate::domain::notify::signature::new_secret;
use crate::domain::notify::{Notification, Webhook};
use crate::domain::scope::{Placement, may_manage_webhooks};
use crate::error::{ServiceError, ServiceResult};
use crate::service::access::{self, OrNotFound};
use crate::service::{audit, units};
use shared::ids::{UnitId, WebhookId};
use shared::{Role, TodoKind};

/// The most notifications one read returns.
pub const MAX_LIMIT: i64 = 500;

/// The latest `limit` notifications (1–500), newest first: the ADMIN of the root.
pub async fn notifications(actor: &Actor, db: &Db, limit: i64) -> ServiceResult<Vec<Notification>> {
    access::require_province_admin(actor, "read the outbox")?;
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ServiceError::validation(
            "limit",
            format!("limit phải từ 1 đến {MAX_LIMIT}"),
        ));
    }
    Ok(db::notifications::latest(db.conn(), limit as u64).await?)
}

/// The caller's role when it may manage webhooks at all.
fn webhook_role(actor: &Actor, action: &str) -> ServiceResult<Role> {
    access::role_for(actor, action, |r| may_manage_webhooks(r, Placement::Below))
}

/// The webhooks of the units in the caller's subtree (ADMIN), newest first.
pub async fn webhooks(actor: &Actor, db: &Db) -> ServiceResult<Vec<Webhook>> {
    webhook_role(actor, "list webhooks")?;
    Ok(db::webhooks::list(db.conn(), access::scope(actor)).await?)
}

/// Creates a webhook of `unit_id` for `events`; returns the signing secret (shown once)
/// and the webhook.
pub async fn create_webhook(
    actor: &Actor,
    db: &Db,
    outbound: &Outbound,
    url: &str,
    events: &[TodoKind],
    unit_id: UnitId,
) -> ServiceResult<(String, Webhook)> {
    let role = webhook_role(actor, "create webhooks")?;
    if events.is_empty() {
        return Err(ServiceError::validation(
            "events",
            "chọn ít nhất một loại sự kiện cho webhook",
        ));
    }
    let outside = "an admin creates webhooks only for units of its own subtree";
    let rule = |at| may_manage_webhooks(role, at);
    access::allow_at(db.conn(), actor, unit_id, rule, outside).await?;
    let checked = check_url(outbound, url)
        .await
        .map_err(|e| ServiceError::validation("url", e.message()))?;
    let secret = new_secret();
    let txn = db.write().await?;
    // A caller scoped to the root "sees" every id, existing or not.
    units::require(&*txn, unit_id).await?;
    let new = NewWebhook {
        url: checked.url.url.to_string(),
        secret: secret.clone(),
        events: events.to_vec(),
        unit_id,
        created_by: actor.user_id(),
        created_at: db.now(),
    };
    let webhook = db::webhooks::insert(&*txn, new).await?;
    let action = "createWebhook";
    audit::created(&*txn, Some(actor), action, "webhook", webhook.id, &webhook).await?;
    txn.commit().await?;
    Ok((secret, webhook))
}

/// Deletes a webhook of a unit in the caller's subtree; its pending posts fail when their
/// turn comes.
pub async fn delete_webhook(actor: &Actor, db: &Db, id: WebhookId) -> ServiceResult<bool> {
    let role = webhook_role(actor, "delete webhooks")?;
    let txn = db.write().await?;
    let before = db::webhooks::find(&*txn, id)
        .await?
        .or_not_found(format!("webhook {id}"))?;
    let outside = "an admin deletes only the webhooks of units in its own subtree";
    let rule = |at| may_manage_webhooks(role, at);
    access::allow_at(&*txn, actor, before.unit_id, rule, outside).await?;
    db::webhooks::delete(&*txn, id).await?;
    let before = serde_json::to_value(&before).ok();
    audit::record(
        &*txn,
        Some(actor),
        "deleteWebhook",
        "webhook",
        id,
        before,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}
