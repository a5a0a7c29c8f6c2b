//! Measures, indicators and decisions: queries and ADMIN mutations.

use super::context::CtxExt;
use super::error::GqlResult;
use super::scalars::Date;
use super::types::{Decision, Indicator, Measure};
use crate::service::{catalogue, decisions};
use async_graphql::{Context, InputObject, Object, Result};
use shared::{Direction, IndicatorKind, NoDataRule, ScoringRule, UnitKind};

/// Input of `createMeasure`.
#[derive(InputObject)]
pub struct CreateMeasureInput {
    pub code: String,
    pub name: String,
    /// English name, if any.
    pub name_en: Option<String>,
    #[graphql(default_with = "Some(String::new())")]
    pub description: Option<String>,
}

/// Input of `updateMeasure`; an absent field is kept.
#[derive(InputObject)]
pub struct UpdateMeasureInput {
    pub name: Option<String>,
    /// English name; empty removes it.
    pub name_en: Option<String>,
    pub description: Option<String>,
}

/// Input of `createIndicator`.
#[derive(InputObject)]
pub struct CreateIndicatorInput {
    pub code: String,
    pub group: String,
    pub name: String,
    /// English name, if any.
    pub name_en: Option<String>,
    pub kind: IndicatorKind,
    pub numerator_code: String,
    pub denominator_code: Option<String>,
    #[graphql(default_with = "Some(Direction::HigherIsBetter)")]
    pub direction: Option<Direction>,
    pub points: f64,
    #[graphql(default_with = "Some(ScoringRule::Target)")]
    pub rule: Option<ScoringRule>,
    pub threshold: Option<f64>,
    /// What it gives when the period's summed denominator is 0 (default EXCLUDE).
    #[graphql(default_with = "Some(NoDataRule::Exclude)")]
    pub no_data: Option<NoDataRule>,
    /// The unit kinds it scores; empty or absent: every kind.
    pub applies_to: Option<Vec<UnitKind>>,
}

/// Input of `updateIndicator`.
#[derive(InputObject)]
pub struct UpdateIndicatorInput {
    pub name: Option<String>,
    /// English name; empty removes it.
    pub name_en: Option<String>,
    pub group: Option<String>,
    pub points: Option<f64>,
    pub rule: Option<ScoringRule>,
    pub threshold: Option<f64>,
    pub active: Option<bool>,
    /// What it gives when the period's summed denominator is 0.
    pub no_data: Option<NoDataRule>,
    /// The unit kinds it scores; empty: every kind.
    pub applies_to: Option<Vec<UnitKind>>,
}

/// Input of `createDecision`.
#[derive(InputObject)]
pub struct CreateDecisionInput {
    pub number: String,
    pub title: String,
    pub issued_on: Date,
    pub year: i32,
}

/// Unit kinds each once, in their order.
fn kinds(list: Option<Vec<UnitKind>>) -> Vec<UnitKind> {
    let mut list = list.unwrap_or_default();
    list.sort_unstable();
    list.dedup();
    list
}

/// A consistency rule: one measure never above another in one unit and month.
#[derive(async_graphql::SimpleObject)]
pub struct ConsistencyRule {
    /// The measure that may not be larger, by code.
    pub part: String,
    /// The measure it belongs to, by code.
    pub whole: String,
}

/// A group of indicators with its name.
#[derive(async_graphql::SimpleObject)]
pub struct IndicatorGroup {
    pub code: String,
    /// Vietnamese name.
    pub name: String,
}

#[derive(Default)]
pub struct CatalogueQuery;

#[Object]
impl CatalogueQuery {
    /// Every measure of the catalogue (the raw counts a month reports), in form order.
    async fn measures(&self, ctx: &Context<'_>) -> Result<Vec<Measure>> {
        ctx.actor()?;
        Ok(catalogue::measures(ctx.db().conn())
            .await
            .gql()?
            .into_iter()
            .map(Measure)
            .collect())
    }

    /// The indicators of the catalogue, optionally of one group.
    async fn indicators(&self, ctx: &Context<'_>, group: Option<String>) -> Result<Vec<Indicator>> {
        ctx.actor()?;
        Ok(catalogue::indicators(ctx.db().conn(), group.as_deref())
            .await
            .gql()?
            .into_iter()
            .map(Indicator)
            .collect())
    }

