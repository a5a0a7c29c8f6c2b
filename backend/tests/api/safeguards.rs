//! Safeguards on what cannot be undone: editing a target keeps, rescales or clears its
//! roadmap as asked (never silently); a ranking is previewed before it is published, an
//! empty period is refused unless confirmed, and a published ranking is withdrawn with a
//! reason — audited, its frozen rows kept, hidden from everyone but ADMINs.

use crate::both_databases;
use crate::helpers::*;
use serde_json::{Value, json};
use shared::ids::UnitId;

both_databases!(
    editing_a_target_keeps_rescales_or_clears_its_roadmap_as_asked,
    keeping_a_roadmap_that_no_longer_fits_is_refused_and_changes_nothing,
    a_count_roadmap_rescales_in_proportion_and_ends_at_the_new_target,
    a_preview_shows_what_would_be_frozen_and_warns_of_an_empty_period,
    publishing_an_empty_period_is_refused_unless_confirmed,
    a_withdrawn_ranking_keeps_its_frozen_rows_and_is_hidden_from_viewers,
);

#[track_caller]
fn ok(body: Value) -> Value {
    assert_ok(&body);
    body
}

fn message(body: &Value) -> String {
    body["errors"][0]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("no error message in {body}"))
        .to_owned()
}

const TARGET_FIELDS: &str = "id value baseline version milestones { grain index value }";

/// Edits a target's value (and baseline) as admin with the roadmap choice (none: absent).
async fn edit(
    app: &TestApp,
    decision: &str,
    unit: UnitId,
    (code, value, baseline): (&str, f64, Option<f64>),
    roadmap: Option<&str>,
) -> Value {
    app.as_user(
        "admin",
        &format!(
            "mutation($d: ID!, $u: ID!, $c: String!, $v: Float!, $b: Float, $r: RoadmapOnEdit) {{
               setTarget(input: {{decisionId: $d, unitId: $u, indicatorCode: $c, value: $v, baseline: $b, roadmap: $r}}) {{ {TARGET_FIELDS} }} }}"
        ),
        json!({"d": decision, "u": unit.to_string(), "c": code, "v": value, "b": baseline, "r": roadmap}),
    )
    .await
}

async fn split(app: &TestApp, target: &str, method: &str, values: Option<&[f64]>) -> Value {
    let body = ok(app
        .as_user(
            "admin",
            "mutation($t: ID!, $m: SplitMethod!, $v: [Float!]) {
               splitTarget(targetId: $t, method: $m, grain: QUARTER, values: $v) { milestones { value } } }",
            json!({"t": target, "m": method, "v": values}),
        )
        .await);
    body["data"]["splitTarget"]["milestones"].clone()
}

/// The milestone values of a target answer.
fn values(target: &Value) -> Vec<f64> {
    target["milestones"]
        .as_array()
        .unwrap_or_else(|| panic!("milestones: {target}"))
        .iter()
        .map(|m| m["value"].as_f64().expect("a value"))
        .collect()
}

#[track_caller]
fn assert_values(got: &[f64], expected: &[f64]) {
    assert_eq!(got.len(), expected.len(), "{got:?} vs {expected:?}");
    for (g, e) in got.iter().zip(expected) {
        assert!((g - e).abs() < 0.005, "{got:?} vs {expected:?}");
    }
}

async fn the_target(app: &TestApp, unit: UnitId, code: &str) -> Value {
    let body = ok(app
        .as_user(
            "admin",
            &format!(
                "query($u: ID, $c: String) {{ targets(year: 2023, unitId: $u, indicatorCode: $c) {{ {TARGET_FIELDS} }} }}"
            ),
            json!({"u": unit.to_string(), "c": code}),
        )
        .await);
    body["data"]["targets"][0].clone()
}

const LOG: &str = "query($e: String, $i: String) { auditLog(entity: $e, entityId: $i) { action actor { username } before after } }";

