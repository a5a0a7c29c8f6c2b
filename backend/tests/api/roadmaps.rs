//! Roadmaps and cascades: `splitTarget` (LINEAR, SEASONAL, MANUAL; monthly or quarterly),
//! the milestone in force behind a status, `cascadeGap` over the children's targets, and
//! personal targets of staff (`assignStaffTarget`).

use crate::both_databases;
use crate::helpers::*;
use serde_json::{Value, json};
use shared::ids::UnitId;

both_databases!(
    a_preview_shows_the_milestones_of_a_split_without_saving_them,
    a_linear_monthly_split_of_a_rate_starts_at_the_baseline,
    without_a_baseline_a_linear_split_starts_at_last_years_actual,
    a_seasonal_split_follows_last_years_profile,
    a_count_splits_linear_seasonal_and_manual,
    manual_quarterly_values_are_accepted,
    bad_manual_values_and_values_for_linear_are_validation_errors,
    a_new_split_replaces_the_old_milestones,
    status_uses_the_milestone_in_force,
    the_cascade_gap_weights_children_by_last_years_denominator,
    a_child_without_last_years_figures_makes_every_weight_one,
    personal_targets_go_to_staff_of_the_unit,
);

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

#[track_caller]
fn ok(body: Value) -> Value {
    assert_ok(&body);
    body
}

/// Asserts milestones `{grain index value}` against `expected`, in order.
#[track_caller]
fn assert_milestones(ms: &Value, grain: &str, expected: &[f64]) {
    let ms = ms.as_array().unwrap_or_else(|| panic!("milestones: {ms}"));
    let values: Vec<f64> = ms.iter().map(|m| num(&m["value"])).collect();
    assert_eq!(ms.len(), expected.len(), "{values:?} vs {expected:?}");
    for (k, (m, e)) in ms.iter().zip(expected).enumerate() {
        assert_eq!(m["grain"], grain, "{ms:?}");
        assert_eq!(m["index"], k as i64 + 1, "{ms:?}");
        assert!(
            (num(&m["value"]) - e).abs() < 0.005,
            "milestone {}: {values:?} vs {expected:?}",
            k + 1
        );
    }
}

async fn save(app: &TestApp, user: &str, unit: UnitId, year: i32, m: i32, values: &[(&str, i64)]) {
    ok(app.save_month(user, unit, year, m, values, None).await);
}

/// The raw answer of `splitTarget` as `user`.
async fn split_as(
    app: &TestApp,
    user: &str,
    target: &str,
    method: &str,
    grain: &str,
    values: Option<&[f64]>,
) -> Value {
    app.as_user(
        user,
        "mutation($t: ID!, $m: SplitMethod!, $g: Grain!, $v: [Float!]) {
           splitTarget(targetId: $t, method: $m, grain: $g, values: $v) { id version milestones { grain index value } } }",
        json!({"t": target, "m": method, "g": grain, "v": values}),
    )
    .await
}

/// Splits as admin and returns the milestones.
async fn split(
    app: &TestApp,
    target: &str,
    method: &str,
    grain: &str,
    values: Option<&[f64]>,
) -> Value {
    let body = ok(split_as(app, "admin", target, method, grain, values).await);
    body["data"]["splitTarget"]["milestones"].clone()
}

/// The targets of `unit` in 2023, as admin.
async fn targets_of(app: &TestApp, unit: UnitId) -> Vec<Value> {
    let body = ok(app
        .as_user(
            "admin",
            "query($u: ID) { targets(year: 2023, unitId: $u) {
               id value baseline cascadeGap indicator { code } milestones { grain index value }
               staffTargets { staff { id fullName } value } } }",
            json!({"u": unit.to_string()}),
        )
        .await);
    body["data"]["targets"].as_array().unwrap().clone()
}

async fn target_by_id(app: &TestApp, unit: UnitId, id: &str) -> Value {
    targets_of(app, unit)
        .await
        .into_iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("target {id} of unit {unit}"))
}

