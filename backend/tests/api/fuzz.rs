//! Property-based fuzzing of every mutation: from a valid request per mutation, proptest
//! derives requests with 1–3 of its variables replaced by wrong types, huge strings
//! (100 KB), unicode/RTL/NUL text, negative or overflowing numbers, nulls, or removed, or
//! with extra fields, and sends them as ADMIN to one server. Whatever comes in, the server
//! never answers 5xx or `INTERNAL`, every error carries a contract `extensions.code`, and a
//! request answered with an error stores nothing (the fingerprint of every table is
//! unchanged). `CASES` cases from a fixed seed.

use crate::both_databases;
use crate::helpers::*;
use crate::matrix::schema_fields;
use crate::probe::{assert_rollups_exact, fingerprint};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Map, Value, json};

both_databases!(
    malformed_variables_never_break_the_server_nor_store_anything_on_error,
    the_inputs_the_fuzz_once_broke_the_server_with_are_client_errors,
);

/// Requests per database.
const CASES: usize = 256;
const SEED: [u8; 32] = *b"chi-tieu reliability fuzz seed 1";
const CODES: [&str; 6] = [
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "NOT_FOUND",
    "VALIDATION",
    "CONFLICT",
    "RATE_LIMITED",
];

/// Ids of the objects the valid requests refer to.
struct Ids {
    unit: String,
    sub_unit: String,
    decision: String,
    target: String,
    staff: String,
    token: String,
    webhook: String,
    /// A published ranking (of an empty period, confirmed).
    ranking: String,
    /// An evidence file of an explanation request about the sub-unit.
    evidence: String,
    /// An account that is not the fuzzing ADMIN's (its sessions may be revoked).
    user: String,
    /// Explanation requests about the sub-unit in each state the follow-through mutations
    /// act on, an action, an indicator without a request and a cause.
    follow_up: FollowUpIds,
}

/// See [`Ids::follow_up`].
struct FollowUpIds {
    open: String,
    submitted: String,
    submitted_too: String,
    returned: String,
    action: String,
    free_indicator: String,
    cause: String,
}

async fn follow_up_ids(app: &TestApp, unit: shared::ids::UnitId, staff: &str) -> FollowUpIds {
    use crate::matrix::explanation_request as make;
    use shared::ExplanationStatus as S;
    let conn = app.db.conn();
    let by_code = |c: &'static str| backend::service::catalogue::indicator_by_code(conn, c);
    let indicator = by_code("DIGITIZATION_RATE").await.expect("indicator").id;
    let free_indicator = by_code("REUSE_RATE")
        .await
        .expect("indicator")
        .id
        .to_string();
    let (open, _) = make(app, unit, indicator, S::Open, None).await;
    let (submitted, _) = make(app, unit, indicator, S::Submitted, None).await;
    let (submitted_too, _) = make(app, unit, indicator, S::Submitted, None).await;
    let (returned, _) = make(app, unit, indicator, S::Returned, None).await;
    let (_, action) = make(app, unit, indicator, S::Accepted, Some(staff)).await;
    let cause = backend::db::causes::list(conn, false)
        .await
        .expect("causes")[0]
        .id
        .to_string();
    FollowUpIds {
        open,
        submitted,
        submitted_too,
        returned,
        action: action.expect("an action"),
        free_indicator,
        cause,
    }
}

