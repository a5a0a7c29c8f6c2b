//! The notifications of the monthly cycle, pure: the outbox's objects as the services hand
//! them out, the keys that make each notification happen at most once, the webhook's
//! events as stored and its JSON body and signature, where a webhook may post, and the
//! Vietnamese texts of the e-mails.

pub mod address;
pub mod body;
pub mod explanation_letters;
pub mod letters;
pub mod signature;

use crate::domain::cycle::YearMonth;
use chrono::{DateTime, Utc};
use shared::ids::{NotificationId, UnitId, UserId, WebhookId};
use shared::{Channel, DeliveryStatus, MailKind, TodoKind};
use std::str::FromStr;

/// A notification of the outbox, without its body.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Notification {
    pub id: NotificationId,
    /// What it tells of: a `MailKind` code for an e-mail, a `TodoKind` code for a webhook.
    pub kind: String,
    pub channel: Channel,
    /// An e-mail address or a webhook's URL.
    pub recipient: String,
    pub subject: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

/// A webhook, without its secret.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Webhook {
    pub id: WebhookId,
    pub url: String,
    pub events: Vec<TodoKind>,
    pub unit_id: UnitId,
    pub active: bool,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
}

/// The events a webhook asks for, as stored: codes, comma-separated, in the enum's order,
/// each once.
pub fn events_text(events: &[TodoKind]) -> String {
    let mut sorted = events.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
        .iter()
        .map(|e| e.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// The stored events of a webhook; unknown codes are left out.
pub fn parse_events(text: &str) -> Vec<TodoKind> {
    parse_codes(text)
}

/// The kinds of e-mail a user turned off, as stored (`MailKind` codes, comma-separated);
/// unknown codes are left out.
pub fn parse_muted(text: &str) -> Vec<MailKind> {
    parse_codes(text)
}

fn parse_codes<T: FromStr>(text: &str) -> Vec<T> {
    text.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .filter_map(|c| T::from_str(c).ok())
        .collect()
}

/// The month as the keys and texts write it: `2026-10`.
pub fn month_key(month: YearMonth) -> String {
    format!("{}-{:02}", month.year, month.month)
}

/// What starts the deduplication key of a monthly digest.
const DIGEST_PREFIX: &str = "DIGEST:";

/// The deduplication key of the monthly digest of `user` for `month`:
/// `DIGEST:<user>:<yyyy-mm>`.
pub fn digest_key(user: UserId, month: YearMonth) -> String {
    format!("{DIGEST_PREFIX}{user}:{}", month_key(month))
}

/// The leader and the month of a digest's deduplication key; `None` for any other key.
pub fn parse_digest_key(key: &str) -> Option<(UserId, YearMonth)> {
    let (user, month) = key.strip_prefix(DIGEST_PREFIX)?.split_once(':')?;
    let (year, month) = month.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(user) || year.len() != 4 || !digits(year) || month.len() != 2 || !digits(month) {
        return None;
    }
    let month = YearMonth::new(year.parse().ok()?, month.parse().ok()?)?;
    Some((UserId(user.parse().ok()?), month))
}

/// Who a notification goes to, in its deduplication key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination<'a> {
    /// An e-mail address (compared without case).
    Email(&'a str),
    /// A webhook.
    Webhook(WebhookId),
}

impl Destination<'_> {
    /// The key's tail: `email:<address>` or `webhook:<id>`.
    fn key(&self) -> String {
        match self {
            Destination::Email(address) => format!("email:{}", address.trim().to_lowercase()),
            Destination::Webhook(id) => format!("webhook:{id}"),
        }
    }

    /// The channel it travels by.
    pub fn channel(&self) -> Channel {
        match self {
            Destination::Email(_) => Channel::Email,
            Destination::Webhook(_) => Channel::Webhook,
        }
    }
}

/// The deduplication key of a notification: the event (`what`, e.g. `OVERDUE`, the unit,
/// the month and, for an event that can happen again, a version), the channel and the
/// recipient. `OVERDUE:12:2026-10:email:a@b.vn`.
pub fn dedup_key(what: &str, event: &[String], to: Destination<'_>) -> String {
    let mut parts = vec![what.to_owned()];
    parts.extend(event.iter().cloned());
    parts.push(to.key());
    parts.join(":")
}

/// Whether `address` looks like an e-mail address worth trying: one `@` with text on both
/// sides, a dot in the domain, no spaces or angle brackets.
pub fn plausible_email(address: &str) -> bool {
    let a = address.trim();
    let Some((local, domain)) = a.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !a
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_round_trip_in_order_each_once() {
        let text = events_text(&[
            TodoKind::OffTrack,
            TodoKind::ReportOverdue,
            TodoKind::OffTrack,
        ]);
        assert_eq!(text, "REPORT_OVERDUE,OFF_TRACK");
        assert_eq!(
            parse_events(&text),
            vec![TodoKind::ReportOverdue, TodoKind::OffTrack]
        );
        assert_eq!(
            parse_events(" REPORT_DUE , NONSENSE,"),
            vec![TodoKind::ReportDue]
        );
        assert_eq!(
            parse_muted("DIGEST,REMINDER"),
            vec![MailKind::Digest, MailKind::Reminder]
        );
        assert!(parse_muted("").is_empty());
    }

    #[test]
    fn keys_name_the_event_the_channel_and_the_recipient() {
        let month = YearMonth {
            year: 2026,
            month: 3,
        };
        let event = vec!["12".to_owned(), month_key(month)];
        assert_eq!(
            dedup_key("OVERDUE", &event, Destination::Email(" A@B.vn ")),
            "OVERDUE:12:2026-03:email:a@b.vn"
        );
        assert_eq!(
            dedup_key("REPORT_OVERDUE", &event, Destination::Webhook(WebhookId(4))),
            "REPORT_OVERDUE:12:2026-03:webhook:4"
        );
    }

    #[test]
    fn a_digest_key_names_its_leader_and_month_and_reads_back() {
        let month = YearMonth {
            year: 2026,
            month: 1,
        };
        let key = digest_key(UserId(7), month);
        assert_eq!(key, "DIGEST:7:2026-01");
        assert_eq!(parse_digest_key(&key), Some((UserId(7), month)));
        assert_eq!(
            parse_digest_key("DIGEST:12:2025-12"),
            Some((
                UserId(12),
                YearMonth {
                    year: 2025,
                    month: 12
                }
            ))
        );
        for other in [
            "",
            "DIGEST:",
            "DIGEST:7",
            "DIGEST:7:2026-13",
            "DIGEST:7:2026-00",
            "DIGEST:7:2026-1",
            "DIGEST:-7:2026-01",
            "DIGEST:x:2026-01",
            "DIGEST:7:2026-01:email:a@b.vn",
            "DIGEST:99999999999:2026-01",
            "OVERDUE:12:2026-03:email:a@b.vn",
            "digest:7:2026-01",
        ] {
            assert_eq!(parse_digest_key(other), None, "{other}");
        }
    }

    #[test]
    fn only_plausible_addresses_are_mailed() {
        assert!(plausible_email("can.bo@xa1.gov.vn"));
        for bad in [
            "",
            "a@b",
            "@b.vn",
            "a b@c.vn",
            "a@b.vn, c@d.vn",
            "<a@b.vn>",
            "a@.vn",
        ] {
            assert!(!plausible_email(bad), "{bad}");
        }
    }
}
