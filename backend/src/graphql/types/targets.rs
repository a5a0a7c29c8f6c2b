//! Decisions, their targets with roadmap milestones and personal shares.

use super::{Indicator, Staff, Unit, missing, required_unit, wrap_all};
use crate::domain::model;
use crate::graphql::loaders::loaders;
use crate::graphql::scalars::{Date, to_id};
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use shared::*;

/// A decision that assigns targets.
pub struct Decision(pub model::Decision);

#[Object]
impl Decision {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn number(&self) -> &str {
        &self.0.number
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn issued_on(&self) -> Date {
        Date(self.0.issued_on)
    }
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// Targets of this decision within the caller's scope, optionally of one unit.
    async fn targets(&self, ctx: &Context<'_>, unit_id: Option<ID>) -> Result<Vec<Target>> {
        use crate::graphql::context::CtxExt;
        use crate::graphql::error::GqlResult;
        let actor = &ctx.actor()?;
        let unit = crate::graphql::scalars::parse_opt_id("unitId", unit_id.as_ref())?;
        let list = crate::service::targets::of_decision(actor, ctx.db().conn(), self.0.id, unit)
            .await
            .gql()?;
        Ok(list.into_iter().map(Target).collect())
    }
}

/// One milestone of a roadmap.
#[derive(SimpleObject)]
pub struct Milestone {
    pub grain: Grain,
    pub index: i32,
    pub value: f64,
}

impl From<model::Milestone> for Milestone {
    fn from(m: model::Milestone) -> Self {
        Milestone {
            grain: m.grain,
            index: m.index as i32,
            value: m.value,
        }
    }
}

/// A personal share of a target.
pub struct StaffTarget(pub model::StaffTarget);

#[Object]
impl StaffTarget {
    async fn staff(&self, ctx: &Context<'_>) -> Result<Staff> {
        loaders(ctx)?
            .staff
            .load_one(self.0.staff_id)
            .await?
            .map(Staff)
            .ok_or_else(|| missing("staff"))
    }
    async fn value(&self) -> f64 {
        self.0.value
    }
}

/// A target of a decision for a unit and an indicator.
pub struct Target(pub model::Target);

#[Object]
impl Target {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn decision(&self, ctx: &Context<'_>) -> Result<Decision> {
        loaders(ctx)?
            .decisions
            .load_one(self.0.decision_id)
            .await?
            .map(Decision)
            .ok_or_else(|| missing("decision"))
    }
    async fn unit(&self, ctx: &Context<'_>) -> Result<Unit> {
        required_unit(ctx, self.0.unit_id).await
    }
    async fn indicator(&self, ctx: &Context<'_>) -> Result<Indicator> {
        loaders(ctx)?
            .indicators
            .load_one(self.0.indicator_id)
            .await?
            .map(Indicator)
            .ok_or_else(|| missing("indicator"))
    }
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// Annual target: a rate in percent, or a count.
    async fn value(&self) -> f64 {
        self.0.value
    }
    /// Last year's actual, used by LINEAR splits of rates.
    async fn baseline(&self) -> Option<f64> {
        self.0.baseline
    }
    async fn responsible(&self, ctx: &Context<'_>) -> Result<Option<Staff>> {
        match self.0.responsible_staff_id {
            Some(s) => Ok(loaders(ctx)?.staff.load_one(s).await?.map(Staff)),
            None => Ok(None),
        }
    }
    async fn milestones(&self, ctx: &Context<'_>) -> Result<Vec<Milestone>> {
        Ok(wrap_all(
            loaders(ctx)?.milestones.load_one(self.0.id).await?,
            Milestone::from,
        ))
    }
    async fn staff_targets(&self, ctx: &Context<'_>) -> Result<Vec<StaffTarget>> {
        Ok(wrap_all(
            loaders(ctx)?.staff_targets.load_one(self.0.id).await?,
            StaffTarget,
        ))
    }
    /// Shortfall of the direct children's targets against this one; 0 when covered, null
    /// when no child has one.
    async fn cascade_gap(&self, ctx: &Context<'_>) -> Result<Option<f64>> {
        Ok(loaders(ctx)?
            .cascade_gaps
            .load_one(self.0.id)
            .await?
            .flatten())
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
}