async fn make_ids(app: &TestApp) -> Ids {
    let id = |b: &Value, f: &str| {
        b["data"][f]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{f}: {b}"))
            .to_owned()
    };
    let unit = app
        .as_user(
            "admin",
            "mutation($p: ID!) { createUnit(input: {code: \"F\", name: \"Sở Thử\", kind: DEPARTMENT, parentId: $p}) { id } }",
            json!({"p": app.tree.province.to_string()}),
        )
        .await;
    let unit = id(&unit, "createUnit");
    let sub = app
        .as_user(
            "admin",
            "mutation($p: ID!) { createUnit(input: {code: \"F.1\", name: \"Phòng Thử\", kind: DIVISION, parentId: $p}) { id } }",
            json!({"p": unit}),
        )
        .await;
    let sub_unit = id(&sub, "createUnit");
    let decision = app.decision("1/QĐ-UBND", 2023).await;
    let staff = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createStaff(input: {unitId: $u, fullName: \"Nguyễn Văn A\", position: \"Chuyên viên\"}) { id } }",
            json!({"u": sub_unit}),
        )
        .await;
    let staff = id(&staff, "createStaff");
    let target = app
        .as_user(
            "admin",
            "mutation($d: ID!, $u: ID!) { setTarget(input: {decisionId: $d, unitId: $u, indicatorCode: \"DIGITIZATION_RATE\", value: 80, baseline: 60}) { id } }",
            json!({"d": decision, "u": sub_unit}),
        )
        .await;
    let target = id(&target, "setTarget");
    let token = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createApiToken(name: \"Cổng\", unitId: $u) { apiToken { id } } }",
            json!({"u": sub_unit}),
        )
        .await;
    let token = token["data"]["createApiToken"]["apiToken"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let webhook = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createWebhook(url: \"https://203.0.113.20/h\", events: [REPORT_DUE], unitId: $u) { webhook { id } } }",
            json!({"u": sub_unit}),
        )
        .await;
    let webhook = webhook["data"]["createWebhook"]["webhook"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("createWebhook: {webhook}"))
        .to_owned();
    // Months in each workflow state, so that the workflow mutations have valid targets.
    let sub_id: shared::ids::UnitId = shared::ids::UnitId(sub_unit.parse().unwrap());
    for (month, steps) in [
        (1, &["submitMonthlyReport"][..]),
        (3, &["submitMonthlyReport", "approveMonthlyReport"][..]),
    ] {
        assert_ok(
            &app.save_month("admin", sub_id, 2023, month, &[("RECEIVED", 10)], None)
                .await,
        );
        for step in steps {
            assert_ok(
                &app.as_user(
                    "admin",
                    &format!("mutation($u: ID!, $m: Int!) {{ {step}(unitId: $u, year: 2023, month: $m) {{ status }} }}"),
                    json!({"u": sub_unit, "m": month}),
                )
                .await,
            );
        }
    }
    let user = app.as_user("officer", "{ me { id } }", json!({})).await["data"]["me"]["id"]
        .as_str()
        .expect("the officer's id")
        .to_owned();
    let evidence = crate::matrix::evidence_of(app, sub_id, 0).await.to_string();
    let follow_up = follow_up_ids(app, sub_id, &staff).await;
    let ranking = app
        .as_user(
            "admin",
            "mutation { publishRanking(period: {year: 2022, kind: YEAR}, kind: COMMUNE, confirmEmpty: true) { id } }",
            json!({}),
        )
        .await;
    let ranking = id(&ranking, "publishRanking");
    Ids {
        follow_up,
        ranking,
        user,
        evidence,
        unit,
        sub_unit,
        decision,
        target,
        staff,
        token,
        webhook,
    }
}

/// A valid request of every mutation, each argument a variable.
fn templates(ids: &Ids) -> Vec<(&'static str, &'static str, Value)> {
    let (u, f) = (&ids.unit, &ids.sub_unit);
    let month = |m: i32| json!({"u": f, "y": 2023, "m": m, "c": "Sai số liệu"});
    vec![
        (
            "login",
            "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }",
            json!({"u": "admin", "p": PASSWORD}),
        ),
        (
            "changePassword",
            "mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) }",
            json!({"o": "not-the-password", "n": "mot-mat-khau-moi-dai"}),
        ),
        ("logout", "mutation { logout }", json!({})),
        (
            "revokeSessions",
            "mutation($u: ID!) { revokeSessions(userId: $u) }",
            json!({"u": ids.user}),
        ),
        (
            "unlockLogin",
            "mutation($u: String!) { unlockLogin(username: $u) }",
            json!({"u": "viewer"}),
        ),
        (
            "createUser",
            "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
            json!({"i": {"username": "fuzz", "password": "mot-mat-khau-dai", "role": "OFFICER", "unitId": f, "staffId": ids.staff}}),
        ),
        (
            "setUserEmail",
            "mutation($u: ID!, $e: String) { setUserEmail(userId: $u, email: $e) { id } }",
            json!({"u": ids.user, "e": "hop.thu@donvi.gov.vn"}),
        ),
        (
            "lockUser",
            "mutation($u: ID!, $r: String!) { lockUser(userId: $u, reason: $r) { id } }",
            json!({"u": ids.user, "r": "Nghỉ phép dài hạn"}),
        ),
        (
            "unlockUser",
            "mutation($u: ID!) { unlockUser(userId: $u) { id } }",
            json!({"u": ids.user}),
        ),
        (
            "resetPassword",
            "mutation($u: ID!) { resetPassword(userId: $u) { temporaryPassword } }",
            json!({"u": ids.user}),
        ),
        (
            "setMutedMails",
            "mutation($k: [MailKind!]!) { setMutedMails(kinds: $k) { id } }",
            json!({"k": ["REMINDER", "DIGEST"]}),
        ),
        (
            "setReportingDeadline",
            "mutation($y: Int!, $m: Int!, $d: Date!, $a: Date!) { setReportingDeadline(year: $y, month: $m, dueOn: $d, approveBy: $a) { year } }",
            json!({"y": 2026, "m": 1, "d": "2026-02-24", "a": "2026-02-27"}),
        ),
        (
            "createApiToken",
            "mutation($n: String!, $u: ID!, $e: DateTime) { createApiToken(name: $n, unitId: $u, expiresAt: $e) { token } }",
            json!({"n": "Cổng mới", "u": f, "e": "2031-01-01T00:00:00Z"}),
        ),
        (
            "revokeApiToken",
            "mutation($id: ID!) { revokeApiToken(id: $id) { id } }",
            json!({"id": ids.token}),
        ),
        (
            "createWebhook",
            "mutation($url: String!, $e: [TodoKind!]!, $u: ID!) { createWebhook(url: $url, events: $e, unitId: $u) { secret } }",
            json!({"url": "https://203.0.113.21/moi", "e": ["REPORT_OVERDUE", "OFF_TRACK"], "u": f}),
        ),
        (
            "deleteWebhook",
            "mutation($id: ID!) { deleteWebhook(id: $id) }",
            json!({"id": ids.webhook}),
        ),
        (
            "createUnit",
            "mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }",
            json!({"i": {"code": "FZ", "name": "Xã Thử", "kind": "COMMUNE", "parentId": u}}),
        ),
        (
            "updateUnit",
            "mutation($id: ID!, $i: UpdateUnitInput!) { updateUnit(id: $id, input: $i) { id } }",
            json!({"id": f, "i": {"name": "Phòng Đổi", "kind": "DIVISION", "parentId": u, "active": true}}),
        ),
        (
            "mergeUnits",
            "mutation($i: MergeUnitsInput!, $d: Boolean!) { mergeUnits(input: $i, dryRun: $d) { id } }",
            json!({"d": true, "i": {"sourceIds": [f], "into": {"code": "FZM", "name": "Phòng Hợp Nhất", "kind": "DIVISION"}, "parentId": u, "effectiveOn": "2031-01-01", "decision": "1/NQ"}}),
        ),
        (
            "moveUnit",
            "mutation($i: MoveUnitInput!, $d: Boolean!) { moveUnit(input: $i, dryRun: $d) { id } }",
            json!({"d": true, "i": {"unitId": f, "parentId": u, "effectiveOn": "2031-01-01", "decision": "1/NQ"}}),
        ),
        (
            "renameUnit",
            "mutation($i: RenameUnitInput!, $d: Boolean!) { renameUnit(input: $i, dryRun: $d) { id } }",
            json!({"d": true, "i": {"unitId": f, "code": "FZR", "name": "Phòng Đổi Tên", "kind": "DIVISION", "effectiveOn": "2031-01-01", "decision": "1/NQ"}}),
        ),
        (
            "closeUnit",
            "mutation($i: CloseUnitInput!, $d: Boolean!) { closeUnit(input: $i, dryRun: $d) { id } }",
            json!({"d": true, "i": {"unitId": f, "effectiveOn": "2031-01-01", "decision": "1/NQ"}}),
        ),
        (
            "createStaff",
            "mutation($i: CreateStaffInput!) { createStaff(input: $i) { id } }",
            json!({"i": {"unitId": f, "fullName": "Trần Thị B", "position": "Chuyên viên", "isHead": false, "email": "b@example.vn"}}),
        ),
        (
            "createMeasure",
            "mutation($i: CreateMeasureInput!) { createMeasure(input: $i) { id } }",
            json!({"i": {"code": "FZ_MEASURE", "name": "Mới", "description": "Mô tả"}}),
        ),
        (
            "createIndicator",
            "mutation($i: CreateIndicatorInput!) { createIndicator(input: $i) { id } }",
            json!({"i": {"code": "FZ_RATE", "group": "DIGITIZATION", "name": "Mới", "kind": "RATE", "numeratorCode": "DIGITIZED", "denominatorCode": "RECEIVED", "direction": "HIGHER_IS_BETTER", "points": 1.5, "rule": "THRESHOLD", "threshold": 50.0}}),
        ),
        (
            "updateIndicator",
            "mutation($c: String!, $i: UpdateIndicatorInput!) { updateIndicator(code: $c, input: $i) { id } }",
            json!({"c": "REUSE_RATE", "i": {"name": "Tên", "group": "DIGITIZATION", "points": 2.0, "rule": "TARGET", "threshold": null, "active": true}}),
        ),
        (
            "updateMeasure",
            "mutation($c: String!, $i: UpdateMeasureInput!) { updateMeasure(code: $c, input: $i) { id } }",
            json!({"c": "REUSED", "i": {"name": "Tên", "nameEn": "Name", "description": "Mô tả"}}),
        ),
        (
            "createDecision",
            "mutation($i: CreateDecisionInput!) { createDecision(input: $i) { id } }",
            json!({"i": {"number": "2/QĐ-UBND", "title": "Giao chỉ tiêu", "issuedOn": "2023-02-08", "year": 2023}}),
        ),
        (
            "setTarget",
            "mutation($i: SetTargetInput!) { setTarget(input: $i) { id } }",
            json!({"i": {"decisionId": ids.decision, "unitId": f, "indicatorCode": "DIGITIZATION_RATE", "value": 85.0, "baseline": 60.0, "responsibleStaffId": ids.staff, "expectedVersion": 1, "roadmap": "RESCALE"}}),
        ),
        (
            "splitTarget",
            "mutation($t: ID!, $m: SplitMethod!, $g: Grain!, $v: [Float!]) { splitTarget(targetId: $t, method: $m, grain: $g, values: $v) { id } }",
            json!({"t": ids.target, "m": "MANUAL", "g": "QUARTER", "v": [20.0, 40.0, 60.0, 80.0]}),
        ),
        (
            "assignStaffTarget",
            "mutation($t: ID!, $s: ID!, $v: Float!) { assignStaffTarget(targetId: $t, staffId: $s, value: $v) { id } }",
            json!({"t": ids.target, "s": ids.staff, "v": 90.0}),
        ),
        (
            "saveMonthlyReport",
            "mutation($u: ID!, $y: Int!, $m: Int!, $v: [MeasureValueInput!]!, $e: Int) { saveMonthlyReport(unitId: $u, year: $y, month: $m, values: $v, expectedVersion: $e) { version } }",
            json!({"u": f, "y": 2023, "m": 2, "v": [{"measureCode": "RECEIVED", "value": 10}, {"measureCode": "DIGITIZED", "value": 5}], "e": null}),
        ),
        (
            "submitMonthlyReport",
            "mutation($u: ID!, $y: Int!, $m: Int!) { submitMonthlyReport(unitId: $u, year: $y, month: $m) { status } }",
            month(2),
        ),
        (
            "approveMonthlyReport",
            "mutation($u: ID!, $y: Int!, $m: Int!, $c: String) { approveMonthlyReport(unitId: $u, year: $y, month: $m, comment: $c) { status } }",
            month(1),
        ),
        (
            "approveMonthlyReports",
            "mutation($ms: [ReportMonthInput!]!, $c: String) { approveMonthlyReports(months: $ms, comment: $c) { approved code message } }",
            json!({"ms": [{"unitId": f, "year": 2023, "month": 1}, {"unitId": f, "year": 2023, "month": 3}], "c": "Đồng ý"}),
        ),
        (
            "removeEvidence",
            "mutation($id: ID!) { removeEvidence(id: $id) }",
            json!({"id": ids.evidence}),
        ),
        (
            "requestExplanation",
            "mutation($i: RequestExplanationInput!) { requestExplanation(input: $i) { id } }",
            json!({"i": {"unitId": f, "indicatorId": ids.follow_up.free_indicator, "year": 2023, "month": 1, "message": "Đề nghị giải trình", "dueOn": null}}),
        ),
        (
            "submitExplanation",
            "mutation($i: ExplainInput!) { submitExplanation(input: $i) { id actions { id } } }",
            json!({"i": {"requestId": ids.follow_up.open, "causeId": ids.follow_up.cause, "reason": "Người dân chưa quen nộp trực tuyến", "actions": [{"id": null, "description": "Hướng dẫn người dân", "ownerStaffId": ids.staff, "dueOn": "2099-12-31", "expectedEffect": "+40 hồ sơ/tháng"}]}}),
        ),
        (
            "acceptExplanation",
            "mutation($r: ID!, $c: String) { acceptExplanation(requestId: $r, comment: $c) { id } }",
            json!({"r": ids.follow_up.submitted, "c": "Đồng ý"}),
        ),
        (
            "returnExplanation",
            "mutation($r: ID!, $c: String!) { returnExplanation(requestId: $r, comment: $c) { id } }",
            json!({"r": ids.follow_up.submitted_too, "c": "Bổ sung tài liệu"}),
        ),
        (
            "completeAction",
            "mutation($a: ID!, $n: String) { completeAction(actionId: $a, note: $n) { id } }",
            json!({"a": ids.follow_up.action, "n": "Đã làm"}),
        ),
        (
            "recordExplanationViolation",
            "mutation($i: RecordExplanationViolationInput!) { recordExplanationViolation(input: $i) { id } }",
            json!({"i": {"requestId": ids.follow_up.returned, "staffId": ids.staff, "kind": "DELAY", "description": "Không giải trình", "handling": "REMINDER"}}),
        ),
        (
            "createExplanationCause",
            "mutation($c: String!, $n: String!) { createExplanationCause(code: $c, name: $n) { id } }",
            json!({"c": "FUZZ", "n": "Nguyên nhân thử"}),
        ),
        (
            "updateExplanationCause",
            "mutation($i: ID!, $n: String, $a: Boolean) { updateExplanationCause(id: $i, name: $n, active: $a) { id } }",
            json!({"i": ids.follow_up.cause, "n": "Tên mới", "a": true}),
        ),
        (
            "setExplanationSettings",
            "mutation($a: Boolean!, $d: Int!) { setExplanationSettings(includeAtRisk: $a, dueDays: $d) { dueDays } }",
            json!({"a": false, "d": 10}),
        ),
        (
            "addComment",
            "mutation($i: AddCommentInput!) { addComment(input: $i) { id replies { id } } }",
            json!({"i": {"subject": "REPORT", "unitId": f, "year": 2023, "month": 1, "body": "Ý kiến"}}),
        ),
        (
            "rejectMonthlyReport",
            "mutation($u: ID!, $y: Int!, $m: Int!, $c: String!) { rejectMonthlyReport(unitId: $u, year: $y, month: $m, comment: $c) { status } }",
            month(1),
        ),
        (
            "reopenMonthlyReport",
            "mutation($u: ID!, $y: Int!, $m: Int!, $c: String!) { reopenMonthlyReport(unitId: $u, year: $y, month: $m, comment: $c) { status } }",
            month(3),
        ),
        (
            "recordViolation",
            "mutation($i: RecordViolationInput!) { recordViolation(input: $i) { id } }",
            json!({"i": {"unitId": f, "staffId": ids.staff, "occurredOn": "2023-03-01", "kind": "DELAY", "description": "Trễ hạn", "dossierRef": "H44.07-001", "handling": "NONE"}}),
        ),
        (
            "publishRanking",
            "mutation($p: PeriodInput!, $k: UnitKind!, $c: Boolean) { publishRanking(period: $p, kind: $k, confirmEmpty: $c) { id } }",
            json!({"p": {"year": 2023, "kind": "MONTH", "index": 1}, "k": "COMMUNE", "c": true}),
        ),
        (
            "withdrawRanking",
            "mutation($i: ID!, $r: String!) { withdrawRanking(id: $i, reason: $r) { id } }",
            json!({"i": ids.ranking, "r": "Công bố nhầm kỳ"}),
        ),
        // Sent as JSON these carry no file: only their other arguments are fuzzed here. The
        // files themselves are fuzzed in imports.rs (over HTTP) and by cargo fuzz.
        (
            "importFigures",
            "mutation($f: Upload!, $d: Boolean, $s: Boolean) { importFigures(file: $f, dryRun: $d, submit: $s) { stored } }",
            json!({"f": null, "d": true, "s": false}),
        ),
        (
            "importTargets",
            "mutation($f: Upload!, $i: ID!, $d: Boolean) { importTargets(decisionId: $i, file: $f, dryRun: $d) { stored } }",
            json!({"f": null, "i": ids.decision, "d": false}),
        ),
        (
            "importOfficialFigures",
            "mutation($f: Upload!, $d: Boolean) { importOfficialFigures(file: $f, dryRun: $d) { stored } }",
            json!({"f": null, "d": false}),
        ),
        (
            "importStaffFigures",
            "mutation($u: ID!, $f: Upload!, $d: Boolean!) { importStaffFigures(unitId: $u, file: $f, dryRun: $d) { stored } }",
            json!({"u": ids.sub_unit, "f": null, "d": false}),
        ),
        (
            "saveStaffFigures",
            "mutation($u: ID!, $y: Int!, $m: Int!, $f: [StaffFigureInput!]!) { saveStaffFigures(unitId: $u, year: $y, month: $m, figures: $f) { saved cleared } }",
            json!({"u": ids.sub_unit, "y": 2023, "m": 4, "f": [{"staffId": ids.staff, "measureCode": "RECEIVED", "value": 12}]}),
        ),
        (
            "setStaffRanking",
            "mutation($u: ID!, $e: Boolean!) { setStaffRanking(unitId: $u, enabled: $e) }",
            json!({"u": ids.sub_unit, "e": true}),
        ),
        (
            "setHeadUnitWeight",
            "mutation($p: Float!) { setHeadUnitWeight(percent: $p) }",
            json!({"p": 40.0}),
        ),
    ]
}

/// One change to a request's variables.
#[derive(Debug, Clone)]
enum Change {
    /// Replace the value at the picked place (the whole variables object included).
    Replace(Value),
    /// Remove the picked field.
    Remove,
    /// Add a field unknown to the schema next to the picked one.
    Extra(String, Value),
    /// Replace the value at the picked place by a hostile one of the same JSON type (text
    /// for text, integer for integer, …), so that it passes the GraphQL types and reaches
    /// the services.
    Twist(String, i64, f64),
}

/// Text that servers choke on.
fn nasty_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("   ".to_owned()),
        Just("x".repeat(100_000)),
        Just("Đ".repeat(50_000)),
        Just("\u{0}".to_owned()),
        Just("abc\u{0}def".to_owned()),
        Just("\u{202E}gnp.exe\u{202C} مرحبا שלום".to_owned()),
        Just("😀👨‍👩‍👧‍👦\u{FEFF}\u{200B}".to_owned()),
        Just("'; DROP TABLE units; --".to_owned()),
        Just("NaN".to_owned()),
        Just("Infinity".to_owned()),
        Just("-1".to_owned()),
        Just("1e999".to_owned()),
        Just("99999999999999999999".to_owned()),
        Just("2023-02-30".to_owned()),
        Just("0".to_owned()),
        Just("1".to_owned()),
        Just("2147483648".to_owned()),
        Just("00000001".to_owned()),
        Just("0000-00-00T00:00:00Z".to_owned()),
        "\\PC{0,40}",
        "[\\x00-\\x1f\\x7f]{1,8}",
    ]
}

