//! Violations by staff, published (frozen) rankings and the audit log.

use crate::helpers::{create_tables_migration, created_at, fk, id, index, table};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

create_tables_migration!();

/// The tables, parents first.
fn tables() -> Vec<TableCreateStatement> {
    vec![
        table("violations")
            .col(id())
            .col(integer("unit_id"))
            .col(integer_null("staff_id"))
            .col(date("occurred_on"))
            .col(string("kind"))
            .col(text("description"))
            .col(string_null("dossier_ref"))
            .col(string("handling"))
            .col(integer("recorded_by"))
            .col(created_at())
            .foreign_key(&mut fk("violations", "unit_id", "units"))
            .foreign_key(&mut fk("violations", "staff_id", "staff"))
            .foreign_key(&mut fk("violations", "recorded_by", "users"))
            .to_owned(),
        table("published_rankings")
            .col(id())
            .col(integer("year"))
            .col(string("period_kind"))
            .col(integer_null("period_index"))
            .col(string("unit_kind"))
            .col(timestamp_with_time_zone("published_at"))
            .col(integer_null("published_by"))
            .col(text("rows_json"))
            .to_owned(),
        table("audit_entries")
            .col(id())
            .col(timestamp_with_time_zone("at"))
            .col(integer_null("actor_id"))
            .col(string("action"))
            .col(string("entity"))
            .col(string("entity_id"))
            .col(text_null("before"))
            .col(text_null("after"))
            .to_owned(),
    ]
}

/// The indexes beside the primary keys.
fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("violations", &["unit_id", "occurred_on"], false),
        index("published_rankings", &["year"], false),
        index("audit_entries", &["entity", "entity_id"], false),
        index("audit_entries", &["at"], false),
    ]
}

/// The tables to drop, children first.
const DROPPED: &[&str] = &["audit_entries", "published_rankings", "violations"];
