//! Accounts, sessions, API tokens and audit entries as the contract shows them.

use super::{Staff, may_see_account};
use crate::domain::model;
use crate::graphql::loaders::loaders;
use async_graphql::SimpleObject;
use async_graphql::{Context, Result};
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
        /// The account's own e-mail address (null when none is set). Shown to ADMIN and
        /// to the account's owner only.
        async fn email(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
            Ok(self.0.email.as_deref().filter(|_| {
                may_see_account(ctx, self.0.id).unwrap_or(false)
            }))
        }
        /// Where the cycle's e-mails to this account go: its own address, else its linked
        /// staff member's; null when neither has one. Shown to ADMIN and to the owner only.
        async fn effective_email(&self, ctx: &Context<'_>) -> Result<Option<String>> {
            if !may_see_account(ctx, self.0.id)? {
                return Ok(None);
            }
            if let Some(own) = &self.0.email {
                return Ok(Some(own.clone()));
            }
            let Some(staff) = self.0.staff_id else {
                return Ok(None);
            };
            let found = loaders(ctx)?.staff.load_one(staff).await?;
            Ok(found.and_then(|s| s.email))
        }
        /// The kinds of e-mail the user turned off (every other kind, the monthly digest
        /// included, is sent). Shown to ADMIN and to the owner only (empty for others).
        async fn muted_mails(&self, ctx: &Context<'_>) -> Result<Vec<MailKind>> {
            if may_see_account(ctx, self.0.id)? {
                Ok(self.0.muted.clone())
            } else {
                Ok(Vec::new())
            }
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
