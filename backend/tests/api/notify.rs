//! The outbox end to end, on both databases, with a real SMTP sink and a real HTTP
//! receiver started by the test and the instance's clock set by it: the overdue notice,
//! the escalation, the reminder and the digest go once to the right people; a muted kind
//! goes to nobody; a webhook gets a correctly signed event with its idempotency key; a
//! failing receiver or an unreachable SMTP server is retried then FAILED with the error;
//! without SMTP e-mails wait and nothing else breaks; a rejection writes its notifications
//! in its own transaction; bad webhook URLs are refused; two instances on one PostgreSQL
//! send each notification once.

use crate::helpers::*;
use crate::sinks::{Answer, SmtpSink, receiver, smtp_sink};
use backend::config::NotifySettings;
use backend::db::entities::{staff, user};
use backend::service::notify::Outbound;
use backend::service::notify::worker::{RunReport, Worker};
use chrono::{DateTime, NaiveDate, Utc};
use hmac::{Hmac, Mac};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};
use sha2::Sha256;
use shared::Role;
use std::net::SocketAddr;

/// Runs each listed `async fn(Backend)` on SQLite and, when configured, PostgreSQL.
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::helpers::Backend::Sqlite).await
            }

            #[cfg(postgres_tests)]
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::helpers::Backend::Postgres).await
            }
        }
    )*};
}

mod digest;

on_both_databases!(
    an_overdue_month_mails_the_officer_once_and_escalates_to_the_parents_heads_once,
    a_reminder_goes_two_days_before_the_deadline_and_never_to_who_turned_it_off,
    a_webhook_receives_a_correctly_signed_event_once_with_its_idempotency_key,
    a_receiver_answering_500_is_retried_then_failed_with_the_error,
    a_receiver_that_does_not_answer_in_time_is_tried_again_later,
    an_unreachable_smtp_server_is_retried_then_failed_with_the_error,
    without_smtp_emails_wait_in_the_outbox_and_webhooks_still_go,
    a_rejection_and_a_submission_write_their_notifications_in_their_own_transaction,
    webhook_urls_not_http_internal_or_the_servers_own_are_refused,
    the_monthly_digest_goes_once_to_each_leader_about_their_subtree,
    a_unit_newly_off_track_is_posted_once_to_the_webhooks_hearing_it,
);

/// An instant on a day in Vietnam, at `hour` o'clock there.
fn at(y: i32, m: u32, d: u32, hour: i64) -> DateTime<Utc> {
    let day = NaiveDate::from_ymd_opt(y, m, d).expect("a day");
    backend::clock::start_of_vietnam_day(day) + chrono::Duration::hours(hour)
}

/// An app whose webhooks may post to this machine (the receiver).
async fn app_allowing_private(backend: Backend) -> TestApp {
    spawn_app_with(backend, |s| s.notify.webhook_allow_private = true).await
}

/// The worker's settings: SMTP at `smtp`, 1-second retries.
fn settings(smtp: Option<String>) -> NotifySettings {
    NotifySettings {
        smtp_url: smtp.map(secrecy::SecretString::from),
        mail_from: "Chỉ tiêu <chitieu@tinh.test>".into(),
        public_url: Some("https://chitieu.tinh.test".into()),
        worker_interval_secs: 1,
        retry_base_secs: 1,
        webhook_allow_private: true,
        worker: true,
        now: None,
    }
}

fn app_address(app: &TestApp) -> SocketAddr {
    app.address
        .trim_start_matches("http://")
        .parse()
        .expect("the app's address")
}

/// A worker on the app's database delivering to `smtp`.
fn worker(app: &TestApp, smtp: Option<&SmtpSink>) -> Worker {
    let outbound = Outbound {
        allow_private: true,
        bound: Some(app_address(app)),
    };
    Worker::new(
        app.db.clone(),
        &settings(smtp.map(SmtpSink::url)),
        outbound,
        "http://127.0.0.1",
    )
}

/// Sets an account's e-mail.
async fn set_email(app: &TestApp, username: &str, email: &str) {
    user::Entity::update_many()
        .col_expr(user::Column::Email, sea_orm::sea_query::Expr::value(email))
        .filter(user::Column::Username.eq(username))
        .exec(app.db.conn())
        .await
        .expect("set the e-mail");
}

