//! The object types of the contract: wrappers around domain objects whose relations are
//! resolved through the request's loaders. Field names and types follow
//! `contract.graphql`.

use super::loaders::loaders;
use super::scalars::{Date, to_id};
use crate::domain::model;
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use shared::*;

/// A unit of the tree.
pub struct Unit(pub model::Unit);

#[Object]
impl Unit {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn code(&self) -> &str {
        &self.0.code
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn kind(&self) -> UnitKind {
        self.0.kind
    }
    /// The parent unit; null for the root or when it lies outside the caller's scope.
    async fn parent(&self, ctx: &Context<'_>) -> Result<Option<Unit>> {
        match self.0.parent_id {
            Some(p) => Ok(loaders(ctx)?.units.load_one(p).await?.map(Unit)),
            None => Ok(None),
        }
    }
    async fn children(&self, ctx: &Context<'_>) -> Result<Vec<Unit>> {
        Ok(loaders(ctx)?
            .children
            .load_one(self.0.id)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(Unit)
            .collect())
    }
    /// Root first, this unit last (units outside the caller's scope left out).
    async fn path(&self, ctx: &Context<'_>) -> Result<Vec<Unit>> {
        Ok(loaders(ctx)?
            .paths
            .load_one(self.0.id)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(Unit)
            .collect())
    }
    async fn staff(&self, ctx: &Context<'_>) -> Result<Vec<Staff>> {
        Ok(loaders(ctx)?
            .unit_staff
            .load_one(self.0.id)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(Staff)
            .collect())
    }
    async fn active(&self) -> bool {
        self.0.active
    }
}

/// Loads a unit that must exist (a belongs-to of a visible object).
async fn required_unit(ctx: &Context<'_>, id: shared::ids::UnitId) -> Result<Unit> {
    loaders(ctx)?
        .units
        .load_one(id)
        .await?
        .map(Unit)
        .ok_or_else(|| {
            super::error::to_gql(crate::error::ServiceError::not_found(format!("unit {id}")))
        })
}

/// A staff member.
pub struct Staff(pub model::Staff);

#[Object]
impl Staff {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn full_name(&self) -> &str {
        &self.0.full_name
    }
    async fn position(&self) -> &str {
        &self.0.position
    }
    async fn is_head(&self) -> bool {
        self.0.is_head
    }
    async fn unit(&self, ctx: &Context<'_>) -> Result<Unit> {
        required_unit(ctx, self.0.unit_id).await
    }
    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
    }
    async fn active(&self) -> bool {
        self.0.active
    }
}

/// A login account.
pub struct User(pub model::User);

#[Object]
impl User {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn username(&self) -> &str {
        &self.0.username
    }
    async fn role(&self) -> Role {
        self.0.role
    }
    async fn unit(&self, ctx: &Context<'_>) -> Result<Unit> {
        required_unit(ctx, self.0.unit_id).await
    }
    async fn staff(&self, ctx: &Context<'_>) -> Result<Option<Staff>> {
        match self.0.staff_id {
            Some(s) => Ok(loaders(ctx)?.staff.load_one(s).await?.map(Staff)),
            None => Ok(None),
        }
    }
}

/// A fresh session.
#[derive(SimpleObject)]
pub struct AuthPayload {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: User,
}

/// A raw monthly measure.
pub struct Measure(pub model::Measure);

