//! Computed results: `indicatorResults`, `scoreboard`, `publishedRankings` (and its pages),
//! `publishRanking`.

use super::context::CtxExt;
use super::error::{GqlResult, invalid};
use super::fast::{ResultList, ScoreRowList};
use super::loaders::loaders;
use super::paging::{self, ListPage};
use super::scalars::{parse_opt_id, to_id};
use super::types::{Indicator, Unit};
use crate::domain::input;
use crate::error::ServiceError;
use crate::service::rankings;
use crate::service::results::{self, Basis, Computed, ResultRow, ScoreRow};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use shared::{PeriodKind, ScoreExclusion, ShortfallGoal, TrackStatus, UnitKind};

/// A period of one year; `index` is the month (MONTH, YTD) or quarter, ignored for YEAR.
#[derive(InputObject)]
pub struct PeriodInput {
    pub year: i32,
    pub kind: PeriodKind,
    pub index: Option<i32>,
}

impl PeriodInput {
    pub(super) fn parse(&self) -> Result<shared::Period> {
        shared::Period::new(self.year, self.kind, self.index.map(i64::from))
            .map_err(|e| super::error::to_gql(e.into()))
    }
}

/// A month: `{ year, month }`, month 1–12.
#[derive(InputObject, Clone, Copy)]
pub struct MonthInput {
    /// The year, e.g. 2025.
    pub year: i32,
    /// The month, 1–12.
    pub month: i32,
}

impl MonthInput {
    /// The month as a one-month period, or VALIDATION on `field`.
    pub fn parse(&self, field: &str) -> Result<shared::Period> {
        shared::Period::new(self.year, PeriodKind::Month, Some(i64::from(self.month))).map_err(
            |e| {
                let part = if e.field == "index" { "month" } else { e.field };
                invalid(&format!("{field}.{part}"), e.message)
            },
        )
    }
}

/// A valid period.
#[derive(SimpleObject)]
pub struct Period {
    pub year: i32,
    pub kind: PeriodKind,
    pub index: Option<i32>,
    pub first_month: i32,
    pub last_month: i32,
}

impl From<shared::Period> for Period {
    fn from(p: shared::Period) -> Self {
        Period {
            year: p.year(),
            kind: p.kind(),
            index: p.index().map(|i| i as i32),
            first_month: p.first_month() as i32,
            last_month: p.last_month() as i32,
        }
    }
}

fn to_i32(v: Option<i64>) -> Option<i32> {
    v.map(|x| i32::try_from(x).unwrap_or(i32::MAX))
}

/// One indicator's result for one unit and period.
pub struct IndicatorResult(pub ResultRow);

#[Object]
impl IndicatorResult {
    async fn unit(&self, ctx: &Context<'_>) -> Result<Unit> {
        loaders(ctx)?
            .units
            .load_one(self.0.unit_id)
            .await?
            .map(Unit)
            .ok_or_else(|| super::error::to_gql(ServiceError::not_found("unit")))
    }
    async fn indicator(&self, ctx: &Context<'_>) -> Result<Indicator> {
        loaders(ctx)?
            .indicators
            .load_one(self.0.indicator_id)
            .await?
            .map(Indicator)
            .ok_or_else(|| super::error::to_gql(ServiceError::not_found("indicator")))
    }
    async fn period(&self) -> Period {
        self.0.period.into()
    }
    /// Summed over the period and the unit's subtree; null when nothing reported.
    async fn numerator(&self) -> Option<i32> {
        to_i32(self.0.eval.numerator)
    }
    async fn denominator(&self) -> Option<i32> {
        to_i32(self.0.eval.denominator)
    }
    /// Percent for RATE, count for COUNT; null when the denominator is 0 or nothing is reported.
    async fn value(&self) -> Option<f64> {
        self.0.eval.value
    }
    async fn target(&self) -> Option<f64> {
        self.0.eval.target
    }
    /// The milestone in force at the period's last month (a year-to-date level); the annual
    /// target when the target has no milestones; null without a target.
    async fn milestone(&self) -> Option<f64> {
        self.0.eval.milestone
    }
    /// `ytdValue` against `milestone` (not the period's `value`).
    async fn status(&self) -> TrackStatus {
        self.0.eval.status
    }
    /// The year-to-date actual through the period's last month, whatever the period's kind:
    /// what `status` compares with `milestone` (the milestone in force at that month) and
    /// what `projection` extends to year end. Null when nothing is reported.
    async fn ytd_value(&self) -> Option<f64> {
        self.0.eval.ytd_value
    }
    async fn projection(&self) -> Option<f64> {
        self.0.eval.projection
    }
    async fn points(&self) -> Option<f64> {
        self.0.eval.points
    }
    async fn max_points(&self) -> f64 {
        self.0.eval.max_points
    }
    /// false: the indicator does not score units of this kind; it is out of earned and
    /// available points ("không áp dụng").
    async fn applies(&self) -> bool {
        self.0.eval.applies
    }
    /// Why the indicator is out of the score (null when it scores).
    async fn excluded(&self) -> Option<ScoreExclusion> {
        self.0.eval.excluded
    }
    /// The portal's figure for the same unit, indicator and period, if imported.
    async fn official(&self, ctx: &Context<'_>) -> Result<Option<super::official::OfficialFigure>> {
        let key = (self.0.unit_id, self.0.indicator_id, self.0.period);
        let found = loaders(ctx)?.official.load_one(key).await?;
        Ok(found.map(|official| super::official::OfficialFigure {
            official,
            ours: self.0.eval,
        }))
    }
    /// What the indicator still needs to reach its threshold or milestone: "cần thêm N hồ
    /// sơ" (null when it is reached or has no goal).
    async fn shortfall(&self) -> Option<Shortfall> {
        self.0.eval.shortfall.map(Shortfall)
    }
}

