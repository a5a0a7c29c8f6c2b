//! Every GraphQL document the app sends, as constants (so a test can check them against
//! `schema.graphql`), with the serde types of their answers. Ids are strings, as GraphQL's
//! `ID` is on the wire.

use crate::state::{Me, UnitRef};
use serde::Deserialize;
use shared::{
    Grain, Handling, IndicatorKind, PeriodKind, ReportStatus, Role, ScoringRule, TrackStatus,
    UnitKind, ViolationKind,
};

// ---------------------------------------------------------------- accounts

pub const LOGIN: &str = "mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) { token expiresAt user { id username role unit { id name code } } }
}";

#[derive(Debug, Clone, Deserialize)]
pub struct LoginData {
    pub login: AuthPayload,
}
#[derive(Debug, Clone, Deserialize)]
pub struct AuthPayload {
    pub token: String,
    pub user: Me,
}

pub const LOGOUT: &str = "mutation Logout { logout }";

#[derive(Debug, Clone, Deserialize)]
pub struct LogoutData {
    pub logout: bool,
}

pub const ME: &str = "query Me { me { id username role unit { id name code } } }";

#[derive(Debug, Clone, Deserialize)]
pub struct MeData {
    pub me: Me,
}

pub const CHANGE_PASSWORD: &str =
    "mutation ChangePassword($oldPassword: String!, $newPassword: String!) {
  changePassword(oldPassword: $oldPassword, newPassword: $newPassword)
}";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangePasswordData {
    pub change_password: bool,
}

// ---------------------------------------------------------------- units

pub const UNITS: &str = "query Units($parentId: ID, $kind: UnitKind, $search: String) {
  units(parentId: $parentId, kind: $kind, search: $search) { id code name kind }
}";

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct UnitRow {
    pub id: String,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
}

#[derive(Debug, Clone, Deserialize)]
pub struct UnitsData {
    pub units: Vec<UnitRow>,
}

pub const UNIT: &str = "query Unit($id: ID!) {
  unit(id: $id) {
    id code name kind
    path { id name }
    children { id code name kind }
    staff { id fullName position isHead }
  }
}";

