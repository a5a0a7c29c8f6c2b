//! The outbox and the webhooks: `notifications`, `webhooks`, `createWebhook`,
//! `deleteWebhook`.

use super::context::CtxExt;
use super::error::GqlResult;
use super::scalars::parse_id;
use super::types::{Notification, Webhook, WebhookPayload};
use crate::service::notify;
use async_graphql::{Context, ID, Object, Result};
use shared::TodoKind;

#[derive(Default)]
pub struct NotifyQuery;

#[Object]
impl NotifyQuery {
    /// The outbox, newest first (the ADMIN of the province root): at most 500.
    async fn notifications(
        &self,
        ctx: &Context<'_>,
        #[graphql(default_with = "Some(50)")] limit: Option<i32>,
    ) -> Result<Vec<Notification>> {
        let limit = i64::from(limit.unwrap_or(50));
        Ok(notify::notifications(&ctx.actor()?, ctx.db(), limit)
            .await
            .gql()?
            .into_iter()
            .map(Notification)
            .collect())
    }

    /// The webhooks of the units in the caller's subtree (ADMIN), newest first.
    async fn webhooks(&self, ctx: &Context<'_>) -> Result<Vec<Webhook>> {
        Ok(notify::webhooks(&ctx.actor()?, ctx.db())
            .await
            .gql()?
            .into_iter()
            .map(Webhook)
            .collect())
    }
}

#[derive(Default)]
pub struct NotifyMutation;

#[Object]
impl NotifyMutation {
    /// ADMIN, for a unit of its subtree: a webhook receiving `events` about the unit and
    /// every unit below it. The URL must be http or https and must not resolve to a
    /// loopback or private address (unless the server allows it) nor to the server itself.
    /// The signing secret is in the answer only.
    async fn create_webhook(
        &self,
        ctx: &Context<'_>,
        url: String,
        events: Vec<TodoKind>,
        unit_id: ID,
    ) -> Result<WebhookPayload> {
        let unit = parse_id("unitId", &unit_id)?;
        let outbound = &ctx.req().outbound;
        let (secret, webhook) =
            notify::create_webhook(&ctx.actor()?, ctx.db(), outbound, &url, &events, unit)
                .await
                .gql()?;
        Ok(WebhookPayload {
            webhook: Webhook(webhook),
            secret,
        })
    }

    /// ADMIN of a unit whose subtree holds the webhook's unit: deletes it; its posts not
    /// yet made fail.
    async fn delete_webhook(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        notify::delete_webhook(&ctx.actor()?, ctx.db(), parse_id("id", &id)?)
            .await
            .gql()
    }
}
