//! Login accounts, API tokens, the login throttle and server settings (the generated JWT
//! signing secret lives there so that every instance and every restart shares it).

use crate::helpers::{create_tables_migration, created_at, fk, id, index, table};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

create_tables_migration!();

/// The tables, parents first.
fn tables() -> Vec<TableCreateStatement> {
    vec![
        table("users")
            .col(id())
            .col(string_uniq("username"))
            .col(string("password_hash"))
            .col(string("role"))
            .col(integer("unit_id"))
            .col(integer_null("staff_id"))
            .col(boolean("active"))
            .col(created_at())
            .foreign_key(&mut fk("users", "unit_id", "units"))
            .foreign_key(&mut fk("users", "staff_id", "staff"))
            .to_owned(),
        table("api_tokens")
            .col(id())
            .col(string("name"))
            .col(string_uniq("token_hash"))
            .col(integer("unit_id"))
            .col(created_at())
            .col(timestamp_with_time_zone_null("expires_at"))
            .col(boolean("revoked"))
            .col(integer_null("created_by"))
            .foreign_key(&mut fk("api_tokens", "unit_id", "units"))
            .to_owned(),
        table("login_failures")
            .col(id())
            .col(string("username"))
            .col(timestamp_with_time_zone("at"))
            .to_owned(),
        table("login_locks")
            .col(string("username").primary_key())
            .col(timestamp_with_time_zone("locked_until"))
            .to_owned(),
        table("settings")
            .col(string("key").primary_key())
            .col(text("value"))
            .to_owned(),
    ]
}

/// The indexes beside the primary keys.
fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("users", &["unit_id"], false),
        index("api_tokens", &["unit_id"], false),
        index("login_failures", &["username", "at"], false),
    ]
}

/// The tables to drop, children first.
const DROPPED: &[&str] = &[
    "settings",
    "login_locks",
    "login_failures",
    "api_tokens",
    "users",
];
