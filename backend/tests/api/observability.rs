//! Operations: Prometheus metrics at `/metrics`, request ids in error responses, JSON logs
//! that carry the request id and never a password or token, and a clean stop on SIGTERM.

use crate::helpers::{Backend, PASSWORD, assert_error, spawn_app, spawn_app_with};
use secrecy::SecretString;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn has_series(metrics: &str, name: &str, labels: &[&str]) -> bool {
    metrics.lines().any(|line| {
        line.starts_with(&format!("{name}{{")) && labels.iter().all(|l| line.contains(l))
            || (labels.is_empty() && line.starts_with(&format!("{name} ")))
    })
}

#[tokio::test]
async fn metrics_count_operations_routes_login_failures_and_the_pool() {
    let app = spawn_app(Backend::Sqlite).await;
    let token = app.token("admin").await;
    let body = app
        .gql(Some(&token), "query WhoAmI { me { username } }", json!({}))
        .await;
    assert_eq!(body["data"]["me"]["username"], "admin");
    assert_error(
        &app.login("admin", "not-the-password").await,
        "UNAUTHENTICATED",
    );

    let metrics = app
        .client
        .get(format!("{}/metrics", app.address))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("text");
    for (name, labels) in [
        (
            "chitieu_graphql_operations_total",
            &["operation=\"WhoAmI\"", "outcome=\"ok\""][..],
        ),
        (
            "chitieu_graphql_operation_duration_seconds_bucket",
            &["operation=\"WhoAmI\""][..],
        ),
        (
            "chitieu_http_requests_total",
            &["route=\"/graphql\"", "method=\"POST\"", "status=\"200\""][..],
        ),
        (
            "chitieu_http_request_duration_seconds_bucket",
            &["route=\"/graphql\""][..],
        ),
        ("chitieu_db_pool_connections", &["state=\"idle\""][..]),
        ("chitieu_db_pool_connections", &["state=\"in_use\""][..]),
    ] {
        assert!(
            has_series(&metrics, name, labels),
            "no {name} {labels:?} in\n{metrics}"
        );
    }
    assert!(
        has_series(&metrics, "chitieu_login_failures_total", &[]),
        "no login failures counter in\n{metrics}"
    );
}

#[tokio::test]
async fn metrics_can_require_a_bearer_token() {
    let app = spawn_app_with(Backend::Sqlite, |s| {
        s.ops.metrics_token = Some(SecretString::from("bi-mat-cua-prometheus"));
    })
    .await;
    let url = format!("{}/metrics", app.address);
    let anonymous = app.client.get(&url).send().await.expect("get");
    assert_eq!(anonymous.status(), 401);
    let wrong = app
        .client
        .get(&url)
        .bearer_auth("khac")
        .send()
        .await
        .expect("get");
    assert_eq!(wrong.status(), 401);
    let right = app
        .client
        .get(&url)
        .bearer_auth("bi-mat-cua-prometheus")
        .send()
        .await
        .expect("get");
    assert_eq!(right.status(), 200);
    assert!(right.text().await.expect("text").contains("chitieu_"));
}

#[tokio::test]
async fn every_graphql_error_names_the_request_id_of_its_response() {
    let app = spawn_app(Backend::Sqlite).await;
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&json!({"query": "{ me { id } }"}))
        .send()
        .await
        .expect("send");
    let id = response
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .expect("x-request-id");
    let body: Value = response.json().await.expect("json");
    assert_error(&body, "UNAUTHENTICATED");
    assert_eq!(body["errors"][0]["extensions"]["requestId"], id.as_str());
}

