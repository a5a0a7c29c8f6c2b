//! Recorded violations, with the recording account masked for callers who may not see it.

use super::{MASKED_USERNAME, Staff, Unit, User, may_see_account, required_unit};
use crate::domain::model;
use crate::graphql::loaders::loaders;
use crate::graphql::scalars::{Date, to_id};
use async_graphql::{Context, ID, Object, Result};
use shared::*;

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
