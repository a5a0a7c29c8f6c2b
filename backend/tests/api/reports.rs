//! Monthly reports: saving figures (partial replacement, versions, the consistency rules of
//! INDICATORS.md, input validation, optimistic concurrency) and the workflow DRAFT →
//! SUBMITTED → APPROVED / REJECTED, with reopening.

use crate::both_databases;
use crate::helpers::*;
use serde_json::{Value, json};
use shared::ids::UnitId;

both_databases!(
    saving_replaces_only_the_given_measures_and_bumps_the_version,
    every_consistency_rule_is_a_validation_error_naming_both_measures,
    a_consistency_rule_is_checked_against_the_figures_already_saved,
    a_negative_value_is_a_validation_error_on_that_value,
    an_unknown_measure_code_is_a_validation_error,
    a_month_or_year_out_of_range_is_a_validation_error_on_that_field,
    a_stale_expected_version_is_a_conflict_and_changes_nothing,
    an_approved_month_is_read_only_until_reopened_with_a_comment,
    a_rejected_month_shows_the_comment_and_can_be_saved_again,
    only_a_submitted_month_can_be_approved,
    rejecting_or_reopening_without_a_comment_is_a_validation_error,
    a_month_of_a_unit_that_does_not_exist_is_not_found,
    concurrent_saves_of_one_version_let_exactly_one_through,
    a_measure_given_twice_is_a_validation_error,
);

const REPORT: &str = "query($u: ID!, $y: Int!, $m: Int!) { monthlyReport(unitId: $u, year: $y, month: $m) { status version comment values { measure { code } value status } } }";

async fn report(app: &TestApp, unit: UnitId, month: i32) -> Value {
    let body = app
        .as_user(
            "admin",
            REPORT,
            json!({"u": unit.to_string(), "y": 2023, "m": month}),
        )
        .await;
    assert_ok(&body);
    body["data"]["monthlyReport"].clone()
}

/// The values of a report (or a save answer) as sorted (code, value) pairs.
fn values(report: &Value) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = report["values"]
        .as_array()
        .unwrap_or_else(|| panic!("no values: {report}"))
        .iter()
        .map(|v| {
            (
                v["measure"]["code"].as_str().unwrap().to_owned(),
                v["value"].as_i64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn pairs(list: &[(&str, i64)]) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = list.iter().map(|(c, v)| ((*c).to_owned(), *v)).collect();
    out.sort();
    out
}

/// Runs a workflow action (`submit`, `approve`, `reject`, `reopen`) on month 1 of 2023.
async fn act(app: &TestApp, user: &str, action: &str, unit: UnitId, comment: &str) -> Value {
    let query = match action {
        "reject" | "reopen" => format!(
            "mutation($u: ID!, $c: String!) {{ {action}MonthlyReport(unitId: $u, year: 2023, month: 1, comment: $c) {{ status version comment }} }}"
        ),
        _ => format!(
            "mutation($u: ID!) {{ {action}MonthlyReport(unitId: $u, year: 2023, month: 1) {{ status version comment }} }}"
        ),
    };
    app.as_user(user, &query, json!({"u": unit.to_string(), "c": comment}))
        .await
}

fn answer<'a>(body: &'a Value, action: &str) -> &'a Value {
    &body["data"][format!("{action}MonthlyReport")]
}

