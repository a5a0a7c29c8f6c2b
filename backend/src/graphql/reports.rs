//! Monthly reports: the month query and the save/submit/approve/reject/reopen mutations.

use super::context::CtxExt;
use super::error::GqlResult;
use super::scalars::parse_id;
use super::types::MonthlyReport;
use crate::domain::report::ReportAction;
use crate::service::reports::{self, MonthRef};
use async_graphql::{Context, ID, InputObject, Object, Result};

/// One figure to save.
#[derive(InputObject)]
pub struct MeasureValueInput {
    pub measure_code: String,
    pub value: i32,
}

fn month_ref(unit_id: &ID, year: i32, month: i32) -> Result<MonthRef> {
    Ok(MonthRef {
        unit_id: parse_id("unitId", unit_id)?,
        year: i64::from(year),
        month: i64::from(month),
    })
}

/// Moves a month through its workflow as the caller.
async fn act(
    ctx: &Context<'_>,
    month: MonthRef,
    action: ReportAction,
    comment: Option<&str>,
) -> Result<MonthlyReport> {
    reports::act(&ctx.actor()?, ctx.db(), month, action, comment)
        .await
        .gql()
        .map(MonthlyReport)
}

#[derive(Default)]
pub struct ReportQuery;

#[Object]
impl ReportQuery {
    /// A unit's month (an empty DRAFT at version 0 when nothing was saved yet).
    async fn monthly_report(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        year: i32,
        month: i32,
    ) -> Result<MonthlyReport> {
        reports::get(
            &ctx.actor()?,
            ctx.db().conn(),
            month_ref(&unit_id, year, month)?,
        )
        .await
        .gql()
        .map(MonthlyReport)
    }
}

#[derive(Default)]
pub struct ReportMutation;

#[Object]
impl ReportMutation {
    /// OFFICER/MANAGER in scope, ADMIN: replaces the given measures of the month.
    async fn save_monthly_report(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        year: i32,
        month: i32,
        values: Vec<MeasureValueInput>,
        expected_version: Option<i32>,
    ) -> Result<MonthlyReport> {
        let r = month_ref(&unit_id, year, month)?;
        let values: Vec<(String, i64)> = values
            .into_iter()
            .map(|v| (v.measure_code, i64::from(v.value)))
            .collect();
        reports::save(&ctx.actor()?, ctx.db(), r, &values, expected_version)
            .await
            .gql()
            .map(MonthlyReport)
    }

    async fn submit_monthly_report(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        year: i32,
        month: i32,
    ) -> Result<MonthlyReport> {
        act(
            ctx,
            month_ref(&unit_id, year, month)?,
            ReportAction::Submit,
            None,
        )
        .await
    }

    /// The level above approves a submitted month; an optional comment joins the month's
    /// thread.
    async fn approve_monthly_report(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        year: i32,
        month: i32,
        comment: Option<String>,
    ) -> Result<MonthlyReport> {
        let r = month_ref(&unit_id, year, month)?;
        act(ctx, r, ReportAction::Approve, comment.as_deref()).await
    }

    async fn reject_monthly_report(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        year: i32,
        month: i32,
        comment: String,
    ) -> Result<MonthlyReport> {
        let r = month_ref(&unit_id, year, month)?;
        act(ctx, r, ReportAction::Reject, Some(&comment)).await
    }

    async fn reopen_monthly_report(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        year: i32,
        month: i32,
        comment: String,
    ) -> Result<MonthlyReport> {
        let r = month_ref(&unit_id, year, month)?;
        act(ctx, r, ReportAction::Reopen, Some(&comment)).await
    }
}
