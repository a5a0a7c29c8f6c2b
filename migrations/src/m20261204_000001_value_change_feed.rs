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

/// Cuts `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+00:00` (35 characters) to whole microseconds in
/// chrono's `AutoSi` spelling: no fraction, 3 digits or 6 digits.
pub const SQLITE_MICROSECONDS: &str = "UPDATE measure_values SET changed_at = CASE \
    WHEN substr(changed_at, 21, 6) = '000000' THEN substr(changed_at, 1, 19) || substr(changed_at, 30) \
    WHEN substr(changed_at, 24, 3) = '000' THEN substr(changed_at, 1, 23) || substr(changed_at, 30) \
    ELSE substr(changed_at, 1, 26) || substr(changed_at, 30) END \
    WHERE length(changed_at) = 35 AND substr(changed_at, 20, 1) = '.'";

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
        let db = manager.get_connection();
        db.execute_unprepared("UPDATE measure_values SET changed_at = updated_at")
            .await?;
        if manager.get_database_backend() == sea_orm_migration::sea_orm::DbBackend::Sqlite {
            // SQLite keeps the text of the write, which may hold nanoseconds; a stamp is
            // whole microseconds written as chrono writes them (3 or 6 digits, or none), so
            // that text order and equality stay those of the instants.
            db.execute_unprepared(SQLITE_MICROSECONDS).await?;
        }
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