#[derive(Debug, Clone, Deserialize)]
pub struct UnitData {
    pub unit: Option<UnitDetail>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct UnitDetail {
    pub id: String,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub path: Vec<UnitRef>,
    pub children: Vec<UnitRow>,
    pub staff: Vec<StaffRow>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffRow {
    pub id: String,
    pub full_name: String,
    pub position: String,
    pub is_head: bool,
}

pub const STAFF: &str =
    "query Staff($unitId: ID!) { staff(unitId: $unitId) { id fullName position isHead } }";

#[derive(Debug, Clone, Deserialize)]
pub struct StaffData {
    pub staff: Vec<StaffRow>,
}

// ---------------------------------------------------------------- results

pub const INDICATOR_RESULTS: &str =
    "query IndicatorResults($period: PeriodInput!, $unitIds: [ID!]) {
  indicatorResults(period: $period, unitIds: $unitIds) {
    unit { id name }
    indicator { code name kind }
    value target milestone status projection points maxPoints numerator denominator
  }
}";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorResultsData {
    pub indicator_results: Vec<IndicatorResult>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct IndicatorRef {
    pub code: String,
    pub name: String,
    pub kind: IndicatorKind,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorResult {
    pub unit: UnitRef,
    pub indicator: IndicatorRef,
    pub value: Option<f64>,
    pub target: Option<f64>,
    pub milestone: Option<f64>,
    pub status: TrackStatus,
    pub projection: Option<f64>,
    pub points: Option<f64>,
    pub max_points: f64,
    pub numerator: Option<i64>,
    pub denominator: Option<i64>,
}

pub const SCOREBOARD: &str =
    "query Scoreboard($period: PeriodInput!, $kind: UnitKind, $parentId: ID) {
  scoreboard(period: $period, kind: $kind, parentId: $parentId) {
    rank score earned available
    unit { id name kind }
    results { indicator { code } value status }
  }
}";

/// The dashboard's two boards and its cards in one request.
pub const DASHBOARD: &str = "query Dashboard($period: PeriodInput!, $unitIds: [ID!]) {
  indicatorResults(period: $period, unitIds: $unitIds) {
    unit { id name }
    indicator { code name kind }
    value target milestone status projection points maxPoints numerator denominator
  }
  communes: scoreboard(period: $period, kind: COMMUNE) {
    rank score earned available
    unit { id name kind }
    results { indicator { code } value status }
  }
  departments: scoreboard(period: $period, kind: DEPARTMENT) {
    rank score earned available
    unit { id name kind }
    results { indicator { code } value status }
  }
}";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DashboardData {
    pub indicator_results: Vec<IndicatorResult>,
    pub communes: Vec<ScoreRow>,
    pub departments: Vec<ScoreRow>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ScoreboardData {
    pub scoreboard: Vec<ScoreRow>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ScoreUnit {
    pub id: String,
    pub name: String,
    pub kind: UnitKind,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CodeRef {
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ScoreResult {
    pub indicator: CodeRef,
    pub value: Option<f64>,
    pub status: TrackStatus,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ScoreRow {
    pub rank: Option<i32>,
    pub score: Option<f64>,
    pub earned: f64,
    pub available: f64,
    pub unit: ScoreUnit,
    pub results: Vec<ScoreResult>,
}

// ---------------------------------------------------------------- unit page

pub const UNIT_PAGE: &str =
    "query UnitPage($id: ID!, $period: PeriodInput!, $unitIds: [ID!], $year: Int!) {
  unit(id: $id) {
    id code name kind
    path { id name }
    children { id code name kind }
    staff { id fullName position isHead }
  }
  indicatorResults(period: $period, unitIds: $unitIds) {
    unit { id name }
    indicator { code name kind }
    value target milestone status projection points maxPoints numerator denominator
  }
  scoreboard(period: $period, parentId: $id) {
    rank score earned available
    unit { id name kind }
    results { indicator { code } value status }
  }
  targets(year: $year, unitId: $id) {
    id year value baseline version cascadeGap
    decision { id number }
    indicator { code name kind }
    responsible { id fullName }
    milestones { grain index value }
  }
  violations(unitId: $id, year: $year) { id occurredOn kind description dossierRef handling unit { id name } staff { id fullName } }
}";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitPageData {
    pub unit: Option<UnitDetail>,
    pub indicator_results: Vec<IndicatorResult>,
    pub scoreboard: Vec<ScoreRow>,
    pub targets: Vec<TargetRow>,
    pub violations: Vec<ViolationRow>,
}

// ---------------------------------------------------------------- charts

/// One request for the results of months `1..=months` of a year, aliased `m1`, `m2`, …:
/// `kind` is `MONTH` (each month alone) or `YTD` (January through month k). The
/// indicator catalogue comes along for the groups.
pub fn monthly_results_query(kind: PeriodKind, months: u32) -> String {
    let mut fields = String::new();
    for k in 1..=months.min(12) {
        fields.push_str(&format!(
            " m{k}: indicatorResults(period: {{year: $year, kind: {}, index: {k}}}, unitIds: $unitIds) {{ indicator {{ code }} value status }}",
            kind.as_str()
        ));
    }
    format!(
        "query MonthlyResults($year: Int!, $unitIds: [ID!]) {{ indicators {{ code name group kind active }}{fields} }}"
    )
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MonthResult {
    pub indicator: CodeRef,
    pub value: Option<f64>,
    pub status: TrackStatus,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GroupedIndicator {
    pub code: String,
    pub name: String,
    pub group: String,
    pub kind: IndicatorKind,
    pub active: bool,
}

/// The answer of [`monthly_results_query`]: the catalogue and `m1`… by month.
#[derive(Debug, Clone, Deserialize)]
pub struct MonthlyResultsData {
    pub indicators: Vec<GroupedIndicator>,
    #[serde(flatten)]
    pub months: std::collections::BTreeMap<String, Vec<MonthResult>>,
}

impl MonthlyResultsData {
    /// The value of `code` in month `k`, if any.
    pub fn value(&self, k: u32, code: &str) -> Option<f64> {
        self.months
            .get(&format!("m{k}"))
            .and_then(|rs| rs.iter().find(|r| r.indicator.code == code))
            .and_then(|r| r.value)
    }
}

// ---------------------------------------------------------------- monthly reports

pub const MEASURES: &str = "query Measures { measures { code name description } }";

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MeasureRow {
    pub code: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MeasuresData {
    pub measures: Vec<MeasureRow>,
}

const REPORT_FIELDS: &str =
    "unit { id name } year month status version comment values { measure { code } value }";

pub const MONTHLY_REPORT: &str = "query MonthlyReport($unitId: ID!, $year: Int!, $month: Int!) {
  monthlyReport(unitId: $unitId, year: $year, month: $month) { unit { id name } year month status version comment values { measure { code } value } }
}";

pub const SAVE_MONTHLY_REPORT: &str = "mutation SaveMonthlyReport($unitId: ID!, $year: Int!, $month: Int!, $values: [MeasureValueInput!]!, $expectedVersion: Int) {
  saveMonthlyReport(unitId: $unitId, year: $year, month: $month, values: $values, expectedVersion: $expectedVersion) { unit { id name } year month status version comment values { measure { code } value } }
}";

pub const SUBMIT_MONTHLY_REPORT: &str = "mutation SubmitMonthlyReport($unitId: ID!, $year: Int!, $month: Int!) {
  submitMonthlyReport(unitId: $unitId, year: $year, month: $month) { unit { id name } year month status version comment values { measure { code } value } }
}";

pub const APPROVE_MONTHLY_REPORT: &str = "mutation ApproveMonthlyReport($unitId: ID!, $year: Int!, $month: Int!) {
  approveMonthlyReport(unitId: $unitId, year: $year, month: $month) { unit { id name } year month status version comment values { measure { code } value } }
}";

pub const REJECT_MONTHLY_REPORT: &str = "mutation RejectMonthlyReport($unitId: ID!, $year: Int!, $month: Int!, $comment: String!) {
  rejectMonthlyReport(unitId: $unitId, year: $year, month: $month, comment: $comment) { unit { id name } year month status version comment values { measure { code } value } }
}";

