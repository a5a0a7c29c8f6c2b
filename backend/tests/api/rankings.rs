//! Published rankings: `publishRanking` (ADMIN only) freezes a scoreboard of approved
//! figures; later corrections change `scoreboard` but never `publishedRankings`.

use crate::both_databases;
use crate::helpers::*;
use serde_json::{Value, json};
use shared::ids::UnitId;

both_databases!(
    only_an_admin_publishes_a_ranking,
    a_published_ranking_is_frozen_while_the_scoreboard_follows_the_figures,
    published_rows_are_limited_to_the_callers_scope,
);

const ROW_FIELDS: &str =
    "rank unit { code } score earned available results { indicator { code } value points }";

#[track_caller]
fn ok(body: Value) -> Value {
    assert_ok(&body);
    body
}

fn q1() -> Value {
    json!({"year": 2023, "kind": "QUARTER", "index": 1})
}

async fn create_commune(app: &TestApp, code: &str) -> UnitId {
    let body = app
        .as_user(
            "admin",
            "mutation($c: String!, $p: ID) { createUnit(input: {code: $c, name: $c, kind: COMMUNE, parentId: $p}) { id } }",
            json!({"c": code, "p": app.tree.province.to_string()}),
        )
        .await;
    body["data"]["createUnit"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("createUnit: {body}"))
        .parse()
        .expect("a unit id")
}

async fn act(app: &TestApp, mutation: &str, user: &str, unit: UnitId, month: i32) {
    let comment = if mutation == "reopenMonthlyReport" {
        ", comment: \"Điều chỉnh số liệu\""
    } else {
        ""
    };
    ok(app
        .as_user(
            user,
            &format!(
                "mutation($u: ID!, $m: Int!) {{ {mutation}(unitId: $u, year: 2023, month: $m{comment}) {{ status }} }}"
            ),
            json!({"u": unit.to_string(), "m": month}),
        )
        .await);
}

/// Saves FULL_ONLINE / RECEIVED for February 2023, submits it and has it approved.
async fn approved_figures(app: &TestApp, unit: UnitId, received: i64, full: i64) {
    ok(app
        .save_month(
            "admin",
            unit,
            2023,
            2,
            &[("RECEIVED", received), ("FULL_ONLINE", full)],
            None,
        )
        .await);
    act(app, "submitMonthlyReport", "admin", unit, 2).await;
    act(app, "approveMonthlyReport", "province_manager", unit, 2).await;
}

/// Reopens February, saves new figures and has them approved again.
async fn corrected_figures(app: &TestApp, unit: UnitId, received: i64, full: i64) {
    act(app, "reopenMonthlyReport", "province_manager", unit, 2).await;
    approved_figures(app, unit, received, full).await;
}

/// Communes C1–C5 with approved February figures giving FULL_ONLINE_RATE (the only
/// indicator with data, no target: the score is the rate) of 80, 60, 60, 40; C5 has only a
/// draft of 100 %.
async fn five_communes(app: &TestApp) -> [UnitId; 5] {
    let c3 = create_commune(app, "C3").await;
    let c4 = create_commune(app, "C4").await;
    let c5 = create_commune(app, "C5").await;
    let units = [app.tree.commune, app.tree.other_commune, c3, c4, c5];
    for (unit, received, full) in [
        (units[0], 100, 80),
        (units[1], 100, 60),
        (units[2], 50, 30),
        (units[3], 100, 40),
    ] {
        approved_figures(app, unit, received, full).await;
    }
    ok(app
        .save_month(
            "admin",
            c5,
            2023,
            2,
            &[("RECEIVED", 100), ("FULL_ONLINE", 100)],
            None,
        )
        .await);
    units
}

