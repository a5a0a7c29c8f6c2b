//! The monthly cycle through the API, with the instance's clock set by each test: the
//! reporting calendar (defaults, a month moved for Tết, refused dates and callers),
//! timeliness (on time, late, missing, not yet due) of a month, of a unit's year and on the
//! scoreboard, the to-do list of an officer, a manager and a viewer, and users' e-mail
//! addresses and muted e-mails.

use crate::both_databases;
use crate::helpers::*;
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};
use shared::Role;
use shared::ids::UnitId;

both_databases!(
    deadlines_default_to_the_5th_and_10th_and_the_roots_admin_moves_them_for_tet,
    a_bad_deadline_or_a_caller_other_than_the_roots_admin_is_refused_and_changes_nothing,
    timeliness_tells_on_time_late_missing_and_not_yet_due_within_the_scope,
    a_units_year_and_the_scoreboard_show_the_share_of_months_submitted_on_time,
    an_officers_todo_lists_the_overdue_month_the_rejected_one_and_the_month_due,
    a_managers_todo_counts_the_months_waiting_per_unit_with_late_approvals_first,
    a_viewers_todo_shows_the_late_units_and_those_newly_off_track,
    users_set_their_own_email_and_admins_those_of_their_subtree_only,
    an_account_without_its_own_email_uses_its_staff_members,
    muted_mails_round_trip_for_the_caller_itself,
);

/// Stops the instance's clock at noon in Vietnam on the day.
fn at(app: &TestApp, y: i32, m: u32, d: u32) {
    let instant = Utc
        .with_ymd_and_hms(y, m, d, 5, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("no such day {y}-{m}-{d}"));
    app.db.clock().set(instant);
}

/// Saves RECEIVED (and DIGITIZED) for a month of 2026 as admin.
async fn save(app: &TestApp, unit: UnitId, month: i32, received: i64, digitized: i64) {
    let body = app
        .save_month(
            "admin",
            unit,
            2026,
            month,
            &[("RECEIVED", received), ("DIGITIZED", digitized)],
            None,
        )
        .await;
    assert_ok(&body);
}

/// Runs a workflow action on a month of 2026 as `user`.
async fn act(app: &TestApp, user: &str, action: &str, unit: UnitId, month: i32) {
    let query = match action {
        "reject" => format!(
            "mutation($u: ID!, $m: Int!) {{ {action}MonthlyReport(unitId: $u, year: 2026, month: $m, comment: \"Thiếu số hồ sơ tiếp nhận\") {{ status }} }}"
        ),
        _ => format!(
            "mutation($u: ID!, $m: Int!) {{ {action}MonthlyReport(unitId: $u, year: 2026, month: $m) {{ status }} }}"
        ),
    };
    let body = app
        .as_user(user, &query, json!({"u": unit.to_string(), "m": month}))
        .await;
    assert_ok(&body);
}

const DEADLINES: &str =
    "query($y: Int!) { reportingDeadlines(year: $y) { year month dueOn approveBy moved } }";
const SET_DEADLINE: &str = "mutation($y: Int!, $m: Int!, $d: Date!, $a: Date!) { setReportingDeadline(year: $y, month: $m, dueOn: $d, approveBy: $a) { year month dueOn approveBy moved } }";

