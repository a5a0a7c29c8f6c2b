//! The computation engine through GraphQL: `indicatorResults` and `scoreboard` — the worked
//! example of INDICATORS.md, roll-ups over periods and subtrees, null semantics, approved-only
//! figures, scope, and the ranking of a scoreboard.

use crate::both_databases;
use crate::helpers::*;
use serde_json::{Value, json};
use shared::ids::UnitId;

both_databases!(
    the_worked_example_holds,
    every_period_kind_sums_its_months_over_the_subtree,
    status_compares_the_year_to_date_actual_whatever_the_period,
    the_year_to_date_actual_behind_the_status_is_answered,
    a_zero_denominator_gives_no_value_and_no_points,
    nothing_reported_is_null_and_no_data,
    approved_only_counts_approved_months_and_saves_show_at_once,
    an_officer_sees_only_results_of_its_scope,
    the_scoreboard_ranks_ties_together_and_null_scores_last,
    points_follow_the_rule_of_each_indicator,
    lower_is_better_indicators_compare_the_other_way,
    the_latest_decisions_target_of_the_year_is_in_force,
    results_answered_without_the_executor_are_the_executors_answer,
);

const RESULT_FIELDS: &str = "unit { code } indicator { code } period { year kind index firstMonth lastMonth } numerator denominator value target milestone status projection points maxPoints";

fn num(v: &Value) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("expected a number, got {v}"))
}

#[track_caller]
fn assert_close(v: &Value, expected: f64) {
    let actual = num(v);
    assert!(
        (actual - expected).abs() < 0.005,
        "expected {expected}, got {actual}"
    );
}

fn quarter(year: i32, q: i32) -> Value {
    json!({"year": year, "kind": "QUARTER", "index": q})
}

fn month(year: i32, m: i32) -> Value {
    json!({"year": year, "kind": "MONTH", "index": m})
}

#[track_caller]
fn ok(body: Value) -> Value {
    assert_ok(&body);
    body
}

async fn save(app: &TestApp, user: &str, unit: UnitId, year: i32, m: i32, values: &[(&str, i64)]) {
    ok(app.save_month(user, unit, year, m, values, None).await);
}

/// The results of `units` × `codes` for `period`, as `user`.
async fn results(
    app: &TestApp,
    user: &str,
    period: Value,
    units: Option<&[UnitId]>,
    codes: &[&str],
    approved_only: bool,
) -> Vec<Value> {
    let units: Option<Vec<String>> = units.map(|u| u.iter().map(|i| i.to_string()).collect());
    // No codes: every active indicator.
    let codes = (!codes.is_empty()).then_some(codes);
    let body = ok(app
        .as_user(
            user,
            &format!(
                "query($p: PeriodInput!, $u: [ID!], $c: [String!], $a: Boolean) {{
                   indicatorResults(period: $p, unitIds: $u, indicatorCodes: $c, approvedOnly: $a) {{ {RESULT_FIELDS} }} }}"
            ),
            json!({"p": period, "u": units, "c": codes, "a": approved_only}),
        )
        .await);
    body["data"]["indicatorResults"]
        .as_array()
        .expect("a list of results")
        .clone()
}

/// The single result of one unit and indicator, as admin.
async fn result(
    app: &TestApp,
    period: Value,
    unit: UnitId,
    code: &str,
    approved_only: bool,
) -> Value {
    let mut rows = results(app, "admin", period, Some(&[unit]), &[code], approved_only).await;
    assert_eq!(rows.len(), 1, "one result expected: {rows:?}");
    rows.remove(0)
}

async fn scoreboard(
    app: &TestApp,
    user: &str,
    period: Value,
    kind: Option<&str>,
    parent: Option<UnitId>,
    approved_only: bool,
) -> Vec<Value> {
    let body = ok(app
        .as_user(
            user,
            "query($p: PeriodInput!, $k: UnitKind, $pa: ID, $a: Boolean) {
               scoreboard(period: $p, kind: $k, parentId: $pa, approvedOnly: $a) {
                 rank unit { code kind } score earned available results { indicator { code } value points } } }",
            json!({"p": period, "k": kind, "pa": parent.map(|p| p.to_string()), "a": approved_only}),
        )
        .await);
    body["data"]["scoreboard"]
        .as_array()
        .expect("a list of rows")
        .clone()
}

async fn create_unit(app: &TestApp, code: &str, kind: &str, parent: UnitId) -> UnitId {
    let body = app
        .as_user(
            "admin",
            "mutation($c: String!, $k: UnitKind!, $p: ID) { createUnit(input: {code: $c, name: $c, kind: $k, parentId: $p}) { id } }",
            json!({"c": code, "k": kind, "p": parent.to_string()}),
        )
        .await;
    body["data"]["createUnit"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("createUnit: {body}"))
        .parse()
        .expect("a unit id")
}

/// Commune X (C1) and commune Y (C2) of the worked example, with RECEIVED_ONLINE equal to
/// FULL_ONLINE so that the consistency rules hold.
async fn worked_example_figures(app: &TestApp) {
    let c1 = app.tree.commune;
    for (m, received, full) in [(1, 100, 40), (2, 120, 60), (3, 80, 50)] {
        save(
            app,
            "officer",
            c1,
            2023,
            m,
            &[
                ("RECEIVED", received),
                ("RECEIVED_ONLINE", full),
                ("FULL_ONLINE", full),
            ],
        )
        .await;
    }
    // Y's Q1 figures, spread over two months.
    for (m, received, full) in [(1, 300, 40), (3, 400, 100)] {
        save(
            app,
            "admin",
            app.tree.other_commune,
            2023,
            m,
            &[
                ("RECEIVED", received),
                ("RECEIVED_ONLINE", full),
                ("FULL_ONLINE", full),
            ],
        )
        .await;
    }
}

