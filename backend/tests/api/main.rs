//! Integration tests: each starts the real application on port 0 with a fresh database
//! (SQLite always; PostgreSQL too when TEST_DATABASE_URL is set) and drives it through
//! GraphQL as the roles of the product would.

// Test code panics on purpose when the harness cannot run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;
mod probe;
mod sinks;

mod account_admin;
mod approvals;
mod audit;
mod auth;
mod backup;
mod cli;
mod comments;
mod concurrency;
mod cycle;
mod demo;
mod engine;
mod evidence;
mod exports;
mod faults;
mod follow_up;
mod follow_up_journey;
mod fuzz;
mod imports;
mod imports_bulk;
mod imports_shapes;
mod instances;
mod limits;
mod matrix;
mod notice;
mod notify;
mod observability;
mod official;
mod paging;
mod personal;
mod pg_socket;
mod qd766;
mod rankings;
mod rate_limits;
mod readiness;
mod reorg;
mod reports;
mod roadmaps;
mod safeguards;
mod scope;
mod security_headers;
mod series;
mod starvation;
mod units;
mod value_feed;
mod words;
