//! HTTP: the one list of routes, the GraphQL endpoint, health and readiness.

pub mod exports;
pub mod graphql;
pub mod health;
pub mod routes;

pub use routes::{AppState, router};