/// A value of any JSON type, mostly hostile.
fn wild() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop_oneof![
            Just(i64::MAX),
            Just(i64::MIN),
            Just(i64::from(i32::MAX) + 1),
            Just(i64::from(i32::MIN) - 1),
            Just(-1),
            Just(0),
        ]
        .prop_map(Value::from),
        prop_oneof![
            Just(1e308),
            Just(-1e308),
            Just(f64::MIN_POSITIVE),
            Just(-0.0),
            Just(0.5),
            any::<f64>().prop_filter("finite", |f| f.is_finite()),
        ]
        .prop_map(Value::from),
        nasty_text().prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-zA-Z]{1,8}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Integers that break ranges and arithmetic, some of them valid GraphQL `Int`s.
fn nasty_int() -> impl Strategy<Value = i64> {
    prop_oneof![
        Just(i64::from(i32::MAX)),
        Just(i64::from(i32::MIN)),
        Just(-1),
        Just(0),
        Just(13),
        Just(1999),
        Just(2101),
        any::<i32>().prop_map(i64::from),
        any::<i64>(),
    ]
}

/// Floats out of every range, and the edges of the valid ones.
fn nasty_float() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(1e308),
        Just(-1e308),
        Just(-0.0),
        Just(0.0),
        Just(100.000_001),
        Just(101.0),
        Just(-5.0),
        Just(5e-324),
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
    ]
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        6 => (nasty_text(), nasty_int(), nasty_float())
            .prop_map(|(s, i, f)| Change::Twist(s, i, f)),
        4 => wild().prop_map(Change::Replace),
        2 => Just(Change::Remove),
        1 => ("[a-z]{1,10}", wild()).prop_map(|(k, v)| Change::Extra(format!("zz{k}"), v)),
    ]
}

