//! Results as series: `indicatorSeries` gives for a range of months what `indicatorResults`
//! gives period by period, at the grain asked; units are named or asked for as a whole
//! scope, never the caller's own unit by default; a caller scoped to a commune sees no
//! other unit; a series of a year of the demo province passes the limits, a longer one is
//! refused by the work budget before it is computed.

use crate::both_databases;
use crate::helpers::*;
use backend::devdata::seed;
use serde_json::{Value, json};
use shared::ids::UnitId;
use std::collections::HashSet;

both_databases!(
    a_series_is_the_results_of_each_of_its_periods,
    a_series_covers_the_units_asked_for_and_only_those_in_scope,
    a_series_of_a_year_of_the_whole_demo_province_fits_the_limits,
);

const FIELDS: &str = "unit { code } indicator { code } period { year kind index firstMonth lastMonth } numerator denominator value target milestone status projection points maxPoints";

const SERIES: &str = "query($f: MonthInput!, $t: MonthInput!, $g: SeriesGrain! = MONTH, $u: [ID!], $s: Boolean! = false, $c: [String!]) {
  indicatorSeries(from: $f, to: $t, grain: $g, unitIds: $u, includeSubtree: $s, indicatorCodes: $c) { FIELDS } }";

const RESULTS: &str = "query($p: PeriodInput!, $u: [ID!], $s: Boolean, $c: [String!]) {
  indicatorResults(period: $p, unitIds: $u, includeSubtree: $s, indicatorCodes: $c) { FIELDS } }";

fn ym(year: i32, month: i32) -> Value {
    json!({"year": year, "month": month})
}

fn ids(units: &[UnitId]) -> Vec<String> {
    units.iter().map(|u| u.to_string()).collect()
}

#[track_caller]
fn rows(body: &Value, field: &str) -> Vec<Value> {
    assert_ok(body);
    body["data"][field].as_array().expect("a list").clone()
}

async fn series(app: &TestApp, token: &str, vars: Value) -> Value {
    app.gql(Some(token), &SERIES.replace("FIELDS", FIELDS), vars)
        .await
}

async fn results(app: &TestApp, token: &str, vars: Value) -> Value {
    app.gql(Some(token), &RESULTS.replace("FIELDS", FIELDS), vars)
        .await
}

/// Figures of every test unit from November 2022 to August 2023, and targets for 2023.
async fn figures(app: &TestApp) {
    let t = &app.tree;
    let units = [t.department, t.division, t.commune, t.other_commune];
    for (n, unit) in units.into_iter().enumerate() {
        for (year, month) in (11..=12)
            .map(|m| (2022, m))
            .chain((1..=8).map(|m| (2023, m)))
        {
            let received = 100 + 10 * n as i64 + i64::from(month);
            let online = received / 2 + n as i64;
            assert_ok(
                &app.save_month(
                    "admin",
                    unit,
                    year,
                    month,
                    &[
                        ("RECEIVED", received),
                        ("RECEIVED_ONLINE", online),
                        ("FULL_ONLINE", online - 5),
                    ],
                    None,
                )
                .await,
            );
        }
    }
    let decision = app.decision("7/QĐ-UBND", 2023).await;
    for unit in units {
        set_target(app, &decision, unit, "FULL_ONLINE_RATE", 60.0, Some(30.0)).await;
    }
}

