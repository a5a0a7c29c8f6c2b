//! The catalogue: raw monthly measures and the indicators computed from them.

use crate::helpers::create_tables_migration;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

create_tables_migration! {
    tables {
        measures {
            id pk_auto, code string_uniq, name string, description text, position integer,
        };
        indicators {
            id pk_auto, code string_uniq, group_code string, name string, kind string,
            numerator_id integer, denominator_id integer_null, direction string,
            points double, rule string, threshold double_null, active boolean,
            position integer,
        } refs(numerator_id -> measures, denominator_id -> measures);
    }
    indexes {}
}
