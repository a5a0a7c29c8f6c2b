//! Units (the administrative tree) and their closure table (every ancestor–descendant pair
//! with its depth), which makes scope checks and subtree roll-ups one indexed lookup.

use crate::helpers::create_tables_migration;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

create_tables_migration! {
    tables {
        units {
            id pk_auto, code string_uniq, name string, kind string, parent_id integer_null,
            active boolean, created_at timestamp_with_time_zone,
        } refs(parent_id -> units);
        unit_closure { ancestor_id integer, descendant_id integer, depth integer }
            key(ancestor_id, descendant_id)
            refs(ancestor_id -> units, descendant_id -> units);
    }
    indexes {
        index units[parent_id];
        index units[kind];
        index unit_closure[descendant_id, depth];
    }
}
