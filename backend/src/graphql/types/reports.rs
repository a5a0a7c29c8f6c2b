//! A unit's monthly report and its saved figures.

use super::{Measure, User, may_see_account};
use crate::domain::model;
use crate::graphql::loaders::loaders;
use async_graphql::{Context, Result};
use chrono::{DateTime, Utc};
use shared::*;

object! {
    /// One saved figure.
    MeasureValue(model::MeasureValue) {
        unit;
        one measure: Measure = measures(measure_id), "measure";
        copy: year: i32;
        async fn month(&self) -> i32 {
            self.0.month as i32
        }
        async fn value(&self) -> Result<i32> {
            i32::try_from(self.0.value).map_err(|_| {
                crate::graphql::error::to_gql(crate::error::ServiceError::Internal(
                    anyhow::anyhow!("value out of range"),
                ))
            })
        }
        copy: status: ReportStatus, version: i32, updated_at: DateTime<Utc>;
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
}

object! {
    /// A unit's month.
    MonthlyReport(model::MonthlyReport) {
        unit;
        copy: year: i32;
        async fn month(&self) -> i32 {
            self.0.month as i32
        }
        copy: status: ReportStatus;
        opt_str:
            /// The reason given on REJECTED or reopened.
            comment;
        copy:
            /// Bumped by every change; saveMonthlyReport(expectedVersion) must match it.
            version: i32;
        async fn values(&self) -> Vec<MeasureValue> {
            self.0.values.iter().cloned().map(MeasureValue).collect()
        }
        /// The month's indicators set against the unit's earlier months, with anomaly flags:
        /// what a manager judges before approving. The months of one request are reviewed
        /// together (one read of their units' history).
        async fn review(&self, ctx: &Context<'_>) -> Result<super::MonthReview> {
            let key = crate::service::reports::MonthKey {
                unit_id: self.0.unit_id,
                year: self.0.year,
                month: self.0.month,
            };
            let found = loaders(ctx)?.reviews.load_one(key).await?;
            Ok(super::MonthReview(found.unwrap_or_default()))
        }
    }
}
