//! Scope decisions that need the tree: where a unit stands relative to the caller, and the
//! filters that keep list queries inside the caller's subtree.

use crate::auth::Actor;
use crate::db::closure;
use crate::domain::scope::Placement;
use crate::error::{ServiceError, ServiceResult};
use sea_orm::sea_query::ExprTrait;
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait};
use shared::ids::UnitId;

/// Where `unit` stands relative to the caller's scope.
pub async fn placement(
    db: &impl ConnectionTrait,
    actor: &Actor,
    unit: UnitId,
) -> ServiceResult<Placement> {
    if unit == actor.scope {
        return Ok(Placement::AtScope);
    }
    Ok(match closure::depth_below(db, actor.scope, unit).await? {
        Some(d) if d > 0 => Placement::Below,
        Some(_) => Placement::AtScope,
        None => Placement::Outside,
    })
}

/// Fails with NOT_FOUND unless `unit` is in the caller's subtree (reads do not reveal what
/// lies outside).
pub async fn ensure_visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    unit: UnitId,
    what: &str,
) -> ServiceResult<()> {
    if actor.scope_is_root || placement(db, actor, unit).await?.in_scope() {
        Ok(())
    } else {
        Err(ServiceError::not_found(format!("{what} {unit}")))
    }
}

/// A condition keeping `column` (a unit id) inside the caller's subtree; `None` when the
/// caller sees the whole tree.
pub fn scope_filter<C: ColumnTrait>(actor: &Actor, column: C) -> Option<SimpleExpr> {
    if actor.scope_is_root {
        None
    } else {
        Some(Expr::col(column).in_subquery(closure::subtree_query(actor.scope)))
    }
}

/// Applies [`scope_filter`] to a select.
pub fn in_scope<Q: sea_orm::QueryFilter, C: ColumnTrait>(actor: &Actor, query: Q, column: C) -> Q {
    match scope_filter(actor, column) {
        Some(cond) => query.filter(cond),
        None => query,
    }
}
