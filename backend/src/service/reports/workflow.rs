//! The workflow of a month: submit, approve, reject and reopen, each authorised, checked
//! against the workflow, stored with a new version and audited; approving or reopening
//! moves the month's figures in or out of the approved roll-ups; rejecting or submitting
//! writes its notifications into the outbox in the same transaction; approving asks for the
//! explanations the approved figures call for and closes those no longer needed (see
//! `follow_up::auto`), in the same transaction.

use super::{MonthRef, audit_month, bump, ensure_unit, parse_month};
use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::reports::{self as months, MonthKey, Stamp, StoredMonth};
use crate::db::{Db, rollups, values};
use crate::domain::cycle::YearMonth;
use crate::domain::input;
use crate::domain::model::MonthlyReport;
use crate::domain::report::{ReportAction, approval_change, transition};
use crate::domain::rollup::Delta;
use crate::domain::scope::{Placement, Reach, may_approve, may_write_figures};
use crate::error::{ServiceError, ServiceResult};
use crate::service::access;
use crate::service::follow_up::{self, comments};
use crate::service::notify::events;
use shared::ReportStatus;
use shared::ids::{MeasureId, UnitId, UserId};

/// The audit action of a workflow action.
fn action_name(action: ReportAction) -> ServiceResult<&'static str> {
    Ok(match action {
        ReportAction::Submit => "submitMonthlyReport",
        ReportAction::Approve => "approveMonthlyReport",
        ReportAction::Reject => "rejectMonthlyReport",
        ReportAction::Reopen => "reopenMonthlyReport",
        ReportAction::Save => {
            return Err(ServiceError::Internal(anyhow::anyhow!(
                "save is not a workflow action"
            )));
        }
    })
}

/// The caller, if it may take `action` on the months of `unit`.
pub(super) async fn authorise_action(
    actor: &Actor,
    db: &Db,
    unit: UnitId,
    action: ReportAction,
) -> ServiceResult<UserId> {
    let at = access::placement(db.conn(), actor, unit).await?;
    if action == ReportAction::Submit {
        let role = access::role_for(actor, "submit monthly figures", |r| {
            may_write_figures(r, Placement::AtScope)
        })?;
        let message = "you may submit figures only for units in your scope";
        access::allow(may_write_figures(role, at), message)?;
        return actor.require_user("submit");
    }
    let action = "approve, reject or reopen monthly figures";
    let role = access::role_for(actor, action, |r| {
        may_approve(r, Reach::Province, Placement::Below)
    })?;
    access::allow(
        may_approve(role, access::reach(actor), at),
        "a manager or a scoped admin approves, rejects or reopens only the months of units below its own",
    )?;
    actor.require_user("approve")
}

/// Moves a month through the workflow (submit, approve, reject, reopen).
pub async fn act(
    actor: &Actor,
    db: &Db,
    r: MonthRef,
    action: ReportAction,
    comment: Option<&str>,
) -> ServiceResult<MonthlyReport> {
    let name = action_name(action)?;
    let key = parse_month(r)?;
    let user = authorise_action(actor, db, key.unit_id, action).await?;
    let comment = match action {
        ReportAction::Reject | ReportAction::Reopen => {
            Some(input::text("comment", comment.unwrap_or_default(), 2000)?)
        }
        ReportAction::Approve => input::optional_text("comment", comment, 2000)?,
        _ => None,
    };
    let txn = db.write().await?;
    ensure_unit(&*txn, key.unit_id).await?;
    let Some(month) = months::lock(&*txn, key).await? else {
        return Err(ServiceError::conflict(
            "nothing has been saved for this month yet",
        ));
    };
    let next = transition(month.status, action).map_err(ServiceError::conflict)?;
    let kept_comment = match action {
        ReportAction::Approve => None,
        _ => comment.clone().or(month.comment.clone()),
    };
    let by = Stamp { user, at: db.now() };
    bump(&*txn, &month, next, kept_comment, by).await?;
    move_approved(&*txn, key, &month, next).await?;
    if next == ReportStatus::Approved
        && let Some(ym) = YearMonth::new(key.year, key.month)
    {
        follow_up::auto::on_approval(actor, &*txn, key.unit_id, ym, by.at).await?;
    }
    let after = months::load(&*txn, key).await?;
    tell(&*txn, key, action, &after, by).await?;
    let before = serde_json::json!({"status": month.status, "version": month.version, "comment": month.comment});
    let after_json = serde_json::json!({"status": after.status, "version": after.version, "comment": after.comment});
    audit_month(&*txn, actor, name, key, before, after_json).await?;
    into_thread(&*txn, actor, key, action, comment.as_deref(), by).await?;
    txn.commit().await?;
    Ok(after)
}

/// Writes the comment of an approval, rejection or reopening into the month's thread, in
/// the transaction of the action.
async fn into_thread(
    db: &impl ConnectionTrait,
    actor: &Actor,
    key: MonthKey,
    action: ReportAction,
    comment: Option<&str>,
    by: Stamp,
) -> ServiceResult<()> {
    let Some(kind) = crate::domain::comments::workflow_kind(action) else {
        return Ok(());
    };
    let month = (key.unit_id, key.year, key.month);
    comments::from_workflow(db, actor, by.user, month, kind, comment, by.at).await
}

/// Writes the notifications of a rejection or a submission into the outbox, in the
/// transaction of the change.
async fn tell(
    db: &impl ConnectionTrait,
    key: MonthKey,
    action: ReportAction,
    after: &MonthlyReport,
    by: Stamp,
) -> ServiceResult<()> {
    let Some(month) = YearMonth::new(key.year, key.month) else {
        return Ok(());
    };
    let event = events::MonthEvent {
        unit: key.unit_id,
        month,
        version: after.version,
        at: by.at,
    };
    match action {
        ReportAction::Reject => {
            events::rejected(db, event, after.comment.as_deref().unwrap_or_default()).await
        }
        ReportAction::Submit => events::submitted(db, event).await,
        _ => Ok(()),
    }
}

/// Adds the month's figures to the approved roll-ups when it becomes approved, takes them
/// away when it stops being approved.
async fn move_approved(
    db: &impl ConnectionTrait,
    key: MonthKey,
    month: &StoredMonth,
    next: ReportStatus,
) -> ServiceResult<()> {
    let sign = approval_change(month.status, next);
    if sign == 0 {
        return Ok(());
    }
    let deltas: Vec<(MeasureId, Delta)> = values::of_row(db, month.row)
        .await?
        .into_iter()
        .map(|(m, v)| (m, Delta::approval(v, sign)))
        .collect();
    Ok(rollups::apply(db, key.unit_id, key.year, key.month, &deltas).await?)
}
