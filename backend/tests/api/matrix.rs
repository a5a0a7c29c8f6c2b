//! The authorization matrix as data: every mutation and every query of the schema × every
//! kind of caller (ADMIN of the root, MANAGER, OFFICER, VIEWER, API token, ADMIN below the
//! root, anonymous) × a target unit at the caller's own unit, below it, or outside its
//! subtree, with the expected outcome.
//! One test runs the whole table against the real server and proves that a refused call
//! stored nothing (a fingerprint of every table is unchanged); another fails when the schema
//! has a field without a row.

use crate::both_databases;
use crate::helpers::*;
use crate::probe::{audit_count, fingerprint};
use serde_json::{Value, json};
use shared::Role;
use shared::ids::UnitId;
use std::collections::HashMap;

both_databases!(every_caller_gets_exactly_what_the_authorization_matrix_says);

/// What a call must give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A mutation succeeds and stores its change; a query shows the target's data.
    O,
    /// A query answers without the target's data (null, empty, not in the list).
    A,
    /// FORBIDDEN.
    F,
    /// NOT_FOUND.
    N,
    /// UNAUTHENTICATED.
    U,
    /// VALIDATION: an imported file naming a unit the caller may not write is refused
    /// whole, with an OUT_OF_SCOPE problem on that row.
    V,
    /// A preview (dryRun) that succeeds and stores nothing.
    P,
    /// VALIDATION: a change the province root cannot undergo (merged, moved or closed).
    R,
    /// Not applicable: no such placement for this caller, or the field has no target unit
    /// (then only the first column is run).
    X,
}
use Expect::*;

/// The usernames of the callers that are accounts, in the order of [`CALLERS`] (the
/// token has none).
const USERNAMES: [&str; 6] = [
    "admin",
    "manager",
    "officer_d1",
    "viewer_d1",
    "",
    "admin_d1",
];

/// The callers, in the order of the table's columns. All but ADMIN are scoped to D1; the
/// last is an ADMIN account placed on D1, which acts only in D1's subtree and holds none of
/// the province-wide powers (catalogue, decisions, rankings).
const CALLERS: [&str; 6] = [
    "ADMIN",
    "MANAGER",
    "OFFICER",
    "VIEWER",
    "TOKEN",
    "ADMIN at D1",
];

