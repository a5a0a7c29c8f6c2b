//! Units (the administrative tree) and their closure table (every ancestor–descendant pair
//! with its depth), which makes scope checks and subtree roll-ups one indexed lookup.

use crate::helpers::{
    create_indexes, create_tables, created_at, drop_tables, fk, id, index, primary_key, table,
};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_tables(
            manager,
            vec![
                table("units")
                    .col(id())
                    .col(string_uniq("code"))
                    .col(string("name"))
                    .col(string("kind"))
                    .col(integer_null("parent_id"))
                    .col(boolean("active"))
                    .col(created_at())
                    .foreign_key(&mut fk("units", "parent_id", "units"))
                    .to_owned(),
                table("unit_closure")
                    .col(integer("ancestor_id"))
                    .col(integer("descendant_id"))
                    .col(integer("depth"))
                    .primary_key(&mut primary_key(&["ancestor_id", "descendant_id"]))
                    .foreign_key(&mut fk("unit_closure", "ancestor_id", "units"))
                    .foreign_key(&mut fk("unit_closure", "descendant_id", "units"))
                    .to_owned(),
            ],
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
