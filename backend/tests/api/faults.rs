//! Crashes: the real `chitieu` binary is killed with SIGKILL in the middle of a burst of
//! writes and started again. Then `chitieu check` passes (roll-ups equal a recomputation,
//! every figure belongs to its report), every write acknowledged before the kill is there,
//! and no write is half-stored. A burst is a [`Workload`]: another kind of write (a large
//! import, say) is a new implementation given to [`kill_mid_burst`].

use crate::helpers::{Backend, PASSWORD, fresh_database};
use serde_json::{Value, json};
use shared::measures::DEFAULT_MEASURES;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The `chitieu` binary, run from a scratch directory so that no `chitieu.toml` applies.
fn chitieu(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chitieu"));
    cmd.args(args)
        .current_dir(std::env::temp_dir())
        .env_remove("DATABASE_URL")
        .env("NO_COLOR", "1")
        .env("RUST_LOG", "info,sqlx=warn,sea_orm=warn");
    cmd
}

/// `chitieu setup` on an empty database: the province `T` and the ADMIN `admin`.
fn setup(url: &str) {
    let mut child = chitieu(&[
        "setup",
        "--database-url",
        url,
        "--province-code",
        "T",
        "--province-name",
        "Tỉnh Thử nghiệm",
        "--admin-username",
        "admin",
        "--admin-password-stdin",
    ])
    .stdin(Stdio::piped())
    .stdout(Stdio::null())
    .spawn()
    .expect("run chitieu setup");
    writeln!(child.stdin.take().expect("stdin"), "{PASSWORD}").expect("write the password");
    assert!(
        child.wait().expect("wait").success(),
        "chitieu setup failed"
    );
}

/// `chitieu check` must pass.
fn check(url: &str, when: &str) {
    let out = chitieu(&["check", "--database-url", url])
        .output()
        .expect("run chitieu check");
    assert!(
        out.status.success(),
        "chitieu check failed {when}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A running `chitieu serve`; killed when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(url: &str) -> Server {
        // The harness reads back every write from one address: no rate limits here.
        let mut child = chitieu(&["serve", "--database-url", url, "--bind", "127.0.0.1:0"])
            .env("CHITIEU_RATE_LIMIT_PER_SECOND", "0")
            .env("CHITIEU_TOKEN_RATE_LIMIT_PER_SECOND", "0")
            .env("CHITIEU_USER_RATE_LIMIT_PER_SECOND", "0")
            // PostgreSQL needs a configured signing secret (SQLite uses its key file).
            .env("CHITIEU_JWT_SECRET", crate::helpers::TEST_JWT_SECRET)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start chitieu serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        // Reads the log until the port is known, then keeps draining it.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("listening on http://").nth(1) {
                    let port = rest.rsplit(':').next().and_then(|p| p.trim().parse().ok());
                    let _ = tx.send(port);
                }
            }
        });
        let port: u16 = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(Some(port)) => port,
            other => {
                let _ = child.kill();
                panic!("chitieu serve did not report its port: {other:?}")
            }
        };
        Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    /// SIGKILL: no shutdown, no flush, no goodbye.
    fn kill(&mut self) {
        self.child.kill().expect("kill the server");
        self.child.wait().expect("reap the server");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A logged-in admin on a server.
#[derive(Clone)]
pub struct Api {
    client: reqwest::Client,
    base: String,
    token: String,
}

impl Api {
    async fn login(base: &str) -> Api {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .build()
            .expect("client");
        let mut api = Api {
            client,
            base: base.to_owned(),
            token: String::new(),
        };
        let body = api
            .gql(
                "mutation($p: String!) { login(username: \"admin\", password: $p) { token } }",
                json!({"p": PASSWORD}),
            )
            .await
            .expect("login");
        api.token = body["data"]["login"]["token"]
            .as_str()
            .unwrap_or_else(|| panic!("login: {body}"))
            .to_owned();
        api
    }

    /// Runs a request; `Err` when the server did not answer (it is gone).
    pub async fn gql(&self, query: &str, variables: Value) -> Result<Value, reqwest::Error> {
        let res = self
            .client
            .post(format!("{}/graphql", self.base))
            .bearer_auth(&self.token)
            .json(&json!({"query": query, "variables": variables}))
            .send()
            .await?;
        assert!(
            !res.status().is_server_error(),
            "HTTP {} from the server",
            res.status()
        );
        res.json().await
    }

    /// Runs a request that must succeed.
    pub async fn ok(&self, query: &str, variables: Value) -> Value {
        let body = self.gql(query, variables).await.expect("an answer");
        assert!(
            body.get("errors").is_none_or(|e| e.is_null()),
            "unexpected errors: {body}"
        );
        body
    }
}

/// What a workload saw: how many writes the server acknowledged before it died.
#[derive(Clone, Default)]
pub struct Acks(Arc<Mutex<usize>>);

impl Acks {
    pub fn add(&self) {
        *self.0.lock().unwrap() += 1;
    }

    pub fn count(&self) -> usize {
        *self.0.lock().unwrap()
    }
}

/// A burst of writes that the server is killed in the middle of.
pub(crate) trait Workload {
    /// Acknowledged writes after which the server is killed.
    fn kill_after(&self) -> usize;
    /// Makes what the burst needs, through the API.
    async fn prepare(&mut self, api: &Api);
    /// Sends the writes concurrently, counting and remembering each acknowledged one;
    /// returns once the server no longer answers.
    async fn run(&self, api: &Api, acks: &Acks);
    /// After the restart: every acknowledged write is stored, none is half-stored.
    async fn verify(&self, api: &Api);
}

/// Runs `workload` against the `chitieu` binary on a fresh database, kills the server with
/// SIGKILL after `kill_after` acknowledged writes, checks the database with `chitieu check`,
/// restarts the server and lets the workload verify what is stored.
pub(crate) async fn kill_mid_burst<W: Workload>(backend: Backend, mut workload: W) {
    let started = Instant::now();
    let (url, _guard) = fresh_database(backend).await;
    setup(&url);
    let mut server = Server::start(&url);
    let api = Api::login(&server.base).await;
    workload.prepare(&api).await;
    let acks = Acks::default();
    let killer = async {
        let deadline = Instant::now() + Duration::from_secs(60);
        while acks.count() < workload.kill_after() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        server.kill();
    };
    tokio::join!(workload.run(&api, &acks), killer);
    assert!(
        acks.count() >= workload.kill_after(),
        "only {} writes were acknowledged before the kill",
        acks.count()
    );
    check(&url, "after the kill");
    let server = Server::start(&url);
    let api = Api::login(&server.base).await;
    workload.verify(&api).await;
    drop(server);
    check(&url, "after the restart");
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "the crash test took {:?}",
        started.elapsed()
    );
}

