//! Every staff member's share: the figures each staff member's work produced in a month
//! (`staff_measure_values`, one row per staff member, measure and month, kept apart from
//! the unit's own figures), and a staff member's code in the dossier system (`staff.code`),
//! by which an imported file names them.

use crate::helpers::{create_indexes, create_tables, drop_tables, fk, index, primary_key, table};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_tables(
            manager,
            vec![
                table("staff_measure_values")
                    .col(integer("staff_id"))
                    .col(integer("measure_id"))
                    .col(integer("year"))
                    .col(integer("month"))
                    .col(big_integer("value"))
                    .col(string("source"))
                    .col(string_null("source_ref"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer_null("updated_by"))
                    .primary_key(&mut primary_key(&[
                        "staff_id",
                        "year",
                        "month",
                        "measure_id",
                    ]))
                    .foreign_key(&mut fk("staff_measure_values", "staff_id", "staff"))
                    .foreign_key(&mut fk("staff_measure_values", "measure_id", "measures"))
                    .foreign_key(&mut fk("staff_measure_values", "updated_by", "users"))
                    .to_owned(),
            ],
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("staff")
                    .add_column(string_null("code"))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("staff_measure_values", &["year", "month"], false),
                index("staff", &["code"], true),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_staff_code")
                    .table("staff")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table("staff").drop_column("code").to_owned())
            .await?;
        drop_tables(manager, &["staff_measure_values"]).await
    }
}
