//! The JSON body of a webhook post: `{id, event, unit {id code name}, year, month, dueOn,
//! daysOverdue, createdAt}` (with the indicator of an OFF_TRACK event and the comment of a
//! rejection). It is stored without its id, which is the notification's and is set when
//! the post is made: the same on every try, like the `Idempotency-Key` header.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use shared::TodoKind;

/// A unit as a webhook names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitRef {
    pub id: String,
    pub code: String,
    pub name: String,
}

/// An indicator as a webhook names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorRef {
    pub id: String,
    pub code: String,
    pub name: String,
}

/// The body of a webhook post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookBody {
    /// The notification's id (empty until the post is made).
    #[serde(default)]
    pub id: String,
    pub event: TodoKind,
    pub unit: UnitRef,
    pub year: i32,
    pub month: Option<u32>,
    /// The deadline the event is about (to submit; to approve for APPROVAL_* events).
    pub due_on: Option<NaiveDate>,
    /// Days past that deadline; 0 when not overdue.
    pub days_overdue: i64,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<IndicatorRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl WebhookBody {
    /// The stored form (without id).
    pub fn stored(&self) -> String {
        let mut body = self.clone();
        body.id = String::new();
        serde_json::to_string(&body).unwrap_or_default()
    }

    /// The bytes posted for notification `id`, from the stored form.
    pub fn posted(stored: &str, id: impl std::fmt::Display) -> Result<Vec<u8>, serde_json::Error> {
        let mut body: WebhookBody = serde_json::from_str(stored)?;
        body.id = id.to_string();
        serde_json::to_vec(&body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_posted_body_carries_the_notifications_id_and_the_contracts_fields() {
        let body = WebhookBody {
            id: String::new(),
            event: TodoKind::ReportOverdue,
            unit: UnitRef {
                id: "7".into(),
                code: "C1".into(),
                name: "Xã Một".into(),
            },
            year: 2026,
            month: Some(10),
            due_on: NaiveDate::from_ymd_opt(2026, 11, 5),
            days_overdue: 1,
            created_at: DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default(),
            indicator: None,
            comment: None,
        };
        let posted = WebhookBody::posted(&body.stored(), 42).unwrap_or_default();
        let json: serde_json::Value = serde_json::from_slice(&posted).unwrap_or_default();
        assert_eq!(json["id"], "42");
        assert_eq!(json["event"], "REPORT_OVERDUE");
        assert_eq!(json["unit"]["code"], "C1");
        assert_eq!(json["dueOn"], "2026-11-05");
        assert_eq!(json["daysOverdue"], 1);
        assert_eq!(json["month"], 10);
        assert!(json["createdAt"].is_string());
        assert!(json.get("indicator").is_none());
        assert!(String::from_utf8_lossy(&posted).starts_with("{\"id\":\"42\""));
    }
}
