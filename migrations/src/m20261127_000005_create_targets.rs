//! Decisions, their targets (unique per decision × unit × indicator), the roadmap
//! milestones of a target and the personal targets of staff.

use crate::helpers::{create_tables_migration, fk, id, index, primary_key, table};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

create_tables_migration!();

/// The tables, parents first.
fn tables() -> Vec<TableCreateStatement> {
    vec![
        table("decisions")
            .col(id())
            .col(string_uniq("number"))
            .col(text("title"))
            .col(date("issued_on"))
            .col(integer("year"))
            .to_owned(),
        table("targets")
            .col(id())
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
        table("milestones")
            .col(integer("target_id"))
            .col(string("grain"))
            .col(integer("idx"))
            .col(double("value"))
            .primary_key(&mut primary_key(&["target_id", "idx"]))
            .foreign_key(&mut fk("milestones", "target_id", "targets"))
            .to_owned(),
        table("staff_targets")
            .col(integer("target_id"))
            .col(integer("staff_id"))
            .col(double("value"))
            .primary_key(&mut primary_key(&["target_id", "staff_id"]))
            .foreign_key(&mut fk("staff_targets", "target_id", "targets"))
            .foreign_key(&mut fk("staff_targets", "staff_id", "staff"))
            .to_owned(),
    ]
}

/// The indexes beside the primary keys.
fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("decisions", &["year"], false),
        index("targets", &["decision_id", "unit_id", "indicator_id"], true),
        index("targets", &["year", "unit_id", "indicator_id"], false),
        index("targets", &["unit_id"], false),
    ]
}

/// The tables to drop, children first.
const DROPPED: &[&str] = &["staff_targets", "milestones", "targets", "decisions"];