/// A case: which mutation, and up to three (place, change) pairs; a place is an index into
/// the variables' nodes, taken modulo their number.
fn case() -> impl Strategy<Value = (usize, Vec<(usize, Change)>)> {
    (
        any::<usize>(),
        proptest::collection::vec((any::<usize>(), change()), 1..=3),
    )
}

/// Every node of `v` as a path of keys (objects) and indexes (arrays); the root is `[]`.
fn places(v: &Value, path: Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let mut p = path.clone();
                p.push(Value::from(k.as_str()));
                places(child, p, out);
            }
        }
        Value::Array(l) => {
            for (i, child) in l.iter().enumerate() {
                let mut p = path.clone();
                p.push(Value::from(i));
                places(child, p, out);
            }
        }
        _ => {}
    }
    out.push(path);
}

fn apply(vars: &mut Value, path: &[Value], change: &Change) {
    if let Change::Twist(text, int, float) = change {
        let mut node = &mut *vars;
        for key in path {
            node = match key {
                Value::String(k) => &mut node[k.as_str()],
                _ => &mut node[key.as_u64().unwrap_or(0) as usize],
            };
        }
        *node = match &*node {
            Value::String(_) => Value::from(text.as_str()),
            Value::Number(n) if n.is_i64() => Value::from(*int),
            Value::Number(_) => Value::from(*float),
            Value::Bool(b) => Value::from(!b),
            Value::Null => Value::from(text.as_str()),
            other => other.clone(),
        };
        return;
    }
    let Some((last, parent_path)) = path.split_last() else {
        match change {
            Change::Replace(v) => *vars = v.clone(),
            Change::Remove | Change::Twist(..) => *vars = Value::Null,
            Change::Extra(k, v) => {
                if let Value::Object(m) = vars {
                    m.insert(k.clone(), v.clone());
                }
            }
        }
        return;
    };
    let mut parent = &mut *vars;
    for key in parent_path {
        parent = match key {
            Value::String(k) => &mut parent[k.as_str()],
            _ => &mut parent[key.as_u64().unwrap_or(0) as usize],
        };
    }
    match (parent, last, change) {
        (Value::Object(m), Value::String(k), Change::Replace(v)) => {
            m.insert(k.clone(), v.clone());
        }
        (Value::Object(m), Value::String(k), Change::Remove) => {
            m.remove(k);
        }
        (Value::Object(m), _, Change::Extra(k, v)) => {
            m.insert(k.clone(), v.clone());
        }
        (Value::Array(l), Value::Number(i), Change::Replace(v)) => {
            let i = i.as_u64().unwrap_or(0) as usize;
            l[i] = v.clone();
        }
        (Value::Array(l), Value::Number(i), Change::Remove) => {
            l.remove(i.as_u64().unwrap_or(0) as usize);
        }
        (Value::Array(l), _, Change::Extra(_, v)) => l.push(v.clone()),
        _ => {}
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 600 {
        format!("{}… ({} bytes)", &s[..s.floor_char_boundary(600)], s.len())
    } else {
        s
    }
}

async fn malformed_variables_never_break_the_server_nor_store_anything_on_error(app: TestApp) {
    let ids = make_ids(&app).await;
    let templates = templates(&ids);
    let mutations = schema_fields("Mutation");
    for m in &mutations {
        assert!(
            templates.iter().any(|t| t.0 == m),
            "mutation {m} has no valid request in fuzz.rs"
        );
    }
    let mut token = app.token("admin").await;
    let config = Config {
        cases: CASES as u32,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &SEED));
    let strategy = case();
    let mut before = fingerprint(&app.db).await;
    let (mut refused, mut accepted) = (0, 0);
    for n in 0..CASES {
        let (pick, changes) = strategy.new_tree(&mut runner).unwrap().current();
        let (field, query, valid) = &templates[pick % templates.len()];
        let mut vars = valid.clone();
        for (at, change) in &changes {
            let mut all = Vec::new();
            places(&vars, Vec::new(), &mut all);
            apply(&mut vars, &all[at % all.len()], change);
        }
        let what = format!("case {n}: {field} with {}", short(&vars));
        let res = app
            .client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(&token)
            .json(&json!({"query": query, "variables": vars}))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{what}: no answer ({e})"));
        let status = res.status();
        assert!(!status.is_server_error(), "{what}: HTTP {status}");
        let body: Value = res
            .json()
            .await
            .unwrap_or_else(|e| panic!("{what}: not JSON ({e})"));
        let after = fingerprint(&app.db).await;
        match body.get("errors").and_then(Value::as_array) {
            Some(errors) if !errors.is_empty() => {
                refused += 1;
                for e in errors {
                    let code = e["extensions"]["code"].as_str();
                    assert!(
                        code.is_some_and(|c| CODES.contains(&c)),
                        "{what}: error without a client code: {}",
                        short(&body)
                    );
                }
                assert!(
                    after == before,
                    "{what}: refused ({}) but changed {:?}",
                    short(&body),
                    after.diff(&before)
                );
            }
            _ => {
                accepted += 1;
                assert!(
                    !body["data"][*field].is_null(),
                    "{what}: neither data nor errors: {}",
                    short(&body)
                );
            }
        }
        before = after;
        if *field == "logout" {
            // A logout ended the ADMIN's session: open another for the next cases.
            let fresh = app.login("admin", PASSWORD).await;
            token = fresh["data"]["login"]["token"]
                .as_str()
                .unwrap_or_else(|| panic!("{what}: login again: {fresh}"))
                .to_owned();
            before = fingerprint(&app.db).await;
        }
    }
    assert_rollups_exact(&app.db, "after the fuzz").await;
    let problems = backend::db::integrity::problems(app.db.conn())
        .await
        .unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    // The valid requests were mostly broken: most cases are refused.
    assert!(
        refused > CASES / 2,
        "{refused} refused, {accepted} accepted"
    );
}

