//! The audit log: every mutation leaves an entry (actor, action, before and after as JSON)
//! that only admin can read, and a rejected mutation leaves none.

use crate::both_databases;
use crate::helpers::*;
use serde_json::{Value, json};

both_databases!(
    unit_staff_account_and_token_mutations_are_audited_with_before_and_after,
    catalogue_decision_and_target_mutations_are_audited_with_before_and_after,
    report_violation_and_ranking_mutations_are_audited_with_before_and_after,
    only_admin_reads_the_audit_log,
    a_rejected_mutation_writes_no_audit_entry,
);

const LOG: &str = "query($e: String, $i: String) { auditLog(entity: $e, entityId: $i) { id at actor { username } action entity entityId before after } }";

async fn log(app: &TestApp, entity: &str, entity_id: &str) -> Vec<Value> {
    let body = app
        .as_user("admin", LOG, json!({"e": entity, "i": entity_id}))
        .await;
    body["data"]["auditLog"]
        .as_array()
        .unwrap_or_else(|| panic!("auditLog: {body}"))
        .clone()
}

/// Parses an entry's `before` or `after` (null stays null).
fn parsed(entry: &Value, side: &str) -> Value {
    match entry[side].as_str() {
        Some(s) => {
            serde_json::from_str(s).unwrap_or_else(|e| panic!("{side} is not JSON ({e}): {entry}"))
        }
        None => Value::Null,
    }
}

/// The newest entry of (entity, id): checks its action and actor, returns (before, after).
async fn latest(
    app: &TestApp,
    entity: &str,
    entity_id: &str,
    action: &str,
    actor: &str,
) -> (Value, Value) {
    let entries = log(app, entity, entity_id).await;
    let e = entries
        .first()
        .unwrap_or_else(|| panic!("no audit entry for {entity} {entity_id} after {action}"));
    assert_eq!(e["action"], action, "{e}");
    assert_eq!(e["entity"], entity, "{e}");
    assert_eq!(e["entityId"], entity_id, "{e}");
    assert_eq!(e["actor"]["username"], actor, "{e}");
    assert!(e["at"].is_string(), "{e}");
    (parsed(e, "before"), parsed(e, "after"))
}

fn id_of(body: &Value, path: &[&str]) -> String {
    let mut v = &body["data"];
    for p in path {
        v = &v[*p];
    }
    v.as_str()
        .unwrap_or_else(|| panic!("no {path:?} in {body}"))
        .to_owned()
}

