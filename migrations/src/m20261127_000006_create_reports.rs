//! Monthly reports (unit × year × month with a workflow status and a version), their
//! measure values, and the incrementally maintained roll-ups: per ancestor unit × measure ×
//! year × month, the year-to-date sum over the unit's subtree of every value and of the
//! approved ones, with the number of values behind each sum (so "nothing reported" is not 0).

use crate::helpers::{create_tables_migration, fk, id, index, primary_key, table};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

create_tables_migration!();

/// The tables, parents first.
fn tables() -> Vec<TableCreateStatement> {
    vec![
        table("monthly_reports")
            .col(id())
            .col(integer("unit_id"))
            .col(integer("year"))
            .col(integer("month"))
            .col(string("status"))
            .col(text_null("comment"))
            .col(integer("version"))
            .col(timestamp_with_time_zone("updated_at"))
            .col(integer_null("updated_by"))
            .foreign_key(&mut fk("monthly_reports", "unit_id", "units"))
            .to_owned(),
        table("measure_values")
            .col(integer("unit_id"))
            .col(integer("measure_id"))
            .col(integer("year"))
            .col(integer("month"))
            .col(integer("report_id"))
            .col(big_integer("value"))
            .col(string("source"))
            .col(string_null("source_ref"))
            .col(timestamp_with_time_zone("updated_at"))
            .col(integer_null("updated_by"))
            .primary_key(&mut primary_key(&[
                "unit_id",
                "year",
                "month",
                "measure_id",
            ]))
            .foreign_key(&mut fk("measure_values", "unit_id", "units"))
            .foreign_key(&mut fk("measure_values", "measure_id", "measures"))
            .foreign_key(&mut fk("measure_values", "report_id", "monthly_reports"))
            .to_owned(),
        table("measure_rollups")
            .col(integer("unit_id"))
            .col(integer("measure_id"))
            .col(integer("year"))
            .col(integer("month"))
            .col(big_integer("ytd_total"))
            .col(big_integer("ytd_count"))
            .col(big_integer("ytd_approved_total"))
            .col(big_integer("ytd_approved_count"))
            .primary_key(&mut primary_key(&[
                "unit_id",
                "measure_id",
                "year",
                "month",
            ]))
            .to_owned(),
    ]
}

/// The indexes beside the primary keys.
fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("monthly_reports", &["unit_id", "year", "month"], true),
        index("monthly_reports", &["status", "year", "month"], false),
        index("measure_values", &["report_id"], false),
        // Covering index for results: a scoreboard reads (year, month, units…) without
        // touching the table.
        Index::create()
            .name("ix_measure_rollups_read")
            .table("measure_rollups")
            .if_not_exists()
            .col("year")
            .col("month")
            .col("unit_id")
            .col("measure_id")
            .col("ytd_total")
            .col("ytd_count")
            .col("ytd_approved_total")
            .col("ytd_approved_count")
            .to_owned(),
    ]
}

/// The tables to drop, children first.
const DROPPED: &[&str] = &["measure_rollups", "measure_values", "monthly_reports"];
