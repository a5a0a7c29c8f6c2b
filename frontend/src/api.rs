//! The one GraphQL client of the app: `POST /graphql` with the session's bearer token. It
//! sends typed operations (`ops`, generated from `schema.graphql`) and returns their answers.
//! An `UNAUTHENTICATED` answer ends the session and tells the user why; nothing else does:
//! a busy or unreachable server (`UNAVAILABLE`, `RATE_LIMITED`, HTTP 503) keeps the session
//! and says to try again later.

use crate::i18n::Key;
use crate::state::Session;
use graphql_client::GraphQLQuery;
use leptos::prelude::GetUntracked;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use shared::ErrorCode;
use std::future::Future;
use std::pin::Pin;

pub mod batch;
pub mod ops;
pub mod scalars;

/// What went wrong with a request, ready to be translated for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The contract's `extensions.code`; `None` for a network or decoding failure.
    pub code: Option<ErrorCode>,
    /// The server's message (or the transport's), shown as detail.
    pub message: String,
    /// The input field at fault, for `VALIDATION`.
    pub field: Option<String>,
}

impl ApiError {
    fn transport(message: impl Into<String>) -> Self {
        ApiError {
            code: None,
            message: message.into(),
            field: None,
        }
    }

    /// The translation key of the headline for this error.
    pub fn key(&self) -> Key {
        match self.code {
            None => Key::ErrNetwork,
            Some(ErrorCode::Unauthenticated) => Key::ErrUnauthenticated,
            Some(ErrorCode::Forbidden) => Key::ErrForbidden,
            Some(ErrorCode::NotFound) => Key::ErrNotFound,
            Some(ErrorCode::Validation) => Key::ErrValidation,
            Some(ErrorCode::Conflict) => Key::ErrConflict,
            Some(ErrorCode::RateLimited) => Key::ErrRateLimited,
            Some(ErrorCode::Unavailable) => Key::ErrUnavailable,
            Some(ErrorCode::Internal) => Key::ErrInternal,
        }
    }

    /// True for `CONFLICT`.
    pub fn is_conflict(&self) -> bool {
        self.code == Some(ErrorCode::Conflict)
    }
}

/// The `data` of an answer.
#[derive(Deserialize)]
struct GqlData<T> {
    data: Option<T>,
}

/// The `errors` of an answer.
#[derive(Deserialize)]
struct GqlErrors {
    #[serde(default)]
    errors: Vec<GqlError>,
}

#[derive(Deserialize)]
struct GqlError {
    message: String,
    #[serde(default)]
    extensions: Option<GqlExtensions>,
}

#[derive(Deserialize)]
struct GqlExtensions {
    code: Option<String>,
    field: Option<String>,
}

/// Runs the typed operation `Q` with its variables and returns its answer.
pub async fn gql<Q: GraphQLQuery>(
    session: Session,
    variables: Q::Variables,
) -> Result<Q::ResponseData, ApiError> {
    post(session, &Q::build_query(variables)).await
}

/// Runs the typed operation `Q` and reads its answer as `T`: a type made of other
/// operations' types for the same fragments, which `T: From<Q::ResponseData>` proves at
/// compile time to have the same fields (the conversion itself never runs).
pub async fn gql_read<Q: GraphQLQuery, T: DeserializeOwned + From<Q::ResponseData>>(
    session: Session,
    variables: Q::Variables,
) -> Result<T, ApiError> {
    post(session, &Q::build_query(variables)).await
}

// Size of the wasm: every operation has its own answer type, so whatever is generic here is
// compiled once per operation, and inlined into each page's future. Only encoding the
// variables and decoding the answer are generic, and kept out of line; the request itself
// is one boxed future, compiled once.

/// Sends one GraphQL request body (a typed operation's [`graphql_client::QueryBody`], or a
/// [`batch`] of aliased ones) and decodes `data` into `T`.
pub async fn post<B: Serialize, T: DeserializeOwned>(
    session: Session,
    body: &B,
) -> Result<T, ApiError> {
    let json = encode(body)?;
    let (status, text) = send_json(session, json).await?;
    decode(status, &text)
}

/// The JSON of a request body.
#[inline(never)]
fn encode<B: Serialize>(body: &B) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|e| ApiError::transport(e.to_string()))
}

