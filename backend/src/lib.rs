//! The Chỉ tiêu server: configuration, start-up, authentication, the pure domain rules,
//! the services (use cases with scope checks), the database layer, the GraphQL schema and
//! the HTTP routes. `main.rs` only parses the command line and calls [`cli::run`].

pub mod auth;
pub mod backup;
pub mod cli;
pub mod cli_export;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod graphql;
pub mod http;
pub mod metrics;
pub mod service;
pub mod startup;
pub mod telemetry;