/// X's target of the worked example: 60 % from a baseline of 30 %, split LINEAR by quarter.
async fn worked_example_target(app: &TestApp) -> String {
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let id = set_target(
        app,
        &decision,
        app.tree.commune,
        "FULL_ONLINE_RATE",
        60.0,
        Some(30.0),
    )
    .await;
    let body = ok(app
        .as_user(
            "admin",
            "mutation($t: ID!) { splitTarget(targetId: $t, method: LINEAR, grain: QUARTER) { milestones { grain index value } } }",
            json!({"t": id}),
        )
        .await);
    let ms = body["data"]["splitTarget"]["milestones"]
        .as_array()
        .unwrap();
    assert_eq!(ms.len(), 4);
    for (k, (m, expected)) in ms.iter().zip([37.5, 45.0, 52.5, 60.0]).enumerate() {
        assert_eq!(m["grain"], "QUARTER");
        assert_eq!(m["index"], k as i64 + 1);
        assert_close(&m["value"], expected);
    }
    id
}

async fn the_worked_example_holds(app: TestApp) {
    worked_example_figures(&app).await;
    worked_example_target(&app).await;
    let (t, c1) = (app.tree.province, app.tree.commune);
    let rows = results(
        &app,
        "admin",
        quarter(2023, 1),
        Some(&[c1, t]),
        &["FULL_ONLINE_RATE"],
        false,
    )
    .await;
    assert_eq!(rows.len(), 2);

    // Commune X: 150 / 300, not the mean of the monthly rates.
    let x = &rows[0];
    assert_eq!(x["unit"]["code"], "C1");
    assert_eq!(x["indicator"]["code"], "FULL_ONLINE_RATE");
    assert_eq!(
        x["period"],
        json!({"year": 2023, "kind": "QUARTER", "index": 1, "firstMonth": 1, "lastMonth": 3})
    );
    assert_eq!(x["numerator"], 150);
    assert_eq!(x["denominator"], 300);
    assert_close(&x["value"], 50.0);
    assert_close(&x["target"], 60.0);
    assert_close(&x["milestone"], 37.5);
    assert_eq!(x["status"], "ON_TRACK");
    assert_close(&x["projection"], 50.0);
    assert_close(&x["points"], 12.5);
    assert_close(&x["maxPoints"], 15.0);

    // The province: 290 / 1000, D1 and D1.1 having reported nothing.
    let p = &rows[1];
    assert_eq!(p["unit"]["code"], "T");
    assert_eq!(p["numerator"], 290);
    assert_eq!(p["denominator"], 1000);
    assert_close(&p["value"], 29.0);
    assert!(p["target"].is_null());
    assert!(p["milestone"].is_null());
    assert_eq!(p["status"], "NO_DATA", "no target, nothing to track");
    // Without a target a rate scores proportionally: 15 × 29 / 100.
    assert_close(&p["points"], 4.35);

    // The scoreboard of the communes: X earns 12.50 of 15 on FULL_ONLINE_RATE and
    // 10 × 50 % = 5 of 10 on ONLINE_SUBMISSION_RATE (no target); the other indicators have
    // no data and are left out. Y: 15 × 20 % + 10 × 20 % = 5 of 25.
    let board = scoreboard(
        &app,
        "admin",
        quarter(2023, 1),
        Some("COMMUNE"),
        None,
        false,
    )
    .await;
    assert_eq!(board.len(), 2, "{board:?}");
    assert_eq!(board[0]["unit"]["code"], "C1");
    assert_eq!(board[0]["rank"], 1);
    assert_close(&board[0]["earned"], 17.5);
    assert_close(&board[0]["available"], 25.0);
    assert_close(&board[0]["score"], 70.0);
    let fo = board[0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["indicator"]["code"] == "FULL_ONLINE_RATE")
        .expect("FULL_ONLINE_RATE in the row");
    assert_close(&fo["points"], 12.5);
    assert_eq!(board[1]["unit"]["code"], "C2");
    assert_eq!(board[1]["rank"], 2);
    assert_close(&board[1]["earned"], 5.0);
    assert_close(&board[1]["available"], 25.0);
    assert_close(&board[1]["score"], 20.0);
}

