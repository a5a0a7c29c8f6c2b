//! Evidence bytes over plain HTTP, with the bearer token of `/graphql`:
//! `POST /files/explanations/{requestId}/evidence?name=…[&action=…]` takes the raw body
//! (refused by its declared length before a byte is read, streamed to the store with a
//! hard cap, its type read from its first bytes) and answers 201 with the record;
//! `GET /files/evidence/{id}` streams a file in the caller's scope as an attachment that a
//! browser never renders. Errors are flat JSON: `{"code", "message", "field"?}`; a file
//! missing or outside the scope is the same 404 `{"code":"NOT_FOUND"}`.

use super::admission::{Turn, take_turn};
use super::attachment::disposition;
use super::caller_share::CallerKey;
use super::client_address::peer_of;
use super::errors::request_id as request_id_of;
use super::graphql::{bearer, declared_length};
use super::rate_limit::CredentialsRefused;
use super::state::AppState;
use crate::auth::Actor;
use crate::domain::evidence::{UNSUPPORTED, kind_of};
use crate::domain::follow_up::EvidenceFile;
use crate::error::{ErrorAnswer, ServiceError};
use crate::service::auth;
use crate::service::follow_up::evidence::{self, UploadRefusal};
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use tokio_util::io::ReaderStream;

/// The longest an upload may send nothing before it is given up.
const IDLE: std::time::Duration = std::time::Duration::from_secs(60);

/// The policy of a downloaded file: nothing runs, nothing loads, even if a browser opened it.
const SANDBOX: &str = "default-src 'none'; sandbox";