/// The answer's `data` as `T`.
#[inline(never)]
fn decode<T: DeserializeOwned>(status: u16, text: &str) -> Result<T, ApiError> {
    let decoded: GqlData<T> =
        serde_json::from_str(text).map_err(|e| undecodable(status, e.to_string()))?;
    decoded
        .data
        .ok_or_else(|| ApiError::transport("empty response"))
}

/// What a request answers: the HTTP status and text, or its first error.
type Answer = Pin<Box<dyn Future<Output = Result<(u16, String), ApiError>>>>;

/// `POST /graphql` of a JSON body, as one boxed future for every operation.
fn send_json(session: Session, json: String) -> Answer {
    Box::pin(async move {
        let (request, had_token) = authorised(session);
        let request = request
            .header("Content-Type", "application/json")
            .body(json)
            .map_err(|e| ApiError::transport(e.to_string()))?;
        answer(session, request, had_token).await
    })
}

/// Runs the typed operation `Q`, whose variable `$f` is an `Upload`, with `file` as that
/// variable: a multipart request (the GraphQL multipart request spec).
pub async fn upload<Q: GraphQLQuery>(
    session: Session,
    variables: Q::Variables,
    file: &web_sys::File,
) -> Result<Q::ResponseData, ApiError> {
    let operations = encode(&Q::build_query(variables))?;
    let (status, text) = send_form(session, operations, file.clone()).await?;
    decode(status, &text)
}

/// `POST /graphql` of a multipart request with one file, as one boxed future.
fn send_form(session: Session, operations: String, file: web_sys::File) -> Answer {
    Box::pin(async move {
        let form = web_sys::FormData::new().map_err(|_| ApiError::transport("FormData"))?;
        let failed = |_| ApiError::transport("the file could not be attached");
        form.append_with_str("operations", &operations)
            .map_err(failed)?;
        form.append_with_str("map", r#"{"0": ["variables.f"]}"#)
            .map_err(failed)?;
        form.append_with_blob_and_filename("0", &file, &file.name())
            .map_err(failed)?;
        let (request, had_token) = authorised(session);
        let request = request
            .body(form)
            .map_err(|e| ApiError::transport(e.to_string()))?;
        answer(session, request, had_token).await
    })
}

/// `POST /graphql` with the session's bearer token, if any (and whether there was one).
fn authorised(session: Session) -> (gloo_net::http::RequestBuilder, bool) {
    let mut request = gloo_net::http::Request::post("/graphql");
    let token = session.token.get_untracked();
    let had_token = token.is_some();
    if let Some(token) = token {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    (request, had_token)
}

/// The code of an HTTP status that says "busy, try again" without a GraphQL body (a proxy's
/// 502/503/504, a 429): such an answer never ends the session.
pub fn busy_status(status: u16) -> Option<ErrorCode> {
    match status {
        429 => Some(ErrorCode::RateLimited),
        502..=504 => Some(ErrorCode::Unavailable),
        _ => None,
    }
}

/// The HTTP status and text of the answer to `request`, or its first error (the same for
/// every operation, so not generic).
async fn answer(
    session: Session,
    request: gloo_net::http::Request,
    had_token: bool,
) -> Result<(u16, String), ApiError> {
    let response = request
        .send()
        .await
        .map_err(|e| ApiError::transport(e.to_string()))?;
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|e| ApiError::transport(e.to_string()))?;
    let decoded: GqlErrors =
        serde_json::from_str(&text).map_err(|e| undecodable(status, e.to_string()))?;
    if let Some(first) = decoded.errors.into_iter().next() {
        let (code, field) = first
            .extensions
            .map(|x| (x.code.and_then(|c| c.parse::<ErrorCode>().ok()), x.field))
            .unwrap_or((None, None));
        let error = ApiError {
            code: Some(code.unwrap_or(ErrorCode::Internal)),
            message: first.message,
            field,
        };
        // A wrong password at login is UNAUTHENTICATED too: only a sent token expires.
        if had_token && code == Some(ErrorCode::Unauthenticated) {
            session.logout(Some(Key::SessionExpired));
        }
        return Err(error);
    }
    Ok((status, text))
}

/// An answer that is not the GraphQL JSON expected: a busy server, another HTTP error, or
/// (for a success) the decoder's message.
fn undecodable(status: u16, message: String) -> ApiError {
    if let Some(code) = busy_status(status) {
        return ApiError {
            code: Some(code),
            message: format!("HTTP {status}"),
            field: None,
        };
    }
    ApiError::transport(if (200..300).contains(&status) {
        message
    } else {
        format!("HTTP {status}")
    })
}
