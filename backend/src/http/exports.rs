//! `GET /export/{scoreboard|unit|decision|violations|official|notice}`: the caller's bearer token
//! (a session or an API token, as for `/graphql`), the export's query parameters, and the
//! file as an attachment; errors as JSON with `extensions.code` and the matching HTTP status.

use super::admission::{request_timeout, take_turn};
use super::attachment::file_response;
use super::caller_share::CallerKey;
use super::client_address::peer_of;
use super::errors::{request_id, service_error};
use super::graphql::bearer;
use super::state::AppState;
use crate::error::ServiceError;
use crate::render;
use crate::service::auth;
use crate::service::exports::{self, ExportRequest};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::response::Response;
use std::collections::HashMap;
use std::sync::Arc;

/// Streams one export to the caller.
pub async fn download(
    State(state): State<Arc<AppState>>,
    Path(what): Path<String>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
    request: Request,
) -> Response {
    let headers = request.headers();
    let Some(token) = bearer(headers) else {
        return service_error(
            ServiceError::Unauthenticated(
                "send Authorization: Bearer <session or API token>".into(),
            ),
            request_id(headers).as_deref(),
        );
    };
    // An export is a request like any other: it waits for its caller's turn and the
    // server's, and stops at the request timeout.
    let address = state.proxies.client(headers, peer_of(&request));
    let request_id = request_id(headers);
    let _turn = match take_turn(
        &state,
        CallerKey::of(Some(token), address),
        request_id.as_deref(),
    )
    .await
    {
        Ok(turn) => turn,
        Err(busy) => return busy,
    };
    let exported = export(&state, token, &what, query, request_id.as_deref());
    match tokio::time::timeout(request_timeout(&state), exported).await {
        Ok(response) => response,
        Err(_) => {
            metrics::counter!(crate::metrics::TIMEOUTS).increment(1);
            let stopped = ServiceError::RateLimited {
                message: format!(
                    "the export did not finish within {} s and was stopped; choose a smaller period or unit",
                    request_timeout(&state).as_secs()
                ),
                retry_after_secs: 5,
            };
            service_error(stopped, request_id.as_deref())
        }
    }
}

async fn export(
    state: &AppState,
    token: &str,
    what: &str,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
    request_id: Option<&str>,
) -> Response {
    let error_response = |e: ServiceError| service_error(e, request_id);
    let actor = match auth::authenticate(&state.db, &state.keys, token).await {
        Ok(a) => a,
        Err(e) => return error_response(e),
    };
    let params = match query {
        Ok(Query(p)) => p,
        Err(r) => return error_response(ServiceError::validation("query", r.body_text())),
    };
    if what == exports::notice::NOTICE {
        return super::notice::answer(state, &actor, &params, request_id).await;
    }
    let (req, format) = match ExportRequest::parse(what, &params) {
        Ok(x) => x,
        Err(e) => return error_response(e),
    };
    let loaded = exports::load(&actor, &state.db, &req).await;
    let file = match loaded.and_then(|data| render::file(&data, format)) {
        Ok(f) => f,
        Err(e) => return error_response(e),
    };
    file_response(file)
}