/// A row: the schema field, and for each caller (ADMIN at T, the others at D1) the outcome
/// on a unit that is its own (T or D1), below it (D1.1), and outside its subtree (C1);
/// then the outcome for an anonymous caller (on D1.1).
type Row = (&'static str, [[Expect; 3]; 6], Expect);

#[rustfmt::skip]
const MATRIX: &[Row] = &[
    // Mutations aimed at a unit.   ADMIN        MANAGER      OFFICER      VIEWER       TOKEN        ADMIN at D1  anonymous
    // Previews (dryRun) of the changes that end a unit, first while D1.1 has no children;
    // the province root cannot be merged, moved or closed, and a unit never leaves a scoped
    // ADMIN's subtree.
    ("mergeUnits",                [[R, P, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [F, P, F]], U),
    ("moveUnit",                  [[R, P, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [F, F, F]], U),
    ("closeUnit",                 [[R, P, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [F, P, F]], U),
    ("createUnit",                [[O, O, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [O, O, F]], U),
    ("updateUnit",                [[O, O, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [F, O, F]], U),
    ("renameUnit",                [[O, O, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [F, O, F]], U),
    ("createStaff",               [[O, O, X], [O, O, F], [F, F, F], [F, F, F], [F, F, F], [O, O, F]], U),
    ("createUser",                [[O, O, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [O, O, F]], U),
    ("createApiToken",            [[O, O, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [O, O, F]], U),
    ("revokeApiToken",            [[O, O, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [O, O, F]], U),
    ("createWebhook",             [[O, O, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [O, O, F]], U),
    ("deleteWebhook",             [[O, O, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [O, O, F]], U),
    ("setTarget",                 [[O, O, X], [F, O, F], [F, F, F], [F, F, F], [F, F, F], [F, O, F]], U),
    ("splitTarget",               [[O, O, X], [O, O, N], [F, F, F], [F, F, F], [F, F, F], [O, O, N]], U),
    ("assignStaffTarget",         [[O, O, X], [O, O, N], [F, F, F], [F, F, F], [F, F, F], [O, O, N]], U),
    ("saveMonthlyReport",         [[O, O, X], [O, O, F], [O, O, F], [F, F, F], [F, F, F], [O, O, F]], U),
    // Personal figures: an OFFICER for its own unit only; a unit outside is not found.
    ("saveStaffFigures",          [[O, O, X], [O, O, N], [O, F, N], [F, F, F], [F, F, F], [O, O, N]], U),
    ("importStaffFigures",        [[O, O, X], [O, O, N], [O, F, N], [F, F, F], [F, F, F], [O, O, N]], U),
    ("setStaffRanking",           [[O, O, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [O, O, N]], U),
    ("setHeadUnitWeight",         [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X]], U),
    ("submitMonthlyReport",       [[O, O, X], [O, O, F], [O, O, F], [F, F, F], [F, F, F], [O, O, F]], U),
    ("approveMonthlyReport",      [[O, O, X], [F, O, F], [F, F, F], [F, F, F], [F, F, F], [F, O, F]], U),
    ("rejectMonthlyReport",       [[O, O, X], [F, O, F], [F, F, F], [F, F, F], [F, F, F], [F, O, F]], U),
    ("reopenMonthlyReport",       [[O, O, X], [F, O, F], [F, F, F], [F, F, F], [F, F, F], [F, O, F]], U),
    // Several months at once: the same rights as one, checked month by month.
    ("approveMonthlyReports",     [[O, O, X], [F, O, F], [F, F, F], [F, F, F], [F, F, F], [F, O, F]], U),
    ("recordViolation",           [[O, O, X], [O, O, F], [F, F, F], [F, F, F], [F, F, F], [O, O, F]], U),
    // Evidence uploaded by the root's ADMIN: its uploader or the level above removes it.
    ("removeEvidence",            [[O, O, X], [F, O, N], [F, F, N], [F, F, F], [F, F, F], [F, O, N]], U),
    // Leaders comment too; a token never writes.
    ("addComment",                [[O, O, X], [O, O, N], [O, O, N], [O, O, N], [F, F, F], [O, O, N]], U),
    ("importFigures",             [[O, O, X], [O, O, V], [O, O, V], [F, F, F], [F, F, F], [O, O, V]], U),
    ("importTargets",             [[O, O, X], [V, O, V], [F, F, F], [F, F, F], [F, F, F], [V, O, V]], U),
    ("importOfficialFigures",     [[O, O, X], [O, O, V], [F, F, F], [F, F, F], [F, F, F], [O, O, V]], U),
    ("revokeSessions",            [[O, O, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [O, O, F]], U),
    // Another account's e-mail address: only an ADMIN with the account's unit in scope.
    ("setUserEmail",              [[O, O, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [O, O, F]], U),
    // Locking, unlocking and resetting an account of the unit: only an ADMIN with it in scope.
    ("lockUser",                  [[O, O, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [O, O, F]], U),
    ("unlockUser",                [[O, O, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [O, O, F]], U),
    ("resetPassword",             [[O, O, X], [F, F, F], [F, F, F], [F, F, F], [F, F, F], [O, O, F]], U),
    // Follow-through: asked, reviewed and turned into a violation by the level above; given
    // and its actions marked done by anyone but a viewer in scope; NOT_FOUND outside.
    ("requestExplanation",        [[O, O, X], [F, O, N], [F, F, F], [F, F, F], [F, F, F], [F, O, N]], U),
    ("submitExplanation",         [[O, O, X], [O, O, N], [O, O, N], [F, F, F], [F, F, F], [O, O, N]], U),
    ("acceptExplanation",         [[O, O, X], [F, O, N], [F, F, F], [F, F, F], [F, F, F], [F, O, N]], U),
    ("returnExplanation",         [[O, O, X], [F, O, N], [F, F, F], [F, F, F], [F, F, F], [F, O, N]], U),
    ("completeAction",            [[O, O, X], [O, O, N], [O, O, N], [F, F, F], [F, F, F], [O, O, N]], U),
    ("recordExplanationViolation",[[O, O, X], [F, O, N], [F, F, F], [F, F, F], [F, F, F], [F, O, N]], U),
    // Mutations without a unit: one call per caller.
    ("createMeasure",             [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X]], U),
    ("createIndicator",           [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X]], U),
    ("updateIndicator",           [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X]], U),
    ("updateMeasure",             [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X]], U),
    ("createDecision",            [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X]], U),
    ("publishRanking",            [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X]], U),
    ("withdrawRanking",           [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X]], U),
    ("changePassword",            [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [F, X, X], [O, X, X]], U),
    ("login",                     [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X]], O),
    ("logout",                    [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [F, X, X], [O, X, X]], U),
    // The probe account is on C1, outside D1: only the province's ADMIN unlocks it.
    ("unlockLogin",               [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X]], U),
    ("setMutedMails",             [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [F, X, X], [O, X, X]], U),
    ("setReportingDeadline",      [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X]], U),
    ("createExplanationCause",    [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X]], U),
    ("updateExplanationCause",    [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X]], U),
    ("setExplanationSettings",    [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X]], U),
    // Queries about a unit: absent or NOT_FOUND outside the caller's subtree.
    ("unit",                      [[O, O, X], [O, O, A], [O, O, A], [O, O, A], [O, O, A], [O, O, A]], U),
    ("units",                     [[O, O, X], [O, O, A], [O, O, A], [O, O, A], [O, O, A], [O, O, A]], U),
    ("unitsPage",                 [[O, O, X], [O, O, A], [O, O, A], [O, O, A], [O, O, A], [O, O, A]], U),
    ("staff",                     [[O, O, X], [O, O, N], [O, O, N], [O, O, N], [O, O, N], [O, O, N]], U),
    ("staffPage",                 [[O, O, X], [O, O, N], [O, O, N], [O, O, N], [O, O, N], [O, O, N]], U),
    ("targets",                   [[O, O, X], [O, O, A], [O, O, A], [O, O, A], [O, O, A], [O, O, A]], U),
    ("targetsPage",               [[O, O, X], [O, O, A], [O, O, A], [O, O, A], [O, O, A], [O, O, A]], U),
    ("previewSplit",              [[O, O, X], [O, O, N], [F, F, F], [F, F, F], [F, F, F], [O, O, N]], U),
    ("monthlyReport",             [[O, O, X], [O, O, N], [O, O, N], [O, O, N], [O, O, N], [O, O, N]], U),
    ("indicatorResults",          [[O, O, X], [O, O, A], [O, O, A], [O, O, A], [O, O, A], [O, O, A]], U),
    ("indicatorSeries",           [[O, O, X], [O, O, A], [O, O, A], [O, O, A], [O, O, A], [O, O, A]], U),
    ("scoreboard",                [[O, O, X], [O, O, A], [O, O, A], [O, O, A], [O, O, A], [O, O, A]], U),
    ("violations",                [[O, O, X], [O, O, N], [O, O, N], [O, O, N], [O, O, N], [O, O, N]], U),
    ("violationsPage",            [[O, O, X], [O, O, N], [O, O, N], [O, O, N], [O, O, N], [O, O, N]], U),
    ("measureValues",             [[O, O, X], [O, O, N], [O, O, N], [O, O, N], [O, O, N], [O, O, N]], U),
    ("timeliness",                [[O, O, X], [O, O, N], [O, O, N], [O, O, N], [O, O, N], [O, O, N]], U),
    ("unitTimeliness",            [[O, O, X], [O, O, N], [O, O, N], [O, O, N], [O, O, N], [O, O, N]], U),
    ("explanationRequests",       [[O, O, X], [O, O, N], [O, O, N], [O, O, N], [O, O, N], [O, O, N]], U),
    ("explanationRequest",        [[O, O, X], [O, O, A], [O, O, A], [O, O, A], [O, O, A], [O, O, A]], U),
    ("reportComments",            [[O, O, X], [O, O, N], [O, O, N], [O, O, N], [O, O, N], [O, O, N]], U),
    ("targetComments",            [[O, O, X], [O, O, N], [O, O, N], [O, O, N], [O, O, N], [O, O, N]], U),
    // Queries without a unit.
    ("me",                        [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [F, X, X], [O, X, X]], U),
    ("apiTokens",                 [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [O, X, X]], U),
    ("users",                     [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [O, X, X]], U),
    ("webhooks",                  [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [O, X, X]], U),
    // The outbox is the province's: only its root's ADMIN reads it.
    ("notifications",             [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X]], U),
    ("auditLog",                  [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [O, X, X]], U),
    ("auditLogPage",              [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [O, X, X]], U),
    ("measures",                  [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X]], U),
    ("indicators",                [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X]], U),
    ("indicatorGroups",           [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X]], U),
    ("consistencyRules",          [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X]], U),
    ("decisions",                 [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X]], U),
    ("publishedRankings",         [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X]], U),
    ("publishedRankingsPage",     [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X]], U),
    // What publishing would freeze: only who may publish sees it.
    ("rankingPreview",            [[O, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X], [F, X, X]], U),
    // Personal cards: a staff member's own, or an ADMIN's and MANAGER's in scope; the sheet
    // to those who enter the figures. Ranking answers once switched on (setStaffRanking).
    ("staffFigureSheet",          [[O, O, X], [O, O, N], [O, F, N], [F, F, F], [F, F, F], [O, O, N]], U),
    ("staffScorecard",            [[O, O, X], [O, O, N], [N, N, N], [N, N, N], [N, N, N], [O, O, N]], U),
    ("unitStaffProgress",         [[O, O, X], [O, O, N], [A, A, N], [A, A, N], [A, A, N], [O, O, N]], U),
    ("staffRanking",              [[O, O, X], [O, O, N], [A, A, N], [A, A, N], [A, A, N], [O, O, N]], U),
    ("reorganizations",           [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X]], U),
    ("reportingDeadlines",        [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X]], U),
    ("todo",                      [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X]], U),
    ("explanationCauses",         [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X]], U),
    ("explanationSettings",       [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X]], U),
    ("viewer",                    [[O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X], [O, X, X]], U),
];

