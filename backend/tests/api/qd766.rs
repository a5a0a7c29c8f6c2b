//! The national index (QĐ 766) as the catalogue: the worked example of QD766.md through
//! GraphQL, the no-data and applies-to rules, the previous period's rank, consistency rules
//! that come from the catalogue, and an ADMIN editing the new rules.

use crate::both_databases;
use crate::helpers::{TestApp, assert_error, assert_ok};
use serde_json::{Value, json};
use shared::ids::UnitId;

/// Commune Y's month 3/2026 (QD766.md, "Worked example").
const COMMUNE_Y: [(&str, i64); 27] = [
    ("TTHC_PUBLISH_DUE", 10),
    ("TTHC_PUBLISHED_ON_TIME", 9),
    ("TTHC_UPDATE_DUE", 0),
    ("TTHC_UPDATED_ON_TIME", 0),
    ("TTHC_PUBLISHED", 8),
    ("TTHC_PUBLISHED_COMPLETE", 8),
    ("DOSSIERS_TRACKED", 400),
    ("DOSSIERS_SYNCED", 380),
    ("DUE", 300),
    ("ON_TIME", 270),
    ("FULL_ONLINE_ELIGIBLE", 200),
    ("FULL_ONLINE", 110),
    ("FEE_BEARING", 50),
    ("PAID_ONLINE", 30),
    ("SETTLED", 250),
    ("E_RESULT", 200),
    ("RECEIVED", 320),
    ("DIGITIZED", 256),
    ("COMMUNES_IN_SCOPE", 1),
    ("COMMUNES_E_CERTIFY", 1),
    ("REUSE_ELIGIBLE", 100),
    ("REUSED", 60),
    ("STORE_ELIGIBLE", 0),
    ("FEEDBACK", 0),
    ("FEEDBACK_HANDLED", 0),
    ("DOSSIERS_HANDLED", 250),
    ("DOSSIERS_SATISFIED", 240),
];

const BOARD: &str = "query($y: Int!, $i: Int!, $k: PeriodKind!) {
  scoreboard(period: {year: $y, kind: $k, index: $i}, kind: COMMUNE) {
    rank score earned available previousRank previousScore
    unit { code }
    groups { group earned available }
    results { indicator { code } numerator denominator value points maxPoints applies excluded
              shortfall { dossiers goal against } }
  }
}";

async fn board(app: &TestApp, user: &str, year: i32, index: i32, kind: &str) -> Vec<Value> {
    let body = app
        .as_user(user, BOARD, json!({"y": year, "i": index, "k": kind}))
        .await;
    assert_ok(&body);
    body["data"]["scoreboard"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn row<'a>(rows: &'a [Value], code: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["unit"]["code"] == code)
        .unwrap_or_else(|| panic!("no row of {code} in {rows:?}"))
}

fn result<'a>(row: &'a Value, code: &str) -> &'a Value {
    row["results"]
        .as_array()
        .and_then(|l| l.iter().find(|r| r["indicator"]["code"] == code))
        .unwrap_or_else(|| panic!("no result of {code}"))
}

async fn save(app: &TestApp, unit: UnitId, month: i32, values: &[(&str, i64)]) {
    let body = app
        .save_month("admin", unit, 2026, month, values, None)
        .await;
    assert_ok(&body);
}

