//! Errors answered by the HTTP layer itself (an unreadable body, a rate limit, a timeout)
//! in the same shape as GraphQL errors: `{"data": null, "errors": [{message, extensions:
//! {code, requestId}}]}`.

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use shared::ErrorCode;

/// The HTTP status of an error code.
pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::Validation => StatusCode::BAD_REQUEST,
        ErrorCode::Conflict => StatusCode::CONFLICT,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

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
