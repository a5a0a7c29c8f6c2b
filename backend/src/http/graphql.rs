//! The GraphQL endpoint: reads the JSON request, authenticates the bearer token, executes,
//! and makes sure every error carries an `extensions.code`.

use super::routes::{AppState, MAX_BODY_BYTES};
use crate::graphql::context::{RequestCtx, SharedActor};
use crate::graphql::loaders::Loaders;
use crate::service::auth;
use crate::service::imports;
use async_graphql::http::GraphiQLSource;
use async_graphql::http::MultipartOptions;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use shared::ErrorCode;
use std::sync::Arc;

/// GraphiQL, when enabled.
pub async fn graphiql(State(state): State<Arc<AppState>>) -> Response {
    if state.graphiql {
        Html(GraphiQLSource::build().endpoint("/graphql").finish()).into_response()
    } else {
        (StatusCode::NOT_FOUND, "not found").into_response()
    }
}

/// The token of an `Authorization: Bearer …` header.
pub(super) fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

fn request_error(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    let body = serde_json::json!({"data": null, "errors": [{"message": message, "extensions": {"code": code.as_str()}}]});
    (status, Json(body)).into_response()
}

/// Reads a JSON request, or a multipart one (the GraphQL multipart request spec) carrying
/// an uploaded file; a JSON body stays within [`MAX_BODY_BYTES`].
async fn parse_request(
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<async_graphql::Request, Box<Response>> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if content_type.starts_with("multipart/form-data") {
        let options = MultipartOptions::default()
            .max_num_files(1)
            .max_file_size(imports::MAX_FILE_BYTES);
        return async_graphql::http::receive_body(Some(content_type), body.as_ref(), options)
            .await
            .map_err(|e| {
                let message = format!("the upload could not be read: {e}");
                Box::new(request_error(
                    StatusCode::BAD_REQUEST,
                    ErrorCode::Validation,
                    &message,
                ))
            });
    }
    if body.len() > MAX_BODY_BYTES {
        let message = format!(
            "the request body is larger than {MAX_BODY_BYTES} bytes; upload files as multipart"
        );
        return Err(Box::new(request_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::Validation,
            &message,
        )));
    }
    serde_json::from_slice(body).map_err(|e| {
        let message =
            format!("the body must be a JSON object {{\"query\": …, \"variables\": …}}: {e}");
        Box::new(request_error(
            StatusCode::BAD_REQUEST,
            ErrorCode::Validation,
            &message,
        ))
    })
}

/// Executes one GraphQL request.
pub async fn execute(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(rejection) => {
            let message = format!(
                "the request body could not be read: {}",
                rejection.body_text()
            );
            return request_error(rejection.status(), ErrorCode::Validation, &message);
        }
    };
    let request = match parse_request(&headers, &body).await {
        Ok(r) => r,
        Err(response) => return *response,
    };
    let (actor, auth_error) = match bearer(&headers) {
        None => (None, None),
        Some(token) => match auth::authenticate(&state.db, &state.keys, token).await {
            Ok(actor) => (Some(actor), None),
            Err(e) => (None, Some(e.message())),
        },
    };
    let actor = SharedActor::new(actor);
    let loaders = Loaders::new(&actor, &state.db);
    let ctx = RequestCtx {
        db: state.db.clone(),
        keys: state.keys.clone(),
        actor,
        auth_error,
    };
    let mut response = state.schema.execute(request.data(ctx).data(loaders)).await;
    let mut retry_after = None;
    for err in &mut response.errors {
        let ext = err.extensions.get_or_insert_with(Default::default);
        if ext.get("code").is_none() {
            // Errors raised by the GraphQL engine itself: a malformed document, an unknown
            // field, a variable of the wrong type, a depth or complexity limit.
            ext.set("code", ErrorCode::Validation.as_str());
        }
        if let Some(async_graphql::Value::Number(n)) = ext.get("retryAfter") {
            retry_after = n.as_u64();
        }
    }
    let mut http = Json(response).into_response();
    http.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    if let Some(v) =
        retry_after.and_then(|secs| header::HeaderValue::from_str(&secs.to_string()).ok())
    {
        http.headers_mut().insert(header::RETRY_AFTER, v);
    }
    http
}