async fn a_series_is_the_results_of_each_of_its_periods(app: TestApp) {
    figures(&app).await;
    let token = app.token("admin").await;
    let t = &app.tree;
    let units = ids(&[t.commune, t.department, t.other_commune]);
    // Three months at MONTH grain: three `indicatorResults` one after the other.
    let got = rows(
        &series(
            &app,
            &token,
            json!({"f": ym(2023, 2), "t": ym(2023, 4), "u": units}),
        )
        .await,
        "indicatorSeries",
    );
    let mut want = Vec::new();
    for month in 2..=4 {
        let p = json!({"year": 2023, "kind": "MONTH", "index": month});
        want.extend(rows(
            &results(&app, &token, json!({"p": p, "u": units})).await,
            "indicatorResults",
        ));
    }
    assert!(!want.is_empty());
    assert_eq!(got, want);
    // Each grain, also across a new year: the periods, in order, once per unit and indicator.
    let periods = |rows: &[Value]| {
        let mut out: Vec<(i64, String, i64)> = Vec::new();
        for r in rows {
            let p = &r["period"];
            let key = (
                p["year"].as_i64().unwrap(),
                p["kind"].as_str().unwrap().to_owned(),
                p["index"].as_i64().unwrap(),
            );
            if out.last() != Some(&key) {
                out.push(key);
            }
        }
        out
    };
    let one = json!([t.commune.to_string()]);
    let codes = json!(["FULL_ONLINE_RATE", "DIGITIZATION_RATE"]);
    let cases = [
        (
            "MONTH",
            ym(2022, 11),
            ym(2023, 2),
            vec![
                (2022, "MONTH", 11),
                (2022, "MONTH", 12),
                (2023, "MONTH", 1),
                (2023, "MONTH", 2),
            ],
        ),
        (
            "QUARTER",
            ym(2022, 12),
            ym(2023, 7),
            vec![
                (2022, "QUARTER", 4),
                (2023, "QUARTER", 1),
                (2023, "QUARTER", 2),
                (2023, "QUARTER", 3),
            ],
        ),
        (
            "YTD",
            ym(2022, 11),
            ym(2023, 2),
            vec![
                (2022, "YTD", 11),
                (2022, "YTD", 12),
                (2023, "YTD", 1),
                (2023, "YTD", 2),
            ],
        ),
    ];
    for (grain, from, to, expected) in cases {
        let vars = json!({"f": from, "t": to, "g": grain, "u": one, "c": codes});
        let got = rows(&series(&app, &token, vars).await, "indicatorSeries");
        let expected: Vec<(i64, String, i64)> = expected
            .into_iter()
            .map(|(y, k, i)| (y, k.to_owned(), i))
            .collect();
        assert_eq!(periods(&got), expected, "{grain}");
        assert_eq!(
            got.len(),
            expected.len() * 2,
            "{grain}: one per period and indicator"
        );
        // Each period's results are that period's `indicatorResults`.
        for (n, (year, kind, index)) in expected.iter().enumerate() {
            let p = json!({"year": year, "kind": kind, "index": index});
            let want = rows(
                &results(&app, &token, json!({"p": p, "u": one, "c": codes})).await,
                "indicatorResults",
            );
            assert_eq!(got[n * 2..n * 2 + 2], want[..], "{grain} {p}");
        }
    }
    // The grain by default is MONTH.
    let got = rows(
        &series(
            &app,
            &token,
            json!({"f": ym(2023, 5), "t": ym(2023, 6), "u": one, "c": ["DIGITIZATION_RATE"]}),
        )
        .await,
        "indicatorSeries",
    );
    assert_eq!(got.len(), 2);
    assert_eq!(got[1]["period"]["kind"], "MONTH");
    // Thirty-six months at most, forwards only; months checked.
    let ok_long = series(
        &app,
        &token,
        json!({"f": ym(2021, 1), "t": ym(2023, 12), "u": one, "c": codes}),
    )
    .await;
    assert_eq!(rows(&ok_long, "indicatorSeries").len(), 72);
    for (from, to, field) in [
        (ym(2021, 1), ym(2024, 1), "to"),
        (ym(2023, 3), ym(2023, 2), "to"),
        (ym(2023, 13), ym(2023, 2), "from.month"),
        (ym(2023, 1), ym(1999, 2), "to.year"),
    ] {
        let body = series(&app, &token, json!({"f": from, "t": to, "u": one})).await;
        assert_error(&body, "VALIDATION");
        assert_eq!(error_field(&body), Some(field), "{body}");
    }
}

async fn a_series_covers_the_units_asked_for_and_only_those_in_scope(app: TestApp) {
    figures(&app).await;
    let t = app.tree.clone();
    let codes = |rows: &[Value]| -> Vec<String> {
        let mut seen = Vec::new();
        for r in rows {
            let code = r["unit"]["code"].as_str().unwrap().to_owned();
            if !seen.contains(&code) {
                seen.push(code);
            }
        }
        seen
    };
    let admin = app.token("admin").await;
    let manager = app.token("manager").await;
    let months = json!({"f": ym(2023, 1), "t": ym(2023, 3), "c": ["FULL_ONLINE_RATE"]});
    let with = |extra: Value| {
        let mut vars = months.clone();
        for (k, v) in extra.as_object().unwrap() {
            vars[k] = v.clone();
        }
        vars
    };
    // No unitIds, no includeSubtree: refused on unitIds, for the series and the results.
    let body = series(&app, &manager, months.clone()).await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("unitIds"));
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("includeSubtree: true")
    );
    let q1 = json!({"year": 2023, "kind": "QUARTER", "index": 1});
    let body = results(&app, &manager, json!({"p": q1})).await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("unitIds"));
    // includeSubtree without unitIds: every unit of the scope.
    let all = rows(
        &series(&app, &admin, with(json!({"s": true}))).await,
        "indicatorSeries",
    );
    let got: HashSet<String> = codes(&all).into_iter().collect();
    assert_eq!(
        got,
        HashSet::from(["T", "D1", "D1.1", "C1", "C2"].map(str::to_owned))
    );
    assert_eq!(all.len(), 3 * 5);
    // By name: Phòng Một (D1.1), then Sở Một (D1).
    let mine = rows(
        &series(&app, &manager, with(json!({"s": true}))).await,
        "indicatorSeries",
    );
    assert_eq!(codes(&mine), ["D1.1", "D1"]);
    let body = results(
        &app,
        &manager,
        json!({"p": q1, "s": true, "c": ["FULL_ONLINE_RATE"]}),
    )
    .await;
    assert_eq!(codes(&rows(&body, "indicatorResults")), ["D1.1", "D1"]);
    // unitIds with their subtrees: the units named first, in their order, then below.
    let named = ids(&[t.commune, t.department]);
    let both = rows(
        &series(&app, &admin, with(json!({"u": named, "s": true}))).await,
        "indicatorSeries",
    );
    assert_eq!(codes(&both), ["C1", "D1", "D1.1"]);
    let only = rows(
        &series(&app, &admin, with(json!({"u": named}))).await,
        "indicatorSeries",
    );
    assert_eq!(codes(&only), ["C1", "D1"]);
    // A caller scoped to a commune (an account, an API token) sees its commune only; a
    // unit outside its scope is left out as `indicatorResults` leaves it out.
    let body = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createApiToken(name: \"Cổng xã\", unitId: $u) { token } }",
            json!({"u": t.commune.to_string()}),
        )
        .await;
    let api_token = body["data"]["createApiToken"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    for token in [app.token("officer").await, api_token] {
        let own = rows(
            &series(&app, &token, with(json!({"s": true}))).await,
            "indicatorSeries",
        );
        assert_eq!(codes(&own), ["C1"]);
        for outside in [
            vec![t.other_commune],
            vec![t.province],
            vec![t.department, t.other_commune],
        ] {
            for subtree in [false, true] {
                let vars = with(json!({"u": ids(&outside), "s": subtree}));
                let got = rows(&series(&app, &token, vars).await, "indicatorSeries");
                assert!(got.is_empty(), "{outside:?}: {got:?}");
                let vars = json!({"p": q1, "u": ids(&outside), "s": subtree});
                let body = results(&app, &token, vars).await;
                assert_eq!(rows(&body, "indicatorResults"), got);
            }
        }
        let mixed = with(json!({"u": ids(&[t.other_commune, t.commune, t.province]), "s": true}));
        let got = rows(&series(&app, &token, mixed).await, "indicatorSeries");
        assert_eq!(codes(&got), ["C1"]);
    }
}