const PLACEMENTS: [&str; 3] = ["own unit", "unit below", "unit outside"];

/// The decision, and per unit a target, a staff member, a violation and an explanation
/// request, made by admin.
struct Fixtures {
    decision: String,
    targets: HashMap<UnitId, String>,
    staff: HashMap<UnitId, String>,
    requests: HashMap<UnitId, String>,
    indicator: shared::ids::IndicatorId,
}

/// An explanation request of `unit` at `status` (with one planned action of `owner` when
/// given), written straight into the database with an audit entry, so that the matrix
/// takes a new fingerprint; its id and the action's.
pub async fn explanation_request(
    app: &TestApp,
    unit: UnitId,
    indicator: shared::ids::IndicatorId,
    status: shared::ExplanationStatus,
    owner: Option<&str>,
) -> (String, Option<String>) {
    use backend::db::entities::explanation_request as er;
    use backend::db::explanations::{self, NewRequest};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let conn = app.db.conn();
    let now = app.db.now();
    let today = app.db.clock().today();
    let new = NewRequest {
        unit_id: unit,
        indicator_id: indicator,
        year: 2023,
        month: 1,
        track_status: shared::TrackStatus::OffTrack,
        auto_key: None,
        requested_by: None,
        requested_at: now,
        due_on: today + chrono::Duration::days(7),
        message: None,
    };
    let r = explanations::insert(conn, new)
        .await
        .expect("insert a request");
    er::Entity::update_many()
        .col_expr(er::Column::Status, sea_orm::sea_query::Expr::value(status))
        .filter(er::Column::Id.eq(r.id.0))
        .exec(conn)
        .await
        .expect("set the status");
    let action = match owner {
        Some(owner) => {
            let a = backend::domain::follow_up::plan::ProposedAction {
                id: None,
                description: "Tuyên truyền".into(),
                owner: shared::ids::StaffId(owner.parse().expect("a staff id")),
                due_on: today + chrono::Duration::days(7),
                expected_effect: None,
            };
            let done = backend::db::actions::insert(conn, r.id, 0, &a, now)
                .await
                .expect("insert an action");
            Some(done.id.to_string())
        }
        None => None,
    };
    backend::service::audit::record(
        conn,
        None,
        "matrixFixture",
        "explanationRequest",
        r.id,
        None,
        None,
    )
    .await
    .expect("audit");
    (r.id.to_string(), action)
}

fn data_id(body: &Value, field: &str) -> String {
    body["data"][field]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{field}: {body}"))
        .to_owned()
}

const SET_TARGET: &str = "mutation($d: ID!, $u: ID!, $v: Float!) { setTarget(input: {decisionId: $d, unitId: $u, indicatorCode: \"DIGITIZATION_RATE\", value: $v}) { id } }";

/// The dossier-system code of the fixture staff member of `unit`.
fn staff_code(app: &TestApp, unit: UnitId) -> String {
    format!("CB-{}", app.code_of(unit))
}

async fn fixtures(app: &TestApp) -> Fixtures {
    let t = &app.tree;
    let decision = app.decision("55/QĐ-UBND", 2023).await;
    // The reporting calendar starts in January 2023, the year of the fixtures' targets.
    let q = "mutation { setReportingDeadline(year: 2023, month: 1, dueOn: \"2023-02-05\", approveBy: \"2023-02-10\") { month } }";
    let body = app.as_user("admin", q, json!({})).await;
    assert!(body["errors"].is_null(), "{body}");
    let (mut targets, mut staff) = (HashMap::new(), HashMap::new());
    for unit in [t.province, t.department, t.division, t.commune] {
        let u = unit.to_string();
        let body = app
            .as_user(
                "admin",
                SET_TARGET,
                json!({"d": decision, "u": u, "v": 80.0}),
            )
            .await;
        targets.insert(unit, data_id(&body, "setTarget"));
        let body = app
            .as_user(
                "admin",
                "mutation($u: ID!, $c: String!) { createStaff(input: {unitId: $u, fullName: \"Nguyễn Văn A\", position: \"Chuyên viên\", code: $c}) { id } }",
                json!({"u": u, "c": staff_code(app, unit)}),
            )
            .await;
        staff.insert(unit, data_id(&body, "createStaff"));
        assert_ok(
            &app.as_user(
                "admin",
                "mutation($u: ID!) { recordViolation(input: {unitId: $u, occurredOn: \"2023-03-01\", kind: DELAY, description: \"Trễ hạn\"}) { id } }",
                json!({"u": u}),
            )
            .await,
        );
        assert_ok(
            &app.save_month("admin", unit, 2023, 1, &[("RECEIVED", 10)], None)
                .await,
        );
        // A comment on the unit's month and one on its target.
        for subject in [
            json!({"subject": "REPORT", "unitId": u, "year": 2023, "month": 1, "body": "Đã xem."}),
            json!({"subject": "TARGET", "targetId": targets[&unit], "body": "Đã xem."}),
        ] {
            assert_ok(
                &app.as_user(
                    "admin",
                    "mutation($i: AddCommentInput!) { addComment(input: $i) { id } }",
                    json!({"i": subject}),
                )
                .await,
            );
        }
    }
    let indicator =
        backend::service::catalogue::indicator_by_code(app.db.conn(), "DIGITIZATION_RATE")
            .await
            .expect("the indicator")
            .id;
    let mut requests = HashMap::new();
    for unit in [t.province, t.department, t.division, t.commune] {
        let open = shared::ExplanationStatus::Open;
        let (id, _) = explanation_request(app, unit, indicator, open, None).await;
        requests.insert(unit, id);
    }
    Fixtures {
        decision,
        targets,
        staff,
        requests,
        indicator,
    }
}

/// A month of its own for cell `n`, so that workflow cells do not meet each other.
fn month_of(n: usize) -> (i32, i32) {
    (2000 + (n / 12) as i32, (n % 12) as i32 + 1)
}

const WORKFLOW: &str =
    "mutation($u: ID!, $y: Int!, $m: Int!) { ACTION(unitId: $u, year: $y, month: $m) { status } }";
const WITH_COMMENT: &str = "mutation($u: ID!, $y: Int!, $m: Int!) { ACTION(unitId: $u, year: $y, month: $m, comment: \"Sai số liệu\") { status } }";

