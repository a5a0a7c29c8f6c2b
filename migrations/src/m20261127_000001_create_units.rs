//! Units (the administrative tree) and their closure table (every ancestor–descendant pair
//! with its depth), which makes scope checks and subtree roll-ups one indexed lookup.

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
                    .table("units")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_uniq("code"))
                    .col(string("name"))
                    .col(string("kind"))
                    .col(integer_null("parent_id"))
                    .col(boolean("active"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("units", "parent_id", "units"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("unit_closure")
                    .if_not_exists()
                    .col(integer("ancestor_id"))
                    .col(integer("descendant_id"))
                    .col(integer("depth"))
                    .primary_key(Index::create().col("ancestor_id").col("descendant_id"))
                    .foreign_key(&mut fk("unit_closure", "ancestor_id", "units"))
                    .foreign_key(&mut fk("unit_closure", "descendant_id", "units"))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("units", &["parent_id"], false),
                index("units", &["kind"], false),
                index("unit_closure", &["descendant_id", "depth"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["unit_closure", "units"]).await
    }
}