pub const REOPEN_MONTHLY_REPORT: &str = "mutation ReopenMonthlyReport($unitId: ID!, $year: Int!, $month: Int!, $comment: String!) {
  reopenMonthlyReport(unitId: $unitId, year: $year, month: $month, comment: $comment) { unit { id name } year month status version comment values { measure { code } value } }
}";

/// One request for the reports of several units of a month, with aliases `r0`, `r1`, …
pub fn children_reports_query(count: usize) -> String {
    let mut vars = String::from("$year: Int!, $month: Int!");
    let mut fields = String::new();
    for i in 0..count {
        vars.push_str(&format!(", $u{i}: ID!"));
        fields.push_str(&format!(
            " r{i}: monthlyReport(unitId: $u{i}, year: $year, month: $month) {{ {REPORT_FIELDS} }}"
        ));
    }
    format!("query ChildrenReports({vars}) {{{fields} }}")
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MeasureValueRow {
    pub measure: CodeRef,
    pub value: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MonthlyReport {
    pub unit: UnitRef,
    pub year: i32,
    pub month: u32,
    pub status: ReportStatus,
    pub version: i64,
    pub comment: Option<String>,
    pub values: Vec<MeasureValueRow>,
}

impl MonthlyReport {
    /// The saved value of a measure, if any.
    pub fn value_of(&self, code: &str) -> Option<i64> {
        self.values
            .iter()
            .find(|v| v.measure.code == code)
            .map(|v| v.value)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthlyReportData {
    pub monthly_report: MonthlyReport,
}

/// The answer of any of the report mutations, whichever field name it has.
#[derive(Debug, Clone, Deserialize)]
pub struct ReportMutationData {
    #[serde(
        alias = "saveMonthlyReport",
        alias = "submitMonthlyReport",
        alias = "approveMonthlyReport",
        alias = "rejectMonthlyReport",
        alias = "reopenMonthlyReport"
    )]
    pub report: MonthlyReport,
}

// ---------------------------------------------------------------- targets

pub const DECISIONS: &str =
    "query Decisions($year: Int) { decisions(year: $year) { id number title issuedOn year } }";

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionRow {
    pub id: String,
    pub number: String,
    pub title: String,
    pub issued_on: String,
    pub year: i32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DecisionsData {
    pub decisions: Vec<DecisionRow>,
}

pub const CREATE_DECISION: &str = "mutation CreateDecision($input: CreateDecisionInput!) {
  createDecision(input: $input) { id number title issuedOn year }
}";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateDecisionData {
    pub create_decision: DecisionRow,
}

pub const DECISION_PAGE: &str = "query DecisionPage($year: Int!, $decisionId: ID!) {
  targets(year: $year, decisionId: $decisionId) { id year value baseline version cascadeGap decision { id number } unit { id name } indicator { code name kind } responsible { id fullName } milestones { grain index value } staffTargets { staff { id fullName } value } }
  indicators { code name kind active }
}";