/// Turns off kinds of mail for an account.
async fn mute(app: &TestApp, username: &str, kinds: &str) {
    user::Entity::update_many()
        .col_expr(user::Column::Muted, sea_orm::sea_query::Expr::value(kinds))
        .filter(user::Column::Username.eq(username))
        .exec(app.db.conn())
        .await
        .expect("mute");
}

/// A new account with an e-mail.
async fn account(
    app: &TestApp,
    username: &str,
    role: Role,
    unit: shared::ids::UnitId,
    email: &str,
) {
    app.add_account(username, role, unit).await;
    set_email(app, username, email).await;
}

/// The outbox as the ADMIN reads it, oldest first.
async fn outbox(app: &TestApp) -> Vec<Value> {
    let body = app
        .as_user(
            "admin",
            "{ notifications(limit: 500) { id channel recipient subject status attempts createdAt sentAt lastError } }",
            json!({}),
        )
        .await;
    assert_ok(&body);
    let mut list = body["data"]["notifications"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    list.reverse();
    list
}

/// Creates a webhook as admin on the province for `events`; returns (id, secret).
async fn webhook(app: &TestApp, url: &str, events: &[&str]) -> (String, String) {
    let body = app
        .as_user(
            "admin",
            "mutation($url: String!, $e: [TodoKind!]!, $u: ID!) { createWebhook(url: $url, events: $e, unitId: $u) { secret webhook { id url events active unit { code } } } }",
            json!({"url": url, "e": events, "u": app.tree.province.to_string()}),
        )
        .await;
    assert_ok(&body);
    let p = &body["data"]["createWebhook"];
    assert_eq!(p["webhook"]["unit"]["code"], "T");
    assert_eq!(p["webhook"]["active"], true);
    (
        p["webhook"]["id"].as_str().unwrap_or_default().to_owned(),
        p["secret"].as_str().unwrap_or_default().to_owned(),
    )
}

/// Runs the worker once.
async fn run(w: &Worker) -> RunReport {
    w.run_once().await
}

/// `sha256=<hex>` of `body` under `secret`, computed here independently.
fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("a key");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

async fn an_overdue_month_mails_the_officer_once_and_escalates_to_the_parents_heads_once(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let sink = smtp_sink().await;
    let w = worker(&app, Some(&sink));
    set_email(&app, "officer", "can.bo@xa1.test").await;
    set_email(&app, "province_manager", "lanh.dao@tinh.test").await;
    // The manager of D1 is not C1's parent's: no escalation for it.
    set_email(&app, "manager", "so1@tinh.test").await;
    staff::ActiveModel {
        unit_id: Set(app.tree.province.0),
        full_name: Set("Nguyễn Văn Chủ Tịch".into()),
        position: Set("Chủ tịch".into()),
        is_head: Set(true),
        email: Set(Some("chu.tich@tinh.test".into())),
        active: Set(true),
        ..Default::default()
    }
    .insert(app.db.conn())
    .await
    .expect("a head of the province");

    // January is due on 5 February: the day before, nothing is overdue.
    app.db.clock().set(at(2026, 2, 5, 10));
    run(&w).await;
    assert!(
        sink.recipients().iter().all(|r| r != "lanh.dao@tinh.test"),
        "no escalation before it is due"
    );
    let reminders = sink.mails().len();

    // The day after: the overdue notice, once however often the worker runs.
    app.db.clock().set(at(2026, 2, 6, 9));
    run(&w).await;
    run(&w).await;
    let mails = sink.mails();
    let overdue: Vec<_> = mails[reminders..].iter().collect();
    assert_eq!(overdue.len(), 1, "{overdue:?}");
    assert_eq!(overdue[0].to, vec!["can.bo@xa1.test"]);
    assert_eq!(overdue[0].from, "chitieu@tinh.test");
    assert!(overdue[0].data.contains("multipart/alternative"));
    assert!(overdue[0].data.contains("text/plain"));
    assert!(overdue[0].data.contains("text/html"));

    // Three days after the deadline: the escalation to the parent's manager and head, once.
    app.db.clock().set(at(2026, 2, 8, 9));
    run(&w).await;
    app.db.clock().set(at(2026, 2, 9, 9));
    run(&w).await;
    let mut later: Vec<String> = sink.recipients()[reminders + 1..].to_vec();
    later.sort();
    assert_eq!(later, vec!["chu.tich@tinh.test", "lanh.dao@tinh.test"]);

    let list = outbox(&app).await;
    let escalations: Vec<&Value> = list
        .iter()
        .filter(|n| {
            n["subject"]
                .as_str()
                .unwrap_or_default()
                .contains("vượt cấp")
        })
        .collect();
    assert_eq!(escalations.len(), 2, "{list:?}");
    for n in &list {
        assert_eq!(n["status"], "SENT", "{n}");
        assert_eq!(n["attempts"], 1);
        assert_eq!(n["channel"], "EMAIL");
        assert!(n["sentAt"].is_string());
    }
    assert!(
        list.iter().any(|n| n["subject"]
            .as_str()
            .unwrap_or_default()
            .contains("Quá hạn: Xã Một chưa nộp số liệu tháng 1/2026")),
        "{list:?}"
    );
}

async fn a_reminder_goes_two_days_before_the_deadline_and_never_to_who_turned_it_off(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let sink = smtp_sink().await;
    let w = worker(&app, Some(&sink));
    set_email(&app, "officer", "can.bo@xa1.test").await;
    account(
        &app,
        "officer_muted",
        Role::Officer,
        app.tree.commune,
        "im.lang@xa1.test",
    )
    .await;
    mute(&app, "officer_muted", "REMINDER,OVERDUE").await;

    app.db.clock().set(at(2026, 2, 2, 10));
    run(&w).await;
    assert!(sink.mails().is_empty(), "three days before: nothing");
    app.db.clock().set(at(2026, 2, 3, 8));
    run(&w).await;
    app.db.clock().set(at(2026, 2, 5, 8));
    run(&w).await;
    assert_eq!(sink.recipients(), vec!["can.bo@xa1.test"]);
    let list = outbox(&app).await;
    assert_eq!(list.len(), 1);
    assert!(
        list[0]["subject"]
            .as_str()
            .unwrap_or_default()
            .contains("Nhắc hạn")
    );

    // The overdue notice: the muted officer still gets nothing.
    app.db.clock().set(at(2026, 2, 6, 8));
    run(&w).await;
    assert_eq!(
        sink.recipients(),
        vec!["can.bo@xa1.test", "can.bo@xa1.test"]
    );
    assert!(
        outbox(&app)
            .await
            .iter()
            .all(|n| n["recipient"] != "im.lang@xa1.test")
    );
}

async fn a_webhook_receives_a_correctly_signed_event_once_with_its_idempotency_key(
    backend: Backend,
) {
    let app = app_allowing_private(backend).await;
    let hook = receiver(Answer::Ok).await;
    let w = worker(&app, None);
    let (_, secret) = webhook(&app, &hook.url(), &["REPORT_OVERDUE"]).await;
    assert_eq!(secret.len(), 64);

    app.db.clock().set(at(2026, 2, 6, 9));
    run(&w).await;
    run(&w).await;
    let hits = hook.hits();
    assert_eq!(hits.len(), 1, "one event, once");
    let hit = &hits[0];
    assert_eq!(hit.header("content-type"), "application/json");
    assert_eq!(
        hit.header("x-chitieu-signature"),
        signature(&secret, &hit.body)
    );
    assert_ne!(
        hit.header("x-chitieu-signature"),
        signature("another secret", &hit.body)
    );
    let body = hit.json();
    assert_eq!(
        hit.header("idempotency-key"),
        body["id"].as_str().unwrap_or("?")
    );
    assert_eq!(body["event"], "REPORT_OVERDUE");
    assert_eq!(body["unit"]["code"], "C1");
    assert_eq!(body["unit"]["name"], "Xã Một");
    assert_eq!(body["unit"]["id"], app.tree.commune.to_string());
    assert_eq!(
        (body["year"].clone(), body["month"].clone()),
        (json!(2026), json!(1))
    );
    assert_eq!(body["dueOn"], "2026-02-05");
    assert_eq!(body["daysOverdue"], 1);
    assert!(body["createdAt"].is_string());
    let list = outbox(&app).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], body["id"]);
    assert_eq!(list[0]["channel"], "WEBHOOK");
    assert_eq!(list[0]["recipient"], hook.url());
    assert_eq!(list[0]["status"], "SENT");
}

