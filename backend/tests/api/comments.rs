//! Comment threads on monthly reports and targets: replies one level deep, signed with the
//! author's staff name (else the username), the comments of approvals, rejections and
//! reopenings in the month's thread, nothing outside the caller's scope, and bad input
//! refused with VALIDATION.

use crate::both_databases;
use crate::helpers::{TestApp, assert_ok, error_code, error_field, set_target};
use backend::service::users;
use serde_json::{Value, json};
use shared::Role;

both_databases!(
    a_months_thread_has_replies_one_level_deep,
    approval_rejection_and_reopening_comments_join_the_months_thread,
    a_target_has_its_own_thread,
    nothing_is_read_or_written_outside_the_callers_scope,
    bad_comments_are_refused_with_validation,
);

const ADD: &str = "mutation($i: AddCommentInput!) { addComment(input: $i) { id kind author body createdAt replies { id } } }";
const REPORT: &str = "query($u: ID!, $y: Int!, $m: Int!) { reportComments(unitId: $u, year: $y, month: $m) { id kind author body replies { id kind author body replies { id } } } }";
const TARGET: &str =
    "query($t: ID!) { targetComments(targetId: $t) { id author body replies { id body } } }";

fn on_month(app: &TestApp, body: &str, parent: Option<&Value>) -> Value {
    json!({"i": {
        "subject": "REPORT",
        "unitId": app.tree.commune.to_string(),
        "year": 2026,
        "month": 5,
        "parentId": parent,
        "body": body,
    }})
}

async fn thread(app: &TestApp, user: &str) -> Value {
    app.as_user(
        user,
        REPORT,
        json!({"u": app.tree.commune.to_string(), "y": 2026, "m": 5}),
    )
    .await
}

