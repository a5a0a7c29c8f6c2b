//! Turns to execute: a request first waits for one of its caller's own turns
//! (`max_concurrent_per_caller`), then for one of the server's (`max_concurrent_requests`,
//! first come first served). A request that waits a whole request timeout is answered 503
//! `RATE_LIMITED` with `Retry-After` and is not run.

use super::caller_share::{CallerKey, CallerTurn};
use super::errors::api_error;
use super::state::AppState;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use shared::ErrorCode;
use std::time::Duration;
use tokio::sync::OwnedSemaphorePermit;

/// Seconds a client is asked to wait after a `busy` answer.
pub const BUSY_RETRY_AFTER: &str = "5";

/// A request's turn: held while it executes.
pub struct Turn {
    _global: OwnedSemaphorePermit,
    _caller: CallerTurn,
}

/// The request timeout of this server.
pub fn request_timeout(state: &AppState) -> Duration {
    Duration::from_secs(state.ops.request_timeout_secs.max(1))
}

/// Waits for the caller's turn, then the server's, within one request timeout.
pub async fn take_turn(
    state: &AppState,
    key: CallerKey,
    request_id: Option<&str>,
) -> Result<Turn, Response> {
    let timeout = request_timeout(state);
    let waiting = metrics::gauge!(crate::metrics::GRAPHQL_WAITING);
    waiting.increment(1.0);
    let turn = tokio::time::timeout(timeout, async {
        let caller = state.shares.acquire(key).await;
        let global = state.admission.clone().acquire_owned().await.ok()?;
        Some(Turn {
            _global: global,
            _caller: caller,
        })
    })
    .await;
    waiting.decrement(1.0);
    match turn {
        Ok(Some(turn)) => Ok(turn),
        _ => Err(busy(timeout, request_id)),
    }
}

/// The answer to a request that waited a whole timeout for its turn: nothing was done.
pub fn busy(waited: Duration, request_id: Option<&str>) -> Response {
    metrics::counter!(crate::metrics::TIMEOUTS).increment(1);
    let message = format!(
        "the server is busy: the request waited {} s for its turn and was not run; try again shortly",
        waited.as_secs()
    );
    let mut response = api_error(
        StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::RateLimited,
        &message,
        request_id,
    );
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from_static(BUSY_RETRY_AFTER),
    );
    response
}
