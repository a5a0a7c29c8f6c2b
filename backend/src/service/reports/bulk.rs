//! Approving several months in one call (see `domain::review::bulk` for what is refused
//! whole and what is answered month by month): each month goes through the same approval
//! as a single one — its own transaction, roll-ups, follow-up, thread and audit entry.

use super::workflow::authorise_action;
use super::{MonthRef, act};
use crate::auth::Actor;
use crate::db::Db;
use crate::db::reports::{self as months, MonthKey};
use crate::domain::input;
use crate::domain::model::MonthlyReport;
use crate::domain::report::ReportAction;
use crate::domain::review::bulk;
use crate::domain::scope::{Placement, Reach, may_approve};
use crate::error::{ServiceError, ServiceResult};
use crate::service::access;
use shared::ErrorCode;

/// What became of one month of the call.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub key: MonthKey,
    /// The month as it now is (approved or not); `None` when its unit does not exist.
    pub report: Option<MonthlyReport>,
    /// Why it was not approved; `None` when it was.
    pub code: Option<ErrorCode>,
    /// What to tell the person, in Vietnamese.
    pub message: String,
}

/// Approves each month of `list` (with the same optional comment), in order.
pub async fn approve_many(
    actor: &Actor,
    db: &Db,
    list: &[MonthRef],
    comment: Option<&str>,
) -> ServiceResult<Vec<Outcome>> {
    bulk::check_count(list.len())?;
    let mut keys: Vec<MonthKey> = Vec::with_capacity(list.len());
    for (i, r) in list.iter().enumerate() {
        let key = MonthKey {
            unit_id: r.unit_id,
            year: input::year(&format!("months[{i}].year"), r.year)?,
            month: input::month(&format!("months[{i}].month"), r.month)?,
        };
        if keys.contains(&key) {
            return Err(bulk::twice(i).into());
        }
        keys.push(key);
    }
    input::optional_text("comment", comment, 2000)?;
    let may = |r| may_approve(r, Reach::Province, Placement::Below);
    if access::role_for(actor, "approve monthly figures", may).is_err() {
        return Err(ServiceError::forbidden(bulk::ROLE_REFUSED));
    }
    for (i, key) in keys.iter().enumerate() {
        match authorise_action(actor, db, key.unit_id, ReportAction::Approve).await {
            Ok(_) => {}
            Err(ServiceError::Forbidden(_)) => {
                let why = bulk::out_of_scope(i, key.year, key.month);
                return Err(ServiceError::forbidden(why));
            }
            Err(e) => return Err(e),
        }
    }
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        let r = MonthRef {
            unit_id: key.unit_id,
            year: i64::from(key.year),
            month: i64::from(key.month),
        };
        let outcome = match act(actor, db, r, ReportAction::Approve, comment).await {
            Ok(report) => Outcome {
                key,
                report: Some(report),
                code: None,
                message: bulk::APPROVED.to_owned(),
            },
            Err(e) => refused(db, key, e).await?,
        };
        out.push(outcome);
    }
    Ok(out)
}

/// The outcome of a month the approval refused, with the month as it now is.
async fn refused(db: &Db, key: MonthKey, e: ServiceError) -> ServiceResult<Outcome> {
    let code = e.code();
    let (report, message) = match &e {
        ServiceError::NotFound(_) => (None, bulk::NO_SUCH_UNIT),
        ServiceError::Conflict(_) => {
            let now = months::load(db.conn(), key).await?;
            let status = (now.version > 0).then_some(now.status);
            (Some(now), bulk::not_approved(status))
        }
        _ => {
            e.log_cause();
            (None, bulk::SERVER_ERROR)
        }
    };
    Ok(Outcome {
        key,
        report,
        code: Some(code),
        message: message.to_owned(),
    })
}