/// `(code, rank, score)` of each row, with the codes of tied rows sorted.
fn standings(rows: &Value) -> Vec<(String, Option<i64>, Option<f64>)> {
    let mut out: Vec<(String, Option<i64>, Option<f64>)> = rows
        .as_array()
        .unwrap_or_else(|| panic!("rows: {rows}"))
        .iter()
        .map(|r| {
            (
                r["unit"]["code"].as_str().unwrap().to_owned(),
                r["rank"].as_i64(),
                r["score"].as_f64(),
            )
        })
        .collect();
    // Ties may come in any order: sort each run of equal ranks by code.
    let mut i = 0;
    while i < out.len() {
        let mut j = i + 1;
        while j < out.len() && out[j].1 == out[i].1 {
            j += 1;
        }
        out[i..j].sort_by(|a, b| a.0.cmp(&b.0));
        i = j;
    }
    out
}

#[track_caller]
fn assert_standings(rows: &Value, expected: &[(&str, Option<i64>, Option<f64>)]) {
    let got = standings(rows);
    assert_eq!(got.len(), expected.len(), "{got:?}");
    for ((code, rank, score), (e_code, e_rank, e_score)) in got.iter().zip(expected) {
        assert_eq!(code, e_code, "{got:?}");
        assert_eq!(rank, e_rank, "{got:?}");
        match (score, e_score) {
            (Some(s), Some(e)) => assert!((s - e).abs() < 0.005, "{code}: {got:?}"),
            (None, None) => {}
            _ => panic!("score of {code}: {got:?}"),
        }
    }
}

async fn publish(app: &TestApp, user: &str, kind: &str) -> Value {
    app.as_user(
        user,
        &format!(
            "mutation($p: PeriodInput!, $k: UnitKind!) {{ publishRanking(period: $p, kind: $k) {{
               id kind period {{ year kind index firstMonth lastMonth }} publishedAt rows {{ {ROW_FIELDS} }} }} }}"
        ),
        json!({"p": q1(), "k": kind}),
    )
    .await
}

async fn published(app: &TestApp, user: &str, year: i32) -> Vec<Value> {
    let body = ok(app
        .as_user(
            user,
            &format!(
                "query($y: Int) {{ publishedRankings(year: $y) {{
                   id kind period {{ year kind index }} rows {{ {ROW_FIELDS} }} }} }}"
            ),
            json!({"y": year}),
        )
        .await);
    body["data"]["publishedRankings"]
        .as_array()
        .unwrap()
        .clone()
}

async fn scoreboard(app: &TestApp, approved_only: bool) -> Value {
    let body = ok(app
        .as_user(
            "admin",
            &format!(
                "query($p: PeriodInput!, $a: Boolean) {{ scoreboard(period: $p, kind: COMMUNE, approvedOnly: $a) {{ {ROW_FIELDS} }} }}"
            ),
            json!({"p": q1(), "a": approved_only}),
        )
        .await);
    body["data"]["scoreboard"].clone()
}

async fn only_an_admin_publishes_a_ranking(app: TestApp) {
    five_communes(&app).await;
    for user in ["province_manager", "manager", "officer", "viewer"] {
        assert_error(&publish(&app, user, "COMMUNE").await, "FORBIDDEN");
    }
    // Nothing was published by the refused attempts.
    assert!(published(&app, "admin", 2023).await.is_empty());
    let body = ok(publish(&app, "admin", "COMMUNE").await);
    let r = &body["data"]["publishRanking"];
    assert_eq!(r["kind"], "COMMUNE");
    assert_eq!(
        r["period"],
        json!({"year": 2023, "kind": "QUARTER", "index": 1, "firstMonth": 1, "lastMonth": 3})
    );
    assert!(r["publishedAt"].is_string());
    // Ties 1, 2, 2, 4; C5's draft does not count for a published ranking: unranked, last.
    assert_standings(
        &r["rows"],
        &[
            ("C1", Some(1), Some(80.0)),
            ("C2", Some(2), Some(60.0)),
            ("C3", Some(2), Some(60.0)),
            ("C4", Some(4), Some(40.0)),
            ("C5", None, None),
        ],
    );
    let list = published(&app, "admin", 2023).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], r["id"]);
}

