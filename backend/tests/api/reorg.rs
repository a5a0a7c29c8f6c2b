//! Reorganisations from a date: merging communes, moving and closing units. Figures stay
//! with the unit that reported them, a successor counts its predecessors' earlier months,
//! province totals never change, and the roll-ups always match a recomputation.

use crate::both_databases;
use crate::helpers::*;
use serde_json::{Value, json};
use shared::ids::UnitId;

both_databases!(
    a_commune_merged_in_july_has_a_whole_year_and_the_province_total_is_unchanged,
    a_figure_after_the_merge_on_a_merged_away_commune_is_refused_naming_the_successor,
    scoreboards_list_the_units_in_force_at_the_period,
    a_merge_is_refused_while_a_source_has_figures_on_or_after_the_day,
    a_preview_checks_and_shows_the_merge_and_changes_nothing,
    bad_days_decisions_and_callers_are_refused_and_change_nothing,
    a_move_from_a_date_keeps_earlier_months_under_the_old_parent,
    closing_a_unit_with_children_in_force_is_refused,
    the_tree_as_of_a_day_and_a_units_lineage,
    targets_follow_the_tree_in_force,
);

const MERGE: &str = "mutation($i: MergeUnitsInput!, $d: Boolean!) { mergeUnits(input: $i, dryRun: $d) {
    id kind effectiveOn decision preview sources { code validTo } result { id code name validFrom } moved { code } } }";
const RESULTS: &str = "query($p: PeriodInput!, $u: [ID!]) { indicatorResults(period: $p, unitIds: $u, indicatorCodes: [\"DIGITIZATION_RATE\"]) { unit { code } numerator denominator } }";
const DECISION: &str = "1656/NQ-UBTVQH15";

fn ytd(year: i32, month: i32) -> Value {
    json!({"year": year, "kind": "YTD", "index": month})
}

/// Saves `(received, digitized)` for `unit` in each month of `months` of `year`.
async fn save_months(
    app: &TestApp,
    unit: UnitId,
    year: i32,
    months: std::ops::RangeInclusive<i32>,
    received: i64,
    digitized: i64,
) {
    for m in months {
        let body = app
            .save_month(
                "admin",
                unit,
                year,
                m,
                &[("RECEIVED", received), ("DIGITIZED", digitized)],
                None,
            )
            .await;
        assert_ok(&body);
    }
}

/// `(numerator, denominator)` of the digitisation rate of each unit for the period.
async fn totals(app: &TestApp, period: Value, units: &[String]) -> Vec<(String, i64, i64)> {
    let body = app
        .as_user("admin", RESULTS, json!({"p": period, "u": units}))
        .await;
    assert_ok(&body);
    body["data"]["indicatorResults"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["unit"]["code"].as_str().unwrap().to_owned(),
                r["numerator"].as_f64().unwrap() as i64,
                r["denominator"].as_f64().unwrap() as i64,
            )
        })
        .collect()
}

async fn assert_rollups_consistent(app: &TestApp, after: &str) {
    let stored = backend::db::rollups::stored(app.db.conn()).await.unwrap();
    let recomputed = backend::db::rollups::recompute(app.db.conn())
        .await
        .unwrap();
    assert!(!recomputed.is_empty(), "{after}: nothing to compare");
    assert_eq!(stored, recomputed, "roll-ups drifted after {after}");
    let problems = backend::db::integrity::problems(app.db.conn())
        .await
        .unwrap();
    assert!(problems.is_empty(), "{after}: {problems:?}");
}

/// Merges C1 and C2 into a new commune XM under the province from 01/07/2025.
async fn merge_communes(app: &TestApp, dry_run: bool) -> Value {
    let t = &app.tree;
    app.as_user(
        "admin",
        MERGE,
        json!({"d": dry_run, "i": {
            "sourceIds": [t.commune.to_string(), t.other_commune.to_string()],
            "into": {"code": "XM", "name": "Xã Hòa Bình Mới", "kind": "COMMUNE"},
            "parentId": t.province.to_string(),
            "effectiveOn": "2025-07-01", "decision": DECISION}}),
    )
    .await
}

fn result_id(body: &Value) -> String {
    body["data"]["mergeUnits"]["result"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("merge: {body}"))
        .to_owned()
}