async fn the_worked_example_scores_83_18_through_graphql(app: TestApp) {
    save(&app, app.tree.commune, 3, &COMMUNE_Y).await;
    let rows = board(&app, "admin", 2026, 3, "MONTH").await;
    let y = row(&rows, "C1");
    assert_eq!(y["score"], json!(83.18));
    assert_eq!(y["earned"], json!(73.2));
    assert_eq!(y["available"], json!(88.0));
    assert_eq!(y["rank"], json!(1));
    for (code, points) in [
        ("PUBLISH_ON_TIME_RATE", json!(5.4)),
        ("CONTENT_COMPLETE_RATE", json!(2.0)),
        ("ON_TIME_RATE", json!(18.0)),
        ("FULL_ONLINE_RATE", json!(6.6)),
        ("ONLINE_PAYMENT_RATE", json!(6.0)),
        ("E_RESULT_RATE", json!(4.8)),
        ("DIGITIZATION_RATE", json!(3.2)),
        ("E_CERTIFY_RATE", json!(2.0)),
        ("REUSE_RATE", json!(1.5)),
        ("DOSSIER_SATISFACTION_RATE", json!(6.0)),
    ] {
        let p = result(y, code)["points"].as_f64().unwrap_or(f64::NAN);
        assert!((p - points.as_f64().unwrap()).abs() < 1e-9, "{code}: {p}");
    }
    // No data: EXCLUDE is out of the score, FULL gives full points without a value.
    let update = result(y, "UPDATE_ON_TIME_RATE");
    assert_eq!(
        (update["points"].clone(), update["excluded"].clone()),
        (Value::Null, json!("NO_DATA"))
    );
    let feedback = result(y, "FEEDBACK_ON_TIME_RATE");
    assert_eq!(feedback["value"], Value::Null);
    assert_eq!(feedback["points"], json!(6.0));
    assert_eq!(feedback["excluded"], Value::Null);
    assert_eq!(result(y, "DATA_STORE_RATE")["excluded"], json!("NO_DATA"));
    // Province-only indicators do not apply to a commune.
    let citizen = result(y, "CITIZEN_DATA_TTHC_RATE");
    assert_eq!(citizen["applies"], json!(false));
    assert_eq!(citizen["excluded"], json!("NOT_APPLICABLE"));
    assert_eq!(citizen["points"], Value::Null);
    // What it takes: 20 more reused dossiers reach the 80 % threshold.
    assert_eq!(
        result(y, "REUSE_RATE")["shortfall"],
        json!({"dossiers": 20, "goal": 80.0, "against": "THRESHOLD"})
    );
    assert_eq!(result(y, "ON_TIME_RATE")["shortfall"], Value::Null);
    // Group subtotals add up to the total.
    let groups = y["groups"].as_array().unwrap();
    let earned: f64 = groups.iter().map(|g| g["earned"].as_f64().unwrap()).sum();
    let available: f64 = groups
        .iter()
        .map(|g| g["available"].as_f64().unwrap())
        .sum();
    assert!(
        (earned - 73.2).abs() < 1e-6 && (available - 88.0).abs() < 1e-9,
        "{groups:?}"
    );
    let mdhl = groups.iter().find(|g| g["group"] == "MDHL").unwrap();
    assert_eq!(
        (mdhl["earned"].clone(), mdhl["available"].clone()),
        (json!(18.0), json!(18.0))
    );
    // A commune that reported nothing has no score and no rank.
    let other = row(&rows, "C2");
    assert_eq!(
        (other["score"].clone(), other["rank"].clone()),
        (Value::Null, Value::Null)
    );
    assert_eq!(
        result(other, "FEEDBACK_ON_TIME_RATE")["excluded"],
        json!("NOTHING_REPORTED")
    );
}

async fn the_previous_period_gives_the_rank_and_score_before(app: TestApp) {
    // February: C2 ahead of C1; March: C1 ahead of C2.
    let weak: Vec<(&str, i64)> = COMMUNE_Y
        .iter()
        .map(|&(c, v)| if c == "ON_TIME" { (c, 30) } else { (c, v) })
        .collect();
    save(&app, app.tree.commune, 2, &weak).await;
    save(&app, app.tree.other_commune, 2, &COMMUNE_Y).await;
    save(&app, app.tree.commune, 3, &COMMUNE_Y).await;
    save(&app, app.tree.other_commune, 3, &weak).await;
    let rows = board(&app, "admin", 2026, 3, "MONTH").await;
    let (c1, c2) = (row(&rows, "C1"), row(&rows, "C2"));
    assert_eq!(
        (c1["rank"].clone(), c1["previousRank"].clone()),
        (json!(1), json!(2))
    );
    assert_eq!(
        (c2["rank"].clone(), c2["previousRank"].clone()),
        (json!(2), json!(1))
    );
    assert_eq!(c1["previousScore"], c2["score"]);
    // A quarter looks back to the quarter before: none reported in Q4 2025.
    let q1 = board(&app, "admin", 2026, 1, "QUARTER").await;
    assert_eq!(row(&q1, "C1")["previousRank"], Value::Null);
    // YTD 3 looks back to YTD 2, where C1 was second.
    let ytd = board(&app, "admin", 2026, 3, "YTD").await;
    assert_eq!(row(&ytd, "C1")["previousRank"], json!(2));
}

async fn consistency_rules_come_from_the_catalogue(app: TestApp) {
    // Not a rule of the national index: full online above online submissions is allowed.
    let body = app
        .save_month(
            "admin",
            app.tree.commune,
            2026,
            4,
            &[
                ("RECEIVED", 100),
                ("RECEIVED_ONLINE", 40),
                ("FULL_ONLINE_ELIGIBLE", 80),
                ("FULL_ONLINE", 50),
            ],
            None,
        )
        .await;
    assert_ok(&body);
    // A numerator above its denominator is refused, named by both measures.
    let body = app
        .save_month(
            "admin",
            app.tree.commune,
            2026,
            5,
            &[("FULL_ONLINE_ELIGIBLE", 10), ("FULL_ONLINE", 11)],
            None,
        )
        .await;
    assert_error(&body, "VALIDATION");
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("FULL_ONLINE_ELIGIBLE"), "{message}");
    let body = app
        .as_user("officer", "{ consistencyRules { part whole } }", json!({}))
        .await;
    assert_ok(&body);
    let rules = body["data"]["consistencyRules"].as_array().unwrap().clone();
    let has = |p: &str, w: &str| rules.iter().any(|r| r["part"] == p && r["whole"] == w);
    assert!(has("RECEIVED_ONLINE", "RECEIVED") && has("FULL_ONLINE", "FULL_ONLINE_ELIGIBLE"));
    assert!(has("DOSSIERS_SATISFIED", "DOSSIERS_HANDLED"));
    assert!(!has("FULL_ONLINE", "RECEIVED_ONLINE"));
    assert_eq!(
        rules.len(),
        18,
        "one per rate, the two of the preset shared: {rules:?}"
    );
}

