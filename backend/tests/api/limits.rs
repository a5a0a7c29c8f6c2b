//! GraphQL and request limits: depth, complexity, aliases, batches, body size, timeout,
//! and production mode (no introspection, no GraphiQL). Every refusal carries a code.

use crate::helpers::{Backend, assert_error, assert_ok, spawn_app, spawn_app_with};
use serde_json::{Value, json};

async fn post(
    app: &crate::helpers::TestApp,
    token: Option<&str>,
    body: Value,
) -> reqwest::Response {
    let mut req = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.expect("send")
}

#[tokio::test]
async fn a_query_deeper_than_the_limit_is_refused_with_validation() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.ops.max_depth = 4).await;
    let token = app.token("admin").await;
    let shallow = app
        .gql(
            Some(&token),
            "{ me { unit { parent { code } } } }",
            json!({}),
        )
        .await;
    assert_ok(&shallow);
    let deep = app
        .gql(
            Some(&token),
            "{ me { unit { parent { parent { parent { code } } } } } }",
            json!({}),
        )
        .await;
    assert_error(&deep, "VALIDATION");
    assert!(deep["data"].is_null(), "{deep}");
}

#[tokio::test]
async fn a_query_above_the_complexity_limit_is_refused_with_validation() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.ops.max_complexity = 12).await;
    let token = app.token("admin").await;
    assert_ok(
        &app.gql(
            Some(&token),
            "{ me { id username unit { code } } }",
            json!({}),
        )
        .await,
    );
    let body = app
        .gql(
            Some(&token),
            "{ me { id username role unit { id code name kind active
               parent { id code name kind active } children { id code name kind active } } } }",
            json!({}),
        )
        .await;
    assert_error(&body, "VALIDATION");
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.to_lowercase().contains("complex"), "{message}");
}

#[tokio::test]
async fn too_many_aliases_are_refused_with_validation() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.ops.max_aliases = 3).await;
    let token = app.token("admin").await;
    let three = app
        .gql(
            Some(&token),
            "{ a: me { id } b: me { id } c: me { id } }",
            json!({}),
        )
        .await;
    assert_ok(&three);
    let four = app
        .gql(
            Some(&token),
            "{ a: me { id } b: me { id } c: me { id } d: me { id } }",
            json!({}),
        )
        .await;
    assert_error(&four, "VALIDATION");
    assert!(
        four["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("4 aliases")),
        "{four}"
    );
}

#[tokio::test]
async fn a_batch_runs_each_operation_and_a_larger_one_is_refused() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.ops.max_batch = 2).await;
    let token = app.token("admin").await;
    let ok = post(
        &app,
        Some(&token),
        json!([{"query": "{ me { username } }"}, {"query": "{ unit(code: \"C1\") { name } }"}]),
    )
    .await;
    assert_eq!(ok.status(), 200);
    let ok: Value = ok.json().await.expect("json");
    assert_eq!(ok[0]["data"]["me"]["username"], "admin", "{ok}");
    assert_eq!(ok[1]["data"]["unit"]["name"], "Xã Một", "{ok}");

    let q = json!({"query": "{ me { username } }"});
    let too_many = post(&app, Some(&token), json!([q, q, q])).await;
    assert_eq!(too_many.status(), 400);
    let body: Value = too_many.json().await.expect("json");
    assert_error(&body, "VALIDATION");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("at most 2")
    );

    let empty = post(&app, Some(&token), json!([])).await;
    assert_eq!(empty.status(), 400);
    assert_error(&empty.json().await.expect("json"), "VALIDATION");
}

#[tokio::test]
async fn a_body_over_the_size_limit_is_refused_with_413_and_a_request_id() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.ops.max_body_bytes = 4096).await;
    let padding = "x".repeat(8192);
    let response = post(
        &app,
        None,
        json!({"query": "{ me { id } }", "variables": {"p": padding}}),
    )
    .await;
    assert_eq!(response.status(), 413);
    let id = response
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .expect("x-request-id");
    let body: Value = response.json().await.expect("json");
    assert_error(&body, "VALIDATION");
    assert_eq!(body["errors"][0]["extensions"]["requestId"], id.as_str());
}

