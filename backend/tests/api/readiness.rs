//! Readiness follows the database (503 while it is unreachable, 200 when it is back), and a
//! stop finishes the requests in flight before closing the pool.

use crate::helpers::{Backend, PASSWORD, spawn_app};
use backend::config::Settings;
use backend::service::setup;
use backend::startup::Application;
use serde_json::{Value, json};
use std::time::Duration;

#[tokio::test]
async fn readiness_is_ok_while_the_database_answers() {
    let app = spawn_app(Backend::Sqlite).await;
    let r = app
        .client
        .get(format!("{}/readyz", app.address))
        .send()
        .await
        .expect("readyz");
    assert_eq!(r.status(), 200);
}

#[cfg(postgres_tests)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_fails_while_postgres_refuses_connections_and_recovers_after() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = spawn_app(Backend::Postgres).await;
    let readyz = || async {
        app.client
            .get(format!("{}/readyz", app.address))
            .send()
            .await
            .expect("readyz")
            .status()
    };
    assert_eq!(readyz().await, 200);
    let name: String = app
        .db
        .conn()
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT current_database()",
        ))
        .await
        .expect("query")
        .expect("row")
        .try_get_by_index(0)
        .expect("name");
    let admin_url = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL");
    let admin = backend::db::Db::connect(&admin_url, 1)
        .await
        .expect("admin");
    let admin = admin.conn();
    admin
        .execute_unprepared(&format!(
            "ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false"
        ))
        .await
        .expect("refuse connections");
    admin
        .execute_unprepared(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
        ))
        .await
        .expect("terminate");
    let started = std::time::Instant::now();
    assert_eq!(readyz().await, 503);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "readiness answers quickly"
    );

    admin
        .execute_unprepared(&format!(
            "ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS true"
        ))
        .await
        .expect("allow connections");
    assert_eq!(readyz().await, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_finishes_the_request_in_flight_then_closes_the_pool() {
    let path =
        std::env::temp_dir().join(format!("chitieu_stop_{}.db", uuid::Uuid::new_v4().simple()));
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let app = Application::build(&Settings::for_database(&url))
        .await
        .expect("build");
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.db().clone();
    setup::setup(
        &db,
        setup::SetupCommand {
            province_code: "T".into(),
            province_name: "Tỉnh".into(),
            admin_username: "admin".into(),
            admin_password: PASSWORD.into(),
            catalogue: Default::default(),
        },
    )
    .await
    .expect("setup");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::new();
    let gql = |token: Option<String>, query: &'static str, variables: Value| {
        let mut req = client
            .post(format!("{address}/graphql"))
            .json(&json!({"query": query, "variables": variables}));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        async move { req.send().await }
    };
    let session: Value = gql(
        None,
        "mutation($p: String!) { login(username: \"admin\", password: $p) { token user { unit { id } } } }",
        json!({"p": PASSWORD}),
    )
    .await
    .expect("login")
    .json()
    .await
    .expect("json");
    let token = session["data"]["login"]["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let unit = session["data"]["login"]["user"]["unit"]["id"].clone();

    // The save waits for the writer the test holds: it is in flight when the stop comes.
    let writer = db.write().await.expect("writer");
    let in_flight = tokio::spawn(gql(
        Some(token),
        "mutation($u: ID!) { saveMonthlyReport(unitId: $u, year: 2023, month: 2, values: [{measureCode: \"RECEIVED\", value: 7}]) { version } }",
        json!({"u": unit}),
    ));
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.send(()).expect("stop");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let refused = reqwest::Client::new()
        .get(format!("{address}/healthz"))
        .timeout(Duration::from_secs(2))
        .send()
        .await;
    assert!(
        refused.is_err(),
        "a stopping server takes no new connection"
    );
    assert!(
        !server.is_finished(),
        "the server waits for the request in flight"
    );

    drop(writer);
    let saved: Value = in_flight
        .await
        .expect("task")
        .expect("the request in flight is answered")
        .json()
        .await
        .expect("json");
    assert_eq!(saved["data"]["saveMonthlyReport"]["version"], 1, "{saved}");
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("the server stops")
        .expect("task")
        .expect("clean stop");
    assert!(!db.ping().await, "the pool is closed");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let _ = std::fs::remove_file(path.with_extension("key"));
}