/// Numerator dossiers still needed, the denominator unchanged.
pub struct Shortfall(pub crate::domain::shortfall::Shortfall);

#[Object]
impl Shortfall {
    /// The smallest whole number of numerator dossiers that reaches the goal.
    async fn dossiers(&self) -> i32 {
        i32::try_from(self.0.dossiers).unwrap_or(i32::MAX)
    }
    /// The goal: a rate in percent or a count.
    async fn goal(&self) -> f64 {
        self.0.goal
    }
    /// MILESTONE: the year-to-date actual against the milestone in force; THRESHOLD: the
    /// period's rate against the rule's level.
    async fn against(&self) -> ShortfallGoal {
        self.0.against
    }
}

/// A group's subtotal in a unit's score.
#[derive(SimpleObject)]
pub struct GroupScore {
    /// The group code.
    pub group: String,
    /// Points earned by its indicators (2 decimals).
    pub earned: f64,
    /// Points its indicators made available.
    pub available: f64,
}

/// One unit's line of a scoreboard.
pub struct ScoreRowObject(pub ScoreRow);

#[Object(name = "ScoreRow")]
impl ScoreRowObject {
    async fn rank(&self) -> Option<i32> {
        self.0.rank.map(|r| r as i32)
    }
    async fn unit(&self, ctx: &Context<'_>) -> Result<Unit> {
        loaders(ctx)?
            .units
            .load_one(self.0.unit_id)
            .await?
            .map(Unit)
            .ok_or_else(|| super::error::to_gql(ServiceError::not_found("unit")))
    }
    async fn score(&self) -> Option<f64> {
        self.0.score
    }
    async fn earned(&self) -> f64 {
        crate::domain::rollup::round2(self.0.earned)
    }
    async fn available(&self) -> f64 {
        self.0.available
    }
    /// The day units were merged into this one during the period: its figures span a
    /// reorganisation (null when they do not).
    async fn merged_on(&self) -> Option<super::scalars::Date> {
        self.0.merged_on.map(super::scalars::Date)
    }
    async fn results(&self) -> ResultList {
        ResultList(self.0.results.clone())
    }
    /// The rank in the previous period of the same kind (month → month before, quarter →
    /// quarter before, YTD → YTD one month earlier, year → year before), among the same units.
    async fn previous_rank(&self) -> Option<i32> {
        self.0.previous_rank.map(|r| r as i32)
    }
    /// The score in the previous period of the same kind.
    async fn previous_score(&self) -> Option<f64> {
        self.0.previous_score
    }
    /// The percent of the period's months, among those the unit owed (in force, with an
    /// OFFICER account or a target that year) that have ended and were due, that it
    /// submitted by their deadline (first submission); null when none was due. Read on
    /// `scoreboard` only (null in a published ranking).
    async fn timeliness_rate(&self) -> Option<f64> {
        self.0.timeliness_rate
    }
    /// Each group's points earned and available, in catalogue order.
    async fn groups(&self) -> Vec<GroupScore> {
        self.0
            .groups
            .iter()
            .map(|g| GroupScore {
                group: g.group.clone(),
                earned: crate::domain::rollup::round2(g.earned),
                available: g.available,
            })
            .collect()
    }
}

