//! Scope decisions that need the tree: where a unit stands relative to the caller, the part
//! of the tree the caller's reads return, the role a `domain::scope` rule grants, and the
//! one NOT_FOUND answer of a lookup.

use crate::auth::Actor;
use crate::db::ConnectionTrait;
use crate::db::closure::{self, Scope};
use crate::domain::scope::{Placement, Reach, may_administer_province};
use crate::error::{ServiceError, ServiceResult};
use shared::Role;
use shared::ids::UnitId;

/// How far the caller's scope reaches.
pub fn reach(actor: &Actor) -> Reach {
    Reach::of(actor.scope_is_root)
}

/// The part of the tree the caller's reads return: everything for a caller scoped to a
/// root, its subtree otherwise.
pub fn scope(actor: &Actor) -> Scope {
    if actor.scope_is_root {
        Scope::Everything
    } else {
        Scope::Subtree(actor.scope)
    }
}

/// Where `unit` stands relative to the caller's scope. A caller scoped to a root has every
/// other unit below it (as [`ensure_visible`] and [`scope`] already assume).
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

/// Fails with FORBIDDEN and `message` unless the rule allowed the call.
pub fn allow(allowed: bool, message: impl Into<String>) -> ServiceResult<()> {
    if allowed {
        Ok(())
    } else {
        Err(ServiceError::forbidden(message.into()))
    }
}

/// Fails with FORBIDDEN and `message` unless `rule` allows the call where `unit` stands
/// relative to the caller.
pub async fn allow_at(
    db: &impl ConnectionTrait,
    actor: &Actor,
    unit: UnitId,
    rule: impl FnOnce(Placement) -> bool,
    message: &str,
) -> ServiceResult<()> {
    allow(rule(placement(db, actor, unit).await?), message)
}

/// The caller's role, when `rule` (a `domain::scope` rule asked at its most favourable
/// placement) grants that role the power at all; FORBIDDEN otherwise, before any query. The
/// rule states the roles once; the placement is checked against it afterwards. An API token
/// only reads, so no rule grants it anything.
pub fn role_for(actor: &Actor, action: &str, rule: impl Fn(Role) -> bool) -> ServiceResult<Role> {
    match actor.role() {
        Some(role) if rule(role) => Ok(role),
        Some(role) => Err(ServiceError::forbidden(format!(
            "role {role} may not {action}"
        ))),
        None => Err(ServiceError::forbidden(format!(
            "an API token may not {action}: it only reads"
        ))),
    }
}

/// Fails with FORBIDDEN unless the caller is an ADMIN of the province root: the powers that
/// are province-wide by nature (the catalogue, decisions, rankings).
pub fn require_province_admin(actor: &Actor, action: &str) -> ServiceResult<()> {
    let role = role_for(actor, action, |r| {
        may_administer_province(r, Reach::Province)
    })?;
    allow(
        may_administer_province(role, reach(actor)),
        format!("only an ADMIN of the province root may {action}"),
    )
}

/// A lookup that answers NOT_FOUND ("unit 7 not found") when nothing was there.
pub trait OrNotFound<T> {
    /// The value, or NOT_FOUND naming `what`.
    fn or_not_found(self, what: impl std::fmt::Display) -> ServiceResult<T>;
}

impl<T> OrNotFound<T> for Option<T> {
    fn or_not_found(self, what: impl std::fmt::Display) -> ServiceResult<T> {
        self.ok_or_else(|| ServiceError::not_found(what))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::actor::Principal;
    use crate::domain::scope::Placement;
    use crate::domain::scope::may_manage_in_scope;
    use shared::ids::{ApiTokenId, UserId};

    fn caller(principal: Principal) -> Actor {
        Actor {
            principal,
            scope: UnitId(1),
            scope_is_root: true,
        }
    }

    fn user(role: Role) -> Actor {
        caller(Principal::User {
            id: UserId(1),
            role,
        })
    }

    #[test]
    fn roles_the_rule_does_not_grant_and_tokens_are_forbidden() {
        let manage = |r| may_manage_in_scope(r, Placement::Below);
        assert_eq!(
            role_for(&user(Role::Manager), "x", manage).ok(),
            Some(Role::Manager)
        );
        assert!(role_for(&user(Role::Viewer), "x", manage).is_err());
        let token = caller(Principal::ApiToken { id: ApiTokenId(1) });
        assert!(role_for(&token, "x", |_| true).is_err());
        assert!(token.require_user("x").is_err());
    }
}
