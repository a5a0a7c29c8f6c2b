//! Targets: the `targets` query and `setTarget`, `splitTarget`, `assignStaffTarget`.

use super::context::CtxExt;
use super::error::GqlResult;
use super::paging::{self, ListPage};
use super::scalars::{parse_id, parse_opt_id};
use super::types::{Milestone, Target};
use crate::service::{roadmaps, targets};
use async_graphql::{Context, ID, InputObject, Object, Result};
use shared::{Grain, RoadmapOnEdit, SplitMethod};

/// Input of `setTarget`.
#[derive(InputObject)]
pub struct SetTargetInput {
    pub decision_id: ID,
    pub unit_id: ID,
    pub indicator_code: String,
    pub value: f64,
    pub baseline: Option<f64>,
    pub responsible_staff_id: Option<ID>,
    pub expected_version: Option<i32>,
    /// What a change of `value` or `baseline` does to the target's roadmap: KEEP the
    /// milestones as they are (VALIDATION on `roadmap` when one would be above the new
    /// value, or a count's last would not equal it), RESCALE them to the new value (a
    /// count's in proportion, a rate's rise above its baseline stretched; the last equals
    /// the new value), or CLEAR them. Absent: CLEAR, as before this field existed.
    pub roadmap: Option<RoadmapOnEdit>,
}

#[derive(Default)]
pub struct TargetQuery;

#[Object]
impl TargetQuery {
    /// Targets of a year in the caller's scope.
    async fn targets(
        &self,
        ctx: &Context<'_>,
        year: i32,
        unit_id: Option<ID>,
        indicator_code: Option<String>,
        decision_id: Option<ID>,
    ) -> Result<Vec<Target>> {
        let filter = target_filter(year, unit_id, indicator_code, decision_id)?;
        Ok(targets::list(&ctx.actor()?, ctx.db().conn(), filter)
            .await
            .gql()?
            .into_iter()
            .map(Target)
            .collect())
    }

    /// The targets of `targets` (same filters, same scope), one page at a time, ordered by
    /// id. `first`: rows per page, 1 to 1000 (VALIDATION on `first` otherwise); `after`:
    /// the `endCursor` of the previous page as received, absent for the first page
    /// (VALIDATION on `after` for anything else).
    #[allow(clippy::too_many_arguments)]
    async fn targets_page(
        &self,
        ctx: &Context<'_>,
        year: i32,
        unit_id: Option<ID>,
        indicator_code: Option<String>,
        decision_id: Option<ID>,
        #[graphql(default = 100)] first: i32,
        after: Option<String>,
    ) -> Result<ListPage<Target>> {
        let filter = target_filter(year, unit_id, indicator_code, decision_id)?;
        let args = paging::args(first, after);
        let paged = targets::page(&ctx.actor()?, ctx.db().conn(), filter, &args)
            .await
            .gql()?;
        Ok(ListPage::of(paged, Target))
    }

    /// The milestones a split would give, without saving anything (ADMIN, MANAGER in scope).
    async fn preview_split(
        &self,
        ctx: &Context<'_>,
        target_id: ID,
        method: SplitMethod,
        grain: Grain,
        values: Option<Vec<f64>>,
    ) -> Result<Vec<Milestone>> {
        let id = parse_id("targetId", &target_id)?;
        let list = roadmaps::preview_split(&ctx.actor()?, ctx.db(), id, method, grain, values)
            .await
            .gql()?;
        Ok(list
            .into_iter()
            .enumerate()
            .map(|(k, value)| Milestone {
                grain,
                index: k as i32 + 1,
                value,
            })
            .collect())
    }
}

/// The filters of `targets` and `targetsPage`.
fn target_filter(
    year: i32,
    unit_id: Option<ID>,
    indicator_code: Option<String>,
    decision_id: Option<ID>,
) -> Result<targets::TargetFilter> {
    Ok(targets::TargetFilter {
        year,
        unit_id: parse_opt_id("unitId", unit_id.as_ref())?,
        indicator_code,
        decision_id: parse_opt_id("decisionId", decision_id.as_ref())?,
    })
}

#[derive(Default)]
pub struct TargetMutation;

#[Object]
impl TargetMutation {
    /// ADMIN; MANAGER for units strictly below its own. Editing the value or baseline of a
    /// target that has a roadmap keeps, rescales or clears it as `input.roadmap` says.
    async fn set_target(&self, ctx: &Context<'_>, input: SetTargetInput) -> Result<Target> {
        let cmd = targets::SetTarget {
            decision_id: parse_id("decisionId", &input.decision_id)?,
            unit_id: parse_id("unitId", &input.unit_id)?,
            indicator_code: input.indicator_code,
            value: input.value,
            baseline: input.baseline,
            responsible_staff_id: parse_opt_id(
                "responsibleStaffId",
                input.responsible_staff_id.as_ref(),
            )?,
            expected_version: input.expected_version,
            roadmap: input.roadmap,
        };
        targets::set(&ctx.actor()?, ctx.db(), cmd)
            .await
            .gql()
            .map(Target)
    }

    /// ADMIN, MANAGER in scope; `values` only for MANUAL. Replaces the milestones.
    async fn split_target(
        &self,
        ctx: &Context<'_>,
        target_id: ID,
        method: SplitMethod,
        grain: Grain,
        values: Option<Vec<f64>>,
    ) -> Result<Target> {
        let id = parse_id("targetId", &target_id)?;
        roadmaps::split_target(&ctx.actor()?, ctx.db(), id, method, grain, values)
            .await
            .gql()
            .map(Target)
    }

    /// ADMIN, MANAGER in scope.
    async fn assign_staff_target(
        &self,
        ctx: &Context<'_>,
        target_id: ID,
        staff_id: ID,
        value: f64,
    ) -> Result<Target> {
        let id = parse_id("targetId", &target_id)?;
        let staff = parse_id("staffId", &staff_id)?;
        roadmaps::assign_staff_target(&ctx.actor()?, ctx.db(), id, staff, value)
            .await
            .gql()
            .map(Target)
    }
}
