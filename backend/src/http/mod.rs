//! HTTP: the one list of routes, the GraphQL endpoint, health and readiness,
//! import templates.

pub mod exports;
pub mod graphql;
pub mod health;
pub mod routes;
pub mod templates;

pub use routes::{AppState, router};