async fn deadlines(app: &TestApp, user: &str, year: i32) -> Vec<Value> {
    let body = app.as_user(user, DEADLINES, json!({"y": year})).await;
    assert_ok(&body);
    body["data"]["reportingDeadlines"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

async fn deadlines_default_to_the_5th_and_10th_and_the_roots_admin_moves_them_for_tet(
    app: TestApp,
) {
    let months = deadlines(&app, "viewer", 2026).await;
    assert_eq!(months.len(), 12);
    assert_eq!(
        months[0],
        json!({"year": 2026, "month": 1, "dueOn": "2026-02-05", "approveBy": "2026-02-10", "moved": false})
    );
    assert_eq!(months[11]["dueOn"], "2027-01-05");
    // Tết 2026 falls on 17 February: January's figures are due after the holiday.
    let body = app
        .as_user(
            "admin",
            SET_DEADLINE,
            json!({"y": 2026, "m": 1, "d": "2026-02-24", "a": "2026-02-27"}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(
        body["data"]["setReportingDeadline"],
        json!({"year": 2026, "month": 1, "dueOn": "2026-02-24", "approveBy": "2026-02-27", "moved": true})
    );
    let months = deadlines(&app, "officer", 2026).await;
    assert_eq!(months[0]["dueOn"], "2026-02-24");
    assert_eq!(months[0]["moved"], true);
    assert_eq!(months[1]["dueOn"], "2026-03-05");
    assert_eq!(months[1]["moved"], false);
    // Set again: replaced, not added.
    let body = app
        .as_user(
            "admin",
            SET_DEADLINE,
            json!({"y": 2026, "m": 1, "d": "2026-02-25", "a": "2026-02-27"}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(
        deadlines(&app, "manager", 2026).await[0]["dueOn"],
        "2026-02-25"
    );
    // An API token reads the calendar too.
    let token = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createApiToken(name: \"Cổng\", unitId: $u) { token } }",
            json!({"u": app.tree.commune.to_string()}),
        )
        .await;
    let token = token["data"]["createApiToken"]["token"].as_str().unwrap();
    let body = app.gql(Some(token), DEADLINES, json!({"y": 2026})).await;
    assert_ok(&body);
    assert_eq!(body["data"]["reportingDeadlines"][0]["dueOn"], "2026-02-25");
    // Both changes are in the audit log.
    let log = app
        .as_user(
            "admin",
            "{ auditLog(entity: \"reportingDeadline\", limit: 10) { action entityId before after } }",
            json!({}),
        )
        .await;
    let entries = log["data"]["auditLog"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(entries.len(), 2, "{log}");
    assert!(
        entries
            .iter()
            .all(|e| e["action"] == "setReportingDeadline" && e["entityId"] == "2026-01")
    );
    // Anonymous callers are not told.
    let body = app.gql(None, DEADLINES, json!({"y": 2026})).await;
    assert_error(&body, "UNAUTHENTICATED");
}

async fn a_bad_deadline_or_a_caller_other_than_the_roots_admin_is_refused_and_changes_nothing(
    app: TestApp,
) {
    app.add_account("admin_d1", Role::Admin, app.tree.department)
        .await;
    let before = deadlines(&app, "admin", 2026).await;
    let cases = [
        // Due before March has ended.
        (
            json!({"y": 2026, "m": 3, "d": "2026-03-31", "a": "2026-04-10"}),
            "dueOn",
        ),
        // Approval before the submission deadline.
        (
            json!({"y": 2026, "m": 3, "d": "2026-04-08", "a": "2026-04-07"}),
            "approveBy",
        ),
        // More than a year later.
        (
            json!({"y": 2026, "m": 3, "d": "2027-06-01", "a": "2027-06-01"}),
            "approveBy",
        ),
        (
            json!({"y": 2026, "m": 13, "d": "2027-02-05", "a": "2027-02-10"}),
            "month",
        ),
        (
            json!({"y": 1999, "m": 1, "d": "1999-02-05", "a": "1999-02-10"}),
            "year",
        ),
    ];
    for (vars, field) in cases {
        let body = app.as_user("admin", SET_DEADLINE, vars.clone()).await;
        assert_error(&body, "VALIDATION");
        assert_eq!(error_field(&body), Some(field), "{vars}: {body}");
        assert!(body["data"].is_null() || body["data"]["setReportingDeadline"].is_null());
    }
    // The message of a refused date is Vietnamese.
    let body = app
        .as_user(
            "admin",
            SET_DEADLINE,
            json!({"y": 2026, "m": 3, "d": "2026-04-08", "a": "2026-04-07"}),
        )
        .await;
    assert_eq!(
        body["errors"][0]["message"],
        "hạn duyệt không được trước hạn nộp"
    );
    let good = json!({"y": 2026, "m": 3, "d": "2026-04-08", "a": "2026-04-12"});
    for user in [
        "admin_d1",
        "province_manager",
        "manager",
        "officer",
        "viewer",
    ] {
        let body = app.as_user(user, SET_DEADLINE, good.clone()).await;
        assert_error(&body, "FORBIDDEN");
    }
    assert_eq!(deadlines(&app, "admin", 2026).await, before);
}

const TIMELINESS: &str = "query($y: Int!, $m: Int!, $p: ID) { timeliness(year: $y, month: $m, parentId: $p) { unit { code } year month dueOn submittedAt onTime daysLate } }";

/// `timeliness` as `user`, by unit code.
async fn timeliness(
    app: &TestApp,
    user: &str,
    month: i32,
    parent: Option<UnitId>,
) -> Vec<(String, Value)> {
    let vars = json!({"y": 2026, "m": month, "p": parent.map(|p| p.to_string())});
    let body = app.as_user(user, TIMELINESS, vars).await;
    assert_ok(&body);
    body["data"]["timeliness"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|r| (r["unit"]["code"].as_str().unwrap_or("?").to_owned(), r))
        .collect()
}

/// C1 (its officer), C2 and D1.1 (their targets) owe the months of 2026; T and D1 do not.
/// March: C1 submits on 3 April (on time), C2 on 6 April (a day late), D1.1 never.
async fn march_submitted_on_time_late_and_never(app: &TestApp) {
    let t = app.tree.clone();
    let decision = app.decision("12/QĐ-UBND", 2026).await;
    for unit in [t.other_commune, t.division] {
        set_target(app, &decision, unit, "DIGITIZATION_RATE", 80.0, None).await;
    }
    at(app, 2026, 4, 3);
    save(app, t.commune, 3, 100, 90).await;
    act(app, "officer", "submit", t.commune, 3).await;
    at(app, 2026, 4, 6);
    save(app, t.other_commune, 3, 100, 90).await;
    act(app, "admin", "submit", t.other_commune, 3).await;
    // A rejection and a second submission keep the first one.
    act(app, "admin", "reject", t.commune, 3).await;
    act(app, "officer", "submit", t.commune, 3).await;
    save(app, t.division, 3, 10, 1).await;
    at(app, 2026, 4, 7);
}

async fn timeliness_tells_on_time_late_missing_and_not_yet_due_within_the_scope(app: TestApp) {
    march_submitted_on_time_late_and_never(&app).await;
    let rows = timeliness(&app, "viewer", 3, None).await;
    let codes: Vec<&str> = rows.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes.len(), 3, "{rows:?}");
    for code in ["C1", "C2", "D1.1"] {
        assert!(codes.contains(&code), "{code} owes March: {rows:?}");
    }
    let row = |code: &str| {
        rows.iter()
            .find(|(c, _)| c == code)
            .map(|(_, r)| r.clone())
            .unwrap_or_default()
    };
    let c1 = row("C1");
    assert_eq!(c1["dueOn"], "2026-04-05");
    assert_eq!(c1["submittedAt"], "2026-04-03T05:00:00+00:00");
    assert_eq!(
        (c1["onTime"].clone(), c1["daysLate"].clone()),
        (json!(true), json!(0))
    );
    let c2 = row("C2");
    assert_eq!(
        (c2["onTime"].clone(), c2["daysLate"].clone()),
        (json!(false), json!(1))
    );
    let d11 = row("D1.1");
    assert!(d11["submittedAt"].is_null());
    assert_eq!(
        (d11["onTime"].clone(), d11["daysLate"].clone()),
        (json!(false), json!(2))
    );
    // April has not ended: nobody is late yet.
    let april = timeliness(&app, "admin", 4, None).await;
    assert_eq!(april.len(), 3);
    for (code, r) in &april {
        assert!(r["onTime"].is_null(), "{code}: {r}");
        assert_eq!(r["daysLate"], 0, "{code}: {r}");
    }
    // Under D1 only D1.1; a manager of D1 sees only its subtree, and not C1's.
    let under = timeliness(&app, "admin", 3, Some(app.tree.department)).await;
    assert_eq!(under.len(), 1);
    assert_eq!(under[0].0, "D1.1");
    let mine = timeliness(&app, "manager", 3, None).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].0, "D1.1");
    let body = app
        .as_user(
            "manager",
            TIMELINESS,
            json!({"y": 2026, "m": 3, "p": app.tree.commune.to_string()}),
        )
        .await;
    assert_error(&body, "NOT_FOUND");
    let body = app
        .as_user("admin", TIMELINESS, json!({"y": 2026, "m": 0}))
        .await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("month"));
}

const UNIT_YEAR: &str =
    "query($u: ID!) { unitTimeliness(unitId: $u, year: 2026) { month dueOn onTime daysLate } }";

async fn a_units_year_and_the_scoreboard_show_the_share_of_months_submitted_on_time(app: TestApp) {
    march_submitted_on_time_late_and_never(&app).await;
    let t = app.tree.clone();
    // On 7 April C1 owed January, February and March: two never submitted, March on time.
    let body = app
        .as_user("officer", UNIT_YEAR, json!({"u": t.commune.to_string()}))
        .await;
    assert_ok(&body);
    let months = body["data"]["unitTimeliness"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let got: Vec<(i64, bool)> = months
        .iter()
        .map(|m| (m["month"].as_i64().unwrap_or(0), m["onTime"] == true))
        .collect();
    assert_eq!(got, vec![(1, false), (2, false), (3, true)]);
    assert_eq!(months[0]["daysLate"], 61, "{months:?}");
    // Outside the officer's scope: not found.
    let body = app
        .as_user(
            "officer",
            UNIT_YEAR,
            json!({"u": t.other_commune.to_string()}),
        )
        .await;
    assert_error(&body, "NOT_FOUND");
    let board = |period: Value| {
        let app = &app;
        async move {
            let body = app
                .as_user(
                    "admin",
                    "query($p: PeriodInput!) { scoreboard(period: $p) { unit { code } timelinessRate score } }",
                    json!({"p": period}),
                )
                .await;
            assert_ok(&body);
            body["data"]["scoreboard"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|r| {
                    (
                        r["unit"]["code"].as_str().unwrap_or("?").to_owned(),
                        r["timelinessRate"].clone(),
                    )
                })
                .collect::<std::collections::HashMap<String, Value>>()
        }
    };
    let march = board(json!({"year": 2026, "kind": "MONTH", "index": 3})).await;
    assert_eq!(march["C1"], json!(100.0));
    assert_eq!(march["C2"], json!(0.0));
    assert_eq!(march["D1.1"], json!(0.0));
    // T and D1 owe nothing: no rate.
    assert!(march["T"].is_null() && march["D1"].is_null(), "{march:?}");
    let quarter = board(json!({"year": 2026, "kind": "QUARTER", "index": 1})).await;
    let c1 = quarter["C1"].as_f64().unwrap_or(-1.0);
    assert!((c1 - 100.0 / 3.0).abs() < 1e-9, "{quarter:?}");
    // The second quarter has not ended: nothing due yet.
    let q2 = board(json!({"year": 2026, "kind": "QUARTER", "index": 2})).await;
    assert!(q2["C1"].is_null(), "{q2:?}");
}

const TODO: &str =
    "{ todo { kind unit { code } year month indicator { code } dueOn daysOverdue count comment } }";

async fn todo(app: &TestApp, user: &str) -> Vec<Value> {
    let body = app.as_user(user, TODO, json!({})).await;
    assert_ok(&body);
    body["data"]["todo"].as_array().cloned().unwrap_or_default()
}

/// (kind, unit code, month, days overdue, count) of each item.
fn summary(items: &[Value]) -> Vec<(String, String, i64, i64, i64)> {
    items
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().unwrap_or("?").to_owned(),
                i["unit"]["code"].as_str().unwrap_or("?").to_owned(),
                i["month"].as_i64().unwrap_or(0),
                i["daysOverdue"].as_i64().unwrap_or(-1),
                i["count"].as_i64().unwrap_or(-1),
            )
        })
        .collect()
}

fn item(
    kind: &str,
    unit: &str,
    month: i64,
    days: i64,
    count: i64,
) -> (String, String, i64, i64, i64) {
    (kind.to_owned(), unit.to_owned(), month, days, count)
}

async fn an_officers_todo_lists_the_overdue_month_the_rejected_one_and_the_month_due(app: TestApp) {
    let c1 = app.tree.commune;
    at(&app, 2026, 2, 3);
    save(&app, c1, 1, 100, 50).await;
    act(&app, "officer", "submit", c1, 1).await;
    act(&app, "admin", "reject", c1, 1).await;
    // On 3 April: January sent back, February past its deadline, March due on the 5th.
    at(&app, 2026, 4, 3);
    let items = todo(&app, "officer").await;
    assert_eq!(
        summary(&items),
        vec![
            item("REPORT_OVERDUE", "C1", 2, 29, 1),
            item("REPORT_REJECTED", "C1", 1, 57, 1),
            item("REPORT_DUE", "C1", 3, 0, 1),
        ]
    );
    assert_eq!(items[0]["dueOn"], "2026-03-05");
    assert_eq!(items[1]["comment"], "Thiếu số hồ sơ tiếp nhận");
    assert_eq!(items[2]["dueOn"], "2026-04-05");
    assert!(items[0]["comment"].is_null() && items[0]["indicator"].is_null());
    // Once March is submitted it leaves the list; after the 5th nothing is due any more.
    save(&app, c1, 3, 100, 60).await;
    act(&app, "officer", "submit", c1, 3).await;
    let kinds: Vec<String> = summary(&todo(&app, "officer").await)
        .into_iter()
        .map(|i| i.0)
        .collect();
    assert_eq!(kinds, vec!["REPORT_OVERDUE", "REPORT_REJECTED"]);
}

async fn a_managers_todo_counts_the_months_waiting_per_unit_with_late_approvals_first(
    app: TestApp,
) {
    let t = app.tree.clone();
    at(&app, 2026, 2, 3);
    for month in 1..=3 {
        save(&app, t.division, month, 10, 5).await;
        act(&app, "admin", "submit", t.division, month).await;
    }
    save(&app, t.commune, 3, 10, 5).await;
    act(&app, "officer", "submit", t.commune, 3).await;
    // On 7 April January (approve by 10/02) and February (10/03) are late, March waits.
    at(&app, 2026, 4, 7);
    let items = todo(&app, "manager").await;
    assert_eq!(
        summary(&items),
        vec![
            item("APPROVAL_OVERDUE", "D1.1", 1, 56, 2),
            item("APPROVAL_PENDING", "D1.1", 3, 0, 1),
        ]
    );
    assert_eq!(items[0]["dueOn"], "2026-02-10");
    assert_eq!(items[1]["dueOn"], "2026-04-10");
    // The province's manager approves both units below it; ties in unit order (D1.1
    // was created before C1).
    let all = summary(&todo(&app, "province_manager").await);
    assert_eq!(
        all,
        vec![
            item("APPROVAL_OVERDUE", "D1.1", 1, 56, 2),
            item("APPROVAL_PENDING", "D1.1", 3, 0, 1),
            item("APPROVAL_PENDING", "C1", 3, 0, 1),
        ]
    );
    assert_eq!(summary(&todo(&app, "admin").await), all);
    // Approved, the months leave the list.
    for month in 1..=3 {
        act(&app, "manager", "approve", t.division, month).await;
    }
    assert!(todo(&app, "manager").await.is_empty());
    // The officer approves nothing.
    let officer = summary(&todo(&app, "officer").await);
    assert!(
        officer.iter().all(|i| i.0.starts_with("REPORT_")),
        "{officer:?}"
    );
}

async fn a_viewers_todo_shows_the_late_units_and_those_newly_off_track(app: TestApp) {
    let t = app.tree.clone();
    let decision = app.decision("12/QĐ-UBND", 2026).await;
    for unit in [t.commune, t.other_commune, t.division] {
        set_target(&app, &decision, unit, "DIGITIZATION_RATE", 80.0, None).await;
    }
    at(&app, 2026, 2, 3);
    // C1: 90 % in January, 10 % in February: 50 % to date, newly off track. C2: 50 % both
    // months, off track since January. D1.1 reports nothing.
    for (unit, month, digitized) in [
        (t.commune, 1, 90),
        (t.commune, 2, 10),
        (t.other_commune, 1, 50),
        (t.other_commune, 2, 50),
    ] {
        save(&app, unit, month, 100, digitized).await;
        act(&app, "admin", "submit", unit, month).await;
        act(&app, "admin", "approve", unit, month).await;
    }
    at(&app, 2026, 3, 12);
    let items = todo(&app, "viewer").await;
    assert_eq!(
        summary(&items),
        vec![
            item("REPORT_OVERDUE", "D1.1", 1, 35, 1),
            item("REPORT_OVERDUE", "D1.1", 2, 7, 1),
            item("OFF_TRACK", "C1", 2, 0, 1),
        ]
    );
    assert_eq!(items[2]["indicator"]["code"], "DIGITIZATION_RATE");
    assert!(items[2]["dueOn"].is_null());
    // The province's manager sees who fell off track too, with no report items.
    let manager = summary(&todo(&app, "province_manager").await);
    assert_eq!(manager, vec![item("OFF_TRACK", "C1", 2, 0, 1)]);
    // A manager of D1 has neither C1 nor anything waiting.
    assert!(todo(&app, "manager").await.is_empty());
    // March brings C1 back on track (1,100 of 1,200 to date): no longer newly off track.
    at(&app, 2026, 4, 2);
    save(&app, t.commune, 3, 1000, 1000).await;
    act(&app, "admin", "submit", t.commune, 3).await;
    act(&app, "admin", "approve", t.commune, 3).await;
    let kinds: Vec<String> = summary(&todo(&app, "viewer").await)
        .into_iter()
        .filter(|i| i.0 == "OFF_TRACK")
        .map(|i| i.1)
        .collect();
    assert!(kinds.is_empty(), "{kinds:?}");
}

const SET_EMAIL: &str = "mutation($u: ID!, $e: String) { setUserEmail(userId: $u, email: $e) { id email effectiveEmail } }";
const ME: &str = "{ me { id email effectiveEmail mutedMails } }";

async fn me(app: &TestApp, user: &str) -> Value {
    let body = app.as_user(user, ME, json!({})).await;
    assert_ok(&body);
    body["data"]["me"].clone()
}

async fn users_set_their_own_email_and_admins_those_of_their_subtree_only(app: TestApp) {
    let officer = me(&app, "officer").await;
    let id = officer["id"].clone();
    assert!(officer["email"].is_null() && officer["effectiveEmail"].is_null());
    // The officer sets its own.
    let body = app
        .as_user(
            "officer",
            SET_EMAIL,
            json!({"u": id, "e": " can.bo@xamot.gov.vn "}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(body["data"]["setUserEmail"]["email"], "can.bo@xamot.gov.vn");
    assert_eq!(
        me(&app, "officer").await["effectiveEmail"],
        "can.bo@xamot.gov.vn"
    );
    // The province's ADMIN changes it.
    let body = app
        .as_user(
            "admin",
            SET_EMAIL,
            json!({"u": id, "e": "mot.cua@xamot.gov.vn"}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(me(&app, "officer").await["email"], "mot.cua@xamot.gov.vn");
    // An ADMIN of D1 may not touch an account of C1; a manager no account but its own.
    app.add_account("admin_d1", Role::Admin, app.tree.department)
        .await;
    for user in ["admin_d1", "manager", "viewer"] {
        let body = app
            .as_user(user, SET_EMAIL, json!({"u": id, "e": "ke.la@example.vn"}))
            .await;
        assert_error(&body, "FORBIDDEN");
    }
    // …but the ADMIN of D1 sets the e-mail of D1's manager.
    let manager_id = me(&app, "manager").await["id"].clone();
    let body = app
        .as_user(
            "admin_d1",
            SET_EMAIL,
            json!({"u": manager_id, "e": "giam.doc@so1.gov.vn"}),
        )
        .await;
    assert_ok(&body);
    // Malformed addresses are refused with a Vietnamese message and change nothing.
    for bad in ["khong-phai-email", "a@b", "hai@@x.vn", "có dấu@x.vn"] {
        let body = app
            .as_user("officer", SET_EMAIL, json!({"u": id, "e": bad}))
            .await;
        assert_error(&body, "VALIDATION");
        assert_eq!(error_field(&body), Some("email"), "{bad}: {body}");
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains("không hợp lệ"), "{bad}: {message}");
    }
    assert_eq!(me(&app, "officer").await["email"], "mot.cua@xamot.gov.vn");
    // Null clears it.
    let body = app
        .as_user("officer", SET_EMAIL, json!({"u": id, "e": null}))
        .await;
    assert_ok(&body);
    assert!(me(&app, "officer").await["email"].is_null());
    // Every change is audited.
    let log = app
        .as_user(
            "admin",
            "{ auditLog(entity: \"user\", limit: 50) { action } }",
            json!({}),
        )
        .await;
    let changes = log["data"]["auditLog"]
        .as_array()
        .map(|l| l.iter().filter(|e| e["action"] == "setUserEmail").count());
    assert_eq!(changes, Some(4), "{log}");
}

async fn an_account_without_its_own_email_uses_its_staff_members(app: TestApp) {
    let c1 = app.tree.commune.to_string();
    let staff = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createStaff(input: {unitId: $u, fullName: \"Lê Văn C\", position: \"Công chức\", email: \"le.van.c@xamot.gov.vn\"}) { id } }",
            json!({"u": c1}),
        )
        .await;
    let staff_id = staff["data"]["createStaff"]["id"].clone();
    assert!(staff_id.is_string(), "{staff}");
    const CREATE: &str =
        "mutation($i: CreateUserInput!) { createUser(input: $i) { id email effectiveEmail } }";
    let linked = app
        .as_user(
            "admin",
            CREATE,
            json!({"i": {"username": "le_van_c", "password": "mot-mat-khau-dai", "role": "OFFICER", "unitId": c1, "staffId": staff_id}}),
        )
        .await;
    assert_ok(&linked);
    let user = &linked["data"]["createUser"];
    assert!(user["email"].is_null());
    assert_eq!(user["effectiveEmail"], "le.van.c@xamot.gov.vn");
    // Its own address comes first.
    let own = app
        .as_user(
            "admin",
            CREATE,
            json!({"i": {"username": "le_van_d", "password": "mot-mat-khau-dai", "role": "OFFICER", "unitId": c1, "staffId": staff_id, "email": "rieng@xamot.gov.vn"}}),
        )
        .await;
    assert_ok(&own);
    assert_eq!(
        own["data"]["createUser"]["effectiveEmail"],
        "rieng@xamot.gov.vn"
    );
    // A malformed address creates nothing.
    let bad = app
        .as_user(
            "admin",
            CREATE,
            json!({"i": {"username": "le_van_e", "password": "mot-mat-khau-dai", "role": "OFFICER", "unitId": c1, "email": "sai"}}),
        )
        .await;
    assert_error(&bad, "VALIDATION");
    assert_eq!(error_field(&bad), Some("email"));
    assert!(app.login("le_van_e", "mot-mat-khau-dai").await["data"]["login"].is_null());
}

async fn muted_mails_round_trip_for_the_caller_itself(app: TestApp) {
    const SET: &str = "mutation($k: [MailKind!]!) { setMutedMails(kinds: $k) { mutedMails } }";
    assert_eq!(me(&app, "viewer").await["mutedMails"], json!([]));
    let body = app
        .as_user(
            "viewer",
            SET,
            json!({"k": ["DIGEST", "REMINDER", "DIGEST"]}),
        )
        .await;
    assert_ok(&body);
    assert_eq!(
        body["data"]["setMutedMails"]["mutedMails"],
        json!(["REMINDER", "DIGEST"])
    );
    assert_eq!(
        me(&app, "viewer").await["mutedMails"],
        json!(["REMINDER", "DIGEST"])
    );
    // Another user's list is untouched.
    assert_eq!(me(&app, "officer").await["mutedMails"], json!([]));
    let body = app.as_user("viewer", SET, json!({"k": []})).await;
    assert_ok(&body);
    assert_eq!(me(&app, "viewer").await["mutedMails"], json!([]));
    let body = app.as_user("viewer", SET, json!({"k": ["LOUD"]})).await;
    assert!(body["errors"].is_array(), "{body}");
}