async fn unit_staff_account_and_token_mutations_are_audited_with_before_and_after(app: TestApp) {
    let created = app
        .as_user(
            "admin",
            "mutation($p: ID!) { createUnit(input: {code: \"C3\", name: \"Xã Ba\", kind: COMMUNE, parentId: $p}) { id } }",
            json!({"p": app.tree.province.to_string()}),
        )
        .await;
    let unit = id_of(&created, &["createUnit", "id"]);
    let (before, after) = latest(&app, "unit", &unit, "createUnit", "admin").await;
    assert!(before.is_null());
    assert_eq!(after["code"], "C3", "{after}");
    assert_eq!(after["name"], "Xã Ba", "{after}");

    assert_ok(
        &app.as_user(
            "admin",
            "mutation($id: ID!) { updateUnit(id: $id, input: {name: \"Xã Ba Mới\"}) { id } }",
            json!({"id": unit}),
        )
        .await,
    );
    let (before, after) = latest(&app, "unit", &unit, "updateUnit", "admin").await;
    assert_eq!(before["name"], "Xã Ba", "{before}");
    assert_eq!(after["name"], "Xã Ba Mới", "{after}");
    assert_eq!(log(&app, "unit", &unit).await.len(), 2);

    let staff = app
        .as_user(
            "manager",
            "mutation($u: ID!) { createStaff(input: {unitId: $u, fullName: \"Phạm Thị E\", position: \"Văn thư\"}) { id } }",
            json!({"u": app.tree.division.to_string()}),
        )
        .await;
    let staff = id_of(&staff, &["createStaff", "id"]);
    let (before, after) = latest(&app, "staff", &staff, "createStaff", "manager").await;
    assert!(before.is_null());
    assert!(after.to_string().contains("Phạm Thị E"), "{after}");

    let user = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createUser(input: {username: \"can_bo_moi\", password: \"mot-mat-khau-dai\", role: OFFICER, unitId: $u}) { id } }",
            json!({"u": unit}),
        )
        .await;
    let user = id_of(&user, &["createUser", "id"]);
    let (before, after) = latest(&app, "user", &user, "createUser", "admin").await;
    assert!(before.is_null());
    assert_eq!(after["username"], "can_bo_moi", "{after}");
    assert!(
        !after.to_string().contains("mot-mat-khau-dai"),
        "the password leaked into the audit log: {after}"
    );

    let token = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createApiToken(name: \"Cổng tỉnh\", unitId: $u) { token apiToken { id } } }",
            json!({"u": app.tree.province.to_string()}),
        )
        .await;
    let secret = id_of(&token, &["createApiToken", "token"]);
    let token = id_of(&token, &["createApiToken", "apiToken", "id"]);
    let (before, after) = latest(&app, "apiToken", &token, "createApiToken", "admin").await;
    assert!(before.is_null());
    assert_eq!(after["name"], "Cổng tỉnh", "{after}");
    assert!(
        !after.to_string().contains(&secret),
        "the secret leaked into the audit log"
    );
    assert_ok(
        &app.as_user(
            "admin",
            "mutation($id: ID!) { revokeApiToken(id: $id) { revoked } }",
            json!({"id": token}),
        )
        .await,
    );
    let (before, after) = latest(&app, "apiToken", &token, "revokeApiToken", "admin").await;
    assert_eq!(before["revoked"], false, "{before}");
    assert_eq!(after["revoked"], true, "{after}");
}

async fn catalogue_decision_and_target_mutations_are_audited_with_before_and_after(app: TestApp) {
    let measure = app
        .as_user(
            "admin",
            "mutation { createMeasure(input: {code: \"MOBILE\", name: \"Hồ sơ qua ứng dụng\"}) { id } }",
            json!({}),
        )
        .await;
    let measure = id_of(&measure, &["createMeasure", "id"]);
    let (before, after) = latest(&app, "measure", &measure, "createMeasure", "admin").await;
    assert!(before.is_null());
    assert_eq!(after["code"], "MOBILE", "{after}");

    let indicator = app
        .as_user(
            "admin",
            "mutation { createIndicator(input: {code: \"MOBILE_RATE\", group: \"FULL_ONLINE\", name: \"Tỷ lệ qua ứng dụng\", kind: RATE, numeratorCode: \"MOBILE\", denominatorCode: \"RECEIVED\", points: 2}) { id } }",
            json!({}),
        )
        .await;
    let indicator = id_of(&indicator, &["createIndicator", "id"]);
    let (before, after) = latest(&app, "indicator", &indicator, "createIndicator", "admin").await;
    assert!(before.is_null());
    assert_eq!(after["code"], "MOBILE_RATE", "{after}");
    assert_ok(
        &app.as_user(
            "admin",
            "mutation { updateIndicator(code: \"MOBILE_RATE\", input: {name: \"Tỷ lệ di động\"}) { id } }",
            json!({}),
        )
        .await,
    );
    let (before, after) = latest(&app, "indicator", &indicator, "updateIndicator", "admin").await;
    assert_eq!(before["name"], "Tỷ lệ qua ứng dụng", "{before}");
    assert_eq!(after["name"], "Tỷ lệ di động", "{after}");

    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let (before, after) = latest(&app, "decision", &decision, "createDecision", "admin").await;
    assert!(before.is_null());
    assert_eq!(after["number"], "55/QĐ-UBND", "{after}");

    let set = "mutation($d: ID!, $u: ID!, $v: Float!) { setTarget(input: {decisionId: $d, unitId: $u, indicatorCode: \"DIGITIZATION_RATE\", value: $v}) { id } }";
    let target = app
        .as_user(
            "manager",
            set,
            json!({"d": decision, "u": app.tree.division.to_string(), "v": 60.0}),
        )
        .await;
    let target = id_of(&target, &["setTarget", "id"]);
    let (before, after) = latest(&app, "target", &target, "setTarget", "manager").await;
    assert!(before.is_null());
    assert_eq!(after["value"], 60.0, "{after}");
    assert_ok(
        &app.as_user(
            "province_manager",
            set,
            json!({"d": decision, "u": app.tree.division.to_string(), "v": 75.0}),
        )
        .await,
    );
    let (before, after) = latest(&app, "target", &target, "setTarget", "province_manager").await;
    assert_eq!(before["value"], 60.0, "{before}");
    assert_eq!(after["value"], 75.0, "{after}");

    assert_ok(
        &app.as_user(
            "manager",
            "mutation($t: ID!) { splitTarget(targetId: $t, method: MANUAL, grain: QUARTER, values: [20, 40, 60, 75]) { id } }",
            json!({"t": target}),
        )
        .await,
    );
    let (before, after) = latest(&app, "target", &target, "splitTarget", "manager").await;
    assert_eq!(before["milestones"], json!([]), "{before}");
    assert_eq!(after["method"], "MANUAL", "{after}");
    assert_eq!(
        after["milestones"].as_array().map(Vec::len),
        Some(4),
        "{after}"
    );

    let staff = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createStaff(input: {unitId: $u, fullName: \"Đỗ Văn F\", position: \"Chuyên viên\"}) { id } }",
            json!({"u": app.tree.division.to_string()}),
        )
        .await;
    let staff = id_of(&staff, &["createStaff", "id"]);
    assert_ok(
        &app.as_user(
            "manager",
            "mutation($t: ID!, $s: ID!) { assignStaffTarget(targetId: $t, staffId: $s, value: 80) { id } }",
            json!({"t": target, "s": staff}),
        )
        .await,
    );
    let (before, after) = latest(&app, "target", &target, "assignStaffTarget", "manager").await;
    assert!(before["value"].is_null(), "{before}");
    assert_eq!(after["value"], 80.0, "{after}");
    assert_eq!(log(&app, "target", &target).await.len(), 4);
}

async fn report_violation_and_ranking_mutations_are_audited_with_before_and_after(app: TestApp) {
    let c1 = app.tree.commune;
    let key = format!("{c1}:2023-01");
    assert_ok(
        &app.save_month(
            "officer",
            c1,
            2023,
            1,
            &[("RECEIVED", 10), ("DIGITIZED", 4)],
            None,
        )
        .await,
    );
    let (before, after) = latest(&app, "monthlyReport", &key, "saveMonthlyReport", "officer").await;
    assert_eq!(before["version"], 0, "{before}");
    assert_eq!(before["values"], json!({}), "{before}");
    assert_eq!(after["version"], 1, "{after}");
    assert_eq!(
        after["values"],
        json!({"RECEIVED": 10, "DIGITIZED": 4}),
        "{after}"
    );
    assert_ok(
        &app.save_month("officer", c1, 2023, 1, &[("DIGITIZED", 6)], Some(1))
            .await,
    );
    let (before, after) = latest(&app, "monthlyReport", &key, "saveMonthlyReport", "officer").await;
    assert_eq!(
        before["values"],
        json!({"RECEIVED": 10, "DIGITIZED": 4}),
        "{before}"
    );
    assert_eq!(
        after["values"],
        json!({"RECEIVED": 10, "DIGITIZED": 6}),
        "{after}"
    );

    let steps = [
        ("officer", "submitMonthlyReport", "", "DRAFT", "SUBMITTED"),
        (
            "province_manager",
            "rejectMonthlyReport",
            "Sai",
            "SUBMITTED",
            "REJECTED",
        ),
        (
            "officer",
            "submitMonthlyReport",
            "",
            "REJECTED",
            "SUBMITTED",
        ),
        ("admin", "approveMonthlyReport", "", "SUBMITTED", "APPROVED"),
        (
            "admin",
            "reopenMonthlyReport",
            "Mở lại",
            "APPROVED",
            "DRAFT",
        ),
    ];
    for (user, action, comment, from, to) in steps {
        let query = if comment.is_empty() {
            format!(
                "mutation($u: ID!) {{ {action}(unitId: $u, year: 2023, month: 1) {{ status }} }}"
            )
        } else {
            format!(
                "mutation($u: ID!, $c: String!) {{ {action}(unitId: $u, year: 2023, month: 1, comment: $c) {{ status }} }}"
            )
        };
        assert_ok(
            &app.as_user(user, &query, json!({"u": c1.to_string(), "c": comment}))
                .await,
        );
        let (before, after) = latest(&app, "monthlyReport", &key, action, user).await;
        assert_eq!(before["status"], from, "{action}: {before}");
        assert_eq!(after["status"], to, "{action}: {after}");
        assert_eq!(
            after["version"].as_i64().unwrap(),
            before["version"].as_i64().unwrap() + 1,
            "{action}"
        );
        if !comment.is_empty() {
            assert_eq!(after["comment"], comment, "{action}: {after}");
        }
    }
    assert_eq!(log(&app, "monthlyReport", &key).await.len(), 7);

    let violation = app
        .as_user(
            "manager",
            "mutation($u: ID!) { recordViolation(input: {unitId: $u, occurredOn: \"2023-03-01\", kind: EXTRA_DOCUMENTS, description: \"Yêu cầu thêm giấy tờ\", dossierRef: \"HS-001\"}) { id } }",
            json!({"u": app.tree.division.to_string()}),
        )
        .await;
    let violation = id_of(&violation, &["recordViolation", "id"]);
    let (before, after) = latest(&app, "violation", &violation, "recordViolation", "manager").await;
    assert!(before.is_null());
    assert!(after.to_string().contains("HS-001"), "{after}");

    let ranking = app
        .as_user(
            "admin",
            "mutation { publishRanking(period: {year: 2023, kind: MONTH, index: 1}, kind: COMMUNE, confirmEmpty: true) { id } }",
            json!({}),
        )
        .await;
    let ranking = id_of(&ranking, &["publishRanking", "id"]);
    let (before, after) = latest(
        &app,
        "publishedRanking",
        &ranking,
        "publishRanking",
        "admin",
    )
    .await;
    assert!(before.is_null());
    assert_eq!(after["unitKind"], "COMMUNE", "{after}");
    assert_eq!(after["year"], 2023, "{after}");
}

async fn only_admin_reads_the_audit_log(app: TestApp) {
    assert_ok(
        &app.save_month(
            "officer",
            app.tree.commune,
            2023,
            1,
            &[("RECEIVED", 1)],
            None,
        )
        .await,
    );
    for user in ["manager", "province_manager", "officer", "viewer"] {
        let body = app.as_user(user, LOG, json!({})).await;
        assert_error(&body, "FORBIDDEN");
        assert!(body["data"].is_null(), "{user}: {body}");
    }
    let created = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createApiToken(name: \"Cổng\", unitId: $u) { token } }",
            json!({"u": app.tree.province.to_string()}),
        )
        .await;
    let secret = id_of(&created, &["createApiToken", "token"]);
    assert_error(&app.gql(Some(&secret), LOG, json!({})).await, "FORBIDDEN");
    assert_error(&app.gql(None, LOG, json!({})).await, "UNAUTHENTICATED");
    let all = app.as_user("admin", LOG, json!({})).await;
    assert_ok(&all);
    assert!(!all["data"]["auditLog"].as_array().unwrap().is_empty());
}

async fn audit_count(app: &TestApp) -> usize {
    let body = app
        .as_user("admin", "{ auditLog(limit: 1000) { id } }", json!({}))
        .await;
    body["data"]["auditLog"]
        .as_array()
        .unwrap_or_else(|| panic!("auditLog: {body}"))
        .len()
}

async fn a_rejected_mutation_writes_no_audit_entry(app: TestApp) {
    // Log everyone in first: a login is audited too.
    for user in ["admin", "manager", "officer", "viewer"] {
        app.token(user).await;
    }
    let before = audit_count(&app).await;
    let c1 = app.tree.commune;
    // Validation, scope, role, conflict and workflow refusals.
    assert_error(
        &app.save_month(
            "officer",
            c1,
            2023,
            1,
            &[("RECEIVED", 1), ("DIGITIZED", 2)],
            None,
        )
        .await,
        "VALIDATION",
    );
    assert_error(
        &app.save_month(
            "officer",
            app.tree.other_commune,
            2023,
            1,
            &[("RECEIVED", 1)],
            None,
        )
        .await,
        "FORBIDDEN",
    );
    assert_error(
        &app.save_month("viewer", c1, 2023, 1, &[("RECEIVED", 1)], None)
            .await,
        "FORBIDDEN",
    );
    assert_error(
        &app.save_month("officer", c1, 2023, 1, &[("RECEIVED", 1)], Some(5))
            .await,
        "CONFLICT",
    );
    assert_error(
        &app.as_user(
            "admin",
            "mutation($u: ID!) { approveMonthlyReport(unitId: $u, year: 2023, month: 1) { status } }",
            json!({"u": c1.to_string()}),
        )
        .await,
        "CONFLICT",
    );
    assert_error(
        &app.as_user(
            "admin",
            "mutation { createUnit(input: {code: \"C1\", name: \"Trùng\", kind: COMMUNE}) { id } }",
            json!({}),
        )
        .await,
        "CONFLICT",
    );
    assert_error(
        &app.as_user(
            "manager",
            "mutation { createDecision(input: {number: \"1/QĐ\", title: \"X\", issuedOn: \"2023-01-01\", year: 2023}) { id } }",
            json!({}),
        )
        .await,
        "FORBIDDEN",
    );
    assert_error(
        &app.as_user(
            "manager",
            "mutation($u: ID!) { recordViolation(input: {unitId: $u, occurredOn: \"2023-03-01\", kind: DELAY, description: \"x\"}) { id } }",
            json!({"u": c1.to_string()}),
        )
        .await,
        "FORBIDDEN",
    );
    assert_eq!(audit_count(&app).await, before);
    assert!(
        log(&app, "monthlyReport", &format!("{c1}:2023-01"))
            .await
            .is_empty()
    );
}