async fn a_linear_monthly_split_of_a_rate_starts_at_the_baseline(app: TestApp) {
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let id = set_target(
        &app,
        &decision,
        app.tree.commune,
        "FULL_ONLINE_RATE",
        60.0,
        Some(30.0),
    )
    .await;
    let ms = split(&app, &id, "LINEAR", "MONTH", None).await;
    // 30 + 30 × k / 12.
    let expected: Vec<f64> = (1..=12).map(|k| 30.0 + 2.5 * f64::from(k)).collect();
    assert_milestones(&ms, "MONTH", &expected);
    // Stored: the target shows the same milestones.
    let t = target_by_id(&app, app.tree.commune, &id).await;
    assert_milestones(&t["milestones"], "MONTH", &expected);
    // Quarterly from the same baseline.
    let ms = split(&app, &id, "LINEAR", "QUARTER", None).await;
    assert_milestones(&ms, "QUARTER", &[37.5, 45.0, 52.5, 60.0]);
    // A baseline above the target gives decreasing milestones down to it.
    let id2 = set_target(
        &app,
        &decision,
        app.tree.other_commune,
        "ON_TIME_RATE",
        90.0,
        Some(98.0),
    )
    .await;
    let ms = split(&app, &id2, "LINEAR", "QUARTER", None).await;
    assert_milestones(&ms, "QUARTER", &[96.0, 94.0, 92.0, 90.0]);
    // Only an ADMIN or a MANAGER in scope splits.
    assert_error(
        &split_as(&app, "officer", &id, "LINEAR", "QUARTER", None).await,
        "FORBIDDEN",
    );
    assert_error(
        &split_as(&app, "viewer", &id, "LINEAR", "QUARTER", None).await,
        "FORBIDDEN",
    );
    ok(split_as(&app, "province_manager", &id, "LINEAR", "QUARTER", None).await);
}

async fn without_a_baseline_a_linear_split_starts_at_last_years_actual(app: TestApp) {
    let c1 = app.tree.commune;
    // 2022: 40 / 200 = 20 % over two months of C1, plus a month of 2021 that must not count.
    save(
        &app,
        "officer",
        c1,
        2022,
        3,
        &[("RECEIVED", 150), ("FULL_ONLINE", 25)],
    )
    .await;
    save(
        &app,
        "officer",
        c1,
        2022,
        10,
        &[("RECEIVED", 50), ("FULL_ONLINE", 15)],
    )
    .await;
    save(
        &app,
        "officer",
        c1,
        2021,
        6,
        &[("RECEIVED", 100), ("FULL_ONLINE", 100)],
    )
    .await;
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let id = set_target(&app, &decision, c1, "FULL_ONLINE_RATE", 60.0, None).await;
    let ms = split(&app, &id, "LINEAR", "QUARTER", None).await;
    // 20 + 40 × k / 4.
    assert_milestones(&ms, "QUARTER", &[30.0, 40.0, 50.0, 60.0]);
    let ms = split(&app, &id, "LINEAR", "MONTH", None).await;
    let expected: Vec<f64> = (1..=12)
        .map(|k| ((20.0 + 40.0 * f64::from(k) / 12.0) * 100.0).round() / 100.0)
        .collect();
    assert_milestones(&ms, "MONTH", &expected);
    assert_close(&ms[0]["value"], 23.33);
    assert_close(&ms[1]["value"], 26.67);

    // A baseline, when set, wins over last year's actual.
    let id = set_target(&app, &decision, c1, "FULL_ONLINE_RATE", 60.0, Some(40.0)).await;
    let ms = split(&app, &id, "LINEAR", "QUARTER", None).await;
    assert_milestones(&ms, "QUARTER", &[45.0, 50.0, 55.0, 60.0]);

    // No baseline and no figures last year: every milestone is the target.
    let id = set_target(
        &app,
        &decision,
        app.tree.other_commune,
        "FULL_ONLINE_RATE",
        60.0,
        None,
    )
    .await;
    let ms = split(&app, &id, "LINEAR", "QUARTER", None).await;
    assert_milestones(&ms, "QUARTER", &[60.0; 4]);
}

/// C1's 2022 figures: RECEIVED 100 in February, 300 in May, 100 in November (FULL_ONLINE
/// 20 %): cumulative shares by quarter 0.2, 0.8, 0.8, 1.
async fn last_year_profile(app: &TestApp) {
    for (m, r, f) in [(2, 100, 20), (5, 300, 60), (11, 100, 20)] {
        save(
            app,
            "officer",
            app.tree.commune,
            2022,
            m,
            &[("RECEIVED", r), ("FULL_ONLINE", f)],
        )
        .await;
    }
}