/// A `chitieu` process whose standard output is collected line by line.
struct Server {
    child: std::process::Child,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(dir: &std::path::Path, url: &str) -> (Server, u16) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chitieu"))
            .args(["serve", "--database-url", url, "--bind", "127.0.0.1:0"])
            .current_dir(dir)
            .env("CHITIEU_LOG_JSON", "true")
            .env("RUST_LOG", "debug")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chitieu serve");
        let stdout = child.stdout.take().expect("stdout");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (port_tx, port_rx) = std::sync::mpsc::channel();
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(port) = line
                    .split("listening on http://127.0.0.1:")
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .and_then(|p| p.parse::<u16>().ok())
                {
                    let _ = port_tx.send(port);
                }
                sink.lock().expect("lines").push(line);
            }
        });
        let port = port_rx
            .recv_timeout(Duration::from_secs(20))
            .expect("the server reports its port");
        (Server { child, lines }, port)
    }

    /// Sends SIGTERM and waits for the exit status.
    fn terminate(&mut self) -> std::process::ExitStatus {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not stop on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn json_logs_carry_the_request_id_and_never_a_password_or_token() {
    let dir = std::env::temp_dir().join(format!("chitieu-logs-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    let url = format!("sqlite://{}?mode=rwc", dir.join("chitieu.db").display());
    let mut setup = Command::new(env!("CARGO_BIN_EXE_chitieu"))
        .args(["setup", "--database-url", &url, "--province-code", "T"])
        .args(["--province-name", "Tỉnh Thử", "--admin-username", "admin"])
        .arg("--admin-password-stdin")
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("setup");
    writeln!(setup.stdin.take().expect("stdin"), "{PASSWORD}").expect("password");
    assert!(setup.wait().expect("setup").success());

    let (mut server, port) = Server::start(&dir, &url);
    let client = reqwest::Client::new();
    let endpoint = format!("http://127.0.0.1:{port}/graphql");
    let login =
        "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }";
    let wrong_password = "sai-mat-khau-bi-mat";
    let refused: Value = client
        .post(&endpoint)
        .json(&json!({"query": login, "variables": {"u": "admin", "p": wrong_password}}))
        .send()
        .await
        .expect("login")
        .json()
        .await
        .expect("json");
    assert_error(&refused, "UNAUTHENTICATED");
    let session: Value = client
        .post(&endpoint)
        .json(&json!({"query": login, "variables": {"u": "admin", "p": PASSWORD}}))
        .send()
        .await
        .expect("login")
        .json()
        .await
        .expect("json");
    let token = session["data"]["login"]["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let me = client
        .post(&endpoint)
        .bearer_auth(&token)
        .json(&json!({"query": "{ me { username } }"}))
        .send()
        .await
        .expect("me");
    let request_id = me
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .expect("x-request-id");
    assert_eq!(me.status(), 200);
    // In a fresh process the metrics recorder counts from the first request on.
    let metrics = client
        .get(format!("http://127.0.0.1:{port}/metrics"))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("text");
    assert!(
        has_series(
            &metrics,
            "chitieu_graphql_operations_total",
            &["outcome=\"ok\""]
        ),
        "{metrics}"
    );
    assert!(
        has_series(&metrics, "chitieu_login_failures_total", &[]),
        "{metrics}"
    );

    let status = server.terminate();
    assert!(status.success(), "exit status {status:?}");
    std::thread::sleep(Duration::from_millis(100));
    let lines = server.lines.lock().expect("lines").clone();
    let _ = std::fs::remove_dir_all(&dir);

    assert!(!lines.is_empty());
    let mut request_lines = 0;
    for line in &lines {
        let parsed: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("not a JSON log line ({e}): {line}"));
        if parsed["span"]["request_id"] == request_id.as_str() {
            request_lines += 1;
        }
        for secret in [PASSWORD, wrong_password, token.as_str()] {
            assert!(!line.contains(secret), "a secret was logged: {line}");
        }
    }
    assert!(
        request_lines >= 1,
        "no log line carries {request_id}:\n{}",
        lines.join("\n")
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("requests finished, database pool closed")),
        "no clean stop in the log:\n{}",
        lines.join("\n")
    );
}
