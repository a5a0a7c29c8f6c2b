//! HTTP: the one list of routes, the GraphQL endpoint, health and readiness, metrics,
//! rate limits and security headers.

pub mod errors;
pub mod graphql;
pub mod health;
pub mod metrics;
pub mod rate_limit;
pub mod routes;
pub mod security;

pub use routes::{AppState, router};
