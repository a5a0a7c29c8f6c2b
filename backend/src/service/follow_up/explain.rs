//! Giving an explanation: a MANAGER, OFFICER or ADMIN whose scope includes the request's
//! unit, while the explanation is owed (OPEN or RETURNED). The reason, an active cause and
//! 1–20 corrective actions owned by active staff of the unit, due today or later; the new
//! list replaces the planned actions (kept and updated by id, added, removed), done ones
//! stay. The request becomes SUBMITTED at a new version, audited, in one transaction.

use super::requests::reload;
use super::{Shown, moved_on, request_in_scope};
use crate::auth::Actor;
use crate::db::{self, Db, actions, explanations};
use crate::domain::follow_up::plan::{self, Explanation, Member};
use crate::domain::follow_up::{Step, next};
use crate::domain::scope::{Placement, may_explain};
use crate::error::{ServiceError, ServiceResult};
use crate::service::{access, audit};
use shared::ids::ExplanationRequestId;
use std::collections::HashMap;

/// Gives (or gives again) the explanation of `request`.
pub async fn submit(
    actor: &Actor,
    db: &Db,
    request: ExplanationRequestId,
    raw: Explanation,
) -> ServiceResult<Shown> {
    let role = access::role_for(actor, "give an explanation", |r| {
        may_explain(r, Placement::AtScope)
    })?;
    let user = actor.require_user("give an explanation")?;
    let (found, at) = request_in_scope(actor, db.conn(), request).await?;
    access::allow(
        may_explain(role, at),
        "Chỉ cán bộ của đơn vị và lãnh đạo cấp trên mới gửi được giải trình của đơn vị này.",
    )?;
    let today = db.clock().today();
    let given = plan::check(raw, today)?;
    let now = db.now();
    let txn = db.write().await?;
    let Some(before) = explanations::find(&*txn, found.id).await? else {
        return Err(ServiceError::not_found(format!(
            "explanation request {request}"
        )));
    };
    let status = next(before.status, Step::Explain, false).map_err(ServiceError::conflict)?;
    let cause = db::causes::find(&*txn, given.cause).await?;
    if !cause.is_some_and(|c| c.active) {
        return Err(ServiceError::validation(
            "causeId",
            "Nguyên nhân không có trong danh mục đang dùng.",
        ));
    }
    let owners: Vec<_> = given.actions.iter().map(|a| a.owner).collect();
    let staff: HashMap<_, _> = db::staff::by_ids(&*txn, db::closure::Scope::Everything, &owners)
        .await?
        .into_iter()
        .map(|s| {
            let m = Member {
                unit: s.unit_id,
                active: s.active,
            };
            (s.id, m)
        })
        .collect();
    plan::check_owners(&given.actions, &staff, before.unit_id)?;
    let existing = actions::of_requests(&*txn, &[before.id]).await?;
    let change = plan::change(&existing, &given.actions)?;
    actions::remove_planned(&*txn, before.id, &change.remove).await?;
    for (id, position, a) in &change.update {
        actions::update_planned(&*txn, before.id, *id, *position, a).await?;
    }
    for (position, a) in &change.add {
        actions::insert(&*txn, before.id, *position, a, now).await?;
    }
    let mut after = before.clone();
    after.status = status;
    after.cause_id = Some(given.cause);
    after.reason = Some(given.reason);
    after.submitted_by = Some(user);
    after.submitted_at = Some(now);
    after.version = before.version + 1;
    if !explanations::save(&*txn, before.version, &after).await? {
        return Err(moved_on());
    }
    let actions_after = actions::of_requests(&*txn, &[before.id]).await?;
    let before_json = serde_json::json!({"request": before, "actions": existing});
    let after_json = serde_json::json!({"request": after, "actions": actions_after});
    audit::record(
        &*txn,
        Some(actor),
        "submitExplanation",
        "explanationRequest",
        before.id,
        Some(before_json),
        Some(after_json),
    )
    .await?;
    txn.commit().await?;
    reload(actor, db, request).await
}
