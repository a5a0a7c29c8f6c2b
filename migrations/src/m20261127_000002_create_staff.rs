//! Staff members of units (cán bộ, công chức), heads marked.

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
                    .table("staff")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("unit_id"))
                    .col(string("full_name"))
                    .col(string("position"))
                    .col(boolean("is_head"))
                    .col(string_null("email"))
                    .col(boolean("active"))
                    .foreign_key(&mut fk("staff", "unit_id", "units"))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, vec![index("staff", &["unit_id"], false)]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["staff"]).await
    }
}
