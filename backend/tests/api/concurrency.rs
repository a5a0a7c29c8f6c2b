//! Concurrent writers: a hundred saves of one month (or sets of one target) with the same
//! `expectedVersion` have exactly one winner, whose values are the stored ones; bursts of
//! saves, submits and approvals on different units that share ancestors all succeed (no
//! deadlock on PostgreSQL) and leave the roll-ups equal to a recomputation. Saves that do
//! not ask for a version all succeed, one after another, even while the month is created.

use crate::both_databases;
use crate::helpers::*;
use crate::probe::assert_rollups_exact;
use serde_json::{Value, json};
use shared::ids::UnitId;
use shared::measures::DEFAULT_MEASURES;

both_databases!(
    exactly_one_of_a_hundred_concurrent_saves_of_a_month_wins,
    a_hundred_concurrent_saves_without_expected_version_all_succeed_one_after_another,
    exactly_one_of_a_hundred_concurrent_target_changes_wins,
    concurrent_writes_on_units_sharing_ancestors_all_succeed_and_roll_up_exactly,
);

const WRITERS: usize = 100;

const SAVE: &str = "mutation($u: ID!, $y: Int!, $m: Int!, $v: [MeasureValueInput!]!, $e: Int) {
  saveMonthlyReport(unitId: $u, year: $y, month: $m, values: $v, expectedVersion: $e) {
    version values { measure { code } value } } }";

/// A full month: the 13 measures, all `k` (a part equal to its whole is consistent).
fn full_month(k: i64) -> Value {
    DEFAULT_MEASURES
        .iter()
        .map(|c| json!({"measureCode": c, "value": k}))
        .collect()
}

