//! Units: unique and non-blank codes, and moving a unit in the tree, which must keep its
//! path, the roll-ups of its old and new ancestors and the province total right.

use crate::both_databases;
use crate::helpers::*;
use serde_json::{Value, json};
use shared::ids::UnitId;

both_databases!(
    creating_a_unit_with_an_existing_code_is_a_conflict,
    a_blank_unit_code_is_a_validation_error_on_code,
    moving_a_commune_under_the_department_keeps_its_path_root_first,
    moving_a_commune_carries_its_figures_to_its_new_ancestors,
    a_unit_cannot_be_moved_under_its_own_subtree_nor_the_root_moved,
    the_stored_rollups_match_a_recomputation_after_saves_approvals_reopen_and_a_move,
    concurrent_saves_across_the_tree_keep_the_rollups_consistent,
    a_moved_unit_falls_under_the_scope_of_its_new_ancestors,
    a_blank_unit_name_is_a_validation_error_and_changes_nothing,
);

const CREATE: &str = "mutation($c: String!, $p: ID) { createUnit(input: {code: $c, name: \"Xã Mới\", kind: COMMUNE, parentId: $p}) { id code } }";
const MOVE: &str = "mutation($id: ID!, $p: ID!) { updateUnit(id: $id, input: {parentId: $p}) { code parent { code } path { code } } }";
const RESULTS: &str = "query($p: PeriodInput!, $u: [ID!], $a: Boolean) { indicatorResults(period: $p, unitIds: $u, indicatorCodes: [\"DIGITIZATION_RATE\"], approvedOnly: $a) { unit { code } numerator denominator value } }";

async fn unit_count(app: &TestApp) -> usize {
    let body = app.as_user("admin", "{ units { id } }", json!({})).await;
    body["data"]["units"].as_array().unwrap().len()
}

async fn creating_a_unit_with_an_existing_code_is_a_conflict(app: TestApp) {
    let before = unit_count(&app).await;
    for code in ["C1", " C1 ", "D1.1", "T"] {
        let body = app
            .as_user(
                "admin",
                CREATE,
                json!({"c": code, "p": app.tree.department.to_string()}),
            )
            .await;
        assert_error(&body, "CONFLICT");
    }
    assert_eq!(unit_count(&app).await, before);
    // The same code is free once, then taken.
    let ok = app.as_user("admin", CREATE, json!({"c": "C3"})).await;
    assert_ok(&ok);
    assert_error(
        &app.as_user("admin", CREATE, json!({"c": "C3"})).await,
        "CONFLICT",
    );
    assert_eq!(unit_count(&app).await, before + 1);
}

async fn a_blank_unit_code_is_a_validation_error_on_code(app: TestApp) {
    let before = unit_count(&app).await;
    for code in ["", "   ", "\t"] {
        let body = app.as_user("admin", CREATE, json!({"c": code})).await;
        assert_error(&body, "VALIDATION");
        assert_eq!(error_field(&body), Some("code"), "{code:?}: {body}");
    }
    assert_eq!(unit_count(&app).await, before);
}

fn codes(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect()
}

async fn move_unit(app: &TestApp, unit: UnitId, parent: UnitId) -> Value {
    let body = app
        .as_user(
            "admin",
            MOVE,
            json!({"id": unit.to_string(), "p": parent.to_string()}),
        )
        .await;
    assert_ok(&body);
    body["data"]["updateUnit"].clone()
}

