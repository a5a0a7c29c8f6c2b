//! A unit's monthly report and its saved figures.

use super::{Measure, Unit, User, may_see_account, missing, required_unit};
use crate::domain::model;
use crate::graphql::loaders::loaders;
use async_graphql::{Context, Object, Result};
use chrono::{DateTime, Utc};
use shared::*;

/// One saved figure.
pub struct MeasureValue(pub model::MeasureValue);

#[Object]
impl MeasureValue {
    async fn unit(&self, ctx: &Context<'_>) -> Result<Unit> {
        required_unit(ctx, self.0.unit_id).await
    }
    async fn measure(&self, ctx: &Context<'_>) -> Result<Measure> {
        loaders(ctx)?
            .measures
            .load_one(self.0.measure_id)
            .await?
            .map(Measure)
            .ok_or_else(|| missing("measure"))
    }
    async fn year(&self) -> i32 {
        self.0.year
    }
    async fn month(&self) -> i32 {
        self.0.month as i32
    }
    async fn value(&self) -> Result<i32> {
        i32::try_from(self.0.value).map_err(|_| {
            crate::graphql::error::to_gql(crate::error::ServiceError::Internal(anyhow::anyhow!(
                "value out of range"
            )))
        })
    }
    async fn status(&self) -> ReportStatus {
        self.0.status
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    /// Who saved it (visible to ADMIN and to the author).
    async fn updated_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        match self.0.updated_by {
            Some(u) if may_see_account(ctx, u)? => {
                Ok(loaders(ctx)?.users.load_one(u).await?.map(User))
            }
            _ => Ok(None),
        }
    }
}

/// A unit's month.
pub struct MonthlyReport(pub model::MonthlyReport);

#[Object]
impl MonthlyReport {
    async fn unit(&self, ctx: &Context<'_>) -> Result<Unit> {
        required_unit(ctx, self.0.unit_id).await
    }
    async fn year(&self) -> i32 {
        self.0.year
    }
    async fn month(&self) -> i32 {
        self.0.month as i32
    }
    async fn status(&self) -> ReportStatus {
        self.0.status
    }
    /// The reason given on REJECTED or reopened.
    async fn comment(&self) -> Option<&str> {
        self.0.comment.as_deref()
    }
    /// Bumped by every change; saveMonthlyReport(expectedVersion) must match it.
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn values(&self) -> Vec<MeasureValue> {
        self.0.values.iter().cloned().map(MeasureValue).collect()
    }
}