/// The newest audit entry of (entity, id): its action, `before` and `after` parsed.
async fn latest_audit(app: &TestApp, entity: &str, id: &str) -> (String, Value, Value) {
    let body = ok(app
        .as_user("admin", LOG, json!({"e": entity, "i": id}))
        .await);
    let e = &body["data"]["auditLog"][0];
    let parse = |side: &str| match e[side].as_str() {
        Some(s) => serde_json::from_str(s).expect("JSON"),
        None => Value::Null,
    };
    let action = e["action"].as_str().unwrap_or_default().to_owned();
    (action, parse("before"), parse("after"))
}

async fn editing_a_target_keeps_rescales_or_clears_its_roadmap_as_asked(app: TestApp) {
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let c1 = app.tree.commune;
    let code = "FULL_ONLINE_RATE";
    let id = set_target(&app, &decision, c1, code, 60.0, Some(30.0)).await;
    split(&app, &id, "LINEAR", None).await;

    // RESCALE: the rise above the baseline (30 %) is stretched to the new 66 %.
    let body = ok(edit(
        &app,
        &decision,
        c1,
        (code, 66.0, Some(30.0)),
        Some("RESCALE"),
    )
    .await);
    let t = &body["data"]["setTarget"];
    assert_values(&values(t), &[39.0, 48.0, 57.0, 66.0]);
    assert_eq!(t["milestones"][0]["grain"], "QUARTER");
    let (action, before, after) = latest_audit(&app, "target", &id).await;
    assert_eq!(action, "setTarget");
    assert_eq!(
        before["milestones"],
        json!([37.5, 45.0, 52.5, 60.0]),
        "{before}"
    );
    assert_eq!(
        after["milestones"],
        json!([39.0, 48.0, 57.0, 66.0]),
        "{after}"
    );
    assert_eq!(after["roadmap"], "RESCALE", "{after}");

    // KEEP: the milestones stay as they are (all below the new value).
    let body = ok(edit(&app, &decision, c1, (code, 70.0, Some(30.0)), Some("KEEP")).await);
    assert_values(
        &values(&body["data"]["setTarget"]),
        &[39.0, 48.0, 57.0, 66.0],
    );
    assert_eq!(body["data"]["setTarget"]["value"], 70.0);

    // An edit that changes neither value nor baseline leaves the roadmap whatever is asked.
    let body = ok(edit(&app, &decision, c1, (code, 70.0, Some(30.0)), Some("CLEAR")).await);
    assert_values(
        &values(&body["data"]["setTarget"]),
        &[39.0, 48.0, 57.0, 66.0],
    );

    // CLEAR: no roadmap until the target is split again.
    let body = ok(edit(&app, &decision, c1, (code, 75.0, Some(30.0)), Some("CLEAR")).await);
    assert!(values(&body["data"]["setTarget"]).is_empty());
    let (_, before, after) = latest_audit(&app, "target", &id).await;
    assert_eq!(before["milestones"], json!([39.0, 48.0, 57.0, 66.0]));
    assert_eq!(after["milestones"], json!([]));
    assert_eq!(after["roadmap"], "CLEAR");

    // Without a choice a changed value clears the roadmap, as it always did.
    split(&app, &id, "LINEAR", None).await;
    let body = ok(edit(&app, &decision, c1, (code, 80.0, Some(30.0)), None).await);
    assert!(values(&body["data"]["setTarget"]).is_empty());
}

