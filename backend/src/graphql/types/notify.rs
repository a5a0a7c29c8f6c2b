//! The outbox and the webhooks as the contract shows them.

use crate::domain::notify;
use async_graphql::SimpleObject;
use chrono::{DateTime, Utc};
use shared::*;

object! {
    /// A notification of the outbox: an e-mail or a webhook post, sent by the background
    /// worker with retries.
    Notification(notify::Notification) {
        id: id;
        copy: channel: Channel;
        str:
            /// An e-mail address or a webhook's URL.
            recipient,
            /// The e-mail's subject, or the webhook event's summary.
            subject;
        copy:
            status: DeliveryStatus,
            /// Delivery tries made so far.
            attempts: i32,
            created_at: DateTime<Utc>,
            sent_at: Option<DateTime<Utc>>;
        opt_str:
            /// Why the last try failed.
            last_error;
    }
}

object! {
    /// A receiver of signed JSON events about a unit and every unit below it.
    Webhook(notify::Webhook) {
        id: id;
        str: url;
        /// The events it receives.
        async fn events(&self) -> Vec<TodoKind> {
            self.0.events.clone()
        }
        unit;
        copy: active: bool;
    }
}

/// A new webhook with its signing secret, shown once.
#[derive(SimpleObject)]
pub struct WebhookPayload {
    pub webhook: Webhook,
    /// The HMAC-SHA256 key of `X-ChiTieu-Signature`: shown only in this answer.
    pub secret: String,
}