async fn moving_a_commune_under_the_department_keeps_its_path_root_first(app: TestApp) {
    let t = &app.tree;
    let moved = move_unit(&app, t.commune, t.department).await;
    assert_eq!(moved["parent"]["code"], "D1");
    assert_eq!(codes(&moved["path"]), vec!["T", "D1", "C1"]);
    let read = app
        .as_user(
            "admin",
            "{ unit(code: \"D1\") { path { code } children { code } } t: unit(code: \"T\") { children { code } } }",
            json!({}),
        )
        .await;
    assert_eq!(codes(&read["data"]["unit"]["path"]), vec!["T", "D1"]);
    let mut children = codes(&read["data"]["unit"]["children"]);
    children.sort();
    assert_eq!(children, vec!["C1", "D1.1"]);
    let mut top = codes(&read["data"]["t"]["children"]);
    top.sort();
    assert_eq!(top, vec!["C2", "D1"]);
    // The department's manager now sees the commune; its path is cut at the manager's scope.
    let seen = app
        .as_user(
            "manager",
            "{ unit(code: \"C1\") { path { code } } }",
            json!({}),
        )
        .await;
    assert_eq!(codes(&seen["data"]["unit"]["path"]), vec!["D1", "C1"]);
    // A unit deeper down keeps the right path when its ancestor moves.
    let created = app
        .as_user(
            "admin",
            "mutation($p: ID!) { createUnit(input: {code: \"C1.1\", name: \"Thôn\", kind: OTHER, parentId: $p}) { id } }",
            json!({"p": t.commune.to_string()}),
        )
        .await;
    assert_ok(&created);
    move_unit(&app, t.commune, t.other_commune).await;
    let deep = app
        .as_user(
            "admin",
            "{ unit(code: \"C1.1\") { path { code } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        codes(&deep["data"]["unit"]["path"]),
        vec!["T", "C2", "C1", "C1.1"]
    );
}

/// (numerator, denominator) of DIGITIZATION_RATE per unit code for a period.
async fn results(
    app: &TestApp,
    period: Value,
    units: &[UnitId],
    approved_only: bool,
) -> Vec<(String, Option<i64>, Option<i64>)> {
    let ids: Vec<String> = units.iter().map(|u| u.to_string()).collect();
    let body = app
        .as_user(
            "admin",
            RESULTS,
            json!({"p": period, "u": ids, "a": approved_only}),
        )
        .await;
    assert_ok(&body);
    let mut out: Vec<(String, Option<i64>, Option<i64>)> = body["data"]["indicatorResults"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["unit"]["code"].as_str().unwrap().to_owned(),
                r["numerator"].as_i64(),
                r["denominator"].as_i64(),
            )
        })
        .collect();
    out.sort();
    out
}

fn row(code: &str, num: i64, den: i64) -> (String, Option<i64>, Option<i64>) {
    (code.to_owned(), Some(num), Some(den))
}

async fn approve(app: &TestApp, unit: UnitId, month: i32) {
    for action in ["submitMonthlyReport", "approveMonthlyReport"] {
        let body = app
            .as_user(
                "admin",
                &format!(
                    "mutation($u: ID!, $m: Int!) {{ {action}(unitId: $u, year: 2023, month: $m) {{ status }} }}"
                ),
                json!({"u": unit.to_string(), "m": month}),
            )
            .await;
        assert_ok(&body);
    }
}

async fn moving_a_commune_carries_its_figures_to_its_new_ancestors(app: TestApp) {
    let t = &app.tree;
    for (user, unit, month, received, digitized) in [
        ("officer", t.commune, 1, 100, 40),
        ("officer", t.commune, 2, 60, 30),
        ("manager", t.division, 1, 50, 10),
        ("admin", t.other_commune, 2, 20, 20),
    ] {
        assert_ok(
            &app.save_month(
                user,
                unit,
                2023,
                month,
                &[("RECEIVED", received), ("DIGITIZED", digitized)],
                None,
            )
            .await,
        );
    }
    approve(&app, t.commune, 1).await;
    let units = [t.province, t.department, t.commune];
    let ytd = json!({"year": 2023, "kind": "YTD", "index": 2});
    let month1 = json!({"year": 2023, "kind": "MONTH", "index": 1});
    assert_eq!(
        results(&app, ytd.clone(), &units, false).await,
        vec![row("C1", 70, 160), row("D1", 10, 50), row("T", 100, 230)]
    );

    move_unit(&app, t.commune, t.department).await;

    assert_eq!(
        results(&app, ytd.clone(), &units, false).await,
        vec![row("C1", 70, 160), row("D1", 80, 210), row("T", 100, 230)]
    );
    assert_eq!(
        results(&app, month1.clone(), &units, false).await,
        vec![row("C1", 40, 100), row("D1", 50, 150), row("T", 50, 150)]
    );
    // The approved basis moves with it: only C1's January is approved.
    assert_eq!(
        results(&app, ytd.clone(), &units, true).await,
        vec![row("C1", 40, 100), row("D1", 40, 100), row("T", 40, 100)]
    );
    let year = json!({"year": 2023, "kind": "YEAR"});
    assert_eq!(
        results(&app, year, &[t.department], false).await,
        vec![row("D1", 80, 210)]
    );
    // Figures saved after the move roll up to the new ancestors.
    assert_ok(
        &app.save_month(
            "officer",
            t.commune,
            2023,
            3,
            &[("RECEIVED", 10), ("DIGITIZED", 10)],
            None,
        )
        .await,
    );
    let march = json!({"year": 2023, "kind": "YTD", "index": 3});
    assert_eq!(
        results(&app, march, &units, false).await,
        vec![row("C1", 80, 170), row("D1", 90, 220), row("T", 110, 240)]
    );
    // And moving back restores the department's own figures.
    move_unit(&app, t.commune, t.province).await;
    assert_eq!(
        results(&app, ytd, &[t.department], false).await,
        vec![row("D1", 10, 50)]
    );
}