async fn keeping_a_roadmap_that_no_longer_fits_is_refused_and_changes_nothing(app: TestApp) {
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let c1 = app.tree.commune;
    let code = "FULL_ONLINE_RATE";
    let id = set_target(&app, &decision, c1, code, 60.0, Some(30.0)).await;
    split(&app, &id, "LINEAR", None).await;
    let before = the_target(&app, c1, code).await;

    // 50 % is below the third milestone (52,5 %): keeping them would break the roadmap.
    let body = edit(&app, &decision, c1, (code, 50.0, Some(30.0)), Some("KEEP")).await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("roadmap"));
    let m = message(&body);
    assert!(
        m.contains("Mốc 3 của lộ trình (52,5) cao hơn chỉ tiêu mới (50)"),
        "{m}"
    );
    assert!(m.contains("hãy chọn co giãn"), "{m}");
    // Nothing changed: value, version and milestones.
    assert_eq!(the_target(&app, c1, code).await, before);
    let (action, _, _) = latest_audit(&app, "target", &id).await;
    assert_eq!(action, "splitTarget");

    // An unknown choice is refused by the schema.
    let body = edit(
        &app,
        &decision,
        c1,
        (code, 50.0, Some(30.0)),
        Some("SHRINK"),
    )
    .await;
    assert!(body["errors"].is_array(), "{body}");
    assert_eq!(the_target(&app, c1, code).await, before);
}

async fn a_count_roadmap_rescales_in_proportion_and_ends_at_the_new_target(app: TestApp) {
    ok(app
        .as_user(
            "admin",
            "mutation { createIndicator(input: {code: \"DOSSIERS\", group: \"SETTLEMENT\", name: \"Số hồ sơ tiếp nhận\", kind: COUNT, numeratorCode: \"RECEIVED\", points: 5}) { code } }",
            json!({}),
        )
        .await);
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    let c1 = app.tree.commune;
    let id = set_target(&app, &decision, c1, "DOSSIERS", 1000.0, None).await;
    split(&app, &id, "MANUAL", Some(&[100.0, 400.0, 700.0, 1000.0])).await;

    // A count's last milestone is the target: keeping 1 000 under 1 200 is refused.
    let body = edit(
        &app,
        &decision,
        c1,
        ("DOSSIERS", 1200.0, None),
        Some("KEEP"),
    )
    .await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("roadmap"));
    assert!(
        message(&body).contains("Mốc cuối của lộ trình (1.000)"),
        "{body}"
    );

    // RESCALE: × 1,2 and rounded up, ending at 1 200.
    let body = ok(edit(
        &app,
        &decision,
        c1,
        ("DOSSIERS", 1200.0, None),
        Some("RESCALE"),
    )
    .await);
    assert_values(
        &values(&body["data"]["setTarget"]),
        &[120.0, 480.0, 840.0, 1200.0],
    );
    // Down to 1 000 again: 100, 400, 700, 1 000; then to 7: rounded up, never above 7.
    let body = ok(edit(
        &app,
        &decision,
        c1,
        ("DOSSIERS", 1000.0, None),
        Some("RESCALE"),
    )
    .await);
    assert_values(
        &values(&body["data"]["setTarget"]),
        &[100.0, 400.0, 700.0, 1000.0],
    );
    let body = ok(edit(
        &app,
        &decision,
        c1,
        ("DOSSIERS", 7.0, None),
        Some("RESCALE"),
    )
    .await);
    assert_values(&values(&body["data"]["setTarget"]), &[1.0, 3.0, 5.0, 7.0]);
}

fn october_2026() -> Value {
    json!({"year": 2026, "kind": "MONTH", "index": 10})
}

fn february_2023() -> Value {
    json!({"year": 2023, "kind": "MONTH", "index": 2})
}

/// Approved February 2023 figures of commune C1: a FULL_ONLINE_RATE of 80 %.
async fn approved_february(app: &TestApp) {
    let c1 = app.tree.commune;
    ok(app
        .save_month(
            "admin",
            c1,
            2023,
            2,
            &[("RECEIVED", 100), ("FULL_ONLINE", 80)],
            None,
        )
        .await);
    for (user, m) in [
        ("admin", "submitMonthlyReport"),
        ("province_manager", "approveMonthlyReport"),
    ] {
        ok(app
            .as_user(
                user,
                &format!(
                    "mutation($u: ID!) {{ {m}(unitId: $u, year: 2023, month: 2) {{ status }} }}"
                ),
                json!({"u": c1.to_string()}),
            )
            .await);
    }
}