async fn saving_replaces_only_the_given_measures_and_bumps_the_version(app: TestApp) {
    let c1 = app.tree.commune;
    let empty = report(&app, c1, 1).await;
    assert_eq!(empty["version"], 0);
    assert_eq!(empty["status"], "DRAFT");
    let first = app
        .save_month(
            "officer",
            c1,
            2023,
            1,
            &[("RECEIVED", 100), ("DIGITIZED", 40), ("SETTLED", 80)],
            None,
        )
        .await;
    assert_ok(&first);
    assert_eq!(first["data"]["saveMonthlyReport"]["version"], 1);
    let second = app
        .save_month(
            "officer",
            c1,
            2023,
            1,
            &[("DIGITIZED", 60), ("E_RESULT", 70)],
            Some(1),
        )
        .await;
    assert_ok(&second);
    assert_eq!(second["data"]["saveMonthlyReport"]["version"], 2);
    let stored = report(&app, c1, 1).await;
    assert_eq!(stored["version"], 2);
    assert_eq!(stored["status"], "DRAFT");
    assert_eq!(
        values(&stored),
        pairs(&[
            ("RECEIVED", 100),
            ("DIGITIZED", 60),
            ("SETTLED", 80),
            ("E_RESULT", 70)
        ])
    );
    // Saving nothing still counts as a change of the month.
    let third = app.save_month("officer", c1, 2023, 1, &[], Some(2)).await;
    assert_ok(&third);
    assert_eq!(third["data"]["saveMonthlyReport"]["version"], 3);
    assert_eq!(values(&report(&app, c1, 1).await).len(), 4);
    // Other months are untouched.
    assert_eq!(report(&app, c1, 2).await["version"], 0);
}

async fn every_consistency_rule_is_a_validation_error_naming_both_measures(app: TestApp) {
    let c1 = app.tree.commune;
    for (part, whole) in shared::measures::CONSISTENCY_RULES {
        let body = app
            .save_month("officer", c1, 2023, 1, &[(whole, 4), (part, 5)], None)
            .await;
        assert_error(&body, "VALIDATION");
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(
            message.contains(part) && message.contains(whole),
            "{part} > {whole}: the message should name both: {body}"
        );
        let details = &body["errors"][0]["extensions"]["details"];
        assert_eq!(
            details.as_array().map(Vec::len),
            Some(1),
            "{part} > {whole}: {body}"
        );
        assert_eq!(details[0]["part"], part, "{body}");
        assert_eq!(details[0]["whole"], whole, "{body}");
        assert_eq!(details[0]["partValue"], 5);
        assert_eq!(details[0]["wholeValue"], 4);
        assert_eq!(details[0]["unit"], "C1");
        assert_eq!(details[0]["month"], 1);
    }
    // Nothing of the rejected saves was stored; equal values are fine.
    assert_eq!(report(&app, c1, 1).await["version"], 0);
    let equal: Vec<(&str, i64)> = shared::measures::DEFAULT_MEASURES
        .iter()
        .map(|c| (*c, 7))
        .collect();
    assert_ok(&app.save_month("officer", c1, 2023, 1, &equal, None).await);
}

async fn a_consistency_rule_is_checked_against_the_figures_already_saved(app: TestApp) {
    let c1 = app.tree.commune;
    assert_ok(
        &app.save_month(
            "officer",
            c1,
            2023,
            1,
            &[("RECEIVED", 100), ("DIGITIZED", 50)],
            None,
        )
        .await,
    );
    let body = app
        .save_month("officer", c1, 2023, 1, &[("DIGITIZED", 150)], None)
        .await;
    assert_error(&body, "VALIDATION");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("DIGITIZED") && message.contains("RECEIVED"),
        "{body}"
    );
    let body = app
        .save_month("officer", c1, 2023, 1, &[("RECEIVED", 10)], None)
        .await;
    assert_error(&body, "VALIDATION");
    let stored = report(&app, c1, 1).await;
    assert_eq!(stored["version"], 1);
    assert_eq!(
        values(&stored),
        pairs(&[("RECEIVED", 100), ("DIGITIZED", 50)])
    );
}

async fn a_negative_value_is_a_validation_error_on_that_value(app: TestApp) {
    let c1 = app.tree.commune;
    let body = app
        .save_month(
            "officer",
            c1,
            2023,
            1,
            &[("RECEIVED", 10), ("DIGITIZED", -1)],
            None,
        )
        .await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("values[1].value"));
    let body = app
        .save_month("officer", c1, 2023, 1, &[("RECEIVED", -5)], None)
        .await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("values[0].value"));
    assert_eq!(report(&app, c1, 1).await["version"], 0);
}

