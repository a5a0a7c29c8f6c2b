//! The effective-dated unit tree: each closure row holds the months (`from_month` through
//! `to_month`, as `year * 12 + month - 1`) in which the descendant's figures count for the
//! ancestor, so a move or a merge from a date keeps every earlier month where it was and a
//! successor counts its predecessors' earlier months (paths `inherited` from them); units get the days they were in
//! force; every reorganisation (merge, move, rename, close) is recorded with its decision.

use crate::helpers::{create_indexes, create_tables, drop_tables, fk, index, primary_key, table};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The first month a closure row covers when it has always counted.
const ALWAYS_FROM: i32 = 0;
/// The last month of a closure row still in force.
const STILL_IN_FORCE: i32 = 1_000_000;

fn closure_table(name: &'static str) -> TableCreateStatement {
    table(name)
        .col(integer("ancestor_id"))
        .col(integer("descendant_id"))
        .col(integer("depth"))
        .col(integer("from_month").default(ALWAYS_FROM))
        .col(integer("to_month").default(STILL_IN_FORCE))
        .col(boolean("inherited").default(false))
        .primary_key(&mut primary_key(&[
            "ancestor_id",
            "descendant_id",
            "from_month",
        ]))
        .foreign_key(&mut fk(name, "ancestor_id", "units"))
        .foreign_key(&mut fk(name, "descendant_id", "units"))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One batch on one connection: SQLite connections of a pool keep their own copy of
        // the schema, and a rename checked against a stale copy fails.
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let create = backend
            .build(&closure_table("unit_closure_dated"))
            .to_string();
        let indexes = [
            index("unit_closure", &["descendant_id", "depth"], false),
            index("unit_closure", &["ancestor_id", "to_month"], false),
        ]
        .map(|ix| backend.build(&ix).to_string());
        let batch = [
            create,
            "INSERT INTO unit_closure_dated (ancestor_id, descendant_id, depth, from_month, to_month) \
             SELECT ancestor_id, descendant_id, depth, 0, 1000000 FROM unit_closure"
                .to_owned(),
            "DROP TABLE unit_closure".to_owned(),
            "ALTER TABLE unit_closure_dated RENAME TO unit_closure".to_owned(),
        ]
        .into_iter()
        .chain(indexes)
        .collect::<Vec<_>>()
        .join(";\n");
        db.execute_unprepared(&batch).await?;
        manager
            .alter_table(
                Table::alter()
                    .table("units")
                    .add_column(date_null("valid_from"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("units")
                    .add_column(date_null("valid_to"))
                    .to_owned(),
            )
            .await?;
        create_tables(
            manager,
            vec![
                table("reorganizations")
                    .col(pk_auto("id"))
                    .col(string("kind"))
                    .col(date("effective_on"))
                    .col(string("decision"))
                    .col(integer_null("result_id"))
                    .col(text_null("details"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("reorganizations", "result_id", "units"))
                    .to_owned(),
                table("reorganization_units")
                    .col(integer("reorganization_id"))
                    .col(integer("unit_id"))
                    .col(string("role"))
                    .primary_key(&mut primary_key(&["reorganization_id", "unit_id"]))
                    .foreign_key(&mut fk(
                        "reorganization_units",
                        "reorganization_id",
                        "reorganizations",
                    ))
                    .foreign_key(&mut fk("reorganization_units", "unit_id", "units"))
                    .to_owned(),
            ],
        )
        .await?;
        create_indexes(
            manager,
            vec![
                index("reorganizations", &["effective_on"], false),
                index("reorganization_units", &["unit_id"], false),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &["reorganization_units", "reorganizations"]).await?;
        for column in ["valid_to", "valid_from"] {
            manager
                .alter_table(Table::alter().table("units").drop_column(column).to_owned())
                .await?;
        }
        manager
            .get_connection()
            .execute_unprepared(
                "DELETE FROM unit_closure WHERE to_month <> 1000000 OR from_month <> 0",
            )
            .await?;
        Ok(())
    }
}
