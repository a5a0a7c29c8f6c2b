//! Reviewing an explanation: the level above the unit (as approving) accepts a SUBMITTED
//! one (with an optional comment) or sends it back with a comment, which e-mails the
//! unit's managers and heads again. A new version, audited, in one transaction.

use super::requests::reload;
use super::{Shown, notify, request_in_scope, save_audited};
use crate::auth::Actor;
use crate::db::{Db, explanations, units};
use crate::domain::follow_up::{Step, next};
use crate::domain::input;
use crate::domain::scope::{Placement, Reach, may_review_explanation};
use crate::error::{ServiceError, ServiceResult};
use crate::service::{access, catalogue};
use shared::ids::ExplanationRequestId;

/// The longest review comment.
const MAX_COMMENT: usize = 2000;

/// Accepts (`Step::Accept`) or sends back (`Step::Return`) the explanation of `request`.
pub async fn review(
    actor: &Actor,
    db: &Db,
    request: ExplanationRequestId,
    step: Step,
    comment: Option<&str>,
) -> ServiceResult<Shown> {
    let role = access::role_for(actor, "review an explanation", |r| {
        may_review_explanation(r, Reach::Province, Placement::Below)
    })?;
    let user = actor.require_user("review an explanation")?;
    let (found, at) = request_in_scope(actor, db.conn(), request).await?;
    access::allow(
        may_review_explanation(role, access::reach(actor), at),
        "Chỉ cấp trên của đơn vị mới xem xét được giải trình này.",
    )?;
    let bad_comment = || {
        ServiceError::validation(
            "comment",
            format!("Ý kiến phải có từ 1 đến {MAX_COMMENT} ký tự."),
        )
    };
    let comment = match (step, comment.map(str::trim).filter(|c| !c.is_empty())) {
        (Step::Return, None) => return Err(bad_comment()),
        (_, None) => None,
        (_, Some(c)) => Some(input::text("comment", c, MAX_COMMENT).map_err(|_| bad_comment())?),
    };
    let (name, event) = match step {
        Step::Accept => ("acceptExplanation", false),
        Step::Return => ("returnExplanation", true),
        _ => {
            return Err(ServiceError::Internal(anyhow::anyhow!(
                "a review either accepts or returns"
            )));
        }
    };
    let now = db.now();
    let txn = db.write().await?;
    let Some(before) = explanations::find(&*txn, found.id).await? else {
        return Err(ServiceError::not_found(format!(
            "explanation request {request}"
        )));
    };
    let status = next(before.status, step, false).map_err(ServiceError::conflict)?;
    let mut after = before.clone();
    after.status = status;
    after.reviewed_by = Some(user);
    after.reviewed_at = Some(now);
    after.review_comment = comment.clone();
    after.version = before.version + 1;
    save_audited(&*txn, actor, name, &before, &after).await?;
    if event && let Some(unit) = units::find(&*txn, after.unit_id).await? {
        let indicator = catalogue::indicators_by_ids(&*txn, &[after.indicator_id])
            .await?
            .remove(&after.indicator_id)
            .map(|i| i.name)
            .unwrap_or_default();
        let text = comment.as_deref().unwrap_or_default();
        notify::returned(&*txn, &unit, &after, &indicator, text, now).await?;
    }
    txn.commit().await?;
    reload(actor, db, request).await
}
