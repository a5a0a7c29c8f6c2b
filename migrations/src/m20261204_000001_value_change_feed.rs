//! The change feed of raw figures: `measure_values.changed_at`, the instant a value was
//! written or its month's status last moved, strictly increasing in commit order, with the
//! index that pages the feed in its order (changed_at, unit, measure, year, month).

use crate::helpers::{create_indexes, index};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The feed's order, which its index follows.
const FEED_ORDER: [&str; 5] = ["changed_at", "unit_id", "measure_id", "year", "month"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds a NOT NULL column only with a default; every row then takes the time
        // it was last written.
        manager
            .alter_table(
                Table::alter()
                    .table("measure_values")
                    .add_column(
                        timestamp_with_time_zone("changed_at")
                            .default("1970-01-01T00:00:00+00:00")
                            .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("UPDATE measure_values SET changed_at = updated_at")
            .await?;
        create_indexes(manager, vec![index("measure_values", &FEED_ORDER, false)]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(format!("ix_measure_values_{}", FEED_ORDER.join("_")))
                    .table("measure_values")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("measure_values")
                    .drop_column("changed_at")
                    .to_owned(),
            )
            .await
    }
}