async fn a_commune_merged_in_july_has_a_whole_year_and_the_province_total_is_unchanged(
    app: TestApp,
) {
    let t = &app.tree;
    save_months(&app, t.commune, 2024, 1..=12, 100, 60).await;
    save_months(&app, t.other_commune, 2024, 1..=12, 50, 10).await;
    save_months(&app, t.commune, 2025, 1..=6, 100, 70).await;
    save_months(&app, t.other_commune, 2025, 1..=6, 50, 20).await;
    let province = vec![t.province.to_string()];
    let before_2025 = totals(&app, ytd(2025, 12), &province).await;
    let before_2024 = totals(&app, ytd(2024, 12), &province).await;

    let body = merge_communes(&app, false).await;
    assert_ok(&body);
    let merged = &body["data"]["mergeUnits"];
    assert_eq!(merged["kind"], "MERGE");
    assert_eq!(merged["preview"], false);
    assert_eq!(merged["result"]["validFrom"], "2025-07-01");
    assert_eq!(merged["sources"][0]["validTo"], "2025-06-30");
    let xm = result_id(&body);
    assert_rollups_consistent(&app, "the merge").await;
    assert_eq!(
        totals(&app, ytd(2025, 12), &province).await,
        before_2025,
        "the merge changed the province's 2025"
    );
    assert_eq!(
        totals(&app, ytd(2024, 12), &province).await,
        before_2024,
        "the merge changed the province's 2024"
    );

    save_months(&app, UnitId(xm.parse().unwrap()), 2025, 7..=12, 200, 150).await;
    assert_rollups_consistent(&app, "the successor's figures").await;
    // January–June of both predecessors plus the successor's own July–December.
    let year = totals(&app, ytd(2025, 12), std::slice::from_ref(&xm)).await;
    assert_eq!(
        year,
        vec![(
            "XM".to_owned(),
            6 * 70 + 6 * 20 + 6 * 150,
            6 * 100 + 6 * 50 + 6 * 200
        )]
    );
    let first_half = totals(&app, ytd(2025, 6), std::slice::from_ref(&xm)).await;
    assert_eq!(first_half[0].2, 6 * 150);
    // And a 2024 to compare with, while the predecessors keep their own.
    let last_year = totals(&app, ytd(2024, 12), &[xm.clone(), t.commune.to_string()]).await;
    assert_eq!(last_year[0], ("XM".to_owned(), 12 * 70, 12 * 150));
    assert_eq!(last_year[1], ("C1".to_owned(), 12 * 60, 12 * 100));
    // The province counts every figure once: before plus the successor's own.
    let after = totals(&app, ytd(2025, 12), &province).await;
    assert_eq!(after[0].2, before_2025[0].2 + 6 * 200);
}

async fn a_figure_after_the_merge_on_a_merged_away_commune_is_refused_naming_the_successor(
    app: TestApp,
) {
    let t = &app.tree;
    save_months(&app, t.commune, 2025, 1..=3, 100, 70).await;
    assert_ok(&merge_communes(&app, false).await);
    let body = app
        .save_month("admin", t.commune, 2025, 8, &[("RECEIVED", 5)], None)
        .await;
    assert_error(&body, "VALIDATION");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("Xã Hòa Bình Mới"), "{message}");
    assert!(message.contains("08/2025"), "{message}");
    // Its own earlier months can still be corrected.
    assert_ok(
        &app.save_month("admin", t.commune, 2025, 3, &[("RECEIVED", 120)], None)
            .await,
    );
    assert_rollups_consistent(&app, "a correction of a merged-away month").await;
    // An import of the same refused month says so, row by row, and stores nothing.
    let csv = "unit_code,year,month,RECEIVED\nC1,2025,8,5\nC1,2025,5,9\n";
    let token = app.token("admin").await;
    let body = app
        .upload(
            Some(&token),
            "mutation($f: Upload!) { importFigures(file: $f) { stored problems { kind reason row value year month message } } }",
            json!({}),
            "figures.csv",
            csv.as_bytes().to_vec(),
        )
        .await;
    let text = body.to_string();
    assert!(text.contains("NOT_IN_FORCE"), "{text}");
    let month = app
        .as_user(
            "admin",
            "query($u: ID!) { monthlyReport(unitId: $u, year: 2025, month: 5) { version } }",
            json!({"u": t.commune.to_string()}),
        )
        .await;
    assert_eq!(
        month["data"]["monthlyReport"]["version"], 0,
        "nothing of the file was stored"
    );
}