#[track_caller]
fn assert_non_decreasing_to(ms: &Value, target: f64) {
    let values: Vec<f64> = ms
        .as_array()
        .unwrap()
        .iter()
        .map(|m| num(&m["value"]))
        .collect();
    assert!(
        values.windows(2).all(|w| w[0] <= w[1] + 1e-9),
        "not non-decreasing: {values:?}"
    );
    assert!(
        (values.last().copied().unwrap() - target).abs() < 0.005,
        "does not end at {target}: {values:?}"
    );
}

async fn a_seasonal_split_follows_last_years_profile(app: TestApp) {
    last_year_profile(&app).await;
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let c1 = app.tree.commune;
    // With a baseline of 30: 30 + 30 × share.
    let id = set_target(&app, &decision, c1, "FULL_ONLINE_RATE", 60.0, Some(30.0)).await;
    let ms = split(&app, &id, "SEASONAL", "QUARTER", None).await;
    assert_milestones(&ms, "QUARTER", &[36.0, 54.0, 54.0, 60.0]);
    assert_non_decreasing_to(&ms, 60.0);
    let ms = split(&app, &id, "SEASONAL", "MONTH", None).await;
    assert_milestones(
        &ms,
        "MONTH",
        &[
            30.0, 36.0, 36.0, 36.0, 54.0, 54.0, 54.0, 54.0, 54.0, 54.0, 60.0, 60.0,
        ],
    );
    assert_non_decreasing_to(&ms, 60.0);

    // Without a baseline, from last year's 20 %: 20 + 40 × share.
    let id = set_target(&app, &decision, c1, "FULL_ONLINE_RATE", 60.0, None).await;
    let ms = split(&app, &id, "SEASONAL", "QUARTER", None).await;
    assert_milestones(&ms, "QUARTER", &[28.0, 52.0, 52.0, 60.0]);
    assert_non_decreasing_to(&ms, 60.0);

    // C2 has no figures last year: SEASONAL falls back to LINEAR.
    let id = set_target(
        &app,
        &decision,
        app.tree.other_commune,
        "FULL_ONLINE_RATE",
        60.0,
        Some(30.0),
    )
    .await;
    let ms = split(&app, &id, "SEASONAL", "QUARTER", None).await;
    assert_milestones(&ms, "QUARTER", &[37.5, 45.0, 52.5, 60.0]);
}

