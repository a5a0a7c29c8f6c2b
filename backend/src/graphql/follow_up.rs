//! Follow-through: explanation requests, explanations, their review, corrective actions,
//! the violation a refused explanation becomes, the causes and the settings.

use super::context::CtxExt;
use super::error::GqlResult;
use super::scalars::{Date, parse_id};
use super::types::{CorrectiveAction, ExplanationCause, ExplanationRequest, ExplanationSettings};
use crate::domain::follow_up::Step;
use crate::domain::follow_up::plan::{Explanation, ProposedAction};
use crate::service::follow_up::{actions, causes, explain, requests, review, settings, violation};
use async_graphql::{Context, ID, InputObject, Object, Result};
use shared::{ExplanationStatus, Handling, ViolationKind};

/// A corrective action as proposed.
#[derive(InputObject)]
pub struct CorrectiveActionInput {
    /// An action already proposed (kept, updated); null for a new one.
    pub id: Option<ID>,
    pub description: String,
    pub owner_staff_id: ID,
    pub due_on: Date,
    pub expected_effect: Option<String>,
}

/// Input of `submitExplanation`.
#[derive(InputObject)]
pub struct ExplainInput {
    pub request_id: ID,
    pub cause_id: ID,
    pub reason: String,
    pub actions: Vec<CorrectiveActionInput>,
}

/// Input of `requestExplanation`.
#[derive(InputObject)]
pub struct RequestExplanationInput {
    pub unit_id: ID,
    pub indicator_id: ID,
    pub year: i32,
    pub month: i32,
    pub message: String,
    pub due_on: Option<Date>,
}

/// Input of `recordExplanationViolation`.
#[derive(InputObject)]
pub struct RecordExplanationViolationInput {
    pub request_id: ID,
    pub staff_id: Option<ID>,
    pub kind: ViolationKind,
    pub description: String,
    pub handling: Handling,
}

#[derive(Default)]
pub struct FollowUpQuery;

#[Object]
impl FollowUpQuery {
    /// Requests about units in the caller's scope; unitId narrows to that unit's subtree;
    /// newest first; at most 500.
    async fn explanation_requests(
        &self,
        ctx: &Context<'_>,
        unit_id: Option<ID>,
        year: Option<i32>,
        status: Option<Vec<ExplanationStatus>>,
    ) -> Result<Vec<ExplanationRequest>> {
        let unit = super::scalars::parse_opt_id("unitId", unit_id.as_ref())?;
        let list = requests::list(
            &ctx.actor()?,
            ctx.db(),
            unit,
            year,
            status.unwrap_or_default(),
        )
        .await
        .gql()?;
        Ok(list.into_iter().map(ExplanationRequest).collect())
    }

    /// One request in scope; null otherwise.
    async fn explanation_request(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> Result<Option<ExplanationRequest>> {
        let id = parse_id("id", &id)?;
        let found = requests::get(&ctx.actor()?, ctx.db(), id).await.gql()?;
        Ok(found.map(ExplanationRequest))
    }

    /// The causes an explanation can name (inactive ones too when asked).
    async fn explanation_causes(
        &self,
        ctx: &Context<'_>,
        #[graphql(default_with = "Some(false)")] include_inactive: Option<bool>,
    ) -> Result<Vec<ExplanationCause>> {
        let all = include_inactive.unwrap_or(false);
        let list = causes::list(&ctx.actor()?, ctx.db().conn(), all)
            .await
            .gql()?;
        Ok(list.into_iter().map(ExplanationCause).collect())
    }

    /// How explanations are requested: the deadline in days and the automatic rules.
    async fn explanation_settings(&self, ctx: &Context<'_>) -> Result<ExplanationSettings> {
        let s = settings::get(&ctx.actor()?, ctx.db().conn()).await.gql()?;
        Ok(ExplanationSettings(s, ctx.req().evidence.limits))
    }
}

#[derive(Default)]
pub struct FollowUpMutation;

#[Object]
impl FollowUpMutation {
    /// MANAGER/ADMIN whose scope is strictly above the unit (as approving:
    /// domain::scope::may_approve).
    async fn request_explanation(
        &self,
        ctx: &Context<'_>,
        input: RequestExplanationInput,
    ) -> Result<ExplanationRequest> {
        let cmd = requests::AskByHand {
            unit: parse_id("unitId", &input.unit_id)?,
            indicator: parse_id("indicatorId", &input.indicator_id)?,
            year: i64::from(input.year),
            month: i64::from(input.month),
            message: input.message,
            due_on: input.due_on.map(|d| d.0),
        };
        requests::ask(&ctx.actor()?, ctx.db(), cmd)
            .await
            .gql()
            .map(ExplanationRequest)
    }