/// Full months (the 13 measures) saved concurrently by several writers, each into a
/// unit-month of its own, so that every month is either absent or complete.
#[derive(Default)]
struct MonthlySaves {
    units: Vec<String>,
    /// Every attempted month.
    attempts: Mutex<Vec<Attempt>>,
}

/// A save sent: its month, the value of each of its 13 measures, whether it was answered.
#[derive(Debug, Clone)]
struct Attempt {
    unit: String,
    year: i32,
    month: i32,
    value: i64,
    acked: bool,
}

const WRITERS: usize = 8;
const SAVE: &str = "mutation($u: ID!, $y: Int!, $m: Int!, $v: [MeasureValueInput!]!) {
  saveMonthlyReport(unitId: $u, year: $y, month: $m, values: $v) { version } }";

impl Workload for MonthlySaves {
    fn kill_after(&self) -> usize {
        40
    }

    async fn prepare(&mut self, api: &Api) {
        for i in 0..WRITERS {
            let body = api
                .ok(
                    "mutation($c: String!) { createUnit(input: {code: $c, name: \"Xã\", kind: COMMUNE}) { id } }",
                    json!({"c": format!("X{i}")}),
                )
                .await;
            self.units.push(
                body["data"]["createUnit"]["id"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            );
        }
    }

    async fn run(&self, api: &Api, acks: &Acks) {
        let writer = |w: usize| async move {
            for n in 0..120 {
                let (year, month) = (2014 + n / 12, n % 12 + 1);
                let value = (w * 1000 + n as usize + 1) as i64;
                let unit = self.units[w].clone();
                let values: Vec<Value> = DEFAULT_MEASURES
                    .iter()
                    .map(|c| json!({"measureCode": c, "value": value}))
                    .collect();
                let slot = {
                    let mut attempts = self.attempts.lock().unwrap();
                    attempts.push(Attempt {
                        unit: unit.clone(),
                        year,
                        month,
                        value,
                        acked: false,
                    });
                    attempts.len() - 1
                };
                let vars = json!({"u": unit, "y": year, "m": month, "v": values});
                match api.gql(SAVE, vars).await {
                    Ok(body) => {
                        assert!(
                            body.get("errors").is_none_or(|e| e.is_null()),
                            "a save failed before the kill: {body}"
                        );
                        self.attempts.lock().unwrap()[slot].acked = true;
                        acks.add();
                    }
                    // The server is gone.
                    Err(_) => return,
                }
            }
        };
        let mut writers = Vec::new();
        for w in 0..WRITERS {
            writers.push(Box::pin(writer(w)));
        }
        join_all(writers).await;
    }

    async fn verify(&self, api: &Api) {
        let attempts = self.attempts.lock().unwrap().clone();
        let cut_off = attempts.iter().filter(|a| !a.acked).count();
        // Every writer had a save in flight when the server died.
        assert_eq!(cut_off, WRITERS, "saves cut off by the kill");
        let mut acked = 0;
        for Attempt {
            unit,
            year,
            month,
            value,
            acked: ack,
        } in attempts
        {
            let body = api
                .ok(
                    "query($u: ID!, $y: Int!, $m: Int!) { monthlyReport(unitId: $u, year: $y, month: $m) { version values { measure { code } value } } }",
                    json!({"u": unit, "y": year, "m": month}),
                )
                .await;
            let report = &body["data"]["monthlyReport"];
            let values = report["values"].as_array().unwrap();
            let complete = report["version"] == 1
                && values.len() == DEFAULT_MEASURES.len()
                && values.iter().all(|v| v["value"] == value);
            let absent = report["version"] == 0 && values.is_empty();
            // A write committed whose answer the kill swallowed is complete too.
            assert!(
                complete || (!ack && absent),
                "unit {unit} {month}/{year} (acknowledged: {ack}) is neither complete with {value} nor absent: {report}"
            );
            acked += usize::from(ack);
        }
        assert!(acked >= self.kill_after(), "{acked} acknowledged");
    }
}

/// Large imports sent one after another, each a whole year of 8 units (1,248 values in the
/// long layout); the server is killed while one is being stored. Each file must be either
/// entirely stored or not at all.
#[derive(Default)]
struct LargeImports {
    units: Vec<(String, String)>,
    /// (year of the file, acknowledged).
    files: Mutex<Vec<(i32, bool)>>,
}

impl LargeImports {
    fn value(unit: usize, year: i32, month: i32) -> i64 {
        (unit as i64 + 1) * 100_000 + i64::from(year) * 100 + i64::from(month)
    }