#[derive(Debug, Clone, Deserialize)]
pub struct DecisionPageData {
    pub targets: Vec<TargetRow>,
    pub indicators: Vec<IndicatorRow>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct IndicatorRow {
    pub code: String,
    pub name: String,
    pub kind: IndicatorKind,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffRef {
    pub id: String,
    pub full_name: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MilestoneRow {
    pub grain: Grain,
    pub index: u32,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DecisionRef {
    pub id: String,
    pub number: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetRow {
    pub id: String,
    pub year: i32,
    pub value: f64,
    pub baseline: Option<f64>,
    pub version: i64,
    pub cascade_gap: Option<f64>,
    pub decision: DecisionRef,
    #[serde(default)]
    pub unit: Option<UnitRef>,
    pub indicator: IndicatorRef,
    pub responsible: Option<StaffRef>,
    pub milestones: Vec<MilestoneRow>,
    /// Personal targets (not asked for by every document).
    #[serde(default)]
    pub staff_targets: Vec<StaffTargetRow>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct StaffTargetRow {
    pub staff: StaffRef,
    pub value: f64,
}

pub const ASSIGN_STAFF_TARGET: &str = "mutation AssignStaffTarget($targetId: ID!, $staffId: ID!, $value: Float!) {
  assignStaffTarget(targetId: $targetId, staffId: $staffId, value: $value) { id year value baseline version cascadeGap decision { id number } unit { id name } indicator { code name kind } responsible { id fullName } milestones { grain index value } staffTargets { staff { id fullName } value } }
}";

pub const SET_TARGET: &str = "mutation SetTarget($input: SetTargetInput!) {
  setTarget(input: $input) { id year value baseline version cascadeGap decision { id number } unit { id name } indicator { code name kind } responsible { id fullName } milestones { grain index value } staffTargets { staff { id fullName } value } }
}";

pub const SPLIT_TARGET: &str = "mutation SplitTarget($targetId: ID!, $method: SplitMethod!, $grain: Grain!, $values: [Float!]) {
  splitTarget(targetId: $targetId, method: $method, grain: $grain, values: $values) { id year value baseline version cascadeGap decision { id number } unit { id name } indicator { code name kind } responsible { id fullName } milestones { grain index value } staffTargets { staff { id fullName } value } }
}";

/// The answer of `setTarget`, `splitTarget` or `assignStaffTarget`.
#[derive(Debug, Clone, Deserialize)]
pub struct TargetMutationData {
    #[serde(
        alias = "setTarget",
        alias = "splitTarget",
        alias = "assignStaffTarget"
    )]
    pub target: TargetRow,
}

// ---------------------------------------------------------------- violations

pub const VIOLATIONS: &str = "query Violations($year: Int) {
  violations(year: $year) { id occurredOn kind description dossierRef handling unit { id name } staff { id fullName } }
}";

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ViolationRow {
    pub id: String,
    pub occurred_on: String,
    pub kind: ViolationKind,
    pub description: String,
    pub dossier_ref: Option<String>,
    pub handling: Handling,
    pub unit: UnitRef,
    pub staff: Option<StaffRef>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ViolationsData {
    pub violations: Vec<ViolationRow>,
}

pub const RECORD_VIOLATION: &str = "mutation RecordViolation($input: RecordViolationInput!) {
  recordViolation(input: $input) { id occurredOn kind description dossierRef handling unit { id name } staff { id fullName } }
}";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordViolationData {
    pub record_violation: ViolationRow,
}

// ---------------------------------------------------------------- rankings