async fn preview(app: &TestApp, user: &str, period: Value) -> Value {
    app.as_user(
        user,
        "query($p: PeriodInput!) { rankingPreview(period: $p, kind: COMMUNE) {
           period { year kind index } kind scoredCount warning rows { rank score unit { code } } } }",
        json!({"p": period}),
    )
    .await
}

async fn publish(app: &TestApp, user: &str, period: Value, confirm: Option<bool>) -> Value {
    app.as_user(
        user,
        "mutation($p: PeriodInput!, $c: Boolean) { publishRanking(period: $p, kind: COMMUNE, confirmEmpty: $c) {
           id withdrawn withdrawnAt withdrawnBy withdrawalReason rows { rank score unit { code } } } }",
        json!({"p": period, "c": confirm}),
    )
    .await
}

const LISTED: &str = "query { publishedRankings { id withdrawn withdrawnAt withdrawnBy withdrawalReason rows { rank score unit { code } } }
    publishedRankingsPage(first: 10) { totalCount rows { id withdrawn } } }";

async fn listed(app: &TestApp, user: &str) -> (Vec<Value>, i64) {
    let body = ok(app.as_user(user, LISTED, json!({})).await);
    let list = body["data"]["publishedRankings"]
        .as_array()
        .expect("a list")
        .clone();
    let page = &body["data"]["publishedRankingsPage"];
    assert_eq!(
        page["rows"].as_array().map(Vec::len),
        Some(list.len()),
        "{body}"
    );
    (list, page["totalCount"].as_i64().expect("a count"))
}

