//! Decisions, their targets (unique per decision × unit × indicator), the roadmap
//! milestones of a target and the personal targets of staff.

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
                    .table("decisions")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_uniq("number"))
                    .col(text("title"))
                    .col(date("issued_on"))
                    .col(integer("year"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("targets")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("decision_id"))
                    .col(integer("unit_id"))
                    .col(integer("indicator_id"))
                    .col(integer("year"))
                    .col(double("value"))
                    .col(double_null("baseline"))
                    .col(integer_null("responsible_staff_id"))
                    .col(integer("version"))
                    .col(string_null("split_grain"))
                    .foreign_key(&mut fk("targets", "decision_id", "decisions"))
                    .foreign_key(&mut fk("targets", "unit_id", "units"))
                    .foreign_key(&mut fk("targets", "indicator_id", "indicators"))
                    .foreign_key(&mut fk("targets", "responsible_staff_id", "staff"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("milestones")
                    .if_not_exists()
                    .col(integer("target_id"))
                    .col(string("grain"))
                    .col(integer("idx"))
                    .col(double("value"))
                    .primary_key(Index::create().col("target_id").col("idx"))
                    .foreign_key(&mut fk("milestones", "target_id", "targets"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("staff_targets")
                    .if_not_exists()
                    .col(integer("target_id"))
                    .col(integer("staff_id"))
                    .col(double("value"))
                    .primary_key(Index::create().col("target_id").col("staff_id"))
                    .foreign_key(&mut fk("staff_targets", "target_id", "targets"))
                    .foreign_key(&mut fk("staff_targets", "staff_id", "staff"))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("decisions", &["year"], false),
                index("targets", &["decision_id", "unit_id", "indicator_id"], true),
                index("targets", &["year", "unit_id", "indicator_id"], false),
                index("targets", &["unit_id"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &["staff_targets", "milestones", "targets", "decisions"],
        )
        .await
    }
}
