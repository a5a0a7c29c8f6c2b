//! Errors answered by the HTTP layer (an unreadable body, a rate limit, a timeout, a
//! service error outside GraphQL) in the same shape as GraphQL errors: `{"data": null,
//! "errors": [{message, extensions: {code, requestId}}]}`.

use crate::error::{ErrorAnswer, ServiceError};
use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use shared::ErrorCode;

/// The request id given by the request-id layer (or the client's proxy).
pub fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// An error response with a code, never cached.
pub fn api_error(
    status: StatusCode,
    code: ErrorCode,
    message: &str,
    request_id: Option<&str>,
) -> Response {
    api_error_with(status, code, message, request_id, Map::new())
}

/// An error response with more `extensions` (e.g. `retryAfter`).
pub fn api_error_with(
    status: StatusCode,
    code: ErrorCode,
    message: &str,
    request_id: Option<&str>,
    mut extensions: Map<String, Value>,
) -> Response {
    extensions.insert("code".into(), code.as_str().into());
    if let Some(id) = request_id {
        extensions.insert("requestId".into(), id.into());
    }
    let body = json!({"data": null, "errors": [{"message": message, "extensions": extensions}]});
    let mut response = (status, Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The answer to a service error (see [`ErrorAnswer`]): its status and `extensions`, and
/// `Retry-After` when the caller should wait.
pub fn service_error(err: ServiceError, request_id: Option<&str>) -> Response {
    let answer = ErrorAnswer::from(err);
    let extensions = answer.extensions(request_id);
    let mut response = api_error_with(
        answer.status(),
        answer.code,
        &answer.message,
        None,
        extensions,
    );
    if let Some(secs) = answer.retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}
