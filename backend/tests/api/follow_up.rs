//! Follow-through through the API, with the instance's clock set by each test: an approved
//! month off track asks its unit once for an explanation and tells its managers and heads
//! (e-mail and webhook through the outbox); the explanation with its corrective actions is
//! given, sent back, given again and accepted by the level above only; an overdue action
//! reaches its owner's and its head's to-do; the request closes itself when a later month
//! is back on track; a refused explanation becomes a violation linked both ways; another
//! commune sees nothing; bad explanations are refused field by field and change nothing.

use crate::both_databases;
use crate::helpers::*;
use backend::db::entities::user;
use chrono::{TimeZone, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use shared::Role;
use shared::ids::UnitId;

both_databases!(
    an_approved_off_track_month_asks_once_and_tells_the_units_managers_heads_and_webhooks,
    an_explanation_with_two_actions_is_returned_given_again_and_accepted_by_the_level_above_only,
    an_overdue_action_reaches_its_owners_and_its_heads_todo_until_done,
    the_request_closes_itself_when_a_later_approved_month_is_back_on_track,
    an_officer_of_another_commune_sees_nothing_of_the_request,
    bad_explanations_are_refused_with_their_field_and_change_nothing,
    a_returned_explanation_becomes_a_violation_linked_both_ways,
    a_manager_above_asks_by_hand_once_and_admins_edit_causes_and_settings,
);

/// Stops the instance's clock at noon in Vietnam on the day.
pub fn at(app: &TestApp, y: i32, m: u32, d: u32) {
    let instant = Utc
        .with_ymd_and_hms(y, m, d, 5, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("no such day {y}-{m}-{d}"));
    app.db.clock().set(instant);
}

/// Sets an account's e-mail and staff link.
async fn link(app: &TestApp, username: &str, email: Option<&str>, staff: Option<&str>) {
    let mut q = user::Entity::update_many();
    if let Some(e) = email {
        q = q.col_expr(user::Column::Email, sea_orm::sea_query::Expr::value(e));
    }
    if let Some(s) = staff {
        let id: i32 = s.parse().unwrap_or_default();
        q = q.col_expr(user::Column::StaffId, sea_orm::sea_query::Expr::value(id));
    }
    q.filter(user::Column::Username.eq(username))
        .exec(app.db.conn())
        .await
        .expect("update the account");
}

/// What the tests of a unit need: the head and an officer as staff, accounts for them.
pub struct Setup {
    pub head: String,
    pub clerk: String,
    pub other_staff: String,
    pub cause: String,
}

async fn staff(app: &TestApp, unit: UnitId, name: &str, head: bool, email: &str) -> String {
    let body = app
        .as_user(
            "admin",
            "mutation($u: ID!, $n: String!, $h: Boolean, $e: String) { createStaff(input: {unitId: $u, fullName: $n, position: \"Cán bộ\", isHead: $h, email: $e}) { id } }",
            json!({"u": unit.to_string(), "n": name, "h": head, "e": email}),
        )
        .await;
    body["data"]["createStaff"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("createStaff: {body}"))
        .to_owned()
}

/// C1 with a target of 80 % digitised for 2026, its head (staff, e-mail) and an officer
/// linked to a staff member; `truong_c1`, a MANAGER of C1 with an e-mail; `officer_c2`; a
/// webhook of the province hearing EXPLANATION_DUE; the clock on 2 March 2026.
pub async fn setup(app: &TestApp) -> Setup {
    let t = app.tree.clone();
    let decision = app.decision("12/QĐ-UBND", 2026).await;
    set_target(app, &decision, t.commune, "DIGITIZATION_RATE", 80.0, None).await;
    let head = staff(app, t.commune, "Nguyễn Văn Trưởng", true, "truong@xa1.test").await;
    let clerk = staff(app, t.commune, "Lê Thị Cán", false, "can@xa1.test").await;
    let other_staff = staff(
        app,
        t.other_commune,
        "Phạm Văn Khác",
        false,
        "khac@xa2.test",
    )
    .await;
    app.add_account("truong_c1", Role::Manager, t.commune).await;
    link(app, "truong_c1", Some("quanly@xa1.test"), None).await;
    link(app, "officer", None, Some(&clerk)).await;
    app.add_account("officer_c2", Role::Officer, t.other_commune)
        .await;
    let hook = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createWebhook(url: \"https://203.0.113.20/giai-trinh\", events: [EXPLANATION_DUE], unitId: $u) { secret } }",
            json!({"u": t.province.to_string()}),
        )
        .await;
    assert_ok(&hook);
    let causes = app
        .as_user(
            "officer",
            "{ explanationCauses { id code active } }",
            json!({}),
        )
        .await;
    assert_ok(&causes);
    let cause = causes["data"]["explanationCauses"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    at(app, 2026, 3, 2);
    Setup {
        head,
        clerk,
        other_staff,
        cause,
    }
}

/// Runs a workflow action on a month of 2026 of `unit` as `user`.
pub async fn act(app: &TestApp, user: &str, action: &str, unit: UnitId, month: i32) {
    let query = format!(
        "mutation($u: ID!, $m: Int!) {{ {action}MonthlyReport(unitId: $u, year: 2026, month: $m{}) {{ status }} }}",
        if action == "reopen" || action == "reject" {
            ", comment: \"Sửa số liệu\""
        } else {
            ""
        }
    );
    let body = app
        .as_user(user, &query, json!({"u": unit.to_string(), "m": month}))
        .await;
    assert_ok(&body);
}

/// Saves a month of C1 (received, digitised), submits it as the officer and approves it
/// as the province's manager.
pub async fn approve_month(app: &TestApp, month: i32, received: i64, digitized: i64) {
    let c1 = app.tree.commune;
    let saved = app
        .save_month(
            "officer",
            c1,
            2026,
            month,
            &[("RECEIVED", received), ("DIGITIZED", digitized)],
            None,
        )
        .await;
    assert_ok(&saved);
    act(app, "officer", "submit", c1, month).await;
    act(app, "province_manager", "approve", c1, month).await;
}

pub const REQUEST_FIELDS: &str = "id status trackStatus automatic requestedBy dueOn daysOverdue message year month unit { code } indicator { code } cause { code } reason submittedBy reviewedBy reviewComment closeNote violation { id kind explanationRequestId } actions { id description owner { id fullName } dueOn expectedEffect status daysOverdue doneNote evidence { id } } evidence { id url } canExplain canReview canRecordViolation";

/// The requests `user` sees.
pub async fn requests(app: &TestApp, user: &str) -> Vec<Value> {
    let q = format!("{{ explanationRequests {{ {REQUEST_FIELDS} }} }}");
    let body = app.as_user(user, &q, json!({})).await;
    assert_ok(&body);
    body["data"]["explanationRequests"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// One request as `user` sees it (null when it may not).
pub async fn request(app: &TestApp, user: &str, id: &str) -> Value {
    let q = format!("query($id: ID!) {{ explanationRequest(id: $id) {{ {REQUEST_FIELDS} }} }}");
    let body = app.as_user(user, &q, json!({"id": id})).await;
    assert_ok(&body);
    body["data"]["explanationRequest"].clone()
}

/// The only request of C1, made by approving February off track (10 of 100 digitised).
pub async fn off_track_request(app: &TestApp) -> String {
    approve_month(app, 2, 100, 10).await;
    let list = requests(app, "province_manager").await;
    assert_eq!(list.len(), 1, "{list:?}");
    list[0]["id"].as_str().unwrap_or_default().to_owned()
}

const SUBMIT: &str = "mutation($i: ExplainInput!) { submitExplanation(input: $i) { id status version: id actions { id description status owner { id } } } }";

/// An explanation input with `actions` ((id, description, owner, dueOn)).
pub fn explanation(
    request: &str,
    cause: &str,
    reason: &str,
    actions: &[(Option<&str>, &str, &str, &str)],
) -> Value {
    let actions: Vec<Value> = actions
        .iter()
        .map(|(id, d, owner, due)| {
            json!({"id": id, "description": d, "ownerStaffId": owner, "dueOn": due, "expectedEffect": "+40 hồ sơ toàn trình/tháng"})
        })
        .collect();
    json!({"requestId": request, "causeId": cause, "reason": reason, "actions": actions})
}

/// Submits an explanation as `user`; returns the answer.
pub async fn submit(app: &TestApp, user: &str, input: Value) -> Value {
    app.as_user(user, SUBMIT, json!({"i": input})).await
}

/// The outbox (kind, channel, recipient, subject), oldest first.
async fn outbox(app: &TestApp) -> Vec<(String, String, String)> {
    let body = app
        .as_user(
            "admin",
            "{ notifications(limit: 500) { channel recipient subject } }",
            json!({}),
        )
        .await;
    assert_ok(&body);
    let mut list: Vec<(String, String, String)> = body["data"]["notifications"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|n| {
            let s = |k: &str| n[k].as_str().unwrap_or_default().to_owned();
            (s("channel"), s("recipient"), s("subject"))
        })
        .collect();
    list.reverse();
    list
}

/// The to-do items of `user` of `kind`.
pub async fn todo_of(app: &TestApp, user: &str, kind: &str) -> Vec<Value> {
    let body = app
        .as_user(
            user,
            "{ todo { kind unit { code } month daysOverdue dueOn comment explanationRequestId indicator { code } } }",
            json!({}),
        )
        .await;
    assert_ok(&body);
    body["data"]["todo"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| i["kind"] == kind)
        .collect()
}

async fn an_approved_off_track_month_asks_once_and_tells_the_units_managers_heads_and_webhooks(
    app: TestApp,
) {
    setup(&app).await;
    let c1 = app.tree.commune;
    approve_month(&app, 2, 100, 10).await;
    let list = requests(&app, "province_manager").await;
    assert_eq!(list.len(), 1, "{list:?}");
    let r = &list[0];
    assert_eq!(r["status"], "OPEN");
    assert_eq!(r["trackStatus"], "OFF_TRACK");
    assert_eq!(r["automatic"], true);
    assert!(r["requestedBy"].is_null());
    assert_eq!(
        (r["year"].as_i64(), r["month"].as_i64()),
        (Some(2026), Some(2))
    );
    assert_eq!(r["unit"]["code"], "C1");
    assert_eq!(r["indicator"]["code"], "DIGITIZATION_RATE");
    assert_eq!(r["dueOn"], "2026-03-09");
    assert_eq!(r["daysOverdue"], 0);
    assert_eq!(
        (r["canExplain"].as_bool(), r["canReview"].as_bool()),
        (Some(true), Some(false))
    );
    let id = r["id"].as_str().unwrap_or_default().to_owned();
    // Reading never asks again.
    assert_eq!(requests(&app, "admin").await.len(), 1);
    assert_eq!(requests(&app, "officer").await.len(), 1);

    let mails = outbox(&app).await;
    let asked: Vec<&(String, String, String)> = mails
        .iter()
        .filter(|n| n.2.contains("Yêu cầu giải trình"))
        .collect();
    let mut to: Vec<&str> = asked
        .iter()
        .filter(|n| n.0 == "EMAIL")
        .map(|n| n.1.as_str())
        .collect();
    to.sort_unstable();
    assert_eq!(to, vec!["quanly@xa1.test", "truong@xa1.test"], "{mails:?}");
    let posts: Vec<_> = asked.iter().filter(|n| n.0 == "WEBHOOK").collect();
    assert_eq!(posts.len(), 1, "{mails:?}");
    assert_eq!(posts[0].1, "https://203.0.113.20/giai-trinh");

    // The unit's own people see it in their to-do.
    for user in ["officer", "truong_c1"] {
        let items = todo_of(&app, user, "EXPLANATION_DUE").await;
        assert_eq!(items.len(), 1, "{user}: {items:?}");
        assert_eq!(items[0]["explanationRequestId"], id.as_str());
        assert_eq!(items[0]["dueOn"], "2026-03-09");
    }
    assert!(
        todo_of(&app, "province_manager", "EXPLANATION_DUE")
            .await
            .is_empty()
    );

    // Reopened, submitted and approved again: still one request, no new mail.
    act(&app, "province_manager", "reopen", c1, 2).await;
    act(&app, "officer", "submit", c1, 2).await;
    act(&app, "province_manager", "approve", c1, 2).await;
    assert_eq!(requests(&app, "province_manager").await.len(), 1);
    assert_eq!(outbox(&app).await.len(), mails.len(), "nothing new is told");
    let after = request(&app, "officer", &id).await;
    assert_eq!(after["status"], "OPEN");
    // A week later it is overdue.
    at(&app, 2026, 3, 12);
    let late = todo_of(&app, "officer", "EXPLANATION_OVERDUE").await;
    assert_eq!(late.len(), 1);
    assert_eq!(late[0]["daysOverdue"], 3);
    assert_eq!(request(&app, "officer", &id).await["daysOverdue"], 3);
}

async fn an_explanation_with_two_actions_is_returned_given_again_and_accepted_by_the_level_above_only(
    app: TestApp,
) {
    let s = setup(&app).await;
    let id = off_track_request(&app).await;
    let input = explanation(
        &id,
        &s.cause,
        "Người dân chưa quen nộp hồ sơ trực tuyến",
        &[
            (
                None,
                "Mở quầy hướng dẫn nộp trực tuyến",
                &s.clerk,
                "2026-03-20",
            ),
            (None, "Tập huấn cán bộ một cửa", &s.head, "2026-03-31"),
        ],
    );
    let body = submit(&app, "officer", input).await;
    assert_ok(&body);
    let r = request(&app, "officer", &id).await;
    assert_eq!(r["status"], "SUBMITTED");
    assert_eq!(r["reason"], "Người dân chưa quen nộp hồ sơ trực tuyến");
    assert_eq!(r["submittedBy"], "Lê Thị Cán");
    assert_eq!(r["canExplain"], false);
    let actions = r["actions"].as_array().cloned().unwrap_or_default();
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[1]["owner"]["fullName"], "Nguyễn Văn Trưởng");
    assert_eq!(actions[0]["expectedEffect"], "+40 hồ sơ toàn trình/tháng");
    // The province's manager has it to review; the unit's own manager may not review.
    let review = todo_of(&app, "province_manager", "EXPLANATION_REVIEW").await;
    assert_eq!(review.len(), 1);
    assert_eq!(review[0]["explanationRequestId"], id.as_str());
    assert_eq!(
        request(&app, "province_manager", &id).await["canReview"],
        true
    );
    let accept = "mutation($r: ID!) { acceptExplanation(requestId: $r) { status canReview } }";
    for user in ["truong_c1", "officer"] {
        assert_error(
            &app.as_user(user, accept, json!({"r": id})).await,
            "FORBIDDEN",
        );
    }
    assert_eq!(request(&app, "officer", &id).await["status"], "SUBMITTED");

    let ret = "mutation($r: ID!, $c: String!) { returnExplanation(requestId: $r, comment: $c) { status reviewComment reviewedBy } }";
    let body = app
        .as_user(
            "province_manager",
            ret,
            json!({"r": id, "c": "Bổ sung tài liệu kiểm chứng"}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(body["data"]["returnExplanation"]["status"], "RETURNED");
    let mails = outbox(&app).await;
    let returned: Vec<_> = mails
        .iter()
        .filter(|n| n.2.contains("bị trả lại"))
        .collect();
    assert_eq!(returned.len(), 2, "{mails:?}");
    let again = todo_of(&app, "officer", "EXPLANATION_DUE").await;
    assert_eq!(again.len(), 1);
    assert_eq!(again[0]["comment"], "Bổ sung tài liệu kiểm chứng");

    // The second action got its evidence before it is left out: the file stays, with the
    // explanation itself.
    let second = actions[1]["id"].as_str().unwrap_or_default().to_owned();
    let token = app.token("officer").await;
    let uploaded = app
        .client
        .post(format!(
            "{}/files/explanations/{id}/evidence?name=ke-hoach.pdf&action={second}",
            app.address
        ))
        .bearer_auth(&token)
        .body(b"%PDF-1.4\n% ke hoach\n%%EOF\n".to_vec())
        .send()
        .await
        .expect("upload");
    assert_eq!(uploaded.status().as_u16(), 201);

    // Given again: the first action kept (updated), the second left out, a new one added.
    let first = actions[0]["id"].as_str().unwrap_or_default().to_owned();
    let input = explanation(
        &id,
        &s.cause,
        "Người dân chưa quen nộp hồ sơ trực tuyến; đã bổ sung tài liệu",
        &[
            (
                Some(&first),
                "Mở hai quầy hướng dẫn nộp trực tuyến",
                &s.clerk,
                "2026-03-25",
            ),
            (
                None,
                "Nhắn tin nhắc người dân qua Zalo",
                &s.clerk,
                "2026-04-10",
            ),
        ],
    );
    assert_ok(&submit(&app, "officer", input).await);
    let r = request(&app, "officer", &id).await;
    assert_eq!(r["status"], "SUBMITTED");
    let files = app
        .as_user(
            "officer",
            "query($id: ID!) { explanationRequest(id: $id) { evidence { fileName } } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(
        files["data"]["explanationRequest"]["evidence"][0]["fileName"], "ke-hoach.pdf",
        "{files}"
    );
    let ids: Vec<&str> = r["actions"]
        .as_array()
        .map(|l| l.iter().filter_map(|a| a["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], first);
    assert_eq!(
        r["actions"][0]["description"],
        "Mở hai quầy hướng dẫn nộp trực tuyến"
    );
    assert_eq!(r["actions"][0]["dueOn"], "2026-03-25");

    let body = app
        .as_user("province_manager", accept, json!({"r": id}))
        .await;
    assert_ok(&body);
    assert_eq!(body["data"]["acceptExplanation"]["status"], "ACCEPTED");
    assert_eq!(body["data"]["acceptExplanation"]["canReview"], false);
    assert!(
        todo_of(&app, "province_manager", "EXPLANATION_REVIEW")
            .await
            .is_empty()
    );
    // Accepted twice: a conflict.
    assert_error(
        &app.as_user("province_manager", accept, json!({"r": id}))
            .await,
        "CONFLICT",
    );
    let audit = app
        .as_user(
            "admin",
            "query($i: String) { auditLog(entity: \"explanationRequest\", entityId: $i, limit: 20) { action } }",
            json!({"i": id}),
        )
        .await;
    let actions: Vec<&str> = audit["data"]["auditLog"]
        .as_array()
        .map(|l| l.iter().filter_map(|e| e["action"].as_str()).collect())
        .unwrap_or_default();
    for a in [
        "askExplanation",
        "submitExplanation",
        "returnExplanation",
        "acceptExplanation",
    ] {
        assert!(actions.contains(&a), "{a} not audited: {actions:?}");
    }
}

async fn an_overdue_action_reaches_its_owners_and_its_heads_todo_until_done(app: TestApp) {
    let s = setup(&app).await;
    let id = off_track_request(&app).await;
    let input = explanation(
        &id,
        &s.cause,
        "Thiếu cán bộ tiếp nhận hồ sơ trực tuyến",
        &[
            (
                None,
                "Bố trí thêm một cán bộ một cửa",
                &s.clerk,
                "2026-03-05",
            ),
            (None, "Tập huấn cán bộ một cửa", &s.head, "2026-04-30"),
        ],
    );
    assert_ok(&submit(&app, "officer", input).await);
    let accept = "mutation($r: ID!) { acceptExplanation(requestId: $r) { status } }";
    assert_ok(
        &app.as_user("province_manager", accept, json!({"r": id}))
            .await,
    );
    assert!(todo_of(&app, "officer", "ACTION_OVERDUE").await.is_empty());
    at(&app, 2026, 3, 7);
    for user in ["officer", "truong_c1"] {
        let items = todo_of(&app, user, "ACTION_OVERDUE").await;
        assert_eq!(items.len(), 1, "{user}: {items:?}");
        assert_eq!(items[0]["daysOverdue"], 2);
        assert_eq!(items[0]["dueOn"], "2026-03-05");
        assert_eq!(items[0]["explanationRequestId"], id.as_str());
        assert_eq!(items[0]["comment"], "Bố trí thêm một cán bộ một cửa");
        assert_eq!(items[0]["unit"]["code"], "C1");
    }
    assert!(
        todo_of(&app, "province_manager", "ACTION_OVERDUE")
            .await
            .is_empty()
    );
    let r = request(&app, "officer", &id).await;
    assert_eq!(r["actions"][0]["daysOverdue"], 2);
    let action = r["actions"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let done = "mutation($a: ID!) { completeAction(actionId: $a, note: \"Đã bố trí\") { status doneNote daysOverdue } }";
    assert_error(
        &app.as_user("officer_c2", done, json!({"a": action})).await,
        "NOT_FOUND",
    );
    let body = app.as_user("officer", done, json!({"a": action})).await;
    assert_ok(&body);
    assert_eq!(body["data"]["completeAction"]["status"], "DONE");
    assert_eq!(body["data"]["completeAction"]["daysOverdue"], 0);
    assert!(todo_of(&app, "officer", "ACTION_OVERDUE").await.is_empty());
    assert!(
        todo_of(&app, "truong_c1", "ACTION_OVERDUE")
            .await
            .is_empty()
    );
    assert_error(
        &app.as_user("officer", done, json!({"a": action})).await,
        "CONFLICT",
    );
}

async fn the_request_closes_itself_when_a_later_approved_month_is_back_on_track(app: TestApp) {
    setup(&app).await;
    let id = off_track_request(&app).await;
    // March: 1,000 of 1,000 digitised; 1,010 of 1,100 to date (92 %), back on track.
    at(&app, 2026, 4, 2);
    approve_month(&app, 3, 1000, 1000).await;
    let r = request(&app, "officer", &id).await;
    assert_eq!(r["status"], "CLOSED");
    assert_eq!(
        r["closeNote"],
        "Chỉ tiêu đã trở lại đúng tiến độ tại tháng 03/2026."
    );
    assert_eq!(r["canExplain"], false);
    assert!(todo_of(&app, "officer", "EXPLANATION_DUE").await.is_empty());
    // Still one request: on track asks nothing.
    assert_eq!(requests(&app, "admin").await.len(), 1);
}

async fn an_officer_of_another_commune_sees_nothing_of_the_request(app: TestApp) {
    let s = setup(&app).await;
    let id = off_track_request(&app).await;
    assert!(request(&app, "officer_c2", &id).await.is_null());
    assert!(requests(&app, "officer_c2").await.is_empty());
    let in_c1 = app
        .as_user(
            "officer_c2",
            "query($u: ID) { explanationRequests(unitId: $u) { id } }",
            json!({"u": app.tree.commune.to_string()}),
        )
        .await;
    assert_error(&in_c1, "NOT_FOUND");
    let input = explanation(
        &id,
        &s.cause,
        "Một lý do đủ dài để giải trình",
        &[(None, "Việc gì đó", &s.other_staff, "2026-03-20")],
    );
    let body = submit(&app, "officer_c2", input).await;
    assert_error(&body, "NOT_FOUND");
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    let missing = submit(
        &app,
        "officer_c2",
        explanation("999999", &s.cause, "Một lý do đủ dài để giải trình", &[]),
    )
    .await;
    assert_error(&missing, "NOT_FOUND");
    // The answer does not tell an existing request from a missing one.
    let other = missing["errors"][0]["message"].as_str().unwrap_or_default();
    assert_eq!(message.replace(&id, "?"), other.replace("999999", "?"));
    assert!(
        todo_of(&app, "officer_c2", "EXPLANATION_DUE")
            .await
            .is_empty()
    );
}

async fn bad_explanations_are_refused_with_their_field_and_change_nothing(app: TestApp) {
    let s = setup(&app).await;
    let id = off_track_request(&app).await;
    let reason = "Người dân chưa quen nộp hồ sơ trực tuyến";
    let good = (None, "Mở quầy hướng dẫn", s.clerk.as_str(), "2026-03-20");
    // An inactive cause.
    let off = app
        .as_user(
            "admin",
            "mutation { createExplanationCause(code: \"OLD\", name: \"Nguyên nhân cũ\") { id } }",
            json!({}),
        )
        .await;
    let old = off["data"]["createExplanationCause"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_ok(
        &app.as_user(
            "admin",
            "mutation($i: ID!) { updateExplanationCause(id: $i, active: false) { active } }",
            json!({"i": old}),
        )
        .await,
    );
    let cases: Vec<(Value, &str)> = vec![
        (explanation(&id, &s.cause, reason, &[]), "actions"),
        (
            explanation(
                &id,
                &s.cause,
                reason,
                &[(None, "Mở quầy", &s.other_staff, "2026-03-20")],
            ),
            "actions[0].ownerStaffId",
        ),
        (
            explanation(
                &id,
                &s.cause,
                reason,
                &[good, (None, "Việc cũ", &s.clerk, "2026-03-01")],
            ),
            "actions[1].dueOn",
        ),
        (explanation(&id, &old, reason, &[good]), "causeId"),
        (explanation(&id, &s.cause, "Ít quá", &[good]), "reason"),
    ];
    let before = request(&app, "officer", &id).await;
    for (input, field) in cases {
        let body = submit(&app, "officer", input).await;
        assert_error(&body, "VALIDATION");
        assert_eq!(error_field(&body), Some(field), "{body}");
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(!message.is_empty());
        assert_eq!(request(&app, "officer", &id).await, before);
    }
    assert_eq!(before["status"], "OPEN");
    assert_eq!(before["actions"], json!([]));
}

async fn a_returned_explanation_becomes_a_violation_linked_both_ways(app: TestApp) {
    let s = setup(&app).await;
    let id = off_track_request(&app).await;
    let record = "mutation($i: RecordExplanationViolationInput!) { recordExplanationViolation(input: $i) { status closeNote violation { id kind explanationRequestId } canRecordViolation } }";
    let input = json!({"i": {"requestId": id, "kind": "DELAY", "description": "Không giải trình đúng hạn", "handling": "REMINDER"}});
    // OPEN and not yet due: nothing to record.
    assert_error(
        &app.as_user("province_manager", record, input.clone()).await,
        "CONFLICT",
    );
    let given = explanation(
        &id,
        &s.cause,
        "Lý do chung chung không rõ ràng",
        &[(None, "Cố gắng hơn", &s.clerk, "2026-03-20")],
    );
    assert_ok(&submit(&app, "officer", given).await);
    let ret = "mutation($r: ID!) { returnExplanation(requestId: $r, comment: \"Không đạt yêu cầu\") { status canRecordViolation } }";
    let body = app.as_user("province_manager", ret, json!({"r": id})).await;
    assert_ok(&body);
    assert_eq!(
        body["data"]["returnExplanation"]["canRecordViolation"],
        true
    );
    assert_error(
        &app.as_user("truong_c1", record, input.clone()).await,
        "FORBIDDEN",
    );
    let body = app.as_user("province_manager", record, input.clone()).await;
    assert_ok(&body);
    let r = &body["data"]["recordExplanationViolation"];
    assert_eq!(r["status"], "CLOSED");
    assert_eq!(r["violation"]["kind"], "DELAY");
    assert_eq!(r["violation"]["explanationRequestId"], id.as_str());
    assert!(
        r["closeNote"]
            .as_str()
            .is_some_and(|n| n.contains("vi phạm"))
    );
    let violation = r["violation"]["id"].clone();
    let listed = app
        .as_user(
            "province_manager",
            "query($u: ID) { violations(unitId: $u) { id explanationRequestId description } }",
            json!({"u": app.tree.commune.to_string()}),
        )
        .await;
    let list = listed["data"]["violations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(list.len(), 1, "{listed}");
    assert_eq!(list[0]["id"], violation);
    assert_eq!(list[0]["explanationRequestId"], id.as_str());
    // Once closed, it cannot be recorded again.
    assert_error(
        &app.as_user("province_manager", record, input).await,
        "CONFLICT",
    );
}

async fn a_manager_above_asks_by_hand_once_and_admins_edit_causes_and_settings(app: TestApp) {
    setup(&app).await;
    let ask = "mutation($i: RequestExplanationInput!) { requestExplanation(input: $i) { id status automatic requestedBy message dueOn trackStatus } }";
    let input = json!({"i": {"unitId": app.tree.commune.to_string(), "indicatorId": "1", "year": 2026, "month": 2, "message": "Đề nghị giải trình số liệu tháng 2"}});
    let indicators = app
        .as_user("admin", "{ indicators { id code } }", json!({}))
        .await;
    let indicator = indicators["data"]["indicators"]
        .as_array()
        .and_then(|l| l.iter().find(|i| i["code"] == "DIGITIZATION_RATE"))
        .map(|i| i["id"].clone())
        .unwrap_or_default();
    let mut input = input;
    input["i"]["indicatorId"] = indicator;
    assert_error(
        &app.as_user("truong_c1", ask, input.clone()).await,
        "FORBIDDEN",
    );
    assert_error(
        &app.as_user("officer", ask, input.clone()).await,
        "FORBIDDEN",
    );
    let mut this_month = input.clone();
    this_month["i"]["month"] = json!(3);
    let refused = app.as_user("province_manager", ask, this_month).await;
    assert_error(&refused, "VALIDATION");
    assert_eq!(
        refused["errors"][0]["extensions"]["field"], "month",
        "{refused}"
    );
    let body = app.as_user("province_manager", ask, input.clone()).await;
    assert_ok(&body);
    let r = &body["data"]["requestExplanation"];
    assert_eq!(r["status"], "OPEN");
    assert_eq!(r["automatic"], false);
    assert_eq!(r["requestedBy"], "Lãnh đạo đơn vị", "never the username");
    assert_eq!(r["dueOn"], "2026-03-09");
    assert_eq!(r["trackStatus"], "NO_DATA");
    assert_error(
        &app.as_user("province_manager", ask, input.clone()).await,
        "CONFLICT",
    );
    let mut past = input.clone();
    past["i"]["dueOn"] = json!("2026-03-01");
    past["i"]["unitId"] = json!(app.tree.other_commune.to_string());
    let body = app.as_user("province_manager", ask, past).await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("dueOn"));

    let set = "mutation($a: Boolean!, $d: Int!) { setExplanationSettings(includeAtRisk: $a, dueDays: $d) { includeAtRisk dueDays maxFileBytes maxRequestBytes } }";
    assert_error(
        &app.as_user("province_manager", set, json!({"a": true, "d": 10}))
            .await,
        "FORBIDDEN",
    );
    let bad = app.as_user("admin", set, json!({"a": true, "d": 0})).await;
    assert_error(&bad, "VALIDATION");
    assert_eq!(error_field(&bad), Some("dueDays"));
    let body = app.as_user("admin", set, json!({"a": true, "d": 10})).await;
    assert_ok(&body);
    let got = &body["data"]["setExplanationSettings"];
    assert_eq!(got["dueDays"], 10);
    assert_eq!(got["maxFileBytes"], 10 * 1024 * 1024);
    assert_eq!(got["maxRequestBytes"], 50 * 1024 * 1024);
    let read = app
        .as_user(
            "officer",
            "{ explanationSettings { includeAtRisk dueDays } }",
            json!({}),
        )
        .await;
    assert_eq!(read["data"]["explanationSettings"]["includeAtRisk"], true);
    assert_eq!(read["data"]["explanationSettings"]["dueDays"], 10);

    let create = "mutation { createExplanationCause(code: \"FLOOD\", name: \"Thiên tai, lũ lụt\") { id code name active } }";
    assert_error(
        &app.as_user("province_manager", create, json!({})).await,
        "FORBIDDEN",
    );
    let body = app.as_user("admin", create, json!({})).await;
    assert_ok(&body);
    assert_error(&app.as_user("admin", create, json!({})).await, "CONFLICT");
    let listed = app
        .as_user("officer", "{ explanationCauses { code } }", json!({}))
        .await;
    let codes: Vec<&str> = listed["data"]["explanationCauses"]
        .as_array()
        .map(|l| l.iter().filter_map(|c| c["code"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(codes.first(), Some(&"LOW_ONLINE"));
    assert_eq!(codes.last(), Some(&"FLOOD"));
}
