//! HTTP: the one list of routes, the GraphQL endpoint, health and readiness, metrics,
//! rate limits and security headers, refusing NUL text, import templates, export downloads,
//! evidence files and the single-page app's files.

pub mod admission;
pub mod attachment;
pub mod caller_share;
pub mod client_address;
pub mod errors;
pub mod evidence;
pub mod exports;
pub mod graphiql;
pub mod graphql;
pub mod health;
pub mod metrics;
pub mod notice;
pub mod nul_text;
pub mod rate_limit;
pub mod request_id;
pub mod routes;
pub mod security;
pub mod spa;
pub mod state;
pub mod templates;
pub mod value_feed;

pub use routes::router;
pub use state::AppState;