#[tokio::test]
async fn a_request_running_past_the_timeout_is_stopped_with_a_code_and_changes_nothing() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.ops.request_timeout_secs = 1).await;
    let token = app.token("officer").await;
    // Holding the writer makes the save wait (SQLite serialises writers in process).
    let writer = app.db.write().await.expect("writer");
    let started = std::time::Instant::now();
    let response = post(
        &app,
        Some(&token),
        json!({
            "query": "mutation($u: ID!) { saveMonthlyReport(unitId: $u, year: 2023, month: 1, values: [{measureCode: \"RECEIVED\", value: 10}]) { version } }",
            "variables": {"u": app.tree.commune.to_string()}
        }),
    )
    .await;
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(response.status(), 503);
    let body: Value = response.json().await.expect("json");
    assert_error(&body, "INTERNAL");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("1 s")
    );
    drop(writer);
    let month = app
        .as_user(
            "officer",
            "query($u: ID!) { monthlyReport(unitId: $u, year: 2023, month: 1) { version } }",
            json!({"u": app.tree.commune.to_string()}),
        )
        .await;
    assert_eq!(month["data"]["monthlyReport"]["version"], 0, "{month}");
}

#[tokio::test]
async fn production_mode_turns_introspection_and_graphiql_off() {
    let dev = spawn_app(Backend::Sqlite).await;
    let introspect = "{ __schema { queryType { name } } }";
    let body = dev.gql(None, introspect, json!({})).await;
    assert_eq!(
        body["data"]["__schema"]["queryType"]["name"], "Query",
        "{body}"
    );
    let page = dev
        .client
        .get(format!("{}/graphql", dev.address))
        .send()
        .await
        .expect("get");
    assert_eq!(page.status(), 200);

    let prod = spawn_app_with(Backend::Sqlite, |s| s.ops.production = true).await;
    let body = prod.gql(None, introspect, json!({})).await;
    assert!(body["data"]["__schema"].is_null(), "{body}");
    let page = prod
        .client
        .get(format!("{}/graphql", prod.address))
        .send()
        .await
        .expect("get");
    assert_eq!(page.status(), 404);
    // Ordinary queries still work.
    let token = prod.token("admin").await;
    assert_ok(
        &prod
            .gql(Some(&token), "{ me { username } }", json!({}))
            .await,
    );
}

#[tokio::test]
async fn requests_beyond_the_concurrency_limit_wait_their_turn_and_all_succeed() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.ops.max_concurrent_requests = 1).await;
    let token = app.token("officer").await;
    let mut set = tokio::task::JoinSet::new();
    for month in 1..=12 {
        let (client, address, token) = (app.client.clone(), app.address.clone(), token.clone());
        let unit = app.tree.commune.to_string();
        set.spawn(async move {
            let body = json!({
                "query": "mutation($u: ID!, $m: Int!) { saveMonthlyReport(unitId: $u, year: 2023, month: $m, values: [{measureCode: \"RECEIVED\", value: 7}]) { version } }",
                "variables": {"u": unit, "m": month}
            });
            let res = client
                .post(format!("{address}/graphql"))
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .expect("send");
            assert_eq!(res.status(), 200);
            res.json::<Value>().await.expect("json")
        });
    }
    while let Some(answer) = set.join_next().await {
        let body = answer.expect("task");
        assert_ok(&body);
        assert_eq!(body["data"]["saveMonthlyReport"]["version"], 1, "{body}");
    }
}

#[tokio::test]
async fn a_request_that_waits_a_whole_timeout_for_its_turn_is_refused_as_busy_and_not_run() {
    let app = spawn_app_with(Backend::Sqlite, |s| {
        s.ops.max_concurrent_requests = 1;
        s.ops.request_timeout_secs = 2;
    })
    .await;
    let token = app.token("officer").await;
    // Holding the writer keeps each save on its turn until the request timeout stops it.
    let writer = app.db.write().await.expect("writer");
    let save = |month: i32| {
        let req = app
            .client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(&token)
            .json(&json!({
                "query": "mutation($u: ID!, $m: Int!) { saveMonthlyReport(unitId: $u, year: 2023, month: $m, values: [{measureCode: \"RECEIVED\", value: 10}]) { version } }",
                "variables": {"u": app.tree.commune.to_string(), "m": month}
            }));
        tokio::spawn(async move { req.send().await.expect("send") })
    };
    let first = save(1); // runs 0–2 s
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let second = save(2); // waits, then runs 2–4 s
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let third = save(3); // waits from 0.8 s: no turn before 2.8 s
    let third = third.await.expect("third");
    assert_eq!(third.status(), 503);
    assert_eq!(
        third
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("5")
    );
    let body: Value = third.json().await.expect("json");
    assert_error(&body, "RATE_LIMITED");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("busy"),
        "{body}"
    );
    for running in [first, second] {
        assert_eq!(running.await.expect("save").status(), 503);
    }
    drop(writer);
    for month in 1..=3 {
        let report = app
            .as_user(
                "officer",
                "query($u: ID!, $m: Int!) { monthlyReport(unitId: $u, year: 2023, month: $m) { version } }",
                json!({"u": app.tree.commune.to_string(), "m": month}),
            )
            .await;
        assert_eq!(report["data"]["monthlyReport"]["version"], 0, "{report}");
    }
}
