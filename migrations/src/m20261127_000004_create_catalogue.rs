//! The catalogue: raw monthly measures and the indicators computed from them.

use crate::helpers::{drop_tables, fk};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("measures")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_uniq("code"))
                    .col(string("name"))
                    .col(text("description"))
                    .col(integer("position"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("indicators")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_uniq("code"))
                    .col(string("group_code"))
                    .col(string("name"))
                    .col(string("kind"))
                    .col(integer("numerator_id"))
                    .col(integer_null("denominator_id"))
                    .col(string("direction"))
                    .col(double("points"))
                    .col(string("rule"))
                    .col(double_null("threshold"))
                    .col(boolean("active"))
                    .col(integer("position"))
                    .foreign_key(&mut fk("indicators", "numerator_id", "measures"))
                    .foreign_key(&mut fk("indicators", "denominator_id", "measures"))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["indicators", "measures"]).await
    }
}
