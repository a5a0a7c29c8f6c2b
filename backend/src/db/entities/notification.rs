//! The `notifications` table: the outbox. A row is written in the transaction of the event
//! it tells of, at most once per `dedup_key` (event, channel and recipient), and sent by the
//! background worker, which claims it until `claimed_until`.

use sea_orm::entity::prelude::*;
use shared::{Channel, DeliveryStatus};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Unique: the event, the channel and the recipient.
    pub dedup_key: String,
    /// What the notification tells of (a reminder, an overdue notice, a digest, …).
    pub kind: String,
    pub channel: Channel,
    /// An e-mail address or a webhook's URL.
    pub recipient: String,
    pub webhook_id: Option<i32>,
    pub unit_id: Option<i32>,
    pub subject: String,
    /// The plain-text part of an e-mail, or a webhook's JSON body.
    pub body: String,
    /// The HTML part of an e-mail.
    pub html: Option<String>,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// A worker holds the row until then.
    pub claimed_until: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    pub last_error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
