//! The catalogue's objects: raw measures and the indicators computed from them.

use super::missing;
use crate::domain::model;
use crate::graphql::loaders::loaders;
use crate::graphql::scalars::to_id;
use async_graphql::{Context, ID, Object, Result};
use shared::*;

/// A raw monthly measure.
pub struct Measure(pub model::Measure);

#[Object]
impl Measure {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn code(&self) -> &str {
        &self.0.code
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn description(&self) -> &str {
        &self.0.description
    }
}

/// An indicator of the catalogue.
pub struct Indicator(pub model::Indicator);

#[Object]
impl Indicator {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn code(&self) -> &str {
        &self.0.code
    }
    async fn group(&self) -> &str {
        &self.0.group
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn kind(&self) -> IndicatorKind {
        self.0.kind
    }
    async fn numerator(&self, ctx: &Context<'_>) -> Result<Measure> {
        loaders(ctx)?
            .measures
            .load_one(self.0.numerator_id)
            .await?
            .map(Measure)
            .ok_or_else(|| missing("measure"))
    }
    async fn denominator(&self, ctx: &Context<'_>) -> Result<Option<Measure>> {
        match self.0.denominator_id {
            Some(d) => Ok(loaders(ctx)?.measures.load_one(d).await?.map(Measure)),
            None => Ok(None),
        }
    }
    async fn direction(&self) -> Direction {
        self.0.direction
    }
    async fn points(&self) -> f64 {
        self.0.points
    }
    async fn rule(&self) -> ScoringRule {
        self.0.rule
    }
    async fn threshold(&self) -> Option<f64> {
        self.0.threshold
    }
    async fn active(&self) -> bool {
        self.0.active
    }
}
