//! Reviewing months before approving them (each indicator against last month and last
//! year, with anomaly flags and their Vietnamese reasons) and approving several months in
//! one call: each audited like a single approval, answered month by month, refused whole
//! when malformed or when any month is outside the caller's scope.

use crate::both_databases;
use crate::helpers::*;
use crate::probe::{assert_rollups_exact, fingerprint};
use serde_json::{Value, json};
use shared::ids::UnitId;

both_databases!(
    a_month_that_more_than_doubles_is_flagged_against_last_month_and_last_year,
    a_steady_history_raises_no_flag_and_a_far_month_is_a_z_score_outlier,
    months_of_many_units_are_reviewed_in_one_request,
    a_manager_approves_several_months_in_one_call_each_audited,
    a_month_no_longer_waiting_gets_its_own_answer_and_the_others_are_approved,
    a_month_outside_the_managers_scope_refuses_the_whole_call,
    an_empty_a_too_long_or_a_repeated_list_is_refused_and_changes_nothing,
    an_officer_cannot_approve_in_bulk,
);

const REVIEW: &str = "query($u: ID!, $y: Int!, $m: Int!) { monthlyReport(unitId: $u, year: $y, month: $m) {
    review { flagCount indicators { indicator { code name } value previous lastYear changeFromPrevious changeFromLastYear earlierMonths flags { kind reason } } } } }";

const BULK: &str = "mutation($months: [ReportMonthInput!]!, $c: String) {
    approveMonthlyReports(months: $months, comment: $c) { unitId year month approved code message report { status version } } }";

/// Saves (as admin) RECEIVED 100 and FULL_ONLINE `full` for a month and submits it.
async fn submitted(app: &TestApp, unit: UnitId, year: i32, month: i32, full: i64) {
    let saved = app
        .save_month(
            "admin",
            unit,
            year,
            month,
            &[("RECEIVED", 100), ("FULL_ONLINE", full)],
            None,
        )
        .await;
    assert_ok(&saved);
    let body = app
        .as_user(
            "admin",
            "mutation($u: ID!, $y: Int!, $m: Int!) { submitMonthlyReport(unitId: $u, year: $y, month: $m) { status } }",
            json!({"u": unit.to_string(), "y": year, "m": month}),
        )
        .await;
    assert_ok(&body);
}

/// The review of FULL_ONLINE_RATE for a month, as `user`.
async fn full_online(app: &TestApp, user: &str, unit: UnitId, year: i32, month: i32) -> Value {
    let body = app
        .as_user(
            user,
            REVIEW,
            json!({"u": unit.to_string(), "y": year, "m": month}),
        )
        .await;
    assert_ok(&body);
    body["data"]["monthlyReport"]["review"]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["indicator"]["code"] == "FULL_ONLINE_RATE")
        .cloned()
        .unwrap_or_else(|| panic!("no FULL_ONLINE_RATE in {body}"))
}

fn month(unit: UnitId, year: i32, month: i32) -> Value {
    json!({"unitId": unit.to_string(), "year": year, "month": month})
}

