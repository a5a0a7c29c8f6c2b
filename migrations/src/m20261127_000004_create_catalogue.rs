//! The catalogue: raw monthly measures and the indicators computed from them.

use crate::helpers::{create_tables_migration, fk, id, table};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

create_tables_migration!();

/// The tables, parents first.
fn tables() -> Vec<TableCreateStatement> {
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
    ]
}

/// The indexes beside the primary keys.
fn indexes() -> Vec<IndexCreateStatement> {
    vec![]
}

/// The tables to drop, children first.
const DROPPED: &[&str] = &["indicators", "measures"];
