//! A refused or missing explanation turned into a recorded violation in one step: the level
//! above the unit (as approving), on a RETURNED request or an OPEN one past its due day.
//! The violation (a delay by default, with its handling) is recorded through the
//! violations' own path, linked both ways, and the request CLOSES with a note; audited, in
//! one transaction.

use super::requests::reload;
use super::{Shown, request_in_scope, save_audited};
use crate::auth::Actor;
use crate::db::{Db, explanations, violations as stored};
use crate::domain::follow_up::{Step, next, request_days_overdue};
use crate::domain::scope::{Placement, Reach, may_review_explanation};
use crate::error::{ServiceError, ServiceResult};
use crate::service::access;
use crate::service::violations::{self, NewViolation};
use shared::ids::{ExplanationRequestId, StaffId};
use shared::{Handling, ViolationKind};

/// The violation to record for a request.
#[derive(Debug, Clone)]
pub struct RecordForRequest {
    pub request: ExplanationRequestId,
    /// The staff member at fault, if known (of the request's unit).
    pub staff: Option<StaffId>,
    pub kind: ViolationKind,
    pub description: String,
    pub handling: Handling,
}

/// Records the violation of `cmd.request` and closes the request.
pub async fn record(actor: &Actor, db: &Db, cmd: RecordForRequest) -> ServiceResult<Shown> {
    let role = access::role_for(actor, "record a violation for an explanation", |r| {
        may_review_explanation(r, Reach::Province, Placement::Below)
    })?;
    let user = actor.require_user("record a violation for an explanation")?;
    let (found, at) = request_in_scope(actor, db.conn(), cmd.request).await?;
    access::allow(
        may_review_explanation(role, access::reach(actor), at),
        "Chỉ cấp trên của đơn vị mới ghi nhận vi phạm cho giải trình này.",
    )?;
    let today = db.clock().today();
    let new = violations::check(
        NewViolation {
            unit_id: found.unit_id,
            staff_id: cmd.staff,
            occurred_on: today,
            kind: cmd.kind,
            description: cmd.description,
            dossier_ref: None,
            handling: cmd.handling,
        },
        today,
    )?;
    let now = db.now();
    let txn = db.write().await?;
    let Some(before) = explanations::find(&*txn, found.id).await? else {
        return Err(ServiceError::not_found(format!(
            "explanation request {}",
            cmd.request
        )));
    };
    let overdue = request_days_overdue(before.status, before.due_on, today) > 0;
    let status =
        next(before.status, Step::RecordViolation, overdue).map_err(ServiceError::conflict)?;
    let violation = violations::record_in(&*txn, actor, new, user, now).await?;
    stored::link_request(&*txn, violation.id, before.id).await?;
    let mut after = before.clone();
    after.status = status;
    after.violation_id = Some(violation.id);
    after.closed_at = Some(now);
    after.close_note = Some(format!(
        "Đã ghi nhận vi phạm do giải trình {}.",
        if overdue && before.status != shared::ExplanationStatus::Returned {
            "quá hạn mà chưa gửi"
        } else {
            "không được chấp nhận"
        }
    ));
    after.version = before.version + 1;
    save_audited(&*txn, actor, "recordExplanationViolation", &before, &after).await?;
    txn.commit().await?;
    reload(actor, db, cmd.request).await
}
