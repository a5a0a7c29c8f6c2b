//! The outbox's queries: writing a notification at most once per deduplication key
//! (`ON CONFLICT DO NOTHING`, whoever writes it), claiming a batch of due ones for one
//! worker (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so that several instances never take the
//! same row; SQLite has one writer), recording a delivery or a failed try, and the latest
//! notifications for the ADMIN.

use super::entities::notification;
use crate::domain::notify::Notification;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect, Set, Statement, Value,
};
use shared::ids::{NotificationId, UnitId, WebhookId};
use shared::{Channel, DeliveryStatus};
use std::collections::HashSet;

/// A notification to write.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNotification {
    /// The event, the channel and the recipient (`domain::notify::dedup_key`).
    pub dedup_key: String,
    /// A `MailKind` code for an e-mail, a `TodoKind` code for a webhook event.
    pub kind: String,
    pub channel: Channel,
    /// An e-mail address or the webhook's URL.
    pub recipient: String,
    pub webhook_id: Option<WebhookId>,
    pub unit_id: Option<UnitId>,
    pub subject: String,
    /// The plain-text part, or the webhook's JSON body without its id.
    pub body: String,
    /// The HTML part of an e-mail.
    pub html: Option<String>,
}

/// A claimed notification, with what it takes to deliver it.
#[derive(Debug, Clone, PartialEq)]
pub struct Claimed {
    pub id: NotificationId,
    /// The event, the channel and the recipient (a digest's names its leader and month).
    pub dedup_key: String,
    pub channel: Channel,
    pub recipient: String,
    pub webhook_id: Option<WebhookId>,
    pub subject: String,
    pub body: String,
    pub html: Option<String>,
    /// Tries made before this one.
    pub attempts: i32,
}

fn domain(m: notification::Model) -> Notification {
    Notification {
        id: NotificationId(m.id),
        kind: m.kind,
        channel: m.channel,
        recipient: m.recipient,
        subject: m.subject,
        status: m.status,
        attempts: m.attempts,
        created_at: m.created_at,
        sent_at: m.sent_at,
        last_error: m.last_error,
    }
}

/// Writes `new`, pending from `now`, unless a notification with its key exists. True when
/// it was written.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    new: NewNotification,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let row = notification::ActiveModel {
        dedup_key: Set(new.dedup_key),
        kind: Set(new.kind),
        channel: Set(new.channel),
        recipient: Set(new.recipient),
        webhook_id: Set(new.webhook_id.map(|w| w.0)),
        unit_id: Set(new.unit_id.map(|u| u.0)),
        subject: Set(new.subject),
        body: Set(new.body),
        html: Set(new.html),
        status: Set(DeliveryStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    };
    let written = notification::Entity::insert(row)
        .on_conflict(
            OnConflict::column(notification::Column::DedupKey)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(written > 0)
}

/// Keys per IN list.
const IN_CHUNK: usize = 500;

/// Which of `keys` are already in the outbox.
pub async fn existing_keys(
    db: &impl ConnectionTrait,
    keys: &[String],
) -> Result<HashSet<String>, DbErr> {
    let mut out = HashSet::new();
    for chunk in keys.chunks(IN_CHUNK) {
        let found: Vec<String> = notification::Entity::find()
            .select_only()
            .column(notification::Column::DedupKey)
            .filter(notification::Column::DedupKey.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(found);
    }
    Ok(out)
}

/// Claims up to `limit` pending notifications of `channels` due at `now` and not held by
/// another worker, holding them until `until`; oldest first. On PostgreSQL rows another
/// transaction has locked are skipped, so two workers never claim the same row.
pub async fn claim(
    db: &impl ConnectionTrait,
    channels: &[Channel],
    now: DateTime<Utc>,
    until: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<Claimed>, DbErr> {
    if channels.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let (p1, p2, p3, lock) = match backend {
        DbBackend::Postgres => ("$1", "$2", "$3", " FOR UPDATE SKIP LOCKED"),
        _ => ("?", "?", "?", ""),
    };
    // The codes are the enum's own spellings, never input.
    let channels = channels
        .iter()
        .map(|c| format!("'{}'", c.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "UPDATE notifications SET claimed_until = {p1} WHERE id IN (\
           SELECT id FROM notifications WHERE status = 'PENDING' AND channel IN ({channels}) \
           AND next_attempt_at <= {p2} AND (claimed_until IS NULL OR claimed_until < {p3}) \
           ORDER BY id LIMIT {limit}{lock}) \
         RETURNING id, dedup_key, channel, recipient, webhook_id, subject, body, html, attempts"
    );
    let values: Vec<Value> = vec![until.into(), now.into(), now.into()];
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let claimed = ClaimedRow::from_query_result(&row, "")?;
        out.push(Claimed {
            id: NotificationId(claimed.id),
            dedup_key: claimed.dedup_key,
            channel: claimed.channel,
            recipient: claimed.recipient,
            webhook_id: claimed.webhook_id.map(WebhookId),
            subject: claimed.subject,
            body: claimed.body,
            html: claimed.html,
            attempts: claimed.attempts,
        });
    }
    out.sort_by_key(|c| c.id);
    Ok(out)
}

#[derive(FromQueryResult)]
struct ClaimedRow {
    id: i32,
    dedup_key: String,
    channel: Channel,
    recipient: String,
    webhook_id: Option<i32>,
    subject: String,
    body: String,
    html: Option<String>,
    attempts: i32,
}

/// Records a delivery.
pub async fn mark_sent(
    db: &impl ConnectionTrait,
    id: NotificationId,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use notification::Column as C;
    notification::Entity::update_many()
        .col_expr(C::Status, Expr::value(DeliveryStatus::Sent.as_str()))
        .col_expr(C::Attempts, Expr::col(C::Attempts).add(1))
        .col_expr(C::SentAt, Expr::value(Some(now)))
        .col_expr(C::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(C::LastError, Expr::value(Option::<String>::None))
        .filter(C::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed try, the `attempts`-th: tried again at `retry_at`, or FAILED when
/// there is none; the error is kept either way.
pub async fn mark_failed_try(
    db: &impl ConnectionTrait,
    id: NotificationId,
    attempts: i32,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<(), DbErr> {
    use notification::Column as C;
    let mut update = notification::Entity::update_many()
        .col_expr(C::Attempts, Expr::value(attempts))
        .col_expr(C::LastError, Expr::value(Some(error.to_owned())))
        .col_expr(C::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None));
    update = match retry_at {
        Some(at) => update
            .col_expr(C::Status, Expr::value(DeliveryStatus::Pending.as_str()))
            .col_expr(C::NextAttemptAt, Expr::value(at)),
        None => update.col_expr(C::Status, Expr::value(DeliveryStatus::Failed.as_str())),
    };
    update.filter(C::Id.eq(id.0)).exec(db).await?;
    Ok(())
}

/// Lets another worker take a claimed notification at once (a worker that stops).
pub async fn release(db: &impl ConnectionTrait, id: NotificationId) -> Result<(), DbErr> {
    use notification::Column as C;
    notification::Entity::update_many()
        .col_expr(C::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(C::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// The latest `limit` notifications, newest first.
pub async fn latest(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<Notification>, DbErr> {
    let rows = notification::Entity::find()
        .order_by_desc(notification::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(domain).collect())
}

/// Every notification with its key, oldest first (tests and the demo read the outbox whole).
pub async fn all_keys(db: &impl ConnectionTrait) -> Result<Vec<(String, Notification)>, DbErr> {
    let rows = notification::Entity::find()
        .order_by_asc(notification::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|m| (m.dedup_key.clone(), domain(m)))
        .collect())
}
