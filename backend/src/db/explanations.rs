//! Queries on explanation requests: one by id (the rest of the follow-through's queries
//! live beside it).

use super::convert;
use super::entities::explanation_request;
use crate::domain::follow_up::Request;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};
use shared::ids::{CauseId, ExplanationRequestId, IndicatorId, UnitId, UserId, ViolationId};

impl TryFrom<explanation_request::Model> for Request {
    type Error = DbErr;
    fn try_from(m: explanation_request::Model) -> Result<Self, DbErr> {
        Ok(Request {
            id: ExplanationRequestId(m.id),
            unit_id: UnitId(m.unit_id),
            indicator_id: IndicatorId(m.indicator_id),
            year: m.year,
            month: convert::month(m.month)?,
            status: m.status,
            track_status: m.track_status,
            automatic: m.auto_key.is_some(),
            requested_by: m.requested_by.map(UserId),
            requested_at: m.requested_at,
            due_on: m.due_on,
            message: m.message,
            cause_id: m.cause_id.map(CauseId),
            reason: m.reason,
            submitted_by: m.submitted_by.map(UserId),
            submitted_at: m.submitted_at,
            reviewed_by: m.reviewed_by.map(UserId),
            reviewed_at: m.reviewed_at,
            review_comment: m.review_comment,
            closed_at: m.closed_at,
            close_note: m.close_note,
            violation_id: m.violation_id.map(ViolationId),
            version: m.version,
        })
    }
}

/// One request.
pub async fn find(
    db: &impl ConnectionTrait,
    id: ExplanationRequestId,
) -> Result<Option<Request>, DbErr> {
    explanation_request::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(Request::try_from)
        .transpose()
}