async fn every_period_kind_sums_its_months_over_the_subtree(app: TestApp) {
    let (c1, div) = (app.tree.commune, app.tree.division);
    let received = |m: i64| 100 + 10 * m;
    let full = |m: i64| 3 * m;
    // C1 reports every month but May; D1.1 (two levels below T) reports months 2 and 11.
    let mut c1_months = vec![0i64; 13];
    let mut c1_full = vec![0i64; 13];
    for m in (1..=12).filter(|m| *m != 5) {
        c1_months[m as usize] = received(m);
        c1_full[m as usize] = full(m);
        save(
            &app,
            "officer",
            c1,
            2023,
            m as i32,
            &[("RECEIVED", received(m)), ("FULL_ONLINE", full(m))],
        )
        .await;
    }
    for (m, r, f) in [(2, 50, 20), (11, 70, 7)] {
        save(
            &app,
            "admin",
            div,
            2023,
            m,
            &[("RECEIVED", r), ("FULL_ONLINE", f)],
        )
        .await;
    }
    // Another year does not leak in.
    save(
        &app,
        "officer",
        c1,
        2022,
        12,
        &[("RECEIVED", 1000), ("FULL_ONLINE", 1000)],
    )
    .await;
    let sum = |v: &[i64], from: usize, to: usize| -> i64 { v[from..=to].iter().sum() };

    let cases = [
        (json!({"year": 2023, "kind": "MONTH", "index": 4}), 4, 4),
        (json!({"year": 2023, "kind": "MONTH", "index": 5}), 5, 5),
        (json!({"year": 2023, "kind": "QUARTER", "index": 2}), 4, 6),
        (json!({"year": 2023, "kind": "QUARTER", "index": 4}), 10, 12),
        (json!({"year": 2023, "kind": "YTD", "index": 7}), 1, 7),
        (json!({"year": 2023, "kind": "YTD", "index": 1}), 1, 1),
        (json!({"year": 2023, "kind": "YEAR"}), 1, 12),
    ];
    for (period, from, to) in cases {
        let rows = results(
            &app,
            "admin",
            period.clone(),
            Some(&[c1, app.tree.department, app.tree.province]),
            &["FULL_ONLINE_RATE"],
            false,
        )
        .await;
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0]["period"]["firstMonth"], from as i64, "{period}");
        assert_eq!(rows[0]["period"]["lastMonth"], to as i64, "{period}");

        // C1 alone.
        let (n, d) = (sum(&c1_full, from, to), sum(&c1_months, from, to));
        let c = &rows[0];
        if d == 0 {
            // May: nothing reported by C1.
            assert!(c["numerator"].is_null(), "{period}: {c}");
            assert!(c["denominator"].is_null(), "{period}: {c}");
            assert!(c["value"].is_null(), "{period}: {c}");
        } else {
            assert_eq!(c["numerator"], n, "{period}");
            assert_eq!(c["denominator"], d, "{period}");
            assert_close(&c["value"], n as f64 * 100.0 / d as f64);
        }

        // D1: only its division's figures.
        let div_in = |m: usize| (from..=to).contains(&m);
        let (dn, dd) = [(2usize, 20i64, 50i64), (11, 7, 70)]
            .iter()
            .filter(|(m, _, _)| div_in(*m))
            .fold((0, 0), |(a, b), (_, f, r)| (a + f, b + r));
        let dep = &rows[1];
        if dd == 0 {
            assert!(dep["numerator"].is_null(), "{period}: {dep}");
            assert!(dep["value"].is_null(), "{period}: {dep}");
        } else {
            assert_eq!(dep["numerator"], dn, "{period}");
            assert_eq!(dep["denominator"], dd, "{period}");
        }

        // T: both.
        let prov = &rows[2];
        if d + dd == 0 {
            assert!(prov["value"].is_null(), "{period}: {prov}");
        } else {
            assert_eq!(prov["numerator"], n + dn, "{period}");
            assert_eq!(prov["denominator"], d + dd, "{period}");
            assert_close(&prov["value"], (n + dn) as f64 * 100.0 / (d + dd) as f64);
        }
    }
}

async fn status_compares_the_year_to_date_actual_whatever_the_period(app: TestApp) {
    worked_example_figures(&app).await;
    worked_example_target(&app).await;
    let c1 = app.tree.commune;
    // Month 3 alone: 50 / 80 = 62.5 %, full points; status from the year to date (50 %).
    let m3 = result(&app, month(2023, 3), c1, "FULL_ONLINE_RATE", false).await;
    assert_close(&m3["value"], 62.5);
    assert_close(&m3["milestone"], 37.5);
    assert_eq!(m3["status"], "ON_TRACK");
    assert_close(&m3["points"], 15.0);
    assert_close(&m3["projection"], 50.0);
    // Month 1: before the first quarter ends the first milestone is in force.
    let m1 = result(&app, month(2023, 1), c1, "FULL_ONLINE_RATE", false).await;
    assert_close(&m1["value"], 40.0);
    assert_close(&m1["milestone"], 37.5);
    assert_eq!(m1["status"], "ON_TRACK");
    assert_close(&m1["points"], 10.0);
    // The year: evaluated at December against 60 %, the year-to-date being 50 %.
    let y = result(
        &app,
        json!({"year": 2023, "kind": "YEAR"}),
        c1,
        "FULL_ONLINE_RATE",
        false,
    )
    .await;
    assert_close(&y["value"], 50.0);
    assert_close(&y["milestone"], 60.0);
    assert_eq!(y["status"], "OFF_TRACK");
    // Q2 has no figures: no value, no points, no status.
    let q2 = result(&app, quarter(2023, 2), c1, "FULL_ONLINE_RATE", false).await;
    assert!(q2["value"].is_null());
    assert!(q2["points"].is_null());
    assert_close(&q2["milestone"], 45.0);
    // The year-to-date actual through June is still 50 % (Q1's figures) ≥ 45.
    assert_eq!(q2["status"], "ON_TRACK");
}

