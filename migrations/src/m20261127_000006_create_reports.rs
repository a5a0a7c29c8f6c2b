//! Monthly reports (unit × year × month with a workflow status and a version), their
//! measure values, and the incrementally maintained roll-ups: per ancestor unit × measure ×
//! year × month, the year-to-date sum over the unit's subtree of every value and of the
//! approved ones, with the number of values behind each sum (so "nothing reported" is not 0).

use crate::helpers::create_tables_migration;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

create_tables_migration! {
    tables {
        monthly_reports {
            id pk_auto, unit_id integer, year integer, month integer, status string,
            comment text_null, version integer, updated_at timestamp_with_time_zone,
            updated_by integer_null,
        } refs(unit_id -> units);
        measure_values {
            unit_id integer, measure_id integer, year integer, month integer,
            report_id integer, value big_integer, source string, source_ref string_null,
            updated_at timestamp_with_time_zone, updated_by integer_null,
        } key(unit_id, year, month, measure_id)
            refs(unit_id -> units, measure_id -> measures, report_id -> monthly_reports);
        measure_rollups {
            unit_id integer, measure_id integer, year integer, month integer,
            ytd_total big_integer, ytd_count big_integer, ytd_approved_total big_integer,
            ytd_approved_count big_integer,
        } key(unit_id, measure_id, year, month);
    }
    indexes {
        unique monthly_reports[unit_id, year, month];
        index monthly_reports[status, year, month];
        index measure_values[report_id];
    }
    also [
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
