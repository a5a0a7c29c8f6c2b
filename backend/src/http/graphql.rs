//! The GraphQL endpoint: reads the JSON request (one operation, or a batch of at most
//! `max_batch`) or a multipart one carrying an uploaded file (only after its credentials
//! and declared size are checked, streamed to a temporary file), authenticates the bearer
//! token, executes in its caller's turn within the request timeout and the work budget,
//! and makes sure every error carries an `extensions.code` and the request id.

use super::admission::{request_timeout, take_turn};
use super::caller_share::CallerKey;
use super::client_address::peer_of;
use super::errors::{api_error, api_error_with, request_id, service_error};
use super::rate_limit::CredentialsRefused;
use super::state::AppState;
use crate::error::ServiceError;
use crate::graphql::context::{RequestCtx, SharedActor};
use crate::graphql::limits::is_introspection_only;
use crate::graphql::loaders::Loaders;
use crate::service::{auth, imports};
use async_graphql::http::MultipartOptions;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::{StreamExt, TryStreamExt};
use shared::ErrorCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The largest multipart body on `/graphql` (an imported file and its request).
pub const MAX_UPLOAD_BYTES: usize = crate::service::imports::MAX_FILE_BYTES + 64 * 1024;

pub(super) fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

/// Answers larger than this (serialised) are freed on a blocking thread after sending.
const FREE_ELSEWHERE_ABOVE: usize = 256 * 1024;

/// A refused request: its status and what to say.
type Refusal = (StatusCode, ErrorCode, String);

fn too_large(limit: usize) -> Refusal {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::Validation,
        format!("the request body is larger than {limit} bytes; upload files as multipart"),
    )
}

/// The body's declared length, when the client sent one.
pub(super) fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// A JSON body of at most `max_body` bytes, refused from its declared length before a
/// byte is read when it says it is larger.
async fn read_json(
    headers: &HeaderMap,
    body: Body,
    max_body: usize,
    max_batch: usize,
) -> Result<(Vec<async_graphql::Request>, bool), Refusal> {
    if declared_length(headers).is_some_and(|n| n > max_body as u64) {
        return Err(too_large(max_body));
    }
    let bytes: Bytes = axum::body::to_bytes(body, max_body)
        .await
        .map_err(|_| too_large(max_body))?;
    parse_body(&bytes, max_batch).map_err(|m| (StatusCode::BAD_REQUEST, ErrorCode::Validation, m))
}