async fn a_count_splits_linear_seasonal_and_manual(app: TestApp) {
    let created = app
        .as_user(
            "admin",
            "mutation { createIndicator(input: {code: \"DOSSIERS\", group: \"SETTLEMENT\", name: \"Số hồ sơ tiếp nhận\", kind: COUNT, numeratorCode: \"RECEIVED\", points: 5}) { code kind } }",
            json!({}),
        )
        .await;
    assert_ok(&created);
    last_year_profile(&app).await;
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let id = set_target(&app, &decision, app.tree.commune, "DOSSIERS", 1000.0, None).await;
    // SEASONAL: 1000 × 0.2, 0.8, 0.8, 1.
    let ms = split(&app, &id, "SEASONAL", "QUARTER", None).await;
    assert_milestones(&ms, "QUARTER", &[200.0, 800.0, 800.0, 1000.0]);
    assert_non_decreasing_to(&ms, 1000.0);
    // LINEAR monthly: 1000 × k / 12 rounded up.
    let ms = split(&app, &id, "LINEAR", "MONTH", None).await;
    let expected: Vec<f64> = (1..=12)
        .map(|k| (1000.0 * f64::from(k) / 12.0).ceil())
        .collect();
    assert_milestones(&ms, "MONTH", &expected);
    // MANUAL: non-decreasing and ending at the target.
    let ms = split(
        &app,
        &id,
        "MANUAL",
        "QUARTER",
        Some(&[100.0, 400.0, 700.0, 1000.0]),
    )
    .await;
    assert_milestones(&ms, "QUARTER", &[100.0, 400.0, 700.0, 1000.0]);
    for bad in [[100.0, 400.0, 300.0, 1000.0], [100.0, 400.0, 700.0, 900.0]] {
        let body = split_as(&app, "admin", &id, "MANUAL", "QUARTER", Some(&bad)).await;
        assert_error(&body, "VALIDATION");
        assert_eq!(error_field(&body), Some("values"));
    }
    // A count's milestone before the first quarter ends is scaled: 100 × 1 / 3 at January.
    save(
        &app,
        "officer",
        app.tree.commune,
        2023,
        1,
        &[("RECEIVED", 31)],
    )
    .await;
    let body = ok(app
        .as_user(
            "admin",
            "query($u: [ID!]) { indicatorResults(period: {year: 2023, kind: MONTH, index: 1}, unitIds: $u, indicatorCodes: [\"DOSSIERS\"]) { value milestone status points projection } }",
            json!({"u": [app.tree.commune.to_string()]}),
        )
        .await);
    let r = &body["data"]["indicatorResults"][0];
    assert_close(&r["value"], 31.0);
    assert_close(&r["milestone"], 100.0 / 3.0);
    // 31 is within 10 % below 33.33.
    assert_eq!(r["status"], "AT_RISK");
    // A count scores its year-to-date count against the milestone in force: 5 × 31 / 33.33,
    // and projects 31 × 12 / 1.
    assert_close(&r["points"], 5.0 * 31.0 * 3.0 / 100.0);
    assert_close(&r["projection"], 372.0);
    // February adds 49: 80 in the year to date.
    save(
        &app,
        "officer",
        app.tree.commune,
        2023,
        2,
        &[("RECEIVED", 49)],
    )
    .await;
    let body = ok(app
        .as_user(
            "admin",
            "query($u: [ID!]) { indicatorResults(period: {year: 2023, kind: MONTH, index: 3}, unitIds: $u, indicatorCodes: [\"DOSSIERS\"]) { value milestone status points projection } }",
            json!({"u": [app.tree.commune.to_string(), app.tree.other_commune.to_string()]}),
        )
        .await);
    let rows = body["data"]["indicatorResults"].as_array().unwrap();
    let r = &rows[0];
    // March itself has no figures (no value); against the first quarter's 100 the year to
    // date of 80 is off track and projects 80 × 12 / 3.
    assert!(r["value"].is_null(), "{r}");
    assert_close(&r["milestone"], 100.0);
    assert_eq!(r["status"], "OFF_TRACK");
    assert_close(&r["projection"], 320.0);
    // February: 5 × min(1, 80 / 66.67) = 5 (the first milestone scaled to 2 of 3 months).
    let body = ok(app
        .as_user(
            "admin",
            "query($u: [ID!]) { indicatorResults(period: {year: 2023, kind: MONTH, index: 2}, unitIds: $u, indicatorCodes: [\"DOSSIERS\"]) { value milestone status points } }",
            json!({"u": [app.tree.commune.to_string()]}),
        )
        .await);
    let r = &body["data"]["indicatorResults"][0];
    assert_close(&r["value"], 49.0);
    assert_close(&r["milestone"], 200.0 / 3.0);
    assert_eq!(r["status"], "ON_TRACK");
    assert_close(&r["points"], 5.0);
    // A count without a target is left out of the score.
    save(
        &app,
        "admin",
        app.tree.other_commune,
        2023,
        3,
        &[("RECEIVED", 10)],
    )
    .await;
    let body = ok(app
        .as_user(
            "admin",
            "query($u: [ID!]) { indicatorResults(period: {year: 2023, kind: QUARTER, index: 1}, unitIds: $u, indicatorCodes: [\"DOSSIERS\"]) { value target points status } }",
            json!({"u": [app.tree.other_commune.to_string()]}),
        )
        .await);
    let r = &body["data"]["indicatorResults"][0];
    assert_close(&r["value"], 10.0);
    assert!(r["target"].is_null());
    assert!(r["points"].is_null(), "{r}");
}

