//! Monthly reports: the month query and the save/submit/approve/reject/reopen mutations.

use super::context::CtxExt;
use super::error::GqlResult;
use super::scalars::parse_id;
use super::types::{MonthlyReport, ReportApproval};
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

/// One month of a bulk approval.
#[derive(InputObject)]
pub struct ReportMonthInput {
    pub unit_id: ID,
    pub year: i32,
    /// 1–12.
    pub month: i32,
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

    /// Approves several submitted months at once (at most 50), each exactly as
    /// `approveMonthlyReport` would (own transaction, audit entry, thread comment). The
    /// call is refused whole — nothing approved — when the list is empty, too long, holds
    /// a month twice, or any month is one the caller may not approve (FORBIDDEN, naming
    /// it); otherwise every month gets its own result, in order: a month no longer waiting
    /// for approval is answered `approved: false` with a Vietnamese message and does not
    /// hold up the others.
    async fn approve_monthly_reports(
        &self,
        ctx: &Context<'_>,
        months: Vec<ReportMonthInput>,
        comment: Option<String>,
    ) -> Result<Vec<ReportApproval>> {
        let list = months
            .iter()
            .enumerate()
            .map(|(i, m)| {
                Ok(MonthRef {
                    unit_id: parse_id(&format!("months[{i}].unitId"), &m.unit_id)?,
                    year: i64::from(m.year),
                    month: i64::from(m.month),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        reports::approve_many(&ctx.actor()?, ctx.db(), &list, comment.as_deref())
            .await
            .gql()
            .map(|out| out.into_iter().map(ReportApproval).collect())
    }
}