async fn a_receiver_answering_500_is_retried_then_failed_with_the_error(backend: Backend) {
    let app = app_allowing_private(backend).await;
    let hook = receiver(Answer::Fail).await;
    let w = worker(&app, None);
    webhook(&app, &hook.url(), &["REPORT_OVERDUE"]).await;

    let start = at(2026, 2, 6, 8);
    app.db.clock().set(start);
    run(&w).await;
    let first = outbox(&app).await;
    assert_eq!(first[0]["status"], "PENDING");
    assert_eq!(first[0]["attempts"], 1);
    assert!(
        first[0]["lastError"]
            .as_str()
            .unwrap_or_default()
            .contains("500"),
        "{first:?}"
    );
    // Not tried again before its time.
    run(&w).await;
    assert_eq!(hook.hits().len(), 1);
    // Each later run past the wait tries again, until the sixth try fails for good.
    for hour in 1..=8 {
        app.db.clock().set(start + chrono::Duration::hours(hour));
        run(&w).await;
    }
    assert_eq!(hook.hits().len(), 6, "the first try and five retries");
    let list = outbox(&app).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["status"], "FAILED");
    assert_eq!(list[0]["attempts"], 6);
    assert!(
        list[0]["lastError"]
            .as_str()
            .unwrap_or_default()
            .contains("500")
    );
    assert!(list[0]["sentAt"].is_null());
    // The same idempotency key on every try.
    let keys: std::collections::HashSet<String> = hook
        .hits()
        .iter()
        .map(|h| h.header("idempotency-key"))
        .collect();
    assert_eq!(keys.len(), 1);
}

