//! Role × scope in detail: what an allowed or refused call leaves behind, read back. The
//! whole role × scope table of every field is in matrix.rs.

use crate::both_databases;
use crate::helpers::*;
use serde_json::{Value, json};
use shared::ids::UnitId;

both_databases!(
    an_officer_writes_figures_only_in_its_subtree,
    a_viewer_never_writes_figures,
    a_manager_writes_figures_only_in_its_subtree,
    a_manager_sets_targets_only_for_units_strictly_below_its_own,
    a_manager_approves_only_months_of_units_strictly_below_its_own,
    a_manager_splits_assigns_adds_staff_and_records_violations_only_in_its_scope,
    an_officer_reads_nothing_outside_its_commune,
    a_manager_reads_only_its_department,
    the_root_admin_creates_scoped_admins_who_make_no_admins_and_no_accounts_outside,
    an_admin_below_the_root_holds_no_province_wide_power,
    an_admin_below_the_root_sees_and_revokes_only_the_tokens_of_its_subtree,
    an_admin_below_the_root_reads_only_the_audit_entries_of_its_subtrees_accounts,
    an_admin_below_the_root_edits_and_moves_units_only_inside_its_subtree,
);

const SET_TARGET: &str = "mutation($d: ID!, $u: ID!, $v: Float!) { setTarget(input: {decisionId: $d, unitId: $u, indicatorCode: \"DIGITIZATION_RATE\", value: $v}) { id value version unit { code } } }";
const SPLIT: &str = "mutation($t: ID!) { splitTarget(targetId: $t, method: LINEAR, grain: QUARTER) { id milestones { index value } } }";
const ASSIGN: &str = "mutation($t: ID!, $s: ID!) { assignStaffTarget(targetId: $t, staffId: $s, value: 90) { staffTargets { value } } }";
const CREATE_STAFF: &str = "mutation($u: ID!, $n: String!) { createStaff(input: {unitId: $u, fullName: $n, position: \"Chuyên viên\"}) { id unit { code } } }";
const RECORD_VIOLATION: &str = "mutation($u: ID!) { recordViolation(input: {unitId: $u, occurredOn: \"2023-03-01\", kind: DELAY, description: \"Trễ hạn hồ sơ\"}) { id unit { code } } }";
const SUBMIT: &str =
    "mutation($u: ID!) { submitMonthlyReport(unitId: $u, year: 2023, month: 1) { status } }";
const APPROVE: &str =
    "mutation($u: ID!) { approveMonthlyReport(unitId: $u, year: 2023, month: 1) { status } }";
const REJECT: &str = "mutation($u: ID!) { rejectMonthlyReport(unitId: $u, year: 2023, month: 1, comment: \"Sai số liệu\") { status } }";
const REOPEN: &str = "mutation($u: ID!) { reopenMonthlyReport(unitId: $u, year: 2023, month: 1, comment: \"Điều chỉnh\") { status } }";
const REPORT: &str = "query($u: ID!) { monthlyReport(unitId: $u, year: 2023, month: 1) { status version comment values { measure { code } value } } }";

/// Ids made by admin before the checks: targets and staff of several units.
struct Fx {
    target_division: String,
    target_department: String,
    target_commune: String,
    staff_division: String,
    staff_commune: String,
}

fn id(body: &Value, field: &str) -> String {
    body["data"][field]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{field}: {body}"))
        .to_owned()
}

async fn fixtures(app: &TestApp) -> Fx {
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let mut targets = Vec::new();
    for unit in [app.tree.division, app.tree.department, app.tree.commune] {
        let body = app
            .as_user(
                "admin",
                SET_TARGET,
                json!({"d": decision, "u": unit.to_string(), "v": 80.0}),
            )
            .await;
        targets.push(id(&body, "setTarget"));
    }
    let mut staff = Vec::new();
    for unit in [app.tree.division, app.tree.commune] {
        let body = app
            .as_user(
                "admin",
                CREATE_STAFF,
                json!({"u": unit.to_string(), "n": "Nguyễn Văn A"}),
            )
            .await;
        staff.push(id(&body, "createStaff"));
    }
    Fx {
        target_division: targets[0].clone(),
        target_department: targets[1].clone(),
        target_commune: targets[2].clone(),
        staff_division: staff[0].clone(),
        staff_commune: staff[1].clone(),
    }
}