async fn an_admin_edits_what_an_indicator_gives_without_data_and_where_it_applies(app: TestApp) {
    save(&app, app.tree.commune, 3, &COMMUNE_Y).await;
    let update = "mutation($c: String!, $i: UpdateIndicatorInput!) {
      updateIndicator(code: $c, input: $i) { code noData appliesTo } }";
    let refused = app
        .as_user(
            "manager",
            update,
            json!({"c": "FEEDBACK_ON_TIME_RATE", "i": {"noData": "EXCLUDE"}}),
        )
        .await;
    assert_error(&refused, "FORBIDDEN");
    let body = app
        .as_user(
            "admin",
            update,
            json!({"c": "FEEDBACK_ON_TIME_RATE", "i": {"noData": "EXCLUDE"}}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(body["data"]["updateIndicator"]["noData"], json!("EXCLUDE"));
    // 73.20 − 6 of 88 − 6.
    let rows = board(&app, "admin", 2026, 3, "MONTH").await;
    assert_eq!(row(&rows, "C1")["score"], json!(81.95));
    let body = app
        .as_user(
            "admin",
            update,
            json!({"c": "ON_TIME_RATE", "i": {"appliesTo": ["DEPARTMENT", "PROVINCE", "DEPARTMENT"]}}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(
        body["data"]["updateIndicator"]["appliesTo"],
        json!(["PROVINCE", "DEPARTMENT"])
    );
    // 67.20 − 18 of 82 − 20.
    let rows = board(&app, "admin", 2026, 3, "MONTH").await;
    assert_eq!(row(&rows, "C1")["score"], json!(79.35));
    let bad = app
        .as_user(
            "admin",
            update,
            json!({"c": "ON_TIME_RATE", "i": {"noData": "SOMETIMES"}}),
        )
        .await;
    assert!(bad.get("errors").is_some(), "{bad}");
    let indicators = app
        .as_user(
            "viewer",
            "{ indicators { code noData appliesTo } indicatorGroups { code name } }",
            json!({}),
        )
        .await;
    assert_ok(&indicators);
    let list = indicators["data"]["indicators"].as_array().unwrap();
    assert_eq!(list.len(), 18);
    let citizen = list
        .iter()
        .find(|i| i["code"] == "CITIZEN_DATA_DOSSIER_RATE")
        .unwrap();
    assert_eq!(citizen["appliesTo"], json!(["PROVINCE"]));
    let groups = indicators["data"]["indicatorGroups"].as_array().unwrap();
    assert_eq!(
        groups[0],
        json!({"code": "CKMB", "name": "Công khai, minh bạch"})
    );
}

both_databases!(qd766:
    the_worked_example_scores_83_18_through_graphql,
    the_previous_period_gives_the_rank_and_score_before,
    consistency_rules_come_from_the_catalogue,
    an_admin_edits_what_an_indicator_gives_without_data_and_where_it_applies,
);

/// `chitieu setup --catalogue qd766` loads the preset; an unknown catalogue is refused
/// before anything is written.
#[tokio::test]
async fn setup_on_the_command_line_loads_the_chosen_catalogue() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = std::env::temp_dir().join(format!("chitieu-qd766-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    let setup = |file: &str, catalogue: &str| {
        let url = format!("sqlite://{}?mode=rwc", dir.join(file).display());
        let mut child = Command::new(env!("CARGO_BIN_EXE_chitieu"))
            .args(["setup", "--database-url", &url, "--province-code", "T"])
            .args(["--province-name", "Tỉnh Thử", "--admin-username", "admin"])
            .args(["--admin-password-stdin", "--catalogue", catalogue])
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("setup");
        writeln!(
            child.stdin.take().expect("stdin"),
            "{}",
            crate::helpers::PASSWORD
        )
        .expect("password");
        let out = child.wait_with_output().expect("setup");
        (
            url,
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (url, ok, _) = setup("qd766.db", "QD766");
    assert!(ok);
    let db = backend::db::Db::connect(&url, 1).await.expect("open");
    let indicators = backend::service::catalogue::indicators(db.conn(), None)
        .await
        .expect("indicators");
    assert_eq!(indicators.len(), 18);
    let points: f64 = indicators.iter().map(|i| i.points).sum();
    assert_eq!(points, 100.0);
    let (_, ok, stderr) = setup("other.db", "ISO9001");
    assert!(!ok);
    assert!(stderr.contains("qd766"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