async fn a_receiver_that_does_not_answer_in_time_is_tried_again_later(backend: Backend) {
    let app = app_allowing_private(backend).await;
    let hook = receiver(Answer::Hang).await;
    let w = worker(&app, None);
    webhook(&app, &hook.url(), &["REPORT_OVERDUE"]).await;
    app.db.clock().set(at(2026, 2, 6, 8));
    let started = std::time::Instant::now();
    run(&w).await;
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    let list = outbox(&app).await;
    assert_eq!(list[0]["status"], "PENDING");
    assert_eq!(list[0]["attempts"], 1);
    assert!(
        list[0]["lastError"]
            .as_str()
            .unwrap_or_default()
            .contains("10 giây"),
        "{list:?}"
    );
    // It answers again: the next try delivers.
    hook.answer(Answer::Ok);
    app.db.clock().set(at(2026, 2, 6, 9));
    run(&w).await;
    assert_eq!(outbox(&app).await[0]["status"], "SENT");
}

async fn an_unreachable_smtp_server_is_retried_then_failed_with_the_error(backend: Backend) {
    let app = spawn_app(backend).await;
    // A port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("address").port();
    drop(closed);
    let w = Worker::new(
        app.db.clone(),
        &settings(Some(format!("smtp://127.0.0.1:{port}"))),
        Outbound::default(),
        "http://127.0.0.1",
    );
    set_email(&app, "officer", "can.bo@xa1.test").await;
    let start = at(2026, 2, 6, 8);
    app.db.clock().set(start);
    run(&w).await;
    let list = outbox(&app).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["status"], "PENDING");
    assert_eq!(list[0]["attempts"], 1);
    assert!(list[0]["lastError"].as_str().is_some_and(|e| !e.is_empty()));
    for hour in 1..=6 {
        app.db.clock().set(start + chrono::Duration::hours(hour));
        run(&w).await;
    }
    let list = outbox(&app).await;
    assert_eq!(list[0]["status"], "FAILED", "{list:?}");
    assert_eq!(list[0]["attempts"], 6);
    assert!(
        list[0]["lastError"]
            .as_str()
            .unwrap_or_default()
            .contains("máy chủ thư"),
        "{list:?}"
    );
}

async fn without_smtp_emails_wait_in_the_outbox_and_webhooks_still_go(backend: Backend) {
    // The app's own worker runs, every second, on a fixed day, without SMTP.
    let app = spawn_app_with(backend, |s| {
        s.notify.worker = true;
        s.notify.worker_interval_secs = 1;
        s.notify.webhook_allow_private = true;
        s.notify.now = Some(at(2026, 2, 6, 9));
    })
    .await;
    let hook = receiver(Answer::Ok).await;
    set_email(&app, "officer", "can.bo@xa1.test").await;
    webhook(&app, &hook.url(), &["REPORT_OVERDUE"]).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while hook.hits().is_empty() && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(hook.hits().len(), 1, "the webhook went");
    let list = outbox(&app).await;
    let mail: Vec<&Value> = list.iter().filter(|n| n["channel"] == "EMAIL").collect();
    assert_eq!(mail.len(), 1, "{list:?}");
    assert_eq!(mail[0]["status"], "PENDING");
    assert_eq!(mail[0]["attempts"], 0);
    assert!(mail[0]["lastError"].is_null());
    // The rest of the app is unaffected.
    assert_ok(
        &app.as_user("officer", "{ me { username } }", json!({}))
            .await,
    );
}