#[Object]
impl Measure {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn code(&self) -> &str {
        &self.0.code
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn description(&self) -> &str {
        &self.0.description
    }
}

/// An indicator of the catalogue.
pub struct Indicator(pub model::Indicator);

#[Object]
impl Indicator {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn code(&self) -> &str {
        &self.0.code
    }
    async fn group(&self) -> &str {
        &self.0.group
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn kind(&self) -> IndicatorKind {
        self.0.kind
    }
    async fn numerator(&self, ctx: &Context<'_>) -> Result<Measure> {
        loaders(ctx)?
            .measures
            .load_one(self.0.numerator_id)
            .await?
            .map(Measure)
            .ok_or_else(|| super::error::to_gql(crate::error::ServiceError::not_found("measure")))
    }
    async fn denominator(&self, ctx: &Context<'_>) -> Result<Option<Measure>> {
        match self.0.denominator_id {
            Some(d) => Ok(loaders(ctx)?.measures.load_one(d).await?.map(Measure)),
            None => Ok(None),
        }
    }
    async fn direction(&self) -> Direction {
        self.0.direction
    }
    async fn points(&self) -> f64 {
        self.0.points
    }
    async fn rule(&self) -> ScoringRule {
        self.0.rule
    }
    async fn threshold(&self) -> Option<f64> {
        self.0.threshold
    }
    async fn active(&self) -> bool {
        self.0.active
    }
}

/// A decision that assigns targets.
pub struct Decision(pub model::Decision);

#[Object]
impl Decision {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn number(&self) -> &str {
        &self.0.number
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn issued_on(&self) -> Date {
        Date(self.0.issued_on)
    }
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// Targets of this decision within the caller's scope, optionally of one unit.
    async fn targets(&self, ctx: &Context<'_>, unit_id: Option<ID>) -> Result<Vec<Target>> {
        use super::context::CtxExt;
        use super::error::GqlResult;
        let actor = &ctx.actor()?;
        let unit = super::scalars::parse_opt_id("unitId", unit_id.as_ref())?;
        let list = crate::service::targets::of_decision(actor, ctx.db().conn(), self.0.id, unit)
            .await
            .gql()?;
        Ok(list.into_iter().map(Target).collect())
    }
}

/// One milestone of a roadmap.
#[derive(SimpleObject)]
pub struct Milestone {
    pub grain: Grain,
    pub index: i32,
    pub value: f64,
}

impl From<model::Milestone> for Milestone {
    fn from(m: model::Milestone) -> Self {
        Milestone {
            grain: m.grain,
            index: m.index as i32,
            value: m.value,
        }
    }
}

/// A personal share of a target.
pub struct StaffTarget(pub model::StaffTarget);

#[Object]
impl StaffTarget {
    async fn staff(&self, ctx: &Context<'_>) -> Result<Staff> {
        loaders(ctx)?
            .staff
            .load_one(self.0.staff_id)
            .await?
            .map(Staff)
            .ok_or_else(|| super::error::to_gql(crate::error::ServiceError::not_found("staff")))
    }
    async fn value(&self) -> f64 {
        self.0.value
    }
}

/// A target of a decision for a unit and an indicator.
pub struct Target(pub model::Target);

#[Object]
impl Target {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn decision(&self, ctx: &Context<'_>) -> Result<Decision> {
        loaders(ctx)?
            .decisions
            .load_one(self.0.decision_id)
            .await?
            .map(Decision)
            .ok_or_else(|| super::error::to_gql(crate::error::ServiceError::not_found("decision")))
    }
    async fn unit(&self, ctx: &Context<'_>) -> Result<Unit> {
        required_unit(ctx, self.0.unit_id).await
    }
    async fn indicator(&self, ctx: &Context<'_>) -> Result<Indicator> {
        loaders(ctx)?
            .indicators
            .load_one(self.0.indicator_id)
            .await?
            .map(Indicator)
            .ok_or_else(|| super::error::to_gql(crate::error::ServiceError::not_found("indicator")))
    }
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// Annual target: a rate in percent, or a count.
    async fn value(&self) -> f64 {
        self.0.value
    }
    /// Last year's actual, used by LINEAR splits of rates.
    async fn baseline(&self) -> Option<f64> {
        self.0.baseline
    }
    async fn responsible(&self, ctx: &Context<'_>) -> Result<Option<Staff>> {
        match self.0.responsible_staff_id {
            Some(s) => Ok(loaders(ctx)?.staff.load_one(s).await?.map(Staff)),
            None => Ok(None),
        }
    }
    async fn milestones(&self, ctx: &Context<'_>) -> Result<Vec<Milestone>> {
        Ok(loaders(ctx)?
            .milestones
            .load_one(self.0.id)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(Milestone::from)
            .collect())
    }
    async fn staff_targets(&self, ctx: &Context<'_>) -> Result<Vec<StaffTarget>> {
        Ok(loaders(ctx)?
            .staff_targets
            .load_one(self.0.id)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(StaffTarget)
            .collect())
    }
    /// Shortfall of the direct children's targets against this one; 0 when covered, null
    /// when no child has one.
    async fn cascade_gap(&self, ctx: &Context<'_>) -> Result<Option<f64>> {
        Ok(loaders(ctx)?
            .cascade_gaps
            .load_one(self.0.id)
            .await?
            .flatten())
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// One saved figure.
pub struct MeasureValue(pub model::MeasureValue);

#[Object]
impl MeasureValue {
    async fn unit(&self, ctx: &Context<'_>) -> Result<Unit> {
        required_unit(ctx, self.0.unit_id).await
    }
    async fn measure(&self, ctx: &Context<'_>) -> Result<Measure> {
        loaders(ctx)?
            .measures
            .load_one(self.0.measure_id)
            .await?
            .map(Measure)
            .ok_or_else(|| super::error::to_gql(crate::error::ServiceError::not_found("measure")))
    }
    async fn year(&self) -> i32 {
        self.0.year
    }
    async fn month(&self) -> i32 {
        self.0.month as i32
    }
    async fn value(&self) -> Result<i32> {
        i32::try_from(self.0.value).map_err(|_| {
            super::error::to_gql(crate::error::ServiceError::Internal(anyhow::anyhow!(
                "value out of range"
            )))
        })
    }
    async fn status(&self) -> ReportStatus {
        self.0.status
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    /// Who saved it (visible to ADMIN and to the author).
    async fn updated_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        match self.0.updated_by {
            Some(u) if may_see_account(ctx, u)? => {
                Ok(loaders(ctx)?.users.load_one(u).await?.map(User))
            }
            _ => Ok(None),
        }
    }
}

/// A unit's month.
pub struct MonthlyReport(pub model::MonthlyReport);

#[Object]
impl MonthlyReport {
    async fn unit(&self, ctx: &Context<'_>) -> Result<Unit> {
        required_unit(ctx, self.0.unit_id).await
    }
    async fn year(&self) -> i32 {
        self.0.year
    }
    async fn month(&self) -> i32 {
        self.0.month as i32
    }
    async fn status(&self) -> ReportStatus {
        self.0.status
    }
    /// The reason given on REJECTED or reopened.
    async fn comment(&self) -> Option<&str> {
        self.0.comment.as_deref()
    }
    /// Bumped by every change; saveMonthlyReport(expectedVersion) must match it.
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn values(&self) -> Vec<MeasureValue> {
        self.0.values.iter().cloned().map(MeasureValue).collect()
    }
}

/// What stands for a username the caller may not see.
const MASKED_USERNAME: &str = "—";

/// Whether the caller may see an account's username: an ADMIN, or its owner.
fn may_see_account(ctx: &Context<'_>, id: shared::ids::UserId) -> Result<bool> {
    use super::context::CtxExt;
    let actor = ctx.actor()?;
    Ok(actor.is_admin() || actor.user_id() == Some(id))
}

/// A recorded violation.
pub struct Violation(pub model::Violation);

#[Object]
impl Violation {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn unit(&self, ctx: &Context<'_>) -> Result<Unit> {
        required_unit(ctx, self.0.unit_id).await
    }
    async fn staff(&self, ctx: &Context<'_>) -> Result<Option<Staff>> {
        match self.0.staff_id {
            Some(s) => Ok(loaders(ctx)?.staff.load_one(s).await?.map(Staff)),
            None => Ok(None),
        }
    }
    async fn occurred_on(&self) -> Date {
        Date(self.0.occurred_on)
    }
    async fn kind(&self) -> ViolationKind {
        self.0.kind
    }
    async fn description(&self) -> &str {
        &self.0.description
    }
    async fn dossier_ref(&self) -> Option<&str> {
        self.0.dossier_ref.as_deref()
    }
    async fn handling(&self) -> Handling {
        self.0.handling
    }
    /// Who recorded it. Accounts are visible to ADMIN and to their owner; for others the
    /// id and role are shown with a masked username.
    async fn recorded_by(&self, ctx: &Context<'_>) -> Result<User> {
        let found = loaders(ctx)?.users.load_one(self.0.recorded_by).await?;
        let mut user = found.unwrap_or_else(|| model::User {
            id: self.0.recorded_by,
            username: MASKED_USERNAME.into(),
            role: Role::Manager,
            unit_id: self.0.unit_id,
            staff_id: None,
            active: true,
        });
        if !may_see_account(ctx, user.id)? {
            user.username = MASKED_USERNAME.into();
            user.staff_id = None;
        }
        Ok(User(user))
    }
}

/// An audit log entry.
pub struct AuditEntry(pub model::AuditEntry);

#[Object]
impl AuditEntry {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }
    async fn actor(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        match self.0.actor_id {
            Some(u) => Ok(loaders(ctx)?.users.load_one(u).await?.map(User)),
            None => Ok(None),
        }
    }
    async fn action(&self) -> &str {
        &self.0.action
    }
    async fn entity(&self) -> &str {
        &self.0.entity
    }
    async fn entity_id(&self) -> &str {
        &self.0.entity_id
    }
    async fn before(&self) -> Option<&str> {
        self.0.before.as_deref()
    }
    async fn after(&self) -> Option<&str> {
        self.0.after.as_deref()
    }
}

/// A third-party API token (without its secret).
pub struct ApiToken(pub model::ApiToken);

#[Object]
impl ApiToken {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn unit(&self, ctx: &Context<'_>) -> Result<Unit> {
        required_unit(ctx, self.0.unit_id).await
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.0.expires_at
    }
    async fn revoked(&self) -> bool {
        self.0.revoked
    }
}

/// A new API token with its secret, shown once.
#[derive(SimpleObject)]
pub struct ApiTokenPayload {
    pub token: String,
    pub api_token: ApiToken,
}