async fn an_officer_writes_figures_only_in_its_subtree(app: TestApp) {
    let t = &app.tree;
    assert_ok(
        &app.save_month("officer", t.commune, 2023, 1, &[("RECEIVED", 10)], None)
            .await,
    );
    assert_ok(
        &app.as_user("officer", SUBMIT, json!({"u": t.commune.to_string()}))
            .await,
    );
    for unit in [t.other_commune, t.province, t.department] {
        let body = app
            .save_month("officer", unit, 2023, 1, &[("RECEIVED", 10)], None)
            .await;
        assert_error(&body, "FORBIDDEN");
        let report = app
            .as_user("admin", REPORT, json!({"u": unit.to_string()}))
            .await;
        assert_eq!(report["data"]["monthlyReport"]["version"], 0, "{report}");
    }
    // A month of C2 saved by admin cannot be submitted by C1's officer.
    assert_ok(
        &app.save_month("admin", t.other_commune, 2023, 1, &[("RECEIVED", 3)], None)
            .await,
    );
    assert_error(
        &app.as_user("officer", SUBMIT, json!({"u": t.other_commune.to_string()}))
            .await,
        "FORBIDDEN",
    );
    let report = app
        .as_user("admin", REPORT, json!({"u": t.other_commune.to_string()}))
        .await;
    assert_eq!(report["data"]["monthlyReport"]["status"], "DRAFT");
    assert_eq!(report["data"]["monthlyReport"]["version"], 1);
}

async fn a_viewer_never_writes_figures(app: TestApp) {
    for unit in [app.tree.province, app.tree.commune] {
        assert_error(
            &app.save_month("viewer", unit, 2023, 1, &[("RECEIVED", 10)], None)
                .await,
            "FORBIDDEN",
        );
        let report = app
            .as_user("viewer", REPORT, json!({"u": unit.to_string()}))
            .await;
        assert_ok(&report);
        assert_eq!(report["data"]["monthlyReport"]["version"], 0);
    }
}

async fn set_target(app: &TestApp, user: &str, decision: &str, unit: UnitId) -> Value {
    app.as_user(
        user,
        SET_TARGET,
        json!({"d": decision, "u": unit.to_string(), "v": 70.0}),
    )
    .await
}

async fn status(app: &TestApp, unit: UnitId) -> String {
    let r = app
        .as_user("admin", REPORT, json!({"u": unit.to_string()}))
        .await;
    r["data"]["monthlyReport"]["status"]
        .as_str()
        .unwrap_or_else(|| panic!("monthlyReport: {r}"))
        .to_owned()
}

async fn a_manager_sets_targets_only_for_units_strictly_below_its_own(app: TestApp) {
    let t = &app.tree;
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    assert_error(
        &set_target(&app, "manager", &decision, t.department).await,
        "FORBIDDEN",
    );
    assert_error(
        &set_target(&app, "manager", &decision, t.commune).await,
        "FORBIDDEN",
    );
    assert_error(
        &set_target(&app, "manager", &decision, t.province).await,
        "FORBIDDEN",
    );
    assert_error(
        &set_target(&app, "province_manager", &decision, t.province).await,
        "FORBIDDEN",
    );
    assert_error(
        &set_target(&app, "officer", &decision, t.commune).await,
        "FORBIDDEN",
    );
    assert_error(
        &set_target(&app, "viewer", &decision, t.commune).await,
        "FORBIDDEN",
    );
    let none = app
        .as_user("admin", "{ targets(year: 2023) { id } }", json!({}))
        .await;
    assert_eq!(none["data"]["targets"], json!([]));

    let ok = set_target(&app, "manager", &decision, t.division).await;
    assert_ok(&ok);
    assert_eq!(ok["data"]["setTarget"]["unit"]["code"], "D1.1");
    assert_ok(&set_target(&app, "province_manager", &decision, t.department).await);
    assert_ok(&set_target(&app, "province_manager", &decision, t.commune).await);
    assert_ok(&set_target(&app, "admin", &decision, t.province).await);
    let all = app
        .as_user(
            "admin",
            "{ targets(year: 2023) { unit { code } value } }",
            json!({}),
        )
        .await;
    let mut codes: Vec<&str> = all["data"]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["unit"]["code"].as_str().unwrap())
        .collect();
    codes.sort();
    assert_eq!(codes, vec!["C1", "D1", "D1.1", "T"]);
}

