//! Staff members of units (cán bộ, công chức), heads marked.

use crate::helpers::create_tables_migration;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

create_tables_migration! {
    tables {
        staff {
            id pk_auto, unit_id integer, full_name string, position string, is_head boolean,
            email string_null, active boolean,
        } refs(unit_id -> units);
    }
    indexes {
        index staff[unit_id];
    }
}
