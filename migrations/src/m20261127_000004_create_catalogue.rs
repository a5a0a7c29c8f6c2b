//! The catalogue: raw monthly measures and the indicators computed from them.

use crate::helpers::{create_tables, drop_tables, fk, id, table};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_tables(
            manager,
            vec![
                table("measures")
                    .col(id())
                    .col(string_uniq("code"))
                    .col(string("name"))
                    .col(text("description"))
                    .col(integer("position"))
                    .to_owned(),
                table("indicators")
                    .col(id())
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
            ],
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["indicators", "measures"]).await
    }
}
