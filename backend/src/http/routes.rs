//! Every route of the server, in one place, with the layers that apply to all of them.

use super::rate_limit::{self, RateLimits};
use super::state::AppState;
use super::{exports, graphiql, graphql, health, metrics, request_id, security, templates};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::Request;
use axum::middleware;
use axum::routing::get;
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// The largest request body accepted by default (a GraphQL document with its variables);
/// `max_body_bytes` configures it. A route that takes uploads can allow more with its own
/// `DefaultBodyLimit` layer, which wins over this one.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The router: `/graphql` (POST; GraphiQL on GET), `/healthz`, `/readyz`, `/metrics`, the
/// import templates, the export downloads, and the single-page app at `/` when its folder
/// is given.
pub fn router(state: AppState, static_dir: Option<PathBuf>) -> Router {
    if state.ops.metrics {
        // Installed before the first request, so that no count is lost.
        let _ = crate::metrics::handle();
    }
    let limits = Arc::new(RateLimits::new(&state.ops));
    let body_limit = state.ops.max_body_bytes.max(1024);
    let cors = security::cors(&state.ops.cors_allowed_origins);
    let state = Arc::new(state);
    let mut app = Router::new()
        .route(
            "/graphql",
            get(graphiql::page)
                .post(graphql::execute)
                .layer(middleware::from_fn_with_state(
                    limits.clone(),
                    rate_limit::limit,
                )),
        )
        .route("/graphiql/{file}", get(graphiql::asset))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::render))
        .route("/templates/{name}", get(templates::template))
        // File downloads (XLSX, CSV) of the scoreboard, a unit, a decision, violations.
        .route(
            "/export/{what}",
            get(exports::download).layer(middleware::from_fn_with_state(limits, rate_limit::limit)),
        )
        .route_layer(middleware::map_response(security::no_store))
        .with_state(state);
    if let Some(dir) = static_dir.filter(|d| d.join("index.html").is_file()) {
        let index = dir.join("index.html");
        app = app.fallback_service(ServeDir::new(dir).fallback(ServeFile::new(index)));
    }
    let app = app
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::map_response(security::add_headers))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn(metrics::track));
    let app = match cors {
        Some(cors) => app.layer(cors),
        None => app,
    };
    app.layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(middleware::map_request(request_id::sanitize))
}

/// The span of a request: every log line written while serving it carries the request id.
/// Neither headers (tokens) nor the query string are recorded.
fn request_span<B>(request: &Request<B>) -> tracing::Span {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %request_id,
    )
}
