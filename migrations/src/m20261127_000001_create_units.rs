//! Units (the administrative tree) and their closure table (every ancestor–descendant pair
//! with its depth), which makes scope checks and subtree roll-ups one indexed lookup.

use crate::helpers::{create_tables_migration, created_at, fk, id, index, primary_key, table};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

create_tables_migration!();

/// The tables, parents first.
fn tables() -> Vec<TableCreateStatement> {
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
    ]
}

/// The indexes beside the primary keys.
fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("units", &["parent_id"], false),
        index("units", &["kind"], false),
        index("unit_closure", &["descendant_id", "depth"], false),
    ]
}

/// The tables to drop, children first.
const DROPPED: &[&str] = &["unit_closure", "units"];