async fn status_of(app: &TestApp, unit: UnitId, year: i32, month: i32) -> String {
    let body = app
        .as_user(
            "admin",
            "query($u: ID!, $y: Int!, $m: Int!) { monthlyReport(unitId: $u, year: $y, month: $m) { status } }",
            json!({"u": unit.to_string(), "y": year, "m": month}),
        )
        .await;
    body["data"]["monthlyReport"]["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn a_month_that_more_than_doubles_is_flagged_against_last_month_and_last_year(app: TestApp) {
    let c1 = app.tree.commune;
    submitted(&app, c1, 2022, 3, 50).await;
    submitted(&app, c1, 2023, 2, 40).await;
    submitted(&app, c1, 2023, 3, 92).await;

    let r = full_online(&app, "admin", c1, 2023, 3).await;
    assert_eq!(r["indicator"]["name"], "Tỷ lệ hồ sơ trực tuyến toàn trình");
    assert_eq!(r["value"], 92.0);
    assert_eq!(r["previous"], 40.0);
    assert_eq!(r["lastYear"], 50.0);
    assert_eq!(r["changeFromPrevious"], 52.0);
    assert_eq!(r["changeFromLastYear"], 42.0);
    assert_eq!(r["earlierMonths"], 2);
    let flags = r["flags"].as_array().unwrap();
    assert_eq!(flags.len(), 1, "{r}");
    assert_eq!(flags[0]["kind"], "JUMP");
    assert_eq!(
        flags[0]["reason"],
        "Tăng gấp 2,3 lần so với tháng trước (40,0 % → 92,0 %); ngưỡng cảnh báo: gấp 2 lần."
    );
    // The month before, judged against one earlier month, has nothing to say.
    let before = full_online(&app, "admin", c1, 2023, 2).await;
    assert_eq!(before["flags"], json!([]));
    assert_eq!(before["previous"], Value::Null);
}

async fn a_steady_history_raises_no_flag_and_a_far_month_is_a_z_score_outlier(app: TestApp) {
    let c1 = app.tree.commune;
    for (m, full) in [60, 62, 61, 59, 60, 63, 61, 60].into_iter().enumerate() {
        submitted(&app, c1, 2023, m as i32 + 1, full).await;
    }
    submitted(&app, c1, 2023, 9, 61).await;
    submitted(&app, c1, 2023, 10, 95).await;

    let steady = full_online(&app, "admin", c1, 2023, 9).await;
    assert_eq!(steady["flags"], json!([]), "{steady}");
    let far = full_online(&app, "admin", c1, 2023, 10).await;
    let kinds: Vec<&str> = far["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["Z_SCORE"], "{far}");
    let reason = far["flags"][0]["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("Cao hơn trung bình 9 tháng trước"),
        "{reason}"
    );
}

async fn months_of_many_units_are_reviewed_in_one_request(app: TestApp) {
    let (c1, c2) = (app.tree.commune, app.tree.other_commune);
    submitted(&app, c1, 2023, 1, 40).await;
    submitted(&app, c1, 2023, 2, 90).await;
    submitted(&app, c2, 2023, 1, 40).await;
    submitted(&app, c2, 2023, 2, 41).await;
    let body = app
        .as_user(
            "admin",
            "query($a: ID!, $b: ID!) {
               a: monthlyReport(unitId: $a, year: 2023, month: 2) { review { flagCount } }
               b: monthlyReport(unitId: $b, year: 2023, month: 2) { review { flagCount } }
               n: monthlyReport(unitId: $b, year: 2023, month: 5) { review { flagCount indicators { value } } } }",
            json!({"a": c1.to_string(), "b": c2.to_string()}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(body["data"]["a"]["review"]["flagCount"], 1);
    assert_eq!(body["data"]["b"]["review"]["flagCount"], 0);
    // A month with nothing saved has nothing to review.
    assert_eq!(body["data"]["n"]["review"]["indicators"], json!([]));
}

async fn a_manager_approves_several_months_in_one_call_each_audited(app: TestApp) {
    let d11 = app.tree.division;
    for m in 1..=3 {
        submitted(&app, d11, 2023, m, 50).await;
    }
    let months: Vec<Value> = (1..=3).map(|m| month(d11, 2023, m)).collect();
    let body = app
        .as_user(
            "manager",
            BULK,
            json!({"months": months, "c": "Số liệu hợp lý."}),
        )
        .await;
    assert_ok(&body);
    let answers = body["data"]["approveMonthlyReports"].as_array().unwrap();
    assert_eq!(answers.len(), 3);
    for (i, a) in answers.iter().enumerate() {
        assert_eq!(a["month"], i as i64 + 1);
        assert_eq!(a["approved"], true, "{a}");
        assert_eq!(a["code"], Value::Null);
        assert_eq!(a["message"], "Đã duyệt.");
        assert_eq!(a["report"]["status"], "APPROVED");
    }
    for m in 1..=3 {
        assert_eq!(status_of(&app, d11, 2023, m).await, "APPROVED");
    }
    // Each month has the audit entry and the thread comment of a single approval.
    let audit = app
        .as_user(
            "admin",
            "{ auditLog(entity: \"monthlyReport\", limit: 50) { action entityId } }",
            json!({}),
        )
        .await;
    let approvals: Vec<&str> = audit["data"]["auditLog"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "approveMonthlyReport")
        .map(|e| e["entityId"].as_str().unwrap())
        .collect();
    for m in 1..=3 {
        let id = format!("{d11}:2023-{m:02}");
        assert!(approvals.contains(&id.as_str()), "{id} in {approvals:?}");
    }
    let thread = app
        .as_user(
            "manager",
            "query($u: ID!) { reportComments(unitId: $u, year: 2023, month: 2) { body } }",
            json!({"u": d11.to_string()}),
        )
        .await;
    assert!(thread.to_string().contains("Số liệu hợp lý."), "{thread}");
    assert_rollups_exact(&app.db, "after a bulk approval").await;
}

async fn a_month_no_longer_waiting_gets_its_own_answer_and_the_others_are_approved(app: TestApp) {
    let d11 = app.tree.division;
    submitted(&app, d11, 2023, 1, 50).await;
    submitted(&app, d11, 2023, 2, 50).await;
    // January is approved by someone else first; March was only saved.
    let single = app
        .as_user(
            "admin",
            "mutation($u: ID!) { approveMonthlyReport(unitId: $u, year: 2023, month: 1) { status } }",
            json!({"u": d11.to_string()}),
        )
        .await;
    assert_ok(&single);
    assert_ok(
        &app.save_month("admin", d11, 2023, 3, &[("RECEIVED", 5)], None)
            .await,
    );
    let months = json!([
        month(d11, 2023, 1),
        month(d11, 2023, 2),
        month(d11, 2023, 3),
        month(d11, 2023, 4)
    ]);
    let body = app
        .as_user("manager", BULK, json!({"months": months}))
        .await;
    assert_ok(&body);
    let a = &body["data"]["approveMonthlyReports"];
    assert_eq!(a[0]["approved"], false);
    assert_eq!(a[0]["code"], "CONFLICT");
    assert_eq!(a[0]["message"], "Tháng này đã được duyệt trước đó.");
    assert_eq!(a[0]["report"]["status"], "APPROVED");
    assert_eq!(a[1]["approved"], true);
    assert_eq!(a[2]["approved"], false);
    assert_eq!(
        a[2]["message"],
        "Tháng này chưa được nộp (đang soạn); chưa thể duyệt."
    );
    assert_eq!(a[3]["approved"], false);
    assert_eq!(
        a[3]["message"],
        "Tháng này chưa có số liệu; không có gì để duyệt."
    );
    assert_eq!(status_of(&app, d11, 2023, 2).await, "APPROVED");
    assert_eq!(status_of(&app, d11, 2023, 3).await, "DRAFT");
}

async fn a_month_outside_the_managers_scope_refuses_the_whole_call(app: TestApp) {
    let (d11, c1) = (app.tree.division, app.tree.commune);
    submitted(&app, d11, 2023, 1, 50).await;
    submitted(&app, c1, 2023, 1, 50).await;
    // Signing in writes a session: sign in before taking the fingerprint.
    app.token("manager").await;
    let before = fingerprint(&app.db).await;
    let body = app
        .as_user(
            "manager",
            BULK,
            json!({"months": [month(d11, 2023, 1), month(c1, 2023, 1)]}),
        )
        .await;
    assert_error(&body, "FORBIDDEN");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("tháng 01/2023") && message.contains("mục 2"),
        "{message}"
    );
    assert_eq!(status_of(&app, d11, 2023, 1).await, "SUBMITTED");
    let changed = fingerprint(&app.db).await.diff(&before);
    assert!(changed.is_empty(), "{changed:?}");
    // Its own unit's month is not one a manager approves either.
    let own = app
        .as_user(
            "manager",
            BULK,
            json!({"months": [month(app.tree.department, 2023, 1)]}),
        )
        .await;
    assert_error(&own, "FORBIDDEN");
}

async fn an_empty_a_too_long_or_a_repeated_list_is_refused_and_changes_nothing(app: TestApp) {
    let d11 = app.tree.division;
    submitted(&app, d11, 2023, 1, 50).await;
    // Signing in writes a session: sign in before taking the fingerprint.
    app.token("manager").await;
    let before = fingerprint(&app.db).await;

    let empty = app.as_user("manager", BULK, json!({"months": []})).await;
    assert_error(&empty, "VALIDATION");
    assert_eq!(error_field(&empty), Some("months"));

    let many: Vec<Value> = (0..51)
        .map(|i| month(d11, 2000 + i / 12, i % 12 + 1))
        .collect();
    let long = app.as_user("manager", BULK, json!({"months": many})).await;
    assert_error(&long, "VALIDATION");
    assert_eq!(error_field(&long), Some("months"));
    assert_eq!(
        long["errors"][0]["message"],
        "Mỗi lần duyệt tối đa 50 tháng (đã chọn 51); hãy duyệt thành nhiều lần."
    );

    let twice = app
        .as_user(
            "manager",
            BULK,
            json!({"months": [month(d11, 2023, 1), month(d11, 2023, 1)]}),
        )
        .await;
    assert_error(&twice, "VALIDATION");
    assert_eq!(error_field(&twice), Some("months[1]"));

    let bad_month = app
        .as_user("manager", BULK, json!({"months": [month(d11, 2023, 13)]}))
        .await;
    assert_error(&bad_month, "VALIDATION");
    assert_eq!(error_field(&bad_month), Some("months[0].month"));

    let changed = fingerprint(&app.db).await.diff(&before);
    assert!(changed.is_empty(), "{changed:?}");
    assert_eq!(status_of(&app, d11, 2023, 1).await, "SUBMITTED");
}

async fn an_officer_cannot_approve_in_bulk(app: TestApp) {
    let c1 = app.tree.commune;
    submitted(&app, c1, 2023, 1, 50).await;
    let body = app
        .as_user("officer", BULK, json!({"months": [month(c1, 2023, 1)]}))
        .await;
    assert_error(&body, "FORBIDDEN");
    assert_eq!(status_of(&app, c1, 2023, 1).await, "SUBMITTED");
}
