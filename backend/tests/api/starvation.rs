//! What one caller may take of the server: the work budget and the response-size cap of an
//! operation, introspection within its own depth, uploads and bodies refused before they
//! are read, exports in turn and rate-limited, bounded search and list arguments, SQLite
//! writers that wait for another process's lock, and developer tools only on this machine.

use crate::helpers::{Backend, TestApp, assert_error, assert_ok, error_field, spawn_app_with};
use serde_json::{Value, json};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// graphql-core's `get_introspection_query()` (what gql, GraphiQL and codegen send).
const STANDARD_INTROSPECTION: &str = r#"
query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) {
    name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason
  }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType {
    kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
}
"#;

async fn sqlite_app(configure: impl FnOnce(&mut backend::config::Settings)) -> TestApp {
    spawn_app_with(Backend::Sqlite, configure).await
}

#[tokio::test]
async fn standard_introspection_passes_while_other_deep_queries_stay_refused() {
    let app = sqlite_app(|_| {}).await;
    let body = app.gql(None, STANDARD_INTROSPECTION, json!({})).await;
    assert_ok(&body);
    assert_eq!(body["data"]["__schema"]["queryType"]["name"], "Query");
    assert!(
        body["data"]["__schema"]["types"]
            .as_array()
            .is_some_and(|t| t.len() > 20)
    );

    let token = app.token("admin").await;
    let deep = "{ me { unit { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } } } }";
    assert_error(&app.gql(Some(&token), deep, json!({})).await, "VALIDATION");
    // Hiding a deep query beside an introspection field does not lift the limit.
    let mixed = format!("{{ __typename {} }}", &deep[1..deep.len() - 1]);
    assert_error(
        &app.gql(Some(&token), &mixed, json!({})).await,
        "VALIDATION",
    );
}

#[tokio::test]
async fn an_operation_past_its_work_budget_gets_one_validation_error_and_no_data() {
    let app = sqlite_app(|s| s.ops.max_resolved_fields = 40).await;
    let token = app.token("admin").await;
    assert_ok(
        &app.gql(Some(&token), "{ me { id username } }", json!({}))
            .await,
    );
    // Each alias of the unit list multiplies the work; the fourth alias crosses 40.
    let query = "{ a: units { id code name } b: units { id code name } c: units { id code name } d: units { id code name } }";
    let body = app.gql(Some(&token), query, json!({})).await;
    assert_error(&body, "VALIDATION");
    let errors = body["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "one error, not one per field: {body}");
    assert_eq!(errors[0]["extensions"]["limit"], 40);
    assert!(body["data"].is_null(), "nothing partial is sent: {body}");
}

#[tokio::test]
async fn an_answer_larger_than_the_cap_is_refused() {
    let app = sqlite_app(|s| s.ops.max_response_bytes = 1024).await;
    let token = app.token("admin").await;
    assert_ok(&app.gql(Some(&token), "{ me { id } }", json!({})).await);
    let many = (0..30)
        .map(|i| format!("u{i}: units {{ id code name kind }}"))
        .collect::<Vec<_>>()
        .join(" ");
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .bearer_auth(&token)
        .json(&json!({ "query": format!("{{ {many} }}") }))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("json");
    assert_error(&body, "VALIDATION");
}

/// Sends raw request headers that declare a body, sends no body, and reads the answer.
async fn declared_but_unsent(app: &TestApp, headers: &str) -> String {
    let address = app.address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    let request = format!("POST /graphql HTTP/1.1\r\nHost: {address}\r\n{headers}\r\n");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut answer = vec![0u8; 4096];
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer))
        .await
        .expect("the server answers before any body byte is sent")
        .expect("read");
    String::from_utf8_lossy(&answer[..read]).into_owned()
}

#[tokio::test]
async fn bodies_and_uploads_are_refused_before_they_are_read() {
    let app = sqlite_app(|_| {}).await;
    let anonymous_upload = declared_but_unsent(
        &app,
        "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 60000000\r\n",
    )
    .await;
    assert!(
        anonymous_upload.starts_with("HTTP/1.1 401"),
        "{anonymous_upload}"
    );
    assert!(
        anonymous_upload.contains("UNAUTHENTICATED"),
        "{anonymous_upload}"
    );

    let token = app.token("officer").await;
    let huge_upload = declared_but_unsent(
        &app,
        &format!(
            "Authorization: Bearer {token}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 900000000\r\n"
        ),
    )
    .await;
    assert!(huge_upload.starts_with("HTTP/1.1 413"), "{huge_upload}");

    let huge_json = declared_but_unsent(
        &app,
        "Content-Type: application/json\r\nContent-Length: 50000000\r\n",
    )
    .await;
    assert!(huge_json.starts_with("HTTP/1.1 413"), "{huge_json}");
}

#[tokio::test]
async fn exports_are_rate_limited_like_the_api() {
    let app = sqlite_app(|s| {
        s.ops.user_rate_limit_per_second = 1;
        s.ops.user_rate_limit_burst = 1;
    })
    .await;
    let token = app.token("admin").await;
    let url = format!(
        "{}/export/scoreboard?year=2023&period=YTD&month=6&format=csv",
        app.address
    );
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let response = app
            .client
            .get(&url)
            .bearer_auth(&token)
            .send()
            .await
            .expect("get");
        statuses.push(response.status().as_u16());
    }
    assert!(statuses.contains(&429), "{statuses:?}");
}