    /// The consistency rules checked on every saving and import of figures: the
    /// catalogue's own and every rate's numerator ≤ its denominator.
    async fn consistency_rules(&self, ctx: &Context<'_>) -> Result<Vec<ConsistencyRule>> {
        ctx.actor()?;
        Ok(catalogue::consistency(ctx.db().conn())
            .await
            .gql()?
            .into_iter()
            .map(|(part, whole)| ConsistencyRule { part, whole })
            .collect())
    }

    /// The groups of the catalogue with their names, in catalogue order.
    async fn indicator_groups(&self, ctx: &Context<'_>) -> Result<Vec<IndicatorGroup>> {
        ctx.actor()?;
        Ok(catalogue::groups(ctx.db().conn())
            .await
            .gql()?
            .into_iter()
            .map(|(code, name)| IndicatorGroup { code, name })
            .collect())
    }

    /// The decisions that assign targets, optionally of one year.
    async fn decisions(&self, ctx: &Context<'_>, year: Option<i32>) -> Result<Vec<Decision>> {
        ctx.actor()?;
        Ok(decisions::list(ctx.db().conn(), year)
            .await
            .gql()?
            .into_iter()
            .map(Decision)
            .collect())
    }
}

#[derive(Default)]
pub struct CatalogueMutation;

#[Object]
impl CatalogueMutation {
    /// ADMIN of the province root.
    async fn create_measure(
        &self,
        ctx: &Context<'_>,
        input: CreateMeasureInput,
    ) -> Result<Measure> {
        catalogue::create_measure(
            &ctx.actor()?,
            ctx.db(),
            &input.code,
            &input.name,
            input.name_en.as_deref(),
            input.description.as_deref().unwrap_or_default(),
        )
        .await
        .gql()
        .map(Measure)
    }

    /// ADMIN of the province root: a measure's names and description (its code stays).
    async fn update_measure(
        &self,
        ctx: &Context<'_>,
        code: String,
        input: UpdateMeasureInput,
    ) -> Result<Measure> {
        let patch = catalogue::MeasurePatch {
            name: input.name,
            name_en: input.name_en,
            description: input.description,
        };
        catalogue::update_measure(&ctx.actor()?, ctx.db(), &code, patch)
            .await
            .gql()
            .map(Measure)
    }

    /// ADMIN of the province root.
    async fn create_indicator(
        &self,
        ctx: &Context<'_>,
        input: CreateIndicatorInput,
    ) -> Result<Indicator> {
        let cmd = catalogue::NewIndicator {
            code: input.code,
            group: input.group,
            name: input.name,
            name_en: input.name_en,
            kind: input.kind,
            numerator_code: input.numerator_code,
            denominator_code: input.denominator_code,
            direction: input.direction.unwrap_or(Direction::HigherIsBetter),
            points: input.points,
            rule: input.rule.unwrap_or(ScoringRule::Target),
            threshold: input.threshold,
            no_data: input.no_data.unwrap_or(NoDataRule::Exclude),
            applies_to: kinds(input.applies_to),
        };
        catalogue::create_indicator(&ctx.actor()?, ctx.db(), cmd)
            .await
            .gql()
            .map(Indicator)
    }

    /// ADMIN of the province root.
    async fn update_indicator(
        &self,
        ctx: &Context<'_>,
        code: String,
        input: UpdateIndicatorInput,
    ) -> Result<Indicator> {
        let patch = catalogue::IndicatorPatch {
            name: input.name,
            name_en: input.name_en,
            group: input.group,
            points: input.points,
            rule: input.rule,
            threshold: input.threshold,
            active: input.active,
            no_data: input.no_data,
            applies_to: input.applies_to.map(|k| kinds(Some(k))),
        };
        catalogue::update_indicator(&ctx.actor()?, ctx.db(), &code, patch)
            .await
            .gql()
            .map(Indicator)
    }

    /// ADMIN of the province root.
    async fn create_decision(
        &self,
        ctx: &Context<'_>,
        input: CreateDecisionInput,
    ) -> Result<Decision> {
        decisions::create(
            &ctx.actor()?,
            ctx.db(),
            &input.number,
            &input.title,
            input.issued_on.0,
            i64::from(input.year),
        )
        .await
        .gql()
        .map(Decision)
    }
}
