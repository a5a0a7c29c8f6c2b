//! The safeguards of publishing a ranking: `rankingPreview` (what `publishRanking` would
//! freeze, with a warning for an empty period) and `withdrawRanking`.

use super::context::CtxExt;
use super::error::GqlResult;
use super::results::{PeriodInput, PublishedRankingObject, RankingPreviewObject};
use super::scalars::parse_id;
use crate::service::rankings;
use async_graphql::{Context, ID, Object, Result};
use shared::UnitKind;

#[derive(Default)]
pub struct PublicationQuery;

#[Object]
impl PublicationQuery {
    /// ADMIN of the province root: the ranking `publishRanking` would freeze for this period
    /// and unit kind (approved figures), without freezing it; `warning` says so when no
    /// unit has a score.
    async fn ranking_preview(
        &self,
        ctx: &Context<'_>,
        period: PeriodInput,
        kind: UnitKind,
    ) -> Result<RankingPreviewObject> {
        let period = period.parse()?;
        rankings::preview(&ctx.actor()?, ctx.db(), period, kind)
            .await
            .gql()
            .map(RankingPreviewObject)
    }
}

#[derive(Default)]
pub struct PublicationMutation;

#[Object]
impl PublicationMutation {
    /// ADMIN of the province root (who may publish): withdraws a published ranking with a
    /// reason (VALIDATION on `reason` when blank; CONFLICT when already withdrawn). It is
    /// audited, no longer listed as published to anyone but ADMINs, and its frozen rows stay.
    async fn withdraw_ranking(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> Result<PublishedRankingObject> {
        let id = parse_id("id", &id)?;
        rankings::withdraw(&ctx.actor()?, ctx.db(), id, &reason)
            .await
            .gql()
            .map(PublishedRankingObject)
    }
}