async fn scoreboards_list_the_units_in_force_at_the_period(app: TestApp) {
    let t = &app.tree;
    save_months(&app, t.commune, 2024, 1..=2, 100, 70).await;
    let xm = result_id(&merge_communes(&app, false).await);
    save_months(&app, UnitId(xm.parse().unwrap()), 2026, 1..=2, 100, 70).await;
    let board = |year: i32| {
        let app = &app;
        async move {
            let body = app
                .as_user(
                    "admin",
                    "query($p: PeriodInput!) { scoreboard(period: $p, kind: COMMUNE) { unit { code } } }",
                    json!({"p": {"year": year, "kind": "YEAR"}}),
                )
                .await;
            assert_ok(&body);
            let mut codes: Vec<String> = body["data"]["scoreboard"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["unit"]["code"].as_str().unwrap().to_owned())
                .collect();
            codes.sort();
            codes
        }
    };
    assert_eq!(board(2024).await, vec!["C1", "C2"]);
    assert_eq!(board(2026).await, vec!["XM"]);
    // 2025 ends after the merge: only the successor ranks, with its whole year, marked.
    assert_eq!(board(2025).await, vec!["XM"]);
    let marked = app
        .as_user(
            "admin",
            "query($p: PeriodInput!) { scoreboard(period: $p, kind: COMMUNE) { unit { code } mergedOn } }",
            json!({"p": {"year": 2025, "kind": "YEAR"}}),
        )
        .await;
    assert_eq!(marked["data"]["scoreboard"][0]["mergedOn"], "2025-07-01");
    let second_half = app
        .as_user(
            "admin",
            "query($p: PeriodInput!) { scoreboard(period: $p, kind: COMMUNE) { mergedOn } }",
            json!({"p": {"year": 2025, "kind": "QUARTER", "index": 4}}),
        )
        .await;
    assert_eq!(
        second_half["data"]["scoreboard"][0]["mergedOn"],
        Value::Null
    );
}

async fn a_merge_is_refused_while_a_source_has_figures_on_or_after_the_day(app: TestApp) {
    let t = &app.tree;
    save_months(&app, t.other_commune, 2025, 7..=8, 10, 1).await;
    let body = merge_communes(&app, false).await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("effectiveOn"));
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("07/2025") && message.contains("08/2025"),
        "{message}"
    );
    let units = app
        .as_user(
            "admin",
            "{ units { code } reorganizations { id } }",
            json!({}),
        )
        .await;
    assert!(
        !units.to_string().contains("\"XM\""),
        "nothing was created: {units}"
    );
    assert_eq!(units["data"]["reorganizations"], json!([]));
}

async fn a_preview_checks_and_shows_the_merge_and_changes_nothing(app: TestApp) {
    let t = &app.tree;
    save_months(&app, t.commune, 2025, 1..=2, 100, 70).await;
    let stored_before = backend::db::rollups::stored(app.db.conn()).await.unwrap();
    let body = merge_communes(&app, true).await;
    assert_ok(&body);
    let preview = &body["data"]["mergeUnits"];
    assert_eq!(preview["preview"], true);
    assert_eq!(preview["result"]["name"], "Xã Hòa Bình Mới");
    assert_eq!(preview["sources"].as_array().unwrap().len(), 2);
    let after = app
        .as_user(
            "admin",
            "{ units { code } reorganizations { id } }",
            json!({}),
        )
        .await;
    assert!(!after.to_string().contains("\"XM\""), "{after}");
    assert_eq!(after["data"]["reorganizations"], json!([]));
    assert_eq!(
        backend::db::rollups::stored(app.db.conn()).await.unwrap(),
        stored_before
    );
    // The real merge after the preview takes the same code.
    assert_ok(&merge_communes(&app, false).await);
}

async fn bad_days_decisions_and_callers_are_refused_and_change_nothing(app: TestApp) {
    let t = &app.tree;
    let input = |day: &str, decision: &str| {
        json!({"d": false, "i": {"sourceIds": [t.commune.to_string()], "intoId": t.other_commune.to_string(),
            "effectiveOn": day, "decision": decision}})
    };
    let body = app
        .as_user("admin", MERGE, input("2025-07-15", DECISION))
        .await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("effectiveOn"));
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("ngày đầu tháng")
    );
    let body = app.as_user("admin", MERGE, input("2025-07-01", "  ")).await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("decision"));
    for user in ["province_manager", "officer", "viewer"] {
        assert_error(
            &app.as_user(user, MERGE, input("2025-07-01", DECISION))
                .await,
            "FORBIDDEN",
        );
    }
    // Into itself, and into a unit of its own subtree.
    let body = app
        .as_user("admin", MERGE, json!({"d": false, "i": {"sourceIds": [t.department.to_string()], "intoId": t.division.to_string(), "effectiveOn": "2025-07-01", "decision": DECISION}}))
        .await;
    assert_error(&body, "VALIDATION");
    let body = app
        .as_user("admin", MERGE, json!({"d": false, "i": {"sourceIds": [t.commune.to_string()], "intoId": t.commune.to_string(), "effectiveOn": "2025-07-01", "decision": DECISION}}))
        .await;
    assert_error(&body, "VALIDATION");
    let list = app
        .as_user("admin", "{ reorganizations { id } }", json!({}))
        .await;
    assert_eq!(list["data"]["reorganizations"], json!([]));
    // Changes are recorded in the order they take effect.
    assert_ok(
        &app.as_user("admin", MERGE, input("2025-07-01", DECISION))
            .await,
    );
    let body = app
        .as_user("admin", "mutation($u: ID!) { closeUnit(input: {unitId: $u, effectiveOn: \"2025-03-01\", decision: \"1/QĐ\"}) { id } }", json!({"u": t.division.to_string()}))
        .await;
    assert_error(&body, "VALIDATION");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("01/07/2025")
    );
}

