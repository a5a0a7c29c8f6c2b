//! The objects of the product as the services hand them out: plain data, no database or
//! GraphQL types (a password hash or a token hash is never part of them).

use chrono::{DateTime, NaiveDate, Utc};
use shared::ids::*;
use shared::*;

/// A unit of the tree.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Unit {
    pub id: UnitId,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent_id: Option<UnitId>,
    pub active: bool,
    /// The first day in force; `None` since before the first recorded change.
    pub valid_from: Option<chrono::NaiveDate>,
    /// The last day in force; `None` while in force.
    pub valid_to: Option<chrono::NaiveDate>,
}

/// A staff member.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Staff {
    pub id: StaffId,
    pub unit_id: UnitId,
    pub full_name: String,
    pub position: String,
    pub is_head: bool,
    pub email: Option<String>,
    pub active: bool,
    /// The code in the dossier system, by which imported files name the staff member.
    pub code: Option<String>,
}

/// A login account.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct User {
    pub id: UserId,
    pub username: String,
    pub role: Role,
    pub unit_id: UnitId,
    pub staff_id: Option<StaffId>,
    pub active: bool,
    /// The account's own e-mail address (else its staff link's is used).
    pub email: Option<String>,
    /// The kinds of e-mail the user turned off.
    pub muted: Vec<MailKind>,
    /// When an ADMIN locked the account, and why (`None` when not locked by hand).
    pub lock: Option<AccountLock>,
    /// Its password was set by an ADMIN: the user must change it.
    pub must_change_password: bool,
    /// When it last logged in.
    pub last_login_at: Option<DateTime<Utc>>,
}

/// An ADMIN's lock on an account ("Khóa tài khoản"): unlike the login throttle, it holds
/// until an ADMIN lifts it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AccountLock {
    /// When.
    pub at: DateTime<Utc>,
    /// By whom.
    pub by: Option<UserId>,
    /// Why.
    pub reason: String,
}

/// A third-party API token (without its secret).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ApiToken {
    pub id: ApiTokenId,
    pub name: String,
    pub unit_id: UnitId,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked: bool,
}

/// A raw monthly measure.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Measure {
    pub id: MeasureId,
    pub code: String,
    pub name: String,
    /// English name, when the catalogue has one.
    pub name_en: Option<String>,
    pub description: String,
}

/// An indicator of the catalogue.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Indicator {
    pub id: IndicatorId,
    pub code: String,
    pub group: String,
    pub name: String,
    /// English name, when the catalogue has one.
    pub name_en: Option<String>,
    pub kind: IndicatorKind,
    pub numerator_id: MeasureId,
    pub denominator_id: Option<MeasureId>,
    pub direction: Direction,
    pub points: f64,
    pub rule: ScoringRule,
    pub threshold: Option<f64>,
    pub active: bool,
    /// What it gives without data.
    pub no_data: NoDataRule,
    /// The unit kinds it scores; empty: every kind.
    pub applies_to: Vec<UnitKind>,
}

impl Indicator {
    /// Whether it scores a unit of `kind`.
    pub fn applies_to_kind(&self, kind: UnitKind) -> bool {
        self.applies_to.is_empty() || self.applies_to.contains(&kind)
    }
}

/// A decision that assigns targets.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Decision {
    pub id: DecisionId,
    pub number: String,
    pub title: String,
    pub issued_on: NaiveDate,
    pub year: i32,
}

/// A target of a decision for a unit and an indicator.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Target {
    pub id: TargetId,
    pub decision_id: DecisionId,
    pub unit_id: UnitId,
    pub indicator_id: IndicatorId,
    pub year: i32,
    pub value: f64,
    pub baseline: Option<f64>,
    pub responsible_staff_id: Option<StaffId>,
    pub version: i32,
}

/// One milestone of a target's roadmap.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Milestone {
    pub grain: Grain,
    pub index: u32,
    pub value: f64,
}

/// A personal share of a target.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StaffTarget {
    pub staff_id: StaffId,
    pub value: f64,
}

/// One saved figure.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MeasureValue {
    pub unit_id: UnitId,
    pub measure_id: MeasureId,
    pub year: i32,
    pub month: u32,
    pub value: i64,
    pub status: ReportStatus,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Option<UserId>,
}

/// A unit's month: workflow state and figures.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MonthlyReport {
    pub unit_id: UnitId,
    pub year: i32,
    pub month: u32,
    pub status: ReportStatus,
    pub comment: Option<String>,
    pub version: i32,
    pub values: Vec<MeasureValue>,
}

/// A recorded violation.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Violation {
    pub id: ViolationId,
    pub unit_id: UnitId,
    pub staff_id: Option<StaffId>,
    pub occurred_on: NaiveDate,
    pub kind: ViolationKind,
    pub description: String,
    pub dossier_ref: Option<String>,
    pub handling: Handling,
    pub recorded_by: UserId,
    /// The explanation request it was recorded for, if any.
    pub explanation_request_id: Option<ExplanationRequestId>,
}

/// An audit log entry.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AuditEntry {
    pub id: AuditEntryId,
    pub at: DateTime<Utc>,
    pub actor_id: Option<UserId>,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
}
