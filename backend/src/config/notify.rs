//! The settings of the monthly cycle's notifications: the SMTP server and sender, the
//! public address used in links, how often the background worker runs and how long it
//! waits between tries, whether webhooks may reach private addresses, and a fixed "now"
//! for a demo or a test on a chosen day.

use chrono::{DateTime, Utc};
use secrecy::SecretString;
use serde::Deserialize;

/// How notifications leave the server.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct NotifySettings {
    /// `smtp://host:port` (plain or STARTTLS when offered), `smtps://user:pass@host:465`;
    /// unset: e-mails stay PENDING in the outbox.
    pub smtp_url: Option<SecretString>,
    /// The sender of e-mails.
    pub mail_from: String,
    /// The address people open the app at, for links in e-mails (`https://chitieu.tinh.gov.vn`).
    pub public_url: Option<String>,
    /// Seconds between two runs of the background worker.
    pub worker_interval_secs: u64,
    /// The first wait before a delivery is tried again, in seconds; later waits are
    /// multiples of it (5 s, 30 s, 2 min, 10 min, 1 h by default).
    pub retry_base_secs: u64,
    /// Webhooks may post to loopback and private addresses (on-premise bridges, tests).
    #[serde(deserialize_with = "super::flag::yes_no")]
    pub webhook_allow_private: bool,
    /// Runs the background worker (default); `false` leaves delivery to other instances.
    #[serde(deserialize_with = "super::flag::yes_no")]
    pub worker: bool,
    /// The instance's clock starts at this instant and runs on from it (a demo or a
    /// rehearsal on a chosen day).
    pub now: Option<DateTime<Utc>>,
}

impl Default for NotifySettings {
    fn default() -> Self {
        NotifySettings {
            smtp_url: None,
            mail_from: "Chỉ tiêu <chitieu@localhost>".to_owned(),
            public_url: None,
            worker_interval_secs: 60,
            retry_base_secs: 5,
            webhook_allow_private: false,
            worker: true,
            now: None,
        }
    }
}
