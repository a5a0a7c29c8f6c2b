//! Locking an account by hand and resetting its password: who locked an account, when and
//! why (`locked_at`, `locked_by`, `lock_reason`; a locked account is also inactive), whether
//! its password was set by an ADMIN and must be changed (`must_change_password`), and when
//! it last logged in (`last_login_at`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns added, in order (SQLite adds one column per statement).
const COLUMNS: [&str; 5] = [
    "locked_at",
    "locked_by",
    "lock_reason",
    "must_change_password",
    "last_login_at",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            timestamp_with_time_zone_null(COLUMNS[0]),
            integer_null(COLUMNS[1]),
            string_null(COLUMNS[2]),
            boolean(COLUMNS[3]).default(false).to_owned(),
            timestamp_with_time_zone_null(COLUMNS[4]),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table("users")
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in COLUMNS.iter().rev() {
            manager
                .alter_table(Table::alter().table("users").drop_column(*name).to_owned())
                .await?;
        }
        Ok(())
    }
}
