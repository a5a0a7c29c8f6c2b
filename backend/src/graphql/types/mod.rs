//! The object types of the contract: wrappers around domain objects whose relations are
//! resolved through the request's loaders, one file per domain. Field names and types
//! follow `contract.graphql`.

#[macro_use]
mod object;

mod accounts;
mod catalogue;
mod cycle;
mod follow_up;
mod notify;
mod reorg;
mod reports;
mod review;
mod targets;
mod units;
mod violations;

pub use accounts::{ApiToken, ApiTokenPayload, AuditEntry, AuthPayload, User};
pub use catalogue::{Indicator, Measure};
pub use cycle::{ReportingDeadline, Timeliness, TodoItem};
pub use follow_up::{
    CorrectiveAction, EvidenceFileObject, ExplanationCause, ExplanationRequest, ExplanationSettings,
};
pub use notify::{Notification, Webhook, WebhookPayload};
pub use reorg::{Reorganization, YearMonth};
pub use reports::{MeasureValue, MonthlyReport};
pub use review::{MonthReview, ReportApproval};
pub use targets::{Decision, Milestone, StaffTarget, Target};
pub use units::{Staff, Unit};
pub use violations::Violation;

use super::loaders::loaders;
use async_graphql::{Context, Result};

/// The NOT_FOUND error of a belongs-to that should exist.
fn missing(what: impl std::fmt::Display) -> async_graphql::Error {
    super::error::to_gql(crate::error::ServiceError::not_found(what))
}

/// The objects a loader found for one key (none when it found nothing), wrapped.
fn wrap_all<T, W>(found: Option<Vec<T>>, wrap: impl FnMut(T) -> W) -> Vec<W> {
    found.unwrap_or_default().into_iter().map(wrap).collect()
}

/// Loads a unit that must exist (a belongs-to of a visible object).
pub async fn required_unit(ctx: &Context<'_>, id: shared::ids::UnitId) -> Result<Unit> {
    loaders(ctx)?
        .units
        .load_one(id)
        .await?
        .map(Unit)
        .ok_or_else(|| missing(format!("unit {id}")))
}

/// What stands for a username the caller may not see.
const MASKED_USERNAME: &str = "—";

/// Whether the caller may see an account's username: an ADMIN, or its owner.
fn may_see_account(ctx: &Context<'_>, id: shared::ids::UserId) -> Result<bool> {
    use super::context::CtxExt;
    let actor = ctx.actor()?;
    Ok(actor.is_admin() || actor.user_id() == Some(id))
}
