//! Staff members of units (cán bộ, công chức), heads marked.

use crate::helpers::{create_indexes, create_tables, drop_tables, fk, id, index, table};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_tables(
            manager,
            vec![
                table("staff")
                    .col(id())
                    .col(integer("unit_id"))
                    .col(string("full_name"))
                    .col(string("position"))
                    .col(boolean("is_head"))
                    .col(string_null("email"))
                    .col(boolean("active"))
                    .foreign_key(&mut fk("staff", "unit_id", "units"))
                    .to_owned(),
            ],
        )
        .await?;
        create_indexes(manager, vec![index("staff", &["unit_id"], false)]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["staff"]).await
    }
}
