//! sea-orm entities, one per table. They never leave the `db` and `service` layers.

pub mod api_token;
pub mod audit_entry;
pub mod consistency_rule;
pub mod decision;
pub mod indicator;
pub mod indicator_group;
pub mod login_failure;
pub mod measure;
pub mod measure_rollup;
pub mod measure_value;
pub mod milestone;
pub mod monthly_report;
pub mod official_figure;
pub mod official_import;
pub mod published_ranking;
pub mod reorganization;
pub mod reorganization_unit;
pub mod setting;
pub mod staff;
pub mod staff_target;
pub mod target;
pub mod unit;
pub mod unit_closure;
pub mod user;
pub mod violation;
