//! Follow-through: explanation requests (asked on an approval or by hand), the explanations
//! and corrective actions the units give, their review by the level above, the evidence
//! files, and the comment threads on reports and targets. This module owns the one lookup
//! every part starts from: a request the caller may see, with where its unit stands; and
//! what the caller may do with a request it sees.

pub mod actions;
pub mod auto;
pub mod causes;
pub mod explain;
mod notify;
pub mod related;
pub mod requests;
pub mod review;
pub mod settings;
pub mod violation;

pub mod comments;
pub mod evidence;

use crate::auth::Actor;
use crate::db::{ConnectionTrait, explanations};
use crate::domain::follow_up::{self, Request, Step};
use crate::domain::scope::{Placement, may_explain, may_review_explanation};
use crate::error::{ServiceError, ServiceResult};
use crate::service::access;
use chrono::NaiveDate;
use shared::ids::{ExplanationRequestId, UnitId};

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

/// What the caller may do with a request now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Can {
    /// Give (or give again) the explanation.
    pub explain: bool,
    /// Accept it or send it back.
    pub review: bool,
    /// Turn it into a recorded violation.
    pub record_violation: bool,
}

/// A request as the caller sees it.
#[derive(Debug, Clone)]
pub struct Shown {
    pub request: Request,
    pub can: Can,
    /// The caller's day, for the days overdue.
    pub today: NaiveDate,
}

/// Where a unit known to be in the caller's scope stands: its scope unit, or below.
fn placement_in_scope(actor: &Actor, unit: UnitId) -> Placement {
    if unit == actor.scope {
        Placement::AtScope
    } else {
        Placement::Below
    }
}

/// `request` as the caller at `at` sees it on `today`.
pub fn shown(actor: &Actor, request: Request, at: Placement, today: NaiveDate) -> Shown {
    let can = match actor.role() {
        None => Can::default(),
        Some(role) => {
            let reviewer = may_review_explanation(role, access::reach(actor), at);
            let overdue =
                follow_up::request_days_overdue(request.status, request.due_on, today) > 0;
            Can {
                explain: may_explain(role, at) && follow_up::is_owed(request.status),
                review: reviewer && follow_up::next(request.status, Step::Accept, false).is_ok(),
                record_violation: reviewer
                    && follow_up::next(request.status, Step::RecordViolation, overdue).is_ok(),
            }
        }
    };
    Shown {
        request,
        can,
        today,
    }
}

/// Stores `after` over `before` (the version `before` was read at) and audits the change as
/// `action`; CONFLICT when another writer changed the request first.
async fn save_audited(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: &str,
    before: &Request,
    after: &Request,
) -> ServiceResult<()> {
    if !explanations::save(db, before.version, after).await? {
        return Err(moved_on());
    }
    let entity = "explanationRequest";
    crate::service::audit::changed(db, Some(actor), action, entity, before.id, before, after)
        .await?;
    Ok(())
}

/// The CONFLICT of a request another writer changed first.
fn moved_on() -> ServiceError {
    ServiceError::conflict("Yêu cầu giải trình vừa được người khác thay đổi; hãy tải lại.")
}