/// A frozen ranking.
pub struct PublishedRankingObject(pub rankings::PublishedRanking);

/// What `publishRanking` would freeze, before it does.
pub struct RankingPreviewObject(pub rankings::Preview);

#[Object(name = "RankingPreview")]
impl RankingPreviewObject {
    async fn period(&self) -> Period {
        self.0.period.into()
    }
    async fn kind(&self) -> UnitKind {
        self.0.kind
    }
    /// The rows that publishing would freeze, ranked.
    async fn rows(&self) -> ScoreRowList {
        ScoreRowList(self.0.rows.clone())
    }
    /// How many of the rows have a score; 0 means the period has no approved figures.
    async fn scored_count(&self) -> i32 {
        i32::try_from(self.0.scored).unwrap_or(i32::MAX)
    }
    /// In Vietnamese, why publishing now is unwise (no unit has a score); null otherwise.
    async fn warning(&self) -> Option<&str> {
        self.0.warning.as_deref()
    }
}

#[Object(name = "PublishedRanking")]
impl PublishedRankingObject {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn period(&self) -> Period {
        self.0.period.into()
    }
    async fn kind(&self) -> UnitKind {
        self.0.kind
    }
    async fn published_at(&self) -> DateTime<Utc> {
        self.0.published_at
    }
    async fn rows(&self) -> ScoreRowList {
        ScoreRowList(self.0.rows.clone())
    }
    /// True once withdrawn: no longer the published ranking of its period; only ADMINs
    /// still list it, with its frozen rows.
    async fn withdrawn(&self) -> bool {
        self.0.withdrawal.is_some()
    }
    /// When it was withdrawn; null while it stands.
    async fn withdrawn_at(&self) -> Option<DateTime<Utc>> {
        self.0.withdrawal.as_ref().map(|w| w.at)
    }
    /// Full name (or username) of who withdrew it; null while it stands.
    async fn withdrawn_by(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        match self.0.withdrawal.as_ref().and_then(|w| w.by) {
            Some(id) => Ok(loaders(ctx)?.person_names.load_one(id).await?),
            None => Ok(None),
        }
    }
    /// Why it was withdrawn; null while it stands.
    async fn withdrawal_reason(&self) -> Option<&str> {
        self.0.withdrawal.as_ref().map(|w| w.reason.as_str())
    }
}

/// The units asked for by `unitIds` and `includeSubtree`: at most
/// [`input::MAX_LISTED_UNITS`] ids, each a valid id (VALIDATION on `unitIds` otherwise).
pub(super) fn unit_selection(
    unit_ids: Option<Vec<ID>>,
    include_subtree: bool,
) -> Result<results::UnitSelection> {
    if let Some(ids) = &unit_ids {
        input::list_len("unitIds", ids.len(), input::MAX_LISTED_UNITS)
            .map_err(|e| invalid(&e.field, e.message))?;
    }
    let unit_ids = unit_ids
        .map(|ids| {
            ids.iter()
                .map(|i| super::scalars::parse_id("unitIds", i))
                .collect::<Result<Vec<_>>>()
        })
        .transpose()?;
    Ok(results::UnitSelection {
        unit_ids,
        include_subtree,
    })
}

/// At most [`input::MAX_LISTED_CODES`] indicator codes (VALIDATION on `indicatorCodes`).
pub(super) fn check_codes(codes: Option<&[String]>) -> Result<()> {
    if let Some(codes) = codes {
        input::list_len("indicatorCodes", codes.len(), input::MAX_LISTED_CODES)
            .map_err(|e| invalid(&e.field, e.message))?;
    }
    Ok(())
}

/// The rows, after giving the request's loaders the units and indicators they were
/// computed for: names in the answer then cost no second query.
pub(super) async fn feed<R>(ctx: &Context<'_>, computed: Computed<R>) -> Result<Vec<R>> {
    let loaders = loaders(ctx)?;
    loaders
        .units
        .feed_many(computed.units.into_iter().map(|u| (u.id, u)))
        .await;
    loaders
        .indicators
        .feed_many(computed.indicators.into_iter().map(|i| (i.id, i)))
        .await;
    Ok(computed.rows)
}

pub(super) fn basis(approved_only: bool) -> Basis {
    if approved_only {
        Basis::ApprovedOnly
    } else {
        Basis::AllSaved
    }
}

#[derive(Default)]
pub struct ResultQuery;

