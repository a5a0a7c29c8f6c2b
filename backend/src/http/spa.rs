//! The single-page app's files: precompressed (`.br`, `.gz` beside a file, written by
//! scripts/build-frontend.sh) when the browser accepts them, every unknown path answered with
//! `index.html` (the app routes it), and caching by name: a file whose name carries the hash
//! of its content (`frontend-3f2a…9c.wasm`) never changes, so it is kept for a year; the
//! others (`index.html`, `boot.js`) are revalidated on each load.

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};

/// The app's files under `dir` (which holds `index.html`), as the router's fallback.
pub fn service(router: Router, dir: &Path) -> Router {
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(ServeFile::new(dir.join("index.html")));
    router.fallback_service(
        tower::ServiceBuilder::new()
            .layer(middleware::from_fn(cache_by_name))
            .service(files),
    )
}

const FOREVER: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

async fn cache_by_name(request: Request, next: Next) -> Response {
    let hashed = is_hashed(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() {
        let policy = if hashed { FOREVER } else { REVALIDATE };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// Whether the last part of `path` is a hashed name: `name-<16 hex digits>.ext`.
pub fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return false;
    };
    let Some((_, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    !ext.is_empty() && hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn only_names_with_a_content_hash_are_kept_for_long() {
        assert!(is_hashed("/frontend-0123456789abcdef.wasm"));
        assert!(is_hashed("/style-0123456789abcdef.css"));
        assert!(!is_hashed("/frontend.wasm"));
        assert!(!is_hashed("/boot.js"));
        assert!(!is_hashed("/"));
        assert!(!is_hashed("/units/3"));
        assert!(!is_hashed("/a-0123456789abcdeg.js"));
        assert!(!is_hashed("/a-0123456789abcdef"));
    }
}
