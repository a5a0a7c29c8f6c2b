//! Login accounts, API tokens, the login throttle and server settings (the generated JWT
//! signing secret lives there so that every instance and every restart shares it).

use crate::helpers::{create_indexes, drop_tables, fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("users")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_uniq("username"))
                    .col(string("password_hash"))
                    .col(string("role"))
                    .col(integer("unit_id"))
                    .col(integer_null("staff_id"))
                    .col(boolean("active"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("users", "unit_id", "units"))
                    .foreign_key(&mut fk("users", "staff_id", "staff"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("api_tokens")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string("name"))
                    .col(string_uniq("token_hash"))
                    .col(integer("unit_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("expires_at"))
                    .col(boolean("revoked"))
                    .col(integer_null("created_by"))
                    .foreign_key(&mut fk("api_tokens", "unit_id", "units"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("login_failures")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string("username"))
                    .col(timestamp_with_time_zone("at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("login_locks")
                    .if_not_exists()
                    .col(string("username").primary_key())
                    .col(timestamp_with_time_zone("locked_until"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("settings")
                    .if_not_exists()
                    .col(string("key").primary_key())
                    .col(text("value"))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("users", &["unit_id"], false),
                index("api_tokens", &["unit_id"], false),
                index("login_failures", &["username", "at"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "settings",
                "login_locks",
                "login_failures",
                "api_tokens",
                "users",
            ],
        )
        .await
    }
}