async fn manual_quarterly_values_are_accepted(app: TestApp) {
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let id = set_target(
        &app,
        &decision,
        app.tree.commune,
        "FULL_ONLINE_RATE",
        60.0,
        Some(30.0),
    )
    .await;
    let ms = split(
        &app,
        &id,
        "MANUAL",
        "QUARTER",
        Some(&[40.0, 45.0, 50.0, 60.0]),
    )
    .await;
    assert_milestones(&ms, "QUARTER", &[40.0, 45.0, 50.0, 60.0]);
    // A rate's roadmap may stay below the target and need not be monotone.
    let ms = split(
        &app,
        &id,
        "MANUAL",
        "QUARTER",
        Some(&[0.0, 55.5, 50.0, 58.0]),
    )
    .await;
    assert_milestones(&ms, "QUARTER", &[0.0, 55.5, 50.0, 58.0]);
    let t = target_by_id(&app, app.tree.commune, &id).await;
    assert_milestones(&t["milestones"], "QUARTER", &[0.0, 55.5, 50.0, 58.0]);
    // The province's manager may split targets of units in its scope.
    let body = ok(split_as(
        &app,
        "province_manager",
        &id,
        "MANUAL",
        "QUARTER",
        Some(&[40.0, 45.0, 50.0, 60.0]),
    )
    .await);
    assert_milestones(
        &body["data"]["splitTarget"]["milestones"],
        "QUARTER",
        &[40.0, 45.0, 50.0, 60.0],
    );
}

async fn bad_manual_values_and_values_for_linear_are_validation_errors(app: TestApp) {
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let id = set_target(
        &app,
        &decision,
        app.tree.commune,
        "FULL_ONLINE_RATE",
        60.0,
        Some(30.0),
    )
    .await;
    let before = split(&app, &id, "LINEAR", "QUARTER", None).await;
    let cases: [(&str, &str, Option<&[f64]>); 7] = [
        // Three values for four quarters.
        ("MANUAL", "QUARTER", Some(&[40.0, 50.0, 60.0])),
        // Five values for four quarters.
        ("MANUAL", "QUARTER", Some(&[40.0, 45.0, 50.0, 55.0, 60.0])),
        // Four values for twelve months.
        ("MANUAL", "MONTH", Some(&[40.0, 45.0, 50.0, 60.0])),
        // A value above the target.
        ("MANUAL", "QUARTER", Some(&[40.0, 45.0, 70.0, 60.0])),
        // A negative value.
        ("MANUAL", "QUARTER", Some(&[-1.0, 45.0, 50.0, 60.0])),
        // No values for MANUAL.
        ("MANUAL", "QUARTER", None),
        // Values for LINEAR.
        ("LINEAR", "QUARTER", Some(&[40.0, 45.0, 50.0, 60.0])),
    ];
    for (method, grain, values) in cases {
        let body = split_as(&app, "admin", &id, method, grain, values).await;
        assert_error(&body, "VALIDATION");
        assert_eq!(
            error_field(&body),
            Some("values"),
            "{method} {grain} {values:?}: {body}"
        );
    }
    let body = split_as(
        &app,
        "admin",
        &id,
        "SEASONAL",
        "QUARTER",
        Some(&[40.0, 45.0, 50.0, 60.0]),
    )
    .await;
    assert_error(&body, "VALIDATION");
    // A rejected split changes nothing.
    let t = target_by_id(&app, app.tree.commune, &id).await;
    assert_eq!(t["milestones"], before);
}