async fn a_manager_approves_only_months_of_units_strictly_below_its_own(app: TestApp) {
    let t = &app.tree;
    // Submitted months of D1.1, D1 and C1.
    for (user, unit) in [
        ("manager", t.division),
        ("manager", t.department),
        ("officer", t.commune),
    ] {
        assert_ok(
            &app.save_month(user, unit, 2023, 1, &[("RECEIVED", 10)], None)
                .await,
        );
        assert_ok(
            &app.as_user(user, SUBMIT, json!({"u": unit.to_string()}))
                .await,
        );
    }
    for q in [APPROVE, REJECT] {
        for unit in [t.department, t.commune] {
            assert_error(
                &app.as_user("manager", q, json!({"u": unit.to_string()}))
                    .await,
                "FORBIDDEN",
            );
        }
        assert_error(
            &app.as_user("officer", q, json!({"u": t.commune.to_string()}))
                .await,
            "FORBIDDEN",
        );
    }
    assert_eq!(status(&app, t.department).await, "SUBMITTED");
    assert_eq!(status(&app, t.commune).await, "SUBMITTED");

    assert_ok(
        &app.as_user("manager", APPROVE, json!({"u": t.division.to_string()}))
            .await,
    );
    assert_eq!(status(&app, t.division).await, "APPROVED");
    assert_ok(
        &app.as_user(
            "province_manager",
            APPROVE,
            json!({"u": t.department.to_string()}),
        )
        .await,
    );
    assert_ok(
        &app.as_user(
            "province_manager",
            REJECT,
            json!({"u": t.commune.to_string()}),
        )
        .await,
    );
    assert_eq!(status(&app, t.commune).await, "REJECTED");

    // Reopening follows the same rule.
    assert_error(
        &app.as_user("manager", REOPEN, json!({"u": t.department.to_string()}))
            .await,
        "FORBIDDEN",
    );
    assert_error(
        &app.as_user("viewer", REOPEN, json!({"u": t.division.to_string()}))
            .await,
        "FORBIDDEN",
    );
    assert_eq!(status(&app, t.department).await, "APPROVED");
    assert_ok(
        &app.as_user("manager", REOPEN, json!({"u": t.division.to_string()}))
            .await,
    );
    assert_eq!(status(&app, t.division).await, "DRAFT");
    // The province manager's own unit is not below it.
    assert_ok(
        &app.save_month(
            "province_manager",
            t.province,
            2023,
            1,
            &[("RECEIVED", 1)],
            None,
        )
        .await,
    );
    assert_ok(
        &app.as_user(
            "province_manager",
            SUBMIT,
            json!({"u": t.province.to_string()}),
        )
        .await,
    );
    assert_error(
        &app.as_user(
            "province_manager",
            APPROVE,
            json!({"u": t.province.to_string()}),
        )
        .await,
        "FORBIDDEN",
    );
    assert_ok(
        &app.as_user("admin", APPROVE, json!({"u": t.province.to_string()}))
            .await,
    );
}