/// A multipart upload (the GraphQL multipart request spec, one file), streamed: the file
/// goes to a temporary file, and the whole body stops at `MAX_UPLOAD_BYTES`.
async fn read_upload(content_type: &str, body: Body) -> Result<async_graphql::Request, Refusal> {
    let received = Arc::new(AtomicUsize::new(0));
    let over = Arc::new(AtomicBool::new(false));
    let (count, flag) = (received.clone(), over.clone());
    let stream = body
        .into_data_stream()
        .map(move |chunk| {
            let chunk = chunk.map_err(std::io::Error::other)?;
            if count.fetch_add(chunk.len(), Ordering::Relaxed) + chunk.len() > MAX_UPLOAD_BYTES {
                flag.store(true, Ordering::Relaxed);
                return Err(std::io::Error::other("the upload is too large"));
            }
            Ok(chunk)
        })
        .into_async_read();
    let options = MultipartOptions::default()
        .max_num_files(1)
        .max_file_size(imports::MAX_FILE_BYTES);
    async_graphql::http::receive_body(Some(content_type), stream, options)
        .await
        .map_err(|e| {
            if over.load(Ordering::Relaxed) {
                too_large(MAX_UPLOAD_BYTES)
            } else {
                (
                    StatusCode::BAD_REQUEST,
                    ErrorCode::Validation,
                    format!("the upload could not be read: {e}"),
                )
            }
        })
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
pub async fn execute(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let peer = peer_of(&request);
    let (parts, body) = request.into_parts();
    let headers = &parts.headers;
    let request_id = request_id(headers);
    let refuse =
        |(status, code, message): Refusal| api_error(status, code, &message, request_id.as_deref());
    let token = bearer(headers).map(str::to_owned);
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let upload = content_type.starts_with("multipart/form-data");
    let address = state.proxies.client(headers, peer);
    // An upload is read only for a caller with valid credentials and a declared size
    // within the limit: nobody can make the server take in 64 MB before saying no.
    let mut uploader = None;
    if upload {
        let Some(token) = token.as_deref() else {
            return refuse((
                StatusCode::UNAUTHORIZED,
                ErrorCode::Unauthenticated,
                "log in before uploading a file: send Authorization: Bearer <token>".into(),
            ));
        };
        if declared_length(headers).is_some_and(|n| n > MAX_UPLOAD_BYTES as u64) {
            return refuse(too_large(MAX_UPLOAD_BYTES));
        }
        match auth::authenticate(&state.db, &state.keys, token).await {
            Ok(actor) => uploader = Some(actor),
            // The database unreachable answers 503 with `Retry-After`; another fault 500.
            Err(e) => {
                let refused = matches!(e, ServiceError::Unauthenticated(_));
                let mut response = service_error(e, request_id.as_deref());
                if refused {
                    response.extensions_mut().insert(CredentialsRefused);
                }
                return response;
            }
        }
    }
    let max_body = state.ops.max_body_bytes.max(1024);
    let parsed = if upload {
        read_upload(&content_type, body)
            .await
            .map(|r| (vec![r], false))
    } else {
        read_json(headers, body, max_body, state.ops.max_batch).await
    };
    let (requests, is_batch) = match parsed {
        Ok(r) => r,
        Err(refusal) => return refuse(refusal),
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
    // Requests wait here for their caller's turn and then the server's, before they touch
    // the database; the request timeout counts from the turn, not from arrival.
    let _turn = match take_turn(
        &state,
        CallerKey::of(token.as_deref(), address),
        request_id.as_deref(),
    )
    .await
    {
        Ok(turn) => turn,
        Err(busy) => return busy,
    };
    let timeout = request_timeout(&state);
    let (actor, auth_error) = match (uploader, token.as_deref()) {
        (Some(actor), _) => (Some(actor), None),
        (None, None) => (None, None),
        (None, Some(token)) => match auth::authenticate(&state.db, &state.keys, token).await {
            Ok(actor) => (Some(actor), None),
            Err(e @ ServiceError::Unauthenticated(_)) => (None, Some(e.message())),
            // The token could not be checked: that says nothing against it, so the client
            // must keep its session and try again (never UNAUTHENTICATED).
            Err(e) => return service_error(e, request_id.as_deref()),
        },
    };
    let refused = auth_error.is_some();
    let actor = SharedActor::new(actor);
    let ctx = RequestCtx {
        db: state.db.clone(),
        keys: state.keys.clone(),
        actor: actor.clone(),
        auth_error,
        client_address: address,
        outbound: state.outbound.clone(),
        evidence: state.evidence.clone(),
    };
    let run = async {
        let mut responses = Vec::with_capacity(requests.len());
        for request in requests {
            let loaders = Loaders::new(&actor, &state.db);
            let schema = if is_introspection_only(&request.query) {
                &state.introspection
            } else {
                &state.schema
            };
            let request = request.data(ctx.clone()).data(loaders);
            responses.push(schema.execute(request).await);
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
    let body = if is_batch || responses.len() != 1 {
        serde_json::to_vec(&responses)
    } else {
        serde_json::to_vec(&responses[0])
    };
    if body.as_ref().is_ok_and(|b| b.len() > FREE_ELSEWHERE_ABOVE) {
        // A large answer is a tree of hundreds of thousands of values: freeing it takes
        // milliseconds the client need not wait for.
        tokio::task::spawn_blocking(move || drop(responses));
    }
    let max_response = state.ops.max_response_bytes.max(1024);
    let body = match body {
        Ok(bytes) if bytes.len() <= max_response => bytes,
        Ok(bytes) => {
            metrics::counter!(crate::metrics::RESPONSE_TOO_LARGE).increment(1);
            let message = format!(
                "the answer is too large ({} bytes; at most {max_response} are sent): ask for fewer fields or fewer units at a time",
                bytes.len()
            );
            return api_error(
                StatusCode::BAD_REQUEST,
                ErrorCode::Validation,
                &message,
                request_id.as_deref(),
            );
        }
        Err(e) => {
            tracing::error!(error = %e, "a GraphQL answer could not be written as JSON");
            return api_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                "internal error",
                request_id.as_deref(),
            );
        }
    };
    let mut http = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response();
    http.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if unavailable {
        *http.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    }
    if refused {
        http.extensions_mut().insert(CredentialsRefused);
    }
    if let Some(v) = retry_after.and_then(|secs| HeaderValue::from_str(&secs.to_string()).ok()) {
        http.headers_mut().insert(header::RETRY_AFTER, v);
    }
    http
}

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
