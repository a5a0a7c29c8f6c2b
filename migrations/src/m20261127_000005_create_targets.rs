//! Decisions, their targets (unique per decision × unit × indicator), the roadmap
//! milestones of a target and the personal targets of staff.

use crate::helpers::create_tables_migration;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

create_tables_migration! {
    tables {
        decisions { id pk_auto, number string_uniq, title text, issued_on date, year integer };
        targets {
            id pk_auto, decision_id integer, unit_id integer, indicator_id integer,
            year integer, value double, baseline double_null,
            responsible_staff_id integer_null, version integer, split_grain string_null,
        } refs(
            decision_id -> decisions,
            unit_id -> units,
            indicator_id -> indicators,
            responsible_staff_id -> staff
        );
        milestones { target_id integer, grain string, idx integer, value double }
            key(target_id, idx)
            refs(target_id -> targets);
        staff_targets { target_id integer, staff_id integer, value double }
            key(target_id, staff_id)
            refs(target_id -> targets, staff_id -> staff);
    }
    indexes {
        index decisions[year];
        unique targets[decision_id, unit_id, indicator_id];
        index targets[year, unit_id, indicator_id];
        index targets[unit_id];
    }
}
