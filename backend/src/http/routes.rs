//! Every route of the server, in one place, with the layers that apply to all of them.

use super::rate_limit::{self, RateLimits};
use super::state::AppState;
use super::{
    evidence, exports, graphiql, graphql, health, metrics, request_id, security, spa, templates,
    value_feed,
};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::Request;
use axum::middleware;
use axum::routing::{get, post};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// The largest request body accepted by default (a GraphQL document with its variables);
/// `max_body_bytes` configures it. A route that takes uploads can allow more with its own
/// `DefaultBodyLimit` layer, which wins over this one.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The router: `/graphql` (POST; GraphiQL on GET), `/healthz`, `/readyz`, `/metrics`, the
/// import templates, the export downloads, the evidence files (upload and download), and
/// the single-page app at `/` when its folder is given.
pub fn router(state: AppState, static_dir: Option<PathBuf>) -> Router {
    if state.ops.metrics {
        // Installed before the first request, so that no count is lost.
        let _ = crate::metrics::handle();
    }
    let limits = Arc::new(RateLimits::new(
        &state.ops,
        state.keys.clone(),
        state.proxies.clone(),
    ));
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
            get(exports::download).layer(middleware::from_fn_with_state(
                limits.clone(),
                rate_limit::limit,
            )),
        )
        // Raw figures for tools that do not speak GraphQL, streamed or paged.
        .route(
            "/api/v1/measure-values.csv",
            get(value_feed::csv).layer(middleware::from_fn_with_state(
                limits.clone(),
                rate_limit::limit,
            )),
        )
        .route(
            "/api/v1/measure-values.json",
            get(value_feed::json).layer(middleware::from_fn_with_state(
                limits.clone(),
                rate_limit::limit,
            )),
        )
        .route_layer(middleware::map_response(security::no_store))
        // Evidence files, after `no_store`: a download sets its own `Cache-Control`. The
        // upload reads its raw body itself, streamed to the store and capped at the
        // configured per-file limit, so the default body limit does not apply to it.
        .route(
            "/files/explanations/{request_id}/evidence",
            post(evidence::upload)
                .layer(DefaultBodyLimit::disable())
                .layer(middleware::from_fn_with_state(
                    limits.clone(),
                    rate_limit::limit,
                )),
        )
        .route(
            "/files/evidence/{id}",
            get(evidence::download)
                .layer(middleware::from_fn_with_state(limits, rate_limit::limit)),
        )
        .with_state(state);
    if let Some(dir) = static_dir.filter(|d| d.join("index.html").is_file()) {
        app = spa::service(app, &dir);
    }
    let app = app
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::map_response(security::add_headers))
        .layer(compression())
        .layer(middleware::from_fn(metrics::track));
    let app = match cors {
        Some(cors) => app.layer(cors),
        None => app,
    };
    app.layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(log_response),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(middleware::map_request(request_id::sanitize))
}

/// Answers smaller than this go uncompressed: a small GraphQL answer fits in one packet
/// either way, and compressing it only costs time.
const COMPRESS_ABOVE_BYTES: u64 = 1400;

/// Compression of answers above [`COMPRESS_ABOVE_BYTES`] at the fastest level: a national
/// scoreboard (2.8 MB of JSON) takes ~30 ms at gzip's default level and a third of that at
/// the fastest, for an answer about 15 % larger.
fn compression() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .quality(CompressionLevel::Fastest)
        .compress_when(
            SizeAbove::new(COMPRESS_ABOVE_BYTES)
                .and(NotForContentType::GRPC)
                .and(NotForContentType::IMAGES)
                .and(NotForContentType::SSE),
        )
}

/// Answers slower than this are logged at `info`; the others at `debug`.
const SLOW_REQUEST: Duration = Duration::from_secs(1);

/// One line per answered request: at `debug` normally (thousands of requests a second
/// would otherwise fill the disk), at `info` when slow, at `warn` on a server error. The
/// counts and durations of every request are in `/metrics`.
fn log_response<B>(response: &axum::http::Response<B>, latency: Duration, _span: &tracing::Span) {
    let status = response.status().as_u16();
    let ms = latency.as_millis() as u64;
    if status >= 500 {
        tracing::warn!(status, latency_ms = ms, "request failed");
    } else if latency >= SLOW_REQUEST {
        tracing::info!(status, latency_ms = ms, "slow request");
    } else {
        tracing::debug!(status, latency_ms = ms, "request done");
    }
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
