//! Follow-through as the contract shows it: an explanation request with the explanation,
//! its corrective actions, evidence files and what the caller may do; a cause; the
//! settings; an evidence file's record (its bytes are served over HTTP).

use super::{Indicator, Staff, Unit, Violation, missing, required_unit};
use crate::domain::evidence::Limits;
use crate::domain::follow_up::{self, Action, Cause, EvidenceFile, settings::Settings};
use crate::graphql::loaders::loaders;
use crate::graphql::scalars::{Date, to_id};
use crate::service::follow_up::Shown;
use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, NaiveDate, Utc};
use shared::ids::UserId;
use shared::{ActionStatus, ExplanationStatus, TrackStatus};

fn int(v: i64) -> i32 {
    i32::try_from(v.max(0)).unwrap_or(i32::MAX)
}

/// The shown name of an account.
async fn name_of(ctx: &Context<'_>, user: Option<UserId>) -> Result<Option<String>> {
    match user {
        Some(id) => Ok(loaders(ctx)?.person_names.load_one(id).await?),
        None => Ok(None),
    }
}

/// An explanation request (giải trình) about a unit's indicator at a month.
pub struct ExplanationRequest(pub Shown);

impl From<Shown> for ExplanationRequest {
    fn from(s: Shown) -> Self {
        ExplanationRequest(s)
    }
}

#[Object]
impl ExplanationRequest {
    async fn id(&self) -> ID {
        to_id(self.0.request.id)
    }
    async fn unit(&self, ctx: &Context<'_>) -> Result<Unit> {
        required_unit(ctx, self.0.request.unit_id).await
    }
    async fn indicator(&self, ctx: &Context<'_>) -> Result<Indicator> {
        let id = self.0.request.indicator_id;
        loaders(ctx)?
            .indicators
            .load_one(id)
            .await?
            .map(Indicator)
            .ok_or_else(|| missing(format!("indicator {id}")))
    }
    async fn year(&self) -> i32 {
        self.0.request.year
    }
    async fn month(&self) -> i32 {
        self.0.request.month as i32
    }
    async fn status(&self) -> ExplanationStatus {
        self.0.request.status
    }
    /// The indicator's status at the month when asked (OFF_TRACK or AT_RISK).
    async fn track_status(&self) -> TrackStatus {
        self.0.request.track_status
    }
    /// True when the product asked on an approval; false when a manager asked by hand.
    async fn automatic(&self) -> bool {
        self.0.request.automatic
    }
    /// Full name (or username) of who asked; null when automatic.
    async fn requested_by(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        name_of(ctx, self.0.request.requested_by).await
    }
    async fn requested_at(&self) -> DateTime<Utc> {
        self.0.request.requested_at
    }
    async fn due_on(&self) -> Date {
        Date(self.0.request.due_on)
    }
    /// Days past dueOn while not given (OPEN/RETURNED); else 0.
    async fn days_overdue(&self) -> i32 {
        let r = &self.0.request;
        int(follow_up::request_days_overdue(
            r.status,
            r.due_on,
            self.0.today,
        ))
    }
    async fn message(&self) -> Option<&str> {
        self.0.request.message.as_deref()
    }
    async fn cause(&self, ctx: &Context<'_>) -> Result<Option<ExplanationCause>> {
        match self.0.request.cause_id {
            Some(id) => Ok(loaders(ctx)?
                .causes
                .load_one(id)
                .await?
                .map(ExplanationCause)),
            None => Ok(None),
        }
    }
    async fn reason(&self) -> Option<&str> {
        self.0.request.reason.as_deref()
    }
    async fn submitted_by(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        name_of(ctx, self.0.request.submitted_by).await
    }
    async fn submitted_at(&self) -> Option<DateTime<Utc>> {
        self.0.request.submitted_at
    }
    async fn reviewed_by(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        name_of(ctx, self.0.request.reviewed_by).await
    }
    async fn reviewed_at(&self) -> Option<DateTime<Utc>> {
        self.0.request.reviewed_at
    }
    async fn review_comment(&self) -> Option<&str> {
        self.0.request.review_comment.as_deref()
    }
    async fn closed_at(&self) -> Option<DateTime<Utc>> {
        self.0.request.closed_at
    }
    async fn close_note(&self) -> Option<&str> {
        self.0.request.close_note.as_deref()
    }
    async fn violation(&self, ctx: &Context<'_>) -> Result<Option<Violation>> {
        match self.0.request.violation_id {
            Some(id) => Ok(loaders(ctx)?.violations.load_one(id).await?.map(Violation)),
            None => Ok(None),
        }
    }
    async fn actions(&self, ctx: &Context<'_>) -> Result<Vec<CorrectiveAction>> {
        let found = loaders(ctx)?.actions.load_one(self.0.request.id).await?;
        let today = self.0.today;
        Ok(found
            .unwrap_or_default()
            .into_iter()
            .map(|a| CorrectiveAction(a, today))
            .collect())
    }
    /// The explanation's own evidence (not the actions').
    async fn evidence(&self, ctx: &Context<'_>) -> Result<Vec<EvidenceFileObject>> {
        let found = loaders(ctx)?.evidence.load_one(self.0.request.id).await?;
        Ok(found
            .unwrap_or_default()
            .into_iter()
            .filter(|f| f.action_id.is_none())
            .map(EvidenceFileObject)
            .collect())
    }
    /// What the caller may do now (so the SPA shows the right buttons).
    async fn can_explain(&self) -> bool {
        self.0.can.explain
    }
    async fn can_review(&self) -> bool {
        self.0.can.review
    }
    async fn can_record_violation(&self) -> bool {
        self.0.can.record_violation
    }
}

