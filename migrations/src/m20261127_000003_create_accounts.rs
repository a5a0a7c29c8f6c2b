//! Login accounts, API tokens, the login throttle and server settings (the generated JWT
//! signing secret lives there so that every instance and every restart shares it).

use crate::helpers::create_tables_migration;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

create_tables_migration! {
    tables {
        users {
            id pk_auto, username string_uniq, password_hash string, role string,
            unit_id integer, staff_id integer_null, active boolean,
            created_at timestamp_with_time_zone,
        } refs(unit_id -> units, staff_id -> staff);
        api_tokens {
            id pk_auto, name string, token_hash string_uniq, unit_id integer,
            created_at timestamp_with_time_zone, expires_at timestamp_with_time_zone_null,
            revoked boolean, created_by integer_null,
        } refs(unit_id -> units);
        login_failures { id pk_auto, username string, at timestamp_with_time_zone };
        login_locks { username string primary_key, locked_until timestamp_with_time_zone };
        settings { key string primary_key, value text };
    }
    indexes {
        index users[unit_id];
        index api_tokens[unit_id];
        index login_failures[username, at];
    }
}