async fn a_preview_shows_what_would_be_frozen_and_warns_of_an_empty_period(app: TestApp) {
    approved_february(&app).await;
    let body = ok(preview(&app, "admin", february_2023()).await);
    let p = &body["data"]["rankingPreview"];
    assert_eq!(p["kind"], "COMMUNE");
    assert_eq!(
        p["period"],
        json!({"year": 2023, "kind": "MONTH", "index": 2})
    );
    assert_eq!(p["scoredCount"], 1);
    assert!(p["warning"].is_null(), "{p}");
    assert_eq!(p["rows"][0]["unit"]["code"], "C1", "{p}");
    assert_eq!(p["rows"][0]["rank"], 1);
    assert!((p["rows"][0]["score"].as_f64().unwrap() - 80.0).abs() < 0.005);
    // What the preview shows is what publishing freezes.
    let published = ok(publish(&app, "admin", february_2023(), None).await);
    assert_eq!(published["data"]["publishRanking"]["rows"], p["rows"]);

    // An empty period: every row "–", and a warning in Vietnamese.
    let body = ok(preview(&app, "admin", october_2026()).await);
    let p = &body["data"]["rankingPreview"];
    assert_eq!(p["scoredCount"], 0);
    assert!(p["rows"].as_array().is_some_and(|r| !r.is_empty()));
    assert!(
        p["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["score"].is_null())
    );
    let w = p["warning"].as_str().expect("a warning");
    assert!(
        w.starts_with("Tháng 10/2026 chưa có số liệu đã duyệt"),
        "{w}"
    );
    // A preview stores nothing.
    assert_eq!(listed(&app, "admin").await.0.len(), 1);
    // Only who may publish previews.
    for user in ["province_manager", "manager", "officer", "viewer"] {
        assert_error(&preview(&app, user, october_2026()).await, "FORBIDDEN");
    }
}

async fn publishing_an_empty_period_is_refused_unless_confirmed(app: TestApp) {
    let body = publish(&app, "admin", october_2026(), None).await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("period"));
    assert!(
        message(&body).starts_with("Tháng 10/2026 chưa có số liệu đã duyệt"),
        "{body}"
    );
    let body = publish(&app, "admin", october_2026(), Some(false)).await;
    assert_error(&body, "VALIDATION");
    assert!(listed(&app, "admin").await.0.is_empty());

    let body = ok(publish(&app, "admin", october_2026(), Some(true)).await);
    let id = body["data"]["publishRanking"]["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let (action, _, after) = latest_audit(&app, "publishedRanking", &id).await;
    assert_eq!(action, "publishRanking");
    assert_eq!(after["confirmedEmpty"], true, "{after}");
    assert_eq!(after["scored"], 0, "{after}");
}

async fn a_withdrawn_ranking_keeps_its_frozen_rows_and_is_hidden_from_viewers(app: TestApp) {
    approved_february(&app).await;
    let body = ok(publish(&app, "admin", february_2023(), None).await);
    let r = body["data"]["publishRanking"].clone();
    let id = r["id"].as_str().expect("an id").to_owned();
    assert_eq!(r["withdrawn"], false);
    assert!(r["withdrawnAt"].is_null() && r["withdrawalReason"].is_null());
    let withdraw = |user: &'static str, id: String, reason: &'static str| {
        let app = &app;
        async move {
            app.as_user(
                user,
                "mutation($i: ID!, $r: String!) { withdrawRanking(id: $i, reason: $r) {
                   id withdrawn withdrawnAt withdrawnBy withdrawalReason rows { rank score unit { code } } } }",
                json!({"i": id, "r": reason}),
            )
            .await
        }
    };

    // A reason is required; only who may publish withdraws; an unknown id is NOT_FOUND.
    for blank in ["", "   "] {
        let body = withdraw("admin", id.clone(), blank).await;
        assert_error(&body, "VALIDATION");
        assert_eq!(error_field(&body), Some("reason"));
        assert!(message(&body).starts_with("Cần ghi lý do"), "{body}");
    }
    for user in ["province_manager", "manager", "officer", "viewer"] {
        assert_error(&withdraw(user, id.clone(), "Nhầm kỳ").await, "FORBIDDEN");
    }
    assert_error(
        &withdraw("admin", "999999".into(), "Nhầm kỳ").await,
        "NOT_FOUND",
    );
    let (action, _, _) = latest_audit(&app, "publishedRanking", &id).await;
    assert_eq!(action, "publishRanking");
    assert_eq!(listed(&app, "viewer").await.0.len(), 1);

    let body = ok(withdraw("admin", id.clone(), "  Công bố nhầm kỳ  ").await);
    let w = &body["data"]["withdrawRanking"];
    assert_eq!(w["withdrawn"], true);
    assert!(w["withdrawnAt"].is_string());
    assert!(w["withdrawnBy"].is_string(), "{w}");
    assert_eq!(w["withdrawalReason"], "Công bố nhầm kỳ");
    assert_eq!(w["rows"], r["rows"], "the frozen rows stay");

    // Audited with who, when and why.
    let (action, before, after) = latest_audit(&app, "publishedRanking", &id).await;
    assert_eq!(action, "withdrawRanking");
    assert!(before["withdrawal"].is_null(), "{before}");
    assert_eq!(after["withdrawal"]["reason"], "Công bố nhầm kỳ", "{after}");

    // Hidden from viewers, managers and officers; an ADMIN still sees it, marked.
    for user in ["viewer", "province_manager", "officer"] {
        let (list, total) = listed(&app, user).await;
        assert!(list.is_empty(), "{user}: {list:?}");
        assert_eq!(total, 0, "{user}");
    }
    let (list, total) = listed(&app, "admin").await;
    assert_eq!(total, 1);
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["withdrawn"], true);
    assert_eq!(list[0]["withdrawalReason"], "Công bố nhầm kỳ");
    assert_eq!(list[0]["rows"], r["rows"]);

    // The frozen copy is still in the database.
    use backend::db::entities::published_ranking;
    use sea_orm::EntityTrait;
    let row = published_ranking::Entity::find_by_id(id.parse::<i32>().expect("an id"))
        .one(app.db.conn())
        .await
        .expect("read")
        .expect("the row stays");
    assert!(row.withdrawn_at.is_some());
    assert!(row.rows_json.contains("\"score\":80"), "{}", row.rows_json);

    // Withdrawn once only.
    assert_error(&withdraw("admin", id.clone(), "Lần nữa").await, "CONFLICT");
}
