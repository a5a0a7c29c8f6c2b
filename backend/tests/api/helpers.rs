//! The test harness: `spawn_app` (fresh database, real server on a random port, the
//! province set up with a small tree and one account per role), typed GraphQL helpers, and
//! `both_databases!` which runs a test on SQLite and, when configured, on PostgreSQL.
#![allow(dead_code)]

use backend::config::Settings;
use backend::db::Db;
use backend::domain::catalogue::Preset;
use backend::service::{setup, users};
use backend::startup::Application;
use serde_json::{Value, json};
use shared::Role;
use shared::ids::UnitId;
use std::collections::HashMap;

/// The password of every test account.
pub const PASSWORD: &str = "mat-khau-thu-nghiem";

/// The session signing secret of test instances on PostgreSQL, where it must be configured
/// (on SQLite it is generated into a key file beside the database).
pub const TEST_JWT_SECRET: &str = "a-test-signing-secret-of-48-bytes-0123456789abcd";

/// Settings of an instance on `url`: the defaults, with the shared test secret on
/// PostgreSQL, and without the notification worker (the tests of the outbox run it).
pub fn instance_settings(url: &str) -> Settings {
    let mut settings = Settings::for_database(url);
    settings.notify.worker = false;
    // Evidence goes to the temporary folder, never into the working directory (the
    // default on PostgreSQL); tests that look at the store's files set their own folder.
    settings.evidence.dir = Some(std::env::temp_dir().join("chitieu-test-evidence"));
    if url.starts_with("postgres") {
        settings.jwt_secret = Some(secrecy::SecretString::from(TEST_JWT_SECRET.to_owned()));
    }
    settings
}

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Drops the test database when the test ends.
pub enum DbGuard {
    SqliteFile(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

impl Drop for DbGuard {
    fn drop(&mut self) {
        match self {
            DbGuard::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
                let _ = std::fs::remove_file(path.with_extension("key"));
            }
            DbGuard::Postgres { admin_url, name } => {
                let (url, name) = (admin_url.clone(), name.clone());
                let _ = std::thread::spawn(move || {
                    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    rt.block_on(async move {
                        if let Ok(db) = Db::connect(&url, 1).await {
                            use sea_orm::ConnectionTrait;
                            let _ = db
                                .conn()
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                                ))
                                .await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// The units of the test province.
#[derive(Debug, Clone)]
pub struct Tree {
    /// Province root `T`.
    pub province: UnitId,
    /// Department `D1` under the province.
    pub department: UnitId,
    /// Division `D1.1` under the department.
    pub division: UnitId,
    /// Commune `C1` under the province.
    pub commune: UnitId,
    /// Commune `C2` under the province.
    pub other_commune: UnitId,
}

/// A running application with its database and test accounts.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: Db,
    pub tree: Tree,
    pub backend: Backend,
    url: String,
    tokens: tokio::sync::Mutex<HashMap<String, String>>,
    _guard: DbGuard,
}

/// A new active account on `db` with the test password, no staff link.
pub async fn add_account(db: &Db, username: &str, role: Role, unit: UnitId) -> shared::ids::UserId {
    let new = users::NewUser {
        username: username.into(),
        password: PASSWORD.into(),
        role,
        unit_id: unit,
        staff_id: None,
    };
    users::create_unchecked(db, None, new)
        .await
        .unwrap_or_else(|e| panic!("create the account {username}: {e:?}"))
        .id
}

/// A new empty database (a temporary SQLite file or a PostgreSQL database) with its URL;
/// dropping the guard removes it.
pub async fn fresh_database(backend: Backend) -> (String, DbGuard) {
    let name = format!("chitieu_test_{}", uuid::Uuid::new_v4().simple());
    match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            (
                format!("sqlite://{}?mode=rwc", path.display()),
                DbGuard::SqliteFile(path),
            )
        }
        Backend::Postgres => {
            let admin_url = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL");
            let admin = Db::connect(&admin_url, 1)
                .await
                .expect("connect to TEST_DATABASE_URL");
            use sea_orm::ConnectionTrait;
            admin
                .conn()
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create test database");
            admin.close().await.expect("close");
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b.to_owned())
                .expect("database url with a path");
            (
                format!("{base}/{name}"),
                DbGuard::Postgres { admin_url, name },
            )
        }
    }
}

/// Starts the application on a fresh database with the test province:
/// T (province) → D1 (department) → D1.1 (division); T → C1, C2 (communes); accounts
/// `admin` (T), `manager` (D1), `province_manager` (T), `officer` (C1), `viewer` (T).
pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

/// [`spawn_app`] with settings changed by `configure` (limits, CORS, production mode …).
/// Tests fire many requests from one address: the per-address rate limit is raised unless
/// `configure` sets it.
pub async fn spawn_app_with(backend: Backend, configure: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_app_on(backend, Preset::Default, configure).await
}

/// [`spawn_app`] set up with the national index (QĐ 766) as its catalogue.
pub async fn spawn_app_qd766(backend: Backend) -> TestApp {
    spawn_app_on(backend, Preset::Qd766, |_| {}).await
}

/// [`spawn_app_with`] on the catalogue `preset`.
pub async fn spawn_app_on(
    backend: Backend,
    preset: Preset,
    configure: impl FnOnce(&mut Settings),
) -> TestApp {
    let (url, guard) = fresh_database(backend).await;
    let mut settings = instance_settings(&url);
    settings.ops.rate_limit_per_second = 100_000;
    settings.ops.rate_limit_burst = 100_000;
    settings.ops.user_rate_limit_per_second = 100_000;
    settings.ops.user_rate_limit_burst = 100_000;
    configure(&mut settings);
    let app = Application::build(&settings)
        .await
        .expect("build the application");
    let port = app.port();
    let db = app.db().clone();
    tokio::spawn(app.run_until(std::future::pending()));
    setup::setup(
        &db,
        setup::SetupCommand {
            province_code: "T".into(),
            province_name: "Tỉnh Thử nghiệm".into(),
            admin_username: "admin".into(),
            admin_password: PASSWORD.into(),
            catalogue: preset,
        },
    )
    .await
    .expect("setup");
    let tree = build_tree(&db).await;
    for (username, role, unit) in [
        ("manager", Role::Manager, tree.department),
        ("province_manager", Role::Manager, tree.province),
        ("officer", Role::Officer, tree.commune),
        ("viewer", Role::Viewer, tree.province),
    ] {
        add_account(&db, username, role, unit).await;
    }
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        client: reqwest::Client::new(),
        db,
        tree,
        backend,
        url: url.clone(),
        tokens: Default::default(),
        _guard: guard,
    }
}

async fn build_tree(db: &Db) -> Tree {
    use backend::domain::input::Code;
    use backend::service::units::create_in;
    use shared::UnitKind;
    let txn = db.write().await.expect("write");
    let root = root_unit(&*txn).await;
    let mk = |code: &str| Code::parse("code", code).expect("code");
    let department = create_in(
        &*txn,
        None,
        mk("D1"),
        "Sở Một".into(),
        UnitKind::Department,
        Some(root),
    )
    .await
    .expect("D1")
    .id;
    let division = create_in(
        &*txn,
        None,
        mk("D1.1"),
        "Phòng Một".into(),
        UnitKind::Division,
        Some(department),
    )
    .await
    .expect("D1.1")
    .id;
    let commune = create_in(
        &*txn,
        None,
        mk("C1"),
        "Xã Một".into(),
        UnitKind::Commune,
        Some(root),
    )
    .await
    .expect("C1")
    .id;
    let other_commune = create_in(
        &*txn,
        None,
        mk("C2"),
        "Xã Hai".into(),
        UnitKind::Commune,
        Some(root),
    )
    .await
    .expect("C2")
    .id;
    txn.commit().await.expect("commit");
    Tree {
        province: root,
        department,
        division,
        commune,
        other_commune,
    }
}

async fn root_unit(db: &impl sea_orm::ConnectionTrait) -> UnitId {
    use backend::db::entities::unit;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let row = unit::Entity::find()
        .filter(unit::Column::ParentId.is_null())
        .one(db)
        .await
        .expect("query")
        .expect("root");
    UnitId(row.id)
}

impl TestApp {
    /// The database URL the application runs on.
    pub fn database_url(&self) -> String {
        self.url.clone()
    }

    /// POSTs a GraphQL request with an optional bearer token; returns the JSON body.
    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut req = self
            .client
            .post(format!("{}/graphql", self.address))
            .json(&json!({"query": query, "variables": variables}));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send()
            .await
            .expect("send")
            .json()
            .await
            .expect("json body")
    }

    /// POSTs a GraphQL multipart request (the upload spec) with one file as `$f`.
    pub async fn upload(
        &self,
        token: Option<&str>,
        query: &str,
        mut variables: Value,
        name: &str,
        bytes: Vec<u8>,
    ) -> Value {
        variables["f"] = Value::Null;
        let operations = json!({"query": query, "variables": variables}).to_string();
        let form = reqwest::multipart::Form::new()
            .text("operations", operations)
            .text("map", r#"{"0": ["variables.f"]}"#)
            .part(
                "0",
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
            );
        let mut req = self
            .client
            .post(format!("{}/graphql", self.address))
            .multipart(form);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send()
            .await
            .expect("send")
            .json()
            .await
            .expect("json body")
    }

    /// The code of a unit of the test tree.
    pub fn code_of(&self, unit: UnitId) -> &'static str {
        let t = &self.tree;
        match unit {
            u if u == t.province => "T",
            u if u == t.department => "D1",
            u if u == t.division => "D1.1",
            u if u == t.commune => "C1",
            u if u == t.other_commune => "C2",
            _ => "?",
        }
    }

    /// Logs in (once per user per test) and returns the session token.
    pub async fn token(&self, username: &str) -> String {
        if let Some(t) = self.tokens.lock().await.get(username) {
            return t.clone();
        }
        let body = self.login(username, PASSWORD).await;
        let token = body["data"]["login"]["token"]
            .as_str()
            .unwrap_or_else(|| panic!("login of {username} failed: {body}"))
            .to_owned();
        self.tokens
            .lock()
            .await
            .insert(username.to_owned(), token.clone());
        token
    }

    /// The raw `login` answer.
    pub async fn login(&self, username: &str, password: &str) -> Value {
        self.gql(
            None,
            "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token expiresAt user { username role unit { code } } } }",
            json!({"u": username, "p": password}),
        )
        .await
    }

    /// A new active account with the test password, no staff link.
    pub async fn add_account(
        &self,
        username: &str,
        role: Role,
        unit: UnitId,
    ) -> shared::ids::UserId {
        add_account(&self.db, username, role, unit).await
    }

    /// Runs `query` as `username`.
    pub async fn as_user(&self, username: &str, query: &str, variables: Value) -> Value {
        let token = self.token(username).await;
        self.gql(Some(&token), query, variables).await
    }

    /// Saves figures of a month as `username`.
    pub async fn save_month(
        &self,
        username: &str,
        unit: UnitId,
        year: i32,
        month: i32,
        values: &[(&str, i64)],
        expected_version: Option<i32>,
    ) -> Value {
        let values: Vec<Value> = values
            .iter()
            .map(|(c, v)| json!({"measureCode": c, "value": v}))
            .collect();
        self.as_user(
            username,
            "mutation($u: ID!, $y: Int!, $m: Int!, $v: [MeasureValueInput!]!, $e: Int) {
               saveMonthlyReport(unitId: $u, year: $y, month: $m, values: $v, expectedVersion: $e) {
                 status version comment values { measure { code } value status } } }",
            json!({"u": unit.to_string(), "y": year, "m": month, "v": values, "e": expected_version}),
        )
        .await
    }

    /// Creates a decision as admin; returns its id.
    pub async fn decision(&self, number: &str, year: i32) -> String {
        let body = self
            .as_user(
                "admin",
                "mutation($n: String!, $y: Int!) { createDecision(input: {number: $n, title: \"Giao chỉ tiêu\", issuedOn: \"2023-02-08\", year: $y}) { id } }",
                json!({"n": number, "y": year}),
            )
            .await;
        body["data"]["createDecision"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("createDecision: {body}"))
            .to_owned()
    }
}

/// The `extensions.code` of the first error, if any.
pub fn error_code(body: &Value) -> Option<&str> {
    body["errors"][0]["extensions"]["code"].as_str()
}

/// The `extensions.field` of the first error, if any.
pub fn error_field(body: &Value) -> Option<&str> {
    body["errors"][0]["extensions"]["field"].as_str()
}

/// Asserts that the request failed with `code` and returned no data for the field.
pub fn assert_error(body: &Value, code: &str) {
    assert_eq!(error_code(body), Some(code), "expected {code}, got {body}");
}

/// Asserts that the request succeeded.
pub fn assert_ok(body: &Value) {
    assert!(
        body.get("errors").is_none_or(|e| e.is_null()),
        "unexpected errors: {body}"
    );
}

/// Runs each listed `async fn(TestApp)` on SQLite and (when TEST_DATABASE_URL is set at
/// build time) on PostgreSQL, as `<name>::sqlite` and `<name>::postgres`.
#[macro_export]
macro_rules! both_databases {
    (qd766: $($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::helpers::spawn_app_qd766($crate::helpers::Backend::Sqlite).await).await
            }

            #[cfg(postgres_tests)]
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::helpers::spawn_app_qd766($crate::helpers::Backend::Postgres).await).await
            }
        }
    )*};
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::helpers::spawn_app($crate::helpers::Backend::Sqlite).await).await
            }

            #[cfg(postgres_tests)]
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::helpers::spawn_app($crate::helpers::Backend::Postgres).await).await
            }
        }
    )*};
}

/// Sets a target as admin; returns its id.
pub async fn set_target(
    app: &TestApp,
    decision: &str,
    unit: UnitId,
    code: &str,
    value: f64,
    baseline: Option<f64>,
) -> String {
    let body = app
        .as_user(
            "admin",
            "mutation($d: ID!, $u: ID!, $c: String!, $v: Float!, $b: Float) {
               setTarget(input: {decisionId: $d, unitId: $u, indicatorCode: $c, value: $v, baseline: $b}) { id } }",
            json!({"d": decision, "u": unit.to_string(), "c": code, "v": value, "b": baseline}),
        )
        .await;
    body["data"]["setTarget"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("setTarget: {body}"))
        .to_owned()
}
