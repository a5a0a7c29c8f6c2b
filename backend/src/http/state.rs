//! The state every handler can reach: the schema, the database, the keys, the limits and
//! the admission to execution. Built by `startup`, shared by the router.

use super::caller_share::CallerShares;
use super::client_address::TrustedProxies;
use crate::auth::jwt::JwtKeys;
use crate::config::OpsSettings;
use crate::db::Db;
use crate::graphql::AppSchema;
use std::sync::Arc;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The GraphQL schema.
    pub schema: AppSchema,
    /// The database.
    pub db: Db,
    /// Session keys.
    pub keys: JwtKeys,
    /// Serve GraphiQL on `GET /graphql`.
    pub graphiql: bool,
    /// Limits, metrics and production switches.
    pub ops: OpsSettings,
    /// The pool's maximum size (reported in `/metrics`).
    pub max_connections: u32,
    /// Admission to GraphQL execution (`max_concurrent_requests` permits, first come first
    /// served).
    pub admission: Arc<tokio::sync::Semaphore>,
    /// Each caller's share of the turns (`max_concurrent_per_caller`).
    pub shares: Arc<CallerShares>,
    /// The schema answering introspection-only documents (deeper, otherwise the same).
    pub introspection: AppSchema,
    /// The reverse proxies whose forwarded client addresses are believed.
    pub proxies: TrustedProxies,
    /// Whether webhooks may reach internal addresses, and the server's own address.
    pub outbound: crate::service::notify::Outbound,
    /// The evidence store and its limits.
    pub evidence: crate::evidence_store::EvidenceStore,
}
