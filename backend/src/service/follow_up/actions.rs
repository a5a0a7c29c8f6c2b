//! Marking a corrective action done (with an optional note): a MANAGER, OFFICER or ADMIN
//! whose scope includes the request's unit. The action's request moves to a new version;
//! audited, in one transaction.

use super::{moved_on, request_in_scope};
use crate::auth::Actor;
use crate::db::{Db, actions, explanations};
use crate::domain::follow_up::Action;
use crate::domain::input;
use crate::domain::scope::{Placement, may_explain};
use crate::error::{ServiceError, ServiceResult};
use crate::service::{access, audit};
use shared::ActionStatus;
use shared::ids::ActionId;

/// The longest note on a done action.
const MAX_NOTE: usize = 2000;

/// Marks `id` done; CONFLICT when it is done already.
pub async fn complete(
    actor: &Actor,
    db: &Db,
    id: ActionId,
    note: Option<&str>,
) -> ServiceResult<Action> {
    let role = access::role_for(actor, "mark a corrective action done", |r| {
        may_explain(r, Placement::AtScope)
    })?;
    let user = actor.require_user("mark a corrective action done")?;
    let missing = || ServiceError::not_found(format!("corrective action {id}"));
    let found = actions::find(db.conn(), id).await?.ok_or_else(missing)?;
    let (_, at) = request_in_scope(actor, db.conn(), found.request_id)
        .await
        .map_err(|e| match e {
            ServiceError::NotFound(_) => missing(),
            other => other,
        })?;
    access::allow(
        may_explain(role, at),
        "Chỉ cán bộ của đơn vị và lãnh đạo cấp trên mới đánh dấu hoàn thành được biện pháp này.",
    )?;
    let note = input::optional_text("note", note, MAX_NOTE).map_err(|_| {
        ServiceError::validation("note", format!("Ghi chú tối đa {MAX_NOTE} ký tự."))
    })?;
    let now = db.now();
    let txn = db.write().await?;
    if !actions::complete(&*txn, id, user, now, note).await? {
        return Err(ServiceError::conflict(
            "Biện pháp này đã được đánh dấu hoàn thành.",
        ));
    }
    let Some(request) = explanations::find(&*txn, found.request_id).await? else {
        return Err(missing());
    };
    let mut after = request.clone();
    after.version = request.version + 1;
    if !explanations::save(&*txn, request.version, &after).await? {
        return Err(moved_on());
    }
    let done = actions::find(&*txn, id).await?.ok_or_else(missing)?;
    debug_assert_eq!(done.status, ActionStatus::Done);
    audit::changed(
        &*txn,
        Some(actor),
        "completeAction",
        "correctiveAction",
        id,
        &found,
        &done,
    )
    .await?;
    txn.commit().await?;
    Ok(done)
}
