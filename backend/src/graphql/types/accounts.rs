//! Accounts, sessions, API tokens and audit entries as the contract shows them.

use super::Staff;
use crate::domain::model;
use async_graphql::SimpleObject;
use chrono::{DateTime, Utc};
use shared::*;

object! {
    /// A login account.
    User(model::User) {
        id: id;
        str: username;
        copy: role: Role;
        unit;
        maybe staff: Staff = staff(staff_id);
    }
}

/// A fresh session.
#[derive(SimpleObject)]
pub struct AuthPayload {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: User,
}

object! {
    /// An audit log entry.
    AuditEntry(model::AuditEntry) {
        id: id;
        copy: at: DateTime<Utc>;
        maybe actor: User = users(actor_id);
        str: action, entity, entity_id;
        opt_str: before, after;
    }
}

object! {
    /// A third-party API token (without its secret).
    ApiToken(model::ApiToken) {
        id: id;
        str: name;
        unit;
        copy: created_at: DateTime<Utc>, expires_at: Option<DateTime<Utc>>, revoked: bool;
    }
}

/// A new API token with its secret, shown once.
#[derive(SimpleObject)]
pub struct ApiTokenPayload {
    pub token: String,
    pub api_token: ApiToken,
}