    fn file(&self, year: i32) -> Vec<u8> {
        let mut text = String::from("unit_code,year,month,measure_code,value\n");
        for (i, (_, code)) in self.units.iter().enumerate() {
            for month in 1..=12 {
                for measure in DEFAULT_MEASURES {
                    let v = Self::value(i, year, month);
                    text.push_str(&format!("{code},{year},{month},{measure},{v}\n"));
                }
            }
        }
        text.into_bytes()
    }
}

impl Workload for LargeImports {
    fn kill_after(&self) -> usize {
        3
    }

    async fn prepare(&mut self, api: &Api) {
        for i in 0..8 {
            let code = format!("NK{i}");
            let body = api
                .ok(
                    "mutation($c: String!) { createUnit(input: {code: $c, name: \"Phường\", kind: COMMUNE}) { id } }",
                    json!({"c": code}),
                )
                .await;
            let id = body["data"]["createUnit"]["id"]
                .as_str()
                .unwrap()
                .to_owned();
            self.units.push((id, code));
        }
    }

    async fn run(&self, api: &Api, acks: &Acks) {
        for year in 2001..2040 {
            let slot = {
                let mut files = self.files.lock().unwrap();
                files.push((year, false));
                files.len() - 1
            };
            let operations = json!({
                "query": "mutation($f: Upload!) { importFigures(file: $f) { stored values } }",
                "variables": {"f": null}
            });
            let form = reqwest::multipart::Form::new()
                .text("operations", operations.to_string())
                .text("map", r#"{"0": ["variables.f"]}"#)
                .part(
                    "0",
                    reqwest::multipart::Part::bytes(self.file(year))
                        .file_name(format!("{year}.csv")),
                );
            let sent = api
                .client
                .post(format!("{}/graphql", api.base))
                .bearer_auth(&api.token)
                .multipart(form)
                .send()
                .await;
            let Ok(res) = sent else { return };
            let Ok(body) = res.json::<Value>().await else {
                return;
            };
            assert_eq!(
                body["data"]["importFigures"]["stored"], true,
                "an import failed before the kill: {body}"
            );
            self.files.lock().unwrap()[slot].1 = true;
            acks.add();
        }
    }

    async fn verify(&self, api: &Api) {
        let files = self.files.lock().unwrap().clone();
        assert!(
            files.iter().any(|(_, acked)| !acked),
            "the kill cut an import off"
        );
        for (year, acked) in files {
            let mut complete = 0;
            let mut absent = 0;
            for (i, (unit, _)) in self.units.iter().enumerate() {
                for month in 1..=12 {
                    let body = api
                        .ok(
                            "query($u: ID!, $y: Int!, $m: Int!) { monthlyReport(unitId: $u, year: $y, month: $m) { values { value } } }",
                            json!({"u": unit, "y": year, "m": month}),
                        )
                        .await;
                    let values = body["data"]["monthlyReport"]["values"]
                        .as_array()
                        .unwrap()
                        .clone();
                    if values.is_empty() {
                        absent += 1;
                    } else {
                        assert!(
                            values.len() == DEFAULT_MEASURES.len()
                                && values
                                    .iter()
                                    .all(|v| v["value"] == Self::value(i, year, month)),
                            "{year}: a month stored by half: {body}"
                        );
                        complete += 1;
                    }
                }
            }
            assert!(
                (complete == 96 && absent == 0) || (!acked && complete == 0 && absent == 96),
                "the file of {year} (acknowledged: {acked}) is stored by half: {complete} months complete, {absent} absent"
            );
        }
    }
}

mod a_server_killed_during_a_large_import_stores_each_file_whole_or_not_at_all {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        kill_mid_burst(Backend::Sqlite, LargeImports::default()).await;
    }