async fn a_months_thread_has_replies_one_level_deep(app: TestApp) {
    // The province manager's account is linked to a staff member: comments carry the name.
    let staff = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createStaff(input: {unitId: $u, fullName: \"Lê Văn Tỉnh\", position: \"Phó Chánh Văn phòng\"}) { id } }",
            json!({"u": app.tree.province.to_string()}),
        )
        .await;
    let staff_id = staff["data"]["createStaff"]["id"]
        .as_str()
        .expect("staff")
        .parse()
        .expect("id");
    users::create_unchecked(
        &app.db,
        None,
        users::NewUser {
            username: "lanh_dao".into(),
            password: crate::helpers::PASSWORD.into(),
            role: Role::Viewer,
            unit_id: app.tree.province,
            staff_id: Some(staff_id),
        },
    )
    .await
    .expect("account");

    let top = app
        .as_user(
            "officer",
            ADD,
            on_month(&app, "Số liệu tháng 5 đã đủ.", None),
        )
        .await;
    assert_ok(&top);
    let top = &top["data"]["addComment"];
    assert_eq!(top["kind"], "NOTE");
    assert_eq!(
        top["author"], "Cán bộ đầu mối",
        "an account without staff by its role"
    );
    let reply = app
        .as_user(
            "lanh_dao",
            ADD,
            on_month(&app, "Đề nghị bổ sung hồ sơ trực tuyến.", Some(&top["id"])),
        )
        .await;
    assert_ok(&reply);
    assert_eq!(reply["data"]["addComment"]["author"], "Lê Văn Tỉnh");
    // A reply to the reply hangs on the same top comment.
    let again = app
        .as_user(
            "officer",
            ADD,
            on_month(
                &app,
                "Đã bổ sung.",
                Some(&reply["data"]["addComment"]["id"]),
            ),
        )
        .await;
    assert_ok(&again);
    // D1's manager does not see C1's month.
    let outside = app
        .as_user("manager", ADD, on_month(&app, "Ghi nhận.", None))
        .await;
    assert_error_is(&outside, "NOT_FOUND");

    let body = thread(&app, "viewer").await;
    assert_ok(&body);
    let list = body["data"]["reportComments"].as_array().expect("thread");
    assert_eq!(list.len(), 1);
    let replies = list[0]["replies"].as_array().expect("replies");
    let bodies: Vec<&str> = replies.iter().filter_map(|r| r["body"].as_str()).collect();
    assert_eq!(bodies, ["Đề nghị bổ sung hồ sơ trực tuyến.", "Đã bổ sung."]);
    assert!(replies.iter().all(|r| r["replies"] == json!([])));
    // Another month's thread is empty.
    let other = app
        .as_user(
            "officer",
            REPORT,
            json!({"u": app.tree.commune.to_string(), "y": 2026, "m": 6}),
        )
        .await;
    assert_eq!(other["data"]["reportComments"], json!([]));
    let audit = app
        .as_user(
            "admin",
            "{ auditLog(entity: \"comment\") { action } }",
            json!({}),
        )
        .await;
    assert_eq!(audit["data"]["auditLog"].as_array().map(Vec::len), Some(3));
}

fn assert_error_is(body: &Value, code: &str) {
    assert_eq!(error_code(body), Some(code), "{body}");
}

async fn approval_rejection_and_reopening_comments_join_the_months_thread(app: TestApp) {
    let c1 = app.tree.commune;
    let vars = json!({"u": c1.to_string(), "y": 2026, "m": 5});
    let submit = "mutation($u: ID!, $y: Int!, $m: Int!) { submitMonthlyReport(unitId: $u, year: $y, month: $m) { status } }";
    assert_ok(
        &app.save_month("officer", c1, 2026, 5, &[("RECEIVED", 10)], None)
            .await,
    );
    assert_ok(&app.as_user("officer", submit, vars.clone()).await);
    let reject = app
        .as_user(
            "province_manager",
            "mutation($u: ID!, $y: Int!, $m: Int!) { rejectMonthlyReport(unitId: $u, year: $y, month: $m, comment: \"Thiếu số hồ sơ nhận.\") { status } }",
            vars.clone(),
        )
        .await;
    assert_ok(&reject);
    assert_ok(&app.as_user("officer", submit, vars.clone()).await);
    let approve = app
        .as_user(
            "province_manager",
            "mutation($u: ID!, $y: Int!, $m: Int!) { approveMonthlyReport(unitId: $u, year: $y, month: $m, comment: \"Đồng ý, số liệu khớp.\") { status } }",
            vars.clone(),
        )
        .await;
    assert_ok(&approve);
    assert_eq!(
        approve["data"]["approveMonthlyReport"]["status"],
        "APPROVED"
    );
    let reopen = app
        .as_user(
            "province_manager",
            "mutation($u: ID!, $y: Int!, $m: Int!) { reopenMonthlyReport(unitId: $u, year: $y, month: $m, comment: \"Cần điều chỉnh.\") { status } }",
            vars.clone(),
        )
        .await;
    assert_ok(&reopen);
    // An approval without a comment writes nothing into the thread.
    assert_ok(&app.as_user("officer", submit, vars.clone()).await);
    let silent = app
        .as_user(
            "province_manager",
            "mutation($u: ID!, $y: Int!, $m: Int!) { approveMonthlyReport(unitId: $u, year: $y, month: $m) { status } }",
            vars.clone(),
        )
        .await;
    assert_ok(&silent);

    let body = thread(&app, "officer").await;
    assert_ok(&body);
    let got: Vec<(&str, &str, &str)> = body["data"]["reportComments"]
        .as_array()
        .expect("thread")
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap_or_default(),
                c["author"].as_str().unwrap_or_default(),
                c["body"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("REJECTION", "Lãnh đạo đơn vị", "Thiếu số hồ sơ nhận."),
            ("APPROVAL", "Lãnh đạo đơn vị", "Đồng ý, số liệu khớp."),
            ("REOPENING", "Lãnh đạo đơn vị", "Cần điều chỉnh."),
        ]
    );
    // A reply to the rejection joins its thread.
    let first = &body["data"]["reportComments"][0]["id"];
    let reply = app
        .as_user("officer", ADD, on_month(&app, "Đã bổ sung.", Some(first)))
        .await;
    assert_ok(&reply);
    let again = thread(&app, "officer").await;
    assert_eq!(
        again["data"]["reportComments"][0]["replies"][0]["body"],
        "Đã bổ sung."
    );
}

async fn a_target_has_its_own_thread(app: TestApp) {
    let decision = app.decision("55/QĐ-UBND", 2026).await;
    let target = set_target(
        &app,
        &decision,
        app.tree.commune,
        "DIGITIZATION_RATE",
        80.0,
        None,
    )
    .await;
    let add = app
        .as_user(
            "officer",
            ADD,
            json!({"i": {"subject": "TARGET", "targetId": target, "body": "Chỉ tiêu cao so với năm trước."}}),
        )
        .await;
    assert_ok(&add);
    let body = app
        .as_user("province_manager", TARGET, json!({"t": target}))
        .await;
    assert_ok(&body);
    assert_eq!(
        body["data"]["targetComments"][0]["body"],
        "Chỉ tiêu cao so với năm trước."
    );
    // A reply naming a comment of another subject is refused.
    let month = app
        .as_user("officer", ADD, on_month(&app, "Tháng 5.", None))
        .await;
    let cross = app
        .as_user(
            "officer",
            ADD,
            json!({"i": {"subject": "TARGET", "targetId": target, "parentId": month["data"]["addComment"]["id"], "body": "Trả lời nhầm chỗ."}}),
        )
        .await;
    assert_error_is(&cross, "VALIDATION");
    assert_eq!(error_field(&cross), Some("parentId"));
    // The month's thread does not show the target's comment.
    let months = thread(&app, "officer").await;
    assert_eq!(
        months["data"]["reportComments"].as_array().map(Vec::len),
        Some(1)
    );
}

