//! The webhooks' queries: insert, find (with the secret, for signing), list inside a scope,
//! delete, and the active webhooks with the units of their subtrees (who receives an event
//! of a unit).

use super::closure::{self, Scope};
use super::entities::webhook;
use crate::domain::notify::{Webhook, events_text, parse_events};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use shared::TodoKind;
use shared::ids::{UnitId, UserId, WebhookId};
use std::collections::HashSet;

/// A new webhook.
#[derive(Debug, Clone)]
pub struct NewWebhook {
    pub url: String,
    pub secret: String,
    pub events: Vec<TodoKind>,
    pub unit_id: UnitId,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
}

fn domain(m: webhook::Model) -> Webhook {
    Webhook {
        id: WebhookId(m.id),
        url: m.url,
        events: parse_events(&m.events),
        unit_id: UnitId(m.unit_id),
        active: m.active,
        created_by: m.created_by.map(UserId),
        created_at: m.created_at,
    }
}

/// Inserts an active webhook.
pub async fn insert(db: &impl ConnectionTrait, new: NewWebhook) -> Result<Webhook, DbErr> {
    let row = webhook::ActiveModel {
        url: Set(new.url),
        secret: Set(new.secret),
        events: Set(events_text(&new.events)),
        unit_id: Set(new.unit_id.0),
        active: Set(true),
        created_by: Set(new.created_by.map(|u| u.0)),
        created_at: Set(new.created_at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(domain(row))
}

/// One webhook by id.
pub async fn find(db: &impl ConnectionTrait, id: WebhookId) -> Result<Option<Webhook>, DbErr> {
    Ok(webhook::Entity::find_by_id(id.0).one(db).await?.map(domain))
}

/// One webhook by id with its signing secret.
pub async fn find_with_secret(
    db: &impl ConnectionTrait,
    id: WebhookId,
) -> Result<Option<(Webhook, String)>, DbErr> {
    let row = webhook::Entity::find_by_id(id.0).one(db).await?;
    Ok(row.map(|m| {
        let secret = m.secret.clone();
        (domain(m), secret)
    }))
}

/// The webhooks of the units inside `scope`, newest first.
pub async fn list(db: &impl ConnectionTrait, scope: Scope) -> Result<Vec<Webhook>, DbErr> {
    let rows = scope
        .apply(webhook::Entity::find(), webhook::Column::UnitId)
        .order_by_desc(webhook::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(domain).collect())
}

/// Deletes a webhook; true when there was one.
pub async fn delete(db: &impl ConnectionTrait, id: WebhookId) -> Result<bool, DbErr> {
    let done = webhook::Entity::delete_many()
        .filter(webhook::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}

/// An active webhook with every unit of its unit's subtree (predecessors included).
#[derive(Debug, Clone)]
pub struct Listening {
    pub webhook: Webhook,
    pub units: HashSet<UnitId>,
}

impl Listening {
    /// Whether it receives `event` about `unit`.
    pub fn hears(&self, event: TodoKind, unit: UnitId) -> bool {
        self.webhook.events.contains(&event) && self.units.contains(&unit)
    }
}

/// Every active webhook with its subtree: one query, and one per webhook.
pub async fn listening(db: &impl ConnectionTrait) -> Result<Vec<Listening>, DbErr> {
    let rows = webhook::Entity::find()
        .filter(webhook::Column::Active.eq(true))
        .order_by_asc(webhook::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let webhook = domain(row);
        let units = closure::subtree(db, webhook.unit_id)
            .await?
            .into_iter()
            .collect();
        out.push(Listening { webhook, units });
    }
    Ok(out)
}