/// Moves the month of cell `n` of `unit` into the state the action needs, as admin.
async fn prepare_month(app: &TestApp, unit: UnitId, n: usize, steps: &[&str]) {
    let (y, m) = month_of(n);
    let vars = json!({"u": unit.to_string(), "y": y, "m": m});
    for step in steps {
        let body = match *step {
            "save" => {
                app.save_month("admin", unit, y, m, &[("RECEIVED", 7)], None)
                    .await
            }
            action => {
                app.as_user("admin", &WORKFLOW.replace("ACTION", action), vars.clone())
                    .await
            }
        };
        assert_ok(&body);
    }
}

/// The request of `field` aimed at `unit` for cell `n`, after making what it needs.
async fn request(
    app: &TestApp,
    fx: &Fixtures,
    field: &str,
    unit: UnitId,
    n: usize,
) -> (String, Value, Option<String>) {
    let u = unit.to_string();
    let (y, m) = month_of(n);
    let month = json!({"u": u, "y": y, "m": m});
    let (q, v): (&str, Value) = match field {
        "createUnit" => (
            "mutation($p: ID!, $c: String!) { createUnit(input: {code: $c, name: \"Đơn vị mới\", kind: DIVISION, parentId: $p}) { id } }",
            json!({"p": u, "c": format!("M{n}")}),
        ),
        "updateUnit" => (
            "mutation($id: ID!, $n: String!) { updateUnit(id: $id, input: {name: $n}) { id } }",
            json!({"id": u, "n": format!("Tên mới {n}")}),
        ),
        "renameUnit" => (
            "mutation($id: ID!, $n: String!) { renameUnit(input: {unitId: $id, name: $n, effectiveOn: \"2030-01-01\", decision: \"1/NQ\"}) { id } }",
            json!({"id": u, "n": format!("Tên từ 2030 {n}")}),
        ),
        "mergeUnits" => (
            "mutation($id: ID!, $c: String!) { mergeUnits(input: {sourceIds: [$id], into: {code: $c, name: \"Đơn vị hợp nhất\", kind: DIVISION}, effectiveOn: \"2030-01-01\", decision: \"1/NQ\"}, dryRun: true) { preview } }",
            json!({"id": u, "c": format!("MZ{n}")}),
        ),
        "moveUnit" => (
            "mutation($id: ID!, $p: ID!) { moveUnit(input: {unitId: $id, parentId: $p, effectiveOn: \"2030-01-01\", decision: \"1/NQ\"}, dryRun: true) { preview } }",
            json!({"id": u, "p": app.tree.province.to_string()}),
        ),
        "closeUnit" => (
            "mutation($id: ID!) { closeUnit(input: {unitId: $id, effectiveOn: \"2030-01-01\", decision: \"1/NQ\"}, dryRun: true) { preview } }",
            json!({"id": u}),
        ),
        "createStaff" => (
            "mutation($u: ID!) { createStaff(input: {unitId: $u, fullName: \"Trần Thị B\", position: \"Chuyên viên\"}) { id } }",
            json!({"u": u}),
        ),
        "createUser" => (
            "mutation($u: ID!, $n: String!) { createUser(input: {username: $n, password: \"mot-mat-khau-dai\", role: OFFICER, unitId: $u}) { id } }",
            json!({"u": u, "n": format!("user{n}")}),
        ),
        "createApiToken" => (
            "mutation($u: ID!, $n: String!) { createApiToken(name: $n, unitId: $u) { token } }",
            json!({"u": u, "n": format!("Cổng {n}")}),
        ),
        "revokeApiToken" => {
            let body = app
                .as_user(
                    "admin",
                    "mutation($u: ID!, $n: String!) { createApiToken(name: $n, unitId: $u) { apiToken { id } } }",
                    json!({"u": u, "n": format!("Thu hồi {n}")}),
                )
                .await;
            let id = body["data"]["createApiToken"]["apiToken"]["id"].clone();
            assert!(id.is_string(), "createApiToken: {body}");
            (
                "mutation($id: ID!) { revokeApiToken(id: $id) { revoked } }",
                json!({"id": id}),
            )
        }
        "createWebhook" => (
            "mutation($u: ID!) { createWebhook(url: \"https://203.0.113.10/chitieu\", events: [REPORT_OVERDUE], unitId: $u) { secret } }",
            json!({"u": u}),
        ),
        "deleteWebhook" => {
            let body = app
                .as_user(
                    "admin",
                    "mutation($u: ID!) { createWebhook(url: \"https://203.0.113.11/xoa\", events: [OFF_TRACK], unitId: $u) { webhook { id } } }",
                    json!({"u": u}),
                )
                .await;
            let id = body["data"]["createWebhook"]["webhook"]["id"].clone();
            assert!(id.is_string(), "createWebhook: {body}");
            (
                "mutation($id: ID!) { deleteWebhook(id: $id) }",
                json!({"id": id}),
            )
        }
        "setTarget" => (
            SET_TARGET,
            json!({"d": fx.decision, "u": u, "v": 50.0 + (n % 40) as f64}),
        ),
        "splitTarget" => (
            "mutation($t: ID!) { splitTarget(targetId: $t, method: LINEAR, grain: QUARTER) { id } }",
            json!({"t": fx.targets[&unit]}),
        ),
        "assignStaffTarget" => (
            "mutation($t: ID!, $s: ID!) { assignStaffTarget(targetId: $t, staffId: $s, value: 90) { id } }",
            json!({"t": fx.targets[&unit], "s": fx.staff[&unit]}),
        ),
        "saveMonthlyReport" => (
            "mutation($u: ID!, $y: Int!, $m: Int!) { saveMonthlyReport(unitId: $u, year: $y, month: $m, values: [{measureCode: \"RECEIVED\", value: 10}]) { version } }",
            month,
        ),
        "submitMonthlyReport" => {
            prepare_month(app, unit, n, &["save"]).await;
            return (WORKFLOW.replace("ACTION", field), month, None);
        }
        "approveMonthlyReport" => {
            prepare_month(app, unit, n, &["save", "submitMonthlyReport"]).await;
            return (WORKFLOW.replace("ACTION", field), month, None);
        }
        "approveMonthlyReports" => {
            prepare_month(app, unit, n, &["save", "submitMonthlyReport"]).await;
            return (
                "mutation($u: ID!, $y: Int!, $m: Int!) { approveMonthlyReports(months: [{unitId: $u, year: $y, month: $m}]) { approved } }".into(),
                month,
                None,
            );
        }
        "rejectMonthlyReport" => {
            prepare_month(app, unit, n, &["save", "submitMonthlyReport"]).await;
            return (WITH_COMMENT.replace("ACTION", field), month, None);
        }
        "reopenMonthlyReport" => {
            prepare_month(
                app,
                unit,
                n,
                &["save", "submitMonthlyReport", "approveMonthlyReport"],
            )
            .await;
            return (WITH_COMMENT.replace("ACTION", field), month, None);
        }
        "removeEvidence" => {
            let id = evidence_of(app, unit, n).await;
            return (
                "mutation($id: ID!) { removeEvidence(id: $id) }".into(),
                json!({"id": id.to_string()}),
                None,
            );
        }
        "addComment" => (
            "mutation($u: ID!) { addComment(input: {subject: REPORT, unitId: $u, year: 2023, month: 1, body: \"Ý kiến\"}) { id } }",
            json!({"u": u}),
        ),
        "reportComments" => (
            "query($u: ID!) { reportComments(unitId: $u, year: 2023, month: 1) { id } }",
            json!({"u": u}),
        ),
        "targetComments" => (
            "query($t: ID!) { targetComments(targetId: $t) { id } }",
            json!({"t": fx.targets[&unit]}),
        ),
        "recordViolation" => (
            "mutation($u: ID!) { recordViolation(input: {unitId: $u, occurredOn: \"2023-03-01\", kind: DELAY, description: \"Trễ hạn hồ sơ\"}) { id } }",
            json!({"u": u}),
        ),
        "importFigures" => {
            let file = format!(
                "unit_code,year,month,measure_code,value\n{},{y},{m},RECEIVED,{n}\n",
                app.code_of(unit)
            );
            return (
                "mutation($f: Upload!) { importFigures(file: $f) { stored } }".into(),
                json!({}),
                Some(file),
            );
        }
        "importStaffFigures" => {
            let file = format!(
                "Mã cán bộ,Năm,Tháng,Mã số liệu,Giá trị\n{},{y},{m},RECEIVED,{n}\n",
                staff_code(app, unit)
            );
            return (
                "mutation($u: ID!, $f: Upload!) { importStaffFigures(unitId: $u, file: $f) { stored } }".into(),
                json!({"u": u}),
                Some(file),
            );
        }
        "importTargets" => {
            let file = format!(
                "Mã đơn vị,DIGITIZATION_RATE\n{},{}\n",
                app.code_of(unit),
                50 + n % 40
            );
            return (
                "mutation($d: ID!, $f: Upload!) { importTargets(decisionId: $d, file: $f) { stored } }".into(),
                json!({"d": fx.decision}),
                Some(file),
            );
        }
        "importOfficialFigures" => {
            let file = format!(
                "unit_code,year,month,indicator_code,numerator,denominator,score,max_score\n{},{y},{m},DIGITIZATION_RATE,{n},{},1,2\n",
                app.code_of(unit),
                n + 10
            );
            return (
                "mutation($f: Upload!) { importOfficialFigures(file: $f) { stored } }".into(),
                json!({}),
                Some(file),
            );
        }
        "requestExplanation" => {
            // Nothing followed about the indicator, so that each allowed cell may ask.
            use backend::db::explanations;
            let conn = app.db.conn();
            let live: Vec<_> = explanations::live_of(conn, unit, None)
                .await
                .expect("live requests")
                .into_iter()
                .map(|r| r.id)
                .collect();
            explanations::close_all(conn, &live, app.db.now(), "matrix")
                .await
                .expect("close");
            backend::service::audit::record(conn, None, "matrixFixture", "unit", unit, None, None)
                .await
                .expect("audit");
            (
                "mutation($u: ID!, $i: ID!) { requestExplanation(input: {unitId: $u, indicatorId: $i, year: 2023, month: 1, message: \"Đề nghị giải trình\"}) { id } }",
                json!({"u": u, "i": fx.indicator.to_string()}),
            )
        }
        "submitExplanation" => {
            let open = shared::ExplanationStatus::Open;
            let (id, _) = explanation_request(app, unit, fx.indicator, open, None).await;
            let cause = backend::db::causes::list(app.db.conn(), false)
                .await
                .expect("causes")[0]
                .id
                .to_string();
            let due = (app.db.clock().today() + chrono::Duration::days(3)).to_string();
            return (
                "mutation($r: ID!, $c: ID!, $s: ID!, $d: Date!) { submitExplanation(input: {requestId: $r, causeId: $c, reason: \"Người dân chưa quen nộp trực tuyến\", actions: [{description: \"Hướng dẫn\", ownerStaffId: $s, dueOn: $d}]}) { id } }".into(),
                json!({"r": id, "c": cause, "s": fx.staff[&unit], "d": due}),
                None,
            );
        }
        "acceptExplanation" | "returnExplanation" => {
            let submitted = shared::ExplanationStatus::Submitted;
            let (id, _) = explanation_request(app, unit, fx.indicator, submitted, None).await;
            return (
                format!(
                    "mutation($r: ID!) {{ {field}(requestId: $r, comment: \"Ý kiến\") {{ id }} }}"
                ),
                json!({"r": id}),
                None,
            );
        }
        "completeAction" => {
            let accepted = shared::ExplanationStatus::Accepted;
            let owner = fx.staff[&unit].clone();
            let (_, action) =
                explanation_request(app, unit, fx.indicator, accepted, Some(&owner)).await;
            return (
                "mutation($a: ID!) { completeAction(actionId: $a) { id } }".into(),
                json!({"a": action}),
                None,
            );
        }
        "recordExplanationViolation" => {
            let returned = shared::ExplanationStatus::Returned;
            let (id, _) = explanation_request(app, unit, fx.indicator, returned, None).await;
            return (
                "mutation($r: ID!) { recordExplanationViolation(input: {requestId: $r, kind: DELAY, description: \"Không giải trình\", handling: REMINDER}) { id } }".into(),
                json!({"r": id}),
                None,
            );
        }
        "createExplanationCause" => (
            "mutation($c: String!) { createExplanationCause(code: $c, name: \"Nguyên nhân mới\") { id } }",
            json!({"c": format!("CAUSE_{n}")}),
        ),
        "updateExplanationCause" => (
            "mutation($n: String!) { updateExplanationCause(id: \"1\", name: $n) { id } }",
            json!({"n": format!("Tên {n}")}),
        ),
        "setExplanationSettings" => (
            "mutation($d: Int!) { setExplanationSettings(includeAtRisk: false, dueDays: $d) { dueDays } }",
            json!({"d": 5 + (n % 20) as i64}),
        ),
        "explanationRequests" => (
            "query($u: ID) { explanationRequests(unitId: $u) { id } }",
            json!({"u": u}),
        ),
        "explanationRequest" => (
            "query($i: ID!) { explanationRequest(id: $i) { id } }",
            json!({"i": fx.requests[&unit]}),
        ),
        "explanationCauses" => ("{ explanationCauses { id } }", json!({})),
        "explanationSettings" => ("{ explanationSettings { dueDays } }", json!({})),
        "createMeasure" => (
            "mutation($c: String!) { createMeasure(input: {code: $c, name: \"Mới\"}) { id } }",
            json!({"c": format!("MEASURE_{n}")}),
        ),
        "createIndicator" => (
            "mutation($c: String!) { createIndicator(input: {code: $c, group: \"DIGITIZATION\", name: \"Mới\", kind: RATE, numeratorCode: \"DIGITIZED\", denominatorCode: \"RECEIVED\", points: 1}) { id } }",
            json!({"c": format!("RATE_{n}")}),
        ),
        "updateIndicator" => (
            "mutation($n: String!) { updateIndicator(code: \"REUSE_RATE\", input: {name: $n}) { id } }",
            json!({"n": format!("Tên {n}")}),
        ),
        "updateMeasure" => (
            "mutation($n: String!) { updateMeasure(code: \"REUSED\", input: {nameEn: $n}) { id } }",
            json!({"n": format!("Reused {n}")}),
        ),
        "createDecision" => (
            "mutation($n: String!) { createDecision(input: {number: $n, title: \"Khác\", issuedOn: \"2023-03-01\", year: 2023}) { id } }",
            json!({"n": format!("{n}/QĐ-UBND")}),
        ),
        "publishRanking" => (
            "mutation { publishRanking(period: {year: 2023, kind: YEAR}, kind: COMMUNE, confirmEmpty: true) { id } }",
            json!({}),
        ),
        "withdrawRanking" => {
            let body = app
                .as_user(
                    "admin",
                    "mutation { publishRanking(period: {year: 2023, kind: YEAR}, kind: COMMUNE, confirmEmpty: true) { id } }",
                    json!({}),
                )
                .await;
            (
                "mutation($id: ID!) { withdrawRanking(id: $id, reason: \"Công bố nhầm kỳ\") { id } }",
                json!({"id": data_id(&body, "publishRanking")}),
            )
        }
        "changePassword" => (
            "mutation($o: String!) { changePassword(oldPassword: $o, newPassword: \"mot-mat-khau-moi-dai\") }",
            json!({"o": PASSWORD}),
        ),
        "login" => (
            "mutation($p: String!) { login(username: \"probe\", password: $p) { token } }",
            json!({"p": PASSWORD}),
        ),
        "logout" => ("mutation { logout }", json!({})),
        "unlockLogin" => ("mutation { unlockLogin(username: \"probe\") }", json!({})),
        "revokeSessions" => {
            // An account of the unit, made for this cell.
            let victim = app
                .add_account(&format!("victim_{n}"), Role::Viewer, unit)
                .await;
            return (
                "mutation($u: ID!) { revokeSessions(userId: $u) }".into(),
                json!({"u": victim.to_string()}),
                None,
            );
        }
        "setUserEmail" => {
            // An account of the unit, made for this cell.
            let account = app
                .add_account(&format!("mail_{n}"), Role::Officer, unit)
                .await;
            return (
                "mutation($u: ID!, $e: String) { setUserEmail(userId: $u, email: $e) { id } }"
                    .into(),
                json!({"u": account.to_string(), "e": format!("hop.thu.{n}@donvi.gov.vn")}),
                None,
            );
        }
        "lockUser" | "unlockUser" | "resetPassword" => {
            // An account of the unit, made for this cell (locked first when it is to be
            // unlocked).
            let account = app
                .add_account(&format!("{}_{n}", field.to_lowercase()), Role::Viewer, unit)
                .await
                .to_string();
            if field == "unlockUser" {
                let lock =
                    "mutation($u: ID!) { lockUser(userId: $u, reason: \"Chuẩn bị\") { id } }";
                assert_ok(&app.as_user("admin", lock, json!({"u": account})).await);
            }
            let q = match field {
                "lockUser" => {
                    "mutation($u: ID!) { lockUser(userId: $u, reason: \"Nghỉ việc\") { id } }"
                }
                "unlockUser" => "mutation($u: ID!) { unlockUser(userId: $u) { id } }",
                _ => "mutation($u: ID!) { resetPassword(userId: $u) { temporaryPassword } }",
            };
            return (q.into(), json!({"u": account}), None);
        }
        "setMutedMails" => (
            "mutation { setMutedMails(kinds: [REMINDER]) { id } }",
            json!({}),
        ),
        "setReportingDeadline" => {
            let due = chrono::NaiveDate::from_ymd_opt(y, m as u32, 1)
                .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
                .unwrap_or_default()
                + chrono::Duration::days(6);
            return (
                "mutation($y: Int!, $m: Int!, $d: Date!) { setReportingDeadline(year: $y, month: $m, dueOn: $d, approveBy: $d) { year } }"
                    .into(),
                json!({"y": y, "m": m, "d": due.to_string()}),
                None,
            );
        }
        "timeliness" => (
            "query($u: ID) { timeliness(year: 2023, month: 1, parentId: $u) { unit { id } } }",
            json!({"u": u}),
        ),
        "unitTimeliness" => (
            "query($u: ID!) { unitTimeliness(unitId: $u, year: 2023) { month } }",
            json!({"u": u}),
        ),
        "reportingDeadlines" => ("{ reportingDeadlines(year: 2026) { dueOn } }", json!({})),
        "todo" => ("{ todo { kind } }", json!({})),
        "unit" => ("query($u: ID) { unit(id: $u) { id } }", json!({"u": u})),
        "units" => ("{ units { id } }", json!({})),
        "staff" => (
            "query($u: ID!) { staff(unitId: $u) { id } }",
            json!({"u": u}),
        ),
        "targets" => (
            "query($u: ID) { targets(year: 2023, unitId: $u) { id } }",
            json!({"u": u}),
        ),
        "previewSplit" => (
            "query($t: ID!) { previewSplit(targetId: $t, method: LINEAR, grain: QUARTER) { value } }",
            json!({"t": fx.targets[&unit]}),
        ),
        "monthlyReport" => (
            "query($u: ID!) { monthlyReport(unitId: $u, year: 2023, month: 1) { version } }",
            json!({"u": u}),
        ),
        "indicatorResults" => (
            "query($u: ID!) { indicatorResults(period: {year: 2023, kind: YEAR}, unitIds: [$u]) { unit { id } } }",
            json!({"u": u}),
        ),
        "scoreboard" => (
            "{ scoreboard(period: {year: 2023, kind: YEAR}) { unit { id } } }",
            json!({}),
        ),
        "violations" => (
            "query($u: ID) { violations(unitId: $u) { id } }",
            json!({"u": u}),
        ),
        "me" => ("{ me { id } }", json!({})),
        "viewer" => ("{ viewer { kind scope { id } } }", json!({})),
        "measureValues" => (
            "query($u: ID!) { measureValues(unitIds: [$u]) { rows { unit { id } value } } }",
            json!({"u": u}),
        ),
        "apiTokens" => ("{ apiTokens { id } }", json!({})),
        "users" => ("{ users(first: 5) { rows { id } } }", json!({})),
        "webhooks" => ("{ webhooks { id } }", json!({})),
        "notifications" => ("{ notifications(limit: 5) { id } }", json!({})),
        "auditLog" => ("{ auditLog(limit: 5) { id } }", json!({})),
        "measures" => ("{ measures { id } }", json!({})),
        "indicators" => ("{ indicators { id } }", json!({})),
        "indicatorGroups" => ("{ indicatorGroups { code } }", json!({})),
        "consistencyRules" => ("{ consistencyRules { part } }", json!({})),
        "decisions" => ("{ decisions { id } }", json!({})),
        "publishedRankings" => ("{ publishedRankings { id } }", json!({})),
        "saveStaffFigures" => (
            "mutation($u: ID!, $s: ID!, $y: Int!, $m: Int!, $v: Int) { saveStaffFigures(unitId: $u, year: $y, month: $m, figures: [{staffId: $s, measureCode: \"RECEIVED\", value: $v}]) { saved } }",
            json!({"u": u, "s": fx.staff[&unit], "y": y, "m": m, "v": n}),
        ),
        "setStaffRanking" => (
            "mutation($u: ID!) { setStaffRanking(unitId: $u, enabled: true) }",
            json!({"u": u}),
        ),
        "setHeadUnitWeight" => (
            "mutation($p: Float!) { setHeadUnitWeight(percent: $p) }",
            json!({"p": (n % 100) as f64}),
        ),
        "staffFigureSheet" => (
            "query($u: ID!) { staffFigureSheet(unitId: $u, year: 2023, month: 1) { staff { id } } }",
            json!({"u": u}),
        ),
        "staffScorecard" => (
            "query($s: ID!) { staffScorecard(staffId: $s, period: {year: 2023, kind: MONTH, index: 1}) { score } }",
            json!({"s": fx.staff[&unit]}),
        ),
        "unitStaffProgress" => (
            "query($u: ID!) { unitStaffProgress(unitId: $u, period: {year: 2023, kind: MONTH, index: 1}) { staff { staff { id } } } }",
            json!({"u": u}),
        ),
        "staffRanking" => (
            "query($u: ID!) { staffRanking(unitId: $u, period: {year: 2023, kind: MONTH, index: 1}) { staff { staff { id } } } }",
            json!({"u": u}),
        ),
        "rankingPreview" => (
            "{ rankingPreview(period: {year: 2023, kind: YEAR}, kind: COMMUNE) { scoredCount } }",
            json!({}),
        ),
        "reorganizations" => ("{ reorganizations { id } }", json!({})),
        "unitsPage" => ("{ unitsPage(first: 1000) { rows { id } } }", json!({})),
        "staffPage" => (
            "query($u: ID!) { staffPage(unitId: $u) { rows { id } } }",
            json!({"u": u}),
        ),
        "targetsPage" => (
            "query($u: ID) { targetsPage(year: 2023, unitId: $u) { rows { id } } }",
            json!({"u": u}),
        ),
        "indicatorSeries" => (
            "query($u: ID!) { indicatorSeries(from: {year: 2023, month: 1}, to: {year: 2023, month: 2}, unitIds: [$u]) { unit { id } } }",
            json!({"u": u}),
        ),
        "violationsPage" => (
            "query($u: ID) { violationsPage(unitId: $u) { rows { id } } }",
            json!({"u": u}),
        ),
        "auditLogPage" => ("{ auditLogPage(first: 5) { rows { id } } }", json!({})),
        "publishedRankingsPage" => ("{ publishedRankingsPage { rows { id } } }", json!({})),
        other => panic!("no request for {other}: add it to request() in matrix.rs"),
    };
    (q.to_owned(), v, None)
}

