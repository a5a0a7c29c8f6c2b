//! The province's settings of explanations (AT_RISK asks too; days to explain): read by
//! anyone signed in and by the approval that asks, changed by the ADMIN of the root.

use super::super::{access, audit};
use crate::auth::Actor;
use crate::db::{self, ConnectionTrait, Db};
use crate::domain::follow_up::settings::{KEY_DUE_DAYS, KEY_INCLUDE_AT_RISK, Settings};
use crate::error::ServiceResult;

/// The settings in force.
pub async fn read(db: &impl ConnectionTrait) -> ServiceResult<Settings> {
    let stored = db::settings::get(db, &[KEY_INCLUDE_AT_RISK, KEY_DUE_DAYS]).await?;
    Ok(Settings::from_stored(
        stored.get(KEY_INCLUDE_AT_RISK).map(String::as_str),
        stored.get(KEY_DUE_DAYS).map(String::as_str),
    ))
}

/// The settings, for a signed-in caller (an API token too: it only reads them).
pub async fn get(_actor: &Actor, db: &impl ConnectionTrait) -> ServiceResult<Settings> {
    read(db).await
}

/// Changes the settings (ADMIN of the root).
pub async fn set(
    actor: &Actor,
    db: &Db,
    include_at_risk: bool,
    due_days: i64,
) -> ServiceResult<Settings> {
    access::require_province_admin(actor, "change the settings of explanations")?;
    let after = Settings::check(include_at_risk, due_days)?;
    let txn = db.write().await?;
    let before = read(&*txn).await?;
    for (key, value) in after.stored() {
        db::settings::put(&*txn, key, &value).await?;
    }
    let (action, entity) = ("setExplanationSettings", "settings");
    audit::changed(
        &*txn,
        Some(actor),
        action,
        entity,
        "explanations",
        &before,
        &after,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