async fn the_year_to_date_actual_behind_the_status_is_answered(app: TestApp) {
    worked_example_figures(&app).await;
    worked_example_target(&app).await;
    let (c1, c2) = (app.tree.commune, app.tree.other_commune);
    // April alone for X: 30 / 50 = 60 %, but 180 / 350 ≈ 51.43 % year to date.
    save(
        &app,
        "officer",
        c1,
        2023,
        4,
        &[
            ("RECEIVED", 50),
            ("RECEIVED_ONLINE", 30),
            ("FULL_ONLINE", 30),
        ],
    )
    .await;
    let fields = "unit { code } value ytdValue milestone status projection";
    let query = format!(
        "query($p: PeriodInput!, $u: [ID!]) {{ indicatorResults(period: $p, unitIds: $u, indicatorCodes: [\"FULL_ONLINE_RATE\"]) {{ {fields} }}
           scoreboard(period: $p, kind: COMMUNE) {{ unit {{ code }} results {{ indicator {{ code }} {fields} }} }} }}"
    );
    let body = ok(app
        .as_user(
            "admin",
            &query,
            json!({"p": month(2023, 4), "u": [c1.to_string(), c2.to_string()]}),
        )
        .await);
    let rows = body["data"]["indicatorResults"].as_array().unwrap();
    let x = &rows[0];
    assert_eq!(x["unit"]["code"], "C1");
    assert_close(&x["value"], 60.0);
    assert_close(&x["ytdValue"], 180.0 * 100.0 / 350.0);
    // Status compares the year to date with the milestone in force at April (Q1's).
    assert_close(&x["milestone"], 37.5);
    assert_eq!(x["status"], "ON_TRACK");
    assert_close(&x["projection"], 180.0 * 100.0 / 350.0);
    // Y has no figures in April: no value, but a year-to-date actual of 140 / 700.
    let y = &rows[1];
    assert!(y["value"].is_null());
    assert_close(&y["ytdValue"], 20.0);
    assert!(y["milestone"].is_null(), "Y has no target");
    assert_eq!(y["status"], "NO_DATA");
    // The scoreboard's results answer the same.
    let board = body["data"]["scoreboard"].as_array().unwrap();
    let row = board
        .iter()
        .find(|r| r["unit"]["code"] == "C1")
        .expect("X on the board");
    let r = row["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["indicator"]["code"] == "FULL_ONLINE_RATE")
        .expect("the indicator on the board");
    assert_close(&r["ytdValue"], 180.0 * 100.0 / 350.0);
    assert_close(&r["milestone"], 37.5);
}

async fn a_zero_denominator_gives_no_value_and_no_points(app: TestApp) {
    let c1 = app.tree.commune;
    let decision = app.decision("1/QĐ", 2023).await;
    set_target(&app, &decision, c1, "FULL_ONLINE_RATE", 60.0, None).await;
    save(
        &app,
        "officer",
        c1,
        2023,
        2,
        &[("RECEIVED", 0), ("FULL_ONLINE", 0), ("RECEIVED_ONLINE", 0)],
    )
    .await;
    let r = result(&app, quarter(2023, 1), c1, "FULL_ONLINE_RATE", false).await;
    assert_eq!(r["numerator"], 0);
    assert_eq!(r["denominator"], 0);
    assert!(r["value"].is_null(), "0 / 0 is neither 0 % nor 100 %: {r}");
    assert!(r["points"].is_null(), "{r}");
    assert!(r["projection"].is_null(), "{r}");
    assert_eq!(r["status"], "NO_DATA");
    assert_close(&r["target"], 60.0);
    assert_close(&r["maxPoints"], 15.0);
    // With no indicator having a value the commune's score is null and unranked.
    let board = scoreboard(
        &app,
        "admin",
        quarter(2023, 1),
        Some("COMMUNE"),
        None,
        false,
    )
    .await;
    let row = board
        .iter()
        .find(|r| r["unit"]["code"] == "C1")
        .expect("C1 on the board");
    assert!(row["score"].is_null(), "{row}");
    assert!(row["rank"].is_null(), "{row}");
    assert_close(&row["available"], 0.0);
}

async fn nothing_reported_is_null_and_no_data(app: TestApp) {
    let c1 = app.tree.commune;
    let decision = app.decision("2/QĐ", 2023).await;
    set_target(&app, &decision, c1, "FULL_ONLINE_RATE", 60.0, None).await;
    // Figures of another measure and another commune do not make FULL_ONLINE_RATE reported.
    save(&app, "officer", c1, 2023, 1, &[("DUE", 10), ("ON_TIME", 9)]).await;
    save(
        &app,
        "admin",
        app.tree.other_commune,
        2023,
        1,
        &[("RECEIVED", 10), ("FULL_ONLINE", 5)],
    )
    .await;
    for period in [
        quarter(2023, 1),
        month(2023, 1),
        json!({"year": 2023, "kind": "YEAR"}),
    ] {
        let r = result(&app, period.clone(), c1, "FULL_ONLINE_RATE", false).await;
        assert!(r["numerator"].is_null(), "{period}: {r}");
        assert!(r["denominator"].is_null(), "{period}: {r}");
        assert!(r["value"].is_null(), "{period}: {r}");
        assert!(r["points"].is_null(), "{period}: {r}");
        assert!(r["projection"].is_null(), "{period}: {r}");
        assert_eq!(r["status"], "NO_DATA", "{period}");
        assert_close(&r["target"], 60.0);
        // Not split: the annual target is in force.
        assert_close(&r["milestone"], 60.0);
    }
    let on_time = result(&app, quarter(2023, 1), c1, "ON_TIME_RATE", false).await;
    assert_eq!(on_time["numerator"], 9);
    assert_close(&on_time["value"], 90.0);
    // D1.1 never reported anything at all.
    let d = result(
        &app,
        quarter(2023, 1),
        app.tree.division,
        "FULL_ONLINE_RATE",
        false,
    )
    .await;
    assert!(d["numerator"].is_null());
    assert!(d["value"].is_null());
    assert_eq!(d["status"], "NO_DATA");
}