async fn a_manager_splits_assigns_adds_staff_and_records_violations_only_in_its_scope(
    app: TestApp,
) {
    let fx = fixtures(&app).await;
    let t = &app.tree;
    // In scope: its own unit and below.
    assert_ok(
        &app.as_user("manager", SPLIT, json!({"t": fx.target_department}))
            .await,
    );
    assert_ok(
        &app.as_user(
            "manager",
            ASSIGN,
            json!({"t": fx.target_division, "s": fx.staff_division}),
        )
        .await,
    );
    assert_ok(
        &app.as_user(
            "manager",
            CREATE_STAFF,
            json!({"u": t.department.to_string(), "n": "Lê Văn C"}),
        )
        .await,
    );
    assert_ok(
        &app.as_user(
            "manager",
            RECORD_VIOLATION,
            json!({"u": t.division.to_string()}),
        )
        .await,
    );

    // Outside: a target it cannot see is not found; the other calls are forbidden.
    assert_error(
        &app.as_user("manager", SPLIT, json!({"t": fx.target_commune}))
            .await,
        "NOT_FOUND",
    );
    assert_error(
        &app.as_user(
            "manager",
            ASSIGN,
            json!({"t": fx.target_commune, "s": fx.staff_commune}),
        )
        .await,
        "NOT_FOUND",
    );
    assert_error(
        &app.as_user(
            "manager",
            CREATE_STAFF,
            json!({"u": t.commune.to_string(), "n": "Lê Văn D"}),
        )
        .await,
        "FORBIDDEN",
    );
    assert_error(
        &app.as_user(
            "manager",
            RECORD_VIOLATION,
            json!({"u": t.commune.to_string()}),
        )
        .await,
        "FORBIDDEN",
    );
    let target = app
        .as_user(
            "admin",
            "query($u: ID) { targets(year: 2023, unitId: $u) { milestones { index } staffTargets { value } } }",
            json!({"u": t.commune.to_string()}),
        )
        .await;
    assert_eq!(
        target["data"]["targets"],
        json!([{"milestones": [], "staffTargets": []}])
    );
    let staff = app
        .as_user(
            "admin",
            "query($u: ID!) { staff(unitId: $u) { fullName } }",
            json!({"u": t.commune.to_string()}),
        )
        .await;
    assert_eq!(staff["data"]["staff"].as_array().unwrap().len(), 1);
    let violations = app
        .as_user("admin", "{ violations { unit { code } } }", json!({}))
        .await;
    assert_eq!(
        violations["data"]["violations"],
        json!([{"unit": {"code": "D1.1"}}])
    );
}

fn codes(list: &Value, path: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = list
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|item| {
            let mut v = item;
            for p in path {
                v = &v[*p];
            }
            v.as_str().unwrap().to_owned()
        })
        .collect();
    out.sort();
    out
}

/// Data in every unit: a target, a staff member, a violation and a saved month.
async fn data_everywhere(app: &TestApp) {
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let t = &app.tree;
    for unit in [
        t.province,
        t.department,
        t.division,
        t.commune,
        t.other_commune,
    ] {
        let u = unit.to_string();
        assert_ok(
            &app.as_user(
                "admin",
                SET_TARGET,
                json!({"d": decision, "u": u, "v": 80.0}),
            )
            .await,
        );
        assert_ok(
            &app.as_user(
                "admin",
                CREATE_STAFF,
                json!({"u": u, "n": format!("Cán bộ {u}")}),
            )
            .await,
        );
        assert_ok(
            &app.as_user("admin", RECORD_VIOLATION, json!({"u": u}))
                .await,
        );
        assert_ok(
            &app.save_month("admin", unit, 2023, 1, &[("RECEIVED", 10)], None)
                .await,
        );
    }
}

async fn an_officer_reads_nothing_outside_its_commune(app: TestApp) {
    data_everywhere(&app).await;
    let t = &app.tree;
    let other = t.other_commune.to_string();
    let unit = app
        .as_user(
            "officer",
            "query($id: ID) { unit(id: $id) { code } }",
            json!({"id": other}),
        )
        .await;
    assert_ok(&unit);
    assert!(unit["data"]["unit"].is_null(), "{unit}");
    let by_code = app
        .as_user("officer", "{ unit(code: \"C2\") { code } }", json!({}))
        .await;
    assert!(by_code["data"]["unit"].is_null(), "{by_code}");
    let units = app
        .as_user("officer", "{ units { code } }", json!({}))
        .await;
    assert_eq!(codes(&units["data"]["units"], &["code"]), vec!["C1"]);
    assert_error(
        &app.as_user("officer", REPORT, json!({"u": other})).await,
        "NOT_FOUND",
    );
    assert_error(
        &app.as_user("officer", REPORT, json!({"u": t.province.to_string()}))
            .await,
        "NOT_FOUND",
    );
    let own = app
        .as_user("officer", REPORT, json!({"u": t.commune.to_string()}))
        .await;
    assert_eq!(own["data"]["monthlyReport"]["values"][0]["value"], 10);
    let targets = app
        .as_user(
            "officer",
            "{ targets(year: 2023) { unit { code } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        codes(&targets["data"]["targets"], &["unit", "code"]),
        vec!["C1"]
    );
    let foreign = app
        .as_user(
            "officer",
            "query($u: ID) { targets(year: 2023, unitId: $u) { id } }",
            json!({"u": other}),
        )
        .await;
    assert_eq!(foreign["data"]["targets"], json!([]));
    let violations = app
        .as_user("officer", "{ violations { unit { code } } }", json!({}))
        .await;
    assert_eq!(
        codes(&violations["data"]["violations"], &["unit", "code"]),
        vec!["C1"]
    );
    assert_error(
        &app.as_user(
            "officer",
            "query($u: ID) { violations(unitId: $u) { id } }",
            json!({"u": other}),
        )
        .await,
        "NOT_FOUND",
    );
    let staff = app
        .as_user(
            "officer",
            "query($u: ID!) { staff(unitId: $u, includeSubtree: true) { unit { code } } }",
            json!({"u": t.commune.to_string()}),
        )
        .await;
    assert_eq!(
        codes(&staff["data"]["staff"], &["unit", "code"]),
        vec!["C1"]
    );
    for unit in [other, t.province.to_string()] {
        assert_error(
            &app.as_user(
                "officer",
                "query($u: ID!) { staff(unitId: $u, includeSubtree: true) { id } }",
                json!({"u": unit}),
            )
            .await,
            "NOT_FOUND",
        );
    }
}