async fn a_new_split_replaces_the_old_milestones(app: TestApp) {
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let c1 = app.tree.commune;
    let id = set_target(&app, &decision, c1, "FULL_ONLINE_RATE", 60.0, Some(30.0)).await;
    let monthly = split(&app, &id, "LINEAR", "MONTH", None).await;
    assert_eq!(monthly.as_array().unwrap().len(), 12);
    let quarterly = split(
        &app,
        &id,
        "MANUAL",
        "QUARTER",
        Some(&[35.0, 40.0, 50.0, 60.0]),
    )
    .await;
    assert_milestones(&quarterly, "QUARTER", &[35.0, 40.0, 50.0, 60.0]);
    let t = target_by_id(&app, c1, &id).await;
    assert_milestones(&t["milestones"], "QUARTER", &[35.0, 40.0, 50.0, 60.0]);
    // And back to monthly: no quarterly milestone is left over.
    split(&app, &id, "LINEAR", "MONTH", None).await;
    let t = target_by_id(&app, c1, &id).await;
    let expected: Vec<f64> = (1..=12).map(|k| 30.0 + 2.5 * f64::from(k)).collect();
    assert_milestones(&t["milestones"], "MONTH", &expected);
    // The results follow the new roadmap: at February the monthly milestone 35.
    save(
        &app,
        "officer",
        c1,
        2023,
        2,
        &[("RECEIVED", 100), ("FULL_ONLINE", 36)],
    )
    .await;
    let body = ok(app
        .as_user(
            "admin",
            "query($u: [ID!]) { indicatorResults(period: {year: 2023, kind: MONTH, index: 2}, unitIds: $u, indicatorCodes: [\"FULL_ONLINE_RATE\"]) { milestone status } }",
            json!({"u": [c1.to_string()]}),
        )
        .await);
    let r = &body["data"]["indicatorResults"][0];
    assert_close(&r["milestone"], 35.0);
    assert_eq!(r["status"], "ON_TRACK");
}

async fn status_uses_the_milestone_in_force(app: TestApp) {
    let c1 = app.tree.commune;
    // Year-to-date: Jan 35 %, Feb 37.5 %, Mar 36.67 %, Apr 37.5 %, May–Jun 38 %.
    for (m, f) in [(1, 35), (2, 40), (3, 35), (4, 40), (6, 40)] {
        save(
            &app,
            "officer",
            c1,
            2023,
            m,
            &[("RECEIVED", 100), ("FULL_ONLINE", f)],
        )
        .await;
    }
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let id = set_target(&app, &decision, c1, "FULL_ONLINE_RATE", 60.0, Some(30.0)).await;

    let eval = |period: Value| {
        let app = &app;
        async move {
            let body = ok(app
                .as_user(
                    "admin",
                    "query($p: PeriodInput!, $u: [ID!]) { indicatorResults(period: $p, unitIds: $u, indicatorCodes: [\"FULL_ONLINE_RATE\"]) { value milestone status } }",
                    json!({"p": period, "u": [c1.to_string()]}),
                )
                .await);
            body["data"]["indicatorResults"][0].clone()
        }
    };
    let month = |m: i32| json!({"year": 2023, "kind": "MONTH", "index": m});
    let quarter = |q: i32| json!({"year": 2023, "kind": "QUARTER", "index": q});

    // Not split: the annual target is in force at every month.
    let r = eval(month(2)).await;
    assert_close(&r["milestone"], 60.0);
    assert_eq!(r["status"], "OFF_TRACK");

    // Quarterly 37.5, 45, 52.5, 60: before March ends the first milestone is in force.
    split(&app, &id, "LINEAR", "QUARTER", None).await;
    for (period, milestone, status) in [
        (month(1), 37.5, "AT_RISK"),
        (month(2), 37.5, "ON_TRACK"),
        (month(3), 37.5, "AT_RISK"),
        (month(4), 37.5, "ON_TRACK"),
        (month(5), 37.5, "ON_TRACK"),
        (month(6), 45.0, "OFF_TRACK"),
        (quarter(1), 37.5, "AT_RISK"),
        (quarter(2), 45.0, "OFF_TRACK"),
        (
            json!({"year": 2023, "kind": "YTD", "index": 4}),
            37.5,
            "ON_TRACK",
        ),
        (json!({"year": 2023, "kind": "YEAR"}), 60.0, "OFF_TRACK"),
    ] {
        let r = eval(period.clone()).await;
        assert_close(&r["milestone"], milestone);
        assert_eq!(r["status"], status, "{period}: {r}");
    }
    // May has no figures of its own, but its status is the year to date's.
    let may = eval(month(5)).await;
    assert!(may["value"].is_null());

    // Monthly 32.5, 35, 37.5, 40, 42.5, 45, …: the same figures, other milestones.
    split(&app, &id, "LINEAR", "MONTH", None).await;
    for (m, milestone, status) in [
        (1, 32.5, "ON_TRACK"),
        (2, 35.0, "ON_TRACK"),
        (3, 37.5, "AT_RISK"),
        (4, 40.0, "AT_RISK"),
        (6, 45.0, "OFF_TRACK"),
    ] {
        let r = eval(month(m)).await;
        assert_close(&r["milestone"], milestone);
        assert_eq!(r["status"], status, "month {m}: {r}");
    }
}

