//! Every route of the server, in one place, with the layers that apply to all of them.

use super::{exports, graphql, health, templates};
use crate::auth::jwt::JwtKeys;
use crate::db::Db;
use crate::graphql::AppSchema;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;

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
}

/// The largest request body accepted (a GraphQL document with its variables).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The largest multipart body on `/graphql` (an imported file and its request).
pub const MAX_UPLOAD_BYTES: usize = crate::service::imports::MAX_FILE_BYTES + 64 * 1024;

/// The router: `/graphql` (POST; GraphiQL on GET), `/healthz`, `/readyz`, and the
/// single-page app at `/` when its folder is given.
pub fn router(state: AppState, static_dir: Option<PathBuf>) -> Router {
    let state = Arc::new(state);
    let mut app = Router::new()
        .route(
            "/graphql",
            get(graphql::graphiql)
                .post(graphql::execute)
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route("/templates/{name}", get(templates::template))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        // File downloads (XLSX, CSV) of the scoreboard, a unit, a decision, violations.
        .route("/export/{what}", get(exports::download))
        .with_state(state);
    if let Some(dir) = static_dir.filter(|d| d.join("index.html").is_file()) {
        let index = dir.join("index.html");
        app = app.fallback_service(ServeDir::new(dir).fallback(ServeFile::new(index)));
    }
    app.layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(CompressionLayer::new())
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}
