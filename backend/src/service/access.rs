//! Scope decisions that need the tree: where a unit stands relative to the caller, and the
//! filters that keep list queries inside the caller's subtree.

use crate::auth::Actor;
use crate::db::closure;
use crate::domain::scope::{Placement, Reach, may_administer_province};
use crate::error::{ServiceError, ServiceResult};
use sea_orm::sea_query::ExprTrait;
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait};
use shared::Role;
use shared::ids::UnitId;

/// How far the caller's scope reaches.
pub fn reach(actor: &Actor) -> Reach {
    Reach::of(actor.scope_is_root)
}

/// Where `unit` stands relative to the caller's scope. A caller scoped to a root has every
/// other unit below it (as [`ensure_visible`] and [`scope_filter`] already assume).
pub async fn placement(
    db: &impl ConnectionTrait,
    actor: &Actor,
    unit: UnitId,
) -> ServiceResult<Placement> {
    if unit == actor.scope {
        return Ok(Placement::AtScope);
    }
    if actor.scope_is_root {
        return Ok(Placement::Below);
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

/// Fails with FORBIDDEN and `message` unless the rule allowed the call.
pub fn allow(allowed: bool, message: impl Into<String>) -> ServiceResult<()> {
    if allowed {
        Ok(())
    } else {
        Err(ServiceError::forbidden(message.into()))
    }
}

/// Fails with FORBIDDEN unless the caller is an ADMIN of the province root: the powers that
/// are province-wide by nature (the catalogue, decisions, rankings).
pub fn require_province_admin(actor: &Actor, action: &str) -> ServiceResult<()> {
    let role = actor.require_role(&[Role::Admin], action)?;
    allow(
        may_administer_province(role, reach(actor)),
        format!("only an ADMIN of the province root may {action}"),
    )
}

/// Applies [`scope_filter`] to a select.
pub fn in_scope<Q: sea_orm::QueryFilter, C: ColumnTrait>(actor: &Actor, query: Q, column: C) -> Q {
    match scope_filter(actor, column) {
        Some(cond) => query.filter(cond),
        None => query,
    }
}
