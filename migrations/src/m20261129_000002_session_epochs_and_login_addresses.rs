//! Sessions that can be ended and a login throttle per client address: every account gets
//! a `session_epoch` (a session token carries the epoch it was issued in; logging out,
//! revoking sessions, changing the password or deactivating the account increments it),
//! each failed login records the client address, and the per-username lock table gives way
//! to counting recent failures of a (username, address) pair.

use crate::helpers::{create_indexes, create_tables, drop_tables, index, table};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("users")
                    .add_column(integer("session_epoch").default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("login_failures")
                    .add_column(string("address").default(""))
                    .to_owned(),
            )
            .await?;
        drop_tables(manager, &["login_locks"]).await?;
        create_indexes(
            manager,
            vec![
                index("login_failures", &["username", "address", "at"], false),
                index("login_failures", &["at"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "ix_login_failures_username_address_at",
            "ix_login_failures_at",
        ] {
            manager
                .drop_index(Index::drop().name(name).table("login_failures").to_owned())
                .await?;
        }
        create_tables(
            manager,
            vec![
                table("login_locks")
                    .col(string("username").primary_key())
                    .col(timestamp_with_time_zone("locked_until"))
                    .to_owned(),
            ],
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("login_failures")
                    .drop_column("address")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("users")
                    .drop_column("session_epoch")
                    .to_owned(),
            )
            .await
    }
}