async fn the_cascade_gap_weights_children_by_last_years_denominator(app: TestApp) {
    let (t, c1, c2) = (app.tree.province, app.tree.commune, app.tree.other_commune);
    // 2022 RECEIVED: C1 100, C2 300 (over several months); D1 has no target and no figures.
    save(&app, "officer", c1, 2022, 4, &[("RECEIVED", 60)]).await;
    save(&app, "officer", c1, 2022, 9, &[("RECEIVED", 40)]).await;
    save(&app, "admin", c2, 2022, 12, &[("RECEIVED", 300)]).await;
    // 2023 figures do not weigh.
    save(&app, "admin", c1, 2023, 1, &[("RECEIVED", 5000)]).await;
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let province = set_target(&app, &decision, t, "FULL_ONLINE_RATE", 60.0, None).await;
    let gap = || {
        let province = province.clone();
        let app = &app;
        async move {
            let t = target_by_id(app, app.tree.province, &province).await;
            t["cascadeGap"].clone()
        }
    };
    // No child has a target yet.
    assert!(gap().await.is_null());

    let c1_target = set_target(&app, &decision, c1, "FULL_ONLINE_RATE", 50.0, None).await;
    set_target(&app, &decision, c2, "FULL_ONLINE_RATE", 70.0, None).await;
    // (50 × 100 + 70 × 300) / 400 = 65 ≥ 60.
    assert_close(&gap().await, 0.0);
    // A target of another indicator does not count.
    set_target(&app, &decision, c2, "ON_TIME_RATE", 10.0, None).await;
    assert_close(&gap().await, 0.0);

    // A later decision lowers C2 to 55: (50 × 100 + 55 × 300) / 400 = 53.75 → gap 6.25.
    let later = app.decision("56/QĐ-UBND", 2023).await;
    set_target(&app, &later, c2, "FULL_ONLINE_RATE", 55.0, None).await;
    assert_close(&gap().await, 6.25);

    // C1 has no children: no gap.
    let c1t = target_by_id(&app, c1, &c1_target).await;
    assert!(c1t["cascadeGap"].is_null());
}

async fn personal_targets_go_to_staff_of_the_unit(app: TestApp) {
    let create_staff = |unit: UnitId, name: &'static str| {
        let app = &app;
        async move {
            let body = app
                .as_user(
                    "admin",
                    "mutation($u: ID!, $n: String!) { createStaff(input: {unitId: $u, fullName: $n, position: \"Công chức một cửa\"}) { id } }",
                    json!({"u": unit.to_string(), "n": name}),
                )
                .await;
            body["data"]["createStaff"]["id"]
                .as_str()
                .unwrap_or_else(|| panic!("createStaff: {body}"))
                .to_owned()
        }
    };
    let c1 = app.tree.commune;
    let own = create_staff(c1, "Nguyễn Văn An").await;
    let second = create_staff(c1, "Trần Thị Bình").await;
    let foreign = create_staff(app.tree.other_commune, "Lê Văn Cường").await;
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let id = set_target(&app, &decision, c1, "FULL_ONLINE_RATE", 60.0, None).await;

    let assign = |user: &'static str, staff: String, value: f64| {
        let app = &app;
        let id = id.clone();
        async move {
            app.as_user(
                user,
                "mutation($t: ID!, $s: ID!, $v: Float!) { assignStaffTarget(targetId: $t, staffId: $s, value: $v) {
                   staffTargets { staff { id fullName unit { code } } value } } }",
                json!({"t": id, "s": staff, "v": value}),
            )
            .await
        }
    };
    let body = ok(assign("admin", own.clone(), 55.0).await);
    let st = body["data"]["assignStaffTarget"]["staffTargets"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(st.len(), 1);
    assert_eq!(st[0]["staff"]["id"], own.as_str());
    assert_eq!(st[0]["staff"]["fullName"], "Nguyễn Văn An");
    assert_eq!(st[0]["staff"]["unit"]["code"], "C1");
    assert_close(&st[0]["value"], 55.0);

    // The province's manager assigns too; assigning again replaces the value.
    ok(assign("province_manager", second.clone(), 65.0).await);
    ok(assign("admin", own.clone(), 58.0).await);

    // Staff of another unit: VALIDATION. An officer or a viewer: FORBIDDEN.
    let body = assign("admin", foreign, 50.0).await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("staffId"));
    assert_error(&assign("officer", own.clone(), 10.0).await, "FORBIDDEN");
    assert_error(&assign("viewer", own.clone(), 10.0).await, "FORBIDDEN");

    let t = target_by_id(&app, c1, &id).await;
    let mut got: Vec<(String, f64)> = t["staffTargets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["staff"]["id"].as_str().unwrap().to_owned(),
                num(&s["value"]),
            )
        })
        .collect();
    got.sort_by(|a, b| a.0.cmp(&b.0));
    let mut expected = vec![(own, 58.0), (second, 65.0)];
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(got.len(), 2, "{got:?}");
    for ((gid, gv), (eid, ev)) in got.iter().zip(&expected) {
        assert_eq!(gid, eid);
        assert!((gv - ev).abs() < 0.005, "{got:?}");
    }
}

