//! Follow-through: explanation requests (asked on an approval or by hand), the explanations
//! and corrective actions the units give, their review by the level above, the evidence
//! files, and the comment threads on reports and targets. This module owns the one lookup
//! every part starts from: a request the caller may see, with where its unit stands.

pub mod comments;
pub mod evidence;

use crate::auth::Actor;
use crate::db::{ConnectionTrait, explanations};
use crate::domain::follow_up::Request;
use crate::domain::scope::Placement;
use crate::error::{ServiceError, ServiceResult};
use crate::service::access;
use shared::ids::ExplanationRequestId;

/// The request `id` with where its unit stands relative to the caller; NOT_FOUND when it
/// does not exist or lies outside the caller's scope (the two are not told apart).
pub async fn request_in_scope(
    actor: &Actor,
    db: &impl ConnectionTrait,
    id: ExplanationRequestId,
) -> ServiceResult<(Request, Placement)> {
    let missing = || ServiceError::not_found(format!("explanation request {id}"));
    let request = explanations::find(db, id).await?.ok_or_else(missing)?;
    let at = access::placement(db, actor, request.unit_id).await?;
    if !at.in_scope() {
        return Err(missing());
    }
    Ok((request, at))
}
