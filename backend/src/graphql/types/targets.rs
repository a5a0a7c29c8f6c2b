//! Decisions, their targets with roadmap milestones and personal shares.

use super::{Indicator, Staff};
use crate::domain::model;
use crate::graphql::loaders::loaders;
use async_graphql::{Context, ID, Result, SimpleObject};
use shared::*;

object! {
    /// A decision that assigns targets.
    Decision(model::Decision) {
        id: id;
        str: number, title;
        date: issued_on;
        copy: year: i32;
        /// Targets of this decision within the caller's scope, optionally of one unit.
        async fn targets(&self, ctx: &Context<'_>, unit_id: Option<ID>) -> Result<Vec<Target>> {
            use crate::graphql::context::CtxExt;
            use crate::graphql::error::GqlResult;
            let actor = &ctx.actor()?;
            let unit = crate::graphql::scalars::parse_opt_id("unitId", unit_id.as_ref())?;
            let list =
                crate::service::targets::of_decision(actor, ctx.db().conn(), self.0.id, unit)
                    .await
                    .gql()?;
            Ok(list.into_iter().map(Target).collect())
        }
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

object! {
    /// A personal share of a target.
    StaffTarget(model::StaffTarget) {
        one staff: Staff = staff(staff_id), "staff";
        copy: value: f64;
    }
}

object! {
    /// A target of a decision for a unit and an indicator.
    Target(model::Target) {
        id: id;
        one decision: Decision = decisions(decision_id), "decision";
        unit;
        one indicator: Indicator = indicators(indicator_id), "indicator";
        copy:
            year: i32,
            /// Annual target: a rate in percent, or a count.
            value: f64,
            /// Last year's actual, used by LINEAR splits of rates.
            baseline: Option<f64>;
        maybe responsible: Staff = staff(responsible_staff_id);
        many milestones: Milestone = milestones;
        many staff_targets: StaffTarget = staff_targets;
        /// Shortfall of the direct children's targets against this one; 0 when covered, null
        /// when no child has one.
        async fn cascade_gap(&self, ctx: &Context<'_>) -> Result<Option<f64>> {
            Ok(loaders(ctx)?
                .cascade_gaps
                .load_one(self.0.id)
                .await?
                .flatten())
        }
        copy: version: i32;
    }
}
