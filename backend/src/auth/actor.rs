//! The caller of a use case: a user with a role, or a read-only API token, each scoped to
//! one unit and its subtree.

use crate::error::{ServiceError, ServiceResult};
use shared::Role;
use shared::ids::{ApiTokenId, UnitId, UserId};

/// Who is calling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// A logged-in user.
    User {
        /// The account.
        id: UserId,
        /// Its role.
        role: Role,
    },
    /// A third-party system with an API token: reads only.
    ApiToken {
        /// The token.
        id: ApiTokenId,
    },
}

/// The authenticated caller: the first argument of every service function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// User or token.
    pub principal: Principal,
    /// The unit whose subtree the caller may see.
    pub scope: UnitId,
    /// Whether the scope is a root of the tree (then every unit is in scope).
    pub scope_is_root: bool,
}

impl Actor {
    /// The role of a user; `None` for an API token.
    pub fn role(&self) -> Option<Role> {
        match self.principal {
            Principal::User { role, .. } => Some(role),
            Principal::ApiToken { .. } => None,
        }
    }

    /// The user id, for a user.
    pub fn user_id(&self) -> Option<UserId> {
        match self.principal {
            Principal::User { id, .. } => Some(id),
            Principal::ApiToken { .. } => None,
        }
    }

    /// Whether the caller is an ADMIN user.
    pub fn is_admin(&self) -> bool {
        self.role() == Some(Role::Admin)
    }

    /// Fails unless the caller is a user (any role).
    pub fn require_user(&self, action: &str) -> ServiceResult<UserId> {
        self.user_id().ok_or_else(|| {
            ServiceError::forbidden(format!("an API token may not {action}: it only reads"))
        })
    }
}