async fn a_manager_reads_only_its_department(app: TestApp) {
    data_everywhere(&app).await;
    let t = &app.tree;
    let units = app
        .as_user("manager", "{ units { code } }", json!({}))
        .await;
    assert_eq!(
        codes(&units["data"]["units"], &["code"]),
        vec!["D1", "D1.1"]
    );
    let commune = app
        .as_user(
            "manager",
            "query($id: ID) { unit(id: $id) { code } }",
            json!({"id": t.commune.to_string()}),
        )
        .await;
    assert!(commune["data"]["unit"].is_null(), "{commune}");
    let targets = app
        .as_user(
            "manager",
            "{ targets(year: 2023) { unit { code } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        codes(&targets["data"]["targets"], &["unit", "code"]),
        vec!["D1", "D1.1"]
    );
    let violations = app
        .as_user("manager", "{ violations { unit { code } } }", json!({}))
        .await;
    assert_eq!(
        codes(&violations["data"]["violations"], &["unit", "code"]),
        vec!["D1", "D1.1"]
    );
    let staff = app
        .as_user(
            "manager",
            "query($u: ID!) { staff(unitId: $u, includeSubtree: true) { unit { code } } }",
            json!({"u": t.department.to_string()}),
        )
        .await;
    assert_eq!(
        codes(&staff["data"]["staff"], &["unit", "code"]),
        vec!["D1", "D1.1"]
    );
    assert_error(
        &app.as_user("manager", REPORT, json!({"u": t.commune.to_string()}))
            .await,
        "NOT_FOUND",
    );
    // The viewer of the province sees everything.
    let all = app.as_user("viewer", "{ units { code } }", json!({})).await;
    assert_eq!(
        codes(&all["data"]["units"], &["code"]),
        vec!["C1", "C2", "D1", "D1.1", "T"]
    );
}

async fn a_manager_writes_figures_only_in_its_subtree(app: TestApp) {
    let t = &app.tree;
    for unit in [t.department, t.division] {
        assert_ok(
            &app.save_month("manager", unit, 2023, 1, &[("RECEIVED", 10)], None)
                .await,
        );
        assert_ok(
            &app.as_user("manager", SUBMIT, json!({"u": unit.to_string()}))
                .await,
        );
    }
    for unit in [t.province, t.commune, t.other_commune] {
        assert_error(
            &app.save_month("manager", unit, 2023, 1, &[("RECEIVED", 10)], None)
                .await,
            "FORBIDDEN",
        );
        let report = app
            .as_user("admin", REPORT, json!({"u": unit.to_string()}))
            .await;
        assert_eq!(report["data"]["monthlyReport"]["version"], 0, "{report}");
    }
}

const CREATE_USER: &str = "mutation($n: String!, $r: Role!, $u: ID!, $p: String!) { createUser(input: {username: $n, password: $p, role: $r, unitId: $u}) { id role unit { code } } }";
const CREATE_TOKEN: &str =
    "mutation($n: String!, $u: ID!) { createApiToken(name: $n, unitId: $u) { apiToken { id } } }";