async fn an_unknown_measure_code_is_a_validation_error(app: TestApp) {
    let c1 = app.tree.commune;
    let body = app
        .save_month(
            "officer",
            c1,
            2023,
            1,
            &[("RECEIVED", 10), ("NO_SUCH_MEASURE", 1)],
            None,
        )
        .await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("values[1].measureCode"));
    assert!(body.to_string().contains("NO_SUCH_MEASURE"), "{body}");
    assert_eq!(report(&app, c1, 1).await["version"], 0);
}

async fn a_month_or_year_out_of_range_is_a_validation_error_on_that_field(app: TestApp) {
    let c1 = app.tree.commune;
    for (year, month, field) in [(2023, 0, "month"), (2023, 13, "month"), (1999, 1, "year")] {
        let body = app
            .save_month("officer", c1, year, month, &[("RECEIVED", 1)], None)
            .await;
        assert_error(&body, "VALIDATION");
        assert_eq!(error_field(&body), Some(field), "{year}-{month}: {body}");
        let read = app
            .as_user(
                "officer",
                REPORT,
                json!({"u": c1.to_string(), "y": year, "m": month}),
            )
            .await;
        assert_error(&read, "VALIDATION");
        assert_eq!(error_field(&read), Some(field), "{year}-{month}: {read}");
    }
}

async fn a_stale_expected_version_is_a_conflict_and_changes_nothing(app: TestApp) {
    let c1 = app.tree.commune;
    assert_ok(
        &app.save_month("officer", c1, 2023, 1, &[("RECEIVED", 10)], Some(0))
            .await,
    );
    assert_ok(
        &app.save_month("admin", c1, 2023, 1, &[("RECEIVED", 20)], Some(1))
            .await,
    );
    for stale in [0, 1, 3] {
        let body = app
            .save_month("officer", c1, 2023, 1, &[("RECEIVED", 30)], Some(stale))
            .await;
        assert_error(&body, "CONFLICT");
    }
    let stored = report(&app, c1, 1).await;
    assert_eq!(stored["version"], 2);
    assert_eq!(values(&stored), pairs(&[("RECEIVED", 20)]));
    // A month never saved is at version 0.
    assert_error(
        &app.save_month("officer", c1, 2023, 2, &[("RECEIVED", 1)], Some(1))
            .await,
        "CONFLICT",
    );
    assert_eq!(report(&app, c1, 2).await["version"], 0);
}

async fn an_approved_month_is_read_only_until_reopened_with_a_comment(app: TestApp) {
    let c1 = app.tree.commune;
    let saved = app
        .save_month("officer", c1, 2023, 1, &[("RECEIVED", 10)], None)
        .await;
    assert_eq!(saved["data"]["saveMonthlyReport"]["status"], "DRAFT");
    let submitted = act(&app, "officer", "submit", c1, "").await;
    assert_ok(&submitted);
    assert_eq!(answer(&submitted, "submit")["status"], "SUBMITTED");
    assert_eq!(answer(&submitted, "submit")["version"], 2);
    assert_error(&act(&app, "officer", "submit", c1, "").await, "CONFLICT");

    let approved = act(&app, "province_manager", "approve", c1, "").await;
    assert_ok(&approved);
    assert_eq!(answer(&approved, "approve")["status"], "APPROVED");
    assert_eq!(answer(&approved, "approve")["version"], 3);
    let stored = report(&app, c1, 1).await;
    assert_eq!(stored["values"][0]["status"], "APPROVED");

    for user in ["officer", "admin"] {
        let body = app
            .save_month(user, c1, 2023, 1, &[("RECEIVED", 99)], None)
            .await;
        assert_error(&body, "CONFLICT");
    }
    assert_error(&act(&app, "officer", "submit", c1, "").await, "CONFLICT");
    let stored = report(&app, c1, 1).await;
    assert_eq!(stored["version"], 3);
    assert_eq!(stored["status"], "APPROVED");
    assert_eq!(values(&stored), pairs(&[("RECEIVED", 10)]));

    let reopened = act(&app, "admin", "reopen", c1, "Sai số hồ sơ tháng 1").await;
    assert_ok(&reopened);
    assert_eq!(answer(&reopened, "reopen")["status"], "DRAFT");
    assert_eq!(
        answer(&reopened, "reopen")["comment"],
        "Sai số hồ sơ tháng 1"
    );
    let saved = app
        .save_month("officer", c1, 2023, 1, &[("RECEIVED", 12)], Some(4))
        .await;
    assert_ok(&saved);
    assert_eq!(saved["data"]["saveMonthlyReport"]["status"], "DRAFT");
    assert_eq!(saved["data"]["saveMonthlyReport"]["version"], 5);
    // Admin approves too.
    assert_ok(&act(&app, "officer", "submit", c1, "").await);
    let approved = act(&app, "admin", "approve", c1, "").await;
    assert_eq!(
        answer(&approved, "approve")["status"],
        "APPROVED",
        "{approved}"
    );
    // A reopened-then-approved month shows no stale comment.
    assert!(answer(&approved, "approve")["comment"].is_null());
}