async fn a_rejection_and_a_submission_write_their_notifications_in_their_own_transaction(
    backend: Backend,
) {
    let app = app_allowing_private(backend).await;
    let hook = receiver(Answer::Ok).await;
    let sink = smtp_sink().await;
    set_email(&app, "officer", "can.bo@xa1.test").await;
    webhook(&app, &hook.url(), &["REPORT_REJECTED", "APPROVAL_PENDING"]).await;
    // Before any reminder is due.
    app.db.clock().set(at(2026, 2, 1, 9));
    let c1 = app.tree.commune;
    let month = json!({"u": c1.to_string(), "y": 2026, "m": 1});
    assert_ok(
        &app.save_month("officer", c1, 2026, 1, &[("RECEIVED", 10)], None)
            .await,
    );
    let submit = "mutation($u: ID!, $y: Int!, $m: Int!) { submitMonthlyReport(unitId: $u, year: $y, month: $m) { status } }";
    assert_ok(&app.as_user("officer", submit, month.clone()).await);
    // Written by the request itself, before any worker ran.
    let list = outbox(&app).await;
    assert_eq!(list.len(), 1, "{list:?}");
    assert!(
        list[0]["subject"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Chờ duyệt")
    );

    let reject = "mutation($u: ID!, $y: Int!, $m: Int!) { rejectMonthlyReport(unitId: $u, year: $y, month: $m, comment: \"Thiếu hồ sơ tháng 1\") { status } }";
    assert_ok(&app.as_user("province_manager", reject, month.clone()).await);
    let list = outbox(&app).await;
    assert_eq!(list.len(), 3, "{list:?}");
    let mail = list
        .iter()
        .find(|n| n["channel"] == "EMAIL")
        .expect("the officer's e-mail");
    assert_eq!(mail["recipient"], "can.bo@xa1.test");
    assert!(
        mail["subject"]
            .as_str()
            .unwrap_or_default()
            .contains("Bị trả lại")
    );
    // A refused rejection (the month is no longer submitted) writes nothing.
    assert_error(
        &app.as_user("province_manager", reject, month.clone()).await,
        "CONFLICT",
    );
    assert_eq!(outbox(&app).await.len(), 3);

    let w = worker(&app, Some(&sink));
    run(&w).await;
    assert_eq!(sink.recipients(), vec!["can.bo@xa1.test"]);
    let events: Vec<Value> = hook.hits().iter().map(|h| h.json()).collect();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["event"], "APPROVAL_PENDING");
    assert_eq!(events[0]["dueOn"], "2026-02-10");
    assert_eq!(events[1]["event"], "REPORT_REJECTED");
    assert_eq!(events[1]["comment"], "Thiếu hồ sơ tháng 1");
    // Submitted again: a new event.
    assert_ok(&app.as_user("officer", submit, month).await);
    assert_eq!(outbox(&app).await.len(), 4);
}

