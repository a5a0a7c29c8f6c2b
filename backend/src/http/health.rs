//! Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database
//! answers too, within a few seconds).

use super::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use std::sync::Arc;
use std::time::Duration;

/// How long readiness waits for the database before answering 503.
const PING_TIMEOUT: Duration = Duration::from_secs(3);

/// Always OK while the process runs.
pub async fn healthz() -> &'static str {
    "ok"
}

/// OK when the database answers, 503 otherwise.
pub async fn readyz(State(state): State<Arc<AppState>>) -> (StatusCode, &'static str) {
    match tokio::time::timeout(PING_TIMEOUT, state.db.ping()).await {
        Ok(true) => (StatusCode::OK, "ready"),
        _ => {
            tracing::warn!("not ready: the database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