pub const PUBLISHED_RANKINGS: &str = "query PublishedRankings($year: Int) {
  publishedRankings(year: $year) {
    id kind publishedAt
    period { year kind index }
    rows { rank score unit { id name kind } }
  }
}";

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PeriodRow {
    pub year: i32,
    pub kind: PeriodKind,
    pub index: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RankingRow {
    pub rank: Option<i32>,
    pub score: Option<f64>,
    pub unit: ScoreUnit,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishedRanking {
    pub id: String,
    pub kind: UnitKind,
    pub published_at: String,
    pub period: PeriodRow,
    pub rows: Vec<RankingRow>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishedRankingsData {
    pub published_rankings: Vec<PublishedRanking>,
}

pub const PUBLISH_RANKING: &str = "mutation PublishRanking($period: PeriodInput!, $kind: UnitKind!) {
  publishRanking(period: $period, kind: $kind) { id kind publishedAt period { year kind index } rows { rank score unit { id name kind } } }
}";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishRankingData {
    pub publish_ranking: PublishedRanking,
}

// ---------------------------------------------------------------- administration

pub const CREATE_UNIT: &str = "mutation CreateUnit($input: CreateUnitInput!) { createUnit(input: $input) { id code name kind } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateUnitData {
    pub create_unit: UnitRow,
}

pub const CREATE_USER: &str = "mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { id username role unit { id name code } } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateUserData {
    pub create_user: CreatedUser,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CreatedUser {
    pub id: String,
    pub username: String,
    pub role: Role,
    pub unit: UnitRef,
}

pub const ADMIN_UNITS: &str =
    "query AdminUnits { units { id code name kind active parent { id } } }";

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct IdRef {
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AdminUnit {
    pub id: String,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub active: bool,
    pub parent: Option<IdRef>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AdminUnitsData {
    pub units: Vec<AdminUnit>,
}

impl AdminUnit {
    pub fn parent_id(&self) -> Option<&str> {
        self.parent.as_ref().map(|p| p.id.as_str())
    }
}

/// Units as a tree, depth first (children by name); units whose parent is not in the list
/// are roots. Each with its depth.
pub fn unit_tree(units: &[AdminUnit]) -> Vec<(usize, AdminUnit)> {
    fn walk(
        units: &[AdminUnit],
        parent: Option<&str>,
        depth: usize,
        out: &mut Vec<(usize, AdminUnit)>,
    ) {
        let mut children: Vec<&AdminUnit> = units
            .iter()
            .filter(|u| match parent {
                Some(p) => u.parent_id() == Some(p),
                None => u
                    .parent_id()
                    .is_none_or(|p| !units.iter().any(|x| x.id == p)),
            })
            .collect();
        children.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.name.cmp(&b.name)));
        for c in children {
            if out.iter().any(|(_, x)| x.id == c.id) {
                continue;
            }
            out.push((depth, c.clone()));
            walk(units, Some(&c.id), depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(units, None, 0, &mut out);
    out
}

/// The ids of `id` and every unit below it.
pub fn subtree_ids(units: &[AdminUnit], id: &str) -> Vec<String> {
    let mut ids = vec![id.to_owned()];
    let mut i = 0;
    while i < ids.len() {
        let cur = ids[i].clone();
        for u in units.iter().filter(|u| u.parent_id() == Some(cur.as_str())) {
            if !ids.contains(&u.id) {
                ids.push(u.id.clone());
            }
        }
        i += 1;
    }
    ids
}

pub const UPDATE_UNIT: &str = "mutation UpdateUnit($id: ID!, $input: UpdateUnitInput!) {
  updateUnit(id: $id, input: $input) { id code name kind active parent { id } }
}";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateUnitData {
    pub update_unit: AdminUnit,
}

pub const CREATE_STAFF: &str = "mutation CreateStaff($input: CreateStaffInput!) {
  createStaff(input: $input) { id fullName position isHead }
}";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateStaffData {
    pub create_staff: StaffRow,
}

pub const INDICATOR_CATALOGUE: &str =
    "query IndicatorCatalogue { indicators { code name group points rule threshold active kind } }";

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CatalogueIndicator {
    pub code: String,
    pub name: String,
    pub group: String,
    pub points: f64,
    pub rule: ScoringRule,
    pub threshold: Option<f64>,
    pub active: bool,
    pub kind: IndicatorKind,
}

