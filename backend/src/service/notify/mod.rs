//! The notifications of the monthly cycle: what is due, late, sent back or waiting becomes
//! a row of the outbox — an e-mail to a person or a signed post to a webhook — written in
//! the transaction of its event or by the worker's scan, at most once per event, channel
//! and recipient; the background worker delivers them with retries. Also the ADMIN's use
//! cases: reading the outbox and managing webhooks.

pub mod admin;
pub mod digest;
pub mod digest_notice;
pub mod events;
pub mod mail;
pub(crate) mod outbox;
pub mod scan;
pub mod webhook;
pub mod worker;

pub use admin::{create_webhook, delete_webhook, notifications, webhooks};

use std::net::SocketAddr;

/// What the API and the worker of an instance know about sending out: whether webhooks may
/// reach loopback and private addresses, and where the server itself listens (never a
/// webhook's target).
#[derive(Debug, Clone, Default)]
pub struct Outbound {
    /// On-premise bridges and tests: webhooks may post to internal addresses.
    pub allow_private: bool,
    /// The address the server is bound to.
    pub bound: Option<SocketAddr>,
}