async fn webhook_urls_not_http_internal_or_the_servers_own_are_refused(backend: Backend) {
    let create = "mutation($url: String!, $u: ID!) { createWebhook(url: $url, events: [REPORT_OVERDUE], unitId: $u) { secret } }";
    let app = spawn_app(backend).await;
    let u = app.tree.province.to_string();
    for url in [
        "ftp://203.0.113.5/chitieu",
        "javascript:alert(1)",
        "khong-phai-url",
        "http://127.0.0.1:9/hook",
        "http://localhost:9/hook",
        "http://10.0.0.8/hook",
        "http://[::1]:9/hook",
        "http://169.254.169.254/latest",
    ] {
        let body = app
            .as_user("admin", create, json!({"url": url, "u": u}))
            .await;
        assert_error(&body, "VALIDATION");
        assert_eq!(error_field(&body), Some("url"), "{url}: {body}");
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("webhook")),
            "a Vietnamese message: {body}"
        );
    }
    let body = app
        .as_user(
            "admin",
            create,
            json!({"url": "https://203.0.113.5/h", "u": u}),
        )
        .await;
    assert_ok(&body);
    let no_events = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createWebhook(url: \"https://203.0.113.5/h\", events: [], unitId: $u) { secret } }",
            json!({"u": u}),
        )
        .await;
    assert_eq!(error_field(&no_events), Some("events"));

    // Internal addresses may be allowed; the server itself never.
    let open = app_allowing_private(backend).await;
    let u = open.tree.province.to_string();
    let own = format!("{}/graphql", open.address);
    let body = open
        .as_user("admin", create, json!({"url": own, "u": u}))
        .await;
    assert_eq!(error_field(&body), Some("url"), "{body}");
    let own_by_name = own.replace("127.0.0.1", "localhost");
    let body = open
        .as_user("admin", create, json!({"url": own_by_name, "u": u}))
        .await;
    assert_eq!(error_field(&body), Some("url"), "{body}");
    let elsewhere = "http://127.0.0.1:9/hook";
    assert_ok(
        &open
            .as_user("admin", create, json!({"url": elsewhere, "u": u}))
            .await,
    );
    let list = open
        .as_user("admin", "{ webhooks { url events } }", json!({}))
        .await;
    assert_eq!(
        list["data"]["webhooks"].as_array().map(Vec::len),
        Some(1),
        "{list}"
    );
    assert_eq!(
        list["data"]["webhooks"][0]["events"],
        json!(["REPORT_OVERDUE"])
    );
    // Deleted, it is gone.
    let id = open
        .as_user("admin", "{ webhooks { id } }", json!({}))
        .await["data"]["webhooks"][0]["id"]
        .clone();
    assert_ok(
        &open
            .as_user(
                "admin",
                "mutation($id: ID!) { deleteWebhook(id: $id) }",
                json!({"id": id}),
            )
            .await,
    );
    let list = open
        .as_user("admin", "{ webhooks { id } }", json!({}))
        .await;
    assert_eq!(list["data"]["webhooks"], json!([]));
}

async fn the_monthly_digest_goes_once_to_each_leader_about_their_subtree(backend: Backend) {
    let app = spawn_app(backend).await;
    let sink = smtp_sink().await;
    let w = worker(&app, Some(&sink));
    set_email(&app, "viewer", "lanh.dao.tinh@tinh.test").await;
    set_email(&app, "manager", "giam.doc.so1@tinh.test").await;
    set_email(&app, "province_manager", "pho.chu.tich@tinh.test").await;
    mute(&app, "province_manager", "DIGEST,ESCALATION").await;

    // January's approval deadline is 10 February: the digest goes the day after.
    app.db.clock().set(at(2026, 2, 10, 9));
    run(&w).await;
    assert!(sink.mails().is_empty(), "{:?}", sink.recipients());
    app.db.clock().set(at(2026, 2, 11, 9));
    run(&w).await;
    app.db.clock().set(at(2026, 2, 12, 9));
    run(&w).await;
    let mut to = sink.recipients();
    to.sort();
    assert_eq!(
        to,
        vec!["giam.doc.so1@tinh.test", "lanh.dao.tinh@tinh.test"]
    );

    let rows = backend::db::notifications::all_keys(app.db.conn())
        .await
        .expect("the outbox");
    let bodies: Vec<(String, String)> = {
        use backend::db::entities::notification;
        notification::Entity::find()
            .all(app.db.conn())
            .await
            .expect("rows")
            .into_iter()
            .map(|n| (n.recipient, n.body))
            .collect()
    };
    let viewer = user::Entity::find()
        .filter(user::Column::Username.eq("viewer"))
        .one(app.db.conn())
        .await
        .expect("query")
        .expect("the viewer");
    assert!(
        rows.iter()
            .any(|(k, _)| *k == format!("DIGEST:{}:2026-01", viewer.id))
    );
    let body_of = |to: &str| {
        bodies
            .iter()
            .find(|(r, _)| r == to)
            .map(|(_, b)| b.clone())
            .unwrap_or_default()
    };
    // The province's leader hears that C1 never submitted; D1's manager, whose subtree
    // submitted nothing that was due, hears that all is well.
    assert!(
        body_of("lanh.dao.tinh@tinh.test").contains("Xã Một (chưa nộp"),
        "{bodies:?}"
    );
    assert!(
        body_of("giam.doc.so1@tinh.test").contains("mọi đơn vị đã nộp đúng hạn"),
        "{bodies:?}"
    );
}