/// Sends every request at once with `token`; answers in the order of `requests`.
async fn fire(app: &TestApp, token: &str, requests: Vec<(&'static str, Value)>) -> Vec<Value> {
    let mut set = tokio::task::JoinSet::new();
    for (i, (query, vars)) in requests.into_iter().enumerate() {
        let req = app
            .client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(token)
            .json(&json!({"query": query, "variables": vars}));
        set.spawn(async move {
            let res = req.send().await.expect("send");
            assert!(
                !res.status().is_server_error(),
                "HTTP {} from the server",
                res.status()
            );
            (i, res.json::<Value>().await.expect("json body"))
        });
    }
    let mut out = vec![Value::Null; set.len()];
    while let Some(joined) = set.join_next().await {
        let (i, body) = joined.expect("a writer task");
        out[i] = body;
    }
    out
}

/// Splits the answers into the winners' indexes and checks that every loser got CONFLICT.
fn winners(answers: &[Value]) -> Vec<usize> {
    let mut won = Vec::new();
    for (i, body) in answers.iter().enumerate() {
        match error_code(body) {
            None => won.push(i),
            Some("CONFLICT") => assert!(body["data"].is_null(), "{body}"),
            Some(other) => panic!("writer {i} got {other}, not CONFLICT: {body}"),
        }
    }
    won
}

async fn month_values(app: &TestApp, unit: UnitId, month: i32) -> (i64, Vec<i64>) {
    let body = app
        .as_user(
            "admin",
            "query($u: ID!, $m: Int!) { monthlyReport(unitId: $u, year: 2023, month: $m) { version values { value } } }",
            json!({"u": unit.to_string(), "m": month}),
        )
        .await;
    let report = &body["data"]["monthlyReport"];
    let values = report["values"]
        .as_array()
        .unwrap_or_else(|| panic!("monthlyReport: {body}"))
        .iter()
        .map(|v| v["value"].as_i64().unwrap())
        .collect();
    (report["version"].as_i64().unwrap(), values)
}

async fn exactly_one_of_a_hundred_concurrent_saves_of_a_month_wins(app: TestApp) {
    let unit = app.tree.commune;
    let token = app.token("officer").await;
    // Round 1 creates the month (expectedVersion 0), round 2 changes it (expectedVersion 1).
    for (round, expected_version) in [(0i64, 0), (1, 1)] {
        let requests = (0..WRITERS)
            .map(|k| {
                let value = round * 1000 + k as i64 + 1;
                (
                    SAVE,
                    json!({"u": unit.to_string(), "y": 2023, "m": 3, "v": full_month(value), "e": expected_version}),
                )
            })
            .collect();
        let answers = fire(&app, &token, requests).await;
        let won = winners(&answers);
        assert_eq!(won.len(), 1, "round {round}: winners {won:?}");
        let winner = round * 1000 + won[0] as i64 + 1;
        let answer = &answers[won[0]]["data"]["saveMonthlyReport"];
        assert_eq!(answer["version"], expected_version + 1);
        let (version, stored) = month_values(&app, unit, 3).await;
        assert_eq!(version, expected_version + 1, "round {round}");
        assert_eq!(
            stored,
            vec![winner; DEFAULT_MEASURES.len()],
            "round {round}"
        );
        assert_rollups_exact(&app.db, &format!("round {round}")).await;
    }
    let audit = app
        .as_user(
            "admin",
            "{ auditLog(entity: \"monthlyReport\", limit: 500) { action } }",
            json!({}),
        )
        .await;
    assert_eq!(
        audit["data"]["auditLog"].as_array().map(Vec::len),
        Some(2),
        "one audit entry per winner: {audit}"
    );
}

const SET_TARGET: &str = "mutation($d: ID!, $u: ID!, $v: Float!, $e: Int) {
  setTarget(input: {decisionId: $d, unitId: $u, indicatorCode: \"DIGITIZATION_RATE\", value: $v, expectedVersion: $e}) {
    id value version } }";

async fn a_hundred_concurrent_saves_without_expected_version_all_succeed_one_after_another(
    app: TestApp,
) {
    let unit = app.tree.commune;
    let token = app.token("officer").await;
    // The month does not exist yet: every writer races to create it.
    let requests = (0..WRITERS)
        .map(|k| {
            (
                SAVE,
                json!({"u": unit.to_string(), "y": 2023, "m": 5, "v": full_month(k as i64 + 1)}),
            )
        })
        .collect();
    let answers = fire(&app, &token, requests).await;
    let mut versions: Vec<i64> = answers
        .iter()
        .map(|body| {
            assert!(error_code(body).is_none(), "a save failed: {body}");
            body["data"]["saveMonthlyReport"]["version"]
                .as_i64()
                .unwrap_or_else(|| panic!("no version: {body}"))
        })
        .collect();
    versions.sort_unstable();
    // Serialised: each save saw the previous one's version.
    assert_eq!(versions, (1..=WRITERS as i64).collect::<Vec<_>>());
    let last = answers
        .iter()
        .map(|b| &b["data"]["saveMonthlyReport"])
        .find(|r| r["version"] == WRITERS as i64)
        .expect("the last save");
    let (version, stored) = month_values(&app, unit, 5).await;
    assert_eq!(version, WRITERS as i64);
    let last_values: Vec<i64> = last["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| v["value"].as_i64().expect("value"))
        .collect();
    assert_eq!(stored, last_values, "the stored month is the last save's");
    assert_rollups_exact(&app.db, "saves without expectedVersion").await;
}

async fn exactly_one_of_a_hundred_concurrent_target_changes_wins(app: TestApp) {
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let unit = app.tree.division.to_string();
    let token = app.token("manager").await;
    // Round 1 creates the target (expectedVersion 0), round 2 changes it (expectedVersion 1).
    for expected_version in [0i64, 1] {
        let value = |k: usize| (k as f64 + 1.0) / 2.0 + 50.0 * expected_version as f64;
        let requests = (0..WRITERS)
            .map(|k| {
                (
                    SET_TARGET,
                    json!({"d": decision, "u": unit, "v": value(k), "e": expected_version}),
                )
            })
            .collect();
        let answers = fire(&app, &token, requests).await;
        let won = winners(&answers);
        assert_eq!(won.len(), 1, "expectedVersion {expected_version}: {won:?}");
        let stored = app
            .as_user(
                "admin",
                "query($u: ID) { targets(year: 2023, unitId: $u) { value version } }",
                json!({"u": unit}),
            )
            .await;
        assert_eq!(
            stored["data"]["targets"],
            json!([{"value": value(won[0]), "version": expected_version + 1}]),
            "expectedVersion {expected_version}"
        );
    }
}

async fn concurrent_writes_on_units_sharing_ancestors_all_succeed_and_roll_up_exactly(
    app: TestApp,
) {
    let t = app.tree.clone();
    // Eleven units on four levels: T → D1 → D1.1 → two more, T → C1 → two more, …
    let mut units = vec![
        t.province,
        t.department,
        t.division,
        t.commune,
        t.other_commune,
    ];
    for (i, parent) in [
        t.division,
        t.division,
        t.department,
        t.commune,
        t.commune,
        t.other_commune,
    ]
    .into_iter()
    .enumerate()
    {
        let body = app
            .as_user(
                "admin",
                "mutation($p: ID!, $c: String!) { createUnit(input: {code: $c, name: \"Tổ\", kind: DIVISION, parentId: $p}) { id } }",
                json!({"p": parent.to_string(), "c": format!("U{i}")}),
            )
            .await;
        let id = body["data"]["createUnit"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("createUnit: {body}"));
        units.push(UnitId(id.parse().unwrap()));
    }
    let slots: Vec<(UnitId, i32)> = (0..WRITERS)
        .map(|i| (units[i % units.len()], (i / units.len()) as i32 + 1))
        .collect();
    let month = |&(u, m): &(UnitId, i32)| json!({"u": u.to_string(), "y": 2023, "m": m});
    let token = app.token("admin").await;

    let saves = slots
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut vars = month(s);
            vars["v"] = full_month(i as i64 + 1);
            (SAVE, vars)
        })
        .collect();
    for (i, body) in fire(&app, &token, saves).await.iter().enumerate() {
        assert_ok(body);
        assert_eq!(body["data"]["saveMonthlyReport"]["version"], 1, "save {i}");
    }
    assert_rollups_exact(&app.db, "after the saves").await;

    for action in ["submitMonthlyReport", "approveMonthlyReport"] {
        let query: &'static str = if action == "submitMonthlyReport" {
            "mutation($u: ID!, $y: Int!, $m: Int!) { submitMonthlyReport(unitId: $u, year: $y, month: $m) { status } }"
        } else {
            "mutation($u: ID!, $y: Int!, $m: Int!) { approveMonthlyReport(unitId: $u, year: $y, month: $m) { status } }"
        };
        let requests = slots.iter().map(|s| (query, month(s))).collect();
        for body in fire(&app, &token, requests).await {
            assert_ok(&body);
        }
        assert_rollups_exact(&app.db, &format!("after {action}")).await;
    }

    for (i, &(unit, m)) in slots.iter().enumerate() {
        let (version, values) = month_values(&app, unit, m).await;
        assert_eq!(version, 3, "slot {i}");
        assert_eq!(
            values,
            vec![i as i64 + 1; DEFAULT_MEASURES.len()],
            "slot {i}"
        );
    }
    // The province's approved total of a measure is the sum of every slot's value.
    let results = app
        .as_user(
            "admin",
            "query($u: ID!) { indicatorResults(period: {year: 2023, kind: YEAR}, unitIds: [$u], indicatorCodes: [\"DIGITIZATION_RATE\"], approvedOnly: true) { numerator denominator } }",
            json!({"u": t.province.to_string()}),
        )
        .await;
    let sum: i64 = (1..=WRITERS as i64).sum();
    assert_eq!(
        results["data"]["indicatorResults"],
        json!([{"numerator": sum, "denominator": sum}]),
        "{results}"
    );
}