async fn a_child_without_last_years_figures_makes_every_weight_one(app: TestApp) {
    let (t, c1, c2) = (app.tree.province, app.tree.commune, app.tree.other_commune);
    // ON_TIME_RATE weighs by DUE: C1 had 100 in 2022, C2 nothing.
    save(
        &app,
        "officer",
        c1,
        2022,
        7,
        &[("DUE", 100), ("ON_TIME", 90)],
    )
    .await;
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let province = set_target(&app, &decision, t, "ON_TIME_RATE", 60.0, None).await;
    set_target(&app, &decision, c1, "ON_TIME_RATE", 50.0, None).await;
    // One child only: its own target, whatever its weight.
    let gap = target_by_id(&app, t, &province).await["cascadeGap"].clone();
    assert_close(&gap, 10.0);
    // Plain mean of 50 and 70 = 60: no gap (weighted by C1 alone it would be 10).
    set_target(&app, &decision, c2, "ON_TIME_RATE", 70.0, None).await;
    let gap = target_by_id(&app, t, &province).await["cascadeGap"].clone();
    assert_close(&gap, 0.0);
    // Mean of 50 and 62 = 56: gap 4.
    set_target(&app, &decision, c2, "ON_TIME_RATE", 62.0, None).await;
    let gap = target_by_id(&app, t, &province).await["cascadeGap"].clone();
    assert_close(&gap, 4.0);
}

async fn a_preview_shows_the_milestones_of_a_split_without_saving_them(app: TestApp) {
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let target = set_target(
        &app,
        &decision,
        app.tree.commune,
        "FULL_ONLINE_RATE",
        60.0,
        Some(30.0),
    )
    .await;
    let preview = app
        .as_user(
            "province_manager",
            "query($t: ID!) { previewSplit(targetId: $t, method: LINEAR, grain: QUARTER) { grain index value } }",
            json!({"t": target}),
        )
        .await;
    assert_ok(&preview);
    let values: Vec<f64> = preview["data"]["previewSplit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, vec![37.5, 45.0, 52.5, 60.0]);
    let stored = app
        .as_user(
            "admin",
            "query($t: ID) { targets(year: 2023, decisionId: $t) { milestones { value } } }",
            json!({"t": decision}),
        )
        .await;
    assert!(
        stored["data"]["targets"][0]["milestones"]
            .as_array()
            .unwrap()
            .is_empty(),
        "a preview saves nothing"
    );
    let bad = app
        .as_user(
            "admin",
            "query($t: ID!) { previewSplit(targetId: $t, method: MANUAL, grain: QUARTER, values: [10, 20]) { value } }",
            json!({"t": target}),
        )
        .await;
    assert_error(&bad, "VALIDATION");
    let officer = app
        .as_user("officer", "query($t: ID!) { previewSplit(targetId: $t, method: LINEAR, grain: QUARTER) { value } }", json!({"t": target}))
        .await;
    assert_error(&officer, "FORBIDDEN");
}