/// A corrective action proposed by an explanation.
pub struct CorrectiveAction(pub Action, pub NaiveDate);

#[Object]
impl CorrectiveAction {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn description(&self) -> &str {
        &self.0.description
    }
    async fn owner(&self, ctx: &Context<'_>) -> Result<Staff> {
        let id = self.0.owner;
        loaders(ctx)?
            .staff
            .load_one(id)
            .await?
            .map(Staff)
            .ok_or_else(|| missing(format!("staff {id}")))
    }
    async fn due_on(&self) -> Date {
        Date(self.0.due_on)
    }
    async fn expected_effect(&self) -> Option<&str> {
        self.0.expected_effect.as_deref()
    }
    async fn status(&self) -> ActionStatus {
        self.0.status
    }
    async fn done_at(&self) -> Option<DateTime<Utc>> {
        self.0.done_at
    }
    async fn done_note(&self) -> Option<&str> {
        self.0.done_note.as_deref()
    }
    async fn days_overdue(&self) -> i32 {
        if self.0.status == ActionStatus::Planned {
            int(follow_up::days_after(self.0.due_on, self.1))
        } else {
            0
        }
    }
    async fn evidence(&self, ctx: &Context<'_>) -> Result<Vec<EvidenceFileObject>> {
        let found = loaders(ctx)?.evidence.load_one(self.0.request_id).await?;
        Ok(found
            .unwrap_or_default()
            .into_iter()
            .filter(|f| f.action_id == Some(self.0.id))
            .map(EvidenceFileObject)
            .collect())
    }
}

/// An evidence file (tài liệu kiểm chứng) of an explanation or of one of its actions.
pub struct EvidenceFileObject(pub EvidenceFile);

#[Object(name = "EvidenceFile")]
impl EvidenceFileObject {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn file_name(&self) -> &str {
        &self.0.file_name
    }
    async fn content_type(&self) -> &str {
        &self.0.content_type
    }
    async fn size(&self) -> i32 {
        int(self.0.size)
    }
    async fn sha256(&self) -> &str {
        &self.0.sha256
    }
    async fn uploaded_at(&self) -> DateTime<Utc> {
        self.0.uploaded_at
    }
    async fn uploaded_by(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(name_of(ctx, Some(self.0.uploaded_by))
            .await?
            .unwrap_or_default())
    }
    /// Where to GET the bytes (with the Authorization header): /files/evidence/{id}
    async fn url(&self) -> String {
        format!("/files/evidence/{}", self.0.id)
    }
}

/// A cause an explanation names.
pub struct ExplanationCause(pub Cause);

#[Object]
impl ExplanationCause {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn code(&self) -> &str {
        &self.0.code
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn active(&self) -> bool {
        self.0.active
    }
}

/// How explanations are asked, and the sizes evidence files may have.
pub struct ExplanationSettings(pub Settings, pub Limits);

#[Object]
impl ExplanationSettings {
    /// Ask automatically for AT_RISK as well as OFF_TRACK.
    async fn include_at_risk(&self) -> bool {
        self.0.include_at_risk
    }
    /// Days the unit has to explain (default 7).
    async fn due_days(&self) -> i32 {
        int(self.0.due_days)
    }
    /// Largest evidence file, bytes (config, default 10 MB).
    async fn max_file_bytes(&self) -> i32 {
        int(i64::try_from(self.1.max_file_bytes).unwrap_or(i64::MAX))
    }
    /// Largest total of one explanation's files, bytes (config, default 50 MB).
    async fn max_request_bytes(&self) -> i32 {
        int(i64::try_from(self.1.max_request_bytes).unwrap_or(i64::MAX))
    }
}
