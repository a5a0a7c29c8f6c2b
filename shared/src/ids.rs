//! Typed ids: a unit id and a staff id cannot be swapped by accident.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse::<i32>().map($name)
            }
        }

        impl From<$name> for i32 {
            fn from(id: $name) -> i32 {
                id.0
            }
        }
    )*};
}

id_type!(
    /// A unit of the province tree.
    UnitId,
    /// A staff member.
    StaffId,
    /// A login account.
    UserId,
    /// A third-party API token.
    ApiTokenId,
    /// A raw monthly measure.
    MeasureId,
    /// An indicator of the catalogue.
    IndicatorId,
    /// A decision that assigns targets.
    DecisionId,
    /// A target of a decision for a unit and an indicator.
    TargetId,
    /// A recorded violation.
    ViolationId,
    /// A published (frozen) ranking.
    RankingId,
    /// An audit log entry.
    AuditEntryId,
    /// A webhook: a receiver of signed JSON events.
    WebhookId,
    /// A notification of the outbox (an e-mail or a webhook post).
    NotificationId,
    /// A cause an explanation names, from the catalogue the ADMIN edits.
    CauseId,
    /// An explanation request (giải trình) about a unit's indicator at a month.
    ExplanationRequestId,
    /// A corrective action proposed by an explanation.
    ActionId,
    /// An evidence file (tài liệu kiểm chứng).
    EvidenceFileId,
    /// A comment on a monthly report or a target.
    CommentId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_from_their_display_form() {
        let id: UnitId = "42".parse().unwrap();
        assert_eq!(id, UnitId(42));
        assert_eq!(id.to_string(), "42");
        assert!("x".parse::<UnitId>().is_err());
    }
}