#[Object]
impl ResultQuery {
    /// Each indicator's result for each unit selected, for one period. Results count every
    /// saved value (any status) unless approvedOnly is true. The units: `unitIds` given →
    /// those units in their order (a unit outside the caller's scope is left out), plus,
    /// with `includeSubtree: true`, the active units of their subtrees in force during the
    /// period; `unitIds` absent with `includeSubtree: true` → every active unit of the
    /// caller's scope in force during the period; `unitIds` absent without it → VALIDATION
    /// on `unitIds` (never silently the caller's own unit). Results are grouped by unit,
    /// indicators in catalogue order; `indicatorCodes` absent → every active indicator. An
    /// answer that cannot fit the work budget is refused before it is computed.
    async fn indicator_results(
        &self,
        ctx: &Context<'_>,
        period: PeriodInput,
        unit_ids: Option<Vec<ID>>,
        #[graphql(default_with = "Some(false)")] include_subtree: Option<bool>,
        indicator_codes: Option<Vec<String>>,
        #[graphql(default_with = "Some(false)")] approved_only: Option<bool>,
    ) -> Result<ResultList> {
        let period = period.parse()?;
        let units = unit_selection(unit_ids, include_subtree.unwrap_or(false))?;
        check_codes(indicator_codes.as_deref())?;
        let basis = basis(approved_only.unwrap_or(false));
        super::series::answer(ctx, vec![period], &units, indicator_codes, basis).await
    }

    /// Units in scope scored and ranked within their kind.
    async fn scoreboard(
        &self,
        ctx: &Context<'_>,
        period: PeriodInput,
        kind: Option<UnitKind>,
        parent_id: Option<ID>,
        #[graphql(default_with = "Some(false)")] approved_only: Option<bool>,
    ) -> Result<ScoreRowList> {
        let period = period.parse()?;
        let parent = parse_opt_id("parentId", parent_id.as_ref())?;
        // The previous period is computed only when the answer asks for it.
        let ahead = ctx.look_ahead();
        let with_previous =
            ahead.field("previousRank").exists() || ahead.field("previousScore").exists();
        let with_timeliness = ahead.field("timelinessRate").exists();
        let mut computed = results::scoreboard(
            &ctx.actor()?,
            ctx.db().conn(),
            period,
            kind,
            parent,
            basis(approved_only.unwrap_or(false)),
            with_previous,
        )
        .await
        .gql()?;
        if with_timeliness {
            crate::service::cycle::timeliness::fill_rates(ctx.db(), &mut computed.rows, period)
                .await
                .gql()?;
        }
        Ok(ScoreRowList(feed(ctx, computed).await?))
    }

    /// Published (frozen) rankings, newest first.
    async fn published_rankings(
        &self,
        ctx: &Context<'_>,
        year: Option<i32>,
    ) -> Result<Vec<PublishedRankingObject>> {
        let list = rankings::list(&ctx.actor()?, ctx.db().conn(), year)
            .await
            .gql()?;
        Ok(list.into_iter().map(PublishedRankingObject).collect())
    }

    /// The rankings of `publishedRankings` (same filter; rows of units outside the
    /// caller's scope left out), one page at a time, newest first by id. `first`: rows per
    /// page, 1 to 1000 (VALIDATION on `first` otherwise); `after`: the `endCursor` of the
    /// previous page as received, absent for the first page (VALIDATION on `after` for
    /// anything else).
    async fn published_rankings_page(
        &self,
        ctx: &Context<'_>,
        year: Option<i32>,
        #[graphql(default = 100)] first: i32,
        after: Option<String>,
    ) -> Result<ListPage<PublishedRankingObject>> {
        let args = paging::args(first, after);
        let paged = rankings::page(&ctx.actor()?, ctx.db().conn(), year, &args)
            .await
            .gql()?;
        Ok(ListPage::of(paged, PublishedRankingObject))
    }
}

#[derive(Default)]
pub struct ResultMutation;

#[Object]
impl ResultMutation {
    /// ADMIN of the province root: freezes the scoreboard of a unit kind for a period (approved
    /// figures). A period where no unit has a score (see `rankingPreview`) is refused
    /// (VALIDATION on `period`) unless `confirmEmpty` is true (absent or null: false).
    async fn publish_ranking(
        &self,
        ctx: &Context<'_>,
        period: PeriodInput,
        kind: UnitKind,
        confirm_empty: Option<bool>,
    ) -> Result<PublishedRankingObject> {
        let period = period.parse()?;
        let confirm_empty = confirm_empty.unwrap_or(false);
        rankings::publish(&ctx.actor()?, ctx.db(), period, kind, confirm_empty)
            .await
            .gql()
            .map(PublishedRankingObject)
    }
}
