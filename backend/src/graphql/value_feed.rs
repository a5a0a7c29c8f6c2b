//! Reporting systems' queries: `measureValues` (raw figures paged by cursor, with
//! `updatedSince` for incremental sync) and `viewer` (who the caller is, tokens included).

use super::context::CtxExt;
use super::error::{GqlResult, invalid};
use super::fast::ValueRowList;
use super::loaders::loaders;
use super::results::MonthInput;
use super::scalars::parse_id;
use super::types::{Measure, Unit, required_unit};
use crate::domain::paging::{MAX_VALUE_PAGE, PageSize};
use crate::domain::value_feed::FeedRow;
use crate::service::users;
use crate::service::value_feed::{self, FeedFilters};
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use shared::{ReportStatus, Role};

/// One raw figure: a unit's value of a measure in a month, the status of that month and
/// when it last changed.
pub struct MeasureValueRow(pub FeedRow);

#[Object]
impl MeasureValueRow {
    /// The unit that reported the value.
    async fn unit(&self, ctx: &Context<'_>) -> Result<Unit> {
        required_unit(ctx, self.0.key.unit).await
    }
    /// The measure (a raw count such as dossiers received).
    async fn measure(&self, ctx: &Context<'_>) -> Result<Measure> {
        loaders(ctx)?
            .measures
            .load_one(self.0.key.measure)
            .await?
            .map(Measure)
            .ok_or_else(|| invalid("measure", "Số liệu không còn trong danh mục."))
    }
    /// The year.
    async fn year(&self) -> i32 {
        self.0.key.year
    }
    /// The month, 1–12.
    async fn month(&self) -> i32 {
        self.0.key.month
    }
    /// The value.
    async fn value(&self) -> Result<i32> {
        i32::try_from(self.0.value).map_err(|_| invalid("value", "Giá trị vượt quá giới hạn."))
    }
    /// The workflow status of the value's month (DRAFT, SUBMITTED, APPROVED, REJECTED).
    async fn status(&self) -> ReportStatus {
        self.0.status
    }
    /// When the value was written or its month's status last changed: the sync clock. A
    /// later write always gets a later `updatedAt` than every one already visible.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.key.changed_at
    }
}

/// One page of raw figures.
#[derive(SimpleObject)]
pub struct MeasureValuePage {
    /// The values of this page in feed order (updatedAt, unit, measure, year, month).
    pub rows: ValueRowList,
    /// Pass as `after` for the next page; null on the last page.
    pub end_cursor: Option<String>,
    /// Whether another page follows.
    pub has_next_page: bool,
}

/// Who the caller is.
pub struct Viewer(pub users::Viewer);

#[Object]
impl Viewer {
    /// `USER` (a person logged in) or `API_TOKEN` (a reporting system).
    async fn kind(&self) -> &str {
        self.0.kind
    }
    /// The user's role; null for an API token (which only reads).
    async fn role(&self) -> Option<Role> {
        self.0.role
    }
    /// The unit whose subtree the caller may read.
    async fn scope(&self, ctx: &Context<'_>) -> Result<Unit> {
        required_unit(ctx, self.0.scope).await
    }
    /// The username, or the API token's name.
    async fn name(&self) -> &str {
        &self.0.name
    }
}

#[derive(Default)]
pub struct ValueFeedQuery;

#[Object]
impl ValueFeedQuery {
    /// Raw figures in the caller's scope, ordered by (updatedAt, unit, measure, year,
    /// month) and paged: pass a page's `endCursor` as `after` for the next one.
    ///
    /// `unitIds` absent: every unit in the caller's scope; given: those units (each must be
    /// in scope), and with `includeSubtree: true` everything below them too.
    /// `measureCodes` absent: every measure. `from`/`to`: the first and last month.
    /// `first`: 1 to 10,000 rows a page.
    ///
    /// Incremental sync: keep the `updatedAt` of the last row of your last page and ask
    /// again with `updatedSince` set to it: you get every value written, corrected or whose
    /// month changed status since (strictly after that instant), each once. Values are
    /// never deleted — a correction comes as the same unit, measure and month with a new
    /// value and a later `updatedAt` — so there are no tombstones: keep the last row per
    /// (unit, measure, year, month).
    ///
    /// The same as a file: `GET /api/v1/measure-values.csv` or `.json` with the same
    /// filters as query parameters (see the README).
    #[allow(clippy::too_many_arguments)]
    async fn measure_values(
        &self,
        ctx: &Context<'_>,
        unit_ids: Option<Vec<ID>>,
        #[graphql(default = false)] include_subtree: bool,
        measure_codes: Option<Vec<String>>,
        from: Option<MonthInput>,
        to: Option<MonthInput>,
        updated_since: Option<DateTime<Utc>>,
        #[graphql(default = 1000)] first: i32,
        after: Option<String>,
    ) -> Result<MeasureValuePage> {
        let size =
            PageSize::parse(first, MAX_VALUE_PAGE).map_err(|e| invalid(&e.field, e.message))?;
        let unit_ids = unit_ids
            .map(|ids| {
                ids.iter()
                    .map(|i| parse_id("unitIds", i))
                    .collect::<Result<Vec<_>>>()
            })
            .transpose()?;
        let month = |m: Option<MonthInput>, field: &str| -> Result<Option<(i32, i32)>> {
            m.map(|m| m.parse(field).map(|p| (p.year(), p.first_month() as i32)))
                .transpose()
        };
        let filters = FeedFilters {
            unit_ids,
            include_subtree,
            measure_codes,
            from: month(from, "from")?,
            to: month(to, "to")?,
            updated_since,
        };
        let actor = ctx.actor()?;
        let db = ctx.db().conn();
        let feed = value_feed::check(&actor, db, filters).await.gql()?;
        let page = value_feed::page(db, &feed, size, after.as_deref())
            .await
            .gql()?;
        Ok(MeasureValuePage {
            rows: ValueRowList(page.rows),
            end_cursor: page.end_cursor,
            has_next_page: page.has_next_page,
        })
    }

    /// Who the caller is: a user or an API token, its role and the unit whose subtree it
    /// reads. Works for API tokens (unlike `me`, which is a user's account).
    async fn viewer(&self, ctx: &Context<'_>) -> Result<Viewer> {
        users::viewer(&ctx.actor()?, ctx.db().conn())
            .await
            .gql()
            .map(Viewer)
    }
}
