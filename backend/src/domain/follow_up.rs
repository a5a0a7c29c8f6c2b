//! Follow-through, pure: when an indicator's status asks for an explanation, how a request
//! moves (explained, accepted, sent back, closed, turned into a violation), when it or an
//! action is overdue, and the key that makes an automatic request happen once.

use chrono::{DateTime, NaiveDate, Utc};
use shared::ids::{
    ActionId, CauseId, CommentId, EvidenceFileId, ExplanationRequestId, IndicatorId, StaffId,
    TargetId, UnitId, UserId, ViolationId,
};
use shared::{ActionStatus, CommentKind, CommentSubject, ExplanationStatus, TrackStatus};

pub mod auto;
pub mod plan;
pub mod settings;

/// A cause an explanation names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Cause {
    pub id: CauseId,
    pub code: String,
    pub name: String,
    pub active: bool,
}

/// An explanation request and the explanation given.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Request {
    pub id: ExplanationRequestId,
    pub unit_id: UnitId,
    pub indicator_id: IndicatorId,
    pub year: i32,
    pub month: u32,
    pub status: ExplanationStatus,
    pub track_status: TrackStatus,
    pub automatic: bool,
    pub requested_by: Option<UserId>,
    pub requested_at: DateTime<Utc>,
    pub due_on: NaiveDate,
    pub message: Option<String>,
    pub cause_id: Option<CauseId>,
    pub reason: Option<String>,
    pub submitted_by: Option<UserId>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub reviewed_by: Option<UserId>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_comment: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub close_note: Option<String>,
    pub violation_id: Option<ViolationId>,
    pub version: i32,
}

/// A corrective action.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Action {
    pub id: ActionId,
    pub request_id: ExplanationRequestId,
    pub position: i32,
    pub description: String,
    pub owner: StaffId,
    pub due_on: NaiveDate,
    pub expected_effect: Option<String>,
    pub status: ActionStatus,
    pub done_at: Option<DateTime<Utc>>,
    pub done_by: Option<UserId>,
    pub done_note: Option<String>,
}

/// An evidence file's record (its bytes are in the evidence store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceFile {
    pub id: EvidenceFileId,
    pub request_id: ExplanationRequestId,
    pub action_id: Option<ActionId>,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: UserId,
    pub uploaded_at: DateTime<Utc>,
}

/// A comment of a thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: CommentId,
    pub subject: CommentSubject,
    pub unit_id: UnitId,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub target_id: Option<TargetId>,
    pub parent_id: Option<CommentId>,
    pub kind: CommentKind,
    pub author_id: UserId,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// Days a unit has to explain, unless the ADMIN set otherwise.
pub const DEFAULT_DUE_DAYS: i64 = 7;
/// The most days an ADMIN may give.
pub const MAX_DUE_DAYS: i64 = 90;

/// Whether an indicator at `status` asks for an explanation: OFF_TRACK always, AT_RISK when
/// the province says so.
pub fn asks_explanation(status: TrackStatus, include_at_risk: bool) -> bool {
    match status {
        TrackStatus::OffTrack => true,
        TrackStatus::AtRisk => include_at_risk,
        TrackStatus::OnTrack | TrackStatus::NoData => false,
    }
}

/// A request still followed: not CLOSED (an accepted one stays until the indicator is back
/// on track).
pub fn is_live(status: ExplanationStatus) -> bool {
    status != ExplanationStatus::Closed
}

/// A request whose explanation is still owed: OPEN or RETURNED.
pub fn is_owed(status: ExplanationStatus) -> bool {
    matches!(
        status,
        ExplanationStatus::Open | ExplanationStatus::Returned
    )
}

/// What is done to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The unit gives (or gives again) its explanation.
    Explain,
    /// The level above accepts it.
    Accept,
    /// The level above sends it back.
    Return,
    /// The indicator is back on track.
    Close,
    /// A refused or missing explanation becomes a recorded violation.
    RecordViolation,
}