async fn a_series_of_a_year_of_the_whole_demo_province_fits_the_limits(app: TestApp) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    seed::seed_demo_on(&app.db, today)
        .await
        .expect("seed the demo");
    let token = app.login("quanly", seed::DEMO_PASSWORD).await["data"]["login"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let query = "query($f: MonthInput!, $t: MonthInput!) {
      indicatorSeries(from: $f, to: $t, includeSubtree: true) {
        unit { id name } indicator { code } period { year index } value target status } }";
    // The year of the reorganisation: the old communes and districts until June, the new
    // communes from July, the departments and their divisions all year.
    let started = std::time::Instant::now();
    let body = app
        .gql(
            Some(&token),
            query,
            json!({"f": ym(2025, 1), "t": ym(2025, 12)}),
        )
        .await;
    let took = started.elapsed();
    let got = rows(&body, "indicatorSeries");
    let units: HashSet<&str> = got
        .iter()
        .map(|r| r["unit"]["id"].as_str().unwrap())
        .collect();
    let indicators: HashSet<&str> = got
        .iter()
        .map(|r| r["indicator"]["code"].as_str().unwrap())
        .collect();
    eprintln!(
        "{:?}: a year of {} units × {} indicators ({} results) in {took:.1?}",
        app.backend,
        units.len(),
        indicators.len(),
        got.len()
    );
    assert!(units.len() >= 200, "{} units", units.len());
    // Each month holds the units `indicatorResults` gives for it: the old communes until
    // June, the new ones from July — never a unit in a month it did not exist.
    let month_query =
        "query($p: PeriodInput!) { indicatorResults(period: $p, includeSubtree: true) {
        unit { id } indicator { code } } }";
    for month in [3, 6, 7, 11] {
        let body = app
            .gql(
                Some(&token),
                month_query,
                json!({"p": {"year": 2025, "kind": "MONTH", "index": month}}),
            )
            .await;
        let expected: HashSet<(String, String)> = rows(&body, "indicatorResults")
            .iter()
            .map(|r| {
                (
                    r["unit"]["id"].to_string(),
                    r["indicator"]["code"].to_string(),
                )
            })
            .collect();
        let of_month: HashSet<(String, String)> = got
            .iter()
            .filter(|r| r["period"]["index"] == month)
            .map(|r| {
                (
                    r["unit"]["id"].to_string(),
                    r["indicator"]["code"].to_string(),
                )
            })
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(of_month, expected, "month {month}");
    }
    assert!(
        got.len() < 12 * units.len() * indicators.len(),
        "no unit in every month"
    );
    // Three years of the same: past the work budget, refused before it is computed.
    let body = app
        .gql(
            Some(&token),
            query,
            json!({"f": ym(2024, 1), "t": ym(2026, 12)}),
        )
        .await;
    assert_error(&body, "VALIDATION");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("too large"), "{message}");
    assert!(body["data"].is_null(), "{body}");
}