/// Each of these answered INTERNAL (a NUL on PostgreSQL, a foreign key to no unit) until
/// the fuzz found it; a NUL now gets VALIDATION on both databases.
async fn the_inputs_the_fuzz_once_broke_the_server_with_are_client_errors(app: TestApp) {
    let decision = app.decision("1/QĐ-UBND", 2023).await;
    let unit = app.tree.commune.to_string();
    let before = fingerprint(&app.db).await;
    let cases = [
        (
            "mutation { login(username: \"\\u0000\", password: \"mat-khau-thu-nghiem\") { token } }",
            json!({}),
            "VALIDATION",
        ),
        (
            "mutation { createApiToken(name: \"Cổng\", unitId: \"999999\") { token } }",
            json!({}),
            "NOT_FOUND",
        ),
        (
            "mutation { recordViolation(input: {unitId: \"999999\", occurredOn: \"2023-03-01\", kind: DELAY, description: \"Trễ\"}) { id } }",
            json!({}),
            "NOT_FOUND",
        ),
        (
            "mutation($d: ID!, $u: ID!, $c: String!) { setTarget(input: {decisionId: $d, unitId: $u, indicatorCode: $c, value: 80}) { id } }",
            json!({"d": decision, "u": unit, "c": "\u{0}"}),
            "VALIDATION",
        ),
        (
            "query($c: String) { unit(code: $c) { id } }",
            json!({"c": "C1\u{0}"}),
            "VALIDATION",
        ),
    ];
    // NUL text is refused at the door, with the same answer on both databases.
    for (query, vars, code) in cases {
        let body = app.as_user("admin", query, vars.clone()).await;
        assert_error(&body, code);
        if query.contains("\\u0000") || vars.to_string().contains("\\u0000") {
            assert!(
                body["errors"][0]["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("NUL")),
                "{body}"
            );
        }
    }
    assert_eq!(fingerprint(&app.db).await, before);
}
