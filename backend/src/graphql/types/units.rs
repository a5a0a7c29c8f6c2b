//! The unit and staff objects: a unit with its parent, children, path and staff.

use super::{required_unit, wrap_all};
use crate::domain::model;
use crate::graphql::loaders::loaders;
use crate::graphql::scalars::to_id;
use async_graphql::{Context, ID, Object, Result};
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
        Ok(wrap_all(
            loaders(ctx)?.children.load_one(self.0.id).await?,
            Unit,
        ))
    }
    /// Root first, this unit last (units outside the caller's scope left out).
    async fn path(&self, ctx: &Context<'_>) -> Result<Vec<Unit>> {
        Ok(wrap_all(
            loaders(ctx)?.paths.load_one(self.0.id).await?,
            Unit,
        ))
    }
    async fn staff(&self, ctx: &Context<'_>) -> Result<Vec<Staff>> {
        Ok(wrap_all(
            loaders(ctx)?.unit_staff.load_one(self.0.id).await?,
            Staff,
        ))
    }
    async fn active(&self) -> bool {
        self.0.active
    }
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
