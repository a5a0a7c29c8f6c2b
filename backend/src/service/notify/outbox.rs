//! Events into rows of the outbox: an e-mail to a person who has not turned that kind of
//! mail off, a post to each webhook hearing the event, each with its deduplication key;
//! and writing a batch, leaving out what is already there (the insert itself also does
//! nothing on a key another worker wrote in between).

use crate::db::ConnectionTrait;
use crate::db::closure::Scope;
use crate::db::notifications::{self, NewNotification};
use crate::db::recipients::MailRecipient;
use crate::db::{Db, units};
use crate::domain::cycle::YearMonth;
use crate::domain::model::Unit;
use crate::domain::notify::body::{UnitRef, WebhookBody};
use crate::domain::notify::letters::{Letter, month_label};
use crate::domain::notify::{Destination, Webhook, dedup_key, plausible_email};
use crate::error::ServiceResult;
use chrono::{DateTime, Utc};
use shared::ids::UnitId;
use shared::{Channel, MailKind, TodoKind};
use std::collections::{HashMap, HashSet};

/// An e-mail of `kind` about `event` to `to`; `None` when the person turned that kind off
/// or has no usable address.
pub fn email(
    kind: MailKind,
    event: &[String],
    to: &MailRecipient,
    unit: Option<UnitId>,
    letter: &Letter,
) -> Option<NewNotification> {
    if !to.wants(kind) || !plausible_email(&to.address) {
        return None;
    }
    Some(NewNotification {
        dedup_key: dedup_key(kind.as_str(), event, Destination::Email(&to.address)),
        kind: kind.as_str().to_owned(),
        channel: Channel::Email,
        recipient: to.address.trim().to_owned(),
        webhook_id: None,
        unit_id: unit,
        subject: letter.subject.clone(),
        body: letter.text.clone(),
        html: Some(letter.html.clone()),
    })
}

/// What an event says, in a line (the outbox's subject of a webhook post).
pub fn summary(body: &WebhookBody) -> String {
    let what = match body.event {
        TodoKind::ReportDue => "Sắp đến hạn nộp",
        TodoKind::ReportOverdue => "Quá hạn nộp",
        TodoKind::ReportRejected => "Bị trả lại",
        TodoKind::ApprovalPending => "Chờ duyệt",
        TodoKind::ApprovalOverdue => "Quá hạn duyệt",
        TodoKind::OffTrack => "Lệch mục tiêu",
        TodoKind::ExplanationDue => "Yêu cầu giải trình",
        TodoKind::ExplanationOverdue => "Quá hạn giải trình",
        TodoKind::ExplanationReview => "Giải trình chờ xem xét",
        TodoKind::ActionOverdue => "Biện pháp khắc phục quá hạn",
    };
    let month = body
        .month
        .and_then(|m| YearMonth::new(body.year, m))
        .map(month_label)
        .unwrap_or_else(|| format!("năm {}", body.year));
    match &body.indicator {
        Some(i) => format!("{what}: {}, {month}, {}", body.unit.name, i.name),
        None => format!("{what}: {}, {month}", body.unit.name),
    }
}

/// The post of `body` about `event` to `hook`.
pub fn post(event: &[String], hook: &Webhook, body: &WebhookBody) -> NewNotification {
    NewNotification {
        dedup_key: dedup_key(body.event.as_str(), event, Destination::Webhook(hook.id)),
        kind: body.event.as_str().to_owned(),
        channel: Channel::Webhook,
        recipient: hook.url.clone(),
        webhook_id: Some(hook.id),
        unit_id: body.unit.id.parse().ok().map(UnitId),
        subject: summary(body),
        body: body.stored(),
        html: None,
    }
}

/// A unit as webhooks name it.
pub fn unit_ref(unit: &Unit) -> UnitRef {
    UnitRef {
        id: unit.id.to_string(),
        code: unit.code.clone(),
        name: unit.name.clone(),
    }
}

/// The units of `ids`, by id.
pub async fn units_by_id(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = UnitId>,
) -> ServiceResult<HashMap<UnitId, Unit>> {
    let mut ids: Vec<UnitId> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = HashMap::new();
    for chunk in ids.chunks(1000) {
        for unit in units::by_ids(db, Scope::Everything, chunk).await? {
            out.insert(unit.id, unit);
        }
    }
    Ok(out)
}

/// `rows` once per key.
fn distinct(rows: Vec<NewNotification>) -> Vec<NewNotification> {
    let mut seen = HashSet::new();
    rows.into_iter()
        .filter(|r| seen.insert(r.dedup_key.clone()))
        .collect()
}

/// Writes the rows not in the outbox yet, in the transaction of their event; how many
/// were written.
pub async fn write_in(
    db: &impl ConnectionTrait,
    rows: Vec<NewNotification>,
    now: DateTime<Utc>,
) -> ServiceResult<usize> {
    let mut written = 0;
    for row in distinct(rows) {
        if notifications::enqueue(db, row, now).await? {
            written += 1;
        }
    }
    Ok(written)
}

/// Writes the rows not in the outbox yet in one transaction, after reading which keys are
/// there (the scan proposes the same rows every run); how many were written.
pub async fn write_new(db: &Db, rows: Vec<NewNotification>) -> ServiceResult<usize> {
    let rows = distinct(rows);
    if rows.is_empty() {
        return Ok(0);
    }
    let keys: Vec<String> = rows.iter().map(|r| r.dedup_key.clone()).collect();
    let there = notifications::existing_keys(db.conn(), &keys).await?;
    let fresh: Vec<NewNotification> = rows
        .into_iter()
        .filter(|r| !there.contains(&r.dedup_key))
        .collect();
    if fresh.is_empty() {
        return Ok(0);
    }
    let txn = db.write().await?;
    let written = write_in(&*txn, fresh, db.now()).await?;
    txn.commit().await?;
    Ok(written)
}