async fn nothing_is_read_or_written_outside_the_callers_scope(app: TestApp) {
    app.add_account("officer_c2", Role::Officer, app.tree.other_commune)
        .await;
    assert_ok(
        &app.as_user("officer", ADD, on_month(&app, "Nội bộ.", None))
            .await,
    );
    let read = thread(&app, "officer_c2").await;
    assert_error_is(&read, "NOT_FOUND");
    assert!(!read.to_string().contains("Nội bộ"));
    let write = app
        .as_user("officer_c2", ADD, on_month(&app, "Xin chào.", None))
        .await;
    assert_error_is(&write, "NOT_FOUND");
    let decision = app.decision("56/QĐ-UBND", 2026).await;
    let target = set_target(
        &app,
        &decision,
        app.tree.commune,
        "DIGITIZATION_RATE",
        80.0,
        None,
    )
    .await;
    let other_target = app
        .as_user("officer_c2", TARGET, json!({"t": target}))
        .await;
    assert_error_is(&other_target, "NOT_FOUND");
    let missing = app
        .as_user("officer_c2", TARGET, json!({"t": "987654"}))
        .await;
    assert_eq!(
        other_target["errors"][0]["message"]
            .as_str()
            .map(|m| m.replace(&target, "")),
        missing["errors"][0]["message"]
            .as_str()
            .map(|m| m.replace("987654", "")),
        "a target outside the scope reads as a missing one"
    );
    // An API token reads in scope, never writes.
    let token = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createApiToken(name: \"Cổng\", unitId: $u) { token } }",
            json!({"u": app.tree.commune.to_string()}),
        )
        .await;
    let token = token["data"]["createApiToken"]["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let vars = json!({"u": app.tree.commune.to_string(), "y": 2026, "m": 5});
    let read = app.gql(Some(&token), REPORT, vars).await;
    assert_ok(&read);
    assert_eq!(
        read["data"]["reportComments"].as_array().map(Vec::len),
        Some(1)
    );
    let write = app
        .gql(Some(&token), ADD, on_month(&app, "Từ cổng.", None))
        .await;
    assert_error_is(&write, "FORBIDDEN");
    // A viewer (a leader) may comment.
    assert_ok(
        &app.as_user("viewer", ADD, on_month(&app, "Lãnh đạo đã xem.", None))
            .await,
    );
}

async fn bad_comments_are_refused_with_validation(app: TestApp) {
    let long = "ạ".repeat(2001);
    for (body, field) in [("   ", "body"), (long.as_str(), "body")] {
        let got = app
            .as_user("officer", ADD, on_month(&app, body, None))
            .await;
        assert_error_is(&got, "VALIDATION");
        assert_eq!(error_field(&got), Some(field), "{got}");
    }
    assert_ok(
        &app.as_user("officer", ADD, on_month(&app, &"ạ".repeat(2000), None))
            .await,
    );
    let no_month = app
        .as_user(
            "officer",
            ADD,
            json!({"i": {"subject": "REPORT", "unitId": app.tree.commune.to_string(), "year": 2026, "body": "Thiếu tháng"}}),
        )
        .await;
    assert_error_is(&no_month, "VALIDATION");
    let bad_month = app
        .as_user(
            "officer",
            ADD,
            json!({"i": {"subject": "REPORT", "unitId": app.tree.commune.to_string(), "year": 2026, "month": 13, "body": "Tháng 13"}}),
        )
        .await;
    assert_error_is(&bad_month, "VALIDATION");
    assert_eq!(error_field(&bad_month), Some("month"));
    let no_target = app
        .as_user(
            "officer",
            ADD,
            json!({"i": {"subject": "TARGET", "body": "Thiếu chỉ tiêu"}}),
        )
        .await;
    assert_error_is(&no_target, "VALIDATION");
    assert_eq!(error_field(&no_target), Some("targetId"));
    let bad_parent = app
        .as_user(
            "officer",
            ADD,
            on_month(&app, "Trả lời", Some(&json!("987654"))),
        )
        .await;
    assert_error_is(&bad_parent, "VALIDATION");
    assert_eq!(error_field(&bad_parent), Some("parentId"));
    let thread = thread(&app, "officer").await;
    assert_eq!(
        thread["data"]["reportComments"].as_array().map(Vec::len),
        Some(1)
    );
}
