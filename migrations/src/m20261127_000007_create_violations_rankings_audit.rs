//! Violations by staff, published (frozen) rankings and the audit log.

use crate::helpers::create_tables_migration;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

create_tables_migration! {
    tables {
        violations {
            id pk_auto, unit_id integer, staff_id integer_null, occurred_on date,
            kind string, description text, dossier_ref string_null, handling string,
            recorded_by integer, created_at timestamp_with_time_zone,
        } refs(unit_id -> units, staff_id -> staff, recorded_by -> users);
        published_rankings {
            id pk_auto, year integer, period_kind string, period_index integer_null,
            unit_kind string, published_at timestamp_with_time_zone,
            published_by integer_null, rows_json text,
        };
        audit_entries {
            id pk_auto, at timestamp_with_time_zone, actor_id integer_null, action string,
            entity string, entity_id string, before text_null, after text_null,
        };
    }
    indexes {
        index violations[unit_id, occurred_on];
        index published_rankings[year];
        index audit_entries[entity, entity_id];
        index audit_entries[at];
    }
}
