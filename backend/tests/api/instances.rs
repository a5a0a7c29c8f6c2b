//! Two server instances on one PostgreSQL database, as behind a load balancer: what one
//! writes the other reads at once, a session from one is valid on the other, and an API
//! token created (or revoked) on one is honoured by the other.
#![cfg(postgres_tests)]

use crate::helpers::*;
use backend::startup::Application;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

/// The URL of the app's own database.
async fn database_url(app: &TestApp) -> String {
    let conn = app.db.conn();
    let row = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT current_database()",
        ))
        .await
        .unwrap()
        .unwrap();
    let name: String = row.try_get_by_index(0).unwrap();
    let admin = std::env::var("TEST_DATABASE_URL").unwrap();
    let (base, _) = admin.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

async fn post(app: &TestApp, base: &str, token: Option<&str>, query: &str, vars: Value) -> Value {
    let mut req = app
        .client
        .post(format!("{base}/graphql"))
        .json(&json!({"query": query, "variables": vars}));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap().json().await.unwrap()
}

const REPORT: &str = "query($u: ID!) { monthlyReport(unitId: $u, year: 2023, month: 2) { version values { value } } }";
const RESULTS: &str = "query($u: ID!) { indicatorResults(period: {year: 2023, kind: YEAR}, unitIds: [$u], indicatorCodes: [\"DIGITIZATION_RATE\"]) { numerator denominator } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgresql_share_figures_sessions_and_api_tokens() {
    let app = spawn_app(Backend::Postgres).await;
    let first = app.address.clone();
    let server = Application::build(&instance_settings(&database_url(&app).await))
        .await
        .expect("a second instance");
    let second = format!("http://127.0.0.1:{}", server.port());
    tokio::spawn(server.run_until(std::future::pending()));
    let commune = app.tree.commune.to_string();

    // A session from the first instance is valid on the second, and the reverse.
    let officer = app.token("officer").await;
    let me = post(
        &app,
        &second,
        Some(&officer),
        "{ me { username } }",
        json!({}),
    )
    .await;
    assert_eq!(me["data"]["me"]["username"], "officer", "{me}");
    let login = post(
        &app,
        &second,
        None,
        "mutation($p: String!) { login(username: \"admin\", password: $p) { token } }",
        json!({"p": PASSWORD}),
    )
    .await;
    let admin_from_second = login["data"]["login"]["token"].as_str().unwrap().to_owned();
    let me = post(
        &app,
        &first,
        Some(&admin_from_second),
        "{ me { username } }",
        json!({}),
    )
    .await;
    assert_eq!(me["data"]["me"]["username"], "admin", "{me}");

    // What one writes the other reads at once, roll-ups included.
    let save = |values: i64| json!({"u": commune, "y": 2023, "m": 2, "v": [{"measureCode": "RECEIVED", "value": values}, {"measureCode": "DIGITIZED", "value": values / 2}]});
    const SAVE: &str = "mutation($u: ID!, $y: Int!, $m: Int!, $v: [MeasureValueInput!]!) { saveMonthlyReport(unitId: $u, year: $y, month: $m, values: $v) { version } }";
    assert_ok(&post(&app, &first, Some(&officer), SAVE, save(40)).await);
    let read = post(&app, &second, Some(&officer), REPORT, json!({"u": commune})).await;
    assert_eq!(read["data"]["monthlyReport"]["version"], 1, "{read}");
    let results = post(
        &app,
        &second,
        Some(&admin_from_second),
        RESULTS,
        json!({"u": commune}),
    )
    .await;
    assert_eq!(
        results["data"]["indicatorResults"],
        json!([{"numerator": 20, "denominator": 40}])
    );
    assert_ok(&post(&app, &second, Some(&officer), SAVE, save(60)).await);
    let read = post(&app, &first, Some(&officer), REPORT, json!({"u": commune})).await;
    assert_eq!(read["data"]["monthlyReport"]["version"], 2, "{read}");
    let results = post(&app, &first, Some(&officer), RESULTS, json!({"u": commune})).await;
    assert_eq!(
        results["data"]["indicatorResults"],
        json!([{"numerator": 30, "denominator": 60}])
    );
    // An optimistic-lock conflict is detected across instances too.
    let stale = post(
        &app,
        &second,
        Some(&officer),
        "mutation($u: ID!) { saveMonthlyReport(unitId: $u, year: 2023, month: 2, values: [], expectedVersion: 1) { version } }",
        json!({"u": commune}),
    )
    .await;
    assert_error(&stale, "CONFLICT");

    // An API token created on the first instance reads through the second; revoked on the
    // second, it stops working on the first.
    let created = post(
        &app,
        &first,
        Some(&app.token("admin").await),
        "mutation($u: ID!) { createApiToken(name: \"Cổng\", unitId: $u) { token apiToken { id } } }",
        json!({"u": commune}),
    )
    .await;
    let secret = created["data"]["createApiToken"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let id = created["data"]["createApiToken"]["apiToken"]["id"].clone();
    let read = post(&app, &second, Some(&secret), REPORT, json!({"u": commune})).await;
    assert_eq!(read["data"]["monthlyReport"]["version"], 2, "{read}");
    assert_ok(
        &post(
            &app,
            &second,
            Some(&admin_from_second),
            "mutation($id: ID!) { revokeApiToken(id: $id) { revoked } }",
            json!({"id": id}),
        )
        .await,
    );
    let refused = post(&app, &first, Some(&secret), REPORT, json!({"u": commune})).await;
    assert_error(&refused, "UNAUTHENTICATED");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_ended_through_one_instance_is_refused_by_the_other() {
    let app = spawn_app(Backend::Postgres).await;
    let first = app.address.clone();
    let server = Application::build(&instance_settings(&database_url(&app).await))
        .await
        .expect("a second instance");
    let second = format!("http://127.0.0.1:{}", server.port());
    tokio::spawn(server.run_until(std::future::pending()));
    let me = "{ me { username } }";

    // An ADMIN on the first instance revokes the officer's sessions; the second refuses
    // the officer's token at once.
    let officer = app.token("officer").await;
    let seen = post(&app, &second, Some(&officer), me, json!({})).await;
    assert_eq!(seen["data"]["me"]["username"], "officer", "{seen}");
    let id =
        post(&app, &first, Some(&officer), "{ me { id } }", json!({})).await["data"]["me"]["id"]
            .clone();
    let admin = app.token("admin").await;
    let revoked = post(
        &app,
        &first,
        Some(&admin),
        "mutation($u: ID!) { revokeSessions(userId: $u) }",
        json!({"u": id}),
    )
    .await;
    assert_ok(&revoked);
    assert_error(
        &post(&app, &second, Some(&officer), me, json!({})).await,
        "UNAUTHENTICATED",
    );

    // A logout on the second instance ends the session on the first.
    let out = post(
        &app,
        &second,
        Some(&admin),
        "mutation { logout }",
        json!({}),
    )
    .await;
    assert_ok(&out);
    assert_error(
        &post(&app, &first, Some(&admin), me, json!({})).await,
        "UNAUTHENTICATED",
    );
}