const UPDATE_UNIT: &str = "mutation($id: ID!, $i: UpdateUnitInput!) { updateUnit(id: $id, input: $i) { id name parent { code } } }";

/// The root admin places an ADMIN account on `unit`, named `username`.
async fn scoped_admin(app: &TestApp, username: &str, unit: UnitId) {
    let body = app
        .as_user(
            "admin",
            CREATE_USER,
            json!({"n": username, "r": "ADMIN", "u": unit.to_string(), "p": PASSWORD}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(body["data"]["createUser"]["role"], "ADMIN", "{body}");
}

async fn the_root_admin_creates_scoped_admins_who_make_no_admins_and_no_accounts_outside(
    app: TestApp,
) {
    let t = &app.tree;
    scoped_admin(&app, "admin_c1", t.commune).await;
    let create =
        |n: &str, r: &str, u: UnitId| json!({"n": n, "r": r, "u": u.to_string(), "p": PASSWORD});
    // Neither an ADMIN in its own commune, nor any account in another commune or above.
    for vars in [
        create("admin_c1_bis", "ADMIN", t.commune),
        create("officer_c2", "OFFICER", t.other_commune),
        create("viewer_t", "VIEWER", t.province),
        create("manager_d1", "MANAGER", t.department),
    ] {
        assert_error(
            &app.as_user("admin_c1", CREATE_USER, vars).await,
            "FORBIDDEN",
        );
    }
    // Accounts of other roles in its commune it may create.
    let body = app
        .as_user(
            "admin_c1",
            CREATE_USER,
            create("officer_c1", "OFFICER", t.commune),
        )
        .await;
    assert_ok(&body);
    assert_eq!(body["data"]["createUser"]["unit"]["code"], "C1", "{body}");
    // The refused calls stored nothing: its only account is the officer.
    let log = app
        .as_user(
            "admin",
            "{ auditLog(entity: \"user\") { action actor { username } } }",
            json!({}),
        )
        .await;
    let by_it = log["data"]["auditLog"].as_array().map(|l| {
        l.iter()
            .filter(|e| e["action"] == "createUser" && e["actor"]["username"] == "admin_c1")
            .count()
    });
    assert_eq!(by_it, Some(1), "{log}");
}

async fn an_admin_below_the_root_holds_no_province_wide_power(app: TestApp) {
    let t = &app.tree;
    scoped_admin(&app, "admin_c1", t.commune).await;
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    for (query, vars) in [
        (
            "mutation { createMeasure(input: {code: \"NEW_MEASURE\", name: \"Mới\"}) { id } }",
            json!({}),
        ),
        (
            "mutation { updateIndicator(code: \"REUSE_RATE\", input: {name: \"Khác\"}) { id } }",
            json!({}),
        ),
        (
            "mutation { createDecision(input: {number: \"1/QĐ-UBND\", title: \"Khác\", issuedOn: \"2023-03-01\", year: 2023}) { id } }",
            json!({}),
        ),
        (
            "mutation { publishRanking(period: {year: 2023, kind: YEAR}, kind: COMMUNE) { id } }",
            json!({}),
        ),
        // Its own commune's target is set by the level above; the root's and another
        // commune's are outside.
        (
            SET_TARGET,
            json!({"d": decision, "u": t.commune.to_string(), "v": 80.0}),
        ),
        (
            SET_TARGET,
            json!({"d": decision, "u": t.province.to_string(), "v": 80.0}),
        ),
        (
            SET_TARGET,
            json!({"d": decision, "u": t.other_commune.to_string(), "v": 80.0}),
        ),
    ] {
        let body = app.as_user("admin_c1", query, vars).await;
        assert_error(&body, "FORBIDDEN");
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(!message.is_empty(), "{body}");
    }
    // Another commune's month it neither saves nor approves.
    assert_error(
        &app.save_month(
            "admin_c1",
            t.other_commune,
            2023,
            1,
            &[("RECEIVED", 10)],
            None,
        )
        .await,
        "FORBIDDEN",
    );
    assert_ok(
        &app.save_month("admin", t.other_commune, 2023, 1, &[("RECEIVED", 10)], None)
            .await,
    );
    assert_ok(
        &app.as_user("admin", SUBMIT, json!({"u": t.other_commune.to_string()}))
            .await,
    );
    assert_error(
        &app.as_user(
            "admin_c1",
            APPROVE,
            json!({"u": t.other_commune.to_string()}),
        )
        .await,
        "FORBIDDEN",
    );
    // Its own commune's figures it enters and submits; the approval is the province's.
    assert_ok(
        &app.save_month("admin_c1", t.commune, 2023, 1, &[("RECEIVED", 10)], None)
            .await,
    );
    assert_ok(
        &app.as_user("admin_c1", SUBMIT, json!({"u": t.commune.to_string()}))
            .await,
    );
    assert_error(
        &app.as_user("admin_c1", APPROVE, json!({"u": t.commune.to_string()}))
            .await,
        "FORBIDDEN",
    );
    let report = app
        .as_user("admin", APPROVE, json!({"u": t.commune.to_string()}))
        .await;
    assert_eq!(
        report["data"]["approveMonthlyReport"]["status"], "APPROVED",
        "{report}"
    );
}

async fn an_admin_below_the_root_sees_and_revokes_only_the_tokens_of_its_subtree(app: TestApp) {
    let t = &app.tree;
    scoped_admin(&app, "admin_d1", t.department).await;
    let token_of = |body: &Value| {
        body["data"]["createApiToken"]["apiToken"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("createApiToken: {body}"))
            .to_owned()
    };
    let province = token_of(
        &app.as_user(
            "admin",
            CREATE_TOKEN,
            json!({"n": "Cổng tỉnh", "u": t.province.to_string()}),
        )
        .await,
    );
    let division = token_of(
        &app.as_user(
            "admin",
            CREATE_TOKEN,
            json!({"n": "Cổng phòng", "u": t.division.to_string()}),
        )
        .await,
    );
    assert_error(
        &app.as_user(
            "admin_d1",
            CREATE_TOKEN,
            json!({"n": "Cổng xã", "u": t.commune.to_string()}),
        )
        .await,
        "FORBIDDEN",
    );
    let own = token_of(
        &app.as_user(
            "admin_d1",
            CREATE_TOKEN,
            json!({"n": "Cổng sở", "u": t.department.to_string()}),
        )
        .await,
    );
    let listed = |body: &Value| -> Vec<String> {
        body["data"]["apiTokens"]
            .as_array()
            .unwrap_or_else(|| panic!("apiTokens: {body}"))
            .iter()
            .filter_map(|t| t["id"].as_str().map(str::to_owned))
            .collect()
    };
    const LIST: &str = "{ apiTokens { id } }";
    assert_eq!(
        listed(&app.as_user("admin_d1", LIST, json!({})).await),
        vec![own.clone(), division.clone()]
    );
    assert_eq!(
        listed(&app.as_user("admin", LIST, json!({})).await),
        vec![own, division.clone(), province.clone()]
    );
    const REVOKE: &str = "mutation($id: ID!) { revokeApiToken(id: $id) { revoked } }";
    assert_error(
        &app.as_user("admin_d1", REVOKE, json!({"id": province}))
            .await,
        "FORBIDDEN",
    );
    let body = app
        .as_user("admin_d1", REVOKE, json!({"id": division}))
        .await;
    assert_eq!(body["data"]["revokeApiToken"]["revoked"], true, "{body}");
    let all = app
        .as_user("admin", "{ apiTokens { id revoked } }", json!({}))
        .await;
    let revoked: Vec<bool> = all["data"]["apiTokens"]
        .as_array()
        .map(|l| l.iter().map(|t| t["revoked"] == true).collect())
        .unwrap_or_default();
    assert_eq!(revoked, vec![false, true, false], "{all}");
}

async fn an_admin_below_the_root_reads_only_the_audit_entries_of_its_subtrees_accounts(
    app: TestApp,
) {
    let t = &app.tree;
    scoped_admin(&app, "admin_d1", t.department).await;
    for (who, unit) in [
        ("admin", t.commune),
        ("admin", t.division),
        ("admin_d1", t.division),
        ("manager", t.department),
    ] {
        assert_ok(
            &app.as_user(
                who,
                CREATE_STAFF,
                json!({"u": unit.to_string(), "n": format!("Cán bộ của {who}")}),
            )
            .await,
        );
    }
    const LOG: &str = "{ auditLog(entity: \"staff\") { action actor { username } } }";
    let actors = |body: &Value| -> Vec<String> {
        body["data"]["auditLog"]
            .as_array()
            .unwrap_or_else(|| panic!("auditLog: {body}"))
            .iter()
            .map(|e| e["actor"]["username"].as_str().unwrap_or("-").to_owned())
            .collect()
    };
    // The entries of the accounts on D1 and below; not the root admin's, even about D1.1.
    assert_eq!(
        actors(&app.as_user("admin_d1", LOG, json!({})).await),
        vec!["manager", "admin_d1"]
    );
    assert_eq!(
        actors(&app.as_user("admin", LOG, json!({})).await),
        vec!["manager", "admin_d1", "admin", "admin"]
    );
    // The whole log of the scoped admin holds nothing of the root admin's nor the set-up's.
    let whole = app
        .as_user(
            "admin_d1",
            "{ auditLog(limit: 1000) { actor { username } } }",
            json!({}),
        )
        .await;
    assert!(
        actors(&whole)
            .iter()
            .all(|a| a == "manager" || a == "admin_d1"),
        "{whole}"
    );
    assert_error(&app.as_user("manager", LOG, json!({})).await, "FORBIDDEN");
}

async fn an_admin_below_the_root_edits_and_moves_units_only_inside_its_subtree(app: TestApp) {
    let t = &app.tree;
    scoped_admin(&app, "admin_d1", t.department).await;
    let created = app
        .as_user(
            "admin_d1",
            "mutation($p: ID!) { createUnit(input: {code: \"D1.2\", name: \"Phòng Hai\", kind: DIVISION, parentId: $p}) { id } }",
            json!({"p": t.department.to_string()}),
        )
        .await;
    let d12 = id(&created, "createUnit");
    assert_error(
        &app.as_user(
            "admin_d1",
            "mutation($p: ID!) { createUnit(input: {code: \"C1.1\", name: \"Thôn\", kind: DIVISION, parentId: $p}) { id } }",
            json!({"p": t.commune.to_string()}),
        )
        .await,
        "FORBIDDEN",
    );
    let update = |unit: String, input: Value| json!({"id": unit, "i": input});
    // Inside its subtree it renames and moves.
    let moved = app
        .as_user(
            "admin_d1",
            UPDATE_UNIT,
            update(
                t.division.to_string(),
                json!({"name": "Phòng Một mới", "parentId": d12}),
            ),
        )
        .await;
    assert_eq!(
        moved["data"]["updateUnit"]["parent"]["code"], "D1.2",
        "{moved}"
    );
    for (unit, input) in [
        // Its own unit belongs to the level above: no rename, no move.
        (t.department, json!({"name": "Sở Một mới"})),
        (t.department, json!({"parentId": t.commune.to_string()})),
        // Nothing leaves its subtree, nothing enters it, nothing outside changes.
        (t.division, json!({"parentId": t.commune.to_string()})),
        (t.division, json!({"parentId": t.province.to_string()})),
        (t.commune, json!({"parentId": t.department.to_string()})),
        (t.other_commune, json!({"name": "Xã khác"})),
        (t.province, json!({"name": "Tỉnh khác"})),
    ] {
        assert_error(
            &app.as_user("admin_d1", UPDATE_UNIT, update(unit.to_string(), input))
                .await,
            "FORBIDDEN",
        );
    }
    let units = app
        .as_user(
            "admin",
            "{ units { code name parent { code } } }",
            json!({}),
        )
        .await;
    let mut tree: Vec<String> = units["data"]["units"]
        .as_array()
        .unwrap_or_else(|| panic!("units: {units}"))
        .iter()
        .map(|u| {
            format!(
                "{} {} < {}",
                u["code"].as_str().unwrap_or("?"),
                u["name"].as_str().unwrap_or("?"),
                u["parent"]["code"].as_str().unwrap_or("-")
            )
        })
        .collect();
    tree.sort();
    assert_eq!(
        tree,
        vec![
            "C1 Xã Một < T",
            "C2 Xã Hai < T",
            "D1 Sở Một < T",
            "D1.1 Phòng Một mới < D1.2",
            "D1.2 Phòng Hai < D1",
            "T Tỉnh Thử nghiệm < -",
        ]
    );
}
