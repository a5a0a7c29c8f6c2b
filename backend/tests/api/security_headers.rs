//! Security headers on every response (API and single-page app), no caching of the API,
//! and CORS closed unless origins are configured.

use crate::helpers::{Backend, spawn_app, spawn_app_with};
use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::json;

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header in {headers:?}"))
}

fn assert_security_headers(headers: &HeaderMap) {
    let csp = header(headers, "content-security-policy");
    let script_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))
        .expect("a script-src directive");
    assert_eq!(script_src, "script-src 'self' 'wasm-unsafe-eval'");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("object-src 'none'"), "{csp}");
    assert_eq!(header(headers, "x-content-type-options"), "nosniff");
    assert_eq!(header(headers, "x-frame-options"), "DENY");
    assert_eq!(header(headers, "referrer-policy"), "no-referrer");
}

#[tokio::test]
async fn api_responses_carry_security_headers_and_are_not_cached() {
    let app = spawn_app(Backend::Sqlite).await;
    let graphql = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&json!({"query": "{ me { id } }"}))
        .send()
        .await
        .expect("graphql");
    assert_security_headers(graphql.headers());
    assert_eq!(header(graphql.headers(), "cache-control"), "no-store");
    for path in ["/healthz", "/readyz", "/metrics"] {
        let r = app
            .client
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .expect(path);
        assert_eq!(r.status(), 200, "{path}");
        assert_security_headers(r.headers());
        assert_eq!(header(r.headers(), "cache-control"), "no-store", "{path}");
    }
}

#[tokio::test]
async fn the_single_page_app_is_served_with_a_policy_that_allows_only_its_own_scripts() {
    let dir = std::env::temp_dir().join(format!("chitieu-spa-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><script type=\"module\" src=\"/boot.js\"></script>",
    )
    .expect("index");
    std::fs::write(dir.join("boot.js"), "console.log('boot');").expect("boot.js");
    let spa = dir.clone();
    let app = spawn_app_with(Backend::Sqlite, move |s| s.static_dir = Some(spa)).await;
    for path in ["/", "/units/3", "/boot.js"] {
        let r = app
            .client
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .expect(path);
        assert_eq!(r.status(), 200, "{path}");
        assert_security_headers(r.headers());
    }
    let _ = std::fs::remove_dir_all(dir);
}

async fn preflight(app: &crate::helpers::TestApp, origin: &str) -> reqwest::Response {
    app.client
        .request(Method::OPTIONS, format!("{}/graphql", app.address))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type",
        )
        .send()
        .await
        .expect("preflight")
}

#[tokio::test]
async fn cors_is_closed_by_default_and_open_only_to_configured_origins() {
    let closed = spawn_app(Backend::Sqlite).await;
    let r = preflight(&closed, "https://evil.example").await;
    assert!(r.headers().get("access-control-allow-origin").is_none());

    let open = spawn_app_with(Backend::Sqlite, |s| {
        s.ops.cors_allowed_origins = vec!["https://baocao.tinh.gov.vn".into()];
    })
    .await;
    let allowed = preflight(&open, "https://baocao.tinh.gov.vn").await;
    assert_eq!(
        header(allowed.headers(), "access-control-allow-origin"),
        "https://baocao.tinh.gov.vn"
    );
    assert!(
        header(allowed.headers(), "access-control-allow-headers")
            .to_lowercase()
            .contains("authorization")
    );
    let other = preflight(&open, "https://evil.example").await;
    assert!(other.headers().get("access-control-allow-origin").is_none());
}