async fn approved_only_counts_approved_months_and_saves_show_at_once(app: TestApp) {
    let c1 = app.tree.commune;
    let code = "FULL_ONLINE_RATE";
    save(
        &app,
        "officer",
        c1,
        2023,
        1,
        &[("RECEIVED", 100), ("FULL_ONLINE", 40)],
    )
    .await;
    // A saved figure is visible in the very next query.
    let r = result(&app, quarter(2023, 1), c1, code, false).await;
    assert_eq!(r["numerator"], 40);
    assert_eq!(r["denominator"], 100);
    let r = result(&app, quarter(2023, 1), c1, code, true).await;
    assert!(r["numerator"].is_null(), "nothing approved yet: {r}");
    assert!(r["value"].is_null());
    assert_eq!(r["status"], "NO_DATA");

    let act = |m: &'static str, user: &'static str, month: i32| {
        let app = &app;
        async move {
            let body = app
                .as_user(
                    user,
                    &format!(
                        "mutation($u: ID!, $m: Int!) {{ {m}(unitId: $u, year: 2023, month: $m{}) {{ status }} }}",
                        if m == "reopenMonthlyReport" { ", comment: \"Sửa số liệu\"" } else { "" }
                    ),
                    json!({"u": c1.to_string(), "m": month}),
                )
                .await;
            assert_ok(&body);
            body
        }
    };
    act("submitMonthlyReport", "officer", 1).await;
    let approved = act("approveMonthlyReport", "province_manager", 1).await;
    assert_eq!(
        approved["data"]["approveMonthlyReport"]["status"],
        "APPROVED"
    );

    // Month 2 saved and submitted, not approved; month 3 only saved.
    save(
        &app,
        "officer",
        c1,
        2023,
        2,
        &[("RECEIVED", 200), ("FULL_ONLINE", 150)],
    )
    .await;
    act("submitMonthlyReport", "officer", 2).await;
    save(
        &app,
        "officer",
        c1,
        2023,
        3,
        &[("RECEIVED", 50), ("FULL_ONLINE", 10)],
    )
    .await;

    let all = result(&app, quarter(2023, 1), c1, code, false).await;
    assert_eq!(all["numerator"], 200);
    assert_eq!(all["denominator"], 350);
    assert_close(&all["value"], 200.0 * 100.0 / 350.0);
    let approved = result(&app, quarter(2023, 1), c1, code, true).await;
    assert_eq!(approved["numerator"], 40);
    assert_eq!(approved["denominator"], 100);
    assert_close(&approved["value"], 40.0);
    // The province rolls up the approved figures too.
    let t = result(&app, quarter(2023, 1), app.tree.province, code, true).await;
    assert_eq!(t["numerator"], 40);
    assert_eq!(t["denominator"], 100);

    // The scoreboard follows the same basis.
    let board = scoreboard(&app, "admin", quarter(2023, 1), Some("COMMUNE"), None, true).await;
    let row = board.iter().find(|r| r["unit"]["code"] == "C1").unwrap();
    assert_close(&row["score"], 40.0);

    // Approving month 2 adds it; reopening month 1 takes it out again.
    act("approveMonthlyReport", "province_manager", 2).await;
    let r = result(&app, quarter(2023, 1), c1, code, true).await;
    assert_eq!(r["numerator"], 190);
    assert_eq!(r["denominator"], 300);
    act("reopenMonthlyReport", "province_manager", 1).await;
    let r = result(&app, quarter(2023, 1), c1, code, true).await;
    assert_eq!(r["numerator"], 150);
    assert_eq!(r["denominator"], 200);
    // A correction of the reopened month shows at once in the default basis.
    save(
        &app,
        "officer",
        c1,
        2023,
        1,
        &[("RECEIVED", 110), ("FULL_ONLINE", 45)],
    )
    .await;
    let r = result(&app, quarter(2023, 1), c1, code, false).await;
    assert_eq!(r["numerator"], 205);
    assert_eq!(r["denominator"], 360);
    let r = result(&app, quarter(2023, 1), c1, code, true).await;
    assert_eq!(r["numerator"], 150);
}

