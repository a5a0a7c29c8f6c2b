//! Withdrawing a published ranking: when, by whom and why (`withdrawn_at`, `withdrawn_by`,
//! `withdrawal_reason`, all null while it stands). The frozen rows stay.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The added columns, in order.
const COLUMNS: [&str; 3] = ["withdrawn_at", "withdrawn_by", "withdrawal_reason"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        for mut column in [
            timestamp_with_time_zone_null("withdrawn_at"),
            integer_null("withdrawn_by"),
            text_null("withdrawal_reason"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("published_rankings")
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in COLUMNS.iter().rev() {
            manager
                .alter_table(
                    Table::alter()
                        .table("published_rankings")
                        .drop_column(*column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