async fn a_published_ranking_is_frozen_while_the_scoreboard_follows_the_figures(app: TestApp) {
    let [c1, _, _, c4, _] = five_communes(&app).await;
    let first = ok(publish(&app, "admin", "COMMUNE").await);
    let first_id = first["data"]["publishRanking"]["id"].clone();
    let frozen = [
        ("C1", Some(1), Some(80.0)),
        ("C2", Some(2), Some(60.0)),
        ("C3", Some(2), Some(60.0)),
        ("C4", Some(4), Some(40.0)),
        ("C5", None, None),
    ];

    // Corrections after publishing: C4 up to 95 %, C1 down to 50 %.
    corrected_figures(&app, c4, 100, 95).await;
    corrected_figures(&app, c1, 100, 50).await;

    // The scoreboard follows: approved figures, and every saved figure.
    assert_standings(
        &scoreboard(&app, true).await,
        &[
            ("C4", Some(1), Some(95.0)),
            ("C2", Some(2), Some(60.0)),
            ("C3", Some(2), Some(60.0)),
            ("C1", Some(4), Some(50.0)),
            ("C5", None, None),
        ],
    );
    assert_standings(
        &scoreboard(&app, false).await,
        &[
            ("C5", Some(1), Some(100.0)),
            ("C4", Some(2), Some(95.0)),
            ("C2", Some(3), Some(60.0)),
            ("C3", Some(3), Some(60.0)),
            ("C1", Some(5), Some(50.0)),
        ],
    );

    // The published ranking keeps the old scores, ranks and results.
    let list = published(&app, "admin", 2023).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], first_id);
    assert_eq!(
        list[0]["period"],
        json!({"year": 2023, "kind": "QUARTER", "index": 1})
    );
    assert_eq!(list[0]["kind"], "COMMUNE");
    assert_standings(&list[0]["rows"], &frozen);
    let c4_row = list[0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["unit"]["code"] == "C4")
        .unwrap();
    let fo = c4_row["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["indicator"]["code"] == "FULL_ONLINE_RATE")
        .expect("FULL_ONLINE_RATE in the frozen row");
    assert!((fo["value"].as_f64().unwrap() - 40.0).abs() < 0.005, "{fo}");
    assert!((fo["points"].as_f64().unwrap() - 6.0).abs() < 0.005, "{fo}");
    assert!((c4_row["earned"].as_f64().unwrap() - 6.0).abs() < 0.005);
    assert!((c4_row["available"].as_f64().unwrap() - 15.0).abs() < 0.005);

    // Publishing again freezes the new standings; the first ranking stays as it was.
    let second = ok(publish(&app, "admin", "COMMUNE").await);
    assert_ne!(second["data"]["publishRanking"]["id"], first_id);
    let list = published(&app, "admin", 2023).await;
    assert_eq!(list.len(), 2);
    // Newest first.
    assert_eq!(list[0]["id"], second["data"]["publishRanking"]["id"]);
    assert_standings(
        &list[0]["rows"],
        &[
            ("C4", Some(1), Some(95.0)),
            ("C2", Some(2), Some(60.0)),
            ("C3", Some(2), Some(60.0)),
            ("C1", Some(4), Some(50.0)),
            ("C5", None, None),
        ],
    );
    assert_eq!(list[1]["id"], first_id);
    assert_standings(&list[1]["rows"], &frozen);
    // Another year has none.
    assert!(published(&app, "admin", 2022).await.is_empty());
}

async fn published_rows_are_limited_to_the_callers_scope(app: TestApp) {
    five_communes(&app).await;
    ok(publish(&app, "admin", "COMMUNE").await);
    // The viewer of the province sees every row.
    let list = published(&app, "viewer", 2023).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["rows"].as_array().unwrap().len(), 5);
    // The officer of C1 sees its own row only, with its published rank.
    let list = published(&app, "officer", 2023).await;
    assert_eq!(list.len(), 1);
    assert_standings(&list[0]["rows"], &[("C1", Some(1), Some(80.0))]);
    // The manager of D1 sees no commune.
    let list = published(&app, "manager", 2023).await;
    assert_eq!(list.len(), 1);
    assert!(list[0]["rows"].as_array().unwrap().is_empty());
}