async fn an_officer_sees_only_results_of_its_scope(app: TestApp) {
    worked_example_figures(&app).await;
    let (t, c1, c2) = (app.tree.province, app.tree.commune, app.tree.other_commune);
    let rows = results(
        &app,
        "officer",
        quarter(2023, 1),
        Some(&[c2, c1, t, app.tree.division]),
        &["FULL_ONLINE_RATE"],
        false,
    )
    .await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["unit"]["code"], "C1");
    assert_eq!(rows[0]["numerator"], 150);
    // Without unitIds: refused, never silently the caller's own unit.
    let query = "query($p: PeriodInput!, $s: Boolean) { indicatorResults(period: $p, includeSubtree: $s) { unit { code } } }";
    let refused = app
        .as_user("officer", query, json!({"p": quarter(2023, 1)}))
        .await;
    assert_error(&refused, "VALIDATION");
    assert_eq!(error_field(&refused), Some("unitIds"));
    // With includeSubtree: every unit of its scope (its own), every active indicator.
    let own = ok(app
        .as_user("officer", query, json!({"p": quarter(2023, 1), "s": true}))
        .await);
    let own = own["data"]["indicatorResults"].as_array().unwrap().clone();
    assert!(!own.is_empty());
    assert!(own.iter().all(|r| r["unit"]["code"] == "C1"), "{own:?}");
    // The scoreboard of an officer lists its own unit only.
    let board = scoreboard(&app, "officer", quarter(2023, 1), None, None, false).await;
    let codes: Vec<&str> = board
        .iter()
        .map(|r| r["unit"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["C1"]);
    // A manager of D1 sees D1 and D1.1, not the communes.
    let rows = results(
        &app,
        "manager",
        quarter(2023, 1),
        Some(&[c1, c2, app.tree.department, app.tree.division]),
        &["FULL_ONLINE_RATE"],
        false,
    )
    .await;
    let codes: Vec<&str> = rows
        .iter()
        .map(|r| r["unit"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["D1", "D1.1"]);
    // The province's manager sees everything.
    let rows = results(
        &app,
        "province_manager",
        quarter(2023, 1),
        Some(&[c1, c2, t]),
        &["FULL_ONLINE_RATE"],
        false,
    )
    .await;
    assert_eq!(rows.len(), 3);
    assert_close(&rows[2]["value"], 29.0);
}

async fn the_scoreboard_ranks_ties_together_and_null_scores_last(app: TestApp) {
    let t = app.tree.province;
    let c3 = create_unit(&app, "C3", "COMMUNE", t).await;
    let c4 = create_unit(&app, "C4", "COMMUNE", t).await;
    let c5 = create_unit(&app, "C5", "COMMUNE", t).await;
    let h1 = create_unit(&app, "H1", "DISTRICT", t).await;
    let c6 = create_unit(&app, "C6", "COMMUNE", h1).await;
    // Only FULL_ONLINE and RECEIVED: the score is the FULL_ONLINE_RATE (no target,
    // proportional). C5 reports nothing: no score, no rank.
    for (unit, received, full) in [
        (app.tree.commune, 100, 80),
        (app.tree.other_commune, 100, 60),
        (c3, 50, 30),
        (c4, 100, 40),
        (c6, 100, 90),
    ] {
        save(
            &app,
            "admin",
            unit,
            2023,
            2,
            &[("RECEIVED", received), ("FULL_ONLINE", full)],
        )
        .await;
    }
    let _ = c5;
    let period = quarter(2023, 1);

    // Communes under T: 80, 60, 60, 40, null → 1, 2, 2, 4, unranked last.
    let board = scoreboard(
        &app,
        "admin",
        period.clone(),
        Some("COMMUNE"),
        Some(t),
        false,
    )
    .await;
    let got: Vec<(String, Option<i64>, Option<f64>)> = board
        .iter()
        .map(|r| {
            (
                r["unit"]["code"].as_str().unwrap().to_owned(),
                r["rank"].as_i64(),
                r["score"].as_f64(),
            )
        })
        .collect();
    assert_eq!(got.len(), 5, "{got:?}");
    let expected = [
        ("C1", Some(1), Some(80.0)),
        ("C2", Some(2), Some(60.0)),
        ("C3", Some(2), Some(60.0)),
        ("C4", Some(4), Some(40.0)),
        ("C5", None, None),
    ];
    // C2 and C3 tie; their order between them is free.
    let mut sorted = got.clone();
    sorted[1..3].sort_by(|a, b| a.0.cmp(&b.0));
    for ((code, rank, score), (e_code, e_rank, e_score)) in sorted.iter().zip(expected) {
        assert_eq!(code, e_code, "{got:?}");
        assert_eq!(*rank, e_rank, "{got:?}");
        match (score, e_score) {
            (Some(s), Some(e)) => assert!((s - e).abs() < 0.005, "{got:?}"),
            (None, None) => {}
            _ => panic!("score of {code}: {got:?}"),
        }
    }
    assert_close(&board[0]["earned"], 12.0);
    assert_close(&board[0]["available"], 15.0);

    // Every commune, wherever it sits: C6 (90) comes first.
    let all = scoreboard(&app, "admin", period.clone(), Some("COMMUNE"), None, false).await;
    assert_eq!(all.len(), 6);
    assert_eq!(all[0]["unit"]["code"], "C6");
    assert_eq!(all[0]["rank"], 1);
    assert_eq!(all[1]["unit"]["code"], "C1");
    assert_eq!(all[1]["rank"], 2);
    assert_eq!(all[2]["rank"], 3);
    assert_eq!(all[3]["rank"], 3);
    assert_eq!(all[4]["unit"]["code"], "C4");
    assert_eq!(all[4]["rank"], 5);
    assert_eq!(all[5]["unit"]["code"], "C5");
    assert!(all[5]["rank"].is_null());
    assert!(all.iter().all(|r| r["unit"]["kind"] == "COMMUNE"));

    // Under H1 only C6.
    let h = scoreboard(
        &app,
        "admin",
        period.clone(),
        Some("COMMUNE"),
        Some(h1),
        false,
    )
    .await;
    assert_eq!(h.len(), 1);
    assert_eq!(h[0]["unit"]["code"], "C6");
    assert_eq!(h[0]["rank"], 1);

    // Departments only: D1 has no data.
    let deps = scoreboard(
        &app,
        "admin",
        period.clone(),
        Some("DEPARTMENT"),
        None,
        false,
    )
    .await;
    assert_eq!(deps.len(), 1);
    assert_eq!(deps[0]["unit"]["code"], "D1");
    assert!(deps[0]["rank"].is_null());
    assert!(deps[0]["score"].is_null());

    // Without a kind, each kind is ranked on its own: the province is rank 1 of its kind.
    let everything = scoreboard(&app, "admin", period, None, None, false).await;
    let province = everything
        .iter()
        .find(|r| r["unit"]["code"] == "T")
        .expect("T on the board");
    assert_eq!(province["rank"], 1);
    // (80 + 60 + 30 + 40 + 90) / (100 + 100 + 50 + 100 + 100) = 300 / 450.
    assert_close(&province["score"], 300.0 * 100.0 / 450.0);
    let c1 = everything
        .iter()
        .find(|r| r["unit"]["code"] == "C1")
        .unwrap();
    assert_eq!(c1["rank"], 2);
}

async fn update_indicator(app: &TestApp, code: &str, input: Value) {
    ok(app
        .as_user(
            "admin",
            "mutation($c: String!, $i: UpdateIndicatorInput!) { updateIndicator(code: $c, input: $i) { code } }",
            json!({"c": code, "i": input}),
        )
        .await);
}

async fn points_follow_the_rule_of_each_indicator(app: TestApp) {
    worked_example_figures(&app).await;
    worked_example_target(&app).await;
    let c1 = app.tree.commune;
    let board = || {
        let app = &app;
        async move {
            let rows =
                scoreboard(app, "admin", quarter(2023, 1), Some("COMMUNE"), None, false).await;
            rows.into_iter()
                .find(|r| r["unit"]["code"] == "C1")
                .expect("C1 on the board")
        }
    };
    // THRESHOLD(80): 15 × min(1, 50 / 80), the target notwithstanding.
    update_indicator(
        &app,
        "FULL_ONLINE_RATE",
        json!({"rule": "THRESHOLD", "threshold": 80.0}),
    )
    .await;
    let r = result(&app, quarter(2023, 1), c1, "FULL_ONLINE_RATE", false).await;
    assert_close(&r["points"], 9.375);
    // THRESHOLD(40): full points once the threshold is reached.
    update_indicator(&app, "FULL_ONLINE_RATE", json!({"threshold": 40.0})).await;
    let r = result(&app, quarter(2023, 1), c1, "FULL_ONLINE_RATE", false).await;
    assert_close(&r["points"], 15.0);
    // PROPORTIONAL: 15 × 50 / 100.
    update_indicator(&app, "FULL_ONLINE_RATE", json!({"rule": "PROPORTIONAL"})).await;
    let r = result(&app, quarter(2023, 1), c1, "FULL_ONLINE_RATE", false).await;
    assert_close(&r["points"], 7.5);
    // New points: 20 × 50 / 100 out of 20.
    update_indicator(&app, "FULL_ONLINE_RATE", json!({"points": 20.0})).await;
    let r = result(&app, quarter(2023, 1), c1, "FULL_ONLINE_RATE", false).await;
    assert_close(&r["points"], 10.0);
    assert_close(&r["maxPoints"], 20.0);
    // The score: 10 of 20 plus ONLINE_SUBMISSION_RATE 5 of 10.
    let row = board().await;
    assert_close(&row["earned"], 15.0);
    assert_close(&row["available"], 30.0);
    assert_close(&row["score"], 50.0);
    // An inactive indicator leaves the score.
    update_indicator(&app, "ONLINE_SUBMISSION_RATE", json!({"active": false})).await;
    let row = board().await;
    assert_close(&row["earned"], 10.0);
    assert_close(&row["available"], 20.0);
    assert_close(&row["score"], 50.0);
    assert!(
        row["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["indicator"]["code"] != "ONLINE_SUBMISSION_RATE"),
        "{row}"
    );
    // Back to TARGET: 20 × min(1, 50 / 60).
    update_indicator(&app, "FULL_ONLINE_RATE", json!({"rule": "TARGET"})).await;
    let row = board().await;
    assert_close(&row["earned"], 20.0 * 50.0 / 60.0);
    assert_close(&row["score"], 100.0 * 50.0 / 60.0);
}

async fn lower_is_better_indicators_compare_the_other_way(app: TestApp) {
    ok(app
        .as_user(
            "admin",
            "mutation { createIndicator(input: {code: \"FEEDBACK_RATE\", group: \"SETTLEMENT\", name: \"Tỷ lệ phản ánh\", kind: RATE, numeratorCode: \"FEEDBACK\", denominatorCode: \"RECEIVED\", direction: LOWER_IS_BETTER, points: 10}) { code direction } }",
            json!({}),
        )
        .await);
    let c1 = app.tree.commune;
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    set_target(&app, &decision, c1, "FEEDBACK_RATE", 5.0, None).await;
    let code = "FEEDBACK_RATE";
    // January 0 %: full points, on track.
    save(
        &app,
        "officer",
        c1,
        2023,
        1,
        &[("RECEIVED", 100), ("FEEDBACK", 0)],
    )
    .await;
    let r = result(&app, month(2023, 1), c1, code, false).await;
    assert_close(&r["value"], 0.0);
    assert_eq!(r["status"], "ON_TRACK");
    assert_close(&r["points"], 10.0);
    // February 8 %: year to date 4 % ≤ 5 % is on track; the month itself scores 10 × 5 / 8.
    save(
        &app,
        "officer",
        c1,
        2023,
        2,
        &[("RECEIVED", 100), ("FEEDBACK", 8)],
    )
    .await;
    let r = result(&app, month(2023, 2), c1, code, false).await;
    assert_close(&r["value"], 8.0);
    assert_eq!(r["status"], "ON_TRACK");
    assert_close(&r["points"], 6.25);
    // March 10 %: year to date 18 / 300 = 6 %, within 5 points above: at risk.
    save(
        &app,
        "officer",
        c1,
        2023,
        3,
        &[("RECEIVED", 100), ("FEEDBACK", 10)],
    )
    .await;
    let r = result(&app, quarter(2023, 1), c1, code, false).await;
    assert_close(&r["value"], 6.0);
    assert_eq!(r["status"], "AT_RISK");
    assert_close(&r["points"], 10.0 * 5.0 / 6.0);
    // April 50 %: year to date 68 / 400 = 17 %, off track.
    save(
        &app,
        "officer",
        c1,
        2023,
        4,
        &[("RECEIVED", 100), ("FEEDBACK", 50)],
    )
    .await;
    let r = result(&app, month(2023, 4), c1, code, false).await;
    assert_eq!(r["status"], "OFF_TRACK");
    assert_close(&r["projection"], 17.0);
}

async fn the_latest_decisions_target_of_the_year_is_in_force(app: TestApp) {
    worked_example_figures(&app).await;
    let c1 = app.tree.commune;
    // A target of 2022 does not apply to 2023.
    let old = app.decision("10/QĐ-UBND", 2022).await;
    set_target(&app, &old, c1, "FULL_ONLINE_RATE", 90.0, None).await;
    let r = result(&app, quarter(2023, 1), c1, "FULL_ONLINE_RATE", false).await;
    assert!(r["target"].is_null(), "{r}");
    assert_close(&r["points"], 7.5);
    // The worked example's target, then a later decision of 2023 lowering it to 45.
    worked_example_target(&app).await;
    let r = result(&app, quarter(2023, 1), c1, "FULL_ONLINE_RATE", false).await;
    assert_close(&r["target"], 60.0);
    assert_close(&r["points"], 12.5);
    let later = app.decision("99/QĐ-UBND", 2023).await;
    set_target(&app, &later, c1, "FULL_ONLINE_RATE", 45.0, None).await;
    let r = result(&app, quarter(2023, 1), c1, "FULL_ONLINE_RATE", false).await;
    assert_close(&r["target"], 45.0);
    // Not split: the annual 45 is in force; 50 ≥ 45 scores full points.
    assert_close(&r["milestone"], 45.0);
    assert_eq!(r["status"], "ON_TRACK");
    assert_close(&r["points"], 15.0);
}

/// Lists of results are answered from a plan of their selection (graphql/fast_results.rs);
/// a selection the plan leaves to the executor (a repeated key) must give the same JSON.
async fn results_answered_without_the_executor_are_the_executors_answer(app: TestApp) {
    let (c1, c2) = (app.tree.commune, app.tree.other_commune);
    save(
        &app,
        "admin",
        c1,
        2023,
        1,
        &[("RECEIVED", 40), ("FULL_ONLINE", 30)],
    )
    .await;
    save(
        &app,
        "admin",
        c2,
        2023,
        2,
        &[("RECEIVED", 0), ("FEEDBACK", 3)],
    )
    .await;
    let answer = |extra: &'static str, row_extra: &'static str| {
        let app = &app;
        async move {
            let query = format!(
                "query($p: PeriodInput!) {{
                   scoreboard(period: $p, kind: COMMUNE) {{ rank unit {{ code }} score earned available __typename results {{ ...R {extra} }} {row_extra} }}
                   indicatorResults(period: $p, unitIds: [\"{c1}\"]) {{ ...R {extra} }}
                 }}
                 fragment R on IndicatorResult {{ __typename unit {{ id code name kind }} indicator {{ code name kind }} period {{ year kind index firstMonth lastMonth }} numerator denominator value target milestone status projection points maxPoints }}"
            );
            ok(app
                .as_user(
                    "admin",
                    &query,
                    json!({"p": {"year": 2023, "kind": "YTD", "index": 2}}),
                )
                .await)
        }
    };
    let planned = answer("", "").await;
    assert_eq!(
        planned,
        answer("value", "").await,
        "results through the executor"
    );
    assert_eq!(
        planned,
        answer("", "rank").await,
        "rows through the executor"
    );
    let rows = planned["data"]["scoreboard"].as_array().map_or(0, Vec::len);
    assert!(rows >= 2, "{planned}");
}