#[derive(Debug, Clone, Deserialize)]
pub struct IndicatorCatalogueData {
    pub indicators: Vec<CatalogueIndicator>,
}

pub const UPDATE_INDICATOR: &str =
    "mutation UpdateIndicator($code: String!, $input: UpdateIndicatorInput!) {
  updateIndicator(code: $code, input: $input) { code name group points rule threshold active kind }
}";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateIndicatorData {
    pub update_indicator: CatalogueIndicator,
}

pub const API_TOKENS: &str =
    "query ApiTokens { apiTokens { id name createdAt expiresAt revoked unit { id name } } }";

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiTokenRow {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub revoked: bool,
    pub unit: UnitRef,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiTokensData {
    pub api_tokens: Vec<ApiTokenRow>,
}

pub const CREATE_API_TOKEN: &str = "mutation CreateApiToken($name: String!, $unitId: ID!, $expiresAt: DateTime) {
  createApiToken(name: $name, unitId: $unitId, expiresAt: $expiresAt) { token apiToken { id name createdAt expiresAt revoked unit { id name } } }
}";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateApiTokenData {
    pub create_api_token: ApiTokenPayload,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiTokenPayload {
    pub token: String,
    pub api_token: ApiTokenRow,
}

pub const REVOKE_API_TOKEN: &str = "mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { id name createdAt expiresAt revoked unit { id name } } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevokeApiTokenData {
    pub revoke_api_token: ApiTokenRow,
}

/// The milestones a split would give, not saved.
pub const PREVIEW_SPLIT: &str = "query PreviewSplit($targetId: ID!, $method: SplitMethod!, $grain: Grain!, $values: [Float!]) {
  previewSplit(targetId: $targetId, method: $method, grain: $grain, values: $values) { grain index value }
}";

/// The answer of `previewSplit`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewSplitData {
    pub preview_split: Vec<MilestoneRow>,
}

/// Every fixed document of the app, for a schema-validation test.
pub const ALL: &[&str] = &[
    PREVIEW_SPLIT,
    LOGIN,
    LOGOUT,
    ME,
    CHANGE_PASSWORD,
    UNITS,
    UNIT,
    STAFF,
    INDICATOR_RESULTS,
    SCOREBOARD,
    DASHBOARD,
    UNIT_PAGE,
    MEASURES,
    MONTHLY_REPORT,
    SAVE_MONTHLY_REPORT,
    SUBMIT_MONTHLY_REPORT,
    APPROVE_MONTHLY_REPORT,
    REJECT_MONTHLY_REPORT,
    REOPEN_MONTHLY_REPORT,
    DECISIONS,
    CREATE_DECISION,
    DECISION_PAGE,
    SET_TARGET,
    SPLIT_TARGET,
    ASSIGN_STAFF_TARGET,
    VIOLATIONS,
    RECORD_VIOLATION,
    PUBLISHED_RANKINGS,
    PUBLISH_RANKING,
    CREATE_UNIT,
    CREATE_USER,
    ADMIN_UNITS,
    UPDATE_UNIT,
    CREATE_STAFF,
    INDICATOR_CATALOGUE,
    UPDATE_INDICATOR,
    API_TOKENS,
    CREATE_API_TOKEN,
    REVOKE_API_TOKEN,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_reports_query_aliases_one_field_per_unit() {
        let q = children_reports_query(2);
        assert!(
            q.starts_with("query ChildrenReports($year: Int!, $month: Int!, $u0: ID!, $u1: ID!)")
        );
        assert!(q.contains("r0: monthlyReport(unitId: $u0"));
        assert!(q.contains("r1: monthlyReport(unitId: $u1"));
        assert!(!q.contains("r2:"));
    }

    #[test]
    fn monthly_results_query_aliases_one_field_per_month() {
        let q = monthly_results_query(PeriodKind::Ytd, 3);
        assert!(q.contains("m1: indicatorResults(period: {year: $year, kind: YTD, index: 1}"));
        assert!(q.contains("m3: indicatorResults"));
        assert!(!q.contains("m4:"));
        assert_eq!(q.matches('{').count(), q.matches('}').count());
        let data: MonthlyResultsData = serde_json::from_str(
            r#"{"indicators":[{"code":"A","name":"a","group":"G","kind":"RATE","active":true}],
                "m1":[{"indicator":{"code":"A"},"value":12.5,"status":"ON_TRACK"}],"m2":[]}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(data.value(1, "A"), Some(12.5));
        assert_eq!(data.value(2, "A"), None);
    }

    fn unit(id: &str, parent: Option<&str>) -> AdminUnit {
        AdminUnit {
            id: id.to_owned(),
            code: id.to_owned(),
            name: id.to_owned(),
            kind: UnitKind::Commune,
            active: true,
            parent: parent.map(|p| IdRef { id: p.to_owned() }),
        }
    }

    #[test]
    fn the_unit_tree_is_depth_first_and_subtrees_include_grandchildren() {
        let units = vec![
            unit("b", Some("a")),
            unit("c", Some("b")),
            unit("a", None),
            unit("d", Some("a")),
        ];
        let tree: Vec<(usize, String)> = unit_tree(&units)
            .into_iter()
            .map(|(d, u)| (d, u.id))
            .collect();
        assert_eq!(
            tree,
            vec![
                (0, "a".into()),
                (1, "b".into()),
                (2, "c".into()),
                (1, "d".into())
            ]
        );
        assert_eq!(
            subtree_ids(&units, "b"),
            vec!["b".to_owned(), "c".to_owned()]
        );
    }

    #[test]
    fn every_document_has_balanced_braces() {
        for q in ALL {
            assert_eq!(q.matches('{').count(), q.matches('}').count(), "{q}");
        }
    }
}

