//! `GET /templates/{name}`: the XLSX templates for imports (figures-long, figures-wide,
//! targets), built from the current catalogue. They hold no data, so they need no login.

use super::state::AppState;
use crate::service::imports::templates::{self, Template};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// One template.
pub async fn template(State(state): State<Arc<AppState>>, Path(name): Path<String>) -> Response {
    let Some(which) = Template::parse(&name) else {
        let body = serde_json::json!({"errors": [{"message": format!("no template {name:?}; use figures-long, figures-wide or targets"), "extensions": {"code": "NOT_FOUND"}}]});
        return (StatusCode::NOT_FOUND, axum::Json(body)).into_response();
    };
    match templates::build(state.db.conn(), which).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, XLSX.to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", which.file_name()),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = ?e.message(), "template failed");
            let body = serde_json::json!({"errors": [{"message": "the template could not be built", "extensions": {"code": "INTERNAL"}}]});
            (StatusCode::INTERNAL_SERVER_ERROR, axum::Json(body)).into_response()
        }
    }
}