/// Two instances on one PostgreSQL, both workers running: each notification goes once.
#[cfg(postgres_tests)]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_one_postgresql_send_each_notification_exactly_once() {
    use backend::startup::Application;
    let app = spawn_app(Backend::Postgres).await;
    let sink = smtp_sink().await;
    let hook = receiver(Answer::Ok).await;
    // Thirty officers to mail, and a webhook.
    for n in 0..30 {
        account(
            &app,
            &format!("officer{n}"),
            Role::Officer,
            app.tree.commune,
            &format!("can.bo{n}@xa1.test"),
        )
        .await;
    }
    use backend::db::webhooks::{NewWebhook, insert};
    insert(
        app.db.conn(),
        NewWebhook {
            url: hook.url(),
            secret: "hemmelig".into(),
            events: vec![shared::TodoKind::ReportOverdue],
            unit_id: app.tree.province,
            created_by: None,
            created_at: at(2026, 2, 6, 8),
        },
    )
    .await
    .expect("a webhook");
    let mut instances = Vec::new();
    for _ in 0..2 {
        let mut s = instance_settings(&app.database_url());
        s.notify.worker = true;
        s.notify.worker_interval_secs = 1;
        s.notify.webhook_allow_private = true;
        s.notify.smtp_url = Some(secrecy::SecretString::from(sink.url()));
        s.notify.now = Some(at(2026, 2, 6, 9));
        let instance = Application::build(&s).await.expect("an instance");
        instances.push(tokio::spawn(instance.run_until(std::future::pending())));
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let list = outbox(&app).await;
        let sent = list.iter().filter(|n| n["status"] == "SENT").count();
        if list.len() == 31 && sent == 31 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "not all sent: {list:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    // A few more runs of both workers change nothing.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let mut to = sink.recipients();
    to.sort();
    let mut expected: Vec<String> = (0..30).map(|n| format!("can.bo{n}@xa1.test")).collect();
    expected.sort();
    assert_eq!(to, expected, "each officer once");
    assert_eq!(hook.hits().len(), 1, "the webhook once");
    assert!(outbox(&app).await.iter().all(|n| n["attempts"] == 1));
    for i in instances {
        i.abort();
    }
}

async fn a_unit_newly_off_track_is_posted_once_to_the_webhooks_hearing_it(backend: Backend) {
    let app = app_allowing_private(backend).await;
    let hook = receiver(Answer::Ok).await;
    let w = worker(&app, None);
    let t = app.tree.clone();
    let decision = app.decision("12/QĐ-UBND", 2026).await;
    for unit in [t.commune, t.other_commune] {
        set_target(&app, &decision, unit, "DIGITIZATION_RATE", 80.0, None).await;
    }
    app.db.clock().set(at(2026, 2, 3, 9));
    // C1: 90 % in January, 10 % in February: newly off track in February. C2: off track
    // since January, not newly.
    for (unit, month, digitized) in [
        (t.commune, 1, 90),
        (t.commune, 2, 10),
        (t.other_commune, 1, 50),
        (t.other_commune, 2, 50),
    ] {
        let values = [("RECEIVED", 100), ("DIGITIZED", digitized)];
        assert_ok(
            &app.save_month("admin", unit, 2026, month, &values, None)
                .await,
        );
        for action in ["submit", "approve"] {
            let q = format!(
                "mutation($u: ID!, $m: Int!) {{ {action}MonthlyReport(unitId: $u, year: 2026, month: $m) {{ status }} }}"
            );
            assert_ok(
                &app.as_user("admin", &q, json!({"u": unit.to_string(), "m": month}))
                    .await,
            );
        }
    }
    webhook(&app, &hook.url(), &["OFF_TRACK"]).await;
    app.db.clock().set(at(2026, 3, 12, 9));
    run(&w).await;
    run(&w).await;
    let events: Vec<Value> = hook.hits().iter().map(|h| h.json()).collect();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["event"], "OFF_TRACK");
    assert_eq!(events[0]["unit"]["code"], "C1");
    assert_eq!(
        (events[0]["year"].clone(), events[0]["month"].clone()),
        (json!(2026), json!(2))
    );
    assert_eq!(events[0]["indicator"]["code"], "DIGITIZATION_RATE");
    assert!(events[0]["dueOn"].is_null());
}