async fn a_rejected_month_shows_the_comment_and_can_be_saved_again(app: TestApp) {
    let c1 = app.tree.commune;
    assert_ok(
        &app.save_month("officer", c1, 2023, 1, &[("RECEIVED", 10)], None)
            .await,
    );
    assert_ok(&act(&app, "officer", "submit", c1, "").await);
    let rejected = act(&app, "province_manager", "reject", c1, "Thiếu số liệu PAKN").await;
    assert_ok(&rejected);
    assert_eq!(answer(&rejected, "reject")["status"], "REJECTED");
    let stored = report(&app, c1, 1).await;
    assert_eq!(stored["status"], "REJECTED");
    assert_eq!(stored["comment"], "Thiếu số liệu PAKN");
    let officer_view = app
        .as_user(
            "officer",
            REPORT,
            json!({"u": c1.to_string(), "y": 2023, "m": 1}),
        )
        .await;
    assert_eq!(
        officer_view["data"]["monthlyReport"]["comment"],
        "Thiếu số liệu PAKN"
    );
    let saved = app
        .save_month(
            "officer",
            c1,
            2023,
            1,
            &[("FEEDBACK", 4), ("FEEDBACK_ON_TIME", 3)],
            Some(3),
        )
        .await;
    assert_ok(&saved);
    assert_eq!(saved["data"]["saveMonthlyReport"]["status"], "DRAFT");
    assert_eq!(saved["data"]["saveMonthlyReport"]["version"], 4);
    // A rejected month may also be submitted again directly.
    assert_ok(&act(&app, "officer", "submit", c1, "").await);
    assert_ok(&act(&app, "admin", "approve", c1, "").await);
    assert_eq!(
        values(&report(&app, c1, 1).await),
        pairs(&[("RECEIVED", 10), ("FEEDBACK", 4), ("FEEDBACK_ON_TIME", 3)])
    );
}

async fn only_a_submitted_month_can_be_approved(app: TestApp) {
    let c1 = app.tree.commune;
    // Nothing saved yet.
    assert_error(&act(&app, "admin", "approve", c1, "").await, "CONFLICT");
    assert_ok(
        &app.save_month("officer", c1, 2023, 1, &[("RECEIVED", 10)], None)
            .await,
    );
    for action in ["approve", "reject", "reopen"] {
        let body = act(&app, "province_manager", action, c1, "Lý do").await;
        assert_error(&body, "CONFLICT");
    }
    let stored = report(&app, c1, 1).await;
    assert_eq!(stored["status"], "DRAFT");
    assert_eq!(stored["version"], 1);
    assert!(stored["comment"].is_null());
    // An approved month cannot be approved or rejected again.
    assert_ok(&act(&app, "officer", "submit", c1, "").await);
    assert_ok(&act(&app, "admin", "approve", c1, "").await);
    assert_error(&act(&app, "admin", "approve", c1, "").await, "CONFLICT");
    assert_error(&act(&app, "admin", "reject", c1, "Lý do").await, "CONFLICT");
    assert_eq!(report(&app, c1, 1).await["version"], 3);
}

