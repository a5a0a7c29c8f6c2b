//! Staff members of units (cán bộ, công chức), heads marked.

use crate::helpers::{create_tables_migration, fk, id, index, table};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

create_tables_migration!();

/// The tables, parents first.
fn tables() -> Vec<TableCreateStatement> {
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
    ]
}

/// The indexes beside the primary keys.
fn indexes() -> Vec<IndexCreateStatement> {
    vec![index("staff", &["unit_id"], false)]
}

/// The tables to drop, children first.
const DROPPED: &[&str] = &["staff"];
