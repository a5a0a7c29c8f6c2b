//! What the fields of requests the caller already sees load, in batches (the API's
//! loaders): their actions, evidence files, causes, violations and the names of the
//! accounts that asked, explained or reviewed. Keys come only from requests in scope.

use crate::db::{self, ConnectionTrait};
use crate::domain::follow_up::{Action, Cause, EvidenceFile};
use crate::domain::model::Violation;
use crate::error::ServiceResult;
use shared::ids::{CauseId, ExplanationRequestId, UserId, ViolationId};
use std::collections::HashMap;

/// The actions of each request, in order.
pub async fn actions_of(
    db: &impl ConnectionTrait,
    requests: &[ExplanationRequestId],
) -> ServiceResult<HashMap<ExplanationRequestId, Vec<Action>>> {
    let mut out: HashMap<ExplanationRequestId, Vec<Action>> = HashMap::new();
    for a in db::actions::of_requests(db, requests).await? {
        out.entry(a.request_id).or_default().push(a);
    }
    Ok(out)
}

/// The evidence files of each request (its own and its actions'), oldest first.
pub async fn evidence_of(
    db: &impl ConnectionTrait,
    requests: &[ExplanationRequestId],
) -> ServiceResult<HashMap<ExplanationRequestId, Vec<EvidenceFile>>> {
    let mut out: HashMap<ExplanationRequestId, Vec<EvidenceFile>> = HashMap::new();
    for f in db::evidence::of_requests(db, requests).await? {
        out.entry(f.request_id).or_default().push(f);
    }
    Ok(out)
}

/// Causes by id.
pub async fn causes(
    db: &impl ConnectionTrait,
    ids: &[CauseId],
) -> ServiceResult<HashMap<CauseId, Cause>> {
    super::causes::by_ids(db, ids).await
}

/// Violations by id.
pub async fn violations(
    db: &impl ConnectionTrait,
    ids: &[ViolationId],
) -> ServiceResult<HashMap<ViolationId, Violation>> {
    Ok(db::violations::by_ids(db, ids)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect())
}

/// The shown names of accounts.
pub async fn names(
    db: &impl ConnectionTrait,
    ids: &[UserId],
) -> ServiceResult<HashMap<UserId, String>> {
    Ok(db::people::names(db, ids).await?)
}