/// An evidence file uploaded by the root's ADMIN to a new explanation request about `unit`
/// (rows written directly: the request's own mutations are tested elsewhere).
pub async fn evidence_of(app: &TestApp, unit: UnitId, n: usize) -> i32 {
    use backend::db::entities::{evidence_file, explanation_request, indicator, user};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    let db = app.db.conn();
    let indicator = indicator::Entity::find()
        .one(db)
        .await
        .expect("query")
        .expect("indicator");
    let admin = user::Entity::find()
        .filter(user::Column::Username.eq("admin"))
        .one(db)
        .await
        .expect("query")
        .expect("admin");
    let now = chrono::Utc::now();
    let request = explanation_request::ActiveModel {
        unit_id: Set(unit.0),
        indicator_id: Set(indicator.id),
        year: Set(2023),
        month: Set(1),
        status: Set(shared::ExplanationStatus::Open),
        track_status: Set(shared::TrackStatus::OffTrack),
        auto_key: Set(Some(format!("matrix:{n}"))),
        requested_by: Set(None),
        requested_at: Set(now),
        due_on: Set(now.date_naive()),
        message: Set(None),
        cause_id: Set(None),
        reason: Set(None),
        submitted_by: Set(None),
        submitted_at: Set(None),
        reviewed_by: Set(None),
        reviewed_at: Set(None),
        review_comment: Set(None),
        closed_at: Set(None),
        close_note: Set(None),
        violation_id: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("request");
    let id = evidence_file::ActiveModel {
        request_id: Set(request.id),
        action_id: Set(None),
        file_name: Set("bien-ban.pdf".into()),
        content_type: Set("application/pdf".into()),
        size_bytes: Set(10),
        sha256: Set(format!("{n:064x}")),
        uploaded_by: Set(admin.id),
        uploaded_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("evidence")
    .id;
    // An audit entry, so that the matrix takes a new fingerprint before the cell.
    backend::service::audit::record(db, None, "fixture", "evidence_file", id, None, None)
        .await
        .unwrap_or_else(|_| panic!("audit the fixture"));
    id
}

/// Whether a query's answer shows the data of `unit` (for queries without a unit: any
/// answer).
fn shows(field: &str, data: &Value, unit: UnitId) -> bool {
    let id = Value::String(unit.to_string());
    // A page of a list shows what its rows show.
    let answer = match &data[field] {
        Value::Object(page) if page.contains_key("rows") => &page["rows"],
        answer => answer,
    };
    match field {
        "units" | "unitsPage" => answer
            .as_array()
            .is_some_and(|l| l.iter().any(|u| u["id"] == id)),
        "scoreboard" => answer
            .as_array()
            .is_some_and(|l| l.iter().any(|r| r["unit"]["id"] == id)),
        // A unit's staff cards: only those the caller may see.
        "unitStaffProgress" | "staffRanking" => {
            answer["staff"].as_array().is_some_and(|l| !l.is_empty())
        }
        _ => match answer {
            Value::Null => false,
            Value::Array(l) => !l.is_empty() || unit_less(field),
            _ => true,
        },
    }
}

fn unit_less(field: &str) -> bool {
    MATRIX
        .iter()
        .any(|(f, e, _)| *f == field && e.iter().all(|c| c[1] == X && c[2] == X))
}

fn is_mutation(field: &str) -> bool {
    static MUTATIONS: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| schema_fields("Mutation"));
    MUTATIONS.iter().any(|m| m == field)
}

/// What the server did.
fn observed(field: &str, body: &Value, unit: UnitId) -> Result<Expect, String> {
    if let Some(errors) = body.get("errors").filter(|e| !e.is_null()) {
        return match error_code(body) {
            Some("FORBIDDEN") => Ok(F),
            Some("NOT_FOUND") => Ok(N),
            Some("UNAUTHENTICATED") => Ok(U),
            Some("VALIDATION")
                if body["errors"][0]["extensions"]["details"][0]["kind"] == "OUT_OF_SCOPE" =>
            {
                Ok(V)
            }
            Some("VALIDATION")
                if body["errors"][0]["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("đơn vị gốc")) =>
            {
                Ok(R)
            }
            _ => Err(format!("unexpected errors {errors}")),
        };
    }
    if is_mutation(field) {
        return if body["data"][field].is_null() {
            Err(format!("no data and no error: {body}"))
        } else if body["data"][field]["preview"] == true {
            Ok(P)
        } else {
            Ok(O)
        };
    }
    Ok(if shows(field, &body["data"], unit) {
        O
    } else {
        A
    })
}

/// The callers' bearer tokens (None: anonymous), in the order of [`CALLERS`].
async fn callers(app: &TestApp) -> Vec<Option<String>> {
    for (username, role) in [
        ("officer_d1", Role::Officer),
        ("viewer_d1", Role::Viewer),
        ("admin_d1", Role::Admin),
    ] {
        app.add_account(username, role, app.tree.department).await;
    }
    app.add_account("probe", Role::Viewer, app.tree.commune)
        .await;
    let token = app
        .as_user(
            "admin",
            "mutation($u: ID!) { createApiToken(name: \"Cổng D1\", unitId: $u) { token } }",
            json!({"u": app.tree.department.to_string()}),
        )
        .await;
    let token = token["data"]["createApiToken"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("createApiToken: {token}"))
        .to_owned();
    vec![
        Some(app.token("admin").await),
        Some(app.token("manager").await),
        Some(app.token("officer_d1").await),
        Some(app.token("viewer_d1").await),
        Some(token),
        Some(app.token("admin_d1").await),
    ]
}

async fn every_caller_gets_exactly_what_the_authorization_matrix_says(app: TestApp) {
    let fx = fixtures(&app).await;
    let mut tokens = callers(&app).await;
    // changePassword and logout end the caller's sessions: it logs in again after them.
    let mut passwords = [PASSWORD; 6];
    let t = app.tree.clone();
    let mut cells = 0;
    let mut seen = (fingerprint(&app.db).await, audit_count(&app.db).await);
    let mut failures = Vec::new();
    for (field, row, anonymous) in MATRIX {
        let mut runs: Vec<(String, Option<usize>, UnitId, Expect)> = Vec::new();
        for (c, caller) in CALLERS.iter().enumerate() {
            let own = if c == 0 { t.province } else { t.department };
            for (p, unit) in [own, t.division, t.commune].into_iter().enumerate() {
                if row[c][p] != X {
                    let who = format!("{caller} on its {}", PLACEMENTS[p]);
                    runs.push((who, Some(c), unit, row[c][p]));
                }
            }
        }
        runs.push(("anonymous".into(), None, t.division, *anonymous));
        for (who, caller, unit, expected) in runs {
            let token = caller.and_then(|c| tokens[c].clone());
            let token = token.as_deref();
            cells += 1;
            let (query, vars, file) = request(&app, &fx, field, unit, cells).await;
            // Making the fixtures of a cell writes audit entries: then look again.
            let audit_before = audit_count(&app.db).await;
            if audit_before != seen.1 {
                seen = (fingerprint(&app.db).await, audit_before);
            }
            let before = seen.0.clone();
            let body = match file {
                Some(f) => {
                    app.upload(token, &query, vars, "matrix.csv", f.into_bytes())
                        .await
                }
                None => app.gql(token, &query, vars).await,
            };
            let got = observed(field, &body, unit);
            match got {
                Ok(got) if got == expected => {}
                Ok(got) => failures.push(format!(
                    "{field} as {who}: expected {expected:?}, got {got:?}: {body}"
                )),
                Err(e) => failures.push(format!("{field} as {who}: {e}")),
            }
            if is_mutation(field) && expected == O {
                if audit_count(&app.db).await <= audit_before {
                    failures.push(format!(
                        "{field} as {who}: succeeded without an audit entry"
                    ));
                }
                // The data changed: take a new fingerprint before the next cell.
                seen.1 = u64::MAX;
                if let Some(c) = caller.filter(|&c| !USERNAMES[c].is_empty())
                    && matches!(*field, "changePassword" | "logout")
                {
                    if *field == "changePassword" {
                        passwords[c] = "mot-mat-khau-moi-dai";
                    }
                    let again = app.login(USERNAMES[c], passwords[c]).await;
                    tokens[c] = again["data"]["login"]["token"].as_str().map(str::to_owned);
                }
            } else {
                let after = fingerprint(&app.db).await;
                if after != before {
                    failures.push(format!(
                        "{field} as {who}: the call changed {:?}: {body}",
                        after.diff(&before)
                    ));
                }
                seen = (after, audit_count(&app.db).await);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cells} cells differ from the matrix:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(cells > 400, "the matrix ran {cells} cells");
}

/// The fields of a root type (`Mutation`, `Query`), read from the schema's SDL.
pub fn schema_fields(root: &str) -> Vec<String> {
    let sdl = backend::graphql::sdl();
    let block = sdl
        .split(&format!("type {root} {{"))
        .nth(1)
        .and_then(|b| b.split("\n}").next())
        .unwrap_or_else(|| panic!("a {root} type in the SDL"));
    let mut in_doc = false;
    let mut names = Vec::new();
    for line in block.lines().map(str::trim) {
        if line.starts_with("\"\"\"") {
            if !(line.len() > 3 && line.ends_with("\"\"\"")) {
                in_doc = !in_doc;
            }
            continue;
        }
        if in_doc || line.is_empty() || line.starts_with('"') {
            continue;
        }
        if let Some(name) = line.split(['(', ':']).next() {
            names.push(name.trim().to_owned());
        }
    }
    names
}

/// Adding a mutation or a query without a row in the matrix fails here.
#[test]
fn every_field_of_the_schema_has_a_row_in_the_authorization_matrix() {
    let mutations = schema_fields("Mutation");
    let queries = schema_fields("Query");
    assert!(mutations.len() >= 22, "the SDL parse: {mutations:?}");
    assert!(queries.len() >= 16, "the SDL parse: {queries:?}");
    let rows: Vec<&str> = MATRIX.iter().map(|r| r.0).collect();
    let missing: Vec<&String> = mutations
        .iter()
        .chain(&queries)
        .filter(|f| !rows.contains(&f.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "fields without a row in MATRIX (matrix.rs): {missing:?}"
    );
    let unknown: Vec<&&str> = rows
        .iter()
        .filter(|r| !mutations.contains(&r.to_string()) && !queries.contains(&r.to_string()))
        .collect();
    assert!(unknown.is_empty(), "rows for no field: {unknown:?}");
    for (field, row, _) in MATRIX {
        for (c, cells) in row.iter().enumerate() {
            assert!(
                cells[0] != X,
                "{field}: {} has no own-unit cell",
                CALLERS[c]
            );
        }
    }
}