    /// MANAGER or OFFICER whose scope includes the unit (the unit's own head, its officers,
    /// managers above); request OPEN or RETURNED. Replaces the action list: actions with id
    /// are kept/updated (only PLANNED ones), new ones added, PLANNED ones left out are
    /// removed. 1..=20 actions; each owner a staff member of the request's unit; dueOn not
    /// before today.
    async fn submit_explanation(
        &self,
        ctx: &Context<'_>,
        input: ExplainInput,
    ) -> Result<ExplanationRequest> {
        let request = parse_id("requestId", &input.request_id)?;
        let mut proposed = Vec::with_capacity(input.actions.len().min(21));
        for (i, a) in input.actions.into_iter().enumerate() {
            proposed.push(ProposedAction {
                id: super::scalars::parse_opt_id(&format!("actions[{i}].id"), a.id.as_ref())?,
                description: a.description,
                owner: parse_id(&format!("actions[{i}].ownerStaffId"), &a.owner_staff_id)?,
                due_on: a.due_on.0,
                expected_effect: a.expected_effect,
            });
        }
        let raw = Explanation {
            cause: parse_id("causeId", &input.cause_id)?,
            reason: input.reason,
            actions: proposed,
        };
        explain::submit(&ctx.actor()?, ctx.db(), request, raw)
            .await
            .gql()
            .map(ExplanationRequest)
    }

    /// The level above (as requestExplanation); SUBMITTED → ACCEPTED; the comment optional.
    async fn accept_explanation(
        &self,
        ctx: &Context<'_>,
        request_id: ID,
        comment: Option<String>,
    ) -> Result<ExplanationRequest> {
        let id = parse_id("requestId", &request_id)?;
        review::review(
            &ctx.actor()?,
            ctx.db(),
            id,
            Step::Accept,
            comment.as_deref(),
        )
        .await
        .gql()
        .map(ExplanationRequest)
    }

    /// SUBMITTED → RETURNED; comment required; e-mails the unit's managers and heads again.
    async fn return_explanation(
        &self,
        ctx: &Context<'_>,
        request_id: ID,
        comment: String,
    ) -> Result<ExplanationRequest> {
        let id = parse_id("requestId", &request_id)?;
        review::review(&ctx.actor()?, ctx.db(), id, Step::Return, Some(&comment))
            .await
            .gql()
            .map(ExplanationRequest)
    }

    /// Marks a PLANNED action DONE (note optional); MANAGER/OFFICER in scope of the unit.
    async fn complete_action(
        &self,
        ctx: &Context<'_>,
        action_id: ID,
        note: Option<String>,
    ) -> Result<CorrectiveAction> {
        let id = parse_id("actionId", &action_id)?;
        let done = actions::complete(&ctx.actor()?, ctx.db(), id, note.as_deref())
            .await
            .gql()?;
        Ok(CorrectiveAction(done, ctx.db().clock().today()))
    }

    /// The level above: a RETURNED request, or an OPEN one past dueOn, becomes a recorded
    /// violation (delay by default) linked both ways; the request CLOSES with a note.
    async fn record_explanation_violation(
        &self,
        ctx: &Context<'_>,
        input: RecordExplanationViolationInput,
    ) -> Result<ExplanationRequest> {
        let cmd = violation::RecordForRequest {
            request: parse_id("requestId", &input.request_id)?,
            staff: super::scalars::parse_opt_id("staffId", input.staff_id.as_ref())?,
            kind: input.kind,
            description: input.description,
            handling: input.handling,
        };
        violation::record(&ctx.actor()?, ctx.db(), cmd)
            .await
            .gql()
            .map(ExplanationRequest)
    }

    /// ADMIN.
    async fn create_explanation_cause(
        &self,
        ctx: &Context<'_>,
        code: String,
        name: String,
    ) -> Result<ExplanationCause> {
        causes::create(&ctx.actor()?, ctx.db(), &code, &name)
            .await
            .gql()
            .map(ExplanationCause)
    }

    async fn update_explanation_cause(
        &self,
        ctx: &Context<'_>,
        id: ID,
        name: Option<String>,
        active: Option<bool>,
    ) -> Result<ExplanationCause> {
        let id = parse_id("id", &id)?;
        causes::update(&ctx.actor()?, ctx.db(), id, name.as_deref(), active)
            .await
            .gql()
            .map(ExplanationCause)
    }

    async fn set_explanation_settings(
        &self,
        ctx: &Context<'_>,
        include_at_risk: bool,
        due_days: i32,
    ) -> Result<ExplanationSettings> {
        let s = settings::set(
            &ctx.actor()?,
            ctx.db(),
            include_at_risk,
            i64::from(due_days),
        )
        .await
        .gql()?;
        Ok(ExplanationSettings(s, ctx.req().evidence.limits))
    }
}