async fn rejecting_or_reopening_without_a_comment_is_a_validation_error(app: TestApp) {
    let c1 = app.tree.commune;
    assert_ok(
        &app.save_month("officer", c1, 2023, 1, &[("RECEIVED", 10)], None)
            .await,
    );
    assert_ok(&act(&app, "officer", "submit", c1, "").await);
    for comment in ["", "   "] {
        let body = act(&app, "province_manager", "reject", c1, comment).await;
        assert_error(&body, "VALIDATION");
        assert_eq!(error_field(&body), Some("comment"));
    }
    assert_eq!(report(&app, c1, 1).await["status"], "SUBMITTED");
    assert_ok(&act(&app, "province_manager", "approve", c1, "").await);
    let body = act(&app, "admin", "reopen", c1, "").await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("comment"));
    let stored = report(&app, c1, 1).await;
    assert_eq!(stored["status"], "APPROVED");
    assert_eq!(stored["version"], 3);
}

async fn a_month_of_a_unit_that_does_not_exist_is_not_found(app: TestApp) {
    let missing = UnitId(999_999);
    for user in ["admin", "viewer", "officer"] {
        let body = app
            .as_user(
                user,
                REPORT,
                json!({"u": missing.to_string(), "y": 2023, "m": 1}),
            )
            .await;
        assert_error(&body, "NOT_FOUND");
    }
    let body = app
        .save_month("admin", missing, 2023, 1, &[("RECEIVED", 1)], None)
        .await;
    assert_error(&body, "NOT_FOUND");
}

async fn concurrent_saves_of_one_version_let_exactly_one_through(app: TestApp) {
    let c1 = app.tree.commune;
    assert_ok(
        &app.save_month("officer", c1, 2023, 1, &[("RECEIVED", 10)], None)
            .await,
    );
    app.token("admin").await;
    let (a, b, c, d) = tokio::join!(
        app.save_month("officer", c1, 2023, 1, &[("RECEIVED", 11)], Some(1)),
        app.save_month("admin", c1, 2023, 1, &[("RECEIVED", 12)], Some(1)),
        app.save_month("officer", c1, 2023, 1, &[("RECEIVED", 13)], Some(1)),
        app.save_month("admin", c1, 2023, 1, &[("RECEIVED", 14)], Some(1)),
    );
    let answers = [a, b, c, d];
    let winners: Vec<i64> = answers
        .iter()
        .zip([11, 12, 13, 14])
        .filter(|(body, _)| {
            if error_code(body).is_some() {
                assert_error(body, "CONFLICT");
                false
            } else {
                true
            }
        })
        .map(|(_, v)| v)
        .collect();
    assert_eq!(winners.len(), 1, "{answers:?}");
    let stored = report(&app, c1, 1).await;
    assert_eq!(stored["version"], 2);
    assert_eq!(values(&stored), pairs(&[("RECEIVED", winners[0])]));
    assert_eq!(
        backend::db::rollups::stored(app.db.conn()).await.unwrap(),
        backend::db::rollups::recompute(app.db.conn())
            .await
            .unwrap()
    );
}

async fn a_measure_given_twice_is_a_validation_error(app: TestApp) {
    let c1 = app.tree.commune;
    let body = app
        .save_month(
            "officer",
            c1,
            2023,
            1,
            &[("RECEIVED", 10), ("DIGITIZED", 1), ("RECEIVED", 12)],
            None,
        )
        .await;
    assert_error(&body, "VALIDATION");
    assert_eq!(error_field(&body), Some("values[2].measureCode"));
    assert_eq!(report(&app, c1, 1).await["version"], 0);
}
