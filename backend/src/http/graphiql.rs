//! GraphiQL on `GET /graphql`, with its scripts and styles served from the binary (the
//! server may have no internet), and who may open it and `/metrics`: never in production;
//! otherwise clients on this machine (loopback), and every address only when configured.

use super::client_address::peer_of;
use super::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// GraphiQL's page loads only its own files; its editor sets inline styles.
const GRAPHIQL_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

const PAGE: &str = include_str!("../../assets/vendor/graphiql/index.html");

/// The files of the page: name, content type, bytes.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "graphiql.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/graphiql/graphiql.min.js"),
    ),
    (
        "graphiql.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/vendor/graphiql/graphiql.min.css"),
    ),
    (
        "react.production.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/graphiql/react.production.min.js"),
    ),
    (
        "react-dom.production.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/graphiql/react-dom.production.min.js"),
    ),
    (
        "start.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/graphiql/start.js"),
    ),
];

/// Whether GraphiQL may be used by this request: never in production; from this machine
/// always; from elsewhere when `open`.
pub fn allowed_here(state: &AppState, request: &Request, open: bool) -> bool {
    !state.ops.production && (open || is_local(state, request))
}

/// Whether the request comes from this machine (its client address, behind a configured
/// proxy the address that proxy names, is a loopback address).
pub fn is_local(state: &AppState, request: &Request) -> bool {
    state
        .proxies
        .client(request.headers(), peer_of(request))
        .is_loopback()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found").into_response()
}

/// GraphiQL's page.
pub async fn page(State(state): State<Arc<AppState>>, request: Request) -> Response {
    if !allowed_here(&state, &request, state.graphiql) {
        return not_found();
    }
    let mut page = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE).into_response();
    page.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(GRAPHIQL_CSP),
    );
    page
}

/// One of the page's files.
pub async fn asset(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    request: Request,
) -> Response {
    if !allowed_here(&state, &request, state.graphiql) {
        return not_found();
    }
    match ASSETS.iter().find(|(file, _, _)| *file == name) {
        Some((_, content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, *content_type),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            *bytes,
        )
            .into_response(),
        None => not_found(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_names_only_files_the_server_has() {
        for src in PAGE
            .split(['"', '\''])
            .filter(|s| s.starts_with("/graphiql/"))
        {
            let name = src.trim_start_matches("/graphiql/");
            assert!(
                ASSETS.iter().any(|(file, _, _)| *file == name),
                "{src} is not served"
            );
        }
        assert!(!PAGE.contains("http"), "no file comes from elsewhere");
    }
}
