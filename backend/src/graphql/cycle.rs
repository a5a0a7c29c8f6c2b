//! The monthly cycle: `reportingDeadlines`, `setReportingDeadline`, `timeliness`,
//! `unitTimeliness` and `todo`.

use super::context::CtxExt;
use super::error::GqlResult;
use super::scalars::{Date, parse_id, parse_opt_id};
use super::types::{ReportingDeadline, Timeliness, TodoItem};
use crate::service::cycle::{deadlines, timeliness, todo};
use async_graphql::{Context, ID, Object, Result};

#[derive(Default)]
pub struct CycleQuery;

#[Object]
impl CycleQuery {
    /// The caller's "Việc cần làm", most urgent first: REPORT_OVERDUE (most days first),
    /// REPORT_REJECTED, APPROVAL_OVERDUE, APPROVAL_PENDING, REPORT_DUE (nearest deadline
    /// first), OFF_TRACK. An OFFICER gets the months its units owe (due, overdue, rejected
    /// with the comment); a MANAGER or ADMIN, per unit it may approve, the SUBMITTED months
    /// waiting (APPROVAL_OVERDUE counts those past their approval deadline, APPROVAL_PENDING
    /// the others) and the units in scope newly OFF_TRACK; a VIEWER or an API token the late
    /// months of units in scope and those newly OFF_TRACK. Newly OFF_TRACK: at the unit's
    /// latest month of the current year with approved figures, the indicator's
    /// year-to-date status is OFF_TRACK and was not the month before (or it is January).
    async fn todo(&self, ctx: &Context<'_>) -> Result<Vec<TodoItem>> {
        let list = todo::list(&ctx.actor()?, ctx.db()).await.gql()?;
        Ok(list.into_iter().map(TodoItem).collect())
    }

    /// The twelve months of a year with their deadlines, defaults filled in (the 5th and
    /// the 10th of the next month). Any caller, API tokens too.
    async fn reporting_deadlines(
        &self,
        ctx: &Context<'_>,
        year: i32,
    ) -> Result<Vec<ReportingDeadline>> {
        let months = deadlines::of_year(&ctx.actor()?, ctx.db().conn(), year.into())
            .await
            .gql()?;
        Ok(months.into_iter().map(ReportingDeadline).collect())
    }

    /// Every unit owing a month (in force then, with an OFFICER account or a target that
    /// year) in the caller's scope, or in `parentId`'s subtree (NOT_FOUND outside the
    /// scope): its deadline, first submission and whether that was on time, by unit id.
    /// Empty for a month before the calendar starts (nothing was owed then).
    async fn timeliness(
        &self,
        ctx: &Context<'_>,
        year: i32,
        month: i32,
        parent_id: Option<ID>,
    ) -> Result<Vec<Timeliness>> {
        let parent = parse_opt_id("parentId", parent_id.as_ref())?;
        let rows = timeliness::of_month(&ctx.actor()?, ctx.db(), year.into(), month.into(), parent)
            .await
            .gql()?;
        Ok(rows.into_iter().map(Timeliness).collect())
    }

    /// A unit's timeliness month by month in a year: the months it owed that have ended so
    /// far since the calendar started, oldest first (NOT_FOUND outside the caller's scope).
    async fn unit_timeliness(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        year: i32,
    ) -> Result<Vec<Timeliness>> {
        let unit = parse_id("unitId", &unit_id)?;
        let rows = timeliness::of_unit(&ctx.actor()?, ctx.db(), unit, year.into())
            .await
            .gql()?;
        Ok(rows.into_iter().map(Timeliness).collect())
    }
}

#[derive(Default)]
pub struct CycleMutation;

#[Object]
impl CycleMutation {
    /// ADMIN of the province root: moves a month's deadlines (Tết, a holiday). `dueOn` must
    /// fall after the month ends, `approveBy` not before `dueOn`, both within a year
    /// (VALIDATION naming the field, in Vietnamese). A month set before January of this
    /// year starts the calendar there; otherwise it starts in January. The province root
    /// owes no month unless it has an OFFICER account (its figures are its units' sum).
    async fn set_reporting_deadline(
        &self,
        ctx: &Context<'_>,
        year: i32,
        month: i32,
        due_on: Date,
        approve_by: Date,
    ) -> Result<ReportingDeadline> {
        deadlines::set(
            &ctx.actor()?,
            ctx.db(),
            year.into(),
            month.into(),
            due_on.0,
            approve_by.0,
        )
        .await
        .gql()
        .map(ReportingDeadline)
    }
}