/// Where `step` takes a request at `status`, or why it cannot (Vietnamese, for the user).
pub fn next(
    status: ExplanationStatus,
    step: Step,
    overdue: bool,
) -> Result<ExplanationStatus, &'static str> {
    use ExplanationStatus as S;
    match (step, status) {
        (Step::Explain, S::Open | S::Returned) => Ok(S::Submitted),
        (Step::Explain, _) => Err("Giải trình này không còn chờ đơn vị giải trình."),
        (Step::Accept | Step::Return, S::Submitted) => Ok(match step {
            Step::Accept => S::Accepted,
            _ => S::Returned,
        }),
        (Step::Accept | Step::Return, _) => Err("Chỉ xem xét được giải trình đã gửi."),
        (Step::Close, S::Closed) => Err("Yêu cầu giải trình đã đóng."),
        (Step::Close, _) => Ok(S::Closed),
        (Step::RecordViolation, S::Returned) => Ok(S::Closed),
        (Step::RecordViolation, S::Open) if overdue => Ok(S::Closed),
        (Step::RecordViolation, _) => {
            Err("Chỉ ghi nhận vi phạm khi giải trình bị trả lại hoặc đã quá hạn mà chưa gửi.")
        }
    }
}

/// Days past `due_on` on `today`; 0 on or before it.
pub fn days_after(due_on: NaiveDate, today: NaiveDate) -> i64 {
    (today - due_on).num_days().max(0)
}

/// Days a request is overdue: past its due day while its explanation is still owed.
pub fn request_days_overdue(status: ExplanationStatus, due_on: NaiveDate, today: NaiveDate) -> i64 {
    if is_owed(status) {
        days_after(due_on, today)
    } else {
        0
    }
}

/// The key of the request the product makes itself about a unit's indicator at a month.
pub fn auto_key(unit: UnitId, indicator: IndicatorId, year: i32, month: u32) -> String {
    format!("{unit}:{indicator}:{year}-{month:02}")
}

/// The note a request closes itself with when the indicator is back on track.
pub fn back_on_track_note(year: i32, month: u32) -> String {
    format!("Chỉ tiêu đã trở lại đúng tiến độ tại tháng {month:02}/{year}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ExplanationStatus as S;

    #[test]
    fn off_track_always_asks_and_at_risk_only_when_configured() {
        assert!(asks_explanation(TrackStatus::OffTrack, false));
        assert!(!asks_explanation(TrackStatus::AtRisk, false));
        assert!(asks_explanation(TrackStatus::AtRisk, true));
        assert!(!asks_explanation(TrackStatus::OnTrack, true));
        assert!(!asks_explanation(TrackStatus::NoData, true));
    }

    #[test]
    fn an_explanation_is_given_reviewed_and_given_again() {
        assert_eq!(next(S::Open, Step::Explain, false), Ok(S::Submitted));
        assert_eq!(next(S::Submitted, Step::Return, false), Ok(S::Returned));
        assert_eq!(next(S::Returned, Step::Explain, false), Ok(S::Submitted));
        assert_eq!(next(S::Submitted, Step::Accept, false), Ok(S::Accepted));
        assert!(next(S::Accepted, Step::Explain, false).is_err());
        assert!(next(S::Open, Step::Accept, false).is_err());
    }

    #[test]
    fn a_violation_needs_a_refused_or_overdue_explanation() {
        assert_eq!(
            next(S::Returned, Step::RecordViolation, false),
            Ok(S::Closed)
        );
        assert_eq!(next(S::Open, Step::RecordViolation, true), Ok(S::Closed));
        assert!(next(S::Open, Step::RecordViolation, false).is_err());
        assert!(next(S::Accepted, Step::RecordViolation, true).is_err());
        assert!(next(S::Submitted, Step::RecordViolation, true).is_err());
    }

    #[test]
    fn every_live_request_can_close_and_a_closed_one_stays_closed() {
        for s in [S::Open, S::Submitted, S::Returned, S::Accepted] {
            assert_eq!(next(s, Step::Close, false), Ok(S::Closed));
        }
        assert!(next(S::Closed, Step::Close, false).is_err());
    }

    #[test]
    fn only_an_owed_explanation_is_overdue() {
        let due = NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 13).unwrap();
        assert_eq!(request_days_overdue(S::Open, due, today), 3);
        assert_eq!(request_days_overdue(S::Returned, due, today), 3);
        assert_eq!(request_days_overdue(S::Submitted, due, today), 0);
        assert_eq!(request_days_overdue(S::Open, today, due), 0);
    }

    #[test]
    fn the_automatic_key_names_unit_indicator_and_month() {
        assert_eq!(auto_key(UnitId(3), IndicatorId(7), 2026, 4), "3:7:2026-04");
    }
}
