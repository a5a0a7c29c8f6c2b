//! The catalogue of causes an explanation names: read by anyone signed in (the inactive
//! ones too when asked), added to and edited by the ADMIN of the root.

use super::super::{access, audit};
use crate::auth::Actor;
use crate::db::{self, ConnectionTrait, Db};
use crate::domain::follow_up::Cause;
use crate::domain::input::{self, Code};
use crate::error::{ServiceError, ServiceResult};
use shared::ids::CauseId;

/// The causes, in catalogue order.
pub async fn list(
    _actor: &Actor,
    db: &impl ConnectionTrait,
    include_inactive: bool,
) -> ServiceResult<Vec<Cause>> {
    Ok(db::causes::list(db, include_inactive).await?)
}

/// Causes by id (for the requests that name them).
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[CauseId],
) -> ServiceResult<std::collections::HashMap<CauseId, Cause>> {
    Ok(db::causes::by_ids(db, ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect())
}

/// The name of a cause.
fn name(raw: &str) -> ServiceResult<String> {
    input::text("name", raw, 200).map_err(|_| {
        ServiceError::validation("name", "Tên nguyên nhân phải có từ 1 đến 200 ký tự.")
    })
}

/// Adds a cause (ADMIN of the root); CONFLICT when its code is taken.
pub async fn create(actor: &Actor, db: &Db, code: &str, raw_name: &str) -> ServiceResult<Cause> {
    access::require_province_admin(actor, "edit the causes of explanations")?;
    let code = Code::parse("code", code)?;
    let name = name(raw_name)?;
    let txn = db.write().await?;
    if db::causes::code_taken(&*txn, code.as_str()).await? {
        return Err(ServiceError::conflict(format!(
            "Mã nguyên nhân {} đã có.",
            code.as_str()
        )));
    }
    let created = db::causes::insert(&*txn, code.as_str(), &name).await?;
    audit::created(
        &*txn,
        Some(actor),
        "createExplanationCause",
        "explanationCause",
        created.id,
        &created,
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Renames a cause or offers it or not (ADMIN of the root).
pub async fn update(
    actor: &Actor,
    db: &Db,
    id: CauseId,
    new_name: Option<&str>,
    active: Option<bool>,
) -> ServiceResult<Cause> {
    access::require_province_admin(actor, "edit the causes of explanations")?;
    let new_name = new_name.map(name).transpose()?;
    let txn = db.write().await?;
    let before = db::causes::find(&*txn, id)
        .await?
        .ok_or_else(|| ServiceError::not_found(format!("cause {id}")))?;
    let after = Cause {
        name: new_name.unwrap_or_else(|| before.name.clone()),
        active: active.unwrap_or(before.active),
        ..before.clone()
    };
    db::causes::update(&*txn, &after).await?;
    audit::changed(
        &*txn,
        Some(actor),
        "updateExplanationCause",
        "explanationCause",
        id,
        &before,
        &after,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
