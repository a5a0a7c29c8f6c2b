//! Accounts, sessions, API tokens and audit entries as the contract shows them.

use super::{Staff, Unit, required_unit};
use crate::domain::model;
use crate::graphql::loaders::loaders;
use crate::graphql::scalars::to_id;
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use shared::*;

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
