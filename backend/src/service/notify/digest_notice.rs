//! The results notice a monthly digest carries: at delivery, for a notification whose key
//! is a digest's (`DIGEST:<user>:<yyyy-mm>`), the notice PDF of the leader's unit for that
//! month, as the leader may see it. Never a reason for the mail not to go: an account
//! deleted or locked, or a notice that cannot be built, means the mail goes without it
//! (its text still points at the dashboard).

use crate::db::Db;
use crate::domain::notify::parse_digest_key;
use crate::error::ServiceResult;
use crate::render::Rendered;
use crate::service::auth;
use crate::service::exports::notice::{self, NoticeRequest};
use shared::Period;

/// The longest a digest waits for its notice before it goes without it (the delivery's
/// lease must outlast it).
const BUILD_LIMIT: std::time::Duration = std::time::Duration::from_secs(30);

/// The notice to attach to the notification keyed `dedup_key`, if it is a digest whose
/// leader is still active and whose notice can be drawn; a failure is logged.
pub async fn for_key(db: &Db, dedup_key: &str) -> Option<Rendered> {
    let (user, month) = parse_digest_key(dedup_key)?;
    let built = tokio::time::timeout(BUILD_LIMIT, build(db, user, month.year, month.month)).await;
    let Ok(built) = built else {
        tracing::warn!(
            key = dedup_key,
            "the digest goes without its notice: drawing it took too long"
        );
        return None;
    };
    match built {
        Ok(found) => found,
        Err(e) => {
            super::worker::log(
                &format!("the digest {dedup_key} goes without its notice"),
                e,
            );
            None
        }
    }
}

async fn build(
    db: &Db,
    user: shared::ids::UserId,
    year: i32,
    month: u32,
) -> ServiceResult<Option<Rendered>> {
    let Some(actor) = auth::actor_for_user(db, user).await? else {
        tracing::info!(user = %user, "a digest to an account deleted or locked: no notice");
        return Ok(None);
    };
    let period = Period::month(year, month)
        .map_err(|e| anyhow::anyhow!("the digest's month {year}-{month:02}: {}", e.field))?;
    // No unit: the notice of the leader's own unit.
    let req = NoticeRequest { unit: None, period };
    Ok(Some(notice::pdf(&actor, db, &req).await?))
}