/// A flat JSON error, never cached.
fn flat(status: StatusCode, code: &str, message: Option<&str>, field: Option<&str>) -> Response {
    let mut body = Map::new();
    body.insert("code".into(), code.into());
    if let Some(m) = message {
        body.insert("message".into(), m.into());
    }
    if let Some(f) = field {
        body.insert("field".into(), f.into());
    }
    let mut response = (status, Json(Value::Object(body))).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The one answer for a file that is missing or outside the caller's scope.
fn not_found() -> Response {
    flat(StatusCode::NOT_FOUND, "NOT_FOUND", None, None)
}

fn too_large(message: &str) -> Response {
    flat(
        StatusCode::PAYLOAD_TOO_LARGE,
        "PAYLOAD_TOO_LARGE",
        Some(message),
        None,
    )
}

fn unsupported() -> Response {
    flat(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "VALIDATION",
        Some(UNSUPPORTED),
        Some("file"),
    )
}

/// The answer to a service error (NOT_FOUND without a message, as for a missing file).
fn service_error(err: ServiceError) -> Response {
    if matches!(err, ServiceError::NotFound(_)) {
        return not_found();
    }
    let answer = ErrorAnswer::from(err);
    let mut response = flat(
        answer.status(),
        answer.code.as_str(),
        Some(&answer.message),
        answer.field.as_deref(),
    );
    if let Some(secs) = answer.retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

fn refused(r: UploadRefusal) -> Response {
    match r {
        UploadRefusal::TooLarge(t) => too_large(&t.message()),
        UploadRefusal::Unsupported => unsupported(),
        UploadRefusal::Service(e) => service_error(e),
    }
}

/// The caller of a request with a bearer token and its turn, held while the request is
/// handled; the answer to give otherwise.
async fn caller(
    state: &AppState,
    headers: &HeaderMap,
    peer: Option<std::net::SocketAddr>,
) -> Result<(Actor, Turn), Response> {
    let Some(token) = bearer(headers) else {
        return Err(flat(
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
            Some("Hãy đăng nhập: gửi kèm Authorization: Bearer <token>."),
            None,
        ));
    };
    let address = state.proxies.client(headers, peer);
    let id = request_id_of(headers);
    let turn = take_turn(state, CallerKey::of(Some(token), address), id.as_deref()).await?;
    let actor = auth::authenticate(&state.db, &state.keys, token)
        .await
        .map_err(|e| {
            // A refused token counts against the address's budget, as on /graphql.
            let refused = matches!(e, ServiceError::Unauthenticated(_));
            let mut response = service_error(e);
            if refused {
                response.extensions_mut().insert(CredentialsRefused);
            }
            response
        })?;
    Ok((actor, turn))
}

/// `POST /files/explanations/{requestId}/evidence?name=…[&action=…]`.
pub async fn upload(
    state: State<Arc<AppState>>,
    request: Path<String>,
    request_body: Request,
) -> Response {
    let mut answer = receive_upload(state, request, request_body).await;
    // A refusal may come before the body was read: the connection is closed after it, so
    // that a client does not send its next request on a connection still holding the rest
    // of this body (it would meet a broken pipe).
    if answer.status() != StatusCode::CREATED {
        answer.headers_mut().insert(
            axum::http::header::CONNECTION,
            axum::http::HeaderValue::from_static("close"),
        );
    }
    answer
}

async fn receive_upload(
    State(state): State<Arc<AppState>>,
    Path(request): Path<String>,
    request_body: Request,
) -> Response {
    let store = &state.evidence;
    // Refused by its declared length before anything else is done or read.
    let declared = declared_length(request_body.headers());
    if let Some(n) = declared
        && let Err(t) = store.limits.fits(n, 0)
    {
        return too_large(&t.message());
    }
    let Ok(request_id) = request.parse() else {
        return not_found();
    };
    let params: HashMap<String, String> = request_body
        .uri()
        .query()
        .map(query_pairs)
        .unwrap_or_default();
    let action = match params.get("action").map(|a| a.parse()) {
        None => None,
        Some(Ok(a)) => Some(a),
        Some(Err(_)) => {
            let e = ServiceError::validation("action", "Mã biện pháp khắc phục không hợp lệ.");
            return service_error(e);
        }
    };
    let name = params.get("name").map(String::as_str).unwrap_or_default();
    let peer = peer_of(&request_body);
    let (parts, body) = request_body.into_parts();
    let (actor, turn) = match caller(&state, &parts.headers, peer).await {
        Ok(a) => a,
        Err(answer) => return answer,
    };
    let prepared =
        evidence::prepare_upload(&actor, &state.db, store, request_id, action, name, declared)
            .await;
    let slot = match prepared {
        Ok(s) => s,
        Err(r) => return refused(r),
    };
    // The bytes arrive at the client's pace (minutes on a slow line): the turn is given
    // back meanwhile, so that uploads never hold the server's turns, and taken again to
    // record the file.
    drop(turn);
    let incoming = match receive(store, body).await {
        Ok(i) => i,
        Err(answer) => return answer,
    };
    let key = CallerKey::of(
        bearer(&parts.headers),
        state.proxies.client(&parts.headers, peer),
    );
    let _turn = match take_turn(&state, key, request_id_of(&parts.headers).as_deref()).await {
        Ok(t) => t,
        Err(answer) => return answer,
    };
    match evidence::record_upload(&actor, &state.db, store, slot, incoming).await {
        Ok(file) => (StatusCode::CREATED, Json(created(&file))).into_response(),
        Err(r) => refused(r),
    }
}

/// The query string's pairs (`name` may hold any UTF-8, percent-encoded).
fn query_pairs(query: &str) -> HashMap<String, String> {
    url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

/// Streams the body into a temporary file of the store: stops at the per-file limit (413)
/// and stops storing as soon as the first bytes show a refused type (415); the temporary
/// file goes with a refusal.
async fn receive(
    store: &crate::evidence_store::EvidenceStore,
    body: Body,
) -> Result<crate::evidence_store::Incoming, Response> {
    let internal = |e: std::io::Error| service_error(ServiceError::Internal(e.into()));
    let mut incoming = store.begin().await.map_err(internal)?;
    let mut stream = body.into_data_stream();
    let mut decided = false;
    loop {
        let Ok(next) = tokio::time::timeout(IDLE, stream.next()).await else {
            return Err(flat(
                StatusCode::REQUEST_TIMEOUT,
                "VALIDATION",
                Some("Đường truyền ngừng gửi dữ liệu quá lâu; hãy tải tệp lên lại."),
                Some("file"),
            ));
        };
        let Some(chunk) = next else {
            break;
        };
        let chunk = chunk.map_err(|_| {
            flat(
                StatusCode::BAD_REQUEST,
                "VALIDATION",
                Some("Không đọc được nội dung tệp gửi lên."),
                Some("file"),
            )
        })?;
        if let Err(t) = store.limits.fits(incoming.size() + chunk.len() as u64, 0) {
            return Err(too_large(&t.message()));
        }
        incoming.write(&chunk).await.map_err(internal)?;
        if !decided && incoming.head_full() {
            if kind_of(incoming.head()).is_none() {
                let received = incoming.size();
                drop(incoming);
                return Err(discard(store, stream, received).await);
            }
            decided = true;
        }
    }
    Ok(incoming)
}

/// The answer to a refused type found before the body ended: the rest is read and thrown
/// away (never past the per-file limit), so that the client, still sending, gets the 415
/// rather than a reset connection.
async fn discard(
    store: &crate::evidence_store::EvidenceStore,
    mut stream: axum::body::BodyDataStream,
    mut received: u64,
) -> Response {
    while let Ok(Some(Ok(chunk))) = tokio::time::timeout(IDLE, stream.next()).await {
        received += chunk.len() as u64;
        if let Err(t) = store.limits.fits(received, 0) {
            return too_large(&t.message());
        }
    }
    unsupported()
}

/// The 201 answer.
fn created(f: &EvidenceFile) -> Value {
    json!({
        "id": f.id.to_string(),
        "fileName": f.file_name,
        "contentType": f.content_type,
        "size": f.size,
        "sha256": f.sha256,
        "url": format!("/files/evidence/{}", f.id),
    })
}

/// `GET /files/evidence/{id}`.
pub async fn download(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let Ok(id) = id.parse() else {
        return not_found();
    };
    let (actor, _turn) = match caller(&state, request.headers(), peer_of(&request)).await {
        Ok(a) => a,
        Err(answer) => return answer,
    };
    let (file, bytes) = match evidence::open(&actor, state.db.conn(), &state.evidence, id).await {
        Ok(x) => x,
        Err(e) => return service_error(e),
    };
    let mut response = Body::from_stream(ReaderStream::new(bytes)).into_response();
    let h = response.headers_mut();
    let content_type = HeaderValue::from_str(&file.content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    h.insert(header::CONTENT_TYPE, content_type);
    if let Ok(len) = u64::try_from(file.size) {
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    if let Some(v) = disposition(&file.file_name, None) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(SANDBOX),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}
