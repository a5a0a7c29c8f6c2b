//! The Chỉ tiêu server: configuration, start-up, authentication, the pure domain rules,
//! the services (use cases with scope checks), the database layer, the GraphQL schema, the
//! HTTP routes and the rendering of exports (XLSX, CSV); besides them the command line and
//! the development data (demo and benchmark). `main.rs` only parses the command line and
//! calls [`cli::run`].

pub mod auth;
pub mod backup;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod devdata;
pub mod domain;
pub mod error;
pub mod evidence_store;
pub mod graphql;
pub mod http;
pub mod metrics;
pub mod render;
pub mod service;
pub mod startup;
pub mod telemetry;