async fn long_arguments_are_validation_errors(app: TestApp) {
    let token = app.token("admin").await;
    let search = "x".repeat(50_000);
    let body = app
        .gql(
            Some(&token),
            "query($s: String) { units(search: $s) { id } }",
            json!({ "s": search }),
        )
        .await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("search"));

    let ids: Vec<String> = (1..=40_000).map(|i| i.to_string()).collect();
    let body = app
        .gql(
            Some(&token),
            "query($u: [ID!]) { indicatorResults(period: {year: 2023, kind: YTD, index: 6}, unitIds: $u) { value } }",
            json!({ "u": ids }),
        )
        .await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("unitIds"));
}

async fn a_viewer_sees_no_usernames_of_others(app: TestApp) {
    assert_ok(
        &app.save_month(
            "officer",
            app.tree.commune,
            2023,
            1,
            &[("RECEIVED", 10)],
            None,
        )
        .await,
    );
    let body = app
        .as_user(
            "viewer",
            "query($u: ID!) { monthlyReport(unitId: $u, year: 2023, month: 1) { values { updatedBy { username } } } }",
            json!({ "u": app.tree.commune.to_string() }),
        )
        .await;
    assert_ok(&body);
    let values = body["data"]["monthlyReport"]["values"]
        .as_array()
        .expect("values");
    assert!(!values.is_empty(), "{body}");
    assert!(values.iter().all(|v| v["updatedBy"].is_null()), "{body}");

    let body = app
        .as_user(
            "admin",
            "query($u: ID!) { monthlyReport(unitId: $u, year: 2023, month: 1) { values { updatedBy { username } } } }",
            json!({ "u": app.tree.commune.to_string() }),
        )
        .await;
    assert_eq!(
        body["data"]["monthlyReport"]["values"][0]["updatedBy"]["username"], "officer",
        "{body}"
    );
}

crate::both_databases!(
    long_arguments_are_validation_errors,
    a_viewer_sees_no_usernames_of_others
);

#[tokio::test]
async fn a_request_id_of_an_unsafe_shape_is_replaced() {
    let app = sqlite_app(|_| {}).await;
    let send = |id: &'static str| {
        app.client
            .post(format!("{}/graphql", app.address))
            .header("x-request-id", id)
            .json(&json!({ "query": "{ __typename }" }))
            .send()
    };
    let kept = send("report-2026-11-29.a_1").await.expect("send");
    assert_eq!(kept.headers()["x-request-id"], "report-2026-11-29.a_1");
    let replaced = send("evil id\" injected=1").await.expect("send");
    let id = replaced.headers()["x-request-id"].to_str().expect("ascii");
    assert_ne!(id, "evil id\" injected=1");
    assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
}

#[tokio::test]
async fn graphiql_and_metrics_are_served_only_to_this_machine_unless_opened() {
    // Behind a proxy that names the client, a remote client is refused both…
    let app = sqlite_app(|s| {
        s.ops.trusted_proxies = vec!["127.0.0.1".into()];
        s.ops.client_ip_header = Some("x-real-ip".into());
    })
    .await;
    let get = |path: &str, from: &'static str| {
        app.client
            .get(format!("{}{path}", app.address))
            .header("x-real-ip", from)
            .send()
    };
    assert_eq!(
        get("/graphql", "203.0.113.9").await.expect("get").status(),
        404
    );
    assert_eq!(
        get("/metrics", "203.0.113.9").await.expect("get").status(),
        404
    );
    assert_eq!(
        get("/graphiql/graphiql.min.js", "203.0.113.9")
            .await
            .expect("get")
            .status(),
        404
    );
    // …and this machine gets the page, whose every file comes from the server itself.
    let page = get("/graphql", "127.0.0.1").await.expect("get");
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .expect("csp")
        .to_owned();
    assert!(!csp.contains("unpkg") && !csp.contains("https:"), "{csp}");
    let html = page.text().await.expect("html");
    assert!(!html.contains("http"), "{html}");
    let script = get("/graphiql/graphiql.min.js", "127.0.0.1")
        .await
        .expect("get");
    assert_eq!(script.status(), 200);
    assert!(script.bytes().await.expect("js").len() > 100_000);
    assert_eq!(
        get("/metrics", "127.0.0.1").await.expect("get").status(),
        200
    );

    // `graphiql = true` opens GraphiQL to every address.
    let open = sqlite_app(|s| {
        s.ops.trusted_proxies = vec!["127.0.0.1".into()];
        s.ops.client_ip_header = Some("x-real-ip".into());
        s.graphiql = true;
    })
    .await;
    let page = open
        .client
        .get(format!("{}/graphql", open.address))
        .header("x-real-ip", "203.0.113.9")
        .send()
        .await
        .expect("get");
    assert_eq!(page.status(), 200);
}

#[tokio::test]
async fn a_write_waits_for_another_process_holding_the_sqlite_lock() {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let app = sqlite_app(|_| {}).await;
    let token = app.token("officer").await;
    // Another process takes the writer's lock for a moment (a CLI import, a backup).
    let url = app.database_url();
    let other = backend::db::Db::connect(&url, 1).await.expect("connect");
    let txn = other.conn().begin().await.expect("begin");
    txn.execute_unprepared("CREATE TABLE hold_the_lock (x INTEGER)")
        .await
        .expect("take the write lock");
    let release = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        txn.rollback().await.expect("rollback");
    });
    let body = app
        .gql(
            Some(&token),
            "mutation($u: ID!) { saveMonthlyReport(unitId: $u, year: 2023, month: 2, values: [{measureCode: \"RECEIVED\", value: 5}]) { version } }",
            json!({ "u": app.tree.commune.to_string() }),
        )
        .await;
    release.await.expect("released");
    assert_ok(&body);
}