// ---------------------------------------------------------------- imports

const IMPORT_RESULT_FIELDS: &str = "fileName sha256 format layout rows values newValues changedValues unchangedValues months stored moreProblems
    units { unitId unitCode unitName newValues changedValues unchangedValues months }
    problems { kind reason row column header value otherRow year month message
        consistency { part partValue whole wholeValue } }";

/// `importFigures` with the file as `$f`.
pub fn import_figures() -> String {
    format!(
        "mutation ImportFigures($f: Upload!, $dryRun: Boolean!, $submit: Boolean!) {{
  importFigures(file: $f, dryRun: $dryRun, submit: $submit) {{ {IMPORT_RESULT_FIELDS} }}
}}"
    )
}

/// `importTargets` with the file as `$f`.
pub fn import_targets() -> String {
    format!(
        "mutation ImportTargets($decisionId: ID!, $f: Upload!, $dryRun: Boolean!) {{
  importTargets(decisionId: $decisionId, file: $f, dryRun: $dryRun) {{ {IMPORT_RESULT_FIELDS} }}
}}"
    )
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportUnitRow {
    pub unit_id: String,
    pub unit_code: String,
    pub unit_name: String,
    pub new_values: i64,
    pub changed_values: i64,
    pub unchanged_values: i64,
    pub months: i64,
}

/// One problem of an imported file: its kind and reason, where it is and what it is about.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportProblemRow {
    pub kind: shared::ProblemKind,
    pub reason: shared::ProblemReason,
    pub row: Option<i64>,
    pub column: Option<String>,
    pub header: Option<String>,
    /// What the problem is about, as written in the file.
    pub value: Option<String>,
    pub other_row: Option<i64>,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub consistency: Option<ImportConsistencyRow>,
    /// The server's words, in English.
    pub message: String,
}

/// A broken consistency rule of an imported month.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportConsistencyRow {
    pub part: String,
    pub part_value: f64,
    pub whole: String,
    pub whole_value: f64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportResultRow {
    pub file_name: String,
    pub sha256: String,
    pub format: String,
    pub layout: Option<String>,
    pub rows: i64,
    pub values: i64,
    pub new_values: i64,
    pub changed_values: i64,
    pub unchanged_values: i64,
    pub months: i64,
    pub stored: bool,
    pub more_problems: i64,
    pub units: Vec<ImportUnitRow>,
    pub problems: Vec<ImportProblemRow>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportFiguresData {
    pub import_figures: ImportResultRow,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportTargetsData {
    pub import_targets: ImportResultRow,
}
