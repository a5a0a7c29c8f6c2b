//! The GraphQL endpoint: reads the JSON request (one operation, or a batch of at most
//! `max_batch`) or a multipart one carrying an uploaded file, authenticates the bearer token, executes within the request timeout, and
//! makes sure every error carries an `extensions.code` and the request id.

use super::errors::{api_error, api_error_with, request_id};
use super::routes::AppState;
use crate::error::{ServiceError, UNAVAILABLE_RETRY_AFTER_SECS};
use crate::graphql::context::{RequestCtx, SharedActor};
use crate::graphql::loaders::Loaders;
use crate::service::{auth, imports};
use async_graphql::http::{GraphiQLSource, MultipartOptions};
use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::connect_info::ConnectInfo;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use shared::ErrorCode;
use std::net::SocketAddr;
use std::sync::Arc;

/// GraphiQL's page loads its scripts and styles from a CDN and runs an inline script; it
/// gets its own policy (it is never served in production mode).
const GRAPHIQL_CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-inline' https://unpkg.com; style-src 'self' 'unsafe-inline' https://unpkg.com; img-src 'self' data: https:; font-src 'self' data: https://unpkg.com; connect-src 'self'; frame-ancestors 'none'";

/// GraphiQL, when enabled.
pub async fn graphiql(State(state): State<Arc<AppState>>) -> Response {
    if state.graphiql {
        let mut page = Html(GraphiQLSource::build().endpoint("/graphql").finish()).into_response();
        page.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(GRAPHIQL_CSP),
        );
        page
    } else {
        (StatusCode::NOT_FOUND, "not found").into_response()
    }
}

pub(super) fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

/// The operations of a request: a multipart upload (the GraphQL multipart request spec,
/// one file), or a JSON body within `max_body` bytes holding one object or an array of them.
async fn parse_request(
    headers: &HeaderMap,
    body: &[u8],
    max_batch: usize,
    max_body: usize,
) -> Result<(Vec<async_graphql::Request>, bool), (StatusCode, String)> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if content_type.starts_with("multipart/form-data") {
        let options = MultipartOptions::default()
            .max_num_files(1)
            .max_file_size(imports::MAX_FILE_BYTES);
        return async_graphql::http::receive_body(Some(content_type), body, options)
            .await
            .map(|r| (vec![r], false))
            .map_err(|e| {
                (
                    StatusCode::BAD_REQUEST,
                    format!("the upload could not be read: {e}"),
                )
            });
    }
    if body.len() > max_body {
        return Err((
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than {max_body} bytes; upload files as multipart"),
        ));
    }
    parse_body(body, max_batch).map_err(|m| (StatusCode::BAD_REQUEST, m))
}

/// The operations of a JSON body: one object, or an array of them.
fn parse_body(
    body: &[u8],
    max_batch: usize,
) -> Result<(Vec<async_graphql::Request>, bool), String> {
    let is_batch = body
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'[');
    if !is_batch {
        return serde_json::from_slice(body)
            .map(|r| (vec![r], false))
            .map_err(|e| {
                format!("the body must be a JSON object {{\"query\": …, \"variables\": …}}: {e}")
            });
    }
    let requests: Vec<async_graphql::Request> = serde_json::from_slice(body)
        .map_err(|e| format!("a batch must be a JSON array of {{\"query\": …}} objects: {e}"))?;
    if requests.is_empty() {
        return Err("a batch must contain at least one operation".into());
    }
    if requests.len() > max_batch.max(1) {
        return Err(format!(
            "a batch may contain at most {} operations; this one has {}",
            max_batch.max(1),
            requests.len()
        ));
    }
    Ok((requests, true))
}