async fn a_unit_cannot_be_moved_under_its_own_subtree_nor_the_root_moved(app: TestApp) {
    let t = &app.tree;
    for (unit, parent) in [
        (t.department, t.division),
        (t.department, t.department),
        (t.province, t.commune),
    ] {
        let body = app
            .as_user(
                "admin",
                MOVE,
                json!({"id": unit.to_string(), "p": parent.to_string()}),
            )
            .await;
        assert_error(&body, "VALIDATION");
        assert_eq!(error_field(&body), Some("parentId"), "{body}");
    }
    let d1 = app
        .as_user(
            "admin",
            "{ unit(code: \"D1\") { path { code } } }",
            json!({}),
        )
        .await;
    assert_eq!(codes(&d1["data"]["unit"]["path"]), vec!["T", "D1"]);
}

async fn assert_rollups_consistent(app: &TestApp, after: &str) {
    let stored = backend::db::rollups::stored(app.db.conn())
        .await
        .expect("stored roll-ups");
    let recomputed = backend::db::rollups::recompute(app.db.conn())
        .await
        .expect("recomputed roll-ups");
    assert!(!recomputed.is_empty(), "{after}: nothing to compare");
    assert_eq!(stored, recomputed, "roll-ups drifted after {after}");
}

async fn the_stored_rollups_match_a_recomputation_after_saves_approvals_reopen_and_a_move(
    app: TestApp,
) {
    let t = &app.tree;
    for (unit, month, received, online) in [
        (t.commune, 1, 100, 80),
        (t.commune, 2, 90, 10),
        (t.division, 1, 40, 40),
        (t.department, 1, 30, 3),
        (t.other_commune, 3, 7, 0),
        (t.province, 1, 5, 5),
    ] {
        assert_ok(
            &app.save_month(
                "admin",
                unit,
                2023,
                month,
                &[("RECEIVED", received), ("RECEIVED_ONLINE", online)],
                None,
            )
            .await,
        );
    }
    assert_rollups_consistent(&app, "the first saves").await;
    // Replacing a value, adding another measure.
    assert_ok(
        &app.save_month(
            "admin",
            t.commune,
            2023,
            1,
            &[("RECEIVED", 120), ("DIGITIZED", 60)],
            None,
        )
        .await,
    );
    assert_rollups_consistent(&app, "a replacing save").await;
    approve(&app, t.commune, 1).await;
    approve(&app, t.division, 1).await;
    assert_rollups_consistent(&app, "approvals").await;
    let reopen = app
        .as_user(
            "admin",
            "mutation($u: ID!) { reopenMonthlyReport(unitId: $u, year: 2023, month: 1, comment: \"Sửa\") { status } }",
            json!({"u": t.commune.to_string()}),
        )
        .await;
    assert_ok(&reopen);
    assert_ok(
        &app.save_month("admin", t.commune, 2023, 1, &[("RECEIVED", 110)], None)
            .await,
    );
    approve(&app, t.commune, 1).await;
    assert_rollups_consistent(&app, "a reopen, a save and a new approval").await;
    move_unit(&app, t.commune, t.department).await;
    assert_rollups_consistent(&app, "moving C1 under D1").await;
    move_unit(&app, t.department, t.other_commune).await;
    assert_rollups_consistent(&app, "moving D1 (with C1) under C2").await;
    assert_ok(
        &app.save_month("officer", t.commune, 2023, 2, &[("RECEIVED", 95)], None)
            .await,
    );
    approve(&app, t.commune, 2).await;
    assert_rollups_consistent(&app, "a save and an approval after the moves").await;
    // Rejected saves leave the roll-ups alone.
    assert_error(
        &app.save_month(
            "admin",
            t.commune,
            2023,
            3,
            &[("RECEIVED", 1), ("RECEIVED_ONLINE", 2)],
            None,
        )
        .await,
        "VALIDATION",
    );
    assert_rollups_consistent(&app, "a rejected save").await;
}