async fn a_move_from_a_date_keeps_earlier_months_under_the_old_parent(app: TestApp) {
    let t = &app.tree;
    // C1 moves from the province to the department D1 on 01/04/2025, recorded after its
    // April was already entered: April moves with it.
    save_months(&app, t.commune, 2025, 1..=3, 100, 70).await;
    save_months(&app, t.commune, 2025, 4..=4, 10, 5).await;
    let body = app
        .as_user(
            "admin",
            "mutation($u: ID!, $p: ID!) { moveUnit(input: {unitId: $u, parentId: $p, effectiveOn: \"2025-04-01\", decision: \"12/NQ-HĐND\"}) { kind result { code parent { code } } } }",
            json!({"u": t.commune.to_string(), "p": t.department.to_string()}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(body["data"]["moveUnit"]["result"]["parent"]["code"], "D1");
    save_months(&app, t.commune, 2025, 5..=6, 10, 5).await;
    assert_rollups_consistent(&app, "a dated move").await;
    let units = [
        t.department.to_string(),
        t.commune.to_string(),
        t.province.to_string(),
    ];
    let half = totals(&app, ytd(2025, 6), &units).await;
    assert_eq!(
        half[0],
        ("D1".to_owned(), 3 * 5, 3 * 10),
        "the department counts C1 from April only"
    );
    assert_eq!(half[1], ("C1".to_owned(), 3 * 70 + 3 * 5, 3 * 100 + 3 * 10));
    assert_eq!(
        half[2].2,
        3 * 100 + 3 * 10,
        "the province counts every month once"
    );
    // The old tree still answers for March.
    let march = app
        .as_user(
            "admin",
            "query($d: Date!) { units(asOf: $d, kind: COMMUNE) { code parent { code } } }",
            json!({"d": "2025-03-31"}),
        )
        .await;
    let c1 = march["data"]["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == "C1")
        .cloned()
        .unwrap();
    assert_eq!(c1["parent"]["code"], "T");
    // A reorganised unit is no longer re-hung for all time: only a dated move keeps history.
    let body = app
        .as_user(
            "admin",
            "mutation($id: ID!, $p: ID!) { updateUnit(id: $id, input: {parentId: $p}) { id } }",
            json!({"id": t.commune.to_string(), "p": t.province.to_string()}),
        )
        .await;
    assert_error(&body, "VALIDATION");
    assert_rollups_consistent(&app, "a refused move for all time").await;
}

async fn closing_a_unit_with_children_in_force_is_refused(app: TestApp) {
    let t = &app.tree;
    let close = |u: UnitId| {
        let app = &app;
        async move {
            app.as_user(
                "admin",
                "mutation($u: ID!) { closeUnit(input: {unitId: $u, effectiveOn: \"2025-07-01\", decision: \"1/QĐ\"}) { kind sources { code validTo } result { code } } }",
                json!({"u": u.to_string()}),
            )
            .await
        }
    };
    let body = close(t.department).await;
    assert_error(&body, "VALIDATION");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("trực thuộc")
    );
    save_months(&app, t.division, 2025, 1..=2, 10, 5).await;
    let body = close(t.division).await;
    assert_ok(&body);
    assert_eq!(body["data"]["closeUnit"]["result"], Value::Null);
    assert_eq!(
        body["data"]["closeUnit"]["sources"][0]["validTo"],
        "2025-06-30"
    );
    assert_rollups_consistent(&app, "a close").await;
    // The closed division's months still count; it is gone from today's tree.
    let d1 = totals(&app, ytd(2025, 12), &[t.department.to_string()]).await;
    assert_eq!(d1[0].2, 20);
    let today = app.as_user("admin", "{ units { code } }", json!({})).await;
    assert!(!today.to_string().contains("D1.1"), "{today}");
    assert_error(
        &app.save_month("admin", t.division, 2025, 7, &[("RECEIVED", 1)], None)
            .await,
        "VALIDATION",
    );
}

async fn the_tree_as_of_a_day_and_a_units_lineage(app: TestApp) {
    let t = &app.tree;
    save_months(&app, t.commune, 2025, 5..=6, 10, 5).await;
    let xm = result_id(&merge_communes(&app, false).await);
    let asof = |d: &'static str| {
        let app = &app;
        async move {
            let body = app
                .as_user(
                    "admin",
                    "query($d: Date!) { units(asOf: $d, kind: COMMUNE) { code } }",
                    json!({"d": d}),
                )
                .await;
            let mut c: Vec<String> = body["data"]["units"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u["code"].as_str().unwrap().to_owned())
                .collect();
            c.sort();
            c
        }
    };
    assert_eq!(asof("2025-06-30").await, vec!["C1", "C2"]);
    assert_eq!(asof("2025-07-01").await, vec!["XM"]);
    let body = app
        .as_user(
            "admin",
            "query($u: ID!, $c: ID!) { xm: unit(id: $u) { validFrom validTo latestMonth { year month } predecessors { code validTo } successors { code } reorganizations { kind decision effectiveOn } }
               c1: unit(id: $c) { successors { code } latestMonth { year month } } }",
            json!({"u": xm, "c": t.commune.to_string()}),
        )
        .await;
    assert_ok(&body);
    let x = &body["data"]["xm"];
    assert_eq!(x["validFrom"], "2025-07-01");
    assert_eq!(x["validTo"], Value::Null);
    assert_eq!(x["predecessors"].as_array().unwrap().len(), 2);
    assert_eq!(x["successors"], json!([]));
    assert_eq!(x["reorganizations"][0]["decision"], DECISION);
    assert_eq!(
        x["latestMonth"],
        json!({"year": 2025, "month": 6}),
        "its predecessors' latest month"
    );
    assert_eq!(body["data"]["c1"]["successors"][0]["code"], "XM");
    let list = app
        .as_user(
            "admin",
            "query { reorganizations(year: 2025) { kind sources { code } result { code } } }",
            json!({}),
        )
        .await;
    assert_eq!(list["data"]["reorganizations"][0]["result"]["code"], "XM");
    let none = app
        .as_user(
            "admin",
            "query { reorganizations(year: 2024) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(none["data"]["reorganizations"], json!([]));
}

async fn targets_follow_the_tree_in_force(app: TestApp) {
    let t = &app.tree;
    save_months(&app, t.commune, 2024, 1..=12, 100, 60).await;
    let xm: UnitId = UnitId(
        result_id(&merge_communes(&app, false).await)
            .parse()
            .unwrap(),
    );
    // 2026: the merged-away commune takes no targets; its successor does.
    let d2026 = app.decision("1/QĐ-UBND", 2026).await;
    let body = app
        .as_user(
            "admin",
            "mutation($d: ID!, $u: ID!) { setTarget(input: {decisionId: $d, unitId: $u, indicatorCode: \"DIGITIZATION_RATE\", value: 80}) { id } }",
            json!({"d": d2026, "u": t.commune.to_string()}),
        )
        .await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("unitId"));
    set_target(&app, &d2026, xm, "DIGITIZATION_RATE", 80.0, None).await;
    // 2025: its targets stay as history, and the cascade sees the tree at the year's end.
    let d2025 = app.decision("2/QĐ-UBND", 2025).await;
    let province = set_target(&app, &d2025, t.province, "DIGITIZATION_RATE", 80.0, None).await;
    set_target(&app, &d2025, xm, "DIGITIZATION_RATE", 70.0, None).await;
    let before = cascade_gap(&app, &province).await;
    assert!(
        before.is_number(),
        "the province's 2025 target has a gap: {before}"
    );
    set_target(&app, &d2025, t.commune, "DIGITIZATION_RATE", 10.0, None).await;
    assert_eq!(
        cascade_gap(&app, &province).await,
        before,
        "a merged-away commune's 2025 target does not count in the cascade"
    );
}

async fn cascade_gap(app: &TestApp, target: &str) -> Value {
    let q = "query($y: Int!) { targets(year: $y) { id cascadeGap } }";
    let body = app.as_user("admin", q, json!({"y": 2025})).await;
    assert_ok(&body);
    body["data"]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == target)
        .unwrap()["cascadeGap"]
        .clone()
}