    #[cfg(postgres_tests)]
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        kill_mid_burst(Backend::Postgres, LargeImports::default()).await;
    }
}

/// Polls every future to completion on the current task.
async fn join_all<F: std::future::Future<Output = ()> + Unpin>(mut futures: Vec<F>) {
    std::future::poll_fn(|cx| {
        futures.retain_mut(|f| std::pin::Pin::new(f).poll(cx).is_pending());
        if futures.is_empty() {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await
}

mod a_server_killed_during_saves_loses_no_acknowledged_month_and_stores_none_by_half {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        kill_mid_burst(Backend::Sqlite, MonthlySaves::default()).await;
    }

    #[cfg(postgres_tests)]
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        kill_mid_burst(Backend::Postgres, MonthlySaves::default()).await;
    }
}

/// `chitieu check` fails when a roll-up is off by one, and when a figure sits in the report
/// of another month.
async fn check_detects_broken_roll_ups_and_misfiled_figures(backend: Backend) {
    use sea_orm::ConnectionTrait;
    let (url, _guard) = fresh_database(backend).await;
    setup(&url);
    let server = Server::start(&url);
    let api = Api::login(&server.base).await;
    for month in [1, 2] {
        api.ok(
            "mutation($m: Int!) { saveMonthlyReport(unitId: \"1\", year: 2023, month: $m, values: [{measureCode: \"RECEIVED\", value: 5}]) { version } }",
            json!({"m": month}),
        )
        .await;
    }
    drop(server);
    check(&url, "before the damage");
    let db = backend::db::Db::connect(&url, 1).await.unwrap();
    let failing = |when: &'static str| {
        let out = chitieu(&["check", "--database-url", &url])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!out.status.success(), "chitieu check passed {when}");
        stderr
    };
    db.conn()
        .execute_unprepared("UPDATE measure_rollups SET ytd_total = ytd_total + 1 WHERE month = 12")
        .await
        .unwrap();
    let stderr = failing("with a roll-up off by one");
    assert!(stderr.contains("roll-ups differ"), "{stderr}");
    db.conn()
        .execute_unprepared("UPDATE measure_rollups SET ytd_total = ytd_total - 1 WHERE month = 12")
        .await
        .unwrap();
    check(&url, "once repaired");
    db.conn()
        .execute_unprepared(
            "UPDATE measure_values SET report_id = (SELECT id FROM monthly_reports WHERE month = 2) WHERE month = 1",
        )
        .await
        .unwrap();
    let stderr = failing("with a figure in another month's report");
    assert!(stderr.contains("figures without a report"), "{stderr}");
    db.close().await.unwrap();
}

mod chitieu_check_detects_broken_roll_ups_and_misfiled_figures {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        check_detects_broken_roll_ups_and_misfiled_figures(Backend::Sqlite).await;
    }

    #[cfg(postgres_tests)]
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        check_detects_broken_roll_ups_and_misfiled_figures(Backend::Postgres).await;
    }
}
