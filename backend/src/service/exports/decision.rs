//! A decision's targets to export: those in the caller's scope, with their milestones,
//! units, indicators and responsible staff, and the decision itself.

use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::domain::model::{Decision, Indicator, Milestone, Staff, Target, Unit};
use crate::error::{ServiceError, ServiceResult};
use crate::service::{catalogue, decisions, staff, targets, units};
use shared::ids::{DecisionId, IndicatorId, StaffId, TargetId, UnitId};
use std::collections::HashMap;

/// What the decision export shows.
#[derive(Debug, Clone)]
pub struct DecisionTargets {
    /// The decision.
    pub decision: Decision,
    /// Its targets in the caller's scope.
    pub targets: Vec<Target>,
    /// The milestones of each target.
    pub milestones: HashMap<TargetId, Vec<Milestone>>,
    /// The targets' units.
    pub units: HashMap<UnitId, Unit>,
    /// The targets' indicators.
    pub indicators: HashMap<IndicatorId, Indicator>,
    /// The responsible staff members.
    pub staff: HashMap<StaffId, Staff>,
}

/// The targets of `decision`.
pub async fn load(
    actor: &Actor,
    db: &impl ConnectionTrait,
    decision: DecisionId,
) -> ServiceResult<DecisionTargets> {
    let d = decisions::by_ids(db, &[decision])
        .await?
        .remove(&decision)
        .ok_or_else(|| ServiceError::not_found(format!("decision {decision}")))?;
    let list = targets::of_decision(actor, db, decision, None).await?;
    let ids: Vec<_> = list.iter().map(|t| t.id).collect();
    let unit_ids: Vec<UnitId> = list.iter().map(|t| t.unit_id).collect();
    let indicator_ids: Vec<IndicatorId> = list.iter().map(|t| t.indicator_id).collect();
    let staff_ids: Vec<StaffId> = list.iter().filter_map(|t| t.responsible_staff_id).collect();
    Ok(DecisionTargets {
        decision: d,
        milestones: targets::milestones_of(db, &ids).await?,
        units: units::by_ids(actor, db, &unit_ids).await?,
        indicators: catalogue::indicators_by_ids(db, &indicator_ids).await?,
        staff: staff::by_ids(actor, db, &staff_ids).await?,
        targets: list,
    })
}
