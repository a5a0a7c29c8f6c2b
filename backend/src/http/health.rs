//! Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database
//! answers too).

use super::routes::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use std::sync::Arc;

/// Always OK while the process runs.
pub async fn healthz() -> &'static str {
    "ok"
}

/// OK when the database answers, 503 otherwise.
pub async fn readyz(State(state): State<Arc<AppState>>) -> (StatusCode, &'static str) {
    if state.db.ping().await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}
