//! The monthly cycle: the reporting calendar (`reporting_deadlines`, one row per month an
//! ADMIN moved; other months keep the defaults), the first submission of each month
//! (`monthly_reports.submitted_at`, backfilled from the last change of months already past
//! DRAFT), users' e-mail and the mails they turned off (`users.email`, `users.muted`), the
//! webhooks, and the notifications outbox with its delivery state and deduplication key.

use crate::helpers::{create_indexes, create_tables, drop_tables, fk, index, primary_key, table};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn add_column(
    manager: &SchemaManager<'_>,
    to: &'static str,
    mut column: ColumnDef,
) -> Result<(), DbErr> {
    manager
        .alter_table(Table::alter().table(to).add_column(&mut column).to_owned())
        .await
}

async fn drop_column(
    manager: &SchemaManager<'_>,
    from: &'static str,
    column: &'static str,
) -> Result<(), DbErr> {
    manager
        .alter_table(Table::alter().table(from).drop_column(column).to_owned())
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_column(
            manager,
            "monthly_reports",
            timestamp_with_time_zone_null("submitted_at").to_owned(),
        )
        .await?;
        add_column(manager, "users", string_null("email").to_owned()).await?;
        add_column(manager, "users", string("muted").default("").to_owned()).await?;
        create_tables(
            manager,
            vec![
                table("reporting_deadlines")
                    .col(integer("year"))
                    .col(integer("month"))
                    .col(date("due_on"))
                    .col(date("approve_by"))
                    .col(integer_null("updated_by"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(&mut primary_key(&["year", "month"]))
                    .foreign_key(&mut fk("reporting_deadlines", "updated_by", "users"))
                    .to_owned(),
                table("webhooks")
                    .col(pk_auto("id"))
                    .col(string("url"))
                    .col(string("secret"))
                    .col(string("events"))
                    .col(integer("unit_id"))
                    .col(boolean("active").default(true))
                    .col(integer_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("webhooks", "unit_id", "units"))
                    .foreign_key(&mut fk("webhooks", "created_by", "users"))
                    .to_owned(),
                table("notifications")
                    .col(pk_auto("id"))
                    .col(string("dedup_key"))
                    .col(string("kind"))
                    .col(string("channel"))
                    .col(string("recipient"))
                    .col(integer_null("webhook_id"))
                    .col(integer_null("unit_id"))
                    .col(string("subject"))
                    .col(text("body"))
                    .col(text_null("html"))
                    .col(string("status"))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    .col(timestamp_with_time_zone_null("claimed_until"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .col(text_null("last_error"))
                    .to_owned(),
            ],
        )
        .await?;
        create_indexes(
            manager,
            vec![
                index("notifications", &["dedup_key"], true),
                index("notifications", &["status", "next_attempt_at"], false),
                index("notifications", &["created_at"], false),
            ],
        )
        .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE monthly_reports SET submitted_at = updated_at \
                 WHERE status IN ('SUBMITTED', 'APPROVED', 'REJECTED')",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &["notifications", "webhooks", "reporting_deadlines"],
        )
        .await?;
        drop_column(manager, "users", "muted").await?;
        drop_column(manager, "users", "email").await?;
        drop_column(manager, "monthly_reports", "submitted_at").await
    }
}
