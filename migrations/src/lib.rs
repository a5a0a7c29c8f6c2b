//! The database schema of Chỉ tiêu: one migration per change, run on SQLite and PostgreSQL
//! alike by `chitieu migrate`, `chitieu setup` and `chitieu serve`.

pub use sea_orm_migration::prelude::*;

mod helpers;
mod m20261127_000001_create_units;
mod m20261127_000002_create_staff;
mod m20261127_000003_create_accounts;
mod m20261127_000004_create_catalogue;
mod m20261127_000005_create_targets;
mod m20261127_000006_create_reports;
mod m20261127_000007_create_violations_rankings_audit;
mod m20261129_000001_forget_stored_jwt_secret;
mod m20261129_000002_session_epochs_and_login_addresses;
mod m20261130_000001_effective_dated_tree;
mod m20261201_000001_catalogue_rules_and_official_figures;
mod m20261202_000001_monthly_cycle;
mod m20261203_000001_follow_through;
mod m20261204_000001_value_change_feed;
mod m20261205_000001_english_names;
mod m20261205_000007_ranking_withdrawal;
mod m20261206_000001_account_locks;
mod m20261207_000001_staff_figures;

pub use m20261204_000001_value_change_feed::SQLITE_MICROSECONDS;

/// Every migration, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_create_units::Migration),
            Box::new(m20261127_000002_create_staff::Migration),
            Box::new(m20261127_000003_create_accounts::Migration),
            Box::new(m20261127_000004_create_catalogue::Migration),
            Box::new(m20261127_000005_create_targets::Migration),
            Box::new(m20261127_000006_create_reports::Migration),
            Box::new(m20261127_000007_create_violations_rankings_audit::Migration),
            Box::new(m20261129_000001_forget_stored_jwt_secret::Migration),
            Box::new(m20261129_000002_session_epochs_and_login_addresses::Migration),
            Box::new(m20261130_000001_effective_dated_tree::Migration),
            Box::new(m20261201_000001_catalogue_rules_and_official_figures::Migration),
            Box::new(m20261202_000001_monthly_cycle::Migration),
            Box::new(m20261203_000001_follow_through::Migration),
            Box::new(m20261204_000001_value_change_feed::Migration),
            Box::new(m20261205_000001_english_names::Migration),
            Box::new(m20261206_000001_account_locks::Migration),
            Box::new(m20261205_000007_ranking_withdrawal::Migration),
            Box::new(m20261207_000001_staff_figures::Migration),
        ]
    }
}