async fn concurrent_saves_across_the_tree_keep_the_rollups_consistent(app: TestApp) {
    let t = &app.tree;
    for user in ["admin", "officer", "manager"] {
        app.token(user).await;
    }
    for round in 0..3i64 {
        let v: Vec<[(&str, i64); 1]> = (1..=5).map(|k| [("RECEIVED", 10 * k + round)]).collect();
        let (a, b, c, d, e) = tokio::join!(
            app.save_month("officer", t.commune, 2023, 1, &v[0], None),
            app.save_month("admin", t.other_commune, 2023, 1, &v[1], None),
            app.save_month("manager", t.division, 2023, 1, &v[2], None),
            app.save_month("manager", t.department, 2023, 2, &v[3], None),
            app.save_month("admin", t.province, 2023, 3, &v[4], None),
        );
        for body in [a, b, c, d, e] {
            assert_ok(&body);
        }
    }
    assert_rollups_consistent(&app, "concurrent saves").await;
    let body = app
        .as_user(
            "admin",
            "query($u: [ID!]) { indicatorResults(period: {year: 2023, kind: YTD, index: 3}, unitIds: $u, indicatorCodes: [\"ONLINE_SUBMISSION_RATE\"]) { denominator } }",
            json!({"u": [t.province.to_string()]}),
        )
        .await;
    assert_eq!(
        body["data"]["indicatorResults"][0]["denominator"],
        12 + 22 + 32 + 42 + 52
    );
}

async fn a_moved_unit_falls_under_the_scope_of_its_new_ancestors(app: TestApp) {
    let t = &app.tree;
    let approve_q =
        "mutation($u: ID!) { approveMonthlyReport(unitId: $u, year: 2023, month: 1) { status } }";
    assert_ok(
        &app.save_month("officer", t.commune, 2023, 1, &[("RECEIVED", 10)], None)
            .await,
    );
    assert_ok(
        &app.as_user(
            "officer",
            "mutation($u: ID!) { submitMonthlyReport(unitId: $u, year: 2023, month: 1) { status } }",
            json!({"u": t.commune.to_string()}),
        )
        .await,
    );
    assert_error(
        &app.as_user("manager", approve_q, json!({"u": t.commune.to_string()}))
            .await,
        "FORBIDDEN",
    );
    move_unit(&app, t.commune, t.department).await;
    let approved = app
        .as_user("manager", approve_q, json!({"u": t.commune.to_string()}))
        .await;
    assert_ok(&approved);
    assert_eq!(
        approved["data"]["approveMonthlyReport"]["status"],
        "APPROVED"
    );
    let units = app
        .as_user("manager", "{ units { code } }", json!({}))
        .await;
    let mut seen = codes(&units["data"]["units"]);
    seen.sort();
    assert_eq!(seen, vec!["C1", "D1", "D1.1"]);
    // The officer keeps its own commune, and still nothing else.
    let units = app
        .as_user("officer", "{ units { code } }", json!({}))
        .await;
    assert_eq!(codes(&units["data"]["units"]), vec!["C1"]);
}

async fn a_blank_unit_name_is_a_validation_error_and_changes_nothing(app: TestApp) {
    let body = app
        .as_user(
            "admin",
            "mutation($id: ID!, $p: ID!) { updateUnit(id: $id, input: {name: \"  \", parentId: $p}) { id } }",
            json!({"id": app.tree.commune.to_string(), "p": app.tree.department.to_string()}),
        )
        .await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("name"));
    let c1 = app
        .as_user(
            "admin",
            "{ unit(code: \"C1\") { name path { code } } }",
            json!({}),
        )
        .await;
    assert_eq!(c1["data"]["unit"]["name"], "Xã Một");
    assert_eq!(codes(&c1["data"]["unit"]["path"]), vec!["T", "C1"]);
}