/// Executes one GraphQL request or batch.
pub async fn execute(
    State(state): State<Arc<AppState>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let request_id = request_id(&headers);
    let client_address = super::rate_limit::client_ip(
        state.ops.client_ip_header.as_deref(),
        &headers,
        peer.map(|Extension(ConnectInfo(p))| p),
    );
    let body = match body {
        Ok(b) => b,
        Err(rejection) => {
            let message = format!(
                "the request body could not be read: {}",
                rejection.body_text()
            );
            return api_error(
                rejection.status(),
                ErrorCode::Validation,
                &message,
                request_id.as_deref(),
            );
        }
    };
    let max_body = state.ops.max_body_bytes.max(1024);
    let (requests, is_batch) =
        match parse_request(&headers, &body, state.ops.max_batch, max_body).await {
            Ok(r) => r,
            Err((status, message)) => {
                return api_error(
                    status,
                    ErrorCode::Validation,
                    &message,
                    request_id.as_deref(),
                );
            }
        };
    if let Some(path) = requests.iter().find_map(super::nul_text::find_nul) {
        return api_error_with(
            StatusCode::BAD_REQUEST,
            ErrorCode::Validation,
            &format!("text must not contain the NUL character (in {path})"),
            request_id.as_deref(),
            serde_json::Map::from_iter([("field".to_owned(), path.into())]),
        );
    }
    // Requests beyond `max_concurrent_requests` wait here, in arrival order, before they
    // touch the database; the request timeout counts from the turn, not from arrival.
    let timeout = std::time::Duration::from_secs(state.ops.request_timeout_secs.max(1));
    let waiting = metrics::gauge!(crate::metrics::GRAPHQL_WAITING);
    waiting.increment(1.0);
    let turn = tokio::time::timeout(timeout, state.admission.acquire()).await;
    waiting.decrement(1.0);
    let Ok(Ok(_turn)) = turn else {
        return busy(timeout, request_id.as_deref());
    };
    let (actor, auth_error) = match bearer(&headers) {
        None => (None, None),
        Some(token) => match auth::authenticate(&state.db, &state.keys, token).await {
            Ok(actor) => (Some(actor), None),
            Err(e @ ServiceError::Unauthenticated(_)) => (None, Some(e.message())),
            // The token could not be checked: that says nothing against it, so the client
            // must keep its session and try again (never UNAUTHENTICATED).
            Err(e) => return unchecked_token(e, request_id.as_deref()),
        },
    };
    let actor = SharedActor::new(actor);
    let ctx = RequestCtx {
        db: state.db.clone(),
        keys: state.keys.clone(),
        actor: actor.clone(),
        auth_error,
        client_address,
    };
    let run = async {
        let mut responses = Vec::with_capacity(requests.len());
        for request in requests {
            let loaders = Loaders::new(&actor, &state.db);
            let request = request.data(ctx.clone()).data(loaders);
            responses.push(state.schema.execute(request).await);
        }
        responses
    };
    let Ok(mut responses) = tokio::time::timeout(timeout, run).await else {
        metrics::counter!(crate::metrics::TIMEOUTS).increment(1);
        tracing::warn!(
            timeout_secs = timeout.as_secs(),
            "GraphQL request stopped by the timeout"
        );
        let message = format!(
            "the request did not finish within {} s and was stopped; a change that had not been saved was rolled back",
            timeout.as_secs()
        );
        return api_error(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Internal,
            &message,
            request_id.as_deref(),
        );
    };
    let mut retry_after = None;
    for response in &mut responses {
        if let Some(secs) = complete_errors(response, request_id.as_deref()) {
            retry_after = Some(secs);
        }
    }
    let unavailable = responses.iter().flat_map(|r| &r.errors).any(|e| {
        e.extensions.as_ref().and_then(|x| x.get("code"))
            == Some(&async_graphql::Value::from(ErrorCode::Unavailable.as_str()))
    });
    let mut http = match (is_batch, responses.pop()) {
        (false, Some(single)) => Json(single).into_response(),
        (_, last) => {
            responses.extend(last);
            Json(responses).into_response()
        }
    };
    http.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if unavailable {
        *http.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    }
    if let Some(v) = retry_after.and_then(|secs| HeaderValue::from_str(&secs.to_string()).ok()) {
        http.headers_mut().insert(header::RETRY_AFTER, v);
    }
    http
}

/// The answer when the bearer token could not be checked (the database is unreachable, or
/// another server fault): 503 UNAVAILABLE with `Retry-After`, or 500 INTERNAL.
fn unchecked_token(err: ServiceError, request_id: Option<&str>) -> Response {
    let status = match err {
        ServiceError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let code = err.code();
    let message = err.message();
    let mut extensions = serde_json::Map::new();
    if code == ErrorCode::Unavailable {
        extensions.insert("retryAfter".into(), UNAVAILABLE_RETRY_AFTER_SECS.into());
    }
    // Logs the cause once, as every other server error is.
    let _ = crate::graphql::error::to_gql(err);
    let mut response = api_error_with(status, code, &message, request_id, extensions);
    if code == ErrorCode::Unavailable {
        response.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from(UNAVAILABLE_RETRY_AFTER_SECS),
        );
    }
    response
}

/// The answer to a request that waited a whole timeout for its turn: nothing was done.
fn busy(waited: std::time::Duration, request_id: Option<&str>) -> Response {
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

/// Seconds a client is asked to wait after a `busy` answer.
const BUSY_RETRY_AFTER: &str = "5";

/// Gives every error a code and the request id; returns the `retryAfter` of a rate-limited
/// error, if any.
fn complete_errors(
    response: &mut async_graphql::Response,
    request_id: Option<&str>,
) -> Option<u64> {
    let mut retry_after = None;
    for err in &mut response.errors {
        let ext = err.extensions.get_or_insert_with(Default::default);
        if ext.get("code").is_none() {
            // Errors raised by the GraphQL engine itself: a malformed document, an unknown
            // field, a variable of the wrong type, a depth or complexity limit.
            ext.set("code", ErrorCode::Validation.as_str());
        }
        if let Some(id) = request_id {
            ext.set("requestId", id);
        }
        if let Some(async_graphql::Value::Number(n)) = ext.get("retryAfter") {
            retry_after = n.as_u64();
        }
    }
    retry_after
}
