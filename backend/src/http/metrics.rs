//! `/metrics` in Prometheus' text format, and the middleware that counts and times every
//! request by route.

use super::state::AppState;
use crate::metrics as m;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sea_orm::DbBackend;
use secrecy::ExposeSecret;
use std::sync::Arc;
use std::time::Instant;

/// Counts and times a request; the route is its pattern (`/graphql`), or `static` for the
/// app's files, so paths chosen by clients do not become labels.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "static".to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!(m::HTTP_REQUESTS, "route" => route.clone(), "method" => method.clone(), "status" => status)
        .increment(1);
    metrics::histogram!(m::HTTP_DURATION, "route" => route, "method" => method)
        .record(started.elapsed().as_secs_f64());
    response
}

/// The metrics, when enabled: with `metrics_token` set, for its bearer only; without it,
/// for clients on this machine only.
pub async fn render(State(state): State<Arc<AppState>>, request: Request) -> Response {
    if !state.ops.metrics {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    match &state.ops.metrics_token {
        Some(expected) => {
            let sent = request
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "));
            if !sent.is_some_and(|s| {
                constant_time_eq(s.as_bytes(), expected.expose_secret().as_bytes())
            }) {
                return (
                    StatusCode::UNAUTHORIZED,
                    "metrics need the configured bearer token",
                )
                    .into_response();
            }
        }
        None if !super::graphiql::is_local(&state, &request) => {
            return (StatusCode::NOT_FOUND, "not found").into_response();
        }
        None => {}
    }
    let Some(handle) = m::handle() else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "metrics recorder unavailable",
        )
            .into_response();
    };
    pool_gauges(&state);
    handle.run_upkeep();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response()
}

fn pool_gauges(state: &AppState) {
    let conn = state.db.conn();
    let (size, idle) = match state.db.backend() {
        DbBackend::Sqlite => {
            let pool = conn.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
        DbBackend::Postgres => {
            let pool = conn.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => return,
    };
    let idle = u32::try_from(idle).unwrap_or(u32::MAX).min(size);
    metrics::gauge!(m::DB_CONNECTIONS, "state" => "idle").set(f64::from(idle));
    metrics::gauge!(m::DB_CONNECTIONS, "state" => "in_use").set(f64::from(size - idle));
    metrics::gauge!(m::DB_MAX_CONNECTIONS).set(f64::from(state.max_connections));
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
