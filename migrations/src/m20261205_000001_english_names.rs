//! English names of measures and indicators (`name_en`, empty when none), filled for the
//! codes of the preset catalogues (`shared::english_names`); the UI shows them when English
//! is chosen and falls back to the Vietnamese name.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use shared::english_names::{INDICATOR_NAMES_EN, MEASURE_NAMES_EN};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The catalogue tables and the English names of their preset codes.
const TABLES: [(&str, &[(&str, &str)]); 2] = [
    ("measures", MEASURE_NAMES_EN),
    ("indicators", INDICATOR_NAMES_EN),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, names) in TABLES {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(string("name_en").default("").to_owned())
                        .to_owned(),
                )
                .await?;
            for (code, name) in names {
                let update = Query::update()
                    .table(table)
                    .value(Alias::new("name_en"), *name)
                    .and_where(Expr::col(Alias::new("code")).eq(*code))
                    .to_owned();
                manager.exec_stmt(update).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, _) in TABLES {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column("name_en")
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
